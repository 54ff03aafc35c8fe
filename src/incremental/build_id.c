// SPDX-License-Identifier: MIT
/*
 * The identity of the code that shapes an output's bytes, for every
 * incremental key (inc.h): the GNU build ID (ld --build-id, on by default
 * in Debian's toolchain) of the object holding this code, of the worker
 * executable a spawned worker runs, and of each shared library that draws,
 * rasterises, encodes or compresses (cairo, pixman, FreeType, libpng,
 * zlib, libdeflate, and libm and libc, whose maths and number formatting
 * reach the pixels and the PDF and SVG text), found among the loaded
 * objects. A rebuilt renderer or a Debian update of any of them changes
 * every key, even when no version number moved.
 */
#define _GNU_SOURCE
#include "incremental/inc.h"
#include "pool/pool.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The shared libraries that shape the bytes, by the start of their file
 * name; one linked statically is part of the object's own build ID. */
static const char *const shaping[] = {
    "libcairo.so.", "libpixman-1.so.", "libfreetype.so.",
    "libpng16.so.", "libz.so.",        "libdeflate.so.",
    "libm.so.",     "libmvec.so.",     "libc.so."};
#define NSHAPING (sizeof shaping / sizeof *shaping)
#define MAX_ID   64

typedef struct found {
	unsigned char id[MAX_ID];
	size_t len; /* 0: not loaded */
} found;

typedef struct walk {
	uintptr_t addr; /* an address inside this code's object */
	found own, lib[NSHAPING];
} walk;

/* The NT_GNU_BUILD_ID note among len bytes of notes at p into *f. */
static int scan_notes(const unsigned char *p, size_t len, found *f)
{
	while (len >= sizeof(ElfW(Nhdr))) {
		const ElfW(Nhdr) *n = (const void *)p;
		size_t name = (n->n_namesz + 3u) & ~(size_t)3;
		size_t desc = (n->n_descsz + 3u) & ~(size_t)3;
		size_t all = sizeof *n + name + desc;
		if (name > len || desc > len || all > len)
			return 0;
		if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
		    memcmp(p + sizeof *n, "GNU", 4) == 0 && n->n_descsz > 0 &&
		    n->n_descsz <= MAX_ID) {
			memcpy(f->id, p + sizeof *n + name, n->n_descsz);
			f->len = n->n_descsz;
			return 1;
		}
		p += all;
		len -= all;
	}
	return 0;
}

/* An object without a build ID: its file's size and mtime instead. */
static void file_identity(const char *path, found *f)
{
	struct stat st;
	uint64_t v[3] = {0, 0, 0};

	if (path && stat(path, &st) == 0) {
		v[0] = (uint64_t)st.st_size;
		v[1] = (uint64_t)st.st_mtim.tv_sec;
		v[2] = (uint64_t)st.st_mtim.tv_nsec;
	}
	memcpy(f->id, v, sizeof v);
	f->len = sizeof v;
}

static void object_id(struct dl_phdr_info *info, found *f)
{
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_NOTE &&
		    scan_notes(
			(const unsigned char *)(info->dlpi_addr + ph->p_vaddr),
			ph->p_memsz, f))
			return;
	}
	file_identity(info->dlpi_name, f);
}

static int visit(struct dl_phdr_info *info, size_t size, void *ctx)
{
	walk *w = ctx;
	const char *name = info->dlpi_name ? info->dlpi_name : "";
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum && !w->own.len; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type == PT_LOAD && w->addr >= lo &&
		    w->addr - lo < ph->p_memsz) {
			object_id(info, &w->own);
			return 0;
		}
	}
	for (size_t i = 0; i < NSHAPING; i++)
		if (!w->lib[i].len &&
		    strncmp(base, shaping[i], strlen(shaping[i])) == 0)
			object_id(info, &w->lib[i]);
	return 0;
}

/* The build ID of the ELF file at path (the worker executable). */
static int file_build_id(const char *path, found *f)
{
	ElfW(Ehdr) eh;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ok = 0;

	if (fd < 0)
		return 0;
	if (pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh &&
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
	    eh.e_phentsize == sizeof(ElfW(Phdr)) && eh.e_phnum < 256) {
		for (unsigned i = 0; i < eh.e_phnum && !ok; i++) {
			ElfW(Phdr) ph;
			unsigned char notes[1024];
			if (pread(fd, &ph, sizeof ph,
				  (off_t)(eh.e_phoff + i * sizeof ph)) !=
				(ssize_t)sizeof ph ||
			    ph.p_type != PT_NOTE || ph.p_filesz > sizeof notes)
				continue;
			if (pread(fd, notes, ph.p_filesz, (off_t)ph.p_offset) ==
			    (ssize_t)ph.p_filesz)
				ok = scan_notes(notes, ph.p_filesz, f);
		}
	}
	close(fd);
	if (!ok)
		file_identity(path, f);
	return 1;
}

#ifdef SHMPLOT_TEST_HOOKS
/* SHMPLOT_TEST_CODE_ID=NAME: NAME's identity changed, as by a rebuild or
 * a library update (test_key). */
static void test_change(const char *what, found *f)
{
	const char *v = getenv("SHMPLOT_TEST_CODE_ID");
	if (v && strcmp(v, what) == 0 && f->len)
		f->id[0] ^= 0x5a;
}
#else
#define test_change(what, f) ((void)0)
#endif

void sp_code_ids(sp_code_id_fn fn, void *ctx)
{
	walk w = {.addr = (uintptr_t)(void *)sp_code_ids};
	char buf[PATH_MAX];
	found worker = {{0}, 0};

	dl_iterate_phdr(visit, &w);
	test_change("shmplot", &w.own);
	fn(ctx, "shmplot", w.own.id, w.own.len);
	const char *path = sp_worker_path(buf, sizeof buf);
	if (strchr(path, '/') && access(path, X_OK) == 0 &&
	    file_build_id(path, &worker)) {
		test_change("shmplot-worker", &worker);
		fn(ctx, "shmplot-worker", worker.id, worker.len);
	}
	for (size_t i = 0; i < NSHAPING; i++)
		if (w.lib[i].len) {
			test_change(shaping[i], &w.lib[i]);
			fn(ctx, shaping[i], w.lib[i].id, w.lib[i].len);
		}
}
