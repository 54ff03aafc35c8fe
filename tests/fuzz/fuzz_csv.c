/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the CSV reader (sp_csv_parse in src/spec/csv.c). The first
 * byte picks header on/off and the delimiter; the rest is the file.
 */
#include "spec/spec_io.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char delims[] = {',', ';', '\t', '|'};
	if (size < 1)
		return 0;
	int header = data[0] & 1;
	unsigned char delim = delims[(data[0] >> 1) & 3];
	sp_csv *csv = NULL;
	char err[SP_ERRLEN];
	shmplot_status st =
	    sp_csv_parse("fuzz.csv", (const char *)data + 1, size - 1, header,
			 delim, &csv, err, sizeof err);
	/* A table exactly when it succeeds. */
	if ((st == SHMPLOT_OK) != (csv != NULL))
		abort();
	sp_csv_free(csv);
	return 0;
}
