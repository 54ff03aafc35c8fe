/* SPDX-License-Identifier: MIT */
/*
 * bar and barh: matplotlib 3.6's Axes.bar / Axes.barh. One Rectangle a
 * bar (zorder 1) in the next patch-cycle colour, edgeless unless
 * edgecolor is given (then 1 pt, patch.linewidth, or linewidth), every
 * corner snapped as Agg snaps an axis-aligned patch: to whole pixels
 * without an edge, to pixel centres under an odd-width edge, so adjacent
 * bars tile exactly. Each bar's base (bottom, or left for barh) is a
 * sticky edge the autoscale margin never crosses, so bars stand on the
 * axis. A bar with a NaN in any of its numbers is not drawn and does not
 * count for the limits.
 *
 * Categories: without x (y for barh) the bars stand at 0 .. n-1, and
 * tick_label (matplotlib's argument) names them: the axis then has a
 * tick at each bar, labelled, as matplotlib's categorical axis and
 * tick_label give (render/layout.c takes the first item's fixed ticks).
 */
#include "item.h"

#include <float.h>
#include <stddef.h>
#include <string.h>

typedef struct bar_params {
	uint32_t pos;   /* x (bar), y (barh); NO_SERIES: 0 .. n-1 */
	uint32_t len_s; /* height (bar), width (barh) per bar */
	double len;
	uint32_t thick_s; /* width (bar), height (barh) per bar */
	double thick;
	uint32_t base_s; /* bottom (bar), left (barh) per bar */
	double base;
	int align;
	uint32_t color, edgecolor;
	double linewidth, alpha;
	char *label;
	spr_strings tick_label;
} bar_params;

enum { ALIGN_CENTER, ALIGN_EDGE };
static const char *const align_names[] = {"center", "edge"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(bar_params, m)
#define OR_NUM(n, s, m, d, lo, hi, fl, doc_)                                   \
	{FIELD(n, SPR_F_SERIES, s), .def = SPR_NO_SERIES,                      \
	 .flags = SPR_FF_OPTIONAL | SPR_FF_OR_NUMBER, .doc = doc_},            \
	{                                                                      \
		FIELD(n, SPR_F_NUM, m), .min = lo, .max = hi, .def = d,        \
					.flags = fl                            \
	}
#define BAR_FIELDS(P, L, T, B, d)                                              \
	{FIELD(P, SPR_F_SERIES, pos), .def = SPR_NO_SERIES,                    \
	 .flags = SPR_FF_OPTIONAL,                                             \
	 .doc = "bar positions (default 0 .. n-1: categories)"},               \
	    OR_NUM(L, len_s, len, NAN, -INFINITY, INFINITY, SPR_FF_AUTO,       \
		   "bar lengths, a series or a number"),                       \
	    OR_NUM(T, thick_s, thick, 0.8, -INFINITY, INFINITY, 0,             \
		   "bar thickness, a number or a series (0.8; negative: "      \
		   "drawn the other way, as matplotlib's)"),                   \
	    OR_NUM(B, base_s, base, 0, -INFINITY, INFINITY, 0,                 \
		   "where bars start, a number or a series: stacking (0)"),    \
	    {FIELD("align", SPR_F_INT, align),                                 \
	     .min = ALIGN_CENTER,                                              \
	     .max = ALIGN_EDGE,                                                \
	     .def = ALIGN_CENTER,                                              \
	     .names = align_names,                                             \
	     .doc =                                                            \
		 "center: centred on the position; edge: " d " side on it"},   \
	    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,     \
	     .flags = SPR_FF_CYCLE_PATCHES, .doc = "fill"},                    \
	    {FIELD("edgecolor", SPR_F_COLOR, edgecolor),                       \
	     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,                  \
	     .doc = "outline (default none)"},                                 \
	    {FIELD("linewidth", SPR_F_NUM, linewidth), .min = 0, .max = 100,   \
	     .def = 1, .doc = "points, the outline"},                          \
	    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,   \
	     .doc = "opacity"},                                                \
	    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,        \
	     .flags = SPR_FF_LABEL, .doc = "legend entry"},                    \
	{                                                                      \
		FIELD("tick_label", SPR_F_STRINGS, tick_label),                \
		    .maxlen = SPR_MAX_TICKS,                                   \
		    .doc = "a label for each bar: ticks at the bars "          \
			   "(categories)"                                      \
	}

/* matplotlib's bar(x, height, width=0.8, bottom=0, align='center') */
static const spr_field bar_fields[] = {
    BAR_FIELDS("x", "height", "width", "bottom", "the left")};
/* barh(y, width, height=0.8, left=0, align='center') */
static const spr_field barh_fields[] = {
    BAR_FIELDS("y", "width", "height", "left", "the bottom")};

/* Bar i's value of a series-or-number field. */
static inline double at(const spr_series *series, uint32_t s, double v,
			size_t i)
{
	return s != SPR_NO_SERIES ? series[s].v[i] : v;
}

/* Bars: as many as the lengths, else the positions, else the labels. */
static size_t nbars(const bar_params *b, const spr_series *series)
{
	if (b->len_s != SPR_NO_SERIES)
		return series[b->len_s].n;
	if (b->pos != SPR_NO_SERIES)
		return series[b->pos].n;
	return b->tick_label.n;
}

static int check(const bar_params *b, const spr_field *f,
		 const spr_series *series, char *err, size_t errlen)
{
	size_t n = nbars(b, series);
	const char *ln = f[2].name;

	if (b->len_s == SPR_NO_SERIES && isnan(b->len))
		return spr_err(err, errlen,
			       "%s is missing (a series or a number)", ln);
	if (b->len_s == SPR_NO_SERIES)
		ln = b->pos != SPR_NO_SERIES ? f[0].name : "tick_label";

	if (b->pos != SPR_NO_SERIES && series[b->pos].n != n)
		return spr_err(err, errlen, "%s has %zu values but %s has %zu",
			       f[0].name, series[b->pos].n, ln, n);
	if (b->thick_s != SPR_NO_SERIES) {
		if (series[b->thick_s].n != n)
			return spr_err(err, errlen,
				       "%s has %zu values but %s has %zu",
				       f[3].name, series[b->thick_s].n, ln, n);
	}
	if (b->base_s != SPR_NO_SERIES && series[b->base_s].n != n)
		return spr_err(err, errlen, "%s has %zu values but %s has %zu",
			       f[5].name, series[b->base_s].n, ln, n);
	if (b->tick_label.n && b->tick_label.n != n)
		return spr_err(err, errlen,
			       "tick_label has %zu labels but %s has %zu "
			       "values",
			       b->tick_label.n, ln, n);
	return 0;
}

static int bar_check(const void *p, const spr_series *series, char *err,
		     size_t errlen)
{
	return check(p, bar_fields, series, err, errlen);
}

static int barh_check(const void *p, const spr_series *series, char *err,
		      size_t errlen)
{
	return check(p, barh_fields, series, err, errlen);
}

/*
 * Bar i along the position axis [*p0, *p1] and the length axis [*l0,
 * *l1] (l0 the base); 0 when a number is NaN (the bar is not drawn).
 */
static int bar_at(const bar_params *b, const spr_series *series, size_t i,
		  double *p0, double *p1, double *l0, double *l1)
{
	double pos = b->pos != SPR_NO_SERIES ? series[b->pos].v[i] : (double)i;
	double t = at(series, b->thick_s, b->thick, i);
	double base = at(series, b->base_s, b->base, i);
	double len = at(series, b->len_s, b->len, i);

	*p0 = b->align == ALIGN_EDGE ? pos : pos - t / 2;
	*p1 = *p0 + t;
	*l0 = base;
	*l1 = base + len;
	return isfinite(*p0) && isfinite(*p1) && isfinite(*l0) && isfinite(*l1);
}

static inline void fold(spr_scan *s, int d, double v)
{
	if (!isfinite(v) || (s->log[d] && v <= 0))
		return;
	s->e[2 * d] = fmin(s->e[2 * d], v);
	s->e[2 * d + 1] = fmax(s->e[2 * d + 1], v);
}

/* The rectangles' corners, and each base as a sticky edge of the length
 * axis (dl: 1 for bar, 0 for barh). */
static void extents(const bar_params *b, spr_scan *s, int dl)
{
	size_t n = nbars(b, s->series);

	for (size_t i = 0; i < n; i++) {
		double p0, p1, l0, l1;
		if (!bar_at(b, s->series, i, &p0, &p1, &l0, &l1))
			continue;
		fold(s, !dl, p0);
		fold(s, !dl, p1);
		fold(s, dl, l0);
		fold(s, dl, l1);
		spr_scan_sticky(s, dl, l0);
	}
}

static void bar_extents(const void *p, spr_scan *s)
{
	extents(p, s, 1);
}

static void barh_extents(const void *p, spr_scan *s)
{
	extents(p, s, 0);
}

/*
 * Device px of v on map m (view [lo, hi]): a value <= 0 on a log axis
 * lies far beyond the low end, as matplotlib clips it to a tiny positive
 * number; kept within 100 px of [v0, v1] so cairo's fixed point never
 * overflows (the axes clip does the rest).
 */
static double dev(const spr_map *m, double v, double lo, double v0, double v1)
{
	double q = spr_map_px(m, v);

	if (isnan(q) && m->log && v <= 0 && !isnan(v)) {
		double a = spr_map_px(m, lo);
		double mid = (v0 + v1) / 2;
		q = a + (a > mid ? 1e6 : -1e6);
	}
	return fmin(fmax(q, v0 - 100), v1 + 100);
}

void spr_draw_patch_rect(const spr_ctx *r, spr_axes_ctx *a,
			 const spr_patch_look *lk, double x0, double x1,
			 double y0, double y1)
{
	cairo_t *cr = r->cr;
	int edge = lk->edgecolor != SPR_DEFAULT_COLOR && lk->linewidth > 0;
	double lw = edge ? lk->linewidth * r->pt : 0;
	double vx0 = fmin(a->x0, a->x1), vx1 = fmax(a->x0, a->x1);
	double vy0 = fmin(a->y0, a->y1), vy1 = fmax(a->y0, a->y1);
	double X0 = spr_snap(dev(&a->mx, x0, a->xlo, vx0, vx1), lw);
	double X1 = spr_snap(dev(&a->mx, x1, a->xlo, vx0, vx1), lw);
	double Y0 = spr_snap(dev(&a->my, y0, a->ylo, vy0, vy1), lw);
	double Y1 = spr_snap(dev(&a->my, y1, a->ylo, vy0, vy1), lw);

	if (isnan(X0) || isnan(X1) || isnan(Y0) || isnan(Y1))
		return;
	cairo_rectangle(cr, X0, Y0, X1 - X0, Y1 - Y0);
	if (lk->fill) {
		spr_set_rgb(cr, lk->color, lk->alpha);
		cairo_fill_preserve(cr);
	}
	if (edge) {
		spr_set_rgb(cr, lk->edgecolor, lk->alpha);
		cairo_set_line_width(cr, lw);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
	/* a Rectangle for the legend's 'best': its box */
	spr_occ_box(a, X0, Y0, X1, Y1);
}

/* Every bar, each a patch of its own as matplotlib draws them (so
 * translucent overlapping bars darken). */
static void draw(const spr_ctx *r, spr_axes_ctx *a, const bar_params *b,
		 uint32_t color, int horizontal)
{
	spr_patch_look lk = {color, b->edgecolor, b->linewidth, b->alpha, 1};
	size_t n = nbars(b, r->series);

	for (size_t i = 0; i < n; i++) {
		double p0, p1, l0, l1;
		if (!bar_at(b, r->series, i, &p0, &p1, &l0, &l1))
			continue;
		if (horizontal)
			spr_draw_patch_rect(r, a, &lk, l0, l1, p0, p1);
		else
			spr_draw_patch_rect(r, a, &lk, p0, p1, l0, l1);
	}
}

static void bar_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		     uint32_t color)
{
	draw(r, a, p, color, 0);
}

static void barh_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		      uint32_t color)
{
	draw(r, a, p, color, 1);
}

void spr_patch_handle(const spr_ctx *r, const spr_patch_look *lk,
		      const spr_handle *h)
{
	cairo_t *cr = r->cr;
	int edge = lk->edgecolor != SPR_DEFAULT_COLOR && lk->linewidth > 0;
	double lw = edge ? lk->linewidth * r->pt : 0;
	double x0 = spr_snap(h->x, lw), x1 = spr_snap(h->x + h->w, lw);
	double y0 = spr_snap(h->y - h->h / 2, lw);
	double y1 = spr_snap(h->y + h->h / 2, lw);

	/* HandlerPatch: a handlelength x handleheight rectangle centred on
	 * the handle's line, snapped as any axis-aligned patch (measured:
	 * 27 x 10 px whole pixels for 27.78 x 9.72) */
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	if (lk->fill) {
		spr_set_rgb(cr, lk->color, lk->alpha);
		cairo_fill_preserve(cr);
	}
	if (edge) {
		spr_set_rgb(cr, lk->edgecolor, lk->alpha);
		cairo_set_line_width(cr, lk->linewidth * r->pt);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

static void bar_legend(const spr_ctx *r, const void *p, uint32_t color,
		       const spr_handle *h)
{
	const bar_params *b = p;
	spr_patch_look lk = {color, b->edgecolor, b->linewidth, b->alpha, 1};
	spr_patch_handle(r, &lk, h);
}

/* Positions and labels of the bars with tick_label on the position axis
 * (0 for bar, 1 for barh). */
static size_t ticks(const bar_params *b, const spr_series *series, int d,
		    int dp, double *v, const char **labels, size_t cap)
{
	size_t n = b->tick_label.n, k = 0;

	if (d != dp || !n)
		return 0;
	for (size_t i = 0; i < n && k < cap; i++) {
		double pos =
		    b->pos != SPR_NO_SERIES ? series[b->pos].v[i] : (double)i;
		/* at the position given, whatever the alignment, as
		 * matplotlib's tick_label */
		v[k] = pos;
		labels[k++] = b->tick_label.s[i];
	}
	return k;
}

static size_t bar_ticks(const void *p, const spr_series *series, int d,
			double *v, const char **labels, size_t cap)
{
	return ticks(p, series, d, 0, v, labels, cap);
}

static size_t barh_ticks(const void *p, const spr_series *series, int d,
			 double *v, const char **labels, size_t cap)
{
	return ticks(p, series, d, 1, v, labels, cap);
}

const spr_kind spr_kind_bar = {
    .name = "bar",
    .zorder = 1,
    .doc = "`bar`: vertical bars of `height` at `x` standing on `bottom` "
	   "(stacking); without `x`, categories named by `tick_label`",
    .size = sizeof(bar_params),
    .fields = bar_fields,
    .nfields = sizeof bar_fields / sizeof bar_fields[0],
    .check = bar_check,
    .extents = bar_extents,
    .draw = bar_draw,
    .legend = bar_legend,
    .legend_last = 1,
    .ticks = bar_ticks,
};

const spr_kind spr_kind_barh = {
    .name = "barh",
    .zorder = 1,
    .doc = "`barh`: horizontal bars of `width` at `y` starting at `left`",
    .size = sizeof(bar_params),
    .fields = barh_fields,
    .nfields = sizeof barh_fields / sizeof barh_fields[0],
    .check = barh_check,
    .extents = barh_extents,
    .draw = barh_draw,
    .legend = bar_legend,
    .legend_last = 1,
    .ticks = barh_ticks,
};
