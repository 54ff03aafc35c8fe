// SPDX-License-Identifier: MIT
/*
 * A 128-bit non-cryptographic hash for incremental keys (inc.h): what an
 * output was rendered from, and the bytes of the file it wrote. Keys guard
 * against accidents (a changed CSV, a hand-edited PNG), not against an
 * attacker who edits the user's own data to collide with it, so speed
 * wins over a cryptographic hash: SipHash-2-4 (64 bits at that) and
 * BLAKE2 manage a few bytes a cycle at best in portable C, while this
 * takes 1.5 to 1.8 times a plain read pass over the same memory
 * (tests/bench/key_bench.c, SSE2: 6.8 GB/s beside 10.5, 15.4 beside 27.0
 * on a shared machine), so hashing a series or a file read back costs
 * about what touching it does. 128 bits keep
 * accidental collisions out of reach however many figures a directory
 * collects (about 2^-65 for 2^32 of them).
 *
 * The structure follows XXH3's long-input loop (xxHash, Yann Collet, BSD
 * 2-Clause licence; see LICENSE): eight 64-bit lanes take 64-byte stripes,
 * each lane adds the product of the two 32-bit halves of (data ^ secret)
 * and the neighbouring lane's raw data; every 16 stripes the lanes are
 * scrambled; the end folds the lanes pairwise through 64 x 64 -> 128-bit
 * multiplies into two avalanched halves. Unlike XXH3, every length goes
 * through the stripe loop (the last stripe zero-padded, the length mixed
 * into both halves), and the secret is shmplot's own (splitmix64 from
 * a fixed seed). The values are not XXH3's and need not be: keys are
 * compared only with keys this code made. The code is shmplot's own.
 */
#include "incremental/inc.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define LANES  8
#define STRIPE 64
#define BLOCK  16 /* stripes between scrambles */
#define NSEC   (BLOCK + LANES + 8)

/* splitmix64 from 0x5348504c4f54 ("SHPLOT"), the first NSEC outputs. */
static const uint64_t secret[NSEC] = {
    0x41b8df297ec4cd7a, 0x1241e75c4cda7e23, 0x113820b8c418089d,
    0x457122cc096fecf4, 0x1332b0f374fe5501, 0xfcc00f53ffcc8cd9,
    0xb1120798fd79db0f, 0x27527e5ecf5bcb1e, 0x50e085bf6c4c848a,
    0x5104a51851859f06, 0xbcb04b9d87438744, 0x0e3da417db4ab961,
    0x5f69994d328c5bc4, 0xca4b686c6c309b0b, 0xdaf2ac16d3ed8ab9,
    0x1e10aa5c09ba5db8, 0x0bfa54a4b0b89198, 0x6adb8a2701db5f7a,
    0x5fe093f71252d85e, 0xb80273b35fab87bc, 0xd1095d6121b73861,
    0x9ce53542a8456840, 0x8eed9913374800c2, 0xa372e3e1fd727dd1,
    0x6177a0a276460a6a, 0x850c2810e7e0cb08, 0xbeb2914f0ebd688a,
    0xbe0295979ab7f852, 0x7a94a7e7efed819b, 0x997507e70f68264b,
    0x02af9249e822aa53, 0x184ffd7db55e2a1f};

#define PRIME32_1 0x9e3779b1u
#define PRIME64_1 0x9e3779b185ebca87ull
#define PRIME64_2 0xc2b2ae3d27d4eb4full

#if defined(__SSE2__)
/*
 * Two lanes a vector (SSE2 is in every x86-64): _mm_mul_epu32 multiplies
 * the low halves of two 64-bit lanes, so the key's halves are shuffled
 * into place; the data's lanes are swapped for acc[i ^ 1]. The same sums
 * as the scalar loop below, about three times as fast.
 */
static inline void accumulate(uint64_t *acc, const unsigned char *p,
			      const uint64_t *sec)
{
	for (int i = 0; i < LANES; i += 2) {
		__m128i a = _mm_loadu_si128((const __m128i *)(acc + i));
		__m128i d = _mm_loadu_si128((const __m128i *)(p + 8 * i));
		__m128i k = _mm_xor_si128(
		    d, _mm_loadu_si128((const __m128i *)(sec + i)));
		__m128i hi = _mm_shuffle_epi32(k, _MM_SHUFFLE(0, 3, 0, 1));
		__m128i prod = _mm_mul_epu32(k, hi);
		__m128i swap = _mm_shuffle_epi32(d, _MM_SHUFFLE(1, 0, 3, 2));
		a = _mm_add_epi64(a, _mm_add_epi64(prod, swap));
		_mm_storeu_si128((__m128i *)(acc + i), a);
	}
}
#else
static inline uint64_t load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v; /* native order: keys stay on the machine that made them */
}

static inline void accumulate(uint64_t *acc, const unsigned char *p,
			      const uint64_t *sec)
{
	for (int i = 0; i < LANES; i++) {
		uint64_t d = load64(p + 8 * i), k = d ^ sec[i];
		acc[i ^ 1] += d;
		acc[i] += (k & 0xffffffffu) * (k >> 32);
	}
}
#endif

static inline void scramble(uint64_t *acc)
{
	for (int i = 0; i < LANES; i++) {
		uint64_t a = acc[i];
		a ^= a >> 47;
		a ^= secret[BLOCK + i];
		acc[i] = a * PRIME32_1;
	}
}

static inline uint64_t fold128(uint64_t a, uint64_t b)
{
	unsigned __int128 p = (unsigned __int128)a * b;
	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

static uint64_t avalanche(uint64_t h)
{
	h ^= h >> 37;
	h *= 0x165667919e3779f9ull;
	return h ^ (h >> 32);
}

static uint64_t merge(const uint64_t *acc, int off, uint64_t start)
{
	uint64_t h = start;
	for (int i = 0; i < LANES; i += 2)
		h += fold128(acc[i] ^ secret[off + i],
			     acc[i + 1] ^ secret[off + i + 1]);
	return avalanche(h);
}

void sp_hash_init(sp_hash *h)
{
	static const uint64_t init[LANES] = {0xc2b2ae3dull,
					     PRIME64_1,
					     PRIME64_2,
					     0x165667b19e3779f9ull,
					     0x85ebca77c2b2ae63ull,
					     0x85ebca77,
					     PRIME32_1,
					     0x27d4eb2f165667c5ull};
	memcpy(h->acc, init, sizeof init);
	h->stripes = 0;
	h->len = 0;
	h->nbuf = 0;
}

static void stripe(sp_hash *h, const unsigned char *p)
{
	accumulate(h->acc, p, secret + h->stripes);
	if (++h->stripes == BLOCK) {
		scramble(h->acc);
		h->stripes = 0;
	}
}

void sp_hash_update(sp_hash *h, const void *data, size_t len)
{
	const unsigned char *p = data;

	h->len += len;
	if (h->nbuf) {
		size_t take = STRIPE - h->nbuf < len ? STRIPE - h->nbuf : len;
		memcpy(h->buf + h->nbuf, p, take);
		h->nbuf += take;
		p += take;
		len -= take;
		if (h->nbuf < STRIPE)
			return;
		stripe(h, h->buf);
		h->nbuf = 0;
	}
	/* The hot loop: whole blocks of stripes, then a scramble. */
	while (h->stripes == 0 && len >= (size_t)STRIPE * BLOCK) {
		for (int s = 0; s < BLOCK; s++)
			accumulate(h->acc, p + s * STRIPE, secret + s);
		scramble(h->acc);
		p += STRIPE * BLOCK;
		len -= STRIPE * BLOCK;
	}
	for (; len >= STRIPE; p += STRIPE, len -= STRIPE)
		stripe(h, p);
	memcpy(h->buf, p, len);
	h->nbuf = len;
}

void sp_hash_final(const sp_hash *h, unsigned char out[16])
{
	uint64_t acc[LANES];
	unsigned char last[STRIPE] = {0};

	memcpy(acc, h->acc, sizeof acc);
	/* The tail, zero-padded; the length below tells "a" from "a\0". */
	memcpy(last, h->buf, h->nbuf);
	accumulate(acc, last, secret + NSEC - LANES);
	uint64_t lo = merge(acc, 1, h->len * PRIME64_1);
	uint64_t hi = merge(acc, 3, ~(h->len * PRIME64_2));
	memcpy(out, &lo, 8);
	memcpy(out + 8, &hi, 8);
}

void sp_hash_bytes(const void *data, size_t len, unsigned char out[16])
{
	sp_hash h;
	sp_hash_init(&h);
	sp_hash_update(&h, data, len);
	sp_hash_final(&h, out);
}

int sp_hash_fd(sp_hash *h, int fd, unsigned char *buf, size_t len,
	       uint64_t *total)
{
	*total = 0;
	for (;;) {
		ssize_t r = read(fd, buf, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno;
		if (r == 0)
			return 0;
		sp_hash_update(h, buf, (size_t)r);
		*total += (uint64_t)r;
	}
}
