/* SPDX-License-Identifier: MIT */
/*
 * Micro-benchmark of fill_between (render/kinds/fill.c) alone: one
 * 640 x 480 figure of a band of N points (default 10,000,000), drawn by
 * spr_render() in this process (no fork, no PNG), median of R runs, for a
 * smooth band and a noisy one (a random walk with noise of several pixels
 * in each column). Not a test; the render_bands test checks the pixels.
 *
 *   render_bands [-r R] [-n N] [-x] [FONT]
 *
 * -x: the axes' `exact` flag (every point into the polygon), for scale.
 */
#include "../render/fig_build.h"
#include "../render/font_file.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

#ifndef SHMPLOT_DEFAULT_FONT
#define SHMPLOT_DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

int main(int argc, char **argv)
{
	size_t n = 10000000;
	int reps = 7, exact = 0;
	const char *fontpath = SHMPLOT_DEFAULT_FONT;
	char err[256];
	spr_font *font = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = (size_t)strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "-x"))
			exact = 1;
		else
			fontpath = argv[i];
	}
	double *x = malloc(n * sizeof *x), *lo = malloc(n * sizeof *lo),
	       *hi = malloc(n * sizeof *hi),
	       *t = malloc((size_t)reps * sizeof *t);
	if (!x || !lo || !hi || !t || n < 2 || reps < 1 ||
	    font_file_load(fontpath, &font, err, sizeof err) != 0) {
		fprintf(stderr, "render_bands: cannot start (%s)\n",
			font ? "memory" : err);
		return 1;
	}
	for (int kind = 0; kind < 2; kind++) {
		uint64_t s = 7;
		double walk = 0;
		for (size_t i = 0; i < n; i++) {
			x[i] = 10.0 * (double)i / (double)(n - 1);
			s = s * 6364136223846793005u + 1442695040888963407u;
			double u = (double)(s >> 11) * 0x1p-53 - 0.5;
			walk += u * 0.002;
			double mid = kind ? walk + 0.4 * u : sin(x[i]);
			lo[i] = mid - 0.3;
			hi[i] = mid + 0.3;
		}
		spr_series sr[3] = {{x, n}, {lo, n}, {hi, n}};
		spr_axes ax;
		spr_figure f;
		fb_figure(&f, &ax, 6.4, 4.8, 100);
		ax.exact = exact;
		spr_item *it = spr_axes_add(&ax, spr_kind_find("fill_between"));
		if (!it)
			return 1;
		fb_set(it, "x", 0);
		fb_set(it, "y1", 1);
		fb_set(it, "y2", 2);
		fb_set(it, "alpha", 0.5);
		for (int r = 0; r < reps; r++) {
			cairo_surface_t *out = NULL;
			double t0 = now_s();
			if (spr_render(&f, sr, 3, font, &out, err,
				       sizeof err)) {
				fprintf(stderr, "render_bands: %s\n", err);
				return 1;
			}
			t[r] = now_s() - t0;
			cairo_surface_destroy(out);
		}
		double med = median(t, reps); /* sorts t */
		printf("fill_between %zu points, %s band%s: median %.3f s of "
		       "%d (best %.3f)\n",
		       n, kind ? "noisy" : "smooth", exact ? ", exact" : "",
		       med, reps, t[0]);
		spr_axes_free_items(&ax);
	}
	free(x);
	free(lo);
	free(hi);
	free(t);
	spr_font_free(font);
	return 0;
}
