/* SPDX-License-Identifier: MIT */
/*
 * step(x, y, where=pre|mid|post): plot() with a steps drawstyle. The
 * points are expanded into the stair's vertices (spr_steps, also what a
 * line's drawstyle uses) and drawn as a line; markers stay at the points
 * and autoscale sees the points, as matplotlib's.
 */
#include "item.h"

#include <stddef.h>
#include <stdlib.h>

typedef struct step_params {
	uint32_t x, y;
	int where; /* enum spr_drawstyle, not DEFAULT */
	char *label;
	uint32_t color;
	double alpha, width_pt;
	int style, marker;
	double marker_pt;
} step_params;

size_t spr_steps(const double *x, const double *y, size_t n, int ds,
		 double **ox, double **oy)
{
	size_t m, i;
	double *vx, *vy;

	*ox = *oy = NULL;
	if (!n)
		return 0;
	/* pre and post: 2n - 1 vertices; mid: 2n (no overflow: n doubles
	 * already fit in memory) */
	m = ds == SPR_DS_STEPS_MID ? 2 * n : 2 * n - 1;
	vx = spr_mallocn(m, sizeof *vx);
	vy = spr_mallocn(m, sizeof *vy);
	if (!vx || !vy) {
		free(vx);
		free(vy);
		return 0;
	}
#define X(i) (x ? x[i] : (double)(i))
	if (ds == SPR_DS_STEPS_MID) {
		/* (x0,y0) (m01,y0) (m01,y1) (m12,y1) ... (x_n-1,y_n-1) */
		vx[0] = X(0);
		vy[0] = y[0];
		for (i = 0; i + 1 < n; i++) {
			double mid = (X(i) + X(i + 1)) / 2;
			vx[2 * i + 1] = vx[2 * i + 2] = mid;
			vy[2 * i + 1] = y[i];
			vy[2 * i + 2] = y[i + 1];
		}
		vx[m - 1] = X(n - 1);
		vy[m - 1] = y[n - 1];
	} else {
		int pre = ds != SPR_DS_STEPS_POST;
		for (i = 0; i < n; i++) {
			vx[2 * i] = X(i);
			vy[2 * i] = y[i];
			if (i + 1 == n)
				break;
			/* pre: up at the old x; post: across to the new x */
			vx[2 * i + 1] = pre ? X(i) : X(i + 1);
			vy[2 * i + 1] = pre ? y[i + 1] : y[i];
		}
	}
#undef X
	*ox = vx;
	*oy = vy;
	return m;
}

static const char *const where_names[] = {"pre", "mid", "post"};
static const char *const style_names[] = {"solid", "dashed", "dotted",
					  "dashdot", "none"};
static const char *const style_syms[] = {"-", "--", ":", "-.", "None"};

#define FIELD(n, t, m) .name = n, .type = t, .offset = offsetof(step_params, m)

static const spr_field step_fields[] = {
    {FIELD("x", SPR_F_SERIES, x), .def = SPR_NO_SERIES,
     .flags = SPR_FF_OPTIONAL, .doc = "x values (default: the index)"},
    {FIELD("y", SPR_F_SERIES, y), .def = SPR_NO_SERIES, .doc = "y values"},
    {FIELD("where", SPR_F_INT, where), .min = SPR_DS_STEPS_PRE,
     .max = SPR_DS_STEPS_POST, .def = SPR_DS_STEPS_PRE, .names = where_names,
     .doc = "pre: each y from its x leftwards; post: rightwards; mid: "
	    "around it"},
    {FIELD("label", SPR_F_TEXT, label), .maxlen = SPR_MAX_TEXT,
     .flags = SPR_FF_LABEL, .doc = "legend entry"},
    {FIELD("color", SPR_F_COLOR, color), .def = SPR_DEFAULT_COLOR,
     .flags = SPR_FF_CYCLE_LINES, .doc = "line and marker colour"},
    {FIELD("alpha", SPR_F_NUM, alpha), .min = 0, .max = 1, .def = 1,
     .doc = "opacity"},
    {FIELD("linewidth", SPR_F_NUM, width_pt), .min = 0, .max = 100, .def = 1.5,
     .doc = "points"},
    {FIELD("linestyle", SPR_F_INT, style), .min = SPR_LS_SOLID,
     .max = SPR_LS_NONE, .def = SPR_LS_SOLID, .names = style_names,
     .syms = style_syms},
    {FIELD("marker", SPR_F_INT, marker), .min = SPR_MK_NONE, .max = SPR_MK_LAST,
     .def = SPR_MK_NONE, .names = spr_marker_names, .syms = spr_marker_syms,
     .doc = "drawn at the points"},
    {FIELD("markersize", SPR_F_NUM, marker_pt), .min = 0, .max = 200, .def = 6,
     .doc = "points"},
};

static spr_line_look step_look(const step_params *s)
{
	spr_line_look lk = {s->width_pt,
			    s->alpha,
			    s->marker_pt,
			    s->style,
			    s->marker,
			    s->where,
			    SPR_DEFAULT_COLOR,
			    SPR_DEFAULT_COLOR,
			    NAN,
			    NULL,
			    NULL};
	return lk;
}

static void step_draw(const spr_ctx *r, spr_axes_ctx *a, const void *p,
		      uint32_t color)
{
	const step_params *s = p;
	const spr_series *ys = &r->series[s->y];
	spr_line_look lk = step_look(s);

	spr_draw_line(r, a, s->x == SPR_NO_SERIES ? NULL : r->series[s->x].v,
		      ys->v, ys->n, &lk, color);
}

static void step_legend(const spr_ctx *r, const void *p, uint32_t color,
			const spr_handle *h)
{
	spr_line_look lk = step_look(p);

	spr_line_handle(r, &lk, color, h);
}

static int step_check(const void *p, const spr_series *series, char *err,
		      size_t errlen)
{
	const step_params *s = p;

	if (s->x != SPR_NO_SERIES && series[s->x].n != series[s->y].n)
		return spr_err(err, errlen, "x has %zu points but y has %zu",
			       series[s->x].n, series[s->y].n);
	return 0;
}

/* The points' extents, as a line's: the stair adds no new values. */
static void step_extents(const void *p, spr_scan *sc)
{
	const step_params *s = p;
	const spr_series *ys = &sc->series[s->y];
	const spr_series *xs = s->x == SPR_NO_SERIES ? NULL : &sc->series[s->x];

	if (xs && xs != sc->sorted_x) {
		sc->sorted_x = xs;
		sc->sorted = spr_sorted(xs->v, xs->n);
	}
	spr_line_extents(xs ? xs->v : NULL, ys->v, ys->n, sc->e, sc->log[0],
			 sc->log[1], sc->want[0], sc->want[1],
			 xs && xs == sc->sorted_x && sc->sorted);
}

const spr_kind spr_kind_step = {
    .name = "step",
    .zorder = 2,
    .doc = "`step`: a stair through the points",
    .size = sizeof(step_params),
    .fields = step_fields,
    .nfields = sizeof step_fields / sizeof step_fields[0],
    .check = step_check,
    .extents = step_extents,
    .draw = step_draw,
    .legend = step_legend,
};
