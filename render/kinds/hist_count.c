/* SPDX-License-Identifier: MIT */
/*
 * numpy 1.24's histogram over a series where it lies (the shared segment
 * in a worker): numpy/lib/histograms.py (BSD-3-Clause, see LICENSE's
 * notices) defines the edges (linspace), the counting rule (the index
 * computed, then corrected against the edges; the last bin includes its
 * right edge), and the "auto", "fd" and "sturges" bin widths; this is
 * our own code for the same numbers.
 */
#include "hist.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Values a thread counts at least: below, one thread counts them all. */
#define THREAD_MIN  ((size_t)1 << 22)
#define MAX_THREADS 2
#define THREAD_BINS ((size_t)1 << 16)

/* Finite min and max of v (NaN, +-inf left out); 0 kept when none. */
/* One thread's share of the min/max pass: v[0 .. n) into lo, hi. */
typedef struct mm_part {
	const double *v;
	size_t n;
	double lo, hi;
} mm_part;

static int have_avx2(void);
static int have_avx512(void);
/* The widest vector code allowed (spr_hist_limit_vector). */
static int vector_limit = SPR_HIST_VEC_AVX512;

/* Min and max of a part, NaN left out (+-inf kept: see finite_range). */
static void *minmax_part(void *arg)
{
	mm_part *p = arg;
	double a[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
	double b[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
	const double *v = p->v;
	size_t i = 0, n = p->n;

#ifdef SHMPLOT_HIST_AVX2
	if (have_avx512()) {
		spr_hist_minmax_avx512(v, n, &p->lo, &p->hi);
		return NULL;
	}
	if (have_avx2()) {
		spr_hist_minmax_avx2(v, n, &p->lo, &p->hi);
		return NULL;
	}
#endif
	/* four independent chains; NaN fails both comparisons */
	for (; i + 4 <= n; i += 4)
		for (int j = 0; j < 4; j++) {
			double x = v[i + j];
			a[j] = x < a[j] ? x : a[j];
			b[j] = x > b[j] ? x : b[j];
		}
	for (; i < n; i++) {
		a[0] = v[i] < a[0] ? v[i] : a[0];
		b[0] = v[i] > b[0] ? v[i] : b[0];
	}
	p->lo = fmin(fmin(a[0], a[1]), fmin(a[2], a[3]));
	p->hi = fmax(fmax(b[0], b[1]), fmax(b[2], b[3]));
	return NULL;
}

static size_t finite_range(const double *v, size_t n, double *lo, double *hi)
{
	mm_part pt[2] = {{v, n, 0, 0}, {NULL, 0, INFINITY, -INFINITY}};
	pthread_t th;
	int two = 0;
	size_t k = 0, i;

	/* a large series: two threads, each half (as the count) */
	if (n >= 2 * THREAD_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1) {
		pt[0].n = n / 2;
		pt[1] = (mm_part){v + n / 2, n - n / 2, INFINITY, -INFINITY};
		two = pthread_create(&th, NULL, minmax_part, &pt[1]) == 0;
		if (!two)
			minmax_part(&pt[1]);
	}
	minmax_part(&pt[0]);
	if (two)
		pthread_join(th, NULL);
	*lo = fmin(pt[0].lo, pt[1].lo);
	*hi = fmax(pt[0].hi, pt[1].hi);
	/* +-inf are caught here */
	if (isfinite(*lo) && isfinite(*hi))
		return 1;
	/* an infinity (numpy refuses the range; it is left out here as NaN
	 * is): the finite extremes, the slow way */
	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < n; i++) {
		double x = v[i];
		if (x - x == 0) { /* false for NaN and +-inf */
			*lo = x < *lo ? x : *lo;
			*hi = x > *hi ? x : *hi;
			k++;
		}
	}
	return k;
}

/* The k-th smallest of a[0 .. n) (a reordered: Hoare's selection with a
 * median-of-three pivot, O(n) expected). */
static double select_kth(double *a, size_t n, size_t k)
{
	size_t l = 0, r = n - 1;

	while (r > l) {
		size_t m = l + (r - l) / 2;
		double p0 = a[l], p1 = a[m], p2 = a[r];
		double piv = p0 < p1 ? (p1 < p2 ? p1 : (p0 < p2 ? p2 : p0))
				     : (p0 < p2 ? p0 : (p1 < p2 ? p2 : p1));
		size_t i = l, j = r;
		while (i <= j) {
			while (a[i] < piv)
				i++;
			while (a[j] > piv)
				j--;
			if (i <= j) {
				double t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			r = j;
		else if (k >= i)
			l = i;
		else
			return a[k];
	}
	return a[k];
}

/* numpy's percentile (linear), q in [0, 1], of the n values of a
 * (reordered). */
static double percentile(double *a, size_t n, double q)
{
	double pos = q * (double)(n - 1), t;
	size_t lo = (size_t)floor(pos);
	double va = select_kth(a, n, lo), vb = va;

	t = pos - (double)lo;
	if (lo + 1 < n) {
		/* the next order statistic: the least of what lies above */
		vb = a[lo + 1];
		for (size_t i = lo + 2; i < n; i++)
			vb = a[i] < vb ? a[i] : vb;
	}
	/* numpy's _lerp: from the nearer end */
	return t >= 0.5 ? vb - (vb - va) * (1 - t) : va + (vb - va) * t;
}

/* The estimator's bin width over the kept data (numpy's _hist_bin_*);
 * -1 when out of memory. */
static double rule_width(const spr_hist_in *in, double first, double last,
			 size_t *kept)
{
	double mn = INFINITY, mx = -INFINITY, *copy = NULL, iqr = 0;
	size_t k = 0;

	for (size_t i = 0; i < in->n; i++) {
		double x = in->v[i];
		if (x >= first && x <= last && x - x == 0) {
			mn = x < mn ? x : mn;
			mx = x > mx ? x : mx;
			k++;
		}
	}
	*kept = k;
	if (!k)
		return 0;
	if (in->rule != SPR_HIST_STURGES) {
		if (k > SIZE_MAX / sizeof *copy ||
		    !(copy = malloc(k * sizeof *copy)))
			return -1;
		k = 0;
		for (size_t i = 0; i < in->n; i++) {
			double x = in->v[i];
			if (x >= first && x <= last && x - x == 0)
				copy[k++] = x;
		}
		double p75 = percentile(copy, k, 0.75);
		double p25 = percentile(copy, k, 0.25);
		iqr = p75 - p25;
		free(copy);
	}
	double sturges = (mx - mn) / (log2((double)k) + 1.0);
	double fd = 2.0 * iqr * pow((double)k, -1.0 / 3.0);
	if (in->rule == SPR_HIST_STURGES)
		return sturges;
	if (in->rule == SPR_HIST_FD)
		return fd;
	return fd ? fmin(fd, sturges) : sturges;
}

/* Lanes of unweighted counts: consecutive values count into different
 * arrays, so a run of values in one bin does not wait on its own
 * increments (store-to-load forwarding); only for few bins. */
#define LANES     4
#define LANE_BINS 4096

enum { VEC_AVX2 = SPR_HIST_VEC_AVX2, VEC_AVX512 = SPR_HIST_VEC_AVX512 };

/* One thread's share of an unweighted count: v[i0 .. i1) into c. */
typedef struct part {
	const double *v;
	size_t n;
	const spr_hist_eq *q;
	int vec; /* a vector counter applies: VEC_AVX2 or VEC_AVX512 */
	uint64_t *c;
} part;

/* The scalar count of a part, in lanes when the bins are few. */
static void count_scalar(const part *p)
{
	const spr_hist_eq *q = p->q;
	const double *v = p->v;
	size_t nb = q->nb, i = 0;
	uint64_t *lane =
	    nb <= LANE_BINS ? calloc(LANES * nb, sizeof *lane) : NULL;

	if (!lane) {
		for (; i < p->n; i++)
			if (v[i] >= q->first && v[i] <= q->last) /* not NaN */
				p->c[spr_hist_equal_bin(v[i], q->first, q->norm,
							q->e, nb)]++;
		return;
	}
	for (; i + LANES <= p->n; i += LANES)
		for (size_t j = 0; j < LANES; j++) {
			double x = v[i + j];
			if (x >= q->first && x <= q->last)
				lane[j * nb + spr_hist_equal_bin(x, q->first,
								 q->norm, q->e,
								 nb)]++;
		}
	for (; i < p->n; i++) {
		double x = v[i];
		if (x >= q->first && x <= q->last)
			lane[spr_hist_equal_bin(x, q->first, q->norm, q->e,
						nb)]++;
	}
	for (size_t k = 0; k < nb; k++)
		for (size_t j = 0; j < LANES; j++)
			p->c[k] += lane[j * nb + k];
	free(lane);
}

static void *count_part(void *arg)
{
	part *p = arg;

#ifdef SHMPLOT_HIST_AVX2
	if (p->vec == VEC_AVX512) {
		spr_hist_count_eq_avx512(p->q, p->v, p->n, p->c);
		return NULL;
	}
	if (p->vec == VEC_AVX2) {
		spr_hist_count_eq_avx2(p->q, p->v, p->n, p->c);
		return NULL;
	}
#endif
	count_scalar(p);
	return NULL;
}

/* Whether this CPU runs the AVX2 counter (checked once). */
static int have_avx2(void)
{
#ifdef SHMPLOT_HIST_AVX2
	static int known = -1;
	if (known < 0) {
		__builtin_cpu_init();
		known = __builtin_cpu_supports("avx2") != 0;
	}
	return known && vector_limit >= SPR_HIST_VEC_AVX2;
#else
	return 0;
#endif
}

/* Whether this CPU (and the OS, which must save the 512-bit registers)
 * runs the AVX-512 counter: F and DQ (checked once; libgcc's check reads
 * XCR0 as well as CPUID). */
static int have_avx512(void)
{
#ifdef SHMPLOT_HIST_AVX2
	static int known = -1;
	if (known < 0) {
		__builtin_cpu_init();
		known = __builtin_cpu_supports("avx512f") &&
			__builtin_cpu_supports("avx512dq");
	}
	return known && vector_limit >= SPR_HIST_VEC_AVX512;
#else
	return 0;
#endif
}

void spr_hist_limit_vector(int widest)
{
	vector_limit = widest;
}

/* The vector counter for bins of q, if any: the widest the CPU runs. */
static int vector_counter(const spr_hist_eq *q)
{
	if (q->nb > SPR_HIST_VEC_BINS || !(q->tol < 0.25))
		return 0;
	return have_avx512() ? VEC_AVX512 : have_avx2() ? VEC_AVX2 : 0;
}

/*
 * Unweighted counts of equal bins: the AVX2 counter for few bins where
 * the edges are resolved well enough, else the scalar lanes; a large
 * series split between two threads (a worker draws one figure; the
 * threads live only here, joined before it returns, and allocate nothing
 * on the AVX2 path). 0, or -1 out of memory.
 */
static int count_unweighted(const spr_hist_in *in, const double *e, size_t nb,
			    double *c)
{
	spr_hist_eq q = {e[0], e[nb], (double)nb / (e[nb] - e[0]), 0, e, nb};
	part pt[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	int started[MAX_THREADS] = {0}, nt = 1;
	uint64_t *cnt;

	/* several threads for many values, each counting into its own
	 * bins (so not for very many bins) */
	if (in->n >= 2 * THREAD_MIN && nb <= THREAD_BINS &&
	    sysconf(_SC_NPROCESSORS_ONLN) > 1)
		nt = MAX_THREADS;
	if (!(cnt = calloc((size_t)nt * nb, sizeof *cnt)))
		return -1;
	/* the rounding of t and of the edges, in bins, with room to spare */
	q.tol =
	    32 * DBL_EPSILON *
	    ((fabs(q.first) + fabs(q.last)) / (e[1] - e[0]) + (double)nb + 1);
	for (int t = 0; t < nt; t++) {
		size_t i0 = in->n / (size_t)nt * (size_t)t;
		size_t i1 =
		    t == nt - 1 ? in->n : in->n / (size_t)nt * (size_t)(t + 1);
		pt[t] = (part){in->v + i0, i1 - i0, &q, vector_counter(&q),
			       cnt + (size_t)t * nb};
	}
	for (int t = 1; t < nt; t++)
		started[t] =
		    pthread_create(&th[t], NULL, count_part, &pt[t]) == 0;
	count_part(&pt[0]);
	for (int t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			count_part(&pt[t]);
	}
	for (int t = 0; t < nt; t++)
		for (size_t k = 0; k < nb; k++)
			c[k] += (double)cnt[(size_t)t * nb + k];
	free(cnt);
	return 0;
}

/* Weighted counts of equal bins: in order, one sum a bin. */
static void count_weighted(const spr_hist_in *in, const double *e, size_t nb,
			   double *c)
{
	const double first = e[0], last = e[nb];
	const double norm = (double)nb / (last - first);

	for (size_t i = 0; i < in->n; i++) {
		double x = in->v[i];
		if (x >= first && x <= last) /* not NaN */
			c[spr_hist_equal_bin(x, first, norm, e, nb)] +=
			    in->w[i];
	}
}

/* Counts with explicit edges: binary search (numpy's searchsorted). */
static void count_edges(const spr_hist_in *in, const double *e, size_t nb,
			double *c)
{
	for (size_t i = 0; i < in->n; i++) {
		double x = in->v[i];
		size_t lo = 0;
		if (!(x >= e[0] && x <= e[nb]))
			continue;
		/* the last edge e[lo] <= x, below nb; branch-free halving
		 * (the comparisons are unpredictable on real data) */
		for (size_t len = nb; len > 1;) {
			size_t half = len / 2;
			lo = e[lo + half] <= x ? lo + half : lo;
			len -= half;
		}
		c[lo] += in->w ? in->w[i] : 1;
	}
}

size_t spr_hist_count(const spr_hist_in *in, double **edges, double **counts)
{
	double first = in->lo, last = in->hi, *e, *c;
	size_t nb = in->nbins;

	*edges = *counts = NULL;
	if (in->edges) {
		nb = in->nedges - 1;
		if (!(e = malloc(in->nedges * sizeof *e)))
			return 0;
		memcpy(e, in->edges, in->nedges * sizeof *e);
	} else {
		if (!in->has_range && in->has_extremes) {
			first = in->xlo;
			last = in->xhi;
		} else if (!in->has_range &&
			   !finite_range(in->v, in->n, &first, &last)) {
			first = 0; /* numpy: no data, range (0, 1) */
			last = 1;
		}
		if (first == last) {
			first -= 0.5;
			last += 0.5;
		}
		if (in->rule != SPR_HIST_COUNT) {
			size_t kept;
			double h = rule_width(in, first, last, &kept);
			if (h < 0)
				return 0;
			nb = 1;
			if (h > 0) {
				double q = ceil((last - first) / h);
				nb = q > SPR_HIST_MAX_BINS ? SPR_HIST_MAX_BINS
							   : (size_t)q;
			}
		}
		if (!(e = malloc((nb + 1) * sizeof *e)))
			return 0;
		/* numpy's linspace: start + i * step, the end exactly */
		double step = (last - first) / (double)nb;
		for (size_t i = 0; i < nb; i++)
			e[i] = first + (double)i * step;
		e[nb] = last;
	}
	if (!(c = calloc(nb, sizeof *c))) {
		free(e);
		return 0;
	}
	if (in->edges) {
		count_edges(in, e, nb, c);
	} else if (in->w) {
		count_weighted(in, e, nb, c);
	} else if (count_unweighted(in, e, nb, c) != 0) {
		free(e);
		free(c);
		return 0;
	}
	*edges = e;
	*counts = c;
	return nb;
}
