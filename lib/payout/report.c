/* report: reading the tables and transactions a report shows. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "contact.h"
#include "decimal.h"
#include "fee.h"
#include "hex.h"
#include "psbt.h"
#include "sign.h"
#include "tx.h"

static void
free_strings(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Copies r's comment lines; 0 or FL_ENOMEM. */
static int
copy_comments(const struct fl_tsv_reader *r, char ***out, size_t *n)
{
	size_t i;

	*out = NULL;
	*n = 0;
	if (r->ncomments == 0)
		return 0;
	if ((*out = calloc(r->ncomments, sizeof(**out))) == NULL)
		return FL_ENOMEM;
	for (i = 0; i < r->ncomments; i++) {
		if (((*out)[i] = strdup(r->comments[i])) == NULL) {
			free_strings(*out, i);
			*out = NULL;
			return FL_ENOMEM;
		}
	}
	*n = r->ncomments;
	return 0;
}

int
fl_report_is_fingerprint(const char *s)
{
	size_t i;

	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[40] == '\0';
}

static void
payee_free(struct fl_report_payee *p)
{
	free(p->operator);
	free(p->address);
	free(p->address_type);
	free_strings(p->fp, p->nfp);
	free(p->cap_reason);
}

void
fl_report_table_free(struct fl_report_table *t)
{
	size_t i;

	free_strings(t->prov, t->nprov);
	for (i = 0; i < t->n; i++)
		payee_free(&t->p[i]);
	free(t->p);
	memset(t, 0, sizeof(*t));
}

/* Splits the fingerprints column of x; each must be a fingerprint. */
static int
split_fingerprints(const char *s, struct fl_report_payee *x, unsigned long line,
    struct fl_err *e)
{
	const char *p = s, *q;
	size_t n = 1, i;

	if (*s == '\0')
		return 0;
	for (q = s; *q != '\0'; q++)
		n += *q == ',';
	if ((x->fp = calloc(n, sizeof(*x->fp))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		size_t len = strcspn(p, ",");

		if ((x->fp[i] = strndup(p, len)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		x->nfp = i + 1;
		if (!fl_report_is_fingerprint(x->fp[i]))
			return fl_err_setl(e, FL_EDATA, line, 0,
			    "column \"fingerprints\": invalid fingerprint "
			    "\"%s\"",
			    x->fp[i]);
		p += len + 1;
	}
	return 0;
}

static int
payee_cmp(const void *a, const void *b)
{
	const struct fl_report_payee *x = a, *y = b;

	if (x->sat != y->sat)
		return x->sat > y->sat ? -1 : 1;
	return strcmp(x->address, y->address);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Counts the distinct operators of the paid rows, and finds duplicates. */
static int
check_unique(struct fl_report_table *t, struct fl_err *e)
{
	char **v;
	size_t i, k;

	if (t->n == 0)
		return 0;
	if ((v = malloc(t->n * sizeof(*v))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < t->n; i++)
		v[i] = t->p[i].address;
	qsort(v, t->n, sizeof(*v), str_cmp);
	for (i = 1; i < t->n; i++) {
		if (strcmp(v[i - 1], v[i]) == 0) {
			unsigned long line = 0;

			/* Name the last of its lines: the row that repeats it. */
			for (k = 0; k < t->n; k++)
				if (strcmp(t->p[k].address, v[i]) == 0 &&
				    t->p[k].line > line)
					line = t->p[k].line;
			fl_err_setl(e, FL_EDATA, line, 0,
			    "address \"%s\" appears twice", v[i]);
			free(v);
			return FL_EDATA;
		}
	}
	for (i = 0; i < t->npaid; i++)
		v[i] = t->p[i].operator;
	qsort(v, t->npaid, sizeof(*v), str_cmp);
	for (i = 0, k = 0; i < t->npaid; i++)
		if (i == 0 || strcmp(v[i - 1], v[i]) != 0)
			k++;
	t->noperators = k;
	free(v);
	return 0;
}

int
fl_report_read(struct fl_tsv_reader *r, struct fl_report_table *t,
    struct fl_err *e)
{
	static const char *const weigh = "flattor-weigh",
				 *const cap = "flattor-cap";
	enum { C_OP, C_ADDR, C_RELAYS, C_FPS, C_WEIGHT, C_SHARE, C_SAT, C_N };
	static const char *const name[C_N] = {"operator", "address", "relays",
	    "fingerprints", "weight", "share", "sat"};
	int col[C_N], c_type, c_unc, c_reason, rc;
	size_t cap_n = 0, i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < C_N; i++)
		if ((col[i] = fl_tsv_require(r, name[i], weigh, e)) < 0)
			return col[i];
	c_type = fl_tsv_col(r, "address_type");
	c_unc = fl_tsv_col(r, "uncapped_sat");
	c_reason = fl_tsv_col(r, "cap_reason");
	if (c_unc >= 0 && c_reason < 0)
		return fl_tsv_require(r, "cap_reason", cap, e);
	if (c_reason >= 0 && c_unc < 0)
		return fl_tsv_require(r, "uncapped_sat", cap, e);
	t->capped = c_unc >= 0;
	if (copy_comments(r, &t->prov, &t->nprov) != 0)
		return fl_err_set(e, FL_ENOMEM, "out of memory");

	while ((rc = fl_tsv_next(r, e)) == 1) {
		struct fl_report_payee *x;
		const char *share = r->field[col[C_SHARE]];

		if (t->n == cap_n) {
			size_t ncap = cap_n ? cap_n * 2 : 64;
			struct fl_report_payee *p;

			if ((p = realloc(t->p, ncap * sizeof(*p))) == NULL)
				goto nomem;
			t->p = p;
			cap_n = ncap;
		}
		x = &t->p[t->n++];
		memset(x, 0, sizeof(*x));
		x->line = r->lineno;
		if ((x->operator= strdup(r->field[col[C_OP]])) == NULL ||
		    (x->address = strdup(r->field[col[C_ADDR]])) == NULL ||
		    (x->address_type = strdup(
			 c_type >= 0 ? r->field[c_type] : "")) == NULL ||
		    (x->cap_reason = strdup(
			 c_reason >= 0 ? r->field[c_reason] : "")) == NULL)
			goto nomem;
		if (fl_tsv_u64(r, col[C_RELAYS], 0, &x->relays, e) != 0 ||
		    fl_tsv_u64(r, col[C_WEIGHT], 0, &x->weight, e) != 0 ||
		    fl_tsv_u64(r, col[C_SAT], 0, &x->sat, e) != 0 ||
		    (c_unc >= 0 &&
			fl_tsv_u64(r, c_unc, 0, &x->uncapped_sat, e) != 0))
			goto fail;
		if (c_unc < 0)
			x->uncapped_sat = x->sat;
		if (*x->address == '\0') {
			fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"address\": empty");
			goto fail;
		}
		if (fl_decimal_parse(share, 12, 0, &x->share, e) != 0 ||
		    x->share > UINT64_C(1000000000000)) {
			fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"share\": invalid share \"%s\"", share);
			goto fail;
		}
		if ((rc = split_fingerprints(r->field[col[C_FPS]], x, r->lineno,
			 e)) != 0)
			goto fail;
		if (x->relays != x->nfp) {
			fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"relays\": %llu, but %zu fingerprints",
			    (unsigned long long)x->relays, x->nfp);
			goto fail;
		}
		if (x->sat > (uint64_t)FL_MAX_MONEY - t->paid ||
		    x->uncapped_sat > (uint64_t)FL_MAX_MONEY - t->amount) {
			fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "the amounts add up to more than 21000000 BTC");
			goto fail;
		}
		t->paid += x->sat;
		t->amount += x->uncapped_sat;
		if (x->sat > 0)
			t->npaid++;
	}
	if (rc < 0)
		goto fail;
	if (t->n > 0)
		qsort(t->p, t->n, sizeof(*t->p), payee_cmp);
	if ((rc = check_unique(t, e)) != 0)
		goto fail;
	return 0;
nomem:
	rc = fl_err_set(e, FL_ENOMEM, "out of memory");
fail:
	fl_report_table_free(t);
	return rc < 0 ? rc : FL_EDATA;
}

/* The relays table. */

static int
has_flag(const char *list, const char *flag)
{
	size_t n = strlen(flag);

	while (*list != '\0') {
		size_t len = strcspn(list, ",");

		if (len == n && memcmp(list, flag, n) == 0)
			return 1;
		list += len;
		if (*list == ',')
			list++;
	}
	return 0;
}

static int
bool_field(const struct fl_tsv_reader *r, int c, int empty_ok, int *v,
    struct fl_err *e)
{
	const char *s = r->field[c];

	*v = 0;
	if ((s[0] == '0' || s[0] == '1') && s[1] == '\0') {
		*v = s[0] == '1';
		return 0;
	}
	if (empty_ok && s[0] == '\0')
		return 0;
	return fl_err_setl(e, FL_EDATA, r->lineno, 0,
	    "column \"%s\": invalid boolean \"%s\"", r->cols[c], s);
}

/* bsearch() of a string in an array of strings. */
static int
str_search(const void *key, const void *b)
{
	return strcmp(key, *(char *const *)b);
}

static int
relay_cmp(const void *a, const void *b)
{
	const struct fl_report_relay *x = a, *y = b;

	return strcmp(x->fingerprint, y->fingerprint);
}

static int
relay_search(const void *key, const void *b)
{
	const struct fl_report_relay *y = b;

	return strcmp(key, y->fingerprint);
}

void
fl_report_net_free(struct fl_report_net *n)
{
	size_t i;

	free_strings(n->prov, n->nprov);
	for (i = 0; i < n->nrelay; i++) {
		free(n->relay[i].fingerprint);
		free(n->relay[i].nickname);
		free(n->relay[i].contact);
	}
	free(n->relay);
	memset(n, 0, sizeof(*n));
}

/* The sorted fingerprints of every payee of t (pointers into t). */
static int
payee_fingerprints(const struct fl_report_table *t, const char ***out,
    size_t *n)
{
	size_t i, k, total = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < t->n; i++)
		total += t->p[i].nfp;
	if (total == 0)
		return 0;
	if ((*out = malloc(total * sizeof(**out))) == NULL)
		return FL_ENOMEM;
	for (i = 0, total = 0; i < t->n; i++)
		for (k = 0; k < t->p[i].nfp; k++)
			(*out)[total++] = t->p[i].fp[k];
	qsort(*out, total, sizeof(**out), str_cmp);
	*n = total;
	return 0;
}

int
fl_report_net_read(struct fl_tsv_reader *r, enum fl_network net,
    const struct fl_report_table *t, struct fl_report_net *n, struct fl_err *e)
{
	enum { C_FP, C_NICK, C_RUN, C_FLAGS, C_MEAS, C_CW, C_CONTACT, C_N };
	static const char *const name[C_N] = {"fingerprint", "nickname",
	    "running", "flags", "measured", "consensus_weight", "contact"};
	const char **fps = NULL;
	size_t nfps, cap_n = 0, i, k;
	int col[C_N], rc;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < C_N; i++)
		if ((col[i] = fl_tsv_require(r, name[i], "flattor-fetch", e)) <
		    0)
			return col[i];
	if (copy_comments(r, &n->prov, &n->nprov) != 0 ||
	    payee_fingerprints(t, &fps, &nfps) != 0)
		goto nomem;
	while ((rc = fl_tsv_next(r, e)) == 1) {
		const char *fp = r->field[col[C_FP]],
			   *flags = r->field[col[C_FLAGS]];
		int running, measured, eligible;
		uint64_t cw;
		struct fl_contact ct;
		struct fl_err e2;

		n->relays++;
		if (bool_field(r, col[C_RUN], 0, &running, e) != 0 ||
		    bool_field(r, col[C_MEAS], 1, &measured, e) != 0)
			goto fail;
		if (fl_tsv_u64(r, col[C_CW], 1, &cw, e) < 0)
			goto fail;
		eligible = running && measured && has_flag(flags, "Running") &&
		    has_flag(flags, "Valid") && !has_flag(flags, "BadExit");
		if (eligible) {
			n->eligible++;
			if (cw > UINT64_MAX - n->eligible_weight) {
				fl_err_setl(e, FL_EDATA, r->lineno, 0,
				    "column \"consensus_weight\": total out "
				    "of range");
				goto fail;
			}
			n->eligible_weight += cw;
			if (fl_contact_extract(r->field[col[C_CONTACT]], net, 0,
				&ct, &e2) != 0 ||
			    ct.source == FL_CONTACT_NONE)
				n->eligible_no_address++;
		}
		if (nfps == 0 ||
		    bsearch(fp, fps, nfps, sizeof(*fps), str_search) == NULL)
			continue;
		if (n->nrelay == cap_n) {
			size_t ncap = cap_n ? cap_n * 2 : 64;
			struct fl_report_relay *p;

			if ((p = realloc(n->relay, ncap * sizeof(*p))) == NULL)
				goto nomem;
			n->relay = p;
			cap_n = ncap;
		}
		n->relay[n->nrelay].fingerprint = strdup(fp);
		n->relay[n->nrelay].nickname = strdup(r->field[col[C_NICK]]);
		n->relay[n->nrelay].contact = strdup(r->field[col[C_CONTACT]]);
		n->relay[n->nrelay].consensus_weight = cw;
		n->relay[n->nrelay].eligible = eligible;
		n->nrelay++;
		if (n->relay[n->nrelay - 1].fingerprint == NULL ||
		    n->relay[n->nrelay - 1].nickname == NULL ||
		    n->relay[n->nrelay - 1].contact == NULL)
			goto nomem;
	}
	if (rc < 0)
		goto fail;
	if (n->nrelay > 0)
		qsort(n->relay, n->nrelay, sizeof(*n->relay), relay_cmp);
	for (i = 1; i < n->nrelay; i++)
		if (strcmp(n->relay[i - 1].fingerprint,
			n->relay[i].fingerprint) == 0) {
			fl_err_set(e, FL_EDATA,
			    "fingerprint \"%s\" appears twice",
			    n->relay[i].fingerprint);
			goto fail;
		}
	/* The relays of the paid payees: those are what the round pays. */
	for (i = 0; i < t->npaid; i++) {
		for (k = 0; k < t->p[i].nfp; k++) {
			const struct fl_report_relay *x;

			x = bsearch(t->p[i].fp[k], n->relay, n->nrelay,
			    sizeof(*n->relay), relay_search);
			if (x == NULL) {
				n->missing++;
				continue;
			}
			n->paid_relays++;
			if (x->consensus_weight > UINT64_MAX - n->paid_weight ||
			    x->consensus_weight >
				UINT64_MAX - n->eligible_weight) {
				fl_err_set(e, FL_EDATA,
				    "consensus weight out of range");
				goto fail;
			}
			n->paid_weight += x->consensus_weight;
			/* Weighing was given other options: the relay
			 * counts, so that the share stays a share. */
			if (!x->eligible) {
				n->eligible++;
				n->eligible_weight += x->consensus_weight;
			}
		}
	}
	for (i = t->npaid; i < t->n; i++)
		for (k = 0; k < t->p[i].nfp; k++)
			if (bsearch(t->p[i].fp[k], n->relay, n->nrelay,
				sizeof(*n->relay), relay_search) == NULL)
				n->missing++;
	free(fps);
	return 0;
nomem:
	rc = fl_err_set(e, FL_ENOMEM, "out of memory");
fail:
	free(fps);
	fl_report_net_free(n);
	return rc < 0 ? rc : FL_EDATA;
}

/* Transactions. */

void
fl_report_txs_free(struct fl_report_txs *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->tx[i].in);
		free(x->tx[i].out);
	}
	free(x->tx);
	memset(x, 0, sizeof(*x));
}

/*
 * The coin input i of a PSBT spends, from witness_utxo or
 * non_witness_utxo; *has 0 when neither is there.  The previous
 * transaction is parsed into prev, which the caller frees.
 */
static int
psbt_coin(const struct fl_psbt *p, size_t i, struct fl_tx *prev,
    struct fl_coin *c, int *has, struct fl_err *e)
{
	const struct fl_psbt_in *in = &p->in[i];

	*has = 0;
	memset(c, 0, sizeof(*c));
	if (in->has_witness_utxo) {
		c->value = in->wu_value;
		c->spk = in->wu_spk;
		c->spk_len = in->wu_spk_len;
	} else if (in->non_witness_utxo != NULL) {
		uint32_t vout = p->tx.in[i].vout;

		if (fl_tx_parse(in->non_witness_utxo, in->non_witness_utxo_len,
			1, prev, e) != 0)
			return FL_EDATA;
		if (vout >= prev->nout)
			return fl_err_set(e, FL_EDATA,
			    "input %zu: no output %lu in its previous "
			    "transaction",
			    i, (unsigned long)vout);
		c->value = prev->out[vout].value;
		c->spk = prev->out[vout].spk;
		c->spk_len = prev->out[vout].spk_len;
	} else {
		return 0;
	}
	c->redeem = in->redeem;
	c->redeem_len = in->redeem_len;
	*has = 1;
	return 0;
}

static int
utxo_cmp(const void *a, const void *b)
{
	const struct fl_utxo *x = a, *y = b;
	int c = memcmp(x->txid, y->txid, 32);

	if (c != 0)
		return c;
	return x->vout < y->vout ? -1 : x->vout > y->vout;
}

/* Fills x from tx: inputs (values from coins or the PSBT), outputs. */
static int
fill_tx(struct fl_report_tx *x, const struct fl_tx *tx, const struct fl_psbt *p,
    enum fl_network net, const struct fl_utxos *coins, char *const *paid,
    size_t npaid, struct fl_err *e)
{
	struct fl_fee_tx shape;
	uint8_t id[32];
	size_t i;
	int fee_ok = 1, size_ok = 1;

	if (fl_tx_txid(tx, id, e) != 0)
		return FL_ENOMEM;
	fl_txid_hex(id, x->txid);
	x->in = calloc(tx->nin ? tx->nin : 1, sizeof(*x->in));
	x->out = calloc(tx->nout ? tx->nout : 1, sizeof(*x->out));
	if (x->in == NULL || x->out == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	x->nin = tx->nin;
	x->nout = tx->nout;
	fl_fee_tx_init(&shape);
	for (i = 0; i < tx->nin; i++) {
		struct fl_report_txin *in = &x->in[i];
		struct fl_coin c;
		struct fl_tx prev;
		struct fl_address a;
		struct fl_err e2;
		int has = 0, rc;

		memcpy(in->txid, tx->in[i].txid, 32);
		in->vout = tx->in[i].vout;
		fl_tx_init(&prev);
		if (p != NULL) {
			rc = psbt_coin(p, i, &prev, &c, &has, e);
			if (rc != 0) {
				fl_tx_free(&prev);
				return rc;
			}
		} else if (coins != NULL) {
			struct fl_utxo key, *u;

			memcpy(key.txid, in->txid, 32);
			key.vout = in->vout;
			u = bsearch(&key, coins->u, coins->n, sizeof(*coins->u),
			    utxo_cmp);
			if (u != NULL) {
				memset(&c, 0, sizeof(c));
				c.value = u->value;
				c.spk = u->spk;
				c.spk_len = u->spk_len;
				c.redeem = u->redeem_len ? u->redeem : NULL;
				c.redeem_len = u->redeem_len;
				has = 1;
			}
		}
		if (has) {
			enum fl_sign_type st = fl_sign_type_of(&c);

			in->has_value = 1;
			in->value = c.value;
			if (fl_address_from_script(c.spk, c.spk_len, net, &a,
				&e2) == 0)
				memcpy(in->address, a.text, sizeof(a.text));
			if (c.value > UINT64_MAX - x->in_sat)
				fee_ok = 0;
			else
				x->in_sat += c.value;
			if (st == FL_SIGN_UNSUPPORTED)
				size_ok = 0;
			else
				fl_fee_add_input(&shape, st);
		} else {
			fee_ok = 0;
			size_ok = 0;
		}
		fl_tx_free(&prev);
	}
	for (i = 0; i < tx->nout; i++) {
		struct fl_report_txout *o = &x->out[i];
		struct fl_address a;
		struct fl_err e2;

		o->value = tx->out[i].value;
		if (o->value > (uint64_t)FL_MAX_MONEY - x->out_sat)
			return fl_err_set(e, FL_EDATA,
			    "outputs add up to more than 21000000 BTC");
		x->out_sat += o->value;
		if (fl_address_from_script(tx->out[i].spk, tx->out[i].spk_len,
			net, &a, &e2) == 0)
			memcpy(o->address, a.text, sizeof(a.text));
		o->payee = o->address[0] != '\0' && npaid > 0 &&
		    bsearch(o->address, paid, npaid, sizeof(*paid),
			str_search) != NULL;
		if (o->payee) {
			x->npayee++;
			x->payee_sat += o->value;
		} else {
			x->change_sat += o->value;
		}
		fl_fee_add_output(&shape, tx->out[i].spk_len);
	}
	if (fee_ok) {
		if (x->in_sat < x->out_sat)
			return fl_err_set(e, FL_EDATA,
			    "inputs (%llu sat) are worth less than the "
			    "outputs (%llu sat)",
			    (unsigned long long)x->in_sat,
			    (unsigned long long)x->out_sat);
		x->has_fee = 1;
		x->fee = x->in_sat - x->out_sat;
	}
	if (p == NULL)
		x->vsize = fl_tx_vsize(tx);
	else if (size_ok)
		x->vsize = fl_fee_vsize(fl_fee_weight(&shape, 1));
	return 0;
}

/* Is the line (len bytes) only hex digits? */
static int
all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f') ||
			(s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

static int
decode_line(const char *s, size_t len, enum fl_network net,
    const struct fl_utxos *coins, char *const *paid, size_t npaid,
    struct fl_report_tx *x, struct fl_err *e)
{
	int rc;

	if (len >= 8 && memcmp(s, "cHNidP8", 7) == 0) {
		struct fl_psbt p;

		if ((rc = fl_psbt_decode_base64(s, len, &p, e)) != 0) {
			fl_err_prefix(e, "PSBT");
			return rc;
		}
		x->psbt = 1;
		rc = fill_tx(x, &p.tx, &p, net, coins, paid, npaid, e);
		fl_psbt_free(&p);
		return rc;
	}
	if (len % 2 == 0 && len / 2 <= FL_TX_MAX_SIZE && all_hex(s, len)) {
		uint8_t *raw;
		size_t rawlen;
		char *text;
		struct fl_tx tx;

		if ((raw = malloc(len / 2 + 1)) == NULL ||
		    (text = strndup(s, len)) == NULL) {
			free(raw);
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		}
		rc = fl_hex_decode(text, raw, len / 2, &rawlen, e);
		free(text);
		fl_tx_init(&tx);
		if (rc == 0 && (rc = fl_tx_parse(raw, rawlen, 1, &tx, e)) != 0)
			fl_err_prefix(e, "transaction");
		free(raw);
		if (rc == 0)
			rc = fill_tx(x, &tx, NULL, net, coins, paid, npaid, e);
		fl_tx_free(&tx);
		return rc;
	}
	return fl_err_set(e, FL_EDATA,
	    "neither a PSBT in base64 nor a transaction in hex");
}

static int
count_unpaid(struct fl_report_txs *x, char **paid, size_t npaid,
    struct fl_err *e)
{
	char **outs;
	size_t n = 0, i, k;

	for (i = 0; i < x->n; i++)
		n += x->tx[i].nout;
	if ((outs = malloc((n ? n : 1) * sizeof(*outs))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0, n = 0; i < x->n; i++)
		for (k = 0; k < x->tx[i].nout; k++)
			outs[n++] = x->tx[i].out[k].address;
	qsort(outs, n, sizeof(*outs), str_cmp);
	for (i = 0; i < npaid; i++)
		if (n == 0 ||
		    bsearch(paid[i], outs, n, sizeof(*outs), str_search) ==
			NULL)
			x->unpaid++;
	free(outs);
	return 0;
}

int
fl_report_tx_read(const char *text, size_t len, enum fl_network net,
    const struct fl_utxos *coins, const struct fl_report_table *t,
    struct fl_report_txs *x, struct fl_err *e)
{
	struct fl_utxos sorted = {.u = NULL};
	char **paid = NULL;
	size_t cap_n = 0, i, pos = 0;
	unsigned long line = 0;
	int rc = 0;

	memset(x, 0, sizeof(*x));
	x->has_fee = 1;
	if (t->npaid > 0) {
		if ((paid = malloc(t->npaid * sizeof(*paid))) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		for (i = 0; i < t->npaid; i++)
			paid[i] = t->p[i].address;
		qsort(paid, t->npaid, sizeof(*paid), str_cmp);
	}
	if (coins != NULL && coins->n > 0) {
		sorted.n = coins->n;
		if ((sorted.u = malloc(coins->n * sizeof(*sorted.u))) == NULL) {
			free(paid);
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		}
		memcpy(sorted.u, coins->u, coins->n * sizeof(*sorted.u));
		qsort(sorted.u, sorted.n, sizeof(*sorted.u), utxo_cmp);
		coins = &sorted;
	} else {
		coins = NULL;
	}
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;
		struct fl_report_tx *tx;

		pos += n + (nl != NULL);
		line++;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (x->n == cap_n) {
			size_t ncap = cap_n ? cap_n * 2 : 4;
			struct fl_report_tx *p;

			if ((p = realloc(x->tx, ncap * sizeof(*p))) == NULL) {
				rc = fl_err_set(e, FL_ENOMEM, "out of memory");
				goto out;
			}
			x->tx = p;
			cap_n = ncap;
		}
		tx = &x->tx[x->n++];
		memset(tx, 0, sizeof(*tx));
		tx->line = line;
		if ((rc = decode_line(s, n, net, coins, paid, t->npaid, tx,
			 e)) != 0) {
			e->line = line;
			e->col = 0;
			goto out;
		}
		if (!tx->has_fee)
			x->has_fee = 0;
		x->payee_sat += tx->payee_sat;
		x->change_sat += tx->change_sat;
		x->fee += tx->fee;
	}
	if (x->n == 0) {
		rc = fl_err_set(e, FL_EDATA, "no transaction");
		goto out;
	}
	/* Payees of the table that no output pays. */
	if ((rc = count_unpaid(x, paid, t->npaid, e)) != 0)
		goto out;
out:
	free(paid);
	free(sorted.u);
	if (rc != 0)
		fl_report_txs_free(x);
	return rc;
}
