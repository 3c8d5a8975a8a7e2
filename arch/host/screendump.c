// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hosted port's screenshot: --screendump FILE writes the screen of the
 * emulated PL111 (emu_pl111.c) as a PNG when the kernel powers off, the
 * host's counterpart of QEMU's QMP "screendump" with format png (make
 * screenshot ARCH=host, the cma_view checks).
 *
 * The picture is the next frame the model scans out after power-off was
 * asked for (host_pl111_capture()), so it shows every flip made before;
 * it is written by libpng as 8-bit RGB. A display that is off (no frame
 * in SCREENDUMP_TRIES waits of a second), a frame
 * that could not be scanned out or a file that cannot be written gives a
 * message on stderr naming the file and the reason, and exit status 4
 * when the kernel's own status was 0 (the caller asked for a picture and
 * did not get one).
 */
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <contig/errno.h>
#include <asm/host_emu.h>

#include "internal.h"

#define SCREENDUMP_TRIES 5

static const char *screendump_file;

/* Write @w x @h RGB pixels to @path as a PNG. Return: 0 or -1 (message printed). */
static int write_png(const char *path, const u8 *rgb, unsigned int w, unsigned int h)
{
	png_structp png;
	png_infop info;
	FILE *f = fopen(path, "wb");
	unsigned int y;

	if (!f) {
		fprintf(stderr, "contig: --screendump %s: %s\n", path, strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "contig: --screendump %s: libpng could not write it\n", path);
		png_destroy_write_struct(&png, info ? &info : NULL);
		fclose(f);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < h; y++)
		png_write_row(png, (png_const_bytep)(rgb + (size_t)y * w * 3));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	if (fclose(f)) {
		fprintf(stderr, "contig: --screendump %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/**
 * host_screendump - write the first emulated PL111's screen to --screendump's file
 * Return: 0, or -1 with a message (no file asked for: 0, nothing done).
 */
int host_screendump(void)
{
	struct host_pl111_frame f = { 0 };
	phys_addr_t regs;
	size_t size;
	unsigned int tries;
	u8 *rgb;
	int ret;

	if (!screendump_file)
		return 0;
	if (host_pl111_first(&regs)) {
		fprintf(stderr, "contig: --screendump %s: the board has no PL111 display\n",
			screendump_file);
		return -1;
	}
	/* A loaded host may miss the model's one-second wait: try a few times. */
	for (tries = 0; tries < SCREENDUMP_TRIES; tries++) {
		ret = host_pl111_capture(regs, &f, NULL, 0);
		if (ret != -EAGAIN)
			break;
	}
	if (ret) {
		fprintf(stderr, "contig: --screendump %s: no picture: %s\n", screendump_file,
			ret == -EAGAIN ? "the display is off or scans no frames" :
			f.error ? f.error : "the display could not be read");
		return -1;
	}
	size = (size_t)f.width * f.height * 3;
	rgb = malloc(size);
	if (!rgb)
		return -1;
	ret = host_pl111_capture(regs, &f, rgb, size);
	if (ret) {
		fprintf(stderr, "contig: --screendump %s: capture failed (%d)%s%s\n",
			screendump_file, ret, f.error ? ": " : "", f.error ? f.error : "");
		free(rgb);
		return -1;
	}
	ret = write_png(screendump_file, rgb, f.width, f.height);
	free(rgb);
	if (!ret)
		fprintf(stderr, "contig: screendump: %ux%u to %s\n", f.width, f.height,
			screendump_file);
	return ret;
}

/** host_screendump_setup - remember --screendump's @file for power-off */
void host_screendump_setup(const char *file)
{
	screendump_file = file;
}
