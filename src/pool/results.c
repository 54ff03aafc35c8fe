/* SPDX-License-Identifier: MIT */
/*
 * The results of a batch: one sp_result per figure, filled in by the
 * event loop (loop.c), and the public shmplot_results_* accessors.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <stdlib.h>
#include <string.h>

void sp_result_drop_outputs(shmplot_results *res, sp_result *r)
{
	free(r->png);
	if (res->pix.map && r->pix >= res->pix.map &&
	    r->pix < res->pix.map + res->pix.len)
		sp_pixbuf_drop(res, r);
	else
		free(r->pix);
	r->png = NULL;
	r->pix = NULL;
	r->png_len = 0;
	for (int k = 0; k < SP_NVEC; k++) {
		free(r->vec[k]);
		r->vec[k] = NULL;
		r->vec_len[k] = 0;
	}
}

void sp_result_set_message(sp_result *r, const char *msg)
{
	free(r->message);
	r->message = strdup(msg);
}

shmplot_results *sp_results_new(const sp_batch *b)
{
	shmplot_results *res = calloc(1, sizeof *res);
	if (!res)
		return NULL;
	res->pix.fd = -1;
	res->n = b->nfig;
	res->r = b->nfig ? calloc(b->nfig, sizeof *res->r) : NULL;
	if (b->nfig && !res->r) {
		free(res);
		return NULL;
	}
	size_t bytes = 0;
	for (size_t i = 0; i < b->nfig; i++)
		bytes += strlen(b->figs[i]->name) + 1;
	char *at = res->names = malloc(bytes ? bytes : 1);
	if (!at) {
		shmplot_results_free(res);
		return NULL;
	}
	for (size_t i = 0; i < b->nfig; i++) {
		size_t len = strlen(b->figs[i]->name) + 1;
		res->r[i].status = SHMPLOT_FIG_NOT_RUN;
		res->r[i].name = memcpy(at, b->figs[i]->name, len);
		at += len;
	}
	return res;
}

void sp_results_close(shmplot_results *res, int batch_failed)
{
	char msg[SP_ERRLEN];
	sp_error(msg, sizeof msg, SHMPLOT_E_FIGURES, "%s",
		 batch_failed ? "the batch failed before this figure ran"
			      : "the batch was stopped before this figure "
				"finished");
	for (size_t i = 0; i < res->n; i++) {
		sp_result *r = &res->r[i];
		if (r->status != SHMPLOT_FIG_NOT_RUN)
			continue;
		res->failed++;
		if (!r->message)
			sp_result_set_message(r, msg);
	}
}

void shmplot_results_free(shmplot_results *res)
{
	if (!res)
		return;
	/* The pixels go with their buffer, whole: punching each figure's
	 * pages out would make a kept buffer's next batch fault them in
	 * again. */
	int in_buffer = res->pix.map != NULL;
	sp_pixbuf_release(res->pix_cache, &res->pix);
	for (size_t i = 0; i < res->n; i++) {
		if (in_buffer)
			res->r[i].pix = NULL;
		sp_result_drop_outputs(res, &res->r[i]);
		free(res->r[i].message);
	}
	free(res->names);
	free(res->r);
	free(res);
}

static const sp_result *get(const shmplot_results *res, size_t i)
{
	return res && i < res->n ? &res->r[i] : NULL;
}

size_t shmplot_results_count(const shmplot_results *res)
{
	return res ? res->n : 0;
}

size_t shmplot_results_failed(const shmplot_results *res)
{
	return res ? res->failed : 0;
}

shmplot_fig_status shmplot_results_status(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	return r ? r->status : SHMPLOT_FIG_NOT_RUN;
}

const char *shmplot_results_name(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	return r ? r->name : NULL;
}

const char *shmplot_results_message(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	return r && r->message ? r->message : "";
}

int shmplot_results_signal(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	return r ? r->signal : 0;
}

double shmplot_results_seconds(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	return r ? r->seconds : 0;
}

const unsigned char *shmplot_results_png(const shmplot_results *res, size_t i,
					 size_t *len)
{
	const sp_result *r = get(res, i);
	if (len)
		*len = r ? r->png_len : 0;
	return r ? r->png : NULL;
}

const unsigned char *shmplot_results_output(const shmplot_results *res,
					    size_t i, shmplot_format format,
					    size_t *len)
{
	const sp_result *r = get(res, i);
	if (len)
		*len = 0;
	if (!r)
		return NULL;
	if (format == SHMPLOT_FORMAT_PNG)
		return shmplot_results_png(res, i, len);
	for (int k = 0; k < SP_NVEC; k++)
		if (format == sp_vec_format[k]) {
			if (len)
				*len = r->vec_len[k];
			return r->vec[k];
		}
	return NULL;
}

const unsigned char *shmplot_results_pixels(const shmplot_results *res,
					    size_t i, int *width, int *height,
					    size_t *stride)
{
	const sp_result *r = get(res, i);
	int ok = r && r->pix;
	if (width)
		*width = ok ? r->width : 0;
	if (height)
		*height = ok ? r->height : 0;
	if (stride)
		*stride = ok ? (size_t)r->width * 4 : 0;
	return ok ? r->pix : NULL;
}

#ifdef SHMPLOT_TEST_HOOKS
sp_test_counts sp_test_figure_counts(const shmplot_results *res, size_t i)
{
	const sp_result *r = get(res, i);
	sp_test_counts none = {0, 0, 0, 0, 0, 0};
	return r ? r->counts : none;
}
#endif
