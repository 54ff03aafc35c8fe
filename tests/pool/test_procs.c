/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/pool/procs.c and the loop's limits under hostile process
 * conditions: no pidfd_open (old kernels, valgrind; made here with a
 * seccomp filter), few file descriptors, timeouts at the edges of the
 * clock, and a job stopped for longer than its timeout. Each case runs in
 * a forked child when it changes the process (seccomp, rlimits), and
 * asserts on what the batch reports, never on seconds.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmplot.h"
#include "testhooks/testhooks.h"
#include "testutil.h"

/* A batch: renderer, seed segment and n figures f0..f(n-1). */
typedef struct batch {
	shmplot_renderer *r;
	shmplot_data *d;
	shmplot_series x, y[3];
	shmplot_figure **figs;
	int n;
	shmplot_results *res;
} batch;

static void batch_new(batch *b, int n)
{
	char err[256];
	memset(b, 0, sizeof *b);
	assert_int_equal(shmplot_renderer_new(&b->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(tu_seed_segment(&b->d, 1000, &b->x, b->y), SHMPLOT_OK);
	b->figs = calloc((size_t)n, sizeof *b->figs);
	assert_non_null(b->figs);
	b->n = n;
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(
		    shmplot_figure_new(&b->figs[i], name, 4, 3, 100, NULL, 0),
		    SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(b->figs[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, b->x, b->y[i % 3], "s", NULL),
		    SHMPLOT_OK);
	}
}

static void batch_free(batch *b)
{
	for (int i = 0; i < b->n; i++)
		shmplot_figure_free(b->figs[i]);
	free(b->figs);
	shmplot_results_free(b->res);
	shmplot_data_free(b->d);
	shmplot_renderer_free(b->r);
	memset(b, 0, sizeof *b);
}

static shmplot_status batch_run(batch *b, shmplot_render_opts *o)
{
	shmplot_results_free(b->res);
	b->res = NULL;
	return shmplot_render(b->r, b->d, b->figs, (size_t)b->n, o, &b->res);
}

/* Sets SHMPLOT_TEST_FAULT to kind for every figure of n. */
static void fault_all(int n, const char *kind)
{
	char spec[4096] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(spec + len, sizeof spec - len,
					"%sf%d:%s", i ? "," : "", i, kind);
	setenv("SHMPLOT_TEST_FAULT", spec, 1);
}

/* Runs fn in a child; asserts that it exited 0 and left nothing behind. */
static void in_child(int (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fn());
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("child failed: status 0x%x", st);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
}

/* ---- no pidfd_open ---- */

/* pidfd_open fails with ENOSYS from now on, as on kernels before 5.3. */
static int deny_pidfd_open(void)
{
#ifdef __NR_pidfd_open
	struct sock_filter f[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		     offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_pidfd_open, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof f / sizeof f[0], f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
		return -1;
#endif
	return (int)syscall(SYS_pidfd_open, getpid(), 0) < 0 && errno == ENOSYS
		   ? 0
		   : -1;
}

/*
 * Every worker closes its socket, takes a moment to exit (as under
 * valgrind or with a large address space to tear down) and exits with
 * status 3. Without pidfds the parent must still give each one its exit
 * grace and report the status it exited with, never a SIGKILL of its own
 * (it killed them at once: "crashed with signal 9").
 */
static int exit_status_without_pidfd(void)
{
	if (deny_pidfd_open() != 0)
		return 10;
	const int n = 16;
	batch b;
	batch_new(&b, n);
	fault_all(n, "linger");
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 8;
	int bad = 0;
	if (batch_run(&b, &o) != SHMPLOT_E_FIGURES)
		bad++;
	for (int i = 0; i < n; i++) {
		const char *m = shmplot_results_message(b.res, (size_t)i);
		if (!strstr(m, "exited with status 3")) {
			fprintf(stderr, "f%d: %s\n", i, m);
			bad++;
		}
	}
	batch_free(&b);
	return bad ? 1 : 0;
}

static void test_grace_without_pidfd(void **state)
{
	(void)state;
	in_child(exit_status_without_pidfd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grace_without_pidfd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
