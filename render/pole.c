/* SPDX-License-Identifier: MIT */
/*
 * The pole rule: which segments of a line are the jump of a sampled pole
 * (tan x at an odd multiple of pi/2, 1/x at 0) rather than data. Such a
 * segment is not drawn unless the axes asks for pole segments; every
 * other segment is drawn, as matplotlib draws every one. The line's
 * pipe (kinds/line.c) and the reduction (m4.c) ask the same question of
 * the same raw points, so a reduced line breaks exactly where its raw
 * line does.
 *
 * Segment (i - 1, i) is a pole when all of these hold:
 *  1. it jumps across the whole view: its ends lie beyond opposite
 *     horizontal edges (device rows);
 *  2. the data on both sides exist: points i - 4 .. i + 3 all have a
 *     position (x and y finite, y > 0 on a log axis);
 *  3. it reverses the data on both sides: the three segments before it
 *     and the three after it each move against the jump (strictly);
 *  4. neither side crosses the view itself: none of i - 4 .. i - 2 lies
 *     beyond the edge point i is beyond, none of i + 1 .. i + 3 beyond the
 *     edge point i - 1 is beyond (zigzags, square waves, noise);
 *  5. the data diverge into the jump: each step towards it is larger than
 *     the one before, each step after it smaller than the one before
 *     (a pole's branches are convex towards it; a ramp or sawtooth is
 *     not), by a relative margin of 1e-6.
 * Steps (3, 5) are compared in scale space (y, or log10 y), not in device
 * rows, which spr_map_px clamps far off the surface.
 *
 * What it cannot see: a pole within three segments of either end of the
 * series, a pole segment with one end inside the view (about ten points a
 * period or fewer), and data that over eight samples diverge convexly to
 * one edge and return convexly from the other (indistinguishable from a
 * sampled pole). The first two are drawn, the last is not.
 */
#include "render_internal.h"

/* Points read either side of the segment: i - POLE_SIDE .. i + 3. */
#define POLE_SIDE 4
#define POLE_GROW (1 + 1e-6)

/* -1 above the view (rows < vy0), 1 below, 0 inside. */
static int zone_of(double qy, double vy0, double vy1)
{
	return qy < vy0 ? -1 : qy > vy1 ? 1 : 0;
}

int spr_pole(const spr_pole_in *in, size_t i)
{
	double t[2 * POLE_SIDE], d[2 * POLE_SIDE - 1], s;
	int z[2 * POLE_SIDE], k;

	if (in->n < 2 * POLE_SIDE || i < POLE_SIDE || i > in->n - POLE_SIDE)
		return 0;
	for (k = 0; k < 2 * POLE_SIDE; k++) {
		size_t j = i - POLE_SIDE + (size_t)k;
		double x = in->x ? in->x[j] : (double)j;
		double qy = spr_map_px(in->my, in->y[j]);
		if (isnan(spr_map_px(in->mx, x)) || isnan(qy))
			return 0;
		t[k] = spr_map_scale(in->my, in->y[j]);
		z[k] = zone_of(qy, in->vy0, in->vy1);
	}
	/* the segment is (3, 4) of the eight */
	if (z[3] == 0 || z[4] != -z[3])
		return 0;
	for (k = 0; k < 2 * POLE_SIDE - 1; k++)
		d[k] = t[k + 1] - t[k];
	s = d[3];
	for (k = 0; k < 3; k++)
		if (!(d[k] * s < 0) || !(d[k + 4] * s < 0) || z[k] == z[4] ||
		    z[k + 5] == z[3])
			return 0;
	return fabs(d[2]) > fabs(d[1]) * POLE_GROW &&
	       fabs(d[1]) > fabs(d[0]) * POLE_GROW &&
	       fabs(d[4]) > fabs(d[5]) * POLE_GROW &&
	       fabs(d[5]) > fabs(d[6]) * POLE_GROW;
}
