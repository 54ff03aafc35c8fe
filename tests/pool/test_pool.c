/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/pool/ and src/worker/child.c: batches rendered by forked
 * (and, as test_pool_spawn, spawned) workers, with faults injected through
 * the test-only SHMPLOT_TEST_FAULT hook. How the pool shared a figure out
 * is read from the test hooks' counts (jobs, draws, joins, stripes,
 * timeouts), never from seconds.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <string.h>

#include "shmplot.h"
#include "testhooks/testhooks.h"
#include "testutil.h"

/*
 * The world of one test. Everything a test makes lives here, so that
 * teardown frees whatever a failed assertion left behind.
 */
typedef struct fixture {
	shmplot_renderer *r;
	shmplot_data *d;
	shmplot_series x, y[3];
	int fds_before;
	shmplot_figure **figs; /* make_figs() */
	int nfigs;
	shmplot_results *res, *ref;
	shmplot_data *big; /* a second segment */
	shmplot_figure *big_figs[2];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[256];
	assert_non_null(f);
	*state = f;
	f->fds_before = tu_fds();
	assert_int_equal(shmplot_renderer_new(&f->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(tu_seed_segment(&f->d, 1000, &f->x, f->y), SHMPLOT_OK);
	unsetenv("SHMPLOT_TEST_FAULT");
	/* these small figures are joined (test_stripes: when they are not) */
	setenv("SHMPLOT_TEST_JOIN_MIN_PIXELS", "0", 1);
	return 0;
}

static void free_figs(fixture *f)
{
	for (int i = 0; f->figs && i < f->nfigs; i++)
		shmplot_figure_free(f->figs[i]);
	free(f->figs);
	f->figs = NULL;
	f->nfigs = 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int fds_before = f->fds_before;
	free_figs(f);
	shmplot_results_free(f->res);
	shmplot_results_free(f->ref);
	for (int i = 0; i < 2; i++)
		shmplot_figure_free(f->big_figs[i]);
	shmplot_data_free(f->big);
	shmplot_data_free(f->d);
	shmplot_renderer_free(f->r);
	free(f);
	unsetenv("SHMPLOT_TEST_FAULT");
	/* Nothing may outlive a batch: no workers, segments or descriptors. */
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	assert_int_equal(tu_fds(), fds_before);
	return 0;
}

/*
 * f->figs: n figures named f0..f(n-1), each plotting series k % 3, w_in x
 * h_in inches at 100 dpi (the figures made before are freed).
 */
static shmplot_figure **make_figs(fixture *f, int n, double w_in, double h_in)
{
	free_figs(f);
	f->figs = calloc((size_t)n, sizeof *f->figs);
	assert_non_null(f->figs);
	f->nfigs = n;
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(shmplot_figure_new(&f->figs[i], name, w_in,
						    h_in, 100, NULL, 0),
				 SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(f->figs[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, f->x, f->y[i % 3], "series", NULL),
		    SHMPLOT_OK);
		assert_int_equal(shmplot_axes_set_ylim(ax, -5, 5), SHMPLOT_OK);
		assert_int_equal(
		    shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_BEST),
		    SHMPLOT_OK);
	}
	return f->figs;
}

/* Renders the first n of f->figs into *res (whose old results it frees). */
static shmplot_status run(fixture *f, int n, int jobs, double timeout,
			  int pixels, shmplot_results **res)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = jobs;
	o.timeout_s = timeout;
	o.want_pixels = pixels;
	shmplot_results_free(*res);
	*res = NULL;
	return shmplot_render(f->r, f->d, f->figs, (size_t)n, &o, res);
}

/* The PNGs of figures 0..n-1 of a and b are byte for byte the same. */
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

static void assert_png_size(const shmplot_results *res, size_t i, int w, int h)
{
	size_t len;
	const unsigned char *png = shmplot_results_png(res, i, &len);
	assert_non_null(png);
	int dw = 0, dh = 0;
	unsigned char *px = tu_decode_png(png, len, &dw, &dh);
	int decoded = px != NULL;
	free(px);
	assert_true(decoded);
	assert_int_equal(dw, w);
	assert_int_equal(dh, h);
}

/* Figure i's pixels are the decoded PNG's, and something was drawn. */
static void assert_pixels_match_png(const shmplot_results *res, size_t i)
{
	int w, h, dw = 0, dh = 0;
	size_t stride, len;
	const unsigned char *pix =
	    shmplot_results_pixels(res, i, &w, &h, &stride);
	assert_non_null(pix);
	assert_int_equal(w, 1200);
	assert_int_equal(h, 300);
	assert_int_equal(stride, 4800);
	const unsigned char *png = shmplot_results_png(res, i, &len);
	unsigned char *dec = tu_decode_png(png, len, &dw, &dh);
	int same = dec && dw == w && dh == h &&
		   memcmp(dec, pix, (size_t)w * (size_t)h * 4) == 0;
	free(dec);
	assert_true(same);
	/* Something was drawn: not a blank white image. */
	size_t dark = 0;
	for (size_t k = 0; k < (size_t)w * (size_t)h * 4; k += 4)
		dark += pix[k] < 128 || pix[k + 1] < 128 || pix[k + 2] < 128;
	assert_true(dark > 1000);
}

/*
 * More figures than workers; every PNG decodes; pixels match the PNG,
 * also those of the last figures, which are shared out stripe by stripe
 * (each stripe's worker writes its rows of the pixels).
 */
static void test_batch_more_figures_than_workers(void **state)
{
	fixture *f = *state;
	const int n = 12;
	int shared = 0;
	make_figs(f, n, 12, 3);
	assert_int_equal(run(f, n, 3, 0, 1, &f->res), SHMPLOT_OK);
	assert_int_equal(shmplot_results_count(f->res), n);
	assert_int_equal(shmplot_results_failed(f->res), 0);
	for (size_t i = 0; i < (size_t)n; i++) {
		assert_int_equal(shmplot_results_status(f->res, i),
				 SHMPLOT_FIG_OK);
		assert_string_equal(shmplot_results_message(f->res, i), "");
		assert_png_size(f->res, i, 1200, 300);
		assert_pixels_match_png(f->res, i);
		sp_test_counts c = sp_test_figure_counts(f->res, i);
		if (c.stripes)
			shared++;
		else
			assert_int_equal(c.jobs, 1);
	}
	/* the last nw - 1 started: fewer left than workers */
	assert_int_equal(shared, 2);
}

/*
 * Same inputs give byte-identical PNGs whatever the worker count, including
 * the last figures of a batch, which workers share stripe by stripe.
 */
/*
 * Items of every kind cross to spawned workers through the batch
 * description (src/worker/blob.c) and draw there what forked workers draw:
 * the same PNG bytes either way.
 */
static void test_every_kind_forked_and_spawned(void **state)
{
	fixture *f = *state;
	const char *old = getenv("SHMPLOT_TEST_MODE");
	char *saved = old ? strdup(old) : NULL;
	shmplot_item *it;
	make_figs(f, 1, 6.4, 4.8);
	shmplot_axes *ax = shmplot_figure_axes(f->figs[0], 0, 0);
	assert_int_equal(shmplot_axes_add(ax, "axhline", &it), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(it, "y", 2.5), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_text(it, "label", "h"), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "axvline", &it), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(it, "ymax", 0.5), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "axhspan", &it), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_color(it, "color", 0x00ff00),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(it, "alpha", 0.3), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "axvspan", &it), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_number(it, "xmax", 2), SHMPLOT_OK);
	assert_int_equal(shmplot_axes_add(ax, "step", &it), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_series(it, "x", f->x), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_series(it, "y", f->y[1]), SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_choice(it, "where", "mid"),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_item_set_text(it, "label", "s"), SHMPLOT_OK);
	setenv("SHMPLOT_TEST_MODE", "fork", 1);
	assert_int_equal(run(f, 1, 1, 0, 0, &f->ref), SHMPLOT_OK);
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	assert_int_equal(run(f, 1, 1, 0, 0, &f->res), SHMPLOT_OK);
	if (saved)
		setenv("SHMPLOT_TEST_MODE", saved, 1);
	else
		unsetenv("SHMPLOT_TEST_MODE");
	free(saved);
	assert_same_pngs(f->ref, f->res, 1);
}

/*
 * A 2-D series through the C API (shmplot_data_set_shape) reaches forked
 * and spawned workers with its shape: imshow draws the same PNG either
 * way, and a line given it as y fails alone with the reason.
 */
static void test_image_forked_and_spawned(void **state)
{
	fixture *f = *state;
	const char *old = getenv("SHMPLOT_TEST_MODE");
	char *saved = old ? strdup(old) : NULL;
	char err[256];
	double v[12];
	shmplot_series img;
	shmplot_item *it;
	shmplot_render_opts o;
	for (int i = 0; i < 12; i++)
		v[i] = i == 5 ? NAN : i * i;
	assert_int_equal(shmplot_data_new(&f->big, 1, 12, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(f->big, "img", v, 12, &img),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_data_set_shape(f->big, img, 3, 4), SHMPLOT_OK);
	assert_int_equal(shmplot_data_seal(f->big), SHMPLOT_OK);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(shmplot_figure_new(&f->big_figs[k],
						    k ? "line" : "image", 4, 3,
						    100, NULL, 0),
				 SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(f->big_figs[k], 0, 0);
		if (k) {
			assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X,
							   img, NULL, NULL),
					 SHMPLOT_OK);
			continue;
		}
		assert_int_equal(shmplot_axes_add(ax, "imshow", &it),
				 SHMPLOT_OK);
		assert_int_equal(shmplot_item_set_series(it, "X", img),
				 SHMPLOT_OK);
		assert_int_equal(shmplot_item_set_choice(it, "cmap", "magma"),
				 SHMPLOT_OK);
	}
	shmplot_render_opts_init(&o);
	o.jobs = 1;
	setenv("SHMPLOT_TEST_MODE", "fork", 1);
	assert_int_equal(
	    shmplot_render(f->r, f->big, f->big_figs, 2, &o, &f->ref),
	    SHMPLOT_E_FIGURES);
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	assert_int_equal(
	    shmplot_render(f->r, f->big, f->big_figs, 2, &o, &f->res),
	    SHMPLOT_E_FIGURES);
	if (saved)
		setenv("SHMPLOT_TEST_MODE", saved, 1);
	else
		unsetenv("SHMPLOT_TEST_MODE");
	free(saved);
	assert_same_pngs(f->ref, f->res, 1);
	for (int m = 0; m < 2; m++) {
		const shmplot_results *r = m ? f->res : f->ref;
		assert_int_equal(shmplot_results_status(r, 0), SHMPLOT_FIG_OK);
		assert_int_equal(shmplot_results_status(r, 1),
				 SHMPLOT_FIG_ERROR);
		assert_non_null(strstr(shmplot_results_message(r, 1),
				       "y: series 0 is 2-D (3 x 4)"));
	}
}

static void test_deterministic_across_jobs(void **state)
{
	fixture *f = *state;
	const int n = 6;
	make_figs(f, n, 12, 3);
	assert_int_equal(run(f, n, 1, 0, 0, &f->ref), SHMPLOT_OK);
	static const int batch[] = {1, 2, 3, 6};
	static const int jobs[] = {2, 3, 4, 8};
	for (size_t b = 0; b < sizeof batch / sizeof *batch; b++) {
		for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
			assert_int_equal(
			    run(f, batch[b], jobs[j], 0, 0, &f->res),
			    SHMPLOT_OK);
			assert_same_pngs(f->ref, f->res, (size_t)batch[b]);
			/* no pixels unless asked */
			for (size_t i = 0; i < (size_t)batch[b]; i++)
				assert_null(shmplot_results_pixels(
				    f->res, i, NULL, NULL, NULL));
		}
	}
}

/*
 * The last figure is shared: f0 goes to one worker whole, f1 to the other
 * stripe by stripe. f1 is made slow ("slowstripes": 200 ms to draw, 100 ms
 * for each of its 4 stripes), so the first worker, done with f0 long
 * before, joins it: it draws f1 too and takes stripes while the other is
 * busy with its first. Its PNG is the unshared one, byte for byte.
 */
static void test_shared_figure_is_the_same_png(void **state)
{
	fixture *f = *state;
	make_figs(f, 2, 12, 3);
	assert_int_equal(run(f, 2, 1, 0, 0, &f->ref), SHMPLOT_OK);
	sp_test_counts c = sp_test_figure_counts(f->ref, 1);
	assert_int_equal(c.jobs, 1); /* one worker: nothing to share */
	assert_int_equal(c.draws, 1);
	setenv("SHMPLOT_TEST_FAULT", "f1:slowstripes", 1);
	assert_int_equal(run(f, 2, 2, 0, 0, &f->res), SHMPLOT_OK);
	assert_same_pngs(f->ref, f->res, 2);
	c = sp_test_figure_counts(f->res, 0);
	assert_int_equal(c.jobs, 1); /* f0 whole */
	assert_int_equal(c.stripes, 0);
	c = sp_test_figure_counts(f->res, 1);
	assert_int_equal(c.stripes, 4); /* f1 in its 4 stripes */
	assert_int_equal(c.joins, 1);   /* f0's worker joined */
	assert_int_equal(c.draws, 2);   /* so f1 was drawn twice */
	assert_int_equal(c.jobs, 5);

	/* A batch of one figure at -j2 starts a second worker to share it. */
	setenv("SHMPLOT_TEST_FAULT", "f0:slowstripes", 1);
	assert_int_equal(run(f, 1, 2, 0, 0, &f->res), SHMPLOT_OK);
	assert_same_pngs(f->ref, f->res, 1);
	c = sp_test_figure_counts(f->res, 0);
	assert_int_equal(c.stripes, 4);
	assert_int_equal(c.joins, 1);
	assert_int_equal(c.draws, 2);
}

/*
 * A figure under a megapixel is split rather than joined (stripes.c): its
 * holder draws the rows of stripes 0-1, the joiner those of 2-3 and the
 * row above; each deflates and writes the pixels of its own. The PNG is
 * the same bytes as one worker's, the pixels the decoded PNG's.
 */
static void test_split_figure_is_the_same_png(void **state)
{
	fixture *f = *state;
	unsetenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	make_figs(f, 2, 12, 3);
	assert_int_equal(run(f, 2, 1, 0, 0, &f->ref), SHMPLOT_OK);
	/* slow stripes: f0's worker is done before f1's holder */
	setenv("SHMPLOT_TEST_FAULT", "f1:slowstripes", 1);
	assert_int_equal(run(f, 2, 2, 0, 1, &f->res), SHMPLOT_OK);
	assert_same_pngs(f->ref, f->res, 2);
	assert_pixels_match_png(f->res, 1);
	sp_test_counts c = sp_test_figure_counts(f->res, 1);
	assert_int_equal(c.stripes, 4);
	assert_int_equal(c.joins, 0); /* no whole drawing to join */
	assert_int_equal(c.draws, 2); /* each half once */
	assert_int_equal(c.jobs, 4);
}

static void expect_one_failure(fixture *f, const char *fault, int victim,
			       shmplot_fig_status want, int want_sig,
			       const char *want_text, double timeout)
{
	const int n = 5;
	make_figs(f, n, 12, 3);
	char spec[64];
	snprintf(spec, sizeof spec, "f%d:%s", victim, fault);
	setenv("SHMPLOT_TEST_FAULT", spec, 1);
	assert_int_equal(run(f, n, 2, timeout, 0, &f->res), SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_failed(f->res), 1);
	for (int i = 0; i < n; i++) {
		if (i == victim)
			continue;
		assert_int_equal(shmplot_results_status(f->res, (size_t)i),
				 SHMPLOT_FIG_OK);
		assert_png_size(f->res, (size_t)i, 1200, 300);
	}
	assert_int_equal(shmplot_results_status(f->res, (size_t)victim), want);
	assert_int_equal(shmplot_results_signal(f->res, (size_t)victim),
			 want_sig);
	assert_null(shmplot_results_png(f->res, (size_t)victim, NULL));
	const char *msg = shmplot_results_message(f->res, (size_t)victim);
	if (!strstr(msg, want_text))
		fail_msg("message \"%s\" lacks \"%s\"", msg, want_text);
}

static void test_segv_costs_one_figure(void **state)
{
	expect_one_failure(*state, "segv", 2, SHMPLOT_FIG_CRASHED, SIGSEGV,
			   "signal 11", 0);
}

static void test_abort_costs_one_figure(void **state)
{
	expect_one_failure(*state, "abort", 0, SHMPLOT_FIG_CRASHED, SIGABRT,
			   "signal 6", 0);
}

/* A worker that writes to the sealed data faults: reported as a crash. */
static void test_write_to_sealed_data_crashes(void **state)
{
	expect_one_failure(*state, "write", 4, SHMPLOT_FIG_CRASHED, SIGSEGV,
			   "signal 11", 0);
	fixture *f = *state;
	size_t n;
	const double *x = shmplot_data_values(f->d, f->x, &n);
	assert_true(x[0] == 0.0); /* the data is untouched */
}

static void test_early_exit_is_an_error(void **state)
{
	expect_one_failure(*state, "exit", 1, SHMPLOT_FIG_ERROR, 0,
			   "exited with status 3", 0);
}

/* A truncated answer is never reported as a PNG. */
static void test_truncated_answer_is_an_error(void **state)
{
	expect_one_failure(*state, "truncate", 3, SHMPLOT_FIG_ERROR, 0,
			   "cut short", 0);
}

/*
 * Drawing a figure of more than a million points again costs more than
 * its stripes' deflate saves: nobody joins it. The same setup as above,
 * with f1 plotting 1,000,001 points: it is not shared at all, but goes to
 * one worker whole (its stripes one by one would only cost round trips).
 */
static void test_big_shared_figure_is_not_joined(void **state)
{
	fixture *f = *state;
	char err[256];
	const size_t n = 1000001;
	shmplot_series x, y;
	double *xv, *yv;
	assert_int_equal(shmplot_data_new(&f->big, 2, 2 * n, err, sizeof err),
			 0);
	assert_int_equal(shmplot_data_alloc(f->big, "x", n, &xv, &x), 0);
	assert_int_equal(shmplot_data_alloc(f->big, "y", n, &yv, &y), 0);
	for (size_t i = 0; i < n; i++) {
		xv[i] = (double)i;
		yv[i] = sin((double)i * 1e-4);
	}
	assert_int_equal(shmplot_data_seal(f->big), SHMPLOT_OK);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(shmplot_figure_new(&f->big_figs[i],
						    i ? "f1" : "f0", 12, 3, 100,
						    NULL, 0),
				 SHMPLOT_OK);
		assert_int_equal(
		    shmplot_axes_plot(shmplot_figure_axes(f->big_figs[i], 0, 0),
				      x, y, NULL, NULL),
		    SHMPLOT_OK);
	}
	setenv("SHMPLOT_TEST_FAULT", "f1:slowstripes", 1);
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	assert_int_equal(
	    shmplot_render(f->r, f->big, f->big_figs, 2, &o, &f->res),
	    SHMPLOT_OK);
	sp_test_counts c = sp_test_figure_counts(f->res, 1);
	assert_int_equal(c.stripes, 0);
	assert_int_equal(c.joins, 0);
	assert_int_equal(c.draws, 1);
	assert_int_equal(c.jobs, 1);
}

/*
 * Figure 4 of 5 on two workers is shared (the last to start), so both
 * workers may draw it and die: it is still reported once, with the signal.
 */
static void test_crash_in_shared_figure(void **state)
{
	expect_one_failure(*state, "segv", 4, SHMPLOT_FIG_CRASHED, SIGSEGV,
			   "signal 11", 0);
	fixture *f = *state;
	assert_true(sp_test_figure_counts(f->res, 4).stripes >= 1);
}

static void test_error_in_shared_figure(void **state)
{
	expect_one_failure(*state, "exit", 4, SHMPLOT_FIG_ERROR, 0,
			   "exited with status 3", 0);
	fixture *f = *state;
	assert_true(sp_test_figure_counts(f->res, 4).stripes >= 1);
}

/*
 * A hung figure hits its timeout; its worker is killed and reaped. The
 * limit is generous: it also runs for the healthy figures, and a spawned
 * worker's start-up (under ASan, on a loaded machine) counts against the
 * first figure it is handed.
 */
static void test_hang_times_out(void **state)
{
	fixture *f = *state;
	expect_one_failure(f, "hang", 2, SHMPLOT_FIG_TIMEOUT, 0,
			   "timed out after 3 s", 3);
	sp_test_counts c = sp_test_figure_counts(f->res, 2);
	assert_int_equal(c.jobs, 1);
	assert_int_equal(c.timeouts, 1);
	/*
	 * The same when the hung figure is shared: its worker hangs in its
	 * first stripe (the other may join it and hang too); the first
	 * deadline settles it, and a joiner is killed as the batch ends.
	 */
	expect_one_failure(f, "hang", 4, SHMPLOT_FIG_TIMEOUT, 0,
			   "timed out after 3 s", 3);
	c = sp_test_figure_counts(f->res, 4);
	assert_int_equal(c.stripes, 1);
	assert_true(c.timeouts >= 1);
	/* teardown checks that no child process is left */
}

/* Figures much larger than a socket buffer, from several workers at once. */
static void test_large_outputs_do_not_deadlock(void **state)
{
	fixture *f = *state;
	const int n = 4;
	make_figs(f, n, 30, 20); /* 3000 x 2000 px */
	assert_int_equal(run(f, n, 4, 60, 1, &f->res), SHMPLOT_OK);
	for (size_t i = 0; i < (size_t)n; i++) {
		int w, h;
		assert_non_null(
		    shmplot_results_pixels(f->res, i, &w, &h, NULL));
		assert_int_equal(w * h,
				 3000 * 2000); /* 24 MB over the socket */
		assert_png_size(f->res, i, 3000, 2000);
	}
}

/* A figure naming a series that does not exist fails alone, with a reason. */
static void test_bad_series_is_an_error(void **state)
{
	fixture *f = *state;
	make_figs(f, 3, 12, 3);
	shmplot_axes *ax = shmplot_figure_axes(f->figs[1], 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, f->x, 99, "ghost", NULL),
			 SHMPLOT_OK);
	assert_int_equal(run(f, 3, 2, 0, 0, &f->res), SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_status(f->res, 1), SHMPLOT_FIG_ERROR);
	assert_non_null(strstr(shmplot_results_message(f->res, 1), "99"));
	assert_int_equal(shmplot_results_status(f->res, 0), SHMPLOT_FIG_OK);
	assert_int_equal(shmplot_results_status(f->res, 2), SHMPLOT_FIG_OK);
}

typedef struct counter {
	int calls;
	int stop_after;
	int saw_png;
} counter;

static int count_cb(void *ud, const shmplot_results *res, size_t i)
{
	counter *c = ud;
	c->calls++;
	c->saw_png += shmplot_results_png(res, i, NULL) != NULL;
	return c->stop_after && c->calls >= c->stop_after;
}

/* Streaming: each result reaches the callback, and can be discarded. */
static void test_callback_and_discard(void **state)
{
	fixture *f = *state;
	const int n = 8;
	make_figs(f, n, 4, 3);
	counter c = {0};
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.on_result = count_cb;
	o.userdata = &c;
	o.discard_outputs = 1;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, n, &o, &f->res),
			 SHMPLOT_OK);
	assert_int_equal(c.calls, n);
	assert_int_equal(c.saw_png, n);
	for (size_t i = 0; i < (size_t)n; i++) {
		assert_int_equal(shmplot_results_status(f->res, i),
				 SHMPLOT_FIG_OK);
		assert_null(shmplot_results_png(f->res, i, NULL));
	}
	shmplot_results_free(f->res);
	f->res = NULL;

	/* Returning non-zero stops the batch; the rest are "not run". */
	c = (counter){0, 2, 0};
	setenv("SHMPLOT_TEST_FAULT", "f3:slow,f4:slow,f5:slow", 1);
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, n, &o, &f->res),
			 SHMPLOT_E_INTERRUPTED);
	assert_int_equal(c.calls, 2);
	size_t not_run = 0;
	for (size_t i = 0; i < (size_t)n; i++)
		not_run +=
		    shmplot_results_status(f->res, i) == SHMPLOT_FIG_NOT_RUN;
	assert_true(not_run >= 4);
	assert_int_equal(shmplot_results_failed(f->res), not_run);
	assert_non_null(strstr(shmplot_results_message(f->res, 7),
			       "stopped before this figure finished"));
}

static void test_render_preconditions(void **state)
{
	fixture *f = *state;
	char err[256];
	assert_int_equal(shmplot_data_new(&f->big, 1, 4, err, sizeof err), 0);
	make_figs(f, 1, 4, 3);
	/* any non-NULL: a refused call resets it */
	shmplot_results *const unset = (shmplot_results *)f;
	shmplot_results *res = unset;
	shmplot_status st =
	    shmplot_render(f->r, f->big, f->figs, 1, NULL, &res);
	f->res = res == unset ? NULL : res;
	assert_int_equal(st, SHMPLOT_E_STATE);
	assert_null(res);
	assert_non_null(strstr(shmplot_renderer_errmsg(f->r), "seal"));
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = -1;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 1, &o, &f->res),
			 SHMPLOT_E_INVALID);
	assert_null(f->res);
	/* A bad option value is named alone, not in a list of suspects. */
	const char *msg = shmplot_renderer_errmsg(f->r);
	assert_non_null(strstr(msg, "jobs -1 is out of range"));
	assert_null(strstr(msg, "timeout"));
	shmplot_render_opts_init(&o);
	o.timeout_s = -2;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 1, &o, &f->res),
			 SHMPLOT_E_INVALID);
	msg = shmplot_renderer_errmsg(f->r);
	assert_non_null(strstr(msg, "timeout_s -2 is out of range"));
	assert_null(strstr(msg, "jobs"));
	shmplot_render_opts_init(&o);
	o.png_level = 12;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 1, &o, &f->res),
			 SHMPLOT_E_INVALID);
	msg = shmplot_renderer_errmsg(f->r);
	assert_non_null(strstr(msg, "png_level 12 is out of range -1..9"));
	assert_null(strstr(msg, "timeout"));
	assert_null(f->res);
	/* An empty batch is fine. */
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 0, NULL, &f->res),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_results_count(f->res), 0);

	shmplot_renderer *r2 = NULL;
	assert_int_equal(
	    shmplot_renderer_new(&r2, "/nonexistent/font.ttf", err, sizeof err),
	    SHMPLOT_E_FONT);
	assert_null(r2);
	assert_non_null(strstr(err, "/nonexistent/font.ttf"));
}

typedef struct order_log {
	size_t seen[8];
	int n;
} order_log;

static int log_order(void *ud, const shmplot_results *res, size_t i)
{
	(void)res;
	order_log *o = ud;
	if (o->n < 8)
		o->seen[o->n++] = i;
	return 0;
}

/*
 * The most expensive figure is handed out first; equal ones keep batch
 * order. With one worker the completion order shows the dispatch order.
 */
static void test_expensive_figures_first(void **state)
{
	fixture *f = *state;
	make_figs(f, 4, 4, 3);
	shmplot_axes *ax = shmplot_figure_axes(f->figs[2], 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, f->x, f->y[0], NULL, NULL), 0);
	assert_int_equal(shmplot_axes_plot(ax, f->x, f->y[1], NULL, NULL), 0);
	order_log log = {{0}, 0};
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 1;
	o.on_result = log_order;
	o.userdata = &log;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 4, &o, &f->res),
			 SHMPLOT_OK);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.seen[0], 2);
	assert_int_equal(log.seen[1], 0);
	assert_int_equal(log.seen[2], 1);
	assert_int_equal(log.seen[3], 3);
}

/* Figure i's bytes in format fmt, which must be there. */
static const unsigned char *output(const shmplot_results *res, size_t i,
				   shmplot_format fmt, size_t *len)
{
	const unsigned char *p = shmplot_results_output(res, i, fmt, len);
	assert_non_null(p);
	assert_true(*len > 100);
	return p;
}

/*
 * PDF and SVG beside the PNG, and alone: whole documents, the same bytes
 * whatever -j and whatever else was asked for; a crash costs its figure's
 * files only; formats the library does not know are refused.
 */
static void test_vector_formats(void **state)
{
	fixture *f = *state;
	shmplot_render_opts o;
	size_t len, len2;

	make_figs(f, 3, 4, 3);
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.formats = SHMPLOT_FORMATS_ALL;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 3, &o, &f->ref),
			 SHMPLOT_OK);
	for (size_t i = 0; i < 3; i++) {
		const unsigned char *p =
		    output(f->ref, i, SHMPLOT_FORMAT_PDF, &len);
		assert_memory_equal(p, "%PDF-1.", 7);
		assert_memory_equal(p + len - 6, "%%EOF\n", 6);
		assert_null(memmem(p, len, "CreationDate", 12));
		p = output(f->ref, i, SHMPLOT_FORMAT_SVG, &len);
		assert_memory_equal(p, "<?xml", 5);
		assert_memory_equal(p + len - 7, "</svg>\n", 7);
		assert_non_null(memmem(p, len, "width=\"288pt\"", 13));
		output(f->ref, i, SHMPLOT_FORMAT_PNG, &len);
		assert_ptr_equal(shmplot_results_png(f->ref, i, &len2),
				 shmplot_results_output(
				     f->ref, i, SHMPLOT_FORMAT_PNG, &len));
	}
	o.jobs = 1;
	o.formats = SHMPLOT_FORMAT_PDF | SHMPLOT_FORMAT_SVG;
	setenv("SHMPLOT_TEST_FAULT", "f1:segv", 1);
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 3, &o, &f->res),
			 SHMPLOT_E_FIGURES);
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_int_equal(shmplot_results_status(f->res, 1),
			 SHMPLOT_FIG_CRASHED);
	assert_null(
	    shmplot_results_output(f->res, 1, SHMPLOT_FORMAT_PDF, &len));
	assert_int_equal(len, 0);
	for (size_t i = 0; i < 3; i += 2) {
		assert_null(shmplot_results_png(f->res, i, &len));
		for (unsigned fmt = SHMPLOT_FORMAT_PDF;
		     fmt <= SHMPLOT_FORMAT_SVG; fmt *= 2) {
			const unsigned char *a = output(f->ref, i, fmt, &len);
			const unsigned char *b = output(f->res, i, fmt, &len2);
			assert_int_equal(len, len2);
			assert_memory_equal(a, b, len);
		}
	}
	shmplot_results_free(f->res);
	f->res = NULL;
	o.formats = 8;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 1, &o, &f->res),
			 SHMPLOT_E_INVALID);
	assert_non_null(
	    strstr(shmplot_renderer_errmsg(f->r), "formats 0x8 is not"));
	o.formats = SHMPLOT_FORMAT_PDF;
	o.want_pixels = 1;
	assert_int_equal(shmplot_render(f->r, f->d, f->figs, 1, &o, &f->res),
			 SHMPLOT_E_INVALID);
	assert_null(f->res);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_batch_more_figures_than_workers),
	    T(test_deterministic_across_jobs),
	    T(test_shared_figure_is_the_same_png),
	    T(test_split_figure_is_the_same_png),
	    T(test_big_shared_figure_is_not_joined),
	    T(test_crash_in_shared_figure),
	    T(test_error_in_shared_figure),
	    T(test_segv_costs_one_figure),
	    T(test_abort_costs_one_figure),
	    T(test_write_to_sealed_data_crashes),
	    T(test_early_exit_is_an_error),
	    T(test_truncated_answer_is_an_error),
	    T(test_hang_times_out),
	    T(test_large_outputs_do_not_deadlock),
	    T(test_bad_series_is_an_error),
	    T(test_callback_and_discard),
	    T(test_render_preconditions),
	    T(test_expensive_figures_first),
	    T(test_every_kind_forked_and_spawned),
	    T(test_image_forked_and_spawned),
	    T(test_vector_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
