/* SPDX-License-Identifier: MIT */
/*
 * Writes the seed figures and a gallery of feature figures as PNG files,
 * for looking at the renderer's output: render_gallery OUTDIR [FONT].
 * Not a test (nothing is compared); the unit tests are test_render*.c.
 */
#include "fig_build.h"
#include "font_file.h"
#include "render.h"

#include <math.h>
#include <stdint.h>
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

static spr_item *line(spr_axes *ax, uint32_t x, uint32_t y, const char *label)
{
	return fb_line(ax, x, y, label);
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
		spr_axes_free_items(&f->axes[i]);
	free(f->axes);
}

static double ftan(double x)
{
	return tan(x);
}

static double fexp(double x)
{
	return exp(x);
}

static double fsq(double x)
{
	return x * x;
}

static double fsqrt(double x)
{
	return sqrt(x);
}

/* sin with gaps: NaN on two stretches and +-inf on isolated points */
static double fgappy(double x)
{
	if ((x > 2 && x < 2.6) || (x > 7 && x < 7.3))
		return NAN;
	if (fabs(x - 5) < 0.03)
		return INFINITY;
	if (fabs(x - 9) < 0.03)
		return -INFINITY;
	return sin(x);
}

static void xlim(spr_axes *ax, double a, double b)
{
	ax->has_xlim = 1;
	ax->xlim[0] = a;
	ax->xlim[1] = b;
}

/* Deterministic pseudo-random walk (xorshift), n points. */
static uint32_t walk(gallery *g, size_t n)
{
	double *v = vec(n), y = 0;
	uint64_t st = 88172645463325252ull;
	for (size_t i = 0; i < n; i++) {
		st ^= st << 13;
		st ^= st >> 7;
		st ^= st << 17;
		y += ((double)(st >> 11) / 9007199254740992.0) - 0.5;
		v[i] = y;
	}
	return add(g, v, n);
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

	if (font_file_load(fontpath, &font, err, sizeof err) != 0) {
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

	/* --- feature gallery --- */
	{
		static const char *locname[] = {
		    "best",         "upper right",  "upper left",
		    "lower left",   "lower right",  "right",
		    "center left",  "center right", "lower center",
		    "upper center", "center"};
		uint32_t xs = linspace(&g, 0, 20, 400),
			 ex = apply(&g, xs, fexp);
		uint32_t xl = linspace(&g, 1e-3, 1e5, 2000);
		uint32_t sq = apply(&g, xl, fsq), sr = apply(&g, xl, fsqrt);
		uint32_t gp = apply(&g, x, fgappy);
		uint32_t w = walk(&g, 1000000);
		uint32_t xi = linspace(&g, 0, 1, 50);
		uint32_t st[8];
		spr_item *l;

		fig_init(&f, "subplots_sharex", 6.4, 6, 3, 1);
		f.share = SPR_SHARE_X;
		line(&f.axes[0], x, s, "sin(x)");
		fb_set(line(&f.axes[1], x, c, "cos(x)"), "color", 0xff7f0e);
		fb_set(line(&f.axes[2], x, t, "tan(x)"), "color", 0x2ca02c);
		ylim(&f.axes[2], -5, 5);
		f.axes[0].title = "sin, cos and tan sharing x";
		f.axes[2].xlabel = "x (rad)";
		for (int i = 0; i < 3; i++) {
			f.axes[i].legend = SPR_LEG_UPPER_RIGHT;
			f.axes[i].ylabel = "y";
		}
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "log_axes", 10, 4, 1, 2);
		line(&f.axes[0], xs, ex, "exp(x)");
		f.axes[0].yscale = SPR_SCALE_LOG;
		f.axes[0].title = "semilogy";
		f.axes[0].grid = 1;
		f.axes[0].legend = SPR_LEG_BEST;
		line(&f.axes[1], xl, sq, "x²");
		line(&f.axes[1], xl, sr, "√x");
		f.axes[1].xscale = f.axes[1].yscale = SPR_SCALE_LOG;
		f.axes[1].title = "loglog";
		f.axes[1].xlabel = "x";
		f.axes[1].grid = 1;
		f.axes[1].legend = SPR_LEG_BEST;
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "nan_gaps", 8, 3, 1, 1);
		l = line(&f.axes[0], x, gp, "sin(x) with NaN and ±inf");
		f.axes[0].title = "NaN and ±inf break the line";
		f.axes[0].legend = SPR_LEG_BEST;
		(void)l;
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "tan_poles", 12, 6, 3, 1);
		line(&f.axes[0], x, t, "tan(x)");
		f.axes[0].title = "autoscaled tan(x) (limits from huge finite "
				  "values, like matplotlib)";
		line(&f.axes[1], x, t, "tan(x)");
		ylim(&f.axes[1], -5, 5);
		f.axes[1].title = "ylim [-5, 5]: pole segments skipped";
		line(&f.axes[2], x, t, "tan(x)");
		ylim(&f.axes[2], -5, 5);
		f.axes[2].pole_segments = 1;
		f.axes[2].title = "pole_segments = 1";
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "legend_positions", 14, 9, 3, 4);
		for (int i = 0; i < 12; i++) {
			spr_axes *ax = &f.axes[i];
			line(ax, x, s, "sin(x)");
			fb_set(line(ax, x, c, "cos(x)"), "linestyle",
			       SPR_LS_DASHED);
			ax->legend = i < 11 ? i : SPR_LEG_NONE;
			ax->title = (char *)(i < 11 ? locname[i] : "none");
		}
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "styles_markers", 8, 5, 1, 1);
		for (int i = 0; i < 8; i++) {
			double *v = vec(50);
			for (int k = 0; k < 50; k++)
				v[k] = sin(k / 49.0 * 2 * M_PI) + 2.5 * i;
			st[i] = add(&g, v, 50);
		}
		{
			static const char *nm[] = {
			    "solid, point",        "dashed, circle",
			    "dotted, square",      "dash-dot, triangle",
			    "solid 3 pt, diamond", "none, plus",
			    "solid α 0.4, cross",  "#000000 dashed 0.8 pt"};
			static const int sty[] = {SPR_LS_SOLID,  SPR_LS_DASHED,
						  SPR_LS_DOTTED, SPR_LS_DASHDOT,
						  SPR_LS_SOLID,  SPR_LS_NONE,
						  SPR_LS_SOLID,  SPR_LS_DASHED};
			for (int i = 0; i < 8; i++) {
				l = line(&f.axes[0], xi, st[i], nm[i]);
				fb_set(l, "linestyle", sty[i]);
				fb_set(l, "marker",
				       i < 7 ? i + 1 : SPR_MK_NONE);
				if (i == 4)
					fb_set(l, "linewidth", 3);
				if (i == 6)
					fb_set(l, "alpha", 0.4);
				if (i == 7) {
					fb_set(l, "color", 0);
					fb_set(l, "linewidth", 0.8);
				}
			}
		}
		f.axes[0].legend = SPR_LEG_CENTER_RIGHT;
		xlim(&f.axes[0], 0, 1.6);
		f.axes[0].title = "line styles and markers";
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "sci_ticks", 10, 6, 2, 2);
		{
			static const double sc[4][2] = {
			    {1e-7, 0}, {1e9, 0}, {1e-3, 1e5}, {1, -12345.6}};
			static const char *tt[] = {
			    "tiny: 1e−7 × sin", "huge: 1e9 × sin",
			    "offset: 1e5 + 1e−3 sin", "negative offset"};
			for (int i = 0; i < 4; i++) {
				double *v = vec(1000);
				for (int k = 0; k < 1000; k++)
					v[k] =
					    sc[i][1] + sc[i][0] * g.s[s].v[k];
				line(&f.axes[i], x, add(&g, v, 1000), NULL);
				f.axes[i].title = (char *)tt[i];
			}
			double *xv = vec(1000);
			for (int k = 0; k < 1000; k++)
				xv[k] = 1e6 + k * 1e-3;
			fb_set(&f.axes[3].items[0], "x", add(&g, xv, 1000));
		}
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "utf8_labels", 6.4, 4.8, 1, 1);
		line(&f.axes[0], x, s, "Température moyenne (°C) — μ ± σ");
		line(&f.axes[0], x, c, "Ελληνικά: αβγδε, Кириллица");
		f.axes[0].title = "A very long UTF-8 title: Größenmaßstab "
				  "für Überschriften — “quoted” ½ ∞ ≤ ≥";
		f.axes[0].xlabel = "Zeit t / s (Überlänge der Achsenbeschrift"
				   "ung)";
		f.axes[0].ylabel = "Amplitude Å / µV";
		f.axes[0].legend = SPR_LEG_BEST;
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "large_series", 12, 3, 1, 1);
		fb_set(line(&f.axes[0], SPR_NO_SERIES, w,
			    "random walk, 10⁶ points"),
		       "linewidth", 0.8);
		f.axes[0].legend = SPR_LEG_BEST;
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "grid_shared_xy", 8, 6, 2, 2);
		f.share = SPR_SHARE_X | SPR_SHARE_Y;
		for (int i = 0; i < 4; i++) {
			line(&f.axes[i], x, i % 2 ? c : s, NULL);
			f.axes[i].grid = 1;
		}
		f.axes[2].xlabel = f.axes[3].xlabel = "x";
		f.axes[0].ylabel = f.axes[2].ylabel = "y";
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);
		fig_init(&f, "tight_labels", 12, 3, 1, 1);
		line(&f.axes[0], x, s, "sin(x)");
		line(&f.axes[0], x, c, "cos(x)");
		f.axes[0].legend = SPR_LEG_BEST;
		f.axes[0].xlabel = "x (rad)";
		f.axes[0].ylabel = "amplitude";
		f.axes[0].title = "figure1 with labels: the axes shrink to fit";
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);

		fig_init(&f, "tiny_long_labels", 3, 2, 1, 1);
		line(&f.axes[0], x, s, NULL);
		f.axes[0].title =
		    "An extremely long title that cannot possibly "
		    "fit into a three inch wide figure";
		f.axes[0].xlabel = "An equally long x label, much wider than "
				   "the figure itself";
		f.axes[0].ylabel = "A y label taller than the figure is high";
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);
		fig_init(&f, "log_narrow", 10, 3.5, 1, 2);
		{
			uint32_t xn = linspace(&g, -1, 1, 201);
			double *v = vec(201), *v2 = vec(201);
			for (int k = 0; k < 201; k++) {
				double xv = g.s[xn].v[k];
				v[k] = 2 + 28 * (xv + 1) / 2;
				v2[k] = xv * xv * xv; /* <= 0 half: gaps */
			}
			line(&f.axes[0], xn, add(&g, v, 201), "2..30");
			f.axes[0].yscale = SPR_SCALE_LOG;
			f.axes[0].title = "log y over barely one decade";
			line(&f.axes[1], xn, add(&g, v2, 201), "x³");
			f.axes[1].yscale = SPR_SCALE_LOG;
			f.axes[1].title = "log y, data <= 0 left out";
			f.axes[1].legend = SPR_LEG_BEST;
		}
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);
		fig_init(&f, "dashed_chunks", 8, 2.5, 1, 1);
		{
			uint32_t xd = linspace(&g, 0, 4 * M_PI, 4500);
			fb_set(line(&f.axes[0], xd, apply(&g, xd, cos),
				    "dashed, 4500 points (5 stroke chunks)"),
			       "linestyle", SPR_LS_DASHED);
			fb_set(line(&f.axes[0], xd, apply(&g, xd, fgappy),
				    "dash-dot with gaps"),
			       "linestyle", SPR_LS_DASHDOT);
			f.axes[0].legend = SPR_LEG_LOWER_LEFT;
			/* every point stroked: the chunks are what this
			 * figure is about */
			f.axes[0].exact = 1;
		}
		bad |= write_fig(&f, &g, font, dir);
		fig_free(&f);
	}

	for (size_t i = 0; i < g.ns; i++)
		free(g.own[i]);
	spr_font_free(font);
	return bad;
}
