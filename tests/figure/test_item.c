/* SPDX-License-Identifier: MIT */
/*
 * The generic item API (src/figure/item.c): items of any kind by name,
 * fields set by name and type through the kinds' descriptors, and errors
 * that name the figure, the kind and the field and say what is accepted,
 * leaving the item as it was.
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

static const spr_item *item(size_t j)
{
	const spr_axes *a = &sp_figure_spec(fig)->axes[0];
	assert_true(j < a->nitems);
	return &a->items[j];
}

static double field(const spr_item *it, const char *name)
{
	const spr_field *f = spr_kind_field(it->kind, name);
	assert_non_null(f);
	return spr_field_get(f, it->p);
}

/* The figure's message holds every one of the NULL-ended parts. */
static void expect_msg(const char *part, ...)
{
	const char *msg = shmplot_figure_errmsg(fig);
	va_list ap;
	va_start(ap, part);
	for (const char *p = part; p; p = va_arg(ap, const char *))
		if (!strstr(msg, p))
			fail_msg("\"%s\" not in \"%s\"", p, msg);
	va_end(ap);
}

static void test_plot_is_a_line(void **state)
{
	(void)state;
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_item *it = NULL;
	assert_int_equal(shmplot_axes_add(ax, "plot", &it), SHMPLOT_OK);
	assert_string_equal(shmplot_item_kind(it), "line");
	assert_int_equal(shmplot_item_set_series(it, "y", 3), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(it, "linewidth", 2.5),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_choice(it, "linestyle", "--"),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_choice(it, "marker", "circle"),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_color(it, "color", 0xff0000),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_text(it, "label", "a"), SHMPLOT_OK);
	const spr_item *s = item(0);
	assert_true(field(s, "y") == 3 && field(s, "x") == SPR_NO_SERIES);
	assert_true(field(s, "linewidth") == 2.5);
	assert_true(field(s, "linestyle") == SPR_LS_DASHED);
	assert_true(field(s, "marker") == SPR_MK_CIRCLE);
	assert_true(field(s, "color") == 0xff0000);
	assert_string_equal(spr_item_label(s), "a");
	/* "line" is the same kind; no handle wanted is fine */
	assert_int_equal(shmplot_axes_add(ax, "line", NULL), SHMPLOT_OK);
	assert_string_equal(spr_kind_name(item(1)->kind), "line");
}

static void test_line_handle_is_an_item(void **state)
{
	(void)state;
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_line *l = NULL;
	assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X, 1, NULL, &l),
			 SHMPLOT_OK);
	/* more items: the array moves, the handles still find theirs */
	for (int i = 0; i < 40; i++)
		assert_int_equal(shmplot_axes_add(ax, "plot", NULL),
				 SHMPLOT_OK);
	shmplot_item *it = shmplot_line_item(l);
	assert_string_equal(shmplot_item_kind(it), "line");
	assert_int_equal(shmplot_item_set_choice(it, "drawstyle", "steps"),
			 SHMPLOT_OK);
	assert_true(field(item(0), "drawstyle") == SPR_DS_STEPS_PRE);
	assert_int_equal(shmplot_line_set_width(l, 4), SHMPLOT_OK);
	assert_true(field(item(0), "linewidth") == 4);
}

static void test_unknown_kind_lists_kinds(void **state)
{
	(void)state;
	shmplot_item *it = (shmplot_item *)1;
	assert_int_equal(
	    shmplot_axes_add(shmplot_figure_axes(fig, 0, 0), "plott", &it),
	    SHMPLOT_E_INVALID);
	assert_null(it);
	expect_msg("figure \"fig\"", "unknown plot kind \"plott\"", "line",
		   "plot", NULL);
	assert_int_equal(sp_figure_spec(fig)->axes[0].nitems, 0);
	assert_int_equal(
	    shmplot_axes_add(shmplot_figure_axes(fig, 0, 0), NULL, &it),
	    SHMPLOT_E_INVALID);
}

static void test_errors_name_kind_and_field(void **state)
{
	(void)state;
	shmplot_item *it;
	assert_int_equal(
	    shmplot_axes_add(shmplot_figure_axes(fig, 0, 0), "plot", &it),
	    SHMPLOT_OK);
	/* an unknown field: the kind's fields listed */
	assert_int_equal(shmplot_item_set_color(it, "colour", 0),
			 SHMPLOT_E_INVALID);
	expect_msg("figure \"fig\"", "line has no field \"colour\"",
		   "its fields are x, y, label, color, alpha, linewidth", NULL);
	/* the wrong type: the setter it takes */
	assert_int_equal(shmplot_item_set_number(it, "label", 1),
			 SHMPLOT_E_INVALID);
	expect_msg("line label is text: set it with shmplot_item_set_text",
		   NULL);
	assert_int_equal(shmplot_item_set_text(it, "linestyle", "--"),
			 SHMPLOT_E_INVALID);
	expect_msg("line linestyle is a choice", "shmplot_item_set_choice",
		   NULL);
	assert_int_equal(shmplot_item_set_choice(it, "linewidth", "thick"),
			 SHMPLOT_E_INVALID);
	expect_msg("line linewidth is a number", "shmplot_item_set_number",
		   NULL);
	assert_int_equal(shmplot_item_set_array(it, "y", NULL, 0),
			 SHMPLOT_E_INVALID);
	expect_msg("line y is a series", "shmplot_item_set_series", NULL);
	/* out of range, and an unknown choice: what is accepted */
	assert_int_equal(shmplot_item_set_number(it, "linewidth", 200),
			 SHMPLOT_E_INVALID);
	expect_msg("line linewidth 200 is outside [0, 100]", NULL);
	assert_int_equal(shmplot_item_set_number(it, "alpha", NAN),
			 SHMPLOT_E_INVALID);
	expect_msg("line alpha nan is outside [0, 1]", NULL);
	assert_int_equal(shmplot_item_set_number(it, "linestyle", 1.5),
			 SHMPLOT_E_INVALID);
	expect_msg("line: unknown linestyle 2", "solid, dashed", NULL);
	assert_int_equal(shmplot_item_set_choice(it, "linestyle", "dashy"),
			 SHMPLOT_E_INVALID);
	expect_msg("line linestyle \"dashy\" is not one of solid, dashed, "
		   "dotted, dashdot, none",
		   NULL);
	assert_int_equal(shmplot_item_set_color(it, "color", 0x1000000),
			 SHMPLOT_E_INVALID);
	expect_msg("line color 0x1000000 is not 0xRRGGBB", NULL);
	assert_int_equal(shmplot_item_set_series(it, "y", SHMPLOT_NO_SERIES),
			 SHMPLOT_E_INVALID);
	expect_msg("line y names no series", NULL);
	assert_int_equal(shmplot_item_set_text(it, "label", "\xff"),
			 SHMPLOT_E_INVALID);
	expect_msg("line label is not valid UTF-8", NULL);
	/* nothing changed */
	const spr_item *s = item(0);
	assert_true(field(s, "linewidth") == 1.5 && field(s, "alpha") == 1);
	assert_true(field(s, "linestyle") == SPR_LS_SOLID);
	assert_true(field(s, "color") == SPR_DEFAULT_COLOR);
	assert_null(spr_item_label(s));
	/* an optional series may be unset again */
	assert_int_equal(shmplot_item_set_series(it, "x", 2), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_series(it, "x", SHMPLOT_NO_SERIES),
			 SHMPLOT_OK);
	assert_true(field(s, "x") == SPR_NO_SERIES);
}

/* The kinds after line: matplotlib's names and defaults, and errors. */
static void test_reference_kinds(void **state)
{
	(void)state;
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_item *h, *sp, *st;
	assert_int_equal(shmplot_axes_add(ax, "axhline", &h), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "axvspan", &sp), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "step", &st), SHMPLOT_OK);
	/* matplotlib's defaults: y 0 across the axes in C0 */
	assert_true(field(item(0), "y") == 0 && field(item(0), "xmax") == 1);
	assert_true(field(item(0), "color") == 0x1f77b4);
	assert_true(field(item(2), "where") == SPR_DS_STEPS_PRE);
	assert_int_equal(shmplot_item_set_number(h, "y", -3.5), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(h, "xmin", 0.25), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(h, "xmin", 1.5),
			 SHMPLOT_E_INVALID);
	expect_msg("axhline xmin 1.5 is outside [0, 1]", NULL);
	assert_int_equal(shmplot_item_set_number(h, "y", INFINITY),
			 SHMPLOT_E_INVALID);
	assert_true(field(item(0), "y") == -3.5);
	assert_true(field(item(0), "xmin") == 0.25);
	assert_int_equal(shmplot_item_set_number(h, "x", 1), SHMPLOT_E_INVALID);
	expect_msg("axhline has no field \"x\"",
		   "its fields are y, xmin, xmax, color", NULL);
	/* a span's colours: given or not */
	assert_int_equal(shmplot_item_set_color(sp, "facecolor", 0xff0000),
			 SHMPLOT_OK);
	assert_true(field(item(1), "facecolor") == 0xff0000);
	assert_true(field(item(1), "edgecolor") == SPR_DEFAULT_COLOR);
	assert_int_equal(shmplot_item_set_color(sp, "edgecolor", UINT32_MAX),
			 SHMPLOT_E_INVALID);
	/* a step's where by name only among pre, mid, post */
	assert_int_equal(shmplot_item_set_choice(st, "where", "mid"),
			 SHMPLOT_OK);
	assert_true(field(item(2), "where") == SPR_DS_STEPS_MID);
	assert_int_equal(shmplot_item_set_choice(st, "where", "middle"),
			 SHMPLOT_E_INVALID);
	expect_msg("step where \"middle\" is not one of pre, mid, post", NULL);
	assert_int_equal(shmplot_item_set_number(st, "where", 0),
			 SHMPLOT_E_INVALID);
	expect_msg("step: unknown where 0", NULL);
}

static void test_null_handles(void **state)
{
	(void)state;
	double v = 1;
	const char *s = "a";
	assert_int_equal(shmplot_axes_add(NULL, "plot", NULL),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_number(NULL, "alpha", 1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_choice(NULL, "marker", "o"),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_series(NULL, "y", 0),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_color(NULL, "color", 0),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_text(NULL, "label", "a"),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_array(NULL, "v", &v, 1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_item_set_strings(NULL, "s", &s, 1),
			 SHMPLOT_E_INVALID);
	assert_null(shmplot_item_kind(NULL));
	assert_null(shmplot_line_item(NULL));
}

/* A number may stand for a series (SPR_FF_OR_NUMBER): set_number sets it
 * and drops a series set before; set_series sets the series. */
static void test_number_or_series(void **state)
{
	(void)state;
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	shmplot_item *it = NULL;
	assert_int_equal(shmplot_axes_add(ax, "errorbar", &it), SHMPLOT_OK);
	const spr_item *s = item(0);
	const spr_field *f = spr_kind_field(s->kind, "yerr");
	assert_int_equal(shmplot_item_set_series(it, "yerr", 2), SHMPLOT_OK);
	assert_true(spr_field_get(f, s->p) == 2 &&
		    isnan(spr_field_get(f + 1, s->p)));
	assert_int_equal(shmplot_item_set_number(it, "yerr", 0.25), SHMPLOT_OK);
	assert_true(spr_field_get(f, s->p) == SPR_NO_SERIES);
	assert_true(spr_field_get(f + 1, s->p) == 0.25);
	/* errors are not negative, and the message says which field */
	assert_int_equal(shmplot_item_set_number(it, "yerr", -1),
			 SHMPLOT_E_INVALID);
	expect_msg("yerr", NULL);
	assert_int_equal(shmplot_item_set_series(it, "yerr_upper", 4),
			 SHMPLOT_OK);
	assert_true(field(s, "yerr_upper") == 4);
	/* a field without a number form still says what it takes */
	assert_int_equal(shmplot_item_set_number(it, "x", 1),
			 SHMPLOT_E_INVALID);
	expect_msg("errorbar x is a series", "shmplot_item_set_series", NULL);
	assert_int_equal(shmplot_item_set_text(it, "yerr", "a"),
			 SHMPLOT_E_INVALID);
	expect_msg("a series or a number", NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_fig, free_fig)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_plot_is_a_line),
	    T(test_line_handle_is_an_item),
	    T(test_unknown_kind_lists_kinds),
	    T(test_errors_name_kind_and_field),
	    T(test_reference_kinds),
	    T(test_null_handles),
	    T(test_number_or_series),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
