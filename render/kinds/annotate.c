/* SPDX-License-Identifier: MIT */
/*
 * annotate: matplotlib 3.6's Axes.annotate(text, xy, xytext, xycoords,
 * textcoords, arrowprops). The text is a matplotlib Text (kinds/text.c)
 * at xytext (default xy) in textcoords (default xycoords, or an offset
 * from xy in points, pixels or font sizes); with arrowprops' arrowstyle
 * "-", "->" or "-|>" a FancyArrowPatch goes from the text to xy, drawn
 * before the text. As matplotlib's, with xycoords "data" the whole
 * annotation is left out when xy lies outside the axes (annotation_clip
 * None), nothing else clips it, and it moves no limits.
 *
 * The arrow (patches.py, FancyArrowPatch with connectionstyle arc3,
 * rad 0: a straight path) starts at the centre of the text's box, is cut
 * where it leaves that box grown by 2 pt each side, then shortened by
 * shrinkA at the start and shrinkB at xy (2 pt each). Its head
 * (ArrowStyle._Curve: head_length 0.4 and head_width 0.2 times the
 * mutation scale, the text's size) has barbs head_length x head_width
 * back from the tip, and the tip and the shaft's end pulled back by half
 * the line width over the sine of the barb angle, so the stroked tip ends
 * on the shortened end. Stroked 1 pt, round caps and joins, edge black
 * and face C0 (patch.edgecolor, patch.facecolor: a '-|>' head is blue
 * inside a black outline) unless color (both), edgecolor or facecolor.
 */
#include "text.h"

#include <float.h>
#include <stddef.h>

/* matplotlib's patch.facecolor, for a filled head */
#define C0 0x1f77b4u
/* the text's box grows this much (points) each side before the arrow is
 * cut at it: Annotation.update_positions' pad of 4 points, halved */
#define BOX_PAD_PT 2.0
/* ArrowStyle._Curve's head, times the mutation scale */
#define HEAD_LENGTH 0.4
#define HEAD_WIDTH  0.2

enum coords {
	C_DATA,
	C_AXES_FRACTION,
	C_AXES_PIXELS,
	C_AXES_POINTS,
	C_FIGURE_FRACTION,
	C_FIGURE_PIXELS,
	C_FIGURE_POINTS,
	C_OFFSET_POINTS,
	C_OFFSET_PIXELS,
	C_OFFSET_FONTSIZE
};

enum arrowstyle { AS_NONE, AS_LINE, AS_OPEN, AS_FILLED };

typedef struct ann_params {
	char *text;
	spr_array xy, xytext;
	int xycoords, textcoords; /* textcoords -1: as xycoords */
	int arrowstyle;
	uint32_t arrow_color, facecolor, edgecolor;
	double arrow_lw, shrink_a, shrink_b;
	double fontsize;
	uint32_t color;
	int ha, va;
	double rotation, alpha;
	int weight, style;
} ann_params;

static const char *const xy_names[] = {
    "data",           "axes fraction",   "axes pixels",
    "axes points",    "figure fraction", "figure pixels",
    "figure points",  "offset points",   "offset pixels",
    "offset fontsize"};
static const char *const text_names[] = {
    "xycoords",      "data",           "axes fraction",
    "axes pixels",   "axes points",    "figure fraction",
    "figure pixels", "figure points",  "offset points",
    "offset pixels", "offset fontsize"};
static const char *const style_names[] = {"none", "-", "->", "-|>"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(ann_params, m)

static const spr_field ann_fields[] = {
    {FIELD("text", SPR_F_TEXT, text), .maxlen = SPR_MAX_TEXT,
     .doc = "the text; lines split at \\n"},
    {FIELD("xy", SPR_F_ARRAY, xy), .min = -HUGE_VAL, .max = HUGE_VAL,
     .maxlen = 2, .doc = "[x, y]: the point annotated"},
    {FIELD("xytext", SPR_F_ARRAY, xytext), .min = -HUGE_VAL, .max = HUGE_VAL,
     .maxlen = 2, .doc = "[x, y] of the text (default xy)"},
    {FIELD("xycoords", SPR_F_INT, xycoords), .min = C_DATA,
     .max = C_FIGURE_POINTS, .def = C_DATA, .names = xy_names,
     .doc = "xy's coordinates"},
    {FIELD("textcoords", SPR_F_INT, textcoords), .min = -1,
     .max = C_OFFSET_FONTSIZE, .def = -1, .names = text_names,
     .doc = "xytext's coordinates: as xycoords, or also an offset from xy "
	    "(\"offset points\" ...)"},
    {FIELD("arrowprops.arrowstyle", SPR_F_INT, arrowstyle), .min = AS_NONE,
     .max = AS_FILLED, .def = AS_NONE, .names = style_names,
     .doc = "an arrow from the text to xy: \"-\", \"->\", \"-|>\""},
    {FIELD("arrowprops.color", SPR_F_COLOR, arrow_color),
     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,
     .doc = "the arrow's edge and face (default: edge black, face C0)"},
    {FIELD("arrowprops.facecolor", SPR_F_COLOR, facecolor),
     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,
     .doc = "a \"-|>\" head's fill, over color"},
    {FIELD("arrowprops.edgecolor", SPR_F_COLOR, edgecolor),
     .def = SPR_DEFAULT_COLOR, .flags = SPR_FF_UNSET,
     .doc = "the arrow's line, over color"},
    {FIELD("arrowprops.linewidth", SPR_F_NUM, arrow_lw), .min = 0, .max = 100,
     .def = 1, .doc = "points"},
    {FIELD("arrowprops.lw", SPR_F_NUM, arrow_lw), .min = 0, .max = 100,
     .def = 1, .doc = "linewidth"},
    {FIELD("arrowprops.shrinkA", SPR_F_NUM, shrink_a), .min = 0, .max = 1e4,
     .def = 2, .doc = "points left out at the text's end"},
    {FIELD("arrowprops.shrinkB", SPR_F_NUM, shrink_b), .min = 0, .max = 1e4,
     .def = 2, .doc = "points left out at xy"},
    {FIELD("fontsize", SPR_F_NUM, fontsize), .min = 0, .max = 1000, .def = 10,
     .doc = "points; also the arrow head's scale"},
    {FIELD("color", SPR_F_COLOR, color), .def = 0x000000,
     .doc = "the text's, black"},
    {FIELD("ha", SPR_F_INT, ha), .min = 0, .max = 2, .def = 0,
     .names = spr_ha_names, .doc = "as text's"},
    {FIELD("horizontalalignment", SPR_F_INT, ha), .min = 0, .max = 2, .def = 0,
     .names = spr_ha_names, .doc = "ha"},
    {FIELD("va", SPR_F_INT, va), .min = 0, .max = 4, .def = 0,
     .names = spr_va_names, .doc = "as text's"},
    {FIELD("verticalalignment", SPR_F_INT, va), .min = 0, .max = 4, .def = 0,
     .names = spr_va_names, .doc = "va"},
    {FIELD("rotation", SPR_F_NUM, rotation), .min = -1e9, .max = 1e9, .def = 0,
     .doc = "the text's, degrees"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "the text's opacity"},
    SPR_TEXT_FONT_FIELDS(ann_params, weight, style),
};

static int ann_check(const void *p, const spr_series *series, char *err,
		     size_t errlen)
{
	const ann_params *a = p;

	(void)series;
	if (a->xy.n != 2)
		return spr_err(err, errlen, "xy wants [x, y], two numbers");
	if (a->xytext.n != 0 && a->xytext.n != 2)
		return spr_err(err, errlen, "xytext wants [x, y], two numbers");
	return 0;
}

/* Device px of (x, y) in coordinates c; offsets from (ox, oy), the
 * annotated point; size: the text's font size in points. */
static void to_px(const spr_ctx *r, const spr_axes_ctx *a, int c, double x,
		  double y, double ox, double oy, double size, double *px,
		  double *py)
{
	double k =
	    c == C_AXES_POINTS || c == C_FIGURE_POINTS || c == C_OFFSET_POINTS
		? r->pt
	    : c == C_OFFSET_FONTSIZE ? size * r->pt
				     : 1;
	double w = r->W, h = r->H;

	switch (c) {
	case C_DATA:
		*px = spr_map_px(&a->mx, x);
		*py = spr_map_px(&a->my, y);
		return;
	case C_AXES_FRACTION:
		*px = spr_axes_frac(a, 0, x);
		*py = spr_axes_frac(a, 1, y);
		return;
	case C_AXES_PIXELS:
	case C_AXES_POINTS:
		*px = a->x0 + k * x;
		*py = a->y1 - k * y;
		return;
	case C_FIGURE_FRACTION:
		*px = x * w;
		*py = h - y * h;
		return;
	case C_FIGURE_PIXELS:
	case C_FIGURE_POINTS:
		*px = k * x;
		*py = h - k * y;
		return;
	default: /* offsets */
		*px = ox + k * x;
		*py = oy - k * y;
		return;
	}
}

/* Where the segment from (x0, y0) inside box b leaves it: its parameter
 * in (0, 1], or -1 when (x1, y1) is inside too. */
static double leave_box(const double b[4], double x0, double y0, double x1,
			double y1)
{
	double t = 1, dx = x1 - x0, dy = y1 - y0;

	if (x1 >= b[0] && x1 <= b[2] && y1 >= b[1] && y1 <= b[3])
		return -1;
	if (dx > 0)
		t = fmin(t, (b[2] - x0) / dx);
	else if (dx < 0)
		t = fmin(t, (b[0] - x0) / dx);
	if (dy > 0)
		t = fmin(t, (b[3] - y0) / dy);
	else if (dy < 0)
		t = fmin(t, (b[1] - y0) / dy);
	return fmax(t, 0);
}

/* The arrow from s to e (device px), clipped and shrunk already. */
static void arrow_draw(const spr_ctx *r, const ann_params *p, double s[2],
		       double e[2])
{
	cairo_t *cr = r->cr;
	uint32_t edge = p->edgecolor != SPR_DEFAULT_COLOR     ? p->edgecolor
			: p->arrow_color != SPR_DEFAULT_COLOR ? p->arrow_color
							      : 0x000000;
	uint32_t face = p->facecolor != SPR_DEFAULT_COLOR     ? p->facecolor
			: p->arrow_color != SPR_DEFAULT_COLOR ? p->arrow_color
							      : C0;
	double lw = p->arrow_lw * r->pt, ms = p->fontsize * r->pt;
	double hl = HEAD_LENGTH * ms, hw = HEAD_WIDTH * ms;
	double hd = hypot(hl, hw), ct = hl / hd, st = hw / hd;
	double len = hypot(e[0] - s[0], e[1] - s[1]);
	double ux, uy, pad, tx, ty;
	int head = p->arrowstyle != AS_LINE && len > 0;

	cairo_set_line_width(cr, lw);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_dash(cr, NULL, 0, 0);
	/* (ux, uy): from the tip back along the shaft */
	ux = len > 0 ? (s[0] - e[0]) / len : 0;
	uy = len > 0 ? (s[1] - e[1]) / len : 0;
	pad = head ? 0.5 * lw / st : 0;
	tx = e[0] + pad * ux;
	ty = e[1] + pad * uy;
	spr_set_rgb(cr, edge, 1);
	if (lw > 0) {
		cairo_move_to(cr, s[0], s[1]);
		cairo_line_to(cr, tx, ty);
		cairo_stroke(cr);
	}
	if (!head)
		return;
	cairo_move_to(cr, tx + hd * (ct * ux + st * uy),
		      ty + hd * (-st * ux + ct * uy));
	cairo_line_to(cr, tx, ty);
	cairo_line_to(cr, tx + hd * (ct * ux - st * uy),
		      ty + hd * (st * ux + ct * uy));
	if (p->arrowstyle == AS_FILLED) {
		cairo_close_path(cr);
		spr_set_rgb(cr, face, 1);
		cairo_fill_preserve(cr);
		spr_set_rgb(cr, edge, 1);
	}
	if (lw > 0)
		cairo_stroke(cr);
	else
		cairo_new_path(cr);
}

/* The arrow from the text (box, or its anchor t when it has none) to e. */
static void arrow(const spr_ctx *r, const ann_params *p, const double *box,
		  const double t[2], double e[2])
{
	double s[2] = {t[0], t[1]}, len, ux, uy, k;

	if (box) {
		double g = BOX_PAD_PT * r->pt;
		double b[4] = {box[0] - g, box[1] - g, box[2] + g, box[3] + g};
		s[0] = (box[0] + box[2]) / 2;
		s[1] = (box[1] + box[3]) / 2;
		k = leave_box(b, s[0], s[1], e[0], e[1]);
		if (k >= 0) {
			s[0] += k * (e[0] - s[0]);
			s[1] += k * (e[1] - s[1]);
		}
	}
	len = hypot(e[0] - s[0], e[1] - s[1]);
	if (!(len > 0) || !isfinite(len))
		return;
	ux = (e[0] - s[0]) / len;
	uy = (e[1] - s[1]) / len;
	/* a cut that would pass the other end is not made (matplotlib's
	 * split finds no crossing) */
	k = p->shrink_a * r->pt;
	if (k < len) {
		s[0] += k * ux;
		s[1] += k * uy;
		len -= k;
	}
	k = p->shrink_b * r->pt;
	if (k < len) {
		e[0] -= k * ux;
		e[1] -= k * uy;
	}
	cairo_save(r->cr);
	cairo_reset_clip(r->cr);
	arrow_draw(r, p, s, e);
	cairo_restore(r->cr);
}

static void ann_draw(const spr_ctx *r, spr_axes_ctx *a, const void *pp,
		     uint32_t color)
{
	const ann_params *p = pp;
	spr_tstyle st = {p->fontsize, p->ha,    p->va,     p->rotation,
			 p->color,    p->alpha, p->weight, p->style};
	int tc = p->textcoords < 0 ? p->xycoords : p->textcoords;
	const double *xt = p->xytext.n == 2 ? p->xytext.v : p->xy.v;
	double e[2], t[2], box[4];

	(void)color;
	if (p->xy.n != 2)
		return;
	to_px(r, a, p->xycoords, p->xy.v[0], p->xy.v[1], 0, 0, p->fontsize,
	      &e[0], &e[1]);
	if (!isfinite(e[0]) || !isfinite(e[1]))
		return;
	/* annotation_clip None: a data point outside the axes hides it */
	if (p->xycoords == C_DATA &&
	    (e[0] < a->x0 || e[0] > a->x1 || e[1] < a->y0 || e[1] > a->y1))
		return;
	to_px(r, a, tc, xt[0], xt[1], e[0], e[1], p->fontsize, &t[0], &t[1]);
	if (!isfinite(t[0]) || !isfinite(t[1]))
		return;
	if (p->arrowstyle != AS_NONE)
		arrow(r, p,
		      spr_text_extent(r, p->text, &st, t[0], t[1], box) == 0
			  ? box
			  : NULL,
		      t, e);
	spr_text_show(r, p->text, &st, t[0], t[1]);
}

const spr_kind spr_kind_annotate = {
    .name = "annotate",
    .zorder = 3,
    .doc = "`annotate`: a text, and optionally an arrow from it to a point",
    .size = sizeof(ann_params),
    .fields = ann_fields,
    .nfields = sizeof ann_fields / sizeof ann_fields[0],
    .check = ann_check,
    .draw = ann_draw,
};
