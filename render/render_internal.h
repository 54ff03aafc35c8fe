/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: shared between the renderer's translation units and
 * its unit tests. Nothing here is part of the runtime's interface.
 */
#ifndef SHMPLOT_RENDER_INTERNAL_H
#define SHMPLOT_RENDER_INTERNAL_H

#include "render.h"

#include <math.h>
#include <stdarg.h>

/* Writes a formatted message to err (if any); always returns -1. */
int spr_err(char *err, size_t errlen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* a * b into *out; returns -1 (leaving *out alone) if it would overflow. */
int spr_mul_size(size_t a, size_t b, size_t *out);
/* malloc(n * size) with the product overflow-checked; NULL on failure. */
void *spr_mallocn(size_t n, size_t size);
/* calloc(n, size), NULL also when n * size is 0. */
void *spr_callocn(size_t n, size_t size);

/* --- text ------------------------------------------------------------- */

/* Metrics of a laid-out single line of text, in pixels. */
typedef struct spr_text_box {
	double width;   /* advance width */
	double ascent;  /* above the baseline, at least that of "l" */
	double descent; /* below the baseline (positive), at least "p"'s */
} spr_text_box;

/* Measures utf8 at size_px. Invalid UTF-8 bytes are drawn as U+FFFD. */
spr_text_box spr_text_measure(cairo_t *cr, const spr_font *font,
			      const char *utf8, double size_px);
/* spr_text_measure() of the len bytes at utf8 (one line of a text). */
spr_text_box spr_text_measure_run(cairo_t *cr, const spr_font *font,
				  const char *utf8, size_t len, double size_px);

/*
 * The ink box of the len bytes at utf8 laid out as spr_text_draw_run lays
 * them out, relative to the run's baseline origin (y down): x0, y0, x1,
 * y1. All 0 when it has no ink. matplotlib aligns a Text by its ink's
 * width (FT2Font's glyph box), not by its advance.
 */
void spr_text_ink_run(cairo_t *cr, const spr_font *font, const char *utf8,
		      size_t len, double size_px, double box[4]);

/*
 * The ink box of the character cp at size_px, relative to its origin
 * (y down): x0, y0, x1, y1. All 0 when it has no ink.
 */
void spr_glyph_ink(cairo_t *cr, const spr_font *font, uint32_t cp,
		   double size_px, double box[4]);

/*
 * A glyph's metrics as matplotlib's mathtext reads them from FreeType
 * (pixels, y up): the unhinted advance; width, height, the top (iceberg)
 * and the ink box of the glyph autohinted at 8 times the resolution across
 * (Agg's hinting_factor). spr_glyph_mpl() returns 0, or -1 when the font
 * has no glyph for cp; spr_kern_mpl() is FT2Font.get_kerning(a, b) as
 * mathtext 3.6 calls it: with the code points where glyph indices belong
 * (its quirk, kept: it is what places matplotlib's glyphs).
 */
typedef struct spr_glyph_mpl_metrics {
	double advance, width, height, iceberg;
	double xmin, ymin, xmax, ymax;
} spr_glyph_mpl_metrics;
int spr_glyph_mpl(const spr_font *font, uint32_t cp, double size_px,
		  spr_glyph_mpl_metrics *m);
double spr_kern_mpl(const spr_font *font, uint32_t a, uint32_t b,
		    double size_px);
/* Draws the glyph of cp with its origin at (x, y) (no rotation: the
 * caller's cairo matrix). */
void spr_glyph_draw(cairo_t *cr, const spr_font *font, uint32_t cp,
		    double size_px, double x, double y);

/*
 * Draws utf8 with its baseline origin at (x, y), rotated by angle radians
 * (counter-clockwise on screen, 0 = horizontal) around the origin. Uses the
 * current cairo source.
 */
void spr_text_draw(cairo_t *cr, const spr_font *font, const char *utf8,
		   double size_px, double x, double y, double angle);
/*
 * spr_text_draw() of the len bytes at utf8 (one line of a text), the run
 * moved back along its direction by align times its advance (0: starts at
 * (x, y), 0.5: centred on it) and its baseline lead times its ascent
 * below (x, y) in the run's frame (0: (x, y) is on the baseline, 1: at
 * the top of its box). Returns its spr_text_measure_run() box, from the
 * same layout. Glyphs that cannot reach the clip are not handed to cairo,
 * so a run far longer than the figure costs its layout, not its drawing.
 */
spr_text_box spr_text_draw_run(cairo_t *cr, const spr_font *font,
			       const char *utf8, size_t len, double size_px,
			       double x, double y, double angle, double align,
			       double lead);

/* --- data -> pixel transform ---------------------------------------- */

/*
 * One axis' mapping from data values to device pixels. Every piece of code
 * that turns data into pixels (line drawing, markers, ticks, and the later
 * pixel-column reduction) goes through spr_map_px so they agree exactly.
 */
typedef struct spr_map {
	/* view limits in scale space (log10 for log), times 2^e */
	double t0, t1;
	double p0, p1; /* device pixels that t0 and t1 map to */
	double k;      /* (p1 - p0) / (t1 - t0) */
	int log;
	/* symlog (sym): linear within +-lt, lsa = linscale / (1 - 1/10) */
	int sym;
	double lt, lsa;
	/*
	 * 0, or the power of two the scale values are multiplied by (exact)
	 * when their span overflows a double or is too small for k: so
	 * every finite pair of limits maps, +-1e308 and 1e-310 alike.
	 */
	int e;
} spr_map;

void spr_map_init(spr_map *m, double lo, double hi, double p0, double p1,
		  int log);
/* The same for a symlog axis (symlog.c's transform). */
void spr_map_init_symlog(spr_map *m, double lo, double hi, double p0, double p1,
			 double linthresh, double linscale);

/*
 * matplotlib's SymmetricalLogTransform (base 10) and its inverse, with
 * lsa = linscale / (1 - 1/10) (symlog.c).
 */
double spr_symlog_fwd(double v, double lt, double lsa);
double spr_symlog_inv(double t, double lt, double lsa);

/* v in the map's scale space (log10, symlog or v); NaN if it has none. */
static inline double spr_map_scale(const spr_map *m, double v)
{
	if (m->log)
		return v > 0 ? log10(v) : NAN;
	return m->sym ? spr_symlog_fwd(v, m->lt, m->lsa) : v;
}

/*
 * Data value -> device pixel. NaN when v has no position (non-finite, or
 * <= 0 on a log axis). Finite results are clamped to +-1e15 px, far outside
 * any surface, so later arithmetic can never overflow.
 */
static inline double spr_map_px(const spr_map *m, double v)
{
	double t, p;

	if (!isfinite(v))
		return NAN;
	if (m->log) {
		if (v <= 0)
			return NAN;
		t = log10(v);
	} else if (m->sym) {
		t = spr_symlog_fwd(v, m->lt, m->lsa);
	} else {
		t = v;
	}
	if (m->e)
		t = ldexp(t, m->e);
	p = m->p0 + (t - m->t0) * m->k;
	if (p > 1e15)
		return 1e15;
	if (p < -1e15)
		return -1e15;
	return p; /* NaN only if t - t0 overflowed to inf * 0; treated as gap */
}

/* --- the pole rule (pole.c) --------------------------------------------- */

/* A line's raw points and view, as the pole rule reads them. */
typedef struct spr_pole_in {
	const double *x; /* NULL: x is the index */
	const double *y;
	size_t n;
	const spr_map *mx, *my;
	double vy0, vy1; /* the view's rows, vy0 < vy1 */
} spr_pole_in;

/*
 * 1 if the segment from raw point i - 1 to i is the jump of a sampled
 * pole (pole.c says what that is), else 0. Reads points i - 4 .. i + 3;
 * callers ask only for segments whose ends lie beyond opposite edges of
 * the view, which is rare, so it costs nothing measurable.
 */
int spr_pole(const spr_pole_in *in, size_t i);

/* --- large-series reduction (m4.c) -------------------------------------- */

#define SPR_M4_GAP SIZE_MAX /* emitted index: the line breaks here */

/*
 * Receives the kept points in order: i is a raw index (map it again with
 * spr_map_px to draw it) or SPR_M4_GAP. intra is 1 when the raw line runs
 * unbroken from the previous kept point to this one inside one pixel
 * column (so the segment between them is not a pole, whatever its ends);
 * with intra 0 the previous kept point is raw point i - 1 (or a gap).
 */
typedef void (*spr_m4_emit)(void *ctx, size_t i, int intra);

typedef struct spr_m4_params {
	const double *x; /* NULL: x is the index */
	const double *y;
	size_t n;
	const spr_map *mx, *my;
	double vy0, vy1;       /* view rows (pole test), vy0 < vy1 */
	int break_jumps;       /* a pole (spr_pole) breaks the line */
	double col_lo, col_hi; /* integral; columns beyond share one */
	double band; /* > 0: keep the points near extremes (m4.c), px */
	/* columns by spr_m4_column (aliased lines) rather than floor, which
	 * keeps a smooth line's points either side of a column boundary in
	 * one fixed-point position, where cairo drops the segment between
	 * them (anti-aliased, that saves it ~10% on the seed figures) */
	int fix_columns;
	spr_m4_emit emit;
	void *ctx;
} spr_m4_params;

/*
 * The pixel column of device x qx as M4 and the line's seams count them:
 * the column c whose pixel centre c + 0.5 the point's stroke can reach,
 * which in cairo's 24.8 fixed point (round to nearest, ties to even) is
 * x in (c, c + 1], so qx in (c + 1/512, c + 1 + 1/512]. A point at a
 * fixed-point x of exactly c lights centres of column c - 1 (a stroke
 * edge at a centre counts on its left side) and only them squarely, so
 * it belongs there. Everything at or before lo (after hi) shares the
 * column lo - 1 (hi). lo and hi are integers; qx is not NaN.
 */
static inline double spr_m4_column(double qx, double lo, double hi)
{
	double c = ceil(qx - 0x1p-9) - 1;

	return c < lo ? lo - 1 : c > hi ? hi : c;
}

/*
 * One pass of M4 over p->x/p->y (see m4.c for what is kept and why).
 * Returns n, or the index of the first point whose column breaks the
 * monotonic order seen so far: the caller draws points from there on raw,
 * continuing from the last emitted point (which is the raw point before).
 */
size_t spr_m4(const spr_m4_params *p);

/*
 * Folds the extents of one line's points (x and y finite; on a log axis a
 * coordinate counts only where it is > 0, and the other coordinate of
 * the point still counts, as in matplotlib's data limits) into e[4] =
 * xlo, xhi, ylo, yhi; only the directions
 * asked for (linear axes) or all four (log axes). x NULL: x is the index.
 * xsorted: spr_sorted(x) is known true, so only y is read. Zero extents
 * are +0 (extents.c).
 */
void spr_line_extents(const double *x, const double *y, size_t n, double e[4],
		      int xlog, int ylog, int wantx, int wanty, int xsorted);

/* 1 if x is non-decreasing and all finite (n > 0), else 0. */
int spr_sorted(const double *x, size_t n);

/* --- introspection for tests ------------------------------------------- */

/* Where spr_render put things, per axes (device px, y down). */
typedef struct spr_axes_info {
	double x0, y0, x1, y1;   /* axes rectangle */
	double xlim[2], ylim[2]; /* view limits after autoscale and sharing */
	int legend;              /* legend position used (BEST resolved) */
	double leg[4];           /* legend frame x, y, w, h (0 if none) */
	double title_px;         /* the title's font size (0 if none) */
	double title[4];         /* its box x, y, w, h as drawn (0 if none) */
	size_t title_lines;
} spr_axes_info;

/*
 * spr_render(), also filling info[0 .. min(ninfo, rows * cols)) when info
 * is not NULL.
 */
int spr_render_info(const spr_figure *fig, const spr_series *series,
		    size_t nseries, const spr_font *font, cairo_surface_t **out,
		    spr_axes_info *info, size_t ninfo, char *err,
		    size_t errlen);

/* Test knobs for spr_render_test (all 0: what spr_render does). */
typedef struct spr_test_opts {
	int aliased;         /* CAIRO_ANTIALIAS_NONE for lines and shapes */
	size_t stroke_chunk; /* vertices per cairo_stroke, 0: the default */
} spr_test_opts;

/* spr_render_info() with test knobs (opts may be NULL). */
int spr_render_test(const spr_figure *fig, const spr_series *series,
		    size_t nseries, const spr_font *font, cairo_surface_t **out,
		    spr_axes_info *info, size_t ninfo,
		    const spr_test_opts *opts, char *err, size_t errlen);

/* --- drawing on a surface of the caller's (vector.c) ---------------------- */

/* Where a figure is drawn: W x H px (set by the check), scale px to the
 * surface's units, and whether the surface is a vector one. */
typedef struct spr_target {
	int W, H;
	double scale;
	int vector;
	int row0, row1; /* only these rows are drawn; row1 <= row0: all */
} spr_target;

/*
 * Checks fig as spr_render() does and draws it on surf (which the caller
 * made, t->scale and t->vector describing it; t->W and t->H are ignored).
 * 0, or -1 with the message.
 */
int spr_render_target(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font,
		      cairo_surface_t *surf, const spr_target *t, char *err,
		      size_t errlen);

#endif /* SHMPLOT_RENDER_INTERNAL_H */
