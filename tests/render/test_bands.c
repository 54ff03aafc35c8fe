/* SPDX-License-Identifier: MIT */
/*
 * errorbar and fill_between (render/kinds/errorbar.c, fill.c) against
 * matplotlib 3.6's numbers: autoscaled limits and the rules check()
 * keeps; and a band of many points reduced per pixel column against the
 * same band drawn from every point, compared by the engine of `shmplot
 * diff`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "item.h"
#include "render_internal.h"
#include "shmplot/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axes_fixture.h"

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

static spr_item *band(const char *kind, uint32_t x, uint32_t y1, uint32_t y2)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find(kind));
	int swap = kind[12] == 'x';

	assert_non_null(it);
	fb_set(it, swap ? "y" : "x", x);
	fb_set(it, swap ? "x1" : "y1", y1);
	if (y2 != SPR_NO_SERIES)
		fb_set(it, swap ? "x2" : "y2", y2);
	return it;
}

/* matplotlib: fill_between([0,1,2], [1,2,1]): (-0.1, 2.1) both (y2 = 0
 * counts, no sticky edges); [1, nan, 3, 2] to 0.5 where [1,1,1,0]: (-0.1,
 * 2.1), (0.375, 3.125); fill_betweenx([0,1,2], [1,2,1], 3): (0.9, 3.1),
 * (-0.1, 2.1). */
static void test_fill_limits(void **state)
{
	static const double x[] = {0, 1, 2}, y[] = {1, 2, 1},
			    x4[] = {0, 1, 2, 3}, y4[] = {1, NAN, 3, 2},
			    w4[] = {1, 1, 1, 0};
	spr_series s[] = {{x, 3}, {y, 3}, {x4, 4}, {y4, 4}, {w4, 4}};
	spr_item *it;

	(void)state;
	band("fill_between", 0, 1, SPR_NO_SERIES);
	expect_limits(s, 5, -0.1, 2.1, -0.1, 2.1);
	free_items(NULL);
	it = band("fill_between", 2, 3, SPR_NO_SERIES);
	set_const(it, "y2", 0.5);
	fb_set(it, "where", 4);
	expect_limits(s, 5, -0.1, 2.1, 0.375, 3.125);
	free_items(NULL);
	it = band("fill_betweenx", 0, 1, SPR_NO_SERIES);
	set_const(it, "x2", 3);
	expect_limits(s, 5, 0.9, 3.1, -0.1, 2.1);
}

/* y1 given, series of x's length. */
static void test_fill_rules(void **state)
{
	static const double x[] = {0, 1, 2}, two[] = {1, 0};
	spr_series s[] = {{x, 3}, {two, 2}};
	char err[256];
	spr_item *it;

	(void)state;
	it = spr_axes_add(&ax, spr_kind_find("fill_between"));
	fb_set(it, "x", 0);
	assert_null(render(s, 2, NULL, err, sizeof err));
	assert_non_null(strstr(err, "needs \"y1\""));
	fb_set(it, "y1", 0);
	fb_set(it, "where", 1);
	assert_null(render(s, 2, NULL, err, sizeof err));
	assert_non_null(strstr(err, "where has 2 values but x has 3"));
	fb_set(it, "where", SPR_NO_SERIES);
	fb_set(it, "y2", 1);
	assert_null(render(s, 2, NULL, err, sizeof err));
	assert_non_null(strstr(err, "y2 has 2 values but x has 3"));
}

/* Opaque RGB24 rows to the RGBA8 the diff engine takes. */
static unsigned char *rgba(cairo_surface_t *sf)
{
	int w = cairo_image_surface_get_width(sf);
	int h = cairo_image_surface_get_height(sf);
	int st = cairo_image_surface_get_stride(sf);
	const unsigned char *p = cairo_image_surface_get_data(sf);
	unsigned char *o = malloc((size_t)w * (size_t)h * 4);

	assert_non_null(o);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, p + (size_t)y * (size_t)st + 4 * (size_t)x,
			       4);
			unsigned char *q = o + ((size_t)y * (size_t)w + x) * 4;
			q[0] = (unsigned char)(v >> 16);
			q[1] = (unsigned char)(v >> 8);
			q[2] = (unsigned char)v;
			q[3] = 255;
		}
	return o;
}

/* `shmplot diff --max-delta max --max-pixels any` of a against b: its
 * verdict; the pixels that differ, how many look like anti-aliasing and
 * the largest difference printed. */
static shmplot_diff_verdict diff_delta(cairo_surface_t *a, cairo_surface_t *b,
				       unsigned max, const char *what)
{
	int w = cairo_image_surface_get_width(a);
	int h = cairo_image_surface_get_height(a);
	unsigned char *pa = rgba(a), *pb = rgba(b);
	shmplot_diff_opts o;
	shmplot_diff *d = NULL;
	char err[256];

	shmplot_diff_opts_init(&o);
	o.max_delta = max;
	o.max_pixels = UINT64_MAX; /* any number, none by more than max */
	o.aa = SHMPLOT_DIFF_AA_REPORT;
	assert_int_equal(shmplot_diff_new(&d, &o, err, sizeof err), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_pixels(d, pa, w, h, (size_t)w * 4, pb, w,
					     h, (size_t)w * 4),
			 SHMPLOT_OK);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	shmplot_diff_verdict v = r->verdict;
	printf("%s: %llu pixels differ (%llu anti-aliasing), at most %u "
	       "levels: %s\n",
	       what, (unsigned long long)r->diff_pixels,
	       (unsigned long long)r->aa_pixels, (unsigned)r->max_delta,
	       shmplot_diff_verdict_str(v));
	shmplot_diff_free(d);
	free(pa);
	free(pb);
	return v;
}

/*
 * 400,000 points (over 600 a pixel column), reduced against exact: a
 * wide noisy band, a band whose bounds sweep about 40 rows in every
 * column, a smooth curve to 0 with where gaps, a band on log y reaching
 * below 0; no pixel more than 12 levels apart (measured 6, 10, 2 and 6:
 * the reduced band covers each pixel by its exact coverage, cairo samples
 * the raw polygon's thousands of edges a column at 15 sub-rows a pixel).
 */
static void test_reduced_band_is_the_band(void **state)
{
	size_t n = 400000;
	double *x = malloc(n * sizeof *x), *lo = malloc(n * sizeof *lo),
	       *hi = malloc(n * sizeof *hi), *th = malloc(n * sizeof *th),
	       *wh = malloc(n * sizeof *wh), *sm = malloc(n * sizeof *sm);
	static const char *const name[4] = {"noisy band", "sweeping band",
					    "curve to 0 with gaps",
					    "log y band"};
	uint64_t rnd = 42;
	char err[256];

	(void)state;
	assert_true(x && lo && hi && th && wh && sm);
	for (size_t i = 0; i < n; i++) {
		x[i] = 10.0 * (double)i / (double)(n - 1);
		rnd = rnd * 6364136223846793005u + 1442695040888963407u;
		double u = (double)(rnd >> 11) * 0x1p-53 - 0.5;
		double mid = sin(x[i]) + 0.4 * sin(x[i] * 3777.7);
		lo[i] = mid - 0.5 + 0.3 * u;
		hi[i] = mid + 0.5 - 0.3 * u;
		th[i] = mid + 0.05;
		sm[i] = (i / 50000) % 3 ? sin(x[i]) + 1.5 : NAN;
		wh[i] = (i / 70000) % 4 != 1;
	}
	spr_series s[] = {{x, n}, {lo, n}, {hi, n}, {th, n}, {wh, n}, {sm, n}};
	for (int k = 0; k < 4; k++) {
		cairo_surface_t *out[2];
		for (int exact = 0; exact < 2; exact++) {
			free_items(NULL);
			ax.exact = exact;
			ax.yscale = k == 3 ? SPR_SCALE_LOG : SPR_SCALE_LINEAR;
			spr_item *it = band("fill_between", 0,
					    k == 1   ? 3
					    : k == 2 ? 5
						     : 1,
					    k == 2 ? SPR_NO_SERIES : 2);
			if (k == 3) { /* y2 <= 0 in places: below the axes */
				fb_set(it, "y1", 5);
				fb_set(it, "y2", 3);
			}
			if (k == 2)
				fb_set(it, "where", 4);
			fb_set(it, "alpha", k == 0 ? 0.5 : 1);
			out[exact] = render(s, 6, NULL, err, sizeof err);
			if (!out[exact])
				fail_msg("%s", err);
		}
		assert_true(diff_delta(out[1], out[0], 12, name[k]) <=
			    SHMPLOT_DIFF_WITHIN_TOLERANCE);
		cairo_surface_destroy(out[0]);
		cairo_surface_destroy(out[1]);
	}
	free(x);
	free(lo);
	free(hi);
	free(th);
	free(wh);
	free(sm);
}

#define T(f) cmocka_unit_test_teardown(f, free_items)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_errorbar_limits),
	    T(test_errorbar_rules),
	    T(test_fill_limits),
	    T(test_fill_rules),
	    T(test_reduced_band_is_the_band),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
