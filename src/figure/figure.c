/* Public figure description API: builds the renderer's spr_figure. */
#define _GNU_SOURCE
#include "figure/figure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIG_NAME_MAX 127
#define FIG_GRID_MAX 16

struct shmplot_axes {
	shmplot_figure *fig;
	int index;
};

struct shmplot_line {
	shmplot_figure *fig;
	int axes;
	size_t index;
	struct shmplot_line *next; /* every handle, for freeing */
};

struct shmplot_figure {
	spr_figure spec;
	struct shmplot_axes *axh; /* rows * cols handles */
	struct shmplot_line *lines;
	char errmsg[SP_ERRLEN];
};

#define FIG_ERR(fig, code, ...)                                                \
	sp_error((fig)->errmsg, sizeof(fig)->errmsg, code, __VA_ARGS__)

static shmplot_status check_fig_name(const char *name, char *err, size_t len)
{
	if (!name || !*name)
		return sp_error(err, len, SHMPLOT_E_INVALID,
				"figure name is empty");
	size_t n = strlen(name);
	if (n > FIG_NAME_MAX)
		return sp_error(err, len, SHMPLOT_E_INVALID,
				"figure name \"%.20s...\" is %zu bytes; the "
				"limit is %d",
				name, n, FIG_NAME_MAX);
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return sp_error(err, len, SHMPLOT_E_INVALID,
				"figure name \"%s\" is not a file name", name);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return sp_error(err, len, SHMPLOT_E_INVALID,
					"figure name \"%s\" contains %s", name,
					*p == '/' ? "'/'"
						  : "a control character");
	}
	return SHMPLOT_OK;
}

static void free_axes_contents(spr_axes *a)
{
	for (size_t i = 0; i < a->nlines; i++)
		free(a->lines[i].label);
	free(a->lines);
	free(a->title);
	free(a->xlabel);
	free(a->ylabel);
	memset(a, 0, sizeof *a);
}

static void free_grid(shmplot_figure *fig)
{
	int n = fig->spec.rows * fig->spec.cols;
	for (int i = 0; i < n && fig->spec.axes; i++)
		free_axes_contents(&fig->spec.axes[i]);
	free(fig->spec.axes);
	free(fig->axh);
	fig->spec.axes = NULL;
	fig->axh = NULL;
	while (fig->lines) {
		struct shmplot_line *next = fig->lines->next;
		free(fig->lines);
		fig->lines = next;
	}
}

static shmplot_status make_grid(shmplot_figure *fig, int rows, int cols)
{
	size_t n = (size_t)rows * (size_t)cols;
	spr_axes *axes = calloc(n, sizeof *axes);
	struct shmplot_axes *axh = calloc(n, sizeof *axh);
	if (!axes || !axh) {
		free(axes);
		free(axh);
		return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		axes[i].legend = SPR_LEG_NONE;
		axh[i].fig = fig;
		axh[i].index = (int)i;
	}
	free_grid(fig);
	fig->spec.axes = axes;
	fig->axh = axh;
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
	shmplot_status st = check_fig_name(name, err, errlen);
	if (st)
		return st;
	if (width_in == 0)
		width_in = 6.4;
	if (height_in == 0)
		height_in = 4.8;
	if (dpi == 0)
		dpi = 100;
	if (!isfinite(width_in) || !isfinite(height_in) || !isfinite(dpi) ||
	    width_in < 0 || height_in < 0 || dpi < 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"figure \"%s\": size %g x %g in at %g dpi is "
				"not positive and finite",
				name, width_in, height_in, dpi);
	double w = round(width_in * dpi), h = round(height_in * dpi);
	if (w < 1 || h < 1 || w > SPR_MAX_DIM || h > SPR_MAX_DIM ||
	    w * h > (double)SPR_MAX_PIXELS)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"figure \"%s\": %g x %g in at %g dpi is %.0f x "
				"%.0f px; each side must be 1..%d px and the "
				"area at most %u px",
				name, width_in, height_in, dpi, w, h,
				SPR_MAX_DIM, SPR_MAX_PIXELS);

	shmplot_figure *fig = calloc(1, sizeof *fig);
	if (!fig)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	fig->spec.name = strdup(name);
	fig->spec.width_in = width_in;
	fig->spec.height_in = height_in;
	fig->spec.dpi = dpi;
	if (!fig->spec.name || make_grid(fig, 1, 1) != SHMPLOT_OK) {
		free(fig->spec.name);
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
	free(fig->spec.name);
	free(fig);
}

const char *shmplot_figure_name(const shmplot_figure *fig)
{
	return fig ? fig->spec.name : NULL;
}

void shmplot_figure_pixel_size(const shmplot_figure *fig, int *w, int *h)
{
	spr_figure_pixel_size(&fig->spec, w, h);
}

shmplot_status shmplot_figure_set_grid(shmplot_figure *fig, int rows, int cols,
				       unsigned share)
{
	if (!fig)
		return SHMPLOT_E_INVALID;
	if (rows < 1 || rows > FIG_GRID_MAX || cols < 1 || cols > FIG_GRID_MAX)
		return FIG_ERR(fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": a %d x %d grid is outside "
			       "1..%d x 1..%d",
			       fig->spec.name, rows, cols, FIG_GRID_MAX,
			       FIG_GRID_MAX);
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
	return &fig->axh[row * fig->spec.cols + col];
}

const char *shmplot_figure_errmsg(const shmplot_figure *fig)
{
	return fig ? fig->errmsg : "";
}

const spr_figure *sp_figure_spec(const shmplot_figure *fig)
{
	return &fig->spec;
}

static spr_axes *axes_spec(shmplot_axes *ax)
{
	return &ax->fig->spec.axes[ax->index];
}

static spr_line *line_spec(shmplot_line *l)
{
	return &l->fig->spec.axes[l->axes].lines[l->index];
}

/* Copies optional UTF-8 text, rejecting invalid encodings early. */
static shmplot_status set_text(shmplot_figure *fig, char **dst,
			       const char *utf8, const char *what)
{
	char *copy = NULL;
	if (utf8) {
		const unsigned char *p = (const unsigned char *)utf8;
		while (*p) {
			int extra = *p < 0x80         ? 0
				    : (*p >> 5) == 6  ? 1
				    : (*p >> 4) == 14 ? 2
				    : (*p >> 3) == 30 ? 3
						      : -1;
			if (extra < 0)
				goto bad;
			p++;
			for (int i = 0; i < extra; i++, p++)
				if ((*p & 0xc0) != 0x80)
					goto bad;
		}
		copy = strdup(utf8);
		if (!copy)
			return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	free(*dst);
	*dst = copy;
	return SHMPLOT_OK;
bad:
	return FIG_ERR(fig, SHMPLOT_E_INVALID,
		       "figure \"%s\": %s is not valid UTF-8", fig->spec.name,
		       what);
}

shmplot_status shmplot_axes_plot(shmplot_axes *ax, shmplot_series x,
				 shmplot_series y, const char *label,
				 shmplot_line **out)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	shmplot_figure *fig = ax->fig;
	spr_axes *a = axes_spec(ax);
	if (a->nlines == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4;
		spr_line *lines = NULL;
		size_t bytes;
		if (!sp_mul(cap, sizeof *lines, &bytes))
			lines = realloc(a->lines, bytes);
		if (!lines)
			return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
		a->lines = lines;
		a->cap = cap;
	}
	struct shmplot_line *h = calloc(1, sizeof *h);
	if (!h)
		return FIG_ERR(fig, SHMPLOT_E_NOMEM, "out of memory");
	spr_line *l = &a->lines[a->nlines];
	memset(l, 0, sizeof *l);
	l->x = x;
	l->y = y;
	l->color = SPR_DEFAULT_COLOR;
	l->alpha = 1.0;
	l->width_pt = 1.5;
	l->style = SPR_LS_SOLID;
	l->marker = SPR_MK_NONE;
	l->marker_pt = 6.0;
	shmplot_status st = set_text(fig, &l->label, label, "line label");
	if (st) {
		free(h);
		return st;
	}
	h->fig = fig;
	h->axes = ax->index;
	h->index = a->nlines++;
	h->next = fig->lines;
	fig->lines = h;
	if (out)
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
			      double *lim, int *has, const char *which)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": %s [%g, %g] must be finite with "
			       "low < high",
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

static shmplot_status set_scale(shmplot_axes *ax, shmplot_scale s, int *dst)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (s != SHMPLOT_SCALE_LINEAR && s != SHMPLOT_SCALE_LOG)
		return FIG_ERR(ax->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown scale %d",
			       ax->fig->spec.name, (int)s);
	*dst = (int)s;
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

shmplot_status shmplot_axes_set_legend(shmplot_axes *ax, shmplot_legend_loc loc)
{
	if (!ax)
		return SHMPLOT_E_INVALID;
	if (loc < SHMPLOT_LEGEND_NONE || loc > SHMPLOT_LEGEND_CENTER)
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

shmplot_status shmplot_line_set_color(shmplot_line *l, uint32_t rgb)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	if (rgb > 0xffffff)
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": colour 0x%x is not 0xRRGGBB",
			       l->fig->spec.name, rgb);
	line_spec(l)->color = rgb;
	return SHMPLOT_OK;
}

shmplot_status shmplot_line_set_alpha(shmplot_line *l, double alpha)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	if (!(alpha >= 0 && alpha <= 1))
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": alpha %g is outside [0, 1]",
			       l->fig->spec.name, alpha);
	line_spec(l)->alpha = alpha;
	return SHMPLOT_OK;
}

shmplot_status shmplot_line_set_width(shmplot_line *l, double points)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	if (!(points >= 0 && points <= 100))
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": line width %g pt is outside "
			       "[0, 100]",
			       l->fig->spec.name, points);
	line_spec(l)->width_pt = points;
	return SHMPLOT_OK;
}

shmplot_status shmplot_line_set_style(shmplot_line *l, shmplot_linestyle style)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	if (style < SHMPLOT_LINE_SOLID || style > SHMPLOT_LINE_NONE)
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown line style %d",
			       l->fig->spec.name, (int)style);
	line_spec(l)->style = (int)style;
	return SHMPLOT_OK;
}

shmplot_status shmplot_line_set_marker(shmplot_line *l, shmplot_marker marker,
				       double size_pt)
{
	if (!l)
		return SHMPLOT_E_INVALID;
	if (marker < SHMPLOT_MARKER_NONE || marker > SHMPLOT_MARKER_CROSS)
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": unknown marker %d",
			       l->fig->spec.name, (int)marker);
	if (!(size_pt >= 0 && size_pt <= 200))
		return FIG_ERR(l->fig, SHMPLOT_E_INVALID,
			       "figure \"%s\": marker size %g pt is outside "
			       "[0, 200]",
			       l->fig->spec.name, size_pt);
	spr_line *s = line_spec(l);
	s->marker = (int)marker;
	s->marker_pt = size_pt > 0 ? size_pt : 6.0;
	return SHMPLOT_OK;
}
