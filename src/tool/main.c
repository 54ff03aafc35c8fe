/*
 * The shmplot command-line tool. Uses only the public API, like any other
 * program would.
 *
 * Exit codes (sysexits style, documented in README.md and --help):
 *   0 success, 1 some figure failed (the others are written), 64 usage,
 *   65 bad input, 70 internal error, 74 cannot write output,
 *   130 interrupted (SIGINT/SIGTERM).
 */
#define _GNU_SOURCE
#include "shmplot.h"
#include "shmplot/spec.h"
#include "tool.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

enum {
	EXIT_FIGFAIL = 1,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_SOFTWARE = 70,
	EXIT_IOERR = 74,
	EXIT_INTERRUPTED = 130
};

#define SEED_POINTS 1000

static const char *const main_usage =
    "Usage: shmplot COMMAND [OPTIONS]\n"
    "\n"
    "Render batches of line-plot figures to PNG in parallel: the data is\n"
    "computed once into shared memory and forked workers draw one figure\n"
    "each.\n"
    "\n"
    "Commands:\n"
    "  render     render figures to PNG files (see: shmplot render "
    "--help)\n"
    "  diff       compare two PNG images (see: shmplot diff --help)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n";

static const char *const render_usage =
    "Usage: shmplot render [OPTIONS] [SPEC.json]\n"
    "\n"
    "Render the figures of a batch spec (a JSON file naming data series and\n"
    "figures; the format is in README.md, examples in samples/), each to\n"
    "DIR/NAME.png. Relative data-file paths in the spec resolve against the\n"
    "spec's directory. A bad spec is rejected before anything is rendered,\n"
    "with every problem listed by its JSON path (exit 65).\n"
    "\n"
    "Without SPEC, render the seed batch: x = N points evenly spaced over\n"
    "[0, 4pi]; figure1 sin(x) and cos(x), figure2 tan(x) with y in [-5, 5],\n"
    "figure3 all three with y in [-5, 5]; each 12 x 3 in at 100 dpi\n"
    "(1200 x 300 px), written as DIR/figure1.png ... figure3.png.\n"
    "\n"
    "Files are written atomically (temporary file, then rename) as each\n"
    "figure finishes, so memory stays bounded however many figures there\n"
    "are.\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR        output directory, created if missing "
    "(default: .)\n"
    "  -j, --jobs N         worker processes at most, 1..1024 (default: "
    "number of\n"
    "                       CPUs); no more start than there is work for\n"
    "  -n, --points N       points per series of the seed batch, "
    "2..1000000000\n"
    "                       (default: 1000; not allowed with a spec)\n"
    "      --timeout SECS   per-figure time limit; 0 = none "
    "(default: 300)\n"
    "      --format FMT     output format; only 'png' for now "
    "(default: png)\n"
    "      --shard K/N      render only figures whose 0-based index i in "
    "the\n"
    "                       batch has i mod N = K-1 (1 <= K <= N), so N "
    "runs\n"
    "                       with K = 1..N render each figure exactly "
    "once\n"
    "      --report FILE    write a JSON summary (status, seconds and "
    "bytes of\n"
    "                       each figure), atomically\n"
    "      --progress       progress lines on stderr even when it is not "
    "a\n"
    "                       terminal (on a terminal a spec batch shows "
    "one\n"
    "                       updating progress line anyway)\n"
    "  -q, --quiet          print nothing but errors\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 all figures written; 1 some figure failed (the others\n"
    "are written); 64 usage error (also: the spec file cannot be read);\n"
    "65 bad input (a problem in the spec or a data file it names);\n"
    "70 internal error; 74 cannot write output; 130 interrupted.\n";

static volatile int interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Parses a whole decimal integer in [lo, hi]. */
static int parse_long(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static double elapsed_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* mkdir -p for the output directory. */
static int make_dirs(const char *path)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

typedef struct progress progress;

typedef struct writer {
	const char *dir;
	int dirfd;
	int quiet;
	int per_file; /* print a "wrote" line per figure (the seed batch) */
	size_t written;
	int write_failed;
	unsigned serial;
	size_t *bytes;       /* per figure, for --report; may be NULL */
	const size_t *index; /* batch position -> spec position */
	progress *prog;
} writer;

/*
 * Writes len bytes to name in dirfd via a temporary file + rename, so a
 * reader never sees a half-written file. serial keeps temporary names
 * unique within this process. Returns 0 or -1 with errno set.
 */
static int write_file_at(int dirfd, const char *name, const unsigned char *buf,
			 size_t len, unsigned *serial)
{
	char tmp[PATH_MAX];
	int fd = -1;
	if (snprintf(tmp, sizeof tmp, ".%s.tmp.%ld.%u", name, (long)getpid(),
		     (*serial)++) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			unlinkat(dirfd, tmp, 0);
			errno = e;
			return -1;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlinkat(dirfd, tmp, 0);
		errno = e;
		return -1;
	}
	if (renameat(dirfd, tmp, dirfd, name) != 0) {
		int e = errno;
		unlinkat(dirfd, tmp, 0);
		errno = e;
		return -1;
	}
	return 0;
}

/* Writes name into the output directory atomically; says so on failure. */
static int write_atomic(writer *w, const char *name, const unsigned char *buf,
			size_t len)
{
	if (write_file_at(w->dirfd, name, buf, len, &w->serial) == 0)
		return 0;
	fprintf(stderr, "shmplot render: cannot write %s/%s: %s\n", w->dir,
		name, strerror(errno));
	return -1;
}

/*
 * Progress on stderr: on a terminal one line redrawn in place (at most ten
 * times a second), otherwise, with --progress, a plain line at most once a
 * second. Everything it keeps is a few counters, whatever the batch size.
 */
struct progress {
	int mode; /* 0 off, 1 terminal, 2 plain lines */
	size_t total, done, failed;
	struct timespec t0;
	double last;
	int drawn; /* a terminal line is on screen */
};

static void progress_show(progress *p, int final)
{
	double now = elapsed_since(&p->t0);
	if (!final && now - p->last < (p->mode == 1 ? 0.1 : 1.0))
		return;
	p->last = now;
	char eta[48] = "";
	if (p->done && p->done < p->total)
		snprintf(eta, sizeof eta, ", ~%.0f s left",
			 now / (double)p->done * (double)(p->total - p->done));
	fprintf(stderr, "%s%zu/%zu figures, %zu failed, %.1f s elapsed%s%s",
		p->mode == 1 ? "\r\033[K" : "shmplot render: ", p->done,
		p->total, p->failed, now, eta, p->mode == 1 ? "" : "\n");
	p->drawn = p->mode == 1;
	if (final && p->drawn) {
		fputc('\n', stderr);
		p->drawn = 0;
	}
	fflush(stderr);
}

/* Clears a terminal progress line so a message can take its place. */
static void progress_clear(progress *p)
{
	if (p && p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

/* Called as each figure finishes: write it now so memory stays bounded. */
static int on_result(void *ud, const shmplot_results *res, size_t i)
{
	writer *w = ud;
	const char *name = shmplot_results_name(res, i);
	shmplot_fig_status st = shmplot_results_status(res, i);
	progress *p = w->prog;
	if (p) {
		p->done++;
		p->failed += st != SHMPLOT_FIG_OK;
	}
	if (st != SHMPLOT_FIG_OK) {
		progress_clear(p);
		fprintf(stderr, "shmplot render: %s: %s: %s\n", name,
			shmplot_fig_status_str(st),
			shmplot_results_message(res, i));
		if (p && p->mode)
			progress_show(p, 0);
		return 0;
	}
	size_t len;
	const unsigned char *png = shmplot_results_png(res, i, &len);
	char file[PATH_MAX];
	snprintf(file, sizeof file, "%s.png", name);
	if (write_atomic(w, file, png, len) != 0) {
		w->write_failed = 1;
		return 1; /* a full or read-only disk will not get better */
	}
	w->written++;
	if (w->bytes)
		w->bytes[i] = len;
	if (w->per_file && !w->quiet)
		printf("wrote %s/%s (%zu bytes, %.1f ms)\n", w->dir, file, len,
		       shmplot_results_seconds(res, i) * 1e3);
	if (p && p->mode)
		progress_show(p, 0);
	return 0;
}

/* Writes s as a JSON string (names and messages are UTF-8). */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(f, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			fprintf(f, "\\u%04x", *c);
		else
			fputc(*c, f);
	}
	fputc('"', f);
}

typedef struct report_info {
	const char *spec;
	unsigned shard_k, shard_n;
	size_t spec_figures;
	double seconds;
	const char *out;
} report_info;

/*
 * Writes the --report JSON (batch order) through a temporary file in the
 * report's directory and a rename, like the PNGs. Returns 0 or -1 with a
 * message printed.
 */
static int write_report(const char *path, const report_info *ri,
			const shmplot_results *res, const size_t *bytes,
			const size_t *index)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	size_t n = shmplot_results_count(res);
	size_t failed = shmplot_results_failed(res);
	fprintf(f, "{\n  \"shmplot_report\": 1,\n  \"spec\": ");
	if (ri->spec)
		json_str(f, ri->spec);
	else
		fputs("null", f);
	fprintf(f, ",\n  \"out\": ");
	json_str(f, ri->out);
	fprintf(f,
		",\n  \"shard\": [%u, %u],\n  \"spec_figures\": %zu,\n"
		"  \"figures_in_shard\": %zu,\n  \"ok\": %zu,\n"
		"  \"failed\": %zu,\n  \"seconds\": %.3f,\n  \"figures\": [",
		ri->shard_k, ri->shard_n, ri->spec_figures, n, n - failed,
		failed, ri->seconds);
	for (size_t i = 0; i < n; i++) {
		shmplot_fig_status st = shmplot_results_status(res, i);
		fprintf(f, "%s\n    {\"index\": %zu, \"name\": ", i ? "," : "",
			index ? index[i] : i);
		json_str(f, shmplot_results_name(res, i));
		fprintf(f, ", \"status\": \"%s\", \"seconds\": %.6f",
			shmplot_fig_status_str(st),
			shmplot_results_seconds(res, i));
		if (st == SHMPLOT_FIG_OK) {
			char file[PATH_MAX];
			snprintf(file, sizeof file, "%s.png",
				 shmplot_results_name(res, i));
			fputs(", \"file\": ", f);
			json_str(f, file);
			fprintf(f, ", \"bytes\": %zu", bytes ? bytes[i] : 0);
		} else {
			fputs(", \"message\": ", f);
			json_str(f, shmplot_results_message(res, i));
		}
		fputc('}', f);
	}
	fprintf(f, "%s]\n}\n", n ? "\n  " : "");
	if (fflush(f) != 0 || ferror(f)) {
		int e = errno;
		fclose(f);
		unlink(tmp);
		errno = e;
		goto fail;
	}
	if (fclose(f) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "shmplot render: cannot write report %s: %s\n", path,
		strerror(errno));
	return -1;
}

/*
 * The seed batch of DESIGN.md, as a spec held in memory: x = n points over
 * [0, 4pi] and sin, cos, tan of x, computed by the parent straight into the
 * shared segment (big series split across helper processes), then three
 * 12 x 3 in figures. samples/seed.json is the same batch at n = 1000.
 */
static int seed_spec(size_t n, shmplot_spec **out, char *err, size_t errlen)
{
	char json[1024];
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
	if (shmplot_spec_load_buffer(out, json, strlen(json), ".") ==
	    SHMPLOT_OK)
		return 0;
	snprintf(err, errlen, "%s",
		 shmplot_spec_error_count(*out) ? shmplot_spec_error(*out, 0)
						: shmplot_spec_errmsg(*out));
	return EXIT_SOFTWARE;
}

static int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "shmplot%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'shmplot%s%s --help'.\n", cmd ? " " : "",
		cmd ? cmd : "");
	return EXIT_USAGE;
}

/* Parses "K/N" with 1 <= K <= N <= 1000000. */
static int parse_shard(const char *s, unsigned *k, unsigned *n)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	long long a, b;
	if (!slash || (size_t)(slash - s) >= sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (parse_long(buf, 1, 1000000, &a) ||
	    parse_long(slash + 1, 1, 1000000, &b) || a > b)
		return -1;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
}

/* Loads the spec; prints every problem and returns the exit code. */
static int load_spec(const char *path, int quiet, shmplot_spec **out)
{
	shmplot_status st = shmplot_spec_load(out, path);
	shmplot_spec *spec = *out;
	if (!quiet)
		for (size_t i = 0; i < shmplot_spec_note_count(spec); i++)
			fprintf(stderr, "shmplot render: %s: note: %s\n", path,
				shmplot_spec_note(spec, i));
	if (st == SHMPLOT_OK)
		return 0;
	/*
	 * A spec file that cannot be read is a bad command line (as an
	 * unexpected argument always was); problems inside it are bad input.
	 */
	if (st == SHMPLOT_E_IO)
		return usage_error("render", "%s", shmplot_spec_errmsg(spec));
	size_t n = shmplot_spec_error_count(spec);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "shmplot render: %s: %s\n", path,
			shmplot_spec_error(spec, i));
	if (n == 0)
		fprintf(stderr, "shmplot render: %s: %s\n", path,
			shmplot_status_str(st));
	if (st == SHMPLOT_E_INVALID) {
		if (n > 1)
			fprintf(stderr,
				"shmplot render: %s: %zu problems; nothing "
				"was rendered\n",
				path, n);
		return EXIT_DATAERR;
	}
	return EXIT_SOFTWARE;
}

static int cmd_render(int argc, char **argv)
{
	enum {
		OPT_TIMEOUT = 256,
		OPT_FORMAT,
		OPT_SHARD,
		OPT_REPORT,
		OPT_PROGRESS
	};
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"points", required_argument, NULL, 'n'},
	    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"shard", required_argument, NULL, OPT_SHARD},
	    {"report", required_argument, NULL, OPT_REPORT},
	    {"progress", no_argument, NULL, OPT_PROGRESS},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	const char *out = ".", *report = NULL, *spec_path = NULL;
	long long jobs = 0, points = SEED_POINTS;
	double timeout = 300;
	int quiet = 0, c, points_given = 0, want_progress = 0;
	unsigned shard_k = 1, shard_n = 1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:j:n:qh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'j':
			if (parse_long(optarg, 1, 1024, &jobs))
				return usage_error(
				    "render",
				    "-j/--jobs wants an integer 1..1024, "
				    "not '%s'",
				    optarg);
			break;
		case 'n':
			if (parse_long(optarg, 2, 1000000000, &points))
				return usage_error(
				    "render",
				    "-n/--points wants an integer "
				    "2..1000000000, not '%s'",
				    optarg);
			points_given = 1;
			break;
		case OPT_TIMEOUT: {
			char *end;
			errno = 0;
			timeout = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !isfinite(timeout) || timeout < 0)
				return usage_error(
				    "render",
				    "--timeout wants seconds >= 0, not "
				    "'%s'",
				    optarg);
			break;
		}
		case OPT_FORMAT:
			if (strcmp(optarg, "png") != 0)
				return usage_error(
				    "render",
				    "--format '%s' is not supported; only "
				    "'png' is",
				    optarg);
			break;
		case OPT_SHARD:
			if (parse_shard(optarg, &shard_k, &shard_n))
				return usage_error(
				    "render",
				    "--shard wants K/N with 1 <= K <= N, "
				    "not '%s'",
				    optarg);
			break;
		case OPT_REPORT:
			report = optarg;
			break;
		case OPT_PROGRESS:
			want_progress = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(render_usage, stdout);
			return 0;
		case ':':
			return usage_error("render",
					   "option '%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("render", "unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		spec_path = argv[optind++];
	if (optind < argc)
		return usage_error("render", "unexpected argument '%s'",
				   argv[optind]);
	if (spec_path && points_given)
		return usage_error("render",
				   "-n/--points sizes the seed batch only; a "
				   "spec sets its own series");

	/*
	 * From here on SIGINT/SIGTERM only set a flag: loading a spec or
	 * computing a big seed batch finishes its step, then the run stops
	 * and exits 130 with nothing half-written.
	 */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: wake poll() at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	/* A bad spec is rejected before anything is created or rendered. */
	shmplot_spec *spec = NULL;
	if (spec_path) {
		int rc = load_spec(spec_path, quiet, &spec);
		if (rc) {
			shmplot_spec_free(spec);
			return rc;
		}
	}

	if (make_dirs(out) != 0) {
		fprintf(stderr, "shmplot render: cannot create %s: %s\n", out,
			strerror(errno));
		shmplot_spec_free(spec);
		return EXIT_IOERR;
	}
	progress prog = {0};
	writer w = {.dir = out, .quiet = quiet, .per_file = !spec};
	w.dirfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w.dirfd < 0) {
		fprintf(stderr, "shmplot render: cannot open %s: %s\n", out,
			strerror(errno));
		shmplot_spec_free(spec);
		return EXIT_IOERR;
	}

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char err[512] = "";
	shmplot_renderer *r = NULL;
	int rc = 0;
	shmplot_spec *seed = NULL;
	shmplot_figure **batch = NULL;
	size_t *index = NULL;
	shmplot_results *res = NULL;
	if (shmplot_renderer_new(&r, NULL, err, sizeof err)) {
		fprintf(stderr, "shmplot render: %s\n", err);
		rc = EXIT_SOFTWARE;
		goto done;
	}
	const shmplot_data *data;
	shmplot_figure *const *all;
	size_t nall;
	if (spec) {
		data = shmplot_spec_data(spec);
		all = shmplot_spec_figures(spec);
		nall = shmplot_spec_count(spec);
	} else {
		rc = seed_spec((size_t)points, &seed, err, sizeof err);
		if (rc) {
			fprintf(stderr, "shmplot render: %s\n", err);
			goto done;
		}
		data = shmplot_spec_data(seed);
		all = shmplot_spec_figures(seed);
		nall = shmplot_spec_count(seed);
	}
	if (interrupted) {
		fprintf(stderr, "shmplot render: interrupted before rendering; "
				"nothing written\n");
		rc = EXIT_INTERRUPTED;
		goto done;
	}
	/* This shard's figures, in spec order; index maps back for reports. */
	size_t nfig = 0;
	batch = calloc(nall / shard_n + 1, sizeof *batch);
	index = calloc(nall / shard_n + 1, sizeof *index);
	if (!batch || !index) {
		fprintf(stderr, "shmplot render: out of memory\n");
		rc = EXIT_SOFTWARE;
		goto done;
	}
	for (size_t i = 0; i < nall; i++)
		if (shmplot_spec_in_shard(i, shard_k, shard_n)) {
			index[nfig] = i;
			batch[nfig++] = all[i];
		}
	if (report) {
		w.bytes = calloc(nfig + 1, sizeof *w.bytes);
		if (!w.bytes) {
			fprintf(stderr, "shmplot render: out of memory\n");
			rc = EXIT_SOFTWARE;
			goto done;
		}
	}
	if (!quiet && (want_progress || (spec && isatty(2)))) {
		prog.mode = isatty(2) ? 1 : 2;
		prog.total = nfig;
		prog.t0 = t0;
		prog.last = -1;
		w.prog = &prog;
	}

	shmplot_render_opts opts;
	shmplot_render_opts_init(&opts);
	opts.jobs = (int)jobs;
	opts.timeout_s = timeout;
	opts.on_result = on_result;
	opts.userdata = &w;
	opts.discard_outputs = 1; /* each PNG is on disk before it is freed */
	opts.cancel = &interrupted;
	shmplot_status st = SHMPLOT_OK;
	if (nfig)
		st = shmplot_render(r, data, batch, nfig, &opts, &res);
	size_t failed = shmplot_results_failed(res);
	if (w.prog)
		progress_show(&prog, 1);
	if (st == SHMPLOT_OK || st == SHMPLOT_E_FIGURES)
		rc = failed ? EXIT_FIGFAIL : 0;
	else if (w.write_failed)
		rc = EXIT_IOERR;
	else if (st == SHMPLOT_E_INTERRUPTED)
		rc = EXIT_INTERRUPTED;
	else
		rc = EXIT_SOFTWARE;
	if (rc == EXIT_INTERRUPTED)
		fprintf(stderr,
			"shmplot render: interrupted; %zu of %zu figures "
			"written\n",
			w.written, nfig);
	else if (rc == EXIT_SOFTWARE)
		fprintf(stderr, "shmplot render: %s\n",
			shmplot_renderer_errmsg(r));
	if (report && (res || nfig == 0)) {
		report_info ri = {.spec = spec_path,
				  .shard_k = shard_k,
				  .shard_n = shard_n,
				  .spec_figures = nall,
				  .seconds = elapsed_since(&t0),
				  .out = out};
		if (write_report(report, &ri, res, w.bytes, index) != 0 &&
		    (rc == 0 || rc == EXIT_FIGFAIL))
			rc = EXIT_IOERR;
	}
	if (!quiet)
		printf("%zu of %zu figures written to %s in %.3f s "
		       "(%zu failed)\n",
		       w.written, nfig, out, elapsed_since(&t0), failed);
done:
	shmplot_results_free(res);
	free(batch);
	free(index);
	free(w.bytes);
	shmplot_spec_free(seed);
	shmplot_spec_free(spec);
	shmplot_renderer_free(r);
	close(w.dirfd);
	return rc;
}

/*
 * The version, and the font text is drawn with: image baselines depend on
 * the exact font file, so a bug report (or a test) can tell which it was.
 */
static int print_version(void)
{
	char err[512] = "";
	shmplot_renderer *r = NULL;
	printf("shmplot %s\n", shmplot_version());
	if (shmplot_renderer_new(&r, NULL, err, sizeof err) != SHMPLOT_OK) {
		printf("font: none (%s)\n", err);
		return EXIT_SOFTWARE;
	}
	printf("font: %s\n", shmplot_renderer_font_path(r));
	shmplot_renderer_free(r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "%s", "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(main_usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
		return print_version();
	if (strcmp(cmd, "render") == 0)
		return cmd_render(argc - 1, argv + 1);
	if (strcmp(cmd, "diff") == 0)
		return cli_diff_main(argc - 1, argv + 1);
	return usage_error(NULL, "unknown command '%s'", cmd);
}
