/* SPDX-License-Identifier: MIT */
/*
 * The axes' decorations: grid lines under the data, then spines and tick
 * marks over it, tick labels with their offset texts, axis labels and the
 * title (matplotlib's rc defaults, snapped to pixels as its Agg backend
 * snaps them).
 */
#include "axis_opts.h"
#include "draw.h"

#define SPINE_W_PT 0.8
#define GRID_W_PT  0.8

static void hline(cairo_t *cr, double x0, double x1, double y, double lw)
{
	y = spr_snap(y, lw);
	cairo_move_to(cr, spr_snap(x0, lw), y);
	cairo_line_to(cr, spr_snap(x1, lw), y);
}

static void vline(cairo_t *cr, double x, double y0, double y1, double lw)
{
	x = spr_snap(x, lw);
	cairo_move_to(cr, x, spr_snap(y0, lw));
	cairo_line_to(cr, x, spr_snap(y1, lw));
}

void spr_draw_grid(const spr_ctx *r, const spr_axes_ctx *a)
{
	double lw = GRID_W_PT * r->pt;
	size_t i;

	if (!a->ax->grid)
		return;
	cairo_set_line_width(r->cr, lw);
	cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_SQUARE);
	spr_set_rgb(r->cr, 0xb0b0b0, 1);
	for (i = 0; i < a->xt.n; i++)
		if (!a->xt.is_minor[i] &&
		    spr_tick_visible(a->xt.v[i], a->xlo, a->xhi, a->mx.log))
			vline(r->cr, spr_map_px(&a->mx, a->xt.v[i]), a->y0,
			      a->y1, lw);
	for (i = 0; i < a->yt.n; i++)
		if (!a->yt.is_minor[i] &&
		    spr_tick_visible(a->yt.v[i], a->ylo, a->yhi, a->my.log))
			hline(r->cr, a->x0, a->x1,
			      spr_map_px(&a->my, a->yt.v[i]), lw);
	cairo_stroke(r->cr);
}

void spr_draw_axes_face(const spr_ctx *r, const spr_axes_ctx *a)
{
	double lw = SPINE_W_PT * r->pt;
	uint32_t face = spr_axes_face(a->ax);

	if (spr_axes_face_clear(r->fig, a->ax))
		return;
	/* white on the default white figure would change no pixel */
	if (face == spr_fig_facecolor(r->fig))
		return;
	spr_set_rgb(r->cr, face, 1);
	/* the patch is snapped as the spines over its edges are */
	cairo_rectangle(r->cr, spr_snap(a->x0, lw), spr_snap(a->y0, lw),
			spr_snap(a->x1, lw) - spr_snap(a->x0, lw),
			spr_snap(a->y1, lw) - spr_snap(a->y0, lw));
	cairo_fill(r->cr);
}

/* Whether all four spines are shown (ax.spines[...].set_visible). */
static int all_spines(const spr_axes_ctx *a)
{
	const spr_axis_opts *ox = spr_axis_opts_of(a->ax, 0);
	const spr_axis_opts *oy = spr_axis_opts_of(a->ax, 1);
	return ox->spine1 && ox->spine2 && oy->spine1 && oy->spine2;
}

static void spine(cairo_t *cr, int shown, double xa, double ya, double xb,
		  double yb)
{
	if (!shown)
		return;
	cairo_move_to(cr, xa, ya);
	cairo_line_to(cr, xb, yb);
}

void spr_draw_frame(const spr_ctx *r, const spr_axes_ctx *a)
{
	cairo_t *cr = r->cr;
	double lw = SPINE_W_PT * r->pt;

	spr_set_rgb(cr, 0, 1);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_line_width(cr, lw);
	if (all_spines(a)) {
		cairo_rectangle(cr, spr_snap(a->x0, lw), spr_snap(a->y0, lw),
				spr_snap(a->x1, lw) - spr_snap(a->x0, lw),
				spr_snap(a->y1, lw) - spr_snap(a->y0, lw));
	} else {
		/* matplotlib's spines are lines with projecting caps: the
		 * rectangle's pixels where they meet */
		double x0 = spr_snap(a->x0, lw), x1 = spr_snap(a->x1, lw);
		double y0 = spr_snap(a->y0, lw), y1 = spr_snap(a->y1, lw);
		const spr_axis_opts *ox = spr_axis_opts_of(a->ax, 0);
		const spr_axis_opts *oy = spr_axis_opts_of(a->ax, 1);
		/* y0 is the top of the box, y1 its bottom */
		spine(cr, ox->spine1, x0, y1, x1, y1);
		spine(cr, ox->spine2, x0, y0, x1, y0);
		spine(cr, oy->spine1, x0, y0, x0, y1);
		spine(cr, oy->spine2, x1, y0, x1, y1);
	}
	cairo_stroke(cr);
	spr_axis_draw_marks(r, a);
}

/* The top of y offset text of o (axes a's own on the left, or its twinx's
 * on the right) if the title's box (x, baseline base) meets it, else
 * +inf. */
static double offset_top(const spr_ctx *r, const spr_axes_ctx *o,
			 const spr_text_box *tb, double x, double base)
{
	spr_text_box ob;
	double obot, otop, ox;

	if (!o || !o->show_yt || !o->yt.offset[0])
		return INFINITY;
	ob = spr_text_measure(r->cr, r->font, o->yt.offset, o->ts[1].fs);
	obot = o->y0 - OFFSET_PAD_PT * r->pt + ob.descent;
	otop = obot - ob.descent - ob.ascent;
	ox = o->twin_kind == SPR_TWINX ? o->x1 - ob.width : o->x0;
	/* Bbox.intersection: the boxes share a point */
	if (fmax(x, ox) <= fmin(x + tb->width, ox + ob.width) &&
	    fmax(base - tb->ascent, otop) <= fmin(base + tb->descent, obot))
		return otop;
	return INFINITY;
}

double spr_title_baseline(const spr_ctx *r, const spr_axes_ctx *a,
			  const spr_text_box *tb, double x)
{
	double base = a->y0 - a->top_lift - TITLE_PAD_PT * r->pt;
	double top;

	if (a->top_lift > 0)
		return base;
	/* matplotlib's _update_title_position looks at the offset texts of
	 * the axes and its twins: the title's position (its baseline less
	 * the pad) goes to the top of one it would overlap */
	top = fmin(offset_top(r, a, tb, x, base),
		   offset_top(r, a->twinx, tb, x, base));
	return isfinite(top) ? top - TITLE_PAD_PT * r->pt : base;
}

spr_text_box spr_title_box(const spr_mtext *m)
{
	spr_text_box b = {m->width, m->height - m->descent, m->descent};

	return b;
}

/*
 * The x label below xlab_top, the title (spr_title_baseline) and the y label
 * left of ylab_right, each centred on the axes as matplotlib centres them,
 * however long: the figure's edge clips what does not fit. Lines are
 * centred on each other; a title grows upwards from its last baseline, an
 * x label down from its top, a y label left from its last line's bottom.
 */
static void draw_axis_labels(const spr_ctx *r, spr_axes_ctx *a,
			     const double edge[4])
{
	double cx = (a->x0 + a->x1) / 2, pad = LABEL_PAD_PT * r->pt;
	double xlab_top = edge[0], ylab_right = edge[1];

	/* a twin's own label on the far side: above the top labels, or
	 * right of the right ones reading upwards (matplotlib's 90 degrees) */
	if (a->xlabel.lines && a->twin_kind == SPR_TWINY)
		spr_mtext_draw(r, &a->xlabel, cx,
			       edge[2] - pad - a->xlabel.height, 0.5, 0);
	else if (a->xlabel.lines)
		spr_mtext_draw(r, &a->xlabel, cx, xlab_top + pad, 0.5, 0);
	if (a->title.lines) {
		spr_text_box b = spr_title_box(&a->title);
		double x = cx - b.width / 2;
		double top = spr_title_baseline(r, a, &b, x) - b.ascent;
		spr_mtext_draw(r, &a->title, cx, top, 0.5, 0);
		a->title_box[0] = x;
		a->title_box[1] = top;
		a->title_box[2] = b.width;
		a->title_box[3] = a->title.height;
	}
	/* rotated: the box's top is its left edge, its runs go up */
	if (a->ylabel.lines && a->twin_kind == SPR_TWINX)
		spr_mtext_draw(r, &a->ylabel, edge[3] + pad,
			       (a->y0 + a->y1) / 2, 0.5, M_PI / 2);
	else if (a->ylabel.lines)
		spr_mtext_draw(r, &a->ylabel,
			       ylab_right - pad - a->ylabel.height,
			       (a->y0 + a->y1) / 2, 0.5, M_PI / 2);
}

void spr_draw_labels(const spr_ctx *r, spr_axes_ctx *a)
{
	double edge[4];

	spr_axis_draw_labels(r, a, edge);
	spr_set_rgb(r->cr, 0, 1);
	draw_axis_labels(r, a, edge);
}
