// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtio block driver (virtio 1.x, section 5.2), reads only: the disk
 * behind a virtio device of type 2 becomes a struct blk_device ("vda").
 *
 * One request queue. A read is a chain of three descriptors: the request
 * header (type IN, sector; device-readable), the caller's buffer
 * (device-writable, one descriptor however large: the buffer is
 * contiguous), and one status byte (device-writable). Headers and status
 * bytes live in a coherent array of command slots, one per request that
 * may be in flight (queue size / 3, at most VIRTBLK_MAX_INFLIGHT); it is a
 * page or less, so it comes from the page allocator, not from a CMA region.
 * The status byte is set to 0xff before each request, so a device that
 * completes without writing it is caught.
 *
 * Completion (interrupt context, from the transport's handler): take every
 * used request, map the status (OK -> 0, IOERR -> -EIO, UNSUPP ->
 * -EOPNOTSUPP; a short write or a missing status -> -EIO), free its slot,
 * then call blk_complete() with the lock dropped, so an end_io() may submit
 * the next request at once.
 *
 * Failure: a broken queue (the device misbehaved), an abort (a request
 * timed out) or removal resets the device, completes every request in
 * flight with an error and takes the disk offline (-ENODEV from then on).
 *
 * Locking: vblk->lock, taken with interrupts masked, guards the queue, the
 * slots and the offline flag.
 */
#define pr_fmt(fmt) "virtio_blk: " fmt

#include <contig/blkdev.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/virtio.h>
#include <contig/virtio_blk.h>

#define VIRTBLK_MAX_INFLIGHT 32
#define VIRTBLK_STATUS_POISON 0xff
/* Without VIRTIO_BLK_F_SIZE_MAX a descriptor may carry up to 4 GiB - 1. */
#define VIRTBLK_DEFAULT_MAX_REQUEST 0x80000000U

struct virtblk_cmd {
	struct virtio_blk_outhdr hdr;
	u8 status;
} __aligned(32);

struct virtio_blk {
	struct blk_device bdev;
	struct virtio_device *vdev;
	struct virtqueue *vq;
	char vq_name[DEVICE_NAME_LEN + 12];

	spinlock_t lock;
	bool offline;
	unsigned int nr_slots;
	struct blk_request *slot_rq[VIRTBLK_MAX_INFLIGHT]; /* NULL: free */
	struct virtblk_cmd *cmds;
	dma_addr_t cmds_dma;
};

#define to_vblk(b) container_of(b, struct virtio_blk, bdev)

static struct blk_request *virtblk_fail_all_locked(struct virtio_blk *vblk, int error);
static void virtblk_complete_list(struct virtio_blk *vblk, struct blk_request *rq);

static int virtblk_submit(struct blk_device *bdev, struct blk_request *rq)
{
	struct virtio_blk *vblk = to_vblk(bdev);
	struct blk_request *failed = NULL;
	struct virtblk_cmd *cmd;
	struct vq_buf bufs[3];
	unsigned long flags;
	unsigned int tag;
	int err;

	spin_lock_irqsave(&vblk->lock, flags);
	if (vblk->offline) {
		spin_unlock_irqrestore(&vblk->lock, flags);
		return -ENODEV;
	}
	for (tag = 0; tag < vblk->nr_slots && vblk->slot_rq[tag]; tag++)
		;
	if (tag == vblk->nr_slots) {
		spin_unlock_irqrestore(&vblk->lock, flags);
		return -EBUSY;
	}
	cmd = &vblk->cmds[tag];
	cmd->hdr.type = VIRTIO_BLK_T_IN;
	cmd->hdr.reserved = 0;
	cmd->hdr.sector = rq->sector;
	cmd->status = VIRTBLK_STATUS_POISON;
	bufs[0] = (struct vq_buf){ vblk->cmds_dma + tag * sizeof(*cmd),
				   sizeof(cmd->hdr), false };
	bufs[1] = (struct vq_buf){ rq->dma, rq->len, true };
	bufs[2] = (struct vq_buf){ vblk->cmds_dma + tag * sizeof(*cmd) +
					   offsetof(struct virtblk_cmd, status),
				   1, true };
	rq->tag = tag;
	err = virtqueue_add(vblk->vq, bufs, 3, rq);
	if (!err) {
		vblk->slot_rq[tag] = rq;
		/* A queue that broke takes the disk offline; @rq fails with it. */
		if (!virtqueue_kick(vblk->vq))
			failed = virtblk_fail_all_locked(vblk, -EIO);
	} else if (err == -ENOSPC) {
		err = -EBUSY;
	} else if (err == -EIO) {
		failed = virtblk_fail_all_locked(vblk, -EIO);
		err = -ENODEV;
	}
	spin_unlock_irqrestore(&vblk->lock, flags);
	virtblk_complete_list(vblk, failed);
	return err;
}

static int virtblk_status_error(struct virtio_blk *vblk, struct blk_request *rq, u8 status,
				u32 written)
{
	const char *what;
	int err;

	if (status == VIRTIO_BLK_S_OK && written == rq->len + 1)
		return 0;
	if (status == VIRTIO_BLK_S_OK) {
		what = "short transfer";
		err = -EIO;
	} else if (status == VIRTIO_BLK_S_IOERR) {
		what = "I/O error";
		err = -EIO;
	} else if (status == VIRTIO_BLK_S_UNSUPP) {
		what = "request not supported";
		err = -EOPNOTSUPP;
	} else {
		what = "no status";
		err = -EIO;
	}
	dev_err(&vblk->bdev.dev, "%s reading sectors %llu-%llu (device status %u, %u of %u bytes written)\n",
		what, (unsigned long long)rq->sector,
		(unsigned long long)(rq->sector + (rq->len >> SECTOR_SHIFT) - 1), status,
		written ? written - 1 : 0, rq->len);
	return err;
}

/* Collect the used requests (lock held), as a list through rq->next. */
static struct blk_request *virtblk_reap_locked(struct virtio_blk *vblk)
{
	struct blk_request *done = NULL, **tail = &done, *rq;
	u32 written;

	assert_spin_locked(&vblk->lock);
	while ((rq = virtqueue_get_buf(vblk->vq, &written)) != NULL) {
		u8 status = __atomic_load_n(&vblk->cmds[rq->tag].status, __ATOMIC_RELAXED);

		ASSERT_MSG(rq->tag < vblk->nr_slots && vblk->slot_rq[rq->tag] == rq,
			   "tag %u of %u, slot holds %p, request %p", rq->tag, vblk->nr_slots,
			   (void *)vblk->slot_rq[rq->tag], (void *)rq);
		vblk->slot_rq[rq->tag] = NULL;
		rq->error = virtblk_status_error(vblk, rq, status, written);
		rq->next = NULL;
		*tail = rq;
		tail = &rq->next;
	}
	return done;
}

/*
 * Reset the device and collect every request still in flight with @error
 * (lock held). The disk is offline from now on.
 */
static struct blk_request *virtblk_fail_all_locked(struct virtio_blk *vblk, int error)
{
	struct blk_request *done = NULL, *rq;

	assert_spin_locked(&vblk->lock);
	vblk->offline = true;
	virtio_reset_device(vblk->vdev);
	while ((rq = virtqueue_detach_unused_buf(vblk->vq)) != NULL) {
		vblk->slot_rq[rq->tag] = NULL;
		rq->error = error;
		rq->next = done;
		done = rq;
	}
	return done;
}

static void virtblk_complete_list(struct virtio_blk *vblk, struct blk_request *rq)
{
	while (rq) {
		struct blk_request *next = rq->next;

		blk_complete(&vblk->bdev, rq, rq->error);
		rq = next;
	}
}

static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->priv;
	struct blk_request *done, *failed = NULL;

	spin_lock(&vblk->lock);
	done = virtblk_reap_locked(vblk);
	if (virtqueue_is_broken(vq) && !vblk->offline) {
		dev_err(&vblk->bdev.dev, "the device broke its request queue: reset, disk offline\n");
		failed = virtblk_fail_all_locked(vblk, -EIO);
	}
	spin_unlock(&vblk->lock);
	virtblk_complete_list(vblk, done);
	virtblk_complete_list(vblk, failed);
}

static void virtblk_abort(struct blk_device *bdev)
{
	struct virtio_blk *vblk = to_vblk(bdev);
	struct blk_request *failed;
	unsigned long flags;

	spin_lock_irqsave(&vblk->lock, flags);
	dev_err(&bdev->dev, "a read did not complete within %u ms: device reset, disk offline\n",
		BLK_TIMEOUT_MS);
	failed = virtblk_fail_all_locked(vblk, -ETIMEDOUT);
	spin_unlock_irqrestore(&vblk->lock, flags);
	virtblk_complete_list(vblk, failed);
}

static const struct blk_device_ops virtblk_ops = {
	.submit = virtblk_submit,
	.abort = virtblk_abort,
};

static int virtblk_probe(struct virtio_device *vdev)
{
	struct device *dma_dev = virtio_dma_dev(vdev);
	struct virtio_blk *vblk;
	u64 capacity;
	u32 v;
	int err = -ENOMEM;

	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vblk->vdev = vdev;
	spin_lock_init(&vblk->lock, "virtio_blk");
	snprintf(vblk->vq_name, sizeof(vblk->vq_name), "%s/requests", dev_name(&vdev->dev));
	vblk->vq = vdev->config->setup_vq(vdev, 0, 0, virtblk_done, vblk->vq_name);
	if (!vblk->vq)
		goto free;
	vblk->vq->priv = vblk;
	vblk->nr_slots = min(virtqueue_get_vring_size(vblk->vq) / 3,
			     (unsigned int)VIRTBLK_MAX_INFLIGHT);
	vblk->cmds = dma_alloc_coherent(dma_dev, vblk->nr_slots * sizeof(*vblk->cmds),
					&vblk->cmds_dma, GFP_KERNEL);
	if (!vblk->cmds)
		goto reset; /* the queue is live: the device must let go of it */

	virtio_cread_field(vdev, struct virtio_blk_config, capacity, &capacity);
	vblk->bdev.nr_sectors = capacity;
	vblk->bdev.block_size = SECTOR_SIZE;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE)) {
		virtio_cread_field(vdev, struct virtio_blk_config, blk_size, &v);
		if (is_power_of_2(v) && v >= SECTOR_SIZE && v <= 65536)
			vblk->bdev.block_size = v;
		else
			dev_warn(&vdev->dev, "ignoring block size %u (not a power of two in 512..64K)\n",
				 v);
	}
	vblk->bdev.max_request = VIRTBLK_DEFAULT_MAX_REQUEST;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX)) {
		virtio_cread_field(vdev, struct virtio_blk_config, size_max, &v);
		if (v >= vblk->bdev.block_size)
			vblk->bdev.max_request = ALIGN_DOWN(v, vblk->bdev.block_size);
	}
	vblk->bdev.max_inflight = vblk->nr_slots;
	vblk->bdev.dma_dev = dma_dev;
	vblk->bdev.ops = &virtblk_ops;
	vblk->bdev.dev.parent = &vdev->dev;
	dev_set_drvdata(&vdev->dev, vblk);

	virtio_device_ready(vdev);
	err = blk_device_add(&vblk->bdev);
	if (err)
		goto reset;
	dev_info(&vblk->bdev.dev, "%llu KiB (%llu sectors) on %s, %u-entry queue, %u requests in flight\n",
		 (unsigned long long)(capacity >> 1), (unsigned long long)capacity,
		 dev_name(dma_dev), virtqueue_get_vring_size(vblk->vq), vblk->nr_slots);
	return 0;

reset:
	virtio_reset_device(vdev);
	if (vblk->cmds)
		dma_free_coherent(dma_dev, vblk->nr_slots * sizeof(*vblk->cmds), vblk->cmds,
				  vblk->cmds_dma);
	vdev->config->del_vqs(vdev);
free:
	dev_set_drvdata(&vdev->dev, NULL);
	kfree(vblk);
	return err;
}

static void virtblk_remove(struct virtio_device *vdev)
{
	struct virtio_blk *vblk = dev_get_drvdata(&vdev->dev);
	struct blk_request *failed;
	unsigned long flags;

	/* The consumer lets go of the disk first. */
	blk_device_del(&vblk->bdev);
	spin_lock_irqsave(&vblk->lock, flags);
	failed = virtblk_fail_all_locked(vblk, -ENODEV);
	spin_unlock_irqrestore(&vblk->lock, flags);
	virtblk_complete_list(vblk, failed);
	vdev->config->del_vqs(vdev);
	dma_free_coherent(virtio_dma_dev(vdev), vblk->nr_slots * sizeof(*vblk->cmds),
			  vblk->cmds, vblk->cmds_dma);
	dev_set_drvdata(&vdev->dev, NULL);
	kfree(vblk);
}

static const u32 virtblk_ids[] = { VIRTIO_ID_BLOCK, 0 };
static const unsigned int virtblk_features[] = {
	VIRTIO_BLK_F_SIZE_MAX,
	VIRTIO_BLK_F_BLK_SIZE,
};

static struct virtio_driver virtio_blk_driver = {
	.driver = { .name = "virtio_blk" },
	.id_table = virtblk_ids,
	.feature_table = virtblk_features,
	.feature_table_size = ARRAY_SIZE(virtblk_features),
	.probe = virtblk_probe,
	.remove = virtblk_remove,
};
module_virtio_driver(virtio_blk_driver);
