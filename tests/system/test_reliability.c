/* SPDX-License-Identifier: MIT */
/*
 * Reliability tests, hostile callers: threads busy in cairo and malloc
 * while others render, SIGCHLD ignored or reaped by the caller, an EINTR
 * storm, leaks over 1,000 renders, stdio and atexit in forked workers.
 * System faults and hostile inputs are in test_faults.c.
 */
#define _GNU_SOURCE
#include <cairo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/time.h>
#include <time.h>

#include "core/core.h"
#include "world.h"

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

/*
 * sp_thread_count() once the threads joined before have left
 * /proc/self/task: pthread_join() returns when a thread is done, a moment
 * before the kernel drops its task (seen: the test before this one left
 * 2 here under load). Waits up to 5 s for want.
 */
static int thread_count_settled(int want)
{
	int n = sp_thread_count();
	for (int i = 0; i < 5000 && n != want; i++) {
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
		n = sp_thread_count();
	}
	return n;
}

/* With only this thread, the fast fork path is used (and works). */
static void test_single_thread_uses_fork(void **state)
{
	(void)state;
	assert_int_equal(thread_count_settled(1), 1);
	pthread_t t;
	atomic_store(&stop_busy, 0);
	assert_int_equal(pthread_create(&t, NULL, busy_cairo, NULL), 0);
	assert_int_equal(sp_thread_count(), 2);
	atomic_store(&stop_busy, 1);
	pthread_join(t, NULL);
	assert_int_equal(thread_count_settled(1), 1);
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
	held *h = *state;
	world_init(&h->w, 200);
	held_figs(h, 2);
	const char *env = getenv("SHMPLOT_TEST_RENDERS");
	int rounds = env ? atoi(env) : 1000;
	/* A warm-up render, so lazily-opened library state is counted. */
	assert_int_equal(held_render(h, 2, 2, 0), SHMPLOT_OK);
	assert_all_ok(h->res, 2);
	int fds = tu_fds();
	for (int i = 0; i < rounds; i++) {
		/* every 50th round has a crash, a timeout or a bad exit */
		static const char *const faults[] = {"f1:segv", "f0:exit",
						     "f1:truncate", "f0:abort"};
		if (i % 50 == 49)
			setenv("SHMPLOT_TEST_FAULT", faults[(i / 50) % 4], 1);
		shmplot_status st = held_render(h, 2, 2, 0);
		unsetenv("SHMPLOT_TEST_FAULT");
		assert_true(st == SHMPLOT_OK ||
			    (i % 50 == 49 && st == SHMPLOT_E_FIGURES));
		assert_int_equal(tu_children(), 0);
	}
	assert_int_equal(tu_fds(), fds);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
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
	held *h = *state;
	int *out = &h->fd[0], *ax = &h->fd[2];
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
	out[1] = ax[1] = -1;
	char buf[256] = "", abuf[16] = "";
	size_t got = 0, agot = 0;
	ssize_t n;
	while ((n = read(out[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	while ((n = read(ax[0], abuf + agot, sizeof abuf - 1 - agot)) > 0)
		agot += (size_t)n;
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(buf, "marker\n");
	assert_string_equal(abuf, "A");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, held_setup, held_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_single_thread_uses_fork),
	    T(test_threads_busy_with_cairo),
	    T(test_sigchld_ignored),
	    T(test_sigchld_reaper),
	    T(test_sigalrm_eintr),
	    T(test_no_leaks_over_1000_renders),
	    T(test_stdio_and_atexit_not_duplicated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
