// SPDX-License-Identifier: MIT
/*
 * matplotlib's dash tuple for a line's linestyle: [offset, [on, off, ...]]
 * (Python's (0, (5, 2))), read into the kind's dashes and dash_offset
 * fields, in line widths as matplotlib scales them (lines.scale_dashes).
 */
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <string.h>

/* The index of kind k's field called name, or -1. */
static int field_index(const spr_kind *k, const char *name)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(k, &nf);
	for (size_t i = 0; i < nf; i++)
		if (strcmp(f[i].name, name) == 0)
			return (int)i;
	return -1;
}

uint64_t sp_dash_tuple(sp_loader *l, const spr_kind *k, const cJSON *it,
		       const char *path, void *params)
{
	int id = k ? field_index(k, "dashes") : -1;
	int io = k ? field_index(k, "dash_offset") : -1;
	size_t nf;
	const spr_field *f = k ? spr_kind_fields(k, &nf) : NULL;
	const cJSON *off = cJSON_GetArrayItem(it, 0);
	const cJSON *pat = cJSON_GetArrayItem(it, 1);
	char p[SP_PATH_BUF];
	double o;
	if (id < 0 || io < 0) {
		sp_problem(l->pr, path,
			   "a dash tuple is for a line (plot); here a name "
			   "such as \"dashed\" or \"--\"");
		return 0;
	}
	if (sp_json_count(it) != 2 || !cJSON_IsNumber(off) ||
	    !cJSON_IsArray(pat)) {
		sp_problem(l->pr, path,
			   "expected a name such as \"--\" or a dash tuple "
			   "[offset, [on, off, ...]]");
		return 0;
	}
	sp_path_ix(p, path, 0);
	o = off->valuedouble;
	if (!spr_field_accepts(&f[io], o)) {
		sp_problem(l->pr, p, "the offset %g is outside [0, %g]", o,
			   f[io].max);
		return 0;
	}
	spr_field_set(&f[io], params, o);
	sp_field_read(l, pat, sp_path_ix(p, path, 1), &f[id], params);
	return (uint64_t)1 << id | (uint64_t)1 << io;
}
