/* SPDX-License-Identifier: MIT */
/*
 * The panel of a comparison: a title line; expected | actual | diff side by
 * side with the differences marked in the margins and boxed in the diff;
 * below them the densest window of differences enlarged, so one differing
 * pixel shows; a legend. After a size mismatch: expected | actual only.
 */
#include "diff/canvas.h"

#include <stdio.h>

#define GAP        12  /* between views, and round the panel */
#define ZOOM_SIDE  32  /* pixels of the enlarged region per side, at most */
#define ZOOM_SCALE 8   /* each enlarged pixel is ZOOM_SCALE squared */
#define MIN_WIDTH  620 /* room for the title and the legend */

/* Where everything goes; computed before anything is drawn. */
typedef struct panel_layout {
	int ew, eh, aw, ah; /* the expected and actual images */
	int mismatch;       /* the sizes differ: expected | actual only */
	int zoom;           /* there are differences to enlarge */
	int zx, zy, zw, zh; /* the enlarged region of the images */
	int w, h;           /* the panel */
} panel_layout;

static const char *const view_names[3] = {"expected", "actual", "diff"};

/* ZOOM_SIDE pixels a side around the densest window, inside the image. */
static void zoom_region(const shmplot_diff *d, panel_layout *L)
{
	const shmplot_diff_result *r = &d->res;
	int ww = r->window < L->ew ? r->window : L->ew;
	int wh = r->window < L->eh ? r->window : L->eh;

	L->zw = L->ew < ZOOM_SIDE ? L->ew : ZOOM_SIDE;
	L->zh = L->eh < ZOOM_SIDE ? L->eh : ZOOM_SIDE;
	L->zx = r->window_x + ww / 2 - L->zw / 2;
	L->zy = r->window_y + wh / 2 - L->zh / 2;
	L->zx = L->zx < 0 ? 0 : (L->zx + L->zw > L->ew ? L->ew - L->zw : L->zx);
	L->zy = L->zy < 0 ? 0 : (L->zy + L->zh > L->eh ? L->eh - L->zh : L->zy);
}

/*
 * Sides are at most SPD_MAX_SIDE_LIMIT (checked in shmplot_diff_new()), so
 * none of these sums overflow an int; spd_canvas_new() rejects what cairo
 * cannot draw.
 */
static void layout(const shmplot_diff *d, panel_layout *L)
{
	const shmplot_diff_result *r = &d->res;

	memset(L, 0, sizeof *L);
	L->ew = d->exp.width;
	L->eh = d->exp.height;
	L->aw = d->act.width;
	L->ah = d->act.height;
	L->mismatch = r->verdict == SHMPLOT_DIFF_SIZE_MISMATCH;
	L->zoom = !L->mismatch && r->diff_pixels > 0;
	if (L->zoom)
		zoom_region(d, L);
	if (L->mismatch) {
		L->w = GAP + L->ew + GAP + L->aw + GAP;
		L->h = GAP + 2 * SPD_LABEL_H + (L->eh > L->ah ? L->eh : L->ah) +
		       GAP;
	} else {
		L->w = GAP + 3 * (L->ew + GAP);
		L->h = GAP + 2 * SPD_LABEL_H + L->eh + GAP;
		if (L->zoom) {
			int zw = GAP + 3 * (L->zw * ZOOM_SCALE + GAP);
			L->w = L->w > zw ? L->w : zw;
			L->h += 2 * SPD_LABEL_H + L->zh * ZOOM_SCALE + GAP;
		}
		L->h += SPD_LABEL_H; /* legend */
	}
	if (L->w < MIN_WIDTH)
		L->w = MIN_WIDTH;
}

/* The first line: the verdict and the counts. */
static void draw_title(spd_canvas *c, const shmplot_diff *d,
		       const panel_layout *L, int y)
{
	const shmplot_diff_result *r = &d->res;
	char label[160];

	if (L->mismatch)
		snprintf(label, sizeof label,
			 "size mismatch: expected %dx%d, actual %dx%d", L->ew,
			 L->eh, L->aw, L->ah);
	else if (r->diff_pixels == 0)
		snprintf(label, sizeof label, "identical %dx%d", L->ew, L->eh);
	else
		snprintf(label, sizeof label,
			 "%s %dx%d: %llu px differ, %llu aa, max delta %u",
			 shmplot_diff_verdict_str(r->verdict), L->ew, L->eh,
			 (unsigned long long)r->diff_pixels,
			 (unsigned long long)r->aa_pixels, r->max_delta);
	spd_text(c, GAP, y, label,
		 r->verdict == SHMPLOT_DIFF_DIFFERENT || L->mismatch
		     ? spd_col_more
		     : spd_col_text);
}

/* After a size mismatch: expected | actual, each at its own size. */
static void draw_mismatch(spd_canvas *c, const shmplot_diff *d,
			  const panel_layout *L, int y)
{
	int ax = GAP + L->ew + GAP;

	spd_text_clip(c, GAP, y, GAP + L->ew, "expected", spd_col_text);
	spd_text_clip(c, ax, y, ax + L->aw, "actual", spd_col_text);
	y += SPD_LABEL_H;
	spd_outline(c, GAP, y, L->ew, L->eh, 1, spd_col_frame);
	spd_blit(c, d, SPD_VIEW_EXPECTED, 0, 0, L->ew, L->eh, GAP, y, 1);
	spd_outline(c, ax, y, L->aw, L->ah, 1, spd_col_frame);
	spd_blit(c, d, SPD_VIEW_ACTUAL, 0, 0, L->aw, L->ah, ax, y, 1);
}

/*
 * Marks the differences' bounding box beside the pane at (px, py) of
 * pw x ph, in the gutter, as rulers.
 */
static void rulers(spd_canvas *c, int px, int py, int pw, int ph,
		   const shmplot_diff_result *r)
{
	/* Never thinner than 3 pixels, so one pixel's ruler shows. */
	int bw = r->bbox_w < 3 ? 3 : r->bbox_w;
	int bh = r->bbox_h < 3 ? 3 : r->bbox_h;
	int bx = px + r->bbox_x - (bw - r->bbox_w) / 2;
	int by = py + r->bbox_y - (bh - r->bbox_h) / 2;

	spd_fill(c, bx, py - 5, bw, 3, spd_col_more);
	spd_fill(c, bx, py + ph + 2, bw, 3, spd_col_more);
	spd_fill(c, px - 5, by, 3, bh, spd_col_more);
	spd_fill(c, px + pw + 2, by, 3, bh, spd_col_more);
}

/* The three views at full size; returns the y below them. */
static int draw_views(spd_canvas *c, const shmplot_diff *d,
		      const panel_layout *L, int y)
{
	const shmplot_diff_result *r = &d->res;
	int py = y + SPD_LABEL_H;

	for (int i = 0; i < 3; i++) {
		int x = GAP + i * (L->ew + GAP);
		spd_text_clip(c, x, y, x + L->ew, view_names[i], spd_col_text);
		spd_outline(c, x, py, L->ew, L->eh, 1, spd_col_frame);
		spd_blit(c, d, (enum spd_view)i, 0, 0, L->ew, L->eh, x, py, 1);
		if (r->diff_pixels == 0)
			continue;
		rulers(c, x, py, L->ew, L->eh, r);
		if (i == SPD_VIEW_DIFF)
			spd_outline(c, x + r->bbox_x - 2, py + r->bbox_y - 2,
				    r->bbox_w + 4, r->bbox_h + 4, 1,
				    spd_col_box);
	}
	return py + L->eh + GAP;
}

/* The three views of the zoom region enlarged; returns the y below. */
static int draw_zoom(spd_canvas *c, const shmplot_diff *d,
		     const panel_layout *L, int y)
{
	int side_w = L->zw * ZOOM_SCALE, side_h = L->zh * ZOOM_SCALE;
	char label[160];

	snprintf(label, sizeof label,
		 "densest differences: %dx%d at %d,%d, enlarged %dx", L->zw,
		 L->zh, L->zx, L->zy, ZOOM_SCALE);
	spd_text(c, GAP, y, label, spd_col_text);
	y += SPD_LABEL_H;
	for (int i = 0; i < 3; i++) {
		int x = GAP + i * (side_w + GAP);
		spd_text_clip(c, x, y, x + side_w, view_names[i], spd_col_text);
		spd_outline(c, x, y + SPD_LABEL_H, side_w, side_h, 1,
			    spd_col_frame);
		spd_blit(c, d, (enum spd_view)i, L->zx, L->zy, L->zw, L->zh, x,
			 y + SPD_LABEL_H, ZOOM_SCALE);
	}
	return y + SPD_LABEL_H + side_h + GAP;
}

/* What the diff view's colours mean. */
static void draw_legend(spd_canvas *c, int y)
{
	static const struct {
		const unsigned char *col;
		const char *name;
	} keys[3] = {{spd_col_more, "more ink"},
		     {spd_col_less, "less ink"},
		     {spd_col_aa, "anti-aliasing"}};
	int x = GAP;

	for (int i = 0; i < 3; i++) {
		spd_fill(c, x, y, 14, 14, keys[i].col);
		x = spd_text(c, x + 20, y, keys[i].name, spd_col_text) + 16;
	}
}

shmplot_status shmplot_diff_panel_png(shmplot_diff *d, unsigned char **png,
				      size_t *len)
{
	panel_layout L;
	spd_canvas c;
	shmplot_status st;
	int y = GAP;

	*png = NULL;
	*len = 0;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	if (!d->have_result)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				"no comparison yet");
	layout(d, &L);
	st = spd_canvas_new(&c, L.w, L.h, spd_col_bg, d->errmsg,
			    sizeof d->errmsg);
	if (st != SHMPLOT_OK)
		return st;
	draw_title(&c, d, &L, y);
	y += SPD_LABEL_H;
	if (L.mismatch) {
		draw_mismatch(&c, d, &L, y);
	} else {
		y = draw_views(&c, d, &L, y);
		if (L.zoom)
			y = draw_zoom(&c, d, &L, y);
		draw_legend(&c, y);
	}
	return spd_canvas_encode(&c, png, len, d->errmsg, sizeof d->errmsg);
}
