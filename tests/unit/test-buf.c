#include "buf.h"
#include "hexutil.h"
#include "tap.h"

static void
test_append(void)
{
	struct fl_buf b;
	static const uint8_t want[] = {0x01, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12,
	    0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 0x02, 'h', 'i'};

	fl_buf_init(&b);
	fl_buf_u8(&b, 1);
	fl_buf_u16le(&b, 0x1234);
	fl_buf_u32le(&b, 0x12345678);
	fl_buf_u64le(&b, 0x0123456789abcdefULL);
	fl_buf_varbytes(&b, "hi", 2);
	check_uint(b.len, ==, sizeof(want));
	check_mem(b.p, want, sizeof(want));
	check_int(fl_buf_check(&b, NULL), ==, 0);
	fl_buf_clear(&b);
	check_uint(b.len, ==, 0);
	check(b.p != NULL);
	fl_buf_free(&b);
	check(b.p == NULL && b.cap == 0);
}

static void
test_grow(void)
{
	struct fl_buf b = {0};
	size_t i;
	int ok = 1;

	for (i = 0; i < 100000; i++)
		fl_buf_u8(&b, (uint8_t)i);
	check_uint(b.len, ==, 100000);
	for (i = 0; i < 100000; i++)
		ok &= b.p[i] == (uint8_t)i;
	check(ok);
	fl_buf_free_secret(&b);
	check(b.p == NULL && b.len == 0);
}

static void
test_oom(void)
{
	struct fl_buf b = {0};
	struct fl_err e;

	fl_buf_u8(&b, 7);
	check_int(fl_buf_reserve(&b, SIZE_MAX - 4), ==, FL_ENOMEM);
	check(b.oom);
	fl_buf_u8(&b, 8); /* ignored after a failure */
	check_uint(b.len, ==, 1);
	check_int(fl_buf_check(&b, &e), ==, FL_ENOMEM);
	check_str(e.msg, "out of memory");
	fl_buf_free(&b);
}

static void
test_compact(void)
{
	static const struct {
		uint64_t v;
		const char *hex;
	} t[] = {
	    {0, "00"},
	    {0xfc, "fc"},
	    {0xfd, "fdfd00"},
	    {0xffff, "fdffff"},
	    {0x10000, "fe00000100"},
	    {0xffffffff, "feffffffff"},
	    {0x100000000, "ff0000000001000000"},
	    {UINT64_MAX, "ffffffffffffffffff"},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct fl_buf b = {0};
		struct fl_rd r;
		struct fl_err e;
		uint64_t v;
		char *h;

		fl_buf_compact(&b, t[i].v);
		h = tohex(b.p, b.len);
		check_str(h, t[i].hex);
		check_uint(fl_compact_len(t[i].v), ==, b.len);
		fl_rd_init(&r, b.p, b.len);
		check_int(fl_rd_compact(&r, UINT64_MAX, &v, &e), ==, 0);
		check_uint(v, ==, t[i].v);
		check_int(fl_rd_end(&r, &e), ==, 0);
		free(h);
		fl_buf_free(&b);
	}
}

static void
expect_err(const char *hex, uint64_t max, const char *msg)
{
	size_t n;
	uint8_t *p = unhex(hex, &n);
	struct fl_rd r;
	struct fl_err e;
	uint64_t v = 99;

	fl_rd_init(&r, p, n);
	check_int(fl_rd_compact(&r, max, &v, &e), ==, FL_EDATA);
	check_str(e.msg, msg);
	check_uint(v, ==, 0);
	check_uint(r.pos, ==, 0);
	free(p);
}

static void
test_reader_errors(void)
{
	static const uint8_t d[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	struct fl_rd r;
	struct fl_err e;
	uint8_t out[4] = {9, 9, 9, 9}, u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	const uint8_t *p;
	size_t n;

	expect_err("fdfc00", UINT64_MAX,
	    "non-canonical compact size at byte 0");
	expect_err("feffff0000", UINT64_MAX,
	    "non-canonical compact size at byte 0");
	expect_err("ffffffffff00000000", UINT64_MAX,
	    "non-canonical compact size at byte 0");
	expect_err("fd01", UINT64_MAX, "unexpected end of data at byte 2");
	expect_err("", UINT64_MAX, "unexpected end of data at byte 0");
	expect_err("fd0001", 255, "size 256 exceeds 255 at byte 0");

	fl_rd_init(&r, d, sizeof(d));
	check_int(fl_rd_u64le(&r, &u64, &e), ==, 0);
	check_uint(u64, ==, 0x0807060504030201ULL);
	check_uint(fl_rd_left(&r), ==, 1);
	check_int(fl_rd_end(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "1 trailing bytes at byte 8");
	check_int(fl_rd_u16le(&r, &u16, &e), ==, FL_EDATA);
	check_uint(u16, ==, 0);
	check_int(fl_rd_u32le(&r, &u32, &e), ==, FL_EDATA);
	check_uint(u32, ==, 0);
	check_int(fl_rd_u64le(&r, &u64, &e), ==, FL_EDATA);
	check_uint(u64, ==, 0);
	check_int(fl_rd_bytes(&r, out, 2, &e), ==, FL_EDATA);
	check_str(e.msg, "unexpected end of data at byte 9");
	check_uint(out[0], ==, 0); /* cleared */
	check_int(fl_rd_ptr(&r, 2, &p, &e), ==, FL_EDATA);
	check(p == NULL);
	check_uint(r.pos, ==, 8);
	check_int(fl_rd_u8(&r, &u8, &e), ==, 0);
	check_uint(u8, ==, 9);
	check_int(fl_rd_u8(&r, &u8, &e), ==, FL_EDATA);

	/* varbytes: length beyond the data, and beyond max */
	fl_rd_init(&r,
	    (const uint8_t *)"\x05"
			     "abc",
	    4);
	check_int(fl_rd_varbytes(&r, 100, &p, &n, &e), ==, FL_EDATA);
	check_uint(r.pos, ==, 0);
	check(p == NULL && n == 0);
	check_int(fl_rd_varbytes(&r, 4, &p, &n, &e), ==, FL_EDATA);
	check_str(e.msg, "size 5 exceeds 4 at byte 0");
	fl_rd_init(&r,
	    (const uint8_t *)"\x03"
			     "abc",
	    4);
	check_int(fl_rd_varbytes(&r, 3, &p, &n, &e), ==, 0);
	check_uint(n, ==, 3);
	check_mem(p, "abc", 3);
	check_int(fl_rd_end(&r, &e), ==, 0);
}

int
main(void)
{
	test_append();
	test_grow();
	test_oom();
	test_compact();
	test_reader_errors();
	return test_done();
}
