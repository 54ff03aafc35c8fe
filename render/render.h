/* SPDX-License-Identifier: MIT */
/*
 * The drawing engine's interface (private to shmplot).
 *
 * render/ is pure: a figure description plus a read-only view of the series
 * in, a cairo image surface (or PDF or SVG bytes) out. It knows nothing of
 * processes, files or shared memory. The runtime (src/) builds an spr_figure
 * from the public API and calls spr_render() inside a worker.
 */
#ifndef SHMPLOT_RENDER_H
#define SHMPLOT_RENDER_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A read-only series: n doubles (NaN and +-inf are gaps). cols 0: a 1-D
 * series; else a 2-D one (an image), n / cols rows of cols values each,
 * row-major (numpy's C order). A 2-D series is refused where a 1-D one is
 * expected and the other way round (check.c, the spec loader).
 */
typedef struct spr_series {
	const double *v;
	size_t n;
	size_t cols;
	/* 1: lo and hi are the least and greatest of the values (finite; NaN
	 * left out), recorded when the values were computed; 0: unknown */
	int extremes;
	double lo, hi;
} spr_series;

/* Rows of a 2-D series (1 for a 1-D one of any length). */
static inline size_t spr_series_rows(const spr_series *s)
{
	return s->cols ? s->n / s->cols : 1;
}

enum spr_linestyle {
	SPR_LS_SOLID = 0,
	SPR_LS_DASHED,
	SPR_LS_DOTTED,
	SPR_LS_DASHDOT,
	SPR_LS_NONE
};

/* Same numbering as shmplot_marker. */
enum spr_marker {
	SPR_MK_NONE = 0,
	SPR_MK_POINT,
	SPR_MK_CIRCLE,
	SPR_MK_SQUARE,
	SPR_MK_TRIANGLE,
	SPR_MK_DIAMOND,
	SPR_MK_PLUS,
	SPR_MK_CROSS,
	SPR_MK_TRIANGLE_DOWN,
	SPR_MK_TRIANGLE_LEFT,
	SPR_MK_TRIANGLE_RIGHT,
	SPR_MK_STAR,
	SPR_MK_PENTAGON,
	SPR_MK_HEXAGON1,
	SPR_MK_HEXAGON2,
	SPR_MK_THIN_DIAMOND,
	SPR_MK_VLINE,
	SPR_MK_HLINE,
	SPR_MK_TRI_DOWN,
	SPR_MK_TRI_UP,
	SPR_MK_TRI_LEFT,
	SPR_MK_TRI_RIGHT,
	SPR_MK_LAST = SPR_MK_TRI_RIGHT
};

/* Same numbering as shmplot_legend_loc (matplotlib loc codes, NONE = -1). */
enum spr_legend {
	SPR_LEG_NONE = -1,
	SPR_LEG_BEST = 0,
	SPR_LEG_UPPER_RIGHT,
	SPR_LEG_UPPER_LEFT,
	SPR_LEG_LOWER_LEFT,
	SPR_LEG_LOWER_RIGHT,
	SPR_LEG_RIGHT,
	SPR_LEG_CENTER_LEFT,
	SPR_LEG_CENTER_RIGHT,
	SPR_LEG_LOWER_CENTER,
	SPR_LEG_UPPER_CENTER,
	SPR_LEG_CENTER
};

/* SPR_SCALE_DATE: linear in Unix seconds, ticked and labelled as dates */
enum spr_scale {
	SPR_SCALE_LINEAR = 0,
	SPR_SCALE_LOG,
	SPR_SCALE_SYMLOG,
	SPR_SCALE_DATE
};

/* matplotlib's drawstyles (Line2D.drawStyles); "steps" is steps-pre. */
enum spr_drawstyle {
	SPR_DS_DEFAULT = 0,
	SPR_DS_STEPS_PRE,
	SPR_DS_STEPS_MID,
	SPR_DS_STEPS_POST
};

/*
 * matplotlib's default colour cycle (tab10, "C0".."C9"): lines without a
 * colour take the next one. The only copy of the palette.
 */
#define SPR_TAB10_N 10
extern const uint32_t spr_tab10[SPR_TAB10_N];

#define SPR_NO_SERIES     UINT32_MAX  /* an optional series left out */
#define SPR_DEFAULT_COLOR UINT32_MAX  /* the next colour of a cycle */
#define SPR_NONE_COLOR    0x01000000u /* "none": not drawn (SPR_FF_NONE) */
#define SPR_MAX_TEXT      (1u << 20)  /* bytes of any text of a figure */

/* --- plotted items ----------------------------------------------------- */

/*
 * A plotted item: a kind (render/kinds/: "line", ...) and its parameters,
 * a struct of the kind's own (spr_item_init allocates it). Only the kind's
 * file knows that struct; everyone else (the figure API, the batch
 * serialiser, tests) reaches the parameters through the kind's field
 * descriptors, so adding a kind changes no code outside its file but one
 * line of the kind table (kinds/kinds.c).
 */
typedef struct spr_kind spr_kind;

typedef struct spr_item {
	const spr_kind *kind;
	void *p; /* the kind's parameters */
} spr_item;

/* What a field holds: the C type at its offset in the parameters. */
enum spr_ftype {
	SPR_F_NUM,      /* double: finite, in [min, max] (or NaN: FF_AUTO) */
	SPR_F_INT,      /* int in [min, max]: a flag, count or enumeration */
	SPR_F_COLOR,    /* uint32_t 0xRRGGBB (or SPR_DEFAULT_COLOR: FF_CYCLE) */
	SPR_F_SERIES,   /* uint32_t series index (SPR_NO_SERIES: FF_OPTIONAL) */
	SPR_F_SERIES2D, /* uint32_t index of a 2-D series (an image) */
	SPR_F_TEXT,  /* char *: owned UTF-8 of at most maxlen bytes, or NULL */
	SPR_F_ARRAY, /* spr_array: owned, at most maxlen values in [min, max] */
	SPR_F_STRINGS /* spr_strings: owned, at most maxlen UTF-8 strings */
};

typedef struct spr_array {
	double *v;
	size_t n;
} spr_array;

typedef struct spr_strings {
	char **s; /* each at most SPR_MAX_TEXT bytes, none NULL */
	size_t n;
} spr_strings;

#define SPR_FF_OPTIONAL 0x01u /* SERIES, SERIES2D: may be NO_SERIES */
#define SPR_FF_AUTO     0x02u /* NUM: NaN means "chosen when drawn" */
#define SPR_FF_LABEL    0x04u /* TEXT: the item's legend label */
#define SPR_FF_CYCLE_LINES                                                     \
	0x08u /* COLOR: DEFAULT is the next colour of                          \
		   the axes' line cycle (plot, errorbar) */
#define SPR_FF_CYCLE_PATCHES                                                   \
	0x10u /* COLOR: ... of its patch cycle (bar,                           \
		   fill_between, scatter) */
/* COLOR: SPR_DEFAULT_COLOR means "not given", which the kind resolves
 * itself (a span's edge: none unless color or edgecolor is given) */
#define SPR_FF_UNSET 0x20u
/*
 * SERIES (also OPTIONAL): a number may stand for the series, the same
 * value at every point (matplotlib's scalar y2=0, yerr=0.1). The number
 * lives in the NUM field right after this one, which has the same name
 * and counts while the series is NO_SERIES. A spec writes the number for
 * the name, shmplot_item_set_number() sets it (and drops the series), and
 * the README lists the two as one field.
 */
#define SPR_FF_OR_NUMBER 0x40u
/*
 * SERIES: a spec may give [first, second], two series (matplotlib's
 * yerr=[lower, upper]): the first goes here, the second to the next
 * SERIES field of the table (set by its own name through the API).
 */
#define SPR_FF_PAIR 0x80u
/*
 * COLOR: when given, the item's first colour field (color, which takes the
 * cycle) is not drawn from the cycle and this colour stands for it
 * (matplotlib's facecolor= in place of color=); see spr_item_color().
 * SERIES: when given, no cycle colour is taken either (scatter's c, which
 * colours the points itself).
 */
#define SPR_FF_INSTEAD 0x100u
/*
 * SERIES: a string naming a value of the kind's next enumeration (INT
 * field with names) sets that field instead (matplotlib's bins="auto" for
 * hist's bin_rule): a spec writes the name for the series.
 */
#define SPR_FF_OR_CHOICE 0x200u
/*
 * SERIES: the kind reads the series' least and greatest values (hist's
 * data range): a spec's series used here has them recorded as it is
 * computed (spr_series.extremes), so the worker does not pass over the
 * values for them.
 */
#define SPR_FF_EXTREMES 0x400u
/* COLOR: may be SPR_NONE_COLOR, matplotlib's "none" (an open marker's
 * markerfacecolor, a scatter's facecolors) */
#define SPR_FF_NONE 0x800u
/* ARRAY: a spec may give one number for a one-value array (markevery: 3) */
#define SPR_FF_SCALAR 0x1000u

/*
 * One field of a kind's parameters. The ranges are the rule: the figure
 * API, the batch decoder and spr_render all check values with
 * spr_field_accepts() / spr_item_bad_field().
 */
typedef struct spr_field {
	const char *name; /* matplotlib's argument name ("linewidth") */
	int type;         /* enum spr_ftype */
	size_t offset;    /* in the kind's parameters */
	double min, max;  /* NUM, INT, ARRAY values: the accepted range */
	double def;       /* NUM, INT, COLOR, SERIES*: the default */
	size_t maxlen;    /* TEXT bytes, ARRAY values, STRINGS strings */
	unsigned flags;   /* SPR_FF_* */
	/* INT enumerations: the names of min .. max, for messages and specs */
	const char *const *names;
	/* INT enumerations: other names of min .. max that specs and the API
	 * also accept (matplotlib's short forms: "--", "o"); NULL entries
	 * for none */
	const char *const *syms;
	/* one line for the README's table of the kind's fields */
	const char *doc;
} spr_field;

/* The kind called name ("line", or "plot", matplotlib's name for it), or
 * NULL. */
const spr_kind *spr_kind_find(const char *name);
/* The kind table, for the batch serialiser: spr_kind_at(i) for i below
 * spr_kind_count(); spr_kind_index() is SIZE_MAX for a kind not in it. */
size_t spr_kind_count(void);
const spr_kind *spr_kind_at(size_t i);
size_t spr_kind_index(const spr_kind *k);
const char *spr_kind_name(const spr_kind *k);
/* Bytes of an item's parameters (spr_item.p) of kind k. */
size_t spr_kind_size(const spr_kind *k);
/* The kind's fields, in their (serialised) order. */
const spr_field *spr_kind_fields(const spr_kind *k, size_t *n);
/* The field called name, or NULL. */
const spr_field *spr_kind_field(const spr_kind *k, const char *name);

/*
 * A new item of kind k with every field at its default (texts NULL,
 * arrays empty). Returns 0, or -1 when out of memory (*it then empty).
 */
int spr_item_init(spr_item *it, const spr_kind *k);
/* Frees what the item owns (texts, arrays, parameters); NULL p is fine. */
void spr_item_free(spr_item *it);
/* A deep copy of src into dst (empty on failure). 0, or -1 out of memory. */
int spr_item_copy(spr_item *dst, const spr_item *src);

/* Where field f lives in the parameters p. */
static inline void *spr_field_ptr(const spr_field *f, void *p)
{
	return (char *)p + f->offset;
}

static inline const void *spr_field_cptr(const spr_field *f, const void *p)
{
	return (const char *)p + f->offset;
}

/*
 * 1 if v is a value f accepts (NUM, INT, COLOR, SERIES, SERIES2D; for
 * ARRAY: one of its values), else 0. Lengths, UTF-8 and whether a series
 * exists are checked elsewhere (the caller, spr_render).
 */
int spr_field_accepts(const spr_field *f, double v);
/* The value of a NUM, INT, COLOR or SERIES* field, as a double (exact). */
double spr_field_get(const spr_field *f, const void *p);
/* Stores v (which f accepts) in a NUM, INT, COLOR or SERIES* field. */
void spr_field_set(const spr_field *f, void *p, double v);
/*
 * Replace a TEXT, ARRAY or STRINGS field with a copy of the caller's
 * (NULL / 0 values: empty). 0, or -1 out of memory (the field unchanged).
 * Lengths and values are the caller's to check (maxlen, accepts).
 */
int spr_field_set_text(const spr_field *f, void *p, const char *s);
int spr_field_set_array(const spr_field *f, void *p, const double *v, size_t n);
int spr_field_set_strings(const spr_field *f, void *p, const char *const *s,
			  size_t n);
/*
 * The first field of it whose value is out of its range or too long, or
 * NULL when every value is one the figure API could have set (UTF-8 and
 * series existence aside).
 */
const spr_field *spr_item_bad_field(const spr_item *it);

/*
 * The kind's own rules between fields (x and y of one length ...): 0, or
 * -1 with a message in err. The spec loader calls it before any data is
 * read, with series whose v is NULL (only their lengths known): a rule
 * that reads values skips such series.
 */
int spr_item_check_rules(const spr_item *it, const spr_series *series,
			 char *err, size_t errlen);

/* Value of field f of an INT enumeration by name or symbol: 0 and *v, or
 * -1 when neither names one of its values. */
int spr_field_choice(const spr_field *f, const char *name, int *v);

/* The item's legend label (its SPR_FF_LABEL text), or NULL. */
const char *spr_item_label(const spr_item *it);

struct spr_axes;

/*
 * The options of an axes that few figures set, behind one pointer
 * (spr_axes.more): a batch holds 100,000 axes until they are drawn (issue
 * 21), and these slots were 128 of an axes' 224 bytes. Read them with
 * spr_more(), change them through spr_axes_more_get().
 */
typedef struct spr_axes_more {
	/*
	 * Tick options of x and y (matplotlib's set_xticks, tick_params,
	 * minorticks_on, set_major_formatter): items of spr_axis_kind
	 * (axis_opts.c), p NULL for the defaults.
	 */
	spr_item axis[2];
	/*
	 * A twin drawn in this axes' box (matplotlib's twinx: shares x, its
	 * own y on the right; twiny: shares y, its x on top), owned; NULL:
	 * none. A twin has no twin of its own.
	 */
	struct spr_axes *twin;
	/* matplotlib's margins (x, y) when has_margins, else axes.xmargin
	 * and axes.ymargin, 0.05: autoscale pads the data by this fraction
	 * of its span (in scale space) */
	double margins[2];
	/* matplotlib's set_aspect: 0 not set (the items' wish: an image's
	 * "equal"), SPR_ASPECT_AUTO "auto" set, else the ratio of a y unit to
	 * an x unit on screen (1: "equal"), kept by shrinking the box
	 * (adjustable "box", anchor "C") */
	double aspect;
	/*
	 * The legend's options (matplotlib's ax.legend(ncols=, title=, ...),
	 * spr_legend_kind) and the fonts of the title, x label and y label
	 * (set_title(fontsize=, fontweight=, fontstyle=), spr_label_kind):
	 * items whose p is NULL for the defaults, indexed by SPR_AXOPT_*.
	 */
	spr_item opts[4];
} spr_axes_more;

typedef struct spr_axes {
	spr_item *items; /* drawn in order, the legend in the same order */
	size_t nitems, cap;
	char *title, *xlabel, *ylabel; /* UTF-8 or NULL */
	double xlim[2], ylim[2];
	/*
	 * The flags and small enumerations are bytes: a batch holds 100,000
	 * axes until they are drawn (issue 21), and ints cost 32 bytes more
	 * an axes.
	 */
	unsigned char has_xlim, has_ylim;
	unsigned char xscale, yscale; /* enum spr_scale */
	unsigned char grid;
	signed char legend;          /* enum spr_legend, default SPR_LEG_NONE */
	unsigned char pole_segments; /* 1 = draw the jumps of poles too */
	/*
	 * 0 (default): an item with more points than 4x the axes' width in
	 * pixels is reduced before drawing (a line with monotonic x, to the
	 * first, last, lowest and highest point of each pixel column: M4):
	 * the same pixels for aliased 1 px lines, anti-aliased pixels within
	 * rounding. 1: draw every point (slow on huge series). Markers are
	 * always drawn at every point.
	 */
	unsigned char exact;
	/* a twin's kind and whether its labelled items join this legend, and
	 * whether more->margins are given (kept here, beside the flags above,
	 * to pack with them) */
	unsigned char twin_kind;   /* SPR_TWINX or SPR_TWINY, on the parent */
	unsigned char twin_legend; /* the twin's items join this legend */
	unsigned char has_margins;
	/*
	 * matplotlib's ax.set_facecolor (axes.facecolor): 0 for the default,
	 * white (axes are often made with calloc), else SPR_FACE_GIVEN |
	 * 0xRRGGBB or SPR_NONE_COLOR ("none": the figure shows through).
	 * Read it with spr_axes_face().
	 */
	uint32_t face;
	/* the options few figures set (tick options, twin, margins, aspect,
	 * legend and label fonts), owned; NULL for all their defaults: read
	 * them with spr_more() */
	struct spr_axes_more *more;
} spr_axes;

/* An axes' rarely set options, all defaults when it has none. */
extern const spr_axes_more spr_axes_more_none;
static inline const spr_axes_more *spr_more(const spr_axes *a)
{
	return a->more ? a->more : &spr_axes_more_none;
}

/*
 * a's rarely set options to change, allocated (all defaults) on the
 * first call; NULL when out of memory.
 */
spr_axes_more *spr_axes_more_get(spr_axes *a);
/*
 * Stores a's margins and aspect (as the batch decoder reads them),
 * allocating its options only when has_margins is set or a value is not
 * 0: 0, or -1 when out of memory.
 */
int spr_axes_set_margins_aspect(spr_axes *a, double mx, double my,
				double aspect);

#define SPR_FACE_GIVEN 0x02000000u
/* The axes' background, 0xRRGGBB or SPR_NONE_COLOR. */
uint32_t spr_axes_face(const spr_axes *a);

enum { SPR_AXOPT_LEGEND, SPR_AXOPT_TITLE, SPR_AXOPT_XLABEL, SPR_AXOPT_YLABEL };
#define SPR_AXOPT_N 4
/* The kinds of the axes' options (axes_opts.c; not in the kind table). */
extern const spr_kind spr_legend_kind, spr_label_kind;
/* The kind of opts[i]. */
const spr_kind *spr_axopt_kind(int i);

#define SPR_TWINX 1
#define SPR_TWINY 2

/* The kind of an axis' tick options (not in the kind table). */
extern const spr_kind spr_axis_kind;

#define SPR_ASPECT_MAX  1e6
#define SPR_ASPECT_AUTO -1.0

/* The margins an axes accepts: matplotlib's > -0.5 (a view beyond the
 * data needs it), and at most this. */
#define SPR_MARGIN_MAX 100.0

#define SPR_SHARE_X 1u
#define SPR_SHARE_Y 2u

typedef struct spr_figure {
	char *name;
	double width_in, height_in, dpi; /* defaults 6.4, 4.8, 100 */
	int rows, cols;
	unsigned share; /* SPR_SHARE_X | SPR_SHARE_Y */
	spr_axes *axes; /* rows * cols, row-major */
	/*
	 * Figure-wide options (suptitle, supxlabel, supylabel, rcParams font
	 * sizes): an item of spr_figure_kind (figtext.c), p NULL for the
	 * defaults.
	 */
	spr_item opts;
} spr_figure;

/* The kind of a figure's options (not in the kind table). */
extern const spr_kind spr_figure_kind;
/* A font size field: points up to this, or down to minus this a factor
 * of font.size (matplotlib's "large" is -1.2). */
#define SPR_SIZE_PT_MAX    1000.0
#define SPR_SIZE_SCALE_MAX 10.0

/*
 * Appends an item of kind k, every field at its default, to ax (whose
 * items array grows). Returns it (valid until the next append), or NULL
 * when out of memory.
 */
spr_item *spr_axes_add(spr_axes *ax, const spr_kind *k);
/* Frees ax's items and their array (not its texts). */
void spr_axes_free_items(spr_axes *ax);
/* Frees everything ax owns (items, title, labels) and zeroes it. */
void spr_axes_clear(spr_axes *ax);

/* Pixel size of a figure: round(width_in * dpi) x round(height_in * dpi). */
void spr_figure_pixel_size(const spr_figure *fig, int *w, int *h);

/*
 * 0 when the figure's background is clear (facecolor "none", or
 * transparent): it is drawn on a premultiplied ARGB32 surface and its PNG
 * has an alpha channel; 1 (almost always): RGB24, an RGB PNG.
 */
int spr_figure_opaque(const spr_figure *fig);

/*
 * The points the figure's items draw from (of each item its longest
 * series; invalid references count 0): what drawing the figure costs,
 * for ordering a batch.
 */
uint64_t spr_figure_points(const spr_figure *fig, const spr_series *series,
			   size_t nseries);

/* Largest accepted pixel dimension and pixel count (refused before any
 * allocation), and subplot rows and columns: the public limits. */
#define SPR_MAX_DIM    32768
#define SPR_MAX_PIXELS (64u * 1024u * 1024u)
#define SPR_MAX_GRID   16

/*
 * A font opened once in the parent, before any fork, from bytes the caller
 * has read into memory: workers never touch the file system or fontconfig,
 * and render/ reads no files.
 */
typedef struct spr_font spr_font;

/* Fonts larger than this are refused (the caller reads at most this). */
#define SPR_MAX_FONT_BYTES (64u * 1024u * 1024u)

/*
 * Opens the font in data[0 .. len). On success the font owns the bytes:
 * they must stay valid and unchanged until release(ctx) is called (release
 * may be NULL), which happens once the last user lets go of the font
 * (cairo may keep the face in its caches after spr_font_free()). On
 * failure nothing is released: the bytes are still the caller's. name
 * (e.g. the file's path) is copied, for messages and spr_font_path().
 * Returns 0, or -1 with a message in err (errlen bytes).
 */
int spr_font_new(const unsigned char *data, size_t len, const char *name,
		 void (*release)(void *ctx), void *ctx, spr_font **out,
		 char *err, size_t errlen);
void spr_font_free(spr_font *font);

/* The name the font was opened with. */
const char *spr_font_path(const spr_font *font);

/*
 * The family's other faces, each opened as a font of its own: mathtext
 * sets letters in the oblique face and \mathbf in the bold one, a Text of
 * fontweight bold or fontstyle italic is drawn in them. spr_font_set_face()
 * hands face to font (freed with it; a face already set is freed; the face
 * knows its family); spr_font_face() gives the family's face (font may be
 * a face itself), or NULL when none was set (the caller falls back to the
 * family's regular font, spr_font_family()).
 */
enum { SPR_FACE_OBLIQUE, SPR_FACE_BOLD, SPR_FACE_BOLD_OBLIQUE, SPR_FACES };
void spr_font_set_face(spr_font *font, int style, spr_font *face);
const spr_font *spr_font_face(const spr_font *font, int style);
/* The regular font of font's family (font itself unless it is a face). */
const spr_font *spr_font_family(const spr_font *font);
/* The face for a weight (bold: nonzero) and style (italic or oblique:
 * nonzero) as matplotlib's findfont picks among DejaVu Sans' four: the
 * family's face, or its regular font when that face is not loaded. */
const spr_font *spr_font_styled(const spr_font *font, int bold, int italic);

/*
 * Fonts for the glyphs the family lacks (CJK, as matplotlib 3.6's font
 * fallback through a font.family list): n fonts, tried in order for each
 * code point the family has no glyph for; a glyph in none of them is the
 * family's missing-glyph box, as before. render/ reads no files: load(ctx,
 * i) opens font i (or returns NULL when it cannot; it is not asked again),
 * once, the first time a glyph is missing, so text the family covers
 * never pays for them. Owned by font from here on (free(ctx) is not
 * called: ctx outlives the font). One process renders with a font at a
 * time, as for its caches.
 */
typedef spr_font *(*spr_font_loader)(void *ctx, size_t i);
#define SPR_MAX_FALLBACKS 8
void spr_font_set_fallback(spr_font *font, size_t n, spr_font_loader load,
			   void *ctx);

/*
 * Draws fig into a new cairo image surface (CAIRO_FORMAT_RGB24 when the
 * figure is opaque, else premultiplied CAIRO_FORMAT_ARGB32:
 * spr_figure_opaque()). series is the table the
 * lines' indices refer to. Returns 0 and sets *out (the caller destroys it),
 * or non-zero with a message in err (e.g. "axes 0 line 1: series 7 does not
 * exist", "figure size 100000 x 10 px exceeds the limit").
 */
int spr_render(const spr_figure *fig, const spr_series *series, size_t nseries,
	       const spr_font *font, cairo_surface_t **out, char *err,
	       size_t errlen);

/*
 * Pixel memory kept from one figure to the next by a caller that renders
 * many (a worker). Zero-initialise; release with spr_canvas_free().
 */
typedef struct spr_canvas {
	unsigned char *data;
	size_t cap;
} spr_canvas;

/*
 * spr_render() drawing on the canvas's memory (grown as needed, see
 * canvas.c): *out is valid until the next call with this canvas or
 * spr_canvas_free(), and must be destroyed before either. canvas NULL:
 * exactly spr_render().
 */
int spr_render_canvas(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font, spr_canvas *canvas,
		      cairo_surface_t **out, char *err, size_t errlen);
/*
 * spr_render_canvas() drawing only rows [row0, row1) (cairo clips to them;
 * the other rows of *out hold anything). Those rows are exactly the whole
 * figure's: a worker deflating some PNG stripes of a figure draws only
 * their rows and the row above (pool/stripes.c). row1 <= row0: all.
 */
int spr_render_canvas_rows(const spr_figure *fig, const spr_series *series,
			   size_t nseries, const spr_font *font,
			   spr_canvas *canvas, int row0, int row1,
			   cairo_surface_t **out, char *err, size_t errlen);
void spr_canvas_free(spr_canvas *canvas);

/* Vector formats of spr_render_vector(); same numbers as shmplot_format. */
enum spr_vformat { SPR_VEC_PDF = 2, SPR_VEC_SVG = 4 };

/*
 * Draws fig as a one-page PDF or an SVG document (format: SPR_VEC_PDF or
 * SPR_VEC_SVG) through the same code as spr_render(): the page is the
 * figure's size in points (W x H px at its dpi, so a rasteriser at that
 * dpi gives W x H px), text as embedded subset fonts (PDF) or glyph
 * paths (SVG), lines reduced as for the PNG unless the axes are exact,
 * markers as paths. The bytes are deterministic: no creation date, and
 * SVG ids numbered within the document. Returns 0 with *out (malloc'ed,
 * the caller frees it) and *len, or -1 with a message in err.
 */
int spr_render_vector(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font, int format,
		      unsigned char **out, size_t *len, char *err,
		      size_t errlen);

#endif /* SHMPLOT_RENDER_H */
