/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/cli.c: the shmplot executable, run as a user would, including
 * being killed or interrupted mid-batch.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "testutil.h"

#ifndef SHMPLOT_EXE
#error "SHMPLOT_EXE must name the shmplot executable"
#endif

static char tmpdir[256];

/* Runs shmplot with args; returns the exit status, captures stderr. */
static int run(char *errout, size_t errlen, const char *arg, ...)
{
	const char *argv[32] = {SHMPLOT_EXE};
	int argc = 1;
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	int rc = tu_run_argv(argv, errout, errlen, NULL);
	assert_true(rc >= 0);
	return rc;
}

/* Runs shmplot capturing stdout, with $SHMPLOT_FONT set to font if given. */
static int run_out(char *out, size_t outlen, const char *font, const char *arg,
		   ...)
{
	const char *argv[16] = {SHMPLOT_EXE};
	int argc = 1;
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a && argc < 15; a = va_arg(ap, const char *))
		argv[argc++] = a;
	va_end(ap);
	int pipefd[2];
	assert_int_equal(pipe2(pipefd, O_CLOEXEC), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (font)
			setenv("SHMPLOT_FONT", font, 1);
		dup2(pipefd[1], 1);
		execv(SHMPLOT_EXE, (char **)argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t got = 0;
	ssize_t n;
	while (got + 1 < outlen &&
	       (n = read(pipefd[0], out + got, outlen - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(pipefd[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/shmplot-cli-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_shm_entries(), 0);
	assert_int_equal(tu_children(), 0);
	return 0;
}

static void check_png(const char *dir, const char *name, int w, int h)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t len;
	unsigned char *buf = tu_read_file(path, &len);
	if (!buf)
		fail_msg("%s was not written", path);
	int dw, dh;
	unsigned char *px = tu_decode_png(buf, len, &dw, &dh);
	assert_non_null(px);
	assert_int_equal(dw, w);
	assert_int_equal(dh, h);
	free(px);
	free(buf);
}

/* Only figureN.png files: no temporary file survives. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		n +=
		    strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_seed_batch(void **state)
{
	(void)state;
	char out[300];
	snprintf(out, sizeof out, "%s/new/sub", tmpdir); /* created */
	assert_int_equal(run(NULL, 0, "render", "-q", "-o", out, NULL), 0);
	check_png(out, "figure1.png", 1200, 300);
	check_png(out, "figure2.png", 1200, 300);
	check_png(out, "figure3.png", 1200, 300);
	assert_int_equal(count_entries(out), 3);
}

/* Byte-identical output whatever -j is and from run to run. */
static void test_deterministic(void **state)
{
	(void)state;
	char a[300], b[300];
	snprintf(a, sizeof a, "%s/a", tmpdir);
	snprintf(b, sizeof b, "%s/b", tmpdir);
	assert_int_equal(run(NULL, 0, "render", "-q", "-j", "1", "-o", a, NULL),
			 0);
	assert_int_equal(
	    run(NULL, 0, "render", "-q", "-j", "3", "--out", b, NULL), 0);
	for (int i = 1; i <= 3; i++) {
		char pa[400], pb[400];
		snprintf(pa, sizeof pa, "%s/figure%d.png", a, i);
		snprintf(pb, sizeof pb, "%s/figure%d.png", b, i);
		size_t la, lb;
		unsigned char *ba = tu_read_file(pa, &la);
		unsigned char *bb = tu_read_file(pb, &lb);
		assert_non_null(ba);
		assert_non_null(bb);
		assert_int_equal(la, lb);
		assert_memory_equal(ba, bb, la);
		free(ba);
		free(bb);
	}
}

static void test_usage_errors(void **state)
{
	(void)state;
	char err[1024];
	assert_int_equal(run(err, sizeof err, NULL), 64);
	assert_int_equal(run(err, sizeof err, "frobnicate", NULL), 64);
	assert_non_null(strstr(err, "unknown command 'frobnicate'"));
	assert_int_equal(run(err, sizeof err, "render", "-n", "1", NULL), 64);
	assert_non_null(strstr(err, "-n/--points"));
	assert_int_equal(run(err, sizeof err, "render", "-n", "12x", NULL), 64);
	assert_int_equal(run(err, sizeof err, "render", "-j", "-1", NULL), 64);
	assert_non_null(strstr(err, "-j/--jobs"));
	assert_int_equal(
	    run(err, sizeof err, "render", "--timeout", "-1", NULL), 64);
	assert_int_equal(run(err, sizeof err, "render", "--bogus", NULL), 64);
	assert_non_null(strstr(err, "unknown option '--bogus'"));
	assert_int_equal(run(err, sizeof err, "render", "-o", NULL), 64);
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(run(err, sizeof err, "render", "extra", NULL), 64);
	assert_int_equal(run(err, sizeof err, "--help", NULL), 0);
	assert_int_equal(run(err, sizeof err, "render", "--help", NULL), 0);
	assert_int_equal(run(err, sizeof err, "--version", NULL), 0);
}

static void test_unwritable_output(void **state)
{
	(void)state;
	char err[1024], file[300];
	snprintf(file, sizeof file, "%s/plainfile", tmpdir);
	int fd = open(file, O_CREAT | O_WRONLY, 0644);
	close(fd);
	/* A regular file where a directory should be. */
	snprintf(file, sizeof file, "%s/plainfile/out", tmpdir);
	assert_int_equal(run(err, sizeof err, "render", "-o", file, NULL), 74);
	assert_non_null(strstr(err, "cannot create"));
	/* A directory we may not write to (as root, a read-only mount). */
	assert_int_equal(
	    run(err, sizeof err, "render", "-o", "/proc/self", NULL), 74);
	assert_non_null(strstr(err, "cannot write"));
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts a slow batch and returns once its workers are running. */
static pid_t start_slow_batch(const char *out)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		dup2(devnull, 2);
		execl(SHMPLOT_EXE, SHMPLOT_EXE, "render", "-n", "4000000", "-j",
		      "2", "-o", out, (char *)NULL);
		_exit(127);
	}
	double t0 = now_s();
	while (tu_children_of(pid, 0) < 2 && now_s() - t0 < 20)
		usleep(2000);
	assert_true(tu_children_of(pid, 0) >= 2);
	return pid;
}

/* Reaps orphans re-parented to us (we are a subreaper) for up to secs. */
static int wait_no_children(double secs)
{
	double t0 = now_s();
	do {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (tu_children() == 0)
			return 1;
		usleep(5000);
	} while (now_s() - t0 < secs);
	return 0;
}

/* SIGKILL to the CLI mid-batch: within a second no worker survives. */
static void test_sigkill_leaves_nothing(void **state)
{
	(void)state;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pid_t pid = start_slow_batch(tmpdir);
	kill(pid, SIGKILL);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(wait_no_children(1.0));
	assert_int_equal(tu_shm_entries(), 0);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

/* SIGINT stops the batch: exit 130, "interrupted", no partial files. */
static void test_sigint_interrupts_cleanly(void **state)
{
	(void)state;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pid_t pid = start_slow_batch(tmpdir);
	kill(pid, SIGINT);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 130);
	assert_true(wait_no_children(1.0));
	DIR *d = opendir(tmpdir);
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] == '.' && strlen(e->d_name) > 2)
			fail_msg("temporary file %s left behind", e->d_name);
	closedir(d);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

/* --version names the font in use; $SHMPLOT_FONT overrides it. */
static void test_version_names_font(void **state)
{
	(void)state;
	char out[1024];
	assert_int_equal(run_out(out, sizeof out, NULL, "--version", NULL), 0);
	assert_non_null(strstr(out, "shmplot 0."));
	assert_non_null(strstr(out, "font: /"));
	assert_non_null(strstr(out, "DejaVuSans.ttf"));

	const char *mono =
	    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
	if (access(mono, R_OK) == 0) {
		assert_int_equal(
		    run_out(out, sizeof out, mono, "--version", NULL), 0);
		assert_non_null(strstr(out, mono));
	}
	/* A font that cannot be loaded: said so, with the path, exit 70. */
	assert_int_equal(
	    run_out(out, sizeof out, "/nonexistent/x.ttf", "--version", NULL),
	    70);
	assert_non_null(strstr(out, "/nonexistent/x.ttf"));
	char err[1024];
	setenv("SHMPLOT_FONT", "/nonexistent/x.ttf", 1);
	int rc = run(err, sizeof err, "render", "-q", "-o", tmpdir, NULL);
	unsetenv("SHMPLOT_FONT");
	assert_int_equal(rc, 70);
	assert_non_null(strstr(err, "/nonexistent/x.ttf"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_seed_batch),
	    T(test_deterministic),
	    T(test_usage_errors),
	    T(test_unwritable_output),
	    T(test_sigkill_leaves_nothing),
	    T(test_sigint_interrupts_cleanly),
	    T(test_version_names_font),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
