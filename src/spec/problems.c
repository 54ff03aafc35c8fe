/* SPDX-License-Identifier: MIT */
/* The spec loader's problem list: errors and notes, capped. */
#define _GNU_SOURCE
#include "spec/spec_problems.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First capacity of a list; it doubles from there. */
#define LINES_FIRST_CAP 8

/* Appends line (taking ownership) without any cap. */
static shmplot_status append(sp_lines *l, char *line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : LINES_FIRST_CAP;
		char **v = sp_malloc_ab(cap, sizeof *v);
		if (!v) {
			free(line);
			return SHMPLOT_E_NOMEM;
		}
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		free(l->v);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = line;
	return SHMPLOT_OK;
}

/* Keeps SP_MAX_PROBLEMS - 1 lines; close() adds the count of the rest. */
static void push(sp_problems *pr, sp_lines *l, const char *path,
		 const char *msg)
{
	char *line;
	if (l->n >= SP_MAX_PROBLEMS - 1) {
		l->dropped++;
		return;
	}
	if (asprintf(&line, "%s%s%s", path ? path : "", path ? ": " : "", msg) <
		0 ||
	    append(l, line) != SHMPLOT_OK)
		pr->nomem = 1;
}

void sp_problem_add(sp_problems *pr, const char *path, const char *msg)
{
	push(pr, &pr->errors, path, msg);
}

void sp_note_add(sp_problems *pr, const char *path, const char *msg)
{
	push(pr, &pr->notes, path, msg);
}

size_t sp_problem_count(const sp_problems *pr)
{
	return pr->errors.n + pr->errors.dropped;
}

static void close_lines(sp_problems *pr, sp_lines *l)
{
	char msg[SP_ERRLEN], *line;
	if (!l->dropped)
		return;
	sp_error(msg, sizeof msg, SHMPLOT_E_INVALID, "... and %zu more",
		 l->dropped);
	l->dropped = 0;
	line = strdup(msg);
	if (!line || append(l, line) != SHMPLOT_OK)
		pr->nomem = 1;
}

void sp_problems_close(sp_problems *pr)
{
	close_lines(pr, &pr->errors);
	close_lines(pr, &pr->notes);
}

static void free_lines(sp_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void sp_problems_free(sp_problems *pr)
{
	free_lines(&pr->errors);
	free_lines(&pr->notes);
	pr->nomem = 0;
}
