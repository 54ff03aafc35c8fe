/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: the files a spec names. CSV through libcsv, NumPy
 * .npy and raw little-endian float64. Each reports a failure as a status
 * and one line in err that names the file and, for OS errors, says why.
 */
#ifndef SHMPLOT_SPEC_IO_H
#define SHMPLOT_SPEC_IO_H

#include "core/core.h"

#include <stddef.h>
#include <stdint.h>

/* ---- files (files.c) ---- */

/*
 * sp_file_read() with the message naming the file: "OPEN_VERB PATH: WHY"
 * when it cannot be opened ("cannot open" or "cannot read"), "cannot read
 * PATH: WHY" otherwise. Same statuses as sp_file_read().
 */
shmplot_status sp_named_file_read(const char *path, size_t max_bytes,
				  const char *open_verb, sp_file *out,
				  char *err, size_t errlen);

/*
 * The same for the spec itself given as a stream ("-", standard input, or
 * a pipe or device): sp_file_read_stream(), never for the files a spec
 * names, which must be regular files. SHMPLOT_E_INTERRUPTED ("interrupted")
 * once *cancel (may be NULL) is set.
 */
shmplot_status sp_named_stream_read(const char *path, size_t max_bytes,
				    volatile int *cancel, const char *open_verb,
				    sp_file *out, char *err, size_t errlen);

/*
 * The path of a file a spec names: relative names resolve against base_dir
 * (the spec's directory; NULL, "" or ".": the current one). *out is
 * malloc'd. SHMPLOT_E_NOMEM.
 */
shmplot_status sp_spec_path(const char *base_dir, const char *file, char **out);

/* ---- numbers (numbers.c) ---- */

/* strtod() as in the C locale, whatever the thread's LC_NUMERIC. */
double sp_strtod(const char *s, char **end);

/*
 * Switches the calling thread (only it) to the C locale, for cJSON, which
 * reads numbers through the thread's locale; returns what to hand
 * sp_c_locale_leave() to switch back. Thread-safe.
 */
void *sp_c_locale_enter(void);
void sp_c_locale_leave(void *saved);

/* ---- CSV (csv.c) ---- */

/* One parsed column: values plus why some became NaN. */
typedef struct sp_csv_col {
	char *name; /* header text, or NULL without a header */
	double *v;
	size_t n, cap;
	size_t empty;      /* empty cells, and cells missing from short rows */
	size_t bad;        /* non-numeric cells */
	size_t bad_row;    /* 1-based file row of the first non-numeric cell */
	char bad_text[32]; /* its text, truncated */
	/*
	 * ISO 8601 dates (cells starting "YYYY-"): read as Unix seconds.
	 * A column with any is a date column (the spec says so, and a
	 * number or a malformed date in it is an error): how many, the
	 * first malformed one (row, text, why) and the first number's row.
	 */
	size_t dates, date_bad, date_bad_row, num_row;
	char date_bad_text[32], date_why[96];
} sp_csv_col;

typedef struct sp_csv {
	sp_csv_col *cols;
	size_t ncols;
	size_t nrows; /* data rows (header excluded) */
} sp_csv;

/*
 * Reads a whole CSV file (RFC 4180: quoted fields may hold delimiters,
 * quotes doubled, newlines) into columns of doubles. With header != 0 the
 * first row names the columns. Empty cells and cells missing from short rows
 * become NaN and are counted as empty; cells that do not parse as a number
 * ("nan" and "inf" do) become NaN and are counted as bad. A row with more
 * fields than the first is an error. Returns SHMPLOT_OK and *out (free
 * with sp_csv_free); else *out is NULL and the status is SHMPLOT_E_INVALID
 * (malformed), SHMPLOT_E_NOMEM or one of sp_file_read()'s.
 */
shmplot_status sp_csv_read(const char *path, int header, unsigned char delim,
			   sp_csv **out, char *err, size_t errlen);

/* Same, from memory; name is used in messages. */
shmplot_status sp_csv_parse(const char *name, const char *buf, size_t len,
			    int header, unsigned char delim, sp_csv **out,
			    char *err, size_t errlen);

void sp_csv_free(sp_csv *csv);

/* 1 if a column's header is name, with its index in *ix; else 0. */
int sp_csv_find(const sp_csv *csv, const char *name, size_t *ix);

/* ---- ISO 8601 dates (isodate.c) ---- */

/*
 * s[0 .. n) as an ISO 8601 date, date and time (fractional seconds
 * allowed) with "Z" or a +hh:mm offset (none: UTC), blanks around it
 * allowed: 0 and Unix seconds in *out, else -1 and the reason in why.
 */
int sp_iso_date(const char *s, size_t n, double *out, char *why, size_t len);
/* 1 if s[0 .. n) starts as a date does ("YYYY-", never a number). */
int sp_iso_like(const char *s, size_t n);
/* A zone: "UTC", "Z" or +-hh[:mm] as minutes east of UTC in *min; else
 * -1 and the reason in why. */
int sp_tz_offset(const char *s, int *min, char *why, size_t len);

/* ---- NumPy .npy and raw float64 (npy.c) ---- */

enum sp_dtype {
	SP_F8,
	SP_F4,
	SP_I1,
	SP_I2,
	SP_I4,
	SP_I8,
	SP_U1,
	SP_U2,
	SP_U4,
	SP_U8
};

/* Where an array's values are in a file and how to read them. */
typedef struct sp_array_info {
	int dtype;       /* enum sp_dtype */
	size_t itemsize; /* bytes per value */
	size_t n;        /* values */
	size_t cols;     /* 0: 1-D; a 2-D array's columns (n / cols rows) */
	uint64_t offset; /* of the first value in the file */
} sp_array_info;

/*
 * Parses the header of a .npy file held in buf (at least the whole header;
 * file_size is the size of the whole file, to check the data fits exactly).
 * Accepts format versions 1.0, 2.0 and 3.0, 1-D and 2-D arrays in C order,
 * dtypes
 * <f8 <f4 <i8 <i4 <i2 |i1 <u8 <u4 <u2 |u1 (single-byte types also with
 * '<' or '='). SHMPLOT_E_INVALID with a message saying what is wrong.
 */
shmplot_status sp_npy_header(const unsigned char *buf, size_t len,
			     uint64_t file_size, sp_array_info *info, char *err,
			     size_t errlen);

/*
 * Opens path and fills info from its .npy header. SHMPLOT_E_IO (cannot
 * read it), SHMPLOT_E_INVALID (not a .npy file this reads),
 * SHMPLOT_E_NOMEM.
 */
shmplot_status sp_npy_probe(const char *path, sp_array_info *info, char *err,
			    size_t errlen);

/* A raw file of little-endian float64 values: its size must be 8 * n. */
shmplot_status sp_raw_probe(const char *path, sp_array_info *info, char *err,
			    size_t errlen);

/*
 * Reads info->n values from path into dst as doubles (converting the dtype,
 * little-endian to host order). SHMPLOT_E_IO (including a file that shrank
 * since it was probed), SHMPLOT_E_NOMEM.
 */
shmplot_status sp_array_read(const char *path, const sp_array_info *info,
			     double *dst, char *err, size_t errlen);

#endif /* SHMPLOT_SPEC_IO_H */
