/* SPDX-License-Identifier: MIT */
/*
 * A spec loaded with defer_fill: its figures are built and the whole spec
 * checked, but no series is computed or read until shmplot_spec_fill(),
 * which fills only what the figures that will render use (the shard
 * path's used[] and closure, compute.c), seals and checks their values.
 * Meanwhile each series can be described by its definition (for keys
 * that need no values, incremental/defkey.c), so an up-to-date figure of
 * an incremental run costs none of its series' computing.
 */
#include "figure/figure.h"
#include "spec/spec_compute.h"
#include "spec/spec_defs.h"
#include "spec/spec_model.h"

#include <stdlib.h>
#include <string.h>

typedef struct marks {
	uint8_t *used;
	size_t n;
} marks;

/* sp_series_key_fn: notes that the figure uses series id. */
static void mark(void *ctx, uint32_t id, unsigned char out[SP_SERIES_KEY])
{
	marks *m = ctx;

	if (id < m->n)
		m->used[id] = 1;
	memset(out, 0, SP_SERIES_KEY);
}

/* used[] of the kept figures (check[i] each, else NULL). */
static shmplot_status mark_kept(shmplot_spec *spec, sp_loader *l,
				const unsigned char *keep,
				shmplot_figure **check)
{
	char err[SP_ERRLEN];
	marks m = {l->used, l->m.nseries};

	if (m.n && !m.used && !(m.used = l->used = calloc(m.n, 1)))
		return sp_nomem(l->pr);
	if (m.n)
		memset(m.used, 0, m.n);
	for (size_t i = 0; i < spec->nfig; i++) {
		unsigned char *desc;
		size_t len;
		if (!spec->figs[i] || !keep[i])
			continue;
		check[i] = spec->figs[i];
		shmplot_status st =
		    sp_figure_encode(sp_figure_spec(spec->figs[i]), mark, &m,
				     &desc, &len, err, sizeof err);
		if (st == SHMPLOT_E_NOMEM)
			return sp_nomem(l->pr);
		if (st) {
			sp_problem(l->pr, NULL, "%s", err);
			return st;
		}
		free(desc);
	}
	return SHMPLOT_OK;
}

shmplot_status shmplot_spec_fill(shmplot_spec *spec, const unsigned char *keep)
{
	if (!spec)
		return SHMPLOT_E_INVALID;
	sp_loader *l = spec->deferred;
	if (!l) {
		sp_problem(&spec->pr, NULL,
			   "shmplot_spec_fill: the spec was not loaded with "
			   "defer_fill, or is filled already");
		sp_problems_close(&spec->pr);
		return SHMPLOT_E_STATE;
	}
	shmplot_figure **check =
	    keep ? calloc(spec->nfig + 1, sizeof *check) : NULL;
	shmplot_status st = keep && !check ? sp_nomem(l->pr)
			    : keep         ? mark_kept(spec, l, keep, check)
					   : SHMPLOT_OK;
	if (!st)
		st = sp_spec_pass2(l, spec);
	if (!st)
		st = sp_values_check(l, check ? check : spec->figs, spec->nfig,
				     spec->data);
	free(check);
	sp_loader_free(l);
	free(l);
	spec->deferred = NULL;
	return sp_spec_load_end(spec, st);
}

shmplot_status sp_spec_key_slots(shmplot_spec *spec, size_t *n,
				 unsigned char (**keys)[16], uint8_t **done)
{
	if (!spec || !spec->deferred)
		return SHMPLOT_E_STATE;
	*n = spec->deferred->m.nseries;
	if (*n && !spec->dkey) {
		spec->dkey = sp_malloc_ab(*n, sizeof *spec->dkey);
		spec->dkey_done = calloc(*n, 1);
		if (!spec->dkey || !spec->dkey_done) {
			free(spec->dkey);
			free(spec->dkey_done);
			spec->dkey = NULL;
			spec->dkey_done = NULL;
			return SHMPLOT_E_NOMEM;
		}
	}
	*keys = spec->dkey;
	*done = spec->dkey_done;
	return SHMPLOT_OK;
}

sp_file_digests *sp_spec_file_digests(shmplot_spec *spec)
{
	return &spec->files;
}

static void feed_u64(sp_feed_fn feed, void *ctx, uint64_t v)
{
	feed(ctx, &v, sizeof v);
}

static void feed_text(sp_feed_fn feed, void *ctx, const char *s)
{
	feed_u64(feed, ctx, strlen(s));
	feed(ctx, s, strlen(s));
}

void sp_spec_series_def(const shmplot_spec *spec, uint32_t id, sp_feed_fn feed,
			void *ctx, uint32_t src[2], const char **file)
{
	const sp_series_def *s = &spec->deferred->m.series[id];
	const char *fn;

	src[0] = src[1] = SP_NONE;
	*file = NULL;
	feed_u64(feed, ctx, s->gen);
	feed_u64(feed, ctx, s->n);
	feed_u64(feed, ctx, s->cols);
	feed_u64(feed, ctx, s->date);
	switch (s->gen) {
	case SP_GEN_LINSPACE:
	case SP_GEN_ARANGE:
		feed(ctx, &s->u.range.a, sizeof s->u.range.a);
		feed(ctx, &s->u.range.b, sizeof s->u.range.b);
		break;
	case SP_GEN_UNARY:
		fn = sp_unary_table[s->u.op.fn].name;
		feed_text(feed, ctx, fn);
		/* vecmath.c: the kernels may differ from libm in the last bit
		 */
		feed_text(feed, ctx, sp_vec_kernel(fn) ? "vector" : "scalar");
		src[0] = s->u.op.src[0];
		break;
	case SP_GEN_BINARY:
		feed_text(feed, ctx, sp_binop_words[s->u.op.fn]);
		for (int k = 0; k < 2; k++) {
			src[k] = s->u.op.src[k];
			feed_u64(feed, ctx, src[k] == SP_NONE);
			if (src[k] == SP_NONE)
				feed(ctx, &s->u.op.k[k], sizeof s->u.op.k[k]);
		}
		break;
	case SP_GEN_VALUES:
		feed(ctx, s->u.values, s->n * sizeof *s->u.values);
		break;
	case SP_GEN_CSV: /* parsed by the load: its values */
		feed(ctx, s->u.col->v, s->n * sizeof *s->u.col->v);
		break;
	default: /* .npy, raw: what the header says, and the file's bytes */
		feed_u64(feed, ctx, (uint64_t)s->u.file.info.dtype);
		feed_u64(feed, ctx, s->u.file.info.itemsize);
		feed_u64(feed, ctx, s->u.file.info.offset);
		*file = s->u.file.path;
		break;
	}
}
