/*
 * PNG encoding into memory with libpng. Runs inside workers.
 *
 * Opaque figures are written as 8-bit RGB. cairo's RGB24 pixel is a
 * native-endian 0x00RRGGBB word; on little-endian machines each row is
 * packed to RGB here, one byte-swapped word store a pixel, which costs
 * half of what libpng's own filler-strip and BGR transforms do on a plot
 * (callgrind: 17% of the encode went to them). Elsewhere libpng's
 * transforms do it. Nothing time-dependent is written, so equal pixels
 * always give equal bytes.
 */
#include "internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct membuf {
	unsigned char *p;
	size_t len, cap;
	int oom;
} membuf;

static void write_fn(png_structp png, png_bytep data, png_size_t n)
{
	membuf *b = png_get_io_ptr(png);
	if (b->oom)
		return;
	if (n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		while (n > cap - b->len) {
			if (sp_mul(cap, 2, &cap)) {
				b->oom = 1;
				png_error(png, "PNG buffer size overflows");
			}
		}
		unsigned char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = 1;
			png_error(png, "out of memory for the PNG buffer");
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void flush_fn(png_structp png)
{
	(void)png;
}

typedef struct errctx {
	char *err;
	size_t errlen;
} errctx;

static void error_fn(png_structp png, png_const_charp msg)
{
	errctx *e = png_get_error_ptr(png);
	sp_error(e->err, e->errlen, SHMPLOT_E_PNG, "libpng: %s", msg);
	png_longjmp(png, 1);
}

static void warn_fn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * w pixels 0x00RRGGBB to R, G, B bytes. The byte-swapped word shifted
 * right by 8 is R, G, B, 0 in memory: store all four bytes and step by
 * three (out has one byte to spare at the end).
 */
static void pack_row(unsigned char *out, const unsigned char *row, int w)
{
	for (int x = 0; x < w; x++) {
		uint32_t v;
		memcpy(&v, row + 4 * (size_t)x, 4);
		v = __builtin_bswap32(v) >> 8;
		memcpy(out + 3 * (size_t)x, &v, 4);
	}
}
#endif

int sp_png_encode(cairo_surface_t *surface, int level, double dpi,
		  unsigned char **out, size_t *len, char *err, size_t errlen)
{
	return sp_png_encode_tuned(surface, level, dpi, SP_PNG_FILTERS,
				   SP_PNG_STRATEGY, SP_PNG_MEM_LEVEL, out, len,
				   err, errlen);
}

int sp_png_encode_tuned(cairo_surface_t *surface, int level, double dpi,
			int filters, int strategy, int mem_level,
			unsigned char **out, size_t *len, char *err,
			size_t errlen)
{
	*out = NULL;
	*len = 0;
	cairo_surface_flush(surface);
	if (cairo_image_surface_get_format(surface) != CAIRO_FORMAT_RGB24) {
		sp_error(err, errlen, SHMPLOT_E_PNG,
			 "PNG encoder: only opaque RGB24 surfaces are "
			 "supported");
		return -1;
	}
	int w = cairo_image_surface_get_width(surface);
	int h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	unsigned char *data = cairo_image_surface_get_data(surface);
	if (w <= 0 || h <= 0 || !data) {
		sp_error(err, errlen, SHMPLOT_E_PNG,
			 "PNG encoder: empty surface (%d x %d)", w, h);
		return -1;
	}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* one packed row, plus the byte the last word store spills */
	png_bytep *rows = NULL;
	size_t rowlen;
	unsigned char *packed =
	    sp_mul((size_t)w, 3, &rowlen) ? NULL : malloc(rowlen + 1);
	if (!packed) {
#else
	unsigned char *packed = NULL;
	png_bytep *rows = sp_malloc_ab((size_t)h, sizeof(png_bytep));
	if (!rows) {
#endif
		sp_error(err, errlen, SHMPLOT_E_NOMEM,
			 "PNG encoder: out of memory");
		return -1;
	}

	errctx ectx = {err, errlen};
	/* Volatile: modified between setjmp and a possible longjmp. */
	membuf buf = {0};
	membuf *volatile bufp = &buf;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ectx,
						  error_fn, warn_fn);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, NULL);
		free(rows);
		free(packed);
		sp_error(err, errlen, SHMPLOT_E_NOMEM,
			 "PNG encoder: out of memory");
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(rows);
		free(packed);
		free(bufp->p);
		return -1;
	}
	png_set_write_fn(png, bufp, write_fn, flush_fn);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (dpi > 0) {
		png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	png_set_compression_level(png, level < 0   ? SP_PNG_DEFAULT_LEVEL
				       : level > 9 ? 9
						   : level);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
	png_set_compression_strategy(png, strategy);
	png_set_compression_mem_level(png, mem_level < 1   ? SP_PNG_MEM_LEVEL
					   : mem_level > 9 ? 9
							   : mem_level);
	png_write_info(png, info);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (int y = 0; y < h; y++) {
		pack_row(packed, data + (size_t)y * (size_t)stride, w);
		png_write_row(png, packed);
	}
#else
	/* 0x00RRGGBB in big-endian memory: X, R, G, B */
	for (int y = 0; y < h; y++)
		rows[y] = data + (size_t)y * (size_t)stride;
	png_set_filler(png, 0, PNG_FILLER_BEFORE);
	png_write_image(png, rows);
#endif
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(rows);
	free(packed);
	*out = buf.p;
	*len = buf.len;
	return 0;
}
