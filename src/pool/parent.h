/* SPDX-License-Identifier: MIT */
/*
 * Private to src/pool/: the state of one batch on the parent side, shared
 * by the files that run it. Nothing outside src/pool/ includes this.
 *
 *   loop.c     the event loop: hands out jobs, receives answers, enforces
 *              deadlines, reports each figure as it finishes
 *   stripes.c  the plan of a batch (figure costs, the order figures are
 *              handed out in, how many workers) and the sharing of its
 *              tail: which figure is cut into PNG stripes, who joins it,
 *              and the assembly of its PNG
 *   procs.c    starting, killing and reaping worker processes
 *   pixbuf.c   the batch's pixel buffer, which workers write pixels into
 *   results.c  the results and the public shmplot_results_* accessors
 */
#ifndef SHMPLOT_POOL_PARENT_H
#define SHMPLOT_POOL_PARENT_H

#include "png/encode.h"
#include "pool/pool.h"

/* A pixel buffer (pixbuf.c): its memfd (-1 once closed) and our mapping. */
typedef struct sp_pixbuf {
	int fd;
	unsigned char *map;
	size_t len;
} sp_pixbuf;

/* One figure's outcome, as the shmplot_results_* accessors report it. */
typedef struct sp_result {
	shmplot_fig_status status;
	int signal;
	char *message;
	const char *name; /* in shmplot_results.names */
	unsigned char *png;
	size_t png_len;
	unsigned char *pix; /* in the pixel buffer, or malloc'd (tests) */
	unsigned char *vec[SP_NVEC]; /* PDF, SVG (sp_vec_format) */
	size_t vec_len[SP_NVEC];
	int width, height;
	double seconds;
#ifdef SHMPLOT_TEST_HOOKS
	sp_test_counts counts;
#endif
} sp_result;

struct shmplot_results {
	size_t n, failed;
	sp_result *r;
	/* every figure's name, one after another: the r[i].name; a
	 * strdup'd name each cost 32 bytes a figure (issue 21) */
	char *names;
	/* the batch's pixel buffer (pixbuf.c), released with the results
	 * (to pix_cache, if not NULL) */
	sp_pixbuf pix;
	struct sp_pixcache *pix_cache;
};

/* A worker process, the job it holds and the answer it is sending. */
typedef struct sp_slot {
	pid_t pid;          /* 0 = slot empty */
	int pidfd;          /* -1 if pidfd_open is unavailable */
	int fd;             /* its socket; -1 once closed */
	long job;           /* the figure it works on; -1 = idle */
	int32_t part;       /* what of it (sp_job.part) */
	long held;          /* the figure whose drawing it keeps; -1 = none */
	int32_t row0, row1; /* the rows of that drawing (sp_job's) */
	int handed;         /* warm: holds the batch (SP_PART_END not sent) */
	int ending;         /* warm: SP_PART_END sent, its answer awaited */
	/*
	 * 0 while a spawned worker sets up (until its SP_PART_READY; again
	 * at each batch a warm one is handed): a job sent meanwhile waits
	 * in its socket, and its time limit has not started.
	 */
	int ready;
	/* when it started on figure job; not ready: when it was started
	 * or handed the batch (its start-up limit runs from then) */
	uint64_t started_ns;
	/* receive state for the current answer */
	sp_msg hdr;
	size_t got; /* bytes of the whole message received so far */
	char *msg;
	unsigned char *png, *vec[SP_NVEC];
} sp_slot;

/* A figure whose PNG stripes are shared out (k = 0: a free entry). */
typedef struct sp_shared {
	size_t fig;  /* which */
	int k;       /* stripes */
	int next;    /* the next stripe to hand out */
	int got;     /* stripes received */
	int w, h;    /* pixel size, which every answer must match */
	int settled; /* its outcome is decided; later answers are dropped */
	/*
	 * Split (cut > 0): its holder draws and deflates stripes [0, cut),
	 * one joiner stripes [cut, k), each drawing only those rows; next2
	 * is the next of the second half (= cut: nobody took it yet).
	 */
	int cut, next2;
	sp_png_part *parts;
} sp_shared;

typedef struct sp_pool {
	const sp_batch *batch;
	const shmplot_render_opts *opts;
	shmplot_results *res;
	sp_slot *w;
	int nw;
	/* The figures shared out: only the last nw - 1 started can be
	 * (share()), so nw entries, not one a figure (issue 21) */
	sp_shared *sh;
	uint64_t *cost;    /* per figure: the points its lines draw */
	uint32_t *order;   /* figures in the order they are handed out */
	size_t next;       /* next index into order */
	size_t done;       /* figures reported */
	int stop;          /* the caller asked to stop */
	uint64_t limit_ns; /* a figure's time limit; 0 = none */
	uint64_t start_ns; /* a worker's start-up limit; 0 = none */
	char *err;         /* the batch's own failure (not a figure's) */
	size_t errlen;
	sp_warm *warm; /* workers kept between batches; NULL = none */
	/* want_pixels: each figure's place in the pixel buffer (pixbuf.c) */
	uint64_t *pix_off;
} sp_pool;

/* The workers a renderer keeps: slots live between batches. */
struct sp_warm {
	sp_slot *w;
	int cap;     /* slots allocated; a batch uses the first p->nw */
	pid_t owner; /* the process that started them */
	struct sp_pixcache *pix_cache; /* pixel buffers kept (pixbuf.c) */
};

/* How long a worker whose socket closed may take to finish exiting. */
#define SP_EXIT_GRACE_MS 2000

/*
 * With deadlines to watch, poll() waits a tick at most; a gap in the loop
 * of more than SP_STALL_NS beyond what it meant to wait is time the job
 * was stopped (or the parent held up), which no figure is charged for.
 */
#define SP_TICK_MS  250
#define SP_STALL_NS UINT64_C(200000000)

/*
 * A spawned worker's start-up (exec, the batch's description, the font) is
 * limited apart from its figures: by the figure limit, but at least this
 * allowance, since start-up does not grow with what a figure draws and
 * under load takes a second or more (test_stress_spawn with a 1 s limit);
 * no limit with no figure limit. Past it the worker is killed and the
 * figure it holds fails (loop.c).
 */
#define SP_START_ALLOW_NS UINT64_C(10000000000)

/* The longest time limit, in ns (2^62: 146 years); longer ones saturate. */
#define SP_TIMEOUT_MAX_NS (UINT64_C(1) << 62)

/* ---- stripes.c ---- */

/*
 * Plans the batch p->batch for at most jobs workers: p->cost, p->order,
 * p->sh and p->nw. SHMPLOT_E_NOMEM (p->err); sp_plan_free() either way.
 */
shmplot_status sp_plan(sp_pool *p, int jobs);
void sp_plan_free(sp_pool *p);

/* Chooses w's next job; predicate: 0 if there is nothing for it. */
int sp_pick(sp_pool *p, const sp_slot *w, sp_job *job);

/* A shared figure another worker could join, or -1. */
long sp_to_join(const sp_pool *p);

/*
 * A figure's outcome is decided once. Predicate: 1 if the caller is to
 * report it, 0 if it is a shared figure that was settled already
 * (another of its workers failed first, or it is done).
 */
int sp_settle(sp_pool *p, size_t fig);

/*
 * Files w's answer for a stripe of shared figure fig, taking its bytes;
 * *last is set when it was the last one missing. SHMPLOT_E_FIGURES with
 * the reason if the answer does not fit the figure. An answer for a
 * settled figure is dropped: SHMPLOT_OK, *last 0.
 */
shmplot_status sp_stripe_file(sp_pool *p, sp_slot *w, size_t fig, int *last,
			      char *err, size_t errlen);

/* The PNG of shared figure fig from all its stripes, into its result. */
shmplot_status sp_stripes_assemble(sp_pool *p, size_t fig, char *err,
				   size_t errlen);

/* ---- procs.c ---- */

/*
 * Descriptors a worker costs the parent (its socket and its pidfd), and
 * how many it keeps free for the caller (the CLI's output files, the
 * caller's own): SP_FD_RESERVE or 1/16 of the limit, whichever is more.
 */
#define SP_FD_PER_WORKER 2
#define SP_FD_RESERVE    16

/*
 * The workers, at most jobs (and at least 1), the descriptors left under
 * RLIMIT_NOFILE pay for while keeping the reserve free.
 */
int sp_fd_workers(int jobs);

/* Starts a worker in the empty slot w. SHMPLOT_E_SYSTEM (p->err). */
shmplot_status sp_slot_start(sp_pool *p, sp_slot *w);

/* SIGKILLs w's process (through its pidfd, which cannot be recycled). */
void sp_slot_kill(const sp_slot *w);

/*
 * Closes w's socket, reaps its process (SIGKILLed first if it has not
 * exited within grace_ms; 0 kills at once) and empties the slot.
 * Predicate: 1 with *status (may be NULL) set, 0 if the status is
 * unknowable because someone else reaped the child (a caller that ignores
 * SIGCHLD or calls waitpid(-1) itself).
 */
int sp_slot_retire(sp_slot *w, int grace_ms, int *status);

/* Frees the answer w was receiving and forgets it. */
void sp_slot_clear_answer(sp_slot *w);

/* Ends every worker: idle ones see EOF and exit, busy ones are killed. */
void sp_slots_shutdown(sp_pool *p);

/* ---- warm.c ---- */

/*
 * Before a warm batch: p->w = the kept slots, grown to p->nw (after
 * sp_plan); workers that have exited since (killed, idle too long) are
 * reaped; every live one is handed the batch. SHMPLOT_E_NOMEM (p->err).
 */
shmplot_status sp_warm_begin(sp_pool *p);

/* Hands the batch to w (SP_PART_BATCH with the descriptors); w is
 * retired if it cannot take it. SHMPLOT_E_SYSTEM (p->err). */
shmplot_status sp_warm_hand(sp_pool *p, sp_slot *w);

/* Tells idle w the batch is over (SP_PART_END); w->ending until its
 * answer comes (sp_warm_ack). w is retired if that fails. */
void sp_warm_end(sp_slot *w);

/* w is ending and readable: reads its answer; retires w unless it is the
 * end's. */
void sp_warm_ack(sp_slot *w);

/*
 * After a warm batch: busy workers (a stopped batch) are killed, the
 * others told the batch is over, and each one's end awaited (a worker
 * that does not answer in time is killed), so no worker maps the batch's
 * segment when sp_pool_run() returns.
 */
void sp_warm_finish(sp_pool *p);

/* ---- pixbuf.c ---- */

/*
 * The pixel buffers a renderer that keeps its workers keeps too, shared
 * with the results they are lent to: NULL if out of memory. close: the
 * renderer lets go (the buffers it keeps are freed; results still out
 * free theirs). release: a result gives its buffer back (or frees it, c
 * NULL, or c another process's). ours: c was made by this process (not
 * inherited through fork). Any thread; in a forked child none of them
 * takes the mutex (pixbuf.c).
 */
typedef struct sp_pixcache sp_pixcache;
sp_pixcache *sp_pixcache_new(void);
void sp_pixcache_close(sp_pixcache *c);
void sp_pixbuf_release(sp_pixcache *c, sp_pixbuf *pb);
int sp_pixcache_ours(const sp_pixcache *c);
#ifdef SHMPLOT_TEST_HOOKS
/* Takes (hold 1) or lets go of c's mutex, as a thread inside it would. */
void sp_pixcache_test_hold(sp_pixcache *c, int hold);
#endif

/*
 * A warm set's cache (warm.c): NULL if it has none; in a process forked
 * since, a new one of its own (the inherited one is let go).
 */
sp_pixcache *sp_warm_pixcache(sp_warm *wm);

/*
 * For a batch b (p->batch) that asks for pixels: lays out the figures'
 * places (p->pix_off), makes the buffer and maps it into p->res, which
 * owns the buffer from then on (a kept one, for a renderer that keeps
 * its workers, when one fits); b->pix_map, b->pix_map_len, and
 * b->pix_fd for spawned workers. Nothing for a batch without pixels.
 * SHMPLOT_E_SYSTEM or SHMPLOT_E_NOMEM (p->err).
 */
shmplot_status sp_pixbuf_open(sp_pool *p, sp_batch *b);

/* At the batch's end: closes the descriptor unless the buffer is to come
 * back, frees p->pix_off. */
void sp_pixbuf_close(sp_pool *p, sp_batch *b);

/* Figure fig's pixels in the buffer; NULL for a batch without. */
unsigned char *sp_pixbuf_figure(const sp_pool *p, size_t fig);

/* The pixel bytes a job of figure fig and part writes (0: none). */
size_t sp_pixbuf_expect(const sp_pool *p, size_t fig, int32_t part);

/* Gives r's pixels' pages back if they are in res's buffer. */
void sp_pixbuf_drop(shmplot_results *res, sp_result *r);

/* ---- results.c ---- */

/* Results for b, every figure SHMPLOT_FIG_NOT_RUN; NULL if out of memory. */
shmplot_results *sp_results_new(const sp_batch *b);

/* Frees a result's PNG, pixels, PDF and SVG (r is one of res's). */
void sp_result_drop_outputs(shmplot_results *res, sp_result *r);

/* Sets a result's message (raised by the caller, copied here). */
void sp_result_set_message(sp_result *r, const char *msg);

/*
 * After the batch: every figure still SHMPLOT_FIG_NOT_RUN counts as
 * failed, with a message saying why (batch_failed: the batch itself
 * failed, else it was stopped).
 */
void sp_results_close(shmplot_results *res, int batch_failed);

#endif /* SHMPLOT_POOL_PARENT_H */
