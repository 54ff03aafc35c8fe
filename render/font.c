/* SPDX-License-Identifier: MIT */
/*
 * Fonts and text. The font's bytes are handed over by the caller (render/
 * reads no files: the runtime reads the file once, in the parent) and
 * opened with FT_New_Memory_Face, so a forked worker draws text without
 * touching the file system or fontconfig. Text is laid out glyph by glyph
 * (cairo_show_glyphs) with hinting off, so glyph advances are the font's
 * own linear metrics and text looks the same at any position.
 */
#include "render_internal.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * What the cairo font face keeps alive. cairo may hold the face (and so
 * the FT_Face) in its font caches after spr_font_free(), so these are freed
 * by the face's user-data destructor, not by spr_font_free(); the caller's
 * bytes are released there too, as the last thing.
 */
typedef struct ft_state {
	FT_Library lib;
	FT_Face face;
	void (*release)(void *ctx); /* the caller's bytes, or NULL */
	void *ctx;
} ft_state;

struct spr_font {
	char *name;
	FT_Face face; /* borrowed from state, for kerning and char maps */
	cairo_font_face_t *cface;
};

static const cairo_user_data_key_t ft_state_key;

static void ft_state_free(void *p)
{
	ft_state *st = p;

	if (!st)
		return;
	if (st->face)
		FT_Done_Face(st->face);
	if (st->lib)
		FT_Done_FreeType(st->lib);
	if (st->release)
		st->release(st->ctx);
	free(st);
}

/* The FreeType face over the bytes, and cairo's face over that. */
static int open_face(ft_state *st, spr_font *font, const unsigned char *data,
		     size_t len, char *err, size_t errlen)
{
	FT_Error fe;

	if ((fe = FT_Init_FreeType(&st->lib)) != 0)
		return spr_err(err, errlen, "FreeType init failed (error %d)",
			       fe);
	fe = FT_New_Memory_Face(st->lib, data, (FT_Long)len, 0, &st->face);
	if (fe != 0) {
		st->face = NULL;
		return spr_err(err, errlen,
			       "%s is not a font FreeType can read (error %d)",
			       font->name, fe);
	}
	if (!FT_IS_SCALABLE(st->face))
		return spr_err(err, errlen, "%s is not a scalable font",
			       font->name);
	font->cface = cairo_ft_font_face_create_for_ft_face(
	    st->face, FT_LOAD_NO_HINTING | FT_LOAD_NO_AUTOHINT);
	if (cairo_font_face_status(font->cface) != CAIRO_STATUS_SUCCESS ||
	    cairo_font_face_set_user_data(font->cface, &ft_state_key, st,
					  ft_state_free) !=
		CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(font->cface);
		font->cface = NULL;
		return spr_err(err, errlen, "cairo cannot use font %s",
			       font->name);
	}
	font->face = st->face;
	return 0;
}

int spr_font_new(const unsigned char *data, size_t len, const char *name,
		 void (*release)(void *ctx), void *ctx, spr_font **out,
		 char *err, size_t errlen)
{
	ft_state *st;
	spr_font *font;

	*out = NULL;
	if (!data || len == 0 || len > SPR_MAX_FONT_BYTES ||
	    len > (size_t)LONG_MAX)
		return spr_err(err, errlen, "font %s: %zu bytes is not a font",
			       name ? name : "", len);
	st = calloc(1, sizeof *st);
	font = calloc(1, sizeof *font);
	if (!st || !font || !(font->name = strdup(name ? name : ""))) {
		free(st);
		free(font);
		return spr_err(err, errlen, "out of memory loading font");
	}
	if (open_face(st, font, data, len, err, errlen) != 0) {
		ft_state_free(st); /* the bytes are still the caller's */
		free(font->name);
		free(font);
		return -1;
	}
	/* from here on the face owns st, and with it the caller's bytes */
	st->release = release;
	st->ctx = ctx;
	*out = font;
	return 0;
}

void spr_font_free(spr_font *font)
{
	if (!font)
		return;
	cairo_font_face_destroy(font->cface); /* frees the FT state when last */
	free(font->name);
	free(font);
}

const char *spr_font_path(const spr_font *font)
{
	return font ? font->name : NULL;
}

/* Next code point of a UTF-8 string; malformed bytes give U+FFFD. */
static uint32_t utf8_next(const unsigned char **sp)
{
	const unsigned char *s = *sp;
	uint32_t c = s[0], min;
	int n, i;

	if (c < 0x80) {
		*sp = s + 1;
		return c;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 1;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		*sp = s + 1;
		return 0xfffd;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*sp = s + i;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*sp = s + n + 1;
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0xfffd;
	return c;
}

static void set_font(cairo_t *cr, const spr_font *font, double size_px)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	cairo_set_font_face(cr, font->cface);
	cairo_set_font_size(cr, size_px);
}

/*
 * Lays utf8 out from origin (0, 0). Returns the glyph count and the glyphs
 * in *out (either stack, a caller buffer of cap entries, or malloc'ed: the
 * caller frees *out when it differs from stack). *adv gets the total
 * advance and the ink extents go to ink_top and ink_bottom (y down).
 */
static size_t layout(cairo_t *cr, const spr_font *font, const char *utf8,
		     cairo_glyph_t *stack, size_t cap, cairo_glyph_t **out,
		     double *adv, double *ink_top, double *ink_bottom)
{
	const unsigned char *s = (const unsigned char *)utf8;
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_glyph_t *g = stack;
	size_t n = 0, len = strlen(utf8);
	FT_UInt prev = 0;
	double x = 0, size = 0, top = 0, bottom = 0;
	int kern = FT_HAS_KERNING(font->face);
	cairo_matrix_t fm;

	cairo_scaled_font_get_font_matrix(sf, &fm);
	size = fm.xx;
	/* len bytes never give more than len glyphs */
	if (len > cap) {
		g = spr_mallocn(len, sizeof *g);
		if (!g) {
			*out = stack;
			*adv = 0;
			*ink_top = *ink_bottom = 0;
			return 0;
		}
	}
	while (*s) {
		uint32_t cp = utf8_next(&s);
		FT_UInt gi = FT_Get_Char_Index(font->face, cp);
		cairo_text_extents_t te;
		cairo_glyph_t one;

		if (kern && prev && gi) {
			FT_Vector d;
			if (FT_Get_Kerning(font->face, prev, gi,
					   FT_KERNING_UNSCALED, &d) == 0)
				x += d.x * size / font->face->units_per_EM;
		}
		one.index = gi;
		one.x = 0;
		one.y = 0;
		cairo_scaled_font_glyph_extents(sf, &one, 1, &te);
		g[n].index = gi;
		g[n].x = x;
		g[n].y = 0;
		if (te.width > 0 && te.height > 0) {
			top = fmin(top, te.y_bearing);
			bottom = fmax(bottom, te.y_bearing + te.height);
		}
		x += te.x_advance;
		prev = gi;
		n++;
	}
	*out = g;
	*adv = x;
	*ink_top = top;
	*ink_bottom = bottom;
	return n;
}

/* Ascent of "l" and descent of "p": matplotlib's minimum line box. */
static void lp_metrics(cairo_t *cr, const spr_font *font, double *asc,
		       double *desc)
{
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_glyph_t g = {0, 0, 0};
	cairo_text_extents_t te;

	g.index = FT_Get_Char_Index(font->face, 'l');
	cairo_scaled_font_glyph_extents(sf, &g, 1, &te);
	*asc = -te.y_bearing;
	g.index = FT_Get_Char_Index(font->face, 'p');
	cairo_scaled_font_glyph_extents(sf, &g, 1, &te);
	*desc = te.y_bearing + te.height;
}

spr_text_box spr_text_measure(cairo_t *cr, const spr_font *font,
			      const char *utf8, double size_px)
{
	cairo_glyph_t stack[128], *g;
	spr_text_box b = {0, 0, 0};
	double adv, top, bottom, asc, desc;

	if (!utf8)
		return b;
	cairo_save(cr);
	set_font(cr, font, size_px);
	layout(cr, font, utf8, stack, 128, &g, &adv, &top, &bottom);
	lp_metrics(cr, font, &asc, &desc);
	cairo_restore(cr);
	if (g != stack)
		free(g);
	b.width = adv;
	/* matplotlib measures text on hinted outlines, whose vertical
	 * extents land on whole pixels: round the minimum box up likewise so
	 * stacked text (legend rows) is spaced like matplotlib's */
	b.ascent = fmax(ceil(asc), -top);
	b.descent = fmax(ceil(desc), bottom);
	return b;
}

void spr_glyph_ink(cairo_t *cr, const spr_font *font, uint32_t cp,
		   double size_px, double box[4])
{
	cairo_glyph_t g = {0, 0, 0};
	cairo_text_extents_t te;

	cairo_save(cr);
	set_font(cr, font, size_px);
	g.index = FT_Get_Char_Index(font->face, cp);
	cairo_scaled_font_glyph_extents(cairo_get_scaled_font(cr), &g, 1, &te);
	cairo_restore(cr);
	box[0] = te.x_bearing;
	box[1] = te.y_bearing;
	box[2] = te.x_bearing + te.width;
	box[3] = te.y_bearing + te.height;
}

void spr_text_draw(cairo_t *cr, const spr_font *font, const char *utf8,
		   double size_px, double x, double y, double angle)
{
	cairo_glyph_t stack[128], *g;
	double adv, top, bottom;
	size_t n;

	if (!utf8 || !*utf8)
		return;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (angle != 0)
		cairo_rotate(cr, -angle);
	set_font(cr, font, size_px);
	n = layout(cr, font, utf8, stack, 128, &g, &adv, &top, &bottom);
	if (n > 0 && n <= (size_t)INT32_MAX)
		cairo_show_glyphs(cr, g, (int)n);
	cairo_restore(cr);
	if (g != stack)
		free(g);
}
