/* SPDX-License-Identifier: MIT */
/*
 * Date axes: matplotlib 3.6's AutoDateLocator and ConciseDateFormatter
 * (date_locate.c, date_format.c) on a proleptic Gregorian calendar of
 * our own, in UTC or a fixed offset east of UTC. matplotlib's date
 * numbers are days since 1970-01-01 (its default epoch); shmplot's date
 * series are Unix seconds, converted at the axis. Private to render/,
 * the spec loader (the calendar helpers) and their tests.
 */
#ifndef SHMPLOT_RENDER_DATES_H
#define SHMPLOT_RENDER_DATES_H

#include "ticks.h"

#include <stdint.h>

#define SPR_US_PER_DAY  86400000000LL
#define SPR_SEC_PER_DAY 86400.0
/* a fixed zone offset is at most this many minutes either way */
#define SPR_TZ_MAX_MIN (24 * 60 - 1)

/* floor(a / b) for b > 0. */
static inline int64_t spr_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, m 1..12). */
static inline int64_t spr_days_from_civil(int64_t y, int m, int d)
{
	/* count years from March so the leap day ends a year; 400-year
	 * eras of 146097 days */
	int64_t yy = m <= 2 ? y - 1 : y;
	int64_t era = spr_floordiv(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t mp = m > 2 ? m - 3 : m + 9;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The days in month m (1..12) of year y. */
static inline int spr_month_days(int64_t y, int m)
{
	static const unsigned char n[] = {31, 28, 31, 30, 31, 30,
					  31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : n[m - 1];
}

/* A broken-down time (microseconds us). */
typedef struct spr_civil {
	int64_t y;
	int mo, d, h, mi, s, us;
} spr_civil;

/* t microseconds since 1970-01-01 00:00 (of some zone) broken down. */
void spr_civil_of(int64_t t, spr_civil *c);
/* The inverse; c's fields in range. */
int64_t spr_civil_us(const spr_civil *c);

/* matplotlib's num2date(x) in the zone tzmin minutes east of UTC, as
 * microseconds since 1970-01-01 00:00 local (its rounding kept). */
int64_t spr_num2date(double x, int tzmin);
/* matplotlib's date2num of local microseconds t in that zone. */
double spr_date2num(int64_t t, int tzmin);

/*
 * AutoDateLocator()(view [vmin, vmax] in days) in the zone tzmin: the
 * tick positions in days (beyond the view too, as matplotlib's) in out.
 * Returns how many (at most cap), 0 if the view is outside years
 * 1..9999.
 */
size_t spr_date_locate(double vmin, double vmax, int tzmin, double *out,
		       size_t cap);

/*
 * ConciseDateFormatter.format_ticks(v[0 .. n)) in the zone tzmin: the
 * labels into t->label (t->v untouched) and the offset text into
 * t->offset.
 */
void spr_date_format(spr_ticks *t, const double *v, size_t n, int tzmin);

/*
 * A date axis' major ticks on the view [vmin, vmax] in Unix seconds:
 * t->v in seconds, labelled, the offset text set, no minor ticks
 * (matplotlib's date axis has none by default).
 */
void spr_ticks_date(spr_ticks *t, double vmin, double vmax, int tzmin);

/* The same with the view and t->v in matplotlib's days (its tests). */
void spr_ticks_date_days(spr_ticks *t, double vmin, double vmax, int tzmin);

/*
 * minorticks_on() on a date axis: matplotlib's AutoMinorLocator on the
 * date numbers (days) of t's major ticks, view [vmin, vmax]; t->minor in
 * the units of t->v (seconds; days for the _days form).
 */
void spr_date_minor(spr_ticks *t, double vmin, double vmax);
void spr_date_minor_days(spr_ticks *t, double vmin, double vmax);

/* AutoDateLocator.nonsingular for an autoscaled view in seconds. */
void spr_date_nonsingular(double *lo, double *hi);

#endif /* SHMPLOT_RENDER_DATES_H */
