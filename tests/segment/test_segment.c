/* SPDX-License-Identifier: MIT */
/* Tests for src/segment.c: the shared-memory data segment. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "segment/segment.h"
#include "shmplot.h"
#include "testutil.h"

#include <stdlib.h>

static int setup(void **state)
{
	(void)state;
	assert_int_equal(tu_shm_entries(), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tu_shm_entries(), 0);
	assert_int_equal(tu_children(), 0);
	return 0;
}

/* A write to p, in a child so that the fault kills only it: SIGSEGV. */
static void assert_write_faults(const double *p)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL); /* not cmocka's handler */
		*(volatile double *)p = 2.0;
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
}

static void test_create_fill_seal(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	assert_int_equal(shmplot_data_new(&d, 3, 300, err, sizeof err),
			 SHMPLOT_OK);
	/* The name is unlinked before shmplot_data_new returns. */
	assert_int_equal(tu_shm_entries(), 0);

	double in[100];
	for (int i = 0; i < 100; i++)
		in[i] = i * 0.5;
	shmplot_series a, b;
	assert_int_equal(shmplot_data_add(d, "a", in, 100, &a), SHMPLOT_OK);
	double *out = NULL;
	assert_int_equal(shmplot_data_alloc(d, "b", 200, &out, &b), SHMPLOT_OK);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	for (int i = 0; i < 200; i++)
		out[i] = sin(i);
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK); /* idempotent */

	size_t n;
	const double *v = shmplot_data_values(d, a, &n);
	assert_int_equal(n, 100);
	assert_memory_equal(v, in, sizeof in);
	v = shmplot_data_values(d, b, &n);
	assert_int_equal(n, 200);
	assert_true(v[3] == sin(3));
	assert_int_equal((uintptr_t)v % 64, 0);
	assert_int_equal((uintptr_t)shmplot_data_values(d, a, NULL) % 64, 0);

	shmplot_series found;
	assert_int_equal(shmplot_data_find(d, "b", &found), SHMPLOT_OK);
	assert_int_equal(found, b);
	assert_int_equal(shmplot_data_find(d, "nope", &found),
			 SHMPLOT_E_NOT_FOUND);
	assert_string_equal(shmplot_data_name(d, a), "a");
	assert_null(shmplot_data_values(d, 7, &n));
	assert_int_equal(shmplot_data_count(d), 2);
	assert_true(shmplot_data_bytes(d) >= 300 * sizeof(double));

	/* Sealed: no more series. */
	assert_int_equal(shmplot_data_add(d, "c", in, 1, NULL),
			 SHMPLOT_E_STATE);
	assert_non_null(strstr(shmplot_data_errmsg(d), "sealed"));
	shmplot_data_free(d);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	assert_int_equal(shmplot_data_new(&d, 0, 10, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_null(d);
	assert_non_null(strstr(err, "max_series"));
	assert_int_equal(shmplot_data_new(&d, 2, SIZE_MAX / 4, err, sizeof err),
			 SHMPLOT_E_NOMEM);
	assert_non_null(strstr(err, "overflows"));

	assert_int_equal(shmplot_data_new(&d, 2, 10, err, sizeof err),
			 SHMPLOT_OK);
	double v[11] = {0};
	assert_int_equal(shmplot_data_add(d, "", v, 1, NULL),
			 SHMPLOT_E_INVALID);
	char longname[100];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(shmplot_data_add(d, longname, v, 1, NULL),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_data_errmsg(d), "limit"));
	assert_int_equal(shmplot_data_add(d, "a", v, 4, NULL), SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(d, "a", v, 4, NULL),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_data_errmsg(d), "already exists"));
	/* 4 used; 11 more do not fit in a 10-point segment. */
	assert_int_equal(shmplot_data_add(d, "b", v, 7, NULL),
			 SHMPLOT_E_NOSPACE);
	assert_non_null(
	    strstr(shmplot_data_errmsg(d), "created for 10 points"));
	assert_int_equal(shmplot_data_add(d, "b", v, 6, NULL), SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(d, "c", v, 0, NULL),
			 SHMPLOT_E_NOSPACE); /* only 2 series */
	assert_non_null(strstr(shmplot_data_errmsg(d), "2 series"));
	shmplot_data_free(d);
}

/* A full /dev/shm is reported as NOSPACE at creation, never a SIGBUS later. */
static void test_no_space(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	/* 8 TB: more than any /dev/shm here. */
	shmplot_status st =
	    shmplot_data_new(&d, 1, (size_t)1 << 40, err, sizeof err);
	assert_int_equal(st, SHMPLOT_E_NOSPACE);
	assert_null(d);
	assert_non_null(strstr(err, "cannot reserve 8796093022"));
	assert_non_null(strstr(err, "/dev/shm"));
}

/* Writing to sealed data faults, and the mapping cannot be made writable. */
/* A copy (malloc'd) of the sealed segment's bytes as a spawned worker
 * maps them through the read-only descriptor; *bytes its size. */
static unsigned char *worker_copy(shmplot_data *d, size_t *bytes)
{
	*bytes = shmplot_data_bytes(d);
	unsigned char *copy = malloc(*bytes);
	assert_non_null(copy);
	void *seg = mmap(NULL, *bytes, PROT_READ, MAP_SHARED, sp_data_fd(d), 0);
	assert_true(seg != MAP_FAILED);
	memcpy(copy, seg, *bytes);
	munmap(seg, *bytes);
	return copy;
}

/*
 * A 2-D series through the API: its shape set before sealing, read back,
 * in the views a forked worker renders from and in those a spawned worker
 * builds from the mapping (sp_segment_map); a shape that does not fit, an
 * unknown id and a sealed segment refused.
 */
static void test_shape_2d(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	size_t rows = 99, cols = 99, n;
	shmplot_series a, b;
	double img[6] = {1, 2, 3, 4, 5, 6};
	assert_int_equal(shmplot_data_new(&d, 2, 10, err, sizeof err), 0);
	assert_int_equal(shmplot_data_add(d, "img", img, 6, &a), SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(d, "line", img, 4, &b), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, a, &rows, &cols), 1);
	assert_int_equal(rows, 6);
	assert_int_equal(cols, 0);
	assert_int_equal(shmplot_data_set_shape(d, a, 4, 2), SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_data_errmsg(d),
			       "series \"img\" has 6 values, which is not 4 "
			       "rows x 2 columns"));
	assert_int_equal(shmplot_data_set_shape(d, a, 0, 6), SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_data_set_shape(d, a, SIZE_MAX, 2),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_data_set_shape(d, 7, 2, 3),
			 SHMPLOT_E_NOT_FOUND);
	assert_int_equal(shmplot_data_set_shape(d, a, 2, 3), SHMPLOT_OK);
	assert_int_equal(shmplot_data_shape(d, a, &rows, &cols), 2);
	assert_int_equal(rows, 2);
	assert_int_equal(cols, 3);
	assert_int_equal(shmplot_data_shape(d, b, NULL, &cols), 1);
	assert_int_equal(cols, 0);
	assert_int_equal(shmplot_data_shape(d, 2, &rows, &cols), 0);
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	assert_int_equal(shmplot_data_set_shape(d, a, 3, 2), SHMPLOT_E_STATE);
	assert_int_equal(shmplot_data_shape(d, a, &rows, &cols), 2);
	assert_int_equal(rows, 2); /* unchanged */

	spr_series *v = NULL;
	assert_int_equal(sp_data_views(d, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].n, 6);
	assert_int_equal(v[0].cols, 3);
	assert_int_equal(spr_series_rows(&v[0]), 2);
	assert_int_equal(v[1].cols, 0);
	free(v);

	/* what a spawned worker maps: the same shapes, from the bytes */
	size_t bytes;
	unsigned char *copy = worker_copy(d, &bytes);
	assert_int_equal(sp_segment_map(copy, bytes, &v, &n, err, sizeof err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].cols, 3);
	assert_true(v[0].v[5] == 6);
	assert_int_equal(v[1].cols, 0);
	free(v);
	/* a shape that does not divide the length is refused: entry 0's
	 * cols (after name[64], offset, n) set to 4 */
	uint64_t four = 4;
	memcpy(copy + 64 + 64 + 8 + 8, &four, sizeof four);
	assert_int_equal(sp_segment_map(copy, bytes, &v, &n, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "entry 0 is out of bounds"));
	free(copy);
	shmplot_data_free(d);
}

/*
 * Extremes recorded before the seal reach the views and a spawned
 * worker's mapping; extremes that are not two finite values in order are
 * not recorded, none after the seal; a mapping whose recorded extremes
 * are out of order or whose flags are unknown is refused.
 */
static void test_extremes(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	double a[3] = {1, -2, 5}, b[2] = {0, 1};
	shmplot_series ia, ib, ic;
	spr_series *v = NULL;
	size_t n;
	assert_int_equal(shmplot_data_new(&d, 3, 10, err, sizeof err), 0);
	assert_int_equal(shmplot_data_add(d, "a", a, 3, &ia), SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(d, "b", b, 2, &ib), SHMPLOT_OK);
	assert_int_equal(shmplot_data_add(d, "c", b, 2, &ic), SHMPLOT_OK);
	assert_int_equal(sp_data_set_extremes(d, ia, -2, 5), SHMPLOT_OK);
	assert_int_equal(sp_data_set_extremes(d, ib, NAN, 1), SHMPLOT_OK);
	assert_int_equal(sp_data_set_extremes(d, ic, 1, 0), SHMPLOT_OK);
	assert_int_equal(sp_data_set_extremes(d, 3, 0, 1), SHMPLOT_E_STATE);
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	assert_int_equal(sp_data_set_extremes(d, ib, 0, 1), SHMPLOT_E_STATE);
	assert_int_equal(sp_data_views(d, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].extremes, 1);
	assert_true(v[0].lo == -2 && v[0].hi == 5);
	assert_int_equal(v[1].extremes, 0);
	assert_int_equal(v[2].extremes, 0);
	free(v);

	size_t bytes;
	unsigned char *copy = worker_copy(d, &bytes);
	assert_int_equal(sp_segment_map(copy, bytes, &v, &n, err, sizeof err),
			 0);
	assert_int_equal(v[0].extremes, 1);
	assert_true(v[0].lo == -2 && v[0].hi == 5);
	assert_int_equal(v[1].extremes, 0);
	free(v);
	/* entry 0's flags, lo, hi after name[64], offset, n, cols */
	const size_t flags = 64 + 64 + 8 + 8 + 8, lo = flags + 8;
	double big = 9;
	memcpy(copy + lo, &big, sizeof big); /* lo 9 > hi 5 */
	assert_int_equal(sp_segment_map(copy, bytes, &v, &n, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "entry 0 is out of bounds"));
	memcpy(copy + lo, &a[1], sizeof a[1]);
	uint32_t unknown = 3;
	memcpy(copy + flags, &unknown, sizeof unknown);
	assert_int_equal(sp_segment_map(copy, bytes, &v, &n, err, sizeof err),
			 SHMPLOT_E_INVALID);
	free(copy);
	shmplot_data_free(d);
}

static void test_sealed_is_read_only(void **state)
{
	(void)state;
	shmplot_data *d = NULL;
	assert_int_equal(shmplot_data_new(&d, 1, 16, NULL, 0), SHMPLOT_OK);
	double *p;
	assert_int_equal(shmplot_data_alloc(d, "x", 16, &p, NULL), SHMPLOT_OK);
	p[0] = 1.0;
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	long page = sysconf(_SC_PAGESIZE);
	void *start = (void *)((uintptr_t)p & ~(uintptr_t)(page - 1));
	errno = 0;
	assert_int_not_equal(
	    mprotect(start, (size_t)page, PROT_READ | PROT_WRITE), 0);
	assert_int_equal(errno, EACCES);

	assert_write_faults(p);
	assert_true(p[0] == 1.0);
	shmplot_data_free(d);
}

/*
 * A reusable segment (the Python package's loop): filled, sealed, emptied
 * and filled again in the same pages, its series read through a read-only
 * mapping, its id nonzero only while sealed; one that does not fit is
 * refused and left as it was; an ordinary segment is never reusable.
 */
static void test_reusable(void **state)
{
	(void)state;
	char err[256] = "";
	shmplot_data *d = NULL;
	assert_int_equal(
	    sp_data_new_reusable(&d, 64 << 10, 2, 100, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(tu_shm_entries(), 0);
	assert_true(shmplot_data_bytes(d) >= 64 << 10);
	double in[100];
	for (int i = 0; i < 100; i++)
		in[i] = i;
	shmplot_series a;
	assert_int_equal(shmplot_data_add(d, "a", in, 100, &a), SHMPLOT_OK);
	assert_int_equal(sp_data_keep_id(d), 0); /* not sealed yet */
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	uint64_t id = sp_data_keep_id(d);
	assert_int_not_equal(id, 0);
	const double *v = shmplot_data_values(d, a, NULL);
	assert_true(v[99] == 99.0);

	/* again, with more series in the same bytes */
	assert_int_equal(sp_data_reuse(d, 5, 5 * 1000), 1);
	assert_int_equal(shmplot_data_count(d), 0);
	assert_int_equal(sp_data_keep_id(d), 0);
	shmplot_series ids[5];
	for (int k = 0; k < 5; k++) {
		char name[8];
		snprintf(name, sizeof name, "s%d", k);
		for (int i = 0; i < 100; i++)
			in[i] = k * 1000 + i;
		assert_int_equal(shmplot_data_add(d, name, in, 100, &ids[k]),
				 SHMPLOT_OK);
	}
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	assert_int_equal(sp_data_keep_id(d), id); /* the same segment */
	assert_int_equal(shmplot_data_count(d), 5);
	v = shmplot_data_values(d, ids[4], NULL);
	assert_true(v[7] == 4007.0);
	/* what a worker maps from the read-only descriptor agrees */
	void *m = mmap(NULL, shmplot_data_bytes(d), PROT_READ, MAP_SHARED,
		       sp_data_fd(d), 0);
	assert_true(m != MAP_FAILED);
	spr_series *views = NULL;
	size_t count = 0;
	assert_int_equal(sp_segment_map(m, shmplot_data_bytes(d), &views,
					&count, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(count, 5);
	assert_true(views[4].v[7] == 4007.0 && views[0].v[0] == 0.0);
	free(views);
	munmap(m, shmplot_data_bytes(d));

	/* the series are read-only where they are read from */
	assert_write_faults(v);

	/* too big for it: refused, unchanged */
	assert_int_equal(sp_data_reuse(d, 1, 1 << 20), 0);
	assert_int_equal(sp_data_keep_id(d), id);
	assert_int_equal(shmplot_data_count(d), 5);
	shmplot_data_free(d);

	shmplot_data *o = NULL;
	assert_int_equal(shmplot_data_new(&o, 1, 10, NULL, 0), SHMPLOT_OK);
	assert_int_equal(shmplot_data_seal(o), SHMPLOT_OK);
	assert_int_equal(sp_data_keep_id(o), 0);
	assert_int_equal(sp_data_reuse(o, 1, 10), 0);
	shmplot_data_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_fill_seal, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_bad_arguments, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_no_space, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_shape_2d, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_extremes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sealed_is_read_only, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_reusable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
