/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the unit tests of src/diff: small RGBA8 images built pixel by
 * pixel, a handle holding two of them, a canvas or PNG read back.
 */
#ifndef SHMPLOT_DIFF_TESTUTIL_H
#define SHMPLOT_DIFF_TESTUTIL_H

#include "diff/canvas.h"

#include <stdlib.h>
#include <string.h>

/* A w x h image of one colour, rows packed; the caller frees img->px. */
static inline spd_image tdu_image(int w, int h, const unsigned char rgba[4])
{
	spd_image img = {w, h, (size_t)w * 4, malloc((size_t)w * h * 4), NULL};

	assert_non_null(img.px);
	for (size_t i = 0; i < (size_t)w * h; i++)
		memcpy(img.px + i * 4, rgba, 4);
	return img;
}

static inline void tdu_set(spd_image *img, int x, int y,
			   const unsigned char rgba[4])
{
	memcpy(img->px + (size_t)y * img->stride + (size_t)x * 4, rgba, 4);
}

/* A handle that has compared e with a (opts NULL: exact). */
static inline shmplot_diff *tdu_diff(const spd_image *e, const spd_image *a,
				     const shmplot_diff_opts *opts)
{
	shmplot_diff *d;
	char err[256];

	assert_int_equal(shmplot_diff_new(&d, opts, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_pixels(d, e->px, e->width, e->height,
					     e->stride, a->px, a->width,
					     a->height, a->stride),
			 SHMPLOT_OK);
	return d;
}

/* The colour of a canvas pixel as 0xRRGGBB. */
static inline uint32_t tdu_canvas_px(const spd_canvas *c, int x, int y)
{
	uint32_t v;

	memcpy(&v, c->data + (size_t)y * c->stride + (size_t)x * 4, 4);
	return v & 0xffffffu;
}

/* Decodes a PNG the diff wrote; frees png. */
static inline spd_image tdu_decode(unsigned char *png, size_t len)
{
	spd_png_limits lim = {
	    SPD_DEFAULT_MAX_SIDE, SPD_DEFAULT_MAX_TOTAL_PIXELS,
	    SPD_DEFAULT_MAX_FILE_BYTES, SPD_DEFAULT_MAX_CHUNK_BYTES};
	spd_image img;
	char err[256];

	assert_int_equal(spd_png_decode(png, len, &lim, &img, err, sizeof err),
			 SHMPLOT_OK);
	free(png);
	return img;
}

/* The colour of a decoded pixel as 0xRRGGBB (alpha must be opaque). */
static inline uint32_t tdu_px(const spd_image *img, int x, int y)
{
	const unsigned char *p = spd_px_at(img, x, y);

	assert_int_equal(p[3], 255);
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

#endif /* SHMPLOT_DIFF_TESTUTIL_H */
