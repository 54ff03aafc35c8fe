/* SPDX-License-Identifier: MIT */
/*
 * Renderer behaviour: layout against matplotlib's numbers, determinism,
 * autoscale, gaps and poles, clipping of huge values, and errors.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"

/* A one-axes figure. */
typedef struct onefig {
	spr_figure fig;
	spr_axes ax;
} onefig;

/* The figures of the running test: the teardown frees their items,
 * whatever failed. */
#define MAXFIGS 8
static onefig figs[MAXFIGS];
static int nfigs;

static onefig *onefig_new(double w, double h)
{
	onefig *f;

	assert_true(nfigs < MAXFIGS);
	f = &figs[nfigs++];
	fb_figure(&f->fig, &f->ax, w, h, 100);
	f->ax.legend = SPR_LEG_NONE;
	return f;
}

/* The axes of a test's figure of several (test_sharex). */
static spr_axes grid[2];

static int free_figs(void **state)
{
	(void)state;
	for (int i = 0; i < nfigs; i++)
		spr_axes_free_items(&figs[i].ax);
	nfigs = 0;
	for (int i = 0; i < 2; i++)
		spr_axes_free_items(&grid[i]);
	return 0;
}

static spr_item *add_line(onefig *f, uint32_t x, uint32_t y, const char *label)
{
	return fb_line(&f->ax, x, y, label);
}

/* The seed's data: x = 1000 points over [0, 4 pi], sin, cos. */
static double sx[1000], ssin[1000], scos[1000];
static spr_series seed[3];

static void seed_init(void)
{
	for (int i = 0; i < 1000; i++) {
		sx[i] = 4 * M_PI * i / 999.0;
		ssin[i] = sin(sx[i]);
		scos[i] = cos(sx[i]);
	}
	seed[0] = (spr_series){sx, 1000};
	seed[1] = (spr_series){ssin, 1000};
	seed[2] = (spr_series){scos, 1000};
}

static onefig *figure1(void)
{
	onefig *f = onefig_new(12, 3);
	add_line(f, 0, 1, "sin(x)");
	add_line(f, 0, 2, "cos(x)");
	f->ax.legend = SPR_LEG_BEST;
	return f;
}

/* Non-white pixels in column x between rows y0 and y1 (inclusive). */
static int ink_in_column(cairo_surface_t *s, int x, int y0, int y1)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s), n = 0;

	for (int y = y0; y <= y1; y++) {
		uint32_t px = *(uint32_t *)(d + (size_t)y * stride + 4 * x);
		n += (px & 0xffffff) != 0xffffff;
	}
	return n;
}

static void test_figure1_layout(void **state)
{
	onefig *f;
	cairo_surface_t *s = NULL;
	spr_axes_info in;
	char err[256];

	(void)state;
	f = figure1();
	assert_int_equal(spr_render_info(&f->fig, seed, 3, font, &s, &in, 1,
					 err, sizeof err),
			 0);
	assert_int_equal(cairo_image_surface_get_width(s), 1200);
	assert_int_equal(cairo_image_surface_get_height(s), 300);
	assert_int_equal(cairo_image_surface_get_format(s), CAIRO_FORMAT_RGB24);
	/* matplotlib: subplotpars 0.125 / 0.9 / 0.11 / 0.88 */
	assert_true(fabs(in.x0 - 150) < 1e-9 && fabs(in.x1 - 1080) < 1e-9);
	assert_true(fabs(in.y0 - 36) < 1e-9 && fabs(in.y1 - 267) < 1e-9);
	/* matplotlib's 'best' puts this legend lower left */
	assert_int_equal(in.legend, SPR_LEG_LOWER_LEFT);
	cairo_surface_destroy(s);
}

static void test_determinism(void **state)
{
	onefig *f;
	cairo_surface_t *a = NULL, *b = NULL;
	char err[256];
	size_t len;

	(void)state;
	f = figure1();
	f->ax.grid = 1;
	fb_set(&f->ax.items[1], "linestyle", SPR_LS_DASHED);
	fb_set(&f->ax.items[1], "marker", SPR_MK_CIRCLE);
	assert_int_equal(
	    spr_render(&f->fig, seed, 3, font, &a, err, sizeof err), 0);
	assert_int_equal(
	    spr_render(&f->fig, seed, 3, font, &b, err, sizeof err), 0);
	len = (size_t)cairo_image_surface_get_stride(a) *
	      (size_t)cairo_image_surface_get_height(a);
	assert_memory_equal(cairo_image_surface_get_data(a),
			    cairo_image_surface_get_data(b), len);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

static void expect_error(onefig *f, const spr_series *s, size_t ns,
			 const char *needle)
{
	cairo_surface_t *out = (cairo_surface_t *)&out; /* must be reset */
	char err[256] = "";

	assert_int_not_equal(
	    spr_render(&f->fig, s, ns, font, &out, err, sizeof err), 0);
	assert_null(out);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
}

static void test_bad_sizes(void **state)
{
	onefig *f;

	(void)state;
	f = figure1();
	f->fig.width_in = 1e6;
	expect_error(f, seed, 3, "exceeds the limit");
	f->fig.width_in = NAN;
	expect_error(f, seed, 3, "finite");
	f->fig.width_in = INFINITY;
	expect_error(f, seed, 3, "finite");
	f->fig.width_in = -2;
	expect_error(f, seed, 3, "positive");
	f->fig.width_in = 12;
	f->fig.dpi = 0;
	expect_error(f, seed, 3, "dpi");
	f->fig.dpi = 1e300;
	expect_error(f, seed, 3, "exceeds the limit");
	/* each side fine, the pixel count not: 30000 x 30000 */
	f->fig.dpi = 100;
	f->fig.width_in = f->fig.height_in = 300;
	expect_error(f, seed, 3, "pixels");
	f->fig.width_in = f->fig.height_in = 0.001;
	expect_error(f, seed, 3, "empty");
}

static void test_bad_series(void **state)
{
	onefig *f;
	double y999[999] = {0};
	spr_series s[4] = {seed[0], seed[1], seed[2], {y999, 999}};

	(void)state;
	f = figure1();
	fb_set(&f->ax.items[1], "y", 7);
	expect_error(f, s, 4, "axes 0 line 1: series 7 does not exist");
	fb_set(&f->ax.items[1], "y", 2);
	fb_set(&f->ax.items[1], "x", 9);
	expect_error(f, s, 4, "axes 0 line 1: series 9 does not exist");
	fb_set(&f->ax.items[1], "x", 0);
	fb_set(&f->ax.items[1], "y", 3);
	expect_error(f, s, 4, "axes 0 line 1: x has 1000 points but y has 999");
	fb_set(&f->ax.items[1], "y", 2);
	f->ax.yscale = SPR_SCALE_LOG;
	f->ax.has_ylim = 1;
	f->ax.ylim[0] = -1;
	f->ax.ylim[1] = 1;
	expect_error(f, s, 4, "positive on a log axis");
}

static void test_autoscale_ignores_nonfinite(void **state)
{
	double y[] = {1, NAN, INFINITY, -INFINITY, 3};
	spr_series s[1] = {{y, 5}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	(void)state;
	f = onefig_new(4, 3);
	add_line(f, SPR_NO_SERIES, 0, NULL);
	assert_int_equal(
	    spr_render_info(&f->fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	/* y data 1..3 plus 5% margins; x is the index 0..4 (all points
	 * whose x and y are both finite: 0 and 4) */
	assert_true(fabs(in.ylim[0] - 0.9) < 1e-12);
	assert_true(fabs(in.ylim[1] - 3.1) < 1e-12);
	assert_true(fabs(in.xlim[0] - -0.2) < 1e-12);
	assert_true(fabs(in.xlim[1] - 4.2) < 1e-12);
	cairo_surface_destroy(out);
}

/*
 * x = 0..9; y grows convexly to +big, jumps to -big between x = 4 and 5
 * and comes back convexly (a sampled pole), or (glitch) jumps straight
 * from the data to +big and -big and back. Returns the ink in the
 * column of the jump.
 */
static int pole_ink(int pole_segments, double big, int glitch)
{
	double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	double pole[] = {1, 2, 4, 8, big, -big, -8, -4, -2, -1};
	double blip[] = {0, 0, 0, 0, big, -big, 0, 0, 0, 0};
	spr_series s[2] = {{x, 10}, {glitch ? blip : pole, 10}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];
	int col, n;

	f = onefig_new(4, 3);
	add_line(f, 0, 1, NULL);
	f->ax.has_ylim = f->ax.has_xlim = 1;
	f->ax.ylim[0] = -10;
	f->ax.ylim[1] = 10;
	f->ax.xlim[0] = 0;
	f->ax.xlim[1] = 9;
	f->ax.pole_segments = pole_segments;
	if (spr_render_info(&f->fig, s, 2, font, &out, &in, 1, err, sizeof err))
		fail_msg("%s", err);
	col = (int)floor(in.x0 + (in.x1 - in.x0) * 4.5 / 9);
	n = ink_in_column(out, col, (int)in.y0 + 3, (int)in.y1 - 3);
	cairo_surface_destroy(out);
	return n;
}

static void test_pole_segments(void **state)
{
	(void)state;
	assert_int_equal(pole_ink(0, 1e6, 0), 0);
	/* drawn on request: the whole column inside the axes is inked */
	assert_true(pole_ink(1, 1e6, 0) > 100);
	/* values far beyond cairo's 24.8 fixed point still clip right */
	assert_true(pole_ink(1, 1e300, 0) > 100);
	assert_int_equal(pole_ink(0, 1e300, 0), 0);
	/* data that merely cross the view are data: drawn */
	assert_true(pole_ink(0, 1e6, 1) > 100);
	assert_true(pole_ink(0, 1e300, 1) > 100);
}

static void test_nan_gap(void **state)
{
	double y[] = {0, 0, NAN, 0, 0}, y2[] = {0, 0, 0, 0, 0};
	spr_series s[1] = {{y, 5}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];
	int col;

	(void)state;
	f = onefig_new(4, 3);
	add_line(f, SPR_NO_SERIES, 0, NULL);
	f->ax.has_ylim = 1;
	f->ax.ylim[0] = -1;
	f->ax.ylim[1] = 1;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	/* column at x = 2 (between the points either side of the NaN) */
	col = (int)floor(in.x0 + (in.x1 - in.x0) * (2 + 0.2) / 4.4);
	assert_int_equal(
	    ink_in_column(out, col, (int)in.y0 + 3, (int)in.y1 - 3), 0);
	cairo_surface_destroy(out);
	/* the same line without the NaN crosses that column */
	s[0].v = y2;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	assert_true(ink_in_column(out, col, (int)in.y0 + 3, (int)in.y1 - 3) >
		    0);
	cairo_surface_destroy(out);
}

static void test_huge_autoscale(void **state)
{
	double y[] = {-1e308, 1e308, 0};
	spr_series s[1] = {{y, 3}};
	cairo_surface_t *out = NULL;
	onefig *f;
	char err[256];

	(void)state;
	f = onefig_new(4, 3);
	add_line(f, SPR_NO_SERIES, 0, NULL);
	/* the span overflows a double: must still render, not hang */
	assert_int_equal(spr_render(&f->fig, s, 1, font, &out, err, sizeof err),
			 0);
	cairo_surface_destroy(out);
}

static void test_pixel_size(void **state)
{
	spr_figure fig = {0};
	int w, h;

	(void)state;
	fig.width_in = 6.4;
	fig.height_in = 4.8;
	fig.dpi = 100;
	spr_figure_pixel_size(&fig, &w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	fig.dpi = NAN;
	spr_figure_pixel_size(&fig, &w, &h);
	assert_int_equal(w, 0);
}

/* True when the outermost `m` pixels of the surface are all white. */
static int border_clean(cairo_surface_t *s, int m)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);

	for (int x = 0; x < w; x++)
		if (ink_in_column(s, x, 0, m - 1) ||
		    ink_in_column(s, x, h - m, h - 1))
			return 0;
	for (int x = 0; x < m; x++)
		if (ink_in_column(s, x, 0, h - 1) ||
		    ink_in_column(s, w - 1 - x, 0, h - 1))
			return 0;
	return 1;
}

static void test_tight_layout(void **state)
{
	onefig *f;
	cairo_surface_t *s = NULL;
	spr_axes_info in;
	char err[256];

	(void)state;
	f = figure1();
	/* 12 x 3 in has no room under the tick labels for an x label:
	 * matplotlib would clip it, we shrink the axes instead */
	f->ax.xlabel = "x (rad)";
	f->ax.ylabel = "amplitude";
	f->ax.title = "A title";
	assert_int_equal(spr_render_info(&f->fig, seed, 3, font, &s, &in, 1,
					 err, sizeof err),
			 0);
	assert_true(in.y1 < 267 - 5);
	assert_true(fabs(in.x0 - 150) < 1e-9); /* room enough on the left */
	assert_true(fabs(in.y0 - 36) < 1e-9);
	assert_true(border_clean(s, 2));
	cairo_surface_destroy(s);
	/* labels longer than the figure keep their size and are clipped, as
	 * matplotlib clips them: tests/render/test_text.c */
}

static void test_kerning(void **state)
{
	cairo_surface_t *surf =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
	cairo_t *cr = cairo_create(surf);
	spr_text_box av, a, v;

	(void)state;
	av = spr_text_measure(cr, font, "AV", 20);
	a = spr_text_measure(cr, font, "A", 20);
	v = spr_text_measure(cr, font, "V", 20);
	/* DejaVu Sans kerns A-V: -131/2048 em */
	assert_true(fabs(av.width - (a.width + v.width - 131.0 / 2048 * 20)) <
		    1e-6);
	/* malformed UTF-8 is drawn (as U+FFFD), not rejected */
	assert_true(spr_text_measure(cr, font, "a\xff\xfe", 20).width >
		    a.width);
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
}

static int legend_for(double sign)
{
	double x[] = {0, 1}, y[] = {0, sign};
	spr_series s[2] = {{x, 2}, {y, 2}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	f = onefig_new(6.4, 4.8);
	add_line(f, 0, 1, "diagonal");
	f->ax.legend = SPR_LEG_BEST;
	if (spr_render_info(&f->fig, s, 2, font, &out, &in, 1, err, sizeof err))
		fail_msg("%s", err);
	cairo_surface_destroy(out);
	return in.legend;
}

static void test_legend_best(void **state)
{
	(void)state;
	/* rising diagonal: upper right is taken, upper left is free */
	assert_int_equal(legend_for(1), SPR_LEG_UPPER_LEFT);
	/* falling diagonal: the first candidate, upper right, is free */
	assert_int_equal(legend_for(-1), SPR_LEG_UPPER_RIGHT);
}

static void test_log_autoscale(void **state)
{
	double y[] = {1, 10, 0, -5, 1000}; /* <= 0 has no place on log */
	spr_series s[1] = {{y, 5}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	(void)state;
	f = onefig_new(6.4, 4.8);
	add_line(f, SPR_NO_SERIES, 0, NULL);
	f->ax.yscale = SPR_SCALE_LOG;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	assert_true(fabs(log10(in.ylim[0]) - -0.15) < 1e-12);
	assert_true(fabs(log10(in.ylim[1]) - 3.15) < 1e-12);
	cairo_surface_destroy(out);
}

static void test_sharex(void **state)
{
	double x1[] = {0, 1}, x2[] = {-5, 2}, y[] = {0, 1};
	spr_series s[3] = {{x1, 2}, {x2, 2}, {y, 2}};
	spr_figure fig;
	spr_axes_info in[2];
	cairo_surface_t *out;
	char err[256];

	(void)state;
	memset(&fig, 0, sizeof fig);
	for (int i = 0; i < 2; i++) {
		memset(&grid[i], 0, sizeof grid[i]);
		fb_line(&grid[i], (uint32_t)i, 2, NULL);
		grid[i].legend = SPR_LEG_NONE;
	}
	fig.width_in = 6.4;
	fig.height_in = 4.8;
	fig.dpi = 100;
	fig.rows = 2;
	fig.cols = 1;
	fig.share = SPR_SHARE_X;
	fig.axes = grid;
	assert_int_equal(
	    spr_render_info(&fig, s, 3, font, &out, in, 2, err, sizeof err), 0);
	/* both get the union -5..2 plus margins; stacked, same width */
	assert_true(in[0].xlim[0] == in[1].xlim[0]);
	assert_true(in[0].xlim[1] == in[1].xlim[1]);
	assert_true(fabs(in[0].xlim[0] - -5.35) < 1e-12);
	assert_true(in[0].x0 == in[1].x0 && in[0].x1 == in[1].x1);
	assert_true(in[0].y1 < in[1].y0);
	cairo_surface_destroy(out);
}

static void test_inverted_limits(void **state)
{
	double x[] = {0, 1}, y[] = {0, 1};
	spr_series s[2] = {{x, 2}, {y, 2}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	(void)state;
	f = onefig_new(4, 3);
	add_line(f, 0, 1, NULL);
	f->ax.has_ylim = f->ax.has_xlim = 1;
	f->ax.xlim[0] = 0;
	f->ax.xlim[1] = 1;
	f->ax.ylim[0] = 1; /* inverted: y grows downwards */
	f->ax.ylim[1] = 0;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 2, font, &out, &in, 1, err, sizeof err),
	    0);
	/* (0.25, 0.25) is a quarter down from the top, not up from the
	 * bottom */
	{
		int cx = (int)(in.x0 + 0.25 * (in.x1 - in.x0));
		int cy = (int)(in.y0 + 0.25 * (in.y1 - in.y0));
		assert_true(ink_in_column(out, cx, cy - 3, cy + 3) > 0);
		cy = (int)(in.y0 + 0.75 * (in.y1 - in.y0));
		assert_int_equal(ink_in_column(out, cx, cy - 3, cy + 3), 0);
	}
	cairo_surface_destroy(out);
}

static void test_chunked_stroke_has_no_seams(void **state)
{
	enum { N = 5003 };
	static double x[N], y[N];
	spr_series s[2] = {{x, N}, {y, N}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	(void)state;
	for (int i = 0; i < N; i++) {
		x[i] = i;
		y[i] = 0.5 + 1e-9 * (i % 2); /* not snappable, > 1 chunk */
	}
	f = onefig_new(6.4, 4.8);
	add_line(f, 0, 1, NULL);
	f->ax.has_ylim = f->ax.has_xlim = 1;
	f->ax.ylim[0] = 0;
	f->ax.ylim[1] = 1;
	f->ax.xlim[0] = 0;
	f->ax.xlim[1] = N - 1;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 2, font, &out, &in, 1, err, sizeof err),
	    0);
	{
		int cy = (int)((in.y0 + in.y1) / 2);
		for (int cx = (int)in.x0 + 3; cx < (int)in.x1 - 3; cx++)
			if (ink_in_column(out, cx, cy - 2, cy + 2) == 0)
				fail_msg("gap in the line at column %d", cx);
	}
	cairo_surface_destroy(out);
}

/*
 * A line drawn from its points is simplified (points within 1/9 px of the
 * path through their neighbours left out, as matplotlib does) unless the
 * axes is `exact`. On the seed's curves plus tan with its poles (ylim
 * +-5): the two pictures differ only in anti-aliased edge pixels, by at
 * most 48 levels (measured 40 on the seed figures), and the legend lands
 * in the same place. A dropped turn or pole would differ by a whole line.
 */
static void test_simplified_close(void **state)
{
	static double stan[1000];
	spr_series s[4] = {seed[0], seed[1], seed[2], {stan, 1000}};
	cairo_surface_t *a = NULL, *b = NULL;
	spr_axes_info ia, ib;
	onefig *f;
	char err[256];

	(void)state;
	for (int i = 0; i < 1000; i++)
		stan[i] = tan(sx[i]);
	f = onefig_new(12, 3);
	add_line(f, 0, 1, "sin(x)");
	add_line(f, 0, 2, "cos(x)");
	add_line(f, 0, 3, "tan(x)");
	f->ax.legend = SPR_LEG_BEST;
	f->ax.has_ylim = 1;
	f->ax.ylim[0] = -5;
	f->ax.ylim[1] = 5;
	f->ax.exact = 1;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 4, font, &a, &ia, 1, err, sizeof err),
	    0);
	f->ax.exact = 0;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 4, font, &b, &ib, 1, err, sizeof err),
	    0);
	int w = cairo_image_surface_get_width(a);
	int h = cairo_image_surface_get_height(a);
	int st = cairo_image_surface_get_stride(a);
	const unsigned char *pa = cairo_image_surface_get_data(a);
	const unsigned char *pb = cairo_image_surface_get_data(b);
	int maxd = 0, ndiff = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int m = 0;
			for (int k = 0; k < 3; k++) {
				int e = abs(pa[y * st + 4 * x + k] -
					    pb[y * st + 4 * x + k]);
				m = e > m ? e : m;
			}
			maxd = m > maxd ? m : maxd;
			ndiff += m > 0;
		}
	printf("simplified vs every point: %d pixels differ, by at most %d\n",
	       ndiff, maxd);
	assert_true(ndiff > 0); /* simplified at all */
	assert_true(maxd <= 48);
	assert_int_equal(ia.legend, ib.legend);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/* Darkest red channel in column x between rows y0 and y1. */
static int darkest_in_column(cairo_surface_t *s, int x, int y0, int y1)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s), m = 255;

	for (int y = y0; y <= y1; y++) {
		uint32_t px = *(uint32_t *)(d + (size_t)y * stride + 4 * x);
		int r = (int)((px >> 16) & 0xff);
		m = r < m ? r : m;
	}
	return m;
}

/*
 * A translucent line of several stroke chunks: the chunks' ends overlap
 * at the seams, which showed as darker spots when each chunk was painted
 * with the line's alpha; now the line is as light at a seam as elsewhere.
 */
static void test_translucent_chunks_uniform(void **state)
{
	enum { N = 5003 };
	static double x[N], y[N];
	spr_series s[2] = {{x, N}, {y, N}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig *f;
	char err[256];

	(void)state;
	for (int i = 0; i < N; i++) {
		x[i] = i;
		y[i] = 0.5 + 1e-9 * (i % 2); /* not snappable, > 1 chunk */
	}
	f = onefig_new(6.4, 4.8);
	fb_set(add_line(f, 0, 1, NULL), "alpha", 0.5);
	f->ax.exact = 1; /* every point: five chunks */
	f->ax.has_ylim = f->ax.has_xlim = 1;
	f->ax.ylim[0] = 0;
	f->ax.ylim[1] = 1;
	f->ax.xlim[0] = 0;
	f->ax.xlim[1] = N - 1;
	assert_int_equal(
	    spr_render_info(&f->fig, s, 2, font, &out, &in, 1, err, sizeof err),
	    0);
	{
		int cy = (int)((in.y0 + in.y1) / 2);
		int ref =
		    darkest_in_column(out, (int)in.x0 + 10, cy - 3, cy + 3);
		assert_true(ref < 200); /* the line is there */
		for (int cx = (int)in.x0 + 3; cx < (int)in.x1 - 3; cx++) {
			int m = darkest_in_column(out, cx, cy - 3, cy + 3);
			if (abs(m - ref) > 1)
				fail_msg("column %d: %d, elsewhere %d", cx, m,
					 ref);
		}
	}
	cairo_surface_destroy(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_figure1_layout, free_figs),
	    cmocka_unit_test_teardown(test_determinism, free_figs),
	    cmocka_unit_test_teardown(test_bad_sizes, free_figs),
	    cmocka_unit_test_teardown(test_bad_series, free_figs),
	    cmocka_unit_test_teardown(test_autoscale_ignores_nonfinite,
				      free_figs),
	    cmocka_unit_test_teardown(test_pole_segments, free_figs),
	    cmocka_unit_test_teardown(test_nan_gap, free_figs),
	    cmocka_unit_test_teardown(test_huge_autoscale, free_figs),
	    cmocka_unit_test_teardown(test_pixel_size, free_figs),
	    cmocka_unit_test_teardown(test_tight_layout, free_figs),
	    cmocka_unit_test_teardown(test_kerning, free_figs),
	    cmocka_unit_test_teardown(test_legend_best, free_figs),
	    cmocka_unit_test_teardown(test_log_autoscale, free_figs),
	    cmocka_unit_test_teardown(test_sharex, free_figs),
	    cmocka_unit_test_teardown(test_inverted_limits, free_figs),
	    cmocka_unit_test_teardown(test_chunked_stroke_has_no_seams,
				      free_figs),
	    cmocka_unit_test_teardown(test_translucent_chunks_uniform,
				      free_figs),
	    cmocka_unit_test_teardown(test_simplified_close, free_figs),
	};
	seed_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
