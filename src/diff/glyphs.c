/* SPDX-License-Identifier: MIT */
/*
 * The panel's labels: a 5 x 7 bitmap font of the upper-case letters, digits
 * and the punctuation the labels use, drawn dot by dot so the panel needs
 * no font file and its bytes depend on nothing installed.
 */
#include "diff/canvas.h"

/* Rows top-down, bit 4 the leftmost dot. */
static const struct glyph {
	char ch;
	unsigned char rows[7];
} font[] = {
    {'A', {14, 17, 17, 31, 17, 17, 17}}, {'B', {30, 17, 17, 30, 17, 17, 30}},
    {'C', {14, 17, 16, 16, 16, 17, 14}}, {'D', {30, 17, 17, 17, 17, 17, 30}},
    {'E', {31, 16, 16, 30, 16, 16, 31}}, {'F', {31, 16, 16, 30, 16, 16, 16}},
    {'G', {14, 17, 16, 23, 17, 17, 15}}, {'H', {17, 17, 17, 31, 17, 17, 17}},
    {'I', {14, 4, 4, 4, 4, 4, 14}},      {'K', {17, 18, 20, 24, 20, 18, 17}},
    {'L', {16, 16, 16, 16, 16, 16, 31}}, {'M', {17, 27, 21, 21, 17, 17, 17}},
    {'N', {17, 25, 21, 19, 17, 17, 17}}, {'O', {14, 17, 17, 17, 17, 17, 14}},
    {'P', {30, 17, 17, 30, 16, 16, 16}}, {'R', {30, 17, 17, 30, 20, 18, 17}},
    {'S', {15, 16, 16, 14, 1, 1, 30}},   {'T', {31, 4, 4, 4, 4, 4, 4}},
    {'U', {17, 17, 17, 17, 17, 17, 14}}, {'V', {17, 17, 17, 17, 17, 10, 4}},
    {'W', {17, 17, 17, 21, 21, 21, 10}}, {'X', {17, 17, 10, 4, 10, 17, 17}},
    {'Y', {17, 17, 10, 4, 4, 4, 4}},     {'Z', {31, 1, 2, 4, 8, 16, 31}},
    {'0', {14, 17, 19, 21, 25, 17, 14}}, {'1', {4, 12, 4, 4, 4, 4, 14}},
    {'2', {14, 17, 1, 2, 4, 8, 31}},     {'3', {31, 2, 4, 2, 1, 17, 14}},
    {'4', {2, 6, 10, 18, 31, 2, 2}},     {'5', {31, 16, 30, 1, 1, 17, 14}},
    {'6', {6, 8, 16, 30, 17, 17, 14}},   {'7', {31, 1, 2, 4, 8, 8, 8}},
    {'8', {14, 17, 17, 14, 17, 17, 14}}, {'9', {14, 17, 17, 15, 1, 2, 12}},
    {',', {0, 0, 0, 0, 0, 4, 8}},        {'.', {0, 0, 0, 0, 0, 12, 12}},
    {':', {0, 12, 12, 0, 12, 12, 0}},    {'-', {0, 0, 0, 31, 0, 0, 0}},
    {'+', {0, 4, 4, 31, 4, 4, 0}},       {'=', {0, 0, 31, 0, 31, 0, 0}},
    {'(', {2, 4, 8, 8, 8, 4, 2}},        {')', {8, 4, 2, 2, 2, 4, 8}},
    {'/', {1, 1, 2, 4, 8, 16, 16}},
};

/* Draws the glyph of ch (none: nothing) with its top-left corner at x, y. */
static void glyph(spd_canvas *c, int x, int y, char ch,
		  const unsigned char rgb[3])
{
	for (size_t g = 0; g < sizeof font / sizeof font[0]; g++) {
		if (font[g].ch != ch)
			continue;
		for (int r = 0; r < 7; r++)
			for (int b = 0; b < 5; b++)
				if (font[g].rows[r] & (16 >> b))
					spd_fill(c, x + b * SPD_FONT_SCALE,
						 y + r * SPD_FONT_SCALE,
						 SPD_FONT_SCALE, SPD_FONT_SCALE,
						 rgb);
	}
}

int spd_text_clip(spd_canvas *c, int x, int y, int x_end, const char *s,
		  const unsigned char rgb[3])
{
	for (; *s && x + 5 * SPD_FONT_SCALE <= x_end; s++) {
		char ch = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		glyph(c, x, y, ch, rgb);
		x += 6 * SPD_FONT_SCALE;
	}
	return x;
}

int spd_text(spd_canvas *c, int x, int y, const char *s,
	     const unsigned char rgb[3])
{
	return spd_text_clip(c, x, y, c->w, s, rgb);
}
