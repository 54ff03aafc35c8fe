// SPDX-License-Identifier: MIT
/*
 * Ticks of either axis on any side, as matplotlib 3.6 draws them with
 * tick_params: marks out, in or across the spine at the bottom/top (x) or
 * left/right (y), labels beside them at pad plus the marks' outer reach
 * (Tick._apply_tickdir), rotated and aligned as Text._get_layout aligns a
 * rotated text (its rotated box to the anchor, or with rotation_mode
 * 'anchor' the unrotated text, then turned about the anchor). The same
 * code measures for the layout and draws, so the two cannot disagree.
 */
#include "axis_opts.h"
#include "dates.h"
#include "item.h"

#include <string.h>

static double or_rc(double v, double rc)
{
	return isnan(v) ? rc : v;
}

void spr_tick_style_init(const spr_ctx *r, spr_axes_ctx *a)
{
	static const double len[2] = {TICK_LEN_PT, MINOR_LEN_PT};
	static const double wid[2] = {0.8, 0.6};
	static const double pad[2] = {TICK_PAD_PT, MINOR_PAD_PT};

	for (int d = 0; d < 2; d++) {
		const spr_axis_opts *o = spr_axis_opts_of(a->ax, d);
		spr_tick_style *ts = &a->ts[d];
		for (int m = 0; m < 2; m++) {
			ts->len[m] = or_rc(o->length[m], len[m]) * r->pt;
			ts->w[m] = or_rc(o->width[m], wid[m]) * r->pt;
			ts->pad[m] = or_rc(o->pad[m], pad[m]) * r->pt;
			ts->dir[m] = o->direction[m];
		}
		/* tick_params' labelsize, else {x,y}tick.labelsize */
		ts->fs = !isnan(o->labelsize) ? o->labelsize * r->pt
			 : d                  ? r->sz.ytick
					      : r->sz.xtick;
		ts->color = o->color;
		ts->labelcolor = o->labelcolor;
		ts->tick1 = o->tick1;
		ts->tick2 = o->tick2;
		ts->label1 = o->label1;
		ts->label2 = o->label2;
		ts->rot = o->rotation;
		ts->ha = o->ha;
		ts->anchor = o->rotation_mode == 1;
	}
}

/* How far marks reach outside the spine: Tick.get_tick_padding. */
static double out_reach(const spr_tick_style *ts, int m)
{
	static const double f[3] = {1.0, 0.0, 0.5}; /* out, in, inout */

	return ts->len[m] * f[ts->dir[m]];
}

double spr_style_gap(const spr_tick_style *ts, int minor)
{
	return ts->pad[minor] + out_reach(ts, minor);
}

/* --- locating --------------------------------------------------------- */

void spr_view_ticks(spr_axes_ctx *a)
{
	for (int d = 0; d < 2; d++) {
		const spr_axis_opts *o = spr_axis_opts_of(a->ax, d);
		double *lo = d ? &a->ylo : &a->xlo, *hi = d ? &a->yhi : &a->xhi;
		double tmin = INFINITY, tmax = -INFINITY;
		int log = (d ? a->ax->yscale : a->ax->xscale) == SPR_SCALE_LOG;
		if (!o->fixed || (d ? a->ax->has_ylim : a->ax->has_xlim))
			continue;
		for (size_t i = 0; i < o->ticks.n; i++) {
			double v = o->ticks.v[i];
			if (isfinite(v) && (!log || v > 0)) {
				tmin = fmin(tmin, v);
				tmax = fmax(tmax, v);
			}
		}
		if (tmin > tmax)
			continue;
		/* set_view_interval keeps an inverted view inverted */
		if (*lo <= *hi) {
			*lo = fmin(*lo, tmin);
			*hi = fmax(*hi, tmax);
		} else {
			*hi = fmin(*hi, tmin);
			*lo = fmax(*lo, tmax);
		}
	}
}

/* The first item's fixed ticks for axis d (a categorical axis, bar's
 * tick_label): 1 if there were any. */
static int item_ticks(const spr_ctx *r, spr_axes_ctx *a, int d)
{
	double v[SPR_MAX_TICKS];
	const char *labels[SPR_MAX_TICKS];

	for (size_t i = 0; i < a->ax->nitems; i++) {
		const spr_item *it = &a->ax->items[i];
		size_t n = it->kind->ticks
			       ? it->kind->ticks(it->p, r->series, d, v, labels,
						 SPR_MAX_TICKS)
			       : 0;
		if (n) {
			spr_ticks_fixed(d ? &a->yt : &a->xt, v, labels, n);
			return 1;
		}
	}
	return 0;
}

/* set_xticks(ticks[, labels]): FixedLocator, with FixedFormatter when
 * labels are given, else the axis' formatter (ScalarFormatter). */
static void opts_ticks(spr_ticks *t, const spr_axis_opts *o, double lo,
		       double hi)
{
	const char *labels[SPR_MAX_TICKS];
	size_t n = o->ticks.n < SPR_MAX_TICKS ? o->ticks.n : SPR_MAX_TICKS;

	for (size_t i = 0; i < n; i++)
		labels[i] = o->labels.n ? o->labels.s[i] : "";
	spr_ticks_fixed(t, o->ticks.v, labels, n);
	if (!o->labels.n)
		spr_scalar_format(t, lo, hi);
}

static void axis_ticks(const spr_ctx *r, spr_axes_ctx *a, int d, int nbins)
{
	const spr_axis_opts *o = spr_axis_opts_of(a->ax, d);
	spr_ticks *t = d ? &a->yt : &a->xt;
	double lo = d ? a->ylo : a->xlo, hi = d ? a->yhi : a->xhi;
	int scale = d ? a->ax->yscale : a->ax->xscale;
	int log = scale == SPR_SCALE_LOG;

	if (o->fixed)
		opts_ticks(t, o, lo, hi);
	else if (item_ticks(r, a, d))
		;
	else if (scale == SPR_SCALE_SYMLOG)
		spr_ticks_symlog(t, lo, hi, o->linthresh);
	else if (scale == SPR_SCALE_DATE)
		spr_ticks_date(t, lo, hi, o->tz);
	else
		spr_ticks_compute(t, lo, hi, nbins, log);
	/* set_major_formatter: every major label, no offset */
	if (o->format && !(o->fixed && o->labels.n)) {
		size_t i, k = 0;
		t->offset[0] = 0;
		for (i = 0; i < t->n; i++) {
			if (t->is_minor[i])
				continue; /* a log axis' labelled minor tick */
			spr_format_value(o->format, t->v[i], (int)k++,
					 t->label[i], SPR_TICK_LABEL);
			t->sup[i][0] = 0;
		}
	}
	/* minorticks_on(): AutoMinorLocator on a linear axis (a symlog
	 * axis' SymmetricalLogLocator(subs [1]) adds none) */
	if (o->minor && scale == SPR_SCALE_LINEAR)
		t->nminor =
		    spr_minor_locate(t->v, t->n, lo, hi, t->minor,
				     sizeof t->minor / sizeof *t->minor);
	else if (o->minor && scale == SPR_SCALE_DATE)
		spr_date_minor(t, lo, hi);
}

/* Axis d's data -> pixel map, p0 and p1 its low and high ends. */
static void axis_map(spr_map *m, const spr_axes_ctx *a, int d, double p0,
		     double p1)
{
	const spr_axis_opts *o = spr_axis_opts_of(a->ax, d);
	int scale = d ? a->ax->yscale : a->ax->xscale;
	double lo = d ? a->ylo : a->xlo, hi = d ? a->yhi : a->xhi;

	if (scale == SPR_SCALE_SYMLOG)
		spr_map_init_symlog(m, lo, hi, p0, p1, o->linthresh,
				    o->linscale);
	else
		spr_map_init(m, lo, hi, p0, p1, scale == SPR_SCALE_LOG);
}

void spr_axis_ticks(const spr_ctx *r, spr_axes_ctx *a)
{
	double wpt = (a->x1 - a->x0) / r->pt, hpt = (a->y1 - a->y0) / r->pt;
	int nx = spr_tick_space(wpt, a->ts[0].fs / r->pt, 1);
	int ny = spr_tick_space(hpt, a->ts[1].fs / r->pt, 0);

	nx = nx < 1 ? 1 : nx > 9 ? 9 : nx;
	ny = ny < 1 ? 1 : ny > 9 ? 9 : ny;
	axis_ticks(r, a, 0, nx);
	axis_ticks(r, a, 1, ny);
	/* an inverted axis (an image's origin) maps its low end to the far
	 * side */
	axis_map(&a->mx, a, 0, a->view.inv[0] ? a->x1 : a->x0,
		 a->view.inv[0] ? a->x0 : a->x1);
	axis_map(&a->my, a, 1, a->view.inv[1] ? a->y0 : a->y1,
		 a->view.inv[1] ? a->y1 : a->y0);
}

/* --- label geometry ---------------------------------------------------- */

enum { VA_TOP, VA_BOTTOM, VA_CENTER_BASELINE };

/* Where a label goes: its baseline origin and its (rotated) box. */
typedef struct label_place {
	double ox, oy;         /* device px */
	double x0, y0, x1, y1; /* box, device px */
} label_place;

/*
 * Text._get_layout for one line of box lb (pads included) turned rot
 * degrees, aligned ha (0 left, 0.5 centre, 1 right) and va to the anchor
 * (ax, ay). Worked in y-up coordinates with the baseline origin at 0.
 */
static label_place place(const spr_label_box *lb, double rot, double ha, int va,
			 int anchor, double ax, double ay)
{
	double c = cos(rot * M_PI / 180), s = sin(rot * M_PI / 180);
	double top = lb->asc + lb->pad_top, bot = -(lb->desc + lb->pad_bottom);
	double cx[4] = {0, 0, lb->w, lb->w}, cy[4] = {bot, top, top, bot};
	double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY;
	double ymax = -INFINITY, offx, offy;
	label_place p;

	for (int i = 0; i < 4; i++) {
		double x = cx[i] * c - cy[i] * s, y = cx[i] * s + cy[i] * c;
		xmin = fmin(xmin, x);
		xmax = fmax(xmax, x);
		ymin = fmin(ymin, y);
		ymax = fmax(ymax, y);
	}
	if (!anchor) {
		offx = xmin + ha * (xmax - xmin);
		offy = va == VA_TOP      ? ymax
		       : va == VA_BOTTOM ? ymin
					 : ymin + (ymax - ymin) - top / 2;
	} else {
		double ux = ha * lb->w;
		double uy = va == VA_TOP      ? top
			    : va == VA_BOTTOM ? bot
					      : top / 2;
		offx = ux * c - uy * s;
		offy = ux * s + uy * c;
	}
	p.ox = ax - offx;
	p.oy = ay + offy;
	p.x0 = ax - offx + xmin;
	p.x1 = ax - offx + xmax;
	p.y0 = ay + offy - ymax;
	p.y1 = ay + offy - ymin;
	return p;
}

/* The extent of one side's labels. */
typedef struct side_ext {
	double far;    /* outermost reach from the spine, px (>= 0) */
	double lo, hi; /* overhang before the axis' start, after its end */
	double edge;   /* device coordinate of that outer reach */
	int any;       /* a label was placed */
} side_ext;

/* The ctx for labels at the style's size. */
static spr_ctx label_ctx(const spr_ctx *r, const spr_tick_style *ts)
{
	spr_ctx rr = *r;

	rr.fs = ts->fs;
	return rr;
}

static double ha_frac(int ha, double def)
{
	return ha == SPR_HA_LEFT     ? 0
	       : ha == SPR_HA_RIGHT  ? 1
	       : ha == SPR_HA_CENTER ? 0.5
				     : def;
}

/*
 * The labels of axis d on side (1: bottom/left, 2: top/right), drawn when
 * draw is set; their extent into e.
 */
static void side_labels(const spr_ctx *r, const spr_axes_ctx *a, int d,
			int side, int draw, side_ext *e)
{
	const spr_tick_style *ts = &a->ts[d];
	const spr_ticks *t = d ? &a->yt : &a->xt;
	const spr_map *m = d ? &a->my : &a->mx;
	double lo = d ? a->ylo : a->xlo, hi = d ? a->yhi : a->xhi;
	spr_ctx rr = label_ctx(r, ts);
	/* matplotlib's label1/label2 alignments of each axis */
	double ha = d ? (side == 1 ? 1 : 0) : 0.5;
	int va = d ? VA_CENTER_BASELINE : side == 1 ? VA_TOP : VA_BOTTOM;

	ha = ha_frac(ts->ha, ha);
	memset(e, 0, sizeof *e);
	e->far = spr_style_gap(ts, 0);
	if (draw)
		spr_set_rgb(r->cr, ts->labelcolor, 1);
	for (size_t i = 0; i < t->n; i++) {
		spr_label_box lb;
		double pos, gap, ax, ay;
		label_place p;
		if (!spr_tick_visible(t->v[i], lo, hi, m->log))
			continue;
		lb = spr_tick_label_measure(&rr, t->label[i], t->sup[i]);
		if (d) /* y labels centre on their ascent alone */
			lb.pad_top = lb.pad_bottom = 0;
		pos = spr_map_px(m, t->v[i]);
		gap = spr_style_gap(ts, t->is_minor[i]);
		if (!d) {
			ax = pos;
			ay = side == 1 ? a->y1 + gap : a->y0 - gap;
		} else {
			ax = side == 1 ? a->x0 - gap : a->x1 + gap;
			ay = pos;
		}
		p = place(&lb, ts->rot, ha, va, ts->anchor, ax, ay);
		e->any = 1;
		if (!d) {
			e->far = fmax(e->far,
				      side == 1 ? p.y1 - a->y1 : a->y0 - p.y0);
			e->lo = fmax(e->lo, a->x0 - p.x0);
			e->hi = fmax(e->hi, p.x1 - a->x1);
		} else {
			e->far = fmax(e->far,
				      side == 1 ? a->x0 - p.x0 : p.x1 - a->x1);
			if (ts->rot == 0) { /* an end tick's label overhangs */
				e->lo = fmax(e->lo, lb.asc / 2 + lb.desc);
				e->hi = fmax(e->hi, lb.asc / 2);
			} else {
				e->lo = fmax(e->lo, p.y1 - a->y1);
				e->hi = fmax(e->hi, a->y0 - p.y0);
			}
		}
		if (!draw)
			continue;
		if (ts->rot == 0) {
			spr_tick_label_draw(&rr, t->label[i], t->sup[i], p.ox,
					    p.oy);
			continue;
		}
		cairo_save(r->cr);
		cairo_translate(r->cr, p.ox, p.oy);
		cairo_rotate(r->cr, -ts->rot * M_PI / 180);
		spr_tick_label_draw(&rr, t->label[i], t->sup[i], 0, 0);
		cairo_restore(r->cr);
	}
	if (!d)
		e->edge = side == 1 ? a->y1 + e->far : a->y0 - e->far;
	else
		e->edge = side == 1 ? a->x0 - e->far : a->x1 + e->far;
}

/* Which sides of axis d show labels (bit 0: side 1, bit 1: side 2). */
static int label_sides(const spr_axes_ctx *a, int d)
{
	int shown = d ? a->show_yt : a->show_xt;

	if (a->hide[d] || !shown)
		return 0;
	return (a->ts[d].label1 ? 1 : 0) | (a->ts[d].label2 ? 2 : 0);
}

/* The offset text's box: its side is the labels' (side 1 first). */
static spr_text_box offset_box(const spr_ctx *r, const spr_axes_ctx *a, int d)
{
	const spr_ticks *t = d ? &a->yt : &a->xt;

	return spr_text_measure(r->cr, r->font, t->offset, a->ts[d].fs);
}

/* How far marks alone reach beyond the box: bottom, left, top, right. */
static void mark_reach(const spr_axes_ctx *a, double reach[4])
{
	for (int k = 0; k < 4; k++) {
		int d = k % 2 == 0 ? 0 : 1, side = k < 2 ? 1 : 2;
		const spr_tick_style *ts = &a->ts[d];
		int on = side == 1 ? ts->tick1 : ts->tick2;
		reach[k] = a->hide[d] || !on ? 0 : out_reach(ts, 0);
	}
}

void spr_axis_measure(const spr_ctx *r, spr_axes_ctx *a, double reach[4])
{
	side_ext e;
	int sx = label_sides(a, 0), sy = label_sides(a, 1);

	mark_reach(a, reach);
	a->need_b = reach[0];
	a->need_l = reach[1];
	a->need_t = reach[2];
	a->need_r = reach[3];
	for (int side = 1; side <= 2; side++) {
		if (!(sy & side))
			continue;
		side_labels(r, a, 1, side, 0, &e);
		reach[side == 1 ? 1 : 3] = e.far;
		if (side == 1)
			a->need_l = fmax(a->need_l, e.far);
		else
			a->need_r = fmax(a->need_r, e.far);
		a->need_t = fmax(a->need_t, e.hi);
		a->need_b = fmax(a->need_b, e.lo);
	}
	for (int side = 1; side <= 2; side++) {
		double far;
		if (!(sx & side))
			continue;
		side_labels(r, a, 0, side, 0, &e);
		reach[side == 1 ? 0 : 2] = far = e.far;
		if (a->xt.offset[0] && side == ((sx & 1) ? 1 : 2)) {
			spr_text_box b = offset_box(r, a, 0);
			far += OFFSET_PAD_PT * r->pt + b.ascent + b.descent;
		}
		if (side == 1)
			a->need_b = fmax(a->need_b, far);
		else
			a->need_t = fmax(a->need_t, far);
		a->need_l = fmax(a->need_l, e.lo);
		a->need_r = fmax(a->need_r, e.hi);
	}
	if (sy && a->yt.offset[0]) {
		spr_text_box b = offset_box(r, a, 1);
		a->need_t = fmax(a->need_t, OFFSET_PAD_PT * r->pt + b.ascent);
	}
}

/* Marks at values v[0 .. n) of axis d not flagged in skip (may be NULL). */
static void marks(const spr_ctx *r, const spr_axes_ctx *a, int d, int m,
		  const double *v, const unsigned char *skip, size_t n)
{
	const spr_tick_style *ts = &a->ts[d];
	const spr_map *mp = d ? &a->my : &a->mx;
	double lo = d ? a->ylo : a->xlo, hi = d ? a->yhi : a->xhi;
	double w = ts->w[m], out = out_reach(ts, m), in = ts->len[m] - out;
	cairo_t *cr = r->cr;

	cairo_set_line_width(cr, w);
	for (size_t i = 0; i < n; i++) {
		if ((skip && skip[i]) ||
		    !spr_tick_visible(v[i], lo, hi, mp->log))
			continue;
		double p = spr_snap(spr_map_px(mp, v[i]), w);
		for (int side = 1; side <= 2; side++) {
			double s, dir;
			if (!(side == 1 ? ts->tick1 : ts->tick2))
				continue;
			/* the spine, and outwards from it */
			s = d ? (side == 1 ? a->x0 : a->x1)
			      : (side == 1 ? a->y1 : a->y0);
			dir = (side == 1) == (d == 0) ? 1 : -1;
			if (!d) {
				cairo_move_to(cr, p, spr_snap(s - dir * in, w));
				cairo_line_to(cr, p,
					      spr_snap(s + dir * out, w));
			} else {
				cairo_move_to(cr, spr_snap(s + dir * out, w),
					      p);
				cairo_line_to(cr, spr_snap(s - dir * in, w), p);
			}
		}
	}
	cairo_stroke(cr);
}

void spr_axis_draw_marks(const spr_ctx *r, const spr_axes_ctx *a)
{
	cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_BUTT);
	for (int d = 0; d < 2; d++) {
		const spr_ticks *t = d ? &a->yt : &a->xt;
		if (a->hide[d])
			continue;
		spr_set_rgb(r->cr, a->ts[d].color, 1);
		marks(r, a, d, 0, t->v, t->is_minor, t->n);
		marks(r, a, d, 1, t->minor, NULL, t->nminor);
	}
}

void spr_axis_draw_labels(const spr_ctx *r, const spr_axes_ctx *a,
			  double edge[4])
{
	side_ext e;
	int sx = label_sides(a, 0), sy = label_sides(a, 1);

	double reach[4];

	/* no labels: the axis label goes beyond the marks */
	mark_reach(a, reach);
	edge[0] = a->y1 + reach[0];
	edge[1] = a->x0 - reach[1];
	edge[2] = a->y0 - reach[2];
	edge[3] = a->x1 + reach[3];
	for (int side = 1; side <= 2; side++) {
		if (sx & side) {
			side_labels(r, a, 0, side, 1, &e);
			edge[side == 1 ? 0 : 2] = e.edge;
		}
		if (sy & side) {
			side_labels(r, a, 1, side, 1, &e);
			edge[side == 1 ? 1 : 3] = e.edge;
		}
	}
	if (sx && a->xt.offset[0]) {
		spr_text_box b = offset_box(r, a, 0);
		spr_set_rgb(r->cr, a->ts[0].labelcolor, 1);
		if (sx & 1) /* below the labels, right-aligned */
			spr_text_draw(
			    r->cr, r->font, a->xt.offset, a->ts[0].fs,
			    a->x1 - b.width,
			    edge[0] + OFFSET_PAD_PT * r->pt + b.ascent, 0);
		else
			spr_text_draw(
			    r->cr, r->font, a->xt.offset, a->ts[0].fs,
			    a->x1 - b.width,
			    edge[2] - OFFSET_PAD_PT * r->pt - b.descent, 0);
	}
	/* matplotlib: baseline OFFSET_PAD_PT above the axes, at the labels'
	 * side */
	if (sy && a->yt.offset[0]) {
		spr_text_box b = offset_box(r, a, 1);
		spr_set_rgb(r->cr, a->ts[1].labelcolor, 1);
		spr_text_draw(r->cr, r->font, a->yt.offset, a->ts[1].fs,
			      (sy & 1) ? a->x0 : a->x1 - b.width,
			      a->y0 - OFFSET_PAD_PT * r->pt, 0);
	}
}
