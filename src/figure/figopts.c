// SPDX-License-Identifier: MIT
/*
 * Figure-wide options through the public API: the fields of the figure
 * kind (render/figtext.c), set by name as an item's are; the options are
 * allocated at the first one set.
 */
#include "figure/figure_internal.h"

#include <string.h>

/* fig's options (*it, allocated at need) and their field named field. */
static shmplot_status opts_of(shmplot_figure *fig, const char *field,
			      const spr_field **f, spr_item **it)
{
	size_t nf;
	*f = spr_kind_field(&spr_figure_kind, field ? field : "");
	if (!*f) {
		const spr_field *all = spr_kind_fields(&spr_figure_kind, &nf);
		return sp_fig_err(fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": no figure option \"%s\"; "
				  "they are %s, %s, %s, font.size, "
				  "axes.titlesize, ...",
				  fig->spec.name, field ? field : "(null)",
				  all[0].name, all[1].name, all[2].name);
	}
	if (sp_figure_unpack(fig) != SHMPLOT_OK ||
	    (!fig->spec.opts.p &&
	     spr_item_init(&fig->spec.opts, &spr_figure_kind) != 0))
		return sp_fig_err(fig, SHMPLOT_E_NOMEM, "out of memory");
	*it = &fig->spec.opts;
	return SHMPLOT_OK;
}

shmplot_status shmplot_figure_set_number(shmplot_figure *fig, const char *field,
					 double v)
{
	const spr_field *f;
	spr_item *it;
	shmplot_status st;
	if (!fig)
		return SHMPLOT_E_INVALID;
	if ((st = opts_of(fig, field, &f, &it)) != SHMPLOT_OK)
		return st;
	/* an INT field without names is a flag or count ("transparent") */
	if (f->type == SPR_F_INT && !f->names)
		return sp_item_set(fig, it, f, v);
	if (f->type != SPR_F_NUM)
		return sp_fig_err(fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s is %s, not a number",
				  fig->spec.name, f->name,
				  f->type == SPR_F_INT ? "a name (\"bold\")"
						       : "text");
	if (v == 0)
		return sp_fig_err(fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s 0: a size is points "
				  "(> 0) or minus a factor of font.size",
				  fig->spec.name, f->name);
	return sp_item_set(fig, it, f, v);
}

/* A named value of an enumeration (a fontweight: "bold"). */
static shmplot_status set_choice(shmplot_figure *fig, spr_item *it,
				 const spr_field *f, const char *name)
{
	int v;
	if (!name || spr_field_choice(f, name, &v) != 0)
		return sp_fig_err(fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": %s \"%s\" is not one of "
				  "%s, %s, ... %s",
				  fig->spec.name, f->name,
				  name ? name : "(null)", f->names[0],
				  f->names[1], f->names[(int)f->max]);
	return sp_item_set(fig, it, f, v);
}

shmplot_status shmplot_figure_set_text(shmplot_figure *fig, const char *field,
				       const char *utf8)
{
	const spr_field *f;
	spr_item *it;
	shmplot_status st;
	if (!fig)
		return SHMPLOT_E_INVALID;
	if ((st = opts_of(fig, field, &f, &it)) != SHMPLOT_OK)
		return st;
	if (f->type == SPR_F_INT)
		return set_choice(fig, it, f, utf8);
	if (f->type != SPR_F_TEXT || !sp_text_ok(utf8, f->maxlen))
		return sp_fig_err(
		    fig, SHMPLOT_E_INVALID, "figure \"%s\": %s takes %s",
		    fig->spec.name, f->name,
		    f->type == SPR_F_TEXT ? "valid UTF-8 of at most 1 MiB"
					  : "a number, not text");
	if (spr_field_set_text(f, it->p, utf8) != 0)
		return sp_fig_err(fig, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}

shmplot_status shmplot_figure_set_color(shmplot_figure *fig, const char *field,
					uint32_t rgb)
{
	const spr_field *f;
	spr_item *it;
	shmplot_status st;
	if (!fig)
		return SHMPLOT_E_INVALID;
	if ((st = opts_of(fig, field, &f, &it)) != SHMPLOT_OK)
		return st;
	if (f->type != SPR_F_COLOR ||
	    (rgb > 0xffffff &&
	     !(rgb == SHMPLOT_COLOR_NONE && (f->flags & SPR_FF_NONE))))
		return sp_fig_err(
		    fig, SHMPLOT_E_INVALID,
		    "figure \"%s\": %s 0x%x is not a colour "
		    "option and 0xRRGGBB%s",
		    fig->spec.name, f->name, (unsigned)rgb,
		    (f->flags & SPR_FF_NONE) ? " or SHMPLOT_COLOR_NONE" : "");
	return sp_item_set(fig, it, f, rgb);
}
