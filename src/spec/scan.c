/* SPDX-License-Identifier: MIT */
/*
 * The JSON text itself, before cJSON parses it: where a value ends, the
 * members of an object and the elements of an array one at a time (so the
 * loader never holds the tree of a whole spec), and the one thing cJSON
 * lets through that no spec string may hold, a NUL. cJSON decodes
 * "a\u0000b" (and copies a raw zero byte) into a C string that ends at the
 * NUL, so the figure "a\u0000b" would silently be "a". Only strings and
 * brackets are followed here; cJSON checks the rest of the syntax when it
 * parses each value.
 */
#include "spec/spec_json.h"

#include <string.h>

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t sp_json_ws(const char *text, size_t len, size_t pos)
{
	while (pos < len && is_ws(text[pos]))
		pos++;
	return pos;
}

/* A string from its opening quote at *pos; *pos ends past the closing one. */
static shmplot_status skip_string(const char *t, size_t len, size_t *pos,
				  const char **why)
{
	size_t i = *pos + 1;
	while (i < len && t[i] != '"') {
		if (t[i] == '\0') {
			*pos = i;
			*why = "a NUL byte";
			return SHMPLOT_E_INVALID;
		}
		if (t[i] == '\\' && i + 5 < len && t[i + 1] == 'u' &&
		    memcmp(t + i + 2, "0000", 4) == 0) {
			*pos = i;
			*why = "\\u0000 (NUL) in a string";
			return SHMPLOT_E_INVALID;
		}
		i += t[i] == '\\' ? 2 : 1;
	}
	*pos = i < len ? i + 1 : len;
	return SHMPLOT_OK;
}

/* A number or a literal: up to the next delimiter. */
static size_t skip_atom(const char *t, size_t len, size_t i)
{
	while (i < len && !is_ws(t[i]) && !strchr(",:[]{}\"", t[i]) && t[i])
		i++;
	return i;
}

/* Brackets nest at most this deep here (cJSON stops at 1000). */
#define SCAN_MAX_DEPTH 1024

static shmplot_status refuse(size_t *pos, size_t at, const char **why,
			     const char *what)
{
	*pos = at;
	*why = what;
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_json_skip(const char *text, size_t len, size_t *pos,
			    const char **why)
{
	/* Bit d set: the bracket open at depth d is a '{'. */
	uint64_t brace[SCAN_MAX_DEPTH / 64];
	size_t i = sp_json_ws(text, len, *pos), depth = 0;
	do {
		if (i >= len)
			break;
		char c = text[i];
		if (c == '"') {
			if (skip_string(text, len, &i, why)) {
				*pos = i;
				return SHMPLOT_E_INVALID;
			}
		} else if (c == '{' || c == '[') {
			if (depth == SCAN_MAX_DEPTH)
				return refuse(pos, i, why,
					      "brackets nested too deeply");
			uint64_t bit = (uint64_t)1 << (depth % 64);
			brace[depth / 64] = c == '{' ? brace[depth / 64] | bit
						     : brace[depth / 64] & ~bit;
			depth++;
			i++;
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
			if (!(brace[depth / 64] >> (depth % 64) & 1) !=
			    (c == ']'))
				return refuse(pos, i, why, "invalid JSON");
			i++;
		} else if (c == '\0') {
			return refuse(pos, i, why, "a NUL byte");
		} else if (depth) {
			i = is_ws(c) || c == ',' || c == ':'
				? i + 1
				: skip_atom(text, len, i);
		} else {
			/* A stray '}' at the top stays for cJSON to refuse. */
			i = c == '}' || c == ']' ? i + 1
						 : skip_atom(text, len, i);
		}
	} while (depth);
	*pos = i;
	return SHMPLOT_OK;
}

void sp_json_open(sp_json_cursor *c, const char *text, size_t len, size_t open)
{
	memset(c, 0, sizeof *c);
	c->text = text;
	c->len = len;
	c->pos = open + 1;
	c->close = text[open] == '{' ? '}' : ']';
	c->first = 1;
}

/* Stops the cursor with a problem at off. */
static int stop(sp_json_cursor *c, size_t off, const char *why)
{
	c->err = off;
	c->why = why;
	c->pos = c->len;
	return 0;
}

/* Past the separator before the next item; 0 at the close or a problem. */
static int separator(sp_json_cursor *c)
{
	size_t i = sp_json_ws(c->text, c->len, c->pos);
	if (i >= c->len)
		return stop(c, c->len, "invalid JSON");
	if (c->text[i] == c->close) {
		c->pos = i + 1;
		c->done = 1;
		return 0;
	}
	if (!c->first) {
		if (c->text[i] != ',')
			return stop(c, i, "invalid JSON");
		i = sp_json_ws(c->text, c->len, i + 1);
	}
	c->first = 0;
	c->pos = i;
	return 1;
}

int sp_json_next(sp_json_cursor *c, sp_span *key, sp_span *val)
{
	const char *why;
	size_t i;
	if (c->why || c->done || !separator(c))
		return 0;
	if (c->close == '}') {
		i = c->pos;
		if (i >= c->len || c->text[i] != '"')
			return stop(c, i, "invalid JSON");
		key->at = i;
		if (skip_string(c->text, c->len, &i, &why))
			return stop(c, i, why);
		key->end = i;
		i = sp_json_ws(c->text, c->len, i);
		if (i >= c->len || c->text[i] != ':')
			return stop(c, i, "invalid JSON");
		c->pos = i + 1;
	}
	i = sp_json_ws(c->text, c->len, c->pos);
	val->at = i;
	if (i >= c->len || strchr(",:]}", c->text[i]))
		return stop(c, i, "invalid JSON");
	if (sp_json_skip(c->text, c->len, &i, &why))
		return stop(c, i, why);
	val->end = i;
	c->pos = i;
	return 1;
}
