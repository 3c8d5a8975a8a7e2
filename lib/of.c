// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree helpers for early drivers (include/contig/of.h).
 *
 * Early drivers are entries of the "contig_of_early" linker section
 * (OF_EARLY_DECLARE); of_early_probe() walks the device tree in DT order
 * and, for every enabled node (status absent, "okay" or "ok"), tries the
 * drivers of the requested class whose compatible string the node lists.
 * The first driver whose init() returns 0 owns the node; a driver that
 * returns -ENODEV lets the next one try; one that returns -EAGAIN is tried
 * again once every other node of the class was (a device that needs
 * another one of its class first, or that decides the rest of its job
 * by what the others did; the second call's result counts); any other
 * error is reported with the node's path. A driver declares one entry per compatible string and a
 * node often lists several of them: an init() that failed on a node is not
 * called again for it through another entry (one message per problem).
 * The console class starts one device, the one the command line's
 * console= or earlycon=, /chosen/stdout-path, or else the DT order choose
 * (lib/of_console.c), so a board with four UARTs gets one console.
 *
 * Addresses: of_get_reg() reads "reg" with the parent's #address-cells and
 * #size-cells and translates the address up the tree through every
 * ancestor's "ranges", as Linux's of_translate_address() does for the
 * default bus: an address is a vector of up to OF_MAX_CELLS cells; a range
 * matches when the cells above the low 64 bits are equal (chip selects,
 * space codes) and the low 64 bits fall inside [child base, + size). An
 * empty "ranges" is the identity; a missing one means the bus is not
 * memory mapped (e.g. /cpus), which is -EINVAL.
 *
 * Interrupts: of_irq_parse() finds a device's interrupt as Linux does:
 * "interrupts-extended", or "interrupts" with the interrupt parent
 * (interrupt-parent, inherited up the tree), then through every nexus's
 * interrupt-map (matched under interrupt-map-mask against the device's
 * unit address and the specifier) until an interrupt-controller node.
 * of_get_irq() turns a 3-cell GIC specifier (type, number, flags) into an
 * ID: type 0 is an SPI (ID 32 + n), type 1 a PPI (ID 16 + n).
 *
 * Nothing here allocates or takes locks: the functions only read the
 * flattened tree and may be called from any context.
 */
#define pr_fmt(fmt) "of: " fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/string.h>
#include <libfdt.h>

#include "of_internal.h"

#define OF_MAX_CELLS 4
/* How many parents and maps an interrupt may go through (a loop guard). */
#define OF_IRQ_MAX_DEPTH 16

extern const struct of_early_driver __start_contig_of_early[] __attribute__((weak));
extern const struct of_early_driver __stop_contig_of_early[] __attribute__((weak));

const void *initial_boot_params;

/*
 * Nodes an early driver took, so the platform bus leaves them alone.
 * Written during single-threaded boot only; read-only afterwards.
 */
#define OF_EARLY_MAX_OWNED 32
/* Nodes whose driver asked (-EAGAIN) to start after the rest of the class. */
#define OF_EARLY_MAX_LATER 4
static int of_early_owned[OF_EARLY_MAX_OWNED];
static unsigned int of_early_nr_owned;

static const char *const of_class_names[NR_OF_EARLY_CLASSES] = {
	[OF_EARLY_CONSOLE] = "console",
	[OF_EARLY_IRQCHIP] = "irqchip",
	[OF_EARLY_TIMER] = "timer",
	[OF_EARLY_CACHE] = "cache",
	[OF_EARLY_POWER] = "power",
};

/**
 * of_node_is_enabled - whether a node is in use
 * Return: true when its status is absent, "okay" or "ok".
 */
bool of_node_is_enabled(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	if (!status)
		return true;
	return strnlen(status, len) == 4 ? !strncmp(status, "okay", 4) :
	       (strnlen(status, len) == 2 && !strncmp(status, "ok", 2));
}

/**
 * of_read_number - read a number spread over @n big-endian 32-bit cells
 * Return: the value (cells beyond 64 bits are shifted out).
 */
u64 of_read_number(const void *cells, int n)
{
	const fdt32_t *p = cells;
	u64 v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/**
 * of_node_path - @node's full path, for messages
 * @fdt: the device tree
 * @node: the node
 * @buf: receives the path (just the node's name when it does not fit)
 * @size: size of @buf
 * Return: @buf.
 */
const char *of_node_path(const void *fdt, int node, char *buf, size_t size)
{
	if (fdt_get_path(fdt, node, buf, (int)size))
		strscpy_trunc(buf, fdt_get_name(fdt, node, NULL) ?: "?", size);
	return buf;
}

/*
 * The first driver of @cls that takes @node; return 1 when one did, and
 * -EAGAIN when @retry and a driver needs another device of the class
 * started first (the TWD the clock it measures its rate against). An
 * init function that failed is skipped in the later entries that share it
 * (the same driver under another of the node's compatible strings): one
 * file's OF_EARLY_DECLARE()s are adjacent in the section, so remembering
 * the last failed init is enough.
 */
int of_early_try_node(const void *fdt, int node, enum of_early_class cls, bool retry)
{
	const struct of_early_driver *drv;
	int (*failed)(const void *fdt, int node) = NULL;
	char path[128];
	int ret;

	if (!of_node_is_enabled(fdt, node))
		return 0;
	for (drv = __start_contig_of_early; drv < __stop_contig_of_early; drv++) {
		if (drv->cls != cls || !drv->compatible || !drv->init)
			continue;
		if (drv->init == failed)
			continue;
		if (fdt_node_check_compatible(fdt, node, drv->compatible))
			continue;
		ret = drv->init(fdt, node);
		if (!ret) {
			if (of_early_nr_owned < OF_EARLY_MAX_OWNED)
				of_early_owned[of_early_nr_owned++] = node;
			else
				pr_warn("%s: more than %d early devices: the platform bus may probe it again\n",
					of_node_path(fdt, node, path, sizeof(path)),
					OF_EARLY_MAX_OWNED);
			return 1;
		}
		failed = drv->init;
		if (ret == -ENODEV)
			continue;
		if (ret == -EAGAIN && retry)
			return -EAGAIN;
		pr_err("%s: driver %s (%s) failed to start: %s (%d)\n",
		       of_node_path(fdt, node, path, sizeof(path)), drv->name,
		       drv->compatible, errname(ret), ret);
	}
	return 0;
}

/**
 * of_early_probe - start every early driver of a class the DT has a node for
 * @fdt: the flattened device tree
 * @cls: which class (console, irqchip, timer, cache, power)
 *
 * The console class starts one console (of_early_console()).
 * Return: how many devices of @cls were initialised.
 */
int of_early_probe(const void *fdt, enum of_early_class cls)
{
	int node, depth = 0, count = 0, later[OF_EARLY_MAX_LATER];
	unsigned int i, nr_later = 0;

	ASSERT_MSG(cls < NR_OF_EARLY_CLASSES, "class %d", (int)cls);
	if (!__start_contig_of_early || !__stop_contig_of_early || !fdt)
		return 0;
	if (cls == OF_EARLY_CONSOLE)
		return of_early_console(fdt);
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int ret = of_early_try_node(fdt, node, cls, nr_later < OF_EARLY_MAX_LATER);

		if (ret == -EAGAIN)
			later[nr_later++] = node;
		else
			count += ret;
	}
	/* Those that asked to wait, once the rest of the class started. */
	for (i = 0; i < nr_later; i++)
		count += of_early_try_node(fdt, later[i], cls, false);
	if (!count)
		pr_debug("no %s device in the device tree\n", of_class_names[cls]);
	return count;
}

/**
 * of_early_node_owned - whether an early driver took DT node @node
 * Return: true when of_early_probe() started a driver on it.
 */
bool of_early_node_owned(int node)
{
	unsigned int i;

	for (i = 0; i < of_early_nr_owned; i++)
		if (of_early_owned[i] == node)
			return true;
	return false;
}

/* Read @n big-endian cells into a right-aligned OF_MAX_CELLS vector. */
static void of_cells_load(u32 *v, const fdt32_t *p, int n)
{
	int i;

	for (i = 0; i < OF_MAX_CELLS; i++)
		v[i] = 0;
	for (i = 0; i < n; i++)
		v[OF_MAX_CELLS - n + i] = fdt32_to_cpu(p[i]);
}

static u64 of_cells_low64(const u32 *v)
{
	return ((u64)v[OF_MAX_CELLS - 2] << 32) | v[OF_MAX_CELLS - 1];
}

static int of_cells(const void *fdt, int node, bool size)
{
	int n = size ? fdt_size_cells(fdt, node) : fdt_address_cells(fdt, node);

	if (n < 0 || n > OF_MAX_CELLS || (!size && n == 0))
		return -EINVAL;
	return n;
}

/*
 * Translate @addr (a right-aligned vector, a child address of the bus
 * @bus) through @bus's "ranges" into its parent's address space.
 */
static int of_translate_one(const void *fdt, int bus, u32 *addr, int na)
{
	int parent = fdt_parent_offset(fdt, bus);
	int pna, ns, len, entry, i;
	const fdt32_t *ranges;
	u64 a = of_cells_low64(addr);

	if (parent < 0)
		return -EINVAL;
	pna = of_cells(fdt, parent, false);
	ns = of_cells(fdt, bus, true);
	if (pna < 0 || ns < 0)
		return -EINVAL;
	ranges = fdt_getprop(fdt, bus, "ranges", &len);
	if (!ranges)
		return -EINVAL; /* not memory mapped */
	if (len == 0)
		return 0; /* identity: the vector is right-aligned already */
	entry = na + pna + ns;
	if (len % (entry * 4))
		return -EINVAL;
	for (i = 0; i < len / 4; i += entry) {
		u32 cb[OF_MAX_CELLS], pb[OF_MAX_CELLS];
		u64 base, size;
		int k;
		bool same = true;

		of_cells_load(cb, ranges + i, na);
		for (k = 0; k < OF_MAX_CELLS - 2; k++)
			same &= cb[k] == addr[k];
		base = of_cells_low64(cb);
		size = of_read_number(ranges + i + na + pna, ns);
		if (!same || a < base || a - base >= size)
			continue;
		of_cells_load(pb, ranges + i + na, pna);
		a = of_cells_low64(pb) + (a - base);
		for (k = 0; k < OF_MAX_CELLS - 2; k++)
			addr[k] = pb[k];
		addr[OF_MAX_CELLS - 2] = (u32)(a >> 32);
		addr[OF_MAX_CELLS - 1] = (u32)a;
		return 0;
	}
	return -EINVAL; /* no range covers the address */
}

/**
 * of_get_reg - a node's @index-th register window as a CPU physical address
 * @fdt: the device tree
 * @node: the device's node
 * @index: which (address, size) pair of "reg"
 * @base: the translated address
 * @size: the window's size (may be NULL)
 *
 * Return: 0; -ENOENT when "reg" has no such entry; -EINVAL when the cells
 * are malformed or a parent bus cannot translate the address.
 */
int of_get_reg(const void *fdt, int node, int index, phys_addr_t *base,
	       phys_addr_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int na, ns, len, bus, k;
	const fdt32_t *reg;
	u32 addr[OF_MAX_CELLS];

	if (parent < 0 || index < 0)
		return -EINVAL;
	na = of_cells(fdt, parent, false);
	ns = of_cells(fdt, parent, true);
	if (na < 0 || ns < 0)
		return -EINVAL;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -ENOENT;
	if (len % ((na + ns) * 4))
		return -EINVAL;
	if (index >= len / ((na + ns) * 4))
		return -ENOENT;
	reg += index * (na + ns);
	of_cells_load(addr, reg, na);
	if (size)
		*size = of_read_number(reg + na, ns);

	/* Walk up: each bus between the node and the root translates. */
	for (bus = parent; bus > 0; bus = fdt_parent_offset(fdt, bus)) {
		int ret = of_translate_one(fdt, bus, addr, na);

		if (ret)
			return ret;
		na = of_cells(fdt, fdt_parent_offset(fdt, bus), false);
		if (na < 0)
			return -EINVAL;
	}
	if (bus < 0)
		return -EINVAL;
	for (k = 0; k < OF_MAX_CELLS - 2; k++)
		if (addr[k])
			return -EINVAL; /* wider than a CPU address */
	*base = of_cells_low64(addr);
	return 0;
}

/**
 * of_stdout_node - the console node /chosen/stdout-path names
 * @fdt: the device tree
 *
 * Accepts a path or an alias, with or without ":options"
 * ("serial0:38400n8"); falls back to linux,stdout-path.
 * Return: the node offset, or -ENOENT.
 */
int of_stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path, *colon;
	int len, node;

	if (chosen < 0)
		return -ENOENT;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len < 2)
		return -ENOENT;
	len = (int)strnlen(path, len);
	colon = memchr(path, ':', len);
	if (colon)
		len = (int)(colon - path);
	node = fdt_path_offset_namelen(fdt, path, len);
	return node < 0 ? -ENOENT : node;
}

/*
 * The interrupt parent of @node, as Linux finds it: @node's own
 * "interrupt-parent" phandle, else its parent node's, and so on, up to the
 * first node that has #interrupt-cells (a controller or a nexus).
 * Return: that node, or a negative errno (-ENOENT: none; -EINVAL: a
 * phandle that names no node).
 */
static int of_irq_find_parent(const void *fdt, int node)
{
	int i;

	for (i = 0; i < OF_IRQ_MAX_DEPTH && node >= 0; i++) {
		int len;
		const fdt32_t *ph = fdt_getprop(fdt, node, "interrupt-parent", &len);

		if (ph && len == 4) {
			node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
			if (node < 0)
				return -EINVAL;
		} else {
			node = fdt_parent_offset(fdt, node);
			if (node < 0)
				return -ENOENT;
		}
		if (fdt_getprop(fdt, node, "#interrupt-cells", NULL))
			return node;
	}
	return node < 0 ? -ENOENT : -EINVAL; /* a loop of interrupt-parents */
}

/* A cell count property; @def when absent; -EINVAL when malformed or huge. */
static int of_irq_cells(const void *fdt, int node, const char *prop, int def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);
	u32 v;

	if (!p)
		return def;
	if (len != 4)
		return -EINVAL;
	v = fdt32_to_cpu(*p);
	return v > OF_IRQ_MAX_CELLS ? -EINVAL : (int)v;
}

/*
 * Resolve the specifier @spec->args (for the controller or nexus
 * @spec->ctrl) of device @dev up to an interrupt controller, following
 * interrupt-map / interrupt-map-mask at every nexus and interrupt-parent
 * where a node has neither, as Linux's of_irq_parse_raw() does. The unit
 * address matched against a map is the first #address-cells cells of
 * @dev's "reg" (as the first nexus counts them).
 */
static int of_irq_resolve(const void *fdt, int dev, struct of_irq_spec *spec)
{
	u32 match[2 * OF_IRQ_MAX_CELLS];
	const fdt32_t *reg;
	int ipar = spec->ctrl, addrsize, intsize, depth, len, i, a;

	intsize = of_irq_cells(fdt, ipar, "#interrupt-cells", -ENOENT);
	if (intsize < 0 || intsize != spec->nr_args)
		return -EINVAL;
	/* The #address-cells of the nexus, looked up the tree (Linux does). */
	for (a = ipar; a >= 0 && !fdt_getprop(fdt, a, "#address-cells", NULL);
	     a = fdt_parent_offset(fdt, a))
		;
	addrsize = a >= 0 ? of_irq_cells(fdt, a, "#address-cells", 2) : 2;
	if (addrsize < 0)
		return -EINVAL;
	reg = fdt_getprop(fdt, dev, "reg", &len);
	for (i = 0; i < addrsize; i++)
		match[i] = reg && len >= (i + 1) * 4 ? fdt32_to_cpu(reg[i]) : 0;
	for (i = 0; i < intsize; i++)
		match[addrsize + i] = spec->args[i];

	for (depth = 0; depth < OF_IRQ_MAX_DEPTH; depth++) {
		const fdt32_t *map, *mask, *e;
		int maplen, masklen, newpar = -1, newaddr = 0, newint = 0, n;

		if (fdt_getprop(fdt, ipar, "interrupt-controller", NULL)) {
			spec->ctrl = ipar;
			spec->nr_args = intsize;
			for (i = 0; i < intsize; i++)
				spec->args[i] = match[addrsize + i];
			return 0;
		}
		map = fdt_getprop(fdt, ipar, "interrupt-map", &maplen);
		if (!map) {
			/* Not a nexus: the specifier goes on up unchanged. */
			ipar = of_irq_find_parent(fdt, ipar);
			if (ipar < 0)
				return ipar == -ENOENT ? -ENXIO : ipar;
			continue;
		}
		if (!reg && addrsize)
			return -EINVAL; /* a map needs the device's unit address */
		mask = fdt_getprop(fdt, ipar, "interrupt-map-mask", &masklen);
		if (mask && masklen != (addrsize + intsize) * 4)
			return -EINVAL;
		n = maplen / 4;
		for (e = map; e < map + n; e += addrsize + intsize + 1 + newaddr + newint) {
			bool hit = true;

			if (map + n - e < addrsize + intsize + 1)
				return -EINVAL;
			for (i = 0; i < addrsize + intsize; i++) {
				u32 m = mask ? fdt32_to_cpu(mask[i]) : ~0U;

				hit &= (match[i] & m) == fdt32_to_cpu(e[i]);
			}
			newpar = fdt_node_offset_by_phandle(fdt,
							    fdt32_to_cpu(e[addrsize + intsize]));
			if (newpar < 0)
				return -EINVAL;
			newint = of_irq_cells(fdt, newpar, "#interrupt-cells", -EINVAL);
			newaddr = of_irq_cells(fdt, newpar, "#address-cells", 0);
			if (newint < 0 || newaddr < 0 ||
			    map + n - e < addrsize + intsize + 1 + newaddr + newint)
				return -EINVAL;
			if (hit)
				break;
		}
		if (e >= map + n)
			return -EINVAL; /* the map has no entry for this interrupt */
		e += addrsize + intsize + 1;
		for (i = 0; i < newaddr + newint; i++)
			match[i] = fdt32_to_cpu(e[i]);
		addrsize = newaddr;
		intsize = newint;
		ipar = newpar;
	}
	return -EINVAL; /* a loop of maps */
}

/**
 * of_irq_parse - a node's @index-th interrupt, resolved to its controller
 * @fdt: the device tree
 * @node: the device's node
 * @index: which interrupt
 * @spec: receives the controller node and the specifier cells it takes
 *
 * Reads "interrupts-extended" (phandle + specifier entries) or else
 * "interrupts" with the interrupt parent's #interrupt-cells, then follows
 * interrupt-map nexus nodes (the Versatile Express motherboard bus maps
 * its devices' one-cell interrupts to GIC SPIs) to an
 * "interrupt-controller".
 * Return: 0; -ENOENT when there is no such interrupt; -ENXIO when no
 * interrupt controller is reached; -EINVAL when a property on the way is
 * malformed or a map has no entry for the interrupt.
 */
int of_irq_parse(const void *fdt, int node, int index, struct of_irq_spec *spec)
{
	const fdt32_t *p;
	int len, n, i, cells = 0;

	if (index < 0)
		return -ENOENT;
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (p) {
		if (len % 4)
			return -EINVAL;
		n = len / 4;
		for (i = 0; i < n; i += 1 + cells, index--) {
			spec->ctrl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[i]));
			if (spec->ctrl < 0)
				return -EINVAL;
			cells = of_irq_cells(fdt, spec->ctrl, "#interrupt-cells", -EINVAL);
			if (cells < 0 || i + 1 + cells > n)
				return -EINVAL;
			if (!index)
				break;
		}
		if (i >= n)
			return -ENOENT;
		p += i + 1;
	} else {
		p = fdt_getprop(fdt, node, "interrupts", &len);
		if (!p)
			return -ENOENT;
		spec->ctrl = of_irq_find_parent(fdt, node);
		if (spec->ctrl < 0)
			return spec->ctrl == -ENOENT ? -ENXIO : spec->ctrl;
		cells = of_irq_cells(fdt, spec->ctrl, "#interrupt-cells", -EINVAL);
		if (cells <= 0 || len % (cells * 4))
			return -EINVAL;
		if (index >= len / (cells * 4))
			return -ENOENT;
		p += index * cells;
	}
	spec->nr_args = cells;
	for (i = 0; i < cells; i++)
		spec->args[i] = fdt32_to_cpu(p[i]);
	return of_irq_resolve(fdt, node, spec);
}

/**
 * of_get_irq - a node's @index-th interrupt as a GIC interrupt ID
 * @fdt: the device tree
 * @node: the device's node
 * @index: which interrupt (of_irq_parse())
 *
 * Return: the ID (SPI n is 32 + n, PPI n is 16 + n); -ENOENT when there is
 * no such entry; -ENXIO when the interrupt does not end at a controller
 * with 3-cell GIC specifiers; -EINVAL when a property on the way is
 * malformed or the type or number is out of range.
 */
int of_get_irq(const void *fdt, int node, int index)
{
	struct of_irq_spec spec;
	int ret = of_irq_parse(fdt, node, index, &spec);

	if (ret)
		return ret;
	if (spec.nr_args != 3)
		return -ENXIO;
	if (spec.args[0] == 0 && spec.args[1] < 988)
		return (int)(32 + spec.args[1]);
	if (spec.args[0] == 1 && spec.args[1] < 16)
		return (int)(16 + spec.args[1]);
	return -EINVAL;
}

/**
 * of_read_u32 - a one-cell property
 * Return: its value, or @def when the property is absent or not 4 bytes.
 */
u32 of_read_u32(const void *fdt, int node, const char *prop, u32 def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p || len != 4)
		return def;
	return fdt32_to_cpu(*p);
}

/* How many assigned-clock-parents links of_clk_rate() follows. */
#define OF_CLK_MAX_DEPTH 8

/*
 * Drivers that read the rate of a clock provider the DT gives no rate
 * (programmable oscillators). Registered during single-threaded early
 * boot; read-only afterwards.
 */
#define OF_CLK_MAX_READERS 4
static const struct of_clk_reader *of_clk_readers[OF_CLK_MAX_READERS];

/**
 * of_clk_add_reader - let of_clk_rate() ask a driver for a provider's rate
 * @r: the provider's compatible string and the function that reads it
 *
 * Return: 0, or -ENOSPC when the table is full.
 */
int of_clk_add_reader(const struct of_clk_reader *r)
{
	unsigned int i;

	for (i = 0; i < OF_CLK_MAX_READERS; i++)
		if (!of_clk_readers[i]) {
			of_clk_readers[i] = r;
			return 0;
		}
	return -ENOSPC;
}

/* Index of entry (@ph, @args) in a phandle + #clock-cells list, or -1. */
static int of_clk_find(const void *fdt, const fdt32_t *list, int len, u32 ph,
		       const fdt32_t *args, int nargs)
{
	int n = len / 4, i, idx, cells, node;

	for (i = 0, idx = 0; i < n; i += 1 + cells, idx++) {
		node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(list[i]));
		if (node < 0)
			return -1;
		cells = (int)of_read_u32(fdt, node, "#clock-cells", 0);
		if (i + 1 + cells > n)
			return -1;
		if (fdt32_to_cpu(list[i]) == ph && cells == nargs &&
		    !memcmp(list + i + 1, args, (size_t)nargs * 4))
			return idx;
	}
	return -1;
}

/* Entry @idx of a phandle + #clock-cells list: its provider and cells. */
static int of_clk_entry(const void *fdt, const fdt32_t *list, int len, int idx,
			const fdt32_t **args, int *nargs)
{
	int n = len / 4, i, cells = 0, node = -FDT_ERR_NOTFOUND;

	for (i = 0; i < n; i += 1 + cells, idx--) {
		node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(list[i]));
		if (node < 0)
			return node;
		cells = (int)of_read_u32(fdt, node, "#clock-cells", 0);
		if (i + 1 + cells > n)
			return -FDT_ERR_BADVALUE;
		if (!idx) {
			*args = list + i + 1;
			*nargs = cells;
			return node;
		}
	}
	return -FDT_ERR_NOTFOUND;
}

/*
 * The rate of output (@args, @nargs) of clock provider @prov: its
 * clock-frequency; the one rate of an "arm,vexpress-osc" whose freq-range
 * is a single value; what a driver that reads such a provider
 * (of_clk_add_reader()) says; or, for a mux or gate whose rate the DT does
 * not give (the SP810's timer clock enables), the rate of the parent that
 * the provider's own assigned-clocks / assigned-clock-parents give that
 * output.
 */
static u32 of_clk_provider_rate(const void *fdt, int prov, const fdt32_t *args, int nargs,
				int depth)
{
	const fdt32_t *assigned, *parents, *pargs;
	int alen, plen, idx, parent, pn, len;
	u32 rate = of_read_u32(fdt, prov, "clock-frequency", 0);
	const fdt32_t *range;

	if (rate)
		return rate;
	range = fdt_getprop(fdt, prov, "freq-range", &len);
	if (range && len == 8 && !fdt_node_check_compatible(fdt, prov, "arm,vexpress-osc") &&
	    range[0] == range[1])
		return fdt32_to_cpu(range[0]);
	for (idx = 0; idx < OF_CLK_MAX_READERS && of_clk_readers[idx]; idx++)
		if (!fdt_node_check_compatible(fdt, prov, of_clk_readers[idx]->compatible)) {
			rate = of_clk_readers[idx]->rate(fdt, prov, args, nargs);
			if (rate)
				return rate;
		}
	if (depth >= OF_CLK_MAX_DEPTH)
		return 0;
	assigned = fdt_getprop(fdt, prov, "assigned-clocks", &alen);
	parents = fdt_getprop(fdt, prov, "assigned-clock-parents", &plen);
	if (!assigned || !parents)
		return 0;
	idx = of_clk_find(fdt, assigned, alen, fdt_get_phandle(fdt, prov), args, nargs);
	if (idx < 0)
		return 0;
	parent = of_clk_entry(fdt, parents, plen, idx, &pargs, &pn);
	if (parent < 0 || parent == prov)
		return 0;
	return of_clk_provider_rate(fdt, parent, pargs, pn, depth + 1);
}

/**
 * of_clk_rate - the frequency of one of a node's clocks
 * @fdt: the device tree
 * @node: the consumer's node
 * @name: the clock's entry in the node's "clock-names"; NULL, or a name
 *        "clock-names" does not list, means the first clock
 *
 * Follows the "clocks" phandle list (each entry a provider phandle and the
 * provider's #clock-cells specifier cells, 0 when absent) to the provider
 * and reads its "clock-frequency", as a "fixed-clock" gives it; an
 * "arm,vexpress-osc" with a one-value freq-range runs at that value; a
 * provider without a rate of its own (a mux, such as the SP810's timer
 * clock enables) has the rate of the parent its assigned-clock-parents
 * choose for that output; a programmable one, what the driver registered
 * for its compatible reads from the hardware. contig programs no clock:
 * these are the rates the DT or the hardware say the firmware set up.
 * Return: the rate in Hz, or 0 when there is no such clock or its rate
 * cannot be read from the DT.
 */
u32 of_clk_rate(const void *fdt, int node, const char *name)
{
	const fdt32_t *clks, *args;
	int len, idx = 0, provider, nargs;

	clks = fdt_getprop(fdt, node, "clocks", &len);
	if (!clks || len < 4)
		return 0;
	if (name) {
		idx = fdt_stringlist_search(fdt, node, "clock-names", name);
		if (idx < 0)
			idx = 0;
	}
	provider = of_clk_entry(fdt, clks, len, idx, &args, &nargs);
	if (provider < 0)
		return 0;
	return of_clk_provider_rate(fdt, provider, args, nargs, 0);
}
