/* SPDX-License-Identifier: MIT */
/*
 * Micro-benchmark of the M4 pass alone (spr_m4 over one line, no cairo):
 * ns per point for a smooth, a noisy and a tan-like series, x from an
 * array, mapped onto a 930 px wide axes. Not a test.
 *
 *   render_m4 [N] [REPEATS] [FIX]
 *
 * FIX 1: columns as aliased lines count them (spr_m4_column).
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t kept;

static void count(void *ctx, size_t i, int intra)
{
	(void)ctx;
	(void)i;
	(void)intra;
	kept++;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 1000000;
	int reps = argc > 2 ? atoi(argv[2]) : 20;
	int fix = argc > 3 ? atoi(argv[3]) : 0;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	static const char *name[3] = {"sin", "noisy", "tan"};
	uint64_t s = 42;

	if (!x || !y || n < 2 || reps < 1)
		return 1;
	for (int kind = 0; kind < 3; kind++) {
		spr_map mx, my;
		spr_m4_params p;
		double best = 1e30;
		for (size_t i = 0; i < n; i++) {
			x[i] = 4 * M_PI * (double)i / (double)(n - 1);
			s = s * 6364136223846793005u + 1442695040888963407u;
			y[i] =
			    kind == 0 ? sin(x[i])
			    : kind == 1
				? sin(x[i]) + 0.3 * (double)(s >> 11) * 0x1p-53
				: tan(x[i]);
		}
		spr_map_init(&mx, -0.2 * M_PI, 4.2 * M_PI, 150, 1080, 0);
		spr_map_init(&my, kind == 2 ? -5 : -1.5, kind == 2 ? 5 : 1.5,
			     267, 36, 0);
		p.x = x;
		p.y = y;
		p.n = n;
		p.mx = &mx;
		p.my = &my;
		p.vy0 = 36;
		p.vy1 = 267;
		p.break_jumps = 1;
		p.col_lo = 150 - 5;
		p.col_hi = 1080 + 5;
		p.band = 1.09;
		p.fix_columns = fix;
		p.emit = count;
		p.ctx = NULL;
		for (int r = 0; r < reps; r++) {
			double t0 = now_s(), t;
			kept = 0;
			if (spr_m4(&p) != n)
				return 1;
			t = now_s() - t0;
			best = t < best ? t : best;
		}
		printf("%-6s n=%zu: %.3f ns/point (best of %d), %zu kept\n",
		       name[kind], n, best / (double)n * 1e9, reps, kept);
	}
	free(x);
	free(y);
	return 0;
}
