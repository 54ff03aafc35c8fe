/* SPDX-License-Identifier: MIT */
/*
 * ISO 8601 dates in spec values and CSV cells, as Unix seconds (what a
 * date axis plots): "2023-04-05", "2023-04", "2023-04-05T12:30",
 * "2023-04-05 12:30:15.25", with "Z" or a "+hh:mm" / "+hhmm" / "+hh"
 * offset; no offset means UTC (matplotlib's default rcParams timezone).
 * A malformed one is refused with the reason, never read as NaN.
 */
#include "dates.h"
#include "spec/spec_io.h"

#include <stdio.h>
#include <string.h>

/* Reads exactly n digits at *p into *v. */
static int digits(const char **p, const char *end, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (*p >= end || **p < '0' || **p > '9')
			return -1;
		*v = *v * 10 + (**p - '0');
	}
	return 0;
}

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* The trailing "Z" or +-hh[:mm] from p: *min east of UTC. */
static int zone(const char *p, const char *end, int *min, char *why, size_t len)
{
	int sign, h, m = 0;

	*min = 0;
	if (p == end)
		return 0;
	if (*p == 'Z' && p + 1 == end)
		return 0;
	if (*p != '+' && *p != '-') {
		snprintf(why, len, "unexpected \"%.*s\" at the end",
			 (int)(end - p > 12 ? 12 : end - p), p);
		return -1;
	}
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, end, 2, &h)) {
		snprintf(why, len, "a zone offset is +hh:mm, +hhmm or +hh");
		return -1;
	}
	if (p < end && *p == ':')
		p++;
	if (p < end && digits(&p, end, 2, &m)) {
		snprintf(why, len, "a zone offset is +hh:mm, +hhmm or +hh");
		return -1;
	}
	if (p != end) {
		snprintf(why, len, "unexpected \"%.*s\" after the zone offset",
			 (int)(end - p > 12 ? 12 : end - p), p);
		return -1;
	}
	if (h > 23 || m > 59) {
		snprintf(why, len, "zone offset %02d:%02d is beyond 23:59", h,
			 m);
		return -1;
	}
	*min = sign * (h * 60 + m);
	return 0;
}

/* hh:mm[:ss[.f]] from *p; the seconds' fraction into *frac. */
static int clock(const char **p, const char *end, spr_civil *c, double *frac,
		 char *why, size_t len)
{
	if (digits(p, end, 2, &c->h) || *p >= end || **p != ':' ||
	    (++*p, digits(p, end, 2, &c->mi))) {
		snprintf(why, len, "a time is hh:mm, hh:mm:ss or hh:mm:ss.f");
		return -1;
	}
	if (*p < end && **p == ':') {
		++*p;
		if (digits(p, end, 2, &c->s)) {
			snprintf(why, len, "seconds are two digits");
			return -1;
		}
		if (*p < end && (**p == '.' || **p == ',')) {
			double scale = 0.1;
			if (++*p >= end || **p < '0' || **p > '9') {
				snprintf(why, len,
					 "a decimal point needs digits after "
					 "it");
				return -1;
			}
			for (; *p < end && **p >= '0' && **p <= '9'; ++*p) {
				*frac += (**p - '0') * scale;
				scale /= 10;
			}
		}
	}
	if (c->h > 23 || c->mi > 59 || c->s > 59) {
		snprintf(why, len,
			 "%02d:%02d:%02d is not a time of day (00:00 "
			 "to 23:59:59)",
			 c->h, c->mi, c->s);
		return -1;
	}
	return 0;
}

int sp_iso_date(const char *s, size_t n, double *out, char *why, size_t len)
{
	const char *p = s, *end = s + n;
	spr_civil c = {.mo = 1, .d = 1};
	double frac = 0;
	int y, tz;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (digits(&p, end, 4, &y) || p >= end || *p++ != '-' ||
	    digits(&p, end, 2, &c.mo)) {
		snprintf(why, len, "a date is YYYY-MM-DD (or YYYY-MM)");
		return -1;
	}
	c.y = y;
	if (c.mo < 1 || c.mo > 12) {
		snprintf(why, len, "month %d is not 1 to 12", c.mo);
		return -1;
	}
	if (p < end && *p == '-' && (++p, digits(&p, end, 2, &c.d))) {
		snprintf(why, len, "a date is YYYY-MM-DD (or YYYY-MM)");
		return -1;
	}
	if (c.d < 1 || c.d > spr_month_days(c.y, c.mo)) {
		snprintf(why, len, "day %d is not in %s %d (1 to %d)", c.d,
			 month_names[c.mo - 1], y, spr_month_days(c.y, c.mo));
		return -1;
	}
	if (p < end && (*p == 'T' || *p == 't' || *p == ' ')) {
		p++;
		if (clock(&p, end, &c, &frac, why, len))
			return -1;
	}
	if (zone(p, end, &tz, why, len))
		return -1;
	*out = (double)(spr_civil_us(&c) / 1000000 - (int64_t)tz * 60) + frac;
	return 0;
}

int sp_iso_like(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	/* four digits and a dash: never a number */
	if (n < 5)
		return 0;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[4] == '-';
}

int sp_tz_offset(const char *s, int *min, char *why, size_t len)
{
	size_t n = strlen(s);
	if (strcmp(s, "UTC") == 0 || strcmp(s, "Z") == 0) {
		*min = 0;
		return 0;
	}
	if (n == 0 || (s[0] != '+' && s[0] != '-')) {
		snprintf(why, len,
			 "expected \"UTC\", \"Z\" or an offset such as "
			 "\"+02:00\" (zone names are not read)");
		return -1;
	}
	return zone(s, s + n, min, why, len);
}
