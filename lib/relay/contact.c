#include "contact.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static const char b58chars[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/*
 * Coin names and tickers, as a URI scheme or a label right before an
 * address: an address-shaped value tied to another coin (a Bitcoin Cash or
 * Litecoin address can look exactly like a Bitcoin one) is never taken as
 * a Bitcoin address.  A space in a name stands for any run of spaces, '-'
 * and '_', or none ("bitcoin cash" is also "Bitcoin-Cash" and
 * "bitcoincash").  The longest name that ends the label decides, so that
 * "Bitcoin Cash" is another coin's though "Bitcoin" is ours.
 * flattor-addrs(1) lists the other coins: keep it in step.
 */
static const struct coin {
	const char *name;
	int ours;
} coins[] = {
    {"bitcoin", 1},
    {"btc", 1},
    {"xbt", 1},
    {"bch", 0},
    {"bcash", 0},
    {"bitcoin cash", 0},
    {"bsv", 0},
    {"bitcoin sv", 0},
    {"bitcoin satoshi vision", 0},
    {"btg", 0},
    {"bitcoin gold", 0},
    {"bcd", 0},
    {"bitcoin diamond", 0},
    {"ltc", 0},
    {"litecoin", 0},
    {"doge", 0},
    {"dogecoin", 0},
    {"dash", 0},
    {"zec", 0},
    {"zcash", 0},
    {"xmr", 0},
    {"monero", 0},
    {"eth", 0},
    {"ethereum", 0},
    {"etc", 0},
    {"ethereum classic", 0},
    {"xec", 0},
    {"ecash", 0},
    {"dgb", 0},
    {"digibyte", 0},
    {"rvn", 0},
    {"ravencoin", 0},
    {"nmc", 0},
    {"namecoin", 0},
    {"vtc", 0},
    {"vertcoin", 0},
    {"grs", 0},
    {"groestlcoin", 0},
    {"ppc", 0},
    {"peercoin", 0},
    {"lbc", 0},
    {"lbry", 0},
    {"xrp", 0},
    {"ripple", 0},
    {"ada", 0},
    {"cardano", 0},
    {"sol", 0},
    {"solana", 0},
    {"dot", 0},
    {"polkadot", 0},
    {"trx", 0},
    {"tron", 0},
    {"usdt", 0},
    {"tether", 0},
};

const char *
fl_contact_source_name(enum fl_contact_source s)
{
	static const char *const names[] = {"", "ciiss", "bip21", "bare"};

	if ((unsigned)s >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[s];
}

static int
is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * Decodes the UTF-8 character at p: its length, and whether it joins a run
 * of letters and digits.  Non-ASCII letters do (an address glued to "café"
 * is not whole); spaces, punctuation and symbols do not, nor U+FFFD, which
 * a writer puts where a contact held a control character.  A malformed byte
 * joins, so that broken text never yields a candidate.
 */
static size_t
utf8_char(const unsigned char *p, int *word)
{
	uint32_t cp;
	size_t n, i;

	if (p[0] < 0x80) {
		*word = is_ascii_alnum(p[0]);
		return 1;
	}
	*word = 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1fu;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0fu;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07u;
	else
		return 1;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 1;
		cp = (cp << 6) | (p[i] & 0x3fu);
	}
	if ((cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65) || cp == 0xfeff || cp == 0xfffd)
		*word = 0;
	return n;
}

static int
all_in(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/* The length of a segwit prefix ("bc1", "tb1", "bcrt1", any case), or 0. */
static size_t
segwit_prefix(const char *s, size_t n)
{
	if (n >= 5 && strncasecmp(s, "bcrt1", 5) == 0)
		return 5;
	if (n >= 3 &&
	    (strncasecmp(s, "bc1", 3) == 0 || strncasecmp(s, "tb1", 3) == 0))
		return 3;
	return 0;
}

static int
all_alnum(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_ascii_alnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * A segwit prefix, then letters and digits (bech32's alphabet or not: a
 * typo is still a bad address), 14 characters (the shortest segwit
 * address) to 90.
 */
static int
bech32_shaped(const char *s, size_t n)
{
	return segwit_prefix(s, n) > 0 && n >= 14 && n <= FL_ADDR_TEXT_MAX &&
	    all_alnum(s, n);
}

/* Base58 characters, 26 to 35 of them, starting as an address does. */
static int
base58_shaped(const char *s, size_t n)
{
	return n >= 26 && n <= 35 && strchr("13mn2", s[0]) != NULL &&
	    all_in(s, n, b58chars);
}

/*
 * Very address-like: a token that fails to decode is still a candidate
 * (bad-checksum).  Bech32-shaped, or base58-shaped with one of the
 * network's leading characters (1 and 3 always) and both cases of letters,
 * which hex strings, key ids and words never have.
 */
static int
strong_shape(const char *s, size_t n, enum fl_network net)
{
	int upper = 0, lower = 0;
	size_t i;

	if (bech32_shaped(s, n))
		return 1;
	if (!base58_shaped(s, n))
		return 0;
	if (s[0] != '1' && s[0] != '3' &&
	    (net == FL_NET_MAIN || strchr("mn2", s[0]) == NULL))
		return 0;
	for (i = 0; i < n; i++) {
		upper |= s[i] >= 'A' && s[i] <= 'Z';
		lower |= s[i] >= 'a' && s[i] <= 'z';
	}
	return upper && lower;
}

/* A candidate's identity for ambiguity: bech32 is case-insensitive. */
static void
fold_bech32(char *key)
{
	size_t i, n = strlen(key);

	if (!bech32_shaped(key, n))
		return;
	for (i = 0; i < n; i++)
		if (key[i] >= 'A' && key[i] <= 'Z')
			key[i] = (char)(key[i] - 'A' + 'a');
}

/* Copies at most FL_ADDR_TEXT_MAX bytes of s[0..n) as a C string. */
static void
copy_text(char *dst, const char *s, size_t n)
{
	if (n > FL_ADDR_TEXT_MAX)
		n = FL_ADDR_TEXT_MAX;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* For messages: the text with control and non-ASCII bytes as '?'. */
static void
printable(const char *s, char *out)
{
	for (; *s != '\0'; s++)
		*out++ =
		    (char)((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e
			    ? '?'
			    : *s);
	*out = '\0';
}

static int
reject(struct fl_contact *c, enum fl_addr_reject r)
{
	memset(&c->addr, 0, sizeof(c->addr));
	c->reason = r;
	return FL_EDATA;
}

static const char *
source_label(enum fl_contact_source s)
{
	switch (s) {
	case FL_CONTACT_CIISS:
		return "btc: field";
	case FL_CONTACT_BIP21:
		return "bitcoin: URI";
	default:
		return "token";
	}
}

/*
 * The ContactInfo btc: field: the first whitespace-delimited token that
 * starts with "btc:" in any case.  Returns its value (after optional
 * spaces, when the key stands alone) in *val and *vlen, or 0 if there is none.
 */
static int
find_btc_field(const char *s, const char **val, size_t *vlen)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		const char *v;
		size_t n;

		if ((i > 0 && !is_space((unsigned char)s[i - 1])) ||
		    strncasecmp(s + i, "btc:", 4) != 0)
			continue;
		v = s + i + 4;
		while (is_space((unsigned char)*v))
			v++;
		for (n = 0; v[n] != '\0' && !is_space((unsigned char)v[n]); n++)
			;
		*val = v;
		*vlen = n;
		return 1;
	}
	return 0;
}

static int
extract_ciiss(const char *v, size_t n, enum fl_network net, unsigned flags,
    struct fl_contact *c, struct fl_err *e)
{
	char text[FL_ADDR_TEXT_MAX + 1], shown[FL_ADDR_TEXT_MAX + 1];
	enum fl_addr_reject why;
	struct fl_err de;
	size_t k;

	/* Brackets and punctuation around it, a URI scheme, a query. */
	while (n > 0 && strchr("<([{\"'", v[0]) != NULL)
		v++, n--;
	if (n >= 8 && strncasecmp(v, "bitcoin:", 8) == 0)
		v += 8, n -= 8;
	for (k = 0; k < n && v[k] != '?'; k++)
		;
	n = k;
	while (n > 0 && strchr(">)]}\"'.,;:!", v[n - 1]) != NULL)
		n--;
	c->source = FL_CONTACT_CIISS;
	copy_text(c->candidate, v, n);
	printable(c->candidate, shown);
	/*
	 * The field says it is an address: anything made of letters and
	 * digits that starts like one is a bad address, not something else.
	 */
	if (n == 0 || !all_alnum(v, n) ||
	    (segwit_prefix(v, n) == 0 &&
		(strchr("13mn2", v[0]) == NULL || n < 20 || n > 40))) {
		fl_err_set(e, FL_EDATA, "btc: field \"%s\" is not an address",
		    shown);
		return reject(c, FL_REJECT_NOT_AN_ADDRESS);
	}
	if (n > FL_ADDR_TEXT_MAX) {
		fl_err_set(e, FL_EDATA,
		    "btc: field \"%s\": longer than %d characters", shown,
		    FL_ADDR_TEXT_MAX);
		return reject(c, FL_REJECT_BAD_CHECKSUM);
	}
	memcpy(text, v, n);
	text[n] = '\0';
	if (fl_address_decode(text, net, flags, &c->addr, &why, &de) != 0) {
		fl_err_set(e, FL_EDATA, "btc: field \"%s\": %s", shown, de.msg);
		return reject(c, why);
	}
	c->reason = FL_REJECT_NONE;
	return 0;
}

/* ASCII only, whatever the locale. */
static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does the character that ends at s[end] (exclusive) join a word? */
static int
joins_before(const char *s, size_t end)
{
	size_t k = end;
	int word;

	if (end == 0)
		return 0;
	while (k > 0 && end - k < 3 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)s[k - 1] >= 0xc0)
		k--;
	else
		k = end - 1;
	if (utf8_char((const unsigned char *)s + k, &word) != end - k)
		return 1;
	return word;
}

/* Spaces and separators (':', '=', '-', '>') before s[end]: where they start. */
static size_t
skip_separators(const char *s, size_t end)
{
	while (end > 0 &&
	    (is_space((unsigned char)s[end - 1]) ||
		strchr(":=->", s[end - 1]) != NULL))
		end--;
	return end;
}

/*
 * Does the whole-word name end the text at s[end] (exclusive)?  Its start
 * in *startp.  A space in the name matches any run of spaces, '-' and '_',
 * or none; letters match in any case.
 */
static int
name_ends(const char *s, size_t end, const char *name, size_t *startp)
{
	size_t i = end, j = strlen(name);

	while (j > 0) {
		if (name[j - 1] == ' ') {
			while (i > 0 &&
			    (is_space((unsigned char)s[i - 1]) ||
				s[i - 1] == '-' || s[i - 1] == '_'))
				i--;
		} else if (i == 0 ||
		    lower((unsigned char)s[i - 1]) != name[j - 1]) {
			return 0;
		} else {
			i--;
		}
		j--;
	}
	if (joins_before(s, i))
		return 0;
	*startp = i;
	return 1;
}

/*
 * Does the contact tie the run at s[i..] to another coin?  The text before
 * it, after spaces and separators and optional words "address", "addr" or
 * "wallet", ends with a coin's name or ticker, the longest that fits:
 * "litecoin:ADDR", "LTC = ADDR", "Bitcoin Cash address: ADDR", "bsv ADDR".
 */
static int
in_altcoin_field(const char *s, size_t i)
{
	static const char *const words[] = {"address", "addr", "wallet"};
	size_t k = skip_separators(s, i), w, j, best = 0, start;
	int found, other = 0;

	do {
		found = 0;
		for (j = 0; j < sizeof(words) / sizeof(words[0]); j++)
			if (name_ends(s, k, words[j], &w)) {
				k = skip_separators(s, w);
				found = 1;
				break;
			}
	} while (found);
	for (j = 0; j < sizeof(coins) / sizeof(coins[0]); j++)
		if (name_ends(s, k, coins[j].name, &start) &&
		    k - start > best) {
			best = k - start;
			other = !coins[j].ours;
		}
	return other;
}

/* Is the run at s[i..] right after a "bitcoin:" scheme (any case)? */
static int
after_bitcoin_scheme(const char *s, size_t i)
{
	return i >= 8 && strncasecmp(s + i - 8, "bitcoin:", 8) == 0 &&
	    (i == 8 || !is_ascii_alnum((unsigned char)s[i - 9]));
}

struct cand {
	char key[FL_ADDR_TEXT_MAX + 1];
	enum fl_contact_source source;
	enum fl_addr_reject why;
	struct fl_address addr;
	char msg[sizeof(((struct fl_err *)0)->msg)];
};

int
fl_contact_extract(const char *contact, enum fl_network net, unsigned flags,
    struct fl_contact *c, struct fl_err *e)
{
	const unsigned char *s = (const unsigned char *)contact;
	struct cand first, other, cur;
	const char *v;
	size_t i = 0, vlen;
	int ncand = 0, ndistinct = 0, nalt = 0;
	char alt[FL_ADDR_TEXT_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (find_btc_field(contact, &v, &vlen))
		return extract_ciiss(v, vlen, net, flags, c, e);
	memset(&first, 0, sizeof(first));
	memset(&other, 0, sizeof(other));
	while (s[i] != '\0') {
		size_t start = i, end, len, n;
		int word, ascii = 1;
		struct fl_err de;

		n = utf8_char(s + i, &word);
		if (!word) {
			i += n;
			continue;
		}
		/* A maximal run of letters and digits. */
		for (end = start; s[end] != '\0'; end += n) {
			n = utf8_char(s + end, &word);
			if (!word)
				break;
			if (s[end] >= 0x80)
				ascii = 0;
		}
		i = end;
		len = end - start;
		if (!ascii || len > FL_ADDR_TEXT_MAX ||
		    (!bech32_shaped(contact + start, len) &&
			!base58_shaped(contact + start, len)))
			continue;
		/* Rejected only when no Bitcoin address is offered too. */
		if (in_altcoin_field(contact, start)) {
			if (nalt++ == 0)
				copy_text(alt, contact + start, len);
			continue;
		}
		memset(&cur, 0, sizeof(cur));
		copy_text(cur.key, contact + start, len);
		cur.source = after_bitcoin_scheme(contact, start)
		    ? FL_CONTACT_BIP21
		    : FL_CONTACT_BARE;
		if (fl_address_decode(cur.key, net, flags, &cur.addr, &cur.why,
			&de) != 0) {
			/* Only very address-like tokens fail loudly. */
			if (cur.why == FL_REJECT_BAD_CHECKSUM &&
			    !strong_shape(contact + start, len, net))
				continue;
			snprintf(cur.msg, sizeof(cur.msg), "%s", de.msg);
			fold_bech32(cur.key);
		} else {
			strcpy(cur.key, cur.addr.text);
		}
		ncand++;
		if (ndistinct == 0) {
			first = cur;
			ndistinct = 1;
		} else if (strcmp(cur.key, first.key) == 0) {
			if (cur.source == FL_CONTACT_BIP21)
				first.source = FL_CONTACT_BIP21;
		} else if (ndistinct == 1) {
			other = cur;
			ndistinct = 2;
		}
	}
	if (ncand == 0 && nalt > 0) {
		char a[FL_ADDR_TEXT_MAX + 1];

		c->source = FL_CONTACT_BARE;
		snprintf(c->candidate, sizeof(c->candidate), "%s", alt);
		printable(alt, a);
		fl_err_set(e, FL_EDATA, "address \"%s\" of another coin", a);
		return reject(c, FL_REJECT_OTHER_COIN);
	}
	if (ncand == 0)
		return 0;
	c->source = first.source;
	snprintf(c->candidate, sizeof(c->candidate), "%s", first.key);
	if (ndistinct > 1) {
		char a[FL_ADDR_TEXT_MAX + 1], b[FL_ADDR_TEXT_MAX + 1];

		printable(first.key, a);
		printable(other.key, b);
		fl_err_set(e, FL_EDATA, "different addresses \"%s\" and \"%s\"",
		    a, b);
		return reject(c, FL_REJECT_AMBIGUOUS);
	}
	if (first.why != FL_REJECT_NONE) {
		fl_err_set(e, FL_EDATA, "%s \"%s\": %s",
		    source_label(first.source), first.key, first.msg);
		return reject(c, first.why);
	}
	c->addr = first.addr;
	return 0;
}
