/* SPDX-License-Identifier: MIT */
/*
 * The font a batch names (sp_font_load, worker.h): the regular file read
 * whole into populated memory, and the family's oblique and bold faces
 * beside it when they are there. Split from blob.c, which reads and writes
 * the batch description that carries the path.
 */
#include "worker/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void release_font_file(void *ctx)
{
	sp_file_free(ctx);
	free(ctx);
}

/*
 * The family's oblique and bold faces beside the regular file, named as
 * DejaVu names them (DejaVuSans.ttf: DejaVuSans-Oblique.ttf,
 * DejaVuSans-Bold.ttf, DejaVuSans-BoldOblique.ttf), for mathtext's letters
 * and \mathbf. A face that is not there is left out: text falls back to
 * the regular face.
 */
static int face_path(const char *path, int i, char *p, size_t len)
{
	static const char *const suffix[SPR_FACES] = {"-Oblique", "-Bold",
						      "-BoldOblique"};
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash) || strlen(path) > 4000)
		return 0;
	snprintf(p, len, "%.*s%s%s", (int)(dot - path), path, suffix[i], dot);
	return 1;
}

static void load_faces(const char *path, spr_font *font)
{
	for (int i = 0; i < SPR_FACES; i++) {
		char p[4096 + 16], why[SP_ERRLEN];
		sp_file *f;
		spr_font *face;

		if (!face_path(path, i, p, sizeof p))
			return;
		if (access(p, R_OK) != 0 || !(f = calloc(1, sizeof *f)))
			continue;
		if (sp_file_read(p, SPR_MAX_FONT_BYTES, f, why, sizeof why)) {
			free(f);
			continue;
		}
		if (spr_font_new(f->data, f->len, p, release_font_file, f,
				 &face, why, sizeof why) != 0) {
			release_font_file(f);
			continue;
		}
		spr_font_set_face(font, i, face);
	}
}

/*
 * The fallback font files, for glyphs the font lacks (CJK): the paths in
 * $SHMPLOT_FONT_FALLBACK (colon-separated; empty for none), else the
 * build's list (SHMPLOT_FALLBACK_FONTS: Debian's WenQuanYi Micro Hei, Noto
 * Sans CJK, Droid Sans Fallback). Found by path, never through
 * fontconfig, and read only when a glyph is missing (fallback_open). The
 * list is the process's: every font of it loads the same files.
 */
typedef struct fallback_paths {
	char buf[4096];
	const char *path[SPR_MAX_FALLBACKS];
	size_t n;
} fallback_paths;
static fallback_paths fallbacks;

static void fallback_parse(fallback_paths *l)
{
	const char *env = getenv("SHMPLOT_FONT_FALLBACK");
	char *p = l->buf;

	snprintf(l->buf, sizeof l->buf, "%s",
		 env ? env : SHMPLOT_FALLBACK_FONTS);
	l->n = 0;
	while (*p && l->n < SPR_MAX_FALLBACKS) {
		char *colon = strchr(p, ':');
		if (colon)
			*colon = '\0';
		if (*p)
			l->path[l->n++] = p;
		if (!colon)
			break;
		p = colon + 1;
	}
}

static void fallback_list(void)
{
	fallback_parse(&fallbacks);
}

/* spr_font_loader: fallback font i, read whole as the font is; NULL when
 * it is not there or not a font (its glyphs come from the next one). */
static spr_font *fallback_open(void *ctx, size_t i)
{
	char why[SP_ERRLEN];
	spr_font *font;
	sp_file *f;

	(void)ctx;
	if (i >= fallbacks.n || access(fallbacks.path[i], R_OK) != 0 ||
	    !(f = calloc(1, sizeof *f)))
		return NULL;
	if (sp_file_read(fallbacks.path[i], SPR_MAX_FONT_BYTES, f, why,
			 sizeof why)) {
		free(f);
		return NULL;
	}
	if (spr_font_new(f->data, f->len, fallbacks.path[i], release_font_file,
			 f, &font, why, sizeof why) != 0) {
		release_font_file(f);
		return NULL;
	}
	return font;
}

shmplot_status sp_font_load(const char *path, spr_font **out, char *err,
			    size_t errlen)
{
	char why[SP_ERRLEN];
	*out = NULL;
	sp_file *f = calloc(1, sizeof *f);
	if (!f)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory loading font %s", path);
	/* populated anonymous memory: one call, no fault a page, and no
	 * SIGBUS should the file be truncated later */
	if (sp_file_read(path, SPR_MAX_FONT_BYTES, f, why, sizeof why)) {
		free(f);
		return sp_error(err, errlen, SHMPLOT_E_FONT,
				"cannot open font %s: %s", path, why);
	}
	if (spr_font_new(f->data, f->len, path, release_font_file, f, out, why,
			 sizeof why) != 0) {
		release_font_file(f);
		return sp_error(err, errlen, SHMPLOT_E_FONT, "%s", why);
	}
	load_faces(path, *out);
	fallback_list();
	spr_font_set_fallback(*out, fallbacks.n, fallback_open, NULL);
	return SHMPLOT_OK;
}

void sp_font_files(const char *path, void (*fn)(void *ctx, const char *file),
		   void *ctx)
{
	char p[4096 + 16];

	fn(ctx, path);
	for (int i = 0; i < SPR_FACES && face_path(path, i, p, sizeof p); i++)
		if (access(p, R_OK) == 0)
			fn(ctx, p);
	/* a list of its own: fonts of other threads read the process's */
	fallback_paths *l = malloc(sizeof *l);
	if (!l) {
		fn(ctx, NULL);
		return;
	}
	fallback_parse(l);
	for (size_t i = 0; i < l->n; i++)
		fn(ctx, l->path[i]);
	free(l);
}
