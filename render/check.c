/* SPDX-License-Identifier: MIT */
/*
 * What spr_render refuses before it allocates anything: sizes beyond the
 * pixel limits, grids beyond the subplot limit, limits a log axis cannot
 * show, and items with values out of their fields' ranges, that name
 * series that do not exist, or that break their kind's own rules.
 */
#include "axes_opts.h"
#include "axis_opts.h"
#include "item.h"
#include "mathtext.h"

/* Pixel size as a double, before any rounding or range check. */
static void pixel_size_d(const spr_figure *fig, double *w, double *h)
{
	*w = fig->width_in * fig->dpi;
	*h = fig->height_in * fig->dpi;
}

void spr_figure_pixel_size(const spr_figure *fig, int *w, int *h)
{
	double wd, hd;

	pixel_size_d(fig, &wd, &hd);
	/* out-of-range sizes report 0 rather than overflow an int */
	*w = (isfinite(wd) && wd >= 0 && wd <= SPR_MAX_DIM) ? (int)lround(wd)
							    : 0;
	*h = (isfinite(hd) && hd >= 0 && hd <= SPR_MAX_DIM) ? (int)lround(hd)
							    : 0;
}

static int check_size(const spr_figure *fig, int *w, int *h, char *err,
		      size_t errlen)
{
	double wd, hd;
	size_t px;

	if (!(isfinite(fig->width_in) && fig->width_in > 0) ||
	    !(isfinite(fig->height_in) && fig->height_in > 0))
		return spr_err(
		    err, errlen,
		    "figure size must be finite and positive inches");
	if (!(isfinite(fig->dpi) && fig->dpi > 0))
		return spr_err(err, errlen,
			       "figure dpi must be finite and positive");
	pixel_size_d(fig, &wd, &hd);
	if (!(wd <= SPR_MAX_DIM && hd <= SPR_MAX_DIM)) {
		/* print as integers: %f would follow LC_NUMERIC */
		return spr_err(err, errlen,
			       "figure size %.0f x %.0f px exceeds the limit "
			       "of %d px per side",
			       fmin(wd, 1e18), fmin(hd, 1e18), SPR_MAX_DIM);
	}
	*w = (int)lround(wd);
	*h = (int)lround(hd);
	if (*w < 1 || *h < 1)
		return spr_err(err, errlen, "figure size %d x %d px is empty",
			       *w, *h);
	if (spr_mul_size((size_t)*w, (size_t)*h, &px) != 0 ||
	    px > SPR_MAX_PIXELS)
		return spr_err(err, errlen,
			       "figure size %d x %d px exceeds the limit of %u "
			       "pixels",
			       *w, *h, SPR_MAX_PIXELS);
	return 0;
}

static int check_lim(const double lim[2], int log, int ai, char axis, char *err,
		     size_t errlen)
{
	if (!isfinite(lim[0]) || !isfinite(lim[1]))
		return spr_err(err, errlen, "axes %d: %clim must be finite", ai,
			       axis);
	if (log && !(lim[0] > 0 && lim[1] > 0))
		return spr_err(err, errlen,
			       "axes %d: %clim must be positive on a log axis",
			       ai, axis);
	return 0;
}

/* Why field f of p holds a value its rules refuse. */
static int bad_value(const spr_field *f, const void *p, char *why, size_t len)
{
	double v;

	switch (f->type) {
	case SPR_F_TEXT:
		return spr_err(why, len, "%s is longer than %zu bytes", f->name,
			       f->maxlen);
	case SPR_F_ARRAY:
		return spr_err(why, len,
			       "%s has more than %zu values, or one outside "
			       "[%g, %g]",
			       f->name, f->maxlen, f->min, f->max);
	case SPR_F_STRINGS:
		return spr_err(why, len,
			       "%s has more than %zu strings, or one longer "
			       "than %u bytes",
			       f->name, f->maxlen, SPR_MAX_TEXT);
	case SPR_F_INT:
		v = spr_field_get(f, p);
		if (f->names)
			return spr_err(why, len, "unknown %s %.0f", f->name, v);
		break;
	case SPR_F_COLOR:
		return spr_err(why, len, "%s 0x%x is not 0xRRGGBB", f->name,
			       (unsigned)spr_field_get(f, p));
	default:
		break;
	}
	return spr_err(why, len, "%s %g is outside [%g, %g]", f->name,
		       spr_field_get(f, p), f->min, f->max);
}

/* A series field's reference: the series exists and has its data. */
static int check_ref(const spr_field *f, const void *p,
		     const spr_series *series, size_t nseries, char *why,
		     size_t len)
{
	uint32_t s = *(const uint32_t *)spr_field_cptr(f, p);

	if (s == SPR_NO_SERIES && (f->flags & SPR_FF_OPTIONAL))
		return 0;
	if (s >= nseries)
		return spr_err(why, len, "series %u does not exist",
			       (unsigned)s);
	if (series[s].n && !series[s].v)
		return spr_err(why, len, "series has no data");
	if (f->type == SPR_F_SERIES && series[s].cols)
		return spr_err(why, len,
			       "%s: series %u is 2-D (%zu x %zu); a 1-D "
			       "series is expected",
			       f->name, (unsigned)s,
			       spr_series_rows(&series[s]), series[s].cols);
	if (f->type == SPR_F_SERIES2D && !series[s].cols)
		return spr_err(why, len,
			       "%s: series %u is 1-D (%zu values); a 2-D "
			       "series (rows x columns) is expected",
			       f->name, (unsigned)s, series[s].n);
	return 0;
}

/* An item: its values in range, its series there, its kind's own rules. */
static int check_item(const spr_item *it, const spr_series *series,
		      size_t nseries, char *why, size_t len)
{
	const spr_field *f;
	size_t i;

	if ((f = spr_item_bad_field(it)))
		return bad_value(f, it->p, why, len);
	for (i = 0; i < it->kind->nfields; i++) {
		f = &it->kind->fields[i];
		if ((f->type == SPR_F_SERIES || f->type == SPR_F_SERIES2D) &&
		    check_ref(f, it->p, series, nseries, why, len) != 0)
			return -1;
	}
	if (it->kind->check)
		return it->kind->check(it->p, series, why, len);
	return 0;
}

/* Axis d's tick options: in range, as many labels as ticks, a format
 * the formatter knows. */
static int check_axis(const spr_item *it, int d, size_t i, char *err,
		      size_t errlen)
{
	char why[512];
	const spr_field *f;
	const spr_axis_opts *o = it->p;

	if (!o)
		return 0;
	if (it->kind != &spr_axis_kind)
		return spr_err(err, errlen, "axes %zu: %cticks of another kind",
			       i, "xy"[d]);
	if ((f = spr_item_bad_field(it))) {
		bad_value(f, it->p, why, sizeof why);
		return spr_err(err, errlen, "axes %zu %caxis: %s", i, "xy"[d],
			       why);
	}
	if (o->labels.n && o->labels.n != o->ticks.n)
		return spr_err(err, errlen,
			       "axes %zu %cticks: %zu labels for %zu ticks", i,
			       "xy"[d], o -> labels.n, o->ticks.n);
	for (size_t k = 0; k < o->labels.n; k++)
		if (spr_tick_label_check(o->labels.s[k], why, sizeof why))
			return spr_err(err, errlen,
				       "axes %zu %cticks label %zu: %s", i,
				       "xy"[d], k, why);
	if (o->format && spr_format_check(o->format, why, sizeof why))
		return spr_err(err, errlen, "axes %zu %cformatter: %s", i,
			       "xy"[d], why);
	return 0;
}

/* The axes' title, labels and the items' texts (legend labels, a text's
 * s): mathtext that lays out (the spec loader refuses the others first,
 * with their paths). */
static int check_texts(const spr_axes *ax, size_t i, char *err, size_t errlen)
{
	const char *what[3] = {"title", "xlabel", "ylabel"};
	const char *s[3] = {ax->title, ax->xlabel, ax->ylabel};
	char why[256];
	size_t j, k;

	for (j = 0; j < 3; j++)
		if (mt_check(s[j], why, sizeof why))
			return spr_err(err, errlen, "axes %zu %s: %s", i,
				       what[j], why);
	for (j = 0; j < ax->nitems; j++) {
		const spr_item *it = &ax->items[j];
		if (!it->kind || !it->p)
			continue;
		for (k = 0; k < it->kind->nfields; k++) {
			const spr_field *f = &it->kind->fields[k];
			if (f->type == SPR_F_TEXT &&
			    mt_check(*(char *const *)spr_field_cptr(f, it->p),
				     why, sizeof why))
				return spr_err(err, errlen,
					       "axes %zu %s %zu %s: %s", i,
					       it->kind->name, j, f->name, why);
		}
	}
	return 0;
}

/* The legend's options and the labels' fonts: values in range, a
 * bbox_to_anchor of 2 or 4 numbers, a legend title that lays out. */
static int check_opts(const spr_axes *ax, size_t i, char *err, size_t errlen)
{
	static const char *const what[SPR_AXOPT_N] = {"legend", "title",
						      "xlabel", "ylabel"};
	char why[256];
	const spr_field *f;

	for (int k = 0; k < SPR_AXOPT_N; k++) {
		const spr_item *it = &spr_more(ax)->opts[k];
		if (!it->p)
			continue;
		if (it->kind != spr_axopt_kind(k))
			return spr_err(err, errlen,
				       "axes %zu: %s options of another kind",
				       i, what[k]);
		if ((f = spr_item_bad_field(it))) {
			bad_value(f, it->p, why, sizeof why);
			return spr_err(err, errlen, "axes %zu %s: %s", i,
				       what[k], why);
		}
	}
	const spr_legend_opts *o = spr_legend_opts_of(ax);
	if (o->bbox.n != 0 && o->bbox.n != 2 && o->bbox.n != 4)
		return spr_err(err, errlen,
			       "axes %zu legend: bbox_to_anchor has %zu "
			       "numbers, not 2 (x, y) or 4 (x, y, width, "
			       "height)",
			       i, o->bbox.n);
	if (mt_check(o->title, why, sizeof why))
		return spr_err(err, errlen, "axes %zu legend title: %s", i,
			       why);
	return 0;
}

static int check_axes(const spr_axes *ax, size_t i, const spr_series *series,
		      size_t nseries, char *err, size_t errlen)
{
	const spr_axes *twin = spr_more(ax)->twin;
	char why[256];
	size_t j;

	for (int d = 0; d < 2; d++)
		if (check_axis(&spr_more(ax)->axis[d], d, i, err, errlen))
			return -1;
	if (check_opts(ax, i, err, errlen))
		return -1;
	if (twin &&
	    ((ax->twin_kind != SPR_TWINX && ax->twin_kind != SPR_TWINY) ||
	     spr_more(twin)->twin))
		return spr_err(err, errlen, "axes %zu: bad twin", i);
	if (twin && check_axes(twin, i, series, nseries, err, errlen) != 0)
		return -1;

	if (ax->nitems > 0 && !ax->items)
		return spr_err(err, errlen, "axes %zu: no item table", i);
	if (ax->has_xlim && check_lim(ax->xlim, ax->xscale == SPR_SCALE_LOG,
				      (int)i, 'x', err, errlen))
		return -1;
	if (ax->has_ylim && check_lim(ax->ylim, ax->yscale == SPR_SCALE_LOG,
				      (int)i, 'y', err, errlen))
		return -1;
	if (check_texts(ax, i, err, errlen))
		return -1;
	for (j = 0; j < ax->nitems; j++) {
		const spr_item *it = &ax->items[j];
		if (!it->kind || !it->p)
			return spr_err(err, errlen,
				       "axes %zu item %zu: no kind or "
				       "parameters",
				       i, j);
		if (check_item(it, series, nseries, why, sizeof why) != 0)
			return spr_err(err, errlen, "axes %zu %s %zu: %s", i,
				       it->kind->name, j, why);
	}
	return 0;
}

/* The figure's texts (suptitle, supxlabel, supylabel): mathtext that
 * lays out, as the axes' titles (the spec loader refuses the others
 * first, with their paths). */
static int check_figtexts(const spr_figure *fig, char *err, size_t errlen)
{
	const spr_item *it = &fig->opts;
	char why[256];

	if (!it->p || it->kind != &spr_figure_kind)
		return 0;
	for (size_t k = 0; k < it->kind->nfields; k++) {
		const spr_field *f = &it->kind->fields[k];
		if (f->type == SPR_F_TEXT &&
		    mt_check(*(char *const *)spr_field_cptr(f, it->p), why,
			     sizeof why))
			return spr_err(err, errlen, "figure %s: %s", f->name,
				       why);
	}
	return 0;
}

static int check_figure(const spr_figure *fig, const spr_series *series,
			size_t nseries, char *err, size_t errlen)
{
	size_t naxes, i;

	if (fig->rows < 1 || fig->cols < 1 || fig->rows > SPR_MAX_GRID ||
	    fig->cols > SPR_MAX_GRID)
		return spr_err(err, errlen,
			       "subplot grid %d x %d is not accepted (1..%d "
			       "each)",
			       fig->rows, fig->cols, SPR_MAX_GRID);
	naxes = (size_t)fig->rows * (size_t)fig->cols;
	if (!fig->axes)
		return spr_err(err, errlen, "figure has no axes");
	if (check_figtexts(fig, err, errlen))
		return -1;
	for (i = 0; i < naxes; i++)
		if (check_axes(&fig->axes[i], i, series, nseries, err,
			       errlen) != 0)
			return -1;
	return 0;
}

int spr_check_figure(const spr_figure *fig, const spr_series *series,
		     size_t nseries, int *w, int *h, char *err, size_t errlen)
{
	if (check_size(fig, w, h, err, errlen) != 0)
		return -1;
	return check_figure(fig, series, nseries, err, errlen);
}
