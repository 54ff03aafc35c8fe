/* SPDX-License-Identifier: MIT */
/* Private to src/: the PNG encoder (encode.c). */
#ifndef SHMPLOT_PNG_ENCODE_H
#define SHMPLOT_PNG_ENCODE_H

#include "core/core.h"

#include <cairo.h>

/*
 * Encodes an opaque RGB24 cairo image surface as 8-bit RGB PNG into a
 * malloc'd buffer (*out, *len; the caller frees). No time or text chunks,
 * so equal pixels give equal bytes. dpi (> 0) is stored in pHYs. level is
 * < 0 for the default, shmplot's own deflate (deflate_plot.c), or a zlib
 * level 0..9 (an image of one stripe is then deflated by libdeflate at
 * that level, 1 as 2). SHMPLOT_E_PNG (a
 * surface it cannot write, a libpng or zlib failure) or SHMPLOT_E_NOMEM,
 * with the message in err. Runs in workers: no I/O, no locks of its own.
 */
shmplot_status sp_png_encode(cairo_surface_t *surface, int level, double dpi,
			     unsigned char **out, size_t *len, char *err,
			     size_t errlen);

/*
 * The same PNG in pieces, so that several workers can share one image's
 * deflate (encode.c says how): the image data is cut into
 * sp_png_stripes(w, h) horizontal stripes, each deflated on its own by
 * sp_png_deflate_stripe(), and sp_png_assemble() writes the file from all
 * of them, in order. Its bytes are exactly sp_png_encode()'s.
 */
/*
 * A premultiplied ARGB32 surface (a figure with a clear background) as an
 * RGBA PNG (encode_rgba.c); sp_png_encode() sends such surfaces here.
 */
shmplot_status sp_png_encode_rgba(cairo_surface_t *surface, int level,
				  double dpi, unsigned char **out, size_t *len,
				  char *err, size_t errlen);
/* One premultiplied ARGB32 row of w pixels as straight RGBA8. */
void sp_argb_row_to_rgba(const uint32_t *in, unsigned char *out, int w);

typedef struct sp_png_part {
	unsigned char *z; /* raw deflate bytes, malloc'd */
	size_t len;
	uint32_t adler; /* adler32 of the stripe's filtered rows */
} sp_png_part;

/* The number of stripes of a width x height image (1 to 16). */
int sp_png_stripes(int width, int height);
/* The rows [*y0, *y1) of stripe s: none empty, heights differ by 1 at most. */
void sp_png_stripe_rows(int width, int height, int stripe, int *y0, int *y1);
/* Filtered bytes (rows x (1 + 3 width)) of stripe s. */
size_t sp_png_stripe_raw_len(int width, int height, int stripe);
/*
 * Deflates stripe of surface into *part (free with sp_png_part_free(),
 * which is also safe on the part of a failed call). Errors as
 * sp_png_encode(), and SHMPLOT_E_PNG for a stripe that does not exist.
 */
shmplot_status sp_png_deflate_stripe(cairo_surface_t *surface, int level,
				     int stripe, sp_png_part *part, char *err,
				     size_t errlen);
void sp_png_part_free(sp_png_part *part);
/*
 * The PNG from parts, sp_png_stripes(width, height) of them (the caller
 * keeps them), into *out as sp_png_encode(). SHMPLOT_E_PNG if one is
 * missing.
 */
shmplot_status sp_png_assemble(int width, int height, double dpi, int level,
			       const sp_png_part *parts, unsigned char **out,
			       size_t *len, char *err, size_t errlen);

/*
 * The zlib level, strategy and memLevel that were the default before the
 * default had its own deflate, chosen with tests/bench/png_levels (the
 * measurements are in the README); the level stands in for the default
 * where zlib still deflates (encode_rgba.c's clamp). The filter is always
 * none: every other one made plots bigger and slower.
 */
#define SP_PNG_DEFAULT_LEVEL 3
#define SP_PNG_STRATEGY      0 /* Z_DEFAULT_STRATEGY */
/*
 * memLevel 6-9 measure alike now that the fast levels never slide zlib's
 * tables (encode.c); 7, chosen when they did, stays.
 */
#define SP_PNG_MEM_LEVEL 7

#endif /* SHMPLOT_PNG_ENCODE_H */
