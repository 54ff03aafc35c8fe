/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/diff/glyphs.c: the bitmap font's dots, advance, case,
 * missing glyphs and clipping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "diff_testutil.h"

static const unsigned char BLACK[3] = {0, 0, 0};
static const unsigned char WHITE[3] = {255, 255, 255};

static spd_canvas blank(int w)
{
	spd_canvas c;
	char err[256];

	assert_int_equal(spd_canvas_new(&c, w, 14, BLACK, err, sizeof err),
			 SHMPLOT_OK);
	return c;
}

/* Dots set in columns [x0, x0 + w) of the canvas. */
static int ink(const spd_canvas *c, int x0, int w)
{
	int n = 0;

	for (int y = 0; y < c->h; y++)
		for (int x = x0; x < x0 + w && x < c->w; x++)
			n += tdu_canvas_px(c, x, y) != 0;
	return n;
}

/* 'I' is rows 14, 4, 4, 4, 4, 4, 14: bit 4 left, each dot 2 x 2. */
static void test_dots_of_I(void **state)
{
	static const unsigned char rows[7] = {14, 4, 4, 4, 4, 4, 14};
	spd_canvas c = blank(20);

	(void)state;
	assert_int_equal(spd_text(&c, 0, 0, "I", WHITE), 6 * SPD_FONT_SCALE);
	for (int y = 0; y < 14; y++)
		for (int x = 0; x < 20; x++) {
			int b = x / SPD_FONT_SCALE, r = y / SPD_FONT_SCALE;
			int on = b < 5 && (rows[r] & (16 >> b));
			assert_int_equal(tdu_canvas_px(&c, x, y),
					 on ? 0xffffffu : 0);
		}
	cairo_surface_destroy(c.surf);
}

/* Lower case draws as upper case; a character without a glyph is a
 * space; every character the labels use has one. */
static void test_case_and_missing(void **state)
{
	static const char used[] =
	    "ABCDEFGHIKLMNOPRSTUVWXYZ0123456789,.:-+=()/";
	const int adv = 6 * SPD_FONT_SCALE;
	spd_canvas c = blank(4 * adv);

	(void)state;
	spd_text(&c, 0, 0, "a", WHITE);
	spd_text(&c, adv, 0, "A", WHITE);
	for (int y = 0; y < 14; y++)
		for (int x = 0; x < adv; x++)
			assert_int_equal(tdu_canvas_px(&c, x, y),
					 tdu_canvas_px(&c, adv + x, y));
	assert_int_equal(spd_text(&c, 2 * adv, 0, "?", WHITE), 3 * adv);
	assert_int_equal(ink(&c, 2 * adv, adv), 0);
	cairo_surface_destroy(c.surf);

	c = blank((int)(sizeof used) * adv);
	spd_text(&c, 0, 0, used, WHITE);
	for (size_t i = 0; i + 1 < sizeof used; i++)
		if (ink(&c, (int)i * adv, adv) == 0)
			fail_msg("no glyph for '%c'", used[i]);
	cairo_surface_destroy(c.surf);
}

/* Only whole glyphs that end before x_end are drawn. */
static void test_clip(void **state)
{
	spd_canvas c = blank(60);

	(void)state;
	/* The second glyph would end at 12 + 10 = 22 > 20. */
	assert_int_equal(spd_text_clip(&c, 0, 0, 20, "II", WHITE), 12);
	assert_int_equal(ink(&c, 12, 48), 0);
	/* spd_text stops at the canvas' edge: 60 holds 5 glyphs. */
	assert_int_equal(spd_text(&c, 0, 0, "IIIIIIII", WHITE), 60);
	cairo_surface_destroy(c.surf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dots_of_I),
	    cmocka_unit_test(test_case_and_missing),
	    cmocka_unit_test(test_clip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
