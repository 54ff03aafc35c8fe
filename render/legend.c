/* SPDX-License-Identifier: MIT */
/*
 * The legend: matplotlib's frame, rows and 'best' placement, which counts
 * the cells of an occupancy grid over the axes that the data passes
 * through (items mark it while they draw) under each candidate position.
 */
#include "item.h"

#include <stdlib.h>
#include <string.h>

/* Legend occupancy grid cell, in pixels. */
#define OCC_CELL 4.0

/* Legend geometry in units of the font size (matplotlib rc defaults). */
#define LEG_BORDERPAD    0.4
#define LEG_LABELSPACE   0.5
#define LEG_HANDLELEN    2.0
#define LEG_HANDLEPAD    0.8
#define LEG_HANDLEHEIGHT 0.7
#define LEG_AXESPAD      0.5
#define LEG_ROUND        0.2
#define LEG_MAX_ENTRIES  4096

void spr_occ_begin(spr_axes_ctx *a)
{
	double w = a->x1 - a->x0, h = a->y1 - a->y0;

	/* the legend grid is an estimate: failing to get it only disables
	 * 'best' placement, so it is not an error */
	a->occ_w = (int)ceil(w / OCC_CELL) + 1;
	a->occ_h = (int)ceil(h / OCC_CELL) + 1;
	if (a->ax->legend == SPR_LEG_BEST)
		a->occ = spr_callocn((size_t)a->occ_w, (size_t)a->occ_h);
}

void spr_occ_end(spr_axes_ctx *a)
{
	free(a->occ);
	a->occ = NULL;
	free(a->occ_box);
	a->occ_box = NULL;
	a->occ_nbox = a->occ_capbox = 0;
}

void spr_occ_box(spr_axes_ctx *a, double x0, double y0, double x1, double y1)
{
	if (!a->occ || isnan(x0) || isnan(y0) || isnan(x1) || isnan(y1))
		return;
	if (a->occ_nbox == a->occ_capbox) {
		size_t cap = a->occ_capbox ? 2 * a->occ_capbox : 16;
		double *b = realloc(a->occ_box, cap * 4 * sizeof *b);
		if (!b)
			return; /* an estimate: a box less */
		a->occ_box = b;
		a->occ_capbox = cap;
	}
	double *b = a->occ_box + 4 * a->occ_nbox++;
	b[0] = fmin(x0, x1);
	b[1] = fmin(y0, y1);
	b[2] = fmax(x0, x1);
	b[3] = fmax(y0, y1);
}

void spr_occ_mark(spr_axes_ctx *a, double x, double y)
{
	double fx = (x - a->x0) / OCC_CELL, fy = (y - a->y0) / OCC_CELL;

	/* in range and non-negative, so truncation is floor */
	if (!a->occ || !(fx >= 0 && fy >= 0 && fx < a->occ_w && fy < a->occ_h))
		return;
	a->occ[(size_t)(int)fy * (size_t)a->occ_w + (size_t)(int)fx] = 1;
}

/* Marks the cells a (clipped, on-surface) segment passes through. */
void spr_occ_segment(spr_axes_ctx *a, double x0, double y0, double x1,
		     double y1)
{
	double len = fmax(fabs(x1 - x0), fabs(y1 - y0));
	int n = (int)ceil(len / (OCC_CELL * 0.5)), i;

	if (!a->occ)
		return;
	if (n > 100000)
		n = 100000; /* cannot happen after clipping; bound anyway */
	spr_occ_mark(a, x0, y0);
	for (i = 1; i <= n; i++) {
		double t = (double)i / n;
		spr_occ_mark(a, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
	}
}

static void legend_origin(int loc, const spr_axes_ctx *a, double w, double h,
			  double pad, double *x, double *y)
{
	double L = a->x0 + pad, R = a->x1 - pad - w;
	double T = a->y0 + pad, B = a->y1 - pad - h;
	double CX = (a->x0 + a->x1 - w) / 2, CY = (a->y0 + a->y1 - h) / 2;

	switch (loc) {
	case SPR_LEG_UPPER_LEFT:
		*x = L, *y = T;
		break;
	case SPR_LEG_LOWER_LEFT:
		*x = L, *y = B;
		break;
	case SPR_LEG_LOWER_RIGHT:
		*x = R, *y = B;
		break;
	case SPR_LEG_RIGHT:
	case SPR_LEG_CENTER_RIGHT:
		*x = R, *y = CY;
		break;
	case SPR_LEG_CENTER_LEFT:
		*x = L, *y = CY;
		break;
	case SPR_LEG_LOWER_CENTER:
		*x = CX, *y = B;
		break;
	case SPR_LEG_UPPER_CENTER:
		*x = CX, *y = T;
		break;
	case SPR_LEG_CENTER:
		*x = CX, *y = CY;
		break;
	default: /* upper right */
		*x = R, *y = T;
		break;
	}
}

/* Occupied grid cells under a candidate box: the 'best' badness. */
static size_t occ_count(const spr_axes_ctx *a, double x, double y, double w,
			double h)
{
	int cx0, cy0, cx1, cy1, i, j;
	size_t n = 0;

	if (!a->occ)
		return 0;
	cx0 = (int)floor((x - a->x0) / OCC_CELL);
	cy0 = (int)floor((y - a->y0) / OCC_CELL);
	cx1 = (int)floor((x + w - a->x0) / OCC_CELL);
	cy1 = (int)floor((y + h - a->y0) / OCC_CELL);
	cx0 = cx0 < 0 ? 0 : cx0;
	cy0 = cy0 < 0 ? 0 : cy0;
	cx1 = cx1 >= a->occ_w ? a->occ_w - 1 : cx1;
	cy1 = cy1 >= a->occ_h ? a->occ_h - 1 : cy1;
	for (j = cy0; j <= cy1; j++)
		for (i = cx0; i <= cx1; i++)
			n += a->occ[(size_t)j * (size_t)a->occ_w + (size_t)i];
	/* Bbox.count_overlaps: strictly overlapping boxes, one each */
	for (size_t k = 0; k < a->occ_nbox; k++) {
		const double *b = a->occ_box + 4 * k;
		n += b[0] < x + w && x < b[2] && b[1] < y + h && y < b[3];
	}
	return n;
}

/* The rows: how many, the widest label, their heights added up. */
typedef struct legend_rows {
	size_t n;
	double maxw, sumh;
} legend_rows;

/* The item's legend label, or NULL when it has no entry. */
static const char *entry_label(const spr_item *it)
{
	const char *label = spr_item_label(it);

	return it->kind->legend && label && *label ? label : NULL;
}

/* The axes whose items follow src's in ax's legend: its twin's when
 * asked for (twin_legend), else none. */
static const spr_axes *legend_next(const spr_axes *ax, const spr_axes *src)
{
	return src == ax && ax->twin_legend ? ax->twin : NULL;
}

/* Each row is as tall as its label's box (matplotlib's HPacker of handle
 * and TextArea: the handle is never the taller), so rows differ. */
static legend_rows legend_measure(const spr_ctx *r, const spr_axes *ax)
{
	legend_rows m = {0, 0, 0};
	size_t j;

	for (const spr_axes *src = ax; src; src = legend_next(ax, src))
		for (j = 0; j < src->nitems && m.n < LEG_MAX_ENTRIES; j++) {
			const char *label = entry_label(&src->items[j]);
			spr_mtext t;
			if (!label)
				continue;
			t = spr_mtext_measure(r, label, r->sz.legend);
			m.maxw = fmax(m.maxw, t.width);
			m.sumh += t.height;
			m.n++;
		}
	return m;
}

/* matplotlib's candidate order for 'best'; the first empty spot wins. */
static int legend_best(const spr_axes_ctx *a, double w, double h, double pad)
{
	size_t best = SIZE_MAX;
	double x, y;
	int c, loc = SPR_LEG_UPPER_RIGHT;

	for (c = SPR_LEG_UPPER_RIGHT; c <= SPR_LEG_CENTER; c++) {
		size_t bad;
		legend_origin(c, a, w, h, pad, &x, &y);
		bad = occ_count(a, x, y, w, h);
		if (bad < best) {
			best = bad;
			loc = c;
		}
		if (bad == 0)
			break;
	}
	return loc;
}

/* The frame: axes face colour at alpha 0.8, #cccccc edge, rounded. */
static void legend_frame(const spr_ctx *r, double x, double y, double w,
			 double h)
{
	cairo_t *cr = r->cr;
	double rad = LEG_ROUND * r->sz.legend;

	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
	cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
	cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
	cairo_arc(cr, x + rad, y + rad, rad, M_PI, 1.5 * M_PI);
	cairo_close_path(cr);
	spr_set_rgb(cr, 0xffffff, 0.8);
	cairo_fill_preserve(cr);
	spr_set_rgb(cr, 0xcccccc, 0.8);
	cairo_set_line_width(cr, 1.0 * r->pt);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

/*
 * One row a labelled item, its handle left of the label. The handle's
 * centre line is 0.35 em above the row's baseline: the label's baseline
 * for one line; for several, the point TextArea(multilinebaseline) makes
 * the baseline, half the box below its middle plus half an "l" ascent
 * (the handle sits about the middle of the lines).
 */
static void legend_entry(const spr_ctx *r, const spr_item *it, uint32_t col,
			 const char *label, double hx, double *ey)
{
	double fs = r->sz.legend;
	spr_mtext t = spr_mtext_measure(r, label, fs);
	double base =
	    t.lines > 1 ? *ey + t.height / 2 + t.lp_ascent / 2 : *ey + t.ascent;
	spr_handle h = {hx, base - 0.35 * fs, LEG_HANDLELEN * fs,
			LEG_HANDLEHEIGHT * fs};

	it->kind->legend(r, it->p, col, &h);
	spr_set_rgb(r->cr, 0, 1);
	spr_mtext_draw(r, &t, hx + (LEG_HANDLELEN + LEG_HANDLEPAD) * fs, *ey, 0,
		       0);
	*ey += t.height + LEG_LABELSPACE * fs;
}

/*
 * The rows in matplotlib's order: each axes' items as added, then its
 * containers' (legend_last: errorbar, bar), as Axes.get_legend_handles
 * lists children before containers; colours are still taken from each
 * axes' cycles in the items' order (a twin has its own).
 */
static void legend_entries(const spr_ctx *r, const spr_axes *ax,
			   const legend_rows *m, double x, double y)
{
	double bp = LEG_BORDERPAD * r->sz.legend, ey = y + bp, hx = x + bp;
	size_t drawn = 0;

	for (const spr_axes *src = ax; src; src = legend_next(ax, src))
		for (int pass = 0; pass < 2; pass++) {
			int cycles[2] = {0, 0};
			for (size_t j = 0; j < src->nitems && drawn < m->n;
			     j++) {
				const spr_item *it = &src->items[j];
				uint32_t col = spr_item_color(it, cycles);
				const char *label = entry_label(it);
				if (!label || it->kind->legend_last != pass)
					continue;
				drawn++; /* no more rows than it was sized for
					  */
				legend_entry(r, it, col, label, hx, &ey);
			}
		}
}

void spr_draw_legend(const spr_ctx *r, spr_axes_ctx *a)
{
	const spr_axes *ax = a->ax;
	double fs = r->sz.legend, bp = LEG_BORDERPAD * fs, w, h, x, y;
	int loc = ax->legend;
	legend_rows m;

	if (ax->legend == SPR_LEG_NONE)
		return;
	m = legend_measure(r, ax);
	if (m.n == 0)
		return;
	w = 2 * bp + (LEG_HANDLELEN + LEG_HANDLEPAD) * fs + m.maxw;
	h = 2 * bp + m.sumh + (m.n - 1) * LEG_LABELSPACE * fs;
	if (loc == SPR_LEG_BEST)
		loc = legend_best(a, w, h, LEG_AXESPAD * fs);
	legend_origin(loc, a, w, h, LEG_AXESPAD * fs, &x, &y);
	a->leg_loc = loc;
	a->leg[0] = x;
	a->leg[1] = y;
	a->leg[2] = w;
	a->leg[3] = h;
	legend_frame(r, x, y, w, h);
	legend_entries(r, ax, &m, x, y);
}
