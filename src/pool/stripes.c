/* SPDX-License-Identifier: MIT */
/*
 * The plan of a batch and the sharing of its tail.
 *
 * Figures are handed out most expensive first, so a big figure does not
 * start last and leave the other workers idle. Once fewer figures are
 * left to start than there are workers, the figure being started is
 * shared if it is worth drawing twice (joinable()): it is handed out
 * stripe by stripe (sp_job.part, a stripe of its PNG, sp_png_stripes()),
 * so workers that would otherwise sit idle draw it too and deflate some
 * of its stripes. Stripes go out one at a time, as workers ask, so a
 * worker that joins late costs nobody any waiting; the parent assembles
 * the PNG, whose bytes are the same however it was shared. With pixels
 * asked for, each stripe's worker also writes that stripe's rows of them
 * into the batch's pixel buffer (pixbuf.c). A figure not worth drawing
 * twice but of few points (the seed's 1200 x 300 ones) is split instead:
 * its holder and one joiner each draw half of its rows (splittable());
 * any other goes out whole.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <stdlib.h>
#include <string.h>

/*
 * Joining a shared figure means drawing it again, which pays only while
 * drawing is cheap next to deflating the stripes left. Drawing grows with
 * the points (one M4 pass over them): for the seed job's last figure the
 * two came out even at 1e6 points, and at 1e7 joining cost time (memory
 * bandwidth shared with the worker drawing it). Deflating grows with the
 * pixels, and since the plot deflate (png/deflate_plot.c) the seed's
 * 1200 x 300 figures deflate in a fraction of their drawing, so joining
 * one only drew it twice: 100 warm seed batches (i19loop's join.py, load
 * 5-7) took 8.00 ms a batch with joins against 6.19 without, a single
 * such figure 6.61 (4.38) against 4.57 (2.66) ms, and the workers' CPU a
 * batch 5.00 against 4.35 ms. At 2400 x 600 joining still came out even
 * or ahead (one figure 9.38 against 9.79 ms, three 74.9 against 84.2), so
 * figures from JOIN_MIN_PIXELS up are joined as before.
 */
#define JOIN_MAX_POINTS 1000000u
#define JOIN_MIN_PIXELS ((uint64_t)1 << 20)

/* Predicate: figure fig (w x h pixels) is worth drawing twice. */
static int joinable(const uint64_t *cost, size_t fig, int w, int h)
{
	uint64_t min = JOIN_MIN_PIXELS;
#ifdef SHMPLOT_TEST_HOOKS
	/* The pool's tests join their small figures as before. */
	const char *t = getenv("SHMPLOT_TEST_JOIN_MIN_PIXELS");
	if (t && *t)
		min = strtoull(t, NULL, 10);
#endif
	return cost[fig] <= JOIN_MAX_POINTS &&
	       (uint64_t)(w > 0 ? w : 0) * (uint64_t)(h > 0 ? h : 0) >= min;
}

/*
 * A figure too small to join is split instead when it is the tail: its
 * holder draws only the rows of the first half of its stripes (and
 * deflates them), a joiner only those of the second half (and the row
 * above them, which their PNG filter reads), so neither draws it whole.
 * Cairo rasterises row by row, so each row comes out as in the whole
 * figure and the PNG is the same bytes. Drawing half the rows costs ~60%
 * of the whole (render_bench with a clip: the seed's figure2 0.41 + 0.38
 * against 0.67 ms); what does not shrink is the pass over the points and
 * the layout, so a figure of many points is not split.
 */
#define SPLIT_MAX_POINTS 100000u

/* Predicate: figure fig, with k stripes, is worth splitting in two. */
static int splittable(const uint64_t *cost, size_t fig, int k)
{
	return k >= 2 && cost[fig] <= SPLIT_MAX_POINTS;
}

/* ---- the plan ---- */

/*
 * Each figure's expected cost: the points its items draw. Returns NULL
 * only when out of memory.
 */
static uint64_t *figure_costs(const sp_batch *b)
{
	uint64_t *cost = sp_malloc_ab(b->nfig ? b->nfig : 1, sizeof *cost);
	for (size_t f = 0; cost && f < b->nfig; f++)
		cost[f] = spr_figure_points(b->figs[f], b->series, b->nseries);
	return cost;
}

/* Figure indices by cost, highest first; equal costs in batch order. */
static int by_cost_desc(const void *pa, const void *pb, void *costs)
{
	const uint64_t *cost = costs;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	if (cost[a] != cost[b])
		return cost[a] < cost[b] ? 1 : -1;
	return (a > b) - (a < b); /* stable: batch order */
}

/*
 * The most expensive figures go first (longest-processing-time order):
 * with the seed's three figures on two workers this takes the slowest
 * worker from figure1 + figure3 down to figure3 alone. Figures of equal
 * cost keep their batch order. Sorted in place, by index into cost: a
 * (cost, index) copy and qsort's buffer for it were 32 bytes a figure at
 * the batch's peak (issue 21). Returns NULL only when out of memory.
 */
static uint32_t *dispatch_order(const sp_batch *b, const uint64_t *cost)
{
	uint32_t *order = sp_malloc_ab(b->nfig ? b->nfig : 1, sizeof *order);
	if (!order)
		return NULL;
	for (size_t i = 0; i < b->nfig; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, b->nfig, sizeof *order, by_cost_desc, (void *)cost);
	return order;
}

/*
 * PNG stripes of figure fig, and its pixel size; 1 if it cannot be cut (a
 * figure with a clear background is an RGBA PNG, encoded whole).
 */
static int stripes_of(const sp_batch *b, size_t fig, int *w, int *h)
{
	spr_figure_pixel_size(b->figs[fig], w, h);
	if (!spr_figure_opaque(b->figs[fig]))
		return 1;
	return *w > 0 && *h > 0 ? sp_png_stripes(*w, *h) : 1;
}

/*
 * Workers worth starting, at most jobs: one a figure, and for a batch of
 * fewer figures than that, one a stripe of the figures that can be shared
 * and joined (a single seed figure gets two workers at -j2).
 */
static int useful_workers(const sp_batch *b, const uint64_t *cost, int jobs)
{
	size_t n = 0;
	for (size_t i = 0; i < b->nfig && n < (size_t)jobs; i++) {
		int w, h,
		    k = sp_formats(b) != SHMPLOT_FORMAT_PNG
			    ? 1
			    : stripes_of(b, i, &w, &h);
		n += k > 1 && joinable(cost, i, w, h) ? (size_t)k : 1;
	}
	return n == 0 ? 1 : n < (size_t)jobs ? (int)n : jobs;
}

shmplot_status sp_plan(sp_pool *p, int jobs)
{
	const sp_batch *b = p->batch;
	p->cost = figure_costs(b);
	p->nw = p->cost ? useful_workers(b, p->cost, jobs < 1 ? 1 : jobs) : 1;
	p->sh = calloc((size_t)p->nw, sizeof *p->sh);
	p->order = p->cost ? dispatch_order(b, p->cost) : NULL;
	if (!p->cost || !p->sh || !p->order)
		return sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	return SHMPLOT_OK;
}

static void drop_parts(sp_shared *sh)
{
	if (sh->parts)
		for (int i = 0; i < sh->k; i++)
			sp_png_part_free(&sh->parts[i]);
	free(sh->parts);
	sh->parts = NULL;
}

void sp_plan_free(sp_pool *p)
{
	for (int i = 0; p->sh && i < p->nw; i++)
		drop_parts(&p->sh[i]);
	free(p->sh);
	free(p->cost);
	free(p->order);
	p->sh = NULL;
	p->cost = NULL;
	p->order = NULL;
}

/* ---- handing out ---- */

/* The entry of figure fig if it is shared out, else NULL. */
static sp_shared *shared(const sp_pool *p, size_t fig)
{
	for (int i = 0; i < p->nw; i++)
		if (p->sh[i].k && p->sh[i].fig == fig)
			return &p->sh[i];
	return NULL;
}

int sp_settle(sp_pool *p, size_t fig)
{
	sp_shared *sh = shared(p, fig);
	if (!sh)
		return 1;
	if (sh->settled)
		return 0;
	sh->settled = 1;
	drop_parts(sh);
	return 1;
}

/*
 * Rows a worker draws for stripes [s0, s1) of sh: theirs and the one
 * above the first (its PNG filter reads it).
 */
static void rows_for(const sp_shared *sh, int s0, int s1, sp_job *job)
{
	int y0, y1, e0, e1;
	sp_png_stripe_rows(sh->w, sh->h, s0, &y0, &y1);
	sp_png_stripe_rows(sh->w, sh->h, s1 - 1, &e0, &e1);
	job->row0 = y0 > 0 ? y0 - 1 : 0;
	job->row1 = e1;
}

/* The next stripe of sh's second half, drawn from its rows. */
static void second_half(sp_shared *sh, sp_job *job)
{
	rows_for(sh, sh->cut, sh->k, job);
	job->part = sh->next2++;
}

/*
 * Called as figure fig is started: shares it out if fewer figures are
 * left to start than there are workers, so some would otherwise idle:
 * joined if it is worth drawing twice, else split if it is worth
 * splitting. Predicate: 1 if it is shared.
 */
static int share(sp_pool *p, uint32_t fig)
{
	if (sp_formats(p->batch) != SHMPLOT_FORMAT_PNG ||
	    p->batch->nfig - p->next + 1 >= (size_t)p->nw)
		return 0;
	int w, h, k = stripes_of(p->batch, fig, &w, &h);
	int join = k >= 2 && joinable(p->cost, fig, w, h);
	/* Otherwise it goes out whole: its holder taking the stripes one by
	 * one costs a round trip to the parent each for the same bytes. */
	if (!join && !splittable(p->cost, fig, k))
		return 0;
	sp_shared *sh = NULL;
	for (int i = 0; !sh && i < p->nw; i++)
		if (!p->sh[i].k)
			sh = &p->sh[i];
	if (!sh || !(sh->parts = calloc((size_t)k, sizeof *sh->parts)))
		return 0; /* then one worker does it all */
	sh->fig = fig;
	sh->k = k;
	sh->w = w;
	sh->h = h;
	/* the holder starts first: the larger half is its */
	sh->cut = join ? 0 : (k + 1) / 2;
	sh->next2 = sh->cut;
	return 1;
}

/* The stripes of sh a worker joining now could take; 0: none to join. */
static int joinable_left(const sp_shared *sh)
{
	if (!sh || sh->settled)
		return 0;
	if (sh->cut)
		return sh->next2 == sh->cut ? sh->k - sh->cut : 0;
	/* whoever holds it takes the next stripe, so one more must be
	 * left for the joiner */
	return sh->k - sh->next > 1 ? sh->k - sh->next : 0;
}

/*
 * The joiner of a joined figure draws it too and then takes stripes as it
 * asks for them; that of a split one takes its second half.
 */
long sp_to_join(const sp_pool *p)
{
	long best = -1;
	int most = 0;
	for (int i = 0; i < p->nw; i++) {
		long fig = p->w[i].held;
		int n = fig >= 0 ? joinable_left(shared(p, (size_t)fig)) : 0;
		if (n > most) {
			most = n;
			best = fig;
		}
	}
	return best;
}

/* Stripe part of a split figure, from the rows w's drawing of it holds. */
static void held_rows(const sp_slot *w, int part, sp_job *job)
{
	job->part = part;
	job->row0 = w->row0;
	job->row1 = w->row1;
}

/*
 * More of the shared figure w keeps a drawing of, into *job: 0 if there
 * is none for it.
 */
static int more_of_held(sp_shared *sh, const sp_slot *w, sp_job *job)
{
	if (!sh || sh->settled)
		return 0;
	if (!sh->cut) {
		if (sh->next >= sh->k)
			return 0;
		job->part = sh->next++;
		return 1;
	}
	if (w->row1 < sh->h) { /* it drew the first half */
		if (sh->next < sh->cut) {
			held_rows(w, sh->next++, job);
			return 1;
		}
		if (sh->next2 > sh->cut)
			return 0;     /* a joiner has the rest */
		second_half(sh, job); /* nobody came: it draws the rest */
		return 1;
	}
	if (sh->next2 >= sh->k)
		return 0;
	held_rows(w, sh->next2++, job);
	return 1;
}

int sp_pick(sp_pool *p, const sp_slot *w, sp_job *job)
{
	job->row0 = job->row1 = 0;
	if (w->held >= 0 && more_of_held(shared(p, (size_t)w->held), w, job)) {
		job->fig = (uint32_t)w->held;
		return 1;
	}
	if (p->next < p->batch->nfig) {
		uint32_t fig = p->order[p->next++];
		sp_shared *sh = share(p, fig) ? shared(p, fig) : NULL;
		job->fig = fig;
		job->part = sh ? sh->next++ : SP_PART_WHOLE;
		if (sh && sh->cut)
			rows_for(sh, 0, sh->cut, job);
		return 1;
	}
	long fig = sp_to_join(p);
	if (fig < 0)
		return 0;
	sp_shared *sh = shared(p, (size_t)fig);
	job->fig = (uint32_t)fig;
	if (sh->cut)
		second_half(sh, job);
	else
		job->part = SP_PART_DRAW;
	return 1;
}

/* ---- collecting ---- */

shmplot_status sp_stripe_file(sp_pool *p, sp_slot *w, size_t fig, int *last,
			      char *err, size_t errlen)
{
	sp_shared *sh = shared(p, fig);
	int32_t part = w->part;
	*last = 0;
	if (!sh)
		return sp_error(err, errlen, SHMPLOT_E_FIGURES,
				"a worker answered for a stripe not asked of "
				"it");
	if (sh->settled)
		return SHMPLOT_OK;
	if (w->hdr.width != sh->w || w->hdr.height != sh->h)
		return sp_error(err, errlen, SHMPLOT_E_FIGURES,
				"a worker drew it at a different size");
	if (part < 0 || part >= sh->k || sh->parts[part].z)
		return sp_error(err, errlen, SHMPLOT_E_FIGURES,
				"a worker answered for a stripe not asked of "
				"it");
	sh->parts[part].z = w->png;
	sh->parts[part].len = (size_t)w->hdr.png_len;
	sh->parts[part].adler = w->hdr.adler;
	w->png = NULL;
	*last = ++sh->got == sh->k;
	return SHMPLOT_OK;
}

shmplot_status sp_stripes_assemble(sp_pool *p, size_t fig, char *err,
				   size_t errlen)
{
	const sp_shared *sh = shared(p, fig);
	sp_result *r = &p->res->r[fig];
	shmplot_status st = sp_png_assemble(
	    sh->w, sh->h, p->batch->figs[fig]->dpi, p->batch->png_level,
	    sh->parts, &r->png, &r->png_len, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	r->width = sh->w;
	r->height = sh->h;
	/* every stripe's worker wrote its rows of the pixels too */
	r->pix = sp_pixbuf_figure(p, fig);
	return SHMPLOT_OK;
}
