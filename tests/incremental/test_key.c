// SPDX-License-Identifier: MIT
/* Tests for src/incremental/key.c: shmplot_figure_keys(). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <link.h>

#include "incremental/inc.h"
#include "shmplot.h"
#include "testutil.h"

enum { NPT = 500 };

/* Data of series a, b, c (c times k), with `extra` unrelated series
 * added first (so a, b, c get other ids). */
static shmplot_data *make_data(double k, int extra, shmplot_series *ids)
{
	char err[256];
	shmplot_data *d = NULL;
	double v[NPT];
	assert_int_equal(shmplot_data_new(&d, 8, 8 * NPT, err, sizeof err),
			 SHMPLOT_OK);
	for (int i = 0; i < NPT; i++)
		v[i] = i;
	for (int e = 0; e < extra; e++) {
		char name[16];
		snprintf(name, sizeof name, "extra%d", e);
		assert_int_equal(shmplot_data_add(d, name, v, NPT, NULL),
				 SHMPLOT_OK);
	}
	for (int s = 0; s < 3; s++) {
		for (int i = 0; i < NPT; i++)
			v[i] = (s == 2 ? k : 1.0) * (i * (s + 1) + 0.5);
		static const char *const names[] = {"a", "b", "c"};
		assert_int_equal(shmplot_data_add(d, names[s], v, NPT, &ids[s]),
				 SHMPLOT_OK);
	}
	assert_int_equal(shmplot_data_seal(d), SHMPLOT_OK);
	return d;
}

/* f0: b against a; f1: c against a, titled. */
static void make_figs(const shmplot_series *ids, const char *title,
		      shmplot_figure **f)
{
	char err[256];
	assert_int_equal(
	    shmplot_figure_new(&f[0], "f0", 3, 2, 50, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(
	    shmplot_figure_new(&f[1], "f1", 3, 2, 50, err, sizeof err),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_axes_plot(shmplot_figure_axes(f[0], 0, 0),
					   ids[0], ids[1], "b", NULL),
			 SHMPLOT_OK);
	shmplot_axes *ax = shmplot_figure_axes(f[1], 0, 0);
	assert_int_equal(shmplot_axes_plot(ax, ids[0], ids[2], "c", NULL),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_axes_set_title(ax, title), SHMPLOT_OK);
}

typedef struct world {
	shmplot_renderer *r;
	shmplot_data *d;
	shmplot_figure *f[2];
} world;

static void keys_of(world *w, double k, int extra, const char *title,
		    const shmplot_render_opts *o, shmplot_format fmt,
		    shmplot_key *keys)
{
	shmplot_series ids[3];
	w->d = make_data(k, extra, ids);
	make_figs(ids, title, w->f);
	assert_int_equal(shmplot_figure_keys(w->r, w->d, w->f, 2, o, fmt, keys),
			 SHMPLOT_OK);
	shmplot_figure_free(w->f[0]);
	shmplot_figure_free(w->f[1]);
	shmplot_data_free(w->d);
}

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	char err[256];
	assert_non_null(w);
	assert_int_equal(shmplot_renderer_new(&w->r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	shmplot_renderer_free(w->r);
	free(w);
	assert_int_equal(tu_shm_entries(), 0);
	return 0;
}

/* The same inputs give the same keys, from run to run; figures differ. */
static void test_stable(void **state)
{
	world *w = *state;
	shmplot_key a[2], b[2];
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, a);
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, b);
	assert_memory_equal(a, b, sizeof a);
	assert_memory_not_equal(&a[0], &a[1], sizeof a[0]);
}

/* A changed series changes exactly the keys of the figures drawing it;
 * where a series sits in the segment does not matter. */
static void test_series(void **state)
{
	world *w = *state;
	shmplot_key a[2], b[2], c[2];
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, a);
	keys_of(w, 1.0000001, 0, "t", NULL, SHMPLOT_FORMAT_PNG, b);
	assert_memory_equal(&a[0], &b[0], sizeof a[0]);
	assert_memory_not_equal(&a[1], &b[1], sizeof a[1]);
	keys_of(w, 1, 2, "t", NULL, SHMPLOT_FORMAT_PNG, c);
	assert_memory_equal(a, c, sizeof a);
}

/* The description, the format, the PNG level and the fonts count. */
static void test_description_format_fonts(void **state)
{
	world *w = *state;
	shmplot_key a[2], b[2];
	shmplot_render_opts o;
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, a);
	keys_of(w, 1, 0, "t2", NULL, SHMPLOT_FORMAT_PNG, b);
	assert_memory_equal(&a[0], &b[0], sizeof a[0]);
	assert_memory_not_equal(&a[1], &b[1], sizeof a[1]);
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_SVG, b);
	assert_memory_not_equal(&a[0], &b[0], sizeof a[0]);
	shmplot_render_opts_init(&o);
	o.png_level = 9;
	keys_of(w, 1, 0, "t", &o, SHMPLOT_FORMAT_PNG, b);
	assert_memory_not_equal(&a[0], &b[0], sizeof a[0]);
	/* a fallback font list of its own: another set of files */
	setenv("SHMPLOT_FONT_FALLBACK", shmplot_renderer_font_path(w->r), 1);
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, b);
	unsetenv("SHMPLOT_FONT_FALLBACK");
	assert_memory_not_equal(&a[0], &b[0], sizeof a[0]);
}

/* The objects sp_code_ids() names, in order. */
typedef struct code_set {
	char what[32][32];
	int n;
} code_set;

static void add_code(void *ctx, const char *what, const unsigned char *id,
		     size_t len)
{
	code_set *c = ctx;
	assert_true(c->n < 32);
	assert_non_null(id);
	assert_true(len >= 8); /* a build ID, or size and mtime */
	snprintf(c->what[c->n++], sizeof c->what[0], "%s", what);
}

static int has_code(const code_set *c, const char *what)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->what[i], what) == 0)
			return 1;
	return 0;
}

/* The libraries that shape the bytes, as this test has them loaded. */
static const char *const shaping[] = {"libcairo.so.",    "libpixman-1.so.",
				      "libfreetype.so.", "libpng16.so.",
				      "libz.so.",        "libdeflate.so."};

static int loaded_lib(struct dl_phdr_info *info, size_t size, void *ctx)
{
	int *seen = ctx;
	const char *name = info->dlpi_name ? info->dlpi_name : "";
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	(void)size;
	for (size_t i = 0; i < sizeof shaping / sizeof *shaping; i++)
		if (strncmp(base, shaping[i], strlen(shaping[i])) == 0)
			seen[i] = 1;
	return 0;
}

/* Every dynamically loaded library that draws or encodes is part of the
 * key, beside shmplot's own code and the worker executable. */
static void test_code_ids(void **state)
{
	code_set c = {0};
	int seen[sizeof shaping / sizeof *shaping] = {0};
	(void)state;
	sp_code_ids(add_code, &c);
	assert_true(c.n >= 1);
	assert_string_equal(c.what[0], "shmplot");
	assert_true(has_code(&c, "shmplot-worker"));
	dl_iterate_phdr(loaded_lib, seen);
	for (size_t i = 0; i < sizeof shaping / sizeof *shaping; i++) {
		/* this test links them all dynamically */
		assert_true(seen[i]);
		assert_true(has_code(&c, shaping[i]));
	}
}

/* A rebuilt shmplot or worker, or an updated library, changes every key
 * (SHMPLOT_TEST_CODE_ID stands in for another build ID). */
static void test_code_change(void **state)
{
	world *w = *state;
	code_set c = {0};
	shmplot_key a[2], b[2];
	sp_code_ids(add_code, &c);
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, a);
	for (int i = 0; i < c.n; i++) {
		setenv("SHMPLOT_TEST_CODE_ID", c.what[i], 1);
		keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, b);
		unsetenv("SHMPLOT_TEST_CODE_ID");
		assert_memory_not_equal(&a[0], &b[0], sizeof a[0]);
		assert_memory_not_equal(&a[1], &b[1], sizeof a[1]);
	}
	keys_of(w, 1, 0, "t", NULL, SHMPLOT_FORMAT_PNG, b);
	assert_memory_equal(a, b, sizeof a);
}

/* Bad calls say what is wrong on the renderer. */
static void test_errors(void **state)
{
	world *w = *state;
	shmplot_series ids[3];
	shmplot_key k[2];
	char err[256];
	shmplot_data *open = NULL;
	w->d = make_data(1, 0, ids);
	make_figs(ids, "t", w->f);
	assert_int_equal(shmplot_figure_keys(NULL, w->d, w->f, 2, NULL,
					     SHMPLOT_FORMAT_PNG, k),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_figure_keys(w->r, w->d, w->f, 2, NULL,
					     (shmplot_format)3, k),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(shmplot_renderer_errmsg(w->r), "format 3"));
	assert_int_equal(shmplot_figure_keys(w->r, w->d, w->f, 2, NULL,
					     SHMPLOT_FORMAT_PNG, NULL),
			 SHMPLOT_E_INVALID);
	assert_int_equal(shmplot_data_new(&open, 1, 10, err, sizeof err),
			 SHMPLOT_OK);
	assert_int_equal(shmplot_figure_keys(w->r, open, w->f, 2, NULL,
					     SHMPLOT_FORMAT_PNG, k),
			 SHMPLOT_E_STATE);
	assert_non_null(strstr(shmplot_renderer_errmsg(w->r), "not sealed"));
	assert_int_equal(shmplot_figure_keys(w->r, w->d, w->f, 0, NULL,
					     SHMPLOT_FORMAT_PNG, NULL),
			 SHMPLOT_OK);
	shmplot_data_free(open);
	shmplot_figure_free(w->f[0]);
	shmplot_figure_free(w->f[1]);
	shmplot_data_free(w->d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_stable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_series, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_description_format_fonts,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	    cmocka_unit_test(test_code_ids),
	    cmocka_unit_test_setup_teardown(test_code_change, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
