/* SPDX-License-Identifier: MIT */
/*
 * Workers kept between batches (a renderer's shmplot_renderer_keep_workers).
 *
 * A warm worker is always the spawned shmplot-worker executable started
 * with "--warm": it loads nothing until a batch comes, so it can serve any
 * number of them, and being a fresh process it is safe to start from any
 * thread. A batch is handed over as one SP_PART_BATCH header carrying its
 * descriptors (SCM_RIGHTS): the batch's sealed, read-only data segment,
 * its description (sp_blob_create's sealed memfd) and, with pixels, its
 * pixel buffer (pixbuf.c). The jobs then run as in
 * any batch (loop.c); at the end the parent sends SP_PART_END and waits for
 * the worker's answer to it, which it sends only after unmapping them. So
 * when sp_pool_run() returns, no worker maps the batch's segment, and a
 * worker holds nothing of a batch between batches but its font and pixel
 * memory. The one exception is a reusable segment (segment.h), which the
 * library fills again for a later batch (Python's loop): the batch header
 * carries its id, and a worker keeps its mapping of the last one it got
 * until another comes or it exits, so a later batch reads pages the
 * worker has mapped already. The parent writes into it only between
 * batches, when no worker reads it.
 *
 * What can happen between batches: a worker is killed, crashes or exits
 * after its idle limit. sp_warm_begin() reaps those before handing the
 * batch out (through the pidfd, which turns readable when the process
 * exits), and loop.c starts replacements as work needs them, so a worker
 * lost between batches costs no figure. A worker lost during a batch costs
 * its figure, as in any batch. A process forked since the workers started
 * does not own them: it forgets their descriptors (closing its copies
 * touches nothing of the parent's) and starts its own.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

sp_warm *sp_warm_new(void)
{
	sp_warm *wm = calloc(1, sizeof *wm);
	if (!wm)
		return NULL;
	wm->owner = getpid();
	wm->pix_cache = sp_pixcache_new();
	if (!wm->pix_cache) {
		free(wm);
		return NULL;
	}
	return wm;
}

/* Forgets workers this process did not start (it was forked since). */
static void adopt(sp_warm *wm)
{
	pid_t me = getpid();
	if (wm->owner == me)
		return;
	for (int i = 0; i < wm->cap; i++) {
		sp_slot *w = &wm->w[i];
		if (w->fd >= 0)
			close(w->fd);
		if (w->pidfd >= 0)
			close(w->pidfd);
		sp_slot_clear_answer(w);
		w->fd = w->pidfd = -1;
		w->pid = 0;
		w->job = w->held = -1;
		w->ending = w->handed = 0;
	}
	wm->owner = me;
}

/* Grows wm to n slots, the new ones empty. 0 if out of memory. */
static int reserve(sp_warm *wm, int n)
{
	if (n <= wm->cap)
		return 1;
	sp_slot *w = realloc(wm->w, (size_t)n * sizeof *w);
	if (!w)
		return 0;
	for (int i = wm->cap; i < n; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].fd = w[i].pidfd = -1;
		w[i].job = w[i].held = -1;
	}
	wm->w = w;
	wm->cap = n;
	return 1;
}

/* 1 if w's process has exited (or cannot be asked: then it is kept). */
static int exited(const sp_slot *w)
{
	if (w->pidfd >= 0) {
		struct pollfd x = {w->pidfd, POLLIN, 0};
		return poll(&x, 1, 0) > 0;
	}
	siginfo_t si;
	si.si_pid = 0;
	return waitid(P_PID, (id_t)w->pid, &si, WEXITED | WNOHANG | WNOWAIT) ==
		   0 &&
	       si.si_pid == w->pid;
}

shmplot_status sp_warm_hand(sp_pool *p, sp_slot *w)
{
	/* a reusable segment's id: the worker may keep it mapped */
	sp_job job = {(uint32_t)p->batch->nfig, SP_PART_BATCH,
		      p->batch->seg_keep, 0, 0};
	int fds[3] = {p->batch->seg_fd, p->batch->blob_fd, p->batch->pix_fd};
	size_t nfd = p->batch->pix_fd >= 0 ? 3 : 2;
	union {
		char buf[CMSG_SPACE(sizeof fds)];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof u);
	struct iovec iov = {&job, sizeof job};
	struct msghdr mh;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = CMSG_SPACE(nfd * sizeof(int));
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(nfd * sizeof(int));
	memcpy(CMSG_DATA(c), fds, nfd * sizeof(int));
	ssize_t n;
	do
		n = sendmsg(w->fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof job) {
		w->handed = 1;
		w->held = -1; /* a figure number of the last batch */
		/* it sets the batch up, then says so (SP_PART_READY) */
		w->ready = 0;
		w->started_ns = sp_now_ns();
		return SHMPLOT_OK;
	}
	int e = n < 0 ? errno : EIO;
	sp_slot_retire(w, 0, NULL);
	return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
			"cannot hand a worker the batch: %s", strerror(e));
}

shmplot_status sp_warm_begin(sp_pool *p)
{
	sp_warm *wm = p->warm;
	adopt(wm);
	if (!reserve(wm, p->nw))
		return sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	p->w = wm->w;
	for (int i = 0; i < p->nw && p->batch->nfig; i++) {
		sp_slot *w = &wm->w[i];
		if (!w->pid)
			continue;
		if (w->fd < 0 || exited(w)) {
			sp_slot_retire(w, 0, NULL);
			continue;
		}
		/* One that cannot take it is retired; feed() replaces it. */
		sp_warm_hand(p, w);
	}
	return SHMPLOT_OK;
}

void sp_warm_end(sp_slot *w)
{
	sp_job job = {0, SP_PART_END, 0, 0, 0};
	ssize_t n;
	do
		n = send(w->fd, &job, sizeof job, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof job) {
		sp_slot_retire(w, 0, NULL);
		return;
	}
	w->handed = 0;
	w->held = -1; /* the worker drops its drawing at the end */
	w->ending = 1;
	w->got = 0;
}

void sp_warm_ack(sp_slot *w)
{
	for (;;) {
		ssize_t n = recv(w->fd, (unsigned char *)&w->hdr + w->got,
				 sizeof w->hdr - w->got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0)
			break;
		w->got += (size_t)n;
		if (w->got < sizeof w->hdr)
			continue;
		/* handed the batch and ended before a job: READY, then END */
		if (!w->ready && w->hdr.magic == SP_MSG_MAGIC &&
		    w->hdr.part == SP_PART_READY && !w->hdr.msg_len &&
		    !w->hdr.png_len && !w->hdr.pix_len) {
			w->ready = 1;
			w->got = 0;
			continue;
		}
		if (w->hdr.magic != SP_MSG_MAGIC ||
		    w->hdr.part != SP_PART_END || w->hdr.msg_len ||
		    w->hdr.png_len || w->hdr.pix_len)
			break;
		w->ending = 0;
		w->got = 0;
		return;
	}
	sp_slot_retire(w, 0, NULL);
}

/* The slots still ending into pfd; how many. */
static int ending_set(const sp_pool *p, struct pollfd *pfd, int *who)
{
	int n = 0;
	for (int i = 0; i < p->nw; i++) {
		const sp_slot *w = &p->w[i];
		if (!w->pid || !w->ending)
			continue;
		pfd[n].fd = w->fd;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		who[n++] = i;
	}
	return n;
}

void sp_warm_finish(sp_pool *p)
{
	for (int i = 0; i < p->nw; i++) {
		sp_slot *w = &p->w[i];
		if (!w->pid)
			continue;
		if (w->fd < 0 || w->job >= 0) {
			/* Stopped mid-figure, or its socket is gone. */
			sp_slot_kill(w);
			sp_slot_retire(w, SP_EXIT_GRACE_MS, NULL);
		} else if (w->handed) {
			sp_warm_end(w);
		}
	}
	struct pollfd *pfd = calloc((size_t)p->nw, sizeof *pfd);
	int *who = calloc((size_t)p->nw, sizeof *who);
	uint64_t end = sp_now_ns() + (uint64_t)SP_EXIT_GRACE_MS * 1000000u;
	for (;;) {
		/* Out of memory: the ones still ending are killed below. */
		int n = pfd && who ? ending_set(p, pfd, who) : 0;
		uint64_t now = sp_now_ns();
		if (n == 0 || now >= end)
			break;
		int r = poll(pfd, (nfds_t)n, (int)((end - now) / 1000000u) + 1);
		if (r < 0 && errno != EINTR)
			break;
		for (int k = 0; r > 0 && k < n; k++)
			if (pfd[k].revents)
				sp_warm_ack(&p->w[who[k]]);
	}
	free(pfd);
	free(who);
	/* Silent past the grace: it may still map the segment. */
	for (int i = 0; i < p->nw; i++)
		if (p->w[i].pid && p->w[i].ending)
			sp_slot_retire(&p->w[i], 0, NULL);
}

void sp_warm_stop(sp_warm *wm)
{
	if (!wm)
		return;
	adopt(wm);
	/* EOF first to all, so they exit together; then reap each. */
	for (int i = 0; i < wm->cap; i++) {
		sp_slot *w = &wm->w[i];
		if (w->pid && w->fd >= 0) {
			close(w->fd);
			w->fd = -1;
		}
	}
	for (int i = 0; i < wm->cap; i++)
		if (wm->w[i].pid)
			sp_slot_retire(&wm->w[i], SP_EXIT_GRACE_MS, NULL);
}

void sp_warm_close(sp_warm *wm)
{
	if (!wm)
		return;
	sp_warm_stop(wm);
	sp_pixcache_close(wm->pix_cache);
	free(wm->w);
	free(wm);
}

sp_pixcache *sp_warm_pixcache(sp_warm *wm)
{
	if (!wm)
		return NULL;
	if (wm->pix_cache && !sp_pixcache_ours(wm->pix_cache)) {
		/* Forked since: the parent's buffers are not ours to use. */
		sp_pixcache_close(wm->pix_cache);
		wm->pix_cache = sp_pixcache_new(); /* NULL: none, then */
	}
	return wm->pix_cache;
}

size_t sp_warm_pids(sp_warm *wm, pid_t *pids, size_t n)
{
	size_t k = 0;
	if (!wm)
		return 0;
	adopt(wm);
	for (int i = 0; i < wm->cap; i++) {
		if (!wm->w[i].pid)
			continue;
		if (k < n)
			pids[k] = wm->w[i].pid;
		k++;
	}
	return k;
}
