/* SPDX-License-Identifier: MIT */
/*
 * Mathtext on the surface, placed as matplotlib 3.6's Agg backend places
 * it: the expression is a raster padded 1 px all round
 * (_mathtext.Output.to_raster), each glyph's origin on a whole pixel of
 * it, rules filled unantialiased on whole pixel rows, and the raster put
 * on whole device pixels, its bottom-left corner one descent below the
 * baseline point, rounded, plus 1 (RendererAgg.draw_mathtext). Text
 * layout measures the raster: width, height and descent.
 */
#include "mathtext_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void mt_faces(const spr_font *font, const spr_font *faces[MT_F_N])
{
	const spr_font *it = spr_font_face(font, SPR_FACE_OBLIQUE);
	const spr_font *bf = spr_font_face(font, SPR_FACE_BOLD);

	const spr_font *rm = spr_font_family(font);

	/* the text's own face (TruetypeFonts' 'default': findfont of the
	 * Text's properties, so bold or oblique with the Text); \mathrm and
	 * digits stay in the family's regular face */
	faces[MT_F_DEFAULT] = font;
	faces[MT_F_RM] = rm;
	faces[MT_F_IT] = it ? it : rm;
	faces[MT_F_BF] = bf ? bf : rm;
}

/* Where a shipped glyph is drawn from: an accent's ink box sits on its
 * position (Accent.render). */
void mt_glyph_origin(const mb_node *n, const mb_glyph *g, double *x, double *y)
{
	*x = g->x;
	*y = g->y;
	if (n->tag & MT_TAG_ACCENT) {
		*x -= n->m.xmin;
		*y += n->m.ymin;
	}
}

/* The glyph's metrics at the size it is drawn at: a shrunk char's box
 * was scaled, its glyph is loaded at the smaller size (Char.shrink). */
static void drawn_metrics(const mt_layout *L, const mb_node *n,
			  spr_glyph_mpl_metrics *m)
{
	if (n->stretch) {
		double k = n->size > 0 && n->size < MB_SIZE_LEVELS
			       ? pow(MB_SHRINK, n->size)
			       : 1;

		m->xmin = n->m.xmin * k;
		m->ymin = n->m.ymin * k;
		m->xmax = n->m.xmax * k;
		m->ymax = n->m.ymax * k;
		m->iceberg = n->m.iceberg * k;
		return;
	}
	spr_glyph_mpl(L->faces[n->font], n->cp, n->fontsize, m);
}

/* A stand-in glyph: this font's glyph stretched into the other's ink box,
 * its origin at (x, y). */
static void draw_stretched(cairo_t *cr, const spr_font *font, uint32_t cp,
			   const spr_glyph_mpl_metrics *want, double x,
			   double y)
{
	spr_glyph_mpl_metrics g;
	double sx, sy;

	if (spr_glyph_mpl(font, cp, 100, &g) != 0 || g.xmax <= g.xmin ||
	    g.ymax <= g.ymin)
		return;
	sx = (want->xmax - want->xmin) / (g.xmax - g.xmin);
	sy = (want->ymax - want->ymin) / (g.ymax - g.ymin);
	cairo_save(cr);
	cairo_translate(cr, x + want->xmin - sx * g.xmin,
			y - want->ymax + sy * g.ymax);
	cairo_scale(cr, sx, sy);
	spr_glyph_draw(cr, font, cp, 100, 0, 0);
	cairo_restore(cr);
}

int mt_layout_raster(mt_layout *L)
{
	const mb_node *root = &L->a.n[L->root];
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	mb_output o;
	int32_t i;

	if (mb_ship(&L->a, L->root, 0, 0, &o) != 0) {
		mb_output_free(&o);
		return -1;
	}
	for (i = 0; i < o.ng; i++) {
		const mb_node *n = &L->a.n[o.g[i].node];
		spr_glyph_mpl_metrics m;
		double gx, gy;

		drawn_metrics(L, n, &m);
		mt_glyph_origin(n, &o.g[i], &gx, &gy);
		x0 = fmin(x0, gx + m.xmin);
		x1 = fmax(x1, gx + m.xmax);
		y0 = fmin(y0, gy - m.ymax);
		y1 = fmax(y1, gy - m.ymin);
	}
	for (i = 0; i < o.nr; i++) {
		x0 = fmin(x0, o.r[i].x1);
		y0 = fmin(y0, o.r[i].y1);
		x1 = fmax(x1, o.r[i].x2);
		y1 = fmax(y1, o.r[i].y2);
	}
	mb_output_free(&o);
	x0 -= 1;
	y0 -= 1;
	x1 += 1;
	y1 += 1;
	L->w = x1 - x0;
	L->h = y1 - y0 - root->depth;
	L->d = y1 - y0 - root->height;
	L->img_w = (int)ceil(L->w);
	L->img_h = (int)ceil(L->h + fmax(L->d, 0));
	return mb_ship(&L->a, L->root, -x0, -y0, &L->out);
}

void mt_layout_free(mt_layout *L)
{
	mb_output_free(&L->out);
	mb_arena_free(&L->a);
	memset(L, 0, sizeof *L);
}

/* Draws the raster's glyphs and rules with its bottom-left corner at the
 * origin of the current frame (y down), as FT2Image receives them. */
static void draw_raster(cairo_t *cr, const mt_layout *L)
{
	int32_t i;

	for (i = 0; i < L->out.ng; i++) {
		const mb_node *n = &L->a.n[L->out.g[i].node];
		spr_glyph_mpl_metrics m;
		double gx, gy;

		if (n->cp == ' ')
			continue;
		drawn_metrics(L, n, &m);
		mt_glyph_origin(n, &L->out.g[i], &gx, &gy);
		/* draw_glyph_to_bitmap truncates the bitmap's top-left corner
		 * to whole pixels; the glyph's top is its iceberg */
		gx = floor(gx);
		gy = floor(gy - m.iceberg) + m.iceberg - L->img_h;
		if (n->stretch)
			draw_stretched(cr, L->faces[n->font], n->cp, &m, gx,
				       gy);
		else
			spr_glyph_draw(cr, L->faces[n->font], n->cp,
				       n->fontsize, gx, gy);
	}
	cairo_save(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	for (i = 0; i < L->out.nr; i++) {
		const mb_rect *r = &L->out.r[i];
		int h = (int)fmax(floor(r->y2 - r->y1) - 1, 0);
		double y =
		    h == 0 ? floor((r->y2 + r->y1) / 2 - 0.5) : floor(r->y1);
		double xa = floor(r->x1), xb = fmin(ceil(r->x2) + 1, L->img_w);

		if (xb > xa)
			cairo_rectangle(cr, xa, y - L->img_h, xb - xa, h + 1);
	}
	cairo_fill(cr);
	cairo_restore(cr);
}

/* The line's layout; 0, or -1 when it does not parse (or no memory). */
static int line_layout(const spr_font *font, const char *s, size_t len,
		       double size, mt_layout *L)
{
	const spr_font *faces[MT_F_N];
	mt_tree t;
	int rc;

	if (mt_parse(s, len, &t, NULL, 0) != 0)
		return -1;
	mt_faces(font, faces);
	rc = mt_layout_build(faces, &t, size, L);
	mt_tree_free(&t);
	if (rc == 0 && mt_layout_raster(L) != 0) {
		mt_layout_free(L);
		rc = -1;
	}
	return rc;
}

/* The line box Text._get_layout takes: the raster's, at least "lp". */
static spr_text_box line_box(cairo_t *cr, const spr_font *font,
			     const mt_layout *L, double size)
{
	spr_text_box lp = spr_text_measure_run(cr, font, "", 0, size), b;
	double h = fmax(L->h + L->d, lp.ascent + lp.descent);

	b.width = L->w;
	b.descent = fmax(L->d, lp.descent);
	b.ascent = h - b.descent;
	return b;
}

spr_text_box spr_math_measure_run(cairo_t *cr, const spr_font *font,
				  const char *s, size_t len, double size)
{
	mt_layout L;
	spr_text_box b;

	if (line_layout(font, s, len, size, &L) != 0)
		return spr_text_measure_run(cr, font, s, len, size);
	b = line_box(cr, font, &L, size);
	mt_layout_free(&L);
	return b;
}

spr_text_box spr_math_draw_run(cairo_t *cr, const spr_font *font, const char *s,
			       size_t len, double size, double x, double y,
			       double angle, double align, double lead)
{
	double ca = cos(angle), sa = sin(angle), u, v, px, py;
	mt_layout L;
	spr_text_box b;

	if (line_layout(font, s, len, size, &L) != 0)
		return spr_text_draw_run(cr, font, s, len, size, x, y, angle,
					 align, lead);
	b = line_box(cr, font, &L, size);
	/* the baseline's left end, in the frame spr_text_draw_run uses */
	u = -align * b.width;
	v = lead * b.ascent;
	px = x + u * ca + v * sa;
	py = y - u * sa + v * ca;
	cairo_save(cr);
	cairo_translate(cr, round(px + L.d * sa), round(py + L.d * ca) + 1);
	if (angle != 0)
		cairo_rotate(cr, -angle);
	draw_raster(cr, &L);
	cairo_restore(cr);
	mt_layout_free(&L);
	return b;
}
