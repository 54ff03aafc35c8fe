/* SPDX-License-Identifier: MIT */
/*
 * M4 reduction of a large series (Jugel et al., PVLDB 7(10), 2014): one
 * pass over the read-only data keeping, of every run of consecutive points
 * that fall into one device pixel column, the first, the last, the lowest
 * and the highest point, in their original order.
 *
 * What makes the reduced polyline draw like the raw one (see draw_polyline
 * in kinds/line.c, which consumes it):
 *  - columns are floor() of spr_map_px(), the transform used for drawing
 *    (for aliased lines, spr_m4_column(): the column whose pixel centres
 *    a point's stroke reaches, in cairo's fixed point), and the kept
 *    points are raw indices the consumer maps again, so every kept vertex
 *    is bit-identical to the raw vertex;
 *  - a run ends at anything that breaks the raw line: a point without a
 *    position (NaN, +-inf, <= 0 on a log axis) and, when pole segments are
 *    suppressed, a pole (spr_pole, asked of the same raw points as the raw
 *    line's pipe asks it). The segment between two runs is therefore
 *    always a raw segment, tested and clipped exactly as the raw path
 *    would be; gaps are reported as gaps;
 *  - inside a run the raw line never breaks, so the consumer joins the kept
 *    points without the pole test (a run may leave the view upwards and
 *    come back from below through it).
 * Points beyond the clip rectangle on the left or right share one column
 * per side: everything they would draw is clipped away anyway.
 *
 * x must be monotonic in pixel space for the reduction to pay; the pass
 * stops at the first point whose column goes against the direction seen so
 * far and returns its index, and the caller strokes the rest point by point.
 */
#include "render_internal.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

#include "vec2.h"

#if defined(__SSE2__)
/* All lanes: a >= lo_a, b <= hi_b, c >= lo_c and d <= hi_d. */
static inline int vec_in4(v2d a, v2d lo_a, v2d b, v2d hi_b, v2d c, v2d lo_c,
			  v2d d, v2d hi_d)
{
	__m128d m = _mm_and_pd(_mm_cmpge_pd((__m128d)a, (__m128d)lo_a),
			       _mm_cmple_pd((__m128d)b, (__m128d)hi_b));
	__m128d k = _mm_and_pd(_mm_cmpge_pd((__m128d)c, (__m128d)lo_c),
			       _mm_cmple_pd((__m128d)d, (__m128d)hi_d));
	return _mm_movemask_pd(_mm_and_pd(m, k)) == 3;
}
#else
static inline int vec_in4(v2d a, v2d lo_a, v2d b, v2d hi_b, v2d c, v2d lo_c,
			  v2d d, v2d hi_d)
{
	return vec_all((a >= lo_a) & (b <= hi_b) & (c >= lo_c) & (d <= hi_d));
}
#endif

static inline v2d vec_dup(double v)
{
	return (v2d){v, v};
}

/* First index in [from, to] whose y equals v (there is one). */
static size_t find_first(const double *y, size_t from, size_t to, double v)
{
	const v2d vv = vec_dup(v);
	size_t i = from;

	for (; i + 4 <= to + 1; i += 4) {
		v2d a, b;
		v2i m;
		memcpy(&a, y + i, sizeof a);
		memcpy(&b, y + i + 2, sizeof b);
		m = (a == vv) | (b == vv);
		if (!vec_all(~m))
			break;
	}
	for (; i < to; i++)
		if (y[i] == v)
			return i;
	return to;
}

/* Most points a run keeps near its extremes (see keep_band). */
#define BAND_CAP 256

/* Appends i to the ascending list k[*n] unless it is already last. */
static inline void keep(size_t *k, size_t *n, size_t i)
{
	if (*n == 0 || k[*n - 1] < i)
		k[(*n)++] = i;
}

/*
 * Collects into k (ascending) the points of the run [first, last] whose
 * pixel row is within p->band of a pixel centre beyond the run's lowest or
 * highest row, and their raw neighbours. A pixel centre beyond an extreme
 * is lit or not by the parts of the line within half the line width of it,
 * and those are exactly the raw segments touching a point of this band:
 * kept with both their ends, they draw as in the raw line, and every
 * segment the reduction adds joins two points outside the band, where it
 * cannot reach such a centre. Returns the count, or 0 when more than
 * BAND_CAP would be kept (the run is then reduced to its four points).
 */
static size_t keep_band(const spr_m4_params *p, size_t first, size_t last,
			double ymin, double ymax, size_t *k)
{
	const spr_map *my = p->my;
	const double *y = p->y;
	double qa = spr_map_px(my, ymin), qb = spr_map_px(my, ymax);
	double qlo = fmin(qa, qb), qhi = fmax(qa, qb), top, bot;
	size_t n = 0, i;

	/* the centres nearest beyond each extreme, and the rows within
	 * band of them; the extremes themselves always count */
	top = fmax(floor(qlo - 0.5) + 0.5 + p->band, qlo);
	bot = fmin(ceil(qhi - 0.5) + 0.5 - p->band, qhi);
	for (i = first; i <= last; i++) {
		double q = spr_map_px(my, y[i]);
		if (q > top && q < bot)
			continue;
		if (n + 3 > BAND_CAP)
			return 0;
		if (i > first)
			keep(k, &n, i - 1);
		keep(k, &n, i);
		if (i < last)
			keep(k, &n, i + 1);
	}
	return n;
}

/*
 * Emits the run [first, last]'s kept points in index order, each once:
 * first, last, the lowest and highest point, and, when p->band is set, the
 * points keep_band finds, plus the second and last but one point where
 * the line ends at the run's start or end (open & 1, open & 2), so that
 * the caps there point as the raw line's do. The pass tracks only the
 * lowest and highest y (cheaper than their indices); the points holding
 * them are found here, in data just read: the run's first or last point
 * when it holds the value (so a monotonic run costs nothing more),
 * otherwise the first that does.
 */
static void flush(const spr_m4_params *p, size_t first, size_t last, v2d vmin,
		  v2d vmax, int open)
{
	const double *y = p->y;
	double ymin = vmin[0] < vmin[1] ? vmin[0] : vmin[1];
	double ymax = vmax[0] > vmax[1] ? vmax[0] : vmax[1];
	size_t imin, imax, a, b, k[BAND_CAP + 8], n = 0, j;

	imin = y[first] == ymin  ? first
	       : y[last] == ymin ? last
				 : find_first(y, first, last, ymin);
	imax = y[first] == ymax  ? first
	       : y[last] == ymax ? last
				 : find_first(y, first, last, ymax);
	a = imin < imax ? imin : imax;
	b = imin < imax ? imax : imin;
	/* a monotonic run has no extreme inside: nothing to look for */
	if (p->band > 0 && last - first > 3 && (a != first || b != last))
		n = keep_band(p, first, last, ymin, ymax, k + 1);
	if (n > 0) {
		/* the band holds the extremes; add first and last */
		k[0] = first;
		n = k[1] == first ? n : n + 1;
		if (k[1] == first)
			memmove(k, k + 1, n * sizeof *k);
		keep(k, &n, last);
	} else {
		keep(k, &n, first);
		keep(k, &n, a);
		keep(k, &n, b);
		keep(k, &n, last);
	}
	if ((open & 1) && n > 1 && k[1] != first + 1) {
		memmove(k + 2, k + 1, (n - 1) * sizeof *k);
		k[1] = first + 1;
		n++;
	}
	if ((open & 2) && n > 1 && k[n - 2] != last - 1) {
		k[n] = last;
		k[n - 1] = last - 1;
		n++;
	}
	p->emit(p->ctx, k[0], 0);
	for (j = 1; j < n; j++)
		p->emit(p->ctx, k[j], 1);
}

/*
 * Pixel column of qx and its device x range [*clo, *chi): floor, or with
 * fix, spr_m4_column (whose (c + 1/512, c + 1 + 1/512] is that half-open
 * range one double up, exact); everything beyond lo or hi in one.
 */
static double column(double qx, double lo, double hi, int fix, double *clo,
		     double *chi)
{
	double c;
	int64_t k;

	if (fix) {
		c = spr_m4_column(qx, lo, hi);
		*clo = c < lo ? -INFINITY : nextafter(c + 0x1p-9, INFINITY);
		*chi = c >= hi ? INFINITY : nextafter(c + 1 + 0x1p-9, INFINITY);
		return c;
	}
	if (qx < lo) {
		*clo = -INFINITY;
		*chi = lo;
		return lo - 1;
	}
	if (qx >= hi) {
		*clo = hi;
		*chi = INFINITY;
		return hi;
	}
	k = (int64_t)qx; /* |qx| is small here: exact floor below */
	c = (double)k;
	if (c > qx)
		c -= 1;
	*clo = c;
	*chi = c + 1;
	return c;
}

/* Data value whose pixel is p (an estimate: NaN when there is none). */
static double unmap(const spr_map *m, double p)
{
	double t;

	if (m->k == 0)
		return NAN;
	t = m->t0 + (p - m->p0) / m->k;
	if (m->e)
		t = ldexp(t, -m->e);
	if (m->sym)
		return spr_symlog_inv(t, m->lt, m->lsa);
	return m->log ? pow(10.0, t) : t;
}

/*
 * Sets [*a, *b] to data values that all map into the pixel range
 * [plo, phi], or to an empty range (*a > *b) when that is not found
 * cheaply. Only the ends are checked against spr_map_px: the transform is
 * monotonic, so everything between them maps between their pixels. It
 * serves as the fast path's filter, so it may be smaller than the exact
 * preimage (the rest takes the full path), never larger.
 */
static void fast_range(const spr_map *m, double plo, double phi, double *a,
		       double *b)
{
	const double span = phi - plo, pad = span > 0.01 ? 0x1p-12 : 0;
	const double vmin = m->log ? DBL_MIN : -DBL_MAX;
	double u = unmap(m, plo + pad), v = unmap(m, phi - pad), t, pu, pv;

	*a = INFINITY;
	*b = -INFINITY;
	if (u > v) {
		t = u;
		u = v;
		v = t;
	}
	if (!(u <= v))
		return; /* NaN */
	u = u < vmin ? vmin : u > DBL_MAX ? DBL_MAX : u;
	v = v < vmin ? vmin : v > DBL_MAX ? DBL_MAX : v;
	pu = spr_map_px(m, u);
	pv = spr_map_px(m, v);
	if (pu >= plo && pu <= phi && pv >= plo && pv <= phi) {
		*a = u;
		*b = v;
	}
}

/* The fast path's x range for the column [clo, chi). */
static void fast_column(const spr_map *m, double clo, double chi, double *a,
			double *b)
{
	/* half-open in pixels: stay a little below chi */
	fast_range(m, isinf(clo) ? -1e15 : clo,
		   isinf(chi) ? 1e15 : chi - 0x1p-12, a, b);
}

/* y values known to map into one zone: above, inside or below the view */
typedef struct zone {
	double a, b;
	v2d va, vb;
} zone;

static void zone_init(zone *z, const spr_map *m, double plo, double phi)
{
	fast_range(m, plo, phi, &z->a, &z->b);
	z->va = vec_dup(z->a);
	z->vb = vec_dup(z->b);
}

/*
 * The pass, specialised by the compiler on x from an array or the index
 * and on whether jumps across the view break runs. Most points take a
 * short path that works on the data values, four at a time: x within a
 * range of values known to map into the open run's column, and y within
 * one known to map into one zone of rows: inside the view, or (when jumps
 * break runs) above or below it, where the zone of the point before tells
 * that no jump can end here. The lowest and highest y are the lowest and
 * highest pixel rows too, the transform being monotonic. Every other point
 * takes the full path, which maps it with spr_map_px and decides exactly.
 * This hot loop stays whole: it runs over every point of a large series,
 * and the run's state (its column and fast ranges, the running extremes,
 * the zones) is a dozen variables every point reads, kept in registers
 * only as the locals of one function.
 */
static inline __attribute__((always_inline)) size_t
m4_loop(const spr_m4_params *p, const int has_x, const int jumps)
{
	const double *xv = p->x, *yv = p->y;
	const size_t n = p->n;
	const spr_map mx = *p->mx, my = *p->my;
	const double vy0 = p->vy0, vy1 = p->vy1;
	const double lo = p->col_lo, hi = p->col_hi;
	const double pad = 0x1p-12;
	const spr_pole_in pole = {xv, yv, n, p->mx, p->my, vy0, vy1};
	/* the open run's column [clo, chi) (empty when no run is open) and
	 * its fast x range [xa, xb] */
	double clo = INFINITY, chi = -INFINITY, xa = INFINITY, xb = -INFINITY;
	double col, prevcol = NAN;
	/* the run's lowest and highest y, two lanes each */
	v2d vmin = vec_dup(0), vmax = vec_dup(0), vxa, vxb;
	zone zin, zup, zdn;
	size_t first = 0, i = 0;
	/* zprev: the previous point's side of the view, -1 above (rows
	 * < vy0), 0 inside, 1 below; only kept when jumps break runs */
	int gap = 0, dir = 0, zprev = 0;
	/* the line ends where the open run begins (a run after a gap, a
	 * jump or at the start): 1, or 0 */
	int sopen = 1, brk;

	if (jumps) {
		zone_init(&zin, &my, vy0, vy1);
		zone_init(&zup, &my, -1e15, vy0 - pad);
		zone_init(&zdn, &my, vy1 + pad, 1e15);
	} else {
		zone_init(&zin, &my, -1e14, 1e14);
		zup = zdn = zin;
	}
	vxa = vec_dup(xa);
	vxb = vec_dup(xb);
	while (i < n) {
		double x, y, qx, qy;
		int z;

		if (i + 4 <= n) {
			v2d x0, x1, y0, y1, xl, xh, yl, yh;
			if (has_x) {
				memcpy(&x0, xv + i, sizeof x0);
				memcpy(&x1, xv + i + 2, sizeof x1);
			} else {
				x0 = (v2d){(double)i, (double)(i + 1)};
				x1 = x0 + 2;
			}
			memcpy(&y0, yv + i, sizeof y0);
			memcpy(&y1, yv + i + 2, sizeof y1);
			/* lane-wise lowest and highest of each pair; the
			 * operand order lets a NaN in either reach one of
			 * them and fail its test */
			xl = vec_min(x0, x1);
			xh = vec_max(x1, x0);
			yl = vec_min(y0, y1);
			yh = vec_max(y1, y0);
			if (vec_in4(xl, vxa, xh, vxb, yl, zin.va, yh, zin.vb))
				z = 0;
			else if (jumps && zprev != 1 &&
				 vec_in4(xl, vxa, xh, vxb, yl, zup.va, yh,
					 zup.vb))
				z = -1;
			else if (jumps && zprev != -1 &&
				 vec_in4(xl, vxa, xh, vxb, yl, zdn.va, yh,
					 zdn.vb))
				z = 1;
			else
				goto one;
			vmin = vec_min(yl, vmin);
			vmax = vec_max(yh, vmax);
			zprev = z;
			i += 4;
			continue;
		}
	one:
		x = has_x ? xv[i] : (double)i;
		y = yv[i];
		if (x >= xa && x <= xb) {
			z = y >= zin.a && y <= zin.b                  ? 0
			    : !jumps                                  ? 2
			    : zprev != 1 && y >= zup.a && y <= zup.b  ? -1
			    : zprev != -1 && y >= zdn.a && y <= zdn.b ? 1
								      : 2;
			if (z != 2) {
				vmin = vec_min(vec_dup(y), vmin);
				vmax = vec_max(vec_dup(y), vmax);
				zprev = z;
				i++;
				continue;
			}
		}
		/* the full path */
		qx = spr_map_px(&mx, x);
		qy = spr_map_px(&my, y);
		if (isnan(qx) || isnan(qy)) {
			if (clo < chi)
				flush(p, first, i - 1, vmin, vmax, sopen | 2);
			sopen = 1;
			clo = xa = INFINITY;
			chi = xb = -INFINITY;
			vxa = vec_dup(xa);
			vxb = vec_dup(xb);
			if (!gap)
				p->emit(p->ctx, SPR_M4_GAP, 0);
			gap = 1;
			i++;
			continue;
		}
		z = !jumps ? 0 : qy < vy0 ? -1 : qy > vy1 ? 1 : 0;
		/* the raw segment from i - 1 crosses the view: a pole? */
		brk = z != 0 && z == -zprev && spr_pole(&pole, i);
		if (qx >= clo && qx < chi && !brk) {
			vmin = vec_min(vec_dup(y), vmin);
			vmax = vec_max(vec_dup(y), vmax);
			zprev = z;
			i++;
			continue;
		}
		/* a new run: a new column, after a gap or after a pole */
		if (clo < chi)
			flush(p, first, i - 1, vmin, vmax,
			      sopen | (brk ? 2 : 0));
		col = column(qx, lo, hi, p->fix_columns, &clo, &chi);
		if (col != prevcol && !isnan(prevcol)) {
			int d = col > prevcol ? 1 : -1;
			if (dir == 0)
				dir = d;
			else if (d != dir)
				return i; /* not monotonic: the rest is raw */
		}
		fast_column(&mx, clo, chi, &xa, &xb);
		vxa = vec_dup(xa);
		vxb = vec_dup(xb);
		prevcol = col;
		sopen = gap || brk;
		gap = 0;
		zprev = z;
		first = i;
		vmin = vmax = vec_dup(y);
		i++;
	}
	if (clo < chi)
		flush(p, first, n - 1, vmin, vmax, sopen | 2);
	return n;
}

size_t spr_m4(const spr_m4_params *p)
{
	if (p->x && p->break_jumps)
		return m4_loop(p, 1, 1);
	if (p->x)
		return m4_loop(p, 1, 0);
	if (p->break_jumps)
		return m4_loop(p, 0, 1);
	return m4_loop(p, 0, 0);
}
