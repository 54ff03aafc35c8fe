/* SPDX-License-Identifier: MIT */
/*
 * imshow (render/kinds/imshow.c) against matplotlib 3.6's numbers
 * (reference kinds-anchors.md section 10, measured with Agg at 640 x 480
 * px): limits equal to the extent with y pointing down for origin upper,
 * the axes box shrunk to square cells, the pixels each cell covers, its
 * colour (viridis truncated to 8 bits), NaN transparent, and the rules
 * check() keeps (a 1-D series for X among them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "item.h"
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axes_fixture.h"

static spr_item *imshow(uint32_t x)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find("imshow"));

	assert_non_null(it);
	fb_set(it, "X", x);
	return it;
}

static void set_array(spr_item *it, const char *name, const double *v, size_t n)
{
	assert_int_equal(spr_field_set_array(fb_field(it, name), it->p, v, n),
			 0);
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	return *(const uint32_t *)(d + (size_t)y * (size_t)stride +
				   (size_t)x * 4) &
	       0xffffff;
}

static cairo_surface_t *draw(const spr_series *s, size_t ns, spr_axes_info *in)
{
	char err[256];
	cairo_surface_t *out = render(s, ns, in, err, sizeof err);

	if (!out)
		fail_msg("%s", err);
	return out;
}

static void near(double got, double want)
{
	if (fabs(got - want) > 1e-6 * fmax(1, fabs(want)))
		fail_msg("%.9g, not %.9g", got, want);
}

static double cells24[24];

/* matplotlib: imshow of a 4 x 6 array: xlim (-0.5, 5.5), ylim (3.5,
 * -0.5) (y down), the box 496 x 330.67 px centred in the 80..576 x
 * 57.6..427.2 one (y 72.27 .. 402.93 from the bottom). */
static void test_upper_limits_and_box(void **state)
{
	spr_series s[] = {{cells24, 24, 6}};
	spr_axes_info in;
	(void)state;
	for (int i = 0; i < 24; i++)
		cells24[i] = i;
	imshow(0);
	cairo_surface_destroy(draw(s, 1, &in));
	near(in.xlim[0], -0.5);
	near(in.xlim[1], 5.5);
	near(in.ylim[0], 3.5);
	near(in.ylim[1], -0.5);
	near(in.x0, 80);
	near(in.x1, 576);
	near(in.y1 - in.y0, 496 * 4 / 6.0);
	near(in.y0, 480 - 402.933333);
}

/* origin lower and an extent: limits are the extent, y up; aspect auto
 * keeps the box; aspect equal on a 12 x 4 extent shrinks its height. */
static void test_lower_extent_aspect(void **state)
{
	static const double ext[4] = {0, 12, -2, 2};
	spr_series s[] = {{cells24, 24, 6}};
	spr_axes_info in;
	spr_item *it;
	(void)state;
	it = imshow(0);
	fb_set(it, "origin", 1);
	set_array(it, "extent", ext, 4);
	fb_set(it, "aspect", 1);
	cairo_surface_destroy(draw(s, 1, &in));
	near(in.xlim[0], 0);
	near(in.xlim[1], 12);
	near(in.ylim[0], -2);
	near(in.ylim[1], 2);
	near(in.y0, 57.6);
	near(in.y1, 427.2);
	fb_set(it, "aspect", 0);
	cairo_surface_destroy(draw(s, 1, &in));
	near(in.x1 - in.x0, 496);
	near(in.y1 - in.y0, 496 / 3.0);
}

/*
 * A 3 x 3 image: the box 369.6 px square at x 143.2 .. 512.8, columns 143
 * .. 512 and rows 58 .. 426 drawn, cells changing after columns 265 and
 * 389 (matplotlib's, measured); cell 0 is viridis' first colour and cell
 * 8 its last, truncated (0x440154, 0xfde724); a NaN cell is not drawn.
 */
static void test_pixels_of_cells(void **state)
{
	double v[9] = {0, 1, 2, 3, NAN, 5, 6, 7, 8};
	spr_series s[] = {{v, 9, 3}};
	spr_axes_info in;
	cairo_surface_t *out;
	(void)state;
	imshow(0);
	out = draw(s, 1, &in);
	near(in.x0, 143.2);
	near(in.x1, 512.8);
	int y = 100;
	assert_int_equal(pixel(out, 150, y), 0x440154); /* 143-144: spine */
	assert_int_equal(pixel(out, 265, y), 0x440154);
	assert_true(pixel(out, 266, y) != 0x440154);
	assert_int_equal(pixel(out, 389, y), pixel(out, 266, y));
	assert_true(pixel(out, 390, y) != pixel(out, 389, y));
	assert_int_equal(pixel(out, 505, y), pixel(out, 390, y));
	/* the bottom right cell is 8, the middle one NaN */
	assert_int_equal(pixel(out, 500, 420), 0xfde724);
	assert_int_equal(pixel(out, 300, 242), 0xffffff);
	/* row 58 is the image's (under the spine's anti-aliased edge) */
	assert_true(pixel(out, 200, 58) != 0xffffff);
	cairo_surface_destroy(out);
}

/* An image keeps sticky edges: a line beyond it widens the view with a
 * margin on its side only (matplotlib: 3 x 3 + plot to (5, 5): xlim
 * -0.5 .. 5.275). */
static void test_line_beyond_image(void **state)
{
	double v[9] = {0}, lx[2] = {0, 5};
	spr_series s[] = {{v, 9, 3}, {lx, 2}};
	(void)state;
	imshow(0);
	fb_line(&ax, 1, 1, NULL);
	/* y: the line's 0 .. 5 and the image's 2.5 .. -0.5, pointing down */
	expect_limits(s, 2, -0.5, 5.275, 5.275, -0.5);
}

/* A line before the image does not count: the image's set_extent set the
 * limits, cancelling the autoscale the line asked for (matplotlib: plot
 * to (10, 10), then imshow 2 x 3: xlim -0.5 .. 2.5, ylim 1.5 .. -0.5). */
static void test_line_before_image(void **state)
{
	double v[6] = {0}, lx[2] = {0, 10};
	spr_series s[] = {{v, 6, 3}, {lx, 2}};
	(void)state;
	fb_line(&ax, 1, 1, NULL);
	imshow(0);
	expect_limits(s, 2, -0.5, 2.5, 1.5, -0.5);
}

static void expect_error(const spr_series *s, size_t ns, const char *needle)
{
	spr_axes_info in;
	char err[256] = "";
	cairo_surface_t *out = render(s, ns, &in, err, sizeof err);

	if (out)
		cairo_surface_destroy(out);
	assert_null(out);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
}

static void test_rules(void **state)
{
	double v[6] = {1, 2, 3, 4, 5, 6}, three[3] = {0, 1, 2};
	spr_series s[] = {{v, 6}, {v, 6, 3}};
	spr_item *it;
	(void)state;
	it = imshow(0);
	expect_error(s, 2,
		     "axes 0 imshow 0: X: series 0 is 1-D (6 values); a 2-D "
		     "series (rows x columns) is expected");
	fb_set(it, "X", 1);
	set_array(it, "extent", three, 3);
	expect_error(s, 2,
		     "extent has 3 values: give [left, right, bottom, "
		     "top]");
	set_array(it, "extent", NULL, 0);
	fb_set(it, "vmin", 3);
	fb_set(it, "vmax", 2);
	expect_error(s, 2, "vmin 3 is above vmax 2");
	fb_set(it, "vmin", 0);
	fb_set(it, "norm", 1);
	expect_error(s, 2, "norm \"log\" needs vmin and vmax above 0");
	fb_set(it, "vmin", 1);
	spr_axes_info in;
	cairo_surface_destroy(draw(s, 2, &in));
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, free_items)
	(void)set_const;
	const struct CMUnitTest tests[] = {
	    T(test_upper_limits_and_box), T(test_lower_extent_aspect),
	    T(test_pixels_of_cells),      T(test_line_beyond_image),
	    T(test_line_before_image),    T(test_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
