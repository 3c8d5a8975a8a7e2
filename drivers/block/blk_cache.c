// SPDX-License-Identifier: GPL-2.0-only
/*
 * The block read cache (contig/blk_cache.h).
 *
 * One cache per disk, made on first use and kept for good (the table
 * below; disks are never removed on these boards, and a cache is never
 * freed, so a pointer from blk_cache_get() stays valid). Each is a pcache
 * of the disk's pages whose fill callback reads one page from the device
 * with blk_read() into the freshly allocated page (streaming DMA into its
 * linear alias). pcache does the rest: a miss allocates a __GFP_CLEAN page,
 * which the page allocator takes from a "borrow=clean" region first; a
 * carve there discards the page, and the next read of it misses and reads
 * the device again. Nothing writes the disk, so no page is ever dirty.
 *
 * Locking: blk_cache_lock guards the table (creation); a cache's pages and
 * counters are pcache's (its own lock). The fill runs outside every lock,
 * so concurrent misses on different pages read the device in parallel
 * (two misses on one page both read it; pcache keeps the first).
 */
#define pr_fmt(fmt) "blk_cache: " fmt

#include <contig/blk_cache.h>
#include <contig/cma.h>
#include <contig/crc32.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/parse.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>

#define BLK_CACHE_DISKS 4

struct blk_cache {
	struct blk_device *bdev;
	struct pcache *pc;
	u64 size; /* bytes cached: the disk, at most BLK_CACHE_MAX_BYTES */
};

static struct blk_cache *caches[BLK_CACHE_DISKS];
static unsigned int nr_caches;
static DEFINE_SPINLOCK(blk_cache_lock);

/* pcache fill: page @index of the disk; past the end of a short last page, zeroes. */
static int blk_cache_fill(void *buf, unsigned long index, void *priv)
{
	struct blk_cache *bc = priv;
	u64 off = (u64)index << PAGE_SHIFT;
	size_t len = (size_t)min_t(u64, PAGE_SIZE, bc->size - off);

	if (len < PAGE_SIZE)
		memset((u8 *)buf + len, 0, PAGE_SIZE - len);
	return blk_read(bc->bdev, off >> SECTOR_SHIFT, buf, len);
}

/**
 * blk_cache_get - the read cache of a disk, made on first use
 * @bdev: the disk
 *
 * Return: the cache, or NULL (with a message) when the table is full, the
 * disk is smaller than a block, or memory ran out.
 */
struct blk_cache *blk_cache_get(struct blk_device *bdev)
{
	struct blk_cache *bc = NULL, *fresh;
	unsigned int i;
	u64 size;

	spin_lock(&blk_cache_lock);
	for (i = 0; i < nr_caches; i++)
		if (caches[i]->bdev == bdev)
			bc = caches[i];
	spin_unlock(&blk_cache_lock);
	if (bc)
		return bc;

	/* Whole blocks only: a read is a multiple of the block size. */
	size = min_t(u64, bdev->nr_sectors << SECTOR_SHIFT, BLK_CACHE_MAX_BYTES);
	size = ALIGN_DOWN(size, (u64)bdev->block_size);
	if (!size || PAGE_SIZE % bdev->block_size) {
		dev_err(&bdev->dev, "cannot cache: %llu bytes in blocks of %u (a cache reads whole blocks of at most a page)\n",
			(unsigned long long)size, bdev->block_size);
		return NULL;
	}
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (fresh) {
		fresh->bdev = bdev;
		fresh->size = size;
		fresh->pc = pcache_create(dev_name(&bdev->dev),
					  (unsigned long)DIV_ROUND_UP(size, PAGE_SIZE),
					  blk_cache_fill, fresh);
	}
	if (!fresh || !fresh->pc) {
		dev_err(&bdev->dev, "no memory for a read cache of %llu bytes\n",
			(unsigned long long)size);
		kfree(fresh);
		return NULL;
	}

	spin_lock(&blk_cache_lock);
	for (i = 0; i < nr_caches; i++)
		if (caches[i]->bdev == bdev)
			bc = caches[i];
	if (!bc && nr_caches < BLK_CACHE_DISKS) {
		bc = fresh;
		caches[nr_caches] = fresh;
		/* Publish the entry before the count covers it. */
		__atomic_store_n(&nr_caches, nr_caches + 1, __ATOMIC_RELEASE);
		fresh = NULL;
	}
	spin_unlock(&blk_cache_lock);
	if (fresh) {
		/* Someone else made it meanwhile, or the table is full. */
		pcache_destroy(fresh->pc);
		kfree(fresh);
		if (!bc)
			dev_err(&bdev->dev, "no room for another read cache (%d disks)\n",
				BLK_CACHE_DISKS);
	}
	return bc;
}

/**
 * blk_cache_read - read through the cache
 * @bc: the cache
 * @offset: byte offset in the disk
 * @buf: where to copy
 * @len: bytes
 *
 * Whole pages go straight from the cache into @buf; partial ones through
 * a page-sized bounce buffer.
 *
 * Return: 0; -EINVAL for a range outside the cached part of the disk;
 * -ENOMEM; or the device's error on a miss.
 */
int blk_cache_read(struct blk_cache *bc, u64 offset, void *buf, size_t len)
{
	u8 *bounce = NULL, *out = buf;
	int err = 0;

	if (offset > bc->size || len > bc->size - offset)
		return -EINVAL;
	while (len && !err) {
		unsigned long index = (unsigned long)(offset >> PAGE_SHIFT);
		size_t in = offset & (PAGE_SIZE - 1), n = min_t(size_t, len, PAGE_SIZE - in);

		if (!in && n == PAGE_SIZE) {
			err = pcache_read(bc->pc, index, out);
		} else {
			if (!bounce)
				bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
			if (!bounce)
				return -ENOMEM;
			err = pcache_read(bc->pc, index, bounce);
			if (!err)
				memcpy(out, bounce + in, n);
		}
		out += n;
		offset += n;
		len -= n;
	}
	kfree(bounce);
	return err;
}

/** blk_cache_size - bytes of the disk @bc covers */
u64 blk_cache_size(const struct blk_cache *bc)
{
	return bc->size;
}

/** blk_cache_stats - @bc's counters (pcache's: cached, misses, discarded) */
void blk_cache_stats(struct blk_cache *bc, struct pcache_stats *st)
{
	pcache_get_stats(bc->pc, st);
}

/* ---- shell ---------------------------------------------------------------- */

/* "blk read <disk> [size]": read the disk (or its first @size bytes). */
static int blk_cache_shell_read(const char *name, const char *size_arg)
{
	struct blk_device *bdev = blk_find(name);
	struct pcache_stats before, after;
	struct blk_cache *bc;
	u64 size, off;
	bool ovf = false;
	u32 crc = 0;
	u8 *buf;
	int err = 0;

	if (!bdev) {
		printk("error: no disk named \"%s\" (the disks are vda, vdb, ...)\n", name);
		return -ENODEV;
	}
	bc = blk_cache_get(bdev);
	if (!bc)
		return -ENOMEM;
	size = bc->size;
	if (size_arg) {
		const char *end;

		size = memparse(size_arg, &end, &ovf);
		if (end == size_arg || *end || ovf || !size) {
			printk("error: cannot parse size \"%s\"; use e.g. 4M\n", size_arg);
			return -EINVAL;
		}
		size = min(size, bc->size);
	}
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	blk_cache_stats(bc, &before);
	for (off = 0; off < size && !err; off += PAGE_SIZE) {
		size_t n = (size_t)min_t(u64, PAGE_SIZE, size - off);

		err = blk_cache_read(bc, off, buf, n);
		if (!err)
			crc = crc32_ieee(crc, buf, n);
	}
	kfree(buf);
	blk_cache_stats(bc, &after);
	if (err) {
		printk("error: %s: read at byte %llu failed: %d\n", name,
		       (unsigned long long)(off - PAGE_SIZE), err);
		return err;
	}
	printk("%s: read %llu bytes through the cache, crc32 %08x: %lu pages read from the disk, %lu cached now\n",
	       name, (unsigned long long)size, crc, after.misses - before.misses, after.cached);
	return 0;
}

/* "blk cache": every cache and where its pages are. */
static int blk_cache_shell_list(void)
{
	unsigned int i, n = __atomic_load_n(&nr_caches, __ATOMIC_ACQUIRE);

	printk("%-6s %10s %8s %8s %10s\n", "disk", "bytes", "cached", "misses", "discarded");
	for (i = 0; i < n; i++) {
		struct pcache_stats st;

		blk_cache_stats(caches[i], &st);
		printk("%-6s %10llu %8lu %8lu %10lu\n", dev_name(&caches[i]->bdev->dev),
		       (unsigned long long)caches[i]->size, st.cached, st.misses, st.discarded);
	}
	printk("(pages; discarded = dropped by carves and read again on the next hit; cma list shows where they live)\n");
	return 0;
}

/**
 * blk_cache_shell - the shell's "blk" command
 * @argc: words
 * @argv: "blk", "read", disk[, size] or "blk", "cache"
 *
 * Return: 0, or a negative errno after a message; -EINVAL for a usage
 * error (the shell prints the usage).
 */
int blk_cache_shell(int argc, char **argv)
{
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "read"))
		return blk_cache_shell_read(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc == 2 && !strcmp(argv[1], "cache"))
		return blk_cache_shell_list();
	return -EINVAL;
}
