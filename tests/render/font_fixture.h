/* SPDX-License-Identifier: MIT */
/*
 * For the renderer's cmocka tests that draw with the default font: the
 * font, loaded by the group's setup and freed by its teardown. Include
 * after cmocka.h and font_file.h.
 */
#ifndef SHMPLOT_TESTS_FONT_FIXTURE_H
#define SHMPLOT_TESTS_FONT_FIXTURE_H

#ifndef SHMPLOT_DEFAULT_FONT
#error "SHMPLOT_DEFAULT_FONT must name a TrueType font"
#endif

static spr_font *font;

static int setup(void **state)
{
	char err[256];

	(void)state;
	return font_file_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	spr_font_free(font);
	return 0;
}

#endif
