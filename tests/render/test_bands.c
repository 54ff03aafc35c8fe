/* SPDX-License-Identifier: MIT */
/*
 * errorbar and fill_between (render/kinds/errorbar.c, fill.c) against
 * matplotlib 3.6's numbers: autoscaled limits, the rules check() keeps,
 * and pixels where the placement rule is exact.
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

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static spr_font *font;
static spr_axes ax;

static int setup(void **state)
{
	char err[256];

	(void)state;
	return font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	spr_font_free(font);
	return 0;
}

static int free_items(void **state)
{
	(void)state;
	spr_axes_free_items(&ax);
	memset(&ax, 0, sizeof ax);
	return 0;
}

/* Sets the number standing for series field name (SPR_FF_OR_NUMBER). */
static void set_const(spr_item *it, const char *name, double v)
{
	const spr_field *f = fb_field(it, name);

	assert_true(f->flags & SPR_FF_OR_NUMBER);
	spr_field_set(f + 1, it->p, v);
}

/* Renders ax (one 6.4 x 4.8 in axes) over s; NULL and the message in err
 * when refused. */
static cairo_surface_t *render(const spr_series *s, size_t ns,
			       spr_axes_info *in, char *err, size_t errlen)
{
	spr_figure fig = {.width_in = 6.4, .height_in = 4.8, .dpi = 100};
	cairo_surface_t *out = NULL;

	fig.rows = fig.cols = 1;
	fig.axes = &ax;
	if (spr_render_info(&fig, s, ns, font, &out, in, 1, err, errlen) != 0)
		return NULL;
	return out;
}

static void expect_limits(const spr_series *s, size_t ns, double x0, double x1,
			  double y0, double y1)
{
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out = render(s, ns, &in, err, sizeof err);

	if (!out)
		fail_msg("%s", err);
	cairo_surface_destroy(out);
	assert_float_equal(in.xlim[0], x0, 1e-9);
	assert_float_equal(in.xlim[1], x1, 1e-9);
	assert_float_equal(in.ylim[0], y0, 1e-9);
	assert_float_equal(in.ylim[1], y1, 1e-9);
}

static spr_item *errorbar(uint32_t x, uint32_t y)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find("errorbar"));

	assert_non_null(it);
	fb_set(it, "x", x);
	fb_set(it, "y", y);
	return it;
}

/* matplotlib: errorbar([1,2,3], [1,2,3], yerr=[[.1,.2,.3],[.4,.5,.6]]):
 * (0.9, 3.1), (0.765, 3.735); xerr=0.1: (0.79, 3.21), (0.9, 3.1); a NaN
 * in y or in an error leaves that end out: [1, nan, 3] with yerr [.5, .5,
 * nan], fmt 'none': (0.9, 3.1), (0.45, 1.55). */
static void test_errorbar_limits(void **state)
{
	static const double v[] = {1, 2, 3}, lo[] = {.1, .2, .3},
			    hi[] = {.4, .5, .6}, yn[] = {1, NAN, 3},
			    en[] = {.5, .5, NAN};
	spr_series s[] = {{v, 3}, {lo, 3}, {hi, 3}, {yn, 3}, {en, 3}};
	spr_item *it;

	(void)state;
	it = errorbar(0, 0);
	fb_set(it, "yerr", 1);
	fb_set(it, "yerr_upper", 2);
	expect_limits(s, 5, 0.9, 3.1, 0.765, 3.735);
	free_items(NULL);
	set_const(errorbar(0, 0), "xerr", 0.1);
	expect_limits(s, 5, 0.79, 3.21, 0.9, 3.1);
	free_items(NULL);
	it = errorbar(0, 3);
	fb_set(it, "yerr", 4);
	fb_text(it, "fmt", "none");
	expect_limits(s, 5, 0.9, 3.1, 0.45, 1.55);
}

/* Errors of y's length, not negative; fmt without colours. */
static void test_errorbar_rules(void **state)
{
	static const double v[] = {1, 2, 3}, neg[] = {.1, -.2, .3},
			    two[] = {.1, .2};
	spr_series s[] = {{v, 3}, {neg, 3}, {two, 2}};
	char err[256];
	spr_item *it;

	(void)state;
	it = errorbar(0, 0);
	fb_set(it, "yerr", 2);
	assert_null(render(s, 3, NULL, err, sizeof err));
	assert_non_null(strstr(err, "yerr has 2 values but y has 3"));
	fb_set(it, "yerr", 1);
	assert_null(render(s, 3, NULL, err, sizeof err));
	assert_non_null(strstr(err, "yerr must not contain negative values"));
	fb_set(it, "yerr", SPR_NO_SERIES);
	fb_set(it, "xerr_upper", 0);
	assert_null(render(s, 3, NULL, err, sizeof err));
	assert_non_null(strstr(err, "xerr_upper needs xerr"));
	fb_set(it, "xerr_upper", SPR_NO_SERIES);
	fb_text(it, "fmt", "ro");
	assert_null(render(s, 3, NULL, err, sizeof err));
	assert_non_null(strstr(err, "give the colour as color"));
	fb_text(it, "fmt", "o*");
	assert_null(render(s, 3, NULL, err, sizeof err));
	assert_non_null(strstr(err, "'*' is not a marker"));
	fb_text(it, "fmt", "s--");
	cairo_surface_t *out = render(s, 3, NULL, err, sizeof err);
	assert_non_null(out);
	cairo_surface_destroy(out);
}

#define T(f) cmocka_unit_test_teardown(f, free_items)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_errorbar_limits),
	    T(test_errorbar_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
