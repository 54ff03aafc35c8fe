/* SPDX-License-Identifier: MIT */
/*
 * Length-limited Huffman codes for the plot deflate (deflate_plot.c).
 *
 * Ideas followed, none of their code: the code lengths come from the
 * in-place algorithm of Moffat and Katajainen ("In-place calculation of
 * minimum-redundancy codes", 1995), on the symbols sorted by frequency;
 * lengths over the limit are clamped and the Kraft sum repaired by
 * splitting the deepest shorter leaf, one unit at a time, as zlib's
 * trees.c (gen_bitlen, zlib licence) and miniz (public domain) do. Then
 * the lengths are handed out again in frequency order, so the most
 * frequent symbols keep the shortest codes. Everything is decided by the
 * frequencies and the symbol numbers alone, so equal blocks give equal
 * codes.
 */
#include "png/huffman.h"

#include <string.h>

/*
 * Sorts keys[0..m) (m <= SP_HUFF_MAX_SYMS, each < 2^32) in ascending
 * order: a radix sort, a byte a pass, passes over bytes all keys share
 * skipped. qsort's calls to a comparison were 5% of a plot's deflate.
 */
static void sort_keys(uint32_t *keys, int m)
{
	uint32_t tmp[SP_HUFF_MAX_SYMS], *a = keys, *b = tmp;
	uint32_t all_or = 0;
	for (int i = 0; i < m; i++)
		all_or |= keys[i];
	for (int shift = 0; shift < 32 && all_or >> shift; shift += 8) {
		int count[257] = {0};
		for (int i = 0; i < m; i++)
			count[((a[i] >> shift) & 255) + 1]++;
		for (int d = 0; d < 256; d++)
			count[d + 1] += count[d];
		for (int i = 0; i < m; i++)
			b[count[(a[i] >> shift) & 255]++] = a[i];
		uint32_t *t = a;
		a = b;
		b = t;
	}
	if (a != keys)
		memcpy(keys, a, (size_t)m * sizeof *keys);
}

/*
 * a[0..m) (m >= 2): frequencies in ascending order in, each one's code
 * length out (Moffat and Katajainen: parents, then internal depths, then
 * leaf depths, all in the one array).
 */
static void mk_lengths(uint32_t *a, int m)
{
	int root = 0, leaf = 2;
	a[0] += a[1];
	for (int next = 1; next < m - 1; next++) {
		if (leaf >= m || a[root] < a[leaf]) {
			a[next] = a[root];
			a[root++] = (uint32_t)next;
		} else {
			a[next] = a[leaf++];
		}
		if (leaf >= m || (root < next && a[root] < a[leaf])) {
			a[next] += a[root];
			a[root++] = (uint32_t)next;
		} else {
			a[next] += a[leaf++];
		}
	}
	a[m - 2] = 0;
	for (int next = m - 3; next >= 0; next--)
		a[next] = a[a[next]] + 1;
	int avail = 1, used = 0, depth = 0, next = m - 1;
	root = m - 2;
	while (avail > 0) {
		while (root >= 0 && (int)a[root] == depth) {
			used++;
			root--;
		}
		while (avail > used) {
			a[next--] = (uint32_t)depth;
			avail--;
		}
		avail = 2 * used;
		depth++;
		used = 0;
	}
}

/*
 * count[1..max_bits] after clamping longer codes to max_bits: trades
 * Kraft units until the code is complete again. Each step takes a leaf
 * off the deepest level and splits the deepest shorter leaf in two,
 * which lowers the sum by one unit and keeps the number of leaves.
 */
static void limit_counts(int *count, int longest, int max_bits)
{
	for (int l = max_bits + 1; l <= longest; l++) {
		count[max_bits] += count[l];
		count[l] = 0;
	}
	uint32_t total = 0;
	for (int l = 1; l <= max_bits; l++)
		total += (uint32_t)count[l] << (max_bits - l);
	while (total > (1u << max_bits)) {
		count[max_bits]--;
		for (int l = max_bits - 1; l > 0; l--) {
			if (count[l]) {
				count[l]--;
				count[l + 1] += 2;
				break;
			}
		}
		total--;
	}
}

void sp_huff_lengths(const uint32_t *freq, int n, int max_bits, uint8_t *len)
{
	uint32_t key[SP_HUFF_MAX_SYMS]; /* frequency << 9 | symbol */
	uint32_t a[SP_HUFF_MAX_SYMS];
	int m = 0;
	memset(len, 0, (size_t)n);
	for (int i = 0; i < n; i++)
		if (freq[i]) /* < 2^23: blocks are far shorter */
			key[m++] = freq[i] << 9 | (unsigned)i;
	/* a complete code needs two symbols: stand-ins of frequency 1 */
	for (int i = 0; m < 2 && i < n; i++)
		if (!freq[i])
			key[m++] = 1u << 9 | (unsigned)i;
	if (m < 2) { /* an alphabet of one symbol (n == 1) */
		if (m)
			len[0] = 1;
		return;
	}
	sort_keys(key, m);
	for (int i = 0; i < m; i++)
		a[i] = key[i] >> 9;
	mk_lengths(a, m);
	int count[SP_HUFF_MAX_SYMS] = {0}; /* a depth is < m */
	int longest = 0;
	for (int i = 0; i < m; i++) {
		count[a[i]]++;
		if ((int)a[i] > longest)
			longest = (int)a[i];
	}
	if (longest > max_bits)
		limit_counts(count, longest, max_bits);
	/* the rarest symbols (first in key) take the longest codes */
	int i = 0;
	for (int l = longest > max_bits ? max_bits : longest; l > 0; l--)
		for (int c = 0; c < count[l]; c++)
			len[key[i++] & 511] = (uint8_t)l;
}

void sp_huff_codes(const uint8_t *len, int n, uint16_t *code)
{
	int count[16] = {0};
	uint32_t next[16];
	for (int i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	uint32_t c = 0;
	for (int l = 1; l < 16; l++) {
		c = (c + (uint32_t)count[l - 1]) << 1;
		next[l] = c;
	}
	for (int i = 0; i < n; i++) {
		int l = len[i];
		if (!l) {
			code[i] = 0;
			continue;
		}
		/* reverse the 16 bits, then drop the 16 - l low ones */
		uint32_t v = next[l]++;
		v = (v & 0x5555u) << 1 | (v >> 1 & 0x5555u);
		v = (v & 0x3333u) << 2 | (v >> 2 & 0x3333u);
		v = (v & 0x0f0fu) << 4 | (v >> 4 & 0x0f0fu);
		v = (v & 0x00ffu) << 8 | (v >> 8 & 0x00ffu);
		code[i] = (uint16_t)(v >> (16 - l));
	}
}
