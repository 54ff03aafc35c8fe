/*
 * View limits: explicit ones, shared ones (axes of one scale sharing an
 * axis take the union of their data, the first explicit limit wins), and
 * otherwise matplotlib's autoscale of the data's extents. The extents are
 * a pass over every series, the bulk of a large figure's cost, so they
 * are gathered only where no explicit limit decides.
 */
#include "item.h"

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
	    .nitems = ax->nitems,
	    .e = {INFINITY, -INFINITY, INFINITY, -INFINITY},
	    .sticky = {INFINITY, -INFINITY, INFINITY, -INFINITY}};
	size_t j;
	int d;

	for (j = 0; j < ax->nitems && (want[0] || want[1]); j++) {
		const spr_item *it = &ax->items[j];
		if (it->kind->extents)
			it->kind->extents(it->p, &s);
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

/*
 * matplotlib's autoscale_view for one axis: nonsingular, then 5% margins
 * that stop at the sticky edges slo, shi (+-inf: none).
 */
static void autoscale(double dlo, double dhi, double slo, double shi, int log,
		      double *lo, double *hi)
{
	double t0, t1, d;

	if (!log) {
		if (isnan(dlo)) {
			*lo = 0;
			*hi = 1;
			return;
		}
		spr_nonsingular(&dlo, &dhi, 0.05, 1e-15);
		d = (dhi - dlo) * MARGIN;
		if (!isfinite(d))
			d = 0;
		*lo = dlo - d;
		*hi = dhi + d;
		stick(dlo, dhi, slo, shi, 0, lo, hi);
		spr_nonsingular(lo, hi, 0.001, 1e-15);
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
		dlo = pow(10.0, t0);
		dhi = pow(10.0, t1);
	}
	d = (t1 - t0) * MARGIN;
	*lo = pow(10.0, t0 - d);
	*hi = pow(10.0, t1 + d);
	stick(dlo, dhi, slo, shi, 1, lo, hi);
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
	if (lim) {
		*vlo = lim[0];
		*vhi = lim[1];
	} else {
		autoscale(lo, hi, slo, shi, log, vlo, vhi);
	}
	/* equal explicit limits: widen like matplotlib's set_xlim */
	if (*vlo == *vhi) {
		if (log) {
			*vlo /= 10;
			*vhi *= 10;
		} else {
			spr_nonsingular(vlo, vhi, 0.001, 1e-15);
		}
	}
}

void spr_set_limits(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes)
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
	for (i = 0; i < naxes; i++)
		for (d = 0; d < 2; d++)
			view_limits(r, ac, naxes, i, d);
}
