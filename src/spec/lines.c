/* SPDX-License-Identifier: MIT */
/*
 * A line of an axes, both passes: pass 1 checks a line object and
 * describes it (sp_line_def); pass 2 plots it through the public API.
 */
#include "spec/spec_colors.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <string.h>

static const char *const line_keys[] = {
    "x",     "y",     "label",  "color",       "alpha",
    "width", "style", "marker", "marker_size", NULL};

/* Whether every key of obj is one of line_keys (or a comment). */
static int plain_keys(const cJSON *obj)
{
	for (const cJSON *it = obj->child; it; it = it->next) {
		size_t i = 0;
		if (it->string[0] == '_')
			continue;
		while (line_keys[i] && strcmp(line_keys[i], it->string) != 0)
			i++;
		if (!line_keys[i])
			return 0;
	}
	return 1;
}

/* Numbered as shmplot_linestyle and shmplot_marker: names and symbols. */
static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", ""};
#define NSTYLES (sizeof style_names / sizeof *style_names)
static const char *const marker_names[] = {
    "none",           "point",    "circle",   "square",        "triangle",
    "diamond",        "plus",     "cross",    "triangle_down", "triangle_left",
    "triangle_right", "star",     "pentagon", "hexagon1",      "hexagon2",
    "thin_diamond",   "vline",    "hline",    "tri_down",      "tri_up",
    "tri_left",       "tri_right"};
static const char *const marker_syms[] = {
    "",  ".", "o", "s", "^", "D", "+", "x", "v", "<", ">",
    "*", "p", "h", "H", "d", "|", "_", "1", "2", "3", "4"};
_Static_assert(sizeof marker_names / sizeof *marker_names ==
		   SHMPLOT_MARKER_TRI_RIGHT + 1,
	       "a name per shmplot_marker");
#define NMARKERS (sizeof marker_names / sizeof *marker_names)

/* The settings' ranges, as the figure API checks them. */
#define ALPHA_MAX     1.0
#define WIDTH_MAX_PT  100.0
#define MARKER_MAX_PT 200.0
#define DEFAULT_WIDTH 1.5
#define DEFAULT_MSIZE 0.0 /* the API's default size */

/* "color": 1 if it is given but not a colour (listed). */
static int line_color(sp_loader *l, const cJSON *obj, const char *path,
		      sp_line_def *d)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, "color");
	const char *s = NULL;
	double alpha;
	if (!it)
		return 0;
	int k = sp_json_color(l->pr, it, sp_path_key(p, path, "color"), &s,
			      &d->color, &alpha);
	if (k == SP_COLOR_BAD)
		return 1;
	d->has |= SP_LINE_COLOR;
	if (k == SP_COLOR_TUPLE || sp_color_parse_alpha(s, &d->color, &alpha)) {
		/* the colour's opacity, unless "alpha" is given (matplotlib) */
		if (alpha < 1 && !sp_json_member(obj, "alpha")) {
			d->alpha = alpha;
			d->has |= SP_LINE_ALPHA;
		}
		return 0;
	}
	sp_color_problem(l->pr, p, s, 0);
	return 1;
}

/* A number in [0, max] (unit " pt" or ""): 1 if out of range (listed). */
static int line_number(sp_loader *l, const cJSON *obj, const char *path,
		       const char *key, double max, const char *unit,
		       double *out, uint8_t *has, uint8_t bit)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	if (!it || sp_json_num(l->pr, it, sp_path_key(p, path, key), out))
		return 0;
	*has |= bit;
	if (*out >= 0 && *out <= max)
		return 0;
	sp_problem(l->pr, p, "%g%s is outside [0, %g]", *out, unit, max);
	return 1;
}

/* One of names or syms: 1 if it is given but neither (listed). */
static int line_pick(sp_loader *l, const cJSON *obj, const char *path,
		     const char *key, const char *const *names,
		     const char *const *syms, size_t n, const char *what,
		     uint8_t *out, uint8_t *has, uint8_t bit)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	const char *s = NULL;
	if (!it || sp_json_str(l->pr, it, sp_path_key(p, path, key), &s))
		return 0;
	*has |= bit;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0 || strcmp(s, syms[i]) == 0) {
			*out = (uint8_t)i;
			return 0;
		}
	sp_json_bad_choice(l->pr, p, s, names, n, what);
	return 1;
}

/* Colour, alpha, width, style and marker: 1 if any is bad. */
static int line_settings(sp_loader *l, const cJSON *obj, const char *path,
			 sp_line_def *d)
{
	int bad = line_color(l, obj, path, d);
	bad |= line_number(l, obj, path, "alpha", ALPHA_MAX, "", &d->alpha,
			   &d->has, SP_LINE_ALPHA);
	bad |= line_number(l, obj, path, "width", WIDTH_MAX_PT, " pt",
			   &d->width, &d->has, SP_LINE_WIDTH);
	bad |=
	    line_pick(l, obj, path, "style", style_names, style_syms, NSTYLES,
		      "line style", &d->style, &d->has, SP_LINE_STYLE);
	bad |=
	    line_pick(l, obj, path, "marker", marker_names, marker_syms,
		      NMARKERS, "marker", &d->marker, &d->has, SP_LINE_MARKER);
	/* A marker size alone draws the default marker at that size. */
	bad |= line_number(l, obj, path, "marker_size", MARKER_MAX_PT, " pt",
			   &d->msize, &d->has, SP_LINE_MARKER);
	return bad;
}

shmplot_status sp_line_parse(sp_loader *l, const cJSON *obj, const char *path,
			     sp_line_def *d)
{
	char p[SP_PATH_BUF];
	if (!cJSON_IsObject(obj)) {
		sp_problem(l->pr, path,
			   "expected a line object such as {\"y\": \"sin\"}, "
			   "not %s",
			   sp_json_type(obj));
		return SHMPLOT_E_INVALID;
	}
	/* matplotlib's names for every kind's fields; a line with a key
	 * beyond the few below (linestyle, lw, drawstyle ...) is the line
	 * kind, whose fields and their aliases it may use */
	if (sp_json_member(obj, "kind") || !plain_keys(obj))
		return sp_item_parse(l, obj, path, d);
	size_t before = sp_problem_count(l->pr);
	sp_json_check_keys(l->pr, obj, path, line_keys);
	const cJSON *xi = sp_json_member(obj, "x"),
		    *yi = sp_json_member(obj, "y");
	const cJSON *it;
	const char *label;
	if (!yi) {
		sp_problem(l->pr, path, "a line needs \"y\": a series name");
		return SHMPLOT_E_INVALID;
	}
	memset(d, 0, sizeof *d);
	d->x = d->label = SP_NONE;
	d->alpha = 1;
	d->width = DEFAULT_WIDTH;
	d->msize = DEFAULT_MSIZE;
	size_t all = l->m.nseries;
	int bad = sp_series_ref(l, yi, sp_path_key(p, path, "y"), all, &d->y) ||
		  sp_series_dims(l, d->y, 0, "a line's y", p);
	if (xi &&
	    (sp_series_ref(l, xi, sp_path_key(p, path, "x"), all, &d->x) ||
	     sp_series_dims(l, d->x, 0, "a line's x", p)))
		bad = 1;
	if ((it = sp_json_member(obj, "label")) &&
	    !sp_json_label(l->pr, it, sp_path_key(p, path, "label"), &label) &&
	    sp_text_add(&l->m.text, label, &d->label))
		return sp_nomem(l->pr);
	if (line_settings(l, obj, path, d) || bad)
		return SHMPLOT_E_INVALID;
	const sp_series_def *x = d->x == SP_NONE ? NULL : &l->m.series[d->x];
	const sp_series_def *y = &l->m.series[d->y];
	if (x && x->n != y->n) {
		sp_problem(l->pr, path,
			   "x \"%s\" has %zu points but y \"%s\" has %zu",
			   sp_text_get(&l->m.text, x->name), x->n,
			   sp_text_get(&l->m.text, y->name), y->n);
		return SHMPLOT_E_INVALID;
	}
	return sp_problems_since(l->pr, before);
}

shmplot_status sp_line_build(const sp_model *m, const sp_line_def *d,
			     shmplot_axes *ax)
{
	shmplot_line *line = NULL;
	if (d->item.kind)
		return sp_item_build(m, d, ax);
	shmplot_series x = d->x == SP_NONE ? SHMPLOT_NO_X : m->series[d->x].id;
	/* A handle only when a setting needs one. */
	shmplot_status st = shmplot_axes_plot(ax, x, m->series[d->y].id,
					      sp_text_get(&m->text, d->label),
					      d->has ? &line : NULL);
	if (!st && (d->has & SP_LINE_COLOR))
		st = shmplot_line_set_color(line, d->color);
	if (!st && (d->has & SP_LINE_ALPHA))
		st = shmplot_line_set_alpha(line, d->alpha);
	if (!st && (d->has & SP_LINE_WIDTH))
		st = shmplot_line_set_width(line, d->width);
	if (!st && (d->has & SP_LINE_STYLE))
		st = shmplot_line_set_style(line, (shmplot_linestyle)d->style);
	if (!st && (d->has & SP_LINE_MARKER))
		st = shmplot_line_set_marker(line, (shmplot_marker)d->marker,
					     d->msize);
	return st;
}
