// SPDX-License-Identifier: MIT
/*
 * The shapes of matplotlib 3.6's markers, as lib/matplotlib/markers.py
 * defines them (geometry followed, not code; Matplotlib License, see
 * LICENSE): a unit path (the triangle (0, 1) (-1, -1) (1, -1), regular
 * polygons and the 5-point star of inner radius 0.381966 with a vertex
 * straight up, the three spokes of "1" .. "4", the bars of "+", "x", "|"
 * and "_"), scaled by half the marker size (the square and the diamonds
 * by the whole size around their centre), rotated (v < > as ^ turned by
 * 180, 90 and 270 degrees, "H" as "h" by 30, "2" "3" "4" as "1" by 180,
 * 270 and 90), and the thin diamond narrowed to 0.6 of its width. y is up
 * in matplotlib's unit paths and down in device px: flipped here.
 *
 * What else a marker carries: filled or a line marker (only stroked, in
 * the edge colour), its join (round for circles, bevel for the star,
 * mitre for the other polygons), and its snap threshold in px (0: never
 * snapped by size; matplotlib's None for the hexagons, whose slanted
 * edges Agg's auto snapping leaves alone).
 */
#include "draw.h"

const char *const spr_marker_names[] = {
    "none",           "point",    "circle",   "square",        "triangle",
    "diamond",        "plus",     "cross",    "triangle_down", "triangle_left",
    "triangle_right", "star",     "pentagon", "hexagon1",      "hexagon2",
    "thin_diamond",   "vline",    "hline",    "tri_down",      "tri_up",
    "tri_left",       "tri_right"};
const char *const spr_marker_syms[] = {
    "None", ".", "o", "s", "^", "D", "+", "x", "v", "<", ">",
    "*",    "p", "h", "H", "d", "|", "_", "1", "2", "3", "4"};

_Static_assert(sizeof spr_marker_names / sizeof *spr_marker_names ==
		   SPR_MK_LAST + 1,
	       "a name per marker");
_Static_assert(sizeof spr_marker_syms / sizeof *spr_marker_syms ==
		   SPR_MK_LAST + 1,
	       "a symbol per marker");

enum { SH_NONE, SH_CIRCLE, SH_POLY, SH_SEGS };

/* The unit paths (x, y pairs, y up). */
static const double tri_path[] = {0, 1, -1, -1, 1, -1};
static const double square_path[] = {-0.5, -0.5, 0.5,  -0.5,
				     0.5,  0.5,  -0.5, 0.5};
static const double plus_path[] = {-1, 0, 1, 0, 0, -1, 0, 1};
static const double cross_path[] = {-1, -1, 1, 1, -1, 1, 1, -1};
static const double vline_path[] = {0, -1, 0, 1};
static const double spokes_path[] = {0,   0,   0, -1, 0,    0,
				     0.8, 0.5, 0, 0,  -0.8, 0.5};

typedef struct shape {
	int kind;          /* SH_* */
	const double *v;   /* unit path; NULL: a regular polygon or star */
	int nv;            /* its vertices (SH_SEGS: 2 a part) */
	int sides;         /* regular polygon / star points */
	double inner;      /* star: inner radius; 0: a polygon */
	double scale, rot; /* scale of the unit path, degrees ccw */
	double sx;         /* x scale after the rotation (thin diamond) */
	spr_marker_info info;
} shape;

#define ROUND CAIRO_LINE_JOIN_ROUND
#define MITRE CAIRO_LINE_JOIN_MITER
#define BEVEL CAIRO_LINE_JOIN_BEVEL

/* filled, join, snap threshold px, axis-aligned (Agg's auto snapping) */
static const shape shapes[SPR_MK_LAST + 1] = {
    [SPR_MK_NONE] = {SH_NONE, NULL, 0, 0, 0, 0, 0, 1, {0, ROUND, 0, 0, 0}},
    [SPR_MK_POINT] =
	{SH_CIRCLE, NULL, 0, 0, 0, 0.25, 0, 1, {1, ROUND, 0, 0, 1}},
    [SPR_MK_CIRCLE] =
	{SH_CIRCLE, NULL, 0, 0, 0, 0.5, 0, 1, {1, ROUND, 0, 0, 1}},
    [SPR_MK_SQUARE] =
	{SH_POLY, square_path, 4, 0, 0, 1, 0, 1, {1, MITRE, 2, 1, 1}},
    [SPR_MK_TRIANGLE] =
	{SH_POLY, tri_path, 3, 0, 0, 0.5, 0, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_DIAMOND] =
	{SH_POLY, square_path, 4, 0, 0, 1, 45, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_PLUS] =
	{SH_SEGS, plus_path, 4, 0, 0, 0.5, 0, 1, {0, ROUND, 1, 1, 2}},
    [SPR_MK_CROSS] =
	{SH_SEGS, cross_path, 4, 0, 0, 0.5, 0, 1, {0, ROUND, 3, 0, 2}},
    [SPR_MK_TRIANGLE_DOWN] =
	{SH_POLY, tri_path, 3, 0, 0, 0.5, 180, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_TRIANGLE_LEFT] =
	{SH_POLY, tri_path, 3, 0, 0, 0.5, 90, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_TRIANGLE_RIGHT] =
	{SH_POLY, tri_path, 3, 0, 0, 0.5, 270, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_STAR] =
	{SH_POLY, NULL, 10, 5, 0.381966, 0.5, 0, 1, {1, BEVEL, 5, 0, 1}},
    [SPR_MK_PENTAGON] =
	{SH_POLY, NULL, 5, 5, 0, 0.5, 0, 1, {1, MITRE, 5, 0, 1}},
    [SPR_MK_HEXAGON1] =
	{SH_POLY, NULL, 6, 6, 0, 0.5, 0, 1, {1, MITRE, 0, 0, 1}},
    [SPR_MK_HEXAGON2] =
	{SH_POLY, NULL, 6, 6, 0, 0.5, 30, 1, {1, MITRE, 0, 0, 1}},
    [SPR_MK_THIN_DIAMOND] =
	{SH_POLY, square_path, 4, 0, 0, 1, 45, 0.6, {1, MITRE, 5, 0, 1}},
    [SPR_MK_VLINE] =
	{SH_SEGS, vline_path, 2, 0, 0, 0.5, 0, 1, {0, ROUND, 1, 1, 1}},
    [SPR_MK_HLINE] =
	{SH_SEGS, vline_path, 2, 0, 0, 0.5, 90, 1, {0, ROUND, 1, 1, 1}},
    [SPR_MK_TRI_DOWN] =
	{SH_SEGS, spokes_path, 6, 0, 0, 0.5, 0, 1, {0, ROUND, 5, 0, 3}},
    [SPR_MK_TRI_UP] =
	{SH_SEGS, spokes_path, 6, 0, 0, 0.5, 180, 1, {0, ROUND, 5, 0, 3}},
    [SPR_MK_TRI_LEFT] =
	{SH_SEGS, spokes_path, 6, 0, 0, 0.5, 270, 1, {0, ROUND, 5, 0, 3}},
    [SPR_MK_TRI_RIGHT] =
	{SH_SEGS, spokes_path, 6, 0, 0, 0.5, 90, 1, {0, ROUND, 5, 0, 3}},
};

static const shape *shape_of(int marker)
{
	return marker > SPR_MK_NONE && marker <= SPR_MK_LAST
		   ? &shapes[marker]
		   : &shapes[SPR_MK_NONE];
}

const spr_marker_info *spr_marker_info_of(int marker)
{
	return &shape_of(marker)->info;
}

int spr_marker_filled(int marker)
{
	return shape_of(marker)->info.filled;
}

double spr_marker_circle(int marker)
{
	const shape *s = shape_of(marker);
	return s->kind == SH_CIRCLE ? s->scale : 0;
}

/* Unit vertex i of s (y up), before the transform. */
static void unit_vertex(const shape *s, int i, double *x, double *y)
{
	double t, r;

	if (s->v) {
		*x = s->v[2 * i];
		*y = s->v[2 * i + 1];
		return;
	}
	/* Path.unit_regular_polygon / unit_regular_star: from straight up,
	 * counter-clockwise, the star's odd vertices on the inner circle */
	t = 2 * M_PI / s->nv * i + M_PI / 2;
	r = s->inner > 0 && i % 2 ? s->inner : 1;
	*x = r * cos(t);
	*y = r * sin(t);
}

int spr_marker_part(int marker, double size, int part, double *xy, int *closed)
{
	const shape *s = shape_of(marker);
	/* Affine2D.rotate_deg's matrix */
	double th = s->rot * M_PI / 180, c = cos(th), sn = sin(th);
	int i0 = 0, n = s->nv;

	if (s->kind != SH_POLY && s->kind != SH_SEGS)
		return 0;
	if (s->kind == SH_SEGS) {
		if (2 * part >= s->nv)
			return 0;
		i0 = 2 * part;
		n = 2;
	} else if (part > 0) {
		return 0;
	}
	for (int i = 0; i < n; i++) {
		double ux, uy, x, y;
		unit_vertex(s, i0 + i, &ux, &uy);
		ux *= s->scale;
		uy *= s->scale;
		x = (c * ux - sn * uy) * s->sx;
		y = sn * ux + c * uy;
		xy[2 * i] = x * size;
		xy[2 * i + 1] = -(y * size);
	}
	*closed = s->kind == SH_POLY;
	return n;
}
