/* SPDX-License-Identifier: MIT */
/* Typed getters and JSON paths for the spec loader (cJSON). */
#define _GNU_SOURCE
#include "spec/spec_io.h"
#include "spec/spec_json.h"
#include "spec/spec_suggest.h"

#include "mathtext.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sp_json_type(const cJSON *it)
{
	if (cJSON_IsNumber(it))
		return "a number";
	if (cJSON_IsString(it))
		return "a string";
	if (cJSON_IsBool(it))
		return "a boolean";
	if (cJSON_IsNull(it))
		return "null";
	if (cJSON_IsArray(it))
		return "an array";
	if (cJSON_IsObject(it))
		return "an object";
	return "invalid";
}

const char *sp_num_text(char *buf, double v)
{
	/* Whole numbers in full (1000000001, not 1e+09), others shortest. */
	if (v == floor(v) && fabs(v) < 1e17) {
		snprintf(buf, SP_NUM_BUF, "%.0f", v);
		return buf;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, SP_NUM_BUF, "%.*g", prec, v);
		if (sp_strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

const char *sp_path_key(char *buf, const char *parent, const char *key)
{
	if (snprintf(buf, SP_PATH_BUF, "%s%s%s", parent, *parent ? "." : "",
		     key) >= SP_PATH_BUF)
		buf[SP_PATH_BUF - 1] = '\0';
	return buf;
}

const char *sp_path_ix(char *buf, const char *parent, size_t i)
{
	if (snprintf(buf, SP_PATH_BUF, "%s[%zu]", parent, i) >= SP_PATH_BUF)
		buf[SP_PATH_BUF - 1] = '\0';
	return buf;
}

const cJSON *sp_json_member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

size_t sp_json_count(const cJSON *it)
{
	size_t n = 0;
	for (const cJSON *c = it ? it->child : NULL; c; c = c->next)
		n++;
	return n;
}

/* 1 if the key of it appears earlier in the same object. */
static int seen_before(const cJSON *obj, const cJSON *it)
{
	for (const cJSON *prev = obj->child; prev != it; prev = prev->next)
		if (strcmp(prev->string, it->string) == 0)
			return 1;
	return 0;
}

static int known(const char *const *allowed, const char *k)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], k) == 0)
			return 1;
	return 0;
}

/*
 * Objects with more members than this find keys given twice through a
 * name set, not by looking back (a hostile spec may hold millions).
 */
#define DUP_LOOK_BACK_MAX 32

/* 1 if it's key was seen before, through seen when the object is big. */
static int duplicate(sp_problems *pr, const cJSON *obj, const cJSON *it,
		     size_t n, sp_nameset *seen)
{
	if (n <= DUP_LOOK_BACK_MAX)
		return seen_before(obj, it);
	if (sp_nameset_find(seen, it->string, NULL))
		return 1;
	if (sp_nameset_add(seen, it->string, 0))
		sp_nomem(pr);
	return 0;
}

shmplot_status sp_json_check_keys(sp_problems *pr, const cJSON *obj,
				  const char *path, const char *const *allowed)
{
	char p[SP_PATH_BUF], sug[SP_SUGGEST_LEN];
	shmplot_status st = SHMPLOT_OK;
	size_t n = sp_json_count(obj);
	sp_nameset seen = {0};
	for (const cJSON *it = obj->child; it && !pr->nomem; it = it->next) {
		const char *k = it->string;
		if (k[0] == '_')
			continue;
		if (duplicate(pr, obj, it, n, &seen)) {
			sp_problem(pr, sp_path_key(p, path, k),
				   "given twice (JSON objects need unique "
				   "keys)");
			st = SHMPLOT_E_INVALID;
		}
		if (known(allowed, k))
			continue;
		/* Suggestions only for unknown keys: most keys are known. */
		sp_suggest s;
		sp_suggest_init(&s, k);
		for (size_t i = 0; allowed[i]; i++)
			sp_suggest_try(&s, allowed[i]);
		sp_problem(pr, sp_path_key(p, path, k), "unknown key%s",
			   sp_suggest_text(&s, sug, sizeof sug));
		st = SHMPLOT_E_INVALID;
	}
	sp_nameset_free(&seen);
	return pr->nomem ? SHMPLOT_E_NOMEM : st;
}

/* Skips "pi" or U+03C0 at *s; 1 if there was one. */
static int eat_pi(const char **s)
{
	if (strncmp(*s, "pi", 2) == 0 || strncmp(*s, "\xcf\x80", 2) == 0) {
		*s += 2;
		return 1;
	}
	return 0;
}

int sp_json_pi_number(const char *s, double *out)
{
	char *end;
	double k = 1;
	errno = 0;
	double v = sp_strtod(s, &end);
	if (end != s) {
		if (!*end) {
			*out = v;
			return isfinite(v) != 0;
		}
		k = v;
		s = end;
		if (*s == '*')
			s++;
	} else if (*s == '-' || *s == '+') {
		k = *s == '-' ? -1 : 1;
		s++;
	}
	if (!eat_pi(&s))
		return 0;
	double d = 1;
	if (*s == '/') {
		d = sp_strtod(s + 1, &end);
		if (end == s + 1 || *end || d == 0)
			return 0;
	} else if (*s) {
		return 0;
	}
	*out = k * M_PI / d;
	return isfinite(*out) != 0;
}

shmplot_status sp_json_num(sp_problems *pr, const cJSON *it, const char *path,
			   double *out)
{
	if (cJSON_IsNumber(it) && isfinite(it->valuedouble)) {
		*out = it->valuedouble;
		return SHMPLOT_OK;
	}
	if (cJSON_IsNumber(it)) {
		sp_problem(pr, path, "%s is beyond the range of a double",
			   it->valuedouble > 0 ? "a number"
					       : "a negative number");
		return SHMPLOT_E_INVALID;
	}
	if (cJSON_IsString(it) && sp_json_pi_number(it->valuestring, out))
		return SHMPLOT_OK;
	if (cJSON_IsString(it))
		sp_problem(pr, path,
			   "\"%s\" is not a number (numbers may be written as "
			   "JSON numbers or as \"2pi\", \"-pi/2\")",
			   it->valuestring);
	else
		sp_problem(pr, path, "expected a number, not %s",
			   sp_json_type(it));
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_json_int(sp_problems *pr, const cJSON *it, const char *path,
			   double lo, double hi, long long *out)
{
	if (!cJSON_IsNumber(it)) {
		sp_problem(pr, path, "expected a whole number, not %s",
			   sp_json_type(it));
		return SHMPLOT_E_INVALID;
	}
	double v = it->valuedouble;
	char num[SP_NUM_BUF];
	if (v != floor(v)) {
		sp_problem(pr, path, "%s is not a whole number",
			   sp_num_text(num, v));
		return SHMPLOT_E_INVALID;
	}
	if (v < lo || v > hi) {
		sp_problem(pr, path, "%s is outside %.0f..%.0f",
			   sp_num_text(num, v), lo, hi);
		return SHMPLOT_E_INVALID;
	}
	*out = (long long)v;
	return SHMPLOT_OK;
}

shmplot_status sp_json_str(sp_problems *pr, const cJSON *it, const char *path,
			   const char **out)
{
	if (cJSON_IsString(it)) {
		*out = it->valuestring;
		return SHMPLOT_OK;
	}
	sp_problem(pr, path, "expected a string, not %s", sp_json_type(it));
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_json_label(sp_problems *pr, const cJSON *it, const char *path,
			     const char **out)
{
	char why[256];

	if (sp_json_str(pr, it, path, out))
		return SHMPLOT_E_INVALID;
	if (mt_check(*out, why, sizeof why) == 0)
		return SHMPLOT_OK;
	sp_problem(pr, path, "cannot lay out the formula: %s", why);
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_json_bool(sp_problems *pr, const cJSON *it, const char *path,
			    int *out)
{
	if (cJSON_IsBool(it)) {
		*out = cJSON_IsTrue(it);
		return SHMPLOT_OK;
	}
	sp_problem(pr, path, "expected true or false, not %s",
		   sp_json_type(it));
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_json_pair(sp_problems *pr, const cJSON *it, const char *path,
			    double out[2])
{
	char p[SP_PATH_BUF];
	if (!cJSON_IsArray(it) || sp_json_count(it) != 2) {
		sp_problem(pr, path, "expected [low, high], not %s",
			   sp_json_type(it));
		return SHMPLOT_E_INVALID;
	}
	/* Both, so both elements' problems are listed. */
	shmplot_status a =
	    sp_json_num(pr, it->child, sp_path_ix(p, path, 0), &out[0]);
	shmplot_status b =
	    sp_json_num(pr, it->child->next, sp_path_ix(p, path, 1), &out[1]);
	return a ? a : b;
}

/* s equals name, where a ' ' in name may be a '_' in s. */
static int same_choice(const char *name, const char *s)
{
	while (*name && (*name == *s || (*name == ' ' && *s == '_'))) {
		name++;
		s++;
	}
	return !*name && !*s;
}

int sp_json_choice(const char *s, const char *const *names, size_t n,
		   size_t *ix)
{
	for (size_t i = 0; i < n; i++)
		if (same_choice(names[i], s)) {
			*ix = i;
			return 1;
		}
	return 0;
}

void sp_json_bad_choice(sp_problems *pr, const char *path, const char *s,
			const char *const *names, size_t n, const char *what)
{
	char sug[SP_SUGGEST_LEN];
	sp_suggest sg;
	sp_suggest_init(&sg, s);
	sp_suggest_all(&sg, names, n);
	sp_problem(pr, path, "unknown %s \"%s\"%s", what, s,
		   sp_suggest_text(&sg, sug, sizeof sug));
}

shmplot_status sp_json_pick(sp_problems *pr, const cJSON *it, const char *path,
			    const char *const *names, size_t n,
			    const char *what, size_t *ix)
{
	const char *s = NULL;
	if (sp_json_str(pr, it, path, &s))
		return SHMPLOT_E_INVALID;
	if (sp_json_choice(s, names, n, ix))
		return SHMPLOT_OK;
	sp_json_bad_choice(pr, path, s, names, n, what);
	return SHMPLOT_E_INVALID;
}
