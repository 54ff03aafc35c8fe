/* SPDX-License-Identifier: MIT */
/*
 * shmplot's own deflate, for plot images: what the default PNG level
 * (-1) writes (encode.c). zlib at level 3 spent more of a figure's time
 * than drawing it, searching hash chains for matches at any distance;
 * a plot's filtered rows are mostly long runs of one colour and rows
 * equal to the row above, so this looks for matches at two distances
 * first: one pixel back (a run) and one row back (the row above, also
 * across a stripe's first row when the caller passes the row before it
 * and it is within deflate's 32 KB window). Where neither matches, one
 * more candidate: the last place the same 3 bytes were seen (a table of
 * 4,096 slots, no chains; a match of 4 bytes at least), which finds the
 * anti-aliased edges and glyphs seen before: 21% smaller batch figures
 * for 15% more instructions. Everything else is a literal.
 *
 * Each block (up to BLOCK_ITEMS symbols) gets Huffman codes built from
 * its own symbol counts (huffman.c; lengths up to 15, 7 for the code
 * length code), and is written as a dynamic, fixed or stored block,
 * whichever is smallest. The bit writer keeps a 64-bit accumulator and
 * stores 8 bytes at a time. Nothing depends on addresses, time or any
 * state but the bytes in: equal rows give equal output.
 *
 * Ideas followed (no code taken): fpnge by Luca Versari (Apache-2.0: a
 * PNG deflate restricted to the matches images have, Huffman codes from
 * counts per block), fpng by Rich Geldreich (public domain: the same
 * kind of fast path, a 64-bit bit buffer) and zlib's deflate_rle and
 * deflate_fast (zlib licence: matches at distance one only; one hash
 * table slot per 3 bytes, no chain).
 */
#include "png/deflate_plot.h"

#include "png/huffman.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BLOCK_ITEMS 16384u /* symbols a block: its Huffman codes adapt */
#define MAX_MATCH   258u
#define MIN_MATCH   3u
#define WINDOW      32768u
#define NLL         286 /* literal/length symbols, with end of block */
#define ND          30  /* distance symbols */
#define NCL         19  /* code length symbols */
#define EOB         256

/* the two distances: one pixel back, one row back */
enum { K_RUN, K_UP, KINDS };

/* An item: literal/length symbol (9 bits), length extra (5), kind (1). */
#define IT_SYM(it)  ((it)&511u)
#define IT_LX(it)   (((it) >> 9) & 31u)
#define IT_KIND(it) (((it) >> 14) & 1u)
/* a match found through head[]: bit 15, its distance - 1 in bits 16-30 */
#define IT_FAR(it)              (((it) >> 15) & 1u)
#define IT_DIST(it)             (((it) >> 16) + 1u)
#define IT_MATCH(sym, lx, kind) ((sym) | (lx) << 9 | (kind) << 14)

typedef struct bitw {
	uint64_t acc;
	unsigned n; /* bits in acc */
	unsigned char *buf;
	size_t len, cap;
} bitw;

typedef struct pdef {
	const unsigned char *base; /* the window's start */
	size_t row;                /* bytes a row: the distance up */
	unsigned bpp;              /* bytes a pixel: the distance of a run */
	int up_ok;                 /* row within the window */
	uint32_t items[BLOCK_ITEMS];
	uint32_t nitems;
	uint32_t freq_ll[NLL], freq_d[ND];
	uint32_t kind_count[KINDS]; /* matches at each distance */
	uint64_t extra_bits;        /* of lengths (distances': kind_count) */
	unsigned dcode[KINDS], dxbits[KINDS], dxval[KINDS];
	bitw w;
	/*
	 * Where literals look further back: the last position (+ 1, from
	 * base; 0: none) of the 3 bytes hashed to each slot. Positions, not
	 * addresses, and zeroed each call: the bytes stay the same.
	 */
	uint32_t head[4096];
} pdef;

static const uint8_t len_xbits[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
				      1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
				      4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint8_t cl_order[NCL] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
				      11, 4,  12, 3, 13, 2, 14, 1, 15};

static unsigned log2u(uint32_t v)
{
	return 31u - (unsigned)__builtin_clz(v);
}

/* Distance d (1..32768): its code, extra bits and their value. */
static void dist_code(size_t d, unsigned *code, unsigned *xb, unsigned *xv)
{
	uint32_t v = (uint32_t)d - 1;
	if (v < 4) {
		*code = v;
		*xb = *xv = 0;
		return;
	}
	unsigned e = log2u(v) - 1;
	*code = 2 * e + 2 + ((v >> e) & 1u);
	*xb = e;
	*xv = v & ((1u << e) - 1);
}

/* ---- the parse ---- */

#ifdef __SSE2__
/* The first of 16 bytes at a that differs from b's, or 16. */
static unsigned diff16(const unsigned char *a, const unsigned char *b)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)a);
	__m128i y = _mm_loadu_si128((const __m128i *)(const void *)b);
	unsigned ne =
	    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xffffu;
	return ne ? (unsigned)__builtin_ctz(ne) : 16;
}
#endif

/*
 * How many bytes from a equal those from b, up to max. With SSE2, 32
 * bytes a test, and the tail as the last 16 bytes, overlapping bytes
 * already found equal: byte by byte, the tail of a 255-byte compare was
 * a third of the time.
 */
static size_t match_len(const unsigned char *a, const unsigned char *b,
			size_t max)
{
	size_t n = 0;
#ifdef __SSE2__
	for (; n + 32 <= max; n += 32) {
		const __m128i *x = (const __m128i *)(const void *)(a + n);
		const __m128i *y = (const __m128i *)(const void *)(b + n);
		__m128i e0 =
		    _mm_cmpeq_epi8(_mm_loadu_si128(x), _mm_loadu_si128(y));
		__m128i e1 = _mm_cmpeq_epi8(_mm_loadu_si128(x + 1),
					    _mm_loadu_si128(y + 1));
		if (_mm_movemask_epi8(_mm_and_si128(e0, e1)) != 0xffff) {
			unsigned eq = (unsigned)_mm_movemask_epi8(e0) |
				      (unsigned)_mm_movemask_epi8(e1) << 16;
			return n + (size_t)__builtin_ctz(~eq);
		}
	}
	if (n + 16 <= max) {
		unsigned d = diff16(a + n, b + n);
		if (d < 16)
			return n + d;
		n += 16;
	}
	if (n < max && max >= 16) {
		unsigned d = diff16(a + max - 16, b + max - 16);
		return d < 16 ? max - 16 + d : max;
	}
#endif
	for (; n + 8 <= max; n += 8) {
		uint64_t x, y;
		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return n + (size_t)(__builtin_ctzll(x ^ y) >> 3);
#else
			return n + (size_t)(__builtin_clzll(x ^ y) >> 3);
#endif
		}
	}
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

/* The item of a match of len (3..258) at distance kind; *xbits: its extra. */
static uint32_t match_item(size_t len, unsigned kind, uint32_t *xbits)
{
	uint32_t l = (uint32_t)(len - MIN_MATCH), code, e = 0;
	if (l < 8) {
		code = l;
	} else if (l == 255) {
		code = 28;
	} else {
		e = log2u(l) - 2;
		code = 4 * e + 4 + ((l >> e) & 3u);
	}
	*xbits = e;
	return IT_MATCH(257 + code, l & ((1u << e) - 1), kind);
}

/* Whether the 3 bytes at a equal those at b: a match is worth a look. */
static int same3(const unsigned char *a, const unsigned char *b)
{
	uint16_t x, y;
	memcpy(&x, a, 2);
	memcpy(&y, b, 2);
	return x == y && a[2] == b[2];
}

/*
 * Symbols for the bytes from p on, until end or a full block; returns
 * where it stopped. Greedy: the longer of the run and the match with the
 * row above; when neither reaches MIN_MATCH, the match (of 4 bytes at
 * least: a shorter one at a long distance costs as much as literals)
 * where head[] last saw these 3 bytes; else a literal, whose position
 * head[] then keeps (positions inside matches are not hashed). A
 * stretch of literals could be found 14 bytes at a time with SSE2 when
 * only runs and rows were tried; every literal now looks up head[].
 * The state lives
 * in locals here: through c, every store to an item made the compiler
 * load the counts again.
 */
static const unsigned char *parse(pdef *c, const unsigned char *p,
				  const unsigned char *end)
{
	const size_t row = c->row, bpp = c->bpp;
	const unsigned char *run_from = c->base + bpp;
	/* no match up from before the window's second row, or ever */
	const unsigned char *up_from = c->up_ok ? c->base + row : end;
	uint32_t *items = c->items, *freq = c->freq_ll, n = c->nitems;
	uint64_t xbits = 0;
	while (p < end && n < BLOCK_ITEMS) {
		size_t max = (size_t)(end - p);
		if (max > MAX_MATCH)
			max = MAX_MATCH;
		size_t best = 0;
		unsigned kind = K_RUN;
		if (max < MIN_MATCH) {
			/* the last bytes: literals */
		} else if (p >= run_from && same3(p, p - bpp)) {
			best = 3 + match_len(p + 3, p + 3 - bpp, max - 3);
		}
		/* the longer; a run when equal: its distance has no extra bits
		 */
		if (best < max && max >= MIN_MATCH && p >= up_from &&
		    same3(p, p - row)) {
			size_t up = 3 + match_len(p + 3, p + 3 - row, max - 3);
			if (up > best) {
				best = up;
				kind = K_UP;
			}
		}
		if (!best && max >= 4) {
			uint32_t v =
			    p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
			uint32_t h = (v * 0x9E3779B1u) >> 20;
			uint32_t q = c->head[h];
			size_t pos = (size_t)(p - c->base);
			c->head[h] = (uint32_t)pos + 1;
			uint32_t w4, c4 = 0;
			int near = q && pos - (q - 1) <= 32768;
			/* a match has 4 bytes at least: most candidates
			 * (60% of the batch figure's) fail these 4, and then
			 * without a call */
			memcpy(&w4, p, 4);
			if (near)
				memcpy(&c4, c->base + (q - 1), 4);
			if (near && c4 == w4) {
				const unsigned char *cand = c->base + (q - 1);
				size_t l =
				    4 + match_len(p + 4, cand + 4, max - 4);
				uint32_t e, it = match_item(l, 0, &e);
				size_t dist = pos - (q - 1);
				unsigned dc, dxb, dxv;
				dist_code(dist, &dc, &dxb, &dxv);
				it |= 1u << 15 | (uint32_t)(dist - 1) << 16;
				items[n++] = it;
				freq[IT_SYM(it)]++;
				c->freq_d[dc]++;
				xbits += e + dxb;
				p += l;
				continue;
			}
		}
		if (best) {
			uint32_t e, it = match_item(best, kind, &e);
			items[n++] = it;
			freq[IT_SYM(it)]++;
			c->kind_count[kind]++;
			xbits += e;
			p += best;
		} else {
			items[n++] = *p;
			freq[*p]++;
			p++;
		}
	}
	c->nitems = n;
	c->extra_bits += xbits;
	return p;
}

/* ---- the bit writer ---- */

static void put(bitw *w, uint64_t bits, unsigned n)
{
	w->acc |= bits << w->n;
	w->n += n;
}

/* Moves whole bytes out of acc; at most 63 bits may be in it. */
static void drain(bitw *w)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(w->buf + w->len, &w->acc, 8);
#else
	for (int i = 0; i < 8; i++)
		w->buf[w->len + i] = (unsigned char)(w->acc >> (8 * i));
#endif
	unsigned bytes = w->n >> 3; /* < 8 */
	w->len += bytes;
	w->acc >>= 8 * bytes;
	w->n &= 7;
}

static void align(bitw *w)
{
	w->n = (w->n + 7) & ~7u;
	drain(w);
}

/* Room for bytes more (and drain()'s 8-byte store); -1: out of memory. */
static int reserve(bitw *w, size_t bytes)
{
	size_t need = w->len + bytes + 16;
	if (need <= w->cap)
		return 0;
	size_t cap = w->cap * 2 > need ? w->cap * 2 : need;
	unsigned char *b = realloc(w->buf, cap);
	if (!b)
		return -1;
	w->buf = b;
	w->cap = cap;
	return 0;
}

/* ---- blocks ---- */

/* A dynamic block's header: code lengths, run-length coded. */
typedef struct dyn_head {
	uint8_t ll_len[NLL], d_len[ND], cl_len[NCL];
	uint16_t ll_code[NLL], d_code[ND], cl_code[NCL];
	uint8_t sym[NLL + ND], xval[NLL + ND]; /* code length code items */
	int nsym, hlit, hdist, hclen;
	uint64_t bits; /* of the header after the 3 block-type bits */
} dyn_head;

static void cl_item(dyn_head *h, uint32_t *freq, int sym, int xval)
{
	h->sym[h->nsym] = (uint8_t)sym;
	h->xval[h->nsym++] = (uint8_t)xval;
	freq[sym]++;
}

/* lens[0..n) as code length symbols (16: repeat, 17/18: zeros). */
static void cl_runs(dyn_head *h, const uint8_t *lens, int n, uint32_t *freq)
{
	for (int i = 0; i < n;) {
		int v = lens[i], run = 1;
		while (i + run < n && lens[i + run] == v)
			run++;
		i += run;
		if (!v) {
			for (; run >= 11; run -= run < 138 ? run : 138)
				cl_item(h, freq, 18,
					(run < 138 ? run : 138) - 11);
			if (run >= 3) {
				cl_item(h, freq, 17, run - 3);
				run = 0;
			}
		} else {
			cl_item(h, freq, v, 0);
			for (run--; run >= 3; run -= run < 6 ? run : 6)
				cl_item(h, freq, 16, (run < 6 ? run : 6) - 3);
		}
		while (run-- > 0)
			cl_item(h, freq, v, 0);
	}
}

static void build_dynamic(const pdef *c, dyn_head *h)
{
	static const uint8_t cl_xbits[NCL] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					      0, 0, 0, 0, 0, 0, 2, 3, 7};
	sp_huff_lengths(c->freq_ll, NLL, 15, h->ll_len);
	sp_huff_lengths(c->freq_d, ND, 15, h->d_len);
	h->hlit = NLL;
	while (h->hlit > 257 && !h->ll_len[h->hlit - 1])
		h->hlit--;
	h->hdist = ND;
	while (h->hdist > 1 && !h->d_len[h->hdist - 1])
		h->hdist--;
	uint8_t lens[NLL + ND];
	memcpy(lens, h->ll_len, (size_t)h->hlit);
	memcpy(lens + h->hlit, h->d_len, (size_t)h->hdist);
	uint32_t freq[NCL] = {0};
	h->nsym = 0;
	cl_runs(h, lens, h->hlit + h->hdist, freq);
	sp_huff_lengths(freq, NCL, 7, h->cl_len);
	h->hclen = NCL;
	while (h->hclen > 4 && !h->cl_len[cl_order[h->hclen - 1]])
		h->hclen--;
	h->bits = 5 + 5 + 4 + 3 * (uint64_t)h->hclen;
	for (int s = 0; s < NCL; s++)
		h->bits += (uint64_t)freq[s] * (h->cl_len[s] + cl_xbits[s]);
	sp_huff_codes(h->ll_len, NLL, h->ll_code);
	sp_huff_codes(h->d_len, ND, h->d_code);
	sp_huff_codes(h->cl_len, NCL, h->cl_code);
}

static void write_dyn_head(bitw *w, const dyn_head *h)
{
	static const uint8_t cl_xbits[3] = {2, 3, 7};
	put(w,
	    (uint64_t)(h->hlit - 257) | (uint64_t)(h->hdist - 1) << 5 |
		(uint64_t)(h->hclen - 4) << 10,
	    14);
	for (int i = 0; i < h->hclen; i++) {
		put(w, h->cl_len[cl_order[i]], 3);
		drain(w);
	}
	for (int i = 0; i < h->nsym; i++) {
		int s = h->sym[i];
		put(w, h->cl_code[s], h->cl_len[s]);
		if (s >= 16)
			put(w, h->xval[i], cl_xbits[s - 16]);
		drain(w);
	}
}

/* The block's symbols with these codes, then end of block. */
static void write_items(const pdef *c, bitw *wp, const uint16_t *ll_code,
			const uint8_t *ll_len, const uint16_t *d_code,
			const uint8_t *d_len)
{
	/* a copy in locals: through wp, each byte stored reloads the state */
	bitw local = *wp, *w = &local;
	uint64_t dbits[KINDS];
	unsigned dn[KINDS];
	for (int k = 0; k < KINDS; k++) {
		unsigned dc = c->dcode[k];
		dbits[k] = d_code[dc] | (uint64_t)c->dxval[k] << d_len[dc];
		dn[k] = d_len[dc] + c->dxbits[k];
	}
	for (uint32_t i = 0; i < c->nitems; i++) {
		uint32_t it = c->items[i], sym = IT_SYM(it);
		put(w, ll_code[sym], ll_len[sym]);
		if (sym > EOB) {
			put(w, IT_LX(it), len_xbits[sym - 257]);
			if (IT_FAR(it)) {
				unsigned dc, dxb, dxv;
				dist_code(IT_DIST(it), &dc, &dxb, &dxv);
				put(w, d_code[dc] | (uint64_t)dxv << d_len[dc],
				    d_len[dc] + dxb);
			} else {
				put(w, dbits[IT_KIND(it)], dn[IT_KIND(it)]);
			}
		}
		drain(w);
	}
	put(w, ll_code[EOB], ll_len[EOB]);
	drain(w);
	*wp = local;
}

/* Bits of the block's symbols in the fixed code (3.2.6), header too. */
static uint64_t fixed_bits(const pdef *c)
{
	uint64_t bits = 3 + c->extra_bits;
	for (int s = 0; s < NLL; s++) {
		unsigned l = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
		bits += (uint64_t)c->freq_ll[s] * l;
	}
	for (int s = 0; s < ND; s++)
		bits += (uint64_t)c->freq_d[s] * 5;
	return bits;
}

static uint64_t coded_bits(const pdef *c, const uint8_t *ll_len,
			   const uint8_t *d_len)
{
	uint64_t bits = c->extra_bits;
	for (int s = 0; s < NLL; s++)
		bits += (uint64_t)c->freq_ll[s] * ll_len[s];
	for (int s = 0; s < ND; s++)
		bits += (uint64_t)c->freq_d[s] * d_len[s];
	return bits;
}

/* Raw bytes as stored blocks of at most 65535 bytes each. */
static void write_stored(bitw *w, const unsigned char *p, size_t n, int final)
{
	do {
		size_t m = n < 65535 ? n : 65535;
		put(w, final && m == n, 3); /* BTYPE 00 */
		align(w);
		unsigned char hdr[4] = {
		    (unsigned char)m, (unsigned char)(m >> 8),
		    (unsigned char)~m, (unsigned char)(~m >> 8)};
		memcpy(w->buf + w->len, hdr, 4);
		memcpy(w->buf + w->len + 4, p, m);
		w->len += 4 + m;
		p += m;
		n -= m;
	} while (n);
}

/* The fixed code (RFC 1951, 3.2.6). */
typedef struct fixed_code {
	uint8_t ll_len[288], d_len[ND];
	uint16_t ll_code[288], d_code[ND];
} fixed_code;

static void fixed_init(fixed_code *f)
{
	for (int s = 0; s < 288; s++)
		f->ll_len[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
	memset(f->d_len, 5, sizeof f->d_len);
	sp_huff_codes(f->ll_len, 288, f->ll_code);
	sp_huff_codes(f->d_len, ND, f->d_code);
}

static void clear_counts(pdef *c)
{
	c->nitems = 0;
	c->extra_bits = 0;
	memset(c->freq_ll, 0, sizeof c->freq_ll);
	memset(c->freq_d, 0, sizeof c->freq_d);
	memset(c->kind_count, 0, sizeof c->kind_count);
}

/*
 * The block parsed into c (its raw bytes: raw, n), as the smallest of a
 * dynamic, a fixed and stored blocks; then the counts are cleared.
 */
static int write_block(pdef *c, const unsigned char *raw, size_t n, int final)
{
	dyn_head h;
	c->freq_ll[EOB] = 1;
	for (int k = 0; k < KINDS; k++) {
		c->freq_d[c->dcode[k]] += c->kind_count[k];
		c->extra_bits += (uint64_t)c->kind_count[k] * c->dxbits[k];
	}
	build_dynamic(c, &h);
	uint64_t dyn = 3 + h.bits + coded_bits(c, h.ll_len, h.d_len);
	uint64_t fix = fixed_bits(c);
	/* stored: 3 bits, up to 7 of alignment, 4 bytes a piece */
	uint64_t stored = 8 * ((uint64_t)n + 5 * (n / 65535 + 1));
	uint64_t best = dyn < fix ? dyn : fix;
	if (reserve(&c->w, (best < stored ? best : stored) / 8 + 8))
		return -1;
	if (stored <= best) {
		write_stored(&c->w, raw, n, final);
	} else if (dyn < fix) {
		put(&c->w, (unsigned) final | 2u << 1, 3);
		write_dyn_head(&c->w, &h);
		write_items(c, &c->w, h.ll_code, h.ll_len, h.d_code, h.d_len);
	} else { /* rare on plots: its codes only when needed */
		fixed_code f;
		fixed_init(&f);
		put(&c->w, (unsigned) final | 1u << 1, 3);
		write_items(c, &c->w, f.ll_code, f.ll_len, f.d_code, f.d_len);
	}
	clear_counts(c);
	return 0;
}

static void set_kind(pdef *c, unsigned kind, size_t dist)
{
	dist_code(dist, &c->dcode[kind], &c->dxbits[kind], &c->dxval[kind]);
}

int sp_deflate_plot(const unsigned char *data, size_t pre, size_t len,
		    size_t row_bytes, int bpp, int last, unsigned char **out,
		    size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	/* not calloc: zeroing the items cost 5% of a figure's deflate */
	pdef *c = malloc(sizeof *c);
	if (!c)
		return -1;
	clear_counts(c);
	memset(c->head, 0, sizeof c->head);
	memset(&c->w, 0, sizeof c->w);
	c->base = data;
	c->row = row_bytes;
	c->bpp = (unsigned)bpp;
	c->up_ok = row_bytes <= WINDOW;
	set_kind(c, K_RUN, (size_t)bpp);
	set_kind(c, K_UP, c->up_ok ? row_bytes : 1);
	/* a plot deflates to a few % of its rows; grown if need be */
	c->w.cap = len / 16 + 1024;
	c->w.buf = malloc(c->w.cap);
	const unsigned char *p = data + pre, *end = p + len;
	int rc = c->w.buf ? 0 : -1;
	while (!rc && p < end) {
		const unsigned char *q = parse(c, p, end);
		rc = write_block(c, p, (size_t)(q - p), last && q == end);
		p = q;
	}
	if (!rc && !last) {
		/* an empty stored block, as Z_SYNC_FLUSH ends a stripe */
		rc = reserve(&c->w, 8);
		if (!rc)
			write_stored(&c->w, p, 0, 0);
	} else if (!rc) {
		align(&c->w);
	}
	if (rc) {
		free(c->w.buf);
		free(c);
		return -1;
	}
	*out = c->w.buf;
	*out_len = c->w.len;
	free(c);
	return 0;
}
