/* Private declarations shared by the runtime (src/). Not installed. */
#ifndef SHMPLOT_INTERNAL_H
#define SHMPLOT_INTERNAL_H

#include "render.h"
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

/* ---- data segment (segment.c) ---- */

/* Fills views[0..count) with read-only views of every series. */
size_t sp_data_views(const shmplot_data *data, spr_series **views);
int sp_data_is_sealed(const shmplot_data *data);

/* The segment's read-only descriptor (O_CLOEXEC), or -1. Owned by data. */
int sp_data_fd(const shmplot_data *data);

/*
 * Validates a read-only mapping of a whole segment (bytes long) and builds
 * the series views a spawned worker renders from (*views malloc'd, the
 * caller frees). Returns 0, or -1 with a message in err.
 */
int sp_segment_map(const void *base, size_t bytes, spr_series **views,
		   size_t *count, char *err, size_t errlen);

/* ---- figures (figure.c) ---- */
const spr_figure *sp_figure_spec(const shmplot_figure *fig);

/* ---- splitting a computation across processes (parfill.c) ---- */

/*
 * Computes elements [lo, hi) of something that lives in the unsealed data
 * segment. Runs in forked helpers too, so it must be a pure computation:
 * no allocation, no locks, no I/O, writes only to the segment.
 */
typedef void (*sp_fill_fn)(void *ctx, size_t lo, size_t hi);

/*
 * Calls fn over [0, n) split across up to one process per CPU when n is
 * large and the caller is single-threaded, else inline. Returns when every
 * element is computed; the values never depend on the split.
 */
void sp_parallel_fill(size_t n, sp_fill_fn fn, void *ctx);

/* An elementwise kernel: y[i] = f(x[i]) for i < n (vecmath.c). */
typedef void (*sp_vec_fn)(const double *x, double *y, size_t n);

/*
 * The vector kernel of the libm function called name ("sin", "exp", ...),
 * or NULL when there is none, the CPU cannot run it, or
 * SHMPLOT_NO_VECTOR_MATH is set: then use the scalar function.
 */
sp_vec_fn sp_vec_kernel(const char *name);

/* The helper's life after fork(): fn over [lo, hi), then _exit. (worker.c) */
void sp_compute_child(sp_fill_fn fn, void *ctx, size_t lo, size_t hi,
		      pid_t parent) __attribute__((noreturn));

/* ---- PNG encoding (png.c) ---- */

/*
 * Encodes an opaque RGB24 cairo image surface as 8-bit RGB PNG into a
 * malloc'd buffer (*out, *len; the caller frees). No time or text chunks,
 * so equal pixels give equal bytes. dpi (> 0) is stored in pHYs. level is
 * the zlib level 0..9 (< 0: SP_PNG_DEFAULT_LEVEL). Returns 0, or -1 with a
 * message in err.
 */
int sp_png_encode(cairo_surface_t *surface, int level, double dpi,
		  unsigned char **out, size_t *len, char *err, size_t errlen);

/*
 * The same PNG in pieces, so that several workers can share one image's
 * deflate (png.c says how): the image data is cut into
 * sp_png_stripes(w, h) horizontal stripes, each deflated on its own by
 * sp_png_deflate_stripe(), and sp_png_assemble() writes the file from all
 * of them, in order. Its bytes are exactly sp_png_encode()'s.
 */
typedef struct sp_png_part {
	unsigned char *z; /* raw deflate bytes, malloc'd */
	size_t len;
	uint32_t adler; /* adler32 of the stripe's filtered rows */
} sp_png_part;

int sp_png_stripes(int width, int height);
/* Filtered bytes (rows x (1 + 3 width)) of stripe s. */
size_t sp_png_stripe_raw_len(int width, int height, int stripe);
/* Returns 0 and fills *part (free with sp_png_part_free), or -1 + err. */
int sp_png_deflate_stripe(cairo_surface_t *surface, int level, int stripe,
			  sp_png_part *part, char *err, size_t errlen);
void sp_png_part_free(sp_png_part *part);
/* parts: sp_png_stripes(width, height) of them; the caller keeps them. */
int sp_png_assemble(int width, int height, double dpi, int level,
		    const sp_png_part *parts, unsigned char **out, size_t *len,
		    char *err, size_t errlen);

/*
 * sp_png_encode() with an explicit zlib strategy (Z_DEFAULT_STRATEGY,
 * Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE) and memLevel (1..9); filters other
 * than PNG_FILTER_NONE go through libpng's own row filters and deflate
 * (one stream, no stripes), for tests/bench/png_levels.
 */
int sp_png_encode_tuned(cairo_surface_t *surface, int level, double dpi,
			int filters, int strategy, int mem_level,
			unsigned char **out, size_t *len, char *err,
			size_t errlen);

/*
 * The default zlib level, strategy and memLevel, chosen with
 * tests/bench/png_levels (the measurement is in README.md). The filter is
 * always none: every other one made plots bigger and slower.
 */
#define SP_PNG_DEFAULT_LEVEL 3
#define SP_PNG_STRATEGY      0 /* Z_DEFAULT_STRATEGY */
/* memLevel 6-9 measure alike now that the fast levels never slide zlib's
 * tables (png.c); 7, chosen when they did, stays. */
#define SP_PNG_MEM_LEVEL 7

/* ---- worker pool (pool.c, worker.c) ---- */

/* How workers are started. */
enum sp_mode {
	SP_MODE_FORK = 0, /* plain fork(): single-threaded callers */
	SP_MODE_SPAWN     /* posix_spawn() of the shmplot-worker executable */
};

/* What the workers inherit: everything is read-only to them. */
typedef struct sp_batch {
	const spr_figure *const *figs;
	size_t nfig;
	const spr_series *series;
	size_t nseries;
	const spr_font *font;
	int png_level;
	int want_pixels;
#ifdef SHMPLOT_TEST_HOOKS
	const struct sp_fault *faults; /* per figure, NULL = none */
#endif
	/* Parent side only: how to start workers. */
	int mode;                /* enum sp_mode */
	int seg_fd;              /* SP_MODE_SPAWN: segment, read-only */
	int blob_fd;             /* SP_MODE_SPAWN: sp_blob_encode() output */
	const char *worker_path; /* SP_MODE_SPAWN: the executable */
} sp_batch;

/*
 * What the parent hands a worker: a figure and which part of the work.
 * A figure is normally one job (SP_PART_WHOLE). When there are fewer
 * figures left to start than workers, a figure's PNG stripes
 * (sp_png_stripes) are shared out instead: each worker that takes part
 * draws the figure once, keeps the drawing, and deflates whichever stripes
 * it is handed; the parent assembles the PNG (pool.c).
 */
typedef struct sp_job {
	uint32_t fig;
	int32_t part; /* SP_PART_WHOLE, SP_PART_DRAW or a stripe index */
} sp_job;
#define SP_PART_WHOLE (-1) /* draw and encode; answer with the PNG */
#define SP_PART_DRAW  (-2) /* draw and keep the drawing; empty answer */

/* Header of every message a worker sends; payload follows in this order. */
#define SP_MSG_MAGIC 0x53504d32u /* "SPM2" */
typedef struct sp_msg {
	uint32_t magic;
	uint32_t job;   /* the figure */
	int32_t part;   /* the job's part, echoed */
	int32_t status; /* 0 = ok, 1 = render/encode error */
	uint32_t msg_len;
	uint32_t adler;   /* a stripe's sp_png_part.adler */
	uint64_t png_len; /* the PNG, or a stripe's deflate bytes */
	uint64_t pix_len;
	int32_t width, height;
	uint64_t busy_ns;
} sp_msg;

/* Upper bounds the parent enforces on what a worker claims to send. */
#define SP_MAX_MSG_LEN 4096u
#define SP_MAX_PNG_LEN ((uint64_t)1 << 32)

/*
 * Sends all of buf on a worker's socket with MSG_NOSIGNAL, retrying on
 * EINTR; returns 0, or -1 if the parent has gone. (worker.c; also used by
 * the spawned worker executable.)
 */
int sp_send_all(int fd, const void *buf, size_t len);

/*
 * The child's whole life after fork(): serves jobs read from fd until EOF,
 * then _exit()s. Never returns. (worker.c)
 */
void sp_worker_main(int fd, const sp_batch *batch, pid_t parent)
    __attribute__((noreturn));

/*
 * Runs the batch on up to jobs workers and returns the results (always set
 * unless the error is SHMPLOT_E_NOMEM before any work). (pool.c)
 */
shmplot_status sp_pool_run(const sp_batch *b, const shmplot_render_opts *opts,
			   int jobs, shmplot_results **out, char *err,
			   size_t errlen);

/* ---- spawned workers (spawn.c, blob.c, worker_main.c) ---- */

/*
 * Number of threads in this process (entries of /proc/self/task), or -1 if
 * that cannot be known. Fork is only used when this is exactly 1.
 */
int sp_thread_count(void);

/* The worker executable: $SHMPLOT_WORKER, else the configured path. */
const char *sp_worker_path(void);

/*
 * Starts the worker executable with sock as fd 3, the segment as fd 4 and
 * the batch description as fd 5, nothing else open, default signal
 * dispositions and an empty mask. Safe from a multithreaded process.
 * Returns the pid, or -1 with errno set.
 */
pid_t sp_spawn_worker(const sp_batch *b, int sock);

/*
 * Serializes what a spawned worker needs (figures, font path, options and,
 * in test builds, faults) into a sealed memfd; *out receives its fd
 * (O_CLOEXEC), or -1 on failure (status and message in err).
 */
shmplot_status sp_blob_create(const sp_batch *b, const char *font_path,
			      int *out, char *err, size_t errlen);

/* The serialized form, in memory (malloc'd into *out). 0 or -1 (ENOMEM). */
int sp_blob_encode(const sp_batch *b, const char *font_path,
		   unsigned char **out, size_t *len);

/* A decoded batch description, owned by the worker. */
typedef struct sp_blob {
	spr_figure **figs;
	size_t nfig;
	char *font_path;
	int png_level;
	int want_pixels;
	int *faults; /* nfig fault kinds */
} sp_blob;

/*
 * Parses and validates len bytes of sp_blob_encode() output. Everything is
 * bounds-checked and every value range-checked as the public API would, so
 * any input gives either 0 and *out (free with sp_blob_free()) or -1 and a
 * message. This is a fuzz target (tests/fuzz/fuzz_blob.c).
 */
int sp_blob_decode(const unsigned char *buf, size_t len, sp_blob **out,
		   char *err, size_t errlen);
void sp_blob_free(sp_blob *b);

#ifdef SHMPLOT_TEST_HOOKS
/*
 * Test-only system faults, from SHMPLOT_TEST_SYSFAULT="what=ERRNO,...":
 * returns the errno to fake for what ("fallocate", "fork"), or 0.
 */
int sp_test_sysfault(const char *what);

/* Test-only faults a worker injects into one figure (SHMPLOT_TEST_FAULT). */
enum sp_fault_kind {
	SP_FAULT_NONE = 0,
	SP_FAULT_SEGV,        /* dereference NULL */
	SP_FAULT_ABORT,       /* abort() */
	SP_FAULT_HANG,        /* never answer */
	SP_FAULT_EXIT,        /* _exit(3) before answering */
	SP_FAULT_TRUNCATE,    /* send half the message, then _exit(0) */
	SP_FAULT_WRITE,       /* write to the sealed data segment */
	SP_FAULT_SLOW,        /* sleep 200 ms, then render normally */
	SP_FAULT_SLOW_STRIPES /* SLOW, and 100 ms more for each PNG stripe */
};
typedef struct sp_fault {
	int kind;
} sp_fault;
#endif

#endif /* SHMPLOT_INTERNAL_H */
