/* SPDX-License-Identifier: MIT */
/*
 * Private to the shmplot command-line tool (src/tool): what its files
 * share. The tool includes only the public headers (include/), like any
 * other program; it prints, exits and handles signals, which the library
 * never does.
 */
#ifndef SHMPLOT_TOOL_H
#define SHMPLOT_TOOL_H

#include <shmplot.h>
#include <shmplot/output.h>
#include <shmplot/spec.h>

#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* Exit statuses, as --help and README.md document them (sysexits style). */
enum cli_exit {
	CLI_OK = 0,
	CLI_FIGFAIL = 1,   /* render: some figure failed, the others written */
	CLI_DIFFERENT = 1, /* diff: beyond the tolerance */
	CLI_SIZE = 2,      /* diff: the sizes differ */
	CLI_MISSING = 3,   /* diff: EXPECTED does not exist */
	CLI_USAGE = 64,
	CLI_DATAERR = 65,
	CLI_SOFTWARE = 70,
	CLI_IOERR = 74,
	CLI_INTERRUPTED = 130
};

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* ---- usage.c ---- */

/*
 * Prints "shmplot[ cmd]: <message>", then usage (if not NULL), then where
 * to find help, on stderr. Returns CLI_USAGE.
 */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
    CLI_PRINTF(3, 4);

/*
 * The one of names[0..n) nearest to a mistyped word (at most two edits,
 * fewer than half the name), or NULL if none is near enough.
 */
const char *cli_nearest(const char *word, const char *const *names, size_t n);

/* ---- render_args.c: `shmplot render`'s command line ---- */

typedef struct render_args {
	const char *out;       /* -o, the output directory */
	const char *report;    /* --report FILE, or NULL */
	const char *spec_path; /* SPEC.json, or NULL for the seed batch */
	long long jobs;        /* 0: the library's default */
	long long points;      /* of the seed batch */
	double timeout;        /* per figure, seconds; 0 = none */
	int quiet, want_progress;
	unsigned shard_k, shard_n; /* render shard K of N */
	unsigned formats;          /* SHMPLOT_FORMAT_* bits, at least one */
	const char *book;          /* --pdf-book FILE, or NULL */
	int incremental;           /* --incremental */
} render_args;

/*
 * Parses argv (argv[0] is "render") into *a. Returns -1 to go on, or the
 * exit status to end with: 0 after --help, CLI_USAGE after saying what is
 * wrong.
 */
int cli_render_args(int argc, char **argv, render_args *a);

/* ---- render_cmd.c ---- */

/* Runs `shmplot render`; argv[0] is "render". Returns the exit status. */
int cli_render_main(int argc, char **argv);

/* ---- progress.c: the progress line of a spec batch ---- */

/* Seconds since t0 (CLOCK_MONOTONIC). */
double cli_seconds_since(const struct timespec *t0);

enum cli_progress_mode {
	CLI_PROGRESS_OFF,
	CLI_PROGRESS_TERMINAL, /* one line redrawn in place */
	CLI_PROGRESS_LINES     /* plain lines, for logs */
};

/* A few counters, whatever the batch size. */
typedef struct cli_progress {
	FILE *out;
	enum cli_progress_mode mode;
	size_t total, done, failed;
	struct timespec t0;
	double last; /* seconds since t0 of the last line shown */
	int drawn;   /* a terminal line is on screen */
} cli_progress;

/* Starts counting total figures from t0, showing lines on out. */
void cli_progress_start(cli_progress *p, FILE *out, enum cli_progress_mode mode,
			size_t total, const struct timespec *t0);

/*
 * Shows the counts: on a terminal at most ten times a second, as lines at
 * most once a second; final always shows, and ends a terminal line.
 */
void cli_progress_show(cli_progress *p, int final);

/* Clears a terminal line so a message can take its place. */
void cli_progress_clear(cli_progress *p);

/* ---- writer.c: figure files written off the render loop ---- */

/* Formats a figure may be written in (PNG, PDF, SVG). */
enum { CLI_NFORMATS = 3 };

/* A finished figure waiting for its files: its outputs, copied. */
typedef struct cli_job {
	struct cli_job *next;
	size_t i;    /* batch position */
	double secs; /* its render time */
	char name[SHMPLOT_MAX_FIGURE_NAME + 1];
	size_t total;
	const unsigned char *data[CLI_NFORMATS]; /* NULL: not written */
	size_t len[CLI_NFORMATS];
	unsigned char bytes[];
} cli_job;

/* Writes job's files; called on the writer thread, without the lock. */
typedef void (*cli_write_fn)(void *ud, const cli_job *job);

/* A queue of figures emptied in order by one writer thread. */
typedef struct cli_queue cli_queue;

/* A queue whose thread calls fn for each figure pushed. -1: no memory. */
int cli_queue_new(cli_queue **q, cli_write_fn fn, void *ud);

/*
 * Copies figure i's name and outputs (data[k] NULL: format k not written) for
 * the writer thread, which starts with the first push (after the workers are
 * forked); waits while the queue is full (64 figures or 64 MB). Where no
 * thread can start, fn runs here. -1: no memory (nothing queued).
 */
int cli_queue_push(cli_queue *q, size_t i, const char *name, double secs,
		   const unsigned char *const data[CLI_NFORMATS],
		   const size_t len[CLI_NFORMATS]);

/* The lock that guards the caller's counters and output lines too. */
void cli_queue_lock(cli_queue *q);
void cli_queue_unlock(cli_queue *q);

/* Returns once every figure pushed is written and the thread has ended. */
void cli_queue_drain(cli_queue *q);

/* Drains and frees q (NULL: no-op). */
void cli_queue_free(cli_queue *q);

/* ---- book.c: --pdf-book ---- */

/* The pages of a book of n figures (batch order), kept until written. */
typedef struct cli_book cli_book;

/* NULL with the message in err: out of memory, or libqpdf cannot be
 * opened (book.c loads it here, before anything is rendered). */
cli_book *cli_book_new(size_t n, char *err, size_t errlen);
void cli_book_free(cli_book *b);

/* Keeps a copy of figure i's PDF (res must carry it) as its page. 0, or
 * -1 out of memory (or no PDF, or added before). */
int cli_book_add(cli_book *b, size_t i, const shmplot_results *res);

/* Forgets figure i's page (its file could not be written); no-op if none. */
void cli_book_drop(cli_book *b, size_t i);

/* Pages kept; the page number of figure i (1-based), 0 if it has none. */
size_t cli_book_pages(const cli_book *b);
size_t cli_book_page_of(const cli_book *b, size_t i);

/*
 * Merges the pages in batch order into one PDF with an outline by figure
 * name and writes it to path atomically. 0, or -1 with the message in err.
 */
int cli_book_write(const cli_book *b, const char *path, char *err,
		   size_t errlen);

/* ---- report.c: --report ---- */

/*
 * Figures of res that did not run (the batch was stopped, e.g. by
 * Ctrl-C): reported "not-run", apart from the failed ones.
 */
size_t cli_not_run(const shmplot_results *res);

typedef struct cli_report_info {
	const char *spec; /* NULL for the seed batch */
	const char *out;
	unsigned shard_k, shard_n;
	size_t spec_figures;
	double seconds; /* of the whole run */
	/* per figure (batch order): why a rendered figure's file was not
	 * written, or NULL; the array may be NULL (all written) */
	char *const *write_errors;
	const char *ext; /* the figures' first file's extension; NULL: png */
	/* --pdf-book: its path (NULL: none) and pages; NULL if not written */
	const char *book;
	const cli_book *book_pages;
	/* --incremental: the figures skipped, their spec positions
	 * (ascending), names and bytes on disk; NULL when not asked for */
	const struct cli_inc *inc;
} cli_report_info;

/*
 * Writes the --report JSON for res (batch order) to path, atomically.
 * bytes[i] is the size of figure i's file; index[i] its position in the
 * spec (NULL: the same as in the batch). A figure rendered but not written
 * (ri->write_errors) is reported as an "error" with that message and
 * counted as failed, so ok + failed is always the figures in the shard. On
 * failure prints why and returns SHMPLOT_E_IO or SHMPLOT_E_NOMEM.
 */
shmplot_status cli_report_write(const char *path, const cli_report_info *ri,
				const shmplot_results *res, const size_t *bytes,
				const size_t *index);

/* ---- manifest.c: --incremental's record of the output directory ---- */

/* A file's identity as it was checked: any write, rename over it or
 * metadata change (touch -d, chmod) changes ctime or the inode; 0 for
 * unknown. */
typedef struct cli_file_stat {
	uint64_t ino, mtime_ns, ctime_ns;
} cli_file_stat;

typedef struct cli_manifest_entry {
	char *name;       /* the file, in the output directory */
	shmplot_key key;  /* what it was rendered from */
	shmplot_key sum;  /* shmplot_key_of_bytes() of what was written */
	uint64_t size;    /* bytes written */
	cli_file_stat st; /* the file when its bytes were last checked */
	int fresh;        /* the file's stat matched st and size when read */
} cli_manifest_entry;

/* Entries by file name (a name may have several, from several parts). */
typedef struct cli_manifest {
	cli_manifest_entry *e;
	size_t n, cap;
	size_t *slot, slots;   /* open addressing by name, SIZE_MAX: empty */
	char **parts;          /* the part files seen by cli_manifest_read() */
	shmplot_key *part_sum; /* of each, its text's hash (whole ones) */
	size_t *part_len;      /* and its length; 0: not whole */
	size_t nparts;
} cli_manifest;

/* ".shmplot-manifest.K-of-N", the part of shard K of N, into buf. */
void cli_manifest_part_name(char *buf, size_t len, unsigned k, unsigned n);

/*
 * Adds every part in dir to m (zeroed first): the number of whole parts
 * read, 0 when there are none (or dir cannot be listed), -1 out of
 * memory. A part that does not check out is left out with a note into
 * notes (NULL: none); m->parts names every part seen, whole or not.
 */
int cli_manifest_read(cli_manifest *m, const char *dir, FILE *notes);

/* The entry of name with key, or NULL. */
const cli_manifest_entry *cli_manifest_find(const cli_manifest *m,
					    const char *name,
					    const shmplot_key *key);

/* 0, or -1 out of memory. st may be NULL (unknown). */
int cli_manifest_add(cli_manifest *m, const char *name, const shmplot_key *key,
		     const shmplot_key *sum, uint64_t size,
		     const cli_file_stat *st);

/* m as a part's text (malloc'd, *len bytes), or NULL out of memory. */
char *cli_manifest_text(const cli_manifest *m, size_t *len);

void cli_manifest_free(cli_manifest *m);

/* ---- incremental.c: --incremental ---- */

typedef struct cli_inc cli_inc;

/*
 * Starts an incremental run into out (the directory, which may not exist
 * yet): reads its manifest and stats the files it lists on a thread of
 * its own, while the caller loads the spec. NULL with the message printed
 * when out of memory.
 */
cli_inc *cli_inc_start(const char *out, unsigned formats, unsigned shard_k,
		       unsigned shard_n, int quiet);

/*
 * Decides what an incremental run renders: the keys of figs[0 .. *n) (in
 * each format), the manifest (once the thread is done); a figure whose
 * every file is recorded with its key and still holds the bytes recorded
 * is taken out of figs and index (which keep their order; *n shrinks) and
 * kept as skipped. -1 with the message printed when the keys cannot be
 * made or memory runs out, else 0.
 */
int cli_inc_plan(cli_inc *inc, shmplot_renderer *r, shmplot_spec *spec,
		 shmplot_figure **figs, size_t *index, size_t *n);

/*
 * The output directory exists now (after the plan and the fill: a run
 * refused before it creates nothing): opens it to check the files written
 * and prints the manifest's notes.
 */
void cli_inc_begin(cli_inc *inc);

/* Records that figure i of those left to render (batch order) was
 * written as file (in format f) with these bytes. */
void cli_inc_wrote(cli_inc *inc, size_t i, shmplot_format f, const char *file,
		   const void *data, size_t len);

/*
 * Writes this shard's manifest part into dir: the files skipped and
 * those written. A run of the whole spec (1/1) then removes the other
 * parts it read, which its own now covers. 0, or -1 with the message
 * printed.
 */
int cli_inc_finish(cli_inc *inc, shmplot_outdir *dir);

/* The figures skipped: how many; the spec position, name and bytes on
 * disk of the k-th (ascending spec positions). */
size_t cli_inc_skipped(const cli_inc *inc);
size_t cli_inc_skipped_index(const cli_inc *inc, size_t k);
const char *cli_inc_skipped_name(const cli_inc *inc, size_t k);
size_t cli_inc_skipped_bytes(const cli_inc *inc, size_t k);

void cli_inc_free(cli_inc *inc);

/* ---- diff_cmd.c ---- */

/*
 * Runs `shmplot diff`; argv[0] is "diff". Returns the process exit status
 * (0 same or within tolerance, 1 different, 2 size mismatch, 3 expected
 * missing, 64 usage, 65 bad PNG, 70 internal, 74 cannot write output).
 */
int cli_diff_main(int argc, char **argv);

#endif /* SHMPLOT_TOOL_H */
