/* SPDX-License-Identifier: MIT */
/*
 * Private to src/diff: drawing the diff image and the panel. Both are drawn
 * pixel by pixel on an opaque canvas (canvas.c) with a 5 x 7 bitmap font
 * (glyphs.c), from views of the compared images (image.c), and encoded
 * with the figures' PNG encoder, so the same comparison always gives the
 * same bytes.
 */
#ifndef SHMPLOT_DIFF_CANVAS_H
#define SHMPLOT_DIFF_CANVAS_H

#include "diff/imgdiff.h"

#include <cairo.h>

/* ---- canvas.c ---- */

/* An opaque RGB canvas: a cairo RGB24 surface, so it encodes as RGB. */
typedef struct spd_canvas {
	cairo_surface_t *surf;
	unsigned char *data;
	int w, h, stride;
} spd_canvas;

/* The colours of the diff image and the panel. */
extern const unsigned char spd_col_more[3];  /* more ink: magenta */
extern const unsigned char spd_col_less[3];  /* less ink: green */
extern const unsigned char spd_col_aa[3];    /* anti-aliasing: amber */
extern const unsigned char spd_col_box[3];   /* the box round the diff */
extern const unsigned char spd_col_bg[3];    /* the panel's background */
extern const unsigned char spd_col_text[3];  /* labels */
extern const unsigned char spd_col_frame[3]; /* frames round the views */

/*
 * A w x h canvas filled with bg. SHMPLOT_E_INVALID for a size cairo cannot
 * draw, SHMPLOT_E_NOMEM; on failure c holds nothing.
 */
shmplot_status spd_canvas_new(spd_canvas *c, int w, int h,
			      const unsigned char bg[3], char *err,
			      size_t errlen);

/*
 * Encodes the canvas as PNG into *png (malloc'd, the caller frees) and
 * frees the canvas, whatever the outcome. SHMPLOT_E_PNG.
 */
shmplot_status spd_canvas_encode(spd_canvas *c, unsigned char **png,
				 size_t *len, char *err, size_t errlen);

/* cairo's RGB24 is a native-endian 32-bit xRGB word per pixel; pixels
 * outside the canvas are dropped. */
static inline void spd_put(spd_canvas *c, int x, int y,
			   const unsigned char rgb[3])
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	uint32_t v = 0xff000000u | (uint32_t)rgb[0] << 16 |
		     (uint32_t)rgb[1] << 8 | rgb[2];
	memcpy(c->data + (size_t)y * c->stride + (size_t)x * 4, &v, 4);
}

void spd_fill(spd_canvas *c, int x, int y, int w, int h,
	      const unsigned char rgb[3]);

/* An outline t pixels thick drawn just outside the rectangle. */
void spd_outline(spd_canvas *c, int x, int y, int w, int h, int t,
		 const unsigned char rgb[3]);

/* ---- glyphs.c: the labels' bitmap font ---- */

#define SPD_FONT_SCALE 2                        /* font pixels per glyph dot */
#define SPD_LABEL_H    (7 * SPD_FONT_SCALE + 8) /* a line of labels */

/*
 * Draws s at (x, y) in upper case, glyph by glyph while a whole glyph fits
 * before x_end (characters without a glyph leave a space); returns the x
 * after the last glyph drawn.
 */
int spd_text_clip(spd_canvas *c, int x, int y, int x_end, const char *s,
		  const unsigned char rgb[3]);

/* spd_text_clip() up to the canvas' right edge. */
int spd_text(spd_canvas *c, int x, int y, const char *s,
	     const unsigned char rgb[3]);

/* ---- image.c: the views ---- */

enum spd_view { SPD_VIEW_EXPECTED, SPD_VIEW_ACTUAL, SPD_VIEW_DIFF };

/*
 * Draws the region (sx, sy, sw, sh) of a view at (dx, dy), each pixel an
 * s x s square (from s = 6 on, with a faint grid so pixels can be counted).
 */
void spd_blit(spd_canvas *c, const shmplot_diff *d, enum spd_view v, int sx,
	      int sy, int sw, int sh, int dx, int dy, int s);

#endif /* SHMPLOT_DIFF_CANVAS_H */
