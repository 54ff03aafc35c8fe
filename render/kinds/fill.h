/* SPDX-License-Identifier: MIT */
/*
 * Private to kinds/fill.c and kinds/fill_poly.c: fill_between's data,
 * its polygons' vertices and clipping, and the reduction of long bands.
 */
#ifndef SHMPLOT_RENDER_KINDS_FILL_H
#define SHMPLOT_RENDER_KINDS_FILL_H

#include "item.h"

/* Agg's PathSnapper: longer paths are never snapped */
#define SNAP_MAX_VERTICES 1024
/* rows kept beyond the view when bounds are folded into it */
#define ROW_SLACK 2

enum fill_step { STEP_NONE = 0, STEP_PRE, STEP_POST, STEP_MID };

typedef struct fdata {
	const double *ind, *d1, *d2, *where; /* d1, d2, where may be NULL */
	double c1, c2;                       /* d1, d2 when NULL */
	size_t n;
	int step;
} fdata;

static inline double dep1(const fdata *d, size_t i)
{
	return d->d1 ? d->d1[i] : d->c1;
}

static inline double dep2(const fdata *d, size_t i)
{
	return d->d2 ? d->d2[i] : d->c2;
}

/* matplotlib's mask: every value finite, and where (as bool) true. */
static inline int valid(const fdata *d, size_t i)
{
	return isfinite(d->ind[i]) && isfinite(dep1(d, i)) &&
	       isfinite(dep2(d, i)) && (!d->where || d->where[i] != 0);
}

/* The vertices a run of n points becomes in the step style. */
static inline size_t nverts(int step, size_t n)
{
	return step == STEP_NONE ? n : step == STEP_MID ? 2 * n : 2 * n - 1;
}

/* px of v on m; a value <= 0 on a log axis lies far beyond the low end,
 * where matplotlib's clipping log transform puts it. */
static inline double px(const spr_map *m, double v)
{
	double p = spr_map_px(m, v);

	if (isnan(p) && m->log && v <= 0 && !isnan(v))
		p = m->p0 + (m->p0 > m->p1 ? 1e6 : -1e6);
	return p;
}

/*
 * Where polygons go: clipped (Sutherland-Hodgman, streamed through four
 * stages) to the view plus a slack, in double precision, since a bound
 * may map anywhere up to 1e15 px and cairo's fixed point holds +-8e6;
 * then to cairo's path. Points arrive as (u, v): independent, dependent.
 */
typedef struct sink {
	cairo_t *cr;
	const spr_map *mi, *md;
	int swap;       /* fill_betweenx: u is y */
	int snap;       /* snap every vertex (an aligned short polygon) */
	double snap_lw; /* for the edge's width (0: none, whole pixels) */
	double lim[4];
	int n[4];
	double fx[4], fy[4], px[4], py[4];
	size_t out;
} sink;

typedef struct hist {
	double *M, *S, *D;
	int lo, hi; /* rows touched (lo > hi: none) */
} hist;

typedef struct reducer {
	sink *k;
	double base; /* device row of r = 0 */
	int R;       /* rows 0 .. R - 1, values folded into [0, R] */
	hist h[2];   /* 0: the lower bound, 1: the upper */
} reducer;

/* Vertex k of the run of n points from i0, expanded in d's step style. */
void fill_vert(const fdata *d, size_t i0, size_t n, size_t k, double *u,
	       double *v1, double *v2);
/* matplotlib's interpolated start/end vertex at the crossing before idx. */
void fill_interp(const fdata *d, size_t idx, double *u, double *v);

/* A vertex of the polygon being built, in device px (u, v) / in data
 * (a vertex_fn on a sink); fill_clip_close(k, 0) ends the polygon. */
void fill_sink_dev(sink *k, double u, double v);
void fill_sink_data(void *ctx, double u, double v);
void fill_clip_close(sink *k, int s);

typedef void (*vertex_fn)(void *ctx, double u, double v);
/* The run's polygon as matplotlib builds it, vertex by vertex into fn. */
void fill_walk(const fdata *d, size_t i0, size_t n, int interp, vertex_fn fn,
	       void *ctx);

/* Whether every edge is horizontal or vertical: walk with fill_aligned. */
typedef struct aligned_state {
	const spr_map *mi, *md;
	double lx, ly;
	size_t n;
	int ok;
} aligned_state;
void fill_aligned(void *ctx, double u, double v);

/* The reduction (fill_poly.c): rows of the axes for sink k, 0 or -1 out
 * of memory (free it either way); a run's reduced polygon into k. */
int fill_reducer_init(reducer *rd, sink *k, const spr_axes_ctx *a);
void fill_reducer_free(reducer *rd);
void fill_reduced(reducer *rd, const fdata *d, size_t i0, size_t n, int interp);

#endif /* SHMPLOT_RENDER_KINDS_FILL_H */
