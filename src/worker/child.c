/*
 * ======================================================================
 *  CHILD-SIDE CODE: everything here runs in a worker process, between
 *  fork() and _exit() (or, in a spawned shmplot-worker, after exec; see
 *  worker_main.c). Nothing else in shmplot runs in a forked worker.
 *
 *  Rules for this file:
 *   - Leave only with _exit(): never exit(), never return to the caller's
 *     code, so the caller's atexit handlers and stdio buffers are not run
 *     or flushed twice.
 *   - No stdio, no signal handlers, no threads, no file-system access: the
 *     font is already in memory and the data segment already mapped.
 *   - malloc (tuned with mallopt for this process only), cairo, FreeType
 *     and libpng are used. That is safe because
 *     shmplot_render() forks only when the calling thread is the only
 *     thread of the process (/proc/self/task), so no other thread can hold
 *     their locks; otherwise it spawns a fresh shmplot-worker (spawn.c).
 *   - Talk to the parent only through the socket handed to
 *     sp_worker_main(), with MSG_NOSIGNAL, and exit when it closes.
 *   - The data segment is mapped read-only: a write faults, and the parent
 *     reports that figure as crashed.
 * ======================================================================
 */
#define _GNU_SOURCE
#include "png/encode.h"
#include "worker/worker.h"

#include <errno.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int sp_send_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads exactly len bytes; returns 0, or -1 on EOF or error. */
static int recv_all(int fd, void *buf, size_t len)
{
	unsigned char *p = buf;
	while (len) {
		ssize_t n = recv(fd, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The caller's signal setup is not ours to run in a worker: restore default
 * dispositions and an empty mask, but ignore the terminal's SIGINT/SIGQUIT so
 * a Ctrl-C is the parent's decision (it kills us) rather than N crashes.
 */
static void reset_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		sa.sa_handler =
		    (sig == SIGINT || sig == SIGQUIT) ? SIG_IGN : SIG_DFL;
		sigaction(sig, &sa, NULL);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* RGB24 surface rows to tightly packed RGBA8. */
static unsigned char *surface_rgba(cairo_surface_t *s, size_t *len)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *src = cairo_image_surface_get_data(s);
	size_t row, total;
	if (sp_mul((size_t)w, 4, &row) || sp_mul(row, (size_t)h, &total))
		return NULL;
	unsigned char *out = malloc(total);
	if (!out)
		return NULL;
	for (int y = 0; y < h; y++) {
		const uint32_t *in =
		    (const uint32_t *)(src + (size_t)y * (size_t)stride);
		unsigned char *o = out + (size_t)y * row;
		for (int x = 0; x < w; x++) {
			uint32_t px = in[x];
			o[4 * x + 0] = (unsigned char)(px >> 16);
			o[4 * x + 1] = (unsigned char)(px >> 8);
			o[4 * x + 2] = (unsigned char)px;
			o[4 * x + 3] = 255;
		}
	}
	*len = total;
	return out;
}

#ifdef SHMPLOT_TEST_HOOKS
static void nap(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000 * 1000};
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Returns 1 if the fault replaced the normal answer. */
static int inject(int fd, const sp_batch *b, sp_job job)
{
	if (!b->faults)
		return 0;
	switch (b->faults[job.fig].kind) {
	case SP_FAULT_SEGV: {
		volatile int *volatile nowhere = NULL; /* a real fault */
		*nowhere = 1;
		break;
	}
	case SP_FAULT_ABORT:
		abort();
	case SP_FAULT_HANG:
		for (;;)
			pause();
	case SP_FAULT_EXIT:
		_exit(3);
	case SP_FAULT_TRUNCATE: {
		sp_msg m = {.magic = SP_MSG_MAGIC,
			    .job = job.fig,
			    .part = job.part,
			    .png_len = 100000,
			    .width = 1,
			    .height = 1};
		unsigned char half[1000] = {0};
		sp_send_all(fd, &m, sizeof m);
		sp_send_all(fd, half, sizeof half);
		_exit(0);
	}
	case SP_FAULT_WRITE:
		if (b->nseries)
			*(volatile double *)b->series[0].v = 42.0;
		break;
	case SP_FAULT_SLOW:
	case SP_FAULT_SLOW_STRIPES:
		nap(200);
		break;
	}
	return 0;
}

static void inject_stripe(const sp_batch *b, sp_job job)
{
	if (b->faults && b->faults[job.fig].kind == SP_FAULT_SLOW_STRIPES)
		nap(100);
}
#endif

/* The drawing a worker keeps while it deflates stripes of one figure. */
typedef struct kept {
	long fig; /* -1: none */
	cairo_surface_t *s;
} kept;

static void drop(kept *k)
{
	if (k->s)
		cairo_surface_destroy(k->s);
	k->s = NULL;
	k->fig = -1;
}

/* The surface job works on, drawn now unless it is the kept one. */
static cairo_surface_t *drawing(int fd, const sp_batch *b, sp_job job,
				spr_canvas *canvas, kept *k, char *msg,
				size_t msglen)
{
	if (job.part >= 0 && k->s && k->fig == (long)job.fig)
		return k->s;
	drop(k);
#ifdef SHMPLOT_TEST_HOOKS
	inject(fd, b, job);
#else
	(void)fd;
#endif
	cairo_surface_t *s = NULL;
	if (spr_render_canvas(b->figs[job.fig], b->series, b->nseries, b->font,
			      canvas, &s, msg, msglen) != 0)
		return NULL;
	if (job.part != SP_PART_WHOLE) {
		k->fig = (long)job.fig;
		k->s = s;
	}
	return s;
}

static void serve(int fd, const sp_batch *b, sp_job job, spr_canvas *canvas,
		  kept *k)
{
	char msg[SP_MAX_MSG_LEN];
	sp_msg m;
	memset(&m, 0, sizeof m);
	m.magic = SP_MSG_MAGIC;
	m.job = job.fig;
	m.part = job.part;
	msg[0] = '\0';
	unsigned char *png = NULL, *pix = NULL;
	size_t png_len = 0, pix_len = 0;
	uint64_t t0 = sp_now_ns();

	const spr_figure *fig = b->figs[job.fig];
	cairo_surface_t *s = drawing(fd, b, job, canvas, k, msg, sizeof msg);
	if (!s) {
		m.status = 1;
		goto send;
	}
	if (job.part >= 0) {
		sp_png_part part;
#ifdef SHMPLOT_TEST_HOOKS
		inject_stripe(b, job);
#endif
		if (sp_png_deflate_stripe(s, b->png_level, job.part, &part, msg,
					  sizeof msg) != 0) {
			m.status = 1;
			goto send;
		}
		png = part.z;
		png_len = part.len;
		m.adler = part.adler;
	} else if (job.part == SP_PART_WHOLE) {
		if (sp_png_encode(s, b->png_level, fig->dpi, &png, &png_len,
				  msg, sizeof msg) != 0) {
			m.status = 1;
			goto send;
		}
		if (b->want_pixels) {
			pix = surface_rgba(s, &pix_len);
			if (!pix) {
				sp_error(msg, sizeof msg, SHMPLOT_E_NOMEM,
					 "out of memory for the pixel copy");
				m.status = 1;
				free(png);
				png = NULL;
				png_len = 0;
				goto send;
			}
		}
	}
	m.width = cairo_image_surface_get_width(s);
	m.height = cairo_image_surface_get_height(s);
send:
	if (s && s != k->s)
		cairo_surface_destroy(s);
	if (m.status)
		drop(k);
	m.busy_ns = sp_now_ns() - t0;
	m.msg_len = m.status ? (uint32_t)strnlen(msg, sizeof msg - 1) : 0;
	m.png_len = png_len;
	m.pix_len = pix_len;
	if (sp_send_all(fd, &m, sizeof m) || sp_send_all(fd, msg, m.msg_len) ||
	    sp_send_all(fd, png, png_len) || sp_send_all(fd, pix, pix_len))
		_exit(0); /* the parent has gone; nobody to tell */
	free(png);
	free(pix);
}

void sp_worker_main(int fd, const sp_batch *b, pid_t parent)
{
	/* Die with the parent even if it is SIGKILLed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	/*
	 * Keep only stdio and our socket: the caller's descriptors and the
	 * sockets of sibling workers are not ours to hold open.
	 */
	if (fd != 3) {
		if (dup2(fd, 3) < 0)
			_exit(2);
		fd = 3;
	}
	close_range(4, ~0u, 0);
	reset_signals();
	/*
	 * Keep what a figure frees for the next one: without this, glibc
	 * hands the zlib state and the PNG buffer back to the kernel after
	 * every figure and the next one faults them in again, page by page.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	spr_canvas canvas = {0};
	kept k = {-1, NULL};
	for (;;) {
		sp_job job;
		if (recv_all(fd, &job, sizeof job) != 0)
			_exit(0);
		if (job.fig >= b->nfig || job.part < SP_PART_DRAW)
			_exit(2);
		/*
		 * The parent's send woke us, often on the parent's own CPU,
		 * and a woken task may preempt the one that woke it. Hand the
		 * CPU back first: the parent has only its bookkeeping left
		 * before it polls again, whereas a parent stuck behind its
		 * worker cannot answer the others (traced: ~1 ms stalls that
		 * left the other worker idle at the end of the seed job).
		 * Nothing else waiting on this CPU: no cost.
		 */
		sched_yield();
		serve(fd, b, job, &canvas, &k);
	}
}

void sp_compute_child(sp_fill_fn fn, void *ctx, size_t lo, size_t hi,
		      pid_t parent)
{
	/* A parent killed mid-computation takes its helpers with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	reset_signals();
	fn(ctx, lo, hi);
	_exit(0);
}
