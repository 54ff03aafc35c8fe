/* SPDX-License-Identifier: MIT */
/*
 * PNG encoding of a figure with a clear background (facecolor "none",
 * savefig(transparent=True)): cairo draws it on a premultiplied ARGB32
 * surface, and PNG wants straight (not premultiplied) RGBA. Such figures
 * are rare and never shared between workers (stripes.c), so this path is
 * in one piece: rows un-premultiplied into one buffer, filter none as the
 * RGB path, pHYs; at the default level deflated by shmplot's own deflate
 * as the RGB path's stripes are (a pixel is 4 bytes here), at a zlib
 * level by libpng. Equal pixels give equal bytes.
 */
#include "png/encode.h"

#include "png/deflate_plot.h"

#include <libdeflate.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/*
 * One premultiplied ARGB32 row (native 0xAARRGGBB words) to straight
 * RGBA8: each channel times 255 over alpha, rounded to nearest, as
 * cairo's own PNG writer does; a clear pixel is 0, 0, 0, 0.
 */
void sp_argb_row_to_rgba(const uint32_t *in, unsigned char *out, int w)
{
	for (int x = 0; x < w; x++, out += 4) {
		uint32_t px = in[x], a = px >> 24;
		if (a == 0) {
			memset(out, 0, 4);
			continue;
		}
		uint32_t r = (px >> 16) & 0xff, g = (px >> 8) & 0xff,
			 b = px & 0xff;
		out[0] = (unsigned char)((r * 255 + a / 2) / a);
		out[1] = (unsigned char)((g * 255 + a / 2) / a);
		out[2] = (unsigned char)((b * 255 + a / 2) / a);
		out[3] = (unsigned char)a;
	}
}

typedef struct rgba_out {
	unsigned char *p;
	size_t len, cap;
} rgba_out;

static void rgba_write(png_structp png, png_bytep data, png_size_t n)
{
	rgba_out *o = png_get_io_ptr(png);
	if (n > o->cap - o->len) {
		size_t cap = o->cap ? o->cap : 64 * 1024;
		while (n > cap - o->len) {
			if (cap > SIZE_MAX / 2)
				png_error(png, "PNG buffer size overflows");
			cap *= 2;
		}
		unsigned char *p = realloc(o->p, cap);
		if (!p)
			png_error(png, "out of memory for the PNG buffer");
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, data, n);
	o->len += n;
}

static void rgba_flush(png_structp png)
{
	(void)png;
}

typedef struct rgba_err {
	char *err;
	size_t errlen;
	shmplot_status status;
} rgba_err;

static void rgba_error(png_structp png, png_const_charp msg)
{
	rgba_err *e = png_get_error_ptr(png);
	e->status = sp_error(e->err, e->errlen,
			     strstr(msg, "out of memory") ? SHMPLOT_E_NOMEM
							  : SHMPLOT_E_PNG,
			     "libpng: %s", msg);
	png_longjmp(png, 1);
}

static void rgba_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * The surface's pixels as filtered rows (filter byte 0, then straight
 * RGBA), or NULL (out of memory).
 */
static unsigned char *straight_rows(cairo_surface_t *s, int w, int h)
{
	size_t row = 1 + 4 * (size_t)w, total;
	if (sp_mul(row, (size_t)h, &total))
		return NULL;
	unsigned char *rows = malloc(total);
	if (!rows)
		return NULL;
	const unsigned char *src = cairo_image_surface_get_data(s);
	size_t stride = (size_t)cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		rows[(size_t)y * row] = 0;
		sp_argb_row_to_rgba(
		    (const uint32_t *)(src + (size_t)y * stride),
		    rows + (size_t)y * row + 1, w);
	}
	return rows;
}

/*
 * The default level (< 0): the rows as a zlib stream made by shmplot's
 * own deflate (deflate_plot.c, 4 bytes a pixel), in one piece (such
 * figures are never shared out): header, deflate, adler32. NULL: out of
 * memory.
 */
static unsigned char *plot_zlib(const unsigned char *rows, int w, int h,
				size_t *len)
{
	size_t rb = 1 + 4 * (size_t)w, raw = rb * (size_t)h, zlen;
	unsigned char *z, *zs;
	if (sp_deflate_plot(rows, 0, raw, rb, 4, 1, &z, &zlen))
		return NULL;
	zs = realloc(z, zlen + 6);
	if (!zs) {
		free(z);
		return NULL;
	}
	memmove(zs + 2, zs, zlen);
	zs[0] = 0x78; /* deflate, 32 KB window, "fastest" */
	zs[1] = 0x01;
	uint32_t adler = libdeflate_adler32(1, rows, raw);
	for (int i = 0; i < 4; i++)
		zs[2 + zlen + i] = (unsigned char)(adler >> (24 - 8 * i));
	*len = zlen + 6;
	return zs;
}

/* The zlib stream zs as IDAT chunks of at most 256 KB, then IEND. */
static void write_idat_iend(png_structp png, const unsigned char *zs,
			    size_t len)
{
	for (size_t done = 0; done < len;) {
		size_t n = len - done < 262144 ? len - done : 262144;
		png_write_chunk(png, (png_const_bytep) "IDAT", zs + done, n);
		done += n;
	}
	png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
}

shmplot_status sp_png_encode_rgba(cairo_surface_t *s, int level, double dpi,
				  unsigned char **out, size_t *len, char *err,
				  size_t errlen)
{
	*out = NULL;
	*len = 0;
	cairo_surface_flush(s);
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_ARGB32 ||
	    w <= 0 || h <= 0 || !cairo_image_surface_get_data(s))
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"PNG encoder: not an ARGB32 image (%d x %d)", w,
				h);
	unsigned char *const rows = straight_rows(s, w, h);
	size_t zs_len = 0;
	unsigned char *const zs =
	    rows && level < 0 ? plot_zlib(rows, w, h, &zs_len) : NULL;
	png_bytep *ptrs = rows && (zs || level >= 0)
			      ? malloc((size_t)h * sizeof *ptrs)
			      : NULL;
	if (!ptrs) {
		free(zs);
		free(rows);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"PNG encoder: out of memory");
	}
	for (int y = 0; y < h; y++) /* past the filter byte */
		ptrs[y] = rows + (size_t)y * (1 + 4 * (size_t)w) + 1;

	rgba_err e = {err, errlen, SHMPLOT_OK};
	/* Volatile: read after a longjmp out of libpng. */
	rgba_out o = {0};
	rgba_out *volatile op = &o;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &e,
						  rgba_error, rgba_warn);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, NULL);
		free(zs);
		free(ptrs);
		free(rows);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"PNG encoder: out of memory");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(op->p);
		free(zs);
		free(ptrs);
		free(rows);
		return e.status;
	}
	png_set_write_fn(png, op, rgba_write, rgba_flush);
	png_set_compression_level(png, level < 0   ? SP_PNG_DEFAULT_LEVEL
				       : level > 9 ? 9
						   : level);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (dpi > 0) {
		png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	if (zs) {
		png_write_info(png, info);
		write_idat_iend(png, zs, zs_len);
	} else {
		png_set_rows(png, info, ptrs);
		png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	}
	png_destroy_write_struct(&png, &info);
	free(zs);
	free(ptrs);
	free(rows);
	*out = o.p;
	*len = o.len;
	return SHMPLOT_OK;
}
