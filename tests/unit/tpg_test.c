// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's test pattern (lib/tpg.c) and CRC-32 (lib/crc32.c) against
 * scripts/mkframes.py: the script writes small frames files in both pixel
 * formats, at sizes that do not divide evenly into bars, with frame
 * numbers past the bar period (the bars wrap around), and every
 * frame must equal the kernel's pattern byte for byte and match the CRC
 * the script wrote into the header. Runs from the top of the tree (as
 * check.py runs unit tests).
 */
/* unit-sources: lib/tpg.c lib/crc32.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <contig/crc32.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/tpg.h>

#define OUT "build/host/unit/tpg-test-frames.raw"

static u32 le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u8 *load(const char *args, size_t *size)
{
	char cmd[256];
	FILE *f;
	u8 *buf;
	long n;

	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 scripts/mkframes.py -o %s %s >/dev/null",
		 OUT, args);
	assert_int_equal(system(cmd), 0);
	f = fopen(OUT, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	fclose(f);
	remove(OUT);
	*size = n;
	return buf;
}

static void check_file(const char *args, u32 fourcc, unsigned int w, unsigned int h,
		       unsigned int nframes)
{
	size_t size;
	u8 *file = load(args, &size);
	u32 hdr_size = le32(file + 12), stride = le32(file + 36), bpl = le32(file + 28);
	unsigned int n;
	void *line = malloc(w * 4);

	assert_memory_equal(file, "CFRAMES\0", 8);
	assert_int_equal(le32(file + 16), w);
	assert_int_equal(le32(file + 20), h);
	assert_int_equal(le32(file + 24), fourcc);
	assert_int_equal(bpl, w * tpg_bytes_per_pixel(fourcc));
	assert_int_equal(le32(file + 40), nframes);
	assert_int_equal(le32(file + 44), TPG_PATTERN_BARS);
	assert_int_equal(le32(file + 48), crc32_ieee(0, file, 48));
	assert_int_equal(size, hdr_size + (size_t)stride * nframes);
	for (n = 0; n < nframes; n++) {
		const u8 *fr = file + hdr_size + (size_t)stride * n;
		u32 number = n;

		assert_int_equal(tpg_check_frame(fr, fourcc, w, h, bpl, number, line), -1);
		assert_int_equal(le32(file + 64 + 4 * n), crc32_ieee(0, fr, (size_t)bpl * h));
		/* ... and the check sees a single wrong byte. */
		if (n == 1) {
			u8 *p = (u8 *)fr + bpl * (h - 1) + 3;

			*p ^= 0x10;
			assert_int_equal(tpg_check_frame(fr, fourcc, w, h, bpl, number, line),
					 (long)(bpl * (h - 1) + 3));
			*p ^= 0x10;
			/* A frame shown with the wrong number does not pass. */
			assert_int_not_equal(tpg_check_frame(fr, fourcc, w, h, bpl, number + 1,
							     line), -1);
		}
	}
	free(line);
	free(file);
}

static void crc32_matches_the_standard_check_value(void **state)
{
	assert_int_equal(crc32_ieee(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(crc32_ieee(crc32_ieee(0, "1234", 4), "56789", 5), 0xcbf43926);
	assert_int_equal(crc32_ieee(0, "", 0), 0);
}

static void rgb565_frames_of_the_script_equal_the_kernel_pattern(void **state)
{
	check_file("--width 100 --height 60 --frames 70 --format rgb565", DRM_FORMAT_RGB565,
		   100, 60, 70);
}

static void xrgb8888_frames_of_the_script_equal_the_kernel_pattern(void **state)
{
	check_file("--width 64 --height 130 --frames 3 --format xrgb8888",
		   DRM_FORMAT_XRGB8888, 64, 130, 3);
}

static void unknown_formats_and_lines_out_of_range_are_refused(void **state)
{
	u8 line[64];

	assert_int_equal(tpg_bytes_per_pixel(0x12345678), 0);
	assert_int_equal(tpg_fill_line(line, 0x12345678, 8, 8, 0, 0), -EINVAL);
	assert_int_equal(tpg_fill_line(line, DRM_FORMAT_RGB565, 8, 8, 8, 0), -EINVAL);
	assert_int_equal(tpg_fill_line(line, DRM_FORMAT_RGB565, 8, 8, 7, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc32_matches_the_standard_check_value),
		cmocka_unit_test(rgb565_frames_of_the_script_equal_the_kernel_pattern),
		cmocka_unit_test(xrgb8888_frames_of_the_script_equal_the_kernel_pattern),
		cmocka_unit_test(unknown_formats_and_lines_out_of_range_are_refused),
	};

	return cmocka_run_group_tests_name("tpg", tests, NULL, NULL);
}
