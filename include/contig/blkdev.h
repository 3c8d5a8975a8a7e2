/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Block devices (drivers/block/blk_core.c): a disk that reads 512-byte
 * sectors by DMA straight into the caller's buffer. There is no page
 * cache and no bio layer: a request is one contiguous buffer, which is
 * what contiguous (CMA) buffers make possible.
 *
 * A disk driver (drivers/block/virtio_blk.c) registers a struct
 * blk_device named "vda", "vdb", ... on the "block" bus; consumers
 * (the vcam capture driver) are blk_drivers on that bus, offered every
 * disk (a probe that fails is reported by the device core, so a consumer
 * that does not want a disk binds it and leaves it alone).
 *
 * Buffers are DMA memory of blk_dma_dev(): the device that does the DMA
 * (for a virtio disk, the transport's platform device), whose CMA binding
 * and masks apply. Two ways in:
 *   blk_read()      a cacheable kernel buffer (kmalloc, linear map): mapped
 *                   with dma_map_single(DMA_FROM_DEVICE) for the transfer,
 *                   so the caches are invalidated around it
 *   blk_read_dma()  a buffer the caller already has a bus address for
 *                   (dma_alloc_coherent() of blk_dma_dev())
 * Both wait for the transfer. blk_submit() starts one without waiting; its
 * end_io() runs in interrupt context when the device is done.
 *
 * Errors: -EINVAL for a request that does not fit the disk (length not a
 * non-zero multiple of the block size, beyond the last sector, larger than
 * a request may be), -EIO when the device reported an error, -ETIMEDOUT
 * when it did not complete within BLK_TIMEOUT_MS (the driver then resets
 * the device and the disk goes offline), -ENODEV once the disk is offline
 * or gone.
 */
#ifndef _CONTIG_BLKDEV_H
#define _CONTIG_BLKDEV_H

#include <contig/atomic.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/types.h>

#define SECTOR_SHIFT 9
#define SECTOR_SIZE 512
#define BLK_TIMEOUT_MS 10000

typedef u64 sector_t;

struct blk_device;
struct blk_request;

typedef void (*blk_end_io_t)(struct blk_request *rq);

struct blk_request {
	sector_t sector;      /* first sector */
	u32 len;              /* bytes */
	dma_addr_t dma;       /* the buffer, mapped for blk_dma_dev() */
	blk_end_io_t end_io;  /* interrupt context; may submit again */
	void *private;        /* the submitter's */
	int error;            /* set before end_io(): 0 or a negative errno */

	/* The driver's while the request is in flight. */
	unsigned int tag;
	struct blk_request *next;
};

struct blk_device_ops {
	/* Start @rq (checked by blk_submit()). Return: 0, -EBUSY (no free
	 * slot: retry after a completion), -ENODEV (offline). */
	int (*submit)(struct blk_device *bdev, struct blk_request *rq);
	/* A request did not complete in time: stop the device, complete every
	 * request in flight with -ETIMEDOUT, take the disk offline. */
	void (*abort)(struct blk_device *bdev);
};

struct blk_device {
	struct device dev;          /* "vda"; parent: the virtio device */
	sector_t nr_sectors;        /* capacity, 512-byte sectors */
	u32 block_size;             /* requests are multiples of it, aligned */
	u32 max_request;            /* bytes one request may carry */
	unsigned int max_inflight;  /* requests the device takes at once */
	struct device *dma_dev;     /* the device that does the DMA */
	const struct blk_device_ops *ops;

	/* Counters, for the shell and the tests. */
	atomic_long_t reads, read_bytes, errors;
};

struct blk_driver {
	struct device_driver driver;
	int (*probe)(struct blk_device *bdev);
	void (*remove)(struct blk_device *bdev);
};

#define dev_to_blk(d) container_of(d, struct blk_device, dev)

extern const struct bus_type blk_bus_type;

static inline struct device *blk_dma_dev(struct blk_device *bdev)
{
	return bdev->dma_dev;
}

/*
 * blk_device_add - name @bdev "vdX" (the next letter) and add it to the
 * block bus. The driver fills nr_sectors, sizes, dma_dev and ops first.
 * Return: 0 or a negative errno.
 */
int blk_device_add(struct blk_device *bdev);
/* Unbind its consumer and forget @bdev. */
void blk_device_del(struct blk_device *bdev);

int blk_driver_register(struct blk_driver *drv);

/* module_blk_driver - register @drv at boot (module_driver()) */
#define module_blk_driver(drv) module_driver(drv, blk_driver_register)

/* The disk named @name ("vda"), or NULL. */
struct blk_device *blk_find(const char *name);

/**
 * blk_submit - start a read of @rq->len bytes at @rq->sector into @rq->dma
 * Return: 0 (@rq->end_io() will run), or a negative errno (it will not):
 * -EINVAL with a message naming the disk for a request that does not fit,
 * -EBUSY when the device has no free slot, -ENODEV when offline.
 */
int blk_submit(struct blk_device *bdev, struct blk_request *rq);

/**
 * blk_read_dma - read @len bytes at @sector into the buffer at bus address
 * @dma, and wait. Process context, interrupts enabled.
 * Return: 0 or a negative errno (see the top of this file).
 */
int blk_read_dma(struct blk_device *bdev, sector_t sector, dma_addr_t dma, size_t len);

/**
 * blk_read - read @len bytes at @sector into the cacheable kernel buffer
 * @buf (streaming DMA: mapped DMA_FROM_DEVICE for the transfer), and wait.
 * Return: 0 or a negative errno; -ENOMEM when @buf cannot be mapped.
 */
int blk_read(struct blk_device *bdev, sector_t sector, void *buf, size_t len);

/*
 * blk_abort - a request did not complete within BLK_TIMEOUT_MS: the driver
 * stops the device and completes everything in flight with -ETIMEDOUT.
 */
void blk_abort(struct blk_device *bdev);

/*
 * blk_wait - spin until an end_io() sets *@word to @value (acquire), aborting
 * the disk every BLK_TIMEOUT_MS meanwhile, so the wait always ends. For
 * callers of blk_submit() that wait for their own requests. Process
 * context, interrupts enabled.
 */
void blk_wait(struct blk_device *bdev, const int *word, int value);

/* The driver reports a completed request: counts it and calls end_io(). */
void blk_complete(struct blk_device *bdev, struct blk_request *rq, int error);

#endif /* _CONTIG_BLKDEV_H */
