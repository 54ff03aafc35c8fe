/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/tool/render_args.c: `shmplot render`'s options, their
 * defaults, their ranges, and what is a usage error.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tool.h"

#include <stdio.h>
#include <string.h>

/* Parses the NULL-terminated words after "render". */
static int parse(render_args *a, ...)
{
	char *argv[32] = {"render"};
	int argc = 1;
	va_list ap;

	va_start(ap, a);
	for (char *w; (w = va_arg(ap, char *)) != NULL && argc < 31;)
		argv[argc++] = w;
	va_end(ap);
	return cli_render_args(argc, argv, a);
}

static void test_defaults(void **state)
{
	render_args a;

	(void)state;
	assert_int_equal(parse(&a, NULL), -1);
	assert_string_equal(a.out, ".");
	assert_null(a.report);
	assert_null(a.spec_path);
	assert_int_equal(a.jobs, 0);
	assert_int_equal(a.points, 1000);
	assert_float_equal(a.timeout, 300, 0);
	assert_int_equal(a.shard_k, 1);
	assert_int_equal(a.shard_n, 1);
	assert_false(a.quiet);
	assert_false(a.want_progress);
}

static void test_every_option(void **state)
{
	render_args a;

	(void)state;
	assert_int_equal(parse(&a, "-o", "out/x", "-j", "4", "--timeout=2.5",
			       "--format", "png", "--shard", "2/3", "--report",
			       "r.json", "--progress", "-q", "spec.json", NULL),
			 -1);
	assert_string_equal(a.out, "out/x");
	assert_int_equal(a.jobs, 4);
	assert_float_equal(a.timeout, 2.5, 0);
	assert_int_equal(a.shard_k, 2);
	assert_int_equal(a.shard_n, 3);
	assert_string_equal(a.report, "r.json");
	assert_string_equal(a.spec_path, "spec.json");
	assert_true(a.quiet);
	assert_true(a.want_progress);
	assert_int_equal(a.formats, SHMPLOT_FORMAT_PNG);
	/* several formats, any order, repeated */
	assert_int_equal(parse(&a, "--format", "svg,pdf", NULL), -1);
	assert_int_equal(a.formats, SHMPLOT_FORMAT_PDF | SHMPLOT_FORMAT_SVG);
	assert_int_equal(parse(&a, "--format=png,pdf,svg,png", NULL), -1);
	assert_int_equal(a.formats, SHMPLOT_FORMATS_ALL);
	/* Options after the spec, long forms, and the seed batch's -n. */
	assert_int_equal(
	    parse(&a, "--points", "2", "--jobs", "1024", "--out", "d", NULL),
	    -1);
	assert_int_equal(a.points, 2);
	assert_int_equal(a.jobs, 1024);
	assert_int_equal(parse(&a, "-n", "1000000000", "--timeout", "0", NULL),
			 -1);
	assert_int_equal(a.points, 1000000000);
	assert_float_equal(a.timeout, 0, 0);
	assert_int_equal(parse(&a, "--help", NULL), 0);
	/* -j 0 is all CPUs, as the API's jobs = 0 */
	assert_int_equal(parse(&a, "-j", "0", NULL), -1);
	assert_int_equal(a.jobs, 0);
}

static void test_usage_errors(void **state)
{
	render_args a;
	static const char *const bad[][3] = {
	    {"-j", "-1"},         {"-j", "1025"},
	    {"-j", "2x"},         {"-n", "1"},
	    {"-n", "1000000001"}, {"--timeout", "-1"},
	    {"--timeout", "inf"}, {"--timeout", "nan"},
	    {"--format", "jpg"},  {"--format", ""},
	    {"--format", "png,"}, {"--format", ",pdf"},
	    {"--format", "PDF"},  {"--format", "pdfx"},
	    {"--shard", "0/3"},   {"--shard", "4/3"},
	    {"--shard", "3"},     {"--shard", "1/0"},
	    {"--bogus"},          {"-o"},
	    {"a.json", "b.json"}, {"-n", "5", "a.json"},
	    {"--progress=yes"},   {"-o", ""},
	    {"--out="},           {"--report", ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = parse(&a, (char *)bad[i][0], (char *)bad[i][1],
			       (char *)bad[i][2], NULL);
		if (rc != CLI_USAGE)
			fail_msg("render %s %s %s: %d, not 64", bad[i][0],
				 bad[i][1] ? bad[i][1] : "",
				 bad[i][2] ? bad[i][2] : "", rc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_every_option),
	    cmocka_unit_test(test_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
