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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_value_ends),
	    cmocka_unit_test(test_nul_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
