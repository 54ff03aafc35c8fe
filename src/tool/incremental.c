// SPDX-License-Identifier: MIT
/*
 * `shmplot render --incremental`: render only the figures whose files are
 * not already right, as make skips up-to-date targets. A figure is
 * skipped when, for each format asked for, its file is in the manifest
 * (manifest.c) with the figure's key of this run and the file still is
 * what was written: the same inode, size, mtime and ctime as when its
 * bytes were read back and hashed after writing (a stat, no read), or
 * else the same size and bytes' hash (read back, e.g. after the directory
 * was copied). So a deleted, truncated or hand-edited file renders again,
 * and so does every figure when the manifest is missing or unreadable.
 * The key is shmplot_spec_figure_keys() of the spec loaded with
 * defer_fill (its description, its series by definition, fonts,
 * renderer): no series is computed to make it, and render_cmd.c then
 * fills only the series of the figures left to render.
 * The manifest is read and its files stat'ed on a thread of their own
 * while the spec loads (cli_inc_start), so an unchanged run costs little
 * more than the load.
 * Runs without --incremental never come here and pay for none of it.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	shmplot_format f;
	const char *ext;
} fmts[] = {{SHMPLOT_FORMAT_PNG, "png"},
	    {SHMPLOT_FORMAT_PDF, "pdf"},
	    {SHMPLOT_FORMAT_SVG, "svg"}};
#define NFMT 3

struct cli_inc {
	cli_manifest old, now; /* as found; as this run leaves it */
	shmplot_key *keys;     /* [figure to render][format asked for] */
	int nf;                /* formats asked for */
	unsigned formats;
	unsigned shard_k, shard_n;
	size_t nskip;
	size_t *skip_index, *skip_bytes;
	const char **skip_name;
	unsigned char *buf; /* a file read back, reused */
	size_t cap;
	int dirfd; /* the output directory, or -1 */
	const char *out;
	int quiet;
	int parts;   /* cli_manifest_read()'s result */
	char *notes; /* its notes, printed once the spec is loaded */
	size_t notes_len;
	pthread_t pre; /* reading the manifest and stat'ing its files */
	int pre_running;
};

size_t cli_inc_skipped(const cli_inc *inc)
{
	return inc ? inc->nskip : 0;
}

size_t cli_inc_skipped_index(const cli_inc *inc, size_t k)
{
	return inc->skip_index[k];
}

const char *cli_inc_skipped_name(const cli_inc *inc, size_t k)
{
	return inc->skip_name[k];
}

size_t cli_inc_skipped_bytes(const cli_inc *inc, size_t k)
{
	return inc->skip_bytes[k];
}

static void join(cli_inc *inc)
{
	if (inc->pre_running)
		pthread_join(inc->pre, NULL);
	inc->pre_running = 0;
}

void cli_inc_free(cli_inc *inc)
{
	if (!inc)
		return;
	join(inc);
	cli_manifest_free(&inc->old);
	cli_manifest_free(&inc->now);
	free(inc->keys);
	free(inc->skip_index);
	free(inc->skip_bytes);
	free(inc->skip_name);
	free(inc->buf);
	free(inc->notes);
	if (inc->dirfd >= 0)
		close(inc->dirfd);
	free(inc);
}

static cli_file_stat stat_of(const struct stat *st)
{
	cli_file_stat f = {
	    .ino = (uint64_t)st->st_ino,
	    .mtime_ns = (uint64_t)st->st_mtim.tv_sec * 1000000000u +
			(uint64_t)st->st_mtim.tv_nsec,
	    .ctime_ns = (uint64_t)st->st_ctim.tv_sec * 1000000000u +
			(uint64_t)st->st_ctim.tv_nsec};
	return f;
}

/*
 * 1 if the regular file inc->dirfd/name has size bytes hashing to sum
 * (*fs then its identity as read), else 0. Reads it into inc->buf.
 */
static int holds(cli_inc *inc, const char *name, uint64_t size,
		 const shmplot_key *sum, cli_file_stat *fs)
{
	struct stat st;
	shmplot_key got;
	int fd = openat(inc->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int ok = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != size || size > SIZE_MAX / 2)
		goto out;
	if (size > inc->cap) {
		unsigned char *p = realloc(inc->buf, (size_t)size);
		if (!p)
			goto out;
		inc->buf = p;
		inc->cap = (size_t)size;
	}
	size_t got_n = 0;
	while (got_n < size) {
		ssize_t r = read(fd, inc->buf + got_n, (size_t)size - got_n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			goto out;
		got_n += (size_t)r;
	}
	shmplot_key_of_bytes(inc->buf, (size_t)size, &got);
	ok = memcmp(got.bytes, sum->bytes, sizeof got.bytes) == 0;
	*fs = stat_of(&st);
out:
	close(fd);
	return ok;
}

/*
 * 1 if the file name still is what entry e records: the same inode,
 * size, mtime and ctime as when its bytes were checked (any write, rename
 * over it, touch or chmod changes ctime or the inode), so it is not read;
 * else its bytes hash to e's (a copied directory: new inodes, same
 * bytes), *fs then its identity now. 0 if not.
 */
static int still(cli_inc *inc, const char *name, const cli_manifest_entry *e,
		 cli_file_stat *fs)
{
	struct stat st;

	if (e->fresh) { /* stat'ed while the spec loaded */
		*fs = e->st;
		return 1;
	}
	if (fstatat(inc->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size != e->size)
		return 0;
	*fs = stat_of(&st);
	if (e->st.ctime_ns && fs->ino == e->st.ino &&
	    fs->mtime_ns == e->st.mtime_ns && fs->ctime_ns == e->st.ctime_ns)
		return 1;
	return holds(inc, name, e->size, &e->sum, fs);
}

/*
 * 1 if every file of figure name is up to date (each then added to
 * inc->now and its bytes to *bytes), 0 if not, -1 out of memory.
 */
static int up_to_date(cli_inc *inc, const char *name, const shmplot_key *keys,
		      size_t *bytes)
{
	char file[SHMPLOT_MAX_FIGURE_NAME + sizeof ".png"];
	const cli_manifest_entry *e[NFMT];
	cli_file_stat fs[NFMT];
	int k = 0;

	*bytes = 0;
	for (int j = 0; j < NFMT; j++) {
		if (!(inc->formats & fmts[j].f))
			continue;
		snprintf(file, sizeof file, "%s.%s", name, fmts[j].ext);
		e[k] = cli_manifest_find(&inc->old, file, &keys[k]);
		if (!e[k] || !still(inc, file, e[k], &fs[k]))
			return 0; /* absent, edited, or another run's */
		*bytes += (size_t)e[k]->size;
		k++;
	}
	for (int j = 0; j < k; j++)
		if (cli_manifest_add(&inc->now, e[j]->name, &e[j]->key,
				     &e[j]->sum, e[j]->size, &fs[j]) != 0)
			return -1;
	return 1;
}

/* Keys of every figure in every format asked for, into inc->keys. */
static int make_keys(cli_inc *inc, shmplot_renderer *r, shmplot_spec *spec,
		     shmplot_figure **figs, size_t n)
{
	shmplot_key *one = calloc(n + 1, sizeof *one);
	int k = 0;

	if (!one ||
	    !(inc->keys = calloc(n * (size_t)inc->nf + 1, sizeof *inc->keys))) {
		free(one);
		fprintf(stderr, "shmplot render: out of memory\n");
		return -1;
	}
	for (int j = 0; j < NFMT; j++) {
		if (!(inc->formats & fmts[j].f))
			continue;
		if (shmplot_spec_figure_keys(spec, r, figs, n, NULL, fmts[j].f,
					     one) != SHMPLOT_OK) {
			fprintf(stderr, "shmplot render: --incremental: %s\n",
				shmplot_renderer_errmsg(r));
			free(one);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			inc->keys[i * (size_t)inc->nf + (size_t)k] = one[i];
		k++;
	}
	free(one);
	return 0;
}

/* Takes the up-to-date figures out of figs and index. */
static int filter(cli_inc *inc, shmplot_figure **figs, size_t *index, size_t *n)
{
	size_t kept = 0, nf = (size_t)inc->nf;

	inc->skip_index = calloc(*n + 1, sizeof *inc->skip_index);
	inc->skip_bytes = calloc(*n + 1, sizeof *inc->skip_bytes);
	inc->skip_name = calloc(*n + 1, sizeof *inc->skip_name);
	if (!inc->skip_index || !inc->skip_bytes || !inc->skip_name)
		return -1;
	for (size_t i = 0; i < *n; i++) {
		const char *name = shmplot_figure_name(figs[i]);
		size_t bytes;
		int up = inc->dirfd >= 0
			     ? up_to_date(inc, name, &inc->keys[i * nf], &bytes)
			     : 0;
		if (up < 0)
			return -1;
		if (up) {
			inc->skip_index[inc->nskip] = index[i];
			inc->skip_name[inc->nskip] = name;
			inc->skip_bytes[inc->nskip++] = bytes;
			continue;
		}
		memmove(&inc->keys[kept * nf], &inc->keys[i * nf],
			nf * sizeof *inc->keys);
		figs[kept] = figs[i];
		index[kept++] = index[i];
	}
	*n = kept;
	return 0;
}

/* The thread of cli_inc_start(): the manifest, and a stat of each file
 * it lists (e->fresh when the file still has the identity recorded). */
static void *prefetch(void *arg)
{
	cli_inc *inc = arg;
	struct stat st;

	FILE *notes =
	    inc->quiet ? NULL : open_memstream(&inc->notes, &inc->notes_len);
	inc->parts = cli_manifest_read(&inc->old, inc->out, notes);
	if (notes)
		fclose(notes);
	for (size_t i = 0; inc->parts > 0 && inc->dirfd >= 0 && i < inc->old.n;
	     i++) {
		cli_manifest_entry *e = &inc->old.e[i];
		if (fstatat(inc->dirfd, e->name, &st, AT_SYMLINK_NOFOLLOW) !=
			0 ||
		    !S_ISREG(st.st_mode) || (uint64_t)st.st_size != e->size)
			continue;
		cli_file_stat fs = stat_of(&st);
		e->fresh = e->st.ctime_ns && fs.ino == e->st.ino &&
			   fs.mtime_ns == e->st.mtime_ns &&
			   fs.ctime_ns == e->st.ctime_ns;
	}
	return NULL;
}

cli_inc *cli_inc_start(const char *out, unsigned formats, unsigned shard_k,
		       unsigned shard_n, int quiet)
{
	cli_inc *inc = calloc(1, sizeof *inc);

	if (!inc) {
		fprintf(stderr, "shmplot render: out of memory\n");
		return NULL;
	}
	inc->dirfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	inc->out = out;
	inc->quiet = quiet;
	inc->formats = formats;
	inc->shard_k = shard_k;
	inc->shard_n = shard_n;
	for (int j = 0; j < NFMT; j++)
		inc->nf += (formats & fmts[j].f) != 0;
	/* no thread: the same work, later (cli_inc_plan) */
	inc->parts = -2;
	if (pthread_create(&inc->pre, NULL, prefetch, inc) == 0)
		inc->pre_running = 1;
	return inc;
}

int cli_inc_plan(cli_inc *inc, shmplot_renderer *r, shmplot_spec *spec,
		 shmplot_figure **figs, size_t *index, size_t *n)
{
	if (make_keys(inc, r, spec, figs, *n) != 0)
		return -1;
	join(inc);
	if (inc->parts == -2)
		prefetch(inc);
	if (inc->parts < 0 || filter(inc, figs, index, n) != 0) {
		fprintf(stderr, "shmplot render: out of memory\n");
		return -1;
	}
	return 0;
}

void cli_inc_begin(cli_inc *inc)
{
	if (inc->dirfd < 0) /* created since: written files are checked */
		inc->dirfd = open(inc->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (inc->notes)
		fputs(inc->notes, stderr);
	/* a part that did not check out had its own note */
	if (inc->parts == 0 && inc->old.nparts == 0 && !inc->quiet)
		fprintf(stderr,
			"shmplot render: note: no manifest in %s yet; every "
			"figure renders\n",
			inc->out);
}

void cli_inc_wrote(cli_inc *inc, size_t i, shmplot_format f, const char *file,
		   const void *data, size_t len)
{
	shmplot_key sum;
	int k = 0;

	for (int j = 0; j < NFMT && fmts[j].f != f; j++)
		k += (inc->formats & fmts[j].f) != 0;
	shmplot_key_of_bytes(data, len, &sum);
	/* Its identity now, once its bytes are read back as ours: then no
	 * later run reads it while that identity holds. Not ours (another
	 * run renamed over it meanwhile), or out of memory: no entry, and
	 * it renders next time. */
	cli_file_stat fs;
	if (inc->dirfd >= 0 && holds(inc, file, len, &sum, &fs))
		cli_manifest_add(&inc->now, file,
				 &inc->keys[i * (size_t)inc->nf + (size_t)k],
				 &sum, len, &fs);
}

/*
 * 1 if the part as read holds text already (the same length and hash of
 * all before its "end" line, which text ends with): then a run that
 * changed nothing does not write it again.
 */
static int same_part(const cli_inc *inc, const char *part, const char *text,
		     size_t len)
{
	char hex[33];

	for (size_t i = 0; len > 33 && i < inc->old.nparts; i++)
		if (strcmp(inc->old.parts[i], part) == 0 &&
		    inc->old.part_len[i] == len)
			return memcmp(
				   text + len - 33,
				   shmplot_key_hex(&inc->old.part_sum[i], hex),
				   32) == 0;
	return 0;
}

/*
 * A whole run keeps the entries of the formats it did not make (a --format
 * png run after png,svg ones), so that a later run asking for them again
 * need not render them (each entry is checked against its file before it
 * counts, as always). 0, or -1 out of memory.
 */
static int carry_formats(cli_inc *inc)
{
	for (size_t i = 0; inc->shard_n == 1 && i < inc->old.n; i++) {
		const cli_manifest_entry *e = &inc->old.e[i];
		const char *dot = strrchr(e->name, '.');
		int other = 0;
		for (int j = 0; dot && j < NFMT; j++)
			if (strcmp(dot + 1, fmts[j].ext) == 0)
				other = !(inc->formats & fmts[j].f);
		if (other && !cli_manifest_find(&inc->now, e->name, &e->key) &&
		    cli_manifest_add(&inc->now, e->name, &e->key, &e->sum,
				     e->size, &e->st) != 0)
			return -1;
	}
	return 0;
}

int cli_inc_finish(cli_inc *inc, shmplot_outdir *dir)
{
	char part[64];
	size_t len;
	char *text =
	    carry_formats(inc) == 0 ? cli_manifest_text(&inc->now, &len) : NULL;

	if (!text) {
		fprintf(stderr, "shmplot render: out of memory for the "
				"manifest\n");
		return -1;
	}
	cli_manifest_part_name(part, sizeof part, inc->shard_k, inc->shard_n);
	shmplot_status st = SHMPLOT_OK;
	if (!same_part(inc, part, text, len))
		st = shmplot_outdir_write(dir, part, text, len);
	free(text);
	if (st != SHMPLOT_OK) {
		fprintf(stderr, "shmplot render: %s\n",
			shmplot_outdir_errmsg(dir));
		return -1;
	}
	if (inc->shard_n != 1)
		return 0;
	/* The whole spec's part covers the shards' parts read: drop them,
	 * so stale entries do not pile up. One a shard renames meanwhile
	 * is dropped too, which costs that shard's figures a render. */
	int dirfd =
	    open(shmplot_outdir_path(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t i = 0; dirfd >= 0 && i < inc->old.nparts; i++)
		if (strcmp(inc->old.parts[i], part) != 0)
			unlinkat(dirfd, inc->old.parts[i], 0);
	if (dirfd >= 0)
		close(dirfd);
	return 0;
}
