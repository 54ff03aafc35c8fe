/* SPDX-License-Identifier: MIT */
/*
 * Private to render/kinds: matplotlib's Text, as the text and annotate
 * kinds draw it (kinds/text.c): lines laid out as Text._get_layout lays
 * them out (the box of the lines rotated, then aligned to the anchor by
 * ha and va), each line placed as Agg's draw_text places its bitmap (on
 * whole pixels).
 */
#ifndef SHMPLOT_RENDER_KINDS_TEXT_H
#define SHMPLOT_RENDER_KINDS_TEXT_H

#include "item.h"

/* ha: matplotlib's horizontalalignment */
enum spr_ha { SPR_HA_LEFT, SPR_HA_CENTER, SPR_HA_RIGHT };
/* va: matplotlib's verticalalignment */
enum spr_va {
	SPR_VA_BASELINE,
	SPR_VA_BOTTOM,
	SPR_VA_CENTER,
	SPR_VA_TOP,
	SPR_VA_CENTER_BASELINE
};

extern const char *const spr_ha_names[];
extern const char *const spr_va_names[];
/* matplotlib's fontweight names DejaVu Sans answers, in the order of
 * spr_weight_bold(), and its fontstyle names */
extern const char *const spr_weight_names[];
extern const char *const spr_fstyle_names[];

/* Whether a fontweight (its index in spr_weight_names) picks DejaVu Sans
 * Bold: findfont takes the nearest weight, Book 400 or Bold 700. */
int spr_weight_bold(int weight);

/* The fontweight and fontstyle fields of a kind with a Text (members w and
 * s of struct T, ints). */
#define SPR_TEXT_FONT_FIELDS(T, w, s)                                          \
	{.name = "fontweight",                                                 \
	 .type = SPR_F_INT,                                                    \
	 .offset = offsetof(T, w),                                             \
	 .min = 0,                                                             \
	 .max = 11,                                                            \
	 .def = 0,                                                             \
	 .names = spr_weight_names,                                            \
	 .doc = "DejaVu Sans Bold for bold and from semibold up"},             \
	{                                                                      \
		.name = "fontstyle", .type = SPR_F_INT,                        \
		.offset = offsetof(T, s), .min = 0, .max = 2, .def = 0,        \
		.names = spr_fstyle_names,                                     \
		.doc = "italic and oblique: DejaVu Sans Oblique"               \
	}

/* How a text looks. */
typedef struct spr_tstyle {
	double size_pt;
	int ha, va;
	double rotation; /* degrees, counter-clockwise */
	uint32_t color;
	double alpha;
	int weight, style; /* spr_weight_names, spr_fstyle_names */
} spr_tstyle;

/*
 * matplotlib's window extent of s anchored at device (x, y) (y down):
 * box[0..3] = x0, y0, x1, y1 with y0 the top. 0, or -1 for an empty text
 * (box untouched).
 */
int spr_text_extent(const spr_ctx *r, const char *s, const spr_tstyle *st,
		    double x, double y, double box[4]);

/* Draws s anchored at device (x, y), unclipped by the axes (matplotlib's
 * Axes.text and annotate are clip_on=False). */
void spr_text_show(const spr_ctx *r, const char *s, const spr_tstyle *st,
		   double x, double y);

#endif /* SHMPLOT_RENDER_KINDS_TEXT_H */
