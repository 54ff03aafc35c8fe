/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: what the drawing files share. The per-render and
 * per-axes state, matplotlib's rc constants that more than one file uses,
 * and the drawing helpers (stroker, markers, labels, the legend's
 * occupancy grid). Constants follow matplotlib's rc defaults so figures
 * look like matplotlib's.
 */
#ifndef SHMPLOT_RENDER_DRAW_H
#define SHMPLOT_RENDER_DRAW_H

#include "colorbar.h"
#include "render_internal.h"
#include "ticks.h"

/* matplotlib rc defaults, in points unless noted */
#define FONT_PT       10.0
#define TITLE_PT      12.0
#define TICK_LEN_PT   3.5
#define TICK_PAD_PT   3.5
#define MINOR_LEN_PT  2.0
#define MINOR_PAD_PT  3.4
#define LABEL_PAD_PT  4.0
#define TITLE_PAD_PT  6.0
#define OFFSET_PAD_PT 3.0
#define LAYOUT_PAD_PT 1.0 /* minimum gap between a label and the edge */
/* Longest polyline handed to one cairo_stroke (cairo is superlinear). */
#define STROKE_CHUNK 1000

/* --- per-render state (canvas.c) ----------------------------------------- */

/*
 * A title, axis label or legend entry: lines split at '\n', laid out as
 * matplotlib's Text._get_layout lays them out (linespacing 1.2), at the
 * size asked for whatever its length.
 */
typedef struct spr_mtext {
	const char *s;        /* the text (not owned); NULL or "": nothing */
	const spr_font *font; /* the face it is drawn in (r->font's family) */
	double size;          /* font size, px */
	double width;         /* the widest line's advance */
	double height;    /* box: the first line's top to the last's bottom */
	double ascent;    /* box top to the first line's baseline */
	double descent;   /* the last line's baseline to the box bottom */
	double lp_ascent; /* the font's minimum ascent ("l") at size */
	size_t lines;     /* 0 for no text */
} spr_mtext;

/* One axis' tick marks and labels as drawn: its options resolved to px
 * (axis_draw.c). Index [0] major, [1] minor. */
typedef struct spr_tick_style {
	double len[2], w[2], pad[2];
	int dir[2]; /* enum spr_tickdir */
	double fs;  /* label font size, px */
	uint32_t color, labelcolor;
	int tick1, tick2, label1, label2;
	double rot; /* degrees counter-clockwise */
	int ha;     /* enum spr_ha */
	int anchor; /* rotation_mode 'anchor' */
} spr_tick_style;
/*
 * How an item wants its axes viewed (an image's set_aspect and the
 * orientation of its extent): the axes takes the last item's wish, as
 * matplotlib's last call wins.
 */
typedef struct spr_view {
	double aspect; /* on-screen y per x unit: 1 square; 0 fill the box */
	int inv[2];    /* x, y: the axis runs from its high end to its low */
} spr_view;

/* One axes while it is laid out and drawn. */
typedef struct spr_axes_ctx {
	const spr_axes *ax;
	int index, row, col;
	int show_xt, show_yt;  /* tick labels shown (hidden inside shared) */
	double dlo[2], dhi[2]; /* data extents (x, y), NaN if none */
	double slo[2], shi[2]; /* sticky edges (x, y), +-inf if none */
	double xlo, xhi, ylo, yhi; /* view limits, lo < hi */
	int lim_inv[2]; /* x, y limits given high to low (view.inv follows) */
	double x0, y0, x1, y1; /* axes rectangle, device px, y down */
	double need_l, need_r, need_t, need_b; /* decoration extents */
	spr_ticks xt, yt;
	spr_map mx, my;
	unsigned char *occ; /* legend occupancy grid, occ_w x occ_h */
	int occ_w, occ_h;
	/* patches' boxes for 'best', device px: x0, y0, x1, y1 each */
	double *occ_box;
	size_t occ_nbox, occ_capbox;
	int leg_loc;   /* legend position drawn */
	double leg[4]; /* legend frame */
	/* measured once, before the layout (spr_layout) */
	spr_mtext title, xlabel, ylabel;
	double title_box[4]; /* where the title was drawn: x, y, w, h */
	/* a colorbar (colorbar.c): what it shows, where (its box, and the
	 * right edge the axes had before it took its room), its ticks */
	int has_cb;
	spr_cbar cb;
	double cb_box[4]; /* x0, y0, x1, y1 */
	double cb_right;
	spr_ticks cbt;
	spr_map cbm;
	spr_mtext cb_label;
	spr_tick_style ts[2]; /* of x and y */
	int hide[2];          /* axis d not drawn (a twin's shared one) */
	int parent;           /* a twin: the axes it is drawn in; else -1 */
	int twin_kind;        /* a twin: SPR_TWINX or SPR_TWINY; else 0 */
	double top_lift;      /* the title's rise over a twin's top labels */
	/* a twinx's axes (its y offset text beside the title), or NULL */
	const struct spr_axes_ctx *twinx;
	/* the items' view (limits.c): inv[d] theirs where the limits of
	 * axis d come from the data, else lim_inv[d]; the box shrinks to
	 * aspect (layout.c) */
	spr_view view;
} spr_axes_ctx;

/* A figure's options (spr_figure_kind's parameters, figtext.c). */
typedef struct spr_fig_opts {
	char *suptitle, *supxlabel, *supylabel; /* UTF-8 or NULL */
	/* points; < 0: minus a factor of font_size (SPR_SIZE_SCALE_MAX) */
	double font_size, title_size, label_size, xtick_size, ytick_size;
	double legend_size, figtitle_size, figlabel_size;
	/* fontweights (spr_weight_names) of titles, labels, suptitle and
	 * supxlabel / supylabel */
	int title_weight, label_weight, figtitle_weight, figlabel_weight;
	uint32_t facecolor; /* figure.facecolor, 0xRRGGBB or SPR_NONE_COLOR */
	/* matplotlib's savefig(transparent=True): the figure's and every
	 * axes' background clear */
	int transparent;
} spr_fig_opts;

/* The figure's background colour (figure.facecolor, white), or
 * SPR_NONE_COLOR when it is clear ("none", or transparent). */
uint32_t spr_fig_facecolor(const spr_figure *fig);
/* Whether the axes' background is clear: transparent, or its face none. */
int spr_axes_face_clear(const spr_figure *fig, const spr_axes *a);

/* A figure's font sizes in px, resolved (spr_fig_sizes). */
typedef struct spr_sizes {
	double font, title, label, xtick, ytick, legend, figtitle, figlabel;
	/* rcParams' axes.titleweight, axes.labelweight, figure.titleweight,
	 * figure.labelweight: indices in spr_weight_names */
	int title_w, label_w, figtitle_w, figlabel_w;
} spr_sizes;

/* The figure texts, measured, and the room each takes from the figure's
 * top, bottom and left edge, px (0: none). */
typedef struct spr_figtext {
	spr_mtext sup, supx, supy;
	double top, bottom, left;
} spr_figtext;

/* Figure-fraction places of matplotlib's suptitle (top), supxlabel
 * (bottom) and supylabel (left edge). */
#define SUP_Y  0.98
#define SUPX_Y 0.01
#define SUPY_X 0.02

/* One render: everything lives on spr_render's stack. */
typedef struct spr_ctx {
	cairo_t *cr;
	const spr_font *font;
	const spr_figure *fig;
	const spr_series *series;
	int W, H;
	double pt;      /* device pixels per point */
	double fs;      /* tick label font size, px (of the axis drawn) */
	spr_sizes sz;   /* the figure's font sizes */
	spr_figtext ft; /* the figure's texts (measured before the layout) */
	size_t chunk;   /* vertices per cairo_stroke of a line */
	/* 1: a PDF or SVG surface (vector.c), drawn in px through a scale:
	 * no pixel writes, markers as paths */
	int vector;
} spr_ctx;

/* --- the stages of a render, in order ------------------------------------ */

/*
 * Checks everything spr_render promises to refuse (check.c) and gives the
 * pixel size. 0, or -1 with the message.
 */
int spr_check_figure(const spr_figure *fig, const spr_series *series,
		     size_t nseries, int *w, int *h, char *err, size_t errlen);

/* View limits of every axes: explicit, shared or autoscaled; the ntwins
 * twins after the naxes of the grid share their parent's (limits.c). */
void spr_set_limits(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes,
		    size_t ntwins);

/*
 * 1 if doubles place every value of the view [lo, hi] of an axis len_px
 * long within half a pixel: finite, distinct limits (positive on a log
 * axis) and, where they reach below DBL_MIN, a span that the subnormals'
 * spacing resolves (limits.c). Else 0: such a view is refused.
 */
int spr_view_drawable(double lo, double hi, int log, double len_px);

/* 0 if every axes' views are drawable, else -1 with a message naming the
 * axes and its limits (limits.c). */
int spr_check_views(const spr_axes_ctx *ac, size_t naxes, char *err,
		    size_t errlen);

/* Axes rectangles, ticks and the data -> pixel maps; the ntwins twins
 * after the grid's naxes in their parents' boxes (layout.c). */
void spr_layout(const spr_ctx *r, spr_axes_ctx *ac, size_t naxes,
		size_t ntwins);

/* Grid lines under the data (decorations.c). */
void spr_draw_grid(const spr_ctx *r, const spr_axes_ctx *a);

/* Spines and tick marks over the data (decorations.c). */
void spr_draw_frame(const spr_ctx *r, const spr_axes_ctx *a);
/* The axes' background (axes.facecolor, white) where the figure's is
 * another colour (decorations.c). */
void spr_draw_axes_face(const spr_ctx *r, const spr_axes_ctx *a);

/*
 * The baseline of a title of box tb starting at x: TITLE_PAD_PT above the
 * axes, or, where its box would meet the y offset text's, TITLE_PAD_PT
 * above the offset's top, as matplotlib's _update_title_position moves it
 * (decorations.c).
 */
double spr_title_baseline(const spr_ctx *r, const spr_axes_ctx *a,
			  const spr_text_box *tb, double x);

/* The box of a title around its last line's baseline (matplotlib's
 * 'baseline' alignment of a title of several lines): ascent is its top. */
spr_text_box spr_title_box(const spr_mtext *m);

/* --- ticks and tick labels of any side (axis_draw.c) --------------------- */

/* set_xticks widens the view to its ticks (autoscaled views only). */
void spr_view_ticks(spr_axes_ctx *a);
/* a->ts from the axes' tick options and the rc defaults. */
void spr_tick_style_init(const spr_ctx *r, spr_axes_ctx *a);
/* Locates and labels a->xt and a->yt for axes lengths of a (the axis'
 * fixed ticks, its format, its minor ticks). */
void spr_axis_ticks(const spr_ctx *r, spr_axes_ctx *a);
/* The reach of both axes' tick marks and labels beyond the axes box, into
 * a->need_* (layout.c adds the axis labels and title); reach gets where
 * each side's axis label starts, from the box: bottom, left, top, right. */
void spr_axis_measure(const spr_ctx *r, spr_axes_ctx *a, double reach[4]);
/* Tick marks of both axes, every side asked for. */
void spr_axis_draw_marks(const spr_ctx *r, const spr_axes_ctx *a);
/*
 * Tick labels and offset texts of both axes; edge gets the outer edge of
 * each side's labels (bottom, left, top, right: where an axis label goes).
 */
void spr_axis_draw_labels(const spr_ctx *r, const spr_axes_ctx *a,
			  double edge[4]);
/* Spine to label of axis d's style: pad plus the ticks' outer reach. */
double spr_style_gap(const spr_tick_style *ts, int minor);

/* Tick labels, offset texts, axis labels and the title (decorations.c). */
void spr_draw_labels(const spr_ctx *r, spr_axes_ctx *a);

/*
 * The colorbar of an axes (colorbar.c): spr_cbar_find fills a->has_cb and
 * a->cb from its items before the layout; spr_cbar_place takes the room
 * from the placed box; spr_cbar_ticks locates its ticks; spr_cbar_reach
 * says how far its decorations reach right of a->cb_right; spr_cbar_draw
 * draws it.
 */
void spr_cbar_find(const spr_ctx *r, spr_axes_ctx *a);
void spr_cbar_place(spr_axes_ctx *a);
void spr_cbar_ticks(const spr_ctx *r, spr_axes_ctx *a);
double spr_cbar_reach(const spr_ctx *r, const spr_axes_ctx *a);
void spr_cbar_draw(const spr_ctx *r, const spr_axes_ctx *a);

/* The legend, placed by a->ax->legend ('best' reads a->occ) (legend.c). */
void spr_draw_legend(const spr_ctx *r, spr_axes_ctx *a);
/* How far a legend anchored outside the axes (bbox_to_anchor) reaches
 * beyond their box, px: left, top, right, bottom (<= 0: not beyond). */
void spr_legend_reach(const spr_ctx *r, const spr_axes_ctx *a, double need[4]);

/* --- colour and pixel snapping ------------------------------------------- */

static inline void spr_set_rgb(cairo_t *cr, uint32_t c, double alpha)
{
	cairo_set_source_rgba(cr, ((c >> 16) & 0xff) / 255.0,
			      ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0,
			      alpha);
}

/* matplotlib's PathSnapper: pixel centres for odd widths, edges for even. */
static inline double spr_snap(double v, double lw)
{
	return ((long)floor(lw + 0.5) % 2) ? floor(v + 0.5) + 0.5
					   : floor(v + 0.5);
}

/* --- text of the decorations (text.c) ------------------------------------ */

/* A tick label: base text plus optional superscript (log axes). */
typedef struct spr_label_box {
	double w, asc, desc;
	double base_w; /* width of the base part */
	/* the room mathtext's raster adds above and below a label with an
	 * exponent, which moves top-aligned (x) labels and what is below
	 * them (0 without an exponent) */
	double pad_top, pad_bottom;
} spr_label_box;

/* Spine to tick label: tick length plus pad, major or minor. */
double spr_tick_gap(const spr_ctx *r, int minor);

spr_label_box spr_tick_label_measure(const spr_ctx *r, const char *base,
				     const char *sup);
/* Draws a label with its baseline at y; one with an exponent lands on
 * whole pixels, as matplotlib places mathtext. */
void spr_tick_label_draw(const spr_ctx *r, const char *base, const char *sup,
			 double x, double y);

/*
 * A plain line as matplotlib's Text draws it (_preprocess_math): "\$" is a
 * dollar sign. Returns s itself (no '$' in it: one memchr), or a copy
 * without the backslashes in buf (cap bytes) or malloc'ed (the caller
 * frees it when it is neither); *n is updated. NULL when out of memory.
 */
const char *spr_plain_text(const char *s, size_t *n, char *buf, size_t cap);

/* Measures s at size px: each line laid out once. */
spr_mtext spr_mtext_measure(const spr_ctx *r, const char *s, double size);
/* The same in the face of a fontweight (an index in spr_weight_names:
 * matplotlib's axes.titleweight & co pick DejaVu Sans Bold from
 * "semibold" up). */
spr_mtext spr_mtext_measure_weight(const spr_ctx *r, const char *s, double size,
				   int weight);
/* ... and of a fontstyle too (spr_fstyle_names: italic and oblique are
 * DejaVu Sans Oblique). */
spr_mtext spr_mtext_measure_face(const spr_ctx *r, const char *s, double size,
				 int weight, int style);
/* A size field's value (points, or below 0 minus a factor of font.size)
 * in px; NaN: def px. */
double spr_size_px(const spr_ctx *r, double v, double def);
/* Axes ax's title, x label or y label (SPR_AXOPT_TITLE ...) measured in
 * its font: its own (set_title(fontsize=, ...)) over the rcParams'. */
spr_mtext spr_label_measure(const spr_ctx *r, const spr_axes *ax, int which);

/* The figure's sizes for a render at pt px per point (figtext.c). */
void spr_fig_sizes(const spr_figure *fig, double pt, spr_sizes *s);

/* Measures r->fig's texts into t (before the layout). */
void spr_figtext_measure(const spr_ctx *r, spr_figtext *t);
void spr_figtext_draw(const spr_ctx *r, const spr_figtext *t);

/*
 * Draws m rotated by angle (0 or M_PI / 2, counter-clockwise) with the
 * top edge of its box through (x, y) in its own frame, each line's run
 * moved back by align times its advance along the text (0: lines start at
 * (x, y)'s side, left-aligned; 0.5: centred on it). Each line is laid out
 * once more, to draw it.
 */
void spr_mtext_draw(const spr_ctx *r, const spr_mtext *m, double x, double y,
		    double align, double angle);

/* --- the legend's occupancy grid (legend.c) ------------------------------ */

/*
 * 'best' legend placement counts the cells of a coarse grid over the axes
 * that the data passes through. Items mark it while they draw (a->occ is
 * NULL when the legend is not 'best'): a point, or a clipped segment.
 */
void spr_occ_begin(spr_axes_ctx *a);
void spr_occ_end(spr_axes_ctx *a);
void spr_occ_mark(spr_axes_ctx *a, double x, double y);
void spr_occ_segment(spr_axes_ctx *a, double x0, double y0, double x1,
		     double y1);
/*
 * A patch's box (a bar, a span, a histogram's outline), as matplotlib's
 * _find_best_position counts patches: each box a candidate overlaps adds
 * one, however much of it (a line's vertices and crossings count in the
 * grid). Collections (fill_between) are not counted, as in matplotlib.
 */
void spr_occ_box(spr_axes_ctx *a, double x0, double y0, double x1, double y1);

/* --- strokes (stroke.c) -------------------------------------------------- */

/*
 * Liang-Barsky: clips the segment to [xmin,xmax] x [ymin,ymax]. Returns 0 if
 * nothing is left; otherwise t0 and t1 get the kept parameter range.
 * Inline: the line's pipe calls it for every segment it draws.
 */
static inline int spr_clip_segment(double x0, double y0, double x1, double y1,
				   double xmin, double ymin, double xmax,
				   double ymax, double *t0, double *t1)
{
	double p[4], q[4], a = 0, b = 1;
	int i;

	/* both ends inside (most segments of a line in its view): the loop
	 * below would give 0 and 1 too, after four divisions (q / p moves
	 * neither bound: q and p have opposite signs, or q >= p > 0) */
	if (x0 >= xmin && x0 <= xmax && x1 >= xmin && x1 <= xmax &&
	    y0 >= ymin && y0 <= ymax && y1 >= ymin && y1 <= ymax) {
		*t0 = 0;
		*t1 = 1;
		return 1;
	}
	p[0] = -(x1 - x0);
	q[0] = x0 - xmin;
	p[1] = x1 - x0;
	q[1] = xmax - x0;
	p[2] = -(y1 - y0);
	q[2] = y0 - ymin;
	p[3] = y1 - y0;
	q[3] = ymax - y0;
	for (i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		double t = q[i] / p[i];
		if (p[i] < 0) {
			if (t > b)
				return 0;
			if (t > a)
				a = t;
		} else {
			if (t < a)
				return 0;
			if (t < b)
				b = t;
		}
	}
	*t0 = a;
	*t1 = b;
	return 1;
}

/*
 * A stroker that cuts long polylines into chunks and keeps dashes going.
 * A translucent line that needs more than one chunk is stroked opaque into
 * a group painted once with its alpha, so the chunks' overlapping ends do
 * not show as darker spots; a line of one chunk is stroked directly.
 *
 * An aligned line (solid, drawn aliased: see pipe_seam) is cut where the
 * pipe says, and its chunks overlap by one segment and end with butt
 * caps: cairo's stroke of a path covers the union of its segments'
 * rectangles and the round joins at its vertices, and a seam placed this
 * way leaves every rectangle and every join in one of the two chunks (the
 * join at the shared segment's far end in the second, whose path goes
 * through it) and adds nothing. Anti-aliased, two strokes that meet along
 * a butt end would leave a faint seam across the line (coverage is
 * composited, not united), so other lines restart at the current point
 * with round caps.
 */
/* Most values of a dash pattern (a line's dashes field). */
#define SPR_MAX_DASHES 8

typedef struct spr_stroker {
	cairo_t *cr;
	int pen;       /* a subpath is open */
	size_t nvert;  /* vertices in the current path */
	double cx, cy; /* current point */
	double bx, by; /* the vertex before it in the subpath, if hasb */
	int hasb;
	double dashlen; /* path length since the subpath began */
	double dash[SPR_MAX_DASHES];
	int ndash;
	double dashphase; /* dash offset currently set on the context */
	double dash0;     /* the pattern's offset where a subpath begins */
	double alpha;     /* the line's alpha */
	uint32_t color;   /* the line's colour */
	int grouped;      /* strokes go to a pushed group */
	size_t chunk;     /* vertices per cairo_stroke */
	/* the pipe cuts the line (spr_stroker_seam), the stroker itself only
	 * past SEAM_SLACK chunks (solid lines drawn aliased: see pipe_seam) */
	int aligned;
	/* square caps drawn as fills (solid lines, whose chunks are stroked
	 * with round caps so that seams draw as the round join would) */
	int sqcaps;
	int seamed; /* the line has been flushed before its end */
	double lw;
	double sx, sy;   /* the subpath's first point */
	double fdx, fdy; /* its first non-degenerate direction (0, 0: none) */
	double ldx, ldy; /* the last one */
	int drawn;       /* the subpath has a segment */
	double *caps;    /* pending cap quads, 8 doubles each */
	size_t ncaps, capcap;
} spr_stroker;

/* Sets the line width, round joins, caps and the dash pattern of a line
 * style (enum spr_linestyle) on r->cr and in s. */
void spr_stroke_style(const spr_ctx *r, double width_pt, int style,
		      spr_stroker *s);
/* The same with matplotlib's dash tuple (offset, (on, off, ...)) in
 * units of the line width (lines.scale_dashes) instead of the style's
 * pattern when dashes is not NULL and has values. */
void spr_stroke_dashes(const spr_ctx *r, double width_pt, int style,
		       const spr_array *dashes, double offset, spr_stroker *s);
/* Starts a subpath at (x, y). */
void spr_stroker_move(spr_stroker *s, double x, double y);
/* Continues the subpath to (x, y). */
void spr_stroker_line(spr_stroker *s, double x, double y);
/* Cuts an aligned line after the current point (see pipe_seam). */
void spr_stroker_seam(spr_stroker *s);
/* Strokes what is left and paints the group, if any. */
void spr_stroker_end(spr_stroker *s);

/* --- markers (markers.c, stamp.c) ----------------------------------------- */

/* matplotlib's names and symbols of the markers (enum spr_marker), for
 * the kinds' marker fields (marker_shapes.c). */
extern const char *const spr_marker_names[];
extern const char *const spr_marker_syms[];

/* What a marker is besides its path (marker_shapes.c). */
typedef struct spr_marker_info {
	int filled;  /* 0: a line marker, only stroked (+ x | _ 1 2 3 4) */
	int join;    /* cairo_line_join_t of its edge */
	double snap; /* matplotlib's snap threshold, px; 0: never by size */
	int aligned; /* axis-aligned segments only: Agg's auto snapping */
	int parts;   /* subpaths, each stroked on its own (Agg adds them) */
} spr_marker_info;

const spr_marker_info *spr_marker_info_of(int marker);
int spr_marker_filled(int marker);
/* A circle marker's radius over its size (0.5 "o", 0.25 "."), else 0. */
double spr_marker_circle(int marker);
/*
 * Subpath part of a polygon or line marker of size px: its vertices in
 * device px around the marker's origin (y down) into xy (at most
 * SPR_MARKER_MAXV x, y pairs), *closed for a polygon. The count, 0 when
 * there is no such part (or the marker is a circle).
 */
#define SPR_MARKER_MAXV 10
int spr_marker_part(int marker, double size, int part, double *xy, int *closed);

/*
 * A marker rasterised once (markers.c), to be stamped at whole-pixel
 * offsets: a side x side square of px whose pixel (r, r) is the one the
 * marker is placed on, holding per px the marker's coverage e (fill, then
 * edge over it, at the line's alpha) as w = -log(1 - e), so that stamps
 * over stamps add up: n layers leave (1 - e1) ... (1 - en) of what was
 * under them. [ix0, ix1] x [iy0, iy1] bounds the px with w > 0.
 */
typedef struct spr_stamp {
	int r, side;
	int ix0, iy0, ix1, iy1;
	float *w;      /* NULL: nothing to draw */
	int auto_snap; /* made by spr_stamp_make_auto */
} spr_stamp;

/*
 * The stamp of a marker (enum spr_marker) of size px, edged lw px wide,
 * at alpha. 0, or -1 out of memory (*st empty). Free with spr_stamp_free.
 */
int spr_stamp_make(spr_stamp *st, int marker, double size, double lw,
		   double alpha);
/* The same snapped as Agg snaps a marker whose gc leaves snapping to it (a
 * scatter's): squares and plus only, at any size; others never. */
int spr_stamp_make_auto(spr_stamp *st, int marker, double size, double lw,
			double alpha);
void spr_stamp_free(spr_stamp *st);

/* Where stamps go: point i at (x[i], y[i]) (x NULL: i) through the maps,
 * or in device px when mx and my are NULL. */
typedef struct spr_marks {
	const double *x, *y;
	size_t n;
	const spr_map *mx, *my;
} spr_marks;

/*
 * Whether cr draws straight on an image whose pixels code may write: 0 an
 * RGB24 one, 1 a premultiplied ARGB32 one (a figure with a clear
 * background), -1 neither (a group, a vector surface).
 */
int spr_image_target_argb(cairo_t *cr);

/*
 * Stamps st in colour at each point of m, on the device px box [x0, x1]
 * x [y0, y1] (inclusive; clamped to the surface) of r->cr's target, each
 * over the ones before it (stamp.c); marks the legend's occupancy grid of
 * occ (may be NULL) at every point.
 */
void spr_stamp_draw(const spr_ctx *r, const spr_stamp *st, uint32_t color,
		    const spr_marks *m, const int box[4], spr_axes_ctx *occ);

/*
 * What spr_stamp_draw() draws, composited into a transparent ARGB32 layer
 * over the box (clamped to the figure) and painted on r->cr pixel for
 * pixel: a dense cloud of markers on a PDF or SVG surface, as an image of
 * the box's pixels. 0, or -1 out of memory (nothing drawn).
 */
int spr_stamp_draw_layer(const spr_ctx *r, const spr_stamp *st, uint32_t color,
			 const spr_marks *m, const int box[4],
			 spr_axes_ctx *occ);

/* Paints the premultiplied ARGB32 image layer with its px (0, 0) at
 * device px (x, y), unfiltered: at the figure's dpi a rasteriser can put
 * its pixels on the PNG's. */
void spr_layer_paint(const spr_ctx *r, cairo_surface_t *layer, int x, int y);

/*
 * What spr_stamp_draw() of a stamp of (marker, size, lw, alpha) made by
 * spr_stamp_make (auto_snap 0) or spr_stamp_make_auto (1) draws, as paths
 * on a PDF or SVG surface (r->vector): a path per occupied pixel at the
 * opacity of the markers stacked there (markers.c).
 */
void spr_marks_vector(const spr_ctx *r, const spr_marks *m, int marker,
		      double size, double lw, uint32_t color, double alpha,
		      int auto_snap, const int box[4], spr_axes_ctx *occ);

/*
 * A marker (enum spr_marker) of size_pt at every point of y against x
 * (xv NULL: the index) in view, in colour at alpha, marking the occupancy
 * grid; clipped to the axes rounded to whole pixels, as matplotlib clips.
 */
void spr_draw_markers(const spr_ctx *r, spr_axes_ctx *a, const double *xv,
		      const double *yv, size_t n, int marker, double size_pt,
		      uint32_t color, double alpha);

/* One marker at device (x, y), clipped to the figure (a legend handle). */
void spr_draw_marker_at(const spr_ctx *r, double x, double y, int marker,
			double size_pt, uint32_t color, double alpha);

/* What a stamp or a vector marker holds: its fill, its edge, or both. */
#define SPR_MARK_FILL 1
#define SPR_MARK_EDGE 2

/* spr_marks_vector() of the parts (SPR_MARK_FILL | SPR_MARK_EDGE) only. */
void spr_marks_vector_parts(const spr_ctx *r, const spr_marks *m, int marker,
			    double size, double lw, uint32_t color,
			    double alpha, int auto_snap, int parts,
			    const int box[4], spr_axes_ctx *occ);

/* Markers as matplotlib's Line2D draws them: marker, markersize,
 * markeredgewidth, markerfacecolor and markeredgecolor (0xRRGGBB or
 * SPR_NONE_COLOR: none; a line marker has no face), alpha. */
typedef struct spr_mark_style {
	int marker;
	double size_pt, edge_pt;
	uint32_t face, edge;
	double alpha;
} spr_mark_style;

/* spr_draw_markers() and spr_draw_marker_at() in the style ms. */
void spr_draw_markers_style(const spr_ctx *r, spr_axes_ctx *a, const double *xv,
			    const double *yv, size_t n,
			    const spr_mark_style *ms);
void spr_draw_marker_style_at(const spr_ctx *r, double x, double y,
			      const spr_mark_style *ms);

#endif /* SHMPLOT_RENDER_DRAW_H */
