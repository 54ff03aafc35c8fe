/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the data-segment header and series table a spawned
 * shmplot-worker validates before rendering (sp_segment_map in
 * src/segment.c). Every accepted view must lie inside the mapping.
 */
#include "segment/segment.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The real segment is page aligned; keep the doubles aligned. */
	unsigned char *copy = aligned_alloc(64, (size + 63) & ~(size_t)63);
	if (!copy)
		return 0;
	if (size)
		memcpy(copy, data, size);
	spr_series *v = NULL;
	size_t n = 0;
	char err[SP_ERRLEN];
	if (sp_segment_map(copy, size, &v, &n, err, sizeof err) == 0) {
		volatile double sink = 0;
		for (size_t i = 0; i < n; i++)
			if (v[i].n) /* touch both ends: ASan checks bounds */
				sink += v[i].v[0] + v[i].v[v[i].n - 1];
		(void)sink;
	}
	free(v);
	free(copy);
	return 0;
}
