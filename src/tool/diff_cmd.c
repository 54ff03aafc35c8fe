/* SPDX-License-Identifier: MIT */
/*
 * `shmplot diff`: compare an image with its reviewed baseline.
 *
 * Uses the public API only. Prints one stable summary line (or versioned
 * JSON) on stdout, errors on stderr as "shmplot diff: <file>: <what>".
 */
#define _GNU_SOURCE

#include "tool.h"

#include <shmplot/diff.h>

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: shmplot diff EXPECTED.png ACTUAL.png [--diff-out FILE]\n"
    "                    [--panel-out FILE] [--max-delta N] [--max-pixels "
    "N]\n"
    "                    [--aa report|forgive] [--json] [-q]\n";

static const char help_text[] =
    "\n"
    "Compares ACTUAL.png with the reviewed baseline EXPECTED.png, pixel by\n"
    "pixel. Both are decoded to RGBA8 and compared premultiplied (fully\n"
    "transparent pixels are all equal); PNG metadata (text, time, pHYs,\n"
    "gamma, compression) never matters. The comparison is exact unless a\n"
    "tolerance is given.\n"
    "\n"
    "Options:\n"
    "  --diff-out FILE     Write the diff image: the expected image faded\n"
    "                      to grey, pixels where ACTUAL has more ink (or "
    "another\n"
    "                      colour) in magenta, less ink in green, and\n"
    "                      differences that look like anti-aliasing in "
    "amber.\n"
    "                      Not written after a size mismatch.\n"
    "  --panel-out FILE    Write a panel: expected | actual | diff side by\n"
    "                      side, the differences marked in the margins\n"
    "                      (and boxed in the diff), and below them the\n"
    "                      densest 32x32 region enlarged 8x, so that one\n"
    "                      differing pixel is visible.\n"
    "                      After a size mismatch: expected | actual.\n"
    "  --max-delta N       Tolerate differing pixels whose largest channel\n"
    "                      difference is at most N (0-255).\n"
    "  --max-pixels N      Tolerate at most N differing pixels.\n"
    "                      Both given: both must hold. Only one given: the\n"
    "                      other is unlimited. Neither: exact.\n"
    "  --aa report|forgive report (default): pixels that look like\n"
    "                      anti-aliasing are counted like any other and\n"
    "                      reported separately. forgive: they are left out\n"
    "                      of the tolerance checks. A pixel only counts as\n"
    "                      anti-aliasing if the ink in the 11x11 pixels\n"
    "                      around it changes by under 8%, so a visibly\n"
    "                      thicker or thinner line is not forgiven.\n"
    "  --json              Print one JSON object (\"version\": 1) instead "
    "of\n"
    "                      the summary line.\n"
    "  -q, --quiet         Print nothing on stdout (neither the summary "
    "line\n"
    "                      nor the JSON); the exit status tells the "
    "verdict,\n"
    "                      errors still go to stderr.\n"
    "  -h, --help          Print this help and exit 0.\n"
    "Options may come before or after the files; -- ends the options.\n"
    "\n"
    "Output: one line on stdout, fields always in this order:\n"
    "  VERDICT size=WxH pixels=N aa=N counted=N max_delta=N "
    "bbox=X,Y,WxH\n"
    "  densest=N@X,Y/S rms=R tolerance=D,P,AA [note=tolerance-unused]\n"
    "VERDICT is IDENTICAL, WITHIN-TOLERANCE, DIFFERENT or SIZE-MISMATCH\n"
    "(size-mismatch lines give size=EXPECTED/ACTUAL and nothing else).\n"
    "pixels: differing pixels; aa: those that look like anti-aliasing;\n"
    "counted: those checked against the tolerance; max_delta: largest\n"
    "channel difference; bbox: box around all differences; densest: most\n"
    "differing pixels in any SxS window; rms: root mean square channel\n"
    "difference, for information only, never a gate. tolerance=D,P,AA:\n"
    "the tolerance in force (max delta, max pixels with \"any\" for\n"
    "unlimited, aa mode).\n"
    "note=tolerance-unused: a tolerance was given but the images are\n"
    "identical; remove or tighten it.\n"
    "\n"
    "Exit status:\n"
    "   0  identical (whatever the tolerance), or different within the\n"
    "      tolerance\n"
    "   1  different\n"
    "   2  the sizes differ\n"
    "   3  EXPECTED does not exist (a missing baseline)\n"
    "  64  usage error\n"
    "  65  a file is unreadable, missing (ACTUAL), not a PNG, corrupt,\n"
    "      truncated or over the size limits\n"
    "  70  internal error (out of memory)\n"
    "  74  an output file (--diff-out, --panel-out) cannot be written\n"
    "      (the summary is printed first; 74 wins over 0, 1 and 2)\n";

/* Parses a non-negative decimal integer no larger than max. */
static int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return 0;
	*out = v;
	return 1;
}

struct args {
	const char *expected, *actual;
	const char *diff_out, *panel_out;
	int have_delta, have_pixels, json, quiet;
	uint64_t max_delta, max_pixels;
	shmplot_diff_aa aa;
};

#define usage_error(...) cli_usage_error("diff", usage_text, __VA_ARGS__)

/* The options that take a value: --opt VALUE or --opt=VALUE. */
enum valued {
	OPT_DIFF_OUT = 256,
	OPT_PANEL_OUT,
	OPT_MAX_DELTA,
	OPT_MAX_PIXELS,
	OPT_AA,
	OPT_JSON
};

static const struct option longopts[] = {
    {"diff-out", required_argument, NULL, OPT_DIFF_OUT},
    {"panel-out", required_argument, NULL, OPT_PANEL_OUT},
    {"max-delta", required_argument, NULL, OPT_MAX_DELTA},
    {"max-pixels", required_argument, NULL, OPT_MAX_PIXELS},
    {"aa", required_argument, NULL, OPT_AA},
    {"json", no_argument, NULL, OPT_JSON},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Takes the value of a valued option; returns -1, or CLI_USAGE. */
static int take_value(struct args *a, int which, const char *val)
{
	switch (which) {
	case OPT_DIFF_OUT:
		if (*val == '\0')
			return usage_error("%s",
					   "--diff-out needs a file name");
		a->diff_out = val;
		break;
	case OPT_PANEL_OUT:
		if (*val == '\0')
			return usage_error("%s",
					   "--panel-out needs a file name");
		a->panel_out = val;
		break;
	case OPT_MAX_DELTA:
		if (!parse_uint(val, 255, &a->max_delta))
			return usage_error("--max-delta '%s' is not a number "
					   "from 0 to 255",
					   val);
		a->have_delta = 1;
		break;
	case OPT_MAX_PIXELS:
		if (!parse_uint(val, UINT64_MAX - 1, &a->max_pixels))
			return usage_error("--max-pixels '%s' is not a "
					   "non-negative integer",
					   val);
		a->have_pixels = 1;
		break;
	case OPT_AA:
		if (strcmp(val, "report") == 0)
			a->aa = SHMPLOT_DIFF_AA_REPORT;
		else if (strcmp(val, "forgive") == 0)
			a->aa = SHMPLOT_DIFF_AA_FORGIVE;
		else
			return usage_error("--aa '%s' is not 'report' or "
					   "'forgive'",
					   val);
		break;
	}
	return -1;
}

/* The option getopt_long could not take, as it was written. */
static const char *bad_option(char **argv, char *shortopt)
{
	if (optopt > 0 && optopt < 256) {
		shortopt[1] = (char)optopt;
		return shortopt;
	}
	return argv[optind - 1];
}

/*
 * Options may come before or after the files (getopt_long, as render);
 * -- ends them. Returns -1 to go on, else an exit status.
 */
static int parse_args(int argc, char **argv, struct args *a)
{
	char shortopt[3] = "-?";
	int c, rc = -1;

	memset(a, 0, sizeof *a);
	a->aa = SHMPLOT_DIFF_AA_REPORT;
	opterr = 0;
	optind = 1;
	while (rc < 0 &&
	       (c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			rc = CLI_OK;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case OPT_JSON:
			a->json = 1;
			break;
		case ':':
			rc = usage_error("option '%s' needs a value",
					 bad_option(argv, shortopt));
			break;
		case '?':
			rc = usage_error("unknown option '%s'",
					 bad_option(argv, shortopt));
			break;
		default:
			rc = take_value(a, c, optarg);
		}
	}
	if (rc >= 0)
		return rc;
	if (argc - optind > 2)
		return usage_error("unexpected argument '%s'",
				   argv[optind + 2]);
	if (argc - optind < 2)
		return usage_error("%s", "needs EXPECTED.png and ACTUAL.png");
	a->expected = argv[optind];
	a->actual = argv[optind + 1];
	return -1;
}

static const char *verdict_word(shmplot_diff_verdict v)
{
	switch (v) {
	case SHMPLOT_DIFF_IDENTICAL:
		return "IDENTICAL";
	case SHMPLOT_DIFF_WITHIN_TOLERANCE:
		return "WITHIN-TOLERANCE";
	case SHMPLOT_DIFF_DIFFERENT:
		return "DIFFERENT";
	case SHMPLOT_DIFF_SIZE_MISMATCH:
		return "SIZE-MISMATCH";
	}
	return "UNKNOWN";
}

static void print_line(const shmplot_diff_result *r, const shmplot_diff_opts *o)
{
	char pixels[32];

	if (r->verdict == SHMPLOT_DIFF_SIZE_MISMATCH) {
		printf("%s size=%dx%d/%dx%d\n", verdict_word(r->verdict),
		       r->expected_width, r->expected_height, r->actual_width,
		       r->actual_height);
		return;
	}
	if (o->max_pixels == UINT64_MAX)
		snprintf(pixels, sizeof pixels, "any");
	else
		snprintf(pixels, sizeof pixels, "%" PRIu64, o->max_pixels);
	printf("%s size=%dx%d pixels=%" PRIu64 " aa=%" PRIu64
	       " counted=%" PRIu64 " max_delta=%u bbox=%d,%d,%dx%d "
	       "densest=%" PRIu64 "@%d,%d/%d rms=%.4f tolerance=%u,%s,%s%s\n",
	       verdict_word(r->verdict), r->expected_width, r->expected_height,
	       r->diff_pixels, r->aa_pixels, r->counted_pixels, r->max_delta,
	       r->bbox_x, r->bbox_y, r->bbox_w, r->bbox_h, r->window_pixels,
	       r->window_x, r->window_y, r->window, r->rms, o->max_delta,
	       pixels, o->aa == SHMPLOT_DIFF_AA_FORGIVE ? "forgive" : "report",
	       r->tolerance_unused ? " note=tolerance-unused" : "");
}

static cJSON *json_size(int w, int h)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "width", w);
	cJSON_AddNumberToObject(o, "height", h);
	return o;
}

/* The comparison's fields, in the documented order. */
static void json_result(cJSON *root, const shmplot_diff_result *r)
{
	cJSON_AddStringToObject(root, "verdict",
				shmplot_diff_verdict_str(r->verdict));
	cJSON_AddItemToObject(root, "expected_size",
			      json_size(r->expected_width, r->expected_height));
	cJSON_AddItemToObject(root, "actual_size",
			      json_size(r->actual_width, r->actual_height));
	cJSON_AddBoolToObject(root, "same_bytes", r->same_bytes);
	cJSON_AddNumberToObject(root, "diff_pixels", (double)r->diff_pixels);
	cJSON_AddNumberToObject(root, "aa_pixels", (double)r->aa_pixels);
	cJSON_AddNumberToObject(root, "counted_pixels",
				(double)r->counted_pixels);
	cJSON_AddNumberToObject(root, "max_delta", r->max_delta);
	cJSON_AddNumberToObject(root, "counted_max_delta",
				r->counted_max_delta);
	if (r->diff_pixels > 0) {
		cJSON *b = cJSON_AddObjectToObject(root, "bbox");
		cJSON_AddNumberToObject(b, "x", r->bbox_x);
		cJSON_AddNumberToObject(b, "y", r->bbox_y);
		cJSON_AddNumberToObject(b, "width", r->bbox_w);
		cJSON_AddNumberToObject(b, "height", r->bbox_h);
		cJSON *w = cJSON_AddObjectToObject(root, "densest");
		cJSON_AddNumberToObject(w, "x", r->window_x);
		cJSON_AddNumberToObject(w, "y", r->window_y);
		cJSON_AddNumberToObject(w, "size", r->window);
		cJSON_AddNumberToObject(w, "pixels", (double)r->window_pixels);
	} else {
		cJSON_AddNullToObject(root, "bbox");
		cJSON_AddNullToObject(root, "densest");
	}
	cJSON_AddNumberToObject(root, "rms", r->rms);
}

/* The tolerance in force, and whether it was needed. */
static void json_tolerance(cJSON *root, const shmplot_diff_opts *o,
			   const shmplot_diff_result *r)
{
	cJSON *t = cJSON_AddObjectToObject(root, "tolerance");

	cJSON_AddNumberToObject(t, "max_delta", o->max_delta);
	if (o->max_pixels == UINT64_MAX)
		cJSON_AddNullToObject(t, "max_pixels");
	else
		cJSON_AddNumberToObject(t, "max_pixels", (double)o->max_pixels);
	cJSON_AddStringToObject(
	    t, "aa", o->aa == SHMPLOT_DIFF_AA_FORGIVE ? "forgive" : "report");
	cJSON_AddBoolToObject(root, "tolerance_unused", r->tolerance_unused);
}

/*
 * Prints the JSON object; r is NULL after an input error. Returns 0, or -1
 * if out of memory.
 */
static int print_json(const struct args *a, const shmplot_diff_opts *o,
		      const shmplot_diff_result *r, const char *error_input,
		      const char *error_msg)
{
	cJSON *root = cJSON_CreateObject();
	char *s;

	if (root == NULL)
		return -1;
	cJSON_AddNumberToObject(root, "version", SHMPLOT_DIFF_JSON_VERSION);
	cJSON_AddStringToObject(root, "expected", a->expected);
	cJSON_AddStringToObject(root, "actual", a->actual);
	if (r == NULL) {
		cJSON *e = cJSON_AddObjectToObject(root, "error");
		cJSON_AddStringToObject(e, "input", error_input);
		cJSON_AddStringToObject(e, "message", error_msg);
	} else {
		json_result(root, r);
		json_tolerance(root, o, r);
	}
	s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (s == NULL)
		return -1;
	puts(s);
	free(s);
	return 0;
}

/* The tolerance asked for: one gate given, the other is unlimited;
 * neither, exact. */
static void opts_from_args(const struct args *a, shmplot_diff_opts *o)
{
	shmplot_diff_opts_init(o);
	o->aa = a->aa;
	o->max_delta = a->have_delta ? (unsigned)a->max_delta
				     : (a->have_pixels ? 255u : 0u);
	o->max_pixels =
	    a->have_pixels ? a->max_pixels : (a->have_delta ? UINT64_MAX : 0);
}

/* An input could not be compared: says why, returns the exit status. */
static int input_error(shmplot_diff *d, shmplot_status st, const struct args *a,
		       const shmplot_diff_opts *o)
{
	shmplot_diff_input in = shmplot_diff_errinput(d);

	fprintf(stderr, "shmplot diff: %s\n", shmplot_diff_errmsg(d));
	if (a->json && !a->quiet)
		print_json(a, o, NULL,
			   in == SHMPLOT_DIFF_INPUT_EXPECTED ? "expected"
							     : "actual",
			   shmplot_diff_errmsg(d));
	if (st == SHMPLOT_E_NOT_FOUND && in == SHMPLOT_DIFF_INPUT_EXPECTED)
		return CLI_MISSING;
	if (st == SHMPLOT_E_NOMEM)
		return CLI_SOFTWARE;
	return CLI_DATAERR;
}

static int verdict_status(shmplot_diff_verdict v)
{
	switch (v) {
	case SHMPLOT_DIFF_IDENTICAL:
	case SHMPLOT_DIFF_WITHIN_TOLERANCE:
		return CLI_OK;
	case SHMPLOT_DIFF_DIFFERENT:
		return CLI_DIFFERENT;
	case SHMPLOT_DIFF_SIZE_MISMATCH:
	default:
		return CLI_SIZE;
	}
}

/*
 * Writes --diff-out and --panel-out (after the summary is printed): rc, or
 * CLI_IOERR if one cannot be written.
 */
static int write_outputs(shmplot_diff *d, const struct args *a,
			 const shmplot_diff_result *r, int rc)
{
	if (a->diff_out != NULL) {
		if (r->verdict == SHMPLOT_DIFF_SIZE_MISMATCH) {
			fprintf(stderr,
				"shmplot diff: %s: not written: the images "
				"differ in size\n",
				a->diff_out);
		} else if (shmplot_diff_write_image(d, a->diff_out) !=
			   SHMPLOT_OK) {
			fprintf(stderr, "shmplot diff: %s\n",
				shmplot_diff_errmsg(d));
			rc = CLI_IOERR;
		}
	}
	if (a->panel_out != NULL &&
	    shmplot_diff_write_panel(d, a->panel_out) != SHMPLOT_OK) {
		fprintf(stderr, "shmplot diff: %s\n", shmplot_diff_errmsg(d));
		rc = CLI_IOERR;
	}
	return rc;
}

int cli_diff_main(int argc, char **argv)
{
	struct args a;
	shmplot_diff_opts o;
	shmplot_diff *d;
	const shmplot_diff_result *r;
	shmplot_status st;
	char err[256];
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	opts_from_args(&a, &o);
	if (shmplot_diff_new(&d, &o, err, sizeof err) != SHMPLOT_OK) {
		fprintf(stderr, "shmplot diff: %s\n", err);
		return CLI_USAGE;
	}
	st = shmplot_diff_files(d, a.expected, a.actual);
	if (st != SHMPLOT_OK) {
		rc = input_error(d, st, &a, &o);
		shmplot_diff_free(d);
		return rc;
	}
	r = shmplot_diff_get(d);
	if (a.quiet)
		;
	else if (!a.json)
		print_line(r, &o);
	else if (print_json(&a, &o, r, NULL, NULL) != 0) {
		fprintf(stderr, "shmplot diff: out of memory\n");
		shmplot_diff_free(d);
		return CLI_SOFTWARE;
	}
	fflush(stdout);
	rc = write_outputs(d, &a, r, verdict_status(r->verdict));
	shmplot_diff_free(d);
	return rc;
}
