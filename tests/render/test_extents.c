/* SPDX-License-Identifier: MIT */
/*
 * render/extents.c against a plain reference: the lowest and highest x and
 * y of the points whose x and y are both finite, each only where it is
 * > 0 on a log axis (matplotlib: y <= 0 on a log y axis still widens x), on
 * random series with NaN, +-inf, -0 and ties, at every length around the
 * vector loop's block size and every misalignment, with x given, sorted
 * or the index.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;

static double rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

/* A value, now and then one that must be skipped or that ties. */
static double value(int specials)
{
	double u = rnd();
	if (specials && u < 0.04)
		return NAN;
	if (specials && u < 0.06)
		return INFINITY;
	if (specials && u < 0.08)
		return -INFINITY;
	if (u < 0.10)
		return -0.0;
	if (u < 0.12)
		return 0.0;
	return (rnd() - 0.5) * 200;
}

static void reference(const double *x, const double *y, size_t n, double e[4],
		      int xlog, int ylog)
{
	for (size_t i = 0; i < n; i++) {
		double xi = x ? x[i] : (double)i, yi = y[i];
		if (!isfinite(xi) || !isfinite(yi))
			continue;
		/* +0 for a zero extent, as documented */
		xi += 0.0;
		yi += 0.0;
		if (!xlog || xi > 0) {
			e[0] = xi < e[0] ? xi : e[0];
			e[1] = xi > e[1] ? xi : e[1];
		}
		if (!ylog || yi > 0) {
			e[2] = yi < e[2] ? yi : e[2];
			e[3] = yi > e[3] ? yi : e[3];
		}
	}
}

/* Equal as bits: the sign of a zero counts. */
static void assert_same(double a, double b)
{
	assert_memory_equal(&a, &b, sizeof a);
}

static void check(const double *x, const double *y, size_t n, int xlog,
		  int ylog, int sorted)
{
	for (int want = 1; want <= 3; want++) {
		int wx = want & 1, wy = (want >> 1) & 1;
		double r[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY};
		double e[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY};
		reference(x, y, n, r, xlog, ylog);
		spr_line_extents(x, y, n, e, xlog, ylog, wx, wy, sorted);
		if (wx || xlog || ylog) {
			assert_same(e[0], r[0]);
			assert_same(e[1], r[1]);
		}
		if (wy || xlog || ylog) {
			assert_same(e[2], r[2]);
			assert_same(e[3], r[3]);
		}
	}
}

static void test_random(void **state)
{
	(void)state;
	enum { MAXN = 41, PAD = 3 };
	double xb[MAXN + PAD], yb[MAXN + PAD];

	for (int round = 0; round < 400; round++) {
		for (size_t n = 0; n <= MAXN - PAD; n++) {
			for (size_t off = 0; off < PAD; off++) {
				double *x = xb + off, *y = yb + off;
				for (size_t i = 0; i < n; i++) {
					x[i] = value(1);
					y[i] = value(1);
				}
				check(x, y, n, 0, 0, 0);
				check(NULL, y, n, 0, 0, 0);
				check(x, y, n, round & 1, !(round & 1), 0);
				/* a sorted x: the ends decide */
				double v = -50 + rnd();
				for (size_t i = 0; i < n; i++) {
					x[i] = v;
					v += rnd() < 0.3 ? 0 : rnd();
				}
				assert_int_equal(spr_sorted(x, n), n > 0);
				check(x, y, n, 0, 0, 1);
				check(x, y, n, 0, 0, 0);
			}
		}
	}
}

static void test_sorted(void **state)
{
	(void)state;
	double x[37];

	for (size_t n = 1; n <= 37; n++) {
		for (size_t i = 0; i < n; i++)
			x[i] = (double)i;
		assert_true(spr_sorted(x, n));
		/* one step down, one NaN, one infinity: anywhere */
		for (size_t k = 0; k < n; k++) {
			double keep = x[k];
			if (n > 1) {
				x[k] = k ? x[k - 1] - 0.5 : x[1] + 0.5;
				assert_false(spr_sorted(x, n));
			}
			x[k] = NAN;
			assert_false(spr_sorted(x, n));
			x[k] = k + 1 < n ? -INFINITY : INFINITY;
			assert_false(spr_sorted(x, n));
			x[k] = keep;
		}
	}
	assert_false(spr_sorted(x, 0));
}

/* Nothing drawable leaves the extents as they were. */
static void test_nothing(void **state)
{
	(void)state;
	double x[9], y[9];
	for (int i = 0; i < 9; i++) {
		x[i] = i;
		y[i] = i % 2 ? NAN : INFINITY;
	}
	for (int sorted = 0; sorted <= 1; sorted++) {
		double e[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY};
		spr_line_extents(x, y, 9, e, 0, 0, 1, 1, sorted);
		assert_true(e[0] > e[1] && e[2] > e[3]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random),
	    cmocka_unit_test(test_sorted),
	    cmocka_unit_test(test_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
