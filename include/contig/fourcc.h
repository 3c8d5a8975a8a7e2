/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pixel formats, named by their DRM fourcc codes (Linux's
 * include/uapi/drm/drm_fourcc.h): little-endian packed pixels, the first
 * letter of the name at the highest bits. Also the conversions between
 * them and 0x00RRGGBB that the display core, the test pattern generator
 * and the tests share, and the code's four letters for messages.
 */
#ifndef _CONTIG_FOURCC_H
#define _CONTIG_FOURCC_H

#include <contig/types.h>

#define fourcc_code(a, b, c, d) \
	((u32)(a) | ((u32)(b) << 8) | ((u32)(c) << 16) | ((u32)(d) << 24))

#define DRM_FORMAT_R8 fourcc_code('R', '8', ' ', ' ')       /* [7:0] R (grey) */
#define DRM_FORMAT_RGB565 fourcc_code('R', 'G', '1', '6')   /* [15:0] R:G:B 5:6:5 */
#define DRM_FORMAT_BGR888 fourcc_code('B', 'G', '2', '4')   /* [23:0] B:G:R: bytes R, G, B */
#define DRM_FORMAT_XRGB8888 fourcc_code('X', 'R', '2', '4') /* [31:0] x:R:G:B 8:8:8:8 */

/* 0x00RRGGBB as an RGB565 pixel: the top 5, 6 and 5 bits of each component. */
static inline u16 rgb_to_rgb565(u32 rgb)
{
	return (u16)(((rgb >> 8) & 0xf800) | ((rgb >> 5) & 0x07e0) | ((rgb >> 3) & 0x001f));
}

/* An RGB565 pixel as 0x00RRGGBB, each component shifted up (as QEMU shows it). */
static inline u32 rgb565_to_rgb(u16 px)
{
	return ((u32)(px & 0xf800) << 8) | ((u32)(px & 0x07e0) << 5) | ((u32)(px & 0x001f) << 3);
}

/*
 * The pixel of @fourcc at @p (little-endian, any alignment) as 0x00RRGGBB:
 * RGB565 widened as above, R8 as grey; any other code reads XRGB8888.
 */
static inline u32 fourcc_pixel_to_rgb(u32 fourcc, const void *p)
{
	const u8 *b = p;

	switch (fourcc) {
	case DRM_FORMAT_RGB565:
		return rgb565_to_rgb((u16)(b[0] | (b[1] << 8)));
	case DRM_FORMAT_BGR888:
		return ((u32)b[0] << 16) | ((u32)b[1] << 8) | b[2];
	case DRM_FORMAT_R8:
		return b[0] * 0x010101U;
	default:
		return b[0] | ((u32)b[1] << 8) | ((u32)b[2] << 16);
	}
}

/* @fourcc's four letters ("XR24"), NUL-terminated in @buf, for messages. */
static inline const char *fourcc_str(u32 fourcc, char buf[5])
{
	buf[0] = (char)fourcc;
	buf[1] = (char)(fourcc >> 8);
	buf[2] = (char)(fourcc >> 16);
	buf[3] = (char)(fourcc >> 24);
	buf[4] = '\0';
	return buf;
}

#endif /* _CONTIG_FOURCC_H */
