/* SPDX-License-Identifier: MIT */
/* Private to src/spec/: colour names in specs, as matplotlib spells them. */
#ifndef SHMPLOT_SPEC_COLORS_H
#define SHMPLOT_SPEC_COLORS_H

#include <stdint.h>

/*
 * 1 if s is a colour, with its 0xRRGGBB in *rgb: "#rrggbb", "#rgb",
 * "C0".."C9" and "tab:blue".."tab:cyan" (the tab10 cycle), matplotlib's
 * one-letter colours ("r", "k", ...) and a few CSS names ("red", "grey").
 * 0 otherwise.
 */
int sp_color_parse(const char *s, uint32_t *rgb);

#endif /* SHMPLOT_SPEC_COLORS_H */
