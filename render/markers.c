/*
 * Markers (matplotlib's ".", "o", "s", "^", "D", "+", "x"): their paths,
 * and a marker at every point of a series in view.
 */
#include "draw.h"

/* Adds one marker's path centred at (x, y); size is the marker size px. */
void spr_marker_path(cairo_t *cr, int marker, double x, double y, double size)
{
	double h = size / 2;

	switch (marker) {
	case SPR_MK_POINT:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, h / 2, 0, 2 * M_PI);
		break;
	case SPR_MK_CIRCLE:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, h, 0, 2 * M_PI);
		break;
	case SPR_MK_SQUARE:
		cairo_rectangle(cr, x - h, y - h, size, size);
		break;
	case SPR_MK_TRIANGLE:
		cairo_move_to(cr, x, y - h);
		cairo_line_to(cr, x - h, y + h);
		cairo_line_to(cr, x + h, y + h);
		cairo_close_path(cr);
		break;
	case SPR_MK_DIAMOND:
		h *= M_SQRT2;
		cairo_move_to(cr, x, y - h);
		cairo_line_to(cr, x + h, y);
		cairo_line_to(cr, x, y + h);
		cairo_line_to(cr, x - h, y);
		cairo_close_path(cr);
		break;
	case SPR_MK_PLUS:
		cairo_move_to(cr, x - h, y);
		cairo_line_to(cr, x + h, y);
		cairo_move_to(cr, x, y - h);
		cairo_line_to(cr, x, y + h);
		break;
	case SPR_MK_CROSS:
		cairo_move_to(cr, x - h, y - h);
		cairo_line_to(cr, x + h, y + h);
		cairo_move_to(cr, x - h, y + h);
		cairo_line_to(cr, x + h, y - h);
		break;
	default:
		break;
	}
}

void spr_marker_paint(cairo_t *cr, int marker)
{
	/* '+' and 'x' are strokes only; the rest are filled and edged */
	if (marker != SPR_MK_PLUS && marker != SPR_MK_CROSS)
		cairo_fill_preserve(cr);
	cairo_stroke(cr);
}

/* matplotlib's marker edge: 1 pt, mitred, undashed. */
void spr_marker_style(const spr_ctx *r)
{
	cairo_set_line_width(r->cr, 1.0 * r->pt); /* markeredgewidth 1 pt */
	cairo_set_line_join(r->cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_dash(r->cr, NULL, 0, 0);
}

void spr_draw_markers(const spr_ctx *r, spr_axes_ctx *a, const double *xv,
		      const double *yv, size_t n, int marker, double size_pt)
{
	double size = size_pt * r->pt, m = size + 2;
	double vx0 = fmin(a->x0, a->x1) - m, vx1 = fmax(a->x0, a->x1) + m;
	double vy0 = fmin(a->y0, a->y1) - m, vy1 = fmax(a->y0, a->y1) + m;
	size_t i, k = 0;

	spr_marker_style(r);
	for (i = 0; i < n; i++) {
		double qx = spr_map_px(&a->mx, xv ? xv[i] : (double)i);
		double qy = spr_map_px(&a->my, yv[i]);
		if (isnan(qx) || isnan(qy) || qx < vx0 || qx > vx1 ||
		    qy < vy0 || qy > vy1)
			continue;
		spr_marker_path(r->cr, marker, qx, qy, size);
		spr_occ_mark(a, qx, qy);
		/* painted in batches of STROKE_CHUNK, as long lines are */
		if (++k >= STROKE_CHUNK) {
			spr_marker_paint(r->cr, marker);
			k = 0;
		}
	}
	if (k)
		spr_marker_paint(r->cr, marker);
	cairo_new_path(r->cr);
}
