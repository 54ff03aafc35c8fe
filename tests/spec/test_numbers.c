/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/numbers.c: a spec reads the same whatever locale the
 * calling program has set. A decimal-comma locale (de_DE) and one whose
 * decimal point is two bytes (ps_AF, U+066B) are compiled into the build
 * tree by a CTest fixture (localedef); without either the test exits 77,
 * which CTest reports as skipped.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shmplot/spec.h"
#include "spec/spec_io.h"

#ifndef SPEC_DATA_DIR
#error "SPEC_DATA_DIR must name tests/data/spec"
#endif

/* 1 if the locale is there and its decimal point is not '.'. */
static int use_locale(const char *name)
{
	if (!setlocale(LC_ALL, name))
		return 0;
	return strcmp(localeconv()->decimal_point, ".") != 0;
}

static int teardown(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

static const double *series(shmplot_spec *s, const char *name, size_t *n)
{
	shmplot_series id;
	shmplot_data *d = shmplot_spec_data(s);
	if (shmplot_data_find(d, name, &id))
		fail_msg("no series %s", name);
	return shmplot_data_values(d, id, n);
}

static shmplot_spec *load_ok(const char *json)
{
	shmplot_spec *s = NULL;
	if (shmplot_spec_load_buffer(&s, json, strlen(json), SPEC_DATA_DIR)) {
		for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
			print_error("  %s\n", shmplot_spec_error(s, i));
		shmplot_spec_free(s);
		fail_msg("load failed");
	}
	return s;
}

/* JSON numbers, "1.5pi" and CSV cells, and the numbers in messages. */
static void check_spec_numbers(void)
{
	shmplot_spec *s = load_ok(
	    "{\"shmplot\": 1, \"series\": {"
	    "\"v\": {\"values\": [10.5, \"1.5pi\", \"-pi/2.5\", 2.5e-1]},"
	    "\"c\": {\"csv\": \"small.csv\", \"column\": \"value, V\"}},"
	    "\"figures\": [{\"name\": \"f\", \"lines\": [{\"y\": \"v\"}]}]}");
	size_t n;
	const double *v = series(s, "v", &n);
	assert_int_equal(n, 4);
	assert_true(v[0] == 10.5);
	assert_true(v[1] == 1.5 * M_PI);
	assert_true(v[2] == -M_PI / 2.5);
	assert_true(v[3] == 0.25);
	const double *c = series(s, "c", &n);
	assert_int_equal(n, 4);
	assert_true(c[0] == 1.5 && c[1] == 2.5 && isnan(c[2]) && c[3] == 4.5);
	/* Only the empty cell became NaN: no "non-numeric" 1.5. */
	assert_int_equal(shmplot_spec_note_count(s), 1);
	assert_non_null(
	    strstr(shmplot_spec_note(s, 0), "1 empty and 0 non-numeric cells"));
	shmplot_spec_free(s);

	const char *bad = "{\"shmplot\": 1, \"figures\": [{\"name\": \"f\", "
			  "\"xlim\": [2.5, 2.5]}]}";
	s = NULL;
	assert_int_equal(shmplot_spec_load_buffer(&s, bad, strlen(bad), NULL),
			 SHMPLOT_E_INVALID);
	assert_string_equal(shmplot_spec_error(s, 0),
			    "figures[0].xlim: both limits are 2.5; they must "
			    "differ (high to low inverts the axis)");
	shmplot_spec_free(s);
}

static void test_decimal_comma(void **state)
{
	(void)state;
	if (!use_locale("de_DE.UTF-8"))
		skip();
	char *end;
	assert_true(sp_strtod("10.5x", &end) == 10.5);
	assert_string_equal(end, "x");
	assert_true(strtod("10.5", NULL) == 10); /* the locale is in effect */
	check_spec_numbers();
	/* The caller's locale is left as it was. */
	assert_string_equal(localeconv()->decimal_point, ",");
}

static void test_multibyte_decimal_point(void **state)
{
	(void)state;
	if (!use_locale("ps_AF.UTF-8"))
		skip();
	assert_true(sp_strtod("0.125", NULL) == 0.125);
	check_spec_numbers();
	assert_string_equal(localeconv()->decimal_point, "\xd9\xab");
}

int main(void)
{
	int any = use_locale("de_DE.UTF-8") || use_locale("ps_AF.UTF-8");
	setlocale(LC_ALL, "C");
	if (!any)
		return 77; /* no compiled locale: nothing to test (skipped) */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_decimal_comma, teardown),
	    cmocka_unit_test_teardown(test_multibyte_decimal_point, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
