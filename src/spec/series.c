/* SPDX-License-Identifier: MIT */
/*
 * Pass 1 of the "series" object: each definition is checked and described
 * (sp_series_def) with its length, so the segment can be sized exactly
 * before anything is computed. Generators get their length from their
 * arguments, .npy and raw files from their headers, and CSV files are
 * parsed once per file (their columns are copied into the segment in
 * pass 2, compute.c).
 */
#define _GNU_SOURCE
#include "spec/spec_compute.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The generators named by a key of their own; functions and operators too. */
static const struct {
	const char *name;
	int gen;
} generators[] = {
    {"linspace", SP_GEN_LINSPACE}, {"arange", SP_GEN_ARANGE},
    {"values", SP_GEN_VALUES},     {"csv", SP_GEN_CSV},
    {"npy", SP_GEN_NPY},           {"raw", SP_GEN_RAW},
};
#define NGENERATORS (sizeof generators / sizeof *generators)

static const char *const csv_keys[] = {"csv", "column", "header", "delimiter",
				       NULL};

static const char *series_name(const sp_loader *l, size_t i)
{
	return sp_text_get(&l->m.text, l->m.series[i].name);
}

shmplot_status sp_series_ref(sp_loader *l, const cJSON *it, const char *path,
			     size_t before, uint32_t *ix)
{
	const char *name;
	size_t i;
	if (sp_json_str(l->pr, it, path, &name))
		return SHMPLOT_E_INVALID;
	if (sp_nameset_find(&l->series_ix, name, &i)) {
		if (i == before) {
			sp_problem(l->pr, path,
				   "series \"%s\" refers to itself", name);
			return SHMPLOT_E_INVALID;
		}
		if (i > before) {
			sp_problem(l->pr, path,
				   "series \"%s\" is defined after the series "
				   "that uses it; define it first",
				   name);
			return SHMPLOT_E_INVALID;
		}
		if (!l->m.series[i].ok) {
			l->bad_refs++;
			return SHMPLOT_E_INVALID; /* already listed */
		}
		*ix = (uint32_t)i;
		return SHMPLOT_OK;
	}
	char sug[SP_SUGGEST_LEN];
	sp_suggest s;
	sp_suggest_init(&s, name);
	for (i = 0; i < l->m.nseries; i++)
		sp_suggest_try(&s, series_name(l, i));
	sp_problem(l->pr, path, "unknown series \"%s\"%s", name,
		   sp_suggest_text(&s, sug, sizeof sug));
	return SHMPLOT_E_INVALID;
}

shmplot_status sp_series_dims(sp_loader *l, uint32_t ix, int want2d,
			      const char *what, const char *path)
{
	const sp_series_def *s = &l->m.series[ix];
	if (!s->cols == !want2d)
		return SHMPLOT_OK;
	if (s->cols)
		sp_problem(l->pr, path,
			   "series \"%s\" is 2-D (%zu x %zu); %s takes a 1-D "
			   "series",
			   series_name(l, ix), s->n / s->cols, s->cols, what);
	else
		sp_problem(l->pr, path,
			   "series \"%s\" is 1-D (%zu values); %s takes a 2-D "
			   "series (a 2-D .npy array or \"values\": [[...], "
			   "...])",
			   series_name(l, ix), s->n, what);
	return SHMPLOT_E_INVALID;
}

static shmplot_status resolve(const sp_loader *l, const char *file, char **out)
{
	return sp_spec_path(l->base_dir, file, out) ? sp_nomem(l->pr)
						    : SHMPLOT_OK;
}

static shmplot_status series_linspace(sp_loader *l, sp_series_def *s,
				      const cJSON *v, const char *path)
{
	char p[SP_PATH_BUF];
	long long n = 0;
	if (!cJSON_IsArray(v) || sp_json_count(v) != 3) {
		sp_problem(l->pr, path, "expected [start, stop, count]");
		return SHMPLOT_E_INVALID;
	}
	const cJSON *a = v->child, *b = a->next, *c = b->next;
	shmplot_status sa =
	    sp_json_num(l->pr, a, sp_path_ix(p, path, 0), &s->u.range.a);
	shmplot_status sb =
	    sp_json_num(l->pr, b, sp_path_ix(p, path, 1), &s->u.range.b);
	shmplot_status sc = sp_json_int(l->pr, c, sp_path_ix(p, path, 2), 1,
					SHMPLOT_MAX_POINTS, &n);
	if (sa || sb || sc)
		return SHMPLOT_E_INVALID;
	s->n = (size_t)n;
	return SHMPLOT_OK;
}

/* How many values arange's [start, stop, step] gives: numpy's rule. */
static shmplot_status arange_count(sp_loader *l, const double arg[3],
				   const char *path, size_t *n)
{
	char a[SP_NUM_BUF], b[SP_NUM_BUF], st[SP_NUM_BUF], c[SP_NUM_BUF];
	if (arg[2] == 0) {
		sp_problem(l->pr, path, "step must not be 0");
		return SHMPLOT_E_INVALID;
	}
	sp_num_text(a, arg[0]);
	sp_num_text(b, arg[1]);
	sp_num_text(st, arg[2]);
	/* ceil((stop - start) / step), which may overflow to infinity. */
	double count = ceil((arg[1] - arg[0]) / arg[2]);
	if (!(count >= 1)) {
		sp_problem(l->pr, path,
			   "[%s, %s) with step %s gives no values: %s", a, b,
			   st,
			   arg[0] == arg[1] ? "start equals stop"
			   : arg[2] > 0     ? "stop is below start and the "
					      "step is positive"
					    : "stop is above start and the "
					      "step is negative");
		return SHMPLOT_E_INVALID;
	}
	if (count > SHMPLOT_MAX_POINTS) {
		sp_problem(l->pr, path,
			   "[%s, %s) with step %s gives %s%s values; at most "
			   "%u are accepted",
			   a, b, st, isinf(count) ? "more than " : "",
			   isinf(count) ? "1e308" : sp_num_text(c, count),
			   SHMPLOT_MAX_POINTS);
		return SHMPLOT_E_INVALID;
	}
	*n = (size_t)count;
	return SHMPLOT_OK;
}

static shmplot_status series_arange(sp_loader *l, sp_series_def *s,
				    const cJSON *v, const char *path)
{
	char p[SP_PATH_BUF];
	double arg[3] = {0, 0, 1}; /* start, stop, step */
	size_t n = cJSON_IsArray(v) ? sp_json_count(v) : 0;
	if (n < 1 || n > 3) {
		sp_problem(l->pr, path,
			   "expected [stop], [start, stop] or [start, "
			   "stop, step]");
		return SHMPLOT_E_INVALID;
	}
	/* [stop] alone fills arg[1]. */
	size_t first = n == 1 ? 1 : 0, i = 0;
	int bad = 0;
	for (const cJSON *it = v->child; it; it = it->next, i++)
		bad |= sp_json_num(l->pr, it, sp_path_ix(p, path, i),
				   &arg[first + i]) != SHMPLOT_OK;
	if (bad)
		return SHMPLOT_E_INVALID;
	if (arange_count(l, arg, path, &s->n))
		return SHMPLOT_E_INVALID;
	s->u.range.a = arg[0];
	s->u.range.b = arg[2];
	return SHMPLOT_OK;
}

/*
 * The numbers of one array (a row of a 2-D series) into out[0 .. count):
 * null is NaN, booleans 0/1 as numpy reads a where mask. 1 if any is bad
 * (listed).
 */
static int values_row(sp_loader *l, const cJSON *v, const char *path,
		      double *out)
{
	char p[SP_PATH_BUF];
	size_t i = 0;
	int bad = 0;
	for (const cJSON *it = v->child; it; it = it->next, i++) {
		out[i] = NAN;
		if (cJSON_IsBool(it))
			out[i] = cJSON_IsTrue(it) ? 1 : 0;
		else if (!cJSON_IsNull(it) &&
			 sp_json_num(l->pr, it, sp_path_ix(p, path, i),
				     &out[i]))
			bad = 1;
	}
	return bad;
}

/*
 * [[row 0], [row 1], ...]: a 2-D series of rows of one length (numpy's
 * np.array of a list of lists), stored row after row. s->n is the rows.
 */
static shmplot_status values_2d(sp_loader *l, sp_series_def *s, const cJSON *v,
				const char *path)
{
	char p[SP_PATH_BUF];
	size_t rows = s->n, cols = sp_json_count(v->child), n, r = 0;
	int bad = 0;
	if (!cols) {
		sp_problem(l->pr, sp_path_ix(p, path, 0),
			   "expected a non-empty row of numbers");
		return SHMPLOT_E_INVALID;
	}
	for (const cJSON *row = v->child; row; row = row->next, r++) {
		if (!cJSON_IsArray(row) || sp_json_count(row) != cols) {
			sp_problem(l->pr, sp_path_ix(p, path, r),
				   "expected a row of %zu numbers like row 0 "
				   "(a 2-D series' rows have one length)",
				   cols);
			bad = 1;
		}
	}
	if (bad)
		return SHMPLOT_E_INVALID;
	if (sp_mul(rows, cols, &n) || n > SHMPLOT_MAX_POINTS) {
		sp_problem(l->pr, path, "%zu x %zu values is too many", rows,
			   cols);
		return SHMPLOT_E_INVALID;
	}
	s->n = n;
	s->cols = cols;
	s->u.values = sp_malloc_ab(n, sizeof *s->u.values);
	if (!s->u.values)
		return sp_nomem(l->pr);
	r = 0;
	for (const cJSON *row = v->child; row; row = row->next, r++)
		bad |= values_row(l, row, sp_path_ix(p, path, r),
				  s->u.values + r * cols);
	return bad ? SHMPLOT_E_INVALID : SHMPLOT_OK;
}

/* The numbers are copied out: the JSON tree is gone by pass 2. */
static shmplot_status series_values(sp_loader *l, sp_series_def *s,
				    const cJSON *v, const char *path)
{
	if (!cJSON_IsArray(v) || !v->child) {
		sp_problem(l->pr, path,
			   "expected a non-empty array of numbers, or of "
			   "rows of numbers (a 2-D series)");
		return SHMPLOT_E_INVALID;
	}
	s->n = sp_json_count(v);
	if (cJSON_IsArray(v->child))
		return values_2d(l, s, v, path);
	s->u.values = sp_malloc_ab(s->n, sizeof *s->u.values);
	if (!s->u.values)
		return sp_nomem(l->pr);
	/* strings that start "YYYY-" (not "pi", "-pi/2") are dates */
	if (sp_values_are_dates(v))
		return sp_values_dates(l, s, v, path);
	return values_row(l, v, path, s->u.values) ? SHMPLOT_E_INVALID
						   : SHMPLOT_OK;
}

static shmplot_status series_unary(sp_loader *l, sp_series_def *s,
				   const cJSON *v, const char *path,
				   size_t self)
{
	uint32_t src;
	if (sp_series_ref(l, v, path, self, &src))
		return SHMPLOT_E_INVALID;
	s->u.op.src[0] = src;
	s->u.op.src[1] = SP_NONE;
	s->n = l->m.series[src].n;
	s->cols = l->m.series[src].cols; /* elementwise: the same shape */
	return SHMPLOT_OK;
}

/* One operand of a binary operator: a series or a constant. */
static shmplot_status binary_operand(sp_loader *l, sp_series_def *s,
				     const cJSON *it, const char *path,
				     size_t self, int i)
{
	s->u.op.src[i] = SP_NONE;
	if (cJSON_IsString(it))
		return sp_series_ref(l, it, path, self, &s->u.op.src[i]);
	if (cJSON_IsNumber(it)) {
		s->u.op.k[i] = it->valuedouble;
		return SHMPLOT_OK;
	}
	sp_problem(l->pr, path, "expected a series name or a number, not %s",
		   sp_json_type(it));
	return SHMPLOT_E_INVALID;
}

static shmplot_status series_binary(sp_loader *l, sp_series_def *s,
				    const cJSON *v, const char *path,
				    size_t self)
{
	char p[SP_PATH_BUF];
	if (!cJSON_IsArray(v) || sp_json_count(v) != 2) {
		sp_problem(l->pr, path,
			   "expected [a, b], each a series name or a number");
		return SHMPLOT_E_INVALID;
	}
	shmplot_status st = SHMPLOT_OK;
	int i = 0;
	for (const cJSON *it = v->child; it; it = it->next, i++)
		if (binary_operand(l, s, it, sp_path_ix(p, path, (size_t)i),
				   self, i))
			st = SHMPLOT_E_INVALID;
	if (st)
		return st;
	const uint32_t *src = s->u.op.src;
	if (src[0] == SP_NONE && src[1] == SP_NONE) {
		sp_problem(l->pr, path,
			   "at least one operand must be a series");
		return SHMPLOT_E_INVALID;
	}
	if (src[0] != SP_NONE && src[1] != SP_NONE &&
	    l->m.series[src[0]].n != l->m.series[src[1]].n) {
		sp_problem(l->pr, path,
			   "series \"%s\" has %zu points but \"%s\" has %zu",
			   series_name(l, src[0]), l->m.series[src[0]].n,
			   series_name(l, src[1]), l->m.series[src[1]].n);
		return SHMPLOT_E_INVALID;
	}
	/* elementwise on one shape: numpy would broadcast a 1-D operand
	 * along rows, which this does not do */
	if (src[0] != SP_NONE && src[1] != SP_NONE &&
	    l->m.series[src[0]].cols != l->m.series[src[1]].cols) {
		sp_problem(l->pr, path,
			   "series \"%s\" and \"%s\" have different shapes",
			   series_name(l, src[0]), series_name(l, src[1]));
		return SHMPLOT_E_INVALID;
	}
	s->n = l->m.series[src[0] != SP_NONE ? src[0] : src[1]].n;
	s->cols = l->m.series[src[0] != SP_NONE ? src[0] : src[1]].cols;
	s->date = sp_binary_date(l, s);
	return SHMPLOT_OK;
}

/* A .npy or raw file: only its header is read now. */
static shmplot_status series_file(sp_loader *l, sp_series_def *s,
				  const cJSON *v, const char *path)
{
	const char *file;
	char err[SP_ERRLEN];
	if (sp_json_str(l->pr, v, path, &file))
		return SHMPLOT_E_INVALID;
	if (resolve(l, file, &s->u.file.path))
		return SHMPLOT_E_NOMEM;
	shmplot_status st =
	    s->gen == SP_GEN_NPY
		? sp_npy_probe(s->u.file.path, &s->u.file.info, err, sizeof err)
		: sp_raw_probe(s->u.file.path, &s->u.file.info, err,
			       sizeof err);
	if (st) {
		sp_problem(l->pr, path, "%s", err);
		return SHMPLOT_E_INVALID;
	}
	s->n = s->u.file.info.n;
	s->cols = s->u.file.info.cols;
	return SHMPLOT_OK;
}

/* ---- CSV columns ---- */

/* The cached table for (path, header, delim), parsed on first use. */
static shmplot_status csv_get(sp_loader *l, const char *path, int header,
			      unsigned char delim, const sp_csv_ent **out)
{
	for (size_t i = 0; i < l->ncsv; i++)
		if (strcmp(l->csv[i].path, path) == 0 &&
		    l->csv[i].header == header && l->csv[i].delim == delim) {
			*out = &l->csv[i];
			return SHMPLOT_OK;
		}
	sp_csv_ent *e =
	    sp_array_push(&l->csv, &l->ncsv, &l->csv_cap, sizeof *l->csv);
	if (!e)
		return sp_nomem(l->pr);
	if (!(e->path = strdup(path))) {
		l->ncsv--;
		return sp_nomem(l->pr);
	}
	e->header = header;
	e->delim = delim;
	char err[SP_ERRLEN];
	if (sp_csv_read(path, header, delim, &e->csv, err, sizeof err) &&
	    !(e->err = strdup(err)))
		return sp_nomem(l->pr);
	*out = e;
	return SHMPLOT_OK;
}

/* A delimiter libcsv can split on: one byte, not a quote or line end. */
static int good_delim(const char *d)
{
	return strlen(d) == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r';
}

/* "csv", "header" and "delimiter" of a csv series. */
static shmplot_status csv_options(sp_loader *l, const cJSON *def,
				  const char *path, const char **file,
				  int *header, unsigned char *delim)
{
	char p[SP_PATH_BUF];
	const cJSON *hdr = sp_json_member(def, "header");
	const cJSON *dl = sp_json_member(def, "delimiter");
	const char *d;
	int bad = sp_json_str(l->pr, sp_json_member(def, "csv"),
			      sp_path_key(p, path, "csv"), file) != SHMPLOT_OK;
	*header = 1;
	*delim = ',';
	if (hdr &&
	    sp_json_bool(l->pr, hdr, sp_path_key(p, path, "header"), header))
		bad = 1;
	if (dl &&
	    sp_json_str(l->pr, dl, sp_path_key(p, path, "delimiter"), &d)) {
		bad = 1;
	} else if (dl && !good_delim(d)) {
		sp_problem(l->pr, p,
			   "expected one character such as \",\", \";\" or "
			   "\"\\t\"");
		bad = 1;
	} else if (dl) {
		*delim = (unsigned char)d[0];
	}
	return bad ? SHMPLOT_E_INVALID : SHMPLOT_OK;
}

/* "column" is there and of a type that can name one. */
static shmplot_status csv_column_arg(sp_loader *l, const cJSON *col,
				     const char *path, int header)
{
	char p[SP_PATH_BUF];
	if (!col) {
		sp_problem(l->pr, path,
			   "a csv series needs \"column\": a header name or a "
			   "0-based column number");
		return SHMPLOT_E_INVALID;
	}
	if (!cJSON_IsString(col) && !cJSON_IsNumber(col)) {
		sp_problem(l->pr, sp_path_key(p, path, "column"),
			   "expected a header name or a 0-based column number, "
			   "not %s",
			   sp_json_type(col));
		return SHMPLOT_E_INVALID;
	}
	if (cJSON_IsString(col) && !header) {
		sp_problem(
		    l->pr, sp_path_key(p, path, "column"),
		    "with \"header\": false columns are numbered from 0");
		return SHMPLOT_E_INVALID;
	}
	return SHMPLOT_OK;
}

/* The index of the column col names in the table e. */
static shmplot_status csv_column(sp_loader *l, const sp_csv_ent *e,
				 const cJSON *col, const char *path, size_t *ix)
{
	char p[SP_PATH_BUF], sug[SP_SUGGEST_LEN];
	sp_path_key(p, path, "column");
	if (cJSON_IsString(col)) {
		if (sp_csv_find(e->csv, col->valuestring, ix))
			return SHMPLOT_OK;
		sp_suggest sg;
		sp_suggest_init(&sg, col->valuestring);
		for (size_t i = 0; i < e->csv->ncols; i++)
			if (e->csv->cols[i].name)
				sp_suggest_try(&sg, e->csv->cols[i].name);
		sp_problem(l->pr, p, "%s has no column \"%s\"%s", e->path,
			   col->valuestring,
			   sp_suggest_text(&sg, sug, sizeof sug));
		return SHMPLOT_E_INVALID;
	}
	double d = col->valuedouble;
	if (d != floor(d) || d < 0 || d >= (double)e->csv->ncols) {
		sp_problem(l->pr, p,
			   "column %g does not exist: %s has %zu columns, "
			   "numbered from 0",
			   d, e->path, e->csv->ncols);
		return SHMPLOT_E_INVALID;
	}
	*ix = (size_t)d;
	return SHMPLOT_OK;
}

/* Says how many cells of column ix became NaN, and why. */
static void csv_note(sp_loader *l, const sp_csv_ent *e, size_t ix,
		     const char *path)
{
	const sp_csv_col *c = &e->csv->cols[ix];
	char first[96] = "", colname[80];
	if (!c->empty && !c->bad)
		return;
	if (c->bad)
		snprintf(first, sizeof first,
			 " (first non-numeric: row %zu, \"%s\")", c->bad_row,
			 c->bad_text);
	if (c->name)
		snprintf(colname, sizeof colname, "\"%.60s\"", c->name);
	else
		snprintf(colname, sizeof colname, "%zu", ix);
	sp_note(l->pr, path,
		"%s column %s: %zu empty and %zu non-numeric cells became "
		"NaN%s",
		e->path, colname, c->empty, c->bad, first);
}

static shmplot_status series_csv(sp_loader *l, sp_series_def *s,
				 const cJSON *def, const char *path)
{
	char p[SP_PATH_BUF];
	const cJSON *col = sp_json_member(def, "column");
	const char *file;
	int header;
	unsigned char delim;
	shmplot_status opts = csv_options(l, def, path, &file, &header, &delim);
	if (csv_column_arg(l, col, path, header) || opts)
		return SHMPLOT_E_INVALID;
	char *full;
	const sp_csv_ent *e;
	if (resolve(l, file, &full))
		return SHMPLOT_E_NOMEM;
	shmplot_status st = csv_get(l, full, header, delim, &e);
	free(full);
	if (st)
		return st;
	if (!e->csv) {
		sp_problem(l->pr, sp_path_key(p, path, "csv"), "%s",
			   e->err ? e->err : "out of memory");
		return SHMPLOT_E_INVALID;
	}
	size_t ix;
	if (csv_column(l, e, col, path, &ix))
		return SHMPLOT_E_INVALID;
	if (e->csv->cols[ix].n == 0) {
		sp_problem(l->pr, sp_path_key(p, path, "csv"),
			   "%s has no data rows", e->path);
		return SHMPLOT_E_INVALID;
	}
	csv_note(l, e, ix, path);
	if (e->csv->cols[ix].dates && sp_csv_dates(l, e, ix, path))
		return SHMPLOT_E_INVALID;
	s->date = e->csv->cols[ix].dates > 0;
	s->u.col = &e->csv->cols[ix];
	s->n = s->u.col->n;
	return SHMPLOT_OK;
}

/* ---- one definition ---- */

/* 1 if key k names a generator: its kind in *gen, function in *fn. */
static int classify(const char *k, int *gen, int *fn)
{
	*fn = 0;
	for (size_t i = 0; i < NGENERATORS; i++)
		if (strcmp(k, generators[i].name) == 0) {
			*gen = generators[i].gen;
			return 1;
		}
	for (size_t i = 0; i < sp_unary_count; i++)
		if (strcmp(k, sp_unary_table[i].name) == 0) {
			*gen = SP_GEN_UNARY;
			*fn = (int)i;
			return 1;
		}
	for (int i = 0; i < SP_NBINOP; i++)
		if (strcmp(k, sp_binop_words[i]) == 0 ||
		    strcmp(k, sp_binop_syms[i]) == 0) {
			*gen = SP_GEN_BINARY;
			*fn = i;
			return 1;
		}
	return 0;
}

/* A definition without any generator key: suggest one, or list them. */
static void no_generator(sp_loader *l, const cJSON *def, const char *path)
{
	char p[SP_PATH_BUF], sug[SP_SUGGEST_LEN];
	const char *k = def->child ? def->child->string : "";
	sp_suggest sg;
	sp_suggest_init(&sg, k);
	for (size_t i = 0; i < NGENERATORS; i++)
		sp_suggest_try(&sg, generators[i].name);
	for (size_t i = 0; i < sp_unary_count; i++)
		sp_suggest_try(&sg, sp_unary_table[i].name);
	sp_suggest_all(&sg, sp_binop_words, SP_NBINOP);
	if (sp_suggest_best(&sg))
		sp_problem(l->pr, sp_path_key(p, path, k),
			   "unknown generator%s",
			   sp_suggest_text(&sg, sug, sizeof sug));
	else
		sp_problem(l->pr, path,
			   "no generator%s%s%s; expected one of linspace, "
			   "arange, values, csv, npy, raw, a function (sin, "
			   "cos, tan, exp, log, sqrt, abs, ...) or an operator "
			   "(add, sub, mul, div, pow)",
			   *k ? " (\"" : "", k, *k ? "\" is none)" : "");
}

/* The generator's arguments, once its kind is known. */
static shmplot_status parse_generator(sp_loader *l, sp_series_def *s,
				      const cJSON *def, const cJSON *gen,
				      const char *path, size_t self)
{
	char p[SP_PATH_BUF];
	sp_path_key(p, path, gen->string);
	switch (s->gen) {
	case SP_GEN_LINSPACE:
		return series_linspace(l, s, gen, p);
	case SP_GEN_ARANGE:
		return series_arange(l, s, gen, p);
	case SP_GEN_VALUES:
		return series_values(l, s, gen, p);
	case SP_GEN_UNARY:
		return series_unary(l, s, gen, p, self);
	case SP_GEN_BINARY:
		return series_binary(l, s, gen, p, self);
	case SP_GEN_CSV:
		return series_csv(l, s, def, path);
	default:
		return series_file(l, s, gen, p);
	}
}

shmplot_status sp_series_define(sp_loader *l, const cJSON *def, size_t self)
{
	char path[SP_PATH_BUF];
	sp_series_def *s = &l->m.series[self];
	sp_path_key(path, "series", series_name(l, self));
	if (!cJSON_IsObject(def)) {
		sp_problem(l->pr, path,
			   "expected an object such as {\"linspace\": [0, 1, "
			   "100]}, not %s",
			   sp_json_type(def));
		return SHMPLOT_E_INVALID;
	}
	/* Exactly one key names the generator; csv takes options too. */
	const cJSON *gen = NULL;
	int kind = 0, fn = 0, ngen = 0;
	for (const cJSON *it = def->child; it; it = it->next) {
		int k, f;
		if (classify(it->string, &k, &f) && ngen++ == 0) {
			gen = it;
			kind = k;
			fn = f;
		}
	}
	if (ngen > 1) {
		sp_problem(l->pr, path, "give exactly one generator; found %d",
			   ngen);
		return SHMPLOT_E_INVALID;
	}
	if (!gen) {
		no_generator(l, def, path);
		return SHMPLOT_E_INVALID;
	}
	const char *const only[] = {gen->string, NULL};
	sp_json_check_keys(l->pr, def, path,
			   kind == SP_GEN_CSV ? csv_keys : only);
	s->gen = (uint8_t)kind;
	if (kind == SP_GEN_UNARY || kind == SP_GEN_BINARY)
		s->u.op.fn = fn;
	shmplot_status st = parse_generator(l, s, def, gen, path, self);
	s->ok = st == SHMPLOT_OK;
	return st;
}

shmplot_status sp_series_begin(sp_loader *l, size_t n)
{
	if (n > SHMPLOT_MAX_SERIES) {
		sp_problem(l->pr, "series",
			   "%zu series; a spec may define at most %u (a data "
			   "segment holds no more)",
			   n, SHMPLOT_MAX_SERIES);
		return SHMPLOT_E_INVALID;
	}
	if (n && !(l->m.series = calloc(n, sizeof *l->m.series)))
		return sp_nomem(l->pr);
	return SHMPLOT_OK;
}

void sp_series_name(sp_loader *l, const char *name)
{
	char path[SP_PATH_BUF];
	size_t len = strlen(name);
	sp_series_def *s = &l->m.series[l->m.nseries++];
	s->id = (uint32_t)(l->m.nseries - 1);
	sp_path_key(path, "series", name);
	if (sp_text_add(&l->m.text, name, &s->name))
		sp_nomem(l->pr);
	else if (len == 0 || len > SHMPLOT_MAX_SERIES_NAME)
		sp_problem(l->pr, path,
			   "a series name must be 1 to %d bytes, not %zu",
			   SHMPLOT_MAX_SERIES_NAME, len);
	else if (sp_nameset_find(&l->series_ix, name, NULL))
		sp_problem(l->pr, path, "series defined twice");
	else if (sp_nameset_add(&l->series_ix, name, l->m.nseries - 1))
		sp_nomem(l->pr);
}
