/* SPDX-License-Identifier: MIT */
/*
 * Date series in a spec: a values list of ISO 8601 strings, a CSV column
 * of them (checked whole: a malformed date or a number in it is an
 * error naming the file, row and column), and the operators that keep
 * a series a date series. Their values are Unix seconds; the flag makes
 * the axes they are plotted on date axes (axis_spec.c).
 */
#include "spec/spec_compute.h"
#include "spec/spec_json.h"
#include "spec/spec_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * ["2023-04-05", "2023-04-06T12:00Z", null, ...]: ISO dates as Unix
 * seconds (null is NaN); each bad one listed at its index.
 */
shmplot_status sp_values_dates(sp_loader *l, sp_series_def *s, const cJSON *v,
			       const char *path)
{
	char p[SP_PATH_BUF], why[96];
	size_t i = 0;
	int bad = 0;

	s->date = 1;
	for (const cJSON *it = v->child; it; it = it->next, i++) {
		s->u.values[i] = NAN;
		if (cJSON_IsNull(it))
			continue;
		sp_path_ix(p, path, i);
		if (!cJSON_IsString(it)) {
			sp_problem(l->pr, p,
				   "expected an ISO 8601 date like the first "
				   "value, not %s",
				   sp_json_type(it));
			bad = 1;
		} else if (sp_iso_date(it->valuestring, strlen(it->valuestring),
				       &s->u.values[i], why, sizeof why)) {
			sp_problem(l->pr, p,
				   "\"%s\" is not an ISO 8601 date: %s",
				   it->valuestring, why);
			bad = 1;
		}
	}
	return bad ? SHMPLOT_E_INVALID : SHMPLOT_OK;
}

/* The first value that is not null, or NULL. */
static const cJSON *first_value(const cJSON *v)
{
	for (const cJSON *it = v->child; it; it = it->next)
		if (!cJSON_IsNull(it))
			return it;
	return NULL;
}

int sp_values_are_dates(const cJSON *v)
{
	/* strings that start "YYYY-" (not "pi", "-pi/2") are dates */
	const cJSON *f = first_value(v);
	return cJSON_IsString(f) &&
	       sp_iso_like(f->valuestring, strlen(f->valuestring));
}

/* A date shifted by seconds is a date (numpy's datetime64 plus a
 * timedelta64); the difference of two dates, or a scaled date, is not. */
int sp_binary_date(const sp_loader *l, const sp_series_def *s)
{
	const uint32_t *src = s->u.op.src;
	int d0 = src[0] != SP_NONE && l->m.series[src[0]].date;
	int d1 = src[1] != SP_NONE && l->m.series[src[1]].date;

	if (s->u.op.fn == SP_OP_ADD)
		return d0 != d1;
	return s->u.op.fn == SP_OP_SUB && d0 && !d1;
}

/* A date column: every date well formed, no number among them. */
int sp_csv_dates(sp_loader *l, const sp_csv_ent *e, size_t ix, const char *path)
{
	const sp_csv_col *c = &e->csv->cols[ix];
	char colname[80];

	if (c->name)
		snprintf(colname, sizeof colname, "\"%.60s\"", c->name);
	else
		snprintf(colname, sizeof colname, "%zu", ix);
	if (c->date_bad)
		sp_problem(l->pr, path,
			   "%s row %zu, column %s: \"%s\" is not an ISO 8601 "
			   "date: %s%s",
			   e->path, c->date_bad_row, colname, c->date_bad_text,
			   c->date_why,
			   c->date_bad > 1 ? " (and more rows like it)" : "");
	if (c->num_row)
		sp_problem(l->pr, path,
			   "%s row %zu, column %s: a number in a column of "
			   "ISO dates (write it as a date)",
			   e->path, c->num_row, colname);
	return c->date_bad || c->num_row;
}
