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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_transparent_colour_ignored),
	    cmocka_unit_test(test_counts_box_rms),
	    cmocka_unit_test(test_densest_window),
	    cmocka_unit_test(test_verdicts),
	    cmocka_unit_test(test_aa_forgiven),
	    cmocka_unit_test(test_size_mismatch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
