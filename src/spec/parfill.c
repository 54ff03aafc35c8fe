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
 */
#define _GNU_SOURCE
#include "spec/spec_compute.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Below this many elements a fork costs more than it saves. */
#define PARFILL_MIN       ((size_t)1 << 17)
#define PARFILL_MAX_PROCS 64

void sp_parallel_fill(size_t n, sp_fill_fn fn, void *ctx)
{
	int k = sp_cpu_count();
	if (k > PARFILL_MAX_PROCS)
		k = PARFILL_MAX_PROCS;
	if (n < PARFILL_MIN || k < 2 || sp_thread_count() != 1) {
		fn(ctx, 0, n);
		return;
	}
	/* Slices of whole cache lines, so no two processes share one. */
	size_t per = ((n / (size_t)k) + 7) & ~(size_t)7;
	size_t lo[PARFILL_MAX_PROCS], hi[PARFILL_MAX_PROCS];
	pid_t pid[PARFILL_MAX_PROCS];
	for (int i = 0; i < k; i++) {
		lo[i] = (size_t)i * per < n ? (size_t)i * per : n;
		hi[i] = i == k - 1 ? n : (lo[i] + per < n ? lo[i] + per : n);
		pid[i] = -1;
	}
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t parent = getpid();
	for (int i = 1; i < k; i++) {
		if (lo[i] == hi[i])
			continue;
		pid[i] = fork();
		if (pid[i] == 0)
			sp_compute_child(fn, ctx, lo[i], hi[i], parent);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	fn(ctx, lo[0], hi[0]);
	for (int i = 1; i < k; i++) {
		if (lo[i] == hi[i])
			continue;
		int status = 0;
		pid_t r = -1;
		if (pid[i] > 0) {
			do
				r = waitpid(pid[i], &status, 0);
			while (r < 0 && errno == EINTR);
		}
		if (r != pid[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			fn(ctx, lo[i], hi[i]);
	}
}
