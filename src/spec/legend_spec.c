// SPDX-License-Identifier: MIT
/*
 * A legend's options and a title's or axis label's font as matplotlib
 * code writes them: "legend": {"loc", "ncols" (or 3.6's older "ncol"),
 * "title", "title_fontsize", "fontsize", "frameon", "bbox_to_anchor",
 * "borderaxespad"} (ax.legend()'s keywords) and "title": {"text",
 * "fontsize", "fontweight", "fontstyle"} (set_title(label, fontsize=,
 * ...)). Pass 1 reads them into sp_axes_opts (plain values, so they
 * inherit from "defaults" and the figure as the other axes options do);
 * pass 2 sets what was given through shmplot_axes_options().
 */
#include "figure/figure.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <string.h>

static const char *const legend_keys[] = {
    "loc",      "ncols",   "ncol",           "title",         "title_fontsize",
    "fontsize", "frameon", "bbox_to_anchor", "borderaxespad", NULL};
static const char *const label_keys[] = {"text", "fontsize", "fontweight",
					 "fontstyle", NULL};

/* "bbox_to_anchor": [x, y] or [x, y, width, height], axes fractions. */
static void parse_bbox(sp_loader *l, const cJSON *it, const char *path,
		       sp_legend_spec *g)
{
	char p[SP_PATH_BUF];
	size_t n = sp_json_count(it), i = 0;
	const cJSON *v;
	if (!cJSON_IsArray(it) || (n != 2 && n != 4)) {
		sp_problem(l->pr, path,
			   "expected [x, y] or [x, y, width, height] in axes "
			   "fractions");
		return;
	}
	cJSON_ArrayForEach(v, it)
	{
		if (sp_json_num(l->pr, v, sp_path_ix(p, path, i), &g->bbox[i]))
			return;
		if (!(g->bbox[i] >= -1e6 && g->bbox[i] <= 1e6)) {
			sp_problem(l->pr, p, "%g is out of range [-1e6, 1e6]",
				   g->bbox[i]);
			return;
		}
		i++;
	}
	g->nbbox = (uint8_t)n;
	g->given |= SP_LEG_BBOX;
}

static void parse_ncols(sp_loader *l, const cJSON *obj, const char *path,
			sp_legend_spec *g)
{
	char p[SP_PATH_BUF];
	const cJSON *a = sp_json_member(obj, "ncols");
	const cJSON *b = sp_json_member(obj, "ncol");
	long long v;
	if (a && b) {
		sp_problem(l->pr, sp_path_key(p, path, "ncol"),
			   "\"ncol\" is another name of \"ncols\", given too");
		return;
	}
	if ((a || b) &&
	    !sp_json_int(l->pr, a ? a : b,
			 sp_path_key(p, path, a ? "ncols" : "ncol"), 1,
			 spr_kind_field(&spr_legend_kind, "ncols")->max, &v)) {
		g->ncols = (uint8_t)v;
		g->given |= SP_LEG_NCOLS;
	}
}

void sp_legend_parse(sp_loader *l, const cJSON *obj, const char *path,
		     sp_axes_opts *o)
{
	char p[SP_PATH_BUF];
	sp_legend_spec *g = &o->leg;
	const cJSON *it;
	const char *s;
	int on;
	sp_json_check_keys(l->pr, obj, path, legend_keys);
	parse_ncols(l, obj, path, g);
	if ((it = sp_json_member(obj, "title")) &&
	    !sp_json_label(l->pr, it, sp_path_key(p, path, "title"), &s)) {
		if (sp_text_add(&l->m.text, s, &g->title))
			sp_nomem(l->pr);
		g->given |= SP_LEG_TITLE;
	}
	if ((it = sp_json_member(obj, "fontsize"))) {
		sp_size_parse(l, it, sp_path_key(p, path, "fontsize"),
			      &g->fontsize);
		g->given |= SP_LEG_SIZE;
	}
	if ((it = sp_json_member(obj, "title_fontsize"))) {
		sp_size_parse(l, it, sp_path_key(p, path, "title_fontsize"),
			      &g->title_fontsize);
		g->given |= SP_LEG_TSIZE;
	}
	if ((it = sp_json_member(obj, "frameon")) &&
	    !sp_json_bool(l->pr, it, sp_path_key(p, path, "frameon"), &on)) {
		g->frameon = (uint8_t)on;
		g->given |= SP_LEG_FRAMEON;
	}
	if ((it = sp_json_member(obj, "bbox_to_anchor")))
		parse_bbox(l, it, sp_path_key(p, path, "bbox_to_anchor"), g);
	if ((it = sp_json_member(obj, "borderaxespad")) &&
	    !sp_json_num(l->pr, it, sp_path_key(p, path, "borderaxespad"),
			 &g->borderaxespad)) {
		if (g->borderaxespad >= -100 && g->borderaxespad <= 100)
			g->given |= SP_LEG_PAD;
		else
			sp_problem(l->pr, p,
				   "%g is not a pad in font sizes [-100, 100]",
				   g->borderaxespad);
	}
}

void sp_label_parse(sp_loader *l, const cJSON *obj, const char *path,
		    uint32_t *text, sp_font_spec *f)
{
	char p[SP_PATH_BUF];
	const cJSON *it;
	const char *s;
	size_t ix;
	sp_json_check_keys(l->pr, obj, path, label_keys);
	if ((it = sp_json_member(obj, "text")) &&
	    !sp_json_label(l->pr, it, sp_path_key(p, path, "text"), &s) &&
	    sp_text_add(&l->m.text, s, text))
		sp_nomem(l->pr);
	if ((it = sp_json_member(obj, "fontsize")))
		sp_size_parse(l, it, sp_path_key(p, path, "fontsize"),
			      &f->size);
	if ((it = sp_json_member(obj, "fontweight")))
		sp_weight_parse(l, it, sp_path_key(p, path, "fontweight"),
				&f->weight);
	if ((it = sp_json_member(obj, "fontstyle")) &&
	    !sp_json_pick(l->pr, it, sp_path_key(p, path, "fontstyle"),
			  spr_kind_field(&spr_label_kind, "fontstyle")->names,
			  3, "font style", &ix))
		f->style = (uint8_t)(ix + 1);
}

static shmplot_status build_legend(const sp_model *m, const sp_legend_spec *g,
				   shmplot_axes *ax)
{
	shmplot_item *h;
	shmplot_status st;
	if (!g->given)
		return SHMPLOT_OK;
	st = shmplot_axes_options(ax, "legend", &h);
	if (!st && (g->given & SP_LEG_NCOLS))
		st = shmplot_item_set_number(h, "ncols", g->ncols);
	if (!st && (g->given & SP_LEG_TITLE))
		st = shmplot_item_set_text(h, "title",
					   sp_text_get(&m->text, g->title));
	if (!st && (g->given & SP_LEG_SIZE) && g->fontsize != 0)
		st = shmplot_item_set_number(h, "fontsize", g->fontsize);
	if (!st && (g->given & SP_LEG_TSIZE) && g->title_fontsize != 0)
		st = shmplot_item_set_number(h, "title_fontsize",
					     g->title_fontsize);
	if (!st && (g->given & SP_LEG_FRAMEON))
		st = shmplot_item_set_number(h, "frameon", g->frameon);
	if (!st && (g->given & SP_LEG_BBOX))
		st = shmplot_item_set_array(h, "bbox_to_anchor", g->bbox,
					    g->nbbox);
	if (!st && (g->given & SP_LEG_PAD))
		st = shmplot_item_set_number(h, "borderaxespad",
					     g->borderaxespad);
	return st;
}

shmplot_status sp_legend_build(const sp_model *m, const sp_axes_opts *o,
			       shmplot_axes *ax)
{
	static const char *const what[3] = {"title", "xlabel", "ylabel"};
	shmplot_status st = build_legend(m, &o->leg, ax);
	for (int i = 0; i < 3 && !st; i++) {
		const sp_font_spec *f = &o->font[i];
		shmplot_item *h;
		if (!f->size && !f->weight && !f->style)
			continue;
		st = shmplot_axes_options(ax, what[i], &h);
		if (!st && f->size != 0)
			st = shmplot_item_set_number(h, "fontsize", f->size);
		/* the label kind's weights are "default", then these */
		if (!st && f->weight)
			st =
			    shmplot_item_set_number(h, "fontweight", f->weight);
		if (!st && f->style)
			st = shmplot_item_set_number(h, "fontstyle",
						     f->style - 1);
	}
	return st;
}
