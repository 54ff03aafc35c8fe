// SPDX-License-Identifier: MIT
/*
 * The symlog scale as matplotlib 3.6 draws it (scale.py's
 * SymmetricalLogTransform, ticker.py's SymmetricalLogLocator and
 * LogFormatterSciNotation with the axis' linthresh), base 10: linear
 * within +-linthresh, logarithmic beyond, the linear half as wide as
 * linscale decades. Written from matplotlib's documented behaviour and
 * its source (PSF-style Matplotlib License); no code is copied.
 */
#include "render_internal.h"
#include "ticks.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MINUS "\xe2\x88\x92" /* U+2212, as mathtext writes '-' */

double spr_symlog_fwd(double v, double lt, double lsa)
{
	double a = fabs(v);

	if (a <= lt)
		return v * lsa;
	return copysign(lt * (lsa + log(a / lt) / log(10.0)), v);
}

double spr_symlog_inv(double t, double lt, double lsa)
{
	double a = fabs(t), inv_lt = lt * lsa; /* the transform of lt */

	if (a <= inv_lt)
		return t / lsa;
	return copysign(lt * pow(10.0, a / lt - lsa), t);
}

/*
 * np.log(x) / np.log(10): the locator floors and ceils this, not
 * log10(x), and numpy's np.log(10) is 2.3025850929940455, an ulp below
 * libm's log(10.0) (which makes 1e20 + 1 exceed 20 decades there).
 */
static double log_10(double x)
{
	return log(x) / 2.3025850929940455;
}

/* np.arange(lo, hi, stride) of powers of ten, signed, appended. */
static size_t decades(double lo, double hi, double stride, double sign,
		      int reverse, double *out, size_t n, size_t cap)
{
	long k, cnt = (long)ceil((hi - lo) / stride);

	for (k = 0; k < cnt && n < cap; k++) {
		long j = reverse ? cnt - 1 - k : k;
		out[n++] = sign * pow(10.0, lo + (double)j * stride);
	}
	return n;
}

/* SymmetricalLogLocator(subs=[1], numticks=15).tick_values. */
static size_t symlog_locate(double vmin, double vmax, double lt, double *out,
			    size_t cap)
{
	double a_lo = 0, a_hi = 0, c_lo = 0, c_hi = 0, total, stride;
	int has_a, has_b, has_c;
	size_t n = 0;

	if (-lt < vmin && vmin < vmax && vmax < lt) {
		out[0] = vmin; /* only the linear part: its two ends */
		out[1] = vmax;
		return 2;
	}
	has_a = vmin < -lt;
	has_c = vmax > lt;
	has_b = (has_a && vmax > -lt) || (has_c && vmin < lt);
	if (has_a) {
		a_lo = floor(log_10(fabs(fmin(-lt, vmax))));
		a_hi = ceil(log_10(fabs(vmin) + 1));
	}
	if (has_c) {
		c_lo = floor(log_10(fmax(lt, vmin)));
		c_hi = ceil(log_10(vmax + 1));
	}
	total = (a_hi - a_lo) + (c_hi - c_lo) + has_b;
	stride = fmax(floor(total / 14), 1);
	if (has_a)
		n = decades(a_lo, a_hi, stride, -1, 1, out, n, cap);
	if (has_b && n < cap)
		out[n++] = 0;
	if (has_c)
		n = decades(c_lo, c_hi, stride, 1, 0, out, n, cap);
	return n;
}

/* LogFormatter.set_locs for symlog: decades in the log parts. */
static double symlog_numdec(double vmin, double vmax, double lt)
{
	double numdec = 0;

	if (vmin < -lt)
		numdec += log_10(vmin / fmin(vmax, -lt));
	if (vmax > lt)
		numdec += log_10(vmax / fmax(vmin, lt));
	return numdec;
}

/* An int with U+2212 for its sign. */
static void fmt_exp(char *out, long e)
{
	snprintf(out, SPR_TICK_LABEL, "%s%ld", e < 0 ? MINUS : "",
		 e < 0 ? -e : e);
}

/*
 * LogFormatterSciNotation(base 10) of x on a view spanning numdec log
 * decades: "0", [-]10 with the exponent in sup, [-]c×10 off the
 * decades, nothing for a coefficient it does not label.
 */
static void symlog_label(double x, double numdec, char *label, char *sup)
{
	const char *sign = x < 0 ? MINUS : "";
	double fx, ex, coeff;
	int decade;

	label[0] = sup[0] = 0;
	if (x == 0) {
		snprintf(label, SPR_TICK_LABEL, "0");
		return;
	}
	fx = log_10(fabs(x));
	decade = fabs(fx - rint(fx)) < 1e-10;
	ex = decade ? rint(fx) : floor(fx);
	coeff = rint(pow(10.0, fx - ex));
	if (numdec > 1     ? coeff != 1
	    : numdec > 0.4 ? !(coeff == 1 || coeff == 2 || coeff == 3 ||
			       coeff == 4 || coeff == 6 || coeff == 10)
			   : !(coeff >= 1 && coeff <= 10))
		return;
	if (decade) {
		snprintf(label, SPR_TICK_LABEL, "%s10", sign);
	} else {
		double c = pow(10.0, fx - ex);
		char cs[32], *p;
		if (fabs(c - rint(c)) < 1e-10)
			c = rint(c);
		snprintf(cs, sizeof cs, "%g", c);
		if ((p = strchr(cs, ',')))
			*p = '.'; /* whatever LC_NUMERIC says */
		snprintf(label, SPR_TICK_LABEL,
			 "%s%s\xc3\x97"
			 "10",
			 sign, cs);
	}
	fmt_exp(sup, (long)ex);
}

void spr_ticks_symlog(spr_ticks *t, double vmin, double vmax, double lt)
{
	double numdec = symlog_numdec(vmin, vmax, lt);

	t->n = symlog_locate(vmin, vmax, lt, t->v, SPR_MAX_TICKS);
	t->nminor = 0; /* its minor locator (subs [1]) repeats the majors */
	t->offset[0] = 0;
	for (size_t i = 0; i < t->n; i++) {
		t->is_minor[i] = 0;
		symlog_label(t->v[i], numdec, t->label[i], t->sup[i]);
	}
}
