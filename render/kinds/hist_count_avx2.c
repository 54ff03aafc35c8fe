/* SPDX-License-Identifier: MIT */
/*
 * Equal-width histogram counts, 4 values at a time with AVX2 (this file
 * alone is compiled with -mavx2; nothing in it runs unless hist_count.c
 * found AVX2 on the CPU). For few bins (at most SPR_HIST_VEC_BINS):
 *  - the bin of each value comes from its position t = (x - first) *
 *    norm; where t lies safely inside a bin (farther than tol, a bound on
 *    the rounding of t and of the edges, from both ends) that bin is the
 *    one numpy's edge test gives, and the others (a value on or next to
 *    an edge, NaN, out of range) take the exact scalar test;
 *  - the counts live in byte counters packed in the four 64-bit lanes of
 *    up to four registers (bin b: register b / 8, byte b % 8 of the
 *    value's lane), incremented by a variable shift of 1, so consecutive
 *    values never wait on each other's stores; the bytes go to the
 *    64-bit counts every 255 vectors, before any can overflow.
 */
#include "hist.h"

#include <immintrin.h>
#include <math.h>
#include <stdint.h>

/* vectors between flushes: a byte gets at most one increment each */
#define FLUSH 255

/* Adds the packed byte counters acc[0 .. na) to c (bins below nb). */
static void flush(const __m256i *acc, int na, size_t nb, uint64_t *c)
{
	uint64_t lane[4];

	for (int a = 0; a < na; a++) {
		_mm256_storeu_si256((__m256i *)lane, acc[a]);
		for (int l = 0; l < 4; l++)
			for (size_t b = 0; b < 8 && (size_t)a * 8 + b < nb; b++)
				c[(size_t)a * 8 + b] +=
				    (lane[l] >> (8 * b)) & 0xff;
	}
}

/* The exact bins of the lanes in mask (valid, not sure) of x. */
static void exact_lanes(const spr_hist_eq *q, const double *x, int mask,
			uint64_t *c)
{
	for (int l = 0; l < 4; l++)
		if (mask & (1 << l))
			c[spr_hist_equal_bin(x[l], q->first, q->norm, q->e,
					     q->nb)]++;
}

void spr_hist_count_eq_avx2(const spr_hist_eq *q, const double *v, size_t n,
			    uint64_t *c)
{
	const __m256d first = _mm256_set1_pd(q->first);
	const __m256d last = _mm256_set1_pd(q->last);
	const __m256d norm = _mm256_set1_pd(q->norm);
	const __m256d lo = _mm256_set1_pd(q->tol);
	const __m256d hi = _mm256_set1_pd(1 - q->tol);
	/* the slot of values not counted here: beyond the bins */
	const __m256i trash = _mm256_set1_epi64x((long long)q->nb * 8);
	const __m256i one = _mm256_set1_epi64x(1);
	const __m256i k64 = _mm256_set1_epi64x(64);
	const int na = (int)((q->nb + 1 + 7) / 8);
	__m256i acc[4];
	size_t i = 0;

	while (i + 4 <= n) {
		size_t end =
		    n - i < 4 * FLUSH ? i + (n - i) / 4 * 4 : i + 4 * FLUSH;
		for (int a = 0; a < 4; a++)
			acc[a] = _mm256_setzero_si256();
		for (; i < end; i += 4) {
			__m256d x = _mm256_loadu_pd(v + i);
			__m256d ok =
			    _mm256_and_pd(_mm256_cmp_pd(x, first, _CMP_GE_OQ),
					  _mm256_cmp_pd(x, last, _CMP_LE_OQ));
			__m256d t =
			    _mm256_mul_pd(_mm256_sub_pd(x, first), norm);
			__m128i k = _mm256_cvttpd_epi32(t);
			__m256d f = _mm256_sub_pd(t, _mm256_cvtepi32_pd(k));
			__m256d sure = _mm256_and_pd(
			    ok,
			    _mm256_and_pd(_mm256_cmp_pd(f, lo, _CMP_GT_OQ),
					  _mm256_cmp_pd(f, hi, _CMP_LT_OQ)));
			int mo = _mm256_movemask_pd(ok);
			int ms = _mm256_movemask_pd(sure);
			if (mo != ms)
				exact_lanes(q, v + i, mo & ~ms, c);
			/* byte offset of the bin, or the trash slot's */
			__m256i sh =
			    _mm256_slli_epi64(_mm256_cvtepi32_epi64(k), 3);
			sh = _mm256_castpd_si256(
			    _mm256_blendv_pd(_mm256_castsi256_pd(trash),
					     _mm256_castsi256_pd(sh), sure));
			/* a shift by 64 or more (as unsigned) gives 0 */
			acc[0] = _mm256_add_epi64(acc[0],
						  _mm256_sllv_epi64(one, sh));
			if (na > 1) {
				sh = _mm256_sub_epi64(sh, k64);
				acc[1] = _mm256_add_epi64(
				    acc[1], _mm256_sllv_epi64(one, sh));
			}
			if (na > 2) {
				sh = _mm256_sub_epi64(sh, k64);
				acc[2] = _mm256_add_epi64(
				    acc[2], _mm256_sllv_epi64(one, sh));
			}
			if (na > 3) {
				sh = _mm256_sub_epi64(sh, k64);
				acc[3] = _mm256_add_epi64(
				    acc[3], _mm256_sllv_epi64(one, sh));
			}
		}
		flush(acc, na, q->nb, c);
	}
	spr_hist_count_eq_tail(q, v + i, n - i, c);
}

void spr_hist_minmax_avx2(const double *v, size_t n, double *lo, double *hi)
{
	/* min/max return their second operand when either is NaN: the
	 * accumulator, so NaN is left out */
	__m256d a0 = _mm256_set1_pd(INFINITY), a1 = a0;
	__m256d b0 = _mm256_set1_pd(-INFINITY), b1 = b0;
	double a[4], b[4], l, h;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		__m256d x0 = _mm256_loadu_pd(v + i),
			x1 = _mm256_loadu_pd(v + i + 4);
		a0 = _mm256_min_pd(x0, a0);
		b0 = _mm256_max_pd(x0, b0);
		a1 = _mm256_min_pd(x1, a1);
		b1 = _mm256_max_pd(x1, b1);
	}
	_mm256_storeu_pd(a, _mm256_min_pd(a0, a1));
	_mm256_storeu_pd(b, _mm256_max_pd(b0, b1));
	l = fmin(fmin(a[0], a[1]), fmin(a[2], a[3]));
	h = fmax(fmax(b[0], b[1]), fmax(b[2], b[3]));
	for (; i < n; i++) {
		l = v[i] < l ? v[i] : l;
		h = v[i] > h ? v[i] : h;
	}
	*lo = l;
	*hi = h;
}
