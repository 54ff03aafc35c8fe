/* SPDX-License-Identifier: MIT */
/*
 * The worker pool's event loop, parent side.
 *
 * The parent hands each worker one job at a time (sp_job): a whole figure,
 * or, in the tail of a batch, one PNG stripe of a shared figure or a
 * drawing of one to join (stripes.c). The worker answers with an sp_msg
 * header followed by the message and the PNG bytes (or a stripe's deflate
 * bytes); pixels, if asked for, it writes into the batch's pixel buffer
 * (pixbuf.c). Dispatch from the parent, rather than
 * workers pulling from a shared counter, means the parent always knows
 * which figure a worker holds and since when: a worker that dies or
 * overruns its deadline costs exactly that figure, and the pool starts a
 * replacement for the rest.
 *
 * The parent never blocks on one worker: all sockets are non-blocking and
 * multiplexed with poll() against the nearest deadline, so several workers
 * sending PNGs much larger than a socket buffer cannot deadlock. Writes use
 * MSG_NOSIGNAL, so a dead worker is an EPIPE, never a SIGPIPE to the caller.
 *
 * A spawned worker still has its set-up ahead of it when it is started
 * (exec, the batch's description, the font; a kept one, each batch's
 * description) and says when it is done (SP_PART_READY). Its first job is
 * sent at once all the same: it waits in the socket, and its figure's
 * clock starts at READY (take_ready()), so start-up is never figure time
 * and costs no round trip (a kept worker sets up at every batch). The
 * price: a replacement started mid-batch holds its figure through its
 * start-up, where a live worker might have taken it sooner; replacements
 * follow only a crash or a timeout. A worker not ready within its own
 * start-up limit (p->start_ns) is killed and the figure it holds times
 * out saying so; one that always hangs there costs each figure once, so
 * the batch still ends.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- reporting ---- */

/* Records a figure's final status and tells the caller. */
static void finish(sp_pool *p, size_t fig, shmplot_fig_status st)
{
	sp_result *r = &p->res->r[fig];
	r->status = st;
	if (st != SHMPLOT_FIG_OK)
		p->res->failed++;
	p->done++;
	if (p->opts->on_result &&
	    p->opts->on_result(p->opts->userdata, p->res, fig) != 0)
		p->stop = 1;
	if (p->opts->discard_outputs)
		sp_result_drop_outputs(p->res, r);
}

/* Figure fig failed with st; msg was raised through sp_error(). */
static void fail(sp_pool *p, size_t fig, shmplot_fig_status st, const char *msg)
{
	sp_result *r = &p->res->r[fig];
	sp_result_drop_outputs(p->res, r);
	sp_result_set_message(r, msg);
	finish(p, fig, st);
}

/*
 * Worker w closed its socket, or sent something malformed (kill_now), while
 * holding a figure: reap it and say what happened to the figure.
 */
static void lost(sp_pool *p, sp_slot *w, const char *why, int kill_now)
{
	char msg[SP_ERRLEN];
	long job = w->job;
	int status = 0;
	int reaped =
	    sp_slot_retire(w, kill_now ? 0 : SP_EXIT_GRACE_MS, &status);
	if (job < 0 || !sp_settle(p, (size_t)job))
		return;
	const char *sep = why ? ": " : "", *because = why ? why : "";
	shmplot_fig_status st = SHMPLOT_FIG_ERROR;
	if (kill_now) {
		sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
			 "worker sent a bad answer: %s; worker killed", why);
	} else if (reaped && WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		p->res->r[job].signal = sig;
		sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
			 "worker crashed with signal %d (%s)", sig,
			 strsignal(sig));
		st = SHMPLOT_FIG_CRASHED;
	} else if (reaped && WIFEXITED(status)) {
		sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
			 "worker exited with status %d before finishing%s%s",
			 WEXITSTATUS(status), sep, because);
	} else {
		sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
			 "worker vanished (exit status unavailable)%s%s", sep,
			 because);
		st = SHMPLOT_FIG_CRASHED;
	}
	fail(p, (size_t)job, st, msg);
}

/* ---- handing out ---- */

#ifdef SHMPLOT_TEST_HOOKS
static void count_job(sp_pool *p, sp_job job, int draws)
{
	sp_test_counts *c = &p->res->r[job.fig].counts;
	c->jobs++;
	c->draws += draws;
	c->joins += job.part == SP_PART_DRAW;
	c->stripes += job.part >= 0;
}
#endif

static void dispatch(sp_pool *p, sp_slot *w)
{
	sp_job job;
	/* A kept worker whose batch has ended takes no more of it. */
	if (w->ending || (p->warm && !w->handed))
		return;
	if (!sp_pick(p, w, &job)) {
		/*
		 * With no figure left to start, nothing will come up for it
		 * later either (shared figures' stripes only run out): EOF
		 * now, so it exits while the last figures are still being
		 * drawn and while the parent writes the one it just sent (a
		 * worker's exit unmaps the data and its own memory).
		 * sp_slots_shutdown() reaps it. A warm worker is told the
		 * batch is over instead, and unmaps it.
		 */
		if (p->next >= p->batch->nfig && w->fd >= 0 && p->warm) {
			if (w->handed)
				sp_warm_end(w);
		} else if (p->next >= p->batch->nfig && w->fd >= 0) {
			close(w->fd);
			w->fd = -1;
		}
		return;
	}
	job.pix_off = p->pix_off ? p->pix_off[job.fig] : 0;
	/*
	 * A figure's time limit runs from when the worker started on it: a
	 * worker still setting up takes it from its socket once ready
	 * (take_ready() starts the clock), so it is sent now rather than
	 * then, which would cost a round trip at each batch of a kept worker.
	 */
	int draws = job.part < 0 || w->held != (long)job.fig ||
		    job.row0 != w->row0 || job.row1 != w->row1;
	if (draws && w->ready)
		w->started_ns = sp_now_ns();
#ifdef SHMPLOT_TEST_HOOKS
	count_job(p, job, draws);
#endif
	ssize_t n;
	do
		n = send(w->fd, &job, sizeof job, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	w->job = (long)job.fig;
	w->part = job.part;
	w->held = job.part == SP_PART_WHOLE ? -1 : (long)job.fig;
	w->row0 = job.row0;
	w->row1 = job.row1;
	w->got = 0;
	if (n != (ssize_t)sizeof job)
		lost(p, w, "could not hand it the figure", 0);
}

/*
 * w's answer is dealt with: it is idle, and gets its next job at once,
 * before the caller hears of the one it just finished: the caller's
 * on_result (the CLI writes the file there) then overlaps w's next figure
 * instead of holding it up.
 */
static void next_job(sp_pool *p, sp_slot *w)
{
	sp_slot_clear_answer(w);
	w->job = -1;
	if (!p->stop && !(p->opts->cancel && *p->opts->cancel))
		dispatch(p, w);
}

/* ---- receiving ---- */

/* Where the next received byte goes, and how many are wanted there. */
static unsigned char *rx_target(sp_slot *w, size_t *want)
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
	int k = off < w->hdr.vec_len[0] ? 0 : 1;
	if (k)
		off -= (size_t)w->hdr.vec_len[0];
	*want = (size_t)w->hdr.vec_len[k] - off;
	return w->vec[k] + off;
}

/* Bytes of the answer after its header. */
static uint64_t payload_len(const sp_msg *h)
{
	return h->msg_len + h->png_len + h->vec_len[0] + h->vec_len[1];
}

/* 1 if the answer carries a format not asked for (vector formats come
 * only with whole figures). */
static int unasked_vectors(const sp_pool *p, const sp_slot *w)
{
	for (int k = 0; k < SP_NVEC; k++)
		if (w->hdr.vec_len[k] &&
		    (w->part != SP_PART_WHOLE ||
		     !(sp_formats(p->batch) & sp_vec_format[k])))
			return 1;
	return 0;
}

/*
 * Validates a just-completed header and allocates the payload buffers.
 * SHMPLOT_E_FIGURES with what is wrong with the answer.
 */
static shmplot_status accept_header(sp_pool *p, sp_slot *w, char *err,
				    size_t errlen)
{
	sp_msg *h = &w->hdr;
	const char *bad = NULL;
	if (h->magic != SP_MSG_MAGIC || h->job != (uint32_t)w->job ||
	    h->part != w->part)
		bad = "malformed answer header";
	else if ((w->part == SP_PART_DRAW && h->png_len) ||
		 unasked_vectors(p, w))
		bad = "answer carries what was not asked for";
	else if (h->msg_len >= SP_MAX_MSG_LEN || h->png_len > SP_MAX_PNG_LEN ||
		 h->vec_len[0] > SP_MAX_PNG_LEN ||
		 h->vec_len[1] > SP_MAX_PNG_LEN)
		bad = "answer claims absurd sizes";
	else if (h->pix_len &&
		 (h->pix_len != sp_pixbuf_expect(p, (size_t)w->job, w->part) ||
		  (w->part == SP_PART_WHOLE &&
		   h->pix_len != (uint64_t)h->width * 4 * (uint64_t)h->height)))
		bad = "answer's pixel size does not match its figure";
	if (bad)
		return sp_error(err, errlen, SHMPLOT_E_FIGURES, "%s", bad);
	w->msg = calloc(1, (size_t)h->msg_len + 1);
	w->png = h->png_len ? malloc((size_t)h->png_len) : NULL;
	int nomem = !w->msg || (h->png_len && !w->png);
	for (int k = 0; k < SP_NVEC; k++) {
		w->vec[k] =
		    h->vec_len[k] ? malloc((size_t)h->vec_len[k]) : NULL;
		nomem |= h->vec_len[k] && !w->vec[k];
	}
	if (nomem)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for the answer");
	return SHMPLOT_OK;
}

/* A stripe of shared figure fig came in; the last one makes its PNG. */
static void stripe_done(sp_pool *p, sp_slot *w, size_t fig)
{
	char msg[SP_ERRLEN];
	int last;
	shmplot_status st = sp_stripe_file(p, w, fig, &last, msg, sizeof msg);
	next_job(p, w);
	if (st == SHMPLOT_OK && last)
		st = sp_stripes_assemble(p, fig, msg, sizeof msg);
	if ((st == SHMPLOT_OK && !last) || !sp_settle(p, fig))
		return;
	if (st != SHMPLOT_OK)
		fail(p, fig, SHMPLOT_FIG_ERROR, msg);
	else
		finish(p, fig, SHMPLOT_FIG_OK);
}

/* 1 if an answer of success lacks something its job asks for. */
static int missing_output(const sp_pool *p, const sp_slot *w)
{
	unsigned f = sp_formats(p->batch);
	if (w->part == SP_PART_DRAW)
		return 0;
	if (w->hdr.pix_len != sp_pixbuf_expect(p, (size_t)w->job, w->part))
		return 1;
	if (w->part >= 0)
		return w->hdr.png_len == 0;
	if ((f & SHMPLOT_FORMAT_PNG) && w->hdr.png_len == 0)
		return 1;
	for (int k = 0; k < SP_NVEC; k++)
		if ((f & sp_vec_format[k]) && w->hdr.vec_len[k] == 0)
			return 1;
	return 0;
}

/* w's answer is all in. */
static void complete(sp_pool *p, sp_slot *w)
{
	size_t fig = (size_t)w->job;
	sp_result *r = &p->res->r[fig];
	r->seconds += (double)w->hdr.busy_ns / 1e9;
	if (w->hdr.status != 0 || missing_output(p, w)) {
		char msg[SP_ERRLEN];
		/* The worker dropped its drawing; its message says why. */
		w->held = -1;
		int report = sp_settle(p, fig);
		if (report)
			sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES, "%s",
				 w->hdr.msg_len ? w->msg : "renderer failed");
		next_job(p, w);
		if (report)
			fail(p, fig, SHMPLOT_FIG_ERROR, msg);
		return;
	}
	if (w->part == SP_PART_DRAW) {
		next_job(p, w);
		return;
	}
	if (w->part >= 0) {
		stripe_done(p, w, fig);
		return;
	}
	r->png = w->png;
	r->png_len = (size_t)w->hdr.png_len;
	r->pix = sp_pixbuf_figure(p, fig);
	r->width = w->hdr.width;
	r->height = w->hdr.height;
	w->png = NULL;
	for (int k = 0; k < SP_NVEC; k++) {
		r->vec[k] = w->vec[k];
		r->vec_len[k] = (size_t)w->hdr.vec_len[k];
		w->vec[k] = NULL;
	}
	next_job(p, w);
	finish(p, fig, SHMPLOT_FIG_OK);
}

/*
 * w is setting up: reads its SP_PART_READY header, which comes before
 * anything else it sends. 1 once it is ready (the figure it holds starts
 * its clock now), 0 if more is to come, -1 if it was lost (and reported).
 */
static int take_ready(sp_pool *p, sp_slot *w)
{
	while (w->got < sizeof w->hdr) {
		ssize_t n = recv(w->fd, (unsigned char *)&w->hdr + w->got,
				 sizeof w->hdr - w->got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			lost(p, w,
			     w->got ? "its ready message was cut short" : NULL,
			     0);
			return -1;
		}
		w->got += (size_t)n;
	}
	const sp_msg *h = &w->hdr;
	if (h->magic != SP_MSG_MAGIC) {
		lost(p, w,
		     "not this version's protocol (a shmplot-worker of "
		     "another build?)",
		     1);
		return -1;
	}
	if (h->part != SP_PART_READY || h->status || h->msg_len || h->png_len ||
	    h->pix_len || h->vec_len[0] || h->vec_len[1]) {
		lost(p, w, "it answered before saying it was ready", 1);
		return -1;
	}
	w->ready = 1;
	w->got = 0;
	w->started_ns = sp_now_ns();
	return 1;
}

static void on_readable(sp_pool *p, sp_slot *w)
{
	char msg[SP_ERRLEN];
	if (!w->ready) {
		if (take_ready(p, w) <= 0)
			return;
		if (w->job < 0 && !w->ending)
			return; /* nothing more is due from it */
	}
	if (w->ending) {
		sp_warm_ack(w);
		return;
	}
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
		if (!had_header && w->got == sizeof w->hdr &&
		    accept_header(p, w, msg, sizeof msg) != SHMPLOT_OK) {
			lost(p, w, msg, 1);
			return;
		}
		if (w->got >= sizeof w->hdr &&
		    w->got == sizeof w->hdr + payload_len(&w->hdr)) {
			complete(p, w);
			return;
		}
	}
}

/* ---- the loop ---- */

/*
 * A timeout in seconds as nanoseconds: 0 for none (0 or less), saturated
 * at SP_TIMEOUT_MAX_NS (146 years, never reached) for any larger value,
 * so that a start time plus the limit cannot wrap.
 */
static uint64_t sp_timeout_ns(double s)
{
	if (!(s > 0))
		return 0;
	if (s >= (double)SP_TIMEOUT_MAX_NS / 1e9)
		return SP_TIMEOUT_MAX_NS;
	uint64_t ns = (uint64_t)(s * 1e9);
	return ns ? ns : 1;
}

static int live_jobs(const sp_pool *p)
{
	int n = 0;
	for (int i = 0; i < p->nw; i++)
		n += p->w[i].pid && p->w[i].job >= 0;
	return n;
}

/* Keeps every live worker busy and replaces dead ones while work remains. */
static shmplot_status feed(sp_pool *p)
{
	for (int i = 0; i < p->nw && !p->stop; i++) {
		sp_slot *w = &p->w[i];
		if (!w->pid) {
			/* A fresh worker only for work that is waiting. */
			if (p->next >= p->batch->nfig && sp_to_join(p) < 0)
				continue;
			shmplot_status st = sp_slot_start(p, w);
			if (st != SHMPLOT_OK) {
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

/*
 * When w's figure is due: its start plus the limit, saturating; for a
 * worker still setting up, its start plus the start-up limit.
 */
static uint64_t due_ns(const sp_pool *p, const sp_slot *w)
{
	uint64_t limit = w->ready ? p->limit_ns : p->start_ns;
	return w->started_ns > UINT64_MAX - limit ? UINT64_MAX
						  : w->started_ns + limit;
}

static int poll_timeout_ms(const sp_pool *p, uint64_t now)
{
	int ms = -1;
	if (p->opts->cancel)
		ms = 100; /* a signal may land just before poll() */
	if (!p->limit_ns)
		return ms;
	for (int i = 0; i < p->nw; i++) {
		const sp_slot *w = &p->w[i];
		if (!w->pid || w->job < 0)
			continue;
		uint64_t due = due_ns(p, w);
		uint64_t left_ms =
		    due <= now ? 0 : (due - now) / 1000000u + 1; /* round up */
		/* A tick at most: how long a stop lasted is measured to it. */
		int left = left_ms > SP_TICK_MS ? SP_TICK_MS : (int)left_ms;
		if (ms < 0 || left < ms)
			ms = left;
	}
	return ms;
}

/*
 * Time the figures were not given: up to end, the loop was away for excess
 * ns that it did not mean to wait. Beyond SP_STALL_NS that is the job
 * stopped (Ctrl-Z, kill -STOP -- -PGID: the workers stop with the parent)
 * or the parent held up; either way the workers were not watched, so each
 * figure's deadline moves on by the gap, by no more than the time since it
 * started (a figure started during the gap). A worker stopped on its own
 * while the parent runs is not forgiven: it is hung.
 */
static void forgive(sp_pool *p, uint64_t end, uint64_t excess)
{
	if (!p->limit_ns || excess < SP_STALL_NS)
		return;
	for (int i = 0; i < p->nw; i++) {
		sp_slot *w = &p->w[i];
		if (!w->pid || w->job < 0 || w->started_ns >= end)
			continue;
		uint64_t d = end - w->started_ns;
		w->started_ns += d < excess ? d : excess;
#ifdef SHMPLOT_TEST_HOOKS
		p->res->r[w->job].counts.stalls++;
#endif
	}
}

static void check_deadlines(sp_pool *p, uint64_t now)
{
	if (!p->limit_ns)
		return;
	for (int i = 0; i < p->nw; i++) {
		sp_slot *w = &p->w[i];
		if (!w->pid || w->job < 0 || now < due_ns(p, w))
			continue;
		long job = w->job;
		int starting = !w->ready;
		sp_slot_retire(w, 0, NULL);
#ifdef SHMPLOT_TEST_HOOKS
		if (starting)
			p->res->r[job].counts.unready++;
		else
			p->res->r[job].counts.timeouts++;
#endif
		if (!sp_settle(p, (size_t)job))
			continue;
		char msg[SP_ERRLEN];
		if (starting)
			sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
				 "worker did not get ready within %g s "
				 "(start-up: exec, batch description, "
				 "font); worker killed",
				 (double)p->start_ns / 1e9);
		else
			sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES,
				 "timed out after %g s; worker killed",
				 p->opts->timeout_s);
		fail(p, (size_t)job, SHMPLOT_FIG_TIMEOUT, msg);
	}
}

/* The sockets of live workers into pfd (who[k]: the slot of pfd[k]). */
static int poll_set(const sp_pool *p, struct pollfd *pfd, int *who)
{
	int n = 0;
	for (int i = 0; i < p->nw; i++) {
		if (!p->w[i].pid || p->w[i].fd < 0)
			continue;
		pfd[n].fd = p->w[i].fd;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		who[n++] = i;
	}
	return n;
}

static shmplot_status run(sp_pool *p)
{
	struct pollfd *pfd = calloc((size_t)p->nw, sizeof *pfd);
	int *who = calloc((size_t)p->nw, sizeof *who);
	shmplot_status st = SHMPLOT_OK;
	if (!pfd || !who) {
		st = sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
			      "out of memory");
		goto out;
	}
	uint64_t mark = sp_now_ns(); /* when the loop last looked */
	/*
	 * Kept workers still drawing when the last figure is in (one that
	 * joined a shared figure whose stripes the other finished) are
	 * waited for, not killed: their answer is dropped and they stay.
	 */
	while (p->done < p->batch->nfig || (p->warm && live_jobs(p) > 0)) {
		if (p->opts->cancel && *p->opts->cancel)
			p->stop = 1;
		if (p->stop)
			break;
		st = feed(p);
		if (st != SHMPLOT_OK)
			break;
		int n = poll_set(p, pfd, who);
		if (n == 0)
			break; /* nothing left that could make progress */
		uint64_t t0 = sp_now_ns();
		forgive(p, t0, t0 - mark);
		int ms = poll_timeout_ms(p, t0);
		int r = poll(pfd, (nfds_t)n, ms);
		if (r < 0 && errno != EINTR) {
			st = sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				      "poll: %s", strerror(errno));
			break;
		}
		uint64_t t1 = sp_now_ns(), meant = (uint64_t)ms * 1000000u;
		if (ms >= 0 && t1 - t0 > meant)
			forgive(p, t1, t1 - t0 - meant);
		for (int k = 0; r > 0 && k < n; k++) {
			sp_slot *w = &p->w[who[k]];
			if (pfd[k].revents && w->pid && !p->stop)
				on_readable(p, w);
		}
		mark = sp_now_ns();
		forgive(p, mark, mark - t1);
		check_deadlines(p, mark);
	}
out:
	free(pfd);
	free(who);
	return st;
}

/* The batch's own status once every figure is accounted for. */
static shmplot_status outcome(const sp_pool *p, shmplot_status st)
{
	size_t n = p->batch->nfig;
	if (st != SHMPLOT_OK)
		return st;
	if (p->stop)
		return sp_error(p->err, p->errlen, SHMPLOT_E_INTERRUPTED,
				"the batch was stopped after %zu of %zu "
				"figures",
				p->done, n);
	if (p->res->failed)
		return sp_error(p->err, p->errlen, SHMPLOT_E_FIGURES,
				"%zu of %zu figures failed", p->res->failed, n);
	return SHMPLOT_OK;
}

/*
 * The workers the batch may have: jobs, as far as the descriptors left
 * pay for the ones not started yet (a warm pool's live ones are paid).
 */
static int worker_budget(const sp_warm *warm, int jobs)
{
	int live = 0;
	if (jobs < 1)
		jobs = 1;
	for (int i = 0; warm && i < warm->cap && i < jobs; i++)
		live += warm->w[i].pid != 0;
	return live == jobs ? jobs : live + sp_fd_workers(jobs - live);
}

shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, sp_warm *warm, shmplot_results **out,
			   char *err, size_t errlen)
{
	sp_pool p;
	/* the batch as the workers see it: with its pixel buffer */
	sp_batch bb = *b;
	bb.pix_fd = -1;
	bb.pix_map = NULL;
	bb.pix_map_len = 0;
	memset(&p, 0, sizeof p);
	p.batch = &bb;
	p.opts = opts;
	p.err = err;
	p.errlen = errlen;
	p.limit_ns = sp_timeout_ns(opts->timeout_s);
	uint64_t allow = SP_START_ALLOW_NS;
#ifdef SHMPLOT_TEST_HOOKS
	allow = sp_test_start_allow_ns(allow);
#endif
	p.start_ns = !p.limit_ns ? 0 : p.limit_ns > allow ? p.limit_ns : allow;
	p.res = sp_results_new(b);
	if (!p.res)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	p.warm = warm;
	/* Every descriptor spent on workers is one the caller cannot open. */
	shmplot_status st = sp_plan(&p, worker_budget(warm, jobs));
	if (st == SHMPLOT_OK)
		st = sp_pixbuf_open(&p, &bb);
	if (st == SHMPLOT_OK && warm)
		st = sp_warm_begin(&p);
	else if (st == SHMPLOT_OK)
		p.w = calloc((size_t)p.nw, sizeof *p.w);
	if (!p.w || st != SHMPLOT_OK) {
		sp_pixbuf_close(&p, &bb);
		sp_plan_free(&p);
		shmplot_results_free(p.res);
		return st != SHMPLOT_OK ? st
					: sp_error(err, errlen, SHMPLOT_E_NOMEM,
						   "out of memory");
	}
	for (int i = 0; !warm && i < p.nw; i++) {
		p.w[i].fd = -1;
		p.w[i].pidfd = -1;
		p.w[i].job = -1;
		p.w[i].held = -1;
	}
	st = run(&p);
	if (warm) {
		sp_warm_finish(&p);
	} else {
		sp_slots_shutdown(&p);
		free(p.w);
	}
	sp_pixbuf_close(&p, &bb);
	sp_plan_free(&p);
	sp_results_close(p.res, st != SHMPLOT_OK);
	*out = p.res;
	return outcome(&p, st);
}
