/* SPDX-License-Identifier: MIT */
/*
 * --pdf-book FILE: every figure of the run as a page of one PDF, in batch
 * order, each page at its figure's size, with an outline (bookmarks) by
 * figure name.
 *
 * Workers draw each figure's one-page PDF in parallel, as they do PNGs;
 * the pages are kept here as they arrive (in any order) and merged at the
 * end, in batch order, with libqpdf's C API (Debian's libqpdf-dev):
 * pages copied with their resources, the outline built here (the
 * workers' PDFs carry none), the file's /ID derived from its contents so
 * the same pages give the same bytes. cairo cannot merge PDFs, and
 * redrawing every page in the parent would make the book serial; a PDF
 * parser of our own would break with the next cairo's object streams. A
 * figure that failed has no page; the book stays a valid PDF, and the
 * report says which figures are missing.
 *
 * libqpdf is opened (dlopen) by a run that asks for a book, not linked:
 * loaded, it and what it brings (the C++ runtime, its crypto libraries)
 * are ~6 MB resident from the start of every run, 5.5 MB of the peak of a
 * 100,000-figure PNG batch (issue 21). SHMPLOT_QPDF_SONAME is the soname
 * of the libqpdf the build found (src/tool/CMakeLists.txt).
 */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <shmplot/output.h>

#include <dlfcn.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#ifndef SHMPLOT_QPDF_SONAME
#error "SHMPLOT_QPDF_SONAME must name libqpdf's soname"
#endif

/* The libqpdf functions the book calls, through qp. */
#define QPDF_API(X)                                                            \
	X(qpdf_add_page)                                                       \
	X(qpdf_cleanup)                                                        \
	X(qpdf_empty_pdf)                                                      \
	X(qpdf_get_buffer)                                                     \
	X(qpdf_get_buffer_length)                                              \
	X(qpdf_get_error)                                                      \
	X(qpdf_get_error_full_text)                                            \
	X(qpdf_get_num_pages)                                                  \
	X(qpdf_get_page_n)                                                     \
	X(qpdf_get_root)                                                       \
	X(qpdf_get_trailer)                                                    \
	X(qpdf_has_error)                                                      \
	X(qpdf_init)                                                           \
	X(qpdf_init_write_memory)                                              \
	X(qpdf_make_indirect_object)                                           \
	X(qpdf_oh_append_item)                                                 \
	X(qpdf_oh_new_array)                                                   \
	X(qpdf_oh_new_dictionary)                                              \
	X(qpdf_oh_new_integer)                                                 \
	X(qpdf_oh_new_name)                                                    \
	X(qpdf_oh_new_unicode_string)                                          \
	X(qpdf_oh_replace_key)                                                 \
	X(qpdf_read_memory)                                                    \
	X(qpdf_set_deterministic_ID)                                           \
	X(qpdf_silence_errors)                                                 \
	X(qpdf_write)

static struct {
#define QPDF_PTR(f) __typeof__(f) *f;
	QPDF_API(QPDF_PTR)
#undef QPDF_PTR
} qp;

/* Opens libqpdf once (kept open). 0, or -1 with the message in err. */
static int qpdf_open(char *err, size_t errlen)
{
	static void *lib;
	if (lib)
		return 0;
	void *h = dlopen(SHMPLOT_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen, "--pdf-book needs libqpdf: %s",
			 dlerror());
		return -1;
	}
	void *sym;
	/* POSIX's way from dlsym's object pointer to a function pointer. */
#define QPDF_SYM(f)                                                            \
	if (!(sym = dlsym(h, #f))) {                                           \
		snprintf(err, errlen, "--pdf-book: %s: no %s",                 \
			 SHMPLOT_QPDF_SONAME, #f);                             \
		dlclose(h);                                                    \
		return -1;                                                     \
	}                                                                      \
	memcpy(&qp.f, &sym, sizeof sym);
	QPDF_API(QPDF_SYM)
#undef QPDF_SYM
	lib = h;
	return 0;
}

typedef struct book_page {
	unsigned char *pdf; /* NULL: the figure has no page */
	size_t len;
	char *name;
} book_page;

struct cli_book {
	book_page *p; /* batch order */
	size_t n, pages;
};

cli_book *cli_book_new(size_t n, char *err, size_t errlen)
{
	if (qpdf_open(err, errlen) != 0)
		return NULL;
	cli_book *b = calloc(1, sizeof *b);

	if (b && n && !(b->p = calloc(n, sizeof *b->p)))
		free(b), b = NULL;
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (b)
		b->n = n;
	return b;
}

void cli_book_free(cli_book *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->p[i].pdf);
		free(b->p[i].name);
	}
	free(b->p);
	free(b);
}

int cli_book_add(cli_book *b, size_t i, const shmplot_results *res)
{
	size_t len;
	const unsigned char *pdf =
	    shmplot_results_output(res, i, SHMPLOT_FORMAT_PDF, &len);

	if (i >= b->n || !pdf || b->p[i].pdf)
		return -1;
	b->p[i].pdf = malloc(len);
	b->p[i].name = strdup(shmplot_results_name(res, i));
	if (!b->p[i].pdf || !b->p[i].name) {
		free(b->p[i].pdf);
		free(b->p[i].name);
		b->p[i].pdf = NULL;
		b->p[i].name = NULL;
		return -1;
	}
	memcpy(b->p[i].pdf, pdf, len);
	b->p[i].len = len;
	b->pages++;
	return 0;
}

void cli_book_drop(cli_book *b, size_t i)
{
	if (i >= b->n || !b->p[i].pdf)
		return;
	free(b->p[i].pdf);
	free(b->p[i].name);
	b->p[i].pdf = NULL;
	b->p[i].name = NULL;
	b->p[i].len = 0;
	b->pages--;
}

size_t cli_book_page_of(const cli_book *b, size_t i)
{
	size_t k = 0;

	if (i >= b->n || !b->p[i].pdf)
		return 0;
	for (size_t j = 0; j <= i; j++)
		k += b->p[j].pdf != NULL;
	return k;
}

size_t cli_book_pages(const cli_book *b)
{
	return b ? b->pages : 0;
}

/* qpdf's message for q's pending error into err; returns -1. */
static int book_failed(qpdf_data q, const char *what, char *err, size_t errlen)
{
	const char *why = "unknown error";

	if (qp.qpdf_has_error(q))
		why = qp.qpdf_get_error_full_text(q, qp.qpdf_get_error(q));
	snprintf(err, errlen, "%s: %s", what, why);
	return -1;
}

/*
 * The outline: one top-level entry per page, titled by its figure's name,
 * pointing at the whole page, in page order.
 */
static void add_outline(qpdf_data dst, const cli_book *b)
{
	qpdf_oh root = qp.qpdf_get_root(dst);
	qpdf_oh top =
	    qp.qpdf_make_indirect_object(dst, qp.qpdf_oh_new_dictionary(dst));
	qpdf_oh prev = 0, first = 0;
	size_t k = 0;

	qp.qpdf_oh_replace_key(dst, top, "/Type",
			       qp.qpdf_oh_new_name(dst, "/Outlines"));
	for (size_t i = 0; i < b->n; i++) {
		if (!b->p[i].pdf)
			continue;
		qpdf_oh it = qp.qpdf_make_indirect_object(
		    dst, qp.qpdf_oh_new_dictionary(dst));
		qpdf_oh dest = qp.qpdf_oh_new_array(dst);
		qp.qpdf_oh_append_item(dst, dest, qp.qpdf_get_page_n(dst, k++));
		qp.qpdf_oh_append_item(dst, dest,
				       qp.qpdf_oh_new_name(dst, "/Fit"));
		qp.qpdf_oh_replace_key(
		    dst, it, "/Title",
		    qp.qpdf_oh_new_unicode_string(dst, b->p[i].name));
		qp.qpdf_oh_replace_key(dst, it, "/Parent", top);
		qp.qpdf_oh_replace_key(dst, it, "/Dest", dest);
		if (prev) {
			qp.qpdf_oh_replace_key(dst, it, "/Prev", prev);
			qp.qpdf_oh_replace_key(dst, prev, "/Next", it);
		} else {
			first = it;
		}
		prev = it;
	}
	if (k) {
		qp.qpdf_oh_replace_key(dst, top, "/First", first);
		qp.qpdf_oh_replace_key(dst, top, "/Last", prev);
		qp.qpdf_oh_replace_key(
		    dst, top, "/Count",
		    qp.qpdf_oh_new_integer(dst, (long long)k));
		qp.qpdf_oh_replace_key(
		    dst, root, "/PageMode",
		    qp.qpdf_oh_new_name(dst, "/UseOutlines"));
	}
	qp.qpdf_oh_replace_key(dst, root, "/Outlines", top);
}

/* The pages into dst, in batch order; src[] receives each page's
 * document, which must live until dst is written. 0, or -1. */
static int add_pages(qpdf_data dst, qpdf_data *src, const cli_book *b,
		     char *err, size_t errlen)
{
	for (size_t i = 0; i < b->n; i++) {
		if (!b->p[i].pdf)
			continue;
		qpdf_data s = src[i] = qp.qpdf_init();
		qp.qpdf_silence_errors(s);
		if (qp.qpdf_read_memory(s, b->p[i].name,
					(const char *)b->p[i].pdf, b->p[i].len,
					NULL) &
		    QPDF_ERRORS)
			return book_failed(s, b->p[i].name, err, errlen);
		if (qp.qpdf_get_num_pages(s) != 1)
			return snprintf(err, errlen, "%s: not a one-page PDF",
					b->p[i].name),
			       -1;
		if (qp.qpdf_add_page(dst, s, qp.qpdf_get_page_n(s, 0),
				     QPDF_FALSE) &
		    QPDF_ERRORS)
			return book_failed(dst, b->p[i].name, err, errlen);
	}
	return 0;
}

/* Writes dst to path atomically. 0, or -1. */
static int write_book(qpdf_data dst, const char *path, char *err, size_t errlen)
{
	qpdf_oh info =
	    qp.qpdf_make_indirect_object(dst, qp.qpdf_oh_new_dictionary(dst));

	qp.qpdf_oh_replace_key(dst, info, "/Creator",
			       qp.qpdf_oh_new_unicode_string(dst, "shmplot"));
	qp.qpdf_oh_replace_key(dst, qp.qpdf_get_trailer(dst), "/Info", info);
	if (qp.qpdf_init_write_memory(dst) & QPDF_ERRORS)
		return book_failed(dst, path, err, errlen);
	/* the /ID from the contents, not the clock: same pages, same bytes */
	qp.qpdf_set_deterministic_ID(dst, QPDF_TRUE);
	if (qp.qpdf_write(dst) & QPDF_ERRORS)
		return book_failed(dst, path, err, errlen);
	if (shmplot_write_file(path, qp.qpdf_get_buffer(dst),
			       qp.qpdf_get_buffer_length(dst), err,
			       errlen) != SHMPLOT_OK)
		return -1;
	return 0;
}

int cli_book_write(const cli_book *b, const char *path, char *err,
		   size_t errlen)
{
	qpdf_data dst = qp.qpdf_init();
	qpdf_data *src = calloc(b->n ? b->n : 1, sizeof *src);
	int rc = -1;

	qp.qpdf_silence_errors(dst);
	if (!src)
		snprintf(err, errlen, "%s: out of memory", path);
	else if (qp.qpdf_empty_pdf(dst) & QPDF_ERRORS)
		book_failed(dst, path, err, errlen);
	else if (add_pages(dst, src, b, err, errlen) == 0) {
		add_outline(dst, b);
		rc = write_book(dst, path, err, errlen);
	}
	qp.qpdf_cleanup(&dst);
	for (size_t i = 0; src && i < b->n; i++)
		if (src[i])
			qp.qpdf_cleanup(&src[i]);
	free(src);
	return rc;
}
