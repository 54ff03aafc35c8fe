/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests: leak probes and PNG decoding. */
#ifndef SHMPLOT_TESTUTIL_H
#define SHMPLOT_TESTUTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <png.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmplot.h"

/* The next value of a splitmix64 stream: the same noise on every run. */
static inline uint64_t tu_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Its low 32 bits. */
static inline uint32_t tu_splitmix(uint64_t *state)
{
	return (uint32_t)tu_splitmix64(state);
}

/*
 * A sealed segment of the seed job's series, in *d: x (n points evenly
 * over [0, 4 pi]) and sin, cos, tan of it, whose ids go to *x and y[0..2].
 * SHMPLOT_OK, or the first failure (then *d is NULL).
 */
static inline shmplot_status tu_seed_segment(shmplot_data **d, size_t n,
					     shmplot_series *x,
					     shmplot_series y[3])
{
	double *v[4];
	static const char *const names[4] = {"x", "sin", "cos", "tan"};
	shmplot_series *ids[4] = {x, &y[0], &y[1], &y[2]};
	shmplot_status st = shmplot_data_new(d, 4, 4 * n, NULL, 0);
	for (int k = 0; k < 4 && st == SHMPLOT_OK; k++)
		st = shmplot_data_alloc(*d, names[k], n, &v[k], ids[k]);
	if (st != SHMPLOT_OK) {
		shmplot_data_free(*d);
		*d = NULL;
		return st;
	}
	for (size_t i = 0; i < n; i++) {
		v[0][i] = 4 * M_PI * (double)i / (double)(n - 1);
		v[1][i] = sin(v[0][i]);
		v[2][i] = cos(v[0][i]);
		v[3][i] = tan(v[0][i]);
	}
	return shmplot_data_seal(*d);
}

/* Whether pid runs with parent `parent` (its 4th /proc stat field). */
static inline int tu_is_child_of(long pid, pid_t parent)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *rp = strrchr(buf, ')');
	long ppid = -1;
	char state;
	return rp && sscanf(rp + 1, " %c %ld", &state, &ppid) == 2 &&
	       ppid == (long)parent;
}

/*
 * Entries in /dev/shm that shmplot created ("shmplot-PID-...") and that
 * this test answers for: created by this process, by one of its children,
 * or by a process that no longer runs (a leak, whoever left it). A segment
 * of a live, unrelated process is another test's, running beside this one
 * under ctest -j: counting it made the leak checks fail by chance.
 */
static inline int tu_shm_entries(void)
{
	DIR *d = opendir("/dev/shm");
	int n = 0;
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));) {
		long pid;
		if (strncmp(e->d_name, "shmplot-", 8) != 0)
			continue;
		if (sscanf(e->d_name + 8, "%ld", &pid) != 1 || pid <= 0 ||
		    pid == (long)getpid() || tu_is_child_of(pid, getpid()) ||
		    (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
			n++;
	}
	closedir(d);
	return n;
}

/*
 * Processes whose parent is parent (zombies too, if with_zombies); the
 * first max of their pids go to pids (may be NULL).
 */
static inline int tu_child_pids(pid_t parent, int with_zombies, pid_t *pids,
				int max)
{
	DIR *d = opendir("/proc");
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));) {
		char path[300], buf[512];
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		size_t len = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[len] = '\0';
		/* "pid (comm) state ppid": comm may hold spaces or ')'. */
		char *rp = strrchr(buf, ')');
		char state;
		int ppid;
		if (rp && sscanf(rp + 1, " %c %d", &state, &ppid) == 2 &&
		    ppid == parent && (with_zombies || state != 'Z')) {
			if (pids && n < max)
				pids[n] = (pid_t)atoi(e->d_name);
			n++;
		}
	}
	closedir(d);
	return n;
}

/* Processes whose parent is parent (zombies too, if with_zombies). */
static inline int tu_children_of(pid_t parent, int with_zombies)
{
	return tu_child_pids(parent, with_zombies, NULL, 0);
}

/* Live or zombie processes whose parent is this process. */
static inline int tu_children(void)
{
	return tu_children_of(getpid(), 1);
}

/*
 * Runs argv (NULL-terminated; argv[0] is looked up in PATH) with stdout to
 * /dev/null and stderr captured into errout (errlen bytes, may be NULL).
 * Returns the exit status, 128 + the signal if it was killed, or -1 if it
 * could not be run. ru (may be NULL) receives its resource usage.
 */
static inline int tu_run_argv(const char *const argv[], char *errout,
			      size_t errlen, struct rusage *ru)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pipefd[1], 2);
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t got = 0;
	char sink[256];
	for (;;) {
		int keep = errout && got + 1 < errlen;
		char *dst = keep ? errout + got : sink;
		ssize_t n =
		    read(pipefd[0], dst, keep ? errlen - 1 - got : sizeof sink);
		if (n <= 0)
			break;
		if (keep)
			got += (size_t)n;
	}
	if (errout && errlen)
		errout[got] = '\0';
	close(pipefd[0]);
	int status;
	struct rusage dummy;
	if (wait4(pid, &status, 0, ru ? ru : &dummy) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Open descriptors of this process. */
static inline int tu_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the DIR's own descriptor */
}

/*
 * Decodes PNG bytes to RGBA8 with libpng's simplified API. Returns a malloc'd
 * buffer (caller frees) and the size, or NULL if the bytes are not a PNG.
 */
static inline unsigned char *tu_decode_png(const void *buf, size_t len, int *w,
					   int *h)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, buf, len))
		return NULL;
	img.format = PNG_FORMAT_RGBA;
	unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
	if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&img);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	return px;
}

/* Reads a whole file; NULL if it cannot be read. */
static inline unsigned char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = buf ? (size_t)n : 0;
	return buf;
}

#endif
