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
 * Validates a read-only mapping of a whole segment (bytes long) and builds
 * the series views a spawned worker renders from (*views malloc'd, the
 * caller frees). SHMPLOT_E_INVALID for anything out of bounds,
 * SHMPLOT_E_NOMEM. A fuzz target (tests/fuzz/fuzz_segment.c).
 */
shmplot_status sp_segment_map(const void *base, size_t bytes,
			      spr_series **views, size_t *count, char *err,
			      size_t errlen);

#endif /* SHMPLOT_SEGMENT_H */
