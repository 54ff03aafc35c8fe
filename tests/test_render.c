/*
 * Renderer behaviour: layout against matplotlib's numbers, determinism,
 * autoscale, gaps and poles, clipping of huge values, and errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static spr_font *font;

static int setup(void **state)
{
	char err[256];

	(void)state;
	return spr_font_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	spr_font_free(font);
	return 0;
}

/* A one-axes figure with room for a few lines. */
typedef struct onefig {
	spr_figure fig;
	spr_axes ax;
	spr_line lines[4];
} onefig;

static void onefig_init(onefig *f, double w, double h)
{
	memset(f, 0, sizeof *f);
	f->fig.width_in = w;
	f->fig.height_in = h;
	f->fig.dpi = 100;
	f->fig.rows = f->fig.cols = 1;
	f->fig.axes = &f->ax;
	f->ax.lines = f->lines;
	f->ax.cap = 4;
	f->ax.legend = SPR_LEG_NONE;
}

static spr_line *add_line(onefig *f, uint32_t x, uint32_t y, char *label)
{
	spr_line *l = &f->lines[f->ax.nlines++];

	l->x = x;
	l->y = y;
	l->label = label;
	l->color = SPR_DEFAULT_COLOR;
	l->alpha = 1;
	l->width_pt = 1.5;
	l->marker_pt = 6;
	return l;
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

static void figure1(onefig *f)
{
	onefig_init(f, 12, 3);
	add_line(f, 0, 1, "sin(x)");
	add_line(f, 0, 2, "cos(x)");
	f->ax.legend = SPR_LEG_BEST;
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
	onefig f;
	cairo_surface_t *s = NULL;
	spr_axes_info in;
	char err[256];

	(void)state;
	figure1(&f);
	assert_int_equal(
	    spr_render_info(&f.fig, seed, 3, font, &s, &in, 1, err, sizeof err),
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
	onefig f;
	cairo_surface_t *a = NULL, *b = NULL;
	char err[256];
	size_t len;

	(void)state;
	figure1(&f);
	f.ax.grid = 1;
	f.lines[1].style = SPR_LS_DASHED;
	f.lines[1].marker = SPR_MK_CIRCLE;
	assert_int_equal(spr_render(&f.fig, seed, 3, font, &a, err, sizeof err),
			 0);
	assert_int_equal(spr_render(&f.fig, seed, 3, font, &b, err, sizeof err),
			 0);
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
	onefig f;

	(void)state;
	figure1(&f);
	f.fig.width_in = 1e6;
	expect_error(&f, seed, 3, "exceeds the limit");
	f.fig.width_in = NAN;
	expect_error(&f, seed, 3, "finite");
	f.fig.width_in = INFINITY;
	expect_error(&f, seed, 3, "finite");
	f.fig.width_in = -2;
	expect_error(&f, seed, 3, "positive");
	f.fig.width_in = 12;
	f.fig.dpi = 0;
	expect_error(&f, seed, 3, "dpi");
	f.fig.dpi = 1e300;
	expect_error(&f, seed, 3, "exceeds the limit");
	/* each side fine, the pixel count not: 30000 x 30000 */
	f.fig.dpi = 100;
	f.fig.width_in = f.fig.height_in = 300;
	expect_error(&f, seed, 3, "pixels");
	f.fig.width_in = f.fig.height_in = 0.001;
	expect_error(&f, seed, 3, "empty");
}

static void test_bad_series(void **state)
{
	onefig f;
	double y999[999] = {0};
	spr_series s[4] = {seed[0], seed[1], seed[2], {y999, 999}};

	(void)state;
	figure1(&f);
	f.lines[1].y = 7;
	expect_error(&f, s, 4, "axes 0 line 1: series 7 does not exist");
	f.lines[1].y = 2;
	f.lines[1].x = 9;
	expect_error(&f, s, 4, "axes 0 line 1: series 9 does not exist");
	f.lines[1].x = 0;
	f.lines[1].y = 3;
	expect_error(&f, s, 4,
		     "axes 0 line 1: x has 1000 points but y has 999");
	f.lines[1].y = 2;
	f.ax.yscale = SPR_SCALE_LOG;
	f.ax.has_ylim = 1;
	f.ax.ylim[0] = -1;
	f.ax.ylim[1] = 1;
	expect_error(&f, s, 4, "positive on a log axis");
}

static void test_autoscale_ignores_nonfinite(void **state)
{
	double y[] = {1, NAN, INFINITY, -INFINITY, 3};
	spr_series s[1] = {{y, 5}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig f;
	char err[256];

	(void)state;
	onefig_init(&f, 4, 3);
	add_line(&f, SPR_NO_X, 0, NULL);
	assert_int_equal(
	    spr_render_info(&f.fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	/* y data 1..3 plus 5% margins; x is the index 0..4 (all points
	 * whose x and y are both finite: 0 and 4) */
	assert_true(fabs(in.ylim[0] - 0.9) < 1e-12);
	assert_true(fabs(in.ylim[1] - 3.1) < 1e-12);
	assert_true(fabs(in.xlim[0] - -0.2) < 1e-12);
	assert_true(fabs(in.xlim[1] - 4.2) < 1e-12);
	cairo_surface_destroy(out);
}

/* x = 0..3; y jumps from +big to -big between x = 1 and 2. */
static int pole_ink(int pole_segments, double big, int *col_out)
{
	double x[] = {0, 1, 2, 3}, y[] = {0, big, -big, 0};
	spr_series s[2] = {{x, 4}, {y, 4}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig f;
	char err[256];
	int col, n;

	onefig_init(&f, 4, 3);
	add_line(&f, 0, 1, NULL);
	f.ax.has_ylim = f.ax.has_xlim = 1;
	f.ax.ylim[0] = -1;
	f.ax.ylim[1] = 1;
	f.ax.xlim[0] = 0;
	f.ax.xlim[1] = 3;
	f.ax.pole_segments = pole_segments;
	if (spr_render_info(&f.fig, s, 2, font, &out, &in, 1, err, sizeof err))
		fail_msg("%s", err);
	col = (int)floor(in.x0 + (in.x1 - in.x0) * 1.5 / 3);
	n = ink_in_column(out, col, (int)in.y0 + 3, (int)in.y1 - 3);
	*col_out = col;
	cairo_surface_destroy(out);
	return n;
}

static void test_pole_segments(void **state)
{
	int col;

	(void)state;
	assert_int_equal(pole_ink(0, 1e6, &col), 0);
	/* drawn on request: the whole column inside the axes is inked */
	assert_true(pole_ink(1, 1e6, &col) > 100);
	/* values far beyond cairo's 24.8 fixed point still clip right */
	assert_true(pole_ink(1, 1e300, &col) > 100);
	assert_int_equal(pole_ink(0, 1e300, &col), 0);
}

static void test_nan_gap(void **state)
{
	double y[] = {0, 0, NAN, 0, 0}, y2[] = {0, 0, 0, 0, 0};
	spr_series s[1] = {{y, 5}};
	cairo_surface_t *out;
	spr_axes_info in;
	onefig f;
	char err[256];
	int col;

	(void)state;
	onefig_init(&f, 4, 3);
	add_line(&f, SPR_NO_X, 0, NULL);
	f.ax.has_ylim = 1;
	f.ax.ylim[0] = -1;
	f.ax.ylim[1] = 1;
	assert_int_equal(
	    spr_render_info(&f.fig, s, 1, font, &out, &in, 1, err, sizeof err),
	    0);
	/* column at x = 2 (between the points either side of the NaN) */
	col = (int)floor(in.x0 + (in.x1 - in.x0) * (2 + 0.2) / 4.4);
	assert_int_equal(
	    ink_in_column(out, col, (int)in.y0 + 3, (int)in.y1 - 3), 0);
	cairo_surface_destroy(out);
	/* the same line without the NaN crosses that column */
	s[0].v = y2;
	assert_int_equal(
	    spr_render_info(&f.fig, s, 1, font, &out, &in, 1, err, sizeof err),
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
	onefig f;
	char err[256];

	(void)state;
	onefig_init(&f, 4, 3);
	add_line(&f, SPR_NO_X, 0, NULL);
	/* the span overflows a double: must still render, not hang */
	assert_int_equal(spr_render(&f.fig, s, 1, font, &out, err, sizeof err),
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_figure1_layout),
	    cmocka_unit_test(test_determinism),
	    cmocka_unit_test(test_bad_sizes),
	    cmocka_unit_test(test_bad_series),
	    cmocka_unit_test(test_autoscale_ignores_nonfinite),
	    cmocka_unit_test(test_pole_segments),
	    cmocka_unit_test(test_nan_gap),
	    cmocka_unit_test(test_huge_autoscale),
	    cmocka_unit_test(test_pixel_size),
	};
	seed_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
