/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/compare.c: what counts as a difference, the counts and
 * the box, the densest window and its centring, the verdict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

#include <png.h>

static const unsigned char WHITE[4] = {255, 255, 255, 255};
static const unsigned char BLACK[4] = {0, 0, 0, 255};

/* Colour under full transparency does not count; bytes still differ. */
static void test_transparent_colour_ignored(void **state)
{
	const unsigned char clear_red[4] = {255, 0, 0, 0};
	const unsigned char clear_blue[4] = {0, 0, 255, 0};
	spd_image e = tdu_image(4, 3, clear_red),
		  a = tdu_image(4, 3, clear_blue);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);

	(void)state;
	assert_int_equal(r->verdict, SHMPLOT_DIFF_IDENTICAL);
	assert_int_equal(r->diff_pixels, 0);
	assert_int_equal(r->bbox_w, 0);
	assert_float_equal(r->rms, 0.0, 0.0);
	assert_false(r->tolerance_unused);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* One channel off by 255 in 2 x 2: rms over 16 channels is 255 / 4. */
static void test_counts_box_rms(void **state)
{
	const unsigned char cyan[4] = {0, 255, 255, 255};
	spd_image e = tdu_image(2, 2, WHITE), a = tdu_image(2, 2, WHITE);

	(void)state;
	tdu_set(&a, 1, 0, cyan);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(r->diff_pixels, 1);
	assert_int_equal(r->counted_pixels, 1);
	assert_int_equal(r->max_delta, 255);
	assert_int_equal(r->bbox_x, 1);
	assert_int_equal(r->bbox_y, 0);
	assert_int_equal(r->bbox_w, 1);
	assert_int_equal(r->bbox_h, 1);
	assert_float_equal(r->rms, 255.0 / 4.0, 1e-9);
	/* More ink where the actual image is darker. */
	assert_int_equal(d->cls[1], SPD_PX_MORE_INK);
	assert_int_equal(d->cls[0], SPD_PX_SAME);
	shmplot_diff_free(d);

	/* Lighter: less ink. */
	d = tdu_diff(&a, &e, NULL);
	assert_int_equal(d->cls[1], SPD_PX_LESS_INK);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/*
 * Two clusters in 40 x 40: 3 pixels near the corner, 5 around (30, 20).
 * The densest 8 x 8 window holds the 5, centred on them.
 */
static void test_densest_window(void **state)
{
	spd_image e = tdu_image(40, 40, WHITE), a = tdu_image(40, 40, WHITE);
	static const int pts[][2] = {{1, 1},   {2, 1},   {1, 2},   {29, 19},
				     {31, 19}, {30, 20}, {29, 21}, {31, 21}};

	(void)state;
	for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
		tdu_set(&a, pts[i][0], pts[i][1], BLACK);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->window, 8);
	assert_int_equal(r->window_pixels, 5);
	assert_int_equal(r->window_x, 30 - 4);
	assert_int_equal(r->window_y, 20 - 4);
	assert_int_equal(r->bbox_x, 1);
	assert_int_equal(r->bbox_y, 1);
	assert_int_equal(r->bbox_w, 31);
	assert_int_equal(r->bbox_h, 21);
	shmplot_diff_free(d);

	/* A lone pixel: the window is centred on it, inside the image. */
	memset(a.px, 255, a.stride * 40);
	tdu_set(&a, 39, 0, BLACK);
	d = tdu_diff(&e, &a, NULL);
	r = shmplot_diff_get(d);
	assert_int_equal(r->window_pixels, 1);
	assert_int_equal(r->window_x, 32);
	assert_int_equal(r->window_y, 0);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* Both gates must hold; a tolerance nobody needed is reported. */
static void test_verdicts(void **state)
{
	const unsigned char grey[4] = {200, 200, 200, 255};
	spd_image e = tdu_image(3, 3, WHITE), a = tdu_image(3, 3, WHITE);
	shmplot_diff_opts o;

	(void)state;
	tdu_set(&a, 1, 1, grey); /* delta 55 */
	shmplot_diff_opts_init(&o);
	o.max_delta = 55;
	o.max_pixels = 1;
	shmplot_diff *d = tdu_diff(&e, &a, &o);
	assert_int_equal(shmplot_diff_get(d)->verdict,
			 SHMPLOT_DIFF_WITHIN_TOLERANCE);
	shmplot_diff_free(d);
	o.max_delta = 54;
	d = tdu_diff(&e, &a, &o);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_DIFFERENT);
	shmplot_diff_free(d);
	o.max_delta = 55;
	o.max_pixels = 0;
	d = tdu_diff(&e, &a, &o);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_DIFFERENT);
	shmplot_diff_free(d);
	d = tdu_diff(&e, &e, &o);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_IDENTICAL);
	assert_true(shmplot_diff_get(d)->tolerance_unused);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* Anti-aliasing is counted apart, and forgiven only when asked. */
static void test_aa_forgiven(void **state)
{
	const unsigned char g128[4] = {128, 128, 128, 255};
	const unsigned char g100[4] = {100, 100, 100, 255};
	spd_image e = tdu_image(16, 21, WHITE), a = tdu_image(16, 21, WHITE);
	shmplot_diff_opts o;

	(void)state;
	for (int y = 0; y < 21; y++) {
		tdu_set(&e, 5, y, g128);
		tdu_set(&a, 5, y, g100);
		for (int x = 6; x < 8; x++) {
			tdu_set(&e, x, y, BLACK);
			tdu_set(&a, x, y, BLACK);
		}
	}
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	assert_int_equal(shmplot_diff_get(d)->aa_pixels, 21);
	assert_int_equal(shmplot_diff_get(d)->counted_pixels, 21);
	assert_int_equal(d->cls[5], SPD_PX_AA);
	shmplot_diff_free(d);
	shmplot_diff_opts_init(&o);
	o.aa = SHMPLOT_DIFF_AA_FORGIVE;
	d = tdu_diff(&e, &a, &o);
	assert_int_equal(shmplot_diff_get(d)->counted_pixels, 0);
	assert_int_equal(shmplot_diff_get(d)->counted_max_delta, 0);
	assert_int_equal(shmplot_diff_get(d)->max_delta, 28);
	assert_int_equal(shmplot_diff_get(d)->verdict,
			 SHMPLOT_DIFF_WITHIN_TOLERANCE);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

static void test_size_mismatch(void **state)
{
	spd_image e = tdu_image(4, 3, WHITE), a = tdu_image(3, 4, WHITE);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);

	(void)state;
	assert_int_equal(r->verdict, SHMPLOT_DIFF_SIZE_MISMATCH);
	assert_int_equal(r->expected_width, 4);
	assert_int_equal(r->actual_width, 3);
	assert_int_equal(r->actual_height, 4);
	assert_int_equal(r->diff_pixels, 0);
	assert_null(d->cls);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/*
 * Premultiplied to 8 bits, alpha 1 black (0) and alpha 1 grey 127
 * ((127 + 127) / 255 = 0) were IDENTICAL. At full precision they differ,
 * by one step.
 */
static void test_low_alpha(void **state)
{
	const unsigned char black1[4] = {0, 0, 0, 1};
	const unsigned char grey1[4] = {127, 127, 127, 1};
	spd_image e = tdu_image(3, 2, black1), a = tdu_image(3, 2, black1);

	(void)state;
	tdu_set(&a, 2, 1, grey1);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(r->diff_pixels, 1);
	assert_int_equal(r->max_delta, 1);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* A PNG in memory, written by libpng. */
typedef struct pngbuf {
	unsigned char *p;
	size_t len;
} pngbuf;

static void pb_write(png_structp png, png_bytep data, size_t n)
{
	pngbuf *b = png_get_io_ptr(png);
	b->p = realloc(b->p, b->len + n);
	assert_non_null(b->p);
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void pb_flush(png_structp png)
{
	(void)png;
}

/* A format the reader accepts: colour type, bit depth, tRNS or not. */
typedef struct fmt {
	int ctype, depth, trns;
} fmt;

#define PW 10
#define PH 10

static int channels(int ctype)
{
	static const int ch[7] = {1, 0, 3, 1, 2, 0, 4};
	return ch[ctype];
}

/*
 * A PW x PH image of format f whose samples are v[] (channels a pixel,
 * row by row; palette images index a 16-entry grey palette, the last
 * entries translucent with tRNS). Samples are packed at f.depth.
 */
static pngbuf write_png(fmt f, const uint16_t *v)
{
	pngbuf b = {NULL, 0};
	png_structp png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	assert_non_null(info);
	assert_int_equal(setjmp(png_jmpbuf(png)), 0);
	png_set_write_fn(png, &b, pb_write, pb_flush);
	png_set_IHDR(png, info, PW, PH, f.depth, f.ctype, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_color plte[16];
	png_byte alpha[16];
	for (int i = 0; i < 16; i++) {
		plte[i].red = plte[i].green = plte[i].blue = (png_byte)(i * 17);
		alpha[i] = (png_byte)(i < 12 ? 255 : (i - 12) * 2 + 1);
	}
	png_color_16 key = {0, 3, 3, 3, 3};
	if (f.ctype == PNG_COLOR_TYPE_PALETTE)
		png_set_PLTE(png, info, plte, 1 << (f.depth < 4 ? f.depth : 4));
	if (f.trns && f.ctype == PNG_COLOR_TYPE_PALETTE)
		png_set_tRNS(png, info, alpha, 1 << (f.depth < 4 ? f.depth : 4),
			     NULL);
	else if (f.trns)
		png_set_tRNS(png, info, NULL, 0, &key);
	png_write_info(png, info);
	int ch = channels(f.ctype);
	size_t rowbytes = ((size_t)PW * ch * f.depth + 7) / 8;
	png_byte *row = calloc(1, rowbytes);
	assert_non_null(row);
	for (int y = 0; y < PH; y++) {
		memset(row, 0, rowbytes);
		for (int i = 0; i < PW * ch; i++) {
			unsigned s = v[y * PW * ch + i];
			if (f.depth == 16) {
				row[i * 2] = (png_byte)(s >> 8);
				row[i * 2 + 1] = (png_byte)s;
			} else {
				size_t bit = (size_t)i * f.depth;
				row[bit / 8] |=
				    (png_byte)(s << (8 - f.depth - bit % 8));
			}
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return b;
}

static shmplot_diff_verdict verdict(pngbuf e, pngbuf a, uint64_t *pixels)
{
	shmplot_diff *d;
	char err[256];
	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_buffers(d, e.p, e.len, a.p, a.len),
			 SHMPLOT_OK);
	shmplot_diff_verdict v = shmplot_diff_get(d)->verdict;
	if (pixels)
		*pixels = shmplot_diff_get(d)->diff_pixels;
	shmplot_diff_free(d);
	return v;
}

/*
 * "Any differing pixel fails" for every PNG the reader accepts: in each
 * format, images one step apart in one sample, in every channel of a
 * pixel, are not IDENTICAL; translucent pixels included.
 */
static void test_every_png_format(void **state)
{
	static const fmt fmts[] = {
	    {0, 1, 0},  {0, 2, 0}, {0, 4, 0},  {0, 8, 0}, {0, 16, 0}, {0, 8, 1},
	    {0, 16, 1}, {2, 8, 0}, {2, 16, 0}, {2, 8, 1}, {2, 16, 1}, {3, 1, 0},
	    {3, 2, 0},  {3, 4, 0}, {3, 8, 0},  {3, 4, 1}, {3, 8, 1},  {4, 8, 0},
	    {4, 16, 0}, {6, 8, 0}, {6, 16, 0},
	};
	uint16_t v[PW * PH * 4];

	(void)state;
	for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++) {
		fmt f = fmts[k];
		int ch = channels(f.ctype);
		unsigned max = f.ctype == 3
				   ? (1u << (f.depth < 4 ? f.depth : 4)) - 1
				   : (1u << f.depth) - 1;
		for (int i = 0; i < PW * PH * ch; i++)
			v[i] = (uint16_t)((unsigned)(i * 7 + 1) % (max + 1));
		/* pixel 0 translucent: alpha 1 (or the last palette entry) */
		if (f.ctype == 4 || f.ctype == 6)
			v[ch - 1] = 1;
		pngbuf e = write_png(f, v);
		assert_int_equal(verdict(e, e, NULL), SHMPLOT_DIFF_IDENTICAL);
		for (int c = 0; c < ch; c++) {
			uint16_t keep = v[c];
			v[c] = (uint16_t)(keep ? keep - 1 : 1);
			pngbuf a = write_png(f, v);
			if (verdict(e, a, NULL) == SHMPLOT_DIFF_IDENTICAL)
				fail_msg("colour type %d, %d-bit%s: sample %d "
					 "%u -> %u is IDENTICAL",
					 f.ctype, f.depth,
					 f.trns ? " with tRNS" : "", c, keep,
					 v[c]);
			free(a.p);
			v[c] = keep;
		}
		free(e.p);
	}
}

/*
 * 16-bit images one step apart in every pixel, below 8-bit precision:
 * 100 differing pixels (ImageMagick's count), not IDENTICAL.
 */
static void test_16bit_precision(void **state)
{
	uint16_t v[PW * PH * 3], w[PW * PH * 3];
	const fmt rgb16 = {2, 16, 0};
	uint64_t n = 0;

	(void)state;
	for (int i = 0; i < PW * PH * 3; i++) {
		v[i] = (uint16_t)(i * 601);
		w[i] = (uint16_t)(v[i] + (i % 3 == 1));
	}
	pngbuf e = write_png(rgb16, v), a = write_png(rgb16, w);
	assert_int_equal(verdict(e, a, &n), SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(n, PW * PH);
	free(e.p);
	free(a.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_transparent_colour_ignored),
	    cmocka_unit_test(test_counts_box_rms),
	    cmocka_unit_test(test_densest_window),
	    cmocka_unit_test(test_verdicts),
	    cmocka_unit_test(test_aa_forgiven),
	    cmocka_unit_test(test_size_mismatch),
	    cmocka_unit_test(test_low_alpha),
	    cmocka_unit_test(test_every_png_format),
	    cmocka_unit_test(test_16bit_precision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
