/* SPDX-License-Identifier: MIT */
/*
 * Two doubles and two lane masks (GCC/Clang vector extensions: SSE2 on
 * x86-64, NEON on arm64, plain code elsewhere), for the passes over large
 * series (m4.c, extents.c).
 */
#ifndef SHMPLOT_RENDER_VEC2_H
#define SHMPLOT_RENDER_VEC2_H

typedef double v2d __attribute__((vector_size(16)));
typedef long long v2i __attribute__((vector_size(16)));

#if defined(__SSE2__)
#include <emmintrin.h>
/* minpd/maxpd are exactly a < b ? a : b and a > b ? a : b per lane: a NaN
 * in a gives b */
static inline v2d vec_min(v2d a, v2d b)
{
	return (v2d)_mm_min_pd((__m128d)a, (__m128d)b);
}

static inline v2d vec_max(v2d a, v2d b)
{
	return (v2d)_mm_max_pd((__m128d)a, (__m128d)b);
}

static inline int vec_all(v2i m)
{
	return _mm_movemask_pd((__m128d)m) == 3;
}
#else
static inline v2d vec_min(v2d a, v2d b)
{
	v2i m = a < b;
	return (v2d)(((v2i)a & m) | ((v2i)b & ~m));
}

static inline v2d vec_max(v2d a, v2d b)
{
	v2i m = a > b;
	return (v2d)(((v2i)a & m) | ((v2i)b & ~m));
}

static inline int vec_all(v2i m)
{
	return (m[0] & m[1]) != 0;
}
#endif

#endif /* SHMPLOT_RENDER_VEC2_H */
