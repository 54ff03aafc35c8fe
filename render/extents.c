/* SPDX-License-Identifier: MIT */
/*
 * Data extents of a line: the lowest and highest x and y of its drawable
 * points. When an axis is autoscaled this is a whole pass over each series
 * before anything is drawn, so on large series it costs as much as the
 * reduction itself; the common (linear) case is vectorised.
 *
 * A point is drawable when both its x and y are finite. The vector loop
 * turns every other point into NaN without a branch: t = (x - x) + (y - y)
 * is 0 for a drawable point and NaN otherwise, and x + t, y + t carry it.
 * minpd/maxpd (a < b ? a : b, a > b ? a : b) return their second operand
 * when the first is NaN, so with the running extent second a NaN point
 * changes nothing. Adding t also turns -0 into +0, so a zero extent is +0
 * whatever the order of the lanes.
 */
#include "render_internal.h"

#include <string.h>

#include "vec2.h"

static inline double smin(double a, double b)
{
	return a < b ? a : b;
}

static inline double smax(double a, double b)
{
	return a > b ? a : b;
}

/*
 * Log axes (rare): a finite point counts on each axis where it has a
 * position, > 0 on a log axis; matplotlib's data limits take y <= 0 on
 * a log y axis out of y's range only, so the point still widens x.
 */
static void extents_log(const double *xv, const double *yv, size_t n,
			double e[4], int xlog, int ylog)
{
	for (size_t i = 0; i < n; i++) {
		double x = xv ? xv[i] : (double)i, y = yv[i];
		if (!isfinite(x) || !isfinite(y))
			continue;
		if (!xlog || x > 0) {
			e[0] = smin(x + 0.0, e[0]);
			e[1] = smax(x + 0.0, e[1]);
		}
		if (!ylog || y > 0) {
			e[2] = smin(y + 0.0, e[2]);
			e[3] = smax(y + 0.0, e[3]);
		}
	}
}

/*
 * The vector loop. has_x 0: no x is read, and a point is drawable when its
 * y is finite (the caller knows its x is).
 */
static inline __attribute__((always_inline)) void
extents_xy(const double *xv, const double *yv, size_t n, double e[4],
	   const int has_x, const int wantx, const int wanty)
{
	v2d xlo = {e[0], e[0]}, xhi = {e[1], e[1]};
	v2d ylo = {e[2], e[2]}, yhi = {e[3], e[3]};
	v2d xlo1 = xlo, xhi1 = xhi, ylo1 = ylo, yhi1 = yhi;
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		v2d x0 = {0, 0}, x1 = {0, 0}, y0, y1, t0, t1;
		if (has_x) {
			memcpy(&x0, xv + i, sizeof x0);
			memcpy(&x1, xv + i + 2, sizeof x1);
		}
		memcpy(&y0, yv + i, sizeof y0);
		memcpy(&y1, yv + i + 2, sizeof y1);
		t0 = (x0 - x0) + (y0 - y0);
		t1 = (x1 - x1) + (y1 - y1);
		if (wantx) {
			x0 += t0;
			x1 += t1;
			xlo = vec_min(x0, xlo);
			xhi = vec_max(x0, xhi);
			xlo1 = vec_min(x1, xlo1);
			xhi1 = vec_max(x1, xhi1);
		}
		if (wanty) {
			y0 += t0;
			y1 += t1;
			ylo = vec_min(y0, ylo);
			yhi = vec_max(y0, yhi);
			ylo1 = vec_min(y1, ylo1);
			yhi1 = vec_max(y1, yhi1);
		}
	}
	xlo = vec_min(xlo1, xlo);
	xhi = vec_max(xhi1, xhi);
	ylo = vec_min(ylo1, ylo);
	yhi = vec_max(yhi1, yhi);
	double r[4] = {smin(xlo[1], xlo[0]), smax(xhi[1], xhi[0]),
		       smin(ylo[1], ylo[0]), smax(yhi[1], yhi[0])};
	for (; i < n; i++) {
		double x = has_x ? xv[i] : 0;
		double t = (x - x) + (yv[i] - yv[i]);
		r[0] = smin(x + t, r[0]);
		r[1] = smax(x + t, r[1]);
		r[2] = smin(yv[i] + t, r[2]);
		r[3] = smax(yv[i] + t, r[3]);
	}
	if (wantx) {
		e[0] = r[0];
		e[1] = r[1];
	}
	if (wanty) {
		e[2] = r[2];
		e[3] = r[3];
	}
}

/*
 * x is the index, or sorted (non-decreasing, all finite: spr_sorted): a
 * point is drawable when its y is finite, and the lowest and highest x
 * are those of the first and last drawable points. Only y is read.
 */
static void extents_sorted(const double *xv, const double *yv, size_t n,
			   double e[4], int wantx, int wanty)
{
	size_t a = 0, b = n;

	while (a < n && !isfinite(yv[a]))
		a++;
	if (a == n)
		return;
	while (!isfinite(yv[b - 1]))
		b--;
	if (wantx) {
		e[0] = smin((xv ? xv[a] : (double)a) + 0.0, e[0]);
		e[1] = smax((xv ? xv[b - 1] : (double)(b - 1)) + 0.0, e[1]);
	}
	if (wanty)
		extents_xy(NULL, yv + a, b - a, e, 0, 0, 1);
}

int spr_sorted(const double *x, size_t n)
{
	size_t i = 0;

	if (n == 0 || !isfinite(x[0]) || !isfinite(x[n - 1]))
		return 0;
	/* x[i] <= x[i + 1] fails on a NaN; finite ends bound the rest */
	for (; i + 5 <= n; i += 4) {
		v2d a0, a1, b0, b1;
		memcpy(&a0, x + i, sizeof a0);
		memcpy(&a1, x + i + 2, sizeof a1);
		memcpy(&b0, x + i + 1, sizeof b0);
		memcpy(&b1, x + i + 3, sizeof b1);
		if (!vec_all((a0 <= b0) & (a1 <= b1)))
			return 0;
	}
	for (; i + 1 < n; i++)
		if (!(x[i] <= x[i + 1]))
			return 0;
	return 1;
}

void spr_line_extents(const double *xv, const double *yv, size_t n, double e[4],
		      int xlog, int ylog, int wantx, int wanty, int xsorted)
{
	if (xlog || ylog)
		extents_log(xv, yv, n, e, xlog, ylog);
	else if (!xv || xsorted)
		extents_sorted(xv, yv, n, e, wantx, wanty);
	else if (wantx && wanty)
		extents_xy(xv, yv, n, e, 1, 1, 1);
	else if (wantx)
		extents_xy(xv, yv, n, e, 1, 1, 0);
	else if (wanty)
		extents_xy(xv, yv, n, e, 1, 0, 1);
}
