/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the .npy header parser (sp_npy_header in
 * src/spec/npy.c), with the input as the whole file. An accepted header
 * must describe data that lies inside the file.
 */
#include "spec/spec_io.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sp_array_info info;
	char err[SP_ERRLEN];
	if (sp_npy_header(data, size, size, &info, err, sizeof err) !=
	    SHMPLOT_OK)
		return 0;
	size_t bytes;
	if (info.itemsize == 0 || info.itemsize > 8 ||
	    sp_mul(info.n, info.itemsize, &bytes) || info.offset > size ||
	    bytes > size - info.offset)
		abort();
	return 0;
}
