/* SPDX-License-Identifier: MIT */
/*
 * Colour names in specs, read as matplotlib 3.6's to_rgba reads a string.
 * The tab10 cycle ("C0".."C9", "tab:blue"...) is the renderer's own
 * palette, spr_tab10; the named colours are matplotlib's (color_names.c).
 */
#include "spec/spec_colors.h"
#include "spec/spec_suggest.h"

#include "render.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* spr_tab10 in order, as matplotlib names it. */
static const char *const tab10_full[SPR_TAB10_N] = {
    "tab:blue",  "tab:orange", "tab:green", "tab:red",   "tab:purple",
    "tab:brown", "tab:pink",   "tab:gray",  "tab:olive", "tab:cyan"};
#define TAB10_GRAY 7 /* "tab:grey" too */

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

/* "#rrggbb", "#rrggbbaa", "#rgb" or "#rgba" (each digit doubled, as in
 * CSS): 1 and the colour, else 0. */
static int parse_hex(const char *s, size_t len, uint32_t *rgb, double *alpha)
{
	uint32_t v = 0;
	size_t digits = len == 9 ? 6 : len == 5 ? 3 : len - 1;
	if (len != 4 && len != 5 && len != 7 && len != 9)
		return 0;
	for (size_t i = 1; i < len; i++)
		if (hex_digit(s[i]) < 0)
			return 0;
	for (size_t i = 1; i <= digits; i++) {
		uint32_t d = (uint32_t)hex_digit(s[i]);
		v = digits == 6 ? v << 4 | d : v << 8 | d * 17;
	}
	*rgb = v;
	*alpha = 1;
	if (len == 9)
		*alpha = (hex_digit(s[7]) * 16 + hex_digit(s[8])) / 255.0;
	else if (len == 5)
		*alpha = hex_digit(s[4]) * 17 / 255.0;
	return 1;
}

static int parse_tab(const char *name, uint32_t *rgb)
{
	if (strcasecmp(name, "grey") == 0) {
		*rgb = spr_tab10[TAB10_GRAY];
		return 1;
	}
	for (size_t i = 0; i < SPR_TAB10_N; i++)
		if (strcasecmp(tab10_full[i] + 4, name) == 0) {
			*rgb = spr_tab10[i];
			return 1;
		}
	return 0;
}

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const sp_color_name *)elem)->name);
}

/* A named colour: exact, then (for a name of more than one letter, since
 * "B" is not "b") in lower case, as matplotlib looks names up. */
static int parse_name(const char *s, uint32_t *rgb)
{
	char low[32];
	size_t len = strlen(s);
	const sp_color_name *c = bsearch(s, sp_color_names, sp_color_names_n,
					 sizeof *sp_color_names, by_name);
	if (!c && len > 1 && len < sizeof low) {
		for (size_t i = 0; i <= len; i++)
			low[i] = (char)tolower((unsigned char)s[i]);
		c = bsearch(low, sp_color_names, sp_color_names_n,
			    sizeof *sp_color_names, by_name);
	}
	if (c)
		*rgb = c->rgb;
	return c != NULL;
}

/* A grey level: a whole string that is a number in [0, 1] (strtod's
 * forms, as Python's float(); "nan" and "inf" are not levels). */
static int parse_grey(const char *s, uint32_t *rgb)
{
	char *end;
	double v;
	if (!*s || isspace((unsigned char)*s))
		return 0;
	v = strtod(s, &end);
	if (*end || !(v >= 0 && v <= 1))
		return 0;
	uint32_t g = (uint32_t)lround(v * 255);
	*rgb = g << 16 | g << 8 | g;
	return 1;
}

int sp_color_parse_alpha(const char *s, uint32_t *rgb, double *alpha)
{
	*alpha = 1;
	if (s[0] == '#')
		return parse_hex(s, strlen(s), rgb, alpha);
	if (s[0] == 'C' && s[1] >= '0' && s[1] <= '9' && !s[2]) {
		*rgb = spr_tab10[s[1] - '0'];
		return 1;
	}
	if (strncasecmp(s, "tab:", 4) == 0)
		return parse_tab(s + 4, rgb);
	return parse_name(s, rgb) || parse_grey(s, rgb);
}

int sp_color_parse(const char *s, uint32_t *rgb)
{
	double alpha;
	return sp_color_parse_alpha(s, rgb, &alpha) && alpha == 1;
}

int sp_json_color(sp_problems *pr, const cJSON *it, const char *path,
		  const char **s, uint32_t *rgb, double *alpha)
{
	int n = cJSON_IsArray(it) ? cJSON_GetArraySize(it) : 0;
	double v[4] = {0, 0, 0, 1};

	if (cJSON_IsString(it)) {
		*s = it->valuestring;
		return SP_COLOR_STRING;
	}
	if (n == 3 || n == 4) {
		int i = 0, ok = 1;
		const cJSON *e;
		cJSON_ArrayForEach(e, it)
		{
			ok = ok && cJSON_IsNumber(e) && e->valuedouble >= 0 &&
			     e->valuedouble <= 1;
			v[i++] = ok ? e->valuedouble : 0;
		}
		if (ok) {
			*rgb = 0;
			for (i = 0; i < 3; i++)
				*rgb =
				    *rgb << 8 | (uint32_t)lround(v[i] * 255.0);
			*alpha = v[3];
			return SP_COLOR_TUPLE;
		}
	}
	if (pr)
		sp_problem(
		    pr, path,
		    "expected a colour: a string (\"steelblue\", \"#rrggbb\", "
		    "\"C0\", \"0.5\") or [r, g, b] / [r, g, b, a] of numbers "
		    "0..1");
	return SP_COLOR_BAD;
}

void sp_color_alpha_problem(sp_problems *pr, const char *path)
{
	sp_problem(pr, path,
		   "this colour has an opacity, which only an item's \"color\" "
		   "takes; give \"alpha\" instead");
}

void sp_color_problem(sp_problems *pr, const char *path, const char *s,
		      int none_ok)
{
	char sug[SP_SUGGEST_LEN];
	uint32_t rgb;
	double alpha;
	sp_suggest g;
	if (sp_color_parse_alpha(s, &rgb, &alpha)) {
		sp_problem(pr, path,
			   "colour \"%s\" has an opacity, which only an item's "
			   "\"color\" takes; give \"alpha\" instead",
			   s);
		return;
	}
	sp_suggest_init(&g, s);
	/* one letter is close to every other letter: not a suggestion */
	for (size_t i = 0; i < sp_color_names_n; i++)
		if (sp_color_names[i].name[1])
			sp_suggest_try(&g, sp_color_names[i].name);
	sp_suggest_all(&g, tab10_full, SPR_TAB10_N);
	if (none_ok)
		sp_suggest_try(&g, "none");
	sp_problem(pr, path,
		   "unknown colour \"%s\"%s; use a name like \"steelblue\", "
		   "\"#rrggbb\", \"#rrggbbaa\", \"C0\"..\"C9\", \"tab:blue\" "
		   "or a grey level \"0.5\"",
		   s, sp_suggest_text(&g, sug, sizeof sug));
}
