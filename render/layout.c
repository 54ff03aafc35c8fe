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

/* The first item's fixed ticks for axis d, in place of the locator's:
 * 1 if there were any. */
static int fixed_ticks(const spr_ctx *r, spr_axes_ctx *a, int d)
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

static void compute_ticks(const spr_ctx *r, spr_axes_ctx *a)
{
	double wpt = (a->x1 - a->x0) / r->pt, hpt = (a->y1 - a->y0) / r->pt;
	int nx = spr_tick_space(wpt, FONT_PT, 1);
	int ny = spr_tick_space(hpt, FONT_PT, 0);

	nx = nx < 1 ? 1 : nx > 9 ? 9 : nx;
	ny = ny < 1 ? 1 : ny > 9 ? 9 : ny;
	if (!fixed_ticks(r, a, 0))
		spr_ticks_compute(&a->xt, a->xlo, a->xhi, nx,
				  a->ax->xscale == SPR_SCALE_LOG);
	if (!fixed_ticks(r, a, 1))
		spr_ticks_compute(&a->yt, a->ylo, a->yhi, ny,
				  a->ax->yscale == SPR_SCALE_LOG);
	spr_map_init(&a->mx, a->xlo, a->xhi, a->x0, a->x1,
		     a->ax->xscale == SPR_SCALE_LOG);
	spr_map_init(&a->my, a->ylo, a->yhi, a->y1, a->y0,
		     a->ax->yscale == SPR_SCALE_LOG);
	spr_cbar_ticks(r, a);
}

/* The y tick labels' reach: left, and above and below the end ticks. */
static void measure_yticks(const spr_ctx *r, spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt;
	double maxw = 0, yasc = 0, ydesc = 0;
	size_t i;

	for (i = 0; i < a->yt.n; i++) {
		spr_label_box lb;
		if (!spr_tick_visible(a->yt.v[i], a->ylo, a->yhi,
				      a->ax->yscale == SPR_SCALE_LOG))
			continue;
		lb = spr_tick_label_measure(r, a->yt.label[i], a->yt.sup[i]);
		maxw = fmax(maxw, spr_tick_gap(r, a->yt.is_minor[i]) - tick -
				      pad + lb.w);
		yasc = fmax(yasc, lb.asc);
		ydesc = fmax(ydesc, lb.desc);
	}
	a->need_l = tick + pad + maxw;
	/* labels centred (on their ascent) on the end ticks overhang */
	a->need_t = fmax(a->need_t, yasc / 2);
	a->need_b = fmax(a->need_b, yasc / 2 + ydesc);
}

/* The x tick labels' reach: below, and beyond the ends; returns their
 * height. */
static double measure_xticks(const spr_ctx *r, spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt;
	double maxh = 0, over_l = 0, over_r = 0;
	size_t i;

	for (i = 0; i < a->xt.n; i++) {
		spr_label_box lb;
		double px;
		if (!spr_tick_visible(a->xt.v[i], a->xlo, a->xhi,
				      a->ax->xscale == SPR_SCALE_LOG))
			continue;
		lb = spr_tick_label_measure(r, a->xt.label[i], a->xt.sup[i]);
		maxh = fmax(maxh, spr_tick_gap(r, a->xt.is_minor[i]) - tick -
				      pad + lb.pad_top + lb.asc + lb.desc +
				      lb.pad_bottom);
		px = spr_map_px(&a->mx, a->xt.v[i]);
		over_l = fmax(over_l, a->x0 - (px - lb.w / 2));
		over_r = fmax(over_r, px + lb.w / 2 - a->x1);
	}
	a->need_b = tick + pad + maxh;
	a->need_l = fmax(a->need_l, over_l);
	a->need_r = fmax(a->need_r, over_r);
	if (a->xt.offset[0]) {
		spr_text_box b =
		    spr_text_measure(r->cr, r->font, a->xt.offset, r->fs);
		a->need_b += OFFSET_PAD_PT * r->pt + b.ascent + b.descent;
	}
	return maxh;
}

/* How far each decoration reaches beyond the axes rectangle, in px. */
static void measure_needs(const spr_ctx *r, spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt;
	double maxh = 0;

	a->need_l = a->need_b = tick;
	a->need_r = a->need_t = 0;
	if (a->show_yt)
		measure_yticks(r, a);
	if (a->show_xt)
		maxh = measure_xticks(r, a);
	if (a->xlabel.lines) {
		/* the offset text sits beside the label, not above it */
		double base = tick + (a->show_xt ? pad + maxh : 0);
		a->need_b = fmax(a->need_b, base + LABEL_PAD_PT * r->pt +
						a->xlabel.height);
	}
	if (a->ylabel.lines)
		a->need_l += LABEL_PAD_PT * r->pt + a->ylabel.height;
	if (a->show_yt && a->yt.offset[0]) {
		spr_text_box b =
		    spr_text_measure(r->cr, r->font, a->yt.offset, r->fs);
		a->need_t = fmax(a->need_t, OFFSET_PAD_PT * r->pt + b.ascent);
	}
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
	double availw, availh, cw, ch, gw, gh, need_gw = 0, need_gh = 0;

	if (measured) {
		for (i = 0; i < rows * cols; i++) {
			const spr_axes_ctx *a = &ac[i];
			if (a->col == 0)
				mL = fmax(mL, a->need_l + lpad);
			if (a->col == cols - 1)
				mR = fmax(mR, a->need_r + lpad);
			if (a->row == 0)
				mT = fmax(mT, a->need_t + lpad);
			if (a->row == rows - 1)
				mB = fmax(mB, a->need_b + lpad);
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

void spr_layout(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes)
{
	size_t i;
	int pass;

	/* texts keep their size whatever their length (matplotlib's): each
	 * is measured once here, for every pass and for drawing */
	for (i = 0; i < naxes; i++) {
		const spr_axes *ax = ac[i].ax;
		ac[i].title = spr_mtext_measure(r, ax->title, TITLE_PT * r->pt);
		ac[i].xlabel = spr_mtext_measure(r, ax->xlabel, r->fs);
		ac[i].ylabel = spr_mtext_measure(r, ax->ylabel, r->fs);
		spr_cbar_find(r, &ac[i]);
	}
	place_axes(r, ac, 0);
	/* ticks depend on axis length and the length on the tick labels:
	 * two refinement passes settle it for any realistic figure */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < naxes; i++) {
			compute_ticks(r, &ac[i]);
			measure_needs(r, &ac[i]);
		}
		place_axes(r, ac, 1);
	}
	for (i = 0; i < naxes; i++)
		compute_ticks(r, &ac[i]);
}
