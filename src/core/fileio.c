/* SPDX-License-Identifier: MIT */
/*
 * Whole files in and out: the one reader every stage uses (specs, CSV
 * files, PNGs, the font) and the one atomic writer (figures, reports,
 * diff images).
 */
#define _GNU_SOURCE
#include "core/core.h"
#ifdef SHMPLOT_TEST_HOOKS
#include "testhooks/testhooks.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *sp_file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "is a FIFO";
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISCHR(mode))
		return "is a character device";
	if (S_ISBLK(mode))
		return "is a block device";
	if (S_ISSOCK(mode))
		return "is a socket";
	return "is not a regular file";
}

/*
 * Opens path without ever blocking in open(): a FIFO would wait there for
 * a writer, deaf to the caller's cancel flag (every retry on EINTR).
 */
static int open_nonblock(const char *path)
{
	int fd;

	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	return fd;
}

shmplot_status sp_open_regular(const char *path, int *fd, struct stat *st,
			       char *err, size_t errlen)
{
	shmplot_status rc;
	int e;

	*fd = open_nonblock(path);
	if (*fd < 0) {
		e = errno;
		return sp_error(err, errlen,
				e == ENOENT ? SHMPLOT_E_NOT_FOUND
					    : SHMPLOT_E_IO,
				"cannot open: %s", strerror(e));
	}
	if (fstat(*fd, st) != 0)
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "cannot stat: %s",
			      strerror(errno));
	else if (!S_ISREG(st->st_mode))
		rc = sp_error(err, errlen, SHMPLOT_E_IO,
			      "%s, not a regular file",
			      sp_file_kind(st->st_mode));
	/* (reads of a regular file never wait; blocking again anyway, as
	 * every other reader of it expects) */
	else if (fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK) != 0)
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "cannot read: %s",
			      strerror(errno));
	else
		return SHMPLOT_OK;
	close(*fd);
	*fd = -1;
	return rc;
}

/* Reads want bytes into buf, fewer only at EOF: *got says how many. */
static shmplot_status read_full(int fd, unsigned char *buf, size_t want,
				size_t *got, char *err, size_t errlen)
{
	*got = 0;
	while (*got < want) {
		ssize_t n = read(fd, buf + *got, want - *got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sp_error(err, errlen, SHMPLOT_E_IO,
					"read error: %s", strerror(errno));
		if (n == 0)
			break;
		*got += (size_t)n;
	}
	return SHMPLOT_OK;
}

shmplot_status sp_file_read(const char *path, size_t max_bytes, sp_file *out,
			    char *err, size_t errlen)
{
	struct stat st;
	shmplot_status rc;
	size_t size, got;
	int fd;

	memset(out, 0, sizeof *out);
	if ((rc = sp_open_regular(path, &fd, &st, err, errlen)))
		return rc;
	if (st.st_size < 0 || (uint64_t)st.st_size > max_bytes) {
		rc = sp_error(err, errlen, SHMPLOT_E_INVALID,
			      "the file is %lld bytes; the limit is %zu",
			      (long long)st.st_size, max_bytes);
		goto done;
	}
	size = (size_t)st.st_size;
	/* One byte more: room for the NUL, and a file that grew shows. */
	out->map_len = size + 1;
	out->data = mmap(NULL, out->map_len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (out->data == MAP_FAILED) {
		out->data = NULL;
		rc = sp_error(err, errlen, SHMPLOT_E_NOMEM,
			      "out of memory for %zu bytes", size);
		goto done;
	}
	rc = read_full(fd, out->data, size + 1, &got, err, errlen);
	if (rc == SHMPLOT_OK && got != size)
		rc = sp_error(err, errlen, SHMPLOT_E_IO,
			      "the file changed size while being read");
	if (rc != SHMPLOT_OK) {
		sp_file_free(out);
		goto done;
	}
	out->len = size;
	out->data[size] = 0;
done:
	close(fd);
	return rc;
}

/* How often a wait with a cancel flag looks at it: a signal that sets the
 * flag just before poll() is seen within a tick. */
#define CANCEL_TICK_MS 100

/*
 * Waits until fd (which may be non-blocking) has something to read or is
 * at its end; SHMPLOT_E_INTERRUPTED once *cancel (may be NULL) is set.
 */
static shmplot_status wait_readable(int fd, volatile int *cancel, char *err,
				    size_t errlen)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	int n;

	for (;;) {
		if (cancel && *cancel)
			return sp_error(err, errlen, SHMPLOT_E_INTERRUPTED,
					"interrupted");
		n = poll(&pfd, 1, cancel ? CANCEL_TICK_MS : -1);
		if (n > 0)
			return SHMPLOT_OK;
		if (n < 0 && errno != EINTR)
			return sp_error(err, errlen, SHMPLOT_E_IO,
					"read error: %s", strerror(errno));
	}
}

/*
 * Doubles the anonymous mapping f lives in, up to max_bytes + 2 bytes: room
 * for one byte past the limit (which shows that the stream is too long)
 * and the NUL.
 */
static shmplot_status grow_map(sp_file *f, size_t max_bytes, char *err,
			       size_t errlen)
{
	size_t want = f->map_len ? f->map_len * 2 : (size_t)64 << 10;
	void *p;

	if (want > max_bytes + 2 || want < f->map_len)
		want = max_bytes + 2;
	if (f->data)
		p = mremap(f->data, f->map_len, want, MREMAP_MAYMOVE);
	else
		p = mmap(NULL, want, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for %zu bytes", want);
	f->data = p;
	f->map_len = want;
	return SHMPLOT_OK;
}

/*
 * Reads fd to its end into f, at most max_bytes. Each read waits in poll()
 * first: a FIFO opened without blocking reads as ended until a writer has
 * come, and a wait there sees the cancel flag.
 */
static shmplot_status read_stream(int fd, size_t max_bytes,
				  volatile int *cancel, sp_file *f, char *err,
				  size_t errlen)
{
	shmplot_status rc = SHMPLOT_OK;

	for (;;) {
		if (f->len > max_bytes)
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"more than %zu bytes; the limit is %zu",
					max_bytes, max_bytes);
		if (f->len + 1 >= f->map_len &&
		    (rc = grow_map(f, max_bytes, err, errlen)))
			return rc;
		if ((rc = wait_readable(fd, cancel, err, errlen)))
			return rc;
		ssize_t n = read(fd, f->data + f->len, f->map_len - f->len - 1);
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return sp_error(err, errlen, SHMPLOT_E_IO,
					"read error: %s", strerror(errno));
		if (n == 0)
			return SHMPLOT_OK;
		if (n > 0)
			f->len += (size_t)n;
	}
}

shmplot_status sp_file_read_stream(const char *path, size_t max_bytes,
				   volatile int *cancel, sp_file *out,
				   char *err, size_t errlen)
{
	int is_stdin = strcmp(path, "-") == 0, fd = 0;
	struct stat st;
	shmplot_status rc;

	memset(out, 0, sizeof *out);
	if (!is_stdin && (fd = open_nonblock(path)) < 0) {
		int e = errno;
		return sp_error(err, errlen,
				e == ENOENT ? SHMPLOT_E_NOT_FOUND
					    : SHMPLOT_E_IO,
				"cannot open: %s", strerror(e));
	}
	if (fstat(fd, &st) != 0)
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "cannot stat: %s",
			      strerror(errno));
	/* A regular file (standard input redirected from one) shows its
	 * size: refused before a byte is read, as sp_file_read() does. */
	else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_bytes)
		rc = sp_error(err, errlen, SHMPLOT_E_INVALID,
			      "the file is %lld bytes; the limit is %zu",
			      (long long)st.st_size, max_bytes);
	else if (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "%s",
			      sp_file_kind(st.st_mode));
	else
		rc = read_stream(fd, max_bytes, cancel, out, err, errlen);
	if (rc != SHMPLOT_OK)
		sp_file_free(out);
	else
		out->data[out->len] = 0;
	if (!is_stdin)
		close(fd);
	return rc;
}

void sp_file_free(sp_file *f)
{
	if (f->data)
		munmap(f->data, f->map_len);
	memset(f, 0, sizeof *f);
}

/* Fails with errno e, saying what failed; errno stays e for the caller. */
static shmplot_status fail(int e, const char *what, char *err, size_t errlen)
{
	sp_error(err, errlen, SHMPLOT_E_IO, "%s%s", what, strerror(e));
	errno = e;
	return SHMPLOT_E_IO;
}

/*
 * Temporary names are unpredictable (64 random bits) and taken with
 * O_EXCL or linkat's EEXIST, another tried on a clash: two runs in one
 * directory never meet, whatever their PID namespaces or hosts, and a
 * stale file of a killed run is only passed over. Short enough for any
 * name: DIR/.BASE.tmp.HEX with BASE cut to 100 bytes.
 */
static shmplot_status tmp_name(const char *name, char *buf, size_t len,
			       char *err, size_t errlen)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	int dirlen = slash ? (int)(slash - name + 1) : 0;
	unsigned long long r;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		/* no entropy yet (early boot): time, address and a counter */
		struct timespec ts;
		static atomic_ullong serial;
		clock_gettime(CLOCK_REALTIME, &ts);
		r = ((unsigned long long)ts.tv_nsec << 32) ^
		    (unsigned long long)ts.tv_sec ^ (uintptr_t)&ts ^
		    ((unsigned long long)getpid() << 16) ^
		    atomic_fetch_add(&serial, 0x9e3779b97f4a7c15ULL);
	}
	int n = snprintf(buf, len, "%.*s.%.100s.tmp.%016llx", dirlen, name,
			 base, r);
	if (n < 0 || (size_t)n >= len)
		return fail(ENAMETOOLONG, "the name is too long: ", err,
			    errlen);
	return SHMPLOT_OK;
}

static shmplot_status write_full(int fd, const unsigned char *p, size_t len,
				 char *err, size_t errlen)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			sp_error(err, errlen, SHMPLOT_E_IO, "%s", strerror(e));
			errno = e;
			return SHMPLOT_E_IO;
		}
		p += n;
		len -= (size_t)n;
	}
	return SHMPLOT_OK;
}

/*
 * Defers the signals a process may be sent (all but the synchronous ones)
 * while a temporary file has a name, so that none ends the process before
 * the name is gone; *old is the mask to restore.
 */
static void defer_signals(sigset_t *old)
{
	sigset_t all;
	static const int sync_sigs[] = {SIGSEGV, SIGBUS,  SIGFPE,
					SIGILL,  SIGTRAP, SIGSYS};

	sigfillset(&all);
	for (size_t i = 0; i < sizeof sync_sigs / sizeof *sync_sigs; i++)
		sigdelset(&all, sync_sigs[i]);
	pthread_sigmask(SIG_BLOCK, &all, old);
}

/*
 * The fallback where the file system has no O_TMPFILE: the bytes go to a
 * temporary file of an unpredictable name, renamed over name. Signals are
 * deferred from its creation until it is renamed or removed, so only
 * SIGKILL in between can leave it (a file-size limit gives EFBIG here,
 * and the deferred SIGXFSZ comes after the file is gone).
 */
static shmplot_status write_named(int dirfd, const char *name, const void *buf,
				  size_t len, char *err, size_t errlen)
{
	char tmp[PATH_MAX];
	shmplot_status rc;
	sigset_t old;
	int fd = -1, e = 0;

	defer_signals(&old);
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		rc = tmp_name(name, tmp, sizeof tmp, err, errlen);
		if (rc != SHMPLOT_OK) {
			e = errno;
			goto out;
		}
		do
			fd = openat(dirfd, tmp,
				    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				    0666);
		while (fd < 0 && errno == EINTR);
		e = errno;
		if (fd < 0 && e != EEXIST)
			break;
	}
	if (fd < 0) {
		rc = fail(e, "cannot create: ", err, errlen);
		goto out;
	}
	rc = write_full(fd, buf, len, err, errlen);
	e = errno;
	if (close(fd) != 0 && rc == SHMPLOT_OK)
		rc = fail(e = errno, "", err, errlen);
	if (rc == SHMPLOT_OK && renameat(dirfd, tmp, dirfd, name) != 0)
		rc = fail(e = errno, "", err, errlen);
	if (rc != SHMPLOT_OK)
		unlinkat(dirfd, tmp, 0);
out:
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return rc;
}

/*
 * Links the unnamed file fd as path (relative to dirfd): by the descriptor
 * itself (needs CAP_DAC_READ_SEARCH), else through /proc. -1 with errno.
 */
static int link_fd(int fd, int dirfd, const char *path)
{
	char proc[64];

	if (linkat(fd, "", dirfd, path, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dirfd, path, AT_SYMLINK_FOLLOW);
}

/*
 * Gives the complete unnamed file fd the name name: linked there at once
 * if nothing has it, else linked under a temporary name and renamed over
 * it (signals deferred for those two calls). 1 if it cannot be linked at
 * all (no /proc, no capability): the caller falls back to write_named.
 */
static int name_tmpfile(int fd, int dirfd, const char *name, shmplot_status *rc,
			char *err, size_t errlen)
{
	char tmp[PATH_MAX];
	sigset_t old;
	int e;

	*rc = SHMPLOT_OK;
	if (link_fd(fd, dirfd, name) == 0)
		return 0;
	e = errno;
	if (e == ENOENT || e == EPERM || e == EACCES || e == EINVAL ||
	    e == EOPNOTSUPP)
		return 1;
	if (e != EEXIST) {
		*rc = fail(e, "", err, errlen);
		return 0;
	}
	defer_signals(&old);
	for (int tries = 0; tries < 100; tries++) {
		if ((*rc = tmp_name(name, tmp, sizeof tmp, err, errlen))) {
			e = errno;
			break;
		}
		if (link_fd(fd, dirfd, tmp) != 0) {
			e = errno;
			if (e == EEXIST)
				continue;
			*rc = fail(e, "", err, errlen);
			break;
		}
		if (renameat(dirfd, tmp, dirfd, name) != 0) {
			*rc = fail(e = errno, "", err, errlen);
			unlinkat(dirfd, tmp, 0);
		}
		break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return 0;
}

/*
 * An unnamed file (O_TMPFILE) in name's directory gets the bytes and then
 * its name: nothing is named before it is whole, and a process killed
 * even by SIGKILL while writing leaves nothing, since the kernel frees a
 * file that has no name when its last descriptor closes.
 */
shmplot_status sp_write_atomic(int dirfd, const char *name, const void *buf,
			       size_t len, char *err, size_t errlen)
{
	const char *slash = strrchr(name, '/');
	char dir[PATH_MAX];
	shmplot_status rc;
	int fd, e, fallback = 0;

	if (strlen(name) >= PATH_MAX - 32)
		return fail(ENAMETOOLONG, "the name is too long: ", err,
			    errlen);
	if (slash)
		snprintf(dir, sizeof dir, "%.*s",
			 slash == name ? 1 : (int)(slash - name), name);
	else
		strcpy(dir, ".");
	do
		fd = openat(dirfd, dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	while (fd < 0 && errno == EINTR);
	e = errno;
#ifdef SHMPLOT_TEST_HOOKS
	/* "tmpfile=EOPNOTSUPP": a file system without O_TMPFILE */
	if (fd >= 0 && (e = sp_test_sysfault(SP_CALL_TMPFILE)) != 0) {
		close(fd);
		fd = -1;
	}
#endif
	/* no O_TMPFILE in this kernel (EISDIR) or file system */
	if (fd < 0 && (e == EOPNOTSUPP || e == EISDIR || e == EINVAL))
		return write_named(dirfd, name, buf, len, err, errlen);
	if (fd < 0)
		return fail(e, "cannot create: ", err, errlen);
	rc = write_full(fd, buf, len, err, errlen);
	e = errno;
	if (rc == SHMPLOT_OK) {
		fallback = name_tmpfile(fd, dirfd, name, &rc, err, errlen);
		e = errno;
	}
	close(fd);
	if (rc == SHMPLOT_OK && fallback)
		return write_named(dirfd, name, buf, len, err, errlen);
	errno = e;
	return rc;
}

/* Whether d_name is a temporary name of tmp_name(): ".BASE.tmp." + 16 hex. */
static int is_tmp_name(const char *n)
{
	size_t len = strlen(n);
	if (len < 1 + 1 + 5 + 16 || n[0] != '.' ||
	    memcmp(n + len - 21, ".tmp.", 5) != 0)
		return 0;
	for (size_t i = len - 16; i < len; i++)
		if (!((n[i] >= '0' && n[i] <= '9') ||
		      (n[i] >= 'a' && n[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * A file replacing another is linked under a temporary name and renamed
 * over it (Linux has no linkat that replaces), so a SIGKILL between the
 * two leaves that name. The next directory opened for output removes such
 * regular files older than SP_STALE_TMP_S: a live one is named for
 * microseconds (its writer defers every signal it can), so no concurrent
 * run's rename is raced. Errors are ignored: this only tidies.
 */
int sp_remove_stale_tmp(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct timespec now;
	int removed = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	for (struct dirent *e; (e = readdir(d));) {
		struct stat st;
		if (!is_tmp_name(e->d_name) ||
		    fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) ||
		    now.tv_sec - st.st_mtim.tv_sec < SP_STALE_TMP_S)
			continue;
		removed += unlinkat(dirfd, e->d_name, 0) == 0;
	}
	closedir(d);
	return removed;
}

shmplot_status sp_mkdirs(const char *path, char *err, size_t errlen)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof buf)
		return sp_error(err, errlen, SHMPLOT_E_IO, "%s",
				strerror(ENAMETOOLONG));
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return sp_error(err, errlen, SHMPLOT_E_IO, "%s",
					strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return sp_error(err, errlen, SHMPLOT_E_IO, "%s",
				strerror(errno));
	return SHMPLOT_OK;
}
