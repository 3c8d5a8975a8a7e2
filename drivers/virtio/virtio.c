// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtio bus (contig/virtio.h): devices that transports register,
 * drivers that name the device IDs they handle, and the initialisation
 * sequence of the virtio 1.x spec (3.1.1) around the driver's probe:
 *
 *   register_virtio_device(): reset, ACKNOWLEDGE, device_add()
 *   virtio_dev_probe():       DRIVER; features: the device's AND the
 *                             driver's table AND what the core handles
 *                             (VERSION_1 required, ACCESS_PLATFORM
 *                             accepted: every address is a DMA address);
 *                             FEATURES_OK, read back; driver probe();
 *                             DRIVER_OK unless the driver set it
 *   any failure:              FAILED, and the reason, naming the device
 *
 * Drivers declared with module_virtio_driver() are registered at boot with
 * the other built-in drivers (module_driver(), platform_bus_init()).
 */
#define pr_fmt(fmt) "virtio: " fmt

#include <contig/atomic.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/virtio.h>

static atomic_t virtio_index = ATOMIC_INIT(0);

static u8 virtio_get_status(struct virtio_device *vdev)
{
	return vdev->config->get_status(vdev);
}

static void virtio_add_status(struct virtio_device *vdev, u8 status)
{
	vdev->config->set_status(vdev, virtio_get_status(vdev) | status);
}

static bool virtio_match(struct device *dev, struct device_driver *drv)
{
	const struct virtio_device *vdev = dev_to_virtio(dev);
	const u32 *id = drv_to_virtio(drv)->id_table;

	for (; id && *id; id++)
		if (*id == vdev->id)
			return true;
	return false;
}

/* Features the core itself handles, whatever the driver. */
#define VIRTIO_CORE_FEATURES \
	((1ULL << VIRTIO_F_VERSION_1) | (1ULL << VIRTIO_F_ACCESS_PLATFORM))

static int virtio_negotiate(struct virtio_device *vdev, const struct virtio_driver *drv)
{
	u64 offered = vdev->config->get_features(vdev);
	u64 wanted = VIRTIO_CORE_FEATURES;
	unsigned int i;

	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		dev_err(&vdev->dev, "the device does not offer VIRTIO_F_VERSION_1 (features %#llx): legacy devices are not supported\n",
			(unsigned long long)offered);
		return -ENODEV;
	}
	for (i = 0; i < drv->feature_table_size; i++)
		if (drv->feature_table[i] < 64)
			wanted |= 1ULL << drv->feature_table[i];
	vdev->features = offered & wanted;
	vdev->config->finalize_features(vdev);
	virtio_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(virtio_get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		dev_err(&vdev->dev, "the device refused features %#llx (it offered %#llx)\n",
			(unsigned long long)vdev->features, (unsigned long long)offered);
		return -ENODEV;
	}
	return 0;
}

static int virtio_dev_probe(struct device *dev)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	struct virtio_driver *drv = drv_to_virtio(dev->driver);
	int err;

	virtio_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
	err = virtio_negotiate(vdev, drv);
	if (err)
		goto fail;
	err = drv->probe(vdev);
	if (err)
		goto fail;
	if (!(virtio_get_status(vdev) & VIRTIO_CONFIG_S_DRIVER_OK))
		virtio_device_ready(vdev);
	return 0;

fail:
	virtio_add_status(vdev, VIRTIO_CONFIG_S_FAILED);
	return err;
}

static void virtio_dev_remove(struct device *dev)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	struct virtio_driver *drv = drv_to_virtio(dev->driver);

	drv->remove(vdev);
	/* The driver reset the device; it is known, but has no driver. */
	WARN_ON(virtio_get_status(vdev) != 0);
	virtio_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
}

const struct bus_type virtio_bus_type = {
	.name = "virtio",
	.match = virtio_match,
	.probe = virtio_dev_probe,
	.remove = virtio_dev_remove,
};

/**
 * virtio_device_ready - set DRIVER_OK
 * @vdev: a device whose driver has set up its queues
 *
 * The device may use the queues from now on.
 */
void virtio_device_ready(struct virtio_device *vdev)
{
	virtio_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
}

/**
 * virtio_reset_device - reset @vdev: it stops using every queue and buffer
 * @vdev: the device
 *
 * Return: 0, or -ETIMEDOUT (with a message) when the device never
 * finished resetting.
 */
int virtio_reset_device(struct virtio_device *vdev)
{
	int err = vdev->config->reset(vdev);

	if (err)
		dev_err(&vdev->dev, "the device did not reset (status stays %#x)\n",
			virtio_get_status(vdev));
	return err;
}

/**
 * virtio_cread - read @len bytes of @vdev's configuration at @offset
 * @vdev: the device
 * @offset: offset in the device-specific configuration
 * @buf: where to put them
 * @len: how many
 *
 * Retries while the configuration generation changes under the read.
 */
void virtio_cread(struct virtio_device *vdev, unsigned int offset, void *buf,
		  unsigned int len)
{
	u32 gen, again;

	do {
		gen = vdev->config->generation(vdev);
		vdev->config->get_config(vdev, offset, buf, len);
		again = vdev->config->generation(vdev);
	} while (gen != again);
}

/**
 * register_virtio_device - add a device a transport found
 * @vdev: id, vendor, config and dev.parent filled in, vqs initialised (the
 *        transport's interrupt handler may walk it before this returns)
 *
 * Return: 0, or a negative errno when the device core refused it.
 */
int register_virtio_device(struct virtio_device *vdev)
{
	struct device *parent = vdev->dev.parent;
	int err;

	device_initialize(&vdev->dev, "virtio%d", atomic_inc_return(&virtio_index) - 1);
	vdev->dev.parent = parent;
	vdev->dev.bus = &virtio_bus_type;
	vdev->features = 0;

	err = virtio_reset_device(vdev);
	if (err)
		return err;
	virtio_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	err = device_add(&vdev->dev);
	if (err)
		dev_err(&vdev->dev, "cannot add the device: %d\n", err);
	return err;
}

/**
 * unregister_virtio_device - unbind the driver and forget @vdev
 * @vdev: a registered device
 */
void unregister_virtio_device(struct virtio_device *vdev)
{
	device_del(&vdev->dev);
	virtio_reset_device(vdev);
}

/**
 * register_virtio_driver - add @drv to the virtio bus
 * @drv: with id_table, probe and remove
 *
 * Return: 0, or a negative errno (with a message).
 */
int register_virtio_driver(struct virtio_driver *drv)
{
	int err;

	if (!drv->id_table || !drv->probe || !drv->remove) {
		pr_err("driver %s: needs an id_table, probe() and remove()\n",
		       drv->driver.name ? drv->driver.name : "(unnamed)");
		return -EINVAL;
	}
	drv->driver.bus = &virtio_bus_type;
	err = driver_register(&drv->driver);
	if (err)
		pr_err("cannot register driver %s: %d\n", drv->driver.name, err);
	return err;
}
