/* SPDX-License-Identifier: MIT */
/*
 * The first kinds after line (render/kinds/axline.c, axspan.c, step.c)
 * against matplotlib 3.6's numbers: what reference lines and spans add
 * to the autoscaled limits (their data values, never the axes-fraction
 * side; nothing a log axis cannot show), where they land on the pixel
 * grid (snapped as Agg snaps them), that patches draw under lines
 * whatever the order they were added in, and the vertices of the three
 * step styles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "item.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"

static spr_axes ax;

static int fresh(void **state)
{
	(void)state;
	memset(&ax, 0, sizeof ax);
	ax.legend = SPR_LEG_NONE;
	return 0;
}

static int clear(void **state)
{
	(void)state;
	spr_axes_clear(&ax);
	return 0;
}

static spr_item *add(const char *kind)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find(kind));
	assert_non_null(it);
	return it;
}

/* matplotlib's default figure (640 x 480 px, axes 80..576 x 57.6..427.2) */
static cairo_surface_t *render(const spr_series *s, size_t ns,
			       spr_axes_info *in)
{
	spr_figure fig = {.width_in = 6.4, .height_in = 4.8, .dpi = 100};
	cairo_surface_t *out = NULL;
	char err[256];

	fig.rows = fig.cols = 1;
	fig.axes = &ax;
	if (spr_render_info(&fig, s, ns, font, &out, in, 1, err, sizeof err))
		fail_msg("%s", err);
	return out;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);
	uint32_t v;

	memcpy(&v, d + (size_t)y * (size_t)st + 4 * (size_t)x, 4);
	return v & 0xffffff;
}

/* a touch of red over white */
static int faint_red(uint32_t v)
{
	return (v >> 16) == 0xff && (v & 0xff) >= 0xd0 && (v & 0xff) < 0xff;
}

static void near(double got, double want)
{
	if (fabs(got - want) > 1e-9 * fmax(1, fabs(want)))
		fail_msg("%.12g, not %.12g", got, want);
}

static const double x01[] = {0, 1}, y01[] = {0, 1};

/* matplotlib: plot 0..1 then axhline(5) -> ylim -0.25 .. 5.25; x kept */
static void test_axhline_value_counts(void **state)
{
	spr_series s[] = {{x01, 2}, {y01, 2}};
	spr_axes_info in;
	(void)state;
	fb_line(&ax, 0, 1, NULL);
	fb_set(add("axhline"), "y", 5);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.ylim[0], -0.25);
	near(in.ylim[1], 5.25);
	near(in.xlim[0], -0.05);
	near(in.xlim[1], 1.05);
}

/* axhline(5) alone: a singular range widened +-5 %, then the margin
 * (4.725 .. 5.275); x has no data: matplotlib's 0 .. 1 */
static void test_axhline_alone(void **state)
{
	spr_axes_info in;
	(void)state;
	fb_set(add("axhline"), "y", 5);
	cairo_surface_destroy(render(NULL, 0, &in));
	near(in.ylim[0], 4.725);
	near(in.ylim[1], 5.275);
	near(in.xlim[0], 0);
	near(in.xlim[1], 1);
}

/* plot 0..1 then axhline(1.03): inside the view -0.05 .. 1.05, so
 * matplotlib asks for no autoscale and the limits stay */
static void test_axhline_inside_view_keeps_limits(void **state)
{
	spr_series s[] = {{x01, 2}, {y01, 2}};
	spr_axes_info in;
	(void)state;
	fb_line(&ax, 0, 1, NULL);
	fb_set(add("axhline"), "y", 1.03);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.ylim[0], -0.05);
	near(in.ylim[1], 1.05);
}

/* axhline(1.03) first: the plot after it autoscales over a dataLim that
 * holds 1.03 (matplotlib: -0.0515 .. 1.0815) */
static void test_axhline_before_data_counts(void **state)
{
	spr_series s[] = {{x01, 2}, {y01, 2}};
	spr_axes_info in;
	(void)state;
	fb_set(add("axhline"), "y", 1.03);
	fb_line(&ax, 0, 1, NULL);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.ylim[0], -0.0515);
	near(in.ylim[1], 1.0815);
}

/* plot, axvline(1.03) inside x's view, then axhspan: the span autoscales
 * y only, so x keeps -0.05 .. 1.05 (matplotlib 3.6) */
static void test_span_autoscales_its_direction_only(void **state)
{
	spr_series s[] = {{x01, 2}, {y01, 2}};
	spr_item *sp;
	spr_axes_info in;
	(void)state;
	fb_line(&ax, 0, 1, NULL);
	fb_set(add("axvline"), "x", 1.03);
	sp = add("axhspan");
	fb_set(sp, "ymin", 0.2);
	fb_set(sp, "ymax", 0.3);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.xlim[0], -0.05);
	near(in.xlim[1], 1.05);
	near(in.ylim[0], -0.05);
	near(in.ylim[1], 1.05);
}

/* axvspan(2, 3) over x data 0..1 -> xlim -0.15 .. 3.15 */
static void test_axvspan_values_count(void **state)
{
	spr_series s[] = {{x01, 2}, {y01, 2}};
	spr_axes_info in;
	spr_item *sp;
	(void)state;
	fb_line(&ax, 0, 1, NULL);
	sp = add("axvspan");
	fb_set(sp, "xmin", 2);
	fb_set(sp, "xmax", 3);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.xlim[0], -0.15);
	near(in.xlim[1], 3.15);
	near(in.ylim[0], -0.05);
}

/* On a log axis, values <= 0 have no place: the limits are the line's
 * (matplotlib: 10**-0.1 .. 10**2.1 for y 1..100). */
static void test_log_ignores_nonpositive(void **state)
{
	static const double x[] = {1, 10}, y[] = {1, 100};
	spr_series s[] = {{x, 2}, {y, 2}};
	spr_axes_info in;
	spr_item *sp;
	(void)state;
	ax.yscale = SPR_SCALE_LOG;
	fb_line(&ax, 0, 1, NULL);
	fb_set(add("axhline"), "y", 0);
	sp = add("axhspan");
	fb_set(sp, "ymin", -1);
	fb_set(sp, "ymax", 5);
	cairo_surface_destroy(render(s, 2, &in));
	near(log10(in.ylim[0]), -0.1);
	near(log10(in.ylim[1]), 2.1);
}

/*
 * With limits 0..1 set, y = 0.5 is at device y 242.4: the 2.08 px line
 * snaps to the pixel edge 242 and covers rows 241 and 242 fully, from
 * xmin 0.25 (x 204) to xmax 0.75 (x 452) plus its projecting cap.
 * The edgeless span 0.1 .. 0.2 fills rows 353 .. 389 exactly (its sides
 * at round(390.24) and round(353.28)), under the line drawn before it.
 */
static void test_pixels_where_agg_puts_them(void **state)
{
	spr_axes_info in;
	spr_item *l, *sp;
	cairo_surface_t *out;
	(void)state;
	ax.has_xlim = ax.has_ylim = 1;
	ax.xlim[1] = ax.ylim[1] = 1;
	l = add("axhline");
	fb_set(l, "y", 0.5);
	fb_set(l, "xmin", 0.25);
	fb_set(l, "xmax", 0.75);
	fb_set(l, "color", 0xff0000);
	sp = add("axvspan");
	fb_set(sp, "xmin", 0.4);
	fb_set(sp, "xmax", 0.6);
	sp = add("axhspan");
	fb_set(sp, "ymin", 0.1);
	fb_set(sp, "ymax", 0.2);
	out = render(NULL, 0, &in);
	near(in.y0, 57.6);
	near(in.y1, 427.2);
	/* rows 240 and 243 get 0.04 px of the line: anti-aliased pink */
	assert_true(faint_red(pixel(out, 230, 240)));
	assert_int_equal(pixel(out, 230, 241), 0xff0000);
	assert_int_equal(pixel(out, 230, 242), 0xff0000);
	assert_true(faint_red(pixel(out, 230, 243)));
	assert_int_equal(pixel(out, 230, 239), 0xffffff);
	assert_int_equal(pixel(out, 230, 244), 0xffffff);
	assert_int_equal(pixel(out, 203, 242), 0xff0000); /* the cap */
	assert_int_equal(pixel(out, 199, 242), 0xffffff);
	/* the vertical span (x 278.4 .. 377.6 -> columns 278 .. 377) is
	 * under the line added before it */
	assert_int_equal(pixel(out, 330, 241), 0xff0000);
	assert_int_equal(pixel(out, 330, 100), 0x1f77b4);
	assert_int_equal(pixel(out, 278, 100), 0x1f77b4);
	assert_int_equal(pixel(out, 377, 100), 0x1f77b4);
	assert_int_equal(pixel(out, 277, 100), 0xffffff);
	assert_int_equal(pixel(out, 378, 100), 0xffffff);
	assert_int_equal(pixel(out, 100, 352), 0xffffff);
	assert_int_equal(pixel(out, 100, 353), 0x1f77b4);
	assert_int_equal(pixel(out, 100, 389), 0x1f77b4);
	assert_int_equal(pixel(out, 100, 390), 0xffffff);
	cairo_surface_destroy(out);
}

/* A labelled span has a legend entry (a patch); an unlabelled one none. */
static void test_span_legend(void **state)
{
	spr_axes_info in;
	(void)state;
	ax.legend = SPR_LEG_UPPER_RIGHT;
	add("axhspan");
	cairo_surface_destroy(render(NULL, 0, &in));
	assert_true(in.leg[2] == 0);
	fb_text(add("axvspan"), "label", "band");
	cairo_surface_destroy(render(NULL, 0, &in));
	assert_true(in.leg[2] > 0);
}

/* The vertex sequences of matplotlib's pts_to_prestep and friends. */
static void test_step_vertices(void **state)
{
	static const double x[] = {0, 1, 3}, y[] = {1, 2, 4};
	static const double pre_x[] = {0, 0, 1, 1, 3},
			    pre_y[] = {1, 2, 2, 4, 4};
	static const double post_x[] = {0, 1, 1, 3, 3},
			    post_y[] = {1, 1, 2, 2, 4};
	static const double mid_x[] = {0, 0.5, 0.5, 2, 2, 3},
			    mid_y[] = {1, 1, 2, 2, 4, 4};
	double *vx, *vy;
	(void)state;
	assert_int_equal(spr_steps(x, y, 3, SPR_DS_STEPS_PRE, &vx, &vy), 5);
	assert_memory_equal(vx, pre_x, sizeof pre_x);
	assert_memory_equal(vy, pre_y, sizeof pre_y);
	free(vx);
	free(vy);
	assert_int_equal(spr_steps(x, y, 3, SPR_DS_STEPS_POST, &vx, &vy), 5);
	assert_memory_equal(vx, post_x, sizeof post_x);
	assert_memory_equal(vy, post_y, sizeof post_y);
	free(vx);
	free(vy);
	assert_int_equal(spr_steps(x, y, 3, SPR_DS_STEPS_MID, &vx, &vy), 6);
	assert_memory_equal(vx, mid_x, sizeof mid_x);
	assert_memory_equal(vy, mid_y, sizeof mid_y);
	free(vx);
	free(vy);
	/* x NULL is the index; one point; none */
	assert_int_equal(spr_steps(NULL, y, 2, SPR_DS_STEPS_POST, &vx, &vy), 3);
	assert_true(vx[1] == 1 && vy[1] == 1 && vx[2] == 1 && vy[2] == 2);
	free(vx);
	free(vy);
	assert_int_equal(spr_steps(x, y, 1, SPR_DS_STEPS_MID, &vx, &vy), 2);
	assert_true(vx[0] == 0 && vx[1] == 0 && vy[1] == 1);
	free(vx);
	free(vy);
	assert_int_equal(spr_steps(x, y, 0, SPR_DS_STEPS_PRE, &vx, &vy), 0);
	assert_null(vx);
	assert_null(vy);
}

/* A step's limits are its points' (matplotlib: x 0..3, y 1..3 ->
 * -0.15 .. 3.15, 0.9 .. 3.1), the stair adds nothing. */
static void test_step_extents(void **state)
{
	static const double x[] = {0, 1, 2, 3}, y[] = {1, 3, 2, 3};
	spr_series s[] = {{x, 4}, {y, 4}};
	spr_axes_info in;
	spr_item *st;
	(void)state;
	st = add("step");
	fb_set(st, "x", 0);
	fb_set(st, "y", 1);
	fb_set(st, "where", SPR_DS_STEPS_MID);
	cairo_surface_destroy(render(s, 2, &in));
	near(in.xlim[0], -0.15);
	near(in.xlim[1], 3.15);
	near(in.ylim[0], 0.9);
	near(in.ylim[1], 3.1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fresh, clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_axhline_value_counts),
	    T(test_axhline_alone),
	    T(test_axhline_inside_view_keeps_limits),
	    T(test_axhline_before_data_counts),
	    T(test_span_autoscales_its_direction_only),
	    T(test_axvspan_values_count),
	    T(test_log_ignores_nonpositive),
	    T(test_pixels_where_agg_puts_them),
	    T(test_span_legend),
	    T(test_step_vertices),
	    T(test_step_extents),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
