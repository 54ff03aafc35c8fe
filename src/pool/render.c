/* SPDX-License-Identifier: MIT */
/* The renderer handle (the font, loaded once) and shmplot_render(). */
#define _GNU_SOURCE
#include "figure/figure.h"
#include "pool/parent.h"
#include "pool/pool.h"
#include "segment/segment.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct shmplot_renderer {
	spr_font *font;
	char errmsg[SP_ERRLEN];
	sp_warm *warm; /* workers kept between batches; NULL = none */
	int warm_jobs; /* how many (0: the number of CPUs) */
	int idle_ms;   /* a kept worker's idle limit; 0 = none */
	int busy;      /* a batch runs on the kept workers (atomic) */
	/*
	 * The worker executable, found at the renderer's first batch that
	 * spawns (sp_worker_path: a dozen system calls, each batch, in a
	 * loop of small ones); "" until then. SHMPLOT_WORKER is still read
	 * each batch.
	 */
	char worker[4096];
};

shmplot_status shmplot_renderer_new(shmplot_renderer **out,
				    const char *font_path, char *err,
				    size_t errlen)
{
	if (!out)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_renderer_new: out is NULL");
	*out = NULL;
	if (!font_path || !*font_path)
		font_path = getenv("SHMPLOT_FONT");
	if (!font_path || !*font_path)
		font_path = SHMPLOT_DEFAULT_FONT;
	shmplot_renderer *r = calloc(1, sizeof *r);
	if (!r)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	shmplot_status st = sp_font_load(font_path, &r->font, err, errlen);
	if (st) {
		free(r);
		return st;
	}
#ifdef SHMPLOT_TEST_HOOKS
	/* The pool's suites again, every batch on kept workers. */
	const char *mode = getenv("SHMPLOT_TEST_MODE");
	if (mode && strcmp(mode, "warm") == 0 &&
	    shmplot_renderer_keep_workers(r, 0, 0) != SHMPLOT_OK) {
		shmplot_renderer_free(r);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	}
#endif
	*out = r;
	return SHMPLOT_OK;
}

void shmplot_renderer_free(shmplot_renderer *r)
{
	if (!r)
		return;
	sp_warm_close(r->warm);
	spr_font_free(r->font);
	free(r);
}

shmplot_status shmplot_renderer_keep_workers(shmplot_renderer *r, int jobs,
					     double idle_timeout_s)
{
	if (!r)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_renderer_keep_workers: the renderer "
				"is NULL");
	char *err = r->errmsg;
	size_t errlen = sizeof r->errmsg;
	if (jobs < 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_renderer_keep_workers: jobs %d is out "
				"of range (0 = the number of CPUs, or more)",
				jobs);
	if (!isfinite(idle_timeout_s) || idle_timeout_s < 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_renderer_keep_workers: idle_timeout_s "
				"%g is out of range (0 = none, or finite "
				"seconds)",
				idle_timeout_s);
	if (!r->warm && !(r->warm = sp_warm_new()))
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	r->warm_jobs = jobs;
	double ms = ceil(idle_timeout_s * 1000);
	r->idle_ms = ms > INT_MAX ? INT_MAX : (int)ms;
	return SHMPLOT_OK;
}

shmplot_status shmplot_renderer_release_workers(shmplot_renderer *r)
{
	if (!r)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_renderer_release_workers: the "
				"renderer is NULL");
	if (__atomic_exchange_n(&r->busy, 1, __ATOMIC_ACQUIRE))
		return sp_error(NULL, 0, SHMPLOT_E_STATE,
				"shmplot_renderer_release_workers: a batch is "
				"running on this renderer");
	sp_warm_close(r->warm);
	r->warm = NULL;
	__atomic_store_n(&r->busy, 0, __ATOMIC_RELEASE);
	return SHMPLOT_OK;
}

size_t shmplot_renderer_workers(shmplot_renderer *r, long *pids, size_t n)
{
	pid_t buf[256];
	if (!r || !r->warm ||
	    __atomic_exchange_n(&r->busy, 1, __ATOMIC_ACQUIRE))
		return 0;
	size_t k = sp_warm_pids(r->warm, buf, n < 256 ? n : 256);
	for (size_t i = 0; pids && i < k && i < n && i < 256; i++)
		pids[i] = (long)buf[i];
	__atomic_store_n(&r->busy, 0, __ATOMIC_RELEASE);
	return k;
}

const char *shmplot_renderer_font_path(const shmplot_renderer *r)
{
	return r ? spr_font_path(r->font) : NULL;
}

const char *shmplot_renderer_errmsg(const shmplot_renderer *r)
{
	return r ? r->errmsg : "";
}

/* The options' size when they got one (0.2); later fields add to it. */
#define SP_RENDER_OPTS_MIN_SIZE                                                \
	(offsetof(shmplot_render_opts, cancel) + sizeof(volatile int *))

void shmplot_render_opts_init_size(shmplot_render_opts *opts, size_t size)
{
	shmplot_render_opts def;
	memset(&def, 0, sizeof def);
	def.png_level = -1;
	def.timeout_s = SHMPLOT_DEFAULT_TIMEOUT_S;
	sp_sized_init(opts, size, &def, sizeof def);
}

char *sp_renderer_errbuf(shmplot_renderer *r, size_t *len)
{
	*len = sizeof r->errmsg;
	return r->errmsg;
}

shmplot_status sp_render_opts_copy(shmplot_render_opts *dst,
				   const shmplot_render_opts *opts, char *err,
				   size_t errlen)
{
	shmplot_render_opts_init(dst);
	if (!opts)
		return SHMPLOT_OK;
	return sp_sized_copy(dst, sizeof *dst, opts, SP_RENDER_OPTS_MIN_SIZE,
			     "shmplot_render_opts", err, errlen);
}

/* Which way workers start: fork only when nothing else can hold a lock. */
static int choose_mode(void)
{
#ifdef SHMPLOT_TEST_HOOKS
	const char *force = getenv("SHMPLOT_TEST_MODE");
	if (force && strcmp(force, "fork") == 0)
		return SP_MODE_FORK;
	if (force && strcmp(force, "spawn") == 0)
		return SP_MODE_SPAWN;
#endif
	return sp_thread_count() == 1 ? SP_MODE_FORK : SP_MODE_SPAWN;
}

/* shmplot_render()'s arguments, once opts is set; message in err. */
static shmplot_status check_args(const shmplot_data *data,
				 shmplot_figure *const *figs, size_t nfig,
				 const shmplot_render_opts *opts, char *err,
				 size_t errlen)
{
	if (!sp_data_is_sealed(data))
		return sp_error(err, errlen, SHMPLOT_E_STATE,
				"shmplot_render: seal the data segment "
				"(shmplot_data_seal) before rendering");
	if (opts->jobs < 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: jobs %d is out of range (0 = "
				"the number of CPUs, or more)",
				opts->jobs);
	if (!isfinite(opts->timeout_s) || opts->timeout_s < 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: timeout_s %g is out of range "
				"(0 = no limit, or finite seconds)",
				opts->timeout_s);
	if (opts->png_level < -1 || opts->png_level > 9)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: png_level %d is out of range "
				"-1..9 (-1 = the default)",
				opts->png_level);
	if (opts->formats > SHMPLOT_FORMATS_ALL)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: formats 0x%x is not a set of "
				"SHMPLOT_FORMAT_PNG, _PDF and _SVG (0 = PNG)",
				opts->formats);
	if (opts->want_pixels && opts->formats &&
	    !(opts->formats & SHMPLOT_FORMAT_PNG))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: want_pixels needs "
				"SHMPLOT_FORMAT_PNG among the formats");
	for (size_t i = 0; i < nfig; i++)
		if (!figs[i])
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"shmplot_render: figure %zu is NULL",
					i);
	return SHMPLOT_OK;
}

/*
 * Runs batch b on the pool, with the batch description spawned workers
 * read when they are what starts.
 */
static shmplot_status run_batch(shmplot_renderer *r, sp_batch *b,
				const shmplot_data *data,
				const shmplot_render_opts *opts,
				shmplot_results **out)
{
	char *err = r->errmsg;
	size_t errlen = sizeof r->errmsg;
	shmplot_status st;
	b->mode = r->warm ? SP_MODE_SPAWN : choose_mode();
	b->warm = r->warm != NULL;
	b->idle_ms = r->idle_ms;
	b->seg_fd = sp_data_fd(data);
	b->seg_keep = r->warm ? sp_data_keep_id(data) : 0;
	b->blob_fd = -1;
	if (b->mode == SP_MODE_SPAWN && b->nfig) {
		const char *env = getenv("SHMPLOT_WORKER");
		if (env && *env) {
			b->worker_path = env;
		} else {
			if (!r->worker[0]) {
				char buf[sizeof r->worker];
				snprintf(r->worker, sizeof r->worker, "%s",
					 sp_worker_path(buf, sizeof buf));
			}
			b->worker_path = r->worker;
		}
		st = sp_blob_create(b, spr_font_path(r->font), &b->blob_fd, err,
				    errlen);
		if (st != SHMPLOT_OK)
			return st;
	}
	int jobs = opts->jobs                ? opts->jobs
		   : r->warm && r->warm_jobs ? r->warm_jobs
					     : sp_cpu_count();
	st = sp_pool_run(b, opts, jobs, r->warm, out, err, errlen);
	if (b->blob_fd >= 0)
		close(b->blob_fd);
	/* A stopped batch (Ctrl-C) ends the kept workers too. */
	if (r->warm && st == SHMPLOT_E_INTERRUPTED)
		sp_warm_stop(r->warm);
	return st;
}

shmplot_status shmplot_render(shmplot_renderer *r, const shmplot_data *data,
			      shmplot_figure *const *figs, size_t nfig,
			      const shmplot_render_opts *opts,
			      shmplot_results **out)
{
	shmplot_render_opts defaults;
	if (out)
		*out = NULL;
	if (!r)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_render: the renderer is NULL");
	char *err = r->errmsg;
	size_t errlen = sizeof r->errmsg;
	if (!data || !out || (nfig && !figs))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_render: data, figs and out must not "
				"be NULL");
	shmplot_render_opts_init(&defaults);
	shmplot_status st = SHMPLOT_OK;
	if (opts)
		st = sp_sized_copy(&defaults, sizeof defaults, opts,
				   SP_RENDER_OPTS_MIN_SIZE,
				   "shmplot_render_opts", err, errlen);
	opts = &defaults;
	if (st == SHMPLOT_OK)
		st = check_args(data, figs, nfig, opts, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	const spr_figure **specs =
	    nfig ? sp_malloc_ab(nfig, sizeof *specs) : NULL;
	if (nfig && !specs)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for %zu figures", nfig);
	for (size_t i = 0; i < nfig; i++)
		specs[i] = sp_figure_spec(figs[i]);
	sp_batch b = {
	    .figs = specs,
	    .nfig = nfig,
	    .font = r->font,
	    .png_level = opts->png_level,
	    .want_pixels = opts->want_pixels,
	    .formats = opts->formats ? opts->formats : SHMPLOT_FORMAT_PNG,
	};
	spr_series *views = NULL;
	st = sp_data_views(data, &views, &b.nseries, err, errlen);
	b.series = views;
#ifdef SHMPLOT_TEST_HOOKS
	sp_fault *faults = sp_test_faults(figs, nfig);
	b.faults = faults;
	sp_test_calls_reset();
#endif
	if (st == SHMPLOT_OK && r->warm &&
	    __atomic_exchange_n(&r->busy, 1, __ATOMIC_ACQUIRE))
		st = sp_error(NULL, 0, SHMPLOT_E_STATE,
			      "shmplot_render: another thread is rendering "
			      "with this renderer, which keeps its workers");
	else if (st == SHMPLOT_OK) {
		int warm = r->warm != NULL;
		st = run_batch(r, &b, data, opts, out);
		if (warm)
			__atomic_store_n(&r->busy, 0, __ATOMIC_RELEASE);
	}
#ifdef SHMPLOT_TEST_HOOKS
	free(faults);
#endif
	free(views);
	free(specs);
	return st;
}

#ifdef SHMPLOT_TEST_HOOKS
void sp_test_pixcache_hold(shmplot_renderer *r, int hold)
{
	sp_pixcache_test_hold(sp_warm_pixcache(r->warm), hold);
}
#endif

#ifdef SP_COMPAT_SYMBOL
/*
 * ABI 0.1: shmplot_render_opts without its size, for programs built
 * against shmplot.h 0.1 (tests/abi runs one).
 */
typedef struct sp_render_opts_0_1 {
	int jobs;
	double timeout_s;
	int want_pixels;
	int png_level;
	shmplot_result_fn on_result;
	void *userdata;
	int discard_outputs;
	volatile int *cancel;
} sp_render_opts_0_1;

SP_COMPAT_API void sp_render_opts_init_0_1(sp_render_opts_0_1 *opts);
SP_COMPAT_API shmplot_status sp_render_0_1(
    shmplot_renderer *r, const shmplot_data *data, shmplot_figure *const *figs,
    size_t nfig, const sp_render_opts_0_1 *opts, shmplot_results **out);
SP_COMPAT_SYMBOL(sp_render_opts_init_0_1, shmplot_render_opts_init,
		 "SHMPLOT_0.1");
SP_COMPAT_SYMBOL(sp_render_0_1, shmplot_render, "SHMPLOT_0.1");

void sp_render_opts_init_0_1(sp_render_opts_0_1 *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->png_level = -1;
	/* programs built against 0.1 get today's default too, which cannot
	 * hang on a worker that never answers */
	opts->timeout_s = SHMPLOT_DEFAULT_TIMEOUT_S;
}

shmplot_status sp_render_0_1(shmplot_renderer *r, const shmplot_data *data,
			     shmplot_figure *const *figs, size_t nfig,
			     const sp_render_opts_0_1 *opts,
			     shmplot_results **out)
{
	shmplot_render_opts o;
	shmplot_render_opts_init(&o);
	if (opts) {
		o.jobs = opts->jobs;
		o.timeout_s = opts->timeout_s;
		o.want_pixels = opts->want_pixels;
		o.png_level = opts->png_level;
		o.on_result = opts->on_result;
		o.userdata = opts->userdata;
		o.discard_outputs = opts->discard_outputs;
		o.cancel = opts->cancel;
	}
	return shmplot_render(r, data, figs, nfig, opts ? &o : NULL, out);
}
#endif
