/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: the hardened PNG decoder the image diff reads its
 * inputs with (decode.c). Errors are raised with sp_error() (core/core.h),
 * as everywhere in src/; files are read with sp_file_read().
 */
#ifndef SHMPLOT_PNG_DECODE_H
#define SHMPLOT_PNG_DECODE_H

#include "core/core.h"

#include <shmplot.h>
#include <stddef.h>
#include <stdint.h>

/* Limits applied before and during decoding. */
typedef struct spd_png_limits {
	uint32_t max_side;         /* pixels per side */
	uint64_t max_total_pixels; /* width * height */
	size_t max_file_bytes;     /* a file read whole before decoding */
	size_t max_chunk_bytes;    /* one ancillary chunk, decompressed */
} spd_png_limits;

#define SPD_DEFAULT_MAX_SIDE         16384u
#define SPD_DEFAULT_MAX_TOTAL_PIXELS 40000000u
#define SPD_DEFAULT_MAX_FILE_BYTES   ((size_t)256 << 20)
#define SPD_DEFAULT_MAX_CHUNK_BYTES  ((size_t)8 << 20)
#define SPD_MAX_SIDE_LIMIT           65536u /* largest max_side allowed */

/*
 * A decoded image: RGBA8, not premultiplied, rows of stride = width * 4.
 * A 16-bit file keeps its samples at full precision as well, in px16
 * (RGBA16 in host order, width * 4 values a row, no padding); px then holds
 * them rounded to 8 bits, for drawing. A comparison reads px16 when it is
 * there, so a difference below 8-bit precision is still a difference.
 */
typedef struct spd_image {
	int width, height;
	size_t stride;
	unsigned char *px; /* malloc'd, owned by whoever holds the image */
	uint16_t *px16;    /* malloc'd, or NULL for an 8-bit source */
} spd_image;

/* Frees img->px and img->px16 and zeroes the struct. */
void spd_image_clear(spd_image *img);

/*
 * Decodes a PNG held in memory to RGBA8 (and RGBA16 for a 16-bit file:
 * out->px16). The IHDR is checked against the
 * limits before libpng allocates anything; libpng errors longjmp back here
 * and free everything. On success out->px is malloc'd; on failure out is
 * zeroed. SHMPLOT_E_PNG for a bad, truncated or over-limit file,
 * SHMPLOT_E_NOMEM.
 */
shmplot_status spd_png_decode(const unsigned char *buf, size_t len,
			      const spd_png_limits *lim, spd_image *out,
			      char *err, size_t errlen);

#endif /* SHMPLOT_PNG_DECODE_H */
