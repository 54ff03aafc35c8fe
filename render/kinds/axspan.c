/* SPDX-License-Identifier: MIT */
/*
 * axhspan(ymin, ymax, xmin, xmax) and axvspan(xmin, xmax, ymin, ymax): a
 * band across the axes between two data values, its other sides in axes
 * fractions. As matplotlib's Polygon: face patch.facecolor (C0, opaque,
 * not the cycle) unless color or facecolor is given; no edge unless color
 * or edgecolor is (color sets both, as Patch.set_color does), then 1 pt;
 * zorder 1, under the grid and lines; each vertex snapped (to pixel
 * edges without an edge, to pixel centres under a 1 pt one). The data
 * values count in the data limits, as an axhline's.
 */
#include "item.h"

#include <stddef.h>

typedef struct axspan_params {
	double lo, hi;                        /* data values */
	double f0, f1;                        /* axes fractions */
	uint32_t color, facecolor, edgecolor; /* SPR_DEFAULT_COLOR: not given */
	double width_pt;                      /* the edge's */
	double alpha;
	char *label;
} axspan_params;

#define C0 0x1f77b4u

#define FIELD(n, t, m)                                                         \
	.name = n, .type = t, .offset = offsetof(axspan_params, m)
#define COMMON                                                                 \
	{FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,         \
	 .flags = SPR_FF_UNSET,                                                \
	 .doc = "face and edge colour (default: face C0, no edge)"},           \
	    {FIELD("facecolor", SPR_F_COLOR, facecolor),                       \
	     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,                  \
	     .doc = "face colour, over color"},                                \
	    {FIELD("edgecolor", SPR_F_COLOR, edgecolor),                       \
	     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,                  \
	     .doc = "edge colour, over color"},                                \
	    {FIELD("linewidth", SPR_F_NUM, width_pt), .min = 0, .max = 100,    \
	     .def = 1, .doc = "edge width, points"},                           \
	    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,   \
	     .doc = "opacity of face and edge"},                               \
	{                                                                      \
		FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,     \
						   .flags = SPR_FF_LABEL,      \
						   .doc = "legend entry"       \
	}

static const spr_field axhspan_fields[] = {
    {FIELD("ymin", SPR_F_NUM, lo), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "data y of one side"},
    {FIELD("ymax", SPR_F_NUM, hi), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 1,
     .doc = "data y of the other"},
    {FIELD("xmin", SPR_F_NUM, f0), .min = 0, .max = 1, .def = 0,
     .doc = "left side, axes fraction"},
    {FIELD("xmax", SPR_F_NUM, f1), .min = 0, .max = 1, .def = 1,
     .doc = "right side, axes fraction"},
    COMMON,
};

static const spr_field axvspan_fields[] = {
    {FIELD("xmin", SPR_F_NUM, lo), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "data x of one side"},
    {FIELD("xmax", SPR_F_NUM, hi), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 1,
     .doc = "data x of the other"},
    {FIELD("ymin", SPR_F_NUM, f0), .min = 0, .max = 1, .def = 0,
     .doc = "bottom side, axes fraction"},
    {FIELD("ymax", SPR_F_NUM, f1), .min = 0, .max = 1, .def = 1,
     .doc = "top side, axes fraction"},
    COMMON,
};

static uint32_t face_of(const axspan_params *s)
{
	return s->facecolor != SPR_DEFAULT_COLOR ? s->facecolor
	       : s->color != SPR_DEFAULT_COLOR   ? s->color
						 : C0;
}

static uint32_t edge_of(const axspan_params *s)
{
	return s->edgecolor != SPR_DEFAULT_COLOR ? s->edgecolor : s->color;
}

/*
 * Device px of data value v on m. On a log axis a value <= 0 lies far
 * beyond the low end, as matplotlib's log transform clips it: a span from
 * -1 to 5 fills up to 5.
 */
static double span_px(const spr_map *m, double v)
{
	double p = spr_map_px(m, v);

	if (isnan(p) && m->log && v <= 0)
		p = m->p0 + (m->p0 > m->p1 ? 1e6 : -1e6);
	return p;
}

/*
 * Agg takes a colour's alpha as 8 bits, rounded: a 0.3 band over white
 * is 178 there, 179 in cairo's own rounding, over the whole band.
 */
static double agg_alpha(double a)
{
	return floor(a * 255 + 0.5) / 255;
}

/* matplotlib's patch handle (HandlerPatch): the handle box, filled and
 * edged as the span. */
static void span_handle(const spr_ctx *r, const spr_handle *h, uint32_t face,
			uint32_t edge, double width_pt, double alpha)
{
	cairo_t *cr = r->cr;

	alpha = agg_alpha(alpha);
	cairo_rectangle(cr, h->x, h->y - h->h / 2, h->w, h->h);
	spr_set_rgb(cr, face, alpha);
	if (edge == SPR_DEFAULT_COLOR || !(width_pt > 0)) {
		cairo_fill(cr);
		return;
	}
	cairo_fill_preserve(cr);
	spr_set_rgb(cr, edge, alpha);
	cairo_set_line_width(cr, width_pt * r->pt);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

/* The band between data values of direction d, across the other. */
static void axspan_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p, int d)
{
	const axspan_params *s = p;
	uint32_t edge = edge_of(s);
	int edged = edge != SPR_DEFAULT_COLOR && s->width_pt > 0;
	double lw = edged ? s->width_pt * r->pt : 0;
	double v0 = span_px(d ? &a->my : &a->mx, s->lo);
	double v1 = span_px(d ? &a->my : &a->mx, s->hi);
	double f0 = spr_axes_frac(a, !d, s->f0),
	       f1 = spr_axes_frac(a, !d, s->f1);
	cairo_t *cr = r->cr;

	if (isnan(v0) || isnan(v1))
		return;
	v0 = spr_snap(v0, lw);
	v1 = spr_snap(v1, lw);
	f0 = spr_snap(f0, lw);
	f1 = spr_snap(f1, lw);
	if (d)
		cairo_rectangle(cr, f0, v0, f1 - f0, v1 - v0);
	else
		cairo_rectangle(cr, v0, f0, v1 - v0, f1 - f0);
	/* a Polygon patch: matplotlib's 'best' legend avoids its box */
	if (d)
		spr_occ_box(a, f0, v0, f1, v1);
	else
		spr_occ_box(a, v0, f0, v1, f1);
	spr_set_rgb(cr, face_of(s), agg_alpha(s->alpha));
	if (!edged) {
		cairo_fill(cr);
		return;
	}
	cairo_fill_preserve(cr);
	spr_set_rgb(cr, edge, agg_alpha(s->alpha));
	cairo_set_line_width(cr, lw);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

static void axhspan_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			 uint32_t color)
{
	(void)color; /* resolved from the fields: no cycle */
	axspan_draw(r, a, p, 1);
}

static void axvspan_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			 uint32_t color)
{
	(void)color;
	axspan_draw(r, a, p, 0);
}

static void fold(spr_scan *sc, int d, double v)
{
	if (!isfinite(v) || (sc->log[d] && v <= 0))
		return;
	sc->e[2 * d] = fmin(sc->e[2 * d], v);
	sc->e[2 * d + 1] = fmax(sc->e[2 * d + 1], v);
}

static void axhspan_extents(const void *p, spr_scan *sc)
{
	const axspan_params *s = p;

	if (sc->want[1]) {
		fold(sc, 1, s->lo);
		fold(sc, 1, s->hi);
	}
}

static void axvspan_extents(const void *p, spr_scan *sc)
{
	const axspan_params *s = p;

	if (sc->want[0]) {
		fold(sc, 0, s->lo);
		fold(sc, 0, s->hi);
	}
}

/* matplotlib's patch handle: the handle box, filled. */
static void axspan_legend(const spr_ctx *r, const void *p, uint32_t color,
			  const spr_handle *h)
{
	const axspan_params *s = p;

	(void)color;
	span_handle(r, h, face_of(s), edge_of(s), s->width_pt, s->alpha);
}

const spr_kind spr_kind_axhspan = {
    .name = "axhspan",
    .zorder = 1,
    .doc = "`axhspan`: a horizontal band across the axes between two y "
	   "values",
    .size = sizeof(axspan_params),
    .fields = axhspan_fields,
    .nfields = sizeof axhspan_fields / sizeof axhspan_fields[0],
    .extents = axhspan_extents,
    .autoscale = SPR_AS_Y,
    .draw = axhspan_draw,
    .legend = axspan_legend,
};

const spr_kind spr_kind_axvspan = {
    .name = "axvspan",
    .zorder = 1,
    .doc = "`axvspan`: a vertical band across the axes between two x "
	   "values",
    .size = sizeof(axspan_params),
    .fields = axvspan_fields,
    .nfields = sizeof axvspan_fields / sizeof axvspan_fields[0],
    .extents = axvspan_extents,
    .autoscale = SPR_AS_X,
    .draw = axvspan_draw,
    .legend = axspan_legend,
};
