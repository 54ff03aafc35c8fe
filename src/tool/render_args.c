/* SPDX-License-Identifier: MIT */
/*
 * `shmplot render`'s command line: its help text and its options, checked
 * before anything is loaded, created or rendered.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEED_POINTS 1000

static const char *const render_usage =
    "usage: shmplot render [OPTIONS] [SPEC.json]\n"
    "\n"
    "Render the figures of a batch spec (a JSON file naming data series and\n"
    "figures; the format is in shmplot-spec(5)), each to DIR/NAME.png\n"
    "(and NAME.pdf, NAME.svg with --format).\n"
    "Relative data-file paths in the spec resolve against the spec's\n"
    "directory. SPEC '-' reads the spec from standard input (as do\n"
    "/dev/stdin and pipes); its relative paths then resolve against the\n"
    "current directory. A bad spec is rejected before anything is rendered,\n"
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
    "  -j, --jobs N         worker processes at most, 0..1024; 0 (the "
    "default)\n"
    "                       is the number of CPUs; no more start than "
    "there is\n"
    "                       work for\n"
    "  -n, --points N       points per series of the seed batch, "
    "2..1000000000\n"
    "                       (default: 1000; not allowed with a spec)\n"
    "      --timeout SECS   per-figure time limit; 0 = none "
    "(default: 300)\n"
    "      --format FMT     output formats, comma-separated: png, pdf, "
    "svg\n"
    "                       (default: png); each figure is written as\n"
    "                       DIR/NAME.png, NAME.pdf, NAME.svg\n"
    "      --pdf-book FILE  also write every figure as a page of one PDF,\n"
    "                       in batch order, with bookmarks by figure name\n"
    "                       (a failed figure has no page; --report says\n"
    "                       which), atomically\n"
    "      --shard K/N      render only figures whose 0-based index i in "
    "the\n"
    "                       batch has i mod N = K-1 (1 <= K <= N), so N "
    "runs\n"
    "                       with K = 1..N render each figure exactly "
    "once\n"
    "      --report FILE    write a JSON summary (status, seconds and "
    "bytes of\n"
    "                       each figure), atomically\n"
    "      --incremental    render only figures whose files are not "
    "already\n"
    "                       right: a figure is skipped when each of its "
    "files\n"
    "                       is in DIR's manifest with the figure's key "
    "(its\n"
    "                       description, its series' definitions and "
    "data\n"
    "                       files' bytes, the fonts, shmplot's build) and\n"
    "                       still holds the bytes written; only the "
    "figures\n"
    "                       rendered have their series computed or read;\n"
    "                       --report says \"skipped\"; the manifest is\n"
    "                       DIR/.shmplot-manifest.K-of-N, one per --shard\n"
    "                       (not with --pdf-book)\n"
    "      --progress       progress lines on stderr even when it is not "
    "a\n"
    "                       terminal (on a terminal a spec batch shows "
    "one\n"
    "                       updating progress line anyway), and even with "
    "-q\n"
    "  -q, --quiet          print nothing but errors (and the progress "
    "that\n"
    "                       --progress asks for)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 all figures written; 1 some figure failed (the others\n"
    "are written); 64 usage error (also: the spec file cannot be read);\n"
    "65 bad input (a problem in the spec or a data file it names);\n"
    "70 internal error; 74 cannot write output; 130 interrupted.\n";

enum {
	OPT_TIMEOUT = 256,
	OPT_FORMAT,
	OPT_SHARD,
	OPT_REPORT,
	OPT_PROGRESS,
	OPT_BOOK,
	OPT_INCREMENTAL
};

static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, 'j'},
    {"points", required_argument, NULL, 'n'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"report", required_argument, NULL, OPT_REPORT},
    {"pdf-book", required_argument, NULL, OPT_BOOK},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"incremental", no_argument, NULL, OPT_INCREMENTAL},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Parses a whole decimal integer in [lo, hi]: 0, or -1 if it is not. */
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

/* Parses "K/N" with 1 <= K <= N <= 1000000: 0, or -1 if it is not. */
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

/* Parses "png,pdf,svg" (any non-empty list of them): 0, or -1. */
static int parse_formats(const char *s, unsigned *out)
{
	static const char *const names[] = {"png", "pdf", "svg"};
	static const unsigned bits[] = {SHMPLOT_FORMAT_PNG, SHMPLOT_FORMAT_PDF,
					SHMPLOT_FORMAT_SVG};
	unsigned f = 0;

	for (;;) {
		size_t n = strcspn(s, ","), k;
		for (k = 0; k < 3; k++)
			if (n == 3 && strncmp(s, names[k], 3) == 0)
				break;
		if (k == 3)
			return -1;
		f |= bits[k];
		if (!s[n])
			break;
		s += n + 1;
	}
	*out = f;
	return 0;
}

/* Parses finite seconds >= 0: 0, or -1 if they are not. */
static int parse_seconds(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	return 0;
}

/* Takes the value v of option c; returns -1, or CLI_USAGE if it is bad. */
static int take_value(render_args *a, int c, const char *v, int *points_given)
{
	switch (c) {
	case 'o':
		/* (an empty name is a slip on the command line, not a
		 * directory that cannot be written) */
		if (!*v)
			return cli_usage_error("render", NULL,
					       "-o/--out wants a directory, "
					       "not an empty name");
		a->out = v;
		break;
	case 'j':
		if (parse_long(v, 0, 1024, &a->jobs))
			return cli_usage_error("render", NULL,
					       "-j/--jobs wants an integer "
					       "0..1024 (0: all CPUs), not "
					       "'%s'",
					       v);
		break;
	case 'n':
		if (parse_long(v, 2, 1000000000, &a->points))
			return cli_usage_error("render", NULL,
					       "-n/--points wants an integer "
					       "2..1000000000, not '%s'",
					       v);
		*points_given = 1;
		break;
	case OPT_TIMEOUT:
		if (parse_seconds(v, &a->timeout))
			return cli_usage_error(
			    "render", NULL,
			    "--timeout wants seconds >= 0, not '%s'", v);
		break;
	case OPT_FORMAT:
		if (parse_formats(v, &a->formats))
			return cli_usage_error(
			    "render", NULL,
			    "--format wants png, pdf or svg, "
			    "or several comma-separated "
			    "(png,pdf), not '%s'",
			    v);
		break;
	case OPT_SHARD:
		if (parse_shard(v, &a->shard_k, &a->shard_n))
			return cli_usage_error("render", NULL,
					       "--shard wants K/N with 1 <= K "
					       "<= N, not '%s'",
					       v);
		break;
	case OPT_REPORT:
		if (!*v)
			return cli_usage_error("render", NULL,
					       "--report wants a file name, "
					       "not an empty one");
		a->report = v;
		break;
	case OPT_BOOK:
		if (!*v)
			return cli_usage_error("render", NULL,
					       "--pdf-book wants a file name, "
					       "not an empty one");
		a->book = v;
		break;
	}
	return -1;
}

/* The arguments after the options: at most one, the spec. */
static int take_operands(render_args *a, int argc, char **argv,
			 int points_given)
{
	if (optind < argc)
		a->spec_path = argv[optind++];
	if (optind < argc)
		return cli_usage_error(
		    "render", NULL, "unexpected argument '%s'", argv[optind]);
	if (a->incremental && a->book)
		return cli_usage_error(
		    "render", NULL,
		    "--incremental cannot make a --pdf-book: "
		    "the book needs every figure's page");
	if (a->spec_path && points_given)
		return cli_usage_error("render", NULL,
				       "-n/--points sizes the seed batch "
				       "only; a spec sets its own series");
	return -1;
}

int cli_render_args(int argc, char **argv, render_args *a)
{
	int c, rc, points_given = 0;

	memset(a, 0, sizeof *a);
	a->out = ".";
	a->points = SEED_POINTS;
	a->timeout = 300;
	a->shard_k = a->shard_n = 1;
	a->formats = SHMPLOT_FORMAT_PNG;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:j:n:qh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'q':
			a->quiet = 1;
			break;
		case OPT_PROGRESS:
			a->want_progress = 1;
			break;
		case OPT_INCREMENTAL:
			a->incremental = 1;
			break;
		case 'h':
			fputs(render_usage, stdout);
			return CLI_OK;
		case ':':
			return cli_usage_error("render", NULL,
					       "option '%s' needs a value",
					       argv[optind - 1]);
		case '?':
			return cli_usage_error("render", NULL,
					       "unknown option '%s'",
					       argv[optind - 1]);
		default:
			rc = take_value(a, c, optarg, &points_given);
			if (rc >= 0)
				return rc;
		}
	}
	return take_operands(a, argc, argv, points_given);
}
