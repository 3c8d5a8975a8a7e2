// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hosted port's boot loader: main() plays the part of the board's
 * firmware and boot loader, then calls start_kernel().
 *
 *  1. Parse the host command line (--dtb, --append, --cpus, --drive,
 *     --screendump).
 *  2. Load the DTB (the board DTB linked into the binary by dtb.S unless
 *     --dtb names another) and find RAM from its /memory node(s).
 *  3. mmap() one anonymous arena for [lowest bank start, highest bank end):
 *     that is simulated physical memory. A physical address becomes a
 *     pointer by adding host_linear_offset (arena address minus RAM base),
 *     which is never 0, and when the host allows it the physical range
 *     itself is mapped inaccessible, so a physical address used as a pointer
 *     faults at once.
 *  4. Lay out RAM like a boot loader: the "kernel image" at RAM base +
 *     0x8000 (4 MiB; the host binary is not really there, the extent exists
 *     so that the kernel's overlap checks against its own image are real),
 *     then the DTB at the first 4 KiB boundary after it, copied with
 *     fdt_open_into() into a buffer 8 KiB bigger than the blob, with
 *     /chosen/bootargs set from --append (as QEMU's -append does), and
 *     with --drive, QEMU's four virtio-mmio nodes (emu/virtio_blk.c).
 *  5. Fill struct boot_params and call start_kernel().
 */
#include <contig/of.h>
#include <libfdt.h>

#include <contig/arch.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/parse.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/host.h>
#include <asm/memory.h>

#include "internal.h"
#include "os/host_os.h"

#define HOST_KERNEL_OFFSET 0x8000UL
#define HOST_KERNEL_SIZE SZ_4M
#define HOST_DTB_SLACK (8 * SZ_1K)
#define HOST_DTB_MAX SZ_16M
#define HOST_ARENA_ALIGN SZ_2M
#define HOST_MAX_BANKS 16

/* The default board DTB (dtb.S). */
extern const char __host_dtb_start[], __host_dtb_end[];

uintptr_t host_linear_offset;
phys_addr_t host_ram_start, host_ram_end;
void *host_arena;
size_t host_arena_size;

static struct boot_params host_boot_params;

struct ram_bank {
	u64 base, size;
};

static __noreturn void boot_fail(const char *fmt, ...) __printf(1, 2);

static void boot_fail(const char *fmt, ...)
{
	va_list ap;

	os_eprintf("contig: ");
	va_start(ap, fmt);
	os_veprintf(fmt, ap);
	va_end(ap);
	os_exit(2);
}

static void usage(bool help, const char *prog)
{
	(help ? os_printf : os_eprintf)(
		"usage: %s [--dtb FILE] [--append \"CMDLINE\"] [--cpus N] [--populate]\n"
		"          [--drive FILE[,ioerr=SECTOR]]... [--screendump FILE.png] [--help]\n"
		"Boot the contig kernel as a host process over simulated RAM.\n"
		"  --dtb FILE         device tree blob to boot with (default: the\n"
		"                     vexpress-a9 board built into this binary)\n"
		"  --append CMDLINE   kernel command line; replaces /chosen/bootargs\n"
		"  --cpus N           number of simulated CPUs, 1..%d (default %d)\n"
		"  --populate         fault in all of simulated RAM before boot, so\n"
		"                     timings measure memory, not host page faults\n"
		"  --drive FILE       a virtio block device backed by FILE (read-only),\n"
		"                     on virtio-mmio transports added to the DTB as QEMU\n"
		"                     does (up to 4); ioerr=SECTOR fails reads of SECTOR\n"
		"  --screendump FILE  at power-off, write the display (the emulated\n"
		"                     PL111's next frame) to FILE as a PNG\n"
		"  --help             show this help\n",
		prog, CONFIG_NR_CPUS, CONFIG_NR_CPUS);
}

/* Read a whole DTB file into an os_alloc()ed buffer. */
static void *read_dtb_file(const char *path, size_t *sizep)
{
	size_t done = 0;
	bool regular;
	u64 size;
	char *buf;
	int fd, err;

	fd = os_open_read(path);
	if (fd < 0)
		boot_fail("cannot open DTB '%s': %s\n", path, os_strerror(fd));
	err = os_file_size(fd, &size, &regular);
	if (err)
		boot_fail("cannot stat DTB '%s': %s\n", path, os_strerror(err));
	if (!regular)
		boot_fail("DTB '%s' is not a regular file\n", path);
	if (size < sizeof(struct fdt_header) || size > HOST_DTB_MAX)
		boot_fail("DTB '%s' has %llu bytes; a DTB is %zu bytes to %lu MiB; "
			  "compile it with dtc -O dtb\n", path, (unsigned long long)size,
			  sizeof(struct fdt_header), HOST_DTB_MAX >> 20);
	buf = os_alloc((size_t)size);
	if (!buf)
		boot_fail("out of memory reading DTB '%s'\n", path);
	while (done < (size_t)size) {
		long n = os_read(fd, buf + done, (size_t)size - done);

		if (n <= 0)
			boot_fail("cannot read DTB '%s': %s\n", path,
				  n < 0 ? os_strerror((int)n) : "unexpected end of file");
		done += (size_t)n;
	}
	os_close(fd);
	*sizep = done;
	return buf;
}

static void check_dtb(const void *fdt, size_t size, const char *name)
{
	char why[192];
	int err;

	/* First a walk that ends on any input: libfdt 1.6.1 can loop on some. */
	if (of_fdt_validate(fdt, size, why, sizeof(why), NULL))
		boot_fail("DTB %s is corrupt: %s; rebuild it with dtc -O dtb\n", name, why);
	err = fdt_check_header(fdt);

	if (!err && fdt_totalsize(fdt) > size)
		boot_fail("DTB %s is truncated: header says %u bytes, the file has %zu\n",
			  name, fdt_totalsize(fdt), size);
	if (!err)
		err = fdt_check_full(fdt, fdt_totalsize(fdt));
	if (err)
		boot_fail("DTB %s is not a valid flattened device tree: %s; "
			  "compile it with dtc -O dtb\n", name, fdt_strerror(err));
}

/* Collect the RAM banks of every enabled device_type = "memory" node. */
static int find_ram(const void *fdt, const char *name, struct ram_bank *banks)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, nr = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		boot_fail("DTB %s: root #address-cells = %d, #size-cells = %d; "
			  "both must be 1 or 2\n", name, ac, sc);

	for (node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
						  sizeof("memory"));
	     node >= 0;
	     node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory",
						  sizeof("memory"))) {
		const char *nname = fdt_get_name(fdt, node, NULL);
		const fdt32_t *reg;
		int len, i, entry = (ac + sc) * (int)sizeof(fdt32_t);

		if (!of_node_is_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len <= 0 || len % entry)
			boot_fail("DTB %s: memory node %s has %s; it needs reg = <base "
				  "size> pairs of %d + %d cells\n", name, nname,
				  reg ? "a malformed reg" : "no reg", ac, sc);
		for (i = 0; i < len / entry; i++, reg += ac + sc) {
			u64 base = of_read_number(reg, ac), size = of_read_number(reg + ac, sc);

			if (!size)
				continue;
			if (base + size < base)
				boot_fail("DTB %s: memory node %s: bank %#llx + %#llx "
					  "overflows\n", name, nname,
					  (unsigned long long)base, (unsigned long long)size);
			if (nr == HOST_MAX_BANKS)
				boot_fail("DTB %s: more than %d RAM banks\n", name,
					  HOST_MAX_BANKS);
			banks[nr].base = base;
			banks[nr].size = size;
			nr++;
		}
	}
	if (!nr)
		boot_fail("DTB %s has no RAM: add a /memory node with device_type = "
			  "\"memory\" and a non-empty reg\n", name);
	return nr;
}

/* --populate: simulated RAM is real RAM from the first access on. */
static bool host_populate;

/*
 * Fault in every page of the arena now. Real RAM has no first-touch cost,
 * but an anonymous mapping does (a host page fault and a page clear per
 * 4 KiB), which would land in whatever the kernel timed first.
 */
static void populate_arena(void)
{
	os_populate(host_arena, host_arena_size);
}

/*
 * Reserve the simulated physical range itself as inaccessible host memory,
 * when the host lets us, so that dereferencing a physical address faults
 * (and the fault handler can name the mix-up). Best effort.
 */
static void guard_physical_range(void)
{
	void *want = (void *)(uintptr_t)host_ram_start;
	size_t len = (size_t)(host_ram_end - host_ram_start);

	if (host_ram_end > UINTPTR_MAX || !host_ram_start)
		return;
	os_map(want, len, OS_MAP_NONE | OS_MAP_AT, NULL);
}

static void map_arena(const struct ram_bank *banks, int nr, const char *name)
{
	u64 lo = ~0ULL, hi = 0;
	size_t map_len;
	uintptr_t base;
	char *p;
	int i, err;

	for (i = 0; i < nr; i++) {
		lo = min(lo, banks[i].base);
		hi = max(hi, banks[i].base + banks[i].size);
	}
	lo = ALIGN_DOWN(lo, (u64)PAGE_SIZE);
	hi = ALIGN(hi, (u64)PAGE_SIZE);
	if (hi - lo > SIZE_MAX / 2)
		boot_fail("DTB %s: RAM %#llx-%#llx is too large to simulate; use a "
			  "DTB with less memory\n", name, (unsigned long long)lo,
			  (unsigned long long)hi - 1);
	host_ram_start = lo;
	host_ram_end = hi;
	host_arena_size = (size_t)(hi - lo);

	guard_physical_range();

	/* Over-allocate, then trim, so the arena is 2 MiB aligned. */
	map_len = host_arena_size + HOST_ARENA_ALIGN;
	p = os_map(NULL, map_len, OS_MAP_RW, &err);
	if (!p)
		boot_fail("cannot map %zu MiB of simulated RAM: %s; use a DTB with "
			  "less memory\n", host_arena_size >> 20, os_strerror(err));
	base = ALIGN((uintptr_t)p, HOST_ARENA_ALIGN);
	if (base > (uintptr_t)p)
		os_unmap(p, base - (uintptr_t)p);
	if ((uintptr_t)p + map_len > base + host_arena_size)
		os_unmap((void *)(base + host_arena_size),
		       (uintptr_t)p + map_len - (base + host_arena_size));
	host_arena = (void *)base;
	host_linear_offset = base - (uintptr_t)lo;
	if (host_populate)
		populate_arena();
	ASSERT_MSG(host_linear_offset != 0, "arena %#lx RAM base %#llx",
		   (unsigned long)base, (unsigned long long)lo);
}

/* Copy the DTB into RAM after the kernel image; apply --append. */
static void place_dtb(const void *blob, const struct ram_bank *banks, int nr,
		      const char *append, const char *name)
{
	u64 bank_end = 0, fdt_phys;
	size_t bufsize;
	void *fdt;
	int i, err;

	host_boot_params.kernel_start = host_ram_start + HOST_KERNEL_OFFSET;
	host_boot_params.kernel_end = host_boot_params.kernel_start + HOST_KERNEL_SIZE;
	fdt_phys = ALIGN(host_boot_params.kernel_end, (u64)SZ_4K);
	bufsize = ALIGN(fdt_totalsize(blob) + HOST_DTB_SLACK + (append ? strlen(append) : 0),
			(size_t)SZ_4K);
	if (bufsize > INT32_MAX)
		boot_fail("--append is too long\n");

	for (i = 0; i < nr; i++)
		if (banks[i].base <= host_ram_start &&
		    banks[i].base + banks[i].size > host_ram_start)
			bank_end = banks[i].base + banks[i].size;
	if (fdt_phys + bufsize > bank_end)
		boot_fail("DTB %s: the first RAM bank (%#llx-%#llx) is too small for "
			  "the kernel image and the DTB (%#llx bytes needed); give it "
			  "at least 8 MiB\n", name, (unsigned long long)host_ram_start,
			  (unsigned long long)bank_end - 1,
			  (unsigned long long)(fdt_phys + bufsize - host_ram_start));

	fdt = arch_phys_to_virt(fdt_phys);
	err = fdt_open_into(blob, fdt, (int)bufsize);
	if (err)
		boot_fail("cannot copy DTB %s into RAM: %s\n", name, fdt_strerror(err));
	if (append) {
		int chosen = fdt_path_offset(fdt, "/chosen");

		if (chosen == -FDT_ERR_NOTFOUND)
			chosen = fdt_add_subnode(fdt, 0, "chosen");
		if (chosen < 0)
			boot_fail("DTB %s: cannot create /chosen: %s\n", name,
				  fdt_strerror(chosen));
		err = fdt_setprop_string(fdt, chosen, "bootargs", append);
		if (err)
			boot_fail("DTB %s: cannot set /chosen/bootargs: %s\n", name,
				  fdt_strerror(err));
	}
	err = host_virtio_add_nodes(fdt);
	if (err)
		boot_fail("DTB %s: cannot add the virtio-mmio nodes for --drive: %s\n", name,
			  fdt_strerror(err));
	host_boot_params.fdt = fdt;
	host_boot_params.fdt_phys = fdt_phys;
}

/**
 * host_arena_base - the host virtual address of simulated RAM
 *
 * Return: the address arch_phys_to_virt(host_ram_start) returns.
 */
void *host_arena_base(void)
{
	return host_arena;
}

int main(int argc, char **argv)
{
	static const struct os_option opts[] = {
		{ "dtb", true, 'd' },
		{ "append", true, 'a' },
		{ "cpus", true, 'c' },
		{ "populate", false, 'p' },
		{ "drive", true, 'v' },
		{ "screendump", true, 's' },
		{ "help", false, 'h' },
		{ NULL, false, 0 },
	};
	const char *dtb_path = NULL, *append = NULL, *name = "(built-in board)";
	struct ram_bank banks[HOST_MAX_BANKS];
	void *file_blob = NULL;
	const char *optarg;
	const void *blob;
	size_t blob_size;
	int opt, nr, optind;

	host_boot_ns = os_monotonic_ns();

	while ((opt = os_getopt(argc, argv, opts, &optarg, &optind)) != -1) {
		switch (opt) {
		case 'd':
			dtb_path = optarg;
			break;
		case 'a':
			append = optarg;
			break;
		case 'c': {
			unsigned long n;

			if (!param_parse_ulong(optarg, ~0UL, &n) || n < 1)
				boot_fail("--cpus '%s': give a number of CPUs from 1 to %d\n",
					  optarg, CONFIG_NR_CPUS);
			if (n > CONFIG_NR_CPUS) {
				os_eprintf("contig: --cpus %lu capped at "
					   "CONFIG_NR_CPUS=%d\n", n, CONFIG_NR_CPUS);
				n = CONFIG_NR_CPUS;
			}
			host_nr_cpus = (unsigned int)n;
			break;
		}
		case 'p':
			host_populate = true;
			break;
		case 'v':
			if (host_virtio_add_drive(optarg))
				return 2;
			break;
		case 's':
			host_screendump_setup(optarg);
			break;
		case 'h':
			usage(true, argv[0]);
			return 0;
		default:
			usage(false, argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		os_eprintf("contig: unexpected argument '%s'\n", argv[optind]);
		usage(false, argv[0]);
		return 2;
	}

	if (dtb_path) {
		file_blob = read_dtb_file(dtb_path, &blob_size);
		blob = file_blob;
		name = dtb_path;
	} else {
		blob = __host_dtb_start;
		blob_size = (size_t)(__host_dtb_end - __host_dtb_start);
		if (blob_size < sizeof(struct fdt_header))
			boot_fail("the built-in board DTB is empty; rebuild, or pass "
				  "--dtb FILE\n");
	}
	check_dtb(blob, blob_size, name);

	nr = find_ram(blob, name, banks);
	map_arena(banks, nr, name);
	place_dtb(blob, banks, nr, append, name);
	os_free(file_blob);

	host_vm_init();
	host_fault_init();
	host_emu_init();
	host_irq_init();
	host_emu_probe_dt(host_boot_params.fdt);

	host_boot_params.arch_name = "host";
	start_kernel(&host_boot_params);
}
