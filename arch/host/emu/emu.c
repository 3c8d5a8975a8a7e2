// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO device emulation for the hosted port (asm/host_emu.h).
 *
 * Design. At startup the port reserves one inaccessible (PROT_NONE) area
 * of HOST_EMU_MAX_DEVICES slots, HOST_EMU_WINDOW_MAX bytes each. A
 * registered device gets a slot, and ioremap() of any part of its window
 * returns the address at the same offset in the slot. The accessors of
 * asm/io.h are out-of-line on the host: host_mmio_read()/write() turn the
 * address back into (slot, offset), check the access (size, alignment,
 * inside the window) and call the model with the device's mutex held.
 * Anything else is a driver bug and stops the kernel with a message, as a
 * bus error would: an address outside the MMIO area, an unregistered slot,
 * a misaligned or out-of-window access. A plain load or store through an
 * ioremap() pointer (not readl()/writel()) hits the PROT_NONE page and the
 * fault handler names the device.
 *
 * Every MMIO access is also an interrupt window: after the model returns
 * (and its lock is dropped), CPU 0 takes pending interrupts if it has them
 * unmasked (arch/host/irq.c), so a handler can run between two register
 * accesses of a driver, as on hardware.
 *
 * Lock contract: registry_lock serialises register/unregister. The slot
 * table is read without it: a slot is published with a release store after
 * the device is set up, and readers load it with acquire. Model callbacks
 * run under dev->lock.
 */
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/host_emu.h>
#include <asm/memory.h>
#include <libfdt.h>

#include "../internal.h"
#include "../os/host_os.h"

extern const struct host_emu_model __start_contig_host_emu[] __attribute__((weak));
extern const struct host_emu_model __stop_contig_host_emu[] __attribute__((weak));

static struct os_mutex registry_lock = OS_MUTEX_INIT;
static struct host_emu_device *slots[HOST_EMU_MAX_DEVICES];
/* Slots ever used: a slot is never reused, so stale mappings stay stale. */
static unsigned int slots_used;
static char *mmio_area;

#define MMIO_AREA_SIZE (HOST_EMU_MAX_DEVICES * HOST_EMU_WINDOW_MAX)

/* Reserve the MMIO area (main(), before the kernel starts). */
void host_emu_init(void)
{
	int err;
	void *p = os_map(NULL, MMIO_AREA_SIZE, OS_MAP_NONE, &err);

	if (!p) {
		os_eprintf("contig: cannot reserve %lu KiB for emulated device "
			   "registers: %s\n", MMIO_AREA_SIZE >> 10, os_strerror(err));
		os_exit(2);
	}
	mmio_area = p;
}

bool host_emu_area_contains(uintptr_t a)
{
	return mmio_area && a >= (uintptr_t)mmio_area &&
	       a - (uintptr_t)mmio_area < MMIO_AREA_SIZE;
}

static bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/**
 * host_emu_register - make a device model's register window reachable
 * @dev: name, base, size and ops filled in; the rest is set up here
 *
 * Return: 0, or -EINVAL / -EBUSY / -ENOSPC with a message.
 */
int host_emu_register(struct host_emu_device *dev)
{
	unsigned int i;
	int ret = 0;

	if (!dev->ops || !dev->ops->read || !dev->ops->write || !dev->size ||
	    dev->size > HOST_EMU_WINDOW_MAX || !IS_ALIGNED(dev->base, 4) ||
	    dev->base + dev->size < dev->base) {
		pr_err("host: emulated device %s: window %#llx+%#lx is empty, not "
		       "word aligned or larger than %#lx, or the model has no "
		       "read/write\n", dev->name, (unsigned long long)dev->base,
		       dev->size, HOST_EMU_WINDOW_MAX);
		return -EINVAL;
	}
	if (ranges_overlap(dev->base, dev->size, host_ram_start,
			   host_ram_end - host_ram_start)) {
		pr_err("host: emulated device %s at %#llx+%#lx overlaps RAM "
		       "(%#llx-%#llx)\n", dev->name, (unsigned long long)dev->base,
		       dev->size, (unsigned long long)host_ram_start,
		       (unsigned long long)host_ram_end - 1);
		return -EINVAL;
	}
	os_mutex_lock(&registry_lock);
	for (i = 0; i < slots_used; i++) {
		struct host_emu_device *o = slots[i];

		if (o && ranges_overlap(dev->base, dev->size, o->base, o->size)) {
			pr_err("host: emulated device %s at %#llx+%#lx overlaps %s "
			       "at %#llx+%#lx\n", dev->name,
			       (unsigned long long)dev->base, dev->size, o->name,
			       (unsigned long long)o->base, o->size);
			ret = -EBUSY;
			goto out;
		}
	}
	if (slots_used == HOST_EMU_MAX_DEVICES) {
		pr_err("host: no room for emulated device %s: %d devices at most\n",
		       dev->name, HOST_EMU_MAX_DEVICES);
		ret = -ENOSPC;
		goto out;
	}
	os_mutex_init(&dev->lock);
	dev->writes = 0;
	dev->slot = slots_used++;
	__atomic_store_n(&slots[dev->slot], dev, __ATOMIC_RELEASE);
out:
	os_mutex_unlock(&registry_lock);
	return ret;
}

/**
 * host_emu_unregister - forget a device (its slot is never reused)
 * @dev: a registered device
 */
void host_emu_unregister(struct host_emu_device *dev)
{
	os_mutex_lock(&registry_lock);
	if (dev->slot < slots_used && slots[dev->slot] == dev)
		__atomic_store_n(&slots[dev->slot], NULL, __ATOMIC_RELEASE);
	os_mutex_unlock(&registry_lock);
}

/**
 * host_emu_find - the device whose window contains a physical address
 * @phys: the address
 * Return: the device, or NULL.
 */
struct host_emu_device *host_emu_find(phys_addr_t phys)
{
	unsigned int i, n = __atomic_load_n(&slots_used, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++) {
		struct host_emu_device *d = __atomic_load_n(&slots[i], __ATOMIC_ACQUIRE);

		if (d && phys >= d->base && phys - d->base < d->size)
			return d;
	}
	return NULL;
}

/**
 * ioremap - map device registers
 * @phys: physical address of the first register
 * @size: bytes to map
 *
 * Return: an address whose readl()/writel() reach the emulated device that
 * owns all of [@phys, @phys + @size); NULL when no emulated device does
 * (the host has no other devices) or @size is 0.
 */
void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	struct host_emu_device *d = size ? host_emu_find(phys) : NULL;

	if (!d || phys + size < phys || phys + size - d->base > d->size)
		return NULL;
	return (void __iomem *)(mmio_area + (size_t)d->slot * HOST_EMU_WINDOW_MAX +
				(phys - d->base));
}

/* The device and offset an accessor's address means; dies on a bad access. */
static struct host_emu_device *mmio_decode(const volatile void *addr, unsigned int size,
					   bool write, unsigned long *offset)
{
	uintptr_t a = (uintptr_t)addr;
	struct host_emu_device *d;
	unsigned int slot;
	unsigned long off;
	const char *what = write ? "write" : "read";

	if (!host_emu_area_contains(a)) {
		host_emergency("host: %s%u(%p): not an ioremap()ped device register "
			       "(the host only has emulated devices; RAM is reached "
			       "with plain loads and stores)\n", what, size * 8, addr);
		host_die();
	}
	slot = (unsigned int)((a - (uintptr_t)mmio_area) / HOST_EMU_WINDOW_MAX);
	off = (unsigned long)((a - (uintptr_t)mmio_area) % HOST_EMU_WINDOW_MAX);
	d = __atomic_load_n(&slots[slot], __ATOMIC_ACQUIRE);
	if (!d) {
		host_emergency("host: %s%u(%p): the emulated device of MMIO slot %u "
			       "was unregistered (a stale ioremap() mapping)\n", what,
			       size * 8, addr, slot);
		host_die();
	}
	if (off + size > d->size || off % size) {
		host_emergency("host: %s%u at offset %#lx of %s (window %#llx+%#lx): "
			       "%s access (bus error on hardware)\n", what, size * 8,
			       off, d->name, (unsigned long long)d->base, d->size,
			       off % size ? "misaligned" : "out-of-window");
		host_die();
	}
	*offset = off;
	return d;
}

/**
 * host_mmio_read - readb/readw/readl on the host (asm/io.h)
 * @addr: an address ioremap() returned, plus an offset
 * @size: 1, 2 or 4
 * Return: what the device model's read() returned, truncated to @size.
 */
u32 host_mmio_read(const volatile void __iomem *addr, unsigned int size)
{
	unsigned long off;
	struct host_emu_device *d = mmio_decode(addr, size, false, &off);
	u32 v;

	host_emu_lock(d);
	v = d->ops->read(d, off, size);
	host_emu_unlock(d);
	host_irq_window();
	return size == 4 ? v : v & ((1U << (size * 8)) - 1);
}

/**
 * host_mmio_write - writeb/writew/writel on the host (asm/io.h)
 * @val: the value (only the low @size bytes count)
 * @addr: an address ioremap() returned, plus an offset
 * @size: 1, 2 or 4
 */
void host_mmio_write(u32 val, volatile void __iomem *addr, unsigned int size)
{
	unsigned long off;
	struct host_emu_device *d = mmio_decode(addr, size, true, &off);

	if (size < 4)
		val &= (1U << (size * 8)) - 1;
	host_emu_lock(d);
	d->writes++;
	d->ops->write(d, off, val, size);
	host_emu_unlock(d);
	host_irq_window();
}

/* The name of the device whose slot holds @a (fault messages), or NULL. */
const char *host_emu_slot_name(uintptr_t a)
{
	struct host_emu_device *d;

	if (!host_emu_area_contains(a))
		return NULL;
	d = __atomic_load_n(&slots[(a - (uintptr_t)mmio_area) / HOST_EMU_WINDOW_MAX],
			    __ATOMIC_ACQUIRE);
	return d ? d->name : "an unregistered device";
}

/* ---- DMA ------------------------------------------------------------------ */

/**
 * host_emu_dma_ptr - a bus master's pointer to RAM or simulated device memory
 * @phys: first byte
 * @len: bytes
 * Return: the host address, or NULL when any byte lies outside RAM and
 * outside every range arch_memremap_wc() simulates.
 */
void *host_emu_dma_ptr(phys_addr_t phys, size_t len)
{
	if (phys < host_ram_start || phys >= host_ram_end || len > host_ram_end - phys)
		return host_devmem_ptr(phys, len);
	return (void *)(uintptr_t)(phys + host_linear_offset);
}

/**
 * host_emu_dma_read - copy RAM at a physical address into a model's buffer
 * Return: 0, or -EFAULT when the range is not all RAM (nothing is copied).
 */
int host_emu_dma_read(phys_addr_t phys, void *buf, size_t len)
{
	const void *p = host_emu_dma_ptr(phys, len);

	if (!p)
		return -EFAULT;
	memcpy(buf, p, len);
	return 0;
}

/**
 * host_emu_dma_write - copy a model's buffer into RAM at a physical address
 * Return: 0, or -EFAULT when the range is not all RAM (nothing is copied).
 */
int host_emu_dma_write(phys_addr_t phys, const void *buf, size_t len)
{
	void *p = host_emu_dma_ptr(phys, len);

	if (!p)
		return -EFAULT;
	memcpy(p, buf, len);
	return 0;
}

/* ---- models from the device tree --------------------------------------- */

/*
 * Create the device models the DT asks for (main(), before start_kernel()):
 * every enabled node whose compatible list names a HOST_EMU_MODEL gets the
 * first such model. Return: how many devices were created.
 */
int host_emu_probe_dt(const void *fdt)
{
	const struct host_emu_model *m;
	int node, created = 0;

	if (!__start_contig_host_emu)
		return 0;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!of_node_is_enabled(fdt, node))
			continue;
		for (m = __start_contig_host_emu; m < __stop_contig_host_emu; m++) {
			phys_addr_t base, size;
			int irq, err;

			if (fdt_node_check_compatible(fdt, node, m->compatible))
				continue;
			if (of_get_reg(fdt, node, 0, &base, &size)) {
				os_eprintf("contig: host: %s: no usable reg; not "
					   "emulated\n", fdt_get_name(fdt, node, NULL));
				break;
			}
			irq = of_get_irq(fdt, node, 0);
			err = m->create(fdt, node, base, (unsigned long)size,
					irq < 0 ? -1 : irq);
			if (err)
				os_eprintf("contig: host: cannot emulate %s (%s): "
					   "%d\n", fdt_get_name(fdt, node, NULL),
					   m->compatible, err);
			else
				created++;
			break;
		}
	}
	return created;
}
