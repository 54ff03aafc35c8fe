/* SPDX-License-Identifier: MIT */
/*
 * Measures PNG encoding of the seed figures at each zlib level and filter:
 * median time per figure and the size. This is how SP_PNG_DEFAULT_LEVEL,
 * SP_PNG_MEM_LEVEL and the filter in src/png/encode.c were chosen. Then
 * batch_spec.py's 400 x 300 figure, an image of one stripe, through zlib's
 * segments and through libdeflate's whole image at each level: why such
 * an image is deflated by libdeflate.
 *
 *   png_levels [REPEATS [default]]
 *
 * First the default (level -1: shmplot's own deflate, deflate_plot.c)
 * against level 3 on both figures; with "default", only that. For
 * instruction counts: valgrind --tool=callgrind
 * --toggle-collect=encode_striped png_levels 1 default, then the
 * inclusive counts of plot_stripe, zlib_stripe and deflate_whole.
 *
 * The variants tried here (other zlib strategies and memLevels, libpng's
 * own row filters) are benchmark code, not in the library: this file
 * compiles src/png/encode.c into itself, so it reaches the static
 * functions that take a strategy and a memLevel, which the library always
 * calls with its defaults.
 */
#define _GNU_SOURCE
#include "../render/fig_build.h"
#include "../render/font_file.h"
#include "png/encode.c"
#include "render.h"

#include <math.h>
#include <stdio.h>

#include "benchutil.h"

/*
 * libpng's own row filters and deflate (one stream, no stripes), for the
 * measurement that chose filter none, which encode_striped() writes.
 */
static shmplot_status encode_filtered(cairo_surface_t *surface, int level,
				      double dpi, int filters, int strategy,
				      int mem_level, unsigned char **out,
				      size_t *len, char *err, size_t errlen)
{
	int w = cairo_image_surface_get_width(surface);
	int h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data = cairo_image_surface_get_data(surface);
	/* one filtered row, plus the byte filter_row() may spill */
	unsigned char *row = malloc(row_bytes(w) + 1);
	if (!row)
		return no_memory(err, errlen);
	errctx ectx = {err, errlen, SHMPLOT_OK};
	membuf buf = {0};
	membuf *volatile bufp = &buf;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ectx,
						  error_fn, warn_fn);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, NULL);
		free(row);
		return no_memory(err, errlen);
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		free(bufp->p);
		return ectx.status;
	}
	png_set_write_fn(png, bufp, write_fn, flush_fn);
	png_set_compression_level(png, clamp_level(level));
	png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
	png_set_compression_strategy(png, strategy);
	png_set_compression_mem_level(png, clamp_mem(mem_level));
	write_head(png, info, w, h, dpi);
	for (int y = 0; y < h; y++) {
		filter_row(row, data + (size_t)y * (size_t)stride, w);
		png_write_row(png, row + 1);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	*out = buf.p;
	*len = buf.len;
	return SHMPLOT_OK;
}

/*
 * sp_png_encode() with an explicit zlib strategy (Z_DEFAULT_STRATEGY,
 * Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE), memLevel (1..9) and libpng filter
 * mask: PNG_FILTER_NONE is the library's own striped encoder.
 */
static shmplot_status encode_tuned(cairo_surface_t *surface, int level,
				   double dpi, int filters, int strategy,
				   int mem_level, unsigned char **out,
				   size_t *len, char *err, size_t errlen)
{
	int w, h;
	*out = NULL;
	*len = 0;
	shmplot_status st = check_surface(surface, &w, &h, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	if (filters == PNG_FILTER_NONE)
		return encode_striped(surface, level, dpi, strategy, mem_level,
				      out, len, err, errlen);
	return encode_filtered(surface, level, dpi, filters, strategy,
			       mem_level, out, len, err, errlen);
}

/* Median ms of reps encodes (ms: scratch of reps), or -1 on failure. */
static double encode_ms(cairo_surface_t *surf, int level, int filter,
			int strategy, int mem, double *ms, int reps,
			size_t *len)
{
	char err[256];
	for (int r = 0; r < reps; r++) {
		unsigned char *png;
		uint64_t t0 = sp_now_ns();
		if (encode_tuned(surf, level, 100, filter, strategy, mem, &png,
				 len, err, sizeof err) != SHMPLOT_OK) {
			fprintf(stderr, "%s\n", err);
			return -1;
		}
		ms[r] = (double)(sp_now_ns() - t0) / 1e6;
		free(png);
	}
	return median(ms, reps);
}

/*
 * zlib's segments (what every image had before) against libdeflate's
 * whole image (what an image of one stripe gets now), on surf, at each
 * level: median ms of reps encodes of each, interleaved, and the bytes.
 */
static int one_stripe(cairo_surface_t *surf, int reps)
{
	char err[256];
	double *ms[2] = {calloc((size_t)reps, sizeof(double)),
			 calloc((size_t)reps, sizeof(double))};
	int w = cairo_image_surface_get_width(surf);
	int h = cairo_image_surface_get_height(surf);
	printf("\nbatch_spec.py's figure (%d x %d, %d stripe), median of %d "
	       "encodes, interleaved\n%-6s %12s %10s %12s %10s\n",
	       w, h, sp_png_stripes(w, h), reps, "level", "zlib ms", "bytes",
	       "libdeflate", "bytes");
	for (int level = 1; level <= 9 && ms[0] && ms[1]; level++) {
		size_t len[2] = {0, 0};
		for (int r = 0; r < reps; r++) {
			for (int k = 0; k < 2; k++) {
				sp_png_part part;
				unsigned char *png = NULL;
				uint64_t t0 = sp_now_ns();
				memset(&part, 0, sizeof part);
				shmplot_status st =
				    k ? deflate_whole(surf, level, &part, err,
						      sizeof err)
				      : zlib_stripe(surf, 1, level,
						    SP_PNG_STRATEGY,
						    SP_PNG_MEM_LEVEL, 0, &part,
						    err, sizeof err);
				if (st == SHMPLOT_OK)
					st = sp_png_assemble(
					    w, h, 100, level, &part, &png,
					    &len[k], err, sizeof err);
				ms[k][r] = (double)(sp_now_ns() - t0) / 1e6;
				sp_png_part_free(&part);
				free(png);
				if (st != SHMPLOT_OK) {
					fprintf(stderr, "%s\n", err);
					return 1;
				}
			}
		}
		printf("%-6d %12.3f %10zu %12.3f %10zu\n", level,
		       median(ms[0], reps), len[0], median(ms[1], reps),
		       len[1]);
	}
	free(ms[0]);
	free(ms[1]);
	return 0;
}

/*
 * The default (level -1: shmplot's own deflate, deflate_plot.c) against
 * what it replaced at level 3 (zlib's segments; libdeflate's whole image
 * for an image of one stripe), interleaved: median ms of reps encodes of
 * each and the bytes.
 */
static int default_row(const char *name, cairo_surface_t *surf, int reps)
{
	double *ms[3];
	size_t len[3] = {0, 0, 0};
	int w = cairo_image_surface_get_width(surf);
	int h = cairo_image_surface_get_height(surf);
	int k = sp_png_stripes(w, h);
	for (int i = 0; i < 3; i++)
		ms[i] = calloc((size_t)reps, sizeof(double));
	for (int r = 0; r < reps && ms[0] && ms[1] && ms[2]; r++) {
		for (int v = 0; v < 3; v++) {
			unsigned char *png = NULL;
			char err[256];
			uint64_t t0 = sp_now_ns();
			shmplot_status st =
			    v == 0
				? encode_striped(surf, -1, 100, SP_PNG_STRATEGY,
						 SP_PNG_MEM_LEVEL, &png,
						 &len[v], err, sizeof err)
			    : v == 1
				? encode_striped(surf, 3, 100, SP_PNG_STRATEGY,
						 SP_PNG_MEM_LEVEL, &png,
						 &len[v], err, sizeof err)
				: SHMPLOT_OK;
			if (v == 2) { /* zlib's segments even for one stripe */
				sp_png_part *parts =
				    calloc((size_t)k, sizeof *parts);
				for (int i = 0; i < k && st == SHMPLOT_OK; i++)
					st = zlib_stripe(
					    surf, k, 3, SP_PNG_STRATEGY,
					    SP_PNG_MEM_LEVEL, i, &parts[i], err,
					    sizeof err);
				if (st == SHMPLOT_OK)
					st = sp_png_assemble(
					    w, h, 100, 3, parts, &png, &len[v],
					    err, sizeof err);
				for (int i = 0; i < k; i++)
					sp_png_part_free(&parts[i]);
				free(parts);
			}
			ms[v][r] = (double)(sp_now_ns() - t0) / 1e6;
			free(png);
			if (st != SHMPLOT_OK) {
				fprintf(stderr, "%s\n", err);
				return 1;
			}
		}
	}
	printf("%-26s %8.3f %8zu %8.3f %8zu %8.3f %8zu\n", name,
	       median(ms[0], reps), len[0], median(ms[1], reps), len[1],
	       median(ms[2], reps), len[2]);
	for (int i = 0; i < 3; i++)
		free(ms[i]);
	return 0;
}

/* batch_spec.py's figure: y = sin(x / 50) exp(-x / 700), title, legend. */
static cairo_surface_t *batch_figure(const spr_font *font)
{
	enum { N = 1000 };
	static double x[N], y[N];
	for (int i = 0; i < N; i++) {
		x[i] = i;
		y[i] = sin(i / 50.0) * exp(i / -700.0);
	}
	spr_series series[2] = {{x, N}, {y, N}};
	spr_axes ax = {0};
	fb_line(&ax, 0, 1, "y");
	ax.title = strdup("fig0000");
	ax.legend = SPR_LEG_BEST;
	spr_figure fig = {.name = "fig0000",
			  .width_in = 4,
			  .height_in = 3,
			  .dpi = 100,
			  .rows = 1,
			  .cols = 1,
			  .axes = &ax};
	cairo_surface_t *surf = NULL;
	char err[512];
	if (spr_render(&fig, series, 2, font, &surf, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		surf = NULL;
	}
	spr_axes_free_items(&ax);
	return surf;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 15;
	if (reps < 1)
		reps = 1;
	enum { N = 1000 };
	static double x[N], s[N], c[N], t[N];
	for (int i = 0; i < N; i++) {
		x[i] = 4 * M_PI * i / (N - 1);
		s[i] = sin(x[i]);
		c[i] = cos(x[i]);
		t[i] = tan(x[i]);
	}
	spr_series series[4] = {{x, N}, {s, N}, {c, N}, {t, N}};
	char err[512];
	spr_font *font;
	if (font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* figure3 of the seed: the busiest of the three. */
	spr_axes ax = {0};
	for (int i = 0; i < 3; i++)
		fb_line(&ax, 0, (uint32_t)(i + 1), NULL);
	ax.ylim[0] = -5;
	ax.ylim[1] = 5;
	ax.has_ylim = 1;
	ax.legend = SPR_LEG_BEST;
	spr_figure fig = {.name = "figure3",
			  .width_in = 12,
			  .height_in = 3,
			  .dpi = 100,
			  .rows = 1,
			  .cols = 1,
			  .axes = &ax};
	cairo_surface_t *surf;
	int rc = spr_render(&fig, series, 4, font, &surf, err, sizeof err);
	spr_axes_free_items(&ax);
	if (rc) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	cairo_surface_t *batch = batch_figure(font);
	if (!batch)
		return 1;
	printf("the default (level -1, shmplot's deflate) against level 3, "
	       "median of %d encodes, interleaved\n%-26s %8s %8s %8s %8s "
	       "%8s %8s\n",
	       reps, "figure", "-1 ms", "bytes", "3 ms", "bytes", "zlib3 ms",
	       "bytes");
	if (default_row("seed figure3 (1200 x 300)", surf, reps) ||
	    default_row("batch figure (400 x 300)", batch, reps))
		return 1;
	if (argc > 2 && !strcmp(argv[2], "default")) { /* that table only */
		cairo_surface_destroy(batch);
		cairo_surface_destroy(surf);
		spr_font_free(font);
		return 0;
	}
	printf("\nseed figure3 (1200 x 300), median of %d encodes\n", reps);
	printf("%-6s %-6s %-8s %10s %10s\n", "level", "filter", "strategy",
	       "ms", "bytes");
	static const struct {
		const char *name;
		int mask;
	} filters[] = {{"none", PNG_FILTER_NONE},
		       {"sub", PNG_FILTER_SUB},
		       {"up", PNG_FILTER_UP},
		       {"paeth", PNG_FILTER_PAETH},
		       {"all", PNG_ALL_FILTERS}};
	static const struct {
		const char *name;
		int z;
	} strategies[] = {{"default", Z_DEFAULT_STRATEGY},
			  {"filtered", Z_FILTERED},
			  {"huffman", Z_HUFFMAN_ONLY},
			  {"rle", Z_RLE}};
	double *ms = calloc((size_t)reps, sizeof *ms);
	for (int level = 0; level <= 9; level++) {
		for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
			for (size_t z = 0;
			     z < sizeof strategies / sizeof *strategies; z++) {
				/* Level 0 stores: no strategy applies. */
				if (level == 0 && z > 0)
					continue;
				size_t len = 0;
				double msec =
				    encode_ms(surf, level, filters[f].mask,
					      strategies[z].z, SP_PNG_MEM_LEVEL,
					      ms, reps, &len);
				if (msec < 0)
					return 1;
				printf("%-6d %-6s %-8s %10.3f %10zu\n", level,
				       filters[f].name, strategies[z].name,
				       msec, len);
			}
		}
	}
	printf("\nlevel %d, no filter, default strategy, by zlib memLevel "
	       "(median of %d)\n%-8s %10s %10s\n",
	       SP_PNG_DEFAULT_LEVEL, reps, "memLevel", "ms", "bytes");
	for (int mem = 1; mem <= 9; mem++) {
		size_t len = 0;
		double msec =
		    encode_ms(surf, SP_PNG_DEFAULT_LEVEL, PNG_FILTER_NONE,
			      Z_DEFAULT_STRATEGY, mem, ms, reps, &len);
		if (msec < 0)
			return 1;
		printf("%-8d %10.3f %10zu\n", mem, msec, len);
	}
	free(ms);
	cairo_surface_destroy(surf);
	rc = one_stripe(batch, reps);
	cairo_surface_destroy(batch);
	spr_font_free(font);
	return rc;
}
