/* SPDX-License-Identifier: MIT */
/*
 * The tick options' number work against matplotlib 3.6's answers
 * (written from /usr/bin/python3, matplotlib 3.6.3): AutoMinorLocator
 * through Axis.get_minorticklocs on the axis' major ticks, and
 * FormatStrFormatter / StrMethodFormatter labels, plus the formats the
 * subset refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ticks.h"

#include <math.h>
#include <string.h>

typedef struct minor_case {
	double lo, hi;
	double maj[12];
	size_t nmaj;
	double minor[40];
	size_t nminor;
} minor_case;

/* ax.set_xlim(lo, hi); ax.minorticks_on(); get_majorticklocs(),
 * get_minorticklocs() on a 6.4 x 4.8 in figure */
static const minor_case minors[] = {
    {0,
     10,
     {0.0, 2.0, 4.0, 6.0, 8.0, 10.0},
     6,
     {0.5, 1.0, 1.5, 2.5, 3.0, 3.5, 4.5, 5.0, 5.5, 6.5, 7.0, 7.5, 8.5, 9.0,
      9.5},
     15},
    {0,
     1,
     {0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0},
     6,
     {0.05, 0.1, 0.15000000000000002, 0.25, 0.3, 0.35000000000000003, 0.45, 0.5,
      0.55, 0.6500000000000001, 0.7000000000000001, 0.7500000000000001,
      0.8500000000000001, 0.9000000000000001, 0.9500000000000001},
     15},
    {0,
     250,
     {0.0, 50.0, 100.0, 150.0, 200.0, 250.0},
     6,
     {10.0,  20.0,  30.0,  40.0,  60.0,  70.0,  80.0,  90.0,  110.0, 120.0,
      130.0, 140.0, 160.0, 170.0, 180.0, 190.0, 210.0, 220.0, 230.0, 240.0},
     20},
    {-0.5,
     11.5,
     {-2.0, 0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0},
     8,
     {0.5, 1.0, 1.5, 2.5, 3.0, 3.5, 4.5, 5.0, 5.5, 6.5, 7.0, 7.5, 8.5, 9.0, 9.5,
      10.5, 11.0, 11.5},
     18},
    {1000,
     1005,
     {1000.0, 1001.0, 1002.0, 1003.0, 1004.0, 1005.0},
     6,
     {1000.2, 1000.4, 1000.6, 1000.8, 1001.2, 1001.4, 1001.6,
      1001.8, 1002.2, 1002.4, 1002.6, 1002.8, 1003.2, 1003.4,
      1003.6, 1003.8, 1004.2, 1004.4, 1004.6, 1004.8},
     20},
    {3,
     7.5,
     {3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5},
     10,
     {3.1,
      3.2,
      3.3,
      3.4,
      3.6,
      3.7,
      3.8,
      3.9,
      4.1,
      4.2,
      4.300000000000001,
      4.4,
      4.6,
      4.7,
      4.800000000000001,
      4.9,
      5.1,
      5.2,
      5.300000000000001,
      5.4,
      5.6,
      5.7,
      5.800000000000001,
      5.9,
      6.1,
      6.2,
      6.300000000000001,
      6.4,
      6.6,
      6.7,
      6.800000000000001,
      6.9,
      7.1,
      7.2,
      7.3,
      7.3999999999999995},
     36},
};

static void test_auto_minor(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof minors / sizeof *minors; c++) {
		const minor_case *m = &minors[c];
		double out[256];
		size_t n =
		    spr_minor_locate(m->maj, m->nmaj, m->lo, m->hi, out, 256);
		assert_int_equal(n, m->nminor);
		for (size_t i = 0; i < n; i++)
			assert_true(fabs(out[i] - m->minor[i]) <=
				    1e-9 * fmax(1, fabs(m->minor[i])));
	}
}

static void test_minor_needs_two_majors(void **state)
{
	double maj[1] = {1}, out[8];
	(void)state;
	assert_int_equal(spr_minor_locate(maj, 1, 0, 2, out, 8), 0);
}

typedef struct fmt_case {
	const char *fmt;
	double v;
	const char *want;
} fmt_case;

/* FormatStrFormatter(fmt) or StrMethodFormatter(fmt) (with "{") at
 * (v, pos 3) */
static const fmt_case fmts[] = {
    {"%.2f", 3.14159, "3.14"},
    {"%d", 2.7, "2"},
    {"%d", -0.5, "0"},
    {"%5.1f km", -12.345, "-12.3 km"},
    {"%+.1e", 12345.0, "+1.2e+04"},
    {"%g", 0.0001, "0.0001"},
    {"%s", 0.5, "0.5"},
    {"%%%.0f", 50, "%50"},
    {"{x:.0%}", 0.25, "25%"},
    {"{x:.1%}", -0.0123, "-1.2%"},
    {"{x:,.2f}", 1234567.891, "1,234,567.89"},
    {"{x}", 1.0, "1.0"},
    {"{x}", 1e+16, "1e+16"},
    {"{x}", 0.1, "0.1"},
    {"{x:.2}", 1.0, "1.0"},
    {"{x:.3g}", 123456.0, "1.23e+05"},
    {"{x:+08.2f}", -3.5, "-0003.50"},
    {"{x:e}", 0.00012, "1.200000e-04"},
    {"[{pos}] {x:.1f}", 2.0, "[3] 2.0"},
    {"{x:_.0f}", 1000000.0, "1_000_000"},
    {"{x:10.3f}|", 2.5, "     2.500|"},
};

static void test_formats(void **state)
{
	char why[200], out[SPR_TICK_LABEL];
	(void)state;
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
		assert_int_equal(spr_format_check(fmts[i].fmt, why, sizeof why),
				 0);
		spr_format_value(fmts[i].fmt, fmts[i].v, 3, out, sizeof out);
		assert_string_equal(out, fmts[i].want);
	}
}

static void test_formats_refused(void **state)
{
	static const char *const bad[] = {
	    "%.2f %.2f", "no conversion", "%x", "{y}",
	    "{x:>5}",    "{x:d}",         "{x", "{}",
	    "%q",        "{x:.f}"};
	char why[200];
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why[0] = 0;
		assert_int_equal(spr_format_check(bad[i], why, sizeof why), -1);
		assert_true(strlen(why) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_auto_minor),
	    cmocka_unit_test(test_minor_needs_two_majors),
	    cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_formats_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
