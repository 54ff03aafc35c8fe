/* SPDX-License-Identifier: MIT */
/*
 * Fonts and text. The font's bytes are handed over by the caller (render/
 * reads no files: the runtime reads the file once, in the parent) and
 * opened with FT_New_Memory_Face, so a forked worker draws text without
 * touching the file system or fontconfig. Text is laid out glyph by glyph
 * (cairo_show_glyphs) with hinting off, so glyph advances are the font's
 * own linear metrics and text looks the same at any position.
 */
#include "font_fallback.h"
#include "render_internal.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
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
	FT_Face hinted; /* a second face on the bytes, for lp_metrics */
	void (*release)(void *ctx); /* the caller's bytes, or NULL */
	void *ctx;
} ft_state;

/* matplotlib's minimum line box ("lp") at a size, and the outline's. */
typedef struct lp_box {
	double asc, desc;     /* as matplotlib measures them (hinted_lp) */
	double asc_u, desc_u; /* the unhinted outline's, as cairo draws it */
} lp_box;

/* The minimum line box at a few sizes (a figure uses two or three). */
#define LP_CACHE 4
typedef struct lp_cache {
	double size[LP_CACHE];
	lp_box box[LP_CACHE];
	unsigned n, next;
} lp_cache;

struct spr_font {
	char *name;
	FT_Face face; /* borrowed from state, for kerning and char maps */
	/* borrowed from state: sized and autohinted for lp_metrics only,
	 * never seen by cairo, whose face keeps its own size */
	FT_Face hinted;
	lp_cache *lp; /* mutable behind a const font: one process, one
			 thread renders with a font at a time */
	cairo_font_face_t *cface;
	spr_font *faces[SPR_FACES];    /* the family's other faces, owned */
	const spr_font *family;        /* a face's regular font, else NULL */
	struct mpl_cache *mpl;         /* spr_glyph_mpl's answers, lazily */
	struct measure_cache *measure; /* spr_text_measure_run's, lazily */
	spr_fallback *fallback;        /* the family's, on its regular font */
};

/* spr_glyph_mpl's answers by code point and size, direct-mapped: a
 * formula asks for the same glyphs several times (layout, raster, draw)
 * and each fresh answer costs a size change and an autohinted load. */
#define MPL_CACHE 256
typedef struct mpl_entry {
	uint32_t cp;
	int found;
	double size;
	spr_glyph_mpl_metrics m;
} mpl_entry;
struct mpl_cache {
	mpl_entry e[MPL_CACHE];
};

/*
 * spr_text_measure_run's answers for short texts, direct-mapped. A figure
 * measures the same few strings again and again (a tick label three times
 * in layout, then again when drawn; the title, the legend's entries), and
 * a batch's figures share most of them: 99 measures a batch_spec.py
 * figure, ~4,600 instructions each, ~400 of them a hit. The key is all
 * the answer depends on: the bytes, the size, the matrix (the scaled font
 * is made for it) and the kind of surface (its font options join set_font's).
 */
#define MEASURE_CACHE 128
#define MEASURE_TEXT  40 /* bytes at most, the NUL not counted */
typedef struct measure_entry {
	double size;
	cairo_matrix_t ctm;
	int surface;
	unsigned len; /* of text; 0 with size 0: an empty slot */
	char text[MEASURE_TEXT];
	spr_text_box box;
} measure_entry;
struct measure_cache {
	measure_entry e[MEASURE_CACHE];
};

static const cairo_user_data_key_t ft_state_key;

static void ft_state_free(void *p)
{
	ft_state *st = p;

	if (!st)
		return;
	if (st->face)
		FT_Done_Face(st->face);
	if (st->hinted)
		FT_Done_Face(st->hinted);
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
	fe = FT_New_Memory_Face(st->lib, data, (FT_Long)len, 0, &st->hinted);
	if (fe != 0) {
		st->hinted = NULL;
		return spr_err(err, errlen,
			       "cannot open font %s twice "
			       "(FreeType error %d)",
			       font->name, fe);
	}
	font->hinted = st->hinted;
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
	if (!st || !font || !(font->lp = calloc(1, sizeof *font->lp)) ||
	    !(font->name = strdup(name ? name : ""))) {
		free(st);
		if (font)
			free(font->lp);
		free(font);
		return spr_err(err, errlen, "out of memory loading font");
	}
	if (open_face(st, font, data, len, err, errlen) != 0) {
		ft_state_free(st); /* the bytes are still the caller's */
		free(font->lp);
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
	int i;

	if (!font)
		return;
	for (i = 0; i < SPR_FACES; i++)
		spr_font_free(font->faces[i]);
	free(font->mpl);
	free(font->measure);
	spr_fallback_free(font->fallback);
	cairo_font_face_destroy(font->cface); /* frees the FT state when last */
	free(font->lp);
	free(font->name);
	free(font);
}

const char *spr_font_path(const spr_font *font)
{
	return font ? font->name : NULL;
}

void spr_font_set_face(spr_font *font, int style, spr_font *face)
{
	if (!font || style < 0 || style >= SPR_FACES) {
		spr_font_free(face);
		return;
	}
	spr_font_free(font->faces[style]);
	font->faces[style] = face;
	if (face)
		face->family = font;
}

void spr_font_set_fallback(spr_font *font, size_t n, spr_font_loader load,
			   void *ctx)
{
	if (!font)
		return;
	font = (spr_font *)spr_font_family(font);
	spr_fallback_free(font->fallback);
	font->fallback = spr_fallback_new(n, load, ctx);
}

unsigned spr_font_glyph_index(const spr_font *font, uint32_t cp)
{
	return FT_Get_Char_Index(font->face, cp);
}

cairo_font_face_t *spr_font_cairo_face(const spr_font *font)
{
	return font->cface;
}

spr_fallback *spr_font_fallbacks(const spr_font *font)
{
	return spr_font_family(font)->fallback;
}

const spr_font *spr_font_family(const spr_font *font)
{
	return font && font->family ? font->family : font;
}

const spr_font *spr_font_face(const spr_font *font, int style)
{
	if (!font || style < 0 || style >= SPR_FACES)
		return NULL;
	return spr_font_family(font)->faces[style];
}

const spr_font *spr_font_styled(const spr_font *font, int bold, int italic)
{
	const spr_font *f;
	int style = bold && italic ? SPR_FACE_BOLD_OBLIQUE
		    : bold         ? SPR_FACE_BOLD
				   : SPR_FACE_OBLIQUE;

	if (!bold && !italic)
		return spr_font_family(font);
	f = spr_font_face(font, style);
	/* without Bold Oblique findfont's nearest is Oblique (style 0.1 +
	 * weight 0.3 against Bold's style 1.0) */
	if (!f && style == SPR_FACE_BOLD_OBLIQUE)
		f = spr_font_face(font, SPR_FACE_OBLIQUE);
	return f ? f : spr_font_family(font);
}

/* Next code point of the UTF-8 bytes before end; malformed bytes (and a
 * sequence cut short by end) give U+FFFD. */
static uint32_t utf8_next(const unsigned char **sp, const unsigned char *end)
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
		if (s + i >= end || (s[i] & 0xc0) != 0x80) {
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
 * Lays the len bytes at utf8 out from origin (0, 0). Returns the glyph
 * count and the glyphs in *out (either stack, a caller buffer of cap
 * entries, or malloc'ed: the caller frees *out when it differs from
 * stack). *adv gets the total advance and the ink extents go to ink_top
 * and ink_bottom (y down). One pass over the bytes, each glyph's extents
 * from cairo's glyph cache: linear in len, however long the text.
 */
static size_t layout(cairo_t *cr, const spr_font *font, const char *utf8,
		     size_t len, cairo_glyph_t *stack, size_t cap,
		     cairo_glyph_t **out, double *adv, double *ink_top,
		     double *ink_bottom, int *tagged)
{
	const unsigned char *s = (const unsigned char *)utf8;
	const unsigned char *end = s + len;
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_glyph_t *g = stack;
	size_t n = 0;
	FT_UInt prev = 0;
	double x = 0, size = 0, top = 0, bottom = 0;
	int kern = FT_HAS_KERNING(font->face);
	cairo_matrix_t fm;

	*tagged = 0;
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
	while (s < end) {
		uint32_t cp = utf8_next(&s, end);
		FT_UInt gi = FT_Get_Char_Index(font->face, cp);
		cairo_text_extents_t te;
		cairo_glyph_t one;
		unsigned k, fgi = 0;

		if (kern && prev && gi) {
			FT_Vector d;
			if (FT_Get_Kerning(font->face, prev, gi,
					   FT_KERNING_UNSCALED, &d) == 0)
				x += d.x * size / font->face->units_per_EM;
		}
		one.index = gi;
		one.x = 0;
		one.y = 0;
		if (gi == 0 &&
		    (k = spr_fallback_glyph(cr, font, cp, &fgi, &te))) {
			/* no kerning across fonts, as FT2Font's */
			*tagged = 1;
			g[n].index = fgi | (unsigned long)k << FB_SHIFT;
		} else {
			cairo_scaled_font_glyph_extents(sf, &one, 1, &te);
			g[n].index = gi;
		}
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

/*
 * The top of "l" and the bottom of "p" (y up, px) as matplotlib's Agg
 * backend measures them: FT2Font::set_size's char size (pt * 64 at dpi,
 * here the same px at 72) with 8 times the resolution across and the
 * transform that undoes it (text.hinting_factor 8), glyphs loaded with
 * FT_LOAD_FORCE_AUTOHINT (text.hinting), the outline's control box. The
 * autohinter moves those edges to whole pixels, not always up (12 pt at
 * 100 dpi: 12 and 3 px, where the outline's are 12.66 and 3.47).
 * 0 or -1 if FreeType fails.
 */
static int hinted_lp(FT_Face f, double size_px, double *asc, double *desc)
{
	FT_Matrix m = {65536 / 8, 0, 0, 65536};
	FT_F26Dot6 h = (FT_F26Dot6)floor(size_px * 64 + 0.5);
	FT_BBox cb;

	if (h < 1 || FT_Set_Char_Size(f, h, 0, 72 * 8, 72) != 0)
		return -1;
	FT_Set_Transform(f, &m, NULL);
	if (FT_Load_Glyph(f, FT_Get_Char_Index(f, 'l'),
			  FT_LOAD_FORCE_AUTOHINT) != 0 ||
	    f->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
		return -1;
	FT_Outline_Get_CBox(&f->glyph->outline, &cb);
	*asc = cb.yMax / 64.0;
	if (FT_Load_Glyph(f, FT_Get_Char_Index(f, 'p'),
			  FT_LOAD_FORCE_AUTOHINT) != 0 ||
	    f->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
		return -1;
	FT_Outline_Get_CBox(&f->glyph->outline, &cb);
	*desc = -cb.yMin / 64.0;
	return 0;
}

/*
 * The "lp" box at the current font's size_px, from a small cache, as the
 * sizes repeat. Without the autohinter's answer, the outline's extents
 * rounded up.
 */
static lp_box lp_metrics(cairo_t *cr, const spr_font *font, double size_px)
{
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_glyph_t g = {0, 0, 0};
	cairo_text_extents_t te;
	lp_cache *c = font->lp;
	lp_box b;
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (c->size[i] == size_px)
			return c->box[i];
	g.index = FT_Get_Char_Index(font->face, 'l');
	cairo_scaled_font_glyph_extents(sf, &g, 1, &te);
	b.asc_u = -te.y_bearing;
	g.index = FT_Get_Char_Index(font->face, 'p');
	cairo_scaled_font_glyph_extents(sf, &g, 1, &te);
	b.desc_u = te.y_bearing + te.height;
	if (hinted_lp(font->hinted, size_px, &b.asc, &b.desc) != 0) {
		b.asc = ceil(b.asc_u);
		b.desc = ceil(b.desc_u);
	}
	i = c->next;
	c->next = (c->next + 1) % LP_CACHE;
	c->n += c->n < LP_CACHE;
	c->size[i] = size_px;
	c->box[i] = b;
	return b;
}

/* Whether lp_metrics() has the box at size_px (no change to its cache). */
static int lp_cached(const spr_font *font, double size_px)
{
	for (unsigned i = 0; i < font->lp->n; i++)
		if (font->lp->size[i] == size_px)
			return 1;
	return 0;
}

/*
 * A line's box from its layout (ink top and bottom of the outlines, y
 * down) and the "lp" box: at least "lp" as matplotlib measures it, as in
 * Text._get_layout, and taller by what its glyphs reach beyond "l" or
 * "p" (matplotlib measures those hinted; this is the outline's excess).
 */
static spr_text_box line_box(double adv, double top, double bottom,
			     const lp_box *lp)
{
	spr_text_box b;

	b.width = adv;
	b.ascent = lp->asc + fmax(0, -top - lp->asc_u);
	b.descent = lp->desc + fmax(0, bottom - lp->desc_u);
	return b;
}

spr_text_box spr_text_measure(cairo_t *cr, const spr_font *font,
			      const char *utf8, double size_px)
{
	return spr_text_measure_run(cr, font, utf8, utf8 ? strlen(utf8) : 0,
				    size_px);
}

/*
 * The cache slot of a measure (NULL: texts that long are not kept, or no
 * memory); *hit says whether it holds the answer.
 */
static measure_entry *measure_slot(cairo_t *cr, const spr_font *font,
				   const char *utf8, size_t len, double size_px,
				   int *hit)
{
	spr_font *mut = (spr_font *)font; /* the cache only, as lp's */
	cairo_matrix_t m;
	uint64_t bits;
	uint32_t h = 2166136261u; /* FNV-1a */
	measure_entry *e;
	int surface;

	*hit = 0;
	if (len >= MEASURE_TEXT ||
	    (!mut->measure &&
	     !(mut->measure = calloc(1, sizeof *mut->measure))))
		return NULL;
	cairo_get_matrix(cr, &m);
	surface = (int)cairo_surface_get_type(cairo_get_group_target(cr));
	memcpy(&bits, &size_px, sizeof bits);
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)utf8[i]) * 16777619u;
	h = (h ^ (uint32_t)(bits >> 32) ^ (uint32_t)bits) * 16777619u;
	e = &mut->measure->e[h % MEASURE_CACHE];
	*hit = e->size == size_px && e->size > 0 && e->len == len &&
	       e->surface == surface && !memcmp(&e->ctm, &m, sizeof m) &&
	       !memcmp(e->text, utf8, len);
	if (!*hit) {
		e->size = 0; /* empty until the answer is in */
		e->ctm = m;
		e->surface = surface;
	}
	return e;
}

spr_text_box spr_text_measure_run(cairo_t *cr, const spr_font *font,
				  const char *utf8, size_t len, double size_px)
{
	cairo_glyph_t stack[128], *g;
	spr_text_box b = {0, 0, 0};
	double adv, top, bottom;
	measure_entry *e;
	lp_box lp;
	int tagged, hit;

	if (!utf8)
		return b;
	e = measure_slot(cr, font, utf8, len, size_px, &hit);
	/* a hit only while lp's cache holds the size: else the measure puts
	 * it back, now, as it always did (its answer depends on the matrix
	 * of whoever asks first) */
	if (hit && lp_cached(font, size_px))
		return e->box;
	cairo_save(cr);
	set_font(cr, font, size_px);
	layout(cr, font, utf8, len, stack, 128, &g, &adv, &top, &bottom,
	       &tagged);
	lp = lp_metrics(cr, font, size_px);
	cairo_restore(cr);
	if (g != stack)
		free(g);
	b = line_box(adv, top, bottom, &lp);
	/* not a fallback font's glyphs (loaded as they are first needed), nor
	 * what a context in error measured */
	if (e && !tagged && size_px > 0 &&
	    cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
		memcpy(e->text, utf8, len);
		e->len = (unsigned)len;
		e->box = b;
		e->size = size_px;
	}
	return b;
}

void spr_text_ink_run(cairo_t *cr, const spr_font *font, const char *utf8,
		      size_t len, double size_px, double box[4])
{
	cairo_glyph_t stack[128], *g;
	double adv, top, bottom;
	size_t n;
	int tagged;

	box[0] = box[1] = box[2] = box[3] = 0;
	if (!utf8)
		return;
	cairo_save(cr);
	set_font(cr, font, size_px);
	n = layout(cr, font, utf8, len, stack, 128, &g, &adv, &top, &bottom,
		   &tagged);
	spr_runs_ink(cr, font, g, n, tagged, box);
	cairo_restore(cr);
	if (g != stack)
		free(g);
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
	if (utf8)
		spr_text_draw_run(cr, font, utf8, strlen(utf8), size_px, x, y,
				  angle, 0, 0);
}

/*
 * The glyphs of a run, shifted by dx, that can reach the clip: cairo would
 * cull the others glyph by glyph, but a 10,000-character title is mostly
 * outside the figure, so they are cut here with one comparison each.
 * Returns the count kept, moved to the front of g.
 */
static size_t visible_glyphs(cairo_t *cr, cairo_glyph_t *g, size_t n, double dx,
			     double size_px)
{
	double cx0, cy0, cx1, cy1, x0, x1;
	size_t i, k = 0;

	/* in the run's own frame (translated, rotated): no glyph reaches
	 * more than two ems from its origin */
	cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
	if (cy0 - 2 * size_px > 0 || cy1 + 2 * size_px < 0)
		return 0; /* the baseline is far from the clip */
	x0 = cx0 - 2 * size_px;
	x1 = cx1 + 2 * size_px;
	for (i = 0; i < n; i++) {
		g[i].x += dx;
		if (g[i].x >= x0 && g[i].x <= x1)
			g[k++] = g[i];
	}
	return k;
}

spr_text_box spr_text_draw_run(cairo_t *cr, const spr_font *font,
			       const char *utf8, size_t len, double size_px,
			       double x, double y, double angle, double align,
			       double lead)
{
	cairo_glyph_t stack[128], *g;
	spr_text_box b = {0, 0, 0};
	double adv, top, bottom;
	lp_box lp;
	size_t n;
	int tagged;

	if (!utf8)
		return b;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (angle != 0)
		cairo_rotate(cr, -angle);
	set_font(cr, font, size_px);
	n = layout(cr, font, utf8, len, stack, 128, &g, &adv, &top, &bottom,
		   &tagged);
	lp = lp_metrics(cr, font, size_px);
	b = line_box(adv, top, bottom, &lp);
	cairo_translate(cr, 0, lead * b.ascent);
	n = visible_glyphs(cr, g, n, -align * adv, size_px);
	spr_show_runs(cr, font, g, n, tagged);
	cairo_restore(cr);
	if (g != stack)
		free(g);
	return b;
}

/* The hinted face at size_px as Agg sets it (FT2Font::set_size with
 * hinting_factor 8: 8 times the resolution across, undone by a matrix). */
static int mpl_size(FT_Face f, double size_px)
{
	FT_Matrix m = {65536 / 8, 0, 0, 65536};
	FT_F26Dot6 h = (FT_F26Dot6)floor(size_px * 64 + 0.5);

	if (h < 1 || FT_Set_Char_Size(f, h, 0, 72 * 8, 72) != 0)
		return -1;
	FT_Set_Transform(f, &m, NULL);
	return 0;
}

static int glyph_mpl_load(const spr_font *font, uint32_t cp, double size_px,
			  spr_glyph_mpl_metrics *m)
{
	FT_Face f = font->hinted;
	FT_UInt gi = FT_Get_Char_Index(f, cp);
	FT_BBox cb;

	memset(m, 0, sizeof *m);
	if (gi == 0)
		return -1;
	if (mpl_size(f, size_px) != 0 ||
	    FT_Load_Glyph(f, gi, FT_LOAD_FORCE_AUTOHINT) != 0)
		return 0; /* a glyph FreeType cannot load has no ink */
	m->advance = f->glyph->linearHoriAdvance / 8 / 65536.0;
	m->width = f->glyph->metrics.width / 8 / 64.0;
	m->height = f->glyph->metrics.height / 64.0;
	m->iceberg = f->glyph->metrics.horiBearingY / 64.0;
	if (f->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
		FT_Outline_Get_CBox(&f->glyph->outline, &cb);
		m->xmin = cb.xMin / 64.0;
		m->ymin = cb.yMin / 64.0;
		m->xmax = cb.xMax / 64.0;
		m->ymax = cb.yMax / 64.0;
	}
	return 0;
}

int spr_glyph_mpl(const spr_font *font, uint32_t cp, double size_px,
		  spr_glyph_mpl_metrics *m)
{
	spr_font *mut = (spr_font *)font; /* the cache only, as lp's */
	uint64_t bits;
	mpl_entry *e;
	int rc;

	if (!mut->mpl && !(mut->mpl = calloc(1, sizeof *mut->mpl)))
		return glyph_mpl_load(font, cp, size_px, m);
	memcpy(&bits, &size_px, sizeof bits);
	e = &mut->mpl->e[(cp * 31u + (uint32_t)(bits >> 40)) % MPL_CACHE];
	if (e->size == size_px && e->cp == cp && e->size > 0) {
		*m = e->m;
		return e->found ? 0 : -1;
	}
	rc = glyph_mpl_load(font, cp, size_px, m);
	e->cp = cp;
	e->size = size_px;
	e->found = rc == 0;
	e->m = *m;
	return rc;
}

double spr_kern_mpl(const spr_font *font, uint32_t a, uint32_t b,
		    double size_px)
{
	FT_Face f = font->hinted;
	FT_Vector d;

	if (!FT_HAS_KERNING(f) || mpl_size(f, size_px) != 0 ||
	    FT_Get_Kerning(f, a, b, FT_KERNING_DEFAULT, &d) != 0)
		return 0;
	return (double)(d.x / 8) / 64.0;
}

void spr_glyph_draw(cairo_t *cr, const spr_font *font, uint32_t cp,
		    double size_px, double x, double y)
{
	cairo_glyph_t g;

	cairo_save(cr);
	set_font(cr, font, size_px);
	g.index = FT_Get_Char_Index(font->face, cp);
	g.x = x;
	g.y = y;
	cairo_show_glyphs(cr, &g, 1);
	cairo_restore(cr);
}
