/* SPDX-License-Identifier: MIT */
/*
 * hist's counting (render/kinds/hist_count.c) against numpy 1.24.2's
 * np.histogram, whose results for these fixed inputs were computed once
 * with /usr/bin/python3 and written here: values on the edges, the last
 * edge inclusive, NaN left out, a range leaving values out, explicit
 * edges, weights, and the auto / fd / sturges estimators; and the
 * vector and threaded counts against numpy's rule on edge cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kinds/hist.h"

#include <math.h>
#include <stdlib.h>

static const double V[] = {0,   0.1, 0.2, 0.3, 0.5,  1.0, NAN,
			   0.7, 0.3, 0.9, 1.0, -0.2, 2.5};
#define NV (sizeof V / sizeof V[0])

static void expect(const spr_hist_in *in, const double *want, size_t n,
		   double first, double last)
{
	double *e, *c;
	size_t nb = spr_hist_count(in, &e, &c);

	assert_int_equal(nb, n);
	for (size_t i = 0; i < n; i++)
		assert_float_equal(c[i], want[i], 1e-12);
	assert_float_equal(e[0], first, 0);
	assert_float_equal(e[n], last, 0);
	free(e);
	free(c);
}

/* np.histogram(v[~isnan(v)], bins=10): [2, 4, 1, 1, 3, 0, 0, 0, 0, 1]
 * over -0.2 .. 2.5 (the NaN left out, 2.5 in the last bin) */
static void test_ten_bins(void **state)
{
	const double want[] = {2, 4, 1, 1, 3, 0, 0, 0, 0, 1};
	spr_hist_in in = {.v = V, .n = NV, .nbins = 10};

	(void)state;
	expect(&in, want, 10, -0.2, 2.5);
}

/* bins=4, range=(0, 1): [3, 2, 2, 3] (-0.2 and 2.5 out, 1.0 twice in
 * the last bin, 0.5 on an inner edge goes right) */
static void test_range(void **state)
{
	const double want[] = {3, 2, 2, 3};
	spr_hist_in in = {
	    .v = V, .n = NV, .nbins = 4, .has_range = 1, .lo = 0, .hi = 1};

	(void)state;
	expect(&in, want, 4, 0, 1);
}

/* bins=[0, 0.3, 0.5, 1.0]: [3, 2, 5] */
static void test_edges(void **state)
{
	const double edges[] = {0, 0.3, 0.5, 1.0}, want[] = {3, 2, 5};
	spr_hist_in in = {.v = V, .n = NV, .edges = edges, .nedges = 4};

	(void)state;
	expect(&in, want, 3, 0, 1);
}

/* bins=3, range=(0, 1), weights 1..13 (NaN's weight with it):
 * [18, 5, 32] */
static void test_weights(void **state)
{
	const double w[] = {1, 2, 3, 4, 5, 6, NAN, 7, 8, 9, 10, 11, 12};
	const double want[] = {18, 5, 32};
	spr_hist_in in = {.v = V,
			  .n = NV,
			  .w = w,
			  .nbins = 3,
			  .has_range = 1,
			  .lo = 0,
			  .hi = 1};

	(void)state;
	expect(&in, want, 3, 0, 1);
}

/* Values exactly on linspace's edges: np.linspace(0, 1, 11) in 10 bins
 * -> one each, two in the last; 0.1 * i for i < 31 in 30 bins -> one
 * each, two in the last (rounding put them beside their edges). */
static void test_on_edges(void **state)
{
	double x[31], want[30];
	spr_hist_in in = {.v = x, .n = 11, .nbins = 10};

	(void)state;
	for (int i = 0; i < 11; i++)
		x[i] = i == 10 ? 1.0 : 0 + i * (1.0 / 10);
	for (int i = 0; i < 30; i++)
		want[i] = i == 29 || (i == 9 && in.nbins == 10) ? 2 : 1;
	expect(&in, want, 10, 0, 1);
	for (int i = 0; i < 31; i++)
		x[i] = 0.1 * i;
	for (int i = 0; i < 30; i++)
		want[i] = i == 29 ? 2 : 1;
	in.n = 31;
	in.nbins = 30;
	expect(&in, want, 30, 0, 0.1 * 30);
}

/* numpy's estimators on 37 values: auto and fd 11 bins
 * [2, 1, 0, 4, 14, 5, 7, 1, 2, 0, 1], sturges 7 [3, 0, 17, 10, 4, 2, 1],
 * over -2.83 .. 3.32. */
static void test_rules(void **state)
{
	static const double d[] = {
	    2.04,  -2.56, 0.42,  -0.57, -0.45, -0.22, -2.02, -0.23, -0.87, 3.32,
	    0.23,  -0.35, -0.28, -0.67, -1.06, -0.39, 0.48,  -0.24, 0.96,  -0.2,
	    0.02,  1.55,  0.55,  -0.51, -0.18, 0.54,  1.94,  -0.27, -0.24, 1.0,
	    -0.89, -0.29, 0.88,  0.58,  0.09,  0.67,  -2.83};
	const double fd[] = {2, 1, 0, 4, 14, 5, 7, 1, 2, 0, 1};
	const double st[] = {3, 0, 17, 10, 4, 2, 1};
	spr_hist_in in = {.v = d, .n = 37, .rule = SPR_HIST_AUTO};

	(void)state;
	expect(&in, fd, 11, -2.83, 3.32);
	in.rule = SPR_HIST_FD;
	expect(&in, fd, 11, -2.83, 3.32);
	in.rule = SPR_HIST_STURGES;
	expect(&in, st, 7, -2.83, 3.32);
}

/* No finite data: numpy's range (0, 1); one value: (v - 0.5, v + 0.5). */
static void test_degenerate(void **state)
{
	const double none[] = {NAN, NAN}, one[] = {3, 3};
	const double z[] = {0, 0, 0, 0, 0}, two[] = {0, 0, 2, 0, 0};
	spr_hist_in in = {.v = none, .n = 2, .nbins = 5};

	(void)state;
	expect(&in, z, 5, 0, 1);
	in.v = one;
	expect(&in, two, 5, 2.5, 3.5);
}

/* The bin numpy gives: the last edge e[k] <= x (the last bin holds its
 * right edge). */
static size_t ref_bin(double x, const double *e, size_t nb)
{
	size_t lo = 0, hi = nb;

	if (x == e[nb])
		return nb - 1;
	while (hi - lo > 1) {
		size_t m = (lo + hi) / 2;
		if (e[m] <= x)
			lo = m;
		else
			hi = m;
	}
	return lo;
}

/*
 * The vector counter (few bins) and the threads (many values) give the
 * bins of numpy's rule exactly: values on every edge and one ulp either
 * side, NaN, outside the range, at the last edge, far from zero (edges
 * that round), few and many bins, and one series of 9 million (counted
 * by two threads).
 */
static void vector_and_threads(int widest)
{
	uint64_t s = 1;

	spr_hist_limit_vector(widest);
	for (int trial = 0; trial < 120; trial++) {
		size_t n =
		    trial == 0 ? 9000000 : 1 + (size_t)(trial * 37 % 3001);
		size_t nb = 1 + (size_t)(trial * 7 % (trial % 3 ? 31 : 200));
		double first =
		    trial % 4 == 0 ? 1e6 + trial : -0.37 * (trial % 10);
		double last = first + (trial % 5 == 0 ? 1e-3 * (1 + trial % 5)
						      : 0.1 + trial % 20);
		double step = (last - first) / (double)nb, *v, *e, *c, *want;
		spr_hist_in in = {
		    .nbins = nb, .has_range = 1, .lo = first, .hi = last};

		v = malloc(n * sizeof *v);
		want = calloc(nb, sizeof *want);
		assert_non_null(v);
		assert_non_null(want);
		for (size_t i = 0; i < n; i++) {
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			double u = (double)(s >> 11) / 9007199254740992.0;
			double edge =
			    first + (double)((s >> 20) % (nb + 1)) * step;
			switch ((s >> 3) % 10) {
			case 0:
				v[i] = edge;
				break;
			case 1:
				v[i] = nextafter(edge,
						 s & 1 ? INFINITY : -INFINITY);
				break;
			case 2:
				v[i] = NAN;
				break;
			case 3:
				v[i] = last;
				break;
			default:
				v[i] = first - 0.1 * (last - first) +
				       u * 1.2 * (last - first);
			}
		}
		in.v = v;
		in.n = n;
		assert_int_equal(spr_hist_count(&in, &e, &c), nb);
		for (size_t i = 0; i < n; i++)
			if (v[i] >= e[0] && v[i] <= e[nb])
				want[ref_bin(v[i], e, nb)]++;
		for (size_t k = 0; k < nb; k++)
			assert_true(c[k] == want[k]);
		free(e);
		free(c);
		/* the data's range (min and max, by two threads for 9M) */
		double mn = INFINITY, mx = -INFINITY;
		for (size_t i = 0; i < n; i++)
			if (isfinite(v[i])) {
				mn = fmin(mn, v[i]);
				mx = fmax(mx, v[i]);
			}
		in.has_range = 0;
		assert_int_equal(spr_hist_count(&in, &e, &c), nb);
		if (mn == mx) {
			mn -= 0.5;
			mx += 0.5;
		}
		assert_true(e[0] == mn && e[nb] == mx);
		free(v);
		free(want);
		free(e);
		free(c);
	}
	spr_hist_limit_vector(SPR_HIST_VEC_AVX512);
}

/* Each counter the CPU runs (AVX-512, AVX2, scalar) gives numpy's bins. */
static void test_vector_and_threads(void **state)
{
	(void)state;
	vector_and_threads(SPR_HIST_VEC_AVX512);
}

static void test_avx2_and_threads(void **state)
{
	(void)state;
	vector_and_threads(SPR_HIST_VEC_AVX2);
}

static void test_scalar_and_threads(void **state)
{
	(void)state;
	vector_and_threads(SPR_HIST_VEC_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ten_bins),
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_edges),
	    cmocka_unit_test(test_weights),
	    cmocka_unit_test(test_on_edges),
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_degenerate),
	    cmocka_unit_test(test_vector_and_threads),
	    cmocka_unit_test(test_avx2_and_threads),
	    cmocka_unit_test(test_scalar_and_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
