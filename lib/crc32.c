// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC-32, the IEEE 802.3 polynomial in its reflected form (0xedb88320),
 * initial value and final XOR ~0: the checksum zlib, PNG and Python's
 * zlib.crc32() compute, so the kernel can check data against CRCs a host
 * tool wrote (the vcam frames file). Four bits at a time through a
 * 16-entry table: no initialisation, 64 bytes of table.
 */
#include <contig/crc32.h>

static const u32 crc32_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
	0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

/**
 * crc32_ieee - continue a CRC-32 over @len bytes at @buf
 * @crc: 0 to start, or the previous result
 * @buf: the data
 * @len: its length in bytes
 *
 * Return: the CRC-32 of all the data passed so far.
 */
u32 crc32_ieee(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
	}
	return ~crc;
}
