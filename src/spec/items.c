/* SPDX-License-Identifier: MIT */
/*
 * An entry of "lines" with a "kind", both passes, for any kind the
 * renderer has: pass 1 reads each key by the type of the kind's field of
 * that name (render.h's descriptors, whose ranges the figure API checks
 * too) into an item of the kind, and checks the kind's own rules on the
 * series' lengths; pass 2 sets the fields given through the public item
 * API. Nothing here names a kind.
 */
#include "figure/figure.h"
#include "spec/spec_colors.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Every kind's name and "plot", for suggestions. */
static void suggest_kinds(sp_suggest *s)
{
	for (size_t i = 0; i < spr_kind_count(); i++)
		sp_suggest_try(s, spr_kind_name(spr_kind_at(i)));
	sp_suggest_try(s, "plot");
}

/* "kind": one the renderer has, or NULL (listed). */
static const spr_kind *item_kind(sp_loader *l, const cJSON *it,
				 const char *path)
{
	char p[SP_PATH_BUF], sug[SP_SUGGEST_LEN], list[256];
	const char *name;
	const spr_kind *k;
	size_t at = 0;

	if (sp_json_str(l->pr, it, sp_path_key(p, path, "kind"), &name))
		return NULL;
	if ((k = spr_kind_find(name)))
		return k;
	sp_suggest s;
	sp_suggest_init(&s, name);
	suggest_kinds(&s);
	list[0] = 0;
	for (size_t i = 0; i < spr_kind_count() && at < sizeof list; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s, ",
				       spr_kind_name(spr_kind_at(i)));
	sp_problem(l->pr, p, "unknown kind \"%s\"%s; the kinds are %splot",
		   name, sp_suggest_text(&s, sug, sizeof sug), list);
	return NULL;
}

/* A number field: in the field's range. */
static void get_num(sp_loader *l, const cJSON *it, const char *p,
		    const spr_field *f, void *params)
{
	double v;
	char a[SP_NUM_BUF], b[SP_NUM_BUF], c[SP_NUM_BUF];
	if (sp_json_num(l->pr, it, p, &v))
		return;
	if (spr_field_accepts(f, v))
		spr_field_set(f, params, v);
	else if (f->max == DBL_MAX) /* unbounded above: not [0, 1.8e308] */
		sp_problem(l->pr, p, "%s is below %s", sp_num_text(a, v),
			   sp_num_text(b, f->min));
	else
		sp_problem(l->pr, p, "%s is outside [%s, %s]",
			   sp_num_text(a, v), sp_num_text(b, f->min),
			   sp_num_text(c, f->max));
}

/* An enumeration's unknown name: the closest, and every name. */
static void bad_choice(sp_loader *l, const char *p, const char *s,
		       const spr_field *f)
{
	char sug[SP_SUGGEST_LEN], list[256];
	size_t n = (size_t)(f->max - f->min) + 1, at = 0;
	sp_suggest g;
	sp_suggest_init(&g, s);
	sp_suggest_all(&g, f->names, n);
	list[0] = 0;
	/* whole names only: a long enumeration (colormaps) ends in "..." */
	for (size_t i = 0; i < n; i++) {
		size_t w = strlen(f->names[i]) + 4;
		if (at + w + 6 >= sizeof list) {
			snprintf(list + at, sizeof list - at, ", ...");
			break;
		}
		at += (size_t)snprintf(list + at, sizeof list - at, "%s\"%s\"",
				       i ? ", " : "", f->names[i]);
	}
	sp_problem(l->pr, p, "unknown %s \"%s\"%s; one of %s", f->name, s,
		   sp_suggest_text(&g, sug, sizeof sug), list);
}

/* A whole-number field: an enumeration by name, a flag as true/false or
 * a number, a count as a number. */
static void get_int(sp_loader *l, const cJSON *it, const char *p,
		    const spr_field *f, void *params)
{
	long long v;
	int on, ix;
	if (f->names) {
		const char *s;
		if (sp_json_str(l->pr, it, p, &s))
			return;
		if (spr_field_choice(f, s, &ix) == 0)
			spr_field_set(f, params, ix);
		else
			bad_choice(l, p, s, f);
		return;
	}
	if (f->min == 0 && f->max == 1 && cJSON_IsBool(it)) {
		if (!sp_json_bool(l->pr, it, p, &on))
			spr_field_set(f, params, on);
		return;
	}
	if (!sp_json_int(l->pr, it, p, f->min, f->max, &v))
		spr_field_set(f, params, (double)v);
}

static void get_color(sp_loader *l, const cJSON *it, const char *p,
		      const spr_field *f, void *params)
{
	const char *s;
	uint32_t rgb;
	double alpha;
	int k = sp_json_color(l->pr, it, p, &s, &rgb, &alpha);
	if (k == SP_COLOR_BAD)
		return;
	if (k == SP_COLOR_TUPLE) {
		/* an opacity only in "color" (item_color_alpha() takes it) */
		if (alpha == 1 || strcmp(f->name, "color") == 0)
			spr_field_set(f, params, rgb);
		else
			sp_color_alpha_problem(l->pr, p);
		return;
	}
	if ((f->flags & SPR_FF_NONE) && strcasecmp(s, "none") == 0) {
		spr_field_set(f, params, SPR_NONE_COLOR);
		return;
	}
	/* an opacity only in "color" (item_color_alpha() takes it) */
	if (sp_color_parse_alpha(s, &rgb, &alpha) &&
	    (alpha == 1 || strcmp(f->name, "color") == 0))
		spr_field_set(f, params, rgb);
	else
		sp_color_problem(l->pr, p, s, (f->flags & SPR_FF_NONE) != 0);
}

static void get_text(sp_loader *l, const cJSON *it, const char *p,
		     const spr_field *f, void *params)
{
	const char *s;
	if (sp_json_label(l->pr, it, p, &s))
		return;
	if (strlen(s) > f->maxlen)
		sp_problem(l->pr, p, "longer than %zu bytes", f->maxlen);
	else if (spr_field_set_text(f, params, s))
		sp_nomem(l->pr);
}

/* An array field: [numbers], each in the field's range. */
static void get_array(sp_loader *l, const cJSON *it, const char *p,
		      const spr_field *f, void *params)
{
	char q[SP_PATH_BUF], a[SP_NUM_BUF], b[SP_NUM_BUF], c[SP_NUM_BUF];
	size_t n = sp_json_count(it), i = 0;
	if ((f->flags & SPR_FF_SCALAR) && cJSON_IsNumber(it)) {
		double one = it->valuedouble;
		if (!spr_field_accepts(f, one))
			sp_problem(l->pr, p, "%s is outside [%s, %s]",
				   sp_num_text(a, one), sp_num_text(b, f->min),
				   sp_num_text(c, f->max));
		else if (spr_field_set_array(f, params, &one, 1))
			sp_nomem(l->pr);
		return;
	}
	if (!cJSON_IsArray(it) || n > f->maxlen) {
		sp_problem(l->pr, p, "expected an array of at most %zu numbers",
			   f->maxlen);
		return;
	}
	double *v = n ? calloc(n, sizeof *v) : NULL;
	if (n && !v) {
		sp_nomem(l->pr);
		return;
	}
	int bad = 0;
	for (const cJSON *e = it->child; e; e = e->next, i++) {
		sp_path_ix(q, p, i);
		if (sp_json_num(l->pr, e, q, &v[i])) {
			bad = 1;
		} else if (!spr_field_accepts(f, v[i])) {
			sp_problem(l->pr, q, "%s is outside [%s, %s]",
				   sp_num_text(a, v[i]), sp_num_text(b, f->min),
				   sp_num_text(c, f->max));
			bad = 1;
		}
	}
	if (!bad && spr_field_set_array(f, params, v, n))
		sp_nomem(l->pr);
	free(v);
}

/* A list-of-strings field. */
static void get_strings(sp_loader *l, const cJSON *it, const char *p,
			const spr_field *f, void *params)
{
	char q[SP_PATH_BUF];
	size_t n = sp_json_count(it), i = 0;
	if (!cJSON_IsArray(it) || n > f->maxlen) {
		sp_problem(l->pr, p, "expected an array of at most %zu strings",
			   f->maxlen);
		return;
	}
	const char **v = n ? calloc(n, sizeof *v) : NULL;
	if (n && !v) {
		sp_nomem(l->pr);
		return;
	}
	int bad = 0;
	for (const cJSON *e = it->child; e; e = e->next, i++)
		bad |= sp_json_str(l->pr, e, sp_path_ix(q, p, i), &v[i]) != 0;
	if (!bad && spr_field_set_strings(f, params, v, n))
		sp_nomem(l->pr);
	free(v);
}

/*
 * A reference to a series into field f, whose kind is k: a series of the
 * dimensions f takes (2-D for SPR_F_SERIES2D, else 1-D), else listed.
 */
static void ref_into(sp_loader *l, const spr_kind *k, const cJSON *it,
		     const char *p, const spr_field *f, void *params)
{
	char what[96];
	uint32_t ix;
	if (sp_series_ref(l, it, p, l->m.nseries, &ix))
		return;
	if (k)
		snprintf(what, sizeof what, "%s's %s", spr_kind_name(k),
			 f->name);
	else
		snprintf(what, sizeof what, "%s", f->name);
	if (!sp_series_dims(l, ix, f->type == SPR_F_SERIES2D, what, p))
		spr_field_set(f, params, ix);
}

/* The field after f (index i of nf) that takes the second of a pair:
 * the next SERIES field; SIZE_MAX if there is none. */
static size_t pair_of(const spr_field *f, size_t i, size_t nf)
{
	for (size_t j = i + 1; j < nf; j++)
		if (f[j].type == SPR_F_SERIES)
			return j;
	return SIZE_MAX;
}

/*
 * A series field (index i of the kind's nf fields f): a series name; for
 * an SPR_FF_OR_NUMBER field a number too (into the NUM field after it),
 * for an SPR_FF_PAIR field [first, second] (the second into the next
 * series field). Returns the bits of the fields given.
 */
static uint64_t get_series(sp_loader *l, const spr_kind *k, const cJSON *it,
			   const char *p, const spr_field *f, size_t i,
			   size_t nf, void *params)
{
	char q[SP_PATH_BUF];
	size_t j;

	if ((f[i].flags & SPR_FF_OR_NUMBER) && cJSON_IsNumber(it)) {
		get_num(l, it, p, &f[i + 1], params);
		return (uint64_t)1 << (i + 1);
	}
	if ((f[i].flags & SPR_FF_OR_CHOICE) && cJSON_IsString(it)) {
		int v;
		for (j = i + 1; j < nf; j++)
			if (f[j].type == SPR_F_INT && f[j].names)
				break;
		if (j < nf &&
		    spr_field_choice(&f[j], it->valuestring, &v) == 0 &&
		    v != (int)f[j].def) {
			spr_field_set(&f[j], params, v);
			return (uint64_t)1 << j;
		}
	}
	if ((f[i].flags & SPR_FF_PAIR) && cJSON_IsArray(it) &&
	    (j = pair_of(f, i, nf)) != SIZE_MAX) {
		if (sp_json_count(it) != 2) {
			sp_problem(
			    l->pr, p,
			    "expected a series name%s or [lower, upper], "
			    "two series names",
			    (f[i].flags & SPR_FF_OR_NUMBER) ? ", a number"
							    : "");
			return 0;
		}
		ref_into(l, k, it->child, sp_path_ix(q, p, 0), &f[i], params);
		ref_into(l, k, it->child->next, sp_path_ix(q, p, 1), &f[j],
			 params);
		return ((uint64_t)1 << i) | ((uint64_t)1 << j);
	}
	ref_into(l, k, it, p, &f[i], params);
	return (uint64_t)1 << i;
}

/* One key: the value of field f, read by its type into params. */
static void get_field(sp_loader *l, const spr_kind *k, const cJSON *it,
		      const char *p, const spr_field *f, void *params)
{
	switch (f->type) {
	case SPR_F_NUM:
		get_num(l, it, p, f, params);
		break;
	case SPR_F_INT:
		get_int(l, it, p, f, params);
		break;
	case SPR_F_COLOR:
		get_color(l, it, p, f, params);
		break;
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		ref_into(l, k, it, p, f, params);
		break;
	case SPR_F_TEXT:
		get_text(l, it, p, f, params);
		break;
	case SPR_F_ARRAY:
		get_array(l, it, p, f, params);
		break;
	default:
		get_strings(l, it, p, f, params);
		break;
	}
}

/*
 * The kind's own rules (x and y of one length ...), on the series'
 * lengths: the data is not read yet. Listed at path.
 */
static void check_rules(sp_loader *l, const spr_item *it, const char *path)
{
	char why[SP_ERRLEN];
	if (!l->lens) {
		l->lens =
		    calloc(l->m.nseries ? l->m.nseries : 1, sizeof *l->lens);
		if (!l->lens) {
			sp_nomem(l->pr);
			return;
		}
		for (size_t i = 0; i < l->m.nseries; i++) {
			l->lens[i].n = l->m.series[i].n;
			l->lens[i].cols = l->m.series[i].cols;
		}
	}
	if (spr_item_check_rules(it, l->lens, why, sizeof why))
		sp_problem(l->pr, path, "%s: %s", spr_kind_name(it->kind), why);
}

#define MAX_FIELDS 64 /* bits of sp_line_def.given */

/*
 * A field named "group.key" is key of the object group, as matplotlib
 * takes arrowprops=dict(arrowstyle="->"): the spec writes
 * "arrowprops": {"arrowstyle": "->"}. The member of obj for field name,
 * or NULL.
 */
static const cJSON *group_member(const cJSON *obj, const char *name)
{
	const char *dot = strchr(name, '.');
	char group[64];

	if (!dot)
		return sp_json_member(obj, name);
	if ((size_t)(dot - name) >= sizeof group)
		return NULL;
	memcpy(group, name, (size_t)(dot - name));
	group[dot - name] = '\0';
	obj = sp_json_member(obj, group);
	return cJSON_IsObject(obj) ? sp_json_member(obj, dot + 1) : NULL;
}

/*
 * The groups of the kind's "group.key" fields: each an object whose keys
 * are checked as an item's are, listed at path.group. Their names go to
 * keys (from *nk on), the items' own allowed keys; buf holds them.
 */
static void check_groups(sp_loader *l, const cJSON *obj, const char *path,
			 const spr_field *f, size_t nf, const char **keys,
			 size_t *nk, char (*buf)[64])
{
	char p[SP_PATH_BUF];
	const char *sub[MAX_FIELDS + 1];
	size_t ng = 0;

	for (size_t i = 0; i < nf; i++) {
		const char *dot = strchr(f[i].name, '.');
		size_t n = dot ? (size_t)(dot - f[i].name) : 0, g, ns = 0;
		if (!dot || n >= 64)
			continue;
		for (g = 0; g < ng; g++)
			if (strncmp(buf[g], f[i].name, n) == 0 && !buf[g][n])
				break;
		if (g < ng)
			continue;
		memcpy(buf[ng], f[i].name, n);
		buf[ng][n] = '\0';
		keys[(*nk)++] = buf[ng++];
		for (size_t j = i; j < nf; j++)
			if (strncmp(f[j].name, f[i].name, n + 1) == 0)
				sub[ns++] = f[j].name + n + 1;
		sub[ns] = NULL;
		const cJSON *o = sp_json_member(obj, buf[g]);
		sp_path_key(p, path, buf[g]);
		if (o && !cJSON_IsObject(o))
			sp_problem(l->pr, p, "expected an object, not %s",
				   sp_json_type(o));
		else if (o)
			sp_json_check_keys(l->pr, o, p, sub);
	}
}

/*
 * Other names of fields: matplotlib's aliases (Line2D's and Patch's:
 * `lw` is `linewidth`), and the line kind's legacy names, which a line
 * without a kind had before kinds (`width`, `style`, `marker_size`). An
 * alias counts for a kind that has its field and no field of the alias'
 * own name (bar's `width` is its own).
 */
#define LEGACY 10 /* aliases[LEGACY..]: the line kind's only */
static const struct {
	const char *alias, *field;
} aliases[] = {
    {"c", "color"},
    {"ls", "linestyle"},
    {"lw", "linewidth"},
    {"ms", "markersize"},
    {"mfc", "markerfacecolor"},
    {"mec", "markeredgecolor"},
    {"mew", "markeredgewidth"},
    {"ds", "drawstyle"},
    {"ec", "edgecolor"},
    {"fc", "facecolor"},
    {"width", "linewidth"},
    {"style", "linestyle"},
    {"marker_size", "markersize"},
};
#define NALIASES (sizeof aliases / sizeof *aliases)

/* Whether alias a names a field of the kind k. */
static int alias_applies(const spr_kind *k, size_t a)
{
	if (a >= LEGACY && strcmp(spr_kind_name(k), "line") != 0)
		return 0;
	return spr_kind_field(k, aliases[a].field) &&
	       !spr_kind_field(k, aliases[a].alias);
}

/*
 * The member of obj that gives field f of kind k, by its name or an
 * alias, with the key it was given by in *key; NULL if none. Both a name
 * and its alias is a problem, as matplotlib's "Got both 'linewidth' and
 * 'lw'" (listed; the name wins).
 */
static const cJSON *field_member(sp_loader *l, const cJSON *obj,
				 const char *path, const spr_kind *k,
				 const spr_field *f, const char **key)
{
	char p[SP_PATH_BUF];
	const cJSON *it = group_member(obj, f->name), *al;
	*key = f->name;
	for (size_t a = 0; a < NALIASES; a++) {
		if (strcmp(aliases[a].field, f->name) != 0 ||
		    !alias_applies(k, a) ||
		    !(al = sp_json_member(obj, aliases[a].alias)))
			continue;
		if (it) {
			sp_problem(l->pr,
				   sp_path_key(p, path, aliases[a].alias),
				   "\"%s\" is another name of \"%s\", given "
				   "too",
				   aliases[a].alias, *key);
			continue;
		}
		it = al;
		*key = aliases[a].alias;
	}
	return it;
}

/*
 * A "color" with an opacity ("#rrggbb80") is the item's alpha unless
 * "alpha" is given, as matplotlib's alpha=None keeps the colour's: into
 * the kind's alpha field (nf fields f), marked given in d.
 */
static void item_color_alpha(sp_loader *l, const cJSON *obj, const char *path,
			     const spr_field *f, size_t nf, sp_line_def *d)
{
	char p[SP_PATH_BUF];
	const cJSON *c = sp_json_member(obj, "color");
	if (!c)
		c = sp_json_member(obj, "c");
	uint32_t rgb;
	double alpha;
	const char *s;
	/* problems with the colour itself are get_color()'s to list */
	int k =
	    c ? sp_json_color(NULL, c, NULL, &s, &rgb, &alpha) : SP_COLOR_BAD;
	if (k == SP_COLOR_BAD ||
	    (k == SP_COLOR_STRING && !sp_color_parse_alpha(s, &rgb, &alpha)) ||
	    alpha == 1 || sp_json_member(obj, "alpha"))
		return;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(f[i].name, "alpha") == 0 && f[i].type == SPR_F_NUM) {
			spr_field_set(&f[i], d->item.p, alpha);
			d->given |= (uint64_t)1 << i;
			return;
		}
	sp_problem(l->pr, sp_path_key(p, path, c->string),
		   "%s has no \"alpha\": its colour cannot have an opacity",
		   spr_kind_name(d->item.kind));
}

/*
 * scatter's "c": a series of values, or as matplotlib also takes it one
 * colour ("c": "steelblue"), which is then the kind's "color". A string
 * names a series first; else, if it is a colour, that member is returned.
 */
static const cJSON *c_as_color(const sp_loader *l, const cJSON *obj,
			       const spr_kind *k)
{
	const cJSON *c = sp_json_member(obj, "c");
	const spr_field *fc = spr_kind_field(k, "c");
	const spr_field *fcol = spr_kind_field(k, "color");
	uint32_t rgb;
	double alpha;
	size_t i;
	if (!c || !cJSON_IsString(c) || !fc || fc->type != SPR_F_SERIES ||
	    !fcol || fcol->type != SPR_F_COLOR ||
	    sp_nameset_find(&l->series_ix, c->valuestring, &i))
		return NULL;
	return sp_color_parse_alpha(c->valuestring, &rgb, &alpha) ? c : NULL;
}

shmplot_status sp_item_parse(sp_loader *l, const cJSON *obj, const char *path,
			     sp_line_def *d)
{
	char p[SP_PATH_BUF];
	const char *keys[2 * MAX_FIELDS + NALIASES + 2], *key;
	char groups[MAX_FIELDS][64];
	size_t before = sp_problem_count(l->pr), nf, i, nk;
	size_t bad_refs = l->bad_refs;
	const cJSON *kj = sp_json_member(obj, "kind");
	/* an entry without a kind is a line (sp_line_parse) */
	const spr_kind *k = kj ? item_kind(l, kj, path) : spr_kind_find("line");
	if (!k)
		return SHMPLOT_E_INVALID;
	const spr_field *f = spr_kind_fields(k, &nf);
	if (nf > MAX_FIELDS)
		return SHMPLOT_E_INVALID; /* no kind has as many */
	for (i = nk = 0; i < nf; i++)
		if (!strchr(f[i].name, '.'))
			keys[nk++] = f[i].name;
	check_groups(l, obj, path, f, nf, keys, &nk, groups);
	for (i = 0; i < NALIASES; i++)
		if (alias_applies(k, i))
			keys[nk++] = aliases[i].alias;
	keys[nk] = "kind";
	keys[nk + 1] = NULL;
	sp_json_check_keys(l->pr, obj, path, keys);
	memset(d, 0, sizeof *d);
	d->x = d->y = d->label = SP_NONE;
	if (spr_item_init(&d->item, k))
		return sp_nomem(l->pr);
	const cJSON *cc = c_as_color(l, obj, k);
	for (i = 0; i < nf && !l->pr->nomem; i++) {
		const cJSON *it = field_member(l, obj, path, k, &f[i], &key);
		if (cc && it == cc)
			continue; /* "c" is a colour: read as "color" */
		if (cc && strcmp(f[i].name, "color") == 0) {
			if (it)
				sp_problem(l->pr, sp_path_key(p, path, "c"),
					   "\"c\" is a colour here, another "
					   "name of \"color\", given too");
			else
				it = cc, key = "c";
		}
		/* the number for a series, read with it */
		if (i > 0 && f[i - 1].type == SPR_F_SERIES &&
		    (f[i - 1].flags & SPR_FF_OR_NUMBER))
			continue;
		if (it && f[i].type == SPR_F_SERIES) {
			d->given |=
			    get_series(l, k, it, sp_path_key(p, path, key), f,
				       i, nf, d->item.p);
		} else if (it && cJSON_IsArray(it) && f[i].type == SPR_F_INT &&
			   strcmp(f[i].name, "linestyle") == 0) {
			d->given |= sp_dash_tuple(
			    l, k, it, sp_path_key(p, path, key), d->item.p);
		} else if (it) {
			d->given |= (uint64_t)1 << i;
			get_field(l, k, it, sp_path_key(p, path, key), &f[i],
				  d->item.p);
		} else if ((f[i].type == SPR_F_SERIES ||
			    f[i].type == SPR_F_SERIES2D) &&
			   !(f[i].flags & SPR_FF_OPTIONAL)) {
			sp_problem(l->pr, path,
				   "%s needs \"%s\": a series name",
				   spr_kind_name(k), f[i].name);
		}
	}
	if (sp_problem_count(l->pr) == before)
		item_color_alpha(l, obj, path, f, nf, d);
	/* a refused series leaves its field unset: no rules on it */
	if (sp_problem_count(l->pr) == before && l->bad_refs == bad_refs &&
	    !l->pr->nomem)
		check_rules(l, &d->item, path);
	shmplot_status st = sp_problems_since(l->pr, before);
	if (st)
		spr_item_free(&d->item);
	return st;
}

void sp_item_mark_used(const sp_line_def *d, uint8_t *used)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(d->item.kind, &nf);
	for (size_t i = 0; i < nf; i++) {
		if (f[i].type != SPR_F_SERIES && f[i].type != SPR_F_SERIES2D)
			continue;
		double v = spr_field_get(&f[i], d->item.p);
		if (v != SPR_NO_SERIES)
			used[(size_t)v] = 1;
	}
}

void sp_item_mark_extremes(const sp_line_def *d, sp_model *m)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(d->item.kind, &nf);
	for (size_t i = 0; i < nf; i++) {
		if (f[i].type != SPR_F_SERIES ||
		    !(f[i].flags & SPR_FF_EXTREMES))
			continue;
		double v = spr_field_get(&f[i], d->item.p);
		if (v != SPR_NO_SERIES)
			m->series[(size_t)v].extremes = 1;
	}
}

/* Field f (given in the spec) of d, through the public item API. */
static shmplot_status set_one(const sp_model *m, shmplot_item *h,
			      const spr_field *f, const void *params)
{
	const void *v = spr_field_cptr(f, params);
	switch (f->type) {
	case SPR_F_NUM:
	case SPR_F_INT:
		return shmplot_item_set_number(h, f->name,
					       spr_field_get(f, params));
	case SPR_F_COLOR:
		return shmplot_item_set_color(h, f->name, *(const uint32_t *)v);
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		return shmplot_item_set_series(
		    h, f->name, m->series[*(const uint32_t *)v].id);
	case SPR_F_TEXT:
		return shmplot_item_set_text(h, f->name, *(char *const *)v);
	case SPR_F_ARRAY: {
		const spr_array *a = v;
		return shmplot_item_set_array(h, f->name, a->v, a->n);
	}
	default: {
		const spr_strings *a = v;
		return shmplot_item_set_strings(
		    h, f->name, (const char *const *)a->s, a->n);
	}
	}
}

shmplot_status sp_item_build(const sp_model *m, const sp_line_def *d,
			     shmplot_axes *ax)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(d->item.kind, &nf);
	shmplot_item *h;
	shmplot_status st =
	    shmplot_axes_add(ax, spr_kind_name(d->item.kind), &h);
	for (size_t i = 0; !st && i < nf; i++)
		if (d->given & ((uint64_t)1 << i))
			st = set_one(m, h, &f[i], d->item.p);
	return st;
}

void sp_field_read(sp_loader *l, const cJSON *it, const char *path,
		   const spr_field *f, void *params)
{
	get_field(l, NULL, it, path, f, params); /* no kind: axis options */
}

shmplot_status sp_field_build(const sp_model *m, shmplot_item *h,
			      const spr_field *f, const void *params)
{
	return set_one(m, h, f, params);
}
