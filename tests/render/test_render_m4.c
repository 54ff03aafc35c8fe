/* SPDX-License-Identifier: MIT */
/*
 * The large-series reduction (render/m4.c) against stroking every point
 * (spr_axes.exact), pixel by pixel, on 1,000,000-point series with noise,
 * NaN/inf gaps, poles, clipping, log axes and zoomed views: aliased 1 px
 * lines pixel-exact (but for a smooth curve, within a measured bound) and
 * the default anti-aliased ones within measured bounds. The two pictures
 * are compared by the engine of `shmplot diff` (shmplot_diff_pixels), with
 * the tolerance each case is held to.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "render_internal.h"
#include "shmplot/diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

#define N 1000000

static spr_font *font;
static double *xs, *ys;

static uint64_t rng = 88172645463325252u;

/* Uniform in [-1, 1), deterministic. */
static double noise(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) * 0x1p-52 - 1;
}

static int setup(void **state)
{
	char err[256];

	(void)state;
	xs = malloc(N * sizeof *xs);
	ys = malloc(N * sizeof *ys);
	if (!xs || !ys)
		return -1;
	for (size_t i = 0; i < N; i++)
		xs[i] = 4 * M_PI * (double)i / (N - 1);
	return font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

typedef struct onefig {
	spr_figure fig;
	spr_axes ax;
} onefig;

/* The figure of the running case, freed by the next case or the
 * teardown, whatever failed. */
static onefig fig;

static int teardown(void **state)
{
	(void)state;
	spr_axes_free_items(&fig.ax);
	spr_font_free(font);
	free(xs);
	free(ys);
	return 0;
}

/* One 12 x 3 in axes (930 px wide) with one line of y against x. */
static void onefig_init(onefig *f, int has_x, double width_pt)
{
	spr_axes_free_items(&f->ax);
	fb_figure(&f->fig, &f->ax, 12, 3, 100);
	f->ax.legend = SPR_LEG_BEST;
	fb_set(fb_line(&f->ax, has_x ? 0 : SPR_NO_SERIES, 1, "data"),
	       "linewidth", width_pt);
}

typedef struct diff {
	shmplot_diff_verdict verdict;
	size_t npx;  /* pixels that differ */
	int maxd;    /* largest channel difference */
	int leg_raw; /* legend positions */
	int leg_m4;
} diff;

/* Opaque RGB24 rows to the RGBA8 the diff engine takes. */
static unsigned char *rgba(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int st = cairo_image_surface_get_stride(s);
	const unsigned char *p = cairo_image_surface_get_data(s);
	unsigned char *out = malloc((size_t)w * (size_t)h * 4);
	assert_non_null(out);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, p + (size_t)y * (size_t)st + 4 * (size_t)x,
			       4);
			unsigned char *o =
			    out + ((size_t)y * (size_t)w + (size_t)x) * 4;
			o[0] = (unsigned char)(v >> 16);
			o[1] = (unsigned char)(v >> 8);
			o[2] = (unsigned char)v;
			o[3] = 255;
		}
	return out;
}

/* A `shmplot diff` tolerance: --max-pixels, --max-delta, --aa forgive. */
typedef struct tol {
	uint64_t pixels;
	unsigned delta;
	int forgive;
} tol;

/*
 * `shmplot diff` (its engine) of raw against reduced at tolerance t: the
 * verdict, the differing pixels that count and their largest channel
 * difference (without the anti-aliasing ones when they are forgiven).
 */
static shmplot_diff_verdict diff_surfaces(cairo_surface_t *raw,
					  cairo_surface_t *red, tol t,
					  size_t *npx, int *maxd)
{
	int w = cairo_image_surface_get_width(raw);
	int h = cairo_image_surface_get_height(raw);
	unsigned char *pa = rgba(raw), *pb = rgba(red);
	shmplot_diff_opts o;
	shmplot_diff_opts_init(&o);
	o.max_pixels = t.pixels;
	o.max_delta = t.delta;
	o.aa = t.forgive ? SHMPLOT_DIFF_AA_FORGIVE : SHMPLOT_DIFF_AA_REPORT;
	shmplot_diff *d = NULL;
	char err[256];
	assert_int_equal(shmplot_diff_new(&d, &o, err, sizeof err), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_pixels(d, pa, w, h, (size_t)w * 4, pb, w,
					     h, (size_t)w * 4),
			 SHMPLOT_OK);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	shmplot_diff_verdict v = r->verdict;
	*npx = (size_t)r->counted_pixels;
	*maxd = (int)r->counted_max_delta;
	shmplot_diff_free(d);
	free(pa);
	free(pb);
	return v;
}

/* Renders f exact and reduced, and compares the two surfaces at the
 * tolerances t[0] and t[1]. */
static void compare(onefig *f, int aliased, const tol t[2], diff d[2])
{
	spr_series s[2] = {{xs, N}, {ys, N}};
	spr_test_opts o = {aliased, 0};

	if (getenv("M4_TEST_CHUNK"))
		o.stroke_chunk = (size_t)atol(getenv("M4_TEST_CHUNK"));
	cairo_surface_t *a = NULL, *b = NULL;
	spr_axes_info ia, ib;
	char err[256];

	f->ax.exact = 1;
	if (spr_render_test(&f->fig, s, 2, font, &a, &ia, 1, &o, err,
			    sizeof err))
		fail_msg("%s", err);
	f->ax.exact = 0;
	if (spr_render_test(&f->fig, s, 2, font, &b, &ib, 1, &o, err,
			    sizeof err))
		fail_msg("%s", err);
	for (int k = 0; k < 2; k++) {
		d[k].verdict = diff_surfaces(a, b, t[k], &d[k].npx, &d[k].maxd);
		d[k].leg_raw = ia.legend;
		d[k].leg_m4 = ib.legend;
	}
	if (getenv("M4_TEST_DUMP")) { /* debugging aid: DIR to write to */
		static int k;
		char path[512];
		snprintf(path, sizeof path, "%s/%02d_exact.png",
			 getenv("M4_TEST_DUMP"), k);
		cairo_surface_write_to_png(a, path);
		snprintf(path, sizeof path, "%s/%02d_reduced.png",
			 getenv("M4_TEST_DUMP"), k++);
		cairo_surface_write_to_png(b, path);
	}
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/* The cases: each fills ys (and maybe xs' use) and sets up the axes. */
enum {
	C_NOISY,  /* sin + noise, autoscaled */
	C_GAPS,   /* plus NaN, +inf and -inf points and NaN runs */
	C_POLES,  /* tan + noise, ylim [-5, 5]: poles and clipping */
	C_SEGS,   /* the same with pole segments drawn */
	C_LOG,    /* log y, some values <= 0 (gaps there) */
	C_ZOOM,   /* x = index, xlim on the middle fifth, ylim cuts noise */
	C_SMOOTH, /* sin, no noise */
	C_NCASES
};

static const char *const case_name[C_NCASES] = {
    "noisy", "gaps",         "poles", "pole segments",
    "log y", "zoomed index", "smooth"};

static void make_case(onefig *f, int c, double width_pt)
{
	rng = 88172645463325252u + (uint64_t)c;
	onefig_init(f, c != C_ZOOM, width_pt);
	for (size_t i = 0; i < N; i++) {
		double x = xs[i], e = noise();
		switch (c) {
		case C_NOISY:
			ys[i] = sin(x) + 0.5 * e;
			break;
		case C_GAPS:
			ys[i] = sin(x) + 0.5 * e;
			if (fabs(e) > 0.999)
				ys[i] = e > 0         ? NAN
					: e > -0.9995 ? INFINITY
						      : -INFINITY;
			if (i % 100000 < 300) /* runs of NaN */
				ys[i] = NAN;
			break;
		case C_POLES:
		case C_SEGS:
			ys[i] = tan(x) + 0.3 * e;
			break;
		case C_LOG:
			ys[i] = exp(3 * sin(x)) * (1 + 0.9 * e);
			if (e > 0.998)
				ys[i] = -1;
			break;
		case C_ZOOM:
			ys[i] = cos(x) * (1 + e);
			break;
		default:
			ys[i] = sin(x);
			break;
		}
	}
	if (c == C_POLES || c == C_SEGS) {
		f->ax.has_ylim = 1;
		f->ax.ylim[0] = -5;
		f->ax.ylim[1] = 5;
		f->ax.pole_segments = c == C_SEGS;
	}
	if (c == C_LOG)
		f->ax.yscale = SPR_SCALE_LOG;
	if (c == C_ZOOM) {
		f->ax.has_xlim = f->ax.has_ylim = 1;
		f->ax.xlim[0] = 0.4 * N;
		f->ax.xlim[1] = 0.6 * N;
		f->ax.ylim[0] = -1.2;
		f->ax.ylim[1] = 1.2;
	}
}

/*
 * Aliased 1 px lines (CAIRO_ANTIALIAS_NONE, width 0.72 pt at 100 dpi),
 * measured with cairo 1.16: pixel-exact by construction wherever the
 * reduction keeps every raw segment that can reach a pixel centre near a
 * column's extremes (m4.c, keep_band). What makes that hold:
 *  - columns are counted as cairo sees a point (spr_m4_column: 24.8 fixed
 *    point, a point at a whole x lights the column to its left), so no
 *    point's stroke, half a pixel either side of it, reaches a centre of
 *    another column. That holds for 1 px lines only: thinner ones leave
 *    centres inside a column's range to the segments M4 drops, wider ones
 *    reach the next columns' centres, and neither is exact (measured on
 *    these cases: hundreds to thousands of pixels at 0.5 px, tens at
 *    1.5 and 2 px);
 *  - cairo's aliased rasteriser fills a one-pixel hole between two spans
 *    of a row that one fill covers, so which columns share a cairo_stroke
 *    shows: both lines are cut at the first point of the same columns
 *    (kinds/line.c, pipe_seam), their chunks overlapping by one segment with
 *    butt caps, which adds nothing to the union of segments and joins.
 * smooth is the exception: a column where the curve is monotonic keeps
 * only its first and last point (and a run whose band would keep more than
 * BAND_CAP points its four), and the chord between them strays from the
 * curve by a few thousandths of a pixel, which decides the centres that
 * lie within that of half the line width from the curve (those examined
 * were of this kind): measured 9 pixels, bounded at 12. Keeping the curve
 * near such centres would cost most of the raw line's points on smooth
 * data. The legend lands in the same place either way.
 */
static const size_t aliased_max[C_NCASES] = {0, 0, 0, 0, 0, 0, 12};

static void test_aliased_close(void **state)
{
	(void)state;
	for (int c = 0; c < C_NCASES; c++) {
		onefig *f = &fig;
		diff d[2];
		if (getenv("M4_TEST_CASE") && atoi(getenv("M4_TEST_CASE")) != c)
			continue;
		make_case(f, c, 0.72);
		/* exact, or --max-pixels aliased_max[c] */
		tol t[2] = {{0, 0, 0}, {aliased_max[c], 255, 0}};
		compare(f, 1, t, d);
		printf("aliased 1 px, %-13s: %zu pixels differ (%s)\n",
		       case_name[c], d[0].npx,
		       shmplot_diff_verdict_str(d[0].verdict));
		assert_int_equal(d[0].leg_raw, d[0].leg_m4);
		if (aliased_max[c] == 0)
			assert_int_equal(d[0].verdict, SHMPLOT_DIFF_IDENTICAL);
		else
			assert_int_equal(d[1].verdict,
					 SHMPLOT_DIFF_WITHIN_TOLERANCE);
	}
}

/*
 * The default anti-aliased 1.5 pt lines. Every case passes
 * `shmplot diff --max-pixels 3500 --max-delta 200` (measured: up to 3338
 * pixels, 194 levels, all on the line's edges: the raw line's chunks are
 * composited over each other there and the reduced line is tessellated
 * differently). Most of those pixels are anti-aliasing; with
 * `--aa forgive` the rest differ by at most aa_delta[c] levels (measured
 * 1, 1, 193, 194, 2, 34, 68): on noisy data everything but anti-aliased
 * edge pixels matches within a level or two. The pole cases keep some
 * large differences the detector does not class as anti-aliasing, and so
 * does the smooth curve, whose differences all lie on its edges.
 */
static const unsigned aa_delta[C_NCASES] = {2, 2, 200, 200, 4, 40, 72};

static void test_antialiased_close(void **state)
{
	(void)state;
	for (int c = 0; c < C_NCASES; c++) {
		onefig *f = &fig;
		diff d[2];
		if (getenv("M4_TEST_CASE") && atoi(getenv("M4_TEST_CASE")) != c)
			continue;
		make_case(f, c, 1.5);
		tol t[2] = {{3500, 200, 0}, {UINT64_MAX, aa_delta[c], 1}};
		compare(f, 0, t, d);
		printf("anti-aliased 1.5 pt, %-13s: %zu pixels differ, max "
		       "channel delta %d (%s); not anti-aliasing: %zu, max "
		       "delta %d\n",
		       case_name[c], d[0].npx, d[0].maxd,
		       shmplot_diff_verdict_str(d[0].verdict), d[1].npx,
		       d[1].maxd);
		assert_int_equal(d[0].leg_raw, d[0].leg_m4);
		assert_int_equal(d[0].verdict, SHMPLOT_DIFF_WITHIN_TOLERANCE);
		assert_int_equal(d[1].verdict, SHMPLOT_DIFF_WITHIN_TOLERANCE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_aliased_close),
	    cmocka_unit_test(test_antialiased_close),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
