// SPDX-License-Identifier: MIT
/*
 * A figure's figure-wide options, both passes: matplotlib's suptitle,
 * supxlabel and supylabel, and the rcParams font sizes by their names
 * ("font.size": 12, "axes.titlesize": "x-large"), on a figure or in
 * "defaults"; pass 2 sets them through shmplot_figure_set_text/number.
 */
#include "spec/spec_colors.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <string.h>

static const char *const text_keys[SP_FIG_NTEXT] = {SP_FIG_TEXT_KEYS};
static const char *const size_keys[SP_FIG_NSIZES] = {SP_FIG_SIZE_KEYS};
static const char *const weight_keys[SP_FIG_NWEIGHTS] = {SP_FIG_WEIGHT_KEYS};

/* matplotlib's font_manager.font_scalings: of font.size */
static const char *const size_names[] = {"xx-small", "x-small", "small",
					 "medium",   "large",   "x-large",
					 "xx-large", "larger",  "smaller"};
static const double size_scale[] = {0.579, 0.694, 0.833, 1.0,  1.2,
				    1.44,  1.728, 1.2,   0.833};
#define NSIZE_NAMES (sizeof size_names / sizeof *size_names)

void sp_figtext_init(sp_figtext_opts *o)
{
	memset(o, 0, sizeof *o);
	for (size_t i = 0; i < SP_FIG_NTEXT; i++)
		o->text[i] = SP_NONE;
	o->facecolor = SPR_DEFAULT_COLOR;
}

/* Size key i: points, or (not font.size) a name, as minus its factor. */
static void parse_size(sp_loader *l, const cJSON *it, const char *p, size_t i,
		       double *out)
{
	double v;
	size_t ix;
	if (cJSON_IsString(it) && i > 0) {
		if (sp_json_choice(it->valuestring, size_names, NSIZE_NAMES,
				   &ix))
			*out = -size_scale[ix];
		else
			sp_json_bad_choice(l->pr, p, it->valuestring,
					   size_names, NSIZE_NAMES,
					   "font size");
		return;
	}
	if (sp_json_num(l->pr, it, p, &v))
		return;
	if (v > 0 && v <= SPR_SIZE_PT_MAX)
		*out = v;
	else
		sp_problem(
		    l->pr, p, "%g is not a font size in points (0, %g]%s", v,
		    SPR_SIZE_PT_MAX, i ? " or a name such as \"large\"" : "");
}

/* A weight key: one of the renderer's fontweight names ("bold"). */
static void parse_weight(sp_loader *l, const cJSON *it, const char *p,
			 uint8_t *out)
{
	const spr_field *f =
	    spr_kind_field(&spr_figure_kind, "axes.titleweight");
	const char *s;
	size_t ix;
	size_t n = (size_t)f->max + 1;
	if (sp_json_str(l->pr, it, p, &s))
		return;
	if (sp_json_choice(s, f->names, n, &ix))
		*out = (uint8_t)(ix + 1);
	else
		sp_json_bad_choice(l->pr, p, s, f->names, n, "font weight");
}

void sp_face_parse(sp_loader *l, const cJSON *it, const char *path,
		   uint32_t *out)
{
	const char *s;
	double alpha;
	uint32_t rgb;
	int k = sp_json_color(l->pr, it, path, &s, &rgb, &alpha);
	if (k == SP_COLOR_TUPLE && alpha == 1)
		*out = rgb;
	else if (k == SP_COLOR_TUPLE)
		sp_color_alpha_problem(l->pr, path);
	else if (k == SP_COLOR_STRING && strcmp(s, "none") == 0)
		*out = SPR_NONE_COLOR;
	else if (k == SP_COLOR_STRING && sp_color_parse(s, &rgb))
		*out = rgb;
	else if (k == SP_COLOR_STRING)
		sp_color_problem(l->pr, path, s, 1);
}

void sp_size_parse(sp_loader *l, const cJSON *it, const char *path, double *out)
{
	parse_size(l, it, path, 1, out);
}

void sp_weight_parse(sp_loader *l, const cJSON *it, const char *path,
		     uint8_t *out)
{
	parse_weight(l, it, path, out);
}

void sp_figtext_parse(sp_loader *l, const cJSON *obj, const char *path,
		      sp_figtext_opts *o)
{
	char p[SP_PATH_BUF];
	const cJSON *it;
	const char *s;
	for (size_t i = 0; i < SP_FIG_NTEXT; i++)
		if ((it = sp_json_member(obj, text_keys[i])) &&
		    !sp_json_label(l->pr, it,
				   sp_path_key(p, path, text_keys[i]), &s) &&
		    sp_text_add(&l->m.text, s, &o->text[i]))
			sp_nomem(l->pr);
	for (size_t i = 0; i < SP_FIG_NSIZES; i++)
		if ((it = sp_json_member(obj, size_keys[i])))
			parse_size(l, it, sp_path_key(p, path, size_keys[i]), i,
				   &o->size[i]);
	for (size_t i = 0; i < SP_FIG_NWEIGHTS; i++)
		if ((it = sp_json_member(obj, weight_keys[i])))
			parse_weight(l, it,
				     sp_path_key(p, path, weight_keys[i]),
				     &o->weight[i]);
	/* matplotlib's figure(facecolor=): the background, or "none" */
	if ((it = sp_json_member(obj, "facecolor")))
		sp_face_parse(l, it, sp_path_key(p, path, "facecolor"),
			      &o->facecolor);
	/* matplotlib's savefig(transparent=True) */
	int on;
	if ((it = sp_json_member(obj, "transparent")) &&
	    !sp_json_bool(l->pr, it, sp_path_key(p, path, "transparent"), &on))
		o->transparent = on ? 2 : 1;
}

shmplot_status sp_figtext_build(const sp_model *m, const sp_figtext_opts *o,
				shmplot_figure *fig)
{
	shmplot_status st = SHMPLOT_OK;
	for (size_t i = 0; i < SP_FIG_NTEXT && !st; i++)
		if (o->text[i] != SP_NONE)
			st = shmplot_figure_set_text(
			    fig, text_keys[i],
			    sp_text_get(&m->text, o->text[i]));
	for (size_t i = 0; i < SP_FIG_NSIZES && !st; i++)
		if (o->size[i] != 0)
			st = shmplot_figure_set_number(fig, size_keys[i],
						       o->size[i]);
	for (size_t i = 0; i < SP_FIG_NWEIGHTS && !st; i++)
		if (o->weight[i] != 0)
			st = shmplot_figure_set_text(
			    fig, weight_keys[i],
			    spr_kind_field(&spr_figure_kind, weight_keys[i])
				->names[o->weight[i] - 1]);
	if (!st && o->facecolor != SPR_DEFAULT_COLOR)
		st = shmplot_figure_set_color(fig, "facecolor", o->facecolor);
	if (!st && o->transparent)
		st = shmplot_figure_set_number(fig, "transparent",
					       o->transparent - 1);
	return st;
}
