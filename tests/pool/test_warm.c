/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/pool/warm.c and the warm worker (src/worker/main.c
 * --warm): a renderer that keeps its workers between batches. The pool's
 * whole suite also runs on kept workers (test_pool_warm); these are what
 * only kept workers can get wrong: reuse, what a worker holds between
 * batches, a worker lost between batches, fork, idle exit, the pixel
 * buffer, and the descriptors of many batches.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "segment/segment.h"
#include "shmplot.h"
#include "testhooks/testhooks.h"
#include "testutil.h"

typedef struct fixture {
	shmplot_renderer *r, *cold;
	shmplot_data *d;
	shmplot_series x, y[3];
	shmplot_figure *figs[4];
	shmplot_results *res, *ref;
	int fds_before;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[256];
	assert_non_null(f);
	*state = f;
	unsetenv("SHMPLOT_TEST_FAULT");
	setenv("SHMPLOT_TEST_JOIN_MIN_PIXELS", "0", 1); /* as test_pool */
	f->fds_before = tu_fds();
	assert_int_equal(shmplot_renderer_new(&f->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_renderer_new(&f->cold, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_renderer_keep_workers(f->r, 2, 0), SHMPLOT_OK);
	assert_int_equal(tu_seed_segment(&f->d, 1000, &f->x, f->y), SHMPLOT_OK);
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(
		    shmplot_figure_new(&f->figs[i], name, 4, 2, 100, NULL, 0),
		    SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(f->figs[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, f->x, f->y[i % 3], "y", NULL),
		    SHMPLOT_OK);
		assert_int_equal(shmplot_axes_set_ylim(ax, -5, 5), SHMPLOT_OK);
	}
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int fds_before = f->fds_before;
	for (int i = 0; i < 4; i++)
		shmplot_figure_free(f->figs[i]);
	shmplot_results_free(f->res);
	shmplot_results_free(f->ref);
	shmplot_data_free(f->d);
	shmplot_renderer_free(f->r);
	shmplot_renderer_free(f->cold);
	free(f);
	unsetenv("SHMPLOT_TEST_FAULT");
	/* Freeing the renderer reaps its workers; nothing else is left. */
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	assert_int_equal(tu_fds(), fds_before);
	return 0;
}

static shmplot_status run_px(shmplot_renderer *r, fixture *f, int n, int pixels,
			     shmplot_results **res)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.want_pixels = pixels;
	shmplot_results_free(*res);
	*res = NULL;
	return shmplot_render(r, f->d, f->figs, (size_t)n, &o, res);
}

static shmplot_status run_on(shmplot_renderer *r, fixture *f, int n,
			     shmplot_results **res)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	shmplot_results_free(*res);
	*res = NULL;
	return shmplot_render(r, f->d, f->figs, (size_t)n, &o, res);
}

static void assert_same_pngs(const shmplot_results *a, const shmplot_results *b,
			     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t la, lb;
		const unsigned char *pa = shmplot_results_png(a, i, &la);
		const unsigned char *pb = shmplot_results_png(b, i, &lb);
		assert_non_null(pa);
		assert_non_null(pb);
		assert_int_equal(la, lb);
		assert_memory_equal(pa, pb, la);
	}
}

/* The kept workers' pids, sorted; how many. */
static int pids_of(shmplot_renderer *r, long *pids, int max)
{
	int n = (int)shmplot_renderer_workers(r, pids, (size_t)max);
	for (int i = 1; i < n && i < max; i++)
		for (int j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			long t = pids[j];
			pids[j] = pids[j - 1];
			pids[j - 1] = t;
		}
	return n;
}

/* What /proc/PID/<what> lists: entries of fd/, or lines of maps with s. */
static int count_fds(long pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/fd", pid);
	DIR *d = opendir(path);
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int maps_with(long pid, const char *s)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%ld/maps", pid);
	FILE *fp = fopen(path, "r");
	int n = 0;
	if (!fp)
		return -1;
	while (fgets(line, sizeof line, fp))
		n += strstr(line, s) != NULL;
	fclose(fp);
	return n;
}

/* This process's descriptors whose target names s. */
static int fds_with(const char *s)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));) {
		char path[300], target[256];
		snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
		ssize_t len = readlink(path, target, sizeof target - 1);
		target[len > 0 ? len : 0] = '\0';
		n += e->d_name[0] != '.' && strstr(target, s) != NULL;
	}
	closedir(d);
	return n;
}

/* Waits (up to 5 s) until pid is a zombie or gone. 1 if it is. */
static int wait_dead(long pid)
{
	for (int i = 0; i < 500; i++) {
		char path[64], buf[512];
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		FILE *fp = fopen(path, "r");
		if (!fp)
			return 1;
		size_t len = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
		buf[len] = '\0';
		const char *rp = strrchr(buf, ')');
		if (rp && rp[1] == ' ' && rp[2] == 'Z')
			return 1;
		struct timespec ts = {0, 10000000};
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* Batches reuse the same workers, and draw what cold workers draw. */
static void test_workers_are_reused(void **state)
{
	fixture *f = *state;
	long a[4], b[4];
	assert_int_equal(shmplot_renderer_workers(f->r, NULL, 0), 0);
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, a, 4), 2);
	assert_int_equal(tu_children(), 2);
	for (int k = 0; k < 5; k++) {
		assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
		assert_int_equal(pids_of(f->r, b, 4), 2);
		assert_memory_equal(a, b, sizeof(long) * 2);
	}
	assert_int_equal(run_on(f->cold, f, 4, &f->ref), SHMPLOT_OK);
	assert_same_pngs(f->res, f->ref, 4);
	/* An empty batch needs no worker and leaves them as they are. */
	assert_int_equal(run_on(f->r, f, 0, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, b, 4), 2);
	assert_int_equal(shmplot_renderer_release_workers(f->r), SHMPLOT_OK);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(shmplot_renderer_workers(f->r, NULL, 0), 0);
	/* Released: batches start their own workers again. */
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(tu_children(), 0);
}

/*
 * Between batches a worker holds no segment, no batch description and no
 * descriptor but its socket (and stdio).
 */
static void test_nothing_held_between_batches(void **state)
{
	fixture *f = *state;
	long p[4];
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	int n = pids_of(f->r, p, 4);
	assert_int_equal(n, 2);
	for (int i = 0; i < n; i++) {
		assert_int_equal(maps_with(p[i], "/dev/shm/"), 0);
		assert_int_equal(maps_with(p[i], "memfd:"), 0);
		assert_int_equal(count_fds(p[i]), 4);
	}
}

/* Fills reusable d (emptied unless fresh) with x and f's y in order[]'s
 * order, as ids 0..3, which figures 0..2 draw on f->r into *res. */
static shmplot_status fill_run(fixture *f, shmplot_data *d, int fresh,
			       const int order[3], shmplot_results **res)
{
	const shmplot_series from[4] = {f->x, f->y[order[0]], f->y[order[1]],
					f->y[order[2]]};
	assert_true(fresh || sp_data_reuse(d, 4, 4000));
	for (int k = 0; k < 4; k++) {
		size_t n;
		const double *v = shmplot_data_values(f->d, from[k], &n);
		char name[8];
		snprintf(name, sizeof name, "s%d", k);
		assert_int_equal(shmplot_data_add(d, name, v, n, NULL), 0);
	}
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	shmplot_results_free(*res);
	return shmplot_render(f->r, d, f->figs, 3, &o, res);
}

/* Figure i of a and figure j of b have the same PNG. */
static void assert_same_png(const shmplot_results *a, size_t i,
			    const shmplot_results *b, size_t j)
{
	size_t la, lb;
	const unsigned char *pa = shmplot_results_png(a, i, &la);
	const unsigned char *pb = shmplot_results_png(b, j, &lb);
	assert_true(pa && pb && la == lb);
	assert_memory_equal(pa, pb, la);
}

/*
 * A reusable segment (Python's loop) stays mapped in the kept workers
 * between batches, one mapping each however often it is filled again or
 * replaced, and each batch draws what is in it then; an ordinary segment
 * is still not kept.
 */
static void test_reusable_segment_kept(void **state)
{
	fixture *f = *state;
	long p[4], q[4];
	shmplot_data *d = NULL, *d2 = NULL;
	shmplot_results *res = NULL;
	static const int same[3] = {0, 1, 2}, swapped[3] = {1, 0, 2};
	assert_int_equal(run_on(f->cold, f, 3, &f->ref), SHMPLOT_OK);
	assert_int_equal(sp_data_new_reusable(&d, 64 << 10, 4, 4000, NULL, 0),
			 SHMPLOT_OK);
	assert_int_equal(fill_run(f, d, 1, same, &res), SHMPLOT_OK);
	assert_same_pngs(res, f->ref, 3);
	assert_int_equal(pids_of(f->r, p, 4), 2);
	for (int k = 0; k < 7; k++) {
		for (int i = 0; i < 2; i++) {
			assert_int_equal(maps_with(p[i], "/dev/shm/"), 1);
			assert_int_equal(count_fds(p[i]), 4);
		}
		if (k == 6)
			break;
		/* sin and cos swapped: figure 0 draws what figure 1 did */
		assert_int_equal(
		    fill_run(f, d, 0, k % 2 ? same : swapped, &res),
		    SHMPLOT_OK);
		assert_same_png(res, 0, f->ref, k % 2 ? 0 : 1);
		assert_int_equal(pids_of(f->r, q, 4), 2);
		assert_memory_equal(p, q, sizeof(long) * 2);
		/* the caller's own segment: mapped for its batch only */
		if (k == 5)
			assert_int_equal(run_on(f->r, f, 3, &res), SHMPLOT_OK);
	}
	/* another reusable segment of the same size replaces the one kept */
	assert_int_equal(sp_data_new_reusable(&d2, 64 << 10, 4, 4000, NULL, 0),
			 SHMPLOT_OK);
	shmplot_data_free(d);
	assert_int_equal(fill_run(f, d2, 1, swapped, &res), SHMPLOT_OK);
	assert_same_png(res, 0, f->ref, 1);
	for (int i = 0; i < 2; i++)
		assert_int_equal(maps_with(p[i], "/dev/shm/"), 1);
	shmplot_results_free(res);
	shmplot_data_free(d2);
}

/* A worker killed between batches costs no figure and is replaced. */
static void test_killed_between_batches_is_replaced(void **state)
{
	fixture *f = *state;
	long a[4], b[4];
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, a, 4), 2);
	assert_int_equal(kill((pid_t)a[0], SIGKILL), 0);
	assert_true(wait_dead(a[0]));
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(shmplot_results_failed(f->res), 0);
	assert_int_equal(pids_of(f->r, b, 4), 2);
	assert_true(b[0] != a[0] && b[1] != a[0]);
	assert_true(b[0] == a[1] || b[1] == a[1]);
	/* the dead one was reaped: two children, no zombie */
	assert_int_equal(tu_children(), 2);
	/* both killed: the batch still renders */
	assert_int_equal(kill((pid_t)b[0], SIGKILL), 0);
	assert_int_equal(kill((pid_t)b[1], SIGKILL), 0);
	assert_true(wait_dead(b[0]) && wait_dead(b[1]));
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(run_on(f->cold, f, 4, &f->ref), SHMPLOT_OK);
	assert_same_pngs(f->res, f->ref, 4);
}

/* A worker that crashes mid-batch costs its figure; the next batch is
 * whole again on a replacement. */
static void test_crash_mid_batch(void **state)
{
	fixture *f = *state;
	long p[4];
	setenv("SHMPLOT_TEST_FAULT", "f1:segv", 1);
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_failed(f->res), 1);
	assert_int_equal(shmplot_results_status(f->res, 1),
			 SHMPLOT_FIG_CRASHED);
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, p, 4), 2);
	assert_int_equal(tu_children(), 2);
}

/* A figure over its timeout kills its worker; the next batch replaces it. */
static void test_timeout_then_next_batch(void **state)
{
	fixture *f = *state;
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.timeout_s = 0.5;
	setenv("SHMPLOT_TEST_FAULT", "f0:hang", 1);
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 4, &o, &f->res),
			 SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_status(f->res, 0),
			 SHMPLOT_FIG_TIMEOUT);
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
}

static int cancel_at_first(void *ud, const shmplot_results *res, size_t i)
{
	(void)res;
	(void)i;
	*(volatile int *)ud = 1;
	return 0;
}

/* A stopped batch ends the kept workers; the next one starts new ones. */
static void test_stopped_batch_reaps(void **state)
{
	fixture *f = *state;
	volatile int cancel = 0;
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 1;
	o.cancel = &cancel;
	o.on_result = cancel_at_first;
	o.userdata = (void *)&cancel;
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	shmplot_results_free(f->res);
	f->res = NULL;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 4, &o, &f->res),
			 SHMPLOT_E_INTERRUPTED);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(shmplot_renderer_workers(f->r, NULL, 0), 0);
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
}

static int render_again(void *ud, const shmplot_results *res, size_t i)
{
	fixture *f = ud;
	shmplot_results *inner = NULL;
	(void)res;
	(void)i;
	shmplot_status st =
	    shmplot_render(f->r, f->d, f->figs, 1, NULL, &inner);
	shmplot_results_free(inner);
	return st == SHMPLOT_E_STATE ? 0 : 1;
}

/* The kept workers serve one batch at a time: another is refused. */
static void test_one_batch_at_a_time(void **state)
{
	fixture *f = *state;
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.on_result = render_again;
	o.userdata = f;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 2, &o, &f->res),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_renderer_release_workers(f->r), SHMPLOT_OK);
}

/* After fork, the child starts its own workers and leaves the parent's. */
static void test_fork_uses_own_workers(void **state)
{
	fixture *f = *state;
	long a[4], b[4];
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, a, 4), 2);
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		long k[4];
		shmplot_results *res = NULL;
		int ok = run_on(f->r, f, 4, &res) == SHMPLOT_OK &&
			 pids_of(f->r, k, 4) == 2 && k[0] != a[0] &&
			 k[0] != a[1] && k[1] != a[0] && k[1] != a[1] &&
			 tu_children() == 2;
		shmplot_results_free(res);
		shmplot_renderer_free(f->r);
		ok = ok && tu_children() == 0;
		_exit(ok ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(c, &status, 0), c);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* the parent's workers are untouched and still serve */
	assert_int_equal(pids_of(f->r, b, 4), 2);
	assert_memory_equal(a, b, sizeof(long) * 2);
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, b, 4), 2);
	assert_memory_equal(a, b, sizeof(long) * 2);
}

/* A worker idle past its limit exits; the next batch replaces it. */
static void test_idle_workers_exit(void **state)
{
	fixture *f = *state;
	long a[4];
	assert_int_equal(shmplot_renderer_keep_workers(f->r, 2, 0.2),
			 SHMPLOT_OK);
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, a, 4), 2);
	assert_true(wait_dead(a[0]) && wait_dead(a[1]));
	assert_int_equal(run_on(f->r, f, 4, &f->res), SHMPLOT_OK);
	assert_int_equal(shmplot_results_failed(f->res), 0);
	assert_int_equal(tu_children(), 2);
	assert_int_equal(shmplot_renderer_keep_workers(f->r, 2, -1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_renderer_keep_workers(f->r, -1, 0),
			 SHMPLOT_E_INVALID);
}

/*
 * The last figure of a batch is shared out in stripes, and a worker may
 * join it after another has finished and been told the batch is over:
 * that worker must never be handed more of it (it would take the job for
 * a new batch and exit). Timing decides who joins, so many batches.
 */
static void test_tail_sharing_keeps_workers(void **state)
{
	fixture *f = *state;
	long a[4], b[4];
	shmplot_figure *wide[3];
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof name, "w%d", i);
		assert_int_equal(
		    shmplot_figure_new(&wide[i], name, 12, 3, 100, NULL, 0),
		    SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(wide[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, f->x, f->y[i], "y", NULL),
		    SHMPLOT_OK);
	}
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	shmplot_status st = SHMPLOT_OK;
	int n = 0, same = 1;
	for (int k = 0; k < 60 && st == SHMPLOT_OK && same; k++) {
		shmplot_results_free(f->res);
		f->res = NULL;
		st = shmplot_render(f->r, f->d, wide, 3, &o, &f->res);
		n = pids_of(f->r, b, 4);
		if (k == 0)
			memcpy(a, b, sizeof a);
		same = n == 2 && a[0] == b[0] && a[1] == b[1];
	}
	for (int i = 0; i < 3; i++)
		shmplot_figure_free(wide[i]);
	assert_int_equal(st, SHMPLOT_OK);
	assert_true(same);
}

/* Figure i's pixels in a and b are there and the same. */
static void assert_same_pixels(const shmplot_results *a,
			       const shmplot_results *b, size_t i)
{
	int wa, ha, wb, hb;
	size_t sa, sb;
	const unsigned char *pa = shmplot_results_pixels(a, i, &wa, &ha, &sa);
	const unsigned char *pb = shmplot_results_pixels(b, i, &wb, &hb, &sb);
	assert_non_null(pa);
	assert_non_null(pb);
	assert_int_equal(wa, 400);
	assert_int_equal(ha, 200);
	assert_int_equal(wa, wb);
	assert_int_equal(ha, hb);
	assert_int_equal(sa, sb);
	assert_memory_equal(pa, pb, sa * (size_t)ha);
}

/*
 * Pixels come through the batch's pixel buffer: each batch's results keep
 * theirs while later batches run, they are what cold workers give, a
 * crashed figure has none and costs the others nothing. Between batches
 * a worker maps no segment or description, only the last few small pixel
 * buffers, which the renderer reuses once their results are freed: a loop
 * of batches uses one buffer and no more descriptors; releasing the
 * workers frees the buffers kept.
 */
static void test_pixels_through_buffer(void **state)
{
	fixture *f = *state;
	long p[4];
	const char *px = "memfd:shmplot-pixels";
	shmplot_results *first = NULL;
	assert_int_equal(run_px(f->r, f, 4, 1, &first), SHMPLOT_OK);
	assert_int_equal(maps_with(getpid(), px), 1);
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
	assert_int_equal(run_px(f->cold, f, 4, 1, &f->ref), SHMPLOT_OK);
	for (size_t i = 0; i < 4; i++) {
		assert_same_pixels(first, f->res, i);
		assert_same_pixels(first, f->ref, i);
	}
	assert_int_equal(maps_with(getpid(), px), 3);
	shmplot_results_free(f->ref);
	f->ref = NULL;
	setenv("SHMPLOT_TEST_FAULT", "f1:segv", 1);
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_E_FIGURES);
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_null(shmplot_results_pixels(f->res, 1, NULL, NULL, NULL));
	for (size_t i = 0; i < 4; i += 2)
		assert_same_pixels(first, f->res, i);
	/* the second batch's buffer, given back, was the third's */
	assert_int_equal(maps_with(getpid(), px), 2);
	assert_int_equal(fds_with(px), 2);
	/*
	 * The crashed worker was replaced in its batch only if a figure was
	 * still to hand out when it died (timing): count descriptors once
	 * a clean batch has both workers.
	 */
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
	assert_int_equal(pids_of(f->r, p, 4), 2);
	int fds = tu_fds();
	for (int k = 0; k < 20; k++) {
		assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
		assert_same_pixels(first, f->res, (size_t)k % 4);
	}
	/* first's buffer and the one the loop reuses, with descriptors */
	assert_int_equal(maps_with(getpid(), px), 2);
	assert_int_equal(fds_with(px), 2);
	assert_int_equal(tu_fds(), fds);
	assert_int_equal(pids_of(f->r, p, 4), 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(maps_with(p[i], "memfd:shmplot-batch"), 0);
		assert_int_equal(maps_with(p[i], "/dev/shm/"), 0);
		assert_in_range(maps_with(p[i], px), 1, 4);
		assert_int_equal(count_fds(p[i]), 4);
	}
	shmplot_results_free(first);
	shmplot_results_free(f->res);
	f->res = NULL;
	/* kept by the renderer for the next batch */
	assert_int_equal(maps_with(getpid(), px), 2);
	assert_int_equal(shmplot_renderer_release_workers(f->r), SHMPLOT_OK);
	assert_int_equal(maps_with(getpid(), px), 0);
	/* results outlive the renderer that lent them their buffer */
	assert_int_equal(shmplot_renderer_keep_workers(f->r, 2, 0), SHMPLOT_OK);
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
	shmplot_renderer_free(f->r);
	f->r = NULL;
	assert_int_equal(maps_with(getpid(), px), 1);
	assert_same_pixels(f->res, f->res, 3);
	shmplot_results_free(f->res);
	f->res = NULL;
	assert_int_equal(maps_with(getpid(), px), 0);
}

/*
 * The renderer holds at most four descriptors of pixel buffers (two kept,
 * two lent, as shmplot.h says); results beyond those hold none.
 */
static void test_pixel_buffer_descriptors(void **state)
{
	fixture *f = *state;
	const char *px = "memfd:shmplot-pixels";
	shmplot_results *small[2] = {NULL, NULL}, *big[3] = {NULL, NULL, NULL};
	for (int i = 0; i < 2; i++)
		assert_int_equal(run_px(f->r, f, 2, 1, &small[i]), SHMPLOT_OK);
	assert_int_equal(fds_with(px), 2);
	for (int i = 0; i < 2; i++)
		shmplot_results_free(small[i]);
	/* kept, but too small for a batch of four figures */
	assert_int_equal(fds_with(px), 2);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(run_px(f->r, f, 4, 1, &big[i]), SHMPLOT_OK);
		assert_same_pixels(big[0], big[i], 3);
	}
	assert_int_equal(maps_with(getpid(), px), 5);
	assert_int_equal(fds_with(px), 4);
	for (int i = 0; i < 3; i++)
		shmplot_results_free(big[i]);
	/* the cache was full: the lent ones went */
	assert_int_equal(maps_with(getpid(), px), 2);
	assert_int_equal(fds_with(px), 2);
	assert_int_equal(run_px(f->r, f, 2, 1, &f->res), SHMPLOT_OK);
	assert_int_equal(maps_with(getpid(), px), 2);
	assert_int_equal(shmplot_renderer_release_workers(f->r), SHMPLOT_OK);
	assert_int_equal(maps_with(getpid(), px), 1);
	assert_int_equal(fds_with(px), 1);
}

/*
 * A process forked while another thread was inside the pixel buffers'
 * mutex (held here) frees the renderer and the results it inherited
 * without waiting for it, and never writes into the parent's buffers: its
 * batches (the figures in another order) get buffers of their own.
 */
static void test_fork_with_buffers_locked(void **state)
{
	fixture *f = *state;
	const char *px = "memfd:shmplot-pixels";
	shmplot_results *other = NULL;
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
	assert_int_equal(run_px(f->r, f, 4, 1, &other), SHMPLOT_OK);
	shmplot_results_free(other); /* kept */
	assert_int_equal(run_px(f->cold, f, 4, 1, &f->ref), SHMPLOT_OK);
	assert_int_equal(fds_with(px), 2);
	sp_test_pixcache_hold(f->r, 1);
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		shmplot_figure *rev[4] = {f->figs[3], f->figs[2], f->figs[1],
					  f->figs[0]};
		shmplot_render_opts o;
		shmplot_render_opts_init(&o);
		o.jobs = 2;
		o.want_pixels = 1;
		alarm(60); /* a hang is a failure, not a stuck test */
		shmplot_results_free(f->res);
		shmplot_results_free(f->ref);
		int ok = 1;
		for (int k = 0; k < 3; k++) {
			shmplot_results *res = NULL;
			ok = ok && shmplot_render(f->r, f->d, rev, 4, &o,
						  &res) == SHMPLOT_OK;
			shmplot_results_free(res);
		}
		ok = ok && maps_with(getpid(), px) == 1;
		shmplot_renderer_free(f->r);
		ok = ok && maps_with(getpid(), px) == 0 && fds_with(px) == 0 &&
		     tu_children() == 0;
		_exit(ok ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(c, &status, 0), c);
	sp_test_pixcache_hold(f->r, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	for (size_t i = 0; i < 4; i++)
		assert_same_pixels(f->ref, f->res, i);
	assert_int_equal(maps_with(getpid(), px), 3);
	assert_int_equal(fds_with(px), 2);
	/* and the parent's cache still serves */
	assert_int_equal(run_px(f->r, f, 4, 1, &f->res), SHMPLOT_OK);
	assert_same_pixels(f->ref, f->res, 2);
	assert_int_equal(maps_with(getpid(), px), 3);
	assert_int_equal(fds_with(px), 2);
}

/* 1,000 batches: no descriptor, segment or process growth anywhere. */
static void test_thousand_batches(void **state)
{
	fixture *f = *state;
	long a[4], b[4];
	/* with pixels: the buffer it keeps is there from the start */
	assert_int_equal(run_px(f->r, f, 2, 1, &f->res), SHMPLOT_OK);
	int fds = tu_fds();
	assert_int_equal(pids_of(f->r, a, 4), 2);
	for (int i = 0; i < 1000; i++) {
		shmplot_data *d = NULL;
		shmplot_series x, y[3];
		assert_int_equal(tu_seed_segment(&d, 50, &x, y), SHMPLOT_OK);
		shmplot_data *keep = f->d;
		f->d = d;
		/* every other one with pixels: a buffer each */
		shmplot_status st = run_px(f->r, f, 2, i % 2, &f->res);
		f->d = keep;
		shmplot_data_free(d);
		assert_int_equal(st, SHMPLOT_OK);
	}
	assert_int_equal(tu_fds(), fds);
	assert_int_equal(pids_of(f->r, b, 4), 2);
	assert_memory_equal(a, b, sizeof(long) * 2);
	assert_int_equal(tu_children(), 2);
	assert_int_equal(tu_shm_entries(), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(count_fds(b[i]), 4);
		assert_int_equal(maps_with(b[i], "/dev/shm/"), 0);
		assert_int_equal(maps_with(b[i], "memfd:shmplot-batch"), 0);
		assert_in_range(maps_with(b[i], "memfd:shmplot-pixels"), 0, 4);
	}
	shmplot_results_free(f->res);
	f->res = NULL;
	assert_int_equal(maps_with(getpid(), "memfd:shmplot-pixels"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_workers_are_reused, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_nothing_held_between_batches,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_killed_between_batches_is_replaced, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_crash_mid_batch, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_timeout_then_next_batch, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_stopped_batch_reaps, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_one_batch_at_a_time, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fork_uses_own_workers, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_idle_workers_exit, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_tail_sharing_keeps_workers,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pixels_through_buffer, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_pixel_buffer_descriptors,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fork_with_buffers_locked,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reusable_segment_kept, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_thousand_batches, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
