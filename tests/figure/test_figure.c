/* SPDX-License-Identifier: MIT */
/*
 * The public figure API (src/figure/figure.c): the figure-name rule it
 * shares with the spec loader, sizes and grids at their limits, every
 * setter's range (the line kind's field descriptors), failures that leave
 * the figure as it was, line handles that survive the item array growing,
 * calls on NULL handles, and figures packed for a batch (sp_figure_pack()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "figure/figure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static shmplot_figure *fig;

static int make_fig(void **state)
{
	(void)state;
	return shmplot_figure_new(&fig, "fig", 0, 0, 0, NULL, 0);
}

static int free_fig(void **state)
{
	(void)state;
	shmplot_figure_free(fig);
	fig = NULL;
	return 0;
}

/* The item's value of field name, through the line kind's descriptor. */
static double field(const spr_item *it, const char *name)
{
	const spr_field *f = spr_kind_field(it->kind, name);

	assert_non_null(f);
	return spr_field_get(f, it->p);
}

static const spr_axes *axes0(void)
{
	return &sp_figure_spec(fig)->axes[0];
}

static void expect_bad_name(const char *name, const char *needle)
{
	shmplot_figure *f = (shmplot_figure *)&f; /* must be reset */
	char err[256] = "";

	assert_int_equal(
	    shmplot_figure_new(&f, name, 1, 1, 100, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_null(f);
	if (!strstr(err, needle))
		fail_msg("name \"%s\": '%s' lacks '%s'", name, err, needle);
}

static void test_name_rule(void **state)
{
	char longest[SHMPLOT_MAX_FIGURE_NAME + 2];
	shmplot_figure *f = NULL;

	(void)state;
	/* the spec loader's rule: what the old API let through too */
	expect_bad_name(".hidden", "starts with '.'");
	expect_bad_name("a..b", "contains '..'");
	expect_bad_name("a\\b", "contains '\\'");
	expect_bad_name("a/b", "contains '/'");
	expect_bad_name("tab\there", "control character");
	expect_bad_name("\xff\xfe", "UTF-8");
	expect_bad_name("", "1 to 127 bytes");
	expect_bad_name(NULL, "1 to 127 bytes");
	memset(longest, 'n', sizeof longest);
	longest[SHMPLOT_MAX_FIGURE_NAME + 1] = 0;
	expect_bad_name(longest, "not 128");
	longest[SHMPLOT_MAX_FIGURE_NAME] = 0;
	assert_int_equal(shmplot_figure_new(&f, longest, 0, 0, 0, NULL, 0),
			 SHMPLOT_OK);
	shmplot_figure_free(f);
	assert_int_equal(shmplot_figure_new(&f, "Größe a.b", 0, 0, 0, NULL, 0),
			 SHMPLOT_OK);
	assert_string_equal(shmplot_figure_name(f), "Größe a.b");
	shmplot_figure_free(f);
}

static void test_sizes(void **state)
{
	shmplot_figure *f = NULL;
	char err[256];
	int w = -1, h = -1;

	(void)state;
	/* defaults: matplotlib's 6.4 x 4.8 in at 100 dpi */
	shmplot_figure_pixel_size(fig, &w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	/* the largest side, and one pixel more */
	assert_int_equal(shmplot_figure_new(&f, "w", SHMPLOT_MAX_DIM / 100.0, 1,
					    100, err, sizeof err),
			 SHMPLOT_OK);
	shmplot_figure_free(f);
	assert_int_equal(shmplot_figure_new(&f, "w",
					    (SHMPLOT_MAX_DIM + 1) / 100.0, 1,
					    100, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "figure \"w\""));
	/* sides fine, area not */
	assert_int_equal(
	    shmplot_figure_new(&f, "a", 300, 300, 100, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_int_equal(
	    shmplot_figure_new(&f, "n", NAN, 1, 100, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_int_equal(
	    shmplot_figure_new(&f, "n", 1, -1, 100, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_int_equal(
	    shmplot_figure_new(&f, "n", 0.001, 0.001, 100, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_null(f);
	assert_int_equal(
	    shmplot_figure_new(NULL, "n", 1, 1, 1, err, sizeof err),
	    SHMPLOT_E_INVALID);
}

static void test_null_handles(void **state)
{
	int w = 7, h = 7;

	(void)state;
	shmplot_figure_pixel_size(NULL, &w, &h); /* no crash, no size */
	assert_int_equal(w, 0);
	assert_int_equal(h, 0);
	shmplot_figure_pixel_size(fig, NULL, NULL);
	shmplot_figure_free(NULL);
	assert_null(shmplot_figure_name(NULL));
	assert_string_equal(shmplot_figure_errmsg(NULL), "");
	assert_null(shmplot_figure_axes(NULL, 0, 0));
	assert_int_equal(shmplot_figure_set_grid(NULL, 1, 1, 0),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_plot(NULL, 0, 0, NULL, NULL),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_title(NULL, "t"), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_xlim(NULL, 0, 1), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_color(NULL, 0), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_alpha(NULL, 1), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_width(NULL, 1), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_style(NULL, 0), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_marker(NULL, 0, 0),
			 SHMPLOT_E_INVALID);
}

static void test_grid(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);

	(void)state;
	assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X, 0, "a", NULL),
			 SHMPLOT_OK);
	assert_int_equal(
	    shmplot_figure_set_grid(fig, SHMPLOT_MAX_GRID + 1, 1, 0),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_figure_errmsg(fig), "1..16"));
	assert_int_equal(shmplot_figure_set_grid(fig, 1, 1, 4),
			 SHMPLOT_E_INVALID);
	/* a refused grid leaves the figure alone */
	assert_int_equal(axes0()->nitems, 1);
	assert_int_equal(shmplot_figure_set_grid(fig, SHMPLOT_MAX_GRID,
						 SHMPLOT_MAX_GRID,
						 SHMPLOT_SHARE_X),
			 SHMPLOT_OK);
	/* a new grid starts empty */
	assert_int_equal(axes0()->nitems, 0);
	assert_int_equal(sp_figure_spec(fig)->share, SPR_SHARE_X);
	assert_non_null(shmplot_figure_axes(fig, 15, 15));
	assert_null(shmplot_figure_axes(fig, 16, 0));
	assert_null(shmplot_figure_axes(fig, 0, -1));
}

static void test_plot_builds_a_line_item(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *l = NULL;

	(void)state;
	assert_int_equal(shmplot_axes_plot(ax, 3, 4, "é", &l), SHMPLOT_OK);
	assert_non_null(l);
	const spr_item *it = &axes0()->items[0];
	assert_string_equal(spr_kind_name(it->kind), "line");
	assert_true(field(it, "x") == 3);
	assert_true(field(it, "y") == 4);
	assert_string_equal(spr_item_label(it), "é");
	assert_true(field(it, "color") == SPR_DEFAULT_COLOR);
	/* no x: the index */
	assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X, 4, NULL, NULL),
			 SHMPLOT_OK);
	assert_true(field(&axes0()->items[1], "x") == SPR_NO_SERIES);
	assert_null(spr_item_label(&axes0()->items[1]));
}

static void test_failed_plot_adds_nothing(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *l = (shmplot_line *)&l;

	(void)state;
	assert_int_equal(shmplot_axes_plot(ax, 0, 1, "bad \xc3", &l),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_figure_errmsg(fig), "UTF-8"));
	assert_int_equal(shmplot_axes_plot(ax, 0, SHMPLOT_NO_X, NULL, &l),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_figure_errmsg(fig), "y names no"));
	assert_int_equal(axes0()->nitems, 0);
	assert_int_equal(shmplot_axes_set_title(ax, "\xe2\x82"),
			 SHMPLOT_E_INVALID);
	assert_null(axes0()->title);
}

static void test_line_setters(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *l = NULL;
	const char *msg;

	(void)state;
	assert_int_equal(shmplot_axes_plot(ax, 0, 1, NULL, &l), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_color(l, 0xffffff), SHMPLOT_OK);
	/* the cycle is the default, not a colour to set */
	assert_int_equal(shmplot_line_set_color(l, 0x1000000),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_color(l, SPR_DEFAULT_COLOR),
			 SHMPLOT_E_INVALID);
	msg = shmplot_figure_errmsg(fig);
	assert_non_null(strstr(msg, "figure \"fig\": line color 0xffffffff"));
	assert_int_equal(shmplot_line_set_alpha(l, 1.5), SHMPLOT_E_INVALID);
	assert_non_null(
	    strstr(shmplot_figure_errmsg(fig), "alpha 1.5 is outside [0, 1]"));
	assert_int_equal(shmplot_line_set_alpha(l, NAN), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_width(l, 100.5), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_width(l, -0.5), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_line_set_style(l, (shmplot_linestyle)5),
			 SHMPLOT_E_INVALID);
	assert_non_null(
	    strstr(shmplot_figure_errmsg(fig), "unknown linestyle 5"));
	assert_int_equal(shmplot_line_set_marker(l, (shmplot_marker)22, 3),
			 SHMPLOT_E_INVALID);
	/* a refused size leaves the marker as it was too */
	assert_int_equal(
	    shmplot_line_set_marker(l, SHMPLOT_MARKER_CIRCLE, 200.5),
	    SHMPLOT_E_INVALID);
	const spr_item *it = &axes0()->items[0];
	assert_true(field(it, "marker") == SPR_MK_NONE);
	assert_true(field(it, "color") == 0xffffff);
	assert_true(field(it, "alpha") == 1);
	assert_true(field(it, "linewidth") == 1.5);
	/* the edges of every range are accepted */
	assert_int_equal(shmplot_line_set_alpha(l, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_width(l, 100), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_style(l, SHMPLOT_LINE_NONE),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_marker(l, SHMPLOT_MARKER_CROSS, 200),
			 SHMPLOT_OK);
	assert_true(field(it, "markersize") == 200);
	/* size 0: matplotlib's default 6 pt */
	assert_int_equal(shmplot_line_set_marker(l, SHMPLOT_MARKER_POINT, 0),
			 SHMPLOT_OK);
	assert_true(field(it, "markersize") == 6);
	assert_true(field(it, "marker") == SPR_MK_POINT);
	assert_null(spr_item_bad_field(it));
}

/* Handles name their item by place: they stay right as the array grows. */
static void test_handles_survive_growth(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *first = NULL, *l = NULL;

	(void)state;
	assert_int_equal(shmplot_axes_plot(ax, 0, 0, NULL, &first), SHMPLOT_OK);
	for (uint32_t i = 1; i < 100; i++)
		assert_int_equal(shmplot_axes_plot(ax, 0, i, NULL, &l),
				 SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_width(first, 7), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_width(l, 9), SHMPLOT_OK);
	assert_true(field(&axes0()->items[0], "linewidth") == 7);
	assert_true(field(&axes0()->items[99], "linewidth") == 9);
	assert_true(field(&axes0()->items[99], "y") == 99);
	assert_true(field(&axes0()->items[50], "linewidth") == 1.5);
}

static void test_axes_setters(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);

	(void)state;
	assert_int_equal(shmplot_axes_set_xlim(ax, 1, 1), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_ylim(ax, 0, INFINITY),
			 SHMPLOT_E_INVALID);
	assert_int_equal(axes0()->has_xlim + axes0()->has_ylim, 0);
	assert_int_equal(shmplot_axes_set_xscale(ax, (shmplot_scale)4),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_xscale(ax, SHMPLOT_SCALE_DATE),
			 SHMPLOT_OK);
	assert_int_equal(axes0()->xscale, SPR_SCALE_DATE);
	assert_int_equal(shmplot_axes_set_xscale(ax, SHMPLOT_SCALE_LINEAR),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_legend(ax, (shmplot_legend_loc)11),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_legend(ax, (shmplot_legend_loc)-2),
			 SHMPLOT_E_INVALID);
	/* what the API refuses, the batch decoder's rule refuses too */
	assert_int_equal(sp_axes_settings_ok(axes0()), 1);
	assert_int_equal(shmplot_axes_set_ylim(ax, -1, 1), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_yscale(ax, SHMPLOT_SCALE_LOG),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_CENTER),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_grid(ax, 5), SHMPLOT_OK);
	assert_int_equal(axes0()->grid, 1);
	assert_int_equal(sp_axes_settings_ok(axes0()), 1);
	spr_axes copy = *axes0();
	copy.legend = 11;
	assert_int_equal(sp_axes_settings_ok(&copy), 0);
	copy = *axes0();
	copy.ylim[1] = copy.ylim[0];
	assert_int_equal(sp_axes_settings_ok(&copy), 0);
	copy = *axes0();
	copy.exact = 2;
	assert_int_equal(sp_axes_settings_ok(&copy), 0);
	/* symlog: set_xscale("symlog", linthresh=0.5, linscale=2) */
	assert_int_equal(shmplot_axes_set_xscale(ax, SHMPLOT_SCALE_SYMLOG),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_linthresh(ax, 'x', 0, 1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_linthresh(ax, 'x', 0.5, -1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_set_linthresh(ax, 'x', 0.5, 2),
			 SHMPLOT_OK);
	assert_true(field(&spr_more(axes0())->axis[0], "linthresh") == 0.5);
	assert_true(field(&spr_more(axes0())->axis[0], "linscale") == 2);
	assert_int_equal(sp_axes_settings_ok(axes0()), 1);
	/* a date axis shown at +05:30: the axis kind's tz, minutes */
	{
		shmplot_item *h;
		assert_int_equal(
		    shmplot_axes_set_yscale(ax, SHMPLOT_SCALE_DATE),
		    SHMPLOT_OK);
		assert_int_equal(shmplot_axes_axis(ax, 'y', &h), SHMPLOT_OK);
		assert_int_equal(shmplot_item_set_number(h, "tz", 330),
				 SHMPLOT_OK);
		assert_int_equal(shmplot_item_set_number(h, "tz", 1440),
				 SHMPLOT_E_INVALID);
		assert_true(field(&spr_more(axes0())->axis[1], "tz") == 330);
		assert_int_equal(sp_axes_settings_ok(axes0()), 1);
	}
}

static void test_text_rule(void **state)
{
	(void)state;
	assert_int_equal(sp_text_ok(NULL, 0), 1);
	assert_int_equal(sp_text_ok("abc", 3), 1);
	assert_int_equal(sp_text_ok("abcd", 3), 0);
	assert_int_equal(sp_text_ok("\xc3\xa9", 2), 1);
	assert_int_equal(sp_text_ok("\xc0\xaf", 9), 0); /* overlong '/' */
}

/*
 * sp_figure_pack(): a figure the loader keeps moves into one block that
 * reads exactly as before, and the first axes handle asked for afterwards
 * unpacks it, so every setter works on ordinary allocations again.
 */
static void test_pack_reads_the_same_and_unpacks(void **state)
{
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *l = NULL;

	(void)state;
	assert_null(sp_figure_pack(NULL));
	/* nothing to pack: the figure stays as it is */
	assert_ptr_equal(sp_figure_pack(fig), fig);
	assert_int_equal(shmplot_axes_set_title(ax, "title é"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_ylabel(ax, "y"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_xlim(ax, 1, 2), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_plot(ax, 3, 4, "a", &l), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_color(l, 0x123456), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_plot(ax, 5, 6, NULL, NULL), SHMPLOT_OK);
	fig = sp_figure_pack(fig); /* l and ax are gone with the old block */
	assert_string_equal(shmplot_figure_name(fig), "fig");
	assert_string_equal(sp_figure_spec(fig)->name, "fig");
	assert_string_equal(axes0()->title, "title é");
	assert_null(axes0()->xlabel);
	assert_string_equal(axes0()->ylabel, "y");
	assert_true(axes0()->has_xlim && axes0()->xlim[1] == 2);
	assert_int_equal(axes0()->nitems, 2);
	assert_string_equal(spr_item_label(&axes0()->items[0]), "a");
	assert_true(field(&axes0()->items[0], "color") == 0x123456);
	assert_true(field(&axes0()->items[0], "y") == 4);
	assert_null(spr_item_label(&axes0()->items[1]));
	assert_true(field(&axes0()->items[1], "x") == 5);
	/* packed once is enough */
	assert_ptr_equal(sp_figure_pack(fig), fig);

	ax = shmplot_figure_axes(fig, 0, 0);
	assert_non_null(ax);
	assert_int_equal(shmplot_axes_set_title(ax, "new"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_plot(ax, 7, 8, "c", &l), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_width(l, 3), SHMPLOT_OK);
	assert_string_equal(axes0()->title, "new");
	assert_string_equal(axes0()->ylabel, "y");
	assert_int_equal(axes0()->nitems, 3);
	assert_string_equal(spr_item_label(&axes0()->items[0]), "a");
	assert_true(field(&axes0()->items[0], "color") == 0x123456);
	assert_true(field(&axes0()->items[2], "linewidth") == 3);

	/* packed, then regridded or freed as it is (teardown) */
	fig = sp_figure_pack(fig);
	assert_int_equal(shmplot_figure_set_grid(fig, 1, 2, 0), SHMPLOT_OK);
	assert_int_equal(sp_figure_spec(fig)->axes[0].nitems, 0);
	assert_ptr_equal(sp_figure_pack(fig), fig); /* a grid stays */
	assert_int_equal(shmplot_figure_set_grid(fig, 1, 1, 0), SHMPLOT_OK);
	ax = shmplot_figure_axes(fig, 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, 0, 1, "d", NULL), SHMPLOT_OK);
	fig = sp_figure_pack(fig);
	assert_string_equal(spr_item_label(&axes0()->items[0]), "d");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_fig, free_fig)
	const struct CMUnitTest tests[] = {
	    T(test_name_rule),
	    T(test_sizes),
	    T(test_null_handles),
	    T(test_grid),
	    T(test_plot_builds_a_line_item),
	    T(test_failed_plot_adds_nothing),
	    T(test_line_setters),
	    T(test_handles_survive_growth),
	    T(test_axes_setters),
	    T(test_text_rule),
	    T(test_pack_reads_the_same_and_unpacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
