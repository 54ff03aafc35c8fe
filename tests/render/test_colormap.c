/* SPDX-License-Identifier: MIT */
/*
 * Colormaps and norms against matplotlib 3.6: every table (and its _r
 * twin) bit for bit against matplotlib's own (tests/data/colormaps_mpl.txt,
 * written by tests/gen_colormaps.py), and value -> colour answers that
 * matplotlib gave (Normalize, LogNorm, Colormap.__call__ with bytes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "colormap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CMAP_DATA
#error "CMAP_DATA must name tests/data/colormaps_mpl.txt"
#endif

static int find(const char *name)
{
	for (int i = 0; i < SPR_CMAP_COUNT; i++)
		if (strcmp(spr_cmap_names[i], name) == 0)
			return i;
	return -1;
}

/* FNV-1a 64 of the table's doubles as little-endian bytes. */
static uint64_t table_hash(const spr_cmap *cm)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (int i = 0; i < cm->n; i++)
		for (int c = 0; c < 3; c++) {
			uint64_t bits;
			memcpy(&bits, &cm->lut[i][c], sizeof bits);
			for (int b = 0; b < 8; b++) {
				h ^= (bits >> (8 * b)) & 0xff;
				h *= 0x100000001b3u;
			}
		}
	return h;
}

static void test_tables_are_matplotlibs(void **state)
{
	FILE *f = fopen(CMAP_DATA, "r");
	char name[64];
	unsigned long long want;
	int n, lines = 0;
	double pick[9];
	(void)state;

	assert_non_null(f);
	while (fscanf(f, "%63s %d %llx", name, &n, &want) == 3) {
		spr_cmap cm;
		int id = find(name), k[3];
		for (int i = 0; i < 9; i++)
			assert_int_equal(fscanf(f, "%lf", &pick[i]), 1);
		if (id < 0)
			fail_msg("%s is not one of spr_cmap_names", name);
		spr_cmap_load(&cm, id);
		assert_int_equal(cm.n, n);
		k[0] = 0, k[1] = n / 2, k[2] = n - 1;
		for (int i = 0; i < 3; i++)
			for (int c = 0; c < 3; c++)
				if (cm.lut[k[i]][c] != pick[3 * i + c])
					fail_msg(
					    "%s[%d][%d] = %.17g, matplotlib "
					    "%.17g",
					    name, k[i], c, cm.lut[k[i]][c],
					    pick[3 * i + c]);
		if (table_hash(&cm) != want)
			fail_msg("%s: table differs from matplotlib's", name);
		lines++;
	}
	fclose(f);
	/* every name is checked */
	assert_int_equal(lines, SPR_CMAP_COUNT);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(spr_cmap_names[SPR_CMAP_DEFAULT], "viridis");
	assert_null(spr_cmap_names[SPR_CMAP_COUNT]);
	for (int i = 0; i < SPR_CMAP_COUNT; i += 2) {
		char r[64];
		snprintf(r, sizeof r, "%s_r", spr_cmap_names[i]);
		assert_string_equal(spr_cmap_names[i + 1], r);
	}
	assert_true(find("tab10") >= 0 && find("RdBu") >= 0);
	assert_true(find("Greys") >= 0 && find("gray") >= 0);
	assert_true(find("cividis") >= 0 && find("magma_r") >= 0);
}

/* Colormap.__call__: floor(t * N), 1.0 the top, under/over the ends. */
static void test_index(void **state)
{
	spr_cmap cm;
	(void)state;

	spr_cmap_load(&cm, find("viridis"));
	assert_int_equal(spr_cmap_index(&cm, 0.0), 0);
	assert_int_equal(spr_cmap_index(&cm, 0.5 / 256), 0);
	assert_int_equal(spr_cmap_index(&cm, 1.0 / 256), 1);
	assert_int_equal(spr_cmap_index(&cm, 0.5), 128);
	assert_int_equal(spr_cmap_index(&cm, 1.0), 255);
	assert_int_equal(spr_cmap_index(&cm, 1.0000001), 255);
	assert_int_equal(spr_cmap_index(&cm, INFINITY), 255);
	assert_int_equal(spr_cmap_index(&cm, -1e-9), 0);
	assert_int_equal(spr_cmap_index(&cm, -INFINITY), 0);
	assert_int_equal(spr_cmap_index(&cm, NAN), -1);
	/* viridis[1] = (68.47, 2.45, 85.53): a marker rounds, an image
	 * truncates */
	assert_int_equal(spr_cmap_rgb(&cm, 1), 0x440256);
	assert_int_equal(spr_cmap_rgb_trunc(&cm, 1), 0x440255);

	/* tab10(x, bytes=True) for 0, 0.15, 0.99, 1.0 */
	spr_cmap_load(&cm, find("tab10"));
	assert_int_equal(cm.n, 10);
	assert_int_equal(spr_cmap_rgb_trunc(&cm, spr_cmap_index(&cm, 0)),
			 0x1f77b4);
	assert_int_equal(spr_cmap_rgb_trunc(&cm, spr_cmap_index(&cm, 0.15)),
			 0xff7f0e);
	assert_int_equal(spr_cmap_rgb_trunc(&cm, spr_cmap_index(&cm, 0.99)),
			 0x17becf);
	assert_int_equal(spr_cmap_rgb_trunc(&cm, spr_cmap_index(&cm, 1.0)),
			 0x17becf);
}

/* RdBu_r(Normalize(-2, 3)(v), bytes=True) for v = -2, 0.1, 3, 4, -5 */
static void test_linear_norm(void **state)
{
	static const double v[] = {-2, 0.1, 3, 4, -5};
	static const uint32_t want[] = {0x053061, 0xd8e8f1, 0x67001f, 0x67001f,
					0x053061};
	spr_norm nm = {-2, 3, 0};
	spr_cmap cm;
	(void)state;

	spr_cmap_load(&cm, find("RdBu_r"));
	assert_int_equal(spr_norm_check(&nm, NULL, 0), 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(
		    spr_cmap_rgb_trunc(
			&cm, spr_cmap_index(&cm, spr_norm_map(&nm, v[i]))),
		    want[i]);
	/* vmin == vmax: everything 0, as matplotlib */
	nm = (spr_norm){2, 2, 0};
	assert_true(spr_norm_map(&nm, 5) == 0 && spr_norm_map(&nm, 1) == 0);
	assert_true(isnan(spr_norm_map(&nm, NAN)));
}

static void test_log_norm(void **state)
{
	spr_norm nm = {1, 1000, 1};
	char err[128];
	(void)state;

	assert_int_equal(spr_norm_check(&nm, err, sizeof err), 0);
	/* LogNorm(1, 1000)([10, 0.5, 999, 1000]) */
	assert_true(spr_norm_map(&nm, 10) == 0.3333333333333333);
	assert_true(spr_norm_map(&nm, 0.5) == -0.10034333188799373);
	assert_true(spr_norm_map(&nm, 999) == 0.9998551627419942);
	assert_true(spr_norm_map(&nm, 1000) == 1.0);
	/* masked: bad */
	assert_true(isnan(spr_norm_map(&nm, 0)));
	assert_true(isnan(spr_norm_map(&nm, -1)));

	nm = (spr_norm){0, 10, 1};
	assert_int_equal(spr_norm_check(&nm, err, sizeof err), -1);
	assert_non_null(strstr(err, "vmin > 0"));
	nm = (spr_norm){5, 1, 0};
	assert_int_equal(spr_norm_check(&nm, err, sizeof err), -1);
	assert_non_null(strstr(err, "greater than vmax"));
}

/* autoscale_None: finite values; with log the positive ones */
static void test_autoscale(void **state)
{
	static const double v[] = {NAN, -3, 0, 2, INFINITY, 7, 0.5};
	spr_norm nm = {NAN, NAN, 0};
	(void)state;

	spr_norm_autoscale(&nm, v, 7);
	assert_true(nm.vmin == -3 && nm.vmax == 7);
	nm = (spr_norm){NAN, NAN, 1};
	spr_norm_autoscale(&nm, v, 7);
	assert_true(nm.vmin == 0.5 && nm.vmax == 7);
	nm = (spr_norm){NAN, 4, 0};
	spr_norm_autoscale(&nm, v, 7);
	assert_true(nm.vmin == -3 && nm.vmax == 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tables_are_matplotlibs),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_index),
	    cmocka_unit_test(test_linear_norm),
	    cmocka_unit_test(test_log_norm),
	    cmocka_unit_test(test_autoscale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
