/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pixel formats, named by their DRM fourcc codes (Linux's
 * include/uapi/drm/drm_fourcc.h): little-endian packed pixels, the first
 * letter of the name at the highest bits.
 */
#ifndef _CONTIG_FOURCC_H
#define _CONTIG_FOURCC_H

#include <contig/types.h>

#define fourcc_code(a, b, c, d) \
	((u32)(a) | ((u32)(b) << 8) | ((u32)(c) << 16) | ((u32)(d) << 24))

#define DRM_FORMAT_RGB565 fourcc_code('R', 'G', '1', '6')   /* [15:0] R:G:B 5:6:5 */
#define DRM_FORMAT_XRGB8888 fourcc_code('X', 'R', '2', '4') /* [31:0] x:R:G:B 8:8:8:8 */

#endif /* _CONTIG_FOURCC_H */
