/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: the interface a kind of plotted item implements
 * (one file each in render/kinds/) and the generic code that asks items
 * questions: validation (check.c), autoscale (limits.c), drawing
 * (canvas.c) and the legend (legend.c). None of those know any kind; a kind is
 * one file that defines a `const spr_kind spr_kind_NAME` and one line in
 * kinds/kinds.c.
 *
 * A kind provides:
 *  - its parameters: a struct of its own, and a table of spr_field
 *    descriptors (render.h) for every member, with ranges and defaults.
 *    From the table alone, generic code allocates, copies, frees and
 *    validates items, the figure API sets fields by name, and the batch
 *    serialiser (src/worker/blob.c) writes and reads them;
 *  - check: rules between fields that descriptors cannot say (x and y of
 *    one length), against the series table;
 *  - extents: what it adds to the data limits when an axis autoscales,
 *    and its sticky edges (matplotlib's: a bar's base, an image's sides;
 *    the margin never crosses them); none at all (NULL) for items that do
 *    not move the limits (reference lines, text);
 *  - draw: the item on the axes, clipped to them, in the colour generic
 *    code resolved (its own, or the next of the axes' cycle named by its
 *    colour field's flag), marking the legend's occupancy grid where it
 *    draws. Large data is reduced here, through the shared reducers
 *    (spr_m4 for polylines; see spr_reduce_wanted), because the reduced
 *    points stream straight into the kind's stroker and only the kind
 *    knows which of its parts survive reduction (markers do not);
 *  - legend: its handle in the legend box (NULL: never in the legend);
 *    its label is its SPR_FF_LABEL text field.
 */
#ifndef SHMPLOT_RENDER_ITEM_H
#define SHMPLOT_RENDER_ITEM_H

#include "draw.h"

/* What extents hooks fold their data into: one axes, both directions. */
typedef struct spr_scan {
	const spr_series *series;
	int log[2];       /* x, y on a log scale: values <= 0 have no place */
	int want[2];      /* the directions whose limits come from the data */
	double margin[2]; /* the axes' margins (ax.margins) of x and y */
	size_t nitems;    /* items on the axes */
	/* the x series last checked for order, and whether it is sorted
	 * (lines often share one x: checked once, a pass over x) */
	const spr_series *sorted_x;
	int sorted;
	/* xlo, xhi, ylo, yhi of the drawable data so far (lo > hi: none) */
	double e[4];
	/*
	 * The lowest and highest sticky edge so far, x then y (+inf, -inf:
	 * none). A kind reports its lowest and highest only: matplotlib
	 * bounds the margin by the sticky edge nearest the data's ends,
	 * which for edges inside the data is one of those two.
	 */
	double sticky[4];
	/*
	 * Values of reference lines that lay inside the view when they were
	 * added (lo, hi of x then y): matplotlib's axhline/axvline then ask
	 * for no autoscale, so they widen the limits only if a later item
	 * autoscales (spr_scan_release).
	 */
	double held[4];
} spr_scan;

enum { SPR_AS_BOTH, SPR_AS_X, SPR_AS_Y, SPR_AS_IF_OUTSIDE };

/* Folds the held values of directions d0 .. d1 into s->e (a later
 * item's autoscale takes the whole dataLim). */
static inline void spr_scan_release(spr_scan *s, int d0, int d1)
{
	for (int d = d0; d <= d1; d++) {
		s->e[2 * d] = fmin(s->e[2 * d], s->held[2 * d]);
		s->e[2 * d + 1] = fmax(s->e[2 * d + 1], s->held[2 * d + 1]);
		s->held[2 * d] = INFINITY;
		s->held[2 * d + 1] = -INFINITY;
	}
}

/*
 * matplotlib's autoscale_view of one axis (limits.c): nonsingular,
 * margins m (0.05 unless the axes sets them) stopping at the sticky edges
 * slo, shi; dlo NaN: no data, the empty view (0 .. 1, log 1 .. 10).
 */
void spr_autoscale(double dlo, double dhi, double slo, double shi, int log,
		   double m, double *lo, double *hi);

/* Folds a sticky edge at v in direction d (0: x, 1: y) into s. */
static inline void spr_scan_sticky(spr_scan *s, int d, double v)
{
	s->sticky[2 * d] = fmin(s->sticky[2 * d], v);
	s->sticky[2 * d + 1] = fmax(s->sticky[2 * d + 1], v);
}

/* Where a legend handle goes, in device px. */
typedef struct spr_handle {
	double x, y; /* the left end of its centre line */
	double w, h; /* matplotlib's handlelength and handleheight */
} spr_handle;

struct spr_kind {
	const char *name; /* the spec's "kind" and messages ("line") */
	/*
	 * matplotlib's zorder: items draw in its order (equal ones in the
	 * order they were added), patches (1) under the grid (1.5), lines
	 * (2) over it. 0 is an image's.
	 */
	double zorder;
	const char *doc; /* a line for the README's "Plot kinds" */
	size_t size;     /* of its parameters */
	const spr_field *fields;
	size_t nfields;
	/* 0, or -1 with a message (spr_err); NULL: no such rules */
	int (*check)(const void *p, const spr_series *series, char *err,
		     size_t errlen);
	/* folds the item's data into s->e and s->sticky; NULL: none */
	void (*extents)(const void *p, spr_scan *s);
	/*
	 * The directions matplotlib autoscales for the item (a later item's
	 * autoscale also takes the values held by reference lines before
	 * it): SPR_AS_BOTH (0) most kinds, SPR_AS_X / SPR_AS_Y a span's,
	 * SPR_AS_IF_OUTSIDE axhline/axvline's: only when the value lies
	 * outside the view of the items before it (they check get_ybound
	 * first), its extents hold the value otherwise.
	 */
	int autoscale;
	void (*draw)(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		     uint32_t color);
	/* NULL: the item has no legend entry */
	void (*legend)(const spr_ctx *r, const void *p, uint32_t color,
		       const spr_handle *h);
	/*
	 * 1: matplotlib labels the item's container (errorbar's
	 * ErrorbarContainer, bar's BarContainer), and a legend lists
	 * containers after the axes' other artists; 0: in the items' order.
	 */
	int legend_last;
	/*
	 * Fixed ticks the item gives axis d (0: x, 1: y), as matplotlib's
	 * categorical axis and bar's tick_label fix them: up to cap
	 * positions in v and their labels (pointing into p), returning how
	 * many; 0 or NULL: none. The axis takes the first item's that gives
	 * any (layout.c).
	 */
	size_t (*ticks)(const void *p, const spr_series *series, int d,
			double *v, const char **labels, size_t cap);
	/*
	 * The colorbar the item asks for (matplotlib's fig.colorbar of its
	 * mappable): 1 with *cb filled, or 0; NULL: never. The axes takes
	 * the first item's (colorbar.c).
	 */
	int (*colorbar)(const void *p, const spr_series *series, spr_cbar *cb);
	/*
	 * How the item wants the axes viewed (spr_view, draw.h): imshow's
	 * aspect and y axis pointing down; NULL: no wish. The last item's
	 * wins.
	 */
	void (*view)(const void *p, const spr_series *series, spr_view *v);
	/*
	 * Drops what the kind kept while one figure was drawn (hist's bins,
	 * counted once for the limits and the drawing); NULL: keeps
	 * nothing. Called before and after each figure (spr_kinds_forget).
	 */
	void (*forget)(void);
};

/* Every kind's forget(): nothing drawn before outlives its figure. */
void spr_kinds_forget(void);

/*
 * The item's colour: its first colour field's value, or for the default
 * a given SPR_FF_INSTEAD colour, else the next of the cycle its flag
 * names (cycles[0] lines, cycles[1] patches; tab10). Black when it has no
 * colour field.
 */
uint32_t spr_item_color(const spr_item *it, int cycles[2]);

/* Whether an item of n points is worth reducing on a: several points a
 * pixel column (whether it may be is the axes' `exact`). */
static inline int spr_reduce_wanted(const spr_axes_ctx *a, size_t n)
{
	return (double)n > 4 * fabs(a->x1 - a->x0);
}

/* A polyline, as the line kind draws it (kinds/line.c). */
typedef struct spr_polyline {
	const double *x; /* NULL: x is the index */
	const double *y;
	size_t n;
	double width_pt;
	int style; /* enum spr_linestyle, not SPR_LS_NONE */
	double alpha;
	uint32_t color;
	/* matplotlib's dash tuple (dash_offset, dashes), in line widths;
	 * NULL or empty: the style's pattern */
	const spr_array *dashes;
	double dash_offset;
} spr_polyline;

/*
 * Draws pl on a in the current source colour (its colour and alpha are
 * for translucent lines drawn in pieces): gaps at points without a
 * position, the jumps of sampled poles (spr_pole) skipped unless the axes
 * draws pole segments, clipped in double precision, reduced (M4) when x is
 * monotonic and the points many, simplified as matplotlib does otherwise
 * unless the axes is `exact`; marks the legend's occupancy grid. For
 * every kind that draws lines (a step, an error bar's caps ...).
 */
void spr_draw_polyline(const spr_ctx *r, spr_axes_ctx *a,
		       const spr_polyline *pl);

/*
 * A line through points (x NULL: the index) in a drawstyle (enum
 * spr_drawstyle: steps expand the points first, as matplotlib's
 * drawstyle does) with markers at the points themselves (kinds/line.c):
 * what plot and step draw.
 */
typedef struct spr_line_look {
	double width_pt, alpha, marker_pt;
	int style, marker, drawstyle;
	/* matplotlib's markerfacecolor, markeredgecolor (SPR_DEFAULT_COLOR:
	 * the line's colour; SPR_NONE_COLOR: none), markeredgewidth (NaN:
	 * 1 pt) and markevery ([N] or [start, N]; or the indices; both
	 * empty or NULL: every point) */
	uint32_t mfc, mec;
	double mew;
	const spr_array *every, *every_at;
	const spr_array *dashes; /* as spr_polyline's */
	double dash_offset;
} spr_line_look;

/* The markers' look of lk drawn in the line's colour. */
spr_mark_style spr_line_marks(const spr_line_look *lk, uint32_t color);

void spr_draw_line(const spr_ctx *r, spr_axes_ctx *a, const double *x,
		   const double *y, size_t n, const spr_line_look *lk,
		   uint32_t color);

/* matplotlib's Line2D legend handle: the line across, a marker midway. */
void spr_line_handle(const spr_ctx *r, const spr_line_look *lk, uint32_t color,
		     const spr_handle *h);

/* How a patch (a bar, a histogram's bar) looks. */
typedef struct spr_patch_look {
	uint32_t color;     /* fill */
	uint32_t edgecolor; /* SPR_DEFAULT_COLOR: no outline */
	double linewidth;   /* points, the outline */
	double alpha;
	int fill; /* 0: outline only (hist 'step') */
} spr_patch_look;

/*
 * The data rectangle [x0, x1] x [y0, y1] as matplotlib's Agg draws an
 * axis-aligned patch: corners snapped (whole px without an outline, px
 * centres under an odd-width one), fill then outline, each at alpha;
 * values <= 0 on a log axis reach beyond its low end; marks the legend's
 * occupancy grid (kinds/bar.c).
 */
void spr_draw_patch_rect(const spr_ctx *r, spr_axes_ctx *a,
			 const spr_patch_look *lk, double x0, double x1,
			 double y0, double y1);

/* matplotlib's HandlerPatch: the handle's rectangle as the patch looks. */
void spr_patch_handle(const spr_ctx *r, const spr_patch_look *lk,
		      const spr_handle *h);

/*
 * The vertices of points (x NULL: the index) drawn in drawstyle ds
 * (kinds/step.c): *ox, *oy newly allocated (the caller frees both), their
 * count returned; 0 with both NULL when out of memory or n is 0.
 */
size_t spr_steps(const double *x, const double *y, size_t n, int ds,
		 double **ox, double **oy);

/* Device px of axes fraction f along direction d (0: x, 1: y upwards)
 * (kinds/axline.c). */
double spr_axes_frac(const spr_axes_ctx *a, int d, double f);

#endif /* SHMPLOT_RENDER_ITEM_H */
