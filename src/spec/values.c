/* SPDX-License-Identifier: MIT */
/*
 * The kinds' rules that read values (an errorbar's errors must not be
 * negative, as matplotlib 3.6 raises "'yerr' must not contain negative
 * values"; hist's edges must increase), once pass 2 has filled the
 * segment: pass 1 knows only the series' lengths. Each problem is listed
 * at its item's JSON path as pass 1 lists problems, so such a spec is
 * refused as a whole (exit 65) and nothing is rendered, instead of a
 * figure failing at render time.
 */
#include "figure/figure.h"
#include "segment/segment.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * The JSON path of item k of axes j of figure i, as the spec wrote it:
 * twin names the axes' twin ("twinx", "twiny") when the item is the
 * twin's, else NULL.
 */
static const char *item_path(char *buf, const sp_loader *l, size_t i, size_t j,
			     const char *twin, size_t k)
{
	char twin_part[16] = "";

	if (twin)
		snprintf(twin_part, sizeof twin_part, ".%s", twin);
	if (l->axes_form && l->axes_form[i])
		snprintf(buf, SP_PATH_BUF,
			 "figures[%zu].axes[%zu]%s.lines[%zu]", i, j, twin_part,
			 k);
	else
		snprintf(buf, SP_PATH_BUF, "figures[%zu]%s.lines[%zu]", i,
			 twin_part, k);
	return buf;
}

/* Axes a's items (a twin's when twin names it) against their rules. */
static void check_axes(sp_loader *l, const spr_axes *a, const spr_series *views,
		       size_t i, size_t j, const char *twin)
{
	char why[SP_ERRLEN], path[SP_PATH_BUF];

	for (size_t k = 0; k < a->nitems; k++)
		if (spr_item_check_rules(&a->items[k], views, why, sizeof why))
			sp_problem(l->pr, item_path(path, l, i, j, twin, k),
				   "%s: %s", spr_kind_name(a->items[k].kind),
				   why);
}

shmplot_status sp_values_check(sp_loader *l, shmplot_figure *const *figs,
			       size_t nfig, const shmplot_data *data)
{
	char why[SP_ERRLEN];
	size_t before = sp_problem_count(l->pr), nv = 0;
	spr_series *views = NULL;

	if (!data || !nfig)
		return SHMPLOT_OK;
	if (sp_data_views(data, &views, &nv, why, sizeof why))
		return sp_nomem(l->pr);
	for (size_t i = 0; i < nfig; i++) {
		const spr_figure *f = figs[i] ? sp_figure_spec(figs[i]) : NULL;
		size_t naxes = f ? (size_t)f->rows * (size_t)f->cols : 0;
		for (size_t j = 0; j < naxes; j++) {
			const spr_axes *a = &f->axes[j];
			check_axes(l, a, views, i, j, NULL);
			if (spr_more(a)->twin)
				check_axes(l, spr_more(a)->twin, views, i, j,
					   a->twin_kind == SPR_TWINY ? "twiny"
								     : "twinx");
		}
	}
	free(views);
	return sp_problems_since(l->pr, before);
}
