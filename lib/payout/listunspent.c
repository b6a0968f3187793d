#include "listunspent.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "decimal.h"
#include "jscan.h"

static const struct fl_utxo_names json_names = {"member", "txid", "vout",
    "amount", "scriptPubKey", "address", "redeemScript", "prev_tx", "desc"};

int
fl_listunspent_sat(const json_t *v, uint64_t *sat)
{
	struct fl_err e2;
	char text[40];
	uint64_t s;
	double d;

	*sat = 0;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i <= 0 || i > 21000000)
			return -1;
		*sat = (uint64_t)i * (uint64_t)FL_COIN;
		return 0;
	}
	if (!json_is_real(v))
		return -1;
	d = json_real_value(v);
	if (!(d > 0 && d <= 21e6))
		return -1;
	fl_jscan_real_text(d, text, sizeof(text));
	if (fl_decimal_parse(text, 8, 0, &s, &e2) != 0 || s == 0 ||
	    s > (uint64_t)FL_MAX_MONEY)
		return -1;
	*sat = s;
	return 0;
}

static const char *
json_str(const json_t *o, const char *key, int *bad)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

/*
 * What jansson may allocate for the tree of a coin file: 8 bytes for each
 * byte of text, and 1 MiB.  The listunspent of bitcoin-cli takes about 4
 * (as printed) to 6 (compact); a text of tiny values takes up to 20
 * ("[0,0,0,...]": 1.4 GB for 64 MiB), and is refused at the budget.
 */
#define TREE_PER_BYTE 8
#define TREE_BASE ((size_t)1 << 20)

union tree_hdr {
	size_t n;
	max_align_t align;
};

static size_t tree_used, tree_max;
static int tree_over;

static void *
tree_malloc(size_t n)
{
	union tree_hdr *h;

	if (n > tree_max - tree_used || n + sizeof *h > tree_max - tree_used) {
		tree_over = 1;
		return NULL;
	}
	if ((h = malloc(sizeof *h + n)) == NULL)
		return NULL;
	h->n = sizeof *h + n;
	tree_used += h->n;
	return h + 1;
}

static void
tree_free(void *p)
{
	union tree_hdr *h;

	if (p == NULL)
		return;
	h = (union tree_hdr *)p - 1;
	tree_used -= h->n;
	free(h);
}

static int read_tree(const char *text, size_t len, enum fl_network net,
    struct fl_utxos *us, struct fl_err *e);

int
fl_listunspent_read(const char *text, size_t len, enum fl_network net,
    struct fl_utxos *us, struct fl_err *e)
{
	json_malloc_t om;
	json_free_t of;
	int rc;

	/* Only this tree is counted: jansson's own functions around it. */
	json_get_alloc_funcs(&om, &of);
	tree_used = 0;
	tree_over = 0;
	tree_max = len < (SIZE_MAX - TREE_BASE) / TREE_PER_BYTE
	    ? len * TREE_PER_BYTE + TREE_BASE
	    : SIZE_MAX;
	json_set_alloc_funcs(tree_malloc, tree_free);
	rc = read_tree(text, len, net, us, e);
	json_set_alloc_funcs(om, of);
	return rc;
}

static int
read_tree(const char *text, size_t len, enum fl_network net,
    struct fl_utxos *us, struct fl_err *e)
{
	json_error_t je;
	json_t *root, *o, *v;
	struct fl_utxo_fields f;
	size_t i;
	int rc = 0, bad = 0;
	char pos[64];

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL && tree_over)
		return fl_err_set(e, FL_EDATA,
		    "too many JSON values for its size: reading %zu bytes "
		    "would take more than %zu MiB",
		    len, tree_max >> 20);
	if (root == NULL)
		return fl_err_setl(e, FL_EDATA, (unsigned long)je.line,
		    (unsigned long)je.column, "invalid JSON: %s", je.text);
	if (!json_is_array(root)) {
		json_decref(root);
		return fl_err_set(e, FL_EDATA,
		    "not a JSON array of coins (bitcoin-cli listunspent)");
	}
	us->json = 1;
	json_array_foreach(root, i, o)
	{
		snprintf(pos, sizeof pos, "entry %zu: ", i + 1);
		memset(&f, 0, sizeof f);
		if (!json_is_object(o)) {
			rc = fl_err_set(e, FL_EDATA, "%snot an object", pos);
			break;
		}
		f.txid = json_str(o, "txid", &bad);
		f.spk = json_str(o, "scriptPubKey", &bad);
		f.address = json_str(o, "address", &bad);
		f.redeem = json_str(o, "redeemScript", &bad);
		f.prev = json_str(o, "prev_tx", &bad);
		f.desc = json_str(o, "desc", &bad);
		if (bad || f.txid == NULL) {
			rc = fl_err_set(e, FL_EDATA,
			    "%smember \"txid\", \"scriptPubKey\", \"address\", "
			    "\"redeemScript\", \"prev_tx\" or \"desc\" "
			    "missing or not a string",
			    pos);
			break;
		}
		v = json_object_get(o, "vout");
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "%smember \"vout\": missing or not an integer",
			    pos);
			break;
		}
		f.vout = (uint64_t)json_integer_value(v);
		if (fl_listunspent_sat(json_object_get(o, "amount"), &f.sat) !=
		    0) {
			rc = fl_err_set(e, FL_EDATA,
			    "%smember \"amount\": missing, or not an amount of "
			    "BTC with at most 8 decimals",
			    pos);
			break;
		}
		rc = fl_utxo_add(us, &f, &json_names, net, i + 1, e);
		if (rc != 0) {
			fl_err_prefix(e, "entry %zu", i + 1);
			break;
		}
	}
	json_decref(root);
	return rc;
}
