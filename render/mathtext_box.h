/* SPDX-License-Identifier: MIT */
/*
 * Mathtext's box model (TeX's, as matplotlib 3.6's _mathtext.py keeps it):
 * chars, kerns, glue, rules and horizontal/vertical lists in one arena,
 * packed to their natural size, shrunk a script level at a time, and
 * shipped out to positioned glyphs and rectangles. Lengths are pixels.
 */
#ifndef SHMPLOT_RENDER_MATHTEXT_BOX_H
#define SHMPLOT_RENDER_MATHTEXT_BOX_H

#include <stdint.h>

#define MB_SHRINK      0.7
#define MB_SIZE_LEVELS 6

enum { MB_CHAR, MB_KERN, MB_HLIST, MB_VLIST, MB_RULE, MB_BOX, MB_GLUE };

/* A glyph's metrics as matplotlib's TruetypeFonts._get_info gives them:
 * advance unhinted, the rest from the autohinted glyph (pixels, y up). */
typedef struct mb_metrics {
	double advance, width, height, iceberg;
	double xmin, ymin, xmax, ymax;
} mb_metrics;

typedef struct mb_node {
	uint8_t kind;
	uint8_t font;    /* MB_CHAR: the resolved face (MT_F_*) */
	uint8_t state;   /* MB_CHAR: the TeX font it was set in, for kerning */
	uint8_t slanted; /* MB_CHAR */
	uint8_t infw, infh, infd; /* MB_RULE: running width/height/depth */
	uint8_t size;             /* shrink level */
	uint8_t stretch; /* MB_CHAR: m's ink box is another font's glyph's:
			    draw this font's glyph stretched into it */
	uint32_t cp;
	double fontsize; /* MB_CHAR: px */
	double width, height, depth, shift;
	mb_metrics m; /* MB_CHAR */
	/* MB_GLUE: width, stretch, stretch order, shrink, shrink order */
	double gw, gstretch, gshrink;
	uint8_t gso, gsho;
	/* lists */
	int8_t glue_sign;
	uint8_t glue_order;
	double glue_set;
	int32_t first, last, next;
	uint32_t tag; /* the caller's: parse-tree flags of a list */
} mb_node;

typedef struct mb_arena {
	mb_node *n;
	int32_t len, cap;
	int failed;
} mb_arena;

/* What shipping out gives: glyphs at (x, y) pixels, y down from the top
 * of the box, and filled rectangles. */
typedef struct mb_glyph {
	double x, y;
	int32_t node;
} mb_glyph;
typedef struct mb_rect {
	double x1, y1, x2, y2;
} mb_rect;
typedef struct mb_output {
	mb_glyph *g;
	mb_rect *r;
	int32_t ng, nr, capg, capr;
	int failed;
} mb_output;

int32_t mb_new(mb_arena *a, uint8_t kind);
int32_t mb_kern(mb_arena *a, double w);
int32_t mb_box(mb_arena *a, double w, double h, double d);
/* Glue: "ss" (stretch and shrink fil) or "fill" (stretch fill). */
int32_t mb_glue_ss(mb_arena *a);
int32_t mb_glue_fill(mb_arena *a);
/* A rule of the given thickness running the width of its vlist. */
int32_t mb_hrule(mb_arena *a, double thickness);
/* A list of the kind over children (-1 ends the array). */
int32_t mb_list(mb_arena *a, uint8_t kind, const int32_t *kids, int nkids);
void mb_append(mb_arena *a, int32_t list, int32_t child);
/* Kerns between the chars of an hlist (advance - width + font kerning),
 * as Hlist.kern; kern(a, b) gives the font kerning of two chars. */
void mb_hlist_kern(mb_arena *a, int32_t list,
		   double (*kern)(void *ctx, const mb_node *x,
				  const mb_node *y),
		   void *ctx);
void mb_hpack(mb_arena *a, int32_t list, double w, int exactly);
void mb_vpack(mb_arena *a, int32_t list, double h, int exactly, double l);
void mb_shrink(mb_arena *a, int32_t id);
/* Ships box out at (ox, oy): its top-left; oy + height is the baseline. */
int mb_ship(mb_arena *a, int32_t box, double ox, double oy, mb_output *out);
void mb_output_free(mb_output *o);
void mb_arena_free(mb_arena *a);

#endif /* SHMPLOT_RENDER_MATHTEXT_BOX_H */
