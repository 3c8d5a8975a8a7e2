// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which device is the console (of_early_probe(fdt, OF_EARLY_CONSOLE)),
 * following Linux's rules for a device tree and a command line
 * (/chosen/bootargs):
 *
 *   1. console=ttyAMA<n>[,options]: the last such parameter wins, as the
 *      last console= is Linux's /dev/console. ttyAMA<n> is the PL011 that
 *      the alias serial<n> names; a PL011 without a serial alias gets the
 *      lowest number no alias and no earlier PL011 (in DT order, which is
 *      Linux's probe order) took. console= values naming other devices
 *      (tty0, ttyS0, ...) are ignored with a message: contig has no such
 *      console.
 *   2. /chosen/stdout-path (or linux,stdout-path), a path or an alias with
 *      ":options"; a bare "earlycon" means the same node.
 *   3. earlycon=pl011,[mmio32,]<address>[,options]: the enabled arm,pl011
 *      node whose first reg window starts at that address.
 *   4. None of these: the first enabled node, in DT order, that a console
 *      driver takes (on vexpress the first PL011), and one line says so.
 *
 * Options are Linux's "<baud><parity><bits>" ("115200n8"); the console
 * driver reads the ones of the node it is starting with
 * of_console_options(). Runs once during single-threaded early boot;
 * messages before the console exists are kept by lib/console.c and
 * printed when it registers.
 */
#define pr_fmt(fmt) "console: " fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <libfdt.h>

#include "of_internal.h"

#define OF_CONSOLE_OPTS 32
#define OF_CONSOLE_MAX_UARTS 32

static char of_console_opts[OF_CONSOLE_OPTS];

#define for_each_pl011(node, fdt)                                              \
	for (node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011"); node >= 0; \
	     node = fdt_node_offset_by_compatible(fdt, node, "arm,pl011"))

/**
 * of_console_options - the options of the console being started
 *
 * Return: the "115200n8"-style options that console=, stdout-path or
 * earlycon gave for the node the console driver is starting on ("" when
 * none); valid during the driver's init only.
 */
const char *of_console_options(void)
{
	return of_console_opts;
}

static void set_opts(const char *opts, size_t len)
{
	len = min(len, sizeof(of_console_opts) - 1);
	memcpy(of_console_opts, opts, len);
	of_console_opts[len] = '\0';
}

/* The serial<n> alias that names @node, or -1. */
static int serial_alias_of(const void *fdt, int node)
{
	int aliases = fdt_path_offset(fdt, "/aliases"), prop;

	if (aliases < 0)
		return -1;
	fdt_for_each_property_offset(prop, fdt, aliases) {
		const char *name, *path;
		int len;
		char *end;
		unsigned long id;

		path = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!path || strncmp(name, "serial", 6) || !name[6])
			continue;
		id = strtoul(name + 6, &end, 10);
		if (*end || id >= OF_CONSOLE_MAX_UARTS)
			continue;
		if (fdt_path_offset_namelen(fdt, path, (int)strnlen(path, len)) == node)
			return (int)id;
	}
	return -1;
}

/**
 * of_ttyama_node - the PL011 Linux would call ttyAMA<@line>
 * @fdt: the device tree
 * @line: the number
 *
 * Return: its node, or -ENOENT.
 */
int of_ttyama_node(const void *fdt, unsigned int line)
{
	u32 taken = 0;
	int node, pass;

	/* Pass 0: the aliased PL011s; pass 1: the others, lowest free number. */
	for (pass = 0; pass < 2; pass++) {
		for_each_pl011(node, fdt) {
			int id;

			if (!of_node_is_enabled(fdt, node))
				continue;
			id = serial_alias_of(fdt, node);
			if (pass == 0) {
				if (id >= 0 && (u32)id == line)
					return node;
				if (id >= 0)
					taken |= 1U << id;
				continue;
			}
			if (id >= 0)
				continue;
			for (id = 0; id < OF_CONSOLE_MAX_UARTS && (taken & (1U << id)); id++)
				;
			if (id >= OF_CONSOLE_MAX_UARTS)
				return -ENOENT;
			if ((u32)id == line)
				return node;
			taken |= 1U << id;
		}
	}
	return -ENOENT;
}

/* The enabled arm,pl011 whose first reg window starts at @addr, or -ENOENT. */
static int pl011_at(const void *fdt, phys_addr_t addr)
{
	int node;

	for_each_pl011(node, fdt) {
		phys_addr_t base;

		if (of_node_is_enabled(fdt, node) && !of_get_reg(fdt, node, 0, &base, NULL) &&
		    base == addr)
			return node;
	}
	return -ENOENT;
}

/*
 * The value of the next "@name=" word of @args after *@pos, its length in
 * *@len; NULL at the end.
 */
static const char *next_word(const char *args, const char *name, size_t *pos, size_t *len)
{
	size_t nl = strlen(name);
	const char *p = args + *pos;

	while (*p) {
		const char *w;

		while (*p == ' ')
			p++;
		w = p;
		while (*p && *p != ' ')
			p++;
		*pos = (size_t)(p - args);
		if (!strncmp(w, name, nl) && w[nl] == '=') {
			*len = (size_t)(p - w) - nl - 1;
			return w + nl + 1;
		}
	}
	return NULL;
}

/* console=: the node of the last usable ttyAMA<n>, its options in *@opts. */
static int console_param(const void *fdt, const char *args, const char **opts,
			 size_t *optlen)
{
	const char *v;
	size_t pos = 0, len;
	int found = -ENOENT;

	while ((v = next_word(args, "console", &pos, &len))) {
		const char *comma = memchr(v, ',', len);
		size_t nlen = comma ? (size_t)(comma - v) : len;
		char *end;
		unsigned long line;
		int node;

		if (nlen <= 6 || strncmp(v, "ttyAMA", 6)) {
			pr_info("console=%.*s ignored: contig's consoles are the PL011s, "
				"console=ttyAMA<n>\n", (int)len, v);
			continue;
		}
		line = strtoul(v + 6, &end, 10);
		if (end != v + nlen || line >= OF_CONSOLE_MAX_UARTS ||
		    (node = of_ttyama_node(fdt, (unsigned int)line)) < 0) {
			pr_warn("console=%.*s: no enabled arm,pl011 is ttyAMA%.*s (a PL011 is "
				"ttyAMA<n> by its serial<n> alias, else by its place in the "
				"DT); ignored\n", (int)len, v, (int)(nlen - 6), v + 6);
			continue;
		}
		found = node;
		*opts = comma ? comma + 1 : "";
		*optlen = comma ? len - nlen - 1 : 0;
	}
	return found;
}

/* earlycon=pl011,[mmio32,]<addr>[,opts]: the node, or -ENOENT. */
static int earlycon_param(const void *fdt, const char *args, const char **opts,
			  size_t *optlen)
{
	size_t pos = 0, len;
	const char *v = next_word(args, "earlycon", &pos, &len), *p;
	unsigned long long addr;
	char *end;
	int node;

	if (!v)
		return -ENOENT;
	if (len < 6 || strncmp(v, "pl011,", 6)) {
		pr_warn("earlycon=%.*s ignored: contig's early console is the PL011, "
			"earlycon=pl011,<address>[,options] (or a bare earlycon for "
			"/chosen/stdout-path)\n", (int)len, v);
		return -ENOENT;
	}
	p = v + 6;
	if (!strncmp(p, "mmio32,", 7) || !strncmp(p, "mmio,", 5))
		p = strchr(p, ',') + 1;
	addr = strtoull(p, &end, 0);
	if (end == p || (end < v + len && *end != ',')) {
		pr_warn("earlycon=%.*s: no address after pl011,; ignored\n", (int)len, v);
		return -ENOENT;
	}
	node = pl011_at(fdt, (phys_addr_t)addr);
	if (node < 0) {
		pr_warn("earlycon=%.*s: no enabled arm,pl011 node has its registers at %#llx; "
			"contig starts consoles from DT nodes only: ignored\n", (int)len, v, addr);
		return -ENOENT;
	}
	*opts = end < v + len ? end + 1 : "";
	*optlen = end < v + len ? (size_t)(v + len - end - 1) : 0;
	return node;
}

/* The options after ':' in /chosen/stdout-path. */
static void stdout_opts(const void *fdt, const char **opts, size_t *optlen)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *path = NULL, *colon;

	*opts = "";
	*optlen = 0;
	if (chosen >= 0) {
		path = fdt_getprop(fdt, chosen, "stdout-path", &len);
		if (!path)
			path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	}
	if (!path)
		return;
	colon = memchr(path, ':', strnlen(path, len));
	if (colon) {
		*opts = colon + 1;
		*optlen = strnlen(colon + 1, (size_t)(path + len - colon - 1));
	}
}

static int try_console(const void *fdt, int node, const char *opts, size_t optlen)
{
	set_opts(opts, optlen);
	return of_early_try_node(fdt, node, OF_EARLY_CONSOLE, false);
}

/**
 * of_early_console - start the console the command line and the DT choose
 * @fdt: the device tree (its /chosen/bootargs is the command line)
 *
 * Return: 1 when a console driver started, else 0.
 */
int of_early_console(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node, got = 0;
	const char *args = NULL, *opts;
	char path[128];
	size_t optlen;

	if (chosen >= 0)
		args = fdt_getprop(fdt, chosen, "bootargs", NULL);
	args = args ?: "";

	node = console_param(fdt, args, &opts, &optlen);
	if (node >= 0 && (got = try_console(fdt, node, opts, optlen)))
		pr_info("%s from console= on the command line\n",
			of_node_path(fdt, node, path, sizeof(path)));
	if (!got) {
		node = of_stdout_node(fdt);
		stdout_opts(fdt, &opts, &optlen);
		if (node >= 0 && (got = try_console(fdt, node, opts, optlen)))
			pr_info("%s from /chosen/stdout-path\n",
				of_node_path(fdt, node, path, sizeof(path)));
	}
	if (!got) {
		node = earlycon_param(fdt, args, &opts, &optlen);
		if (node >= 0 && (got = try_console(fdt, node, opts, optlen)))
			pr_info("%s from earlycon= on the command line\n",
				of_node_path(fdt, node, path, sizeof(path)));
	}
	if (!got) {
		int depth = 0;

		for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
		     node = fdt_next_node(fdt, node, &depth))
			if ((got = try_console(fdt, node, "", 0)))
				break;
		if (got)
			pr_info("no console=, /chosen/stdout-path or earlycon= names a usable "
				"console: using %s, the first enabled one; pass "
				"console=ttyAMA<n> to choose\n",
				of_node_path(fdt, node, path, sizeof(path)));
	}
	set_opts("", 0);
	return got;
}
