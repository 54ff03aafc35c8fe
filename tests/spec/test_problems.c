/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/problems.c: problems and notes keep their JSON path,
 * the list is capped with a count of the rest, and the status of a stretch
 * of pass 1 follows what it listed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "spec/spec_problems.h"

static sp_problems pr;

static int teardown(void **state)
{
	(void)state;
	sp_problems_free(&pr);
	return 0;
}

static void test_lines(void **state)
{
	(void)state;
	size_t before = sp_problem_count(&pr);
	assert_int_equal(sp_problems_since(&pr, before), SHMPLOT_OK);
	sp_problem(&pr, "figures[1].dpi", "must be > %d", 0);
	sp_problem(&pr, NULL, "the spec is empty");
	sp_note(&pr, "series.t", "%zu empty cells", (size_t)2);
	assert_int_equal(sp_problems_since(&pr, before), SHMPLOT_E_INVALID);
	assert_int_equal(pr.errors.n, 2);
	assert_string_equal(pr.errors.v[0], "figures[1].dpi: must be > 0");
	assert_string_equal(pr.errors.v[1], "the spec is empty");
	assert_int_equal(pr.notes.n, 1);
	assert_string_equal(pr.notes.v[0], "series.t: 2 empty cells");
	sp_problems_close(&pr); /* nothing dropped: nothing added */
	assert_int_equal(pr.errors.n, 2);
	assert_int_equal(sp_nomem(&pr), SHMPLOT_E_NOMEM);
	assert_int_equal(sp_problems_since(&pr, 0), SHMPLOT_E_NOMEM);
}

/* SP_MAX_PROBLEMS lines at most, the last one counting the others. */
static void test_cap(void **state)
{
	(void)state;
	for (int i = 0; i < 250; i++)
		sp_problem(&pr, "figures", "problem %d", i);
	assert_int_equal(sp_problem_count(&pr), 250);
	sp_problems_close(&pr);
	assert_int_equal(pr.errors.n, SP_MAX_PROBLEMS);
	assert_string_equal(pr.errors.v[SP_MAX_PROBLEMS - 2],
			    "figures: problem 98");
	assert_string_equal(pr.errors.v[SP_MAX_PROBLEMS - 1],
			    "... and 151 more");
	assert_int_equal(pr.nomem, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_lines, teardown),
	    cmocka_unit_test_teardown(test_cap, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
