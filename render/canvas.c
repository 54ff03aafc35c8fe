/* SPDX-License-Identifier: MIT */
/*
 * The entry points and the canvas: checks, limits, layout, then each axes
 * drawn in order (grid, data items, frame and ticks, labels, legend) on a
 * cairo image surface, on memory kept from one figure to the next when the
 * caller has a canvas.
 *
 * Pure: no files, processes or global mutable state; everything a render
 * needs lives in a struct on its stack or in memory it frees before return,
 * except the pixels of a caller's canvas (spr_render_canvas).
 */
#include "item.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* matplotlib's grid zorder (axes.axisbelow 'line'): over patches, under
 * lines. */
#define GRID_ZORDER 1.5

/* matplotlib's spines and axes (2.5): texts (3) draw over them */
#define FRAME_ZORDER 2.5

/*
 * The data items of zorder in [from, below), clipped to the axes, and the
 * grid among them, in zorder (items of one zorder in the order they were
 * added). Colours come from the cycles in the order the items were
 * added, whatever order they draw in.
 */
static void draw_items(const spr_ctx *r, spr_axes_ctx *a, double from,
		       double below)
{
	const spr_axes *ax = a->ax;
	double z = nextafter(from, -INFINITY);
	int grid = from > GRID_ZORDER;
	size_t j;

	for (;;) {
		double next = INFINITY;
		int cycles[2] = {0, 0};
		for (j = 0; j < ax->nitems; j++) {
			double zj = ax->items[j].kind->zorder;
			if (zj > z && zj < next && zj < below)
				next = zj;
		}
		if (!grid && next >= GRID_ZORDER) {
			spr_draw_grid(r, a);
			grid = 1;
		}
		if (next == INFINITY)
			break;
		cairo_save(r->cr);
		cairo_rectangle(r->cr, a->x0, a->y0, a->x1 - a->x0,
				a->y1 - a->y0);
		cairo_clip(r->cr);
		for (j = 0; j < ax->nitems; j++) {
			const spr_item *it = &ax->items[j];
			uint32_t c = spr_item_color(it, cycles);
			if (it->kind->zorder == next)
				it->kind->draw(r, a, it->p, c);
		}
		cairo_restore(r->cr);
		z = next;
	}
}

static void draw_axes(const spr_ctx *r, spr_axes_ctx *a)
{
	spr_occ_begin(a);
	draw_items(r, a, -INFINITY, FRAME_ZORDER);
	spr_draw_frame(r, a);
	spr_draw_labels(r, a);
	spr_cbar_draw(r, a);
	draw_items(r, a, FRAME_ZORDER, INFINITY);
	spr_draw_legend(r, a);
	spr_occ_end(a);
}

int spr_render(const spr_figure *fig, const spr_series *series, size_t nseries,
	       const spr_font *font, cairo_surface_t **out, char *err,
	       size_t errlen)
{
	return spr_render_info(fig, series, nseries, font, out, NULL, 0, err,
			       errlen);
}

int spr_render_info(const spr_figure *fig, const spr_series *series,
		    size_t nseries, const spr_font *font, cairo_surface_t **out,
		    spr_axes_info *info, size_t ninfo, char *err, size_t errlen)
{
	return spr_render_test(fig, series, nseries, font, out, info, ninfo,
			       NULL, err, errlen);
}

/*
 * Canvases larger than this are not kept from one figure to the next: a
 * worker that drew one huge figure does not hold its pixels for the rest
 * of the batch.
 */
#define CANVAS_KEEP ((size_t)32 << 20)

void spr_canvas_free(spr_canvas *c)
{
	if (c->data)
		munmap(c->data, c->cap);
	c->data = NULL;
	c->cap = 0;
}

/*
 * A W x H surface of format fmt (RGB24, or ARGB32 for a figure with a
 * clear background: both 4 bytes a pixel) on the canvas's memory, grown
 * when too small. The
 * memory is mapped with MAP_POPULATE: a fresh worker's pages arrive in one
 * call instead of one fault per 4 KB page (on the benchmark machine 0.15
 * ms instead of 0.45 ms for 1200 x 300), and the next figure of the same
 * size reuses them. Without a canvas, cairo allocates as usual.
 */
static cairo_surface_t *new_surface(spr_canvas *c, cairo_format_t fmt, int W,
				    int H)
{
	int stride = cairo_format_stride_for_width(fmt, W);
	size_t need;

	if (!c || stride <= 0 || spr_mul_size((size_t)stride, (size_t)H, &need))
		return cairo_image_surface_create(fmt, W, H);
	if (need > c->cap) {
		void *m =
		    mmap(NULL, need, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (m == MAP_FAILED)
			return cairo_image_surface_create(fmt, W, H);
		spr_canvas_free(c);
		c->data = m;
		c->cap = need;
	}
	return cairo_image_surface_create_for_data(c->data, fmt, W, H, stride);
}

static int render_core(const spr_figure *fig, const spr_series *series,
		       size_t nseries, const spr_font *font, spr_canvas *canvas,
		       const int rows[2], cairo_surface_t **out,
		       spr_axes_info *info, size_t ninfo,
		       const spr_test_opts *opts, char *err, size_t errlen);

int spr_render_canvas(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font, spr_canvas *canvas,
		      cairo_surface_t **out, char *err, size_t errlen)
{
	return spr_render_canvas_rows(fig, series, nseries, font, canvas, 0, 0,
				      out, err, errlen);
}

int spr_render_canvas_rows(const spr_figure *fig, const spr_series *series,
			   size_t nseries, const spr_font *font,
			   spr_canvas *canvas, int row0, int row1,
			   cairo_surface_t **out, char *err, size_t errlen)
{
	const int rows[2] = {row0, row1};
	if (canvas && canvas->cap > CANVAS_KEEP)
		spr_canvas_free(canvas);
	return render_core(fig, series, nseries, font, canvas, rows, out, NULL,
			   0, NULL, err, errlen);
}

int spr_render_test(const spr_figure *fig, const spr_series *series,
		    size_t nseries, const spr_font *font, cairo_surface_t **out,
		    spr_axes_info *info, size_t ninfo,
		    const spr_test_opts *opts, char *err, size_t errlen)
{
	return render_core(fig, series, nseries, font, NULL, NULL, out, info,
			   ninfo, opts, err, errlen);
}

/* The per-render state for a W x H surface. */
static void ctx_init(spr_ctx *r, cairo_surface_t *surf, const spr_figure *fig,
		     const spr_series *series, const spr_font *font, int W,
		     int H, const spr_test_opts *opts)
{
	memset(r, 0, sizeof *r);
	r->cr = cairo_create(surf);
	r->font = font;
	r->fig = fig;
	r->series = series;
	r->W = W;
	r->H = H;
	r->pt = fig->dpi / 72.0;
	spr_fig_sizes(fig, r->pt, &r->sz);
	/* axes tick labels take their axis' size (spr_tick_style_init); the
	 * colorbar's are y tick labels */
	r->fs = r->sz.ytick;
	r->chunk =
	    opts && opts->stroke_chunk ? opts->stroke_chunk : STROKE_CHUNK;
	cairo_set_antialias(r->cr, opts && opts->aliased
				       ? CAIRO_ANTIALIAS_NONE
				       : CAIRO_ANTIALIAS_GRAY);
}

/* Where each axes sits in the grid and which tick labels it shows. */
static void axes_init(spr_axes_ctx *ac, const spr_figure *fig, size_t naxes)
{
	size_t i;

	for (i = 0; i < naxes; i++) {
		spr_axes_ctx *a = &ac[i];
		a->ax = &fig->axes[i];
		a->index = (int)i;
		a->parent = -1;
		a->row = (int)(i / (size_t)fig->cols);
		a->col = (int)(i % (size_t)fig->cols);
		a->show_xt =
		    !(fig->share & SPR_SHARE_X) || a->row == fig->rows - 1;
		a->show_yt = !(fig->share & SPR_SHARE_Y) || a->col == 0;
	}
}

/* A twin's shallow copy for drawing, with its options. */
typedef struct twin_copy {
	spr_axes ax;
	spr_axes_more more;
} twin_copy;

/*
 * The twins after the grid's naxes contexts: each reads a shallow copy of
 * its axes (in copies) whose shared axis has its parent's scale and no
 * limit of its own, and hides that axis (matplotlib's twin: its shared
 * axis invisible, the other on the far side). Returns how many.
 */
static size_t twins_init(spr_axes_ctx *ac, size_t naxes, twin_copy *copies)
{
	size_t k = 0;

	for (size_t i = 0; i < naxes; i++) {
		const spr_axes *p = ac[i].ax;
		if (!spr_more(p)->twin)
			continue;
		spr_axes *c = &copies[k].ax;
		spr_axes_ctx *a = &ac[naxes + k];
		int d = p->twin_kind == SPR_TWINX ? 0 : 1;
		*c = *spr_more(p)->twin;
		copies[k].more = *spr_more(c);
		c->more = &copies[k++].more;
		/* the shared axis is the parent's, its symlog too (never
		 * drawn: its tick options do not show) */
		c->more->axis[d] = spr_more(p)->axis[d];
		if (d == 0) {
			c->xscale = p->xscale;
			c->has_xlim = 0;
		} else {
			c->yscale = p->yscale;
			c->has_ylim = 0;
		}
		a->ax = c;
		a->index = (int)i;
		a->row = ac[i].row;
		a->col = ac[i].col;
		a->parent = (int)i;
		a->twin_kind = p->twin_kind;
		a->hide[d] = 1;
		a->show_xt = ac[i].show_xt;
		a->show_yt = ac[i].show_yt;
	}
	return k;
}

static void fill_info(spr_axes_info *in, const spr_axes_ctx *a)
{
	in->x0 = a->x0;
	in->y0 = a->y0;
	in->x1 = a->x1;
	in->y1 = a->y1;
	/* as matplotlib's get_xlim/get_ylim: an inverted axis high end first */
	in->xlim[a->view.inv[0]] = a->xlo;
	in->xlim[!a->view.inv[0]] = a->xhi;
	in->ylim[a->view.inv[1]] = a->ylo;
	in->ylim[!a->view.inv[1]] = a->yhi;
	in->legend = a->leg_loc;
	memcpy(in->leg, a->leg, sizeof in->leg);
	in->title_px = a->title.lines ? a->title.size : 0;
	memcpy(in->title, a->title_box, sizeof in->title);
	in->title_lines = a->title.lines;
}

/*
 * Draws fig on surf, W x H px mapped to its units by scale (1 for the
 * image, 72 / dpi for PDF and SVG, whose units are points): 0, or -1 with
 * the message (the surface is then left as it is).
 */
static int draw_figure(const spr_figure *fig, const spr_series *series,
		       const spr_font *font, cairo_surface_t *surf,
		       const spr_target *t, spr_axes_info *info, size_t ninfo,
		       const spr_test_opts *opts, char *err, size_t errlen)
{
	size_t naxes = (size_t)fig->rows * (size_t)fig->cols, ntwins = 0, i, k;
	spr_axes_ctx *ac = NULL;
	twin_copy *copies = NULL;
	spr_ctx r;
	int rc = 0;

	for (i = 0; i < naxes; i++)
		ntwins += spr_more(&fig->axes[i])->twin != NULL;
	ac = spr_callocn(naxes + ntwins, sizeof *ac);
	copies = ntwins ? spr_callocn(ntwins, sizeof *copies) : NULL;
	if (!ac || (ntwins && !copies)) {
		free(ac);
		free(copies);
		return spr_err(err, errlen, "out of memory");
	}
	spr_kinds_forget();
	ctx_init(&r, surf, fig, series, font, t->W, t->H, opts);
	r.vector = t->vector;
	if (t->row1 > t->row0) {
		/* pixel-aligned: cairo keeps to those rows, each drawn as in
		 * the whole figure (its rasteriser works row by row) */
		cairo_rectangle(r.cr, 0, t->row0, t->W, t->row1 - t->row0);
		cairo_clip(r.cr);
	}
	if (t->scale != 1)
		cairo_scale(r.cr, t->scale, t->scale);
	if (spr_figure_opaque(fig)) {
		spr_set_rgb(r.cr, spr_fig_facecolor(fig), 1);
		cairo_paint(r.cr);
	} else if (!t->vector) {
		/* a kept canvas holds the last figure's pixels */
		cairo_save(r.cr);
		cairo_set_operator(r.cr, CAIRO_OPERATOR_CLEAR);
		cairo_paint(r.cr);
		cairo_restore(r.cr);
	}
	axes_init(ac, fig, naxes);
	twins_init(ac, naxes, copies);
	spr_figtext_measure(&r, &r.ft);
	spr_set_limits(&r, ac, naxes, ntwins);
	spr_layout(&r, ac, naxes, ntwins);
	/* never a picture whose positions the doubles cannot make right */
	rc = spr_check_views(ac, naxes + ntwins, err, errlen);
	/* a twin draws right after its parent, over it (matplotlib's order) */
	for (i = 0, k = naxes; rc == 0 && i < naxes; i++) {
		ac[i].leg_loc = SPR_LEG_NONE;
		spr_draw_axes_face(&r, &ac[i]);
		draw_axes(&r, &ac[i]);
		if (info && i < ninfo)
			fill_info(&info[i], &ac[i]);
		if (spr_more(&fig->axes[i])->twin) {
			ac[k].leg_loc = SPR_LEG_NONE;
			draw_axes(&r, &ac[k++]);
		}
	}
	if (rc == 0)
		spr_figtext_draw(&r, &r.ft);
	if (rc == 0 && cairo_status(r.cr) != CAIRO_STATUS_SUCCESS)
		rc = spr_err(err, errlen, "cairo error: %s",
			     cairo_status_to_string(cairo_status(r.cr)));
	cairo_destroy(r.cr);
	spr_kinds_forget();
	free(ac);
	free(copies);
	return rc;
}

int spr_render_target(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font,
		      cairo_surface_t *surf, const spr_target *t, char *err,
		      size_t errlen)
{
	spr_target tt = *t;

	if (!fig || !font || (nseries > 0 && !series))
		return spr_err(err, errlen, "missing figure, font or series");
	if (spr_check_figure(fig, series, nseries, &tt.W, &tt.H, err, errlen) !=
	    0)
		return -1;
	return draw_figure(fig, series, font, surf, &tt, NULL, 0, NULL, err,
			   errlen);
}

static int render_core(const spr_figure *fig, const spr_series *series,
		       size_t nseries, const spr_font *font, spr_canvas *canvas,
		       const int rows[2], cairo_surface_t **out,
		       spr_axes_info *info, size_t ninfo,
		       const spr_test_opts *opts, char *err, size_t errlen)
{
	cairo_surface_t *surf = NULL;
	spr_target t = {0, 0, 1, 0, rows ? rows[0] : 0, rows ? rows[1] : 0};

	*out = NULL;
	if (!fig || !font || (nseries > 0 && !series))
		return spr_err(err, errlen, "missing figure, font or series");
	if (spr_check_figure(fig, series, nseries, &t.W, &t.H, err, errlen) !=
	    0)
		return -1;
	surf = new_surface(canvas,
			   spr_figure_opaque(fig) ? CAIRO_FORMAT_RGB24
						  : CAIRO_FORMAT_ARGB32,
			   t.W, t.H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return spr_err(err, errlen, "cannot create a %d x %d surface",
			       t.W, t.H);
	}
	if (draw_figure(fig, series, font, surf, &t, info, ninfo, opts, err,
			errlen) != 0) {
		cairo_surface_destroy(surf);
		return -1;
	}
	cairo_surface_flush(surf);
	*out = surf;
	return 0;
}
