/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: the parent side of the worker pool, as the API entry
 * (render.c) uses it: run a batch, start the worker executable. How a
 * batch runs is in parent.h, which only src/pool/ includes.
 */
#ifndef SHMPLOT_POOL_H
#define SHMPLOT_POOL_H

#include "worker/worker.h"

/*
 * Runs the batch on up to jobs workers and returns the results in *out
 * (always set unless the error is SHMPLOT_E_NOMEM before any work; the
 * caller frees them). SHMPLOT_E_FIGURES if some figure failed,
 * SHMPLOT_E_INTERRUPTED if the caller stopped the batch, SHMPLOT_E_SYSTEM
 * or SHMPLOT_E_NOMEM if the batch itself failed. (loop.c)
 */
shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, shmplot_results **out, char *err,
			   size_t errlen);

/*
 * The worker executable: $SHMPLOT_WORKER if set; else, relative to the
 * file this code was loaded from (libshmplot.so, or the program linking
 * libshmplot.a), <libexecdir>/shmplot/shmplot-worker of the same install,
 * then shmplot-worker in the same directory (the build tree). Returns
 * the variable's value, buf, or a static string. (spawn.c)
 */
const char *sp_worker_path(char *buf, size_t len);

/*
 * Starts the worker executable with sock as fd 3, the segment as fd 4 and
 * the batch description as fd 5, nothing else open, default signal
 * dispositions and an empty mask, and its pid in *pid. Safe from a
 * multithreaded process. SHMPLOT_E_SYSTEM. (spawn.c)
 */
shmplot_status sp_spawn_worker(const sp_batch *b, int sock, pid_t *pid,
			       char *err, size_t errlen);

#endif /* SHMPLOT_POOL_H */
