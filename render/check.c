/*
 * What spr_render refuses before it allocates anything: sizes beyond the
 * pixel limits, grids beyond the subplot limit, limits a log axis cannot
 * show, and lines that name series that do not exist or do not match.
 */
#include "draw.h"

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

static int check_figure(const spr_figure *fig, const spr_series *series,
			size_t nseries, char *err, size_t errlen)
{
	size_t naxes, i, j;

	if (fig->rows < 1 || fig->cols < 1 || fig->rows > 64 || fig->cols > 64)
		return spr_err(err, errlen,
			       "subplot grid %d x %d is not accepted (1..64 "
			       "each)",
			       fig->rows, fig->cols);
	naxes = (size_t)fig->rows * (size_t)fig->cols;
	if (!fig->axes)
		return spr_err(err, errlen, "figure has no axes");
	for (i = 0; i < naxes; i++) {
		const spr_axes *ax = &fig->axes[i];
		if (ax->nlines > 0 && !ax->lines)
			return spr_err(err, errlen, "axes %zu: no line table",
				       i);
		if (ax->has_xlim &&
		    check_lim(ax->xlim, ax->xscale, (int)i, 'x', err, errlen))
			return -1;
		if (ax->has_ylim &&
		    check_lim(ax->ylim, ax->yscale, (int)i, 'y', err, errlen))
			return -1;
		for (j = 0; j < ax->nlines; j++) {
			const spr_line *l = &ax->lines[j];
			if (l->y >= nseries)
				return spr_err(err, errlen,
					       "axes %zu line %zu: series %u "
					       "does not exist",
					       i, j, (unsigned)l->y);
			if (l->x != SPR_NO_X && l->x >= nseries)
				return spr_err(err, errlen,
					       "axes %zu line %zu: series %u "
					       "does not exist",
					       i, j, (unsigned)l->x);
			if ((series[l->y].n && !series[l->y].v) ||
			    (l->x != SPR_NO_X && series[l->x].n &&
			     !series[l->x].v))
				return spr_err(err, errlen,
					       "axes %zu line %zu: series has "
					       "no data",
					       i, j);
			if (l->x != SPR_NO_X &&
			    series[l->x].n != series[l->y].n)
				return spr_err(err, errlen,
					       "axes %zu line %zu: x has %zu "
					       "points but y has %zu",
					       i, j, series[l->x].n,
					       series[l->y].n);
			if (l->style < SPR_LS_SOLID || l->style > SPR_LS_NONE)
				return spr_err(
				    err, errlen,
				    "axes %zu line %zu: unknown line "
				    "style %d",
				    i, j, l->style);
			if (l->marker < SPR_MK_NONE || l->marker > SPR_MK_CROSS)
				return spr_err(err, errlen,
					       "axes %zu line %zu: unknown "
					       "marker %d",
					       i, j, l->marker);
			if (!(isfinite(l->width_pt) && l->width_pt >= 0 &&
			      l->width_pt <= 1000) ||
			    !(isfinite(l->marker_pt) && l->marker_pt >= 0 &&
			      l->marker_pt <= 1000))
				return spr_err(err, errlen,
					       "axes %zu line %zu: line width "
					       "and marker size must be in "
					       "0..1000 pt",
					       i, j);
		}
	}
	return 0;
}

int spr_check_figure(const spr_figure *fig, const spr_series *series,
		     size_t nseries, int *w, int *h, char *err, size_t errlen)
{
	if (check_size(fig, w, h, err, errlen) != 0)
		return -1;
	return check_figure(fig, series, nseries, err, errlen);
}
