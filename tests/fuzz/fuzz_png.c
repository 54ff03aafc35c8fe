/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the PNG reader of `shmplot diff` (spd_png_decode in
 * src/png/decode.c), with the input as a whole file, under small limits so a
 * run explores bombs and absurd sizes without using much memory. An
 * accepted image must be within the limits and fully written.
 *
 * libpng checks every chunk's CRC and zlib the stream's adler32, so nearly
 * every plain mutation was refused at the first chunk it touched and a run
 * plateaued at 71 edges. The custom mutator below repairs what a mutation
 * breaks by accident: it recomputes every chunk's CRC, and one time in
 * three it mutates the image data inflated (filter bytes and samples) and
 * deflates it again into one IDAT chunk, so the decoder sees well-formed
 * files with odd contents. The reader under test is the real one, CRC
 * checks included; a corrupt CRC stays covered by the seed corpus
 * (truncated.png) and by tests/png/test_decode.c.
 */
#include "png/decode.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);

#define SIDE 512
/* Inflated image data the zlib path handles: the largest image allowed. */
#define RAW_MAX ((size_t)SIDE * (SIDE * 8 + 1))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	spd_png_limits lim;
	memset(&lim, 0, sizeof lim);
	lim.max_side = SIDE;
	lim.max_total_pixels = SIDE * SIDE;
	lim.max_file_bytes = 1 << 20;
	lim.max_chunk_bytes = 1 << 16;
	spd_image img;
	char err[512];
	if (spd_png_decode(data, size, &lim, &img, err, sizeof err) !=
	    SHMPLOT_OK) {
		if (img.px || img.px16 || !err[0])
			abort(); /* a failure leaves nothing and says why */
		return 0;
	}
	if (img.width <= 0 || img.height <= 0 || img.width > SIDE ||
	    img.height > SIDE || img.stride != (size_t)img.width * 4 || !img.px)
		abort();
	/* Touch every byte: ASan catches a short buffer. */
	unsigned sum = 0;
	size_t n = img.stride * (size_t)img.height;
	for (size_t i = 0; i < n; i++)
		sum += img.px[i];
	for (size_t i = 0; img.px16 && i < n; i++)
		sum += img.px16[i];
	(void)sum;
	spd_image_clear(&img);
	return 0;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Recomputes the CRC of every whole chunk after the signature. */
static void fix_crcs(uint8_t *d, size_t size)
{
	for (size_t pos = 8; pos + 12 <= size;) {
		uint32_t n = be32(d + pos);
		if (n > size - pos - 12)
			break;
		uLong crc = crc32(0, d + pos + 4, (uInt)n + 4);
		put_be32(d + pos + 8 + n, (uint32_t)crc);
		pos += (size_t)n + 12;
	}
}

/* A bounded output for rebuilding a file. */
typedef struct out {
	uint8_t *p;
	size_t len, cap;
} out;

static int put(out *o, const void *src, size_t n)
{
	if (n > o->cap - o->len)
		return -1;
	memcpy(o->p + o->len, src, n);
	o->len += n;
	return 0;
}

/* The IDAT chunks' data, concatenated (malloc'd), or NULL if none. */
static uint8_t *gather_idat(const uint8_t *d, size_t size, size_t *len)
{
	uint8_t *z = NULL;
	*len = 0;
	for (size_t pos = 8; pos + 12 <= size;) {
		uint32_t n = be32(d + pos);
		if (n > size - pos - 12)
			break;
		if (memcmp(d + pos + 4, "IDAT", 4) == 0) {
			uint8_t *nz = realloc(z, *len + n + 1);
			if (!nz)
				break;
			z = nz;
			memcpy(z + *len, d + pos + 8, n);
			*len += n;
		}
		pos += (size_t)n + 12;
	}
	return z;
}

/*
 * Rebuilds d with IDAT data z (zlen bytes) in one chunk where the first
 * IDAT was, other chunks as they were (CRCs are fixed afterwards). The new
 * size, or 0 if it does not fit in max.
 */
static size_t rebuild(uint8_t *d, size_t size, size_t max, const uint8_t *z,
		      size_t zlen)
{
	out o = {malloc(max), 0, max};
	int placed = 0, full = 0;
	if (!o.p || put(&o, d, 8)) {
		free(o.p);
		return 0;
	}
	for (size_t pos = 8; pos + 12 <= size && !full;) {
		uint32_t n = be32(d + pos);
		if (n > size - pos - 12)
			break;
		int idat = memcmp(d + pos + 4, "IDAT", 4) == 0;
		uint8_t hdr[8];
		put_be32(hdr, (uint32_t)zlen);
		memcpy(hdr + 4, "IDAT", 4);
		if (idat && !placed)
			full = put(&o, hdr, 8) || put(&o, z, zlen) ||
			       put(&o, "CRC!", 4);
		placed |= idat;
		if (!idat && !full)
			full = put(&o, d + pos, (size_t)n + 12);
		pos += (size_t)n + 12;
	}
	size_t len = full ? 0 : o.len;
	memcpy(d, o.p, len);
	free(o.p);
	return len;
}

/* Mutates the inflated image data and deflates it again; 0 if it can't. */
static size_t mutate_image_data(uint8_t *d, size_t size, size_t max)
{
	/* libFuzzer mutates on one thread: the buffers are reused. */
	static uint8_t raw[RAW_MAX], back[RAW_MAX + RAW_MAX / 1000 + 64];
	size_t zlen, res = 0;
	uint8_t *z = gather_idat(d, size, &zlen);
	uLongf got = sizeof raw, blen = sizeof back;
	if (z && uncompress(raw, &got, z, zlen) != Z_DATA_ERROR && got) {
		size_t rawlen = LLVMFuzzerMutate(raw, got, sizeof raw);
		if (compress2(back, &blen, raw, rawlen, 1) == Z_OK)
			res = rebuild(d, size, max, back, blen);
	}
	free(z);
	return res;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned int seed)
{
	size_t n = 0;
	if (seed % 3 == 0 && size > 8)
		n = mutate_image_data(data, size, max);
	if (n == 0)
		n = LLVMFuzzerMutate(data, size, max);
	fix_crcs(data, n);
	return n;
}
