/* SPDX-License-Identifier: MIT */
/*
 * bar, barh and hist (render/kinds/bar.c, hist.c) against
 * matplotlib 3.6's numbers: autoscaled limits, the rules check() keeps,
 * and pixels where the placement rule is exact; the histogram counts against
 * numpy 1.24 results computed once (test_hist.c has the counting itself).
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

#include "axes_fixture.h"

static spr_item *bar(const char *kind, uint32_t len)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find(kind));

	assert_non_null(it);
	fb_set(it, kind[3] == 'h' ? "width" : "height", len);
	return it;
}

/* matplotlib 3.6: bar([0,1,2],[3,5,2]) -> (-0.54, 2.54), (0, 5.25): the
 * base is sticky; [1, nan, 3] -> (0, 3.15); [-1, 2] -> (-1.15, 2.15) (a
 * sticky edge inside the data is ignored); stacked on bottom -> (0, 6.3);
 * widths [.5, 1, 2] align edge -> x (-0.2, 4.2). */
static void test_bar_limits(void **state)
{
	const double x[] = {0, 1, 2}, h[] = {3, 5, 2}, hn[] = {1, NAN, 3};
	const double neg[] = {-1, 2}, one[] = {1, 1, 1}, w[] = {0.5, 1, 2};
	const spr_series s[] = {{x, 3},   {h, 3}, {hn, 3}, {neg, 2},
				{one, 3}, {w, 3}, {x, 2}};
	spr_item *it;

	(void)state;
	fb_set(bar("bar", 1), "x", 0);
	expect_limits(s, 7, -0.54, 2.54, 0, 5.25);
	free_items(NULL);
	fb_set(bar("bar", 2), "x", 0);
	expect_limits(s, 7, -0.54, 2.54, 0, 3.15);
	free_items(NULL);
	fb_set(bar("bar", 3), "x", 6);
	expect_limits(s, 7, -0.49, 1.49, -1.15, 2.15);
	free_items(NULL);
	fb_set(bar("bar", 1), "x", 0);
	it = bar("bar", 4);
	fb_set(it, "x", 0);
	fb_set(it, "bottom", 1);
	expect_limits(s, 7, -0.54, 2.54, 0, 6.3);
	free_items(NULL);
	it = bar("bar", 1);
	fb_set(it, "x", 0);
	fb_set(it, "width", 5);
	fb_set(it, "align", 1);
	expect_limits(s, 7, -0.2, 4.2, 0, 5.25);
	free_items(NULL);
}

/* barh([0,1,2], [3,5,2], left=1) -> x (1, 6.25), y (-0.54, 2.54). */
static void test_barh_limits(void **state)
{
	const double y[] = {0, 1, 2}, wd[] = {3, 5, 2};
	const spr_series s[] = {{y, 3}, {wd, 3}};
	spr_item *it = bar("barh", 1);

	(void)state;
	fb_set(it, "y", 0);
	set_const(it, "left", 1);
	expect_limits(s, 2, 1, 6.25, -0.54, 2.54);
}

/* Lengths must agree (negative widths are fine), labels one a bar. */
static void test_bar_rules(void **state)
{
	const double x[] = {0, 1, 2}, h[] = {3, 5, 2}, w[] = {1, -1, 1};
	const spr_series s[] = {{x, 3}, {h, 3}, {w, 3}, {x, 2}};
	const char *labels[] = {"a", "b"};
	char err[256];
	spr_item *it = bar("bar", 1);

	(void)state;
	fb_set(it, "x", 3);
	assert_int_equal(spr_item_check_rules(it, s, err, sizeof err), -1);
	assert_non_null(strstr(err, "x has 2 values but height has 3"));
	fb_set(it, "x", 0);
	/* matplotlib draws a negative width the other way: accepted */
	fb_set(it, "width", 2);
	assert_int_equal(spr_item_check_rules(it, s, err, sizeof err), 0);
	fb_set(it, "width", SPR_NO_SERIES);
	assert_int_equal(
	    spr_field_set_strings(fb_field(it, "tick_label"), it->p, labels, 2),
	    0);
	assert_int_equal(spr_item_check_rules(it, s, err, sizeof err), -1);
	assert_non_null(
	    strstr(err, "tick_label has 2 labels but height has 3"));
	/* a negative number too, as matplotlib's; not NaN or inf */
	assert_true(spr_field_accepts(fb_field(it, "width") + 1, -0.5));
	assert_false(spr_field_accepts(fb_field(it, "width") + 1, INFINITY));
}

/* Categories: without x the bars stand at 0 .. n-1 and the x ticks are
 * theirs, labelled; an edgeless bar fills whole pixels (matplotlib: bar
 *  1 of [3,5,2] in the default figure covers columns 264..391 exactly). */
static void test_bar_categories(void **state)
{
	const double h[] = {3, 5, 2};
	const spr_series s[] = {{h, 3}};
	const char *labels[] = {"a", "b", "c"};
	spr_axes_info in;
	char err[256];
	spr_item *it = bar("bar", 0);
	cairo_surface_t *out;

	(void)state;
	assert_int_equal(
	    spr_field_set_strings(fb_field(it, "tick_label"), it->p, labels, 3),
	    0);
	out = render(s, 1, &in, err, sizeof err);
	if (!out)
		fail_msg("%s", err);
	assert_float_equal(in.xlim[0], -0.54, 1e-9);
	assert_float_equal(in.xlim[1], 2.54, 1e-9);
	{
		const unsigned char *px = cairo_image_surface_get_data(out);
		int stride = cairo_image_surface_get_stride(out);
		const uint32_t *row =
		    (const uint32_t *)(const void *)(px + 300 * stride);
		/* C0 = 0x1f77b4 from column 264 to 391, white either side */
		assert_int_equal(row[263] & 0xffffff, 0xffffff);
		assert_int_equal(row[264] & 0xffffff, 0x1f77b4);
		assert_int_equal(row[391] & 0xffffff, 0x1f77b4);
		assert_int_equal(row[392] & 0xffffff, 0xffffff);
	}
	cairo_surface_destroy(out);
}

/* A labelled item of kind k on ax. */
static spr_item *labelled(const char *k)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find(k));

	assert_non_null(it);
	assert_int_equal(spr_field_set_text(fb_field(it, "label"), it->p, "l"),
			 0);
	return it;
}

/* Where 'best' put the legend of ax over s. */
static int best_loc(const spr_series *s, size_t ns)
{
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out;

	ax.legend = SPR_LEG_BEST;
	out = render(s, ns, &in, err, sizeof err);
	if (!out)
		fail_msg("%s", err);
	cairo_surface_destroy(out);
	return in.legend;
}

/*
 * 'best' counts patches as matplotlib 3.6's _find_best_position does, by
 * their boxes, and not a fill_between (a collection): measured with a
 * line from (0, 0) to (10, 0.05), an axhspan(0.6, 1) at ylim (0, 1) puts
 * the legend lower left, a bar at 9 of height 1 upper left, and a
 * fill_between over x 5..10, y 0.5..1 leaves it upper right, on the band.
 */
static void test_best_legend_counts_patches(void **state)
{
	const double lx[] = {0, 10}, ly[] = {0, 0.05}, fx[] = {5, 10};
	const double f1[] = {0.5, 0.5}, f2[] = {1, 1}, bx[] = {9}, bh[] = {1};
	const spr_series s[] = {{lx, 2}, {ly, 2}, {fx, 2}, {f1, 2},
				{f2, 2}, {bx, 1}, {bh, 1}};
	spr_item *it;

	(void)state;
	fb_set(it = labelled("line"), "x", 0);
	fb_set(it, "y", 1);
	fb_set(it = labelled("axhspan"), "ymin", 0.6);
	fb_set(it, "ymax", 1);
	ax.has_ylim = 1;
	ax.ylim[0] = 0;
	ax.ylim[1] = 1;
	assert_int_equal(best_loc(s, 7), SPR_LEG_LOWER_LEFT);
	free_items(NULL);
	fb_set(it = labelled("line"), "x", 0);
	fb_set(it, "y", 1);
	fb_set(it = labelled("bar"), "x", 5);
	fb_set(it, "height", 6);
	assert_int_equal(best_loc(s, 7), SPR_LEG_UPPER_LEFT);
	free_items(NULL);
	fb_set(it = labelled("line"), "x", 0);
	fb_set(it, "y", 1);
	fb_set(it = labelled("fill_between"), "x", 2);
	fb_set(it, "y1", 3);
	fb_set(it, "y2", 4);
	assert_int_equal(best_loc(s, 7), SPR_LEG_UPPER_RIGHT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_bar_limits, free_items),
	    cmocka_unit_test_teardown(test_barh_limits, free_items),
	    cmocka_unit_test_teardown(test_bar_rules, free_items),
	    cmocka_unit_test_teardown(test_bar_categories, free_items),
	    cmocka_unit_test_teardown(test_best_legend_counts_patches,
				      free_items),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
