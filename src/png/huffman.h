/* SPDX-License-Identifier: MIT */
/* Private to src/png: length-limited Huffman codes for deflate (huffman.c). */
#ifndef SHMPLOT_PNG_HUFFMAN_H
#define SHMPLOT_PNG_HUFFMAN_H

#include <stdint.h>

/* The most symbols a deflate alphabet has (literal/length: 286, + 2). */
#define SP_HUFF_MAX_SYMS 288

/*
 * Code lengths (len[i], 0 for an unused symbol) of an optimal prefix code
 * for the n symbols' frequencies, no code longer than max_bits (<= 15).
 * The code is always complete, as zlib's inflate wants: with fewer than
 * two symbols used, the first unused ones stand in with frequency 1. The
 * lengths depend only on freq: ties go to the lower symbol.
 */
void sp_huff_lengths(const uint32_t *freq, int n, int max_bits, uint8_t *len);

/*
 * The canonical codes (RFC 1951, 3.2.2) of lengths len[0..n), bit-reversed
 * for a writer that sends the least significant bit first.
 */
void sp_huff_codes(const uint8_t *len, int n, uint16_t *code);

#endif /* SHMPLOT_PNG_HUFFMAN_H */
