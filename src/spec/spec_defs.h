/* SPDX-License-Identifier: MIT */
/*
 * The series of a spec loaded with defer_fill, by definition (deferred.c),
 * for keys that need no computed values (incremental/defkey.c): shared
 * with the stages after spec/.
 */
#ifndef SHMPLOT_SPEC_DEFS_H
#define SHMPLOT_SPEC_DEFS_H

#include "shmplot/spec.h"

#include <stddef.h>
#include <stdint.h>

/* Bytes of a definition, handed over as they are described. */
typedef void (*sp_feed_fn)(void *ctx, const void *p, size_t len);

/*
 * A deferred spec not yet filled: its number of series in *n and the
 * spec's slots for their keys (16 bytes each, done[id] once made: kept
 * for the spec's life, so each series is keyed once). SHMPLOT_E_STATE
 * for any other spec; SHMPLOT_E_NOMEM.
 */
shmplot_status sp_spec_key_slots(shmplot_spec *spec, size_t *n,
				 unsigned char (**keys)[16], uint8_t **done);

/*
 * The digests of the data files keyed so far (defkey.c makes them), by
 * device and inode: kept for the spec's life, so each file is read once
 * however many series read it. An open-addressing table of cap slots
 * (a power of 2, or 0), n of them set.
 */
typedef struct sp_file_digest {
	uint64_t dev, ino;
	unsigned char sum[16];
	int set;
} sp_file_digest;
typedef struct sp_file_digests {
	sp_file_digest *slot;
	size_t cap, n;
} sp_file_digests;

/* The spec's table above (spec not NULL). */
sp_file_digests *sp_spec_file_digests(shmplot_spec *spec);

/*
 * Feeds series id's own definition (id < n above): its kind, arguments,
 * length and shape, a function's kernel (vector or scalar), and the
 * values of inline values and CSV columns. Its sources (series it is
 * computed from, UINT32_MAX none) into src, and the data file whose
 * bytes it reads (.npy, raw) into *file (else NULL).
 */
void sp_spec_series_def(const shmplot_spec *spec, uint32_t id, sp_feed_fn feed,
			void *ctx, uint32_t src[2], const char **file);

#endif /* SHMPLOT_SPEC_DEFS_H */
