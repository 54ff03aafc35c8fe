/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: reading cJSON values with the spec's rules. Each
 * getter lists a problem at the value's JSON path when the value is not
 * what it should be, and returns SHMPLOT_E_INVALID; SHMPLOT_OK otherwise.
 * Paths are "parent.key" and "parent[i]".
 */
#ifndef SHMPLOT_SPEC_JSON_H
#define SHMPLOT_SPEC_JSON_H

#include "spec/spec_problems.h"

#include <cjson/cJSON.h>

/* ---- the text (scan.c) ---- */

/* The offset of the first byte at or after pos that is not whitespace. */
size_t sp_json_ws(const char *text, size_t len, size_t pos);

/*
 * Skips the value at text[*pos] (whitespace first) and leaves *pos just
 * past it, following only strings and brackets: cJSON checks the rest of
 * the syntax when it parses the value (text that is not JSON ends where it
 * ends, at the latest at len). SHMPLOT_E_INVALID, with *pos at the NUL and
 * *why saying which, for a NUL byte or a "\u0000" escape: cJSON would
 * silently cut the string there.
 */
shmplot_status sp_json_skip(const char *text, size_t len, size_t *pos,
			    const char **why);

/* Where a value (or a key's string token, quotes included) is: [at, end). */
typedef struct sp_span {
	size_t at, end;
} sp_span;

/* The members of an object or the elements of an array, one at a time. */
typedef struct sp_json_cursor {
	const char *text;
	size_t len;
	size_t pos; /* where the next item is looked for */
	char close; /* '}' or ']' */
	int first, done;
	size_t err;      /* where the problem is, when why is set */
	const char *why; /* NULL, or what is wrong at err */
} sp_json_cursor;

/* A cursor over the object or array whose '{' or '[' is at text[open]. */
void sp_json_open(sp_json_cursor *c, const char *text, size_t len, size_t open);

/*
 * The next member (its key's string token in *key) or element (key is not
 * touched) and its value in *val: 1, or 0 after the closing bracket (pos
 * is then past it) or at a problem (why and err set: a NUL, or text that
 * is not JSON, which cJSON would refuse too).
 */
int sp_json_next(sp_json_cursor *c, sp_span *key, sp_span *val);

/* ---- values (json.c) ---- */

/* A JSON path longer than this is cut short (the message stays useful). */
#define SP_PATH_BUF 320

/*
 * A number as a message shows it: whole numbers in full ("1000000001",
 * not "1e+09"), others in the fewest digits that read back the same.
 * buf has SP_NUM_BUF bytes; returns buf.
 */
#define SP_NUM_BUF 32
const char *sp_num_text(char *buf, double v);

/* "a number", "a string", ... for "expected X, not Y" messages. */
const char *sp_json_type(const cJSON *it);

/* "parent.key" (or "key" at the top) into buf (SP_PATH_BUF); returns buf. */
const char *sp_path_key(char *buf, const char *parent, const char *key);
/* "parent[i]" into buf (SP_PATH_BUF); returns buf. */
const char *sp_path_ix(char *buf, const char *parent, size_t i);

/* The member key of obj (case-sensitive), or NULL. */
const cJSON *sp_json_member(const cJSON *obj, const char *key);

/* Members of an array or object (cJSON counts in an int). */
size_t sp_json_count(const cJSON *it);

/*
 * Lists every key of obj that is not in allowed (NULL-terminated), with a
 * suggestion, and every key given twice. Keys starting with '_' are
 * comments. Returns SHMPLOT_E_INVALID if it listed any.
 */
shmplot_status sp_json_check_keys(sp_problems *pr, const cJSON *obj,
				  const char *path, const char *const *allowed);

/*
 * 1 if s is a number written as text: "1.5", "pi", "2pi", "-pi/2",
 * "4*pi" (multiples of pi cannot be written exactly in JSON), finite.
 */
int sp_json_pi_number(const char *s, double *out);

/* A JSON number or a string sp_json_pi_number() reads. */
shmplot_status sp_json_num(sp_problems *pr, const cJSON *it, const char *path,
			   double *out);
/* A whole number in [lo, hi]. */
shmplot_status sp_json_int(sp_problems *pr, const cJSON *it, const char *path,
			   double lo, double hi, long long *out);
/* A string; *out points into the JSON tree. */
shmplot_status sp_json_str(sp_problems *pr, const cJSON *it, const char *path,
			   const char **out);
/* A string drawn as text (a title, label, legend entry): its mathtext
 * ($...$) must lay out, or the problem names the formula's error. */
shmplot_status sp_json_label(sp_problems *pr, const cJSON *it, const char *path,
			     const char **out);
shmplot_status sp_json_bool(sp_problems *pr, const cJSON *it, const char *path,
			    int *out);
/* [low, high] of numbers (not checked to be in order). */
shmplot_status sp_json_pair(sp_problems *pr, const cJSON *it, const char *path,
			    double out[2]);

/*
 * 1 if s is one of names[0 .. n) (where a name has ' ', s may have '_':
 * "upper_right"), with its index in *ix; else 0.
 */
int sp_json_choice(const char *s, const char *const *names, size_t n,
		   size_t *ix);

/* Lists "unknown WHAT \"s\"" with the closest of names[0 .. n). */
void sp_json_bad_choice(sp_problems *pr, const char *path, const char *s,
			const char *const *names, size_t n, const char *what);

/* A string that is one of names[0 .. n): its index in *ix. */
shmplot_status sp_json_pick(sp_problems *pr, const cJSON *it, const char *path,
			    const char *const *names, size_t n,
			    const char *what, size_t *ix);

#endif /* SHMPLOT_SPEC_JSON_H */
