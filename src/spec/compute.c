/* SPDX-License-Identifier: MIT */
/*
 * Pass 2 of the series: the data segment. Each described series gets its
 * place in one segment sized exactly, generated series are computed in
 * place (in groups, block by block, split across processes by
 * parfill.c), data files are read straight into it, and it is sealed.
 */
#define _GNU_SOURCE
#include "spec/spec_compute.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include "segment/segment.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static double neg(double v)
{
	return -v;
}

const sp_unary sp_unary_table[] = {
    {"sin", sin},     {"cos", cos},   {"tan", tan},   {"asin", asin},
    {"acos", acos},   {"atan", atan}, {"sinh", sinh}, {"cosh", cosh},
    {"tanh", tanh},   {"exp", exp},   {"log", log},   {"log10", log10},
    {"log2", log2},   {"sqrt", sqrt}, {"abs", fabs},  {"neg", neg},
    {"floor", floor}, {"ceil", ceil},
};
const size_t sp_unary_count = sizeof sp_unary_table / sizeof *sp_unary_table;

const char *const sp_binop_words[SP_NBINOP] = {"add", "sub", "mul", "div",
					       "pow"};
const char *const sp_binop_syms[SP_NBINOP] = {"+", "-", "*", "/", "^"};

/* One generated series being computed, for sp_parallel_fill(). */
typedef struct fill_ctx {
	const sp_series_def *s;
	double *v;
	const double *x, *y; /* operand series, NULL for a constant */
	sp_vec_fn vk;        /* a unary's vector kernel, or NULL */
} fill_ctx;

/* *slot (a double's bits, shared with the other fill processes) becomes
 * v where v is below it (above it with greater): lock-free, as each
 * process merges its slice's extremes. */
static void merge_extreme(uint64_t *slot, double v, int greater)
{
	uint64_t cur = __atomic_load_n(slot, __ATOMIC_RELAXED), bits;
	double c;
	for (;;) {
		memcpy(&c, &cur, sizeof c);
		if (greater ? !(v > c) : !(v < c))
			return;
		memcpy(&bits, &v, sizeof bits);
		if (__atomic_compare_exchange_n(slot, &cur, bits, 0,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return;
	}
}

static double binary(int op, double a, double b)
{
	switch (op) {
	case SP_OP_ADD:
		return a + b;
	case SP_OP_SUB:
		return a - b;
	case SP_OP_MUL:
		return a * b;
	case SP_OP_DIV:
		return a / b;
	default:
		return pow(a, b);
	}
}

/*
 * Computes elements [lo, hi) of a generated series. Pure (no allocation,
 * no locks): it also runs in the forked helpers of sp_parallel_fill().
 */
static void fill_range(void *p, size_t lo, size_t hi)
{
	const fill_ctx *c = p;
	const sp_series_def *s = c->s;
	double *v = c->v;
	double a = s->u.range.a, b = s->u.range.b;
	switch (s->gen) {
	case SP_GEN_LINSPACE: {
		double step = s->n > 1 ? (b - a) / (double)(s->n - 1) : 0;
		for (size_t j = lo; j < hi; j++)
			v[j] = a + (double)j * step;
		if (s->n > 1 && hi == s->n)
			v[s->n - 1] = b; /* exact end, as numpy */
		break;
	}
	case SP_GEN_ARANGE:
		for (size_t j = lo; j < hi; j++)
			v[j] = a + (double)j * b;
		break;
	case SP_GEN_UNARY: {
		if (c->vk) {
			c->vk(c->x + lo, v + lo, hi - lo);
			break;
		}
		double (*f)(double) = sp_unary_table[s->u.op.fn].fn;
		for (size_t j = lo; j < hi; j++)
			v[j] = f(c->x[j]);
		break;
	}
	case SP_GEN_BINARY:
		for (size_t j = lo; j < hi; j++)
			v[j] = binary(s->u.op.fn, c->x ? c->x[j] : s->u.op.k[0],
				      c->y ? c->y[j] : s->u.op.k[1]);
		break;
	default:
		break;
	}
}

/*
 * Consecutive generated series of one length are computed together: each
 * process of sp_parallel_fill() takes its slice of every one of them, block
 * by block, so x's block is still in cache when sin(x), cos(x) and tan(x)
 * read it, and a batch forks once rather than once per series. Elementwise
 * generators only read elements at the same index, and a series only uses
 * series above it, so going block by block computes the same values.
 */
#define FILL_GROUP_MAX 32
#define FILL_BLOCK     2048 /* elements: a block of 4 series fits in L1 */

/* Populating pages in one call pays off from this many elements. */

typedef struct fill_group {
	fill_ctx fc[FILL_GROUP_MAX];
	size_t count, n;
	volatile int *cancel; /* the caller's flag (NULL: none) */
	shmplot_data *d;
	/* lowest and greatest value of each series whose extremes are
	 * recorded (s->extremes), as double bits: shared with the fill's
	 * helper processes (MAP_SHARED), merged by each for its slice */
	uint64_t (*ext)[2];
} fill_group;

/* Maps the pages of v[lo, hi) writable in one call (sp_prefault_write). */
static void prefault(double *v, size_t lo, size_t hi)
{
	sp_prefault_write(v + lo, (hi - lo) * sizeof *v);
}

/* Computes [lo, hi) of each series of the group, block by block; the
 * extremes of a block are taken while it is in cache. */
static void fill_group_range(void *p, size_t lo, size_t hi)
{
	fill_group *g = p;
	double mn[FILL_GROUP_MAX], mx[FILL_GROUP_MAX];
	for (size_t k = 0; k < g->count; k++) {
		prefault(g->fc[k].v, lo, hi);
		mn[k] = INFINITY;
		mx[k] = -INFINITY;
	}
	for (size_t b = lo; b < hi; b += FILL_BLOCK) {
		size_t e = hi - b > FILL_BLOCK ? b + FILL_BLOCK : hi;
		for (size_t k = 0; k < g->count; k++) {
			fill_range(&g->fc[k], b, e);
			if (g->fc[k].s->extremes)
				sp_extremes(g->fc[k].v + b, e - b, &mn[k],
					    &mx[k]);
		}
	}
	for (size_t k = 0; k < g->count; k++)
		if (g->fc[k].s->extremes) {
			merge_extreme(&g->ext[k][0], mn[k], 0);
			merge_extreme(&g->ext[k][1], mx[k], 1);
		}
}

/* Records lo, hi as the extremes of s (see sp_data_set_extremes). */
static void record_extremes(shmplot_data *d, const sp_series_def *s, double lo,
			    double hi)
{
	/* only a sealed segment or an unknown id fails, neither here */
	(void)sp_data_set_extremes(d, s->id, lo, hi);
}

static shmplot_status flush_group(fill_group *g)
{
	shmplot_status st = SHMPLOT_OK;
	const double inf = INFINITY, minf = -INFINITY;
	for (size_t k = 0; k < g->count; k++) {
		memcpy(&g->ext[k][0], &inf, sizeof inf);
		memcpy(&g->ext[k][1], &minf, sizeof minf);
	}
	if (g->count)
		st = sp_parallel_fill(g->n, fill_group_range, g, g->cancel);
	for (size_t k = 0; !st && k < g->count; k++)
		if (g->fc[k].s->extremes) {
			double lo, hi;
			memcpy(&lo, &g->ext[k][0], sizeof lo);
			memcpy(&hi, &g->ext[k][1], sizeof hi);
			record_extremes(g->d, g->fc[k].s, lo, hi);
		}
	g->count = 0;
	return st;
}

static shmplot_status queue_fill(fill_group *g, const fill_ctx *fc)
{
	shmplot_status st = SHMPLOT_OK;
	if (g->count == FILL_GROUP_MAX || (g->count && g->n != fc->s->n))
		st = flush_group(g);
	g->n = fc->s->n;
	g->fc[g->count++] = *fc;
	return st;
}

/* Queues generated series s, whose values go to v. */
static shmplot_status queue_generated(shmplot_data *d, fill_group *g,
				      const sp_series_def *s, double *v)
{
	fill_ctx fc = {s, v, NULL, NULL, NULL};
	if (s->gen == SP_GEN_UNARY || s->gen == SP_GEN_BINARY) {
		if (s->u.op.src[0] != SP_NONE)
			fc.x = shmplot_data_values(d, s->u.op.src[0], NULL);
		if (s->u.op.src[1] != SP_NONE)
			fc.y = shmplot_data_values(d, s->u.op.src[1], NULL);
	}
	if (s->gen == SP_GEN_UNARY)
		fc.vk = sp_vec_kernel(sp_unary_table[s->u.op.fn].name);
	/* Computed with its neighbours, split across processes. */
	return queue_fill(g, &fc);
}

static int generated(const sp_series_def *s)
{
	return s->gen == SP_GEN_LINSPACE || s->gen == SP_GEN_ARANGE ||
	       s->gen == SP_GEN_UNARY || s->gen == SP_GEN_BINARY;
}

/*
 * Series i: its place in the segment, then its values or its queueing;
 * a series left out (not used by a shard) has its place and no points.
 */
static shmplot_status fill_series(const sp_model *m, shmplot_data *d, size_t i,
				  int left_out, fill_group *g, sp_problems *pr)
{
	const sp_series_def *s = &m->series[i];
	char path[SP_PATH_BUF], err[SP_ERRLEN];
	shmplot_series id;
	double *v;
	sp_path_key(path, "series", sp_text_get(&m->text, s->name));
	if (shmplot_data_alloc(d, sp_text_get(&m->text, s->name),
			       left_out ? 0 : s->n, &v, &id)) {
		sp_problem(pr, path, "%s", shmplot_data_errmsg(d));
		return SHMPLOT_E_NOSPACE;
	}
	if (id != s->id) {
		sp_problem(pr, path, "internal error: id %u, planned %u",
			   (unsigned)id, (unsigned)s->id);
		return SHMPLOT_E_SYSTEM;
	}
	if (left_out)
		return SHMPLOT_OK;
	if (s->cols && shmplot_data_set_shape(d, id, s->n / s->cols, s->cols)) {
		sp_problem(pr, path, "%s", shmplot_data_errmsg(d));
		return SHMPLOT_E_SYSTEM;
	}
	if (generated(s))
		return queue_generated(d, g, s, v);
	shmplot_status st = flush_group(g);
	if (st)
		return st;
	if (s->gen == SP_GEN_VALUES)
		memcpy(v, s->u.values, s->n * sizeof *v);
	else if (s->gen == SP_GEN_CSV)
		memcpy(v, s->u.col->v, s->n * sizeof *v);
	else if (sp_array_read(s->u.file.path, &s->u.file.info, v, err,
			       sizeof err)) {
		sp_problem(pr, path, "%s", err);
		return SHMPLOT_E_INVALID;
	}
	if (s->extremes) {
		/* values, a CSV column or a file: one pass over what was just
		 * written (a generated series' are taken as it is computed) */
		double lo = INFINITY, hi = -INFINITY;
		sp_extremes(v, s->n, &lo, &hi);
		record_extremes(d, s, lo, hi);
	}
	return SHMPLOT_OK;
}

shmplot_status sp_segment_plan(const sp_model *m, uint8_t *used,
			       sp_problems *pr, size_t *nfill, size_t *npoints)
{
	size_t total = 0, count = 0;
	/* A series uses only series above it: one pass upwards closes it. */
	for (size_t i = m->nseries; used && i-- > 0;) {
		const sp_series_def *s = &m->series[i];
		if (!used[i] ||
		    (s->gen != SP_GEN_UNARY && s->gen != SP_GEN_BINARY))
			continue;
		for (int k = 0; k < 2; k++)
			if (s->u.op.src[k] != SP_NONE)
				used[s->u.op.src[k]] = 1;
	}
	for (size_t i = 0; i < m->nseries; i++) {
		if (used && !used[i])
			continue;
		count++;
		if (sp_add(total, m->series[i].n, &total)) {
			sp_problem(pr, "series", "too many points in all");
			return SHMPLOT_E_INVALID;
		}
	}
	*nfill = count;
	*npoints = total;
	return SHMPLOT_OK;
}

static shmplot_status fill_all(const sp_model *m, const uint8_t *used,
			       volatile int *cancel, shmplot_data *d,
			       sp_problems *pr)
{
	shmplot_status st = SHMPLOT_OK;
	fill_group *g = malloc(sizeof *g);
	if (!g) {
		sp_problem(pr, NULL, "out of memory");
		return SHMPLOT_E_NOMEM;
	}
	g->count = 0;
	g->cancel = cancel;
	g->d = d;
	g->ext =
	    mmap(NULL, FILL_GROUP_MAX * sizeof *g->ext, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (g->ext == MAP_FAILED) {
		free(g);
		sp_problem(pr, NULL, "out of memory");
		return SHMPLOT_E_NOMEM;
	}
	for (size_t i = 0; i < m->nseries && !st; i++)
		st = cancel && *cancel
			 ? SHMPLOT_E_INTERRUPTED
			 : fill_series(m, d, i, used && !used[i], g, pr);
	if (!st)
		st = flush_group(g);
	munmap(g->ext, FILL_GROUP_MAX * sizeof *g->ext);
	free(g);
	if (st == SHMPLOT_E_INTERRUPTED)
		sp_problem(pr, NULL, "interrupted while computing the series");
	return st;
}

shmplot_status sp_segment_build(const sp_model *m, const uint8_t *used,
				size_t npoints, volatile int *cancel,
				sp_problems *pr, shmplot_data **out)
{
	char err[SP_ERRLEN];
	shmplot_data *d;
	shmplot_status st = shmplot_data_new(&d, m->nseries ? m->nseries : 1,
					     npoints, err, sizeof err);
	if (st) {
		sp_problem(pr, NULL, "cannot create the data segment: %s", err);
		return st;
	}
	st = fill_all(m, used, cancel, d, pr);
	if (!st && shmplot_data_seal(d)) {
		sp_problem(pr, NULL, "%s", shmplot_data_errmsg(d));
		st = SHMPLOT_E_SYSTEM;
	}
	if (st) {
		shmplot_data_free(d);
		return st;
	}
	*out = d;
	return SHMPLOT_OK;
}
