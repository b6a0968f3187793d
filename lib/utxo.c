#include "utxo.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "decimal.h"
#include "hash.h"
#include "hex.h"
#include "input.h"
#include "key.h"
#include "script.h"
#include "tsv.h"
#include "tx.h"

/* The longest file accepted: a wallet with a few hundred thousand coins. */
#define UTXO_FILE_MAX ((size_t)256 << 20)

/* The names of the fields, as the file spells them. */
struct names {
	const char *what; /* "column" or "member" */
	const char *txid, *vout, *sat, *spk, *address, *redeem, *prev, *desc;
};

static const struct names tsv_names = {"column", "txid", "vout", "sat",
    "script_pubkey", "address", "redeem_script", "prev_tx", "desc"};
static const struct names json_names = {"member", "txid", "vout", "amount",
    "scriptPubKey", "address", "redeemScript", "prev_tx", "desc"};

/* The fields of one coin as text; NULL or "" when absent. */
struct fields {
	const char *txid, *spk, *address, *redeem, *prev, *desc;
	uint64_t vout, sat;
};

static int
grow(struct fl_utxos *us, size_t *cap, struct fl_err *e)
{
	struct fl_utxo *p;
	size_t ncap;

	if (us->n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	p = realloc(us->u, ncap * sizeof *p);
	if (p == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	us->u = p;
	*cap = ncap;
	return 0;
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

static int
check_prev(struct fl_utxo *u, const struct names *nm, const char *hex,
    struct fl_err *e)
{
	struct fl_tx tx;
	struct fl_err e2;
	uint8_t txid[32];
	size_t len = strlen(hex), n;
	int rc;

	u->prev_tx = malloc(len / 2 + 1);
	if (u->prev_tx == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if (fl_hex_decode(hex, u->prev_tx, len / 2 + 1, &n, &e2) != 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\": invalid hex",
		    nm->what, nm->prev);
	u->prev_tx_len = n;
	rc = fl_tx_parse(u->prev_tx, n, 1, &tx, &e2);
	if (rc == 0)
		rc = fl_tx_txid(&tx, txid, &e2);
	if (rc != 0) {
		fl_tx_free(&tx);
		return fl_err_set(e, rc, "%s \"%s\": invalid transaction: %s",
		    nm->what, nm->prev, e2.msg);
	}
	rc = 0;
	if (memcmp(txid, u->txid, 32) != 0)
		rc = fl_err_set(e, FL_EDATA,
		    "%s \"%s\": the transaction's txid is not the coin's",
		    nm->what, nm->prev);
	else if (u->vout >= tx.nout || tx.out[u->vout].value != u->value ||
	    tx.out[u->vout].spk_len != u->spk_len ||
	    memcmp(tx.out[u->vout].spk, u->spk, u->spk_len) != 0)
		rc = fl_err_set(e, FL_EDATA,
		    "%s \"%s\": output %u of the transaction is not the coin",
		    nm->what, nm->prev, (unsigned)u->vout);
	fl_tx_free(&tx);
	return rc;
}

/* Skips s past the literal lit; 0 if s does not start with it. */
static int
eat(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return 0;
	*s += n;
	return 1;
}

/*
 * Reads a descriptor of the forms in the header into u.  Returns 0 (also
 * for a form it ignores), or FL_EDATA with e set when the descriptor's key
 * does not give the coin's script.
 */
static int
parse_desc(struct fl_utxo *u, enum fl_script_type t, const uint8_t *prog,
    const struct names *nm, const char *desc, struct fl_err *e)
{
	const char *s = desc, *end;
	uint8_t key[33], h[20], out[32], wpkh[22];
	size_t n, i, len, depth = 0;
	enum { PKH, WPKH, SH_WPKH, TR } form;
	unsigned long long idx;
	char hex[67];
	struct fl_err e2;
	char *q;

	if (eat(&s, "pkh("))
		form = PKH, depth = 1;
	else if (eat(&s, "wpkh("))
		form = WPKH, depth = 1;
	else if (eat(&s, "sh(wpkh("))
		form = SH_WPKH, depth = 2;
	else if (eat(&s, "tr("))
		form = TR, depth = 1;
	else
		return 0;
	u->path_len = 0;
	u->has_origin = 0;
	if (*s == '[') {
		s++;
		if (strlen(s) < 8)
			return 0;
		memcpy(hex, s, 8);
		hex[8] = '\0';
		if (fl_hex_decode(hex, u->fingerprint, 4, &n, &e2) != 0)
			return 0;
		s += 8;
		while (*s == '/') {
			s++;
			if (*s < '0' || *s > '9' ||
			    u->path_len == FL_UTXO_PATH_MAX)
				return 0;
			idx = strtoull(s, &q, 10);
			s = q;
			if (idx >= 0x80000000ULL)
				return 0;
			if (*s == 'h' || *s == 'H' || *s == '\'') {
				idx |= 0x80000000ULL;
				s++;
			}
			u->path[u->path_len++] = (uint32_t)idx;
		}
		if (*s++ != ']')
			return 0;
		u->has_origin = 1;
	}
	for (end = s; (*end >= '0' && *end <= '9') ||
	     (*end >= 'a' && *end <= 'f') || (*end >= 'A' && *end <= 'F');
	     end++)
		;
	len = (size_t)(end - s);
	if (len != (form == TR ? 64 : 66))
		return 0;
	for (i = 0; i < depth; i++)
		if (end[i] != ')')
			return 0;
	if (end[depth] != '\0' && end[depth] != '#')
		return 0;
	memcpy(hex, s, len);
	hex[len] = '\0';
	if (fl_hex_decode(hex, key, sizeof key, &n, &e2) != 0)
		return 0;
	switch (form) {
	case PKH:
	case WPKH:
		fl_hash160(key, 33, h);
		if ((form == PKH ? t != FL_SCRIPT_P2PKH
				 : t != FL_SCRIPT_P2WPKH) ||
		    memcmp(h, prog, 20) != 0)
			goto mismatch;
		break;
	case SH_WPKH:
		fl_hash160(key, 33, h);
		n = fl_script_p2wpkh(h, wpkh);
		fl_hash160(wpkh, n, h);
		if (t != FL_SCRIPT_P2SH || memcmp(h, prog, 20) != 0)
			goto mismatch;
		if (u->redeem_len == 0) {
			memcpy(u->redeem, wpkh, n);
			u->redeem_len = n;
		}
		break;
	case TR:
		if (t != FL_SCRIPT_P2TR ||
		    fl_key_taproot_tweak(secp256k1_context_static, key, out,
			NULL, &e2) != 0 ||
		    memcmp(out, prog, 32) != 0)
			goto mismatch;
		break;
	}
	memcpy(u->pubkey, key, len / 2);
	u->pubkey_len = len / 2;
	return 0;
mismatch:
	u->path_len = 0;
	u->has_origin = 0;
	return fl_err_set(e, FL_EDATA,
	    "%s \"%s\": the descriptor's key does not give the coin's script",
	    nm->what, nm->desc);
}

/* Checks one coin and appends it to us; e has no location yet. */
static int
add_coin(struct fl_utxos *us, size_t *cap, const struct fields *f,
    const struct names *nm, enum fl_network net, unsigned long line,
    struct fl_err *e)
{
	struct fl_utxo *u;
	struct fl_address a;
	struct fl_err e2;
	enum fl_script_type t;
	uint8_t prog[40], h[20];
	size_t proglen, n, i;
	uint64_t total = 0;
	int rc;

	if ((rc = grow(us, cap, e)) != 0)
		return rc;
	u = &us->u[us->n];
	memset(u, 0, sizeof *u);
	u->line = line;
	if (strlen(f->txid) != 64 ||
	    fl_hex_decode(f->txid, u->txid, 32, &n, &e2) != 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\": invalid txid \"%s\"",
		    nm->what, nm->txid, f->txid);
	fl_hex_reverse(u->txid, 32);
	if (f->vout > UINT32_MAX)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": vout %llu out of range", nm->what, nm->vout,
		    (unsigned long long)f->vout);
	u->vout = (uint32_t)f->vout;
	if (f->sat == 0 || f->sat > (uint64_t)FL_MAX_MONEY)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": amount out of range (0 or above 21,000,000 "
		    "BTC)",
		    nm->what, nm->sat);
	u->value = f->sat;
	for (i = 0; i < us->n; i++) {
		total += us->u[i].value;
		if (us->u[i].vout == u->vout &&
		    memcmp(us->u[i].txid, u->txid, 32) == 0)
			return fl_err_set(e, FL_EDATA,
			    "coin %s:%u appears twice (also line %lu)", f->txid,
			    (unsigned)u->vout, us->u[i].line);
	}
	if (total + u->value > (uint64_t)FL_MAX_MONEY)
		return fl_err_set(e, FL_EDATA,
		    "the coins add up to more than 21,000,000 BTC");
	if (!empty(f->spk)) {
		if (fl_hex_decode(f->spk, u->spk, sizeof u->spk, &n, &e2) != 0)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": invalid or unsupported script \"%s\"",
			    nm->what, nm->spk, f->spk);
		u->spk_len = n;
	}
	if (!empty(f->address)) {
		if (fl_address_decode(f->address, net, 0, &a, NULL, &e2) != 0)
			return fl_err_set(e, FL_EDATA, "%s \"%s\": %s",
			    nm->what, nm->address, e2.msg);
		if (empty(f->spk)) {
			memcpy(u->spk, a.spk, a.spklen);
			u->spk_len = a.spklen;
		} else if (a.spklen != u->spk_len ||
		    memcmp(a.spk, u->spk, u->spk_len) != 0) {
			return fl_err_set(e, FL_EDATA,
			    "address \"%s\" does not match the script",
			    f->address);
		}
	}
	if (u->spk_len == 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\" or \"%s\" is empty",
		    nm->what, nm->spk, nm->address);
	t = fl_script_classify(u->spk, u->spk_len, prog, &proglen, NULL);
	if (t != FL_SCRIPT_P2PKH && t != FL_SCRIPT_P2SH &&
	    t != FL_SCRIPT_P2WPKH && t != FL_SCRIPT_P2TR)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": unsupported script type \"%s\"", nm->what,
		    nm->spk, fl_script_type_name(t));
	if (!empty(f->redeem)) {
		if (t != FL_SCRIPT_P2SH)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\" given for a %s coin", nm->what,
			    nm->redeem, fl_script_type_name(t));
		if (fl_hex_decode(f->redeem, u->redeem, sizeof u->redeem, &n,
			&e2) != 0 ||
		    fl_script_classify(u->redeem, n, NULL, NULL, NULL) !=
			FL_SCRIPT_P2WPKH)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": not a P2WPKH script (only P2SH-P2WPKH "
			    "coins are supported)",
			    nm->what, nm->redeem);
		fl_hash160(u->redeem, n, h);
		if (memcmp(h, prog, 20) != 0)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": its hash is not the script's", nm->what,
			    nm->redeem);
		u->redeem_len = n;
	}
	if (!empty(f->desc) &&
	    (rc = parse_desc(u, t, prog, nm, f->desc, e)) != 0)
		return rc;
	if (!empty(f->prev)) {
		rc = check_prev(u, nm, f->prev, e);
		if (rc != 0) {
			free(u->prev_tx);
			u->prev_tx = NULL;
			return rc;
		}
	}
	us->n++;
	return 0;
}

static int
read_tsv(FILE *fp, enum fl_network net, struct fl_utxos *us, struct fl_err *e)
{
	struct fl_tsv_reader r;
	struct fields f;
	size_t cap = 0;
	int c_txid, c_vout, c_sat, c_spk, c_addr, c_redeem, c_prev, c_desc, rc;

	rc = fl_tsv_open(&r, fp, e);
	if (rc != 0)
		goto out;
	if ((c_txid = fl_tsv_require(&r, "txid", NULL, e)) < 0 ||
	    (c_vout = fl_tsv_require(&r, "vout", NULL, e)) < 0 ||
	    (c_sat = fl_tsv_require(&r, "sat", NULL, e)) < 0) {
		rc = FL_EDATA;
		goto out;
	}
	c_spk = fl_tsv_col(&r, "script_pubkey");
	c_addr = fl_tsv_col(&r, "address");
	c_redeem = fl_tsv_col(&r, "redeem_script");
	c_prev = fl_tsv_col(&r, "prev_tx");
	c_desc = fl_tsv_col(&r, "desc");
	if (c_spk < 0 && c_addr < 0) {
		rc = fl_err_set(e, FL_EDATA,
		    "missing column \"script_pubkey\" or \"address\"");
		goto out;
	}
	while ((rc = fl_tsv_next(&r, e)) == 1) {
		memset(&f, 0, sizeof f);
		f.txid = r.field[c_txid];
		if ((rc = fl_tsv_u64(&r, c_vout, 0, &f.vout, e)) != 0 ||
		    (rc = fl_tsv_u64(&r, c_sat, 0, &f.sat, e)) != 0)
			goto out;
		f.spk = c_spk >= 0 ? r.field[c_spk] : NULL;
		f.address = c_addr >= 0 ? r.field[c_addr] : NULL;
		f.redeem = c_redeem >= 0 ? r.field[c_redeem] : NULL;
		f.prev = c_prev >= 0 ? r.field[c_prev] : NULL;
		f.desc = c_desc >= 0 ? r.field[c_desc] : NULL;
		rc = add_coin(us, &cap, &f, &tsv_names, net, r.lineno, e);
		if (rc != 0) {
			e->line = r.lineno;
			goto out;
		}
	}
out:
	fl_tsv_close(&r);
	return rc;
}

/*
 * A JSON amount in BTC as satoshis: see the header for why the round trip
 * through "%.8f" is exact.
 */
static int
json_sat(const json_t *v, uint64_t *sat)
{
	char buf[64];
	double d;
	uint64_t s;
	struct fl_err e2;

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
	snprintf(buf, sizeof buf, "%.8f", d);
	if (fl_decimal_parse(buf, 8, 0, &s, &e2) != 0 || strtod(buf, NULL) != d)
		return -1;
	*sat = s;
	return 0;
}

/*
 * jansson hands a number over as a double, which holds some 16 significant
 * digits: "0.00100000000000000000001" arrives as 0.001 and passes the round
 * trip of json_sat().  So every number that is the value of an "amount"
 * member is also read from the text, exactly; one that is not a whole
 * number of satoshis is refused.  Runs on text that jansson has accepted,
 * so the scan only has to tell strings from the rest.
 */
static int
json_amounts_exact(const char *text, size_t len, struct fl_err *e)
{
	unsigned long line = 1, col0 = 0;
	size_t i = 0, k;
	int key = 0, value = 0;
	char tok[128];
	uint64_t v;
	struct fl_err e2;

	while (i < len) {
		char c = text[i];

		if (c == '"') {
			k = ++i;
			while (i < len && text[i] != '"')
				i += text[i] == '\\' ? 2 : 1;
			key = i - k == 6 && memcmp(text + k, "amount", 6) == 0;
			value = 0;
			i++;
			continue;
		}
		if (c == ':') {
			value = key;
			key = 0;
			i++;
			continue;
		}
		if (value && ((c >= '0' && c <= '9') || c == '-')) {
			for (k = i; k < len && text[k] != '\0' &&
			     strchr("0123456789.eE+-", text[k]) != NULL;
			     k++)
				;
			/* A negative amount is json_sat()'s to refuse. */
			if (c != '-' && k - i < sizeof tok) {
				memcpy(tok, text + i, k - i);
				tok[k - i] = '\0';
			}
			if (c != '-' &&
			    (k - i >= sizeof tok ||
				fl_decimal_parse(tok, 8, 0, &v, &e2) != 0))
				return fl_err_setl(e, FL_EDATA, line,
				    (unsigned long)(i - col0) + 1,
				    "member \"amount\": \"%.*s\" is not an "
				    "amount of BTC with at most 8 decimals",
				    k - i > 64 ? 64 : (int)(k - i), text + i);
			value = 0;
			i = k;
			continue;
		}
		if (c == '\n') {
			line++;
			col0 = i + 1;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			key = value = 0;
		i++;
	}
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

static int
read_json(const char *text, size_t len, enum fl_network net,
    struct fl_utxos *us, struct fl_err *e)
{
	json_error_t je;
	json_t *root, *o, *v;
	struct fields f;
	size_t i, cap = 0;
	int rc = 0, bad = 0;
	char pos[64];

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL)
		return fl_err_setl(e, FL_EDATA, (unsigned long)je.line,
		    (unsigned long)je.column, "invalid JSON: %s", je.text);
	if (!json_is_array(root)) {
		json_decref(root);
		return fl_err_set(e, FL_EDATA,
		    "not a JSON array of coins (bitcoin-cli listunspent)");
	}
	if ((rc = json_amounts_exact(text, len, e)) != 0) {
		json_decref(root);
		return rc;
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
		f.desc = json_str(o, "desc", &bad);
		if (bad || f.txid == NULL) {
			rc = fl_err_set(e, FL_EDATA,
			    "%smember \"txid\", \"scriptPubKey\", \"address\", "
			    "\"redeemScript\" or \"desc\" missing or not a "
			    "string",
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
		if (json_sat(json_object_get(o, "amount"), &f.sat) != 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "%smember \"amount\": missing, or not an amount of "
			    "BTC with at most 8 decimals",
			    pos);
			break;
		}
		rc = add_coin(us, &cap, &f, &json_names, net, i + 1, e);
		if (rc != 0) {
			fl_err_prefix(e, "entry %zu", i + 1);
			break;
		}
	}
	json_decref(root);
	return rc;
}

int
fl_utxos_read(FILE *fp, enum fl_network net, struct fl_utxos *us,
    struct fl_err *e)
{
	char *text;
	size_t len, i;
	FILE *mem;
	int rc;

	memset(us, 0, sizeof *us);
	rc = fl_input_read_all(fp, UTXO_FILE_MAX, &text, &len, e);
	if (rc != 0)
		return rc;
	for (i = 0; i < len && isspace((unsigned char)text[i]); i++)
		;
	if (i == len) {
		rc = fl_err_set(e, FL_EDATA, "no coins: the file is empty");
	} else if (text[i] == '[' || text[i] == '{') {
		rc = read_json(text, len, net, us, e);
	} else if ((mem = fmemopen(text, len, "r")) == NULL) {
		rc = fl_err_set(e, FL_ESYS, "fmemopen: %s", strerror(errno));
	} else {
		rc = read_tsv(mem, net, us, e);
		fclose(mem);
	}
	free(text);
	if (rc != 0)
		fl_utxos_free(us);
	return rc;
}

void
fl_utxos_free(struct fl_utxos *us)
{
	size_t i;

	for (i = 0; i < us->n; i++)
		free(us->u[i].prev_tx);
	free(us->u);
	memset(us, 0, sizeof *us);
}
