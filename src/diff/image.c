/* SPDX-License-Identifier: MIT */
/*
 * The views of a comparison, pixel by pixel: an input as shown (composited
 * over white) and the diff image, which is also what
 * shmplot_diff_image_png() encodes.
 */
#include "diff/canvas.h"

#include <math.h>

/* A pixel of an input image as shown: composited over white. */
static void shown(const unsigned char *p, unsigned char out[3])
{
	for (int i = 0; i < 3; i++)
		out[i] = (unsigned char)(255 - spd_premul(255 - p[i], p[3]));
}

/* The diff image's pixel at (x, y). */
static void diff_px(const shmplot_diff *d, int x, int y, unsigned char out[3])
{
	switch (d->cls ? d->cls[(size_t)y * d->exp.width + x] : SPD_PX_SAME) {
	case SPD_PX_MORE_INK:
		memcpy(out, spd_col_more, 3);
		return;
	case SPD_PX_LESS_INK:
		memcpy(out, spd_col_less, 3);
		return;
	case SPD_PX_AA:
		memcpy(out, spd_col_aa, 3);
		return;
	default: {
		/* The expected image as a faint grey ghost. */
		double l = spd_luma(spd_px_at(&d->exp, x, y));
		unsigned char g =
		    (unsigned char)lround(255.0 - (255.0 - l) * 0.25);
		out[0] = out[1] = out[2] = g;
	}
	}
}

/* The pixel (x, y) of a view as shown. */
static void view_px(const shmplot_diff *d, enum spd_view v, int x, int y,
		    unsigned char out[3])
{
	if (v == SPD_VIEW_EXPECTED)
		shown(spd_px_at(&d->exp, x, y), out);
	else if (v == SPD_VIEW_ACTUAL)
		shown(spd_px_at(&d->act, x, y), out);
	else
		diff_px(d, x, y, out);
}

void spd_blit(spd_canvas *c, const shmplot_diff *d, enum spd_view v, int sx,
	      int sy, int sw, int sh, int dx, int dy, int s)
{
	unsigned char rgb[3];

	for (int y = 0; y < sh; y++)
		for (int x = 0; x < sw; x++) {
			view_px(d, v, sx + x, sy + y, rgb);
			spd_fill(c, dx + x * s, dy + y * s, s, s, rgb);
			if (s >= 6) {
				/* A faint grid so single pixels can be
				 * counted. */
				unsigned char g[3];
				for (int i = 0; i < 3; i++)
					g[i] = (unsigned char)(rgb[i] * 7 / 8);
				spd_fill(c, dx + x * s + s - 1, dy + y * s, 1,
					 s, g);
				spd_fill(c, dx + x * s, dy + y * s + s - 1, s,
					 1, g);
			}
		}
}

shmplot_status shmplot_diff_image_png(shmplot_diff *d, unsigned char **png,
				      size_t *len)
{
	spd_canvas c;
	shmplot_status st;

	*png = NULL;
	*len = 0;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	if (!d->have_result || d->res.verdict == SHMPLOT_DIFF_SIZE_MISMATCH)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				d->have_result ? "no diff image: the images "
						 "differ in size"
					       : "no comparison yet");
	st = spd_canvas_new(&c, d->exp.width, d->exp.height, spd_col_bg,
			    d->errmsg, sizeof d->errmsg);
	if (st != SHMPLOT_OK)
		return st;
	for (int y = 0; y < c.h; y++)
		for (int x = 0; x < c.w; x++) {
			unsigned char rgb[3];
			diff_px(d, x, y, rgb);
			spd_put(&c, x, y, rgb);
		}
	return spd_canvas_encode(&c, png, len, d->errmsg, sizeof d->errmsg);
}
