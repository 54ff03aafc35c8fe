/* SPDX-License-Identifier: MIT */
/* Private to src/spec/: colour names in specs, as matplotlib spells them. */
#ifndef SHMPLOT_SPEC_COLORS_H
#define SHMPLOT_SPEC_COLORS_H

#include "spec/spec_problems.h"

#include <stddef.h>
#include <stdint.h>

/* matplotlib's named colours (color_names.c, generated), sorted by name. */
typedef struct sp_color_name {
	const char *name;
	uint32_t rgb;
} sp_color_name;
extern const sp_color_name sp_color_names[];
extern const size_t sp_color_names_n;

/*
 * 1 if s is a colour as matplotlib's to_rgba reads a string, with its
 * 0xRRGGBB in *rgb and its opacity in *alpha (1 unless it has one):
 * "#rrggbb", "#rrggbbaa", "#rgb", "#rgba", "C0".."C9", "tab:blue" ..
 * "tab:cyan", the CSS4 names and the one-letter colours (names of more
 * than one letter in any case, as matplotlib), and grey levels "0" .. "1"
 * ("0.5"). 0 otherwise.
 */
int sp_color_parse_alpha(const char *s, uint32_t *rgb, double *alpha);

/* sp_color_parse_alpha() for colours without opacity: 0 too for one with
 * an opacity below 1. */
int sp_color_parse(const char *s, uint32_t *rgb);

/*
 * Lists the problem with s at path: "unknown colour", with the closest
 * name and what is accepted, or for a colour with an opacity (where
 * sp_color_parse() refused it) that only an item's "color" takes one.
 */
void sp_color_problem(sp_problems *pr, const char *path, const char *s);

#endif /* SHMPLOT_SPEC_COLORS_H */
