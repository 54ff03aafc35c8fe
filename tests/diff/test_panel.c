/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/panel.c: the panel's layout for each kind of result
 * (identical, different with its enlarged window, size mismatch), the marks
 * round a difference, the legend, and its limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

static const unsigned char WHITE[4] = {255, 255, 255, 255};
static const unsigned char GREY[4] = {200, 200, 200, 255};

static uint32_t rgb(const unsigned char c[3])
{
	return (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
}

static spd_image panel_of(shmplot_diff *d)
{
	unsigned char *png;
	size_t len;

	assert_int_equal(shmplot_diff_panel_png(d, &png, &len), SHMPLOT_OK);
	return tdu_decode(png, len);
}

/* Title, labels, three 120 x 80 views, legend; never under 620 wide. */
static void test_identical(void **state)
{
	spd_image e = tdu_image(120, 80, WHITE);
	shmplot_diff *d = tdu_diff(&e, &e, NULL);

	(void)state;
	spd_image p = panel_of(d);
	assert_int_equal(p.width, 620);
	assert_int_equal(p.height, 12 + 2 * 22 + 80 + 12 + 22);
	assert_int_equal(tdu_px(&p, 0, 0), rgb(spd_col_bg));
	/* The expected view at (12, 56), framed. */
	assert_int_equal(tdu_px(&p, 12, 56), 0xffffffu);
	assert_int_equal(tdu_px(&p, 11, 56), rgb(spd_col_frame));
	spd_image_clear(&p);
	shmplot_diff_free(d);
	free(e.px);
}

/*
 * One pixel at (17, 10): rulers in the gutters, a box in the diff view,
 * 32 x 32 pixels around it enlarged 8x below, then the legend.
 */
static void test_one_pixel(void **state)
{
	spd_image e = tdu_image(120, 80, WHITE), a = tdu_image(120, 80, WHITE);

	(void)state;
	tdu_set(&a, 17, 10, GREY);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);
	spd_image p = panel_of(d);
	assert_int_equal(p.width, 12 + 3 * (32 * 8 + 12));
	assert_int_equal(p.height,
			 12 + 2 * 22 + 80 + 12 + 2 * 22 + 256 + 12 + 22);
	/* Views at y 56; the ruler above the expected view is 3 wide. */
	assert_int_equal(tdu_px(&p, 12 + 17, 52), rgb(spd_col_more));
	assert_int_equal(tdu_px(&p, 12 + 16, 52), rgb(spd_col_more));
	assert_int_equal(tdu_px(&p, 12 + 15, 52), rgb(spd_col_bg));
	/* The box round the difference in the diff view (x 276). */
	assert_int_equal(tdu_px(&p, 276 + 17, 56 + 10 - 3), rgb(spd_col_box));
	assert_int_equal(tdu_px(&p, 276 + 17, 56 + 10), rgb(spd_col_more));
	/* Legend swatches at y 460: more ink, then less ink. */
	assert_int_equal(tdu_px(&p, 15, 465), rgb(spd_col_more));
	assert_int_equal(tdu_px(&p, 150, 465), rgb(spd_col_less));
	spd_image_clear(&p);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* Expected | actual at their own sizes, nothing else. */
static void test_size_mismatch(void **state)
{
	spd_image e = tdu_image(300, 80, WHITE), a = tdu_image(299, 90, WHITE);
	shmplot_diff *d = tdu_diff(&e, &a, NULL);

	(void)state;
	spd_image p = panel_of(d);
	assert_int_equal(p.width, 12 + 300 + 12 + 299 + 12);
	assert_int_equal(p.height, 12 + 2 * 22 + 90 + 12);
	assert_int_equal(tdu_px(&p, 12 + 300 + 12, 56 + 89), 0xffffffu);
	assert_int_equal(tdu_px(&p, 12, 56 + 80), rgb(spd_col_frame));
	spd_image_clear(&p);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

/* Before a comparison there is no panel; one cairo cannot draw fails. */
static void test_errors(void **state)
{
	spd_image e = tdu_image(11000, 1, WHITE),
		  a = tdu_image(11000, 1, WHITE);
	unsigned char *png;
	size_t len;
	shmplot_diff *d;

	(void)state;
	assert_int_equal(shmplot_diff_new(&d, NULL, NULL, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_panel_png(d, &png, &len),
			 SHMPLOT_E_STATE);
	shmplot_diff_free(d);
	tdu_set(&a, 5, 0, GREY);
	d = tdu_diff(&e, &a, NULL);
	assert_int_equal(shmplot_diff_panel_png(d, &png, &len),
			 SHMPLOT_E_INVALID);
	assert_null(png);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "cairo"));
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_identical),
	    cmocka_unit_test(test_one_pixel),
	    cmocka_unit_test(test_size_mismatch),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
