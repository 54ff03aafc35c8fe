// SPDX-License-Identifier: MIT
/* Tests for src/incremental/hash.c: the 128-bit hash of keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "incremental/inc.h"

static void hash(const void *p, size_t n, unsigned char out[16])
{
	sp_hash_bytes(p, n, out);
}

/* Pieces of any sizes give the one-shot hash. */
static void test_streaming(void **state)
{
	(void)state;
	enum { N = 3000 };
	unsigned char *buf = malloc(N), one[16], more[16];
	assert_non_null(buf);
	for (int i = 0; i < N; i++)
		buf[i] = (unsigned char)(i * 131 + 7);
	static const size_t lens[] = {0,   1,    15,   63,   64,   65,  127,
				      128, 1023, 1024, 1025, 2047, 2999};
	static const size_t steps[] = {1, 3, 64, 100, 1024, 5000};
	for (size_t l = 0; l < sizeof lens / sizeof *lens; l++) {
		hash(buf, lens[l], one);
		for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
			sp_hash h;
			sp_hash_init(&h);
			for (size_t at = 0; at < lens[l]; at += steps[s])
				sp_hash_update(&h, buf + at,
					       lens[l] - at < steps[s]
						   ? lens[l] - at
						   : steps[s]);
			sp_hash_final(&h, more);
			assert_memory_equal(one, more, 16);
		}
	}
	free(buf);
}

/* Zero padding and length: "", "\0", "\0\0" ... all differ. */
static void test_lengths(void **state)
{
	(void)state;
	unsigned char zeros[200] = {0}, k[200][16];
	for (int n = 0; n < 200; n++) {
		hash(zeros, (size_t)n, k[n]);
		for (int m = 0; m < n; m++)
			assert_memory_not_equal(k[n], k[m], 16);
	}
}

static int bits(const unsigned char *a, const unsigned char *b)
{
	int d = 0;
	for (int i = 0; i < 16; i++)
		d += __builtin_popcount((unsigned)(a[i] ^ b[i]));
	return d;
}

/* Every single-bit flip changes about half the 128 bits, in short and
 * long inputs (a changed value anywhere in a series). */
static void test_avalanche(void **state)
{
	(void)state;
	static const size_t lens[] = {8, 100, 5000};
	for (size_t l = 0; l < 3; l++) {
		size_t n = lens[l];
		unsigned char *buf = calloc(n, 1), base[16], got[16];
		long total = 0, flips = 0;
		assert_non_null(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(i * 7);
		hash(buf, n, base);
		for (size_t bit = 0; bit<n * 8; bit += n> 100 ? 13 : 1) {
			buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			hash(buf, n, got);
			buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			int d = bits(base, got);
			assert_true(d >= 32 && d <= 96);
			total += d;
			flips++;
		}
		double mean = (double)total / (double)flips;
		assert_true(mean > 60 && mean < 68);
		free(buf);
	}
}

static int cmp16(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* No collision among 200,000 counters of 4 and 8 bytes. */
static void test_no_collisions(void **state)
{
	(void)state;
	enum { N = 100000 };
	unsigned char(*k)[16] = malloc(2 * N * 16);
	assert_non_null(k);
	for (uint32_t i = 0; i < N; i++) {
		uint64_t v = i;
		hash(&i, sizeof i, k[i]);
		hash(&v, sizeof v, k[N + i]);
	}
	qsort(k, 2 * N, 16, cmp16);
	for (int i = 1; i < 2 * N; i++)
		assert_memory_not_equal(k[i - 1], k[i], 16);
	free(k);
}

/* The values are pinned: a change to the hash re-renders every
 * incremental directory, so it must be on purpose (and on a little-endian
 * machine, where CI runs). */
static void test_pinned(void **state)
{
	(void)state;
	unsigned char k[16];
	char hex[33];
	shmplot_key key;
	hash("shmplot", 7, k);
	memcpy(key.bytes, k, 16);
	assert_string_equal(shmplot_key_hex(&key, hex),
			    "fc2129a3507eef83dd85c36ac360c2ee");
	shmplot_key_of_bytes("shmplot", 7, &key);
	assert_memory_equal(key.bytes, k, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_streaming),
	    cmocka_unit_test(test_lengths),
	    cmocka_unit_test(test_avalanche),
	    cmocka_unit_test(test_no_collisions),
	    cmocka_unit_test(test_pinned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
