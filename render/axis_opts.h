/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: one axis' tick options (matplotlib's set_xticks,
 * tick_params, minorticks_on, set_major_formatter), the parameters of the
 * axis kind (axis_opts.c) an spr_axes holds for x and y.
 */
#ifndef SHMPLOT_RENDER_AXIS_OPTS_H
#define SHMPLOT_RENDER_AXIS_OPTS_H

#include "render.h"

enum spr_tickdir { SPR_TICK_OUT = 0, SPR_TICK_IN, SPR_TICK_INOUT };
enum spr_ha { SPR_HA_AUTO = 0, SPR_HA_CENTER, SPR_HA_LEFT, SPR_HA_RIGHT };

typedef struct spr_axis_opts {
	int fixed;          /* ticks given (an empty list too) */
	spr_array ticks;    /* FixedLocator positions */
	spr_strings labels; /* their labels (n 0: formatted) */
	double rotation;    /* tick labels, degrees counter-clockwise */
	int ha;             /* enum spr_ha */
	int rotation_mode;  /* 0 default, 1 anchor */
	char *format;       /* "%.2f" or "{x:.0%}", NULL: ScalarFormatter */
	int minor;          /* AutoMinorLocator on a linear axis */
	int direction[2];   /* enum spr_tickdir, major and minor */
	double length[2];   /* pt; NaN: rc (3.5, 2) */
	double width[2];    /* pt; NaN: rc (0.8, 0.6) */
	double pad[2];      /* pt; NaN: rc (3.5, 3.4) */
	double labelsize;   /* pt; NaN: the font size */
	uint32_t color, labelcolor;
	int tick1, tick2;   /* marks bottom/left, top/right */
	int label1, label2; /* labels bottom/left, top/right */
	int spine1, spine2; /* spines bottom/left, top/right shown */
	/* a symlog axis: linear within +-linthresh, whose half spans
	 * linscale decades (matplotlib's SymmetricalLogScale, base 10) */
	double linthresh, linscale;
	int tz; /* a date axis: its zone, minutes east of UTC */
} spr_axis_opts;

/* The options of axis d (0: x, 1: y) of ax: its own, or the defaults. */
const spr_axis_opts *spr_axis_opts_of(const spr_axes *ax, int d);

#endif /* SHMPLOT_RENDER_AXIS_OPTS_H */
