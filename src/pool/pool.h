/*
 * Private to src/: the parent side of the worker pool. The event loop
 * (pool.c), starting spawned workers (spawn.c) and the results it returns
 * (results.c).
 */
#ifndef SHMPLOT_POOL_H
#define SHMPLOT_POOL_H

#include "worker/worker.h"

/*
 * Runs the batch on up to jobs workers and returns the results (always set
 * unless the error is SHMPLOT_E_NOMEM before any work). (pool.c)
 */
shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, shmplot_results **out, char *err,
			   size_t errlen);

/* The worker executable: $SHMPLOT_WORKER, else the configured path. */
const char *sp_worker_path(void);

/*
 * Starts the worker executable with sock as fd 3, the segment as fd 4 and
 * the batch description as fd 5, nothing else open, default signal
 * dispositions and an empty mask. Safe from a multithreaded process.
 * Returns the pid, or -1 with errno set.
 */
pid_t sp_spawn_worker(const sp_batch *b, int sock);

#endif /* SHMPLOT_POOL_H */
