// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_kernel(): the portable boot path every port runs.
 *
 *   device tree + command line -> memblock (RAM, the kernel, the DTB,
 *   /memreserve/) -> reserved regions (DT /reserved-memory, then cma=)
 *   -> port page tables -> memmap, zones, buddy, kmalloc -> CMA areas
 *   activated -> cma_map= rules -> platform devices from the DT, their
 *   drivers probed -> whatever the command line asks for.
 *
 * Actions, from the command line, in this order:
 *   rmem_dump      print the region table in a machine-readable form
 *                  right after the regions are read, and power off
 *   ktest=FILTER   run in-kernel test suites (KTAP), exit 1 on failure
 *   bench=NAME     run a benchmark, print its RESULT line (app/bench.c)
 *   demo           fill memory, carve from every area, verify (default
 *                  when no other action is given; app/demo.c)
 *   pipeline[=N]   N cycles of the camera-to-display pipeline (default 3;
 *                  app/pipeline.c)
 *   mmcheck        check the mm for consistency (does not count as an
 *                  action: the demo still runs when it is alone)
 *   shell          after the others: the console shell (lib/shell.c)
 *                  until "poweroff" or the end of console input
 * All but rmem_dump are registered actions (contig/init.h): the
 * applications register theirs beside their code, and run_actions() runs
 * those asked for from the linker section, never calling app/ by name.
 * The machine powers off with the actions' status (or poweroff's).
 */
#define pr_fmt(fmt) fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/cma.h>
#include <contig/init.h>
#include <contig/ktest.h>
#include <contig/memblock.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/of.h>
#include <contig/movable.h>
#include <contig/params.h>
#include <contig/platform_device.h>
#include <contig/reserved_mem.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <libfdt.h>

static const char *fdt_bootargs(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");
	const char *args;

	if (node < 0)
		return "";
	args = fdt_getprop(fdt, node, "bootargs", NULL);
	return args ? args : "";
}

static void setup_memory(const struct boot_params *bp)
{
	if (early_init_dt_scan_memory(bp->fdt))
		panic("no usable /memory node in the device tree: add one with device_type = \"memory\" and reg");
	memblock_reserve(bp->kernel_start, bp->kernel_end - bp->kernel_start, "kernel");
	early_init_fdt_reserve_self(bp->fdt, bp->fdt_phys);
	fdt_init_reserved_mem(bp->fdt);
	cma_cmdline_reserve();
	if (cmdline_get("rmem_dump", NULL, 0)) {
		/* Tests that compare the region reader with another reading. */
		reserved_mem_dump();
		arch_poweroff(0);
	}
	arch_paging_init();
	memblock_dump();

	mm_core_init();
	movable_owners_init();
	cma_activate_areas();
	setup_per_zone_wmarks();
	cma_map_init();
	reserved_mem_print();
	cma_print_areas();
	cma_map_print();
}

extern const struct init_action *const __start_contig_init_actions[] __attribute__((weak));
extern const struct init_action *const __stop_contig_init_actions[] __attribute__((weak));

static unsigned int nr_actions(void)
{
	if (!__start_contig_init_actions || !__stop_contig_init_actions)
		return 0;
	return (unsigned int)(__stop_contig_init_actions - __start_contig_init_actions);
}

/* The action after @prev in run order (NULL: the first); NULL at the end. */
static const struct init_action *next_action(const struct init_action *prev)
{
	const struct init_action *best = NULL;
	unsigned int i, n = nr_actions();

	for (i = 0; i < n; i++) {
		const struct init_action *a = __start_contig_init_actions[i];
		bool after = !prev || a->order > prev->order ||
			     (a->order == prev->order && a > prev);

		if (after && (!best || a->order < best->order ||
			      (a->order == best->order && a < best)))
			best = a;
	}
	return best;
}

/*
 * Run the registered actions the command line asks for, in order; the
 * default action (the demo) too when no action but checks was asked for.
 */
static int run_actions(void)
{
	const struct init_action *a;
	char val[256];
	bool acted = false;
	int status = 0;

	for (a = next_action(NULL); a; a = next_action(a))
		if (!(a->flags & (INIT_ACTION_DEFAULT | INIT_ACTION_CHECK)) &&
		    cmdline_get(a->param, NULL, 0))
			acted = true;
	for (a = next_action(NULL); a; a = next_action(a)) {
		if (cmdline_get(a->param, val, sizeof(val)))
			status = a->run(val, status);
		else if ((a->flags & INIT_ACTION_DEFAULT) && !acted)
			status = a->run(NULL, status);
	}
	return status;
}

/* ---- the actions of init's own: tests, checks, the shell ------------------- */

static int ktest_action(const char *arg, int status)
{
	return ktest_run(arg[0] ? arg : "all") ? EXIT_TESTS_FAILED : status;
}
init_action("ktest", INIT_ORDER_KTEST, 0, ktest_action);

static int mmcheck_action(const char *arg, int status)
{
	return mm_check_consistency(true) ? EXIT_TESTS_FAILED : status;
}
init_action("mmcheck", INIT_ORDER_MMCHECK, INIT_ACTION_CHECK, mmcheck_action);

static int shell_action(const char *arg, int status)
{
	return shell_run(status);
}
init_action("shell", INIT_ORDER_SHELL, 0, shell_action);

/**
 * start_kernel - portable boot, called by the port with MMU/arena ready
 * @bp: the device tree, where it lies, and the kernel image's extent
 *
 * Never returns: powers off with the status of the requested actions.
 */
void start_kernel(const struct boot_params *bp)
{
	u64 t0 = arch_clock_ns();
	char why[192];
	int status;

	initial_boot_params = bp->fdt;
	printk("contig: booting on %s, %u CPU%s\n", bp->arch_name,
	       arch_nr_cpus(), arch_nr_cpus() > 1 ? "s" : "");
	if (fdt_check_header(bp->fdt))
		panic("the device tree at %#llx is not valid (%s)",
		      (unsigned long long)bp->fdt_phys,
		      fdt_strerror(fdt_check_header(bp->fdt)));
	/* The ports check it before they read it; this guards any new port. */
	if (of_fdt_validate(bp->fdt, 0, why, sizeof(why), NULL))
		panic("the device tree at %#llx is corrupt: %s",
		      (unsigned long long)bp->fdt_phys, why);
	parse_early_params(fdt_bootargs(bp->fdt));
	printk("contig: command line: %s\n", boot_command_line());

	setup_memory(bp);
	platform_bus_init(bp->fdt);
	pr_info("contig: boot took %llu us\n",
		(unsigned long long)(arch_clock_ns() - t0) / 1000);

	status = run_actions();
	pr_info("contig: powering off (status %d)\n", status);
	if (tick_irq() >= 0) {
		char ticks[8 * CONFIG_NR_CPUS] = "";
		unsigned int cpu;
		size_t n = 0;

		for (cpu = 0; cpu < arch_nr_cpus() && n < sizeof(ticks); cpu++)
			n += (size_t)snprintf(ticks + n, sizeof(ticks) - n, " %llu",
					      (unsigned long long)tick_count(cpu));
		pr_info("contig: up %llu ms; ticks per CPU:%s\n",
			(unsigned long long)arch_clock_ns() / 1000000, ticks);
	}
	arch_poweroff(status);
}
