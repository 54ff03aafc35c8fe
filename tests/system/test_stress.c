/* SPDX-License-Identifier: MIT */
/*
 * Stress: a large batch (10,000 figures of 200 x 100 px by default) with
 * faults injected into 5% of them by a seeded RNG (segv, abort, exit,
 * truncate, write) plus a few hangs under a short timeout. Every healthy
 * figure must be byte-identical to a fault-free reference render of the same
 * figure, every faulty one must be reported with the right cause, and no
 * process, descriptor or segment may leak.
 *
 * Environment: SHMPLOT_STRESS_N (figures), SHMPLOT_STRESS_SEED,
 * SHMPLOT_STRESS_JOBS, SHMPLOT_STRESS_HANGS, SHMPLOT_STRESS_FAULT_PCT,
 * SHMPLOT_STRESS_TIMEOUT_MS; SHMPLOT_TEST_MODE=spawn runs it with spawned
 * workers.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <time.h>

#include "shmplot.h"
#include "testutil.h"

#define NTEMPLATES 16

enum kind { K_OK, K_SEGV, K_ABORT, K_EXIT, K_TRUNCATE, K_WRITE, K_HANG, NK };
static const char *const kind_name[NK] = {"ok",       "segv",  "abort", "exit",
					  "truncate", "write", "hang"};

static uint64_t rng_state;

static uint64_t rng(void)
{
	return tu_splitmix64(&rng_state);
}

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);
	return v && *v ? strtol(v, NULL, 10) : def;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct stress {
	shmplot_series x, y[4];
	int *tmpl;         /* template of each figure */
	enum kind *expect; /* injected fault of each figure */
	unsigned char *ref[NTEMPLATES];
	size_t ref_len[NTEMPLATES];
	long seen[NK], right[NK];
	long wrong;
	char first_wrong[512];
} stress;

/* Template t: one or two series, its own limits and title. */
static shmplot_figure *make_fig(const stress *s, const char *name, int t)
{
	shmplot_figure *fig = NULL;
	assert_int_equal(shmplot_figure_new(&fig, name, 2, 1, 100, NULL, 0),
			 SHMPLOT_OK);
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, s->x, s->y[t % 4], "a", NULL),
			 0);
	if (t & 4)
		assert_int_equal(
		    shmplot_axes_plot(ax, s->x, s->y[(t + 1) % 4], "b", NULL),
		    0);
	assert_int_equal(shmplot_axes_set_ylim(ax, -1.5 - t * 0.25, 1.5), 0);
	if (t & 8) {
		char title[16];
		snprintf(title, sizeof title, "t%d", t);
		assert_int_equal(shmplot_axes_set_title(ax, title), 0);
	}
	return fig;
}

static void wrong(stress *s, size_t i, const shmplot_results *res,
		  const char *what)
{
	if (!s->wrong++)
		snprintf(
		    s->first_wrong, sizeof s->first_wrong,
		    "figure %zu (%s injected): %s; got %s \"%s\" signal %d", i,
		    kind_name[s->expect[i]], what,
		    shmplot_fig_status_str(shmplot_results_status(res, i)),
		    shmplot_results_message(res, i),
		    shmplot_results_signal(res, i));
}

/* Checks each figure as it finishes; its outputs are discarded after. */
static int check_one(void *ud, const shmplot_results *res, size_t i)
{
	stress *s = ud;
	enum kind k = s->expect[i];
	shmplot_fig_status st = shmplot_results_status(res, i);
	const char *msg = shmplot_results_message(res, i);
	int sig = shmplot_results_signal(res, i);
	size_t len;
	const unsigned char *png = shmplot_results_png(res, i, &len);
	s->seen[k]++;
	int ok = 0;
	switch (k) {
	case K_OK: {
		int t = s->tmpl[i];
		ok = st == SHMPLOT_FIG_OK && png && len == s->ref_len[t] &&
		     memcmp(png, s->ref[t], len) == 0;
		break;
	}
	case K_SEGV:
	case K_WRITE:
		ok = st == SHMPLOT_FIG_CRASHED && sig == SIGSEGV;
		break;
	case K_ABORT:
		ok = st == SHMPLOT_FIG_CRASHED && sig == SIGABRT;
		break;
	case K_EXIT:
		ok = st == SHMPLOT_FIG_ERROR &&
		     strstr(msg, "exited with status 3") != NULL;
		break;
	case K_TRUNCATE:
		ok = st == SHMPLOT_FIG_ERROR && strstr(msg, "cut short");
		break;
	case K_HANG:
		ok = st == SHMPLOT_FIG_TIMEOUT;
		break;
	default:
		break;
	}
	if (k != K_OK && png)
		ok = 0; /* never a PNG for a faulty figure */
	if (ok)
		s->right[k]++;
	else
		wrong(s, i, res, "wrong outcome");
	return 0;
}

static void test_stress(void **state)
{
	(void)state;
	const long n = env_long("SHMPLOT_STRESS_N", 10000);
	const long jobs = env_long("SHMPLOT_STRESS_JOBS", 2);
	const long hangs = env_long("SHMPLOT_STRESS_HANGS", 5);
	rng_state = (uint64_t)env_long("SHMPLOT_STRESS_SEED", 20240601);
	const long fault_pct = env_long("SHMPLOT_STRESS_FAULT_PCT", 5);
	const double timeout =
	    (double)env_long("SHMPLOT_STRESS_TIMEOUT_MS", 1000) / 1000;
	stress s;
	memset(&s, 0, sizeof s);
	int fds = tu_fds();

	char err[256];
	shmplot_renderer *r = NULL;
	shmplot_data *d = NULL;
	assert_int_equal(shmplot_renderer_new(&r, NULL, err, sizeof err), 0);
	const size_t pts = 400;
	assert_int_equal(shmplot_data_new(&d, 5, 5 * pts, err, sizeof err), 0);
	double *x, *y[4];
	assert_int_equal(shmplot_data_alloc(d, "x", pts, &x, &s.x), 0);
	for (int k = 0; k < 4; k++) {
		char name[8];
		snprintf(name, sizeof name, "y%d", k);
		assert_int_equal(
		    shmplot_data_alloc(d, name, pts, &y[k], &s.y[k]), 0);
	}
	for (size_t i = 0; i < pts; i++) {
		x[i] = 4 * M_PI * (double)i / (double)(pts - 1);
		y[0][i] = sin(x[i]);
		y[1][i] = cos(x[i]);
		y[2][i] = sin(2 * x[i]) * 0.5;
		y[3][i] = exp(-x[i] / 4) - 0.5;
	}
	assert_int_equal(shmplot_data_seal(d), 0);

	/* Fault-free references, one per template. */
	shmplot_figure *refs[NTEMPLATES];
	for (int t = 0; t < NTEMPLATES; t++) {
		char name[16];
		snprintf(name, sizeof name, "ref%d", t);
		refs[t] = make_fig(&s, name, t);
	}
	shmplot_results *rres = NULL;
	unsetenv("SHMPLOT_TEST_FAULT");
	assert_int_equal(shmplot_render(r, d, refs, NTEMPLATES, NULL, &rres),
			 SHMPLOT_OK);
	for (int t = 0; t < NTEMPLATES; t++) {
		const unsigned char *png =
		    shmplot_results_png(rres, (size_t)t, &s.ref_len[t]);
		s.ref[t] = malloc(s.ref_len[t]);
		memcpy(s.ref[t], png, s.ref_len[t]);
		shmplot_figure_free(refs[t]);
	}
	shmplot_results_free(rres);

	/* The batch, and its faults. */
	shmplot_figure **figs = calloc((size_t)n, sizeof *figs);
	s.tmpl = calloc((size_t)n, sizeof *s.tmpl);
	s.expect = calloc((size_t)n, sizeof *s.expect);
	size_t speclen = 64 * (size_t)n / 10 + 1024, used = 0;
	char *spec = calloc(1, speclen);
	long injected = 0;
	for (long i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "s%ld", i);
		s.tmpl[i] = (int)(rng() % NTEMPLATES);
		figs[i] = make_fig(&s, name, s.tmpl[i]);
		if (rng() % 100 < (uint64_t)fault_pct)
			s.expect[i] = (enum kind)(1 + rng() % 5);
	}
	for (long h = 0; h < hangs && n > 0; h++) {
		long i = (long)(rng() % (uint64_t)n);
		s.expect[i] = K_HANG;
	}
	for (long i = 0; i < n; i++) {
		if (s.expect[i] == K_OK)
			continue;
		injected++;
		used += (size_t)snprintf(spec + used, speclen - used,
					 "%ss%ld:%s", used ? "," : "", i,
					 kind_name[s.expect[i]]);
		assert_true(used < speclen);
	}
	setenv("SHMPLOT_TEST_FAULT", spec, 1);

	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	o.jobs = (int)jobs;
	o.timeout_s = timeout;
	o.on_result = check_one;
	o.userdata = &s;
	o.discard_outputs = 1;
	shmplot_results *res = NULL;
	double t0 = now_s();
	shmplot_status st = shmplot_render(r, d, figs, (size_t)n, &o, &res);
	double secs = now_s() - t0;
	unsetenv("SHMPLOT_TEST_FAULT");

	print_message(
	    "stress: %ld figures (200 x 100 px), %ld jobs, %s "
	    "workers, seed %ld: %.2f s (%.0f figures/s)\n",
	    n, jobs,
	    getenv("SHMPLOT_TEST_MODE") ? getenv("SHMPLOT_TEST_MODE") : "auto",
	    env_long("SHMPLOT_STRESS_SEED", 20240601), secs, (double)n / secs);
	for (int k = 0; k < NK; k++)
		print_message("  %-8s injected %5ld, reported right %5ld\n",
			      kind_name[k], s.seen[k], s.right[k]);
	print_message("  faults injected %ld (%.1f%%), failed %zu, wrong %ld\n",
		      injected, 100.0 * (double)injected / (double)n,
		      shmplot_results_failed(res), s.wrong);
	if (s.wrong)
		fail_msg("%ld wrong outcomes; first: %s", s.wrong,
			 s.first_wrong);
	assert_int_equal(st, injected ? SHMPLOT_E_FIGURES : SHMPLOT_OK);
	assert_int_equal(shmplot_results_failed(res), (size_t)injected);
	long total = 0;
	for (int k = 0; k < NK; k++)
		total += s.seen[k];
	assert_int_equal(total, n);

	shmplot_results_free(res);
	for (long i = 0; i < n; i++)
		shmplot_figure_free(figs[i]);
	free(figs);
	free(spec);
	free(s.tmpl);
	free(s.expect);
	for (int t = 0; t < NTEMPLATES; t++)
		free(s.ref[t]);
	shmplot_data_free(d);
	shmplot_renderer_free(r);
	assert_int_equal(tu_children(), 0);
	assert_int_equal(tu_shm_entries(), 0);
	assert_int_equal(tu_fds(), fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_stress)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
