/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device-tree helpers for drivers (lib/of.c) and early drivers: the
 * devices a port needs before the driver model exists (console, interrupt
 * controller, clock and tick, outer cache, power). An early driver
 * declares the compatible strings it handles and an init function; the
 * port asks for each class at the right point of boot:
 *
 *   OF_EARLY_DECLARE(pl011, "arm,pl011", OF_EARLY_CONSOLE, pl011_early_init);
 *
 * of_early_probe(fdt, OF_EARLY_CONSOLE) calls the init function of every
 * driver of that class for each enabled node it matches (status absent or
 * "okay"), in DT order; the console class starts one console: console= on
 * the command line, /chosen/stdout-path, earlycon=, else the first one.
 */
#ifndef _CONTIG_OF_H
#define _CONTIG_OF_H

#include <contig/compiler.h>
#include <contig/types.h>

enum of_early_class {
	OF_EARLY_CONSOLE,
	OF_EARLY_IRQCHIP,
	OF_EARLY_TIMER,
	OF_EARLY_CACHE,
	OF_EARLY_POWER,
	NR_OF_EARLY_CLASSES
};

struct of_early_driver {
	const char *name;
	const char *compatible;
	enum of_early_class cls;
	/* Return 0 when the device is now in use, or a negative errno. */
	int (*init)(const void *fdt, int node);
};

#define OF_EARLY_DECLARE(id, compat, class, fn)                                \
	static const struct of_early_driver __of_early_##id __used             \
		__section("contig_of_early") __aligned(sizeof(void *)) = {     \
			.name = #id, .compatible = compat, .cls = class,       \
			.init = fn }

/*
 * The device tree the kernel booted with (start_kernel() sets it from
 * boot_params; the port keeps it mapped for the whole run), for drivers
 * and tests that look things up after boot. NULL before start_kernel().
 */
extern const void *initial_boot_params;

/* Return: how many devices of @cls were initialised. */
int of_early_probe(const void *fdt, enum of_early_class cls);
/* True when an early driver took @node (the platform bus skips it). */
bool of_early_node_owned(int node);

/*
 * The @index-th (address, size) pair of @node's "reg", translated through
 * the parents' #address-cells/#size-cells and "ranges" to a CPU physical
 * address. Return: 0, or -ENOENT / -EINVAL.
 */
int of_get_reg(const void *fdt, int node, int index, phys_addr_t *base,
	       phys_addr_t *size);

/*
 * The options ("115200n8") console=, stdout-path or earlycon= gave the
 * console node being started; for the console driver's init.
 */
const char *of_console_options(void);
/* The PL011 Linux calls ttyAMA<@line> (serial aliases, then DT order), or -ENOENT. */
int of_ttyama_node(const void *fdt, unsigned int line);

/* The node /chosen/stdout-path (or its alias) names, or a negative errno. */
int of_stdout_node(const void *fdt);

/* An interrupt specifier and the controller node that takes it. */
#define OF_IRQ_MAX_CELLS 16
struct of_irq_spec {
	int ctrl;
	int nr_args;
	u32 args[OF_IRQ_MAX_CELLS];
};

/*
 * The @index-th interrupt of @node, through interrupt-parent,
 * interrupts-extended and interrupt-map, at its interrupt controller.
 * Return: 0, -ENOENT (no such interrupt), -ENXIO (no controller) or -EINVAL.
 */
int of_irq_parse(const void *fdt, int node, int index, struct of_irq_spec *spec);

/*
 * The @index-th interrupt of @node as a GIC interrupt ID (SPIs counted from
 * 32, PPIs from 16), resolved by of_irq_parse(); or a negative errno
 * (-ENXIO: the controller does not take 3-cell GIC specifiers).
 */
int of_get_irq(const void *fdt, int node, int index);

/* True when @node's status is absent, "okay" or "ok". */
bool of_node_is_enabled(const void *fdt, int node);

/*
 * of_clk_rate - the clock-frequency of the provider of @node's clock
 * @name (an entry of its clock-names; NULL or an unlisted name: the first
 * clock), as a fixed-clock gives it. Return: Hz, or 0 when there is none.
 */
u32 of_clk_rate(const void *fdt, int node, const char *name);

/*
 * A driver that reads the rate of a clock provider of @compatible whose
 * rate the DT does not give (a programmable oscillator); @rate returns Hz
 * for output (@args: @nargs big-endian specifier cells), or 0.
 */
struct of_clk_reader {
	const char *compatible;
	u32 (*rate)(const void *fdt, int node, const void *args, int nargs);
};
int of_clk_add_reader(const struct of_clk_reader *r);

/* A big-endian number of @cells 32-bit cells (1 or 2), as DT reg uses. */
u64 of_read_number(const void *cells, int n);

/* A u32 property, or @def when absent. */
u32 of_read_u32(const void *fdt, int node, const char *prop, u32 def);

/* @node's path into @buf (its name alone when the path does not fit), for messages. */
const char *of_node_path(const void *fdt, int node, char *buf, size_t size);

/*
 * of_fdt_validate - walk a DTB safely before libfdt reads it (lib/fdt_check.c)
 * @size: bytes readable at @fdt, or 0 (trust the header's totalsize)
 * @msg/@len: one sentence naming the offset and the defect
 * @where: if not NULL, where the first defect is (see below)
 * Return: 0, or -EINVAL.
 */
struct of_fdt_defect {
	long tag; /* structure-block offset of the first bad tag; -1: header */
	long len; /* its length when only its name is bad (skippable), else 0 */
};
int of_fdt_validate(const void *fdt, size_t size, char *msg, size_t len,
		    struct of_fdt_defect *where);
/*
 * of_fdt_salvage - make a blob of_fdt_validate() refused safe for libfdt,
 * in place: bad-name properties become FDT_NOPs, else the structure block
 * is cut at the first bad tag. Return: 0 sound now, 1 cut, -EINVAL no change.
 */
int of_fdt_salvage(void *fdt);

#endif /* _CONTIG_OF_H */
