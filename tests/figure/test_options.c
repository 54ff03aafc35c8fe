/* SPDX-License-Identifier: MIT */
/*
 * shmplot_axes_options() (src/figure/options.c): the legend's and the
 * labels' option items by name, set with the generic item setters and
 * their range checks, a twin's own, and an unknown name refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "axes_opts.h"
#include "figure/figure.h"

#include <string.h>

static void test_options_by_name(void **state)
{
	shmplot_figure *fig;
	shmplot_item *leg, *title, *twin_label;
	shmplot_axes *twin;
	static const double anchor[2] = {0.5, -0.15};

	(void)state;
	assert_int_equal(shmplot_figure_new(&fig, "f", 0, 0, 0, NULL, 0),
			 SHMPLOT_OK);
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	assert_int_equal(shmplot_axes_options(ax, "legend", &leg), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(leg, "ncols", 3), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(leg, "ncols", 0),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_figure_errmsg(fig), "ncols"));
	assert_int_equal(
	    shmplot_item_set_array(leg, "bbox_to_anchor", anchor, 2),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_text(leg, "title", "T"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_options(ax, "title", &title), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_choice(title, "fontweight", "bold"),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_choice(title, "fontstyle", "slant"),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_axes_options(ax, "suptitle", &title),
			 SHMPLOT_E_INVALID);
	assert_null(title);
	assert_non_null(strstr(shmplot_figure_errmsg(fig),
			       "no options called \"suptitle\""));
	assert_int_equal(shmplot_axes_twinx(ax, &twin), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_options(twin, "ylabel", &twin_label),
			 SHMPLOT_OK);
	assert_int_equal(
	    shmplot_item_set_choice(twin_label, "fontstyle", "oblique"),
	    SHMPLOT_OK);

	const spr_axes *a = &sp_figure_spec(fig)->axes[0];
	const spr_legend_opts *o = spr_legend_opts_of(a);
	assert_int_equal(o->ncols, 3);
	assert_int_equal(o->bbox.n, 2);
	assert_string_equal(o->title, "T");
	assert_int_equal(spr_label_font_of(a, SPR_AXOPT_TITLE)->weight,
			 6); /* "default", then spr_weight_names: bold */
	assert_int_equal(spr_label_font_of(a, SPR_AXOPT_TITLE)->style, 0);
	assert_null(spr_more(a)->opts[SPR_AXOPT_YLABEL].p);
	assert_int_equal(
	    spr_label_font_of(spr_more(a)->twin, SPR_AXOPT_YLABEL)->style, 2);
	shmplot_figure_free(fig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_options_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
