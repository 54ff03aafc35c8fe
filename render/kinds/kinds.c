/* SPDX-License-Identifier: MIT */
/*
 * The kinds of plotted item. A new kind is a new file in this folder
 * defining `const spr_kind spr_kind_NAME` (see item.h for what it
 * provides) and one line in each of the two lists below. The table's
 * order numbers the kinds in the batch description spawned workers read,
 * so new kinds go at the end.
 */
#include "item.h"

#include <string.h>

extern const spr_kind spr_kind_line;
extern const spr_kind spr_kind_errorbar;
extern const spr_kind spr_kind_bar, spr_kind_barh;
extern const spr_kind spr_kind_axhline;
extern const spr_kind spr_kind_axvline;
extern const spr_kind spr_kind_axhspan;
extern const spr_kind spr_kind_axvspan;
extern const spr_kind spr_kind_step;
extern const spr_kind spr_kind_hist;
extern const spr_kind spr_kind_fill_between;
extern const spr_kind spr_kind_fill_betweenx;
extern const spr_kind spr_kind_scatter;
extern const spr_kind spr_kind_imshow;
extern const spr_kind spr_kind_text;
extern const spr_kind spr_kind_annotate;

static const spr_kind *const kinds[] = {
    &spr_kind_line,     &spr_kind_errorbar,     &spr_kind_bar,
    &spr_kind_barh,     &spr_kind_axhline,      &spr_kind_axvline,
    &spr_kind_axhspan,  &spr_kind_axvspan,      &spr_kind_step,
    &spr_kind_hist,     &spr_kind_fill_between, &spr_kind_fill_betweenx,
    &spr_kind_scatter,  &spr_kind_imshow,       &spr_kind_text,
    &spr_kind_annotate,
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

size_t spr_kind_count(void)
{
	return NKINDS;
}

const spr_kind *spr_kind_at(size_t i)
{
	return i < NKINDS ? kinds[i] : NULL;
}

size_t spr_kind_index(const spr_kind *k)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i] == k)
			return i;
	return SIZE_MAX;
}

void spr_kinds_forget(void)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kinds[i]->forget)
			kinds[i]->forget();
}

const spr_kind *spr_kind_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < NKINDS; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	/* matplotlib's name for a line */
	if (name && strcmp(name, "plot") == 0)
		return &spr_kind_line;
	return NULL;
}
