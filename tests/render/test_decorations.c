/* SPDX-License-Identifier: MIT */
/*
 * The figure's face and the axes' frame (decorations.c): figure.facecolor
 * behind everything and the axes white over it, or clear (facecolor
 * "none", axes.facecolor "none", savefig(transparent=True)) with the
 * figure on a premultiplied ARGB32 surface and every kind still drawn, spines
 * hidden one by one (ax.spines['top'].set_visible(False)) leaving no pixel; and
 * matplotlib's dash tuples (offset, (on, off)) scaled by the line width
 * (stroke.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "axis_opts.h"
#include "draw.h"
#include "fig_build.h"
#include "font_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"

static spr_axes ax;
static spr_figure fig;

/* The group's teardown: the axes and the figure's options too. */
static int teardown_all(void **state)
{
	spr_axes_clear(&ax);
	spr_item_free(&fig.opts);
	return teardown(state);
}

/* A fresh 6.4 x 4.8 in figure at 100 dpi, limits [0, 10] x [0, 10]: the
 * axes box is columns 80 .. 576, rows 57.6 .. 427.2. */
static void fresh(void)
{
	spr_axes_clear(&ax);
	spr_item_free(&fig.opts);
	fb_figure(&fig, &ax, 6.4, 4.8, 100);
	ax.legend = SPR_LEG_NONE;
	ax.has_xlim = ax.has_ylim = 1;
	ax.xlim[1] = ax.ylim[1] = 10;
}

static cairo_surface_t *render(const double *x, const double *y, size_t n)
{
	spr_series s[2] = {{x, n, 0}, {y, n, 0}};
	cairo_surface_t *out;
	char err[256];

	if (spr_render(&fig, s, 2, font, &out, err, sizeof err))
		fail_msg("%s", err);
	return out;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	return *(const uint32_t *)(d + (size_t)y * (size_t)stride +
				   4 * (size_t)x) &
	       0xffffff;
}

/* The darkest pixel of a column's rows y0 .. y1 (red channel). */
static int darkest_in_col(cairo_surface_t *s, int x, int y0, int y1)
{
	int m = 255;
	for (int y = y0; y <= y1; y++)
		m = fmin(m, (int)(pixel(s, x, y) >> 16));
	return m;
}

static int darkest_in_row(cairo_surface_t *s, int y, int x0, int x1)
{
	int m = 255;
	for (int x = x0; x <= x1; x++)
		m = fmin(m, (int)(pixel(s, x, y) >> 16));
	return m;
}

static void set_axis(int d, const char *name, double v)
{
	spr_axes_more *m = spr_axes_more_get(&ax);
	assert_non_null(m);
	if (!m->axis[d].p)
		assert_int_equal(spr_item_init(&m->axis[d], &spr_axis_kind), 0);
	fb_set(&m->axis[d], name, v);
}

/* Hidden spines leave no pixel; the others are drawn where the frame's
 * are. */
static void test_spines(void **state)
{
	cairo_surface_t *s;

	(void)state;
	fresh();
	s = render(NULL, NULL, 0);
	/* every spine: black across its middle (the top one snapped to
	 * row 58) */
	assert_int_equal(darkest_in_row(s, 58, 300, 320), 0);
	assert_int_equal(darkest_in_col(s, 576, 200, 220), 0);
	assert_int_equal(darkest_in_row(s, 427, 300, 320), 0);
	assert_int_equal(darkest_in_col(s, 80, 200, 220), 0);
	cairo_surface_destroy(s);
	set_axis(0, "spine2", 0); /* top */
	set_axis(1, "spine2", 0); /* right */
	s = render(NULL, NULL, 0);
	for (int y = 50; y <= 65; y++)
		assert_int_equal(darkest_in_row(s, y, 100, 560), 255);
	for (int x = 570; x <= 585; x++)
		assert_int_equal(darkest_in_col(s, x, 80, 400), 255);
	assert_int_equal(darkest_in_row(s, 427, 300, 320), 0);
	assert_int_equal(darkest_in_col(s, 80, 200, 220), 0);
	cairo_surface_destroy(s);
}

/* figure.facecolor fills the figure; the axes stay white on it. */
static void test_facecolor(void **state)
{
	cairo_surface_t *s;

	(void)state;
	fresh();
	assert_int_equal(spr_item_init(&fig.opts, &spr_figure_kind), 0);
	fb_set(&fig.opts, "facecolor", 0x336699);
	s = render(NULL, NULL, 0);
	assert_int_equal(pixel(s, 0, 0), 0x336699);
	assert_int_equal(pixel(s, 639, 479), 0x336699);
	assert_int_equal(pixel(s, 300, 200), 0xffffff);
	cairo_surface_destroy(s);
}

/* The raw premultiplied word of a pixel: alpha in the top byte. */
static uint32_t argb(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	return *(const uint32_t *)(d + (size_t)y * (size_t)stride +
				   4 * (size_t)x);
}

/*
 * facecolor "none" clears the figure (an ARGB32 surface, the corners
 * transparent) and leaves the axes white; axes.facecolor "none" clears
 * them too; transparent clears both whatever the colours; a scatter's
 * marker and a line are drawn on the clear surface (the markers' own
 * pixel path takes ARGB32 targets).
 */
static void test_clear_background(void **state)
{
	static const double x[2] = {2, 5}, y[2] = {2, 5};
	cairo_surface_t *s;

	(void)state;
	fresh();
	assert_int_equal(spr_item_init(&fig.opts, &spr_figure_kind), 0);
	fb_set(&fig.opts, "facecolor", SPR_NONE_COLOR);
	assert_false(spr_figure_opaque(&fig));
	s = render(NULL, NULL, 0);
	assert_int_equal(cairo_image_surface_get_format(s),
			 CAIRO_FORMAT_ARGB32);
	assert_int_equal(argb(s, 0, 0), 0);
	assert_int_equal(argb(s, 639, 479), 0);
	assert_int_equal(argb(s, 300, 200), 0xffffffffu);
	cairo_surface_destroy(s);

	/* the axes none too, with a scatter marker and a line on them */
	ax.face = SPR_NONE_COLOR;
	spr_item *ln = fb_line(&ax, 0, 1, NULL);
	fb_set(ln, "color", 0xd62728);
	spr_item *sc = spr_axes_add(&ax, spr_kind_find("scatter"));
	assert_non_null(sc);
	fb_set(sc, "x", 0);
	fb_set(sc, "y", 1);
	fb_set(sc, "color", 0x1f77b4);
	s = render(x, y, 2);
	assert_int_equal(argb(s, 300, 100), 0);
	/* the marker at (2, 2), px 179.2, 353.3 (radius 4.2 px), left of
	 * where the line (zorder 2, over it) starts */
	assert_int_equal(argb(s, 176, 353), 0xff1f77b4u);
	/* the line's middle at (3.5, 3.5), px 253.6, 298.0: opaque red at
	 * its centre in that column */
	int red = 0;
	for (int yy = 294; yy <= 302; yy++)
		red += argb(s, 254, yy) == 0xffd62728u;
	assert_true(red >= 1);
	cairo_surface_destroy(s);

	/* transparent: coloured faces cleared too */
	spr_axes_clear(&ax);
	fresh();
	assert_int_equal(spr_item_init(&fig.opts, &spr_figure_kind), 0);
	fb_set(&fig.opts, "facecolor", 0x336699);
	fb_set(&fig.opts, "transparent", 1);
	ax.face = SPR_FACE_GIVEN | 0xeaeaf2;
	s = render(NULL, NULL, 0);
	assert_int_equal(argb(s, 0, 0), 0);
	assert_int_equal(argb(s, 300, 200), 0);
	cairo_surface_destroy(s);
}

/* axes.facecolor on an opaque figure: RGB24, the axes in their colour. */
static void test_axes_facecolor(void **state)
{
	cairo_surface_t *s;

	(void)state;
	fresh();
	ax.face = SPR_FACE_GIVEN | 0xeaeaf2;
	assert_true(spr_figure_opaque(&fig));
	s = render(NULL, NULL, 0);
	assert_int_equal(cairo_image_surface_get_format(s), CAIRO_FORMAT_RGB24);
	assert_int_equal(pixel(s, 0, 0), 0xffffff);
	assert_int_equal(pixel(s, 300, 200), 0xeaeaf2);
	cairo_surface_destroy(s);
	/* none on a white figure: white shows through */
	ax.face = SPR_NONE_COLOR;
	s = render(NULL, NULL, 0);
	assert_int_equal(pixel(s, 300, 200), 0xffffff);
	cairo_surface_destroy(s);
}

/*
 * A horizontal line at y 5 with linestyle (offset, (5, 2)), 2 pt wide:
 * dashes of 10 pt (13.9 px) and gaps of 4 pt (5.6 px) from x 0, the
 * pattern started offset line widths in. Whether column x is inked.
 */
static int inked(double offset, int x)
{
	static const double lx[2] = {0, 10}, ly[2] = {5, 5};
	double pat[2] = {5, 2};
	cairo_surface_t *s;
	spr_item *it;
	int ink;

	fresh();
	it = fb_line(&ax, 0, 1, NULL);
	fb_set(it, "linewidth", 2);
	fb_set(it, "color", 0);
	fb_set(it, "dash_offset", offset);
	assert_int_equal(
	    spr_field_set_array(fb_field(it, "dashes"), it->p, pat, 2), 0);
	s = render(lx, ly, 2);
	ink = (pixel(s, x, 242) >> 16) < 128;
	cairo_surface_destroy(s);
	return ink;
}

static void test_dash_tuple(void **state)
{
	(void)state;
	/* from column 80: ink to 93.9, gap to 99.4, ink again */
	assert_true(inked(0, 85));
	assert_true(inked(0, 92));
	assert_false(inked(0, 96));
	assert_true(inked(0, 102));
	/* offset 5: starts 10 px into the pattern, so the gap comes early */
	assert_false(inked(5, 83));
	assert_true(inked(5, 92));
}

/* Dash rules: pairs with some ink. */
static void test_dashes_checked(void **state)
{
	static const double y[2] = {1, 2};
	spr_series s[1] = {{y, 2, 0}};
	double odd[3] = {1, 2, 3}, none[2] = {0, 3};
	char err[256] = "";
	spr_item it;

	(void)state;
	assert_int_equal(spr_item_init(&it, spr_kind_find("line")), 0);
	fb_set(&it, "y", 0);
	assert_int_equal(
	    spr_field_set_array(fb_field(&it, "dashes"), it.p, odd, 3), 0);
	assert_int_equal(spr_item_check_rules(&it, s, err, sizeof err), -1);
	assert_non_null(strstr(err, "dashes"));
	assert_int_equal(
	    spr_field_set_array(fb_field(&it, "dashes"), it.p, none, 2), 0);
	assert_int_equal(spr_item_check_rules(&it, s, err, sizeof err), -1);
	spr_item_free(&it);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spines),
	    cmocka_unit_test(test_facecolor),
	    cmocka_unit_test(test_clear_background),
	    cmocka_unit_test(test_axes_facecolor),
	    cmocka_unit_test(test_dash_tuple),
	    cmocka_unit_test(test_dashes_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown_all);
}
