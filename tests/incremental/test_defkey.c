// SPDX-License-Identifier: MIT
/*
 * Tests for keys by definition (src/incremental/defkey.c) and the
 * deferred load (src/spec/deferred.c): shmplot_spec_figure_keys() and
 * shmplot_spec_fill().
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shmplot.h"
#include "shmplot/spec.h"
#include "testhooks/testhooks.h"
#include "testutil.h"

/* x: 200,000 points and y = sin(x), drawn by f0; s and t = s * 2 (or
 * the same values as s + s), drawn by f1 and f2. */
static char *spec_text(double xend, int t_as_add)
{
	char *json;
	assert_true(
	    asprintf(&json,
		     "{\"shmplot\": 1, \"series\": {"
		     "\"x\": {\"linspace\": [0, %g, 200000]},"
		     "\"y\": {\"sin\": \"x\"},"
		     "\"s\": {\"linspace\": [0, 1, 10]},"
		     "\"t\": %s},"
		     "\"figures\": ["
		     "{\"name\": \"f0\", \"lines\": [{\"x\": \"x\", \"y\": "
		     "\"y\"}]},"
		     "{\"name\": \"f1\", \"lines\": [{\"x\": \"s\", \"y\": "
		     "\"t\"}]},"
		     "{\"name\": \"f2\", \"title\": \"two\", \"lines\": "
		     "[{\"x\": \"s\", \"y\": \"t\"}]}]}",
		     xend,
		     t_as_add ? "{\"add\": [\"s\", \"s\"]}"
			      : "{\"mul\": [\"s\", 2]}") > 0);
	return json;
}

static shmplot_spec *load(const char *json, const char *dir, int defer,
			  unsigned k, unsigned n)
{
	shmplot_spec *s = NULL;
	shmplot_spec_load_opts o;
	shmplot_spec_load_opts_init(&o);
	o.defer_fill = defer;
	o.shard_k = k;
	o.shard_n = n;
	shmplot_status st =
	    shmplot_spec_load_buffer_with(&s, json, strlen(json), dir, &o);
	if (st != SHMPLOT_OK)
		fail_msg("load: %s", shmplot_spec_errmsg(s));
	return s;
}

static shmplot_renderer *renderer(void)
{
	char err[256];
	shmplot_renderer *r = NULL;
	assert_int_equal(shmplot_renderer_new(&r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	return r;
}

/* The definition keys of spec text json's 3 figures. */
static void def_keys(shmplot_renderer *r, double xend, int t_as_add,
		     shmplot_key *k)
{
	char *json = spec_text(xend, t_as_add);
	shmplot_spec *s = load(json, NULL, 1, 1, 1);
	assert_null(shmplot_spec_data(s));
	assert_int_equal(shmplot_spec_series_filled(s, NULL), 0);
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  3, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_OK);
	shmplot_spec_free(s);
	free(json);
}

/* A changed definition changes exactly its figures' keys; the same
 * definition the same keys; a definition giving the same values still
 * changes them (the trade-off); definition keys are not value keys. */
static void test_keys(void **state)
{
	(void)state;
	shmplot_renderer *r = renderer();
	shmplot_key a[3], b[3], c[3], v[3];
	def_keys(r, 10, 0, a);
	def_keys(r, 10, 0, b);
	assert_memory_equal(a, b, sizeof a);
	assert_memory_not_equal(&a[1], &a[2], sizeof a[1]);
	def_keys(r, 11, 0, c);
	assert_memory_not_equal(&a[0], &c[0], sizeof a[0]);
	assert_memory_equal(&a[1], &c[1], 2 * sizeof a[0]);
	def_keys(r, 10, 1, c);
	assert_memory_equal(&a[0], &c[0], sizeof a[0]);
	assert_memory_not_equal(&a[1], &c[1], sizeof a[0]);
	assert_memory_not_equal(&a[2], &c[2], sizeof a[0]);
	char *json = spec_text(10, 0);
	shmplot_spec *s = load(json, NULL, 0, 1, 1);
	assert_int_equal(shmplot_figure_keys(r, shmplot_spec_data(s),
					     shmplot_spec_figures(s), 3, NULL,
					     SHMPLOT_FORMAT_PNG, v),
			 SHMPLOT_OK);
	for (int i = 0; i < 3; i++)
		assert_memory_not_equal(&a[i], &v[i], sizeof a[0]);
	/* not deferred: no definitions to key by */
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  3, NULL, SHMPLOT_FORMAT_PNG,
						  v),
			 SHMPLOT_E_STATE);
	assert_int_equal(shmplot_spec_fill(s, NULL), SHMPLOT_E_STATE);
	shmplot_spec_free(s);
	free(json);
	shmplot_renderer_free(r);
}

/* The fill computes the kept figures' series only, and gives them the
 * values a plain load gives. */
static void test_fill(void **state)
{
	(void)state;
	shmplot_renderer *r = renderer();
	char *json = spec_text(10, 0);
	shmplot_spec *s = load(json, NULL, 1, 1, 1);
	shmplot_spec *plain = load(json, NULL, 0, 1, 1);
	const unsigned char keep[3] = {0, 1, 0};
	size_t points;
	shmplot_key k[3];
	assert_int_equal(shmplot_spec_fill(s, keep), SHMPLOT_OK);
	assert_int_equal(shmplot_spec_series_filled(s, &points), 2);
	assert_int_equal(points, 20);
	size_t n, np;
	const double *t = shmplot_data_values(shmplot_spec_data(s), 3, &n);
	const double *tp =
	    shmplot_data_values(shmplot_spec_data(plain), 3, &np);
	assert_int_equal(n, 10);
	assert_int_equal(np, 10);
	assert_memory_equal(t, tp, n * sizeof *t);
	shmplot_data_values(shmplot_spec_data(s), 0, &n);
	assert_int_equal(n, 0); /* x: left out */
	/* the value keys of what was filled are a plain load's */
	shmplot_key kv[3];
	assert_int_equal(shmplot_figure_keys(r, shmplot_spec_data(s),
					     shmplot_spec_figures(s) + 1, 1,
					     NULL, SHMPLOT_FORMAT_PNG, k),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_figure_keys(r, shmplot_spec_data(plain),
					     shmplot_spec_figures(plain) + 1, 1,
					     NULL, SHMPLOT_FORMAT_PNG, kv),
			 SHMPLOT_OK);
	assert_memory_equal(k, kv, sizeof k[0]);
	/* filled: definitions are gone */
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  3, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_E_STATE);
	assert_non_null(strstr(shmplot_renderer_errmsg(r), "filled already"));
	assert_int_equal(shmplot_spec_fill(s, keep), SHMPLOT_E_STATE);
	shmplot_spec_free(s);
	/* all (NULL): as a plain load; a shard: its series */
	s = load(json, NULL, 1, 1, 1);
	assert_int_equal(shmplot_spec_fill(s, NULL), SHMPLOT_OK);
	assert_int_equal(shmplot_spec_series_filled(s, &points), 4);
	assert_int_equal(points, 400020);
	shmplot_spec_free(s);
	s = load(json, NULL, 1, 2, 3); /* f1 */
	assert_int_equal(shmplot_spec_fill(s, NULL), SHMPLOT_OK);
	assert_int_equal(shmplot_spec_series_filled(s, &points), 2);
	shmplot_spec_free(s);
	shmplot_spec_free(plain);
	free(json);
	shmplot_renderer_free(r);
}

static void write_raw(const char *path, double first)
{
	double v[16];
	for (int i = 0; i < 16; i++)
		v[i] = first + i;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(v, sizeof v, 1, f), 1);
	assert_int_equal(fclose(f), 0);
}

/* A raw file's series is keyed by the file's bytes: rewritten the same,
 * the same key; changed (same size), another; gone, SHMPLOT_E_IO. */
static void test_files(void **state)
{
	(void)state;
	shmplot_renderer *r = renderer();
	char dir[] = "/tmp/shmplot_defkey_XXXXXX", path[64];
	const char *json =
	    "{\"shmplot\": 1, \"series\": {\"r\": {\"raw\": \"r.bin\"}, "
	    "\"q\": {\"sqrt\": \"r\"}}, \"figures\": [{\"name\": \"f\", "
	    "\"lines\": [{\"y\": \"q\"}]}]}";
	shmplot_key k[3];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/r.bin", dir);
	for (int i = 0; i < 3; i++) {
		write_raw(path, i == 2 ? 2 : 1);
		shmplot_spec *s = load(json, dir, 1, 1, 1);
		assert_int_equal(
		    shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s), 1,
					     NULL, SHMPLOT_FORMAT_PNG, &k[i]),
		    SHMPLOT_OK);
		shmplot_spec_free(s);
	}
	assert_memory_equal(&k[0], &k[1], sizeof k[0]);
	assert_memory_not_equal(&k[0], &k[2], sizeof k[0]);
	shmplot_spec *s = load(json, dir, 1, 1, 1);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  1, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_E_IO);
	assert_non_null(strstr(shmplot_renderer_errmsg(r), "r.bin"));
	/* and again: a series that failed is not kept as keyed */
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  1, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_E_IO);
	shmplot_spec_free(s);
	assert_int_equal(rmdir(dir), 0);
	shmplot_renderer_free(r);
}

static void write_npy(const char *path)
{
	char head[128];
	double v[8];
	int n = snprintf(head + 10, sizeof head - 10,
			 "{'descr': '<f8', 'fortran_order': False, "
			 "'shape': (8,), }");
	memset(head + 10 + n, ' ', 128 - 10 - (size_t)n);
	head[127] = '\n';
	memcpy(head, "\x93NUMPY\x01\x00", 8);
	head[8] = 128 - 10;
	head[9] = 0;
	for (int i = 0; i < 8; i++)
		v[i] = 0.5 * i;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(head, sizeof head, 1, f), 1);
	assert_int_equal(fwrite(v, sizeof v, 1, f), 1);
	assert_int_equal(fclose(f), 0);
}

/* The keys of spec json's first n figures (data files in dir), one
 * call for all or one call a figure; *reads: data files read for them. */
static void file_keys(shmplot_renderer *r, const char *json, const char *dir,
		      size_t n, int one_by_one, shmplot_key *k, int *reads)
{
	shmplot_spec *s = load(json, dir, 1, 1, 1);
	sp_test_calls_reset();
	for (size_t i = 0; i < n; i += one_by_one ? 1 : n)
		assert_int_equal(
		    shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s) + i,
					     one_by_one ? 1 : n, NULL,
					     SHMPLOT_FORMAT_PNG, k + i),
		    SHMPLOT_OK);
	*reads = sp_test_calls(SP_CALL_DATAFILE);
	shmplot_spec_free(s);
}

/* Data files are read once a run: series reading one file (by the same
 * name, another spelling, a hard link) share one read, in one call or
 * several, with the keys a lone series of that file gets; a new load
 * reads again (a file changed in place changes its figures' keys). */
static void test_shared_files(void **state)
{
	(void)state;
	shmplot_renderer *r = renderer();
	char dir[] = "/tmp/shmplot_defkey_XXXXXX", path[64], link_path[64];
	const char *json =
	    "{\"shmplot\": 1, \"series\": {\"a\": {\"raw\": \"r.bin\"}, "
	    "\"b\": {\"raw\": \"r.bin\"}, \"c\": {\"raw\": \"./r.bin\"}, "
	    "\"l\": {\"raw\": \"l.bin\"}, \"q\": {\"sqrt\": \"b\"}, "
	    "\"n\": {\"npy\": \"n.npy\"}, \"m\": {\"npy\": \"n.npy\"}, "
	    "\"o\": {\"raw\": \"o.bin\"}}, \"figures\": ["
	    "{\"name\": \"f0\", \"lines\": [{\"y\": \"a\"}]}, "
	    "{\"name\": \"f1\", \"lines\": [{\"y\": \"b\"}, {\"y\": \"c\"}]}, "
	    "{\"name\": \"f2\", \"lines\": [{\"y\": \"l\"}, {\"y\": \"q\"}]}, "
	    "{\"name\": \"f3\", \"lines\": [{\"y\": \"n\"}]}, "
	    "{\"name\": \"f4\", \"lines\": [{\"y\": \"m\"}]}, "
	    "{\"name\": \"f5\", \"lines\": [{\"y\": \"o\"}]}]}";
	const char *alone =
	    "{\"shmplot\": 1, \"series\": {\"a\": {\"raw\": \"r.bin\"}}, "
	    "\"figures\": [{\"name\": \"f0\", \"lines\": [{\"y\": "
	    "\"a\"}]}]}";
	shmplot_key k[6], k1[6], ka, kc[6];
	int reads;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/r.bin", dir);
	write_raw(path, 1);
	snprintf(link_path, sizeof link_path, "%s/l.bin", dir);
	assert_int_equal(link(path, link_path), 0);
	snprintf(path, sizeof path, "%s/o.bin", dir);
	write_raw(path, 7);
	snprintf(path, sizeof path, "%s/n.npy", dir);
	write_npy(path);
	file_keys(r, json, dir, 6, 0, k, &reads);
	assert_int_equal(reads, 3); /* r.bin, n.npy, o.bin */
	file_keys(r, json, dir, 6, 1, k1, &reads);
	assert_int_equal(reads, 3);
	assert_memory_equal(k, k1, sizeof k);
	file_keys(r, alone, dir, 1, 0, &ka, &reads);
	assert_int_equal(reads, 1);
	assert_memory_equal(&k[0], &ka, sizeof ka);
	/* the same inode, other bytes: read again by the next load */
	snprintf(path, sizeof path, "%s/r.bin", dir);
	write_raw(path, 2);
	file_keys(r, json, dir, 6, 0, kc, &reads);
	assert_int_equal(reads, 3);
	for (int i = 0; i < 3; i++)
		assert_memory_not_equal(&k[i], &kc[i], sizeof k[0]);
	assert_memory_equal(&k[3], &kc[3], 3 * sizeof k[0]);
	/* a read that fails is not kept: the error names the file */
	shmplot_spec *s = load(json, dir, 1, 1, 1);
	setenv("SHMPLOT_TEST_SYSFAULT", "datafile=EIO", 1);
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  1, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_E_IO);
	assert_non_null(strstr(shmplot_renderer_errmsg(r), "r.bin"));
	unsetenv("SHMPLOT_TEST_SYSFAULT");
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  1, NULL, SHMPLOT_FORMAT_PNG,
						  k),
			 SHMPLOT_OK);
	assert_memory_equal(&k[0], &kc[0], sizeof k[0]);
	shmplot_spec_free(s);
	const char *names[] = {"r.bin", "l.bin", "o.bin", "n.npy"};
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		assert_int_equal(unlink(path), 0);
	}
	assert_int_equal(rmdir(dir), 0);
	shmplot_renderer_free(r);
}

/* A chain of 5,000 series, each computed from the one before: keyed
 * without recursion. */
static void test_chain(void **state)
{
	(void)state;
	enum { N = 5000 };
	shmplot_renderer *r = renderer();
	char *json = malloc(64 * N + 256), *p = json;
	shmplot_key k;
	p += sprintf(p, "{\"shmplot\": 1, \"series\": {\"c0\": "
			"{\"linspace\": [0, 1, 3]}");
	for (int i = 1; i < N; i++)
		p += sprintf(p, ", \"c%d\": {\"neg\": \"c%d\"}", i, i - 1);
	sprintf(p,
		"}, \"figures\": [{\"name\": \"f\", \"lines\": [{\"y\": "
		"\"c%d\"}]}]}",
		N - 1);
	shmplot_spec *s = load(json, NULL, 1, 1, 1);
	assert_int_equal(shmplot_spec_figure_keys(s, r, shmplot_spec_figures(s),
						  1, NULL, SHMPLOT_FORMAT_PNG,
						  &k),
			 SHMPLOT_OK);
	shmplot_spec_free(s);
	free(json);
	shmplot_renderer_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keys),  cmocka_unit_test(test_fill),
	    cmocka_unit_test(test_files), cmocka_unit_test(test_shared_files),
	    cmocka_unit_test(test_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
