/* SPDX-License-Identifier: MIT */
/*
 * The fallback fonts of a family (font_fallback.c), for font.c's layout:
 * found by code point, loaded lazily through the caller's loader.
 */
#ifndef SHMPLOT_RENDER_FONT_FALLBACK_H
#define SHMPLOT_RENDER_FONT_FALLBACK_H

#include "render.h"

#include <cairo.h>
#include <stdint.h>

typedef struct spr_fallback spr_fallback;

spr_fallback *spr_fallback_new(size_t n, spr_font_loader load, void *ctx);
void spr_fallback_free(spr_fallback *fb);
/*
 * The first fallback font with a glyph for cp: its number (1 ..) and the
 * glyph's index in *gi; 0 when none has it (or fb is NULL).
 */
unsigned spr_fallback_find(spr_fallback *fb, uint32_t cp, unsigned *gi);
/* Fallback number k's font (k from spr_fallback_find), or NULL. */
const spr_font *spr_fallback_font(const spr_fallback *fb, unsigned k);

/*
 * A glyph from fallback font k (1 ..) is laid out with k in the index's
 * high bits (TrueType has at most 65,536 glyphs) and drawn in runs of one
 * font each (spr_show_runs).
 */
#define FB_SHIFT 24
#define FB_MASK  ((1ul << FB_SHIFT) - 1)

/*
 * The extents of cp, a glyph font's family lacks, from the first fallback
 * font that has it (at the size set on cr): its number k and *gi, or 0
 * when none has it (the family's missing-glyph box is drawn, as without
 * fallbacks).
 */
unsigned spr_fallback_glyph(cairo_t *cr, const spr_font *font, uint32_t cp,
			    unsigned *gi, cairo_text_extents_t *te);
/* Draws g[0 .. n), tagged by font.c's layout() when tagged, in runs of one
 * font each (the indices lose their tags). */
void spr_show_runs(cairo_t *cr, const spr_font *font, cairo_glyph_t *g,
		   size_t n, int tagged);
/* The ink box (y down) of g[0 .. n) over its runs; box unchanged (the
 * caller's zeros) without ink. */
void spr_runs_ink(cairo_t *cr, const spr_font *font, cairo_glyph_t *g, size_t n,
		  int tagged, double box[4]);

/* font.c's, for the fallback: the glyph index of cp (0: none) and the
 * cairo face. */
unsigned spr_font_glyph_index(const spr_font *font, uint32_t cp);
cairo_font_face_t *spr_font_cairo_face(const spr_font *font);
/* The family's fallbacks (NULL: none). */
spr_fallback *spr_font_fallbacks(const spr_font *font);

#endif
