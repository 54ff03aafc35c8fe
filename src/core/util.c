/* SPDX-License-Identifier: MIT */
/* Status strings, the error-raising function and small system helpers. */
#define _GNU_SOURCE
#include "core/core.h"

#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SP_STR2(x) #x
#define SP_STR(x)  SP_STR2(x)

const char *shmplot_version(void)
{
	return SP_STR(SHMPLOT_VERSION_MAJOR) "." SP_STR(
	    SHMPLOT_VERSION_MINOR) "." SP_STR(SHMPLOT_VERSION_PATCH);
}

const char *shmplot_status_str(shmplot_status status)
{
	switch (status) {
	case SHMPLOT_OK:
		return "success";
	case SHMPLOT_E_INVALID:
		return "invalid argument";
	case SHMPLOT_E_NOMEM:
		return "out of memory";
	case SHMPLOT_E_NOSPACE:
		return "no space left for the shared-memory segment";
	case SHMPLOT_E_SYSTEM:
		return "system call failed";
	case SHMPLOT_E_STATE:
		return "operation not allowed in this state";
	case SHMPLOT_E_NOT_FOUND:
		return "not found";
	case SHMPLOT_E_FONT:
		return "font could not be loaded";
	case SHMPLOT_E_FIGURES:
		return "some figures failed";
	case SHMPLOT_E_INTERRUPTED:
		return "interrupted";
	case SHMPLOT_E_PNG:
		return "PNG encoding or decoding failed";
	case SHMPLOT_E_IO:
		return "input/output error";
	}
	return "unknown status";
}

const char *shmplot_fig_status_str(shmplot_fig_status s)
{
	switch (s) {
	case SHMPLOT_FIG_OK:
		return "ok";
	case SHMPLOT_FIG_ERROR:
		return "error";
	case SHMPLOT_FIG_CRASHED:
		return "crashed";
	case SHMPLOT_FIG_TIMEOUT:
		return "timeout";
	case SHMPLOT_FIG_NOT_RUN:
		return "not-run";
	}
	return "unknown";
}

shmplot_status sp_error(char *buf, size_t len, shmplot_status code,
			const char *fmt, ...)
{
	if (buf && len) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(buf, len, fmt, ap);
		va_end(ap);
	}
	return code;
}

void *sp_malloc_ab(size_t n, size_t size)
{
	size_t total;
	if (sp_mul(n, size, &total) || total == 0)
		return NULL;
	return malloc(total);
}

uint64_t sp_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int sp_cpu_count(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		int n = CPU_COUNT(&set);
		if (n > 0)
			return n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

int sp_thread_count(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return -1;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

shmplot_status sp_sized_copy(void *dst, size_t dst_size, const void *src,
			     size_t min_size, const char *what, char *err,
			     size_t errlen)
{
	const unsigned char *s = src;
	size_t size;
	memcpy(&size, s, sizeof size);
	if (size < min_size || size > 65536)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%s: size %zu is not the size of a %s "
				"(initialise it with %s_init())",
				what, size, what, what);
	for (size_t i = dst_size; i < size; i++)
		if (s[i])
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"%s: a field this libshmplot does not "
					"know is set (byte %zu of %zu; built "
					"against a newer shmplot.h?)",
					what, i, size);
	memcpy(dst, s, size < dst_size ? size : dst_size);
	memcpy(dst, &dst_size, sizeof dst_size);
	return SHMPLOT_OK;
}

void sp_sized_init(void *dst, size_t size, const void *def, size_t def_size)
{
	if (!dst || size < sizeof size)
		return;
	memset(dst, 0, size);
	memcpy(dst, def, size < def_size ? size : def_size);
	memcpy(dst, &size, sizeof size);
}
