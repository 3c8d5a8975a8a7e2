// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtio over MMIO (virtio 1.x, section 4.2): a platform driver for
 * "virtio,mmio" DT nodes. QEMU's vexpress-a9 adds four of them to the DTB
 * it is given (it finds the GIC node and appends the nodes at the root):
 * virtio_mmio@10013000, @10013200, @10013400 and @10013600, 0x200 bytes of
 * registers each, edge-triggered SPIs 40-43 (GIC IDs 72-75), with
 * "dma-coherent". QEMU plugs the first -device into the last transport.
 * A transport with device ID 0 has nothing behind it: the driver binds it
 * (it is the transport's driver) and registers no virtio device.
 *
 * Only the modern register layout (version 2) is driven. QEMU 7.2 shows
 * version 1 (legacy) unless started with -global virtio-mmio.force-legacy=
 * false, which scripts/qemu-arm.sh passes; a legacy transport is refused
 * with a message saying so.
 *
 * Queues: selected with QueueSel, sized to at most VIRTIO_MMIO_MAX_QUEUE
 * entries (a power of two no larger than QueueNumMax), their three areas
 * programmed through QueueDesc/Driver/Device and enabled with QueueReady.
 * The rings are coherent memory of this platform device (the one cma_map=
 * and the DMA masks apply to).
 *
 * Interrupts: one line per transport, requested at probe. The handler
 * reads InterruptStatus, acknowledges exactly those bits in InterruptACK,
 * and on a used-buffer interrupt runs vring_interrupt() for every queue;
 * a configuration change is only acknowledged (no driver reads a
 * configuration that changes).
 *
 * Locking: vm->lock (interrupts masked) guards the queue list the
 * interrupt handler walks; queue setup and removal run in probe/remove.
 * The handler runs the drivers' callbacks with vm->lock held, so a
 * driver's queue lock nests inside it.
 */
#define pr_fmt(fmt) "virtio_mmio: " fmt

#include <contig/arch.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/platform_device.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/virtio.h>
#include <contig/virtio_mmio.h>

/* Largest queue set up: its rings fit in one page (see virtio_ring.c). */
#define VIRTIO_MMIO_MAX_QUEUE 128
#define VIRTIO_MMIO_RESET_TIMEOUT_NS 1000000000ULL

struct virtio_mmio_device {
	struct virtio_device vdev;
	struct platform_device *pdev;
	void __iomem *base;
	int irq;
	spinlock_t lock; /* vdev.vqs against the interrupt handler */
};

#define to_vm(v) container_of(v, struct virtio_mmio_device, vdev)

static u8 vm_get_status(struct virtio_device *vdev)
{
	return (u8)readl(to_vm(vdev)->base + VIRTIO_MMIO_STATUS);
}

static void vm_set_status(struct virtio_device *vdev, u8 status)
{
	/* Writing 0 resets: use vm_reset(), which waits for it. */
	WARN_ON(status == 0);
	writel(status, to_vm(vdev)->base + VIRTIO_MMIO_STATUS);
}

static int vm_reset(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm = to_vm(vdev);
	u64 t0 = arch_clock_ns();

	writel(0, vm->base + VIRTIO_MMIO_STATUS);
	/* 4.2.3.1: a modern device is reset when the status reads back 0. */
	while (readl(vm->base + VIRTIO_MMIO_STATUS)) {
		if (arch_clock_ns() - t0 > VIRTIO_MMIO_RESET_TIMEOUT_NS)
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
	return 0;
}

static u64 vm_get_features(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm = to_vm(vdev);
	u64 features;

	writel(1, vm->base + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	features = (u64)readl(vm->base + VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	writel(0, vm->base + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	return features | readl(vm->base + VIRTIO_MMIO_DEVICE_FEATURES);
}

static void vm_finalize_features(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm = to_vm(vdev);

	writel(1, vm->base + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)(vdev->features >> 32), vm->base + VIRTIO_MMIO_DRIVER_FEATURES);
	writel(0, vm->base + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)vdev->features, vm->base + VIRTIO_MMIO_DRIVER_FEATURES);
}

/* 4.2.2.2: configuration fields are read with accesses of their width. */
static void vm_get_config(struct virtio_device *vdev, unsigned int offset, void *buf,
			  unsigned int len)
{
	void __iomem *p = to_vm(vdev)->base + VIRTIO_MMIO_CONFIG + offset;
	u8 *out = buf;
	u16 w;
	u32 l;

	switch (len) {
	case 1:
		*out = readb(p);
		break;
	case 2:
		w = readw(p);
		out[0] = (u8)w;
		out[1] = (u8)(w >> 8);
		break;
	case 4:
	case 8:
		for (; len; len -= 4, p += 4, out += 4) {
			l = readl(p);
			out[0] = (u8)l;
			out[1] = (u8)(l >> 8);
			out[2] = (u8)(l >> 16);
			out[3] = (u8)(l >> 24);
		}
		break;
	default:
		dev_err(&vdev->dev, "configuration read of %u bytes at %#x: fields are 1, 2, 4 or 8 bytes\n",
			len, offset);
		break;
	}
}

static u32 vm_generation(struct virtio_device *vdev)
{
	return readl(to_vm(vdev)->base + VIRTIO_MMIO_CONFIG_GENERATION);
}

static bool vm_notify(struct virtqueue *vq)
{
	writel(vq->index, to_vm(vq->vdev)->base + VIRTIO_MMIO_QUEUE_NOTIFY);
	return true;
}

static void write_addr(void __iomem *lo, dma_addr_t addr)
{
	writel((u32)addr, lo);
	writel((u32)(addr >> 32), lo + 4);
}

static struct virtqueue *vm_setup_vq(struct virtio_device *vdev, unsigned int index,
				     unsigned int max_num, vq_callback_t callback,
				     const char *name)
{
	struct virtio_mmio_device *vm = to_vm(vdev);
	struct virtqueue *vq;
	unsigned long flags;
	unsigned int num;

	writel(index, vm->base + VIRTIO_MMIO_QUEUE_SEL);
	if (readl(vm->base + VIRTIO_MMIO_QUEUE_READY)) {
		dev_err(&vdev->dev, "queue %u (%s) is already in use\n", index, name);
		return NULL;
	}
	num = readl(vm->base + VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (!num) {
		dev_err(&vdev->dev, "the device has no queue %u (%s)\n", index, name);
		return NULL;
	}
	num = min(num, (unsigned int)VIRTIO_MMIO_MAX_QUEUE);
	if (max_num)
		num = min(num, max_num);
	num = 1U << ilog2_u64(num); /* a split queue's size is a power of two */

	vq = vring_create_virtqueue(index, num, &vm->pdev->dev, vdev, vm_notify, callback,
				    name);
	if (!vq)
		return NULL;
	writel(num, vm->base + VIRTIO_MMIO_QUEUE_NUM);
	write_addr(vm->base + VIRTIO_MMIO_QUEUE_DESC_LOW, virtqueue_get_desc_addr(vq));
	write_addr(vm->base + VIRTIO_MMIO_QUEUE_AVAIL_LOW, virtqueue_get_avail_addr(vq));
	write_addr(vm->base + VIRTIO_MMIO_QUEUE_USED_LOW, virtqueue_get_used_addr(vq));
	writel(1, vm->base + VIRTIO_MMIO_QUEUE_READY);

	spin_lock_irqsave(&vm->lock, flags);
	list_add_tail(&vq->list, &vdev->vqs);
	spin_unlock_irqrestore(&vm->lock, flags);
	return vq;
}

static void vm_del_vqs(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm = to_vm(vdev);
	unsigned long flags;

	while (!list_empty(&vdev->vqs)) {
		struct virtqueue *vq = container_of(vdev->vqs.next, struct virtqueue, list);

		spin_lock_irqsave(&vm->lock, flags);
		list_del(&vq->list);
		spin_unlock_irqrestore(&vm->lock, flags);
		writel(vq->index, vm->base + VIRTIO_MMIO_QUEUE_SEL);
		WARN_ON(readl(vm->base + VIRTIO_MMIO_QUEUE_READY));
		vring_del_virtqueue(vq);
	}
}

static struct device *vm_dma_dev(struct virtio_device *vdev)
{
	return &to_vm(vdev)->pdev->dev;
}

static const struct virtio_config_ops virtio_mmio_config_ops = {
	.get_status = vm_get_status,
	.set_status = vm_set_status,
	.reset = vm_reset,
	.get_features = vm_get_features,
	.finalize_features = vm_finalize_features,
	.get_config = vm_get_config,
	.generation = vm_generation,
	.setup_vq = vm_setup_vq,
	.del_vqs = vm_del_vqs,
	.dma_dev = vm_dma_dev,
};

static void vm_interrupt(unsigned int irq, void *data)
{
	struct virtio_mmio_device *vm = data;
	struct list_head *pos;
	u32 status;

	status = readl(vm->base + VIRTIO_MMIO_INTERRUPT_STATUS);
	writel(status, vm->base + VIRTIO_MMIO_INTERRUPT_ACK);
	if (!(status & VIRTIO_MMIO_INT_VRING))
		return;
	spin_lock(&vm->lock);
	for (pos = vm->vdev.vqs.next; pos != &vm->vdev.vqs; pos = pos->next)
		vring_interrupt(container_of(pos, struct virtqueue, list));
	spin_unlock(&vm->lock);
}

static int virtio_mmio_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct virtio_mmio_device *vm;
	void __iomem *base;
	u32 magic, version, id;
	int irq, err;

	if (!pdev->num_regs || pdev->reg_size[0] < VIRTIO_MMIO_CONFIG) {
		dev_err(dev, "the DT node needs a reg window of at least %#x bytes\n",
			VIRTIO_MMIO_CONFIG);
		return -EINVAL;
	}
	base = platform_ioremap_resource(pdev, 0);
	if (!base)
		return -ENOMEM;
	magic = readl(base + VIRTIO_MMIO_MAGIC_VALUE);
	if (magic != VIRTIO_MMIO_MAGIC) {
		dev_err(dev, "no virtio-mmio registers here (magic %#x, expected %#x)\n", magic,
			VIRTIO_MMIO_MAGIC);
		return -ENODEV;
	}
	id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	if (!id) {
		/*
		 * An empty slot: QEMU adds four transports, whatever is plugged.
		 * The transport is ours, with nothing behind it (no error).
		 */
		dev_dbg(dev, "no device behind the transport\n");
		return 0;
	}
	version = readl(base + VIRTIO_MMIO_VERSION);
	if (version == 1) {
		dev_err(dev, "legacy virtio-mmio (version 1) is not supported: start QEMU with -global virtio-mmio.force-legacy=false (scripts/qemu-arm.sh does)\n");
		return -ENODEV;
	}
	if (version != 2) {
		dev_err(dev, "virtio-mmio version %u is not supported (only 2)\n", version);
		return -ENODEV;
	}
	irq = platform_get_irq(pdev, 0);
	if (irq < 0) {
		dev_err(dev, "the DT node has no interrupt: add interrupts = <GIC_SPI n IRQ_TYPE_EDGE_RISING>\n");
		return -EINVAL;
	}
	/* Queue addresses are 64-bit registers: any RAM will do. */
	if (dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)))
		dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return -ENOMEM;
	vm->pdev = pdev;
	vm->base = base;
	vm->irq = irq;
	spin_lock_init(&vm->lock, "virtio_mmio");
	vm->vdev.dev.parent = dev;
	vm->vdev.id = id;
	vm->vdev.vendor = readl(base + VIRTIO_MMIO_VENDOR_ID);
	vm->vdev.config = &virtio_mmio_config_ops;
	/* Before request_irq(): the handler walks the queue list. */
	INIT_LIST_HEAD(&vm->vdev.vqs);
	dev_set_drvdata(&pdev->dev, vm);

	err = request_irq(irq, vm_interrupt, vm);
	if (err) {
		dev_err(dev, "cannot have interrupt %d: %d\n", irq, err);
		goto free;
	}
	err = register_virtio_device(&vm->vdev);
	if (err)
		goto irq;
	dev_info(dev, "virtio device type %u (vendor %#x) is %s, interrupt %d\n", id,
		 vm->vdev.vendor, dev_name(&vm->vdev.dev), irq);
	return 0;

irq:
	free_irq(irq);
free:
	dev_set_drvdata(&pdev->dev, NULL);
	kfree(vm);
	return err;
}

static void virtio_mmio_remove(struct platform_device *pdev)
{
	struct virtio_mmio_device *vm = dev_get_drvdata(&pdev->dev);

	if (!vm)
		return; /* an empty slot */
	unregister_virtio_device(&vm->vdev);
	free_irq(vm->irq);
	dev_set_drvdata(&pdev->dev, NULL);
	kfree(vm);
}

static const struct of_device_id virtio_mmio_match[] = {
	{ .compatible = "virtio,mmio" },
	{}
};

static struct platform_driver virtio_mmio_driver = {
	.probe = virtio_mmio_probe,
	.remove = virtio_mmio_remove,
	.driver = {
		.name = "virtio-mmio",
		.of_match_table = virtio_mmio_match,
	},
};
module_platform_driver(virtio_mmio_driver);
