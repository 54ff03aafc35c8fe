/* SPDX-License-Identifier: MIT */
/*
 * Splitting an elementwise computation across processes.
 *
 * The series of a batch are computed by the parent into the data segment
 * before it is sealed. The segment is a MAP_SHARED mapping, so a forked
 * helper that writes its slice of a series writes straight into the memory
 * the parent (and later the workers) see: no copy, no pipe. That is the
 * same process model as the render workers, and it keeps the library free
 * of threads. For small series, or when the caller has other threads (fork
 * is then unsafe: see shmplot_render()), the parent computes inline.
 *
 * Every element is computed by the same function whatever the split, so the
 * values (and the PNGs made from them) do not depend on the number of CPUs.
 * A helper that fails or whose fate is unknown (a caller that reaps our
 * children itself) has its slice recomputed by the parent.
 *
 * The parent never waits where it cannot hear the caller: it waits for a
 * pipe whose write end only the helpers hold (at its end when the last
 * has exited) in poll(), a tick at a time, so a signal that sets the
 * caller's cancel flag ends the wait whether or not it interrupts poll();
 * the helpers are then killed and reaped. A helper that is stopped
 * (SIGSTOP, SIGTSTP sent to it alone) would hold the parent for ever: it
 * is killed once seen stopped at two ticks in a row (a whole job stopped
 * and continued may show a helper not yet continued once, not twice) and
 * its slice computed by the parent. There is no time limit: computing a
 * series takes as long as its size makes it, and Ctrl-C always ends it.
 */
#define _GNU_SOURCE
#include "spec/spec_compute.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Below this many elements a fork costs more than it saves. */
#define PARFILL_MIN       ((size_t)1 << 17)
#define PARFILL_MAX_PROCS 64
/* Elements the parent computes between looks at the cancel flag. */
#define PARFILL_CHUNK ((size_t)1 << 20)
/* How often a wait for helpers looks at the cancel flag and for helpers
 * stopped; and how many ticks in a row one is seen stopped to be killed. */
#define WAIT_TICK_MS 250
#define STOP_TICKS   2

static int cancelled(volatile int *cancel)
{
	return cancel && *cancel;
}

/* fn over [lo, hi) in the parent, a chunk at a time. */
static shmplot_status fill_inline(sp_fill_fn fn, void *ctx, size_t lo,
				  size_t hi, volatile int *cancel)
{
	for (size_t b = lo; b < hi; b += PARFILL_CHUNK) {
		if (cancelled(cancel))
			return SHMPLOT_E_INTERRUPTED;
		fn(ctx, b, hi - b > PARFILL_CHUNK ? b + PARFILL_CHUNK : hi);
	}
	return SHMPLOT_OK;
}

/* The helpers of one fill: slice i is [lo[i], hi[i]), pid[i] its helper
 * (-1: none, the parent computes it; slice 0 is always the parent's). */
typedef struct helpers {
	int k;
	size_t lo[PARFILL_MAX_PROCS], hi[PARFILL_MAX_PROCS];
	pid_t pid[PARFILL_MAX_PROCS];
	unsigned stopped[PARFILL_MAX_PROCS]; /* ticks in a row seen stopped */
} helpers;

/* Kills a helper seen stopped STOP_TICKS ticks in a row. */
static void kill_stopped(helpers *h)
{
	for (int i = 1; i < h->k; i++) {
		siginfo_t si = {0};
		if (h->pid[i] <= 0 || h->stopped[i] >= STOP_TICKS)
			continue;
		/* WNOWAIT: the stop stays reportable; seen while it lasts */
		if (waitid(P_PID, (id_t)h->pid[i], &si,
			   WSTOPPED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid == h->pid[i] && si.si_code == CLD_STOPPED)
			h->stopped[i]++;
		else
			h->stopped[i] = 0;
		if (h->stopped[i] >= STOP_TICKS)
			kill(h->pid[i], SIGKILL);
	}
}

/*
 * Waits until every helper has exited (the pipe fd, whose write ends they
 * alone hold, is at its end): SHMPLOT_OK, or SHMPLOT_E_INTERRUPTED once
 * *cancel is set.
 */
static shmplot_status wait_helpers(int fd, helpers *h, volatile int *cancel)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	for (;;) {
		if (cancelled(cancel))
			return SHMPLOT_E_INTERRUPTED;
		int r = poll(&p, 1, WAIT_TICK_MS);
		if (r > 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
			return SHMPLOT_OK; /* (poll failing: waitpid waits) */
		if (r == 0)
			kill_stopped(h);
	}
}

/*
 * Reaps every helper; with kill set, kills them first (none has been
 * reaped yet, so each pid is still ours). Slices whose helper did not exit
 * 0 (or whose fate is unknown) get pid -1.
 */
static void reap_helpers(helpers *h, int kill_them)
{
	for (int i = 1; i < h->k; i++) {
		int status = 0;
		pid_t r = -1;
		if (h->pid[i] <= 0)
			continue;
		if (kill_them)
			kill(h->pid[i], SIGKILL);
		do
			r = waitpid(h->pid[i], &status, 0);
		while (r < 0 && errno == EINTR);
		if (r != h->pid[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			h->pid[i] = -1;
	}
}

/* Forks a helper for each slice but the first; wfd: the pipe's write end,
 * which the helpers inherit and hold until they exit. */
static void fork_helpers(helpers *h, sp_fill_fn fn, void *ctx)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t parent = getpid();
	for (int i = 1; i < h->k; i++) {
		if (h->lo[i] == h->hi[i])
			continue;
		h->pid[i] = fork();
		if (h->pid[i] == 0)
			sp_compute_child(fn, ctx, h->lo[i], h->hi[i], parent);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

shmplot_status sp_parallel_fill(size_t n, sp_fill_fn fn, void *ctx,
				volatile int *cancel)
{
	int k = sp_cpu_count(), pfd[2];
	if (k > PARFILL_MAX_PROCS)
		k = PARFILL_MAX_PROCS;
	if (n < PARFILL_MIN || k < 2 || sp_thread_count() != 1 ||
	    pipe2(pfd, O_CLOEXEC) != 0)
		return fill_inline(fn, ctx, 0, n, cancel);
	/* Slices of whole cache lines, so no two processes share one. */
	size_t per = ((n / (size_t)k) + 7) & ~(size_t)7;
	helpers h = {.k = k};
	for (int i = 0; i < k; i++) {
		h.lo[i] = (size_t)i * per < n ? (size_t)i * per : n;
		h.hi[i] =
		    i == k - 1 ? n : (h.lo[i] + per < n ? h.lo[i] + per : n);
		h.pid[i] = -1;
	}
	fork_helpers(&h, fn, ctx);
	close(pfd[1]);
	shmplot_status st = fill_inline(fn, ctx, h.lo[0], h.hi[0], cancel);
	if (!st)
		st = wait_helpers(pfd[0], &h, cancel);
	close(pfd[0]);
	reap_helpers(&h, st != SHMPLOT_OK);
	for (int i = 1; i < h.k && !st; i++)
		if (h.pid[i] < 0)
			st = fill_inline(fn, ctx, h.lo[i], h.hi[i], cancel);
	return st;
}
