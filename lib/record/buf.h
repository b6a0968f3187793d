/*
 * buf: a growable byte buffer for building serializations, and a reader
 * cursor for parsing them, with Bitcoin's little-endian integers and
 * CompactSize lengths.
 *
 * Appenders never fail outright: on allocation failure they set b->oom and
 * do nothing more, so a serializer can append freely and check once with
 * fl_buf_check() at the end.  Growing always copies into a new block and
 * wipes the old one, so a buffer holding secrets leaves no stale copies;
 * release such a buffer with fl_buf_free_secret().
 *
 * Getters of struct fl_rd return 0, or FL_EDATA with e set ("unexpected end
 * of data at byte N", "non-canonical compact size at byte N") and leave the
 * cursor where it was.  Outputs are cleared before any check.
 */
#ifndef FL_BUF_H
#define FL_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct fl_buf {
	uint8_t *p; /* owned; NULL while empty */
	size_t len, cap;
	int oom; /* set once an allocation has failed */
};

/* An empty buffer (equivalently: struct fl_buf b = {0}). */
void fl_buf_init(struct fl_buf *b);
/* Frees b->p and resets b to empty. */
void fl_buf_free(struct fl_buf *b);
/* Wipes all cap bytes, then frees as fl_buf_free(). */
void fl_buf_free_secret(struct fl_buf *b);
/* Sets len to 0 (wiping the contents), keeping the allocation. */
void fl_buf_clear(struct fl_buf *b);
/* Makes room for n more bytes; 0, or FL_ENOMEM (and sets oom). */
int fl_buf_reserve(struct fl_buf *b, size_t n);
/* 0, or FL_ENOMEM with e set when any append has failed. */
int fl_buf_check(const struct fl_buf *b, struct fl_err *e);

void fl_buf_add(struct fl_buf *b, const void *p, size_t n);
void fl_buf_u8(struct fl_buf *b, uint8_t v);
void fl_buf_u16le(struct fl_buf *b, uint16_t v);
void fl_buf_u32le(struct fl_buf *b, uint32_t v);
void fl_buf_u64le(struct fl_buf *b, uint64_t v);
/* CompactSize: 1, 3, 5 or 9 bytes, always the shortest form. */
void fl_buf_compact(struct fl_buf *b, uint64_t v);
/* CompactSize length n, then the n bytes. */
void fl_buf_varbytes(struct fl_buf *b, const void *p, size_t n);
/* The number of bytes fl_buf_compact() writes for v. */
size_t fl_compact_len(uint64_t v);

struct fl_rd {
	const uint8_t *p; /* not owned */
	size_t len, pos;
};

void fl_rd_init(struct fl_rd *r, const void *p, size_t len);
/* Bytes left to read. */
size_t fl_rd_left(const struct fl_rd *r);
/* Copies n bytes into out. */
int fl_rd_bytes(struct fl_rd *r, void *out, size_t n, struct fl_err *e);
/* Points *out at the next n bytes (inside the reader's data) and skips them. */
int fl_rd_ptr(struct fl_rd *r, size_t n, const uint8_t **out, struct fl_err *e);
int fl_rd_u8(struct fl_rd *r, uint8_t *v, struct fl_err *e);
int fl_rd_u16le(struct fl_rd *r, uint16_t *v, struct fl_err *e);
int fl_rd_u32le(struct fl_rd *r, uint32_t *v, struct fl_err *e);
int fl_rd_u64le(struct fl_rd *r, uint64_t *v, struct fl_err *e);
/*
 * A CompactSize.  Refuses (FL_EDATA) non-canonical encodings (a longer form
 * than needed) and values above max ("size N exceeds M at byte P").
 */
int fl_rd_compact(struct fl_rd *r, uint64_t max, uint64_t *v, struct fl_err *e);
/*
 * A CompactSize length of at most max bytes, then that many bytes: *out
 * points into the reader's data, *n is the length.
 */
int fl_rd_varbytes(struct fl_rd *r, size_t max, const uint8_t **out, size_t *n,
    struct fl_err *e);
/* 0 when everything was read, else FL_EDATA "N trailing bytes". */
int fl_rd_end(const struct fl_rd *r, struct fl_err *e);

#endif
