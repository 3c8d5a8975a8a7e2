/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device emulation on the hosted port (arch/host/emu/, arch/host/irq.c):
 * what a device model and the host-only tests use. Portable code never
 * includes this; it reaches an emulated device only through ioremap(),
 * readl()/writel(), request_irq() and DMA to RAM, exactly as on hardware.
 *
 * A device model owns a window of physical addresses (its registers). Once
 * it is registered, ioremap() of any part of that window returns an address
 * in the port's MMIO area, and the accessors of asm/io.h hand every access
 * there to the model's read()/write() with the offset in the window and the
 * access size. A model raises interrupts with host_emu_set_irq() (a level
 * on an emulated interrupt controller that delivers to CPU 0, see
 * Documentation/porting.rst) and reads or writes RAM by physical address
 * with host_emu_dma_*(), as a bus master would.
 *
 * Models are created from the device tree: HOST_EMU_MODEL() names a
 * compatible string and a create() function, and before start_kernel() the
 * port calls create() for every enabled node that lists it, with the node's
 * first "reg" window and first interrupt, as QEMU builds its board.
 *
 * Locking: each device has a mutex (host_emu_lock()); read() and write()
 * run with it held, so a model's registers need no other lock against
 * concurrent CPUs. A model that has its own thread (a device that works
 * while the CPUs do something else) takes the same lock around its state.
 * host_emu_set_irq() and the DMA helpers may be called with it held.
 */
#ifndef _ASM_HOST_HOST_EMU_H
#define _ASM_HOST_HOST_EMU_H

#include <contig/compiler.h>
#include <contig/types.h>

#include "../../os/host_os.h"

/* Largest register window of one device, and how many devices at most. */
#define HOST_EMU_WINDOW_MAX 0x10000UL
#define HOST_EMU_MAX_DEVICES 32

struct host_emu_device;

struct host_emu_ops {
	/* @size is 1, 2 or 4; @offset is aligned to it and inside the window. */
	u32 (*read)(struct host_emu_device *dev, unsigned long offset, unsigned int size);
	void (*write)(struct host_emu_device *dev, unsigned long offset, u32 val,
		      unsigned int size);
};

struct host_emu_device {
	const char *name;      /* for messages: "pl111@10020000" */
	phys_addr_t base;      /* register window, physical */
	unsigned long size;    /* at most HOST_EMU_WINDOW_MAX */
	const struct host_emu_ops *ops;
	void *priv;            /* the model's state */

	/* Owned by the framework. */
	struct os_mutex lock;
	unsigned int slot;
	unsigned long writes;  /* write accesses, under lock (tests) */
};

/*
 * host_emu_register - make @dev's window reachable through ioremap()
 * Return: 0; -EINVAL for an empty, oversized or unaligned window or one
 * that overlaps RAM; -EBUSY when it overlaps another device; -ENOSPC when
 * HOST_EMU_MAX_DEVICES are registered. Each failure prints why.
 */
int host_emu_register(struct host_emu_device *dev);
/*
 * host_emu_unregister - forget @dev (tests). Mappings of it stay reserved:
 * a later access through one dies with a message naming the device.
 */
void host_emu_unregister(struct host_emu_device *dev);
/* The device whose window contains @phys, or NULL. */
struct host_emu_device *host_emu_find(phys_addr_t phys);

static inline void host_emu_lock(struct host_emu_device *dev)
{
	os_mutex_lock(&dev->lock);
}

static inline void host_emu_unlock(struct host_emu_device *dev)
{
	os_mutex_unlock(&dev->lock);
}

/* ---- DMA: a bus master's view of RAM -------------------------------- */

/*
 * host_emu_dma_ptr - the host address of [@phys, @phys + @len) in RAM (or
 * in device memory that arch_memremap_wc() simulates, e.g. a board's VRAM)
 * Return: the pointer, or NULL when any byte lies outside both (a bus error
 * on hardware: the model reports it in its own way).
 */
void *host_emu_dma_ptr(phys_addr_t phys, size_t len);
/* Copy from/to RAM by physical address. Return: 0, or -EFAULT (outside RAM). */
int host_emu_dma_read(phys_addr_t phys, void *buf, size_t len);
int host_emu_dma_write(phys_addr_t phys, const void *buf, size_t len);

/* ---- interrupts (arch/host/irq.c) ------------------------------------- */

/*
 * host_emu_set_irq - drive interrupt line @irq (the GIC ID the DT gives,
 * e.g. SPI 44 is 76) high (@level true) or low. Level-triggered: while the
 * line is high and the interrupt is enabled, CPU 0 takes it at its next
 * interrupt window with interrupts unmasked. Callable from any thread.
 */
void host_emu_set_irq(unsigned int irq, bool level);
/* Whether @irq's line is high now (tests). */
bool host_emu_irq_level(unsigned int irq);
/* How many times CPU 0 entered the interrupt handler (tests). */
unsigned long host_irq_entries(void);

/* ---- the emulated PL111 CLCD (arch/host/emu/pl111.c) ------------------ */

struct host_pl111_frame {
	unsigned int width, height; /* pixels */
	phys_addr_t base;           /* the frame buffer it was scanned from */
	unsigned long seq;          /* frames since boot */
	const char *error;          /* why it was not scanned out, or NULL */
};

/*
 * host_pl111_capture - the screen of the emulated PL111 whose registers are
 * at @regs: waits for the next frame (at most a second) and copies it as
 * RGB, 3 bytes a pixel, row after row, into @rgb (NULL: description only).
 * Return: 0, -ENODEV, -EAGAIN (display off or no frame), -EIO (not
 * scanned out: @f->error says why), -E2BIG (@rgb too small).
 */
int host_pl111_capture(phys_addr_t regs, struct host_pl111_frame *f, u8 *rgb,
		       size_t rgb_size);

/* The registers of the first emulated PL111. Return: 0, or -ENODEV (none). */
int host_pl111_first(phys_addr_t *regs);

/* ---- models from the device tree -------------------------------------- */

struct host_emu_model {
	const char *compatible;
	/*
	 * Create and register a device for DT node @node, whose first "reg"
	 * window is [@base, @base + @size) and first interrupt @irq (-1: none).
	 * Return: 0, or a negative errno (printed by the caller).
	 */
	int (*create)(const void *fdt, int node, phys_addr_t base, unsigned long size,
		      int irq);
};

#define HOST_EMU_MODEL(id, compat, fn)                                         \
	static const struct host_emu_model __host_emu_model_##id __used        \
		__section("contig_host_emu") __aligned(sizeof(void *)) = {     \
			.compatible = compat, .create = fn }

#endif /* _ASM_HOST_HOST_EMU_H */
