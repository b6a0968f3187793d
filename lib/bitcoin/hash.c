#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

static void
digest(const EVP_MD *md, const void *data, size_t len, uint8_t *out)
{
	unsigned int n = 0;

	if (md == NULL || EVP_Digest(data, len, out, &n, md, NULL) != 1)
		abort();
}

void
fl_sha256(const void *data, size_t len, uint8_t out[32])
{
	digest(EVP_sha256(), data, len, out);
}

void
fl_sha256d(const void *data, size_t len, uint8_t out[32])
{
	uint8_t h[32];

	fl_sha256(data, len, h);
	fl_sha256(h, sizeof(h), out);
}

void
fl_ripemd160(const void *data, size_t len, uint8_t out[20])
{
	digest(EVP_ripemd160(), data, len, out);
}

void
fl_hash160(const void *data, size_t len, uint8_t out[20])
{
	uint8_t h[32];

	fl_sha256(data, len, h);
	fl_ripemd160(h, sizeof(h), out);
}

void
fl_tagged_hash(const char *tag, const void *data, size_t len, uint8_t out[32])
{
	EVP_MD_CTX *ctx;
	uint8_t th[32];
	unsigned int n = 0;

	fl_sha256(tag, strlen(tag), th);
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		abort();
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, th, sizeof(th)) != 1 ||
	    EVP_DigestUpdate(ctx, th, sizeof(th)) != 1 ||
	    EVP_DigestUpdate(ctx, data, len) != 1 ||
	    EVP_DigestFinal_ex(ctx, out, &n) != 1)
		abort();
	EVP_MD_CTX_free(ctx);
}
