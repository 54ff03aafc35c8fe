/* SPDX-License-Identifier: MIT */
/*
 * Usage errors, in the same shape for every command, and the nearest
 * known word to a mistyped one.
 */
#include "tool.h"

#include <stdarg.h>
#include <string.h>

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	const char *sp = cmd ? " " : "";
	va_list ap;

	if (!cmd)
		cmd = "";
	fprintf(stderr, "shmplot%s%s: ", sp, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		fputs(usage, stderr);
	fprintf(stderr, "Try 'shmplot%s%s --help'.\n", sp, cmd);
	return CLI_USAGE;
}

/* Edits (insert, delete, replace, swap two neighbours) from a to b, capped. */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAXLEN = 32 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAXLEN + 1][MAXLEN + 1];

	if (la > MAXLEN || lb > MAXLEN)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *cli_nearest(const char *word, const char *const *names, size_t n)
{
	const char *near = NULL;
	size_t best = 3; /* two edits at most, and fewer than half the word */

	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, names[i]);
		if (d < best && 2 * d < strlen(names[i])) {
			best = d;
			near = names[i];
		}
	}
	return near;
}
