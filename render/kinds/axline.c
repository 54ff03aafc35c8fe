/* SPDX-License-Identifier: MIT */
/*
 * axhline(y, xmin, xmax) and axvline(x, ymin, ymax): a line across the
 * axes at a data value, its ends in axes fractions, so it spans the axes
 * whatever the limits. As matplotlib's: colour lines.color (C0, not the
 * cycle), 1.5 pt, projecting caps, snapped to the pixel grid (a
 * two-vertex axis-aligned path), and its data value counts in the data
 * limits (matplotlib updates the data side of the blended transform:
 * plot 0..1 then axhline(5) gives ylim -0.25 .. 5.25).
 */
#include "item.h"

#include <stddef.h>

typedef struct axline_params {
	double at;       /* y of axhline, x of axvline */
	double f0, f1;   /* xmin, xmax (ymin, ymax): axes fractions */
	uint32_t color;  /* 0xRRGGBB */
	double width_pt; /* linewidth */
	int style;       /* enum spr_linestyle */
	double alpha;
	char *label;
} axline_params;

static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", "None"};

#define FIELD(n, t, m)                                                         \
	.name = n, .type = t, .offset = offsetof(axline_params, m)
#define COMMON                                                                 \
	{FIELD("color", SPR_F_COLOR, color), .def = 0x1f77b4,                  \
	 .doc = "C0 by default (not the colour cycle)"},                       \
	    {FIELD("linewidth", SPR_F_NUM, width_pt), .min = 0, .max = 100,    \
	     .def = 1.5, .doc = "points"},                                     \
	    {FIELD("linestyle", SPR_F_INT, style),                             \
	     .min = SPR_LS_SOLID,                                              \
	     .max = SPR_LS_NONE,                                               \
	     .def = SPR_LS_SOLID,                                              \
	     .names = style_names,                                             \
	     .syms = style_syms},                                              \
	    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,   \
	     .doc = "opacity"},                                                \
	{                                                                      \
		FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,     \
						   .flags = SPR_FF_LABEL,      \
						   .doc = "legend entry"       \
	}

static const spr_field axhline_fields[] = {
    {FIELD("y", SPR_F_NUM, at), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "data y of the line"},
    {FIELD("xmin", SPR_F_NUM, f0), .min = 0, .max = 1, .def = 0,
     .doc = "left end, axes fraction"},
    {FIELD("xmax", SPR_F_NUM, f1), .min = 0, .max = 1, .def = 1,
     .doc = "right end, axes fraction"},
    COMMON,
};

static const spr_field axvline_fields[] = {
    {FIELD("x", SPR_F_NUM, at), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "data x of the line"},
    {FIELD("ymin", SPR_F_NUM, f0), .min = 0, .max = 1, .def = 0,
     .doc = "bottom end, axes fraction"},
    {FIELD("ymax", SPR_F_NUM, f1), .min = 0, .max = 1, .def = 1,
     .doc = "top end, axes fraction"},
    COMMON,
};

/* Device px of axes fraction f along direction d (0: x, 1: y up). */
double spr_axes_frac(const spr_axes_ctx *a, int d, double f)
{
	return d ? a->y1 - f * (a->y1 - a->y0) : a->x0 + f * (a->x1 - a->x0);
}

/* The line across direction 1 - d at data value l->at of direction d. */
static void axline_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p, int d)
{
	const axline_params *l = p;
	double lw = l->width_pt * r->pt;
	double at = spr_map_px(d ? &a->my : &a->mx, l->at);
	double e0 = spr_axes_frac(a, !d, l->f0),
	       e1 = spr_axes_frac(a, !d, l->f1);
	spr_stroker s = {0};

	if (isnan(at) || l->style == SPR_LS_NONE || !(l->width_pt > 0))
		return;
	at = spr_snap(at, lw);
	e0 = spr_snap(e0, lw);
	e1 = spr_snap(e1, lw);
	spr_set_rgb(r->cr, l->color, l->alpha);
	spr_stroke_style(r, l->width_pt, l->style, &s);
	if (d) {
		cairo_move_to(r->cr, e0, at);
		cairo_line_to(r->cr, e1, at);
	} else {
		cairo_move_to(r->cr, at, e0);
		cairo_line_to(r->cr, at, e1);
	}
	cairo_stroke(r->cr);
	cairo_set_dash(r->cr, NULL, 0, 0);
	if (a->occ)
		spr_occ_segment(a, d ? e0 : at, d ? at : e0, d ? e1 : at,
				d ? at : e1);
}

static void axhline_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			 uint32_t color)
{
	(void)color; /* the field's own: it has no cycle */
	axline_draw(r, a, p, 1);
}

static void axvline_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			 uint32_t color)
{
	(void)color;
	axline_draw(r, a, p, 0);
}

/*
 * Only the data direction, a value a log axis can show. matplotlib's
 * axhline autoscales only when y lies outside the view of what came
 * before it; inside, y joins the data limits but asks for nothing, so it
 * counts only if a later item autoscales (held, spr_scan_release).
 */
static void axline_extents(const void *p, spr_scan *s, int d)
{
	const axline_params *l = p;
	int some = s->e[2 * d] <= s->e[2 * d + 1];
	double lo, hi;

	if (!s->want[d] || !isfinite(l->at) || (s->log[d] && l->at <= 0))
		return;
	spr_autoscale(some ? s->e[2 * d] : NAN, some ? s->e[2 * d + 1] : NAN,
		      s->sticky[2 * d], s->sticky[2 * d + 1], s->log[d],
		      s->margin[d], &lo, &hi);
	if (l->at >= lo && l->at <= hi) {
		s->held[2 * d] = fmin(s->held[2 * d], l->at);
		s->held[2 * d + 1] = fmax(s->held[2 * d + 1], l->at);
		return;
	}
	s->e[2 * d] = fmin(s->e[2 * d], l->at);
	s->e[2 * d + 1] = fmax(s->e[2 * d + 1], l->at);
	spr_scan_release(s, d, d);
}

static void axhline_extents(const void *p, spr_scan *s)
{
	axline_extents(p, s, 1);
}

static void axvline_extents(const void *p, spr_scan *s)
{
	axline_extents(p, s, 0);
}

/* An ordinary line handle, as matplotlib's. */
static void axline_legend(const spr_ctx *r, const void *p, uint32_t color,
			  const spr_handle *h)
{
	const axline_params *l = p;
	spr_line_look lk = {l->width_pt,
			    l->alpha,
			    0,
			    l->style,
			    SPR_MK_NONE,
			    SPR_DS_DEFAULT,
			    SPR_DEFAULT_COLOR,
			    SPR_DEFAULT_COLOR,
			    NAN,
			    NULL,
			    NULL};

	(void)color;
	spr_line_handle(r, &lk, l->color, h);
}

const spr_kind spr_kind_axhline = {
    .name = "axhline",
    .zorder = 2,
    .doc = "`axhline`: a horizontal line across the axes at a y value",
    .size = sizeof(axline_params),
    .fields = axhline_fields,
    .nfields = sizeof axhline_fields / sizeof axhline_fields[0],
    .extents = axhline_extents,
    .autoscale = SPR_AS_IF_OUTSIDE,
    .draw = axhline_draw,
    .legend = axline_legend,
};

const spr_kind spr_kind_axvline = {
    .name = "axvline",
    .zorder = 2,
    .doc = "`axvline`: a vertical line across the axes at an x value",
    .size = sizeof(axline_params),
    .fields = axvline_fields,
    .nfields = sizeof axvline_fields / sizeof axvline_fields[0],
    .extents = axvline_extents,
    .autoscale = SPR_AS_IF_OUTSIDE,
    .draw = axvline_draw,
    .legend = axline_legend,
};
