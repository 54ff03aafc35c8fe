/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/suggest.c: the name set (growth, overwrite, lookups)
 * and "did you mean" suggestions (edit distance, how far a suggestion may
 * be for a word of each length, the closest first).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "spec/spec_suggest.h"

static sp_nameset set;

static int teardown(void **state)
{
	(void)state;
	sp_nameset_free(&set);
	return 0;
}

/* Many names: the set grows past its first size and finds every one. */
static void test_nameset(void **state)
{
	(void)state;
	static char names[1000][8];
	size_t v = 0;
	assert_false(sp_nameset_find(&set, "a", &v)); /* empty, no table */
	for (size_t i = 0; i < 1000; i++) {
		snprintf(names[i], sizeof names[i], "n%zu", i);
		assert_int_equal(sp_nameset_add(&set, names[i], i), SHMPLOT_OK);
	}
	assert_int_equal(set.n, 1000);
	assert_true(set.cap >= 2000); /* at most half full */
	for (size_t i = 0; i < 1000; i++) {
		assert_true(sp_nameset_find(&set, names[i], &v));
		assert_int_equal(v, i);
	}
	assert_false(sp_nameset_find(&set, "n1000", &v));
	assert_true(sp_nameset_find(&set, "n7", NULL));
	/* Adding a key again sets its value; the count stays. */
	assert_int_equal(sp_nameset_add(&set, "n7", 42), SHMPLOT_OK);
	assert_true(sp_nameset_find(&set, "n7", &v));
	assert_int_equal(v, 42);
	assert_int_equal(set.n, 1000);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(sp_edit_distance("title", "title", 3), 0);
	assert_int_equal(sp_edit_distance("titel", "title", 3), 1); /* el, le */
	assert_int_equal(sp_edit_distance("sinn", "sin", 3), 1);
	assert_int_equal(sp_edit_distance("", "abc", 3), 3);
	assert_int_equal(sp_edit_distance("kitten", "sitting", 5), 3);
	/* Over the limit: limit + 1, whatever the real distance. */
	assert_int_equal(sp_edit_distance("kitten", "sitting", 1), 2);
	assert_int_equal(sp_edit_distance("a", "abcdefgh", 2), 3);
	/* Names longer than SP_EDIT_MAX are never close. */
	char longer[SP_EDIT_MAX + 2];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	assert_int_equal(sp_edit_distance(longer, longer, 3), 4);
	/* Two neighbours swapped are one edit (optimal string alignment),
	 * also at either end and twice over */
	assert_int_equal(sp_edit_distance("lco", "loc", 3), 1);
	assert_int_equal(sp_edit_distance("tpo", "top", 3), 1);
	assert_int_equal(sp_edit_distance("ba", "ab", 3), 1);
	assert_int_equal(sp_edit_distance("lgeend", "legend", 3), 1);
	assert_int_equal(sp_edit_distance("lgenedx", "legendx", 3), 2);
	assert_int_equal(sp_edit_distance("abc", "ca", 3), 3);
}

/* The suggestion for word among names, or NULL. */
static const char *suggest(const char *word, const char *const *names, size_t n)
{
	sp_suggest s;
	sp_suggest_init(&s, word);
	sp_suggest_all(&s, names, n);
	return sp_suggest_best(&s);
}

static void test_suggestions(void **state)
{
	(void)state;
	static const char *const keys[] = {"title", "xlabel", "ylabel",
					   "xlim",  "ylim",   "legend"};
	const size_t n = sizeof keys / sizeof *keys;
	assert_string_equal(suggest("titel", keys, n), "title");
	/* The closest wins: "xlm" is 1 from xlim, 2 from ylim. */
	assert_string_equal(suggest("xlm", keys, n), "xlim");
	/* Short words: 1 edit ("lgd" is 3 from anything). */
	assert_null(suggest("lgd", keys, n));
	/* Up to 8 bytes: 2 edits; "legnd" is 1 from legend. */
	assert_string_equal(suggest("legnd", keys, n), "legend");
	assert_null(suggest("zzzzzz", keys, n));
	/* Longer words: 3 edits. */
	static const char *const longer[] = {"pole_segments"};
	assert_string_equal(suggest("pole_segmnts", longer, 1),
			    "pole_segments");
	assert_string_equal(suggest("polesegmts", longer, 1), "pole_segments");
	assert_null(suggest("segments", longer, 1));
	/* Short names with two letters swapped */
	static const char *const legend[] = {"loc", "ncol", "title", "top"};
	assert_string_equal(suggest("lco", legend, 4), "loc");
	assert_string_equal(suggest("tpo", legend, 4), "top");
	/* The start of exactly one name (3 bytes or more), when no name is
	 * close: "sym" of symlog, not "lin" of linear and linestyle */
	static const char *const scales[] = {"linear", "log", "symlog", "date",
					     "linestyle"};
	assert_string_equal(suggest("sym", scales, 5), "symlog");
	assert_null(suggest("lin", scales, 5));
	assert_null(suggest("sy", scales, 5));
	assert_string_equal(suggest("lo", scales, 5), "log"); /* 1 edit */
}

static void test_suggest_text(void **state)
{
	(void)state;
	static const char *const names[] = {"sin"};
	char buf[SP_SUGGEST_LEN];
	sp_suggest s;
	sp_suggest_init(&s, "sinn");
	sp_suggest_all(&s, names, 1);
	assert_string_equal(sp_suggest_text(&s, buf, sizeof buf),
			    " (did you mean \"sin\"?)");
	sp_suggest_init(&s, "qqqqqq");
	sp_suggest_all(&s, names, 1);
	assert_string_equal(sp_suggest_text(&s, buf, sizeof buf), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_nameset, teardown),
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_suggestions),
	    cmocka_unit_test(test_suggest_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
