/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/parfill.c: an elementwise computation split across
 * forked helpers. A helper that stops (SIGSTOP) is killed and its slice
 * computed by the parent, so the values are whole and nothing waits for
 * ever; a helper that never finishes is killed and reaped once the
 * caller's cancel flag is set, by a signal at several instants. No
 * helper is left either way.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "spec/spec_compute.h"
#include "testutil.h"

#define N ((size_t)1 << 18)

/* What a helper does on its slice: compute it, stop first, or hang. */
enum { COMPUTE, STOP, HANG };

typedef struct ctx {
	double *v; /* shared with the helpers */
	pid_t parent;
	int helper_does;
} ctx;

static void fill(void *p, size_t lo, size_t hi)
{
	ctx *c = p;
	if (getpid() != c->parent && c->helper_does == STOP)
		raise(SIGSTOP);
	while (getpid() != c->parent && c->helper_does == HANG)
		pause();
	for (size_t i = lo; i < hi; i++)
		c->v[i] = 2.0 * (double)i + 1;
}

static double *shared(void)
{
	double *v = mmap(NULL, N * sizeof *v, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(v != MAP_FAILED);
	return v;
}

static int have_helpers(void)
{
	if (sp_cpu_count() >= 2)
		return 1;
	print_message("one CPU: no helpers to test\n");
	return 0;
}

static void test_all_helpers_compute(void **state)
{
	(void)state;
	ctx c = {shared(), getpid(), COMPUTE};
	assert_int_equal(sp_parallel_fill(N, fill, &c, NULL), SHMPLOT_OK);
	for (size_t i = 0; i < N; i++)
		assert_true(c.v[i] == 2.0 * (double)i + 1);
	assert_int_equal(tu_children(), 0);
	munmap(c.v, N * sizeof *c.v);
}

/* Stopped helpers: the call returns, every value computed (on main it
 * waited in waitpid() for ever). */
static void test_stopped_helper_is_replaced(void **state)
{
	(void)state;
	if (!have_helpers())
		return;
	for (int round = 0; round < 3; round++) {
		ctx c = {shared(), getpid(), STOP};
		assert_int_equal(sp_parallel_fill(N, fill, &c, NULL),
				 SHMPLOT_OK);
		for (size_t i = 0; i < N; i++)
			assert_true(c.v[i] == 2.0 * (double)i + 1);
		assert_int_equal(tu_children(), 0);
		munmap(c.v, N * sizeof *c.v);
	}
}

static volatile int cancel_flag;

static void on_alarm(int sig)
{
	(void)sig;
	cancel_flag = 1;
}

/* Hung helpers, the cancel flag set by a signal before the call and 1 to
 * 161 ms into it: SHMPLOT_E_INTERRUPTED, every helper killed and reaped. */
static void test_cancel_kills_hung_helpers(void **state)
{
	(void)state;
	if (!have_helpers())
		return;
	struct sigaction sa = {.sa_handler = on_alarm}, old;
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	for (int i = 0; i < 6; i++) {
		ctx c = {shared(), getpid(), HANG};
		struct itimerval t = {.it_value = {0, 1000 + 32000 * i}};
		cancel_flag = i == 0;
		assert_int_equal(setitimer(ITIMER_REAL, &t, NULL), 0);
		assert_int_equal(sp_parallel_fill(N, fill, &c, &cancel_flag),
				 SHMPLOT_E_INTERRUPTED);
		assert_int_equal(tu_children(), 0);
		munmap(c.v, N * sizeof *c.v);
	}
	sigaction(SIGALRM, &old, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_all_helpers_compute),
	    cmocka_unit_test(test_stopped_helper_is_replaced),
	    cmocka_unit_test(test_cancel_kills_hung_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
