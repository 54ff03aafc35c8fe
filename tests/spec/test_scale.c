/* SPDX-License-Identifier: MIT */
/*
 * The loader at batch scale, through the public API (shmplot/spec.h):
 * the memory a 100,000-figure spec takes to load does not grow with its
 * JSON tree, and a shard computes and reads only the series its figures
 * use. Asserted on bytes and counts, never on seconds.
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
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmplot/spec.h"

#ifndef SPEC_DATA_DIR
#error "SPEC_DATA_DIR must name tests/data/spec"
#endif

/* Peak resident memory of this process, in KiB. */
static long max_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * The batch of ../shared/peers/batch_spec.py: one 1,000-point damped sine
 * from six generated series, n 4 x 3 in figures with a title and a
 * labelled line each. malloc'd, *len bytes.
 */
static char *batch_json(size_t n, size_t *len)
{
	const size_t cap = n * 96 + 512;
	char *json = malloc(cap);
	assert_non_null(json);
	size_t off = (size_t)snprintf(
	    json, cap,
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": [1000]}, "
	    "\"a\": {\"div\": [\"x\", 50]}, \"s\": {\"sin\": \"a\"}, "
	    "\"b\": {\"div\": [\"x\", -700]}, \"e\": {\"exp\": \"b\"}, "
	    "\"y\": {\"mul\": [\"s\", \"e\"]}}, \"defaults\": {\"size\": "
	    "[4, 3], \"dpi\": 100, \"legend\": \"best\"}, \"figures\": [");
	for (size_t i = 0; i < n; i++)
		off += (size_t)snprintf(
		    json + off, cap - off,
		    "%s{\"name\": \"fig%04zu\", \"title\": \"fig%04zu\", "
		    "\"lines\": [{\"x\": \"x\", \"y\": \"y\", \"label\": "
		    "\"y\"}]}",
		    i ? ", " : "", i, i);
	off += (size_t)snprintf(json + off, cap - off, "]}");
	*len = off;
	return json;
}

/*
 * In a child (a fresh peak): the peak resident memory, in bytes, that
 * loading n figures adds to what the process held with the text.
 */
static double load_growth(size_t n)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t len;
		char *json = batch_json(n, &len);
		long before = max_rss_kib();
		shmplot_spec *s = NULL;
		long grew = -1;
		if (shmplot_spec_load_buffer(&s, json, len, NULL) ==
			SHMPLOT_OK &&
		    shmplot_spec_count(s) == n)
			grew = max_rss_kib() - before;
		ssize_t w = write(fds[1], &grew, sizeof grew);
		_exit(w == (ssize_t)sizeof grew ? 0 : 1);
	}
	close(fds[1]);
	long grew = -1;
	assert_int_equal(read(fds[0], &grew, sizeof grew), sizeof grew);
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_true(grew >= 0);
	return (double)grew * 1024.0;
}

/*
 * 100,000 figures load in memory that grows by the built figures alone:
 * no tree of the whole spec (about 1,100 bytes a figure here) and no
 * second description of each figure beside the built one. Measured 466
 * bytes a figure (593 before the axes' rarely set options went behind
 * one pointer; 1,250 before the figures were read one at a time and
 * built as read), part of what keeps `shmplot render` of this batch
 * under 64 MB (test_render_spec_memory bounds the whole run's).
 */
static void test_load_memory_per_figure(void **state)
{
	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	/* AddressSanitizer's redzones and quarantine multiply every
	 * allocation (2,266 bytes a figure measured), so the bound speaks of
	 * the ordinary build only */
	skip();
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	skip();
#endif
#endif
	const size_t n = 100000;
	double grew = load_growth(n);
	double per_fig = grew / (double)n;
	print_message("loading %zu figures: peak grew %.1f MiB, %.0f bytes "
		      "per figure\n",
		      n, grew / 1048576.0, per_fig);
	assert_true(per_fig < 500);
}

/* ---- shards ---- */

#define NSHARD  8
#define NFIG    200
#define NGROUP  8       /* figure i plots y(i mod 8): one group a shard */
#define NPOINTS 1000000 /* each generated series */
#define NSERIES (1 + 2 * NGROUP + 4)

/*
 * x; a_j = x * (j + 1) and y_j = sin(a_j) for 8 groups; p = y_0 * y_1
 * (plotted by shard 1's figures too, so shard 1 needs group 1's series);
 * an .npy array plotted by figure 0 (shard 1), a CSV column plotted by
 * figure 1 (shard 2), and a series nobody plots.
 */
static char *shard_json(size_t *len)
{
	const size_t cap = 64 * 1024;
	char *json = malloc(cap);
	assert_non_null(json);
	size_t off = (size_t)snprintf(
	    json, cap,
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 10, "
	    "%d]}",
	    NPOINTS);
	for (int j = 0; j < NGROUP; j++)
		off += (size_t)snprintf(
		    json + off, cap - off,
		    ", \"a%d\": {\"mul\": [\"x\", %d]}, \"y%d\": {\"sin\": "
		    "\"a%d\"}",
		    j, j + 1, j, j);
	off += (size_t)snprintf(
	    json + off, cap - off,
	    ", \"p\": {\"*\": [\"y0\", \"y1\"]}, \"f\": {\"npy\": \"f4.npy\"}, "
	    "\"c\": {\"csv\": \"small.csv\", \"column\": \"time\"}, "
	    "\"unused\": {\"cos\": \"x\"}}, \"defaults\": {\"size\": [1.6, "
	    "1.2], \"dpi\": 50}, \"figures\": [");
	for (int i = 0; i < NFIG; i++) {
		off += (size_t)snprintf(json + off, cap - off,
					"%s{\"name\": \"f%03d\", \"lines\": "
					"[{\"x\": \"x\", \"y\": \"y%d\"}",
					i ? ", " : "", i, i % NGROUP);
		if (i % NSHARD == 0)
			off +=
			    (size_t)snprintf(json + off, cap - off,
					     ", {\"x\": \"x\", \"y\": \"p\"}");
		if (i < 2)
			off += (size_t)snprintf(json + off, cap - off,
						", {\"y\": \"%s\"}",
						i ? "c" : "f");
		off += (size_t)snprintf(json + off, cap - off, "]}");
	}
	off += (size_t)snprintf(json + off, cap - off, "]}");
	assert_true(off < cap);
	*len = off;
	return json;
}

/* The figures of spec (NULL for other shards'), rendered at -j2. */
static shmplot_results *render_spec(shmplot_renderer *r, shmplot_spec *spec,
				    shmplot_figure **figs, size_t *index,
				    size_t *n)
{
	shmplot_figure *const *all = shmplot_spec_figures(spec);
	*n = 0;
	for (size_t i = 0; i < shmplot_spec_count(spec); i++)
		if (all[i]) {
			index[*n] = i;
			figs[(*n)++] = all[i];
		}
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	shmplot_results *res = NULL;
	assert_int_equal(
	    shmplot_render(r, shmplot_spec_data(spec), figs, *n, &o, &res),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_results_failed(res), 0);
	return res;
}

static shmplot_spec *load_shard(const char *json, size_t len, unsigned k,
				unsigned n)
{
	shmplot_spec *s = NULL;
	shmplot_status st =
	    shmplot_spec_load_buffer_shard(&s, json, len, SPEC_DATA_DIR, k, n);
	if (st)
		fail_msg("shard %u/%u: %s", k, n, shmplot_spec_errmsg(s));
	return s;
}

/*
 * 8 shards of 200 figures over 1,000,000-point series: each computes and
 * reads only the series its figures use, with what they are computed
 * from (shard k: x, a(k-1), y(k-1); shard 1 also p and group 1 for p, and
 * the .npy file; shard 2 the CSV column), every other series is in its
 * segment with no points, and each figure's PNG is byte for byte the one
 * of the whole load.
 */
static void test_shards_fill_what_they_use(void **state)
{
	(void)state;
	size_t len, whole_n, points;
	char *json = shard_json(&len);
	char err[256];
	shmplot_renderer *r = NULL;
	assert_int_equal(shmplot_renderer_new(&r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	shmplot_figure **figs = calloc(NFIG, sizeof *figs);
	size_t *index = calloc(NFIG, sizeof *index);
	assert_true(figs && index);

	shmplot_spec *whole = load_shard(json, len, 1, 1);
	assert_int_equal(shmplot_spec_series_filled(whole, &points), NSERIES);
	assert_int_equal(points, (size_t)(2 * NGROUP + 3) * NPOINTS + 4 + 4);
	shmplot_results *all = render_spec(r, whole, figs, index, &whole_n);
	assert_int_equal(whole_n, NFIG);

	size_t seen = 0, filled_sum = 0;
	for (unsigned k = 1; k <= NSHARD; k++) {
		shmplot_spec *s = load_shard(json, len, k, NSHARD);
		size_t filled = shmplot_spec_series_filled(s, &points);
		/* x, a, y of its group; shard 1: p, a1, y1 and f; 2: c. */
		size_t want = k == 1 ? 3 + 3 + 1 : k == 2 ? 3 + 1 : 3;
		size_t want_points =
		    3 * (size_t)NPOINTS + (k == 1   ? 3 * (size_t)NPOINTS + 4
					   : k == 2 ? 4
						    : 0);
		print_message("shard %u/%d: %zu of %d series filled, %zu "
			      "points\n",
			      k, NSHARD, filled, NSERIES, points);
		assert_int_equal(filled, want);
		assert_int_equal(points, want_points);
		filled_sum += filled;
		/* Every series keeps its name and id; unused ones are empty. */
		shmplot_series id;
		size_t n = 1;
		assert_int_equal(
		    shmplot_data_find(shmplot_spec_data(s), "unused", &id),
		    SHMPLOT_OK);
		(void)shmplot_data_values(shmplot_spec_data(s), id, &n);
		assert_int_equal(n, 0);
		size_t sn;
		shmplot_results *res = render_spec(r, s, figs, index, &sn);
		assert_int_equal(sn, NFIG / NSHARD);
		for (size_t i = 0; i < sn; i++) {
			size_t la, lb;
			const unsigned char *a =
			    shmplot_results_png(all, index[i], &la);
			const unsigned char *b =
			    shmplot_results_png(res, i, &lb);
			assert_int_equal(index[i] % NSHARD, k - 1);
			assert_non_null(a);
			assert_non_null(b);
			assert_int_equal(la, lb);
			assert_memory_equal(a, b, la);
		}
		seen += sn;
		shmplot_results_free(res);
		shmplot_spec_free(s);
	}
	assert_int_equal(seen, NFIG);
	print_message("8 shards filled %zu series in all; one whole load "
		      "%d\n",
		      filled_sum, NSERIES);
	shmplot_results_free(all);
	shmplot_spec_free(whole);
	shmplot_renderer_free(r);
	free(figs);
	free(index);
	free(json);
}

/*
 * The whole spec is checked whatever the shard: a problem in a series or
 * figure no figure of shard 2 uses fails shard 2's load with the same
 * list as a whole load; and a shard that is not one is refused.
 */
static void test_shard_checks_whole_spec(void **state)
{
	(void)state;
	const char *json =
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, 5]}, "
	    "\"bad\": {\"npy\": \"missing.npy\"}}, \"figures\": ["
	    "{\"name\": \"a\", \"lines\": [{\"y\": \"x\"}]}, "
	    "{\"name\": \"b\", \"lines\": [{\"y\": \"nope\"}]}]}";
	shmplot_spec *whole = NULL, *s = NULL;
	assert_int_equal(
	    shmplot_spec_load_buffer(&whole, json, strlen(json), SPEC_DATA_DIR),
	    SHMPLOT_E_INVALID);
	/* Shard 1 of 2 holds only figure "a", which uses only x. */
	assert_int_equal(shmplot_spec_load_buffer_shard(&s, json, strlen(json),
							SPEC_DATA_DIR, 1, 2),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_spec_error_count(s),
			 shmplot_spec_error_count(whole));
	assert_int_equal(shmplot_spec_error_count(s), 2);
	for (size_t i = 0; i < shmplot_spec_error_count(s); i++)
		assert_string_equal(shmplot_spec_error(s, i),
				    shmplot_spec_error(whole, i));
	assert_int_equal(shmplot_spec_count(s), 0);
	assert_int_equal(shmplot_spec_series_filled(s, NULL), 0);
	shmplot_spec_free(s);
	shmplot_spec_free(whole);
	/* What only the figure API refuses, in another shard's figure. */
	const char *big =
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 1, 5]}}, "
	    "\"figures\": [{\"name\": \"a\", \"lines\": [{\"y\": \"x\"}]}, "
	    "{\"name\": \"b\", \"size\": [1000, 1000]}]}";
	assert_int_equal(
	    shmplot_spec_load_buffer_shard(&s, big, strlen(big), NULL, 1, 2),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_spec_errmsg(s),
			       "figures[1]: figure \"b\": 1000 x 1000 in"));
	shmplot_spec_free(s);
	assert_int_equal(
	    shmplot_spec_load_buffer_shard(&s, json, strlen(json), NULL, 3, 2),
	    SHMPLOT_E_INVALID);
	assert_string_equal(shmplot_spec_errmsg(s),
			    "shard 3 of 2: a shard is K of N with 1 <= K <= N");
	shmplot_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_memory_per_figure),
	    cmocka_unit_test(test_shards_fill_what_they_use),
	    cmocka_unit_test(test_shard_checks_whole_spec),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
