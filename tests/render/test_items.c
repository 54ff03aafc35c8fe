/* SPDX-License-Identifier: MIT */
/*
 * The plotted-item interface (item.c, kinds/kinds.c, item.h): the kind
 * table, field descriptors (defaults, value rules, deep copies), and what
 * generic code asks an item, checked end to end with a kind of the test's
 * own, a "box" with a field of every type, drawn through spr_render:
 * autoscale with sticky edges, items that do not move the limits, the two
 * colour cycles, the legend handle and the kind's own rules.
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

#include "font_fixture.h"

/* The box: a filled rectangle [x0, x1] x [y0, y1] in data space. */
typedef struct box_params {
	double x0, x1, y0, y1;
	int sticky;     /* its base y0 is a sticky edge (as a bar's) */
	int scales;     /* it moves the limits at all */
	uint32_t color; /* patch cycle */
	uint32_t edge;  /* a second colour: not the item's colour */
	uint32_t ref;   /* an optional series, not drawn */
	uint32_t image; /* an optional 2-D series, not drawn */
	char *label;
	spr_array weights;
	spr_strings names;
} box_params;

static const char *const onoff[] = {"off", "on"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(box_params, m)

static const spr_field box_fields[] = {
    {FIELD("x0", SPR_F_NUM, x0), .min = -1e6, .max = 1e6, .def = 0},
    {FIELD("x1", SPR_F_NUM, x1), .min = -1e6, .max = 1e6, .def = 1},
    {FIELD("y0", SPR_F_NUM, y0), .min = -1e6, .max = 1e6, .def = 0},
    {FIELD("y1", SPR_F_NUM, y1), .min = -1e6, .max = 1e6, .def = 1,
     .flags = SPR_FF_AUTO},
    {FIELD("sticky", SPR_F_INT, sticky), .min = 0, .max = 1, .def = 1,
     .names = onoff},
    {FIELD("scales", SPR_F_INT, scales), .min = 0, .max = 1, .def = 1},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_PATCHES},
    {FIELD("edgecolor", SPR_F_COLOR, edge), .def = 0},
    {FIELD("ref", SPR_F_SERIES, ref), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL},
    {FIELD("image", SPR_F_SERIES2D, image), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = 16, .flags = SPR_FF_LABEL},
    {FIELD("weights", SPR_F_ARRAY, weights), .min = 0, .max = 10, .maxlen = 4},
    {FIELD("names", SPR_F_STRINGS, names), .maxlen = 3},
};

static int box_check(const void *p, const spr_series *series, char *err,
		     size_t errlen)
{
	const box_params *b = p;

	(void)series;
	if (!(b->x0 < b->x1))
		return spr_err(err, errlen, "x0 %g is not left of x1 %g", b->x0,
			       b->x1);
	return 0;
}

static void box_extents(const void *p, spr_scan *s)
{
	const box_params *b = p;

	if (!b->scales)
		return;
	s->e[0] = fmin(s->e[0], b->x0);
	s->e[1] = fmax(s->e[1], b->x1);
	s->e[2] = fmin(s->e[2], b->y0);
	s->e[3] = fmax(s->e[3], b->y1);
	if (b->sticky)
		spr_scan_sticky(s, 1, b->y0);
}

static void box_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		     uint32_t color)
{
	const box_params *b = p;
	double x0 = spr_map_px(&a->mx, b->x0), x1 = spr_map_px(&a->mx, b->x1);
	double y0 = spr_map_px(&a->my, b->y0), y1 = spr_map_px(&a->my, b->y1);

	spr_set_rgb(r->cr, color, 1);
	cairo_rectangle(r->cr, x0, y1, x1 - x0, y0 - y1);
	cairo_fill(r->cr);
}

static void box_legend(const spr_ctx *r, const void *p, uint32_t color,
		       const spr_handle *h)
{
	(void)p;
	spr_set_rgb(r->cr, color, 1);
	cairo_rectangle(r->cr, h->x, h->y - h->h / 2, h->w, h->h);
	cairo_fill(r->cr);
}

static const spr_kind box_kind = {
    .name = "box",
    .size = sizeof(box_params),
    .fields = box_fields,
    .nfields = sizeof box_fields / sizeof box_fields[0],
    .check = box_check,
    .extents = box_extents,
    .draw = box_draw,
    .legend = box_legend,
};

/* The same box without a legend entry or extents at all. */
static const spr_kind mute_kind = {
    .name = "mute",
    .size = sizeof(box_params),
    .fields = box_fields,
    .nfields = sizeof box_fields / sizeof box_fields[0],
    .draw = box_draw,
};

/* The axes of the running test: the teardown frees their items. */
static spr_axes ax;
static spr_item scratch[2];

static int free_items(void **state)
{
	(void)state;
	spr_axes_free_items(&ax);
	memset(&ax, 0, sizeof ax);
	ax.legend = SPR_LEG_NONE;
	for (int i = 0; i < 2; i++)
		spr_item_free(&scratch[i]);
	return 0;
}

static void test_kind_table(void **state)
{
	const spr_kind *line = spr_kind_find("line");

	(void)state;
	assert_non_null(line);
	assert_string_equal(spr_kind_name(line), "line");
	assert_true(spr_kind_count() >= 1);
	assert_ptr_equal(spr_kind_at(spr_kind_index(line)), line);
	assert_null(spr_kind_find("lines"));
	assert_null(spr_kind_find(NULL));
	assert_null(spr_kind_at(spr_kind_count()));
	/* a kind of one's own is not in the table (nor serialisable) */
	assert_int_equal(spr_kind_index(&box_kind), SIZE_MAX);
	for (size_t i = 0; i < spr_kind_count(); i++) {
		const spr_kind *k = spr_kind_at(i);
		size_t n;
		const spr_field *f = spr_kind_fields(k, &n);
		assert_ptr_equal(spr_kind_find(spr_kind_name(k)), k);
		/* every default is a value the kind accepts, but for series
		 * the caller must name */
		for (size_t j = 0; j < n; j++)
			if (f[j].type <= SPR_F_COLOR)
				assert_true(spr_field_accepts(&f[j], f[j].def));
	}
}

static void test_line_defaults(void **state)
{
	spr_item *it = spr_axes_add(&ax, spr_kind_find("line"));

	(void)state;
	assert_non_null(it);
	/* matplotlib's Line2D defaults */
	assert_true(fb_get(it, "x") == SPR_NO_SERIES);
	assert_true(fb_get(it, "color") == SPR_DEFAULT_COLOR);
	assert_true(fb_get(it, "alpha") == 1);
	assert_true(fb_get(it, "linewidth") == 1.5);
	assert_true(fb_get(it, "linestyle") == SPR_LS_SOLID);
	assert_true(fb_get(it, "marker") == SPR_MK_NONE);
	assert_true(fb_get(it, "markersize") == 6);
	assert_null(spr_item_label(it));
	/* y has no default: an item must name it */
	assert_non_null(spr_item_bad_field(it));
	assert_string_equal(spr_item_bad_field(it)->name, "y");
	fb_set(it, "y", 0);
	assert_null(spr_item_bad_field(it));
	assert_null(spr_kind_field(it->kind, "width"));
}

static void test_value_rules(void **state)
{
	const spr_field *f = box_fields;

	(void)state;
	/* NUM: finite, in range; NaN only where it means "automatic" */
	assert_true(spr_field_accepts(&f[0], -1e6));
	assert_false(spr_field_accepts(&f[0], 1e6 + 1));
	assert_false(spr_field_accepts(&f[0], NAN));
	assert_false(spr_field_accepts(&f[0], INFINITY));
	assert_true(spr_field_accepts(&f[3], NAN));
	assert_false(spr_field_accepts(&f[3], -INFINITY));
	/* INT: whole numbers in range */
	assert_true(spr_field_accepts(&f[4], 1));
	assert_false(spr_field_accepts(&f[4], 0.5));
	assert_false(spr_field_accepts(&f[4], 2));
	assert_false(spr_field_accepts(&f[4], NAN));
	/* COLOR: 0xRRGGBB; the cycle only where the field takes one */
	assert_true(spr_field_accepts(&f[6], 0xffffff));
	assert_false(spr_field_accepts(&f[6], 0x1000000));
	assert_true(spr_field_accepts(&f[6], SPR_DEFAULT_COLOR));
	assert_false(spr_field_accepts(&f[7], SPR_DEFAULT_COLOR));
	assert_false(spr_field_accepts(&f[7], -1));
	/* SERIES: any index; none only where optional */
	assert_true(spr_field_accepts(&f[8], 0));
	assert_true(spr_field_accepts(&f[8], SPR_NO_SERIES));
	assert_false(spr_field_accepts(&f[8], 1.5));
	assert_false(spr_field_accepts(
	    spr_kind_field(spr_kind_find("line"), "y"), SPR_NO_SERIES));
	/* ARRAY: each value finite and in range */
	assert_true(spr_field_accepts(&f[11], 10));
	assert_false(spr_field_accepts(&f[11], -0.5));
	assert_false(spr_field_accepts(&f[11], NAN));
	/* TEXT and STRINGS hold no single value */
	assert_false(spr_field_accepts(&f[10], 0));
}

static void fill_box(spr_item *it)
{
	static const double w[3] = {1, 2, 3};
	static const char *const nm[2] = {"a", "bé"};

	fb_text(it, "label", "box");
	assert_int_equal(spr_field_set_array(
			     spr_kind_field(it->kind, "weights"), it->p, w, 3),
			 0);
	assert_int_equal(spr_field_set_strings(
			     spr_kind_field(it->kind, "names"), it->p, nm, 2),
			 0);
}

static void test_copy_is_deep(void **state)
{
	spr_item *it = &scratch[0], *cp = &scratch[1];
	box_params *p, *q;

	(void)state;
	assert_int_equal(spr_item_init(it, &box_kind), 0);
	fill_box(it);
	fb_set(it, "x1", 7);
	assert_int_equal(spr_item_copy(cp, it), 0);
	p = it->p;
	q = cp->p;
	assert_true(q->x1 == 7);
	assert_ptr_not_equal(q->label, p->label);
	assert_ptr_not_equal(q->weights.v, p->weights.v);
	assert_ptr_not_equal(q->names.s, p->names.s);
	assert_ptr_not_equal(q->names.s[1], p->names.s[1]);
	/* the original goes; the copy stands alone (ASan would see) */
	spr_item_free(it);
	assert_null(it->p);
	assert_string_equal(q->label, "box");
	assert_true(q->weights.n == 3 && q->weights.v[2] == 3);
	assert_string_equal(q->names.s[1], "bé");
	assert_string_equal(spr_item_label(cp), "box");
	spr_item_free(it); /* twice is harmless */
}

static void test_bad_fields(void **state)
{
	spr_item *it = &scratch[0];
	box_params *p;
	const char *many[4] = {"a", "b", "c", "d"};
	double big = 11;

	(void)state;
	assert_int_equal(spr_item_init(it, &box_kind), 0);
	p = it->p;
	assert_null(spr_item_bad_field(it));
	fb_text(it, "label", "seventeen bytes!!");
	assert_string_equal(spr_item_bad_field(it)->name, "label");
	fb_text(it, "label", NULL);
	spr_field_set_array(spr_kind_field(it->kind, "weights"), p, &big, 1);
	assert_string_equal(spr_item_bad_field(it)->name, "weights");
	spr_field_set_array(spr_kind_field(it->kind, "weights"), p, NULL, 0);
	spr_field_set_strings(spr_kind_field(it->kind, "names"), p, many, 4);
	assert_string_equal(spr_item_bad_field(it)->name, "names");
	spr_field_set_strings(spr_kind_field(it->kind, "names"), p, many, 3);
	p->sticky = 5;
	assert_string_equal(spr_item_bad_field(it)->name, "sticky");
	p->sticky = 0;
	p->edge = SPR_DEFAULT_COLOR;
	assert_string_equal(spr_item_bad_field(it)->name, "edgecolor");
	p->edge = 0;
	assert_null(spr_item_bad_field(it));
}

static void test_colors_and_cycles(void **state)
{
	int cycles[2] = {0, 0};
	spr_item *l1 = fb_line(&ax, 0, 0, NULL);
	spr_item *b1 = spr_axes_add(&ax, &box_kind);
	spr_item *l2, *b2;

	(void)state;
	b2 = spr_axes_add(&ax, &box_kind);
	l2 = fb_line(&ax, 0, 0, NULL);
	l1 = &ax.items[0]; /* the array may have moved */
	b1 = &ax.items[1];
	fb_set(b2, "color", 0x123456);
	/* lines and patches count their own cycles, as matplotlib's do */
	assert_int_equal(spr_item_color(l1, cycles), spr_tab10[0]);
	assert_int_equal(spr_item_color(b1, cycles), spr_tab10[0]);
	assert_int_equal(spr_item_color(b2, cycles), 0x123456);
	assert_int_equal(spr_item_color(l2, cycles), spr_tab10[1]);
	assert_int_equal(cycles[0], 2);
	assert_int_equal(cycles[1], 1);
}

/* Renders ax (one 4 x 3 in axes) over series s; info in *in. */
static cairo_surface_t *render(const spr_series *s, size_t ns,
			       spr_axes_info *in, char *err, size_t errlen)
{
	spr_figure fig = {.width_in = 4, .height_in = 3, .dpi = 100};
	cairo_surface_t *out = NULL;

	fig.rows = fig.cols = 1;
	fig.axes = &ax;
	if (spr_render_info(&fig, s, ns, font, &out, in, 1, err, errlen) != 0)
		return NULL;
	return out;
}

static uint32_t pixel(cairo_surface_t *s, double x, double y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);
	uint32_t v;

	memcpy(&v, d + (size_t)y * (size_t)st + 4 * (size_t)x, 4);
	return v & 0xffffff;
}

static void test_sticky_autoscale(void **state)
{
	spr_axes_info in;
	char err[256];
	spr_item *b = spr_axes_add(&ax, &box_kind);
	cairo_surface_t *out;

	(void)state;
	fb_set(b, "x0", 1);
	fb_set(b, "x1", 3);
	fb_set(b, "y0", 0);
	fb_set(b, "y1", 5);
	out = render(NULL, 0, &in, err, sizeof err);
	assert_non_null(out);
	/* the margin stops at the base, as at a bar's in matplotlib; x and
	 * the top get the usual 5% */
	assert_true(in.ylim[0] == 0);
	assert_true(fabs(in.ylim[1] - 5.25) < 1e-12);
	assert_true(fabs(in.xlim[0] - 0.9) < 1e-12);
	assert_true(fabs(in.xlim[1] - 3.1) < 1e-12);
	/* the box is drawn in the first patch colour, up to the frame */
	assert_int_equal(pixel(out, (in.x0 + in.x1) / 2, in.y1 - 2),
			 spr_tab10[0]);
	cairo_surface_destroy(out);
	/* a base inside the data is no edge of it: margins both ways */
	fb_set(b, "y0", -1);
	spr_item *c = spr_axes_add(&ax, &box_kind);
	fb_set(c, "y0", -2);
	fb_set(c, "sticky", 0);
	out = render(NULL, 0, &in, err, sizeof err);
	assert_non_null(out);
	assert_true(fabs(in.ylim[0] - -2.35) < 1e-12);
	cairo_surface_destroy(out);
	/* on a log axis an edge at 0 has no place; one at 1 holds */
	ax.yscale = SPR_SCALE_LOG;
	fb_set(&ax.items[0], "y0", 1);
	fb_set(&ax.items[1], "y0", 10);
	fb_set(&ax.items[1], "y1", 100);
	out = render(NULL, 0, &in, err, sizeof err);
	assert_non_null(out);
	assert_true(in.ylim[0] == 1);
	assert_true(in.ylim[1] > 100);
	cairo_surface_destroy(out);
}

static void test_items_that_do_not_scale(void **state)
{
	spr_axes_info in;
	char err[256];
	spr_item *b = spr_axes_add(&ax, &box_kind);
	cairo_surface_t *out;

	(void)state;
	fb_set(b, "x0", 10);
	fb_set(b, "x1", 20);
	fb_set(b, "scales", 0);
	assert_non_null(spr_axes_add(&ax, &mute_kind));
	out = render(NULL, 0, &in, err, sizeof err);
	assert_non_null(out);
	/* neither moved the limits: matplotlib's empty axes, 0..1 */
	assert_true(in.xlim[0] == 0 && in.xlim[1] == 1);
	assert_true(in.ylim[0] == 0 && in.ylim[1] == 1);
	cairo_surface_destroy(out);
}

static void test_legend_handles(void **state)
{
	double x[2] = {0, 1}, y[2] = {0, 1};
	spr_series s[2] = {{x, 2}, {y, 2}};
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out;

	(void)state;
	fb_line(&ax, 0, 1, "line");
	fb_text(spr_axes_add(&ax, &box_kind), "label", "box");
	/* labelled, but a kind without a legend handle has no entry */
	fb_text(spr_axes_add(&ax, &mute_kind), "label", "mute");
	ax.legend = SPR_LEG_LOWER_RIGHT;
	out = render(s, 2, &in, err, sizeof err);
	assert_non_null(out);
	assert_int_equal(in.legend, SPR_LEG_LOWER_RIGHT);
	/* the box's handle: its patch colour in the lower row, at the
	 * handle's middle (borderpad 0.4 and half a handle, 1 font size) */
	double fs = 10 * 100 / 72.0, hx = in.leg[0] + 0.4 * fs + fs;
	int found = 0;
	for (double yy = in.leg[1] + in.leg[3] / 2; yy < in.leg[1] + in.leg[3];
	     yy++)
		found |= pixel(out, hx, yy) == spr_tab10[0];
	assert_true(found);
	cairo_surface_destroy(out);
	/* the same legend as without the mute item: two rows, not three */
	spr_axes_info in2;
	spr_item_free(&ax.items[--ax.nitems]);
	out = render(s, 2, &in2, err, sizeof err);
	assert_non_null(out);
	assert_memory_equal(in.leg, in2.leg, sizeof in.leg);
	cairo_surface_destroy(out);
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

static void test_render_checks_items(void **state)
{
	double v[3] = {1, 2, 3};
	spr_series s[2] = {{v, 3}, {v, 2}};
	spr_item *l;

	(void)state;
	l = fb_line(&ax, 0, 0, NULL);
	fb_force(l, "linestyle", 9);
	expect_error(s, 2, "axes 0 line 0: unknown linestyle 9");
	fb_set(l, "linestyle", 0);
	fb_force(l, "linewidth", 200);
	expect_error(s, 2, "axes 0 line 0: linewidth 200 is outside [0, 100]");
	fb_set(l, "linewidth", 1);
	fb_force(l, "alpha", NAN);
	expect_error(s, 2, "alpha nan is outside [0, 1]");
	fb_set(l, "alpha", 1);
	fb_force(l, "color", 0x1000000);
	expect_error(s, 2, "color 0x1000000 is not 0xRRGGBB");
	fb_set(l, "color", 0);
	fb_set(l, "y", 1);
	expect_error(s, 2, "axes 0 line 0: x has 3 points but y has 2");
	fb_set(l, "x", SPR_NO_SERIES);
	s[1].v = NULL;
	expect_error(s, 2, "axes 0 line 0: series has no data");
	s[1].v = v;
	/* a kind's own rule, named by the kind */
	spr_item *b = spr_axes_add(&ax, &box_kind);
	fb_set(b, "x0", 2);
	expect_error(s, 2, "axes 0 box 1: x0 2 is not left of x1 1");
	fb_set(b, "x0", 0);
	fb_set(b, "ref", 5);
	expect_error(s, 2, "axes 0 box 1: series 5 does not exist");
	fb_set(b, "ref", SPR_NO_SERIES);
	fb_text(b, "label", "seventeen bytes!!");
	expect_error(s, 2, "axes 0 box 1: label is longer than 16 bytes");
}

/* A 2-D series (the C API's shmplot_data_set_shape) where a 1-D one is
 * expected is refused, and drawn once it is 1-D. */
static void test_render_refuses_2d_series(void **state)
{
	double v[6] = {1, 2, 3, 4, 5, 6};
	spr_series s[2] = {{v, 6}, {v, 6, 3}};
	spr_axes_info in;
	char err[256] = "";
	cairo_surface_t *out;

	(void)state;
	fb_line(&ax, 0, 1, NULL);
	expect_error(s, 2,
		     "axes 0 line 0: y: series 1 is 2-D (2 x 3); a 1-D series "
		     "is expected");
	s[1].cols = 0;
	out = render(s, 2, &in, err, sizeof err);
	assert_non_null(out);
	cairo_surface_destroy(out);
}

static void test_figure_points(void **state)
{
	double v[5] = {0};
	spr_series s[3] = {{v, 5}, {v, 3}, {v, 2}};
	spr_figure fig = {.rows = 1, .cols = 1, .axes = &ax};

	(void)state;
	fb_line(&ax, 0, 1, NULL);
	fb_line(&ax, SPR_NO_SERIES, 2, NULL);
	fb_line(&ax, SPR_NO_SERIES, 9, NULL); /* no such series: 0 */
	fb_set(spr_axes_add(&ax, &box_kind), "ref", 1);
	/* each item its longest series */
	assert_int_equal(spr_figure_points(&fig, s, 3), 5 + 2 + 0 + 3);
}

static int font_releases;

static void count_release(void *ctx)
{
	font_releases++;
	free(ctx);
}

static void test_font_from_bytes(void **state)
{
	unsigned char junk[64];
	spr_font *f = NULL;
	char err[256];
	void *bytes = malloc(sizeof junk);

	(void)state;
	memset(junk, 'x', sizeof junk);
	memcpy(bytes, junk, sizeof junk);
	/* not a font: refused, and the bytes stay the caller's */
	assert_int_equal(spr_font_new(bytes, sizeof junk, "junk.ttf",
				      count_release, bytes, &f, err,
				      sizeof err),
			 -1);
	assert_null(f);
	assert_int_equal(font_releases, 0);
	assert_non_null(strstr(err, "junk.ttf"));
	free(bytes);
	assert_int_equal(
	    spr_font_new(NULL, 0, "none", NULL, NULL, &f, err, sizeof err), -1);
	/* a font: its bytes are released once, when it goes */
	FILE *fp = fopen(SHMPLOT_DEFAULT_FONT, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long len = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	bytes = malloc((size_t)len);
	assert_int_equal(fread(bytes, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	assert_int_equal(spr_font_new(bytes, (size_t)len, "dejavu",
				      count_release, bytes, &f, err,
				      sizeof err),
			 0);
	assert_string_equal(spr_font_path(f), "dejavu");
	spr_font_free(f);
	assert_int_equal(font_releases, 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, free_items)
	const struct CMUnitTest tests[] = {
	    T(test_kind_table),
	    T(test_line_defaults),
	    T(test_value_rules),
	    T(test_copy_is_deep),
	    T(test_bad_fields),
	    T(test_colors_and_cycles),
	    T(test_sticky_autoscale),
	    T(test_items_that_do_not_scale),
	    T(test_legend_handles),
	    T(test_render_checks_items),
	    T(test_figure_points),
	    T(test_font_from_bytes),
	    T(test_render_refuses_2d_series),
	};
	ax.legend = SPR_LEG_NONE;
	return cmocka_run_group_tests(tests, setup, teardown);
}
