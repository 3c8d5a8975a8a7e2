/* SPDX-License-Identifier: GPL-2.0-only */
/* Bitmaps of unsigned longs; bit 0 is the lowest bit of word 0. */
#ifndef _CONTIG_BITMAP_H
#define _CONTIG_BITMAP_H

#include <contig/kernel.h>

#define BITS_PER_LONG (8 * (int)sizeof(long))
#define BITS_TO_LONGS(n) DIV_ROUND_UP(n, BITS_PER_LONG)

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1UL;
}

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

/* Set or clear bits [start, start + len). */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long len);
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long len);

/* First set / clear bit at or after @start, or @size when there is none. */
unsigned long find_next_bit(const unsigned long *map, unsigned long size,
			    unsigned long start);
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long start);

/*
 * bitmap_find_next_zero_area - find @nr clear bits at or after @start
 * @align_mask: the start index is a multiple of (align_mask + 1)
 * Return: the start index, or a value greater than @size - @nr when no such
 * area exists.
 */
unsigned long bitmap_find_next_zero_area(const unsigned long *map,
					 unsigned long size,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask);

/*
 * As above, but the alignment applies to (index + @align_offset): used when
 * bit 0 of the map is itself not aligned (a CMA area whose base is aligned
 * less than the request).
 */
unsigned long bitmap_find_next_zero_area_off(const unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned long nr,
					     unsigned long align_mask,
					     unsigned long align_offset);

/* Number of set bits in [0, size). */
unsigned long bitmap_weight(const unsigned long *map, unsigned long size);

/* Length of the longest run of clear bits in [0, size). */
unsigned long bitmap_largest_zero_run(const unsigned long *map, unsigned long size);

#endif /* _CONTIG_BITMAP_H */
