/* SPDX-License-Identifier: MIT */
/*
 * Which elementwise generators have a vector kernel (vecmath_avx2.c, on
 * glibc's libmvec): with AVX2 and FMA, sin, cos and tan of a series cost
 * about 1.2 ns an element instead of 6-8 ns (measured on the benchmark
 * machine), which is most of computing the seed job's series. glibc
 * documents its vector functions to within 4 ulp of the scalar ones (3
 * measured on sin, cos and tan of the seed's x), so the same spec can give
 * last-bit differences between a machine with AVX2 and one without; on one
 * machine the values never depend on -j or sharding.
 * SHMPLOT_NO_VECTOR_MATH in the environment turns the kernels off (libm's
 * scalar functions, bit for bit).
 */
#include "spec/spec_compute.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifdef SHMPLOT_HAVE_LIBMVEC
#define SP_VEC_DECL(f) void sp_v##f##_avx2(const double *, double *, size_t);
SP_VEC_DECL(sin)
SP_VEC_DECL(cos)
SP_VEC_DECL(tan)
SP_VEC_DECL(asin)
SP_VEC_DECL(acos)
SP_VEC_DECL(atan)
SP_VEC_DECL(sinh)
SP_VEC_DECL(cosh)
SP_VEC_DECL(tanh)
SP_VEC_DECL(exp)
SP_VEC_DECL(log)
SP_VEC_DECL(log10)
SP_VEC_DECL(log2)

static const struct {
	const char *name;
	sp_vec_fn fn;
} kernels[] = {
    {"sin", sp_vsin_avx2},   {"cos", sp_vcos_avx2},   {"tan", sp_vtan_avx2},
    {"asin", sp_vasin_avx2}, {"acos", sp_vacos_avx2}, {"atan", sp_vatan_avx2},
    {"sinh", sp_vsinh_avx2}, {"cosh", sp_vcosh_avx2}, {"tanh", sp_vtanh_avx2},
    {"exp", sp_vexp_avx2},   {"log", sp_vlog_avx2},   {"log10", sp_vlog10_avx2},
    {"log2", sp_vlog2_avx2},
};
#endif

sp_vec_fn sp_vec_kernel(const char *name)
{
#ifdef SHMPLOT_HAVE_LIBMVEC
	if (getenv("SHMPLOT_NO_VECTOR_MATH") ||
	    !__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma"))
		return NULL;
	for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++)
		if (!strcmp(kernels[i].name, name))
			return kernels[i].fn;
#else
	(void)name;
#endif
	return NULL;
}

void sp_extremes(const double *v, size_t n, double *lo, double *hi)
{
	double l = *lo, h = *hi;
	size_t i = 0;
#ifdef __SSE2__
	/* four independent pairs of accumulators, two values each: minpd
	 * returns its second operand (the accumulator) when the value is NaN,
	 * as the comparison below does. About 0.2 ns a value in cache, where
	 * one scalar chain waits on each comparison (1.2 ns). */
	__m128d l0 = _mm_set1_pd(l), l1 = l0, l2 = l0, l3 = l0;
	__m128d h0 = _mm_set1_pd(h), h1 = h0, h2 = h0, h3 = h0;
	double a[2], b[2];
	for (; i + 8 <= n; i += 8) {
		__m128d x0 = _mm_loadu_pd(v + i), x1 = _mm_loadu_pd(v + i + 2);
		__m128d x2 = _mm_loadu_pd(v + i + 4),
			x3 = _mm_loadu_pd(v + i + 6);
		l0 = _mm_min_pd(x0, l0);
		h0 = _mm_max_pd(x0, h0);
		l1 = _mm_min_pd(x1, l1);
		h1 = _mm_max_pd(x1, h1);
		l2 = _mm_min_pd(x2, l2);
		h2 = _mm_max_pd(x2, h2);
		l3 = _mm_min_pd(x3, l3);
		h3 = _mm_max_pd(x3, h3);
	}
	_mm_storeu_pd(a, _mm_min_pd(_mm_min_pd(l0, l1), _mm_min_pd(l2, l3)));
	_mm_storeu_pd(b, _mm_max_pd(_mm_max_pd(h0, h1), _mm_max_pd(h2, h3)));
	l = a[0] < a[1] ? a[0] : a[1];
	h = b[0] > b[1] ? b[0] : b[1];
#endif
	for (; i < n; i++) {
		l = v[i] < l ? v[i] : l;
		h = v[i] > h ? v[i] : h;
	}
	*lo = l;
	*hi = h;
}
