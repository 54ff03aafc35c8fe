/* SPDX-License-Identifier: MIT */
/*
 * Stamping a rasterised marker (markers.c) at many points, each
 * composited over the ones before it as matplotlib's draw_markers does,
 * in time linear in the points: markers are counted per whole-pixel
 * offset first, then every occupied offset adds its count times the
 * stamp's -log(1 - e) to a float per pixel, and the pixels are blended
 * once: d = c + (d - c) exp(-T). With one colour for all the stamps this
 * is exactly the stamps composited one by one, in any order (matplotlib
 * rounds to 8 bits after each; here the result is rounded once, so it
 * does not depend on the order of the points). The work is done in bands
 * of rows, so the buffers stay small on any figure.
 */
#include "draw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pixels (accumulators and counts) a band may hold. */
#define BAND_PX (1 << 20)

/* The band [y0, y1] of the box [x0, x1] and the counts of its offsets:
 * offsets (X, Y) with X in [gx0, gx0 + gw), Y in [gy0, gy0 + gh). */
typedef struct band {
	int x0, x1, y0, y1;
	int gx0, gy0, gw, gh;
	uint32_t *cnt;
	float *t;   /* (x1 - x0 + 1) x (y1 - y0 + 1) */
	int argb;   /* the pixels: 0 RGB24, 1 premultiplied ARGB32 */
	int ox, oy; /* the device px of the pixels' (0, 0) */
} band;

/* Counts the points whose stamp can reach the band; marks occ. */
static void band_count(band *b, const spr_marks *m, spr_axes_ctx *occ)
{
	for (size_t i = 0; i < m->n; i++) {
		double x = m->x ? m->x[i] : (double)i, y = m->y[i], X, Y;
		if (m->mx) {
			x = spr_map_px(m->mx, x);
			y = spr_map_px(m->my, y);
		}
		if (isnan(x) || isnan(y))
			continue;
		if (occ)
			spr_occ_mark(occ, x, y);
		/* Agg's offset: floor(q + 0.5), the point's nearest pixel
		 * edge, i.e. the pixel whose centre is nearest */
		X = floor(x + 0.5) - b->gx0;
		Y = floor(y + 0.5) - b->gy0;
		if (X >= 0 && X < b->gw && Y >= 0 && Y < b->gh)
			b->cnt[(size_t)Y * (size_t)b->gw + (size_t)X]++;
	}
}

/* Adds k stamps at offset (X, Y) to the band's accumulators. */
static void band_add(band *b, const spr_stamp *st, int X, int Y, uint32_t k)
{
	int i0 = st->ix0, i1 = st->ix1, j0 = st->iy0, j1 = st->iy1;
	int w = b->x1 - b->x0 + 1;
	float fk = (float)k;

	/* stamp px (i, j) lands on device (X - r + i, Y - r + j) */
	i0 = i0 > b->x0 - X + st->r ? i0 : b->x0 - X + st->r;
	i1 = i1 < b->x1 - X + st->r ? i1 : b->x1 - X + st->r;
	j0 = j0 > b->y0 - Y + st->r ? j0 : b->y0 - Y + st->r;
	j1 = j1 < b->y1 - Y + st->r ? j1 : b->y1 - Y + st->r;
	for (int j = j0; j <= j1; j++) {
		const float *src = st->w + (size_t)j * (size_t)st->side;
		float *dst = b->t +
			     (size_t)(Y - st->r + j - b->y0) * (size_t)w +
			     (X - st->r - b->x0);
		for (int i = i0; i <= i1; i++)
			dst[i] += fk * src[i];
	}
}

/*
 * Blends the band's accumulated layers into the pixels. On premultiplied
 * ARGB the alpha byte takes the same formula with c = 255: a layer that
 * starts transparent so is, painted over any background, the stamps
 * composited on it.
 */
static void band_blend(const band *b, unsigned char *data, int stride,
		       uint32_t color)
{
	int w = b->x1 - b->x0 + 1;
	float c[4] = {255, (float)((color >> 16) & 0xff),
		      (float)((color >> 8) & 0xff), (float)(color & 0xff)};

	for (int y = b->y0; y <= b->y1; y++) {
		const float *t = b->t + (size_t)(y - b->y0) * (size_t)w;
		uint32_t *px =
		    (uint32_t *)(data + (size_t)(y - b->oy) * (size_t)stride) +
		    (b->x0 - b->ox);
		for (int x = 0; x < w; x++) {
			if (!(t[x] > 0))
				continue;
			float f = expf(-t[x]);
			uint32_t p = px[x], o = 0xff000000u;
			if (b->argb)
				o = (uint32_t)lrintf(
					c[0] + ((float)(p >> 24) - c[0]) * f)
				    << 24;
			for (int k = 1; k < 4; k++) {
				int sh = 24 - 8 * k;
				float d = (float)((p >> sh) & 0xff);
				o |= (uint32_t)lrintf(c[k] + (d - c[k]) * f)
				     << sh;
			}
			px[x] = o;
		}
	}
}

/* The stamps of band b: count, accumulate, blend. */
static void band_draw(band *b, const spr_stamp *st, uint32_t color,
		      const spr_marks *m, spr_axes_ctx *occ,
		      unsigned char *data, int stride)
{
	size_t ng = (size_t)b->gw * (size_t)b->gh;

	memset(b->cnt, 0, ng * sizeof *b->cnt);
	memset(b->t, 0,
	       (size_t)(b->x1 - b->x0 + 1) * (size_t)(b->y1 - b->y0 + 1) *
		   sizeof *b->t);
	band_count(b, m, occ);
	for (size_t g = 0; g < ng; g++)
		if (b->cnt[g])
			band_add(b, st, b->gx0 + (int)(g % (size_t)b->gw),
				 b->gy0 + (int)(g / (size_t)b->gw), b->cnt[g]);
	band_blend(b, data, stride, color);
}

/* The stamps one by one through cairo, for targets other than an RGB24
 * image (slow, but composited the same way). */
static void draw_slow(const spr_ctx *r, const spr_stamp *st, uint32_t color,
		      const spr_marks *m, const int box[4], spr_axes_ctx *occ)
{
	cairo_t *cr = r->cr;

	cairo_save(cr);
	cairo_rectangle(cr, box[0], box[1], box[2] - box[0] + 1,
			box[3] - box[1] + 1);
	cairo_clip(cr);
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
		double X = floor(x + 0.5) - st->r, Y = floor(y + 0.5) - st->r;
		for (int v = st->iy0; v <= st->iy1; v++)
			for (int u = st->ix0; u <= st->ix1; u++) {
				float w = st->w[(size_t)v * (size_t)st->side +
						(size_t)u];
				if (!(w > 0))
					continue;
				spr_set_rgb(cr, color, 1 - exp(-w));
				cairo_rectangle(cr, X + u, Y + v, 1, 1);
				cairo_fill(cr);
			}
	}
	cairo_restore(cr);
}

/*
 * The stamps on the device px [x0, x1] x [y0, y1] of pixels whose (0, 0)
 * is device (ox, oy), RGB24 or premultiplied ARGB32 (argb), band by band.
 * 0, or -1 out of memory (nothing drawn).
 */
static int stamp_bands(const spr_stamp *st, uint32_t color, const spr_marks *m,
		       const int lim[4], spr_axes_ctx *occ, unsigned char *data,
		       int stride, int argb, int ox, int oy)
{
	int x0 = lim[0], y0 = lim[1], x1 = lim[2], y1 = lim[3], bh;
	band b;

	bh = BAND_PX / (x1 - x0 + 1 + 2 * st->r) - 2 * st->r;
	bh = bh < 1 ? 1 : bh > y1 - y0 + 1 ? y1 - y0 + 1 : bh;
	b.gw = x1 - x0 + 1 + 2 * st->r;
	b.gh = bh + 2 * st->r;
	b.cnt = spr_mallocn((size_t)b.gw * (size_t)b.gh, sizeof *b.cnt);
	b.t = spr_mallocn((size_t)(x1 - x0 + 1) * (size_t)bh, sizeof *b.t);
	if (!b.cnt || !b.t) {
		free(b.cnt);
		free(b.t);
		return -1;
	}
	b.x0 = x0;
	b.x1 = x1;
	b.gx0 = x0 - st->r;
	b.argb = argb;
	b.ox = ox;
	b.oy = oy;
	for (int y = y0; y <= y1; y += bh) {
		b.y0 = y;
		b.y1 = y + bh - 1 > y1 ? y1 : y + bh - 1;
		b.gy0 = y - st->r;
		b.gh = b.y1 - b.y0 + 1 + 2 * st->r;
		/* the occupancy grid is marked once */
		band_draw(&b, st, color, m, y == y0 ? occ : NULL, data, stride);
	}
	free(b.cnt);
	free(b.t);
	return 0;
}

/* The box clamped to the figure: 0, or -1 when nothing of it is on it. */
static int clamp_box(const spr_ctx *r, const int box[4], int lim[4])
{
	lim[0] = box[0] < 0 ? 0 : box[0];
	lim[1] = box[1] < 0 ? 0 : box[1];
	lim[2] = box[2] >= r->W ? r->W - 1 : box[2];
	lim[3] = box[3] >= r->H ? r->H - 1 : box[3];
	return lim[0] <= lim[2] && lim[1] <= lim[3] ? 0 : -1;
}

int spr_image_target_argb(cairo_t *cr)
{
	cairo_surface_t *s = cairo_get_group_target(cr);
	if (s != cairo_get_target(cr) ||
	    cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE)
		return -1;
	switch (cairo_image_surface_get_format(s)) {
	case CAIRO_FORMAT_RGB24:
		return 0;
	case CAIRO_FORMAT_ARGB32:
		return 1;
	default:
		return -1;
	}
}

void spr_stamp_draw(const spr_ctx *r, const spr_stamp *st, uint32_t color,
		    const spr_marks *m, const int box[4], spr_axes_ctx *occ)
{
	cairo_surface_t *s = cairo_get_group_target(r->cr);
	int lim[4];

	if (!st->w || st->ix1 < 0 || clamp_box(r, box, lim) != 0)
		return;
	int argb = spr_image_target_argb(r->cr);
	if (argb < 0) {
		draw_slow(r, st, color, m, box, occ);
		return;
	}
	cairo_surface_flush(s);
	if (stamp_bands(st, color, m, lim, occ, cairo_image_surface_get_data(s),
			cairo_image_surface_get_stride(s), argb, 0, 0) != 0) {
		draw_slow(r, st, color, m, box, occ);
		return;
	}
	cairo_surface_mark_dirty_rectangle(
	    s, lim[0], lim[1], lim[2] - lim[0] + 1, lim[3] - lim[1] + 1);
}

void spr_layer_paint(const spr_ctx *r, cairo_surface_t *layer, int x, int y)
{
	cairo_save(r->cr);
	cairo_set_source_surface(r->cr, layer, x, y);
	cairo_pattern_set_filter(cairo_get_source(r->cr), CAIRO_FILTER_NEAREST);
	cairo_rectangle(r->cr, x, y, cairo_image_surface_get_width(layer),
			cairo_image_surface_get_height(layer));
	cairo_fill(r->cr);
	cairo_restore(r->cr);
}

int spr_stamp_draw_layer(const spr_ctx *r, const spr_stamp *st, uint32_t color,
			 const spr_marks *m, const int box[4],
			 spr_axes_ctx *occ)
{
	cairo_surface_t *layer;
	int lim[4], rc;

	if (!st->w || st->ix1 < 0 || clamp_box(r, box, lim) != 0)
		return 0;
	layer = cairo_image_surface_create(
	    CAIRO_FORMAT_ARGB32, lim[2] - lim[0] + 1, lim[3] - lim[1] + 1);
	if (cairo_surface_status(layer) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(layer);
		return -1;
	}
	cairo_surface_flush(layer);
	rc = stamp_bands(
	    st, color, m, lim, occ, cairo_image_surface_get_data(layer),
	    cairo_image_surface_get_stride(layer), 1, lim[0], lim[1]);
	if (rc == 0) {
		cairo_surface_mark_dirty(layer);
		spr_layer_paint(r, layer, lim[0], lim[1]);
	}
	cairo_surface_destroy(layer);
	return rc;
}
