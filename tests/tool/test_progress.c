/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/tool/progress.c: the progress line's text in each mode, how
 * often it is shown, and clearing a terminal line. Output goes to a
 * temporary file; no assertion depends on how long anything takes.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tool.h"

#include <stdlib.h>
#include <string.h>

static FILE *out;

static int setup(void **state)
{
	(void)state;
	out = tmpfile();
	return out ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (out)
		fclose(out);
	out = NULL;
	return 0;
}

/* Everything written to out so far (static buffer). */
static const char *written(void)
{
	static char buf[1024];
	size_t n;

	fflush(out);
	rewind(out);
	n = fread(buf, 1, sizeof buf - 1, out);
	buf[n] = '\0';
	return buf;
}

static cli_progress started(enum cli_progress_mode mode, size_t total)
{
	cli_progress p;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	cli_progress_start(&p, out, mode, total, &t0);
	return p;
}

/* Plain lines: one per call at most once a second; the last always. */
static void test_lines(void **state)
{
	cli_progress p = started(CLI_PROGRESS_LINES, 4);

	(void)state;
	p.done = 1;
	p.failed = 1;
	cli_progress_show(&p, 0);
	const char *s = written();
	assert_non_null(strstr(s, "shmplot render: 1/4 figures, 1 failed, "));
	assert_non_null(strstr(s, " s elapsed, ~"));
	assert_non_null(strstr(s, " s left\n"));
	/* As if a line was just shown: the next is held back... */
	p.last = 1e9;
	p.done = 2;
	cli_progress_show(&p, 0);
	assert_null(strstr(written(), "2/4"));
	/* ...but not the final one, which has no estimate left. */
	p.done = 4;
	cli_progress_show(&p, 1);
	s = strstr(written(), "shmplot render: 4/4 figures, 1 failed, ");
	assert_non_null(s);
	assert_null(strstr(s, "left"));
	assert_null(strchr(written(), '\r'));
	assert_false(p.drawn);
}

/* A terminal: one line redrawn in place, ended by the final one. */
static void test_terminal(void **state)
{
	cli_progress p = started(CLI_PROGRESS_TERMINAL, 3);

	(void)state;
	cli_progress_show(&p, 0);
	assert_true(p.drawn);
	const char *pfx = "\r\033[K0/3 figures, 0 failed, ";
	assert_int_equal(strncmp(written(), pfx, strlen(pfx)), 0);
	assert_null(strchr(written(), '\n'));
	/* A message takes the line's place: cleared once, not twice. */
	cli_progress_clear(&p);
	cli_progress_clear(&p);
	assert_false(p.drawn);
	size_t len = strlen(written());
	assert_string_equal(written() + len - 4, "\r\033[K");
	assert_string_not_equal(written() + len - 8, "\r\033[K\r\033[K");
	p.done = 3;
	cli_progress_show(&p, 1);
	const char *s = written();
	assert_non_null(strstr(s, "\r\033[K3/3 figures, 0 failed, "));
	assert_int_equal(s[strlen(s) - 1], '\n');
	assert_false(p.drawn);
}

/* Off (-q, or a pipe without --progress): nothing, ever. */
static void test_off(void **state)
{
	cli_progress p = started(CLI_PROGRESS_OFF, 2);

	(void)state;
	p.done = 2;
	cli_progress_show(&p, 0);
	cli_progress_show(&p, 1);
	cli_progress_clear(&p);
	assert_string_equal(written(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_terminal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_off, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
