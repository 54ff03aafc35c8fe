/* SPDX-License-Identifier: MIT */
/*
 * Colour names in specs. The tab10 cycle ("C0".."C9", "tab:blue"...) is
 * the renderer's own palette, spr_tab10; the other names are matplotlib's.
 */
#include "spec/spec_colors.h"

#include "render.h"

#include <string.h>

/* spr_tab10 in order, as matplotlib names it after "tab:". */
static const char *const tab10_names[SPR_TAB10_N] = {
    "blue",  "orange", "green", "red",   "purple",
    "brown", "pink",   "gray",  "olive", "cyan"};
#define TAB10_GRAY 7 /* "tab:grey" too */

static const struct {
	const char *name;
	uint32_t rgb;
} named[] = {
    {"b", 0x0000ff},       {"g", 0x008000},      {"r", 0xff0000},
    {"c", 0x00bfbf},       {"m", 0xbf00bf},      {"y", 0xbfbf00},
    {"k", 0x000000},       {"w", 0xffffff},      {"black", 0x000000},
    {"white", 0xffffff},   {"red", 0xff0000},    {"green", 0x008000},
    {"blue", 0x0000ff},    {"gray", 0x808080},   {"grey", 0x808080},
    {"orange", 0xffa500},  {"purple", 0x800080}, {"brown", 0xa52a2a},
    {"pink", 0xffc0cb},    {"olive", 0x808000},  {"cyan", 0x00ffff},
    {"magenta", 0xff00ff}, {"yellow", 0xffff00},
};

#define HEX_LONG  7 /* "#rrggbb" */
#define HEX_SHORT 4 /* "#rgb": each digit doubled, as in CSS */

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

static int parse_hex(const char *s, size_t len, uint32_t *rgb)
{
	uint32_t v = 0;
	for (size_t i = 1; i < len; i++) {
		int d = hex_digit(s[i]);
		if (d < 0)
			return 0;
		v = len == HEX_LONG ? v << 4 | (uint32_t)d
				    : v << 8 | (uint32_t)(d * 17);
	}
	*rgb = v;
	return 1;
}

static int parse_tab(const char *name, uint32_t *rgb)
{
	if (strcmp(name, "grey") == 0) {
		*rgb = spr_tab10[TAB10_GRAY];
		return 1;
	}
	for (size_t i = 0; i < SPR_TAB10_N; i++)
		if (strcmp(tab10_names[i], name) == 0) {
			*rgb = spr_tab10[i];
			return 1;
		}
	return 0;
}

int sp_color_parse(const char *s, uint32_t *rgb)
{
	size_t len = strlen(s);
	if (s[0] == '#' && (len == HEX_LONG || len == HEX_SHORT))
		return parse_hex(s, len, rgb);
	if (s[0] == 'C' && s[1] >= '0' && s[1] <= '9' && !s[2]) {
		*rgb = spr_tab10[s[1] - '0'];
		return 1;
	}
	if (strncmp(s, "tab:", 4) == 0)
		return parse_tab(s + 4, rgb);
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (strcmp(named[i].name, s) == 0) {
			*rgb = named[i].rgb;
			return 1;
		}
	return 0;
}
