/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/files.c and src/spec/model.c: where a spec's relative
 * file names point, messages that name the file read, and the arena and
 * arrays that hold pass 1's description.
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
#include <unistd.h>

#include "spec/spec_model.h"

static char *path;
static sp_text text;
static uint32_t *arr;
static char tmp[] = "/tmp/shmplot-files-XXXXXX";

static int teardown(void **state)
{
	(void)state;
	if (strcmp(tmp + strlen(tmp) - 6, "XXXXXX") != 0)
		unlink(tmp);
	free(path);
	path = NULL;
	free(text.buf);
	memset(&text, 0, sizeof text);
	free(arr);
	arr = NULL;
	return 0;
}

static void test_spec_path(void **state)
{
	(void)state;
	assert_int_equal(sp_spec_path("specs", "d/x.csv", &path), SHMPLOT_OK);
	assert_string_equal(path, "specs/d/x.csv");
	free(path);
	assert_int_equal(sp_spec_path("specs", "/abs/x.csv", &path),
			 SHMPLOT_OK);
	assert_string_equal(path, "/abs/x.csv");
	free(path);
	assert_int_equal(sp_spec_path(".", "x.csv", &path), SHMPLOT_OK);
	assert_string_equal(path, "x.csv");
	free(path);
	assert_int_equal(sp_spec_path(NULL, "x.csv", &path), SHMPLOT_OK);
	assert_string_equal(path, "x.csv");
}

static void test_named_read(void **state)
{
	(void)state;
	char err[SP_ERRLEN];
	sp_file f;
	assert_int_equal(sp_named_file_read("/nonexistent/a.csv", 100,
					    "cannot open", &f, err, sizeof err),
			 SHMPLOT_E_NOT_FOUND);
	assert_string_equal(
	    err, "cannot open /nonexistent/a.csv: No such file or directory");
	assert_int_equal(sp_named_file_read("/nonexistent/s.json", 100,
					    "cannot read", &f, err, sizeof err),
			 SHMPLOT_E_NOT_FOUND);
	assert_string_equal(
	    err, "cannot read /nonexistent/s.json: No such file or directory");
	/* Other failures say "cannot read" and why. */
	assert_int_equal(
	    sp_named_file_read("/", 100, "cannot open", &f, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_string_equal(
	    err, "cannot read /: is a directory, not a regular file");
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "12345", 5), 5);
	close(fd);
	shmplot_status st =
	    sp_named_file_read(tmp, 4, "cannot open", &f, err, sizeof err);
	int limited = strstr(err, "cannot read ") == err;
	if (st == SHMPLOT_OK)
		sp_file_free(&f);
	assert_int_equal(
	    sp_named_file_read(tmp, 5, "cannot open", &f, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(f.len, 5);
	assert_memory_equal(f.data, "12345", 5);
	sp_file_free(&f);
	assert_int_equal(st, SHMPLOT_E_INVALID);
	assert_true(limited);
}

static void test_text_arena(void **state)
{
	(void)state;
	uint32_t a, b, c;
	char big[5000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(sp_text_add(&text, "title", &a), SHMPLOT_OK);
	assert_int_equal(sp_text_add(&text, big, &b), SHMPLOT_OK); /* grows */
	assert_int_equal(sp_text_add(&text, "", &c), SHMPLOT_OK);
	assert_string_equal(sp_text_get(&text, a), "title");
	assert_string_equal(sp_text_get(&text, b), big);
	assert_string_equal(sp_text_get(&text, c), "");
	assert_null(sp_text_get(&text, SP_NONE));
}

static void test_array_push(void **state)
{
	(void)state;
	size_t n = 0, cap = 0;
	for (uint32_t i = 0; i < 1000; i++) {
		uint32_t *e = sp_array_push(&arr, &n, &cap, sizeof *arr);
		assert_non_null(e);
		assert_int_equal(*e, 0); /* zeroed */
		*e = i;
	}
	assert_int_equal(n, 1000);
	assert_true(cap >= n);
	for (uint32_t i = 0; i < 1000; i++)
		assert_int_equal(arr[i], i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_spec_path, teardown),
	    cmocka_unit_test_teardown(test_named_read, teardown),
	    cmocka_unit_test_teardown(test_text_arena, teardown),
	    cmocka_unit_test_teardown(test_array_push, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
