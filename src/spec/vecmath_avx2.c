/* SPDX-License-Identifier: MIT */
/*
 * Elementwise kernels on glibc's vector math library (libmvec), 4 doubles
 * at a time with AVX2. This file alone is compiled with -mavx2 -mfma, and
 * nothing in it runs unless vecmath.c found both on the CPU.
 *
 * The tail goes through the same 4-wide call (padded), so every element
 * gets the same function whatever the slice it falls in: a series split
 * across processes (parfill.c) is bit-identical to one computed whole.
 */
#include <immintrin.h>
#include <stddef.h>
#include <string.h>

#define SP_VEC_KERNEL(f)                                                       \
	__m256d _ZGVdN4v_##f(__m256d);                                         \
	void sp_v##f##_avx2(const double *x, double *y, size_t n);             \
	void sp_v##f##_avx2(const double *x, double *y, size_t n)              \
	{                                                                      \
		size_t i = 0;                                                  \
		for (; i + 4 <= n; i += 4)                                     \
			_mm256_storeu_pd(                                      \
			    y + i, _ZGVdN4v_##f(_mm256_loadu_pd(x + i)));      \
		if (i < n) {                                                   \
			double in[4] = {0, 0, 0, 0}, out[4];                   \
			memcpy(in, x + i, (n - i) * sizeof *x);                \
			_mm256_storeu_pd(out,                                  \
					 _ZGVdN4v_##f(_mm256_loadu_pd(in)));   \
			memcpy(y + i, out, (n - i) * sizeof *y);               \
		}                                                              \
	}

SP_VEC_KERNEL(sin)
SP_VEC_KERNEL(cos)
SP_VEC_KERNEL(tan)
SP_VEC_KERNEL(asin)
SP_VEC_KERNEL(acos)
SP_VEC_KERNEL(atan)
SP_VEC_KERNEL(sinh)
SP_VEC_KERNEL(cosh)
SP_VEC_KERNEL(tanh)
SP_VEC_KERNEL(exp)
SP_VEC_KERNEL(log)
SP_VEC_KERNEL(log10)
SP_VEC_KERNEL(log2)
