/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/png/deflate_plot.c (and huffman.c), shmplot's own deflate
 * of the default PNG level: zlib's inflate gives back exactly the rows
 * that went in, whatever they hold (noise, one colour, one pixel wide,
 * rows too wide for a match with the row above, RGBA), however they are
 * cut in stripes and joined as encode.c joins them; every baseline image
 * of the image tests (the seed's figures among them), encoded again by
 * sp_png_encode() at the default level, decodes (libpng) to the same
 * pixels; and the stripes of an image come out the same bytes at any
 * address.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "png/decode.h"
#include "png/deflate_plot.h"
#include "png/encode.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint64_t rng_state;

static uint32_t rng(void)
{
	return tu_splitmix(&rng_state);
}

enum pattern { P_WHITE, P_COLOUR, P_NOISE, P_PALETTE, P_PLOT };

/* Filtered rows (filter byte 0, bpp bytes a pixel) of a w x h image. */
static unsigned char *make_rows(int w, int h, int bpp, enum pattern pat)
{
	size_t rb = 1 + (size_t)bpp * (size_t)w;
	unsigned char *rows = malloc(rb * (size_t)h);
	assert_non_null(rows);
	rng_state = (uint64_t)w * 31 + (uint64_t)h * 7 + (uint64_t)pat;
	for (int y = 0; y < h; y++) {
		unsigned char *r = rows + rb * (size_t)y;
		r[0] = 0;
		for (int x = 0; x < w; x++) {
			uint32_t v = 0xffffffffu;
			if (pat == P_COLOUR)
				v = 0x801f77b4u;
			else if (pat == P_NOISE)
				v = rng();
			else if (pat == P_PALETTE) /* literals, Huffman */
				v = (rng() & 3) * 0x40302010u;
			else if (pat == P_PLOT && (y == h / 3 || x == w / 4 ||
						   (x + 2 * y) % 97 == 0 ||
						   (x * 7 + y) % 61 < 2))
				v = 0xff1f77b4u + (uint32_t)(x % 3);
			for (int c = 0; c < bpp; c++)
				r[1 + bpp * x + c] =
				    (unsigned char)(v >> 8 * c);
		}
	}
	return rows;
}

/*
 * rows (h of rb bytes) deflated in k stripes as encode.c cuts and joins
 * them (a stripe after the first gets the row above it), behind a zlib
 * header and before the adler32: inflate gives back rows exactly, and
 * the stream ends where it should. Returns the deflated bytes.
 */
static size_t deflate_and_check(const unsigned char *rows, int h, size_t rb,
				int bpp, int k)
{
	size_t total = 0, cap = 1024;
	unsigned char *z = malloc(cap);
	assert_non_null(z);
	z[total++] = 0x78;
	z[total++] = 0x01;
	for (int s = 0; s < k; s++) {
		int y0 = (int)((int64_t)s * h / k),
		    y1 = (int)((int64_t)(s + 1) * h / k);
		size_t pre = s ? rb : 0;
		unsigned char *part;
		size_t len;
		assert_int_equal(sp_deflate_plot(rows + rb * (size_t)y0 - pre,
						 pre, rb * (size_t)(y1 - y0),
						 rb, bpp, s == k - 1, &part,
						 &len),
				 0);
		/* a stripe before the last ends as a sync flush does */
		if (s < k - 1) {
			static const unsigned char sync[4] = {0, 0, 0xff, 0xff};
			assert_true(len >= 5);
			assert_memory_equal(part + len - 4, sync, 4);
		}
		while (total + len + 4 > cap)
			cap *= 2;
		z = realloc(z, cap);
		assert_non_null(z);
		memcpy(z + total, part, len);
		total += len;
		free(part);
	}
	uLong adler = adler32(1, rows, (uInt)(rb * (size_t)h));
	for (int i = 0; i < 4; i++)
		z[total++] = (unsigned char)(adler >> (24 - 8 * i));
	size_t raw = rb * (size_t)h;
	unsigned char *back = malloc(raw + 1);
	assert_non_null(back);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	assert_int_equal(inflateInit(&zs), Z_OK);
	zs.next_in = z;
	zs.avail_in = (uInt)total;
	zs.next_out = back;
	zs.avail_out = (uInt)(raw + 1);
	int st = inflate(&zs, Z_FINISH);
	if (st != Z_STREAM_END)
		fail_msg("inflate: %d (%s) after %lu bytes", st,
			 zs.msg ? zs.msg : "", zs.total_out);
	assert_int_equal(zs.total_out, raw);
	assert_int_equal(zs.avail_in, 0);
	assert_memory_equal(back, rows, raw);
	inflateEnd(&zs);
	free(back);
	free(z);
	return total;
}

static void check(int w, int h, int bpp, enum pattern pat, int k)
{
	unsigned char *rows = make_rows(w, h, bpp, pat);
	deflate_and_check(rows, h, 1 + (size_t)bpp * (size_t)w, bpp, k);
	free(rows);
}

static void test_shapes(void **state)
{
	(void)state;
	static const struct {
		int w, h;
		enum pattern pat;
	} shapes[] = {
	    {1, 1, P_WHITE},       {1, 1000, P_PLOT},   {1, 600, P_NOISE},
	    {2, 3, P_PALETTE},     {300, 200, P_WHITE}, {300, 200, P_COLOUR},
	    {97, 50, P_NOISE},     {400, 300, P_PLOT},  {1200, 300, P_PLOT},
	    {700, 200, P_PALETTE}, {20000, 6, P_PLOT},  {20000, 4, P_WHITE},
	    {10922, 4, P_PLOT},    {10923, 4, P_PLOT},  {5000, 9, P_NOISE},
	};
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
		for (int bpp = 3; bpp <= 4; bpp++)
			for (int k = 1; k <= 5 && k <= shapes[i].h; k++)
				check(shapes[i].w, shapes[i].h, bpp,
				      shapes[i].pat, k);
}

/*
 * Flat images compress to almost nothing, noise costs no more than
 * stored blocks: the block type is chosen by size. (n counts the zlib
 * header and adler32 too.)
 */
static void test_sizes(void **state)
{
	(void)state;
	unsigned char *rows = make_rows(1200, 300, 3, P_WHITE);
	size_t rb = 1 + 3 * 1200, n = deflate_and_check(rows, 300, rb, 3, 1);
	assert_true(n < rb * 300 / 200);
	free(rows);
	rows = make_rows(400, 300, 3, P_NOISE);
	rb = 1 + 3 * 400;
	n = deflate_and_check(rows, 300, rb, 3, 2);
	/* 5 bytes of stored-block header a block of at most 16384 bytes */
	assert_true(n <= rb * 300 + 5 * (rb * 300 / 16384 + 4) + 6);
	free(rows);
}

/* The same rows at other addresses (and after other work): same bytes. */
static void test_addresses(void **state)
{
	(void)state;
	unsigned char *rows = make_rows(1200, 300, 3, P_PLOT);
	size_t raw = 3601 * 300;
	unsigned char *first, *again;
	size_t n1, n2;
	assert_int_equal(sp_deflate_plot(rows, 0, raw, 3601, 3, 1, &first, &n1),
			 0);
	for (size_t shift = 1; shift < 9; shift += 3) {
		unsigned char *copy = malloc(raw + shift);
		assert_non_null(copy);
		memset(copy, (int)shift, shift);
		memcpy(copy + shift, rows, raw);
		check(97, 50, 3, P_NOISE, 2);
		assert_int_equal(sp_deflate_plot(copy + shift, 0, raw, 3601, 3,
						 1, &again, &n2),
				 0);
		assert_int_equal(n1, n2);
		assert_memory_equal(first, again, n1);
		free(again);
		free(copy);
	}
	free(first);
	free(rows);
}

static void check_reencode(cairo_surface_t *s, const spd_image *want,
			   const char *name);
static cairo_surface_t *surface_of(const spd_image *img, int alpha);

/*
 * Images of exactly 1, 2 and 5 stripes through sp_png_encode() and
 * stripe by stripe: the same pixels back, the same bytes both ways.
 */
static void test_stripe_counts(void **state)
{
	(void)state;
	static const int size[][3] = {
	    {400, 300, 1}, {600, 300, 2}, {1200, 370, 5}};
	for (int i = 0; i < 3; i++) {
		int w = size[i][0], h = size[i][1];
		assert_int_equal(sp_png_stripes(w, h), size[i][2]);
		unsigned char *rows = make_rows(w, h, 4, P_PLOT);
		spd_image img = {w, h, 1 + 4 * (size_t)w, rows + 1, NULL};
		cairo_surface_t *s = surface_of(&img, 0);
		check_reencode(s, &img, "stripes");
		cairo_surface_destroy(s);
		free(rows);
	}
}

/* A w x h RGB24 (or ARGB32) surface from a decoded image's pixels. */
static cairo_surface_t *surface_of(const spd_image *img, int alpha)
{
	cairo_surface_t *s = cairo_image_surface_create(
	    alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, img->width,
	    img->height);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < img->height; y++) {
		const unsigned char *p = img->px + (size_t)y * img->stride;
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * stride);
		for (int x = 0; x < img->width; x++, p += 4) {
			uint32_t a = alpha ? p[3] : 255;
			/* premultiplied, as cairo keeps ARGB32 */
			uint32_t r = (p[0] * a + 127) / 255,
				 g = (p[1] * a + 127) / 255,
				 b = (p[2] * a + 127) / 255;
			row[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static const spd_png_limits limits = {65536, 100000000u, (size_t)1 << 30,
				      (size_t)1 << 20};

static void decode_or_fail(const unsigned char *png, size_t len, spd_image *img,
			   const char *what)
{
	char err[256] = "";
	if (spd_png_decode(png, len, &limits, img, err, sizeof err) !=
	    SHMPLOT_OK)
		fail_msg("%s: %s", what, err);
}

/*
 * s encoded at the default level decodes to exactly the pixels of want
 * (an RGB24 surface: opaque; an ARGB32 one: want's own straight pixels),
 * and its stripes, deflated in reverse order, assemble into the same file.
 */
static void check_reencode(cairo_surface_t *s, const spd_image *want,
			   const char *name)
{
	unsigned char *png, *joined;
	size_t len, jlen;
	char err[256] = "";
	if (sp_png_encode(s, -1, 100, &png, &len, err, sizeof err))
		fail_msg("%s: encode: %s", name, err);
	spd_image got;
	decode_or_fail(png, len, &got, name);
	assert_int_equal(got.width, want->width);
	assert_int_equal(got.height, want->height);
	for (int y = 0; y < got.height; y++)
		if (memcmp(got.px + (size_t)y * got.stride,
			   want->px + (size_t)y * want->stride,
			   4 * (size_t)got.width))
			fail_msg("%s: row %d differs", name, y);
	spd_image_clear(&got);
	if (cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24) {
		int k = sp_png_stripes(want->width, want->height);
		sp_png_part *parts = calloc((size_t)k, sizeof *parts);
		assert_non_null(parts);
		for (int i = k - 1; i >= 0; i--)
			assert_int_equal(sp_png_deflate_stripe(s, -1, i,
							       &parts[i], err,
							       sizeof err),
					 SHMPLOT_OK);
		assert_int_equal(sp_png_assemble(want->width, want->height, 100,
						 -1, parts, &joined, &jlen, err,
						 sizeof err),
				 SHMPLOT_OK);
		assert_int_equal(jlen, len);
		assert_memory_equal(joined, png, len);
		free(joined);
		for (int i = 0; i < k; i++)
			sp_png_part_free(&parts[i]);
		free(parts);
	}
	free(png);
}

/* Whether any pixel of img is not opaque. */
static int has_alpha(const spd_image *img)
{
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++)
			if (img->px[(size_t)y * img->stride + 4 * (size_t)x +
				    3] != 255)
				return 1;
	return 0;
}

/*
 * Every baseline of the image tests (tests/baseline: the seed's figures
 * and the gallery), decoded, encoded again at the default level and
 * decoded again: the same pixels. Transparent ones go through the RGBA
 * path with the pixels they round-trip to (premultiplied in between).
 */
static void test_baselines(void **state)
{
	(void)state;
	DIR *d = opendir(BASELINE_DIR);
	assert_non_null(d);
	int n = 0, seed = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t nl = strlen(e->d_name);
		if (nl < 5 || strcmp(e->d_name + nl - 4, ".png"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", BASELINE_DIR, e->d_name);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		long sz = ftell(f);
		fseek(f, 0, SEEK_SET);
		unsigned char *buf = malloc((size_t)sz);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
		fclose(f);
		spd_image img;
		decode_or_fail(buf, (size_t)sz, &img, e->d_name);
		free(buf);
		int alpha = has_alpha(&img);
		cairo_surface_t *s = surface_of(&img, alpha);
		if (alpha) { /* what the surface holds, straight again */
			unsigned char *png;
			size_t len;
			char err[256];
			assert_int_equal(
			    sp_png_encode(s, 0, 0, &png, &len, err, sizeof err),
			    SHMPLOT_OK);
			spd_image_clear(&img);
			decode_or_fail(png, len, &img, e->d_name);
			free(png);
		}
		check_reencode(s, &img, e->d_name);
		cairo_surface_destroy(s);
		spd_image_clear(&img);
		seed += !strncmp(e->d_name, "figure", 6);
		n++;
	}
	closedir(d);
	print_message("%d baselines re-encoded\n", n);
	assert_true(n >= 50);
	assert_true(seed >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_sizes),
	    cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_stripe_counts),
	    cmocka_unit_test(test_baselines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
