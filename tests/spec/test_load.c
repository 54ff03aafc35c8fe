/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/ (the loader) through the public API (shmplot/spec.h):
 * every generator's values, data files, figure options, and that a bad spec
 * lists every problem with its JSON path.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "segment/segment.h" /* sp_data_views */
#include "shmplot/spec.h"
#include "spec/spec_compute.h" /* sp_vec_kernel */
#include "testutil.h"

#ifndef SPEC_DATA_DIR
#error "SPEC_DATA_DIR must name tests/data/spec"
#endif

static shmplot_spec *load_ok(const char *json)
{
	shmplot_spec *s = NULL;
	shmplot_status st =
	    shmplot_spec_load_buffer(&s, json, strlen(json), SPEC_DATA_DIR);
	if (st) {
		for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
			print_error("  %s\n", shmplot_spec_error(s, i));
		fail_msg("load failed: %s", shmplot_status_str(st));
	}
	assert_non_null(shmplot_spec_data(s));
	return s;
}

static const double *series(shmplot_spec *s, const char *name, size_t *n)
{
	shmplot_series id;
	shmplot_data *d = shmplot_spec_data(s);
	if (shmplot_data_find(d, name, &id))
		fail_msg("no series %s", name);
	return shmplot_data_values(d, id, n);
}

#define ONE_FIG "\"figures\": [{\"name\": \"f\"}]"

/* ISO strings are dates (Unix seconds), "pi" first is still a number,
 * and limits may be dates or "pi" strings. */
static void test_date_values(void **state)
{
	(void)state;
	shmplot_spec *s =
	    load_ok("{\"shmplot\": 1, \"series\": {"
		    "\"t\": {\"values\": [null, \"2023-04-05\", "
		    "\"2023-04-05T12:30:15.25+02:00\"]},"
		    "\"p\": {\"values\": [\"pi\", 1]},"
		    "\"y\": {\"values\": [1, 2, 3]}"
		    "}, \"figures\": [{\"name\": \"f\", "
		    "\"xlim\": [\"2023-04-04\", \"2023-04-06\"], "
		    "\"ylim\": [\"-pi\", \"pi\"], "
		    "\"lines\": [{\"x\": \"t\", \"y\": \"y\"}]}]}");
	size_t n;
	const double *t = series(s, "t", &n);
	assert_int_equal(n, 3);
	assert_true(isnan(t[0]));
	assert_true(t[1] == 1680652800.0 && t[2] == 1680690615.25);
	assert_true(series(s, "p", &n)[0] == M_PI);
	shmplot_spec_free(s);
}

static void test_linspace_arange_values(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok("{\"shmplot\": 1, \"series\": {"
				  "\"a\": {\"linspace\": [0, \"4pi\", 5]},"
				  "\"one\": {\"linspace\": [3, 9, 1]},"
				  "\"r1\": {\"arange\": [4]},"
				  "\"r2\": {\"arange\": [1, 2, 0.25]},"
				  "\"r3\": {\"arange\": [5, 0, -2]},"
				  "\"v\": {\"values\": [1, null, \"-pi/2\"]}"
				  "}, " ONE_FIG "}");
	size_t n;
	const double *a = series(s, "a", &n);
	assert_int_equal(n, 5);
	assert_true(a[0] == 0 && a[4] == 4 * M_PI);
	assert_true(fabs(a[2] - 2 * M_PI) < 1e-15);
	assert_true(series(s, "one", &n)[0] == 3 && n == 1);
	const double *r = series(s, "r1", &n);
	assert_int_equal(n, 4);
	assert_true(r[0] == 0 && r[3] == 3);
	r = series(s, "r2", &n);
	assert_int_equal(n, 4);
	assert_true(r[3] == 1.75);
	r = series(s, "r3", &n);
	assert_int_equal(n, 3);
	assert_true(r[2] == 1);
	const double *v = series(s, "v", &n);
	assert_int_equal(n, 3);
	assert_true(v[0] == 1 && isnan(v[1]) && v[2] == -M_PI / 2);
	/* The segment holds exactly these series. */
	assert_int_equal(shmplot_data_count(shmplot_spec_data(s)), 6);
	shmplot_spec_free(s);
}

/* Distance in units in the last place (0 for equal values or two NaN). */
static uint64_t ulps(double a, double b)
{
	int64_t x, y;
	if (isnan(a) && isnan(b))
		return 0;
	memcpy(&x, &a, sizeof x);
	memcpy(&y, &b, sizeof y);
	if (x < 0)
		x = INT64_MIN - x;
	if (y < 0)
		y = INT64_MIN - y;
	return x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x;
}

/*
 * Every elementwise generator against libm: bit for bit with the scalar
 * functions (SHMPLOT_NO_VECTOR_MATH), within the 4 ulp glibc documents for
 * its vector functions otherwise (vecmath.c).
 */
static void check_functions(int scalar)
{
	static const struct {
		const char *name;
		double (*fn)(double);
	} fns[] = {{"sin", sin},     {"cos", cos},   {"tan", tan},
		   {"asin", asin},   {"acos", acos}, {"atan", atan},
		   {"sinh", sinh},   {"cosh", cosh}, {"tanh", tanh},
		   {"exp", exp},     {"log", log},   {"log10", log10},
		   {"log2", log2},   {"sqrt", sqrt}, {"abs", fabs},
		   {"floor", floor}, {"ceil", ceil}};
	char json[4096];
	int off = snprintf(json, sizeof json,
			   "{\"shmplot\": 1, \"series\": {\"x\": "
			   "{\"linspace\": [-0.9, 0.9, 7]}");
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		off += snprintf(json + off, sizeof json - (size_t)off,
				", \"f_%s\": {\"%s\": \"x\"}", fns[i].name,
				fns[i].name);
	off += snprintf(json + off, sizeof json - (size_t)off,
			", \"n\": {\"neg\": \"x\"}}, " ONE_FIG "}");
	shmplot_spec *s = load_ok(json);
	size_t n;
	const double *x = series(s, "x", &n);
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		char name[32];
		snprintf(name, sizeof name, "f_%s", fns[i].name);
		const double *y = series(s, name, &n);
		assert_int_equal(n, 7);
		for (size_t j = 0; j < n; j++) {
			double want = fns[i].fn(x[j]);
			uint64_t d = ulps(y[j], want);
			if (d > (scalar ? 0u : 4u))
				fail_msg("%s(%.17g) = %.17g, want %.17g (%llu "
					 "ulp)",
					 fns[i].name, x[j], y[j], want,
					 (unsigned long long)d);
		}
	}
	assert_true(series(s, "n", &n)[0] == 0.9);
	shmplot_spec_free(s);
}

static void test_functions(void **state)
{
	(void)state;
	check_functions(0);
	setenv("SHMPLOT_NO_VECTOR_MATH", "1", 1);
	assert_null(sp_vec_kernel("sin"));
	check_functions(1);
	unsetenv("SHMPLOT_NO_VECTOR_MATH");
}

static void test_operators(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok("{\"shmplot\": 1, \"series\": {"
				  "\"x\": {\"values\": [1, 2, 4]},"
				  "\"y\": {\"values\": [10, 20, 40]},"
				  "\"add\": {\"add\": [\"x\", \"y\"]},"
				  "\"plus\": {\"+\": [\"x\", 0.5]},"
				  "\"sub\": {\"sub\": [1, \"x\"]},"
				  "\"mul\": {\"*\": [\"x\", \"y\"]},"
				  "\"div\": {\"div\": [\"y\", \"x\"]},"
				  "\"inv\": {\"/\": [1, \"x\"]},"
				  "\"pow\": {\"pow\": [\"x\", 2]}"
				  "}, " ONE_FIG "}");
	size_t n;
	assert_true(series(s, "add", &n)[2] == 44);
	assert_true(series(s, "plus", &n)[0] == 1.5);
	assert_true(series(s, "sub", &n)[2] == -3);
	assert_true(series(s, "mul", &n)[1] == 40);
	assert_true(series(s, "div", &n)[2] == 10);
	assert_true(series(s, "inv", &n)[2] == 0.25);
	assert_true(series(s, "pow", &n)[2] == 16);
	shmplot_spec_free(s);
}

/* CSV (named and numbered columns), .npy and raw files, relative paths. */
static void test_files(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok(
	    "{\"shmplot\": 1, \"series\": {"
	    "\"t\": {\"csv\": \"small.csv\", \"column\": \"time\"},"
	    "\"v\": {\"csv\": \"small.csv\", \"column\": \"value, V\"},"
	    "\"flag\": {\"csv\": \"small.csv\", \"column\": 2},"
	    "\"f4\": {\"npy\": \"f4.npy\"},"
	    "\"i2\": {\"npy\": \"i2.npy\"},"
	    "\"raw\": {\"raw\": \"four.f64\"}"
	    "}, \"figures\": [{\"name\": \"f\", \"lines\": ["
	    "{\"x\": \"t\", \"y\": \"v\"}, {\"x\": \"f4\", \"y\": \"raw\"},"
	    "{\"x\": \"i2\", \"y\": \"t\"}]}]}");
	size_t n;
	const double *v = series(s, "v", &n);
	assert_int_equal(n, 4);
	assert_true(v[0] == 1.5 && v[1] == 2.5 && isnan(v[2]) && v[3] == 4.5);
	assert_true(series(s, "f4", &n)[2] == -2.0);
	assert_true(series(s, "i2", &n)[2] == 300);
	assert_true(series(s, "raw", &n)[3] == 40);
	/* One note per column with NaN cells, saying how many and why. */
	assert_int_equal(shmplot_spec_note_count(s), 2);
	assert_string_equal(shmplot_spec_note(s, 0),
			    "series.v: " SPEC_DATA_DIR
			    "/small.csv column \"value, V\": 1 empty and 0 "
			    "non-numeric cells became NaN");
	assert_non_null(strstr(shmplot_spec_note(s, 1),
			       "1 empty and 3 non-numeric cells became NaN "
			       "(first non-numeric: row 2, \"a\")"));
	shmplot_spec_free(s);
}

/* Options reach the figures, and the result renders. */
static void test_figures_render(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok(
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [1, 10, "
	    "50]}, \"y\": {\"log\": \"x\"}},"
	    "\"defaults\": {\"size\": [4, 3], \"dpi\": 50, \"grid\": true},"
	    "\"figures\": ["
	    "{\"name\": \"one\", \"title\": \"T\", \"xlabel\": \"x\", "
	    "\"ylabel\": \"y\", \"xscale\": \"log\", \"xlim\": [1, 10], "
	    "\"ylim\": [\"-pi\", \"pi\"], \"legend\": \"lower right\", "
	    "\"pole_segments\": true, \"lines\": [{\"x\": \"x\", \"y\": \"y\", "
	    "\"label\": \"log\", \"color\": \"#ff8800\", \"alpha\": 0.5, "
	    "\"width\": 2, \"style\": \"--\", \"marker\": \"o\", "
	    "\"marker_size\": 3}]},"
	    "{\"name\": \"grid\", \"size\": [6, 4], \"dpi\": 100, "
	    "\"subplots\": [2, 2], \"share\": \"both\", \"axes\": ["
	    "{\"lines\": [{\"y\": \"x\", \"color\": \"C3\"}]}, "
	    "{\"yscale\": \"log\", \"lines\": [{\"y\": \"x\", \"style\": "
	    "\"dotted\"}]}, {}, {\"legend\": false, \"lines\": [{\"y\": "
	    "\"y\", \"label\": \"l\", \"marker\": \"x\", \"style\": "
	    "\"none\"}]}]}]}");
	assert_int_equal(shmplot_spec_count(s), 2);
	shmplot_figure *const *f = shmplot_spec_figures(s);
	int w, h;
	shmplot_figure_pixel_size(f[0], &w, &h);
	assert_int_equal(w, 200);
	assert_int_equal(h, 150);
	shmplot_figure_pixel_size(f[1], &w, &h);
	assert_int_equal(w, 600);
	assert_string_equal(shmplot_figure_name(f[1]), "grid");
	assert_null(shmplot_figure_axes(f[0], 0, 1));
	assert_non_null(shmplot_figure_axes(f[1], 1, 1));

	shmplot_renderer *r;
	char err[256];
	assert_int_equal(shmplot_renderer_new(&r, NULL, err, sizeof err), 0);
	shmplot_results *res;
	assert_int_equal(
	    shmplot_render(r, shmplot_spec_data(s), f, 2, NULL, &res),
	    SHMPLOT_OK);
	size_t len;
	assert_non_null(shmplot_results_png(res, 1, &len));
	shmplot_results_free(res);
	shmplot_renderer_free(r);
	shmplot_spec_free(s);
}

/* Loads json, expects failure, and that some error line equals want. */
static void expect_error(const char *json, const char *want)
{
	shmplot_spec *s = NULL;
	shmplot_status st =
	    shmplot_spec_load_buffer(&s, json, strlen(json), SPEC_DATA_DIR);
	assert_int_equal(st, SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_spec_count(s), 0);
	assert_null(shmplot_spec_data(s));
	int found = 0;
	for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
		found |= strstr(shmplot_spec_error(s, i), want) != NULL;
	if (!found) {
		for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
			print_error("  got: %s\n", shmplot_spec_error(s, i));
		fail_msg("want: %s", want);
	}
	shmplot_spec_free(s);
}

#define X_SERIES                                                               \
	"\"series\": {\"x\": {\"linspace\": [0, 1, 3]}, "                      \
	"\"sin\": {\"sin\": \"x\"}}"

/*
 * The series hist reads (x) get their least and greatest finite values
 * recorded in the segment as they are computed, also by the parallel
 * fill's helper processes (2,000,000 points) and for a values list; other
 * series do not; a series with an infinity has none recorded.
 */
static void test_hist_extremes(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok(
	    "{\"shmplot\": 1, \"series\": {"
	    "\"x\": {\"linspace\": [-1, 2, 2000000]},"
	    "\"r\": {\"sqrt\": \"x\"}, \"c\": {\"cos\": \"x\"},"
	    "\"z\": {\"linspace\": [0, 1, 11]}, \"l\": {\"log\": \"z\"},"
	    "\"v\": {\"values\": [3, null, -4, 2]}},"
	    "\"figures\": [{\"name\": \"f\", \"lines\": ["
	    "{\"kind\": \"hist\", \"x\": \"r\"},"
	    "{\"kind\": \"hist\", \"x\": \"v\"},"
	    "{\"kind\": \"hist\", \"x\": \"l\"},"
	    "{\"y\": \"c\", \"x\": \"x\"}]}]}");
	shmplot_data *d = shmplot_spec_data(s);
	spr_series *v = NULL;
	char err[256];
	size_t n, i;
	shmplot_series id;
	assert_int_equal(sp_data_views(d, &v, &n, err, sizeof err), 0);
	const char *with[] = {"r", "v"}, *without[] = {"x", "c", "l"};
	for (size_t k = 0; k < 2; k++) {
		assert_int_equal(shmplot_data_find(d, with[k], &id), 0);
		double lo = INFINITY, hi = -INFINITY;
		for (i = 0; i < v[id].n; i++)
			if (isfinite(v[id].v[i])) {
				lo = fmin(lo, v[id].v[i]);
				hi = fmax(hi, v[id].v[i]);
			}
		assert_int_equal(v[id].extremes, 1);
		assert_true(v[id].lo == lo && v[id].hi == hi);
	}
	assert_true(v[id].lo == -4 && v[id].hi == 3);
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(shmplot_data_find(d, without[k], &id), 0);
		assert_int_equal(v[id].extremes, 0);
	}
	free(v);
	shmplot_spec_free(s);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("{\"shmplot\": 1,\n \"figures\": [}",
		     "line 2, column 14: invalid JSON near `}`");
	expect_error("{\"figures\": [{\"name\": \"f\"}]}",
		     "shmplot: missing: a spec starts with \"shmplot\": 1");
	expect_error("{\"shmplot\": 2, " ONE_FIG "}",
		     "shmplot: format version 2 is not supported");
	expect_error("{\"shmplot\": 1, " X_SERIES ", \"figures\": [{}, {}, "
		     "{\"name\": \"c\", \"lines\": [{\"y\": \"sinn\"}]}]}",
		     "figures[2].lines[0].y: unknown series \"sinn\" (did you "
		     "mean \"sin\"?)");
	expect_error("{\"shmplot\": 1, " X_SERIES ", \"figures\": "
		     "[{\"name\": \"f\", \"titel\": \"t\"}]}",
		     "figures[0].titel: unknown key (did you mean \"title\"?)");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, "
		     "1, 0]}}, " ONE_FIG "}",
		     "series.x.linspace[2]: 0 is outside "
		     "1..1000000000");
	expect_error(
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"sinn\": \"y\"}}, " ONE_FIG
	    "}",
	    "series.x.sinn: unknown generator (did you mean \"sin\"?)");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"cos\": \"b\"}, "
		     "\"b\": {\"values\": [1]}}, " ONE_FIG "}",
		     "series.a.cos: series \"b\" is defined after");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"values\": [1, "
		     "2]}, \"b\": {\"values\": [1]}, \"c\": {\"add\": [\"a\", "
		     "\"b\"]}}, " ONE_FIG "}",
		     "series.c.add: series \"a\" has 2 points but \"b\" has 1");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"values\": [1, "
		     "2]}, \"b\": {\"values\": [1]}}, \"figures\": [{\"name\": "
		     "\"f\", \"lines\": [{\"x\": \"a\", \"y\": \"b\"}]}]}",
		     "figures[0].lines[0]: x \"a\" has 2 points but y \"b\" "
		     "has 1");
	expect_error("{\"shmplot\": 1, \"series\": {\"d\": {\"npy\": "
		     "\"missing.npy\"}}, " ONE_FIG "}",
		     "series.d.npy: cannot open " SPEC_DATA_DIR
		     "/missing.npy: No such file or directory");
	expect_error("{\"shmplot\": 1, \"series\": {\"d\": {\"csv\": "
		     "\"small.csv\", \"column\": \"vlaue, V\"}}, " ONE_FIG "}",
		     "has no column \"vlaue, V\" (did you mean \"value, V\"?)");
	expect_error("{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
		     "\"dpi\": \"high\"}]}",
		     "figures[0].dpi: \"high\" is not a number");
	expect_error("{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
		     "\"yscale\": \"log\", \"ylim\": [-1, 1]}]}",
		     "figures[0]: ylim [-1, 1] must be positive on a log axis");
	expect_error("{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
		     "\"subplots\": [2, 1]}]}",
		     "figures[0]: subplots 2 x 1 needs an \"axes\" array");
	expect_error("{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
		     "\"legend\": \"uper left\"}]}",
		     "figures[0].legend: unknown legend location \"uper left\" "
		     "(did you mean \"upper left\"?)");
	expect_error("{\"shmplot\": 1, \"figures\": []}",
		     "figures: expected a non-empty array");
	expect_error("[1, 2]", "a spec is a JSON object, not an array");
}

/* All problems are listed, not just the first. */
static void test_all_errors_listed(void **state)
{
	(void)state;
	const char *json =
	    "{\"shmplot\": 1, " X_SERIES ", \"figures\": ["
	    "{\"name\": \"a\", \"lines\": [{\"y\": \"nope\"}]},"
	    "{\"name\": \"b\", \"lines\": [{\"y\": \"sin\", \"color\": "
	    "\"blu\"}]},"
	    "{\"name\": \"c\", \"dpi\": -1}]}";
	shmplot_spec *s = NULL;
	assert_int_equal(shmplot_spec_load_buffer(&s, json, strlen(json), NULL),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_spec_error_count(s), 3);
	assert_non_null(strstr(shmplot_spec_error(s, 0), "figures[0]"));
	assert_non_null(strstr(shmplot_spec_error(s, 1),
			       "figures[1].lines[0].color: unknown colour"));
	assert_string_equal(shmplot_spec_error(s, 2),
			    "figures[2].dpi: must be > 0");
	shmplot_spec_free(s);
	/* Hundreds of problems: capped, with a count of the rest. */
	size_t cap = 400 * 40 + 100;
	char *big = malloc(cap);
	int off = snprintf(big, cap, "{\"shmplot\": 1, \"figures\": [");
	for (int i = 0; i < 400; i++)
		off += snprintf(big + off, cap - (size_t)off,
				"%s{\"name\": \"f%d\", \"dpi\": 0}",
				i ? "," : "", i);
	snprintf(big + off, cap - (size_t)off, "]}");
	assert_int_equal(shmplot_spec_load_buffer(&s, big, strlen(big), NULL),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_spec_error_count(s), 100);
	assert_string_equal(shmplot_spec_error(s, 99), "... and 301 more");
	shmplot_spec_free(s);
	free(big);
}

static void test_unsafe_names(void **state)
{
	(void)state;
	static const struct {
		const char *name, *msg;
	} bad[] = {
	    {"a/b", "contains '/'"},
	    {"../up", "contains '/'"},
	    {"..", "starts with '.'"},
	    {".hidden", "starts with '.'"},
	    {"a..b", "contains '..'"},
	    {"tab\\there", "control character (0x09)"},
	    {"nl\\n", "control character (0x0a)"},
	    {"", "a figure name must be 1 to 127 bytes, not 0"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char json[256];
		snprintf(json, sizeof json,
			 "{\"shmplot\": 1, \"figures\": [{\"name\": \"%s\"}]}",
			 bad[i].name);
		expect_error(json, bad[i].msg);
	}
	expect_error("{\"shmplot\": 1, \"figures\": [{\"name\": \"x\"}, "
		     "{\"name\": \"y\"}, {\"name\": \"x\"}]}",
		     "figures[2].name: duplicate figure name \"x\" (also "
		     "figures[0]); both would write x.png");
}

/*
 * A spec is one JSON value: text after it is an error, not ignored, and
 * no string in it may hold a NUL, which cJSON would silently cut it at
 * ("a\u0000b" would become the figure "a").
 */
static void test_one_value_no_nul(void **state)
{
	(void)state;
	expect_error("{\"shmplot\": 1, " ONE_FIG "}\n{\"shmplot\": 1, " ONE_FIG
		     "}\n",
		     "line 2, column 1: text after the spec's JSON value (a "
		     "spec is one object) near `{\"shmplot\": 1, \"figu`");
	expect_error("{\"shmplot\": 1, " ONE_FIG "}  ]", "line 1, column 45: "
							 "text after the spec");
	/* Whitespace after it is fine. */
	shmplot_spec *s = load_ok("{\"shmplot\": 1, " ONE_FIG "} \n\t\r\n");
	shmplot_spec_free(s);
	static const char *const nul[] = {
	    "{\"shmplot\": 1, \"figures\": [{\"name\": \"a\\u0000b\"}]}",
	    "{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", \"title\": "
	    "\"t\\u0000\"}]}",
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"values\": [1]}}, "
	    "\"figures\": [{\"name\": \"f\", \"lines\": [{\"y\": \"x\", "
	    "\"label\": \"\\u0000\"}]}]}",
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"csv\": "
	    "\"small.csv\\u0000.txt\", \"column\": 0}}, " ONE_FIG "}",
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"csv\": \"small.csv\", "
	    "\"column\": \"time\\u0000\"}}, " ONE_FIG "}",
	    "{\"shmplot\": 1, \"series\": {\"x\\u0000y\": {\"values\": "
	    "[1]}}, " ONE_FIG "}",
	    "{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", \"xlabel\": "
	    "\"\\u0000\", \"ylabel\": \"y\"}]}",
	};
	for (size_t i = 0; i < sizeof nul / sizeof *nul; i++)
		expect_error(nul[i], "\\u0000 (NUL) in a string");
	/* An escaped backslash before "u0000" is no NUL. */
	s = load_ok("{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
		    "\"title\": \"C:\\\\u0000\"}]}");
	shmplot_spec_free(s);
	/* A raw zero byte, in a string or outside one. */
	static const char raw[] = "{\"shmplot\": 1, \"figures\": [{\"name\": "
				  "\"a\0b\"}]}";
	s = NULL;
	assert_int_equal(
	    shmplot_spec_load_buffer(&s, raw, sizeof raw - 1, SPEC_DATA_DIR),
	    SHMPLOT_E_INVALID);
	assert_string_equal(shmplot_spec_error(s, 0),
			    "line 1, column 39: a NUL byte near ` b\"}]}`");
	shmplot_spec_free(s);
}

/* Messages that say what is wrong, at the JSON path. */
static void test_messages(void **state)
{
	(void)state;
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": "
		     "[0, 1, 1000000001]}}, " ONE_FIG "}",
		     "series.x.linspace[2]: 1000000001 is outside "
		     "1..1000000000");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": "
		     "[0, 1, 2.5]}}, " ONE_FIG "}",
		     "series.x.linspace[2]: 2.5 is not a whole number");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": "
		     "[0, 1, 5e-324]}}, " ONE_FIG "}",
		     "series.x.arange: [0, 1) with step 5e-324 gives more than "
		     "1e308 values; at most 1000000000 are accepted");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": "
		     "[0, 2000000000, 1]}}, " ONE_FIG "}",
		     "series.x.arange: [0, 2000000000) with step 1 gives "
		     "2000000000 values; at most 1000000000 are accepted");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": "
		     "[0, 1, -1]}}, " ONE_FIG "}",
		     "series.x.arange: [0, 1) with step -1 gives no values: "
		     "stop is above start and the step is negative");
	expect_error("{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": "
		     "[2, 2]}}, " ONE_FIG "}",
		     "series.x.arange: [2, 2) with step 1 gives no values: "
		     "start equals stop");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"sin\": "
		     "\"a\"}}, " ONE_FIG "}",
		     "series.a.sin: series \"a\" refers to itself");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"mul\": "
		     "[2, \"a\"]}}, " ONE_FIG "}",
		     "series.a.mul[1]: series \"a\" refers to itself");
	expect_error("{\"shmplot\": 1, \"series\": {\"a\": {\"values\": "
		     "[1, 1e999]}}, " ONE_FIG "}",
		     "series.a.values[1]: a number is beyond the range of a "
		     "double");
}

/*
 * One series more than a data segment holds: said at "series" before any
 * definition is parsed or anything created (it was "no space left for
 * the shared-memory segment").
 */
static void test_too_many_series(void **state)
{
	(void)state;
	const size_t n = (size_t)SHMPLOT_MAX_SERIES + 1;
	const size_t cap = n * 32 + 256;
	char *json = malloc(cap);
	assert_non_null(json);
	size_t off =
	    (size_t)snprintf(json, cap, "{\"shmplot\": 1, \"series\": {");
	for (size_t i = 0; i < n; i++)
		off += (size_t)snprintf(json + off, cap - off,
					"%s\"s%zu\": {\"values\": [1]}",
					i ? "," : "", i);
	snprintf(json + off, cap - off, "}, " ONE_FIG "}");
	shmplot_spec *s = NULL;
	assert_int_equal(
	    shmplot_spec_load_buffer(&s, json, strlen(json), SPEC_DATA_DIR),
	    SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_spec_error_count(s), 1);
	assert_string_equal(shmplot_spec_error(s, 0),
			    "series: 1048577 series; a spec may define at most "
			    "1048576 (a data segment holds no more)");
	shmplot_spec_free(s);
	free(json);
}

/* Peak resident memory of this process, in KiB. */
static long max_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * A spec over the limit (a sparse file: 300 MB of holes) is refused from
 * its size, before any of it is read into memory.
 */
static void test_size_limit(void **state)
{
	(void)state;
	char dir[] = "/tmp/shmplot-spec-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/big.json", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)300 << 20), 0);
	close(fd);
	long before = max_rss_kib();
	shmplot_spec *s = NULL;
	shmplot_status st = shmplot_spec_load(&s, path);
	long grew = max_rss_kib() - before;
	unlink(path);
	rmdir(dir);
	assert_int_equal(st, SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_spec_errmsg(s),
			       "big.json: the file is 314572800 bytes; the "
			       "limit is 268435456"));
	shmplot_spec_free(s);
	assert_true(grew < 64 * 1024);
	/* The same limit for a spec in memory (the bytes are never read). */
	const char *huge = "{}";
	assert_int_equal(shmplot_spec_load_buffer(
			     &s, huge, SHMPLOT_SPEC_MAX_BYTES + 1, NULL),
			 SHMPLOT_E_INVALID);
	assert_string_equal(shmplot_spec_errmsg(s),
			    "the spec is 268435457 bytes; the limit is "
			    "268435456");
	shmplot_spec_free(s);
}

static void test_shard_rule(void **state)
{
	(void)state;
	for (unsigned n = 1; n <= 7; n++)
		for (size_t i = 0; i < 50; i++) {
			int owners = 0;
			for (unsigned k = 1; k <= n; k++)
				owners += shmplot_spec_in_shard(i, k, n);
			assert_int_equal(owners, 1);
		}
	assert_int_equal(shmplot_spec_in_shard(0, 0, 2), 0);
	assert_int_equal(shmplot_spec_in_shard(0, 3, 2), 0);
	assert_int_equal(shmplot_spec_in_shard(0, 1, 0), 0);
}

static void test_unreadable_spec(void **state)
{
	(void)state;
	shmplot_spec *s = NULL;
	assert_int_equal(shmplot_spec_load(&s, "/nonexistent/spec.json"),
			 SHMPLOT_E_IO);
	assert_string_equal(shmplot_spec_errmsg(s),
			    "cannot read /nonexistent/spec.json: No such file "
			    "or directory");
	shmplot_spec_free(s);
}

/*
 * Big generated series are split across helper processes (src/spec/parfill.c):
 * the values must equal the one-process computation bit for bit, whatever
 * the number of CPUs, and no helper may outlive the load.
 */
static void test_big_generators_split(void **state)
{
	(void)state;
	const size_t n = 300001; /* not a multiple of any slice size */
	char json[512];
	snprintf(json, sizeof json,
		 "{\"shmplot\": 1, \"series\": {"
		 "\"x\": {\"linspace\": [-3, \"4pi\", %zu]},"
		 "\"a\": {\"arange\": [0, %zu, 1]},"
		 "\"t\": {\"tan\": \"x\"},"
		 "\"p\": {\"pow\": [\"x\", 2]},"
		 "\"q\": {\"div\": [\"t\", \"a\"]}}," ONE_FIG "}",
		 n, n);
	shmplot_spec *s = load_ok(json);
	size_t len;
	const double *x = series(s, "x", &len);
	assert_int_equal(len, n);
	const double *a = series(s, "a", NULL);
	const double *t = series(s, "t", NULL);
	const double *p = series(s, "p", NULL);
	const double *q = series(s, "q", NULL);
	const double step = (4 * M_PI + 3) / (double)(n - 1);
	/* tan of the whole x in this process: the split must not show */
	double *tw = malloc(n * sizeof *tw);
	assert_non_null(tw);
	sp_vec_fn vtan = sp_vec_kernel("tan");
	if (vtan)
		vtan(x, tw, n);
	else
		for (size_t i = 0; i < n; i++)
			tw[i] = tan(x[i]);
	/* Not folded into x * x by the compiler: the library calls pow(). */
	double (*volatile power)(double, double) = pow;
	size_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		double xi = i == n - 1 ? 4 * M_PI : -3 + (double)i * step;
		double ti = tw[i], ai = (double)i;
		double qi = ti / ai;
		bad +=
		    memcmp(&x[i], &xi, 8) != 0 || a[i] != ai ||
		    memcmp(&t[i], &ti, 8) != 0 || p[i] != power(xi, 2) ||
		    (memcmp(&q[i], &qi, 8) != 0 && !(isnan(qi) && isnan(q[i])));
	}
	assert_int_equal(bad, 0);
	assert_int_equal(tu_children(), 0);
	free(tw);
	shmplot_spec_free(s);
}

/*
 * "exact" reaches the renderer: with 200,000 points on a 640 px axes the
 * reduced line (default) and the stroked-every-point line are different
 * pictures of the same data; a non-boolean is an error at its path.
 */
static void test_exact_option(void **state)
{
	(void)state;
	shmplot_spec *s = load_ok(
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, "
	    "200000]}, \"y\": {\"sin\": \"x\"}}, \"figures\": ["
	    "{\"name\": \"exact\", \"exact\": true, \"lines\": [{\"x\": "
	    "\"x\", \"y\": \"y\"}]},"
	    "{\"name\": \"reduced\", \"lines\": [{\"x\": \"x\", \"y\": "
	    "\"y\"}]}]}");
	shmplot_renderer *r = NULL;
	assert_int_equal(shmplot_renderer_new(&r, NULL, NULL, 0), SHMPLOT_OK);
	shmplot_results *res = NULL;
	assert_int_equal(shmplot_render(r, shmplot_spec_data(s),
					shmplot_spec_figures(s), 2, NULL, &res),
			 SHMPLOT_OK);
	size_t la, lb;
	const unsigned char *a = shmplot_results_png(res, 0, &la);
	const unsigned char *b = shmplot_results_png(res, 1, &lb);
	assert_true(la != lb || memcmp(a, b, la) != 0);
	shmplot_results_free(res);
	shmplot_renderer_free(r);
	shmplot_spec_free(s);

	s = NULL;
	const char *bad =
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"values\": "
	    "[1, 2]}}, \"figures\": [{\"name\": \"f\", \"exact\": "
	    "3, \"lines\": [{\"y\": \"x\"}]}]}";
	assert_int_equal(shmplot_spec_load_buffer(&s, bad, strlen(bad), "."),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_spec_error(s, 0), "figures[0].exact"));
	shmplot_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_linspace_arange_values),
	    cmocka_unit_test(test_date_values),
	    cmocka_unit_test(test_functions),
	    cmocka_unit_test(test_operators),
	    cmocka_unit_test(test_files),
	    cmocka_unit_test(test_figures_render),
	    cmocka_unit_test(test_hist_extremes),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_all_errors_listed),
	    cmocka_unit_test(test_unsafe_names),
	    cmocka_unit_test(test_one_value_no_nul),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_too_many_series),
	    cmocka_unit_test(test_size_limit),
	    cmocka_unit_test(test_shard_rule),
	    cmocka_unit_test(test_unreadable_spec),
	    cmocka_unit_test(test_big_generators_split),
	    cmocka_unit_test(test_exact_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
