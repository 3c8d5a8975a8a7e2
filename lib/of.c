// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree helpers for early drivers (include/contig/of.h).
 *
 * Early drivers are entries of the "contig_of_early" linker section
 * (OF_EARLY_DECLARE); of_early_probe() walks the device tree in DT order
 * and, for every enabled node (status absent, "okay" or "ok"), tries the
 * drivers of the requested class whose compatible string the node lists.
 * The first driver whose init() returns 0 owns the node; a driver that
 * returns -ENODEV lets the next one try; any other error is reported with
 * the node's path. A driver declares one entry per compatible string and a
 * node often lists several of them: an init() that failed on a node is not
 * called again for it through another entry (one message per problem).
 * The console class only looks at the node that
 * /chosen/stdout-path names, so a board with four UARTs gets one console.
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
 * Interrupts: of_get_irq() reads 3-cell GIC specifiers (type, number,
 * flags); type 0 is an SPI (ID 32 + n), type 1 a PPI (ID 16 + n).
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

#define OF_MAX_CELLS 4

extern const struct of_early_driver __start_contig_of_early[] __attribute__((weak));
extern const struct of_early_driver __stop_contig_of_early[] __attribute__((weak));

const void *initial_boot_params;

/*
 * Nodes an early driver took, so the platform bus leaves them alone.
 * Written during single-threaded boot only; read-only afterwards.
 */
#define OF_EARLY_MAX_OWNED 32
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
 * The first driver of @cls that takes @node; return 1 when one did. An
 * init function that failed is skipped in the later entries that share it
 * (the same driver under another of the node's compatible strings): one
 * file's OF_EARLY_DECLARE()s are adjacent in the section, so remembering
 * the last failed init is enough.
 */
static int of_early_try_node(const void *fdt, int node, enum of_early_class cls)
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
 * The console class considers only the /chosen/stdout-path node.
 * Return: how many devices of @cls were initialised.
 */
int of_early_probe(const void *fdt, enum of_early_class cls)
{
	int node, depth = 0, count = 0;

	ASSERT_MSG(cls < NR_OF_EARLY_CLASSES, "class %d", (int)cls);
	if (!__start_contig_of_early || !__stop_contig_of_early || !fdt)
		return 0;
	if (cls == OF_EARLY_CONSOLE) {
		node = of_stdout_node(fdt);
		return node < 0 ? 0 : of_early_try_node(fdt, node, cls);
	}
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth))
		count += of_early_try_node(fdt, node, cls);
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

/* The interrupt controller of @node: the nearest interrupt-parent. */
static int of_irq_parent(const void *fdt, int node)
{
	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		int len;
		const fdt32_t *ph = fdt_getprop(fdt, node, "interrupt-parent", &len);

		if (ph && len == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
	}
	return -ENOENT;
}

/**
 * of_get_irq - a node's @index-th interrupt as a GIC interrupt ID
 * @fdt: the device tree
 * @node: the device's node
 * @index: which entry of "interrupts"
 *
 * Return: the ID (SPI n is 32 + n, PPI n is 16 + n); -ENOENT when there is
 * no such entry; -EINVAL when the controller does not use 3-cell GIC
 * specifiers or the type or number is out of range.
 */
int of_get_irq(const void *fdt, int node, int index)
{
	const fdt32_t *p;
	int len, ic, cells = 3;
	u32 type, nr;

	ic = of_irq_parent(fdt, node);
	if (ic >= 0)
		cells = (int)of_read_u32(fdt, ic, "#interrupt-cells", 3);
	if (cells != 3)
		return -EINVAL;
	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (!p || index < 0)
		return -ENOENT;
	if (len % 12)
		return -EINVAL;
	if (index >= len / 12)
		return -ENOENT;
	type = fdt32_to_cpu(p[index * 3]);
	nr = fdt32_to_cpu(p[index * 3 + 1]);
	if (type == 0 && nr < 988)
		return (int)(32 + nr);
	if (type == 1 && nr < 16)
		return (int)(16 + nr);
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

/**
 * of_clk_rate - the frequency of one of a node's clocks
 * @fdt: the device tree
 * @node: the consumer's node
 * @name: the clock's entry in the node's "clock-names"; NULL, or a name
 *        "clock-names" does not list, means the first clock
 *
 * Follows the "clocks" phandle list (each entry a provider phandle and the
 * provider's #clock-cells specifier cells, 0 when absent) to the provider
 * and reads its "clock-frequency", as a "fixed-clock" gives it.
 * Return: the rate in Hz, or 0 when there is no such clock or its provider
 * has no one-cell clock-frequency.
 */
u32 of_clk_rate(const void *fdt, int node, const char *name)
{
	const fdt32_t *clks;
	int len, idx = 0, provider;
	unsigned int i, n;
	u32 cells;

	clks = fdt_getprop(fdt, node, "clocks", &len);
	if (!clks || len < 4)
		return 0;
	if (name) {
		idx = fdt_stringlist_search(fdt, node, "clock-names", name);
		if (idx < 0)
			idx = 0;
	}
	n = (unsigned int)len / 4;
	for (i = 0; i < n; i += 1 + cells, idx--) {
		provider = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(clks[i]));
		if (provider < 0)
			return 0;
		if (!idx)
			return of_read_u32(fdt, provider, "clock-frequency", 0);
		cells = of_read_u32(fdt, provider, "#clock-cells", 0);
		if (cells >= n)
			return 0;
	}
	return 0;
}
