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
typedef struct sp_warm sp_warm;
shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, sp_warm *warm, shmplot_results **out,
			   char *err, size_t errlen);

/*
 * Workers kept between batches (warm.c), for sp_pool_run()'s warm
 * argument (NULL: every batch starts and reaps its own). The batch must
 * then be b->mode SP_MODE_SPAWN with b->warm set. sp_warm_new(): NULL if
 * out of memory. sp_warm_close() reaps every worker (or, in a process
 * forked since, only forgets the parent's) and frees wm. sp_warm_stop()
 * reaps them and keeps wm. sp_warm_pids() writes up to n live workers'
 * pids and returns how many there are.
 */
sp_warm *sp_warm_new(void);
void sp_warm_close(sp_warm *wm);
void sp_warm_stop(sp_warm *wm);
size_t sp_warm_pids(sp_warm *wm, pid_t *pids, size_t n);

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
 * the batch description as fd 5 (b->warm: sock alone, "--warm"),
 * nothing else open, default signal
 * dispositions and an empty mask, and its pid in *pid. Safe from a
 * multithreaded process. SHMPLOT_E_SYSTEM. (spawn.c)
 */
shmplot_status sp_spawn_worker(const sp_batch *b, int sock, pid_t *pid,
			       char *err, size_t errlen);

/*
 * For API calls of later stages on a renderer (incremental/key.c): the
 * buffer of shmplot_renderer_errmsg() (*len bytes), and the caller's
 * options (NULL: the defaults) copied into dst as shmplot_render() copies
 * them (SHMPLOT_E_INVALID for a size no _init() set). (render.c)
 */
char *sp_renderer_errbuf(shmplot_renderer *r, size_t *len);
shmplot_status sp_render_opts_copy(shmplot_render_opts *dst,
				   const shmplot_render_opts *opts, char *err,
				   size_t errlen);

#endif /* SHMPLOT_POOL_H */
