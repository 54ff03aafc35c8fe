/*
 * Reliability tests: hostile callers (threads, SIGCHLD games, EINTR storms,
 * leaks over many renders), system faults (/dev/shm full, fork failing, a
 * missing worker executable, the caller killed) and the worker batch
 * description codec. Faults come from the test-only hooks
 * SHMPLOT_TEST_FAULT (per figure), SHMPLOT_TEST_SYSFAULT (system calls) and
 * SHMPLOT_TEST_MODE (force fork or spawn).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "figure/figure.h"
#include "shmplot.h"
#include "testutil.h"
#include "worker/worker.h"

#define SKIPPED 77

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- a small world: one segment, a renderer, small figures ---- */

typedef struct world {
	shmplot_renderer *r;
	shmplot_data *d;
	shmplot_series x, y[3];
} world;

static void world_init(world *w, size_t n)
{
	char err[256];
	memset(w, 0, sizeof *w);
	assert_int_equal(shmplot_renderer_new(&w->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_data_new(&w->d, 4, 4 * n, err, sizeof err),
			 SHMPLOT_OK);
	double *x, *s, *c, *t;
	assert_int_equal(shmplot_data_alloc(w->d, "x", n, &x, &w->x), 0);
	assert_int_equal(shmplot_data_alloc(w->d, "sin", n, &s, &w->y[0]), 0);
	assert_int_equal(shmplot_data_alloc(w->d, "cos", n, &c, &w->y[1]), 0);
	assert_int_equal(shmplot_data_alloc(w->d, "tan", n, &t, &w->y[2]), 0);
	for (size_t i = 0; i < n; i++) {
		x[i] = 4 * M_PI * (double)i / (double)(n - 1);
		s[i] = sin(x[i]);
		c[i] = cos(x[i]);
		t[i] = tan(x[i]);
	}
	assert_int_equal(shmplot_data_seal(w->d), SHMPLOT_OK);
}

static void world_free(world *w)
{
	shmplot_data_free(w->d);
	shmplot_renderer_free(w->r);
}

/* n figures f0..f(n-1) of 2 x 1 in at 100 dpi (200 x 100 px). */
static shmplot_figure **small_figs(world *w, int n)
{
	shmplot_figure **figs = calloc((size_t)n, sizeof *figs);
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(
		    shmplot_figure_new(&figs[i], name, 2, 1, 100, NULL, 0),
		    SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(figs[i], 0, 0);
		assert_int_equal(
		    shmplot_axes_plot(ax, w->x, w->y[i % 3], "s", NULL), 0);
		assert_int_equal(shmplot_axes_set_ylim(ax, -2, 2), 0);
		assert_int_equal(shmplot_axes_set_title(ax, "title"), 0);
	}
	return figs;
}

static void free_figs(shmplot_figure **figs, int n)
{
	for (int i = 0; i < n; i++)
		shmplot_figure_free(figs[i]);
	free(figs);
}

static shmplot_status render(world *w, shmplot_figure **figs, int n, int jobs,
			     double timeout, shmplot_results **res)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = jobs;
	o.timeout_s = timeout;
	return shmplot_render(w->r, w->d, figs, (size_t)n, &o, res);
}

/* Every figure ok, and every PNG decodes to 200 x 100. */
static void assert_all_ok(const shmplot_results *res, int n)
{
	for (int i = 0; i < n; i++) {
		if (shmplot_results_status(res, (size_t)i) != SHMPLOT_FIG_OK)
			fail_msg("figure %d: %s: %s", i,
				 shmplot_fig_status_str(
				     shmplot_results_status(res, (size_t)i)),
				 shmplot_results_message(res, (size_t)i));
		size_t len;
		const unsigned char *png =
		    shmplot_results_png(res, (size_t)i, &len);
		int pw, ph;
		unsigned char *px = tu_decode_png(png, len, &pw, &ph);
		assert_non_null(px);
		assert_int_equal(pw, 200);
		assert_int_equal(ph, 100);
		free(px);
	}
}

static int setup(void **state)
{
	(void)state;
	unsetenv("SHMPLOT_TEST_FAULT");
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("SHMPLOT_TEST_FAULT");
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	return 0;
}

/*
 * Runs fn in a forked child (for tests that change process-wide state:
 * rlimits, uids, namespaces, signal dispositions). The child exits 0 on
 * success, SKIPPED if the machine does not allow the test, else non-zero.
 * Returns that status.
 */
static int in_child(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int status;
	pid_t r;
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	assert_int_equal(r, pid);
	if (WIFSIGNALED(status))
		fail_msg("child died of signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			_exit(1);                                              \
		}                                                              \
	} while (0)

/* ---- hostile callers: threads ---- */

static atomic_int stop_busy;
static atomic_long busy_iterations;

/*
 * Draws text through cairo's toy API (fontconfig, cairo's font caches and
 * their mutexes) and allocates, as fast as it can. Each thread uses font
 * sizes no other thread uses: cairo 1.16 itself asserts (cache_frozen in
 * cairo_scaled_font_destroy) when threads share a scaled font that one of
 * them destroys, and that cairo race is not what this test is about.
 */
static void *busy_cairo(void *arg)
{
	int k = (int)(intptr_t)arg;
	long iter = 0;
	while (!atomic_load(&stop_busy)) {
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 32);
		cairo_t *cr = cairo_create(s);
		cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL,
				       CAIRO_FONT_WEIGHT_NORMAL);
		cairo_set_font_size(cr, 8 + (double)k / 1024 +
					    (double)(iter++ % 7));
		cairo_move_to(cr, 1, 20);
		cairo_show_text(cr, "busy thread 0123456789");
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		for (int i = 0; i < 64; i++)
			free(malloc((size_t)(16 << (i % 12))));
		atomic_fetch_add(&busy_iterations, 1);
	}
	return NULL;
}

typedef struct render_thread {
	int iterations;
	int failures;
	char why[256];
} render_thread;

/* A caller thread: its own renderer and data, rendering in a loop. */
static void *render_loop(void *arg)
{
	render_thread *t = arg;
	world w;
	world_init(&w, 200);
	shmplot_figure **figs = small_figs(&w, 3);
	for (int i = 0; i < t->iterations; i++) {
		shmplot_results *res = NULL;
		/* A generous timeout turns a deadlocked worker into a
		 * failure instead of a hang. */
		shmplot_status st = render(&w, figs, 3, 2, 10, &res);
		for (size_t k = 0; st != SHMPLOT_OK && k < 3; k++)
			if (shmplot_results_status(res, k) != SHMPLOT_FIG_OK)
				snprintf(t->why, sizeof t->why, "%s: %s",
					 shmplot_status_str(st),
					 shmplot_results_message(res, k));
		shmplot_results_free(res);
		if (st != SHMPLOT_OK) {
			t->failures++;
			break; /* one is enough, and each may cost 10 s */
		}
	}
	free_figs(figs, 3);
	world_free(&w);
	return NULL;
}

/*
 * Three threads hammer cairo text and malloc while four threads each render
 * in a loop. Forking here would copy a held cairo/fontconfig/malloc lock into
 * a worker; shmplot must notice the threads and spawn clean workers.
 * (Run with SHMPLOT_TEST_MODE=fork to see the unsafe path fail.)
 */
static void test_threads_busy_with_cairo(void **state)
{
	(void)state;
	enum { NBUSY = 3, NRENDER = 4 };
	pthread_t busy[NBUSY], rt[NRENDER];
	render_thread info[NRENDER];
	const char *iters = getenv("SHMPLOT_TEST_THREAD_ITERATIONS");
	atomic_store(&stop_busy, 0);
	for (int i = 0; i < NBUSY; i++)
		assert_int_equal(pthread_create(&busy[i], NULL, busy_cairo,
						(void *)(intptr_t)(i + 1)),
				 0);
	for (int i = 0; i < NRENDER; i++) {
		memset(&info[i], 0, sizeof info[i]);
		info[i].iterations = iters ? atoi(iters) : 25;
		assert_int_equal(
		    pthread_create(&rt[i], NULL, render_loop, &info[i]), 0);
	}
	/* The main thread renders too, in the same loop. */
	render_thread mine = {.iterations = iters ? atoi(iters) : 25};
	render_loop(&mine);
	for (int i = 0; i < NRENDER; i++)
		pthread_join(rt[i], NULL);
	atomic_store(&stop_busy, 1);
	for (int i = 0; i < NBUSY; i++)
		pthread_join(busy[i], NULL);
	int failures = mine.failures;
	for (int i = 0; i < NRENDER; i++) {
		failures += info[i].failures;
		if (info[i].failures)
			print_message("render thread %d: %s\n", i, info[i].why);
	}
	if (mine.failures)
		print_message("main thread: %s\n", mine.why);
	print_message("%d renders in 5 threads while the cairo threads "
		      "drew text %ld times\n",
		      5 * mine.iterations, atomic_load(&busy_iterations));
	assert_int_equal(failures, 0);
	assert_true(atomic_load(&busy_iterations) > 0);
}

/* With only this thread, the fast fork path is used (and works). */
static void test_single_thread_uses_fork(void **state)
{
	(void)state;
	assert_int_equal(sp_thread_count(), 1);
	pthread_t t;
	atomic_store(&stop_busy, 0);
	assert_int_equal(pthread_create(&t, NULL, busy_cairo, NULL), 0);
	assert_int_equal(sp_thread_count(), 2);
	atomic_store(&stop_busy, 1);
	pthread_join(t, NULL);
	assert_int_equal(sp_thread_count(), 1);
}

/* ---- hostile callers: signals ---- */

static void expect_segv_batch(world *w)
{
	/* f1 crashes; the rest must be right and nothing may hang or leak. */
	shmplot_figure **figs = small_figs(w, 6);
	setenv("SHMPLOT_TEST_FAULT", "f1:segv", 1);
	shmplot_results *res = NULL;
	CHECK(render(w, figs, 6, 2, 20, &res) == SHMPLOT_E_FIGURES);
	unsetenv("SHMPLOT_TEST_FAULT");
	CHECK(shmplot_results_failed(res) == 1);
	CHECK(shmplot_results_status(res, 1) == SHMPLOT_FIG_CRASHED);
	CHECK(shmplot_results_png(res, 1, NULL) == NULL);
	for (size_t i = 0; i < 6; i++) {
		if (i == 1)
			continue;
		size_t len;
		int pw, ph;
		CHECK(shmplot_results_status(res, i) == SHMPLOT_FIG_OK);
		const unsigned char *png = shmplot_results_png(res, i, &len);
		unsigned char *px = tu_decode_png(png, len, &pw, &ph);
		CHECK(px && pw == 200 && ph == 100);
		free(px);
	}
	shmplot_results_free(res);
	free_figs(figs, 6);
}

static void sigchld_ignored_child(void)
{
	world w;
	world_init(&w, 200);
	int fds = tu_fds();
	signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
	for (int round = 0; round < 3; round++)
		expect_segv_batch(&w);
	CHECK(tu_fds() == fds);
	CHECK(tu_children() == 0);
	world_free(&w);
}

/* A caller that ignores SIGCHLD: statuses vanish, nothing hangs. */
static void test_sigchld_ignored(void **state)
{
	(void)state;
	assert_int_equal(in_child(sigchld_ignored_child), 0);
}

static atomic_int stolen;

static void steal_children(int sig)
{
	(void)sig;
	int e = errno;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		atomic_fetch_add(&stolen, 1);
	errno = e;
}

static void sigchld_reaper_child(void)
{
	world w;
	world_init(&w, 200);
	int fds = tu_fds();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = steal_children; /* no SA_RESTART */
	sigaction(SIGCHLD, &sa, NULL);
	for (int round = 0; round < 3; round++)
		expect_segv_batch(&w);
	CHECK(tu_fds() == fds);
	CHECK(tu_children() == 0);
	world_free(&w);
}

/* A caller whose SIGCHLD handler reaps with waitpid(-1). */
static void test_sigchld_reaper(void **state)
{
	(void)state;
	assert_int_equal(in_child(sigchld_reaper_child), 0);
}

static atomic_long alarms;

static void on_alarm(int sig)
{
	(void)sig;
	atomic_fetch_add(&alarms, 1);
}

static void sigalrm_child(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: every syscall sees EINTR */
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = {{0, 1000}, {0, 1000}};
	setitimer(ITIMER_REAL, &it, NULL);
	/* A 256 MB segment: its reservation is interrupted many times. */
	char err[256];
	shmplot_data *big = NULL;
	CHECK(shmplot_data_new(&big, 1, (size_t)32 << 20, err, sizeof err) ==
	      SHMPLOT_OK);
	shmplot_data_free(big);
	world w;
	world_init(&w, 2000);
	shmplot_figure **figs = small_figs(&w, 8);
	/* at least 10 rounds, and until a good number of alarms landed
	 * inside them (a fast machine renders 10 rounds in under 50 ms) */
	for (int round = 0;
	     round < 10 || (atomic_load(&alarms) <= 100 && round < 2000);
	     round++) {
		shmplot_results *res = NULL;
		CHECK(render(&w, figs, 8, 3, 20, &res) == SHMPLOT_OK);
		shmplot_results_free(res);
	}
	/* and the big-output path, whose transfer is interrupted too */
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 3;
	o.want_pixels = 1;
	shmplot_results *res = NULL;
	CHECK(shmplot_render(w.r, w.d, figs, 8, &o, &res) == SHMPLOT_OK);
	shmplot_results_free(res);
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	CHECK(atomic_load(&alarms) > 50);
	free_figs(figs, 8);
	world_free(&w);
}

/* A 1 ms SIGALRM without SA_RESTART during data creation and render. */
static void test_sigalrm_eintr(void **state)
{
	(void)state;
	assert_int_equal(in_child(sigalrm_child), 0);
}

/* Descriptors and children are the same before and after 1,000 renders. */
static void test_no_leaks_over_1000_renders(void **state)
{
	(void)state;
	world w;
	world_init(&w, 200);
	shmplot_figure **figs = small_figs(&w, 2);
	const char *env = getenv("SHMPLOT_TEST_RENDERS");
	int rounds = env ? atoi(env) : 1000;
	/* A warm-up render, so lazily-opened library state is counted. */
	shmplot_results *res = NULL;
	assert_int_equal(render(&w, figs, 2, 2, 0, &res), SHMPLOT_OK);
	assert_all_ok(res, 2);
	shmplot_results_free(res);
	int fds = tu_fds();
	double t0 = now_s();
	for (int i = 0; i < rounds; i++) {
		/* every 50th round has a crash, a timeout or a bad exit */
		static const char *const faults[] = {"f1:segv", "f0:exit",
						     "f1:truncate", "f0:abort"};
		if (i % 50 == 49)
			setenv("SHMPLOT_TEST_FAULT", faults[(i / 50) % 4], 1);
		shmplot_status st = render(&w, figs, 2, 2, 0, &res);
		unsetenv("SHMPLOT_TEST_FAULT");
		assert_true(st == SHMPLOT_OK ||
			    (i % 50 == 49 && st == SHMPLOT_E_FIGURES));
		shmplot_results_free(res);
		assert_int_equal(tu_children(), 0);
	}
	print_message("%d renders of 2 figures in %.2f s\n", rounds,
		      now_s() - t0);
	assert_int_equal(tu_fds(), fds);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	free_figs(figs, 2);
	world_free(&w);
}

/* In fork mode, a caller's unflushed stdout and atexit run exactly once. */
static int atexit_fd = -1;
static void atexit_marker(void)
{
	if (write(atexit_fd, "A", 1) != 1)
		_exit(3);
}

static void test_stdio_and_atexit_not_duplicated(void **state)
{
	(void)state;
	int out[2], ax[2];
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	assert_int_equal(pipe2(ax, O_CLOEXEC), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1); /* a pipe: stdout is fully buffered */
		atexit_fd = ax[1];
		atexit(atexit_marker);
		printf("marker\n"); /* not flushed before render */
		world w;
		world_init(&w, 200);
		shmplot_figure **figs = small_figs(&w, 4);
		setenv("SHMPLOT_TEST_FAULT", "f2:segv,f3:exit", 1);
		shmplot_results *res = NULL;
		render(&w, figs, 4, 2, 20, &res);
		shmplot_results_free(res);
		free_figs(figs, 4);
		world_free(&w);
		exit(0);
	}
	close(out[1]);
	close(ax[1]);
	char buf[256] = "", abuf[16] = "";
	size_t got = 0, agot = 0;
	ssize_t n;
	while ((n = read(out[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	while ((n = read(ax[0], abuf + agot, sizeof abuf - 1 - agot)) > 0)
		agot += (size_t)n;
	close(out[0]);
	close(ax[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(buf, "marker\n");
	assert_string_equal(abuf, "A");
}

/* ---- system faults ---- */

static void check_nospace(shmplot_status st, const char *err, size_t bytes)
{
	char want[64];
	snprintf(want, sizeof want, "cannot reserve %zu bytes", bytes);
	CHECK(st == SHMPLOT_E_NOSPACE);
	CHECK(strstr(err, want) != NULL);
	CHECK(strstr(err, "/dev/shm") != NULL);
}

/* Expected segment size for one series of n points (see segment.c). */
static size_t segment_bytes(size_t nseries, size_t n)
{
	return 64 + nseries * 128 + n * 8 + nseries * 64;
}

static void shm_full_real_child(void)
{
	if (unshare(CLONE_NEWNS) != 0 &&
	    unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
		_exit(SKIPPED);
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", "/dev/shm", "tmpfs", 0, "size=64k") != 0)
		_exit(SKIPPED);
	char err[256] = "";
	shmplot_data *d = NULL;
	/* 1 MB does not fit in 64 kB: an error, never a SIGBUS. */
	shmplot_status st =
	    shmplot_data_new(&d, 1, (size_t)1 << 17, err, sizeof err);
	check_nospace(st, err, segment_bytes(1, (size_t)1 << 17));
	CHECK(d == NULL);
	/* What fits still works end to end, and fills the tmpfs. */
	world w;
	world_init(&w, 1500);
	shmplot_figure **figs = small_figs(&w, 3);
	/* Now the rest of the tmpfs is too small for a second segment. */
	st = shmplot_data_new(&d, 1, 6000, err, sizeof err);
	check_nospace(st, err, segment_bytes(1, 6000));
	shmplot_results *res = NULL;
	CHECK(render(&w, figs, 3, 2, 20, &res) == SHMPLOT_OK);
	shmplot_results_free(res);
	free_figs(figs, 3);
	world_free(&w);
	umount("/dev/shm");
}

/* /dev/shm full for real: a 64 kB tmpfs in a private mount namespace. */
static void test_shm_full_real(void **state)
{
	(void)state;
	int rc = in_child(shm_full_real_child);
	if (rc == SKIPPED)
		skip();
	assert_int_equal(rc, 0);
}

/* The same by injection, for machines without mount namespaces. */
static void test_shm_full_injected(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	setenv("SHMPLOT_TEST_SYSFAULT", "fallocate=ENOSPC", 1);
	shmplot_status st = shmplot_data_new(&d, 2, 1000, err, sizeof err);
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	assert_int_equal(st, SHMPLOT_E_NOSPACE);
	assert_null(d);
	char want[64];
	snprintf(want, sizeof want, "cannot reserve %zu bytes",
		 segment_bytes(2, 1000));
	if (!strstr(err, want))
		fail_msg("\"%s\" lacks \"%s\"", err, want);
}

static void expect_no_worker(world *w, const char *want)
{
	shmplot_figure **figs = small_figs(w, 4);
	shmplot_results *res = NULL;
	double t0 = now_s();
	shmplot_status st = render(w, figs, 4, 2, 20, &res);
	const char *msg = shmplot_renderer_errmsg(w->r);
	if (st != SHMPLOT_E_SYSTEM || !strstr(msg, want)) {
		fprintf(stderr, "status %d, message \"%s\", wanted \"%s\"\n",
			st, msg, want);
		_exit(1);
	}
	CHECK(now_s() - t0 < 5);
	CHECK(res != NULL);
	CHECK(shmplot_results_failed(res) == 4);
	for (size_t i = 0; i < 4; i++)
		CHECK(shmplot_results_status(res, i) == SHMPLOT_FIG_NOT_RUN);
	shmplot_results_free(res);
	free_figs(figs, 4);
}

static void nproc_child(void)
{
	world w;
	world_init(&w, 200);
	/* root ignores RLIMIT_NPROC: become nobody first */
	if (getuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
			      setuid(65534) != 0))
		_exit(SKIPPED);
	struct rlimit rl = {0, 0};
	CHECK(setrlimit(RLIMIT_NPROC, &rl) == 0);
	pid_t probe = fork();
	if (probe == 0)
		_exit(0);
	if (probe > 0) {
		waitpid(probe, NULL, 0);
		_exit(SKIPPED); /* the limit is not enforced here */
	}
	setenv("SHMPLOT_TEST_MODE", "fork", 1);
	expect_no_worker(&w, "fork: Resource temporarily unavailable");
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	expect_no_worker(&w, "Resource temporarily unavailable");
	world_free(&w);
}

/* The process limit is reached: a clean error, every figure "not run". */
static void test_fork_fails_rlimit(void **state)
{
	(void)state;
	int rc = in_child(nproc_child);
	if (rc == SKIPPED)
		skip();
	assert_int_equal(rc, 0);
}

static void fork_injected_child(void)
{
	world w;
	world_init(&w, 200);
	setenv("SHMPLOT_TEST_SYSFAULT", "fork=EAGAIN", 1);
	expect_no_worker(&w, "Resource temporarily unavailable");
	/* One worker starts, the others cannot: the batch still finishes. */
	setenv("SHMPLOT_TEST_SYSFAULT", "fork=EAGAIN@1", 1);
	shmplot_figure **figs = small_figs(&w, 6);
	shmplot_results *res = NULL;
	shmplot_status st = render(&w, figs, 6, 3, 20, &res);
	if (st)
		fprintf(stderr, "%s\n", shmplot_renderer_errmsg(w.r));
	CHECK(st == SHMPLOT_OK);
	shmplot_results_free(res);
	free_figs(figs, 6);
	world_free(&w);
}

static void test_fork_fails_injected(void **state)
{
	(void)state;
	setenv("SHMPLOT_TEST_MODE", "fork", 1);
	assert_int_equal(in_child(fork_injected_child), 0);
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	assert_int_equal(in_child(fork_injected_child), 0);
	unsetenv("SHMPLOT_TEST_MODE");
}

static void missing_worker_child(void)
{
	world w;
	world_init(&w, 200);
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	setenv("SHMPLOT_WORKER", "/nonexistent/shmplot-worker", 1);
	expect_no_worker(&w, "/nonexistent/shmplot-worker: No such file");
	char plain[] = "/tmp/shmplot-noexec-XXXXXX";
	int fd = mkstemp(plain); /* mode 0600: not executable */
	CHECK(fd >= 0);
	close(fd);
	setenv("SHMPLOT_WORKER", plain, 1);
	expect_no_worker(&w, "Permission denied");
	unlink(plain);
	world_free(&w);
}

/* The worker executable is missing or not executable (libuv spawn_fails). */
static void test_spawn_missing_worker(void **state)
{
	(void)state;
	assert_int_equal(in_child(missing_worker_child), 0);
}

static void broken_worker_child(void)
{
	world w;
	world_init(&w, 200);
	setenv("SHMPLOT_TEST_MODE", "spawn", 1);
	/* A worker that cannot load the font says so for each figure. */
	shmplot_renderer_free(w.r);
	char err[256];
	CHECK(shmplot_renderer_new(&w.r, NULL, err, sizeof err) == 0);
	char dir[] = "/tmp/shmplot-font-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char font[300], cmd[700];
	snprintf(font, sizeof font, "%s/font.ttf", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'",
		 shmplot_renderer_font_path(w.r), font);
	CHECK(system(cmd) == 0);
	shmplot_renderer_free(w.r);
	CHECK(shmplot_renderer_new(&w.r, font, err, sizeof err) == 0);
	unlink(font);
	rmdir(dir);
	shmplot_figure **figs = small_figs(&w, 3);
	shmplot_results *res = NULL;
	CHECK(render(&w, figs, 3, 2, 20, &res) == SHMPLOT_E_FIGURES);
	for (size_t i = 0; i < 3; i++) {
		CHECK(shmplot_results_status(res, i) == SHMPLOT_FIG_ERROR);
		CHECK(strstr(shmplot_results_message(res, i),
			     "shmplot-worker: cannot open font") != NULL);
	}
	shmplot_results_free(res);
	free_figs(figs, 3);
	world_free(&w);
}

/* A spawned worker that cannot set up reports why, figure by figure. */
static void test_spawned_worker_setup_failure(void **state)
{
	(void)state;
	assert_int_equal(in_child(broken_worker_child), 0);
}

static void hanging_batch_child(void)
{
	world w;
	world_init(&w, 200);
	shmplot_figure **figs = small_figs(&w, 4);
	setenv("SHMPLOT_TEST_FAULT", "f0:hang,f1:hang,f2:hang,f3:hang", 1);
	shmplot_results *res = NULL;
	render(&w, figs, 4, 3, 0, &res); /* never returns: we get killed */
	_exit(1);
}

/*
 * The caller is SIGKILLed mid-batch: within a second no worker survives
 * (they watch for their parent's death) and nothing is left in /dev/shm.
 */
static void sigkill_caller(const char *mode)
{
	setenv("SHMPLOT_TEST_MODE", mode, 1);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		hanging_batch_child();
	double t0 = now_s();
	while (tu_children_of(pid, 0) < 3 && now_s() - t0 < 20)
		usleep(2000);
	assert_int_equal(tu_children_of(pid, 0), 3);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	double t1 = now_s();
	int left;
	do {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		left = tu_children();
		if (left)
			usleep(5000);
	} while (left && now_s() - t1 < 1.0);
	assert_int_equal(left, 0);
	assert_int_equal(tu_shm_entries(), 0);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	unsetenv("SHMPLOT_TEST_MODE");
}

static void test_caller_sigkilled_fork(void **state)
{
	(void)state;
	sigkill_caller("fork");
}

static void test_caller_sigkilled_spawn(void **state)
{
	(void)state;
	sigkill_caller("spawn");
}

typedef struct fdprobe {
	int max_fds;
	int checked;
	int calls;
} fdprobe;

/* The highest descriptor the process holds, or -1. */
static int max_fd_of(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int max = -1;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.' && atoi(e->d_name) > max)
			max = atoi(e->d_name);
	closedir(d);
	return max;
}

/*
 * Looks at the descriptors of the live workers once the batch is under
 * way. A worker still starting up (under load, one may not have run yet)
 * holds inherited descriptors until it closes them, so the probe waits up
 * to 2 s for every worker to be down to stdio and its socket; a worker that
 * keeps a caller's descriptor keeps it for good and fails the test.
 */
static int probe_worker_fds(void *ud, const shmplot_results *res, size_t i)
{
	(void)res;
	(void)i;
	fdprobe *p = ud;
	if (++p->calls < 2 || p->checked)
		return 0;
	for (int attempt = 0; attempt < 200; attempt++) {
		pid_t pids[8];
		int n = tu_child_pids(getpid(), 0, pids, 8);
		int worst = -1;
		for (int k = 0; k < n && k < 8; k++) {
			int m = max_fd_of(pids[k]);
			if (m > worst)
				worst = m;
		}
		if (n < 1)
			return 0;
		p->max_fds = worst;
		p->checked = 1;
		if (worst <= 3)
			return 0;
		usleep(10000);
	}
	return 0;
}

/* A worker holds only stdio and its socket, never the caller's fds. */
static void worker_fds(const char *mode)
{
	setenv("SHMPLOT_TEST_MODE", mode, 1);
	int leaky = open("/dev/null", O_RDONLY); /* no O_CLOEXEC */
	int leaky2 = dup2(leaky, 40);
	assert_true(leaky >= 0 && leaky2 == 40);
	world w;
	world_init(&w, 200);
	shmplot_figure **figs = small_figs(&w, 4);
	setenv("SHMPLOT_TEST_FAULT", "f3:hang", 1);
	fdprobe probe = {0, 0, 0};
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.timeout_s = 1;
	o.on_result = probe_worker_fds;
	o.userdata = &probe;
	shmplot_results *res = NULL;
	assert_int_equal(shmplot_render(w.r, w.d, figs, 4, &o, &res),
			 SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_status(res, 3), SHMPLOT_FIG_TIMEOUT);
	assert_true(probe.checked);
	if (probe.max_fds > 3)
		fail_msg("a worker holds fd %d", probe.max_fds);
	shmplot_results_free(res);
	free_figs(figs, 4);
	world_free(&w);
	close(leaky);
	close(leaky2);
	unsetenv("SHMPLOT_TEST_MODE");
}

static void test_worker_fds_fork(void **state)
{
	(void)state;
	worker_fds("fork");
}

static void test_worker_fds_spawn(void **state)
{
	(void)state;
	worker_fds("spawn");
}

/* ---- hostile inputs ---- */

/* Absurd sizes are refused with a clear message before any allocation. */
static void test_absurd_sizes_refused(void **state)
{
	(void)state;
	char err[256];
	shmplot_figure *fig = NULL;
	static const double bad[][3] = {
	    {1e6, 3, 100}, {12, 1e6, 100},  {12, 3, 1e9},
	    {12, 3, -1},   {NAN, 3, 100},   {12, INFINITY, 100},
	    {12, 3, 1e-9}, {400, 400, 100}, {1e300, 1e300, 1e300}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err[0] = '\0';
		assert_int_equal(shmplot_figure_new(&fig, "x", bad[i][0],
						    bad[i][1], bad[i][2], err,
						    sizeof err),
				 SHMPLOT_E_INVALID);
		assert_null(fig);
		assert_non_null(strstr(err, "figure \"x\""));
	}
	shmplot_data *d = NULL;
	assert_int_equal(shmplot_data_new(&d, 1, SIZE_MAX / 2, err, sizeof err),
			 SHMPLOT_E_NOMEM);
	assert_non_null(strstr(err, "overflows"));
	assert_int_equal(
	    shmplot_data_new(&d, (size_t)1 << 40, 1, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "max_series"));
	/* 8 TB: refused from the free-space check, without filling /dev/shm */
	double t0 = now_s();
	assert_int_equal(
	    shmplot_data_new(&d, 1, (size_t)1 << 40, err, sizeof err),
	    SHMPLOT_E_NOSPACE);
	assert_true(now_s() - t0 < 1);
	assert_null(d);
}

/* A batch description survives a round trip; every damaged one is refused
 * cleanly (a tiny in-test fuzz run; tests/fuzz/fuzz_blob.c goes further). */
static void test_blob_round_trip_and_damage(void **state)
{
	(void)state;
	world w;
	world_init(&w, 100);
	shmplot_figure **figs = small_figs(&w, 3);
	shmplot_line *line;
	shmplot_axes *ax = shmplot_figure_axes(figs[1], 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X, w.y[0],
					   "\xc3\xa9t\xc3\xa9", &line),
			 0);
	assert_int_equal(
	    shmplot_line_set_marker(line, SHMPLOT_MARKER_CIRCLE, 0), 0);
	assert_int_equal(
	    shmplot_figure_set_grid(figs[2], 2, 3, SHMPLOT_SHARE_X), 0);
	/* every axes setting must cross: here the ones off by default */
	assert_int_equal(shmplot_axes_set_exact(ax, 1), 0);
	assert_int_equal(shmplot_axes_set_pole_segments(ax, 1), 0);
	assert_int_equal(shmplot_axes_set_grid(ax, 1), 0);
	const spr_figure *specs[3];
	for (int i = 0; i < 3; i++)
		specs[i] = sp_figure_spec(figs[i]);
	sp_batch b;
	memset(&b, 0, sizeof b);
	b.figs = specs;
	b.nfig = 3;
	b.png_level = 6;
	b.want_pixels = 1;
	unsigned char *buf, *buf2;
	size_t len, len2;
	assert_int_equal(sp_blob_encode(&b, "/some/font.ttf", &buf, &len), 0);
	sp_blob *dec = NULL;
	char err[256];
	if (sp_blob_decode(buf, len, &dec, err, sizeof err))
		fail_msg("%s", err);
	assert_int_equal(dec->nfig, 3);
	assert_string_equal(dec->font_path, "/some/font.ttf");
	assert_int_equal(dec->png_level, 6);
	assert_int_equal(dec->figs[1]->axes[0].exact, 1);
	assert_int_equal(dec->figs[1]->axes[0].pole_segments, 1);
	assert_int_equal(dec->figs[1]->axes[0].grid, 1);
	assert_int_equal(dec->figs[0]->axes[0].exact, 0);
	sp_batch b2 = b;
	b2.figs = (const spr_figure *const *)dec->figs;
	assert_int_equal(sp_blob_encode(&b2, dec->font_path, &buf2, &len2), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, buf2, len);
	sp_blob_free(dec);
	free(buf2);
	/* every truncation, and every single-byte corruption, is refused or
	 * decodes to something valid: never a crash (ASan watches) */
	for (size_t cut = 0; cut < len; cut++) {
		assert_int_equal(
		    sp_blob_decode(buf, cut, &dec, err, sizeof err), -1);
		assert_null(dec);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char saved = buf[i];
		buf[i] ^= 0xff;
		if (sp_blob_decode(buf, len, &dec, err, sizeof err) == 0)
			sp_blob_free(dec);
		buf[i] = saved;
	}
	free(buf);
	free_figs(figs, 3);
	world_free(&w);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_single_thread_uses_fork),
	    T(test_threads_busy_with_cairo),
	    T(test_sigchld_ignored),
	    T(test_sigchld_reaper),
	    T(test_sigalrm_eintr),
	    T(test_no_leaks_over_1000_renders),
	    T(test_stdio_and_atexit_not_duplicated),
	    T(test_shm_full_real),
	    T(test_shm_full_injected),
	    T(test_fork_fails_rlimit),
	    T(test_fork_fails_injected),
	    T(test_spawn_missing_worker),
	    T(test_spawned_worker_setup_failure),
	    T(test_caller_sigkilled_fork),
	    T(test_caller_sigkilled_spawn),
	    T(test_worker_fds_fork),
	    T(test_worker_fds_spawn),
	    T(test_absurd_sizes_refused),
	    T(test_blob_round_trip_and_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
