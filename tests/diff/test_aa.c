/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/aa.c: pixelmatch's anti-aliasing detector and the
 * ink condition added to it, on a vertical edge between white and black
 * whose one grey column of anti-aliasing changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

static const unsigned char WHITE[4] = {255, 255, 255, 255};
static const unsigned char BLACK[4] = {0, 0, 0, 255};

/*
 * 16 x 21: white, then at column 5 one grey column (the edge's
 * anti-aliasing), then black columns 6 and 7, then white again.
 */
static spd_image edge(unsigned char grey)
{
	spd_image img = tdu_image(16, 21, WHITE);
	const unsigned char g[4] = {grey, grey, grey, 255};

	for (int y = 0; y < img.height; y++) {
		tdu_set(&img, 5, y, g);
		tdu_set(&img, 6, y, BLACK);
		tdu_set(&img, 7, y, BLACK);
	}
	return img;
}

static void test_luma(void **state)
{
	const unsigned char clear_black[4] = {0, 0, 0, 0};
	const unsigned char half_black[4] = {0, 0, 0, 128};

	(void)state;
	assert_float_equal(spd_luma(WHITE), 255.0, 1e-3);
	assert_float_equal(spd_luma(BLACK), 0.0, 1e-9);
	/* Composited over white: transparent is white, half black is grey. */
	assert_float_equal(spd_luma(clear_black), 255.0, 1e-3);
	assert_float_equal(spd_luma(half_black), 255.0 * 127.0 / 255.0, 1e-3);
}

/* A sub-pixel move of the edge changes only the grey: anti-aliasing. */
static void test_moved_edge_is_aa(void **state)
{
	spd_image e = edge(128), a = edge(100);

	(void)state;
	assert_int_equal(spd_is_aa(&e, &a, 5, 10), 1);
	assert_int_equal(spd_is_aa(&a, &e, 5, 10), 1);
	/* At the image's edge the detector counts the border as one equal
	 * neighbour and still sees the edge. */
	assert_int_equal(spd_is_aa(&e, &a, 5, 0), 1);
	free(e.px);
	free(a.px);
}

/*
 * The grey column turned black: pixelmatch calls the expected pixel
 * anti-aliasing, but a whole column of ink came in, so it is not.
 */
static void test_added_ink_is_not_aa(void **state)
{
	spd_image e = edge(128), a = edge(0);

	(void)state;
	assert_int_equal(spd_is_aa(&e, &a, 5, 10), 0);
	free(e.px);
	free(a.px);
}

/* A lone dot in a flat area has only equal neighbours: never AA. */
static void test_isolated_dot_is_not_aa(void **state)
{
	spd_image e = tdu_image(9, 9, WHITE), a = tdu_image(9, 9, WHITE);

	(void)state;
	tdu_set(&a, 4, 4, BLACK);
	assert_int_equal(spd_is_aa(&e, &a, 4, 4), 0);
	/* In a 1 x 1 image every neighbour is the pixel itself. */
	spd_image e1 = tdu_image(1, 1, WHITE), a1 = tdu_image(1, 1, BLACK);
	assert_int_equal(spd_is_aa(&e1, &a1, 0, 0), 0);
	free(e.px);
	free(a.px);
	free(e1.px);
	free(a1.px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_luma),
	    cmocka_unit_test(test_moved_edge_is_aa),
	    cmocka_unit_test(test_added_ink_is_not_aa),
	    cmocka_unit_test(test_isolated_dot_is_not_aa),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
