// SPDX-License-Identifier: MIT
/*
 * imshow(X): a 2-D series as an image, as matplotlib 3.6's AxesImage
 * (axes/_axes.py imshow, image.py). Each cell's value goes through the
 * norm (linear or log, vmin .. vmax from the data when not given) and the
 * colormap (colormap.c), truncated to 8 bits as matplotlib colours an
 * image; NaN, and with a log norm values <= 0, are the "bad" colour,
 * transparent. Row 0 is at the top (origin "upper") or the bottom
 * ("lower") of the extent, whose default puts cell centres on integers.
 * The image fills the axes: its extent is the data limits and sticky
 * edges on all four sides, so no margin is added; origin "upper" turns the
 * y axis downwards, and aspect "equal" shrinks the axes box so cells are
 * square (the `view` hook; layout.c does both).
 *
 * The image is resampled straight to the device pixels it covers, one
 * lookup per pixel (per pixel footprint when shrinking), never a
 * rectangle per cell: a 2000 x 2000 image costs what its ~370 x 370 px
 * on screen cost. Pixels are placed as Agg places matplotlib's resampled
 * image: ceil(w) x ceil(h) output pixels over the visible part of the
 * image, stretched to whole pixels and starting at its corner rounded to
 * a whole pixel, each sampled at its centre, clipped to the axes
 * rectangle rounded to whole pixels.
 *
 * interpolation: "nearest" (also "none") takes the cell under each pixel
 * centre; "bilinear" interpolates between the four cell centres around it
 * on the data, as matplotlib's interpolation_stage "data" does (a pixel
 * that a NaN cell has weight in is transparent); "antialiased" (matplotlib's
 * default) is nearest where matplotlib's is (enlarged more than 3x, or exactly
 * 1x or 2x, on both axes), and elsewhere the mean of the cells whose centres
 * fall in the pixel (the nearest cell when there is none) where matplotlib
 * uses a Hanning filter: as free of aliasing, but not matplotlib's pixels.
 */
#include "colorbar.h"
#include "colormap.h"
#include "item.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>

enum { ORIGIN_UPPER, ORIGIN_LOWER };
enum { ASPECT_EQUAL, ASPECT_AUTO };
enum { INTERP_ANTIALIASED, INTERP_NEAREST, INTERP_BILINEAR, INTERP_NONE };
enum { RESAMPLE_NEAREST, RESAMPLE_BILINEAR, RESAMPLE_MEAN };

typedef struct imshow_params {
	uint32_t X;
	int cmap;
	int norm; /* 0 linear, 1 log */
	double vmin, vmax;
	int origin;
	spr_array extent; /* empty, or left, right, bottom, top */
	int aspect;
	int interp;
	double alpha;
	int colorbar;
	char *colorbar_label;
} imshow_params;

static const char *const norm_names[] = {"linear", "log"};
static const char *const origin_names[] = {"upper", "lower"};
static const char *const aspect_names[] = {"equal", "auto"};
static const char *const interp_names[] = {"antialiased", "nearest", "bilinear",
					   "none"};

#define FIELD(n, t, m)                                                         \
	.name = n, .type = t, .offset = offsetof(imshow_params, m)

static const spr_field imshow_fields[] = {
    {FIELD("X", SPR_F_SERIES2D, X), .def = SPR_NO_SERIES,
     .doc = "the image: a 2-D series, row 0 first"},
    SPR_CMAP_FIELD(imshow_params, cmap),
    {FIELD("norm", SPR_F_INT, norm), .min = 0, .max = 1, .def = 0,
     .names = norm_names,
     .doc = "value to colour: linear (Normalize) or log (LogNorm: values "
	    "<= 0 transparent)"},
    {FIELD("vmin", SPR_F_NUM, vmin), .min = -DBL_MAX, .max = DBL_MAX,
     .def = NAN, .flags = SPR_FF_AUTO,
     .doc = "value of the colormap's first colour (auto: the data's least)"},
    {FIELD("vmax", SPR_F_NUM, vmax), .min = -DBL_MAX, .max = DBL_MAX,
     .def = NAN, .flags = SPR_FF_AUTO,
     .doc = "value of its last colour (auto: the data's greatest)"},
    {FIELD("origin", SPR_F_INT, origin), .min = 0, .max = 1,
     .def = ORIGIN_UPPER, .names = origin_names,
     .doc = "where row 0 goes: upper (the y axis then points down) or "
	    "lower"},
    {FIELD("extent", SPR_F_ARRAY, extent), .min = -DBL_MAX, .max = DBL_MAX,
     .maxlen = 4,
     .doc = "[left, right, bottom, top] in data units (default: cell "
	    "centres on integers, -0.5 .. cols-0.5)"},
    {FIELD("aspect", SPR_F_INT, aspect), .min = 0, .max = 1,
     .def = ASPECT_EQUAL, .names = aspect_names,
     .doc = "equal: the axes box shrinks to square cells; auto: it fills"},
    {FIELD("interpolation", SPR_F_INT, interp), .min = 0, .max = 3,
     .def = INTERP_ANTIALIASED, .names = interp_names,
     .doc = "nearest, bilinear, or antialiased: nearest when enlarged "
	    "over 3x, else a mean over each pixel (README)"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    {FIELD("colorbar", SPR_F_INT, colorbar), .min = 0, .max = 1, .def = 0,
     .doc = "a colorbar right of the axes (fig.colorbar(im))"},
    {FIELD("colorbar_label", SPR_F_TEXT, colorbar_label),
     .maxlen = SPR_MAX_TEXT, .doc = "the colorbar's label"},
};

/* left, right, bottom, top: the extent given, or matplotlib's default. */
static void image_extent(const imshow_params *s, const spr_series *X,
			 double e[4])
{
	double rows = (double)spr_series_rows(X), cols = (double)X->cols;

	if (s->extent.n == 4) {
		for (int i = 0; i < 4; i++)
			e[i] = s->extent.v[i];
		return;
	}
	e[0] = -0.5;
	e[1] = cols - 0.5;
	e[2] = s->origin == ORIGIN_UPPER ? rows - 0.5 : -0.5;
	e[3] = s->origin == ORIGIN_UPPER ? -0.5 : rows - 0.5;
}

static int imshow_check(const void *p, const spr_series *series, char *err,
			size_t errlen)
{
	const imshow_params *s = p;
	const double *e = s->extent.v;

	(void)series;
	if (s->extent.n && s->extent.n != 4)
		return spr_err(err, errlen,
			       "extent has %zu values: give [left, right, "
			       "bottom, top]",
			       s->extent.n);
	if (s->extent.n == 4 && (e[0] == e[1] || e[2] == e[3]))
		return spr_err(err, errlen,
			       "extent [%g, %g, %g, %g] is empty: left and "
			       "right, bottom and top must differ",
			       e[0], e[1], e[2], e[3]);
	if (s->vmin > s->vmax)
		return spr_err(err, errlen,
			       "vmin %g is above vmax %g (matplotlib: minvalue "
			       "must be less than or equal to maxvalue)",
			       s->vmin, s->vmax);
	if (s->norm && (s->vmin <= 0 || s->vmax <= 0))
		return spr_err(err, errlen,
			       "norm \"log\" needs vmin and vmax above 0");
	return 0;
}

static void fold(spr_scan *sc, int d, double v)
{
	if (!isfinite(v) || (sc->log[d] && v <= 0))
		return;
	sc->e[2 * d] = fmin(sc->e[2 * d], v);
	sc->e[2 * d + 1] = fmax(sc->e[2 * d + 1], v);
	spr_scan_sticky(sc, d, v);
}

/* matplotlib's set_extent: the corners are data, and every side sticks. */
static void imshow_extents(const void *p, spr_scan *sc)
{
	const imshow_params *s = p;
	double e[4];

	image_extent(s, &sc->series[s->X], e);
	for (int i = 0; i < 4; i++)
		if (sc->want[i / 2])
			fold(sc, i / 2, e[i]);
}

/* set_extent's limits run left -> right, bottom -> top: a y axis pointing
 * down for origin upper's default; aspect equal is set_aspect(1). */
static void imshow_view(const void *p, const spr_series *series, spr_view *v)
{
	const imshow_params *s = p;
	double e[4];

	image_extent(s, &series[s->X], e);
	v->aspect = s->aspect == ASPECT_EQUAL ? 1 : 0;
	v->inv[0] = e[0] > e[1];
	v->inv[1] = e[2] > e[3];
}

/* Device px -> data value: spr_map_px's inverse. */
static double unmap(const spr_map *m, double px)
{
	double t = m->t0 + (px - m->p0) / m->k;

	if (m->e)
		t = ldexp(t, -m->e);
	return m->log ? pow(10, t) : t;
}

/* Where the image's output pixels go: Agg's placement (see the top). */
typedef struct place {
	double bx0, by1, cw, ch; /* visible image box: left, bottom, size */
	int affine;              /* both axes linear: Agg's affine path */
	int ow, oh;              /* output pixels */
	int c0, r0;              /* device column, row of output (0, 0) */
	int ca, cb, ra, rb;      /* device pixels drawn: [ca, cb) x [ra, rb) */
} place;

/* 0 when nothing of the image is visible. */
static int place_image(const spr_ctx *r, const spr_axes_ctx *a,
		       const double dev[4], place *pl)
{
	double ax0 = fmin(a->x0, a->x1), ax1 = fmax(a->x0, a->x1);
	double ay0 = fmin(a->y0, a->y1), ay1 = fmax(a->y0, a->y1);
	double bx0 = fmax(fmin(dev[0], dev[1]), ax0);
	double bx1 = fmin(fmax(dev[0], dev[1]), ax1);
	double by0 = fmax(fmin(dev[2], dev[3]), ay0);
	double by1 = fmin(fmax(dev[2], dev[3]), ay1);

	if (!(bx1 > bx0 && by1 > by0))
		return 0;
	pl->bx0 = bx0;
	pl->by1 = by1;
	pl->cw = bx1 - bx0;
	pl->ch = by1 - by0;
	/* matplotlib stretches an affine image to whole px; a log axis's
	 * (non-affine: a mesh) is cut to whole px instead */
	pl->affine = !a->mx.log && !a->my.log;
	pl->ow = pl->affine ? (int)ceil(pl->cw) : (int)pl->cw;
	pl->oh = pl->affine ? (int)ceil(pl->ch) : (int)pl->ch;
	if (pl->ow < 1 || pl->oh < 1)
		return 0;
	/* matplotlib rounds the image's origin to whole px (its Agg
	 * wrapper's mpl_round), bottom-left in its y-up frame */
	pl->c0 = (int)floor(bx0 + 0.5);
	pl->r0 = (int)ceil(by1 - 0.5) - pl->oh;
	pl->ca = (int)fmax(fmax(pl->c0, lround(ax0)), 0);
	pl->cb = (int)fmin(fmin(pl->c0 + pl->ow, lround(ax1)), r->W);
	pl->ra = (int)fmax(fmax(pl->r0, lround(ay0)), 0);
	pl->rb = (int)fmin(fmin(pl->r0 + pl->oh, lround(ay1)), r->H);
	return pl->cb > pl->ca && pl->rb > pl->ra;
}

static long long iround(double v)
{
	return (long long)(v < 0 ? v - 0.5 : v + 0.5);
}

/*
 * The sample positions Agg's affine resampler (matplotlib's, through
 * span_interpolator_linear) uses, in 1/256 of a cell: a row of output px
 * is one span whose two ends are rounded to 1/256 and stepped between by
 * an integer DDA (dda2_line_interpolator); a row's position is its
 * centre's, rounded. Without it, a pixel centre within 1/256 of a cell
 * edge could take the other cell than matplotlib's. u[] (columns: u0 and
 * u1 the positions at the output row's two ends) is replaced by them.
 */
static void agg_positions(const place *pl, int d, int first, int count,
			  double *u, double u0, double u1)
{
	if (d) {
		for (int i = 0; i < count; i++)
			u[i] = (double)iround(u[i] * 256) / 256;
		return;
	}
	long long n = pl->ow, q0 = iround((u0 + (u1 - u0) * 0.5 / n) * 256);
	long long q1 = iround((u0 + (u1 - u0) * (n + 0.5) / n) * 256);
	long long lft = (q1 - q0) / n, rem = (q1 - q0) % n, mod = rem, q = q0;

	if (mod <= 0) {
		mod += n;
		rem += n;
		lft--;
	}
	mod -= n;
	for (long long k = 0; k < first - pl->c0 + count; k++) {
		if (k >= first - pl->c0)
			u[k - (first - pl->c0)] = (double)q / 256;
		mod += rem;
		q += lft;
		if (mod > 0) {
			mod -= n;
			q++;
		}
	}
}

/*
 * Image coordinates (0 .. n along the columns from the left side of the
 * extent, along the rows from row 0's side) of the device pixels drawn:
 * u[i] at column ca + i's sample point, and its footprint's two ends in
 * lo[i], hi[i] (for the mean). d: 0 columns, 1 rows.
 */
static void sample_axis(const spr_axes_ctx *a, const place *pl, int d,
			double from, double to, double n, double *u, double *lo,
			double *hi)
{
	int first = d ? pl->ra : pl->ca,
	    count = d ? pl->rb - pl->ra : pl->cb - pl->ca;
	double step = !pl->affine ? 1 : d ? pl->ch / pl->oh : pl->cw / pl->ow;
	const spr_map *m = d ? &a->my : &a->mx;

	for (int i = 0; i < count; i++) {
		/* output pixel k's centre, and its two edges */
		double k = d ? pl->oh - (first + i - pl->r0) - 0.5
			     : first + i - pl->c0 + 0.5;
		double px = d ? pl->by1 - k * step : pl->bx0 + k * step;
		double half = d ? -step / 2 : step / 2;
		u[i] = (unmap(m, px) - from) / (to - from) * n;
		lo[i] = (unmap(m, px - half) - from) / (to - from) * n;
		hi[i] = (unmap(m, px + half) - from) / (to - from) * n;
		if (lo[i] > hi[i]) {
			double t = lo[i];
			lo[i] = hi[i];
			hi[i] = t;
		}
	}
	/* the two ends of a row of output px, for Agg's DDA */
	double u0 = d ? 0 : (unmap(m, pl->bx0) - from) / (to - from) * n;
	double u1 =
	    d ? 0 : (unmap(m, pl->bx0 + pl->cw) - from) / (to - from) * n;
	/* Agg's affine path; through a log axis matplotlib's mesh gives
	 * each pixel its position, rounded as a row's is */
	agg_positions(pl, pl->affine ? d : 1, first, count, u, u0, u1);
}

/* v as an index into n cells, held at the edges (NaN: 0). */
static size_t clampi(double v, size_t n)
{
	return !(v >= 0) ? 0 : v >= (double)n ? n - 1 : (size_t)v;
}

/* The mean of the finite cells whose centres lie in [lo, hi) along both
 * axes (the nearest cell when no centre does); NaN when none is finite. */
static double cell_mean(const spr_series *X, size_t rows, double ulo,
			double uhi, double vlo, double vhi, double u, double v)
{
	size_t cols = X->cols;
	double a0 = ceil(ulo - 0.5), a1 = ceil(uhi - 0.5);
	double b0 = ceil(vlo - 0.5), b1 = ceil(vhi - 0.5);
	double sum = 0;
	size_t n = 0;

	if (!(a1 > a0))
		a0 = floor(u), a1 = a0 + 1;
	if (!(b1 > b0))
		b0 = floor(v), b1 = b0 + 1;
	size_t i0 = clampi(a0, cols), i1 = clampi(a1 - 1, cols);
	size_t j0 = clampi(b0, rows), j1 = clampi(b1 - 1, rows);
	for (size_t j = j0; j <= j1; j++) {
		const double *row = X->v + j * cols;
		for (size_t i = i0; i <= i1; i++)
			if (isfinite(row[i])) {
				sum += row[i];
				n++;
			}
	}
	return n ? sum / (double)n : NAN;
}

/* Bilinear between the cell centres around (u, v), edges held; NaN when
 * a cell of non-zero weight is NaN, as matplotlib's resampled mask is. */
static double bilinear(const spr_series *X, size_t rows, double u, double v)
{
	size_t cols = X->cols;
	double x = u - 0.5, y = v - 0.5, fx, fy, sum = 0;
	double ix = floor(x), iy = floor(y);

	fx = x - ix;
	fy = y - iy;
	for (int k = 0; k < 4; k++) {
		size_t i = clampi(ix + (k & 1), cols);
		size_t j = clampi(iy + (k >> 1), rows);
		double w = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy);
		if (w > 0)
			sum += w * X->v[j * cols + i];
	}
	return sum;
}

/* matplotlib's 'antialiased' rule: nearest when the image's n cells span
 * disp output px with disp > 3n, disp == n or disp == 2n on both axes. */
static int plain_enough(double dispx, size_t cols, double dispy, size_t rows)
{
	double c = (double)cols, r = (double)rows;

	return (dispx > 3 * c || dispx == c || dispx == 2 * c) &&
	       (dispy > 3 * r || dispy == r || dispy == 2 * r);
}

typedef struct samples {
	double *u, *ulo, *uhi, *v, *vlo, *vhi;
} samples;

/* The colours of the drawn pixels, premultiplied ARGB32 (bad: 0). */
static void paint_pixels(const imshow_params *s, const spr_series *X,
			 const place *pl, const samples *sm, int mode,
			 unsigned char *px, int stride)
{
	size_t rows = spr_series_rows(X), cols = X->cols;
	spr_norm nm = {s->vmin, s->vmax, s->norm};
	spr_cmap cm;
	char why[64];

	spr_cmap_load(&cm, s->cmap);
	spr_norm_autoscale(&nm, X->v, X->n);
	(void)spr_norm_check(&nm, why, sizeof why); /* checked: imshow_check */
	for (int j = 0; j < pl->rb - pl->ra; j++) {
		uint32_t *out = (uint32_t *)(px + (size_t)j * (size_t)stride);
		size_t rj = clampi(floor(sm->v[j]), rows);
		for (int i = 0; i < pl->cb - pl->ca; i++) {
			double val;
			if (mode == RESAMPLE_NEAREST)
				val = X->v[rj * cols +
					   clampi(floor(sm->u[i]), cols)];
			else if (mode == RESAMPLE_BILINEAR)
				val = bilinear(X, rows, sm->u[i], sm->v[j]);
			else
				val = cell_mean(X, rows, sm->ulo[i], sm->uhi[i],
						sm->vlo[j], sm->vhi[j],
						sm->u[i], sm->v[j]);
			int k = spr_cmap_index(&cm, spr_norm_map(&nm, val));
			out[i] = k < 0
				     ? 0
				     : 0xff000000u | spr_cmap_rgb_trunc(&cm, k);
		}
	}
}

/* The resampling the item's interpolation asks for on this placement. */
static int resample_mode(const imshow_params *s, const spr_series *X,
			 const place *pl, const double dev[4])
{
	double dispx, dispy;

	if (s->interp == INTERP_NEAREST || s->interp == INTERP_NONE)
		return RESAMPLE_NEAREST;
	if (s->interp == INTERP_BILINEAR)
		return RESAMPLE_BILINEAR;
	/* the whole image's size in output px, as image.py measures it */
	dispx = fabs(dev[1] - dev[0]) * pl->ow / pl->cw;
	dispy = fabs(dev[3] - dev[2]) * pl->oh / pl->ch;
	return plain_enough(dispx, X->cols, dispy, spr_series_rows(X))
		   ? RESAMPLE_NEAREST
		   : RESAMPLE_MEAN;
}

static void imshow_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			uint32_t color)
{
	const imshow_params *s = p;
	const spr_series *X = &r->series[s->X];
	double e[4], dev[4];
	samples sm;
	place pl;

	(void)color;
	image_extent(s, X, e);
	dev[0] = spr_map_px(&a->mx, e[0]);
	dev[1] = spr_map_px(&a->mx, e[1]);
	dev[2] = spr_map_px(&a->my, e[2]);
	dev[3] = spr_map_px(&a->my, e[3]);
	if (isnan(dev[0] + dev[1] + dev[2] + dev[3]) || !X->n ||
	    !place_image(r, a, dev, &pl))
		return;
	int nc = pl.cb - pl.ca, nr = pl.rb - pl.ra;
	double *buf = spr_callocn(3 * ((size_t)nc + (size_t)nr), sizeof *buf);
	cairo_surface_t *img =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, nc, nr);
	if (!buf || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		free(buf);
		cairo_surface_destroy(img);
		return;
	}
	sm = (samples){buf,          buf + nc,          buf + 2 * nc,
		       buf + 3 * nc, buf + 3 * nc + nr, buf + 3 * nc + 2 * nr};
	/* columns from the left side; rows from row 0's side */
	sample_axis(a, &pl, 0, e[0], e[1], (double)X->cols, sm.u, sm.ulo,
		    sm.uhi);
	int up = s->origin == ORIGIN_UPPER;
	sample_axis(a, &pl, 1, up ? e[3] : e[2], up ? e[2] : e[3],
		    (double)spr_series_rows(X), sm.v, sm.vlo, sm.vhi);
	cairo_surface_flush(img);
	paint_pixels(s, X, &pl, &sm, resample_mode(s, X, &pl, dev),
		     cairo_image_surface_get_data(img),
		     cairo_image_surface_get_stride(img));
	cairo_surface_mark_dirty(img);
	free(buf);
	cairo_save(r->cr);
	cairo_rectangle(r->cr, pl.ca, pl.ra, nc, nr);
	cairo_clip(r->cr);
	cairo_set_source_surface(r->cr, img, pl.ca, pl.ra);
	cairo_pattern_set_filter(cairo_get_source(r->cr), CAIRO_FILTER_NEAREST);
	cairo_paint_with_alpha(r->cr, s->alpha);
	cairo_restore(r->cr);
	cairo_surface_destroy(img);
}

/* fig.colorbar(im): the image's colormap and its norm as drawn. */
static int imshow_colorbar(const void *p, const spr_series *series,
			   spr_cbar *cb)
{
	const imshow_params *s = p;
	const spr_series *X = &series[s->X];
	char why[64];

	if (!s->colorbar)
		return 0;
	cb->cmap = s->cmap;
	cb->norm = (spr_norm){s->vmin, s->vmax, s->norm};
	spr_norm_autoscale(&cb->norm, X->v, X->n);
	(void)spr_norm_check(&cb->norm, why, sizeof why); /* imshow_check */
	cb->label = s->colorbar_label;
	cb->alpha = s->alpha; /* the colorbar takes the mappable's alpha */
	return 1;
}

const spr_kind spr_kind_imshow = {
    .name = "imshow",
    .zorder = 0,
    .doc = "`imshow`: a 2-D series as an image through a colormap",
    .size = sizeof(imshow_params),
    .fields = imshow_fields,
    .nfields = sizeof imshow_fields / sizeof imshow_fields[0],
    .check = imshow_check,
    .extents = imshow_extents,
    .view = imshow_view,
    .draw = imshow_draw,
    .colorbar = imshow_colorbar,
};
