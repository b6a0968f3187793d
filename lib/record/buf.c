/* buf: growable byte buffer and bounds-checked reader. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "secret.h"

void
fl_buf_init(struct fl_buf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void
fl_buf_free(struct fl_buf *b)
{
	free(b->p);
	fl_buf_init(b);
}

void
fl_buf_free_secret(struct fl_buf *b)
{
	fl_secret_wipe(b->p, b->cap);
	fl_buf_free(b);
}

void
fl_buf_clear(struct fl_buf *b)
{
	fl_secret_wipe(b->p, b->len);
	b->len = 0;
}

int
fl_buf_reserve(struct fl_buf *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->oom)
		return FL_ENOMEM;
	if (n <= b->cap - b->len)
		return 0;
	if (n > SIZE_MAX / 2 - b->len) {
		b->oom = 1;
		return FL_ENOMEM;
	}
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap - b->len < n)
		cap *= 2;
	/*
	 * Not realloc(): the old block is wiped before it is freed, so that
	 * a buffer holding secrets leaves no copy behind when it grows.
	 */
	if ((p = malloc(cap)) == NULL) {
		b->oom = 1;
		return FL_ENOMEM;
	}
	if (b->len > 0)
		memcpy(p, b->p, b->len);
	fl_secret_wipe(b->p, b->cap);
	free(b->p);
	b->p = p;
	b->cap = cap;
	return 0;
}

int
fl_buf_check(const struct fl_buf *b, struct fl_err *e)
{
	if (b->oom)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	return 0;
}

void
fl_buf_add(struct fl_buf *b, const void *p, size_t n)
{
	if (n == 0 || fl_buf_reserve(b, n) != 0)
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
fl_buf_u8(struct fl_buf *b, uint8_t v)
{
	fl_buf_add(b, &v, 1);
}

void
fl_buf_u16le(struct fl_buf *b, uint16_t v)
{
	uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};

	fl_buf_add(b, x, 2);
}

void
fl_buf_u32le(struct fl_buf *b, uint32_t v)
{
	uint8_t x[4];
	int i;

	for (i = 0; i < 4; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	fl_buf_add(b, x, 4);
}

void
fl_buf_u64le(struct fl_buf *b, uint64_t v)
{
	uint8_t x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	fl_buf_add(b, x, 8);
}

size_t
fl_compact_len(uint64_t v)
{
	if (v < 0xfd)
		return 1;
	if (v <= 0xffff)
		return 3;
	if (v <= 0xffffffff)
		return 5;
	return 9;
}

void
fl_buf_compact(struct fl_buf *b, uint64_t v)
{
	if (v < 0xfd) {
		fl_buf_u8(b, (uint8_t)v);
	} else if (v <= 0xffff) {
		fl_buf_u8(b, 0xfd);
		fl_buf_u16le(b, (uint16_t)v);
	} else if (v <= 0xffffffff) {
		fl_buf_u8(b, 0xfe);
		fl_buf_u32le(b, (uint32_t)v);
	} else {
		fl_buf_u8(b, 0xff);
		fl_buf_u64le(b, v);
	}
}

void
fl_buf_varbytes(struct fl_buf *b, const void *p, size_t n)
{
	fl_buf_compact(b, n);
	fl_buf_add(b, p, n);
}

void
fl_rd_init(struct fl_rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
}

size_t
fl_rd_left(const struct fl_rd *r)
{
	return r->len - r->pos;
}

static int
short_data(const struct fl_rd *r, struct fl_err *e)
{
	return fl_err_set(e, FL_EDATA, "unexpected end of data at byte %zu",
	    r->len);
}

int
fl_rd_ptr(struct fl_rd *r, size_t n, const uint8_t **out, struct fl_err *e)
{
	*out = NULL;
	if (n > fl_rd_left(r))
		return short_data(r, e);
	*out = r->p + r->pos;
	r->pos += n;
	return 0;
}

int
fl_rd_bytes(struct fl_rd *r, void *out, size_t n, struct fl_err *e)
{
	const uint8_t *p;
	int rc;

	if (n > 0)
		memset(out, 0, n);
	if ((rc = fl_rd_ptr(r, n, &p, e)) != 0)
		return rc;
	if (n > 0)
		memcpy(out, p, n);
	return 0;
}

static int
rd_le(struct fl_rd *r, size_t n, uint64_t *v, struct fl_err *e)
{
	const uint8_t *p;
	size_t i;
	int rc;

	*v = 0;
	if ((rc = fl_rd_ptr(r, n, &p, e)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		*v |= (uint64_t)p[i] << (8 * i);
	return 0;
}

int
fl_rd_u8(struct fl_rd *r, uint8_t *v, struct fl_err *e)
{
	uint64_t x;
	int rc = rd_le(r, 1, &x, e);

	*v = (uint8_t)x;
	return rc;
}

int
fl_rd_u16le(struct fl_rd *r, uint16_t *v, struct fl_err *e)
{
	uint64_t x;
	int rc = rd_le(r, 2, &x, e);

	*v = (uint16_t)x;
	return rc;
}

int
fl_rd_u32le(struct fl_rd *r, uint32_t *v, struct fl_err *e)
{
	uint64_t x;
	int rc = rd_le(r, 4, &x, e);

	*v = (uint32_t)x;
	return rc;
}

int
fl_rd_u64le(struct fl_rd *r, uint64_t *v, struct fl_err *e)
{
	return rd_le(r, 8, v, e);
}

int
fl_rd_compact(struct fl_rd *r, uint64_t max, uint64_t *v, struct fl_err *e)
{
	size_t start = r->pos;
	uint64_t x, min;
	uint8_t c;
	int rc;

	*v = 0;
	if ((rc = fl_rd_u8(r, &c, e)) != 0)
		return rc;
	if (c < 0xfd) {
		x = c;
		min = 0;
	} else {
		size_t n = c == 0xfd ? 2 : c == 0xfe ? 4 : 8;

		min = c == 0xfd ? 0xfd : c == 0xfe ? 0x10000 : 0x100000000;
		if ((rc = rd_le(r, n, &x, e)) != 0) {
			r->pos = start;
			return rc;
		}
	}
	if (x < min) {
		r->pos = start;
		return fl_err_set(e, FL_EDATA,
		    "non-canonical compact size at byte %zu", start);
	}
	if (x > max) {
		r->pos = start;
		return fl_err_set(e, FL_EDATA,
		    "size %llu exceeds %llu at byte %zu", (unsigned long long)x,
		    (unsigned long long)max, start);
	}
	*v = x;
	return 0;
}

int
fl_rd_varbytes(struct fl_rd *r, size_t max, const uint8_t **out, size_t *n,
    struct fl_err *e)
{
	size_t start = r->pos;
	uint64_t len;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = fl_rd_compact(r, max, &len, e)) != 0)
		return rc;
	if ((rc = fl_rd_ptr(r, (size_t)len, out, e)) != 0) {
		r->pos = start;
		return rc;
	}
	*n = (size_t)len;
	return 0;
}

int
fl_rd_end(const struct fl_rd *r, struct fl_err *e)
{
	if (r->pos != r->len)
		return fl_err_set(e, FL_EDATA, "%zu trailing bytes at byte %zu",
		    fl_rd_left(r), r->pos);
	return 0;
}
