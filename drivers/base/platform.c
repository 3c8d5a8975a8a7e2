// SPDX-License-Identifier: GPL-2.0-only
/*
 * The platform bus (include/contig/platform_device.h): the devices the
 * device tree describes.
 *
 * platform_bus_init() walks the DT once, after the mm is up: every child
 * of the root and of a "simple-bus" node that has a "compatible" becomes a
 * platform device named after its node ("clcd@10020000"), with its
 * register windows (translated through the parents' "ranges") and its
 * interrupts read up front. Disabled nodes are skipped, and so are the
 * nodes an early driver already runs (the console, the interrupt
 * controller, the timer, the outer cache, the power controller: see
 * of_early_node_owned()), which must never be probed twice. A bus node is
 * a device too, and its children follow it. Then every built-in driver
 * (module_driver(): platform, virtio and block drivers alike) registers,
 * in link order, which probes the devices it matches; at the end the
 * devices whose probe is still deferred are named.
 *
 * Matching: a device with a DT node matches a driver whose of_match_table
 * lists one of the node's compatibles; a device without one (made by
 * code) matches a driver whose name equals the device's name up to its
 * first '@' or '.'.
 *
 * Two nodes may share a name under different buses; the second device is
 * named "<name>.1" (and so on), with a message, since cma_map= needs
 * unique names.
 */
#define pr_fmt(fmt) "platform: " fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/platform_device.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

extern const struct builtin_driver __start_contig_drivers[] __attribute__((weak));
extern const struct builtin_driver __stop_contig_drivers[] __attribute__((weak));

#define PLATFORM_MAX_DEPTH 8

struct populate_stats {
	unsigned int devices, disabled, early, failed;
};

/* "clcd@10020000" matches driver "clcd"; so do "clcd.1" and "clcd". */
static bool name_matches(const char *dev_name, const char *drv_name)
{
	size_t n = strlen(drv_name);

	return !strncmp(dev_name, drv_name, n) &&
	       (dev_name[n] == '\0' || dev_name[n] == '@' || dev_name[n] == '.');
}

static bool platform_match(struct device *dev, struct device_driver *drv)
{
	if (dev->of_node >= 0)
		return of_match_node(drv->of_match_table, initial_boot_params, dev->of_node) != NULL;
	return name_matches(dev->name, drv->name);
}

static int platform_probe(struct device *dev)
{
	struct platform_driver *pdrv = to_platform_driver(dev->driver);

	return pdrv->probe ? pdrv->probe(to_platform_device(dev)) : 0;
}

static void platform_remove(struct device *dev)
{
	struct platform_driver *pdrv = to_platform_driver(dev->driver);

	if (pdrv->remove)
		pdrv->remove(to_platform_device(dev));
}

const struct bus_type platform_bus_type = {
	.name = "platform",
	.match = platform_match,
	.probe = platform_probe,
	.remove = platform_remove,
};

/**
 * platform_driver_register - register a platform driver
 * @drv: with driver.name set (and driver.of_match_table for DT devices)
 * Return: 0, or -EINVAL / -EEXIST from driver_register().
 */
int platform_driver_register(struct platform_driver *drv)
{
	drv->driver.bus = &platform_bus_type;
	return driver_register(&drv->driver);
}

/** platform_driver_unregister - unbind and forget a platform driver */
void platform_driver_unregister(struct platform_driver *drv)
{
	driver_unregister(&drv->driver);
}

/**
 * of_device_get_match_data - the data of the of_match_table entry that matched
 * @dev: a bound device with a DT node
 * Return: of_device_id.data, or NULL.
 */
const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *id;

	if (!dev->driver || dev->of_node < 0)
		return NULL;
	id = of_match_node(dev->driver->of_match_table, initial_boot_params, dev->of_node);
	return id ? id->data : NULL;
}

/**
 * platform_ioremap_resource - map register window @index of @pdev
 * @pdev: the device
 * @index: which entry of its DT "reg"
 *
 * Return: the mapping (Device memory), or NULL with a message naming the
 * device: no such window, or the port cannot map it (the hosted port has
 * no device registers).
 */
void __iomem *platform_ioremap_resource(struct platform_device *pdev, unsigned int index)
{
	void __iomem *regs;

	if (index >= pdev->num_regs) {
		dev_err(&pdev->dev, "has no register window %u (its DT reg has %u)\n", index,
			pdev->num_regs);
		return NULL;
	}
	regs = ioremap(pdev->reg_base[index], (size_t)pdev->reg_size[index]);
	if (!regs)
		dev_err(&pdev->dev, "cannot map registers %#llx+%#llx: no mapping on this port\n",
			(unsigned long long)pdev->reg_base[index],
			(unsigned long long)pdev->reg_size[index]);
	return regs;
}

/**
 * platform_get_irq - interrupt @index of @pdev
 * Return: its GIC interrupt ID, or -ENXIO (with a message) when the DT
 * gives no such interrupt.
 */
int platform_get_irq(struct platform_device *pdev, unsigned int index)
{
	if (index >= pdev->num_irqs) {
		dev_err(&pdev->dev, "has no interrupt %u (its DT interrupts have %u)\n", index,
			pdev->num_irqs);
		return -ENXIO;
	}
	return pdev->irq[index];
}

/* Registers and interrupts of @node into @pdev; bad entries are reported. */
static void read_resources(const void *fdt, int node, struct platform_device *pdev)
{
	unsigned int i;
	int ret;

	for (i = 0; i < PLATFORM_MAX_REGS; i++) {
		ret = of_get_reg(fdt, node, (int)i, &pdev->reg_base[i], &pdev->reg_size[i]);
		if (ret == -ENOENT)
			break;
		if (ret) {
			dev_warn(&pdev->dev, "reg entry %u cannot be translated to a CPU address (%s); it and the ones after it are ignored\n",
				 i, errname(ret));
			break;
		}
		pdev->num_regs++;
	}
	for (i = 0; i < PLATFORM_MAX_IRQS; i++) {
		ret = of_get_irq(fdt, node, (int)i);
		if (ret == -ENOENT)
			break;
		if (ret < 0) {
			dev_warn(&pdev->dev, "interrupt %u %s (%s); it and the ones after it are ignored\n",
				 i, ret == -ENXIO ? "does not reach a GIC: its interrupt-parent chain "
				 "ends at a controller without 3-cell GIC specifiers, or at none" :
				 "cannot be resolved: check interrupts (or interrupts-extended) and "
				 "the interrupt-map, interrupt-map-mask and #interrupt-cells on the way "
				 "to the GIC, and that it is a GIC SPI or PPI", errname(ret));
			break;
		}
		pdev->irq[pdev->num_irqs++] = ret;
	}
}

/* A platform device for DT node @node, added to the bus (and probed). */
static struct platform_device *create_device(const void *fdt, int node, struct device *parent)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	struct platform_device *pdev;
	unsigned int suffix;
	int ret;

	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	if (!pdev) {
		pr_err("%s: no memory for its device; it is left out\n", name);
		return NULL;
	}
	for (suffix = 0; suffix < 100; suffix++) {
		if (suffix)
			device_initialize(&pdev->dev, "%s.%u", name, suffix);
		else
			device_initialize(&pdev->dev, "%s", name);
		if (!device_find(pdev->dev.name))
			break;
	}
	if (suffix)
		pr_warn("%s: a device of that name exists already: this one is %s\n", name,
			pdev->dev.name);
	pdev->dev.of_node = node;
	pdev->dev.parent = parent;
	pdev->dev.bus = &platform_bus_type;
	read_resources(fdt, node, pdev);
	ret = device_add(&pdev->dev);
	if (ret) {
		pr_err("%s: cannot add its device: %s; it is left out\n", pdev->dev.name,
		       errname(ret));
		kfree(pdev);
		return NULL;
	}
	return pdev;
}

static void populate(const void *fdt, int bus, struct device *parent, int depth,
		     struct populate_stats *st)
{
	int node;

	fdt_for_each_subnode(node, fdt, bus) {
		struct platform_device *pdev;

		if (!fdt_getprop(fdt, node, "compatible", NULL))
			continue;
		if (!of_node_is_enabled(fdt, node)) {
			st->disabled++;
			pr_debug("%s: status is not okay: no device\n", fdt_get_name(fdt, node, NULL));
			continue;
		}
		if (of_early_node_owned(node)) {
			st->early++;
			continue;
		}
		pdev = create_device(fdt, node, parent);
		if (!pdev) {
			st->failed++;
			continue;
		}
		st->devices++;
		if (!fdt_node_check_compatible(fdt, node, "simple-bus")) {
			if (depth + 1 >= PLATFORM_MAX_DEPTH)
				dev_warn(&pdev->dev, "buses nested deeper than %d: its children are left out\n",
					 PLATFORM_MAX_DEPTH);
			else
				populate(fdt, node, &pdev->dev, depth + 1, st);
		}
	}
}

struct bound_count {
	unsigned int bound, failed;
};

static int count_bound(struct device *dev, void *arg)
{
	struct bound_count *c = arg;

	if (dev->bus != &platform_bus_type)
		return 0;
	c->bound += dev->state == DEVICE_BOUND;
	c->failed += dev->state == DEVICE_FAILED;
	return 0;
}

/**
 * platform_bus_init - populate devices from the DT, register the drivers, probe
 * @fdt: the device tree the kernel booted with
 *
 * Called once by start_kernel() after the mm, the CMA areas and the
 * cma_map= rules are up. Prints one summary line, and names each device
 * whose probe is still deferred.
 */
void platform_bus_init(const void *fdt)
{
	const struct builtin_driver *d;
	struct populate_stats st = { 0 };
	struct bound_count c = { 0 };
	unsigned int drivers = 0, deferred;
	int ret;

	if (!fdt || fdt_check_header(fdt))
		return;
	populate(fdt, 0, NULL, 0, &st);
	/* Every built-in driver; the summary counts the platform ones. */
	if (__start_contig_drivers && __stop_contig_drivers) {
		for (d = __start_contig_drivers; d < __stop_contig_drivers; d++) {
			ret = d->init();
			if (ret)
				pr_err("driver %s: cannot register: %s\n",
				       d->driver->name ? d->driver->name : "(unnamed)",
				       errname(ret));
			else if (d->driver->bus == &platform_bus_type)
				drivers++;
		}
	}
	deferred = device_report_deferred();
	device_for_each(count_bound, &c);
	pr_info("%u devices (%u disabled, %u run by early drivers), %u drivers: %u bound, %u deferred, %u failed\n",
		st.devices, st.disabled, st.early, drivers, c.bound, deferred, c.failed);
}
