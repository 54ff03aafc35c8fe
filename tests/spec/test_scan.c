/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/scan.c: where a JSON value ends, following strings
 * and brackets only, and the NULs it refuses.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "spec/spec_json.h"

/* Where the value at the start of text ends (SIZE_MAX: refused). */
static size_t end_of(const char *text, size_t len)
{
	const char *why = NULL;
	size_t pos = 0;
	if (sp_json_skip(text, len, &pos, &why)) {
		assert_non_null(why);
		return SIZE_MAX;
	}
	return pos;
}

#define END(lit) end_of(lit, sizeof lit - 1)

static void test_value_ends(void **state)
{
	(void)state;
	assert_int_equal(END("  {\"a\": [1, {\"b\": \"]}\"}]} rest"), 25);
	assert_int_equal(END("[\"\\\"]\", 2] x"), 10);
	assert_int_equal(END("12.5e3, 4"), 6);
	assert_int_equal(END("true}"), 4);
	assert_int_equal(END("\"s\\\\\" tail"), 5);
	assert_int_equal(END("{}{}"), 2);
	/* Not JSON: it ends where the text does, for cJSON to refuse. */
	assert_int_equal(END("{\"a\": [1, 2"), 11);
	assert_int_equal(END("\"open"), 5);
	assert_int_equal(sp_json_ws(" \t\r\n x", 6, 0), 5);
	assert_int_equal(sp_json_ws("  ", 2, 0), 2);
}

static void test_nul_refused(void **state)
{
	(void)state;
	const char *why = NULL;
	size_t pos = 0;
	static const char esc[] = "{\"k\": [\"ab\\u0000\"]}";
	assert_int_equal(sp_json_skip(esc, sizeof esc - 1, &pos, &why),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pos, 10);
	assert_string_equal(why, "\\u0000 (NUL) in a string");
	static const char raw[] = "[1, \"a\0b\"]";
	pos = 0;
	assert_int_equal(sp_json_skip(raw, sizeof raw - 1, &pos, &why),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pos, 6);
	assert_string_equal(why, "a NUL byte");
	static const char outside[] = "[1,\0 2]";
	pos = 0;
	assert_int_equal(sp_json_skip(outside, sizeof outside - 1, &pos, &why),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pos, 3);
	/* Other escapes, and an escaped backslash before u0000, are text. */
	assert_int_equal(END("\"\\u0001\\\\u0000\\u00e9\""), 21);
}

static void test_brackets_match(void **state)
{
	(void)state;
	const char *why = NULL;
	size_t pos = 0;
	static const char bad[] = "{\"a\": [1, 2}]";
	assert_int_equal(sp_json_skip(bad, sizeof bad - 1, &pos, &why),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pos, 11);
	assert_string_equal(why, "invalid JSON");
	char deep[2100];
	memset(deep, '[', 1100);
	memset(deep + 1100, ']', 1000);
	pos = 0;
	assert_int_equal(sp_json_skip(deep, sizeof deep, &pos, &why),
			 SHMPLOT_E_INVALID);
	assert_int_equal(pos, 1024);
	assert_string_equal(why, "brackets nested too deeply");
}

/* Collects "key=value;" or "value;" for each item of the cursor. */
static const char *items(const char *text, char *out, size_t cap)
{
	sp_json_cursor c;
	sp_span k, v;
	size_t n = strlen(text), off = 0;
	sp_json_open(&c, text, n, 0);
	out[0] = '\0';
	while (sp_json_next(&c, &k, &v)) {
		if (text[0] == '{')
			off += (size_t)snprintf(out + off, cap - off,
						"%.*s=", (int)(k.end - k.at),
						text + k.at);
		off += (size_t)snprintf(out + off, cap - off, "%.*s;",
					(int)(v.end - v.at), text + v.at);
	}
	if (c.why)
		snprintf(out + off, cap - off, "!%s at %zu", c.why, c.err);
	return out;
}

static void test_cursor(void **state)
{
	(void)state;
	char buf[256];
	assert_string_equal(
	    items("{ \"a\" : 1 , \"b\":{\"c\":[2]},\"d\":\"}\"}", buf,
		  sizeof buf),
	    "\"a\"=1;\"b\"={\"c\":[2]};\"d\"=\"}\";");
	assert_string_equal(items("[ ]", buf, sizeof buf), "");
	assert_string_equal(items("{}", buf, sizeof buf), "");
	assert_string_equal(items("[1, [2, 3], {}, null]", buf, sizeof buf),
			    "1;[2, 3];{};null;");
	/* Problems: where cJSON would stop too. */
	assert_string_equal(items("{\"a\" 1}", buf, sizeof buf),
			    "!invalid JSON at 5");
	assert_string_equal(items("{\"a\": 1,}", buf, sizeof buf),
			    "\"a\"=1;!invalid JSON at 8");
	assert_string_equal(items("[1 2]", buf, sizeof buf),
			    "1;!invalid JSON at 3");
	assert_string_equal(items("[1,", buf, sizeof buf),
			    "1;!invalid JSON at 3");
	assert_string_equal(items("{\"k\\u0000\": 1}", buf, sizeof buf),
			    "!\\u0000 (NUL) in a string at 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_value_ends),
	    cmocka_unit_test(test_nul_refused),
	    cmocka_unit_test(test_brackets_match),
	    cmocka_unit_test(test_cursor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
