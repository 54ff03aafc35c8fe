/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: the loader's problem list. Pass 1 keeps going after
 * a problem so that one run lists them all, each as "JSON.path: message";
 * notes (CSV cells that became NaN) do not stop the load. Every message is
 * raised through sp_error() like any other in src/.
 */
#ifndef SHMPLOT_SPEC_PROBLEMS_H
#define SHMPLOT_SPEC_PROBLEMS_H

#include "core/core.h"

/* At most this many lines are kept; the last then counts the rest. */
#define SP_MAX_PROBLEMS 100

typedef struct sp_lines {
	char **v;
	size_t n, cap;
	size_t dropped; /* lines beyond SP_MAX_PROBLEMS - 1 */
} sp_lines;

typedef struct sp_problems {
	sp_lines errors, notes;
	int nomem; /* an allocation failed: the load stops with E_NOMEM */
} sp_problems;

/*
 * Adds "path: msg" (msg alone when path is NULL) to the errors, or to the
 * notes. Sets pr->nomem when the line cannot be stored.
 */
void sp_problem_add(sp_problems *pr, const char *path, const char *msg);
void sp_note_add(sp_problems *pr, const char *path, const char *msg);

#define SP_PROBLEM_RAISE(add, pr, path, ...)                                   \
	do {                                                                   \
		char sp_msg_[SP_ERRLEN];                                       \
		sp_error(sp_msg_, sizeof sp_msg_, SHMPLOT_E_INVALID,           \
			 __VA_ARGS__);                                         \
		add((pr), (path), sp_msg_);                                    \
	} while (0)

/* sp_problem(pr, path, fmt, ...): lists a problem found at path. */
#define sp_problem(pr, path, ...)                                              \
	SP_PROBLEM_RAISE(sp_problem_add, pr, path, __VA_ARGS__)
/* sp_note(pr, path, fmt, ...): lists a note about path. */
#define sp_note(pr, path, ...)                                                 \
	SP_PROBLEM_RAISE(sp_note_add, pr, path, __VA_ARGS__)

/* Problems found so far, those beyond the cap included. */
size_t sp_problem_count(const sp_problems *pr);

/* Marks the load out of memory; returns SHMPLOT_E_NOMEM. */
static inline shmplot_status sp_nomem(sp_problems *pr)
{
	pr->nomem = 1;
	return SHMPLOT_E_NOMEM;
}

/*
 * The status of a stretch of pass 1 that started when sp_problem_count()
 * was before: E_NOMEM, E_INVALID if it listed a problem, else OK.
 */
static inline shmplot_status sp_problems_since(const sp_problems *pr,
					       size_t before)
{
	if (pr->nomem)
		return SHMPLOT_E_NOMEM;
	return sp_problem_count(pr) > before ? SHMPLOT_E_INVALID : SHMPLOT_OK;
}

/* Ends both lists: "... and N more" when some were dropped. */
void sp_problems_close(sp_problems *pr);

void sp_problems_free(sp_problems *pr);

#endif /* SHMPLOT_SPEC_PROBLEMS_H */
