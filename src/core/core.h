/*
 * Private to src/: the core every other stage builds on. The one function
 * that raises errors, checked size arithmetic, the clock, CPU and thread
 * counts. Includes nothing but the public header.
 */
#ifndef SHMPLOT_CORE_H
#define SHMPLOT_CORE_H

#include "shmplot.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SP_ERRLEN 512

#if defined(__GNUC__)
#define SP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SP_PRINTF(f, a)
#endif

/*
 * The one place errors are raised: formats the message into buf (len bytes,
 * may be NULL) and returns code. A breakpoint here catches every failure.
 */
shmplot_status sp_error(char *buf, size_t len, shmplot_status code,
			const char *fmt, ...) SP_PRINTF(4, 5);

/* Overflow-checked size arithmetic: 0 on success, -1 on overflow. */
static inline int sp_mul(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

static inline int sp_add(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
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

#endif /* SHMPLOT_CORE_H */
