/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtio devices and drivers (drivers/virtio/virtio.c), virtio 1.x.
 *
 * A transport (virtio-mmio: drivers/virtio/virtio_mmio.c) finds a device
 * and registers a struct virtio_device named "virtioN" on the virtio bus,
 * its parent being the transport's device. A virtio driver lists the
 * device IDs it handles; the bus matches by ID and runs the initialisation
 * the spec prescribes (3.1.1):
 *
 *   reset -> ACKNOWLEDGE -> DRIVER -> feature negotiation -> FEATURES_OK
 *   (read back: the device may refuse) -> driver probe(): queues, config
 *   -> the driver calls virtio_device_ready() (DRIVER_OK) before it uses
 *   its queues
 *
 * A failed probe sets FAILED. Every driver must accept VIRTIO_F_VERSION_1
 * (the core adds it): legacy devices are not driven. Removal calls the
 * driver's remove(), which resets the device and deletes its queues.
 *
 * DMA: buffers a device reads or writes are mapped for virtio_dma_dev(),
 * the transport's device (e.g. the platform device "virtio_mmio@10013000"),
 * which is the device the CMA binding (cma_map=) and the DMA masks apply to.
 *
 * Locking: probe and remove run one at a time (the device core). The
 * transport's interrupt handler calls vring_interrupt() for each queue.
 */
#ifndef _CONTIG_VIRTIO_H
#define _CONTIG_VIRTIO_H

#include <contig/compiler.h>
#include <contig/device.h>
#include <contig/list.h>
#include <contig/virtio_ring.h>

/* Device status bits (2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER 2
#define VIRTIO_CONFIG_S_DRIVER_OK 4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40
#define VIRTIO_CONFIG_S_FAILED 0x80

/* Feature bits common to every device type (6). */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_F_ACCESS_PLATFORM 33
#define VIRTIO_F_RING_PACKED 34
#define VIRTIO_F_IN_ORDER 35
#define VIRTIO_F_ORDER_PLATFORM 36

/* Device IDs (5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2

struct virtio_device;

/* What a transport does for the core and the drivers. */
struct virtio_config_ops {
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	/* Write 0 to the status and wait for the device to finish resetting.
	 * Return: 0, or -ETIMEDOUT when it never reads back 0. */
	int (*reset)(struct virtio_device *vdev);
	u64 (*get_features)(struct virtio_device *vdev);
	/* Write vdev->features to the device. */
	void (*finalize_features)(struct virtio_device *vdev);
	/* Read @len bytes of the device-specific configuration at @offset. */
	void (*get_config)(struct virtio_device *vdev, unsigned int offset, void *buf,
			   unsigned int len);
	u32 (*generation)(struct virtio_device *vdev);
	/* Set up queue @index with at most @max_num entries (0: the device's
	 * maximum); NULL with a message on failure. */
	struct virtqueue *(*setup_vq)(struct virtio_device *vdev, unsigned int index,
				      unsigned int max_num, vq_callback_t callback,
				      const char *name);
	/* Delete every queue (the device must have been reset). */
	void (*del_vqs)(struct virtio_device *vdev);
	/* The device that does DMA for this virtio device. */
	struct device *(*dma_dev)(struct virtio_device *vdev);
};

struct virtio_device {
	struct device dev; /* "virtioN", parent: the transport's device */
	u32 id;            /* device type, VIRTIO_ID_* */
	u32 vendor;
	u64 features;      /* negotiated */
	const struct virtio_config_ops *config;
	struct list_head vqs; /* the transport's queues (it initialises it) */
};

struct virtio_driver {
	struct device_driver driver;
	const u32 *id_table;          /* device IDs, 0-terminated */
	const unsigned int *feature_table; /* feature bits it can use */
	unsigned int feature_table_size;
	int (*probe)(struct virtio_device *vdev);
	void (*remove)(struct virtio_device *vdev);
};

#define dev_to_virtio(d) container_of(d, struct virtio_device, dev)
#define drv_to_virtio(d) container_of(d, struct virtio_driver, driver)

extern const struct bus_type virtio_bus_type;

/*
 * register_virtio_device - name @vdev "virtioN", set ACKNOWLEDGE and add it
 * to the virtio bus (binding a driver). The transport fills id, vendor,
 * config and dev.parent, and initialises vqs, first.
 * Return: 0 or a negative errno (the device was not added).
 */
int register_virtio_device(struct virtio_device *vdev);
void unregister_virtio_device(struct virtio_device *vdev);

/*
 * register_virtio_driver - add @drv to the virtio bus, binding it to the
 * devices it handles. Drivers declared with module_virtio_driver() are
 * registered at boot with the other built-in drivers (module_driver()).
 */
int register_virtio_driver(struct virtio_driver *drv);

#define module_virtio_driver(drv) module_driver(drv, register_virtio_driver)

/* Set DRIVER_OK: the driver is ready (call before using the queues). */
void virtio_device_ready(struct virtio_device *vdev);

/* Reset the device: it stops using every queue and buffer. */
int virtio_reset_device(struct virtio_device *vdev);

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return bit < 64 && (vdev->features & (1ULL << bit));
}

static inline struct device *virtio_dma_dev(struct virtio_device *vdev)
{
	return vdev->config->dma_dev(vdev);
}

/**
 * virtio_cread - read the device configuration consistently
 * Retries while the configuration generation changes during the read, so
 * a multi-word field (a 64-bit capacity) is never torn.
 */
void virtio_cread(struct virtio_device *vdev, unsigned int offset, void *buf,
		  unsigned int len);

#define virtio_cread_field(vdev, type, member, ptr)                          \
	virtio_cread(vdev, offsetof(type, member), ptr,                      \
		     sizeof(((type *)0)->member))

#endif /* _CONTIG_VIRTIO_H */
