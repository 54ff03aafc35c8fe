/* SPDX-License-Identifier: MIT */
/*
 * Titles, axis labels and legend entries (render/text.c): their size does
 * not depend on their length (a 10,000-character title is drawn at 12 pt
 * and clipped by the figure's edge, as matplotlib clips it), and '\n'
 * starts a new line with matplotlib's spacing; the boxes are checked
 * against matplotlib 3.6's numbers for the same texts at 100 dpi.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static spr_font *font;
static double sx[200], ssin[200];
static spr_series series[2];

static int setup(void **state)
{
	char err[256];

	(void)state;
	for (int i = 0; i < 200; i++) {
		sx[i] = 10.0 * i / 199;
		ssin[i] = sin(sx[i]);
	}
	series[0] = (spr_series){sx, 200};
	series[1] = (spr_series){ssin, 200};
	return font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	spr_font_free(font);
	return 0;
}

/* period repeated to n bytes (malloc'ed). */
static char *repeat(const char *period, size_t n)
{
	size_t p = strlen(period);
	char *s = malloc(n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = period[i % p];
	s[n] = 0;
	return s;
}

/*
 * Renders a w x h in figure of sin(x) with these texts (NULL: none) and,
 * when legend is not NULL, a legend at 'lower left' with entries sin(x),
 * legend and "sin(x) / 2".
 */
static cairo_surface_t *render(double w, double h, const char *title,
			       const char *xlabel, const char *ylabel,
			       const char *legend, spr_axes_info *in)
{
	spr_figure fig;
	spr_axes ax;
	cairo_surface_t *s = NULL;
	char err[256];

	fb_figure(&fig, &ax, w, h, 100);
	ax.title = (char *)title;
	ax.xlabel = (char *)xlabel;
	ax.ylabel = (char *)ylabel;
	ax.legend = legend ? SPR_LEG_LOWER_LEFT : SPR_LEG_NONE;
	fb_line(&ax, 0, 1, legend ? "sin(x)" : NULL);
	if (legend) {
		fb_line(&ax, 0, 1, legend);
		fb_line(&ax, 0, 1, "sin(x) / 2");
	}
	memset(in, 0, sizeof *in);
	assert_int_equal(
	    spr_render_info(&fig, series, 2, font, &s, in, 1, err, sizeof err),
	    0);
	spr_axes_free_items(&ax);
	return s;
}

/* Pixels darker than 128 (green channel) in [x0, x1] x [y0, y1]. */
static int ink(cairo_surface_t *s, int x0, int y0, int x1, int y1)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s), n = 0;

	cairo_surface_flush(s);
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++)
			n += d[(size_t)y * stride + 4 * (size_t)x + 1] < 128;
	return n;
}

/* Runs of rows with ink between columns x0 and x1, rows y0 .. y1. */
static int ink_runs(cairo_surface_t *s, int x0, int y0, int x1, int y1)
{
	int runs = 0, in = 0;

	for (int y = y0; y <= y1; y++) {
		int now = ink(s, x0, y, x1, y) > 0;
		runs += now && !in;
		in = now;
	}
	return runs;
}

/*
 * The title keeps matplotlib's 12 pt whatever its length: the same size,
 * box height and place for 10 to 10,000 characters, and the long ones are
 * drawn (clipped at both edges of the figure), not shrunk until nothing
 * is left.
 */
static void test_title_size_independent_of_length(void **state)
{
	const size_t lens[] = {10, 150, 300, 10000};
	spr_axes_info first, in;

	(void)state;
	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		char *t = repeat("title 10k ", lens[k]);
		cairo_surface_t *s = render(6.4, 4.8, t, NULL, NULL, NULL, &in);
		int top = (int)floor(in.title[1]);
		int bot = (int)ceil(in.title[1] + in.title[3]);
		if (k == 0)
			first = in;
		assert_true(fabs(in.title_px - 12 * 100 / 72.0) < 1e-12);
		assert_true(in.title_lines == 1);
		assert_true(in.title[1] == first.title[1]);
		assert_true(in.title[3] == first.title[3]);
		assert_true(in.y0 == first.y0 && in.y1 == first.y1);
		/* the width is the text's: 7.5 px a character here at 12 pt */
		assert_true(in.title[2] > 7.0 * lens[k]);
		/* centred on the axes, as matplotlib centres it */
		assert_true(fabs(in.title[0] + in.title[2] / 2 -
				 (in.x0 + in.x1) / 2) < 1e-9);
		assert_true(ink(s, 0, top, 639, bot) >
			    4 * (int)fmin(lens[k], 60));
		if (lens[k] >= 150) { /* wider than the figure: clipped */
			assert_true(ink(s, 0, top, 4, bot) > 0);
			assert_true(ink(s, 635, top, 639, bot) > 0);
		} else {
			assert_int_equal(ink(s, 0, top, 40, bot), 0);
		}
		cairo_surface_destroy(s);
		free(t);
	}
}

/* A 5,000-character x label and y label: drawn at 10 pt, clipped. */
static void test_long_axis_labels(void **state)
{
	char *xl = repeat("xlabel 5k ", 5000), *yl = repeat("ylabel 5k ", 5000);
	spr_axes_info one, in;
	cairo_surface_t *s;

	(void)state;
	s = render(6.4, 4.8, NULL, "x", "y", NULL, &one);
	cairo_surface_destroy(s);
	s = render(6.4, 4.8, NULL, xl, yl, NULL, &in);
	/* a label's height does not depend on its length */
	assert_true(in.x0 == one.x0 && in.y1 == one.y1);
	/* the x label runs across the bottom, the y label up the left */
	assert_true(ink(s, 0, (int)in.y1 + 30, 4, 479) > 0);
	assert_true(ink(s, 635, (int)in.y1 + 30, 639, 479) > 0);
	assert_true(ink(s, 0, 0, (int)in.x0 - 40, 4) > 0);
	assert_true(ink(s, 0, 475, (int)in.x0 - 40, 479) > 0);
	cairo_surface_destroy(s);
	free(xl);
	free(yl);
}

/*
 * '\n' starts a new line, spaced as matplotlib's Text._get_layout spaces
 * them: at 12 pt and 100 dpi "lp" is 12 px above the baseline and 3
 * below (FreeType's autohinter), so a two-line title's box is 3 + 12 +
 * 17.4 = 32.4 px tall (matplotlib 3.6: Bbox y0 -3, y1 29.4) and grows
 * upwards from its last baseline, 6 pt above the axes.
 */
static void test_multiline_title(void **state)
{
	spr_axes_info one, two;
	cairo_surface_t *s;

	(void)state;
	s = render(8, 6, "a title", NULL, NULL, NULL, &one);
	cairo_surface_destroy(s);
	s = render(8, 6, "a title\non two lines", NULL, NULL, NULL, &two);
	assert_true(two.title_lines == 2);
	assert_true(fabs(one.title[3] - 15) < 1e-9);
	assert_true(fabs(two.title[3] - 32.4) < 1e-9);
	/* the last line's baseline stays where a one-line title's is */
	assert_true(fabs(two.title[1] + two.title[3] -
			 (one.title[1] + one.title[3])) < 1e-9);
	assert_true(fabs(two.title[1] + 29.4 - (72 - 6 * 100 / 72.0)) < 1e-9);
	/* two lines of ink, not one line with a box for the newline */
	assert_int_equal(ink_runs(s, 300, (int)two.title[1], 500,
				  (int)(two.title[1] + two.title[3])),
			 2);
	/* lines centred on each other: the box is the wider line's */
	assert_true(two.title[2] > one.title[2]);
	cairo_surface_destroy(s);
}

/*
 * A legend entry of two lines makes its row as tall as its text box
 * (14 + 16.2 px at 10 pt): matplotlib's legend of sin(x), "cos(x)\nsecond
 * line" and "sin(x) / 2" is 83.2 px tall (window extent 443.86 .. 527.06
 * in an 8 x 6 in figure), its frame 11.11 + 14 + 6.94 + 30.2 + 6.94 + 14
 * + 11.11.
 */
static void test_multiline_legend(void **state)
{
	spr_axes_info in;
	cairo_surface_t *s;

	(void)state;
	s = render(8, 6, NULL, NULL, NULL, "cos(x)\nsecond line", &in);
	assert_true(fabs(in.leg[3] - 83.2) < 1e-9);
	assert_true(fabs(in.leg[1] + in.leg[3] - (in.y1 - 0.5 * 100 / 7.2)) <
		    1e-9);
	/* four lines of text in three rows */
	assert_int_equal(ink_runs(s, (int)in.leg[0] + 45, (int)in.leg[1],
				  (int)(in.leg[0] + in.leg[2]) - 2,
				  (int)(in.leg[1] + in.leg[3])),
			 4);
	cairo_surface_destroy(s);
}

/*
 * Two-line x and y labels: two lines of ink each, inside the figure, the
 * margins widened by the second line where the default ones are too
 * small (6.4 x 4.8 in: matplotlib cuts the second line off).
 */
static void test_multiline_axis_labels(void **state)
{
	spr_axes_info one, two;
	cairo_surface_t *s;

	(void)state;
	s = render(6.4, 4.8, NULL, "x label", "y label", NULL, &one);
	cairo_surface_destroy(s);
	s = render(6.4, 4.8, NULL, "x label\nline two", "y label\nline two",
		   NULL, &two);
	assert_true(two.y1 < one.y1 && two.x0 > one.x0);
	assert_int_equal(ink_runs(s, 250, (int)two.y1 + 26, 450, 479), 2);
	assert_int_equal(ink(s, 0, 478, 639, 479), 0);
	assert_int_equal(ink(s, 0, 0, 1, 479), 0);
	cairo_surface_destroy(s);
}

/* A spr_font_loader that counts its calls: index 0 is a file that is not
 * there, index 1 the CJK font. */
static int loads[2];

static spr_font *load_fallback(void *ctx, size_t i)
{
	spr_font *f = NULL;
	char err[256];

	(void)ctx;
	loads[i]++;
	if (i == 1 && font_file_load(SHMPLOT_CJK_FONT, &f, err, sizeof err))
		fail_msg("%s", err);
	return f;
}

/*
 * Glyphs DejaVu Sans lacks come from the first fallback font that has
 * them, laid out at its advances (WenQuanYi Micro Hei's ideographs are
 * one em wide: 2 of them at 12 pt, 100 dpi, are 33.3 px); the fallbacks
 * are opened once, on the first missing glyph, never for text the family
 * covers; without them the family's missing-glyph boxes are drawn, as
 * before.
 */
static void test_fallback_glyphs(void **state)
{
	spr_axes_info in;
	cairo_surface_t *s;
	double boxes;

	(void)state;
	s = render(6.4, 4.8, "\xe6\xb8\xa9\xe5\xba\xa6", NULL, NULL, NULL, &in);
	boxes = in.title[2];
	cairo_surface_destroy(s);
	spr_font_set_fallback(font, 2, load_fallback, NULL);
	s = render(6.4, 4.8, "Temperature", NULL, NULL, "sin", &in);
	cairo_surface_destroy(s);
	assert_int_equal(loads[0] + loads[1], 0);
	for (int k = 0; k < 2; k++) {
		s = render(6.4, 4.8, "\xe6\xb8\xa9\xe5\xba\xa6", NULL, NULL,
			   NULL, &in);
		assert_true(ink(s, (int)in.title[0], (int)in.title[1],
				(int)(in.title[0] + in.title[2]),
				(int)(in.title[1] + in.title[3])) > 20);
		cairo_surface_destroy(s);
		assert_float_equal(in.title[2], 2 * 12 * 100 / 72.0, 0.5);
	}
	assert_int_equal(loads[0], 1);
	assert_int_equal(loads[1], 1);
	assert_true(fabs(boxes - in.title[2]) > 5);
	spr_font_set_fallback(font, 0, NULL, NULL);
	s = render(6.4, 4.8, "\xe6\xb8\xa9\xe5\xba\xa6", NULL, NULL, NULL, &in);
	cairo_surface_destroy(s);
	assert_float_equal(in.title[2], boxes, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_title_size_independent_of_length),
	    cmocka_unit_test(test_long_axis_labels),
	    cmocka_unit_test(test_multiline_title),
	    cmocka_unit_test(test_multiline_legend),
	    cmocka_unit_test(test_multiline_axis_labels),
	    cmocka_unit_test(test_fallback_glyphs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
