/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: the plain description of a spec that pass 1
 * (validation) fills from the JSON tree and pass 2 (building) reads.
 *
 * Pass 1 keeps nothing that points into the JSON tree: text is copied into
 * one arena and "values" arrays into arrays of doubles, so the tree is
 * freed before pass 2. A line refers to its series by index, so what a
 * figure needs (its series and theirs) can be followed from here.
 *
 * Series are described for the whole load. A figure is described only
 * while pass 1 reads it (one sp_fig_def, its axes and lines in arrays
 * reused by the next figure, its text cut from the arena after it) and
 * built at once through the public figure API, so what a loaded spec
 * holds per figure is the built figure alone.
 */
#ifndef SHMPLOT_SPEC_MODEL_H
#define SHMPLOT_SPEC_MODEL_H

#include "render.h"
#include "shmplot/spec.h"
#include "spec/spec_defs.h"
#include "spec/spec_io.h"
#include "spec/spec_problems.h"
#include "spec/spec_suggest.h"

#include <cjson/cJSON.h>

/* No text, no series (a line without x), not planned. */
#define SP_NONE UINT32_MAX

/* ---- text arena (model.c) ---- */

typedef struct sp_text {
	char *buf;
	size_t len, cap;
} sp_text;

/* Copies s into the arena; *off finds it. SHMPLOT_E_NOMEM. */
shmplot_status sp_text_add(sp_text *t, const char *s, uint32_t *off);

/* The text at off, or NULL for SP_NONE. */
static inline const char *sp_text_get(const sp_text *t, uint32_t off)
{
	return off == SP_NONE ? NULL : t->buf + off;
}

/* ---- series ---- */

enum sp_gen {
	SP_GEN_LINSPACE,
	SP_GEN_ARANGE,
	SP_GEN_VALUES,
	SP_GEN_UNARY,
	SP_GEN_BINARY,
	SP_GEN_CSV,
	SP_GEN_NPY,
	SP_GEN_RAW
};

typedef struct sp_series_def {
	uint32_t name;    /* text */
	uint32_t id;      /* in the segment: its index in the spec */
	uint8_t gen;      /* enum sp_gen */
	uint8_t ok;       /* defined without a problem; users of a broken
			     series say nothing more about it */
	uint8_t date;     /* ISO dates read as Unix seconds: an axis it is
			     plotted on is a date axis unless its scale is
			     given */
	uint8_t extremes; /* an item reads its least and greatest values
			     (SPR_FF_EXTREMES): record them in the segment */
	size_t n;         /* points */
	size_t cols;      /* 0: 1-D; else 2-D, n / cols rows (row-major) */
	union {
		/* linspace start, stop; arange start, step */
		struct {
			double a, b;
		} range;
		/* unary: fn indexes sp_unary_table; binary: enum sp_binop */
		struct {
			int fn;
			uint32_t src[2]; /* operand series, SP_NONE: k[i] */
			double k[2];
		} op;
		double *values;        /* owned; NaN for null */
		const sp_csv_col *col; /* owned by the loader's CSV cache */
		struct {
			char *path; /* resolved, owned */
			sp_array_info info;
		} file; /* npy, raw */
	} u;
} sp_series_def;

/* ---- figures ---- */

/* A legend object's options (legend_spec.c): what is given, by bit. */
enum {
	SP_LEG_NCOLS = 1,
	SP_LEG_TITLE = 2,
	SP_LEG_FRAMEON = 4,
	SP_LEG_BBOX = 8,
	SP_LEG_PAD = 16,
	SP_LEG_SIZE = 32,
	SP_LEG_TSIZE = 64
};
typedef struct sp_legend_spec {
	uint8_t given; /* SP_LEG_* */
	uint8_t ncols, frameon, nbbox;
	uint32_t title; /* text */
	double fontsize, title_fontsize, borderaxespad;
	double bbox[4];
} sp_legend_spec;

/* A title's or label's font: size 0, weight 0, style 0 not given; else
 * points or minus a factor, 1 + an index in spr_weight_names or
 * spr_fstyle_names. */
typedef struct sp_font_spec {
	double size;
	uint8_t weight, style;
} sp_font_spec;

typedef struct sp_axes_opts {
	uint32_t title, xlabel, ylabel; /* text, SP_NONE: not given */
	double xlim[2], ylim[2];
	uint8_t has_xlim, has_ylim, has_legend;
	uint8_t xscale, yscale; /* shmplot_scale */
	uint8_t scale_given;    /* bit 0: xscale given, bit 1: yscale */
	uint8_t grid, pole, exact, has_margins;
	double margins[2]; /* x, y, when has_margins */
	double aspect;     /* 0: not given, SPR_ASPECT_AUTO: "auto" */
	/* "axes.facecolor": 0 not given, else as spr_axes' face */
	uint32_t face;
	int8_t legend; /* shmplot_legend_loc, when has_legend */
	sp_legend_spec leg;
	sp_font_spec font[3]; /* of the title, xlabel, ylabel */
} sp_axes_opts;

typedef struct sp_axes_def {
	sp_axes_opts o;
	uint32_t line0, nlines; /* its lines in sp_model.lines */
	/* tick options of x and y (axis_spec.c): items of the axis kind
	 * (kind NULL: none given) and a bit per field given */
	spr_item axis[2];
	uint64_t axis_given[2];
	struct sp_axes_def *twin; /* owned; NULL: none */
	uint8_t twin_kind;        /* SPR_TWINX, SPR_TWINY */
	uint8_t twin_legend;      /* its lines join this legend */
} sp_axes_def;

/* Which optional settings a line gives (sp_line_def.has). */
enum {
	SP_LINE_COLOR = 1,
	SP_LINE_ALPHA = 2,
	SP_LINE_WIDTH = 4,
	SP_LINE_STYLE = 8,
	SP_LINE_MARKER = 16
};

typedef struct sp_line_def {
	/*
	 * An entry with a "kind" (items.c): an item of that kind, its series
	 * fields holding series indices, and which of its fields the spec
	 * gives (a bit per field). kind NULL: a line with the keys below.
	 */
	spr_item item;
	uint64_t given;
	uint32_t x, y;  /* series; x may be SP_NONE */
	uint32_t label; /* text, SP_NONE: none */
	uint32_t color; /* 0xRRGGBB */
	double alpha, width, msize;
	uint8_t style, marker; /* shmplot_linestyle, shmplot_marker */
	uint8_t has;           /* SP_LINE_* */
} sp_line_def;

/*
 * Figure-wide options (the renderer's figure kind, figopts.c): texts
 * (SP_NONE: not given), font sizes (0: not given; < 0: minus a factor
 * of font.size) and weights, in the order of SP_FIG_TEXT_KEYS,
 * SP_FIG_SIZE_KEYS and SP_FIG_WEIGHT_KEYS.
 */
#define SP_FIG_TEXT_KEYS "suptitle", "supxlabel", "supylabel"
#define SP_FIG_SIZE_KEYS                                                       \
	"font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",    \
	    "ytick.labelsize", "legend.fontsize", "figure.titlesize",          \
	    "figure.labelsize"
#define SP_FIG_WEIGHT_KEYS                                                     \
	"axes.titleweight", "axes.labelweight", "figure.titleweight",          \
	    "figure.labelweight"
#define SP_FIG_NTEXT    3
#define SP_FIG_NSIZES   8
#define SP_FIG_NWEIGHTS 4
typedef struct sp_figtext_opts {
	uint32_t text[SP_FIG_NTEXT];
	double size[SP_FIG_NSIZES];
	/* fontweights: 0 not given, else the name's index + 1 */
	uint8_t weight[SP_FIG_NWEIGHTS];
	uint32_t facecolor;  /* SPR_DEFAULT_COLOR: not given; SPR_NONE_COLOR */
	uint8_t transparent; /* 0 not given, 1 false, 2 true */
} sp_figtext_opts;

typedef struct sp_fig_def {
	uint32_t name; /* text */
	double w, h, dpi;
	uint8_t rows, cols;
	uint8_t share;      /* SHMPLOT_SHARE_* */
	uint8_t axes_array; /* axes came from "axes" (else the figure's own) */
	uint32_t axes0, naxes; /* its axes in sp_model.axes, row by row */
	sp_figtext_opts ft;
} sp_fig_def;

/* A figure's options while pass 1 reads them ("defaults", then its own). */
typedef struct sp_figopt {
	double w, h, dpi; /* 0: the figure API's default */
	long long rows, cols;
	unsigned share; /* index into share_names */
	sp_axes_opts ax;
	sp_figtext_opts ft;
} sp_figopt;

typedef struct sp_model {
	sp_series_def *series;
	size_t nseries;
	/* The figure being read: its axes and lines. */
	sp_axes_def *axes;
	size_t naxes, axes_cap;
	sp_line_def *lines;
	size_t nlines, lines_cap;
	sp_text text;
} sp_model;

/*
 * Appends a zeroed element to an array of *n elements of size elem (room
 * for *cap); arrayp points to the array's pointer (a T **), which moves
 * when it grows. Returns the new element, or NULL when out of memory.
 */
void *sp_array_push(void *arrayp, size_t *n, size_t *cap, size_t elem);

/* ---- the loader ---- */

/* A CSV table, parsed once per (file, header, delimiter). */
typedef struct sp_csv_ent {
	char *path;
	int header;
	unsigned char delim;
	sp_csv *csv; /* NULL if it failed to load */
	char *err;
} sp_csv_ent;

typedef struct sp_loader {
	sp_problems *pr;
	int syntax;           /* the text is not JSON: pr says where */
	const char *base_dir; /* relative data files resolve against it */
	sp_model m;
	/* Pass 1 only. */
	sp_nameset series_ix, fig_names;
	sp_csv_ent *csv;
	size_t ncsv, csv_cap;
	sp_figopt defaults;
	size_t text_mark; /* the arena before the first figure's text */
	/* The figures, built as pass 1 reads them; owned until handed over. */
	shmplot_figure **figs;
	size_t nfigs;
	/* Figures built: shard k of n (1 of 1: all). */
	unsigned shard_k, shard_n;
	/* For a shard: 1 for each series its built figures use (NULL: all). */
	uint8_t *used;
	/* 1 for each figure whose lines are in an "axes" array: the form of
	 * its items' paths (NULL when out of memory: figures[i].lines[k]) */
	uint8_t *axes_form;
	/* Every series' length (v NULL), for the kinds' rules in pass 1;
	 * made at the first item with a kind. */
	spr_series *lens;
	/* The caller's flag: set, the load stops (NULL: none). */
	volatile int *cancel;
	/* References to series already refused (their problem listed at
	 * the definition, none added at the reference): a kind's rules must
	 * not run on an item that holds one */
	size_t bad_refs;
} sp_loader;

/* Frees what the loader holds (model, CSV tables, name sets). */
void sp_loader_free(sp_loader *l);

/* A loaded spec (load.c; deferred.c fills a deferred one). */
struct shmplot_spec {
	shmplot_data *data;
	shmplot_figure **figs; /* NULL for other shards' figures */
	size_t nfig;
	size_t filled, points; /* series computed or read, their points */
	sp_problems pr;
	/* defer_fill: the loader (its model, CSV tables, used[]) until
	 * shmplot_spec_fill(); else NULL */
	sp_loader *deferred;
	/* the series' definition keys, made as asked (sp_spec_key_slots) */
	unsigned char (*dkey)[16];
	uint8_t *dkey_done;
	sp_file_digests files; /* of their data files */
};

/* Pass 2 for figures already built: the segment of the series used
 * (l->used; NULL: all), sealed, into spec (load.c). */
shmplot_status sp_spec_pass2(sp_loader *l, shmplot_spec *spec);
/* Drops the spec's figures, data, deferred loader and keys (load.c). */
void sp_spec_drop(shmplot_spec *spec);
/* The end of a load or a fill with status st: out of memory if the
 * problems say so, the spec dropped if it failed, its problems closed
 * (load.c). Returns the status. */
shmplot_status sp_spec_load_end(shmplot_spec *spec, shmplot_status st);

/*
 * The kinds' rules on the values, once the segment is filled (values.c):
 * each broken one listed at its item's path. SHMPLOT_OK, or
 * SHMPLOT_E_INVALID / SHMPLOT_E_NOMEM.
 */
shmplot_status sp_values_check(sp_loader *l, shmplot_figure *const *figs,
			       size_t nfig, const shmplot_data *data);

/*
 * Pass 1. Each lists its problems in l->pr and returns SHMPLOT_OK,
 * SHMPLOT_E_INVALID when it listed a problem (or met a broken series), or
 * SHMPLOT_E_NOMEM (l->pr->nomem is then set and the load stops).
 */

/* All of pass 1 over len bytes of JSON text (stream.c). */
shmplot_status sp_pass1(sp_loader *l, const char *json, size_t len);

/*
 * The "series" object (series.c), as stream.c reads it: room for n
 * definitions (too many is a problem), then each one's name in order,
 * then each definition (parsed alone) in the same order.
 */
shmplot_status sp_series_begin(sp_loader *l, size_t n);
void sp_series_name(sp_loader *l, const char *name);
shmplot_status sp_series_define(sp_loader *l, const cJSON *def, size_t i);

/*
 * A reference to one of the first `before` series, by name: its index in
 * *ix. A reference to a broken series is E_INVALID without a message.
 */
shmplot_status sp_series_ref(sp_loader *l, const cJSON *it, const char *path,
			     size_t before, uint32_t *ix);

/*
 * Series ix where a 1-D (want2d 0) or a 2-D series (want2d 1) is expected,
 * for `what` (a kind's field, "y"): SHMPLOT_OK, or E_INVALID with the
 * problem listed at path.
 */
shmplot_status sp_series_dims(sp_loader *l, uint32_t ix, int want2d,
			      const char *what, const char *path);

/*
 * The figures (figures.c), as stream.c reads them: "defaults" (NULL if
 * absent), then room for n figures, then each figure object (parsed alone)
 * in order. A figure is built as soon as it is described, unless a problem
 * has been listed (nothing is built from a bad spec).
 */
void sp_figures_defaults(sp_loader *l, const cJSON *defaults);
shmplot_status sp_figures_begin(sp_loader *l, size_t n);
void sp_figure_add(sp_loader *l, const cJSON *obj, size_t idx);

/* One line object at path (lines.c); *out is filled when SHMPLOT_OK. */
shmplot_status sp_line_parse(sp_loader *l, const cJSON *obj, const char *path,
			     sp_line_def *out);

/*
 * An entry of "lines" with a "kind" (items.c), as sp_line_parse: *out
 * holds an item (freed with sp_lines_free) when SHMPLOT_OK.
 */
shmplot_status sp_item_parse(sp_loader *l, const cJSON *obj, const char *path,
			     sp_line_def *out);
/* Sets used[s] for every series s the item d refers to. */
void sp_item_mark_used(const sp_line_def *d, uint8_t *used);
/* Marks the series of d's SPR_FF_EXTREMES fields: their extremes are
 * recorded as they are computed (compute.c). */
void sp_item_mark_extremes(const sp_line_def *d, sp_model *m);
/* Frees the items of m's lines and forgets the lines. */
void sp_lines_free(sp_model *m);

/* ---- tick options and twins of an axes entry (axis_spec.c) ---- */

/* The keys of an axes entry (or a figure's own axes) they take. */
#define SP_AXIS_KEYS                                                           \
	"xticks", "yticks", "xticklabels", "yticklabels", "tick_params",       \
	    "minorticks", "xformatter", "yformatter", "twinx", "twiny",        \
	    "linthresh", "linscale", "tz", "spines"
/* ---- date series (date_series.c) ---- */

/* 1 if a values list holds dates: its first value not null is a string
 * that starts "YYYY-". */
int sp_values_are_dates(const cJSON *v);
/* Such a list (at path) into s->u.values as Unix seconds, s->date set;
 * each bad value listed at its index. */
shmplot_status sp_values_dates(sp_loader *l, sp_series_def *s, const cJSON *v,
			       const char *path);
/* Whether binary series s (operands set) is a date series. */
int sp_binary_date(const sp_loader *l, const sp_series_def *s);
/* Lists column ix of e's problems as a date column; 1 if any. */
int sp_csv_dates(sp_loader *l, const sp_csv_ent *e, size_t ix,
		 const char *path);

/* An axis of dims (1: x, 2: y) whose scale is not given and on which a
 * line plots a date series ("x" or "y") becomes a date axis, as
 * matplotlib's units do (a twin: its own axis only). */
void sp_axes_dates(sp_loader *l, sp_axes_def *a, unsigned dims);
/* Reads them from obj (at path) into a; a twin's lines go to m.lines. */
void sp_axis_parse(sp_loader *l, const cJSON *obj, const char *path,
		   sp_axes_def *a);
/* Frees what sp_axis_parse gave a (its options, its twin). */
void sp_axis_free(sp_axes_def *a);
/* Sets them on ax through the public API (pass 2). */
shmplot_status sp_axis_build(const sp_model *m, const sp_axes_def *a,
			     shmplot_axes *ax);
/* figures.c: the "lines" of an axes entry into a (at path). */
void sp_axes_lines(sp_loader *l, sp_axes_def *a, const cJSON *lines,
		   const char *path);
/* figures.c: the options of an axes entry present in obj, over o. */
void sp_axes_opts_parse(sp_loader *l, const cJSON *obj, const char *path,
			sp_axes_opts *o);
/* figures.c: the options o and the lines of a on ax (pass 2). */
shmplot_status sp_axes_build_twin(const sp_model *m, const sp_axes_def *a,
				  shmplot_axes *ax);
/* dashes.c: a line's linestyle given as a dash tuple [offset, [on, off,
 * ...]] into the kind's dashes and dash_offset (listed problems at path);
 * the bits of the fields set. */
uint64_t sp_dash_tuple(sp_loader *l, const spr_kind *k, const cJSON *it,
		       const char *path, void *params);
/* items.c: one key's value by the type of field f into params. */
void sp_field_read(sp_loader *l, const cJSON *it, const char *path,
		   const spr_field *f, void *params);
/* items.c: field f of params through the public item API. */
shmplot_status sp_field_build(const sp_model *m, shmplot_item *h,
			      const spr_field *f, const void *params);

/*
 * Pass 2, only after a pass 1 without problems (problems the public API
 * finds while pass 1 builds a figure, such as a figure too large or text
 * that is not UTF-8, are listed at their JSON path).
 */

/*
 * The series to fill (compute.c): used (NULL: every series) gains the
 * series each used one is computed from, and theirs. *nfill and
 * *npoints: how many series and points that is. SHMPLOT_E_INVALID
 * (listed) if the points overflow.
 */
shmplot_status sp_segment_plan(const sp_model *m, uint8_t *used,
			       sp_problems *pr, size_t *nfill, size_t *npoints);

/*
 * Creates the segment with every series of m (its id its index), fills
 * the used ones (NULL: all; the others have no points) and seals it.
 * SHMPLOT_E_INTERRUPTED (listed, nothing created) once *cancel (may be
 * NULL) is set.
 */
shmplot_status sp_segment_build(const sp_model *m, const uint8_t *used,
				size_t npoints, volatile int *cancel,
				sp_problems *pr, shmplot_data **out);

/*
 * One line on ax (lines.c). On failure the message is the figure's
 * (shmplot_figure_errmsg()); the caller lists it at the line's path.
 */
shmplot_status sp_line_build(const sp_model *m, const sp_line_def *d,
			     shmplot_axes *ax);
/* The same for an item with a kind (items.c). */
shmplot_status sp_item_build(const sp_model *m, const sp_line_def *d,
			     shmplot_axes *ax);

/* Reads the figure options of obj over o (pass 1). */
/* legend_spec.c: a "legend" object over o (its loc too), and its options
 * on ax (pass 2). */
void sp_legend_parse(sp_loader *l, const cJSON *it, const char *path,
		     sp_axes_opts *o);
/* legend_spec.c: "title"/"xlabel"/"ylabel" as {"text", "fontsize",
 * "fontweight", "fontstyle"}: the text into *text, the font over *f. */
void sp_label_parse(sp_loader *l, const cJSON *it, const char *path,
		    uint32_t *text, sp_font_spec *f);
shmplot_status sp_legend_build(const sp_model *m, const sp_axes_opts *o,
			       shmplot_axes *ax);
/* figopts.c: a font size (points or a name such as "small", as minus its
 * factor of font.size) and a font weight (1 + its index in
 * spr_weight_names) at path into *out, else listed. */
void sp_size_parse(sp_loader *l, const cJSON *it, const char *path,
		   double *out);
void sp_weight_parse(sp_loader *l, const cJSON *it, const char *path,
		     uint8_t *out);
/* figopts.c: a background colour (a string, "none": SPR_NONE_COLOR, or
 * [r, g, b]) at path into *out, else listed. */
void sp_face_parse(sp_loader *l, const cJSON *it, const char *path,
		   uint32_t *out);
void sp_figtext_parse(sp_loader *l, const cJSON *obj, const char *path,
		      sp_figtext_opts *o);
/* o's texts not given. */
void sp_figtext_init(sp_figtext_opts *o);
/* Sets those given on fig (pass 2). */
shmplot_status sp_figtext_build(const sp_model *m, const sp_figtext_opts *o,
				shmplot_figure *fig);

#endif /* SHMPLOT_SPEC_MODEL_H */
