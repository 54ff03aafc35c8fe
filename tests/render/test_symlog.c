// SPDX-License-Identifier: MIT
/*
 * render/symlog.c against matplotlib 3.6 (tests/data/symlog_mpl.txt,
 * written by tests/gen_symlog.py): SymmetricalLogLocator's ticks and
 * LogFormatterSciNotation's labels for views across the linear and log
 * parts, and SymmetricalLogTransform's values and their inverse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render_internal.h"
#include "ticks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies s to out, U+2212 as '-' and U+00D7 as "\times". */
static void ascii(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	while (*s && o + 8 < cap) {
		if (strncmp(s, "\xe2\x88\x92", 3) == 0) {
			out[o++] = '-';
			s += 3;
		} else if (strncmp(s, "\xc3\x97", 2) == 0) {
			memcpy(out + o, "\\times", 6);
			o += 6;
			s += 2;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = 0;
}

/* A tick label as matplotlib's mathtext string ("" for none). */
static void as_mpl(const char *label, const char *sup, char *out, size_t cap)
{
	char l[128], e[64];
	ascii(label, l, sizeof l);
	ascii(sup, e, sizeof e);
	if (!l[0])
		out[0] = 0;
	else if (!e[0])
		snprintf(out, cap, "$\\mathdefault{%s}$", l);
	else
		snprintf(out, cap, "$\\mathdefault{%s^{%s}}$", l, e);
}

static int close_to(double a, double b)
{
	return a == b || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

static void test_against_matplotlib(void **state)
{
	(void)state;
	FILE *f = fopen(SYMLOG_DATA, "r");
	char line[512];
	int views = 0, fwd = 0;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		double lo, hi, lt, v, ls, want;
		int n;
		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "view %lf %lf %lf %d", &lo, &hi, &lt, &n) ==
		    4) {
			spr_ticks t;
			spr_ticks_symlog(&t, lo, hi, lt);
			if ((int)t.n != n)
				fail_msg(
				    "view [%g, %g] linthresh %g: %zu ticks, "
				    "matplotlib %d",
				    lo, hi, lt, t.n, n);
			for (int i = 0; i < n; i++) {
				char mpl[256], got[256], *sp;
				assert_non_null(fgets(line, sizeof line, f));
				line[strcspn(line, "\n")] = 0;
				v = strtod(line, &sp);
				snprintf(mpl, sizeof mpl, "%s",
					 *sp == ' ' ? sp + 1 : sp);
				as_mpl(t.label[i], t.sup[i], got, sizeof got);
				if (!close_to(t.v[i], v) || strcmp(got, mpl))
					fail_msg("view [%g, %g] linthresh %g, "
						 "tick %d: %.17g \"%s\", "
						 "matplotlib %.17g \"%s\"",
						 lo, hi, lt, i, t.v[i], got, v,
						 mpl);
			}
			views++;
		} else if (sscanf(line, "fwd %lf %lf %lf %lf", &v, &lt, &ls,
				  &want) == 4) {
			double lsa = ls / (1 - 0.1);
			double t = spr_symlog_fwd(v, lt, lsa);
			if (!close_to(t, want))
				fail_msg("transform(%g; linthresh %g, linscale "
					 "%g) = %.17g, matplotlib %.17g",
					 v, lt, ls, t, want);
			assert_true(close_to(spr_symlog_inv(t, lt, lsa), v) ||
				    fabs(v) < 1e-15);
			fwd++;
		}
	}
	fclose(f);
	assert_true(views >= 16 && fwd >= 24); /* the file was read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_against_matplotlib),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
