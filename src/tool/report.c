/* SPDX-License-Identifier: MIT */
/*
 * --report: a JSON summary of the run, every value encoded by cJSON, written
 * through the library's atomic writer (shmplot_write_file), so a reader
 * never sees half a report. The run's keys on the first line, in this
 * order: shmplot_report (1), spec, out, shard [K, N], spec_figures,
 * figures_in_shard, ok, failed, not_run, seconds, figures (failed counts
 * the figures that ran and failed; not_run those a stopped batch never
 * finished); then one figure a line:
 * index (in the spec), name, status, seconds, then file and bytes, or
 * message. Seconds are written with 3 decimals (the run) and 6 (a figure),
 * never in exponent form. Only one figure's cJSON tree exists at a time,
 * so a report costs about its own text in memory, whatever the batch size.
 */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <shmplot/output.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Adds to an object; 0 if out of memory (cJSON then adds nothing more). */
static int add_num(cJSON *o, const char *key, double v)
{
	return cJSON_AddNumberToObject(o, key, v) != NULL;
}

static int add_str(cJSON *o, const char *key, const char *s)
{
	return cJSON_AddStringToObject(o, key, s) != NULL;
}

/* Seconds with a fixed number of decimals (cJSON would print 4.9e-05). */
static int add_seconds(cJSON *o, const char *key, double v, int decimals)
{
	char num[64];

	snprintf(num, sizeof num, "%.*f", decimals, v);
	return cJSON_AddRawToObject(o, key, num) != NULL;
}

/* One figure's entry; NULL if out of memory. */
static cJSON *figure_json(const shmplot_results *res, size_t i,
			  const size_t *bytes, const size_t *index,
			  const cli_report_info *ri)
{
	char *const *werr = ri->write_errors;
	shmplot_fig_status st = shmplot_results_status(res, i);
	const char *name = shmplot_results_name(res, i);
	const char *why = werr ? werr[i] : NULL;
	cJSON *f = cJSON_CreateObject();
	int ok = f != NULL;

	if (st == SHMPLOT_FIG_OK && why)
		st = SHMPLOT_FIG_ERROR; /* rendered, but its file not written */
	ok = ok && add_num(f, "index", (double)(index ? index[i] : i));
	ok = ok && add_str(f, "name", name);
	ok = ok && add_str(f, "status", shmplot_fig_status_str(st));
	ok =
	    ok && add_seconds(f, "seconds", shmplot_results_seconds(res, i), 6);
	if (why) {
		ok = ok && add_str(f, "message", why);
	} else if (st == SHMPLOT_FIG_OK) {
		char file[SHMPLOT_MAX_FIGURE_NAME + sizeof ".png"];
		snprintf(file, sizeof file, "%s.%s", name,
			 ri->ext ? ri->ext : "png");
		ok = ok && add_str(f, "file", file);
		ok = ok && add_num(f, "bytes", bytes ? (double)bytes[i] : 0);
	} else {
		ok = ok &&
		     add_str(f, "message", shmplot_results_message(res, i));
	}
	if (ri->book_pages) { /* its page in the book, or null: none */
		size_t pg = cli_book_page_of(ri->book_pages, i);
		ok = ok && (pg ? add_num(f, "page", (double)pg)
			       : cJSON_AddNullToObject(f, "page") != NULL);
	}
	if (!ok) {
		cJSON_Delete(f);
		return NULL;
	}
	return f;
}

size_t cli_not_run(const shmplot_results *res)
{
	size_t n = shmplot_results_count(res), not_run = 0;

	for (size_t i = 0; i < n; i++)
		not_run +=
		    shmplot_results_status(res, i) == SHMPLOT_FIG_NOT_RUN;
	return not_run;
}

/* A figure --incremental skipped: its file is already right. */
static cJSON *skipped_json(const cli_report_info *ri, size_t k)
{
	char file[SHMPLOT_MAX_FIGURE_NAME + sizeof ".png"];
	cJSON *f = cJSON_CreateObject();
	const char *name = cli_inc_skipped_name(ri->inc, k);
	int ok = f != NULL;

	snprintf(file, sizeof file, "%s.%s", name, ri->ext ? ri->ext : "png");
	ok = ok &&
	     add_num(f, "index", (double)cli_inc_skipped_index(ri->inc, k));
	ok = ok && add_str(f, "name", name);
	ok = ok && add_str(f, "status", "skipped");
	ok = ok && add_seconds(f, "seconds", 0, 6);
	ok = ok && add_str(f, "file", file);
	ok = ok &&
	     add_num(f, "bytes", (double)cli_inc_skipped_bytes(ri->inc, k));
	if (!ok) {
		cJSON_Delete(f);
		return NULL;
	}
	return f;
}

/* The run: everything but the figures. 0 if out of memory. */
static int run_json(cJSON *root, const cli_report_info *ri, size_t n,
		    size_t failed, size_t not_run)
{
	size_t skipped = cli_inc_skipped(ri->inc);

	const int shard[2] = {(int)ri->shard_k, (int)ri->shard_n};
	int ok = add_num(root, "shmplot_report", 1);

	ok = ok && (ri->spec ? add_str(root, "spec", ri->spec)
			     : cJSON_AddNullToObject(root, "spec") != NULL);
	ok = ok && add_str(root, "out", ri->out);
	ok = ok && cJSON_AddItemToObject(root, "shard",
					 cJSON_CreateIntArray(shard, 2));
	ok = ok && add_num(root, "spec_figures", (double)ri->spec_figures);
	ok = ok && add_num(root, "figures_in_shard", (double)(n + skipped));
	/* a skipped figure's file is right: ok + failed stays the shard's */
	ok = ok && add_num(root, "ok", (double)(n - failed + skipped));
	if (ri->inc)
		ok = ok && add_num(root, "skipped", (double)skipped);
	ok = ok && add_num(root, "failed", (double)(failed - not_run));
	ok = ok && add_num(root, "not_run", (double)not_run);
	ok = ok && add_seconds(root, "seconds", ri->seconds, 3);
	if (ok && ri->book_pages) {
		cJSON *bk = cJSON_AddObjectToObject(root, "book");
		size_t pages = cli_book_pages(ri->book_pages);
		ok = bk && add_str(bk, "file", ri->book) &&
		     add_num(bk, "pages", (double)pages) &&
		     add_num(bk, "missing", (double)(n - pages));
	}
	return ok;
}

/* The run's line, up to the figures' opening bracket. 0 if out of memory. */
static int put_run(FILE *f, const cli_report_info *ri,
		   const shmplot_results *res)
{
	size_t n = shmplot_results_count(res);
	size_t failed = shmplot_results_failed(res);
	cJSON *root = cJSON_CreateObject();
	char *s = NULL;

	for (size_t i = 0; ri->write_errors && i < n; i++)
		failed += ri->write_errors[i] != NULL &&
			  shmplot_results_status(res, i) == SHMPLOT_FIG_OK;
	if (root && run_json(root, ri, n, failed, cli_not_run(res)))
		s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (s == NULL)
		return 0;
	s[strlen(s) - 1] = '\0'; /* the closing brace comes after the figures */
	fprintf(f, "%s,\"figures\":[", s);
	free(s);
	return 1;
}

/* A figure on a line of its own, the line'th. 0 if out of memory. */
static int put_figure(FILE *f, cJSON *o, size_t line)
{
	char *s = o ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	if (s == NULL)
		return 0;
	fprintf(f, "%s\n%s", line ? "," : "", s);
	free(s);
	return 1;
}

/* The whole report as text (malloc'd, *len bytes), or NULL if out of
 * memory. */
static char *report_text(const cli_report_info *ri, const shmplot_results *res,
			 const size_t *bytes, const size_t *index, size_t *len)
{
	size_t n = shmplot_results_count(res), ns = cli_inc_skipped(ri->inc);
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	int ok = f && put_run(f, ri, res);

	/* rendered and skipped figures, each in spec order, merged */
	for (size_t i = 0, k = 0; ok && i + k < n + ns;) {
		size_t line = i + k;
		if (k < ns && (i == n || cli_inc_skipped_index(ri->inc, k) <
					     (index ? index[i] : i)))
			ok = put_figure(f, skipped_json(ri, k++), line);
		else
			ok = put_figure(
			    f, figure_json(res, i++, bytes, index, ri), line);
	}
	if (ok)
		fputs(n + ns ? "\n]}\n" : "]}\n", f);
	if (f) {
		ok = ok && !ferror(f);
		ok = fclose(f) == 0 && ok;
	}
	if (!ok) {
		free(text);
		text = NULL;
	}
	return text;
}

shmplot_status cli_report_write(const char *path, const cli_report_info *ri,
				const shmplot_results *res, const size_t *bytes,
				const size_t *index)
{
	char err[512];
	size_t len = 0;
	char *text = report_text(ri, res, bytes, index, &len);
	shmplot_status st;

	if (text == NULL) {
		fprintf(stderr,
			"shmplot render: out of memory for the report "
			"%s\n",
			path);
		return SHMPLOT_E_NOMEM;
	}
	st = shmplot_write_file(path, text, len, err, sizeof err);
	free(text);
	if (st != SHMPLOT_OK)
		fprintf(stderr, "shmplot render: %s\n", err);
	return st;
}
