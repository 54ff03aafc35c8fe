/* SPDX-License-Identifier: MIT */
/*
 * Colormaps and norms as matplotlib 3.6 applies them (colors.py): a value
 * v is normalised to t (spr_norm_map: Normalize or LogNorm), and t picks
 * one of the map's n table entries (spr_cmap_index: Colormap.__call__),
 * so a value gets exactly matplotlib's colour.
 *
 *	spr_cmap cm;
 *	spr_norm nm = {vmin, vmax, log};      // NaN: from the data
 *	spr_cmap_load(&cm, id);               // id: an enumeration value
 *	spr_norm_autoscale(&nm, v, n);        // fills the NaN ends
 *	if (spr_norm_check(&nm, err, errlen)) // vmin > vmax, log vmin <= 0
 *		return -1;
 *	int k = spr_cmap_index(&cm, spr_norm_map(&nm, v[i]));
 *	if (k >= 0) colour = spr_cmap_rgb(&cm, k);  // k < 0: "bad": nothing
 *
 * Names: spr_cmap_names[id] for id < SPR_CMAP_COUNT, every map followed by
 * its reversed twin (id ^ 1, "viridis_r"), the default first. An item's
 * colormap is an enumeration field over those names (SPR_CMAP_FIELD), so
 * specs, the API and the batch description treat it like any choice, and
 * an unknown name gets the spec loader's "did you mean".
 *
 * The data (colormap_data.c, written by tests/gen_colormaps.py from
 * matplotlib; origins and licences there) is matplotlib's own, and the
 * 256-entry tables are built from it with matplotlib's arithmetic:
 * tests/render/test_colormap.c checks every table against matplotlib's,
 * bit for bit.
 */
#ifndef SHMPLOT_RENDER_COLORMAP_H
#define SHMPLOT_RENDER_COLORMAP_H

#include "render.h"

#include <stddef.h>
#include <stdint.h>

#define SPR_CMAP_COUNT   54  /* names: 27 maps and their _r twins */
#define SPR_CMAP_DEFAULT 0   /* viridis: matplotlib's image.cmap */
#define SPR_CMAP_MAX_N   256 /* table entries (image.lut) */

/* "viridis", "viridis_r", "plasma", ... then NULL. */
extern const char *const spr_cmap_names[SPR_CMAP_COUNT + 1];

/*
 * An item's "cmap" field in a kind's spr_field table, for parameters of
 * type T with an int member M: matplotlib's names, viridis by default.
 */
#define SPR_CMAP_FIELD(T, M)                                                   \
	{                                                                      \
		.name = "cmap", .type = SPR_F_INT, .offset = offsetof(T, M),   \
		.min = 0, .max = SPR_CMAP_COUNT - 1, .def = SPR_CMAP_DEFAULT,  \
		.names = spr_cmap_names,                                       \
		.doc = "colormap by matplotlib's name; NAME_r reversed"        \
	}

/* A colormap's table: n entries (256, or a listed map's length: tab10
 * has 10), RGB in [0, 1]; alpha is 1 in every map here. */
typedef struct spr_cmap {
	int n;
	double lut[SPR_CMAP_MAX_N][3];
} spr_cmap;

/* Builds map id's table (id < SPR_CMAP_COUNT) as matplotlib does. */
void spr_cmap_load(spr_cmap *cm, int id);

/*
 * matplotlib's Colormap.__call__ for a normalised t: the table entry
 * floor(t * n) (t == 1 is the top entry; below 0 the "under" colour and
 * above 1 the "over" colour, which default to the first and the last),
 * or -1 for NaN: the "bad" colour, transparent, i.e. draw nothing.
 */
static inline int spr_cmap_index(const spr_cmap *cm, double t)
{
	double v;

	if (t != t)
		return -1;
	v = t * cm->n;
	if (v < 0)
		return 0;
	if (v >= cm->n)
		return cm->n - 1;
	return (int)v;
}

/* Entry k as 0xRRGGBB, each channel rounded to 8 bits as Agg rounds a
 * vector fill (markers, patches): viridis[1] = (68, 2, 86). */
uint32_t spr_cmap_rgb(const spr_cmap *cm, int k);

/* Entry k as 0xRRGGBB truncated, (uint8)(lut * 255), as matplotlib
 * colours an image: viridis[1] = (68, 2, 85). */
uint32_t spr_cmap_rgb_trunc(const spr_cmap *cm, int k);

/*
 * A norm: matplotlib's Normalize (log 0) or LogNorm (log 1) between vmin
 * and vmax; NaN ends are taken from the data by spr_norm_autoscale.
 */
typedef struct spr_norm {
	double vmin, vmax;
	int log;
} spr_norm;

/*
 * Fills a NaN vmin / vmax with the least / greatest finite value of v
 * (with log: of the positive ones), as matplotlib's autoscale_None. With
 * no such values they stay NaN; spr_norm_check then takes 0 .. 1 (log:
 * 1 .. 10) for them.
 */
void spr_norm_autoscale(spr_norm *nm, const double *v, size_t n);

/*
 * 0, or -1 with a message when matplotlib would raise: vmin > vmax, or
 * log with vmin or vmax <= 0 ("Invalid vmin or vmax"). Sets NaN ends to
 * their defaults first.
 */
int spr_norm_check(spr_norm *nm, char *err, size_t errlen);

/*
 * t for value v: (v - vmin) / (vmax - vmin) (log: of the log10s), 0
 * everywhere when vmin == vmax; NaN (bad) for NaN, and with log for v <= 0
 * and +inf, as LogNorm masks them. Beyond [0, 1] outside vmin .. vmax.
 */
double spr_norm_map(const spr_norm *nm, double v);

/* The generated data (colormap_data.c): map k's source, for id 2k and
 * 2k + 1 (reversed). */
typedef struct spr_cmap_src {
	const char *name;
	int n;
	/*
	 * n x 3 colours (a ListedColormap), or with nstops > 0 the nstops
	 * colours a LinearSegmentedColormap was made of (from_list: evenly
	 * spaced stops), or NULL: seg
	 */
	const double *listed;
	int nstops;
	/* (x, y0, y1) rows of red, green and blue */
	const double *seg[3];
	int nseg[3];
} spr_cmap_src;

extern const spr_cmap_src spr_cmap_srcs[SPR_CMAP_COUNT / 2];

#endif /* SHMPLOT_RENDER_COLORMAP_H */
