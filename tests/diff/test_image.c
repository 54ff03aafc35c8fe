/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/image.c: the views of a comparison (inputs over
 * white, the diff image's colours, the enlarged grid) and
 * shmplot_diff_image_png().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

static const unsigned char WHITE[4] = {255, 255, 255, 255};
static const unsigned char BLACK[4] = {0, 0, 0, 255};

static uint32_t rgb(const unsigned char c[3])
{
	return (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
}

/*
 * Expected white, black, white, black, white; actual black (more ink),
 * white (less ink), white, black, white. The last pixel is forced to
 * anti-aliasing to see its colour.
 */
static void test_diff_image_colours(void **state)
{
	spd_image e = tdu_image(5, 1, WHITE), a = tdu_image(5, 1, WHITE);
	unsigned char *png;
	size_t len;

	(void)state;
	tdu_set(&e, 1, 0, BLACK);
	tdu_set(&e, 3, 0, BLACK);
	tdu_set(&a, 0, 0, BLACK);
	tdu_set(&a, 3, 0, BLACK);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	d->cls[4] = SPD_PX_AA;
	assert_int_equal(shmplot_diff_image_png(d, &png, &len), SHMPLOT_OK);
	spd_image img = tdu_decode(png, len);
	assert_int_equal(img.width, 5);
	assert_int_equal(tdu_px(&img, 0, 0), rgb(spd_col_more));
	assert_int_equal(tdu_px(&img, 1, 0), rgb(spd_col_less));
	/* Unchanged pixels: the expected image as a faint ghost. */
	assert_int_equal(tdu_px(&img, 2, 0), 0xffffffu);
	assert_int_equal(tdu_px(&img, 3, 0), 0xbfbfbfu); /* 255 - 255 / 4 */
	assert_int_equal(tdu_px(&img, 4, 0), rgb(spd_col_aa));
	spd_image_clear(&img);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

static void test_no_image_without_comparison(void **state)
{
	spd_image e = tdu_image(2, 2, WHITE), a = tdu_image(3, 2, WHITE);
	unsigned char *png = (unsigned char *)"x";
	size_t len = 1;
	shmplot_diff *d;

	(void)state;
	assert_int_equal(shmplot_diff_new(&d, NULL, NULL, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_image_png(d, &png, &len),
			 SHMPLOT_E_STATE);
	assert_null(png);
	assert_int_equal(len, 0);
	shmplot_diff_free(d);
	d = tdu_diff(&e, &a, NULL);
	assert_int_equal(shmplot_diff_image_png(d, &png, &len),
			 SHMPLOT_E_STATE);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "differ in size"));
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/*
 * Inputs are shown over white; enlarged 8x, each pixel is a square whose
 * last row and column are a 7/8 shade, so pixels can be counted.
 */
static void test_blit(void **state)
{
	const unsigned char half_black[4] = {0, 0, 0, 128};
	spd_image e = tdu_image(2, 1, WHITE);
	spd_canvas c;
	char err[256];

	(void)state;
	tdu_set(&e, 1, 0, half_black);
	shmplot_diff *d = tdu_diff(&e, &e, NULL);
	assert_int_equal(spd_canvas_new(&c, 16, 8, spd_col_bg, err, sizeof err),
			 SHMPLOT_OK);
	spd_blit(&c, d, SPD_VIEW_EXPECTED, 0, 0, 2, 1, 0, 0, 8);
	assert_int_equal(tdu_canvas_px(&c, 0, 0), 0xffffffu);
	assert_int_equal(tdu_canvas_px(&c, 6, 6), 0xffffffu);
	assert_int_equal(tdu_canvas_px(&c, 7, 3), 0xdfdfdfu);
	assert_int_equal(tdu_canvas_px(&c, 3, 7), 0xdfdfdfu);
	assert_int_equal(tdu_canvas_px(&c, 8, 0), 0x7f7f7fu);
	assert_int_equal(tdu_canvas_px(&c, 15, 0), 0x6f6f6fu);
	/* At scale 1 there is no grid. */
	spd_blit(&c, d, SPD_VIEW_ACTUAL, 0, 0, 2, 1, 0, 0, 1);
	assert_int_equal(tdu_canvas_px(&c, 0, 0), 0xffffffu);
	assert_int_equal(tdu_canvas_px(&c, 1, 0), 0x7f7f7fu);
	cairo_surface_destroy(c.surf);
	shmplot_diff_free(d);
	free(e.px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff_image_colours),
	    cmocka_unit_test(test_no_image_without_comparison),
	    cmocka_unit_test(test_blit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
