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
#ifdef SHMPLOT_HAVE_DIFF
#include "cli_diff.h"
#endif

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
#ifdef SHMPLOT_HAVE_DIFF
    "  diff       compare two PNG images (see: shmplot diff --help)\n"
#endif
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n";

static const char *const render_usage =
    "Usage: shmplot render [OPTIONS]\n"
    "\n"
    "Render the seed batch: x = N points evenly spaced over [0, 4pi];\n"
    "figure1 sin(x) and cos(x), figure2 tan(x) with y in [-5, 5],\n"
    "figure3 all three with y in [-5, 5]; each 12 x 3 in at 100 dpi\n"
    "(1200 x 300 px), written as DIR/figure1.png ... figure3.png.\n"
    "Files are written atomically (temporary file, then rename) as each\n"
    "figure finishes.\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR        output directory, created if missing "
    "(default: .)\n"
    "  -j, --jobs N         worker processes, 1..1024 (default: number "
    "of CPUs)\n"
    "  -n, --points N       points per series, 2..1000000000 "
    "(default: 1000)\n"
    "      --timeout SECS   per-figure time limit; 0 = none "
    "(default: 300)\n"
    "  -q, --quiet          print nothing but errors\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 all figures written; 1 some figure failed (the others\n"
    "are written); 64 usage error; 65 bad input; 70 internal error;\n"
    "74 cannot write output; 130 interrupted.\n";

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

typedef struct writer {
	const char *dir;
	int dirfd;
	int quiet;
	size_t written;
	int write_failed;
	unsigned serial;
} writer;

/* Writes name into the output directory via a temporary file + rename. */
static int write_atomic(writer *w, const char *name, const unsigned char *buf,
			size_t len)
{
	char tmp[PATH_MAX];
	int fd = -1;
	if (snprintf(tmp, sizeof tmp, ".%s.tmp.%ld.%u", name, (long)getpid(),
		     w->serial++) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	fd = openat(w->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0644);
	if (fd < 0)
		goto fail;
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			unlinkat(w->dirfd, tmp, 0);
			errno = e;
			goto fail;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlinkat(w->dirfd, tmp, 0);
		errno = e;
		goto fail;
	}
	if (renameat(w->dirfd, tmp, w->dirfd, name) != 0) {
		int e = errno;
		unlinkat(w->dirfd, tmp, 0);
		errno = e;
		goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "shmplot render: cannot write %s/%s: %s\n", w->dir,
		name, strerror(errno));
	return -1;
}

/* Called as each figure finishes: write it now so memory stays bounded. */
static int on_result(void *ud, const shmplot_results *res, size_t i)
{
	writer *w = ud;
	const char *name = shmplot_results_name(res, i);
	shmplot_fig_status st = shmplot_results_status(res, i);
	if (st != SHMPLOT_FIG_OK) {
		fprintf(stderr, "shmplot render: %s: %s: %s\n", name,
			shmplot_fig_status_str(st),
			shmplot_results_message(res, i));
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
	if (!w->quiet)
		printf("wrote %s/%s (%zu bytes, %.1f ms)\n", w->dir, file, len,
		       shmplot_results_seconds(res, i) * 1e3);
	return 0;
}

/* Adds one labelled line per series id to ax. */
static int plot_all(shmplot_axes *ax, shmplot_series x,
		    const shmplot_series *ys, const char *const *labels, int n)
{
	for (int i = 0; i < n; i++)
		if (shmplot_axes_plot(ax, x, ys[i], labels[i], NULL))
			return -1;
	return shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_BEST) ? -1 : 0;
}

/*
 * The seed batch of DESIGN.md: the parent computes x, sin, cos and tan in
 * place in the segment, then describes three 12 x 3 in figures.
 */
static int build_seed(size_t n, shmplot_data **data_out,
		      shmplot_figure *figs[3], char *err, size_t errlen)
{
	shmplot_data *d;
	shmplot_status st = shmplot_data_new(&d, 4, 4 * n, err, errlen);
	if (st)
		return EXIT_SOFTWARE;
	double *x, *s, *c, *t;
	shmplot_series ids[4];
	if (shmplot_data_alloc(d, "x", n, &x, &ids[0]) ||
	    shmplot_data_alloc(d, "sin", n, &s, &ids[1]) ||
	    shmplot_data_alloc(d, "cos", n, &c, &ids[2]) ||
	    shmplot_data_alloc(d, "tan", n, &t, &ids[3])) {
		snprintf(err, errlen, "%s", shmplot_data_errmsg(d));
		shmplot_data_free(d);
		return EXIT_SOFTWARE;
	}
	const double step = 4.0 * M_PI / (double)(n - 1);
	for (size_t i = 0; i < n; i++) {
		x[i] = (double)i * step;
		s[i] = sin(x[i]);
		c[i] = cos(x[i]);
		t[i] = tan(x[i]);
	}
	x[n - 1] = 4.0 * M_PI;
	if (shmplot_data_seal(d)) {
		snprintf(err, errlen, "%s", shmplot_data_errmsg(d));
		shmplot_data_free(d);
		return EXIT_SOFTWARE;
	}
	static const char *const names[3] = {"figure1", "figure2", "figure3"};
	static const char *const labels[3] = {"sin(x)", "cos(x)", "tan(x)"};
	static const int first[3] = {0, 2, 0}, count[3] = {2, 1, 3};
	memset(figs, 0, 3 * sizeof *figs);
	for (int f = 0; f < 3; f++) {
		if (shmplot_figure_new(&figs[f], names[f], 12, 3, 100, err,
				       errlen))
			goto fail;
		shmplot_axes *ax = shmplot_figure_axes(figs[f], 0, 0);
		if (plot_all(ax, ids[0], ids + 1 + first[f], labels + first[f],
			     count[f]) ||
		    (f > 0 && shmplot_axes_set_ylim(ax, -5, 5))) {
			snprintf(err, errlen, "%s",
				 shmplot_figure_errmsg(figs[f]));
			goto fail;
		}
	}
	*data_out = d;
	return 0;
fail:
	for (int f = 0; f < 3; f++)
		shmplot_figure_free(figs[f]);
	shmplot_data_free(d);
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

static int cmd_render(int argc, char **argv)
{
	enum { OPT_TIMEOUT = 256 };
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"points", required_argument, NULL, 'n'},
	    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	const char *out = ".";
	long long jobs = 0, points = SEED_POINTS;
	double timeout = 300;
	int quiet = 0, c;
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
		return usage_error("render", "unexpected argument '%s'",
				   argv[optind]);

	if (make_dirs(out) != 0) {
		fprintf(stderr, "shmplot render: cannot create %s: %s\n", out,
			strerror(errno));
		return EXIT_IOERR;
	}
	writer w = {.dir = out, .quiet = quiet};
	w.dirfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w.dirfd < 0) {
		fprintf(stderr, "shmplot render: cannot open %s: %s\n", out,
			strerror(errno));
		return EXIT_IOERR;
	}

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char err[512] = "";
	shmplot_renderer *r = NULL;
	if (shmplot_renderer_new(&r, NULL, err, sizeof err)) {
		fprintf(stderr, "shmplot render: %s\n", err);
		close(w.dirfd);
		return EXIT_SOFTWARE;
	}
	shmplot_data *data = NULL;
	shmplot_figure *figs[3];
	int rc = build_seed((size_t)points, &data, figs, err, sizeof err);
	if (rc) {
		fprintf(stderr, "shmplot render: %s\n", err);
		shmplot_renderer_free(r);
		close(w.dirfd);
		return rc;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: wake poll() at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	shmplot_render_opts opts;
	shmplot_render_opts_init(&opts);
	opts.jobs = (int)jobs;
	opts.timeout_s = timeout;
	opts.on_result = on_result;
	opts.userdata = &w;
	opts.discard_outputs = 1;
	opts.cancel = &interrupted;
	shmplot_results *res = NULL;
	shmplot_status st = shmplot_render(r, data, figs, 3, &opts, &res);
	size_t failed = shmplot_results_failed(res);
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
			"shmplot render: interrupted; %zu of 3 figures "
			"written\n",
			w.written);
	else if (rc == EXIT_SOFTWARE)
		fprintf(stderr, "shmplot render: %s\n",
			shmplot_renderer_errmsg(r));
	if (!quiet)
		printf("%zu of 3 figures written to %s in %.3f s "
		       "(%zu failed)\n",
		       w.written, out, elapsed_since(&t0), failed);
	shmplot_results_free(res);
	for (int f = 0; f < 3; f++)
		shmplot_figure_free(figs[f]);
	shmplot_data_free(data);
	shmplot_renderer_free(r);
	close(w.dirfd);
	return rc;
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
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("shmplot %s\n", shmplot_version());
		return 0;
	}
	if (strcmp(cmd, "render") == 0)
		return cmd_render(argc - 1, argv + 1);
#ifdef SHMPLOT_HAVE_DIFF
	if (strcmp(cmd, "diff") == 0)
		return cli_diff_main(argc - 1, argv + 1);
#endif
	return usage_error(NULL, "unknown command '%s'", cmd);
}
