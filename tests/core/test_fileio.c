/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/core/fileio.c and src/core/output.c: the one whole-file
 * reader (sp_file_read) and its stream path (sp_file_read_stream), the one
 * atomic writer (sp_write_atomic), mkdir -p (sp_mkdirs), and the public output
 * API over them (shmplot_outdir_*, shmplot_write_file). Each test works in a
 * fresh temporary directory, which teardown removes with whatever a failed
 * assertion left in it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"
#include "shmplot/output.h"
#include "testhooks/testhooks.h"
#include "testutil.h"

typedef struct fixture {
	char dir[64]; /* the test's directory */
	sp_file file;
	shmplot_outdir *out;
	int fds_before;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/shmplot-fileio-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	f->fds_before = tu_fds();
	*state = f;
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	fixture *f = *state;
	int fds_before = f->fds_before;
	sp_file_free(&f->file);
	shmplot_outdir_free(f->out);
	chmod(f->dir, 0700);
	int gone = nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
	free(f);
	assert_true(gone);
	assert_int_equal(tu_fds(), fds_before); /* nothing left open */
	return 0;
}

/* f->dir/name, in buf. */
static const char *in_dir(const fixture *f, const char *name, char *buf,
			  size_t len)
{
	snprintf(buf, len, "%s/%s", f->dir, name);
	return buf;
}

static void put(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The names in dir, sorted and joined with ' ' into buf. */
static const char *listing(const char *dir, char *buf, size_t len)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *s = names[i]->d_name;
		if (strcmp(s, ".") && strcmp(s, "..")) {
			if (buf[0])
				strncat(buf, " ", len - strlen(buf) - 1);
			strncat(buf, s, len - strlen(buf) - 1);
		}
		free(names[i]);
	}
	free(names);
	return buf;
}

static void test_read_whole_file(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	static const char text[] = "hello\0world"; /* NULs inside are data */
	put(in_dir(f, "a.txt", path, sizeof path), text, sizeof text - 1);
	assert_int_equal(sp_file_read(path, 100, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(f->file.len, sizeof text - 1);
	assert_memory_equal(f->file.data, text, sizeof text - 1);
	assert_int_equal(f->file.data[f->file.len], 0); /* NUL-terminated */
	sp_file_free(&f->file);
	assert_null(f->file.data);
	assert_int_equal(f->file.len, 0);
	sp_file_free(&f->file); /* twice is harmless */

	/* exactly the limit is fine; an empty file too */
	assert_int_equal(
	    sp_file_read(path, sizeof text - 1, &f->file, err, sizeof err),
	    SHMPLOT_OK);
	sp_file_free(&f->file);
	put(in_dir(f, "empty", path, sizeof path), "", 0);
	assert_int_equal(sp_file_read(path, 100, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(f->file.len, 0);
	assert_non_null(f->file.data);
	assert_int_equal(f->file.data[0], 0);
}

static void test_read_refusals(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	put(in_dir(f, "big", path, sizeof path), "0123456789", 10);
	assert_int_equal(sp_file_read(path, 9, &f->file, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "10 bytes; the limit is 9"));
	assert_null(f->file.data);

	assert_int_equal(sp_file_read(in_dir(f, "nope", path, sizeof path), 100,
				      &f->file, err, sizeof err),
			 SHMPLOT_E_NOT_FOUND);
	assert_non_null(strstr(err, "cannot open"));
	/* The message does not name the file: the caller does. */
	assert_null(strstr(err, "nope"));

	assert_int_equal(sp_file_read(f->dir, 100, &f->file, err, sizeof err),
			 SHMPLOT_E_IO);
	assert_non_null(strstr(err, "not a regular file"));

	/* A FIFO without a writer: refused, never a blocked open() */
	assert_int_equal(mkfifo(in_dir(f, "fifo", path, sizeof path), 0600), 0);
	assert_int_equal(sp_file_read(path, 100, &f->file, err, sizeof err),
			 SHMPLOT_E_IO);
	assert_string_equal(err, "is a FIFO, not a regular file");
	assert_null(f->file.data);
	int fd = -2;
	struct stat st;
	assert_int_equal(sp_open_regular(f->dir, &fd, &st, err, sizeof err),
			 SHMPLOT_E_IO);
	assert_string_equal(err, "is a directory, not a regular file");
	assert_int_equal(fd, -1);
}

/* A pipe whose writer (a child) sends len bytes of 'a'..'z' and exits. */
static int pipe_of(size_t len, pid_t *pid)
{
	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	*pid = fork();
	assert_true(*pid >= 0);
	if (*pid == 0) {
		char buf[4096];
		close(p[0]);
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (char)('a' + i % 26);
		while (len) {
			size_t n = len < sizeof buf ? len : sizeof buf;
			if (write(p[1], buf, n) != (ssize_t)n)
				_exit(1);
			len -= n;
		}
		_exit(0);
	}
	close(p[1]);
	return p[0];
}

static void reap(pid_t pid)
{
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
}

static void test_read_stream(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	pid_t pid;

	/* A pipe by its /dev/fd name, longer than the first mapping. */
	int fd = pipe_of(200000, &pid);
	snprintf(path, sizeof path, "/dev/fd/%d", fd);
	assert_int_equal(
	    sp_file_read_stream(path, 200000, NULL, &f->file, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(f->file.len, 200000);
	assert_int_equal(f->file.data[199999], 'a' + 199999 % 4096 % 26);
	assert_int_equal(f->file.data[200000], 0);
	sp_file_free(&f->file);
	close(fd);
	reap(pid);

	/* One byte past the limit is refused as bad input. */
	fd = pipe_of(1001, &pid);
	snprintf(path, sizeof path, "/dev/fd/%d", fd);
	assert_int_equal(
	    sp_file_read_stream(path, 1000, NULL, &f->file, err, sizeof err),
	    SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "the limit is 1000"));
	assert_null(f->file.data);
	close(fd);
	reap(pid);

	/* "-" is standard input, left open; a regular file there is read
	 * too, its size checked first. */
	put(in_dir(f, "spec", path, sizeof path), "{}", 2);
	/* (fd 0 may be closed under a test runner: then it is closed again) */
	int saved = fcntl(0, F_DUPFD_CLOEXEC, 3);
	int in = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(in >= 0);
	if (in != 0) {
		assert_int_equal(dup2(in, 0), 0);
		close(in);
	}
	shmplot_status small =
	    sp_file_read_stream("-", 1, NULL, &f->file, err, sizeof err);
	shmplot_status whole =
	    small == SHMPLOT_E_INVALID
		? sp_file_read_stream("-", 2, NULL, &f->file, err, sizeof err)
		: small;
	int still_open = fcntl(0, F_GETFD) >= 0;
	if (saved >= 0) {
		dup2(saved, 0);
		close(saved);
	} else {
		close(0);
	}
	assert_int_equal(small, SHMPLOT_E_INVALID);
	assert_int_equal(whole, SHMPLOT_OK);
	assert_string_equal((const char *)f->file.data, "{}");
	assert_true(still_open);

	assert_int_equal(
	    sp_file_read_stream(f->dir, 100, NULL, &f->file, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_int_equal(
	    sp_file_read_stream(in_dir(f, "nope", path, sizeof path), 100, NULL,
				&f->file, err, sizeof err),
	    SHMPLOT_E_NOT_FOUND);
}

static volatile int cancel_flag;

static void on_alarm(int sig)
{
	(void)sig;
	cancel_flag = 1;
}

/*
 * A FIFO whose writer never comes and standard input whose writer never
 * writes: the wait ends when the cancel flag is set, by a signal at six
 * instants (before the call, and 1 to 41 ms into it), never in a blocked
 * open() or read(). A writer that comes is read to its end.
 */
static void test_read_stream_cancel(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	struct sigaction sa = {.sa_handler = on_alarm}, old; /* no SA_RESTART */
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	assert_int_equal(mkfifo(in_dir(f, "fifo", path, sizeof path), 0600), 0);
	for (int i = 0; i < 6; i++) {
		struct itimerval t = {.it_value = {0, 1000 + 8000 * i}};
		cancel_flag = i == 0;
		assert_int_equal(setitimer(ITIMER_REAL, &t, NULL), 0);
		assert_int_equal(sp_file_read_stream(path, 100, &cancel_flag,
						     &f->file, err, sizeof err),
				 SHMPLOT_E_INTERRUPTED);
		assert_string_equal(err, "interrupted");
		assert_null(f->file.data);
		/* standard input: a pipe whose writer (us) never writes */
		int p[2], saved = fcntl(0, F_DUPFD_CLOEXEC, 3);
		assert_int_equal(pipe2(p, O_CLOEXEC), 0);
		assert_int_equal(dup2(p[0], 0), 0);
		cancel_flag = i == 0;
		assert_int_equal(setitimer(ITIMER_REAL, &t, NULL), 0);
		shmplot_status st = sp_file_read_stream(
		    "-", 100, &cancel_flag, &f->file, err, sizeof err);
		if (saved >= 0) {
			dup2(saved, 0);
			close(saved);
		} else {
			close(0);
		}
		close(p[0]);
		close(p[1]);
		assert_int_equal(st, SHMPLOT_E_INTERRUPTED);
	}
	/* a writer that comes later: all of it, then the end */
	cancel_flag = 0;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(20000);
		int w = open(path, O_WRONLY);
		_exit(w >= 0 && write(w, "{\"a\": 1}", 8) == 8 ? 0 : 1);
	}
	assert_int_equal(sp_file_read_stream(path, 100, &cancel_flag, &f->file,
					     err, sizeof err),
			 SHMPLOT_OK);
	assert_string_equal((const char *)f->file.data, "{\"a\": 1}");
	reap(pid);
	sigaction(SIGALRM, &old, NULL);
}

static void test_write_atomic(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "", names[256];
	in_dir(f, "out.png", path, sizeof path);
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, path, "first", 5, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, path, "second!", 7, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(sp_file_read(path, 100, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(f->file.len, 7);
	assert_memory_equal(f->file.data, "second!", 7);
	/* no temporary file is left beside it */
	assert_string_equal(listing(f->dir, names, sizeof names), "out.png");

	/* relative to a directory descriptor */
	int dfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	shmplot_status st =
	    sp_write_atomic(dfd, "rel.bin", "xyz", 3, err, sizeof err);
	close(dfd);
	assert_int_equal(st, SHMPLOT_OK);
	assert_string_equal(listing(f->dir, names, sizeof names),
			    "out.png rel.bin");
}

static void test_write_atomic_failures(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "", names[256];
	/* a missing directory: the reason, and nothing created */
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD,
			    in_dir(f, "no/such.png", path, sizeof path), "x", 1,
			    err, sizeof err),
	    SHMPLOT_E_IO);
	assert_non_null(strstr(err, "No such file"));
	/* the target is a directory: the write fails at the rename, and
	 * the temporary file is removed */
	assert_int_equal(mkdir(in_dir(f, "sub", path, sizeof path), 0700), 0);
	assert_int_equal(mkdir(in_dir(f, "sub/x", path, sizeof path), 0700), 0);
	err[0] = '\0';
	in_dir(f, "sub/x/y", path, sizeof path);
	assert_int_equal(mkdir(path, 0700), 0);
	put(in_dir(f, "sub/x/y/z", path, sizeof path), "z", 1);
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, in_dir(f, "sub/x/y", path, sizeof path),
			    "data", 4, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_true(err[0] != '\0');
	assert_string_equal(
	    listing(in_dir(f, "sub/x", path, sizeof path), names, sizeof names),
	    "y");
	/* a name too long for any path */
	char longname[5000];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, longname, "x", 1, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_non_null(strstr(err, "too long"));
}

/*
 * Where the file system has no O_TMPFILE (faked by the test hook): a
 * temporary file of a random name, renamed; nothing left on success or
 * failure, errno kept, and the signal mask as it was.
 */
static void test_write_atomic_fallback(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "", names[256];
	sigset_t before, after;

	setenv("SHMPLOT_TEST_SYSFAULT", "tmpfile=EOPNOTSUPP", 1);
	sp_test_calls_reset();
	pthread_sigmask(SIG_SETMASK, NULL, &before);
	in_dir(f, "out.png", path, sizeof path);
	for (int i = 0; i < 20; i++)
		assert_int_equal(
		    sp_write_atomic(AT_FDCWD, path, "abc", 3, err, sizeof err),
		    SHMPLOT_OK);
	assert_string_equal(listing(f->dir, names, sizeof names), "out.png");
	assert_int_equal(sp_file_read(path, 10, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_memory_equal(f->file.data, "abc", 3);
	/* a directory has the name: EISDIR, and only the directory is left */
	assert_int_equal(mkdir(in_dir(f, "d.png", path, sizeof path), 0700), 0);
	errno = 0;
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, path, "abc", 3, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_int_equal(errno, EISDIR);
	assert_string_equal(listing(f->dir, names, sizeof names),
			    "d.png out.png");
	pthread_sigmask(SIG_SETMASK, NULL, &after);
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	assert_true(sp_test_calls(SP_CALL_TMPFILE) >= 21); /* the hook ran */
	for (int sig = 1; sig < 32; sig++)
		assert_int_equal(sigismember(&before, sig),
				 sigismember(&after, sig));
}

/* With O_TMPFILE: errno of a directory in the way, nothing else left. */
static void test_write_atomic_errno(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "", names[256];
	assert_int_equal(mkdir(in_dir(f, "d.png", path, sizeof path), 0700), 0);
	errno = 0;
	assert_int_equal(
	    sp_write_atomic(AT_FDCWD, path, "abc", 3, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_int_equal(errno, EISDIR);
	assert_non_null(strstr(err, "Is a directory"));
	assert_string_equal(listing(f->dir, names, sizeof names), "d.png");
}

static void test_mkdirs(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	struct stat st;
	in_dir(f, "a/b/c", path, sizeof path);
	assert_int_equal(sp_mkdirs(path, err, sizeof err), SHMPLOT_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* again: it exists, which is fine; a trailing slash too */
	assert_int_equal(sp_mkdirs(path, err, sizeof err), SHMPLOT_OK);
	strcat(path, "/");
	assert_int_equal(sp_mkdirs(path, err, sizeof err), SHMPLOT_OK);
	/* through a regular file: refused with the reason */
	put(in_dir(f, "file", path, sizeof path), "x", 1);
	assert_int_equal(
	    sp_mkdirs(in_dir(f, "file/d", path, sizeof path), err, sizeof err),
	    SHMPLOT_E_IO);
	assert_non_null(strstr(err, "Not a directory"));
	assert_int_equal(sp_mkdirs("", err, sizeof err), SHMPLOT_E_IO);
}

static void test_outdir(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "", names[256];
	in_dir(f, "out/figs", path, sizeof path);
	assert_int_equal(shmplot_outdir_open(&f->out, path, err, sizeof err),
			 SHMPLOT_OK);
	assert_string_equal(shmplot_outdir_path(f->out), path);
	assert_string_equal(shmplot_outdir_errmsg(f->out), "");
	assert_int_equal(shmplot_outdir_write(f->out, "a.png", "AB", 2),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_outdir_write(f->out, "a.png", "ABC", 3),
			 SHMPLOT_OK);
	assert_string_equal(listing(path, names, sizeof names), "a.png");
	in_dir(f, "out/figs/a.png", path, sizeof path);
	assert_int_equal(sp_file_read(path, 10, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(f->file.len, 3);
	/* a path is not a file name; the message stays on the handle */
	assert_int_equal(shmplot_outdir_write(f->out, "x/a.png", "A", 1),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_outdir_errmsg(f->out), "x/a.png"));
	assert_int_equal(shmplot_outdir_write(f->out, "", "A", 1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_outdir_write(f->out, NULL, "A", 1),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_outdir_write(NULL, "a", "A", 1),
			 SHMPLOT_E_INVALID);
	assert_null(shmplot_outdir_path(NULL));
	assert_string_equal(shmplot_outdir_errmsg(NULL), "");
	shmplot_outdir_free(NULL);
}

/* Sets path's modification time to `age` seconds ago. */
static void age_file(const char *path, long age)
{
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= age;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/*
 * A temporary name a SIGKILL left between linkat and rename is removed by
 * the next run opening the directory, once older than SP_STALE_TMP_S; a
 * fresh one (a concurrent run's, about to be renamed), a directory and
 * other dot files stay.
 */
static void test_outdir_removes_stale_tmp(void **state)
{
	fixture *f = *state;
	char path[160], err[256] = "", names[512];
	static const char *const stale[] = {".a.png.tmp.0123456789abcdef",
					    ".b c.png.tmp.fedcba9876543210"};
	in_dir(f, "out", path, sizeof path);
	assert_int_equal(mkdir(path, 0777), 0);
	for (size_t i = 0; i < 2; i++) {
		in_dir(f, "out/", path, sizeof path);
		strncat(path, stale[i], sizeof path - strlen(path) - 1);
		put(path, "x", 1);
		age_file(path, SP_STALE_TMP_S + 5);
	}
	put(in_dir(f, "out/.c.png.tmp.00000000000000aa", path, sizeof path),
	    "x", 1); /* fresh */
	put(in_dir(f, "out/.notes.tmp.0123456789ABCDEF", path, sizeof path),
	    "x", 1); /* not hex as we write it */
	age_file(path, 1000);
	put(in_dir(f, "out/.x.tmp.0123", path, sizeof path), "x", 1);
	age_file(path, 1000);
	in_dir(f, "out/.d.png.tmp.1111111111111111", path, sizeof path);
	assert_int_equal(mkdir(path, 0777), 0);
	age_file(path, 1000);
	put(in_dir(f, "out/a.png", path, sizeof path), "png", 3);
	age_file(path, 1000);

	in_dir(f, "out", path, sizeof path);
	assert_int_equal(shmplot_outdir_open(&f->out, path, err, sizeof err),
			 SHMPLOT_OK);
	assert_string_equal(listing(path, names, sizeof names),
			    ".c.png.tmp.00000000000000aa "
			    ".d.png.tmp.1111111111111111 "
			    ".notes.tmp.0123456789ABCDEF .x.tmp.0123 a.png");
	in_dir(f, "out/.d.png.tmp.1111111111111111", path, sizeof path);
	assert_int_equal(rmdir(path), 0);
}

static void test_outdir_failures(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	shmplot_outdir *d = (shmplot_outdir *)f; /* must be reset */
	put(in_dir(f, "file", path, sizeof path), "x", 1);
	in_dir(f, "file/sub", path, sizeof path);
	assert_int_equal(shmplot_outdir_open(&d, path, err, sizeof err),
			 SHMPLOT_E_IO);
	assert_null(d);
	assert_non_null(strstr(err, "cannot create"));
	assert_non_null(strstr(err, path));
	assert_int_equal(shmplot_outdir_open(&d, "", err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_outdir_open(NULL, f->dir, err, sizeof err),
			 SHMPLOT_E_INVALID);
	/* a directory that vanished under the handle: the write says so */
	in_dir(f, "gone", path, sizeof path);
	assert_int_equal(shmplot_outdir_open(&f->out, path, NULL, 0),
			 SHMPLOT_OK);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(shmplot_outdir_write(f->out, "a.png", "A", 1),
			 SHMPLOT_E_IO);
	assert_non_null(strstr(shmplot_outdir_errmsg(f->out), "gone/a.png"));
}

static void test_write_file(void **state)
{
	fixture *f = *state;
	char path[128], err[256] = "";
	in_dir(f, "report.json", path, sizeof path);
	assert_int_equal(shmplot_write_file(path, "{}", 2, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(sp_file_read(path, 10, &f->file, err, sizeof err),
			 SHMPLOT_OK);
	assert_memory_equal(f->file.data, "{}", 2);
	in_dir(f, "none/report.json", path, sizeof path);
	assert_int_equal(shmplot_write_file(path, "{}", 2, err, sizeof err),
			 SHMPLOT_E_IO);
	assert_non_null(strstr(err, "cannot write"));
	assert_non_null(strstr(err, path));
	assert_int_equal(shmplot_write_file("", "{}", 2, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_write_file(NULL, "{}", 2, NULL, 0),
			 SHMPLOT_E_INVALID);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_read_whole_file),
	    T(test_read_refusals),
	    T(test_read_stream),
	    T(test_read_stream_cancel),
	    T(test_write_atomic),
	    T(test_write_atomic_failures),
	    T(test_write_atomic_fallback),
	    T(test_write_atomic_errno),
	    T(test_mkdirs),
	    T(test_outdir),
	    T(test_outdir_failures),
	    T(test_outdir_removes_stale_tmp),
	    T(test_write_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
