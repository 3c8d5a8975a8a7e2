/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test pattern generator (lib/tpg.c): the frames scripts/mkframes.py
 * writes into the capture device's backing file, computed in the kernel,
 * so a captured frame can be compared byte for byte with what the file
 * must hold. The pattern (moving colour bars, a grey ramp, the frame
 * number in a box) is defined in scripts/mkframes.py's header comment and
 * Documentation/driver-api/camera.rst; the two implementations must agree,
 * which the capture tests check on every captured frame.
 */
#ifndef _CONTIG_TPG_H
#define _CONTIG_TPG_H

#include <contig/types.h>

/* The pattern number the frames file header carries. */
#define TPG_PATTERN_BARS 1

/* Bytes per pixel of @fourcc (DRM_FORMAT_RGB565, _XRGB8888), 0 if unknown. */
unsigned int tpg_bytes_per_pixel(u32 fourcc);

/**
 * tpg_fill_line - pixels of line @y of frame @frame
 * @dst: room for @width pixels of @fourcc
 *
 * Return: 0, or -EINVAL for an unknown format or @y >= @height.
 */
int tpg_fill_line(void *dst, u32 fourcc, unsigned int width, unsigned int height,
		  unsigned int y, u32 frame);

/**
 * tpg_check_frame - compare a frame with the pattern of frame @frame
 * @buf: the frame, @bytes_per_line apart
 * @line: scratch space for one line (width * bytes per pixel)
 *
 * Return: -1 when every pixel is right, else the byte offset in @buf of
 * the first wrong byte.
 */
long tpg_check_frame(const void *buf, u32 fourcc, unsigned int width, unsigned int height,
		     unsigned int bytes_per_line, u32 frame, void *line);

#endif /* _CONTIG_TPG_H */
