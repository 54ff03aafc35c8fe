/* SPDX-License-Identifier: MIT */
/*
 * Items through their kinds' field descriptors: allocation with defaults,
 * deep copies and frees, the value rules, and the axes' list of items. No
 * kind is named here.
 */
#include "item.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const spr_field *spr_kind_fields(const spr_kind *k, size_t *n)
{
	*n = k->nfields;
	return k->fields;
}

const spr_field *spr_kind_field(const spr_kind *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return &k->fields[i];
	return NULL;
}

const char *spr_kind_name(const spr_kind *k)
{
	return k->name;
}

size_t spr_kind_size(const spr_kind *k)
{
	return k->size;
}

double spr_field_get(const spr_field *f, const void *p)
{
	const void *v = spr_field_cptr(f, p);

	switch (f->type) {
	case SPR_F_NUM:
		return *(const double *)v;
	case SPR_F_INT:
		return *(const int *)v;
	case SPR_F_COLOR:
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		return *(const uint32_t *)v;
	default:
		return NAN;
	}
}

void spr_field_set(const spr_field *f, void *p, double v)
{
	void *d = spr_field_ptr(f, p);

	switch (f->type) {
	case SPR_F_NUM:
		*(double *)d = v;
		break;
	case SPR_F_INT:
		*(int *)d = (int)v;
		break;
	case SPR_F_COLOR:
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		*(uint32_t *)d = (uint32_t)v;
		break;
	default:
		break;
	}
}

/* v is a whole number in [lo, hi] (and so converts to int or uint32_t). */
static int whole_in(double v, double lo, double hi)
{
	return v >= lo && v <= hi && v == floor(v);
}

int spr_field_accepts(const spr_field *f, double v)
{
	switch (f->type) {
	case SPR_F_NUM:
		if (isnan(v))
			return (f->flags & SPR_FF_AUTO) != 0;
		return isfinite(v) && v >= f->min && v <= f->max;
	case SPR_F_ARRAY:
		return isfinite(v) && v >= f->min && v <= f->max;
	case SPR_F_INT:
		return whole_in(v, f->min, f->max) && v >= INT32_MIN &&
		       v <= INT32_MAX;
	case SPR_F_COLOR:
		if (v == SPR_NONE_COLOR)
			return (f->flags & SPR_FF_NONE) != 0;
		if (v == SPR_DEFAULT_COLOR)
			return (f->flags &
				(SPR_FF_CYCLE_LINES | SPR_FF_CYCLE_PATCHES |
				 SPR_FF_UNSET)) != 0;
		return whole_in(v, 0, 0xffffff);
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		if (v == SPR_NO_SERIES)
			return (f->flags & SPR_FF_OPTIONAL) != 0;
		return whole_in(v, 0, SPR_NO_SERIES);
	default:
		return 0;
	}
}

/* A copy of s[0 .. n) and a NUL; NULL when out of memory. */
static char *copy_bytes(const char *s, size_t n)
{
	char *c = n < SIZE_MAX ? malloc(n + 1) : NULL;

	if (c) {
		memcpy(c, s, n);
		c[n] = 0;
	}
	return c;
}

int spr_field_set_text(const spr_field *f, void *p, const char *s)
{
	char **d = spr_field_ptr(f, p), *c = NULL;

	if (s && !(c = copy_bytes(s, strlen(s))))
		return -1;
	free(*d);
	*d = c;
	return 0;
}

int spr_field_set_array(const spr_field *f, void *p, const double *v, size_t n)
{
	spr_array *d = spr_field_ptr(f, p);
	double *c = NULL;

	if (n && !(c = spr_mallocn(n, sizeof *c)))
		return -1;
	if (n)
		memcpy(c, v, n * sizeof *c);
	free(d->v);
	d->v = c;
	d->n = n;
	return 0;
}

static void strings_free(spr_strings *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->s[i]);
	free(d->s);
	d->s = NULL;
	d->n = 0;
}

int spr_field_set_strings(const spr_field *f, void *p, const char *const *s,
			  size_t n)
{
	spr_strings *d = spr_field_ptr(f, p), c = {NULL, 0};

	if (n && !(c.s = spr_callocn(n, sizeof *c.s)))
		return -1;
	for (c.n = 0; c.n < n; c.n++) {
		if (!(c.s[c.n] = copy_bytes(s[c.n], strlen(s[c.n])))) {
			strings_free(&c);
			return -1;
		}
	}
	strings_free(d);
	*d = c;
	return 0;
}

/* A field of one number (as opposed to an owned text or array). */
static int scalar(const spr_field *f)
{
	return f->type == SPR_F_NUM || f->type == SPR_F_INT ||
	       f->type == SPR_F_COLOR || f->type == SPR_F_SERIES ||
	       f->type == SPR_F_SERIES2D;
}

/* The field's default; owned fields start empty. */
static void field_default(const spr_field *f, void *p)
{
	if (scalar(f))
		spr_field_set(f, p, f->def);
}

static void field_free(const spr_field *f, void *p)
{
	if (f->type == SPR_F_TEXT) {
		char **t = spr_field_ptr(f, p);
		free(*t);
		*t = NULL;
	} else if (f->type == SPR_F_ARRAY) {
		spr_array *a = spr_field_ptr(f, p);
		free(a->v);
		a->v = NULL;
		a->n = 0;
	} else if (f->type == SPR_F_STRINGS) {
		strings_free(spr_field_ptr(f, p));
	}
}

int spr_item_init(spr_item *it, const spr_kind *k)
{
	size_t i;

	it->kind = k;
	it->p = calloc(1, k->size);
	if (!it->p)
		return -1;
	for (i = 0; i < k->nfields; i++)
		field_default(&k->fields[i], it->p);
	return 0;
}

void spr_item_free(spr_item *it)
{
	size_t i;

	if (!it->p)
		return;
	for (i = 0; i < it->kind->nfields; i++)
		field_free(&it->kind->fields[i], it->p);
	free(it->p);
	it->p = NULL;
}

/* dst's owned field f becomes a copy of src's (dst's holds a borrowed
 * pointer from the byte copy until then). */
static int field_copy(const spr_field *f, void *dst, const void *src)
{
	const void *s = spr_field_cptr(f, src);
	void *d = spr_field_ptr(f, dst);

	if (f->type == SPR_F_TEXT) {
		*(char **)d = NULL;
		return spr_field_set_text(f, dst, *(char *const *)s);
	}
	if (f->type == SPR_F_ARRAY) {
		const spr_array *a = s;
		memset(d, 0, sizeof(spr_array));
		return spr_field_set_array(f, dst, a->v, a->n);
	}
	if (f->type == SPR_F_STRINGS) {
		const spr_strings *a = s;
		memset(d, 0, sizeof(spr_strings));
		return spr_field_set_strings(f, dst, (const char *const *)a->s,
					     a->n);
	}
	return 0;
}

int spr_item_copy(spr_item *dst, const spr_item *src)
{
	const spr_kind *k = src->kind;
	size_t i;
	int rc = 0;

	dst->kind = k;
	dst->p = malloc(k->size);
	if (!dst->p)
		return -1;
	memcpy(dst->p, src->p, k->size);
	/* every owned field is first detached, so a failure frees only
	 * what this copy allocated */
	for (i = 0; i < k->nfields; i++)
		rc |= field_copy(&k->fields[i], dst->p, src->p);
	if (rc) {
		spr_item_free(dst);
		return -1;
	}
	return 0;
}

/* The stored value of field f is one its rules accept. */
static int field_ok(const spr_field *f, const void *p)
{
	const void *v = spr_field_cptr(f, p);
	size_t i;

	switch (f->type) {
	case SPR_F_TEXT: {
		const char *t = *(char *const *)v;
		return !t || strlen(t) <= f->maxlen;
	}
	case SPR_F_ARRAY: {
		const spr_array *a = v;
		if (a->n > f->maxlen || (a->n && !a->v))
			return 0;
		for (i = 0; i < a->n; i++)
			if (!spr_field_accepts(f, a->v[i]))
				return 0;
		return 1;
	}
	case SPR_F_STRINGS: {
		const spr_strings *a = v;
		if (a->n > f->maxlen || (a->n && !a->s))
			return 0;
		for (i = 0; i < a->n; i++)
			if (!a->s[i] || strlen(a->s[i]) > SPR_MAX_TEXT)
				return 0;
		return 1;
	}
	default:
		return spr_field_accepts(f, spr_field_get(f, p));
	}
}

const spr_field *spr_item_bad_field(const spr_item *it)
{
	size_t i;

	for (i = 0; i < it->kind->nfields; i++)
		if (!field_ok(&it->kind->fields[i], it->p))
			return &it->kind->fields[i];
	return NULL;
}

int spr_item_check_rules(const spr_item *it, const spr_series *series,
			 char *err, size_t errlen)
{
	return it->kind->check ? it->kind->check(it->p, series, err, errlen)
			       : 0;
}

int spr_field_choice(const spr_field *f, const char *name, int *v)
{
	int n = (int)(f->max - f->min) + 1, i;

	if (f->type != SPR_F_INT || !f->names || !name)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(f->names[i], name) == 0 ||
		    (f->syms && f->syms[i] && strcmp(f->syms[i], name) == 0)) {
			*v = (int)f->min + i;
			return 0;
		}
	}
	return -1;
}

const char *spr_item_label(const spr_item *it)
{
	size_t i;

	for (i = 0; i < it->kind->nfields; i++) {
		const spr_field *f = &it->kind->fields[i];
		if (f->type == SPR_F_TEXT && (f->flags & SPR_FF_LABEL))
			return *(char *const *)spr_field_cptr(f, it->p);
	}
	return NULL;
}

/* The value of a given SPR_FF_INSTEAD colour of it, or SPR_DEFAULT_COLOR. */
static uint32_t instead_color(const spr_item *it)
{
	for (size_t i = 0; i < it->kind->nfields; i++) {
		const spr_field *f = &it->kind->fields[i];
		uint32_t c;
		/* a given series of colours (scatter's c): no cycle colour
		 * either; the kind colours the points itself */
		if (f->type == SPR_F_SERIES && (f->flags & SPR_FF_INSTEAD) &&
		    *(const uint32_t *)spr_field_cptr(f, it->p) !=
			SPR_NO_SERIES)
			return 0;
		if (f->type != SPR_F_COLOR || !(f->flags & SPR_FF_INSTEAD))
			continue;
		c = *(const uint32_t *)spr_field_cptr(f, it->p);
		if (c != SPR_DEFAULT_COLOR)
			return c & 0xffffff;
	}
	return SPR_DEFAULT_COLOR;
}

uint32_t spr_item_color(const spr_item *it, int cycles[2])
{
	size_t i;

	for (i = 0; i < it->kind->nfields; i++) {
		const spr_field *f = &it->kind->fields[i];
		uint32_t c;
		int k;
		if (f->type != SPR_F_COLOR)
			continue;
		c = *(const uint32_t *)spr_field_cptr(f, it->p);
		if (c != SPR_DEFAULT_COLOR)
			return c & 0xffffff;
		/* not given, and no cycle: the kind resolves it */
		if (!(f->flags & (SPR_FF_CYCLE_LINES | SPR_FF_CYCLE_PATCHES)))
			return SPR_DEFAULT_COLOR;
		/* matplotlib takes no cycle colour when facecolor is given */
		if ((c = instead_color(it)) != SPR_DEFAULT_COLOR)
			return c;
		k = (f->flags & SPR_FF_CYCLE_PATCHES) ? 1 : 0;
		return spr_tab10[cycles[k]++ % SPR_TAB10_N];
	}
	return 0;
}

spr_item *spr_axes_add(spr_axes *ax, const spr_kind *k)
{
	spr_item *it;

	if (ax->nitems == ax->cap) {
		size_t cap = ax->cap ? ax->cap * 2 : 4, bytes;
		spr_item *items;
		if (spr_mul_size(cap, sizeof *items, &bytes) != 0 ||
		    !(items = realloc(ax->items, bytes)))
			return NULL;
		ax->items = items;
		ax->cap = cap;
	}
	it = &ax->items[ax->nitems];
	if (spr_item_init(it, k) != 0)
		return NULL;
	ax->nitems++;
	return it;
}

void spr_axes_free_items(spr_axes *ax)
{
	size_t i;

	for (i = 0; i < ax->nitems; i++)
		spr_item_free(&ax->items[i]);
	free(ax->items);
	ax->items = NULL;
	ax->nitems = ax->cap = 0;
}

const spr_axes_more spr_axes_more_none;

spr_axes_more *spr_axes_more_get(spr_axes *a)
{
	if (!a->more)
		a->more = calloc(1, sizeof *a->more);
	return a->more;
}

static int is_plus_zero(double v)
{
	return v == 0 && !signbit(v);
}

int spr_axes_set_margins_aspect(spr_axes *a, double mx, double my,
				double aspect)
{
	/* The defaults are spr_more()'s +0.0s; a -0.0 compares equal but is
	 * kept, so a decoded description encodes back to the same bytes. */
	if (!a->has_margins && is_plus_zero(mx) && is_plus_zero(my) &&
	    is_plus_zero(aspect) && !a->more)
		return 0;
	spr_axes_more *m = spr_axes_more_get(a);
	if (!m)
		return -1;
	m->margins[0] = mx;
	m->margins[1] = my;
	m->aspect = aspect;
	return 0;
}

void spr_axes_clear(spr_axes *ax)
{
	spr_axes_more *m = ax->more;
	spr_axes_free_items(ax);
	if (m) {
		spr_item_free(&m->axis[0]);
		spr_item_free(&m->axis[1]);
		for (int k = 0; k < SPR_AXOPT_N; k++)
			spr_item_free(&m->opts[k]);
		if (m->twin) {
			spr_axes_clear(m->twin);
			free(m->twin);
		}
		free(m);
	}
	free(ax->title);
	free(ax->xlabel);
	free(ax->ylabel);
	memset(ax, 0, sizeof *ax);
}

uint64_t spr_figure_points(const spr_figure *fig, const spr_series *series,
			   size_t nseries)
{
	uint64_t total = 0;
	size_t a, j, i;

	for (a = 0; fig->axes && a < (size_t)fig->rows * (size_t)fig->cols;
	     a++) {
		const spr_axes *ax = &fig->axes[a];
		for (j = 0; j < ax->nitems; j++) {
			const spr_item *it = &ax->items[j];
			size_t most = 0;
			for (i = 0; i < it->kind->nfields; i++) {
				const spr_field *f = &it->kind->fields[i];
				double s;
				if (f->type != SPR_F_SERIES &&
				    f->type != SPR_F_SERIES2D)
					continue;
				s = spr_field_get(f, it->p);
				if (s < nseries && series[(size_t)s].n > most)
					most = series[(size_t)s].n;
			}
			total += most;
		}
	}
	return total;
}
