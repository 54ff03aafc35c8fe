// SPDX-License-Identifier: MIT
/*
 * --incremental's manifest: what each file of an output directory was
 * rendered from (its key) and the bytes it got (their hash and size).
 * One part per shard, DIR/.shmplot-manifest.K-of-N, each written whole
 * through the library's atomic writer (temporary file, fsync, rename): N
 * runs into one directory at once, on one machine or several sharing the
 * file system, never write the same file, so they need no lock (NFS and
 * other shared file systems do not all honour them) and none can undo
 * another's part. A reader takes every part there is; an entry is trusted
 * only if the file still holds the bytes it records (incremental.c), so a
 * part that is stale, from another spec, or raced by another run can only
 * make a figure render again, never keep a wrong file.
 *
 * A part is text: "shmplot-manifest 2", then one line a file
 * "KEY SUM SIZE INO MTIME CTIME NAME" (KEY and SUM 32 hex digits; the
 * file's inode and times in ns as it was checked, 0 unknown; NAME last
 * since it may hold spaces; figure names hold no newline), then
 * "end COUNT HASH" where
 * HASH is of every byte before that line. A part that does not check out
 * whole (truncated, edited, another version) is left out with a note.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PART_PREFIX ".shmplot-manifest."
#define MAGIC       "shmplot-manifest 2\n"
#define MAX_PART    ((size_t)1 << 30)

void cli_manifest_part_name(char *buf, size_t len, unsigned k, unsigned n)
{
	snprintf(buf, len, PART_PREFIX "%u-of-%u", k, n);
}

/* 1 if name is a part's name as cli_manifest_part_name() makes them. */
static int is_part_name(const char *name)
{
	unsigned k, n;
	int end = 0;
	char again[64];

	if (strncmp(name, PART_PREFIX, strlen(PART_PREFIX)) != 0 ||
	    sscanf(name + strlen(PART_PREFIX), "%u-of-%u%n", &k, &n, &end) !=
		2 ||
	    name[strlen(PART_PREFIX) + (size_t)end] != '\0')
		return 0;
	cli_manifest_part_name(again, sizeof again, k, n);
	return strcmp(again, name) == 0; /* no "+1", "01" or spaces */
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a: short names */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Grows the table to keep it at most half full. 0, or -1. */
static int grow(cli_manifest *m)
{
	size_t cap = m->slots ? m->slots * 2 : 1024;
	size_t *slot = malloc(cap * sizeof *slot);

	if (!slot)
		return -1;
	for (size_t i = 0; i < cap; i++)
		slot[i] = SIZE_MAX;
	for (size_t e = 0; e < m->n; e++) {
		size_t i = name_hash(m->e[e].name) & (cap - 1);
		while (slot[i] != SIZE_MAX)
			i = (i + 1) & (cap - 1);
		slot[i] = e;
	}
	free(m->slot);
	m->slot = slot;
	m->slots = cap;
	return 0;
}

int cli_manifest_add(cli_manifest *m, const char *name, const shmplot_key *key,
		     const shmplot_key *sum, uint64_t size,
		     const cli_file_stat *st)
{
	if (m->n + 1 > m->slots / 2 && grow(m) != 0)
		return -1;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		cli_manifest_entry *e = realloc(m->e, cap * sizeof *e);
		if (!e)
			return -1;
		m->e = e;
		m->cap = cap;
	}
	cli_manifest_entry *e = &m->e[m->n];
	if (!(e->name = strdup(name)))
		return -1;
	e->key = *key;
	e->sum = *sum;
	e->size = size;
	e->fresh = 0;
	if (st)
		e->st = *st;
	else
		memset(&e->st, 0, sizeof e->st);
	size_t i = name_hash(name) & (m->slots - 1);
	while (m->slot[i] != SIZE_MAX)
		i = (i + 1) & (m->slots - 1);
	m->slot[i] = m->n++;
	return 0;
}

const cli_manifest_entry *cli_manifest_find(const cli_manifest *m,
					    const char *name,
					    const shmplot_key *key)
{
	if (!m->slots)
		return NULL;
	for (size_t i = name_hash(name) & (m->slots - 1);
	     m->slot[i] != SIZE_MAX; i = (i + 1) & (m->slots - 1)) {
		const cli_manifest_entry *e = &m->e[m->slot[i]];
		if (strcmp(e->name, name) == 0 &&
		    memcmp(e->key.bytes, key->bytes, sizeof key->bytes) == 0)
			return e;
	}
	return NULL;
}

void cli_manifest_free(cli_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].name);
	free(m->e);
	free(m->slot);
	for (size_t i = 0; i < m->nparts; i++)
		free(m->parts[i]);
	free(m->parts);
	free(m->part_sum);
	free(m->part_len);
	memset(m, 0, sizeof *m);
}

static int parse_hex(const char *s, shmplot_key *k)
{
	for (int i = 0; i < 32; i++) {
		int c = s[i], v = c >= '0' && c <= '9'   ? c - '0'
				  : c >= 'a' && c <= 'f' ? c - 'a' + 10
							 : -1;
		if (v < 0)
			return -1;
		if (i % 2 == 0)
			k->bytes[i / 2] = (unsigned char)(v << 4);
		else
			k->bytes[i / 2] |= (unsigned char)v;
	}
	return 0;
}

/* One "KEY SUM SIZE NAME" line (NUL-terminated, no newline). */
static int parse_line(cli_manifest *m, char *line)
{
	shmplot_key key, sum;
	char *end;

	if (strlen(line) < 32 + 1 + 32 + 1 + 1 + 1 || line[32] != ' ' ||
	    line[65] != ' ' || parse_hex(line, &key) ||
	    parse_hex(line + 33, &sum))
		return -1;
	unsigned long long v[4];
	end = line + 65;
	for (int i = 0; i < 4; i++) {
		char *at = end + 1;
		errno = 0;
		v[i] = strtoull(at, &end, 10);
		if (errno || end == at || *at == '-' || *end != ' ')
			return -1;
	}
	if (!end[1] || strchr(end + 1, '/'))
		return -1;
	cli_file_stat st = {.ino = v[1], .mtime_ns = v[2], .ctime_ns = v[3]};
	return cli_manifest_add(m, end + 1, &key, &sum, v[0], &st) ? -2 : 0;
}

/* A whole part's text: 0, -1 not a valid part, -2 out of memory. */
static int parse_part(cli_manifest *m, char *text, size_t len, shmplot_key *sum)
{
	shmplot_key want, got;
	unsigned long long count, lines = 0;
	char *last, *p;

	if (len < strlen(MAGIC) || memcmp(text, MAGIC, strlen(MAGIC)) != 0 ||
	    text[len - 1] != '\n')
		return -1;
	text[len - 1] = '\0';
	last = strrchr(text, '\n');
	if (!last || sscanf(last + 1, "end %llu", &count) != 1 ||
	    strlen(last + 1) < 4 + 32 ||
	    parse_hex(last + strlen(last) - 32, &want))
		return -1;
	shmplot_key_of_bytes(text, (size_t)(last + 1 - text), &got);
	if (memcmp(want.bytes, got.bytes, sizeof got.bytes) != 0)
		return -1;
	*sum = got;
	*last = '\0';
	for (p = text + strlen(MAGIC); *p; lines++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		int rc = parse_line(m, p);
		if (rc)
			return rc;
		p = nl ? nl + 1 : p + strlen(p);
	}
	return lines == count ? 0 : -1;
}

/* Reads dir/name whole (at most MAX_PART bytes): malloc'd, or NULL. */
static char *read_part(int dirfd, const char *name, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= MAX_PART &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		size_t got = 0, want = (size_t)st.st_size;
		while (got < want) {
			ssize_t r = read(fd, buf + got, want - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		*len = got;
		if (got != want) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

/* Remembers a part's name (to remove it once a whole run replaced it). */
static void keep_name(cli_manifest *m, const char *name)
{
	size_t n = m->nparts + 1;
	char **p = realloc(m->parts, n * sizeof *p);
	if (p)
		m->parts = p;
	shmplot_key *s = p ? realloc(m->part_sum, n * sizeof *s) : NULL;
	if (s)
		m->part_sum = s;
	size_t *l = s ? realloc(m->part_len, n * sizeof *l) : NULL;
	if (!l)
		return;
	m->part_len = l;
	l[m->nparts] = 0;
	if ((p[m->nparts] = strdup(name)))
		m->nparts++;
}

int cli_manifest_read(cli_manifest *m, const char *dir, FILE *notes)
{
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dirfd >= 0 ? fdopendir(dirfd) : NULL;
	struct dirent *de;
	int good = 0;

	if (!d) {
		if (dirfd >= 0)
			close(dirfd);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len;
		char *text;
		int rc;
		if (!is_part_name(de->d_name))
			continue;
		size_t part = m->nparts;
		keep_name(m, de->d_name);
		text = read_part(dirfd, de->d_name, &len);
		size_t before = m->n;
		shmplot_key sum;
		rc = text ? parse_part(m, text, len, &sum) : -1;
		free(text);
		if (rc == 0 && part < m->nparts) {
			m->part_sum[part] = sum;
			m->part_len[part] = len;
		}
		if (rc == -2) {
			closedir(d);
			return -1;
		}
		if (rc == 0) {
			good++;
			continue;
		}
		while (m->n > before) /* none of a bad part's lines count */
			free(m->e[--m->n].name);
		if (grow(m) != 0) { /* rebuilt without them */
			closedir(d);
			return -1;
		}
		if (notes)
			fprintf(notes,
				"shmplot render: note: %s/%s is not a whole "
				"manifest (truncated or edited?); the figures "
				"it lists render again\n",
				dir, de->d_name);
	}
	closedir(d);
	return good;
}

/* Appends v in decimal at p; the end. */
static char *put_u64(char *p, uint64_t v)
{
	char tmp[20];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = tmp[--n];
	return p;
}

char *cli_manifest_text(const cli_manifest *m, size_t *len)
{
	/* "KEY SUM " + four numbers and spaces + NAME + "\n" a line */
	size_t cap = strlen(MAGIC) + 64 + 16;
	char *text, *p;
	shmplot_key all;

	for (size_t i = 0; i < m->n; i++)
		cap += 66 + 4 * 21 + strlen(m->e[i].name) + 1;
	if (!(text = malloc(cap)))
		return NULL;
	p = text + strlen(MAGIC);
	memcpy(text, MAGIC, strlen(MAGIC));
	for (size_t i = 0; i < m->n; i++) {
		const cli_manifest_entry *e = &m->e[i];
		size_t nl = strlen(e->name);
		shmplot_key_hex(&e->key, p);
		p[32] = ' ';
		shmplot_key_hex(&e->sum, p + 33);
		p[65] = ' ';
		p = put_u64(p + 66, e->size);
		*p++ = ' ';
		p = put_u64(p, e->st.ino);
		*p++ = ' ';
		p = put_u64(p, e->st.mtime_ns);
		*p++ = ' ';
		p = put_u64(p, e->st.ctime_ns);
		*p++ = ' ';
		memcpy(p, e->name, nl);
		p += nl;
		*p++ = '\n';
	}
	/* the hash covers everything before the "end" line */
	shmplot_key_of_bytes(text, (size_t)(p - text), &all);
	memcpy(p, "end ", 4);
	p = put_u64(p + 4, m->n);
	*p++ = ' ';
	shmplot_key_hex(&all, p);
	p += 32;
	*p++ = '\n';
	*p = '\0';
	*len = (size_t)(p - text);
	return text;
}
