/* SPDX-License-Identifier: MIT */
/*
 * Stroking lines with cairo: long polylines cut into chunks (cairo's
 * stroke is superlinear in the path length), dash phase carried across
 * the cuts, caps that do not change where a line is cut, translucent lines
 * grouped so that the chunks' overlaps do not show, and clipping in double
 * precision before anything reaches cairo's 24.8 fixed point.
 */
#include "draw.h"

#include <stdlib.h>

/* Queues the square cap beyond (x, y) in the unit direction (dx, dy). */
static void stroker_cap(spr_stroker *s, double x, double y, double dx,
			double dy)
{
	double h = s->lw / 2, nx = -dy * h, ny = dx * h, *q;

	if (s->ncaps == s->capcap) {
		size_t n = s->capcap ? 2 * s->capcap : 64;
		double *c = realloc(s->caps, n * 8 * sizeof *c);
		if (!c)
			return; /* the round cap stays: a little less ink */
		s->caps = c;
		s->capcap = n;
	}
	q = s->caps + 8 * s->ncaps++;
	q[0] = x + nx;
	q[1] = y + ny;
	q[2] = x + nx + dx * h;
	q[3] = y + ny + dy * h;
	q[4] = x - nx + dx * h;
	q[5] = y - ny + dy * h;
	q[6] = x - nx;
	q[7] = y - ny;
}

/* The subpath ends: its caps (cairo's rule for a degenerate subpath: an
 * axis-aligned square). */
static void stroker_end_subpath(spr_stroker *s)
{
	if (!s->sqcaps || !s->drawn)
		return;
	if (s->fdx == 0 && s->fdy == 0) {
		stroker_cap(s, s->sx, s->sy, -1, 0);
		stroker_cap(s, s->sx, s->sy, 1, 0);
	} else {
		stroker_cap(s, s->sx, s->sy, -s->fdx, -s->fdy);
		stroker_cap(s, s->cx, s->cy, s->ldx, s->ldy);
	}
	s->drawn = 0;
}

static void stroker_fill_caps(spr_stroker *s)
{
	size_t i;

	for (i = 0; i < s->ncaps; i++) {
		const double *q = s->caps + 8 * i;
		cairo_move_to(s->cr, q[0], q[1]);
		cairo_line_to(s->cr, q[2], q[3]);
		cairo_line_to(s->cr, q[4], q[5]);
		cairo_line_to(s->cr, q[6], q[7]);
		cairo_close_path(s->cr);
	}
	if (s->ncaps)
		cairo_fill(s->cr);
	s->ncaps = 0;
}

/* A flush inside the line: the strokes that follow must not overlap it. */
static void stroker_begin_group(spr_stroker *s)
{
	cairo_path_t *path;

	if (s->grouped || s->alpha >= 1)
		return;
	/* the pending path is re-added after the push, converted for the
	 * group surface (whose origin is the clip's, a whole pixel) */
	path = cairo_copy_path(s->cr);
	cairo_new_path(s->cr);
	cairo_push_group(s->cr);
	spr_set_rgb(s->cr, s->color, 1);
	cairo_append_path(s->cr, path);
	cairo_path_destroy(path);
	s->grouped = 1;
}

/*
 * A line stroked in one piece takes cairo's square caps; once it needs
 * several, its pieces take round caps, which at a seam add up to the round
 * join the line has there (butt caps for an aligned line, see above: they
 * add nothing to its one-segment overlap, where round caps would), and the
 * square caps of its ends are filled.
 */
static void stroker_flush(spr_stroker *s, int more)
{
	if (s->sqcaps) {
		s->seamed |= more;
		cairo_set_line_cap(s->cr, !s->seamed   ? CAIRO_LINE_CAP_SQUARE
					  : s->aligned ? CAIRO_LINE_CAP_BUTT
						       : CAIRO_LINE_CAP_ROUND);
	}
	if (s->nvert > 1) {
		if (more)
			stroker_begin_group(s);
		cairo_stroke(s->cr);
	} else {
		cairo_new_path(s->cr);
	}
	if (s->seamed)
		stroker_fill_caps(s);
	s->ncaps = 0;
	s->nvert = 0;
}

/* Ends the line: the last chunk, then the group if there is one. */
void spr_stroker_end(spr_stroker *s)
{
	stroker_end_subpath(s);
	stroker_flush(s, 0);
	if (s->grouped) {
		cairo_pop_group_to_source(s->cr);
		cairo_paint_with_alpha(s->cr, s->alpha);
		spr_set_rgb(s->cr, s->color, s->alpha);
		s->grouped = 0;
	}
}

/* How many chunks an aligned line may grow to before it is cut anyway. */
#define SEAM_SLACK 64

void spr_stroker_move(spr_stroker *s, double x, double y)
{
	stroker_end_subpath(s);
	/* the dash offset applies to the whole pending path: a dashed path
	 * that continues a chunk (non-zero phase) is stroked before a new
	 * subpath restarts the pattern */
	if (s->nvert >= (s->aligned ? SEAM_SLACK * s->chunk : s->chunk) ||
	    (s->ndash && s->dashphase != s->dash0))
		stroker_flush(s, 1);
	s->dashlen = s->dash0;
	if (s->ndash && s->dashphase != s->dash0) {
		cairo_set_dash(s->cr, s->dash, s->ndash, s->dash0);
		s->dashphase = s->dash0;
	}
	cairo_move_to(s->cr, x, y);
	s->nvert++;
	s->pen = 1;
	s->hasb = 0;
	s->cx = s->sx = x;
	s->cy = s->sy = y;
	s->fdx = s->fdy = 0;
}

/* Device coordinate -> cairo's 24.8 fixed point (identity matrix): round
 * to nearest, ties to even, as _cairo_fixed_from_double does. */
static inline long fixed_of(double v)
{
	return lrint(v * 256);
}

/*
 * Whether the segment from the vertex before the current point to it has
 * a length in cairo's fixed point (cairo drops one that has none, and the
 * join at the current point would then not be in the next chunk).
 */
static int stroker_can_overlap(const spr_stroker *s)
{
	return s->hasb && (fixed_of(s->bx) != fixed_of(s->cx) ||
			   fixed_of(s->by) != fixed_of(s->cy));
}

/* Cuts the line after the current point, restarting one segment back. */
void spr_stroker_seam(spr_stroker *s)
{
	stroker_flush(s, 1);
	if (stroker_can_overlap(s)) {
		cairo_move_to(s->cr, s->bx, s->by);
		cairo_line_to(s->cr, s->cx, s->cy);
		s->nvert = 2;
	} else {
		cairo_move_to(s->cr, s->cx, s->cy);
		s->nvert = 1;
	}
}

void spr_stroker_line(spr_stroker *s, double x, double y)
{
	if (s->aligned) {
		/* cut by the pipe; this is a backstop for a line whose
		 * columns hold far more than a chunk (a run of points that
		 * cairo merges into one is waited out, within reason) */
		size_t lim = SEAM_SLACK * s->chunk;
		if (s->nvert >= lim &&
		    (stroker_can_overlap(s) || s->nvert >= 2 * lim))
			spr_stroker_seam(s);
	} else if (s->nvert >= s->chunk) {
		/* restart at the current point, dash phase carried over */
		stroker_flush(s, 1);
		if (s->ndash) {
			cairo_set_dash(s->cr, s->dash, s->ndash, s->dashlen);
			s->dashphase = s->dashlen;
		}
		cairo_move_to(s->cr, s->cx, s->cy);
		s->nvert = 1;
	}
	cairo_line_to(s->cr, x, y);
	s->nvert++;
	s->bx = s->cx;
	s->by = s->cy;
	s->hasb = 1;
	if (s->ndash) /* only dashes need the length */
		s->dashlen += hypot(x - s->cx, y - s->cy);
	if (s->sqcaps) {
		double dx = x - s->cx, dy = y - s->cy, d = hypot(dx, dy);
		s->drawn = 1;
		if (d > 0) {
			s->ldx = dx / d;
			s->ldy = dy / d;
			if (s->fdx == 0 && s->fdy == 0) {
				s->fdx = s->ldx;
				s->fdy = s->ldy;
			}
		}
	}
	s->cx = x;
	s->cy = y;
}

void spr_stroke_style(const spr_ctx *r, double width_pt, int style,
		      spr_stroker *s)
{
	spr_stroke_dashes(r, width_pt, style, NULL, 0, s);
}

void spr_stroke_dashes(const spr_ctx *r, double width_pt, int style,
		       const spr_array *dashes, double offset, spr_stroker *s)
{
	/* matplotlib dash patterns in units of the line width */
	static const double dashed[] = {3.7, 1.6};
	static const double dotted[] = {1, 1.65};
	static const double dashdot[] = {6.4, 1.6, 1, 1.6};
	const double *pat = NULL;
	double lw = width_pt * r->pt;
	int n = 0, i;

	cairo_set_line_width(r->cr, lw);
	cairo_set_line_join(r->cr, CAIRO_LINE_JOIN_ROUND);
	switch (style) {
	case SPR_LS_DASHED:
		pat = dashed;
		n = 2;
		break;
	case SPR_LS_DOTTED:
		pat = dotted;
		n = 2;
		break;
	case SPR_LS_DASHDOT:
		pat = dashdot;
		n = 4;
		break;
	default:
		break;
	}
	if (dashes && dashes->n && style != SPR_LS_NONE) {
		pat = dashes->v;
		n = dashes->n < SPR_MAX_DASHES ? (int)dashes->n
					       : SPR_MAX_DASHES;
	}
	/* solid lines project (matplotlib 'projecting', see stroker_flush);
	 * dashes are butt */
	cairo_set_line_cap(r->cr,
			   n ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_SQUARE);
	s->sqcaps = !n;
	s->lw = lw;
	s->ndash = n;
	for (i = 0; i < n; i++)
		s->dash[i] = fmax(pat[i] * width_pt, 0.01) * r->pt;
	/* the offset scales with the width too (matplotlib's _scale_dashes) */
	s->dash0 = n ? offset * width_pt * r->pt : 0;
	s->dashphase = s->dashlen = s->dash0;
	if (n)
		cairo_set_dash(r->cr, s->dash, n, s->dash0);
	else
		cairo_set_dash(r->cr, NULL, 0, 0);
}
