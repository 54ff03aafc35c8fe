// SPDX-License-Identifier: MIT
/*
 * An axes' tick options and its twin through the figure API: the tick
 * options of an axis are an item of the renderer's axis kind, reached
 * through an ordinary item handle, so the generic setters (item.c) set
 * them by name with the descriptors' checks and messages; a twin is an
 * axes of its own, drawn in its parent's box.
 */
#include "figure/figure_internal.h"

#include <stdlib.h>
#include <string.h>

/* Axis d's options of a, made with the defaults of the side it is on. */
static int ensure_axis(spr_axes *a, int d, int right)
{
	spr_axes_more *m = spr_axes_more_get(a);
	if (!m)
		return -1;
	if (m->axis[d].p)
		return 0;
	if (spr_item_init(&m->axis[d], &spr_axis_kind))
		return -1;
	if (right) { /* matplotlib's tick_right() / tick_top() */
		spr_field_set(spr_kind_field(&spr_axis_kind, "tick1"),
			      m->axis[d].p, 0);
		spr_field_set(spr_kind_field(&spr_axis_kind, "label1"),
			      m->axis[d].p, 0);
		spr_field_set(spr_kind_field(&spr_axis_kind, "tick2"),
			      m->axis[d].p, 1);
		spr_field_set(spr_kind_field(&spr_axis_kind, "label2"),
			      m->axis[d].p, 1);
	}
	return 0;
}

/* 0 for 'x', 1 for 'y', -1 otherwise. */
static int axis_dir(char axis)
{
	return axis == 'x' ? 0 : axis == 'y' ? 1 : -1;
}

shmplot_status shmplot_axes_axis(shmplot_axes *ax, char axis,
				 shmplot_item **out)
{
	int d = axis_dir(axis);

	if (!ax || !out)
		return SHMPLOT_E_INVALID;
	*out = NULL;
	if (d < 0)
		return sp_fig_err(ax->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": axis '%c' is neither 'x' "
				  "nor 'y'",
				  shmplot_figure_name(ax->fig), axis);
	if (sp_figure_unpack(ax->fig) != SHMPLOT_OK)
		return SHMPLOT_E_NOMEM;
	struct shmplot_item *h = calloc(1, sizeof *h);
	if (!h || ensure_axis(sp_axes_of(ax), d, 0)) {
		free(h);
		return sp_fig_err(ax->fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	h->fig = ax->fig;
	h->axes = ax->index;
	h->twin = (unsigned char)ax->twin;
	h->axis = (unsigned char)(d + 1);
	sp_fig_keep(ax->fig, h);
	*out = h;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_set_ticks(shmplot_axes *ax, char axis,
				      const double *ticks, size_t n,
				      const char *const *labels)
{
	shmplot_item *h;
	shmplot_status st = shmplot_axes_axis(ax, axis, &h);

	if (!st)
		st = shmplot_item_set_array(h, "ticks", ticks, n);
	if (!st)
		st = shmplot_item_set_strings(h, "labels", labels,
					      labels ? n : 0);
	if (!st)
		st = shmplot_item_set_number(h, "fixed", 1);
	return st;
}

shmplot_status shmplot_axes_set_linthresh(shmplot_axes *ax, char axis,
					  double linthresh, double linscale)
{
	shmplot_item *h;
	shmplot_status st = shmplot_axes_axis(ax, axis, &h);

	if (!st)
		st = shmplot_item_set_number(h, "linthresh", linthresh);
	if (!st)
		st = shmplot_item_set_number(h, "linscale", linscale);
	return st;
}

/* The handle of a twin, kept with the figure's item handles (freed with
 * them: its first member is one). */
typedef struct twin_handle {
	struct shmplot_item item;
	struct shmplot_axes axes;
} twin_handle;

static shmplot_status make_twin(shmplot_axes *ax, int kind, shmplot_axes **out)
{
	if (!ax || !out)
		return SHMPLOT_E_INVALID;
	*out = NULL;
	if (ax->twin)
		return sp_fig_err(ax->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": a twin has no twin of its "
				  "own",
				  shmplot_figure_name(ax->fig));
	if (sp_figure_unpack(ax->fig) != SHMPLOT_OK)
		return SHMPLOT_E_NOMEM;
	spr_axes *a = sp_axes_of(ax);
	if (spr_more(a)->twin)
		return sp_fig_err(ax->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": the axes has a twin already",
				  shmplot_figure_name(ax->fig));
	twin_handle *h = calloc(1, sizeof *h);
	spr_axes *t = calloc(1, sizeof *t);
	/* the twin's own axis on the right (twinx) or the top (twiny) */
	if (!h || !t || ensure_axis(t, kind == SPR_TWINX ? 1 : 0, 1) ||
	    !spr_axes_more_get(a)) {
		free(h);
		if (t)
			spr_axes_clear(t);
		free(t);
		return sp_fig_err(ax->fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	t->legend = SPR_LEG_NONE;
	a->more->twin = t;
	a->twin_kind = kind;
	h->item.fig = ax->fig;
	h->axes.fig = ax->fig;
	h->axes.index = ax->index;
	h->axes.twin = 1;
	sp_fig_keep(ax->fig, &h->item);
	*out = &h->axes;
	return SHMPLOT_OK;
}

shmplot_status shmplot_axes_twinx(shmplot_axes *ax, shmplot_axes **twin)
{
	return make_twin(ax, SPR_TWINX, twin);
}

shmplot_status shmplot_axes_twiny(shmplot_axes *ax, shmplot_axes **twin)
{
	return make_twin(ax, SPR_TWINY, twin);
}

shmplot_status shmplot_axes_set_twin_legend(shmplot_axes *twin, int on)
{
	if (!twin || !twin->twin)
		return twin ? sp_fig_err(twin->fig, SHMPLOT_E_INVALID,
					 "figure \"%s\": not a twin axes",
					 shmplot_figure_name(twin->fig))
			    : SHMPLOT_E_INVALID;
	twin->fig->spec.axes[twin->index].twin_legend = on != 0;
	return SHMPLOT_OK;
}
