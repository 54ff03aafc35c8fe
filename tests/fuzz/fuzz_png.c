/*
 * libFuzzer target: the PNG reader of `shmplot diff` (spd_png_decode in
 * src/png/decode.c), with the input as a whole file, under small limits so a
 * run explores bombs and absurd sizes without using much memory. An
 * accepted image must be within the limits and fully written.
 */
#include "png/decode.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	spd_png_limits lim;
	memset(&lim, 0, sizeof lim);
	lim.max_side = 512;
	lim.max_total_pixels = 512 * 512;
	lim.max_file_bytes = 1 << 20;
	lim.max_chunk_bytes = 1 << 16;
	spd_image img;
	char err[512];
	if (spd_png_decode(data, size, &lim, &img, err, sizeof err) !=
	    SHMPLOT_OK) {
		if (img.px || !err[0])
			abort(); /* a failure leaves nothing and says why */
		return 0;
	}
	if (img.width <= 0 || img.height <= 0 || img.width > 512 ||
	    img.height > 512 || img.stride != (size_t)img.width * 4 || !img.px)
		abort();
	/* Touch every byte: ASan catches a short buffer. */
	unsigned sum = 0;
	for (size_t i = 0; i < img.stride * (size_t)img.height; i++)
		sum += img.px[i];
	(void)sum;
	spd_image_clear(&img);
	return 0;
}
