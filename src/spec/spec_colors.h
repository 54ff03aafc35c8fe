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
 * none_ok: "none" is a name there too (a face colour).
 */
void sp_color_problem(sp_problems *pr, const char *path, const char *s,
		      int none_ok);

/*
 * A colour as a spec writes it: a string (*s set, for the caller to read
 * with the functions above: SP_COLOR_STRING), or matplotlib's tuple as a
 * JSON array [r, g, b] or [r, g, b, a] of numbers 0..1 (*rgb rounded to
 * 0xRRGGBB, *alpha exact: SP_COLOR_TUPLE). Anything else is listed at
 * path (unless pr is NULL): SP_COLOR_BAD.
 */
enum { SP_COLOR_BAD = -1, SP_COLOR_STRING = 0, SP_COLOR_TUPLE = 1 };
/* Lists that a tuple colour's opacity is taken only by an item's
 * "color". */
void sp_color_alpha_problem(sp_problems *pr, const char *path);
struct cJSON;
int sp_json_color(sp_problems *pr, const struct cJSON *it, const char *path,
		  const char **s, uint32_t *rgb, double *alpha);

#endif /* SHMPLOT_SPEC_COLORS_H */
