/* SPDX-License-Identifier: MIT */
/*
 * Reliability tests, system faults and hostile inputs: /dev/shm full (for
 * real in a private mount namespace, and injected), fork failing (the
 * process limit, and injected), a missing or broken worker executable,
 * the caller SIGKILLed mid-batch, descriptors a worker must not hold,
 * absurd sizes, and damaged batch descriptions. Faults come from the
 * test-only hooks SHMPLOT_TEST_FAULT (per figure), SHMPLOT_TEST_SYSFAULT
 * (system calls) and SHMPLOT_TEST_MODE (force fork or spawn); what the
 * library tried is read from the hooks' counts (sp_test_calls()), never
 * from seconds.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>

#include "figure/figure.h"
#include "world.h"

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
	held *h = *state;
	char err[256] = "";
	setenv("SHMPLOT_TEST_SYSFAULT", "fallocate=ENOSPC", 1);
	sp_test_calls_reset();
	shmplot_status st =
	    shmplot_data_new(&h->data, 2, 1000, err, sizeof err);
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	assert_int_equal(st, SHMPLOT_E_NOSPACE);
	assert_null(h->data);
	assert_int_equal(sp_test_calls(SP_CALL_FALLOCATE), 1);
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
	shmplot_status st = render(w, figs, 4, 2, 20, &res);
	const char *msg = shmplot_renderer_errmsg(w->r);
	if (st != SHMPLOT_E_SYSTEM || !strstr(msg, want)) {
		fprintf(stderr, "status %d, message \"%s\", wanted \"%s\"\n",
			st, msg, want);
		_exit(1);
	}
	/* one worker tried, and no retrying: with none, no progress */
	CHECK(sp_test_calls(SP_CALL_FORK) == 1);
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
 * The caller is SIGKILLed mid-batch: every worker dies with it (they watch
 * for their parent's death) and nothing is left in /dev/shm. As a
 * subreaper, this process inherits the orphaned workers and waits for
 * each of them: one that outlived its parent would hold the wait until
 * CTest's timeout.
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
	/* the batch is under way once its three workers are */
	while (tu_children_of(pid, 0) < 3) {
		assert_int_equal(waitpid(pid, NULL, WNOHANG), 0);
		usleep(2000);
	}
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	int reaped = 0;
	for (pid_t r; (r = waitpid(-1, NULL, 0)) > 0 || errno == EINTR;)
		reaped += r > 0;
	assert_int_equal(errno, ECHILD);
	assert_int_equal(reaped, 3);
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
static void worker_fds(held *h, const char *mode)
{
	setenv("SHMPLOT_TEST_MODE", mode, 1);
	h->fd[0] = open("/dev/null", O_RDONLY); /* no O_CLOEXEC */
	assert_true(h->fd[0] >= 0);
	h->fd[1] = dup2(h->fd[0], 40);
	assert_int_equal(h->fd[1], 40);
	world_init(&h->w, 200);
	held_figs(h, 4);
	setenv("SHMPLOT_TEST_FAULT", "f3:hang", 1);
	fdprobe probe = {0, 0, 0};
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = 2;
	o.timeout_s = 1;
	o.on_result = probe_worker_fds;
	o.userdata = &probe;
	assert_int_equal(
	    shmplot_render(h->w.r, h->w.d, h->figs, 4, &o, &h->res),
	    SHMPLOT_E_FIGURES);
	assert_int_equal(shmplot_results_status(h->res, 3),
			 SHMPLOT_FIG_TIMEOUT);
	assert_true(probe.checked);
	if (probe.max_fds > 3)
		fail_msg("a worker holds fd %d", probe.max_fds);
}

static void test_worker_fds_fork(void **state)
{
	worker_fds(*state, "fork");
}

static void test_worker_fds_spawn(void **state)
{
	worker_fds(*state, "spawn");
}

/* ---- hostile inputs ---- */

/* Absurd sizes are refused with a clear message before any allocation. */
static void test_absurd_sizes_refused(void **state)
{
	held *h = *state;
	char err[256];
	static const double bad[][3] = {
	    {1e6, 3, 100}, {12, 1e6, 100},  {12, 3, 1e9},
	    {12, 3, -1},   {NAN, 3, 100},   {12, INFINITY, 100},
	    {12, 3, 1e-9}, {400, 400, 100}, {1e300, 1e300, 1e300}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err[0] = '\0';
		assert_int_equal(shmplot_figure_new(&h->fig, "x", bad[i][0],
						    bad[i][1], bad[i][2], err,
						    sizeof err),
				 SHMPLOT_E_INVALID);
		assert_null(h->fig);
		assert_non_null(strstr(err, "figure \"x\""));
	}
	sp_test_calls_reset();
	assert_int_equal(
	    shmplot_data_new(&h->data, 1, SIZE_MAX / 2, err, sizeof err),
	    SHMPLOT_E_NOMEM);
	assert_non_null(strstr(err, "overflows"));
	assert_int_equal(
	    shmplot_data_new(&h->data, (size_t)1 << 40, 1, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "max_series"));
	/* 8 TB: refused from the free-space check, without filling /dev/shm */
	assert_int_equal(
	    shmplot_data_new(&h->data, 1, (size_t)1 << 40, err, sizeof err),
	    SHMPLOT_E_NOSPACE);
	assert_null(h->data);
	assert_int_equal(sp_test_calls(SP_CALL_FALLOCATE), 0);
}

/* A batch description survives a round trip; every damaged one is refused
 * cleanly (a tiny in-test fuzz run; tests/fuzz/fuzz_blob.c goes further). */
static void test_blob_round_trip_and_damage(void **state)
{
	held *h = *state;
	world_init(&h->w, 100);
	shmplot_figure **figs = held_figs(h, 3);
	shmplot_line *line;
	shmplot_axes *ax = shmplot_figure_axes(figs[1], 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, SHMPLOT_NO_X, h->w.y[0],
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
	size_t len, len2;
	char err[256];
	assert_int_equal(sp_blob_encode(&b, "/some/font.ttf", &h->buf[0], &len,
					err, sizeof err),
			 SHMPLOT_OK);
	unsigned char *buf = h->buf[0];
	if (sp_blob_decode(buf, len, &h->blob, err, sizeof err))
		fail_msg("%s", err);
	sp_blob *dec = h->blob;
	assert_int_equal(dec->nfig, 3);
	assert_string_equal(dec->font_path, "/some/font.ttf");
	assert_int_equal(dec->png_level, 6);
	assert_int_equal(dec->figs[1]->axes[0].exact, 1);
	assert_int_equal(dec->figs[1]->axes[0].pole_segments, 1);
	assert_int_equal(dec->figs[1]->axes[0].grid, 1);
	assert_int_equal(dec->figs[0]->axes[0].exact, 0);
	sp_batch b2 = b;
	b2.figs = (const spr_figure *const *)dec->figs;
	assert_int_equal(sp_blob_encode(&b2, dec->font_path, &h->buf[1], &len2,
					err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, h->buf[1], len);
	sp_blob_free(h->blob);
	h->blob = NULL;
	/* every truncation, and every single-byte corruption, is refused or
	 * decodes to something valid: never a crash (ASan watches) */
	for (size_t cut = 0; cut < len; cut++) {
		int rc = sp_blob_decode(buf, cut, &h->blob, err, sizeof err);
		assert_int_equal(rc, SHMPLOT_E_INVALID);
		assert_null(h->blob);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char saved = buf[i];
		buf[i] ^= 0xff;
		if (sp_blob_decode(buf, len, &h->blob, err, sizeof err) == 0) {
			sp_blob_free(h->blob);
			h->blob = NULL;
		}
		buf[i] = saved;
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, held_setup, held_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_shm_full_real),         T(test_shm_full_injected),
	    T(test_fork_fails_rlimit),     T(test_fork_fails_injected),
	    T(test_spawn_missing_worker),  T(test_spawned_worker_setup_failure),
	    T(test_caller_sigkilled_fork), T(test_caller_sigkilled_spawn),
	    T(test_worker_fds_fork),       T(test_worker_fds_spawn),
	    T(test_absurd_sizes_refused),  T(test_blob_round_trip_and_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
