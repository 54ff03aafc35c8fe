/* SPDX-License-Identifier: MIT */
/*
 * Safe PNG decoding for image diffs.
 *
 * Inputs to a diff are files someone else wrote: a baseline from another
 * machine, an actual image from a crashed renderer, a fuzzer's output. So the
 * size is checked from the IHDR before libpng allocates anything, libpng's own
 * limits are set as a second line (png_set_user_limits,
 * png_set_chunk_malloc_max, png_set_chunk_cache_max), and every libpng error
 * longjmps into a function that owns nothing, so the caller frees all.
 *
 * Metadata is never interpreted: libpng skips every ancillary chunk but
 * tRNS unread (no text inflated, no profile parsed, no gamma, no pHYs), so
 * two files with the same samples decode to the same pixels, and a chunk
 * whose length field claims gigabytes costs nothing: libpng's own check of
 * it is only a warning, after which sCAL, for one, allocated the claimed
 * length before reading a byte (found by fuzz_png).
 */
#define _POSIX_C_SOURCE 200809L

#include "png/decode.h"

#include <inttypes.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void spd_image_clear(spd_image *img)
{
	free(img->px);
	free(img->px16);
	memset(img, 0, sizeof *img);
}

/*
 * Everything a decode touches lives here, owned by spd_png_decode(); the
 * function that calls setjmp() only reads the pointer, so nothing it holds
 * is indeterminate after a longjmp.
 */
struct rd_ctx {
	const unsigned char *buf;
	size_t len, pos;
	const spd_png_limits *lim;
	uint32_t width, height;
	int wide; /* a 16-bit file: decoded to RGBA16 */
	unsigned char *px;
	png_bytep *rows;
	char msg[200];     /* libpng's error, raised by rd_error() */
	char warning[200]; /* libpng's first warning, for context */
};

static void rd_read(png_structp png, png_bytep out, size_t n)
{
	struct rd_ctx *c = png_get_io_ptr(png);

	if (n > c->len - c->pos)
		png_error(png, "file is truncated");
	memcpy(out, c->buf + c->pos, n);
	c->pos += n;
}

/* Raised where libpng fails, so a breakpoint in sp_error() stops there. */
static void rd_error(png_structp png, png_const_charp msg)
{
	struct rd_ctx *c = png_get_error_ptr(png);

	sp_error(c->msg, sizeof c->msg, SHMPLOT_E_PNG, "%s", msg);
	png_longjmp(png, 1);
}

/*
 * A warning is not a failure: it is kept, not raised, and only shown as
 * context if an error follows.
 */
static void rd_warning(png_structp png, png_const_charp msg)
{
	struct rd_ctx *c = png_get_error_ptr(png);

	if (c->warning[0] == '\0')
		snprintf(c->warning, sizeof c->warning, "%s", msg);
}

/*
 * Runs libpng over c->buf into c->rows. SHMPLOT_E_PNG with libpng's
 * message in c->msg (an allocation libpng could not make is reported the
 * same way, as it always was).
 */
static shmplot_status rd_run(struct rd_ctx *c)
{
	png_structp png;
	png_infop info;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, rd_error,
				     rd_warning);
	if (png == NULL)
		return sp_error(c->msg, sizeof c->msg, SHMPLOT_E_PNG,
				"libpng: out of memory");
	info = png_create_info_struct(png);
	if (info == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		return sp_error(c->msg, sizeof c->msg, SHMPLOT_E_PNG,
				"libpng: out of memory");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return SHMPLOT_E_PNG;
	}
	png_set_user_limits(png, c->lim->max_side, c->lim->max_side);
	png_set_chunk_malloc_max(png, c->lim->max_chunk_bytes);
	png_set_chunk_cache_max(png, 256);
	/* A negative count: all ancillary chunks, known ones too, but tRNS. */
	png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
	png_set_read_fn(png, c, rd_read);
	png_read_info(png, info);

	if (png_get_image_width(png, info) != c->width ||
	    png_get_image_height(png, info) != c->height)
		png_error(png, "IHDR changed while decoding");

	png_byte ct = png_get_color_type(png, info);
	/* palette, low-bit grey, tRNS -> 8-bit (16-bit) samples + alpha */
	png_set_expand(png);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (c->wide)
		png_set_swap(png); /* PNG's samples are big-endian */
#endif
	if (ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(png);
	if (!(ct & PNG_COLOR_MASK_ALPHA) &&
	    !png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_add_alpha(png, c->wide ? 0xffff : 0xff,
				  PNG_FILLER_AFTER);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) !=
		(size_t)c->width * (c->wide ? 8 : 4) ||
	    png_get_channels(png, info) != 4 ||
	    png_get_bit_depth(png, info) != (c->wide ? 16 : 8))
		png_error(png, "unexpected pixel layout after conversion");
	png_read_image(png, c->rows);
	/* A missing IEND means the file was cut short. */
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	return SHMPLOT_OK;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Bytes of filtered image data (a filter byte per row) the IHDR implies. */
static uint64_t raw_bytes(uint32_t w, uint32_t h, int depth, int ctype,
			  int interlace)
{
	static const int ch[7] = {1, 0, 3, 1, 2, 0, 4};
	static const int adam7[7][4] = {
	    {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
	    {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
	uint64_t bpp = (uint64_t)ch[ctype] * (uint64_t)depth, need = 0;

	if (!interlace)
		return (uint64_t)h * (1 + ((uint64_t)w * bpp + 7) / 8);
	for (int p = 0; p < 7; p++) {
		uint64_t cols =
		    w > (uint32_t)adam7[p][0]
			? (w - adam7[p][0] + adam7[p][2] - 1) / adam7[p][2]
			: 0;
		uint64_t rows =
		    h > (uint32_t)adam7[p][1]
			? (h - adam7[p][1] + adam7[p][3] - 1) / adam7[p][3]
			: 0;
		if (cols && rows)
			need += rows * (1 + (cols * bpp + 7) / 8);
	}
	return need;
}

/*
 * libpng inflates every byte of the IDAT stream, even the surplus after the
 * last row, so a small file holding gigabytes of compressed zeros behind a
 * small image costs seconds of CPU. This walks the IDAT chunks first and
 * inflates (into a scratch buffer) no more than the image needs plus one
 * byte, so the work is bounded by the image size. A predicate: 1 when the
 * stream holds more data than the image needs, else 0. Anything else odd
 * (bad chunks, bad zlib data, a truncated file) is left for libpng to
 * report.
 */
static int idat_too_long(const unsigned char *buf, size_t len, uint64_t need)
{
	unsigned char scratch[16384];
	uint64_t produced = 0;
	size_t pos = 8;
	z_stream zs;
	int rc = Z_OK, result = 0;

	memset(&zs, 0, sizeof zs);
	if (inflateInit(&zs) != Z_OK)
		return 0;
	while (pos + 12 <= len && rc == Z_OK) {
		uint32_t n = be32(buf + pos);
		const unsigned char *type = buf + pos + 4;
		if (n > len - pos - 12)
			break;
		if (memcmp(type, "IEND", 4) == 0)
			break;
		if (memcmp(type, "IDAT", 4) == 0) {
			zs.next_in = (Bytef *)(buf + pos + 8);
			zs.avail_in = n;
			while (zs.avail_in > 0 && rc == Z_OK) {
				zs.next_out = scratch;
				zs.avail_out = sizeof scratch;
				rc = inflate(&zs, Z_NO_FLUSH);
				produced += sizeof scratch - zs.avail_out;
				if (produced > need) {
					result = 1;
					rc = Z_STREAM_END;
				} else if (rc == Z_BUF_ERROR) {
					rc = Z_OK; /* needs the next chunk */
					break;
				}
			}
		}
		pos += (size_t)n + 12;
	}
	inflateEnd(&zs);
	return result;
}

/*
 * What the IHDR says, checked before anything is allocated: a signature, a
 * whole IHDR, a size within the limits. Sets *wp and *hp.
 */
static shmplot_status check_ihdr(const unsigned char *buf, size_t len,
				 const spd_png_limits *lim, uint32_t *wp,
				 uint32_t *hp, char *err, size_t errlen)
{
	uint32_t w, h;

	if (buf == NULL || len < 8 || png_sig_cmp(buf, 0, 8) != 0)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				len < 8 ? "not a PNG file (too short for the "
					  "signature)"
					: "not a PNG file (bad signature)");
	/* Signature, then IHDR: length 13, type, 13 bytes, CRC. */
	if (len < 8 + 8 + 13 + 4)
		return sp_error(
		    err, errlen, SHMPLOT_E_PNG,
		    "PNG is truncated (%zu bytes, no complete IHDR)", len);
	if (be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4) != 0)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"corrupt PNG: the first chunk is not a valid "
				"IHDR");
	*wp = w = be32(buf + 16);
	*hp = h = be32(buf + 20);
	if (w == 0 || h == 0)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"corrupt PNG: image is %" PRIu32 " x %" PRIu32
				" pixels",
				w, h);
	if (w > lim->max_side || h > lim->max_side)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"image is %" PRIu32 " x %" PRIu32
				" pixels; the limit is %" PRIu32 " per side",
				w, h, lim->max_side);
	if ((uint64_t)w * h > lim->max_total_pixels)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"image is %" PRIu32 " x %" PRIu32 " = %" PRIu64
				" pixels; the limit is %" PRIu64,
				w, h, (uint64_t)w * h, lim->max_total_pixels);
	return SHMPLOT_OK;
}

/*
 * A predicate: 1 if the image data inflates past what a w x h image needs.
 * Only for bit depths, colour types and interlacing libpng allows; anything
 * else is left for libpng to reject.
 */
static int is_bomb(const unsigned char *buf, size_t len, uint32_t w, uint32_t h)
{
	int depth = buf[24], ctype = buf[25], interlace = buf[28];

	return ctype <= 6 && ctype != 1 && ctype != 5 &&
	       (depth == 1 || depth == 2 || depth == 4 || depth == 8 ||
		depth == 16) &&
	       interlace <= 1 &&
	       idat_too_long(buf, len,
			     raw_bytes(w, h, depth, ctype, interlace));
}

/*
 * Allocates c->px (total bytes, rows of stride) and the row table (nrows
 * bytes) and runs libpng. On failure frees both and says what libpng said.
 * For a 16-bit file stride and total are those of the RGBA16 rows.
 */
static shmplot_status decode_rows(struct rd_ctx *c, size_t stride, size_t total,
				  size_t nrows, char *err, size_t errlen)
{
	c->px = malloc(total);
	c->rows = malloc(nrows);
	if (c->px == NULL || c->rows == NULL) {
		free(c->px);
		free(c->rows);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for a %" PRIu32 " x %" PRIu32
				" image",
				c->width, c->height);
	}
	for (uint32_t y = 0; y < c->height; y++)
		c->rows[y] = c->px + (size_t)y * stride;
	if (rd_run(c) != SHMPLOT_OK) {
		free(c->px);
		free(c->rows);
		if (c->warning[0] != '\0' && strcmp(c->warning, c->msg) != 0)
			return sp_error(err, errlen, SHMPLOT_E_PNG,
					"corrupt PNG: %s (%s)", c->msg,
					c->warning);
		return sp_error(err, errlen, SHMPLOT_E_PNG, "corrupt PNG: %s",
				c->msg);
	}
	free(c->rows);
	return SHMPLOT_OK;
}

/*
 * A 16-bit image: c->px holds its RGBA16 samples, which become out->px16,
 * and out->px gets them rounded to 8 bits as libpng's png_set_scale_16()
 * rounds (the same 8-bit pixels as before px16 was kept). total: bytes of
 * the 8-bit pixels.
 */
static shmplot_status narrow(struct rd_ctx *c, spd_image *out, size_t total,
			     char *err, size_t errlen)
{
	unsigned char *px = malloc(total);
	if (px == NULL) {
		free(c->px);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for a %" PRIu32 " x %" PRIu32
				" image",
				c->width, c->height);
	}
	uint16_t *px16 = (uint16_t *)(void *)c->px;
	for (size_t i = 0; i < total; i++)
		px[i] = (unsigned char)((px16[i] * 255u + 32895u) >> 16);
	out->px = px;
	out->px16 = px16;
	return SHMPLOT_OK;
}

shmplot_status spd_png_decode(const unsigned char *buf, size_t len,
			      const spd_png_limits *lim, spd_image *out,
			      char *err, size_t errlen)
{
	struct rd_ctx c;
	size_t stride, total, nrows;
	uint32_t w = 0, h = 0;
	shmplot_status st;

	memset(out, 0, sizeof *out);
	st = check_ihdr(buf, len, lim, &w, &h, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	if (sp_mul(w, 4, &stride) || sp_mul(stride, h, &total) ||
	    sp_mul(h, sizeof(png_bytep), &nrows) || w > INT32_MAX ||
	    h > INT32_MAX)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"image of %" PRIu32 " x %" PRIu32
				" pixels is too large for memory",
				w, h);
	if (is_bomb(buf, len, w, h))
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"corrupt PNG: the image data holds more than "
				"a %" PRIu32 " x %" PRIu32
				" image needs (a decompression bomb?)",
				w, h);
	memset(&c, 0, sizeof c);
	c.buf = buf;
	c.len = len;
	c.lim = lim;
	c.width = w;
	c.height = h;
	c.wide = buf[24] == 16;
	if (c.wide && sp_mul(total, 2, &total))
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"image of %" PRIu32 " x %" PRIu32
				" pixels is too large for memory",
				w, h);
	st = decode_rows(&c, c.wide ? stride * 2 : stride, total, nrows, err,
			 errlen);
	if (st != SHMPLOT_OK)
		return st;
	out->width = (int)w;
	out->height = (int)h;
	out->stride = stride;
	if (!c.wide) {
		out->px = c.px;
		return SHMPLOT_OK;
	}
	return narrow(&c, out, total / 2, err, errlen);
}
