/*
 * The JSON text itself, before cJSON parses it: where a value ends, and
 * the one thing cJSON lets through that no spec string may hold, a NUL.
 * cJSON decodes "a\u0000b" (and copies a raw zero byte) into a C string
 * that ends at the NUL, so the figure "a\u0000b" would silently be "a".
 * Only strings and brackets are followed here; cJSON checks the rest of
 * the syntax when it parses the value.
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

shmplot_status sp_json_skip(const char *text, size_t len, size_t *pos,
			    const char **why)
{
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
			depth++;
			i++;
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
			i++;
		} else if (c == '\0') {
			*pos = i;
			*why = "a NUL byte";
			return SHMPLOT_E_INVALID;
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
