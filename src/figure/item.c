/* SPDX-License-Identifier: MIT */
/*
 * The generic item API: any kind the renderer has, its fields set by
 * name through the kind's field descriptors (render.h), which hold the
 * one rule the API, the batch decoder and the renderer share. Nothing
 * here names a kind.
 */
#include "figure/figure_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a field holds, for messages ("step where is a choice ..."). */
static const char *type_name(const spr_field *f)
{
	switch (f->type) {
	case SPR_F_NUM:
		return "a number";
	case SPR_F_INT:
		return f->names ? "a choice" : "a whole number";
	case SPR_F_COLOR:
		return "a colour";
	case SPR_F_SERIES:
		return (f->flags & SPR_FF_OR_NUMBER) ? "a series or a number"
						     : "a series";
	case SPR_F_SERIES2D:
		return "a 2-D series";
	case SPR_F_TEXT:
		return "text";
	case SPR_F_ARRAY:
		return "an array of numbers";
	default:
		return "a list of strings";
	}
}

/* The setter a field of f's type takes. */
static const char *setter_of(const spr_field *f)
{
	switch (f->type) {
	case SPR_F_NUM:
		return "shmplot_item_set_number";
	case SPR_F_INT:
		return f->names ? "shmplot_item_set_choice"
				: "shmplot_item_set_number";
	case SPR_F_COLOR:
		return "shmplot_item_set_color";
	case SPR_F_SERIES:
		return (f->flags & SPR_FF_OR_NUMBER)
			   ? "shmplot_item_set_series or "
			     "shmplot_item_set_number"
			   : "shmplot_item_set_series";
	case SPR_F_SERIES2D:
		return "shmplot_item_set_series";
	case SPR_F_TEXT:
		return "shmplot_item_set_text";
	case SPR_F_ARRAY:
		return "shmplot_item_set_array";
	default:
		return "shmplot_item_set_strings";
	}
}

/* "a, b, c" of n names into buf (cut short if it must be). */
static const char *join(char *buf, size_t len, const char *const *names,
			size_t stride, size_t n)
{
	size_t at = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n && at < len; i++) {
		const char *s =
		    *(const char *const *)(const void *)((const char *)names +
							 i * stride);
		int w = snprintf(buf + at, len - at, "%s%s", i ? ", " : "", s);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	return buf;
}

/* The names of every kind, for the message about an unknown one. */
static const char *kind_list(char *buf, size_t len)
{
	size_t at = 0, n = spr_kind_count();

	buf[0] = 0;
	for (size_t i = 0; i < n && at < len; i++) {
		int w = snprintf(buf + at, len - at, "%s%s", i ? ", " : "",
				 spr_kind_name(spr_kind_at(i)));
		if (w < 0)
			break;
		at += (size_t)w;
	}
	if (at < len)
		snprintf(buf + at, len - at, ", plot");
	return buf;
}

shmplot_status shmplot_axes_add(shmplot_axes *ax, const char *kind,
				shmplot_item **out)
{
	char list[512];

	if (out)
		*out = NULL;
	if (!ax)
		return SHMPLOT_E_INVALID;
	shmplot_figure *fig = ax->fig;
	const spr_kind *k = spr_kind_find(kind);
	if (!k)
		return sp_fig_err(fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": unknown plot kind \"%s\"; "
				  "the kinds are %s",
				  shmplot_figure_name(fig),
				  kind ? kind : "(null)",
				  kind_list(list, sizeof list));
	spr_axes *a = sp_axes_of(ax);
	struct shmplot_item *h = out ? calloc(1, sizeof *h) : NULL;
	if ((out && !h) || !spr_axes_add(a, k)) {
		free(h);
		return sp_fig_err(fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	if (!out)
		return SHMPLOT_OK;
	h->fig = fig;
	h->axes = ax->index;
	h->twin = (unsigned char)ax->twin;
	h->index = a->nitems - 1;
	sp_fig_keep(fig, h);
	*out = h;
	return SHMPLOT_OK;
}

const char *shmplot_item_kind(const shmplot_item *item)
{
	return item ? spr_kind_name(sp_item_of(item)->kind) : NULL;
}

shmplot_item *shmplot_line_item(shmplot_line *line)
{
	return line ? &line->item : NULL;
}

/*
 * The field called name of the item, if it holds one of the types
 * (a bit per enum spr_ftype) this setter takes; else the message.
 */
static shmplot_status find_field(shmplot_item *item, const char *name,
				 unsigned types, int choice,
				 const spr_field **out)
{
	char list[512];
	spr_item *it = sp_item_of(item);
	const char *fig = shmplot_figure_name(item->fig);
	const char *kind = spr_kind_name(it->kind);
	const spr_field *f = name ? spr_kind_field(it->kind, name) : NULL;
	size_t n;
	const spr_field *all = spr_kind_fields(it->kind, &n);

	/* a figure the spec loader packed is changed only once unpacked */
	if (sp_figure_unpack(item->fig) != SHMPLOT_OK)
		return sp_fig_err(item->fig, SHMPLOT_E_NOMEM, "out of memory");
	if (!f)
		return sp_fig_err(
		    item->fig, SHMPLOT_E_INVALID,
		    "figure \"%s\": %s has no field \"%s\"; "
		    "its fields are %s",
		    fig, kind, name ? name : "(null)",
		    join(list, sizeof list, &all->name, sizeof *all, n));
	/* a number standing for the series is the NUM field after it */
	if (f->type == SPR_F_SERIES && (f->flags & SPR_FF_OR_NUMBER) &&
	    (types & (1u << SPR_F_NUM)) && !choice)
		f++;
	if (!(types & (1u << f->type)) || (choice && !f->names))
		return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s %s is %s: set it with %s",
				  fig, kind, f->name, type_name(f),
				  setter_of(f));
	*out = f;
	return SHMPLOT_OK;
}

#define T(t) (1u << (t))

shmplot_status shmplot_item_set_number(shmplot_item *item, const char *field,
				       double value)
{
	const spr_field *f;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st =
	    find_field(item, field, T(SPR_F_NUM) | T(SPR_F_INT), 0, &f);
	if (!st)
		st = sp_item_set(item->fig, sp_item_of(item), f, value);
	/* the number replaces a series set before (the last call wins) */
	if (!st && f > spr_kind_fields(sp_item_of(item)->kind, &(size_t){0}) &&
	    f[-1].type == SPR_F_SERIES && (f[-1].flags & SPR_FF_OR_NUMBER) &&
	    strcmp(f[-1].name, f->name) == 0)
		spr_field_set(&f[-1], sp_item_of(item)->p, SPR_NO_SERIES);
	return st;
}

shmplot_status shmplot_item_set_choice(shmplot_item *item, const char *field,
				       const char *choice)
{
	char list[512];
	const spr_field *f;
	int v;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st = find_field(item, field, T(SPR_F_INT), 1, &f);
	if (st)
		return st;
	if (spr_field_choice(f, choice, &v) != 0)
		return sp_fig_err(
		    item->fig, SHMPLOT_E_INVALID,
		    "figure \"%s\": %s %s \"%s\" is not one of %s",
		    shmplot_figure_name(item->fig),
		    spr_kind_name(sp_item_of(item)->kind), f->name,
		    choice ? choice : "(null)",
		    join(list, sizeof list, f->names, sizeof *f->names,
			 (size_t)(f->max - f->min) + 1));
	return sp_item_set(item->fig, sp_item_of(item), f, v);
}

shmplot_status shmplot_item_set_series(shmplot_item *item, const char *field,
				       shmplot_series series)
{
	const spr_field *f;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st =
	    find_field(item, field, T(SPR_F_SERIES) | T(SPR_F_SERIES2D), 0, &f);
	return st ? st : sp_item_set(item->fig, sp_item_of(item), f, series);
}

shmplot_status shmplot_item_set_color(shmplot_item *item, const char *field,
				      uint32_t rgb)
{
	const spr_field *f;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st = find_field(item, field, T(SPR_F_COLOR), 0, &f);
	if (st)
		return st;
	/* the default (a cycle, or "not given") is not a colour to set */
	if (rgb > 0xffffff &&
	    !(rgb == SPR_NONE_COLOR && (f->flags & SPR_FF_NONE)))
		return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s %s 0x%x is not 0xRRGGBB",
				  shmplot_figure_name(item->fig),
				  spr_kind_name(sp_item_of(item)->kind),
				  f->name, (unsigned)rgb);
	return sp_item_set(item->fig, sp_item_of(item), f, rgb);
}

shmplot_status shmplot_item_set_text(shmplot_item *item, const char *field,
				     const char *utf8)
{
	const spr_field *f;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st = find_field(item, field, T(SPR_F_TEXT), 0, &f);
	if (st)
		return st;
	if (!sp_text_ok(utf8, f->maxlen))
		return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s %s is not valid UTF-8 of "
				  "at most %zu bytes",
				  shmplot_figure_name(item->fig),
				  spr_kind_name(sp_item_of(item)->kind),
				  f->name, f->maxlen);
	if (spr_field_set_text(f, sp_item_of(item)->p, utf8) != 0)
		return sp_fig_err(item->fig, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}

shmplot_status shmplot_item_set_array(shmplot_item *item, const char *field,
				      const double *values, size_t n)
{
	const spr_field *f;
	const char *fig, *kind;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st = find_field(item, field, T(SPR_F_ARRAY), 0, &f);
	if (st)
		return st;
	fig = shmplot_figure_name(item->fig);
	kind = spr_kind_name(sp_item_of(item)->kind);
	if (n > f->maxlen || (n && !values))
		return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s %s: %zu values%s; at most "
				  "%zu",
				  fig, kind, f->name, n,
				  values ? "" : " from NULL", f->maxlen);
	for (size_t i = 0; i < n; i++)
		if (!spr_field_accepts(f, values[i]))
			return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
					  "figure \"%s\": %s %s[%zu] %g is "
					  "outside [%g, %g]",
					  fig, kind, f->name, i, values[i],
					  f->min, f->max);
	if (spr_field_set_array(f, sp_item_of(item)->p, values, n) != 0)
		return sp_fig_err(item->fig, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}

shmplot_status shmplot_item_set_strings(shmplot_item *item, const char *field,
					const char *const *strings, size_t n)
{
	const spr_field *f;
	const char *fig, *kind;

	if (!item)
		return SHMPLOT_E_INVALID;
	shmplot_status st = find_field(item, field, T(SPR_F_STRINGS), 0, &f);
	if (st)
		return st;
	fig = shmplot_figure_name(item->fig);
	kind = spr_kind_name(sp_item_of(item)->kind);
	if (n > f->maxlen || (n && !strings))
		return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s %s: %zu strings%s; at "
				  "most %zu",
				  fig, kind, f->name, n,
				  strings ? "" : " from NULL", f->maxlen);
	for (size_t i = 0; i < n; i++)
		if (!strings[i] || !sp_text_ok(strings[i], SPR_MAX_TEXT))
			return sp_fig_err(item->fig, SHMPLOT_E_INVALID,
					  "figure \"%s\": %s %s[%zu] is not "
					  "valid UTF-8 of at most %u bytes",
					  fig, kind, f->name, i, SPR_MAX_TEXT);
	if (spr_field_set_strings(f, sp_item_of(item)->p, strings, n) != 0)
		return sp_fig_err(item->fig, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}
