/* SPDX-License-Identifier: MIT */
/*
 * The canvas the diff image and the panel are drawn on: an opaque cairo
 * RGB24 surface written pixel by pixel and encoded with the figures' PNG
 * encoder at its default level.
 */
#include "diff/canvas.h"

#include "png/encode.h"

const unsigned char spd_col_more[3] = {230, 0, 230};
const unsigned char spd_col_less[3] = {0, 170, 0};
const unsigned char spd_col_aa[3] = {255, 170, 0};
const unsigned char spd_col_box[3] = {0, 190, 255};
const unsigned char spd_col_bg[3] = {45, 45, 48};
const unsigned char spd_col_text[3] = {235, 235, 235};
const unsigned char spd_col_frame[3] = {120, 120, 125};

shmplot_status spd_canvas_new(spd_canvas *c, int w, int h,
			      const unsigned char bg[3], char *err,
			      size_t errlen)
{
	memset(c, 0, sizeof *c);
	/* cairo's own limit is 32767 per side. */
	if (w <= 0 || h <= 0 || w > 32767 || h > 32767)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"a %d x %d image is larger than cairo can draw",
				w, h);
	c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(c->surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(c->surf);
		c->surf = NULL;
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for a %d x %d image", w, h);
	}
	cairo_surface_flush(c->surf);
	c->data = cairo_image_surface_get_data(c->surf);
	c->stride = cairo_image_surface_get_stride(c->surf);
	c->w = w;
	c->h = h;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			spd_put(c, x, y, bg);
	return SHMPLOT_OK;
}

shmplot_status spd_canvas_encode(spd_canvas *c, unsigned char **png,
				 size_t *len, char *err, size_t errlen)
{
	char msg[256];
	shmplot_status st = SHMPLOT_OK;

	cairo_surface_mark_dirty(c->surf);
	if (sp_png_encode(c->surf, -1, 0, png, len, msg, sizeof msg) != 0)
		st = sp_error(err, errlen, SHMPLOT_E_PNG,
			      "cannot encode the image: %s", msg);
	cairo_surface_destroy(c->surf);
	memset(c, 0, sizeof *c);
	return st;
}

void spd_fill(spd_canvas *c, int x, int y, int w, int h,
	      const unsigned char rgb[3])
{
	for (int yy = y; yy < y + h; yy++)
		for (int xx = x; xx < x + w; xx++)
			spd_put(c, xx, yy, rgb);
}

void spd_outline(spd_canvas *c, int x, int y, int w, int h, int t,
		 const unsigned char rgb[3])
{
	spd_fill(c, x - t, y - t, w + 2 * t, t, rgb);
	spd_fill(c, x - t, y + h, w + 2 * t, t, rgb);
	spd_fill(c, x - t, y, t, h, rgb);
	spd_fill(c, x + w, y, t, h, rgb);
}
