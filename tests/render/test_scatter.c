/* SPDX-License-Identifier: MIT */
/*
 * scatter and its colorbar (render/kinds/scatter.c, render/colorbar.c)
 * against matplotlib 3.6's numbers: autoscaled limits (centres only, NaN
 * masked), the colorbar's geometry (fig.colorbar(sc, ax=ax) on a 6.4 x
 * 4.8 in figure: parent x 80 .. 476.8, bar x 501.6 .. 520.08, cells
 * pixel row by row), point colours through the norm and colormap, and
 * the rules check() keeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "item.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axes_fixture.h"

static spr_item *scatter(uint32_t x, uint32_t y)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find("scatter"));

	assert_non_null(it);
	fb_set(it, "x", x);
	fb_set(it, "y", y);
	return it;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);

	cairo_surface_flush(s);
	return ((const uint32_t *)(d + (size_t)y * (size_t)st))[x] & 0xffffff;
}

static int cmap_id(const char *name)
{
	for (int i = 0; i < SPR_CMAP_COUNT; i++)
		if (!strcmp(spr_cmap_names[i], name))
			return i;
	fail_msg("no colormap %s", name);
	return -1;
}

/* scatter([0, 1], [0, 1]) -> (-0.05, 1.05) twice; a NaN in c drops its
 * point from the limits too (matplotlib masks it before autoscaling). */
static void test_limits(void **state)
{
	const double x[] = {0, 1, 5}, y[] = {0, 1, 9}, c[] = {1, 2, NAN};
	const spr_series s[] = {{x, 2}, {y, 2}, {x, 3}, {y, 3}, {c, 3}};
	spr_item *it;

	(void)state;
	scatter(0, 1);
	expect_limits(s, 5, -0.05, 1.05, -0.05, 1.05);
	free_items(NULL);
	it = scatter(2, 3);
	fb_set(it, "c", 4);
	expect_limits(s, 5, -0.05, 1.05, -0.05, 1.05);
	free_items(NULL);
}

/* The colorbar takes the right 0.2 of the box; cells: row j takes cell
 * floor((427.2 - (j + 0.5)) / 369.6 * 256), rounded to 8 bits (row 425 is
 * viridis[1] = (68, 2, 86), measured in matplotlib); outline at row 58. */
static void test_colorbar_geometry(void **state)
{
	const double x[] = {0, 1, 2}, y[] = {0, 1, 2}, c[] = {0, 5, 10};
	const spr_series s[] = {{x, 3}, {y, 3}, {c, 3}};
	spr_item *it = scatter(0, 1);
	spr_axes_info in;
	spr_cmap cm;
	char err[256];
	cairo_surface_t *out;

	(void)state;
	fb_set(it, "c", 2);
	fb_set(it, "colorbar", 1);
	out = render(s, 3, &in, err, sizeof err);
	if (!out)
		fail_msg("%s", err);
	assert_float_equal(in.x0, 80, 1e-9);
	assert_float_equal(in.x1, 476.8, 1e-9);
	spr_cmap_load(&cm, cmap_id("viridis"));
	assert_int_equal(pixel(out, 510, 425), 0x440256);
	assert_int_equal(pixel(out, 510, 100), spr_cmap_rgb(&cm, 226));
	assert_int_equal(pixel(out, 505, 300), spr_cmap_rgb(&cm, 87));
	assert_int_equal(pixel(out, 518, 300), spr_cmap_rgb(&cm, 87));
	/* outside the bar: white; its outline on row 58 dark */
	assert_int_equal(pixel(out, 490, 300), 0xffffff);
	assert_true((pixel(out, 510, 58) & 0xff) < 0x40);
	cairo_surface_destroy(out);
	free_items(NULL);
}

/* One large point: its centre takes cmap(norm(c)); NaN c, and c <= 0
 * under a log norm, draw nothing. */
static void test_point_colours(void **state)
{
	const double x[] = {0, 1, 2}, y[] = {0, 1, 2};
	const double c[] = {2, 7, 10}, cn[] = {2, NAN, 10}, cl[] = {1, -3, 100};
	const spr_series s[] = {{x, 3}, {y, 3}, {c, 3}, {cn, 3}, {cl, 3}};
	spr_cmap cm;
	spr_norm nm = {0, 10, 0};
	char err[256];
	cairo_surface_t *out;
	/* x 0..2 with 5 % margins over 80..576: x = 1 at px 328; y = 1 at
	 * 242.4 */
	int px = 328, py = 242;
	spr_item *it = scatter(0, 1);

	(void)state;
	fb_set(it, "c", 2);
	fb_set(it, "vmin", 0);
	fb_set(it, "vmax", 10);
	fb_set(it, "cmap", cmap_id("RdBu_r"));
	set_const(it, "s", 400);
	out = render(s, 5, NULL, err, sizeof err);
	assert_non_null(out);
	spr_cmap_load(&cm, cmap_id("RdBu_r"));
	assert_int_equal(
	    pixel(out, px, py),
	    spr_cmap_rgb(&cm, spr_cmap_index(&cm, spr_norm_map(&nm, 7))));
	cairo_surface_destroy(out);

	fb_set(it, "c", 3);
	out = render(s, 5, NULL, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(pixel(out, px, py), 0xffffff);
	cairo_surface_destroy(out);

	fb_set(it, "c", 4);
	fb_set(it, "norm", 1);
	fb_set(it, "vmin", 1);
	fb_set(it, "vmax", 100);
	out = render(s, 5, NULL, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(pixel(out, px, py), 0xffffff);
	cairo_surface_destroy(out);
	free_items(NULL);
}

/* Without c: the patch cycle's next colour (C0), on whole pixels. */
static void test_uniform_colour(void **state)
{
	const double x[] = {0, 1, 2}, y[] = {0, 1, 2};
	const spr_series s[] = {{x, 3}, {y, 3}};
	char err[256];
	cairo_surface_t *out;

	(void)state;
	set_const(scatter(0, 1), "s", 400);
	out = render(s, 2, NULL, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(pixel(out, 328, 242), 0x1f77b4);
	cairo_surface_destroy(out);
	free_items(NULL);
}

static void expect_refused(const spr_series *s, size_t ns, const char *what)
{
	char err[256];
	cairo_surface_t *out = render(s, ns, NULL, err, sizeof err);

	assert_null(out);
	if (!strstr(err, what))
		fail_msg("\"%s\" does not say \"%s\"", err, what);
}

static void test_rules(void **state)
{
	const double x[] = {0, 1, 2}, y[] = {0, 1}, sz[] = {4, -1, 9};
	const spr_series s[] = {{x, 3}, {y, 2}, {sz, 3}};
	spr_item *it;

	(void)state;
	scatter(0, 1);
	expect_refused(s, 3, "x has 3 values but y has 2");
	free_items(NULL);
	it = scatter(0, 0);
	fb_set(it, "s", 2);
	expect_refused(s, 3, "s must not be negative (s[1] = -1)");
	free_items(NULL);
	it = scatter(0, 0);
	fb_set(it, "c", 1);
	expect_refused(s, 3, "c has 2 values but x has 3");
	free_items(NULL);
	it = scatter(0, 0);
	fb_set(it, "colorbar", 1);
	expect_refused(s, 3, "colorbar needs c");
	free_items(NULL);
	it = scatter(0, 0);
	fb_set(it, "c", 0);
	fb_set(it, "norm", 1);
	fb_set(it, "vmin", 0);
	expect_refused(s, 3, "a log norm needs vmin and vmax > 0");
	free_items(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_limits, free_items),
	    cmocka_unit_test_teardown(test_colorbar_geometry, free_items),
	    cmocka_unit_test_teardown(test_point_colours, free_items),
	    cmocka_unit_test_teardown(test_uniform_colour, free_items),
	    cmocka_unit_test_teardown(test_rules, free_items),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
