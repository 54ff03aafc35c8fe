/* SPDX-License-Identifier: MIT */
/*
 * Which differing pixels look like anti-aliasing: pixelmatch's detector
 * (Vyšniauskas 2009), plus one condition of our own: the ink (darkness over
 * white) in the 11 x 11 neighbourhood must be about the same in both
 * images. A sub-pixel shift moves ink; a thicker line, a missing marker or
 * a changed glyph adds or removes it, so pixelmatch would forgive a
 * line-width change and we do not.
 */
#include "diff/imgdiff.h"

#include <math.h>

/*
 * Ink an 11 x 11 neighbourhood may gain or lose and still count as
 * anti-aliasing: 8% of the ink there (plus a floor for nearly empty areas).
 * Measured on a 2 px polyline: a 0.5 px shift changes the ink of such a
 * window by under 8% (almost always under 6%), a 1.5 -> 1.25 pt width change
 * by 14-18%.
 */
#define AA_INK_HALF  5
#define AA_INK_RATIO 0.08
#define AA_INK_FLOOR 32.0

static inline uint32_t px32(const spd_image *img, int x, int y)
{
	uint32_t v;

	memcpy(&v, spd_px_at(img, x, y), 4);
	return v;
}

double spd_luma(const unsigned char *p)
{
	double a = p[3] / 255.0;
	double r = 255.0 + (p[0] - 255.0) * a;
	double g = 255.0 + (p[1] - 255.0) * a;
	double b = 255.0 + (p[2] - 255.0) * a;

	return r * 0.29889531 + g * 0.58662247 + b * 0.11448223;
}

/* pixelmatch: at least 3 of the 8 neighbours (edges count as one) equal. */
static int many_siblings(const spd_image *img, int x1, int y1)
{
	int x0 = x1 > 0 ? x1 - 1 : 0, y0 = y1 > 0 ? y1 - 1 : 0;
	int x2 = x1 + 1 < img->width ? x1 + 1 : img->width - 1;
	int y2 = y1 + 1 < img->height ? y1 + 1 : img->height - 1;
	uint32_t v = px32(img, x1, y1);
	int zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0;

	for (int x = x0; x <= x2; x++)
		for (int y = y0; y <= y2; y++) {
			if (x == x1 && y == y1)
				continue;
			zeroes += px32(img, x, y) == v;
			if (zeroes > 2)
				return 1;
		}
	return 0;
}

/*
 * pixelmatch's antialiased(): the pixel has at most 2 equal neighbours, both
 * darker and brighter ones, and its darkest or brightest neighbour sits in a
 * flat area in both images.
 */
static int antialiased(const spd_image *img, const spd_image *other, int x1,
		       int y1)
{
	int x0 = x1 > 0 ? x1 - 1 : 0, y0 = y1 > 0 ? y1 - 1 : 0;
	int x2 = x1 + 1 < img->width ? x1 + 1 : img->width - 1;
	int y2 = y1 + 1 < img->height ? y1 + 1 : img->height - 1;
	int zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0;
	const unsigned char *c = spd_px_at(img, x1, y1);
	double yc = spd_luma(c), min = 0, max = 0;
	int minx = 0, miny = 0, maxx = 0, maxy = 0;

	for (int x = x0; x <= x2; x++)
		for (int y = y0; y <= y2; y++) {
			if (x == x1 && y == y1)
				continue;
			const unsigned char *n = spd_px_at(img, x, y);
			if (memcmp(c, n, 4) == 0) {
				if (++zeroes > 2)
					return 0;
				continue;
			}
			double delta = yc - spd_luma(n);
			if (delta < min) {
				min = delta;
				minx = x;
				miny = y;
			} else if (delta > max) {
				max = delta;
				maxx = x;
				maxy = y;
			}
		}
	if (min == 0 || max == 0)
		return 0;
	return (many_siblings(img, minx, miny) &&
		many_siblings(other, minx, miny)) ||
	       (many_siblings(img, maxx, maxy) &&
		many_siblings(other, maxx, maxy));
}

/* Our extra condition: about the same ink around (x, y) in both images. */
static int ink_conserved(const spd_image *e, const spd_image *a, int x, int y)
{
	double se = 0, sa = 0;
	int x0 = x - AA_INK_HALF < 0 ? 0 : x - AA_INK_HALF;
	int y0 = y - AA_INK_HALF < 0 ? 0 : y - AA_INK_HALF;
	int x1 = x + AA_INK_HALF >= e->width ? e->width - 1 : x + AA_INK_HALF;
	int y1 = y + AA_INK_HALF >= e->height ? e->height - 1 : y + AA_INK_HALF;

	for (int yy = y0; yy <= y1; yy++)
		for (int xx = x0; xx <= x1; xx++) {
			se += 255.0 - spd_luma(spd_px_at(e, xx, yy));
			sa += 255.0 - spd_luma(spd_px_at(a, xx, yy));
		}
	return fabs(se - sa) <= AA_INK_FLOOR + AA_INK_RATIO * fmax(se, sa);
}

int spd_is_aa(const spd_image *e, const spd_image *a, int x, int y)
{
	return (antialiased(e, a, x, y) || antialiased(a, e, x, y)) &&
	       ink_conserved(e, a, x, y);
}
