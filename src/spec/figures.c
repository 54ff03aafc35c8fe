/* SPDX-License-Identifier: MIT */
/*
 * Figures and their axes. Pass 1 checks "defaults" and each figure and
 * describes it (sp_fig_def, sp_axes_def; lines in lines.c), then, while
 * the spec has no problem, builds it at once through the public figure
 * API and drops the description: a loaded spec holds per figure only the
 * built figure (about 440 bytes for one titled, labelled line).
 * Options resolve defaults -> figure -> axes entry: an axes entry starts
 * from its figure's options, which start from "defaults".
 */
#include "figure/figure.h"
#include "shmplot/spec.h"
#include "spec/spec_colors.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AXES_KEYS                                                              \
	"title", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale",       \
	    "grid", "legend", "pole_segments", "exact", "margins", "aspect",   \
	    "axes.facecolor"

static const char *const figure_keys[] = {
    "name",           "size",           "dpi",
    "subplots",       "share",          "axes",
    "lines",          AXES_KEYS,        SP_AXIS_KEYS,
    SP_FIG_TEXT_KEYS, SP_FIG_SIZE_KEYS, SP_FIG_WEIGHT_KEYS,
    "facecolor",      "transparent",    NULL};
static const char *const defaults_keys[] = {"size",
					    "dpi",
					    AXES_KEYS,
					    SP_FIG_TEXT_KEYS,
					    SP_FIG_SIZE_KEYS,
					    SP_FIG_WEIGHT_KEYS,
					    "facecolor",
					    "transparent",
					    NULL};
static const char *const axes_keys[] = {"lines", AXES_KEYS, SP_AXIS_KEYS, NULL};

/* Numbered as shmplot_legend_loc from SHMPLOT_LEGEND_BEST. */
static const char *const legend_names[] = {
    "best",         "upper right",  "upper left",  "lower left",
    "lower right",  "right",        "center left", "center right",
    "lower center", "upper center", "center"};
#define NLEGEND (sizeof legend_names / sizeof *legend_names)

/* Numbered as shmplot_scale. */
static const char *const scale_names[] = {"linear", "log", "symlog", "date"};
/* Index bit 0: share x, bit 1: share y. */
static const char *const share_names[] = {"none", "x", "y", "both"};
#define SHARE_BIT_X 1
#define SHARE_BIT_Y 2

typedef sp_figopt figopt;

/* ------------------------------------------------------------------------ */
/* Pass 1: options                                                           */
/* ------------------------------------------------------------------------ */

/* title, xlabel or ylabel: copied into the arena. */
static void opt_text(sp_loader *l, const cJSON *obj, const char *path,
		     const char *key, uint32_t *out, sp_font_spec *font)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	const char *s = NULL;
	if (cJSON_IsObject(it))
		sp_label_parse(l, it, sp_path_key(p, path, key), out, font);
	else if (it &&
		 !sp_json_label(l->pr, it, sp_path_key(p, path, key), &s) &&
		 sp_text_add(&l->m.text, s, out))
		sp_nomem(l->pr);
}

static int iso_like(const cJSON *it)
{
	return cJSON_IsString(it) &&
	       sp_iso_like(it->valuestring, strlen(it->valuestring));
}

/* Limits written as two ISO dates (a date axis'): 0 if it is not such
 * a pair, 1 if read, -1 if one is malformed (listed). */
static int lim_dates(sp_loader *l, const cJSON *it, const char *path,
		     double lim[2])
{
	char q[SP_PATH_BUF], why[96];
	int bad = 0;

	/* "pi" and "-pi/2" are numbers */
	if (!cJSON_IsArray(it) || sp_json_count(it) != 2 ||
	    !iso_like(it->child) || !iso_like(it->child->next))
		return 0;
	for (int i = 0; i < 2; i++) {
		const char *s = cJSON_GetArrayItem(it, i)->valuestring;
		if (sp_iso_date(s, strlen(s), &lim[i], why, sizeof why)) {
			sp_problem(l->pr, sp_path_ix(q, path, (size_t)i),
				   "\"%s\" is not an ISO 8601 date: %s", s,
				   why);
			bad = 1;
		}
	}
	return bad ? -1 : 1;
}

/* xlim or ylim: [left, right] or [bottom, top], different; high to low
 * inverts the axis. Two ISO dates are their Unix seconds. */
static void opt_lim(sp_loader *l, const cJSON *obj, const char *path,
		    const char *key, double lim[2], uint8_t *has)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	int dates;
	if (!it)
		return;
	dates = lim_dates(l, it, sp_path_key(p, path, key), lim);
	if (dates < 0 || (!dates && sp_json_pair(l->pr, it, p, lim)))
		return;
	if (lim[0] == lim[1])
		sp_problem(l->pr, p,
			   "both limits are %g; they must differ (high to low "
			   "inverts the axis)",
			   lim[0]);
	*has = 1;
}

static void opt_scale(sp_loader *l, const cJSON *obj, const char *path,
		      const char *key, uint8_t *out, uint8_t *given)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	size_t ix;
	if (it && !sp_json_pick(l->pr, it, sp_path_key(p, path, key),
				scale_names, 4, "scale", &ix)) {
		*out = (uint8_t)ix;
		*given |= key[0] == 'x' ? 1 : 2;
	}
}

static void opt_bool(sp_loader *l, const cJSON *obj, const char *path,
		     const char *key, uint8_t *out)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, key);
	int on;
	if (it && !sp_json_bool(l->pr, it, sp_path_key(p, path, key), &on))
		*out = (uint8_t)on;
}

/* A legend location: a name, "none", true (best) or false (none); an
 * integer 0..10, matplotlib's loc codes, in an object's "loc". */
static void legend_loc(sp_loader *l, const cJSON *it, const char *p,
		       sp_axes_opts *o, int code_ok)
{
	size_t ix;
	if (cJSON_IsBool(it)) {
		o->legend = cJSON_IsTrue(it) ? SHMPLOT_LEGEND_BEST
					     : SHMPLOT_LEGEND_NONE;
		o->has_legend = 1;
	} else if (cJSON_IsString(it) && strcmp(it->valuestring, "none") == 0) {
		o->legend = SHMPLOT_LEGEND_NONE;
		o->has_legend = 1;
	} else if (cJSON_IsString(it) &&
		   sp_json_choice(it->valuestring, legend_names, NLEGEND,
				  &ix)) {
		o->legend = (int8_t)(SHMPLOT_LEGEND_BEST + (int)ix);
		o->has_legend = 1;
	} else if (cJSON_IsString(it)) {
		sp_json_bad_choice(l->pr, p, it->valuestring, legend_names,
				   NLEGEND, "legend location");
	} else if (code_ok && cJSON_IsNumber(it)) {
		long long v;
		if (!sp_json_int(l->pr, it, p, 0, NLEGEND - 1, &v)) {
			o->legend = (int8_t)v;
			o->has_legend = 1;
		}
	} else {
		sp_problem(l->pr, p,
			   "expected a location such as \"upper right\", "
			   "\"none\", true, false%s, not %s",
			   code_ok ? " or a code 0..10"
				   : " or an object of ax.legend()'s keywords",
			   sp_json_type(it));
	}
}

/* "legend": a location, or {"loc", "ncols", "title", ...} (legend_spec.c;
 * no "loc" is "best", matplotlib's default). */
static void opt_legend(sp_loader *l, const cJSON *obj, const char *path,
		       sp_axes_opts *o)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, "legend"), *loc;
	if (!it)
		return;
	sp_path_key(p, path, "legend");
	if (!cJSON_IsObject(it)) {
		legend_loc(l, it, p, o, 0);
		return;
	}
	sp_legend_parse(l, it, p, o);
	if ((loc = sp_json_member(it, "loc"))) {
		legend_loc(l, loc, sp_path_key(q, p, "loc"), o, 1);
	} else {
		o->legend = SHMPLOT_LEGEND_BEST;
		o->has_legend = 1;
	}
}

/* Applies the axes options present in obj over o. */
/* "margins": one number for both, or [x, y], each above -0.5. */
static void opt_margins(sp_loader *l, const cJSON *obj, const char *path,
			sp_axes_opts *o)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, "margins");
	double m[2];
	if (!it)
		return;
	sp_path_key(p, path, "margins");
	if (cJSON_IsNumber(it)) {
		m[0] = m[1] = it->valuedouble;
	} else if (!cJSON_IsArray(it) || sp_json_count(it) != 2) {
		sp_problem(l->pr, p, "expected a number or [x, y]");
		return;
	} else if (sp_json_pair(l->pr, it, p, m)) {
		return;
	}
	for (int d = 0; d < 2; d++)
		if (!(m[d] > -0.5 && m[d] <= SPR_MARGIN_MAX)) {
			sp_problem(l->pr, p,
				   "%g is not a margin: above -0.5, at most %g",
				   m[d], SPR_MARGIN_MAX);
			return;
		}
	o->margins[0] = m[0];
	o->margins[1] = m[1];
	o->has_margins = 1;
}

/* "aspect": "auto", "equal" or a number, matplotlib's set_aspect. */
static const char *const aspect_names[] = {"auto", "equal"};

static void opt_aspect(sp_loader *l, const cJSON *obj, const char *path,
		       sp_axes_opts *o)
{
	char p[SP_PATH_BUF];
	const cJSON *it = sp_json_member(obj, "aspect");
	if (!it)
		return;
	sp_path_key(p, path, "aspect");
	if (cJSON_IsString(it) && strcmp(it->valuestring, "auto") == 0)
		o->aspect = SPR_ASPECT_AUTO;
	else if (cJSON_IsString(it) && strcmp(it->valuestring, "equal") == 0)
		o->aspect = 1;
	else if (cJSON_IsNumber(it) && it->valuedouble > 0 &&
		 it->valuedouble <= SPR_ASPECT_MAX)
		o->aspect = it->valuedouble;
	else {
		char sug[SP_SUGGEST_LEN] = "";
		sp_suggest g;
		if (cJSON_IsString(it)) {
			sp_suggest_init(&g, it->valuestring);
			sp_suggest_all(&g, aspect_names, 2);
			sp_suggest_text(&g, sug, sizeof sug);
		}
		sp_problem(l->pr, p,
			   "expected \"auto\", \"equal\" or a number in (0, "
			   "%g]%s",
			   SPR_ASPECT_MAX, sug);
	}
}

/* "axes.facecolor": matplotlib's ax.set_facecolor, a colour or "none". */
static void opt_face(sp_loader *l, const cJSON *obj, const char *path,
		     sp_axes_opts *o)
{
	char p[SP_PATH_BUF];
	uint32_t rgb = SPR_DEFAULT_COLOR;
	const cJSON *it = sp_json_member(obj, "axes.facecolor");
	if (!it)
		return;
	sp_face_parse(l, it, sp_path_key(p, path, "axes.facecolor"), &rgb);
	if (rgb == SPR_NONE_COLOR)
		o->face = SPR_NONE_COLOR;
	else if (rgb <= 0xffffff)
		o->face = SPR_FACE_GIVEN | rgb;
}

static void parse_axopt(sp_loader *l, const cJSON *obj, const char *path,
			sp_axes_opts *o)
{
	opt_text(l, obj, path, "title", &o->title, &o->font[0]);
	opt_text(l, obj, path, "xlabel", &o->xlabel, &o->font[1]);
	opt_text(l, obj, path, "ylabel", &o->ylabel, &o->font[2]);
	opt_lim(l, obj, path, "xlim", o->xlim, &o->has_xlim);
	opt_lim(l, obj, path, "ylim", o->ylim, &o->has_ylim);
	opt_scale(l, obj, path, "xscale", &o->xscale, &o->scale_given);
	opt_scale(l, obj, path, "yscale", &o->yscale, &o->scale_given);
	opt_bool(l, obj, path, "grid", &o->grid);
	opt_bool(l, obj, path, "pole_segments", &o->pole);
	opt_bool(l, obj, path, "exact", &o->exact);
	opt_legend(l, obj, path, o);
	opt_margins(l, obj, path, o);
	opt_aspect(l, obj, path, o);
	opt_face(l, obj, path, o);
}

void sp_axes_opts_parse(sp_loader *l, const cJSON *obj, const char *path,
			sp_axes_opts *o)
{
	parse_axopt(l, obj, path, o);
}

/* "size", "dpi" and the axes options, over o. */
static void parse_figopt(sp_loader *l, const cJSON *obj, const char *path,
			 figopt *o)
{
	char p[SP_PATH_BUF];
	const cJSON *it;
	double wh[2];
	if ((it = sp_json_member(obj, "size"))) {
		sp_path_key(p, path, "size");
		if (!cJSON_IsArray(it) || sp_json_count(it) != 2) {
			sp_problem(l->pr, p,
				   "expected [width, height] in inches");
		} else if (!sp_json_pair(l->pr, it, p, wh)) {
			if (!(wh[0] > 0 && wh[1] > 0))
				sp_problem(l->pr, p,
					   "width and height must be > 0");
			o->w = wh[0];
			o->h = wh[1];
		}
	}
	if ((it = sp_json_member(obj, "dpi")) &&
	    !sp_json_num(l->pr, it, sp_path_key(p, path, "dpi"), &o->dpi) &&
	    !(o->dpi > 0))
		sp_problem(l->pr, p, "must be > 0");
	parse_axopt(l, obj, path, &o->ax);
	sp_figtext_parse(l, obj, path, &o->ft);
}

/* ------------------------------------------------------------------------ */
/* Pass 1: a figure                                                          */
/* ------------------------------------------------------------------------ */

/* "name": the file name rule, unique in the spec; into the arena. */
static void figure_name(sp_loader *l, const cJSON *obj, const char *path,
			size_t idx, sp_fig_def *f)
{
	char p[SP_PATH_BUF], err[SP_ERRLEN];
	const cJSON *nm = sp_json_member(obj, "name");
	const char *name;
	size_t first;
	if (!nm) {
		sp_problem(l->pr, path,
			   "a figure needs \"name\" (its file is NAME.png)");
		return;
	}
	if (sp_json_str(l->pr, nm, sp_path_key(p, path, "name"), &name))
		return;
	if (sp_check_figure_name(name, err, sizeof err)) {
		sp_problem(l->pr, p, "%s", err);
		return;
	}
	if (sp_nameset_find(&l->fig_names, name, &first))
		sp_problem(l->pr, p,
			   "duplicate figure name \"%s\" (also figures[%zu]); "
			   "both would write %s.png",
			   name, first, name);
	else if (sp_nameset_add(&l->fig_names, name, idx) ||
		 sp_text_add(&l->m.text, name, &f->name))
		sp_nomem(l->pr);
}

/* "subplots" and "share". */
static void figure_grid(sp_loader *l, const cJSON *obj, const char *path,
			figopt *o)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	const cJSON *it;
	size_t share;
	if ((it = sp_json_member(obj, "subplots"))) {
		sp_path_key(p, path, "subplots");
		if (!cJSON_IsArray(it) || sp_json_count(it) != 2) {
			sp_problem(l->pr, p, "expected [rows, columns]");
		} else {
			sp_json_int(l->pr, it->child, sp_path_ix(q, p, 0), 1,
				    SHMPLOT_MAX_GRID, &o->rows);
			sp_json_int(l->pr, it->child->next, sp_path_ix(q, p, 1),
				    1, SHMPLOT_MAX_GRID, &o->cols);
		}
	}
	if ((it = sp_json_member(obj, "share")))
		o->share =
		    sp_json_pick(l->pr, it, sp_path_key(p, path, "share"),
				 share_names, 4, "share mode", &share)
			? 0
			: (unsigned)share;
}

/* A new axes with options o, at the next grid position. */
static sp_axes_def *push_axes(sp_loader *l, const sp_axes_opts *o)
{
	sp_axes_def *a = sp_array_push(&l->m.axes, &l->m.naxes, &l->m.axes_cap,
				       sizeof *l->m.axes);
	if (!a) {
		sp_nomem(l->pr);
		return NULL;
	}
	a->o = *o;
	a->line0 = (uint32_t)l->m.nlines;
	return a;
}

/* One axes: options o (already read), its lines, its tick options from
 * obj and its twin. */
static void parse_axes(sp_loader *l, const sp_axes_opts *o, const cJSON *obj,
		       const cJSON *lines, const char *path)
{
	sp_axes_def *a = push_axes(l, o);
	if (!a)
		return;
	if (o->has_xlim && o->xscale == SHMPLOT_SCALE_LOG &&
	    fmin(o->xlim[0], o->xlim[1]) <= 0)
		sp_problem(l->pr, path,
			   "xlim [%g, %g] must be positive on a log axis",
			   o->xlim[0], o->xlim[1]);
	if (o->has_ylim && o->yscale == SHMPLOT_SCALE_LOG &&
	    fmin(o->ylim[0], o->ylim[1]) <= 0)
		sp_problem(l->pr, path,
			   "ylim [%g, %g] must be positive on a log axis",
			   o->ylim[0], o->ylim[1]);
	sp_axes_lines(l, a, lines, path);
	sp_axes_dates(l, a, 3);
	/* the twin's lines follow, so a's stay in one run */
	sp_axis_parse(l, obj, path, a);
}

void sp_axes_lines(sp_loader *l, sp_axes_def *a, const cJSON *lines,
		   const char *path)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	if (!lines)
		return;
	sp_path_key(p, path, "lines");
	if (!cJSON_IsArray(lines)) {
		sp_problem(l->pr, p, "expected an array of lines, not %s",
			   sp_json_type(lines));
		return;
	}
	size_t i = 0;
	for (const cJSON *it = lines->child; it && !l->pr->nomem;
	     it = it->next, i++) {
		sp_line_def d, *ld;
		if (sp_line_parse(l, it, sp_path_ix(q, p, i), &d))
			continue;
		ld = sp_array_push(&l->m.lines, &l->m.nlines, &l->m.lines_cap,
				   sizeof *l->m.lines);
		if (!ld) {
			spr_item_free(&d.item);
			sp_nomem(l->pr);
			return;
		}
		*ld = d;
		a->nlines++;
	}
}

/* The entries of "axes", each over the figure's options. */
static void parse_axes_array(sp_loader *l, const cJSON *axes, const char *path,
			     const figopt *o)
{
	char p[SP_PATH_BUF], q[SP_PATH_BUF];
	size_t i = 0;
	for (const cJSON *a = axes->child; a && !l->pr->nomem;
	     a = a->next, i++) {
		sp_path_ix(p, sp_path_key(q, path, "axes"), i);
		if (!cJSON_IsObject(a)) {
			sp_problem(l->pr, p, "expected an axes object, not %s",
				   sp_json_type(a));
			push_axes(l, &o->ax); /* keeps the grid positions */
			continue;
		}
		sp_json_check_keys(l->pr, a, p, axes_keys);
		sp_axes_opts ao = o->ax;
		parse_axopt(l, a, p, &ao);
		parse_axes(l, &ao, a, sp_json_member(a, "lines"), p);
	}
}

/* "axes" (one entry per subplot) or the figure's own "lines". */
static void figure_axes(sp_loader *l, const cJSON *obj, const char *path,
			const figopt *o, sp_fig_def *f)
{
	char p[SP_PATH_BUF];
	const cJSON *axes = sp_json_member(obj, "axes");
	const cJSON *lines = sp_json_member(obj, "lines");
	long long nax = o->rows * o->cols;
	if (axes && lines)
		sp_problem(l->pr, sp_path_key(p, path, "lines"),
			   "give lines inside each \"axes\" entry when "
			   "\"axes\" is used");
	if (axes &&
	    (!cJSON_IsArray(axes) || sp_json_count(axes) > (size_t)nax)) {
		sp_problem(l->pr, sp_path_key(p, path, "axes"),
			   "expected an array of at most %lld axes (subplots "
			   "%lld x %lld, row by row)",
			   nax, o->rows, o->cols);
		axes = NULL;
	} else if (!axes && nax > 1) {
		sp_problem(l->pr, path,
			   "subplots %lld x %lld needs an \"axes\" array, one "
			   "entry per subplot, row by row",
			   o->rows, o->cols);
	}
	f->axes0 = (uint32_t)l->m.naxes;
	f->axes_array = axes != NULL;
	if (axes)
		parse_axes_array(l, axes, path, o);
	else
		parse_axes(l, &o->ax, obj, lines, path);
	f->naxes = (uint32_t)(l->m.naxes - f->axes0);
}

static void parse_figure(sp_loader *l, const cJSON *obj, size_t idx,
			 const figopt *defaults, sp_fig_def *f)
{
	char path[SP_PATH_BUF];
	memset(f, 0, sizeof *f);
	f->name = SP_NONE;
	sp_path_ix(path, "figures", idx);
	if (!cJSON_IsObject(obj)) {
		sp_problem(l->pr, path, "expected a figure object, not %s",
			   sp_json_type(obj));
		return;
	}
	sp_json_check_keys(l->pr, obj, path, figure_keys);
	figure_name(l, obj, path, idx, f);
	figopt o = *defaults;
	parse_figopt(l, obj, path, &o);
	figure_grid(l, obj, path, &o);
	figure_axes(l, obj, path, &o, f);
	f->w = o.w;
	f->h = o.h;
	f->dpi = o.dpi;
	f->ft = o.ft;
	f->rows = (uint8_t)o.rows;
	f->cols = (uint8_t)o.cols;
	f->share = (uint8_t)((o.share & SHARE_BIT_X ? SHMPLOT_SHARE_X : 0) |
			     (o.share & SHARE_BIT_Y ? SHMPLOT_SHARE_Y : 0));
}

static void parse_defaults(sp_loader *l, const cJSON *d, figopt *o)
{
	memset(o, 0, sizeof *o);
	o->rows = o->cols = 1;
	o->ax.title = o->ax.xlabel = o->ax.ylabel = SP_NONE;
	o->ax.legend = SHMPLOT_LEGEND_NONE;
	sp_figtext_init(&o->ft);
	if (d && !cJSON_IsObject(d)) {
		sp_problem(l->pr, "defaults", "expected an object, not %s",
			   sp_json_type(d));
	} else if (d) {
		sp_json_check_keys(l->pr, d, "defaults", defaults_keys);
		parse_figopt(l, d, "defaults", o);
	}
}

void sp_figures_defaults(sp_loader *l, const cJSON *d)
{
	parse_defaults(l, d, &l->defaults);
}

shmplot_status sp_figures_begin(sp_loader *l, size_t n)
{
	l->figs = calloc(n, sizeof *l->figs);
	if (!l->figs)
		return sp_nomem(l->pr);
	l->nfigs = n;
	l->axes_form = calloc(n ? n : 1, 1); /* NULL: paths without axes */
	l->text_mark = l->m.text.len;
	if (l->shard_n > 1 && l->m.nseries &&
	    !(l->used = calloc(l->m.nseries, 1)))
		return sp_nomem(l->pr);
	return SHMPLOT_OK;
}

static shmplot_status build_figure(const sp_model *m, const sp_fig_def *f,
				   size_t i, sp_problems *pr,
				   shmplot_figure **out);

void sp_figure_add(sp_loader *l, const cJSON *obj, size_t idx)
{
	sp_fig_def f;
	/* The previous figure's axes, lines and text are not needed now. */
	sp_lines_free(&l->m);
	for (size_t k = 0; k < l->m.naxes; k++)
		sp_axis_free(&l->m.axes[k]);
	l->m.naxes = 0;
	l->m.text.len = l->text_mark;
	parse_figure(l, obj, idx, &l->defaults, &f);
	if (l->axes_form)
		l->axes_form[idx] = f.axes_array != 0;
	/* Nothing is built once the spec is known to be bad. */
	if (sp_problem_count(l->pr) || l->pr->nomem ||
	    build_figure(&l->m, &f, idx, l->pr, &l->figs[idx]))
		return;
	/*
	 * Another shard's figure is built all the same, so that what the
	 * figure API refuses (a figure too large, text that is not UTF-8)
	 * fails every shard alike, and dropped at once.
	 */
	if (!shmplot_spec_in_shard(idx, l->shard_k, l->shard_n)) {
		shmplot_figure_free(l->figs[idx]);
		l->figs[idx] = NULL;
		return;
	}
	/* Held until the batch is rendered: in as few blocks as it can. */
	l->figs[idx] = sp_figure_pack(l->figs[idx]);
	for (size_t k = 0; k < l->m.nlines; k++)
		if (l->m.lines[k].item.kind)
			sp_item_mark_extremes(&l->m.lines[k], &l->m);
	for (size_t k = 0; l->used && k < l->m.nlines; k++) {
		const sp_line_def *d = &l->m.lines[k];
		if (d->item.kind) {
			sp_item_mark_used(d, l->used);
			continue;
		}
		l->used[d->y] = 1;
		if (d->x != SP_NONE)
			l->used[d->x] = 1;
	}
}

/* ------------------------------------------------------------------------ */
/* Pass 2: through the public API                                            */
/* ------------------------------------------------------------------------ */

/* The options of one axes, in the order the API checks them. */
static shmplot_status set_axes_opts(const sp_model *m, shmplot_axes *ax,
				    const sp_axes_opts *o, int labelled)
{
	shmplot_status st = SHMPLOT_OK;
	if (o->title != SP_NONE)
		st =
		    shmplot_axes_set_title(ax, sp_text_get(&m->text, o->title));
	if (!st && o->xlabel != SP_NONE)
		st = shmplot_axes_set_xlabel(ax,
					     sp_text_get(&m->text, o->xlabel));
	if (!st && o->ylabel != SP_NONE)
		st = shmplot_axes_set_ylabel(ax,
					     sp_text_get(&m->text, o->ylabel));
	if (!st && o->has_xlim)
		st = shmplot_axes_set_xlim(ax, o->xlim[0], o->xlim[1]);
	if (!st && o->has_ylim)
		st = shmplot_axes_set_ylim(ax, o->ylim[0], o->ylim[1]);
	if (!st)
		st = shmplot_axes_set_xscale(ax, (shmplot_scale)o->xscale);
	if (!st)
		st = shmplot_axes_set_yscale(ax, (shmplot_scale)o->yscale);
	if (!st)
		st = shmplot_axes_set_grid(ax, o->grid);
	if (!st)
		st = shmplot_axes_set_pole_segments(ax, o->pole);
	if (!st)
		st = shmplot_axes_set_exact(ax, o->exact);
	if (!st && o->aspect != 0)
		st = shmplot_axes_set_aspect(ax, o->aspect > 0 ? o->aspect : 0);
	if (!st && o->has_margins)
		st = shmplot_axes_set_margins(ax, o->margins[0], o->margins[1]);
	if (!st && o->face)
		st = shmplot_axes_set_facecolor(ax, o->face == SPR_NONE_COLOR
							? SHMPLOT_COLOR_NONE
							: o->face & 0xffffffu);
	/* Labelled lines get a legend unless the spec says otherwise. */
	if (!st)
		st = shmplot_axes_set_legend(
		    ax, o->has_legend ? (shmplot_legend_loc)o->legend
			: labelled    ? SHMPLOT_LEGEND_BEST
				      : SHMPLOT_LEGEND_NONE);
	if (!st)
		st = sp_legend_build(m, o, ax);
	return st;
}

/*
 * Lists the figure API's message about axes j of figure i (its line k, or
 * the axes itself when k is SP_NONE) at its JSON path, made only now.
 */
static void build_problem(sp_problems *pr, shmplot_figure *fig,
			  const sp_fig_def *f, size_t i, size_t j, uint32_t k)
{
	char path[SP_PATH_BUF], p[SP_PATH_BUF];
	sp_path_ix(path, "figures", i);
	if (f->axes_array)
		sp_path_ix(path, sp_path_key(p, path, "axes"), j);
	if (k != SP_NONE)
		sp_path_ix(path, sp_path_key(p, path, "lines"), k);
	sp_problem(pr, path, "%s", shmplot_figure_errmsg(fig));
}

/* Axes j of figure i (f): its lines, then its options. */
static shmplot_status build_axes(const sp_model *m, const sp_fig_def *f,
				 size_t i, shmplot_figure *fig, size_t j,
				 sp_problems *pr)
{
	const sp_axes_def *a = &m->axes[f->axes0 + j];
	shmplot_axes *ax =
	    shmplot_figure_axes(fig, (int)(j / f->cols), (int)(j % f->cols));
	shmplot_status st = SHMPLOT_OK;
	int labelled = 0;
	for (uint32_t k = 0; k < a->nlines && !st; k++) {
		const sp_line_def *d = &m->lines[a->line0 + k];
		if ((st = sp_line_build(m, d, ax)))
			build_problem(pr, fig, f, i, j, k);
		labelled |= d->label != SP_NONE ||
			    (d->item.kind && spr_item_label(&d->item));
	}
	/* a twin's lines in this legend count as its own */
	for (uint32_t k = 0; a->twin && a->twin_legend && k < a->twin->nlines;
	     k++) {
		const sp_line_def *d = &m->lines[a->twin->line0 + k];
		labelled |= d->label != SP_NONE ||
			    (d->item.kind && spr_item_label(&d->item));
	}
	if (!st && (st = set_axes_opts(m, ax, &a->o, labelled)))
		build_problem(pr, fig, f, i, j, SP_NONE);
	if (!st && (st = sp_axis_build(m, a, ax)))
		build_problem(pr, fig, f, i, j, SP_NONE);
	return st;
}

shmplot_status sp_axes_build_twin(const sp_model *m, const sp_axes_def *a,
				  shmplot_axes *ax)
{
	shmplot_status st = SHMPLOT_OK;
	for (uint32_t k = 0; k < a->nlines && !st; k++)
		st = sp_line_build(m, &m->lines[a->line0 + k], ax);
	if (!st)
		st = set_axes_opts(m, ax, &a->o, 0);
	return st;
}

/* Figure i, described by f, through the public API. */
static shmplot_status build_figure(const sp_model *m, const sp_fig_def *f,
				   size_t i, sp_problems *pr,
				   shmplot_figure **out)
{
	char path[SP_PATH_BUF], err[SP_ERRLEN];
	shmplot_figure *fig;
	shmplot_status st =
	    shmplot_figure_new(&fig, sp_text_get(&m->text, f->name), f->w, f->h,
			       f->dpi, err, sizeof err);
	if (st) {
		sp_problem(pr, sp_path_ix(path, "figures", i), "%s", err);
		return st;
	}
	/* A new figure is one axes, shared with nothing. */
	if (f->rows != 1 || f->cols != 1 || f->share)
		st = shmplot_figure_set_grid(fig, f->rows, f->cols, f->share);
	if (st)
		sp_problem(pr, sp_path_ix(path, "figures", i), "%s",
			   shmplot_figure_errmsg(fig));
	for (size_t j = 0; !st && j < f->naxes; j++)
		st = build_axes(m, f, i, fig, j, pr);
	if (!st && (st = sp_figtext_build(m, &f->ft, fig)))
		sp_problem(pr, sp_path_ix(path, "figures", i), "%s",
			   shmplot_figure_errmsg(fig));
	if (st) {
		shmplot_figure_free(fig);
		return st;
	}
	*out = fig;
	return SHMPLOT_OK;
}
