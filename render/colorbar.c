/* SPDX-License-Identifier: MIT */
/*
 * The colorbar (colorbar.h): matplotlib 3.6's default geometry, ticks by
 * the axes' own locator on its long axis, cells as its pcolormesh draws
 * them (antialiased off: a px takes the cell holding its centre), the
 * outline as a spine, tick labels and the label on the right.
 */
#include "item.h"

/* matplotlib's colorbar defaults (make_axes_gridspec) */
#define CB_FRACTION 0.15
#define CB_PAD      0.05
#define CB_ASPECT   20.0
#define CB_LINE_PT  0.8 /* the outline, axes.linewidth */
#define TICK_W_PT   0.8
#define MINOR_W_PT  0.6

void spr_cbar_find(const spr_ctx *r, spr_axes_ctx *a)
{
	a->has_cb = 0;
	for (size_t i = 0; i < a->ax->nitems && !a->has_cb; i++) {
		const spr_item *it = &a->ax->items[i];
		if (it->kind->colorbar &&
		    it->kind->colorbar(it->p, r->series, &a->cb))
			a->has_cb = 1;
	}
	if (a->has_cb)
		a->cb_label = spr_mtext_measure_weight(
		    r, a->cb.label, r->sz.label, r->sz.label_w);
}

void spr_cbar_place(spr_axes_ctx *a)
{
	double w = a->x1 - a->x0, h = a->y1 - a->y0;

	if (!a->has_cb)
		return;
	a->cb_right = a->x1;
	/* the parent keeps 1 - fraction - pad of the width; the slot starts
	 * after the pad; the bar is 1/aspect of its (shrink 1) height wide,
	 * at the slot's left (anchor (0, 0.5)) */
	a->x1 = a->x0 + (1 - CB_FRACTION - CB_PAD) * w;
	a->cb_box[0] = a->x0 + (1 - CB_FRACTION) * w;
	a->cb_box[2] = a->cb_box[0] + h / CB_ASPECT;
	a->cb_box[1] = a->y0;
	a->cb_box[3] = a->y1;
}

void spr_cbar_ticks(const spr_ctx *r, spr_axes_ctx *a)
{
	int n;

	if (!a->has_cb)
		return;
	n = spr_tick_space((a->cb_box[3] - a->cb_box[1]) / r->pt,
			   r->sz.ytick / r->pt, 0);
	n = n < 1 ? 1 : n > 9 ? 9 : n;
	spr_ticks_compute(&a->cbt, a->cb.norm.vmin, a->cb.norm.vmax, n,
			  a->cb.norm.log);
	spr_map_init(&a->cbm, a->cb.norm.vmin, a->cb.norm.vmax, a->cb_box[3],
		     a->cb_box[1], a->cb.norm.log);
}

/* The widest visible tick label's reach beyond the tick marks. */
static double labels_width(const spr_ctx *r, const spr_axes_ctx *a)
{
	double tick = TICK_LEN_PT * r->pt, pad = TICK_PAD_PT * r->pt, w = 0;

	for (size_t i = 0; i < a->cbt.n; i++) {
		spr_label_box lb;
		if (!spr_tick_visible(a->cbt.v[i], a->cb.norm.vmin,
				      a->cb.norm.vmax, a->cb.norm.log))
			continue;
		lb = spr_tick_label_measure(r, a->cbt.label[i], a->cbt.sup[i]);
		w = fmax(w, spr_tick_gap(r, a->cbt.is_minor[i]) - tick - pad +
				lb.w);
	}
	return w;
}

double spr_cbar_reach(const spr_ctx *r, const spr_axes_ctx *a)
{
	double x = a->cb_box[2] + (TICK_LEN_PT + TICK_PAD_PT) * r->pt +
		   labels_width(r, a);

	if (a->cb_label.lines)
		x += LABEL_PAD_PT * r->pt + a->cb_label.height;
	return x - a->cb_right;
}

/* The colour index of px row j of the bar. */
static int cell_of(const spr_cmap *cm, const double *b, int j)
{
	double f = (b[3] - (j + 0.5)) / (b[3] - b[1]);
	int k = (int)floor(f * cm->n);

	return k < 0 ? 0 : k >= cm->n ? cm->n - 1 : k;
}

/* The cells: px row j takes the cell holding its centre. Rows of one
 * colour are one rectangle: the same pixels, and no seams between rows
 * where a PDF or SVG viewer anti-aliases each rectangle. */
static void cells(const spr_ctx *r, const spr_axes_ctx *a)
{
	const double *b = a->cb_box;
	spr_cmap cm;
	/* a px at least half covered (Agg's aliased fill: a box edge at a
	 * half pixel, 400.5, still takes row 400) */
	int c0 = (int)ceil(b[0] - 0.5), c1 = (int)floor(b[2] - 0.5) + 1;
	int j0 = (int)ceil(b[1] - 0.5), j1 = (int)floor(b[3] - 0.5) + 1;

	spr_cmap_load(&cm, a->cb.cmap);
	cairo_save(r->cr);
	cairo_set_antialias(r->cr, CAIRO_ANTIALIAS_NONE);
	for (int j = j0, e; j < j1; j = e) {
		int k = cell_of(&cm, b, j);
		for (e = j + 1; e < j1 && cell_of(&cm, b, e) == k; e++)
			;
		spr_set_rgb(r->cr, spr_cmap_rgb(&cm, k), a->cb.alpha);
		cairo_rectangle(r->cr, c0, j, c1 - c0, e - j);
		cairo_fill(r->cr);
	}
	cairo_restore(r->cr);
}

/* Tick marks of length len, width w, right of the bar at v[0 .. n). */
static void marks(cairo_t *cr, const spr_axes_ctx *a, const double *v,
		  const unsigned char *skip, size_t n, double len, double w)
{
	double x = a->cb_box[2];

	cairo_set_line_width(cr, w);
	for (size_t i = 0; i < n; i++) {
		double y;
		if ((skip && skip[i]) ||
		    !spr_tick_visible(v[i], a->cb.norm.vmin, a->cb.norm.vmax,
				      a->cb.norm.log))
			continue;
		y = spr_snap(spr_map_px(&a->cbm, v[i]), w);
		cairo_move_to(cr, spr_snap(x, w), y);
		cairo_line_to(cr, spr_snap(x + len, w), y);
	}
	cairo_stroke(cr);
}

static void outline(const spr_ctx *r, const spr_axes_ctx *a)
{
	cairo_t *cr = r->cr;
	double lw = CB_LINE_PT * r->pt, x0 = spr_snap(a->cb_box[0], lw),
	       y0 = spr_snap(a->cb_box[1], lw);

	spr_set_rgb(cr, 0, 1);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_set_line_width(cr, lw);
	cairo_rectangle(cr, x0, y0, spr_snap(a->cb_box[2], lw) - x0,
			spr_snap(a->cb_box[3], lw) - y0);
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	marks(cr, a, a->cbt.v, a->cbt.is_minor, a->cbt.n, TICK_LEN_PT * r->pt,
	      TICK_W_PT * r->pt);
	marks(cr, a, a->cbt.minor, NULL, a->cbt.nminor, MINOR_LEN_PT * r->pt,
	      MINOR_W_PT * r->pt);
}

void spr_cbar_draw(const spr_ctx *r, const spr_axes_ctx *a)
{
	double x = a->cb_box[2], w;

	if (!a->has_cb)
		return;
	cells(r, a);
	outline(r, a);
	for (size_t i = 0; i < a->cbt.n; i++) {
		if (!spr_tick_visible(a->cbt.v[i], a->cb.norm.vmin,
				      a->cb.norm.vmax, a->cb.norm.log))
			continue;
		/* left-aligned, matplotlib's 'center_baseline' */
		spr_label_box lb =
		    spr_tick_label_measure(r, a->cbt.label[i], a->cbt.sup[i]);
		spr_tick_label_draw(r, a->cbt.label[i], a->cbt.sup[i],
				    x + spr_tick_gap(r, a->cbt.is_minor[i]),
				    spr_map_px(&a->cbm, a->cbt.v[i]) +
					lb.asc / 2);
	}
	if (a->cbt.offset[0])
		spr_text_draw(r->cr, r->font, a->cbt.offset, r->fs,
			      a->cb_box[0],
			      a->cb_box[1] - OFFSET_PAD_PT * r->pt, 0);
	w = labels_width(r, a);
	if (a->cb_label.lines)
		spr_mtext_draw(r, &a->cb_label,
			       x + (TICK_LEN_PT + TICK_PAD_PT) * r->pt + w +
				   LABEL_PAD_PT * r->pt,
			       (a->cb_box[1] + a->cb_box[3]) / 2, 0.5,
			       M_PI / 2);
}
