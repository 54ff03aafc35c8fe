/* SPDX-License-Identifier: MIT */
/*
 * The comparison: which pixels differ and how (more ink, less ink,
 * anti-aliasing), the counts the tolerance is checked against, the box
 * around the differences and the window where they are densest.
 */
#include "diff/imgdiff.h"

#include <math.h>
#include <stdlib.h>

/* The pixel (x, y) as four 16-bit samples (an 8-bit v is v * 257). */
static void px16(const spd_image *img, int x, int y, uint32_t v[4])
{
	if (img->px16) {
		const uint16_t *p =
		    img->px16 +
		    ((size_t)y * (size_t)img->width + (size_t)x) * 4;
		for (int c = 0; c < 4; c++)
			v[c] = p[c];
		return;
	}
	const unsigned char *p = spd_px_at(img, x, y);
	for (int c = 0; c < 4; c++)
		v[c] = p[c] * 257u;
}

/* One 8-bit step of a premultiplied channel, in units of c16 * a16. */
#define PREMUL_STEP (65535ull * 257ull)

/*
 * Largest channel difference in 8-bit steps, rounded up, so that any
 * difference at all is at least 1; adds the squares to *sq. Colours are
 * compared premultiplied at full precision (c * a, no rounding), so only
 * a fully transparent pixel hides its colour: alpha 1 black and alpha 1
 * grey 127 differ. An opaque 8-bit pixel's delta is its largest channel
 * difference, as it always was.
 */
static unsigned px_delta(const spd_image *e, const spd_image *a, int x, int y,
			 uint64_t *sq)
{
	uint32_t pe[4], pa[4];
	unsigned d[4], m = 0;

	px16(e, x, y, pe);
	px16(a, x, y, pa);
	for (int c = 0; c < 3; c++) {
		uint64_t ve = (uint64_t)pe[c] * pe[3];
		uint64_t va = (uint64_t)pa[c] * pa[3];
		uint64_t diff = ve > va ? ve - va : va - ve;
		d[c] = (unsigned)((diff + PREMUL_STEP - 1) / PREMUL_STEP);
	}
	uint32_t da = pe[3] > pa[3] ? pe[3] - pa[3] : pa[3] - pe[3];
	d[3] = (da + 256) / 257;
	for (int c = 0; c < 4; c++) {
		*sq += (uint64_t)d[c] * d[c];
		if (d[c] > m)
			m = d[c];
	}
	return m;
}

/*
 * Differing pixels up to each point: sat[(y) * (w + 1) + x] counts those
 * above and left of (x, y). NULL if out of memory.
 */
static uint32_t *summed_area(const shmplot_diff *d)
{
	int w = d->exp.width, h = d->exp.height;
	size_t cols = (size_t)w + 1, n;
	uint32_t *sat;

	if (sp_mul(cols, (size_t)h + 1, &n) || sp_mul(n, sizeof *sat, &n) ||
	    (sat = calloc(1, n)) == NULL)
		return NULL;
	for (int y = 0; y < h; y++) {
		uint32_t row = 0;
		for (int x = 0; x < w; x++) {
			row += d->cls[(size_t)y * w + x] != SPD_PX_SAME;
			sat[(size_t)(y + 1) * cols + x + 1] =
			    sat[(size_t)y * cols + x + 1] + row;
		}
	}
	return sat;
}

/*
 * Centres the ww x wh window on the differences it holds, so a lone pixel
 * sits in the middle of the panel's enlarged view.
 */
static void centre_window(shmplot_diff *d, int ww, int wh)
{
	shmplot_diff_result *r = &d->res;
	int w = d->exp.width, h = d->exp.height;
	int x0 = r->window_x + ww, y0 = r->window_y + wh, x1 = -1, y1 = -1;

	for (int y = r->window_y; y < r->window_y + wh; y++)
		for (int x = r->window_x; x < r->window_x + ww; x++)
			if (d->cls[(size_t)y * w + x] != SPD_PX_SAME) {
				x0 = x < x0 ? x : x0;
				y0 = y < y0 ? y : y0;
				x1 = x > x1 ? x : x1;
				y1 = y > y1 ? y : y1;
			}
	if (x1 >= 0) {
		int cx = (x0 + x1 + 1) / 2 - ww / 2;
		int cy = (y0 + y1 + 1) / 2 - wh / 2;
		r->window_x = cx < 0 ? 0 : (cx + ww > w ? w - ww : cx);
		r->window_y = cy < 0 ? 0 : (cy + wh > h ? h - wh : cy);
	}
}

/* Finds the window x window square with the most differing pixels. */
static shmplot_status densest_window(shmplot_diff *d)
{
	shmplot_diff_result *r = &d->res;
	int w = d->exp.width, h = d->exp.height;
	int win = d->opts.window;
	int ww = win < w ? win : w, wh = win < h ? win : h;
	size_t cols = (size_t)w + 1;
	uint32_t *sat = summed_area(d);

	if (sat == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"out of memory for the window search");
	r->window = win;
	for (int y = 0; y + wh <= h; y++)
		for (int x = 0; x + ww <= w; x++) {
			uint32_t s = sat[(size_t)(y + wh) * cols + x + ww] -
				     sat[(size_t)y * cols + x + ww] -
				     sat[(size_t)(y + wh) * cols + x] +
				     sat[(size_t)y * cols + x];
			if (s > r->window_pixels) {
				r->window_pixels = s;
				r->window_x = x;
				r->window_y = y;
			}
		}
	free(sat);
	centre_window(d, ww, wh);
	return SHMPLOT_OK;
}

static int tolerance_declared(const shmplot_diff_opts *o)
{
	return o->max_delta > 0 || o->max_pixels > 0 ||
	       o->aa == SHMPLOT_DIFF_AA_FORGIVE;
}

static shmplot_status identical(shmplot_diff *d)
{
	d->res.verdict = SHMPLOT_DIFF_IDENTICAL;
	d->res.tolerance_unused = tolerance_declared(&d->opts);
	d->have_result = 1;
	return SHMPLOT_OK;
}

/*
 * A predicate: 1 if every row holds the same bytes in both images (only
 * when neither has 16-bit samples: 8 bits of them may hide a difference).
 */
static int rows_equal(const spd_image *e, const spd_image *a)
{
	if (e->px16 || a->px16)
		return 0;
	for (int y = 0; y < e->height; y++)
		if (memcmp(spd_px_at(e, 0, y), spd_px_at(a, 0, y),
			   (size_t)e->width * 4) != 0)
			return 0;
	return 1;
}

/*
 * Classifies every pixel into d->cls and counts into d->res: differing,
 * anti-aliasing and counted pixels, the largest deltas, the bounding box.
 * Returns the sum of the squared channel differences.
 */
static uint64_t classify(shmplot_diff *d)
{
	shmplot_diff_result *r = &d->res;
	const spd_image *e = &d->exp, *a = &d->act;
	int w = e->width, h = e->height;
	int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
	uint64_t sq = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *pe = spd_px_at(e, x, y);
			const unsigned char *pa = spd_px_at(a, x, y);
			unsigned delta = px_delta(e, a, x, y, &sq);
			unsigned char *cls = &d->cls[(size_t)y * w + x];
			int aa;

			if (delta == 0)
				continue;
			r->diff_pixels++;
			if (delta > r->max_delta)
				r->max_delta = delta;
			bx0 = x < bx0 ? x : bx0;
			by0 = y < by0 ? y : by0;
			bx1 = x > bx1 ? x : bx1;
			by1 = y > by1 ? y : by1;
			aa = spd_is_aa(e, a, x, y);
			if (aa) {
				*cls = SPD_PX_AA;
				r->aa_pixels++;
			} else {
				*cls = spd_luma(pa) > spd_luma(pe)
					   ? SPD_PX_LESS_INK
					   : SPD_PX_MORE_INK;
			}
			if (aa && d->opts.aa == SHMPLOT_DIFF_AA_FORGIVE)
				continue;
			r->counted_pixels++;
			if (delta > r->counted_max_delta)
				r->counted_max_delta = delta;
		}
	if (r->diff_pixels > 0) {
		r->bbox_x = bx0;
		r->bbox_y = by0;
		r->bbox_w = bx1 - bx0 + 1;
		r->bbox_h = by1 - by0 + 1;
	}
	return sq;
}

shmplot_status spd_compare(shmplot_diff *d)
{
	shmplot_diff_result *r = &d->res;
	const spd_image *e = &d->exp, *a = &d->act;
	int w = e->width, h = e->height;
	shmplot_status st;
	size_t n;

	r->expected_width = e->width;
	r->expected_height = e->height;
	r->actual_width = a->width;
	r->actual_height = a->height;
	r->window = d->opts.window;
	if (e->width != a->width || e->height != a->height) {
		r->verdict = SHMPLOT_DIFF_SIZE_MISMATCH;
		d->have_result = 1;
		return SHMPLOT_OK;
	}
	if (rows_equal(e, a))
		return identical(d);
	if (sp_mul((size_t)w, (size_t)h, &n) || (d->cls = calloc(n, 1)) == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"out of memory for a %d x %d comparison", w, h);
	r->rms = sqrt((double)classify(d) / ((double)n * 4.0));
	if (r->diff_pixels == 0)
		return identical(d); /* bytes differ only where transparent */
	st = densest_window(d);
	if (st != SHMPLOT_OK)
		return st;
	if (r->counted_pixels <= d->opts.max_pixels &&
	    r->counted_max_delta <= d->opts.max_delta)
		r->verdict = SHMPLOT_DIFF_WITHIN_TOLERANCE;
	else
		r->verdict = SHMPLOT_DIFF_DIFFERENT;
	d->have_result = 1;
	return SHMPLOT_OK;
}
