/* SPDX-License-Identifier: MIT */
/* Name sets and "did you mean" suggestions for the spec loader. */
#include "spec/spec_suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64-bit FNV-1a. */
#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME  1099511628211ull

/* First capacity (a power of two); the set doubles past half full. */
#define SET_FIRST_CAP 64

/* Edits forgiven: 1 up to this length, 2 up to the next ("titel"), else 3. */
#define SUGGEST_SHORT 3
#define SUGGEST_MID   8
/* A word this long or longer that begins exactly one name suggests it. */
#define SUGGEST_PREFIX 3

static uint64_t hash_str(const char *s)
{
	uint64_t h = FNV_OFFSET;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return h;
}

/* Copies of the keys are made in blocks of this many bytes (or one key). */
#define NAME_BLOCK 16384

struct sp_name_block {
	struct sp_name_block *next;
	size_t used;
	char data[];
};

void sp_nameset_free(sp_nameset *s)
{
	free(s->key);
	free(s->val);
	while (s->blocks) {
		struct sp_name_block *next = s->blocks->next;
		free(s->blocks);
		s->blocks = next;
	}
	memset(s, 0, sizeof *s);
}

/* A copy of key in the set's blocks, or NULL when out of memory. */
static const char *copy_key(sp_nameset *s, const char *key)
{
	size_t len = strlen(key) + 1;
	if (len > s->room) {
		size_t size = len > NAME_BLOCK ? len : NAME_BLOCK;
		struct sp_name_block *b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->next = s->blocks;
		b->used = 0;
		s->blocks = b;
		s->room = size;
	}
	char *copy = s->blocks->data + s->blocks->used;
	memcpy(copy, key, len);
	s->blocks->used += len;
	s->room -= len;
	return copy;
}

/* The slot for key: its own if present, else where it goes. */
static size_t slot(const sp_nameset *s, const char *key)
{
	size_t i = (size_t)hash_str(key) & (s->cap - 1);
	while (s->key[i] && strcmp(s->key[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

int sp_nameset_find(const sp_nameset *s, const char *key, size_t *val)
{
	if (!s->cap)
		return 0;
	size_t i = slot(s, key);
	if (!s->key[i])
		return 0;
	if (val)
		*val = s->val[i];
	return 1;
}

static shmplot_status grow(sp_nameset *s)
{
	size_t cap = s->cap ? s->cap * 2 : SET_FIRST_CAP;
	sp_nameset t = {.key = calloc(cap, sizeof *t.key),
			.val = calloc(cap, sizeof *t.val),
			.cap = cap};
	if (!t.key || !t.val) {
		sp_nameset_free(&t);
		return SHMPLOT_E_NOMEM;
	}
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->key[i])
			continue;
		size_t j = slot(&t, s->key[i]);
		t.key[j] = s->key[i];
		t.val[j] = s->val[i];
		t.n++;
	}
	/* The blocks of copies move over as they are. */
	t.blocks = s->blocks;
	t.room = s->room;
	free(s->key);
	free(s->val);
	*s = t;
	return SHMPLOT_OK;
}

shmplot_status sp_nameset_add(sp_nameset *s, const char *key, size_t val)
{
	if ((s->n + 1) * 2 > s->cap && grow(s) != SHMPLOT_OK)
		return SHMPLOT_E_NOMEM;
	size_t i = slot(s, key);
	if (!s->key[i]) {
		if (!(s->key[i] = copy_key(s, key)))
			return SHMPLOT_E_NOMEM;
		s->n++;
	}
	s->val[i] = val;
	return SHMPLOT_OK;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t sp_edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SP_EDIT_MAX || lb > SP_EDIT_MAX)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	/* rows i - 2, i - 1 and i of the table */
	size_t r0[SP_EDIT_MAX + 1], r1[SP_EDIT_MAX + 1], r2[SP_EDIT_MAX + 1];
	size_t *pp = r0, *prev = r1, *row = r2;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			row[j] = min3(prev[j - 1] + (a[i - 1] != b[j - 1]),
				      prev[j] + 1, row[j - 1] + 1);
			/* two neighbours swapped ("lco" for "loc") */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < row[j])
				row[j] = pp[j - 2] + 1;
			if (row[j] < best)
				best = row[j];
		}
		if (best > limit)
			return limit + 1;
		size_t *t = pp;
		pp = prev;
		prev = row;
		row = t;
	}
	return prev[lb];
}

void sp_suggest_init(sp_suggest *s, const char *word)
{
	size_t len = strlen(word);
	s->best = NULL;
	s->word = word;
	s->dist = len <= SUGGEST_SHORT ? 1 : len <= SUGGEST_MID ? 2 : 3;
	s->dist++; /* strictly closer than this */
	s->prefix = NULL;
	s->nprefix = 0;
}

void sp_suggest_try(sp_suggest *s, const char *cand)
{
	size_t d = sp_edit_distance(s->word, cand, s->dist - 1);
	size_t len = strlen(s->word);
	if (d < s->dist) {
		s->dist = d;
		s->best = cand;
	}
	/* the start of one name ("sym" of "symlog") */
	if (len >= SUGGEST_PREFIX && strncmp(cand, s->word, len) == 0 &&
	    cand[len] && (!s->prefix || strcmp(s->prefix, cand) != 0)) {
		s->prefix = cand;
		s->nprefix++;
	}
}

const char *sp_suggest_best(const sp_suggest *s)
{
	if (s->best)
		return s->best;
	return s->nprefix == 1 ? s->prefix : NULL;
}

void sp_suggest_all(sp_suggest *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sp_suggest_try(s, names[i]);
}

const char *sp_suggest_text(const sp_suggest *s, char *buf, size_t len)
{
	const char *best = sp_suggest_best(s);
	if (!best) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, " (did you mean \"%s\"?)", best);
	return buf;
}
