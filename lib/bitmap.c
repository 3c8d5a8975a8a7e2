// SPDX-License-Identifier: GPL-2.0-only
/* Bitmap helpers for the CMA area bitmaps and window allocators. */
#include <contig/bitmap.h>

/** bitmap_set - set bits [@start, @start + @len) of @map */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long len)
{
	while (len && start % BITS_PER_LONG) {
		__set_bit(start++, map);
		len--;
	}
	while (len >= (unsigned long)BITS_PER_LONG) {
		map[start / BITS_PER_LONG] = ~0UL;
		start += BITS_PER_LONG;
		len -= BITS_PER_LONG;
	}
	while (len--)
		__set_bit(start++, map);
}

/** bitmap_clear - clear bits [@start, @start + @len) of @map */
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long len)
{
	while (len && start % BITS_PER_LONG) {
		__clear_bit(start++, map);
		len--;
	}
	while (len >= (unsigned long)BITS_PER_LONG) {
		map[start / BITS_PER_LONG] = 0;
		start += BITS_PER_LONG;
		len -= BITS_PER_LONG;
	}
	while (len--)
		__clear_bit(start++, map);
}

/*
 * Whether any of the eight words at @p has a bit that, XORed with @invert
 * (0 or ~0UL, a constant where it is inlined), is set: one AND or OR of
 * the eight and one compare.
 */
static __always_inline bool any_of_eight(const unsigned long *p, unsigned long invert)
{
	if (invert)
		return (p[0] & p[1] & p[2] & p[3] & p[4] & p[5] & p[6] & p[7]) != ~0UL;
	return (p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7]) != 0;
}

/*
 * The first index in [@start, @size) whose bit, XORed with @invert (0 or
 * ~0UL), is set; @size when none. Whole words are passed eight at a time:
 * a CMA area's search crosses every word of the buffers in front of the
 * first free window.
 */
static __always_inline unsigned long find_next(const unsigned long *map, unsigned long size,
					       unsigned long start, unsigned long invert)
{
	const unsigned long *p, *end;
	unsigned long word;

	if (start >= size)
		return size;
	p = map + start / BITS_PER_LONG;
	end = map + DIV_ROUND_UP(size, BITS_PER_LONG);
	word = (*p ^ invert) & (~0UL << (start % BITS_PER_LONG));
	if (!word) {
		for (p++; end - p >= 8 && !any_of_eight(p, invert); p += 8)
			;
		for (; p < end; p++) {
			word = *p ^ invert;
			if (word)
				break;
		}
		if (p == end)
			return size;
	}
	return min((unsigned long)(p - map) * BITS_PER_LONG + (unsigned long)__builtin_ctzl(word),
		   size);
}

/**
 * find_next_bit - first set bit at or after @start
 * Return: its index, or @size when there is none.
 */
unsigned long find_next_bit(const unsigned long *map, unsigned long size,
			    unsigned long start)
{
	return find_next(map, size, start, 0);
}

/**
 * find_next_zero_bit - first clear bit at or after @start
 * Return: its index, or @size when there is none.
 */
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long start)
{
	return find_next(map, size, start, ~0UL);
}

/**
 * bitmap_find_next_zero_area - find @nr clear bits starting at a multiple
 * of (@align_mask + 1), at or after @start
 * Return: the first index, or a value > @size - @nr when none exists.
 */
unsigned long bitmap_find_next_zero_area(const unsigned long *map,
					 unsigned long size,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask)
{
	return bitmap_find_next_zero_area_off(map, size, start, nr, align_mask, 0);
}

/**
 * bitmap_find_next_zero_area_off - find @nr clear bits whose first index
 * plus @align_offset is a multiple of (@align_mask + 1)
 * Return: the first index, or a value > @size - @nr when none exists.
 */
unsigned long bitmap_find_next_zero_area_off(const unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned long nr,
					     unsigned long align_mask,
					     unsigned long align_offset)
{
	unsigned long index, end, busy;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		index = ((index + align_offset + align_mask) & ~align_mask) -
			align_offset;
		end = index + nr;
		if (end > size || end < index)
			return size + 1;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		start = busy + 1;
	}
}

/** bitmap_weight - number of set bits in [0, @size) */
unsigned long bitmap_weight(const unsigned long *map, unsigned long size)
{
	unsigned long w = 0, i;

	for (i = 0; i < size / BITS_PER_LONG; i++)
		w += (unsigned long)__builtin_popcountl(map[i]);
	if (size % BITS_PER_LONG)
		w += (unsigned long)__builtin_popcountl(
			map[i] & ((1UL << (size % BITS_PER_LONG)) - 1));
	return w;
}

/**
 * bitmap_largest_zero_run - the longest run of clear bits in [0, @size)
 * @map: the bitmap
 * @size: number of bits
 *
 * Return: the length of the longest run, 0 when every bit is set.
 */
unsigned long bitmap_largest_zero_run(const unsigned long *map, unsigned long size)
{
	unsigned long start = 0, best = 0;

	while (start < size) {
		unsigned long zero = find_next_zero_bit(map, size, start), one;

		if (zero >= size)
			break;
		one = find_next_bit(map, size, zero);
		best = max(best, one - zero);
		start = one;
	}
	return best;
}
