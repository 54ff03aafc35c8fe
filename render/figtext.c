// SPDX-License-Identifier: MIT
/*
 * Figure-wide options (the figure kind, whose fields describe them as a
 * plotted kind's do, so that the figure API sets them by name and the
 * batch description carries them without code of its own): matplotlib's
 * suptitle, supxlabel and supylabel, and the rcParams font sizes. Also
 * where those texts go and what room they take from the axes.
 */
#include "item.h"
#include "kinds/text.h"

#include <stddef.h>
#include <string.h>

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(spr_fig_opts, m)
/* a size: points, or minus a factor of font.size ("large" is -1.2) */
#define SIZE(n, m, d, doc_)                                                    \
	{                                                                      \
		FIELD(n, SPR_F_NUM, m), .min = -SPR_SIZE_SCALE_MAX,            \
					.max = SPR_SIZE_PT_MAX, .def = d,      \
					.doc = doc_                            \
	}

/* a fontweight by matplotlib's names ("bold"); DejaVu Sans Bold from
 * "semibold" up, as the text kind's fontweight */
#define WEIGHT(n, m, doc_)                                                     \
	{                                                                      \
		FIELD(n, SPR_F_INT, m), .min = 0, .max = 11, .def = 0,         \
					.names = spr_weight_names,             \
					.doc = "normal or bold, " doc_         \
	}

/* matplotlib 3.6's rcParams and Figure._suplabels defaults */
static const spr_field fig_fields[] = {
    {FIELD("suptitle", SPR_F_TEXT, suptitle), .maxlen = SPR_MAX_TEXT,
     .doc = "centred at the top (y 0.98)"},
    {FIELD("supxlabel", SPR_F_TEXT, supxlabel), .maxlen = SPR_MAX_TEXT,
     .doc = "centred at the bottom (y 0.01)"},
    {FIELD("supylabel", SPR_F_TEXT, supylabel), .maxlen = SPR_MAX_TEXT,
     .doc = "centred at the left (x 0.02), rotated"},
    SIZE("font.size", font_size, 10, "points"),
    SIZE("axes.titlesize", title_size, -1.2, "large"),
    SIZE("axes.labelsize", label_size, -1, "medium"),
    SIZE("xtick.labelsize", xtick_size, -1, "medium"),
    SIZE("ytick.labelsize", ytick_size, -1, "medium"),
    SIZE("legend.fontsize", legend_size, -1, "medium"),
    SIZE("figure.titlesize", figtitle_size, -1.2, "large"),
    SIZE("figure.labelsize", figlabel_size, -1.2, "large"),
    WEIGHT("axes.titleweight", title_weight, "of each axes' title"),
    WEIGHT("axes.labelweight", label_weight, "of xlabel and ylabel"),
    WEIGHT("figure.titleweight", figtitle_weight, "of the suptitle"),
    WEIGHT("figure.labelweight", figlabel_weight,
	   "of the supxlabel and supylabel"),
    {FIELD("facecolor", SPR_F_COLOR, facecolor), .def = 0xffffff,
     .flags = SPR_FF_NONE,
     .doc = "the figure's background (figure.facecolor); \"none\": clear"},
    {FIELD("transparent", SPR_F_INT, transparent), .min = 0, .max = 1, .def = 0,
     .doc = "the figure's and the axes' backgrounds clear, as "
	    "savefig(transparent=True)"},
};

uint32_t spr_fig_facecolor(const spr_figure *fig)
{
	const spr_fig_opts *o = fig->opts.p;
	if (!o)
		return 0xffffff;
	return o->transparent ? SPR_NONE_COLOR : o->facecolor;
}

int spr_figure_opaque(const spr_figure *fig)
{
	return spr_fig_facecolor(fig) != SPR_NONE_COLOR;
}

uint32_t spr_axes_face(const spr_axes *a)
{
	if (!a->face)
		return 0xffffff;
	return a->face == SPR_NONE_COLOR ? SPR_NONE_COLOR : a->face & 0xffffffu;
}

int spr_axes_face_clear(const spr_figure *fig, const spr_axes *a)
{
	const spr_fig_opts *o = fig->opts.p;
	return (o && o->transparent) || spr_axes_face(a) == SPR_NONE_COLOR;
}

const spr_kind spr_figure_kind = {
    .name = "figure",
    .doc = "figure-wide options",
    .size = sizeof(spr_fig_opts),
    .fields = fig_fields,
    .nfields = sizeof fig_fields / sizeof *fig_fields,
};

/* A size field's value in points (v < 0: -v times font.size). */
static double size_pt(double v, double base)
{
	return v < 0 ? -v * base : v > 0 ? v : base;
}

void spr_fig_sizes(const spr_figure *fig, double pt, spr_sizes *s)
{
	static spr_fig_opts defaults;
	const spr_fig_opts *o = fig->opts.p;
	if (!o) {
		/* the descriptors' defaults, once */
		if (defaults.font_size == 0)
			for (size_t i = 0; i < spr_figure_kind.nfields; i++)
				if (fig_fields[i].type == SPR_F_NUM)
					spr_field_set(&fig_fields[i], &defaults,
						      fig_fields[i].def);
		o = &defaults;
	}
	double base = o->font_size > 0 ? o->font_size : 10;
	s->font = base * pt;
	s->title = size_pt(o->title_size, base) * pt;
	s->label = size_pt(o->label_size, base) * pt;
	s->xtick = size_pt(o->xtick_size, base) * pt;
	s->ytick = size_pt(o->ytick_size, base) * pt;
	s->legend = size_pt(o->legend_size, base) * pt;
	s->figtitle = size_pt(o->figtitle_size, base) * pt;
	s->figlabel = size_pt(o->figlabel_size, base) * pt;
	s->title_w = o->title_weight;
	s->label_w = o->label_weight;
	s->figtitle_w = o->figtitle_weight;
	s->figlabel_w = o->figlabel_weight;
}

void spr_figtext_measure(const spr_ctx *r, spr_figtext *t)
{
	const spr_fig_opts *o = r->fig->opts.p;
	memset(t, 0, sizeof *t);
	if (!o)
		return;
	t->sup = spr_mtext_measure_weight(r, o->suptitle, r->sz.figtitle,
					  r->sz.figtitle_w);
	t->supx = spr_mtext_measure_weight(r, o->supxlabel, r->sz.figlabel,
					   r->sz.figlabel_w);
	t->supy = spr_mtext_measure_weight(r, o->supylabel, r->sz.figlabel,
					   r->sz.figlabel_w);
	/*
	 * What each takes from the figure's edge: matplotlib places them
	 * and leaves the axes where they are; the layout keeps the axes'
	 * decorations clear of them, as of the figure's edge.
	 */
	if (t->sup.lines)
		t->top = (1 - SUP_Y) * r->H + t->sup.height;
	if (t->supx.lines)
		t->bottom = SUPX_Y * r->H + t->supx.height;
	if (t->supy.lines)
		t->left = SUPY_X * r->W + t->supy.height;
}

void spr_figtext_draw(const spr_ctx *r, const spr_figtext *t)
{
	/* suptitle: top at y 0.98, centred; supxlabel: bottom at y 0.01;
	 * supylabel: rotated, its box's left at x 0.02, centred on y 0.5 */
	if (t->sup.lines)
		spr_mtext_draw(r, &t->sup, r->W / 2.0, (1 - SUP_Y) * r->H, 0.5,
			       0);
	if (t->supx.lines)
		spr_mtext_draw(r, &t->supx, r->W / 2.0,
			       (1 - SUPX_Y) * r->H - t->supx.height, 0.5, 0);
	if (t->supy.lines)
		spr_mtext_draw(r, &t->supy, SUPY_X * r->W, r->H / 2.0, 0.5,
			       M_PI / 2);
}
