/* SPDX-License-Identifier: MIT */
/* The plain spec description shared by the passes: arena, arrays, freeing. */
#include "spec/spec_model.h"

#include <stdlib.h>
#include <string.h>

/* First capacities; both double from there. */
#define TEXT_FIRST_CAP  4096
#define ARRAY_FIRST_CAP 16

shmplot_status sp_text_add(sp_text *t, const char *s, uint32_t *off)
{
	size_t len = strlen(s) + 1;
	if (t->cap - t->len < len) {
		size_t cap = t->cap ? t->cap : TEXT_FIRST_CAP;
		while (cap - t->len < len)
			if (sp_mul(cap, 2, &cap))
				return SHMPLOT_E_NOMEM;
		char *buf = realloc(t->buf, cap);
		if (!buf)
			return SHMPLOT_E_NOMEM;
		t->buf = buf;
		t->cap = cap;
	}
	/* Offsets are 32-bit: a spec is at most 1 GiB, its text less. */
	if (t->len >= SP_NONE)
		return SHMPLOT_E_NOMEM;
	*off = (uint32_t)t->len;
	memcpy(t->buf + t->len, s, len);
	t->len += len;
	return SHMPLOT_OK;
}

void *sp_array_push(void *arrayp, size_t *n, size_t *cap, size_t elem)
{
	char *a;
	/* arrayp is a T **: copied, not cast, so no type is punned. */
	memcpy(&a, arrayp, sizeof a);
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : ARRAY_FIRST_CAP, bytes;
		char *na = NULL;
		if (!sp_mul(c, elem, &bytes))
			na = realloc(a, bytes);
		if (!na)
			return NULL;
		a = na;
		memcpy(arrayp, &a, sizeof a);
		*cap = c;
	}
	char *e = a + (*n)++ * elem;
	memset(e, 0, elem);
	return e;
}

static void free_series(sp_series_def *s)
{
	if (s->gen == SP_GEN_VALUES)
		free(s->u.values);
	else if (s->gen == SP_GEN_NPY || s->gen == SP_GEN_RAW)
		free(s->u.file.path);
}

void sp_lines_free(sp_model *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		spr_item_free(&m->lines[i].item);
	m->nlines = 0;
}

void sp_loader_free(sp_loader *l)
{
	sp_model *m = &l->m;
	sp_lines_free(m);
	free(l->lens);
	l->lens = NULL;
	for (size_t i = 0; i < m->nseries; i++)
		free_series(&m->series[i]);
	free(m->series);
	for (size_t i = 0; i < m->naxes; i++)
		sp_axis_free(&m->axes[i]);
	free(m->axes);
	free(m->lines);
	free(m->text.buf);
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < l->ncsv; i++) {
		free(l->csv[i].path);
		free(l->csv[i].err);
		sp_csv_free(l->csv[i].csv);
	}
	free(l->csv);
	l->csv = NULL;
	l->ncsv = 0;
	for (size_t i = 0; l->figs && i < l->nfigs; i++)
		shmplot_figure_free(l->figs[i]);
	free(l->figs);
	l->figs = NULL;
	l->nfigs = 0;
	free(l->used);
	l->used = NULL;
	free(l->axes_form);
	l->axes_form = NULL;
	sp_nameset_free(&l->series_ix);
	sp_nameset_free(&l->fig_names);
}
