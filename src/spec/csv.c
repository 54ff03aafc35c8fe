/* SPDX-License-Identifier: MIT */
/*
 * CSV columns for batch specs. Splitting is libcsv's (Debian's libcsv-dev),
 * in strict mode so malformed quoting is an error rather than a silently
 * shifted column; this file only turns cells into doubles and decides what
 * a cell that is not a number becomes (NaN, counted).
 */
#define _GNU_SOURCE
#include "core/core.h"
#include "spec/spec_io.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
	const char *name;
	sp_csv *csv;
	int header;
	int in_header;         /* still reading the header row */
	size_t col;            /* field index within the current row */
	size_t row;            /* 1-based file row being read */
	shmplot_status failed; /* the first failure; the rest is skipped */
	char *err;
	size_t errlen;
} rd;

/* Raises the first failure of a read (later ones follow from it). */
#define RD_FAIL(r, code, ...)                                                  \
	((r)->failed ? (r)->failed                                             \
		     : ((r)->failed = sp_error((r)->err, (r)->errlen, (code),  \
					       __VA_ARGS__)))

/* A column's values start with room for this many; they double. */
#define COL_FIRST_CAP 256
/* A cell longer than this is not a number. */
#define CELL_MAX 64

static shmplot_status add_col(rd *r)
{
	size_t n = r->csv->ncols + 1, bytes;
	if (sp_mul(n, sizeof(sp_csv_col), &bytes))
		return RD_FAIL(r, SHMPLOT_E_INVALID, "%s: too many columns",
			       r->name);
	sp_csv_col *c = realloc(r->csv->cols, bytes);
	if (!c)
		return RD_FAIL(r, SHMPLOT_E_NOMEM, "%s: out of memory",
			       r->name);
	memset(&c[n - 1], 0, sizeof *c);
	r->csv->cols = c;
	r->csv->ncols = n;
	return SHMPLOT_OK;
}

static shmplot_status push(rd *r, sp_csv_col *c, double v)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : COL_FIRST_CAP, bytes;
		double *nv = NULL;
		if (!sp_mul(cap, sizeof *nv, &bytes))
			nv = realloc(c->v, bytes);
		if (!nv)
			return RD_FAIL(r, SHMPLOT_E_NOMEM,
				       "%s: out of memory at row %zu", r->name,
				       r->row);
		c->v = nv;
		c->cap = cap;
	}
	c->v[c->n++] = v;
	return SHMPLOT_OK;
}

/* What a cell holds. */
enum cell { CELL_NUMBER, CELL_EMPTY, CELL_TEXT };

/* Whole-cell number: surrounding blanks allowed, nothing else. */
static enum cell parse_cell(const char *s, size_t len, double *out)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return CELL_EMPTY;
	char buf[CELL_MAX];
	if (len >= sizeof buf)
		return CELL_TEXT;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double v = sp_strtod(buf, &end);
	if (end != buf + len)
		return CELL_TEXT;
	/* Overflow gives +-HUGE_VAL, which is what the number means. */
	*out = v;
	return CELL_NUMBER;
}

/* Counts a cell that became NaN, keeping the first bad text. */
static void count_nan(rd *r, sp_csv_col *c, enum cell kind, const char *s,
		      size_t len)
{
	const size_t keep = sizeof c->bad_text - 1;
	if (kind == CELL_EMPTY)
		c->empty++;
	if (kind == CELL_TEXT && c->bad++ == 0) {
		c->bad_row = r->row;
		snprintf(c->bad_text, sizeof c->bad_text, "%.*s",
			 (int)(len < keep ? len : keep), s);
	}
}

/* A cell that starts as a date: its Unix seconds, or NaN with the first
 * malformed one kept for the spec's message. */
static double date_cell(rd *r, sp_csv_col *c, const char *s, size_t len)
{
	const size_t keep = sizeof c->date_bad_text - 1;
	char why[sizeof c->date_why];
	double v;

	c->dates++;
	if (!sp_iso_date(s, len, &v, why, sizeof why))
		return v;
	if (c->date_bad++ == 0) {
		c->date_bad_row = r->row;
		snprintf(c->date_bad_text, sizeof c->date_bad_text, "%.*s",
			 (int)(len < keep ? len : keep), s);
		snprintf(c->date_why, sizeof c->date_why, "%s", why);
	}
	return NAN;
}

static void on_field(void *s, size_t len, void *ud)
{
	rd *r = ud;
	if (r->failed)
		return;
	size_t col = r->col++;
	if (r->in_header) {
		if (add_col(r))
			return;
		if (r->header) {
			char *name = strndup(s ? s : "", s ? len : 0);
			if (!name) {
				RD_FAIL(r, SHMPLOT_E_NOMEM, "%s: out of memory",
					r->name);
				return;
			}
			r->csv->cols[col].name = name;
			return;
		}
	} else if (col >= r->csv->ncols) {
		RD_FAIL(r, SHMPLOT_E_INVALID,
			"%s: row %zu has more fields than the %s (%zu); is a "
			"quote missing?",
			r->name, r->row, r->header ? "header" : "first row",
			r->csv->ncols);
		return;
	}
	sp_csv_col *c = &r->csv->cols[col];
	double v = NAN;
	enum cell kind = s ? parse_cell(s, len, &v) : CELL_EMPTY;
	if (kind == CELL_TEXT && sp_iso_like(s, len)) {
		push(r, c, date_cell(r, c, s, len));
		return;
	}
	if (kind == CELL_NUMBER && !c->num_row)
		c->num_row = r->row;
	count_nan(r, c, kind, s, len);
	push(r, c, kind == CELL_NUMBER ? v : NAN);
}

static void on_row(int term, void *ud)
{
	rd *r = ud;
	(void)term;
	if (r->failed)
		return;
	if (!r->in_header || !r->header) {
		/* Cells missing from a short row are empty cells. */
		for (size_t c = r->col; c < r->csv->ncols; c++) {
			r->csv->cols[c].empty++;
			if (push(r, &r->csv->cols[c], NAN))
				return;
		}
		r->csv->nrows++;
	}
	r->in_header = 0;
	r->col = 0;
	r->row++;
}

/* 1-based line of byte offset off, for parse-error messages. */
static size_t line_of(const char *buf, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += buf[i] == '\n';
	return line;
}

/* The bytes after a UTF-8 byte-order mark (Excel writes one). */
static void skip_bom(const char **buf, size_t *len)
{
	if (*len >= 3 && memcmp(*buf, "\xef\xbb\xbf", 3) == 0) {
		*buf += 3;
		*len -= 3;
	}
}

/* Splits buf with libcsv into r's table. */
static void split(rd *r, const char *buf, size_t len, unsigned char delim)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
			     CSV_EMPTY_IS_NULL) != 0) {
		RD_FAIL(r, SHMPLOT_E_NOMEM, "out of memory");
		return;
	}
	csv_set_delim(&p, delim);
	size_t done = csv_parse(&p, buf, len, on_field, on_row, r);
	if (!r->failed && done != len)
		RD_FAIL(r, SHMPLOT_E_INVALID, "%s: line %zu: malformed CSV: %s",
			r->name, line_of(buf, done),
			csv_strerror(csv_error(&p)));
	if (!r->failed && csv_fini(&p, on_field, on_row, r) != 0)
		RD_FAIL(r, SHMPLOT_E_INVALID, "%s: line %zu: malformed CSV: %s",
			r->name, line_of(buf, len),
			csv_strerror(csv_error(&p)));
	csv_free(&p);
	if (!r->failed && r->csv->ncols == 0)
		RD_FAIL(r, SHMPLOT_E_INVALID,
			"%s: no columns (the file is empty)", r->name);
}

shmplot_status sp_csv_parse(const char *name, const char *buf, size_t len,
			    int header, unsigned char delim, sp_csv **out,
			    char *err, size_t errlen)
{
	*out = NULL;
	sp_csv *csv = calloc(1, sizeof *csv);
	if (!csv)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	rd r = {.name = name,
		.csv = csv,
		.header = header,
		.in_header = 1,
		.row = 1,
		.err = err,
		.errlen = errlen};
	/* A crash can leave a file with a tail of zero bytes: not text. */
	const char *nul = memchr(buf, 0, len);
	if (nul) {
		sp_csv_free(csv);
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%s: line %zu (byte %zu): a NUL byte; CSV text "
				"holds none (was the file cut short by a "
				"crash?)",
				name, line_of(buf, (size_t)(nul - buf)),
				(size_t)(nul - buf) + 1);
	}
	skip_bom(&buf, &len);
	split(&r, buf, len, delim);
	if (r.failed) {
		sp_csv_free(csv);
		return r.failed;
	}
	*out = csv;
	return SHMPLOT_OK;
}

/* A CSV file larger than this is refused before it is read. */
#define CSV_MAX_BYTES ((size_t)1 << 34)

shmplot_status sp_csv_read(const char *path, int header, unsigned char delim,
			   sp_csv **out, char *err, size_t errlen)
{
	sp_file f;
	*out = NULL;
	shmplot_status st = sp_named_file_read(path, CSV_MAX_BYTES,
					       "cannot open", &f, err, errlen);
	if (st)
		return st;
	st = sp_csv_parse(path, (const char *)f.data, f.len, header, delim, out,
			  err, errlen);
	sp_file_free(&f);
	return st;
}

void sp_csv_free(sp_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->ncols; i++) {
		free(csv->cols[i].name);
		free(csv->cols[i].v);
	}
	free(csv->cols);
	free(csv);
}

int sp_csv_find(const sp_csv *csv, const char *name, size_t *ix)
{
	for (size_t i = 0; i < csv->ncols; i++)
		if (csv->cols[i].name && strcmp(csv->cols[i].name, name) == 0) {
			*ix = i;
			return 1;
		}
	return 0;
}
