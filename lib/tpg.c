// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test pattern generator: the kernel's copy of the pattern
 * scripts/mkframes.py writes (its header comment is the definition).
 *
 * Frame n, pixel (x, y) of W x H, S = max(2, H / 60):
 *   counter box at (S, S), 21S x 7S: white, with n % 100000 as five
 *     black digits of a 3x5 font, one S x S cell per font pixel, from
 *     cell (1, 1), four cells apart;
 *   else y < 3H/4: colour bar ((x - 4n) mod W) * 8 / W of white, yellow,
 *     cyan, green, magenta, red, blue, black;
 *   else grey (x + 2y + 3n) & 255.
 */
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/tpg.h>

#define TPG_BAR_STEP 4

static const u8 tpg_bars[8][3] = {
	{ 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
	{ 255, 0, 255 },   { 255, 0, 0 },   { 0, 0, 255 },   { 0, 0, 0 },
};

/* 3x5 digits, one row per 3 bits (MSB left), top row first. */
static const u16 tpg_font[10] = {
	0x7B6F, 0x2C97, 0x73E7, 0x73CF, 0x5BC9, 0x79CF, 0x79EF, 0x7249, 0x7BEF, 0x7BCF,
};

/**
 * tpg_bytes_per_pixel - size of a pixel of @fourcc
 * @fourcc: DRM_FORMAT_*
 *
 * Return: 2 or 4, or 0 when the generator does not know the format.
 */
unsigned int tpg_bytes_per_pixel(u32 fourcc)
{
	switch (fourcc) {
	case DRM_FORMAT_RGB565:
		return 2;
	case DRM_FORMAT_XRGB8888:
		return 4;
	default:
		return 0;
	}
}

static void put_pixel(u8 *p, u32 fourcc, u8 r, u8 g, u8 b)
{
	if (fourcc == DRM_FORMAT_RGB565) {
		u16 v = rgb_to_rgb565(((u32)r << 16) | ((u32)g << 8) | b);

		p[0] = (u8)v;
		p[1] = (u8)(v >> 8);
	} else {
		p[0] = b;
		p[1] = g;
		p[2] = r;
		p[3] = 0;
	}
}

static bool counter_ink(u32 n, unsigned int cx, unsigned int cy)
{
	unsigned int d, col, digit, i;

	if (cy < 1 || cy > 5 || cx < 1)
		return false;
	d = (cx - 1) / 4;
	col = (cx - 1) % 4;
	if (d > 4 || col == 3)
		return false;
	digit = n;
	for (i = d; i < 4; i++)
		digit /= 10;
	digit %= 10;
	return (tpg_font[digit] >> (14 - ((cy - 1) * 3 + col))) & 1;
}

/**
 * tpg_fill_line - write line @y of frame @frame into @dst
 * @dst: room for @width pixels
 * @fourcc: DRM_FORMAT_RGB565 or DRM_FORMAT_XRGB8888
 * @width: frame width in pixels
 * @height: frame height in lines
 * @y: the line
 * @frame: the frame number
 *
 * Return: 0, or -EINVAL for an unknown format, an empty frame or @y out
 * of range.
 */
int tpg_fill_line(void *dst, u32 fourcc, unsigned int width, unsigned int height,
		  unsigned int y, u32 frame)
{
	unsigned int bpp = tpg_bytes_per_pixel(fourcc);
	unsigned int s = max(2u, height / 60);
	unsigned int shift, x;
	u8 *p = dst;

	if (!bpp || !width || y >= height)
		return -EINVAL;
	shift = (u32)((u64)TPG_BAR_STEP * frame % width);
	for (x = 0; x < width; x++, p += bpp) {
		if (y >= s && y < 8 * s && x >= s && x < 22 * s) {
			u8 c = counter_ink(frame, (x - s) / s, (y - s) / s) ? 0 : 255;

			put_pixel(p, fourcc, c, c, c);
		} else if (y < height * 3 / 4) {
			const u8 *c = tpg_bars[(u64)((x + width - shift) % width) * 8 / width];

			put_pixel(p, fourcc, c[0], c[1], c[2]);
		} else {
			u8 g = (u8)(x + 2 * y + 3 * frame);

			put_pixel(p, fourcc, g, g, g);
		}
	}
	return 0;
}

/**
 * tpg_check_frame - compare @buf with the pattern of frame @frame
 * @buf: the frame
 * @fourcc: its format
 * @width: pixels per line
 * @height: lines
 * @bytes_per_line: distance between lines in @buf
 * @frame: the frame number it should show
 * @line: scratch, one line of pixels
 *
 * Return: -1 when equal, else the offset of the first byte that differs
 * (also 0 for an unknown format).
 */
long tpg_check_frame(const void *buf, u32 fourcc, unsigned int width, unsigned int height,
		     unsigned int bytes_per_line, u32 frame, void *line)
{
	size_t len = (size_t)width * tpg_bytes_per_pixel(fourcc);
	const u8 *row = buf;
	unsigned int y;

	for (y = 0; y < height; y++, row += bytes_per_line) {
		const u8 *want = line;
		size_t i;

		if (tpg_fill_line(line, fourcc, width, height, y, frame))
			return 0;
		if (memcmp(row, want, len) == 0)
			continue;
		for (i = 0; row[i] == want[i]; i++)
			;
		return (long)((size_t)y * bytes_per_line + i);
	}
	return -1;
}
