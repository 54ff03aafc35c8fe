/* SPDX-License-Identifier: MIT */
/*
 * The line plot: a polyline through the points (gaps at points without a
 * position, the jumps of sampled poles skipped (pole.c), clipped in
 * double precision), reduced to a few points per pixel column when the
 * series is much longer than the axes is wide (M4, m4.c), simplified as
 * matplotlib simplifies otherwise, and markers at every point. The
 * polyline is also a service to other kinds that draw lines
 * (spr_draw_polyline, item.h).
 */
#include "item.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A line's parameters (the fields below describe them). */
typedef struct line_params {
	/* ordered so that nothing pads: a batch holds 100,000 of them */
	uint32_t x, y;      /* series; x may be SPR_NO_SERIES: the index */
	uint32_t color;     /* 0xRRGGBB, or SPR_DEFAULT_COLOR = next of tab10 */
	uint32_t mfc, mec;  /* SPR_DEFAULT_COLOR: color; SPR_NONE_COLOR */
	int style;          /* enum spr_linestyle */
	int marker;         /* enum spr_marker */
	int drawstyle;      /* enum spr_drawstyle */
	char *label;        /* UTF-8, NULL = no legend entry */
	double alpha;       /* 0..1 */
	double width_pt;    /* line width */
	double marker_pt;   /* marker size */
	double mew;         /* markeredgewidth, pt */
	spr_array every;    /* markevery: [N] or [start, N] */
	spr_array every_at; /* markevery as the indices */
	spr_array dashes;   /* a dash pattern, line widths */
	double dash_offset;
} line_params;

static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", "None"};
static const char *const drawstyle_names[] = {"default", "steps-pre",
					      "steps-mid", "steps-post"};
static const char *const drawstyle_syms[] = {NULL, "steps", NULL, NULL};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(line_params, m)

/* matplotlib's plot() arguments and Line2D defaults */
static const spr_field line_fields[] = {
    {FIELD("x", SPR_F_SERIES, x), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL, .doc = "x values (default: the index)"},
    {FIELD("y", SPR_F_SERIES, y), .def = SPR_NO_SERIES, .doc = "y values"},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,
     .flags = SPR_FF_LABEL, .doc = "legend entry"},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_LINES, .doc = "line and marker colour"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    {FIELD("linewidth", SPR_F_NUM, width_pt), .min = 0, .max = 100, .def = 1.5,
     .doc = "points"},
    {FIELD("linestyle", SPR_F_INT, style), .min = SPR_LS_SOLID,
     .max = SPR_LS_NONE, .def = SPR_LS_SOLID, .names = style_names,
     .syms = style_syms},
    {FIELD("marker", SPR_F_INT, marker), .min = SPR_MK_NONE, .max = SPR_MK_LAST,
     .def = SPR_MK_NONE, .names = spr_marker_names, .syms = spr_marker_syms,
     .doc = "drawn at every point"},
    {FIELD("markersize", SPR_F_NUM, marker_pt), .min = 0, .max = 200, .def = 6,
     .doc = "points"},
    {FIELD("drawstyle", SPR_F_INT, drawstyle), .min = SPR_DS_DEFAULT,
     .max = SPR_DS_STEPS_POST, .def = SPR_DS_DEFAULT, .names = drawstyle_names,
     .syms = drawstyle_syms, .doc = "steps as `step`'s `where`"},
    {FIELD("markerfacecolor", SPR_F_COLOR, mfc), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET | SPR_FF_NONE,
     .doc = "marker fill (color); \"none\": open markers"},
    {FIELD("markeredgecolor", SPR_F_COLOR, mec), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_UNSET | SPR_FF_NONE, .doc = "marker edge (color)"},
    {FIELD("markeredgewidth", SPR_F_NUM, mew), .min = 0, .max = 100, .def = 1,
     .doc = "points"},
    {FIELD("markevery", SPR_F_ARRAY, every), .min = 0, .max = 1e15, .maxlen = 2,
     .flags = SPR_FF_SCALAR,
     .doc = "markers at every Nth point: N or [start, N]"},
    {FIELD("markevery_at", SPR_F_ARRAY, every_at), .min = 0, .max = 1e15,
     .maxlen = SPR_MAX_TEXT,
     .doc = "markers at these point indices only (a list `markevery`)"},
    {FIELD("dashes", SPR_F_ARRAY, dashes), .min = 0, .max = 1000,
     .maxlen = SPR_MAX_DASHES,
     .doc = "dash pattern [on, off, ...] in line widths (an even count)"},
    {FIELD("dash_offset", SPR_F_NUM, dash_offset), .min = 0, .max = 1e6,
     .def = 0, .doc = "where the pattern starts, line widths"},
};

/* The series x of p, or NULL when x is the index. */
static const spr_series *xseries(const spr_series *series, const line_params *l)
{
	return l->x == SPR_NO_SERIES ? NULL : &series[l->x];
}

/*
 * matplotlib's PathSnapper rule: a short path made only of horizontal and
 * vertical segments is snapped to the pixel grid so it stays crisp.
 */
static int snappable(const spr_axes_ctx *a, const spr_polyline *pl)
{
	double px = NAN, py = NAN;
	size_t i;

	if (pl->n > 1024)
		return 0;
	for (i = 0; i < pl->n; i++) {
		double qx = spr_map_px(&a->mx, pl->x ? pl->x[i] : (double)i);
		double qy = spr_map_px(&a->my, pl->y[i]);
		if (!isnan(qx) && !isnan(qy) && !isnan(px) && qx != px &&
		    qy != py)
			return 0;
		px = qx;
		py = qy;
	}
	return 1;
}

/*
 * The per-segment rules of a line, applied to the raw points or to the
 * points M4 keeps: gaps at points without a position, poles (spr_pole)
 * skipped, clipping in double precision to the view
 * plus a slack that keeps caps out of sight.
 */
typedef struct pipe {
	spr_axes_ctx *a;
	const double *xv, *yv; /* xv NULL: x is the index */
	spr_stroker s;
	int draw;         /* 0: only mark the legend occupancy grid */
	int occ;          /* mark the occupancy grid */
	int snapit;       /* snap vertices (short axis-aligned paths) */
	int poles;        /* draw pole segments */
	spr_pole_in pole; /* the raw points, for the pole rule */
	double lw, vx0, vx1, vy0, vy1, cx0, cx1, cy0, cy1;
	double px, py;         /* previous point, NaN after a gap */
	double col_lo, col_hi; /* M4's column range (spr_m4_column) */
	/* the point being drawn begins a pixel column and the raw point
	 * before it was drawn just before it (see pipe_seam) */
	int colstart;
	size_t seam_at; /* raw index of the last seam */
	size_t last;    /* raw index M4 emitted last (SPR_M4_GAP: a gap) */
} pipe;

/* Adds raw point i at device (qx, qy); intra: see spr_m4_emit. */
static inline void pipe_point(pipe *p, double qx, double qy, int intra,
			      size_t i)
{
	double t0, t1, ax_, ay, bx, by;
	int jump;

	if (isnan(qx) || isnan(qy)) {
		p->s.pen = 0; /* gap */
		p->px = NAN;
		return;
	}
	if (isnan(p->px)) {
		p->px = qx;
		p->py = qy;
		return;
	}
	/* both ends beyond opposite edges of the view, and the data around
	 * show a pole there (never inside one pixel column's run, where the
	 * raw line is unbroken); the previous point is raw point i - 1 */
	jump = !intra && !p->poles &&
	       ((p->py < p->vy0 && qy > p->vy1) ||
		(p->py > p->vy1 && qy < p->vy0)) &&
	       spr_pole(&p->pole, i);
	if (jump || !spr_clip_segment(p->px, p->py, qx, qy, p->cx0, p->cy0,
				      p->cx1, p->cy1, &t0, &t1)) {
		p->s.pen = 0;
		p->px = qx;
		p->py = qy;
		return;
	}
	/* an unclipped end is the point itself, to the last bit */
	ax_ = t0 > 0 ? p->px + (qx - p->px) * t0 : p->px;
	ay = t0 > 0 ? p->py + (qy - p->py) * t0 : p->py;
	bx = t1 < 1 ? p->px + (qx - p->px) * t1 : qx;
	by = t1 < 1 ? p->py + (qy - p->py) * t1 : qy;
	if (p->draw) {
		if (!p->s.pen || t0 > 0)
			spr_stroker_move(&p->s, ax_, ay);
		spr_stroker_line(&p->s, bx, by);
		if (p->colstart && t0 == 0 && t1 == 1)
			spr_stroker_seam(&p->s);
	} else {
		p->s.pen = 1;
	}
	if (p->occ)
		spr_occ_segment(p->a, ax_, ay, bx, by);
	if (t1 < 1)
		p->s.pen = 0;
	p->px = qx;
	p->py = qy;
}

/*
 * Whether an aligned line is cut after raw point i, drawn after raw point
 * i - 1 (qx and pqx their device x; the caller checks that they are
 * consecutive on the line): at the first point of a pixel column, once a
 * chunk's worth of raw points has passed since the last cut. cairo's
 * aliased rasteriser fills a one-pixel hole between two spans of a row
 * that one fill covers, so which columns share a cairo_stroke shows; cut
 * at the same raw points, the raw line and the line M4 reduces (which
 * keeps the first point of every column and the last of the one before)
 * put the same columns in each stroke. Anti-aliased lines are cut by
 * vertex count: their rasteriser fills no holes, and a reduced line then
 * needs far fewer strokes.
 */
static int pipe_seam(pipe *p, size_t i, double qx, double pqx)
{
	if (!p->s.aligned || i - p->seam_at < p->s.chunk ||
	    spr_m4_column(qx, p->col_lo, p->col_hi) ==
		spr_m4_column(pqx, p->col_lo, p->col_hi))
		return 0;
	p->seam_at = i;
	return 1;
}

static void pipe_raw(pipe *p, size_t from, size_t n)
{
	const spr_map *mx = &p->a->mx, *my = &p->a->my;
	double pqx = NAN;
	size_t i;

	for (i = from; i < n; i++) {
		double qx = spr_map_px(mx, p->xv ? p->xv[i] : (double)i);
		double qy = spr_map_px(my, p->yv[i]);
		if (p->snapit && !isnan(qx) && !isnan(qy)) {
			qx = spr_snap(qx, p->lw);
			qy = spr_snap(qy, p->lw);
		}
		/* from > 0: M4 drew point from - 1 just before, if it has a
		 * position (p->px says) */
		if (i == from && i > 0)
			pqx = spr_map_px(mx, p->xv ? p->xv[i - 1]
						   : (double)(i - 1));
		p->colstart = !isnan(qx) && !isnan(qy) && !isnan(p->px) &&
			      !isnan(pqx) && pipe_seam(p, i, qx, pqx);
		pipe_point(p, qx, qy, 0, i);
		p->colstart = 0;
		pqx = isnan(qy) ? NAN : qx;
	}
}

static void pipe_emit(void *ctx, size_t i, int intra)
{
	pipe *p = ctx;
	double qx;

	if (i == SPR_M4_GAP) {
		pipe_point(p, NAN, NAN, 0, 0);
		p->last = SPR_M4_GAP;
		return;
	}
	qx = spr_map_px(&p->a->mx, p->xv ? p->xv[i] : (double)i);
	/* a run's first point after the last of the run before */
	p->colstart = !intra && i > 0 && p->last == i - 1 && !isnan(p->px) &&
		      pipe_seam(p, i, qx,
				spr_map_px(&p->a->mx, p->xv ? p->xv[i - 1]
							    : (double)(i - 1)));
	pipe_point(p, qx, spr_map_px(&p->a->my, p->yv[i]), intra, i);
	p->colstart = 0;
	p->last = i;
}

/*
 * Path simplification of a line drawn from its points (not reduced, not
 * `exact`), as matplotlib's Agg backend does by default (path.simplify,
 * threshold 1/9 px): a point is left out when it lies within SIMPLIFY_PX
 * of the straight line from the last point drawn through the first one
 * after it, and further along that line than every point left out so far,
 * so no point strays more than two thresholds from the drawn path and a
 * turn back is always drawn. Only inside the view, so every segment the
 * pole rule is asked about (ends beyond opposite edges) is a raw one.
 * cairo's stroke costs about a microsecond a vertex, most of drawing a
 * 1,000-point line: the seed figures draw in half the time (render_bench:
 * 1.59 / 0.81 / 1.89 -> 0.78 / 0.47 / 0.85 ms), and differ from every
 * point stroked only in anti-aliased edge pixels (at most 40 levels).
 */
#define SIMPLIFY_PX (1.0 / 9.0)

static int in_view(const pipe *p, double x, double y)
{
	return x >= p->vx0 && x <= p->vx1 && y >= p->vy0 && y <= p->vy1;
}

static void pipe_simple(pipe *p, size_t n)
{
	const spr_map *mx = &p->a->mx, *my = &p->a->my;
	double ax = NAN, ay = NAN; /* the last point drawn */
	double hx = 0, hy = 0;     /* the point held back, raw point hi */
	double dx = 0, dy = 0, far = 0;
	size_t hi = 0;
	int held = 0;

	for (size_t i = 0; i < n; i++) {
		double qx = spr_map_px(mx, p->xv ? p->xv[i] : (double)i);
		double qy = spr_map_px(my, p->yv[i]);
		if (isnan(qx) || isnan(qy)) {
			if (held)
				pipe_point(p, hx, hy, 0, hi);
			held = 0;
			ax = NAN;
			pipe_point(p, qx, qy, 0, i);
			continue;
		}
		if (held) {
			double vx = qx - ax, vy = qy - ay;
			double par = vx * dx + vy * dy;
			if (fabs(vx * dy - vy * dx) <= SIMPLIFY_PX &&
			    par >= far && in_view(p, hx, hy)) {
				hx = qx;
				hy = qy;
				hi = i;
				far = par;
				continue;
			}
			pipe_point(p, hx, hy, 0, hi);
			ax = hx;
			ay = hy;
			held = 0;
		}
		double len = isnan(ax) ? 0 : hypot(qx - ax, qy - ay);
		if (len == 0 || !in_view(p, ax, ay)) {
			pipe_point(p, qx, qy, 0, i);
			ax = qx;
			ay = qy;
			continue;
		}
		dx = (qx - ax) / len;
		dy = (qy - ay) / len;
		far = len;
		hx = qx;
		hy = qy;
		hi = i;
		held = 1;
	}
	if (held)
		pipe_point(p, hx, hy, 0, hi);
}

/* The line through M4, and the points after a non-monotonic x raw. */
static void pipe_reduced(pipe *p, size_t n)
{
	spr_m4_params m;
	size_t stop;

	m.x = p->xv;
	m.y = p->yv;
	m.n = n;
	m.mx = &p->a->mx;
	m.my = &p->a->my;
	m.vy0 = p->vy0;
	m.vy1 = p->vy1;
	m.break_jumps = !p->poles;
	m.col_lo = p->col_lo;
	m.col_hi = p->col_hi;
	/* half the line width and a margin for cairo's fixed point */
	m.band = p->lw / 2 + 0.05;
	m.fix_columns = cairo_get_antialias(p->s.cr) == CAIRO_ANTIALIAS_NONE;
	m.emit = pipe_emit;
	m.ctx = p;
	stop = spr_m4(&m);
	pipe_raw(p, stop, n);
}

/* The pipe of a polyline about to be drawn on a, with its clip and style. */
static void pipe_init(pipe *p, const spr_ctx *r, spr_axes_ctx *a,
		      const spr_polyline *pl)
{
	double slack = 1 + pl->width_pt * r->pt; /* keep caps off the clip */

	memset(p, 0, sizeof *p);
	p->a = a;
	p->xv = pl->x;
	p->yv = pl->y;
	p->s.cr = r->cr;
	p->s.chunk = r->chunk;
	p->s.alpha = pl->alpha;
	p->s.color = pl->color;
	p->poles = a->ax->pole_segments;
	p->pole = (spr_pole_in){pl->x, pl->y, pl->n, &a->mx, &a->my, 0, 0};
	p->lw = pl->width_pt * r->pt;
	p->vx0 = fmin(a->x0, a->x1);
	p->vx1 = fmax(a->x0, a->x1);
	p->vy0 = fmin(a->y0, a->y1);
	p->vy1 = fmax(a->y0, a->y1);
	p->pole.vy0 = p->vy0;
	p->pole.vy1 = p->vy1;
	p->cx0 = p->vx0 - slack;
	p->cx1 = p->vx1 + slack;
	p->cy0 = p->vy0 - slack;
	p->cy1 = p->vy1 + slack;
	p->px = p->py = NAN;
	p->col_lo = floor(p->cx0) - 2;
	p->col_hi = ceil(p->cx1) + 2;
	p->last = SPR_M4_GAP;
	p->snapit = snappable(a, pl);
	p->draw = 1;
	spr_stroke_dashes(r, pl->width_pt, pl->style, pl->dashes,
			  pl->dash_offset, &p->s);
	/* an aligned line that may need several chunks is stroked as seamed
	 * from the start, so that its ends are capped the same way whether it
	 * is drawn from the raw points or reduced (whose vertices may fit in
	 * one) */
	p->s.aligned =
	    p->s.sqcaps && cairo_get_antialias(r->cr) == CAIRO_ANTIALIAS_NONE;
	p->s.seamed = p->s.aligned && pl->n > p->s.chunk;
}

/* Runs the pipe again only to mark the legend's occupancy grid. */
static void pipe_occupy(pipe *p, size_t n, int reduced)
{
	p->draw = 0;
	p->occ = 1;
	p->px = p->py = NAN;
	p->s.pen = 0;
	if (reduced)
		pipe_reduced(p, n);
	else
		pipe_raw(p, 0, n);
}

void spr_draw_polyline(const spr_ctx *r, spr_axes_ctx *a,
		       const spr_polyline *pl)
{
	size_t n = pl->n;
	int reduce, simplify, exact = a->ax->exact;
	pipe p;

	pipe_init(&p, r, a, pl);
	/* M4 pays once there are several points per pixel column */
	reduce = !p.snapit && spr_reduce_wanted(a, n);
	simplify = !reduce && !exact && !p.snapit && !p.s.aligned;
	if (reduce && !exact) {
		p.occ = 1;
		pipe_reduced(&p, n);
	} else if (simplify) {
		p.occ = 0; /* marked from every point below */
		pipe_simple(&p, n);
	} else {
		p.occ = !reduce;
		pipe_raw(&p, 0, n);
	}
	spr_stroker_end(&p.s);
	free(p.s.caps);
	cairo_set_dash(r->cr, NULL, 0, 0);
	/* an exact line marks the legend grid from the reduced line too, so
	 * 'best' lands where it does without `exact` */
	if (reduce && exact && a->occ)
		pipe_occupy(&p, n, 1);
	/* 'best' weighs the line's points, as matplotlib's does (its legend
	 * sees the path before simplification): a simplified line marks the
	 * grid from every point */
	if (simplify && a->occ)
		pipe_occupy(&p, n, 0);
}

spr_mark_style spr_line_marks(const spr_line_look *lk, uint32_t color)
{
	spr_mark_style ms = {lk->marker,
			     lk->marker_pt,
			     lk->mew,
			     lk->mfc == SPR_DEFAULT_COLOR ? color : lk->mfc,
			     lk->mec == SPR_DEFAULT_COLOR ? color : lk->mec,
			     lk->alpha};

	if (isnan(ms.edge_pt))
		ms.edge_pt = 1; /* lines.markeredgewidth */
	return ms;
}

/*
 * matplotlib's markevery: the points of an int N or (start, N), or of a
 * list of indices (those in range), as new arrays *sx, *sy (x NULL: the
 * index); the count, or SIZE_MAX when every point is marked (nothing
 * allocated) or memory ran out (no markers).
 */
static size_t mark_every(const double *x, const double *y, size_t n,
			 const spr_line_look *lk, double **sx, double **sy)
{
	const spr_array *ev = lk->every, *at = lk->every_at;
	size_t k = 0, start = 0, step = 1, cap;

	*sx = *sy = NULL;
	if (at && at->n)
		cap = at->n;
	else if (ev && ev->n) {
		step = (size_t)ev->v[ev->n - 1];
		start = ev->n > 1 ? (size_t)ev->v[0] : 0;
		if (step < 1)
			step = 1;
		if (step == 1 && start == 0)
			return SIZE_MAX;
		cap = start < n ? (n - start + step - 1) / step : 0;
	} else
		return SIZE_MAX;
	*sx = spr_mallocn(cap ? cap : 1, sizeof **sx);
	*sy = spr_mallocn(cap ? cap : 1, sizeof **sy);
	if (!*sx || !*sy) {
		free(*sx);
		free(*sy);
		*sx = *sy = NULL;
		return 0;
	}
	for (size_t j = 0; j < cap; j++) {
		size_t i = at && at->n ? (size_t)at->v[j] : start + j * step;
		if (i >= n)
			continue;
		(*sx)[k] = x ? x[i] : (double)i;
		(*sy)[k++] = y[i];
	}
	return k;
}

/* The markers of lk at the points markevery picks. */
static void draw_marks(const spr_ctx *r, spr_axes_ctx *a, const double *x,
		       const double *y, size_t n, const spr_line_look *lk,
		       uint32_t color)
{
	spr_mark_style ms = spr_line_marks(lk, color);
	double *sx, *sy;
	size_t k = mark_every(x, y, n, lk, &sx, &sy);

	if (k == SIZE_MAX)
		spr_draw_markers_style(r, a, x, y, n, &ms);
	else if (k)
		spr_draw_markers_style(r, a, sx, sy, k, &ms);
	free(sx);
	free(sy);
}

void spr_draw_line(const spr_ctx *r, spr_axes_ctx *a, const double *x,
		   const double *y, size_t n, const spr_line_look *lk,
		   uint32_t color)
{
	spr_polyline pl = {
	    x,         y,     n,          lk->width_pt,   lk->style,
	    lk->alpha, color, lk->dashes, lk->dash_offset};
	double *sx = NULL, *sy = NULL;

	spr_set_rgb(r->cr, color, lk->alpha);
	if (lk->style != SPR_LS_NONE && lk->width_pt > 0) {
		/* steps: the expanded vertices, drawn as any line (out of
		 * memory: nothing) */
		if (lk->drawstyle != SPR_DS_DEFAULT) {
			pl.n = spr_steps(x, y, n, lk->drawstyle, &sx, &sy);
			pl.x = sx;
			pl.y = sy;
		}
		if (pl.n)
			spr_draw_polyline(r, a, &pl);
		free(sx);
		free(sy);
	}
	if (lk->marker != SPR_MK_NONE && lk->marker_pt > 0)
		draw_marks(r, a, x, y, n, lk, color);
}

static spr_line_look line_look(const line_params *l)
{
	spr_line_look lk = {
	    l->width_pt,  l->alpha,   l->marker_pt,  l->style, l->marker,
	    l->drawstyle, l->mfc,     l->mec,        l->mew,   &l->every,
	    &l->every_at, &l->dashes, l->dash_offset};
	return lk;
}

static void line_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		      uint32_t color)
{
	const line_params *l = p;
	const spr_series *ys = &r->series[l->y];
	const spr_series *xs = xseries(r->series, l);
	spr_line_look lk = line_look(l);

	spr_draw_line(r, a, xs ? xs->v : NULL, ys->v, ys->n, &lk, color);
}

void spr_line_handle(const spr_ctx *r, const spr_line_look *lk, uint32_t color,
		     const spr_handle *h)
{
	cairo_t *cr = r->cr;

	spr_set_rgb(cr, color, lk->alpha);
	if (lk->style != SPR_LS_NONE && lk->width_pt > 0) {
		double lw = lk->width_pt * r->pt;
		spr_stroker s;
		memset(&s, 0, sizeof s);
		spr_stroke_dashes(r, lk->width_pt, lk->style, lk->dashes,
				  lk->dash_offset, &s);
		/* snapped like matplotlib's handle line */
		cairo_move_to(cr, spr_snap(h->x, lw), spr_snap(h->y, lw));
		cairo_line_to(cr, spr_snap(h->x + h->w, lw),
			      spr_snap(h->y, lw));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	if (lk->marker != SPR_MK_NONE && lk->marker_pt > 0) {
		spr_mark_style ms = spr_line_marks(lk, color);
		spr_draw_marker_style_at(r, h->x + h->w / 2, h->y, &ms);
	}
}

/* matplotlib's Line2D handle: the line across the box, a marker midway. */
static void line_legend(const spr_ctx *r, const void *p, uint32_t color,
			const spr_handle *h)
{
	spr_line_look lk = line_look(p);

	spr_line_handle(r, &lk, color, h);
}

/* x and y must be of one length. */
static int line_check(const void *p, const spr_series *series, char *err,
		      size_t errlen)
{
	const line_params *l = p;
	const spr_series *xs = xseries(series, l);

	if (xs && xs->n != series[l->y].n)
		return spr_err(err, errlen, "x has %zu points but y has %zu",
			       xs->n, series[l->y].n);
	for (size_t i = 0; i < l->every.n; i++)
		if (l->every.v[i] != floor(l->every.v[i]) ||
		    (i == l->every.n - 1 && l->every.v[i] < 1))
			return spr_err(err, errlen, "markevery: %g is not %s",
				       l->every.v[i],
				       i == l->every.n - 1
					   ? "a whole number of points >= 1"
					   : "a whole start index");
	if (l->dashes.n) {
		double on = 0;
		for (size_t i = 0; i < l->dashes.n; i += 2)
			on += l->dashes.v[i];
		if (l->dashes.n % 2 || !(on > 0))
			return spr_err(err, errlen,
				       "dashes: [on, off, ...] needs pairs "
				       "with some ink, not %zu values%s",
				       l->dashes.n,
				       l->dashes.n % 2 ? "" : " of 0 on");
	}
	for (size_t i = 0; i < l->every_at.n; i++)
		if (l->every_at.v[i] != floor(l->every_at.v[i]) ||
		    l->every_at.v[i] >= (double)series[l->y].n)
			return spr_err(err, errlen,
				       "markevery_at[%zu]: %g is not the index "
				       "of one of the %zu points",
				       i, l->every_at.v[i], series[l->y].n);
	return 0;
}

/* The drawable points' extents (extents.c); x's order is checked once for
 * the lines that share it, and then only y is read. */
static void line_extents(const void *p, spr_scan *s)
{
	const line_params *l = p;
	const spr_series *ys = &s->series[l->y];
	const spr_series *xs = xseries(s->series, l);

	if (xs && xs != s->sorted_x && (s->nitems > 1 || !s->want[1])) {
		s->sorted_x = xs;
		s->sorted = spr_sorted(xs->v, xs->n);
	}
	spr_line_extents(xs ? xs->v : NULL, ys->v, ys->n, s->e, s->log[0],
			 s->log[1], s->want[0], s->want[1],
			 xs && xs == s->sorted_x && s->sorted);
}

const spr_kind spr_kind_line = {
    .name = "line",
    .zorder = 2,
    .doc = "`plot`: a line through the points, markers at them",
    .size = sizeof(line_params),
    .fields = line_fields,
    .nfields = sizeof line_fields / sizeof line_fields[0],
    .check = line_check,
    .extents = line_extents,
    .draw = line_draw,
    .legend = line_legend,
};
