/* SPDX-License-Identifier: MIT */
/*
 * Whole files in and out: the one reader every stage uses (specs, CSV
 * files, PNGs, the font) and the one atomic writer (figures, reports,
 * diff images).
 */
#define _GNU_SOURCE
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Opens path for reading without ever blocking in open() (a FIFO would). */
static int open_read(const char *path)
{
	int fd;

	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	return fd;
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
	int fd, e;

	memset(out, 0, sizeof *out);
	fd = open_read(path);
	if (fd < 0) {
		e = errno;
		return sp_error(err, errlen,
				e == ENOENT ? SHMPLOT_E_NOT_FOUND
					    : SHMPLOT_E_IO,
				"cannot open: %s", strerror(e));
	}
	if (fstat(fd, &st) != 0) {
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "cannot stat: %s",
			      strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "not a regular file");
		goto done;
	}
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

/* Waits until fd (which may be non-blocking) has something to read. */
static shmplot_status wait_readable(int fd, char *err, size_t errlen)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	int n;

	do
		n = poll(&pfd, 1, -1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return sp_error(err, errlen, SHMPLOT_E_IO, "read error: %s",
				strerror(errno));
	return SHMPLOT_OK;
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

/* Reads fd to its end into f, at most max_bytes. */
static shmplot_status read_stream(int fd, size_t max_bytes, sp_file *f,
				  char *err, size_t errlen)
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
		ssize_t n = read(fd, f->data + f->len, f->map_len - f->len - 1);
		if (n < 0 && errno == EAGAIN)
			rc = wait_readable(fd, err, errlen);
		else if (n < 0 && errno != EINTR)
			rc = sp_error(err, errlen, SHMPLOT_E_IO,
				      "read error: %s", strerror(errno));
		if (rc || n == 0)
			return rc;
		if (n > 0)
			f->len += (size_t)n;
	}
}

shmplot_status sp_file_read_stream(const char *path, size_t max_bytes,
				   sp_file *out, char *err, size_t errlen)
{
	int is_stdin = strcmp(path, "-") == 0, fd = 0;
	struct stat st;
	shmplot_status rc;

	memset(out, 0, sizeof *out);
	if (!is_stdin) {
		do
			fd = open(path, O_RDONLY | O_CLOEXEC);
		while (fd < 0 && errno == EINTR);
		if (fd < 0) {
			int e = errno;
			return sp_error(err, errlen,
					e == ENOENT ? SHMPLOT_E_NOT_FOUND
						    : SHMPLOT_E_IO,
					"cannot open: %s", strerror(e));
		}
	}
	/* A regular file (standard input redirected from one) shows its
	 * size: refused before a byte is read, as sp_file_read() does. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size > max_bytes)
		rc = sp_error(err, errlen, SHMPLOT_E_INVALID,
			      "the file is %lld bytes; the limit is %zu",
			      (long long)st.st_size, max_bytes);
	else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "is a directory");
	else
		rc = read_stream(fd, max_bytes, out, err, errlen);
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

/* Temporary names are unique within the process; the pid covers others. */
static atomic_uint tmp_serial;

/*
 * The temporary file for name, in name's own directory (rename works
 * only within one file system): DIR/.BASE.tmp.PID.SERIAL.
 */
static shmplot_status tmp_name(const char *name, char *buf, size_t len,
			       char *err, size_t errlen)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	int dirlen = slash ? (int)(slash - name + 1) : 0;
	int n = snprintf(buf, len, "%.*s.%s.tmp.%ld.%u", dirlen, name, base,
			 (long)getpid(), atomic_fetch_add(&tmp_serial, 1));
	if (n < 0 || (size_t)n >= len)
		return sp_error(err, errlen, SHMPLOT_E_IO,
				"the name is too long");
	return SHMPLOT_OK;
}

static shmplot_status write_full(int fd, const unsigned char *p, size_t len,
				 char *err, size_t errlen)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return sp_error(err, errlen, SHMPLOT_E_IO, "%s",
					strerror(n < 0 ? errno : EIO));
		p += n;
		len -= (size_t)n;
	}
	return SHMPLOT_OK;
}

shmplot_status sp_write_atomic(int dirfd, const char *name, const void *buf,
			       size_t len, char *err, size_t errlen)
{
	char tmp[PATH_MAX];
	shmplot_status rc;
	int fd;

	rc = tmp_name(name, tmp, sizeof tmp, err, errlen);
	if (rc != SHMPLOT_OK)
		return rc;
	do
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			    0666);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return sp_error(err, errlen, SHMPLOT_E_IO, "cannot create: %s",
				strerror(errno));
	rc = write_full(fd, buf, len, err, errlen);
	if (close(fd) != 0 && rc == SHMPLOT_OK)
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "%s", strerror(errno));
	if (rc == SHMPLOT_OK && renameat(dirfd, tmp, dirfd, name) != 0)
		rc = sp_error(err, errlen, SHMPLOT_E_IO, "%s", strerror(errno));
	if (rc != SHMPLOT_OK)
		unlinkat(dirfd, tmp, 0);
	return rc;
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
