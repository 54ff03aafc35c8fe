/* SPDX-License-Identifier: MIT */
/*
 * Tick labels and pixels must not depend on LC_NUMERIC: a German locale
 * (decimal comma) gives the same labels and byte-identical surfaces as C.
 * The locale is compiled into the build tree by a CTest fixture
 * (localedef); without it the test exits 77, which CTest reports as
 * skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fig_build.h"
#include "font_file.h"
#include "render_internal.h"
#include "ticks.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static double sx[1000], ssin[1000];

static cairo_surface_t *render_fig(spr_font *font)
{
	spr_series s[2] = {{sx, 1000}, {ssin, 1000}};
	spr_axes ax;
	spr_figure fig;
	cairo_surface_t *out = NULL;
	char err[256];

	fb_figure(&fig, &ax, 6.4, 4.8, 100);
	fb_line(&ax, 0, 1, "sin(x)");
	ax.legend = SPR_LEG_BEST;
	/* tick labels with decimals, an offset and sci notation */
	ax.has_ylim = 1;
	ax.ylim[0] = 100000.25;
	ax.ylim[1] = 100000.75;
	int rc = spr_render(&fig, s, 2, font, &out, err, sizeof err);
	spr_axes_free_items(&ax);
	if (rc != 0)
		fail_msg("%s", err);
	return out;
}

static void test_decimal_comma_locale(void **state)
{
	spr_font *font;
	cairo_surface_t *a, *b;
	static spr_ticks t;
	char buf[32], err[256];
	size_t len;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		sx[i] = 1e-6 * i;
		ssin[i] = 100000.5 + 0.2 * sin(i / 50.0);
	}
	assert_int_equal(
	    font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err), 0);
	a = render_fig(font);
	assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
	snprintf(buf, sizeof buf, "%.1f", 0.5);
	assert_string_equal(buf, "0,5"); /* the locale is really in effect */
	spr_ticks_compute(&t, -1.1, 1.1, 8, 0);
	assert_string_equal(t.label[2], "\xe2\x88\x92"
					"0.5");
	spr_ticks_compute(&t, 1e5, 1e5 + 1, 9, 0);
	assert_string_equal(t.offset, "+1e5");
	assert_string_equal(t.label[1], "0.2");
	b = render_fig(font);
	setlocale(LC_ALL, "C");
	len = (size_t)cairo_image_surface_get_stride(a) *
	      (size_t)cairo_image_surface_get_height(a);
	assert_memory_equal(cairo_image_surface_get_data(a),
			    cairo_image_surface_get_data(b), len);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	spr_font_free(font);
}

int main(void)
{
	/* no compiled locale: nothing to compare against (CTest: skipped) */
	if (!setlocale(LC_ALL, "de_DE.UTF-8"))
		return 77;
	setlocale(LC_ALL, "C");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decimal_comma_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
