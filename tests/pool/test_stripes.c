/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/pool/stripes.c, without processes: the plan of a batch
 * (dispatch order, worker count), which job each worker is handed as the
 * tail of a batch is shared, and how the stripes of a shared figure are
 * filed. The pool state is built by hand, as the event loop would hold it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure/figure.h"
#include "pool/parent.h"

enum { MAXFIG = 6 };

typedef struct fixture {
	shmplot_figure *figs[MAXFIG];
	const spr_figure *specs[MAXFIG];
	spr_series series[3];
	sp_batch b;
	sp_pool p;
	shmplot_results *res;
	char err[256];
} fixture;

/* Only the lengths count for planning: nothing reads the values. */
static const double nothing[1];

/* batch()'s figures' resolution: 100 dpi, 1200 x 300 pixels */
static double batch_dpi = 100;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	/* These small figures are joined (a test below says when not). */
	setenv("SHMPLOT_TEST_JOIN_MIN_PIXELS", "0", 1);
	batch_dpi = 100;
	f->series[0] = (spr_series){nothing, 1000};    /* x */
	f->series[1] = (spr_series){nothing, 1000};    /* y */
	f->series[2] = (spr_series){nothing, 2000000}; /* too big to join */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sp_plan_free(&f->p);
	free(f->p.w);
	shmplot_results_free(f->res);
	for (int i = 0; i < MAXFIG; i++)
		shmplot_figure_free(f->figs[i]);
	free(f);
	return 0;
}

/*
 * A batch of n 12 x 3 in figures (4 PNG stripes each); figure i plots
 * lines[i] lines of series y (-1: series 2, the big one).
 */
static void batch(fixture *f, int n, const int *lines, int jobs)
{
	for (int i = 0; i < n; i++) {
		char name[8];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(shmplot_figure_new(&f->figs[i], name, 12, 3,
						    batch_dpi, NULL, 0),
				 SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(f->figs[i], 0, 0);
		int k = lines[i] < 0 ? 1 : lines[i];
		for (int l = 0; l < k; l++)
			assert_int_equal(shmplot_axes_plot(ax, 0,
							   lines[i] < 0 ? 2 : 1,
							   NULL, NULL),
					 SHMPLOT_OK);
		f->specs[i] = sp_figure_spec(f->figs[i]);
	}
	f->b.figs = f->specs;
	f->b.nfig = (size_t)n;
	f->b.series = f->series;
	f->b.nseries = 3;
	f->p.batch = &f->b;
	f->p.err = f->err;
	f->p.errlen = sizeof f->err;
	f->res = sp_results_new(&f->b);
	assert_non_null(f->res);
	f->p.res = f->res;
	assert_int_equal(sp_plan(&f->p, jobs), SHMPLOT_OK);
	f->p.w = calloc((size_t)f->p.nw, sizeof *f->p.w);
	assert_non_null(f->p.w);
	for (int i = 0; i < f->p.nw; i++) {
		f->p.w[i].job = -1;
		f->p.w[i].held = -1;
		f->p.w[i].fd = -1;
		f->p.w[i].pidfd = -1;
	}
}

/* Hands worker i its next job, as dispatch() would; 0 if none. */
static int take(fixture *f, int i, sp_job *job)
{
	sp_slot *w = &f->p.w[i];
	if (!sp_pick(&f->p, w, job))
		return 0;
	w->job = (long)job->fig;
	w->part = job->part;
	w->held = job->part == SP_PART_WHOLE ? -1 : (long)job->fig;
	w->row0 = job->row0;
	w->row1 = job->row1;
	return 1;
}

/* As expect_job(), for a stripe drawn from rows [row0, row1). */
static void expect_rows(fixture *f, int worker, uint32_t fig, int32_t part,
			int32_t row0, int32_t row1)
{
	sp_job job;
	assert_true(take(f, worker, &job));
	assert_int_equal(job.fig, fig);
	assert_int_equal(job.part, part);
	assert_int_equal(job.row0, row0);
	assert_int_equal(job.row1, row1);
}

static void expect_job(fixture *f, int worker, uint32_t fig, int32_t part)
{
	sp_job job;
	assert_true(take(f, worker, &job));
	assert_int_equal(job.fig, fig);
	assert_int_equal(job.part, part);
}

/* The most points first; equal costs in batch order. */
static void test_order_by_cost(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1, 3, 1, 2, 3};
	batch(f, 5, lines, 1);
	static const uint32_t want[] = {1, 4, 3, 0, 2};
	for (int i = 0; i < 5; i++)
		assert_int_equal(f->p.order[i], want[i]);
	assert_int_equal(f->p.nw, 1);
}

/* One worker a figure, or a stripe of those that can be shared. */
static void test_worker_count(void **state)
{
	fixture *f = *state;
	static const int one[] = {1};
	batch(f, 1, one, 8);
	assert_int_equal(f->p.nw, 4); /* its 4 stripes */
	teardown(state);
	setup(state);
	f = *state;
	static const int big[] = {-1};
	batch(f, 1, big, 8);
	assert_int_equal(f->p.nw, 1); /* too big to draw twice */
	teardown(state);
	setup(state);
	f = *state;
	f->b.formats = SHMPLOT_FORMAT_PNG | SHMPLOT_FORMAT_SVG; /* not cut */
	static const int three[] = {1, 1, 1};
	batch(f, 3, three, 8);
	assert_int_equal(f->p.nw, 3);
	teardown(state);
	setup(state);
	f = *state;
	f->b.want_pixels = 1; /* pixels: shared too (rows by stripe) */
	batch(f, 3, three, 8);
	assert_int_equal(f->p.nw, 8);
	teardown(state);
	setup(state);
	f = *state;
	batch(f, 3, three, 2);
	assert_int_equal(f->p.nw, 2); /* never more than jobs */
}

/*
 * Two figures on two workers: f0 whole; f1, the last to start, stripe by
 * stripe. The worker that finished f0 joins f1 while at least two of its
 * stripes are left; its holder takes the next one.
 */
static void test_tail_is_shared(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1, 1};
	batch(f, 2, lines, 2);
	assert_int_equal(f->p.nw, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE);
	expect_job(f, 1, 1, 0);
	/* the first (and only) entry of the figures shared out */
	assert_int_equal(f->p.sh[0].fig, 1);
	assert_int_equal(f->p.sh[0].k, 4);
	assert_int_equal(sp_to_join(&f->p), 1);
	f->p.w[0].job = -1; /* f0 is done */
	expect_job(f, 0, 1, SP_PART_DRAW);
	expect_job(f, 0, 1, 1); /* drawn: it takes stripes */
	expect_job(f, 1, 1, 2);
	/* one stripe left: nobody else would join for it */
	assert_int_equal(sp_to_join(&f->p), -1);
	expect_job(f, 0, 1, 3);
	sp_job job;
	assert_false(take(f, 1, &job)); /* nothing left at all */
	assert_false(take(f, 0, &job));
}

/* A figure too big to draw twice is not shared: it goes out whole. */
static void test_big_figure_is_not_joined(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1, -1};
	batch(f, 2, lines, 2);
	expect_job(f, 0, 1, SP_PART_WHOLE); /* the big one goes first */
	expect_job(f, 1, 0, 0);             /* the last one is shared */
	f->p.w[0].job = -1;
	assert_int_equal(sp_to_join(&f->p), 0);
	expect_job(f, 0, 0, SP_PART_DRAW); /* f0 is small: joinable */
	teardown(state);
	setup(state);
	f = *state;
	static const int big_last[] = {-1, -1};
	batch(f, 2, big_last, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE);
	expect_job(f, 1, 1, SP_PART_WHOLE); /* the last one too */
	f->p.w[0].job = -1;
	assert_int_equal(sp_to_join(&f->p), -1);
	sp_job job;
	assert_false(take(f, 0, &job));
	assert_false(take(f, 1, &job)); /* no stripes to come back for */
}

/*
 * By default a figure of fewer than a megapixel is not joined: its
 * stripes' deflate costs less than drawing it again. It is split instead:
 * its holder draws the rows of stripes 0-1 (0-149 of 300), a joiner those
 * of stripes 2-3 and the row above them (149-299), and each deflates its
 * own. A batch of one still needs one worker. 2400 x 600 pixels are
 * joined.
 */
static void test_small_figure_is_split(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1, 1};
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	batch(f, 2, lines, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE);
	expect_rows(f, 1, 1, 0, 0, 150); /* the tail: split */
	f->p.w[0].job = -1;
	assert_int_equal(sp_to_join(&f->p), 1);
	expect_rows(f, 0, 1, 2, 149, 300);       /* the joiner: second half */
	assert_int_equal(sp_to_join(&f->p), -1); /* one joiner only */
	expect_rows(f, 1, 1, 1, 0, 150);         /* the same drawing */
	sp_job job;
	assert_false(take(f, 1, &job)); /* the rest is the joiner's */
	expect_rows(f, 0, 1, 3, 149, 300);
	assert_false(take(f, 0, &job));
	teardown(state);
	setup(state);
	f = *state;
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	batch(f, 1, lines, 2);
	assert_int_equal(f->p.nw, 1);
	teardown(state);
	setup(state);
	f = *state;
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	batch_dpi = 200;
	batch(f, 2, lines, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE);
	expect_rows(f, 1, 1, 0, 0, 0); /* joined: drawn whole */
	f->p.w[0].job = -1;
	assert_int_equal(sp_to_join(&f->p), 1);
	expect_job(f, 0, 1, SP_PART_DRAW);
}

/* Nobody joins a split figure: its holder draws the second half too. */
static void test_split_figure_alone(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1, 1};
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	batch(f, 2, lines, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE); /* busy throughout */
	expect_rows(f, 1, 1, 0, 0, 150);
	expect_rows(f, 1, 1, 1, 0, 150);
	expect_rows(f, 1, 1, 2, 149, 300);       /* drawn again, those rows */
	assert_int_equal(sp_to_join(&f->p), -1); /* taken: not to join */
	expect_rows(f, 1, 1, 3, 149, 300);
	sp_job job;
	assert_false(take(f, 1, &job));
}

/*
 * A small figure of more than 100,000 points is neither joined nor
 * split: it goes out whole.
 */
static void test_many_points_not_split(void **state)
{
	fixture *f = *state;
	static const int lines[] = {-1, -1};
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	f->series[2].n = 200000;
	batch(f, 2, lines, 2);
	expect_job(f, 0, 0, SP_PART_WHOLE);
	expect_rows(f, 1, 1, SP_PART_WHOLE, 0, 0);
	f->p.w[0].job = -1;
	assert_int_equal(sp_to_join(&f->p), -1);
}

/* An answer for each stripe, once; the last one says so. */
static void test_stripes_filed_once(void **state)
{
	fixture *f = *state;
	static const int lines[] = {1};
	batch(f, 1, lines, 2);
	expect_job(f, 0, 0, 0);
	sp_slot *w = &f->p.w[0];
	char err[256];
	int last;
	for (int s = 0; s < 4; s++) {
		w->part = s;
		w->hdr.width = 1200;
		w->hdr.height = 300;
		w->hdr.png_len = 10;
		w->png = malloc(10);
		assert_non_null(w->png);
		assert_int_equal(
		    sp_stripe_file(&f->p, w, 0, &last, err, sizeof err),
		    SHMPLOT_OK);
		assert_null(w->png); /* taken */
		assert_int_equal(last, s == 3);
		if (s == 1) {
			/* the same stripe again: refused */
			w->png = malloc(10);
			assert_int_equal(
			    sp_stripe_file(&f->p, w, 0, &last, err, sizeof err),
			    SHMPLOT_E_FIGURES);
			assert_non_null(strstr(err, "not asked of it"));
			sp_slot_clear_answer(w);
			/* drawn at another size: refused */
			w->hdr.width = 1199;
			assert_int_equal(
			    sp_stripe_file(&f->p, w, 0, &last, err, sizeof err),
			    SHMPLOT_E_FIGURES);
			assert_non_null(strstr(err, "different size"));
		}
	}
	/* settled once: later answers are dropped without a word */
	assert_int_equal(sp_settle(&f->p, 0), 1);
	assert_int_equal(sp_settle(&f->p, 0), 0);
	assert_int_equal(sp_stripe_file(&f->p, w, 0, &last, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(last, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_order_by_cost),      T(test_worker_count),
	    T(test_tail_is_shared),     T(test_big_figure_is_not_joined),
	    T(test_stripes_filed_once), T(test_small_figure_is_split),
	    T(test_split_figure_alone), T(test_many_points_not_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
