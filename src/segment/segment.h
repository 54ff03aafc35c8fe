/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: the data segment (segment.c) as the later stages see it:
 * read-only series views, the sealed descriptor, and the validation of a
 * segment mapped by a spawned worker.
 */
#ifndef SHMPLOT_SEGMENT_H
#define SHMPLOT_SEGMENT_H

#include "core/core.h"
#include "render.h"
#ifdef SHMPLOT_TEST_HOOKS
#include "testhooks/testhooks.h"
#endif

/*
 * Read-only views of every series: *views (malloc'd, the caller frees;
 * NULL when there are none) of *count. SHMPLOT_E_NOMEM.
 */
shmplot_status sp_data_views(const shmplot_data *data, spr_series **views,
			     size_t *count, char *err, size_t errlen);

/*
 * Records the least and greatest of series id's values (computed by the
 * caller as it wrote them; NaN left out), so that a worker needing them
 * (hist's range) does not pass over the values for them. Before the seal
 * only; extremes that are not two finite values in order are not
 * recorded. SHMPLOT_E_STATE after the seal or for an unknown id.
 */
shmplot_status sp_data_set_extremes(shmplot_data *data, shmplot_series id,
				    double lo, double hi);
/* Predicate: 1 once shmplot_data_seal() has succeeded. */
int sp_data_is_sealed(const shmplot_data *data);

/*
 * Maps the pages of [p, p + bytes) writable in one call (MADV_POPULATE_WRITE)
 * instead of one fault a page, when the range is at least 128 KB: on the
 * benchmark VM a fresh shared page's first write is expensive, and faulting
 * them in one call costs about 40% less. Best effort (older kernels: EINVAL,
 * ignored).
 */
void sp_prefault_write(void *p, size_t bytes);

/* The segment's read-only descriptor (O_CLOEXEC), or -1. Owned by data. */
int sp_data_fd(const shmplot_data *data);

/*
 * A segment to fill again and again (a loop of batches from Python): as
 * shmplot_data_new(), of at least bytes bytes, but written through a
 * mapping of its own that stays, beside the read-only one the series are
 * read from, so that sp_data_reuse() can empty it for the next batch. On
 * the benchmark VM the first write of a page through a new mapping costs
 * far more than the copy (32 MB: 70 ms against 2 ms), and so does a
 * worker's first read through its own new mapping: a segment reused is
 * one whose pages everyone has mapped already, and kept workers keep
 * their mapping of it between batches (sp_data_keep_id). Because the
 * writable mapping stays, shmplot_data_alloc()'s pointers stay writable
 * after the seal: for the library's own copies only, never handed to a
 * caller. The caller must not reuse it while a batch renders from it.
 */
shmplot_status sp_data_new_reusable(shmplot_data **out, size_t bytes,
				    size_t max_series, size_t total_points,
				    char *err, size_t errlen);

/*
 * Empties a reusable segment for max_series series of total_points points
 * in all, unsealed; 1 if done, 0 if they do not fit in it or data is not
 * reusable (then it is unchanged).
 */
int sp_data_reuse(shmplot_data *data, size_t max_series, size_t total_points);

/*
 * A sealed reusable segment's id (nonzero, random, the same for its whole
 * life), by which a kept worker knows it mapped this very segment before
 * (pool/warm.c); 0 for any other segment, which no worker keeps mapped
 * after a batch.
 */
uint64_t sp_data_keep_id(const shmplot_data *data);

/*
 * Validates a read-only mapping of a whole segment (bytes long) and builds
 * the series views a spawned worker renders from (*views malloc'd, the
 * caller frees). SHMPLOT_E_INVALID for anything out of bounds,
 * SHMPLOT_E_NOMEM. A fuzz target (tests/fuzz/fuzz_segment.c).
 */
shmplot_status sp_segment_map(const void *base, size_t bytes,
			      spr_series **views, size_t *count, char *err,
			      size_t errlen);

#endif /* SHMPLOT_SEGMENT_H */
