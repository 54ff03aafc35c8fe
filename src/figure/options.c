// SPDX-License-Identifier: MIT
/*
 * An axes' legend options and its title's and axis labels' fonts through
 * the figure API: items of the renderer's legend and label kinds reached
 * through ordinary item handles, as an axis' tick options are (axis.c),
 * so the generic setters (item.c) set them by name with the descriptors'
 * checks and messages.
 */
#include "figure/figure_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const option_names[SPR_AXOPT_N] = {"legend", "title",
						      "xlabel", "ylabel"};

shmplot_status shmplot_axes_options(shmplot_axes *ax, const char *what,
				    shmplot_item **options)
{
	int k = 0;

	if (!ax || !options)
		return SHMPLOT_E_INVALID;
	*options = NULL;
	while (k < SPR_AXOPT_N && (!what || strcmp(what, option_names[k])))
		k++;
	if (k == SPR_AXOPT_N)
		return sp_fig_err(ax->fig, SHMPLOT_E_INVALID,
				  "figure \"%s\": no options called \"%s\" "
				  "(legend, title, xlabel, ylabel)",
				  shmplot_figure_name(ax->fig),
				  what ? what : "(null)");
	if (sp_figure_unpack(ax->fig) != SHMPLOT_OK)
		return SHMPLOT_E_NOMEM;
	spr_axes_more *m = spr_axes_more_get(sp_axes_of(ax));
	struct shmplot_item *h = calloc(1, sizeof *h);
	if (!h || !m ||
	    (!m->opts[k].p && spr_item_init(&m->opts[k], spr_axopt_kind(k)))) {
		free(h);
		return sp_fig_err(ax->fig, SHMPLOT_E_NOMEM, "out of memory");
	}
	h->fig = ax->fig;
	h->axes = ax->index;
	h->twin = (unsigned char)ax->twin;
	h->axis = (unsigned char)(SP_HANDLE_OPTS + k);
	sp_fig_keep(ax->fig, h);
	*options = h;
	return SHMPLOT_OK;
}
