/* SPDX-License-Identifier: MIT */
/*
 * Fallback fonts: glyphs the family lacks (CJK text in a title or a
 * legend) come from the first font of a list that has them, as matplotlib
 * 3.6 does for a font.family list (FT2Font's fallback list). Each font is
 * opened by the caller's loader the first time any glyph is missing, so a
 * batch whose text DejaVu Sans covers never reads them.
 */
#include "font_fallback.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

struct spr_fallback {
	size_t n;
	spr_font_loader load;
	void *ctx;
	unsigned char tried[SPR_MAX_FALLBACKS];
	spr_font *font[SPR_MAX_FALLBACKS];
};

spr_fallback *spr_fallback_new(size_t n, spr_font_loader load, void *ctx)
{
	spr_fallback *fb;

	if (n == 0 || !load)
		return NULL;
	if (!(fb = calloc(1, sizeof *fb)))
		return NULL;
	fb->n = n < SPR_MAX_FALLBACKS ? n : SPR_MAX_FALLBACKS;
	fb->load = load;
	fb->ctx = ctx;
	return fb;
}

void spr_fallback_free(spr_fallback *fb)
{
	if (!fb)
		return;
	for (size_t i = 0; i < fb->n; i++)
		spr_font_free(fb->font[i]);
	free(fb);
}

unsigned spr_fallback_find(spr_fallback *fb, uint32_t cp, unsigned *gi)
{
	if (!fb)
		return 0;
	for (size_t i = 0; i < fb->n; i++) {
		if (!fb->tried[i]) {
			fb->tried[i] = 1;
			fb->font[i] = fb->load(fb->ctx, i);
		}
		if (fb->font[i] &&
		    (*gi = spr_font_glyph_index(fb->font[i], cp)) != 0)
			return (unsigned)i + 1;
	}
	return 0;
}

const spr_font *spr_fallback_font(const spr_fallback *fb, unsigned k)
{
	return fb && k >= 1 && k <= fb->n ? fb->font[k - 1] : NULL;
}

/*
 * The extents of a glyph the family lacks, from the first fallback font
 * that has it (at the run's size); 0 when none does (the family's missing
 * glyph box is drawn, as without fallbacks).
 */
unsigned spr_fallback_glyph(cairo_t *cr, const spr_font *font, uint32_t cp,
			    unsigned *gi, cairo_text_extents_t *te)
{
	spr_fallback *fb = spr_font_fallbacks(font);
	unsigned k;
	cairo_glyph_t one = {0, 0, 0};

	if (!fb || cp < 0x80 || !(k = spr_fallback_find(fb, cp, gi)))
		return 0;
	one.index = *gi;
	cairo_save(cr);
	cairo_set_font_face(cr, spr_font_cairo_face(spr_fallback_font(fb, k)));
	cairo_scaled_font_glyph_extents(cairo_get_scaled_font(cr), &one, 1, te);
	cairo_restore(cr);
	return k;
}

/*
 * The run of one font starting at g[i] (glyphs laid out by font.c's
 * layout(), tagged when tagged): its glyphs lose their tags, its font is
 * set on cr, and the end of the run is returned.
 */
static size_t next_run(cairo_t *cr, const spr_font *font, cairo_glyph_t *g,
		       size_t n, size_t i, int tagged)
{
	unsigned long k = tagged ? g[i].index >> FB_SHIFT : 0;
	const spr_font *f =
	    k ? spr_fallback_font(spr_font_fallbacks(font), (unsigned)k) : font;
	size_t j;

	for (j = i; j < n && (!tagged || g[j].index >> FB_SHIFT == k); j++)
		g[j].index &= FB_MASK;
	cairo_set_font_face(cr, spr_font_cairo_face(f));
	return j;
}

/* Draws g[0 .. n) (laid out by font.c's layout()) in runs of one font each. */
void spr_show_runs(cairo_t *cr, const spr_font *font, cairo_glyph_t *g,
		   size_t n, int tagged)
{
	size_t i = 0, j;

	if (!tagged) {
		if (n > 0 && n <= (size_t)INT32_MAX)
			cairo_show_glyphs(cr, g, (int)n);
		return;
	}
	for (; i < n; i = j) {
		j = next_run(cr, font, g, n, i, tagged);
		if (j - i <= (size_t)INT32_MAX)
			cairo_show_glyphs(cr, g + i, (int)(j - i));
	}
	cairo_set_font_face(cr, spr_font_cairo_face(font));
}

/* The ink box of g[0 .. n) (from font.c's layout()) over its runs of one font
 * each (y down), into box, which is left alone when there is no ink. */
void spr_runs_ink(cairo_t *cr, const spr_font *font, cairo_glyph_t *g, size_t n,
		  int tagged, double box[4])
{
	cairo_text_extents_t te;
	size_t i = 0, j;
	int any = 0;

	for (; i < n; i = j) {
		j = next_run(cr, font, g, n, i, tagged);
		if (j - i > (size_t)INT32_MAX)
			break;
		cairo_scaled_font_glyph_extents(cairo_get_scaled_font(cr),
						g + i, (int)(j - i), &te);
		if (te.width > 0 && te.height > 0) {
			double b[4] = {te.x_bearing, te.y_bearing,
				       te.x_bearing + te.width,
				       te.y_bearing + te.height};
			for (int c = 0; c < 4; c++)
				box[c] = !any    ? b[c]
					 : c < 2 ? fmin(box[c], b[c])
						 : fmax(box[c], b[c]);
			any = 1;
		}
	}
	cairo_set_font_face(cr, spr_font_cairo_face(font));
}
