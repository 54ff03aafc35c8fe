/* SPDX-License-Identifier: MIT */
/*
 * The legend: matplotlib's frame, rows and 'best' placement, which counts
 * the cells of an occupancy grid over the axes that the data passes
 * through (items mark it while they draw) under each candidate position.
 */
#include "axes_opts.h"
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
#define LEG_ROUND        0.2
#define LEG_COLSPACE     2.0
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

/*
 * Where the legend's top-left corner goes for loc: its corner at the
 * container box's (c: x0, y0, x1, y1, y down) corner or side, pad inside
 * it (matplotlib's _get_anchored_bbox: the box padded by -pad, then
 * Bbox.anchored; for a zero-size bbox_to_anchor point the "inside" is
 * beyond the point, pad away from it).
 */
static void legend_origin(int loc, const double c[4], double w, double h,
			  double pad, double *x, double *y)
{
	double L = c[0] + pad, R = c[2] - pad - w;
	double T = c[1] + pad, B = c[3] - pad - h;
	double CX = (c[0] + c[2] - w) / 2, CY = (c[1] + c[3] - h) / 2;

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
	return src == ax && ax->twin_legend ? spr_more(ax)->twin : NULL;
}

typedef void (*entry_fn)(const spr_item *it, uint32_t col, const char *label,
			 size_t row, void *ctx);

/*
 * The rows in matplotlib's order: each axes' items as added, then its
 * containers' (legend_last: errorbar, bar), as Axes.get_legend_handles
 * lists children before containers; colours are still taken from each
 * axes' cycles in the items' order (a twin has its own). Returns how many.
 */
static size_t legend_rows(const spr_axes *ax, entry_fn fn, void *ctx)
{
	size_t row = 0;

	for (const spr_axes *src = ax; src; src = legend_next(ax, src))
		for (int pass = 0; pass < 2; pass++) {
			int cycles[2] = {0, 0};
			for (size_t j = 0;
			     j < src->nitems && row < LEG_MAX_ENTRIES; j++) {
				const spr_item *it = &src->items[j];
				uint32_t col = spr_item_color(it, cycles);
				const char *label = entry_label(it);
				if (!label || it->kind->legend_last != pass)
					continue;
				if (fn)
					fn(it, col, label, row, ctx);
				row++;
			}
		}
	return row;
}

/*
 * The legend's boxes (matplotlib's _init_legend_box): rows split into
 * columns as np.array_split splits them (the first n % ncols one longer),
 * each column a VPacker of rows (handle, then label) and the columns an
 * HPacker on their first rows' baselines, columnspacing apart; the title
 * a TextArea centred over them, labelspacing below it (the VPacker's sep);
 * borderpad around all.
 */
typedef struct legend_box {
	const spr_ctx *r;
	double fs; /* the entries' font size, px */
	size_t n;  /* rows */
	int ncols;
	size_t per, extra; /* rows per column (the first extra have one more) */
	double colw[SPR_LEGEND_MAX_COLS], colh[SPR_LEGEND_MAX_COLS];
	double
	    colasc[SPR_LEGEND_MAX_COLS]; /* the first row's, to its baseline */
	double hbw, hbh, hbasc;          /* the columns together */
	spr_mtext title;
	double w, h;                    /* the frame */
	double x, y;                    /* its top-left corner, once placed */
	double ey[SPR_LEGEND_MAX_COLS]; /* drawing: each column's next row */
} legend_box;

static int row_col(const legend_box *b, size_t row)
{
	size_t big = b->extra * (b->per + 1);

	return row < big ? (int)(row / (b->per + 1))
			 : (int)(b->extra + (row - big) / b->per);
}

/* A row's label measured, and where its baseline is below the row's top:
 * the label's for one line; for several, the point TextArea
 * (multilinebaseline) makes the baseline, half the box below its middle
 * plus half an "l" ascent (the handle sits about the middle of the lines). */
static spr_mtext row_text(const legend_box *b, const char *label, double *asc)
{
	spr_mtext t = spr_mtext_measure(b->r, label, b->fs);

	*asc = t.lines > 1 ? t.height / 2 + t.lp_ascent / 2 : t.ascent;
	return t;
}

static void measure_row(const spr_item *it, uint32_t col, const char *label,
			size_t row, void *ctx)
{
	legend_box *b = ctx;
	int c = row_col(b, row);
	double asc, fs = b->fs;
	spr_mtext t = row_text(b, label, &asc);

	(void)it, (void)col;
	b->colw[c] =
	    fmax(b->colw[c], (LEG_HANDLELEN + LEG_HANDLEPAD) * fs + t.width);
	if (b->colh[c] == 0)
		b->colasc[c] = asc;
	else
		b->colh[c] += LEG_LABELSPACE * fs;
	b->colh[c] += t.height;
}

/* The legend's size (b->n 0: no legend). */
static void legend_measure(const spr_ctx *r, const spr_axes *ax, legend_box *b)
{
	const spr_legend_opts *o = spr_legend_opts_of(ax);
	double desc = 0, bp;
	int c;

	memset(b, 0, sizeof *b);
	b->r = r;
	b->fs = spr_size_px(r, o->fontsize, r->sz.legend);
	b->n = legend_rows(ax, NULL, NULL);
	if (b->n == 0)
		return;
	b->ncols = b->n < (size_t)o->ncols ? (int)b->n : o->ncols;
	b->per = b->n / (size_t)b->ncols;
	b->extra = b->n % (size_t)b->ncols;
	legend_rows(ax, measure_row, b);
	for (c = 0; c < b->ncols; c++) {
		b->hbw += b->colw[c] + (c ? LEG_COLSPACE * b->fs : 0);
		b->hbasc = fmax(b->hbasc, b->colasc[c]);
		desc = fmax(desc, b->colh[c] - b->colasc[c]);
	}
	b->hbh = b->hbasc + desc;
	bp = LEG_BORDERPAD * b->fs;
	b->w = b->hbw;
	b->h = b->hbh;
	if (o->title && *o->title) {
		b->title = spr_mtext_measure(
		    r, o->title, spr_size_px(r, o->title_fontsize, r->sz.font));
		b->w = fmax(b->w, b->title.width);
		b->h += b->title.height + LEG_LABELSPACE * b->fs;
	}
	b->w += 2 * bp;
	b->h += 2 * bp;
}

/* The box the legend is placed in: the axes, or bbox_to_anchor's point or
 * box in axes fractions. */
static void legend_container(const spr_axes_ctx *a, double c[4])
{
	const spr_array *bb = &spr_legend_opts_of(a->ax)->bbox;
	double w = a->x1 - a->x0, h = a->y1 - a->y0;

	c[0] = a->x0, c[1] = a->y0, c[2] = a->x1, c[3] = a->y1;
	if (bb->n != 2 && bb->n != 4)
		return;
	c[0] = a->x0 + bb->v[0] * w;
	c[3] = a->y1 - bb->v[1] * h;
	c[2] = c[0] + (bb->n == 4 ? bb->v[2] * w : 0);
	c[1] = c[3] - (bb->n == 4 ? bb->v[3] * h : 0);
}

/* matplotlib's candidate order for 'best'; the first empty spot wins. */
static int legend_best(const spr_axes_ctx *a, const double c[4], double w,
		       double h, double pad)
{
	size_t best = SIZE_MAX;
	double x, y;
	int loc = SPR_LEG_UPPER_RIGHT;

	for (int k = SPR_LEG_UPPER_RIGHT; k <= SPR_LEG_CENTER; k++) {
		size_t bad;
		legend_origin(k, c, w, h, pad, &x, &y);
		bad = occ_count(a, x, y, w, h);
		if (bad < best) {
			best = bad;
			loc = k;
		}
		if (bad == 0)
			break;
	}
	return loc;
}

/* Places a measured legend of a; returns the location used. */
static int legend_place(const spr_axes_ctx *a, legend_box *b)
{
	const spr_legend_opts *o = spr_legend_opts_of(a->ax);
	double c[4], pad = o->borderaxespad * b->fs;
	int loc = a->ax->legend;

	legend_container(a, c);
	if (loc == SPR_LEG_BEST)
		loc = legend_best(a, c, b->w, b->h, pad);
	legend_origin(loc, c, b->w, b->h, pad, &b->x, &b->y);
	return loc;
}

void spr_legend_reach(const spr_ctx *r, const spr_axes_ctx *a, double need[4])
{
	legend_box b;

	need[0] = need[1] = need[2] = need[3] = 0;
	/* only a legend anchored elsewhere can leave the axes */
	if (a->ax->legend == SPR_LEG_NONE ||
	    spr_legend_opts_of(a->ax)->bbox.n == 0)
		return;
	legend_measure(r, a->ax, &b);
	if (b.n == 0)
		return;
	legend_place(a, &b);
	need[0] = a->x0 - b.x;
	need[1] = a->y0 - b.y;
	need[2] = b.x + b.w - a->x1;
	need[3] = b.y + b.h - a->y1;
}

/* The frame: axes face colour at alpha 0.8, #cccccc edge, rounded. */
static void legend_frame(const spr_ctx *r, double fs, double x, double y,
			 double w, double h)
{
	cairo_t *cr = r->cr;
	double rad = LEG_ROUND * fs;

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

/* One row: a labelled item, its handle left of the label, the handle's
 * centre line 0.35 em above the row's baseline. */
static void draw_row(const spr_item *it, uint32_t col, const char *label,
		     size_t row, void *ctx)
{
	legend_box *b = ctx;
	const spr_ctx *r = b->r;
	int c = row_col(b, row);
	double asc, fs = b->fs, hx = b->x + LEG_BORDERPAD * fs;
	spr_mtext t = row_text(b, label, &asc);

	for (int k = 0; k < c; k++)
		hx += b->colw[k] + LEG_COLSPACE * fs;
	spr_handle h = {hx, b->ey[c] + asc - 0.35 * fs, LEG_HANDLELEN * fs,
			LEG_HANDLEHEIGHT * fs};
	it->kind->legend(r, it->p, col, &h);
	spr_set_rgb(r->cr, 0, 1);
	spr_mtext_draw(r, &t, hx + (LEG_HANDLELEN + LEG_HANDLEPAD) * fs,
		       b->ey[c], 0, 0);
	b->ey[c] += t.height + LEG_LABELSPACE * fs;
}

void spr_draw_legend(const spr_ctx *r, spr_axes_ctx *a)
{
	const spr_axes *ax = a->ax;
	legend_box b;
	double bp, inner, top;

	if (ax->legend == SPR_LEG_NONE)
		return;
	legend_measure(r, ax, &b);
	if (b.n == 0)
		return;
	a->leg_loc = legend_place(a, &b);
	a->leg[0] = b.x;
	a->leg[1] = b.y;
	a->leg[2] = b.w;
	a->leg[3] = b.h;
	if (spr_legend_opts_of(ax)->frameon)
		legend_frame(r, b.fs, b.x, b.y, b.w, b.h);
	bp = LEG_BORDERPAD * b.fs;
	inner = b.w - 2 * bp;
	top = b.y + bp;
	if (b.title.lines) {
		/* VPacker's align "center": title and columns centred */
		spr_set_rgb(r->cr, 0, 1);
		spr_mtext_draw(r, &b.title,
			       b.x + bp + (inner - b.title.width) / 2, top, 0,
			       0);
		top += b.title.height + LEG_LABELSPACE * b.fs;
	}
	/* the columns on their first rows' baselines */
	for (int c = 0; c < b.ncols; c++)
		b.ey[c] = top + b.hbasc - b.colasc[c];
	b.x += (inner - b.hbw) / 2;
	legend_rows(ax, draw_row, &b);
}
