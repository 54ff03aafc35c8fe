/* SPDX-License-Identifier: MIT */
/*
 * shmplot batch specs: a JSON file that names data series (generators, CSV
 * columns, NumPy .npy arrays, raw float64 files) and the figures to draw
 * from them. Loading a spec validates all of it, computes or reads every
 * series into a sealed data segment sized exactly, and builds the figures;
 * the caller then passes shmplot_spec_data() and shmplot_spec_figures() to
 * shmplot_render(). The format is described in README.md ("Batch specs").
 *
 * Same conventions as shmplot.h: status codes, messages on the handle, the
 * library never prints. A spec handle may be used from any thread, but not
 * from two at once.
 */
#ifndef SHMPLOT_SPEC_H
#define SHMPLOT_SPEC_H

#include <shmplot.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The spec format version this library reads ("shmplot": 1). */
#define SHMPLOT_SPEC_VERSION 1

/*
 * The largest spec accepted, in bytes (256 MiB: a 100,000-figure batch is
 * 9 MB); a larger file is refused before it is read. Large data belongs in
 * the .npy, raw or CSV files a spec names.
 */
#define SHMPLOT_SPEC_MAX_BYTES ((size_t)256 << 20)

typedef struct shmplot_spec shmplot_spec;

/*
 * Reads and validates the spec file at path. Relative data-file paths in it
 * resolve against the directory that holds path. path "-" is standard
 * input; "-", a pipe, a terminal or socket (/dev/stdin, /dev/fd/N) is read
 * as a stream, its size checked as it arrives. A spec from "-" or from a
 * path under /dev/ or /proc/ has no directory of its own: its relative
 * paths resolve against the current directory.
 *
 * Returns SHMPLOT_OK, or:
 *  - SHMPLOT_E_INVALID: the spec (or a data file it names) is bad; every
 *    problem found is listed by shmplot_spec_error(), each prefixed with its
 *    JSON path ("figures[2].lines[0].y: unknown series ...") or, for JSON
 *    syntax errors, its line and column. Nothing is rendered from such a
 *    spec: shmplot_spec_count() is 0. A spec larger than
 *    SHMPLOT_SPEC_MAX_BYTES is refused this way before it is read.
 *  - SHMPLOT_E_IO: the spec file itself cannot be read (message says why).
 *  - SHMPLOT_E_NOSPACE, SHMPLOT_E_SYSTEM, SHMPLOT_E_NOMEM: the data segment
 *    could not be created.
 * Unless out is NULL or the handle itself cannot be allocated
 * (SHMPLOT_E_NOMEM with *out NULL), *out is set even on failure so the
 * messages can be read; the caller frees it with shmplot_spec_free().
 *
 * Not async-signal-safe; call it before forking anything of your own.
 */
SHMPLOT_API shmplot_status shmplot_spec_load(shmplot_spec **out,
					     const char *path);

/*
 * Same, from len bytes of JSON in memory (no terminating NUL needed).
 * base_dir is where relative data-file paths resolve (NULL: the current
 * directory). The caller keeps ownership of json.
 */
SHMPLOT_API shmplot_status shmplot_spec_load_buffer(shmplot_spec **out,
						    const char *json,
						    size_t len,
						    const char *base_dir);

/*
 * shmplot_spec_load() and shmplot_spec_load_buffer() for shard k of n
 * (shmplot_spec_in_shard(); 1 <= k <= n, else SHMPLOT_E_INVALID): the
 * whole spec is validated as by those (so a spec valid for one shard is
 * valid for every shard, with the same problems listed otherwise), but
 * only the shard's figures are built, and only the series they use, with
 * the series those are computed from, are computed or read into the data
 * segment. Every series of the spec keeps its id; one that the shard does
 * not use has no points. shmplot_spec_count() is still the spec's count
 * and shmplot_spec_figures() holds NULL for other shards' figures. The
 * shard's figures render to the same bytes as from a whole load. k = n = 1
 * is shmplot_spec_load() (every series is filled, used or not).
 */
SHMPLOT_API shmplot_status shmplot_spec_load_shard(shmplot_spec **out,
						   const char *path, unsigned k,
						   unsigned n);
SHMPLOT_API shmplot_status
shmplot_spec_load_buffer_shard(shmplot_spec **out, const char *json, size_t len,
			       const char *base_dir, unsigned k, unsigned n);

/*
 * Options of shmplot_spec_load_with() and shmplot_spec_load_buffer_with().
 * Initialise with shmplot_spec_load_opts_init(), then set what you need;
 * the structure grows only at its end (README "ABI").
 */
typedef struct shmplot_spec_load_opts {
	/* sizeof as the caller compiled it: set by
	 * shmplot_spec_load_opts_init(). */
	size_t size;
	/* Shard shard_k of shard_n, as shmplot_spec_load_shard(); 1 of 1
	 * (the default) is the whole spec. */
	unsigned shard_k, shard_n;
	/*
	 * Set to non-zero (e.g. from a signal handler installed without
	 * SA_RESTART) to stop the load: reading a spec from a pipe or FIFO
	 * whose writer has not finished (or not come), and computing the
	 * series (the helper processes are killed and reaped), stop within
	 * a quarter of a second; the load returns SHMPLOT_E_INTERRUPTED and
	 * nothing is left of it. NULL (the default): never.
	 */
	volatile int *cancel;
	/*
	 * Since 0.6. Non-zero: check the whole spec and build its figures,
	 * but compute and read no series yet: shmplot_spec_data() is NULL
	 * until shmplot_spec_fill() fills the series of the figures that
	 * will render, and shmplot_spec_figure_keys() keys figures by their
	 * series' definitions meanwhile (what `shmplot render --incremental`
	 * does, so an up-to-date figure's series are never computed). 0 (the
	 * default): the load fills every series, as before.
	 */
	int defer_fill;
} shmplot_spec_load_opts;

/*
 * Sets opts (size bytes, the caller's sizeof) to the defaults: the whole
 * spec, no cancel flag. Call it through shmplot_spec_load_opts_init().
 * Thread-safe.
 */
SHMPLOT_API void shmplot_spec_load_opts_init_size(shmplot_spec_load_opts *opts,
						  size_t size);
#define shmplot_spec_load_opts_init(opts)                                      \
	shmplot_spec_load_opts_init_size((opts), sizeof *(opts))

/*
 * shmplot_spec_load_shard() and shmplot_spec_load_buffer_shard() with
 * options (NULL: the defaults), and the same results, plus
 * SHMPLOT_E_INTERRUPTED once *opts->cancel is set. SHMPLOT_E_INVALID for
 * options whose size no shmplot_spec_load_opts_init() set.
 */
SHMPLOT_API shmplot_status shmplot_spec_load_with(
    shmplot_spec **out, const char *path, const shmplot_spec_load_opts *opts);
SHMPLOT_API shmplot_status shmplot_spec_load_buffer_with(
    shmplot_spec **out, const char *json, size_t len, const char *base_dir,
    const shmplot_spec_load_opts *opts);

/*
 * How many series the load computed or read into its segment (every
 * series of the spec, or a shard's), with their points in *points (NULL
 * allowed). .npy and raw files of the other series are never read; CSV
 * files are parsed for every series, since their columns' lengths and
 * cells are checked whatever the shard. 0 after a failed load.
 */
SHMPLOT_API size_t shmplot_spec_series_filled(const shmplot_spec *spec,
					      size_t *points);

/*
 * Since 0.6. For a spec loaded with defer_fill: computes or reads the
 * series that the figures with keep[i] non-zero use (i < its count; NULL:
 * all of its figures), and the series those are computed from, into the
 * data segment, seals it, and checks those figures' values as a load does
 * (the kinds' rules that read values). The other series get no points:
 * render only the kept figures. Returns SHMPLOT_OK; SHMPLOT_E_STATE (not
 * deferred, or filled already); a load's statuses otherwise, the problems
 * then in shmplot_spec_error() and the spec left without figures or data.
 * The load's cancel flag stops it (SHMPLOT_E_INTERRUPTED).
 */
SHMPLOT_API shmplot_status shmplot_spec_fill(shmplot_spec *spec,
					     const unsigned char *keep);

/*
 * Since 0.6. shmplot_figure_keys() for figures of spec (figs[i] among
 * shmplot_spec_figures()), loaded with defer_fill and not filled yet,
 * with each series keyed by its definition instead of its values: a
 * generator by its kind, arguments, length, shape, the series it is
 * computed from (by their keys) and, for a function, whether the vector
 * kernel or libm's scalar one computes it (they may differ in the last
 * bit); inline values and CSV columns by their values (the CSV is parsed
 * by the load anyway); a .npy or raw file by its header's description and
 * the bytes of the whole file, read once a spec. So no series has to be
 * computed to key a figure, and a figure's key still changes whenever
 * its values may. Unlike value keys, a definition changed to one that
 * gives the same values changes the key too. Keys of the two kinds are
 * never equal. Returns as shmplot_figure_keys(), plus SHMPLOT_E_STATE
 * (not deferred, or filled already) and SHMPLOT_E_IO (a data file cannot
 * be read); the message is on r.
 */
SHMPLOT_API shmplot_status shmplot_spec_figure_keys(
    shmplot_spec *spec, shmplot_renderer *r, shmplot_figure *const *figs,
    size_t nfig, const shmplot_render_opts *opts, shmplot_format format,
    shmplot_key *keys);

/* Frees the spec, its figures and its data segment. NULL is a no-op. */
SHMPLOT_API void shmplot_spec_free(shmplot_spec *spec);

/*
 * The sealed data segment holding every series, owned by the spec (NULL
 * unless the load succeeded).
 */
SHMPLOT_API shmplot_data *shmplot_spec_data(const shmplot_spec *spec);

/*
 * The figures in spec order, owned by the spec; pass them to
 * shmplot_render(). shmplot_spec_count() gives how many (0 after a failed
 * load).
 */
SHMPLOT_API shmplot_figure *const *
shmplot_spec_figures(const shmplot_spec *spec);
SHMPLOT_API size_t shmplot_spec_count(const shmplot_spec *spec);

/*
 * Problems that made the load fail, one line each, owned by the spec. At
 * most 100 are kept; the last then says how many more there were.
 */
SHMPLOT_API size_t shmplot_spec_error_count(const shmplot_spec *spec);
SHMPLOT_API const char *shmplot_spec_error(const shmplot_spec *spec, size_t i);
/* The first error line, or "" if there is none. */
SHMPLOT_API const char *shmplot_spec_errmsg(const shmplot_spec *spec);

/*
 * Notes that do not stop the load, one line each, owned by the spec: e.g.
 * "series.t: data/m.csv column "temp": 2 empty and 1 non-numeric cells
 * became NaN (first non-numeric: row 5, "n/a")".
 */
SHMPLOT_API size_t shmplot_spec_note_count(const shmplot_spec *spec);
SHMPLOT_API const char *shmplot_spec_note(const shmplot_spec *spec, size_t i);

/*
 * Sharding rule: 1 if figure index (0-based, spec order) belongs to shard k
 * of n (1 <= k <= n), i.e. index mod n == k - 1. The assignment depends only
 * on the spec, so n independent runs with k = 1..n render every figure
 * exactly once. 0 for k or n out of range. Thread-safe.
 */
SHMPLOT_API int shmplot_spec_in_shard(size_t index, unsigned k, unsigned n);

#ifdef __cplusplus
}
#endif

#endif /* SHMPLOT_SPEC_H */
