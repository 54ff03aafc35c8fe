// SPDX-License-Identifier: MIT
/*
 * Private to src/incremental: keys for incremental batches (issue 22),
 * the last library stage (it reads figures, the segment, the renderer's
 * font and the batch description's encoder). hash.c is the 128-bit hash,
 * build_id.c names the code that renders, key.c is
 * shmplot_figure_keys().
 */
#ifndef SHMPLOT_INC_H
#define SHMPLOT_INC_H

#include "core/core.h"

/* A streaming hash (hash.c): init, update any number of times, final. */
typedef struct sp_hash {
	uint64_t acc[8];
	unsigned stripes; /* taken since the last scramble */
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
} sp_hash;

void sp_hash_init(sp_hash *h);
void sp_hash_update(sp_hash *h, const void *data, size_t len);
/* The 16 bytes of everything given so far; h may go on being updated. */
void sp_hash_final(const sp_hash *h, unsigned char out[16]);
void sp_hash_bytes(const void *data, size_t len, unsigned char out[16]);

/*
 * The GNU build ID of the object this code is linked into (libshmplot.so,
 * or the program linking libshmplot.a): *len bytes at the returned
 * pointer (into the mapped object), or NULL when it has none. Any change
 * to the code gives another ID, so keys change with the renderer, not
 * only with its version number. (build_id.c)
 */
const unsigned char *sp_build_id(size_t *len);

#endif /* SHMPLOT_INC_H */
