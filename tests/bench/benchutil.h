/* SPDX-License-Identifier: MIT */
/* Timing helpers shared by the benchmark programs in tests/bench/. */
#ifndef SHMPLOT_BENCHUTIL_H
#define SHMPLOT_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

/* Monotonic clock in seconds. */
static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median of v[0..n) (n >= 1); sorts v. */
static inline double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
