/* SPDX-License-Identifier: MIT */
/*
 * The shard benchmark (issue 21 item 2): a spec of generated series of
 * --points values each (1,000,000 by default) and --figures one-line
 * figures (200), loaded whole and as each of --shards shards (8), to show
 * that a shard's series work follows the series its figures use. Series:
 * x = linspace(0, 10, N); for each group g < 8, a_g = x * (g + 1) and
 * y_g = sin(a_g); and one series no figure uses. The m-th figure of shard
 * k plots y_(m mod k), so shard k's figures use k of the groups: it must
 * fill x and 2k series, 3 to 17, while every shard draws the same number
 * of one-line figures.
 *
 * For each shard and the whole spec it prints the series filled and their
 * points (shmplot_spec_series_filled()), the median time of loading in
 * process (shmplot_spec_load_buffer_shard(): checking the spec, building
 * the figures, computing the series into the segment) and the median time
 * of the whole `shmplot render --shard K/N -q -jJ` process.
 *
 *   shard_bench [--smoke] [--points N] [--figures F] [--shards S]
 *               [--repeats R] [--jobs J] [--shmplot EXE] [--spec-out FILE]
 *
 * --spec-out keeps the spec for running shmplot by hand; --smoke (CTest)
 * is small and checks the counts, not the times.
 */
#define _GNU_SOURCE
#include "shmplot.h"
#include "shmplot/spec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchutil.h"

#ifndef BENCH_SHMPLOT_EXE
#define BENCH_SHMPLOT_EXE "shmplot"
#endif

#define NGROUP 8

typedef struct opts {
	long points;
	int figures, shards, repeats, jobs, smoke;
	const char *exe, *spec_out;
	char work[64], spec[128], out[128];
} opts;

/* The spec's JSON (malloc'd), as the header comment describes. */
static char *spec_json(const opts *o, size_t *len)
{
	size_t cap = 4096 + (size_t)o->figures * 80;
	char *json = malloc(cap);
	if (!json)
		return NULL;
	size_t off = (size_t)snprintf(
	    json, cap,
	    "{\"shmplot\": 1, \"series\": {\"x\": {\"linspace\": [0, 10, %ld]}",
	    o->points);
	for (int g = 0; g < NGROUP; g++)
		off += (size_t)snprintf(
		    json + off, cap - off,
		    ", \"a%d\": {\"mul\": [\"x\", %d]}, \"y%d\": {\"sin\": "
		    "\"a%d\"}",
		    g, g + 1, g, g);
	off +=
	    (size_t)snprintf(json + off, cap - off,
			     ", \"unused\": {\"cos\": \"x\"}}, \"defaults\": "
			     "{\"size\": [4, 3], \"dpi\": 100}, "
			     "\"figures\": [");
	for (int i = 0; i < o->figures; i++) {
		int k = i % o->shards + 1, m = i / o->shards;
		off += (size_t)snprintf(
		    json + off, cap - off,
		    "%s{\"name\": \"f%04d\", \"title\": \"shard %d\", "
		    "\"lines\": [{\"x\": \"x\", \"y\": \"y%d\"}]}",
		    i ? ", " : "", i, k, m % k % NGROUP);
	}
	off += (size_t)snprintf(json + off, cap - off, "]}\n");
	*len = off;
	return off < cap ? json : (free(json), NULL);
}

/* Runs argv, stdout and stderr to /dev/null; its exit status or -1. */
static int run_argv(char *const argv[])
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Removes the files in dir; returns how many there were, or -1. */
static long clean_dir(const char *dir)
{
	DIR *d = opendir(dir);
	long n = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		char path[600];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		n += unlink(path) == 0 ? 1 : 0;
	}
	if (d)
		closedir(d);
	return d ? n : -1;
}

/* One shard's (or, for n == 1, the whole spec's) measurements. */
typedef struct shard_row {
	size_t figs, filled, points;
	double load_s, process_s;
} shard_row;

/* Median in-process load of shard k of n; the counts of the last load. */
static int time_load(const char *json, size_t len, unsigned k, unsigned n,
		     int reps, shard_row *row)
{
	double *t = calloc((size_t)reps, sizeof *t);
	for (int r = 0; t && r < reps; r++) {
		shmplot_spec *s = NULL;
		double t0 = now_s();
		shmplot_status st =
		    shmplot_spec_load_buffer_shard(&s, json, len, NULL, k, n);
		t[r] = now_s() - t0;
		if (st) {
			fprintf(stderr, "shard_bench: shard %u/%u: %s\n", k, n,
				shmplot_spec_errmsg(s));
			shmplot_spec_free(s);
			free(t);
			return -1;
		}
		row->filled = shmplot_spec_series_filled(s, &row->points);
		row->figs = 0;
		for (size_t i = 0; i < shmplot_spec_count(s); i++)
			row->figs += shmplot_spec_figures(s)[i] != NULL;
		shmplot_spec_free(s);
	}
	row->load_s = t ? median(t, reps) : -1;
	free(t);
	return t ? 0 : -1;
}

/* Median whole `shmplot render --shard k/n` process; checks the files. */
static int time_process(const opts *o, unsigned k, unsigned n, shard_row *row)
{
	char shard[32], jobs[16];
	snprintf(shard, sizeof shard, "%u/%u", k, n);
	snprintf(jobs, sizeof jobs, "%d", o->jobs);
	char *argv[] = {(char *)o->exe,
			"render",
			"-q",
			"-j",
			jobs,
			"-o",
			(char *)o->out,
			"--shard",
			shard,
			(char *)o->spec,
			NULL};
	double *t = calloc((size_t)o->repeats, sizeof *t);
	int rc = t ? 0 : -1;
	for (int r = 0; rc == 0 && r < o->repeats; r++) {
		double t0 = now_s();
		int st = run_argv(argv);
		t[r] = now_s() - t0;
		long files = clean_dir(o->out);
		if (st != 0 || files != (long)row->figs) {
			fprintf(stderr,
				"shard_bench: shmplot render --shard %s: exit "
				"%d, %ld files for %zu figures\n",
				shard, st, files, row->figs);
			rc = -1;
		}
	}
	row->process_s = rc == 0 ? median(t, o->repeats) : -1;
	free(t);
	return rc;
}

/*
 * The series shard k of n must fill: x, and a and y of each group its
 * figures plot. A whole load (n == 1) fills every series, used or not.
 */
static size_t want_filled(const opts *o, int k, int n)
{
	int used[NGROUP] = {0};
	size_t want = 1;
	if (n == 1)
		return 2 * NGROUP + 2;
	for (int i = 0; i < o->figures; i++) {
		int g = i / o->shards % (i % o->shards + 1) % NGROUP;
		if ((n == 1 || i % n == k - 1) && !used[g]++)
			want += 2;
	}
	return want;
}

static void print_row(const char *what, const shard_row *r)
{
	printf("| %s | %zu | %zu | %.1f M | %.1f ms | %.2f ms | %.1f ms |\n",
	       what, r->figs, r->filled, (double)r->points / 1e6,
	       r->load_s * 1e3,
	       r->points ? r->load_s * 1e3 / ((double)r->points / 1e6) : 0.0,
	       r->process_s * 1e3);
	fflush(stdout);
}

static int run(const opts *o, const char *json, size_t len)
{
	shard_row whole = {0}, sum = {0};
	printf("\n## Shards: %d figures over generated series of %ld points "
	       "(median of %d; shard k's figures use k of %d groups)\n\n"
	       "| shard | figures | series filled | points | load (in "
	       "process) | load per 1e6 points | shmplot render -j%d "
	       "(whole process) |\n|---|---|---|---|---|---|---|\n",
	       o->figures, o->points, o->repeats, NGROUP, o->jobs);
	if (time_load(json, len, 1, 1, o->repeats, &whole) ||
	    time_process(o, 1, 1, &whole))
		return -1;
	print_row("whole spec", &whole);
	int bad = whole.filled != want_filled(o, 1, 1);
	for (int k = 1; k <= o->shards; k++) {
		shard_row r = {0};
		char what[32];
		if (time_load(json, len, (unsigned)k, (unsigned)o->shards,
			      o->repeats, &r) ||
		    time_process(o, (unsigned)k, (unsigned)o->shards, &r))
			return -1;
		bad |= r.filled != want_filled(o, k, o->shards);
		snprintf(what, sizeof what, "%d/%d", k, o->shards);
		print_row(what, &r);
		sum.figs += r.figs;
		sum.filled += r.filled;
		sum.points += r.points;
		sum.load_s += r.load_s;
		sum.process_s += r.process_s;
	}
	print_row("all shards, summed", &sum);
	if (sum.figs != whole.figs || bad) {
		fprintf(stderr,
			"shard_bench: the shards have %zu figures, the spec "
			"%zu; series filled %s\n",
			sum.figs, whole.figs,
			bad ? "differ from the series used" : "as used");
		return -1;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: shard_bench [--smoke] [--points N] "
			"[--figures F] [--shards S] [--repeats R] [--jobs J] "
			"[--shmplot EXE] [--spec-out FILE]\n");
	return 64;
}

static int parse_args(int argc, char **argv, opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--smoke")) {
			o->smoke = 1;
			o->points = 10000;
			o->figures = 16;
			o->repeats = 1;
			continue;
		}
		if (i + 1 >= argc)
			return usage();
		const char *v = argv[++i];
		if (!strcmp(a, "--points"))
			o->points = atol(v);
		else if (!strcmp(a, "--figures"))
			o->figures = atoi(v);
		else if (!strcmp(a, "--shards"))
			o->shards = atoi(v);
		else if (!strcmp(a, "--repeats"))
			o->repeats = atoi(v);
		else if (!strcmp(a, "--jobs"))
			o->jobs = atoi(v);
		else if (!strcmp(a, "--shmplot"))
			o->exe = v;
		else if (!strcmp(a, "--spec-out"))
			o->spec_out = v;
		else
			return usage();
	}
	if (o->points < 2 || o->figures < 1 || o->figures > 100000 ||
	    o->shards < 1 || o->shards > NGROUP || o->repeats < 1 ||
	    o->jobs < 1)
		return usage();
	return 0;
}

int main(int argc, char **argv)
{
	opts o = {.points = 1000000,
		  .figures = 200,
		  .shards = 8,
		  .repeats = 5,
		  .jobs = 2,
		  .exe = BENCH_SHMPLOT_EXE};
	if (parse_args(argc, argv, &o))
		return 64;
	size_t len;
	char *json = spec_json(&o, &len);
	snprintf(o.work, sizeof o.work, "/tmp/shmplot-shard-bench-XXXXXX");
	if (!json || !mkdtemp(o.work)) {
		fprintf(stderr, "shard_bench: cannot set up: %s\n",
			strerror(errno));
		free(json);
		return 70;
	}
	snprintf(o.spec, sizeof o.spec, "%s/spec.json", o.work);
	snprintf(o.out, sizeof o.out, "%s/out", o.work);
	FILE *f = fopen(o.spec, "w");
	int rc = !f || fwrite(json, 1, len, f) != len;
	rc |= f && fclose(f) != 0;
	rc = rc || mkdir(o.out, 0700) != 0;
	if (!rc && o.spec_out) {
		FILE *g = fopen(o.spec_out, "w");
		rc = !g || fwrite(json, 1, len, g) != len;
		rc |= g && fclose(g) != 0;
	}
	printf("# shmplot %s shard benchmark: %ld CPUs\n", shmplot_version(),
	       sysconf(_SC_NPROCESSORS_ONLN));
	if (rc)
		fprintf(stderr, "shard_bench: cannot write the spec\n");
	else
		rc = run(&o, json, len) != 0;
	clean_dir(o.out);
	rmdir(o.out);
	unlink(o.spec);
	rmdir(o.work);
	free(json);
	return rc ? 70 : 0;
}
