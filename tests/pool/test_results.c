/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/pool/results.c: the results of a batch as the public
 * accessors report them, built by hand (sp_results_new) as the event loop
 * fills them in, including NULL and out-of-range calls.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "figure/figure.h"
#include "pool/parent.h"

typedef struct fixture {
	shmplot_figure *figs[3];
	const spr_figure *specs[3];
	sp_batch b;
	shmplot_results *res;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	*state = f;
	static const char *const names[] = {"one", "two", "\xc3\xa9t\xc3\xa9"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(shmplot_figure_new(&f->figs[i], names[i], 4, 3,
						    100, NULL, 0),
				 SHMPLOT_OK);
		f->specs[i] = sp_figure_spec(f->figs[i]);
	}
	f->b.figs = f->specs;
	f->b.nfig = 3;
	f->res = sp_results_new(&f->b);
	assert_non_null(f->res);
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	shmplot_results_free(f->res);
	for (int i = 0; i < 3; i++)
		shmplot_figure_free(f->figs[i]);
	free(f);
	return 0;
}

static void test_fresh_results(void **state)
{
	fixture *f = *state;
	assert_int_equal(shmplot_results_count(f->res), 3);
	assert_int_equal(shmplot_results_failed(f->res), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(shmplot_results_status(f->res, i),
				 SHMPLOT_FIG_NOT_RUN);
		assert_string_equal(shmplot_results_message(f->res, i), "");
		assert_null(shmplot_results_png(f->res, i, NULL));
	}
	assert_string_equal(shmplot_results_name(f->res, 2),
			    "\xc3\xa9t\xc3\xa9");
}

static void test_outputs_and_close(void **state)
{
	fixture *f = *state;
	sp_result *r = &f->res->r[1];
	r->status = SHMPLOT_FIG_OK;
	r->png = malloc(8);
	r->png_len = 8;
	r->pix = calloc(4 * 3, 4);
	r->width = 4;
	r->height = 3;
	r->seconds = 0.25;
	assert_non_null(r->png);
	assert_non_null(r->pix);
	size_t len = 0, stride = 0;
	int w = 0, h = 0;
	assert_ptr_equal(shmplot_results_png(f->res, 1, &len), r->png);
	assert_int_equal(len, 8);
	assert_ptr_equal(shmplot_results_pixels(f->res, 1, &w, &h, &stride),
			 r->pix);
	assert_int_equal(w, 4);
	assert_int_equal(h, 3);
	assert_int_equal(stride, 16);
	assert_true(shmplot_results_seconds(f->res, 1) == 0.25);
	sp_result_drop_outputs(f->res, r);
	assert_null(shmplot_results_png(f->res, 1, &len));
	assert_int_equal(len, 0);
	assert_null(shmplot_results_pixels(f->res, 1, &w, &h, &stride));
	assert_int_equal(w, 0);
	assert_int_equal(stride, 0);

	f->res->r[2].status = SHMPLOT_FIG_ERROR;
	f->res->failed = 1;
	sp_result_set_message(&f->res->r[2], "first");
	sp_result_set_message(&f->res->r[2], "it broke");
	assert_string_equal(shmplot_results_message(f->res, 2), "it broke");
	/* figure 0 never ran: closing the batch counts and says so */
	sp_results_close(f->res, 0);
	assert_int_equal(shmplot_results_failed(f->res), 2);
	assert_int_equal(shmplot_results_status(f->res, 0),
			 SHMPLOT_FIG_NOT_RUN);
	assert_non_null(strstr(shmplot_results_message(f->res, 0),
			       "stopped before this figure finished"));
	assert_string_equal(shmplot_results_message(f->res, 2), "it broke");
}

static void test_batch_failed_close(void **state)
{
	fixture *f = *state;
	sp_results_close(f->res, 1);
	assert_int_equal(shmplot_results_failed(f->res), 3);
	assert_non_null(strstr(shmplot_results_message(f->res, 1),
			       "failed before this figure ran"));
}

/* NULL results and indexes out of range answer like an empty batch. */
static void test_null_and_out_of_range(void **state)
{
	fixture *f = *state;
	size_t len = 1, stride = 1;
	int w = 1, h = 1;
	assert_int_equal(shmplot_results_count(NULL), 0);
	assert_int_equal(shmplot_results_failed(NULL), 0);
	assert_int_equal(shmplot_results_status(NULL, 0), SHMPLOT_FIG_NOT_RUN);
	assert_int_equal(shmplot_results_status(f->res, 3),
			 SHMPLOT_FIG_NOT_RUN);
	assert_null(shmplot_results_name(f->res, 3));
	assert_string_equal(shmplot_results_message(f->res, 3), "");
	assert_int_equal(shmplot_results_signal(f->res, 3), 0);
	assert_true(shmplot_results_seconds(NULL, 0) == 0);
	assert_null(shmplot_results_png(f->res, 99, &len));
	assert_int_equal(len, 0);
	assert_null(shmplot_results_pixels(NULL, 0, &w, &h, &stride));
	assert_int_equal(w, 0);
	assert_int_equal(h, 0);
	assert_int_equal(stride, 0);
	assert_null(shmplot_results_pixels(f->res, 0, NULL, NULL, NULL));
	shmplot_results_free(NULL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_fresh_results),
	    T(test_outputs_and_close),
	    T(test_batch_failed_close),
	    T(test_null_and_out_of_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
