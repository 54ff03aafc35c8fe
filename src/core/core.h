/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: the core every other stage builds on (stage 0). The one
 * function that raises errors (util.c), checked size arithmetic, the
 * clock, CPU and thread counts, the one whole-file reader and atomic
 * writer (fileio.c), the UTF-8 check and the figure-name rule (text.c).
 * The public output API over fileio.c is output.c. Includes nothing but
 * the public header.
 */
#ifndef SHMPLOT_CORE_H
#define SHMPLOT_CORE_H

#include "shmplot.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define SP_ERRLEN 512

#if defined(__GNUC__)
#define SP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SP_PRINTF(f, a)
#endif

/*
 * The one place errors are raised, in every stage of src/ (cairo's
 * _cairo_error): formats the message into buf (len bytes; buf may be NULL
 * when nobody reads the message) and returns code. Every fallible
 * function in src/ returns a shmplot_status, SHMPLOT_OK (0) or the code
 * of an sp_error() call, with the message in its caller's (err, errlen)
 * buffer or on the handle; a breakpoint here catches every failure.
 * It only formats into buf (vsnprintf; no locks of its own), so the child
 * side (worker/child.c) raises through it too.
 */
shmplot_status sp_error(char *buf, size_t len, shmplot_status code,
			const char *fmt, ...) SP_PRINTF(4, 5);

/*
 * Overflow-checked size arithmetic. Predicates: 1 if a * b (a + b)
 * overflows size_t, and *out is then meaningless; 0 with the result in
 * *out.
 */
static inline int sp_mul(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

static inline int sp_add(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out);
}

/* malloc(n * size) that fails cleanly on overflow (cairo's _cairo_malloc_ab).
 */
void *sp_malloc_ab(size_t n, size_t size);

/* Monotonic clock in nanoseconds. */
uint64_t sp_now_ns(void);

/* Number of CPUs this process may run on (at least 1). */
int sp_cpu_count(void);

/*
 * Number of threads in this process (entries of /proc/self/task), or -1 if
 * that cannot be known. Fork is only used when this is exactly 1.
 */
int sp_thread_count(void);

/* ---- files (fileio.c): the one reader and the one atomic writer ---- */

/* A whole file in memory: data[0 .. len), NUL-terminated (data[len] == 0). */
typedef struct sp_file {
	unsigned char *data;
	size_t len;
	size_t map_len; /* of the anonymous mapping data lives in */
} sp_file;

/*
 * Reads the whole regular file at path, at most max_bytes, into memory of
 * its own (an anonymous mapping, populated in one call: the file is never
 * mapped itself, so a later truncation cannot raise SIGBUS here). Free
 * with sp_file_free(). SHMPLOT_E_NOT_FOUND if it does not exist,
 * SHMPLOT_E_INVALID if it is larger than max_bytes, SHMPLOT_E_NOMEM,
 * SHMPLOT_E_IO otherwise (not a regular file, a read error, a file that
 * changed size while being read). The message does not name the file:
 * the caller prefixes what it calls it ("spec.json: ...").
 */
shmplot_status sp_file_read(const char *path, size_t max_bytes, sp_file *out,
			    char *err, size_t errlen);
void sp_file_free(sp_file *f);

/*
 * Reads a stream to its end, at most max_bytes: path "-" is standard input
 * (left open), any other path is opened without blocking; a FIFO then
 * waits for its writer, as the user who named it expects, in poll(). For
 * a spec given on a pipe, a terminal or /dev/stdin, which sp_file_read()
 * refuses: those have no size to check before reading, so the limit is
 * checked as bytes arrive. Same result and codes as sp_file_read()
 * (SHMPLOT_E_INVALID past max_bytes), and SHMPLOT_E_INTERRUPTED once
 * *cancel is set (NULL: never; set from a signal handler, it is seen
 * within 100 ms). Never use it for files a spec names.
 */
shmplot_status sp_file_read_stream(const char *path, size_t max_bytes,
				   volatile int *cancel, sp_file *out,
				   char *err, size_t errlen);

/*
 * Opens path for reading if it is a regular file, without ever blocking
 * in open() (a FIFO would, until a writer came): *fd (blocking, O_CLOEXEC)
 * and its *st. Else *fd is -1 and SHMPLOT_E_NOT_FOUND, or SHMPLOT_E_IO
 * with "cannot open: WHY", or "is a FIFO, not a regular file" (a
 * directory, a device, a socket); the message does not name the file.
 */
shmplot_status sp_open_regular(const char *path, int *fd, struct stat *st,
			       char *err, size_t errlen);

/* What a file that is not a regular one is: "is a FIFO", "is a socket". */
const char *sp_file_kind(mode_t mode);

/*
 * Writes len bytes as name in the directory dirfd (AT_FDCWD: the current
 * directory, name may then be a path) so that no reader ever sees a part
 * of it: an unnamed file (O_TMPFILE) in the same directory, linked as name
 * once whole (or under an unpredictable temporary name, then renamed over
 * an existing name; where there is no O_TMPFILE, a temporary file so
 * named, with signals deferred while it exists). Nothing is left behind on
 * failure, nor if the process is killed while writing, except a SIGKILL
 * between the link and the rename of a replacement, which leaves its
 * temporary name (sp_remove_stale_tmp() tidies it later). SHMPLOT_E_IO with
 * the reason, not the name, and errno the failing call's.
 */
shmplot_status sp_write_atomic(int dirfd, const char *name, const void *buf,
			       size_t len, char *err, size_t errlen);

/*
 * Removes the temporary names sp_write_atomic() left in dirfd when killed
 * by SIGKILL while replacing a file (regular files ".BASE.tmp.<16 hex>"
 * last written SP_STALE_TMP_S or more ago); the number removed.
 */
#define SP_STALE_TMP_S 60
int sp_remove_stale_tmp(int dirfd);

/* mkdir -p: creates path and its missing parents. SHMPLOT_E_IO. */
shmplot_status sp_mkdirs(const char *path, char *err, size_t errlen);

/* ---- text (text.c) ---- */

/* 1 if p[0 .. n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int sp_utf8_valid(const unsigned char *p, size_t n);

/*
 * The figure-name rule, used by the figure API and the spec loader alike:
 * a figure name becomes the file NAME.png inside an output directory, so
 * it is 1 to SHMPLOT_MAX_FIGURE_NAME bytes of valid UTF-8 without '/',
 * '\\', control characters, a leading '.' or "..". SHMPLOT_E_INVALID with a
 * message that says which rule the name breaks.
 */
shmplot_status sp_check_figure_name(const char *name, char *err, size_t errlen);

/*
 * The ABI (README "ABI"): structures the caller allocates begin with their
 * size (sizeof as the caller compiled it) and grow only at their end.
 * Copies the caller's src into dst (this library's version of the
 * structure, dst_size bytes, holding the defaults): an older caller gives
 * fewer bytes and the rest keep their defaults; a newer one more, accepted
 * when they are all 0 (every field added later defaults to 0). dst's size
 * becomes dst_size. SHMPLOT_E_INVALID, naming what, for a size below
 * min_size (the structure when it got its size), above 64 KiB (not
 * initialised) or unknown fields set.
 */
shmplot_status sp_sized_copy(void *dst, size_t dst_size, const void *src,
			     size_t min_size, const char *what, char *err,
			     size_t errlen);

/* *_init_size(): dst (size bytes, the caller's) = the defaults def. */
void sp_sized_init(void *dst, size_t size, const void *def, size_t def_size);

/*
 * Exports function fn as name@version, the symbol programs built against
 * an earlier ABI of libshmplot.so are bound to (libshmplot.map). Only the
 * shared library has symbol versions.
 */
#if defined(SHMPLOT_BUILDING_SHARED) && defined(__GNUC__)
#define SP_COMPAT_SYMBOL(fn, name, version)                                    \
	__asm__(".symver " #fn "," #name "@" version)
#define SP_COMPAT_API __attribute__((visibility("default")))
#endif

#endif /* SHMPLOT_CORE_H */
