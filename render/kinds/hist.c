/* SPDX-License-Identifier: MIT */
/*
 * hist: matplotlib 3.6's Axes.hist for one dataset. numpy's histogram
 * (hist_count.c) counts the series where it lies; the colour is the next
 * of the *line* cycle, as matplotlib's; histtype 'bar' draws one edgeless
 * bar a bin, touching (snapped, so they tile), 'stepfilled' the outline
 * (b0,0) (b0,h0) (b1,h0) ... (bn,0) filled, 'step' the same outline open
 * and stroked 1 pt (patch.linewidth), snapped as Agg snaps axis-aligned
 * paths of at most 1024 vertices. 0 is a sticky edge: the bars stand on
 * the axis. NaN (and +-inf, where numpy would refuse the range) are left
 * out, as matplotlib 3.6 leaves NaN out, silently.
 */
#include "hist.h"
#include "item.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { HT_BAR, HT_STEP, HT_STEPFILLED };
static const char *const histtype_names[] = {"bar", "step", "stepfilled"};
static const char *const rule_names[] = {"none", "auto", "fd", "sturges"};

typedef struct hist_params {
	uint32_t x;
	uint32_t edges; /* bins as a series of edges */
	double bins;    /* bins as a count */
	int rule;
	spr_array range;
	int density, cumulative, histtype;
	uint32_t weights;
	uint32_t color, edgecolor;
	double linewidth, alpha;
	char *label;
} hist_params;

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(hist_params, m)

/* matplotlib's hist() arguments and defaults */
static const spr_field hist_fields[] = {
    {FIELD("x", SPR_F_SERIES, x), .def = SPR_NO_SERIES,
     .flags = SPR_FF_EXTREMES, .doc = "the data (NaN left out)"},
    {FIELD("bins", SPR_F_SERIES, edges), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL | SPR_FF_OR_NUMBER | SPR_FF_OR_CHOICE,
     .doc = "a number of equal bins, a series of increasing edges, or "
	    "numpy's rule \"auto\", \"fd\" or \"sturges\" (as bin_rule)"},
    {FIELD("bins", SPR_F_NUM, bins), .min = 1, .max = SPR_HIST_MAX_BINS,
     .def = 10},
    {FIELD("bin_rule", SPR_F_INT, rule), .min = SPR_HIST_COUNT,
     .max = SPR_HIST_STURGES, .def = SPR_HIST_COUNT, .names = rule_names,
     .doc = "numpy's estimators, as bins=\"auto\" ...: equal "
	    "bins of its width over the range; none: bins"},
    {FIELD("range", SPR_F_ARRAY, range), .min = -DBL_MAX, .max = DBL_MAX,
     .maxlen = 2, .doc = "[lo, hi] the bins cover (default: the data's)"},
    {FIELD("density", SPR_F_INT, density), .min = 0, .max = 1, .def = 0,
     .doc = "heights are a density: the bars' area is 1"},
    {FIELD("cumulative", SPR_F_INT, cumulative), .min = -1, .max = 1, .def = 0,
     .doc = "running sums; -1 from the right"},
    {FIELD("histtype", SPR_F_INT, histtype), .min = HT_BAR,
     .max = HT_STEPFILLED, .def = HT_BAR, .names = histtype_names,
     .doc = "bars, an outline, or a filled outline"},
    {FIELD("weights", SPR_F_SERIES, weights), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL, .doc = "a weight for each value of x"},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_LINES, .doc = "fill (step: the line)"},
    {FIELD("edgecolor", SPR_F_COLOR, edgecolor), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET, .doc = "outline (default none; step: color)"},
    {FIELD("linewidth", SPR_F_NUM, linewidth), .min = 0, .max = 100, .def = 1,
     .doc = "points, the outline"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,
     .flags = SPR_FF_LABEL, .doc = "legend entry"},
};

static int hist_check(const void *p, const spr_series *series, char *err,
		      size_t errlen)
{
	const hist_params *h = p;
	size_t n = series[h->x].n;

	if (h->weights != SPR_NO_SERIES && series[h->weights].n != n)
		return spr_err(err, errlen,
			       "weights has %zu values but x has %zu",
			       series[h->weights].n, n);
	if (h->weights != SPR_NO_SERIES && h->rule != SPR_HIST_COUNT)
		return spr_err(err, errlen,
			       "weights cannot go with bin_rule \"%s\" (numpy "
			       "refuses weighted estimators)",
			       rule_names[h->rule]);
	if (h->range.n && h->range.n != 2)
		return spr_err(err, errlen,
			       "range has %zu values: give [lo, hi]",
			       h->range.n);
	if (h->range.n == 2 && !(h->range.v[0] <= h->range.v[1]))
		return spr_err(err, errlen,
			       "range [%g, %g]: max must be larger than min",
			       h->range.v[0], h->range.v[1]);
	if (h->edges != SPR_NO_SERIES) {
		const spr_series *e = &series[h->edges];
		if (e->n < 2)
			return spr_err(err, errlen,
				       "bins has %zu edges: give at least 2",
				       e->n);
		for (size_t i = 1; e->v && i < e->n; i++)
			if (!(e->v[i] > e->v[i - 1]) ||
			    !isfinite(e->v[i - 1]) || !isfinite(e->v[i]))
				return spr_err(
				    err, errlen,
				    "bins must increase monotonically"
				    " (bins[%zu] = %g, bins[%zu] = "
				    "%g)",
				    i - 1, e->v[i - 1], i, e->v[i]);
	}
	return 0;
}

/* The bins and the heights drawn (density, cumulative applied). */
typedef struct hist_bins {
	size_t n;
	double *e, *h;
} hist_bins;

static int compute(const hist_params *p, const spr_series *series, hist_bins *b)
{
	const spr_series *x = &series[p->x];
	spr_hist_in in = {.v = x->v,
			  .n = x->n,
			  .nbins = (size_t)p->bins,
			  .rule = p->rule,
			  .has_range = p->range.n == 2};

	if (x->extremes) {
		in.has_extremes = 1;
		in.xlo = x->lo;
		in.xhi = x->hi;
	}
	if (p->weights != SPR_NO_SERIES)
		in.w = series[p->weights].v;
	if (p->edges != SPR_NO_SERIES) {
		in.edges = series[p->edges].v;
		in.nedges = series[p->edges].n;
	}
	if (in.has_range) {
		in.lo = p->range.v[0];
		in.hi = p->range.v[1];
	}
	b->n = spr_hist_count(&in, &b->e, &b->h);
	if (!b->n)
		return -1;
	if (p->density) {
		/* numpy: count / width / total */
		double tot = 0;
		for (size_t i = 0; i < b->n; i++)
			tot += b->h[i];
		for (size_t i = 0; i < b->n; i++)
			b->h[i] = b->h[i] / (b->e[i + 1] - b->e[i]) / tot;
	}
	if (p->cumulative) {
		/* matplotlib: with density the running sum of the areas */
		double s = 0;
		int back = p->cumulative < 0;
		for (size_t j = 0; j < b->n; j++) {
			size_t i = back ? b->n - 1 - j : j;
			s += p->density ? b->h[i] * (b->e[i + 1] - b->e[i])
					: b->h[i];
			b->h[i] = s;
		}
	}
	return 0;
}

static void release(hist_bins *b)
{
	free(b->e);
	free(b->h);
}

/*
 * The bins of the hists of the figure being drawn, by their parameters:
 * the limits and the drawing both need a hist's bins, and counting 1e8
 * values twice would double the cost of the figure. Thread-local (a
 * figure is drawn in one thread) and emptied at the start and end of each
 * figure (spr_kinds_forget()), so a bin never outlives the series it came
 * from. A figure with more hists than the memo holds counts the others
 * twice, as before.
 */
#define MEMO_SLOTS 8
static _Thread_local struct {
	const hist_params *p;
	const spr_series *series;
	hist_bins b;
} memo[MEMO_SLOTS];
static _Thread_local size_t memo_used;

static void hist_forget(void)
{
	for (size_t i = 0; i < memo_used; i++)
		release(&memo[i].b);
	memo_used = 0;
}

/* The bins of p over series, counted once a figure; the memo owns them. */
static const hist_bins *bins_of(const hist_params *p, const spr_series *series)
{
	hist_bins b;

	for (size_t i = 0; i < memo_used; i++)
		if (memo[i].p == p && memo[i].series == series)
			return &memo[i].b;
	if (compute(p, series, &b))
		return NULL;
	if (memo_used == MEMO_SLOTS) {
		/* full: the oldest goes */
		release(&memo[0].b);
		memmove(memo, memo + 1, (MEMO_SLOTS - 1) * sizeof *memo);
		memo_used--;
	}
	memo[memo_used].p = p;
	memo[memo_used].series = series;
	memo[memo_used].b = b;
	return &memo[memo_used++].b;
}

static inline void fold(spr_scan *s, int d, double v)
{
	if (!isfinite(v) || (s->log[d] && v <= 0))
		return;
	s->e[2 * d] = fmin(s->e[2 * d], v);
	s->e[2 * d + 1] = fmax(s->e[2 * d + 1], v);
}

static void hist_extents(const void *p, spr_scan *s)
{
	const hist_bins *b = bins_of(p, s->series);

	if (!b)
		return;
	fold(s, 0, b->e[0]);
	fold(s, 0, b->e[b->n]);
	fold(s, 1, 0);
	for (size_t i = 0; i < b->n; i++)
		fold(s, 1, b->h[i]);
	spr_scan_sticky(s, 1, 0);
}

/* Device px of y (0 or below on a log axis: far below the view). */
static double ypx(const spr_axes_ctx *a, double y)
{
	double q = spr_map_px(&a->my, y);
	double lo = fmin(a->y0, a->y1), hi = fmax(a->y0, a->y1);

	if (isnan(q) && a->my.log && !isnan(y))
		q = hi + 1e6;
	return fmin(fmax(q, lo - 100), hi + 100);
}

static double xpx(const spr_axes_ctx *a, double x)
{
	double lo = fmin(a->x0, a->x1), hi = fmax(a->x0, a->x1);
	return fmin(fmax(spr_map_px(&a->mx, x), lo - 100), hi + 100);
}

/* The step outline (b0,0) (b0,h0) (b1,h0) ... (bn,0) as a path, snapped
 * for stroke width lw when it is short enough for Agg to snap it. */
static void outline(cairo_t *cr, const spr_axes_ctx *a, const hist_bins *b,
		    double lw)
{
	int snap = 2 * b->n + 2 <= 1024;
#define SN(v) (snap ? spr_snap((v), lw) : (v))
	double px = SN(xpx(a, b->e[0])), zero = SN(ypx(a, 0));

	cairo_move_to(cr, px, zero);
	for (size_t i = 0; i < b->n; i++) {
		double y = SN(ypx(a, b->h[i]));
		double nx = SN(xpx(a, b->e[i + 1]));
		if (isnan(y))
			y = zero;
		cairo_line_to(cr, px, y);
		cairo_line_to(cr, nx, y);
		px = nx;
	}
	cairo_line_to(cr, px, zero);
#undef SN
}

static void hist_draw(const spr_ctx *r, spr_axes_ctx *a, const void *pv,
		      uint32_t color)
{
	const hist_params *p = pv;
	spr_patch_look lk = {color, p->edgecolor, p->linewidth, p->alpha, 1};
	const hist_bins *bp = bins_of(p, r->series);

	if (!bp)
		return;
	const hist_bins b = *bp;
	if (p->histtype == HT_BAR) {
		for (size_t i = 0; i < b.n; i++)
			spr_draw_patch_rect(r, a, &lk, b.e[i], b.e[i + 1], 0,
					    b.h[i]);
	} else {
		cairo_t *cr = r->cr;
		int step = p->histtype == HT_STEP;
		uint32_t ec = p->edgecolor != SPR_DEFAULT_COLOR ? p->edgecolor
			      : step                            ? color
								: p->edgecolor;
		double lw = ec != SPR_DEFAULT_COLOR ? p->linewidth * r->pt : 0;
		outline(cr, a, &b, lw);
		if (!step) {
			cairo_close_path(cr);
			spr_set_rgb(cr, color, p->alpha);
			cairo_fill_preserve(cr);
		}
		if (ec != SPR_DEFAULT_COLOR && lw > 0) {
			spr_set_rgb(cr, ec, p->alpha);
			cairo_set_line_width(cr, lw);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
			cairo_stroke_preserve(cr);
		}
		cairo_new_path(cr);
		/* one Polygon for the legend's 'best': its box, from the
		 * base (0, or the axes' bottom on a log axis) to the top */
		double lo = 0, hi = 0, y0, y1;
		for (size_t i = 0; i < b.n; i++) {
			lo = fmin(lo, b.h[i]);
			hi = fmax(hi, b.h[i]);
		}
		y0 = ypx(a, lo);
		y1 = ypx(a, hi);
		spr_occ_box(a, xpx(a, b.e[0]), isnan(y0) ? a->y1 : y0,
			    xpx(a, b.e[b.n]), isnan(y1) ? a->y1 : y1);
	}
}

/* HandlerPatch: filled for bar and stepfilled, an outline for step. */
static void hist_legend(const spr_ctx *r, const void *pv, uint32_t color,
			const spr_handle *h)
{
	const hist_params *p = pv;
	spr_patch_look lk = {color, p->edgecolor, p->linewidth, p->alpha, 1};

	if (p->histtype == HT_STEP) {
		lk.fill = 0;
		if (lk.edgecolor == SPR_DEFAULT_COLOR)
			lk.edgecolor = color;
	}
	spr_patch_handle(r, &lk, h);
}

const spr_kind spr_kind_hist = {
    .name = "hist",
    .zorder = 1,
    .doc = "`hist`: a histogram of the series `x`, counted where it lies "
	   "(numpy's bins, range, density, weights)",
    .size = sizeof(hist_params),
    .fields = hist_fields,
    .nfields = sizeof hist_fields / sizeof hist_fields[0],
    .check = hist_check,
    .extents = hist_extents,
    .draw = hist_draw,
    .legend = hist_legend,
    .forget = hist_forget,
};
