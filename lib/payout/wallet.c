#include "wallet.h"

#include <string.h>

#include "amount.h"

int
fl_wallet_format_parse(const char *s, enum fl_wallet_format *f)
{
	if (strcmp(s, "sendmany") == 0)
		*f = FL_WALLET_SENDMANY;
	else if (strcmp(s, "csv") == 0)
		*f = FL_WALLET_CSV;
	else
		return FL_EUSAGE;
	return 0;
}

void
fl_wallet_write(FILE *out, enum fl_wallet_format f,
    const struct fl_payee *payees, size_t np)
{
	int sendmany = f == FL_WALLET_SENDMANY;
	char amt[32];
	size_t i;

	if (sendmany)
		fputc('{', out);
	for (i = 0; i < np; i++) {
		fl_amount_format_btc((int64_t)payees[i].sat, amt, sizeof amt);
		if (sendmany)
			fprintf(out, "%s\"%s\":%s", i ? "," : "",
			    payees[i].a.text, amt);
		else
			fprintf(out, "%s,%s\n", payees[i].a.text, amt);
	}
	if (sendmany)
		fputs("}\n", out);
}
