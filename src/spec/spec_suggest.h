/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: names. A hash set of names (series, figure names)
 * for pass 1, and "did you mean" suggestions by edit distance for the
 * messages about a misspelt key, series, generator or choice.
 */
#ifndef SHMPLOT_SPEC_SUGGEST_H
#define SHMPLOT_SPEC_SUGGEST_H

#include "core/core.h"

/*
 * Open-addressing hash set: name -> index. The keys are copied into
 * blocks of the set's own that never move, so a name may come from a
 * buffer freed right after (a spec is read one value at a time).
 */
typedef struct sp_nameset {
	const char **key;
	size_t *val;
	size_t cap, n;
	struct sp_name_block *blocks; /* the copies, newest first */
	size_t room;                  /* bytes left in the newest block */
} sp_nameset;

/* 1 if key is in the set (then *val, if not NULL, is its index), else 0. */
int sp_nameset_find(const sp_nameset *s, const char *key, size_t *val);

/* Adds a copy of key -> val, or sets val if key is there. E_NOMEM. */
shmplot_status sp_nameset_add(sp_nameset *s, const char *key, size_t val);

void sp_nameset_free(sp_nameset *s);

/*
 * Edit distance of a and b (Levenshtein's, with two neighbours swapped one
 * edit: the optimal string alignment distance), or limit + 1 as soon as
 * it is known to be over limit (names longer than SP_EDIT_MAX bytes are
 * always over).
 */
#define SP_EDIT_MAX 64
size_t sp_edit_distance(const char *a, const char *b, size_t limit);

/* The closest candidate to word seen so far, if close enough; else the
 * one candidate word is the start of (sp_suggest_best). */
typedef struct sp_suggest {
	const char *word;
	const char *best;   /* NULL: none close enough */
	size_t dist;        /* a candidate must be closer than this */
	const char *prefix; /* the last candidate word begins */
	size_t nprefix;     /* how many different ones */
} sp_suggest;

/* Room for " (did you mean \"NAME\"?)" with a name cut short. */
#define SP_SUGGEST_LEN 96

void sp_suggest_init(sp_suggest *s, const char *word);
void sp_suggest_try(sp_suggest *s, const char *cand);
/* Tries each of names[0 .. n). */
void sp_suggest_all(sp_suggest *s, const char *const *names, size_t n);
/* The suggestion: the closest candidate, or the only one word begins
 * (3 bytes or more), or NULL. */
const char *sp_suggest_best(const sp_suggest *s);
/* " (did you mean \"x\"?)", or "" without a suggestion; returns buf. */
const char *sp_suggest_text(const sp_suggest *s, char *buf, size_t len);

#endif /* SHMPLOT_SPEC_SUGGEST_H */
