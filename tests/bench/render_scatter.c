/* SPDX-License-Identifier: MIT */
/*
 * Micro-benchmark of scatter (render/kinds/scatter.c): one 640 x 480
 * figure of N points (default 1,000,000; normal x and y), drawn by
 * spr_render() in this process (no fork, no PNG), median of R runs, for
 * three scatters: one colour (matplotlib's draw_markers: stamped), colour
 * from c through viridis with a colorbar (a path collection: a sprite a
 * point, in order), and the same with sizes from a series too. Not a
 * test; render_scatter checks the pixels.
 *
 *   render_scatter [-r R] [-n N] [FONT]
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

static const char *const cases[] = {"one colour", "c through viridis, colorbar",
				    "c and s series"};

/* Standard normal values from a 64-bit LCG (Box-Muller). */
static void normals(double *v, size_t n, uint64_t s)
{
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		double u1 = ((double)(s >> 11) + 0.5) * 0x1p-53;
		s = s * 6364136223846793005u + 1442695040888963407u;
		double u2 = (double)(s >> 11) * 0x1p-53;
		v[i] = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	}
}

static double run(const spr_figure *f, const spr_series *sr, spr_font *font,
		  int reps, double *t)
{
	char err[256];

	for (int r = 0; r < reps; r++) {
		cairo_surface_t *out = NULL;
		double t0 = now_s();
		if (spr_render(f, sr, 4, font, &out, err, sizeof err)) {
			fprintf(stderr, "render_scatter: %s\n", err);
			exit(1);
		}
		t[r] = now_s() - t0;
		cairo_surface_destroy(out);
	}
	return median(t, reps); /* sorts t */
}

int main(int argc, char **argv)
{
	size_t n = 1000000;
	int reps = 7;
	const char *fontpath = SHMPLOT_DEFAULT_FONT;
	char err[256];
	spr_font *font = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = (size_t)strtod(argv[++i], NULL);
		else
			fontpath = argv[i];
	}
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y),
	       *c = malloc(n * sizeof *c), *s = malloc(n * sizeof *s),
	       *t = malloc((size_t)(reps > 0 ? reps : 1) * sizeof *t);
	if (!x || !y || !c || !s || !t || n < 1 || reps < 1 ||
	    font_file_load(fontpath, &font, err, sizeof err) != 0) {
		fprintf(stderr, "render_scatter: cannot start (%s)\n",
			font ? "memory" : err);
		return 1;
	}
	normals(x, n, 1);
	normals(y, n, 2);
	for (size_t i = 0; i < n; i++) {
		c[i] = x[i] * x[i] + y[i] * y[i];
		s[i] = 4 + 32 * fabs(sin((double)i));
	}
	spr_series sr[4] = {{x, n}, {y, n}, {c, n}, {s, n}};
	for (int k = 0; k < 3; k++) {
		spr_axes ax;
		spr_figure f;
		fb_figure(&f, &ax, 6.4, 4.8, 100);
		spr_item *it = spr_axes_add(&ax, spr_kind_find("scatter"));
		if (!it)
			return 1;
		fb_set(it, "x", 0);
		fb_set(it, "y", 1);
		if (k > 0) {
			fb_set(it, "c", 2);
			fb_set(it, "colorbar", 1);
		}
		if (k > 1)
			fb_set(it, "s", 3);
		double med = run(&f, sr, font, reps, t);
		printf("scatter %zu points, %s: median %.3f s of %d (best "
		       "%.3f)\n",
		       n, cases[k], med, reps, t[0]);
		spr_axes_free_items(&ax);
	}
	free(x);
	free(y);
	free(c);
	free(s);
	free(t);
	spr_font_free(font);
	return 0;
}
