/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the batch description a spawned shmplot-worker decodes
 * (src/worker/blob.c). Any input must give either a valid, fully freed
 * description or an error message. A decoded description must encode back
 * to the very same bytes.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sp_blob *b = NULL;
	char err[SP_ERRLEN];
	if (sp_blob_decode(data, size, &b, err, sizeof err) != SHMPLOT_OK) {
		if (b || !err[0])
			abort();
		return 0;
	}
	sp_batch batch;
	sp_blob_batch(b, &batch);
	unsigned char *again;
	size_t len;
	/* Faults are test-build data: compare only when there are none. */
	int faults = 0;
	for (size_t i = 0; i < b->nfig; i++)
		faults |= b->faults[i];
	if (sp_blob_encode(&batch, b->font_path, &again, &len, err,
			   sizeof err) != SHMPLOT_OK)
		abort();
	if (!faults && (len != size || memcmp(again, data, size) != 0))
		abort();
	free(again);
	sp_blob_free(b);
	return 0;
}
