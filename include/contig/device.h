/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device model (drivers/base/): devices, drivers and the buses that
 * match them. A struct device is what every DMA and allocation call takes;
 * its name is what cma_map= patterns match (see
 * Documentation/driver-api/dma.rst for how a DT node is named).
 *
 * A device is bound to at most one driver. When the bus matches a driver,
 * it first configures the device for DMA (dma_configure(): the per-device
 * CMA handle, see contig/cma_dev.h, and a per-device coherent pool when
 * the DT gives one), then calls the driver's probe(); dma_deconfigure()
 * undoes it after remove() or a failed probe. A probe may return -EPROBE_DEFER when
 * something it needs is not ready; the bus tries it again after every
 * successful probe and reports the devices still deferred at the end of
 * boot, naming them.
 *
 * A device whose probe failed (any error but -EPROBE_DEFER) stays
 * unbound, with the error in its state, until a new driver registers.
 *
 * Locking: the device and driver lists are guarded by the bus lock inside
 * drivers/base; probe() and remove() run without it, one at a time (under
 * the probe lock, which a probe() may re-enter to add or delete devices:
 * those are then handled when the running probe returns). Each device's
 * list of DMA buffers (dma_allocs) is guarded by its own dma_lock; the
 * order is bus lock, then a device's dma_lock. The DMA layer keeps its own
 * list of configured devices (dma_node) under its own lock, taken before a
 * device's dma_lock (kernel/dma/ledger.c).
 */
#ifndef _CONTIG_DEVICE_H
#define _CONTIG_DEVICE_H

#include <contig/list.h>
#include <contig/printk.h>
#include <contig/spinlock.h>
#include <contig/types.h>

#define DEVICE_NAME_LEN 48

struct device;
struct device_driver;
struct cma_dev;          /* per-device CMA handle (contig/cma_dev.h) */
struct dma_coherent_pool; /* per-device coherent pool (kernel DMA core) */

struct bus_type {
	const char *name;
	/* Does @drv handle @dev? */
	bool (*match)(struct device *dev, struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
};

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	const struct of_device_id *of_match_table; /* NULL-compatible terminated */
	struct list_head node;                     /* on the bus's driver list */
};

/* Where a device is in its life (device_state_name() for messages). */
enum device_state {
	DEVICE_UNBOUND,  /* no driver matched (yet) */
	DEVICE_BOUND,    /* probe() succeeded */
	DEVICE_DEFERRED, /* probe() returned -EPROBE_DEFER: tried again later */
	DEVICE_FAILED,   /* probe() failed: probe_err */
};

struct device {
	char name[DEVICE_NAME_LEN]; /* what cma_map= patterns match */
	struct device *parent;
	const struct bus_type *bus;
	struct device_driver *driver; /* bound driver, or NULL */
	int of_node;                  /* node offset in initial_boot_params, or -1 */

	/* DMA: the addresses the device can reach (dma_set_mask()). */
	u64 dma_mask;
	u64 coherent_dma_mask;
	struct cma_dev *cma;               /* bound regions (dma_configure()) */
	struct dma_coherent_pool *dma_pool; /* non-reusable shared-dma-pool */

	void *driver_data;
	struct list_head bus_node;  /* on the device list while added, else empty */
	struct list_head dma_allocs; /* buffers it holds (the ledger), under dma_lock */
	spinlock_t dma_lock;
	struct list_head dma_node;   /* on the DMA layer's device list while configured */

	/* Owned by drivers/base (read them, do not write them). */
	enum device_state state;
	int probe_err;              /* DEVICE_FAILED: what probe() returned */
	struct device_driver *failed_drv; /* DEVICE_FAILED: whose probe() failed, or NULL */
	unsigned int probe_calls;   /* probe() calls so far (deferrals included) */
	unsigned int defer_gen;     /* DEVICE_DEFERRED: successful probes seen then */
	bool probe_pending;         /* a driver may match: try it */
};

struct of_device_id {
	const char *compatible;
	const void *data;
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

/*
 * device_initialize - set up @dev (lists, masks to 32 bits, of_node -1),
 * name it with the printf-style @fmt. Every device goes through it.
 */
void device_initialize(struct device *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * device_add - make @dev known and try to bind a driver to it
 * Return: 0 (also when no driver matched, or the probe deferred), -EEXIST
 * when a device of that name exists, or -EINVAL.
 */
int device_add(struct device *dev);
/* Unbind (remove()) and forget @dev. Buffers it still holds are reported. */
void device_del(struct device *dev);

/*
 * driver_register - make @drv known and bind it to matching devices
 * Return: 0, or -EINVAL / -EEXIST.
 */
int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);

/*
 * A driver built into the kernel. module_driver() puts one of these into
 * the linker section "contig_drivers"; platform_bus_init() calls every
 * init() once, after the DT's devices exist, in link order. A driver that
 * registers after a device it matches was added is offered that device
 * then, so the order decides when a probe runs, never whether.
 */
struct builtin_driver {
	int (*init)(void);            /* registers the driver */
	struct device_driver *driver; /* its name; its bus once registered */
};

/*
 * module_driver - register @__driver at boot with @__register(&@__driver)
 * The bus headers wrap it: module_platform_driver(), module_virtio_driver(),
 * module_blk_driver().
 */
#define module_driver(__driver, __register)                                   \
	static int __driver##_builtin_init(void)                              \
	{                                                                     \
		return __register(&(__driver));                               \
	}                                                                     \
	static const struct builtin_driver __builtin_driver_##__driver __used \
		__section("contig_drivers") __aligned(sizeof(void *)) = {      \
			.init = __driver##_builtin_init,                      \
			.driver = &(__driver).driver,                         \
		}

/* The device named @name, or NULL. */
struct device *device_find(const char *name);
/* The device of DT node @node (offset in initial_boot_params), or NULL. */
struct device *device_find_by_node(int node);
/*
 * Call @fn for every device, in the order they were added; stops at the
 * first non-zero return and returns it. @fn runs under the bus lock: it may
 * take a device's dma_lock but must not add, delete or look up devices.
 */
int device_for_each(int (*fn)(struct device *dev, void *arg), void *arg);

/* Name every device still deferred (end of boot). Return: how many. */
unsigned int device_report_deferred(void);

/* "unbound", "bound", "deferred", "failed". */
const char *device_state_name(enum device_state state);

/* The compatible of @table that matches DT node @node, or NULL. */
const struct of_device_id *of_match_node(const struct of_device_id *table,
					 const void *fdt, int node);

/* Messages that name the device: "clcd@10020000: ..." */
#define dev_err(dev, fmt, ...) pr_err("%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) pr_warn("%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) pr_info("%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) pr_debug("%s: " fmt, dev_name(dev), ##__VA_ARGS__)

#endif /* _CONTIG_DEVICE_H */
