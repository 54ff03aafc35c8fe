/* SPDX-License-Identifier: MIT */
/*
 * The README's "Plot kinds" tables, made from the kinds' field
 * descriptors (render/kinds/), so the documentation says what the code
 * accepts. kinds_doc README.md checks that the text between the README's
 * markers is what the table holds (exit 1 and the expected text if not);
 * kinds_doc --write README.md puts it there.
 */
#include "item.h"

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEGIN "<!-- kinds:begin (tests/render/kinds_doc.c writes this) -->\n"
#define END   "<!-- kinds:end -->\n"

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->n + (size_t)w + 1 > b->cap) {
		b->cap = (b->n + (size_t)w + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)w + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)w;
}

/* s in a table cell: a '|' escaped, or it would end the cell ("-|>"). */
static void put_cell(buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			put(b, "\\|");
		else
			put(b, "%c", *s);
}

static const char *type_of(const spr_field *f)
{
	switch (f->type) {
	case SPR_F_NUM:
		return "number";
	case SPR_F_INT:
		return f->names                       ? "choice"
		       : (f->min == 0 && f->max == 1) ? "true/false"
						      : "whole number";
	case SPR_F_COLOR:
		return "colour";
	case SPR_F_SERIES:
		if (f->flags & SPR_FF_PAIR)
			return (f->flags & SPR_FF_OR_NUMBER)
				   ? "series, number or [series, series]"
				   : "series or [series, series]";
		return (f->flags & SPR_FF_OR_NUMBER) ? "series or number"
						     : "series";
	case SPR_F_SERIES2D:
		return "2-D series";
	case SPR_F_TEXT:
		return "text";
	case SPR_F_ARRAY:
		return "numbers";
	default:
		return "strings";
	}
}

/* num: f is the number standing for a series (NaN: neither given). */
static void put_default(buf *b, const spr_field *f, int num)
{
	switch (f->type) {
	case SPR_F_NUM:
		if (isnan(f->def))
			put(b, "%s", num ? "none" : "auto");
		else
			put(b, "%g", f->def);
		break;
	case SPR_F_INT:
		if (f->names)
			put(b, "%s", f->names[(int)(f->def - f->min)]);
		else if (f->min == 0 && f->max == 1)
			put(b, "%s", f->def ? "true" : "false");
		else
			put(b, "%g", f->def);
		break;
	case SPR_F_COLOR:
		if (f->def != SPR_DEFAULT_COLOR)
			put(b, "`#%06x`", (unsigned)f->def);
		else if (f->flags & SPR_FF_CYCLE_LINES)
			put(b, "next of the line cycle");
		else if (f->flags & SPR_FF_CYCLE_PATCHES)
			put(b, "next of the patch cycle");
		else
			put(b, "not given");
		break;
	case SPR_F_SERIES:
	case SPR_F_SERIES2D:
		put(b, "%s",
		    (f->flags & SPR_FF_OPTIONAL) ? "none" : "required");
		break;
	case SPR_F_TEXT:
		put(b, "none");
		break;
	default:
		put(b, "empty");
		break;
	}
}

static void put_range(buf *b, const spr_field *f)
{
	int n, i;

	switch (f->type) {
	case SPR_F_NUM:
	case SPR_F_ARRAY:
		if (f->type == SPR_F_ARRAY)
			put(b, "at most %zu, each ", f->maxlen);
		if (isinf(f->min) && isinf(f->max))
			put(b, "finite");
		else if (f->max == DBL_MAX)
			put(b, "%g or more", f->min);
		else
			put(b, "%g .. %g", f->min, f->max);
		break;
	case SPR_F_INT:
		if (!f->names) {
			put(b, "%g .. %g", f->min, f->max);
			break;
		}
		/* an enumeration's range is a few names (a NUM's may be
		 * DBL_MAX wide: no int) */
		n = (int)(f->max - f->min) + 1;
		for (i = 0; i < n; i++) {
			put(b, "%s`", i ? ", " : "");
			put_cell(b, f->names[i]);
			put(b, "`");
			if (f->syms && f->syms[i]) {
				put(b, " (`");
				put_cell(b, f->syms[i]);
				put(b, "`)");
			}
		}
		break;
	case SPR_F_TEXT:
		put(b, "UTF-8");
		break;
	case SPR_F_STRINGS:
		put(b, "at most %zu", f->maxlen);
		break;
	default:
		break;
	}
}

static void make(buf *b)
{
	size_t k, i, nf;

	put(b, "%s", BEGIN);
	for (k = 0; k < spr_kind_count(); k++) {
		const spr_kind *kd = spr_kind_at(k);
		const spr_field *f = spr_kind_fields(kd, &nf);
		put(b, "\n#### `%s`%s\n\n%s.\n\n", spr_kind_name(kd),
		    strcmp(spr_kind_name(kd), "line") == 0 ? " (or `plot`)"
							   : "",
		    kd->doc ? kd->doc : "");
		put(b, "| field | type | default | accepts | |\n"
		       "|---|---|---|---|---|\n");
		for (i = 0; i < nf; i++) {
			/* a series that a number may stand for: one row, the
			 * number's default and range */
			int num = f[i].type == SPR_F_SERIES &&
				  (f[i].flags & SPR_FF_OR_NUMBER);
			if (i > 0 && f[i - 1].type == SPR_F_SERIES &&
			    (f[i - 1].flags & SPR_FF_OR_NUMBER))
				continue;
			put(b, "| `%s` | %s | ", f[i].name, type_of(&f[i]));
			put_default(b, &f[i + num], num);
			put(b, " | ");
			put_range(b, &f[i + num]);
			put(b, " | ");
			put_cell(b, f[i].doc ? f[i].doc : "");
			put(b, " |\n");
		}
	}
	put(b, "\n%s", END);
}

static int run(int argc, char **argv, buf *want, buf *file)
{
	int write = argc == 3 && strcmp(argv[1], "--write") == 0;
	const char *path = argv[argc - 1];
	char chunk[65536];
	size_t got;
	FILE *fp;

	if (argc != 2 && !write) {
		fprintf(stderr, "usage: kinds_doc [--write] README.md\n");
		return 2;
	}
	make(want);
	if (!(fp = fopen(path, "rb"))) {
		perror(path);
		return 2;
	}
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		put(file, "%.*s", (int)got, chunk);
	fclose(fp);
	char *b = file->s ? strstr(file->s, BEGIN) : NULL;
	char *e = b ? strstr(b, END) : NULL;
	if (!b || !e) {
		fprintf(stderr, "%s: no \"%.*s\" ... \"%.*s\" markers\n", path,
			(int)strlen(BEGIN) - 1, BEGIN, (int)strlen(END) - 1,
			END);
		return 2;
	}
	e += strlen(END);
	if ((size_t)(e - b) == want->n && memcmp(b, want->s, want->n) == 0) {
		printf("%s: the plot kinds' tables are up to date\n", path);
		return 0;
	}
	if (!write) {
		fprintf(stderr,
			"%s: the plot kinds' tables differ from the kinds' "
			"fields; run kinds_doc --write %s. They should read:\n"
			"%s",
			path, path, want->s);
		return 1;
	}
	if (!(fp = fopen(path, "wb"))) {
		perror(path);
		return 2;
	}
	fwrite(file->s, 1, (size_t)(b - file->s), fp);
	fwrite(want->s, 1, want->n, fp);
	fputs(e, fp);
	if (fclose(fp) != 0) {
		perror(path);
		return 2;
	}
	printf("%s: plot kinds' tables written\n", path);
	return 0;
}

/* The buffers are freed on every path (LeakSanitizer runs this in CI). */
int main(int argc, char **argv)
{
	buf want = {0}, file = {0};
	int rc = run(argc, argv, &want, &file);
	free(want.s);
	free(file.s);
	return rc;
}
