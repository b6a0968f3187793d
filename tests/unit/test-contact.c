#include <jansson.h>

#include "contact.h"
#include "tap.h"

struct tcase {
	const char *contact;
	enum fl_network net;
	unsigned flags;
	enum fl_contact_source source;
	enum fl_addr_reject reason;
	const char *text; /* the address, or the rejected candidate */
	const char *type; /* when found */
};

#define MAIN FL_NET_MAIN
#define FUT FL_ADDR_ALLOW_FUTURE_WITNESS
#define NONE FL_CONTACT_NONE
#define CIISS FL_CONTACT_CIISS
#define BIP21 FL_CONTACT_BIP21
#define BARE FL_CONTACT_BARE
#define OK FL_REJECT_NONE
#define BADSUM FL_REJECT_BAD_CHECKSUM
#define WRONGNET FL_REJECT_WRONG_NETWORK
#define AMBIG FL_REJECT_AMBIGUOUS
#define UNSUP FL_REJECT_UNSUPPORTED_WITNESS_VERSION
#define BADKEY FL_REJECT_INVALID_KEY
#define NOTADDR FL_REJECT_NOT_AN_ADDRESS
#define OTHER FL_REJECT_OTHER_COIN

#define A1 "1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84Jrt"
#define A1BAD "1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84Jru"
#define A2 "17WLwtW63FrHeMAEVkALnwhfmizBxGXDW1"
#define P2SH "3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn"
#define B1 "bc1q8jtc0jnvwxw5h4724v04xc3hvnq28s8wme2686"
#define B1UP "BC1Q8JTC0JNVWXW5H4724V04XC3HVNQ28S8WME2686"
#define TR "bc1p83n3au0rjylefxq2nc2xh2y4jzz4pm6zxj4mw5pagdjjr2a9f36s6jjnnu"
#define TRBAD "bc1pve739yap4uxjvfk0jrey69078u0gasm2nwvv483ec6zkzulgw9xqu4w9fd"
#define TESTPKH "mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ"
#define TB "tb1qcrh3yqn4nlleplcez2yndq2ry8h9ncg3qh7n54"
#define V2 "bc1z2rksukkjr8"

static const struct tcase cases[] = {
    /* Real contacts of onionoo-311relays-2026-09-04.json. */
    {"email:john[]quintex.com url:https://www.quintex.com proof:uri-rsa "
     "abuse:john[]quintex.com keybase:aquintex twitter:aquintex "
     "hoster:Quintex Alliance Consulting uplinkbw:10000 btc:" A1
     " dnslocation:sameas dnsqname:y dnssec:y dnslocalrootzone:y "
     "ciissversion:2 trafficacct:unmetered",
	MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"ContactInfo email:knight AT germancraft dot net url:germancraft.net "
     "proof:dns-rsa abuse:knight AT germancraft dot net "
     "pgp:4cf76925833e2e24 twitter:knightyyyy1 "
     "btc:1MTXtuSCCTf6J3TiUnk1ePwgaHt9h6uQaU Updateofflinemasterkey:y "
     "sandbox:y os:Debian aesni:y autoupdate:y confmgmt:Ansible "
     "ciissversion:2 trafficacct:unmetered ciissversion:2",
	MAIN, 0, CIISS, OK, "1MTXtuSCCTf6J3TiUnk1ePwgaHt9h6uQaU", "p2pkh"},
    {"email:abuse[]tuxli.org pgp:32A1621FC5290921D720940187AC9FC1F2BCCB30 "
     "url:https://tuxli.org/ proof:uri-rsa ciissversion:2 "
     "xmr:831DfP9tnwa8LWpNGrnL8k4TAdMghuNM21jwrvSPjvW5FM3sBP1f7cBJzVXu6Qs"
     "FCVYpoL3rniV193dq7Dc2bPsf6MC5y9x "
     "btc:bc1qavq0y6wunrwq5pyrr7dmny4a4tm4yswe2y3gv9",
	MAIN, 0, CIISS, OK, "bc1qavq0y6wunrwq5pyrr7dmny4a4tm4yswe2y3gv9",
	"p2wpkh"},
    {"email:tor[]nullvoid.me url:https://nullvoid.me proof:uri-rsa "
     "pgp:C4F31F1B8E3168DAC4394A4D45E5F8C1504CDA42 "
     "btc:19uSqvGnqgyGgRe5HGJjjiSu5RkQfCxpae "
     "xmr:8AFdG8V1KwKeLB69t81ZiP7jeq3jXSQKPGMDXTdawfHMUqzBfPw1GD8gd3uyBic"
     "tk2L7hWYznULEWNzxrAd179pFL2cMAa2 ciissversion:2",
	MAIN, 0, CIISS, OK, "19uSqvGnqgyGgRe5HGJjjiSu5RkQfCxpae", "p2pkh"},
    {B1 " <tor AT grey dot pw>", MAIN, 0, BARE, OK, B1, "p2wpkh"},
    {"email:Quetzalcoatl_relays[]proton.me "
     "url:https://quetzalcoatl-relays.org proof:uri-rsa hoster:rdp.sh "
     "donationurl:https://quetzalcoatl-relays.org/#support-us "
     "btc:bc1qc5f3fvr5ftnj70gaj2q68dhg0mne0s85c7ql43 "
     "eth:0x53Ad3Ce5004A6710ee425f365F6b469CDBDB5f06 "
     "xmr:45TefH4UZFDZAkxLM6ktBhHfZ9r8cFG8T5F7fiCziV1fS21KKsbkBQmZNk5VSbP"
     "D991MAXLsH2f9nSMpsiHsDoZA6PYgHUn ciissversion:2",
	MAIN, 0, CIISS, OK, "bc1qc5f3fvr5ftnj70gaj2q68dhg0mne0s85c7ql43",
	"p2wpkh"},
    {"email:m1dn1ght[]foxxynodes.com ciisversion:2 "
     "btc:14FCyemK4nXThSH9HW3qn5xse1FN73EAcy confmgmt:ansible",
	MAIN, 0, CIISS, OK, "14FCyemK4nXThSH9HW3qn5xse1FN73EAcy", "p2pkh"},
    {"0x9F29C15D42A8B6F3 Nos oignons - " A2
     " email:adminsys[]nos-oignons.net url:https://nos-oignons.net "
     "proof:uri-familyid-ed25519 ciissversion:3",
	MAIN, 0, BARE, OK, A2, "p2pkh"},
    /* Real contacts with no Bitcoin address. */
    {"email:tech[]emeraldonion.org abuse:tech[]emeraldonion.org "
     "zec:t1JShsaJADLKHkcK8Yv9tTE1zPUiQJ4DoQr",
	MAIN, 0, NONE, OK, "", NULL},
    {"0xCCA1331895B6562393A651D93B67825FE6F79D24 tor@maxhost.io", MAIN, 0, NONE,
	OK, "", NULL},
    {"e938c614e3b00c93f7d831aa99b58e4dcac58896 "
     "enlighttheworld.tk_tor@proton.me",
	MAIN, 0, NONE, OK, "", NULL},
    {"Mike Wille <tor@mw.gd>  pgp: "
     "1D53B2FF846754E7ABC7B900E8DC24C0F0D96E21",
	MAIN, 0, NONE, OK, "", NULL},
    {"timetoreload@protonmail.com "
     "xmr:849QhLyrsd9ZVEin7WQMveij5adgcGreo3eSth1Zzq1V5sAus1PzQ246KJmw2jS"
     "VTP9t185DgqT6HavpDqmDt427RNyPCRd",
	MAIN, 0, NONE, OK, "", NULL},
    {"email: < echo KUGZu4WZrJHMiBkMy9Gd | rev | base64 -d >", MAIN, 0, NONE,
	OK, "", NULL},
    {"netherworldbelowATmailDOTcom", MAIN, 0, NONE, OK, "", NULL},
    {"WELCOME TO THE CHUMBUCKET pl4nkton (@) froggydispatch (.) com", MAIN, 0,
	NONE, OK, "", NULL},
    {"", MAIN, 0, NONE, OK, "", NULL},

    /* btc: fields: first wins, and wins over everything else. */
    {"btc:" A1 " btc:" B1, MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {A2 " btc:" A1 " bitcoin:" B1, MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"btc:" A1BAD " " A1, MAIN, 0, CIISS, BADSUM, A1BAD, NULL},
    {"btc:donate.example.org", MAIN, 0, CIISS, NOTADDR, "donate.example.org",
	NULL},
    {"btc:oa1:btc recipient_address=" A1, MAIN, 0, CIISS, NOTADDR, "oa1:btc",
	NULL},
    {"email:x[]y.org btc:", MAIN, 0, CIISS, NOTADDR, "", NULL},
    {"btc:yes", MAIN, 0, CIISS, NOTADDR, "yes", NULL},
    {"btc:1", MAIN, 0, CIISS, NOTADDR, "1", NULL},
    {"btc:me@example.org", MAIN, 0, CIISS, NOTADDR, "me@example.org", NULL},
    {"btc:LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", MAIN, 0, CIISS, NOTADDR,
	"LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", NULL},
    /* Starts like an address in a btc: field: a bad one. */
    {"btc:1Ab93nZzqBhhoTetUfzj", MAIN, 0, CIISS, BADSUM, "1Ab93nZzqBhhoTetUfzj",
	NULL},
    {"btc:1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84J0t", MAIN, 0, CIISS, BADSUM,
	"1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84J0t", NULL},
    {"btc:bc1", MAIN, 0, CIISS, BADSUM, "bc1", NULL},
    {"btc:" B1 B1 B1, MAIN, 0, CIISS, BADSUM, B1 B1 "bc1q8j", NULL},
    {"BTC: " A1, MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"btc:bitcoin:" A1 "?amount=0.1", MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"btc:<" A1 ">,", MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"btc:" B1UP, MAIN, 0, CIISS, OK, B1, "p2wpkh"},
    {"btc:" TB, MAIN, 0, CIISS, WRONGNET, TB, NULL},
    {"btc:" TB, FL_NET_SIGNET, 0, CIISS, OK, TB, "p2wpkh"},
    {"btc:" TESTPKH, FL_NET_REGTEST, 0, CIISS, OK, TESTPKH, "p2pkh"},
    {"btc:" V2, MAIN, 0, CIISS, UNSUP, V2, NULL},
    {"btc:" V2, MAIN, FUT, CIISS, OK, V2, "witness_unknown"},
    {"btc:" TR, MAIN, 0, CIISS, OK, TR, "p2tr"},
    {"btc:" TRBAD, MAIN, 0, CIISS, BADKEY, TRBAD, NULL},
    {"btc:" TRBAD, MAIN, FUT, CIISS, BADKEY, TRBAD, NULL},
    {"btc:bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", MAIN, 0, CIISS, BADSUM,
	"bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", NULL},
    /* "xbtc:" and "btc-address:" are not the key. */
    {"xbtc:" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"btc-address:" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},

    /* bitcoin: URIs. */
    {"Donate: bitcoin:" A1 "?amount=0.1&label=tor", MAIN, 0, BIP21, OK, A1,
	"p2pkh"},
    {"BITCOIN:" B1UP, MAIN, 0, BIP21, OK, B1, "p2wpkh"},
    {"BitCoin:" A1, MAIN, 0, BIP21, OK, A1, "p2pkh"},
    {A1 " or bitcoin:" A1, MAIN, 0, BIP21, OK, A1, "p2pkh"},
    {"bitcoin:" A1BAD, MAIN, 0, BIP21, BADSUM, A1BAD, NULL},
    {"bitcoin:" A1 " bitcoin:" A2, MAIN, 0, BIP21, AMBIG, A1, NULL},
    /* Not a URI, but the address is still a whole token. */
    {"mybitcoin:" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"bitcoin:?lightning=lnbc1", MAIN, 0, NONE, OK, "", NULL},

    /* Bare tokens: whole, delimited, repeated, ambiguous. */
    {A1 " " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {B1 " " B1UP, MAIN, 0, BARE, OK, B1, "p2wpkh"},
    {A1 " " A2, MAIN, 0, BARE, AMBIG, A1, NULL},
    {A1 " " A1BAD, MAIN, 0, BARE, AMBIG, A1, NULL},
    {A1 " " TESTPKH, MAIN, 0, BARE, AMBIG, A1, NULL},
    {"send to " A1BAD, MAIN, 0, BARE, BADSUM, A1BAD, NULL},
    {"x" A1, MAIN, 0, NONE, OK, "", NULL},
    /* Still shaped like an address, so a bad one; never A1. */
    {A1 "x", MAIN, 0, BARE, BADSUM, A1 "x", NULL},
    {"9" B1, MAIN, 0, NONE, OK, "", NULL},
    {"_" A1 "_", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"(" A1 ").", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"<" B1 ">", MAIN, 0, BARE, OK, B1, "p2wpkh"},
    {"[" A1 "],", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"\"" A1 "\"", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"donation:" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"https://example.org/pay/" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    /* Non-ASCII: letters join the run, punctuation does not. */
    {"caf\xc3\xa9" A1, MAIN, 0, NONE, OK, "", NULL},
    {A1 "\xc3\xa9t\xc3\xa9", MAIN, 0, NONE, OK, "", NULL},
    {"\xd0\xb1\xd0\xb8\xd1\x82" A1, MAIN, 0, NONE, OK, "", NULL},
    {"\xe2\x86\x92" A1 "\xe2\x86\x90", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"\xc2\xab" A1 "\xc2\xbb", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"Spende:\xc2\xa0" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"\xe3\x80\x8c" A1 "\xe3\x80\x8d", MAIN, 0, BARE, OK, A1, "p2pkh"},
    /* U+FFFD stands where a writer found a control character. */
    {"\xef\xbf\xbd" A1 "\xef\xbf\xbd", MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"\xff" A1, MAIN, 0, NONE, OK, "", NULL},
    {"\xe2\x86" A1, MAIN, 0, NONE, OK, "", NULL},
    /* Other coins' fields and addresses. */
    {"bch:" A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"litecoin:" P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    {"LTC: " P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    {"bitcoincash:" A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"BCH address: " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"Dogecoin addr:  " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"xmr:" A1 " ethereum:" A2, MAIN, 0, BARE, OTHER, A1, NULL},
    /* Any separators, an optional word, names of several words. */
    {"Bitcoin Cash: " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"BCH " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"Litecoin address " P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    {"LTC=" P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    {"bitcoin-cash: " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"ltc " P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    {"bitcoin sv:" A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"BSV address " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"BitcoinCash=" A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"Bitcoin  Gold wallet address -> " A1, MAIN, 0, BARE, OTHER, A1, NULL},
    {"\xc2\xabLTC: " P2SH, MAIN, 0, BARE, OTHER, P2SH, NULL},
    /* Bitcoin's own labels. */
    {"BTC: " A1, MAIN, 0, CIISS, OK, A1, "p2pkh"},
    {"Bitcoin: " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"Bitcoin address " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"btc=" A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"Bitcoin wallet - " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    /* Not a whole word. */
    {"xbch " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"caf\xc3\xa9"
     "bch: " A1,
	MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"Bitcoin Cashier: " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    /* A Bitcoin address offered too is the one. */
    {"Bitcoin Cash: " A1 " Bitcoin: " A2, MAIN, 0, BARE, OK, A2, "p2pkh"},
    {"LTC " P2SH " BTC " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"bitcoincash:" A1 " bitcoin:" A2, MAIN, 0, BIP21, OK, A2, "p2pkh"},
    {"BCH address: " A1 " BTC address: " A2, MAIN, 0, BARE, OK, A2, "p2pkh"},
    /* Not a coin's label. */
    {"my address: " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"note: " A1, MAIN, 0, BARE, OK, A1, "p2pkh"},
    {"LTC:" A1 " " A2, MAIN, 0, BARE, OK, A2, "p2pkh"},
    {"LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", MAIN, 0, NONE, OK, "", NULL},
    {"bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", MAIN, 0, NONE,
	OK, "", NULL},
    {"pdy3o8ub@anonaddy.com "
     "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion",
	MAIN, 0, NONE, OK, "", NULL},
    /* Not address-like enough to be a bad checksum: ignored. */
    {"1234567891abcdefabcdefabcdefabcd", MAIN, 0, NONE, OK, "", NULL},
    {"1ABCDEFGHJKLMNPQRSTUVWXYZ23456", MAIN, 0, NONE, OK, "", NULL},
    {"mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hX", MAIN, 0, NONE, OK, "", NULL},
    {"bc1qqqq", MAIN, 0, NONE, OK, "", NULL},
    /* A bech32 typo ("o" is not in the alphabet) is still a bad address. */
    {"bc1q8jtc0jnvwxw5h4724v04xc3hvnq28s8wme268o", MAIN, 0, BARE, BADSUM,
	"bc1q8jtc0jnvwxw5h4724v04xc3hvnq28s8wme268o", NULL},
    {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4qqqqqqqqqqqqqqqqqqqqqqqq"
     "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
	MAIN, 0, NONE, OK, "", NULL},
    /* Other networks and witness versions, bare. */
    {"tips: " TESTPKH, MAIN, 0, BARE, WRONGNET, TESTPKH, NULL},
    /* A rejected token with long text after it. */
    {"tips: " TESTPKH " (testnet only, please; mainnet coins sent there are "
     "gone, and I will not be able to return them)",
	MAIN, 0, BARE, WRONGNET, TESTPKH, NULL},
    {"tips: " TESTPKH, FL_NET_TEST, 0, BARE, OK, TESTPKH, "p2pkh"},
    {"mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hX", FL_NET_TEST, 0, BARE, BADSUM,
	"mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hX", NULL},
    {V2, MAIN, 0, BARE, UNSUP, V2, NULL},
    {TRBAD, MAIN, 0, BARE, BADKEY, TRBAD, NULL},
    {"bC1q8jtc0jnvwxw5h4724v04xc3hvnq28s8wme2686", MAIN, 0, BARE, BADSUM, B1,
	NULL},
};

static void
test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *t = &cases[i];
		struct fl_contact c;
		struct fl_err e;
		int rc;

		fl_err_clear(&e);
		rc = fl_contact_extract(t->contact, t->net, t->flags, &c, &e);
		tap_diag("case %zu: %s", i, t->contact);
		check_str(fl_contact_source_name(c.source),
		    fl_contact_source_name(t->source));
		check_str(fl_addr_reject_name(c.reason),
		    fl_addr_reject_name(t->reason));
		if (t->reason != OK) {
			check_int(rc, ==, FL_EDATA);
			check_str(c.candidate, t->text);
			check_str(c.addr.text, "");
			check(e.msg[0] != '\0');
		} else {
			check_int(rc, ==, 0);
			check_str(c.addr.text, t->text);
			if (t->type != NULL)
				check_str(fl_addr_type_name(c.addr.type),
				    t->type);
		}
	}
}

static void
check_msg(const char *contact, const char *msg)
{
	struct fl_contact c;
	struct fl_err e;

	check_int(fl_contact_extract(contact, MAIN, 0, &c, &e), ==, FL_EDATA);
	check_str(e.msg, msg);
}

static void
test_messages(void)
{
	check_msg(A1 " " A2, "different addresses \"" A1 "\" and \"" A2 "\"");
	check_msg("btc:donate.example.org",
	    "btc: field \"donate.example.org\" is not an address");
	check_msg("btc:\x01\xff", "btc: field \"??\" is not an address");
	check_msg("btc:" A1BAD,
	    "btc: field \"" A1BAD "\": not an address: base58check checksum "
	    "mismatch");
	check_msg("see " A1BAD,
	    "token \"" A1BAD "\": not an address: base58check checksum "
	    "mismatch");
	check_msg("btc:" B1 B1 B1,
	    "btc: field \"" B1 B1 "bc1q8j\": longer than 90 characters");
	check_msg("bitcoin:" TB,
	    "bitcoin: URI \"" TB "\": address for prefix \"tb\", not main");
	check_str(fl_contact_source_name(FL_CONTACT_BARE), "bare");
	check_str(fl_contact_source_name((enum fl_contact_source)4), "?");
}

/*
 * Every contact of the real 2026-09-04 document: 262 contacts, 35 relays
 * with an address (8 different ones, read by hand), nothing rejected.
 */
static void
test_document(void)
{
	static const struct {
		const char *addr, *source;
		int relays;
	} want[] = {
	    {A1, "ciiss", 21},
	    {"bc1qc5f3fvr5ftnj70gaj2q68dhg0mne0s85c7ql43", "ciiss", 5},
	    {"bc1qavq0y6wunrwq5pyrr7dmny4a4tm4yswe2y3gv9", "ciiss", 3},
	    {A2, "bare", 2},
	    {"1MTXtuSCCTf6J3TiUnk1ePwgaHt9h6uQaU", "ciiss", 1},
	    {"19uSqvGnqgyGgRe5HGJjjiSu5RkQfCxpae", "ciiss", 1},
	    {"14FCyemK4nXThSH9HW3qn5xse1FN73EAcy", "ciiss", 1},
	    {B1, "bare", 1},
	};
	int seen[sizeof(want) / sizeof(want[0])] = {0};
	json_error_t je;
	json_t *root =
	    json_load_file("tests/data/onionoo-311relays-2026-09-04.json", 0,
		&je);
	json_t *relays = json_object_get(root, "relays");
	size_t i, k, ncontact = 0, nfound = 0, nrejected = 0, nother = 0;

	check(root != NULL);
	check_uint(json_array_size(relays), ==, 311);
	for (i = 0; i < json_array_size(relays); i++) {
		const char *contact = json_string_value(
		    json_object_get(json_array_get(relays, i), "contact"));
		struct fl_contact c;
		struct fl_err e;

		if (contact == NULL)
			continue;
		ncontact++;
		if (fl_contact_extract(contact, MAIN, 0, &c, &e) != 0) {
			nrejected++;
			tap_diag("rejected: %s: %s", contact, e.msg);
			continue;
		}
		if (c.source == FL_CONTACT_NONE)
			continue;
		nfound++;
		for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
			if (strcmp(c.addr.text, want[k].addr) == 0) {
				seen[k]++;
				check_str(fl_contact_source_name(c.source),
				    want[k].source);
				break;
			}
		if (k == sizeof(want) / sizeof(want[0])) {
			nother++;
			tap_diag("unexpected: %s", c.addr.text);
		}
	}
	check_uint(ncontact, ==, 262);
	check_uint(nfound, ==, 35);
	check_uint(nrejected, ==, 0);
	check_uint(nother, ==, 0);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		check_int(seen[k], ==, want[k].relays);
	json_decref(root);
}

/*
 * Random contacts made of address pieces, separators, keys and non-ASCII
 * bytes (a fixed LCG, so the run is the same every time): the result is
 * always consistent, and under SANITIZE=1 nothing overflows.
 */
static void
test_random(void)
{
	static const char *const pieces[] = {A1, A2, B1, B1UP, TR, TRBAD,
	    TESTPKH, TB, V2, A1BAD,
	    "btc:", "bitcoin:", "BTC: ", "bch:", "?amount=1", " ", "\t", "\n",
	    "<", ">", "(", ")", ",", ".", ":", "@", "[]", "\xc3\xa9",
	    "\xe2\x86\x92", "\xc2\xa0", "\xff", "\xe2\x86", "1", "3", "bc1",
	    "x", "Q", "0x9F29C15D42A8B6F3", "donate.example.org"};
	uint32_t seed = 12345;
	size_t iter, bad = 0, found = 0, rejected = 0;

	for (iter = 0; iter < 20000; iter++) {
		char buf[1024];
		size_t len = 0, n, parts;
		struct fl_contact c;
		struct fl_err e;
		int rc;

		seed = seed * 1103515245u + 12345u;
		parts = (seed >> 16) % 12;
		buf[0] = '\0';
		while (parts-- > 0) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))];
			n = strlen(p);
			if (len + n >= sizeof(buf))
				break;
			memcpy(buf + len, p, n + 1);
			len += n;
		}
		rc = fl_contact_extract(buf, MAIN, 0, &c, &e);
		found += rc == 0 && c.source != FL_CONTACT_NONE;
		rejected += rc != 0;
		if (rc == 0 && c.source == FL_CONTACT_NONE)
			bad += c.addr.text[0] != '\0' ||
			    c.reason != FL_REJECT_NONE;
		else if (rc == 0)
			bad += c.addr.text[0] == '\0' ||
			    c.reason != FL_REJECT_NONE ||
			    (strcmp(c.addr.text, A1) != 0 &&
				strcmp(c.addr.text, A2) != 0 &&
				strcmp(c.addr.text, B1) != 0 &&
				strcmp(c.addr.text, TR) != 0);
		else
			bad += rc != FL_EDATA || c.reason == FL_REJECT_NONE ||
			    c.source == FL_CONTACT_NONE ||
			    c.addr.text[0] != '\0' || e.msg[0] == '\0';
	}
	check_uint(bad, ==, 0);
	/* All three outcomes are well exercised. */
	tap_diag("random: %zu found, %zu rejected", found, rejected);
	check_uint(found, >, 2000);
	check_uint(rejected, >, 2000);
	check_uint(found + rejected, <, 18000);
}

int
main(void)
{
	test_random();
	test_cases();
	test_document();
	test_messages();
	return test_done();
}
