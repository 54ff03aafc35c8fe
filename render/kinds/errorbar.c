/* SPDX-License-Identifier: MIT */
/*
 * errorbar: matplotlib 3.6's Axes.errorbar. A data line (a plot() in the
 * next line-cycle colour; fmt "none" leaves it out), vertical bars from
 * y - lower to y + upper and horizontal ones for xerr (a LineCollection:
 * 1.5 pt or elinewidth, butt ends, each 2-vertex bar snapped as Agg snaps
 * it), and with capsize > 0 caps: '_' and '|' markers 2 * capsize pt
 * long and capthick (markeredgewidth 1 pt) thick, placed as draw_markers
 * places markers, at floor(v + 0.5) + 0.5. Drawn in matplotlib's order:
 * xerr bars and caps, yerr bars and caps, then the line and its markers.
 * The errors are a number, a series or a pair [lower, upper] of them;
 * the bars' ends widen the autoscaled limits as vlines/hlines do.
 */
#include "item.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* matplotlib's lines.markeredgewidth: a cap's thickness without capthick */
#define CAP_THICK_PT 1.0
/* HandlerErrorbar: a legend bar reaches xerr_size * fontsize each way */
#define LEGEND_ERR_FS 0.5

/* One direction's errors: a series or a number, and the upper series. */
typedef struct err_spec {
	uint32_t s;     /* series (lower, or both), SPR_NO_SERIES */
	double v;       /* the number standing for it; NaN: none */
	uint32_t upper; /* upper errors' series, SPR_NO_SERIES: as s */
} err_spec;

typedef struct eb_params {
	uint32_t x, y;
	err_spec yerr, xerr;
	char *fmt;
	char *label;
	uint32_t color, ecolor;
	double alpha, width_pt, elinewidth, capsize, capthick, marker_pt;
	int style, marker;
} eb_params;

static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", "None"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(eb_params, m)
#define ERRS(n, m, d)                                                          \
	{FIELD(n, SPR_F_SERIES, m.s), .def = SPR_NO_SERIES,                    \
	 .flags = SPR_FF_OPTIONAL | SPR_FF_OR_NUMBER | SPR_FF_PAIR,            \
	 .doc = d " errors: a number, a series, or [lower, upper]"},           \
	    {FIELD(n, SPR_F_NUM, m.v), .min = 0, .max = DBL_MAX, .def = NAN,   \
	     .flags = SPR_FF_AUTO},                                            \
	{                                                                      \
		FIELD(n "_upper", SPR_F_SERIES, m.upper),                      \
		    .def = SPR_NO_SERIES, .flags = SPR_FF_OPTIONAL,            \
		    .doc =                                                     \
			"upper " d " errors; " n " is then the lower ones (a " \
			"spec's [lower, upper])"                               \
	}

/* matplotlib's errorbar() arguments and defaults */
static const spr_field eb_fields[] = {
    {FIELD("x", SPR_F_SERIES, x), .def = SPR_NO_SERIES, .doc = "x values"},
    {FIELD("y", SPR_F_SERIES, y), .def = SPR_NO_SERIES, .doc = "y values"},
    ERRS("yerr", yerr, "vertical"),
    ERRS("xerr", xerr, "horizontal"),
    {FIELD("fmt", SPR_F_TEXT, fmt), .maxlen = 16,
     .doc = "matplotlib's format: \"\" a line, \"o\" markers only, \"s--\", "
	    "\"none\" bars only; when given it sets linestyle and marker"},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,
     .flags = SPR_FF_LABEL, .doc = "legend entry"},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_LINES, .doc = "data line and markers"},
    {FIELD("ecolor", SPR_F_COLOR, ecolor), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET, .doc = "bars and caps (default: color)"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity of everything"},
    {FIELD("linewidth", SPR_F_NUM, width_pt), .min = 0, .max = 100, .def = 1.5,
     .doc = "points, the data line (and the bars without elinewidth)"},
    {FIELD("elinewidth", SPR_F_NUM, elinewidth), .min = 0, .max = 100,
     .def = NAN, .flags = SPR_FF_AUTO, .doc = "points, the bars"},
    {FIELD("capsize", SPR_F_NUM, capsize), .min = 0, .max = 1000, .def = 0,
     .doc = "points each side (errorbar.capsize); 0: no caps"},
    {FIELD("capthick", SPR_F_NUM, capthick), .min = 0, .max = 100, .def = NAN,
     .flags = SPR_FF_AUTO, .doc = "points (auto: 1)"},
    {FIELD("linestyle", SPR_F_INT, style), .min = SPR_LS_SOLID,
     .max = SPR_LS_NONE, .def = SPR_LS_SOLID, .names = style_names,
     .syms = style_syms, .doc = "of the data line"},
    {FIELD("marker", SPR_F_INT, marker), .min = SPR_MK_NONE, .max = SPR_MK_LAST,
     .def = SPR_MK_NONE, .names = spr_marker_names, .syms = spr_marker_syms,
     .doc = "at every point"},
    {FIELD("markersize", SPR_F_NUM, marker_pt), .min = 0, .max = 200, .def = 6,
     .doc = "points"},
};

/* --- fmt --------------------------------------------------------------- */

/*
 * matplotlib's format string without colours: a marker and/or a line
 * style. Only a marker: no line. 0, or -1 with a message.
 */
static int parse_fmt(const char *fmt, int *style, int *marker, int *none,
		     char *err, size_t errlen)
{
	static const char *const ls[] = {"--", "-.", "-", ":"};
	static const int lsv[] = {SPR_LS_DASHED, SPR_LS_DASHDOT, SPR_LS_SOLID,
				  SPR_LS_DOTTED};
	int st = -1, mk = -1;

	*none = strcmp(fmt, "none") == 0 || strcmp(fmt, "None") == 0;
	if (*none)
		return 0;
	for (const char *p = fmt; *p;) {
		size_t i;
		for (i = 0; i < 4; i++)
			if (strncmp(p, ls[i], strlen(ls[i])) == 0)
				break;
		if (i < 4 && st < 0) {
			st = lsv[i];
			p += strlen(ls[i]);
			continue;
		}
		for (i = 1; i <= SPR_MK_LAST; i++)
			if (*p == spr_marker_syms[i][0])
				break;
		if (i <= SPR_MK_LAST && mk < 0) {
			mk = (int)i;
			p++;
			continue;
		}
		if (strchr("bgrcmykw", *p))
			return spr_err(err, errlen,
				       "fmt \"%s\": give the colour as color "
				       "(\"color\": \"%c\")",
				       fmt, *p);
		return spr_err(err, errlen,
			       "fmt \"%s\": '%c' is not a marker (. o s ^ v < "
			       "> D d p h H * + x | _ 1 2 3 4) or a line style "
			       "(- -- : -.)",
			       fmt, *p);
	}
	if (mk >= 0 || st >= 0) {
		*marker = mk >= 0 ? mk : SPR_MK_NONE;
		*style = st >= 0 ? st : SPR_LS_NONE;
	}
	return 0;
}

/* The data line's look after fmt; *none: fmt "none", no line at all. */
static spr_line_look data_look(const eb_params *e, int *none)
{
	spr_line_look lk = {e->width_pt,
			    e->alpha,
			    e->marker_pt,
			    e->style,
			    e->marker,
			    SPR_DS_DEFAULT,
			    SPR_DEFAULT_COLOR,
			    SPR_DEFAULT_COLOR,
			    NAN,
			    NULL,
			    NULL};
	*none = 0;
	if (e->fmt)
		parse_fmt(e->fmt, &lk.style, &lk.marker, none, NULL, 0);
	return lk;
}

/* --- errors ------------------------------------------------------------- */

static int err_given(const err_spec *s)
{
	return s->s != SPR_NO_SERIES || !isnan(s->v);
}

/* Lower (hi 0) or upper (hi 1) error of point i: NaN when none. */
static inline double err_at(const spr_series *series, const err_spec *s,
			    size_t i, int hi)
{
	uint32_t k = hi && s->upper != SPR_NO_SERIES ? s->upper : s->s;
	return k != SPR_NO_SERIES ? series[k].v[i] : s->v;
}

/* Lengths match y's, and values (when read) are not negative. */
static int check_err(const err_spec *s, const char *name,
		     const spr_series *series, size_t n, char *err,
		     size_t errlen)
{
	const uint32_t k[2] = {s->s, s->upper};

	if (s->upper != SPR_NO_SERIES && !err_given(s))
		return spr_err(err, errlen,
			       "%s_upper needs %s (the lower errors)", name,
			       name);
	for (int j = 0; j < 2; j++) {
		const spr_series *e =
		    k[j] == SPR_NO_SERIES ? NULL : &series[k[j]];
		if (!e)
			continue;
		if (e->n != n)
			return spr_err(err, errlen,
				       "%s%s has %zu values but y has %zu",
				       name, j ? "_upper" : "", e->n, n);
		for (size_t i = 0; e->v && i < n; i++)
			if (e->v[i] < 0)
				return spr_err(err, errlen,
					       "%s%s must not contain negative "
					       "values (%s%s[%zu] = %g)",
					       name, j ? "_upper" : "", name,
					       j ? "_upper" : "", i, e->v[i]);
	}
	return 0;
}

static int eb_check(const void *p, const spr_series *series, char *err,
		    size_t errlen)
{
	const eb_params *e = p;
	size_t n = series[e->y].n;
	int st, mk, none;

	if (series[e->x].n != n)
		return spr_err(err, errlen, "x has %zu points but y has %zu",
			       series[e->x].n, n);
	if (e->fmt && parse_fmt(e->fmt, &st, &mk, &none, err, errlen))
		return -1;
	if (check_err(&e->yerr, "yerr", series, n, err, errlen) ||
	    check_err(&e->xerr, "xerr", series, n, err, errlen))
		return -1;
	return 0;
}

/* --- extents ------------------------------------------------------------ */

/* Folds v into direction d of s (NaN, and <= 0 on a log axis, have no
 * place). */
static inline void fold(spr_scan *s, int d, double v)
{
	if (!isfinite(v) || (s->log[d] && v <= 0))
		return;
	s->e[2 * d] = fmin(s->e[2 * d], v);
	s->e[2 * d + 1] = fmax(s->e[2 * d + 1], v);
}

/*
 * The data line's points (when drawn), and the bars' ends as vlines and
 * hlines add them: each coordinate on its own, NaNs left out.
 */
static void eb_extents(const void *p, spr_scan *s)
{
	const eb_params *e = p;
	const spr_series *xs = &s->series[e->x], *ys = &s->series[e->y];
	int none;

	data_look(e, &none);
	if (!none)
		spr_line_extents(xs->v, ys->v, ys->n, s->e, s->log[0],
				 s->log[1], s->want[0], s->want[1], 0);
	for (int d = 0; d < 2; d++) {
		const err_spec *es = d ? &e->yerr : &e->xerr;
		const double *dep = d ? ys->v : xs->v, *ind = d ? xs->v : ys->v;
		if (!err_given(es))
			continue;
		for (size_t i = 0; i < ys->n; i++) {
			fold(s, !d, ind[i]);
			fold(s, d, dep[i] - err_at(s->series, es, i, 0));
			fold(s, d, dep[i] + err_at(s->series, es, i, 1));
		}
	}
}

/* --- drawing ------------------------------------------------------------ */

/*
 * Device px of v along map m whose view is [lo, hi]: a value <= 0 on a
 * log axis lies far beyond the low end (matplotlib clips it to a tiny
 * positive number); NaN for none. Kept within slack of the view so that
 * cairo's fixed point never overflows (the bars are axis-aligned, so
 * this clamp is their clipping).
 */
static double dev(const spr_map *m, double v, double lo, double hi, double v0,
		  double v1)
{
	double q = spr_map_px(m, v);

	if (isnan(q) && m->log && v <= 0 && !isnan(v)) {
		double a = spr_map_px(m, lo), b = spr_map_px(m, hi);
		q = a - (b > a ? 1 : -1) * 1e6;
	}
	return fmin(fmax(q, v0 - 100), v1 + 100);
}

/*
 * A cap ('_' horizontal, '|' vertical) as Agg's draw_markers draws it: at
 * the whole pixel floor(v + 0.5), the marker's path (a line len long,
 * stroked thick with butt ends) snapped about it for its width, as paths
 * are (measured: capsize 5 caps are 14 px long, capthick 2 ones of
 * capsize 4 12 px, where 2 * capsize pt are 13.9 and 11.1).
 */
static void cap_path(cairo_t *cr, double x, double y, int vertical, double len,
		     double thick)
{
	double ox = floor(x + 0.5), oy = floor(y + 0.5);
	double a = spr_snap(-len / 2, thick), b = spr_snap(len / 2, thick);
	double c = spr_snap(0, thick);

	if (vertical)
		cairo_rectangle(cr, ox + c - thick / 2, oy + a, thick, b - a);
	else
		cairo_rectangle(cr, ox + a, oy + c - thick / 2, b - a, thick);
}

typedef struct bars {
	const spr_ctx *r;
	spr_axes_ctx *a;
	const spr_series *xs, *ys;
	double lw, caplen, capthick;
	double v[4]; /* view x0, x1, y0, y1 in device px, ascending */
} bars;

/* Direction d's bars (0: xerr, horizontal), then their caps. */
static void draw_bars(const bars *b, const err_spec *es, int d)
{
	cairo_t *cr = b->r->cr;
	const spr_axes_ctx *a = b->a;
	const spr_map *mi = d ? &a->mx : &a->my, *md = d ? &a->my : &a->mx;
	double dlo = d ? a->ylo : a->xlo, dhi = d ? a->yhi : a->xhi;
	const double *iv0 = &b->v[d ? 0 : 2], *dv0 = &b->v[d ? 2 : 0];
	const double *dep = d ? b->ys->v : b->xs->v;
	const double *ind = d ? b->xs->v : b->ys->v;
	size_t n = b->ys->n, k = 0;

	for (int pass = 0; pass < (b->caplen > 0 ? 2 : 1); pass++) {
		cairo_set_line_width(cr, b->lw);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		for (size_t i = 0; i < n; i++) {
			double lo = dep[i] - err_at(b->r->series, es, i, 0);
			double hi = dep[i] + err_at(b->r->series, es, i, 1);
			double q = spr_map_px(mi, ind[i]);
			if (isnan(q) || q < iv0[0] - 100 || q > iv0[1] + 100)
				continue;
			double q0 = dev(md, lo, dlo, dhi, dv0[0], dv0[1]);
			double q1 = dev(md, hi, dlo, dhi, dv0[0], dv0[1]);
			if (pass == 0) {
				if (isnan(q0) || isnan(q1))
					continue;
				q = spr_snap(q, b->lw);
				q0 = spr_snap(q0, b->lw);
				q1 = spr_snap(q1, b->lw);
				cairo_move_to(cr, d ? q : q0, d ? q0 : q);
				cairo_line_to(cr, d ? q : q1, d ? q1 : q);
			} else {
				/* caps: each end with a position, as
				 * Line2D draws the points it can */
				if (!isnan(q0) && isfinite(lo))
					cap_path(cr, d ? q : q0, d ? q0 : q, !d,
						 b->caplen, b->capthick);
				if (!isnan(q1) && isfinite(hi))
					cap_path(cr, d ? q : q1, d ? q1 : q, !d,
						 b->caplen, b->capthick);
			}
			if (++k % b->r->chunk == 0) {
				if (pass == 0)
					cairo_stroke(cr);
				else
					cairo_fill(cr);
			}
		}
		if (pass == 0)
			cairo_stroke(cr);
		else
			cairo_fill(cr);
	}
}

static void eb_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		    uint32_t color)
{
	const eb_params *e = p;
	uint32_t ec = e->ecolor != SPR_DEFAULT_COLOR ? e->ecolor : color;
	int none;
	spr_line_look lk = data_look(e, &none);
	bars b = {r,
		  a,
		  &r->series[e->x],
		  &r->series[e->y],
		  (isnan(e->elinewidth) ? e->width_pt : e->elinewidth) * r->pt,
		  2 * e->capsize * r->pt,
		  (isnan(e->capthick) ? CAP_THICK_PT : e->capthick) * r->pt,
		  {fmin(a->x0, a->x1), fmax(a->x0, a->x1), fmin(a->y0, a->y1),
		   fmax(a->y0, a->y1)}};

	/* matplotlib: without a data line the bars are C0 unless coloured */
	if (none && e->ecolor == SPR_DEFAULT_COLOR &&
	    e->color == SPR_DEFAULT_COLOR)
		ec = spr_tab10[0];
	spr_set_rgb(r->cr, ec, e->alpha);
	if (err_given(&e->xerr))
		draw_bars(&b, &e->xerr, 0);
	if (err_given(&e->yerr))
		draw_bars(&b, &e->yerr, 1);
	if (!none)
		spr_draw_line(r, a, b.xs->v, b.ys->v, b.ys->n, &lk, color);
}

/* matplotlib's HandlerErrorbar: bars of +-0.5 fontsize through the
 * handle's centre (capped when the item has caps), the line over them. */
static void eb_legend(const spr_ctx *r, const void *p, uint32_t color,
		      const spr_handle *h)
{
	const eb_params *e = p;
	cairo_t *cr = r->cr;
	uint32_t ec = e->ecolor != SPR_DEFAULT_COLOR ? e->ecolor : color;
	int none;
	spr_line_look lk = data_look(e, &none);
	double lw =
	    (isnan(e->elinewidth) ? e->width_pt : e->elinewidth) * r->pt;
	double len = LEGEND_ERR_FS * r->sz.legend, cx = h->x + h->w / 2,
	       cy = h->y;
	double caplen = 2 * e->capsize * r->pt;
	double thick =
	    (isnan(e->capthick) ? CAP_THICK_PT : e->capthick) * r->pt;

	if (none && e->ecolor == SPR_DEFAULT_COLOR &&
	    e->color == SPR_DEFAULT_COLOR)
		ec = spr_tab10[0];
	spr_set_rgb(cr, ec, e->alpha);
	for (int d = 0; d < 2; d++) {
		if (!err_given(d ? &e->yerr : &e->xerr))
			continue;
		cairo_set_line_width(cr, lw);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_move_to(cr, spr_snap(d ? cx : cx - len, lw),
			      spr_snap(d ? cy - len : cy, lw));
		cairo_line_to(cr, spr_snap(d ? cx : cx + len, lw),
			      spr_snap(d ? cy + len : cy, lw));
		cairo_stroke(cr);
		if (caplen > 0) {
			cap_path(cr, d ? cx : cx - len, d ? cy - len : cy, !d,
				 caplen, thick);
			cap_path(cr, d ? cx : cx + len, d ? cy + len : cy, !d,
				 caplen, thick);
			cairo_fill(cr);
		}
	}
	if (!none)
		spr_line_handle(r, &lk, color, h);
}

const spr_kind spr_kind_errorbar = {
    .name = "errorbar",
    .zorder = 2,
    .doc = "`errorbar`: a line through the points with vertical (`yerr`) "
	   "and horizontal (`xerr`) error bars, capped with `capsize`",
    .size = sizeof(eb_params),
    .fields = eb_fields,
    .nfields = sizeof eb_fields / sizeof eb_fields[0],
    .check = eb_check,
    .extents = eb_extents,
    .draw = eb_draw,
    .legend = eb_legend,
    .legend_last = 1,
};
