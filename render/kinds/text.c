/* SPDX-License-Identifier: MIT */
/*
 * text: matplotlib 3.6's Axes.text(x, y, s) at data, axes or figure
 * coordinates (transform=ax.transData, ax.transAxes, fig.transFigure),
 * and matplotlib's Text, which annotate draws too. Defaults as
 * matplotlib's: ha left, va baseline, rotation 0, 10 pt, black, zorder 3
 * (over the spines), clip_on False (a text outside the axes is drawn);
 * it moves no limits and has no legend entry.
 *
 * Layout as Text._get_layout: each line at least as tall as "lp",
 * baselines 1.2 ascents apart, the lines' box rotated and its rotated
 * bounds aligned to the anchor (ha: min, middle, max x; va: top, centre,
 * bottom, baseline = bottom plus the last line's descent); widths are
 * advances, as FT2Font measures them for Agg. Each line is placed as Agg's
 * draw_text places its bitmap: the ink's left and bottom corner rounded
 * to whole pixels (so an unrotated baseline lies on a pixel edge).
 */
#include "text.h"

#include "mathtext_layout.h"

#include <float.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const spr_ha_names[] = {"left", "center", "right"};
const char *const spr_va_names[] = {"baseline", "bottom", "center", "top",
				    "center_baseline"};
/* the names of font_manager.weight_dict up to "medium" (500: nearer Book's
 * 400), then those from "semibold" (600: nearer Bold's 700); "light" and
 * "ultralight" are left out: matplotlib may find DejaVu Sans ExtraLight
 * for them */
const char *const spr_weight_names[] = {
    "normal",   "regular",  "book", "roman", "medium",     "bold",
    "semibold", "demibold", "demi", "heavy", "extra bold", "black"};
const char *const spr_fstyle_names[] = {"normal", "italic", "oblique"};

int spr_weight_bold(int weight)
{
	return weight >= 5;
}

/* matplotlib's Text linespacing */
#define LINESPACING 1.2

/* The end of the line starting at s: its '\n' or its NUL. */
static const char *line_end(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl : s + strlen(s);
}

/*
 * One line as matplotlib's Text takes it (_preprocess_math): a math line
 * (an even, non-zero count of unescaped '$') is laid out by mathtext, a
 * plain one reads "\$" as "$". p, n: what to measure and draw (s, or a
 * copy in buf or malloc'ed).
 */
typedef struct tline {
	const char *s, *p;
	size_t n;
	int math;
	char buf[256];
} tline;

static void line_open(tline *l, const char *s, size_t n)
{
	l->s = l->p = s;
	l->n = n;
	l->math = mt_is_math(s, n);
	if (!l->math &&
	    !(l->p = spr_plain_text(s, &l->n, l->buf, sizeof l->buf))) {
		l->p = s; /* out of memory: drawn as written */
		l->n = n;
	}
}

static void line_close(tline *l)
{
	if (l->p != l->s && l->p != l->buf)
		free((void *)l->p);
}

/* One line's width (its advance, as FT2Font's text width in matplotlib
 * 3.6, or mathtext's raster width), ascent and descent (at least "lp"'s). */
static void line_metrics(const spr_ctx *r, const spr_font *font, const tline *l,
			 double size, double *w, double *asc, double *desc)
{
	spr_text_box b =
	    l->math ? spr_math_measure_run(r->cr, font, l->p, l->n, size)
		    : spr_text_measure_run(r->cr, font, l->p, l->n, size);

	*w = b.width;
	*asc = b.ascent;
	*desc = b.descent;
}

/* The layout of a text around its anchor, y up, as _get_layout's. */
typedef struct tlay {
	const spr_font *font; /* the face of the text's weight and style */
	double size;          /* px */
	double c, s;          /* cos, sin of the rotation */
	double width;         /* widest line */
	double offx, offy;    /* the anchor in the rotated frame */
	double box[4];        /* rotated bounds: xmin, ymin, xmax, ymax */
	double min_dy;        /* lp's ascent times the line spacing */
} tlay;

/* Walks the lines of s: the first line's y and every next one's, as
 * _get_layout steps them; returns the next y, *d the line's descent. */
static double next_y(const tlay *L, double y, int first, double asc,
		     double desc, double *d)
{
	*d = desc;
	if (first)
		return -asc;
	return y - fmax(L->min_dy, asc * LINESPACING);
}

static int layout(const spr_ctx *r, const char *s, const spr_tstyle *st,
		  tlay *L)
{
	double y = 0, d = 0, w, asc, desc, base = 0, rad, xs[4], ys[4];
	int first = 1, i;
	const char *p = s;
	spr_text_box lp;

	if (!s || !*s || !(st->size_pt > 0))
		return -1;
	memset(L, 0, sizeof *L);
	L->size = st->size_pt * r->pt;
	L->font = spr_font_styled(r->font, spr_weight_bold(st->weight),
				  st->style != 0);
	lp = spr_text_measure_run(r->cr, L->font, "", 0, L->size);
	L->min_dy = lp.ascent * LINESPACING;
	rad = fmod(st->rotation, 360) * M_PI / 180;
	L->c = cos(rad);
	L->s = sin(rad);
	for (;;) {
		const char *e = line_end(p);
		tline l;
		line_open(&l, p, (size_t)(e - p));
		line_metrics(r, L->font, &l, L->size, &w, &asc, &desc);
		line_close(&l);
		L->width = fmax(L->width, w);
		base = asc - y; /* before the step, as matplotlib's */
		y = next_y(L, y, first, asc, desc, &d);
		first = 0;
		if (!*e)
			break;
		y -= d;
		p = e + 1;
	}
	/* y: the last baseline; d: its descent */
	xs[0] = xs[1] = 0;
	xs[2] = xs[3] = L->width;
	ys[0] = ys[3] = y - d;
	ys[1] = ys[2] = 0;
	L->box[0] = L->box[1] = INFINITY;
	L->box[2] = L->box[3] = -INFINITY;
	for (i = 0; i < 4; i++) {
		double rx = xs[i] * L->c - ys[i] * L->s;
		double ry = xs[i] * L->s + ys[i] * L->c;
		L->box[0] = fmin(L->box[0], rx);
		L->box[1] = fmin(L->box[1], ry);
		L->box[2] = fmax(L->box[2], rx);
		L->box[3] = fmax(L->box[3], ry);
	}
	L->offx = st->ha == SPR_HA_CENTER  ? (L->box[0] + L->box[2]) / 2
		  : st->ha == SPR_HA_RIGHT ? L->box[2]
					   : L->box[0];
	switch (st->va) {
	case SPR_VA_CENTER:
		L->offy = (L->box[1] + L->box[3]) / 2;
		break;
	case SPR_VA_TOP:
		L->offy = L->box[3];
		break;
	case SPR_VA_BASELINE: /* the unrotated descent, as matplotlib's */
		L->offy = L->box[1] + d;
		break;
	case SPR_VA_CENTER_BASELINE:
		L->offy = L->box[3] - base / 2;
		break;
	default:
		L->offy = L->box[1];
		break;
	}
	return 0;
}

int spr_text_extent(const spr_ctx *r, const char *s, const spr_tstyle *st,
		    double x, double y, double box[4])
{
	tlay L;

	if (layout(r, s, st, &L) != 0)
		return -1;
	box[0] = x + L.box[0] - L.offx;
	box[2] = x + L.box[2] - L.offx;
	box[1] = y - (L.box[3] - L.offy);
	box[3] = y - (L.box[1] - L.offy);
	return 0;
}

/*
 * One line whose pen starts at device (x, y), as Agg's draw_text puts its
 * bitmap: the bitmap's lower left corner (the ink's left, one px under its
 * descent d) goes to round(x + xo + d sin) , round(y + d cos) + 1, the
 * rest of the bitmap rotated about it. A math line's raster is put so by
 * spr_math_draw_run, as draw_mathtext puts it.
 */
static void show_line(const spr_ctx *r, const tline *l, const tlay *L, double x,
		      double y)
{
	double ink[4], xo, d, bx, by, angle = atan2(L->s, L->c);

	if (l->math) {
		spr_math_draw_run(r->cr, L->font, l->p, l->n, L->size, x, y,
				  angle, 0, 0);
		return;
	}
	spr_text_ink_run(r->cr, L->font, l->p, l->n, L->size, ink);
	if (!(ink[2] > ink[0]))
		return; /* no ink: nothing to see */
	xo = ink[0];
	d = rint(ink[3]); /* the hinted descent lies on a pixel edge */
	bx = rint(x + xo + d * L->s);
	by = rint(y + d * L->c) + 1;
	/* back from the corner to the pen, along the rotated text */
	x = bx - (xo * L->c + (d + 1) * L->s);
	y = by - (-xo * L->s + (d + 1) * L->c);
	spr_text_draw_run(r->cr, L->font, l->p, l->n, L->size, x, y, angle, 0,
			  0);
}

void spr_text_show(const spr_ctx *r, const char *s, const spr_tstyle *st,
		   double x, double y)
{
	double ly = 0, d = 0, w, asc, desc;
	int first = 1;
	const char *p = s;
	tlay L;

	if (layout(r, s, st, &L) != 0 || !isfinite(x) || !isfinite(y))
		return;
	cairo_save(r->cr);
	cairo_reset_clip(r->cr);
	spr_set_rgb(r->cr, st->color, st->alpha);
	for (;;) {
		const char *e = line_end(p);
		double lx, rx, ry;
		tline l;
		line_open(&l, p, (size_t)(e - p));
		line_metrics(r, L.font, &l, L.size, &w, &asc, &desc);
		ly = next_y(&L, ly, first, asc, desc, &d);
		first = 0;
		/* multialignment follows ha */
		lx = st->ha == SPR_HA_CENTER  ? (L.width - w) / 2
		     : st->ha == SPR_HA_RIGHT ? L.width - w
					      : 0;
		rx = lx * L.c - ly * L.s - L.offx;
		ry = lx * L.s + ly * L.c - L.offy;
		show_line(r, &l, &L, x + rx, y - ry);
		line_close(&l);
		if (!*e)
			break;
		ly -= d;
		p = e + 1;
	}
	cairo_restore(r->cr);
}

/* --- the text kind ------------------------------------------------------ */

typedef struct text_params {
	double x, y;
	char *s;
	int transform; /* 0 data, 1 axes, 2 figure */
	double fontsize;
	uint32_t color;
	int ha, va;
	double rotation, alpha;
	int weight, style;
} text_params;

static const char *const transform_names[] = {"data", "axes", "figure"};
static const char *const transform_syms[] = {"transData", "transAxes",
					     "transFigure"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(text_params, m)

static const spr_field text_fields[] = {
    {FIELD("x", SPR_F_NUM, x), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "x of the anchor"},
    {FIELD("y", SPR_F_NUM, y), .min = -HUGE_VAL, .max = HUGE_VAL, .def = 0,
     .doc = "y of the anchor"},
    {FIELD("s", SPR_F_TEXT, s), .maxlen = SPR_MAX_TEXT,
     .doc = "the text; lines split at \\n"},
    {FIELD("transform", SPR_F_INT, transform), .min = 0, .max = 2, .def = 0,
     .names = transform_names, .syms = transform_syms,
     .doc = "x, y in data, axes fraction (matplotlib's transform="
	    "ax.transAxes) or figure fraction"},
    {FIELD("fontsize", SPR_F_NUM, fontsize), .min = 0, .max = 1000, .def = 10,
     .doc = "points"},
    {FIELD("color", SPR_F_COLOR, color), .def = 0x000000,
     .doc = "text.color, black"},
    {FIELD("ha", SPR_F_INT, ha), .min = 0, .max = 2, .def = 0,
     .names = spr_ha_names, .doc = "the anchor's side of the (rotated) box"},
    {FIELD("horizontalalignment", SPR_F_INT, ha), .min = 0, .max = 2, .def = 0,
     .names = spr_ha_names, .doc = "ha"},
    {FIELD("va", SPR_F_INT, va), .min = 0, .max = 4, .def = 0,
     .names = spr_va_names, .doc = "the anchor's height in the box"},
    {FIELD("verticalalignment", SPR_F_INT, va), .min = 0, .max = 4, .def = 0,
     .names = spr_va_names, .doc = "va"},
    {FIELD("rotation", SPR_F_NUM, rotation), .min = -1e9, .max = 1e9, .def = 0,
     .doc = "degrees, counter-clockwise"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    SPR_TEXT_FONT_FIELDS(text_params, weight, style),
};

/* Device px of (x, y) in coordinates c (0 data, 1 axes, 2 figure). */
static void anchor(const spr_ctx *r, const spr_axes_ctx *a, int c, double x,
		   double y, double *px, double *py)
{
	if (c == 0) {
		*px = spr_map_px(&a->mx, x);
		*py = spr_map_px(&a->my, y);
	} else if (c == 1) {
		*px = spr_axes_frac(a, 0, x);
		*py = spr_axes_frac(a, 1, y);
	} else {
		*px = x * r->W;
		*py = r->H - y * r->H;
	}
}

static void text_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		      uint32_t color)
{
	const text_params *t = p;
	spr_tstyle st = {t->fontsize, t->ha,    t->va,     t->rotation,
			 t->color,    t->alpha, t->weight, t->style};
	double x, y;

	(void)color; /* its own field: no cycle */
	anchor(r, a, t->transform, t->x, t->y, &x, &y);
	spr_text_show(r, t->s, &st, x, y);
}

const spr_kind spr_kind_text = {
    .name = "text",
    .zorder = 3,
    .doc = "`text`: a text at data, axes or figure coordinates",
    .size = sizeof(text_params),
    .fields = text_fields,
    .nfields = sizeof text_fields / sizeof text_fields[0],
    .draw = text_draw,
};
