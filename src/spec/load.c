/* SPDX-License-Identifier: MIT */
/*
 * Batch specs: JSON (parsed with cJSON) in, a sealed data segment and a
 * list of figures out. Loading runs in two passes, so the segment is sized
 * exactly and nothing is built from a bad spec:
 *  1. Validate everything into plain structures (spec_model.h), listing
 *     every problem with its JSON path: series.c, figures.c, lines.c.
 *     Series get their lengths, figures their options and lines their
 *     series. The text is walked member by member (stream.c) and each
 *     series and figure parsed alone, so no tree of the whole spec is
 *     held; while no problem has been listed, each figure is built
 *     through the public API as soon as it is described, and its
 *     description dropped.
 *  2. Only if there was no problem: create the segment for exactly the
 *     series and points counted, compute or read each series in place and
 *     seal it (compute.c).
 * What a loaded spec keeps is the segment and the figures. A load with
 * defer_fill stops after pass 1 and keeps the loader instead: pass 2 runs
 * in shmplot_spec_fill() for the figures that will render (deferred.c).
 */
#define _GNU_SOURCE
#include "shmplot/spec.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Pass 2: the segment of the series (the figures, built in pass 1, are
 * the spec's already). */
shmplot_status sp_spec_pass2(sp_loader *l, shmplot_spec *spec)
{
	size_t nfill, npoints;
	shmplot_status st =
	    sp_segment_plan(&l->m, l->used, l->pr, &nfill, &npoints);
	if (st)
		return st;
	st = sp_segment_build(&l->m, l->used, npoints, l->cancel, l->pr,
			      &spec->data);
	if (!st) {
		spec->filled = nfill;
		spec->points = npoints;
	}
	return st;
}

void sp_spec_drop(shmplot_spec *spec)
{
	for (size_t i = 0; spec->figs && i < spec->nfig; i++)
		shmplot_figure_free(spec->figs[i]);
	free(spec->figs);
	spec->figs = NULL;
	spec->nfig = 0;
	spec->filled = spec->points = 0;
	shmplot_data_free(spec->data);
	spec->data = NULL;
	if (spec->deferred) {
		sp_loader_free(spec->deferred);
		free(spec->deferred);
		spec->deferred = NULL;
	}
	free(spec->dkey);
	free(spec->dkey_done);
	spec->dkey = NULL;
	spec->dkey_done = NULL;
	free(spec->files.slot);
	memset(&spec->files, 0, sizeof spec->files);
}

/* What a load is asked for: where data files are, which shard. */
typedef struct load_opts {
	const char *base_dir;
	unsigned k, n;
	volatile int *cancel;
	int defer; /* keep the loader for shmplot_spec_fill() */
} load_opts;

/* A deferred load keeps its loader (the model, CSV tables, used[]). */
static shmplot_status keep_loader(sp_loader *l, shmplot_spec *spec)
{
	if (!(spec->deferred = malloc(sizeof *spec->deferred)))
		return sp_nomem(l->pr);
	l->base_dir = NULL; /* the caller's; every path is resolved */
	*spec->deferred = *l;
	memset(l, 0, sizeof *l);
	return SHMPLOT_OK;
}

shmplot_status sp_spec_load_end(shmplot_spec *spec, shmplot_status st)
{
	if (spec->pr.nomem) {
		st = SHMPLOT_E_NOMEM;
		sp_problem(&spec->pr, NULL, "out of memory");
	}
	if (st)
		sp_spec_drop(spec);
	sp_problems_close(&spec->pr);
	return st;
}

/* Both passes over len bytes of JSON; file (if any) is freed once parsed. */
static shmplot_status load_c(shmplot_spec *spec, sp_file *file,
			     const char *json, size_t len, const load_opts *o)
{
	sp_loader l = {.pr = &spec->pr,
		       .base_dir = o->base_dir,
		       .shard_k = o->k,
		       .shard_n = o->n,
		       .cancel = o->cancel};
	shmplot_status st = sp_pass1(&l, json, len);
	if (file)
		sp_file_free(
		    file); /* the model holds copies of what it needs */
	sp_nameset_free(&l.series_ix);
	sp_nameset_free(&l.fig_names);
	if (!st) { /* the figures built in pass 1 are the spec's */
		spec->figs = l.figs;
		spec->nfig = l.nfigs;
		l.figs = NULL;
		l.nfigs = 0;
	}
	if (!st && o->defer)
		st = keep_loader(&l, spec);
	else if (!st)
		st = sp_spec_pass2(&l, spec);
	if (!st && !o->defer)
		st = sp_values_check(&l, spec->figs, spec->nfig, spec->data);
	sp_loader_free(&l);
	return sp_spec_load_end(spec, st);
}

/* load_c() in the C locale: a spec reads the same whatever the caller's. */
static shmplot_status load(shmplot_spec *spec, sp_file *file, const char *json,
			   size_t len, const load_opts *o)
{
	void *saved = sp_c_locale_enter();
	shmplot_status st = load_c(spec, file, json, len, o);
	sp_c_locale_leave(saved);
	return st;
}

/* A new handle in *out, if k of n is a shard (a problem listed if not). */
static shmplot_status new_spec(shmplot_spec **out, unsigned k, unsigned n)
{
	if (!out)
		return SHMPLOT_E_INVALID;
	*out = calloc(1, sizeof **out);
	if (!*out)
		return SHMPLOT_E_NOMEM;
	if (n == 0 || k == 0 || k > n) {
		sp_problem(&(*out)->pr, NULL,
			   "shard %u of %u: a shard is K of N with 1 <= K <= "
			   "N",
			   k, n);
		return SHMPLOT_E_INVALID;
	}
	return SHMPLOT_OK;
}

/* The options, or the defaults for NULL; k, n: the shard. */
static shmplot_status get_opts(shmplot_spec **out,
			       const shmplot_spec_load_opts *opts,
			       shmplot_spec_load_opts *o)
{
	char err[SP_ERRLEN];
	shmplot_spec_load_opts_init(o);
	if (!opts || sp_sized_copy(o, sizeof *o, opts, sizeof *o,
				   "shmplot_spec_load_opts", err,
				   sizeof err) == SHMPLOT_OK)
		return SHMPLOT_OK;
	if (new_spec(out, 1, 1) == SHMPLOT_OK)
		sp_problem(&(*out)->pr, NULL, "%s", err);
	return SHMPLOT_E_INVALID;
}

void shmplot_spec_load_opts_init_size(shmplot_spec_load_opts *opts, size_t size)
{
	const shmplot_spec_load_opts def = {
	    .size = sizeof def, .shard_k = 1, .shard_n = 1};
	sp_sized_init(opts, size, &def, sizeof def);
}

shmplot_status shmplot_spec_load_buffer_with(shmplot_spec **out,
					     const char *json, size_t len,
					     const char *base_dir,
					     const shmplot_spec_load_opts *opts)
{
	shmplot_spec_load_opts o;
	shmplot_status st = get_opts(out, opts, &o);
	if (st)
		return st;
	unsigned k = o.shard_k, n = o.shard_n;
	st = new_spec(out, k, n);
	if (st)
		return st;
	if (!json) {
		sp_problem(&(*out)->pr, NULL, "no JSON given");
		return SHMPLOT_E_INVALID;
	}
	if (len > SHMPLOT_SPEC_MAX_BYTES) {
		sp_problem(&(*out)->pr, NULL,
			   "the spec is %zu bytes; the limit is %zu", len,
			   SHMPLOT_SPEC_MAX_BYTES);
		return SHMPLOT_E_INVALID;
	}
	const load_opts lo = {base_dir, k, n, o.cancel, o.defer_fill};
	return load(*out, NULL, json, len, &lo);
}

shmplot_status shmplot_spec_load_buffer_shard(shmplot_spec **out,
					      const char *json, size_t len,
					      const char *base_dir, unsigned k,
					      unsigned n)
{
	shmplot_spec_load_opts o;
	shmplot_spec_load_opts_init(&o);
	o.shard_k = k;
	o.shard_n = n;
	return shmplot_spec_load_buffer_with(out, json, len, base_dir, &o);
}

shmplot_status shmplot_spec_load_buffer(shmplot_spec **out, const char *json,
					size_t len, const char *base_dir)
{
	return shmplot_spec_load_buffer_shard(out, json, len, base_dir, 1, 1);
}

/*
 * The directory relative data files resolve against: path's own, but for a
 * spec from standard input or a device ("-", /dev/stdin, /dev/fd/N,
 * /proc/self/fd/N), which has none: the current directory (NULL).
 */
static char *spec_dir(const char *path)
{
	if (strcmp(path, "-") == 0 || strncmp(path, "/dev/", 5) == 0 ||
	    strncmp(path, "/proc/", 6) == 0)
		return NULL;
	char *dir = strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (!slash) {
		free(dir);
		return NULL;
	}
	if (slash == dir)
		slash[1] = '\0'; /* "/spec.json": the root */
	else
		*slash = '\0';
	return dir;
}

/* "-" (standard input), a pipe, a terminal or a socket: read as it comes. */
static int spec_is_stream(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return 1;
	return stat(path, &st) == 0 &&
	       (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
		S_ISSOCK(st.st_mode));
}

shmplot_status shmplot_spec_load_with(shmplot_spec **out, const char *path,
				      const shmplot_spec_load_opts *opts)
{
	char err[SP_ERRLEN];
	sp_file f;
	shmplot_spec_load_opts o;
	shmplot_status st = get_opts(out, opts, &o);
	if (st)
		return st;
	unsigned k = o.shard_k, n = o.shard_n;
	st = new_spec(out, k, n);
	if (st)
		return st;
	shmplot_spec *spec = *out;
	if (!path) {
		sp_problem(&spec->pr, NULL,
			   "cannot read (null): no path given");
		return SHMPLOT_E_IO;
	}
	/* The size is checked before anything is read. */
	st = spec_is_stream(path)
		 ? sp_named_stream_read(path, SHMPLOT_SPEC_MAX_BYTES, o.cancel,
					"cannot read", &f, err, sizeof err)
		 : sp_named_file_read(path, SHMPLOT_SPEC_MAX_BYTES,
				      "cannot read", &f, err, sizeof err);
	if (st) {
		sp_problem(&spec->pr, NULL, "%s", err);
		return st == SHMPLOT_E_NOMEM || st == SHMPLOT_E_INVALID ||
			       st == SHMPLOT_E_INTERRUPTED
			   ? st
			   : SHMPLOT_E_IO;
	}
	char *dir = spec_dir(path);
	const load_opts lo = {dir, k, n, o.cancel, o.defer_fill};
	st = load(spec, &f, (const char *)f.data, f.len, &lo);
	free(dir);
	return st;
}

shmplot_status shmplot_spec_load_shard(shmplot_spec **out, const char *path,
				       unsigned k, unsigned n)
{
	shmplot_spec_load_opts o;
	shmplot_spec_load_opts_init(&o);
	o.shard_k = k;
	o.shard_n = n;
	return shmplot_spec_load_with(out, path, &o);
}

shmplot_status shmplot_spec_load(shmplot_spec **out, const char *path)
{
	return shmplot_spec_load_shard(out, path, 1, 1);
}

size_t shmplot_spec_series_filled(const shmplot_spec *spec, size_t *points)
{
	if (points)
		*points = spec ? spec->points : 0;
	return spec ? spec->filled : 0;
}

void shmplot_spec_free(shmplot_spec *spec)
{
	if (!spec)
		return;
	sp_spec_drop(spec);
	sp_problems_free(&spec->pr);
	free(spec);
}

shmplot_data *shmplot_spec_data(const shmplot_spec *spec)
{
	return spec ? spec->data : NULL;
}

shmplot_figure *const *shmplot_spec_figures(const shmplot_spec *spec)
{
	return spec ? spec->figs : NULL;
}

size_t shmplot_spec_count(const shmplot_spec *spec)
{
	return spec ? spec->nfig : 0;
}

size_t shmplot_spec_error_count(const shmplot_spec *spec)
{
	return spec ? spec->pr.errors.n : 0;
}

const char *shmplot_spec_error(const shmplot_spec *spec, size_t i)
{
	return spec && i < spec->pr.errors.n ? spec->pr.errors.v[i] : NULL;
}

const char *shmplot_spec_errmsg(const shmplot_spec *spec)
{
	return spec && spec->pr.errors.n ? spec->pr.errors.v[0] : "";
}

size_t shmplot_spec_note_count(const shmplot_spec *spec)
{
	return spec ? spec->pr.notes.n : 0;
}

const char *shmplot_spec_note(const shmplot_spec *spec, size_t i)
{
	return spec && i < spec->pr.notes.n ? spec->pr.notes.v[i] : NULL;
}

int shmplot_spec_in_shard(size_t index, unsigned k, unsigned n)
{
	if (n == 0 || k == 0 || k > n)
		return 0;
	return index % n == k - 1;
}
