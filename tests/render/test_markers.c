/* SPDX-License-Identifier: MIT */
/*
 * Markers as matplotlib's draw_markers draws them: each composited over
 * the ones before it (translucent markers build up), the same picture in
 * any order of the points, every marker of a kind on the same pixels
 * (snapped to whole pixels), clipped to the axes rounded to whole pixels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "draw.h"
#include "fig_build.h"
#include "font_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"

static spr_axes ax;

static int free_items(void **state)
{
	(void)state;
	spr_axes_free_items(&ax);
	return 0;
}

/*
 * Renders markers (no line) of y against x, limits [0, 8] both ways,
 * 6.4 x 4.8 in at 100 dpi (x 62 px a unit from column 80, y 46.2 px a
 * unit up from row 427.2). The caller destroys the surface.
 */
static cairo_surface_t *draw(const double *x, const double *y, size_t n,
			     int marker, double size_pt, double alpha)
{
	spr_series s[2] = {{x, n}, {y, n}};
	spr_figure f;
	cairo_surface_t *out;
	char err[256];

	spr_axes_free_items(&ax);
	fb_figure(&f, &ax, 6.4, 4.8, 100);
	ax.legend = SPR_LEG_NONE;
	ax.has_xlim = ax.has_ylim = 1;
	ax.xlim[1] = ax.ylim[1] = 8;
	spr_item *it = fb_line(&ax, 0, 1, NULL);
	fb_set(it, "linestyle", SPR_LS_NONE);
	fb_set(it, "marker", marker);
	fb_set(it, "markersize", size_pt);
	fb_set(it, "alpha", alpha);
	fb_set(it, "color", 0x1f77b4);
	if (spr_render(&f, s, 2, font, &out, err, sizeof err))
		fail_msg("%s", err);
	return out;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	return *(const uint32_t *)(d + (size_t)y * (size_t)stride +
				   4 * (size_t)x) &
	       0xffffff;
}

static int red(cairo_surface_t *s, int x, int y)
{
	return (int)(pixel(s, x, y) >> 16);
}

/* n alpha-0.2 circles on one point: 1 - 0.8^n of the colour. */
static void test_build_up(void **state)
{
	double x[50], y[50];
	static const int counts[] = {1, 2, 5, 20, 50};

	(void)state;
	for (int i = 0; i < 50; i++) {
		x[i] = 4;
		y[i] = 4;
	}
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		int n = counts[k];
		cairo_surface_t *s =
		    draw(x, y, (size_t)n, SPR_MK_CIRCLE, 6, 0.2);
		/* device (328, 242.4): the marker's pixel (328, 242) */
		double want = 31 + (255 - 31) * pow(0.8, n);
		assert_true(fabs(red(s, 328, 242) - want) <= 1);
		cairo_surface_destroy(s);
	}
}

/* Overlapping translucent markers give the same pixels in any order. */
static void test_order_independent(void **state)
{
	enum { N = 2000 };
	double x[N], y[N], rx[N], ry[N];
	uint64_t r = 0x9e3779b97f4a7c15u;
	cairo_surface_t *a, *b;

	(void)state;
	for (int i = 0; i < N; i++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		x[i] = 3 + 2 * (double)(r >> 11) / 9007199254740992.0;
		y[i] = 3 + 2 * (double)(r & 0xfffff) / 1048576.0;
		rx[N - 1 - i] = x[i];
		ry[N - 1 - i] = y[i];
	}
	a = draw(x, y, N, SPR_MK_SQUARE, 10, 0.1);
	b = draw(rx, ry, N, SPR_MK_SQUARE, 10, 0.1);
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	assert_memory_equal(cairo_image_surface_get_data(a),
			    cairo_image_surface_get_data(b),
			    (size_t)cairo_image_surface_get_stride(a) * 480);
	/* and they built up: the middle is darker than one layer */
	assert_true(red(a, 328, 242) < 255 - (255 - 31) / 10 - 20);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/*
 * Opaque 8 pt markers at x = 1 + k * 1.004: device x fractions .00 .25
 * .50 .74 .99 .24 .49. Every marker of a kind is the same pixels,
 * shifted by whole pixels, on the box matplotlib draws (the pixels over
 * 60 % covered: squares, circles and triangles 13 x 13 px, diamonds 17,
 * "+" and "x" 11, "." 7) centred on the pixel nearest the point.
 */
static void test_snapped(void **state)
{
	static const struct {
		int marker, side;
	} kinds[] = {{SPR_MK_SQUARE, 13},   {SPR_MK_CIRCLE, 13},
		     {SPR_MK_TRIANGLE, 13}, {SPR_MK_DIAMOND, 17},
		     {SPR_MK_PLUS, 11},     {SPR_MK_CROSS, 11},
		     {SPR_MK_POINT, 7}};
	double x[7], y[7];

	(void)state;
	for (int k = 0; k < 7; k++) {
		x[k] = 1 + k * 1.004;
		y[k] = 4;
	}
	for (size_t m = 0; m < sizeof kinds / sizeof kinds[0]; m++) {
		cairo_surface_t *s = draw(x, y, 7, kinds[m].marker, 8, 1);
		uint32_t first[25][25];
		for (int k = 0; k < 7; k++) {
			/* the pixel matplotlib puts the marker on */
			int X = (int)floor(80 + 62 * x[k] + 0.5), Y = 242;
			int lo = 99, hi = -1, top = 99, bot = -1;
			for (int j = 0; j < 25; j++)
				for (int i = 0; i < 25; i++) {
					uint32_t p =
					    pixel(s, X - 12 + i, Y - 12 + j);
					if (k == 0)
						first[j][i] = p;
					else
						assert_int_equal(p,
								 first[j][i]);
					/* covered more than 60 % */
					if ((p >> 16) < 121) {
						lo = i < lo ? i : lo;
						hi = i > hi ? i : hi;
						top = j < top ? j : top;
						bot = j > bot ? j : bot;
					}
				}
			assert_int_equal(hi - lo + 1, kinds[m].side);
			assert_int_equal(bot - top + 1, kinds[m].side);
			/* centred on the pixel (X, Y) */
			assert_int_equal(lo + hi, 24);
			assert_int_equal(top + bot, 24);
		}
		cairo_surface_destroy(s);
	}
}

/* A marker on the axes' corner is cut at the axes, not beyond. */
static void test_clipped(void **state)
{
	double x[1] = {0}, y[1] = {0};
	cairo_surface_t *s = draw(x, y, 1, SPR_MK_SQUARE, 12, 1);

	(void)state;
	/* axes columns 80..576, rows 58..427 (the spines' pixels) */
	assert_true(red(s, 84, 423) < 100);
	for (int d = 2; d < 12; d++) {
		assert_int_equal(pixel(s, 80 - d, 423), 0xffffff);
		assert_int_equal(pixel(s, 84, 427 + d), 0xffffff);
	}
	cairo_surface_destroy(s);
}

/* Stamps on one surface format: three overlapping translucent circles
 * at device (50.3, 40.7), (53, 42), (55.6, 38.2). */
static cairo_surface_t *stamp_on(cairo_format_t fmt)
{
	double x[3] = {50.3, 53, 55.6}, y[3] = {40.7, 42, 38.2};
	spr_marks m = {x, y, 3, NULL, NULL};
	int box[4] = {0, 0, 99, 79};
	cairo_surface_t *s = cairo_image_surface_create(fmt, 100, 80);
	spr_ctx r;
	spr_stamp st;

	memset(&r, 0, sizeof r);
	r.cr = cairo_create(s);
	r.W = 100;
	r.H = 80;
	r.pt = 100 / 72.0;
	cairo_set_source_rgb(r.cr, 1, 1, 1);
	cairo_paint(r.cr);
	assert_int_equal(spr_stamp_make(&st, SPR_MK_CIRCLE, 20, 1.4, 0.3), 0);
	spr_stamp_draw(&r, &st, 0x1f77b4, &m, box, NULL);
	spr_stamp_free(&st);
	cairo_destroy(r.cr);
	cairo_surface_flush(s);
	return s;
}

/* A target that is not an RGB24 image gets the stamps one by one
 * through cairo: the same picture within rounding. */
static void test_other_targets(void **state)
{
	cairo_surface_t *a = stamp_on(CAIRO_FORMAT_RGB24);
	cairo_surface_t *b = stamp_on(CAIRO_FORMAT_ARGB32);
	int worst = 0, inked = 0;

	(void)state;
	for (int y = 0; y < 80; y++)
		for (int x = 0; x < 100; x++) {
			uint32_t p = pixel(a, x, y), q = pixel(b, x, y);
			for (int k = 0; k < 24; k += 8) {
				int d = abs((int)((p >> k) & 0xff) -
					    (int)((q >> k) & 0xff));
				worst = d > worst ? d : worst;
			}
			inked += p != 0xffffff;
		}
	assert_true(inked > 500);
	assert_true(worst <= 2);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_build_up, free_items),
	    cmocka_unit_test_teardown(test_order_independent, free_items),
	    cmocka_unit_test_teardown(test_snapped, free_items),
	    cmocka_unit_test_teardown(test_clipped, free_items),
	    cmocka_unit_test(test_other_targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
