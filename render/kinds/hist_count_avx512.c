/* SPDX-License-Identifier: MIT */
/*
 * Equal-width histogram counts, 8 values at a time with AVX-512F/DQ (this
 * file alone is compiled with -mavx512f -mavx512dq; nothing in it runs
 * unless hist_count.c found both on the CPU and the OS). The method is
 * hist_count_avx2.c's (a value safely inside a bin counts into packed
 * byte counters by a variable shift, the rest take numpy's exact test);
 * what AVX-512 saves is instructions: the comparisons land in mask
 * registers and the increments are masked adds (no blend, no movemask of
 * each comparison), and the bin converts to 64 bits in one instruction
 * (no 32-bit detour across lanes). About a third of the AVX2 loop's
 * instructions per value, which matters because the count, not memory,
 * bounds the AVX2 loop.
 */
#include "hist.h"

#include <immintrin.h>
#include <math.h>
#include <stdint.h>

/* vectors between flushes: a byte gets at most one increment each */
#define FLUSH 255

/* Adds the packed byte counters acc[0 .. na) to c (bins below nb). */
static void flush(const __m512i *acc, int na, size_t nb, uint64_t *c)
{
	uint64_t lane[8];

	for (int a = 0; a < na; a++) {
		_mm512_storeu_si512(lane, acc[a]);
		for (int l = 0; l < 8; l++)
			for (size_t b = 0; b < 8 && (size_t)a * 8 + b < nb; b++)
				c[(size_t)a * 8 + b] +=
				    (lane[l] >> (8 * b)) & 0xff;
	}
}

/* The exact bins of the lanes in mask (in range, not sure) of x. */
static void exact_lanes(const spr_hist_eq *q, const double *x, unsigned mask,
			uint64_t *c)
{
	for (int l = 0; l < 8; l++)
		if (mask & (1u << l))
			c[spr_hist_equal_bin(x[l], q->first, q->norm, q->e,
					     q->nb)]++;
}

void spr_hist_count_eq_avx512(const spr_hist_eq *q, const double *v, size_t n,
			      uint64_t *c)
{
	const __m512d first = _mm512_set1_pd(q->first);
	const __m512d last = _mm512_set1_pd(q->last);
	const __m512d norm = _mm512_set1_pd(q->norm);
	const __m512d lo = _mm512_set1_pd(q->tol);
	const __m512d hi = _mm512_set1_pd(1 - q->tol);
	const __m512i one = _mm512_set1_epi64(1);
	const __m512i k64 = _mm512_set1_epi64(64);
	const int na = (int)((q->nb + 7) / 8);
	__m512i acc[4];
	size_t i = 0;

	while (i + 8 <= n) {
		size_t end =
		    n - i < 8 * FLUSH ? i + (n - i) / 8 * 8 : i + 8 * FLUSH;
		for (int a = 0; a < 4; a++)
			acc[a] = _mm512_setzero_si512();
		for (; i < end; i += 8) {
			__m512d x = _mm512_loadu_pd(v + i);
			/* in [first, last] (not NaN) */
			__mmask8 ok = _mm512_mask_cmp_pd_mask(
			    _mm512_cmp_pd_mask(x, first, _CMP_GE_OQ), x, last,
			    _CMP_LE_OQ);
			__m512d t =
			    _mm512_mul_pd(_mm512_sub_pd(x, first), norm);
			/* t >= 0 where ok: truncation is the floor */
			__m512i k = _mm512_cvttpd_epi64(t);
			__m512d f = _mm512_sub_pd(t, _mm512_cvtepi64_pd(k));
			__mmask8 sure = _mm512_mask_cmp_pd_mask(
			    _mm512_mask_cmp_pd_mask(ok, f, lo, _CMP_GT_OQ), f,
			    hi, _CMP_LT_OQ);
			if (ok != sure)
				exact_lanes(q, v + i, ok & ~sure, c);
			/* the byte of bin k: register k / 8, byte k % 8 of
			 * the lane; a shift of 64 or more gives 0 */
			__m512i sh = _mm512_slli_epi64(k, 3);
			acc[0] = _mm512_mask_add_epi64(
			    acc[0], sure, acc[0], _mm512_sllv_epi64(one, sh));
			if (na > 1) {
				sh = _mm512_sub_epi64(sh, k64);
				acc[1] = _mm512_mask_add_epi64(
				    acc[1], sure, acc[1],
				    _mm512_sllv_epi64(one, sh));
			}
			if (na > 2) {
				sh = _mm512_sub_epi64(sh, k64);
				acc[2] = _mm512_mask_add_epi64(
				    acc[2], sure, acc[2],
				    _mm512_sllv_epi64(one, sh));
			}
			if (na > 3) {
				sh = _mm512_sub_epi64(sh, k64);
				acc[3] = _mm512_mask_add_epi64(
				    acc[3], sure, acc[3],
				    _mm512_sllv_epi64(one, sh));
			}
		}
		flush(acc, na, q->nb, c);
	}
	spr_hist_count_eq_tail(q, v + i, n - i, c);
}

void spr_hist_minmax_avx512(const double *v, size_t n, double *lo, double *hi)
{
	/* min/max return their second operand when either is NaN: the
	 * accumulator, so NaN is left out */
	__m512d a0 = _mm512_set1_pd(INFINITY), a1 = a0;
	__m512d b0 = _mm512_set1_pd(-INFINITY), b1 = b0;
	double l, h;
	size_t i = 0;

	for (; i + 16 <= n; i += 16) {
		__m512d x0 = _mm512_loadu_pd(v + i),
			x1 = _mm512_loadu_pd(v + i + 8);
		a0 = _mm512_min_pd(x0, a0);
		b0 = _mm512_max_pd(x0, b0);
		a1 = _mm512_min_pd(x1, a1);
		b1 = _mm512_max_pd(x1, b1);
	}
	l = _mm512_reduce_min_pd(_mm512_min_pd(a0, a1));
	h = _mm512_reduce_max_pd(_mm512_max_pd(b0, b1));
	for (; i < n; i++) {
		l = v[i] < l ? v[i] : l;
		h = v[i] > h ? v[i] : h;
	}
	*lo = l;
	*hi = h;
}
