/* SPDX-License-Identifier: MIT */
/*
 * `shmplot render`: load the spec (or build the seed batch), render this
 * shard's figures, write each PNG as it arrives through the library's
 * output directory (shmplot/output.h), then the report and the summary.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <shmplot/output.h>
#include <shmplot/spec.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

static volatile int interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/*
 * From here on SIGINT, SIGTERM, SIGHUP (the terminal closed, ssh dropped)
 * and SIGQUIT only set a flag, which the library watches wherever it
 * waits: reading a spec from a pipe or FIFO, computing series (its helper
 * processes killed), rendering. The run stops and exits 130 with nothing
 * half-written and no temporary file or segment left.
 */
static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: wake poll() at once */
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* Ignored when we started (trap '' INT, nohup, a background
		 * job of a shell without job control): stays ignored, as
		 * shells expect of the programs they run. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* What one run renders: this shard's figures of the spec or seed batch. */
typedef struct batch {
	shmplot_spec *spec; /* the spec given, or NULL */
	shmplot_spec *seed; /* the seed batch, or NULL */
	const shmplot_data *data;
	shmplot_figure *const *figs; /* this shard's, in spec order */
	/*
	 * A shard's or an incremental run's figures (which it filters), and
	 * their batch position -> spec position; both NULL for a whole spec,
	 * whose figures are the spec's own array: 16 bytes a figure that a
	 * 100,000-figure run held for nothing (issue 21)
	 */
	shmplot_figure **own;
	size_t *index;
	size_t n, nall; /* in the shard, in the spec */
} batch;

static void batch_free(batch *b)
{
	free(b->own);
	free(b->index);
	shmplot_spec_free(b->seed);
	shmplot_spec_free(b->spec);
}

/* The spec the batch's figures come from: the one given, or the seed's. */
static shmplot_spec *batch_spec(const batch *b)
{
	return b->spec ? b->spec : b->seed;
}

/*
 * Where figures go as they finish, and what became of them. With q, files
 * are written on its thread (writer.c) and everything below q is read and
 * changed under its lock; without, on the loop's thread.
 */
typedef struct writer {
	shmplot_outdir *dir; /* used by one thread: q's, or else the loop's */
	cli_queue *q;
	const char *out; /* as given with -o */
	int quiet;
	int per_file; /* print a "wrote" line per figure (the seed batch) */
	size_t written;
	size_t write_errors; /* figures rendered but not written */
	int write_failed;    /* the directory or disk cannot be written */
	size_t *bytes;       /* per figure, for --report; may be NULL */
	unsigned formats;    /* SHMPLOT_FORMAT_* bits to write */
	cli_book *book;      /* --pdf-book's pages, or NULL */
	int book_failed;     /* out of memory keeping a page */
	int book_written;
	char **werr; /* per figure, for --report: why it was not written */
	cli_progress prog;
	cli_inc *inc; /* --incremental, or NULL */
} writer;

/*
 * What became of loading (notes: 1 to print them) or filling the spec at
 * path: prints its problems and returns the exit code.
 */
static int load_result(const char *path, shmplot_spec *spec, shmplot_status st,
		       int notes)
{
	/* Whatever the load was doing when the signal came (a read, a
	 * wait), the run was asked to stop. */
	if (interrupted) {
		fprintf(stderr,
			"shmplot render: %s: interrupted while loading; "
			"nothing written\n",
			path);
		return CLI_INTERRUPTED;
	}
	for (size_t i = 0; notes && i < shmplot_spec_note_count(spec); i++)
		fprintf(stderr, "shmplot render: %s: note: %s\n", path,
			shmplot_spec_note(spec, i));
	if (st == SHMPLOT_OK)
		return CLI_OK;
	/*
	 * A spec file that cannot be read is a bad command line (as an
	 * unexpected argument always was); problems inside it are bad input.
	 */
	if (st == SHMPLOT_E_IO)
		return cli_usage_error("render", NULL, "%s",
				       shmplot_spec_errmsg(spec));
	size_t n = shmplot_spec_error_count(spec);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "shmplot render: %s: %s\n", path,
			shmplot_spec_error(spec, i));
	if (n == 0)
		fprintf(stderr, "shmplot render: %s: %s\n", path,
			shmplot_status_str(st));
	if (st != SHMPLOT_E_INVALID)
		return CLI_SOFTWARE;
	if (n > 1)
		fprintf(stderr,
			"shmplot render: %s: %zu problems; nothing was "
			"rendered\n",
			path, n);
	return CLI_DATAERR;
}

/*
 * Loads the spec for this shard (its figures built, its series filled,
 * or with --incremental left to fill_batch(); the whole spec checked);
 * prints every problem and returns the exit code.
 */
static int load_spec(const render_args *a, shmplot_spec **out)
{
	shmplot_spec_load_opts lo;
	shmplot_spec_load_opts_init(&lo);
	lo.shard_k = a->shard_k;
	lo.shard_n = a->shard_n;
	lo.cancel = &interrupted;
	lo.defer_fill = a->incremental;
	shmplot_status st = shmplot_spec_load_with(out, a->spec_path, &lo);
	return load_result(a->spec_path, *out, st, !a->quiet);
}

/*
 * The seed batch of DESIGN.md, as a spec held in memory: x = n points over
 * [0, 4pi] and sin, cos, tan of x, computed by the parent straight into the
 * shared segment (big series split across helper processes), then three
 * 12 x 3 in figures. samples/seed.json is the same batch at n = 1000.
 */
static int seed_spec(size_t n, int defer, shmplot_spec **out)
{
	char json[1024];
	shmplot_spec_load_opts lo;
	shmplot_spec_load_opts_init(&lo);
	lo.cancel = &interrupted;
	lo.defer_fill = defer;
	snprintf(json, sizeof json,
		 "{\"shmplot\": 1, \"series\": {"
		 "\"x\": {\"linspace\": [0, \"4pi\", %zu]},"
		 "\"sin\": {\"sin\": \"x\"}, \"cos\": {\"cos\": \"x\"},"
		 "\"tan\": {\"tan\": \"x\"}},"
		 "\"defaults\": {\"size\": [12, 3], \"dpi\": 100},"
		 "\"figures\": ["
		 "{\"name\": \"figure1\", \"lines\": ["
		 "{\"x\": \"x\", \"y\": \"sin\", \"label\": \"sin(x)\"},"
		 "{\"x\": \"x\", \"y\": \"cos\", \"label\": \"cos(x)\"}]},"
		 "{\"name\": \"figure2\", \"ylim\": [-5, 5], \"lines\": ["
		 "{\"x\": \"x\", \"y\": \"tan\", \"label\": \"tan(x)\"}]},"
		 "{\"name\": \"figure3\", \"ylim\": [-5, 5], \"lines\": ["
		 "{\"x\": \"x\", \"y\": \"sin\", \"label\": \"sin(x)\"},"
		 "{\"x\": \"x\", \"y\": \"cos\", \"label\": \"cos(x)\"},"
		 "{\"x\": \"x\", \"y\": \"tan\", \"label\": \"tan(x)\"}]}]}",
		 n);
	if (shmplot_spec_load_buffer_with(out, json, strlen(json), ".", &lo) ==
	    SHMPLOT_OK)
		return CLI_OK;
	if (interrupted) {
		fprintf(stderr, "shmplot render: interrupted while computing "
				"the seed batch; nothing written\n");
		return CLI_INTERRUPTED;
	}
	fprintf(stderr, "shmplot render: %s\n",
		shmplot_spec_error_count(*out) ? shmplot_spec_error(*out, 0)
					       : shmplot_spec_errmsg(*out));
	return CLI_SOFTWARE;
}

/* Fills b with this shard's figures of the spec, or of the seed batch. */
static int prepare_batch(const render_args *a, batch *b)
{
	const shmplot_spec *from = b->spec;

	if (!from) {
		int rc = seed_spec((size_t)a->points, a->incremental, &b->seed);
		if (rc)
			return rc;
		from = b->seed;
	}
	b->data = shmplot_spec_data(from);
	b->nall = shmplot_spec_count(from);
	if (interrupted) {
		fprintf(stderr, "shmplot render: interrupted before rendering; "
				"nothing written\n");
		return CLI_INTERRUPTED;
	}
	shmplot_figure *const *all = shmplot_spec_figures(from);
	if (a->shard_n == 1 && !a->incremental) {
		b->figs = all;
		b->n = b->nall;
		return CLI_OK;
	}
	b->own = calloc(b->nall / a->shard_n + 1, sizeof *b->own);
	b->index = calloc(b->nall / a->shard_n + 1, sizeof *b->index);
	if (!b->own || !b->index) {
		fprintf(stderr, "shmplot render: out of memory\n");
		return CLI_SOFTWARE;
	}
	for (size_t i = 0; i < b->nall; i++)
		if (shmplot_spec_in_shard(i, a->shard_k, a->shard_n)) {
			b->index[b->n] = i;
			b->own[b->n++] = all[i];
		}
	b->figs = b->own;
	return CLI_OK;
}

/*
 * --incremental: the series of the figures left to render (after
 * cli_inc_plan()) are computed or read now, and only they; returns the
 * exit code.
 */
static int fill_batch(const render_args *a, batch *b)
{
	shmplot_spec *spec = batch_spec(b);
	unsigned char *keep = calloc(b->nall + 1, 1);

	if (!keep) {
		fprintf(stderr, "shmplot render: out of memory\n");
		return CLI_SOFTWARE;
	}
	for (size_t i = 0; i < b->n; i++)
		keep[b->index[i]] = 1;
	shmplot_status st = shmplot_spec_fill(spec, keep);
	free(keep);
	b->data = shmplot_spec_data(spec);
	return load_result(b->spec ? a->spec_path : "seed batch", spec, st, 0);
}

/*
 * Creates and opens the output directory (w->dir); with --incremental
 * that is once the fill has passed, so that a spec refused there (its
 * values, as a plain load refuses them) creates nothing, as a plain run
 * creates nothing for a spec it refuses. Returns the exit code.
 */
static int open_out(const render_args *a, writer *w)
{
	char err[512] = "";

	if (shmplot_outdir_open(&w->dir, a->out, err, sizeof err) !=
	    SHMPLOT_OK) {
		fprintf(stderr, "shmplot render: %s\n", err);
		return CLI_IOERR;
	}
	if (w->inc)
		cli_inc_begin(w->inc);
	return CLI_OK;
}

/*
 * 1 if a write failed for its name only (a directory has it): that figure
 * fails, the others are written. Any other reason (full disk, read-only,
 * file-size limit) ends the run.
 */
static int name_unusable(int e)
{
	/* EPERM is not among them: creating in /proc says it too */
	return e == EISDIR || e == ENOTEMPTY || e == EEXIST || e == EBUSY ||
	       e == ENAMETOOLONG || e == ETXTBSY;
}

/* The formats of a run and the extensions of their files. */
static const struct {
	shmplot_format f;
	const char *ext;
} formats[] = {{SHMPLOT_FORMAT_PNG, "png"},
	       {SHMPLOT_FORMAT_PDF, "pdf"},
	       {SHMPLOT_FORMAT_SVG, "svg"}};

/* w's lock, where a writer thread shares w (no-ops without one). */
static void w_lock(writer *w)
{
	if (w->q)
		cli_queue_lock(w->q);
}

static void w_unlock(writer *w)
{
	if (w->q)
		cli_queue_unlock(w->q);
}

/*
 * Writes figure i's file in format k (on the thread that owns w->dir).
 * 0, 1 when this figure fails (its name cannot be used), -1 when the run
 * must end (the disk).
 */
static int write_one(writer *w, const cli_job *job, int k)
{
	char file[SHMPLOT_MAX_FIGURE_NAME + sizeof ".png"];
	size_t i = job->i, len = job->len[k];
	int rc = 0;

	snprintf(file, sizeof file, "%s.%s", job->name, formats[k].ext);
	if (shmplot_outdir_write(w->dir, file, job->data[k], len) ==
	    SHMPLOT_OK) {
		w_lock(w);
		if (w->bytes)
			w->bytes[i] += len;
		if (w->inc)
			cli_inc_wrote(w->inc, i, formats[k].f, file,
				      job->data[k], len);
		if (w->per_file && !w->quiet)
			printf("wrote %s/%s (%zu bytes, %.1f ms)\n", w->out,
			       file, len, job->secs * 1e3);
		w_unlock(w);
		return 0;
	}
	w_lock(w);
	cli_progress_clear(&w->prog);
	fprintf(stderr, "shmplot render: %s\n", shmplot_outdir_errmsg(w->dir));
	if (w->werr && !w->werr[i])
		w->werr[i] = strdup(shmplot_outdir_errmsg(w->dir));
	if (name_unusable(shmplot_outdir_errno(w->dir))) {
		rc = 1;
	} else {
		w->write_failed = 1; /* a full or read-only disk will not get
					better */
		rc = -1;
	}
	w_unlock(w);
	return rc;
}

/*
 * Writes figure job->i's files (on the writer thread, or the loop's where
 * there is none) and counts it. After a write that ended the run (a full
 * or read-only disk), a figure still waiting is not tried: it is an error
 * that says so (the first failure's reason alone is printed).
 */
static void write_figure(void *ud, const cli_job *job)
{
	writer *w = ud;
	size_t i = job->i;
	int rc = 0, skip;

	w_lock(w);
	skip = w->write_failed;
	w_unlock(w);
	for (int k = 0; k < CLI_NFORMATS && rc == 0 && !skip; k++)
		if (job->data[k])
			rc = write_one(w, job, k);
	w_lock(w);
	if (skip && w->werr && !w->werr[i]) {
		int k = 0;
		while (k < CLI_NFORMATS - 1 && !job->data[k])
			k++;
		if (asprintf(&w->werr[i],
			     "cannot write %s/%s.%s: the run stopped at an "
			     "earlier write that failed",
			     w->out, job->name, formats[k].ext) < 0)
			w->werr[i] = NULL;
	}
	if (rc == 0 && !skip) {
		w->written++;
	} else {
		w->write_errors++;
		w->prog.failed++;
		if (w->book)
			cli_book_drop(w->book, i);
	}
	cli_progress_show(&w->prog, 0);
	w_unlock(w);
}

/*
 * Called as each figure finishes: its files are written now (memory stays
 * bounded), by the writer thread where there is one, so that the loop
 * goes back to the workers at once.
 */
static int on_result(void *ud, const shmplot_results *res, size_t i)
{
	writer *w = ud;
	shmplot_fig_status st = shmplot_results_status(res, i);
	const unsigned char *data[CLI_NFORMATS] = {NULL};
	size_t len[CLI_NFORMATS] = {0};
	int stop;

	w_lock(w);
	w->prog.done++;
	w->prog.failed += st != SHMPLOT_FIG_OK;
	if (st != SHMPLOT_FIG_OK) {
		cli_progress_clear(&w->prog);
		fprintf(stderr, "shmplot render: %s: %s: %s\n",
			shmplot_results_name(res, i),
			shmplot_fig_status_str(st),
			shmplot_results_message(res, i));
		cli_progress_show(&w->prog, 0);
		w_unlock(w);
		return 0;
	}
	/* the page goes if the figure's file cannot be written */
	if (w->book && cli_book_add(w->book, i, res) != 0)
		w->book_failed = 1;
	w_unlock(w);
	for (int k = 0; k < CLI_NFORMATS; k++)
		if (w->formats & formats[k].f)
			data[k] = shmplot_results_output(res, i, formats[k].f,
							 &len[k]);
	double secs = shmplot_results_seconds(res, i);
	if (!w->q) {
		cli_job job = {.i = i, .secs = secs};
		snprintf(job.name, sizeof job.name, "%s",
			 shmplot_results_name(res, i));
		memcpy(job.data, data, sizeof data);
		memcpy(job.len, len, sizeof len);
		write_figure(w, &job);
	} else if (cli_queue_push(w->q, i, shmplot_results_name(res, i), secs,
				  data, len) != 0) {
		w_lock(w);
		cli_progress_clear(&w->prog);
		fprintf(stderr, "shmplot render: %s: out of memory\n",
			shmplot_results_name(res, i));
		if (w->werr && !w->werr[i])
			w->werr[i] = strdup("out of memory");
		w->write_errors++;
		w->prog.failed++;
		if (w->book)
			cli_book_drop(w->book, i);
		w_unlock(w);
	}
	w_lock(w);
	stop = w->write_failed; /* the run ends at a write that failed */
	w_unlock(w);
	return stop;
}

/*
 * Whether a writer thread should write the files in dir: on the disk file
 * systems known to have O_TMPFILE (ext2/3/4, XFS, Btrfs, F2FS), where a
 * new inode may cost a millisecond of CPU. Not in memory (tmpfs, ramfs):
 * a file there never waits for a disk and costs ~0.02 ms, less than
 * handing it to a thread and waking it (the copy, the wake-up, two
 * context switches). Not elsewhere: without O_TMPFILE (write_named() in
 * the library) a file has a temporary name while it is written, and the
 * signals deferred meanwhile are deferred only in the thread that writes,
 * so the loop's thread, which takes them, must write. (Asked of statfs(),
 * not by opening an O_TMPFILE: on ext4 without a journal that probe is an
 * inode allocated and freed, up to 1.7 ms, and one more recently freed
 * inode for the run's files to skip.)
 */
static int wants_writer_thread(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) != 0)
		return 0;
	switch ((unsigned long)sf.f_type) {
	case EXT4_SUPER_MAGIC: /* (ext2 and ext3 too: the same number) */
	case XFS_SUPER_MAGIC:
	case BTRFS_SUPER_MAGIC:
	case F2FS_SUPER_MAGIC:
		return 1;
	default:
		return 0;
	}
}

/*
 * The exit status of a run, from the library's and the writer's. A write
 * that ended the run is 74 whatever the library says: with a writer
 * thread the workers can finish every figure (SHMPLOT_OK) before the
 * thread meets the full disk or the file-size limit.
 */
static int run_status(shmplot_status st, size_t failed, const writer *w)
{
	if (w->write_failed)
		return CLI_IOERR;
	if (st == SHMPLOT_OK || st == SHMPLOT_E_FIGURES)
		return failed ? CLI_FIGFAIL : CLI_OK;
	if (st == SHMPLOT_E_INTERRUPTED)
		return CLI_INTERRUPTED;
	return CLI_SOFTWARE;
}

/* Renders the batch into w; returns the exit status and *res. */
static int render_batch(const render_args *a, const batch *b,
			shmplot_renderer *r, writer *w, shmplot_results **res)
{
	shmplot_render_opts opts;
	shmplot_status st = SHMPLOT_OK;
	size_t failed;
	int rc;

	shmplot_render_opts_init(&opts);
	opts.jobs = (int)a->jobs;
	opts.timeout_s = a->timeout;
	opts.on_result = on_result;
	opts.userdata = w;
	opts.discard_outputs = 1; /* each PNG is on disk before it is freed */
	opts.cancel = &interrupted;
	/* the book's pages are PDFs, whether or not NAME.pdf is written */
	opts.formats = a->formats | (a->book ? SHMPLOT_FORMAT_PDF : 0);
	/* (a handful of figures, as the seed batch's three, are written by
	 * the loop: a thread started and joined for them costs more than
	 * their files) */
	if (b->n > 16 && wants_writer_thread(w->out) &&
	    cli_queue_new(&w->q, write_figure, w) != 0)
		w->q = NULL; /* no memory for it: the loop writes */
	if (b->n)
		st = shmplot_render(r, b->data, b->figs, b->n, &opts, res);
	/* every figure queued is written (a stopped run's too) before
	 * anything is counted */
	cli_queue_free(w->q);
	w->q = NULL;
	failed = shmplot_results_failed(*res) + w->write_errors;
	cli_progress_show(&w->prog, 1);
	rc = run_status(st, failed, w);
	if (rc == CLI_INTERRUPTED)
		fprintf(stderr,
			"shmplot render: interrupted; %zu of %zu figures "
			"written\n",
			w->written, b->n);
	else if (rc == CLI_SOFTWARE)
		fprintf(stderr, "shmplot render: %s\n",
			shmplot_renderer_errmsg(r));
	return rc;
}

/*
 * Writes the book of what was rendered (unless the run was stopped or
 * cannot write); returns the exit status.
 */
static int write_book(const render_args *a, writer *w, int rc)
{
	char err[1024];

	if (!w->book || (rc != CLI_OK && rc != CLI_FIGFAIL))
		return rc;
	if (w->book_failed) {
		fprintf(stderr,
			"shmplot render: %s: out of memory for its "
			"pages; not written\n",
			a->book);
		return CLI_SOFTWARE;
	}
	if (cli_book_write(w->book, a->book, err, sizeof err) != 0) {
		fprintf(stderr, "shmplot render: %s\n", err);
		return CLI_IOERR;
	}
	w->book_written = 1;
	return rc;
}

/* Renders, then writes the report and prints the summary. */
static int run(const render_args *a, const batch *b, shmplot_renderer *r,
	       writer *w, const struct timespec *t0)
{
	shmplot_results *res = NULL;
	int rc;

#ifdef SHMPLOT_TEST_HOOKS
	/* what was computed or read for this run (incremental.sh) */
	size_t points,
	    filled = shmplot_spec_series_filled(batch_spec(b), &points);
	if (getenv("SHMPLOT_TEST_FILLED"))
		fprintf(stderr, "test: %zu series filled, %zu points\n", filled,
			points);
#endif
	if (a->report && (!(w->bytes = calloc(b->n + 1, sizeof *w->bytes)) ||
			  !(w->werr = calloc(b->n + 1, sizeof *w->werr)))) {
		fprintf(stderr, "shmplot render: out of memory\n");
		return CLI_SOFTWARE;
	}
	/* --progress asked for explicitly wins over -q's silence. */
	if (a->want_progress || (!a->quiet && b->spec && isatty(2)))
		cli_progress_start(&w->prog, stderr,
				   isatty(2) ? CLI_PROGRESS_TERMINAL
					     : CLI_PROGRESS_LINES,
				   b->n + cli_inc_skipped(w->inc), t0);
	w->prog.done = cli_inc_skipped(w->inc); /* as good as rendered */
	char berr[512];
	if (a->book && !(w->book = cli_book_new(b->n, berr, sizeof berr))) {
		fprintf(stderr, "shmplot render: %s\n", berr);
		return CLI_SOFTWARE;
	}
	rc = render_batch(a, b, r, w, &res);
	rc = write_book(a, w, rc);
	if (w->inc && !w->write_failed && cli_inc_finish(w->inc, w->dir) &&
	    (rc == CLI_OK || rc == CLI_FIGFAIL))
		rc = CLI_IOERR;
	if (a->report && (res || b->n == 0)) {
		cli_report_info ri = {
		    .spec = a->spec_path,
		    .out = a->out,
		    .shard_k = a->shard_k,
		    .shard_n = a->shard_n,
		    .spec_figures = b->nall,
		    .seconds = cli_seconds_since(t0),
		    .write_errors = w->werr,
		    .ext = a->formats & SHMPLOT_FORMAT_PNG   ? "png"
			   : a->formats & SHMPLOT_FORMAT_PDF ? "pdf"
							     : "svg",
		    .book = a->book,
		    .book_pages = w->book_written ? w->book : NULL,
		    .inc = w->inc};
		if (cli_report_write(a->report, &ri, res, w->bytes, b->index) !=
			SHMPLOT_OK &&
		    (rc == CLI_OK || rc == CLI_FIGFAIL))
			rc = CLI_IOERR;
	}
	if (!a->quiet) {
		size_t not_run = cli_not_run(res);
		char skipped[64] = "";
		if (w->inc)
			snprintf(skipped, sizeof skipped, "%zu skipped, ",
				 cli_inc_skipped(w->inc));
		printf("%zu of %zu figures written to %s in %.3f s "
		       "(%s%zu failed, %zu not run)\n",
		       w->written, b->n + cli_inc_skipped(w->inc), a->out,
		       cli_seconds_since(t0), skipped,
		       shmplot_results_failed(res) + w->write_errors - not_run,
		       not_run);
	}
	if (!a->quiet && w->book_written)
		printf("%zu pages written to %s\n", cli_book_pages(w->book),
		       a->book);
	shmplot_results_free(res);
	return rc;
}

int cli_render_main(int argc, char **argv)
{
	render_args a;
	batch b = {0};
	writer w = {0};
	shmplot_renderer *r = NULL;
	struct timespec t0;
	char err[512] = "";
	int rc = cli_render_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	catch_signals();
	/* The manifest is read while the spec loads. */
	if (a.incremental &&
	    !(w.inc = cli_inc_start(a.out, a.formats, a.shard_k, a.shard_n,
				    a.quiet)))
		return CLI_SOFTWARE;
	/* A bad spec is rejected before anything is created or rendered. */
	if (a.spec_path && (rc = load_spec(&a, &b.spec))) {
		cli_inc_free(w.inc);
		batch_free(&b);
		return rc;
	}
	/* --incremental opens it once the fill has checked the values */
	if (!w.inc && (rc = open_out(&a, &w)) != CLI_OK) {
		batch_free(&b);
		return rc;
	}
	w.out = a.out;
	w.quiet = a.quiet;
	w.per_file = !b.spec;
	w.formats = a.formats;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (shmplot_renderer_new(&r, NULL, err, sizeof err) != SHMPLOT_OK) {
		fprintf(stderr, "shmplot render: %s\n", err);
		rc = CLI_SOFTWARE;
	} else if ((rc = prepare_batch(&a, &b)) == CLI_OK) {
		if (w.inc && cli_inc_plan(w.inc, r, batch_spec(&b), b.own,
					  b.index, &b.n) != 0)
			rc = CLI_SOFTWARE;
		else if (!w.inc || ((rc = fill_batch(&a, &b)) == CLI_OK &&
				    (rc = open_out(&a, &w)) == CLI_OK))
			rc = run(&a, &b, r, &w, &t0);
	}
	shmplot_renderer_free(r);
	shmplot_outdir_free(w.dir);
	free(w.bytes);
	for (size_t i = 0; w.werr && i < b.n; i++)
		free(w.werr[i]);
	free(w.werr);
	cli_book_free(w.book);
	cli_inc_free(w.inc);
	batch_free(&b);
	return rc;
}
