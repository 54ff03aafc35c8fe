/*
 * The drawing engine's interface (private to shmplot).
 *
 * render/ is pure: a figure description plus a read-only view of the series
 * in, a cairo image surface out. It knows nothing of processes, files or
 * shared memory. The runtime (src/) builds an spr_figure from the public API
 * and calls spr_render() inside a worker.
 */
#ifndef SHMPLOT_RENDER_H
#define SHMPLOT_RENDER_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

/* A read-only series: n doubles (NaN and +-inf are gaps). */
typedef struct spr_series {
	const double *v;
	size_t n;
} spr_series;

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
	SPR_MK_CROSS
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

enum spr_scale { SPR_SCALE_LINEAR = 0, SPR_SCALE_LOG };

/*
 * matplotlib's default colour cycle (tab10, "C0".."C9"): lines without a
 * colour take the next one. The only copy of the palette.
 */
#define SPR_TAB10_N 10
extern const uint32_t spr_tab10[SPR_TAB10_N];

#define SPR_NO_X          UINT32_MAX /* plot y against its index */
#define SPR_DEFAULT_COLOR UINT32_MAX

typedef struct spr_line {
	uint32_t x, y;    /* indices into the series table; x may be SPR_NO_X */
	char *label;      /* UTF-8, NULL = no legend entry */
	uint32_t color;   /* 0xRRGGBB, or SPR_DEFAULT_COLOR = next of tab10 */
	double alpha;     /* 0..1, default 1 */
	double width_pt;  /* default 1.5 */
	int style;        /* enum spr_linestyle */
	int marker;       /* enum spr_marker */
	double marker_pt; /* default 6 */
} spr_line;

typedef struct spr_axes {
	spr_line *lines;
	size_t nlines, cap;
	char *title, *xlabel, *ylabel; /* UTF-8 or NULL */
	double xlim[2], ylim[2];
	int has_xlim, has_ylim;
	int xscale, yscale; /* enum spr_scale */
	int grid;
	int legend;        /* enum spr_legend, default SPR_LEG_NONE */
	int pole_segments; /* 1 = draw segments that jump across the view */
	/*
	 * 0 (default): a line with more points than 4x the axes' width in
	 * pixels and monotonic x is reduced, before stroking, to the first,
	 * last, lowest and highest point of each pixel column (M4): the same
	 * pixels for aliased 1 px lines, anti-aliased pixels within rounding.
	 * 1: stroke every point (slow on huge series). Markers are always
	 * drawn at every point.
	 */
	int exact;
} spr_axes;

#define SPR_SHARE_X 1u
#define SPR_SHARE_Y 2u

typedef struct spr_figure {
	char *name;
	double width_in, height_in, dpi; /* defaults 6.4, 4.8, 100 */
	int rows, cols;
	unsigned share; /* SPR_SHARE_X | SPR_SHARE_Y */
	spr_axes *axes; /* rows * cols, row-major */
} spr_figure;

/* Pixel size of a figure: round(width_in * dpi) x round(height_in * dpi). */
void spr_figure_pixel_size(const spr_figure *fig, int *w, int *h);

/* Largest accepted pixel dimension and pixel count (refused before any
 * allocation). */
#define SPR_MAX_DIM    32768
#define SPR_MAX_PIXELS (64u * 1024u * 1024u)

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
 * Draws fig into a new cairo image surface (CAIRO_FORMAT_RGB24 when the
 * figure is opaque, which it always is today). series is the table the
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
void spr_canvas_free(spr_canvas *canvas);

#endif /* SHMPLOT_RENDER_H */
