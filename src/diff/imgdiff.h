/* SPDX-License-Identifier: MIT */
/*
 * Private to src/diff: the state of a diff handle and the comparison the
 * stage's files share. diff.c is the public handle (options, inputs,
 * results, writing the pictures), compare.c compares two decoded images,
 * aa.c says which differing pixels look like anti-aliasing; the pictures
 * are drawn through diff/canvas.h.
 *
 * Pixels are compared premultiplied at full precision (16-bit samples when
 * a file has them, colour times alpha without rounding), so every fully
 * transparent pixel is the same and nothing else hides a difference. A
 * pixel differs when any channel differs at all, and its delta (in 8-bit
 * steps) is then at least 1; the tolerance (largest channel difference
 * and number of differing pixels) is applied to the pixels that count,
 * which are all differing pixels unless anti-aliasing is forgiven.
 */
#ifndef SHMPLOT_DIFF_IMGDIFF_H
#define SHMPLOT_DIFF_IMGDIFF_H

#include "core/core.h"
#include "png/decode.h"

#include <shmplot/diff.h>

#include <stdint.h>
#include <string.h>

/* What the diff image shows for a pixel (one byte per pixel in cls). */
enum spd_px_class {
	SPD_PX_SAME = 0,
	SPD_PX_MORE_INK, /* actual darker than expected, or a changed colour */
	SPD_PX_LESS_INK, /* actual lighter than expected */
	SPD_PX_AA        /* differs, but looks like anti-aliasing */
};

struct shmplot_diff {
	shmplot_diff_opts opts;
	spd_png_limits lim;
	spd_image exp, act;
	unsigned char
	    *cls; /* one enum spd_px_class per pixel, same-size only */
	shmplot_diff_result res;
	int have_result;
	shmplot_diff_input errinput;
	char errmsg[512];
};

static inline const unsigned char *spd_px_at(const spd_image *img, int x, int y)
{
	return img->px + (size_t)y * img->stride + (size_t)x * 4;
}

/* A colour channel premultiplied by alpha, rounded to nearest. */
static inline unsigned spd_premul(unsigned c, unsigned a)
{
	return (c * a + 127) / 255;
}

/* ---- aa.c: pixelmatch's anti-aliasing detector ---- */

/* Brightness of a pixel composited over white (pixelmatch's YIQ "Y"). */
double spd_luma(const unsigned char *p);

/*
 * A predicate: 1 if the pixel (x, y), which differs between e and a (same
 * size), looks like anti-aliasing in either image and the ink around it is
 * about the same in both; else 0.
 */
int spd_is_aa(const spd_image *e, const spd_image *a, int x, int y);

/* ---- compare.c ---- */

/*
 * Compares d->exp with d->act and fills d->res (and d->cls when they
 * differ); sets d->have_result. SHMPLOT_E_NOMEM with d->errmsg.
 */
shmplot_status spd_compare(shmplot_diff *d);

#endif /* SHMPLOT_DIFF_IMGDIFF_H */
