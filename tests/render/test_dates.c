// SPDX-License-Identifier: MIT
/*
 * render/date_locate.c and date_format.c against matplotlib 3.6
 * (tests/data/dates_mpl.txt, written by tests/gen_dates.py):
 * AutoDateLocator's ticks, ConciseDateFormatter's labels and offset text
 * for views from 10 seconds to 200 years, leap days, year boundaries,
 * sub-second spans and fixed zone offsets; and the calendar itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dates.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One ulp of a day number near 2e4 is 3.6e-12 days (0.3 us). */
static int close_days(double a, double b)
{
	return fabs(a - b) <= 1e-15 * fmax(1, fmax(fabs(a), fabs(b)));
}

/* Reads "tick\t<value>\t<label>" into v and label. */
static void read_tick(FILE *f, double *v, char *label, size_t cap)
{
	char line[256], *p, *q;
	assert_non_null(fgets(line, sizeof line, f));
	line[strcspn(line, "\n")] = 0;
	assert_int_equal(strncmp(line, "tick\t", 5), 0);
	*v = strtod(line + 5, &p);
	q = *p == '\t' ? p + 1 : p;
	snprintf(label, cap, "%s", q);
}

/* "minor\t<n>\t<v> <v> ...": minorticks_on()'s ticks. */
static void check_minor(FILE *f, spr_ticks *t, double lo, double hi)
{
	static char line[65536];
	char *p;
	long n;

	assert_non_null(fgets(line, sizeof line, f));
	assert_int_equal(strncmp(line, "minor\t", 6), 0);
	n = strtol(line + 6, &p, 10);
	spr_date_minor_days(t, lo, hi);
	if ((long)t->nminor != n)
		fail_msg("view [%.17g, %.17g]: %zu minor ticks, matplotlib %ld",
			 lo, hi, t->nminor, n);
	for (long i = 0; i < n; i++) {
		double v = strtod(p, &p);
		if (!close_days(t->minor[i], v))
			fail_msg("view [%.17g, %.17g], minor %ld: %.17g, "
				 "matplotlib %.17g",
				 lo, hi, i, t->minor[i], v);
	}
}

static void check_view(FILE *f, double lo, double hi, int tz, int n)
{
	spr_ticks t;
	char line[256];

	spr_ticks_date_days(&t, lo, hi, tz);
	if ((int)t.n != n)
		fail_msg("view [%.17g, %.17g] tz %d: %zu ticks, matplotlib %d",
			 lo, hi, tz, t.n, n);
	for (int i = 0; i < n; i++) {
		double v;
		char want[SPR_TICK_LABEL + 16];
		read_tick(f, &v, want, sizeof want);
		if (!close_days(t.v[i], v) || strcmp(t.label[i], want))
			fail_msg("view [%.17g, %.17g] tz %d, tick %d: %.17g "
				 "\"%s\", matplotlib %.17g \"%s\"",
				 lo, hi, tz, i, t.v[i], t.label[i], v, want);
	}
	assert_non_null(fgets(line, sizeof line, f));
	line[strcspn(line, "\n")] = 0;
	assert_int_equal(strncmp(line, "offset\t", 7), 0);
	if (strcmp(t.offset, line + 7))
		fail_msg("view [%.17g, %.17g] tz %d: offset \"%s\", "
			 "matplotlib \"%s\"",
			 lo, hi, tz, t.offset, line + 7);
	check_minor(f, &t, lo, hi);
}

static void test_against_matplotlib(void **state)
{
	(void)state;
	FILE *f = fopen(DATES_DATA, "r");
	char line[256];
	int views = 0;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		double lo, hi;
		int tz, n;
		if (sscanf(line, "view %lf %lf %d %d", &lo, &hi, &tz, &n) != 4)
			continue;
		check_view(f, lo, hi, tz, n);
		views++;
	}
	fclose(f);
	assert_true(views >= 30); /* the file was read */
}

/* The calendar round-trips every day of 1600..2400 and knows the
 * dates whose day numbers are well known. */
static void test_calendar(void **state)
{
	(void)state;
	int64_t day = spr_days_from_civil(1600, 1, 1);
	assert_int_equal(spr_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(spr_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(spr_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(spr_days_from_civil(1, 1, 1), -719162);
	for (int64_t y = 1600; y < 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= spr_month_days(y, m); d++) {
				spr_civil c;
				assert_int_equal(spr_days_from_civil(y, m, d),
						 day);
				spr_civil_of(day * SPR_US_PER_DAY + 1, &c);
				assert_true(c.y == y && c.mo == m && c.d == d &&
					    c.us == 1);
				day++;
			}
	assert_int_equal(spr_month_days(1900, 2), 28);
	assert_int_equal(spr_month_days(2000, 2), 29);
}

/* The axis' seconds: the same ticks as in days, times 86400. */
static void test_seconds(void **state)
{
	(void)state;
	spr_ticks a, b;
	double lo = 1680696000.0, hi = lo + 3 * 86400;
	spr_ticks_date(&a, lo, hi, 0);
	spr_ticks_date_days(&b, lo / 86400, hi / 86400, 0);
	assert_int_equal(a.n, b.n);
	assert_true(a.n >= 3);
	for (size_t i = 0; i < a.n; i++) {
		assert_true(fabs(a.v[i] - b.v[i] * 86400) < 1e-6);
		assert_string_equal(a.label[i], b.label[i]);
	}
	/* matplotlib: 12:00 Apr-06 12:00 Apr-07 12:00 Apr-08 12:00 */
	assert_int_equal(a.n, 7);
	assert_string_equal(a.label[1], "Apr-06");
	assert_string_equal(a.offset, "2023-Apr-08");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_against_matplotlib),
	    cmocka_unit_test(test_calendar),
	    cmocka_unit_test(test_seconds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
