/* SPDX-License-Identifier: MIT */
/*
 * Entries of "lines" with a "kind" (src/spec/items.c), through the public
 * spec API: fields read by their descriptors' types into the built
 * figure, every problem listed at its JSON path with what is accepted
 * (suggestions for misspelt kinds and keys), no "kind" read as before, and
 * a shard filling the series any series field of any kind uses.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw.h"
#include "figure/figure.h"
#include "kinds/text.h"
#include "shmplot/spec.h"

#define HEAD                                                                   \
	"{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, 5]},"      \
	"\"y\": {\"sin\": \"x\"}, \"z\": {\"cos\": \"x\"},"                    \
	"\"short\": {\"values\": [1, 2]}}, \"figures\": ["

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

/* The first axes of figure f of s. */
static const spr_axes *axes_of(const shmplot_spec *s, size_t f)
{
	return &sp_figure_spec(shmplot_spec_figures(s)[f])->axes[0];
}

static const spr_item *item(const shmplot_spec *s, size_t f, size_t j)
{
	const spr_axes *a = axes_of(s, f);
	assert_true(j < a->nitems);
	return &a->items[j];
}

static double field(const spr_item *it, const char *name)
{
	const spr_field *f = spr_kind_field(it->kind, name);
	assert_non_null(f);
	return spr_field_get(f, it->p);
}

static void test_kind_fields_by_type(void **state)
{
	(void)state;
	shmplot_spec *s = load(
	    HEAD "{\"name\": \"a\", \"lines\": ["
		 "{\"kind\": \"plot\", \"x\": \"x\", \"y\": \"z\", "
		 "\"linewidth\": 3, \"linestyle\": \"--\", \"marker\": \"o\", "
		 "\"color\": \"C3\", \"label\": \"cos\", \"drawstyle\": "
		 "\"steps-mid\", \"_note\": 1},"
		 "{\"x\": \"x\", \"y\": \"y\", \"width\": 2, \"style\": \":\"}"
		 "]}]}",
	    SHMPLOT_OK);
	const spr_item *it = item(s, 0, 0);
	assert_string_equal(spr_kind_name(it->kind), "line");
	assert_true(field(it, "x") == 0 && field(it, "y") == 2);
	assert_true(field(it, "linewidth") == 3);
	assert_true(field(it, "linestyle") == SPR_LS_DASHED);
	assert_true(field(it, "marker") == SPR_MK_CIRCLE);
	assert_true(field(it, "color") == 0xd62728);
	assert_true(field(it, "drawstyle") == SPR_DS_STEPS_MID);
	assert_string_equal(spr_item_label(it), "cos");
	/* the legacy keys without a kind, as before */
	it = item(s, 0, 1);
	assert_true(field(it, "linewidth") == 2);
	assert_true(field(it, "linestyle") == SPR_LS_DOTTED);
	/* a labelled item turns the legend on, as a labelled line does */
	assert_int_equal(axes_of(s, 0)->legend, SPR_LEG_BEST);
	shmplot_spec_free(s);
}

static void test_problems_at_their_paths(void **state)
{
	(void)state;
	shmplot_spec *s = load(
	    HEAD "{\"name\": \"a\", \"lines\": ["
		 "{\"kind\": \"plott\", \"y\": \"y\"},"
		 "{\"kind\": 3},"
		 "{\"kind\": \"plot\", \"y\": \"y\", \"linewidht\": 2},"
		 "{\"kind\": \"plot\", \"y\": \"yy\"},"
		 "{\"kind\": \"plot\", \"x\": \"x\"},"
		 "{\"kind\": \"plot\", \"y\": \"y\", \"linewidth\": \"thick\", "
		 "\"alpha\": 1.5, \"linestyle\": \"dashy\", \"color\": "
		 "\"rouge\", \"label\": 7, \"marker\": 1},"
		 "{\"kind\": \"plot\", \"x\": \"short\", \"y\": \"y\"}"
		 "]}]}",
	    SHMPLOT_E_INVALID);
	size_t i = 0;
	expect(s, i++, "figures[0].lines[0].kind: unknown kind \"plott\"",
	       "did you mean \"plot\"?", "the kinds are line", NULL);
	expect(s, i++, "figures[0].lines[1].kind: expected a string", NULL);
	expect(s, i++, "figures[0].lines[2].linewidht: unknown key",
	       "did you mean \"linewidth\"?", NULL);
	expect(s, i++, "figures[0].lines[3].y: unknown series \"yy\"",
	       "did you mean \"y\"?", NULL);
	expect(s, i++, "figures[0].lines[4]: line needs \"y\": a series name",
	       NULL);
	/* in the order of the kind's fields */
	expect(s, i++, "figures[0].lines[5].label: expected a string", NULL);
	expect(s, i++, "figures[0].lines[5].color: unknown colour \"rouge\"",
	       NULL);
	expect(s, i++, "figures[0].lines[5].alpha: 1.5 is outside [0, 1]",
	       NULL);
	expect(s, i++,
	       "figures[0].lines[5].linewidth: \"thick\" is not a number",
	       NULL);
	expect(s, i++,
	       "figures[0].lines[5].linestyle: unknown linestyle \"dashy\"",
	       "one of \"solid\", \"dashed\"", NULL);
	expect(s, i++, "figures[0].lines[5].marker: expected a string", NULL);
	expect(s, i++, "figures[0].lines[6]: line: x has 2 points but y has 5",
	       NULL);
	assert_int_equal(shmplot_spec_error_count(s), i);
	assert_int_equal(shmplot_spec_count(s), 0);
	shmplot_spec_free(s);
}

/* matplotlib's bins="auto": a rule's name in a series field names the
 * kind's rule, not a series; negative bar widths load (matplotlib draws
 * them the other way). */
static void test_bins_names_a_rule(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"kind\": \"hist\", \"x\": \"y\", \"bins\": \"fd\"},"
		      "{\"kind\": \"hist\", \"x\": \"y\", \"bins\": \"auto\"},"
		      "{\"kind\": \"hist\", \"x\": \"y\", \"bins\": 7},"
		      "{\"kind\": \"hist\", \"x\": \"y\", \"bins\": \"x\"},"
		      "{\"kind\": \"bar\", \"x\": \"x\", \"height\": \"y\", "
		      "\"width\": -0.5}"
		      "]}]}",
		 SHMPLOT_OK);
	assert_true(field(item(s, 0, 0), "bin_rule") == 2); /* fd */
	assert_true(field(item(s, 0, 1), "bin_rule") == 1); /* auto */
	assert_true(field(item(s, 0, 2), "bin_rule") == 0);
	assert_true(field(item(s, 0, 3), "bin_rule") == 0);
	assert_true(field(item(s, 0, 3), "bins") == 0); /* series x */
	/* the number after the series field of the same name */
	const spr_item *bar = item(s, 0, 4);
	const spr_field *wf = spr_kind_field(bar->kind, "width");
	assert_true(spr_field_get(wf + 1, bar->p) == -0.5);
	shmplot_spec_free(s);
}

/* Rules on values are checked once the data is read, at the item's
 * path, and refuse the spec (nothing is built). */
static void test_values_checked_at_load(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"series\": {\"x\": {\"values\": [1, 2, 3]},"
		 "\"e\": {\"values\": [0.1, -0.2, 0.3]}, \"b\": {\"values\": "
		 "[0, 2, 1]}}, \"figures\": ["
		 "{\"name\": \"a\", \"lines\": ["
		 "{\"kind\": \"errorbar\", \"x\": \"x\", \"y\": \"x\", "
		 "\"yerr\": \"e\"},"
		 "{\"kind\": \"hist\", \"x\": \"x\", \"bins\": \"b\"}]},"
		 "{\"name\": \"b\", \"subplots\": [1, 2], \"axes\": [{}, "
		 "{\"lines\": [{\"kind\": \"errorbar\", \"x\": \"x\", "
		 "\"y\": \"x\", \"xerr\": [\"x\", \"e\"]}]}]},"
		 "{\"name\": \"c\", \"lines\": [{\"kind\": \"scatter\", "
		 "\"x\": \"x\", \"y\": \"x\", \"s\": \"e\"}]},"
		 "{\"name\": \"d\", \"lines\": [{\"x\": \"x\", \"y\": \"x\"}],"
		 "\"twinx\": {\"lines\": [{\"kind\": \"errorbar\", \"x\": "
		 "\"x\", \"y\": \"x\", \"yerr\": \"e\"}]}}]}",
		 SHMPLOT_E_INVALID);
	size_t i = 0;
	expect(s, i++,
	       "figures[0].lines[0]: errorbar: yerr must not contain negative "
	       "values (yerr[1] = -0.2)",
	       NULL);
	expect(s, i++, "figures[0].lines[1]: hist: bins must increase", NULL);
	expect(s, i++,
	       "figures[1].axes[1].lines[0]: errorbar: xerr_upper must not "
	       "contain negative values",
	       NULL);
	expect(s, i++,
	       "figures[2].lines[0]: scatter: s must not be negative (s[1] = "
	       "-0.2)",
	       NULL);
	expect(s, i++,
	       "figures[3].twinx.lines[0]: errorbar: yerr must not contain "
	       "negative values",
	       NULL);
	assert_int_equal(shmplot_spec_error_count(s), i);
	assert_int_equal(shmplot_spec_count(s), 0);
	shmplot_spec_free(s);
}

/*
 * An item whose series was refused at its definition (a data file that
 * cannot be read) is not checked by its kind's rules: the field holds no
 * series, and the only problem is the definition's. (Each kind's rules
 * read series[x]: this crashed the loader for every kind with rules.)
 */
static void test_refused_series_skips_rules(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"series\": {\"a\": {\"csv\": "
		 "\"/nonexistent/shmplot-test.csv\", \"column\": 0}, \"b\": "
		 "{\"values\": [1, 2]}}, \"figures\": [{\"name\": \"f\", "
		 "\"lines\": [{\"kind\": \"errorbar\", \"x\": \"a\", \"y\": "
		 "\"b\"}, {\"kind\": \"fill_between\", \"x\": \"a\", \"y1\": "
		 "\"b\"}, {\"kind\": \"scatter\", \"x\": \"b\", \"y\": \"b\", "
		 "\"s\": \"a\"}]}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "series.a.csv", "shmplot-test.csv", NULL);
	assert_int_equal(shmplot_spec_error_count(s), 1);
	shmplot_spec_free(s);
}

/* matplotlib's long names and aliases on a line with or without a kind;
 * the legacy names still; both a name and its alias is a problem. */
static void test_aliases(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"y\": \"y\", \"linestyle\": \"--\", \"linewidth\": 3, "
		      "\"marker\": \"o\", \"markersize\": 4},"
		      "{\"y\": \"y\", \"ls\": \":\", \"lw\": 0.5, \"ms\": 9, "
		      "\"c\": \"navy\", \"ds\": \"steps\"},"
		      "{\"kind\": \"plot\", \"y\": \"y\", \"width\": 2, "
		      "\"style\": \"dashdot\", \"marker_size\": 1},"
		      "{\"kind\": \"axhspan\", \"ymin\": 0, \"ymax\": 1, "
		      "\"fc\": \"r\", \"ec\": \"k\", \"lw\": 2},"
		      "{\"kind\": \"bar\", \"x\": \"x\", \"height\": \"y\", "
		      "\"width\": 0.5}"
		      "]}]}",
		 SHMPLOT_OK);
	const spr_item *it = item(s, 0, 0);
	assert_true(field(it, "linestyle") == SPR_LS_DASHED);
	assert_true(field(it, "linewidth") == 3);
	assert_true(field(it, "markersize") == 4);
	it = item(s, 0, 1);
	assert_true(field(it, "linestyle") == SPR_LS_DOTTED);
	assert_true(field(it, "linewidth") == 0.5);
	assert_true(field(it, "markersize") == 9);
	assert_true(field(it, "color") == 0x000080);
	assert_true(field(it, "drawstyle") == SPR_DS_STEPS_PRE);
	it = item(s, 0, 2);
	assert_true(field(it, "linewidth") == 2);
	assert_true(field(it, "linestyle") == SPR_LS_DASHDOT);
	assert_true(field(it, "markersize") == 1);
	it = item(s, 0, 3);
	assert_true(field(it, "facecolor") == 0xff0000);
	assert_true(field(it, "edgecolor") == 0);
	assert_true(field(it, "linewidth") == 2);
	/* bar's own width, not an alias of its linewidth */
	assert_true(field(item(s, 0, 4), "linewidth") != 0.5);
	shmplot_spec_free(s);
	s = load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"y\": \"y\", \"lw\": 2, \"linewidth\": 3},"
		      "{\"y\": \"y\", \"linestyel\": \"--\"},"
		      "{\"y\": \"y\", \"markersise\": 3}"
		      "]}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0,
	       "figures[0].lines[0].lw: \"lw\" is another name of "
	       "\"linewidth\", given too",
	       NULL);
	expect(s, 1, "figures[0].lines[1].linestyel: unknown key",
	       "did you mean \"linestyle\"?", NULL);
	expect(s, 2, "figures[0].lines[2].markersise: unknown key",
	       "did you mean \"markersize\"?", NULL);
	shmplot_spec_free(s);
}

/* rcParams font weights: from "defaults" too, by name through the spec
 * and the figure API; a bad name by path with the nearest one. */
static void test_figure_weights(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"defaults\": {\"axes.titleweight\": "
		 "\"bold\"}, \"figures\": [{\"name\": \"a\", "
		 "\"figure.labelweight\": \"heavy\"}, {\"name\": \"b\", "
		 "\"axes.titleweight\": \"normal\"}]}",
		 SHMPLOT_OK);
	const spr_fig_opts *o =
	    sp_figure_spec(shmplot_spec_figures(s)[0])->opts.p;
	assert_non_null(o);
	assert_string_equal(spr_weight_names[o->title_weight], "bold");
	assert_string_equal(spr_weight_names[o->figlabel_weight], "heavy");
	assert_int_equal(o->label_weight, 0);
	o = sp_figure_spec(shmplot_spec_figures(s)[1])->opts.p;
	assert_string_equal(spr_weight_names[o->title_weight], "normal");
	shmplot_figure *fig = shmplot_spec_figures(s)[1];
	assert_int_equal(
	    shmplot_figure_set_text(fig, "axes.labelweight", "semibold"),
	    SHMPLOT_OK);
	assert_string_equal(spr_weight_names[o->label_weight], "semibold");
	assert_int_equal(
	    shmplot_figure_set_text(fig, "axes.labelweight", "fat"),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_figure_errmsg(fig),
			       "axes.labelweight \"fat\" is not one of"));
	assert_int_equal(
	    shmplot_figure_set_number(fig, "axes.labelweight", 700),
	    SHMPLOT_E_INVALID);
	shmplot_spec_free(s);
	s = load("{\"shmplot\": 1, \"figures\": [{\"name\": \"a\", "
		 "\"axes.titleweight\": \"bld\", \"axes.labelweight\": 700}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "figures[0].axes.titleweight: unknown font weight",
	       "did you mean \"bold\"?", NULL);
	expect(s, 1, "figures[0].axes.labelweight:", NULL);
	shmplot_spec_free(s);
}

/* Figure-wide options: texts and rcParams sizes (names as minus their
 * factor of font.size), from "defaults" too; bad sizes by path. */
static void test_figure_options(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"series\": {\"y\": {\"values\": [1, 2]}},"
		 "\"defaults\": {\"font.size\": 12, \"supxlabel\": \"t\"},"
		 "\"figures\": [{\"name\": \"a\", \"suptitle\": \"S\", "
		 "\"axes.titlesize\": \"x-large\", \"xtick.labelsize\": 8, "
		 "\"lines\": [{\"y\": \"y\"}]}, {\"name\": \"b\"}]}",
		 SHMPLOT_OK);
	const spr_figure *f = sp_figure_spec(shmplot_spec_figures(s)[0]);
	assert_non_null(f->opts.p);
	const spr_fig_opts *o = f->opts.p;
	assert_string_equal(o->suptitle, "S");
	assert_string_equal(o->supxlabel, "t");
	assert_null(o->supylabel);
	assert_true(o->font_size == 12);
	assert_true(o->title_size == -1.44);
	assert_true(o->xtick_size == 8);
	assert_true(o->label_size == -1); /* medium, the default */
	f = sp_figure_spec(shmplot_spec_figures(s)[1]);
	assert_string_equal(((const spr_fig_opts *)f->opts.p)->supxlabel, "t");
	shmplot_spec_free(s);
	s = load("{\"shmplot\": 1, \"figures\": [{\"name\": \"a\", "
		 "\"font.size\": \"large\", \"axes.labelsize\": \"huge\", "
		 "\"legend.fontsize\": 0, \"suptitel\": \"x\"}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "figures[0].suptitel: unknown key",
	       "did you mean \"suptitle\"?", NULL);
	expect(s, 1, "figures[0].font.size: \"large\" is not a number", NULL);
	expect(s, 2, "figures[0].axes.labelsize: unknown font size \"huge\"",
	       NULL);
	expect(s, 3, "figures[0].legend.fontsize: 0 is not a font size", NULL);
	shmplot_spec_free(s);
	/* margins, an axes key: a number or [x, y] */
	s = load("{\"shmplot\": 1, \"defaults\": {\"margins\": 0}, "
		 "\"figures\": [{\"name\": \"a\"}, {\"name\": \"b\", "
		 "\"margins\": [0.2, -0.1]}]}",
		 SHMPLOT_OK);
	const spr_axes *a = axes_of(s, 0);
	assert_true(a->has_margins && spr_more(a)->margins[0] == 0 &&
		    spr_more(a)->margins[1] == 0);
	a = axes_of(s, 1);
	assert_true(spr_more(a)->margins[0] == 0.2 &&
		    spr_more(a)->margins[1] == -0.1);
	shmplot_spec_free(s);
	s = load("{\"shmplot\": 1, \"figures\": [{\"name\": \"a\", "
		 "\"margins\": [0.2, -0.5]}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "figures[0].margins: -0.5 is not a margin", NULL);
	shmplot_spec_free(s);
	/* aspect: "auto", "equal" or a number */
	s = load("{\"shmplot\": 1, \"figures\": [{\"name\": \"a\", "
		 "\"aspect\": \"equal\"}, {\"name\": \"b\", \"aspect\": 2.5}, "
		 "{\"name\": \"c\", \"aspect\": \"auto\"}, {\"name\": \"d\"}]}",
		 SHMPLOT_OK);
	assert_true(spr_more(axes_of(s, 0))->aspect == 1);
	assert_true(spr_more(axes_of(s, 1))->aspect == 2.5);
	/* "auto" given overrides an image's "equal"; none leaves it */
	assert_true(spr_more(axes_of(s, 2))->aspect == SPR_ASPECT_AUTO);
	assert_true(spr_more(axes_of(s, 3))->aspect == 0);
	shmplot_spec_free(s);
	s = load("{\"shmplot\": 1, \"figures\": [{\"name\": \"a\", "
		 "\"aspect\": \"square\"}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "figures[0].aspect: expected \"auto\", \"equal\"", NULL);
	shmplot_spec_free(s);
}

/* A colour's opacity is the entry's alpha unless "alpha" is given, as
 * matplotlib's alpha=None keeps it; only "color" takes one. */
static void test_color_opacity(void **state)
{
	(void)state;
	shmplot_spec *s = load(
	    HEAD "{\"name\": \"a\", \"lines\": ["
		 "{\"kind\": \"plot\", \"y\": \"z\", \"color\": \"#ff000080\"},"
		 "{\"kind\": \"plot\", \"y\": \"z\", \"color\": \"#ff000080\", "
		 "\"alpha\": 0.25},"
		 "{\"y\": \"y\", \"color\": \"#00f8\"},"
		 "{\"kind\": \"axhspan\", \"ymin\": 0, \"ymax\": 1, "
		 "\"color\": \"SteelBlue\"}"
		 "]}]}",
	    SHMPLOT_OK);
	const spr_item *it = item(s, 0, 0);
	assert_true(field(it, "color") == 0xff0000);
	assert_true(field(it, "alpha") == 128 / 255.0);
	assert_true(field(item(s, 0, 1), "alpha") == 0.25);
	assert_true(field(item(s, 0, 2), "color") == 0x0000ff);
	assert_true(field(item(s, 0, 2), "alpha") == 0x88 / 255.0);
	assert_true(field(item(s, 0, 3), "color") == 0x4682b4);
	shmplot_spec_free(s);
	s = load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"kind\": \"bar\", \"x\": \"x\", \"height\": \"y\", "
		      "\"edgecolor\": \"#ff000080\"},"
		      "{\"y\": \"y\", \"color\": \"navi\"}"
		      "]}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0,
	       "figures[0].lines[0].edgecolor: colour \"#ff000080\" has an "
	       "opacity",
	       NULL);
	expect(s, 1, "figures[0].lines[1].color: unknown colour \"navi\"",
	       "did you mean \"navy\"?", NULL);
	shmplot_spec_free(s);
}

/* scatter's "c" is a series, or one colour (then its "color"), as
 * matplotlib's scatter(c="steelblue"); "edgecolors" takes names too. */
static void test_scatter_c_colour(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"kind\": \"scatter\", \"x\": \"x\", \"y\": \"y\", "
		      "\"c\": \"steelblue\", \"edgecolors\": \"navy\"},"
		      "{\"kind\": \"scatter\", \"x\": \"x\", \"y\": \"y\", "
		      "\"c\": \"z\"},"
		      "{\"kind\": \"scatter\", \"x\": \"x\", \"y\": \"y\", "
		      "\"c\": \"#ff000080\"}"
		      "]}]}",
		 SHMPLOT_OK);
	const spr_item *it = item(s, 0, 0);
	assert_true(field(it, "color") == 0x4682b4);
	assert_true(field(it, "edgecolors") == 0x000080);
	assert_true(field(it, "c") == SPR_NO_SERIES);
	assert_true(field(item(s, 0, 1), "c") != SPR_NO_SERIES);
	assert_true(field(item(s, 0, 2), "color") == 0xff0000);
	assert_true(field(item(s, 0, 2), "alpha") == 128 / 255.0);
	shmplot_spec_free(s);
	s = load(HEAD "{\"name\": \"a\", \"lines\": ["
		      "{\"kind\": \"scatter\", \"x\": \"x\", \"y\": \"y\", "
		      "\"c\": \"red\", \"color\": \"blue\"}"
		      "]}]}",
		 SHMPLOT_E_INVALID);
	expect(s, 0, "figures[0].lines[0].c: \"c\" is a colour here", NULL);
	shmplot_spec_free(s);
}

/* A shard fills exactly the series its figures' items use. */
static void test_shard_fills_item_series(void **state)
{
	(void)state;
	const char *json =
	    "{\"shmplot\": 1, \"series\": {\"a\": {\"linspace\": [0, 1, 5]},"
	    "\"b\": {\"sin\": \"a\"}, \"c\": {\"values\": [1, 2, 3, 4, 5]},"
	    "\"d\": {\"values\": [5, 4]}}, \"figures\": ["
	    "{\"name\": \"f0\", \"lines\": [{\"kind\": \"line\", \"x\": \"c\", "
	    "\"y\": \"b\"}]},"
	    "{\"name\": \"f1\", \"lines\": [{\"kind\": \"plot\", \"y\": "
	    "\"d\"}]}]}";
	shmplot_spec *s = NULL;
	size_t pts;
	assert_int_equal(
	    shmplot_spec_load_buffer_shard(&s, json, strlen(json), NULL, 1, 2),
	    SHMPLOT_OK);
	/* b, c and a (b is computed from it); not d */
	assert_int_equal(shmplot_spec_series_filled(s, &pts), 3);
	assert_int_equal(pts, 15);
	shmplot_spec_free(s);
	assert_int_equal(
	    shmplot_spec_load_buffer_shard(&s, json, strlen(json), NULL, 2, 2),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_spec_series_filled(s, &pts), 1);
	assert_int_equal(pts, 2);
	shmplot_spec_free(s);
}

/*
 * 2-D series: a values list of lists and a 2-D .npy file land in the
 * segment with their shapes, which elementwise functions keep; a 2-D
 * series where a 1-D one is expected (a line's y, a kind's series field),
 * ragged rows and operands of two shapes are problems at their paths.
 */
static void test_series_2d(void **state)
{
	(void)state;
	char npy[] = "/tmp/shmplot-2d-XXXXXX", json[2048];
	int fd = mkstemp(npy);
	assert_true(fd >= 0);
	/* numpy.save of np.arange(6.).reshape(3, 2): a 128-byte header */
	const char *dict =
	    "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }";
	char hdr[128];
	memset(hdr, ' ', sizeof hdr);
	memcpy(hdr, "\x93NUMPY\x01\x00\x76\x00", 10);
	memcpy(hdr + 10, dict, strlen(dict));
	hdr[127] = '\n';
	double v[6] = {0, 1, 2, 3, 4, 5};
	assert_int_equal(write(fd, hdr, sizeof hdr), (ssize_t)sizeof hdr);
	assert_int_equal(write(fd, v, sizeof v), (ssize_t)sizeof v);
	close(fd);
	snprintf(json, sizeof json,
		 "{\"shmplot\": 1, \"series\": {\"a\": {\"values\": [[1, "
		 "null, 3], [4, 5, true]]}, \"f\": {\"npy\": \"%s\"}, "
		 "\"e\": {\"exp\": \"a\"}, \"s\": {\"mul\": [\"f\", 2]}}, "
		 "\"figures\": [{\"name\": \"a\", \"lines\": [{\"y\": "
		 "\"f\", \"_note\": 0}]}]}",
		 npy);
	/* the line is the only problem: every series is good */
	shmplot_spec *s = load(json, SHMPLOT_E_INVALID);
	expect(s, 0,
	       "figures[0].lines[0].y: series \"f\" is 2-D (3 x 2); a line's "
	       "y takes a 1-D series",
	       NULL);
	assert_int_equal(shmplot_spec_error_count(s), 1);
	shmplot_spec_free(s);

	/* the same series, drawn as a 1-D line */
	snprintf(json, sizeof json,
		 "{\"shmplot\": 1, \"series\": {\"a\": {\"values\": [[1, "
		 "null, 3], [4, 5, true]]}, \"f\": {\"npy\": \"%s\"}, "
		 "\"e\": {\"exp\": \"a\"}, \"w\": {\"values\": [1]}}, "
		 "\"figures\": [{\"name\": \"a\", \"lines\": [{\"y\": "
		 "\"w\"}]}]}",
		 npy);
	s = load(json, SHMPLOT_OK);
	const shmplot_data *d = shmplot_spec_data(s);
	size_t rows, cols;
	shmplot_series id;
	assert_int_equal(shmplot_data_find(d, "a", &id), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, id, &rows, &cols), 2);
	assert_int_equal(rows, 2);
	assert_int_equal(cols, 3);
	const double *av = shmplot_data_values(d, id, NULL);
	assert_true(isnan(av[1]) && av[2] == 3 && av[3] == 4 && av[5] == 1);
	assert_int_equal(shmplot_data_find(d, "f", &id), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, id, &rows, &cols), 2);
	assert_int_equal(rows, 3);
	assert_int_equal(cols, 2);
	assert_true(shmplot_data_values(d, id, NULL)[5] == 5);
	assert_int_equal(shmplot_data_find(d, "e", &id), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, id, &rows, &cols), 2);
	assert_int_equal(cols, 3);
	assert_int_equal(shmplot_data_find(d, "w", &id), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, id, &rows, &cols), 1);
	shmplot_spec_free(s);
	unlink(npy);

	s = load("{\"shmplot\": 1, \"series\": {\"a\": {\"values\": [[1, "
		 "2], [3]]}, \"b\": {\"values\": [[1, 2], [3, 4]]}, \"c\": "
		 "{\"values\": [1, 2, 3, 4]}, \"d\": {\"add\": [\"b\", "
		 "\"c\"]}, \"e\": {\"values\": [[], []]}}, \"figures\": "
		 "[{\"name\": \"a\", \"lines\": [{\"kind\": \"errorbar\", "
		 "\"x\": \"c\", \"y\": \"c\", \"yerr\": [\"b\", \"c\"]}, "
		 "{\"x\": \"b\", \"y\": \"c\"}]}]}",
		 SHMPLOT_E_INVALID);
	size_t i = 0;
	expect(s, i++,
	       "series.a.values[1]: expected a row of 2 numbers like row 0",
	       NULL);
	expect(s, i++,
	       "series.d.add: series \"b\" and \"c\" have different "
	       "shapes",
	       NULL);
	expect(s, i++, "series.e.values[0]: expected a non-empty row", NULL);
	expect(s, i++,
	       "figures[0].lines[0].yerr[0]: series \"b\" is 2-D (2 x 2); "
	       "errorbar's yerr takes a 1-D series",
	       NULL);
	expect(s, i++,
	       "figures[0].lines[1].x: series \"b\" is 2-D (2 x 2); a line's "
	       "x takes a 1-D series",
	       NULL);
	assert_int_equal(shmplot_spec_error_count(s), i);
	shmplot_spec_free(s);
}

/* An axis a date series is plotted on is a date axis unless its scale is
 * given; a date shifted by seconds is a date, a difference of dates or
 * a scaled date is not; a kind's "x" and "y" count. */
static void test_date_axes(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"series\": {"
		 "\"t\": {\"values\": [\"2023-04-05\", \"2023-04-06\"]},"
		 "\"y\": {\"values\": [1, 2]},"
		 "\"later\": {\"add\": [3600, \"t\"]},"
		 "\"early\": {\"sub\": [\"t\", 60]},"
		 "\"span\": {\"sub\": [\"t\", \"later\"]},"
		 "\"twice\": {\"mul\": [\"t\", 2]}}, \"figures\": ["
		 "{\"name\": \"a\", \"lines\": [{\"x\": \"later\", \"y\": "
		 "\"early\"}]},"
		 "{\"name\": \"b\", \"lines\": [{\"x\": \"span\", \"y\": "
		 "\"twice\"}]},"
		 "{\"name\": \"c\", \"xscale\": \"linear\", \"lines\": "
		 "[{\"kind\": \"scatter\", \"x\": \"t\", \"y\": \"t\"}]}]}",
		 SHMPLOT_OK);
	const spr_axes *a = axes_of(s, 0);
	assert_int_equal(a->xscale, SPR_SCALE_DATE);
	assert_int_equal(a->yscale, SPR_SCALE_DATE);
	a = axes_of(s, 1);
	assert_int_equal(a->xscale, SPR_SCALE_LINEAR);
	assert_int_equal(a->yscale, SPR_SCALE_LINEAR);
	a = axes_of(s, 2);
	assert_int_equal(a->xscale, SPR_SCALE_LINEAR); /* given */
	assert_int_equal(a->yscale, SPR_SCALE_DATE);
	shmplot_spec_free(s);
}

/* A twin's own axis a date series is plotted on is a date axis as the
 * parent's are, and takes the axes' "tz"; dates on its shared axis make
 * the parent's one a date axis (matplotlib's shared converter). */
static void test_twin_date_axes(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load("{\"shmplot\": 1, \"series\": {"
		 "\"t\": {\"values\": [\"2024-01-01\", \"2024-02-01\"]},"
		 "\"y\": {\"values\": [1, 2]}}, \"figures\": ["
		 "{\"name\": \"a\", \"lines\": [{\"y\": \"y\"}], \"tz\": "
		 "\"+02:00\", \"twiny\": {\"lines\": [{\"x\": \"t\", \"y\": "
		 "\"y\"}]}},"
		 "{\"name\": \"b\", \"lines\": [{\"y\": \"y\"}], \"twinx\": "
		 "{\"lines\": [{\"x\": \"y\", \"y\": \"t\"}]}},"
		 "{\"name\": \"c\", \"lines\": [{\"y\": \"y\"}], \"twinx\": "
		 "{\"yscale\": \"linear\", \"lines\": [{\"x\": \"t\", "
		 "\"y\": \"t\"}]}}]}",
		 SHMPLOT_OK);
	const spr_axes *a = axes_of(s, 0);
	const spr_axes *t = spr_more(a)->twin;
	assert_non_null(t);
	assert_int_equal(a->xscale, SPR_SCALE_LINEAR);
	assert_int_equal(t->xscale, SPR_SCALE_DATE);
	const spr_item *ox = &spr_more(t)->axis[0];
	assert_non_null(ox->p);
	assert_true(spr_field_get(spr_kind_field(ox->kind, "tz"), ox->p) ==
		    120);
	a = axes_of(s, 1);
	t = spr_more(a)->twin;
	assert_non_null(t);
	assert_int_equal(a->yscale, SPR_SCALE_LINEAR);
	assert_int_equal(t->yscale, SPR_SCALE_DATE);
	a = axes_of(s, 2);
	t = spr_more(a)->twin;
	assert_int_equal(a->xscale, SPR_SCALE_DATE);   /* shared */
	assert_int_equal(t->yscale, SPR_SCALE_LINEAR); /* given */
	shmplot_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kind_fields_by_type),
	    cmocka_unit_test(test_problems_at_their_paths),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_figure_options),
	    cmocka_unit_test(test_figure_weights),
	    cmocka_unit_test(test_color_opacity),
	    cmocka_unit_test(test_scatter_c_colour),
	    cmocka_unit_test(test_shard_fills_item_series),
	    cmocka_unit_test(test_series_2d),
	    cmocka_unit_test(test_bins_names_a_rule),
	    cmocka_unit_test(test_values_checked_at_load),
	    cmocka_unit_test(test_refused_series_skips_rules),
	    cmocka_unit_test(test_date_axes),
	    cmocka_unit_test(test_twin_date_axes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
