// SPDX-License-Identifier: MIT
/*
 * Date ticks as matplotlib 3.6 places them (dates.py: AutoDateLocator
 * with interval_multiples, the RRuleLocator it builds on dateutil's
 * rrule, YearLocator, MicrosecondLocator; num2date/date2num's rounding),
 * written from matplotlib's documented behaviour and its source
 * (PSF-style Matplotlib License, see LICENSE notes in the README); no
 * code is copied. The rrules AutoDateLocator builds all have interval 1
 * and by-sets below their frequency, so they reduce to "every boundary
 * of the level whose field is in the set", which is what is computed
 * here; the calendar is proleptic Gregorian in a fixed offset.
 */
#include "dates.h"

#include <math.h>
#include <string.h>

#define US_S   1000000LL
#define US_MIN (60 * US_S)
#define US_H   (60 * US_MIN)

void spr_civil_of(int64_t t, spr_civil *c)
{
	int64_t day = spr_floordiv(t, SPR_US_PER_DAY);
	int64_t r = t - day * SPR_US_PER_DAY;
	/* the inverse of spr_days_from_civil: eras from 0000-03-01 */
	int64_t z = day + 719468, era = spr_floordiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	c->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = yoe + era * 400 + (c->mo <= 2);
	c->h = (int)(r / US_H);
	c->mi = (int)(r / US_MIN % 60);
	c->s = (int)(r / US_S % 60);
	c->us = (int)(r % US_S);
}

int64_t spr_civil_us(const spr_civil *c)
{
	return spr_days_from_civil(c->y, c->mo, c->d) * SPR_US_PER_DAY +
	       c->h * US_H + c->mi * US_MIN + c->s * US_S + c->us;
}

int64_t spr_num2date(double x, int tzmin)
{
	/* np.round (half to even) of the microseconds, then the zone */
	int64_t t = (int64_t)rint(x * 86400e6) + tzmin * US_MIN;

	if (fabs(x) > 70 * 365) {
		/* far from the epoch matplotlib rounds to 20 us */
		int64_t sec = spr_floordiv(t, US_S);
		double q = rint((double)(t - sec * US_S) / 20);
		t = sec * US_S + (int64_t)q * 20;
	}
	return t;
}

double spr_date2num(int64_t t, int tzmin)
{
	/* datetime64[s] plus the nanoseconds left, over seconds per day */
	int64_t u = t - tzmin * US_MIN, sec = spr_floordiv(u, US_S);
	double ns = (double)((u - sec * US_S) * 1000);
	return ((double)sec + ns / 1e9) / SPR_SEC_PER_DAY;
}

/* Python's float divmod: the floor quotient and the remainder. */
static double py_divmod(double x, double y, double *mod)
{
	double m = fmod(x, y), div = (x - m) / y, fd;

	if (m != 0 && (y < 0) != (m < 0)) {
		m += y;
		div -= 1;
	}
	if (m == 0)
		m = copysign(0, y);
	if (div != 0) {
		fd = floor(div);
		if (div - fd > 0.5)
			fd += 1;
	} else {
		fd = copysign(0, x / y);
	}
	*mod = m;
	return fd;
}

/* The levels: years, months, days, hours, minutes, seconds, us. */
enum { L_YEAR, L_MONTH, L_DAY, L_HOUR, L_MIN, L_SEC, L_US, NLEVEL };

static const int maxticks[NLEVEL] = {11, 12, 11, 12, 11, 11, 8};
static const int iv_year[] = {1,   2,   4,   5,    10,   20,   40,   50,   100,
			      200, 400, 500, 1000, 2000, 4000, 5000, 10000};
static const int iv_month[] = {1, 2, 3, 4, 6};
static const int iv_day[] = {1, 2, 4, 7, 14}; /* interval_multiples' */
static const int iv_hour[] = {1, 2, 3, 4, 6, 12};
static const int iv_minsec[] = {1, 5, 10, 15, 30};
static const int iv_us[] = {1,     2,      5,      10,     20,     50,    100,
			    200,   500,    1000,   2000,   5000,   10000, 20000,
			    50000, 100000, 200000, 500000, 1000000};

static const int *intervals(int level, size_t *n)
{
#define LIST(a) (*n = sizeof(a) / sizeof *(a), a)
	switch (level) {
	case L_YEAR:
		return LIST(iv_year);
	case L_MONTH:
		return LIST(iv_month);
	case L_DAY:
		return LIST(iv_day);
	case L_HOUR:
		return LIST(iv_hour);
	case L_MIN:
	case L_SEC:
		return LIST(iv_minsec);
	default:
		return LIST(iv_us);
	}
#undef LIST
}

/* relativedelta(b, a).years * 12 + .months for a <= b: whole months
 * from a to b, a's day clipped to the month's length as dateutil does. */
static int64_t whole_months(const spr_civil *a, const spr_civil *b, int64_t tb)
{
	int64_t m = (b->y - a->y) * 12 + (b->mo - a->mo);

	for (;;) {
		spr_civil c = *a;
		int64_t k = (a->mo - 1) + m;
		c.y = a->y + spr_floordiv(k, 12);
		c.mo = (int)(k - spr_floordiv(k, 12) * 12) + 1;
		if (c.d > spr_month_days(c.y, c.mo))
			c.d = spr_month_days(c.y, c.mo);
		if (spr_civil_us(&c) <= tb || m <= 0)
			break;
		m--;
	}
	return m;
}

typedef struct pick {
	int level, interval;
} pick;

/* AutoDateLocator.get_locator: the level ticked and its interval. */
static pick get_locator(int64_t ta, int64_t tb)
{
	spr_civil a, b;
	int64_t d = tb - ta, months, days, rem;
	double num[NLEVEL], secs = (double)d / 1e6;
	pick p = {L_US, 1};

	spr_civil_of(ta, &a);
	spr_civil_of(tb, &b);
	months = whole_months(&a, &b, tb);
	days = spr_floordiv(d, SPR_US_PER_DAY);
	rem = (d - days * SPR_US_PER_DAY) / US_S; /* timedelta.seconds */
	num[L_YEAR] = (double)(months / 12);
	num[L_MONTH] = (double)months;
	num[L_DAY] = (double)days;
	num[L_HOUR] = num[L_DAY] * 24 + (double)(rem / 3600);
	num[L_MIN] = num[L_HOUR] * 60 + (double)(rem / 60 % 60);
	num[L_SEC] = floor(secs);
	num[L_US] = floor(secs * 1e6);
	for (int i = 0; i < NLEVEL; i++) {
		size_t n, k;
		const int *iv;
		if (num[i] < 5) /* minticks */
			continue;
		iv = intervals(i, &n);
		/* the first interval giving at most maxticks; else the
		 * last (Python's for-else leaves it there) */
		for (k = 0; k + 1 < n; k++)
			if (num[i] <= (double)iv[k] * (maxticks[i] - 1))
				break;
		p.level = i;
		p.interval = iv[k];
		return p;
	}
	return p; /* under 5 us: MicrosecondLocator(1) */
}

/* Whether field value v of level is in the rrule's by-set for the
 * interval (range(first, ...)[::interval], days' 7 and 14 special). */
static int in_set(int level, int v, int interval)
{
	if (level == L_DAY && interval == 14)
		return v == 1 || v == 15;
	if (level == L_DAY && interval == 7)
		return v == 1 || v == 8 || v == 15 || v == 22;
	if (level == L_MONTH || level == L_DAY)
		return (v - 1) % interval == 0;
	return v % interval == 0;
}

/* The rrule's instants in [ta, tb]: each boundary of the level whose
 * field is in the set (all finer fields zero). */
static size_t rrule_ticks(int level, int interval, int64_t ta, int64_t tb,
			  int64_t *out, size_t cap)
{
	static const int64_t unit[] = {0,    0,      SPR_US_PER_DAY,
				       US_H, US_MIN, US_S};
	size_t n = 0;
	spr_civil c;

	if (level == L_MONTH) {
		spr_civil_of(ta, &c);
		c.d = 1;
		c.h = c.mi = c.s = c.us = 0;
		for (int64_t t; (t = spr_civil_us(&c)) <= tb && n < cap;) {
			if (t >= ta && in_set(level, c.mo, interval))
				out[n++] = t;
			if (++c.mo > 12) {
				c.mo = 1;
				c.y++;
			}
		}
		return n;
	}
	for (int64_t t = spr_floordiv(ta, unit[level]) * unit[level];
	     t <= tb && n < cap; t += unit[level]) {
		int v;
		if (t < ta)
			continue;
		spr_civil_of(t, &c);
		v = level == L_DAY    ? c.d
		    : level == L_HOUR ? c.h
		    : level == L_MIN  ? c.mi
				      : c.s;
		if (in_set(level, v, interval))
			out[n++] = t;
	}
	return n;
}

/* YearLocator(base): Jan 1 of the multiples of base from the one at or
 * below a's year to the one at or above b's, the first left out when a
 * has microseconds (the rrule's start keeps them, its instants not). */
static size_t year_ticks(int base, int64_t ta, int64_t tb, double *out,
			 size_t cap, int tzmin)
{
	spr_civil a, b;
	int64_t y0, y1;
	size_t n = 0;

	spr_civil_of(ta, &a);
	spr_civil_of(tb, &b);
	y0 = spr_floordiv(a.y, base) * base;
	y1 = -spr_floordiv(-b.y, base) * base;
	if (y0 < 1)
		y0 = 1;
	if (y1 > 9999)
		y1 = 9999;
	for (int64_t y = y0; y <= y1 && n < cap; y += base) {
		spr_civil c = {.y = y, .mo = 1, .d = 1};
		if (y == y0 && a.us != 0)
			continue;
		out[n++] = spr_date2num(spr_civil_us(&c), tzmin);
	}
	return n;
}

/* MicrosecondLocator(interval): MultipleLocator in microseconds from
 * the floor of the day, one step beyond each end. */
static size_t micro_ticks(int interval, int64_t ta, int64_t tb, double *out,
			  size_t cap, int tzmin)
{
	double nmin = spr_date2num(ta, tzmin), nmax = spr_date2num(tb, tzmin);
	double t0 = floor(nmin), step = interval, d, m, cnt;
	size_t n = 0;

	nmin = (nmin - t0) * 86400e6;
	nmax = (nmax - t0) * 86400e6;
	/* _Edge_integer(step, 0).ge(nmin) */
	d = py_divmod(nmin, step, &m);
	if (!(fabs(m / step) < 1e-10))
		d += 1;
	nmin = d * step;
	cnt = py_divmod(nmax - nmin + 0.001 * step, step, &m) + 3;
	for (double k = 0; k < cnt && n < cap; k++)
		out[n++] = (nmin - step + k * step) / 86400e6 + t0;
	return n;
}

static int in_years(int64_t t)
{
	/* 0001-01-01 and 10000-01-01 */
	return t >= -62135596800LL * US_S && t < 253402300800LL * US_S;
}

size_t spr_date_locate(double vmin, double vmax, int tzmin, double *out,
		       size_t cap)
{
	int64_t ta, tb, ts[SPR_MAX_TICKS * 2];
	size_t n;
	pick p;

	if (!(vmin <= vmax)) {
		double s = vmin;
		vmin = vmax;
		vmax = s;
	}
	if (!isfinite(vmin) || !isfinite(vmax) || fabs(vmin) > 4e6 ||
	    fabs(vmax) > 4e6)
		return 0;
	ta = spr_num2date(vmin, tzmin);
	tb = spr_num2date(vmax, tzmin);
	if (!in_years(ta - tzmin * US_MIN) || !in_years(tb - tzmin * US_MIN))
		return 0;
	p = get_locator(ta, tb);
	if (p.level == L_YEAR)
		return year_ticks(p.interval, ta, tb, out, cap, tzmin);
	if (p.level == L_US)
		return micro_ticks(p.interval, ta, tb, out, cap, tzmin);
	n = rrule_ticks(p.level, p.interval, ta, tb, ts,
			cap < SPR_MAX_TICKS * 2 ? cap : SPR_MAX_TICKS * 2);
	if (n == 0 && cap >= 2) {
		/* no instant in the view: its two ends */
		ts[n++] = ta;
		ts[n++] = tb;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = spr_date2num(ts[i], tzmin);
	return n;
}

void spr_date_nonsingular(double *lo, double *hi)
{
	if (!isfinite(*lo) || !isfinite(*hi)) {
		*lo = 0; /* 1970-01-01 and -02 */
		*hi = SPR_SEC_PER_DAY;
		return;
	}
	if (*lo == *hi) {
		/* two of matplotlib's 365-day years either side */
		*lo -= 2 * 365 * SPR_SEC_PER_DAY;
		*hi += 2 * 365 * SPR_SEC_PER_DAY;
	}
}
