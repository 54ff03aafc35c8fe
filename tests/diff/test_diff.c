/* SPDX-License-Identifier: MIT */
/*
 * Tests for the image diff (include/shmplot/diff.h, src/diff/) through
 * the public API. Test images are drawn here with cairo and written with
 * libpng, so the cases the anchors get wrong are explicit in code: a missing
 * 5 x 5 marker, a half-pixel shift, a line-width change, metadata-only
 * differences.
 *
 * `test_diff --fixtures DIR` writes the same images as files for the CLI
 * tests instead of running the unit tests.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <shmplot/diff.h>

#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define W 120
#define H 80

/* An RGBA8 image (not premultiplied), W x H unless said otherwise. */
typedef struct img {
	int w, h;
	unsigned char *px;
} img;

struct scene {
	double shift_y;    /* moves the curve down by this many pixels */
	double line_width; /* pixels */
	int marker;        /* draw the 5 x 5 marker */
};

static const struct scene BASE = {0.0, 2.08, 1};

/* A plot-like picture: white, a blue polyline, a black 5x5 marker. */
static img draw(struct scene s)
{
	cairo_surface_t *surf =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
	cairo_t *cr = cairo_create(surf);
	img out = {W, H, malloc((size_t)W * H * 4)};

	assert_non_null(out.px);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0x1f / 255.0, 0x77 / 255.0, 0xb4 / 255.0);
	cairo_set_line_width(cr, s.line_width);
	cairo_move_to(cr, 5, 60 + s.shift_y);
	cairo_line_to(cr, 40, 20.3 + s.shift_y);
	cairo_line_to(cr, 75, 50.6 + s.shift_y);
	cairo_line_to(cr, 115, 35.2 + s.shift_y);
	cairo_stroke(cr);
	if (s.marker) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_rectangle(cr, 90, 60, 5, 5);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(surf);
	/* ARGB32 is native-endian premultiplied; everything here is opaque. */
	unsigned char *data = cairo_image_surface_get_data(surf);
	int stride = cairo_image_surface_get_stride(surf);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint32_t v;
			memcpy(&v, data + (size_t)y * stride + x * 4, 4);
			unsigned char *p = out.px + ((size_t)y * W + x) * 4;
			p[0] = (unsigned char)(v >> 16);
			p[1] = (unsigned char)(v >> 8);
			p[2] = (unsigned char)v;
			p[3] = (unsigned char)(v >> 24);
		}
	cairo_surface_destroy(surf);
	return out;
}

static img copy_img(img a)
{
	img b = a;
	size_t n = (size_t)a.w * a.h * 4;

	b.px = malloc(n);
	assert_non_null(b.px);
	memcpy(b.px, a.px, n);
	return b;
}

/* PNG flavours: the same pixels with different bytes. */
enum flavour {
	PLAIN = 0,
	WITH_METADATA, /* tEXt, tIME, pHYs, gAMA; other zlib level, filter */
	INTERLACED,    /* Adam7 */
};

typedef struct membuf {
	unsigned char *p;
	size_t len;
} membuf;

static void mem_write(png_structp png, png_bytep data, size_t n)
{
	membuf *m = png_get_io_ptr(png);
	m->p = realloc(m->p, m->len + n);
	memcpy(m->p + m->len, data, n);
	m->len += n;
}

static void mem_flush(png_structp png)
{
	(void)png;
}

static membuf encode(img a, enum flavour f)
{
	membuf m = {NULL, 0};
	png_structp png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);

	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng failed to encode a test image");
	png_set_write_fn(png, &m, mem_write, mem_flush);
	png_set_IHDR(png, info, (png_uint_32)a.w, (png_uint_32)a.h, 8,
		     PNG_COLOR_TYPE_RGB_ALPHA,
		     f == INTERLACED ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (f == WITH_METADATA) {
		png_text t[2];
		png_time tm = {2024, 2, 29, 12, 34, 56};
		memset(t, 0, sizeof t);
		t[0].compression = PNG_TEXT_COMPRESSION_NONE;
		t[0].key = (png_charp) "Software";
		t[0].text = (png_charp) "matplotlib version 3.6.3";
		t[1].compression = PNG_TEXT_COMPRESSION_zTXt;
		t[1].key = (png_charp) "Comment";
		t[1].text = (png_charp) "rendered on a Tuesday";
		png_set_text(png, info, t, 2);
		png_set_tIME(png, info, &tm);
		png_set_pHYs(png, info, 3937, 3937, PNG_RESOLUTION_METER);
		png_set_gAMA(png, info, 0.45455);
		png_set_compression_level(png, 1);
		png_set_filter(png, 0, PNG_FILTER_SUB);
	}
	png_write_info(png, info);
	int passes = png_set_interlace_handling(png);
	for (int p = 0; p < passes; p++)
		for (int y = 0; y < a.h; y++)
			png_write_row(png, a.px + (size_t)y * a.w * 4);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return m;
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void write_png(const char *dir, const char *name, img a, enum flavour f)
{
	char path[512];
	membuf m = encode(a, f);

	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_file(path, m.p, m.len);
	free(m.p);
}

/* Compares two images (as PNG buffers) and returns the handle. */
static shmplot_diff *diff_of(img e, img a, const shmplot_diff_opts *o)
{
	shmplot_diff *d;
	char err[256];
	membuf me = encode(e, PLAIN), ma = encode(a, PLAIN);

	assert_int_equal(shmplot_diff_new(&d, o, err, sizeof err), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_buffers(d, me.p, me.len, ma.p, ma.len),
			 SHMPLOT_OK);
	free(me.p);
	free(ma.p);
	return d;
}

static shmplot_diff_verdict verdict_of(img e, img a, const shmplot_diff_opts *o)
{
	shmplot_diff *d = diff_of(e, a, o);
	shmplot_diff_verdict v = shmplot_diff_get(d)->verdict;
	shmplot_diff_free(d);
	return v;
}

static void test_identical_bytes(void **state)
{
	img a = draw(BASE);
	membuf m = encode(a, PLAIN);
	shmplot_diff *d;
	char err[256];

	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_null(shmplot_diff_get(d));
	assert_int_equal(shmplot_diff_buffers(d, m.p, m.len, m.p, m.len),
			 SHMPLOT_OK);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_IDENTICAL);
	assert_true(r->same_bytes);
	assert_int_equal(r->diff_pixels, 0);
	assert_false(r->tolerance_unused);
	assert_int_equal(r->expected_width, W);
	assert_int_equal(r->actual_height, H);
	assert_true(r->rms == 0.0);
	shmplot_diff_free(d);
	free(m.p);
	free(a.px);
}

/* PNG metadata, compression, filters and interlacing never matter. */
static void test_same_pixels_other_metadata(void **state)
{
	img a = draw(BASE);
	membuf plain = encode(a, PLAIN);
	shmplot_diff *d;
	char err[256];

	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	for (enum flavour f = WITH_METADATA; f <= INTERLACED; f++) {
		membuf other = encode(a, f);
		assert_true(other.len != plain.len ||
			    memcmp(other.p, plain.p, plain.len) != 0);
		assert_int_equal(shmplot_diff_buffers(d, plain.p, plain.len,
						      other.p, other.len),
				 SHMPLOT_OK);
		const shmplot_diff_result *r = shmplot_diff_get(d);
		assert_int_equal(r->verdict, SHMPLOT_DIFF_IDENTICAL);
		assert_false(r->same_bytes);
		free(other.p);
	}
	shmplot_diff_free(d);
	free(plain.p);
	free(a.px);
}

/* Fully transparent pixels are equal whatever their colour. */
static void test_transparent_pixels_equal(void **state)
{
	unsigned char e[2 * 4] = {10, 20, 30, 0, 1, 2, 3, 255};
	unsigned char a[2 * 4] = {200, 0, 99, 0, 1, 2, 3, 255};
	shmplot_diff *d;
	char err[256];

	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_pixels(d, e, 2, 1, 8, a, 2, 1, 8),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_IDENTICAL);
	/* ... but not when they are visible. */
	e[3] = a[3] = 255;
	assert_int_equal(shmplot_diff_pixels(d, e, 2, 1, 8, a, 2, 1, 8),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(shmplot_diff_get(d)->max_delta, 190);
	shmplot_diff_free(d);
}

static void test_one_pixel(void **state)
{
	img e = draw(BASE), a = copy_img(e);
	unsigned char *p = a.px + ((size_t)10 * W + 17) * 4;
	shmplot_diff_opts o;

	p[0] = p[1] = p[2] = 200; /* a light grey speck on white */
	shmplot_diff *d = diff_of(e, a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(r->diff_pixels, 1);
	assert_int_equal(r->aa_pixels, 0);
	assert_int_equal(r->max_delta, 55);
	assert_int_equal(r->bbox_x, 17);
	assert_int_equal(r->bbox_y, 10);
	assert_int_equal(r->bbox_w, 1);
	assert_int_equal(r->bbox_h, 1);
	assert_int_equal(r->window_pixels, 1);
	assert_true(r->window_x <= 17 && r->window_x + r->window > 17);
	assert_true(r->rms > 0 && r->rms < 1);

	/* The diff image marks it in the "more ink" colour on grey. */
	unsigned char *png;
	size_t len;
	assert_int_equal(shmplot_diff_image_png(d, &png, &len), SHMPLOT_OK);
	shmplot_diff *back;
	char err[256];
	assert_int_equal(shmplot_diff_new(&back, NULL, err, sizeof err),
			 SHMPLOT_OK);
	/* Decode it through the diff itself: compare with a copy of itself
	 * to get at nothing but the size. */
	assert_int_equal(shmplot_diff_buffers(back, png, len, png, len),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_get(back)->expected_width, W);
	shmplot_diff_free(back);
	free(png);

	/* The panel is bigger than three images and encodes. */
	assert_int_equal(shmplot_diff_panel_png(d, &png, &len), SHMPLOT_OK);
	assert_true(len > 0);
	free(png);
	shmplot_diff_free(d);

	/* Tolerated only when both gates allow it. */
	shmplot_diff_opts_init(&o);
	o.max_delta = 55;
	o.max_pixels = 1;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_WITHIN_TOLERANCE);
	o.max_delta = 54;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	o.max_delta = 255;
	o.max_pixels = 0;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	free(e.px);
	free(a.px);
}

/* The anchors' worst case: RMS passes it, we never do by default. */
static void test_missing_marker(void **state)
{
	img e = draw(BASE);
	struct scene s = BASE;
	s.marker = 0;
	img a = draw(s);
	shmplot_diff_opts o;

	shmplot_diff *d = diff_of(e, a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_int_equal(r->diff_pixels, 25);
	assert_int_equal(r->aa_pixels, 0);
	assert_int_equal(r->max_delta, 255);
	assert_int_equal(r->bbox_x, 90);
	assert_int_equal(r->bbox_y, 60);
	assert_int_equal(r->bbox_w, 5);
	assert_int_equal(r->bbox_h, 5);
	assert_int_equal(r->window_pixels, 25);
	/* RMS is reported, never a gate: 25 black-to-white pixels. */
	double rms = sqrt(25.0 * 3 * 255 * 255 / (W * H * 4.0));
	assert_true(fabs(r->rms - rms) < 1e-9);
	shmplot_diff_free(d);

	/* Forgiving anti-aliasing does not forgive a missing marker... */
	shmplot_diff_opts_init(&o);
	o.aa = SHMPLOT_DIFF_AA_FORGIVE;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	/* ... nor does a channel tolerance short of 255 ... */
	o.max_delta = 254;
	o.max_pixels = UINT64_MAX;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	/* ... nor a pixel budget short of the marker. */
	o.max_delta = 255;
	o.max_pixels = 24;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	free(e.px);
	free(a.px);
}

static void test_half_pixel_shift(void **state)
{
	img e = draw(BASE);
	struct scene s = BASE;
	s.shift_y = 0.5;
	img a = draw(s);
	shmplot_diff_opts o;

	shmplot_diff *d = diff_of(e, a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	/* Exact by default: a shift is a change. */
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	assert_true(r->diff_pixels > 50);
	/* Most of it looks like anti-aliasing, and is reported as such. */
	print_message("shift: %llu px, %llu aa, max delta %u\n",
		      (unsigned long long)r->diff_pixels,
		      (unsigned long long)r->aa_pixels, r->max_delta);
	assert_true(r->aa_pixels * 4 >= r->diff_pixels * 3);
	shmplot_diff_free(d);

	/* Forgiving anti-aliasing, and 100 other pixels: passes (the same
	 * tolerance fails the line-width change below). */
	shmplot_diff_opts_init(&o);
	o.aa = SHMPLOT_DIFF_AA_FORGIVE;
	o.max_delta = 255;
	o.max_pixels = 100;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_WITHIN_TOLERANCE);
	free(e.px);
	free(a.px);
}

/* pixelmatch forgives this as anti-aliasing; we must not. */
static void test_line_width_change(void **state)
{
	img e = draw(BASE);
	struct scene s = BASE;
	s.line_width = 1.74; /* 1.5 pt -> 1.25 pt at 100 dpi */
	img a = draw(s);
	shmplot_diff_opts o;

	shmplot_diff *d = diff_of(e, a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_DIFFERENT);
	print_message("width: %llu px, %llu aa, max delta %u, rms %.3f\n",
		      (unsigned long long)r->diff_pixels,
		      (unsigned long long)r->aa_pixels, r->max_delta, r->rms);
	uint64_t n = r->diff_pixels;
	assert_true(n > 100);
	/* Thinner line: less ink nearly everywhere, hardly any AA. */
	assert_true(r->aa_pixels * 10 < n);
	shmplot_diff_free(d);

	/* Forgiving AA, with the budget that passes the shift: still fails.
	 * (pixelmatch's detector alone calls all but ~25 of these pixels
	 * anti-aliasing, so it would pass.) */
	shmplot_diff_opts_init(&o);
	o.aa = SHMPLOT_DIFF_AA_FORGIVE;
	o.max_delta = 255;
	o.max_pixels = 100;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	/* An explicit budget covering every pixel does tolerate it. */
	o.aa = SHMPLOT_DIFF_AA_REPORT;
	o.max_pixels = n;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_WITHIN_TOLERANCE);
	o.max_pixels = n - 1;
	assert_int_equal(verdict_of(e, a, &o), SHMPLOT_DIFF_DIFFERENT);
	free(e.px);
	free(a.px);
}

static void test_size_mismatch(void **state)
{
	img e = draw(BASE);
	img a = {W - 1, H, malloc((size_t)(W - 1) * H * 4)};
	unsigned char *png;
	size_t len;

	memset(a.px, 255, (size_t)(W - 1) * H * 4);
	shmplot_diff *d = diff_of(e, a, NULL);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->verdict, SHMPLOT_DIFF_SIZE_MISMATCH);
	assert_int_equal(r->expected_width, W);
	assert_int_equal(r->actual_width, W - 1);
	assert_int_equal(shmplot_diff_image_png(d, &png, &len),
			 SHMPLOT_E_STATE);
	assert_null(png);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "size"));
	assert_int_equal(shmplot_diff_panel_png(d, &png, &len), SHMPLOT_OK);
	free(png);
	shmplot_diff_free(d);
	free(e.px);
	free(a.px);
}

static void test_tolerance_unused(void **state)
{
	img e = draw(BASE);
	shmplot_diff_opts o;

	shmplot_diff_opts_init(&o);
	o.max_pixels = 30;
	shmplot_diff *d = diff_of(e, e, &o);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_IDENTICAL);
	assert_true(shmplot_diff_get(d)->tolerance_unused);
	shmplot_diff_free(d);
	shmplot_diff_opts_init(&o);
	d = diff_of(e, e, &o);
	assert_false(shmplot_diff_get(d)->tolerance_unused);
	shmplot_diff_free(d);
	free(e.px);
}

static void test_files_and_errors(void **state)
{
	char dir[] = "/tmp/shmplot-imgdiff-XXXXXX", good[96], missing[96],
	     corrupt[96], truncated[96], out[96];
	img e = draw(BASE);
	membuf m = encode(e, PLAIN);
	shmplot_diff *d;
	char err[256];

	assert_non_null(mkdtemp(dir));
	snprintf(good, sizeof good, "%s/good.png", dir);
	snprintf(missing, sizeof missing, "%s/missing.png", dir);
	snprintf(corrupt, sizeof corrupt, "%s/corrupt.png", dir);
	snprintf(truncated, sizeof truncated, "%s/truncated.png", dir);
	snprintf(out, sizeof out, "%s/diff.png", dir);
	write_file(good, m.p, m.len);
	write_file(truncated, m.p, m.len / 2);
	m.p[m.len / 2] ^= 0xff;
	write_file(corrupt, m.p, m.len);

	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_files(d, good, good), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_get(d)->verdict, SHMPLOT_DIFF_IDENTICAL);
	assert_true(shmplot_diff_get(d)->same_bytes);
	assert_int_equal(shmplot_diff_write_image(d, out), SHMPLOT_OK);
	assert_int_equal(access(out, R_OK), 0);

	assert_int_equal(shmplot_diff_files(d, missing, good),
			 SHMPLOT_E_NOT_FOUND);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_EXPECTED);
	assert_null(shmplot_diff_get(d));
	assert_non_null(strstr(shmplot_diff_errmsg(d), missing));

	assert_int_equal(shmplot_diff_files(d, good, missing),
			 SHMPLOT_E_NOT_FOUND);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_ACTUAL);

	assert_int_equal(shmplot_diff_files(d, good, corrupt), SHMPLOT_E_PNG);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_ACTUAL);
	assert_non_null(strstr(shmplot_diff_errmsg(d), corrupt));
	print_message("corrupt: %s\n", shmplot_diff_errmsg(d));

	assert_int_equal(shmplot_diff_files(d, truncated, good), SHMPLOT_E_PNG);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_EXPECTED);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "truncated"));
	print_message("truncated: %s\n", shmplot_diff_errmsg(d));

	/* No comparison now: no diff image. */
	unsigned char *png;
	size_t len;
	assert_int_equal(shmplot_diff_image_png(d, &png, &len),
			 SHMPLOT_E_STATE);

	/* Writing into a missing directory. */
	char bad[128];
	snprintf(bad, sizeof bad, "%s/nodir/diff.png", dir);
	assert_int_equal(shmplot_diff_files(d, good, good), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_write_panel(d, bad), SHMPLOT_E_IO);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_OUTPUT);
	assert_non_null(strstr(shmplot_diff_errmsg(d), bad));

	shmplot_diff_free(d);
	unlink(good);
	unlink(corrupt);
	unlink(truncated);
	unlink(out);
	rmdir(dir);
	free(m.p);
	free(e.px);
}

/*
 * Inputs that are not regular files are refused without blocking (a FIFO
 * with no writer would block a plain open), a file over max_file_bytes is
 * over a reader limit, and writing leaves no temporary file behind.
 */
static void test_file_inputs(void **state)
{
	char dir[] = "/tmp/shmplot-imgdiff-XXXXXX", good[96], fifo[96], out[96];
	img e = draw(BASE);
	membuf m = encode(e, PLAIN);
	shmplot_diff_opts o;
	shmplot_diff *d;

	assert_non_null(mkdtemp(dir));
	snprintf(good, sizeof good, "%s/good.png", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo.png", dir);
	snprintf(out, sizeof out, "%s/panel.png", dir);
	write_file(good, m.p, m.len);
	assert_int_equal(mkfifo(fifo, 0600), 0);

	shmplot_diff_opts_init(&o);
	o.max_file_bytes = m.len;
	assert_int_equal(shmplot_diff_new(&d, &o, NULL, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_files(d, good, dir), SHMPLOT_E_IO);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_ACTUAL);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "not a regular file"));
	assert_int_equal(shmplot_diff_files(d, fifo, good), SHMPLOT_E_IO);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_EXPECTED);
	assert_int_equal(shmplot_diff_files(d, NULL, good), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_diff_files(d, good, good), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_write_panel(d, NULL), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_OUTPUT);
	assert_int_equal(shmplot_diff_write_panel(d, out), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_write_panel(d, out), SHMPLOT_OK);
	shmplot_diff_free(d);

	/* One byte over the limit. */
	o.max_file_bytes = m.len - 1;
	assert_int_equal(shmplot_diff_new(&d, &o, NULL, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_diff_files(d, good, good), SHMPLOT_E_PNG);
	assert_non_null(strstr(shmplot_diff_errmsg(d), "the limit is"));
	shmplot_diff_free(d);

	/* good.png, fifo.png and panel.png: nothing else. */
	DIR *dh = opendir(dir);
	int n = 0;
	assert_non_null(dh);
	for (struct dirent *de; (de = readdir(dh));)
		if (de->d_name[0] != '.' || strlen(de->d_name) > 2)
			n++;
	closedir(dh);
	assert_int_equal(n, 3);
	unlink(good);
	unlink(fifo);
	unlink(out);
	rmdir(dir);
	free(m.p);
	free(e.px);
}

static void test_bad_options(void **state)
{
	shmplot_diff_opts o;
	shmplot_diff *d = (shmplot_diff *)&o;
	char err[128] = "";

	shmplot_diff_opts_init(&o);
	o.max_delta = 256;
	assert_int_equal(shmplot_diff_new(&d, &o, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_null(d);
	assert_non_null(strstr(err, "max_delta"));
	shmplot_diff_opts_init(&o);
	o.window = 0;
	assert_int_equal(shmplot_diff_new(&d, &o, NULL, 0), SHMPLOT_E_INVALID);
	shmplot_diff_opts_init(&o);
	o.max_side = 65537;
	assert_int_equal(shmplot_diff_new(&d, &o, NULL, 0), SHMPLOT_E_INVALID);
	shmplot_diff_opts_init(&o);
	o.max_total_pixels = (uint64_t)UINT32_MAX + 1;
	assert_int_equal(shmplot_diff_new(&d, &o, NULL, 0), SHMPLOT_E_INVALID);
	shmplot_diff_free(NULL);
	assert_string_equal(
	    shmplot_diff_verdict_str(SHMPLOT_DIFF_SIZE_MISMATCH),
	    "size-mismatch");
}

/* Raw pixels with padding in the rows, as shmplot_results_pixels() may
 * return them. */
static void test_pixels_stride(void **state)
{
	unsigned char e[2 * 12], a[2 * 12];
	shmplot_diff *d;
	char err[128];

	memset(e, 255, sizeof e);
	memset(a, 255, sizeof a);
	a[8] = a[9] = a[10] = 0; /* padding: ignored */
	a[12 + 4] = 0;           /* (1, 1) red channel */
	assert_int_equal(shmplot_diff_new(&d, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_diff_pixels(d, e, 2, 2, 12, a, 2, 2, 12),
			 SHMPLOT_OK);
	const shmplot_diff_result *r = shmplot_diff_get(d);
	assert_int_equal(r->diff_pixels, 1);
	assert_int_equal(r->bbox_x, 1);
	assert_int_equal(r->bbox_y, 1);
	assert_int_equal(shmplot_diff_pixels(d, e, 2, 2, 7, a, 2, 2, 12),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_diff_errinput(d), SHMPLOT_DIFF_INPUT_EXPECTED);
	shmplot_diff_free(d);
}

/* Files for the CLI and CMake-helper tests. */
static int write_fixtures(const char *dir)
{
	struct scene s;
	img base = draw(BASE);

	mkdir(dir, 0777);
	write_png(dir, "base.png", base, PLAIN);
	write_png(dir, "base-metadata.png", base, WITH_METADATA);
	img one = copy_img(base);
	unsigned char *p = one.px + ((size_t)10 * W + 17) * 4;
	p[0] = p[1] = p[2] = 200;
	write_png(dir, "one-pixel.png", one, PLAIN);
	s = BASE;
	s.marker = 0;
	img nomarker = draw(s);
	write_png(dir, "no-marker.png", nomarker, PLAIN);
	s = BASE;
	s.shift_y = 0.5;
	img shifted = draw(s);
	write_png(dir, "shifted.png", shifted, PLAIN);
	s = BASE;
	s.line_width = 1.74;
	img thin = draw(s);
	write_png(dir, "thin.png", thin, PLAIN);
	img narrow = {W - 1, H, malloc((size_t)(W - 1) * H * 4)};
	assert_non_null(narrow.px);
	for (int y = 0; y < H; y++)
		memcpy(narrow.px + (size_t)y * (W - 1) * 4,
		       base.px + (size_t)y * W * 4, (size_t)(W - 1) * 4);
	write_png(dir, "narrow.png", narrow, PLAIN);
	free(narrow.px);

	char path[512];
	membuf m = encode(base, PLAIN);
	snprintf(path, sizeof path, "%s/truncated.png", dir);
	write_file(path, m.p, m.len / 2);
	m.p[m.len / 2] ^= 0xff;
	snprintf(path, sizeof path, "%s/corrupt.png", dir);
	write_file(path, m.p, m.len);
	snprintf(path, sizeof path, "%s/not-a-png.png", dir);
	write_file(path, "hello\n", 6);
	free(m.p);
	free(base.px);
	free(one.px);
	free(nomarker.px);
	free(shifted.px);
	free(thin.px);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--fixtures") == 0)
		return write_fixtures(argv[2]);

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_identical_bytes),
	    cmocka_unit_test(test_same_pixels_other_metadata),
	    cmocka_unit_test(test_transparent_pixels_equal),
	    cmocka_unit_test(test_one_pixel),
	    cmocka_unit_test(test_missing_marker),
	    cmocka_unit_test(test_half_pixel_shift),
	    cmocka_unit_test(test_line_width_change),
	    cmocka_unit_test(test_size_mismatch),
	    cmocka_unit_test(test_tolerance_unused),
	    cmocka_unit_test(test_files_and_errors),
	    cmocka_unit_test(test_file_inputs),
	    cmocka_unit_test(test_bad_options),
	    cmocka_unit_test(test_pixels_stride),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
