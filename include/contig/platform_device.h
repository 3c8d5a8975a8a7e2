/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform bus (drivers/base/platform.c): devices described by the
 * device tree. At boot, platform_bus_init() creates a platform device for
 * every enabled node with a "compatible" under the root and under
 * "simple-bus" nodes (status = "disabled" nodes are skipped, and so are the
 * nodes the early drivers own), registers every driver declared with
 * module_platform_driver(), and probes the matches.
 *
 * A device's name is its DT node name with the unit address
 * ("clcd@10020000", "virtio_mmio@10013000"), which cma_map= patterns match
 * ("clcd*=video").
 */
#ifndef _CONTIG_PLATFORM_DEVICE_H
#define _CONTIG_PLATFORM_DEVICE_H

#include <contig/compiler.h>
#include <contig/device.h>
#include <contig/io.h>

#define PLATFORM_MAX_REGS 4
#define PLATFORM_MAX_IRQS 4

struct platform_device {
	struct device dev;
	unsigned int num_regs;
	phys_addr_t reg_base[PLATFORM_MAX_REGS]; /* translated through "ranges" */
	phys_addr_t reg_size[PLATFORM_MAX_REGS];
	unsigned int num_irqs;
	int irq[PLATFORM_MAX_IRQS]; /* GIC interrupt IDs (of_get_irq()) */
};

struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	void (*remove)(struct platform_device *pdev);
	struct device_driver driver; /* name and of_match_table */
};

#define to_platform_device(d) container_of(d, struct platform_device, dev)
#define to_platform_driver(d) container_of(d, struct platform_driver, driver)

extern const struct bus_type platform_bus_type;

int platform_driver_register(struct platform_driver *drv);
void platform_driver_unregister(struct platform_driver *drv);

/* module_platform_driver - register @drv at boot (module_driver()) */
#define module_platform_driver(drv) module_driver(drv, platform_driver_register)

/*
 * platform_bus_init - populate devices from the DT, register the drivers,
 * probe. Called once by start_kernel() after the mm is up.
 */
void platform_bus_init(const void *fdt);

/* Map register window @index of @pdev (Device memory); NULL with a message. */
void __iomem *platform_ioremap_resource(struct platform_device *pdev,
					unsigned int index);
/* Interrupt @index of @pdev, or -ENXIO. */
int platform_get_irq(struct platform_device *pdev, unsigned int index);

/* The device's DT data (of_device_id.data of the entry that matched). */
const void *of_device_get_match_data(const struct device *dev);

#endif /* _CONTIG_PLATFORM_DEVICE_H */
