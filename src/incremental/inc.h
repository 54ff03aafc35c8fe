// SPDX-License-Identifier: MIT
/*
 * Private to src/incremental: keys for incremental batches (issue 22),
 * the last library stage (it reads figures, the segment, the renderer's
 * font and the batch description's encoder). hash.c is the 128-bit hash,
 * build_id.c names the code that renders, key.c is
 * shmplot_figure_keys().
 */
#ifndef SHMPLOT_INC_H
#define SHMPLOT_INC_H

#include "core/core.h"

/* A streaming hash (hash.c): init, update any number of times, final. */
typedef struct sp_hash {
	uint64_t acc[8];
	unsigned stripes; /* taken since the last scramble */
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
} sp_hash;

void sp_hash_init(sp_hash *h);
void sp_hash_update(sp_hash *h, const void *data, size_t len);
/* The 16 bytes of everything given so far; h may go on being updated. */
void sp_hash_final(const sp_hash *h, unsigned char out[16]);
void sp_hash_bytes(const void *data, size_t len, unsigned char out[16]);

/* The buffer size sp_hash_fd() is given by its callers: files are
 * streamed through the hash, never read into memory of their own (a
 * fresh mapping costs a page fault a page). */
#define SP_HASH_FILE_CHUNK ((size_t)256 << 10)
/* Everything left to read at fd into h, through buf (len bytes); *total
 * the bytes read. 0, or the read's errno. */
int sp_hash_fd(sp_hash *h, int fd, unsigned char *buf, size_t len,
	       uint64_t *total);

/*
 * The code that shapes an output's bytes, each object as fn(ctx, what,
 * id, len): "shmplot" (the object this code is linked into: libshmplot.so,
 * or the program linking libshmplot.a), "shmplot-worker" (the worker
 * executable a spawned worker runs, when there is one), then each shared
 * library among cairo, pixman, FreeType, libpng, zlib, libdeflate, libm,
 * libmvec and libc that is loaded, named by the start of its file name
 * ("libfreetype.so."), in that order. id is the object's GNU build ID
 * (len bytes), or for one without, its file's size and mtime: any
 * rebuild or library update gives another. (build_id.c)
 */
typedef void (*sp_code_id_fn)(void *ctx, const char *what,
			      const unsigned char *id, size_t len);
void sp_code_ids(sp_code_id_fn fn, void *ctx);

/*
 * shmplot_figure_keys() with each series reference keyed by series(ctx,
 * id, out) (key.c): the value keys of a sealed segment, or definition
 * keys (defkey.c); r not NULL.
 */
#include "worker/worker.h"
shmplot_status sp_keys_by(shmplot_renderer *r, sp_series_key_fn series,
			  void *ctx, shmplot_figure *const *figs, size_t nfig,
			  const shmplot_render_opts *opts,
			  shmplot_format format, shmplot_key *keys);

#endif /* SHMPLOT_INC_H */
