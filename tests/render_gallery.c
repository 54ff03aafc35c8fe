/*
 * Writes the seed figures and a gallery of feature figures as PNG files,
 * for looking at the renderer's output: render_gallery OUTDIR [FONT].
 * Not a test (nothing is compared); the unit tests are test_render*.c.
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXS 64

typedef struct gallery {
	spr_series s[MAXS];
	double *own[MAXS];
	size_t ns;
} gallery;

static uint32_t add(gallery *g, double *v, size_t n)
{
	if (g->ns >= MAXS) {
		fprintf(stderr, "too many series\n");
		exit(70);
	}
	g->s[g->ns].v = v;
	g->s[g->ns].n = n;
	g->own[g->ns] = v;
	return (uint32_t)g->ns++;
}

static double *vec(size_t n)
{
	double *v = calloc(n, sizeof *v);
	if (!v) {
		fprintf(stderr, "out of memory\n");
		exit(70);
	}
	return v;
}

static uint32_t linspace(gallery *g, double a, double b, size_t n)
{
	double *v = vec(n);
	for (size_t i = 0; i < n; i++)
		v[i] = a + (b - a) * (double)i / (double)(n - 1);
	return add(g, v, n);
}

static uint32_t apply(gallery *g, uint32_t x, double (*f)(double))
{
	size_t n = g->s[x].n;
	double *v = vec(n);
	for (size_t i = 0; i < n; i++)
		v[i] = f(g->s[x].v[i]);
	return add(g, v, n);
}

static void fig_init(spr_figure *f, const char *name, double w, double h,
		     int rows, int cols)
{
	memset(f, 0, sizeof *f);
	f->name = (char *)name;
	f->width_in = w;
	f->height_in = h;
	f->dpi = 100;
	f->rows = rows;
	f->cols = cols;
	f->axes = calloc((size_t)rows * (size_t)cols, sizeof *f->axes);
	if (!f->axes)
		exit(70);
	for (int i = 0; i < rows * cols; i++)
		f->axes[i].legend = SPR_LEG_NONE;
}

static spr_line *line(spr_axes *ax, uint32_t x, uint32_t y, const char *label)
{
	spr_line *l;

	if (ax->nlines == ax->cap) {
		ax->cap = ax->cap ? ax->cap * 2 : 8;
		ax->lines = realloc(ax->lines, ax->cap * sizeof *ax->lines);
		if (!ax->lines)
			exit(70);
	}
	l = &ax->lines[ax->nlines++];
	memset(l, 0, sizeof *l);
	l->x = x;
	l->y = y;
	l->label = (char *)label;
	l->color = SPR_DEFAULT_COLOR;
	l->alpha = 1;
	l->width_pt = 1.5;
	l->marker_pt = 6;
	return l;
}

static void ylim(spr_axes *ax, double a, double b)
{
	ax->has_ylim = 1;
	ax->ylim[0] = a;
	ax->ylim[1] = b;
}

static int write_fig(const spr_figure *f, const gallery *g,
		     const spr_font *font, const char *dir)
{
	cairo_surface_t *surf;
	char err[256], path[1024];
	cairo_status_t st;

	if (spr_render(f, g->s, g->ns, font, &surf, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", f->name, err);
		return 1;
	}
	snprintf(path, sizeof path, "%s/%s.png", dir, f->name);
	st = cairo_surface_write_to_png(surf, path);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: %s\n", path, cairo_status_to_string(st));
		return 1;
	}
	return 0;
}

static void fig_free(spr_figure *f)
{
	for (int i = 0; i < f->rows * f->cols; i++)
		free(f->axes[i].lines);
	free(f->axes);
}

static double ftan(double x)
{
	return tan(x);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	const char *fontpath = argc > 2 ? argv[2] : SHMPLOT_DEFAULT_FONT;
	gallery g = {{{0}}, {0}, 0};
	spr_font *font;
	spr_figure f;
	char err[256];
	int bad = 0;
	uint32_t x, s, c, t;

	if (spr_font_load(fontpath, &font, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	x = linspace(&g, 0, 4 * M_PI, 1000);
	s = apply(&g, x, sin);
	c = apply(&g, x, cos);
	t = apply(&g, x, ftan);

	/* the seed batch */
	fig_init(&f, "figure1", 12, 3, 1, 1);
	line(&f.axes[0], x, s, "sin(x)");
	line(&f.axes[0], x, c, "cos(x)");
	f.axes[0].legend = SPR_LEG_BEST;
	bad |= write_fig(&f, &g, font, dir);
	fig_free(&f);

	fig_init(&f, "figure2", 12, 3, 1, 1);
	line(&f.axes[0], x, t, "tan(x)");
	ylim(&f.axes[0], -5, 5);
	f.axes[0].legend = SPR_LEG_BEST;
	bad |= write_fig(&f, &g, font, dir);
	fig_free(&f);

	fig_init(&f, "figure3", 12, 3, 1, 1);
	line(&f.axes[0], x, s, "sin(x)");
	line(&f.axes[0], x, c, "cos(x)");
	line(&f.axes[0], x, t, "tan(x)");
	ylim(&f.axes[0], -5, 5);
	f.axes[0].legend = SPR_LEG_BEST;
	bad |= write_fig(&f, &g, font, dir);
	fig_free(&f);

	for (size_t i = 0; i < g.ns; i++)
		free(g.own[i]);
	spr_font_free(font);
	return bad;
}
