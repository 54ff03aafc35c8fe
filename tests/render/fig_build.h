/* SPDX-License-Identifier: MIT */
/*
 * For the renderer's tests and tools: figure descriptions built item by
 * item through the kinds' field descriptors, as the figure API builds
 * them. A mistake in a test's own figure (an unknown field, a value out of
 * range) stops the program: it is not what the test is about.
 */
#ifndef SHMPLOT_TESTS_FIG_BUILD_H
#define SHMPLOT_TESTS_FIG_BUILD_H

#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * *fig: width_in x height_in in at dpi, with one axes, *ax, empty. Both
 * are cleared first (whatever they held is not freed).
 */
static inline void fb_figure(spr_figure *fig, spr_axes *ax, double width_in,
			     double height_in, double dpi)
{
	memset(fig, 0, sizeof *fig);
	memset(ax, 0, sizeof *ax);
	fig->width_in = width_in;
	fig->height_in = height_in;
	fig->dpi = dpi;
	fig->rows = fig->cols = 1;
	fig->axes = ax;
}

static inline const spr_field *fb_field(const spr_item *it, const char *name)
{
	const spr_field *f = spr_kind_field(it->kind, name);

	if (!f) {
		fprintf(stderr, "fig_build: a %s has no field %s\n",
			spr_kind_name(it->kind), name);
		abort();
	}
	return f;
}

/* Sets a number field to v, which its descriptor must accept. */
static inline void fb_set(spr_item *it, const char *name, double v)
{
	const spr_field *f = fb_field(it, name);

	if (!spr_field_accepts(f, v)) {
		fprintf(stderr, "fig_build: %s %g is out of range\n", name, v);
		abort();
	}
	spr_field_set(f, it->p, v);
}

/* Stores v unchecked: for tests of what the renderer refuses. */
static inline void fb_force(spr_item *it, const char *name, double v)
{
	spr_field_set(fb_field(it, name), it->p, v);
}

static inline double fb_get(const spr_item *it, const char *name)
{
	return spr_field_get(fb_field(it, name), it->p);
}

/* Sets a text field to a copy of s (NULL: none). */
static inline void fb_text(spr_item *it, const char *name, const char *s)
{
	if (spr_field_set_text(fb_field(it, name), it->p, s) != 0)
		abort();
}

/*
 * A line of y against x (SPR_NO_SERIES: the index) appended to ax, with
 * matplotlib's defaults; valid until the next append to ax. The caller
 * frees ax's items (spr_axes_free_items).
 */
static inline spr_item *fb_line(spr_axes *ax, uint32_t x, uint32_t y,
				const char *label)
{
	spr_item *it = spr_axes_add(ax, spr_kind_find("line"));

	if (!it)
		abort();
	fb_set(it, "x", x);
	fb_set(it, "y", y);
	fb_text(it, "label", label);
	return it;
}

#endif /* SHMPLOT_TESTS_FIG_BUILD_H */
