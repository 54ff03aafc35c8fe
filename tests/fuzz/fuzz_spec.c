/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the batch-spec loader (shmplot_spec_load_buffer, public
 * API), JSON in memory, data files resolved against samples/. Runs
 * in a private mount namespace with a 64 MB /dev/shm where the machine
 * allows it, so a spec asking for a billion points is refused quickly
 * (SHMPLOT_E_NOSPACE) instead of filling the real /dev/shm.
 */
#define _GNU_SOURCE
#include "shmplot.h"
#include "shmplot/spec.h"

#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>

#ifndef SPEC_DATA_DIR
#define SPEC_DATA_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (unshare(CLONE_NEWNS) == 0 &&
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0)
		mount("tmpfs", "/dev/shm", "tmpfs", 0, "size=64m");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	shmplot_spec *spec = NULL;
	shmplot_status st = shmplot_spec_load_buffer(&spec, (const char *)data,
						     size, SPEC_DATA_DIR);
	if (spec) {
		size_t n = shmplot_spec_count(spec);
		for (size_t i = 0; i < shmplot_spec_error_count(spec); i++)
			(void)shmplot_spec_error(spec, i);
		if (st == SHMPLOT_OK && n && !shmplot_spec_data(spec))
			abort();
		shmplot_spec_free(spec);
	}
	return 0;
}
