// SPDX-License-Identifier: GPL-2.0-only
/*
 * PNG files (libpng): the hosted kernel's screendump (screendump.c) writes
 * the emulated display through os_write_png_rgb().
 */
#include <errno.h>
#include <png.h>
#include <stdio.h>

#include "host_os.h"

/**
 * os_write_png_rgb - write @w x @h 8-bit RGB pixels to @path as a PNG
 * @path: the file, created or truncated
 * @rgb: @h rows of @w pixels, three bytes each
 * @w: width
 * @h: height
 *
 * Return: 0, -errno when the file cannot be opened or closed, or -EIO when
 * libpng fails.
 */
int os_write_png_rgb(const char *path, const u8 *rgb, unsigned int w, unsigned int h)
{
	png_structp png;
	png_infop info;
	FILE *f = fopen(path, "wb");
	unsigned int y;

	if (!f)
		return -errno;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		fclose(f);
		return -EIO;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < h; y++)
		png_write_row(png, (png_const_bytep)(rgb + (size_t)y * w * 3));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	if (fclose(f))
		return -errno;
	return 0;
}
