/* SPDX-License-Identifier: MIT */
/*
 * What the system tests share: a small world (a renderer, a sealed segment
 * of x, sin, cos, tan, small figures), running a test in a forked child,
 * and the fixture whose teardown frees whatever a failed assertion left
 * behind and checks that no worker or segment outlived the test.
 */
#ifndef SHMPLOT_TESTS_SYSTEM_WORLD_H
#define SHMPLOT_TESTS_SYSTEM_WORLD_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmplot.h"
#include "testhooks/testhooks.h"
#include "testutil.h"
#include "worker/worker.h"

/* A child's exit status: the machine does not allow the test. */
#define SKIPPED 77

/* ---- a small world: one segment, a renderer, small figures ---- */

typedef struct world {
	shmplot_renderer *r;
	shmplot_data *d;
	shmplot_series x, y[3];
} world;

static inline void world_init(world *w, size_t n)
{
	char err[256];
	memset(w, 0, sizeof *w);
	assert_int_equal(shmplot_renderer_new(&w->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(tu_seed_segment(&w->d, n, &w->x, w->y), SHMPLOT_OK);
}

static inline void world_free(world *w)
{
	shmplot_data_free(w->d);
	shmplot_renderer_free(w->r);
	w->d = NULL;
	w->r = NULL;
}

/* n figures f0..f(n-1) of 2 x 1 in at 100 dpi (200 x 100 px). */
static inline shmplot_figure **small_figs(world *w, int n)
{
	shmplot_figure **figs = calloc((size_t)n, sizeof *figs);
	assert_non_null(figs);
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(
		    shmplot_figure_new(&figs[i], name, 2, 1, 100, NULL, 0),
		    SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(figs[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, w->x, w->y[i % 3], "s", NULL), 0);
		assert_int_equal(shmplot_axes_set_ylim(ax, -2, 2), 0);
		assert_int_equal(shmplot_axes_set_title(ax, "title"), 0);
	}
	return figs;
}

static inline void free_figs(shmplot_figure **figs, int n)
{
	for (int i = 0; figs && i < n; i++)
		shmplot_figure_free(figs[i]);
	free(figs);
}

static inline shmplot_status render(world *w, shmplot_figure **figs, int n,
				    int jobs, double timeout,
				    shmplot_results **res)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = jobs;
	o.timeout_s = timeout;
	return shmplot_render(w->r, w->d, figs, (size_t)n, &o, res);
}

/* Every figure ok, and every PNG decodes to 200 x 100. */
static inline void assert_all_ok(const shmplot_results *res, int n)
{
	for (int i = 0; i < n; i++) {
		if (shmplot_results_status(res, (size_t)i) != SHMPLOT_FIG_OK)
			fail_msg("figure %d: %s: %s", i,
				 shmplot_fig_status_str(
				     shmplot_results_status(res, (size_t)i)),
				 shmplot_results_message(res, (size_t)i));
		size_t len;
		const unsigned char *png =
		    shmplot_results_png(res, (size_t)i, &len);
		int pw, ph;
		unsigned char *px = tu_decode_png(png, len, &pw, &ph);
		assert_non_null(px);
		assert_int_equal(pw, 200);
		assert_int_equal(ph, 100);
		free(px);
	}
}

/*
 * Runs fn in a forked child (for tests that change process-wide state:
 * rlimits, uids, namespaces, signal dispositions). The child exits 0 on
 * success, SKIPPED if the machine does not allow the test, else non-zero.
 * Returns that status.
 */
static inline int in_child(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int status;
	pid_t r;
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	assert_int_equal(r, pid);
	if (WIFSIGNALED(status))
		fail_msg("child died of signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			_exit(1);                                              \
		}                                                              \
	} while (0)

/* ---- the fixture ---- */

/*
 * What a test running in the test process holds. The test frees nothing
 * of it; teardown frees it all, whether the test passed or an assertion
 * failed half-way.
 */
typedef struct held {
	world w;
	shmplot_figure **figs; /* held_figs() */
	int nfigs;
	shmplot_results *res;
	shmplot_data *data;
	shmplot_figure *fig;
	unsigned char *buf[2];
	sp_blob *blob;
	int fd[4]; /* -1: none */
} held;

static inline int held_setup(void **state)
{
	held *h = calloc(1, sizeof *h);
	if (!h)
		return -1;
	for (int i = 0; i < 4; i++)
		h->fd[i] = -1;
	unsetenv("SHMPLOT_TEST_FAULT");
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	*state = h;
	return 0;
}

static inline int held_teardown(void **state)
{
	held *h = *state;
	free_figs(h->figs, h->nfigs);
	shmplot_results_free(h->res);
	shmplot_figure_free(h->fig);
	shmplot_data_free(h->data);
	world_free(&h->w);
	for (int i = 0; i < 2; i++)
		free(h->buf[i]);
	if (h->blob)
		sp_blob_free(h->blob);
	for (int i = 0; i < 4; i++)
		if (h->fd[i] >= 0)
			close(h->fd[i]);
	free(h);
	unsetenv("SHMPLOT_TEST_FAULT");
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	unsetenv("SHMPLOT_TEST_MODE");
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	return 0;
}

/* h->figs: n small figures (the ones made before are freed). */
static inline shmplot_figure **held_figs(held *h, int n)
{
	free_figs(h->figs, h->nfigs);
	h->figs = NULL;
	h->nfigs = 0;
	h->figs = small_figs(&h->w, n);
	h->nfigs = n;
	return h->figs;
}

/* Renders h->figs[0 .. n) into h->res (whose old results it frees). */
static inline shmplot_status held_render(held *h, int n, int jobs,
					 double timeout)
{
	shmplot_results_free(h->res);
	h->res = NULL;
	return render(&h->w, h->figs, n, jobs, timeout, &h->res);
}

#endif /* SHMPLOT_TESTS_SYSTEM_WORLD_H */
