/* SPDX-License-Identifier: MIT */
/*
 * The loader at batch scale, through the public API (shmplot/spec.h):
 * the memory a 100,000-figure spec takes to load does not grow with its
 * JSON tree. Asserted on bytes, never on seconds.
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
 * second description of each figure beside the built one. Measured 440
 * bytes a figure (1,250 before the figures were read one at a time and
 * built as read), which keeps `shmplot render` of this batch under 64 MB.
 */
static void test_load_memory_per_figure(void **state)
{
	(void)state;
	const size_t n = 100000;
	double grew = load_growth(n);
	double per_fig = grew / (double)n;
	print_message("loading %zu figures: peak grew %.1f MiB, %.0f bytes "
		      "per figure\n",
		      n, grew / 1048576.0, per_fig);
	assert_true(per_fig < 600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_memory_per_figure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
