/* SPDX-License-Identifier: MIT */
/*
 * Private to src/figure/: the figure and the handles the figure API gives
 * out, shared by figure.c (figures, axes, the line API), item.c (the
 * generic item API) and pack.c (figures packed for a batch).
 */
#ifndef SHMPLOT_FIGURE_INTERNAL_H
#define SHMPLOT_FIGURE_INTERNAL_H

#include "figure/figure.h"

struct shmplot_axes {
	shmplot_figure *fig;
	int index;
	int twin; /* 1: the twin of axes index (axis.c) */
};

struct shmplot_figure {
	spr_figure spec; /* its axes: axes1, or a block with their handles */
	struct shmplot_item *handles; /* of items and lines */
	/*
	 * The last failure's message, allocated when a call fails: a batch
	 * holds 100,000 figures that never fail, and a buffer each was half
	 * of what they took.
	 */
	char *errmsg;
	/* A figure of one axes (most are) holds it here, not allocated. */
	spr_axes axes1;
	struct shmplot_axes axh1;
	/* 1: axes1's items, their parameters and texts are in this block
	 * (sp_figure_pack()), not allocations of their own */
	unsigned char packed;
	char name[]; /* spec.name */
};

/* A handle to an item: where it is (items move when the array grows,
 * their places do not). */
struct shmplot_item {
	shmplot_figure *fig;
	int axes;
	size_t index;
	struct shmplot_item *next; /* every handle, for freeing */
	/* 0: item index of the axes; 1, 2: its x, y tick options (axis.c);
	 * SP_HANDLE_OPTS + k: its opts[k] (options.c) */
	unsigned char axis;
	unsigned char twin; /* of the axes' twin */
};

#define SP_HANDLE_OPTS 3

/* A line handle is an item handle (shmplot_line_item()). */
struct shmplot_line {
	struct shmplot_item item;
};

/* Raises the message through sp_error() and keeps a copy on fig. */
shmplot_status SP_PRINTF(3, 4)
    sp_fig_err(shmplot_figure *fig, shmplot_status code, const char *fmt, ...);

/* The renderer's axes behind ax, and item behind h. */
spr_axes *sp_axes_of(const shmplot_axes *ax);
spr_item *sp_item_of(const struct shmplot_item *h);

/* fig owns h from now on (freed with the figure). */
void sp_fig_keep(shmplot_figure *fig, struct shmplot_item *h);

/*
 * Sets a NUM, INT, COLOR or SERIES* field of it to v, if its descriptor
 * accepts v; else SHMPLOT_E_INVALID with a message naming the figure, the
 * kind, the field and the accepted values.
 */
shmplot_status sp_item_set(shmplot_figure *fig, spr_item *it,
			   const spr_field *f, double v);

/*
 * A packed figure's axes1 as ordinary allocations again, before a change
 * (pack.c; nothing to do for any other figure). On failure the figure
 * stays packed and whole: SHMPLOT_E_NOMEM.
 */
shmplot_status sp_figure_unpack(shmplot_figure *fig);

#endif /* SHMPLOT_FIGURE_INTERNAL_H */
