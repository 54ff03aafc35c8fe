/* SPDX-License-Identifier: MIT */
/*
 * The public figure API: builds the renderer's spr_figure. A line handle
 * is a handle to a line item; its settings go through the line kind's
 * field descriptors, whose ranges are the one rule the API, the batch
 * decoder and the renderer share.
 */
#define _GNU_SOURCE
#include "figure/figure_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The renderer mirrors the public enumerations and limits number for
 * number: a value passes from one to the other unchanged. */
#define SAME(a, b) ((long)(a) == (long)(b))
_Static_assert(SAME(SHMPLOT_LINE_SOLID, SPR_LS_SOLID) &&
		   SAME(SHMPLOT_LINE_DASHED, SPR_LS_DASHED) &&
		   SAME(SHMPLOT_LINE_DOTTED, SPR_LS_DOTTED) &&
		   SAME(SHMPLOT_LINE_DASHDOT, SPR_LS_DASHDOT) &&
		   SAME(SHMPLOT_LINE_NONE, SPR_LS_NONE),
	       "shmplot_linestyle and spr_linestyle differ");
_Static_assert(SAME(SHMPLOT_MARKER_NONE, SPR_MK_NONE) &&
		   SAME(SHMPLOT_MARKER_POINT, SPR_MK_POINT) &&
		   SAME(SHMPLOT_MARKER_CIRCLE, SPR_MK_CIRCLE) &&
		   SAME(SHMPLOT_MARKER_SQUARE, SPR_MK_SQUARE) &&
		   SAME(SHMPLOT_MARKER_TRIANGLE, SPR_MK_TRIANGLE) &&
		   SAME(SHMPLOT_MARKER_DIAMOND, SPR_MK_DIAMOND) &&
		   SAME(SHMPLOT_MARKER_PLUS, SPR_MK_PLUS) &&
		   SAME(SHMPLOT_MARKER_CROSS, SPR_MK_CROSS) &&
		   SAME(SHMPLOT_MARKER_TRI_RIGHT, SPR_MK_LAST),
	       "shmplot_marker and spr_marker differ");
_Static_assert(SHMPLOT_COLOR_NONE == SPR_NONE_COLOR, "colour none differs");
_Static_assert(SAME(SHMPLOT_LEGEND_NONE, SPR_LEG_NONE) &&
		   SAME(SHMPLOT_LEGEND_BEST, SPR_LEG_BEST) &&
		   SAME(SHMPLOT_LEGEND_UPPER_RIGHT, SPR_LEG_UPPER_RIGHT) &&
		   SAME(SHMPLOT_LEGEND_UPPER_LEFT, SPR_LEG_UPPER_LEFT) &&
		   SAME(SHMPLOT_LEGEND_LOWER_LEFT, SPR_LEG_LOWER_LEFT) &&
		   SAME(SHMPLOT_LEGEND_LOWER_RIGHT, SPR_LEG_LOWER_RIGHT) &&
		   SAME(SHMPLOT_LEGEND_RIGHT, SPR_LEG_RIGHT) &&
		   SAME(SHMPLOT_LEGEND_CENTER_LEFT, SPR_LEG_CENTER_LEFT) &&
		   SAME(SHMPLOT_LEGEND_CENTER_RIGHT, SPR_LEG_CENTER_RIGHT) &&
		   SAME(SHMPLOT_LEGEND_LOWER_CENTER, SPR_LEG_LOWER_CENTER) &&
		   SAME(SHMPLOT_LEGEND_UPPER_CENTER, SPR_LEG_UPPER_CENTER) &&
		   SAME(SHMPLOT_LEGEND_CENTER, SPR_LEG_CENTER),
	       "shmplot_legend_loc and spr_legend differ");
_Static_assert(SAME(SHMPLOT_SCALE_LINEAR, SPR_SCALE_LINEAR) &&
		   SAME(SHMPLOT_SCALE_LOG, SPR_SCALE_LOG) &&
		   SAME(SHMPLOT_SCALE_SYMLOG, SPR_SCALE_SYMLOG) &&
		   SAME(SHMPLOT_SCALE_DATE, SPR_SCALE_DATE),
	       "shmplot_scale and spr_scale differ");
_Static_assert(SAME(SHMPLOT_SHARE_X, SPR_SHARE_X) &&
		   SAME(SHMPLOT_SHARE_Y, SPR_SHARE_Y),
	       "share flags differ");
_Static_assert(SAME(SHMPLOT_NO_X, SPR_NO_SERIES), "no-x series differ");
_Static_assert(SAME(SHMPLOT_MAX_DIM, SPR_MAX_DIM) &&
		   SAME(SHMPLOT_MAX_PIXELS, SPR_MAX_PIXELS) &&
		   SAME(SHMPLOT_MAX_GRID, SPR_MAX_GRID),
	       "the renderer's limits are not the public ones");

/*
 * The rows * cols axes handles: axh1 for one axes, else after the axes in
 * their block (make_grid()).
 */
static struct shmplot_axes *handles(shmplot_figure *fig)
{
	size_t n = (size_t)fig->spec.rows * (size_t)fig->spec.cols;
	if (fig->spec.axes == &fig->axes1)
		return &fig->axh1;
	return (struct shmplot_axes *)(void *)((char *)fig->spec.axes +
					       n * sizeof(spr_axes));
}

/* errmsg when its copy could not be allocated; never freed. */
static char errmsg_nomem[] = "out of memory";

static void errmsg_free(shmplot_figure *fig)
{
	if (fig->errmsg != errmsg_nomem)
		free(fig->errmsg);
	fig->errmsg = NULL;
}

shmplot_status sp_fig_err(shmplot_figure *fig, shmplot_status code,
			  const char *fmt, ...)
{
	char msg[SP_ERRLEN], buf[SP_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	code = sp_error(buf, sizeof buf, code, "%s", msg);
	errmsg_free(fig);
	fig->errmsg = strdup(buf);
	if (!fig->errmsg)
		fig->errmsg = errmsg_nomem;
	return code;
}

#define FIG_ERR(fig, code, ...) sp_fig_err((fig), (code), __VA_ARGS__)

int sp_text_ok(const char *utf8, size_t max)
{
	size_t n = utf8 ? strlen(utf8) : 0;

	return n <= max && sp_utf8_valid((const unsigned char *)utf8, n);
}

shmplot_status sp_figure_check_size(const char *name, double width_in,
				    double height_in, double dpi, char *err,
				    size_t errlen)
{
	if (!isfinite(width_in) || !isfinite(height_in) || !isfinite(dpi) ||
	    !(width_in > 0) || !(height_in > 0) || !(dpi > 0))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"figure \"%s\": size %g x %g in at %g dpi is "
				"not positive and finite",
				name, width_in, height_in, dpi);
	double w = round(width_in * dpi), h = round(height_in * dpi);
	if (w < 1 || h < 1 || w > SHMPLOT_MAX_DIM || h > SHMPLOT_MAX_DIM ||
	    w * h > (double)SHMPLOT_MAX_PIXELS)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"figure \"%s\": %g x %g in at %g dpi is %.0f x "
				"%.0f px; each side must be 1..%d px and the "
				"area at most %u px",
				name, width_in, height_in, dpi, w, h,
				SHMPLOT_MAX_DIM, SHMPLOT_MAX_PIXELS);
	return SHMPLOT_OK;
}

static int lim_ok(const double lim[2])
{
	/* high to low inverts the axis, as matplotlib's set_xlim(10, 0) */
	return isfinite(lim[0]) && isfinite(lim[1]) && lim[0] != lim[1];
}

static int flag_ok(int v)
{
	return v == 0 || v == 1;
}

static int scale_ok(int s)
{
	return s == SHMPLOT_SCALE_LINEAR || s == SHMPLOT_SCALE_LOG ||
	       s == SHMPLOT_SCALE_SYMLOG || s == SHMPLOT_SCALE_DATE;
}

static int margin_ok(double m)
{
	return m > -0.5 && m <= SPR_MARGIN_MAX;
}

static int legend_ok(int loc)
{
	return loc >= SHMPLOT_LEGEND_NONE && loc <= SHMPLOT_LEGEND_CENTER;
}

int sp_axes_settings_ok(const spr_axes *a)
{
	return flag_ok(a->has_xlim) && flag_ok(a->has_ylim) &&
	       (!a->has_xlim || lim_ok(a->xlim)) &&
	       (!a->has_ylim || lim_ok(a->ylim)) && scale_ok(a->xscale) &&
	       scale_ok(a->yscale) && flag_ok(a->grid) &&
	       legend_ok(a->legend) && flag_ok(a->pole_segments) &&
	       flag_ok(a->exact) && flag_ok(a->has_margins) &&
	       (!a->has_margins || (margin_ok(spr_more(a)->margins[0]) &&
				    margin_ok(spr_more(a)->margins[1]))) &&
	       (spr_more(a)->aspect == SPR_ASPECT_AUTO ||
		(spr_more(a)->aspect >= 0 &&
		 spr_more(a)->aspect <= SPR_ASPECT_MAX)) &&
	       (a->face == 0 || a->face == SPR_NONE_COLOR ||
		(a->face & ~0xffffffu) == SPR_FACE_GIVEN);
}

static void free_grid(shmplot_figure *fig)
{
	int n = fig->spec.rows * fig->spec.cols;
	if (fig->packed) { /* nothing of axes1 is an allocation but its
			      options (spr_axes_clear() frees them) */
		spr_axes_more *m = fig->axes1.more;
		memset(&fig->axes1, 0, sizeof fig->axes1);
		fig->axes1.more = m;
	}
	fig->packed = 0;
	for (int i = 0; i < n && fig->spec.axes; i++)
		spr_axes_clear(&fig->spec.axes[i]);
	if (fig->spec.axes != &fig->axes1)
		free(fig->spec.axes); /* and the handles after them */
	fig->spec.axes = NULL;
	while (fig->handles) {
		struct shmplot_item *next = fig->handles->next;
		free(fig->handles); /* a line's item is its first member */
		fig->handles = next;
	}
}

static shmplot_status make_grid(shmplot_figure *fig, int rows, int cols)
{
	size_t n = (size_t)rows * (size_t)cols;
	spr_axes *axes = NULL;
	struct shmplot_axes *axh = NULL;
	/* One block: the axes, then their handles (n <= 256). */
	if (n > 1) {
		char *block = calloc(n, sizeof *axes + sizeof *axh);
		if (!block)
			return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
		axes = (spr_axes *)(void *)block;
		axh = (struct shmplot_axes *)(void *)(block + n * sizeof *axes);
	}
	free_grid(fig);
	if (n == 1) {
		memset(&fig->axes1, 0, sizeof fig->axes1);
		memset(&fig->axh1, 0, sizeof fig->axh1);
		axes = &fig->axes1;
		axh = &fig->axh1;
	}
	for (size_t i = 0; i < n; i++) {
		axes[i].legend = SPR_LEG_NONE;
		axh[i].fig = fig;
		axh[i].index = (int)i;
	}
	fig->spec.axes = axes;
	fig->spec.rows = rows;
	fig->spec.cols = cols;
	return SHMPLOT_OK;
}

shmplot_status shmplot_figure_new(shmplot_figure **out, const char *name,
				  double width_in, double height_in, double dpi,
				  char *err, size_t errlen)
{
	if (!out)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_figure_new: out is NULL");
	*out = NULL;
	shmplot_status st = sp_check_figure_name(name, err, errlen);
	if (st)
		return st;
	if (width_in == 0)
		width_in = 6.4;
	if (height_in == 0)
		height_in = 4.8;
	if (dpi == 0)
		dpi = 100;
	st = sp_figure_check_size(name, width_in, height_in, dpi, err, errlen);
	if (st)
		return st;

	/* The name lives at the end of the figure's own allocation. */
	size_t len = strlen(name) + 1;
	shmplot_figure *fig = calloc(1, sizeof *fig + len);
	if (!fig)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	memcpy(fig->name, name, len);
	fig->spec.name = fig->name;
	fig->spec.width_in = width_in;
	fig->spec.height_in = height_in;
	fig->spec.dpi = dpi;
	if (make_grid(fig, 1, 1) != SHMPLOT_OK) {
		free(fig);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	}
	*out = fig;
	return SHMPLOT_OK;
}

void shmplot_figure_free(shmplot_figure *fig)
{
	if (!fig)
		return;
	free_grid(fig);
	spr_item_free(&fig->spec.opts);
	errmsg_free(fig);
	free(fig);
}

const char *shmplot_figure_name(const shmplot_figure *fig)
{
	return fig ? fig->spec.name : NULL;
}

void shmplot_figure_pixel_size(const shmplot_figure *fig, int *w, int *h)
{
	int pw = 0, ph = 0;
	if (fig)
		spr_figure_pixel_size(&fig->spec, &pw, &ph);
	if (w)
		*w = pw;
	if (h)
		*h = ph;
}

shmplot_status shmplot_figure_set_grid(shmplot_figure *fig, int rows, int cols,
				       unsigned share)
{
	if (!fig)
		return SHMPLOT_E_INVALID;
	if (rows < 1 || rows > SHMPLOT_MAX_GRID || cols < 1 ||
	    cols > SHMPLOT_MAX_GRID)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": a %d x %d grid is outside "
			       "1..%d x 1..%d",
			       fig->spec.name, rows, cols, SHMPLOT_MAX_GRID,
			       SHMPLOT_MAX_GRID);
	if (share & ~(SHMPLOT_SHARE_X | SHMPLOT_SHARE_Y))
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown share flags 0x%x",
			       fig->spec.name, share);
	shmplot_status st = make_grid(fig, rows, cols);
	if (st)
		return st;
	fig->spec.share = share;
	return SHMPLOT_OK;
}

shmplot_axes *shmplot_figure_axes(shmplot_figure *fig, int row, int col)
{
	if (!fig || row < 0 || col < 0 || row >= fig->spec.rows ||
	    col >= fig->spec.cols)
		return NULL;
	/* Every change to an axes or its items goes through a handle. */
	if (sp_figure_unpack(fig) != SHMPLOT_OK)
		return NULL;
	return &handles(fig)[row * fig->spec.cols + col];
}

const char *shmplot_figure_errmsg(const shmplot_figure *fig)
{
	if (!fig)
		return "";
	return fig->errmsg ? fig->errmsg : "";
}

void sp_figure_trim(shmplot_figure *fig)
{
	int n = fig->spec.rows * fig->spec.cols;
	for (int i = 0; i < n && fig->spec.axes; i++) {
		spr_axes *a = &fig->spec.axes[i];
		spr_item *items;
		if (!a->nitems || a->nitems == a->cap)
			continue;
		items = realloc(a->items, a->nitems * sizeof *items);
		if (items) {
			a->items = items;
			a->cap = a->nitems;
		}
	}
}

const spr_figure *sp_figure_spec(const shmplot_figure *fig)
{
	return &fig->spec;
}

spr_axes *sp_axes_of(const shmplot_axes *ax)
{
	spr_axes *a = &ax->fig->spec.axes[ax->index];
	/* a twin's handle is made with the twin, in a->more */
	return ax->twin ? a->more->twin : a;
}

#define axes_spec sp_axes_of

spr_item *sp_item_of(const struct shmplot_item *h)
{
	spr_axes *a = &h->fig->spec.axes[h->axes];
	/* a handle of an option is made with the option, in a->more */
	if (h->twin)
		a = a->more->twin;
	if (h->axis >= SP_HANDLE_OPTS)
		return &a->more->opts[h->axis - SP_HANDLE_OPTS];
	return h->axis ? &a->more->axis[h->axis - 1] : &a->items[h->index];
}

static spr_item *item_of(shmplot_line *l)
{
	return sp_item_of(&l->item);
}

void sp_fig_keep(shmplot_figure *fig, struct shmplot_item *h)
{
	h->next = fig->handles;
	fig->handles = h;
}

/* Copies optional UTF-8 text, rejecting invalid encodings early. */
static shmplot_status set_text(shmplot_figure *fig, char **dst,
			       const char *utf8, const char *what)
{
	if (!sp_text_ok(utf8, SPR_MAX_TEXT))
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s is not valid UTF-8 of at "
			       "most %u bytes",
			       fig->spec.name, what, SPR_MAX_TEXT);
	char *copy = utf8 ? strdup(utf8) : NULL;
	if (utf8 && !copy)
		return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	free(*dst);
	*dst = copy;
	return SHMPLOT_OK;
}

/* Why the item's field f refuses v. */
static shmplot_status field_error(shmplot_figure *fig, const spr_item *it,
				  const spr_field *f, double v)
{
	const char *name = fig->spec.name, *kind = spr_kind_name(it->kind);

	if (f->type == SPR_F_INT && f->names) {
		char list[256];
		size_t len = 0;
		for (int i = 0; i <= (int)(f->max - f->min); i++)
			len += (size_t)snprintf(
			    list + len,
			    len < sizeof list ? sizeof list - len : 0, "%s%s",
			    i ? ", " : "", f->names[i]);
		return FIG_ERR(
		    fig, SHMPLOT_E_INVALID,
		    "figure \"%s\": %s: unknown %s %.0f (%.0f..%.0f: "
		    "%s)",
		    name, kind, f->name, v, f->min, f->max, list);
	}
	if (f->type == SPR_F_COLOR)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s %s 0x%x is not 0xRRGGBB",
			       name, kind, f->name, (unsigned)v);
	if ((f->type == SPR_F_SERIES || f->type == SPR_F_SERIES2D) &&
	    v == SPR_NO_SERIES)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s %s names no series", name,
			       kind, f->name);
	if (f->type == SPR_F_INT)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s %s %g is not a whole number "
			       "in [%g, %g]",
			       name, kind, f->name, v, f->min, f->max);
	return FIG_ERR(fig, SHMPLOT_E_INVALID,
		       "figure \"%s\": %s %s %g is outside [%g, %g]", name,
		       kind, f->name, v, f->min, f->max);
}

shmplot_status sp_item_set(shmplot_figure *fig, spr_item *it,
			   const spr_field *f, double v)
{
	if (!spr_field_accepts(f, v))
		return field_error(fig, it, f, v);
	spr_field_set(f, it->p, v);
	return SHMPLOT_OK;
}

/* Sets the item's number field `name` to v, if its descriptor accepts v. */
static shmplot_status set_field(shmplot_figure *fig, spr_item *it,
				const char *name, double v)
{
	const spr_field *f = spr_kind_field(it->kind, name);

	if (!f)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": a %s has no %s", fig->spec.name,
			       spr_kind_name(it->kind), name);
	return sp_item_set(fig, it, f, v);
}

/* Sets the item's text field `name` to a copy of utf8 (NULL: none). */
static shmplot_status set_item_text(shmplot_figure *fig, spr_item *it,
				    const char *name, const char *utf8)
{
	const spr_field *f = spr_kind_field(it->kind, name);

	if (!f || !sp_text_ok(utf8, f->maxlen))
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s %s is not valid UTF-8 of at "
			       "most %zu bytes",
			       fig->spec.name, spr_kind_name(it->kind), name,
			       f ? f->maxlen : 0);
	if (spr_field_set_text(f, it->p, utf8) != 0)
		return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_plot(shmplot_axes *ax, shmplot_series x,
				 shmplot_series y, const char *label,
				 shmplot_line **out)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	shmplot_figure *fig = ax->fig;
	spr_axes *a = axes_spec(ax);
	/* A handle only for a caller who asked for one (a batch of 100,000
	 * plain lines holds none). */
	struct shmplot_line *h = out ? calloc(1, sizeof *h) : NULL;
	_Static_assert(offsetof(struct shmplot_line, item) == 0,
		       "a line handle is freed as its item");
	spr_item *it =
	    h || !out ? spr_axes_add(a, spr_kind_find("line")) : NULL;
	if (!it) {
		free(h);
		return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	shmplot_status st = set_field(fig, it, "x", x);
	if (!st)
		st = set_field(fig, it, "y", y);
	if (!st)
		st = set_item_text(fig, it, "label", label);
	if (st) {
		spr_item_free(it);
		a->nitems--;
		free(h);
		return st;
	}
	if (!out)
		return SHMPLOT_OK;
	h->item.fig = fig;
	h->item.axes = ax->index;
	h->item.twin = (unsigned char)ax->twin;
	h->item.index = a->nitems - 1;
	sp_fig_keep(fig, &h->item);
	*out = h;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_title(shmplot_axes *ax, const char *utf8)
{
	return ax ? set_text(ax->fig, &axes_spec(ax)->title, utf8, "title")
		  : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_axes_set_xlabel(shmplot_axes *ax, const char *utf8)
{
	return ax ? set_text(ax->fig, &axes_spec(ax)->xlabel, utf8, "x label")
		  : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_axes_set_ylabel(shmplot_axes *ax, const char *utf8)
{
	return ax ? set_text(ax->fig, &axes_spec(ax)->ylabel, utf8, "y label")
		  : SHMPLOT_E_INVALID;
}

static shmplot_status set_lim(shmplot_axes *ax, double lo, double hi,
			      double *lim, unsigned char *has,
			      const char *which)
{
	const double v[2] = {lo, hi};
	if (!lim_ok(v))
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s [%g, %g] must be finite and "
			       "differ (high to low inverts the axis)",
			       ax->fig->spec.name, which, lo, hi);
	lim[0] = lo;
	lim[1] = hi;
	*has = 1;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_xlim(shmplot_axes *ax, double lo, double hi)
{
	return ax ? set_lim(ax, lo, hi, axes_spec(ax)->xlim,
			    &axes_spec(ax)->has_xlim, "xlim")
		  : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_axes_set_ylim(shmplot_axes *ax, double lo, double hi)
{
	return ax ? set_lim(ax, lo, hi, axes_spec(ax)->ylim,
			    &axes_spec(ax)->has_ylim, "ylim")
		  : SHMPLOT_E_INVALID;
}

static shmplot_status set_scale(shmplot_axes *ax, shmplot_scale s,
				unsigned char *dst)
{
	if (!scale_ok((int)s))
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown scale %d",
			       ax->fig->spec.name, (int)s);
	*dst = (unsigned char)s;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_xscale(shmplot_axes *ax, shmplot_scale s)
{
	return ax ? set_scale(ax, s, &axes_spec(ax)->xscale)
		  : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_axes_set_yscale(shmplot_axes *ax, shmplot_scale s)
{
	return ax ? set_scale(ax, s, &axes_spec(ax)->yscale)
		  : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_axes_set_grid(shmplot_axes *ax, int on)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	axes_spec(ax)->grid = on != 0;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_facecolor(shmplot_axes *ax, uint32_t rgb)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (rgb > 0xffffff && rgb != SHMPLOT_COLOR_NONE)
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": facecolor 0x%x is not 0xRRGGBB "
			       "or SHMPLOT_COLOR_NONE",
			       ax->fig->spec.name, (unsigned)rgb);
	axes_spec(ax)->face =
	    rgb == SHMPLOT_COLOR_NONE ? SPR_NONE_COLOR : SPR_FACE_GIVEN | rgb;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_legend(shmplot_axes *ax, shmplot_legend_loc loc)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (!legend_ok((int)loc))
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown legend location %d",
			       ax->fig->spec.name, (int)loc);
	axes_spec(ax)->legend = (int)loc;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_pole_segments(shmplot_axes *ax, int on)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	axes_spec(ax)->pole_segments = on != 0;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_exact(shmplot_axes *ax, int on)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	axes_spec(ax)->exact = on != 0;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_aspect(shmplot_axes *ax, double aspect)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (!(aspect >= 0 && aspect <= SPR_ASPECT_MAX))
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": aspect %g must be 0 (auto) or "
			       "in (0, %g]",
			       ax->fig->spec.name, aspect, SPR_ASPECT_MAX);
	spr_axes_more *m = spr_axes_more_get(axes_spec(ax));
	if (!m)
		return sp_fig_err(ax->fig, SHMPLOT_E_NOMEM, "out of memory");
	/* an "auto" set overrides an image's "equal" */
	m->aspect = aspect == 0 ? SPR_ASPECT_AUTO : aspect;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_margins(shmplot_axes *ax, double x, double y)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (!margin_ok(x) || !margin_ok(y))
		return FIG_ERR(
		    ax->fig, SHMPLOT_E_INVALID,
		    "figure \"%s\": margins %g, %g must be above -0.5 "
		    "and at most %g",
		    ax->fig->spec.name, x, y, SPR_MARGIN_MAX);
	spr_axes *a = axes_spec(ax);
	spr_axes_more *m = spr_axes_more_get(a);
	if (!m)
		return sp_fig_err(ax->fig, SHMPLOT_E_NOMEM, "out of memory");
	a->has_margins = 1;
	m->margins[0] = x;
	m->margins[1] = y;
	return SHMPLOT_OK;
}

shmplot_status shmplot_line_set_color(shmplot_line *l, uint32_t rgb)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	/* the item's default (the cycle) is not a colour a caller sets */
	if (rgb > 0xffffff)
		return field_error(l->item.fig, item_of(l),
				   spr_kind_field(item_of(l)->kind, "color"),
				   rgb);
	return set_field(l->item.fig, item_of(l), "color", rgb);
}

shmplot_status shmplot_line_set_alpha(shmplot_line *l, double alpha)
{
	return l ? set_field(l->item.fig, item_of(l), "alpha", alpha)
		 : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_line_set_width(shmplot_line *l, double points)
{
	return l ? set_field(l->item.fig, item_of(l), "linewidth", points)
		 : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_line_set_style(shmplot_line *l, shmplot_linestyle style)
{
	return l ? set_field(l->item.fig, item_of(l), "linestyle", style)
		 : SHMPLOT_E_INVALID;
}

shmplot_status shmplot_line_set_marker(shmplot_line *l, shmplot_marker marker,
				       double size_pt)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	spr_item *it = item_of(l);
	const spr_field *m = spr_kind_field(it->kind, "marker");
	const spr_field *s = spr_kind_field(it->kind, "markersize");
	/* both are checked before either changes */
	if (!spr_field_accepts(m, marker))
		return field_error(l->item.fig, it, m, marker);
	if (!spr_field_accepts(s, size_pt))
		return field_error(l->item.fig, it, s, size_pt);
	spr_field_set(m, it->p, marker);
	spr_field_set(s, it->p, size_pt > 0 ? size_pt : s->def);
	return SHMPLOT_OK;
}
