/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The check of arch_copy_clear_pages() that the portable "arch" suite runs
 * on every port and the ARM port's "arm_page" suite runs on each of its two
 * loops (the fused VFP-D32 one and copy-then-zero): @pages pages copied
 * from a source block to a destination block, each with a guard page on
 * either side. Afterwards the destination holds what the source held, the
 * source is all zero, and the guard pages of both keep their bytes. The
 * two patterns never agree at any offset (odd source bytes, even
 * destination ones), so a block skipped, repeated or misplaced shows.
 */
#ifndef _TESTS_KTEST_COPY_CLEAR_CHECK_H
#define _TESTS_KTEST_COPY_CLEAR_CHECK_H

#include <contig/arch.h>
#include <contig/ktest.h>
#include <contig/mm.h>

static inline u8 copy_clear_src_byte(unsigned long i)
{
	return (u8)(i * 7 + 1) | 1;
}

static inline u8 copy_clear_dst_byte(unsigned long i)
{
	return ((u8)(i * 13) & 0xfe) | 0x80;
}

/* Return: true when every byte is as it should be. */
static inline bool copy_clear_check(struct ktest *t, unsigned long pages)
{
	unsigned long size = (pages + 2) * PAGE_SIZE, i;
	unsigned long bad_dst = 0, bad_src = 0, bad_guard = 0;
	unsigned int order = 0;
	u8 *s, *d;

	while ((1UL << order) < pages + 2)
		order++;
	s = get_free_pages(GFP_KERNEL, order);
	d = get_free_pages(GFP_KERNEL, order);
	if (!s || !d) {
		ktest_fail(t, __FILE__, __LINE__, "no order-%u blocks for %lu pages (%p %p)", order,
			   pages, (void *)s, (void *)d);
		goto out;
	}
	for (i = 0; i < size; i++) {
		s[i] = copy_clear_src_byte(i);
		d[i] = copy_clear_dst_byte(i);
	}
	arch_copy_clear_pages(d + PAGE_SIZE, s + PAGE_SIZE, pages * PAGE_SIZE);
	for (i = 0; i < size; i++) {
		if (i >= PAGE_SIZE && i < (pages + 1) * PAGE_SIZE) {
			bad_dst += d[i] != copy_clear_src_byte(i);
			bad_src += s[i] != 0;
		} else {
			bad_guard += s[i] != copy_clear_src_byte(i) || d[i] != copy_clear_dst_byte(i);
		}
	}
	if (bad_dst || bad_src || bad_guard)
		ktest_fail(t, __FILE__, __LINE__,
			   "%lu pages: %lu destination bytes differ from the old source, %lu source "
			   "bytes not zero, %lu guard bytes changed", pages, bad_dst, bad_src,
			   bad_guard);
out:
	if (s)
		free_pages(s, order);
	if (d)
		free_pages(d, order);
	return s && d && !bad_dst && !bad_src && !bad_guard;
}

#endif /* _TESTS_KTEST_COPY_CLEAR_CHECK_H */
