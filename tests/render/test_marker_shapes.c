/* SPDX-License-Identifier: MIT */
/*
 * matplotlib's marker shapes (marker_shapes.c) and how a line's markers
 * look (markerfacecolor, markeredgecolor, markeredgewidth, markevery;
 * scatter's facecolors): the vertices of each shape where markers.py puts
 * them, and the pixels an open marker, an edge colour or markevery leave.
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

/* The group's teardown: the axes' items too. */
static int teardown_all(void **state)
{
	spr_axes_free_items(&ax);
	return teardown(state);
}

/* Vertex i of part of marker at size 10 px is (x, y) (device, y down). */
static void vertex_is(int marker, int part, int i, double x, double y)
{
	double xy[2 * SPR_MARKER_MAXV];
	int closed;
	int n = spr_marker_part(marker, 10, part, xy, &closed);

	assert_true(i < n);
	if (fabs(xy[2 * i] - x) > 1e-9 || fabs(xy[2 * i + 1] - y) > 1e-9)
		fail_msg("marker %s part %d vertex %d: (%g, %g), want (%g, %g)",
			 spr_marker_names[marker], part, i, xy[2 * i],
			 xy[2 * i + 1], x, y);
}

static int count(int marker, int part)
{
	double xy[2 * SPR_MARKER_MAXV];
	int closed;

	return spr_marker_part(marker, 10, part, xy, &closed);
}

/* markers.py's unit paths, scaled, turned and flipped to y down. */
static void test_geometry(void **state)
{
	const double s3 = 5 * sqrt(3) / 2, d = 5 * M_SQRT2;

	(void)state;
	/* triangles: the apex where the symbol points */
	vertex_is(SPR_MK_TRIANGLE, 0, 0, 0, -5);
	vertex_is(SPR_MK_TRIANGLE_DOWN, 0, 0, 0, 5);
	vertex_is(SPR_MK_TRIANGLE_LEFT, 0, 0, -5, 0);
	vertex_is(SPR_MK_TRIANGLE_RIGHT, 0, 0, 5, 0);
	vertex_is(SPR_MK_TRIANGLE_DOWN, 0, 1, 5, -5);
	/* the star: 10 vertices from straight up, every other one on the
	 * inner circle of 0.381966 */
	assert_int_equal(count(SPR_MK_STAR, 0), 10);
	vertex_is(SPR_MK_STAR, 0, 0, 0, -5);
	vertex_is(SPR_MK_STAR, 0, 1, -5 * 0.381966 * sin(M_PI / 5),
		  -5 * 0.381966 * cos(M_PI / 5));
	assert_int_equal(count(SPR_MK_PENTAGON, 0), 5);
	vertex_is(SPR_MK_PENTAGON, 0, 1, -5 * cos(M_PI / 10),
		  -5 * sin(M_PI / 10));
	/* h: a vertex on top; H: turned by 30 degrees, one on the side */
	vertex_is(SPR_MK_HEXAGON1, 0, 0, 0, -5);
	vertex_is(SPR_MK_HEXAGON1, 0, 1, -s3, -2.5);
	vertex_is(SPR_MK_HEXAGON2, 0, 1, -5, 0);
	vertex_is(SPR_MK_HEXAGON2, 0, 0, -2.5, -s3);
	/* D: the square of side 10 turned; d: 0.6 of its width */
	vertex_is(SPR_MK_DIAMOND, 0, 0, 0, d);
	vertex_is(SPR_MK_DIAMOND, 0, 1, d, 0);
	vertex_is(SPR_MK_THIN_DIAMOND, 0, 1, 0.6 * d, 0);
	/* line markers: bars and spokes, each its own subpath */
	assert_int_equal(count(SPR_MK_VLINE, 0), 2);
	assert_int_equal(count(SPR_MK_VLINE, 1), 0);
	vertex_is(SPR_MK_VLINE, 0, 1, 0, -5);
	vertex_is(SPR_MK_HLINE, 0, 0, 5, 0);
	assert_int_equal(count(SPR_MK_TRI_DOWN, 2), 2);
	assert_int_equal(count(SPR_MK_TRI_DOWN, 3), 0);
	vertex_is(SPR_MK_TRI_DOWN, 0, 1, 0, 5);
	vertex_is(SPR_MK_TRI_DOWN, 1, 1, 4, -2.5);
	vertex_is(SPR_MK_TRI_UP, 0, 1, 0, -5);
	vertex_is(SPR_MK_TRI_LEFT, 0, 1, -5, 0);
	vertex_is(SPR_MK_TRI_RIGHT, 0, 1, 5, 0);
	/* circles are drawn as curves, not from vertices */
	assert_int_equal(count(SPR_MK_CIRCLE, 0), 0);
	assert_true(spr_marker_circle(SPR_MK_POINT) == 0.25);
}

/* Filled markers and line markers, as markers.py's _filled. */
static void test_filled(void **state)
{
	static const char filled[] = "o.s^vD<>*phHd";
	static const char lines[] = "+x|_1234";

	(void)state;
	for (int m = SPR_MK_POINT; m <= SPR_MK_LAST; m++) {
		char c = spr_marker_syms[m][0];
		assert_true(strchr(filled, c) || strchr(lines, c));
		assert_int_equal(spr_marker_filled(m),
				 strchr(filled, c) != NULL);
	}
	assert_int_equal(spr_marker_info_of(SPR_MK_STAR)->join,
			 CAIRO_LINE_JOIN_BEVEL);
	assert_int_equal(spr_marker_info_of(SPR_MK_TRI_UP)->parts, 3);
}

/*
 * A figure of ten points (i, 4) for i in 0 .. 9, limits [-1, 10] x [0, 8],
 * 6.4 x 4.8 in at 100 dpi: point i at column 80 + 496 (i + 1) / 11, row
 * 242.4. kind "line" (no line drawn) or "scatter"; set() sets its fields.
 */
static cairo_surface_t *draw(const char *kind, int marker,
			     void (*set)(spr_item *it))
{
	static const double x[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	static const double y[10] = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
	spr_series s[2] = {{x, 10, 0}, {y, 10, 0}};
	spr_figure f;
	cairo_surface_t *out;
	char err[256];
	spr_item *it;

	spr_axes_free_items(&ax);
	fb_figure(&f, &ax, 6.4, 4.8, 100);
	ax.legend = SPR_LEG_NONE;
	ax.has_xlim = ax.has_ylim = 1;
	ax.xlim[0] = -1;
	ax.xlim[1] = 10;
	ax.ylim[1] = 8;
	it = spr_axes_add(&ax, spr_kind_find(kind));
	assert_non_null(it);
	fb_set(it, "x", 0);
	fb_set(it, "y", 1);
	if (strcmp(kind, "line") == 0) {
		fb_set(it, "linestyle", SPR_LS_NONE);
		fb_set(it, "markersize", 20);
	} else {
		/* s: the number after the series field of that name */
		size_t nf;
		const spr_field *fs = spr_kind_fields(it->kind, &nf);
		for (size_t k = 0; k < nf; k++)
			if (strcmp(fs[k].name, "s") == 0 &&
			    fs[k].type == SPR_F_NUM)
				spr_field_set(&fs[k], it->p, 400);
	}
	fb_set(it, "marker", marker);
	fb_set(it, "color", 0x0000ff);
	if (set)
		set(it);
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

/* The pixel column of point i. */
static int col(int i)
{
	return (int)floor(80 + 496.0 * (i + 1) / 11 + 0.5);
}

static void set_open(spr_item *it)
{
	fb_set(it, "markerfacecolor", SPR_NONE_COLOR);
}

static void set_facecolors_none(spr_item *it)
{
	fb_set(it, "facecolors", SPR_NONE_COLOR);
	fb_set(it, "edgecolors", 0x0000ff);
}

/* An open marker leaves its centre the background; its ring is drawn. */
static void test_open(void **state)
{
	cairo_surface_t *s;

	(void)state;
	s = draw("line", SPR_MK_CIRCLE, NULL);
	assert_int_equal(pixel(s, col(4), 242), 0x0000ff);
	cairo_surface_destroy(s);
	s = draw("line", SPR_MK_CIRCLE, set_open);
	assert_int_equal(pixel(s, col(4), 242), 0xffffff);
	/* the ring: 20 pt = 27.8 px across, its edge 13.9 px out */
	assert_int_equal(pixel(s, col(4), 242 - 14), 0x0000ff);
	cairo_surface_destroy(s);
	s = draw("scatter", SPR_MK_SQUARE, set_facecolors_none);
	assert_int_equal(pixel(s, col(4), 242), 0xffffff);
	assert_int_equal(pixel(s, col(4), 242 - 14), 0x0000ff);
	cairo_surface_destroy(s);
}

static void set_edge(spr_item *it)
{
	fb_set(it, "markerfacecolor", 0xff0000);
	fb_set(it, "markeredgecolor", 0x00ff00);
	fb_set(it, "markeredgewidth", 4);
}

static void set_edge_only(spr_item *it)
{
	fb_set(it, "markeredgecolor", 0x00ff00);
}

/* The face and the edge in their own colours, the edge as wide as asked;
 * a line marker is all edge. */
static void test_edge(void **state)
{
	cairo_surface_t *s = draw("line", SPR_MK_SQUARE, set_edge);

	(void)state;
	/* the square's side is 27.8 px: edges at +-13.9 px, 5.6 px wide */
	assert_int_equal(pixel(s, col(4), 242), 0xff0000);
	assert_int_equal(pixel(s, col(4) + 14, 242), 0x00ff00);
	assert_int_equal(pixel(s, col(4) + 12, 242), 0x00ff00);
	assert_int_equal(pixel(s, col(4) + 9, 242), 0xff0000);
	cairo_surface_destroy(s);
	s = draw("line", SPR_MK_VLINE, set_edge_only);
	assert_int_equal(pixel(s, col(4), 242 - 8), 0x00ff00);
	assert_int_equal(pixel(s, col(4) + 4, 242), 0xffffff);
	cairo_surface_destroy(s);
}

static void set_every3(spr_item *it)
{
	double v = 3;

	assert_int_equal(
	    spr_field_set_array(fb_field(it, "markevery"), it->p, &v, 1), 0);
}

static void set_every_from1(spr_item *it)
{
	double v[2] = {1, 3};

	assert_int_equal(
	    spr_field_set_array(fb_field(it, "markevery"), it->p, v, 2), 0);
}

static void set_every_at(spr_item *it)
{
	double v[3] = {9, 2, 5};

	assert_int_equal(
	    spr_field_set_array(fb_field(it, "markevery_at"), it->p, v, 3), 0);
}

/* The points whose markers are drawn, as a bit mask of i. */
static unsigned marked(void (*set)(spr_item *it))
{
	cairo_surface_t *s = draw("line", SPR_MK_CIRCLE, set);
	unsigned m = 0;

	for (int i = 0; i < 10; i++)
		if (pixel(s, col(i), 242) == 0x0000ff)
			m |= 1u << i;
	cairo_surface_destroy(s);
	return m;
}

/* markevery 3 on 10 points: 0 3 6 9; [1, 3]: 1 4 7; indices: those. */
static void test_markevery(void **state)
{
	(void)state;
	assert_int_equal(marked(NULL), 0x3ff);
	assert_int_equal(marked(set_every3), 1u | 1u << 3 | 1u << 6 | 1u << 9);
	assert_int_equal(marked(set_every_from1), 1u << 1 | 1u << 4 | 1u << 7);
	assert_int_equal(marked(set_every_at), 1u << 2 | 1u << 5 | 1u << 9);
}

/* An index beyond the points is refused by the line's rules. */
static void test_markevery_checked(void **state)
{
	static const double y[3] = {1, 2, 3};
	spr_series s[1] = {{y, 3, 0}};
	double at = 3;
	char err[256] = "";
	spr_item it;

	(void)state;
	assert_int_equal(spr_item_init(&it, spr_kind_find("line")), 0);
	fb_set(&it, "y", 0);
	assert_int_equal(
	    spr_field_set_array(fb_field(&it, "markevery_at"), it.p, &at, 1),
	    0);
	assert_int_equal(spr_item_check_rules(&it, s, err, sizeof err), -1);
	assert_non_null(strstr(err, "markevery_at[0]"));
	spr_item_free(&it);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_geometry),
	    cmocka_unit_test(test_filled),
	    cmocka_unit_test(test_open),
	    cmocka_unit_test(test_edge),
	    cmocka_unit_test(test_markevery),
	    cmocka_unit_test(test_markevery_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown_all);
}
