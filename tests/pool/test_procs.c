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
#include <math.h>
#include <pthread.h>
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

/* ---- few descriptors ---- */

/* What on_result could not open, as the CLI opens each figure's file. */
typedef struct opener {
	int failed;
	int calls;
} opener;

static int open_six(void *ud, const shmplot_results *res, size_t i)
{
	(void)res;
	(void)i;
	opener *o = ud;
	int fd[6];
	o->calls++;
	for (int k = 0; k < 6; k++)
		fd[k] = open("/dev/null", O_WRONLY | O_CLOEXEC);
	for (int k = 0; k < 6; k++) {
		if (fd[k] < 0)
			o->failed++;
		else
			close(fd[k]);
	}
	return 0;
}

/*
 * Under ulimit -n 64, 30 workers would take 60 descriptors (a socket and
 * a pidfd each) and leave the caller none for its output: every figure
 * rendered and not one could be written. The pool keeps a reserve and
 * starts fewer workers.
 */
static int few_descriptors(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 10;
	rl.rlim_cur = 64;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 11;
	const int n = 60;
	batch b;
	batch_new(&b, n);
	opener op = {0, 0};
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 30;
	o.on_result = open_six;
	o.userdata = &op;
	o.discard_outputs = 1;
	shmplot_status st = batch_run(&b, &o);
	int forks = sp_test_calls(SP_CALL_FORK);
	batch_free(&b);
	if (st != SHMPLOT_OK || op.calls != n || op.failed) {
		fprintf(stderr, "status %d, %d results, %d opens failed\n",
			(int)st, op.calls, op.failed);
		return 1;
	}
	/* fewer than asked for, and at least a few */
	return forks >= 2 && forks < 30 ? 0 : 2;
}

static void test_few_descriptors_keeps_a_reserve(void **state)
{
	(void)state;
	in_child(few_descriptors);
}

/* ---- timeouts at the clock's edges ---- */

/*
 * Limits beyond 2^64 ns (about 1.85e10 s) timed every figure out at once:
 * the conversion to nanoseconds overflowed (undefined; UBSan said so), and
 * a start time plus a large limit wrapped.
 */
static void test_huge_timeouts_never_run_out(void **state)
{
	(void)state;
	const double t[] = {1.85e10, 1e15, 1e300, 1.7976931348623157e308,
			    9.2e9,   1e-12};
	batch b;
	batch_new(&b, 6);
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		shmplot_render_opts o;
		shmplot_render_opts_init(&o);
		o.jobs = 3;
		o.timeout_s = t[k];
		shmplot_status st = batch_run(&b, &o);
		if (t[k] < 1) /* a picosecond: every figure times out */
			assert_int_equal(st, SHMPLOT_E_FIGURES);
		else if (st != SHMPLOT_OK)
			fail_msg("timeout %g: %s", t[k],
				 shmplot_results_message(b.res, 0));
	}
	/* a picosecond: figures time out, unless a figure's result was read
	 * in the same turn of the loop as its deadline (under load or ASan) */
	int timeouts = 0;
	for (size_t i = 0; i < 6; i++) {
		shmplot_fig_status fs = shmplot_results_status(b.res, i);
		assert_true(fs == SHMPLOT_FIG_TIMEOUT || fs == SHMPLOT_FIG_OK);
		timeouts += fs == SHMPLOT_FIG_TIMEOUT;
	}
	assert_true(timeouts > 0);
	batch_free(&b);
}

/* Not a number of seconds: refused, not taken as no limit or as 0. */
static void test_timeout_must_be_finite(void **state)
{
	(void)state;
	const double bad[] = {INFINITY, -INFINITY, NAN, -1, -1e-300};
	batch b;
	batch_new(&b, 1);
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		shmplot_render_opts o;
		shmplot_render_opts_init(&o);
		o.timeout_s = bad[k];
		assert_int_equal(batch_run(&b, &o), SHMPLOT_E_INVALID);
		assert_null(b.res);
		assert_non_null(
		    strstr(shmplot_renderer_errmsg(b.r), "timeout_s"));
	}
	batch_free(&b);
}

/* The API's default limit is a finite one: a hung worker cannot hang. */
static void test_default_timeout_is_finite(void **state)
{
	(void)state;
	shmplot_render_opts o;
	memset(&o, 0xff, sizeof o);
	shmplot_render_opts_init(&o);
	assert_true(o.timeout_s == SHMPLOT_DEFAULT_TIMEOUT_S);
	assert_true(isfinite(o.timeout_s) && o.timeout_s > 0);
	assert_int_equal(o.jobs, 0);
	assert_int_equal(o.png_level, -1);
}

typedef struct canceller {
	volatile int cancel;
	volatile int finished; /* figures reported */
	int want;
} canceller;

static int count_result(void *ud, const shmplot_results *res, size_t i)
{
	(void)res;
	(void)i;
	canceller *c = ud;
	__atomic_add_fetch(&c->finished, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void *cancel_when_done(void *arg)
{
	canceller *c = arg;
	while (__atomic_load_n(&c->finished, __ATOMIC_SEQ_CST) < c->want)
		usleep(1000);
	c->cancel = 1;
	return NULL;
}

/*
 * A limit of more than INT_MAX ms (24.8 days) was narrowed to a negative
 * poll() timeout: the loop waited for ever and never looked at the
 * cancel flag another thread set while one figure hung.
 */
static void test_long_timeout_still_sees_cancel(void **state)
{
	(void)state;
	batch b;
	batch_new(&b, 4);
	setenv("SHMPLOT_TEST_FAULT", "f1:hang", 1);
	canceller c = {0, 0, 3};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, cancel_when_done, &c), 0);
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 4;
	o.timeout_s = 3e6;
	o.on_result = count_result;
	o.userdata = &c;
	o.cancel = &c.cancel;
	shmplot_status st = batch_run(&b, &o);
	pthread_join(t, NULL);
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_int_equal(st, SHMPLOT_E_INTERRUPTED);
	assert_int_equal(shmplot_results_status(b.res, 1), SHMPLOT_FIG_NOT_RUN);
	batch_free(&b);
	assert_int_equal(tu_children(), 0);
}

/* ---- a job stopped for longer than the timeout ---- */

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/*
 * A child, leader of its own process group as a shell job is, renders 8
 * slow figures (200 ms each) on 2 workers with a 1.5 s limit; delay_ms
 * after it starts, the whole group is stopped for 3 s (Ctrl-Z, or
 * kill -STOP -- -PGID) and continued. Returns the child's exit status
 * (0: every figure rendered) and the deadlines moved in *stalls.
 */
static int stop_job_once(long delay_ms, int *stalls)
{
	int pfd[2];
	assert_int_equal(pipe(pfd), 0);
	fflush(NULL);
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		setpgid(0, 0);
		close(pfd[0]);
		batch b;
		batch_new(&b, 8);
		fault_all(8, "slow");
		shmplot_render_opts o;
		shmplot_render_opts_init(&o);
		o.jobs = 2;
		o.timeout_s = 1.5;
		if (write(pfd[1], "x", 1) != 1)
			_exit(9);
		shmplot_status st = batch_run(&b, &o);
		int moved = 0;
		for (int i = 0; i < b.n; i++) {
			moved +=
			    (int)sp_test_figure_counts(b.res, (size_t)i).stalls;
			if (shmplot_results_status(b.res, (size_t)i) !=
			    SHMPLOT_FIG_OK)
				fprintf(
				    stderr, "stopped at %ld ms: f%d: %s\n",
				    delay_ms, i,
				    shmplot_results_message(b.res, (size_t)i));
		}
		if (write(pfd[1], &moved, sizeof moved) != sizeof moved)
			_exit(9);
		batch_free(&b);
		_exit(st == SHMPLOT_OK ? 0 : 1);
	}
	setpgid(c, c);
	close(pfd[1]);
	char x;
	assert_int_equal(read(pfd[0], &x, 1), 1);
	nap_ms(delay_ms);
	assert_int_equal(kill(-c, SIGSTOP), 0);
	nap_ms(3000);
	assert_int_equal(kill(-c, SIGCONT), 0);
	*stalls = 0;
	if (read(pfd[0], stalls, sizeof *stalls) != sizeof *stalls)
		*stalls = -1;
	close(pfd[0]);
	int st = 0;
	assert_int_equal(waitpid(c, &st, 0), c);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

/*
 * Stopped time is not figure time: figures in flight when the job was
 * stopped for longer than their limit were killed as timed out once it
 * was continued. Stopped at many instants of the batch (before its first
 * figure, in the middle, near its end), every figure renders.
 */
static void test_stopped_time_is_not_figure_time(void **state)
{
	(void)state;
	const long at[] = {0, 100, 250, 400, 550, 700};
	int moved_any = 0;
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		int stalls = 0;
		int rc = stop_job_once(at[k], &stalls);
		if (rc != 0)
			fail_msg("stopped at %ld ms: child exited %d", at[k],
				 rc);
		moved_any += stalls > 0;
	}
	/* the stop landed while figures were in flight, at least once */
	assert_true(moved_any > 0);
	assert_int_equal(tu_children(), 0);
}

/* ---- a spawned worker's start-up ---- */

/*
 * A batch of n figures on 2 workers started the mode's way ("spawn", or
 * "warm": spawned and kept by the renderer), each worker's start-up made
 * slow by SHMPLOT_TEST_SLOW_START=start ("MS" or "hang"), each figure
 * limited to limit s. The renderer (and, warm, its workers) is freed and
 * the mode restored before it returns the batch's status; *fig0 gets
 * f0's message, *unready the workers killed before they were ready.
 */
static shmplot_status start_batch(const char *mode, const char *start, int n,
				  double limit, shmplot_fig_status *st,
				  char *fig0, size_t len, unsigned *unready)
{
	const char *old = getenv("SHMPLOT_TEST_MODE");
	char saved[16] = "";
	if (old)
		snprintf(saved, sizeof saved, "%s", old);
	setenv("SHMPLOT_TEST_MODE", mode, 1);
	batch b;
	batch_new(&b, n); /* "warm": the renderer keeps its workers */
	setenv("SHMPLOT_TEST_SLOW_START", start, 1);
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.timeout_s = limit;
	shmplot_status bst = batch_run(&b, &o);
	unsetenv("SHMPLOT_TEST_SLOW_START");
	*unready = 0;
	for (int i = 0; i < n; i++) {
		st[i] = shmplot_results_status(b.res, (size_t)i);
		*unready += sp_test_figure_counts(b.res, (size_t)i).unready;
	}
	snprintf(fig0, len, "%s", shmplot_results_message(b.res, 0));
	batch_free(&b);
	if (old)
		setenv("SHMPLOT_TEST_MODE", saved, 1);
	else
		unsetenv("SHMPLOT_TEST_MODE");
	return bst;
}

/*
 * A spawned worker's start-up (exec, the batch's description, the font)
 * is not its first figure's time: each worker here takes 1.5 s to start
 * against a 1 s limit per figure. Every figure timed out before ("timed
 * out after 1 s"), as healthy figures of test_stress_spawn did under
 * load; the clock now starts when the worker says it is ready.
 */
static void test_slow_start_is_not_figure_time(void **state)
{
	(void)state;
	const char *modes[] = {"spawn", "warm"};
	for (size_t m = 0; m < 2; m++) {
		int fds = tu_fds();
		shmplot_fig_status st[4];
		char msg[256];
		unsigned unready = 0;
		shmplot_status bst = start_batch(modes[m], "1500", 4, 1.0, st,
						 msg, sizeof msg, &unready);
		for (int i = 0; i < 4; i++)
			if (st[i] != SHMPLOT_FIG_OK)
				fail_msg("%s: f%d is %s (f0: %s)", modes[m], i,
					 shmplot_fig_status_str(st[i]), msg);
		assert_int_equal(bst, SHMPLOT_OK);
		assert_int_equal(unready, 0);
		assert_int_equal(tu_children(), 0);
		assert_int_equal(tu_fds(), fds);
	}
	assert_int_equal(tu_shm_entries(), 0);
}

/*
 * A worker that never gets ready cannot hang the batch: past its start-up
 * allowance (here 300 ms, made short by SHMPLOT_TEST_START_ALLOW_MS; the
 * real one is the larger of the limit and 10 s) it is killed and reaped,
 * and the figure it held fails saying so; its replacement is no better,
 * so each of the three figures costs one worker. Nothing is left: no
 * process, no descriptor, no segment.
 */
static void test_never_ready_is_killed(void **state)
{
	(void)state;
	const char *modes[] = {"spawn", "warm"};
	setenv("SHMPLOT_TEST_START_ALLOW_MS", "300", 1);
	for (size_t m = 0; m < 2; m++) {
		int fds = tu_fds();
		shmplot_fig_status st[3];
		char msg[256];
		unsigned unready = 0;
		shmplot_status bst = start_batch(modes[m], "hang", 3, 0.2, st,
						 msg, sizeof msg, &unready);
		assert_int_equal(bst, SHMPLOT_E_FIGURES);
		for (int i = 0; i < 3; i++)
			assert_int_equal(st[i], SHMPLOT_FIG_TIMEOUT);
		if (!strstr(msg, "worker did not get ready within 0.3 s"))
			fail_msg("%s: f0: %s", modes[m], msg);
		assert_true(unready >= 3); /* a shared figure: more */
		assert_int_equal(tu_children(), 0);
		assert_int_equal(tu_fds(), fds);
	}
	unsetenv("SHMPLOT_TEST_START_ALLOW_MS");
	assert_int_equal(tu_shm_entries(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grace_without_pidfd),
	    cmocka_unit_test(test_few_descriptors_keeps_a_reserve),
	    cmocka_unit_test(test_huge_timeouts_never_run_out),
	    cmocka_unit_test(test_timeout_must_be_finite),
	    cmocka_unit_test(test_default_timeout_is_finite),
	    cmocka_unit_test(test_long_timeout_still_sees_cancel),
	    cmocka_unit_test(test_stopped_time_is_not_figure_time),
	    cmocka_unit_test(test_slow_start_is_not_figure_time),
	    cmocka_unit_test(test_never_ready_is_killed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
