// SPDX-License-Identifier: MIT
/*
 * Date tick labels as matplotlib 3.6's ConciseDateFormatter writes them
 * with its default formats (dates.py), written from its documented
 * behaviour and its source (PSF-style Matplotlib License); no code is
 * copied. The level labelled is the finest field (year .. second) that
 * differs between the ticks; a tick at the start of that level's
 * parent (1 Jan, the 1st, midnight, a whole minute) is labelled with
 * the parent's field; the offset text names what the labels leave out,
 * from the last tick. Months are English ("%b" in the C locale).
 */
#include "dates.h"

#include <stdio.h>
#include <string.h>

static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr",
					 "May", "Jun", "Jul", "Aug",
					 "Sep", "Oct", "Nov", "Dec"};

/* Field l (0 year .. 5 second) of c. */
static int64_t field(const spr_civil *c, int l)
{
	switch (l) {
	case 0:
		return c->y;
	case 1:
		return c->mo;
	case 2:
		return c->d;
	case 3:
		return c->h;
	case 4:
		return c->mi;
	default:
		return c->s;
	}
}

/* The formats: 'Y' "%Y", 'b' "%b", 'd' "%d", 'H' "%H:%M", 'D' "%b-%d",
 * 'S' "%S.%f", 'o' "%Y-%b", 'p' "%Y-%b-%d", 'q' "%Y-%b-%d %H:%M", 0
 * nothing. */
static void strf(char *out, size_t len, char fmt, const spr_civil *c)
{
	const char *mon = month_abbr[c->mo - 1];
	long long y = (long long)c->y;

	switch (fmt) {
	case 'Y':
		snprintf(out, len, "%lld", y);
		break;
	case 'b':
		snprintf(out, len, "%s", mon);
		break;
	case 'd':
		snprintf(out, len, "%02d", c->d);
		break;
	case 'H':
		snprintf(out, len, "%02d:%02d", c->h, c->mi);
		break;
	case 'D':
		snprintf(out, len, "%s-%02d", mon, c->d);
		break;
	case 'S':
		snprintf(out, len, "%02d.%06d", c->s, c->us);
		break;
	case 'o':
		snprintf(out, len, "%lld-%s", y, mon);
		break;
	case 'p':
		snprintf(out, len, "%lld-%s-%02d", y, mon, c->d);
		break;
	case 'q':
		snprintf(out, len, "%lld-%s-%02d %02d:%02d", y, mon, c->d, c->h,
			 c->mi);
		break;
	default:
		out[0] = 0;
	}
}

/* The level labelled (0 years .. 5 seconds) and whether the offset
 * shows: years or months labelled with a 1 among them name the year. */
static int label_level(const spr_civil *c, size_t n, int *show_offset)
{
	*show_offset = 1;
	for (int l = 5; l >= 0; l--) {
		int differs = 0, has_one = 0;
		for (size_t i = 0; i < n; i++) {
			differs |= field(&c[i], l) != field(&c[0], l);
			has_one |= field(&c[i], l) == 1;
		}
		if (differs) {
			if (l < 2 && has_one)
				*show_offset = 0;
			return l;
		}
	}
	return 5; /* all equal to the second: only microseconds differ */
}

/* Seconds labels: the trailing zeros all "%S.%f" labels share cut, and
 * a bare '.' after them. */
static void strip_zeros(spr_ticks *t, size_t n)
{
	size_t common = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		const char *s = t->label[i];
		size_t len = strlen(s), z = 0;
		if (!strchr(s, '.'))
			continue;
		while (z < len && s[len - 1 - z] == '0')
			z++;
		if (z < common)
			common = z;
	}
	if (common == (size_t)-1 || common == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *s = t->label[i];
		size_t len = strlen(s);
		if (!strchr(s, '.'))
			continue;
		s[len - common] = 0;
		len -= common;
		if (len && s[len - 1] == '.')
			s[len - 1] = 0;
	}
}

void spr_date_format(spr_ticks *t, const double *v, size_t n, int tzmin)
{
	static const char fmts[] = {'Y', 'b', 'd', 'H', 'H', 'S'};
	static const char zero_fmts[] = {0, 'Y', 'b', 'D', 'H', 'H'};
	static const char offset_fmts[] = {0, 'Y', 'o', 'p', 'p', 'q'};
	static const int zerovals[] = {0, 1, 1, 0, 0, 0};
	spr_civil c[SPR_MAX_TICKS];
	int level, show;

	t->offset[0] = 0;
	if (n > SPR_MAX_TICKS)
		n = SPR_MAX_TICKS;
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		spr_civil_of(spr_num2date(v[i], tzmin), &c[i]);
	level = label_level(c, n, &show);
	for (size_t i = 0; i < n; i++) {
		int zero = level < 5 ? field(&c[i], level) == zerovals[level]
				     : c[i].s == 0 && c[i].us == 0;
		strf(t->label[i], SPR_TICK_LABEL,
		     zero ? zero_fmts[level] : fmts[level], &c[i]);
		t->sup[i][0] = 0;
	}
	if (level >= 5)
		strip_zeros(t, n);
	if (show)
		strf(t->offset, sizeof t->offset, offset_fmts[level],
		     &c[n - 1]);
}

void spr_ticks_date_days(spr_ticks *t, double vmin, double vmax, int tzmin)
{
	t->n = spr_date_locate(vmin, vmax, tzmin, t->v, SPR_MAX_TICKS);
	t->nminor = 0;
	memset(t->is_minor, 0, sizeof t->is_minor);
	spr_date_format(t, t->v, t->n, tzmin);
}

void spr_date_minor_days(spr_ticks *t, double vmin, double vmax)
{
	t->nminor = spr_minor_locate(t->v, t->n, vmin, vmax, t->minor,
				     sizeof t->minor / sizeof *t->minor);
}

void spr_date_minor(spr_ticks *t, double vmin, double vmax)
{
	double maj[SPR_MAX_TICKS];

	/* the step matplotlib divides is in days: 1 day is 5 minors, 6 h
	 * (0.25 day) 4 */
	for (size_t i = 0; i < t->n; i++)
		maj[i] = t->v[i] / SPR_SEC_PER_DAY;
	t->nminor = spr_minor_locate(maj, t->n, vmin / SPR_SEC_PER_DAY,
				     vmax / SPR_SEC_PER_DAY, t->minor,
				     sizeof t->minor / sizeof *t->minor);
	for (size_t i = 0; i < t->nminor; i++)
		t->minor[i] *= SPR_SEC_PER_DAY;
}

void spr_ticks_date(spr_ticks *t, double vmin, double vmax, int tzmin)
{
	spr_ticks_date_days(t, vmin / SPR_SEC_PER_DAY, vmax / SPR_SEC_PER_DAY,
			    tzmin);
	for (size_t i = 0; i < t->n; i++)
		t->v[i] *= SPR_SEC_PER_DAY;
}
