// SPDX-License-Identifier: MIT
/*
 * src/spec/isodate.c: ISO 8601 strings as Unix seconds (the expected
 * values are Python's datetime.fromisoformat, UTC when no offset), the
 * reasons a malformed one is refused, and zone offsets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "spec/spec_io.h"

#include <string.h>

static const struct {
	const char *s;
	double t;
} good[] = {
    {"2023-04-05", 1680652800.0},
    {"2023-04", 1680307200.0},
    {"2023-04-05T12:30", 1680697800.0},
    {"2023-04-05 12:30:15.25", 1680697815.25},
    {"2023-04-05T12:30:15Z", 1680697815.0},
    {"2023-04-05T12:30:15+02:00", 1680690615.0},
    {"2023-04-05T12:30:15-0530", 1680717615.0},
    {"2023-04-05T12:30+05", 1680679800.0},
    {"1969-12-31T23:59:59.5", -0.5},
    {"2024-02-29", 1709164800.0},
    {"1900-03-01", -2203891200.0},
    {"0001-01-01", -62135596800.0},
    {"9999-12-31T23:59:59", 253402300799.0},
    {"  2023-04-05  ", 1680652800.0},
};

static void test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char why[96] = "";
		double t = 0;
		if (sp_iso_date(good[i].s, strlen(good[i].s), &t, why,
				sizeof why) ||
		    t != good[i].t)
			fail_msg("\"%s\": %.17g (%s), want %.17g", good[i].s, t,
				 why, good[i].t);
		assert_true(sp_iso_like(good[i].s, strlen(good[i].s)));
	}
}

static const struct {
	const char *s, *why;
} bad[] = {
    {"2023-02-29", "day 29 is not in February 2023 (1 to 28)"},
    {"1900-02-29", "day 29 is not in February 1900 (1 to 28)"},
    {"2023-00-10", "month 0 is not 1 to 12"},
    {"2023-4-5", "a date is YYYY-MM-DD (or YYYY-MM)"},
    {"2023-04-05T24:00", "24:00:00 is not a time of day (00:00 to 23:59:59)"},
    {"2023-04-05T12", "a time is hh:mm, hh:mm:ss or hh:mm:ss.f"},
    {"2023-04-05T12:00:00.", "a decimal point needs digits after it"},
    {"2023-04-05T12:00+2", "a zone offset is +hh:mm, +hhmm or +hh"},
    {"2023-04-05T12:00+02:60", "zone offset 02:60 is beyond 23:59"},
    {"2023-04-05 noon", "a time is hh:mm, hh:mm:ss or hh:mm:ss.f"},
    {"2023-04-05Zulu", "unexpected \"Zulu\" at the end"},
};

static void test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char why[96] = "";
		double t;
		assert_int_equal(sp_iso_date(bad[i].s, strlen(bad[i].s), &t,
					     why, sizeof why),
				 -1);
		if (strcmp(why, bad[i].why))
			fail_msg("\"%s\": \"%s\", want \"%s\"", bad[i].s, why,
				 bad[i].why);
	}
	/* numbers never look like dates */
	assert_false(sp_iso_like("1680652800", 10));
	assert_false(sp_iso_like("-1e-5", 5));
	assert_false(sp_iso_like("2023", 4));
}

static void test_zones(void **state)
{
	(void)state;
	char why[96];
	int m = 1;
	assert_int_equal(sp_tz_offset("UTC", &m, why, sizeof why), 0);
	assert_int_equal(m, 0);
	assert_int_equal(sp_tz_offset("+02:00", &m, why, sizeof why), 0);
	assert_int_equal(m, 120);
	assert_int_equal(sp_tz_offset("-0930", &m, why, sizeof why), 0);
	assert_int_equal(m, -570);
	assert_int_equal(sp_tz_offset("CET", &m, why, sizeof why), -1);
	assert_int_equal(sp_tz_offset("+24:00", &m, why, sizeof why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_zones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
