/* SPDX-License-Identifier: MIT */
/*
 * Test-only fault injection (testhooks.h): system calls made to fail and
 * counted, and the faults a worker injects into one figure. Compiled only
 * into the test library (shmplot_testhooks) and the test worker.
 *
 * sp_test_fault_draw() and sp_test_fault_stripe() run in the worker,
 * called from worker/child.c, and keep its rules: no stdio, no signal
 * handlers, leave only with _exit().
 */
#define _GNU_SOURCE
#include "testhooks/testhooks.h"
#include "worker/worker.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- system calls ---- */

static const char *const call_names[SP_CALL_COUNT] = {"fallocate", "fork",
						      "tmpfile", "datafile"};

/* Atomic: threads of a test may render at once (counts are then loose). */
static atomic_int call_counts[SP_CALL_COUNT];

void sp_test_calls_reset(void)
{
	for (int i = 0; i < SP_CALL_COUNT; i++)
		atomic_store(&call_counts[i], 0);
}

int sp_test_calls(enum sp_test_call call)
{
	return atomic_load(&call_counts[call]);
}

/* The errno named (or numbered) at v. */
static int errno_value(const char *v)
{
	static const struct {
		const char *name;
		int err;
	} names[] = {{"ENOSPC", ENOSPC},        {"EAGAIN", EAGAIN},
		     {"ENOMEM", ENOMEM},        {"EIO", EIO},
		     {"ENOENT", ENOENT},        {"EACCES", EACCES},
		     {"EOPNOTSUPP", EOPNOTSUPP}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strncmp(v, names[i].name, strlen(names[i].name)) == 0)
			return names[i].err;
	return atoi(v);
}

int sp_test_sysfault(enum sp_test_call call)
{
	const char *spec = getenv("SHMPLOT_TEST_SYSFAULT");
	const char *what = call_names[call];
	size_t wl = strlen(what);
	int before = atomic_fetch_add(&call_counts[call], 1);
	for (const char *p = spec; p && *p;) {
		if (strncmp(p, what, wl) == 0 && p[wl] == '=') {
			const char *v = p + wl + 1;
			const char *at = strpbrk(v, "@,");
			int after = at && *at == '@' ? atoi(at + 1) : 0;
			return before >= after ? errno_value(v) : 0;
		}
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return 0;
}

/* ---- faults in a worker ---- */

sp_fault *sp_test_faults(shmplot_figure *const *figs, size_t nfig)
{
	const char *spec = getenv("SHMPLOT_TEST_FAULT");
	if (!spec || !*spec)
		return NULL;
	static const char *const kinds[] = {
	    "",         "segv",  "abort", "hang",        "exit",
	    "truncate", "write", "slow",  "slowstripes", "linger"};
	sp_fault *f = calloc(nfig ? nfig : 1, sizeof *f);
	char *copy = strdup(spec), *save = NULL;
	if (!f || !copy) {
		free(f);
		free(copy);
		return NULL;
	}
	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *colon = strrchr(tok, ':');
		if (!colon)
			continue;
		*colon = '\0';
		int kind = 0;
		for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
			if (strcmp(colon + 1, kinds[k]) == 0)
				kind = k;
		for (size_t i = 0; i < nfig; i++)
			if (strcmp(shmplot_figure_name(figs[i]), tok) == 0)
				f[i].kind = kind;
	}
	free(copy);
	return f;
}

static int fault_of(const sp_batch *b, uint32_t fig)
{
	return b->faults ? b->faults[fig].kind : SP_FAULT_NONE;
}

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000 * 1000};
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Half an answer: a header promising 100,000 PNG bytes, then 1,000. */
static void __attribute__((noreturn))
send_truncated(int fd, uint32_t fig, int32_t part)
{
	sp_msg m = {.magic = SP_MSG_MAGIC,
		    .job = fig,
		    .part = part,
		    .png_len = 100000,
		    .width = 1,
		    .height = 1};
	unsigned char half[1000] = {0};
	sp_send_all(fd, &m, sizeof m);
	sp_send_all(fd, half, sizeof half);
	_exit(0);
}

void sp_test_fault_draw(const sp_batch *b, int fd, uint32_t fig, int32_t part)
{
	switch (fault_of(b, fig)) {
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
	case SP_FAULT_TRUNCATE:
		send_truncated(fd, fig, part);
	case SP_FAULT_WRITE:
		if (b->nseries)
			*(volatile double *)b->series[0].v = 42.0;
		break;
	case SP_FAULT_SLOW:
	case SP_FAULT_SLOW_STRIPES:
		nap(200);
		break;
	case SP_FAULT_LINGER:
		close(fd);
		nap(100);
		_exit(3);
	}
}

void sp_test_fault_stripe(const sp_batch *b, uint32_t fig)
{
	if (fault_of(b, fig) == SP_FAULT_SLOW_STRIPES)
		nap(100);
}

void sp_test_worker_start(void)
{
	const char *v = getenv("SHMPLOT_TEST_SLOW_START");
	if (!v || !*v)
		return;
	if (strcmp(v, "hang") == 0)
		for (;;)
			pause();
	nap(atol(v));
}

uint64_t sp_test_start_allow_ns(uint64_t dflt)
{
	const char *v = getenv("SHMPLOT_TEST_START_ALLOW_MS");
	if (!v || !*v)
		return dflt;
	return (uint64_t)strtoull(v, NULL, 10) * 1000000u;
}
