/* SPDX-License-Identifier: MIT */
/*
 * PNG encoding into memory. Runs inside workers (and, to assemble a shared
 * figure, in the parent).
 *
 * libpng writes the file: signature, IHDR, pHYs, IDAT chunks, IEND, with
 * their CRCs. The image data it frames is made here, so that it can be
 * cut up: figures are opaque 8-bit RGB, filter none, and the filtered
 * stream is deflated in stripes (sp_png_stripes) that different workers
 * can do. At the default level (< 0) each stripe goes through shmplot's
 * own deflate for plots (deflate_plot.c), given the row above it too. At
 * an explicit zlib level each is deflated by zlib in segments short
 * enough that zlib never slides its window, and an image of one stripe
 * (up to ~384 KB of rows: a batch's small figures) has nothing to share
 * and is deflated whole by libdeflate. The stream's adler32 is
 * libdeflate's (SIMD), which is much faster than zlib's. (How much each
 * of these saved is in the
 * README's performance section; tests/bench/png_levels measures them.)
 *
 * cairo's RGB24 pixel is a native-endian 0x00RRGGBB word; on little-endian
 * machines each row is packed to RGB with one byte-swapped word store a
 * pixel. Nothing time-dependent is written, and a stripe's bytes depend
 * only on the pixels (its rows and, at the default level, the row above)
 * and its index, so equal pixels always give equal bytes, however the
 * stripes were shared out: every worker that takes a stripe has drawn
 * the whole figure.
 *
 * The static functions take the zlib strategy and memLevel, which the
 * library always passes as SP_PNG_STRATEGY and SP_PNG_MEM_LEVEL:
 * tests/bench/png_levels compiles this file into itself to try others.
 */
#include "png/encode.h"

#include "png/deflate_plot.h"

#include <libdeflate.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_PACK_SSSE3 1
#endif

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

/* Where libpng's errors go; status is the one raised. */
typedef struct errctx {
	char *err;
	size_t errlen;
	shmplot_status status;
} errctx;

static void error_fn(png_structp png, png_const_charp msg)
{
	errctx *e = png_get_error_ptr(png);
	e->status =
	    sp_error(e->err, e->errlen, SHMPLOT_E_PNG, "libpng: %s", msg);
	png_longjmp(png, 1);
}

static void warn_fn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static shmplot_status no_memory(char *err, size_t errlen)
{
	return sp_error(err, errlen, SHMPLOT_E_NOMEM,
			"PNG encoder: out of memory");
}

/* ---- image data in stripes ---- */

/*
 * The filtered image stream (each row: filter byte 0, then R, G, B) is cut
 * into horizontal stripes of about 256 KB. Each is raw deflate, ended with
 * a sync flush (the image's last with the final block), and the stripes
 * joined in order, behind a zlib header and before the adler32 combined
 * from theirs (adler32_combine), are one valid zlib stream, as in pigz.
 * Stripes and segments start with an empty window, which makes the file a
 * little bigger; priming each stripe with the 32 KB before it was tried
 * and won back too little for the time it cost.
 */
#define STRIPE_BYTES (256u * 1024u) /* filtered bytes a stripe aims for */
#define MAX_STRIPES  16
#define IDAT_MAX     (256u * 1024u) /* bytes of zlib stream per IDAT */
/*
 * A stripe is deflated in segments of at most SEGMENT filtered bytes,
 * each starting with an empty window (deflateReset). Once a zlib stream
 * passes 64 KB, zlib slides its window and both hash tables every 32 KB,
 * and at the fast levels that slide was a large part of the encode time
 * (perf: fill_window); a stream shorter than 2 x 32 KB - 262 bytes never
 * slides. Only at the fast levels (up to SEGMENT_LEVEL): above them the
 * slide is a small part of the time, and whoever asks for level 9 wants
 * the smaller file, not segments' empty windows.
 */
#define SEGMENT       65000u
#define SEGMENT_LEVEL 3

static size_t row_bytes(int w)
{
	return 1 + 3 * (size_t)w;
}

int sp_png_stripes(int w, int h)
{
	if (w <= 0 || h <= 0)
		return 1;
	double raw = (double)row_bytes(w) * h;
	int k = (int)(raw / STRIPE_BYTES + 0.5);
	if (k > MAX_STRIPES)
		k = MAX_STRIPES;
	if (k > h)
		k = h;
	return k < 1 ? 1 : k;
}

/*
 * Rows [*y0, *y1) of stripe s of k (k <= h): heights differ by at most a
 * row, and none is empty.
 */
static void stripe_rows(int h, int k, int s, int *y0, int *y1)
{
	*y0 = (int)((int64_t)s * h / k);
	*y1 = (int)((int64_t)(s + 1) * h / k);
}

void sp_png_stripe_rows(int w, int h, int stripe, int *y0, int *y1)
{
	stripe_rows(h, sp_png_stripes(w, h), stripe, y0, y1);
}

size_t sp_png_stripe_raw_len(int w, int h, int stripe)
{
	int y0, y1;
	stripe_rows(h, sp_png_stripes(w, h), stripe, &y0, &y1);
	return row_bytes(w) * (size_t)(y1 - y0);
}

#ifdef HAVE_PACK_SSSE3
/*
 * Packs the first pixels of a 0x00RRGGBB row to RGB, four with one SSSE3
 * byte shuffle, and returns how many: the scalar loop's byte swap, shift
 * and stores are ~8 instructions a pixel, 9% of a 400 x 300 figure's
 * worker instructions (callgrind). Each 16-byte store carries 12 bytes;
 * the loop stops before a store would pass the row's last byte, so the
 * scalar loop's rule (one byte spilled past the row at most) still holds.
 * The bytes are the scalar loop's, so the PNG is too.
 */
__attribute__((target("ssse3"))) static int
pack_ssse3(unsigned char *out, const unsigned char *row, int w, int x)
{
	const __m128i shuf = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13,
					   12, -1, -1, -1, -1);
	for (; 3 * (size_t)x + 16 <= 3 * (size_t)w; x += 4) {
		__m128i v = _mm_loadu_si128((const __m128i *)(row + 4 * x));
		_mm_storeu_si128((__m128i *)(out + 3 * x),
				 _mm_shuffle_epi8(v, shuf));
	}
	return x;
}

/*
 * The same, eight pixels a step where the CPU has AVX2 (the shuffle works
 * within each 16-byte half: two 12-byte pieces, stored 12 bytes apart):
 * once the deflate got cheaper, packing was a fifth of figure3's encode.
 * The second store ends 28 bytes after the step's first byte: the loop
 * stops before it would pass the row, as pack_ssse3()'s does.
 */
__attribute__((target("avx2"))) static int
pack_avx2(unsigned char *out, const unsigned char *row, int w)
{
	const __m256i shuf = _mm256_setr_epi8(
	    2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6,
	    5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
	int x = 0;
	for (; 3 * (size_t)x + 28 <= 3 * (size_t)w; x += 8) {
		__m256i v = _mm256_shuffle_epi8(
		    _mm256_loadu_si256((const __m256i *)(row + 4 * x)), shuf);
		_mm_storeu_si128((__m128i *)(out + 3 * x),
				 _mm256_castsi256_si128(v));
		_mm_storeu_si128((__m128i *)(out + 3 * x + 12),
				 _mm256_extracti128_si256(v, 1));
	}
	return x;
}

#endif

/* One filtered row (filter byte 0 + RGB) from a 0x00RRGGBB row. */
static void filter_row(unsigned char *out, const unsigned char *row, int w)
{
	out[0] = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * The byte-swapped word shifted right by 8 is R, G, B, 0 in memory:
	 * store all four bytes and step by three; the spilled byte lands on
	 * the next row's filter byte or the buffer's spare byte.
	 */
	out++;
	int x = 0;
#ifdef HAVE_PACK_SSSE3
	if (__builtin_cpu_supports("avx2")) /* a load and a test */
		x = pack_avx2(out, row, w);
	if (__builtin_cpu_supports("ssse3"))
		x = pack_ssse3(out, row, w, x);
#endif
	for (; x < w; x++) {
		uint32_t v;
		memcpy(&v, row + 4 * (size_t)x, 4);
		v = __builtin_bswap32(v) >> 8;
		memcpy(out + 3 * (size_t)x, &v, 4);
	}
#else
	for (int x = 0; x < w; x++) {
		const unsigned char *px = row + 4 * (size_t)x;
		memcpy(out + 1 + 3 * (size_t)x, px + 1, 3); /* X, R, G, B */
	}
#endif
}

/* zlib's header for a 32 KB window at this level and strategy. */
static void zlib_header(int level, int strategy, unsigned char hdr[2])
{
	unsigned flevel = strategy >= Z_HUFFMAN_ONLY || level < 2 ? 0
			  : level < 6                             ? 1
			  : level == 6                            ? 2
								  : 3;
	unsigned v = (0x78u << 8) | (flevel << 6);
	v += 31 - v % 31;
	hdr[0] = (unsigned char)(v >> 8);
	hdr[1] = (unsigned char)v;
}

static int clamp_level(int level)
{
	return level < 0 ? SP_PNG_DEFAULT_LEVEL : level > 9 ? 9 : level;
}

static int clamp_mem(int mem_level)
{
	return mem_level < 1 ? SP_PNG_MEM_LEVEL : mem_level > 9 ? 9 : mem_level;
}

/*
 * Flushes cairo's drawing and refuses what we cannot write; *w, *h: the
 * size of what we can.
 */
static shmplot_status check_surface(cairo_surface_t *surface, int *w, int *h,
				    char *err, size_t errlen)
{
	cairo_surface_flush(surface);
	if (cairo_image_surface_get_format(surface) != CAIRO_FORMAT_RGB24)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"PNG encoder: only RGB24 surfaces are cut in "
				"stripes (and ARGB32 ones written whole)");
	*w = cairo_image_surface_get_width(surface);
	*h = cairo_image_surface_get_height(surface);
	if (*w <= 0 || *h <= 0 || !cairo_image_surface_get_data(surface))
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"PNG encoder: empty surface (%d x %d)", *w, *h);
	return SHMPLOT_OK;
}

/* One stripe on its way through zlib. */
typedef struct stripe_z {
	z_stream z;
	sp_png_part *part; /* the output so far: part->z holds cap bytes */
	size_t cap;
	unsigned char *buf; /* a segment's filtered rows */
} stripe_z;

/*
 * Runs deflate with flush until all input is in (and, for Z_FINISH, the
 * stream is ended), growing the output buffer as needed.
 */
static shmplot_status deflate_into(stripe_z *sz, int flush, char *err,
				   size_t errlen)
{
	z_stream *z = &sz->z;
	sp_png_part *part = sz->part;
	for (;;) {
		if (!z->avail_out) {
			size_t grown;
			unsigned char *q = sp_mul(sz->cap, 2, &grown)
					       ? NULL
					       : realloc(part->z, grown);
			if (!q)
				return no_memory(err, errlen);
			part->z = q;
			z->next_out = q + part->len;
			z->avail_out = (uInt)(grown - part->len);
			sz->cap = grown;
		}
		int st = deflate(z, flush);
		part->len = (size_t)(z->next_out - part->z);
		if (st == Z_STREAM_END)
			return SHMPLOT_OK;
		if (st == Z_MEM_ERROR)
			return no_memory(err, errlen);
		if (st != Z_OK)
			return sp_error(err, errlen, SHMPLOT_E_PNG,
					"PNG encoder: deflate failed (%d)", st);
		if (flush != Z_FINISH && !z->avail_in && z->avail_out)
			return SHMPLOT_OK;
	}
}

/*
 * Rows [y0, y1) of surface through sz, seg_rows at a time, each segment
 * from an empty window; last: these rows end the image, so the stream
 * ends too. part->adler receives the adler32 of the filtered rows.
 */
static shmplot_status deflate_rows(stripe_z *sz, cairo_surface_t *surface,
				   int y0, int y1, int seg_rows, int last,
				   char *err, size_t errlen)
{
	int w = cairo_image_surface_get_width(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data = cairo_image_surface_get_data(surface);
	size_t rb = row_bytes(w);
	uint32_t adler = 1; /* adler32 of nothing */
	shmplot_status st = SHMPLOT_OK;
	for (int y = y0; y < y1 && st == SHMPLOT_OK; y += seg_rows) {
		int n = y1 - y < seg_rows ? y1 - y : seg_rows;
		for (int i = 0; i < n; i++)
			filter_row(sz->buf + rb * (size_t)i,
				   data + (size_t)(y + i) * (size_t)stride, w);
		size_t len = rb * (size_t)n;
		adler = libdeflate_adler32(adler, sz->buf, len);
		if (y > y0)
			deflateReset(&sz->z);
		sz->z.next_in = sz->buf;
		sz->z.avail_in = (uInt)len;
		int end = last && y + n == y1;
		st = deflate_into(sz, end ? Z_FINISH : Z_SYNC_FLUSH, err,
				  errlen);
	}
	sz->part->adler = adler;
	return st;
}

/*
 * libdeflate's level for zlib level (0..9): the same number, except that
 * its level 1 (a hash table of its own) is slower on plots than its level
 * 2, which is faster than zlib's level 1 anyway.
 */
static int whole_level(int level)
{
	level = clamp_level(level);
	return level == 1 ? 2 : level;
}

/*
 * An image of one stripe has nothing to share out, so nothing has to join
 * its deflate to another's: it is deflated whole, in one call to
 * libdeflate, which on a batch's 400 x 300 figure (360 KB of rows, one
 * stripe) took 0.52 ms and 17.2 KB where zlib's segments at level 3 took
 * 0.63 ms and 19.2 KB (README, "Choosing the PNG settings"). libdeflate's
 * output depends only on the bytes and the level. Images of several
 * stripes keep zlib: libdeflate always ends its stream with a final block,
 * and stripes must be joined.
 */
static shmplot_status deflate_whole(cairo_surface_t *surface, int level,
				    sp_png_part *part, char *err, size_t errlen)
{
	int w = cairo_image_surface_get_width(surface);
	int h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data = cairo_image_surface_get_data(surface);
	size_t rb = row_bytes(w), raw = rb * (size_t)h; /* one stripe: small */
	/* the rows, + filter_row()'s spill */
	unsigned char *rows = malloc(raw + 1);
	struct libdeflate_compressor *c =
	    rows ? libdeflate_alloc_compressor(whole_level(level)) : NULL;
	size_t bound = c ? libdeflate_deflate_compress_bound(c, raw) : 0;
	part->z = c ? malloc(bound) : NULL;
	if (!part->z) {
		libdeflate_free_compressor(c);
		free(rows);
		return no_memory(err, errlen);
	}
	for (int y = 0; y < h; y++)
		filter_row(rows + rb * (size_t)y,
			   data + (size_t)y * (size_t)stride, w);
	part->len = libdeflate_deflate_compress(c, rows, raw, part->z, bound);
	part->adler = libdeflate_adler32(1, rows, raw);
	libdeflate_free_compressor(c);
	free(rows);
	if (!part->len) { /* cannot happen: the buffer is the bound */
		sp_png_part_free(part);
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"PNG encoder: libdeflate failed");
	}
	unsigned char *fit = realloc(part->z, part->len);
	if (fit)
		part->z = fit;
	return SHMPLOT_OK;
}

/*
 * Stripe stripe of k (a checked surface) through zlib, in segments; part
 * is zeroed. Also what png_levels measures libdeflate's whole image
 * against.
 */
static shmplot_status zlib_stripe(cairo_surface_t *surface, int k, int level,
				  int strategy, int mem_level, int stripe,
				  sp_png_part *part, char *err, size_t errlen)
{
	int w = cairo_image_surface_get_width(surface);
	int h = cairo_image_surface_get_height(surface);
	shmplot_status st;
	int y0, y1;
	stripe_rows(h, k, stripe, &y0, &y1);
	size_t rb = row_bytes(w);
	int seg_rows = clamp_level(level) > SEGMENT_LEVEL ? y1 - y0
		       : rb < SEGMENT                     ? (int)(SEGMENT / rb)
							  : 1;
	stripe_z sz;
	memset(&sz, 0, sizeof sz);
	sz.part = part;
	/* the rows of one segment, + filter_row()'s spill */
	sz.buf = malloc(rb * (size_t)seg_rows + 1);
	/* a plot deflates to a few % of its size; grown if need be */
	sz.cap = rb * (size_t)(y1 - y0) / 8 + 1024;
	part->z = sz.buf ? malloc(sz.cap) : NULL;
	if (!part->z || deflateInit2(&sz.z, clamp_level(level), Z_DEFLATED, -15,
				     clamp_mem(mem_level), strategy) != Z_OK) {
		free(sz.buf);
		sp_png_part_free(part);
		return no_memory(err, errlen);
	}
	sz.z.next_out = part->z;
	sz.z.avail_out = (uInt)sz.cap;
	st = deflate_rows(&sz, surface, y0, y1, seg_rows, stripe == k - 1, err,
			  errlen);
	deflateEnd(&sz.z);
	free(sz.buf);
	if (st != SHMPLOT_OK)
		sp_png_part_free(part);
	return st;
}

/*
 * Stripe stripe of k (a checked surface) through shmplot's own deflate
 * (deflate_plot.c), the default (level < 0); part is zeroed. A stripe
 * after the first also gets the row above it, the previous stripe's last,
 * which the decoder has in its window when the stripes are joined: its
 * first row can be coded as matches with that row. So a stripe's bytes
 * depend on its rows, the row before it and its index.
 */
static shmplot_status plot_stripe(cairo_surface_t *surface, int k, int stripe,
				  sp_png_part *part, char *err, size_t errlen)
{
	int w = cairo_image_surface_get_width(surface);
	int h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data = cairo_image_surface_get_data(surface);
	int y0, y1;
	stripe_rows(h, k, stripe, &y0, &y1);
	int first = stripe > 0 ? y0 - 1 : y0;
	size_t rb = row_bytes(w), pre = rb * (size_t)(y0 - first);
	size_t len = rb * (size_t)(y1 - y0);
	/* the rows, + filter_row()'s spill */
	unsigned char *rows = malloc(pre + len + 1);
	if (!rows)
		return no_memory(err, errlen);
	for (int y = first; y < y1; y++)
		filter_row(rows + rb * (size_t)(y - first),
			   data + (size_t)y * (size_t)stride, w);
	part->adler = libdeflate_adler32(1, rows + pre, len);
	int rc = sp_deflate_plot(rows, pre, len, rb, 3, stripe == k - 1,
				 &part->z, &part->len);
	free(rows);
	return rc ? no_memory(err, errlen) : SHMPLOT_OK;
}

static shmplot_status deflate_stripe(cairo_surface_t *surface, int level,
				     int strategy, int mem_level, int stripe,
				     sp_png_part *part, char *err,
				     size_t errlen)
{
	int w, h;
	memset(part, 0, sizeof *part);
	shmplot_status st = check_surface(surface, &w, &h, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	int k = sp_png_stripes(w, h);
	if (stripe < 0 || stripe >= k)
		return sp_error(err, errlen, SHMPLOT_E_PNG,
				"PNG encoder: stripe %d of %d does not exist",
				stripe, k);
	if (level < 0)
		return plot_stripe(surface, k, stripe, part, err, errlen);
	if (k == 1)
		return deflate_whole(surface, level, part, err, errlen);
	return zlib_stripe(surface, k, level, strategy, mem_level, stripe, part,
			   err, errlen);
}

shmplot_status sp_png_deflate_stripe(cairo_surface_t *surface, int level,
				     int stripe, sp_png_part *part, char *err,
				     size_t errlen)
{
	return deflate_stripe(surface, level, SP_PNG_STRATEGY, SP_PNG_MEM_LEVEL,
			      stripe, part, err, errlen);
}

/*
 * The file's chunks after libpng's head (IDAT, IEND) are written here,
 * not through libpng, whose chunk writer computes the CRC with zlib's
 * crc32: 4% of a batch figure's encode (87 K instructions for its 17 KB),
 * where libdeflate's CRC (and this writer) take 27 K in all. Same bytes:
 * a chunk is its length (big-endian), type, data and the CRC of type and
 * data (PNG 1.2, 5.3).
 */
typedef struct idat_writer {
	membuf *b;
	size_t left;  /* bytes left in the chunk being written */
	size_t total; /* bytes left in the stream */
	uint32_t crc; /* of the chunk so far */
} idat_writer;

/* Appends n bytes to b; -1 when out of memory. */
static int append(membuf *b, const void *p, size_t n)
{
	if (n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		while (n > cap - b->len)
			if (sp_mul(cap, 2, &cap))
				return -1;
		unsigned char *q = realloc(b->p, cap);
		if (!q)
			return -1;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static int append_be32(membuf *b, uint32_t v)
{
	unsigned char o[4] = {(unsigned char)(v >> 24),
			      (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			      (unsigned char)v};
	return append(b, o, 4);
}

/* Appends n bytes of the stream as IDAT chunks of IDAT_MAX at most. */
static int idat_put(idat_writer *iw, const unsigned char *p, size_t n)
{
	while (n) {
		if (!iw->left) {
			iw->left = iw->total < IDAT_MAX ? iw->total : IDAT_MAX;
			iw->crc = (uint32_t)libdeflate_crc32(0, "IDAT", 4);
			if (append_be32(iw->b, (uint32_t)iw->left) ||
			    append(iw->b, "IDAT", 4))
				return -1;
		}
		size_t m = n < iw->left ? n : iw->left;
		if (append(iw->b, p, m))
			return -1;
		iw->crc = (uint32_t)libdeflate_crc32(iw->crc, p, m);
		p += m;
		n -= m;
		iw->left -= m;
		iw->total -= m;
		if (!iw->left && append_be32(iw->b, iw->crc))
			return -1;
	}
	return 0;
}

void sp_png_part_free(sp_png_part *part)
{
	free(part->z);
	part->z = NULL;
	part->len = 0;
}

/* Signature, IHDR and (dpi > 0) pHYs: what precedes the image data. */
static void write_head(png_structp png, png_infop info, int w, int h,
		       double dpi)
{
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (dpi > 0) {
		png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	png_write_info(png, info);
}

/* The zlib stream that stripes make, framed by its header and trailer. */
typedef struct zstream_frame {
	unsigned char head[2], tail[4];
	size_t total; /* bytes of the whole stream */
} zstream_frame;

/*
 * The header and adler32 trailer around parts (k of them, for a w x h
 * image), and the stream's length. SHMPLOT_E_PNG if a stripe is missing.
 */
static shmplot_status frame_stripes(int w, int h, int level, int strategy,
				    const sp_png_part *parts, int k,
				    zstream_frame *f, char *err, size_t errlen)
{
	/* the plot deflate (level < 0) is zlib's "fastest" kind */
	zlib_header(level < 0 ? 1 : clamp_level(level), strategy, f->head);
	uLong adler = adler32(0, NULL, 0);
	f->total = sizeof f->head + sizeof f->tail;
	for (int s = 0; s < k; s++) {
		if (!parts[s].z || !parts[s].len)
			return sp_error(err, errlen, SHMPLOT_E_PNG,
					"PNG encoder: stripe %d of %d is "
					"missing",
					s, k);
		adler =
		    adler32_combine(adler, parts[s].adler,
				    (z_off_t)sp_png_stripe_raw_len(w, h, s));
		f->total += parts[s].len;
	}
	for (int i = 0; i < 4; i++)
		f->tail[i] = (unsigned char)(adler >> (24 - 8 * i));
	return SHMPLOT_OK;
}

/*
 * The zlib stream (header, the stripes in order, adler32 trailer) as IDAT
 * chunks, then IEND; -1 when out of memory.
 */
static int write_idat(membuf *b, const zstream_frame *f,
		      const sp_png_part *parts, int k)
{
	static const unsigned char iend[12] = {
	    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
	idat_writer iw = {b, 0, f->total, 0};
	int rc = idat_put(&iw, f->head, sizeof f->head);
	for (int s = 0; s < k && !rc; s++)
		rc = idat_put(&iw, parts[s].z, parts[s].len);
	if (!rc)
		rc = idat_put(&iw, f->tail, sizeof f->tail);
	return rc ? rc : append(b, iend, sizeof iend);
}

/*
 * libpng writes the file; the image data is the zlib stream made of the
 * stripes, which libpng frames as IDAT chunks like any other chunk data.
 */
static shmplot_status assemble(int w, int h, double dpi, int level,
			       int strategy, const sp_png_part *parts,
			       unsigned char **out, size_t *len, char *err,
			       size_t errlen)
{
	*out = NULL;
	*len = 0;
	int k = sp_png_stripes(w, h);
	zstream_frame f;
	shmplot_status st =
	    frame_stripes(w, h, level, strategy, parts, k, &f, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	errctx ectx = {err, errlen, SHMPLOT_OK};
	/* Volatile: modified between setjmp and a possible longjmp. */
	membuf buf = {0};
	membuf *volatile bufp = &buf;
	/* header chunks, then 12 bytes of framing per IDAT, then IEND */
	buf.cap = 256 + f.total + 12 * (f.total / IDAT_MAX + 1);
	buf.p = malloc(buf.cap);
	png_structp png =
	    buf.p ? png_create_write_struct(PNG_LIBPNG_VER_STRING, &ectx,
					    error_fn, warn_fn)
		  : NULL;
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, NULL);
		free(buf.p);
		return no_memory(err, errlen);
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(bufp->p);
		return ectx.status;
	}
	png_set_write_fn(png, bufp, write_fn, flush_fn);
	write_head(png, info, w, h, dpi);
	png_destroy_write_struct(&png, &info);
	if (write_idat(&buf, &f, parts, k)) {
		free(buf.p);
		return no_memory(err, errlen);
	}
	*out = buf.p;
	*len = buf.len;
	return SHMPLOT_OK;
}

shmplot_status sp_png_assemble(int w, int h, double dpi, int level,
			       const sp_png_part *parts, unsigned char **out,
			       size_t *len, char *err, size_t errlen)
{
	return assemble(w, h, dpi, level, SP_PNG_STRATEGY, parts, out, len, err,
			errlen);
}

/* Every stripe in turn, then the file. */
static shmplot_status encode_striped(cairo_surface_t *surface, int level,
				     double dpi, int strategy, int mem_level,
				     unsigned char **out, size_t *len,
				     char *err, size_t errlen)
{
	int w, h;
	*out = NULL;
	*len = 0;
	shmplot_status st = check_surface(surface, &w, &h, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	int k = sp_png_stripes(w, h);
	sp_png_part *parts = calloc((size_t)k, sizeof *parts);
	if (!parts)
		return no_memory(err, errlen);
	for (int s = 0; s < k && st == SHMPLOT_OK; s++)
		st = deflate_stripe(surface, level, strategy, mem_level, s,
				    &parts[s], err, errlen);
	if (st == SHMPLOT_OK)
		st = assemble(w, h, dpi, level, strategy, parts, out, len, err,
			      errlen);
	for (int s = 0; s < k; s++)
		sp_png_part_free(&parts[s]);
	free(parts);
	return st;
}

shmplot_status sp_png_encode(cairo_surface_t *surface, int level, double dpi,
			     unsigned char **out, size_t *len, char *err,
			     size_t errlen)
{
	if (cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32)
		return sp_png_encode_rgba(surface, level, dpi, out, len, err,
					  errlen);
	return encode_striped(surface, level, dpi, SP_PNG_STRATEGY,
			      SP_PNG_MEM_LEVEL, out, len, err, errlen);
}
