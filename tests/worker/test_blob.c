/* SPDX-License-Identifier: MIT */
/*
 * The batch description spawned workers read (src/worker/blob.c): figures
 * of every setting survive a round trip byte for byte, every damaged
 * description is refused with a status (never a crash: ASan and the fuzz
 * target watch), values are checked by the figure API's rules, and an
 * item of any kind crosses by its field descriptors alone, checked here
 * with a kind of the test's own that has a field of every type. And the
 * font a batch names: read once, owned by the font.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "figure/figure.h"
#include "item.h"
#include "worker/worker.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything a test made, freed by the teardown whatever failed. */
static shmplot_figure *figs[3];
static unsigned char *bufs[2];
static sp_blob *dec;
static spr_item items[2];

static int free_all(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		shmplot_figure_free(figs[i]);
		figs[i] = NULL;
	}
	for (int i = 0; i < 2; i++) {
		free(bufs[i]);
		bufs[i] = NULL;
		spr_item_free(&items[i]);
	}
	sp_blob_free(dec);
	dec = NULL;
	return 0;
}

/* Three figures that between them set every figure, axes and line
 * setting away from its default. */
static void make_figs(void)
{
	shmplot_axes *ax;
	shmplot_line *l;

	for (int i = 0; i < 3; i++) {
		char name[8];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(
		    shmplot_figure_new(&figs[i], name, 2, 1, 100, NULL, 0),
		    SHMPLOT_OK);
	}
	ax = shmplot_figure_axes(figs[1], 0, 0);
	assert_int_equal(
	    shmplot_axes_plot(ax, SHMPLOT_NO_X, 2, "\xc3\xa9t\xc3\xa9", &l),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_marker(l, SHMPLOT_MARKER_CIRCLE, 0),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_color(l, 0x123456), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_alpha(l, 0.25), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_width(l, 3), SHMPLOT_OK);
	assert_int_equal(shmplot_line_set_style(l, SHMPLOT_LINE_DASHDOT),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_plot(ax, 1, 0, NULL, NULL), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_exact(ax, 1), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_pole_segments(ax, 1), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_grid(ax, 1), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_xlim(ax, -1, 2), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_ylim(ax, 1, 2), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_yscale(ax, SHMPLOT_SCALE_LOG),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_BEST),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_title(ax, "t"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_xlabel(ax, ""), SHMPLOT_OK);
	assert_int_equal(shmplot_figure_set_grid(
			     figs[2], 2, 3, SHMPLOT_SHARE_X | SHMPLOT_SHARE_Y),
			 SHMPLOT_OK);
	ax = shmplot_figure_axes(figs[2], 1, 2);
	assert_int_equal(shmplot_axes_plot(ax, 0, 1, "last", NULL), SHMPLOT_OK);
}

/* The three figures encoded into bufs[0] (*len bytes). */
static void encode(size_t *len)
{
	const spr_figure *specs[3];
	sp_batch b;
	char err[256];

	for (int i = 0; i < 3; i++)
		specs[i] = sp_figure_spec(figs[i]);
	memset(&b, 0, sizeof b);
	b.figs = specs;
	b.nfig = 3;
	b.png_level = 6;
	b.want_pixels = 1;
	b.formats = SHMPLOT_FORMATS_ALL;
	if (sp_blob_encode(&b, "/some/font.ttf", &bufs[0], len, err,
			   sizeof err))
		fail_msg("%s", err);
}

/* dec, encoded again: the very same bytes as bufs[0]'s len. */
static void assert_reencodes_same(size_t len)
{
	sp_batch b2;
	size_t len2;
	char err[256];

	sp_blob_batch(dec, &b2);
	assert_int_equal(sp_blob_encode(&b2, dec->font_path, &bufs[1], &len2,
					err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(bufs[0], bufs[1], len);
}

static void test_round_trip(void **state)
{
	size_t len;
	char err[256];

	(void)state;
	make_figs();
	encode(&len);
	if (sp_blob_decode(bufs[0], len, &dec, err, sizeof err))
		fail_msg("%s", err);
	assert_int_equal(dec->nfig, 3);
	assert_string_equal(dec->font_path, "/some/font.ttf");
	assert_int_equal(dec->png_level, 6);
	assert_int_equal(dec->want_pixels, 1);
	assert_int_equal(dec->formats, SHMPLOT_FORMATS_ALL);
	const spr_axes *a = &dec->figs[1]->axes[0];
	assert_int_equal(a->nitems, 2);
	assert_string_equal(spr_kind_name(a->items[0].kind), "line");
	assert_string_equal(spr_item_label(&a->items[0]), "été");
	assert_null(spr_item_bad_field(&a->items[0]));
	assert_int_equal(a->exact, 1);
	assert_int_equal(a->legend, SPR_LEG_BEST);
	assert_string_equal(a->xlabel, "");
	assert_null(a->ylabel);
	assert_int_equal(dec->figs[2]->rows * dec->figs[2]->cols, 6);
	assert_int_equal(dec->figs[2]->axes[5].nitems, 1);
	assert_reencodes_same(len);
}

static void test_damage_is_refused(void **state)
{
	size_t len;
	char err[256];

	(void)state;
	make_figs();
	encode(&len);
	for (size_t cut = 0; cut < len; cut++) {
		assert_int_equal(
		    sp_blob_decode(bufs[0], cut, &dec, err, sizeof err),
		    SHMPLOT_E_INVALID);
		assert_null(dec);
		assert_non_null(strstr(err, "batch description: "));
	}
	/* every single-byte corruption decodes to something valid or is
	 * refused; what decodes is a figure the API could have built */
	for (size_t i = 0; i < len; i++) {
		unsigned char saved = bufs[0][i];
		bufs[0][i] ^= 0xff;
		if (sp_blob_decode(bufs[0], len, &dec, err, sizeof err) ==
		    SHMPLOT_OK) {
			for (size_t f = 0; f < dec->nfig; f++) {
				const spr_figure *fg = dec->figs[f];
				for (int k = 0; k < fg->rows * fg->cols; k++) {
					const spr_axes *a = &fg->axes[k];
					assert_true(sp_axes_settings_ok(a));
					for (size_t j = 0; j < a->nitems; j++)
						assert_null(spr_item_bad_field(
						    &a->items[j]));
				}
			}
			sp_blob_free(dec);
			dec = NULL;
		}
		bufs[0][i] = saved;
	}
	/* and the undamaged one still decodes */
	assert_int_equal(sp_blob_decode(bufs[0], len, &dec, err, sizeof err),
			 SHMPLOT_OK);
}

/* A kind of the test's own with a field of every type. */
typedef struct all_params {
	double num;
	int en;
	uint32_t color, series, image;
	char *text;
	spr_array arr;
	spr_strings strs;
} all_params;

static const char *const two[] = {"a", "b"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(all_params, m)

static const spr_field all_fields[] = {
    {FIELD("num", SPR_F_NUM, num), .min = -1, .max = 1, .def = 0.5,
     .flags = SPR_FF_AUTO},
    {FIELD("en", SPR_F_INT, en), .min = 0, .max = 1, .def = 1, .names = two},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_PATCHES},
    {FIELD("series", SPR_F_SERIES, series), .def = 7},
    {FIELD("image", SPR_F_SERIES2D, image), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL},
    {FIELD("text", SPR_F_TEXT, text), .maxlen = 8},
    {FIELD("arr", SPR_F_ARRAY, arr), .min = 0, .max = 100, .maxlen = 3},
    {FIELD("strs", SPR_F_STRINGS, strs), .maxlen = 2},
};

static void nothing_drawn(const spr_ctx *r, spr_axes_ctx *a, const void *p,
			  uint32_t color)
{
	(void)r;
	(void)a;
	(void)p;
	(void)color;
}

static const spr_kind all_kind = {
    .name = "all",
    .size = sizeof(all_params),
    .fields = all_fields,
    .nfields = sizeof all_fields / sizeof all_fields[0],
    .draw = nothing_drawn,
};

/* items[0] with every field set away from its default. */
static void make_all(void)
{
	static const double arr[3] = {0, 50.5, 100};
	static const char *const strs[2] = {"x", "ÿ"};
	all_params *p;

	assert_int_equal(spr_item_init(&items[0], &all_kind), 0);
	p = items[0].p;
	p->num = NAN; /* "automatic": allowed here */
	p->en = 0;
	p->color = 0xabcdef;
	p->series = 3;
	p->image = 4;
	assert_int_equal(spr_field_set_text(&all_fields[5], p, "8 bytes!"), 0);
	assert_int_equal(spr_field_set_array(&all_fields[6], p, arr, 3), 0);
	assert_int_equal(spr_field_set_strings(&all_fields[7], p, strs, 2), 0);
}

static void test_any_kind_round_trip(void **state)
{
	size_t len, len2;
	char err[256];
	all_params *q;

	(void)state;
	make_all();
	assert_int_equal(
	    sp_item_encode(&items[0], &bufs[0], &len, err, sizeof err),
	    SHMPLOT_OK);
	/* 8 + 4 * 4 + (4 + 8) + (4 + 3 * 8) + (4 + 4 + 1 + 4 + 2) bytes */
	assert_int_equal(len, 79);
	assert_int_equal(
	    sp_item_decode(bufs[0], len, &all_kind, &items[1], err, sizeof err),
	    SHMPLOT_OK);
	q = items[1].p;
	assert_true(isnan(q->num));
	assert_int_equal(q->en, 0);
	assert_int_equal(q->color, 0xabcdef);
	assert_int_equal(q->series, 3);
	assert_int_equal(q->image, 4);
	assert_string_equal(q->text, "8 bytes!");
	assert_int_equal(q->arr.n, 3);
	assert_true(q->arr.v[1] == 50.5);
	assert_int_equal(q->strs.n, 2);
	assert_string_equal(q->strs.s[1], "ÿ");
	assert_int_equal(
	    sp_item_encode(&items[1], &bufs[1], &len2, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(bufs[0], bufs[1], len);
}

/* Decodes buf after writing v at byte off: refused, naming why. */
static void expect_refused(size_t len, size_t off, const void *v, size_t n,
			   const char *needle)
{
	unsigned char copy[128];
	char err[256] = "";

	assert_true(len <= sizeof copy && off + n <= len);
	memcpy(copy, bufs[0], len);
	memcpy(copy + off, v, n);
	assert_int_equal(
	    sp_item_decode(copy, len, &all_kind, &items[1], err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_null(items[1].p);
	if (!strstr(err, needle))
		fail_msg("'%s' lacks '%s'", err, needle);
}

static void test_any_kind_values_checked(void **state)
{
	size_t len;
	char err[256];
	double two_ = 2, nan_ = NAN;
	int32_t en = 2;
	uint32_t col = 0x1000000, none = SPR_NO_SERIES, n9 = 9;
	unsigned char bad_utf8[2] = {0xc3, 0x28};

	(void)state;
	make_all();
	assert_int_equal(
	    sp_item_encode(&items[0], &bufs[0], &len, err, sizeof err),
	    SHMPLOT_OK);
	expect_refused(len, 0, &two_, 8, "out of range (num)");
	expect_refused(len, 8, &en, 4, "out of range (en)");
	expect_refused(len, 12, &col, 4, "out of range (color)");
	expect_refused(len, 16, &none, 4, "out of range (series)");
	/* text: length 8 is the most; a longer one claims bytes beyond */
	expect_refused(len, 24, &n9, 4, "string too long");
	expect_refused(len, 28, bad_utf8, 2, "UTF-8");
	/* the array: 3 values at most, each in [0, 100] */
	expect_refused(len, 36, &n9, 4, "array longer");
	double big = 200;
	expect_refused(len, 40, &big, 8, "array value");
	expect_refused(len, 48, &nan_, 8, "array value");
	/* the strings: 2 at most */
	expect_refused(len, 64, &n9, 4, "string list longer");
	for (size_t cut = 0; cut < len; cut++) {
		assert_int_equal(sp_item_decode(bufs[0], cut, &all_kind,
						&items[1], err, sizeof err),
				 SHMPLOT_E_INVALID);
		assert_null(items[1].p);
	}
}

/* a == b, NaN and NaN alike */
static int same(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/* A value of f that is not its default and that f accepts. */
static double other_value(const spr_field *f)
{
	double lo = f->min, hi = f->max;
	switch (f->type) {
	case SPR_F_NUM:
	case SPR_F_INT:
		if (!isfinite(lo) || !isfinite(hi))
			return f->def + 1.5;
		return f->def != hi ? hi : lo;
	case SPR_F_COLOR:
		return 0x123456;
	default:
		return 7; /* a series */
	}
}

/* Every kind of the renderer's table crosses to a spawned worker with
 * every scalar field away from its default, its texts and arrays too. */
static void test_every_kind_round_trip(void **state)
{
	static const double arr[] = {0.5};
	static const char *const strs[] = {"s"};
	size_t len, len2, nf;
	char err[256];

	(void)state;
	for (size_t k = 0; k < spr_kind_count(); k++) {
		const spr_kind *kind = spr_kind_at(k);
		const spr_field *f = spr_kind_fields(kind, &nf);
		assert_int_equal(spr_item_init(&items[0], kind), 0);
		for (size_t i = 0; i < nf; i++) {
			void *p = items[0].p;
			if (f[i].type == SPR_F_TEXT)
				assert_int_equal(
				    spr_field_set_text(&f[i], p, "t"), 0);
			else if (f[i].type == SPR_F_ARRAY)
				assert_int_equal(
				    spr_field_set_array(&f[i], p, arr, 1), 0);
			else if (f[i].type == SPR_F_STRINGS)
				assert_int_equal(
				    spr_field_set_strings(&f[i], p, strs, 1),
				    0);
			else
				spr_field_set(&f[i], p, other_value(&f[i]));
		}
		assert_null(spr_item_bad_field(&items[0]));
		assert_int_equal(
		    sp_item_encode(&items[0], &bufs[0], &len, err, sizeof err),
		    SHMPLOT_OK);
		if (sp_item_decode(bufs[0], len, kind, &items[1], err,
				   sizeof err))
			fail_msg("%s: %s", spr_kind_name(kind), err);
		for (size_t i = 0; i < nf; i++) {
			if (f[i].type == SPR_F_TEXT)
				assert_string_equal(
				    *(char *const *)spr_field_cptr(&f[i],
								   items[1].p),
				    "t");
			else if (f[i].type < SPR_F_TEXT &&
				 !same(spr_field_get(&f[i], items[1].p),
				       spr_field_get(&f[i], items[0].p)))
				fail_msg("%s %s: %g, not %g",
					 spr_kind_name(kind), f[i].name,
					 spr_field_get(&f[i], items[1].p),
					 spr_field_get(&f[i], items[0].p));
		}
		assert_int_equal(
		    sp_item_encode(&items[1], &bufs[1], &len2, err, sizeof err),
		    SHMPLOT_OK);
		assert_int_equal(len, len2);
		assert_memory_equal(bufs[0], bufs[1], len);
		free_all(NULL);
	}
}

static void test_unlisted_kind_not_encoded(void **state)
{
	const spr_figure *spec;
	spr_axes *a;
	sp_batch b;
	size_t len;
	char err[256];

	(void)state;
	make_figs();
	/* a figure holding an item whose kind the table does not list */
	spec = sp_figure_spec(figs[0]);
	a = &spec->axes[0];
	assert_non_null(spr_axes_add(a, &all_kind));
	memset(&b, 0, sizeof b);
	b.figs = &spec;
	b.nfig = 1;
	assert_int_equal(
	    sp_blob_encode(&b, "f", &bufs[0], &len, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_null(bufs[0]);
	assert_non_null(strstr(err, "kind"));
}

/* The fuzz target's seeds are descriptions of this version: the fuzzer
 * starts from inputs that decode (tests/fuzz/make_seeds.py writes them). */
static void test_fuzz_seeds_decode(void **state)
{
	static const char *const seeds[] = {"empty", "seed", "grid"};
	char path[1024], err[256];

	(void)state;
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		sp_file f;
		snprintf(path, sizeof path, "%s/%s.bin", BLOB_SEEDS_DIR,
			 seeds[i]);
		assert_int_equal(
		    sp_file_read(path, 1 << 20, &f, err, sizeof err),
		    SHMPLOT_OK);
		shmplot_status st =
		    sp_blob_decode(f.data, f.len, &dec, err, sizeof err);
		sp_file_free(&f);
		if (st)
			fail_msg("%s: %s", seeds[i], err);
		sp_blob_free(dec);
		dec = NULL;
	}
}

/*
 * A "given" flag other than 0 or 1 (the fuzzer's find: the figure options
 * flag 0x25000001) is refused; it decoded as 1 and encoded back as 1, so
 * the bytes did not round-trip.
 */
static void test_flag_not_0_or_1_refused(void **state)
{
	char path[1024], err[256];
	sp_file f;

	(void)state;
	snprintf(path, sizeof path, "%s/options_flag_2.bin", BLOB_SEEDS_DIR);
	assert_int_equal(sp_file_read(path, 1 << 20, &f, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_not_equal(
	    sp_blob_decode(f.data, f.len, &dec, err, sizeof err), SHMPLOT_OK);
	sp_file_free(&f);
	assert_null(dec);
	assert_non_null(strstr(err, "bad figure options flag"));
}

/*
 * The fuzzer's find (CI of 2026-12-03): an axes without margins whose encoded
 * margin is -0.0. The decoder took it for the default +0.0 (they compare
 * equal) and encoded +0.0 back, so the bytes did not round-trip.
 */
static void test_negative_zero_margin_round_trips(void **state)
{
	size_t len;
	char err[256];

	(void)state;
	make_figs();
	spr_axes *a = (spr_axes *)&sp_figure_spec(figs[0])->axes[0];
	assert_int_equal(a->has_margins, 0);
	spr_axes_more *m = spr_axes_more_get(a);
	assert_non_null(m);
	m->margins[1] = -0.0;
	m->aspect = -0.0;
	encode(&len);
	if (sp_blob_decode(bufs[0], len, &dec, err, sizeof err))
		fail_msg("%s", err);
	const spr_axes *d = &dec->figs[0]->axes[0];
	assert_true(signbit(spr_more(d)->margins[1]));
	assert_true(signbit(spr_more(d)->aspect));
	assert_reencodes_same(len);
}

static void test_font_load(void **state)
{
	spr_font *font = (spr_font *)&font;
	char err[256];

	(void)state;
	assert_int_equal(
	    sp_font_load("/nonexistent/font.ttf", &font, err, sizeof err),
	    SHMPLOT_E_FONT);
	assert_null(font);
	assert_non_null(strstr(err, "/nonexistent/font.ttf"));
	/* a file that is not a font */
	assert_int_equal(sp_font_load("/proc/self/exe", &font, err, sizeof err),
			 SHMPLOT_E_FONT);
	assert_null(font);
	assert_int_equal(
	    sp_font_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err),
	    SHMPLOT_OK);
	assert_string_equal(spr_font_path(font), SHMPLOT_DEFAULT_FONT);
	spr_font_free(font); /* the bytes go with it (LSan watches) */
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, free_all)
	const struct CMUnitTest tests[] = {
	    T(test_round_trip),
	    T(test_damage_is_refused),
	    T(test_any_kind_round_trip),
	    T(test_any_kind_values_checked),
	    T(test_every_kind_round_trip),
	    T(test_unlisted_kind_not_encoded),
	    T(test_fuzz_seeds_decode),
	    T(test_flag_not_0_or_1_refused),
	    T(test_negative_zero_margin_round_trips),
	    T(test_font_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
