/* SPDX-License-Identifier: MIT */
/*
 * fill_between's polygons (kinds/fill.c): the vertices of a run as
 * matplotlib builds them (steps, interpolated ends), clipped in double
 * precision, and the reduction of runs of many points.
 */
#include "fill.h"

#include <stdlib.h>
#include <string.h>

/* Vertex k of the run from point i0 expanded as cbook's pts_to_*step:
 * its independent value and its two bounds. */
void fill_vert(const fdata *d, size_t i0, size_t n, size_t k, double *u,
	       double *v1, double *v2)
{
	size_t j = k / 2, xi = i0 + k, yi = i0 + k;
	const double *x = d->ind;

	switch (d->step) {
	case STEP_PRE: /* (x_j, y_j), (x_j, y_j+1) */
		xi = i0 + j;
		yi = i0 + j + (k & 1);
		break;
	case STEP_POST: /* (x_j, y_j), (x_j+1, y_j) */
		xi = i0 + j + (k & 1);
		yi = i0 + j;
		break;
	case STEP_MID: /* x0, mids twice, x_last; each y twice */
		yi = i0 + j;
		if (k == 0 || k == 2 * n - 1) {
			*u = x[k ? i0 + n - 1 : i0];
		} else {
			size_t m = (k + 1) / 2; /* between m - 1 and m */
			*u = (x[i0 + m - 1] + x[i0 + m]) / 2;
		}
		*v1 = dep1(d, yi);
		*v2 = dep2(d, yi);
		return;
	default:
		break;
	}
	*u = x[xi];
	*v1 = dep1(d, yi);
	*v2 = dep2(d, yi);
}

/*
 * matplotlib's get_interp_point: the crossing of the bounds between
 * points idx - 1 and idx (inside [0, n)), on bound 1; the one point
 * there when the other is masked or out of range.
 */
void fill_interp(const fdata *d, size_t idx, double *u, double *v)
{
	size_t im1 = idx > 0 ? idx - 1 : 0;

	if (idx >= d->n || im1 == idx) {
		size_t k = idx >= d->n ? d->n - 1 : idx;
		*u = d->ind[k];
		*v = dep1(d, k);
		return;
	}
	/* a masked difference on either side: the other point */
	if (!isfinite(dep1(d, idx) - dep2(d, idx))) {
		*u = d->ind[im1];
		*v = dep1(d, im1);
		return;
	}
	if (!isfinite(dep1(d, im1) - dep2(d, im1))) {
		*u = d->ind[idx];
		*v = dep1(d, idx);
		return;
	}
	/* np.interp(0, diffs sorted, x by them): clamped outside */
	double ga = dep1(d, im1) - dep2(d, im1),
	       gb = dep1(d, idx) - dep2(d, idx);
	double xa = d->ind[im1], xb = d->ind[idx];
	if (ga > gb) {
		double t = ga;
		ga = gb;
		gb = t;
		t = xa;
		xa = xb;
		xb = t;
	}
	double r = 0 <= ga   ? xa
		   : 0 >= gb ? xb
			     : xa + (xb - xa) * (-ga) / (gb - ga);
	/* np.interp(r, x sorted, bound 1 by them) */
	double ua = d->ind[im1], ub = d->ind[idx];
	double wa = dep1(d, im1), wb = dep1(d, idx);
	if (ua > ub) {
		double t = ua;
		ua = ub;
		ub = t;
		t = wa;
		wa = wb;
		wb = t;
	}
	*u = r;
	*v = r <= ua   ? wa
	     : r >= ub ? wb
		       : wa + (wb - wa) * (r - ua) / (ub - ua);
}

/* --- device space: clipping and the polygon's vertices -------------------- */

static inline int inside(const sink *k, int s, double x, double y)
{
	switch (s) {
	case 0:
		return x >= k->lim[0];
	case 1:
		return x <= k->lim[1];
	case 2:
		return y >= k->lim[2];
	default:
		return y <= k->lim[3];
	}
}

static void clip_push(sink *k, int s, double x, double y);

/* Stage s's edge from (ax, ay) to (bx, by). */
static void clip_edge(sink *k, int s, double ax, double ay, double bx,
		      double by)
{
	int ai = inside(k, s, ax, ay), bi = inside(k, s, bx, by);

	if (ai != bi) {
		double e = k->lim[s], t;
		if (s < 2) {
			t = (e - ax) / (bx - ax);
			clip_push(k, s + 1, e, ay + (by - ay) * t);
		} else {
			t = (e - ay) / (by - ay);
			clip_push(k, s + 1, ax + (bx - ax) * t, e);
		}
	}
	if (bi)
		clip_push(k, s + 1, bx, by);
}

static void clip_push(sink *k, int s, double x, double y)
{
	if (s == 4) {
		if (k->out++ == 0)
			cairo_move_to(k->cr, x, y);
		else
			cairo_line_to(k->cr, x, y);
		return;
	}
	if (k->n[s]++ == 0) {
		k->fx[s] = x;
		k->fy[s] = y;
	} else {
		clip_edge(k, s, k->px[s], k->py[s], x, y);
	}
	k->px[s] = x;
	k->py[s] = y;
}

void fill_clip_close(sink *k, int s)
{
	if (s == 4) {
		if (k->out)
			cairo_close_path(k->cr);
		k->out = 0;
		return;
	}
	if (k->n[s] > 1)
		clip_edge(k, s, k->px[s], k->py[s], k->fx[s], k->fy[s]);
	k->n[s] = 0;
	fill_clip_close(k, s + 1);
}

/* A polygon vertex in device px (u, v). */
void fill_sink_dev(sink *k, double u, double v)
{
	double x = k->swap ? v : u, y = k->swap ? u : v;

	if (isnan(x) || isnan(y))
		return;
	if (k->snap) {
		x = spr_snap(x, k->snap_lw);
		y = spr_snap(y, k->snap_lw);
	}
	clip_push(k, 0, x, y);
}

/* A polygon vertex in data space (a vertex_fn on a sink). */
void fill_sink_data(void *ctx, double u, double v)
{
	sink *k = ctx;

	fill_sink_dev(k, px(k->mi, u), px(k->md, v));
}

/*
 * The run [i0, i0 + n)'s polygon as matplotlib builds it, vertex by
 * vertex into fn: the start, forward along bound 1, the end, back along
 * bound 2.
 */
void fill_walk(const fdata *d, size_t i0, size_t n, int interp, vertex_fn fn,
	       void *k)
{
	size_t nv = nverts(d->step, n), j;
	double u, v1, v2;

	if (interp) {
		fill_interp(d, i0, &u, &v1);
		fn(k, u, v1);
	} else {
		fill_vert(d, i0, n, 0, &u, &v1, &v2);
		fn(k, u, v2);
	}
	for (j = 0; j < nv; j++) {
		fill_vert(d, i0, n, j, &u, &v1, &v2);
		fn(k, u, v1);
	}
	if (interp) {
		fill_interp(d, i0 + n, &u, &v1);
		fn(k, u, v1);
	} else {
		fill_vert(d, i0, n, nv - 1, &u, &v1, &v2);
		fn(k, u, v2);
	}
	for (j = nv; j-- > 0;) {
		fill_vert(d, i0, n, j, &u, &v1, &v2);
		fn(k, u, v2);
	}
}

void fill_aligned(void *ctx, double u, double v)
{
	aligned_state *a = ctx;
	double x = px(a->mi, u), y = px(a->md, v);

	if (a->n++ > 0 && fabs(x - a->lx) >= 1e-4 && fabs(y - a->ly) >= 1e-4)
		a->ok = 0;
	a->lx = x;
	a->ly = y;
}

/* --- reduction ------------------------------------------------------------ */

/*
 * One bound's values over one pixel column, per pixel row r of the band
 * [0, R] (device rows base + r): M[r] the length of u over which the
 * bound lies in the row, S[r] the integral of its height above r there.
 * Full rows a segment crosses go through D (a running sum adds them), so
 * a segment costs O(1) however many rows it spans.
 */

static inline void touch(hist *h, int r0, int r1)
{
	if (r0 < h->lo)
		h->lo = r0;
	if (r1 > h->hi)
		h->hi = r1;
}

/* Mass m at height v (in [0, R]). */
static inline void hist_point(hist *h, int R, double v, double m)
{
	int r = v >= R ? R - 1 : (int)v;

	h->M[r] += m;
	h->S[r] += m * (v - r);
	touch(h, r, r);
}

/* Mass m spread evenly over heights [a, b] inside [0, R]. */
static void hist_even(hist *h, int R, double a, double b, double m)
{
	int r0 = (int)a, r1 = b >= R ? R - 1 : (int)b;
	double w, l0, l1;

	if (r0 == r1 || !(b - a > 1e-12)) {
		hist_point(h, R, (a + b) / 2, m);
		return;
	}
	w = m / (b - a);
	l0 = r0 + 1 - a;
	l1 = b - r1;
	h->M[r0] += w * l0;
	h->S[r0] += w * l0 * (a - r0 + 1) / 2;
	h->M[r1] += w * l1;
	h->S[r1] += w * l1 * l1 / 2;
	if (r1 > r0 + 1) {
		h->D[r0 + 1] += w;
		h->D[r1] -= w;
	}
	touch(h, r0, r1);
}

/* A straight piece of bound from height p0 to p1 over du of u, each
 * height folded into [0, R] as the rows beyond never show. */
static void hist_seg(hist *h, int R, double du, double p0, double p1)
{
	double a = fmin(p0, p1), b = fmax(p0, p1), w;

	if (!(du > 0))
		return;
	if (!(b > a)) {
		hist_point(h, R, fmin(fmax(a, 0), R), du);
		return;
	}
	w = du / (b - a);
	if (a < 0)
		hist_point(h, R, 0, w * (fmin(b, 0) - a));
	if (b > R)
		hist_point(h, R, R, w * (b - fmax(a, R)));
	if (fmin(b, R) > fmax(a, 0))
		hist_even(h, R, fmax(a, 0), fmin(b, R),
			  w * (fmin(b, R) - fmax(a, 0)));
}

/* Adds a device segment (u0, p0, q0) -> (u1, p1, q1) of the two bounds,
 * split where they cross so that each of min and max is straight. */
static void red_seg(reducer *rd, double u0, double p0, double q0, double u1,
		    double p1, double q1)
{
	double g0 = p0 - q0, g1 = p1 - q1;

	p0 -= rd->base;
	q0 -= rd->base;
	p1 -= rd->base;
	q1 -= rd->base;
	if ((g0 < 0 && g1 > 0) || (g0 > 0 && g1 < 0)) {
		double t = g0 / (g0 - g1), pc = p0 + (p1 - p0) * t;
		double du = fabs(u1 - u0);
		hist_seg(&rd->h[0], rd->R, du * t, fmin(p0, q0), pc);
		hist_seg(&rd->h[1], rd->R, du * t, fmax(p0, q0), pc);
		hist_seg(&rd->h[0], rd->R, du * (1 - t), pc, fmin(p1, q1));
		hist_seg(&rd->h[1], rd->R, du * (1 - t), pc, fmax(p1, q1));
		return;
	}
	hist_seg(&rd->h[0], rd->R, fabs(u1 - u0), fmin(p0, q0), fmin(p1, q1));
	hist_seg(&rd->h[1], rd->R, fabs(u1 - u0), fmax(p0, q0), fmax(p1, q1));
}

/* A rectangle of the reduced band: u from u0 to u1, rows [r0, r1). */
static void rect(reducer *rd, double u0, double u1, int r0, int r1)
{
	sink *k = rd->k;

	fill_sink_dev(k, u0, rd->base + r0);
	fill_sink_dev(k, u1, rd->base + r0);
	fill_sink_dev(k, u1, rd->base + r1);
	fill_sink_dev(k, u0, rd->base + r1);
	fill_clip_close(k, 0);
}

/*
 * A column whose raw segments run from u0 to u1: per pixel row, the
 * band's coverage there, the integral over the column of how much of the
 * row lies between the bounds (for a bound, its length below the row plus
 * its height inside it; upper less lower), drawn as a rectangle of that
 * width and the row's full height, which the rasteriser covers exactly.
 * Rows fully covered are joined. Resets the rows.
 */
static void column(reducer *rd, double u0, double u1)
{
	hist *a = &rd->h[0], *b = &rd->h[1];
	int lo = a->lo < b->lo ? a->lo : b->lo,
	    hi = a->hi > b->hi ? a->hi : b->hi;
	double s = u1 >= u0 ? 1 : -1, w = fabs(u1 - u0);
	double fa = 0, fb = 0, below_a = 0, below_b = 0;
	int full = -1; /* first row of a run of full rows */

	/* the running sums of D give the full rows' density, top down;
	 * below: the bound's length in rows under (after) the current one,
	 * found from the total */
	double tot_a = 0, tot_b = 0;
	for (int r = lo; r <= hi; r++) {
		fa += a->D[r];
		fb += b->D[r];
		a->M[r] += fa;
		a->S[r] += fa / 2;
		b->M[r] += fb;
		b->S[r] += fb / 2;
		tot_a += a->M[r];
		tot_b += b->M[r];
	}
	below_a = tot_a;
	below_b = tot_b;
	for (int r = lo; r <= hi + 1; r++) {
		double cov = 0;
		if (r <= hi) {
			below_a -= a->M[r];
			below_b -= b->M[r];
			/* v grows downwards: coverage of the row by
			 * {a <= v <= b} is (len of b past it + b's height in
			 * it) less the same of a */
			cov = (below_b + b->S[r]) - (below_a + a->S[r]);
			cov = fmin(fmax(cov, 0), w);
		}
		if (r <= hi && cov >= w * (1 - 1e-12)) {
			if (full < 0)
				full = r;
			continue;
		}
		if (full >= 0) {
			rect(rd, u0, u1, full, r);
			full = -1;
		}
		if (cov > 0)
			rect(rd, u0, u0 + s * cov, r, r + 1);
	}
	for (int r = lo; r <= hi + 1 && lo <= hi; r++) {
		a->M[r] = a->S[r] = a->D[r] = 0;
		b->M[r] = b->S[r] = b->D[r] = 0;
	}
	a->lo = b->lo = INT32_MAX;
	a->hi = b->hi = INT32_MIN;
}

/* The raw band between two consecutive vertices (a bow tie where the
 * bounds cross, filled as the raw polygon's two lobes are). */
static void quad(sink *k, double u0, double p0, double q0, double u1, double p1,
		 double q1)
{
	fill_sink_dev(k, u0, p0);
	fill_sink_dev(k, u1, p1);
	fill_sink_dev(k, u1, q1);
	fill_sink_dev(k, u0, q0);
	fill_clip_close(k, 0);
}

/*
 * The run's band reduced, as subpaths of one path: per pixel column the
 * coverage rectangles of its raw segments (column), between columns the
 * raw segment's quad, and with interpolate the triangles matplotlib's
 * start and end vertices add. The subpaths do not overlap.
 */
void fill_reduced(reducer *rd, const fdata *d, size_t i0, size_t n, int interp)
{
	sink *k = rd->k;
	size_t nv = nverts(d->step, n), j;
	double u, v1, v2, pu = 0, pp = 0, pq = 0, cu = 0, col = NAN;
	int have = 0;

	for (j = 0; j < nv; j++) {
		fill_vert(d, i0, n, j, &u, &v1, &v2);
		double qu = px(k->mi, u), p = px(k->md, v1), q = px(k->md, v2);
		if (j > 0 && floor(qu) == col) {
			red_seg(rd, pu, pp, pq, qu, p, q);
			have = 1;
		} else {
			if (have)
				column(rd, cu, pu);
			have = 0;
			if (j > 0)
				quad(k, pu, pp, pq, qu, p, q);
			col = floor(qu);
			cu = qu;
		}
		pu = qu;
		pp = p;
		pq = q;
	}
	if (have)
		column(rd, cu, pu);
	if (!interp)
		return;
	for (int end = 0; end < 2; end++) {
		fill_interp(d, end ? i0 + n : i0, &u, &v1);
		fill_vert(d, i0, n, end ? nv - 1 : 0, &pu, &pp, &pq);
		fill_sink_data(k, u, v1);
		fill_sink_data(k, pu, pp);
		fill_sink_data(k, pu, pq);
		fill_clip_close(k, 0);
	}
}

/* The reducer's rows for axes a (the dependent direction's extent), or
 * -1 out of memory. */
int fill_reducer_init(reducer *rd, sink *k, const spr_axes_ctx *a)
{
	double lo = k->swap ? fmin(a->x0, a->x1) : fmin(a->y0, a->y1);
	double hi = k->swap ? fmax(a->x0, a->x1) : fmax(a->y0, a->y1);

	memset(rd, 0, sizeof *rd);
	rd->k = k;
	rd->base = floor(lo) - ROW_SLACK;
	rd->R = (int)(ceil(hi) - rd->base) + ROW_SLACK;
	for (int j = 0; j < 2; j++) {
		rd->h[j].M = spr_callocn((size_t)rd->R + 2, sizeof(double));
		rd->h[j].S = spr_callocn((size_t)rd->R + 2, sizeof(double));
		rd->h[j].D = spr_callocn((size_t)rd->R + 2, sizeof(double));
		rd->h[j].lo = INT32_MAX;
		rd->h[j].hi = INT32_MIN;
		if (!rd->h[j].M || !rd->h[j].S || !rd->h[j].D)
			return -1;
	}
	return 0;
}

void fill_reducer_free(reducer *rd)
{
	for (int j = 0; j < 2; j++) {
		free(rd->h[j].M);
		free(rd->h[j].S);
		free(rd->h[j].D);
	}
}
