/* SPDX-License-Identifier: MIT */
/*
 * Figures packed for a batch (sp_figure_pack(), figure.h): the spec
 * loader keeps 100,000 figures until they are rendered, and each piece of
 * a figure as its own malloc chunk (the figure, its items array, each
 * item's parameters, each text) cost a header and rounding apiece, ~80
 * bytes of a one-line figure's ~460. A packed figure holds them all in
 * one block after its name; it reads as any other, and the first call
 * that may change it unpacks it (sp_figure_unpack()).
 */
#define _GNU_SOURCE
#include "figure/figure_internal.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Where a packed figure's items start: after its name, aligned. */
static size_t pack_start(const shmplot_figure *fig)
{
	size_t at = offsetof(shmplot_figure, name) + strlen(fig->name) + 1;
	return (at + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
}

static size_t align_up(size_t n)
{
	return (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
}

static size_t text_size(const char *t)
{
	return t ? strlen(t) + 1 : 0;
}

/*
 * Bytes of fig packed (its block up to the name, the items, their
 * parameters, the texts), or 0 if it is not to be: packed already, more
 * than one axes, no items, a message kept, tick options or a twin, or an
 * item owning an array or strings (those stay allocated).
 */
static size_t pack_size(const shmplot_figure *fig)
{
	const spr_axes *a = &fig->axes1;
	if (fig->packed || fig->spec.axes != a || !a->nitems || fig->errmsg)
		return 0;
	/* tick options, twins and figure options stay allocations of their
	 * own */
	const spr_axes_more *m = spr_more(a);
	if (m->axis[0].p || m->axis[1].p || m->twin || fig->spec.opts.p)
		return 0;
	for (int k = 0; k < SPR_AXOPT_N; k++)
		if (m->opts[k].p)
			return 0;
	size_t at = pack_start(fig) + a->nitems * sizeof(spr_item);
	size_t text =
	    text_size(a->title) + text_size(a->xlabel) + text_size(a->ylabel);
	for (size_t i = 0; i < a->nitems; i++) {
		size_t nf;
		const spr_item *it = &a->items[i];
		const spr_field *f = spr_kind_fields(it->kind, &nf);
		at = align_up(at) + spr_kind_size(it->kind);
		for (size_t j = 0; j < nf; j++) {
			const void *v = spr_field_cptr(&f[j], it->p);
			if (f[j].type == SPR_F_TEXT)
				text += text_size(*(char *const *)v);
			else if ((f[j].type == SPR_F_ARRAY &&
				  ((const spr_array *)v)->n) ||
				 (f[j].type == SPR_F_STRINGS &&
				  ((const spr_strings *)v)->n))
				return 0;
		}
	}
	return at + text;
}

/* Copies text (NULL allowed) to *at, moving *at on; returns the copy. */
static char *put_text(char **at, const char *text)
{
	if (!text)
		return NULL;
	char *copy = *at;
	size_t n = strlen(text) + 1;
	memcpy(copy, text, n);
	*at += n;
	return copy;
}

shmplot_figure *sp_figure_pack(shmplot_figure *fig)
{
	size_t size = fig ? pack_size(fig) : 0;
	shmplot_figure *nf = size ? malloc(size) : NULL;
	if (!nf) {
		if (fig)
			sp_figure_trim(fig);
		return fig;
	}
	const spr_axes *a = &fig->axes1;
	memcpy(nf, fig, offsetof(shmplot_figure, name) + strlen(fig->name) + 1);
	size_t at = pack_start(nf);
	spr_item *items = (spr_item *)(void *)((char *)nf + at);
	at += a->nitems * sizeof *items;
	for (size_t i = 0; i < a->nitems; i++) {
		size_t bytes = spr_kind_size(a->items[i].kind);
		at = align_up(at);
		items[i].kind = a->items[i].kind;
		items[i].p = (char *)nf + at;
		memcpy(items[i].p, a->items[i].p, bytes);
		at += bytes;
	}
	char *text = (char *)nf + at;
	for (size_t i = 0; i < a->nitems; i++) {
		size_t nfields;
		const spr_field *f = spr_kind_fields(items[i].kind, &nfields);
		for (size_t j = 0; j < nfields; j++)
			if (f[j].type == SPR_F_TEXT) {
				char **t = spr_field_ptr(&f[j], items[i].p);
				*t = put_text(&text, *t);
			}
	}
	nf->axes1.title = put_text(&text, a->title);
	nf->axes1.xlabel = put_text(&text, a->xlabel);
	nf->axes1.ylabel = put_text(&text, a->ylabel);
	nf->axes1.items = items;
	nf->axes1.cap = a->nitems;
	nf->spec.name = nf->name;
	nf->spec.axes = &nf->axes1;
	nf->axh1.fig = nf;
	nf->handles = NULL;
	nf->packed = 1;
	fig->axes1.more = NULL; /* nf's now (margins, aspect) */
	shmplot_figure_free(fig);
	return nf;
}

shmplot_status sp_figure_unpack(shmplot_figure *fig)
{
	if (!fig->packed)
		return SHMPLOT_OK;
	const spr_axes *a = &fig->axes1;
	spr_axes heap = *a;
	heap.items = calloc(a->nitems, sizeof *heap.items);
	heap.nitems = 0;
	heap.cap = a->nitems;
	heap.title = a->title ? strdup(a->title) : NULL;
	heap.xlabel = a->xlabel ? strdup(a->xlabel) : NULL;
	heap.ylabel = a->ylabel ? strdup(a->ylabel) : NULL;
	int ok = heap.items && !heap.title == !a->title &&
		 !heap.xlabel == !a->xlabel && !heap.ylabel == !a->ylabel;
	for (size_t i = 0; ok && i < a->nitems; i++) {
		ok = spr_item_copy(&heap.items[i], &a->items[i]) == 0;
		heap.nitems += ok;
	}
	if (!ok) {
		heap.more = NULL; /* still fig's */
		spr_axes_clear(&heap);
		return sp_fig_err(fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	fig->axes1 = heap; /* the block's copies stay, unused */
	fig->packed = 0;
	return SHMPLOT_OK;
}
