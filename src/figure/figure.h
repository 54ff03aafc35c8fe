/* SPDX-License-Identifier: MIT */
/*
 * Private to src/: what the figure API (figure.c) hands the renderer, and
 * the API's rules for the batch decoder (worker/blob.c), which must accept
 * exactly the figures the API can build.
 */
#ifndef SHMPLOT_FIGURE_H
#define SHMPLOT_FIGURE_H

#include "core/core.h"
#include "render.h"

/* The renderer's description of fig, owned by fig. */
const spr_figure *sp_figure_spec(const shmplot_figure *fig);

/*
 * The size rule of shmplot_figure_new() (after its defaults): finite,
 * positive inches and dpi whose pixel size is 1 to SHMPLOT_MAX_DIM a side
 * and at most SHMPLOT_MAX_PIXELS. SHMPLOT_E_INVALID with a message naming
 * the figure.
 */
shmplot_status sp_figure_check_size(const char *name, double width_in,
				    double height_in, double dpi, char *err,
				    size_t errlen);

/*
 * 1 if every setting of a (limits, scales, grid, legend, pole segments,
 * exact) is one the axes API can make, else 0. Its texts and items are
 * checked by the caller.
 */
int sp_axes_settings_ok(const spr_axes *a);

/*
 * Gives back the room fig's item arrays keep for more items (the spec
 * loader calls it on each figure it has finished building, so 100,000
 * figures of one line hold one item each). Best effort; fig may still
 * grow afterwards.
 */
void sp_figure_trim(shmplot_figure *fig);

/*
 * What the spec loader calls on each figure it keeps, once built: a
 * figure of one axes is moved into one allocation holding its items,
 * their parameters and every text after its name (a 100,000-figure batch
 * of one-line figures is then 100,000 malloc chunks instead of five times
 * as many, whose headers and rounding cost ~80 bytes a figure); any other
 * is trimmed (sp_figure_trim()). Returns the figure to keep, which may be
 * a new pointer: fig is then freed, and its axes and line handles with it
 * (the caller must hold none). On failure to allocate, fig, trimmed.
 * A packed figure reads as any other; the first call that may change it
 * (shmplot_figure_axes(), shmplot_figure_set_grid()) unpacks it into
 * ordinary allocations first.
 */
shmplot_figure *sp_figure_pack(shmplot_figure *fig);

/* 1 if utf8 (NULL allowed) is valid UTF-8 of at most max bytes, else 0. */
int sp_text_ok(const char *utf8, size_t max);

#endif /* SHMPLOT_FIGURE_H */
