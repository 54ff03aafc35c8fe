/* SPDX-License-Identifier: MIT */
/*
 * Marker sprites at sub-pixel phases (sprite.h): the marker's fill and
 * edge sampled 16 x 16 a px once, then for each of q x q phases box-
 * filtered (a summed-area table: O(1) a px) into 8-bit coverage, so a
 * marker at any position is its nearest phase's sprite: within 1 / (2q) px
 * of matplotlib's exact centre. Compositing is one 8-bit blend a covered
 * px and layer, fill then edge, as Agg blends each path over the last.
 */
#include "sprite.h"

#include <stdlib.h>
#include <string.h>

#define SS_MAX  16
#define SAMPLES 2048 /* the largest side of the sample grid */

/* Summed-area table of an A8 sample grid (N x N, stride st), in t
 * ((N + 1)^2): t[y][x] = the coverage (0 .. 255 a sample) of [0, x) x
 * [0, y). At most 2048^2 * 255 < 2^32. */
static void sat(const unsigned char *m, int st, int N, uint32_t *t)
{
	size_t w = (size_t)N + 1;

	memset(t, 0, w * sizeof *t);
	for (int y = 0; y < N; y++) {
		uint32_t row = 0;
		t[(size_t)(y + 1) * w] = 0;
		for (int x = 0; x < N; x++) {
			row += m[(size_t)y * (size_t)st + (size_t)x];
			t[(size_t)(y + 1) * w + (size_t)x + 1] =
			    t[(size_t)y * w + (size_t)x + 1] + row;
		}
	}
}

static inline int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Samples set in [x0, x1) x [y0, y1), clamped to the grid. */
static uint32_t box_sum(const uint32_t *t, int N, int x0, int y0, int x1,
			int y1)
{
	size_t w = (size_t)N + 1;

	x0 = clampi(x0, 0, N), x1 = clampi(x1, 0, N);
	y0 = clampi(y0, 0, N), y1 = clampi(y1, 0, N);
	return t[(size_t)y1 * w + (size_t)x1] - t[(size_t)y0 * w + (size_t)x1] -
	       t[(size_t)y1 * w + (size_t)x0] + t[(size_t)y0 * w + (size_t)x0];
}

/* Phase (kx, ky)'s layer from the table t: px (i, j) covers samples
 * [i ss - sx, (i + 1) ss - sx) across, likewise down. */
static void filter(const uint32_t *t, int N, int ss, int n, int sx, int sy,
		   unsigned char *out)
{
	int side = n + 1;
	double k = 1.0 / (ss * ss);

	for (int j = 0; j < side; j++)
		for (int i = 0; i < side; i++) {
			uint32_t s =
			    box_sum(t, N, i * ss - sx, j * ss - sy,
				    (i + 1) * ss - sx, (j + 1) * ss - sy);
			out[(size_t)j * (size_t)side + (size_t)i] =
			    (unsigned char)(s * k + 0.5);
		}
}

/* The bounding box of phase ph's non-zero px. */
static void bound(spr_sprite *sp, int ph)
{
	int side = sp->n + 1;
	size_t np = (size_t)side * (size_t)side;
	const unsigned char *f = sp->cov + (size_t)ph * 3 * np, *e = f + np;
	short *b = sp->box + 4 * ph;

	b[0] = b[1] = (short)side;
	b[2] = b[3] = -1;
	for (int j = 0; j < side; j++)
		for (int i = 0; i < side; i++) {
			size_t o = (size_t)j * (size_t)side + (size_t)i;
			if (!f[o] && !e[o])
				continue;
			b[0] = (short)(i < b[0] ? i : b[0]);
			b[1] = (short)(j < b[1] ? j : b[1]);
			b[2] = (short)(i > b[2] ? i : b[2]);
			b[3] = (short)(j > b[3] ? j : b[3]);
		}
}

/*
 * The third layer: fill then edge in one colour at alpha, 1 - (1 - a f)(1
 * - a e), in 0 .. 255 (what the two blends in turn give, rounded once).
 */
static void combine(unsigned char *cov, size_t np, double alpha)
{
	for (size_t i = 0; i < np; i++) {
		double f = alpha * cov[i] / 255, e = alpha * cov[np + i] / 255;
		cov[2 * np + i] =
		    (unsigned char)((1 - (1 - f) * (1 - e)) * 255 + 0.5);
	}
}

int spr_sprite_make(spr_sprite *sp, int marker, double size, double lw,
		    double alpha, int q)
{
	int r = (int)ceil(0.75 * size + 1.5 * lw) + 2, n = 2 * r, ss, N, st;
	size_t np;
	unsigned char *mask = NULL;
	uint32_t *t = NULL;

	memset(sp, 0, sizeof *sp);
	ss = n * SS_MAX <= SAMPLES ? SS_MAX : SAMPLES / n;
	ss = ss < 1 ? 1 : ss;
	N = n * ss;
	st = cairo_format_stride_for_width(CAIRO_FORMAT_A8, N);
	/* Agg snaps a collection's paths of straight axis-aligned segments
	 * (squares, plus, | and _) */
	sp->snapped = spr_marker_info_of(marker)->aligned;
	q = q < 1 ? 1 : q > ss ? ss : q;
	while (ss % q)
		q--;
	sp->n = n;
	sp->q = q;
	np = (size_t)(n + 1) * (size_t)(n + 1);
	sp->cov = spr_mallocn((size_t)q * (size_t)q * 3, np);
	sp->box = spr_mallocn((size_t)q * (size_t)q * 4, sizeof *sp->box);
	mask = spr_mallocn((size_t)st, (size_t)N);
	t = spr_mallocn((size_t)(N + 1) * 2, (size_t)(N + 1) * sizeof *t);
	if (!sp->cov || !sp->box || !mask || !t)
		goto fail;
	for (int ph = 0; ph < q * q; ph++) {
		/* unsnapped: one raster, shifted by the phase when filtered;
		 * snapped: one raster a phase, its vertices rounded there */
		double d[2] = {(double)(ph % q) / q, (double)(ph / q) / q};
		int sx = sp->snapped ? 0 : (ph % q) * (ss / q);
		int sy = sp->snapped ? 0 : (ph / q) * (ss / q);
		for (int layer = 0; layer < 2; layer++) {
			uint32_t *tl =
			    t + (size_t)layer * (size_t)(N + 1) * (N + 1);
			if (ph == 0 || sp->snapped) {
				if (spr_marker_mask(marker, size, lw, layer, ss,
						    n, sp->snapped ? d : NULL,
						    mask))
					goto fail;
				sat(mask, st, N, tl);
			}
			filter(tl, N, ss, n, sx, sy,
			       sp->cov + ((size_t)ph * 3 + layer) * np);
		}
		combine(sp->cov + (size_t)ph * 3 * np, np, alpha);
		bound(sp, ph);
	}
	free(mask);
	free(t);
	return 0;
fail:
	free(mask);
	free(t);
	spr_sprite_free(sp);
	return -1;
}

void spr_sprite_free(spr_sprite *sp)
{
	free(sp->cov);
	free(sp->box);
	sp->cov = NULL;
	sp->box = NULL;
}

/* d + (c - d) a / 255 per channel of xRGB, red and blue together (a in
 * 0 .. 255, taken as a / 256 of 257ths: within a level of Agg's). */
static inline uint32_t blend(uint32_t d, uint32_t c, uint32_t a)
{
	uint32_t rb, g;

	if (a >= 255)
		return c | 0xff000000u;
	a += a >> 7; /* 0 .. 256 */
	rb = ((c & 0xff00ffu) * a + (d & 0xff00ffu) * (256 - a) + 0x800080u) >>
	     8;
	g = ((c & 0xff00u) * a + (d & 0xff00u) * (256 - a) + 0x8000u) >> 8;
	return (rb & 0xff00ffu) | (g & 0xff00u) | 0xff000000u;
}

/* The same blend on premultiplied ARGB, alpha too: Porter-Duff over of c
 * at a is d moved towards (c, 255) by a in every channel. A layer that
 * starts transparent (0) and takes the markers so is, painted over any
 * background, what blend() makes on it (to the 8-bit rounding). */
static inline uint32_t blend_argb(uint32_t d, uint32_t c, uint32_t a)
{
	uint32_t rb, ag;

	if (a >= 255)
		return c | 0xff000000u;
	a += a >> 7;
	rb = ((c & 0xff00ffu) * a + (d & 0xff00ffu) * (256 - a) + 0x800080u) >>
	     8;
	ag = (((c >> 8) & 0xffu) | 0xff0000u) * a +
	     ((d >> 8) & 0xff00ffu) * (256 - a) + 0x800080u;
	return (rb & 0xff00ffu) | (ag & 0xff00ff00u);
}

static inline uint32_t blend_to(int argb, uint32_t d, uint32_t c, uint32_t a)
{
	return argb ? blend_argb(d, c, a) : blend(d, c, a);
}

/* Where the sprite goes: its px (0, 0) at device (X, Y), phase k. */
static void place(const spr_sprite *sp, double v, int *X, int *k)
{
	double f;

	f = floor(v);
	*k = (int)floor((v - f) * sp->q + 0.5);
	*X = (int)f - sp->n / 2;
	if (*k == sp->q) {
		*k = 0;
		++*X;
	}
}

/* The rows j0 .. j1, columns i0 .. i1 of the sprite's layers at (X, Y);
 * argb a constant at each call, so the loops are made twice. */
static inline void put_rows(const spr_pixels *px, int X, int Y, int side,
			    const int lim[4], const unsigned char *cf,
			    uint32_t fill, int fa, uint32_t edge, int ea,
			    const int argb)
{
	size_t np = (size_t)side * (size_t)side;
	const unsigned char *ce = cf + np, *cc = ce + np;

	for (int j = lim[1]; j <= lim[3]; j++) {
		uint32_t *row =
		    (uint32_t *)(px->data +
				 (size_t)(Y + j) * (size_t)px->stride) +
		    X;
		size_t o = (size_t)j * (size_t)side;
		if (edge == fill && fa < 0) {
			/* one colour: the combined layer, alpha in it */
			for (int i = lim[0]; i <= lim[2]; i++)
				if (cc[o + (size_t)i])
					row[i] = blend_to(argb, row[i], fill,
							  cc[o + (size_t)i]);
			continue;
		}
		for (int i = lim[0]; i <= lim[2]; i++) {
			uint32_t d = row[i];
			if (cf[o + (size_t)i])
				d = blend_to(
				    argb, d, fill,
				    (uint32_t)(cf[o + (size_t)i] * fa + 127) /
					255);
			if (ce[o + (size_t)i])
				d = blend_to(
				    argb, d, edge,
				    (uint32_t)(ce[o + (size_t)i] * ea + 127) /
					255);
			row[i] = d;
		}
	}
}

void spr_sprite_put(const spr_sprite *sp, const spr_pixels *px, double x,
		    double y, uint32_t fill, int fa, uint32_t edge, int ea)
{
	int X, Y, kx, ky, side = sp->n + 1, lim[4];
	size_t np = (size_t)side * (size_t)side;
	const unsigned char *cf;
	const short *b;

	if (!(fabs(x) < 1e9 && fabs(y) < 1e9))
		return;
	place(sp, x, &X, &kx);
	place(sp, y, &Y, &ky);
	b = sp->box + 4 * (ky * sp->q + kx);
	lim[0] = b[0] > px->box[0] - X ? b[0] : px->box[0] - X;
	lim[2] = b[2] < px->box[2] - X ? b[2] : px->box[2] - X;
	lim[1] = b[1] > px->box[1] - Y ? b[1] : px->box[1] - Y;
	lim[3] = b[3] < px->box[3] - Y ? b[3] : px->box[3] - Y;
	cf = sp->cov + (size_t)(ky * sp->q + kx) * 3 * np;
	if (px->argb)
		put_rows(px, X, Y, side, lim, cf, fill, fa, edge, ea, 1);
	else
		put_rows(px, X, Y, side, lim, cf, fill, fa, edge, ea, 0);
}
