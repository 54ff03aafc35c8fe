// SPDX-License-Identifier: MIT
/*
 * The build ID (ld --build-id, on by default in Debian's toolchain) of
 * the object holding this code, found among the loaded objects by
 * address: part of every incremental key (inc.h), so that a rebuilt
 * renderer re-renders even when its version number did not change.
 */
#define _GNU_SOURCE
#include "incremental/inc.h"

#include <elf.h>
#include <link.h>
#include <string.h>

typedef struct find {
	uintptr_t addr; /* an address inside the object wanted */
	const unsigned char *id;
	size_t len;
} find;

/* The NT_GNU_BUILD_ID note among len bytes of notes at p, if any. */
static void scan_notes(const unsigned char *p, size_t len, find *f)
{
	while (len >= sizeof(ElfW(Nhdr))) {
		const ElfW(Nhdr) *n = (const void *)p;
		size_t name = (n->n_namesz + 3u) & ~(size_t)3;
		size_t desc = (n->n_descsz + 3u) & ~(size_t)3;
		size_t all = sizeof *n + name + desc;
		if (name > len || desc > len || all > len)
			return;
		if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
		    memcmp(p + sizeof *n, "GNU", 4) == 0) {
			f->id = p + sizeof *n + name;
			f->len = n->n_descsz;
			return;
		}
		p += all;
		len -= all;
	}
}

static int visit(struct dl_phdr_info *info, size_t size, void *ctx)
{
	find *f = ctx;
	int mine = 0;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum && !mine; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		mine = ph->p_type == PT_LOAD && f->addr >= lo &&
		       f->addr - lo < ph->p_memsz;
	}
	if (!mine)
		return 0;
	for (int i = 0; i < info->dlpi_phnum && !f->id; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_NOTE)
			scan_notes((const unsigned char *)(info->dlpi_addr +
							   ph->p_vaddr),
				   ph->p_memsz, f);
	}
	return 1;
}

const unsigned char *sp_build_id(size_t *len)
{
	find f = {.addr = (uintptr_t)(void *)sp_build_id};

	dl_iterate_phdr(visit, &f);
	*len = f.id ? f.len : 0;
	return f.id;
}
