/* SPDX-License-Identifier: MIT */
/*
 * Private to render/: matplotlib 3.6's fig.colorbar(mappable, ax=ax) with
 * its defaults (location right, fraction 0.15, pad 0.05, shrink 1, aspect
 * 20): the colorbar takes the right 0.2 of the axes' box, which keeps
 * 0.80 of its width; the bar is 1/20 of the box's height wide, 0.85 of the
 * width from its left, as tall as the axes. Its long axis runs vmin ..
 * vmax (a log axis for a log norm) with the axes' tick locator, ticks and
 * labels on the right, the label beside them; the cells are the map's n
 * colours, unsmoothed (pcolormesh, antialiased off), in a 0.8 pt outline.
 *
 * A kind that has a colormap gives its colorbar through its `colorbar`
 * hook (item.h): scatter today, imshow with the same fields (`colorbar`,
 * `colorbar_label`). The axes takes the first item's.
 */
#ifndef SHMPLOT_RENDER_COLORBAR_H
#define SHMPLOT_RENDER_COLORBAR_H

#include "colormap.h"

/* What a colorbar shows. */
typedef struct spr_cbar {
	int cmap;          /* colormap id */
	spr_norm norm;     /* resolved: finite, checked */
	const char *label; /* NULL: none */
	double alpha;      /* of the cells (the mappable's) */
} spr_cbar;

#endif /* SHMPLOT_RENDER_COLORBAR_H */
