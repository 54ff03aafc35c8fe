/*
 * Batch specs: JSON (parsed with cJSON) in, a sealed data segment and a
 * list of figures out.
 *
 * Loading runs in two passes so the segment is sized exactly and nothing is
 * rendered from a bad spec:
 *  1. Validate everything, collecting every problem with its JSON path:
 *     each series gets its length (generators from their arguments, .npy
 *     and raw files from their headers, CSV files are parsed once per file),
 *     and each figure is built with series ids that are simply the series'
 *     positions in the spec, because pass 2 adds them in that order.
 *  2. Only if there was no problem: create the segment for exactly the
 *     series and points counted, compute or read each series in place, and
 *     seal it.
 * The cJSON tree and the CSV tables are freed before returning, so what a
 * loaded spec keeps is the segment and the figure descriptions.
 */
#define _GNU_SOURCE
#include "figure/figure.h"
#include "segment/segment.h"
#include "shmplot/spec.h"
#include "spec/compute.h"
#include "spec/spec_io.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_ERRORS      100
#define MAX_SERIES_PTS  1000000000.0 /* same bound as `render -n` */
#define SERIES_NAME_MAX 63           /* the segment's limit */
#define FIG_NAME_MAX    127          /* the figure API's limit */
#define SPEC_MAX_BYTES  ((size_t)1 << 30)
#define PATH_BUF        320

/* ------------------------------------------------------------------------ */
/* Message lists                                                             */
/* ------------------------------------------------------------------------ */

typedef struct strlist {
	char **v;
	size_t n, cap;
	size_t dropped; /* beyond MAX_ERRORS */
} strlist;

struct shmplot_spec {
	shmplot_data *data;
	shmplot_figure **figs;
	size_t nfig;
	strlist errors, notes;
};

/* Appends line (taking ownership) without any cap. */
static void list_append(strlist *l, char *line)
{
	if (!line)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **v = sp_malloc_ab(cap, sizeof *v);
		if (!v) {
			free(line);
			return;
		}
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		free(l->v);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = line;
}

/* Keeps MAX_ERRORS - 1 lines; list_close() adds the count of the rest. */
static void list_push(strlist *l, char *line)
{
	if (line && l->n >= MAX_ERRORS - 1) {
		l->dropped++;
		free(line);
		return;
	}
	list_append(l, line);
}

static void list_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void list_close(strlist *l)
{
	char *line;
	if (l->dropped && asprintf(&line, "... and %zu more", l->dropped) >= 0)
		list_append(l, line);
	l->dropped = 0;
}

/* ------------------------------------------------------------------------ */
/* Loader state                                                              */
/* ------------------------------------------------------------------------ */

enum kind {
	K_LINSPACE,
	K_ARANGE,
	K_VALUES,
	K_UNARY,
	K_BINARY,
	K_CSV,
	K_NPY,
	K_RAW
};

typedef double (*unary_fn)(double);

static double neg(double v)
{
	return -v;
}

static const struct {
	const char *name;
	unary_fn fn;
} unary[] = {
    {"sin", sin},     {"cos", cos},   {"tan", tan},   {"asin", asin},
    {"acos", acos},   {"atan", atan}, {"sinh", sinh}, {"cosh", cosh},
    {"tanh", tanh},   {"exp", exp},   {"log", log},   {"log10", log10},
    {"log2", log2},   {"sqrt", sqrt}, {"abs", fabs},  {"neg", neg},
    {"floor", floor}, {"ceil", ceil},
};
#define NUNARY (sizeof unary / sizeof *unary)

/* Binary operators: each has a word and a symbol spelling. */
static const char *const binary_word[] = {"add", "sub", "mul", "div", "pow"};
static const char *const binary_sym[] = {"+", "-", "*", "/", "^"};
#define NBINARY 5

typedef struct ser {
	const char *name; /* key in the cJSON tree, alive during the load */
	int kind;
	int ok; /* defined without error; else users are silently skipped */
	size_t n;
	double a, b;           /* linspace start/stop, arange start/step */
	int fn;                /* index into unary[] or the binary ops */
	long src[2];           /* operand series, or -1 for a constant */
	double k[2];           /* constant operands */
	const cJSON *values;   /* K_VALUES */
	char *file;            /* K_NPY, K_RAW: resolved path */
	sp_array_info info;    /* K_NPY, K_RAW */
	const sp_csv_col *col; /* K_CSV: owned by the CSV cache */
} ser;

typedef struct csv_ent {
	char *path;
	int header;
	unsigned char delim;
	sp_csv *csv; /* NULL if it failed to load */
	char *err;
} csv_ent;

/* Open-addressing hash set of names -> index (series, figure names). */
typedef struct nameset {
	const char **key;
	size_t *val;
	size_t cap, n;
} nameset;

typedef struct ld {
	shmplot_spec *spec;
	const char *base_dir;
	ser *ser;
	size_t nser;
	nameset series_ix, fig_names;
	csv_ent *csv;
	size_t ncsv;
	int nomem;
} ld;

static void lerr(ld *l, const char *path, const char *fmt, ...) SP_PRINTF(3, 4);
static void lerr(ld *l, const char *path, const char *fmt, ...)
{
	char msg[SP_ERRLEN], *line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (asprintf(&line, "%s%s%s", path ? path : "", path ? ": " : "", msg) <
	    0) {
		l->nomem = 1;
		return;
	}
	list_push(&l->spec->errors, line);
}

static void lnote(ld *l, const char *path, const char *fmt, ...)
    SP_PRINTF(3, 4);
static void lnote(ld *l, const char *path, const char *fmt, ...)
{
	char msg[SP_ERRLEN], *line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (asprintf(&line, "%s: %s", path, msg) >= 0)
		list_push(&l->spec->notes, line);
}

static size_t nerrors(const ld *l)
{
	return l->spec->errors.n + l->spec->errors.dropped;
}

/*
 * JSON path of a child: "parent.key" or "parent[i]". A path longer than
 * PATH_BUF is cut short; the message is still useful, so that is not an
 * error.
 */
static const char *path_key(char *buf, const char *parent, const char *key)
{
	if (snprintf(buf, PATH_BUF, "%s%s%s", parent, *parent ? "." : "",
		     key) >= PATH_BUF)
		buf[PATH_BUF - 1] = '\0';
	return buf;
}

static const char *path_ix(char *buf, const char *parent, size_t i)
{
	if (snprintf(buf, PATH_BUF, "%s[%zu]", parent, i) >= PATH_BUF)
		buf[PATH_BUF - 1] = '\0';
	return buf;
}

/* ------------------------------------------------------------------------ */
/* Name sets and suggestions                                                 */
/* ------------------------------------------------------------------------ */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void set_free(nameset *s)
{
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof *s);
}

/* Returns the slot for key: its value if present, else where it goes. */
static size_t set_slot(const nameset *s, const char *key)
{
	size_t i = (size_t)hash_str(key) & (s->cap - 1);
	while (s->key[i] && strcmp(s->key[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static int set_find(const nameset *s, const char *key, size_t *val)
{
	if (!s->cap)
		return 0;
	size_t i = set_slot(s, key);
	if (!s->key[i])
		return 0;
	if (val)
		*val = s->val[i];
	return 1;
}

/* Adds key (not copied: it must outlive the set). -1 on out of memory. */
static int set_add(nameset *s, const char *key, size_t val)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		nameset t = {calloc(cap, sizeof *t.key),
			     calloc(cap, sizeof *t.val), cap, 0};
		if (!t.key || !t.val) {
			set_free(&t);
			return -1;
		}
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->key[i])
				continue;
			size_t j = set_slot(&t, s->key[i]);
			t.key[j] = s->key[i];
			t.val[j] = s->val[i];
			t.n++;
		}
		set_free(s);
		*s = t;
	}
	size_t i = set_slot(s, key);
	if (!s->key[i])
		s->n++;
	s->key[i] = key;
	s->val[i] = val;
	return 0;
}

/* Levenshtein distance, giving up (returning limit + 1) past limit. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

typedef struct suggest {
	const char *best;
	size_t dist;
	const char *word;
} suggest;

static void suggest_init(suggest *s, const char *word)
{
	s->best = NULL;
	s->word = word;
	/* 1 edit for short words, 2 up to 8 bytes ("titel"), else 3. */
	size_t len = strlen(word);
	s->dist = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	s->dist++; /* strictly better than this */
}

static void suggest_try(suggest *s, const char *cand)
{
	size_t d = edit_distance(s->word, cand, s->dist - 1);
	if (d < s->dist) {
		s->dist = d;
		s->best = cand;
	}
}

/* " (did you mean "x"?)" or "". */
static const char *suggest_text(const suggest *s, char *buf, size_t len)
{
	if (!s->best) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, " (did you mean \"%s\"?)", s->best);
	return buf;
}

/* ------------------------------------------------------------------------ */
/* JSON helpers                                                              */
/* ------------------------------------------------------------------------ */

static const char *type_name(const cJSON *it)
{
	if (cJSON_IsNumber(it))
		return "a number";
	if (cJSON_IsString(it))
		return "a string";
	if (cJSON_IsBool(it))
		return "a boolean";
	if (cJSON_IsNull(it))
		return "null";
	if (cJSON_IsArray(it))
		return "an array";
	if (cJSON_IsObject(it))
		return "an object";
	return "invalid";
}

/*
 * Checks obj's keys against allowed (NULL-terminated): an unknown key or a
 * key given twice is an error. Keys starting with '_' are comments.
 */
static void check_keys(ld *l, const cJSON *obj, const char *path,
		       const char *const *allowed)
{
	char p[PATH_BUF], sug[96];
	for (const cJSON *it = obj->child; it; it = it->next) {
		const char *k = it->string;
		if (k[0] == '_')
			continue;
		for (const cJSON *prev = obj->child; prev != it;
		     prev = prev->next)
			if (strcmp(prev->string, k) == 0) {
				lerr(l, path_key(p, path, k),
				     "given twice (JSON objects need unique "
				     "keys)");
				break;
			}
		int known = 0;
		suggest s;
		suggest_init(&s, k);
		for (size_t i = 0; allowed[i] && !known; i++) {
			known = strcmp(allowed[i], k) == 0;
			suggest_try(&s, allowed[i]);
		}
		if (!known)
			lerr(l, path_key(p, path, k), "unknown key%s",
			     suggest_text(&s, sug, sizeof sug));
	}
}

/*
 * A number: a JSON number, or a string "pi", "2pi", "-pi/2", "4*pi",
 * "1.5" (multiples of pi cannot be written exactly in JSON).
 */
static int parse_pi(const char *s, double *out)
{
	char *end;
	double k = 1;
	errno = 0;
	double v = strtod(s, &end);
	if (end != s) {
		if (!*end) {
			*out = v;
			return isfinite(v) ? 0 : -1;
		}
		k = v;
		s = end;
		if (*s == '*')
			s++;
	} else if (*s == '-' || *s == '+') {
		k = *s == '-' ? -1 : 1;
		s++;
	}
	if (strncmp(s, "pi", 2) == 0)
		s += 2;
	else if (strncmp(s, "\xcf\x80", 2) == 0) /* U+03C0 */
		s += 2;
	else
		return -1;
	double d = 1;
	if (*s == '/') {
		d = strtod(s + 1, &end);
		if (end == s + 1 || *end || d == 0)
			return -1;
	} else if (*s) {
		return -1;
	}
	*out = k * M_PI / d;
	return isfinite(*out) ? 0 : -1;
}

static int get_num(ld *l, const cJSON *it, const char *path, double *out)
{
	if (cJSON_IsNumber(it)) {
		*out = it->valuedouble;
		return 0;
	}
	if (cJSON_IsString(it) && parse_pi(it->valuestring, out) == 0)
		return 0;
	if (cJSON_IsString(it))
		lerr(l, path,
		     "\"%s\" is not a number (numbers may be written as "
		     "JSON numbers or as \"2pi\", \"-pi/2\")",
		     it->valuestring);
	else
		lerr(l, path, "expected a number, not %s", type_name(it));
	return -1;
}

/* A whole number in [lo, hi]. */
static int get_int(ld *l, const cJSON *it, const char *path, double lo,
		   double hi, long long *out)
{
	if (!cJSON_IsNumber(it)) {
		lerr(l, path, "expected a whole number, not %s", type_name(it));
		return -1;
	}
	double v = it->valuedouble;
	if (v != floor(v) || v < lo || v > hi) {
		lerr(l, path, "%g is not a whole number in %.0f..%.0f", v, lo,
		     hi);
		return -1;
	}
	*out = (long long)v;
	return 0;
}

static const char *get_str(ld *l, const cJSON *it, const char *path)
{
	if (cJSON_IsString(it))
		return it->valuestring;
	lerr(l, path, "expected a string, not %s", type_name(it));
	return NULL;
}

static int get_bool(ld *l, const cJSON *it, const char *path, int *out)
{
	if (cJSON_IsBool(it)) {
		*out = cJSON_IsTrue(it);
		return 0;
	}
	lerr(l, path, "expected true or false, not %s", type_name(it));
	return -1;
}

/* [a, b] of numbers; returns the count parsed or -1. */
static int get_pair(ld *l, const cJSON *it, const char *path, double out[2])
{
	char p[PATH_BUF];
	if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2) {
		lerr(l, path, "expected [low, high], not %s", type_name(it));
		return -1;
	}
	if (get_num(l, it->child, path_ix(p, path, 0), &out[0]) |
	    get_num(l, it->child->next, path_ix(p, path, 1), &out[1]))
		return -1;
	return 0;
}

static const cJSON *member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Relative file names resolve against the spec's directory. */
static char *resolve(const ld *l, const char *file)
{
	char *out;
	if (file[0] == '/' || !l->base_dir || !*l->base_dir ||
	    strcmp(l->base_dir, ".") == 0)
		return strdup(file);
	if (asprintf(&out, "%s/%s", l->base_dir, file) < 0)
		return NULL;
	return out;
}

/* ------------------------------------------------------------------------ */
/* Series: pass 1                                                            */
/* ------------------------------------------------------------------------ */

/*
 * A reference to an earlier series by name. Returns its index, -1 after an
 * error, -2 if it exists but is itself broken (already reported).
 */
static long series_ref(ld *l, const cJSON *it, const char *path, size_t before)
{
	const char *name = get_str(l, it, path);
	if (!name)
		return -1;
	size_t ix;
	if (set_find(&l->series_ix, name, &ix)) {
		if (ix >= before) {
			lerr(l, path,
			     "series \"%s\" is defined after the series that "
			     "uses it; define it first",
			     name);
			return -1;
		}
		return l->ser[ix].ok ? (long)ix : -2;
	}
	suggest s;
	suggest_init(&s, name);
	for (size_t i = 0; i < l->nser; i++)
		suggest_try(&s, l->ser[i].name);
	char sug[96];
	lerr(l, path, "unknown series \"%s\"%s", name,
	     suggest_text(&s, sug, sizeof sug));
	return -1;
}

static int series_linspace(ld *l, ser *s, const cJSON *v, const char *path)
{
	char p[PATH_BUF];
	long long n;
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 3) {
		lerr(l, path, "expected [start, stop, count]");
		return -1;
	}
	const cJSON *a = v->child, *b = a->next, *c = b->next;
	if (get_num(l, a, path_ix(p, path, 0), &s->a) |
	    get_num(l, b, path_ix(p, path, 1), &s->b) |
	    get_int(l, c, path_ix(p, path, 2), 1, MAX_SERIES_PTS, &n))
		return -1;
	s->n = (size_t)n;
	return 0;
}

static int series_arange(ld *l, ser *s, const cJSON *v, const char *path)
{
	char p[PATH_BUF];
	double arg[3] = {0, 0, 1};
	int n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 0;
	if (n < 1 || n > 3) {
		lerr(l, path,
		     "expected [stop], [start, stop] or [start, "
		     "stop, step]");
		return -1;
	}
	int i = n == 1 ? 1 : 0, bad = 0;
	for (const cJSON *it = v->child; it; it = it->next, i++)
		bad |= get_num(l, it, path_ix(p, path, (size_t)(i - (n == 1))),
			       &arg[i]);
	if (bad)
		return -1;
	if (arg[2] == 0) {
		lerr(l, path, "step must not be 0");
		return -1;
	}
	/* numpy's rule: ceil((stop - start) / step) values. */
	double count = ceil((arg[1] - arg[0]) / arg[2]);
	if (!(count >= 1) || count > MAX_SERIES_PTS) {
		lerr(l, path,
		     "[%g, %g) with step %g gives %.0f values; 1..%.0f "
		     "are accepted",
		     arg[0], arg[1], arg[2], isfinite(count) ? count : 0,
		     MAX_SERIES_PTS);
		return -1;
	}
	s->a = arg[0];
	s->b = arg[2];
	s->n = (size_t)count;
	return 0;
}

static int series_values(ld *l, ser *s, const cJSON *v, const char *path)
{
	char p[PATH_BUF];
	if (!cJSON_IsArray(v) || !v->child) {
		lerr(l, path, "expected a non-empty array of numbers");
		return -1;
	}
	size_t n = 0;
	int bad = 0;
	for (const cJSON *it = v->child; it; it = it->next, n++) {
		double d;
		if (!cJSON_IsNull(it) &&
		    get_num(l, it, path_ix(p, path, n), &d))
			bad = 1;
	}
	s->values = v;
	s->n = n;
	return bad ? -1 : 0;
}

static int series_unary(ld *l, ser *s, const cJSON *v, const char *path,
			size_t self)
{
	long src = series_ref(l, v, path, self);
	if (src < 0)
		return (int)src;
	s->src[0] = src;
	s->n = l->ser[src].n;
	return 0;
}

static int series_binary(ld *l, ser *s, const cJSON *v, const char *path,
			 size_t self)
{
	char p[PATH_BUF];
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2) {
		lerr(l, path,
		     "expected [a, b], each a series name or a number");
		return -1;
	}
	int rc = 0, i = 0;
	for (const cJSON *it = v->child; it; it = it->next, i++) {
		path_ix(p, path, (size_t)i);
		s->src[i] = -1;
		if (cJSON_IsString(it)) {
			long r = series_ref(l, it, p, self);
			if (r < 0)
				rc = rc ? rc : (int)r;
			else
				s->src[i] = r;
		} else if (cJSON_IsNumber(it)) {
			s->k[i] = it->valuedouble;
		} else {
			lerr(l, p, "expected a series name or a number, not %s",
			     type_name(it));
			rc = -1;
		}
	}
	if (rc)
		return rc;
	if (s->src[0] < 0 && s->src[1] < 0) {
		lerr(l, path, "at least one operand must be a series");
		return -1;
	}
	if (s->src[0] >= 0 && s->src[1] >= 0 &&
	    l->ser[s->src[0]].n != l->ser[s->src[1]].n) {
		lerr(l, path, "series \"%s\" has %zu points but \"%s\" has %zu",
		     l->ser[s->src[0]].name, l->ser[s->src[0]].n,
		     l->ser[s->src[1]].name, l->ser[s->src[1]].n);
		return -1;
	}
	s->n = l->ser[s->src[0] >= 0 ? s->src[0] : s->src[1]].n;
	return 0;
}

/* The cached table for (path, header, delim), parsing it on first use. */
static const csv_ent *csv_get(ld *l, const char *path, int header,
			      unsigned char delim)
{
	for (size_t i = 0; i < l->ncsv; i++)
		if (strcmp(l->csv[i].path, path) == 0 &&
		    l->csv[i].header == header && l->csv[i].delim == delim)
			return &l->csv[i];
	size_t bytes;
	if (sp_mul(l->ncsv + 1, sizeof *l->csv, &bytes))
		return NULL;
	csv_ent *c = realloc(l->csv, bytes);
	if (!c)
		return NULL;
	l->csv = c;
	csv_ent *e = &c[l->ncsv];
	memset(e, 0, sizeof *e);
	e->path = strdup(path);
	if (!e->path)
		return NULL;
	e->header = header;
	e->delim = delim;
	l->ncsv++;
	char err[SP_ERRLEN];
	if (sp_csv_read(path, header, delim, &e->csv, err, sizeof err))
		e->err = strdup(err);
	return e;
}

static int series_csv(ld *l, ser *s, const cJSON *def, const char *path)
{
	char p[PATH_BUF];
	const char *file =
	    get_str(l, member(def, "csv"), path_key(p, path, "csv"));
	const cJSON *col = member(def, "column");
	const cJSON *hdr = member(def, "header");
	const cJSON *dl = member(def, "delimiter");
	int header = 1;
	unsigned char delim = ',';
	int bad = !file;
	if (hdr && get_bool(l, hdr, path_key(p, path, "header"), &header))
		bad = 1;
	if (dl) {
		const char *d = get_str(l, dl, path_key(p, path, "delimiter"));
		if (d && (strlen(d) != 1 || d[0] == '"' || d[0] == '\n' ||
			  d[0] == '\r')) {
			lerr(l, p,
			     "expected one character such as \",\", "
			     "\";\" or \"\\t\"");
			bad = 1;
		} else if (!d) {
			bad = 1;
		} else {
			delim = (unsigned char)d[0];
		}
	}
	if (!col) {
		lerr(l, path,
		     "a csv series needs \"column\": a header name or "
		     "a 0-based column number");
		return -1;
	}
	if (!cJSON_IsString(col) && !cJSON_IsNumber(col)) {
		lerr(l, path_key(p, path, "column"),
		     "expected a header name or a 0-based column number, not "
		     "%s",
		     type_name(col));
		return -1;
	}
	if (cJSON_IsString(col) && !header) {
		lerr(l, path_key(p, path, "column"),
		     "with \"header\": false columns are numbered from 0");
		return -1;
	}
	if (bad)
		return -1;
	char *full = resolve(l, file);
	if (!full) {
		l->nomem = 1;
		return -1;
	}
	const csv_ent *e = csv_get(l, full, header, delim);
	free(full);
	if (!e) {
		l->nomem = 1;
		return -1;
	}
	if (!e->csv) {
		lerr(l, path_key(p, path, "csv"), "%s",
		     e->err ? e->err : "out of memory");
		return -1;
	}
	size_t ix;
	if (cJSON_IsString(col)) {
		if (!sp_csv_find(e->csv, col->valuestring, &ix)) {
			suggest sg;
			suggest_init(&sg, col->valuestring);
			for (size_t i = 0; i < e->csv->ncols; i++)
				if (e->csv->cols[i].name)
					suggest_try(&sg, e->csv->cols[i].name);
			char sug[96];
			lerr(l, path_key(p, path, "column"),
			     "%s has no column \"%s\"%s", e->path,
			     col->valuestring,
			     suggest_text(&sg, sug, sizeof sug));
			return -1;
		}
	} else {
		double d = col->valuedouble;
		if (d != floor(d) || d < 0 || d >= (double)e->csv->ncols) {
			lerr(l, path_key(p, path, "column"),
			     "column %g does not exist: %s has %zu columns, "
			     "numbered from 0",
			     d, e->path, e->csv->ncols);
			return -1;
		}
		ix = (size_t)d;
	}
	const sp_csv_col *c = &e->csv->cols[ix];
	if (c->n == 0) {
		lerr(l, path_key(p, path, "csv"), "%s has no data rows",
		     e->path);
		return -1;
	}
	if (c->empty || c->bad) {
		char first[96] = "";
		if (c->bad)
			snprintf(first, sizeof first,
				 " (first non-numeric: row %zu, \"%s\")",
				 c->bad_row, c->bad_text);
		char colname[80];
		if (c->name)
			snprintf(colname, sizeof colname, "\"%.60s\"", c->name);
		else
			snprintf(colname, sizeof colname, "%zu", ix);
		lnote(l, path,
		      "%s column %s: %zu empty and %zu non-numeric cells "
		      "became NaN%s",
		      e->path, colname, c->empty, c->bad, first);
	}
	s->col = c;
	s->n = c->n;
	return 0;
}

static int series_file(ld *l, ser *s, const cJSON *v, const char *path, int npy)
{
	const char *file = get_str(l, v, path);
	if (!file)
		return -1;
	s->file = resolve(l, file);
	if (!s->file) {
		l->nomem = 1;
		return -1;
	}
	char err[SP_ERRLEN];
	shmplot_status st =
	    npy ? sp_npy_probe(s->file, &s->info, err, sizeof err)
		: sp_raw_probe(s->file, &s->info, err, sizeof err);
	if (st) {
		lerr(l, path, "%s", err);
		return -1;
	}
	s->n = s->info.n;
	return 0;
}

static const char *const csv_keys[] = {"csv", "column", "header", "delimiter",
				       NULL};

/* Parses series definition number self, named by def->string. */
static void parse_series(ld *l, const cJSON *def, size_t self)
{
	char path[PATH_BUF], p[PATH_BUF];
	ser *s = &l->ser[self];
	path_key(path, "series", def->string);
	s->src[0] = s->src[1] = -1;
	if (!cJSON_IsObject(def)) {
		lerr(l, path,
		     "expected an object such as {\"linspace\": [0, 1, 100]}, "
		     "not %s",
		     type_name(def));
		return;
	}
	/* Exactly one key names the generator; csv takes options too. */
	const cJSON *gen = NULL;
	int kind = -1, fn = 0, ngen = 0;
	for (const cJSON *it = def->child; it; it = it->next) {
		const char *k = it->string;
		int kk = -1, f = 0;
		if (strcmp(k, "linspace") == 0)
			kk = K_LINSPACE;
		else if (strcmp(k, "arange") == 0)
			kk = K_ARANGE;
		else if (strcmp(k, "values") == 0)
			kk = K_VALUES;
		else if (strcmp(k, "csv") == 0)
			kk = K_CSV;
		else if (strcmp(k, "npy") == 0)
			kk = K_NPY;
		else if (strcmp(k, "raw") == 0)
			kk = K_RAW;
		for (size_t i = 0; kk < 0 && i < NUNARY; i++)
			if (strcmp(k, unary[i].name) == 0) {
				kk = K_UNARY;
				f = (int)i;
			}
		for (int i = 0; kk < 0 && i < NBINARY; i++)
			if (strcmp(k, binary_word[i]) == 0 ||
			    strcmp(k, binary_sym[i]) == 0) {
				kk = K_BINARY;
				f = i;
			}
		if (kk < 0)
			continue;
		if (ngen++ == 0) {
			gen = it;
			kind = kk;
			fn = f;
		}
	}
	if (ngen > 1) {
		lerr(l, path, "give exactly one generator; found %d", ngen);
		return;
	}
	if (!gen) {
		const char *k = def->child ? def->child->string : "";
		suggest sg;
		suggest_init(&sg, k);
		static const char *const gens[] = {
		    "linspace", "arange", "values", "csv", "npy", "raw"};
		for (size_t i = 0; i < 6; i++)
			suggest_try(&sg, gens[i]);
		for (size_t i = 0; i < NUNARY; i++)
			suggest_try(&sg, unary[i].name);
		for (int i = 0; i < NBINARY; i++)
			suggest_try(&sg, binary_word[i]);
		char sug[96];
		if (sg.best)
			lerr(l, path_key(p, path, k), "unknown generator%s",
			     suggest_text(&sg, sug, sizeof sug));
		else
			lerr(l, path,
			     "no generator%s%s%s; expected one of linspace, "
			     "arange, values, csv, npy, raw, a function (sin, "
			     "cos, tan, exp, log, sqrt, abs, ...) or an "
			     "operator (add, sub, mul, div, pow)",
			     *k ? " (\"" : "", k, *k ? "\" is none)" : "");
		return;
	}
	if (kind == K_CSV) {
		check_keys(l, def, path, csv_keys);
	} else {
		const char *const only[] = {gen->string, NULL};
		check_keys(l, def, path, only);
	}
	s->kind = kind;
	s->fn = fn;
	path_key(p, path, gen->string);
	int rc;
	switch (kind) {
	case K_LINSPACE:
		rc = series_linspace(l, s, gen, p);
		break;
	case K_ARANGE:
		rc = series_arange(l, s, gen, p);
		break;
	case K_VALUES:
		rc = series_values(l, s, gen, p);
		break;
	case K_UNARY:
		rc = series_unary(l, s, gen, p, self);
		break;
	case K_BINARY:
		rc = series_binary(l, s, gen, p, self);
		break;
	case K_CSV:
		rc = series_csv(l, s, def, path);
		break;
	default:
		rc = series_file(l, s, gen, p, kind == K_NPY);
		break;
	}
	s->ok = rc == 0;
}

static void parse_all_series(ld *l, const cJSON *obj)
{
	if (!obj)
		return; /* figures may still plot nothing */
	if (!cJSON_IsObject(obj)) {
		lerr(l, "series",
		     "expected an object of name: definition, not %s",
		     type_name(obj));
		return;
	}
	size_t n = 0;
	for (const cJSON *it = obj->child; it; it = it->next)
		n++;
	l->ser = n ? calloc(n, sizeof *l->ser) : NULL;
	if (n && !l->ser) {
		l->nomem = 1;
		return;
	}
	/* Names first, so a reference to a later series says so. */
	char path[PATH_BUF];
	for (const cJSON *it = obj->child; it; it = it->next) {
		const char *name = it->string;
		size_t len = strlen(name);
		path_key(path, "series", name);
		l->ser[l->nser].name = name;
		if (len == 0 || len > SERIES_NAME_MAX)
			lerr(l, path,
			     "a series name must be 1 to %d bytes, not %zu",
			     SERIES_NAME_MAX, len);
		else if (set_find(&l->series_ix, name, NULL))
			lerr(l, path, "series defined twice");
		else if (set_add(&l->series_ix, name, l->nser))
			l->nomem = 1;
		l->nser++;
	}
	size_t i = 0;
	for (const cJSON *it = obj->child; it; it = it->next, i++)
		parse_series(l, it, i);
}

/* ------------------------------------------------------------------------ */
/* Figures: pass 1                                                           */
/* ------------------------------------------------------------------------ */

typedef struct axopt {
	const char *title, *xlabel, *ylabel;
	int has_title, has_xlabel, has_ylabel;
	double xlim[2], ylim[2];
	int has_xlim, has_ylim;
	int xscale, yscale, grid, pole, exact;
	int legend, has_legend;
} axopt;

typedef struct figopt {
	double w, h, dpi;
	long long rows, cols;
	unsigned share;
	axopt ax;
} figopt;

#define AXES_KEYS                                                              \
	"title", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale",       \
	    "grid", "legend", "pole_segments", "exact"

static const char *const figure_keys[] = {"name",     "size",    "dpi",
					  "subplots", "share",   "axes",
					  "lines",    AXES_KEYS, NULL};
static const char *const defaults_keys[] = {"size", "dpi", AXES_KEYS, NULL};
static const char *const axes_keys[] = {"lines", AXES_KEYS, NULL};
static const char *const line_keys[] = {
    "x",     "y",     "label",  "color",       "alpha",
    "width", "style", "marker", "marker_size", NULL};
static const char *const top_keys[] = {"shmplot", "series", "figures",
				       "defaults", NULL};

static const char *const legend_names[] = {
    "best",         "upper right",  "upper left",  "lower left",
    "lower right",  "right",        "center left", "center right",
    "lower center", "upper center", "center"};

/* Looks s up in names[0..n); also accepts '_' for ' '. -1 if absent. */
static int lookup(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		const char *a = names[i], *b = s;
		while (*a && (*a == *b || (*a == ' ' && *b == '_'))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return i;
	}
	return -1;
}

static void bad_choice(ld *l, const char *path, const char *got,
		       const char *const *names, int n, const char *expected)
{
	suggest sg;
	suggest_init(&sg, got);
	for (int i = 0; i < n; i++)
		suggest_try(&sg, names[i]);
	char sug[96];
	lerr(l, path, "unknown %s \"%s\"%s", expected, got,
	     suggest_text(&sg, sug, sizeof sug));
}

static int get_scale(ld *l, const cJSON *it, const char *path, int *out)
{
	static const char *const names[] = {"linear", "log"};
	const char *s = get_str(l, it, path);
	if (!s)
		return -1;
	int i = lookup(s, names, 2);
	if (i < 0) {
		bad_choice(l, path, s, names, 2, "scale");
		return -1;
	}
	*out = i;
	return 0;
}

/* Applies the axes options present in obj over o. */
static void parse_axopt(ld *l, const cJSON *obj, const char *path, axopt *o)
{
	char p[PATH_BUF];
	const cJSON *it;
	if ((it = member(obj, "title")) &&
	    (o->title = get_str(l, it, path_key(p, path, "title"))))
		o->has_title = 1;
	if ((it = member(obj, "xlabel")) &&
	    (o->xlabel = get_str(l, it, path_key(p, path, "xlabel"))))
		o->has_xlabel = 1;
	if ((it = member(obj, "ylabel")) &&
	    (o->ylabel = get_str(l, it, path_key(p, path, "ylabel"))))
		o->has_ylabel = 1;
	if ((it = member(obj, "xlim")) &&
	    get_pair(l, it, path_key(p, path, "xlim"), o->xlim) == 0) {
		if (!(o->xlim[0] < o->xlim[1]))
			lerr(l, p, "low %g must be below high %g", o->xlim[0],
			     o->xlim[1]);
		o->has_xlim = 1;
	}
	if ((it = member(obj, "ylim")) &&
	    get_pair(l, it, path_key(p, path, "ylim"), o->ylim) == 0) {
		if (!(o->ylim[0] < o->ylim[1]))
			lerr(l, p, "low %g must be below high %g", o->ylim[0],
			     o->ylim[1]);
		o->has_ylim = 1;
	}
	if ((it = member(obj, "xscale")))
		get_scale(l, it, path_key(p, path, "xscale"), &o->xscale);
	if ((it = member(obj, "yscale")))
		get_scale(l, it, path_key(p, path, "yscale"), &o->yscale);
	if ((it = member(obj, "grid")))
		get_bool(l, it, path_key(p, path, "grid"), &o->grid);
	if ((it = member(obj, "pole_segments")))
		get_bool(l, it, path_key(p, path, "pole_segments"), &o->pole);
	if ((it = member(obj, "exact")))
		get_bool(l, it, path_key(p, path, "exact"), &o->exact);
	if ((it = member(obj, "legend"))) {
		path_key(p, path, "legend");
		if (cJSON_IsBool(it)) {
			o->legend = cJSON_IsTrue(it) ? SHMPLOT_LEGEND_BEST
						     : SHMPLOT_LEGEND_NONE;
			o->has_legend = 1;
		} else if (cJSON_IsString(it)) {
			int i = strcmp(it->valuestring, "none") == 0
				    ? SHMPLOT_LEGEND_NONE
				    : lookup(it->valuestring, legend_names, 11);
			if (i == -1 && strcmp(it->valuestring, "none") != 0) {
				bad_choice(l, p, it->valuestring, legend_names,
					   11, "legend location");
			} else {
				o->legend = i;
				o->has_legend = 1;
			}
		} else {
			lerr(l, p,
			     "expected a location such as \"upper right\", "
			     "\"none\", true or false, not %s",
			     type_name(it));
		}
	}
}

static void parse_figopt(ld *l, const cJSON *obj, const char *path, figopt *o)
{
	char p[PATH_BUF];
	const cJSON *it;
	if ((it = member(obj, "size"))) {
		double wh[2];
		path_key(p, path, "size");
		if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2) {
			lerr(l, p, "expected [width, height] in inches");
		} else if (get_pair(l, it, p, wh) == 0) {
			if (!(wh[0] > 0 && wh[1] > 0))
				lerr(l, p, "width and height must be > 0");
			o->w = wh[0];
			o->h = wh[1];
		}
	}
	if ((it = member(obj, "dpi")) &&
	    get_num(l, it, path_key(p, path, "dpi"), &o->dpi) == 0 &&
	    !(o->dpi > 0))
		lerr(l, p, "must be > 0");
	parse_axopt(l, obj, path, &o->ax);
}

/* "#rrggbb", "#rgb", "C0".."C9", "tab:blue", matplotlib's letters. */
static int parse_color(const char *s, uint32_t *out)
{
	static const struct {
		const char *name;
		uint32_t rgb;
	} named[] = {
	    {"tab:blue", 0x1f77b4},   {"tab:orange", 0xff7f0e},
	    {"tab:green", 0x2ca02c},  {"tab:red", 0xd62728},
	    {"tab:purple", 0x9467bd}, {"tab:brown", 0x8c564b},
	    {"tab:pink", 0xe377c2},   {"tab:gray", 0x7f7f7f},
	    {"tab:grey", 0x7f7f7f},   {"tab:olive", 0xbcbd22},
	    {"tab:cyan", 0x17becf},   {"b", 0x0000ff},
	    {"g", 0x008000},          {"r", 0xff0000},
	    {"c", 0x00bfbf},          {"m", 0xbf00bf},
	    {"y", 0xbfbf00},          {"k", 0x000000},
	    {"w", 0xffffff},          {"black", 0x000000},
	    {"white", 0xffffff},      {"red", 0xff0000},
	    {"green", 0x008000},      {"blue", 0x0000ff},
	    {"gray", 0x808080},       {"grey", 0x808080},
	    {"orange", 0xffa500},     {"purple", 0x800080},
	    {"brown", 0xa52a2a},      {"pink", 0xffc0cb},
	    {"olive", 0x808000},      {"cyan", 0x00ffff},
	    {"magenta", 0xff00ff},    {"yellow", 0xffff00},
	};
	size_t len = strlen(s);
	if (s[0] == '#' && (len == 7 || len == 4)) {
		uint32_t v = 0;
		for (size_t i = 1; i < len; i++) {
			int c = s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if ((c | 32) >= 'a' && (c | 32) <= 'f')
				d = (c | 32) - 'a' + 10;
			else
				return -1;
			v = len == 7 ? v << 4 | (uint32_t)d
				     : v << 8 | (uint32_t)(d * 17);
		}
		*out = v;
		return 0;
	}
	if (s[0] == 'C' && s[1] >= '0' && s[1] <= '9' && !s[2]) {
		*out = spr_tab10[s[1] - '0'];
		return 0;
	}
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (strcmp(named[i].name, s) == 0) {
			*out = named[i].rgb;
			return 0;
		}
	return -1;
}

static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", ""};
static const char *const marker_names[] = {"none",   "point",    "circle",
					   "square", "triangle", "diamond",
					   "plus",   "cross"};
static const char *const marker_syms[] = {"",  ".", "o", "s",
					  "^", "D", "+", "x"};

static int pick(const char *s, const char *const *a, const char *const *b,
		int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, a[i]) == 0 || strcmp(s, b[i]) == 0)
			return i;
	return -1;
}

/* A series reference from a figure: -1 error, -2 broken (silent). */
static long fig_ref(ld *l, const cJSON *it, const char *path)
{
	return series_ref(l, it, path, l->nser);
}

/* Adds one line; *labelled is set when it has a label. */
static void parse_line(ld *l, shmplot_figure *fig, shmplot_axes *ax,
		       const cJSON *obj, const char *path, int *labelled)
{
	char p[PATH_BUF];
	if (!cJSON_IsObject(obj)) {
		lerr(l, path,
		     "expected a line object such as {\"y\": \"sin\"}, "
		     "not %s",
		     type_name(obj));
		return;
	}
	check_keys(l, obj, path, line_keys);
	const cJSON *xi = member(obj, "x"), *yi = member(obj, "y");
	long x = -3, y;
	if (!yi) {
		lerr(l, path, "a line needs \"y\": a series name");
		return;
	}
	y = fig_ref(l, yi, path_key(p, path, "y"));
	if (xi)
		x = fig_ref(l, xi, path_key(p, path, "x"));
	const char *label = NULL;
	const cJSON *it;
	if ((it = member(obj, "label")))
		label = get_str(l, it, path_key(p, path, "label"));
	uint32_t color = 0;
	int has_color = 0, style = 0, has_style = 0, marker = 0;
	double alpha = 1, width = 1.5, msize = 0;
	int has_alpha = 0, has_width = 0, has_marker = 0, bad = 0;
	if ((it = member(obj, "color"))) {
		const char *s = get_str(l, it, path_key(p, path, "color"));
		if (s && parse_color(s, &color) != 0) {
			lerr(l, p,
			     "unknown colour \"%s\"; use \"#rrggbb\", \"C0\".."
			     "\"C9\", \"tab:blue\" or a name like \"red\"",
			     s);
			bad = 1;
		}
		has_color = s != NULL;
	}
	if ((it = member(obj, "alpha")) &&
	    get_num(l, it, path_key(p, path, "alpha"), &alpha) == 0) {
		if (!(alpha >= 0 && alpha <= 1)) {
			lerr(l, p, "%g is outside [0, 1]", alpha);
			bad = 1;
		}
		has_alpha = 1;
	}
	if ((it = member(obj, "width")) &&
	    get_num(l, it, path_key(p, path, "width"), &width) == 0) {
		if (!(width >= 0 && width <= 100)) {
			lerr(l, p, "%g pt is outside [0, 100]", width);
			bad = 1;
		}
		has_width = 1;
	}
	if ((it = member(obj, "style"))) {
		const char *s = get_str(l, it, path_key(p, path, "style"));
		if (s && (style = pick(s, style_names, style_syms, 5)) < 0) {
			bad_choice(l, p, s, style_names, 5, "line style");
			bad = 1;
		}
		has_style = s != NULL;
	}
	if ((it = member(obj, "marker"))) {
		const char *s = get_str(l, it, path_key(p, path, "marker"));
		if (s && (marker = pick(s, marker_names, marker_syms, 8)) < 0) {
			bad_choice(l, p, s, marker_names, 8, "marker");
			bad = 1;
		}
		has_marker = s != NULL;
	}
	if ((it = member(obj, "marker_size")) &&
	    get_num(l, it, path_key(p, path, "marker_size"), &msize) == 0) {
		if (!(msize >= 0 && msize <= 200)) {
			lerr(l, p, "%g pt is outside [0, 200]", msize);
			bad = 1;
		}
		has_marker = 1;
	}
	if (y < 0 || x == -1 || x == -2 || bad)
		return;
	if (x >= 0 && l->ser[x].n != l->ser[y].n) {
		lerr(l, path, "x \"%s\" has %zu points but y \"%s\" has %zu",
		     l->ser[x].name, l->ser[x].n, l->ser[y].name, l->ser[y].n);
		return;
	}
	if (nerrors(l))
		return; /* the spec is rejected anyway: build nothing */
	shmplot_line *line;
	shmplot_status st =
	    shmplot_axes_plot(ax, x >= 0 ? (shmplot_series)x : SHMPLOT_NO_X,
			      (shmplot_series)y, label, &line);
	if (!st && has_color)
		st = shmplot_line_set_color(line, color);
	if (!st && has_alpha)
		st = shmplot_line_set_alpha(line, alpha);
	if (!st && has_width)
		st = shmplot_line_set_width(line, width);
	if (!st && has_style)
		st = shmplot_line_set_style(line, (shmplot_linestyle)style);
	if (!st && has_marker)
		st = shmplot_line_set_marker(line, (shmplot_marker)marker,
					     msize);
	if (st)
		lerr(l, path, "%s", shmplot_figure_errmsg(fig));
	if (label)
		*labelled = 1;
}

/* Applies options and lines to one axes. */
static void build_axes(ld *l, shmplot_figure *fig, shmplot_axes *ax,
		       const axopt *o, const cJSON *lines, const char *path)
{
	char p[PATH_BUF], q[PATH_BUF];
	int labelled = 0;
	if (o->has_xlim && o->xscale == SHMPLOT_SCALE_LOG && o->xlim[0] <= 0)
		lerr(l, path, "xlim [%g, %g] must be positive on a log axis",
		     o->xlim[0], o->xlim[1]);
	if (o->has_ylim && o->yscale == SHMPLOT_SCALE_LOG && o->ylim[0] <= 0)
		lerr(l, path, "ylim [%g, %g] must be positive on a log axis",
		     o->ylim[0], o->ylim[1]);
	if (lines) {
		path_key(p, path, "lines");
		if (!cJSON_IsArray(lines)) {
			lerr(l, p, "expected an array of lines, not %s",
			     type_name(lines));
		} else {
			size_t i = 0;
			for (const cJSON *it = lines->child; it;
			     it = it->next, i++)
				parse_line(l, fig, ax, it, path_ix(q, p, i),
					   &labelled);
		}
	}
	if (nerrors(l))
		return;
	shmplot_status st = SHMPLOT_OK;
	if (o->has_title)
		st = shmplot_axes_set_title(ax, o->title);
	if (!st && o->has_xlabel)
		st = shmplot_axes_set_xlabel(ax, o->xlabel);
	if (!st && o->has_ylabel)
		st = shmplot_axes_set_ylabel(ax, o->ylabel);
	if (!st && o->has_xlim)
		st = shmplot_axes_set_xlim(ax, o->xlim[0], o->xlim[1]);
	if (!st && o->has_ylim)
		st = shmplot_axes_set_ylim(ax, o->ylim[0], o->ylim[1]);
	if (!st)
		st = shmplot_axes_set_xscale(ax, (shmplot_scale)o->xscale);
	if (!st)
		st = shmplot_axes_set_yscale(ax, (shmplot_scale)o->yscale);
	if (!st)
		st = shmplot_axes_set_grid(ax, o->grid);
	if (!st)
		st = shmplot_axes_set_pole_segments(ax, o->pole);
	if (!st)
		st = shmplot_axes_set_exact(ax, o->exact);
	/* Labelled lines get a legend unless the spec says otherwise. */
	if (!st)
		st = shmplot_axes_set_legend(
		    ax, o->has_legend ? (shmplot_legend_loc)o->legend
			: labelled    ? SHMPLOT_LEGEND_BEST
				      : SHMPLOT_LEGEND_NONE);
	if (st)
		lerr(l, path, "%s", shmplot_figure_errmsg(fig));
}

/* Output-file safety: the name becomes NAME.png inside -o DIR. */
static int check_fig_name(ld *l, const char *name, const char *path)
{
	size_t len = strlen(name);
	if (len == 0 || len > FIG_NAME_MAX) {
		lerr(l, path, "a figure name must be 1 to %d bytes, not %zu",
		     FIG_NAME_MAX, len);
		return -1;
	}
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			lerr(l, path,
			     "figure name contains a control character "
			     "(0x%02x)",
			     *c);
			return -1;
		}
		if (*c == '/' || *c == '\\') {
			lerr(l, path,
			     "figure name \"%s\" contains '%c'; names are "
			     "file names, not paths",
			     name, *c);
			return -1;
		}
	}
	if (strstr(name, "..") || name[0] == '.') {
		lerr(l, path,
		     "figure name \"%s\" %s; that could name a hidden or "
		     "parent path",
		     name,
		     name[0] == '.' ? "starts with '.'" : "contains '..'");
		return -1;
	}
	return 0;
}

static void parse_figure(ld *l, const cJSON *obj, size_t idx,
			 const figopt *defaults)
{
	char path[PATH_BUF], p[PATH_BUF], q[PATH_BUF];
	path_ix(path, "figures", idx);
	if (!cJSON_IsObject(obj)) {
		lerr(l, path, "expected a figure object, not %s",
		     type_name(obj));
		return;
	}
	check_keys(l, obj, path, figure_keys);
	const cJSON *nm = member(obj, "name");
	const char *name = NULL;
	if (!nm)
		lerr(l, path, "a figure needs \"name\" (its file is NAME.png)");
	else if ((name = get_str(l, nm, path_key(p, path, "name"))) &&
		 check_fig_name(l, name, p) == 0) {
		size_t first;
		if (set_find(&l->fig_names, name, &first))
			lerr(
			    l, p,
			    "duplicate figure name \"%s\" (also figures[%zu]); "
			    "both would write %s.png",
			    name, first, name);
		else if (set_add(&l->fig_names, name, idx))
			l->nomem = 1;
	}
	figopt o = *defaults;
	parse_figopt(l, obj, path, &o);
	const cJSON *it;
	if ((it = member(obj, "subplots"))) {
		path_key(p, path, "subplots");
		if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2)
			lerr(l, p, "expected [rows, columns]");
		else {
			get_int(l, it->child, path_ix(q, p, 0), 1, 16, &o.rows);
			get_int(l, it->child->next, path_ix(q, p, 1), 1, 16,
				&o.cols);
		}
	}
	if ((it = member(obj, "share"))) {
		static const char *const names[] = {"none", "x", "y", "both"};
		const char *s = get_str(l, it, path_key(p, path, "share"));
		int i = s ? lookup(s, names, 4) : -1;
		if (s && i < 0)
			bad_choice(l, p, s, names, 4, "share mode");
		o.share = i < 0 ? 0 : (unsigned)i;
	}
	const cJSON *axes = member(obj, "axes"), *lines = member(obj, "lines");
	long long nax = o.rows * o.cols;
	if (axes && lines)
		lerr(l, path_key(p, path, "lines"),
		     "give lines inside each \"axes\" entry when \"axes\" is "
		     "used");
	if (axes &&
	    (!cJSON_IsArray(axes) || cJSON_GetArraySize(axes) > (int)nax)) {
		lerr(l, path_key(p, path, "axes"),
		     "expected an array of at most %lld axes (subplots %lld x "
		     "%lld, row by row)",
		     nax, o.rows, o.cols);
		axes = NULL;
	} else if (!axes && nax > 1) {
		lerr(l, path,
		     "subplots %lld x %lld needs an \"axes\" array, one entry "
		     "per subplot, row by row",
		     o.rows, o.cols);
	}
	shmplot_figure *fig = NULL;
	if (!nerrors(l) && name) {
		char err[SP_ERRLEN];
		if (shmplot_figure_new(&fig, name, o.w, o.h, o.dpi, err,
				       sizeof err)) {
			lerr(l, path, "%s", err);
			return;
		}
		if (shmplot_figure_set_grid(
			fig, (int)o.rows, (int)o.cols,
			(o.share & 1 ? SHMPLOT_SHARE_X : 0) |
			    (o.share & 2 ? SHMPLOT_SHARE_Y : 0))) {
			lerr(l, path, "%s", shmplot_figure_errmsg(fig));
			shmplot_figure_free(fig);
			return;
		}
	}
	/* Validation continues without a figure; building needs one. */
	shmplot_figure *scratch = NULL;
	if (!fig) {
		char err[SP_ERRLEN];
		if (shmplot_figure_new(&scratch, "scratch", 1, 1, 1, err,
				       sizeof err)) {
			l->nomem = 1;
			return;
		}
	}
	shmplot_figure *target = fig ? fig : scratch;
	if (axes) {
		size_t i = 0;
		for (const cJSON *a = axes->child; a; a = a->next, i++) {
			path_ix(p, path_key(q, path, "axes"), i);
			if (!cJSON_IsObject(a)) {
				lerr(l, p, "expected an axes object, not %s",
				     type_name(a));
				continue;
			}
			check_keys(l, a, p, axes_keys);
			axopt ao = o.ax;
			parse_axopt(l, a, p, &ao);
			shmplot_axes *ax =
			    fig ? shmplot_figure_axes(fig, (int)i / (int)o.cols,
						      (int)i % (int)o.cols)
				: shmplot_figure_axes(scratch, 0, 0);
			build_axes(l, target, ax, &ao, member(a, "lines"), p);
		}
	} else {
		build_axes(l, target, shmplot_figure_axes(target, 0, 0), &o.ax,
			   lines, path);
	}
	shmplot_figure_free(scratch);
	if (nerrors(l)) {
		shmplot_figure_free(fig);
		return;
	}
	/* Key the name by the figure's own copy: its JSON is freed next. */
	if (set_add(&l->fig_names, shmplot_figure_name(fig), idx))
		l->nomem = 1;
	l->spec->figs[l->spec->nfig++] = fig;
}

static void parse_figures(ld *l, cJSON *root)
{
	figopt defaults = {.w = 0, .h = 0, .dpi = 0, .rows = 1, .cols = 1};
	defaults.ax.legend = SHMPLOT_LEGEND_NONE;
	const cJSON *d = member(root, "defaults");
	if (d && !cJSON_IsObject(d))
		lerr(l, "defaults", "expected an object, not %s", type_name(d));
	else if (d) {
		check_keys(l, d, "defaults", defaults_keys);
		parse_figopt(l, d, "defaults", &defaults);
	}
	cJSON *figs = cJSON_GetObjectItemCaseSensitive(root, "figures");
	if (!figs) {
		lerr(l, "figures", "missing: a spec needs an array of figures");
		return;
	}
	if (!cJSON_IsArray(figs) || !figs->child) {
		lerr(l, "figures",
		     "expected a non-empty array of figures, not "
		     "%s",
		     cJSON_IsArray(figs) ? "an empty one" : type_name(figs));
		return;
	}
	size_t n = 0;
	for (const cJSON *it = figs->child; it; it = it->next)
		n++;
	l->spec->figs = sp_malloc_ab(n, sizeof *l->spec->figs);
	if (!l->spec->figs) {
		l->nomem = 1;
		return;
	}
	size_t i = 0;
	for (cJSON *it = figs->child; it && !l->nomem;) {
		cJSON *next = it->next;
		size_t built = l->spec->nfig;
		parse_figure(l, it, i++, &defaults);
		/*
		 * A built figure holds copies of everything it needs, so its
		 * JSON can go now: the peak is then about one copy of the
		 * batch (JSON or figures), not both.
		 */
		if (l->spec->nfig > built)
			cJSON_Delete(cJSON_DetachItemViaPointer(figs, it));
		it = next;
	}
}

/* ------------------------------------------------------------------------ */
/* Pass 2: the segment                                                       */
/* One generated series being computed, for sp_parallel_fill(). */
typedef struct fill_ctx {
	const ser *s;
	double *v;
	const double *x, *y; /* operand series, NULL for a constant */
	sp_vec_fn vk;        /* a unary's vector kernel, or NULL */
} fill_ctx;

/*
 * Computes elements [lo, hi) of a generated series. Pure (no allocation,
 * no locks): it also runs in the forked helpers of sp_parallel_fill().
 */
static void fill_range(void *p, size_t lo, size_t hi)
{
	const fill_ctx *c = p;
	const ser *s = c->s;
	double *v = c->v;
	switch (s->kind) {
	case K_LINSPACE: {
		double step = s->n > 1 ? (s->b - s->a) / (double)(s->n - 1) : 0;
		for (size_t j = lo; j < hi; j++)
			v[j] = s->a + (double)j * step;
		if (s->n > 1 && hi == s->n)
			v[s->n - 1] = s->b; /* exact end, as numpy */
		break;
	}
	case K_ARANGE:
		for (size_t j = lo; j < hi; j++)
			v[j] = s->a + (double)j * s->b;
		break;
	case K_UNARY: {
		if (c->vk) {
			c->vk(c->x + lo, v + lo, hi - lo);
			break;
		}
		unary_fn f = unary[s->fn].fn;
		for (size_t j = lo; j < hi; j++)
			v[j] = f(c->x[j]);
		break;
	}
	case K_BINARY:
		for (size_t j = lo; j < hi; j++) {
			double a = c->x ? c->x[j] : s->k[0];
			double b = c->y ? c->y[j] : s->k[1];
			switch (s->fn) {
			case 0:
				v[j] = a + b;
				break;
			case 1:
				v[j] = a - b;
				break;
			case 2:
				v[j] = a * b;
				break;
			case 3:
				v[j] = a / b;
				break;
			default:
				v[j] = pow(a, b);
				break;
			}
		}
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------------ */

/*
 * Consecutive generated series of one length are computed together: each
 * process of sp_parallel_fill() takes its slice of every one of them, block
 * by block, so x's block is still in cache when sin(x), cos(x) and tan(x)
 * read it, and a batch forks once rather than once per series. Elementwise
 * generators only read elements at the same index, and a series only uses
 * series above it, so going block by block computes the same values.
 */
#define FILL_GROUP_MAX 32
#define FILL_BLOCK     2048 /* elements: a block of 4 series fits in L1 */

typedef struct fill_group {
	fill_ctx fc[FILL_GROUP_MAX];
	size_t count, n;
} fill_group;

/* Maps the pages of v[lo, hi) writable in one call instead of one fault a
 * page (about 40% cheaper on the benchmark machine); best effort. */
static void prefault(double *v, size_t lo, size_t hi)
{
	const uintptr_t pg = 4096;
	uintptr_t a = (uintptr_t)(v + lo) & ~(pg - 1);
	uintptr_t b = ((uintptr_t)(v + hi) + pg - 1) & ~(pg - 1);
	if (hi - lo >= 16384)
		(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
}

static void fill_group_range(void *p, size_t lo, size_t hi)
{
	fill_group *g = p;
	for (size_t k = 0; k < g->count; k++)
		prefault(g->fc[k].v, lo, hi);
	for (size_t b = lo; b < hi; b += FILL_BLOCK) {
		size_t e = hi - b > FILL_BLOCK ? b + FILL_BLOCK : hi;
		for (size_t k = 0; k < g->count; k++)
			fill_range(&g->fc[k], b, e);
	}
}

static void flush_group(fill_group *g)
{
	if (g->count)
		sp_parallel_fill(g->n, fill_group_range, g);
	g->count = 0;
}

static void queue_fill(fill_group *g, const fill_ctx *fc)
{
	if (g->count == FILL_GROUP_MAX || (g->count && g->n != fc->s->n))
		flush_group(g);
	g->n = fc->s->n;
	g->fc[g->count++] = *fc;
}

static shmplot_status fill_series(ld *l, shmplot_data *d, size_t i,
				  fill_group *g)
{
	ser *s = &l->ser[i];
	double *v;
	char path[PATH_BUF];
	path_key(path, "series", s->name);
	if (shmplot_data_alloc(d, s->name, s->n, &v, NULL)) {
		lerr(l, path, "%s", shmplot_data_errmsg(d));
		return SHMPLOT_E_NOSPACE;
	}
	fill_ctx fc = {s, v, NULL, NULL, NULL};
	int generated = s->kind == K_LINSPACE || s->kind == K_ARANGE ||
			s->kind == K_UNARY || s->kind == K_BINARY;
	if (!generated)
		flush_group(g);
	switch (s->kind) {
	case K_VALUES: {
		size_t j = 0;
		for (const cJSON *it = s->values->child; it; it = it->next) {
			double num = NAN;
			if (!cJSON_IsNull(it))
				get_num(l, it, path, &num);
			v[j++] = num;
		}
		break;
	}
	case K_BINARY:
		if (s->src[1] >= 0)
			fc.y = shmplot_data_values(d, (shmplot_series)s->src[1],
						   NULL);
		/* fall through */
	case K_UNARY:
		if (s->src[0] >= 0)
			fc.x = shmplot_data_values(d, (shmplot_series)s->src[0],
						   NULL);
		if (s->kind == K_UNARY)
			fc.vk = sp_vec_kernel(unary[s->fn].name);
		/* fall through */
	case K_LINSPACE:
	case K_ARANGE:
		/* Computed with its neighbours, split across processes. */
		queue_fill(g, &fc);
		break;
	case K_CSV:
		memcpy(v, s->col->v, s->n * sizeof *v);
		break;
	default: {
		char err[SP_ERRLEN];
		if (sp_array_read(s->file, &s->info, v, err, sizeof err)) {
			lerr(l, path, "%s", err);
			return SHMPLOT_E_INVALID;
		}
		break;
	}
	}
	return SHMPLOT_OK;
}

static shmplot_status build_segment(ld *l)
{
	size_t total = 0;
	for (size_t i = 0; i < l->nser; i++)
		if (sp_add(total, l->ser[i].n, &total)) {
			lerr(l, "series", "too many points in all");
			return SHMPLOT_E_INVALID;
		}
	char err[SP_ERRLEN];
	shmplot_status st = shmplot_data_new(
	    &l->spec->data, l->nser ? l->nser : 1, total, err, sizeof err);
	if (st) {
		lerr(l, NULL, "cannot create the data segment: %s", err);
		return st;
	}
	fill_group *g = malloc(sizeof *g);
	if (!g) {
		lerr(l, NULL, "out of memory");
		return SHMPLOT_E_NOMEM;
	}
	g->count = 0;
	for (size_t i = 0; i < l->nser; i++) {
		st = fill_series(l, l->spec->data, i, g);
		if (st)
			break;
	}
	if (!st)
		flush_group(g);
	free(g);
	if (st)
		return st;
	if (shmplot_data_seal(l->spec->data)) {
		lerr(l, NULL, "%s", shmplot_data_errmsg(l->spec->data));
		return SHMPLOT_E_SYSTEM;
	}
	return SHMPLOT_OK;
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                              */
/* ------------------------------------------------------------------------ */

/* "line L, column C: invalid JSON near `...`" from cJSON's error pointer. */
static void syntax_error(ld *l, const char *json, size_t len, const char *at)
{
	size_t off =
	    at && at >= json && at <= json + len ? (size_t)(at - json) : len;
	size_t line = 1, col = 1;
	for (size_t i = 0; i < off; i++) {
		if (json[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	char near[24];
	size_t k = 0;
	for (size_t i = off; i < len && k < 20 && json[i] != '\n'; i++)
		near[k++] = json[i] >= 0x20 ? json[i] : ' ';
	near[k] = '\0';
	char msg[PATH_BUF];
	if (k)
		snprintf(msg, sizeof msg, "line %zu, column %zu", line, col);
	else
		snprintf(msg, sizeof msg, "line %zu, column %zu (end of file)",
			 line, col);
	lerr(l, msg, "invalid JSON%s%s%s", k ? " near `" : "", near,
	     k ? "`" : "");
}

static void ld_free(ld *l)
{
	for (size_t i = 0; i < l->nser; i++)
		free(l->ser[i].file);
	free(l->ser);
	for (size_t i = 0; i < l->ncsv; i++) {
		free(l->csv[i].path);
		free(l->csv[i].err);
		sp_csv_free(l->csv[i].csv);
	}
	free(l->csv);
	set_free(&l->series_ix);
	set_free(&l->fig_names);
}

static void drop_figures(shmplot_spec *spec)
{
	for (size_t i = 0; i < spec->nfig; i++)
		shmplot_figure_free(spec->figs[i]);
	free(spec->figs);
	spec->figs = NULL;
	spec->nfig = 0;
}

/* file (a spec file's text, if any) is freed once parsed. */
static shmplot_status load(shmplot_spec *spec, sp_file *file, const char *json,
			   size_t len, const char *base_dir)
{
	ld l = {.spec = spec, .base_dir = base_dir};
	shmplot_status st = SHMPLOT_OK;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (!root) {
		if (len == 0)
			lerr(&l, NULL, "the spec is empty");
		else
			syntax_error(&l, json, len,
				     end ? end : cJSON_GetErrorPtr());
	}
	if (file)
		sp_file_free(file); /* the tree holds copies of every string */
	if (!root)
		return SHMPLOT_E_INVALID;
	if (!cJSON_IsObject(root)) {
		lerr(&l, NULL, "a spec is a JSON object, not %s",
		     type_name(root));
		cJSON_Delete(root);
		return SHMPLOT_E_INVALID;
	}
	check_keys(&l, root, "", top_keys);
	const cJSON *ver = member(root, "shmplot");
	if (!ver)
		lerr(&l, "shmplot",
		     "missing: a spec starts with \"shmplot\": %d (the format "
		     "version)",
		     SHMPLOT_SPEC_VERSION);
	else if (!cJSON_IsNumber(ver))
		lerr(&l, "shmplot", "expected the format version %d, not %s",
		     SHMPLOT_SPEC_VERSION, type_name(ver));
	else if (ver->valuedouble != SHMPLOT_SPEC_VERSION)
		lerr(&l, "shmplot",
		     "format version %g is not supported; this shmplot reads "
		     "version %d",
		     ver->valuedouble, SHMPLOT_SPEC_VERSION);
	parse_all_series(&l, member(root, "series"));
	if (!l.nomem)
		parse_figures(&l, root);
	if (l.nomem) {
		st = SHMPLOT_E_NOMEM;
		lerr(&l, NULL, "out of memory");
	} else if (nerrors(&l)) {
		st = SHMPLOT_E_INVALID;
	} else {
		st = build_segment(&l);
	}
	cJSON_Delete(root);
	ld_free(&l);
	if (st) {
		drop_figures(spec);
		shmplot_data_free(spec->data);
		spec->data = NULL;
	}
	list_close(&spec->errors);
	list_close(&spec->notes);
	return st;
}

shmplot_status shmplot_spec_load_buffer(shmplot_spec **out, const char *json,
					size_t len, const char *base_dir)
{
	if (!out)
		return SHMPLOT_E_INVALID;
	*out = calloc(1, sizeof **out);
	if (!*out)
		return SHMPLOT_E_NOMEM;
	if (!json) {
		list_append(&(*out)->errors, strdup("no JSON given"));
		return SHMPLOT_E_INVALID;
	}
	return load(*out, NULL, json, len, base_dir);
}

/* Adds "cannot read PATH: WHY" and returns SHMPLOT_E_IO. */
static shmplot_status read_error(shmplot_spec *spec, const char *path,
				 const char *why)
{
	char *line;
	if (asprintf(&line, "cannot read %s: %s", path, why) >= 0)
		list_append(&spec->errors, line);
	return SHMPLOT_E_IO;
}

shmplot_status shmplot_spec_load(shmplot_spec **out, const char *path)
{
	char err[SP_ERRLEN];
	sp_file f;
	if (!out)
		return SHMPLOT_E_INVALID;
	*out = calloc(1, sizeof **out);
	if (!*out)
		return SHMPLOT_E_NOMEM;
	shmplot_spec *spec = *out;
	if (!path)
		return read_error(spec, "(null)", "no path given");
	shmplot_status st = sp_named_file_read(
	    path, SPEC_MAX_BYTES, "cannot read", &f, err, sizeof err);
	if (st) {
		list_append(&spec->errors, strdup(err));
		return st == SHMPLOT_E_NOMEM ? st : SHMPLOT_E_IO;
	}
	/* Relative data files resolve against the spec's own directory. */
	char *dir = strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash && slash == dir)
		slash[1] = '\0'; /* "/spec.json": the root */
	else if (slash)
		*slash = '\0';
	st = load(spec, &f, (const char *)f.data, f.len, slash ? dir : NULL);
	free(dir);
	return st;
}

void shmplot_spec_free(shmplot_spec *spec)
{
	if (!spec)
		return;
	drop_figures(spec);
	shmplot_data_free(spec->data);
	list_free(&spec->errors);
	list_free(&spec->notes);
	free(spec);
}

shmplot_data *shmplot_spec_data(const shmplot_spec *spec)
{
	return spec ? spec->data : NULL;
}

shmplot_figure *const *shmplot_spec_figures(const shmplot_spec *spec)
{
	return spec ? spec->figs : NULL;
}

size_t shmplot_spec_count(const shmplot_spec *spec)
{
	return spec ? spec->nfig : 0;
}

size_t shmplot_spec_error_count(const shmplot_spec *spec)
{
	return spec ? spec->errors.n : 0;
}

const char *shmplot_spec_error(const shmplot_spec *spec, size_t i)
{
	return spec && i < spec->errors.n ? spec->errors.v[i] : NULL;
}

const char *shmplot_spec_errmsg(const shmplot_spec *spec)
{
	return spec && spec->errors.n ? spec->errors.v[0] : "";
}

size_t shmplot_spec_note_count(const shmplot_spec *spec)
{
	return spec ? spec->notes.n : 0;
}

const char *shmplot_spec_note(const shmplot_spec *spec, size_t i)
{
	return spec && i < spec->notes.n ? spec->notes.v[i] : NULL;
}

int shmplot_spec_in_shard(size_t index, unsigned k, unsigned n)
{
	if (n == 0 || k == 0 || k > n)
		return 0;
	return index % n == k - 1;
}
