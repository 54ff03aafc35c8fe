/*
 * --report: a JSON summary of the run, built with cJSON and written through
 * the library's atomic writer (shmplot_write_file), so a reader never sees
 * half a report. Keys, in this order: shmplot_report (1), spec, out, shard
 * [K, N], spec_figures, figures_in_shard, ok, failed, seconds, figures;
 * each figure: index (in the spec), name, status, seconds, then file and
 * bytes, or message. Seconds are rounded to the millisecond (the run) and
 * the microsecond (a figure).
 */
#include "tool.h"

#include <shmplot/output.h>

#include <cjson/cJSON.h>
#include <math.h>
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

static double rounded(double v, double unit)
{
	return round(v / unit) * unit;
}

/* One figure's entry; NULL if out of memory. */
static cJSON *figure_json(const shmplot_results *res, size_t i,
			  const size_t *bytes, const size_t *index)
{
	shmplot_fig_status st = shmplot_results_status(res, i);
	const char *name = shmplot_results_name(res, i);
	cJSON *f = cJSON_CreateObject();
	int ok = f != NULL;

	ok = ok && add_num(f, "index", (double)(index ? index[i] : i));
	ok = ok && add_str(f, "name", name);
	ok = ok && add_str(f, "status", shmplot_fig_status_str(st));
	ok = ok && add_num(f, "seconds",
			   rounded(shmplot_results_seconds(res, i), 1e-6));
	if (st == SHMPLOT_FIG_OK) {
		char file[SHMPLOT_MAX_FIGURE_NAME + sizeof ".png"];
		snprintf(file, sizeof file, "%s.png", name);
		ok = ok && add_str(f, "file", file);
		ok = ok && add_num(f, "bytes", bytes ? (double)bytes[i] : 0);
	} else {
		ok = ok &&
		     add_str(f, "message", shmplot_results_message(res, i));
	}
	if (!ok) {
		cJSON_Delete(f);
		return NULL;
	}
	return f;
}

/* The run: everything but the figures. 0 if out of memory. */
static int run_json(cJSON *root, const cli_report_info *ri, size_t n,
		    size_t failed)
{
	const int shard[2] = {(int)ri->shard_k, (int)ri->shard_n};
	int ok = add_num(root, "shmplot_report", 1);

	ok = ok && (ri->spec ? add_str(root, "spec", ri->spec)
			     : cJSON_AddNullToObject(root, "spec") != NULL);
	ok = ok && add_str(root, "out", ri->out);
	ok = ok && cJSON_AddItemToObject(root, "shard",
					 cJSON_CreateIntArray(shard, 2));
	ok = ok && add_num(root, "spec_figures", (double)ri->spec_figures);
	ok = ok && add_num(root, "figures_in_shard", (double)n);
	ok = ok && add_num(root, "ok", (double)(n - failed));
	ok = ok && add_num(root, "failed", (double)failed);
	ok = ok && add_num(root, "seconds", rounded(ri->seconds, 1e-3));
	return ok;
}

/* The whole report as text (malloc'd), or NULL if out of memory. */
static char *report_text(const cli_report_info *ri, const shmplot_results *res,
			 const size_t *bytes, const size_t *index)
{
	size_t n = shmplot_results_count(res);
	cJSON *root = cJSON_CreateObject(), *figs = NULL;
	char *text = NULL;
	int ok = root && run_json(root, ri, n, shmplot_results_failed(res)) &&
		 (figs = cJSON_AddArrayToObject(root, "figures")) != NULL;

	for (size_t i = 0; ok && i < n; i++) {
		cJSON *f = figure_json(res, i, bytes, index);
		ok = f != NULL;
		if (ok)
			cJSON_AddItemToArray(figs, f); /* cannot fail */
	}
	if (ok)
		text = cJSON_Print(root);
	cJSON_Delete(root);
	return text;
}

shmplot_status cli_report_write(const char *path, const cli_report_info *ri,
				const shmplot_results *res, const size_t *bytes,
				const size_t *index)
{
	char err[512];
	char *text = report_text(ri, res, bytes, index);
	shmplot_status st;

	if (text == NULL) {
		fprintf(stderr,
			"shmplot render: out of memory for the report "
			"%s\n",
			path);
		return SHMPLOT_E_NOMEM;
	}
	size_t len = strlen(text);
	text[len] = '\n'; /* cJSON's buffer has room: it held the NUL */
	st = shmplot_write_file(path, text, len + 1, err, sizeof err);
	free(text);
	if (st != SHMPLOT_OK)
		fprintf(stderr, "shmplot render: %s\n", err);
	return st;
}
