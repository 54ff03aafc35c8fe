/* SPDX-License-Identifier: MIT */
/*
 * The legend (legend.c) and its options (axes_opts.c): the box's place
 * and size for ncols, a title, a font size and bbox_to_anchor against
 * the numbers matplotlib 3.6.3 gives for the same figures
 * (Legend.get_window_extent() of tests/data/gallery/mpl/legends.py),
 * frameon false drawing no frame, a legend outside the axes kept in the
 * figure by the layout, and the renderer refusing a bbox of 3 numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "axes_opts.h"
#include "fig_build.h"
#include "font_file.h"
#include "render_internal.h"

#include <math.h>
#include <string.h>

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static spr_font *font;
static spr_axes axes[2];
static double xs[200], ys[5][200];
static spr_series series[6];

static int setup(void **state)
{
	char err[256];

	(void)state;
	for (int i = 0; i < 200; i++) {
		xs[i] = 10.0 * i / 199;
		for (int k = 0; k < 4; k++)
			ys[k][i] = sin(xs[i]) + k;
		ys[4][i] = cos(xs[i]);
	}
	series[0] = (spr_series){xs, 200, 0};
	for (int k = 0; k < 5; k++)
		series[k + 1] = (spr_series){ys[k], 200, 0};
	return font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	spr_font_free(font);
	return 0;
}

static int clear(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		spr_axes_clear(&axes[i]);
		axes[i].legend = SPR_LEG_NONE;
	}
	return 0;
}

/* The legend options of axes i, made at first use. */
static spr_item *opts(int i)
{
	spr_axes_more *m = spr_axes_more_get(&axes[i]);
	if (!m)
		abort();
	spr_item *it = &m->opts[SPR_AXOPT_LEGEND];

	if (!it->p && spr_item_init(it, &spr_legend_kind))
		abort();
	return it;
}

static void bbox(int i, const double *v, size_t n)
{
	spr_item *it = opts(i);

	if (spr_field_set_array(fb_field(it, "bbox_to_anchor"), it->p, v, n))
		abort();
}

static cairo_surface_t *render(double w, double h, int cols, spr_axes_info *in,
			       char *err, size_t errlen)
{
	spr_figure fig = {.width_in = w, .height_in = h, .dpi = 100};
	cairo_surface_t *out = NULL;

	fig.rows = 1;
	fig.cols = cols;
	fig.axes = axes;
	if (spr_render_info(&fig, series, 6, font, &out, in, (size_t)cols, err,
			    errlen) != 0)
		return NULL;
	return out;
}

static unsigned grey(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);

	return d[(size_t)y * (size_t)st + 4 * (size_t)x + 1]; /* green */
}

/* Within tol px of matplotlib's window extent (x0, y0 from the bottom, w,
 * h) in a figure H px tall. */
static void assert_box(const double leg[4], double H, double x0, double y0,
		       double w, double h, double tol)
{
	double top = H - y0 - h;

	if (fabs(leg[0] - x0) > tol || fabs(leg[1] - top) > tol ||
	    fabs(leg[2] - w) > tol || fabs(leg[3] - h) > tol)
		fail_msg("legend %.2f, %.2f, %.2f x %.2f; matplotlib's %.2f, "
			 "%.2f, %.2f x %.2f",
			 leg[0], leg[1], leg[2], leg[3], x0, top, w, h);
}

/* legend_options: five lines in two columns (3 + 2) under a title, at
 * fontsize "small", lower left; three in one row of three under a title
 * wider than the row, frameless, upper center: boxes within 0.3 px
 * of matplotlib's (title and columns labelspacing apart). */
static void test_ncols_title_fontsize(void **state)
{
	static const char *const names[] = {"sin", "sin + 1", "sin + 2",
					    "sin + 3", "sin + 4"};
	spr_axes_info in[2];
	char err[256];
	cairo_surface_t *out;

	(void)state;
	for (int k = 0; k < 5; k++)
		fb_line(&axes[0], 0, k < 4 ? (uint32_t)k + 1 : 5, names[k]);
	/* the fifth is sin + 4 in the figure; any curve sizes it alike */
	axes[0].legend = SPR_LEG_LOWER_LEFT;
	fb_set(opts(0), "ncols", 2);
	fb_text(opts(0), "title", "five lines");
	fb_set(opts(0), "fontsize", -0.833);
	fb_line(&axes[1], 0, 1, "sin");
	fb_line(&axes[1], 0, 5, "cos");
	fb_line(&axes[1], 0, 2, "sin + 1");
	axes[1].legend = SPR_LEG_UPPER_CENTER;
	axes[1].has_ylim = 1;
	axes[1].ylim[0] = -1.5;
	axes[1].ylim[1] = 2.5;
	fb_set(opts(1), "ncols", 3);
	fb_set(opts(1), "frameon", 0);
	fb_text(opts(1), "title", "a wider title than the rows");
	fb_set(opts(1), "title_fontsize", 12);
	fb_set(opts(1), "fontsize", 9);
	out = render(12, 4.5, 2, in, err, sizeof err);
	assert_non_null(out);
	assert_box(in[0].leg, 450, 155.7847, 55.2847, 179.1833, 79.6097, 0.3);
	assert_box(in[1].leg, 450, 744.3864, 345.5, 248.5, 44.25, 0.3);
	cairo_surface_destroy(out);
}

/* The same legend with and without its frame: the frame's left edge is
 * grey ink with it and blank without, the box in the same place. */
static void test_frameon_false_draws_no_frame(void **state)
{
	spr_axes_info on, off;
	char err[256];
	cairo_surface_t *a, *b;
	int x, ink_on = 0, ink_off = 0;

	(void)state;
	fb_line(&axes[0], 0, 5, "cos");
	axes[0].legend = SPR_LEG_CENTER;
	a = render(6.4, 4.8, 1, &on, err, sizeof err);
	assert_non_null(a);
	fb_set(opts(0), "frameon", 0);
	b = render(6.4, 4.8, 1, &off, err, sizeof err);
	assert_non_null(b);
	assert_memory_equal(on.leg, off.leg, sizeof on.leg);
	x = (int)floor(on.leg[0]);
	for (int y = (int)on.leg[1] + 3; y < on.leg[1] + on.leg[3] - 3; y++) {
		ink_on += grey(a, x, y) < 250 || grey(a, x + 1, y) < 250;
		ink_off += grey(b, x, y) < 255 || grey(b, x + 1, y) < 255;
	}
	assert_true(ink_on > on.leg[3] / 2);
	assert_int_equal(ink_off, 0);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/* legend_outside: bbox_to_anchor (1.02, 1), upper left: right of the
 * axes, its top borderaxespad below theirs; the axes keep matplotlib's
 * box since it fits in the margin. */
static void test_bbox_right_of_axes(void **state)
{
	static const double anchor[2] = {1.02, 1};
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out;

	(void)state;
	fb_line(&axes[0], 0, 1, "sin");
	fb_line(&axes[0], 0, 5, "cos");
	axes[0].legend = SPR_LEG_UPPER_LEFT;
	bbox(0, anchor, 2);
	out = render(12, 4, 1, &in, err, sizeof err);
	assert_non_null(out);
	assert_true(in.x0 == 150 && in.x1 == 1080);
	assert_box(in.leg, 400, 1105.5444, 299.0, 73.25, 46.0556, 0.3);
	cairo_surface_destroy(out);
}

/* bbox_to_anchor (0.5, -0.15), upper center: matplotlib draws it below
 * the figure's edge; shmplot's layout raises the axes until it fits, and
 * it stays centred under them, 0.15 of their height and a pad below. */
static void test_bbox_below_kept_in_figure(void **state)
{
	static const double anchor[2] = {0.5, -0.15};
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out;
	double pad = 0.5 * 10 * 100 / 72.0;

	(void)state;
	fb_line(&axes[0], 0, 1, "sin");
	fb_line(&axes[0], 0, 5, "cos");
	fb_set(opts(0), "ncols", 2);
	axes[0].legend = SPR_LEG_UPPER_CENTER;
	bbox(0, anchor, 2);
	out = render(6.4, 4.8, 1, &in, err, sizeof err);
	assert_non_null(out);
	assert_true(in.leg[1] + in.leg[3] <= 480);
	/* raised from matplotlib's bottom edge, 0.89 of the height */
	assert_true(in.y1 < 0.89 * 480 - 20);
	assert_true(fabs(in.leg[1] - (in.y1 + 0.15 * (in.y1 - in.y0) + pad)) <
		    1.5);
	assert_true(fabs(in.leg[0] + in.leg[2] / 2 - (in.x0 + in.x1) / 2) <
		    1e-9);
	cairo_surface_destroy(out);
}

static void test_bad_bbox_refused(void **state)
{
	static const double three[3] = {1, 1, 1};
	spr_axes_info in;
	char err[256];

	(void)state;
	fb_line(&axes[0], 0, 1, "sin");
	axes[0].legend = SPR_LEG_BEST;
	bbox(0, three, 3);
	assert_null(render(6.4, 4.8, 1, &in, err, sizeof err));
	assert_non_null(strstr(err, "bbox_to_anchor has 3 numbers"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, clear)
	const struct CMUnitTest tests[] = {
	    T(test_ncols_title_fontsize), T(test_frameon_false_draws_no_frame),
	    T(test_bbox_right_of_axes),   T(test_bbox_below_kept_in_figure),
	    T(test_bad_bbox_refused),
	};
	for (int i = 0; i < 2; i++)
		axes[i].legend = SPR_LEG_NONE;
	return cmocka_run_group_tests(tests, setup, teardown);
}
