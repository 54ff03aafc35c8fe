/* SPDX-License-Identifier: MIT */
/*
 * Tick placement and labelling, after matplotlib's MaxNLocator /
 * ScalarFormatter (linear axes) and LogLocator / LogFormatterSciNotation
 * (log axes). Private to render/ and its tests.
 */
#ifndef SHMPLOT_RENDER_TICKS_H
#define SHMPLOT_RENDER_TICKS_H

#include <stddef.h>

#define SPR_MAX_TICKS  64
#define SPR_TICK_LABEL 48

typedef struct spr_ticks {
	size_t n; /* locator output; may extend beyond the view */
	double v[SPR_MAX_TICKS];
	/*
	 * UTF-8 labels. On log axes a label is a base ("10") plus an
	 * exponent drawn as a superscript (sup, "" when there is none).
	 */
	char label[SPR_MAX_TICKS][SPR_TICK_LABEL];
	char sup[SPR_MAX_TICKS][SPR_TICK_LABEL];
	/*
	 * 1 where v[i] is a labelled minor tick (log axes spanning a decade
	 * or less: "2×10" with sup "0"); it is also in minor[] and has no
	 * major tick mark or grid line.
	 */
	unsigned char is_minor[SPR_MAX_TICKS];
	char offset[64]; /* ScalarFormatter offset text, "" if none */
	size_t nminor;
	double minor[SPR_MAX_TICKS * 8];
} spr_ticks;

/* matplotlib Axis.get_tick_space(): bins that fit on an axis. */
int spr_tick_space(double axis_len_pt, double label_pt, int is_x);

/*
 * MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(vmin, vmax).
 * Returns the number of ticks written to out (at most cap).
 */
size_t spr_maxn_locate(double vmin, double vmax, int nbins, double *out,
		       size_t cap);

/* LogLocator(base=10, numticks).tick_values(vmin, vmax) for vmin > 0. */
size_t spr_log_locate(double vmin, double vmax, int numticks, double *out,
		      size_t cap);

/* True if v is inside [vmin, vmax] up to matplotlib's 1e-10 tolerance
 * (compared in scale space when log is set). */
int spr_tick_visible(double v, double vmin, double vmax, int log);

/*
 * Locates and labels the major (and, on log axes, minor) ticks of an axis
 * whose view is [vmin, vmax] and which has room for nbins bins.
 */
void spr_ticks_compute(spr_ticks *t, double vmin, double vmax, int nbins,
		       int log);

/*
 * matplotlib's FixedLocator + FixedFormatter: ticks at v[0..n) (non-finite
 * ones left out, at most SPR_MAX_TICKS) labelled labels[i] (cut to
 * SPR_TICK_LABEL bytes), no minor ticks, no offset text. What a
 * categorical axis and bar's tick_label give.
 */
/* A symlog axis' ticks and labels, matplotlib's (symlog.c). */
void spr_ticks_symlog(spr_ticks *t, double vmin, double vmax, double lt);

void spr_ticks_fixed(spr_ticks *t, const double *v, const char *const *labels,
		     size_t n);

/*
 * ScalarFormatter on t->v[0..n): fills t->label and t->offset.
 * [vmin, vmax] is the view interval.
 */
void spr_scalar_format(spr_ticks *t, double vmin, double vmax);

/* matplotlib's nonsingular(vmin, vmax, expander, tiny). */
void spr_nonsingular(double *vmin, double *vmax, double expander, double tiny);

/*
 * A label format of matplotlib's FormatStrFormatter ("%.2f") or
 * StrMethodFormatter ("{x:.0%}") style, in the subset tick_format.c
 * lists: 0 if fmt is one, else -1 with the reason in why.
 */
int spr_format_check(const char *fmt, char *why, size_t len);
/*
 * A tick label with $...$ is mathtext: 0 if s is plain or lays out and
 * fits the SPR_TICK_LABEL bytes a label holds (cut, it would be drawn
 * as its source), else -1 with the reason in why.
 */
int spr_tick_label_check(const char *s, char *why, size_t len);
/* The label of value x, tick pos, by a format spr_format_check accepts. */
void spr_format_value(const char *fmt, double x, int pos, char *out,
		      size_t len);

/*
 * matplotlib's AutoMinorLocator on the major ticks maj[0 .. nmaj) of the
 * view [vmin, vmax]: the minor ticks, those on a major tick left out
 * (Axis.get_minorticklocs). Returns how many went to out (at most cap).
 */
size_t spr_minor_locate(const double *maj, size_t nmaj, double vmin,
			double vmax, double *out, size_t cap);

#endif /* SHMPLOT_RENDER_TICKS_H */
