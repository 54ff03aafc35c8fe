/* SPDX-License-Identifier: MIT */
/*
 * Starting workers safely from a multithreaded caller.
 *
 * After fork() in a multithreaded process the child may only use
 * async-signal-safe functions (fork(2)): another thread may have held one of
 * cairo's or fontconfig's mutexes at the moment of the fork, and the child's
 * copy of that lock is never released. shmplot_render() therefore forks only
 * when /proc/self/task shows the calling thread alone. (That check cannot
 * race: with one thread, only the caller could create another, and it is
 * busy here.) Otherwise it posix_spawn()s the shmplot-worker executable,
 * which starts from a clean address space, maps the segment through its
 * read-only descriptor and reads the figures from a sealed memfd. glibc's
 * posix_spawn uses clone(CLONE_VM | CLONE_VFORK) and runs nothing but
 * syscalls before exec, so it is safe from any thread.
 */
#define _GNU_SOURCE
#include "pool/pool.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/*
 * Where the worker executable is, relative to the file this code was
 * loaded from (libshmplot.so in <libdir>, or the program that linked
 * libshmplot.a in <bindir>): the configured relative paths from those
 * directories to <libexecdir>/shmplot/shmplot-worker (install.cmake), so
 * an install that is moved or packaged elsewhere finds its own worker.
 * No path of the build machine is compiled in (the build tree's worker
 * sits next to its library and programs: the second rule).
 */
#ifndef SHMPLOT_WORKER_PATH
#ifndef SHMPLOT_WORKER_FROM_LIBDIR
#define SHMPLOT_WORKER_FROM_LIBDIR "../libexec/shmplot/shmplot-worker"
#endif
#ifndef SHMPLOT_WORKER_FROM_BINDIR
#define SHMPLOT_WORKER_FROM_BINDIR "../libexec/shmplot/shmplot-worker"
#endif

/*
 * The real path of the file holding this function into buf: the main
 * program's through /proc/self/exe, a shared object's through the
 * dynamic linker's map. 0 if it is not known.
 */
static int loaded_from(char *buf, size_t len, int *is_program)
{
	Dl_info info;
	struct link_map *map = NULL;
	char tmp[PATH_MAX];
	if (!dladdr1((void *)sp_worker_path, &info, (void **)&map,
		     RTLD_DL_LINKMAP) ||
	    !map || !map->l_name)
		return 0;
	*is_program = map->l_name[0] == '\0';
	if (*is_program) {
		ssize_t n = readlink("/proc/self/exe", tmp, sizeof tmp - 1);
		if (n <= 0)
			return 0;
		tmp[n] = '\0';
	} else if (!realpath(map->l_name, tmp)) {
		return 0;
	}
	if (strlen(tmp) >= len)
		return 0;
	memcpy(buf, tmp, strlen(tmp) + 1);
	return 1;
}

/* buf = the directory of buf, then "/" rel; 0 if it does not fit. */
static int join_dir(char *buf, size_t len, const char *rel)
{
	char *slash = strrchr(buf, '/');
	if (!slash)
		return 0;
	size_t dir = (size_t)(slash - buf) + 1;
	if (dir + strlen(rel) + 1 > len)
		return 0;
	memcpy(buf + dir, rel, strlen(rel) + 1);
	return 1;
}
#endif /* !SHMPLOT_WORKER_PATH */

const char *sp_worker_path(char *buf, size_t len)
{
	const char *p = getenv("SHMPLOT_WORKER");
	if (p && *p)
		return p;
#ifdef SHMPLOT_WORKER_PATH
	/* The test-hook library: its own worker, in the build tree. */
	return SHMPLOT_WORKER_PATH;
#else
	char self[PATH_MAX];
	int is_program = 0;
	if (loaded_from(self, sizeof self, &is_program)) {
		const char *rules[] = {is_program ? SHMPLOT_WORKER_FROM_BINDIR
						  : SHMPLOT_WORKER_FROM_LIBDIR,
				       "shmplot-worker"};
		for (size_t i = 0; i < 2; i++) {
			if (strlen(self) >= len)
				break;
			memcpy(buf, self, strlen(self) + 1);
			if (join_dir(buf, len, rules[i]) &&
			    access(buf, X_OK) == 0)
				return buf;
		}
	}
	/* Not found: the error names the path an install would have. */
	if (loaded_from(buf, len, &is_program) &&
	    join_dir(buf, len,
		     is_program ? SHMPLOT_WORKER_FROM_BINDIR
				: SHMPLOT_WORKER_FROM_LIBDIR))
		return buf;
	return "shmplot-worker";
#endif
}

/*
 * The descriptors and signal state of a spawned worker. dup2 onto fds 3..6
 * (6: the pixel buffer, for a batch with pixels) clears their FD_CLOEXEC;
 * everything else of ours is O_CLOEXEC, and closefrom (glibc 2.34) drops
 * whatever the caller left open; without it, the worker closes them
 * itself (child.c). A source may itself be one of 3..6 (or even 0..2), so
 * first copy every source above both all sources and 6, then into place.
 * SHMPLOT_E_SYSTEM.
 */
static shmplot_status spawn_setup(const sp_batch *b, int sock,
				  posix_spawn_file_actions_t *fa,
				  posix_spawnattr_t *attr, char *err,
				  size_t errlen)
{
	int src[4] = {sock, b->seg_fd, b->blob_fd, b->pix_fd};
	/* warm: batches come over the socket */
	int nsrc = b->warm ? 1 : b->pix_fd >= 0 ? 4 : 3;
	int base = 6, rc = 0;
	for (int i = 0; i < nsrc; i++)
		base = src[i] > base ? src[i] : base;
	base++;
	for (int i = 0; i < nsrc && !rc; i++)
		rc = posix_spawn_file_actions_adddup2(fa, src[i], base + i);
	for (int i = 0; i < nsrc && !rc; i++)
		rc = posix_spawn_file_actions_adddup2(fa, base + i, 3 + i);
#if defined(__GLIBC__) &&                                                      \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	if (!rc)
		rc = posix_spawn_file_actions_addclosefrom_np(fa, 3 + nsrc);
#endif
	/*
	 * The caller's signal mask and ignored signals are not the worker's.
	 * SIGINT and SIGQUIT keep their disposition until the worker ignores
	 * them itself: a Ctrl-C is the parent's decision.
	 */
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	sigdelset(&all, SIGINT);
	sigdelset(&all, SIGQUIT);
	if (!rc)
		rc = posix_spawnattr_setsigmask(attr, &none);
	if (!rc)
		rc = posix_spawnattr_setsigdefault(attr, &all);
	if (!rc)
		rc = posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK |
							POSIX_SPAWN_SETSIGDEF);
	if (rc != 0)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"cannot start a worker process: %s",
				strerror(rc));
	return SHMPLOT_OK;
}

shmplot_status sp_spawn_worker(const sp_batch *b, int sock, pid_t *pid,
			       char *err, size_t errlen)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	char parent[32], idle[32];
	snprintf(parent, sizeof parent, "%ld", (long)getpid());
	snprintf(idle, sizeof idle, "%d", b->idle_ms);
	char *argv[] = {(char *)"shmplot-worker",
			(char *)"--parent",
			parent,
			b->warm ? (char *)"--warm" : NULL,
			idle,
			NULL};
	*pid = -1;
	int rc = posix_spawn_file_actions_init(&fa);
	if (rc == 0) {
		rc = posix_spawnattr_init(&attr);
		if (rc != 0)
			posix_spawn_file_actions_destroy(&fa);
	}
	if (rc != 0)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"cannot start a worker process: %s",
				strerror(rc));
	shmplot_status st = spawn_setup(b, sock, &fa, &attr, err, errlen);
#ifdef SHMPLOT_TEST_HOOKS
	if (st == SHMPLOT_OK)
		rc = sp_test_sysfault(SP_CALL_FORK);
#endif
	if (st == SHMPLOT_OK && rc == 0)
		rc =
		    posix_spawn(pid, b->worker_path, &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (st == SHMPLOT_OK && rc != 0)
		st = sp_error(err, errlen, SHMPLOT_E_SYSTEM,
			      "cannot start a worker process: posix_spawn %s: "
			      "%s",
			      b->worker_path, strerror(rc));
	return st;
}
