/* SPDX-License-Identifier: MIT */
/*
 * fill_between and fill_betweenx: matplotlib 3.6's _fill_between_x_or_y.
 * Points where the independent value or either bound is NaN/inf, or where
 * `where` is 0, are left out; each maximal run of the others is one
 * polygon (so a NaN splits the band): (x0, y2_0), forward along y1,
 * (x_last, y2_last), back along y2; with `interpolate` the first and last
 * vertices are the crossings of y1 and y2 with the neighbouring points;
 * with `step` the run is first expanded as that drawstyle expands it.
 * Face: facecolor, else color, else the next of the patch cycle; an edge
 * (linewidth 1 pt) only with edgecolor or color, as PolyCollection's
 * set_color gives one. A polygon of at most 1024 vertices whose every edge
 * is horizontal or vertical is snapped to whole pixels, as Agg snaps it.
 *
 * A run of many points (more than 4 per pixel column, x monotonic on
 * screen) is reduced (fill_reduce.c's job here, in this file): within a
 * pixel column the band covers each pixel by the integral over the
 * column of how much of the pixel's row lies between the two bounds,
 * which depends only on how the upper bound's and the lower bound's
 * values are distributed over the column, not on their order. So each
 * column's bounds are replaced by staircases holding, per pixel row, the
 * same length of bound at the same mean height (exact distributions of
 * the raw segments, accumulated in one pass): the reduced band covers
 * every pixel as the raw one does, up to the rasteriser's own rounding,
 * with a few vertices per row crossed instead of thousands per column.
 */
#include "fill.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct fill_params {
	uint32_t ind;       /* x (fill_between) or y (fill_betweenx) */
	uint32_t d1;        /* y1 / x1 series, or SPR_NO_SERIES */
	double d1v;         /* the number standing for it (NaN: none) */
	uint32_t d2;        /* y2 / x2 */
	double d2v;         /* default 0 */
	uint32_t where;     /* series of 0/1, or SPR_NO_SERIES */
	int interpolate;    /* 0/1 */
	int step;           /* enum fill_step */
	char *label;        /* legend entry */
	uint32_t color;     /* face and edge; patch cycle */
	uint32_t facecolor; /* face only (stands for color) */
	uint32_t edgecolor; /* edge only */
	double alpha;
	double width_pt; /* edge */
} fill_params;

static const char *const step_names[] = {"none", "pre", "post", "mid"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(fill_params, m)
#define BOUND(n, m, mv, dflt, d)                                               \
	{FIELD(n, SPR_F_SERIES, m), .def = SPR_NO_SERIES,                      \
	 .flags = SPR_FF_OPTIONAL | SPR_FF_OR_NUMBER, .doc = d},               \
	{                                                                      \
		FIELD(n, SPR_F_NUM, mv), .min = -INFINITY, .max = INFINITY,    \
					 .def = dflt, .flags = SPR_FF_AUTO     \
	}
#define COMMON(v)                                                              \
	{FIELD("where", SPR_F_SERIES, where), .def = SPR_NO_SERIES,            \
	 .flags = SPR_FF_OPTIONAL,                                             \
	 .doc = "fill only where this series is not 0 (booleans: 1/0)"},       \
	    {FIELD("interpolate", SPR_F_INT, interpolate), .min = 0, .max = 1, \
	     .def = 0,                                                         \
	     .doc = "end each part at the crossing of the two bounds"},        \
	    {FIELD("step", SPR_F_INT, step),                                   \
	     .min = STEP_NONE,                                                 \
	     .max = STEP_MID,                                                  \
	     .def = STEP_NONE,                                                 \
	     .names = step_names,                                              \
	     .doc = "steps as drawstyle steps-pre/post/mid"},                  \
	    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,        \
	     .flags = SPR_FF_LABEL, .doc = "legend entry"},                    \
	    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,     \
	     .flags = SPR_FF_CYCLE_PATCHES, .doc = "face and edge"},           \
	    {FIELD("facecolor", SPR_F_COLOR, facecolor),                       \
	     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET | SPR_FF_INSTEAD, \
	     .doc = "face (given: no cycle colour is taken)"},                 \
	    {FIELD("edgecolor", SPR_F_COLOR, edgecolor),                       \
	     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,                  \
	     .doc = "edge (default: none, or color when given)"},              \
	    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,   \
	     .doc = "opacity"},                                                \
	{                                                                      \
		FIELD("linewidth", SPR_F_NUM, width_pt),                       \
		    .min = 0, .max = 100, .def = 1,                            \
		    .doc = "points, the edge (when it has a colour)"           \
	}

/* matplotlib's fill_between() arguments and defaults */
static const spr_field fb_fields[] = {
    {FIELD("x", SPR_F_SERIES, ind), .def = SPR_NO_SERIES, .doc = "x values"},
    BOUND("y1", d1, d1v, NAN, "one bound: a series or a number (required)"),
    BOUND("y2", d2, d2v, 0, "the other bound: a series or a number"),
    COMMON(0),
};

/* fill_betweenx(): the same across y */
static const spr_field fbx_fields[] = {
    {FIELD("y", SPR_F_SERIES, ind), .def = SPR_NO_SERIES, .doc = "y values"},
    BOUND("x1", d1, d1v, NAN, "one bound: a series or a number (required)"),
    BOUND("x2", d2, d2v, 0, "the other bound: a series or a number"),
    COMMON(1),
};

/* --- the data ------------------------------------------------------------ */

static fdata data_of(const fill_params *f, const spr_series *s)
{
	fdata d = {s[f->ind].v,
		   f->d1 == SPR_NO_SERIES ? NULL : s[f->d1].v,
		   f->d2 == SPR_NO_SERIES ? NULL : s[f->d2].v,
		   f->where == SPR_NO_SERIES ? NULL : s[f->where].v,
		   f->d1v,
		   f->d2v,
		   s[f->ind].n,
		   f->step};
	return d;
}

/* --- drawing -------------------------------------------------------------- */

/* Agg takes a colour's alpha as 8 bits, rounded (cairo's own rounding
 * differs by one level over a whole band). */
static double agg_alpha(double a)
{
	return floor(a * 255 + 0.5) / 255;
}

static uint32_t face_of(const fill_params *f, uint32_t color)
{
	return f->facecolor != SPR_DEFAULT_COLOR ? f->facecolor : color;
}

/* The edge colour, SPR_DEFAULT_COLOR for none: edgecolor, else color when
 * given (PolyCollection's set_color sets both). */
static uint32_t edge_of(const fill_params *f)
{
	if (f->edgecolor != SPR_DEFAULT_COLOR)
		return f->edgecolor;
	return f->color;
}

/* x (or y) is monotonic over the run: the pixel columns come in order. */
static int monotonic(const double *v, size_t n)
{
	int up = 0, down = 0;

	for (size_t i = 1; i < n && !(up && down); i++) {
		up |= v[i] > v[i - 1];
		down |= v[i] < v[i - 1];
	}
	return !(up && down);
}

/*
 * Fills (and edges) the path of one run's polygon. shift: the edge is
 * stroked half a pixel right and down, as Agg draws it when the band is
 * one polygon drawn by draw_path (Collection's single-path shortcut),
 * unless it is snapped; measured on edges of 1, 1.5, 2 and 3 pt, one
 * polygon: max 192 levels apart unshifted, 16 shifted; two polygons
 * (draw_path_collection): 18 unshifted.
 */
static void stroke_edge(const spr_ctx *r, const fill_params *f, uint32_t edge,
			double alpha, int shift);

static void paint(const spr_ctx *r, const fill_params *f, uint32_t face,
		  uint32_t edge, double alpha, int shift)
{
	cairo_t *cr = r->cr;

	spr_set_rgb(cr, face, alpha);
	if (edge == SPR_DEFAULT_COLOR || !(f->width_pt > 0)) {
		cairo_fill(cr);
		return;
	}
	cairo_fill_preserve(cr);
	stroke_edge(r, f, edge, alpha, shift);
}

/* Strokes the current path as the band's edge (see paint). */
static void stroke_edge(const spr_ctx *r, const fill_params *f, uint32_t edge,
			double alpha, int shift)
{
	cairo_t *cr = r->cr;

	if (shift) {
		cairo_path_t *path = cairo_copy_path(cr);
		cairo_new_path(cr);
		cairo_save(cr);
		cairo_translate(cr, 0.5, 0.5);
		if (path->status == CAIRO_STATUS_SUCCESS)
			cairo_append_path(cr, path);
		cairo_restore(cr);
		cairo_path_destroy(path);
	}
	spr_set_rgb(cr, edge, alpha);
	cairo_set_line_width(cr, f->width_pt * r->pt);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

static void fill_draw(const spr_ctx *r, spr_axes_ctx *a, const fill_params *f,
		      uint32_t color, int swap)
{
	fdata d = data_of(f, r->series);
	uint32_t face = face_of(f, color), edge = edge_of(f);
	double alpha = agg_alpha(f->alpha);
	double slack = 2 + f->width_pt * r->pt;
	sink k = {
	    .cr = r->cr,
	    .mi = swap ? &a->my : &a->mx,
	    .md = swap ? &a->mx : &a->my,
	    .swap = swap,
	    .lim = {fmin(a->x0, a->x1) - slack, fmax(a->x0, a->x1) + slack,
		    fmin(a->y0, a->y1) - slack, fmax(a->y0, a->y1) + slack}};
	int edged = edge != SPR_DEFAULT_COLOR && f->width_pt > 0;
	reducer rd;
	int have_rd = 0, runs = 0;
	size_t i = 0;

	if (!r->series[f->ind].n)
		return;
	/* one polygon or several: Agg edges them differently (paint) */
	for (size_t j = 0; edged && j < d.n && runs < 2; j++)
		runs += valid(&d, j) && (j == 0 || !valid(&d, j - 1));
	while (i < d.n) {
		size_t i0 = i, n;
		if (!valid(&d, i)) {
			i++;
			continue;
		}
		while (i < d.n && valid(&d, i))
			i++;
		n = i - i0;
		size_t nv = nverts(d.step, n);
		int reduce = !a->ax->exact && spr_reduce_wanted(a, nv) &&
			     monotonic(d.ind + i0, n);
		k.snap = 0;
		k.snap_lw = edge != SPR_DEFAULT_COLOR ? f->width_pt * r->pt : 0;
		if (!reduce && 2 * nv + 3 <= SNAP_MAX_VERTICES) {
			aligned_state st = {k.mi, k.md, 0, 0, 0, 1};
			fill_walk(&d, i0, n, f->interpolate, fill_aligned, &st);
			k.snap = st.ok;
		}
		if (reduce && !have_rd) {
			have_rd = fill_reducer_init(&rd, &k, a) == 0;
			if (!have_rd)
				fill_reducer_free(&rd);
		}
		int shift = runs == 1 && !k.snap;
		if (reduce && have_rd) {
			fill_reduced(&rd, &d, i0, n, f->interpolate);
			fill_clip_close(&k, 0);
			paint(r, f, face, SPR_DEFAULT_COLOR, alpha, 0);
			/* the reduced outline is not the band's: an edge is
			 * stroked from the raw polygon */
			if (edged) {
				fill_walk(&d, i0, n, f->interpolate,
					  fill_sink_data, &k);
				fill_clip_close(&k, 0);
				stroke_edge(r, f, edge, alpha, shift);
			}
		} else {
			fill_walk(&d, i0, n, f->interpolate, fill_sink_data,
				  &k);
			fill_clip_close(&k, 0);
			paint(r, f, face, edge, alpha, shift);
		}
	}
	if (have_rd)
		fill_reducer_free(&rd);
}

static void fb_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		    uint32_t color)
{
	fill_draw(r, a, p, color, 0);
}

static void fbx_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		     uint32_t color)
{
	fill_draw(r, a, p, color, 1);
}

/* matplotlib's HandlerPolyCollection: the handle box filled with the
 * face, edged as the band is; an edgeless box snapped to whole pixels. */
static void fill_legend(const spr_ctx *r, const void *p, uint32_t color,
			const spr_handle *h)
{
	const fill_params *f = p;
	uint32_t edge = edge_of(f);
	double x0 = h->x, y0 = h->y - h->h / 2, x1 = h->x + h->w,
	       y1 = h->y + h->h / 2;
	int edged = edge != SPR_DEFAULT_COLOR && f->width_pt > 0;
	double lw = edged ? f->width_pt * r->pt : 0;

	x0 = spr_snap(x0, lw);
	y0 = spr_snap(y0, lw);
	x1 = spr_snap(x1, lw);
	y1 = spr_snap(y1, lw);
	cairo_rectangle(r->cr, x0, y0, x1 - x0, y1 - y0);
	if (!edged) {
		spr_set_rgb(r->cr, face_of(f, color), agg_alpha(f->alpha));
		cairo_fill(r->cr);
		return;
	}
	paint(r, f, face_of(f, color), edge, agg_alpha(f->alpha), 0);
}

/* --- limits and rules ----------------------------------------------------- */

static inline void fold(spr_scan *s, int dir, double v)
{
	if (s->log[dir] && v <= 0)
		return;
	s->e[2 * dir] = fmin(s->e[2 * dir], v);
	s->e[2 * dir + 1] = fmax(s->e[2 * dir + 1], v);
}

/* matplotlib adds (ind, bound 1) and (ind, bound 2) where the band is
 * drawn; interpolated crossings do not count, and there are no sticky
 * edges in 3.6. */
static void fill_extents(const fill_params *f, spr_scan *s, int swap)
{
	fdata d = data_of(f, s->series);

	for (size_t i = 0; i < d.n; i++) {
		if (!valid(&d, i))
			continue;
		fold(s, swap, d.ind[i]);
		fold(s, !swap, dep1(&d, i));
		fold(s, !swap, dep2(&d, i));
	}
}

static void fb_extents(const void *p, spr_scan *s)
{
	fill_extents(p, s, 0);
}

static void fbx_extents(const void *p, spr_scan *s)
{
	fill_extents(p, s, 1);
}

/* Bound 1 given; series of the independent's length. */
static int fill_check(const fill_params *f, const spr_series *series,
		      const char *const names[4], char *err, size_t errlen)
{
	size_t n = series[f->ind].n;
	const uint32_t s[3] = {f->d1, f->d2, f->where};
	const char *const which[3] = {names[1], names[2], "where"};

	if (f->d1 == SPR_NO_SERIES && isnan(f->d1v))
		return spr_err(err, errlen,
			       "needs \"%s\": a series or a number", names[1]);
	for (int j = 0; j < 3; j++)
		if (s[j] != SPR_NO_SERIES && series[s[j]].n != n)
			return spr_err(err, errlen,
				       "%s has %zu values but %s has %zu",
				       which[j], series[s[j]].n, names[0], n);
	if (f->d2 == SPR_NO_SERIES && isnan(f->d2v))
		return spr_err(err, errlen, "%s is not a number", names[2]);
	return 0;
}

static int fb_check(const void *p, const spr_series *series, char *err,
		    size_t errlen)
{
	static const char *const names[4] = {"x", "y1", "y2", NULL};
	return fill_check(p, series, names, err, errlen);
}

static int fbx_check(const void *p, const spr_series *series, char *err,
		     size_t errlen)
{
	static const char *const names[4] = {"y", "x1", "x2", NULL};
	return fill_check(p, series, names, err, errlen);
}

const spr_kind spr_kind_fill_between = {
    .name = "fill_between",
    .zorder = 1,
    .doc = "`fill_between`: the band between two curves (or a curve and a "
	   "constant) over x, where `where` allows; many points are reduced "
	   "per pixel column, with the same coverage",
    .size = sizeof(fill_params),
    .fields = fb_fields,
    .nfields = sizeof fb_fields / sizeof fb_fields[0],
    .check = fb_check,
    .extents = fb_extents,
    .draw = fb_draw,
    .legend = fill_legend,
};

const spr_kind spr_kind_fill_betweenx = {
    .name = "fill_betweenx",
    .zorder = 1,
    .doc = "`fill_betweenx`: `fill_between` across y, between x1 and x2",
    .size = sizeof(fill_params),
    .fields = fbx_fields,
    .nfields = sizeof fbx_fields / sizeof fbx_fields[0],
    .check = fbx_check,
    .extents = fbx_extents,
    .draw = fbx_draw,
    .legend = fill_legend,
};
