/* SPDX-License-Identifier: MIT */
/*
 * Colormap tables and norms (colormap.h): matplotlib 3.6's
 * LinearSegmentedColormap table, ListedColormap, reversed twins,
 * Normalize and LogNorm, followed in our own code (matplotlib's
 * colors.py, matplotlib licence; numpy's linspace and searchsorted for
 * the sampling points), operation for operation so the doubles are
 * matplotlib's.
 */
#include "colormap.h"
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#define MAX_ROWS 64 /* segment rows a channel (coolwarm has 33) */

/*
 * One channel of a segmented map: rows (x, y0, y1), x rising from 0 to 1.
 * matplotlib samples n points, x scaled to 0 .. n - 1 and the samples at
 * (n - 1) * linspace(0, 1, n) (i * step with step = 1 / (n - 1), the last
 * exactly 1); sample i between rows k - 1 and k (k the first row with x
 * >= the sample, numpy's searchsorted) is y1[k-1] + distance * (y0[k] -
 * y1[k-1]); the ends are y1 of the first row and y0 of the last; then
 * everything is clipped to [0, 1].
 */
static void channel(double *out, int stride, int n, const double rows[][3],
		    int nrows, int reversed)
{
	double x[MAX_ROWS], y0[MAX_ROWS], y1[MAX_ROWS];
	double step = 1.0 / (n - 1);
	int i, k = 1;

	/* matplotlib's reversed(): rows (1 - x, y1, y0) in reverse order */
	for (i = 0; i < nrows; i++) {
		const double *r = rows[reversed ? nrows - 1 - i : i];
		x[i] = (reversed ? 1.0 - r[0] : r[0]) * (n - 1);
		y0[i] = reversed ? r[2] : r[1];
		y1[i] = reversed ? r[1] : r[2];
	}
	out[0] = y1[0];
	out[(size_t)(n - 1) * stride] = y0[nrows - 1];
	for (i = 1; i < n - 1; i++) {
		double xi = (n - 1) * (i * step), d, v;
		while (k < nrows - 1 && x[k] < xi)
			k++;
		d = (xi - x[k - 1]) / (x[k] - x[k - 1]);
		v = d * (y0[k] - y1[k - 1]) + y1[k - 1];
		out[(size_t)i * stride] = v;
	}
	for (i = 0; i < n; i++) {
		double *v = &out[(size_t)i * stride];
		*v = *v < 0 ? 0 : *v > 1 ? 1 : *v;
	}
}

/*
 * Channel c's rows of map s: its own, or those from_list makes of colour
 * stops (x at numpy's linspace(0, 1, nstops), y0 = y1 = the stop).
 */
static int rows_of(const spr_cmap_src *s, int c, double rows[][3])
{
	int k, m = s->nstops ? s->nstops : s->nseg[c];
	double step = 1.0 / (m - 1);

	for (k = 0; k < m && k < MAX_ROWS; k++) {
		if (!s->nstops) {
			for (int j = 0; j < 3; j++)
				rows[k][j] = s->seg[c][3 * k + j];
			continue;
		}
		rows[k][0] = k == m - 1 ? 1.0 : k * step;
		rows[k][1] = rows[k][2] = s->listed[3 * k + c];
	}
	return k;
}

void spr_cmap_load(spr_cmap *cm, int id)
{
	const spr_cmap_src *s;
	double rows[MAX_ROWS][3];
	int rev, i, c;

	if (id < 0 || id >= SPR_CMAP_COUNT)
		id = SPR_CMAP_DEFAULT;
	rev = id & 1;
	s = &spr_cmap_srcs[id / 2];
	cm->n = s->n;
	if (s->listed && !s->nstops) {
		for (i = 0; i < s->n; i++)
			for (c = 0; c < 3; c++)
				cm->lut[i][c] =
				    s->listed[3 * (rev ? s->n - 1 - i : i) + c];
		return;
	}
	for (c = 0; c < 3; c++)
		channel(&cm->lut[0][c], 3, s->n, rows, rows_of(s, c, rows),
			rev);
}

static uint32_t pack(const spr_cmap *cm, int k, double add)
{
	uint32_t rgb = 0;

	if (k < 0 || k >= cm->n)
		k = k < 0 ? 0 : cm->n - 1;
	for (int c = 0; c < 3; c++)
		rgb = rgb << 8 | (uint32_t)(cm->lut[k][c] * 255 + add);
	return rgb;
}

uint32_t spr_cmap_rgb(const spr_cmap *cm, int k)
{
	return pack(cm, k, 0.5);
}

uint32_t spr_cmap_rgb_trunc(const spr_cmap *cm, int k)
{
	return pack(cm, k, 0);
}

void spr_norm_autoscale(spr_norm *nm, const double *v, size_t n)
{
	double lo = INFINITY, hi = -INFINITY;

	if (!isnan(nm->vmin) && !isnan(nm->vmax))
		return;
	for (size_t i = 0; v && i < n; i++) {
		double x = v[i];
		if (!isfinite(x) || (nm->log && x <= 0))
			continue;
		lo = fmin(lo, x);
		hi = fmax(hi, x);
	}
	if (lo > hi)
		return;
	if (isnan(nm->vmin))
		nm->vmin = lo;
	if (isnan(nm->vmax))
		nm->vmax = hi;
}

int spr_norm_check(spr_norm *nm, char *err, size_t errlen)
{
	if (isnan(nm->vmin))
		nm->vmin = nm->log ? fmin(1, nm->vmax) : fmin(0, nm->vmax);
	if (isnan(nm->vmax))
		nm->vmax = nm->log ? fmax(10, nm->vmin) : fmax(1, nm->vmin);
	if (isnan(nm->vmin))
		nm->vmin = nm->log ? 1 : 0;
	if (nm->vmin > nm->vmax)
		return spr_err(err, errlen,
			       "vmin (%g) is greater than vmax (%g)", nm->vmin,
			       nm->vmax);
	if (nm->log && nm->vmin <= 0)
		return spr_err(err, errlen,
			       "a log norm needs vmin > 0 (vmin is %g)",
			       nm->vmin);
	return 0;
}

double spr_norm_map(const spr_norm *nm, double v)
{
	if (isnan(v))
		return NAN;
	if (nm->vmin == nm->vmax)
		return 0;
	if (!nm->log)
		return (v - nm->vmin) / (nm->vmax - nm->vmin);
	if (v <= 0 || v == INFINITY)
		return NAN;
	return (log10(v) - log10(nm->vmin)) /
	       (log10(nm->vmax) - log10(nm->vmin));
}
