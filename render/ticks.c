/* SPDX-License-Identifier: MIT */
/*
 * Tick locators and formatters, transcribed from matplotlib 3.6's ticker.py
 * so that our axes carry the same numbers as matplotlib's. Python's float
 * floor division and numpy's round are reproduced exactly (py_divmod,
 * np_round) because the algorithms' edge cases depend on them.
 */
#include "ticks.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Python's float divmod (Objects/floatobject.c), returning the quotient. */
static double py_divmod(double vx, double wx, double *modp)
{
	double mod = fmod(vx, wx);
	double div = (vx - mod) / wx;
	double floordiv;

	if (mod != 0) {
		if ((wx < 0) != (mod < 0)) {
			mod += wx;
			div -= 1.0;
		}
	} else {
		mod = copysign(0.0, wx);
	}
	if (div != 0) {
		floordiv = floor(div);
		if (div - floordiv > 0.5)
			floordiv += 1.0;
	} else {
		floordiv = copysign(0.0, vx / wx);
	}
	if (modp)
		*modp = mod;
	return floordiv;
}

static double py_floordiv(double a, double b)
{
	return py_divmod(a, b, NULL);
}

/* numpy.round(x, decimals) for decimals >= 0: rint(x * 10^d) / 10^d. */
static double np_round(double x, int decimals)
{
	double f = pow(10.0, decimals);

	return rint(x * f) / f;
}

static long py_floordiv_long(long a, long b)
{
	long q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int spr_tick_space(double axis_len_pt, double label_pt, int is_x)
{
	double size = label_pt * (is_x ? 3 : 2);
	double n;

	if (!(size > 0))
		return 1 << 30;
	n = floor(axis_len_pt / size);
	if (!(n < (1 << 30)))
		return 1 << 30;
	if (n < -(1 << 30))
		return -(1 << 30);
	return (int)n;
}

void spr_nonsingular(double *vmin, double *vmax, double expander, double tiny)
{
	double lo = *vmin, hi = *vmax, maxabs;

	if (!isfinite(lo) || !isfinite(hi)) {
		*vmin = -expander;
		*vmax = expander;
		return;
	}
	if (hi < lo) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	maxabs = fmax(fabs(lo), fabs(hi));
	if (maxabs < (1e6 / tiny) * DBL_MIN) {
		lo = -expander;
		hi = expander;
	} else if (hi - lo <= maxabs * tiny) {
		if (hi == 0 && lo == 0) {
			lo = -expander;
			hi = expander;
		} else {
			lo -= expander * fabs(lo);
			hi += expander * fabs(hi);
		}
	}
	*vmin = lo;
	*vmax = hi;
}

/* matplotlib's _Edge_integer: tolerant floor/ceil of x / step. */
typedef struct edge_int {
	double step, offset;
} edge_int;

static int edge_closeto(const edge_int *e, double ms, double edge)
{
	double tol;

	if (e->offset > 0) {
		double digits = log10(e->offset / e->step);
		tol = fmax(1e-10, pow(10.0, digits - 12));
		tol = fmin(0.4999, tol);
	} else {
		tol = 1e-10;
	}
	return fabs(ms - edge) < tol;
}

static double edge_le(const edge_int *e, double x)
{
	double m, d = py_divmod(x, e->step, &m);

	if (edge_closeto(e, m / e->step, 1))
		return d + 1;
	return d;
}

static double edge_ge(const edge_int *e, double x)
{
	double m, d = py_divmod(x, e->step, &m);

	if (edge_closeto(e, m / e->step, 0))
		return d;
	return d + 1;
}

size_t spr_maxn_locate(double vmin, double vmax, int nbins, double *out,
		       size_t cap)
{
	/* _staircase([1, 2, 2.5, 5, 10]) */
	static const double stair[] = {0.1, 0.2, 0.25, 0.5, 1,
				       2,   2.5, 5,    10,  20};
	const int nstair = (int)(sizeof stair / sizeof stair[0]);
	double dv, meanv, scale, offset, lo, hi, raw, best = 0, step = 1;
	double low = 0, high = -1;
	int istep, i;
	size_t n = 0;

	if (nbins < 1)
		nbins = 1;
	spr_nonsingular(&vmin, &vmax, 1e-13, 1e-14);
	/* scale_range(vmin, vmax, nbins) */
	dv = fabs(vmax - vmin);
	if (!isfinite(dv) || !(dv > 0))
		return 0; /* a span beyond double range has no ticks */
	meanv = (vmax + vmin) / 2;
	if (fabs(meanv) / dv < 100)
		offset = 0;
	else
		offset = copysign(pow(10.0, py_floordiv(log10(fabs(meanv)), 1)),
				  meanv);
	scale = pow(10.0, py_floordiv(log10(dv / nbins), 1));
	lo = vmin - offset;
	hi = vmax - offset;
	raw = (hi - lo) / nbins;
	for (istep = 0; istep < nstair - 1; istep++)
		if (stair[istep] * scale >= raw)
			break;
	for (i = istep; i >= 0; i--) {
		edge_int e;
		double t;
		int visible = 0;

		step = stair[i] * scale;
		best = py_floordiv(lo, step) * step;
		e.step = step;
		e.offset = fabs(offset);
		low = edge_le(&e, lo - best);
		high = edge_ge(&e, hi - best);
		if (!isfinite(low) || !isfinite(high) || high - low > 1e4)
			return 0; /* cannot happen for finite spans; bound loops
				   */
		for (t = low; t <= high; t += 1) {
			double tv = t * step + best;
			if (tv <= hi && tv >= lo)
				visible++;
		}
		if (visible >= 2)
			break;
	}
	for (double t = low; t <= high && n < cap; t += 1)
		out[n++] = t * step + best + offset;
	return n;
}

size_t spr_log_locate(double vmin, double vmax, int numticks, double *out,
		      size_t cap)
{
	double lmin, lmax;
	long numdec, stride, d, dlo, dhi;
	size_t n = 0;

	if (numticks < 2)
		numticks = 2;
	if (numticks > 9)
		numticks = 9;
	if (vmax < vmin) {
		double t = vmin;
		vmin = vmax;
		vmax = t;
	}
	if (!(vmin > 0) || !isfinite(vmax))
		return 0;
	lmin = log(vmin) / log(10.0);
	lmax = log(vmax) / log(10.0);
	numdec = (long)floor(lmax) - (long)ceil(lmin);
	stride = py_floordiv_long(numdec + 1, numticks) + 1;
	if (stride >= numdec)
		stride = numdec - 1 > 1 ? numdec - 1 : 1;
	dlo = (long)floor(lmin) - stride;
	dhi = (long)ceil(lmax) + 2 * stride; /* exclusive, as np.arange */
	for (d = dlo; d < dhi && n < cap; d += stride) {
		double v = pow(10.0, (double)d);
		if (v > 0 && isfinite(v)) /* decades beyond the doubles: none */
			out[n++] = v;
	}
	return n;
}

int spr_tick_visible(double v, double vmin, double vmax, int log)
{
	double a = vmin, b = vmax, tol;

	if (a > b) {
		double t = a;
		a = b;
		b = t;
	}
	if (log) {
		if (!(v > 0) || !(a > 0))
			return 0;
		v = log10(v);
		a = log10(a);
		b = log10(b);
	}
	tol = 1e-10 * (b - a);
	if (!isfinite(tol)) /* a span beyond the doubles */
		tol = 2e-10 * (b / 2 - a / 2);
	return v >= a - tol && v <= b + tol;
}

/*
 * printf-style fixed-point formatting that ignores LC_NUMERIC: whatever the
 * locale's radix string is, it is replaced by '.', and '-' by U+2212.
 */
static void fmt_fixed(char *buf, size_t len, double x, int decimals)
{
	char tmp[400];
	size_t i, o = 0;
	int inradix = 0;

	snprintf(tmp, sizeof tmp, "%.*f", decimals, x);
	for (i = 0; tmp[i] && o + 4 < len; i++) {
		char c = tmp[i];
		if (c >= '0' && c <= '9') {
			buf[o++] = c;
			inradix = 0;
		} else if (c == '-') {
			memcpy(buf + o, "\xe2\x88\x92", 3);
			o += 3;
		} else if (c == 'i' || c == 'n' || c == 'f' || c == 'a') {
			buf[o++] = c; /* inf, nan */
		} else if (!inradix) {
			buf[o++] = '.';
			inradix = 1;
		}
	}
	buf[o] = 0;
}

/* Python's '%d' % e with a true minus. */
static void fmt_int(char *buf, size_t len, long v)
{
	char tmp[32];
	size_t o = 0, n;

	/* %ld has no locale-dependent parts; only the sign is rewritten */
	snprintf(tmp, sizeof tmp, "%lu",
		 v < 0 ? 0UL - (unsigned long)v : (unsigned long)v);
	n = strlen(tmp);
	if (v < 0 && len > 3) {
		memcpy(buf, "\xe2\x88\x92", 3);
		o = 3;
	}
	if (o + n >= len)
		n = len > o ? len - o - 1 : 0;
	memcpy(buf + o, tmp, n);
	buf[o + n] = 0;
}

/* ScalarFormatter.format_data(value) (used for the offset), non-mathtext. */
static void format_data(char *buf, size_t len, double value)
{
	double e = floor(log10(fabs(value)));
	double s = value / pow(10.0, e);
	char sig[64], ex[32];

	s = np_round(s, 10); /* round(x, 10): same for these magnitudes */
	if (fmod(s, 1.0) == 0) {
		fmt_int(sig, sizeof sig, (long)s);
	} else {
		/* '%1.10g': at most 10 significant digits, no trailing 0 */
		char *p;
		fmt_fixed(sig, sizeof sig, s, 9);
		p = sig + strlen(sig);
		while (p > sig && p[-1] == '0')
			*--p = 0;
		if (p > sig && p[-1] == '.')
			*--p = 0;
	}
	fmt_int(ex, sizeof ex, (long)e);
	if (e == 0)
		snprintf(buf, len, "%s", sig);
	else
		snprintf(buf, len, "%se%s", sig, ex);
}

/*
 * ScalarFormatter._compute_offset on the ticks in [vmin, vmax] (vmin <=
 * vmax): the offset subtracted from every label (0: none). *nvis gets the
 * number of visible ticks.
 */
static double compute_offset(const spr_ticks *t, double vmin, double vmax,
			     size_t *nvis)
{
	double lmin = 0, lmax = 0, amin, amax, sign, oom, oom_max;
	size_t i, n = 0;

	for (i = 0; i < t->n; i++) {
		double v = t->v[i];
		if (!(vmin <= v && v <= vmax))
			continue;
		if (n == 0 || v < lmin)
			lmin = v;
		if (n == 0 || v > lmax)
			lmax = v;
		n++;
	}
	*nvis = n;
	if (n == 0 || lmin == lmax || (lmin <= 0 && 0 <= lmax))
		return 0;
	amin = fmin(fabs(lmin), fabs(lmax));
	amax = fmax(fabs(lmin), fabs(lmax));
	sign = copysign(1, lmin);
	oom_max = ceil(log10(amax));
	/* the bound only guards against pow() underflowing to 0 */
	for (oom = oom_max; oom > oom_max - 700; oom -= 1)
		if (py_floordiv(amin, pow(10.0, oom)) !=
		    py_floordiv(amax, pow(10.0, oom)))
			break;
	oom += 1;
	if ((amax - amin) / pow(10.0, oom) <= 1e-2) {
		for (oom = oom_max; oom > oom_max - 700; oom -= 1)
			if (py_floordiv(amax, pow(10.0, oom)) -
				py_floordiv(amin, pow(10.0, oom)) >
			    1)
				break;
		oom += 1;
	}
	/* offset_threshold 4: n = 3 */
	if (py_floordiv(amax, pow(10.0, oom)) >= 1e3)
		return sign * py_floordiv(amax, pow(10.0, oom)) *
		       pow(10.0, oom);
	return 0;
}

/* _set_order_of_magnitude, powerlimits (-5, 6): the exponent factored
 * out of the labels (0: none). */
static int order_of_magnitude(const spr_ticks *t, double vmin, double vmax,
			      double offset)
{
	double val = 0;
	size_t i;
	int oom;

	for (i = 0; i < t->n; i++)
		if (vmin <= t->v[i] && t->v[i] <= vmax)
			val = fmax(val, fabs(t->v[i]));
	if (offset != 0 && isfinite(vmax - vmin))
		oom = (int)floor(log10(vmax - vmin));
	else if (offset != 0) /* a span beyond the doubles */
		oom = (int)floor(log10(vmax / 2 - vmin / 2) + log10(2.0));
	else if (val == 0)
		oom = 0;
	else
		oom = (int)floor(log10(val));
	return oom <= -5 || oom >= 6 ? oom : 0;
}

/* _set_format: the fewest decimals that tell the ticks apart, on locs[0 ..
 * nl) (the scaled ticks, plus the view's ends when there are fewer than
 * two). */
static int sig_figs(const double *locs, size_t nl, size_t nticks)
{
	double mn = locs[0], mx = locs[0], loc_range, thresh;
	size_t i;
	int range_oom, sigfigs;

	for (i = 1; i < nl; i++) {
		mn = fmin(mn, locs[i]);
		mx = fmax(mx, locs[i]);
	}
	loc_range = mx - mn;
	if (loc_range == 0) {
		for (i = 0; i < nl; i++)
			loc_range = fmax(loc_range, fabs(locs[i]));
	}
	if (loc_range == 0)
		loc_range = 1;
	range_oom = (int)floor(log10(loc_range));
	sigfigs = 3 - range_oom > 0 ? 3 - range_oom : 0;
	thresh = 1e-3 * pow(10.0, range_oom);
	while (sigfigs >= 0) {
		double err = 0;
		for (i = 0; i < nticks; i++)
			err = fmax(err,
				   fabs(locs[i] - np_round(locs[i], sigfigs)));
		if (err < thresh)
			sigfigs--;
		else
			break;
	}
	return sigfigs + 1;
}

/* get_offset: "1e-7", "+1e5", "1e9+1e5" ... or "". */
static void offset_text(spr_ticks *t, double offset, int oom_mag)
{
	char off[64] = "", sci[32] = "";

	if (oom_mag == 0 && offset == 0)
		return;
	if (offset != 0) {
		char d[60];
		format_data(d, sizeof d, offset);
		snprintf(off, sizeof off, "%s%s", offset > 0 ? "+" : "", d);
	}
	if (oom_mag != 0) {
		char e[24];
		fmt_int(e, sizeof e, oom_mag);
		snprintf(sci, sizeof sci, "1e%s", e);
	}
	snprintf(t->offset, sizeof t->offset, "%s%s", sci, off);
}

void spr_scalar_format(spr_ticks *t, double vmin, double vmax)
{
	double offset, locs[SPR_MAX_TICKS + 2];
	size_t i, nvis, nl;
	int oom_mag = 0, sigfigs;

	t->offset[0] = 0;
	if (t->n == 0)
		return;
	if (vmin > vmax) {
		double x = vmin;
		vmin = vmax;
		vmax = x;
	}
	offset = compute_offset(t, vmin, vmax, &nvis);
	if (nvis > 0)
		oom_mag = order_of_magnitude(t, vmin, vmax, offset);
	nl = t->n;
	for (i = 0; i < nl; i++)
		locs[i] = (t->v[i] - offset) / pow(10.0, oom_mag);
	if (t->n < 2) {
		locs[nl] = (vmin - offset) / pow(10.0, oom_mag);
		locs[nl + 1] = (vmax - offset) / pow(10.0, oom_mag);
		nl += 2;
	}
	sigfigs = sig_figs(locs, nl, t->n);
	for (i = 0; i < t->n; i++) {
		double xp = (t->v[i] - offset) / pow(10.0, oom_mag);
		if (fabs(xp) < 1e-8)
			xp = 0;
		fmt_fixed(t->label[i], SPR_TICK_LABEL, xp, sigfigs);
		t->sup[i][0] = 0;
	}
	offset_text(t, offset, oom_mag);
}

/* math.isclose(x, round(x)): rel_tol 1e-9. */
static int close_to_int(double x)
{
	double r = rint(x);

	return fabs(x - r) <= 1e-9 * fmax(fabs(x), fabs(r));
}

/* '%g' % x for a coefficient 1 <= x < 10, whatever the locale's radix. */
static void fmt_g(char *buf, size_t len, double x)
{
	char tmp[64];
	size_t i, o = 0;
	int inradix = 0;

	snprintf(tmp, sizeof tmp, "%g", x);
	for (i = 0; tmp[i] && o + 1 < len; i++) {
		char c = tmp[i];
		if ((c >= '0' && c <= '9') || c == 'e' || c == '+' ||
		    c == '-') {
			buf[o++] = c;
			inradix = 0;
		} else if (!inradix) {
			buf[o++] = '.';
			inradix = 1;
		}
	}
	buf[o] = 0;
}

/*
 * LogFormatterSciNotation (labelOnlyBase False, minor_thresholds (1,
 * 0.4)) for the tick v of a view spanning numdec decades: "10" with the
 * exponent as superscript for a decade, "c×10" for c x 10^e where c is
 * a coefficient it labels, nothing otherwise. Returns 1 if labelled.
 */
static int log_label(double v, double numdec, char *label, char *sup)
{
	double fx = log(v) / log(10.0), ex, coeff;
	int decade = close_to_int(fx);

	label[0] = sup[0] = 0;
	ex = decade ? rint(fx) : floor(fx);
	coeff = rint(pow(10.0, fx - ex)); /* Python's round: half even */
	if (numdec > 1 && coeff != 1)
		return 0; /* only the decades */
	if (numdec > 0.4 && numdec <= 1 && coeff != 1 && coeff != 2 &&
	    coeff != 3 && coeff != 4 && coeff != 6 && coeff != 10)
		return 0;
	if (numdec <= 0.4 && !(coeff >= 1 && coeff <= 10))
		return 0;
	if (decade) {
		snprintf(label, SPR_TICK_LABEL, "10");
	} else {
		double c = pow(10.0, fx - ex);
		char cs[32];
		if (close_to_int(c))
			c = rint(c);
		fmt_g(cs, sizeof cs, c);
		snprintf(label, SPR_TICK_LABEL,
			 "%s\xc3\x97"
			 "10",
			 cs);
	}
	fmt_int(sup, SPR_TICK_LABEL, (long)ex);
	return 1;
}

/*
 * The minor ticks of a log axis: LogLocator(subs='auto') with the major
 * locator's numticks, 2..9 x 10^k where the major stride is one decade
 * and the view spans at most ten, AutoLocator's where that leaves one or
 * none in view; those on a major tick removed (Axis.get_minorticklocs).
 */
static void log_minor(spr_ticks *t, double vmin, double vmax, int numticks)
{
	double lmin = log(vmin) / log(10.0), lmax = log(vmax) / log(10.0);
	double cand[SPR_MAX_TICKS * 8], tol = (lmax - lmin) * 1e-5;
	long numdec = (long)floor(lmax) - (long)ceil(lmin), stride, d;
	size_t n = 0, vis = 0, i, j;

	t->nminor = 0;
	numticks = numticks < 2 ? 2 : numticks > 9 ? 9 : numticks;
	stride = py_floordiv_long(numdec + 1, numticks) + 1;
	if (stride >= numdec)
		stride = numdec - 1 > 1 ? numdec - 1 : 1;
	if (numdec > 10 || stride != 1)
		return;
	for (d = (long)floor(lmin) - 1; d < (long)ceil(lmax) + 2; d++)
		for (int k = 2; k <= 9 && n < SPR_MAX_TICKS * 8; k++) {
			double v = k * pow(10.0, (double)d);
			cand[n++] = v;
			vis += vmin <= v && v <= vmax;
		}
	if (vis <= 1)
		n = spr_maxn_locate(vmin, vmax, 9, cand, SPR_MAX_TICKS * 8);
	for (i = 0; i < n; i++) {
		int dup = !(cand[i] > 0);
		for (j = 0; j < t->n && !dup; j++)
			dup = fabs(log10(cand[i]) - log10(t->v[j])) <= tol;
		if (!dup)
			t->minor[t->nminor++] = cand[i];
	}
}

/* Labels the major ticks and appends the labelled minor ones in view. */
static void log_format(spr_ticks *t, double vmin, double vmax)
{
	double numdec = fabs(log(vmax) / log(10.0) - log(vmin) / log(10.0));
	size_t i;

	t->offset[0] = 0;
	for (i = 0; i < t->n; i++)
		log_label(t->v[i], numdec, t->label[i], t->sup[i]);
	for (i = 0; i < t->nminor && t->n < SPR_MAX_TICKS; i++) {
		double v = t->minor[i];
		if (!spr_tick_visible(v, vmin, vmax, 1) ||
		    !log_label(v, numdec, t->label[t->n], t->sup[t->n]))
			continue;
		t->v[t->n] = v;
		t->is_minor[t->n++] = 1;
	}
}

/*
 * MaxNLocator, and where it has nothing to show (a span beyond the
 * doubles, +-1e308, where matplotlib raises; the last tick overflowing
 * near DBL_MAX; limits below its nonsingular threshold, about 1e-288,
 * whose ticks it puts at +-1e-13): located on the limits divided by a
 * power of ten, the ticks multiplied back, those beyond the doubles
 * dropped.
 */
static size_t lin_locate(double vmin, double vmax, int nbins, double *out,
			 size_t cap)
{
	double big = fmax(fabs(vmin), fabs(vmax)), s;
	size_t n = 0, i, k = 0, vis = 0;

	if (isfinite(vmax - vmin)) {
		n = spr_maxn_locate(vmin, vmax, nbins, out, cap);
		for (i = 0; i < n; i++) {
			if (!isfinite(out[i]))
				break;
			vis += spr_tick_visible(out[i], vmin, vmax, 0);
		}
		if ((i == n && vis >= 2) || big == 0 || !(big < INFINITY))
			return n;
	}
	s = pow(10.0, floor(log10(big)));
	n = spr_maxn_locate(vmin / s, vmax / s, nbins, out, cap);
	for (i = 0; i < n; i++)
		if (isfinite(out[i] * s))
			out[k++] = out[i] * s;
	return k;
}

void spr_ticks_compute(spr_ticks *t, double vmin, double vmax, int nbins,
		       int islog)
{
	t->n = 0;
	t->nminor = 0;
	t->offset[0] = 0;
	memset(t->is_minor, 0, sizeof t->is_minor);
	if (!islog) {
		t->n = lin_locate(vmin, vmax, nbins < 9 ? nbins : 9, t->v,
				  SPR_MAX_TICKS);
		spr_scalar_format(t, vmin, vmax);
		return;
	}
	/* A log axis has ticks only over positive, finite limits. */
	if (!(vmin > 0 && vmax > 0 && isfinite(vmin) && isfinite(vmax)))
		return;
	/* matplotlib's LogLocator and LogFormatterSciNotation, major and
	 * minor, however few decades are in view */
	t->n = spr_log_locate(vmin, vmax, nbins, t->v, SPR_MAX_TICKS);
	log_minor(t, fmin(vmin, vmax), fmax(vmin, vmax), nbins);
	log_format(t, fmin(vmin, vmax), fmax(vmin, vmax));
}

void spr_ticks_fixed(spr_ticks *t, const double *v, const char *const *labels,
		     size_t n)
{
	t->n = 0;
	t->nminor = 0;
	t->offset[0] = 0;
	memset(t->is_minor, 0, sizeof t->is_minor);
	for (size_t i = 0; i < n && t->n < SPR_MAX_TICKS; i++) {
		size_t len = strlen(labels[i]);
		if (!isfinite(v[i]))
			continue;
		/* cut at a character boundary, never inside a UTF-8 sequence */
		if (len >= SPR_TICK_LABEL) {
			len = SPR_TICK_LABEL - 1;
			while (len > 0 && (labels[i][len] & 0xc0) == 0x80)
				len--;
		}
		t->v[t->n] = v[i];
		memcpy(t->label[t->n], labels[i], len);
		t->label[t->n][len] = 0;
		t->sup[t->n][0] = 0;
		t->n++;
	}
}

size_t spr_minor_locate(const double *maj, size_t nmaj, double vmin,
			double vmax, double *out, size_t cap)
{
	static const double even[] = {1.0, 2.5, 5.0, 10.0};
	double step, frac, minor, t0, tmin, tmax, tol;
	size_t n = 0, count, i, j;
	int ndivs = 4;

	if (nmaj < 2)
		return 0; /* matplotlib needs two major ticks */
	step = maj[1] - maj[0];
	if (!(step > 0) || !isfinite(step))
		return 0;
	/* 10 ** (log10(step) % 1): the step without its power of ten */
	frac = pow(10.0, log10(step) - py_floordiv(log10(step), 1));
	for (i = 0; i < 4; i++) /* numpy.isclose: atol 1e-8, rtol 1e-5 */
		if (fabs(frac - even[i]) <= 1e-8 + 1e-5 * even[i])
			ndivs = 5;
	minor = step / ndivs;
	if (vmin > vmax) {
		double t = vmin;
		vmin = vmax;
		vmax = t;
	}
	t0 = maj[0];
	tmin = (py_floordiv(vmin - t0, minor) + 1) * minor;
	tmax = (py_floordiv(vmax - t0, minor) + 1) * minor;
	/* np.arange(tmin, tmax, minor): ceil((tmax - tmin) / minor) */
	count = (size_t)fmax(0, ceil((tmax - tmin) / minor));
	tol = (vmax - vmin) * 1e-5;
	for (i = 0; i < count && n < cap; i++) {
		double v = tmin + (double)i * minor + t0;
		int dup = 0;
		for (j = 0; j < nmaj && !dup; j++)
			dup = fabs(v - maj[j]) <= tol;
		if (!dup)
			out[n++] = v;
	}
	return n;
}
