/* Private to src/: what the figure API (figure.c) hands the renderer. */
#ifndef SHMPLOT_FIGURE_H
#define SHMPLOT_FIGURE_H

#include "core/core.h"
#include "render.h"

/* The renderer's description of fig, owned by fig. */
const spr_figure *sp_figure_spec(const shmplot_figure *fig);

#endif /* SHMPLOT_FIGURE_H */
