/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/json.c: JSON paths, numbers written with pi, each
 * typed getter's problem message at its path, key checks with
 * suggestions, and choices.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "spec/spec_json.h"

static sp_problems pr;
static cJSON *doc;

static int teardown(void **state)
{
	(void)state;
	sp_problems_free(&pr);
	cJSON_Delete(doc);
	doc = NULL;
	return 0;
}

/* The value of key in a freshly parsed {"v": ...} document. */
static const cJSON *value(const char *json)
{
	cJSON_Delete(doc);
	doc = cJSON_Parse(json);
	assert_non_null(doc);
	return sp_json_member(doc, "v");
}

/* The last problem listed. */
static const char *last(void)
{
	assert_true(pr.errors.n > 0);
	return pr.errors.v[pr.errors.n - 1];
}

static void test_paths(void **state)
{
	(void)state;
	char a[SP_PATH_BUF], b[SP_PATH_BUF], long_key[SP_PATH_BUF * 2];
	assert_string_equal(sp_path_key(a, "", "series"), "series");
	assert_string_equal(
	    sp_path_ix(b, sp_path_key(a, "figures[2]", "lines"), 0),
	    "figures[2].lines[0]");
	/* Too long: cut short, still terminated. */
	memset(long_key, 'k', sizeof long_key - 1);
	long_key[sizeof long_key - 1] = '\0';
	assert_int_equal(strlen(sp_path_key(a, "series", long_key)),
			 SP_PATH_BUF - 1);
}

static void test_pi_numbers(void **state)
{
	(void)state;
	double v;
	assert_true(sp_json_pi_number("1.5", &v) && v == 1.5);
	assert_true(sp_json_pi_number("pi", &v) && v == M_PI);
	assert_true(sp_json_pi_number("2pi", &v) && v == 2 * M_PI);
	assert_true(sp_json_pi_number("4*pi", &v) && v == 4 * M_PI);
	assert_true(sp_json_pi_number("-pi/2", &v) && v == -M_PI / 2);
	assert_true(sp_json_pi_number("\xcf\x80", &v) && v == M_PI);
	assert_false(sp_json_pi_number("pie", &v));
	assert_false(sp_json_pi_number("pi/0", &v));
	assert_false(sp_json_pi_number("pi/", &v));
	assert_false(sp_json_pi_number("2 pi", &v));
	assert_false(sp_json_pi_number("1e999", &v)); /* not finite */
	assert_false(sp_json_pi_number("", &v));
}

static void test_getters(void **state)
{
	(void)state;
	double d;
	long long i;
	int b;
	const char *s;
	double pair[2];
	assert_int_equal(sp_json_num(&pr, value("{\"v\": \"2pi\"}"), "p", &d),
			 SHMPLOT_OK);
	assert_true(d == 2 * M_PI);
	assert_int_equal(sp_json_num(&pr, value("{\"v\": \"two\"}"), "p", &d),
			 SHMPLOT_E_INVALID);
	assert_string_equal(last(), "p: \"two\" is not a number (numbers may "
				    "be written as JSON numbers or as \"2pi\", "
				    "\"-pi/2\")");
	sp_json_num(&pr, value("{\"v\": [1]}"), "p", &d);
	assert_string_equal(last(), "p: expected a number, not an array");
	assert_int_equal(sp_json_int(&pr, value("{\"v\": 16}"), "q", 1, 16, &i),
			 SHMPLOT_OK);
	assert_int_equal(i, 16);
	sp_json_int(&pr, value("{\"v\": 2.5}"), "q", 1, 16, &i);
	assert_string_equal(last(), "q: 2.5 is not a whole number");
	sp_json_int(&pr, value("{\"v\": 17}"), "q", 1, 16, &i);
	assert_string_equal(last(), "q: 17 is outside 1..16");
	/* In full, not "1e+09 is not a whole number". */
	sp_json_int(&pr, value("{\"v\": 1000000001}"), "q", 1, 1e9, &i);
	assert_string_equal(last(), "q: 1000000001 is outside 1..1000000000");
	sp_json_num(&pr, value("{\"v\": -1e999}"), "n", &d);
	assert_string_equal(last(),
			    "n: a negative number is beyond the range of a "
			    "double");
	sp_json_int(&pr, value("{\"v\": \"3\"}"), "q", 1, 16, &i);
	assert_string_equal(last(), "q: expected a whole number, not a string");
	assert_int_equal(sp_json_bool(&pr, value("{\"v\": false}"), "b", &b),
			 SHMPLOT_OK);
	assert_int_equal(b, 0);
	sp_json_bool(&pr, value("{\"v\": null}"), "b", &b);
	assert_string_equal(last(), "b: expected true or false, not null");
	assert_int_equal(sp_json_str(&pr, value("{\"v\": \"s\"}"), "s", &s),
			 SHMPLOT_OK);
	assert_string_equal(s, "s");
	sp_json_str(&pr, value("{\"v\": {}}"), "s", &s);
	assert_string_equal(last(), "s: expected a string, not an object");
	/* A pair lists both bad elements. */
	size_t before = pr.errors.n;
	assert_int_equal(
	    sp_json_pair(&pr, value("{\"v\": [\"a\", true]}"), "lim", pair),
	    SHMPLOT_E_INVALID);
	assert_int_equal(pr.errors.n, before + 2);
	assert_string_equal(last(), "lim[1]: expected a number, not a boolean");
	assert_int_equal(
	    sp_json_pair(&pr, value("{\"v\": [\"-pi\", 1]}"), "lim", pair),
	    SHMPLOT_OK);
	assert_true(pair[0] == -M_PI && pair[1] == 1);
	sp_json_pair(&pr, value("{\"v\": [1, 2, 3]}"), "lim", pair);
	assert_string_equal(last(), "lim: expected [low, high], not an array");
}

static void test_check_keys(void **state)
{
	(void)state;
	static const char *const allowed[] = {"title", "xlabel", NULL};
	value("{\"v\": {\"title\": 1, \"titel\": 2, \"_note\": 3, "
	      "\"xlabel\": 4, \"title\": 5, \"zzz\": 6}}");
	const cJSON *obj = sp_json_member(doc, "v");
	assert_int_equal(sp_json_check_keys(&pr, obj, "figures[0]", allowed),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pr.errors.n, 3);
	assert_string_equal(pr.errors.v[0],
			    "figures[0].titel: unknown key (did you mean "
			    "\"title\"?)");
	assert_string_equal(pr.errors.v[1],
			    "figures[0].title: given twice (JSON objects need "
			    "unique keys)");
	assert_string_equal(pr.errors.v[2], "figures[0].zzz: unknown key");
	value("{\"v\": {\"title\": 1, \"_c\": 2}}");
	assert_int_equal(
	    sp_json_check_keys(&pr, sp_json_member(doc, "v"), "f", allowed),
	    SHMPLOT_OK);
	/* At the top the path is the key alone. */
	value("{\"v\": {\"seris\": 1}}");
	static const char *const top[] = {"series", NULL};
	sp_json_check_keys(&pr, sp_json_member(doc, "v"), "", top);
	assert_string_equal(last(), "seris: unknown key (did you mean "
				    "\"series\"?)");
	/*
	 * A big object finds its duplicates through a name set (looking
	 * back from each key took a minute for 200,000 keys).
	 */
	char big[4096];
	int off = snprintf(big, sizeof big, "{\"v\": {");
	for (int i = 0; i < 100; i++)
		off += snprintf(big + off, sizeof big - (size_t)off,
				"\"_c%d\": 0, ", i);
	snprintf(big + off, sizeof big - (size_t)off,
		 "\"title\": 1, \"xlabel\": 2, \"title\": 3}}");
	sp_problems_free(&pr);
	assert_int_equal(sp_json_check_keys(&pr, value(big), "f", allowed),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pr.errors.n, 1);
	assert_string_equal(last(), "f.title: given twice (JSON objects need "
				    "unique keys)");
}

static void test_choices(void **state)
{
	(void)state;
	static const char *const names[] = {"lower left", "upper left",
					    "center"};
	size_t ix = 9;
	assert_true(sp_json_choice("upper left", names, 3, &ix));
	assert_int_equal(ix, 1);
	assert_true(sp_json_choice("lower_left", names, 3, &ix)); /* '_' */
	assert_int_equal(ix, 0);
	assert_false(sp_json_choice("upper", names, 3, &ix));
	assert_false(sp_json_choice("center_", names, 3, &ix));
	assert_int_equal(sp_json_pick(&pr, value("{\"v\": \"centre\"}"), "loc",
				      names, 3, "location", &ix),
			 SHMPLOT_E_INVALID);
	assert_string_equal(last(), "loc: unknown location \"centre\" (did "
				    "you mean \"center\"?)");
	assert_int_equal(sp_json_pick(&pr, value("{\"v\": \"center\"}"), "loc",
				      names, 3, "location", &ix),
			 SHMPLOT_OK);
	assert_int_equal(ix, 2);
	sp_json_pick(&pr, value("{\"v\": 3}"), "loc", names, 3, "location",
		     &ix);
	assert_string_equal(last(), "loc: expected a string, not a number");
}

static void test_num_text(void **state)
{
	(void)state;
	char buf[SP_NUM_BUF];
	assert_string_equal(sp_num_text(buf, 1000000001), "1000000001");
	assert_string_equal(sp_num_text(buf, -3), "-3");
	assert_string_equal(sp_num_text(buf, 0.1), "0.1");
	assert_string_equal(sp_num_text(buf, 5e-324), "5e-324");
	assert_string_equal(sp_num_text(buf, 1.0 / 3), "0.3333333333333333");
	assert_string_equal(sp_num_text(buf, 1e300), "1e+300");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_num_text),
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_pi_numbers),
	    cmocka_unit_test_teardown(test_getters, teardown),
	    cmocka_unit_test_teardown(test_check_keys, teardown),
	    cmocka_unit_test_teardown(test_choices, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
