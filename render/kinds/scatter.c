/* SPDX-License-Identifier: MIT */
/*
 * scatter: matplotlib 3.6's Axes.scatter, one PathCollection (zorder 1).
 * s is the marker's area in pt^2 (default lines.markersize^2 = 36), a
 * number or a series; c a series mapped through cmap by a Normalize or
 * LogNorm between vmin and vmax (the data's by default); without c the
 * markers take color, or the next patch-cycle colour. Edges default to
 * the face colour ('face'), 1 pt (patch.linewidth; 1.5 pt, the line's,
 * for the unfilled "+" and "x").
 *
 * Drawing follows Agg's two paths: a scatter of one size and one colour
 * is matplotlib's draw_markers (markers on whole px, stamped: stamp.c);
 * any other (colours from c, sizes from a series, an edge of its own) is
 * draw_path_collection, every marker at its exact centre, fill then edge,
 * over the ones before it in order (sprite.c; within 1/32 px). Points
 * with NaN or infinite x, y, s or c are left out (matplotlib masks them);
 * with a log norm a c <= 0 is "bad": transparent. Autoscale counts the
 * centres only, as matplotlib's.
 *
 * In a PDF or SVG (r->vector) the uniform scatter is paths, as its
 * stamps (markers.c); a collection is composited as for the PNG into a
 * transparent layer over the axes, embedded as an image at the figure's
 * dpi: the file's size is bounded by the axes' pixels, not the points,
 * and it rasterises to the PNG's markers (matplotlib writes a path a
 * marker).
 */
#include "../colorbar.h"
#include "../sprite.h"
#include "item.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AREA_DEFAULT  36.0   /* lines.markersize ** 2, pt^2 */
#define LW_FILLED     1.0    /* patch.linewidth, pt */
#define LW_UNFILLED   1.5    /* lines.linewidth, pt ("+", "x") */
#define PHASES        16     /* sub-pixel positions a px, each direction */
#define MAX_MARKER_PX 1024.0 /* marker diameter, px */
/* sprite memory for a scatter of many sizes (fewer phases beyond) */
#define SPRITE_BYTES (32.0 * 1024 * 1024)

typedef struct scatter_params {
	uint32_t x, y;
	uint32_t s_s; /* sizes: a series, or the number s */
	double s;
	uint32_t c; /* values mapped through cmap */
	int cmap, norm;
	double vmin, vmax;
	int marker;
	double alpha;
	uint32_t color, edgecolors;
	uint32_t facecolors; /* SPR_NONE_COLOR: open markers */
	double linewidths;
	char *label;
	int colorbar;
	char *colorbar_label;
} scatter_params;

static const char *const norm_names[] = {"linear", "log"};

#define FIELD(n, t, m)                                                         \
	.name = n, .type = t, .offset = offsetof(scatter_params, m)

/* matplotlib's scatter() arguments and defaults */
static const spr_field scatter_fields[] = {
    {FIELD("x", SPR_F_SERIES, x), .def = SPR_NO_SERIES, .doc = "x values"},
    {FIELD("y", SPR_F_SERIES, y), .def = SPR_NO_SERIES, .doc = "y values"},
    {FIELD("s", SPR_F_SERIES, s_s), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL | SPR_FF_OR_NUMBER,
     .doc = "marker area, pt^2: a number or a series (36)"},
    {FIELD("s", SPR_F_NUM, s), .min = 0, .max = 1e6, .def = AREA_DEFAULT},
    {FIELD("c", SPR_F_SERIES, c), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL | SPR_FF_INSTEAD,
     .doc = "values coloured through cmap (one colour: color)"},
    SPR_CMAP_FIELD(scatter_params, cmap),
    {FIELD("norm", SPR_F_INT, norm), .min = 0, .max = 1, .def = 0,
     .names = norm_names, .doc = "how c maps to 0 .. 1"},
    {FIELD("vmin", SPR_F_NUM, vmin), .min = -INFINITY, .max = INFINITY,
     .def = NAN, .flags = SPR_FF_AUTO, .doc = "c at the colormap's bottom"},
    {FIELD("vmax", SPR_F_NUM, vmax), .min = -INFINITY, .max = INFINITY,
     .def = NAN, .flags = SPR_FF_AUTO, .doc = "c at its top"},
    {FIELD("marker", SPR_F_INT, marker), .min = SPR_MK_NONE, .max = SPR_MK_LAST,
     .def = SPR_MK_CIRCLE, .names = spr_marker_names, .syms = spr_marker_syms,
     .doc = "the marker"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_PATCHES, .doc = "one colour for all (no c)"},
    {FIELD("edgecolors", SPR_F_COLOR, edgecolors), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET | SPR_FF_NONE,
     .doc = "marker edges (default: the face's)"},
    {FIELD("linewidths", SPR_F_NUM, linewidths), .min = 0, .max = 100,
     .def = NAN, .flags = SPR_FF_AUTO,
     .doc = "edge width, points (1; 1.5 for + and x)"},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,
     .flags = SPR_FF_LABEL, .doc = "legend entry"},
    {FIELD("colorbar", SPR_F_INT, colorbar), .min = 0, .max = 1, .def = 0,
     .doc = "a colorbar right of the axes for c (fig.colorbar)"},
    {FIELD("colorbar_label", SPR_F_TEXT, colorbar_label),
     .maxlen = SPR_MAX_TEXT, .doc = "the colorbar's label"},
    {FIELD("facecolors", SPR_F_COLOR, facecolors), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET | SPR_FF_NONE | SPR_FF_INSTEAD,
     .doc = "marker faces (for color); \"none\": open markers"},
};

static int check(const void *p, const spr_series *series, char *err,
		 size_t errlen)
{
	const scatter_params *sc = p;
	size_t n = series[sc->x].n;

	if (series[sc->y].n != n)
		return spr_err(err, errlen, "x has %zu values but y has %zu", n,
			       series[sc->y].n);
	if (sc->s_s != SPR_NO_SERIES) {
		const spr_series *s = &series[sc->s_s];
		if (s->n != n)
			return spr_err(err, errlen,
				       "s has %zu values but x has %zu", s->n,
				       n);
		for (size_t i = 0; s->v && i < n; i++)
			if (s->v[i] < 0)
				return spr_err(err, errlen,
					       "s must not be negative (s[%zu] "
					       "= %g)",
					       i, s->v[i]);
	}
	if (sc->c != SPR_NO_SERIES && series[sc->c].n != n)
		return spr_err(err, errlen, "c has %zu values but x has %zu",
			       series[sc->c].n, n);
	if (sc->colorbar && sc->c == SPR_NO_SERIES)
		return spr_err(err, errlen,
			       "colorbar needs c, the values to colour by");
	if (sc->vmin > sc->vmax)
		return spr_err(err, errlen,
			       "vmin (%g) is greater than vmax (%g)", sc->vmin,
			       sc->vmax);
	if (sc->norm == 1 && (sc->vmin <= 0 || sc->vmax <= 0))
		return spr_err(err, errlen,
			       "a log norm needs vmin and vmax > 0 (%s is %g)",
			       sc->vmin <= 0 ? "vmin" : "vmax",
			       sc->vmin <= 0 ? sc->vmin : sc->vmax);
	return 0;
}

/* Whether point i is drawn (matplotlib masks NaN/inf in x, y, s, c). */
static inline int valid(const scatter_params *sc, const spr_series *se,
			size_t i)
{
	if (!isfinite(se[sc->x].v[i]) || !isfinite(se[sc->y].v[i]))
		return 0;
	if (sc->s_s != SPR_NO_SERIES && !isfinite(se[sc->s_s].v[i]))
		return 0;
	return sc->c == SPR_NO_SERIES || isfinite(se[sc->c].v[i]);
}

static void extents(const void *p, spr_scan *s)
{
	const scatter_params *sc = p;
	const spr_series *se = s->series;

	for (size_t i = 0; i < se[sc->x].n; i++) {
		double v[2] = {se[sc->x].v[i], se[sc->y].v[i]};
		if (!valid(sc, se, i))
			continue;
		for (int d = 0; d < 2; d++) {
			if (s->log[d] && v[d] <= 0)
				continue;
			s->e[2 * d] = fmin(s->e[2 * d], v[d]);
			s->e[2 * d + 1] = fmax(s->e[2 * d + 1], v[d]);
		}
	}
}

/* The norm over the drawn points' c (autoscale_None), checked. */
static spr_norm norm_of(const scatter_params *sc, const spr_series *se)
{
	spr_norm nm = {sc->vmin, sc->vmax, sc->norm};
	double lo = INFINITY, hi = -INFINITY;

	if (isnan(nm.vmin) || isnan(nm.vmax)) {
		for (size_t i = 0; i < se[sc->x].n; i++) {
			double v = se[sc->c].v[i];
			if (!valid(sc, se, i) || (nm.log && v <= 0))
				continue;
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
		if (lo <= hi)
			spr_norm_autoscale(&nm, (double[]){lo, hi}, 2);
	}
	/* data-given ends that disagree with a given one: matplotlib raises;
	 * here the given end wins and the other follows it */
	if (nm.vmin > nm.vmax && !isnan(sc->vmin))
		nm.vmax = nm.vmin;
	else if (nm.vmin > nm.vmax)
		nm.vmin = nm.vmax;
	spr_norm_check(&nm, NULL, 0);
	return nm;
}

static double edge_pt(const scatter_params *sc)
{
	if (!isnan(sc->linewidths))
		return sc->linewidths;
	return !spr_marker_filled(sc->marker) ? LW_UNFILLED : LW_FILLED;
}

/* Marker diameter px of area s pt^2. */
static inline double size_px(const spr_ctx *r, double s)
{
	/* markers wider than MAX_MARKER_PX are drawn that wide: a marker's
	 * raster grows with its area (matplotlib has no such bound) */
	return fmin(sqrt(s) * r->pt, MAX_MARKER_PX);
}

/* matplotlib's draw_markers: one size, one colour, edges in it. */
static void draw_uniform(const spr_ctx *r, spr_axes_ctx *a,
			 const scatter_params *sc, uint32_t color)
{
	const spr_series *se = r->series;
	spr_marks m = {se[sc->x].v, se[sc->y].v, se[sc->x].n, &a->mx, &a->my};
	spr_stamp st;
	/* RendererAgg::set_clipbox: the axes rounded to whole pixels */
	int box[4] = {(int)floor(fmin(a->x0, a->x1) + 0.5),
		      (int)floor(fmin(a->y0, a->y1) + 0.5),
		      (int)floor(fmax(a->x0, a->x1) + 0.5),
		      (int)floor(fmax(a->y0, a->y1) + 0.5)};

	if (r->vector) {
		spr_marks_vector(r, &m, sc->marker, size_px(r, sc->s),
				 edge_pt(sc) * r->pt, color, sc->alpha, 1, box,
				 a);
		return;
	}
	if (spr_stamp_make_auto(&st, sc->marker, size_px(r, sc->s),
				edge_pt(sc) * r->pt, sc->alpha) != 0)
		return;
	spr_stamp_draw(r, &st, color, &m, box, a);
	spr_stamp_free(&st);
}

/* The marker sizes of a collection: one sprite set a distinct size. */
typedef struct sizes {
	spr_sprite *set;
	int *key;    /* the distinct sizes, 1/8 px, ascending */
	size_t nset; /* sets made */
} sizes;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Diameter (px) of point i as a key: eighths of a px for a series of
 * sizes (below 1/16 px of matplotlib's), the exact size otherwise. */
static inline int size_key(const spr_ctx *r, const scatter_params *sc, size_t i)
{
	return (int)floor(size_px(r, r->series[sc->s_s].v[i]) * 8 + 0.5);
}

/* The sprite sets: fewer phases the more sizes there are. 0 or -1. */
static int sizes_make(sizes *z, const spr_ctx *r, const scatter_params *sc,
		      int marker, double lw)
{
	size_t n = r->series[sc->x].n, k = 0;
	int q;

	memset(z, 0, sizeof *z);
	if (sc->s_s == SPR_NO_SERIES) {
		z->set = calloc(1, sizeof *z->set);
		if (!z->set ||
		    spr_sprite_make(z->set, marker, size_px(r, sc->s), lw,
				    sc->alpha, PHASES))
			return -1;
		z->nset = 1;
		return 0;
	}
	z->key = spr_mallocn(n ? n : 1, sizeof *z->key);
	if (!z->key)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (valid(sc, r->series, i))
			z->key[k++] = size_key(r, sc, i);
	qsort(z->key, k, sizeof *z->key, cmp_int);
	n = k ? 1 : 0;
	for (size_t i = 1; i < k; i++)
		if (z->key[i] != z->key[n - 1])
			z->key[n++] = z->key[i];
	/* as many phases as SPRITE_BYTES of sprites allow */
	for (q = PHASES; q > 1; q /= 2) {
		double bytes = 0;
		for (size_t j = 0; j < n; j++) {
			double side =
			    2 * (ceil(0.75 * z->key[j] / 8.0 + 1.5 * lw) + 2) +
			    1;
			bytes += 3.0 * q * q * side * side;
		}
		if (bytes <= SPRITE_BYTES)
			break;
	}
	z->set = calloc(n ? n : 1, sizeof *z->set);
	if (!z->set)
		return -1;
	for (; z->nset < n; z->nset++)
		if (spr_sprite_make(&z->set[z->nset], marker,
				    z->key[z->nset] / 8.0, lw, sc->alpha, q))
			return -1;
	return 0;
}

static const spr_sprite *sizes_find(const sizes *z, const spr_ctx *r,
				    const scatter_params *sc, size_t i)
{
	size_t lo = 0, hi = z->nset;
	int k;

	if (!z->key)
		return z->set;
	k = size_key(r, sc, i);
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (z->key[mid] <= k)
			lo = mid;
		else
			hi = mid;
	}
	return &z->set[lo];
}

static void sizes_free(sizes *z)
{
	for (size_t i = 0; i < z->nset; i++)
		spr_sprite_free(&z->set[i]);
	free(z->set);
	free(z->key);
}

/* The axes rounded to whole px (RendererAgg::set_clipbox), on the
 * figure: 0, or -1 when nothing of it is. */
static int clip_box(const spr_ctx *r, const spr_axes_ctx *a, int box[4])
{
	box[0] = (int)fmax(floor(fmin(a->x0, a->x1) + 0.5), 0);
	box[1] = (int)fmax(floor(fmin(a->y0, a->y1) + 0.5), 0);
	box[2] = (int)fmin(floor(fmax(a->x0, a->x1) + 0.5), r->W - 1);
	box[3] = (int)fmin(floor(fmax(a->y0, a->y1) + 0.5), r->H - 1);
	return box[0] <= box[2] && box[1] <= box[3] ? 0 : -1;
}

/*
 * The pixels the markers go on: r->cr's target when it is an RGB24 image
 * (or a premultiplied ARGB32 one: a figure with a clear background);
 * on a PDF or SVG surface (r->vector) a transparent ARGB32 layer over the
 * clip box, *layer, whose px (0, 0) is the box's corner (box keeps the
 * box). 0, or -1 (nothing to draw on).
 */
static int pixels_of(const spr_ctx *r, const spr_axes_ctx *a, spr_pixels *px,
		     cairo_surface_t **layer, int box[4])
{
	cairo_surface_t *s = cairo_get_group_target(r->cr);

	*layer = NULL;
	memset(px, 0, sizeof *px);
	if (clip_box(r, a, box) != 0)
		return -1;
	memcpy(px->box, box, sizeof px->box);
	if (r->vector) {
		int w = px->box[2] - px->box[0] + 1,
		    h = px->box[3] - px->box[1] + 1;
		*layer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
		if (cairo_surface_status(*layer) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(*layer);
			*layer = NULL;
			return -1;
		}
		px->data = cairo_image_surface_get_data(*layer);
		px->stride = cairo_image_surface_get_stride(*layer);
		px->argb = 1;
		/* the layer's px (0, 0) is the box's corner */
		px->box[0] = px->box[1] = 0;
		px->box[2] = w - 1;
		px->box[3] = h - 1;
		return 0;
	}
	int argb = spr_image_target_argb(r->cr);
	if (argb < 0)
		return -1;
	cairo_surface_flush(s);
	px->data = cairo_image_surface_get_data(s);
	px->stride = cairo_image_surface_get_stride(s);
	px->argb = argb;
	return 0;
}

/*
 * After the markers: the image's pixels are marked changed; a vector
 * surface's layer is painted at its box, pixel for pixel (no
 * interpolation, so that it rasterises at the figure's dpi to the PNG's
 * pixels).
 */
static void collection_end(const spr_ctx *r, cairo_surface_t *layer,
			   const int box[4])
{
	if (!layer) {
		cairo_surface_mark_dirty(cairo_get_group_target(r->cr));
		return;
	}
	cairo_surface_mark_dirty(layer);
	spr_layer_paint(r, layer, box[0], box[1]);
	cairo_surface_destroy(layer);
}

/*
 * matplotlib's draw_path_collection: every valid point in order, its
 * face from c through the norm and colormap (or color), its edge the face
 * or edgecolors, composited over what is there.
 */
static void draw_collection(const spr_ctx *r, spr_axes_ctx *a,
			    const scatter_params *sc, uint32_t color)
{
	const spr_series *se = r->series;
	uint32_t lut[SPR_CMAP_MAX_N];
	int alpha = (int)floor(sc->alpha * 255 + 0.5), ncol = 0, box[4];
	spr_norm nm = {0, 1, 0};
	spr_pixels px;
	spr_cmap cm;
	sizes z;
	cairo_surface_t *layer;

	if (pixels_of(r, a, &px, &layer, box) != 0)
		return; /* no pixels: nothing drawn */
	if (sc->c != SPR_NO_SERIES) {
		spr_cmap_load(&cm, sc->cmap);
		for (int k = 0; k < cm.n; k++)
			lut[k] = spr_cmap_rgb(&cm, k);
		ncol = cm.n;
		nm = norm_of(sc, se);
	}
	if (sizes_make(&z, r, sc, sc->marker, edge_pt(sc) * r->pt) != 0) {
		sizes_free(&z);
		cairo_surface_destroy(layer);
		return; /* out of memory: nothing drawn */
	}
	for (size_t i = 0; i < se[sc->x].n; i++) {
		double x, y;
		uint32_t face = color;
		if (!valid(sc, se, i))
			continue;
		x = spr_map_px(&a->mx, se[sc->x].v[i]);
		y = spr_map_px(&a->my, se[sc->y].v[i]);
		if (isnan(x) || isnan(y))
			continue;
		if (ncol) {
			int k = spr_cmap_index(
			    &cm, spr_norm_map(&nm, se[sc->c].v[i]));
			if (k < 0)
				continue; /* "bad": transparent */
			face = lut[k];
		}
		spr_occ_mark(a, x, y);
		if (layer) { /* the layer's px (0, 0) is the box's corner */
			x -= box[0];
			y -= box[1];
		}
		/* facecolors "none" (c not given): edges only, in
		 * edgecolors (none unless given, as matplotlib's 'face') */
		int open = !ncol && sc->facecolors == SPR_NONE_COLOR;
		uint32_t ec = sc->edgecolors;
		if (ec == SPR_DEFAULT_COLOR && !open)
			spr_sprite_put(sizes_find(&z, r, sc, i), &px, x, y,
				       face, -1, face, -1);
		else
			spr_sprite_put(sizes_find(&z, r, sc, i), &px, x, y,
				       face, open ? 0 : alpha,
				       ec == SPR_DEFAULT_COLOR ? face
							       : ec & 0xffffff,
				       ec == SPR_NONE_COLOR ||
					       (open && ec == SPR_DEFAULT_COLOR)
					   ? 0
					   : alpha);
	}
	sizes_free(&z);
	collection_end(r, layer, box);
}

static void draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		 uint32_t color)
{
	const scatter_params *sc = p;

	if (sc->marker == SPR_MK_NONE || sc->alpha <= 0)
		return;
	if (sc->c == SPR_NO_SERIES && sc->s_s == SPR_NO_SERIES &&
	    sc->edgecolors == SPR_DEFAULT_COLOR &&
	    sc->facecolors != SPR_NONE_COLOR) {
		draw_uniform(r, a, sc, color);
		return;
	}
	draw_collection(r, a, sc, color);
}

/* HandlerPathCollection: one marker at the handle's middle, 3/8 of its
 * height up, of the mean of the extreme areas, in the first point's
 * colour. */
static void legend(const spr_ctx *r, const void *p, uint32_t color,
		   const spr_handle *h)
{
	const scatter_params *sc = p;
	const spr_series *se = r->series;
	double area = sc->s, lo = INFINITY, hi = -INFINITY;
	size_t n = se[sc->x].n;

	if (sc->s_s != SPR_NO_SERIES) {
		for (size_t i = 0; i < n; i++)
			if (isfinite(se[sc->s_s].v[i])) {
				lo = fmin(lo, se[sc->s_s].v[i]);
				hi = fmax(hi, se[sc->s_s].v[i]);
			}
		area = lo <= hi ? (lo + hi) / 2 : AREA_DEFAULT;
	}
	if (sc->c != SPR_NO_SERIES && n > 0) {
		spr_cmap cm;
		spr_norm nm = norm_of(sc, se);
		int k;
		spr_cmap_load(&cm, sc->cmap);
		k = spr_cmap_index(&cm, spr_norm_map(&nm, se[sc->c].v[0]));
		if (k < 0)
			return;
		color = spr_cmap_rgb(&cm, k);
	}
	if (sc->edgecolors == SPR_DEFAULT_COLOR &&
	    sc->facecolors == SPR_DEFAULT_COLOR) {
		spr_draw_marker_at(r, h->x + h->w / 2, h->y + h->h / 8,
				   sc->marker, sqrt(area), color, sc->alpha);
		return;
	}
	int open = sc->c == SPR_NO_SERIES && sc->facecolors == SPR_NONE_COLOR;
	spr_mark_style ms = {sc->marker,
			     sqrt(area),
			     edge_pt(sc),
			     open ? SPR_NONE_COLOR : color,
			     sc->edgecolors != SPR_DEFAULT_COLOR
				 ? sc->edgecolors
			     : open ? SPR_NONE_COLOR
				    : color,
			     sc->alpha};
	spr_draw_marker_style_at(r, h->x + h->w / 2, h->y + h->h / 8, &ms);
}

static int colorbar(const void *p, const spr_series *series, spr_cbar *cb)
{
	const scatter_params *sc = p;

	if (!sc->colorbar || sc->c == SPR_NO_SERIES)
		return 0;
	cb->cmap = sc->cmap;
	cb->norm = norm_of(sc, series);
	cb->label = sc->colorbar_label;
	cb->alpha = sc->alpha; /* the colorbar takes the mappable's alpha */
	return 1;
}

const spr_kind spr_kind_scatter = {
    .name = "scatter",
    .zorder = 1,
    .doc = "`scatter`: markers at the points, sized by `s` and coloured by "
	   "`c` through `cmap`, with an optional colorbar",
    .size = sizeof(scatter_params),
    .fields = scatter_fields,
    .nfields = sizeof scatter_fields / sizeof scatter_fields[0],
    .check = check,
    .extents = extents,
    .draw = draw,
    .legend = legend,
    .colorbar = colorbar,
};
