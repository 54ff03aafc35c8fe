/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/png/decode.c: safe PNG decoding. PNG files are built here chunk
 * by chunk with zlib, so corrupt, truncated and hostile files need no
 * binaries in the repository.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "png/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* A growable byte buffer for building PNGs. */
typedef struct buf {
	unsigned char *p;
	size_t len, cap;
} buf;

static void put_bytes(buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		assert_non_null(b->p);
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void chunk(buf *b, const char *type, const void *data, size_t n)
{
	unsigned char hdr[8], crc[4];
	uLong c;

	put_be32(hdr, (uint32_t)n);
	memcpy(hdr + 4, type, 4);
	put_bytes(b, hdr, 8);
	if (n)
		put_bytes(b, data, n);
	c = crc32(0, (const Bytef *)type, 4);
	if (n)
		c = crc32(c, data, (uInt)n);
	put_be32(crc, (uint32_t)c);
	put_bytes(b, crc, 4);
}

static void signature(buf *b)
{
	static const unsigned char sig[8] = {137, 80, 78, 71, 13, 10, 26, 10};
	put_bytes(b, sig, 8);
}

static void ihdr(buf *b, uint32_t w, uint32_t h, int depth, int ctype)
{
	unsigned char d[13] = {0};

	put_be32(d, w);
	put_be32(d + 4, h);
	d[8] = (unsigned char)depth;
	d[9] = (unsigned char)ctype;
	chunk(b, "IHDR", d, 13);
}

/* IDAT holding raw (filter byte included) as one zlib stream. */
static void idat(buf *b, const unsigned char *raw, size_t n)
{
	uLongf zlen = compressBound((uLong)n);
	unsigned char *z = malloc(zlen);

	assert_non_null(z);
	assert_int_equal(compress2(z, &zlen, raw, (uLong)n, 9), Z_OK);
	chunk(b, "IDAT", z, zlen);
	free(z);
}

/* A valid w x h RGBA8 PNG whose pixel (x, y) is (x, y, x ^ y, 255). */
static buf make_rgba(uint32_t w, uint32_t h)
{
	buf b = {0};
	size_t row = (size_t)w * 4 + 1;
	unsigned char *raw = calloc(row, h);

	assert_non_null(raw);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			unsigned char *p = raw + y * row + 1 + x * 4;
			p[0] = (unsigned char)x;
			p[1] = (unsigned char)y;
			p[2] = (unsigned char)(x ^ y);
			p[3] = 255;
		}
	signature(&b);
	ihdr(&b, w, h, 8, 6);
	idat(&b, raw, row * h);
	chunk(&b, "IEND", NULL, 0);
	free(raw);
	return b;
}

static spd_png_limits default_limits(void)
{
	spd_png_limits l = {SPD_DEFAULT_MAX_SIDE, SPD_DEFAULT_MAX_TOTAL_PIXELS,
			    SPD_DEFAULT_MAX_FILE_BYTES,
			    SPD_DEFAULT_MAX_CHUNK_BYTES};
	return l;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_valid_rgba(void **state)
{
	buf b = make_rgba(17, 9);
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(img.width, 17);
	assert_int_equal(img.height, 9);
	assert_int_equal(img.stride, 17 * 4);
	const unsigned char *p = img.px + 5 * img.stride + 11 * 4;
	assert_int_equal(p[0], 11);
	assert_int_equal(p[1], 5);
	assert_int_equal(p[2], 11 ^ 5);
	assert_int_equal(p[3], 255);
	spd_image_clear(&img);
	free(b.p);
}

/*
 * Grey, 16-bit and palette+tRNS inputs all come out as RGBA8; 16-bit ones
 * as RGBA16 too.
 */
static void test_conversions(void **state)
{
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	/* 8-bit grey 2x1: 0x40, 0xc0. */
	buf g = {0};
	unsigned char graw[3] = {0, 0x40, 0xc0};
	signature(&g);
	ihdr(&g, 2, 1, 8, 0);
	idat(&g, graw, sizeof graw);
	chunk(&g, "IEND", NULL, 0);
	assert_int_equal(
	    spd_png_decode(g.p, g.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_null(img.px16); /* 8 bits say it all */
	assert_memory_equal(
	    img.px,
	    ((unsigned char[]){0x40, 0x40, 0x40, 255, 0xc0, 0xc0, 0xc0, 255}),
	    8);
	spd_image_clear(&img);
	free(g.p);

	/* 16-bit RGB 1x1: 0x1234 0xff00 0x0080 scales to 8 bits. */
	buf s = {0};
	unsigned char sraw[7] = {0, 0x12, 0x34, 0xff, 0x00, 0x00, 0x80};
	signature(&s);
	ihdr(&s, 1, 1, 16, 2);
	idat(&s, sraw, sizeof sraw);
	chunk(&s, "IEND", NULL, 0);
	assert_int_equal(
	    spd_png_decode(s.p, s.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(img.px[0], 0x12);
	assert_int_equal(img.px[1], 0xfe); /* 0xff00 rounds to 254 */
	assert_int_equal(img.px[2], 0x00);
	assert_int_equal(img.px[3], 255);
	/* ... and keeps every bit for the comparison. */
	assert_non_null(img.px16);
	assert_memory_equal(img.px16,
			    ((uint16_t[]){0x1234, 0xff00, 0x0080, 0xffff}), 8);
	spd_image_clear(&img);
	free(s.p);

	/* 16-bit grey + alpha, interlaced 3x1: samples exact, host order. */
	buf ga = {0};
	unsigned char gd[13] = {0, 0, 0, 3, 0, 0, 0, 1, 16, 4, 0, 0, 1};
	unsigned char garaw[] = {0, 0x00, 0x01, 0x80, 0x00,  /* pass 1: x 0 */
				 0, 0xab, 0xcd, 0x00, 0x01,  /* pass 4: x 2 */
				 0, 0xff, 0xff, 0x00, 0x00}; /* pass 6: x 1 */
	signature(&ga);
	chunk(&ga, "IHDR", gd, sizeof gd);
	idat(&ga, garaw, sizeof garaw);
	chunk(&ga, "IEND", NULL, 0);
	assert_int_equal(
	    spd_png_decode(ga.p, ga.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_memory_equal(
	    img.px16,
	    ((uint16_t[]){1, 1, 1, 0x8000, 0xffff, 0xffff, 0xffff, 0, 0xabcd,
			  0xabcd, 0xabcd, 1}),
	    24);
	assert_memory_equal(img.px,
			    ((unsigned char[]){0, 0, 0, 0x80, 255, 255, 255, 0,
					       0xab, 0xab, 0xab, 0}),
			    12);
	spd_image_clear(&img);
	free(ga.p);

	/* Palette with tRNS: index 1 is half-transparent red. */
	buf pl = {0};
	unsigned char plte[6] = {0, 0, 0, 255, 0, 0};
	unsigned char trns[2] = {255, 128};
	unsigned char praw[2] = {0, 1};
	signature(&pl);
	ihdr(&pl, 1, 1, 8, 3);
	chunk(&pl, "PLTE", plte, sizeof plte);
	chunk(&pl, "tRNS", trns, sizeof trns);
	idat(&pl, praw, sizeof praw);
	chunk(&pl, "IEND", NULL, 0);
	assert_int_equal(
	    spd_png_decode(pl.p, pl.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_memory_equal(img.px, ((unsigned char[]){255, 0, 0, 128}), 4);
	spd_image_clear(&img);
	free(pl.p);
}

static void expect_bad(const unsigned char *p, size_t n, const char *needle)
{
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	assert_int_equal(spd_png_decode(p, n, &lim, &img, err, sizeof err),
			 SHMPLOT_E_PNG);
	assert_null(img.px);
	if (strstr(err, needle) == NULL)
		fail_msg("message '%s' does not mention '%s'", err, needle);
}

static void test_not_png(void **state)
{
	static const unsigned char text[] = "this is not a PNG file at all...";

	expect_bad(text, sizeof text, "bad signature");
	expect_bad(text, 3, "too short");
	expect_bad(NULL, 0, "not a PNG");
}

/* Every proper prefix of a valid file is rejected, without leaks. */
static void test_truncated(void **state)
{
	buf b = make_rgba(8, 8);
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256];

	for (size_t n = 0; n < b.len; n++) {
		err[0] = '\0';
		assert_int_equal(
		    spd_png_decode(b.p, n, &lim, &img, err, sizeof err),
		    SHMPLOT_E_PNG);
		assert_null(img.px);
		assert_true(err[0] != '\0');
	}
	/* Cut inside IDAT: the message says so. */
	expect_bad(b.p, b.len - 20, "truncated");
	free(b.p);
}

/* A valid image whose zlib stream is split over many tiny IDAT chunks
 * decodes (the bomb check follows the stream across chunks). */
static void test_idat_split(void **state)
{
	const uint32_t w = 33, h = 21;
	size_t row = (size_t)w * 4 + 1, n = row * h;
	unsigned char *raw = calloc(1, n);
	uLongf zlen = compressBound((uLong)n);
	unsigned char *z = malloc(zlen);
	buf b = {0};
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	assert_non_null(raw);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++)
		raw[i] = i % row == 0 ? 0 : (unsigned char)(i * 7);
	assert_int_equal(compress2(z, &zlen, raw, (uLong)n, 0), Z_OK);
	signature(&b);
	ihdr(&b, w, h, 8, 6);
	for (size_t off = 0; off < zlen; off += 7)
		chunk(&b, "IDAT", z + off, zlen - off < 7 ? zlen - off : 7);
	chunk(&b, "IEND", NULL, 0);
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_memory_equal(img.px, raw + 1, (size_t)w * 4);
	spd_image_clear(&img);
	free(raw);
	free(z);
	free(b.p);
}

static void test_crc_error(void **state)
{
	buf b = make_rgba(8, 8);

	/* The byte before IEND's 12 bytes is the last of IDAT's CRC. */
	b.p[b.len - 13] ^= 0x55;
	expect_bad(b.p, b.len, "CRC");
	free(b.p);
}

static void test_bad_ihdr(void **state)
{
	buf b = {0};

	signature(&b);
	ihdr(&b, 4, 4, 7, 6); /* bit depth 7 */
	chunk(&b, "IEND", NULL, 0);
	expect_bad(b.p, b.len, "corrupt PNG");
	free(b.p);

	buf z = {0};
	signature(&z);
	ihdr(&z, 0, 4, 8, 6);
	chunk(&z, "IEND", NULL, 0);
	expect_bad(z.p, z.len, "0 x 4");
	free(z.p);

	buf m = {0};
	signature(&m);
	chunk(&m, "IDAT", "twenty bytes of data", 20);
	expect_bad(m.p, m.len, "not a valid IHDR");
	free(m.p);
}

/* A decompression bomb announced in IHDR: rejected before any allocation. */
static void test_bomb_dimensions(void **state)
{
	buf b = {0};

	signature(&b);
	ihdr(&b, 100000, 100000, 8, 6);
	/* A tiny IDAT: the point is the claim, not the data. */
	idat(&b, (const unsigned char *)"\0\0\0\0\0", 5);
	chunk(&b, "IEND", NULL, 0);
	expect_bad(b.p, b.len, "the limit is 16384 per side");
	free(b.p);

	/* Within the side limit, over the pixel-count limit. */
	buf t = {0};
	signature(&t);
	ihdr(&t, 16000, 16000, 8, 6);
	chunk(&t, "IEND", NULL, 0);
	expect_bad(t.p, t.len, "256000000 pixels; the limit is 40000000");
	free(t.p);
}

/*
 * A huge stream of compressed zeros behind a small image: 256 MiB of zeros
 * in a file of about 256 KiB. libpng alone would inflate all of it (0.25 s
 * here, and a 256 MiB file would take minutes); the decoder inflates no more
 * than the image needs and rejects the file.
 */
static void test_bomb_zero_stream(void **state)
{
	const size_t raw_len = (size_t)256 << 20; /* 256 MiB of zeros */
	unsigned char *zeros = calloc(1, 1 << 20);
	buf b = {0};
	z_stream zs;
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	assert_non_null(zeros);
	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit(&zs, 9), Z_OK);
	size_t zcap = raw_len / 500 + 4096, zlen;
	unsigned char *z = malloc(zcap);
	assert_non_null(z);
	zs.next_out = z;
	zs.avail_out = (uInt)zcap;
	for (size_t done = 0; done < raw_len; done += 1 << 20) {
		zs.next_in = zeros;
		zs.avail_in = 1 << 20;
		int flush = done + (1 << 20) >= raw_len ? Z_FINISH : Z_NO_FLUSH;
		int rc = deflate(&zs, flush);
		assert_true(rc == Z_OK || rc == Z_STREAM_END);
		assert_int_equal(zs.avail_in, 0);
	}
	zlen = zcap - zs.avail_out;
	deflateEnd(&zs);

	signature(&b);
	ihdr(&b, 64, 64, 8, 6);
	chunk(&b, "IDAT", z, zlen);
	chunk(&b, "IEND", NULL, 0);
	free(z);
	free(zeros);

	double t0 = now();
	shmplot_status st =
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err);
	double dt = now() - t0;
	print_message("zero stream rejected in %.4f s: %s\n", dt, err);
	assert_int_equal(st, SHMPLOT_E_PNG);
	assert_null(img.px);
	assert_non_null(strstr(err, "more than a 64 x 64 image needs"));
	/* The work is bounded by the image (16 KiB), not by the stream. */
	assert_true(dt < 0.05);
	free(b.p);
}

/* An ancillary chunk that inflates past the chunk limit is dropped, the
 * image still decodes, and memory stays bounded. */
static void test_bomb_ztxt(void **state)
{
	const size_t n = (size_t)64 << 20;
	unsigned char *zeros = calloc(1, n);
	uLongf zlen = compressBound((uLong)n);
	unsigned char *ztxt = malloc(zlen + 8);
	buf good = make_rgba(4, 4), b = {0};
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	assert_non_null(zeros);
	assert_non_null(ztxt);
	memcpy(ztxt, "Comment\0\0", 9); /* keyword, NUL, method 0 */
	assert_int_equal(compress2(ztxt + 9, &zlen, zeros, (uLong)n, 9), Z_OK);
	/* Signature + IHDR (33 bytes) from the good file, then the bomb,
	 * then the rest of the good file. */
	put_bytes(&b, good.p, 33);
	chunk(&b, "zTXt", ztxt, zlen + 9);
	put_bytes(&b, good.p + 33, good.len - 33);
	free(zeros);
	free(ztxt);

	double t0 = now();
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_true(now() - t0 < 2.0);
	assert_int_equal(img.width, 4);
	spd_image_clear(&img);
	free(b.p);
	free(good.p);
}

/* Virtual memory's high-water mark of this process, in KiB. */
static long vm_peak_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmPeak:", 7) == 0)
			v = atol(line + 7);
	fclose(f);
	return v;
}

/*
 * An ancillary chunk whose length field claims 1.8 GB in an 83-byte file
 * (fuzz_png found it): libpng only warns that the chunk is too large, and
 * then its sCAL reader allocated the claimed length before finding the
 * file truncated. Ancillary chunks are skipped unread now, so the claim
 * costs no memory, and the other metadata chunks are ignored too.
 */
static void test_huge_ancillary_claim(void **state)
{
	buf good = make_rgba(3, 2), b = {0};
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";
	unsigned char hdr[8];

	(void)state;
	put_bytes(&b, good.p, 33); /* signature and IHDR */
	put_be32(hdr, 0x6f742065u);
	memcpy(hdr + 4, "sCAL", 4);
	put_bytes(&b, hdr, 8);
	put_bytes(&b, "h imag", 6);
	long before = vm_peak_kib();
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_E_PNG);
	assert_true(vm_peak_kib() - before < 256 * 1024);
	assert_non_null(strstr(err, "truncated"));
	free(b.p);
	/* Known metadata, even malformed, is not read: the image decodes. */
	b = (buf){0};
	put_bytes(&b, good.p, 33);
	chunk(&b, "sCAL", "\x09", 1);
	chunk(&b, "iCCP", "x\0\0junk", 8);
	chunk(&b, "gAMA", "\0", 1);
	put_bytes(&b, good.p + 33, good.len - 33);
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(img.px[4], 1); /* pixel (1, 0) of make_rgba */
	spd_image_clear(&img);
	free(b.p);
	free(good.p);
}

static void test_limits_configurable(void **state)
{
	buf b = make_rgba(40, 10);
	spd_png_limits lim = default_limits();
	spd_image img;
	char err[256] = "";

	lim.max_side = 32;
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_E_PNG);
	assert_non_null(strstr(err, "40 x 10"));
	lim = default_limits();
	lim.max_total_pixels = 399;
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_E_PNG);
	lim.max_total_pixels = 400;
	assert_int_equal(
	    spd_png_decode(b.p, b.len, &lim, &img, err, sizeof err),
	    SHMPLOT_OK);
	spd_image_clear(&img);
	free(b.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_rgba),
	    cmocka_unit_test(test_conversions),
	    cmocka_unit_test(test_not_png),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_idat_split),
	    cmocka_unit_test(test_crc_error),
	    cmocka_unit_test(test_bad_ihdr),
	    cmocka_unit_test(test_bomb_dimensions),
	    cmocka_unit_test(test_bomb_zero_stream),
	    cmocka_unit_test(test_bomb_ztxt),
	    cmocka_unit_test(test_limits_configurable),
	    cmocka_unit_test(test_huge_ancillary_claim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
