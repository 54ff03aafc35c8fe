/* SPDX-License-Identifier: MIT */
/*
 * Micro-benchmark of the renderer alone: the seed figures drawn by
 * spr_render() in this process (no fork, no PNG), median of R runs per
 * figure and point count. Not a test; the project's benchmark is bench.c.
 *
 *   render_bench [-r R] [-n N,N,...] [-x] [FONT]
 *
 * -x renders with the axes' `exact` flag set (stroke every point), for
 * comparison with the reduced path.
 */
#include "../render/fig_build.h"
#include "../render/font_file.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"

#ifndef SHMPLOT_DEFAULT_FONT
#define SHMPLOT_DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

/* The seed figures of DESIGN.md on series 0 = x, 1 = sin, 2 = cos, 3 = tan
 * (the caller frees ax's items) */
static void seed_figure(spr_figure *f, spr_axes *ax, int k, int exact)
{
	static const char *labels[3] = {"sin(x)", "cos(x)", "tan(x)"};
	static const int first[3] = {0, 2, 0}, count[3] = {2, 1, 3};

	fb_figure(f, ax, 12, 3, 100);
	ax->exact = exact;
	ax->legend = SPR_LEG_BEST;
	for (int i = 0; i < count[k]; i++)
		fb_line(ax, 0, (uint32_t)(1 + first[k] + i),
			labels[first[k] + i]);
	if (k > 0) {
		ax->has_ylim = 1;
		ax->ylim[0] = -5;
		ax->ylim[1] = 5;
	}
}

int main(int argc, char **argv)
{
	const char *fontpath = SHMPLOT_DEFAULT_FONT;
	char plist[256] = "1000,100000,1000000,10000000", err[256];
	int reps = 7, exact = 0;
	spr_font *font;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			snprintf(plist, sizeof plist, "%s", argv[++i]);
		else if (!strcmp(argv[i], "-x"))
			exact = 1;
		else
			fontpath = argv[i];
	}
	if (reps < 1 || reps > 1000)
		reps = 7;
	if (font_file_load(fontpath, &font, err, sizeof err)) {
		fprintf(stderr, "render_bench: %s\n", err);
		return 1;
	}
	printf("%12s %12s %12s %12s   (median of %d, ms%s)\n", "points",
	       "figure1", "figure2", "figure3", reps, exact ? ", exact" : "");
	for (char *tok = strtok(plist, ","); tok; tok = strtok(NULL, ",")) {
		size_t n = (size_t)strtod(tok, NULL);
		double *v[4], t[1000];
		spr_series s[4];
		if (n < 2)
			continue;
		for (int j = 0; j < 4; j++) {
			v[j] = malloc(n * sizeof(double));
			if (!v[j])
				return 1;
			s[j].v = v[j];
			s[j].n = n;
		}
		const double step = 4.0 * M_PI / (double)(n - 1);
		for (size_t i = 0; i < n; i++) {
			v[0][i] = (double)i * step;
			v[1][i] = sin(v[0][i]);
			v[2][i] = cos(v[0][i]);
			v[3][i] = tan(v[0][i]);
		}
		v[0][n - 1] = 4.0 * M_PI;
		printf("%12zu", n);
		for (int k = 0; k < 3; k++) {
			spr_figure f;
			spr_axes ax;
			seed_figure(&f, &ax, k, exact);
			for (int r = 0; r < reps; r++) {
				cairo_surface_t *out;
				double t0 = now_s();
				if (spr_render(&f, s, 4, font, &out, err,
					       sizeof err)) {
					fprintf(stderr, "render_bench: %s\n",
						err);
					return 1;
				}
				t[r] = now_s() - t0;
				cairo_surface_destroy(out);
			}
			spr_axes_free_items(&ax);
			printf(" %12.3f", median(t, reps) * 1e3);
			fflush(stdout);
		}
		printf("\n");
		for (int j = 0; j < 4; j++)
			free(v[j]);
	}
	spr_font_free(font);
	return 0;
}
