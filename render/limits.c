/* SPDX-License-Identifier: MIT */
/*
 * View limits: explicit ones, shared ones (axes of one scale sharing an
 * axis take the union of their data, the first explicit limit wins), and
 * otherwise matplotlib's autoscale of the data's extents. The extents are
 * a pass over every series, the bulk of a large figure's cost, so they
 * are gathered only where no explicit limit decides.
 */
#include "axis_opts.h"
#include "dates.h"
#include "item.h"

#include <float.h>
#include <string.h>

#define MARGIN 0.05 /* axes.xmargin, axes.ymargin */

/* Axis d (0: x, 1: y) of an axes: its own explicit limit, or NULL. */
static const double *own_lim(const spr_axes *ax, int d)
{
	if (d)
		return ax->has_ylim ? ax->ylim : NULL;
	return ax->has_xlim ? ax->xlim : NULL;
}

static int scale_of(const spr_axes *ax, int d)
{
	return d ? ax->yscale : ax->xscale;
}

static int shares(const spr_ctx *r, int d)
{
	return (r->fig->share & (d ? SPR_SHARE_Y : SPR_SHARE_X)) != 0;
}

/*
 * The first item whose data the view autoscales over. An item with a view
 * wish (an image) sets the limits to its own extent, as matplotlib's
 * set_extent sets them with set_xlim, which cancels the autoscale the
 * items before it asked for; an item after it that moves the limits asks
 * again, over everything.
 */
static size_t first_scaled(const spr_axes *ax)
{
	size_t last = SIZE_MAX;

	for (size_t j = 0; j < ax->nitems; j++) {
		const spr_kind *k = ax->items[j].kind;
		if (k->view)
			last = j;
		else if (k->extents && last != SIZE_MAX)
			return 0;
	}
	return last == SIZE_MAX ? 0 : last;
}

/*
 * Finite data extents of one axes, honouring log scales, and its sticky
 * edges; only of the axes' directions whose limits come from the data
 * (want[d]), the others are left NaN.
 */
static void data_extents(const spr_ctx *r, spr_axes_ctx *a, const int want[2])
{
	const spr_axes *ax = a->ax;
	spr_scan s = {
	    .series = r->series,
	    .log = {ax->xscale == SPR_SCALE_LOG, ax->yscale == SPR_SCALE_LOG},
	    .want = {want[0], want[1]},
	    .margin = {ax->has_margins ? spr_more(ax)->margins[0] : MARGIN,
		       ax->has_margins ? spr_more(ax)->margins[1] : MARGIN},
	    .nitems = ax->nitems,
	    .e = {INFINITY, -INFINITY, INFINITY, -INFINITY},
	    .sticky = {INFINITY, -INFINITY, INFINITY, -INFINITY},
	    .held = {INFINITY, -INFINITY, INFINITY, -INFINITY}};
	size_t j;
	int d;

	for (j = first_scaled(ax); j < ax->nitems && (want[0] || want[1]);
	     j++) {
		const spr_item *it = &ax->items[j];
		if (it->kind->extents)
			it->kind->extents(it->p, &s);
		if (!it->kind->extents)
			continue;
		if (it->kind->autoscale == SPR_AS_BOTH)
			spr_scan_release(&s, 0, 1);
		else if (it->kind->autoscale != SPR_AS_IF_OUTSIDE)
			spr_scan_release(&s, it->kind->autoscale == SPR_AS_Y,
					 it->kind->autoscale == SPR_AS_Y);
	}
	for (d = 0; d < 2; d++) {
		int some = want[d] && s.e[2 * d] <= s.e[2 * d + 1];
		a->dlo[d] = some ? s.e[2 * d] : NAN;
		a->dhi[d] = some ? s.e[2 * d + 1] : NAN;
		a->slo[d] = want[d] ? s.sticky[2 * d] : INFINITY;
		a->shi[d] = want[d] ? s.sticky[2 * d + 1] : -INFINITY;
	}
}

/*
 * matplotlib keeps the margin from crossing a sticky edge (a bar's base,
 * an image's side): the lowest (slo) and highest (shi) edges of the
 * items, x0 and x1 the data's extents after nonsingular.
 */
static void stick(double x0, double x1, double slo, double shi, int log,
		  double *lo, double *hi)
{
	double tol = 1e-5 * fmax(fmax(fabs(x0), fabs(x1)), fabs(x1 - x0));

	if (log && !(slo > 0))
		slo = INFINITY; /* edges at or below 0 have no place */
	if (slo < x0 + tol)
		*lo = fmax(*lo, slo);
	if (shi > x1 - tol && !(log && !(shi > 0)))
		*hi = fmin(*hi, shi);
}

/* v kept inside the doubles: +-inf to +-DBL_MAX. */
static double finite_max(double v)
{
	return v > DBL_MAX ? DBL_MAX : v < -DBL_MAX ? -DBL_MAX : v;
}

/*
 * matplotlib's linear autoscale_view: nonsingular, then 5% margins that
 * stop at the sticky edges slo, shi (+-inf: none). Margins of a span
 * beyond the doubles are taken of its halves, and the limits end at
 * +-DBL_MAX (which the map and ticks handle).
 */
static void autoscale_lin(double dlo, double dhi, double slo, double shi,
			  double m, double *lo, double *hi)
{
	double d;

	spr_nonsingular(&dlo, &dhi, 0.05, 1e-15);
	dlo = finite_max(dlo);
	dhi = finite_max(dhi);
	d = (dhi - dlo) * m;
	if (!isfinite(d))
		d = (dhi / 2 - dlo / 2) * (2 * m);
	*lo = finite_max(dlo - d);
	*hi = finite_max(dhi + d);
	stick(dlo, dhi, slo, shi, 0, lo, hi);
	spr_nonsingular(lo, hi, 0.001, 1e-15);
	*lo = finite_max(*lo);
	*hi = finite_max(*hi);
}

/*
 * Data too small for matplotlib's nonsingular (the largest magnitude
 * under ~2e-287, which it draws as 0 in a +-0.05 view) are autoscaled at
 * a power of two that brings them near 1 (exact), so they are drawn as
 * they are; see the README. Only where the doubles cannot resolve the
 * view that gives (spr_view_drawable) is matplotlib's +-0.05 kept: the
 * data are 0 to within a pixel there.
 */
static void autoscale_tiny(double dlo, double dhi, double slo, double shi,
			   double m, double *lo, double *hi)
{
	int e = -ilogb(fmax(fabs(dlo), fabs(dhi)));

	autoscale_lin(ldexp(dlo, e), ldexp(dhi, e), ldexp(slo, e),
		      ldexp(shi, e), m, lo, hi);
	*lo = ldexp(*lo, -e);
	*hi = ldexp(*hi, -e);
	if (!spr_view_drawable(*lo, *hi, 0, SPR_MAX_DIM))
		autoscale_lin(dlo, dhi, slo, shi, m, lo, hi);
}

int spr_view_drawable(double lo, double hi, int log, double len_px)
{
	double a = fmin(lo, hi), b = fmax(lo, hi);

	if (!isfinite(a) || !isfinite(b) || a == b || (log && !(a > 0)))
		return 0;
	/* the doubles are DBL_TRUE_MIN apart below DBL_MIN: a value there
	 * may be off by half of that, which must stay within half a pixel */
	if (log)
		return DBL_TRUE_MIN / a / M_LN10 * len_px <=
		       log10(b) - log10(a);
	return DBL_TRUE_MIN * len_px <= b - a;
}

int spr_check_views(const spr_axes_ctx *ac, size_t naxes, char *err,
		    size_t errlen)
{
	for (size_t i = 0; i < naxes; i++) {
		const spr_axes_ctx *a = &ac[i];
		if (!spr_view_drawable(a->xlo, a->xhi, a->mx.log,
				       fabs(a->x1 - a->x0)))
			return spr_err(err, errlen,
				       "axes %zu: x limits %g .. %g cannot be "
				       "drawn to the pixel (doubles below "
				       "2.2e-308 are 4.9e-324 apart); scale "
				       "the data",
				       i, a->xlo, a->xhi);
		if (!spr_view_drawable(a->ylo, a->yhi, a->my.log,
				       fabs(a->y1 - a->y0)))
			return spr_err(err, errlen,
				       "axes %zu: y limits %g .. %g cannot be "
				       "drawn to the pixel (doubles below "
				       "2.2e-308 are 4.9e-324 apart); scale "
				       "the data",
				       i, a->ylo, a->yhi);
	}
	return 0;
}

/* The smallest and largest decades a log axis can show. */
#define LOG_MIN (-323.3)
#define LOG_MAX 308.25

/*
 * matplotlib's autoscale_view for one axis: nonsingular, then margins m
 * (0.05 by default) that stop at the sticky edges slo, shi (+-inf:
 * none). On a log axis the margins stop at the ends of the doubles
 * (1e-323, 1.8e308).
 */
void spr_autoscale(double dlo, double dhi, double slo, double shi, int log,
		   double m, double *lo, double *hi)
{
	double t0, t1, d, big;

	if (!log) {
		big = fmax(fabs(dlo), fabs(dhi));
		if (isnan(dlo)) {
			*lo = 0;
			*hi = 1;
		} else if (big > 0 && big < 1e21 * DBL_MIN) {
			autoscale_tiny(dlo, dhi, slo, shi, m, lo, hi);
		} else {
			autoscale_lin(dlo, dhi, slo, shi, m, lo, hi);
		}
		return;
	}
	if (isnan(dlo)) {
		*lo = 1;
		*hi = 10;
		return;
	}
	t0 = log10(dlo);
	t1 = log10(dhi);
	if (t0 == t1) {
		/* LogLocator.nonsingular: widen to the neighbouring decades */
		t0 = floor(t0) == t0 ? t0 - 1 : floor(t0);
		t1 = ceil(t1) == t1 ? t1 + 1 : ceil(t1);
		dlo = fmax(pow(10.0, t0), DBL_TRUE_MIN);
		dhi = fmin(pow(10.0, t1), DBL_MAX);
	}
	d = (t1 - t0) * m;
	*lo = t0 - d < LOG_MIN ? DBL_TRUE_MIN : pow(10.0, t0 - d);
	*hi = t1 + d > LOG_MAX ? DBL_MAX : pow(10.0, t1 + d);
	stick(dlo, dhi, slo, shi, 1, lo, hi);
}

/*
 * The same on a symlog axis (lt, ls its linthresh and linscale):
 * nonsingular, then margins m of the span in symlog space, sticky edges
 * kept, as matplotlib's autoscale_view through the axis' transform.
 */
static void autoscale_symlog(double dlo, double dhi, double slo, double shi,
			     double lt, double ls, double m, double *lo,
			     double *hi)
{
	double lsa = ls / (1 - 0.1), t0, t1, d;

	if (isnan(dlo)) {
		*lo = 0;
		*hi = 1;
		return;
	}
	spr_nonsingular(&dlo, &dhi, 0.05, 1e-15);
	dlo = finite_max(dlo);
	dhi = finite_max(dhi);
	t0 = spr_symlog_fwd(dlo, lt, lsa);
	t1 = spr_symlog_fwd(dhi, lt, lsa);
	d = (t1 - t0) * m;
	if (!isfinite(d))
		d = 0;
	*lo = finite_max(spr_symlog_inv(t0 - d, lt, lsa));
	*hi = finite_max(spr_symlog_inv(t1 + d, lt, lsa));
	stick(dlo, dhi, slo, shi, 0, lo, hi);
}

/* The explicit limit axes i uses for axis d, its own or a shared one. */
static const double *lim_of(const spr_ctx *r, const spr_axes_ctx *ac,
			    size_t naxes, size_t i, int d)
{
	const spr_axes *ax = ac[i].ax;
	size_t k;

	if (own_lim(ax, d))
		return own_lim(ax, d);
	if (!shares(r, d))
		return NULL;
	/* the first axes with a limit on the same scale wins */
	for (k = 0; k < naxes; k++) {
		const spr_axes *b = ac[k].ax;
		if (own_lim(b, d) && scale_of(b, d) == scale_of(ax, d))
			return own_lim(b, d);
	}
	return NULL;
}

/* The view limits of axis d of axes i, from its data and its limit or
 * those of the axes it shares d with. */
static void view_limits(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes,
			size_t i, int d)
{
	spr_axes_ctx *a = &ac[i];
	const spr_axes *ax = a->ax;
	const double *lim = own_lim(ax, d);
	double lo = a->dlo[d], hi = a->dhi[d], slo = a->slo[d], shi = a->shi[d];
	double *vlo = d ? &a->ylo : &a->xlo, *vhi = d ? &a->yhi : &a->xhi;
	int log = scale_of(ax, d) == SPR_SCALE_LOG;
	size_t k;

	/*
	 * Only axes of the same scale share: a linear neighbour's data may
	 * hold values <= 0, which a log axis cannot show.
	 */
	for (k = 0; k < naxes && shares(r, d); k++) {
		const spr_axes_ctx *b = &ac[k];
		if (scale_of(b->ax, d) != scale_of(ax, d))
			continue;
		if (!isnan(b->dlo[d])) {
			lo = isnan(lo) ? b->dlo[d] : fmin(lo, b->dlo[d]);
			hi = isnan(hi) ? b->dhi[d] : fmax(hi, b->dhi[d]);
		}
		slo = fmin(slo, b->slo[d]);
		shi = fmax(shi, b->shi[d]);
		if (!lim && own_lim(b->ax, d))
			lim = own_lim(b->ax, d);
	}
	double margin = ax->has_margins ? spr_more(ax)->margins[d] : MARGIN;
	a->lim_inv[d] = 0;
	if (lim) {
		/* limits given high to low invert the axis: every locator
		 * and formatter sees them sorted, only the map flips */
		a->lim_inv[d] = lim[0] > lim[1];
		*vlo = fmin(lim[0], lim[1]);
		*vhi = fmax(lim[0], lim[1]);
	} else if (scale_of(ax, d) == SPR_SCALE_SYMLOG) {
		const spr_axis_opts *o = spr_axis_opts_of(ax, d);
		autoscale_symlog(lo, hi, slo, shi, o->linthresh, o->linscale,
				 margin, vlo, vhi);
	} else if (scale_of(ax, d) == SPR_SCALE_DATE) {
		/* AutoDateLocator.nonsingular, then the margins */
		spr_date_nonsingular(&lo, &hi);
		spr_autoscale(lo, hi, slo, shi, 0, margin, vlo, vhi);
	} else {
		spr_autoscale(lo, hi, slo, shi, log, margin, vlo, vhi);
	}
	/* equal explicit limits: widen like matplotlib's set_xlim */
	if (*vlo == *vhi) {
		if (log) {
			*vlo = fmax(*vlo / 10, DBL_TRUE_MIN);
			*vhi = fmin(*vhi * 10, DBL_MAX);
		} else {
			spr_nonsingular(vlo, vhi, 0.001, 1e-15);
			*vlo = finite_max(*vlo);
			*vhi = finite_max(*vhi);
		}
	}
}

/*
 * A twin's data joins its parent's in the axis they share (matplotlib's
 * shared autoscale), before the parent's view is made.
 */
static void twin_extents(const spr_ctx *r, spr_axes_ctx *ac, size_t t)
{
	spr_axes_ctx *a = &ac[t], *p = &ac[a->parent];
	int want[2] = {1, 1}, d = a->twin_kind == SPR_TWINX ? 0 : 1;

	data_extents(r, a, want);
	if (!isnan(a->dlo[d])) {
		p->dlo[d] =
		    isnan(p->dlo[d]) ? a->dlo[d] : fmin(p->dlo[d], a->dlo[d]);
		p->dhi[d] =
		    isnan(p->dhi[d]) ? a->dhi[d] : fmax(p->dhi[d], a->dhi[d]);
	}
	p->slo[d] = fmin(p->slo[d], a->slo[d]);
	p->shi[d] = fmax(p->shi[d], a->shi[d]);
}

/* A twin's own view from its data alone, its shared one its parent's. */
static void twin_view(const spr_ctx *r, spr_axes_ctx *ac, size_t t)
{
	spr_axes_ctx *a = &ac[t], *p = &ac[a->parent];
	int d = a->twin_kind == SPR_TWINX ? 0 : 1;

	view_limits(r, a, 1, 0, 1 - d);
	/* its own axis as its limits say, the shared one as the parent's */
	a->view.inv[1 - d] = a->lim_inv[1 - d];
	a->view.inv[d] = p->view.inv[d];
	if (d == 0) {
		a->xlo = p->xlo;
		a->xhi = p->xhi;
	} else {
		a->ylo = p->ylo;
		a->yhi = p->yhi;
	}
	spr_view_ticks(a);
}

/* The last item's view wish; an axis with an explicit limit takes the
 * orientation of its limit (inverted when given high to low). */
static void item_views(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes,
		       size_t i)
{
	spr_axes_ctx *a = &ac[i];

	memset(&a->view, 0, sizeof a->view);
	for (size_t j = 0; j < a->ax->nitems; j++) {
		const spr_item *it = &a->ax->items[j];
		if (it->kind->view)
			it->kind->view(it->p, r->series, &a->view);
	}
	for (int d = 0; d < 2; d++)
		if (lim_of(r, ac, naxes, i, d))
			a->view.inv[d] = a->lim_inv[d];
	/* the axes' set_aspect, after the items as a call after imshow */
	double aspect = spr_more(a->ax)->aspect;
	if (aspect != 0)
		a->view.aspect = aspect > 0 ? aspect : 0;
}

void spr_set_limits(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes,
		    size_t ntwins)
{
	/* some axes has no limit: sharing needs every axes' extents */
	int freed[2] = {0, 0}, d;
	size_t i;

	for (i = 0; i < naxes; i++)
		for (d = 0; d < 2; d++)
			freed[d] |= !lim_of(r, ac, naxes, i, d);
	for (i = 0; i < naxes; i++) {
		int want[2];
		for (d = 0; d < 2; d++)
			want[d] = shares(r, d) ? freed[d]
					       : !lim_of(r, ac, naxes, i, d);
		data_extents(r, &ac[i], want);
	}
	for (i = naxes; i < naxes + ntwins; i++)
		twin_extents(r, ac, i);
	for (i = 0; i < naxes; i++) {
		for (d = 0; d < 2; d++)
			view_limits(r, ac, naxes, i, d);
		item_views(r, ac, naxes, i);
	}
	for (i = 0; i < naxes; i++)
		spr_view_ticks(&ac[i]);
	for (i = naxes; i < naxes + ntwins; i++)
		twin_view(r, ac, i);
}
