/* SPDX-License-Identifier: MIT */
/*
 * ======================================================================
 *  CHILD-SIDE CODE: everything here runs in a worker process, between
 *  fork() and _exit() (or, in a spawned shmplot-worker, after exec; see
 *  worker/main.c). Nothing else in shmplot runs in a forked worker but
 *  what this file calls: the renderer (render/), the PNG encoder
 *  (png/encode.c), sp_error() and, in test builds only, the fault hooks
 *  (testhooks/faults.c), which keep these rules too.
 *
 *  Rules for this file:
 *   - Leave only with _exit(): never exit(), never return to the caller's
 *     code, so the caller's atexit handlers and stdio buffers are not run
 *     or flushed twice.
 *   - No stdio, no signal handlers, no threads, no file-system access: the
 *     font is already in memory and the data segment already mapped.
 *   - malloc (tuned with mallopt for this process only), cairo, FreeType,
 *     zlib and libpng are used. That is safe because shmplot_render()
 *     forks only when the calling thread is the only thread of the
 *     process (/proc/self/task), so no other thread can hold their locks;
 *     otherwise it spawns a fresh shmplot-worker (pool/spawn.c).
 *   - Talk to the parent only through the socket handed to
 *     sp_worker_main(), with MSG_NOSIGNAL, and exit when it closes; and
 *     write pixels only into the batch's pixel buffer, at the place the
 *     job names, within the room the figure's size makes.
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
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

shmplot_status sp_send_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return sp_error(NULL, 0, SHMPLOT_E_IO,
					"the parent has gone");
		p += n;
		len -= (size_t)n;
	}
	return SHMPLOT_OK;
}

/*
 * Sends the n pieces of iov as one stream, with as few calls as the
 * socket takes (the pieces are consumed). An answer sent as one sendmsg
 * wakes the parent once with all of it: sent piece by piece, the parent
 * woke on the header, found the PNG not there yet (EAGAIN) and polled
 * again (traced: 0.9 extra poll + recv a figure).
 */
static shmplot_status send_iov(int fd, struct iovec *iov, int n)
{
	while (n > 0) {
		struct msghdr mh;
		memset(&mh, 0, sizeof mh);
		mh.msg_iov = iov;
		mh.msg_iovlen = (size_t)n;
		ssize_t k = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return sp_error(NULL, 0, SHMPLOT_E_IO,
					"the parent has gone");
		size_t left = (size_t)k;
		while (n > 0 && left >= iov->iov_len) {
			left -= iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (unsigned char *)iov->iov_base + left;
			iov->iov_len -= left;
		}
	}
	return SHMPLOT_OK;
}

/* Reads exactly len bytes; SHMPLOT_E_IO on EOF (the parent is done). */
static shmplot_status recv_all(int fd, void *buf, size_t len)
{
	unsigned char *p = buf;
	while (len) {
		ssize_t n = recv(fd, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return sp_error(NULL, 0, SHMPLOT_E_IO,
					"the parent has gone");
		p += n;
		len -= (size_t)n;
	}
	return SHMPLOT_OK;
}

/*
 * Closes every descriptor from lowfd up. close_range() is in glibc only
 * from 2.34 and in the kernel only from 5.9; without it, one close() per
 * descriptor up to the soft limit (at most 65536 of them).
 */
static void close_from(int lowfd)
{
#if defined(__GLIBC__) &&                                                      \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	if (close_range((unsigned)lowfd, ~0u, 0) == 0)
		return;
#elif defined(SYS_close_range)
	if (syscall(SYS_close_range, (unsigned)lowfd, ~0u, 0) == 0)
		return;
#endif
	struct rlimit rl;
	int max = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
			  rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 65536
		      ? (int)rl.rlim_cur
		      : 65536;
	for (int fd = lowfd; fd < max; fd++)
		close(fd);
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

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels: EINVAL */
#endif

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * Four 0x00RRGGBB pixels to R, G, B, 255 bytes with one SSSE3 shuffle and
 * an or; returns how many pixels it did (a multiple of four).
 */
__attribute__((target("ssse3"))) static int
rgba_ssse3(unsigned char *o, const uint32_t *in, int w)
{
	const __m128i shuf = _mm_setr_epi8(2, 1, 0, -1, 6, 5, 4, -1, 10, 9, 8,
					   -1, 14, 13, 12, -1);
	const __m128i alpha = _mm_set1_epi32((int)0xff000000u);
	int x = 0;
	for (; x + 4 <= w; x += 4) {
		__m128i v = _mm_loadu_si128((const __m128i *)(in + x));
		v = _mm_or_si128(_mm_shuffle_epi8(v, shuf), alpha);
		_mm_storeu_si128((__m128i *)(o + 4 * (size_t)x), v);
	}
	return x;
}
#endif

/*
 * Rows [y0, y1) of an RGB24 surface (or, for a clear figure, a
 * premultiplied ARGB32 one) as tightly packed straight RGBA8 at out.
 */
static void rows_rgba(cairo_surface_t *s, int y0, int y1, unsigned char *out)
{
	int w = cairo_image_surface_get_width(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *src = cairo_image_surface_get_data(s);
	size_t row = (size_t)w * 4;
	int argb = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
#if defined(__x86_64__) && defined(__GNUC__)
	int simd = __builtin_cpu_supports("ssse3");
#endif
	for (int y = y0; y < y1; y++) {
		const uint32_t *in =
		    (const uint32_t *)(src + (size_t)y * (size_t)stride);
		unsigned char *o = out + (size_t)(y - y0) * row;
		int x = 0;
		if (argb) {
			sp_argb_row_to_rgba(in, o, w);
			continue;
		}
#if defined(__x86_64__) && defined(__GNUC__)
		if (simd)
			x = rgba_ssse3(o, in, w);
#endif
		for (; x < w; x++) {
			uint32_t px = in[x];
			o[4 * x + 0] = (unsigned char)(px >> 16);
			o[4 * x + 1] = (unsigned char)(px >> 8);
			o[4 * x + 2] = (unsigned char)px;
			o[4 * x + 3] = 255;
		}
	}
}

/*
 * Predicate: the pages of pix_map[at, at + len) are known to be mapped in
 * this process (sp_batch.pix_done).
 */
static int pages_done(const sp_batch *b, size_t at, size_t len)
{
	if (!b->pix_done || at + len > SP_PIXDONE_BYTES * 8 * SP_PIXPAGE)
		return 0;
	for (size_t pg = at / SP_PIXPAGE; pg <= (at + len - 1) / SP_PIXPAGE;
	     pg++)
		if (!(b->pix_done[pg / 8] & (1u << (pg % 8))))
			return 0;
	return 1;
}

static void mark_done(const sp_batch *b, size_t at, size_t len)
{
	if (!b->pix_done || at + len > SP_PIXDONE_BYTES * 8 * SP_PIXPAGE)
		return;
	for (size_t pg = at / SP_PIXPAGE; pg <= (at + len - 1) / SP_PIXPAGE;
	     pg++)
		b->pix_done[pg / 8] |= (unsigned char)(1u << (pg % 8));
}

/*
 * The pixels of rows [y0, y1) of job's figure, drawn on s, into the
 * batch's pixel buffer at the figure's place; *len: the bytes written.
 * The figure must be the size the parent made room for, and its room
 * inside the buffer. The pages are faulted in with one call first: a
 * fresh buffer's pages one fault at a time cost more than the copy. Not
 * those a kept mapping has faulted in already: the call walks them all.
 */
static shmplot_status put_pixels(const sp_batch *b, sp_job job,
				 cairo_surface_t *s, int y0, int y1,
				 size_t *len, char *msg, size_t msglen)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int fw = 0, fh = 0;
	spr_figure_pixel_size(b->figs[job.fig], &fw, &fh);
	size_t row = (size_t)w * 4, all, at;
	if (w != fw || h != fh || !b->pix_map || sp_mul(row, (size_t)h, &all) ||
	    job.pix_off > b->pix_map_len || all > b->pix_map_len - job.pix_off)
		return sp_error(msg, msglen, SHMPLOT_E_FIGURES,
				"no room for the figure's pixels (%d x %d)", w,
				h);
	at = (size_t)job.pix_off + row * (size_t)y0;
	*len = row * (size_t)(y1 - y0);
	if (*len && !pages_done(b, at, *len)) {
		uintptr_t page = (uintptr_t)getpagesize();
		uintptr_t p = (uintptr_t)(b->pix_map + at) & ~(page - 1);
		if (madvise((void *)p, (uintptr_t)(b->pix_map + at) + *len - p,
			    MADV_POPULATE_WRITE) == 0)
			mark_done(b, at, *len);
	}
	rows_rgba(s, y0, y1, b->pix_map + at);
	return SHMPLOT_OK;
}

/* The drawing a worker keeps while it deflates stripes of one figure. */
typedef struct kept {
	long fig;           /* -1: none */
	int32_t row0, row1; /* the rows drawn (sp_job's) */
	cairo_surface_t *s;
} kept;

static void drop(kept *k)
{
	if (k->s)
		cairo_surface_destroy(k->s);
	k->s = NULL;
	k->fig = -1;
}

/*
 * The surface job works on, in *out: the kept drawing for a stripe of the
 * figure kept, else drawn now (and kept, unless the job is the whole
 * figure).
 */
static shmplot_status drawing(int fd, const sp_batch *b, sp_job job,
			      spr_canvas *canvas, kept *k,
			      cairo_surface_t **out, char *msg, size_t msglen)
{
	*out = NULL;
	if (job.part >= 0 && k->s && k->fig == (long)job.fig &&
	    k->row0 == job.row0 && k->row1 == job.row1) {
		*out = k->s;
		return SHMPLOT_OK;
	}
	drop(k);
#ifdef SHMPLOT_TEST_HOOKS
	sp_test_fault_draw(b, fd, job.fig, job.part);
#else
	(void)fd;
#endif
	/* The renderer wrote its own message into msg (spr_err()). */
	cairo_surface_t *s = NULL;
	if (spr_render_canvas_rows(b->figs[job.fig], b->series, b->nseries,
				   b->font, canvas, job.row0, job.row1, &s, msg,
				   msglen) != 0)
		return sp_error(NULL, 0, SHMPLOT_E_FIGURES,
				"the renderer failed");
	if (job.part != SP_PART_WHOLE) {
		k->fig = (long)job.fig;
		k->row0 = job.row0;
		k->row1 = job.row1;
		k->s = s;
	}
	*out = s;
	return SHMPLOT_OK;
}

/* What follows the sp_msg header of an answer. */
typedef struct answer {
	unsigned char *png; /* the PNG, or a stripe's deflate bytes */
	size_t png_len;
	uint32_t adler;              /* a stripe's */
	size_t pix_len;              /* written into the batch's pixel buffer */
	unsigned char *vec[SP_NVEC]; /* PDF, SVG */
	size_t vec_len[SP_NVEC];
} answer;

const unsigned sp_vec_format[SP_NVEC] = {SHMPLOT_FORMAT_PDF,
					 SHMPLOT_FORMAT_SVG};

/*
 * The vector formats the batch asks for, each drawn again by the same code
 * on its own cairo surface (render/vector.c).
 */
static shmplot_status encode_vectors(const sp_batch *b, sp_job job, answer *a,
				     char *msg, size_t msglen)
{
	for (int k = 0; k < SP_NVEC; k++) {
		if (!(sp_formats(b) & sp_vec_format[k]))
			continue;
		if (spr_render_vector(b->figs[job.fig], b->series, b->nseries,
				      b->font, (int)sp_vec_format[k],
				      &a->vec[k], &a->vec_len[k], msg,
				      msglen) != 0)
			return sp_error(NULL, 0, SHMPLOT_E_FIGURES,
					"the renderer failed");
	}
	return SHMPLOT_OK;
}

static void answer_free(answer *a)
{
	free(a->png);
	for (int k = 0; k < SP_NVEC; k++)
		free(a->vec[k]);
	memset(a, 0, sizeof *a);
}

/*
 * Encodes what job asks of drawing s: the PNG, or one stripe of it, and
 * with pixels asked for, writes the figure's pixels (a stripe's rows).
 */
static shmplot_status encode(const sp_batch *b, sp_job job, cairo_surface_t *s,
			     answer *a, char *msg, size_t msglen)
{
	shmplot_status st;
	if (job.part == SP_PART_DRAW)
		return SHMPLOT_OK;
	if (job.part >= 0) {
		sp_png_part part;
#ifdef SHMPLOT_TEST_HOOKS
		sp_test_fault_stripe(b, job.fig);
#endif
		st = sp_png_deflate_stripe(s, b->png_level, job.part, &part,
					   msg, msglen);
		if (st != SHMPLOT_OK)
			return st;
		a->png = part.z;
		a->png_len = part.len;
		a->adler = part.adler;
		if (!b->want_pixels)
			return SHMPLOT_OK;
		int y0, y1;
		sp_png_stripe_rows(cairo_image_surface_get_width(s),
				   cairo_image_surface_get_height(s), job.part,
				   &y0, &y1);
		return put_pixels(b, job, s, y0, y1, &a->pix_len, msg, msglen);
	}
	st = sp_png_encode(s, b->png_level, b->figs[job.fig]->dpi, &a->png,
			   &a->png_len, msg, msglen);
	if (st != SHMPLOT_OK || !b->want_pixels)
		return st;
	return put_pixels(b, job, s, 0, cairo_image_surface_get_height(s),
			  &a->pix_len, msg, msglen);
}

static void serve(int fd, const sp_batch *b, sp_job job, spr_canvas *canvas,
		  kept *k)
{
	char msg[SP_MAX_MSG_LEN];
	answer a;
	cairo_surface_t *s = NULL;
	sp_msg m;
	memset(&a, 0, sizeof a);
	memset(&m, 0, sizeof m);
	m.magic = SP_MSG_MAGIC;
	m.job = job.fig;
	m.part = job.part;
	msg[0] = '\0';
	uint64_t t0 = sp_now_ns();
	shmplot_status st = SHMPLOT_OK;

	if (job.part != SP_PART_WHOLE || (sp_formats(b) & SHMPLOT_FORMAT_PNG)) {
		st = drawing(fd, b, job, canvas, k, &s, msg, sizeof msg);
		if (st == SHMPLOT_OK)
			st = encode(b, job, s, &a, msg, sizeof msg);
		if (st == SHMPLOT_OK) {
			m.width = cairo_image_surface_get_width(s);
			m.height = cairo_image_surface_get_height(s);
		}
	} else {
#ifdef SHMPLOT_TEST_HOOKS
		sp_test_fault_draw(b, fd, job.fig, job.part);
#endif
		spr_figure_pixel_size(b->figs[job.fig], &m.width, &m.height);
	}
	if (st == SHMPLOT_OK && job.part == SP_PART_WHOLE)
		st = encode_vectors(b, job, &a, msg, sizeof msg);
	if (s && s != k->s)
		cairo_surface_destroy(s);
	if (st != SHMPLOT_OK) {
		drop(k);
		answer_free(&a);
	}
	m.status = st != SHMPLOT_OK;
	m.busy_ns = sp_now_ns() - t0;
	m.msg_len = m.status ? (uint32_t)strnlen(msg, sizeof msg - 1) : 0;
	m.adler = a.adler;
	m.png_len = a.png_len;
	m.pix_len = a.pix_len;
	for (int v = 0; v < SP_NVEC; v++)
		m.vec_len[v] = a.vec_len[v];
	/* header, message, PNG, vectors: the empty ones left out */
	struct iovec iov[3 + SP_NVEC];
	const void *piece[3 + SP_NVEC] = {&m, msg, a.png};
	size_t plen[3 + SP_NVEC] = {sizeof m, m.msg_len, a.png_len};
	int niov = 0;
	for (int v = 0; v < SP_NVEC; v++) {
		piece[3 + v] = a.vec[v];
		plen[3 + v] = a.vec_len[v];
	}
	for (int i = 0; i < 3 + SP_NVEC; i++)
		if (plen[i]) {
			iov[niov].iov_base = (void *)piece[i];
			iov[niov++].iov_len = plen[i];
		}
	if (send_iov(fd, iov, niov))
		_exit(0); /* the parent has gone; nobody to tell */
	answer_free(&a);
}

int sp_worker_init(int fd, pid_t parent)
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
	close_from(4);
	reset_signals();
	/*
	 * Keep what a figure frees for the next one: without this, glibc
	 * hands the zlib state and the PNG buffer back to the kernel after
	 * every figure and the next one faults them in again, page by page.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	return fd;
}

/* The pixel memory figures are drawn on, kept from batch to batch. */
static spr_canvas canvas;

int sp_worker_serve(int fd, const sp_batch *b)
{
	kept k = {-1, 0, 0, NULL};
	for (;;) {
		sp_job job;
		if (recv_all(fd, &job, sizeof job) != SHMPLOT_OK)
			_exit(0);
		if (job.part == SP_PART_END) {
			drop(&k);
			return 1;
		}
		if (job.fig >= b->nfig || job.part < SP_PART_DRAW)
			_exit(2);
		/*
		 * The parent's send woke us, often on the parent's own CPU,
		 * and a woken task may preempt the one that woke it. Hand the
		 * CPU back first: the parent has only its bookkeeping left
		 * before it polls again, whereas a parent stuck behind its
		 * worker cannot answer the others (traced: stalls that left
		 * the other worker idle at the end of the seed job). Nothing
		 * else waiting on this CPU: no cost.
		 */
		sched_yield();
		serve(fd, b, job, &canvas, &k);
	}
}

void sp_worker_main(int fd, const sp_batch *b, pid_t parent)
{
	fd = sp_worker_init(fd, parent);
	sp_worker_serve(fd, b);
	_exit(2); /* a batch's end is only for warm workers */
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
