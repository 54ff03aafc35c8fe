// SPDX-License-Identifier: MIT
/*
 * An axes entry's ticks and twin, named as matplotlib code names them:
 * "xticks": [..] or {"ticks", "labels", "rotation", "ha",
 * "rotation_mode"} (set_xticks / plt.xticks), "xticklabels",
 * "tick_params": {..} or [{..}, ..] (ax.tick_params), "minorticks"
 * (minorticks_on), "xformatter" (set_major_formatter), "twinx" /
 * "twiny": an axes object of the twin's keys. Pass 1 reads them into
 * items of the renderer's axis kind by its field descriptors; pass 2
 * sets the fields given through the public item API.
 */
#include "figure/figure.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"
#include "ticks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The axis options of d, made at first use; NULL when out of memory. */
static void *opts(sp_loader *l, sp_axes_def *a, int d)
{
	if (!a->axis[d].p && spr_item_init(&a->axis[d], &spr_axis_kind)) {
		sp_nomem(l->pr);
		return NULL;
	}
	return a->axis[d].p;
}

/* Field `name` of axis d from the JSON value it (at path). */
static void read_field(sp_loader *l, sp_axes_def *a, int d, const char *name,
		       const cJSON *it, const char *path)
{
	size_t nf;
	const spr_field *all = spr_kind_fields(&spr_axis_kind, &nf);
	const spr_field *f = spr_kind_field(&spr_axis_kind, name);
	void *p = opts(l, a, d);
	if (!p || !f)
		return;
	sp_field_read(l, it, path, f, p);
	a->axis_given[d] |= (uint64_t)1 << (size_t)(f - all);
}

static void set_fixed(sp_loader *l, sp_axes_def *a, int d)
{
	cJSON one = {0};
	one.type = cJSON_True;
	read_field(l, a, d, "fixed", &one, "");
}

/* Tick labels (at path, an array): each with $...$ is mathtext, and one
 * that cannot be laid out is refused at its own path. */
static void check_labels(sp_loader *l, const cJSON *it, const char *path)
{
	char p[SP_PATH_BUF], why[256];
	size_t i = 0;
	if (!cJSON_IsArray(it))
		return;
	for (const cJSON *e = it->child; e; e = e->next, i++)
		if (cJSON_IsString(e) &&
		    spr_tick_label_check(e->valuestring, why, sizeof why))
			sp_problem(l->pr, sp_path_ix(p, path, i),
				   "cannot lay out the formula: %s", why);
}

/* "xticks": positions, or plt.xticks' keywords. */
static void parse_ticks(sp_loader *l, const cJSON *it, const char *path,
			sp_axes_def *a, int d)
{
	static const char *const keys[] = {"ticks", "labels",        "rotation",
					   "ha",    "rotation_mode", NULL};
	char p[SP_PATH_BUF];
	if (cJSON_IsArray(it)) {
		read_field(l, a, d, "ticks", it, path);
		set_fixed(l, a, d);
		return;
	}
	if (!cJSON_IsObject(it)) {
		sp_problem(l->pr, path,
			   "expected [positions] or {\"ticks\", \"labels\", "
			   "\"rotation\", \"ha\", \"rotation_mode\"}, not %s",
			   sp_json_type(it));
		return;
	}
	sp_json_check_keys(l->pr, it, path, keys);
	for (size_t k = 0; keys[k]; k++) {
		const cJSON *v = sp_json_member(it, keys[k]);
		if (v)
			read_field(l, a, d, keys[k], v,
				   sp_path_key(p, path, keys[k]));
	}
	const cJSON *lab = sp_json_member(it, "labels");
	if (lab)
		check_labels(l, lab, sp_path_key(p, path, "labels"));
	if (sp_json_member(it, "ticks"))
		set_fixed(l, a, d);
}

/* A key of tick_params on axis d for which (0 major, 1 minor): the
 * field it sets, or NULL where it does not apply (left on x ...). */
static const char *tp_field(const char *key, int d, int which)
{
	static const char *const per[][3] = {
	    {"direction", "direction", "minor_direction"},
	    {"length", "length", "minor_length"},
	    {"size", "length", "minor_length"},
	    {"width", "width", "minor_width"},
	    {"pad", "pad", "minor_pad"},
	    {"labelsize", "labelsize", "labelsize"},
	    {"color", "color", "color"},
	    {"labelcolor", "labelcolor", "labelcolor"},
	    {"labelrotation", "rotation", "rotation"},
	    {"rotation", "rotation", "rotation"}};
	static const char *const side[][3] = {
	    {"bottom", "tick1", "x"},       {"top", "tick2", "x"},
	    {"left", "tick1", "y"},         {"right", "tick2", "y"},
	    {"labelbottom", "label1", "x"}, {"labeltop", "label2", "x"},
	    {"labelleft", "label1", "y"},   {"labelright", "label2", "y"}};
	for (size_t i = 0; i < sizeof per / sizeof *per; i++)
		if (!strcmp(key, per[i][0]))
			return per[i][1 + which];
	for (size_t i = 0; i < sizeof side / sizeof *side; i++)
		if (!strcmp(key, side[i][0]))
			return side[i][2][0] == "xy"[d] ? side[i][1] : NULL;
	return NULL;
}

/* One tick_params object (ax.tick_params(axis=, which=, ...)). */
static void parse_tick_params(sp_loader *l, const cJSON *obj, const char *path,
			      sp_axes_def *a)
{
	static const char *const keys[] = {
	    "axis",     "which",      "direction",  "length",
	    "size",     "width",      "pad",        "labelsize",
	    "color",    "labelcolor", "colors",     "bottom",
	    "top",      "left",       "right",      "labelbottom",
	    "labeltop", "labelleft",  "labelright", "labelrotation",
	    "rotation", NULL};
	static const char *const axis_names[] = {"x", "y", "both"};
	static const char *const which_names[] = {"major", "minor", "both"};
	char p[SP_PATH_BUF];
	size_t ax = 2, wh = 0;
	const cJSON *it;
	if (!cJSON_IsObject(obj)) {
		sp_problem(l->pr, path, "expected a tick_params object, not %s",
			   sp_json_type(obj));
		return;
	}
	sp_json_check_keys(l->pr, obj, path, keys);
	if ((it = sp_json_member(obj, "axis")) &&
	    sp_json_pick(l->pr, it, sp_path_key(p, path, "axis"), axis_names, 3,
			 "axis", &ax))
		return;
	if ((it = sp_json_member(obj, "which")) &&
	    sp_json_pick(l->pr, it, sp_path_key(p, path, "which"), which_names,
			 3, "which", &wh))
		return;
	for (size_t k = 2; keys[k]; k++) {
		if (!(it = sp_json_member(obj, keys[k])))
			continue;
		sp_path_key(p, path, keys[k]);
		/* a bad value is listed once, not once per axis */
		size_t before = sp_problem_count(l->pr);
		for (int d = 0; d < 2 && sp_problem_count(l->pr) == before;
		     d++) {
			if (ax != 2 && (size_t)d != ax)
				continue;
			for (int w = 0; w < 2; w++) {
				if (wh != 2 && (size_t)w != wh)
					continue;
				if (!strcmp(keys[k], "colors")) {
					read_field(l, a, d, "color", it, p);
					read_field(l, a, d, "labelcolor", it,
						   p);
				} else if (tp_field(keys[k], d, w)) {
					read_field(l, a, d,
						   tp_field(keys[k], d, w), it,
						   p);
				}
			}
		}
	}
}

/* "minorticks": true/false (both axes, minorticks_on), "x", "y" or
 * "both". */
static void parse_minor(sp_loader *l, const cJSON *it, const char *path,
			sp_axes_def *a)
{
	static const char *const names[] = {"x", "y", "both", "none"};
	size_t ix;
	cJSON v = {0};
	if (cJSON_IsBool(it)) {
		ix = cJSON_IsTrue(it) ? 2 : 3;
	} else if (sp_json_pick(l->pr, it, path, names, 4, "minorticks axis",
				&ix)) {
		return;
	}
	v.type = ix == 3 ? cJSON_False : cJSON_True;
	for (int d = 0; d < 2; d++)
		if (ix == 2 || ix == 3 || ix == (size_t)d)
			read_field(l, a, d, "minor", &v, path);
}

/*
 * "spines": {"top": false, "right": false} (ax.spines['top'].set_visible)
 * or the list of the spines shown (["left", "bottom"]).
 */
static void parse_spines(sp_loader *l, const cJSON *it, const char *path,
			 sp_axes_def *a)
{
	static const char *const names[] = {"bottom", "top", "left", "right",
					    NULL};
	static const char *const field[] = {"spine1", "spine2"};
	char p[SP_PATH_BUF];
	size_t ix;
	if (cJSON_IsArray(it)) {
		cJSON v[4] = {{0}};
		size_t i = 0;
		for (int k = 0; k < 4; k++)
			v[k].type = cJSON_False;
		for (const cJSON *e = it->child; e; e = e->next, i++)
			if (!sp_json_pick(l->pr, e, sp_path_ix(p, path, i),
					  names, 4, "spine", &ix))
				v[ix].type = cJSON_True;
		for (int k = 0; k < 4; k++)
			read_field(l, a, k / 2, field[k % 2], &v[k], path);
		return;
	}
	if (!cJSON_IsObject(it)) {
		sp_problem(l->pr, path,
			   "expected {\"top\": false, ...} or a list of the "
			   "spines shown, not %s",
			   sp_json_type(it));
		return;
	}
	sp_json_check_keys(l->pr, it, path, names);
	for (int k = 0; k < 4; k++) {
		const cJSON *e = sp_json_member(it, names[k]);
		if (e)
			read_field(l, a, k / 2, field[k % 2], e,
				   sp_path_key(p, path, names[k]));
	}
}

/* "xformatter": a format the renderer's formatter takes. */
static void parse_format(sp_loader *l, const cJSON *it, const char *path,
			 sp_axes_def *a, int d)
{
	char why[512];
	const char *s;
	if (sp_json_str(l->pr, it, path, &s))
		return;
	if (spr_format_check(s, why, sizeof why))
		sp_problem(l->pr, path, "%s", why);
	else
		read_field(l, a, d, "format", it, path);
}

static void parse_twin(sp_loader *l, const cJSON *obj, const char *path,
		       sp_axes_def *a, int kind);

/* Labels given for a count of ticks other than theirs. */
static void check_counts(sp_loader *l, const char *path, sp_axes_def *a, int d)
{
	const spr_field *t = spr_kind_field(&spr_axis_kind, "ticks");
	const spr_field *s = spr_kind_field(&spr_axis_kind, "labels");
	const spr_array *tv;
	const spr_strings *sv;
	if (!a->axis[d].p)
		return;
	tv = spr_field_cptr(t, a->axis[d].p);
	sv = spr_field_cptr(s, a->axis[d].p);
	if (sv->n &&
	    !((const int *)spr_field_cptr(
		spr_kind_field(&spr_axis_kind, "fixed"), a->axis[d].p))[0])
		sp_problem(l->pr, path,
			   "%cticklabels need %cticks (positions): matplotlib "
			   "labels other ticks by position, with a warning",
			   "xy"[d], "xy"[d]);
	else if (sv->n && sv->n != tv->n)
		sp_problem(l->pr, path, "%zu %cticklabels for %zu %cticks",
			   sv->n, "xy"[d], tv -> n, "xy"[d]);
}

/*
 * "linthresh", "linscale": set_yscale("symlog", linthresh=...)'s keywords,
 * a number for each symlog axis of a, or [x, y] (null for one not
 * symlog).
 */
static void parse_symlog(sp_loader *l, const cJSON *obj, const char *path,
			 sp_axes_def *a, const char *key)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key), *v;
	int sym[2] = {a->o.xscale == SHMPLOT_SCALE_SYMLOG,
		      a->o.yscale == SHMPLOT_SCALE_SYMLOG};
	if (!it)
		return;
	sp_path_key(p, path, key);
	if (cJSON_IsArray(it) && cJSON_GetArraySize(it) != 2) {
		sp_problem(l->pr, p,
			   "expected a number or [x, y], not %d values",
			   cJSON_GetArraySize(it));
		return;
	}
	if (!sym[0] && !sym[1]) {
		sp_problem(l->pr, p,
			   "\"%s\" is for a symlog axis: \"xscale\" or "
			   "\"yscale\" \"symlog\"",
			   key);
		return;
	}
	for (int d = 0; d < 2; d++) {
		const char *vp = p;
		v = it;
		if (cJSON_IsArray(it)) {
			v = cJSON_GetArrayItem(it, d);
			vp = sp_path_ix(q, p, (size_t)d);
			if (cJSON_IsNull(v))
				continue;
			if (!sym[d]) {
				sp_problem(l->pr, vp,
					   "the %c axis is not symlog (null "
					   "leaves it)",
					   "xy"[d]);
				continue;
			}
		} else if (!sym[d]) {
			continue;
		}
		if (!cJSON_IsNumber(v) || !(v->valuedouble > 0) ||
		    !(v->valuedouble <= 1e300))
			sp_problem(l->pr, vp,
				   "%s must be a positive number "
				   "(matplotlib: '%s' must be positive)",
				   key, key);
		else
			read_field(l, a, d, key, v, vp);
	}
}

/* Series field `name` of item it, if it has one (SP_NONE if not). */
static uint32_t item_series(const spr_item *it, const char *name)
{
	const spr_field *f = it->kind ? spr_kind_field(it->kind, name) : NULL;
	if (!f || f->type != SPR_F_SERIES)
		return SP_NONE;
	return *(const uint32_t *)(const void *)((const char *)it->p +
						 f->offset);
}

static int is_date(const sp_loader *l, uint32_t s)
{
	return s < l->m.nseries && l->m.series[s].date;
}

/* The axes of dims (1: x, 2: y) of `to` whose scale is not given become
 * date axes if a line of `from` plots a date series on them. */
static void dates_from(sp_loader *l, const sp_axes_def *from, sp_axes_def *to,
		       unsigned dims)
{
	for (uint32_t k = 0; k < from->nlines; k++) {
		const sp_line_def *d = &l->m.lines[from->line0 + k];
		uint32_t x = d->item.kind ? item_series(&d->item, "x") : d->x;
		uint32_t y = d->item.kind ? item_series(&d->item, "y") : d->y;
		if ((dims & 1) && !(to->o.scale_given & 1) && is_date(l, x))
			to->o.xscale = SHMPLOT_SCALE_DATE;
		if ((dims & 2) && !(to->o.scale_given & 2) && is_date(l, y))
			to->o.yscale = SHMPLOT_SCALE_DATE;
	}
}

void sp_axes_dates(sp_loader *l, sp_axes_def *a, unsigned dims)
{
	dates_from(l, a, a, dims);
}

/* "tz": the zone of the axes' date axes ("UTC", "+02:00"). */
static void parse_tz(sp_loader *l, const cJSON *it, const char *path,
		     sp_axes_def *a)
{
	char why[96];
	int min, any = 0;
	cJSON num = {0};

	if (!cJSON_IsString(it)) {
		sp_problem(l->pr, path,
			   "expected a zone such as \"UTC\" or \"+02:00\", "
			   "not %s",
			   sp_json_type(it));
		return;
	}
	if (sp_tz_offset(it->valuestring, &min, why, sizeof why)) {
		sp_problem(l->pr, path, "\"%s\": %s", it->valuestring, why);
		return;
	}
	num.type = cJSON_Number;
	num.valuedouble = min;
	num.valueint = min;
	for (int d = 0; d < 2; d++)
		if ((d ? a->o.yscale : a->o.xscale) == SHMPLOT_SCALE_DATE) {
			read_field(l, a, d, "tz", &num, path);
			any = 1;
		}
	/* a twin's own date axis is one of the axes' too */
	const sp_axes_def *t = a->twin;
	int own = a->twin_kind == SPR_TWINX;
	if (t && (own ? t->o.yscale : t->o.xscale) == SHMPLOT_SCALE_DATE) {
		read_field(l, a->twin, own, "tz", &num, path);
		any = 1;
	}
	if (!any)
		sp_problem(l->pr, path,
			   "\"tz\" is for a date axis: plot ISO dates or give "
			   "\"xscale\" or \"yscale\" \"date\"");
}

void sp_axis_parse(sp_loader *l, const cJSON *obj, const char *path,
		   sp_axes_def *a)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	const cJSON *it;
	size_t before = sp_problem_count(l->pr);
	if (!obj)
		return;
	for (int d = 0; d < 2; d++) {
		char key[16];
		snprintf(key, sizeof key, "%cticks", "xy"[d]);
		if ((it = sp_json_member(obj, key)))
			parse_ticks(l, it, sp_path_key(p, path, key), a, d);
		snprintf(key, sizeof key, "%cticklabels", "xy"[d]);
		if ((it = sp_json_member(obj, key))) {
			read_field(l, a, d, "labels", it,
				   sp_path_key(p, path, key));
			check_labels(l, it, sp_path_key(p, path, key));
		}
		snprintf(key, sizeof key, "%cformatter", "xy"[d]);
		if ((it = sp_json_member(obj, key)))
			parse_format(l, it, sp_path_key(p, path, key), a, d);
	}
	if ((it = sp_json_member(obj, "tick_params"))) {
		sp_path_key(p, path, "tick_params");
		if (cJSON_IsArray(it)) {
			size_t i = 0;
			for (const cJSON *e = it->child; e; e = e->next, i++)
				parse_tick_params(l, e, sp_path_ix(q, p, i), a);
		} else {
			parse_tick_params(l, it, p, a);
		}
	}
	if ((it = sp_json_member(obj, "minorticks")))
		parse_minor(l, it, sp_path_key(p, path, "minorticks"), a);
	if ((it = sp_json_member(obj, "spines")))
		parse_spines(l, it, sp_path_key(p, path, "spines"), a);
	parse_symlog(l, obj, path, a, "linthresh");
	parse_symlog(l, obj, path, a, "linscale");
	if (sp_problem_count(l->pr) == before)
		for (int d = 0; d < 2; d++)
			check_counts(l, path, a, d);
	if ((it = sp_json_member(obj, "twinx")))
		parse_twin(l, it, sp_path_key(p, path, "twinx"), a, SPR_TWINX);
	if ((it = sp_json_member(obj, "twiny"))) {
		if (a->twin)
			sp_problem(l->pr, sp_path_key(p, path, "twiny"),
				   "an axes has one twin: twinx or twiny");
		else
			parse_twin(l, it, sp_path_key(p, path, "twiny"), a,
				   SPR_TWINY);
	}
	/* after the twin: its own date axis takes the zone too */
	if ((it = sp_json_member(obj, "tz")))
		parse_tz(l, it, sp_path_key(p, path, "tz"), a);
}

/* "twinx": {"ylabel", "ylim", "yscale", "yticks", ..., "lines",
 * "legend"} (the x versions for "twiny"). */
static void parse_twin(sp_loader *l, const cJSON *obj, const char *path,
		       sp_axes_def *a, int kind)
{
	static const char *const kx[] = {
	    "lines",       "ylabel",     "ylim",        "yscale",     "yticks",
	    "yticklabels", "yformatter", "tick_params", "minorticks", "legend",
	    "linthresh",   "linscale",   NULL};
	static const char *const ky[] = {
	    "lines",       "xlabel",     "xlim",        "xscale",     "xticks",
	    "xticklabels", "xformatter", "tick_params", "minorticks", "legend",
	    "linthresh",   "linscale",   NULL};
	if (!cJSON_IsObject(obj)) {
		sp_problem(l->pr, path, "expected an axes object, not %s",
			   sp_json_type(obj));
		return;
	}
	sp_json_check_keys(l->pr, obj, path, kind == SPR_TWINX ? kx : ky);
	sp_axes_def *t = calloc(1, sizeof *t);
	if (!t) {
		sp_nomem(l->pr);
		return;
	}
	a->twin = t;
	a->twin_kind = (uint8_t)kind;
	t->o.title = t->o.xlabel = t->o.ylabel = SP_NONE;
	t->o.legend = SHMPLOT_LEGEND_NONE;
	sp_axes_opts_parse(l, obj, path, &t->o);
	/* "legend": true puts its lines in the parent's legend */
	a->twin_legend = t->o.has_legend && t->o.legend != SHMPLOT_LEGEND_NONE;
	t->o.legend = SHMPLOT_LEGEND_NONE;
	t->o.has_legend = 1;
	/* its own axis on the right (top), as matplotlib's tick_right() */
	int own = kind == SPR_TWINX ? 1 : 0;
	void *p = opts(l, t, own);
	if (!p)
		return;
	cJSON on = {0}, off = {0};
	on.type = cJSON_True;
	off.type = cJSON_False;
	read_field(l, t, own, "tick1", &off, path);
	read_field(l, t, own, "label1", &off, path);
	read_field(l, t, own, "tick2", &on, path);
	read_field(l, t, own, "label2", &on, path);
	t->line0 = (uint32_t)l->m.nlines;
	sp_axes_lines(l, t, sp_json_member(obj, "lines"), path);
	/* ISO dates on its own axis make that a date axis, as on the
	 * parent's; on the shared axis they make the parent's one (a
	 * shared axis has one converter in matplotlib) */
	dates_from(l, t, t, own ? 2u : 1u);
	dates_from(l, t, a, own ? 1u : 2u);
	sp_axis_parse(l, obj, path, t);
}

void sp_axis_free(sp_axes_def *a)
{
	spr_item_free(&a->axis[0]);
	spr_item_free(&a->axis[1]);
	a->axis_given[0] = a->axis_given[1] = 0;
	if (a->twin) {
		sp_axis_free(a->twin);
		free(a->twin);
		a->twin = NULL;
	}
}

/* The fields given of axis d, set on ax's options. */
static shmplot_status build_axis(const sp_model *m, const sp_axes_def *a, int d,
				 shmplot_axes *ax)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(&spr_axis_kind, &nf);
	shmplot_item *h;
	if (!a->axis_given[d])
		return SHMPLOT_OK;
	shmplot_status st = shmplot_axes_axis(ax, "xy"[d], &h);
	for (size_t i = 0; !st && i < nf; i++)
		if (a->axis_given[d] & ((uint64_t)1 << i))
			st = sp_field_build(m, h, &f[i], a->axis[d].p);
	return st;
}

shmplot_status sp_axis_build(const sp_model *m, const sp_axes_def *a,
			     shmplot_axes *ax)
{
	shmplot_status st = build_axis(m, a, 0, ax);
	if (!st)
		st = build_axis(m, a, 1, ax);
	if (st || !a->twin)
		return st;
	shmplot_axes *t;
	st = a->twin_kind == SPR_TWINX ? shmplot_axes_twinx(ax, &t)
				       : shmplot_axes_twiny(ax, &t);
	if (!st)
		st = shmplot_axes_set_twin_legend(t, a->twin_legend);
	if (!st)
		st = sp_axes_build_twin(m, a->twin, t);
	if (!st)
		st = sp_axis_build(m, a->twin, t);
	return st;
}
