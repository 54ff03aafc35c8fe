/* SPDX-License-Identifier: MIT */
/*
 * The axes' decorations: grid lines under the data, then spines and tick
 * marks over it, tick labels with their offset texts, axis labels and the
 * title (matplotlib's rc defaults, snapped to pixels as its Agg backend
 * snaps them).
 */
#include "draw.h"

#define TICK_W_PT  0.8
#define MINOR_W_PT 0.6
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

/* Tick marks len px long and w px wide at xv[0 .. nx) below the axes and
 * at yv[0 .. ny) left of it, those in view and not flagged in xm, ym
 * (labelled minor ticks among the major ones; NULL: none). */
static void tick_marks(cairo_t *cr, const spr_axes_ctx *a, const double *xv,
		       const unsigned char *xm, size_t nx, const double *yv,
		       const unsigned char *ym, size_t ny, double len, double w)
{
	size_t i;

	cairo_set_line_width(cr, w);
	for (i = 0; i < nx; i++)
		if (!(xm && xm[i]) &&
		    spr_tick_visible(xv[i], a->xlo, a->xhi, a->mx.log))
			vline(cr, spr_map_px(&a->mx, xv[i]), a->y1, a->y1 + len,
			      w);
	for (i = 0; i < ny; i++)
		if (!(ym && ym[i]) &&
		    spr_tick_visible(yv[i], a->ylo, a->yhi, a->my.log))
			hline(cr, a->x0 - len, a->x0, spr_map_px(&a->my, yv[i]),
			      w);
	cairo_stroke(cr);
}

void spr_draw_frame(const spr_ctx *r, const spr_axes_ctx *a)
{
	cairo_t *cr = r->cr;
	double lw = SPINE_W_PT * r->pt;

	spr_set_rgb(cr, 0, 1);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_line_width(cr, lw);
	cairo_rectangle(cr, spr_snap(a->x0, lw), spr_snap(a->y0, lw),
			spr_snap(a->x1, lw) - spr_snap(a->x0, lw),
			spr_snap(a->y1, lw) - spr_snap(a->y0, lw));
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	tick_marks(cr, a, a->xt.v, a->xt.is_minor, a->xt.n, a->yt.v,
		   a->yt.is_minor, a->yt.n, TICK_LEN_PT * r->pt,
		   TICK_W_PT * r->pt);
	tick_marks(cr, a, a->xt.minor, NULL, a->xt.nminor, a->yt.minor, NULL,
		   a->yt.nminor, MINOR_LEN_PT * r->pt, MINOR_W_PT * r->pt);
}

/* The x tick labels and offset text; returns the lowest row they take. */
static double draw_xtick_labels(const spr_ctx *r, const spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt;
	double maxh = 0, top, gap;
	size_t i;

	for (i = 0; i < a->xt.n; i++) {
		spr_label_box lb;
		double px;
		if (!spr_tick_visible(a->xt.v[i], a->xlo, a->xhi, a->mx.log))
			continue;
		lb = spr_tick_label_measure(r, a->xt.label[i], a->xt.sup[i]);
		px = spr_map_px(&a->mx, a->xt.v[i]);
		gap = spr_tick_gap(r, a->xt.is_minor[i]);
		spr_tick_label_draw(r, a->xt.label[i], a->xt.sup[i],
				    px - lb.w / 2,
				    a->y1 + gap + lb.pad_top + lb.asc);
		maxh = fmax(maxh, gap - tick - pad + lb.pad_top + lb.asc +
				      lb.desc + lb.pad_bottom);
	}
	top = a->y1 + tick + pad + maxh;
	if (a->xt.offset[0]) {
		spr_text_box b =
		    spr_text_measure(r->cr, r->font, a->xt.offset, r->fs);
		spr_text_draw(r->cr, r->font, a->xt.offset, r->fs,
			      a->x1 - b.width,
			      top + OFFSET_PAD_PT * r->pt + b.ascent, 0);
	}
	return top;
}

/*
 * The y tick labels and offset text: *right gets the leftmost column they
 * take.
 */
static void draw_ytick_labels(const spr_ctx *r, const spr_axes_ctx *a,
			      double *right)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt;
	double maxw = 0, gap;
	size_t i;

	for (i = 0; i < a->yt.n; i++) {
		spr_label_box lb;
		double py;
		if (!spr_tick_visible(a->yt.v[i], a->ylo, a->yhi, a->my.log))
			continue;
		lb = spr_tick_label_measure(r, a->yt.label[i], a->yt.sup[i]);
		py = spr_map_px(&a->my, a->yt.v[i]);
		gap = spr_tick_gap(r, a->yt.is_minor[i]);
		/* matplotlib's 'center_baseline' alignment */
		spr_tick_label_draw(r, a->yt.label[i], a->yt.sup[i],
				    a->x0 - gap - lb.w, py + lb.asc / 2);
		maxw = fmax(maxw, gap - tick - pad + lb.w);
	}
	*right = a->x0 - tick - pad - maxw;
	/* matplotlib: baseline OFFSET_PAD_PT above the axes */
	if (a->yt.offset[0])
		spr_text_draw(r->cr, r->font, a->yt.offset, r->fs, a->x0,
			      a->y0 - OFFSET_PAD_PT * r->pt, 0);
}

double spr_title_baseline(const spr_ctx *r, const spr_axes_ctx *a,
			  const spr_text_box *tb, double x)
{
	double base = a->y0 - TITLE_PAD_PT * r->pt;
	spr_text_box ob;
	double obot, otop;

	if (!a->show_yt || !a->yt.offset[0])
		return base;
	ob = spr_text_measure(r->cr, r->font, a->yt.offset, r->fs);
	obot = a->y0 - OFFSET_PAD_PT * r->pt + ob.descent;
	otop = obot - ob.descent - ob.ascent;
	/* Bbox.intersection: the boxes share a point; then the title's
	 * position (its baseline less the pad) goes to the offset's top */
	if (fmax(x, a->x0) <= fmin(x + tb->width, a->x0 + ob.width) &&
	    fmax(base - tb->ascent, otop) <= fmin(base + tb->descent, obot))
		return otop - TITLE_PAD_PT * r->pt;
	return base;
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
static void draw_axis_labels(const spr_ctx *r, spr_axes_ctx *a, double xlab_top,
			     double ylab_right)
{
	double cx = (a->x0 + a->x1) / 2, pad = LABEL_PAD_PT * r->pt;

	if (a->xlabel.lines)
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
	if (a->ylabel.lines)
		spr_mtext_draw(r, &a->ylabel,
			       ylab_right - pad - a->ylabel.height,
			       (a->y0 + a->y1) / 2, 0.5, M_PI / 2);
}

void spr_draw_labels(const spr_ctx *r, spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt;
	double xlab_top = a->y1 + tick, ylab_right = a->x0 - tick;

	spr_set_rgb(r->cr, 0, 1);
	if (a->show_xt)
		xlab_top = draw_xtick_labels(r, a);
	if (a->show_yt)
		draw_ytick_labels(r, a, &ylab_right);
	draw_axis_labels(r, a, xlab_top, ylab_right);
}
