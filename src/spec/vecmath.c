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
