// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device model: devices, drivers, and binding them (include/contig/device.h).
 *
 * Two global lists, every device and every driver, each entry pointing at
 * its bus; bus_lock guards both lists and the devices' binding state. A
 * device that may have a driver has probe_pending set (by device_add(),
 * and for every unbound device of a bus when a driver registers there);
 * probe_pending_devices() takes such devices one at a time and binds them:
 *
 *   1. the first driver on the device's bus whose bus->match() accepts it
 *      (for a device whose probe failed, the first one registered after
 *      the driver that failed: that one and those before it had their try);
 *   2. the device's DMA memory: dma_configure() (its CMA regions and
 *      coherent pool, from the DT), once: a deferred device keeps it;
 *   3. bus->probe(): 0 binds the device; -EPROBE_DEFER defers it; any
 *      other error fails it (named in a message) and dma_deconfigure()
 *      frees its memory binding.
 * dma_configure() and dma_deconfigure() are all this file calls of the DMA
 * layer (kernel/dma/), which keeps its own list of configured devices.
 *
 * Deferred probe: every successful probe bumps probe_gen; a deferred
 * device is tried again once probe_gen has moved since it deferred, so a
 * device waiting for another one is retried right after that one binds.
 * The loop ends when no device is pending and no deferred device has seen
 * a new successful probe. device_report_deferred() names the devices still
 * deferred (the platform bus calls it at the end of boot).
 *
 * Locking: probe() and remove() run under probe_lock, a mutex (never under
 * bus_lock, a spinlock), so they may allocate, carve a CMA area and wait
 * for other CPUs (drain IPIs, migration). probe_lock makes binding one
 * device at a time; when code running under it (a probe() that adds a
 * child device, or registers a driver) asks for probing again, the
 * request is left to the loop already running on this CPU
 * (mutex_is_locked_by_me()), which picks the new work up before it ends.
 * device_del() and driver_unregister() take probe_lock too (unless this
 * CPU holds it already), so a device never goes away while it is probed.
 * Functions named _locked need bus_lock held and assert it.
 */
#define pr_fmt(fmt) "device: " fmt

#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/mutex.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <libfdt.h>

static DEFINE_SPINLOCK(bus_lock);
static DEFINE_MUTEX(probe_lock);
static LIST_HEAD(device_list);
static LIST_HEAD(driver_list);
static unsigned int probe_gen; /* successful probes so far, under bus_lock */

/* Counts bounded by the list lengths would do; this just stops a runaway. */
#define PROBE_LOOP_LIMIT 100000

static const char *const state_names[] = {
	[DEVICE_UNBOUND] = "unbound",
	[DEVICE_BOUND] = "bound",
	[DEVICE_DEFERRED] = "deferred",
	[DEVICE_FAILED] = "failed",
};

/** device_state_name - the name of a device state, for messages */
const char *device_state_name(enum device_state state)
{
	return state < ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

/**
 * device_initialize - prepare @dev for device_add()
 * @dev: the device (its bus, parent and driver_data may be set before or after)
 * @fmt: printf-style name; at most DEVICE_NAME_LEN - 1 characters are kept
 *
 * Sets the DMA masks to 32 bits, of_node to -1 (no DT node) and empty
 * lists; leaves @dev->bus, @dev->parent and @dev->driver_data alone.
 */
void device_initialize(struct device *dev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dev->name, sizeof(dev->name), fmt, ap);
	va_end(ap);
	dev->driver = NULL;
	dev->of_node = -1;
	dev->dma_mask = 0xffffffffULL;
	dev->coherent_dma_mask = 0xffffffffULL;
	dev->cma = NULL;
	dev->dma_pool = NULL;
	INIT_LIST_HEAD(&dev->bus_node);
	INIT_LIST_HEAD(&dev->dma_allocs);
	spin_lock_init(&dev->dma_lock, "device->dma_lock");
	INIT_LIST_HEAD(&dev->dma_node);
	dev->state = DEVICE_UNBOUND;
	dev->probe_err = 0;
	dev->failed_drv = NULL;
	dev->probe_calls = 0;
	dev->defer_gen = 0;
	dev->probe_pending = false;
}

/* The device named @name. Caller holds bus_lock. */
static struct device *device_find_locked(const char *name)
{
	struct device *dev;

	assert_spin_locked(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

/**
 * device_find - look a device up by name
 * Return: the device, or NULL. It stays valid until device_del().
 */
struct device *device_find(const char *name)
{
	struct device *dev;

	spin_lock(&bus_lock);
	dev = device_find_locked(name);
	spin_unlock(&bus_lock);
	return dev;
}

/**
 * device_find_by_node - the device made for DT node @node
 * Return: the device, or NULL (also for @node < 0).
 */
struct device *device_find_by_node(int node)
{
	struct device *dev, *found = NULL;

	if (node < 0)
		return NULL;
	spin_lock(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node) {
		if (dev->of_node == node) {
			found = dev;
			break;
		}
	}
	spin_unlock(&bus_lock);
	return found;
}

/**
 * device_for_each - call @fn for every device, oldest first
 * @fn: called under the bus lock (see contig/device.h)
 * @arg: passed to @fn
 * Return: the first non-zero value @fn returned, or 0.
 */
int device_for_each(int (*fn)(struct device *dev, void *arg), void *arg)
{
	struct device *dev;
	int ret = 0;

	spin_lock(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node) {
		ret = fn(dev, arg);
		if (ret)
			break;
	}
	spin_unlock(&bus_lock);
	return ret;
}

/**
 * of_match_node - the entry of @table compatible with DT node @node
 * @table: ends with an entry whose compatible is NULL
 * @fdt: the device tree
 * @node: the node
 * Return: the first matching entry, or NULL.
 */
const struct of_device_id *of_match_node(const struct of_device_id *table,
					 const void *fdt, int node)
{
	if (!table || !fdt || node < 0)
		return NULL;
	for (; table->compatible; table++)
		if (!fdt_node_check_compatible(fdt, node, table->compatible))
			return table;
	return NULL;
}

/*
 * The first driver of @dev's bus that matches it; for a failed device,
 * the first after the driver that failed (drivers are in the order they
 * registered). Caller holds bus_lock.
 */
static struct device_driver *find_driver_locked(struct device *dev)
{
	struct device_driver *drv;
	bool skip = dev->state == DEVICE_FAILED && dev->failed_drv;

	assert_spin_locked(&bus_lock);
	if (!dev->bus || !dev->bus->match)
		return NULL;
	list_for_each_entry(drv, &driver_list, node) {
		if (skip) {
			skip = drv != dev->failed_drv;
			continue;
		}
		if (drv->bus == dev->bus && dev->bus->match(dev, drv))
			return drv;
	}
	return NULL;
}

/* The next device to try, marked as tried. Caller holds bus_lock. */
static struct device *next_pending_locked(void)
{
	struct device *dev;

	assert_spin_locked(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node) {
		if (dev->probe_pending) {
			dev->probe_pending = false;
			return dev;
		}
		if (dev->state == DEVICE_DEFERRED && dev->defer_gen != probe_gen) {
			dev->defer_gen = probe_gen;
			return dev;
		}
	}
	return NULL;
}

/* Bind @dev to a driver if one matches. Caller holds probe_lock. */
static void try_bind(struct device *dev)
{
	struct device_driver *drv;
	int ret;

	assert_mutex_locked(&probe_lock);
	spin_lock(&bus_lock);
	drv = dev->state == DEVICE_BOUND ? NULL : find_driver_locked(dev);
	spin_unlock(&bus_lock);
	if (!drv)
		return;

	ret = dma_configure(dev);
	if (ret) {
		dev_err(dev, "cannot bind its DMA memory: %s (%d); driver %s not probed\n",
			errname(ret), ret, drv->name);
		spin_lock(&bus_lock);
		dev->probe_err = ret;
		dev->state = DEVICE_FAILED;
		spin_unlock(&bus_lock);
		return;
	}
	spin_lock(&bus_lock);
	dev->driver = drv;
	dev->probe_calls++;
	spin_unlock(&bus_lock);
	ret = dev->bus->probe ? dev->bus->probe(dev) : 0;

	spin_lock(&bus_lock);
	if (!ret) {
		dev->state = DEVICE_BOUND;
		dev->probe_err = 0;
		dev->failed_drv = NULL;
		probe_gen++;
	} else if (ret == -EPROBE_DEFER) {
		dev->driver = NULL;
		dev->state = DEVICE_DEFERRED;
		dev->defer_gen = probe_gen;
	} else {
		dev->driver = NULL;
		dev->state = DEVICE_FAILED;
		dev->probe_err = ret;
		dev->failed_drv = drv;
	}
	spin_unlock(&bus_lock);

	if (!ret) {
		dev_dbg(dev, "bound to driver %s\n", drv->name);
	} else if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "driver %s deferred its probe\n", drv->name);
	} else {
		dev_err(dev, "driver %s failed to probe: %s (%d)\n", drv->name, errname(ret),
			ret);
		dma_deconfigure(dev);
	}
}

/* Take probe_lock unless this CPU holds it. Return: whether it was taken. */
static bool probe_lock_take(void)
{
	if (mutex_is_locked_by_me(&probe_lock))
		return false;
	mutex_lock(&probe_lock);
	return true;
}

/*
 * Bind every device that may have a driver now. On a CPU that is already
 * binding (a probe() added a device or a driver), leave it to that loop.
 */
static void probe_pending_devices(void)
{
	struct device *dev;
	unsigned int rounds = 0;

	if (!probe_lock_take())
		return;
	for (;;) {
		spin_lock(&bus_lock);
		dev = next_pending_locked();
		spin_unlock(&bus_lock);
		if (!dev)
			break;
		ASSERT_MSG(++rounds < PROBE_LOOP_LIMIT, "probe loop ran %u times (%s)", rounds,
			   dev->name);
		try_bind(dev);
	}
	mutex_unlock(&probe_lock);
}

/**
 * device_add - make @dev known and try to bind a driver to it
 * @dev: initialised with device_initialize(); a device without a bus is
 *       only recorded (never probed)
 *
 * Return: 0 (also when no driver matched, or the probe deferred or
 * failed: see @dev->state); -EINVAL for an unnamed or already added
 * device; -EEXIST when a device of that name exists.
 */
int device_add(struct device *dev)
{
	int ret = 0;

	if (!dev || !dev->name[0])
		return -EINVAL;
	spin_lock(&bus_lock);
	if (!list_empty(&dev->bus_node)) /* added already */
		ret = -EINVAL;
	else if (device_find_locked(dev->name))
		ret = -EEXIST;
	if (ret) {
		spin_unlock(&bus_lock);
		return ret;
	}
	list_add_tail(&dev->bus_node, &device_list);
	dev->probe_pending = dev->bus != NULL;
	spin_unlock(&bus_lock);
	probe_pending_devices();
	return 0;
}

/* Unbind @dev from its driver and memory. Caller holds probe_lock. */
static void release_driver(struct device *dev)
{
	assert_mutex_locked(&probe_lock);
	if (dev->driver && dev->bus && dev->bus->remove)
		dev->bus->remove(dev);
	spin_lock(&bus_lock);
	dev->driver = NULL;
	dev->state = DEVICE_UNBOUND;
	dev->probe_pending = true; /* another driver may take it */
	spin_unlock(&bus_lock);
	dma_deconfigure(dev);
}

/**
 * device_del - unbind @dev (its driver's remove(), then its memory) and
 * forget it
 * @dev: a device added with device_add()
 *
 * Buffers the device still holds are reported and given back (see
 * dma_deconfigure()). The caller may free @dev afterwards.
 */
void device_del(struct device *dev)
{
	bool took, added;

	if (!dev)
		return;
	spin_lock(&bus_lock);
	added = !list_empty(&dev->bus_node);
	spin_unlock(&bus_lock);
	if (!added)
		return;
	took = probe_lock_take();
	release_driver(dev);
	spin_lock(&bus_lock);
	list_del_init(&dev->bus_node);
	dev->probe_pending = false;
	spin_unlock(&bus_lock);
	if (took)
		mutex_unlock(&probe_lock);
}

/**
 * driver_register - make @drv known and bind it to the devices it matches
 * @drv: with a name and a bus
 * Return: 0; -EINVAL without a name or bus; -EEXIST when the bus has a
 * driver of that name.
 */
int driver_register(struct device_driver *drv)
{
	struct device_driver *d;
	struct device *dev;

	if (!drv || !drv->name || !*drv->name || !drv->bus)
		return -EINVAL;
	spin_lock(&bus_lock);
	list_for_each_entry(d, &driver_list, node) {
		if (d == drv || (d->bus == drv->bus && !strcmp(d->name, drv->name))) {
			spin_unlock(&bus_lock);
			return -EEXIST;
		}
	}
	list_add_tail(&drv->node, &driver_list);
	/*
	 * Offer the new driver the devices of its bus that have none and that
	 * it matches; a device another driver failed to probe is not retried
	 * with that driver because an unrelated one came along, and one the
	 * new driver matches gets the new driver (find_driver_locked() starts
	 * after the one that failed).
	 */
	list_for_each_entry(dev, &device_list, bus_node)
		if (dev->bus == drv->bus && dev->state != DEVICE_BOUND &&
		    (!drv->bus->match || drv->bus->match(dev, drv)))
			dev->probe_pending = true;
	spin_unlock(&bus_lock);
	probe_pending_devices();
	return 0;
}

/**
 * driver_unregister - unbind @drv from its devices and forget it
 * @drv: a driver (one that is not registered is left alone)
 *
 * Each bound device gets remove() and loses its memory binding; the
 * devices are then offered to the other drivers of the bus.
 */
void driver_unregister(struct device_driver *drv)
{
	struct device_driver *d;
	struct device *dev;
	bool took, found = false;

	if (!drv)
		return;
	spin_lock(&bus_lock);
	list_for_each_entry(d, &driver_list, node)
		found |= d == drv;
	spin_unlock(&bus_lock);
	if (!found)
		return; /* never registered, or unregistered already */
	took = probe_lock_take();
	do {
		found = false;
		spin_lock(&bus_lock);
		list_for_each_entry(dev, &device_list, bus_node) {
			if (dev->driver == drv) {
				found = true;
				break;
			}
		}
		spin_unlock(&bus_lock);
		if (found)
			release_driver(dev);
	} while (found);
	spin_lock(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node)
		if (dev->failed_drv == drv)
			dev->failed_drv = NULL; /* it leaves the list find_driver_locked() walks */
	list_del_init(&drv->node);
	spin_unlock(&bus_lock);
	if (took)
		mutex_unlock(&probe_lock);
	probe_pending_devices();
}

/**
 * device_report_deferred - name the devices whose probe is still deferred
 * Return: how many there are.
 */
unsigned int device_report_deferred(void)
{
	struct device *dev;
	unsigned int n = 0;

	spin_lock(&bus_lock);
	list_for_each_entry(dev, &device_list, bus_node) {
		if (dev->state != DEVICE_DEFERRED)
			continue;
		n++;
		dev_warn(dev, "probe deferred %u time(s) and never completed: what it waits for never appeared (check its DT references and drivers)\n",
			 dev->probe_calls);
	}
	spin_unlock(&bus_lock);
	return n;
}
