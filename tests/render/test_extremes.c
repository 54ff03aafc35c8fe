/* SPDX-License-Identifier: MIT */
/*
 * Extreme magnitudes (issue 14, item 9): data and limits at the ends of
 * the doubles are drawn where they belong, with ticks, or the figure is
 * refused with a message naming the axes; never a wrong picture. The
 * positions expected are computed from the view limits (matplotlib
 * raises on the linear cases and shows (1, 10) on the log ones).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "render_internal.h"
#include "ticks.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"

static spr_axes ax;

static int free_items(void **state)
{
	(void)state;
	spr_axes_free_items(&ax);
	return 0;
}

/*
 * y (n points against the index) with markers on a 6.4 x 4.8 in figure
 * at 100 dpi; ylim NULL: autoscaled. Returns spr_render_info's status,
 * the surface in *out (NULL on failure) and the axes in *in.
 */
static int draw(const double *y, size_t n, int ylog, const double *ylim,
		cairo_surface_t **out, spr_axes_info *in, char *err,
		size_t errlen)
{
	double x[64];
	spr_series s[2] = {{x, n}, {y, n}};
	spr_figure f;

	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)i;
	spr_axes_free_items(&ax);
	fb_figure(&f, &ax, 6.4, 4.8, 100);
	ax.legend = SPR_LEG_NONE;
	ax.yscale = ylog ? SPR_SCALE_LOG : SPR_SCALE_LINEAR;
	if (ylim) {
		ax.has_ylim = 1;
		ax.ylim[0] = ylim[0];
		ax.ylim[1] = ylim[1];
	}
	fb_set(fb_line(&ax, 0, 1, NULL), "marker", SPR_MK_CIRCLE);
	return spr_render_info(&f, s, 2, font, out, in, 1, err, errlen);
}

/* The device row of y in the axes of in (linear or log10 scale). */
static double row_of(const spr_axes_info *in, double y, int ylog)
{
	double a = in->ylim[0], b = in->ylim[1];

	if (ylog)
		return in->y1 - (log10(y) - log10(a)) / (log10(b) - log10(a)) *
				    (in->y1 - in->y0);
	return in->y1 - (y / 2 - a / 2) / (b / 2 - a / 2) * (in->y1 - in->y0);
}

/* Coloured (not grey) ink on row r near column c: a marker's. */
static int marker_at(cairo_surface_t *s, double c, double r)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	int x = (int)floor(c + 0.5), y = (int)floor(r + 0.5);
	uint32_t p =
	    *(const uint32_t *)(d + (size_t)y * (size_t)stride + 4 * (size_t)x);

	return ((p >> 16) & 0xff) < 100 && (p & 0xff) > 150; /* C0 blue */
}

static double col_of(const spr_axes_info *in, double x)
{
	return in->x0 + (x - in->xlim[0]) / (in->xlim[1] - in->xlim[0]) *
			    (in->x1 - in->x0);
}

/* Renders y and checks that every point's marker is at its row. */
static void markers_in_place(const double *y, size_t n, int ylog,
			     const double *ylim, spr_axes_info *in)
{
	cairo_surface_t *s;
	char err[256];

	if (draw(y, n, ylog, ylim, &s, in, err, sizeof err))
		fail_msg("%s", err);
	for (size_t i = 0; i < n; i++) {
		double r = row_of(in, y[i], ylog);
		if (r < in->y0 + 2 || r > in->y1 - 2)
			continue; /* half a marker: clipped */
		assert_true(marker_at(s, col_of(in, (double)i), r));
	}
	cairo_surface_destroy(s);
}

/* +-1e308: a span beyond the doubles, margins of its halves. */
static void test_linear_huge(void **state)
{
	double y[2] = {-1e308, 1e308}, sy[40];
	spr_axes_info in;

	(void)state;
	markers_in_place(y, 2, 0, NULL, &in);
	assert_true(fabs(in.ylim[1] / 1.1e308 - 1) < 1e-12);
	assert_true(fabs(in.ylim[0] / -1.1e308 - 1) < 1e-12);
	/* the markers on rows 74.4 and 410.4 of the axes 57.6 .. 427.2 */
	assert_true(fabs(row_of(&in, 1e308, 0) - 74.4) < 0.01);
	for (int i = 0; i < 40; i++)
		sy[i] = 1e308 * sin(i / 3.0);
	markers_in_place(sy, 40, 0, NULL, &in);
	y[0] = 1.7e308;
	y[1] = 1.79e308;
	markers_in_place(y, 2, 0, NULL, &in);
	assert_true(in.ylim[1] <= DBL_MAX && in.ylim[1] > 1.79e308);
}

/* ylim [-1e308, 1e308] on ordinary data: a flat line through the middle. */
static void test_linear_huge_limits(void **state)
{
	double y[40], lim[2] = {-1e308, 1e308};
	spr_axes_info in;

	(void)state;
	for (int i = 0; i < 40; i++)
		y[i] = sin(i / 3.0);
	markers_in_place(y, 40, 0, lim, &in);
	assert_true(fabs(row_of(&in, 1, 0) - (in.y0 + in.y1) / 2) < 1e-6);
}

/* Log axes over the whole doubles: margins end at 4.9e-324 and DBL_MAX. */
static void test_log_extremes(void **state)
{
	double y[40], two[2] = {1e308, 1e-308};
	spr_axes_info in;

	(void)state;
	markers_in_place(two, 2, 1, NULL, &in);
	assert_true(in.ylim[0] == DBL_TRUE_MIN && in.ylim[1] == DBL_MAX);
	for (int i = 0; i < 40; i++)
		y[i] = pow(10.0, -300 + 600 * i / 39.0);
	markers_in_place(y, 40, 1, NULL, &in);
	for (int i = 0; i < 40; i++)
		y[i] = pow(10.0, 300 * i / 39.0);
	markers_in_place(y, 40, 1, NULL, &in);
	assert_true(fabs(in.ylim[0] / 1e-15 - 1) < 1e-9);
	assert_true(in.ylim[1] == DBL_MAX);
}

/* Data below matplotlib's nonsingular threshold are drawn at their own
 * scale, down to the subnormals; a constant subnormal, which the doubles
 * cannot resolve, gets matplotlib's +-0.055 view (it is 0 there). */
static void test_tiny(void **state)
{
	double y[40], c[3] = {5e-324, 5e-324, 5e-324};
	spr_axes_info in;

	(void)state;
	for (int i = 0; i < 40; i++)
		y[i] = 1e-290 * sin(i / 3.0);
	markers_in_place(y, 40, 0, NULL, &in);
	assert_true(in.ylim[1] > 9.9e-291 && in.ylim[1] < 1.2e-290);
	for (int i = 0; i < 40; i++)
		y[i] = 1e-310 * sin(i / 3.0);
	markers_in_place(y, 40, 0, NULL, &in);
	assert_true(in.ylim[1] > 9.9e-311 && in.ylim[1] < 1.2e-310);
	markers_in_place(c, 3, 0, NULL, &in);
	assert_true(fabs(in.ylim[1] - 0.055) < 1e-12);
}

/* Views the doubles cannot place to the pixel are refused, by name. */
static void test_refused(void **state)
{
	double z[2] = {5e-324, 1e-323}, lim[2] = {5e-324, 1e-323};
	cairo_surface_t *s;
	spr_axes_info in;
	char err[256];

	(void)state;
	assert_int_not_equal(draw(z, 2, 1, lim, &s, &in, err, sizeof err), 0);
	assert_null(s);
	assert_non_null(strstr(err, "axes 0: y limits 4.94066e-324 .. "
				    "9.88131e-324 cannot be drawn"));
	/* autoscaled, the same */
	assert_int_not_equal(draw(z, 2, 1, NULL, &s, &in, err, sizeof err), 0);
	assert_non_null(strstr(err, "axes 0: y limits"));
	/* a linear view of 1e-320 over 370 px is resolved (4.9e-324 a step
	 * is 0.18 px): drawn */
	lim[0] = 0;
	lim[1] = 1e-320;
	assert_int_equal(draw(z, 2, 0, lim, &s, &in, err, sizeof err), 0);
	cairo_surface_destroy(s);
	/* 1e-322 is not */
	lim[1] = 1e-322;
	assert_int_not_equal(draw(z, 2, 0, lim, &s, &in, err, sizeof err), 0);
	assert_non_null(strstr(err, "axes 0: y limits 0 .. "));
}

/* The ticks of such views: finite, in view, labelled. */
static void test_ticks(void **state)
{
	static spr_ticks t;
	size_t vis = 0;

	(void)state;
	spr_ticks_compute(&t, -1.1e308, 1.1e308, 6, 0);
	/* -1.5e308 .. 1.5e308 every 5e307: the ends out of view */
	assert_int_equal(t.n, 7);
	for (size_t i = 0; i < t.n; i++)
		assert_true(fabs(t.v[i] - ((double)i - 3) * 5e307) < 1e294);
	assert_false(spr_tick_visible(t.v[0], -1.1e308, 1.1e308, 0));
	assert_true(spr_tick_visible(t.v[1], -1.1e308, 1.1e308, 0));
	assert_string_equal(t.label[1], "\xe2\x88\x92"
					"1.0");
	assert_string_equal(t.label[5], "1.0");
	assert_string_equal(t.offset, "1e308");
	/* near DBL_MAX the last tick used to overflow: none were left */
	spr_ticks_compute(&t, 1.6955e308, 1.7945e308, 6, 0);
	for (size_t i = 0; i < t.n; i++) {
		assert_true(isfinite(t.v[i]));
		vis += spr_tick_visible(t.v[i], 1.6955e308, 1.7945e308, 0);
	}
	assert_true(vis >= 4);
	assert_string_equal(t.offset, "1e308");
	/* a log view over the whole doubles: every decade tick a number */
	spr_ticks_compute(&t, DBL_TRUE_MIN, DBL_MAX, 9, 1);
	assert_true(t.n >= 5);
	for (size_t i = 0; i < t.n; i++)
		assert_true(t.v[i] > 0 && isfinite(t.v[i]));
	/* tiny: 1e-290 */
	spr_ticks_compute(&t, -1.1e-290, 1.1e-290, 6, 0);
	assert_int_equal(t.n, 7);
	assert_string_equal(t.label[5], "1.0");
	assert_string_equal(t.offset, "1e\xe2\x88\x92"
				      "290");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_linear_huge, free_items),
	    cmocka_unit_test_teardown(test_linear_huge_limits, free_items),
	    cmocka_unit_test_teardown(test_log_extremes, free_items),
	    cmocka_unit_test_teardown(test_tiny, free_items),
	    cmocka_unit_test_teardown(test_refused, free_items),
	    cmocka_unit_test(test_ticks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
