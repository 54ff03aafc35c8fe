/* SPDX-License-Identifier: MIT */
/*
 * Private to render/kinds/hist.c and its tests: numpy 1.24's histogram
 * (numpy/lib/histograms.py, BSD-3-Clause: the bin edges, the counting
 * rule and the "auto", "fd" and "sturges" estimators are numpy's, in our
 * own code) over a series read where it lies.
 */
#ifndef SHMPLOT_RENDER_KINDS_HIST_H
#define SHMPLOT_RENDER_KINDS_HIST_H

#include <stddef.h>
#include <stdint.h>

enum spr_hist_rule {
	SPR_HIST_COUNT = 0, /* nbins equal bins */
	SPR_HIST_AUTO,
	SPR_HIST_FD,
	SPR_HIST_STURGES
};

typedef struct spr_hist_in {
	const double *v; /* the data; NaN and +-inf are left out */
	size_t n;
	const double *w;     /* weights (n) or NULL */
	const double *edges; /* explicit edges (nedges, increasing) or NULL */
	size_t nedges;
	size_t nbins;  /* SPR_HIST_COUNT */
	int rule;      /* enum spr_hist_rule */
	int has_range; /* range given: lo, hi */
	double lo, hi;
	/* the data's least and greatest finite values are known (recorded
	 * when the series was computed: spr_series.extremes): no min/max
	 * pass for the data's range */
	int has_extremes;
	double xlo, xhi;
} spr_hist_in;

/*
 * Edges (nbins + 1) and counts (nbins, weighted sums with weights),
 * malloc'd into *edges and *counts. Returns nbins, or 0 when out of
 * memory (nothing allocated). Equal bins are found arithmetically as
 * numpy does (then corrected against the edges: the last bin holds its
 * right edge), explicit edges by binary search; one pass over the data
 * with a range, explicit edges or the data's extremes known, one more for
 * the data's own range otherwise, and
 * for "fd"/"auto" a copy of the kept data for the quartiles (selection,
 * O(n)).
 */
size_t spr_hist_count(const spr_hist_in *in, double **edges, double **counts);

/*
 * The widest vector code the counts and the min/max may use (for tests
 * and benchmarks, which compare each with the scalar code; the default is
 * the widest the CPU runs): SPR_HIST_VEC_NONE, _AVX2 or _AVX512. Not
 * thread-safe: set it before counting.
 */
enum { SPR_HIST_VEC_NONE, SPR_HIST_VEC_AVX2, SPR_HIST_VEC_AVX512 };
void spr_hist_limit_vector(int widest);

/* Bins at most: a count or an estimator beyond this is refused/clamped. */
#define SPR_HIST_MAX_BINS 10000000

/*
 * Bin of x in [first, last] with nb equal bins of edges e, numpy's way:
 * the index from the value (norm = nb / (last - first)), then moved by one
 * where rounding put it beside the edge it belongs to (the last bin holds
 * its right edge). Any estimate within one bin gives numpy's bin.
 */
static inline size_t spr_hist_equal_bin(double x, double first, double norm,
					const double *e, size_t nb)
{
	/* a signed conversion: one instruction (x >= first, so it is >= 0) */
	size_t k = (size_t)(int64_t)((x - first) * norm);
	k -= k == nb;
	if (x < e[k])
		k--;
	else if (k != nb - 1 && x >= e[k + 1])
		k++;
	return k;
}

/* Equal bins, for the vector counter: edges e[0 .. nb], first = e[0],
 * last = e[nb]; a value whose position (x - first) * norm lies farther
 * than tol from the nearest integer is in the bin below it. */
typedef struct spr_hist_eq {
	double first, last, norm, tol;
	const double *e;
	size_t nb;
} spr_hist_eq;

/* Adds the count of each bin of v[0 .. n) in [first, last] to c, one
 * value at a time (the vector counters' last few values). */
static inline void spr_hist_count_eq_tail(const spr_hist_eq *q, const double *v,
					  size_t n, uint64_t *c)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] >= q->first && v[i] <= q->last) /* not NaN */
			c[spr_hist_equal_bin(v[i], q->first, q->norm, q->e,
					     q->nb)]++;
}

/* Bins the vector counter takes at most (byte counters in four
 * registers, one slot for values it does not count). */
#define SPR_HIST_VEC_BINS 31

/* Adds the count of each bin of the values v[0 .. n) in [first, last] to
 * c[0 .. nb) (kinds/hist_count_avx2.c; only on a CPU with AVX2). */
void spr_hist_count_eq_avx2(const spr_hist_eq *q, const double *v, size_t n,
			    uint64_t *c);

/* The least and greatest of v[0 .. n) (NaN left out; +inf and -inf kept;
 * +inf, -inf when none), 4 at a time (kinds/hist_count_avx2.c). */
void spr_hist_minmax_avx2(const double *v, size_t n, double *lo, double *hi);

/* The same two, 8 values at a time (kinds/hist_count_avx512.c; only on a
 * CPU and OS with AVX-512F and DQ). */
void spr_hist_count_eq_avx512(const spr_hist_eq *q, const double *v, size_t n,
			      uint64_t *c);
void spr_hist_minmax_avx512(const double *v, size_t n, double *lo, double *hi);

#endif /* SHMPLOT_RENDER_KINDS_HIST_H */
