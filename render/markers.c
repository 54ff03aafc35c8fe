/* SPDX-License-Identifier: MIT */
/*
 * Markers (matplotlib's ".", "o", "s", "^", "D", "+", "x") as matplotlib's
 * Agg backend draws them (RendererAgg::draw_markers): the marker is
 * rasterised once, then stamped at every point, each composited over the
 * ones before it, so translucent markers build up where they overlap.
 *
 * Geometry, in device px around the marker's origin, y down:
 *  - a marker is placed on whole pixels: its origin is the pixel edge
 *    (floor(qx + 0.5), floor(qy + 0.5)) of the point's device position;
 *  - circles ("o", "."; never snapped) are centred on that pixel's
 *    centre, flattened into a polygon as Agg flattens matplotlib's eight
 *    Bézier arcs (a vertex where the control polygon of a sub-arc within
 *    half a pixel of its chord has its middle);
 *  - polygons and crosses are snapped once their size in px reaches
 *    matplotlib's threshold ("s" 2, "^" and "D" 5, "+" 1, "x" 3): every
 *    vertex v goes to floor(v + 0.5) + e, e = 0.5 when the edge width
 *    rounds to an odd number of px, else 0; below it they are centred on
 *    the pixel's centre like circles.
 * Filled markers are filled, then edged with 1 pt (mitre joins for the
 * polygons, bevelled where the mitre is longer than the edge width in px
 * times its width, as matplotlib limits it; round for circles); "+" and
 * "x" are only stroked, butt caps.
 *
 * Coverage is the area of the pixel the shape covers, as Agg's, counted
 * on 16 x 16 samples a pixel (cairo's own anti-aliasing samples rows
 * coarsely and would differ from matplotlib's edges by 15-20 levels).
 */
#include "sprite.h"

#include <stdlib.h>
#include <string.h>

/* Supersampling of a stamp, and the largest supersampled side. */
#define STAMP_SS  16
#define STAMP_MAX 2048

/* matplotlib's unit circle: eight cubic arcs with this control offset. */
#define CIRCLE_MAGIC 0.2652031

/* matplotlib's snap thresholds (markers.py), px; 0: never snapped. */
static double snap_threshold(int marker)
{
	return spr_marker_info_of(marker)->snap;
}

static int filled(int marker)
{
	return spr_marker_filled(marker);
}

/* Where a marker coordinate v (px from the origin) goes in the stamp. */
typedef struct mk_place {
	cairo_t *cr;
	double ox, oy; /* the origin in the stamp */
	int snap;
	double e; /* 0.5 or 0: the snapped vertices' offset */
	/* a snapped marker's centre within its px (path collections) */
	double dx, dy;
} mk_place;

static void mk_point(const mk_place *p, double vx, double vy, int move)
{
	double x = p->snap ? floor(vx + p->dx + 0.5) + p->e : vx + 0.5;
	double y = p->snap ? floor(vy + p->dy + 0.5) + p->e : vy + 0.5;

	if (move)
		cairo_move_to(p->cr, p->ox + x, p->oy + y);
	else
		cairo_line_to(p->cr, p->ox + x, p->oy + y);
}

/*
 * Flattens the cubic (x[0], y[0]) .. (x[3], y[3]) as Agg's curve4_div
 * does with its default half-pixel tolerance: where the two inner control
 * points lie within half a pixel (summed) of the chord, the middle of the
 * inner control segment is a vertex; otherwise the cubic is halved.
 */
static void flatten(const mk_place *p, const double *x, const double *y,
		    int depth)
{
	double dx = x[3] - x[0], dy = y[3] - y[0];
	double d2 = fabs((x[1] - x[3]) * dy - (y[1] - y[3]) * dx);
	double d3 = fabs((x[2] - x[3]) * dy - (y[2] - y[3]) * dx);
	double l[4], r[4], ly[4], ry[4];

	if (depth > 16 || (d2 + d3) * (d2 + d3) <= 0.25 * (dx * dx + dy * dy)) {
		mk_point(p, (x[1] + x[2]) / 2, (y[1] + y[2]) / 2, 0);
		return;
	}
	/* de Casteljau at t = 1/2 */
	l[0] = x[0];
	ly[0] = y[0];
	l[1] = (x[0] + x[1]) / 2;
	ly[1] = (y[0] + y[1]) / 2;
	r[2] = (x[2] + x[3]) / 2;
	ry[2] = (y[2] + y[3]) / 2;
	r[3] = x[3];
	ry[3] = y[3];
	double mx = (x[1] + x[2]) / 2, my = (y[1] + y[2]) / 2;
	l[2] = (l[1] + mx) / 2;
	ly[2] = (ly[1] + my) / 2;
	r[1] = (mx + r[2]) / 2;
	ry[1] = (my + ry[2]) / 2;
	l[3] = r[0] = (l[2] + r[1]) / 2;
	ly[3] = ry[0] = (ly[2] + ry[1]) / 2;
	flatten(p, l, ly, depth + 1);
	mk_point(p, l[3], ly[3], 0);
	flatten(p, r, ry, depth + 1);
}

/* A circle of radius rad as Agg draws matplotlib's unit circle. */
static void circle_path(const mk_place *p, double rad)
{
	const double m = CIRCLE_MAGIC * rad;

	mk_point(p, rad, 0, 1);
	for (int k = 0; k < 4; k++) {
		/* a quarter turn a time, each as two arcs of 45 degrees */
		double c = cos(k * M_PI / 2), s = sin(k * M_PI / 2);
		double h = rad * M_SQRT1_2, mh = m * M_SQRT1_2;
		/* the first octant's control points, then rotated */
		double ax[7] = {rad, rad, h + mh, h, h - mh, m, 0};
		double ay[7] = {0, m, h - mh, h, h + mh, rad, rad};
		double x[7], y[7];
		for (int j = 0; j < 7; j++) {
			x[j] = ax[j] * c - ay[j] * s;
			y[j] = ax[j] * s + ay[j] * c;
		}
		flatten(p, x, y, 0);
		mk_point(p, x[3], y[3], 0);
		flatten(p, x + 3, y + 3, 0);
		mk_point(p, x[6], y[6], 0);
	}
	cairo_close_path(p->cr);
}

/*
 * The marker's path (size px) on p->cr, placed by p: its subpath part
 * (line markers: Agg adds up the coverage of overlapping subpaths, so
 * each bar or spoke is rasterised on its own), the whole of the others.
 */
static void marker_path(const mk_place *p, int marker, double size, int part)
{
	double xy[2 * SPR_MARKER_MAXV], rad = spr_marker_circle(marker) * size;
	int closed = 0, n;

	if (rad > 0) {
		if (part == 0)
			circle_path(p, rad);
		return;
	}
	n = spr_marker_part(marker, size, part, xy, &closed);
	for (int i = 0; i < n; i++)
		mk_point(p, xy[2 * i], xy[2 * i + 1], i == 0);
	if (n && closed)
		cairo_close_path(p->cr);
}

/* Adds the coverage (0..1) of the A8 surface's pixels, ss x ss samples
 * each, to cov[n x n]. */
static void add_coverage(cairo_surface_t *surf, int ss, int n, double *cov)
{
	const unsigned char *d;
	int stride;

	cairo_surface_flush(surf);
	d = cairo_image_surface_get_data(surf);
	stride = cairo_image_surface_get_stride(surf);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++) {
			unsigned sum = 0;
			for (int j = 0; j < ss; j++) {
				const unsigned char *row =
				    d + (size_t)(y * ss + j) * (size_t)stride +
				    (size_t)(x * ss);
				for (int i = 0; i < ss; i++)
					sum += row[i];
			}
			cov[(size_t)y * (size_t)n + (size_t)x] +=
			    sum / (255.0 * ss * ss);
		}
}

/* The current marker path stroked with matplotlib's marker edge (width lw
 * px, round joins for circles and points, mitres otherwise) or filled. */
static void paint_path(cairo_t *cr, int marker, double lw, int stroke)
{
	if (!stroke) {
		cairo_fill(cr);
		return;
	}
	cairo_set_line_width(cr, lw);
	cairo_set_line_join(cr, spr_marker_info_of(marker)->join);
	/* matplotlib's mitre join is Agg's miter_join_revert with the edge
	 * width in px as the limit: a bevel where the mitre would reach
	 * further (the same rule as cairo's) */
	cairo_set_miter_limit(cr, lw);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_stroke(cr);
}

/*
 * The coverage of the marker's fill (stroke 0) or edge (stroke 1) per
 * stamp pixel, 0..1, into cov (zeroed); surf is the supersampled A8
 * scratch.
 */
static void rasterise(cairo_surface_t *surf, int ss, const spr_stamp *st,
		      int marker, double size, double lw, int stroke,
		      double *cov)
{
	double thr = snap_threshold(marker);
	/* Agg's auto snapping (a scatter's draw_markers): paths of straight
	 * axis-aligned segments only, whatever their size */
	int snap = st->auto_snap ? spr_marker_info_of(marker)->aligned
				 : thr > 0 && size >= thr;
	int parts =
	    stroke && !filled(marker) ? spr_marker_info_of(marker)->parts : 1;
	size_t np = (size_t)st->side * (size_t)st->side;

	for (int part = 0; part < parts; part++) {
		cairo_t *cr = cairo_create(surf);
		mk_place p = {
		    cr, st->r, st->r, snap, (long)floor(lw + 0.5) % 2 ? 0.5 : 0,
		    0,  0};
		cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_antialias(cr, ss > 1 ? CAIRO_ANTIALIAS_NONE
					       : CAIRO_ANTIALIAS_GRAY);
		cairo_scale(cr, ss, ss);
		marker_path(&p, marker, size, part);
		paint_path(cr, marker, lw, stroke);
		cairo_destroy(cr);
		add_coverage(surf, ss, st->side, cov);
	}
	for (size_t i = 0; i < np; i++)
		cov[i] = fmin(cov[i], 1);
}

/* parts: SPR_MARK_FILL | SPR_MARK_EDGE, what the stamp holds */
static int make(spr_stamp *st, int marker, double size, double lw, double alpha,
		int auto_snap, int parts)
{
	cairo_surface_t *surf;
	double *f, *s;
	size_t np;
	int ss;

	memset(st, 0, sizeof *st);
	st->auto_snap = auto_snap;
	if (!(size > 0) || !(alpha > 0) || marker == SPR_MK_NONE)
		return 0;
	st->r = (int)ceil(0.75 * size + 1.5 * lw) + 2;
	st->side = 2 * st->r + 1;
	ss = st->side * STAMP_SS <= STAMP_MAX ? STAMP_SS : 1;
	np = (size_t)st->side * (size_t)st->side;
	st->w = spr_mallocn(np, sizeof *st->w);
	f = spr_callocn(np, sizeof *f);
	s = spr_callocn(np, sizeof *s);
	surf = cairo_image_surface_create(CAIRO_FORMAT_A8, st->side * ss,
					  st->side * ss);
	if (!st->w || !f || !s ||
	    cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		free(f);
		free(s);
		spr_stamp_free(st);
		return -1;
	}
	if (filled(marker) && (parts & SPR_MARK_FILL))
		rasterise(surf, ss, st, marker, size, lw, 0, f);
	if (parts & SPR_MARK_EDGE)
		rasterise(surf, ss, st, marker, size, lw, 1, s);
	cairo_surface_destroy(surf);
	/* fill, then edge over it, both in the line's colour and alpha:
	 * one layer of coverage e, kept as -log(1 - e) so that layers add */
	st->ix0 = st->iy0 = st->side;
	st->ix1 = st->iy1 = -1;
	for (size_t i = 0; i < np; i++) {
		double e = 1 - (1 - alpha * f[i]) * (1 - alpha * s[i]);
		int x = (int)(i % (size_t)st->side),
		    y = (int)(i / (size_t)st->side);
		st->w[i] = e >= 1 ? INFINITY : (float)-log1p(-e);
		if (st->w[i] > 0) {
			st->ix0 = x < st->ix0 ? x : st->ix0;
			st->ix1 = x > st->ix1 ? x : st->ix1;
			st->iy0 = y < st->iy0 ? y : st->iy0;
			st->iy1 = y > st->iy1 ? y : st->iy1;
		}
	}
	free(f);
	free(s);
	return 0;
}

int spr_stamp_make(spr_stamp *st, int marker, double size, double lw,
		   double alpha)
{
	return make(st, marker, size, lw, alpha, 0,
		    SPR_MARK_FILL | SPR_MARK_EDGE);
}

int spr_stamp_make_auto(spr_stamp *st, int marker, double size, double lw,
			double alpha)
{
	return make(st, marker, size, lw, alpha, 1,
		    SPR_MARK_FILL | SPR_MARK_EDGE);
}

void spr_stamp_free(spr_stamp *st)
{
	free(st->w);
	st->w = NULL;
}

/* The path of one marker whose origin is device px (X, Y), filled (fill
 * 1) or the edge (fill 0), on p->cr. */
static void marker_shape(const mk_place *p, int marker, double size, int fill)
{
	cairo_new_path(p->cr);
	marker_path(p, marker, size, 0);
	for (int k = 1;
	     !fill && !filled(marker) && k < spr_marker_info_of(marker)->parts;
	     k++)
		marker_path(p, marker, size, k);
}

/* One marker at whole-pixel origin (X, Y): fill, then edge over it, both
 * at alpha, as a stamp is made (spr_stamp_make). */
static void vector_one(cairo_t *cr, int X, int Y, int marker, double size,
		       double lw, uint32_t color, double alpha, int auto_snap,
		       int parts)
{
	double thr = snap_threshold(marker);
	/* the stamp's snapping (rasterise()) */
	int snap = auto_snap ? spr_marker_info_of(marker)->aligned
			     : thr > 0 && size >= thr;
	mk_place p = {cr, X, Y, snap, (long)floor(lw + 0.5) % 2 ? 0.5 : 0,
		      0,  0};

	spr_set_rgb(cr, color, alpha);
	if (filled(marker) && (parts & SPR_MARK_FILL)) {
		marker_shape(&p, marker, size, 1);
		cairo_fill(cr);
	}
	if (parts & SPR_MARK_EDGE) {
		marker_shape(&p, marker, size, 0);
		cairo_stroke(cr);
	}
}

/* Largest count grid of vector markers (cells), 64 MB of counts. */
#define VECTOR_GRID_MAX ((size_t)1 << 24)

/* Most paths of one call of vector markers; more occupied pixels are an
 * image (a marker's fill and edge paths are ~0.3 KB in a PDF, ~0.7 KB in
 * an SVG, so a million points over the whole axes made 10 MB and 100 MB). */
#define VECTOR_PATHS_MAX 4096

/*
 * A cloud of markers occupying more than VECTOR_PATHS_MAX pixels (counts
 * cnt of n cells): the stamps composited into an image layer over the box
 * instead (1), as the PNG's; 0 to draw paths (sparse, or out of memory).
 */
static int dense(const spr_ctx *r, const spr_marks *m, int marker, double size,
		 double lw, uint32_t color, double alpha, int auto_snap,
		 int parts, const int box[4], const uint32_t *cnt, size_t n)
{
	size_t occupied = 0;
	spr_stamp st;
	int rc;

	for (size_t j = 0; j < n && occupied <= VECTOR_PATHS_MAX; j++)
		occupied += cnt[j] != 0;
	if (occupied <= VECTOR_PATHS_MAX ||
	    make(&st, marker, size, lw, alpha, auto_snap, parts) != 0)
		return 0;
	/* the legend's occupancy grid was marked while counting */
	rc = spr_stamp_draw_layer(r, &st, color, m, box, NULL);
	spr_stamp_free(&st);
	return rc == 0;
}

/*
 * Markers on a PDF or SVG surface: paths instead of stamps. Markers land
 * on whole pixels, so the k markers of one pixel are one path drawn at
 * the opacity of k stacked, 1 - (1 - alpha)^k, which is what the stamps
 * composite to there: a million points in a few thousand pixels make a
 * few thousand paths; beyond VECTOR_PATHS_MAX occupied pixels, an image
 * (dense()). Without memory for the counts, a path per point.
 */
void spr_marks_vector(const spr_ctx *r, const spr_marks *m, int marker,
		      double size, double lw, uint32_t color, double alpha,
		      int auto_snap, const int box[4], spr_axes_ctx *occ)
{
	spr_marks_vector_parts(r, m, marker, size, lw, color, alpha, auto_snap,
			       SPR_MARK_FILL | SPR_MARK_EDGE, box, occ);
}

void spr_marks_vector_parts(const spr_ctx *r, const spr_marks *m, int marker,
			    double size, double lw, uint32_t color,
			    double alpha, int auto_snap, int parts,
			    const int box[4], spr_axes_ctx *occ)
{
	cairo_t *cr = r->cr;
	int rr = (int)ceil(0.75 * size + 1.5 * lw) + 2;
	long gx0 = box[0] - rr, gy0 = box[1] - rr;
	size_t gw = (size_t)(box[2] - box[0] + 1 + 2 * rr);
	size_t gh = (size_t)(box[3] - box[1] + 1 + 2 * rr);
	uint32_t *cnt = gw * gh <= VECTOR_GRID_MAX
			    ? spr_callocn(gw * gh, sizeof *cnt)
			    : NULL;

	cairo_save(cr);
	cairo_rectangle(cr, box[0], box[1], box[2] - box[0] + 1,
			box[3] - box[1] + 1);
	cairo_clip(cr);
	cairo_set_line_width(cr, lw);
	cairo_set_line_join(cr, spr_marker_info_of(marker)->join);
	cairo_set_miter_limit(cr, lw); /* as rasterise() */
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_dash(cr, NULL, 0, 0);
	for (size_t i = 0; i < m->n; i++) {
		double x = m->x ? m->x[i] : (double)i, y = m->y[i];
		if (m->mx) {
			x = spr_map_px(m->mx, x);
			y = spr_map_px(m->my, y);
		}
		if (isnan(x) || isnan(y) || fabs(x) > 1e9 || fabs(y) > 1e9)
			continue;
		if (occ)
			spr_occ_mark(occ, x, y);
		long X = (long)floor(x + 0.5), Y = (long)floor(y + 0.5);
		if (X < gx0 || Y < gy0 || X >= gx0 + (long)gw ||
		    Y >= gy0 + (long)gh)
			continue;
		if (!cnt) {
			vector_one(cr, (int)X, (int)Y, marker, size, lw, color,
				   alpha, auto_snap, parts);
			continue;
		}
		uint32_t *c = &cnt[(size_t)(Y - gy0) * gw + (size_t)(X - gx0)];
		*c += *c < UINT32_MAX;
	}
	if (cnt && dense(r, m, marker, size, lw, color, alpha, auto_snap, parts,
			 box, cnt, gw * gh)) {
		cairo_restore(cr);
		free(cnt);
		return;
	}
	for (size_t j = 0; cnt && j < gw * gh; j++)
		if (cnt[j])
			vector_one(
			    cr, (int)(gx0 + (long)(j % gw)),
			    (int)(gy0 + (long)(j / gw)), marker, size, lw,
			    color,
			    alpha >= 1 ? 1 : 1 - pow(1 - alpha, (double)cnt[j]),
			    auto_snap, parts);
	cairo_restore(cr);
	free(cnt);
}

/* matplotlib's lines.markeredgewidth, pt */
#define MARKER_EDGE_PT 1.0

/*
 * The markers of ms at m in box: fill and edge in one stamp when they are
 * one colour (each marker's fill then edge, composited marker by marker
 * as Agg does), else every fill, then every edge over them (the same
 * where markers do not overlap).
 */
static void draw_style(const spr_ctx *r, const spr_marks *m,
		       const spr_mark_style *ms, const int box[4],
		       spr_axes_ctx *occ)
{
	double size = ms->size_pt * r->pt, lw = ms->edge_pt * r->pt;
	int fill = filled(ms->marker) && ms->face != SPR_NONE_COLOR;
	int edge = ms->edge != SPR_NONE_COLOR && lw > 0;
	struct {
		int parts;
		uint32_t color;
	} pass[2] = {{0, 0}, {0, 0}};
	spr_stamp st;

	if (!(size > 0) || !(ms->alpha > 0) || ms->marker == SPR_MK_NONE)
		return;
	if (fill && edge && ms->face == ms->edge) {
		pass[0].parts = SPR_MARK_FILL | SPR_MARK_EDGE;
		pass[0].color = ms->face;
	} else {
		pass[0].parts = fill ? SPR_MARK_FILL : 0;
		pass[0].color = ms->face;
		pass[1].parts = edge ? SPR_MARK_EDGE : 0;
		pass[1].color = ms->edge;
	}
	for (int k = 0; k < 2; k++) {
		if (!pass[k].parts)
			continue;
		if (r->vector) {
			spr_marks_vector_parts(r, m, ms->marker, size, lw,
					       pass[k].color, ms->alpha, 0,
					       pass[k].parts, box, occ);
		} else if (make(&st, ms->marker, size, lw, ms->alpha, 0,
				pass[k].parts) == 0) {
			spr_stamp_draw(r, &st, pass[k].color, m, box, occ);
			spr_stamp_free(&st);
		}
		occ = NULL; /* the legend's grid is marked once */
	}
}

void spr_draw_markers_style(const spr_ctx *r, spr_axes_ctx *a, const double *xv,
			    const double *yv, size_t n,
			    const spr_mark_style *ms)
{
	spr_marks m = {xv, yv, n, &a->mx, &a->my};
	/* RendererAgg::set_clipbox: the axes rounded to whole pixels */
	int box[4] = {(int)floor(fmin(a->x0, a->x1) + 0.5),
		      (int)floor(fmin(a->y0, a->y1) + 0.5),
		      (int)floor(fmax(a->x0, a->x1) + 0.5),
		      (int)floor(fmax(a->y0, a->y1) + 0.5)};

	draw_style(r, &m, ms, box, a);
}

void spr_draw_marker_style_at(const spr_ctx *r, double x, double y,
			      const spr_mark_style *ms)
{
	spr_marks m = {&x, &y, 1, NULL, NULL};
	int box[4] = {0, 0, r->W - 1, r->H - 1};

	draw_style(r, &m, ms, box, NULL);
}

void spr_draw_markers(const spr_ctx *r, spr_axes_ctx *a, const double *xv,
		      const double *yv, size_t n, int marker, double size_pt,
		      uint32_t color, double alpha)
{
	spr_mark_style ms = {marker, size_pt, MARKER_EDGE_PT,
			     color,  color,   alpha};

	spr_draw_markers_style(r, a, xv, yv, n, &ms);
}

void spr_draw_marker_at(const spr_ctx *r, double x, double y, int marker,
			double size_pt, uint32_t color, double alpha)
{
	spr_mark_style ms = {marker, size_pt, MARKER_EDGE_PT,
			     color,  color,   alpha};

	spr_draw_marker_style_at(r, x, y, &ms);
}

int spr_marker_mask(int marker, double size, double lw, int stroke, int ss,
		    int n, const double *snap, unsigned char *out)
{
	cairo_surface_t *s = cairo_image_surface_create_for_data(
	    out, CAIRO_FORMAT_A8, n * ss, n * ss,
	    cairo_format_stride_for_width(CAIRO_FORMAT_A8, n * ss));
	int parts =
	    stroke && !filled(marker) ? spr_marker_info_of(marker)->parts : 1;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	memset(out, 0, (size_t)cairo_image_surface_get_stride(s) * n * ss);
	if (stroke || filled(marker)) {
		cairo_t *cr = cairo_create(s);
		/* the centre on px edge n / 2 (mk_point adds half a px
		 * unless snapped, when the centre is that px's) */
		/* a path collection's straight axis-aligned paths snap
		 * whatever their size (no marker threshold) */
		int sn = snap != NULL;
		mk_place p = {cr,
			      n / 2 - (sn ? 0 : 0.5),
			      n / 2 - (sn ? 0 : 0.5),
			      sn,
			      (long)floor(lw + 0.5) % 2 ? 0.5 : 0,
			      sn ? snap[0] : 0,
			      sn ? snap[1] : 0};
		/* samples on their own; at one sample a px (huge markers)
		 * cairo's own coverage */
		cairo_set_antialias(cr, ss > 1 ? CAIRO_ANTIALIAS_NONE
					       : CAIRO_ANTIALIAS_GRAY);
		cairo_scale(cr, ss, ss);
		for (int part = 0; part < parts; part++)
			marker_path(&p, marker, size, part);
		paint_path(cr, marker, lw, stroke);
		cairo_destroy(cr);
	}
	cairo_surface_flush(s);
	cairo_surface_destroy(s);
	return 0;
}
