/* SPDX-License-Identifier: MIT */
/*
 * The batch benchmark (issue 21): NFIG small figures (400 x 300 px, one
 * 1,000-point damped sine, title, legend) written as PNG files, by
 * `shmplot render` and by the batch peers in --peers DIR (mpl_batch.py, a
 * matplotlib fork pool; gnuplot_batch.sh, JOBS gnuplot processes), into
 * two output places: tmpfs (/dev/shm) and the machine's own disk (/tmp,
 * or the build tree when /tmp is tmpfs). Every tool gets the same figure
 * count and the same number of processes, and is timed as a whole process
 * (fork to exit, the interpreter's start-up included). Runs are
 * interleaved (shmplot, matplotlib, gnuplot, shmplot, ...) after one
 * untimed warm-up run of each tool per place; the output directory is
 * emptied and synced to disk between runs, outside the timing, so no run
 * pays for the write-back of the one before. Prints medians, figures per
 * second and peer / shmplot ratios from the same run.
 *
 * --fresh: each run writes into a new directory, synced after it, and
 * nothing is deleted before every run is done. On a file system where a
 * new inode pays for recent deletions (ext4 without a journal, as this
 * machine's /: each new inode skips those freed in the last 30-60 s),
 * emptying the directory just before a run puts that cost in the run.
 *
 *   batch_bench [--smoke] [--figures N] [--repeats R] [--jobs 1,2]
 *               [--peers DIR] [--shmplot EXE] [--tmpfs DIR] [--disk DIR]
 *               [--no-peers] [--fresh] [-v]
 *
 * --smoke (CTest) is 20 figures, one run, no peers: it checks that the
 * program works and that every file is written, never how fast.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchutil.h"

#ifndef BENCH_SHMPLOT_EXE
#define BENCH_SHMPLOT_EXE "shmplot"
#endif
#ifndef BENCH_PEERS_DIR
#define BENCH_PEERS_DIR "../shared/peers"
#endif
#ifndef BENCH_BUILD_DIR
#define BENCH_BUILD_DIR "."
#endif
#ifndef EXT4_SUPER_MAGIC
#define EXT4_SUPER_MAGIC 0xEF53
#endif

enum { TOOL_SHMPLOT, TOOL_MPL, TOOL_GNUPLOT, NTOOL };
static const char *const tool_names[NTOOL] = {"shmplot", "matplotlib",
					      "gnuplot"};

typedef struct opts {
	int smoke, no_peers, verbose, fresh, nfig, repeats;
	int jobs[4], njobs;
	const char *peers, *exe, *tmpfs_parent, *disk_parent;
	char work[64]; /* temporary directory for the spec */
	char spec[128];
	char mpl[512], gp[512];
	int have[NTOOL];
} opts;

/* A place the figures are written to: its directory and file system. */
typedef struct place {
	const char *label, *parent;
	char dir[512];
	char fs[32];
	int runs; /* --fresh: run directories made in dir */
} place;

/* Runs argv with stdout to /dev/null; returns its exit status or -1. */
static int run_argv(char *const argv[], const char *out_path)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(out_path ? out_path : "/dev/null",
			      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		if (!out_path)
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

/* Whole-process seconds of argv, or -1 if it fails. */
static double time_argv(char *const argv[])
{
	double t0 = now_s();
	int rc = run_argv(argv, NULL);
	double dt = now_s() - t0;
	return rc == 0 ? dt : -1;
}

static int have_file(const char *path)
{
	return access(path, R_OK) == 0;
}

static int have_cmd(const char *cmd)
{
	char buf[512];
	snprintf(buf, sizeof buf, "command -v %s >/dev/null 2>&1", cmd);
	return system(buf) == 0;
}

/* The file system's name for statfs's f_type (those that matter here). */
static void fs_name(const char *dir, char *out, size_t len)
{
	struct statfs s;
	if (statfs(dir, &s) != 0)
		snprintf(out, len, "?");
	else if (s.f_type == TMPFS_MAGIC)
		snprintf(out, len, "tmpfs");
	else if (s.f_type == EXT4_SUPER_MAGIC)
		snprintf(out, len, "ext4");
	else if (s.f_type == XFS_SUPER_MAGIC)
		snprintf(out, len, "xfs");
	else if (s.f_type == BTRFS_SUPER_MAGIC)
		snprintf(out, len, "btrfs");
	else
		snprintf(out, len, "fs 0x%lx", (unsigned long)s.f_type);
}

/*
 * Counts the *.png files in dir (the tools write flat directories), and
 * removes every file if remove is set; then syncs the file system, so the
 * next run starts with nothing dirty to write back. Returns the count, or
 * -1.
 */
static long clean_dir(const char *dir, int remove)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	DIR *d = fdopendir(dup(dfd));
	long pngs = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		size_t n = strlen(e->d_name);
		pngs += n > 4 && !strcmp(e->d_name + n - 4, ".png");
		if (remove && unlinkat(dfd, e->d_name, 0) != 0) {
			fprintf(stderr,
				"batch_bench: cannot remove %s/%s: %s\n", dir,
				e->d_name, strerror(errno));
			pngs = -1;
			break;
		}
	}
	if (d)
		closedir(d);
	syncfs(dfd);
	close(dfd);
	return pngs;
}

/* The command line of tool writing into dir with jobs processes. */
static void tool_argv(const opts *o, int tool, const char *dir, char nfig[16],
		      char jobs[16], char *argv[12])
{
	int i = 0;
	if (tool == TOOL_SHMPLOT) {
		argv[i++] = (char *)o->exe;
		argv[i++] = "render";
		argv[i++] = "-q";
		argv[i++] = "-j";
		argv[i++] = jobs;
		argv[i++] = "-o";
		argv[i++] = (char *)dir;
		argv[i++] = (char *)o->spec;
	} else {
		argv[i++] = tool == TOOL_MPL ? "/usr/bin/python3" : "/bin/bash";
		argv[i++] = (char *)(tool == TOOL_MPL ? o->mpl : o->gp);
		argv[i++] = nfig;
		argv[i++] = (char *)dir;
		argv[i++] = jobs;
	}
	argv[i] = NULL;
}

/*
 * One timed run of tool into p->dir; the directory is emptied afterwards
 * (untimed) and must have held every figure. Returns seconds or -1.
 */
static double one_run(const opts *o, int tool, place *p, int jobs)
{
	char nfig[16], js[16], *argv[12], dir[600];
	snprintf(nfig, sizeof nfig, "%d", o->nfig);
	snprintf(js, sizeof js, "%d", jobs);
	snprintf(dir, sizeof dir, "%s", p->dir);
	if (o->fresh) {
		snprintf(dir, sizeof dir, "%s/run%04d", p->dir, p->runs++);
		if (mkdir(dir, 0700) != 0) {
			fprintf(stderr, "batch_bench: cannot create %s: %s\n",
				dir, strerror(errno));
			return -1;
		}
	}
	tool_argv(o, tool, dir, nfig, js, argv);
	double t = time_argv(argv);
	long files = clean_dir(dir, !o->fresh);
	if (t < 0 || files != o->nfig) {
		fprintf(stderr,
			"batch_bench: %s -j%d into %s: %s (%ld of %d files)"
			"\n",
			tool_names[tool], jobs, dir,
			t < 0 ? "failed" : "files missing", files, o->nfig);
		return -1;
	}
	if (o->verbose)
		fprintf(stderr, "  %s -j%d %s: %.3f s\n", p->label, jobs,
			tool_names[tool], t);
	return t;
}

/* Medians of each available tool at jobs into p, runs interleaved. */
static int measure(const opts *o, place *p, int jobs, double med[NTOOL])
{
	double *t[NTOOL] = {0};
	int rc = 0;
	for (int k = 0; k < NTOOL; k++)
		t[k] = calloc((size_t)o->repeats, sizeof *t[k]);
	for (int r = 0; r < o->repeats && rc == 0; r++)
		for (int k = 0; k < NTOOL && rc == 0; k++)
			if (o->have[k] &&
			    (t[k][r] = one_run(o, k, p, jobs)) < 0)
				rc = -1;
	for (int k = 0; k < NTOOL; k++) {
		med[k] = rc == 0 && o->have[k] ? median(t[k], o->repeats) : -1;
		free(t[k]);
	}
	return rc;
}

static void print_row(const opts *o, const place *p, int jobs,
		      const double med[NTOOL])
{
	double s = med[TOOL_SHMPLOT];
	printf("| %s (%s) | %d | %.3f s | %.0f |", p->fs, p->parent, jobs, s,
	       o->nfig / s);
	for (int k = TOOL_MPL; k < NTOOL; k++)
		if (med[k] > 0)
			printf(" %.2f s | %.0f | %.1fx |", med[k],
			       o->nfig / med[k], med[k] / s);
		else
			printf(" - | - | - |");
	printf("\n");
	fflush(stdout);
}

/* The places, each table row of every jobs value, and -jN / -j1. */
static int run_places(const opts *o, place *places, int nplace)
{
	double s1[2] = {0}, sn[2][4] = {{0}};
	printf("\n## Batch: %d figures of 400 x 300 px, whole process, "
	       "median of %d interleaved runs, %s (ratio = peer / "
	       "shmplot)\n\n"
	       "| output | -j | shmplot render | figures/s | matplotlib "
	       "pool | figures/s | ratio | gnuplot | figures/s | ratio |\n"
	       "|---|---|---|---|---|---|---|---|---|---|\n",
	       o->nfig, o->repeats,
	       o->fresh ? "a new directory each run"
			: "the directory emptied before each run");
	fflush(stdout);
	for (int pi = 0; pi < nplace; pi++) {
		place *p = &places[pi];
		/* Warm-up: libraries, fonts and the interpreter in cache. */
		for (int k = 0; k < NTOOL && !o->smoke; k++)
			if (o->have[k] &&
			    one_run(o, k, p, o->jobs[o->njobs - 1]) < 0)
				return -1;
		for (int j = 0; j < o->njobs; j++) {
			double med[NTOOL];
			if (measure(o, p, o->jobs[j], med))
				return -1;
			print_row(o, p, o->jobs[j], med);
			if (o->jobs[j] == 1)
				s1[pi] = med[TOOL_SHMPLOT];
			sn[pi][j] = med[TOOL_SHMPLOT];
		}
	}
	printf("\n");
	for (int pi = 0; pi < nplace; pi++)
		for (int j = 0; j < o->njobs; j++)
			if (s1[pi] > 0 && o->jobs[j] > 1)
				printf("%s: shmplot -j%d is %.2fx faster than "
				       "-j1.\n",
				       places[pi].fs, o->jobs[j],
				       s1[pi] / sn[pi][j]);
	return 0;
}

/* The first line cmd prints (its version), or "?". */
static void first_line(const char *cmd, char *out, size_t len)
{
	FILE *f = popen(cmd, "r");
	snprintf(out, len, "?");
	if (f && fgets(out, (int)len, f))
		out[strcspn(out, "\n")] = '\0';
	if (f)
		pclose(f);
}

/*
 * The spec of the batch: batch_spec.py's when the peers have it (it
 * defines the batch), else the same spec written here.
 */
static int write_spec(opts *o)
{
	char script[512];
	snprintf(o->spec, sizeof o->spec, "%s/batch.json", o->work);
	snprintf(script, sizeof script, "%s/batch_spec.py", o->peers);
	if (have_file(script) && have_file("/usr/bin/python3")) {
		char nfig[16];
		snprintf(nfig, sizeof nfig, "%d", o->nfig);
		char *argv[] = {"/usr/bin/python3", script, nfig, NULL};
		if (run_argv(argv, o->spec) == 0) {
			printf("spec: %s %d\n", script, o->nfig);
			return 0;
		}
	}
	FILE *f = fopen(o->spec, "w");
	if (!f)
		return -1;
	fprintf(f, "{\"shmplot\": 1, \"series\": {\"x\": {\"arange\": [1000]},"
		   " \"a\": {\"div\": [\"x\", 50]}, \"s\": {\"sin\": \"a\"}, "
		   "\"b\": {\"div\": [\"x\", -700]}, \"e\": {\"exp\": \"b\"}, "
		   "\"y\": {\"mul\": [\"s\", \"e\"]}}, \"defaults\": {\"size\":"
		   " [4, 3], \"dpi\": 100, \"legend\": \"best\"}, \"figures\":"
		   " [");
	for (int i = 0; i < o->nfig; i++)
		fprintf(f,
			"%s{\"name\": \"fig%04d\", \"title\": \"fig%04d\", "
			"\"lines\": [{\"x\": \"x\", \"y\": \"y\", \"label\": "
			"\"y\"}]}",
			i ? ", " : "", i, i);
	fprintf(f, "]}\n");
	printf("spec: batch_spec.py's batch, written by batch_bench (%s not "
	       "found)\n",
	       script);
	return fclose(f) == 0 ? 0 : -1;
}

/* Which tools can run, and their versions. */
static void find_tools(opts *o)
{
	char v[256];
	snprintf(o->mpl, sizeof o->mpl, "%s/mpl_batch.py", o->peers);
	snprintf(o->gp, sizeof o->gp, "%s/gnuplot_batch.sh", o->peers);
	o->have[TOOL_SHMPLOT] = 1;
	snprintf(v, sizeof v, "'%s' --version 2>&1", o->exe);
	first_line(v, v, sizeof v);
	printf("shmplot: %s (%s)\n", v, o->exe);
	o->have[TOOL_MPL] =
	    !o->no_peers && have_file(o->mpl) &&
	    system("/usr/bin/python3 -c 'import matplotlib' >/dev/null "
		   "2>&1") == 0;
	if (o->have[TOOL_MPL]) {
		first_line("/usr/bin/python3 -c 'import sys, matplotlib, numpy;"
			   " print(\"matplotlib\", matplotlib.__version__, "
			   "\"numpy\", numpy.__version__, \"python\", "
			   "sys.version.split()[0])'",
			   v, sizeof v);
		printf("matplotlib: %s (%s)\n", v, o->mpl);
	} else {
		printf("matplotlib: skipped (%s)\n",
		       o->no_peers          ? "--no-peers"
		       : !have_file(o->mpl) ? "mpl_batch.py not found"
					    : "/usr/bin/python3 has no "
					      "matplotlib");
	}
	o->have[TOOL_GNUPLOT] =
	    !o->no_peers && have_file(o->gp) && have_cmd("gnuplot");
	if (o->have[TOOL_GNUPLOT]) {
		first_line("gnuplot --version", v, sizeof v);
		printf("gnuplot: %s (%s)\n", v, o->gp);
	} else {
		printf("gnuplot: skipped (%s)\n",
		       o->no_peers         ? "--no-peers"
		       : !have_file(o->gp) ? "gnuplot_batch.sh not found"
					   : "no gnuplot on PATH");
	}
}

/* A fresh directory under parent for p; its file system is noted. */
static int make_place(place *p, const char *label, const char *parent)
{
	p->label = label;
	p->parent = parent;
	p->runs = 0;
	snprintf(p->dir, sizeof p->dir, "%s/batch-bench-XXXXXX", parent);
	if (!mkdtemp(p->dir)) {
		fprintf(stderr, "batch_bench: cannot create %s: %s\n", p->dir,
			strerror(errno));
		return -1;
	}
	fs_name(p->dir, p->fs, sizeof p->fs);
	printf("%s: %s (%s)\n", label, p->dir, p->fs);
	return 0;
}

/* The disk place's parent: /tmp, or the build tree if /tmp is tmpfs. */
static const char *default_disk(void)
{
	struct statfs s;
	if (statfs("/tmp", &s) == 0 && s.f_type != TMPFS_MAGIC &&
	    s.f_type != RAMFS_MAGIC)
		return "/tmp";
	return BENCH_BUILD_DIR;
}

static int parse_jobs(const char *s, opts *o)
{
	o->njobs = 0;
	char *copy = strdup(s), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t && o->njobs < 4;
	     t = strtok_r(NULL, ",", &save))
		o->jobs[o->njobs++] = atoi(t);
	free(copy);
	for (int j = 0; j < o->njobs; j++)
		if (o->jobs[j] < 1)
			return -1;
	return o->njobs ? 0 : -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: batch_bench [--smoke] [--figures N] "
			"[--repeats R] [--jobs 1,2] [--peers DIR] "
			"[--shmplot EXE] [--tmpfs DIR] [--disk DIR] "
			"[--no-peers] [--fresh] [-v]\n");
	return 64;
}

static int parse_args(int argc, char **argv, opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int flag = !strcmp(a, "--smoke") || !strcmp(a, "--no-peers") ||
			   !strcmp(a, "--fresh") || !strcmp(a, "-v");
		if (!flag && i + 1 < argc)
			v = argv[++i];
		if (!strcmp(a, "--smoke")) {
			o->smoke = o->no_peers = 1;
			o->nfig = 20;
			o->repeats = 1;
		} else if (!strcmp(a, "--fresh")) {
			o->fresh = 1;
		} else if (!strcmp(a, "--no-peers")) {
			o->no_peers = 1;
		} else if (!strcmp(a, "-v")) {
			o->verbose = 1;
		} else if (!v) {
			return usage();
		} else if (!strcmp(a, "--figures")) {
			o->nfig = atoi(v);
		} else if (!strcmp(a, "--repeats")) {
			o->repeats = atoi(v);
		} else if (!strcmp(a, "--jobs")) {
			if (parse_jobs(v, o))
				return usage();
		} else if (!strcmp(a, "--peers")) {
			o->peers = v;
		} else if (!strcmp(a, "--shmplot")) {
			o->exe = v;
		} else if (!strcmp(a, "--tmpfs")) {
			o->tmpfs_parent = v;
		} else if (!strcmp(a, "--disk")) {
			o->disk_parent = v;
		} else {
			return usage();
		}
	}
	return o->nfig < 1 || o->nfig > 1000000 || o->repeats < 1 ? usage() : 0;
}

int main(int argc, char **argv)
{
	opts o = {.nfig = 1000,
		  .repeats = 5,
		  .peers = BENCH_PEERS_DIR,
		  .exe = BENCH_SHMPLOT_EXE,
		  .tmpfs_parent = "/dev/shm"};
	parse_jobs("1,2", &o);
	o.disk_parent = default_disk();
	if (parse_args(argc, argv, &o))
		return 64;
	snprintf(o.work, sizeof o.work, "/tmp/shmplot-batch-bench-XXXXXX");
	if (!mkdtemp(o.work)) {
		perror("batch_bench: mkdtemp");
		return 70;
	}
	printf("# shmplot batch benchmark: %ld CPUs\n\n",
	       sysconf(_SC_NPROCESSORS_ONLN));
	find_tools(&o);
	place places[2];
	int nplace = 0, rc = write_spec(&o) ? 70 : 0;
	if (!rc && make_place(&places[0], "tmpfs", o.tmpfs_parent) == 0)
		nplace++;
	if (!rc && nplace == 1 &&
	    make_place(&places[1], "disk", o.disk_parent) == 0)
		nplace++;
	if (!rc && (nplace < 2 || run_places(&o, places, nplace)))
		rc = 70;
	for (int i = 0; i < nplace; i++) {
		for (int r = 0; r < places[i].runs; r++) {
			char dir[600];
			snprintf(dir, sizeof dir, "%s/run%04d", places[i].dir,
				 r);
			if (clean_dir(dir, 1) < 0 || rmdir(dir))
				rc = 70;
		}
		if (clean_dir(places[i].dir, 1) < 0 || rmdir(places[i].dir))
			rc = 70;
	}
	unlink(o.spec);
	rmdir(o.work);
	return rc;
}
