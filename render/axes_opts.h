/* SPDX-License-Identifier: MIT */
/*
 * An axes' legend options and the fonts of its title and axis labels
 * (render/ private): the parameters of spr_legend_kind and spr_label_kind.
 */
#ifndef SHMPLOT_RENDER_AXES_OPTS_H
#define SHMPLOT_RENDER_AXES_OPTS_H

#include "render.h"

/* Most legend columns (matplotlib has no limit; a row of 64 is past any
 * figure's width). */
#define SPR_LEGEND_MAX_COLS 64

/* matplotlib's Legend(ncols=, title=, fontsize=, ...) */
typedef struct spr_legend_opts {
	int ncols;
	char *title;           /* UTF-8 or NULL */
	double fontsize;       /* NaN: legend.fontsize; else as spr_fig_opts */
	double title_fontsize; /* NaN: font.size (legend.title_fontsize None) */
	int frameon;
	/* bbox_to_anchor in axes fractions: 0 values (the axes), (x, y) or
	 * (x, y, width, height) */
	spr_array bbox;
	double borderaxespad; /* in font sizes (0.5) */
} spr_legend_opts;

/* A title's or axis label's font: NaN size and weight 0 leave the
 * rcParams' (axes.titlesize, axes.titleweight ...). */
typedef struct spr_label_font {
	double fontsize; /* points, or minus a factor of font.size */
	int weight;      /* 0: rcParams'; else 1 + index in spr_weight_names */
	int style;       /* spr_fstyle_names */
} spr_label_font;

/* ax's legend options: its own, or the defaults. */
const spr_legend_opts *spr_legend_opts_of(const spr_axes *ax);

/* opts[i] (SPR_AXOPT_TITLE ...) of ax: its own, or the defaults. */
const spr_label_font *spr_label_font_of(const spr_axes *ax, int i);

#endif /* SHMPLOT_RENDER_AXES_OPTS_H */
