/* SPDX-License-Identifier: MIT */
/*
 * For the renderer's kind tests (cmocka): one 6.4 x 4.8 in axes `ax` whose
 * items a test appends, the font and the group's setup/teardown
 * (font_fixture.h), a per-test teardown freeing the items, and rendering it for
 * its limits. Include after cmocka.h, fig_build.h and font_file.h.
 */
#ifndef SHMPLOT_TESTS_AXES_FIXTURE_H
#define SHMPLOT_TESTS_AXES_FIXTURE_H

#include <string.h>

#include "font_fixture.h"

static spr_axes ax;

static int free_items(void **state)
{
	(void)state;
	spr_axes_free_items(&ax);
	memset(&ax, 0, sizeof ax);
	return 0;
}

/* Sets the number standing for series field name (SPR_FF_OR_NUMBER). */
static void set_const(spr_item *it, const char *name, double v)
{
	const spr_field *f = fb_field(it, name);

	assert_true(f->flags & SPR_FF_OR_NUMBER);
	spr_field_set(f + 1, it->p, v);
}

/* Renders ax (one 6.4 x 4.8 in axes) over s; NULL and the message in err
 * when refused. */
static cairo_surface_t *render(const spr_series *s, size_t ns,
			       spr_axes_info *in, char *err, size_t errlen)
{
	spr_figure fig = {.width_in = 6.4, .height_in = 4.8, .dpi = 100};
	cairo_surface_t *out = NULL;

	fig.rows = fig.cols = 1;
	fig.axes = &ax;
	if (spr_render_info(&fig, s, ns, font, &out, in, 1, err, errlen) != 0)
		return NULL;
	return out;
}

static void expect_limits(const spr_series *s, size_t ns, double x0, double x1,
			  double y0, double y1)
{
	spr_axes_info in;
	char err[256];
	cairo_surface_t *out = render(s, ns, &in, err, sizeof err);

	if (!out)
		fail_msg("%s", err);
	cairo_surface_destroy(out);
	assert_float_equal(in.xlim[0], x0, 1e-9);
	assert_float_equal(in.xlim[1], x1, 1e-9);
	assert_float_equal(in.ylim[0], y0, 1e-9);
	assert_float_equal(in.ylim[1], y1, 1e-9);
}

#endif /* SHMPLOT_TESTS_AXES_FIXTURE_H */
