/* SPDX-License-Identifier: MIT */
/*
 * Tick locator and formatter against matplotlib's own answers
 * (tests/data/ticks_mpl.txt, written by tests/gen_ticks.py).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ticks.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TICKS_DATA
#error "TICKS_DATA must name tests/data/ticks_mpl.txt"
#endif

/* Splits s at each sep (in place); returns the field count. */
static size_t split(char *s, char sep, char **f, size_t cap)
{
	size_t n = 0;

	if (!*s)
		return 0;
	f[n++] = s;
	for (; *s; s++) {
		if (*s == sep && n < cap) {
			*s = 0;
			f[n++] = s + 1;
		}
	}
	return n;
}

/* U+2212 -> '-', for comparing with mathtext strings. */
static void ascii_minus(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 1 < len; in++) {
		if (!strncmp(in, "\xe2\x88\x92", 3)) {
			out[o++] = '-';
			in += 2;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = 0;
}

/*
 * Limits whose magnitudes are all below MaxNLocator's nonsingular
 * threshold (1e20 * DBL_MIN, about 2.2e-288): matplotlib puts their
 * ticks at +-1e-13, out of view; shmplot draws such data at their own
 * scale (README, extreme magnitudes), so it ticks them there.
 */
static int departs(double vmin, double vmax)
{
	double big = fmax(fabs(vmin), fabs(vmax));

	return big > 0 && big < 1e20 * DBL_MIN;
}

/* At least two ticks in view, each labelled apart from the others. */
static int own_ticks(const spr_ticks *t, double vmin, double vmax, int lineno)
{
	size_t vis = 0, i;

	for (i = 0; i < t->n; i++) {
		vis += spr_tick_visible(t->v[i], vmin, vmax, 0);
		if (i > 0 && !strcmp(t->label[i], t->label[i - 1])) {
			print_error("line %d: labels %zu and %zu are both "
				    "'%s'\n",
				    lineno, i - 1, i, t->label[i]);
			return 1;
		}
	}
	if (vis < 2) {
		print_error("line %d: %zu ticks in view\n", lineno, vis);
		return 1;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * A whole log axis: the labelled ticks in view (major and minor) sorted,
 * their labels, and the minor ticks in view (f[6]).
 */
static int check_logv(char **f, size_t nf, int lineno)
{
	static spr_ticks t;
	char *tk[SPR_MAX_TICKS + 4], *lb[SPR_MAX_TICKS + 4];
	double vmin = strtod(f[2], NULL), vmax = strtod(f[3], NULL);
	double got[SPR_MAX_TICKS];
	size_t nt = split(f[4], ' ', tk, SPR_MAX_TICKS + 4);
	size_t nl = split(f[5], '|', lb, SPR_MAX_TICKS + 4);
	size_t i, j, ng = 0, nminor = 0;
	int bad = 0;

	spr_ticks_compute(&t, vmin, vmax, atoi(f[1]), 1);
	for (i = 0; i < t.n; i++)
		if (t.label[i][0] && spr_tick_visible(t.v[i], vmin, vmax, 1))
			got[ng++] = t.v[i];
	qsort(got, ng, sizeof got[0], cmp_double);
	for (i = 0; i < t.nminor; i++)
		nminor += spr_tick_visible(t.minor[i], vmin, vmax, 1);
	if (ng != nt || nl != nt ||
	    nminor != (size_t)atoi(nf > 6 ? f[6] : "0")) {
		print_error("line %d (logv %s..%s): %zu labelled, %zu minor; "
			    "matplotlib %zu, %s\n",
			    lineno, f[2], f[3], ng, nminor, nt,
			    nf > 6 ? f[6] : "0");
		return 1;
	}
	for (i = 0; i < nt; i++) {
		double want = strtod(tk[i], NULL);
		char sup[SPR_TICK_LABEL], lab[2 * SPR_TICK_LABEL + 8];
		if (!(fabs(got[i] - want) <= 1e-12 * fabs(want))) {
			print_error("line %d: tick %zu is %.17g, matplotlib "
				    "%.17g\n",
				    lineno, i, got[i], want);
			bad = 1;
		}
		for (j = 0; j < t.n && t.v[j] != got[i]; j++)
			;
		ascii_minus(t.sup[j], sup, sizeof sup);
		snprintf(lab, sizeof lab, "%s^{%s}", t.label[j], sup);
		if (strcmp(lab, lb[i]) != 0) {
			print_error("line %d: label %zu is '%s', matplotlib "
				    "'%s'\n",
				    lineno, i, lab, lb[i]);
			bad = 1;
		}
	}
	return bad;
}

static int check_case(char *line, int lineno)
{
	char *f[8], *tk[SPR_MAX_TICKS + 4], *lb[SPR_MAX_TICKS + 4];
	size_t nf, nt, nl, i;
	static spr_ticks t;
	double vmin, vmax;
	int nbins, islog, bad = 0;

	line[strcspn(line, "\n")] = 0;
	nf = split(line, '\t', f, 8);
	if (nf < 6) {
		print_error("line %d: %zu fields\n", lineno, nf);
		return 1;
	}
	if (!strcmp(f[0], "logv"))
		return check_logv(f, nf, lineno);
	islog = !strcmp(f[0], "log");
	nbins = atoi(f[1]);
	vmin = strtod(f[2], NULL);
	vmax = strtod(f[3], NULL);
	nt = split(f[4], ' ', tk, SPR_MAX_TICKS + 4);
	nl = split(f[5], '|', lb, SPR_MAX_TICKS + 4);
	spr_ticks_compute(&t, vmin, vmax, nbins, islog);
	if (!islog && departs(vmin, vmax))
		return own_ticks(&t, vmin, vmax, lineno);
	if (t.n != nt || nl != nt) {
		print_error("line %d (%s %s..%s): %zu ticks, matplotlib %zu\n",
			    lineno, f[0], f[2], f[3], t.n, nt);
		return 1;
	}
	for (i = 0; i < nt; i++) {
		double want = strtod(tk[i], NULL);
		char got[2 * SPR_TICK_LABEL + 8];
		/* linear ticks are exact; log ticks are 10^k, where numpy's
		 * power may differ from libm's pow by an ulp */
		double tol = islog ? 1e-12 * fabs(want) : 0;
		if (!(fabs(t.v[i] - want) <= tol)) {
			print_error("line %d: tick %zu is %.17g, matplotlib "
				    "%.17g\n",
				    lineno, i, t.v[i], want);
			bad = 1;
		}
		if (islog) {
			char sup[SPR_TICK_LABEL];
			ascii_minus(t.sup[i], sup, sizeof sup);
			snprintf(got, sizeof got, "%s^{%s}", t.label[i], sup);
		} else {
			snprintf(got, sizeof got, "%s", t.label[i]);
		}
		if (strcmp(got, lb[i]) != 0) {
			print_error("line %d: label %zu is '%s', matplotlib "
				    "'%s'\n",
				    lineno, i, got, lb[i]);
			bad = 1;
		}
	}
	if (strcmp(t.offset, nf > 6 ? f[6] : "") != 0) {
		print_error("line %d: offset '%s', matplotlib '%s'\n", lineno,
			    t.offset, nf > 6 ? f[6] : "");
		bad = 1;
	}
	return bad;
}

static void test_against_matplotlib(void **state)
{
	FILE *fp = fopen(TICKS_DATA, "r");
	char line[8192];
	int lineno = 0, failed = 0, nlin = 0, nlog = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!strncmp(line, "log", 3))
			nlog++;
		else
			nlin++;
		failed += check_case(line, lineno);
	}
	fclose(fp);
	print_message("%d linear and %d log ranges, %d mismatched\n", nlin,
		      nlog, failed);
	assert_true(nlin + nlog >= 40);
	assert_true(nlog >= 5);
	assert_int_equal(failed, 0);
}

static void test_tick_space(void **state)
{
	(void)state;
	/* the seed figure's axes: 930 x 231 px at 100 dpi */
	assert_int_equal(spr_tick_space(930 * 0.72, 10, 1), 22);
	assert_int_equal(spr_tick_space(231 * 0.72, 10, 0), 8);
}

static void test_visible(void **state)
{
	(void)state;
	assert_true(spr_tick_visible(1.0, 0, 1, 0));
	assert_true(spr_tick_visible(1.0 + 1e-12, 0, 1, 0));
	assert_false(spr_tick_visible(1.01, 0, 1, 0));
	assert_true(spr_tick_visible(100, 1, 100, 1));
	assert_false(spr_tick_visible(-1, 1, 100, 1));
}

static void test_narrow_log(void **state)
{
	static spr_ticks t;
	size_t i, nlab = 0;

	(void)state;
	/* under two decades: the decade 10 labelled, minor 2..9 x 10^k
	 * unlabelled and not among the major ticks */
	spr_ticks_compute(&t, 3, 60, 8, 1);
	for (i = 0; i < t.n; i++) {
		if (!spr_tick_visible(t.v[i], 3, 60, 1))
			continue;
		assert_false(t.is_minor[i]);
		nlab++;
	}
	assert_int_equal(nlab, 1);
	assert_true(t.nminor > 0);
	/* within a decade: labelled minor ticks, flagged */
	spr_ticks_compute(&t, 700, 1000, 8, 1);
	for (i = nlab = 0; i < t.n; i++)
		nlab += t.is_minor[i];
	assert_int_equal(nlab, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_against_matplotlib),
	    cmocka_unit_test(test_tick_space),
	    cmocka_unit_test(test_visible),
	    cmocka_unit_test(test_narrow_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
