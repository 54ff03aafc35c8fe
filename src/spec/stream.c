/* SPDX-License-Identifier: MIT */
/*
 * Pass 1 over the text of a spec. The root object is walked member by
 * member (scan.c) and each value is parsed by cJSON on its own, so the
 * loader never holds the tree of the whole spec: the series object is
 * counted and named before any definition is parsed, then read one
 * definition at a time. A syntax error, wherever it is found, ends the
 * pass as the one problem listed, as when cJSON refused the whole text.
 */
#include "shmplot/spec.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <stdlib.h>
#include <string.h>

/* How much of the text at a syntax error its message quotes. */
#define SYNTAX_NEAR 20

/* The text being read. */
typedef struct text {
	const char *json;
	size_t len;
} text;

/*
 * Lists "line L, column C: WHAT near `...`" about the byte at off (len:
 * the end of the text).
 */
static void text_problem(sp_problems *pr, const text *t, size_t off,
			 const char *what)
{
	size_t line = 1, col = 1;
	for (size_t i = 0; i < off; i++) {
		if (t->json[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	char near[SYNTAX_NEAR + 1], where[SP_PATH_BUF];
	size_t k = 0;
	for (size_t i = off;
	     i < t->len && k < SYNTAX_NEAR && t->json[i] != '\n'; i++)
		near[k++] =
		    (unsigned char)t->json[i] >= 0x20 ? t->json[i] : ' ';
	near[k] = '\0';
	sp_error(where, sizeof where, SHMPLOT_E_INVALID,
		 "line %zu, column %zu%s", line, col,
		 k ? "" : " (end of file)");
	sp_problem(pr, where, "%s%s%s%s", what, k ? " near `" : "", near,
		   k ? "`" : "");
}

/* A problem with the text itself: it replaces any listed so far. */
static shmplot_status syntax(sp_loader *l, const text *t, size_t off,
			     const char *why)
{
	sp_problems_free(l->pr);
	text_problem(l->pr, t, off, why);
	l->syntax = 1;
	return SHMPLOT_E_INVALID;
}

/* cJSON's tree of the value at v, or NULL with the syntax error listed. */
static cJSON *parse_span(sp_loader *l, const text *t, sp_span v)
{
	const char *end = NULL;
	cJSON *it =
	    cJSON_ParseWithLengthOpts(t->json + v.at, v.end - v.at, &end, 0);
	if (it && end == t->json + v.end)
		return it;
	cJSON_Delete(it);
	syntax(l, t,
	       end && end >= t->json + v.at && end <= t->json + v.end
		   ? (size_t)(end - t->json)
		   : v.end,
	       "invalid JSON");
	return NULL;
}

/* A key's string token decoded (cJSON's node: its valuestring), or NULL. */
static cJSON *parse_key(sp_loader *l, const text *t, sp_span k)
{
	cJSON *key = parse_span(l, t, k);
	if (key && !cJSON_IsString(key)) {
		cJSON_Delete(key);
		syntax(l, t, k.at, "invalid JSON");
		return NULL;
	}
	return key;
}

/* ---- series, one definition at a time ---- */

static shmplot_status series_object(sp_loader *l, const text *t, sp_span obj)
{
	sp_json_cursor c;
	sp_span k, v;
	size_t n = 0, i = 0;
	/* Counted first: too many is said before anything is parsed. */
	sp_json_open(&c, t->json, t->len, obj.at);
	while (sp_json_next(&c, &k, &v))
		n++;
	if (c.why)
		return syntax(l, t, c.err, c.why);
	shmplot_status st = sp_series_begin(l, n);
	if (st)
		return st;
	/* Names first, so that a reference to a later series can say so. */
	sp_json_open(&c, t->json, t->len, obj.at);
	while (!l->pr->nomem && sp_json_next(&c, &k, &v)) {
		cJSON *key = parse_key(l, t, k);
		if (!key)
			return SHMPLOT_E_INVALID;
		sp_series_name(l, key->valuestring);
		cJSON_Delete(key);
	}
	sp_json_open(&c, t->json, t->len, obj.at);
	while (!l->pr->nomem && sp_json_next(&c, &k, &v)) {
		cJSON *def = parse_span(l, t, v);
		if (!def)
			return SHMPLOT_E_INVALID;
		sp_series_define(l, def, i++);
		cJSON_Delete(def);
	}
	return sp_problems_since(l->pr, 0);
}

static shmplot_status series_member(sp_loader *l, const text *t, sp_span v)
{
	if (t->json[v.at] == '{')
		return series_object(l, t, v);
	cJSON *it = parse_span(l, t, v);
	if (!it)
		return SHMPLOT_E_INVALID;
	sp_problem(l->pr, "series",
		   "expected an object of name: definition, not %s",
		   sp_json_type(it));
	cJSON_Delete(it);
	return SHMPLOT_E_INVALID;
}

/* ---- the root object ---- */

static const char *const top_keys[] = {"shmplot", "series", "figures",
				       "defaults", NULL};
enum { TOP_SHMPLOT, TOP_SERIES, TOP_FIGURES, TOP_DEFAULTS, NTOP };

/* The root's members: each top key's first value, and a skeleton. */
typedef struct root {
	sp_span v[NTOP];
	int has[NTOP];
	cJSON *keys; /* an object of the root's keys, all null: for
			sp_json_check_keys() */
} root;

/* Walks the root object at open; its keys to r, the text after it. */
static shmplot_status walk_root(sp_loader *l, const text *t, size_t open,
				root *r)
{
	sp_json_cursor c;
	sp_span k, v;
	sp_json_open(&c, t->json, t->len, open);
	while (sp_json_next(&c, &k, &v)) {
		cJSON *key = parse_key(l, t, k);
		if (!key)
			return SHMPLOT_E_INVALID;
		for (int i = 0; i < NTOP; i++)
			if (!r->has[i] &&
			    strcmp(key->valuestring, top_keys[i]) == 0) {
				r->has[i] = 1;
				r->v[i] = v;
			}
		cJSON *null = cJSON_CreateNull();
		if (!null ||
		    !cJSON_AddItemToObject(r->keys, key->valuestring, null)) {
			cJSON_Delete(null);
			cJSON_Delete(key);
			return sp_nomem(l->pr);
		}
		cJSON_Delete(key);
	}
	if (c.why)
		return syntax(l, t, c.err, c.why);
	size_t after = sp_json_ws(t->json, t->len, c.pos);
	if (after < t->len)
		return syntax(l, t, after,
			      "text after the spec's JSON value (a spec is one "
			      "object)");
	return SHMPLOT_OK;
}

/* "shmplot": the format version. */
static shmplot_status check_version(sp_loader *l, const text *t, const root *r)
{
	if (!r->has[TOP_SHMPLOT]) {
		sp_problem(l->pr, "shmplot",
			   "missing: a spec starts with \"shmplot\": %d (the "
			   "format version)",
			   SHMPLOT_SPEC_VERSION);
		return SHMPLOT_OK;
	}
	cJSON *ver = parse_span(l, t, r->v[TOP_SHMPLOT]);
	if (!ver)
		return SHMPLOT_E_INVALID;
	if (!cJSON_IsNumber(ver))
		sp_problem(l->pr, "shmplot",
			   "expected the format version %d, not %s",
			   SHMPLOT_SPEC_VERSION, sp_json_type(ver));
	else if (ver->valuedouble != SHMPLOT_SPEC_VERSION)
		sp_problem(l->pr, "shmplot",
			   "format version %g is not supported; this shmplot "
			   "reads version %d",
			   ver->valuedouble, SHMPLOT_SPEC_VERSION);
	cJSON_Delete(ver);
	return SHMPLOT_OK;
}

/* "figures" when it is not an array: the type is said. */
static shmplot_status figures_not_array(sp_loader *l, const text *t, sp_span v)
{
	cJSON *it = parse_span(l, t, v);
	if (!it)
		return SHMPLOT_E_INVALID;
	sp_problem(l->pr, "figures",
		   "expected a non-empty array of figures, not %s",
		   sp_json_type(it));
	cJSON_Delete(it);
	return SHMPLOT_E_INVALID;
}

/*
 * "figures", one figure at a time: counted first, then each element parsed
 * alone, described and built (figures.c) and its tree freed, so the tree
 * of the whole array is never held.
 */
static shmplot_status figures_array(sp_loader *l, const text *t, sp_span v)
{
	sp_json_cursor c;
	sp_span e;
	size_t n = 0, i = 0;
	if (t->json[v.at] != '[')
		return figures_not_array(l, t, v);
	sp_json_open(&c, t->json, t->len, v.at);
	while (sp_json_next(&c, NULL, &e))
		n++;
	if (c.why)
		return syntax(l, t, c.err, c.why);
	if (n == 0) {
		sp_problem(l->pr, "figures",
			   "expected a non-empty array of figures, not an "
			   "empty one");
		return SHMPLOT_E_INVALID;
	}
	shmplot_status st = sp_figures_begin(l, n);
	if (st)
		return st;
	sp_json_open(&c, t->json, t->len, v.at);
	while (!l->pr->nomem && sp_json_next(&c, NULL, &e)) {
		cJSON *fig = parse_span(l, t, e);
		if (!fig)
			return SHMPLOT_E_INVALID;
		sp_figure_add(l, fig, i++);
		cJSON_Delete(fig);
	}
	return SHMPLOT_OK;
}

/* "defaults" (parsed whole: it is one object) and "figures". */
static shmplot_status figures_members(sp_loader *l, const text *t,
				      const root *r)
{
	cJSON *defaults = NULL;
	if (r->has[TOP_DEFAULTS] &&
	    !(defaults = parse_span(l, t, r->v[TOP_DEFAULTS])))
		return SHMPLOT_E_INVALID;
	sp_figures_defaults(l, defaults);
	cJSON_Delete(defaults);
	if (!r->has[TOP_FIGURES]) {
		sp_problem(l->pr, "figures",
			   "missing: a spec needs an array of figures");
		return SHMPLOT_E_INVALID;
	}
	return figures_array(l, t, r->v[TOP_FIGURES]);
}

/* The members of the root object at open, in the order they depend. */
static shmplot_status root_object(sp_loader *l, const text *t, size_t open)
{
	root r;
	memset(&r, 0, sizeof r);
	if (!(r.keys = cJSON_CreateObject()))
		return sp_nomem(l->pr);
	shmplot_status st = walk_root(l, t, open, &r);
	if (!st) {
		sp_json_check_keys(l->pr, r.keys, "", top_keys);
		st = check_version(l, t, &r);
	}
	cJSON_Delete(r.keys);
	if (!st && r.has[TOP_SERIES])
		series_member(l, t, r.v[TOP_SERIES]);
	if (!st && !l->syntax && !l->pr->nomem)
		figures_members(l, t, &r);
	if (st || l->syntax)
		return st ? st : SHMPLOT_E_INVALID;
	return sp_problems_since(l->pr, 0);
}

/* A root that is not an object: a syntax error or the wrong type. */
static shmplot_status not_object(sp_loader *l, const text *t, size_t pos)
{
	const char *why;
	sp_span v = {pos, pos};
	if (sp_json_skip(t->json, t->len, &v.end, &why))
		return syntax(l, t, v.end, why);
	cJSON *it = parse_span(l, t, v);
	if (!it)
		return SHMPLOT_E_INVALID;
	size_t after = sp_json_ws(t->json, t->len, v.end);
	if (after < t->len) {
		cJSON_Delete(it);
		return syntax(l, t, after, "text after the spec's JSON value");
	}
	sp_problem(l->pr, NULL, "a spec is a JSON object, not %s",
		   sp_json_type(it));
	cJSON_Delete(it);
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_pass1(sp_loader *l, const char *json, size_t len)
{
	text t = {json, len};
	/* cJSON skips a UTF-8 byte-order mark; so does the walk. */
	size_t pos = len >= 3 && memcmp(json, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	pos = sp_json_ws(json, len, pos);
	if (pos == len) {
		sp_problem(l->pr, NULL, "the spec is empty");
		return SHMPLOT_E_INVALID;
	}
	if (json[pos] != '{')
		return not_object(l, &t, pos);
	return root_object(l, &t, pos);
}
