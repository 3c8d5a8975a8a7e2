// SPDX-License-Identifier: GPL-2.0-only
/*
 * The block layer, such as it is (contig/blkdev.h): the "block" bus that
 * disk drivers add disks to and consumers bind to, request checking, and
 * the synchronous reads built on blk_submit().
 *
 * A synchronous read submits one request per max_request bytes and spins
 * (arch_cpu_relax(), an interrupt window on every port) until its end_io()
 * flags it done: blk_wait(), which a consumer that submits its own
 * requests (vcam) waits with too. A request the device has not completed
 * after BLK_TIMEOUT_MS is aborted through the driver, which resets the
 * device and completes it with -ETIMEDOUT: the caller's buffer is never
 * left owned by a device that might still write it.
 *
 * Drivers declared with module_blk_driver() are registered at boot with
 * the other built-in drivers (module_driver(), platform_bus_init()).
 */
#define pr_fmt(fmt) "blk: " fmt

#include <contig/arch.h>
#include <contig/blkdev.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/string.h>

static atomic_t blk_index = ATOMIC_INIT(0);

#define drv_to_blk(d) container_of(d, struct blk_driver, driver)

static bool blk_match(struct device *dev, struct device_driver *drv)
{
	/* Every consumer is offered every disk; its probe decides. */
	return true;
}

static int blk_probe(struct device *dev)
{
	return drv_to_blk(dev->driver)->probe(dev_to_blk(dev));
}

static void blk_remove(struct device *dev)
{
	drv_to_blk(dev->driver)->remove(dev_to_blk(dev));
}

const struct bus_type blk_bus_type = {
	.name = "block",
	.match = blk_match,
	.probe = blk_probe,
	.remove = blk_remove,
};

/**
 * blk_device_add - name @bdev and add it to the block bus
 * @bdev: nr_sectors, block_size, max_request, max_inflight, dma_dev, ops
 *        and dev.parent filled in
 *
 * Return: 0, or a negative errno from the device core.
 */
int blk_device_add(struct blk_device *bdev)
{
	struct device *parent = bdev->dev.parent;
	int idx = atomic_inc_return(&blk_index) - 1;

	ASSERT_MSG(bdev->ops && bdev->dma_dev && bdev->block_size >= SECTOR_SIZE &&
			   is_power_of_2(bdev->block_size) && bdev->max_request >= bdev->block_size,
		   "block device: ops %p dma_dev %p block_size %u max_request %u",
		   (const void *)bdev->ops, (void *)bdev->dma_dev, bdev->block_size,
		   bdev->max_request);
	if (idx < 26)
		device_initialize(&bdev->dev, "vd%c", 'a' + idx);
	else
		device_initialize(&bdev->dev, "vd%d", idx);
	bdev->dev.parent = parent;
	bdev->dev.bus = &blk_bus_type;
	atomic_long_set(&bdev->reads, 0);
	atomic_long_set(&bdev->read_bytes, 0);
	atomic_long_set(&bdev->errors, 0);
	return device_add(&bdev->dev);
}

/**
 * blk_device_del - unbind the disk's consumer and forget the disk
 * @bdev: an added disk
 */
void blk_device_del(struct blk_device *bdev)
{
	device_del(&bdev->dev);
}

/**
 * blk_driver_register - add a consumer of disks
 * @drv: with probe() and remove()
 *
 * Return: 0 or a negative errno (with a message).
 */
int blk_driver_register(struct blk_driver *drv)
{
	int err;

	if (!drv->probe || !drv->remove) {
		pr_err("driver %s: needs probe() and remove()\n",
		       drv->driver.name ? drv->driver.name : "(unnamed)");
		return -EINVAL;
	}
	drv->driver.bus = &blk_bus_type;
	err = driver_register(&drv->driver);
	if (err)
		pr_err("cannot register driver %s: %d\n", drv->driver.name, err);
	return err;
}

/**
 * blk_find - the disk named @name
 * @name: "vda", ...
 *
 * Return: the disk, or NULL when there is none of that name.
 */
struct blk_device *blk_find(const char *name)
{
	struct device *dev = device_find(name);

	return dev && dev->bus == &blk_bus_type ? dev_to_blk(dev) : NULL;
}

static int blk_check(struct blk_device *bdev, const struct blk_request *rq)
{
	u64 nr = rq->len >> SECTOR_SHIFT;

	if (!rq->end_io) {
		dev_err(&bdev->dev, "request without end_io\n");
		return -EINVAL;
	}
	if (!rq->len || rq->len % bdev->block_size ||
	    (rq->sector << SECTOR_SHIFT) % bdev->block_size) {
		dev_err(&bdev->dev, "read of %u bytes at sector %llu: length and offset must be non-zero multiples of the %u-byte block\n",
			rq->len, (unsigned long long)rq->sector, bdev->block_size);
		return -EINVAL;
	}
	if (rq->len > bdev->max_request) {
		dev_err(&bdev->dev, "read of %u bytes: at most %u bytes a request\n", rq->len,
			bdev->max_request);
		return -EINVAL;
	}
	if (rq->sector >= bdev->nr_sectors || nr > bdev->nr_sectors - rq->sector) {
		dev_err(&bdev->dev, "read of sectors %llu-%llu: beyond the end of the disk (%llu sectors)\n",
			(unsigned long long)rq->sector,
			(unsigned long long)(rq->sector + nr - 1),
			(unsigned long long)bdev->nr_sectors);
		return -EINVAL;
	}
	return 0;
}

/**
 * blk_submit - start reading @rq
 * @bdev: the disk
 * @rq: sector, len, dma and end_io filled in
 *
 * Return: 0 when @rq->end_io() will run, else a negative errno.
 */
int blk_submit(struct blk_device *bdev, struct blk_request *rq)
{
	int err = blk_check(bdev, rq);

	if (err)
		return err;
	rq->error = 0;
	return bdev->ops->submit(bdev, rq);
}

/**
 * blk_complete - the driver is done with @rq
 * @bdev: the disk
 * @rq: the request
 * @error: 0 or a negative errno
 *
 * Counts the request and calls its end_io() (interrupt context).
 */
void blk_complete(struct blk_device *bdev, struct blk_request *rq, int error)
{
	atomic_long_inc(&bdev->reads);
	if (error)
		atomic_long_inc(&bdev->errors);
	else
		atomic_long_add(rq->len, &bdev->read_bytes);
	rq->error = error;
	rq->end_io(rq);
}

/**
 * blk_abort - give up on the requests in flight
 * @bdev: a disk whose device did not complete a request in BLK_TIMEOUT_MS
 *
 * The driver resets the device, completes every request with -ETIMEDOUT
 * and takes the disk offline.
 */
void blk_abort(struct blk_device *bdev)
{
	bdev->ops->abort(bdev);
}

struct blk_waiter {
	int done;
};

static void blk_sync_end_io(struct blk_request *rq)
{
	struct blk_waiter *w = rq->private;

	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

static bool timed_out(u64 t0)
{
	return arch_clock_ns() - t0 > (u64)BLK_TIMEOUT_MS * 1000000;
}

/**
 * blk_wait - wait for a completion to set @word to @value
 * @bdev: the disk the awaited request was submitted to
 * @word: set by an end_io() (interrupt context), with a release store
 * @value: what it will be set to
 *
 * Spins (arch_cpu_relax(), an interrupt window) until *@word == @value,
 * read with acquire ordering so the request's results are visible. Every
 * BLK_TIMEOUT_MS without it, the disk is aborted (blk_abort()): the driver
 * resets the device and completes every request in flight, so the wait
 * always ends. Process context, interrupts enabled.
 */
void blk_wait(struct blk_device *bdev, const int *word, int value)
{
	u64 t0 = arch_clock_ns();

	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != value) {
		if (timed_out(t0)) {
			/* Completes every request in flight, the awaited one included. */
			blk_abort(bdev);
			t0 = arch_clock_ns();
		}
		arch_cpu_relax();
	}
}

/* Submit @rq (retrying while the device is busy) and wait for it. */
static int blk_submit_wait(struct blk_device *bdev, struct blk_request *rq)
{
	struct blk_waiter w = { 0 };
	u64 t0 = arch_clock_ns();
	int err;

	rq->end_io = blk_sync_end_io;
	rq->private = &w;
	while ((err = blk_submit(bdev, rq)) == -EBUSY) {
		if (timed_out(t0)) {
			dev_err(&bdev->dev, "no free request slot for %u ms\n", BLK_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		arch_cpu_relax();
	}
	if (err)
		return err;
	blk_wait(bdev, &w.done, 1);
	return rq->error;
}

/**
 * blk_read_dma - read into a buffer that has a bus address, and wait
 * @bdev: the disk
 * @sector: first sector
 * @dma: the buffer's bus address for blk_dma_dev(@bdev)
 * @len: bytes, a multiple of the block size
 *
 * Return: 0 or a negative errno.
 */
int blk_read_dma(struct blk_device *bdev, sector_t sector, dma_addr_t dma, size_t len)
{
	while (len) {
		struct blk_request rq = { 0 };
		int err;

		rq.sector = sector;
		rq.dma = dma;
		rq.len = (u32)min_t(size_t, len, bdev->max_request);
		err = blk_submit_wait(bdev, &rq);
		if (err)
			return err;
		sector += rq.len >> SECTOR_SHIFT;
		dma += rq.len;
		len -= rq.len;
	}
	return 0;
}

/**
 * blk_read - read into a cacheable kernel buffer, and wait
 * @bdev: the disk
 * @sector: first sector
 * @buf: linear-map buffer (kmalloc)
 * @len: bytes, a multiple of the block size
 *
 * The buffer is mapped DMA_FROM_DEVICE for the transfer: the CPU must not
 * touch it until this returns.
 * Return: 0 or a negative errno.
 */
int blk_read(struct blk_device *bdev, sector_t sector, void *buf, size_t len)
{
	dma_addr_t dma;
	int err;

	if (!len)
		return -EINVAL;
	dma = dma_map_single(bdev->dma_dev, buf, len, DMA_FROM_DEVICE);
	if (dma_mapping_error(bdev->dma_dev, dma)) {
		dev_err(&bdev->dev, "cannot map a %zu-byte buffer at %p for DMA\n", len, buf);
		return -ENOMEM;
	}
	err = blk_read_dma(bdev, sector, dma, len);
	dma_unmap_single(bdev->dma_dev, dma, len, DMA_FROM_DEVICE);
	return err;
}
