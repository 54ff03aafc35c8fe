/* SPDX-License-Identifier: MIT */
/*
 * Test-only hooks (faults.c), compiled into the test library and the test
 * worker only: nothing here exists in a shipped build, and every caller
 * guards its use with #ifdef SHMPLOT_TEST_HOOKS. Three kinds:
 *  - system calls made to fail (SHMPLOT_TEST_SYSFAULT), and counted;
 *  - faults a worker injects into one figure (SHMPLOT_TEST_FAULT);
 *  - what the pool did for each figure (jobs, stripes, joins, timeouts),
 *    so tests assert on counts, never on seconds.
 */
#ifndef SHMPLOT_TESTHOOKS_H
#define SHMPLOT_TESTHOOKS_H

#include "shmplot.h"

#include <stddef.h>
#include <stdint.h>

/* ---- system calls ---- */

/* The calls a test can make fail, and counts. */
enum sp_test_call {
	SP_CALL_FALLOCATE, /* reserving the data segment ("fallocate") */
	SP_CALL_FORK,      /* starting a worker, forked or spawned ("fork") */
	SP_CALL_TMPFILE,   /* an unnamed output file, O_TMPFILE ("tmpfile") */
	SP_CALL_DATAFILE,  /* a data file read whole for a key ("datafile") */
	SP_CALL_COUNT
};

/*
 * Called just before the real call: counts it, and returns the errno to
 * fake for it (0: make the real call). SHMPLOT_TEST_SYSFAULT=
 * "what=ERRNO[@N],..." fails the N+1-th and later calls of what since the
 * last sp_test_calls_reset(); ERRNO is a name (ENOSPC, EAGAIN, ENOMEM,
 * EIO, ENOENT, EACCES, EOPNOTSUPP) or a number.
 */
int sp_test_sysfault(enum sp_test_call call);

/* Calls of call counted since the last reset. */
int sp_test_calls(enum sp_test_call call);

/* Restarts the counts; shmplot_render() does at the start of each batch. */
void sp_test_calls_reset(void);

/* ---- faults in a worker ---- */

enum sp_fault_kind {
	SP_FAULT_NONE = 0,
	SP_FAULT_SEGV,         /* dereference NULL */
	SP_FAULT_ABORT,        /* abort() */
	SP_FAULT_HANG,         /* never answer */
	SP_FAULT_EXIT,         /* _exit(3) before answering */
	SP_FAULT_TRUNCATE,     /* send half the message, then _exit(0) */
	SP_FAULT_WRITE,        /* write to the sealed data segment */
	SP_FAULT_SLOW,         /* sleep 200 ms, then render normally */
	SP_FAULT_SLOW_STRIPES, /* SLOW, and 100 ms more for each PNG stripe */
	SP_FAULT_LINGER /* close the socket, take 100 ms to exit, _exit(3) */
};
typedef struct sp_fault {
	int kind;
} sp_fault;

/*
 * Faults for the figures of a batch from SHMPLOT_TEST_FAULT
 * ("figname:kind[,...]"): a malloc'd array of nfig, or NULL when none.
 */
sp_fault *sp_test_faults(shmplot_figure *const *figs, size_t nfig);

struct sp_batch;

/*
 * Child side (worker/child.c calls them, under the same rules): the fault
 * of figure fig, injected as a worker starts drawing it for job part, with
 * fd its socket to the parent; and the one injected before each stripe.
 * Most do not return.
 */
void sp_test_fault_draw(const struct sp_batch *b, int fd, uint32_t fig,
			int32_t part);
void sp_test_fault_stripe(const struct sp_batch *b, uint32_t fig);

/*
 * A spawned worker's start-up made slow (shmplot-worker calls it first
 * thing, worker/main.c): SHMPLOT_TEST_SLOW_START="MS" sleeps MS ms,
 * "hang" never gets ready (waits until killed). Forked workers never
 * call it: they have no start-up to speak of.
 */
void sp_test_worker_start(void);

/*
 * Parent side: how long a starting worker may take to say it is ready
 * (pool/loop.c), in ns: dflt, or SHMPLOT_TEST_START_ALLOW_MS if set, so
 * a test of a worker that never gets ready need not wait the real
 * allowance.
 */
uint64_t sp_test_start_allow_ns(uint64_t dflt);

/* ---- what the pool did ---- */

/* Counted for each figure of a batch and kept with its result. */
typedef struct sp_test_counts {
	unsigned jobs;     /* jobs handed out for it, of any part */
	unsigned draws;    /* of them, the ones a worker drew it for */
	unsigned joins;    /* draw-only jobs: a worker joined it */
	unsigned stripes;  /* stripe jobs: > 0 when its PNG was shared */
	unsigned timeouts; /* workers killed at its deadline */
	unsigned stalls;   /* times its deadline moved on: the job stopped */
	unsigned unready;  /* workers killed holding it, never ready */
} sp_test_counts;

/* The counts of figure i of res (all 0 if there is no such figure). */
sp_test_counts sp_test_figure_counts(const shmplot_results *res, size_t i);

/*
 * Takes (hold 1) or lets go of (0) the mutex of the pixel buffers r keeps
 * (r keeps its workers), as another thread inside it at a fork would.
 */
void sp_test_pixcache_hold(shmplot_renderer *r, int hold);

#endif /* SHMPLOT_TESTHOOKS_H */
