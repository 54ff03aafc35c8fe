/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: markers composited one by one, each in its own
 * colour, at its sub-pixel position, as matplotlib's Agg draws a path
 * collection (a colour-mapped scatter: RendererAgg::draw_path_collection
 * keeps the exact centres, fills then strokes every marker over what is
 * there). The marker is rasterised once, 16 x 16 samples a px
 * (markers.c), and box-filtered at q x q sub-pixel phases into sprites
 * (sprite.c); a point then costs one blend per pixel its sprite covers.
 */
#ifndef SHMPLOT_RENDER_SPRITE_H
#define SHMPLOT_RENDER_SPRITE_H

#include "draw.h"

/*
 * The fill (stroke 0) or edge coverage of a marker (enum spr_marker) of
 * size px, edged lw px wide, sampled ss x ss a px on an A8 grid of n x n
 * px (n even; out holds cairo's A8 stride for n * ss times n * ss bytes),
 * its centre on the edge of px n / 2. snap NULL: unsnapped (a curve, or a
 * marker in a path collection that Agg does not snap); else the centre's
 * offset (x, y) within its px, and the vertices snapped as Agg snaps the
 * marker there, to floor(v + 0.5) + 0.5 (odd edge widths) or floor(v +
 * 0.5), when its size reaches matplotlib's snap threshold (markers.c).
 * 0, or -1 (out of memory).
 */
int spr_marker_mask(int marker, double size, double lw, int stroke, int ss,
		    int n, const double *snap, unsigned char *out);

/* A marker's sprites: q x q phases, each (n + 1) x (n + 1) px of fill and
 * edge coverage 0 .. 255 and of both in one colour at the sprite's alpha,
 * with its bounding box. */
typedef struct spr_sprite {
	int n, q, snapped;
	unsigned char *cov; /* q * q phases x 3 layers x (n + 1)^2 */
	short *box;         /* q * q phases x (x0, y0, x1, y1), inclusive */
} spr_sprite;

/* The sprites of a marker of size px edged lw px at q x q phases (q in 1
 * .. 16), drawn at alpha when in one colour. 0, or -1 out of memory. */
int spr_sprite_make(spr_sprite *sp, int marker, double size, double lw,
		    double alpha, int q);
void spr_sprite_free(spr_sprite *sp);

/* Pixels sprites are composited on: an RGB24 image (argb 0) or a
 * premultiplied ARGB32 layer (1), and a clip box. */
typedef struct spr_pixels {
	unsigned char *data;
	int stride;
	int box[4]; /* x0, y0, x1, y1 inclusive */
	int argb;
} spr_pixels;

/*
 * The marker centred at device (x, y): its fill in fill (0xRRGGBB) at
 * alpha fa (0 .. 255), then its edge in edge at ea, each blended over
 * what is there as Agg blends (8 bits); fa < 0 and edge == fill: both in
 * that colour at the sprite's alpha, in one blend.
 */
void spr_sprite_put(const spr_sprite *sp, const spr_pixels *px, double x,
		    double y, uint32_t fill, int fa, uint32_t edge, int ea);

#endif /* SHMPLOT_RENDER_SPRITE_H */
