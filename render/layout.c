/* SPDX-License-Identifier: MIT */
/*
 * Layout: where each axes goes in the figure. matplotlib's default subplot
 * parameters, widened only where the decorations (tick labels, axis
 * labels, titles) would otherwise leave the figure or run into a
 * neighbour, which is what tight_layout is used for; and each axis' ticks,
 * which depend on its length in turn.
 */
#include "item.h"

/* matplotlib's figure.subplot.* (fractions of the figure) */
#define SUBPLOT_LEFT  0.125
#define SUBPLOT_RIGHT 0.9
#define SUBPLOT_BOT   0.11
#define SUBPLOT_TOP   0.88
#define SUBPLOT_WSP   0.2
#define SUBPLOT_HSP   0.2

/* Axes a's ticks, and its colorbar's. */
static void axes_ticks(const spr_ctx *r, spr_axes_ctx *a)
{
	spr_axis_ticks(r, a);
	spr_cbar_ticks(r, a);
}

/* How far each decoration reaches beyond the axes rectangle, in px. */
static void measure_needs(const spr_ctx *r, spr_axes_ctx *a)
{
	double reach[4];

	spr_axis_measure(r, a, reach);
	/* a twin's own label goes on the far side (top, right) */
	if (a->xlabel.lines && a->twin_kind == SPR_TWINY)
		a->need_t = fmax(a->need_t, reach[2] + LABEL_PAD_PT * r->pt +
						a->xlabel.height);
	else if (a->xlabel.lines)
		/* the offset text sits beside the label, not above it */
		a->need_b = fmax(a->need_b, reach[0] + LABEL_PAD_PT * r->pt +
						a->xlabel.height);
	if (a->ylabel.lines && a->twin_kind == SPR_TWINX)
		a->need_r = fmax(a->need_r, reach[3] + LABEL_PAD_PT * r->pt +
						a->ylabel.height);
	else if (a->ylabel.lines)
		a->need_l += LABEL_PAD_PT * r->pt + a->ylabel.height;
	/* beyond the box the axes had before its colorbar took its room */
	if (a->has_cb)
		a->need_r = fmax(a->need_r - (a->cb_right - a->x1),
				 spr_cbar_reach(r, a));
	if (a->title.lines) {
		spr_text_box b = spr_title_box(&a->title);
		double x = (a->x0 + a->x1 - b.width) / 2;
		/* above the offset text only where they would overlap */
		a->need_t =
		    fmax(a->need_t,
			 a->y0 - spr_title_baseline(r, a, &b, x) + b.ascent);
	}
	/* a legend outside the axes is kept in the figure as labels are */
	spr_legend_reach(r, a, reach);
	a->need_l = fmax(a->need_l, reach[0]);
	a->need_t = fmax(a->need_t, reach[1]);
	a->need_r = fmax(a->need_r, reach[2]);
	a->need_b = fmax(a->need_b, reach[3]);
}

/*
 * Places the grid of axes: matplotlib's default subplot parameters, widened
 * only where decorations would otherwise leave the figure or collide with a
 * neighbour (what tight_layout is used for).
 */
static void place_axes(const spr_ctx *r, spr_axes_ctx *ac, int measured)
{
	const spr_figure *fig = r->fig;
	int rows = fig->rows, cols = fig->cols, i;
	double W = r->W, H = r->H, lpad = LAYOUT_PAD_PT * r->pt;
	double mL = SUBPLOT_LEFT * W, mR = (1 - SUBPLOT_RIGHT) * W;
	double mT = (1 - SUBPLOT_TOP) * H, mB = SUBPLOT_BOT * H;
	/* the figure texts are edges the decorations keep clear of */
	double eT = r->ft.top, eB = r->ft.bottom, eL = r->ft.left;
	double availw, availh, cw, ch, gw, gh, need_gw = 0, need_gh = 0;

	if (measured) {
		for (i = 0; i < rows * cols; i++) {
			const spr_axes_ctx *a = &ac[i];
			if (a->col == 0)
				mL = fmax(mL, a->need_l + lpad + eL);
			if (a->col == cols - 1)
				mR = fmax(mR, a->need_r + lpad);
			if (a->row == 0)
				mT = fmax(mT, a->need_t + lpad + eT);
			if (a->row == rows - 1)
				mB = fmax(mB, a->need_b + lpad + eB);
			if (a->col + 1 < cols)
				need_gw =
				    fmax(need_gw,
					 a->need_r + ac[i + 1].need_l + lpad);
			if (a->row + 1 < rows)
				need_gh = fmax(need_gh,
					       a->need_b + ac[i + cols].need_t +
						   lpad);
		}
	}
	availw = W - mL - mR;
	availh = H - mT - mB;
	cw = availw / (cols + SUBPLOT_WSP * (cols - 1));
	ch = availh / (rows + SUBPLOT_HSP * (rows - 1));
	gw = fmax(SUBPLOT_WSP * cw, need_gw);
	gh = fmax(SUBPLOT_HSP * ch, need_gh);
	cw = (availw - (cols - 1) * gw) / cols;
	ch = (availh - (rows - 1) * gh) / rows;
	/* a figure too small for its labels still gets drawable axes */
	cw = fmax(cw, 1);
	ch = fmax(ch, 1);
	for (i = 0; i < rows * cols; i++) {
		spr_axes_ctx *a = &ac[i];
		a->x0 = mL + a->col * (cw + gw);
		a->x1 = a->x0 + cw;
		a->y0 = mT + a->row * (ch + gh);
		a->y1 = a->y0 + ch;
		spr_cbar_place(a);
	}
}

/*
 * Twin t in its parent's box: its ticks, and what its labels need beyond
 * the box added to the parent's (the title rises over a twiny's).
 */
static void twin_layout(const spr_ctx *r, spr_axes_ctx *ac, size_t t,
			int measure)
{
	spr_axes_ctx *a = &ac[t], *p = &ac[a->parent];

	a->x0 = p->x0;
	a->x1 = p->x1;
	a->y0 = p->y0;
	a->y1 = p->y1;
	axes_ticks(r, a);
	if (a->twin_kind == SPR_TWINX)
		p->twinx = a;
	if (!measure)
		return;
	measure_needs(r, a);
	p->need_l = fmax(p->need_l, a->need_l);
	p->need_r = fmax(p->need_r, a->need_r);
	p->need_b = fmax(p->need_b, a->need_b);
	if (a->twin_kind == SPR_TWINY)
		p->top_lift = a->need_t;
	p->need_t = fmax(p->need_t, a->need_t);
}

/* The span of axis d's view in scale space (decades on a log axis). */
static double scale_span(const spr_axes_ctx *a, int d)
{
	const spr_map *m = d ? &a->my : &a->mx;
	double lo = d ? a->ylo : a->xlo, hi = d ? a->yhi : a->xhi;
	return fabs(spr_map_scale(m, hi) - spr_map_scale(m, lo));
}

/*
 * matplotlib's apply_aspect with adjustable 'box' (an image's default
 * aspect 'equal'): the box keeps its width or its height and shrinks the
 * other so that a data unit of y is `aspect` x units long on screen,
 * centred in the room it had (anchor 'C'); beside a colorbar it keeps to
 * the bar's side (make_axes_gridspec's panchor (1.0, 0.5)) while the bar
 * keeps the whole height.
 */
static void apply_aspect(spr_axes_ctx *a)
{
	double w = a->x1 - a->x0, h = a->y1 - a->y0;
	double dx = scale_span(a, 0), dy = scale_span(a, 1);
	double ratio = a->view.aspect * dy / dx, nw = w, nh = w * ratio;

	if (!(a->view.aspect > 0) || !(ratio > 0) || !isfinite(ratio))
		return;
	if (nh > h) {
		nh = h;
		nw = h / ratio;
	}
	a->x0 += (w - nw) * (a->has_cb ? 1.0 : 0.5);
	a->x1 = a->x0 + nw;
	a->y0 += (h - nh) / 2;
	a->y1 = a->y0 + nh;
}

void spr_layout(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes, size_t ntwins)
{
	size_t i;
	int pass;

	/* texts keep their size whatever their length (matplotlib's): each
	 * is measured once here, for every pass and for drawing */
	for (i = 0; i < naxes + ntwins; i++) {
		const spr_axes *ax = ac[i].ax;
		spr_tick_style_init(r, &ac[i]);
		ac[i].title = spr_label_measure(r, ax, SPR_AXOPT_TITLE);
		ac[i].xlabel = spr_label_measure(r, ax, SPR_AXOPT_XLABEL);
		ac[i].ylabel = spr_label_measure(r, ax, SPR_AXOPT_YLABEL);
		spr_cbar_find(r, &ac[i]);
	}
	place_axes(r, ac, 0);
	/* ticks depend on axis length and the length on the tick labels:
	 * two refinement passes settle it for any realistic figure */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < naxes; i++) {
			axes_ticks(r, &ac[i]);
			measure_needs(r, &ac[i]);
		}
		for (i = naxes; i < naxes + ntwins; i++)
			twin_layout(r, ac, i, 1);
		place_axes(r, ac, 1);
	}
	/* matplotlib applies the aspect at draw time, to the laid-out box;
	 * the ticks are located on the box it leaves */
	for (i = 0; i < naxes; i++) {
		apply_aspect(&ac[i]);
		axes_ticks(r, &ac[i]);
	}
	for (i = naxes; i < naxes + ntwins; i++)
		twin_layout(r, ac, i, 0);
}
