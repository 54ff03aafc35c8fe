/* SPDX-License-Identifier: MIT */
/*
 * shmplot: render batches of line-plot figures to PNG in parallel.
 *
 * The caller puts its arrays in a shared-memory data segment (or computes them
 * in place there), seals it, describes figures, and asks a renderer for a
 * batch. Worker processes (forked, or spawned when the caller has other
 * threads) see the sealed data read-only and are handed figures one at a
 * time; each draws its figure with cairo and encodes it as PNG (image data
 * deflated with zlib in stripes, framed by libpng). The last figures of a
 * batch are shared: workers that would otherwise idle draw one too and
 * deflate some of its stripes. The PNG bytes (and optionally the raw
 * pixels) come back to the caller with a status per figure; they are the
 * same bytes however the batch was shared out.
 *
 * Conventions for every function below:
 *  - Fallible calls return a shmplot_status; SHMPLOT_OK is 0. The detailed
 *    message lives on the handle the call was made on (shmplot_*_errmsg()),
 *    never in a process-global buffer.
 *  - Handles are opaque. Each is freed by its own *_free() function, which
 *    accepts NULL.
 *  - A handle may be used from any thread, but not from two threads at once.
 *    Distinct handles are independent.
 *  - The library never calls exit(), never prints, and never installs a
 *    signal handler.
 */
#ifndef SHMPLOT_H
#define SHMPLOT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the exported API; everything else in libshmplot.so is hidden. */
#if defined(SHMPLOT_BUILDING_SHARED) && defined(__GNUC__)
#define SHMPLOT_API __attribute__((visibility("default")))
#else
#define SHMPLOT_API
#endif

#define SHMPLOT_VERSION_MAJOR 0
#define SHMPLOT_VERSION_MINOR 3
#define SHMPLOT_VERSION_PATCH 0

/*
 * ABI (the README's "ABI" section says the same). libshmplot.so.N: N, the
 * SOVERSION, changes only when a program built against an earlier
 * shmplot.h could stop working; within one N, a program built against any
 * earlier header keeps working with a newer library:
 *  - functions are added, never removed; a function whose arguments change
 *    keeps the old behaviour under its old symbol version (SHMPLOT_0.1,
 *    ...), which programs built before were bound to;
 *  - structures the caller allocates (shmplot_render_opts,
 *    shmplot_diff_opts) begin with their size, set by their *_init(), and
 *    grow only at their end, every new field defaulting to 0: the library
 *    reads as much as the caller has;
 *  - structures the library allocates (shmplot_diff_result) grow only at
 *    their end: never allocate or copy one by its sizeof;
 *  - handles are opaque; enumerations only gain values;
 *  - SHMPLOT_MAX_* limits may grow.
 * Source compatibility may still change between 0.x minor versions (the
 * CMake package asks for the same minor version); the ABI does not.
 */

/*
 * Limits a caller meets, checked where the value is given (API call or
 * spec) with a message naming it. The renderer refuses figures over the
 * pixel limits before allocating anything.
 */
#define SHMPLOT_MAX_SERIES_NAME 63          /* bytes of a series name */
#define SHMPLOT_MAX_FIGURE_NAME 127         /* bytes of a figure name */
#define SHMPLOT_MAX_GRID        16          /* subplot rows, and columns */
#define SHMPLOT_MAX_DIM         32768       /* pixels per figure side */
#define SHMPLOT_MAX_PIXELS      67108864u   /* pixels per figure (64 Mi) */
#define SHMPLOT_MAX_POINTS      1000000000u /* points of a generated series */
#define SHMPLOT_MAX_SERIES      1048576u    /* series in a data segment */

/*
 * The per-figure time limit shmplot_render_opts_init() sets (and a NULL
 * opts gets), so a worker that never answers cannot hang
 * shmplot_render() for ever. 0 turns the limit off; a limit beyond 146
 * years is taken as 146 years (it never runs out, and never wraps).
 */
#define SHMPLOT_DEFAULT_TIMEOUT_S 300.0

typedef enum shmplot_status {
	SHMPLOT_OK = 0,
	SHMPLOT_E_INVALID,     /* a bad argument; the message says which */
	SHMPLOT_E_NOMEM,       /* out of memory, or a size that overflows */
	SHMPLOT_E_NOSPACE,     /* no room in /dev/shm for the data segment */
	SHMPLOT_E_SYSTEM,      /* a system call failed; the message has errno */
	SHMPLOT_E_STATE,       /* call not allowed now (e.g. adding to a sealed
				  segment) */
	SHMPLOT_E_NOT_FOUND,   /* no series with that name or id */
	SHMPLOT_E_FONT,        /* the font file could not be loaded */
	SHMPLOT_E_FIGURES,     /* the batch ran but some figures failed */
	SHMPLOT_E_INTERRUPTED, /* the batch was stopped by the caller */
	SHMPLOT_E_PNG,         /* PNG data could not be encoded or decoded */
	SHMPLOT_E_IO           /* reading or writing a file failed */
} shmplot_status;

/* A static English description of a status code. Never NULL. Thread-safe. */
SHMPLOT_API const char *shmplot_status_str(shmplot_status status);

/* The library version as "MAJOR.MINOR.PATCH". Static string. Thread-safe. */
SHMPLOT_API const char *shmplot_version(void);

/* ------------------------------------------------------------------------ */
/* Data segment                                                              */
/* ------------------------------------------------------------------------ */

typedef struct shmplot_data shmplot_data;

/* Index of a series in a data segment, in the order the series were added. */
typedef uint32_t shmplot_series;

/*
 * Creates an anonymous POSIX shared-memory segment with room for up to
 * max_series series (1 to SHMPLOT_MAX_SERIES) holding total_points doubles
 * in all. The memory is reserved up front, so a full /dev/shm is reported
 * here as SHMPLOT_E_NOSPACE (never as a SIGBUS later). The segment's name is
 * unlinked before this returns: nothing is left in /dev/shm even if the process
 * is killed.
 *
 * On success *out owns the segment; free it with shmplot_data_free(). On
 * failure *out is NULL and, if errbuf is not NULL, up to errlen bytes of the
 * message are copied there (there is no handle yet to hold it).
 */
SHMPLOT_API shmplot_status shmplot_data_new(shmplot_data **out,
					    size_t max_series,
					    size_t total_points, char *errbuf,
					    size_t errlen);

/* Unmaps the segment. Results already returned stay valid. NULL is a no-op. */
SHMPLOT_API void shmplot_data_free(shmplot_data *data);

/*
 * Copies n values into a new series called name (1 to 63 bytes of UTF-8,
 * unique within the segment). The caller keeps ownership of values. If id is
 * not NULL it receives the new series' index. SHMPLOT_E_STATE after sealing,
 * SHMPLOT_E_NOSPACE when the segment's capacity would be exceeded.
 */
SHMPLOT_API shmplot_status shmplot_data_add(shmplot_data *data,
					    const char *name,
					    const double *values, size_t n,
					    shmplot_series *id);

/*
 * Reserves a new series of n doubles and returns a writable pointer to it in
 * *values, so the caller can compute in place. The memory belongs to the
 * segment; the pointer is writable until shmplot_data_seal() and read-only
 * (writing faults) after it. The values start as 0.0.
 */
SHMPLOT_API shmplot_status shmplot_data_alloc(shmplot_data *data,
					      const char *name, size_t n,
					      double **values,
					      shmplot_series *id);

/*
 * Makes series id a 2-D array of rows x cols values (since 0.3): its
 * values, in the order they were added, are the rows one after the other
 * (row-major, numpy's C order), as "imshow" draws them. rows * cols must
 * be its length, both at least 1. A 2-D series is refused (when
 * rendering) where a 1-D one is expected, such as a line's y, and a 1-D
 * one where a 2-D one is. SHMPLOT_E_NOT_FOUND for an id out of range,
 * SHMPLOT_E_STATE after sealing, SHMPLOT_E_INVALID for a shape that does
 * not fit.
 */
SHMPLOT_API shmplot_status shmplot_data_set_shape(shmplot_data *data,
						  shmplot_series id,
						  size_t rows, size_t cols);

/*
 * The dimensions of series id as numpy's shape has them: 2 with *rows and
 * *cols for a 2-D series, 1 with *rows = its length and *cols = 0 for a
 * 1-D one, 0 if id is out of range (nothing stored). rows and cols may be
 * NULL. Since 0.3.
 */
SHMPLOT_API int shmplot_data_shape(const shmplot_data *data, shmplot_series id,
				   size_t *rows, size_t *cols);

/*
 * Makes the segment read-only for good: its writable mapping is replaced by
 * one made from a read-only descriptor, so not even mprotect() can make the
 * data writable again (should the kernel refuse the remapping, the pages
 * are write-protected instead), and a write to it (by the caller through a
 * pointer from shmplot_data_alloc(), or by a worker) faults. Pointers stay
 * valid for reading. Rendering requires a sealed segment. Sealing twice is
 * allowed and does nothing. SHMPLOT_E_SYSTEM if the segment cannot be made
 * read-only.
 */
SHMPLOT_API shmplot_status shmplot_data_seal(shmplot_data *data);

/* Looks a series up by name. SHMPLOT_E_NOT_FOUND if there is none. */
SHMPLOT_API shmplot_status shmplot_data_find(const shmplot_data *data,
					     const char *name,
					     shmplot_series *id);

/*
 * A read-only view of a series: its values and, in *n, its length. The
 * pointer belongs to the segment and lives until shmplot_data_free().
 * NULL if id is out of range.
 */
SHMPLOT_API const double *shmplot_data_values(const shmplot_data *data,
					      shmplot_series id, size_t *n);

/* The name of a series, owned by the segment; NULL if id is out of range. */
SHMPLOT_API const char *shmplot_data_name(const shmplot_data *data,
					  shmplot_series id);

/* Number of series added so far. */
SHMPLOT_API size_t shmplot_data_count(const shmplot_data *data);

/* Size in bytes of the shared mapping. */
SHMPLOT_API size_t shmplot_data_bytes(const shmplot_data *data);

/* The message of the last failed call on this handle ("" if none). */
SHMPLOT_API const char *shmplot_data_errmsg(const shmplot_data *data);

/* ------------------------------------------------------------------------ */
/* Figures                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct shmplot_figure shmplot_figure;
typedef struct shmplot_axes shmplot_axes;
typedef struct shmplot_line shmplot_line;
typedef struct shmplot_item shmplot_item;

typedef enum shmplot_linestyle {
	SHMPLOT_LINE_SOLID = 0,
	SHMPLOT_LINE_DASHED,
	SHMPLOT_LINE_DOTTED,
	SHMPLOT_LINE_DASHDOT,
	SHMPLOT_LINE_NONE /* markers only */
} shmplot_linestyle;

typedef enum shmplot_marker {
	SHMPLOT_MARKER_NONE = 0,
	SHMPLOT_MARKER_POINT,          /* "." */
	SHMPLOT_MARKER_CIRCLE,         /* "o" */
	SHMPLOT_MARKER_SQUARE,         /* "s" */
	SHMPLOT_MARKER_TRIANGLE,       /* "^" */
	SHMPLOT_MARKER_DIAMOND,        /* "D" */
	SHMPLOT_MARKER_PLUS,           /* "+" */
	SHMPLOT_MARKER_CROSS,          /* "x" */
	SHMPLOT_MARKER_TRIANGLE_DOWN,  /* "v" */
	SHMPLOT_MARKER_TRIANGLE_LEFT,  /* "<" */
	SHMPLOT_MARKER_TRIANGLE_RIGHT, /* ">" */
	SHMPLOT_MARKER_STAR,           /* "*" */
	SHMPLOT_MARKER_PENTAGON,       /* "p" */
	SHMPLOT_MARKER_HEXAGON1,       /* "h" */
	SHMPLOT_MARKER_HEXAGON2,       /* "H" */
	SHMPLOT_MARKER_THIN_DIAMOND,   /* "d" */
	SHMPLOT_MARKER_VLINE,          /* "|" (a line marker, as "+" "x") */
	SHMPLOT_MARKER_HLINE,          /* "_" */
	SHMPLOT_MARKER_TRI_DOWN,       /* "1" */
	SHMPLOT_MARKER_TRI_UP,         /* "2" */
	SHMPLOT_MARKER_TRI_LEFT,       /* "3" */
	SHMPLOT_MARKER_TRI_RIGHT       /* "4" */
} shmplot_marker;

/* Legend placement; the numbering follows matplotlib's loc codes. */
typedef enum shmplot_legend_loc {
	SHMPLOT_LEGEND_NONE = -1,
	SHMPLOT_LEGEND_BEST = 0,
	SHMPLOT_LEGEND_UPPER_RIGHT,
	SHMPLOT_LEGEND_UPPER_LEFT,
	SHMPLOT_LEGEND_LOWER_LEFT,
	SHMPLOT_LEGEND_LOWER_RIGHT,
	SHMPLOT_LEGEND_RIGHT,
	SHMPLOT_LEGEND_CENTER_LEFT,
	SHMPLOT_LEGEND_CENTER_RIGHT,
	SHMPLOT_LEGEND_LOWER_CENTER,
	SHMPLOT_LEGEND_UPPER_CENTER,
	SHMPLOT_LEGEND_CENTER
} shmplot_legend_loc;

typedef enum shmplot_scale {
	SHMPLOT_SCALE_LINEAR = 0,
	SHMPLOT_SCALE_LOG,
	/* matplotlib's "symlog": linear within +-linthresh, log beyond
	 * (shmplot_axes_set_linthresh; since 0.4) */
	SHMPLOT_SCALE_SYMLOG,
	/* dates: values are Unix seconds (UTC), ticked and labelled as
	 * matplotlib's AutoDateLocator and ConciseDateFormatter do; the
	 * axis kind's "tz" field (shmplot_axes_axis) is its zone offset in
	 * minutes east of UTC (since 0.4) */
	SHMPLOT_SCALE_DATE
} shmplot_scale;

/* Flags for shmplot_figure_set_grid(). */
#define SHMPLOT_SHARE_X 1u
#define SHMPLOT_SHARE_Y 2u

/*
 * Creates a figure called name of width_in x height_in inches at dpi dots
 * per inch. The name becomes the output file NAME.png, so it follows the
 * rule of a batch spec's figure names: 1 to 127 bytes of valid UTF-8, no
 * '/' or backslash, no control characters, no leading '.' and no "..".
 * Pass 0 for any of the three sizes to get matplotlib's default (6.4 x 4.8
 * in at 100 dpi). The figure starts with a single axes.
 * The caller owns *out and frees it with shmplot_figure_free(). On failure the
 * message is copied to errbuf (if not NULL).
 */
SHMPLOT_API shmplot_status shmplot_figure_new(shmplot_figure **out,
					      const char *name, double width_in,
					      double height_in, double dpi,
					      char *errbuf, size_t errlen);

/* Frees a figure and everything it owns (axes, lines). NULL is a no-op. */
SHMPLOT_API void shmplot_figure_free(shmplot_figure *fig);

/* The figure's name, owned by the figure. */
SHMPLOT_API const char *shmplot_figure_name(const shmplot_figure *fig);

/* Pixel size the figure will render at (rounded like matplotlib). */
SHMPLOT_API void shmplot_figure_pixel_size(const shmplot_figure *fig,
					   int *width, int *height);

/*
 * Turns the figure into a rows x cols grid of axes (1..16 each), optionally
 * sharing limits (SHMPLOT_SHARE_X, SHMPLOT_SHARE_Y). Existing axes contents
 * are discarded.
 */
SHMPLOT_API shmplot_status shmplot_figure_set_grid(shmplot_figure *fig,
						   int rows, int cols,
						   unsigned share);

/*
 * The axes at (row, col), owned by the figure (valid until the next
 * shmplot_figure_set_grid() or shmplot_figure_free()). NULL if out of range,
 * or out of memory for a figure of a loaded spec (kept compact until its
 * first change, which this call prepares).
 */
SHMPLOT_API shmplot_axes *shmplot_figure_axes(shmplot_figure *fig, int row,
					      int col);

/* The message of the last failed call on this figure, its axes or lines. */
SHMPLOT_API const char *shmplot_figure_errmsg(const shmplot_figure *fig);

/*
 * Figure-wide options by matplotlib's names. Text: "suptitle",
 * "supxlabel", "supylabel" (a copy of UTF-8; NULL removes it), placed as
 * matplotlib 3.6 places them (top centre at y 0.98, bottom centre at y
 * 0.01, left at x 0.02 rotated), the axes kept clear of them. Numbers,
 * font sizes as rcParams: "font.size" (10), "axes.titlesize" (large),
 * "axes.labelsize", "xtick.labelsize", "ytick.labelsize",
 * "legend.fontsize" (medium), "figure.titlesize", "figure.labelsize"
 * (large): points (> 0, at most 1000), or minus a factor of font.size
 * (matplotlib's "large" is -1.2, "small" -0.833); "transparent" 0 or 1
 * (savefig(transparent=True): the figure's and the axes' backgrounds
 * clear, an RGBA PNG). Font weights, set as
 * text by matplotlib's names ("bold", "semibold", "normal" ...):
 * "axes.titleweight", "axes.labelweight", "figure.titleweight",
 * "figure.labelweight" (normal). SHMPLOT_E_INVALID with
 * the figure's message for an unknown name or value. Not thread-safe on
 * one figure; no fork concerns.
 */
SHMPLOT_API shmplot_status shmplot_figure_set_text(shmplot_figure *fig,
						   const char *field,
						   const char *utf8);
SHMPLOT_API shmplot_status shmplot_figure_set_number(shmplot_figure *fig,
						     const char *field,
						     double v);
/*
 * A colour option, 0xRRGGBB: "facecolor" (matplotlib's figure.facecolor,
 * white), the figure's background, or SHMPLOT_COLOR_NONE: clear (the PNG
 * gets an alpha channel; the axes stay white unless their facecolor is
 * none too). A clear figure's whole background, axes included, is also
 * shmplot_figure_set_number(fig, "transparent", 1), matplotlib's
 * savefig(transparent=True). Same rules as the two above.
 */
SHMPLOT_API shmplot_status shmplot_figure_set_color(shmplot_figure *fig,
						    const char *field,
						    uint32_t rgb);

/*
 * Adds a line y against x. Pass SHMPLOT_NO_X for x to plot against the
 * index 0..n-1. label may be NULL (no legend entry). The line takes the next
 * colour of the tab10 cycle. If line is not NULL it receives a handle owned
 * by the figure, for styling. Series ids are checked when rendering.
 */
#define SHMPLOT_NO_X ((shmplot_series)UINT32_MAX)
SHMPLOT_API shmplot_status shmplot_axes_plot(shmplot_axes *ax, shmplot_series x,
					     shmplot_series y,
					     const char *label,
					     shmplot_line **line);

/*
 * The title and axis labels: UTF-8 (copied), NULL for none;
 * SHMPLOT_E_INVALID for text that is not UTF-8 or longer than 1 MiB. '\n'
 * starts a new line (in a line's label too); text wider than the figure
 * keeps its size and is clipped by the figure's edge, as matplotlib's is.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_title(shmplot_axes *ax,
						  const char *utf8);
SHMPLOT_API shmplot_status shmplot_axes_set_xlabel(shmplot_axes *ax,
						   const char *utf8);
SHMPLOT_API shmplot_status shmplot_axes_set_ylabel(shmplot_axes *ax,
						   const char *utf8);
/*
 * Explicit limits win over autoscaling; both finite and different. lo
 * above hi inverts the axis, as matplotlib's set_xlim(10, 0): the ticks
 * are those of [hi, lo], drawn from the other end.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_xlim(shmplot_axes *ax, double lo,
						 double hi);
SHMPLOT_API shmplot_status shmplot_axes_set_ylim(shmplot_axes *ax, double lo,
						 double hi);
SHMPLOT_API shmplot_status shmplot_axes_set_xscale(shmplot_axes *ax,
						   shmplot_scale s);
SHMPLOT_API shmplot_status shmplot_axes_set_yscale(shmplot_axes *ax,
						   shmplot_scale s);
SHMPLOT_API shmplot_status shmplot_axes_set_grid(shmplot_axes *ax, int on);
/*
 * matplotlib's ax.set_facecolor (axes.facecolor): the axes' background,
 * 0xRRGGBB (default white), or SHMPLOT_COLOR_NONE: none, the figure's
 * background shows through (clear where the figure's facecolor is "none"
 * too). SHMPLOT_E_INVALID for anything else. Not thread-safe on one figure.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_facecolor(shmplot_axes *ax,
						      uint32_t rgb);
/* Default: SHMPLOT_LEGEND_NONE. */
SHMPLOT_API shmplot_status shmplot_axes_set_legend(shmplot_axes *ax,
						   shmplot_legend_loc loc);
/*
 * By default the segment of a pole (as in tan x: it jumps across the whole
 * view between data that diverge towards it; the README says exactly when)
 * is not drawn; every other segment is. on = 1 draws pole segments too.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_pole_segments(shmplot_axes *ax,
							  int on);

/*
 * A line with far more points than the axes is wide in pixels is reduced
 * before drawing to the first, last, lowest and highest point of every
 * pixel column (M4), in one pass over the shared data: fast, and the same
 * picture up to anti-aliasing rounding (see README, Large series). Other
 * lines are simplified as matplotlib does by default: points within 1/9
 * px of the straight path through their neighbours are left out. on = 1
 * strokes every point instead (slow for millions of points).
 */
SHMPLOT_API shmplot_status shmplot_axes_set_exact(shmplot_axes *ax, int on);

/*
 * matplotlib's ax.margins(x, y): autoscaled limits pad the data by these
 * fractions of its span (in log space on a log axis), default 0.05 each
 * (axes.xmargin, axes.ymargin); above -0.5 and at most 100. Explicit
 * limits are not padded. Not thread-safe on one figure; no fork concerns.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_margins(shmplot_axes *ax, double x,
						    double y);

/*
 * matplotlib's ax.set_aspect(aspect) with its default adjustable "box":
 * a y unit is aspect times an x unit on screen (1 for "equal"; in decades
 * on a log axis), kept by shrinking the axes box about its centre; the
 * limits stay. 0 is "auto" (the default, but for an axes with an image,
 * which is "equal" unless set), else at most 1e6. Not thread-safe on one
 * figure; no fork concerns.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_aspect(shmplot_axes *ax,
						   double aspect);

/* Colour as 0xRRGGBB. */
SHMPLOT_API shmplot_status shmplot_line_set_color(shmplot_line *line,
						  uint32_t rgb);
/* 0 (transparent) to 1 (opaque); default 1. */
SHMPLOT_API shmplot_status shmplot_line_set_alpha(shmplot_line *line,
						  double alpha);
/* Width in points (default 1.5). */
SHMPLOT_API shmplot_status shmplot_line_set_width(shmplot_line *line,
						  double points);
SHMPLOT_API shmplot_status shmplot_line_set_style(shmplot_line *line,
						  shmplot_linestyle style);
/* size_pt 0 selects matplotlib's default marker size (6 pt). */
SHMPLOT_API shmplot_status shmplot_line_set_marker(shmplot_line *line,
						   shmplot_marker marker,
						   double size_pt);

/* ------------------------------------------------------------------------ */
/* Plotted items of every kind (since 0.3)                                   */
/* ------------------------------------------------------------------------ */

/*
 * Any kind of plotted item, by matplotlib's name for it and its argument
 * names: the README's "Plot kinds" lists every kind with its fields, their
 * types, defaults and ranges. Today: "plot" (also "line": what
 * shmplot_axes_plot() adds), "errorbar", "bar", "barh", "step",
 * "axhline", "axvline", "axhspan", "axvspan".
 *
 * shmplot_axes_add() appends an item of the kind to ax with every field at
 * matplotlib's default; item (may be NULL) receives a handle owned by the
 * figure, valid until the figure is freed or its grid set again. The
 * setters change one field by name; a field of the wrong name or type, or
 * a value out of its range, is SHMPLOT_E_INVALID with a message
 * (shmplot_figure_errmsg()) naming the kind and the field and what it
 * accepts, and leaves the item unchanged. A series field that must be
 * given (a line's y) is checked when rendering, as are series ids and
 * lengths. Items draw in matplotlib's zorder: patches (spans) under the
 * grid and lines, then lines, each group in the order added.
 * Not thread-safe on one figure; no fork concerns (plain memory).
 */
#define SHMPLOT_NO_SERIES ((shmplot_series)UINT32_MAX)
SHMPLOT_API shmplot_status shmplot_axes_add(shmplot_axes *ax, const char *kind,
					    shmplot_item **item);
/* The kind's name as the table lists it ("line" for "plot"). */
SHMPLOT_API const char *shmplot_item_kind(const shmplot_item *item);
/* The item handle of a line from shmplot_axes_plot() (owned by its figure). */
SHMPLOT_API shmplot_item *shmplot_line_item(shmplot_line *line);

/* A number field, or a whole-number one (a flag 0/1, a count, or an
 * enumeration by its number). */
SHMPLOT_API shmplot_status shmplot_item_set_number(shmplot_item *item,
						   const char *field,
						   double value);
/* An enumeration by name ("where": "mid"; "linestyle": "dashed" or
 * "--"). */
SHMPLOT_API shmplot_status shmplot_item_set_choice(shmplot_item *item,
						   const char *field,
						   const char *choice);
/* A series field (SHMPLOT_NO_SERIES: none, for an optional one such as
 * x). */
SHMPLOT_API shmplot_status shmplot_item_set_series(shmplot_item *item,
						   const char *field,
						   shmplot_series series);
/* A colour field, 0xRRGGBB, or SHMPLOT_COLOR_NONE (matplotlib's "none")
 * where the field takes it (markerfacecolor, markeredgecolor, scatter's
 * facecolors). */
#define SHMPLOT_COLOR_NONE 0x01000000u
SHMPLOT_API shmplot_status shmplot_item_set_color(shmplot_item *item,
						  const char *field,
						  uint32_t rgb);
/* A text field: a copy of UTF-8 text (NULL: none). */
SHMPLOT_API shmplot_status shmplot_item_set_text(shmplot_item *item,
						 const char *field,
						 const char *utf8);
/* An array field: a copy of values[0 .. n). */
SHMPLOT_API shmplot_status shmplot_item_set_array(shmplot_item *item,
						  const char *field,
						  const double *values,
						  size_t n);
/* A list-of-strings field: copies of the n UTF-8 strings. */
SHMPLOT_API shmplot_status shmplot_item_set_strings(shmplot_item *item,
						    const char *field,
						    const char *const *strings,
						    size_t n);

/* ------------------------------------------------------------------------ */
/* Ticks and twin axes (since 0.4)                                           */
/* ------------------------------------------------------------------------ */

/*
 * The tick options of axis 'x' or 'y' of ax as an item handle (owned by
 * the figure, valid until it is freed or its grid set again), set with
 * the shmplot_item_set_* calls by matplotlib's names: "ticks" (array) and
 * "labels" (strings, one per tick) with "fixed" 1 (set_xticks; the ticks
 * widen the autoscaled view to include them), "rotation" (degrees), "ha"
 * ("auto", "center", "left", "right"), "rotation_mode" ("default",
 * "anchor"), "format" ("%.2f" FormatStrFormatter or "{x:.0%}"
 * StrMethodFormatter style; the README lists the subset), "minor" (1:
 * AutoMinorLocator on a linear axis), and tick_params' "direction",
 * "minor_direction" ("out", "in", "inout"), "length", "width", "pad"
 * and their "minor_" forms (points), "labelsize" (points), "color",
 * "labelcolor", "tick1"/"tick2" (marks bottom or left / top or right)
 * and "label1"/"label2" (their labels). Out-of-range values are
 * SHMPLOT_E_INVALID with a message; a format outside the subset and a
 * label count other than the tick count are reported when rendering.
 * Not thread-safe on one figure; no fork concerns (plain memory).
 */
SHMPLOT_API shmplot_status shmplot_axes_axis(shmplot_axes *ax, char axis,
					     shmplot_item **options);
/*
 * Options of ax as an item handle (owned by the figure, valid until it is
 * freed or its grid set again), set with the shmplot_item_set_* calls by
 * matplotlib's names. what "legend" (ax.legend()'s keywords; the location
 * stays shmplot_axes_set_legend's): "ncols" (1..64, filled column by
 * column), "title" (text), "fontsize" and "title_fontsize" (points, or
 * minus a factor of font.size as shmplot_figure_set_number's sizes;
 * defaults legend.fontsize and font.size), "frameon" (0: no frame),
 * "bbox_to_anchor" (array of 2 or 4 axes fractions: the point or box the
 * location's corner is anchored to, as matplotlib's; the layout keeps a
 * legend outside the axes in the figure, see README), "borderaxespad"
 * (font sizes, 0.5). what "title", "xlabel", "ylabel": that text's font,
 * set_title(fontsize=, fontweight=, fontstyle=): "fontsize" (as above;
 * default the rcParams'), "fontweight" (matplotlib's names, "default"
 * for the rcParams'), "fontstyle" ("normal", "italic", "oblique").
 * SHMPLOT_E_INVALID with the figure's message for another what or a value
 * out of range; a bbox_to_anchor of another length is reported when
 * rendering. Not thread-safe on one figure; no fork concerns. Since 0.4.
 */
SHMPLOT_API shmplot_status shmplot_axes_options(shmplot_axes *ax,
						const char *what,
						shmplot_item **options);
/* set_xticks(ticks, labels): n positions and (labels not NULL) a label
 * each, copied; n 0 leaves the axis without ticks. */
SHMPLOT_API shmplot_status shmplot_axes_set_ticks(shmplot_axes *ax, char axis,
						  const double *ticks, size_t n,
						  const char *const *labels);
/*
 * set_xscale("symlog", linthresh=, linscale=) for axis 'x' or 'y' (its
 * scale set with shmplot_axes_set_xscale/yscale(SHMPLOT_SCALE_SYMLOG)):
 * linear within +-linthresh (default 2), that half as wide as linscale
 * decades (default 1), base 10. Both must be positive, else
 * SHMPLOT_E_INVALID with a message.
 */
SHMPLOT_API shmplot_status shmplot_axes_set_linthresh(shmplot_axes *ax,
						      char axis,
						      double linthresh,
						      double linscale);
/*
 * matplotlib's ax.twinx() / ax.twiny(): a second axes in ax's box sharing
 * its x (twinx) or y (twiny) limits, with its own items, scale, limits,
 * label and ticks on the right (top); its shared axis is not drawn. *twin
 * (owned by the figure, valid as ax) takes the axes calls; one twin per
 * axes, none of a twin. As matplotlib's, its colour cycle starts at C0
 * again and its items draw over ax's.
 */
SHMPLOT_API shmplot_status shmplot_axes_twinx(shmplot_axes *ax,
					      shmplot_axes **twin);
SHMPLOT_API shmplot_status shmplot_axes_twiny(shmplot_axes *ax,
					      shmplot_axes **twin);
/* on = 1: the twin's labelled items join its parent's legend, after the
 * parent's own (matplotlib's ax.legend(h1 + h2, l1 + l2)). Default 0. */
SHMPLOT_API shmplot_status shmplot_axes_set_twin_legend(shmplot_axes *twin,
							int on);

/* ------------------------------------------------------------------------ */
/* Renderer and batches                                                      */
/* ------------------------------------------------------------------------ */

typedef struct shmplot_renderer shmplot_renderer;
typedef struct shmplot_results shmplot_results;

/*
 * Creates a renderer. font_path names the TrueType font to draw text with;
 * NULL means $SHMPLOT_FONT if set, else the DejaVu Sans file found when
 * shmplot was built. The font is read once, here, so workers never look a
 * font up. Glyphs it lacks (CJK) come from the fallback font files
 * ($SHMPLOT_FONT_FALLBACK, colon-separated, else the build's list), each
 * read by a worker the first time it needs one. The caller owns *out
 * (free with shmplot_renderer_free()).
 */
SHMPLOT_API shmplot_status shmplot_renderer_new(shmplot_renderer **out,
						const char *font_path,
						char *errbuf, size_t errlen);

SHMPLOT_API void shmplot_renderer_free(shmplot_renderer *r);

/* The font file in use, owned by the renderer. */
SHMPLOT_API const char *shmplot_renderer_font_path(const shmplot_renderer *r);

/* The message of the last failed call on this renderer ("" if none). */
SHMPLOT_API const char *shmplot_renderer_errmsg(const shmplot_renderer *r);

/*
 * Since 0.5: from now on r keeps its worker processes alive between
 * shmplot_render() calls ("warm" workers: a batch on them starts no
 * process, loads no font and draws on pixel memory already faulted in).
 * jobs: how many a batch uses when its opts->jobs is 0 (0 = the number of
 * CPUs); a batch asking for more starts more, and they are kept too.
 * idle_timeout_s: a worker idle that long between batches exits (0 =
 * never; finite, >= 0); the next batch starts a replacement. Calling it
 * again changes both. SHMPLOT_E_INVALID, SHMPLOT_E_NOMEM.
 *
 * Kept workers are always spawned shmplot-worker processes (shmplot_render
 * says which executable), so they are safe to start from any thread. Each
 * batch's sealed data segment and figure description (and, with
 * want_pixels, its pixel buffer) are handed to them as descriptors over
 * their socket; they unmap them before shmplot_render() returns, so the
 * caller may free the data at once. Small pixel buffers (up to 8 MB, a
 * seed batch's is 4.3) are the exception: the renderer keeps up to two
 * whose results were freed, and lends two out at most, each with its
 * descriptor (so r holds at most four descriptors of pixel buffers; other
 * results hold none), and the workers keep their mappings of the last
 * four, so a loop of batches writes its pixels into memory already faulted
 * in (releasing the workers frees those the renderer keeps). A worker that
 * dies between batches (killed, crashed, idle too long) costs no figure:
 * the next batch reaps it and starts another. One that dies during a batch
 * costs its figure, as without kept workers; a figure over its timeout
 * kills its worker, and a stopped batch (opts->cancel) ends all of them.
 * They exit when the caller does (even if it is SIGKILLed), and
 * shmplot_renderer_free() or shmplot_renderer_release_workers() reaps
 * them.
 *
 * Threads: one thread at a time may render with r (another gets
 * SHMPLOT_E_STATE, without waiting); the workers die with the thread that
 * started them (PR_SET_PDEATHSIG), so keep a renderer in a thread that
 * outlives its batches, or accept that the next batch replaces them. Fork:
 * a process forked from the caller never uses the caller's workers or
 * pixel buffers; its first batch starts its own, and freeing r (or
 * results) there leaves the parent's alone and never waits for a lock
 * another thread held at the fork.
 */
SHMPLOT_API shmplot_status shmplot_renderer_keep_workers(shmplot_renderer *r,
							 int jobs,
							 double idle_timeout_s);

/*
 * Since 0.5: reaps the workers r keeps and stops keeping them (batches
 * start their own again until shmplot_renderer_keep_workers()).
 * SHMPLOT_E_STATE while another thread renders with r.
 */
SHMPLOT_API shmplot_status
shmplot_renderer_release_workers(shmplot_renderer *r);

/*
 * Since 0.5: the process ids of the workers r keeps now, up to n of them
 * into pids (may be NULL with n 0); returns how many there are. 0 while
 * another thread renders with r. For tests and monitoring.
 */
SHMPLOT_API size_t shmplot_renderer_workers(shmplot_renderer *r, long *pids,
					    size_t n);

/* Per-figure outcome. */
typedef enum shmplot_fig_status {
	SHMPLOT_FIG_OK = 0,
	SHMPLOT_FIG_ERROR,   /* the renderer reported an error (message) */
	SHMPLOT_FIG_CRASHED, /* the worker died from a signal, or vanished */
	SHMPLOT_FIG_TIMEOUT, /* took longer than the timeout; worker killed */
	SHMPLOT_FIG_NOT_RUN  /* the batch stopped before this figure ran */
} shmplot_fig_status;

/* Static English name of a figure status ("ok", "error", ...). */
SHMPLOT_API const char *shmplot_fig_status_str(shmplot_fig_status s);

/*
 * Called in the caller's process, on the thread that called
 * shmplot_render(), as each figure finishes (in completion order, not batch
 * order). Returning non-zero stops the batch: figures not yet finished are
 * reported SHMPLOT_FIG_NOT_RUN and shmplot_render() returns
 * SHMPLOT_E_INTERRUPTED.
 */
typedef int (*shmplot_result_fn)(void *userdata, const shmplot_results *res,
				 size_t index);

/*
 * Output formats (since 0.3), a set of them in shmplot_render_opts.formats:
 * each figure is drawn once per format by the same code. PDF: one page
 * the figure's size in points, text as embedded subset fonts (selectable),
 * lines as paths. SVG: glyphs as paths. Long lines are reduced as for the
 * PNG (shmplot_axes_set_exact() writes every point), so a rasteriser at
 * the figure's dpi gives the PNG's picture up to anti-aliasing. The bytes
 * are deterministic: no dates, no process-dependent ids.
 */
typedef enum shmplot_format {
	SHMPLOT_FORMAT_PNG = 1,
	SHMPLOT_FORMAT_PDF = 2,
	SHMPLOT_FORMAT_SVG = 4
} shmplot_format;
#define SHMPLOT_FORMATS_ALL 7u

/*
 * Options of a batch. Initialise with shmplot_render_opts_init(), then set
 * fields: the structure grows at its end (ABI, above), and size tells the
 * library how much of it the caller has.
 */
typedef struct shmplot_render_opts {
	/* sizeof(shmplot_render_opts) as the caller was compiled; set by
	 * shmplot_render_opts_init(). */
	size_t size;
	/*
	 * Most worker processes; 0 = number of CPUs. No more are started
	 * than there is work for: one a figure, or, for fewer figures than
	 * jobs, one a PNG stripe of the figures workers can share (a
	 * 1200 x 300 figure has 4).
	 */
	int jobs;
	/*
	 * Per figure, from when a worker starts on it; finite, >= 0; 0 = no
	 * limit. Default SHMPLOT_DEFAULT_TIMEOUT_S. Time the caller's job was
	 * stopped (Ctrl-Z, SIGSTOP to its process group) does not count, nor
	 * does a spawned worker's start-up: that has its own limit, the
	 * larger of timeout_s and 10 s (none with 0), past which the worker
	 * is killed and its figure is SHMPLOT_FIG_TIMEOUT.
	 */
	double timeout_s;
	int want_pixels; /* also return raw pixels (RGBA8, unpremultiplied) */
	int png_level;   /* zlib level 0..9; -1 = shmplot's default */
	shmplot_result_fn on_result; /* may be NULL */
	void *userdata;
	/*
	 * With discard_outputs set, each figure's PNG and pixels are freed
	 * right after on_result returns, so a huge batch runs in bounded
	 * memory; statuses and messages are kept.
	 */
	int discard_outputs;
	/* Set to non-zero (e.g. from a signal handler) to stop the batch. */
	volatile int *cancel;
	/*
	 * Since 0.3: the formats to produce, shmplot_format values or'ed
	 * together; 0 = PNG only. Tail sharing (PNG stripes) is off when a
	 * vector format is asked for; want_pixels needs PNG.
	 */
	unsigned formats;
	/* Fields added later go here, each with 0 as its default. */
} shmplot_render_opts;

/*
 * Fills the size bytes at opts with the defaults (jobs 0: CPUs; timeout_s
 * SHMPLOT_DEFAULT_TIMEOUT_S; png_level -1; the rest 0) and opts->size
 * with size.
 * Call it through shmplot_render_opts_init(), which passes the size of the
 * structure the caller was compiled with.
 */
SHMPLOT_API void shmplot_render_opts_init_size(shmplot_render_opts *opts,
					       size_t size);
/* Fills opts with the defaults (and its size). */
#define shmplot_render_opts_init(opts)                                         \
	shmplot_render_opts_init_size((opts), sizeof *(opts))

/*
 * Renders nfig figures from the sealed data segment in worker processes
 * and returns their results in *out (always set on SHMPLOT_OK,
 * SHMPLOT_E_FIGURES and SHMPLOT_E_INTERRUPTED; free with
 * shmplot_results_free()). Returns SHMPLOT_OK only if every figure rendered.
 * One figure that fails, crashes or times out never costs the others.
 *
 * Figures and data are only read. Every worker has been reaped and every
 * descriptor closed by the time this returns. opts may be NULL (defaults);
 * SHMPLOT_E_INVALID if its size is not one shmplot_render_opts_init() set,
 * or it sets fields this library does not know (a newer header).
 * Threads: safe to call from a multithreaded process. When the calling
 * process has only one thread, workers are forked (the fast path); when it
 * has others (which might hold cairo, FreeType or malloc locks across a
 * fork), workers are started with posix_spawn from the shmplot-worker
 * executable instead: $SHMPLOT_WORKER if set, else the one of the same
 * install, found relative to the loaded libshmplot.so (or the program
 * linking libshmplot.a): <libexecdir>/shmplot/shmplot-worker, then the
 * same directory (a build tree); a moved install finds its own, and no
 * path of the build machine is used. Other threads may call
 * shmplot_render() at the same time with their own renderer handles.
 * All signals are blocked around fork, and the caller's signal handlers,
 * SIGCHLD disposition and own waitpid(-1) calls are tolerated.
 */
SHMPLOT_API shmplot_status shmplot_render(
    shmplot_renderer *r, const shmplot_data *data, shmplot_figure *const *figs,
    size_t nfig, const shmplot_render_opts *opts, shmplot_results **out);

/*
 * Frees the results and everything they own (PNG bytes, pixels, names and
 * messages). NULL is a no-op.
 */
SHMPLOT_API void shmplot_results_free(shmplot_results *res);

/*
 * The accessors below only read: any number of threads may call them on
 * the same results at once. An index out of range (or res NULL) reads as a
 * figure that did not run: SHMPLOT_FIG_NOT_RUN, no name, "", 0, NULL.
 */

/* Number of figures in the batch (nfig). */
SHMPLOT_API size_t shmplot_results_count(const shmplot_results *res);
/* Number of figures whose status is not SHMPLOT_FIG_OK. */
SHMPLOT_API size_t shmplot_results_failed(const shmplot_results *res);

/* The outcome of figure i (in batch order). */
SHMPLOT_API shmplot_fig_status
shmplot_results_status(const shmplot_results *res, size_t i);
/* The figure's name, owned by res. */
SHMPLOT_API const char *shmplot_results_name(const shmplot_results *res,
					     size_t i);
/* What went wrong ("" when ok), owned by res. */
SHMPLOT_API const char *shmplot_results_message(const shmplot_results *res,
						size_t i);
/* The signal that killed the worker, for SHMPLOT_FIG_CRASHED; else 0. */
SHMPLOT_API int shmplot_results_signal(const shmplot_results *res, size_t i);
/*
 * Seconds workers spent on the figure (render + encode), summed over every
 * worker that took part: the last figures of a batch are shared by workers
 * that would otherwise idle, each drawing it and deflating part of its PNG.
 */
SHMPLOT_API double shmplot_results_seconds(const shmplot_results *res,
					   size_t i);

/*
 * The figure's PNG bytes, owned by res (NULL if the figure failed or its
 * outputs were discarded). *len receives the size.
 */
SHMPLOT_API const unsigned char *shmplot_results_png(const shmplot_results *res,
						     size_t i, size_t *len);

/*
 * Since 0.3: the figure's bytes in format (one shmplot_format value), owned
 * by res; NULL if that format was not asked for, the figure failed or its
 * outputs were discarded. *len receives the size.
 */
SHMPLOT_API const unsigned char *
shmplot_results_output(const shmplot_results *res, size_t i,
		       shmplot_format format, size_t *len);

/*
 * The figure's pixels as RGBA8 rows, owned by res; NULL unless want_pixels
 * was set and the figure rendered. width, height and stride may be NULL.
 * Workers write them straight into a shared memory buffer the results
 * map (each figure's page-aligned), so no copy of them crosses a socket.
 */
SHMPLOT_API const unsigned char *
shmplot_results_pixels(const shmplot_results *res, size_t i, int *width,
		       int *height, size_t *stride);

/* ---- Since 0.6: keys for incremental batches (README "Incremental
 * batches") ---- */

/* 16 bytes naming what one figure's file in one format is rendered from. */
typedef struct shmplot_key {
	unsigned char bytes[16];
} shmplot_key;

/*
 * Fills keys[i] (nfig of them, the caller's) with figure figs[i]'s key for
 * its file in format (one shmplot_format value) when rendered by r from
 * data with opts (NULL: the defaults; only png_level matters). Two keys
 * are equal only if the files would be byte-identical, up to an accidental
 * 128-bit collision: a key covers the figure after its defaults, the
 * values (length, shape, every value) of exactly the series it draws,
 * the format and PNG level, the font files the renderer may draw from
 * (its font, the family's faces, the fallback fonts) and the renderer
 * itself (shmplot's version and the build of its code, cairo's and
 * libpng's versions). Store a key beside a file and compare it with the
 * next run's to skip figures whose file is already right, as `shmplot
 * render --incremental` does.
 *
 * Cost: the font files are read once a call and each series used is
 * hashed once a call at memory speed, so ask for a batch's keys in one
 * call. Keys are for this machine (native byte order) and this build.
 *
 * Returns SHMPLOT_OK; SHMPLOT_E_INVALID (NULL arguments, format not one
 * format, bad options), SHMPLOT_E_STATE (data not sealed: its values
 * could still change), SHMPLOT_E_NOMEM; the message is on r. Safe from
 * any thread, but not on one renderer from two at once.
 */
SHMPLOT_API shmplot_status shmplot_figure_keys(
    shmplot_renderer *r, const shmplot_data *data, shmplot_figure *const *figs,
    size_t nfig, const shmplot_render_opts *opts, shmplot_format format,
    shmplot_key *keys);

/*
 * The same 128-bit hash over len bytes at buf (e.g. a file written, to
 * tell later whether it was edited). Thread-safe.
 */
SHMPLOT_API void shmplot_key_of_bytes(const void *buf, size_t len,
				      shmplot_key *out);

/* key as 32 lowercase hex digits and a NUL into out; returns out.
 * Thread-safe. */
SHMPLOT_API char *shmplot_key_hex(const shmplot_key *key, char out[33]);

#ifdef __cplusplus
}
#endif

#endif /* SHMPLOT_H */
