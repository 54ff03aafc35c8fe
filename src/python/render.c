// SPDX-License-Identifier: MIT
/*
 * _shmplot.render() and _shmplot.render_spec(): a batch from Python. The
 * arrays are copied into a fresh segment once each (or a sealed Data is
 * used as it is), the figures are built, and shmplot_render() runs with the
 * GIL released. Ctrl-C: on the main thread a SIGINT handler is chained in
 * front of Python's for the length of the batch; it sets the batch's
 * cancel flag (the library stops the batch and reaps every worker within
 * 100 ms) and lets Python's own handler note the signal, so
 * PyErr_CheckSignals() raises KeyboardInterrupt once the batch is over.
 */
#include "pyshmplot.h"
#include "segment/segment.h"

#include <shmplot/spec.h>

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Renderers are kept between batches (each loads the font once); a handle
 * is used by one thread at a time, so they are taken from this stack with
 * the GIL held. */
#define POOL_MAX 8
static shmplot_renderer *pool[POOL_MAX];
static int pool_n;

static shmplot_renderer *renderer_take(void)
{
	if (pool_n > 0)
		return pool[--pool_n];
	shmplot_renderer *r;
	char err[512] = "";
	shmplot_status st = shmplot_renderer_new(&r, NULL, err, sizeof err);
	if (st) {
		pysp_raise(st, err);
		return NULL;
	}
	return r;
}

static void renderer_give(shmplot_renderer *r)
{
	if (pool_n < POOL_MAX)
		pool[pool_n++] = r;
	else
		shmplot_renderer_free(r);
}

/*
 * Kept workers: one renderer per process keeps its workers between
 * batches (shmplot_renderer_keep_workers), so a batch starts no process.
 * Taken and given back with the GIL held. Threads: only the main thread
 * renders on them. Workers die with the thread that started them
 * (PR_SET_PDEATHSIG is per thread), so kept workers started by a thread
 * that then exits would be killed under whichever thread rendered on them
 * next; the main thread lives as long as the interpreter. Other threads
 * get a renderer of their own from the stack above, whose workers start
 * and end with their batch, so no thread waits for another. Fork: a child
 * process never uses its parent's workers (warm_after_fork(), from
 * os.register_at_fork, closes its copies of their sockets at once, so the
 * parent's workers still see EOF when the parent lets them go). Reaped at
 * exit (Py_AtExit), or by warm_close(); a worker idle for WARM_IDLE_S
 * exits by itself.
 */
#define WARM_IDLE_S 600.0
static shmplot_renderer *warm;
static pid_t warm_pid;
static int warm_busy, warm_hooked;

/*
 * The main thread's batches copy their arrays into one reusable segment
 * (segment.h), filled again batch after batch while it is big enough, and
 * the kept workers keep their mapping of it: on the benchmark VM the
 * first touch of a page through a new mapping, in the parent and in each
 * worker, cost more than the rest of a batch (the seed job at 1,000,000
 * points: 32 MB, 53 ms to copy into fresh pages, 2 ms into these). Up to
 * SCRATCH_MAX bytes, a batch that needs more gets a segment of its own,
 * as before; made with SCRATCH_SLACK more room, so that a loop whose
 * arrays grow a little does not make a new one each time. Only the main
 * thread uses it, with the GIL held but while it copies (scratch_busy
 * then keeps warm_close() off it), and never while a batch renders from
 * it; freed with the workers (warm_close(), exit) and in a forked child.
 */
#define SCRATCH_MAX   ((size_t)64 << 20)
#define SCRATCH_SLACK 4 /* a quarter more */
static shmplot_data *scratch;
static pid_t scratch_pid;
static int scratch_busy;

static void scratch_drop(void)
{
	if (scratch && !scratch_busy)
		shmplot_data_free(scratch); /* in a child: its own copies */
	scratch = NULL;
	scratch_busy = 0;
}

static void warm_atexit(void)
{
	if (warm && warm_pid == getpid() && !warm_busy)
		shmplot_renderer_free(warm);
	warm = NULL;
	if (!scratch_busy)
		scratch_drop();
}

/* The kept renderer, marked busy; NULL (no error set) if it is busy, or
 * NULL with an error. */
static shmplot_renderer *warm_take(void)
{
	if (warm && warm_pid != getpid()) {
		/* Forked since: the handle is ours, its workers are not. */
		if (!warm_busy)
			shmplot_renderer_free(warm);
		warm = NULL;
		warm_busy = 0;
	}
	if (warm_busy)
		return NULL;
	if (!warm) {
		shmplot_renderer *r;
		char err[512] = "";
		shmplot_status st =
		    shmplot_renderer_new(&r, NULL, err, sizeof err);
		if (!st && shmplot_renderer_keep_workers(r, 0, WARM_IDLE_S)) {
			snprintf(err, sizeof err, "%s",
				 shmplot_renderer_errmsg(r));
			shmplot_renderer_free(r);
			st = SHMPLOT_E_NOMEM;
		}
		if (st) {
			pysp_raise(st, err);
			return NULL;
		}
		if (!warm_hooked)
			warm_hooked = Py_AtExit(warm_atexit) == 0;
		warm = r;
		warm_pid = getpid();
	}
	warm_busy = 1;
	return warm;
}

PyObject *pysp_warm_pids(PyObject *self, PyObject *unused)
{
	long pids[256];
	(void)self;
	(void)unused;
	size_t n = warm && warm_pid == getpid() && !warm_busy
		       ? shmplot_renderer_workers(warm, pids, 256)
		       : 0;
	PyObject *list = PyList_New(0);
	for (size_t i = 0; list && i < n && i < 256; i++) {
		PyObject *v = PyLong_FromLong(pids[i]);
		if (!v || PyList_Append(list, v) < 0)
			Py_CLEAR(list);
		Py_XDECREF(v);
	}
	return list;
}

PyObject *pysp_warm_after_fork(PyObject *self, PyObject *unused)
{
	(void)self;
	(void)unused;
	if (warm && warm_pid != getpid()) {
		/* Frees the handle and closes the sockets; kills nothing. */
		if (!warm_busy)
			shmplot_renderer_free(warm);
		warm = NULL;
		warm_busy = 0;
	}
	/* Its pages are the parent's: a child filling it would write into
	 * the parent's next batch. */
	if (scratch && scratch_pid != getpid()) {
		scratch_busy = 0;
		scratch_drop();
	}
	Py_RETURN_NONE;
}

PyObject *pysp_warm_close(PyObject *self, PyObject *unused)
{
	(void)self;
	(void)unused;
	if (warm && warm_pid == getpid() && !warm_busy) {
		shmplot_renderer *r = warm;
		warm = NULL;
		Py_BEGIN_ALLOW_THREADS;
		shmplot_renderer_free(r);
		Py_END_ALLOW_THREADS;
	}
	if (scratch && scratch_pid == getpid() && !scratch_busy)
		scratch_drop();
	Py_RETURN_NONE;
}

/* The one batch that owns SIGINT (the main thread's). */
static volatile int *sigint_cancel;
static struct sigaction sigint_old;

static void on_sigint(int sig, siginfo_t *si, void *uc)
{
	if (sigint_cancel)
		*sigint_cancel = 1;
	if (sigint_old.sa_flags & SA_SIGINFO)
		sigint_old.sa_sigaction(sig, si, uc);
	else if (sigint_old.sa_handler != SIG_DFL &&
		 sigint_old.sa_handler != SIG_IGN)
		sigint_old.sa_handler(sig);
}

/* 1 if the handler went in (restore with sigint_release()). Only when a
 * handler is there to chain to: SIG_DFL or SIG_IGN stay as they are. */
static int sigint_hook(volatile int *cancel)
{
	struct sigaction cur, sa;
	if (sigint_cancel || sigaction(SIGINT, NULL, &cur) != 0)
		return 0;
	if (!(cur.sa_flags & SA_SIGINFO) &&
	    (cur.sa_handler == SIG_DFL || cur.sa_handler == SIG_IGN))
		return 0;
	sigint_old = cur;
	sigint_cancel = cancel;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigint;
	sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: poll() wakes up */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) != 0) {
		sigint_cancel = NULL;
		return 0;
	}
	return 1;
}

static void sigint_release(void)
{
	sigaction(SIGINT, &sigint_old, NULL);
	sigint_cancel = NULL;
}

/*
 * Spawned workers instead of forked ones. The library forks only when the
 * calling thread is alone (shmplot.h); a Python process with numpy is
 * ~30 MB of interpreter that each fork() copies the page tables of, and
 * whose copy-on-write pages the parent and the child then fault on: on
 * this machine a seed batch took 276 ms forked against 123 ms spawned
 * from the same process (medians of 7, tests/bench/python_seed.py's
 * job). So, unless the caller asks for fork, a thread that only waits
 * keeps the process multithreaded for the length of the batch, and the
 * library spawns shmplot-worker (found beside this module).
 */
typedef struct idler {
	pthread_t t;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done, started;
} idler;

static void *idle_main(void *arg)
{
	idler *w = arg;
	pthread_mutex_lock(&w->mu);
	while (!w->done)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void idler_start(idler *w)
{
	pthread_attr_t a;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->done = 0;
	w->started = 0;
	if (pthread_attr_init(&a) != 0)
		return;
	pthread_attr_setstacksize(&a, 65536);
	/* No thread: the library forks, which is slower, not wrong. */
	w->started = pthread_create(&w->t, &a, idle_main, w) == 0;
	pthread_attr_destroy(&a);
}

static void idler_stop(idler *w)
{
	if (w->started) {
		pthread_mutex_lock(&w->mu);
		w->done = 1;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->t, NULL);
	}
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
}

typedef struct batch_opts {
	int jobs;
	double timeout;
	int pixels;
	unsigned formats;
	int main_thread;
	int fork; /* let the library fork when it can (else: spawn) */
	int cold; /* no kept workers: each batch starts its own */
} batch_opts;

static PyObject *outputs_dict(const shmplot_results *res, size_t i,
			      unsigned formats)
{
	PyObject *d = PyDict_New();
	static const struct {
		shmplot_format f;
		const char *name;
	} fm[] = {{SHMPLOT_FORMAT_PNG, "png"},
		  {SHMPLOT_FORMAT_PDF, "pdf"},
		  {SHMPLOT_FORMAT_SVG, "svg"}};
	for (size_t k = 0; d && k < 3; k++) {
		size_t len;
		const unsigned char *b;
		if (!(formats & fm[k].f) ||
		    !(b = shmplot_results_output(res, i, fm[k].f, &len)))
			continue;
		PyObject *v =
		    PyBytes_FromStringAndSize((const char *)b, (Py_ssize_t)len);
		if (!v || PyDict_SetItemString(d, fm[k].name, v) < 0) {
			Py_XDECREF(v);
			Py_CLEAR(d);
			break;
		}
		Py_DECREF(v);
	}
	return d;
}

/* (w, h, buffer): over the results (owner) if set, else a copy. */
static PyObject *pixels_tuple(const shmplot_results *res, size_t i,
			      PyObject *owner)
{
	int w, h;
	size_t stride;
	const unsigned char *p =
	    shmplot_results_pixels(res, i, &w, &h, &stride);
	if (!p)
		Py_RETURN_NONE;
	size_t row = (size_t)w * 4;
	if (owner && stride == row)
		return Py_BuildValue("(iiN)", w, h,
				     pysp_pixels_new(owner, p, row * h));
	PyObject *ba =
	    PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(row * h));
	if (!ba)
		return NULL;
	char *dst = PyByteArray_AS_STRING(ba);
	for (int y = 0; y < h; y++)
		memcpy(dst + (size_t)y * row, p + (size_t)y * stride, row);
	return Py_BuildValue("(iiN)", w, h, ba);
}

static PyObject *results_list(const shmplot_results *res, unsigned formats,
			      PyObject *owner)
{
	size_t n = shmplot_results_count(res);
	PyObject *list = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; list && i < n; i++) {
		shmplot_fig_status fs = shmplot_results_status(res, i);
		PyObject *outs = outputs_dict(res, i, formats);
		PyObject *px = outs ? pixels_tuple(res, i, owner) : NULL;
		PyObject *t =
		    px ? Py_BuildValue("(sssNNdi)",
				       shmplot_results_name(res, i),
				       shmplot_fig_status_str(fs),
				       shmplot_results_message(res, i), outs,
				       px, shmplot_results_seconds(res, i),
				       shmplot_results_signal(res, i))
		       : NULL;
		if (!t) {
			if (!px)
				Py_XDECREF(outs);
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, t);
	}
	return list;
}

/* Renders nfig figures of data; the results as a list, or NULL. */
static PyObject *run_batch(const shmplot_data *data,
			   shmplot_figure *const *figs, size_t nfig,
			   const batch_opts *bo)
{
	shmplot_renderer *r =
	    bo->fork || bo->cold || !bo->main_thread ? NULL : warm_take();
	int kept = r != NULL;
	if (!r && PyErr_Occurred())
		return NULL;
	if (!r && !(r = renderer_take()))
		return NULL;
	volatile int cancel = 0;
	shmplot_render_opts opts;
	shmplot_render_opts_init(&opts);
	opts.jobs = bo->jobs;
	if (bo->timeout >= 0)
		opts.timeout_s = bo->timeout;
	opts.want_pixels = bo->pixels;
	opts.formats = bo->formats;
	opts.cancel = &cancel;
	shmplot_results *res = NULL;
	shmplot_status st;
	int hooked = bo->main_thread && sigint_hook(&cancel);
	idler w;
	/* Kept workers are always spawned: no idler needed. */
	int idle = !bo->fork && !kept;
	Py_BEGIN_ALLOW_THREADS;
	if (idle)
		idler_start(&w);
	st = shmplot_render(r, data, figs, nfig, &opts, &res);
	if (idle)
		idler_stop(&w);
	Py_END_ALLOW_THREADS;
	if (hooked)
		sigint_release();
	PyObject *out = NULL;
	if (st != SHMPLOT_OK && st != SHMPLOT_E_FIGURES &&
	    st != SHMPLOT_E_INTERRUPTED)
		pysp_raise(st, shmplot_renderer_errmsg(r));
	else if (PyErr_CheckSignals() == 0) {
		/* Pixels are handed over, not copied: the results live on
		 * in their owner while any figure's pixels do. */
		PyObject *owner =
		    bo->pixels && res ? pysp_results_owner(res) : NULL;
		PyErr_Clear(); /* no owner: the pixels are copied */
		out = results_list(res, bo->formats ? bo->formats : 1, owner);
		if (owner)
			res = NULL;
		Py_XDECREF(owner);
	}
	shmplot_results_free(res);
	if (kept)
		warm_busy = 0;
	else
		renderer_give(r);
	return out;
}

static int parse_opts(PyObject *kw_obj, batch_opts *bo)
{
	(void)kw_obj;
	if (bo->jobs < 0) {
		PyErr_Format(PyExc_ValueError, "jobs must be >= 0 (got %d)",
			     bo->jobs);
		return -1;
	}
	return 0;
}

/*
 * A segment for n series of total points: the reusable one emptied, or a
 * new reusable one in its place, if they fit in SCRATCH_MAX; else NULL
 * (no error set) for one of the batch's own. The caller has set
 * scratch_busy (it may not hold the GIL).
 */
static shmplot_data *scratch_take(size_t n, size_t total)
{
	if (scratch && scratch_pid != getpid()) {
		shmplot_data_free(scratch); /* forked since: not ours */
		scratch = NULL;
	}
	if (scratch && sp_data_reuse(scratch, n, total))
		return scratch;
	/* the series, their table and alignment, and a header */
	if (n > SHMPLOT_MAX_SERIES || total > SCRATCH_MAX / sizeof(double) ||
	    total * sizeof(double) + n * 192 + 4096 > SCRATCH_MAX)
		return NULL;
	size_t bytes = total * sizeof(double) + n * 192 + 4096;
	shmplot_data *d = NULL;
	if (sp_data_new_reusable(&d, bytes + bytes / SCRATCH_SLACK, n, total,
				 NULL, 0))
		return NULL; /* then the batch's own says why */
	shmplot_data_free(scratch);
	scratch = d;
	scratch_pid = getpid();
	return d;
}

/* Frees seg, a batch's segment from segment_for(), or gives the reusable
 * one back. */
static void segment_done(shmplot_data *seg)
{
	if (seg && seg == scratch)
		scratch_busy = 0;
	else
		shmplot_data_free(seg);
}

/* The segment for arrays: a fresh one they are copied into (or the
 * reusable one, with reuse), or data's. */
static shmplot_data *segment_for(PyObject *arrays, pysp_data *data,
				 shmplot_series *ids, size_t n, int reuse)
{
	if (data) {
		if (!data->sealed) {
			pysp_raise(SHMPLOT_E_STATE,
				   "render: the Data must be sealed first "
				   "(Data.seal())");
			return NULL;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned long id = PyLong_AsUnsignedLong(
			    PyList_GET_ITEM(arrays, (Py_ssize_t)i));
			if (PyErr_Occurred())
				return NULL;
			ids[i] = (shmplot_series)id;
		}
		return data->data;
	}
	Py_buffer *b = calloc(n ? n : 1, sizeof *b);
	if (!b)
		return (shmplot_data *)PyErr_NoMemory();
	size_t got = 0, total = 0;
	shmplot_data *seg = NULL;
	for (; got < n; got++) {
		if (PyObject_GetBuffer(PyList_GET_ITEM(arrays, (Py_ssize_t)got),
				       &b[got],
				       PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
			goto out;
		if (b[got].itemsize != 8 || strcmp(b[got].format, "d") != 0) {
			PyBuffer_Release(&b[got]);
			PyErr_SetString(PyExc_TypeError,
					"render: arrays must be float64");
			goto out;
		}
		total += (size_t)b[got].len / 8;
	}
	char err[512] = "";
	shmplot_status st = SHMPLOT_OK;
	int mine = reuse && !scratch_busy;
	if (mine)
		scratch_busy = 1; /* with the GIL: warm_close() keeps off */
	Py_BEGIN_ALLOW_THREADS;
	if (mine)
		seg = scratch_take(n ? n : 1, total);
	if (!seg)
		st = shmplot_data_new(&seg, n ? n : 1, total, err, sizeof err);
	for (size_t i = 0; !st && i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "a%zu", i);
		st = shmplot_data_add(seg, name, b[i].buf, (size_t)b[i].len / 8,
				      &ids[i]);
		if (!st && b[i].ndim == 2)
			st = shmplot_data_set_shape(seg, ids[i],
						    (size_t)b[i].shape[0],
						    (size_t)b[i].shape[1]);
	}
	if (!st)
		st = shmplot_data_seal(seg);
	Py_END_ALLOW_THREADS;
	if (mine && seg != scratch)
		scratch_busy = 0;
	if (st) {
		pysp_raise(st, seg ? shmplot_data_errmsg(seg) : err);
		segment_done(seg);
		seg = NULL;
	}
out:
	for (size_t i = 0; i < got; i++)
		PyBuffer_Release(&b[i]);
	free(b);
	return seg;
}

/*
 * The arrays and figure descriptions of render() and keys(): the segment
 * (a fresh one the arrays are copied into, or the sealed Data's) and the
 * figures built over it. 0, or -1 with the exception set; batch_close()
 * frees what was made either way.
 */
typedef struct py_batch {
	pysp_data *data; /* NULL: seg is this batch's own */
	shmplot_data *seg;
	shmplot_series *ids;
	shmplot_figure **figs;
	size_t nfig;
} py_batch;

/* reuse: the reusable segment may be used (render() on the main
 * thread's kept workers). */
static int batch_open(PyObject *arrays, PyObject *figures, PyObject *data_obj,
		      int reuse, py_batch *b)
{
	memset(b, 0, sizeof *b);
	if (data_obj != Py_None) {
		if (!PyObject_TypeCheck(data_obj, &pysp_data_type)) {
			PyErr_Format(PyExc_TypeError, "data: expected a Data");
			return -1;
		}
		b->data = (pysp_data *)data_obj;
	}
	size_t n = (size_t)PyList_GET_SIZE(arrays);
	b->nfig = (size_t)PyList_GET_SIZE(figures);
	b->ids = calloc(n ? n : 1, sizeof *b->ids);
	b->figs = calloc(b->nfig ? b->nfig : 1, sizeof *b->figs);
	if (!b->ids || !b->figs) {
		PyErr_NoMemory();
		return -1;
	}
	if (!(b->seg = segment_for(arrays, b->data, b->ids, n, reuse)))
		return -1;
	for (size_t i = 0; i < b->nfig; i++)
		if (pysp_build_figure(PyList_GET_ITEM(figures, (Py_ssize_t)i),
				      b->ids, n, &b->figs[i]) < 0)
			return -1;
	return 0;
}

static void batch_close(py_batch *b)
{
	for (size_t i = 0; b->figs && i < b->nfig; i++)
		shmplot_figure_free(b->figs[i]);
	if (b->seg && !b->data)
		segment_done(b->seg);
	free(b->figs);
	free(b->ids);
}

PyObject *pysp_render(PyObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"arrays",  "figures", "data",    "jobs",
				 "timeout", "pixels",  "formats", "main_thread",
				 "fork",    "cold",    NULL};
	PyObject *arrays, *figures, *data_obj = Py_None;
	batch_opts bo = {0, -1.0, 0, 1, 0, 0, 0};
	if (!PyArg_ParseTupleAndKeywords(
		args, kw, "O!O!|OidpIppp", kwlist, &PyList_Type, &arrays,
		&PyList_Type, &figures, &data_obj, &bo.jobs, &bo.timeout,
		&bo.pixels, &bo.formats, &bo.main_thread, &bo.fork, &bo.cold) ||
	    parse_opts(NULL, &bo) < 0)
		return NULL;
	py_batch b;
	PyObject *out = NULL;
	if (batch_open(arrays, figures, data_obj,
		       bo.main_thread && !bo.fork && !bo.cold, &b) == 0)
		out = run_batch(b.seg, b.figs, b.nfig, &bo);
	batch_close(&b);
	return out;
}

static PyObject *spec_errors(const shmplot_spec *spec, shmplot_status st)
{
	size_t n = spec ? shmplot_spec_error_count(spec) : 0;
	if (!n)
		return pysp_raise(st, spec ? shmplot_spec_errmsg(spec) : "");
	PyObject *lines = PyList_New(0);
	for (size_t i = 0; lines && i < n; i++) {
		PyObject *s = PyUnicode_FromString(shmplot_spec_error(spec, i));
		if (!s || PyList_Append(lines, s) < 0)
			Py_CLEAR(lines);
		Py_XDECREF(s);
	}
	if (!lines)
		return NULL;
	PyObject *sep = PyUnicode_FromString("\n");
	PyObject *msg = sep ? PyUnicode_Join(sep, lines) : NULL;
	Py_XDECREF(sep);
	Py_DECREF(lines);
	if (!msg)
		return NULL;
	const char *s = PyUnicode_AsUTF8(msg);
	if (s)
		pysp_raise(st, s);
	Py_DECREF(msg);
	return NULL;
}

PyObject *pysp_render_spec(PyObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"json",   "base_dir", "jobs",        "timeout",
				 "pixels", "formats",  "main_thread", "fork",
				 "cold",   NULL};
	Py_buffer json;
	const char *base = NULL;
	batch_opts bo = {0, -1.0, 0, 1, 0, 0, 0};
	if (!PyArg_ParseTupleAndKeywords(args, kw, "y*|zidpIppp", kwlist, &json,
					 &base, &bo.jobs, &bo.timeout,
					 &bo.pixels, &bo.formats,
					 &bo.main_thread, &bo.fork, &bo.cold))
		return NULL;
	if (parse_opts(NULL, &bo) < 0) {
		PyBuffer_Release(&json);
		return NULL;
	}
	shmplot_spec *spec = NULL;
	shmplot_status st;
	Py_BEGIN_ALLOW_THREADS;
	st = shmplot_spec_load_buffer(&spec, json.buf, (size_t)json.len, base);
	Py_END_ALLOW_THREADS;
	PyBuffer_Release(&json);
	PyObject *out;
	if (st)
		out = spec_errors(spec, st);
	else
		out = run_batch(shmplot_spec_data(spec),
				shmplot_spec_figures(spec),
				shmplot_spec_count(spec), &bo);
	shmplot_spec_free(spec);
	return out;
}

/*
 * _shmplot.keys(): each figure's key for one format (shmplot_figure_keys,
 * README "Incremental batches") as 32 hex digits, from the same arrays
 * and descriptions render() takes: equal keys, equal file bytes.
 */
PyObject *pysp_keys(PyObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"arrays", "figures", "data", "format", NULL};
	PyObject *arrays, *figures, *data_obj = Py_None;
	unsigned format = SHMPLOT_FORMAT_PNG;
	(void)self;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!|OI", kwlist,
					 &PyList_Type, &arrays, &PyList_Type,
					 &figures, &data_obj, &format))
		return NULL;
	py_batch b;
	shmplot_key *keys = NULL;
	PyObject *out = NULL;
	shmplot_renderer *r = NULL;
	if (batch_open(arrays, figures, data_obj, 0, &b) < 0)
		goto done;
	if (!(keys = calloc(b.nfig ? b.nfig : 1, sizeof *keys))) {
		PyErr_NoMemory();
		goto done;
	}
	if (!(r = renderer_take()))
		goto done;
	shmplot_status st;
	Py_BEGIN_ALLOW_THREADS;
	st = shmplot_figure_keys(r, b.seg, b.figs, b.nfig, NULL,
				 (shmplot_format)format, keys);
	Py_END_ALLOW_THREADS;
	if (st) {
		pysp_raise(st, shmplot_renderer_errmsg(r));
		goto done;
	}
	out = PyList_New((Py_ssize_t)b.nfig);
	for (size_t i = 0; out && i < b.nfig; i++) {
		char hex[33];
		PyObject *s =
		    PyUnicode_FromString(shmplot_key_hex(&keys[i], hex));
		if (!s) {
			Py_CLEAR(out);
			break;
		}
		PyList_SET_ITEM(out, (Py_ssize_t)i, s);
	}
done:
	if (r)
		renderer_give(r);
	batch_close(&b);
	free(keys);
	return out;
}
