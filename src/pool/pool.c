/*
 * The worker pool, parent side.
 *
 * Each worker is a forked child joined to the parent by a Unix stream
 * socketpair. The parent hands out one figure index at a time and the worker
 * answers with an sp_msg header followed by the message, PNG bytes and
 * (optionally) pixels. Dispatch from the parent, rather than workers pulling
 * from a shared counter, means the parent always knows which figure a worker
 * holds and since when: a worker that dies or overruns its deadline costs
 * exactly that figure, and the pool forks a replacement for the rest.
 *
 * The parent never blocks on one worker: all sockets are non-blocking and
 * multiplexed with poll() against the nearest deadline, so several workers
 * sending PNGs much larger than a socket buffer cannot deadlock. Writes use
 * MSG_NOSIGNAL, so a dead worker is an EPIPE, never a SIGPIPE to the caller.
 * Children are reaped by pid (never waitpid(-1)), EINTR-safe.
 *
 * The tail of a batch is shared: once fewer figures are left to start than
 * there are workers, a figure is handed out stripe by stripe (sp_job), so
 * workers that would otherwise sit idle draw it too and deflate some of
 * its PNG stripes. Stripes are handed out one at a time, as workers ask,
 * so a worker that joins late costs nobody any waiting; the parent
 * assembles the PNG, whose bytes are the same however it was shared. With
 * the seed's three figures on two workers, figure3 is drawn by both and
 * each deflates half of it.
 */
#define _GNU_SOURCE
#include "pool/pool.h"
#include "png/encode.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct result {
	shmplot_fig_status status;
	int signal;
	char *message;
	char *name;
	unsigned char *png;
	size_t png_len;
	unsigned char *pix;
	int width, height;
	double seconds;
} result;

struct shmplot_results {
	size_t n, failed;
	result *r;
};

typedef struct worker {
	pid_t pid; /* 0 = slot empty */
	int pidfd; /* -1 if pidfd_open is unavailable */
	int fd;
	long job;            /* the figure it works on; -1 = idle */
	int32_t part;        /* what of it (sp_job.part) */
	long held;           /* the figure whose drawing it keeps; -1 = none */
	uint64_t started_ns; /* when it started on figure job */
	/* receive state for the current answer */
	sp_msg hdr;
	size_t got; /* bytes of the whole message received so far */
	char *msg;
	unsigned char *png, *pix;
} worker;

/* A figure whose stripes are shared out (k = 0: it is not). */
typedef struct shared {
	int k;        /* stripes */
	int next;     /* the next stripe to hand out */
	int got;      /* stripes received */
	int w, h;     /* pixel size, which every answer must match */
	int settled;  /* its outcome is decided; later answers are dropped */
	int joinable; /* cheap enough to draw twice */
	sp_png_part *parts;
} shared;

typedef struct pool {
	const sp_batch *batch;
	const shmplot_render_opts *opts;
	shmplot_results *res;
	worker *w;
	int nw;
	shared *sh;      /* per figure */
	uint64_t *cost;  /* per figure: the points its lines draw */
	uint32_t *order; /* figures in the order they are handed out */
	size_t next;     /* next index into order */
	size_t done;
	int stop; /* the caller asked to stop */
	char *err;
	size_t errlen;
} pool;

/* ---- results ---- */

static void free_outputs(result *r)
{
	free(r->png);
	free(r->pix);
	r->png = NULL;
	r->pix = NULL;
	r->png_len = 0;
}

void shmplot_results_free(shmplot_results *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n; i++) {
		free_outputs(&res->r[i]);
		free(res->r[i].message);
		free(res->r[i].name);
	}
	free(res->r);
	free(res);
}

static const result *get(const shmplot_results *res, size_t i)
{
	return res && i < res->n ? &res->r[i] : NULL;
}

size_t shmplot_results_count(const shmplot_results *res)
{
	return res ? res->n : 0;
}

size_t shmplot_results_failed(const shmplot_results *res)
{
	return res ? res->failed : 0;
}

shmplot_fig_status shmplot_results_status(const shmplot_results *res, size_t i)
{
	const result *r = get(res, i);
	return r ? r->status : SHMPLOT_FIG_NOT_RUN;
}

const char *shmplot_results_name(const shmplot_results *res, size_t i)
{
	const result *r = get(res, i);
	return r ? r->name : NULL;
}

const char *shmplot_results_message(const shmplot_results *res, size_t i)
{
	const result *r = get(res, i);
	return r && r->message ? r->message : "";
}

int shmplot_results_signal(const shmplot_results *res, size_t i)
{
	const result *r = get(res, i);
	return r ? r->signal : 0;
}

double shmplot_results_seconds(const shmplot_results *res, size_t i)
{
	const result *r = get(res, i);
	return r ? r->seconds : 0;
}

const unsigned char *shmplot_results_png(const shmplot_results *res, size_t i,
					 size_t *len)
{
	const result *r = get(res, i);
	if (len)
		*len = r ? r->png_len : 0;
	return r ? r->png : NULL;
}

const unsigned char *shmplot_results_pixels(const shmplot_results *res,
					    size_t i, int *width, int *height,
					    size_t *stride)
{
	const result *r = get(res, i);
	int ok = r && r->pix;
	if (width)
		*width = ok ? r->width : 0;
	if (height)
		*height = ok ? r->height : 0;
	if (stride)
		*stride = ok ? (size_t)r->width * 4 : 0;
	return ok ? r->pix : NULL;
}

static shmplot_results *results_new(const sp_batch *b)
{
	shmplot_results *res = calloc(1, sizeof *res);
	if (!res)
		return NULL;
	res->n = b->nfig;
	res->r = b->nfig ? calloc(b->nfig, sizeof *res->r) : NULL;
	if (b->nfig && !res->r) {
		free(res);
		return NULL;
	}
	for (size_t i = 0; i < b->nfig; i++) {
		res->r[i].status = SHMPLOT_FIG_NOT_RUN;
		res->r[i].name = strdup(b->figs[i]->name);
		if (!res->r[i].name) {
			shmplot_results_free(res);
			return NULL;
		}
	}
	return res;
}

static void set_message(result *r, const char *fmt, ...) SP_PRINTF(2, 3);
static void set_message(result *r, const char *fmt, ...)
{
	char buf[SP_ERRLEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(r->message);
	r->message = strdup(buf);
}

/* Records a figure's final status and tells the caller. */
static void finish(pool *p, size_t job, shmplot_fig_status st)
{
	result *r = &p->res->r[job];
	r->status = st;
	if (st != SHMPLOT_FIG_OK)
		p->res->failed++;
	p->done++;
	if (p->opts->on_result &&
	    p->opts->on_result(p->opts->userdata, p->res, job) != 0)
		p->stop = 1;
	if (p->opts->discard_outputs)
		free_outputs(r);
}

/* ---- figures shared stripe by stripe ---- */

static void drop_parts(shared *sh)
{
	if (sh->parts)
		for (int i = 0; i < sh->k; i++)
			sp_png_part_free(&sh->parts[i]);
	free(sh->parts);
	sh->parts = NULL;
}

/*
 * A figure's outcome is decided once. Returns 1 if the caller is to report
 * it, 0 if it is a shared figure that was settled already (another of its
 * workers failed first, or it is done).
 */
static int settle(pool *p, size_t fig)
{
	shared *sh = &p->sh[fig];
	if (!sh->k)
		return 1;
	if (sh->settled)
		return 0;
	sh->settled = 1;
	drop_parts(sh);
	return 1;
}

static int stripes_left(const pool *p, long fig)
{
	const shared *sh = &p->sh[fig];
	return sh->k && !sh->settled ? sh->k - sh->next : 0;
}

/* PNG stripes of figure fig, and its pixel size; 1 if it cannot be cut. */
static int stripes_of(const sp_batch *b, size_t fig, int *w, int *h)
{
	spr_figure_pixel_size(b->figs[fig], w, h);
	return *w > 0 && *h > 0 ? sp_png_stripes(*w, *h) : 1;
}

/*
 * Joining a shared figure means drawing it again, which pays only while
 * drawing is cheap next to deflating the stripes left (~0.35 ms each for
 * a seed figure). Drawing grows with the points (one M4 pass over them):
 * the seed job's last figure at 1e6 points came out even, at 1e7 points
 * joining cost time (memory bandwidth shared with the worker drawing it).
 */
#define JOIN_MAX_POINTS 1000000u

/*
 * Called as figure fig is started: shares it out if fewer figures are
 * left to start than there are workers, so some would otherwise idle.
 * Returns 1 if it is shared.
 */
static int share(pool *p, uint32_t fig)
{
	if (p->batch->want_pixels ||
	    p->batch->nfig - p->next + 1 >= (size_t)p->nw)
		return 0;
	int w, h, k = stripes_of(p->batch, fig, &w, &h);
	if (k < 2)
		return 0;
	shared *sh = &p->sh[fig];
	sh->parts = calloc((size_t)k, sizeof *sh->parts);
	if (!sh->parts)
		return 0; /* then one worker does it all */
	sh->k = k;
	sh->w = w;
	sh->h = h;
	sh->joinable = p->cost[fig] <= JOIN_MAX_POINTS;
	return 1;
}

/*
 * A shared figure another worker could join, or -1: the joiner draws it
 * too and then takes stripes as it asks for them. Whoever holds it takes
 * the next stripe, so one more must be left for the joiner.
 */
static long to_join(const pool *p)
{
	long best = -1;
	int most = 1;
	for (int i = 0; i < p->nw; i++) {
		long fig = p->w[i].held;
		if (fig >= 0 && p->sh[fig].joinable &&
		    stripes_left(p, fig) > most) {
			most = stripes_left(p, fig);
			best = fig;
		}
	}
	return best;
}

/* Chooses w's next job; returns 0 if there is nothing for it. */
static int pick(pool *p, worker *w, sp_job *job)
{
	/* More of the figure it has drawn: no drawing again. */
	if (w->held >= 0 && stripes_left(p, w->held) > 0) {
		job->fig = (uint32_t)w->held;
		job->part = p->sh[w->held].next++;
		return 1;
	}
	if (p->next < p->batch->nfig) {
		uint32_t fig = p->order[p->next++];
		job->fig = fig;
		job->part = share(p, fig) ? p->sh[fig].next++ : SP_PART_WHOLE;
		return 1;
	}
	long fig = to_join(p);
	if (fig < 0)
		return 0;
	job->fig = (uint32_t)fig;
	job->part = SP_PART_DRAW;
	return 1;
}

/* ---- processes ---- */

/* SIGKILLs a worker through its pidfd, which cannot hit a recycled pid. */
static void kill_worker(const worker *w)
{
	if (w->pidfd >= 0 &&
	    syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, NULL, 0) == 0)
		return;
	if (w->pidfd < 0)
		kill(w->pid, SIGKILL);
}

/* Waits up to ms for the worker to exit (pidfd readable); EINTR-safe. */
static void wait_exit(const worker *w, int ms)
{
	if (w->pidfd < 0)
		return;
	struct pollfd x = {w->pidfd, POLLIN, 0};
	uint64_t end = sp_now_ns() + (uint64_t)ms * 1000000u;
	int left = ms;
	while (poll(&x, 1, left) < 0 && errno == EINTR) {
		uint64_t now = sp_now_ns();
		left = now >= end ? 0 : (int)((end - now) / 1000000u);
	}
}

/*
 * Reaps a worker by pid. One that has not exited within grace_ms is
 * SIGKILLed first (grace_ms 0 kills at once). Returns 1 with *status set, or
 * 0 if the status is unknowable because someone else reaped the child (a
 * caller that ignores SIGCHLD or calls waitpid(-1) itself).
 */
static int reap(const worker *w, int grace_ms, int *status)
{
	pid_t r;
	if (grace_ms > 0) {
		wait_exit(w, grace_ms);
		do
			r = waitpid(w->pid, status, WNOHANG);
		while (r < 0 && errno == EINTR);
		if (r == w->pid)
			return 1;
		if (r < 0)
			return 0;
	}
	kill_worker(w);
	do
		r = waitpid(w->pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r == w->pid;
}

static void reset_rx(worker *w)
{
	free(w->msg);
	free(w->png);
	free(w->pix);
	w->msg = NULL;
	w->png = NULL;
	w->pix = NULL;
	w->got = 0;
}

/* How long a worker whose socket closed may take to finish exiting. */
#define EXIT_GRACE_MS 2000

/* Closes the socket, reaps the process and empties the slot. */
static int retire(worker *w, int grace_ms, int *status)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	int st = 0;
	int reaped = reap(w, grace_ms, &st);
	if (status)
		*status = st;
	if (w->pidfd >= 0)
		close(w->pidfd);
	w->pidfd = -1;
	w->pid = 0;
	w->job = -1;
	w->held = -1;
	reset_rx(w);
	return reaped;
}

/*
 * fork() with every signal blocked, so the caller's handlers never run in
 * the child before sp_worker_main() resets them (libuv does the same).
 */
static pid_t fork_worker(pool *p, int sock)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t parent = getpid();
	pid_t pid;
#ifdef SHMPLOT_TEST_HOOKS
	int fake = sp_test_sysfault("fork");
	if (fake) {
		errno = fake;
		pid = -1;
	} else
#endif
		pid = fork();
	if (pid == 0)
		sp_worker_main(sock, p->batch, parent);
	int e = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return pid;
}

static shmplot_status spawn(pool *p, worker *w)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"socketpair: %s", strerror(errno));
	int spawned = p->batch->mode == SP_MODE_SPAWN;
	pid_t pid =
	    spawned ? sp_spawn_worker(p->batch, sv[1]) : fork_worker(p, sv[1]);
	if (pid < 0) {
		int e = errno;
		close(sv[0]);
		close(sv[1]);
		if (spawned)
			return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
					"cannot start a worker process: "
					"posix_spawn %s: %s",
					p->batch->worker_path, strerror(e));
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot start a worker process: fork: %s",
				strerror(e));
	}
	close(sv[1]);
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	/*
	 * The worker blocks reading its first job, so it is still ours: the
	 * pidfd names this very process even if a caller's waitpid(-1) later
	 * reaps it and the pid is reused.
	 */
	w->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (w->pidfd >= 0)
		fcntl(w->pidfd, F_SETFD, FD_CLOEXEC);
	w->pid = pid;
	w->fd = sv[0];
	w->job = -1;
	w->held = -1;
	w->got = 0;
	return SHMPLOT_OK;
}

/*
 * Worker w closed its socket, or sent something malformed (kill = 1), while
 * holding a figure: reap it and say what happened to the figure.
 */
static void lost(pool *p, worker *w, const char *why, int kill_now)
{
	long job = w->job;
	int status = 0;
	int reaped = retire(w, kill_now ? 0 : EXIT_GRACE_MS, &status);
	if (job < 0 || !settle(p, (size_t)job))
		return;
	result *r = &p->res->r[job];
	free_outputs(r);
	if (kill_now) {
		set_message(r, "worker sent a bad answer: %s; worker killed",
			    why);
		finish(p, (size_t)job, SHMPLOT_FIG_ERROR);
	} else if (reaped && WIFSIGNALED(status)) {
		r->signal = WTERMSIG(status);
		set_message(r, "worker crashed with signal %d (%s)", r->signal,
			    strsignal(r->signal));
		finish(p, (size_t)job, SHMPLOT_FIG_CRASHED);
	} else if (reaped && WIFEXITED(status)) {
		set_message(
		    r, "worker exited with status %d before finishing%s%s",
		    WEXITSTATUS(status), why ? ": " : "", why ? why : "");
		finish(p, (size_t)job, SHMPLOT_FIG_ERROR);
	} else {
		set_message(r, "worker vanished (exit status unavailable)%s%s",
			    why ? ": " : "", why ? why : "");
		finish(p, (size_t)job, SHMPLOT_FIG_CRASHED);
	}
}

static void dispatch(pool *p, worker *w)
{
	sp_job job;
	if (!pick(p, w, &job)) {
		/*
		 * With no figure left to start, nothing will come up for it
		 * later either (shared figures' stripes only run out): EOF
		 * now, so it exits while the last figures are still being
		 * drawn and while the parent writes the one it just sent (a
		 * worker's exit unmaps the data and its own memory: ~1 ms at
		 * 1e6 points). shutdown_all() reaps it.
		 */
		if (p->next >= p->batch->nfig && w->fd >= 0) {
			close(w->fd);
			w->fd = -1;
		}
		return;
	}
	/* A figure's time limit runs from when the worker started on it. */
	if (job.part < 0 || w->held != (long)job.fig)
		w->started_ns = sp_now_ns();
	ssize_t n;
	do
		n = send(w->fd, &job, sizeof job, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	w->job = (long)job.fig;
	w->part = job.part;
	w->held = job.part == SP_PART_WHOLE ? -1 : (long)job.fig;
	w->got = 0;
	if (n != (ssize_t)sizeof job)
		lost(p, w, "could not hand it the figure", 0);
}

/* ---- receiving ---- */

/* Where the next received byte goes, and how many are wanted there. */
static unsigned char *rx_target(worker *w, size_t *want)
{
	size_t off = w->got;
	if (off < sizeof w->hdr) {
		*want = sizeof w->hdr - off;
		return (unsigned char *)&w->hdr + off;
	}
	off -= sizeof w->hdr;
	if (off < w->hdr.msg_len) {
		*want = w->hdr.msg_len - off;
		return (unsigned char *)w->msg + off;
	}
	off -= w->hdr.msg_len;
	if (off < w->hdr.png_len) {
		*want = (size_t)w->hdr.png_len - off;
		return w->png + off;
	}
	off -= (size_t)w->hdr.png_len;
	*want = (size_t)w->hdr.pix_len - off;
	return w->pix + off;
}

/* Validates a just-completed header and allocates the payload buffers. */
static const char *accept_header(pool *p, worker *w)
{
	sp_msg *h = &w->hdr;
	size_t pix;
	if (h->magic != SP_MSG_MAGIC || h->job != (uint32_t)w->job ||
	    h->part != w->part)
		return "malformed answer header";
	if (w->part != SP_PART_WHOLE &&
	    (h->pix_len || (w->part == SP_PART_DRAW && h->png_len)))
		return "answer carries what was not asked for";
	if (h->msg_len >= SP_MAX_MSG_LEN || h->png_len > SP_MAX_PNG_LEN)
		return "answer claims absurd sizes";
	if (h->pix_len &&
	    (!p->batch->want_pixels || h->width <= 0 || h->height <= 0 ||
	     sp_mul((size_t)h->width * 4, (size_t)h->height, &pix) ||
	     pix != h->pix_len))
		return "answer's pixel size does not match its dimensions";
	w->msg = calloc(1, (size_t)h->msg_len + 1);
	w->png = h->png_len ? malloc((size_t)h->png_len) : NULL;
	w->pix = h->pix_len ? malloc((size_t)h->pix_len) : NULL;
	if (!w->msg || (h->png_len && !w->png) || (h->pix_len && !w->pix))
		return "out of memory for the answer";
	return NULL;
}

/*
 * Hands w its next figure, if any, before the caller hears of the one it
 * just finished: the caller's on_result (the CLI writes the file there)
 * then overlaps w's next figure instead of holding it up.
 */
static void refill(pool *p, worker *w)
{
	if (!p->stop && !(p->opts->cancel && *p->opts->cancel))
		dispatch(p, w);
}

/* w's answer is dealt with: it is idle, and gets its next job at once. */
static void next_job(pool *p, worker *w)
{
	reset_rx(w);
	w->job = -1;
	refill(p, w);
}

/* A stripe of shared figure fig came in; the last one makes its PNG. */
static void stripe_done(pool *p, worker *w, size_t fig)
{
	shared *sh = &p->sh[fig];
	result *r = &p->res->r[fig];
	int32_t part = w->part;
	int last = 0;
	const char *bad = NULL;
	if (!sh->settled) {
		if (w->hdr.width != sh->w || w->hdr.height != sh->h)
			bad = "a worker drew it at a different size";
		else if (part < 0 || part >= sh->k || sh->parts[part].z)
			bad = "a worker answered for a stripe not asked of it";
		else {
			sh->parts[part].z = w->png;
			sh->parts[part].len = (size_t)w->hdr.png_len;
			sh->parts[part].adler = w->hdr.adler;
			w->png = NULL;
			last = ++sh->got == sh->k;
		}
	}
	next_job(p, w);
	char msg[SP_ERRLEN];
	if (last && sp_png_assemble(sh->w, sh->h, p->batch->figs[fig]->dpi,
				    p->batch->png_level, sh->parts, &r->png,
				    &r->png_len, msg, sizeof msg))
		bad = msg;
	if ((!last && !bad) || !settle(p, fig))
		return;
	if (bad) {
		free_outputs(r);
		set_message(r, "%s", bad);
		finish(p, fig, SHMPLOT_FIG_ERROR);
		return;
	}
	r->width = sh->w;
	r->height = sh->h;
	finish(p, fig, SHMPLOT_FIG_OK);
}

static void complete(pool *p, worker *w)
{
	size_t job = (size_t)w->job;
	result *r = &p->res->r[job];
	r->seconds += (double)w->hdr.busy_ns / 1e9;
	if (w->hdr.status != 0 ||
	    (w->part != SP_PART_DRAW && w->hdr.png_len == 0)) {
		/* The worker dropped its drawing. */
		w->held = -1;
		int report = settle(p, job);
		if (report)
			set_message(r, "%s",
				    w->hdr.msg_len ? w->msg
						   : "renderer failed");
		next_job(p, w);
		if (report)
			finish(p, job, SHMPLOT_FIG_ERROR);
		return;
	}
	if (w->part == SP_PART_DRAW) {
		next_job(p, w);
		return;
	}
	if (w->part >= 0) {
		stripe_done(p, w, job);
		return;
	}
	r->png = w->png;
	r->png_len = (size_t)w->hdr.png_len;
	r->pix = w->pix;
	r->width = w->hdr.width;
	r->height = w->hdr.height;
	w->png = NULL;
	w->pix = NULL;
	next_job(p, w);
	finish(p, job, SHMPLOT_FIG_OK);
}

static void on_readable(pool *p, worker *w)
{
	for (;;) {
		if (w->job < 0) {
			/* An idle worker has nothing to say: it must be EOF. */
			lost(p, w, NULL, 0);
			return;
		}
		size_t want;
		unsigned char *dst = rx_target(w, &want);
		ssize_t n = recv(w->fd, dst, want, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {
			lost(p, w, w->got ? "its answer was cut short" : NULL,
			     0);
			return;
		}
		int had_header = w->got >= sizeof w->hdr;
		w->got += (size_t)n;
		if (!had_header && w->got == sizeof w->hdr) {
			const char *bad = accept_header(p, w);
			if (bad) {
				lost(p, w, bad, 1);
				return;
			}
		}
		if (w->got >= sizeof w->hdr &&
		    w->got == sizeof w->hdr + w->hdr.msg_len + w->hdr.png_len +
				  w->hdr.pix_len) {
			complete(p, w);
			return;
		}
	}
}

/* ---- the loop ---- */

static int live_jobs(const pool *p)
{
	int n = 0;
	for (int i = 0; i < p->nw; i++)
		n += p->w[i].pid && p->w[i].job >= 0;
	return n;
}

/* Keeps every live worker busy and replaces dead ones while work remains. */
static shmplot_status feed(pool *p)
{
	for (int i = 0; i < p->nw && !p->stop; i++) {
		worker *w = &p->w[i];
		if (!w->pid) {
			/* A fresh worker only for work that is waiting. */
			if (p->next >= p->batch->nfig && to_join(p) < 0)
				continue;
			shmplot_status st = spawn(p, w);
			if (st) {
				/* No worker at all means no progress. */
				if (live_jobs(p) == 0)
					return st;
				continue;
			}
		}
		if (w->job < 0)
			dispatch(p, w);
	}
	return SHMPLOT_OK;
}

static int poll_timeout_ms(const pool *p, uint64_t now)
{
	int ms = -1;
	if (p->opts->cancel)
		ms = 100; /* a signal may land just before poll() */
	if (p->opts->timeout_s <= 0)
		return ms;
	uint64_t limit = (uint64_t)(p->opts->timeout_s * 1e9);
	for (int i = 0; i < p->nw; i++) {
		const worker *w = &p->w[i];
		if (!w->pid || w->job < 0)
			continue;
		uint64_t due = w->started_ns + limit;
		int left =
		    due <= now ? 0 : (int)((due - now + 999999) / 1000000);
		if (ms < 0 || left < ms)
			ms = left;
	}
	return ms;
}

static void check_deadlines(pool *p, uint64_t now)
{
	if (p->opts->timeout_s <= 0)
		return;
	uint64_t limit = (uint64_t)(p->opts->timeout_s * 1e9);
	for (int i = 0; i < p->nw; i++) {
		worker *w = &p->w[i];
		if (!w->pid || w->job < 0 || now < w->started_ns + limit)
			continue;
		long job = w->job;
		retire(w, 0, NULL);
		if (!settle(p, (size_t)job))
			continue;
		result *r = &p->res->r[job];
		set_message(r, "timed out after %g s; worker killed",
			    p->opts->timeout_s);
		finish(p, (size_t)job, SHMPLOT_FIG_TIMEOUT);
	}
}

static shmplot_status run(pool *p)
{
	struct pollfd *pfd = calloc((size_t)p->nw, sizeof *pfd);
	int *who = calloc((size_t)p->nw, sizeof *who);
	shmplot_status st = SHMPLOT_OK;
	if (!pfd || !who) {
		st = sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
			      "out of memory");
		goto out;
	}
	while (p->done < p->batch->nfig) {
		if (p->opts->cancel && *p->opts->cancel)
			p->stop = 1;
		if (p->stop)
			break;
		st = feed(p);
		if (st)
			break;
		int n = 0;
		for (int i = 0; i < p->nw; i++) {
			if (!p->w[i].pid || p->w[i].fd < 0)
				continue;
			pfd[n].fd = p->w[i].fd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			who[n++] = i;
		}
		if (n == 0)
			break; /* nothing left that could make progress */
		int r = poll(pfd, (nfds_t)n, poll_timeout_ms(p, sp_now_ns()));
		if (r < 0 && errno != EINTR) {
			st = sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				      "poll: %s", strerror(errno));
			break;
		}
		for (int k = 0; r > 0 && k < n; k++) {
			worker *w = &p->w[who[k]];
			if (pfd[k].revents && w->pid && !p->stop)
				on_readable(p, w);
		}
		check_deadlines(p, sp_now_ns());
	}
out:
	free(pfd);
	free(who);
	return st;
}

/* Ends every worker: idle ones see EOF and exit, busy ones are killed. */
static void shutdown_all(pool *p)
{
	for (int i = 0; i < p->nw; i++) {
		worker *w = &p->w[i];
		if (!w->pid)
			continue;
		if (w->fd >= 0)
			close(w->fd);
		w->fd = -1;
		if (w->job >= 0)
			kill_worker(w);
	}
	for (int i = 0; i < p->nw; i++) {
		worker *w = &p->w[i];
		if (w->pid)
			retire(w, EXIT_GRACE_MS, NULL);
	}
}

/*
 * Each figure's expected cost: the points its lines draw. Returns NULL
 * only when out of memory.
 */
static uint64_t *figure_costs(const sp_batch *b)
{
	uint64_t *cost = sp_malloc_ab(b->nfig ? b->nfig : 1, sizeof *cost);
	for (size_t f = 0; cost && f < b->nfig; f++) {
		const spr_figure *fig = b->figs[f];
		cost[f] = 0;
		for (int a = 0; a < fig->rows * fig->cols; a++) {
			const spr_axes *ax = &fig->axes[a];
			for (size_t i = 0; i < ax->nlines; i++) {
				uint32_t y = ax->lines[i].y;
				cost[f] += y < b->nseries ? b->series[y].n : 0;
			}
		}
	}
	return cost;
}

typedef struct costed {
	uint64_t cost;
	uint32_t fig;
} costed;

static int by_cost_desc(const void *pa, const void *pb)
{
	const costed *a = pa, *b = pb;
	if (a->cost != b->cost)
		return a->cost < b->cost ? 1 : -1;
	return (a->fig > b->fig) - (a->fig < b->fig); /* stable: batch order */
}

/*
 * The most expensive figures go first (longest-processing-time order), so
 * a big figure does not start last and leave the other workers idle: with
 * the seed's three figures on two workers this takes the slowest worker
 * from figure1 + figure3 down to figure3 alone. Figures of equal cost keep
 * their batch order. Returns NULL only when out of memory.
 */
static uint32_t *dispatch_order(const sp_batch *b, const uint64_t *cost)
{
	costed *c = sp_malloc_ab(b->nfig ? b->nfig : 1, sizeof *c);
	uint32_t *order = sp_malloc_ab(b->nfig ? b->nfig : 1, sizeof *order);
	if (!c || !order) {
		free(c);
		free(order);
		return NULL;
	}
	for (size_t i = 0; i < b->nfig; i++) {
		c[i].cost = cost[i];
		c[i].fig = (uint32_t)i;
	}
	qsort(c, b->nfig, sizeof *c, by_cost_desc);
	for (size_t i = 0; i < b->nfig; i++)
		order[i] = c[i].fig;
	free(c);
	return order;
}

/*
 * Workers worth starting, at most jobs: one a figure, and for a batch of
 * fewer figures than that, one a stripe of the figures that can be shared
 * and joined (a single seed figure gets two workers at -j2).
 */
static int useful_workers(const sp_batch *b, const uint64_t *cost, int jobs)
{
	size_t n = 0;
	for (size_t i = 0; i < b->nfig && n < (size_t)jobs; i++) {
		int w, h, k = b->want_pixels ? 1 : stripes_of(b, i, &w, &h);
		n += k > 1 && cost[i] <= JOIN_MAX_POINTS ? (size_t)k : 1;
	}
	return n == 0 ? 1 : n < (size_t)jobs ? (int)n : jobs;
}

shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, shmplot_results **out, char *err,
			   size_t errlen)
{
	pool p;
	memset(&p, 0, sizeof p);
	p.batch = b;
	p.opts = opts;
	p.err = err;
	p.errlen = errlen;
	p.res = results_new(b);
	if (!p.res)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	p.cost = figure_costs(b);
	p.nw = p.cost ? useful_workers(b, p.cost, jobs < 1 ? 1 : jobs) : 1;
	p.w = calloc((size_t)p.nw, sizeof *p.w);
	p.sh = calloc(b->nfig ? b->nfig : 1, sizeof *p.sh);
	p.order = p.cost ? dispatch_order(b, p.cost) : NULL;
	if (!p.cost || !p.w || !p.sh || !p.order) {
		free(p.cost);
		free(p.w);
		free(p.sh);
		free(p.order);
		shmplot_results_free(p.res);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	}
	for (int i = 0; i < p.nw; i++) {
		p.w[i].fd = -1;
		p.w[i].pidfd = -1;
		p.w[i].job = -1;
		p.w[i].held = -1;
	}

	shmplot_status st = run(&p);
	shutdown_all(&p);
	for (size_t i = 0; i < b->nfig; i++)
		drop_parts(&p.sh[i]);
	free(p.sh);
	free(p.cost);
	free(p.w);
	free(p.order);
	for (size_t i = 0; i < b->nfig; i++) {
		result *r = &p.res->r[i];
		if (r->status == SHMPLOT_FIG_NOT_RUN) {
			p.res->failed++;
			if (!r->message)
				set_message(r, "%s",
					    st ? "the batch failed before this "
						 "figure ran"
					       : "the batch was stopped before "
						 "this figure finished");
		}
	}
	*out = p.res;
	if (st)
		return st;
	if (p.stop)
		return sp_error(err, errlen, SHMPLOT_E_INTERRUPTED,
				"the batch was stopped after %zu of %zu "
				"figures",
				p.done, b->nfig);
	if (p.res->failed)
		return sp_error(err, errlen, SHMPLOT_E_FIGURES,
				"%zu of %zu figures failed", p.res->failed,
				b->nfig);
	return SHMPLOT_OK;
}
