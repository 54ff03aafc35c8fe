/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/png/encode.c, the PNG encoder: at the default and at every
 * zlib level it writes a file that the reader (src/png/decode.c) decodes
 * back to the surface's pixels exactly, with its chunks in order, and the
 * bytes do not depend on what the process did before (heap and stack left
 * dirty differently, other images encoded in between): the contract that
 * equal inputs give byte-identical PNGs. An image deflated in stripes,
 * apart, assembles into the very same bytes.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "png/decode.h"
#include "png/encode.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A splitmix64 stream, so the noise is the same on every run. */
static uint64_t rng_state;

static uint32_t rng(void)
{
	return tu_splitmix(&rng_state);
}

enum pattern { P_PLOT, P_NOISE, P_GRADIENT };

/*
 * A w x h RGB24 surface: P_PLOT is white with a few lines and a block of
 * noise (like a figure), P_NOISE incompressible, P_GRADIENT every channel
 * varying.
 */
static cairo_surface_t *make_surface(int w, int h, enum pattern pat)
{
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	rng_state = (uint64_t)w * 1000003u + (uint64_t)h * 7u + pat;
	for (int y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			uint32_t v = 0xffffff;
			if (pat == P_NOISE)
				v = rng() & 0xffffff;
			else if (pat == P_GRADIENT)
				v = (uint32_t)((x * 255 / w) << 16 |
					       (y * 255 / h) << 8 |
					       ((x + y) & 0xff));
			else if (y == h / 3 || x == w / 4 ||
				 (x + 2 * y) % 97 == 0)
				v = 0x1f77b4;
			else if (x > w / 2 && x < w / 2 + 40 && y > h / 2 &&
				 y < h / 2 + 20)
				v = rng() & 0xffffff;
			row[x] = v;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * The file's chunks are IHDR, pHYs, IDAT... (consecutive), IEND; returns
 * the number of IDAT chunks.
 */
static int check_chunks(const unsigned char *p, size_t len)
{
	static const unsigned char sig[8] = {137, 80, 78, 71, 13, 10, 26, 10};
	assert_true(len > 8);
	assert_memory_equal(p, sig, 8);
	size_t i = 8;
	int n = 0, idats = 0, ended = 0;
	while (i + 12 <= len) {
		uint32_t clen = be32(p + i);
		const unsigned char *type = p + i + 4;
		assert_true(i + 12 + (size_t)clen <= len);
		if (n == 0)
			assert_memory_equal(type, "IHDR", 4);
		else if (n == 1)
			assert_memory_equal(type, "pHYs", 4);
		if (memcmp(type, "IDAT", 4) == 0) {
			assert_int_equal(idats, n - 2); /* consecutive */
			idats++;
		}
		if (memcmp(type, "IEND", 4) == 0) {
			assert_int_equal(clen, 0);
			ended = 1;
		}
		i += 12 + (size_t)clen;
		n++;
	}
	assert_int_equal(i, len);
	assert_true(ended);
	assert_true(idats >= 1);
	return idats;
}

/* The decoded file has exactly the surface's pixels, opaque. */
static void check_pixels(cairo_surface_t *s, const unsigned char *png,
			 size_t len)
{
	spd_png_limits lim = {65536, 100000000u, (size_t)1 << 30,
			      (size_t)1 << 20};
	spd_image img;
	char err[256] = "";
	if (spd_png_decode(png, len, &lim, &img, err, sizeof err) != SHMPLOT_OK)
		fail_msg("decode: %s", err);
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	assert_int_equal(img.width, w);
	assert_int_equal(img.height, h);
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		const uint32_t *row =
		    (const uint32_t *)(const void *)(d + (size_t)y * stride);
		const unsigned char *o = img.px + (size_t)y * img.stride;
		for (int x = 0; x < w; x++) {
			uint32_t v = row[x];
			unsigned char want[4] = {(unsigned char)(v >> 16),
						 (unsigned char)(v >> 8),
						 (unsigned char)v, 255};
			if (memcmp(o + 4 * (size_t)x, want, 4) != 0)
				fail_msg("pixel %d,%d differs", x, y);
		}
	}
	spd_image_clear(&img);
}

/*
 * What a test holds, so that teardown frees whatever an assertion left
 * behind: surfaces, PNG buffers and the stripes of one image.
 */
typedef struct held {
	cairo_surface_t *s[3];
	unsigned char *png[3];
	sp_png_part *parts;
	int nparts;
} held;

static int setup(void **state)
{
	*state = calloc(1, sizeof(held));
	return *state ? 0 : -1;
}

static void free_parts(held *h)
{
	for (int i = 0; h->parts && i < h->nparts; i++)
		sp_png_part_free(&h->parts[i]);
	free(h->parts);
	h->parts = NULL;
	h->nparts = 0;
}

static void free_surface(cairo_surface_t **s)
{
	if (*s)
		cairo_surface_destroy(*s);
	*s = NULL;
}

static void free_png(unsigned char **png)
{
	free(*png);
	*png = NULL;
}

static int teardown(void **state)
{
	held *h = *state;
	for (int i = 0; i < 3; i++) {
		free_surface(&h->s[i]);
		free_png(&h->png[i]);
	}
	free_parts(h);
	free(h);
	return 0;
}

/* Encodes s at zlib level (-1: the default) into *png (freed first). */
static size_t encode(cairo_surface_t *s, int level, unsigned char **png)
{
	char err[256] = "";
	size_t len = 0;
	free_png(png);
	if (sp_png_encode(s, level, 100, png, &len, err, sizeof err) !=
	    SHMPLOT_OK)
		fail_msg("encode: %s", err);
	return len;
}

static const struct {
	int w, h;
	enum pattern pat;
} shapes[] = {
    {1200, 300, P_PLOT},   /* a seed figure's size */
    {1, 1, P_PLOT},        /* the smallest */
    {333, 7, P_GRADIENT},  /* odd width, few rows */
    {400, 900, P_NOISE},   /* incompressible, ~1 MB */
    {32000, 5, P_GRADIENT} /* near cairo's widest */
};

static void test_round_trip(void **state)
{
	held *h = *state;
	static const int levels[] = {-1, 0, 1, 3, 6, 9};
	for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
		free_surface(&h->s[0]);
		h->s[0] = make_surface(shapes[k].w, shapes[k].h, shapes[k].pat);
		for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
			size_t len = encode(h->s[0], levels[l], &h->png[0]);
			int idats = check_chunks(h->png[0], len);
			check_pixels(h->s[0], h->png[0], len);
			/* level 0 stores: at least the raw rows */
			if (levels[l] == 0)
				assert_true(len > (size_t)shapes[k].w *
						      (size_t)shapes[k].h * 3);
			/* noise does not compress: several IDATs */
			if (shapes[k].pat == P_NOISE)
				assert_true(idats > 1);
		}
	}
}

/* Leaves depth KB of stack filled with seed's bytes. */
static __attribute__((noinline)) void dirty_stack(int depth, unsigned seed)
{
	volatile unsigned char junk[1024];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(seed * 31 + i * seed);
	if (depth > 1)
		dirty_stack(depth - 1, seed);
	(void)junk[seed % sizeof junk];
}

/* Frees heap blocks filled with seed's bytes, of sizes like those zlib and
 * libpng allocate, so the encoder's next allocations may get them back
 * dirty. */
static void dirty_heap(unsigned seed)
{
	static const size_t sizes[] = {82 * 1024, 300 * 1024, 130 * 1024,
				       64 * 1024, 4096};
	void *p[sizeof sizes / sizeof *sizes];
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		p[i] = malloc(sizes[i]);
		assert_non_null(p[i]);
		memset(p[i], (int)(seed * 37 + i), sizes[i]);
	}
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		free(p[i]);
}

/*
 * Equal pixels give equal bytes whatever the encoder's memory held before:
 * each image is encoded after the heap and the stack were left dirty with
 * a different pattern, and after encoding other images.
 */
static void test_deterministic(void **state)
{
	held *h = *state;
	h->s[0] = make_surface(1200, 300, P_PLOT);
	h->s[1] = make_surface(200, 100, P_PLOT);
	h->s[2] = make_surface(400, 900, P_NOISE);
	size_t first_len[3];
	for (int i = 0; i < 3; i++)
		first_len[i] = encode(h->s[i], -1, &h->png[i]);
	unsigned char *again = NULL;
	for (unsigned round = 1; round <= 12; round++) {
		for (int i = 0; i < 3; i++) {
			int k = (int)(round + (unsigned)i) % 3;
			dirty_heap(round * 3 + (unsigned)i);
			dirty_stack(200, round * 3 + (unsigned)i);
			size_t len = encode(h->s[k], -1, &again);
			int same = len == first_len[k] &&
				   memcmp(again, h->png[k], len) == 0;
			free_png(&again);
			if (!same)
				fail_msg("round %u: image %d encoded to other "
					 "bytes (%zu, first %zu)",
					 round, k, len, first_len[k]);
		}
	}
}

/*
 * Stripes deflated apart, in reverse order, each from its own copy of the
 * surface with the heap dirtied in between, assemble into exactly
 * sp_png_encode()'s bytes: what lets workers share one figure's encode
 * (src/pool/stripes.c) and still write the same file.
 */
static void test_stripes_assemble_to_the_same_bytes(void **state)
{
	held *h = *state;
	static const int levels[] = {-1, 0, 6};
	char err[256];
	for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
		int w = shapes[k].w, ht = shapes[k].h;
		free_surface(&h->s[0]);
		h->s[0] = make_surface(w, ht, shapes[k].pat);
		int n = sp_png_stripes(w, ht);
		assert_true(n >= 1 && n <= ht);
		/* The stripes cover the rows, none empty. */
		size_t rows = 0;
		for (int i = 0; i < n; i++) {
			size_t len = sp_png_stripe_raw_len(w, ht, i);
			assert_true(len > 0 && len % (1 + 3 * (size_t)w) == 0);
			rows += len / (1 + 3 * (size_t)w);
		}
		assert_int_equal(rows, ht);
		free_parts(h);
		h->parts = calloc((size_t)n, sizeof *h->parts);
		assert_non_null(h->parts);
		h->nparts = n;
		for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
			for (int i = n - 1; i >= 0; i--) {
				free_surface(&h->s[1]);
				h->s[1] = make_surface(w, ht, shapes[k].pat);
				dirty_heap((unsigned)i + 1);
				sp_png_part_free(&h->parts[i]);
				if (sp_png_deflate_stripe(h->s[1], levels[l], i,
							  &h->parts[i], err,
							  sizeof err))
					fail_msg("stripe %d: %s", i, err);
			}
			size_t len, whole_len;
			free_png(&h->png[0]);
			if (sp_png_assemble(w, ht, 100, levels[l], h->parts,
					    &h->png[0], &len, err, sizeof err))
				fail_msg("assemble: %s", err);
			whole_len = encode(h->s[0], levels[l], &h->png[1]);
			if (len != whole_len ||
			    memcmp(h->png[0], h->png[1], len) != 0)
				fail_msg("%d x %d level %d: %d stripes give "
					 "other bytes",
					 w, ht, levels[l], n);
		}
	}
	/* A seed figure is cut in four; a single row cannot be cut. */
	assert_int_equal(sp_png_stripes(1200, 300), 4);
	assert_int_equal(sp_png_stripes(32000, 1), 1);
	/* Never more stripes than rows (wider than cairo allows: 4.8 MB). */
	assert_int_equal(sp_png_stripes(400000, 4), 4);
	assert_int_equal(sp_png_stripes(400000, 3), 3);
	assert_int_equal(sp_png_stripe_raw_len(400000, 3, 2), 1200001);
	/* 5 rows in 4 stripes: 1 or 2 rows each, none empty. */
	assert_int_equal(sp_png_stripes(70000, 5), 4);
	for (int i = 0; i < 4; i++) {
		size_t len = sp_png_stripe_raw_len(70000, 5, i);
		assert_true(len == 210001 || len == 2 * 210001);
	}
}

/* An address no allocation returns: "the call left this alone". */
static char unset_mark;

/* Asking for a stripe that is not there, or assembling without one. */
static void test_stripe_errors(void **state)
{
	held *h = *state;
	char err[256] = "";
	h->s[0] = make_surface(1200, 300, P_PLOT);
	h->parts = calloc(4, sizeof *h->parts);
	assert_non_null(h->parts);
	h->nparts = 4;
	assert_int_equal(sp_png_deflate_stripe(h->s[0], -1, 4, &h->parts[0],
					       err, sizeof err),
			 SHMPLOT_E_PNG);
	assert_non_null(strstr(err, "stripe 4 of 4"));
	assert_null(h->parts[0].z);
	for (int i = 0; i < 4; i++)
		assert_int_equal(sp_png_deflate_stripe(h->s[0], -1, i,
						       &h->parts[i], err,
						       sizeof err),
				 SHMPLOT_OK);
	sp_png_part_free(&h->parts[2]);
	unsigned char *const unset = (unsigned char *)&unset_mark;
	unsigned char *png = unset;
	size_t len = 1;
	shmplot_status st = sp_png_assemble(1200, 300, 100, -1, h->parts, &png,
					    &len, err, sizeof err);
	if (png != unset)
		h->png[0] = png;
	assert_int_equal(st, SHMPLOT_E_PNG);
	assert_non_null(strstr(err, "stripe 2 of 4 is missing"));
	assert_null(png);
	assert_int_equal(len, 0);
}

/*
 * A premultiplied ARGB32 surface (a figure with a clear background) is an
 * RGBA PNG whose straight pixels are the surface's, un-premultiplied to
 * the nearest value: clear, opaque, half and quarter covered.
 */
static void test_argb_round_trip(void **state)
{
	held *h = *state;
	static const struct {
		uint32_t premul;
		unsigned char rgba[4];
	} px[] = {
	    {0x00000000u, {0, 0, 0, 0}},
	    {0xffd62728u, {0xd6, 0x27, 0x28, 255}},
	    {0x80000080u, {0, 0, 255, 128}},
	    {0x40102030u, {64, 128, 191, 64}},
	    {0x01010101u, {255, 255, 255, 1}},
	};
	const size_t n = sizeof px / sizeof *px;
	h->s[0] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)n, 3);
	cairo_surface_flush(h->s[0]);
	unsigned char *d = cairo_image_surface_get_data(h->s[0]);
	int stride = cairo_image_surface_get_stride(h->s[0]);
	for (int y = 0; y < 3; y++)
		for (size_t x = 0; x < n; x++)
			((uint32_t *)(void *)(d + (size_t)y * stride))[x] =
			    px[x].premul;
	cairo_surface_mark_dirty(h->s[0]);
	size_t len = encode(h->s[0], -1, &h->png[0]);
	check_chunks(h->png[0], len);
	/* IHDR colour type 6: RGBA */
	assert_int_equal(h->png[0][8 + 8 + 9], 6);
	spd_png_limits lim = {65536, 100000000u, (size_t)1 << 30,
			      (size_t)1 << 20};
	spd_image img;
	char err[256] = "";
	if (spd_png_decode(h->png[0], len, &lim, &img, err, sizeof err) !=
	    SHMPLOT_OK)
		fail_msg("decode: %s", err);
	for (int y = 0; y < 3; y++)
		for (size_t x = 0; x < n; x++)
			if (memcmp(img.px + (size_t)y * img.stride + 4 * x,
				   px[x].rgba, 4) != 0)
				fail_msg("pixel %zu,%d differs", x, y);
	spd_image_clear(&img);
	/* equal pixels, equal bytes */
	unsigned char *again = NULL;
	size_t len2 = encode(h->s[0], -1, &again);
	assert_int_equal(len2, len);
	assert_memory_equal(again, h->png[0], len);
	free(again);
}

/* RGB24 and ARGB32 surfaces are written, only RGB24 ones in stripes;
 * nothing is allocated else. */
static void test_surface_errors(void **state)
{
	held *h = *state;
	char err[256] = "";
	size_t len = 1;
	unsigned char *const unset = (unsigned char *)&unset_mark;
	unsigned char *png = unset;
	h->s[0] = cairo_image_surface_create(CAIRO_FORMAT_A8, 10, 10);
	shmplot_status st =
	    sp_png_encode(h->s[0], -1, 100, &png, &len, err, sizeof err);
	if (png != unset)
		h->png[0] = png;
	assert_int_equal(st, SHMPLOT_E_PNG);
	assert_non_null(strstr(err, "only RGB24"));
	assert_null(png);
	assert_int_equal(len, 0);
	cairo_surface_destroy(h->s[0]);
	h->s[0] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	sp_png_part part = {unset, 1, 0};
	st = sp_png_deflate_stripe(h->s[0], -1, 0, &part, err, sizeof err);
	if (part.z != unset)
		h->png[1] = part.z;
	assert_int_equal(st, SHMPLOT_E_PNG);
	assert_null(part.z);
	assert_int_equal(part.len, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_round_trip),
	    T(test_deterministic),
	    T(test_stripes_assemble_to_the_same_bytes),
	    T(test_stripe_errors),
	    T(test_argb_round_trip),
	    T(test_surface_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
