/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: the worker side of the pool. The batch a worker inherits,
 * the wire protocol between parent and worker, the child's entry points
 * (child.c, the only code that runs between fork() and _exit()) and the
 * serialised batch a spawned worker reads (blob.c).
 */
#ifndef SHMPLOT_WORKER_H
#define SHMPLOT_WORKER_H

#include "core/core.h"
#include "render.h"
#ifdef SHMPLOT_TEST_HOOKS
#include "testhooks/testhooks.h"
#endif

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
	unsigned formats; /* SHMPLOT_FORMAT_* bits; 0: PNG (sp_formats) */
#ifdef SHMPLOT_TEST_HOOKS
	const struct sp_fault *faults; /* per figure, NULL = none */
#endif
	/* Parent side only: how to start workers. */
	int mode;                /* enum sp_mode */
	int seg_fd;              /* SP_MODE_SPAWN: segment, read-only */
	uint64_t seg_keep;       /* warm: its sp_data_keep_id(), 0: none */
	int blob_fd;             /* SP_MODE_SPAWN: sp_blob_encode() output */
	const char *worker_path; /* SP_MODE_SPAWN: the executable */
	int warm;                /* spawn warm workers (pool/warm.c) */
	int idle_ms;             /* warm: a worker's idle limit, 0 = none */
	/*
	 * want_pixels: the batch's pixel buffer (pool/pixbuf.c), a memfd
	 * every worker maps read-write and writes each figure's RGBA into,
	 * at the offset its job names (sp_job.pix_off), so pixels cross no
	 * socket. pix_fd: for spawned workers (-1: none); pix_map and
	 * pix_map_len: the mapping (the parent's, which a forked worker
	 * inherits, or a spawned worker's own).
	 */
	int pix_fd;
	unsigned char *pix_map;
	size_t pix_map_len;
	/*
	 * A kept worker's mapping of a kept buffer (worker/main.c): a bit
	 * for each SP_PIXPAGE bytes of pix_map this process has faulted in
	 * already, so the next batch into the same pages skips faulting them
	 * in again (that call walks every page: 0.45 ms of a seed batch's
	 * worker time on the benchmark VM). A hint only: a page the parent
	 * removed since faults in on its write. NULL: nothing known.
	 */
	unsigned char *pix_done;
} sp_batch;

/* The batch's formats: SHMPLOT_FORMAT_* bits, PNG when none are set. */
static inline unsigned sp_formats(const sp_batch *b)
{
	return b->formats ? b->formats : SHMPLOT_FORMAT_PNG;
}

/*
 * What the parent hands a worker: a figure and which part of the work.
 * A figure is normally one job (SP_PART_WHOLE). When there are fewer
 * figures left to start than workers, a figure's PNG stripes
 * (sp_png_stripes) are shared out instead: each worker that takes part
 * draws the figure once (or, split, only the rows of its half: row0 and
 * row1), keeps the drawing, and deflates whichever stripes it is handed;
 * the parent assembles the PNG (pool/stripes.c).
 */
typedef struct sp_job {
	uint32_t fig;
	int32_t part;     /* SP_PART_WHOLE, SP_PART_DRAW or a stripe index */
	uint64_t pix_off; /* want_pixels: the figure's place in pix_map */
	/*
	 * A stripe of a split figure: draw only rows [row0, row1), the
	 * stripes of one half and the row above them (their filter reads
	 * it). row1 = 0: the whole figure.
	 */
	int32_t row0, row1;
} sp_job;
#define SP_PART_WHOLE (-1) /* draw and encode; answer with the PNG */
#define SP_PART_DRAW  (-2) /* draw and keep the drawing; empty answer */
/*
 * Warm workers only (pool/warm.c): SP_PART_BATCH hands over a batch, its
 * data segment and description (and, with pixels, its pixel buffer) as
 * descriptors (SCM_RIGHTS), fig = the batch's figures, pix_off = the
 * segment's sp_data_keep_id() (0 for all but a reusable segment);
 * SP_PART_END ends it: the worker unmaps them (but the reusable segment
 * and the last few small pixel buffers, which it keeps mapped for the
 * next batches) and answers with a bare sp_msg header of part
 * SP_PART_END.
 */
#define SP_PART_END   (-3)
#define SP_PART_BATCH (-4)
/*
 * Worker to parent only: a spawned worker, once set up (cold: after exec,
 * mapping, decoding the description and loading the font; warm: after each
 * SP_PART_BATCH), sends a bare sp_msg header of part SP_PART_READY before
 * it reads a job, even when its set-up failed (it then answers each job
 * with the reason). The parent may have sent a job already; that job's
 * time limit starts at READY, so start-up is never figure time, and a
 * worker that never says it is ready is killed at a start-up limit of its
 * own (pool/loop.c). Forked workers send none: the parent did their
 * start-up, fork(), before handing them anything.
 */
#define SP_PART_READY (-5)

/* The vector formats an answer may carry, in payload order: PDF, SVG. */
#define SP_NVEC 2
extern const unsigned sp_vec_format[SP_NVEC]; /* SHMPLOT_FORMAT_PDF, _SVG */

/*
 * Header of every message a worker sends; payload follows in this order:
 * message, PNG, PDF, SVG. Pixels are not in it: pix_len says how many
 * bytes the job wrote into the batch's pixel buffer (a whole figure's, or
 * a stripe's rows).
 */
/*
 * The magic is the protocol's version: it changes whenever the messages
 * or their order do (SPM4: SP_PART_READY; SPM5: sp_job's rows), so a
 * worker of another build
 * (SHMPLOT_WORKER, a half-upgraded install) is refused at its first
 * message rather than misread.
 */
#define SP_MSG_MAGIC 0x53504d35u /* "SPM5" */
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
	uint64_t vec_len[SP_NVEC]; /* the PDF and the SVG (whole jobs) */
} sp_msg;

/* Upper bounds the parent enforces on what a worker claims to send. */
#define SP_MAX_MSG_LEN 4096u
#define SP_MAX_PNG_LEN ((uint64_t)1 << 32)

/*
 * Pixel buffers a renderer that keeps its workers reuses (pool/pixbuf.c):
 * at most SP_PIXCACHE_MAX kept and as many lent out, each of at most
 * SP_PIXBUF_KEEP_MAX bytes (a seed batch's is 4.3 MB); a kept worker keeps
 * its mappings of the last SP_PIXMAPS_KEPT of that size between batches
 * (worker/main.c), so a batch writes into pages already mapped.
 */
#define SP_PIXCACHE_MAX    2
#define SP_PIXBUF_KEEP_MAX ((size_t)8 << 20)
#define SP_PIXMAPS_KEPT    (2 * SP_PIXCACHE_MAX)
/* sp_batch.pix_done's unit, and its size for a kept buffer */
#define SP_PIXPAGE       ((size_t)4096)
#define SP_PIXDONE_BYTES (SP_PIXBUF_KEEP_MAX / SP_PIXPAGE / 8)

/*
 * Sends all of buf on a worker's socket with MSG_NOSIGNAL, retrying on
 * EINTR; SHMPLOT_E_IO if the parent has gone. Child side (child.c; the
 * spawned worker executable uses it too).
 */
shmplot_status sp_send_all(int fd, const void *buf, size_t len);

/*
 * The child's whole life after fork() (or after the spawned executable
 * has set up): serves jobs read from fd until EOF, then _exit()s. Never
 * returns. (child.c)
 */
void sp_worker_main(int fd, const sp_batch *batch, pid_t parent)
    __attribute__((noreturn));

/*
 * sp_worker_main() in two parts, for a warm worker (worker/main.c) that
 * serves batch after batch: sp_worker_init() makes the process a worker
 * (dies with parent, fd moved to 3 and returned, every other descriptor
 * closed, signals reset); sp_worker_serve() serves b's jobs from fd and
 * returns 1 at SP_PART_END, having dropped everything it kept of b; it
 * _exit()s at EOF. (child.c)
 */
int sp_worker_init(int fd, pid_t parent);
int sp_worker_serve(int fd, const sp_batch *b);

/*
 * Computes elements [lo, hi) of something that lives in the unsealed data
 * segment. Runs in forked helpers too, so it must be a pure computation:
 * no allocation, no locks, no I/O, writes only to the segment.
 */
typedef void (*sp_fill_fn)(void *ctx, size_t lo, size_t hi);

/*
 * A compute helper's life after fork() (spec/parfill.c forks it): fn over
 * [lo, hi), then _exit. (child.c)
 */
void sp_compute_child(sp_fill_fn fn, void *ctx, size_t lo, size_t hi,
		      pid_t parent) __attribute__((noreturn));

/*
 * Serializes what a spawned worker needs (figures, font path, options and,
 * in test builds, faults) into a sealed memfd; *out receives its fd
 * (O_CLOEXEC), or -1 on failure (status and message in err). (blob.c)
 */
shmplot_status sp_blob_create(const sp_batch *b, const char *font_path,
			      int *out, char *err, size_t errlen);

/*
 * The serialized form, in memory (malloc'd into *out, *len bytes):
 * SHMPLOT_E_NOMEM, or SHMPLOT_E_INVALID for an item whose kind the
 * renderer's kind table does not list.
 */
shmplot_status sp_blob_encode(const sp_batch *b, const char *font_path,
			      unsigned char **out, size_t *len, char *err,
			      size_t errlen);

/*
 * The font file at path, read once (sp_file_read) into memory the font
 * then owns, opened for drawing: by the renderer handle in the parent and
 * by a spawned worker from the path its batch description names. Free
 * with spr_font_free(). SHMPLOT_E_FONT (message names the path) or
 * SHMPLOT_E_NOMEM. Not for use between fork() and _exit().
 */
shmplot_status sp_font_load(const char *path, spr_font **out, char *err,
			    size_t errlen);

/* A decoded batch description, owned by the worker. */
typedef struct sp_blob {
	spr_figure **figs;
	size_t nfig;
	char *font_path;
	int png_level;
	int want_pixels;
	unsigned formats;
	int *faults; /* nfig fault kinds */
} sp_blob;

/*
 * Parses and validates len bytes of sp_blob_encode() output. Everything is
 * bounds-checked and every value range-checked as the public API would, so
 * any input gives either SHMPLOT_OK and *out (free with sp_blob_free()) or
 * SHMPLOT_E_INVALID (SHMPLOT_E_NOMEM) and a message. This is a fuzz target
 * (tests/fuzz/fuzz_blob.c).
 */
shmplot_status sp_blob_decode(const unsigned char *buf, size_t len,
			      sp_blob **out, char *err, size_t errlen);
void sp_blob_free(sp_blob *b);
/* The batch blob describes: its figures and output settings, every other
 * field zero (no data, font or pixel buffer yet). It borrows the figures. */
static inline void sp_blob_batch(const sp_blob *blob, sp_batch *b)
{
	*b = (sp_batch){.figs = (const spr_figure *const *)blob->figs,
			.nfig = blob->nfig,
			.png_level = blob->png_level,
			.want_pixels = blob->want_pixels,
			.formats = blob->formats};
}

/*
 * One figure's part of the description, as sp_blob_encode() writes it:
 * everything the figure draws but its series' values, the canonical form
 * an incremental key hashes (incremental/key.c) whatever the figure
 * structures look like in memory. With series non-NULL each SERIES and
 * SERIES2D field is written as the SP_SERIES_KEY bytes series(ctx, id,
 * out) gives instead of its index, so a key follows the values a figure
 * draws, not where they sit in the segment. SHMPLOT_E_NOMEM, or
 * SHMPLOT_E_INVALID for an item of a kind the table does not list.
 */
#define SP_SERIES_KEY 16
typedef void (*sp_series_key_fn)(void *ctx, uint32_t id,
				 unsigned char out[SP_SERIES_KEY]);
shmplot_status sp_figure_encode(const spr_figure *f, sp_series_key_fn series,
				void *ctx, unsigned char **out, size_t *len,
				char *err, size_t errlen);

/*
 * Calls fn(ctx, path) for each file a font loaded by sp_font_load(path)
 * may draw from: path, its family's faces that are there, the fallback
 * list (which may be absent); fn(ctx, NULL) when out of memory. For keys
 * (incremental/key.c). (font_load.c)
 */
void sp_font_files(const char *path, void (*fn)(void *ctx, const char *file),
		   void *ctx);

/*
 * One item's part of the description: its fields in its kind's descriptor
 * order, whatever the kind (the kind's index is written before it). The
 * decoder starts from the kind's defaults and checks every value by the
 * field's rules; on failure *out is left empty. For sp_blob_* and their
 * tests, which also feed it kinds of their own.
 */
shmplot_status sp_item_encode(const spr_item *it, unsigned char **out,
			      size_t *len, char *err, size_t errlen);
shmplot_status sp_item_decode(const unsigned char *buf, size_t len,
			      const spr_kind *k, spr_item *out, char *err,
			      size_t errlen);

#endif /* SHMPLOT_WORKER_H */
