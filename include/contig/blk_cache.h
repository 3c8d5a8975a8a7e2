/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The block read cache (drivers/block/blk_cache.c): a clean, discardable
 * page cache of a disk, built on pcache (contig/movable.h). Reads fill it
 * one page at a time; its pages are __GFP_CLEAN, so they borrow CMA
 * regions that lend only to clean cache first ("borrow=clean"), and a
 * carve there simply drops them: the next read of that page goes to the
 * device again. The disk is read-only, so cached pages are never dirty.
 */
#ifndef _CONTIG_BLK_CACHE_H
#define _CONTIG_BLK_CACHE_H

#include <contig/blkdev.h>
#include <contig/movable.h>

/* Disks larger than this are cached up to it (the entry table is sized by it). */
#define BLK_CACHE_MAX_BYTES (256ULL << 20)

struct blk_cache;

/*
 * The cache of @bdev, created on first use. Return: the cache, or NULL
 * (with a message) when out of memory.
 */
struct blk_cache *blk_cache_get(struct blk_device *bdev);

/*
 * blk_cache_read - read @len bytes at byte @offset of the disk into @buf
 * through the cache. Any CPU, process context, interrupts enabled;
 * concurrent readers are fine.
 * Return: 0; -EINVAL beyond the cached part of the disk; -ENOMEM; or the
 * device's error for a miss (nothing is cached then).
 */
int blk_cache_read(struct blk_cache *bc, u64 offset, void *buf, size_t len);

/* Bytes of the disk the cache covers, and its counters. */
u64 blk_cache_size(const struct blk_cache *bc);
void blk_cache_stats(struct blk_cache *bc, struct pcache_stats *st);

/* Shell: "blk read <disk> [size]" and "blk cache" (drivers/block/blk_cache.c). */
int blk_cache_shell(int argc, char **argv);

#endif /* _CONTIG_BLK_CACHE_H */
