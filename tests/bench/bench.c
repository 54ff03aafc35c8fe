/* SPDX-License-Identifier: MIT */
/*
 * shmplot's benchmark: the seed job as a whole `shmplot render` process and
 * as in-process API calls, batch throughput, worker memory, and the peers
 * (matplotlib and gnuplot, whose scripts --peers names; the build sets its
 * default) on the same work in the same run. Prints medians and ratios.
 *
 *   bench [--smoke] [--repeats R] [--points N,N,...] [--huge] [--vector]
 *         [--peers DIR] [--shmplot EXE] [--jobs N]
 *
 * --smoke runs a tiny version of every section (CTest runs it); --huge adds
 * the 100,000,000-point seed job (3.2 GB of shared memory) in-process, split
 * into computing the series and rendering; --vector runs only the seed job
 * as PDF and SVG beside matplotlib's savefig.
 */
#define _GNU_SOURCE
#include "shmplot.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"

#ifndef BENCH_SHMPLOT_EXE
#define BENCH_SHMPLOT_EXE "shmplot"
#endif
#ifndef BENCH_MPL_VECTOR
#define BENCH_MPL_VECTOR "mpl_seed_vector.py"
#endif
#ifndef BENCH_PEERS_DIR
#define BENCH_PEERS_DIR "../shared/peers"
#endif

/* RssAnon (private resident memory, kB) of every descendant of root. */
static long max_child_rss_anon(pid_t root)
{
	long best = 0;
	DIR *d = opendir("/proc");
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char path[300], line[256];
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		long ppid = -1, anon = -1;
		while (fgets(line, sizeof line, f)) {
			sscanf(line, "PPid: %ld", &ppid);
			sscanf(line, "RssAnon: %ld", &anon);
		}
		fclose(f);
		if (ppid == root && anon > best)
			best = anon;
	}
	if (d)
		closedir(d);
	return best;
}

typedef struct run_stats {
	double secs;
	long worker_anon_kb; /* peak RssAnon seen in any child of the run */
	int status;
} run_stats;

/* Runs argv to completion with stdout/stderr to /dev/null. */
static run_stats run_cmd(char *const argv[], int sample_children)
{
	run_stats rs = {0, 0, -1};
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		return rs;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	for (;;) {
		pid_t r = waitpid(pid, &status, sample_children ? WNOHANG : 0);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			break;
		if (sample_children) {
			long kb = max_child_rss_anon(pid);
			if (kb > rs.worker_anon_kb)
				rs.worker_anon_kb = kb;
			usleep(1000);
		}
	}
	rs.secs = now_s() - t0;
	rs.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	return rs;
}

typedef struct opts {
	int smoke, huge, vector, repeats, jobs;
	const char *peers, *exe;
	long points[8];
	int npoints;
	char tmp[64];
} opts;

static int have_file(const char *path)
{
	return access(path, R_OK) == 0;
}

/*
 * Bytes of the seed figures' .ext files in dir, which are then removed
 * (so the next run's are its own).
 */
static long dir_bytes(const char *dir, const char *ext)
{
	long total = 0;
	for (int i = 1; i <= 3; i++) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof path, "%s/figure%d.%s", dir, i, ext);
		if (stat(path, &st) == 0)
			total += (long)st.st_size;
		unlink(path);
	}
	return total;
}

static int have_cmd(const char *cmd)
{
	char buf[512];
	snprintf(buf, sizeof buf, "command -v %s >/dev/null 2>&1", cmd);
	return system(buf) == 0;
}

static int can_run_matplotlib(void)
{
	return system("/usr/bin/python3 -c 'import matplotlib' >/dev/null "
		      "2>&1") == 0;
}

/* Median whole-process time of argv over reps runs (fails on exit != 0). */
static double median_run(char *const argv[], int reps, long *anon_kb)
{
	double *t = calloc((size_t)reps, sizeof *t);
	for (int r = 0; r < reps; r++) {
		run_stats rs = run_cmd(argv, 0);
		if (rs.status != 0) {
			fprintf(stderr, "bench: %s exited with %d\n", argv[0],
				rs.status);
			free(t);
			return -1;
		}
		t[r] = rs.secs;
	}
	double m = median(t, reps);
	free(t);
	/*
	 * Memory is sampled in one extra, untimed run: scanning /proc every
	 * millisecond takes CPU from the workers on a small machine.
	 */
	if (anon_kb)
		*anon_kb = run_cmd(argv, 1).worker_anon_kb;
	return m;
}

static void section_whole_process(const opts *o)
{
	int mpl =
	    !o->smoke && can_run_matplotlib() && have_file("/usr/bin/python3");
	char mpl_script[512], gp_script[512];
	snprintf(mpl_script, sizeof mpl_script, "%s/mpl_seed.py", o->peers);
	snprintf(gp_script, sizeof gp_script, "%s/gnuplot_seed.sh", o->peers);
	mpl = mpl && have_file(mpl_script);
	int gp = !o->smoke && have_cmd("gnuplot") && have_file(gp_script);
	printf("\n## Seed job, whole process (median of %d; ratio = peer / "
	       "shmplot)\n\n",
	       o->repeats);
	printf("| points | shmplot render | worker RssAnon | matplotlib | "
	       "ratio | gnuplot | ratio |\n|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < o->npoints; i++) {
		long n = o->points[i];
		char ns[32], jobs[16];
		snprintf(ns, sizeof ns, "%ld", n);
		snprintf(jobs, sizeof jobs, "%d", o->jobs);
		char *sp[] = {
		    (char *)o->exe, "render", "-q", "-n",           ns,
		    "-j",           jobs,     "-o", (char *)o->tmp, NULL};
		int reps = n >= 10000000 ? (o->repeats + 1) / 2 : o->repeats;
		long anon = 0;
		double ts = median_run(sp, reps, &anon);
		printf("| %ld | %.1f ms | %.1f MB |", n, ts * 1e3,
		       (double)anon / 1024);
		if (mpl) {
			char *mp[] = {"/usr/bin/python3", mpl_script, ns,
				      (char *)o->tmp,     "1",        NULL};
			double tm =
			    median_run(mp, n >= 10000000 ? 1 : reps, NULL);
			printf(" %.1f ms | %.0fx |", tm * 1e3, tm / ts);
		} else {
			printf(" - | - |");
		}
		if (gp) {
			char *gpv[] = {"bash", gp_script, ns, (char *)o->tmp,
				       NULL};
			double tg =
			    median_run(gpv, n >= 10000000 ? 1 : reps, NULL);
			printf(" %.1f ms | %.1fx |\n", tg * 1e3, tg / ts);
		} else {
			printf(" - | - |\n");
		}
		fflush(stdout);
	}
	if (!mpl || !gp)
		printf("\n(peers skipped: %s%s)\n",
		       mpl ? "" : "matplotlib not available ",
		       gp ? "" : "gnuplot not available");
}

/*
 * The seed job as PDF and as SVG: `shmplot render --format F` beside
 * matplotlib's savefig(format=F) of the same three figures
 * (mpl_seed_vector.py, next to this file), whole processes, runs
 * interleaved (shmplot, matplotlib, shmplot, ...), medians.
 */
static void section_vector(const opts *o)
{
	static const char *const fmts[] = {"pdf", "svg"};
	int mpl =
	    !o->smoke && can_run_matplotlib() && have_file(BENCH_MPL_VECTOR);
	char jobs[16];

	snprintf(jobs, sizeof jobs, "%d", o->jobs);
	printf("\n## Seed job as PDF and SVG, whole process (median of %d, "
	       "interleaved; ratio = matplotlib / shmplot)\n\n"
	       "| points | format | shmplot render | bytes | matplotlib "
	       "savefig | bytes | ratio |\n|---|---|---|---|---|---|---|\n",
	       o->repeats);
	for (int i = 0; i < o->npoints; i++) {
		char ns[32];
		snprintf(ns, sizeof ns, "%ld", o->points[i]);
		for (int f = 0; f < 2; f++) {
			char *sp[] = {(char *)o->exe,
				      "render",
				      "-q",
				      "-n",
				      ns,
				      "-j",
				      jobs,
				      "--format",
				      (char *)fmts[f],
				      "-o",
				      (char *)o->tmp,
				      NULL};
			char *mp[] = {
			    "/usr/bin/python3", BENCH_MPL_VECTOR, ns,
			    (char *)o->tmp,     (char *)fmts[f],  NULL};
			double ts[64], tm[64];
			int reps = o->repeats < 64 ? o->repeats : 64;
			long bs = 0, bm = 0;
			for (int r = 0; r < reps; r++) {
				run_stats a = run_cmd(sp, 0);
				ts[r] = a.status == 0 ? a.secs : NAN;
				if (r == 0)
					bs = dir_bytes(o->tmp, fmts[f]);
				if (!mpl)
					continue;
				run_stats b = run_cmd(mp, 0);
				tm[r] = b.status == 0 ? b.secs : NAN;
				if (r == 0)
					bm = dir_bytes(o->tmp, fmts[f]);
			}
			double ms = median(ts, reps);
			printf("| %s | %s | %.1f ms | %ld |", ns, fmts[f],
			       ms * 1e3, bs);
			if (mpl) {
				double mm = median(tm, reps);
				printf(" %.1f ms | %ld | %.1fx |\n", mm * 1e3,
				       bm, mm / ms);
			} else {
				printf(" - | - | - |\n");
			}
			fflush(stdout);
		}
	}
}

/* The seed job in-process: compute into the segment, then render. */
static int seed_in_process(shmplot_renderer *r, long n, int jobs,
			   double *compute_s, double *render_s)
{
	double t0 = now_s();
	char err[512];
	shmplot_data *d;
	if (shmplot_data_new(&d, 4, 4 * (size_t)n, err, sizeof err)) {
		fprintf(stderr, "bench: %s\n", err);
		return -1;
	}
	double *x, *s, *c, *t;
	shmplot_series id[4];
	shmplot_data_alloc(d, "x", (size_t)n, &x, &id[0]);
	shmplot_data_alloc(d, "sin", (size_t)n, &s, &id[1]);
	shmplot_data_alloc(d, "cos", (size_t)n, &c, &id[2]);
	shmplot_data_alloc(d, "tan", (size_t)n, &t, &id[3]);
	for (long i = 0; i < n; i++) {
		x[i] = 4 * M_PI * (double)i / (double)(n - 1);
		s[i] = sin(x[i]);
		c[i] = cos(x[i]);
		t[i] = tan(x[i]);
	}
	shmplot_data_seal(d);
	double t1 = now_s();
	shmplot_figure *figs[3];
	const char *labels[] = {"sin(x)", "cos(x)", "tan(x)"};
	for (int f = 0; f < 3; f++) {
		char name[16];
		snprintf(name, sizeof name, "figure%d", f + 1);
		shmplot_figure_new(&figs[f], name, 12, 3, 100, NULL, 0);
		shmplot_axes *ax = shmplot_figure_axes(figs[f], 0, 0);
		for (int k = 0; k < 3; k++)
			if ((f == 0 && k < 2) || (f == 1 && k == 2) || f == 2)
				shmplot_axes_plot(ax, id[0], id[1 + k],
						  labels[k], NULL);
		if (f)
			shmplot_axes_set_ylim(ax, -5, 5);
		shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_BEST);
	}
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = jobs;
	shmplot_results *res;
	shmplot_status st = shmplot_render(r, d, figs, 3, &o, &res);
	double t2 = now_s();
	if (st)
		fprintf(stderr, "bench: render: %s\n",
			shmplot_renderer_errmsg(r));
	shmplot_results_free(res);
	for (int f = 0; f < 3; f++)
		shmplot_figure_free(figs[f]);
	shmplot_data_free(d);
	*compute_s = t1 - t0;
	*render_s = t2 - t1;
	return st ? -1 : 0;
}

static void section_in_process(const opts *o, shmplot_renderer *r)
{
	printf("\n## Seed job, in-process API (median of %d)\n\n"
	       "| points | compute series | render 3 figures | total |\n"
	       "|---|---|---|---|\n",
	       o->repeats);
	for (int i = 0; i < o->npoints; i++) {
		long n = o->points[i];
		int reps = n >= 10000000 ? (o->repeats + 1) / 2 : o->repeats;
		double *tc = calloc((size_t)reps, sizeof *tc);
		double *tr = calloc((size_t)reps, sizeof *tr);
		double *tt = calloc((size_t)reps, sizeof *tt);
		for (int k = 0; k < reps; k++) {
			if (seed_in_process(r, n, o->jobs, &tc[k], &tr[k]))
				return;
			tt[k] = tc[k] + tr[k];
		}
		printf("| %ld | %.2f ms | %.2f ms | %.2f ms |\n", n,
		       median(tc, reps) * 1e3, median(tr, reps) * 1e3,
		       median(tt, reps) * 1e3);
		fflush(stdout);
		free(tc);
		free(tr);
		free(tt);
	}
	if (o->huge) {
		double c, rr;
		long n = 100000000;
		if (seed_in_process(r, n, o->jobs, &c, &rr) == 0)
			printf("| %ld (one run) | %.2f s | %.2f s | %.2f s; "
			       "rendering adds %.0f%% |\n",
			       n, c, rr, c + rr, 100 * rr / c);
	}
}

/* nfig small figures, 1,000 points each, at jobs workers. */
static double batch(shmplot_renderer *r, int nfig, int jobs)
{
	const size_t n = 1000;
	shmplot_data *d;
	shmplot_data_new(&d, 2, 2 * n, NULL, 0);
	double *x, *y;
	shmplot_series ix, iy;
	shmplot_data_alloc(d, "x", n, &x, &ix);
	shmplot_data_alloc(d, "y", n, &y, &iy);
	for (size_t i = 0; i < n; i++) {
		x[i] = (double)i;
		y[i] = sin((double)i / 50.0) * exp(-(double)i / 700.0);
	}
	shmplot_data_seal(d);
	shmplot_figure **figs = calloc((size_t)nfig, sizeof *figs);
	for (int i = 0; i < nfig; i++) {
		char name[32];
		snprintf(name, sizeof name, "fig%04d", i);
		shmplot_figure_new(&figs[i], name, 4, 3, 100, NULL, 0);
		shmplot_axes *ax = shmplot_figure_axes(figs[i], 0, 0);
		shmplot_axes_plot(ax, ix, iy, "y", NULL);
		shmplot_axes_set_title(ax, name);
	}
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = jobs;
	o.discard_outputs = 1;
	shmplot_results *res;
	double t0 = now_s();
	shmplot_status st = shmplot_render(r, d, figs, (size_t)nfig, &o, &res);
	double dt = now_s() - t0;
	if (st)
		fprintf(stderr, "bench: batch: %s\n",
			shmplot_renderer_errmsg(r));
	shmplot_results_free(res);
	for (int i = 0; i < nfig; i++)
		shmplot_figure_free(figs[i]);
	free(figs);
	shmplot_data_free(d);
	return st ? -1 : dt;
}

static void section_batch(const opts *o, shmplot_renderer *r)
{
	int nfig = o->smoke ? 20 : 1000;
	int reps = o->smoke ? 1 : 3;
	double *t1 = calloc((size_t)reps, sizeof *t1);
	double *tn = calloc((size_t)reps, sizeof *tn);
	for (int k = 0; k < reps; k++) {
		t1[k] = batch(r, nfig, 1);
		tn[k] = batch(r, nfig, o->jobs);
	}
	double m1 = median(t1, reps), mn = median(tn, reps);
	printf("\n## Batch throughput: %d figures of 400 x 300 px, 1,000 "
	       "points each (median of %d)\n\n"
	       "| workers | time | figures/s |\n|---|---|---|\n"
	       "| 1 | %.3f s | %.0f |\n| %d | %.3f s | %.0f |\n\n"
	       "-j%d is %.2fx faster than -j1.\n",
	       nfig, reps, m1, nfig / m1, o->jobs, mn, nfig / mn, o->jobs,
	       m1 / mn);
	free(t1);
	free(tn);
}

/* What returning a PNG over a socket costs, against a bare memcpy. */
static void section_transfer(const opts *o)
{
	static const size_t sizes[] = {40000, 1440000};
	int reps = o->smoke ? 20 : 400;
	printf("\n## Returning results: socketpair vs memcpy (median of %d)"
	       "\n\n| bytes | socketpair (fork, send, recv) | memcpy |\n"
	       "|---|---|---|\n",
	       reps);
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t len = sizes[s];
		unsigned char *buf = malloc(len), *dst = malloc(len);
		memset(buf, 7, len);
		int sv[2];
		socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
		pid_t pid = fork();
		if (pid == 0) {
			close(sv[0]);
			char go;
			while (read(sv[1], &go, 1) == 1) {
				size_t off = 0;
				while (off < len) {
					ssize_t k =
					    write(sv[1], buf + off, len - off);
					if (k <= 0)
						_exit(1);
					off += (size_t)k;
				}
			}
			_exit(0);
		}
		close(sv[1]);
		double *ts = calloc((size_t)reps, sizeof *ts);
		double *tm = calloc((size_t)reps, sizeof *tm);
		for (int k = 0; k < reps; k++) {
			double t0 = now_s();
			if (write(sv[0], "g", 1) != 1)
				break;
			size_t off = 0;
			while (off < len) {
				ssize_t got = read(sv[0], dst + off, len - off);
				if (got <= 0)
					break;
				off += (size_t)got;
			}
			ts[k] = now_s() - t0;
			t0 = now_s();
			memcpy(dst, buf, len);
			tm[k] = now_s() - t0;
		}
		close(sv[0]);
		waitpid(pid, NULL, 0);
		printf("| %zu | %.1f us | %.1f us |\n", len,
		       median(ts, reps) * 1e6, median(tm, reps) * 1e6);
		free(ts);
		free(tm);
		free(buf);
		free(dst);
	}
}

static int parse_points(const char *s, opts *o)
{
	o->npoints = 0;
	char *copy = strdup(s), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t && o->npoints < 8;
	     t = strtok_r(NULL, ",", &save))
		o->points[o->npoints++] = (long)strtod(t, NULL);
	free(copy);
	return o->npoints ? 0 : -1;
}

int main(int argc, char **argv)
{
	opts o = {0};
	o.repeats = 7;
	o.peers = BENCH_PEERS_DIR;
	o.exe = BENCH_SHMPLOT_EXE;
	o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	parse_points("1e3,1e5,1e6,1e7", &o);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke")) {
			o.smoke = 1;
			o.repeats = 1;
			parse_points("1e3,1e4", &o);
		} else if (!strcmp(argv[i], "--huge")) {
			o.huge = 1;
		} else if (!strcmp(argv[i], "--vector")) {
			o.vector = 1;
		} else if (!strcmp(argv[i], "--repeats") && i + 1 < argc) {
			o.repeats = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--points") && i + 1 < argc) {
			parse_points(argv[++i], &o);
		} else if (!strcmp(argv[i], "--peers") && i + 1 < argc) {
			o.peers = argv[++i];
		} else if (!strcmp(argv[i], "--shmplot") && i + 1 < argc) {
			o.exe = argv[++i];
		} else if (!strcmp(argv[i], "--jobs") && i + 1 < argc) {
			o.jobs = atoi(argv[++i]);
		} else {
			fprintf(stderr,
				"usage: bench [--smoke] [--repeats R] "
				"[--points N,N,...] [--huge] [--vector] "
				"[--peers DIR] "
				"[--shmplot EXE] [--jobs N]\n");
			return 64;
		}
	}
	if (o.repeats < 1 || o.jobs < 1)
		return 64;
	snprintf(o.tmp, sizeof o.tmp, "/tmp/shmplot-bench-XXXXXX");
	if (!mkdtemp(o.tmp)) {
		perror("mkdtemp");
		return 70;
	}
	char err[512];
	shmplot_renderer *r;
	if (shmplot_renderer_new(&r, NULL, err, sizeof err)) {
		fprintf(stderr, "bench: %s\n", err);
		return 70;
	}
	printf("# shmplot %s benchmark: %ld CPUs, -j%d\n", shmplot_version(),
	       sysconf(_SC_NPROCESSORS_ONLN), o.jobs);
	if (o.vector || o.smoke)
		section_vector(&o);
	if (o.vector && !o.smoke)
		goto done; /* --vector: that section alone */
	section_whole_process(&o);
	section_in_process(&o, r);
	section_batch(&o, r);
	section_transfer(&o);
done:
	shmplot_renderer_free(r);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", o.tmp);
	return system(cmd) == 0 ? 0 : 70;
}
