/* SPDX-License-Identifier: MIT */
/*
 * render/pole.c: which segments are the jump of a sampled pole. Every
 * segment whose ends lie beyond opposite edges of the view is asked about,
 * as the line's pipe and M4 ask; the counts are the prototype's (issue 14:
 * tan drops exactly its poles from 100 points up, data that merely cross
 * the view are drawn).
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

/* The device rows of the view: 0 (top) .. 1000 (bottom). */
#define ROWS 1000.0

/*
 * Poles spr_pole finds in y against x (NULL: the index) with the view
 * [xlo, xhi] x [ylo, yhi] (log: a log y axis); *crossing gets the
 * segments whose ends lie beyond opposite edges (the candidates).
 */
static size_t poles(const double *x, const double *y, size_t n, double xlo,
		    double xhi, double ylo, double yhi, int log,
		    size_t *crossing)
{
	spr_map mx, my;
	spr_pole_in in;
	size_t i, found = 0, cand = 0;
	double prev = NAN;

	spr_map_init(&mx, xlo, xhi, 0, 1000, 0);
	spr_map_init(&my, ylo, yhi, ROWS, 0, log);
	in = (spr_pole_in){x, y, n, &mx, &my, 0, ROWS};
	for (i = 0; i < n; i++) {
		double q = spr_map_px(&my, y[i]);
		if (i > 0 &&
		    ((prev < 0 && q > ROWS) || (prev > ROWS && q < 0))) {
			cand++;
			found += (size_t)spr_pole(&in, i);
		}
		prev = q;
	}
	if (crossing)
		*crossing = cand;
	return found;
}

/* tan over [0, 4 pi] at n points, x the index (as the seed's figure2). */
static double *tan_series(size_t n)
{
	double *y = malloc(n * sizeof *y);

	assert_non_null(y);
	for (size_t i = 0; i < n; i++)
		y[i] = tan(4 * M_PI * (double)i / (double)(n - 1));
	return y;
}

static void test_tan(void **state)
{
	static const size_t ns[] = {10, 40, 100, 1000, 10000000};
	/* 10 and 40 points: no segment has both ends off the view (a pole
	 * segment with a visible end is drawn, as matplotlib draws it) */
	static const size_t want[] = {0, 0, 4, 4, 4};
	size_t cross;

	(void)state;
	for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
		double *y = tan_series(ns[k]);
		size_t got = poles(NULL, y, ns[k], 0, (double)ns[k] - 1, -5, 5,
				   0, &cross);
		free(y);
		assert_int_equal(got, want[k]);
		assert_int_equal(cross, want[k]);
	}
}

/* The same on a log axis: exp(tan) jumps from above the view to below
 * it at tan's poles, and the rule reads log10 y. */
static void test_tan_log(void **state)
{
	size_t n = 1000, cross;
	double *y = tan_series(n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		y[i] = exp(tan(4 * M_PI * (double)i / (double)(n - 1)));
	assert_int_equal(poles(NULL, y, n, 0, 999, 1e-2, 1e2, 1, &cross), 4);
	assert_int_equal(cross, 4);
	free(y);
}

/* A series given inline: how many segments it drops in the view. */
#define DROPS(xv, yv, xlo, xhi, ylo, yhi)                                      \
	poles(xv, yv, sizeof(yv) / sizeof(yv)[0], xlo, xhi, ylo, yhi, 0, NULL)

static void test_data_drawn(void **state)
{
	/* the threshold line (x beyond the view: never a pole) */
	double hx[] = {-1, 11}, hy[] = {0.5, 0.5};
	/* a coarse ramp through a zoomed ylim, and a two-point one */
	double rx[] = {0, 2, 4, 6, 8, 10}, ry[] = {-30, -18, -6, 6, 18, 30};
	double r2x[] = {0, 10}, r2y[] = {-10, 10};
	/* glitches: straight back to the data */
	double gx[] = {0, 1, 2, 3, 4, 5}, g1[] = {0, 0, 20, -20, 0, 0},
	       g2[] = {0, 1, 20, -20, -1, 0};
	double zz[20], zx[20], saw[100], sawx[100], sq[1001], sqx[1001];

	(void)state;
	assert_int_equal(DROPS(hx, hy, 0, 10, -1.5, 1.5), 0);
	assert_int_equal(DROPS(rx, ry, 0, 10, -1.5, 1.5), 0);
	assert_int_equal(DROPS(r2x, r2y, 0, 10, -1.5, 1.5), 0);
	assert_int_equal(DROPS(gx, g1, 0, 5, -5, 5), 0);
	assert_int_equal(DROPS(gx, g2, 0, 5, -5, 5), 0);
	for (int i = 0; i < 20; i++) {
		zx[i] = i;
		zz[i] = i % 2 ? -10 : 10;
	}
	assert_int_equal(DROPS(zx, zz, 0, 19, -5, 5), 0);
	/* a linear sawtooth beyond the view: 9 full crossings, no pole */
	for (int i = 0; i < 100; i++) {
		sawx[i] = i;
		saw[i] = (i % 10) * (20.0 / 9) - 10;
	}
	assert_int_equal(DROPS(sawx, saw, 0, 99, -5, 5), 0);
	/* a square wave of +-10 in a +-5 view */
	for (int i = 0; i < 1001; i++) {
		sqx[i] = i / 100.0;
		sq[i] = sin(2 * M_PI * sqx[i]) >= 0 ? 10 : -10;
	}
	assert_int_equal(DROPS(sqx, sq, 0, 10, -5, 5), 0);
}

/* 1/x over [-1, 1]: a real pole in measured data, dropped. */
static void test_reciprocal(void **state)
{
	double x[1000], y[1000];

	(void)state;
	for (int i = 0; i < 1000; i++) {
		x[i] = -1 + 2.0 * i / 999;
		y[i] = 1 / x[i];
	}
	assert_int_equal(DROPS(x, y, -1, 1, -5, 5), 1);
}

/* A point without a position among the eight: never a pole. */
static void test_needs_neighbours(void **state)
{
	size_t n = 1000;
	double *y = tan_series(n);

	(void)state;
	/* the first pole of tan over [0, 4 pi] at 1000 points: 124 / 125 */
	assert_int_equal(poles(NULL, y, n, 0, 999, -5, 5, 0, NULL), 4);
	y[121] = NAN;
	assert_int_equal(poles(NULL, y, n, 0, 999, -5, 5, 0, NULL), 3);
	/* within three segments of the end of the series: drawn */
	assert_int_equal(poles(NULL, y + 122, n - 122, 0, 999, -5, 5, 0, NULL),
			 3);
	free(y);
}

static uint64_t rng = 0x2545f4914f6cdd1du;

static double normal(void)
{
	double u[2];

	for (int k = 0; k < 2; k++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		u[k] = ((double)(rng >> 11) + 0.5) / 9007199254740992.0;
	}
	return sqrt(-2 * log(u[0])) * cos(2 * M_PI * u[1]);
}

/* Zoomed white noise crosses the view all the time; almost none of it
 * looks like a pole (today's rule dropped 5-36 % of its segments). */
static void test_noise(void **state)
{
	static const double half[] = {1, 0.5, 0.2};
	size_t n = 200000, cross;
	double *y = malloc(n * sizeof *y);

	(void)state;
	assert_non_null(y);
	for (size_t i = 0; i < n; i++)
		y[i] = normal();
	for (int k = 0; k < 3; k++) {
		size_t got = poles(NULL, y, n, 0, (double)n - 1, -half[k],
				   half[k], 0, &cross);
		assert_true(cross > n / 50);
		assert_true(got <= n / 20000); /* 0.005 % */
	}
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tan),
	    cmocka_unit_test(test_tan_log),
	    cmocka_unit_test(test_data_drawn),
	    cmocka_unit_test(test_reciprocal),
	    cmocka_unit_test(test_needs_neighbours),
	    cmocka_unit_test(test_noise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
