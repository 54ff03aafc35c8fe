/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/canvas.c: the canvas' limits, drawing clipped to it,
 * outlines outside their rectangle, and the PNG it encodes to.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

static const unsigned char RED[3] = {255, 0, 0};
static const unsigned char BLUE[3] = {0, 0, 255};

static void test_limits(void **state)
{
	spd_canvas c;
	char err[256] = "";

	(void)state;
	assert_int_equal(spd_canvas_new(&c, 0, 10, RED, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_null(c.surf);
	assert_int_equal(spd_canvas_new(&c, 32768, 1, RED, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "32768 x 1"));
	assert_int_equal(spd_canvas_new(&c, 32767, 1, RED, err, sizeof err),
			 SHMPLOT_OK);
	cairo_surface_destroy(c.surf);
}

static void test_fill_clipped_outline_outside(void **state)
{
	spd_canvas c;
	char err[256];

	(void)state;
	assert_int_equal(spd_canvas_new(&c, 10, 8, RED, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(tdu_canvas_px(&c, 9, 7), 0xff0000u);
	/* Half outside: only the inside is drawn, nothing else is hurt. */
	spd_fill(&c, -3, -3, 5, 5, BLUE);
	assert_int_equal(tdu_canvas_px(&c, 0, 0), 0x0000ffu);
	assert_int_equal(tdu_canvas_px(&c, 1, 1), 0x0000ffu);
	assert_int_equal(tdu_canvas_px(&c, 2, 2), 0xff0000u);
	spd_fill(&c, 0, 0, 10, 8, RED);
	/* A 2-thick outline of (4, 3, 2 x 2): rows 1-2 and 5-6, columns 2-3
	 * and 6-7; the rectangle itself untouched. */
	spd_outline(&c, 4, 3, 2, 2, 2, BLUE);
	assert_int_equal(tdu_canvas_px(&c, 2, 1), 0x0000ffu);
	assert_int_equal(tdu_canvas_px(&c, 7, 6), 0x0000ffu);
	assert_int_equal(tdu_canvas_px(&c, 4, 3), 0xff0000u);
	assert_int_equal(tdu_canvas_px(&c, 5, 4), 0xff0000u);
	assert_int_equal(tdu_canvas_px(&c, 8, 7), 0xff0000u);
	assert_int_equal(tdu_canvas_px(&c, 1, 0), 0xff0000u);
	cairo_surface_destroy(c.surf);
}

/* The PNG holds the canvas' pixels, opaque; the canvas is gone. */
static void test_encode(void **state)
{
	spd_canvas c;
	unsigned char *png = NULL;
	size_t len = 0;
	char err[256];

	(void)state;
	assert_int_equal(spd_canvas_new(&c, 7, 5, RED, err, sizeof err),
			 SHMPLOT_OK);
	spd_put(&c, 6, 4, BLUE);
	spd_put(&c, 7, 4, BLUE); /* outside: dropped */
	assert_int_equal(spd_canvas_encode(&c, &png, &len, err, sizeof err),
			 SHMPLOT_OK);
	assert_null(c.surf);
	spd_image img = tdu_decode(png, len);
	assert_int_equal(img.width, 7);
	assert_int_equal(img.height, 5);
	assert_int_equal(tdu_px(&img, 0, 0), 0xff0000u);
	assert_int_equal(tdu_px(&img, 6, 4), 0x0000ffu);
	assert_int_equal(tdu_px(&img, 5, 4), 0xff0000u);
	spd_image_clear(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_fill_clipped_outline_outside),
	    cmocka_unit_test(test_encode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
