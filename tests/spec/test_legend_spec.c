/* SPDX-License-Identifier: MIT */
/*
 * A legend object and a title's or label's font object in a spec
 * (src/spec/legend_spec.c), through the public spec API: the options land
 * in the built figure's axes (inherited from "defaults" as other axes
 * options are), and bad keys and values are listed at their JSON paths
 * with suggestions, exit 65 style (SHMPLOT_E_INVALID, nothing built).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "axes_opts.h"
#include "figure/figure.h"
#include "shmplot/spec.h"

#define HEAD                                                                   \
	"{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, 5]}},"     \
	"\"figures\": ["

static shmplot_spec *load(const char *json, shmplot_status want)
{
	shmplot_spec *s = NULL;
	shmplot_status st =
	    shmplot_spec_load_buffer(&s, json, strlen(json), NULL);
	if (st != want) {
		for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
			fprintf(stderr, "  %s\n", shmplot_spec_error(s, i));
		fail_msg("load: %s", shmplot_status_str(st));
	}
	return s;
}

/* Problem i of s holds every one of the NULL-ended parts. */
static void expect(const shmplot_spec *s, size_t i, const char *part, ...)
{
	const char *msg = i < shmplot_spec_error_count(s)
			      ? shmplot_spec_error(s, i)
			      : "(none)";
	va_list ap;
	va_start(ap, part);
	for (const char *p = part; p; p = va_arg(ap, const char *))
		if (!strstr(msg, p))
			fail_msg("problem %zu: \"%s\" not in \"%s\"", i, p,
				 msg);
	va_end(ap);
}

static const spr_axes *axes0(const shmplot_spec *s, size_t fig)
{
	return &sp_figure_spec(shmplot_spec_figures(s)[fig])->axes[0];
}

static void test_legend_object(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load(HEAD "{\"name\": \"a\", \"legend\": {\"loc\": \"upper left\", "
		      "\"ncol\": 2, \"title\": \"T\", \"fontsize\": \"small\", "
		      "\"title_fontsize\": 12, \"frameon\": false, "
		      "\"bbox_to_anchor\": [1.02, 1], \"borderaxespad\": 0}, "
		      "\"lines\": [{\"y\": \"x\", \"label\": \"l\"}]},"
		      "{\"name\": \"b\", \"legend\": {}, \"lines\": [{\"y\": "
		      "\"x\"}]}]}",
		 SHMPLOT_OK);
	const spr_axes *a = axes0(s, 0);
	const spr_legend_opts *o = spr_legend_opts_of(a);
	assert_int_equal(a->legend, SPR_LEG_UPPER_LEFT);
	assert_non_null(spr_more(a)->opts[SPR_AXOPT_LEGEND].p);
	assert_int_equal(o->ncols, 2);
	assert_string_equal(o->title, "T");
	assert_true(o->fontsize == -0.833 && o->title_fontsize == 12);
	assert_int_equal(o->frameon, 0);
	assert_int_equal(o->bbox.n, 2);
	assert_true(o->bbox.v[0] == 1.02 && o->bbox.v[1] == 1);
	assert_true(o->borderaxespad == 0);
	/* {} is matplotlib's ax.legend(): 'best', the defaults */
	a = axes0(s, 1);
	assert_int_equal(a->legend, SPR_LEG_BEST);
	assert_null(spr_more(a)->opts[SPR_AXOPT_LEGEND].p);
	shmplot_spec_free(s);
}

/* From "defaults" to every figure; a location string later keeps them. */
static void test_legend_inherits(void **state)
{
	(void)state;
	shmplot_spec *s = load(
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, 5]}},"
	    "\"defaults\": {\"legend\": {\"ncols\": 3, \"loc\": 4}},"
	    "\"figures\": [{\"name\": \"a\", \"legend\": \"center\", "
	    "\"lines\": [{\"y\": \"x\", \"label\": \"l\"}]}]}",
	    SHMPLOT_OK);
	const spr_axes *a = axes0(s, 0);
	assert_int_equal(a->legend, SPR_LEG_CENTER);
	assert_int_equal(spr_legend_opts_of(a)->ncols, 3);
	shmplot_spec_free(s);
}

static void test_label_fonts(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load(HEAD "{\"name\": \"a\", \"title\": {\"text\": \"T\", "
		      "\"fontweight\": \"bold\", \"fontstyle\": \"italic\", "
		      "\"fontsize\": 14}, \"xlabel\": {\"text\": \"X\", "
		      "\"fontsize\": \"large\"}, \"ylabel\": \"Y\", "
		      "\"lines\": [{\"y\": \"x\"}]}]}",
		 SHMPLOT_OK);
	const spr_axes *a = axes0(s, 0);
	const spr_label_font *t = spr_label_font_of(a, SPR_AXOPT_TITLE);
	const spr_label_font *x = spr_label_font_of(a, SPR_AXOPT_XLABEL);
	assert_string_equal(a->title, "T");
	assert_string_equal(a->xlabel, "X");
	assert_true(t->fontsize == 14);
	assert_string_equal(
	    spr_kind_field(&spr_label_kind, "fontweight")->names[t->weight],
	    "bold");
	assert_int_equal(t->style, 1);
	assert_true(x->fontsize == -1.2);
	assert_int_equal(x->weight, 0); /* axes.labelweight's */
	assert_null(spr_more(a)->opts[SPR_AXOPT_YLABEL].p);
	shmplot_spec_free(s);
}

static void test_bad_values_by_path(void **state)
{
	(void)state;
	shmplot_spec *s = load(
	    HEAD "{\"name\": \"a\", \"legend\": {\"ncol\": 0, \"ncolz\": 2, "
		 "\"fontsize\": \"smal\", \"bbox_to_anchor\": [1, 2, 3], "
		 "\"loc\": \"upper rigth\"}, \"title\": {\"text\": \"t\", "
		 "\"fontweight\": \"bolt\", \"fontstyle\": \"slanted\"}, "
		 "\"lines\": [{\"y\": \"x\"}]},"
		 "{\"name\": \"b\", \"legend\": {\"ncol\": 2, \"ncols\": "
		 "2}}]}",
	    SHMPLOT_E_INVALID);
	/* the title (an axes key) before the legend, as they are read */
	expect(s, 0, "figures[0].title.fontweight:", "did you mean \"bold\"?",
	       NULL);
	expect(s, 1, "figures[0].title.fontstyle:", "\"slanted\"", NULL);
	expect(s, 2, "figures[0].legend.ncolz: unknown key",
	       "did you mean \"ncols\"?", NULL);
	expect(s, 3, "figures[0].legend.ncol:", "0 is outside 1..64", NULL);
	expect(s, 4, "figures[0].legend.fontsize:", "did you mean \"small\"?",
	       NULL);
	expect(s, 5, "figures[0].legend.bbox_to_anchor:",
	       "[x, y] or [x, y, width, height]", NULL);
	expect(s, 6, "figures[0].legend.loc:", "did you mean \"upper right\"?",
	       NULL);
	expect(s, 7, "figures[1].legend.ncol:",
	       "\"ncol\" is another name of \"ncols\"", NULL);
	assert_int_equal(shmplot_spec_error_count(s), 8);
	shmplot_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_legend_object),
	    cmocka_unit_test(test_legend_inherits),
	    cmocka_unit_test(test_label_fonts),
	    cmocka_unit_test(test_bad_values_by_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
