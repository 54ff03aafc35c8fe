/*
 * Image diff: the comparison, the diff image and the panel.
 *
 * Pixels are compared premultiplied, so every fully transparent pixel is the
 * same. A pixel differs when any premultiplied channel differs at all; the
 * tolerance (largest channel difference and number of differing pixels) is
 * applied to the pixels that count, which are all differing pixels unless
 * anti-aliasing is forgiven.
 *
 * Anti-aliasing is pixelmatch's detector (Vyšniauskas 2009), plus one
 * condition of our own: the ink (darkness over white) in the 11 x 11
 * neighbourhood must be about the same in both images. A sub-pixel shift
 * moves ink; a thicker line, a missing marker or a changed glyph adds or
 * removes it, so pixelmatch would forgive a line-width change and we do not.
 */
#define _POSIX_C_SOURCE 200809L

#include <shmplot/diff.h>

#include "png/decode.h"
#include "png/encode.h"

#include <cairo.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum px_class {
	PX_SAME = 0,
	PX_MORE_INK, /* actual darker than expected, or a changed colour */
	PX_LESS_INK, /* actual lighter than expected */
	PX_AA        /* differs, but looks like anti-aliasing */
};

struct shmplot_diff {
	shmplot_diff_opts opts;
	spd_png_limits lim;
	spd_image exp, act;
	unsigned char *cls; /* one enum px_class per pixel, same-size only */
	shmplot_diff_result res;
	int have_result;
	shmplot_diff_input errinput;
	char errmsg[512];
};

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

/* Colours of the diff image. */
static const unsigned char COL_MORE[3] = {230, 0, 230}; /* magenta */
static const unsigned char COL_LESS[3] = {0, 170, 0};   /* green */
static const unsigned char COL_AA[3] = {255, 170, 0};   /* amber */
static const unsigned char COL_BOX[3] = {0, 190, 255};  /* cyan */
static const unsigned char COL_BG[3] = {45, 45, 48};    /* panel */
static const unsigned char COL_TEXT[3] = {235, 235, 235};
static const unsigned char COL_FRAME[3] = {120, 120, 125};

const char *shmplot_diff_verdict_str(shmplot_diff_verdict v)
{
	switch (v) {
	case SHMPLOT_DIFF_IDENTICAL:
		return "identical";
	case SHMPLOT_DIFF_WITHIN_TOLERANCE:
		return "within-tolerance";
	case SHMPLOT_DIFF_DIFFERENT:
		return "different";
	case SHMPLOT_DIFF_SIZE_MISMATCH:
		return "size-mismatch";
	}
	return "unknown";
}

void shmplot_diff_opts_init(shmplot_diff_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->aa = SHMPLOT_DIFF_AA_REPORT;
	opts->window = 8;
}

shmplot_status shmplot_diff_new(shmplot_diff **out,
				const shmplot_diff_opts *opts, char *errbuf,
				size_t errlen)
{
	shmplot_diff_opts o;
	shmplot_diff *d;

	*out = NULL;
	if (opts != NULL)
		o = *opts;
	else
		shmplot_diff_opts_init(&o);
	if (o.max_delta > 255)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_delta %u is out of range 0..255",
				o.max_delta);
	if (o.aa != SHMPLOT_DIFF_AA_REPORT && o.aa != SHMPLOT_DIFF_AA_FORGIVE)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"aa mode %d is not REPORT or FORGIVE",
				(int)o.aa);
	if (o.window < 1 || o.window > 256)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"window %d is out of range 1..256", o.window);
	/* Bounded so that panel sizes fit an int and window counts a
	 * uint32_t. */
	if (o.max_side > SPD_MAX_SIDE_LIMIT)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_side %u is above %u", (unsigned)o.max_side,
				SPD_MAX_SIDE_LIMIT);
	if (o.max_total_pixels > UINT32_MAX)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_total_pixels is above %u", UINT32_MAX);
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return sp_error(errbuf, errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	d->opts = o;
	d->lim.max_side = o.max_side ? o.max_side : SPD_DEFAULT_MAX_SIDE;
	d->lim.max_total_pixels = o.max_total_pixels
				      ? o.max_total_pixels
				      : SPD_DEFAULT_MAX_TOTAL_PIXELS;
	d->lim.max_file_bytes =
	    o.max_file_bytes ? o.max_file_bytes : SPD_DEFAULT_MAX_FILE_BYTES;
	d->lim.max_chunk_bytes =
	    o.max_chunk_bytes ? o.max_chunk_bytes : SPD_DEFAULT_MAX_CHUNK_BYTES;
	*out = d;
	return SHMPLOT_OK;
}

/* Forgets the images and the result, not the error. */
static void drop(shmplot_diff *d)
{
	spd_image_clear(&d->exp);
	spd_image_clear(&d->act);
	free(d->cls);
	d->cls = NULL;
	memset(&d->res, 0, sizeof d->res);
	d->have_result = 0;
}

static void diff_reset(shmplot_diff *d)
{
	drop(d);
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	d->errmsg[0] = '\0';
}

void shmplot_diff_free(shmplot_diff *d)
{
	if (d == NULL)
		return;
	diff_reset(d);
	free(d);
}

const char *shmplot_diff_errmsg(const shmplot_diff *d)
{
	return d->errmsg;
}

shmplot_diff_input shmplot_diff_errinput(const shmplot_diff *d)
{
	return d->errinput;
}

const shmplot_diff_result *shmplot_diff_get(const shmplot_diff *d)
{
	return d->have_result ? &d->res : NULL;
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                                */
/* ------------------------------------------------------------------------ */

static inline const unsigned char *px_at(const spd_image *img, int x, int y)
{
	return img->px + (size_t)y * img->stride + (size_t)x * 4;
}

static inline uint32_t px32(const spd_image *img, int x, int y)
{
	uint32_t v;

	memcpy(&v, px_at(img, x, y), 4);
	return v;
}

/* Brightness of a pixel composited over white (pixelmatch's YIQ "Y"). */
static double luma(const unsigned char *p)
{
	double a = p[3] / 255.0;
	double r = 255.0 + (p[0] - 255.0) * a;
	double g = 255.0 + (p[1] - 255.0) * a;
	double b = 255.0 + (p[2] - 255.0) * a;

	return r * 0.29889531 + g * 0.58662247 + b * 0.11448223;
}

static inline unsigned premul(unsigned c, unsigned a)
{
	return (c * a + 127) / 255;
}

/* Largest premultiplied channel difference; adds the squares to *sq. */
static unsigned px_delta(const unsigned char *e, const unsigned char *a,
			 uint64_t *sq)
{
	unsigned m = 0;
	int d[4];

	for (int c = 0; c < 3; c++)
		d[c] = (int)premul(e[c], e[3]) - (int)premul(a[c], a[3]);
	d[3] = (int)e[3] - (int)a[3];
	for (int c = 0; c < 4; c++) {
		unsigned ad = (unsigned)(d[c] < 0 ? -d[c] : d[c]);
		*sq += (uint64_t)ad * ad;
		if (ad > m)
			m = ad;
	}
	return m;
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
	const unsigned char *c = px_at(img, x1, y1);
	double yc = luma(c), min = 0, max = 0;
	int minx = 0, miny = 0, maxx = 0, maxy = 0;

	for (int x = x0; x <= x2; x++)
		for (int y = y0; y <= y2; y++) {
			if (x == x1 && y == y1)
				continue;
			const unsigned char *n = px_at(img, x, y);
			if (memcmp(c, n, 4) == 0) {
				if (++zeroes > 2)
					return 0;
				continue;
			}
			double delta = yc - luma(n);
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
			se += 255.0 - luma(px_at(e, xx, yy));
			sa += 255.0 - luma(px_at(a, xx, yy));
		}
	return fabs(se - sa) <= AA_INK_FLOOR + AA_INK_RATIO * fmax(se, sa);
}

/* Finds the window x window square with the most differing pixels. */
static shmplot_status densest_window(shmplot_diff *d)
{
	int w = d->exp.width, h = d->exp.height;
	int win = d->opts.window;
	int ww = win < w ? win : w, wh = win < h ? win : h;
	size_t cols = (size_t)w + 1, n;
	uint32_t *sat;

	if (sp_mul(cols, (size_t)h + 1, &n) || sp_mul(n, sizeof *sat, &n) ||
	    (sat = calloc(1, n)) == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"out of memory for the window search");
	for (int y = 0; y < h; y++) {
		uint32_t row = 0;
		for (int x = 0; x < w; x++) {
			row += d->cls[(size_t)y * w + x] != PX_SAME;
			sat[(size_t)(y + 1) * cols + x + 1] =
			    sat[(size_t)y * cols + x + 1] + row;
		}
	}
	d->res.window = win;
	for (int y = 0; y + wh <= h; y++)
		for (int x = 0; x + ww <= w; x++) {
			uint32_t s = sat[(size_t)(y + wh) * cols + x + ww] -
				     sat[(size_t)y * cols + x + ww] -
				     sat[(size_t)(y + wh) * cols + x] +
				     sat[(size_t)y * cols + x];
			if (s > d->res.window_pixels) {
				d->res.window_pixels = s;
				d->res.window_x = x;
				d->res.window_y = y;
			}
		}
	free(sat);
	/* Centre the window on the differences it holds, so a lone pixel
	 * sits in the middle of the panel's enlarged view. */
	int x0 = d->res.window_x + ww, y0 = d->res.window_y + wh, x1 = -1,
	    y1 = -1;
	for (int y = d->res.window_y; y < d->res.window_y + wh; y++)
		for (int x = d->res.window_x; x < d->res.window_x + ww; x++)
			if (d->cls[(size_t)y * w + x] != PX_SAME) {
				x0 = x < x0 ? x : x0;
				y0 = y < y0 ? y : y0;
				x1 = x > x1 ? x : x1;
				y1 = y > y1 ? y : y1;
			}
	if (x1 >= 0) {
		int cx = (x0 + x1 + 1) / 2 - ww / 2;
		int cy = (y0 + y1 + 1) / 2 - wh / 2;
		d->res.window_x = cx < 0 ? 0 : (cx + ww > w ? w - ww : cx);
		d->res.window_y = cy < 0 ? 0 : (cy + wh > h ? h - wh : cy);
	}
	return SHMPLOT_OK;
}

static int tolerance_declared(const shmplot_diff_opts *o)
{
	return o->max_delta > 0 || o->max_pixels > 0 ||
	       o->aa == SHMPLOT_DIFF_AA_FORGIVE;
}

/* Compares d->exp with d->act and fills d->res. */
static shmplot_status compare(shmplot_diff *d)
{
	shmplot_diff_result *r = &d->res;
	const spd_image *e = &d->exp, *a = &d->act;
	int w = e->width, h = e->height;
	int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
	uint64_t sq = 0;
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
	/* Fast path: the same bytes in every row. */
	int same = 1;
	for (int y = 0; y < h && same; y++)
		same =
		    memcmp(px_at(e, 0, y), px_at(a, 0, y), (size_t)w * 4) == 0;
	if (same) {
		r->verdict = SHMPLOT_DIFF_IDENTICAL;
		r->tolerance_unused = tolerance_declared(&d->opts);
		d->have_result = 1;
		return SHMPLOT_OK;
	}

	if (sp_mul((size_t)w, (size_t)h, &n) || (d->cls = calloc(n, 1)) == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"out of memory for a %d x %d comparison", w, h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *pe = px_at(e, x, y);
			const unsigned char *pa = px_at(a, x, y);
			unsigned delta = px_delta(pe, pa, &sq);
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
			aa = (antialiased(e, a, x, y) ||
			      antialiased(a, e, x, y)) &&
			     ink_conserved(e, a, x, y);
			if (aa) {
				*cls = PX_AA;
				r->aa_pixels++;
			} else {
				*cls = luma(pa) > luma(pe) ? PX_LESS_INK
							   : PX_MORE_INK;
			}
			if (aa && d->opts.aa == SHMPLOT_DIFF_AA_FORGIVE)
				continue;
			r->counted_pixels++;
			if (delta > r->counted_max_delta)
				r->counted_max_delta = delta;
		}
	r->rms = sqrt((double)sq / ((double)n * 4.0));
	if (r->diff_pixels == 0) {
		/* Bytes differ only under full transparency. */
		r->verdict = SHMPLOT_DIFF_IDENTICAL;
		r->tolerance_unused = tolerance_declared(&d->opts);
		d->have_result = 1;
		return SHMPLOT_OK;
	}
	r->bbox_x = bx0;
	r->bbox_y = by0;
	r->bbox_w = bx1 - bx0 + 1;
	r->bbox_h = by1 - by0 + 1;
	shmplot_status st = densest_window(d);
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

static const char *input_name(shmplot_diff_input which)
{
	return which == SHMPLOT_DIFF_INPUT_EXPECTED ? "expected" : "actual";
}

/* Decodes one input; on failure the message is "<label>: <what>". */
static shmplot_status load_png(shmplot_diff *d, shmplot_diff_input which,
			       const char *label, const unsigned char *buf,
			       size_t len, spd_image *img)
{
	char msg[400];
	shmplot_status st;

	st = spd_png_decode(buf, len, &d->lim, img, msg, sizeof msg);
	if (st != SHMPLOT_OK) {
		d->errinput = which;
		return sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s",
				label, msg);
	}
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_buffers(shmplot_diff *d, const void *expected_png,
				    size_t expected_len, const void *actual_png,
				    size_t actual_len)
{
	shmplot_status st;

	diff_reset(d);
	st = load_png(d, SHMPLOT_DIFF_INPUT_EXPECTED, "expected PNG",
		      expected_png, expected_len, &d->exp);
	if (st == SHMPLOT_OK)
		st = load_png(d, SHMPLOT_DIFF_INPUT_ACTUAL, "actual PNG",
			      actual_png, actual_len, &d->act);
	if (st == SHMPLOT_OK)
		st = compare(d);
	if (st == SHMPLOT_OK && expected_len == actual_len &&
	    memcmp(expected_png, actual_png, expected_len) == 0)
		d->res.same_bytes = 1;
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

shmplot_status shmplot_diff_files(shmplot_diff *d, const char *expected_path,
				  const char *actual_path)
{
	const char *paths[2] = {expected_path, actual_path};
	unsigned char *buf[2] = {NULL, NULL};
	size_t len[2] = {0, 0};
	shmplot_status st = SHMPLOT_OK;
	char msg[400];

	diff_reset(d);
	for (int i = 0; i < 2; i++) {
		shmplot_diff_input which = i == 0 ? SHMPLOT_DIFF_INPUT_EXPECTED
						  : SHMPLOT_DIFF_INPUT_ACTUAL;
		if (paths[i] == NULL) {
			d->errinput = which;
			st = sp_error(d->errmsg, sizeof d->errmsg,
				      SHMPLOT_E_INVALID, "no %s file given",
				      input_name(which));
			goto out;
		}
		st = spd_file_read(paths[i], d->lim.max_file_bytes, &buf[i],
				   &len[i], msg, sizeof msg);
		if (st == SHMPLOT_OK)
			st = load_png(d, which, paths[i], buf[i], len[i],
				      i == 0 ? &d->exp : &d->act);
		else
			st = sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s",
				      paths[i], msg);
		if (st != SHMPLOT_OK) {
			d->errinput = which;
			goto out;
		}
	}
	st = compare(d);
	if (st == SHMPLOT_OK && len[0] == len[1] &&
	    memcmp(buf[0], buf[1], len[0]) == 0)
		d->res.same_bytes = 1;
out:
	free(buf[0]);
	free(buf[1]);
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

static shmplot_status copy_pixels(shmplot_diff *d, shmplot_diff_input which,
				  const unsigned char *px, int w, int h,
				  size_t stride, spd_image *img)
{
	size_t row, total;

	d->errinput = which;
	if (px == NULL || w <= 0 || h <= 0)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: no pixels, or a %d x %d size",
				input_name(which), w, h);
	if (sp_mul((size_t)w, 4, &row) || stride < row)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: stride %zu is less than width * 4",
				input_name(which), stride);
	if ((uint64_t)w > d->lim.max_side || (uint64_t)h > d->lim.max_side ||
	    (uint64_t)w * (uint64_t)h > d->lim.max_total_pixels)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: %d x %d exceeds the size limits",
				input_name(which), w, h);
	if (sp_mul(row, (size_t)h, &total) || (img->px = malloc(total)) == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"%s pixels: out of memory", input_name(which));
	for (int y = 0; y < h; y++)
		memcpy(img->px + (size_t)y * row, px + (size_t)y * stride, row);
	img->width = w;
	img->height = h;
	img->stride = row;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_pixels(shmplot_diff *d, const unsigned char *exp,
				   int exp_width, int exp_height,
				   size_t exp_stride, const unsigned char *act,
				   int act_width, int act_height,
				   size_t act_stride)
{
	shmplot_status st;

	diff_reset(d);
	st = copy_pixels(d, SHMPLOT_DIFF_INPUT_EXPECTED, exp, exp_width,
			 exp_height, exp_stride, &d->exp);
	if (st == SHMPLOT_OK)
		st = copy_pixels(d, SHMPLOT_DIFF_INPUT_ACTUAL, act, act_width,
				 act_height, act_stride, &d->act);
	if (st == SHMPLOT_OK)
		st = compare(d);
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

/* ------------------------------------------------------------------------ */
/* Canvas: the diff image and the panel are drawn on an opaque RGBA8 canvas  */
/* ------------------------------------------------------------------------ */

typedef struct canvas {
	cairo_surface_t *surf; /* RGB24: opaque, so encoded as RGB */
	unsigned char *data;
	int w, h, stride;
} canvas;

/* cairo's RGB24 is a native-endian 32-bit xRGB word per pixel. */
static void put(canvas *c, int x, int y, const unsigned char rgb[3])
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	uint32_t v = 0xff000000u | (uint32_t)rgb[0] << 16 |
		     (uint32_t)rgb[1] << 8 | rgb[2];
	memcpy(c->data + (size_t)y * c->stride + (size_t)x * 4, &v, 4);
}

static shmplot_status canvas_new(shmplot_diff *d, canvas *c, int w, int h,
				 const unsigned char bg[3])
{
	memset(c, 0, sizeof *c);
	/* cairo's own limit is 32767 per side. */
	if (w <= 0 || h <= 0 || w > 32767 || h > 32767)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"a %d x %d image is larger than cairo can draw",
				w, h);
	c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(c->surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(c->surf);
		c->surf = NULL;
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"out of memory for a %d x %d image", w, h);
	}
	cairo_surface_flush(c->surf);
	c->data = cairo_image_surface_get_data(c->surf);
	c->stride = cairo_image_surface_get_stride(c->surf);
	c->w = w;
	c->h = h;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			put(c, x, y, bg);
	return SHMPLOT_OK;
}

/* Encodes the canvas and frees it. */
static shmplot_status canvas_encode(shmplot_diff *d, canvas *c,
				    unsigned char **png, size_t *len)
{
	char msg[256];
	shmplot_status st = SHMPLOT_OK;

	cairo_surface_mark_dirty(c->surf);
	if (sp_png_encode(c->surf, SP_PNG_DEFAULT_LEVEL, 0, png, len, msg,
			  sizeof msg) != 0)
		st = sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_PNG,
			      "cannot encode the image: %s", msg);
	cairo_surface_destroy(c->surf);
	memset(c, 0, sizeof *c);
	return st;
}

static void fill(canvas *c, int x, int y, int w, int h,
		 const unsigned char rgb[3])
{
	for (int yy = y; yy < y + h; yy++)
		for (int xx = x; xx < x + w; xx++)
			put(c, xx, yy, rgb);
}

/* An outline t pixels thick drawn just outside the rectangle. */
static void outline(canvas *c, int x, int y, int w, int h, int t,
		    const unsigned char rgb[3])
{
	fill(c, x - t, y - t, w + 2 * t, t, rgb);
	fill(c, x - t, y + h, w + 2 * t, t, rgb);
	fill(c, x - t, y, t, h, rgb);
	fill(c, x + w, y, t, h, rgb);
}

/* A pixel of an input image as shown: composited over white. */
static void shown(const unsigned char *p, unsigned char out[3])
{
	for (int i = 0; i < 3; i++)
		out[i] = (unsigned char)(255 - premul(255 - p[i], p[3]));
}

/* The diff image's pixel at (x, y). */
static void diff_px(const shmplot_diff *d, int x, int y, unsigned char out[3])
{
	switch (d->cls ? d->cls[(size_t)y * d->exp.width + x] : PX_SAME) {
	case PX_MORE_INK:
		memcpy(out, COL_MORE, 3);
		return;
	case PX_LESS_INK:
		memcpy(out, COL_LESS, 3);
		return;
	case PX_AA:
		memcpy(out, COL_AA, 3);
		return;
	default: {
		/* The expected image as a faint grey ghost. */
		double l = luma(px_at(&d->exp, x, y));
		unsigned char g =
		    (unsigned char)lround(255.0 - (255.0 - l) * 0.25);
		out[0] = out[1] = out[2] = g;
	}
	}
}

enum view { VIEW_EXPECTED, VIEW_ACTUAL, VIEW_DIFF };

static void view_px(const shmplot_diff *d, enum view v, int x, int y,
		    unsigned char out[3])
{
	if (v == VIEW_EXPECTED)
		shown(px_at(&d->exp, x, y), out);
	else if (v == VIEW_ACTUAL)
		shown(px_at(&d->act, x, y), out);
	else
		diff_px(d, x, y, out);
}

/* Draws the region (sx, sy, sw, sh) of a view at (dx, dy), scale s. */
static void blit(canvas *c, const shmplot_diff *d, enum view v, int sx, int sy,
		 int sw, int sh, int dx, int dy, int s)
{
	unsigned char rgb[3];

	for (int y = 0; y < sh; y++)
		for (int x = 0; x < sw; x++) {
			view_px(d, v, sx + x, sy + y, rgb);
			fill(c, dx + x * s, dy + y * s, s, s, rgb);
			if (s >= 6) {
				/* A faint grid so single pixels can be
				 * counted. */
				unsigned char g[3];
				for (int i = 0; i < 3; i++)
					g[i] = (unsigned char)(rgb[i] * 7 / 8);
				fill(c, dx + x * s + s - 1, dy + y * s, 1, s,
				     g);
				fill(c, dx + x * s, dy + y * s + s - 1, s, 1,
				     g);
			}
		}
}

/* A 5 x 7 bitmap font for the panel's labels; rows top-down, bit 4 left. */
static const struct glyph {
	char ch;
	unsigned char rows[7];
} font[] = {
    {'A', {14, 17, 17, 31, 17, 17, 17}}, {'B', {30, 17, 17, 30, 17, 17, 30}},
    {'C', {14, 17, 16, 16, 16, 17, 14}}, {'D', {30, 17, 17, 17, 17, 17, 30}},
    {'E', {31, 16, 16, 30, 16, 16, 31}}, {'F', {31, 16, 16, 30, 16, 16, 16}},
    {'G', {14, 17, 16, 23, 17, 17, 15}}, {'H', {17, 17, 17, 31, 17, 17, 17}},
    {'I', {14, 4, 4, 4, 4, 4, 14}},      {'K', {17, 18, 20, 24, 20, 18, 17}},
    {'L', {16, 16, 16, 16, 16, 16, 31}}, {'M', {17, 27, 21, 21, 17, 17, 17}},
    {'N', {17, 25, 21, 19, 17, 17, 17}}, {'O', {14, 17, 17, 17, 17, 17, 14}},
    {'P', {30, 17, 17, 30, 16, 16, 16}}, {'R', {30, 17, 17, 30, 20, 18, 17}},
    {'S', {15, 16, 16, 14, 1, 1, 30}},   {'T', {31, 4, 4, 4, 4, 4, 4}},
    {'U', {17, 17, 17, 17, 17, 17, 14}}, {'V', {17, 17, 17, 17, 17, 10, 4}},
    {'W', {17, 17, 17, 21, 21, 21, 10}}, {'X', {17, 17, 10, 4, 10, 17, 17}},
    {'Y', {17, 17, 10, 4, 4, 4, 4}},     {'Z', {31, 1, 2, 4, 8, 16, 31}},
    {'0', {14, 17, 19, 21, 25, 17, 14}}, {'1', {4, 12, 4, 4, 4, 4, 14}},
    {'2', {14, 17, 1, 2, 4, 8, 31}},     {'3', {31, 2, 4, 2, 1, 17, 14}},
    {'4', {2, 6, 10, 18, 31, 2, 2}},     {'5', {31, 16, 30, 1, 1, 17, 14}},
    {'6', {6, 8, 16, 30, 17, 17, 14}},   {'7', {31, 1, 2, 4, 8, 8, 8}},
    {'8', {14, 17, 17, 14, 17, 17, 14}}, {'9', {14, 17, 17, 15, 1, 2, 12}},
    {',', {0, 0, 0, 0, 0, 4, 8}},        {'.', {0, 0, 0, 0, 0, 12, 12}},
    {':', {0, 12, 12, 0, 12, 12, 0}},    {'-', {0, 0, 0, 31, 0, 0, 0}},
    {'+', {0, 4, 4, 31, 4, 4, 0}},       {'=', {0, 0, 31, 0, 31, 0, 0}},
    {'(', {2, 4, 8, 8, 8, 4, 2}},        {')', {8, 4, 2, 2, 2, 4, 8}},
    {'/', {1, 1, 2, 4, 8, 16, 16}},
};

#define FONT_SCALE 2
#define LABEL_H    (7 * FONT_SCALE + 8)

/* Draws upper-case text at (x, y), stopping before x_end; returns the x
 * after it. */
static int text_clip(canvas *c, int x, int y, int x_end, const char *s,
		     const unsigned char rgb[3])
{
	for (; *s && x + 5 * FONT_SCALE <= x_end; s++) {
		char ch = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		for (size_t g = 0; g < sizeof font / sizeof font[0]; g++) {
			if (font[g].ch != ch)
				continue;
			for (int r = 0; r < 7; r++)
				for (int b = 0; b < 5; b++)
					if (font[g].rows[r] & (16 >> b))
						fill(c, x + b * FONT_SCALE,
						     y + r * FONT_SCALE,
						     FONT_SCALE, FONT_SCALE,
						     rgb);
		}
		x += 6 * FONT_SCALE;
	}
	return x;
}

static int text(canvas *c, int x, int y, const char *s,
		const unsigned char rgb[3])
{
	return text_clip(c, x, y, c->w, s, rgb);
}

shmplot_status shmplot_diff_image_png(shmplot_diff *d, unsigned char **png,
				      size_t *len)
{
	canvas c;
	shmplot_status st;

	*png = NULL;
	*len = 0;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	if (!d->have_result || d->res.verdict == SHMPLOT_DIFF_SIZE_MISMATCH)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				d->have_result ? "no diff image: the images "
						 "differ in size"
					       : "no comparison yet");
	st = canvas_new(d, &c, d->exp.width, d->exp.height, COL_BG);
	if (st != SHMPLOT_OK)
		return st;
	for (int y = 0; y < c.h; y++)
		for (int x = 0; x < c.w; x++) {
			unsigned char rgb[3];
			diff_px(d, x, y, rgb);
			put(&c, x, y, rgb);
		}
	return canvas_encode(d, &c, png, len);
}

/* Marks the span [a, a + n) beside a pane, in the gutter, as a ruler. */
static void rulers(canvas *c, int px, int py, int pw, int ph,
		   const shmplot_diff_result *r)
{
	/* Never thinner than 3 pixels, so one pixel's ruler shows. */
	int bw = r->bbox_w < 3 ? 3 : r->bbox_w;
	int bh = r->bbox_h < 3 ? 3 : r->bbox_h;
	int bx = px + r->bbox_x - (bw - r->bbox_w) / 2;
	int by = py + r->bbox_y - (bh - r->bbox_h) / 2;

	fill(c, bx, py - 5, bw, 3, COL_MORE);
	fill(c, bx, py + ph + 2, bw, 3, COL_MORE);
	fill(c, px - 5, by, 3, bh, COL_MORE);
	fill(c, px + pw + 2, by, 3, bh, COL_MORE);
}

shmplot_status shmplot_diff_panel_png(shmplot_diff *d, unsigned char **png,
				      size_t *len)
{
	const shmplot_diff_result *r = &d->res;
	const int g = 12;
	int ew = d->exp.width, eh = d->exp.height;
	int aw = d->act.width, ah = d->act.height;
	int mismatch, zoom, zx = 0, zy = 0, zw = 0, zh = 0, zs = 8;
	int pw, ph, y;
	char label[160];
	canvas c;
	shmplot_status st;

	*png = NULL;
	*len = 0;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	if (!d->have_result)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				"no comparison yet");
	mismatch = r->verdict == SHMPLOT_DIFF_SIZE_MISMATCH;
	zoom = !mismatch && r->diff_pixels > 0;
	if (zoom) {
		/* 32 x 32 pixels around the densest window, enlarged 8x. */
		zw = ew < 32 ? ew : 32;
		zh = eh < 32 ? eh : 32;
		int ww = r->window < ew ? r->window : ew;
		int wh = r->window < eh ? r->window : eh;
		zx = r->window_x + ww / 2 - zw / 2;
		zy = r->window_y + wh / 2 - zh / 2;
		zx = zx < 0 ? 0 : (zx + zw > ew ? ew - zw : zx);
		zy = zy < 0 ? 0 : (zy + zh > eh ? eh - zh : zy);
	}
	/* Sides are at most SPD_MAX_SIDE_LIMIT (checked in
	 * shmplot_diff_new()), so none of these overflow an int; canvas_new()
	 * rejects what cairo cannot draw. */
	if (mismatch) {
		pw = g + ew + g + aw + g;
		ph = g + 2 * LABEL_H + (eh > ah ? eh : ah) + g;
	} else {
		pw = g + 3 * (ew + g);
		ph = g + 2 * LABEL_H + eh + g;
		if (zoom) {
			int zpw = g + 3 * (zw * zs + g);
			pw = pw > zpw ? pw : zpw;
			ph += 2 * LABEL_H + zh * zs + g;
		}
		ph += LABEL_H; /* legend */
	}
	if (pw < 620)
		pw = 620;
	st = canvas_new(d, &c, pw, ph, COL_BG);
	if (st != SHMPLOT_OK)
		return st;

	y = g;
	if (mismatch)
		snprintf(label, sizeof label,
			 "size mismatch: expected %dx%d, actual %dx%d", ew, eh,
			 aw, ah);
	else if (r->diff_pixels == 0)
		snprintf(label, sizeof label, "identical %dx%d", ew, eh);
	else
		snprintf(label, sizeof label,
			 "%s %dx%d: %llu px differ, %llu aa, max delta %u",
			 shmplot_diff_verdict_str(r->verdict), ew, eh,
			 (unsigned long long)r->diff_pixels,
			 (unsigned long long)r->aa_pixels, r->max_delta);
	text(&c, g, y, label,
	     r->verdict == SHMPLOT_DIFF_DIFFERENT ||
		     r->verdict == SHMPLOT_DIFF_SIZE_MISMATCH
		 ? COL_MORE
		 : COL_TEXT);
	y += LABEL_H;
	if (mismatch) {
		text_clip(&c, g, y, g + ew, "expected", COL_TEXT);
		text_clip(&c, g + ew + g, y, g + ew + g + aw, "actual",
			  COL_TEXT);
		y += LABEL_H;
		outline(&c, g, y, ew, eh, 1, COL_FRAME);
		blit(&c, d, VIEW_EXPECTED, 0, 0, ew, eh, g, y, 1);
		outline(&c, g + ew + g, y, aw, ah, 1, COL_FRAME);
		blit(&c, d, VIEW_ACTUAL, 0, 0, aw, ah, g + ew + g, y, 1);
		goto encode;
	}

	static const char *const names[3] = {"expected", "actual", "diff"};
	for (int i = 0; i < 3; i++) {
		int x = g + i * (ew + g);
		text_clip(&c, x, y, x + ew, names[i], COL_TEXT);
		outline(&c, x, y + LABEL_H, ew, eh, 1, COL_FRAME);
		blit(&c, d, (enum view)i, 0, 0, ew, eh, x, y + LABEL_H, 1);
		if (r->diff_pixels > 0) {
			rulers(&c, x, y + LABEL_H, ew, eh, r);
			if (i == 2)
				outline(&c, x + r->bbox_x - 2,
					y + LABEL_H + r->bbox_y - 2,
					r->bbox_w + 4, r->bbox_h + 4, 1,
					COL_BOX);
		}
	}
	y += LABEL_H + eh + g;
	if (zoom) {
		snprintf(label, sizeof label,
			 "densest differences: %dx%d at %d,%d, enlarged %dx",
			 zw, zh, zx, zy, zs);
		text(&c, g, y, label, COL_TEXT);
		y += LABEL_H;
		for (int i = 0; i < 3; i++) {
			int x = g + i * (zw * zs + g);
			text_clip(&c, x, y, x + zw * zs, names[i], COL_TEXT);
			outline(&c, x, y + LABEL_H, zw * zs, zh * zs, 1,
				COL_FRAME);
			blit(&c, d, (enum view)i, zx, zy, zw, zh, x,
			     y + LABEL_H, zs);
		}
		y += LABEL_H + zh * zs + g;
	}
	/* Legend. */
	{
		int x = g;
		static const struct {
			const unsigned char *col;
			const char *name;
		} keys[3] = {{COL_MORE, "more ink"},
			     {COL_LESS, "less ink"},
			     {COL_AA, "anti-aliasing"}};
		for (int i = 0; i < 3; i++) {
			fill(&c, x, y, 14, 14, keys[i].col);
			x = text(&c, x + 20, y, keys[i].name, COL_TEXT) + 16;
		}
	}
encode:
	return canvas_encode(d, &c, png, len);
}

static shmplot_status write_png(shmplot_diff *d, const char *path, int panel)
{
	unsigned char *png;
	size_t len;
	char msg[300];
	shmplot_status st;

	st = panel ? shmplot_diff_panel_png(d, &png, &len)
		   : shmplot_diff_image_png(d, &png, &len);
	if (st != SHMPLOT_OK)
		return st;
	st = spd_file_write_atomic(path, png, len, msg, sizeof msg);
	free(png);
	if (st != SHMPLOT_OK) {
		d->errinput = SHMPLOT_DIFF_INPUT_OUTPUT;
		return sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s", path,
				msg);
	}
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_write_image(shmplot_diff *d, const char *path)
{
	return write_png(d, path, 0);
}

shmplot_status shmplot_diff_write_panel(shmplot_diff *d, const char *path)
{
	return write_png(d, path, 1);
}
