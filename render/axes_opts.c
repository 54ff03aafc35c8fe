/* SPDX-License-Identifier: MIT */
/*
 * The legend kind and the label kind: not plotted items but an axes'
 * legend options (matplotlib 3.6's ax.legend(ncols=, title=, fontsize=,
 * title_fontsize=, frameon=, bbox_to_anchor=, borderaxespad=)) and the
 * font of its title or an axis label (set_title(fontsize=, fontweight=,
 * fontstyle=)), described by field descriptors as the kinds' parameters
 * are, so the figure API sets them by name, the batch serialiser carries
 * them and the spec loader reads them without code of their own.
 */
#include "axes_opts.h"
#include "draw.h"
#include "kinds/text.h"

#include <math.h>
#include <stddef.h>

#define FIELD(T, n, t, m) .name = n, .type = t, .offset = offsetof(T, m)
/* a size: points, or minus a factor of font.size ("small" is -0.833);
 * NaN: the rcParams' */
#define SIZE(T, n, m, doc_)                                                    \
	{                                                                      \
		FIELD(T, n, SPR_F_NUM, m), .min = -SPR_SIZE_SCALE_MAX,         \
					   .max = SPR_SIZE_PT_MAX, .def = NAN, \
					   .flags = SPR_FF_AUTO, .doc = doc_   \
	}

static const spr_field legend_fields[] = {
    {FIELD(spr_legend_opts, "ncols", SPR_F_INT, ncols), .min = 1,
     .max = SPR_LEGEND_MAX_COLS, .def = 1,
     .doc = "columns, filled top to bottom (ncol)"},
    {FIELD(spr_legend_opts, "title", SPR_F_TEXT, title), .maxlen = SPR_MAX_TEXT,
     .doc = "above the entries, centred"},
    SIZE(spr_legend_opts, "fontsize", fontsize,
	 "entries, pt (legend.fontsize)"),
    SIZE(spr_legend_opts, "title_fontsize", title_fontsize,
	 "the title, pt (font.size)"),
    {FIELD(spr_legend_opts, "frameon", SPR_F_INT, frameon), .min = 0, .max = 1,
     .def = 1, .doc = "the frame and its face"},
    {FIELD(spr_legend_opts, "bbox_to_anchor", SPR_F_ARRAY, bbox), .min = -1e6,
     .max = 1e6, .maxlen = 4, .doc = "(x, y) or (x, y, w, h), axes fractions"},
    {FIELD(spr_legend_opts, "borderaxespad", SPR_F_NUM, borderaxespad),
     .min = -100, .max = 100, .def = 0.5,
     .doc = "legend to its anchor box, font sizes (0.5)"},
};

const spr_kind spr_legend_kind = {
    .name = "legend",
    .doc = "an axes' legend options",
    .size = sizeof(spr_legend_opts),
    .fields = legend_fields,
    .nfields = sizeof legend_fields / sizeof *legend_fields,
};

/* "default" (the rcParams' weight), then matplotlib's names */
static const char *const label_weight_names[] = {
    "default",  "normal",   "regular", "book",  "roman",      "medium", "bold",
    "semibold", "demibold", "demi",    "heavy", "extra bold", "black"};

static const spr_field label_fields[] = {
    SIZE(spr_label_font, "fontsize", fontsize, "pt (axes.titlesize ...)"),
    {FIELD(spr_label_font, "fontweight", SPR_F_INT, weight), .min = 0,
     .max = 12, .def = 0, .names = label_weight_names,
     .doc = "DejaVu Sans Bold from semibold up"},
    {FIELD(spr_label_font, "fontstyle", SPR_F_INT, style), .min = 0, .max = 2,
     .def = 0, .names = spr_fstyle_names,
     .doc = "italic and oblique: DejaVu Sans Oblique"},
};

const spr_kind spr_label_kind = {
    .name = "label",
    .doc = "a title's or axis label's font",
    .size = sizeof(spr_label_font),
    .fields = label_fields,
    .nfields = sizeof label_fields / sizeof *label_fields,
};

const spr_kind *spr_axopt_kind(int i)
{
	return i == SPR_AXOPT_LEGEND ? &spr_legend_kind : &spr_label_kind;
}

const spr_legend_opts *spr_legend_opts_of(const spr_axes *ax)
{
	static const spr_legend_opts defaults = {
	    .ncols = 1,
	    .fontsize = NAN,
	    .title_fontsize = NAN,
	    .frameon = 1,
	    .borderaxespad = 0.5,
	};
	const void *p = spr_more(ax)->opts[SPR_AXOPT_LEGEND].p;
	return p ? p : &defaults;
}

const spr_label_font *spr_label_font_of(const spr_axes *ax, int i)
{
	static const spr_label_font defaults = {.fontsize = NAN};
	const void *p = spr_more(ax)->opts[i].p;
	return p ? p : &defaults;
}

double spr_size_px(const spr_ctx *r, double v, double def)
{
	return isnan(v) ? def : v < 0 ? -v * r->sz.font : v * r->pt;
}

spr_mtext spr_label_measure(const spr_ctx *r, const spr_axes *ax, int which)
{
	const spr_label_font *f = spr_label_font_of(ax, which);
	int title = which == SPR_AXOPT_TITLE;
	const char *s = title                       ? ax->title
			: which == SPR_AXOPT_XLABEL ? ax->xlabel
						    : ax->ylabel;
	double size = title ? r->sz.title : r->sz.label;
	int weight = f->weight ? f->weight - 1
		     : title   ? r->sz.title_w
			       : r->sz.label_w;

	return spr_mtext_measure_face(r, s, spr_size_px(r, f->fontsize, size),
				      weight, f->style);
}
