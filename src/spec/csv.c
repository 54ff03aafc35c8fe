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
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A CSV file larger than this is refused before it is read. */
#define CSV_MAX_BYTES ((size_t)1 << 34)

typedef struct rd {
	const char *name;
	sp_csv *csv;
	int header;
	int in_header; /* still reading the header row */
	size_t col;    /* field index within the current row */
	size_t row;    /* 1-based file row being read */
	int failed;
	char *err;
	size_t errlen;
} rd;

static int fail(rd *r, const char *fmt, ...) SP_PRINTF(2, 3);
static int fail(rd *r, const char *fmt, ...)
{
	if (r->failed)
		return -1;
	r->failed = 1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int add_col(rd *r)
{
	size_t n = r->csv->ncols + 1, bytes;
	if (sp_mul(n, sizeof(sp_csv_col), &bytes))
		return fail(r, "%s: too many columns", r->name);
	sp_csv_col *c = realloc(r->csv->cols, bytes);
	if (!c)
		return fail(r, "%s: out of memory", r->name);
	memset(&c[n - 1], 0, sizeof *c);
	r->csv->cols = c;
	r->csv->ncols = n;
	return 0;
}

static int push(rd *r, sp_csv_col *c, double v)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256, bytes;
		double *nv = NULL;
		if (!sp_mul(cap, sizeof *nv, &bytes))
			nv = realloc(c->v, bytes);
		if (!nv)
			return fail(r, "%s: out of memory at row %zu", r->name,
				    r->row);
		c->v = nv;
		c->cap = cap;
	}
	c->v[c->n++] = v;
	return 0;
}

/* Whole-cell number: surrounding blanks allowed, nothing else. */
static int parse_cell(const char *s, size_t len, double *out)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return 1; /* empty */
	char buf[64];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (end != buf + len)
		return -1;
	/* Overflow gives +-HUGE_VAL, which is what the number means. */
	*out = v;
	return 0;
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
				fail(r, "%s: out of memory", r->name);
				return;
			}
			r->csv->cols[col].name = name;
			return;
		}
	} else if (col >= r->csv->ncols) {
		fail(r,
		     "%s: row %zu has more fields than the %s (%zu); is a "
		     "quote missing?",
		     r->name, r->row, r->header ? "header" : "first row",
		     r->csv->ncols);
		return;
	}
	sp_csv_col *c = &r->csv->cols[col];
	double v = NAN;
	int kind = s ? parse_cell(s, len, &v) : 1;
	if (kind == 1)
		c->empty++;
	if (kind < 0 && c->bad++ == 0) {
		c->bad_row = r->row;
		snprintf(c->bad_text, sizeof c->bad_text, "%.*s",
			 (int)(len < 31 ? len : 31), (const char *)s);
	}
	push(r, c, kind == 0 ? v : NAN);
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

int sp_csv_parse(const char *name, const char *buf, size_t len, int header,
		 unsigned char delim, sp_csv **out, char *err, size_t errlen)
{
	*out = NULL;
	sp_csv *csv = calloc(1, sizeof *csv);
	if (!csv)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory"),
		       -1;
	rd r = {.name = name,
		.csv = csv,
		.header = header,
		.in_header = 1,
		.row = 1,
		.err = err,
		.errlen = errlen};
	/* A UTF-8 byte-order mark (Excel writes one) is not part of a name. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
			     CSV_EMPTY_IS_NULL) != 0) {
		free(csv);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory"),
		       -1;
	}
	csv_set_delim(&p, delim);
	size_t done = csv_parse(&p, buf, len, on_field, on_row, &r);
	if (!r.failed && done != len)
		fail(&r, "%s: line %zu: malformed CSV: %s", name,
		     line_of(buf, done), csv_strerror(csv_error(&p)));
	if (!r.failed && csv_fini(&p, on_field, on_row, &r) != 0)
		fail(&r, "%s: line %zu: malformed CSV: %s", name,
		     line_of(buf, len), csv_strerror(csv_error(&p)));
	csv_free(&p);
	if (!r.failed && csv->ncols == 0)
		fail(&r, "%s: no columns (the file is empty)", name);
	if (r.failed) {
		sp_csv_free(csv);
		return -1;
	}
	*out = csv;
	return 0;
}

int sp_csv_read(const char *path, int header, unsigned char delim, sp_csv **out,
		char *err, size_t errlen)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sp_error(err, errlen, SHMPLOT_E_IO, "cannot open %s: %s",
				path, strerror(errno)),
		       -1;
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		int e = errno;
		close(fd);
		return sp_error(err, errlen, SHMPLOT_E_IO, "cannot read %s: %s",
				path,
				S_ISREG(sb.st_mode) ? strerror(e)
						    : "not a regular file"),
		       -1;
	}
	if ((uint64_t)sb.st_size > CSV_MAX_BYTES) {
		close(fd);
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%s: %lld bytes is more than the %zu accepted",
				path, (long long)sb.st_size, CSV_MAX_BYTES),
		       -1;
	}
	size_t size = (size_t)sb.st_size;
	char *buf = malloc(size ? size : 1);
	if (!buf) {
		close(fd);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"%s: out of memory for %zu bytes", path, size),
		       -1;
	}
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : 0;
			free(buf);
			close(fd);
			return sp_error(err, errlen, SHMPLOT_E_IO,
					"cannot read %s: %s", path,
					e ? strerror(e) : "file shrank"),
			       -1;
		}
		got += (size_t)n;
	}
	close(fd);
	int rc = sp_csv_parse(path, buf, size, header, delim, out, err, errlen);
	free(buf);
	return rc;
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

long sp_csv_find(const sp_csv *csv, const char *name)
{
	for (size_t i = 0; i < csv->ncols; i++)
		if (csv->cols[i].name && strcmp(csv->cols[i].name, name) == 0)
			return (long)i;
	return -1;
}
