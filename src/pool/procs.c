/* SPDX-License-Identifier: MIT */
/*
 * Worker processes, parent side: starting one (forked, or spawned through
 * spawn.c), killing it and reaping it.
 *
 * Each worker is joined to the parent by a Unix stream socketpair; the
 * parent's end is non-blocking and close-on-exec. Children are reaped by
 * pid (never waitpid(-1)), EINTR-safe, and signalled through a pidfd where
 * the kernel has them, so a caller's own waitpid(-1) that reaps a worker
 * first cannot make us signal a recycled pid.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Descriptors this process may still open: the soft RLIMIT_NOFILE less
 * the ones open now (counted in /proc/self/fd). -1 if there is no limit
 * or they cannot be counted.
 */
static long fds_free(long *limit)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return -1;
	*limit = rl.rlim_cur > LONG_MAX ? LONG_MAX : (long)rl.rlim_cur;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return errno == EMFILE || errno == ENFILE ? 0 : -1;
	long open = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		open += e->d_name[0] != '.';
	closedir(d);
	open--; /* the directory's own */
	return open < *limit ? *limit - open : 0;
}

int sp_fd_workers(int jobs)
{
	long limit = 0, free = fds_free(&limit);
	if (free < 0)
		return jobs;
	long reserve = limit / 16 > SP_FD_RESERVE ? limit / 16 : SP_FD_RESERVE;
	/* One more than a worker keeps: the child's end while it starts. */
	long room = (free - reserve - 1) / SP_FD_PER_WORKER;
	if (room < 1)
		return 1; /* no progress without one; its start says why */
	return room < jobs ? (int)room : jobs;
}

/* pidfds: Linux 5.3; without them, plain pids (and a reaped-pid race). */
static int pidfd_open_of(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0); /* always O_CLOEXEC */
#else
	(void)pid;
	return -1;
#endif
}

void sp_slot_kill(const sp_slot *w)
{
#ifdef SYS_pidfd_send_signal
	if (w->pidfd >= 0) {
		/* ESRCH: it has exited, and the pidfd keeps its pid ours. */
		syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, NULL, 0);
		return;
	}
#endif
	kill(w->pid, SIGKILL);
}

/*
 * Waits up to ms for the worker to exit; EINTR-safe. With a pidfd, poll()
 * until it is readable; without one (kernels before 5.3, valgrind, a
 * seccomp filter), waitid(WNOWAIT) polled at growing intervals (1 ms up
 * to 50 ms), so the worker still gets its grace instead of a SIGKILL.
 */
static void wait_exit(const sp_slot *w, int ms)
{
	uint64_t end = sp_now_ns() + (uint64_t)ms * 1000000u;
	if (w->pidfd >= 0) {
		struct pollfd x = {w->pidfd, POLLIN, 0};
		int left = ms;
		while (poll(&x, 1, left) < 0 && errno == EINTR) {
			uint64_t now = sp_now_ns();
			left = now >= end ? 0 : (int)((end - now) / 1000000u);
		}
		return;
	}
	long step_ns = 1000000;
	for (;;) {
		siginfo_t si;
		si.si_pid = 0;
		int r = waitid(P_PID, (id_t)w->pid, &si,
			       WEXITED | WNOHANG | WNOWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || si.si_pid == w->pid)
			return; /* exited (still waitable), or not ours */
		uint64_t now = sp_now_ns();
		if (now >= end)
			return;
		if ((uint64_t)step_ns > end - now)
			step_ns = (long)(end - now);
		struct timespec ts = {0, step_ns};
		nanosleep(&ts, NULL);
		if (step_ns < 50000000)
			step_ns *= 2;
	}
}

/* Reaps w by pid, killing it first unless it exits within grace_ms. */
static int reap(const sp_slot *w, int grace_ms, int *status)
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
	sp_slot_kill(w);
	do
		r = waitpid(w->pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r == w->pid;
}

void sp_slot_clear_answer(sp_slot *w)
{
	free(w->msg);
	free(w->png);
	w->msg = NULL;
	w->png = NULL;
	for (int k = 0; k < SP_NVEC; k++) {
		free(w->vec[k]);
		w->vec[k] = NULL;
	}
	w->got = 0;
}

int sp_slot_retire(sp_slot *w, int grace_ms, int *status)
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
	w->ending = 0;
	w->handed = 0;
	w->ready = 0;
	sp_slot_clear_answer(w);
	return reaped;
}

void sp_slots_shutdown(sp_pool *p)
{
	for (int i = 0; i < p->nw; i++) {
		sp_slot *w = &p->w[i];
		if (!w->pid)
			continue;
		if (w->fd >= 0)
			close(w->fd);
		w->fd = -1;
		/* one still setting up may be hung there: no grace */
		if (w->job >= 0 || !w->ready)
			sp_slot_kill(w);
	}
	for (int i = 0; i < p->nw; i++) {
		sp_slot *w = &p->w[i];
		if (w->pid)
			sp_slot_retire(w, SP_EXIT_GRACE_MS, NULL);
	}
}

/*
 * fork() with every signal blocked, so the caller's handlers never run in
 * the child before sp_worker_main() resets them (libuv does the same).
 */
static shmplot_status fork_worker(sp_pool *p, int sock, pid_t *pid)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t parent = getpid();
#ifdef SHMPLOT_TEST_HOOKS
	int fake = sp_test_sysfault(SP_CALL_FORK);
	if (fake) {
		errno = fake;
		*pid = -1;
	} else
#endif
		*pid = fork();
	if (*pid == 0)
		sp_worker_main(sock, p->batch, parent);
	int e = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (*pid < 0)
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot start a worker process: fork: %s",
				strerror(e));
	return SHMPLOT_OK;
}

shmplot_status sp_slot_start(sp_pool *p, sp_slot *w)
{
	int sv[2];
	pid_t pid;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"socketpair: %s", strerror(errno));
	shmplot_status st =
	    p->batch->mode == SP_MODE_SPAWN
		? sp_spawn_worker(p->batch, sv[1], &pid, p->err, p->errlen)
		: fork_worker(p, sv[1], &pid);
	close(sv[1]);
	int flags = st == SHMPLOT_OK ? fcntl(sv[0], F_GETFL) : -1;
	if (st == SHMPLOT_OK &&
	    (flags < 0 || fcntl(sv[0], F_SETFL, flags | O_NONBLOCK) != 0)) {
		/* A blocking socket could hang the loop: not this worker. */
		st = sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
			      "fcntl O_NONBLOCK: %s", strerror(errno));
		w->pid = pid;
		w->pidfd = -1;
		w->fd = -1;
		sp_slot_retire(w, 0, NULL);
	}
	if (st != SHMPLOT_OK) {
		close(sv[0]);
		return st;
	}
	/*
	 * The worker blocks reading its first job, so it is still ours: the
	 * pidfd names this very process even if a caller's waitpid(-1) later
	 * reaps it and the pid is reused.
	 */
	w->pidfd = pidfd_open_of(pid);
	w->pid = pid;
	w->fd = sv[0];
	w->job = -1;
	w->held = -1;
	w->ending = 0;
	w->handed = 0;
	w->got = 0;
	/*
	 * A spawned worker has its start-up ahead of it: it says when it is
	 * ready (SP_PART_READY), and until then its start-up limit runs from
	 * here. A forked one's start-up was the fork() itself.
	 */
	w->ready = p->batch->mode != SP_MODE_SPAWN;
	w->started_ns = sp_now_ns();
	return p->batch->warm ? sp_warm_hand(p, w) : SHMPLOT_OK;
}
