/* SPDX-License-Identifier: MIT */
/*
 * Micro-benchmark of markers (not a test): a scatter of N normal points
 * (x and y N(0, 1), a fixed seed) drawn as translucent circles by
 * spr_render() in this process, 6.4 x 4.8 in at 100 dpi, limits +-5;
 * prints the median of R renders and the same with the points sorted
 * by x (the stamping does not depend on their order).
 *
 *   render_markers [-r R] [-n N] [-m MARKER] [-a ALPHA] [FONT]
 *
 * MARKER is shmplot's number (2 = circle, 3 = square, ...).
 */
#include "../render/fig_build.h"
#include "../render/font_file.h"
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

#ifndef SHMPLOT_DEFAULT_FONT
#define SHMPLOT_DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

static uint64_t rng = 0x853c49e6748fea9bu;

static double uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((double)(rng >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

typedef struct pt {
	double x, y;
} pt;

static int by_x(const void *a, const void *b)
{
	double u = ((const pt *)a)->x, v = ((const pt *)b)->x;
	return (u > v) - (u < v);
}

/* Median ms of reps renders of the scatter of x, y. */
static double time_scatter(const spr_font *font, spr_series *s, int marker,
			   double alpha, int reps)
{
	spr_figure f;
	spr_axes ax;
	double t[1000];
	char err[256];

	fb_figure(&f, &ax, 6.4, 4.8, 100);
	ax.legend = SPR_LEG_NONE;
	ax.has_xlim = ax.has_ylim = 1;
	ax.xlim[0] = ax.ylim[0] = -5;
	ax.xlim[1] = ax.ylim[1] = 5;
	spr_item *it = fb_line(&ax, 0, 1, NULL);
	fb_set(it, "linestyle", SPR_LS_NONE);
	fb_set(it, "marker", marker);
	fb_set(it, "alpha", alpha);
	for (int r = 0; r < reps; r++) {
		cairo_surface_t *out;
		double t0 = now_s();
		if (spr_render(&f, s, 2, font, &out, err, sizeof err)) {
			fprintf(stderr, "render_markers: %s\n", err);
			exit(1);
		}
		t[r] = now_s() - t0;
		cairo_surface_destroy(out);
	}
	spr_axes_free_items(&ax);
	return median(t, reps) * 1e3;
}

int main(int argc, char **argv)
{
	const char *fontpath = SHMPLOT_DEFAULT_FONT;
	size_t n = 1000000;
	int reps = 7, marker = SPR_MK_CIRCLE;
	double alpha = 0.2;
	char err[256];
	spr_font *font;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = (size_t)strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			marker = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-a") && i + 1 < argc)
			alpha = strtod(argv[++i], NULL);
		else
			fontpath = argv[i];
	}
	if (reps < 1 || reps > 1000)
		reps = 7;
	if (n < 1 || marker < SPR_MK_POINT || marker > SPR_MK_CROSS ||
	    !(alpha >= 0 && alpha <= 1)) {
		fprintf(stderr, "render_markers: bad -n, -m or -a\n");
		return 64;
	}
	if (font_file_load(fontpath, &font, err, sizeof err)) {
		fprintf(stderr, "render_markers: %s\n", err);
		return 1;
	}
	pt *p = malloc(n * sizeof *p);
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	if (!p || !x || !y)
		return 1;
	for (size_t i = 0; i < n; i++) {
		p[i].x = normal();
		p[i].y = normal();
	}
	spr_series s[2] = {{x, n}, {y, n}};
	for (int sorted = 0; sorted < 2; sorted++) {
		if (sorted)
			qsort(p, n, sizeof *p, by_x);
		for (size_t i = 0; i < n; i++) {
			x[i] = p[i].x;
			y[i] = p[i].y;
		}
		printf("%zu markers%s: %.1f ms (median of %d)\n", n,
		       sorted ? ", sorted by x" : "",
		       time_scatter(font, s, marker, alpha, reps), reps);
	}
	free(p);
	free(x);
	free(y);
	spr_font_free(font);
	return 0;
}
