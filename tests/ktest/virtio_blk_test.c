// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "virtio_blk": the virtio block driver's probe failure path,
 * driven through a test transport (struct fake_transport below) that the
 * suite registers on the virtio bus like virtio-mmio would. The transport
 * models what the driver must respect: a queue it set up is live (the
 * device owns its rings) until the device is reset, and deleting a live
 * queue is a bug the transport records. Its DMA device is never bound to
 * memory, so the driver's coherent allocations for it fail, while the
 * rings come from a bound test device (dts/include/contig-dma-test.dtsi);
 * the case skips without one.
 */
#define pr_fmt(fmt) "virtio_blk_test: " fmt

#include <contig/device.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/string.h>
#include <contig/virtio.h>
#include <contig/virtio_blk.h>

#include "dma_test_util.h"

#define FAKE_QUEUE_SIZE 8

struct fake_transport {
	struct virtio_device vdev;
	struct device *ring_dev; /* bound: holds the rings */
	struct device dma_dev;   /* never bound: coherent allocations fail */
	u8 status;
	bool queue_live;         /* set up and not reset since */
	unsigned int resets;
	unsigned int vqs_deleted;
	unsigned int live_deleted; /* queues deleted while the device owned them */
};

#define to_fake(v) container_of(v, struct fake_transport, vdev)

static u8 fake_get_status(struct virtio_device *vdev)
{
	return to_fake(vdev)->status;
}

static void fake_set_status(struct virtio_device *vdev, u8 status)
{
	to_fake(vdev)->status = status;
}

static int fake_reset(struct virtio_device *vdev)
{
	struct fake_transport *f = to_fake(vdev);

	f->status = 0;
	f->queue_live = false;
	f->resets++;
	return 0;
}

static u64 fake_get_features(struct virtio_device *vdev)
{
	return 1ULL << VIRTIO_F_VERSION_1;
}

static void fake_finalize_features(struct virtio_device *vdev)
{
}

static void fake_get_config(struct virtio_device *vdev, unsigned int offset, void *buf,
			    unsigned int len)
{
	memset(buf, 0, len);
}

static u32 fake_generation(struct virtio_device *vdev)
{
	return 0;
}

static bool fake_notify(struct virtqueue *vq)
{
	return true;
}

static struct virtqueue *fake_setup_vq(struct virtio_device *vdev, unsigned int index,
				       unsigned int max_num, vq_callback_t callback,
				       const char *name)
{
	struct fake_transport *f = to_fake(vdev);
	struct virtqueue *vq;

	vq = vring_create_virtqueue(index, FAKE_QUEUE_SIZE, f->ring_dev, vdev, fake_notify,
				    callback, name);
	if (!vq)
		return NULL;
	list_add_tail(&vq->list, &vdev->vqs);
	f->queue_live = true;
	return vq;
}

static void fake_del_vqs(struct virtio_device *vdev)
{
	struct fake_transport *f = to_fake(vdev);

	while (!list_empty(&vdev->vqs)) {
		struct virtqueue *vq = container_of(vdev->vqs.next, struct virtqueue, list);

		list_del(&vq->list);
		f->vqs_deleted++;
		f->live_deleted += f->queue_live;
		vring_del_virtqueue(vq);
	}
}

static struct device *fake_dma_dev(struct virtio_device *vdev)
{
	return &to_fake(vdev)->dma_dev;
}

static const struct virtio_config_ops fake_config_ops = {
	.get_status = fake_get_status,
	.set_status = fake_set_status,
	.reset = fake_reset,
	.get_features = fake_get_features,
	.finalize_features = fake_finalize_features,
	.get_config = fake_get_config,
	.generation = fake_generation,
	.setup_vq = fake_setup_vq,
	.del_vqs = fake_del_vqs,
	.dma_dev = fake_dma_dev,
};

/* Buffers @dev holds (its dma_allocs list). */
static unsigned int buffers_held(struct device *dev)
{
	struct list_head *p;
	unsigned int n = 0;

	spin_lock(&dev->dma_lock);
	list_for_each(p, &dev->dma_allocs)
		n++;
	spin_unlock(&dev->dma_lock);
	return n;
}

static void a_failed_slot_allocation_resets_the_device_before_deleting_its_queue(struct ktest *t)
{
	static struct fake_transport f;
	struct device *ring_dev = dmatest_device(t, "dmatest-plain");
	unsigned int held;
	char log[DMATEST_LOG];
	int err;

	if (!ring_dev)
		return;
	if (!IS_ENABLED(CONFIG_VIRTIO_BLK)) {
		ktest_skip(t, "CONFIG_VIRTIO_BLK=n");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.ring_dev = ring_dev;
	device_initialize(&f.dma_dev, "virtio_blk_test_dma");
	f.vdev.dev.parent = ring_dev;
	f.vdev.id = VIRTIO_ID_BLOCK;
	f.vdev.config = &fake_config_ops;
	INIT_LIST_HEAD(&f.vdev.vqs);
	held = buffers_held(ring_dev);

	printk_capture_begin(log, sizeof(log));
	err = register_virtio_device(&f.vdev);
	printk_capture_end();
	KTEST_ASSERT_EQ(t, err, 0);
	/* The probe failed cleanly: no disk, the reason said. */
	KTEST_EXPECT_EQ(t, f.vdev.dev.state, DEVICE_FAILED);
	KTEST_EXPECT_EQ(t, f.vdev.dev.probe_err, -ENOMEM);
	KTEST_EXPECT_NULL(t, dev_get_drvdata(&f.vdev.dev));
	KTEST_EXPECT_TRUE(t, f.status & VIRTIO_CONFIG_S_FAILED);
	DMATEST_EXPECT_LOG(t, log, "virtio_blk_test_dma: dma_alloc_attrs(): the device is not bound");
	DMATEST_EXPECT_LOG(t, log, "driver virtio_blk failed to probe: ENOMEM");
	/* Its queue was deleted once, after the device let go of it. */
	KTEST_EXPECT_EQ(t, f.vqs_deleted, 1);
	KTEST_EXPECT_EQ(t, f.live_deleted, 0);
	KTEST_EXPECT_FALSE(t, f.queue_live);
	KTEST_EXPECT_GE(t, f.resets, 2); /* registration, then the failed probe */
	KTEST_EXPECT_EQ(t, buffers_held(ring_dev), held);

	unregister_virtio_device(&f.vdev);
	KTEST_EXPECT_EQ(t, f.status, 0);
}

static struct ktest_case virtio_blk_cases[] = {
	KTEST_CASE(a_failed_slot_allocation_resets_the_device_before_deleting_its_queue),
	{}
};

static struct ktest_suite virtio_blk_suite = {
	.name = "virtio_blk",
	.cases = virtio_blk_cases,
};
ktest_register(virtio_blk_suite);
