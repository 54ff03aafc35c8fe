/* SPDX-License-Identifier: MIT */
/*
 * Mathtext's layout (mathtext_layout.c) and its raster placement and
 * drawing (mathtext_draw.c), private to render/.
 */
#ifndef SHMPLOT_RENDER_MATHTEXT_LAYOUT_H
#define SHMPLOT_RENDER_MATHTEXT_LAYOUT_H

#include "mathtext.h"
#include "mathtext_box.h"
#include "render_internal.h"

/* mb_node.tag of an accent's char: drawn at (x - xmin, y + ymin) */
#define MT_TAG_ACCENT 0x100u

typedef struct mt_layout {
	const spr_font *faces[MT_F_N];
	mb_arena a;
	int32_t root;
	mb_output out; /* shipped at (-xmin, -ymin): raster coordinates */
	/* matplotlib's raster: width, height (h + d) and descent d, the
	 * image's size in whole pixels */
	double w, h, d;
	int img_w, img_h;
} mt_layout;

/* The tree's boxes at size px with the faces by MT_F_*; 0 or -1 (memory). */
int mt_layout_build(const spr_font *const faces[MT_F_N], const mt_tree *t,
		    double size, mt_layout *L);
/* Ships the boxes out as Output.to_raster does; 0 or -1 (memory). */
int mt_layout_raster(mt_layout *L);
void mt_layout_free(mt_layout *L);

/* Where a shipped glyph is drawn from (an accent's ink box sits on its
 * shipped position, as Accent.render puts it). */
void mt_glyph_origin(const mb_node *n, const mb_glyph *g, double *x, double *y);

/* The faces mathtext uses for a font (its oblique and bold when set). */
void mt_faces(const spr_font *font, const spr_font *faces[MT_F_N]);

/*
 * The same as spr_text_measure_run() and spr_text_draw_run(), for a line
 * that is math text (mt_is_math): the box is matplotlib's for the raster
 * (at least the "lp" box, as Text._get_layout takes it). A line that does
 * not parse (the loader refuses those first) is measured and drawn as
 * plain text.
 */
spr_text_box spr_math_measure_run(cairo_t *cr, const spr_font *font,
				  const char *s, size_t len, double size);
spr_text_box spr_math_draw_run(cairo_t *cr, const spr_font *font, const char *s,
			       size_t len, double size, double x, double y,
			       double angle, double align, double lead);

#endif /* SHMPLOT_RENDER_MATHTEXT_LAYOUT_H */
