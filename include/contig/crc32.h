/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) in lib/crc32.c. */
#ifndef _CONTIG_CRC32_H
#define _CONTIG_CRC32_H

#include <contig/types.h>

/**
 * crc32_ieee - continue a CRC-32 over @len bytes at @buf
 * @crc: 0 to start, or the result of the previous call for a running CRC
 *
 * Return: the CRC-32 of everything so far (crc32_ieee(0, "123456789", 9)
 * is 0xcbf43926).
 */
u32 crc32_ieee(u32 crc, const void *buf, size_t len);

#endif /* _CONTIG_CRC32_H */
