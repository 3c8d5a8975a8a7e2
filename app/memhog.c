// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's "memhog": a movable workload (app/workload.c) grown by hand,
 * to fill memory and the CMA areas before carving. "memhog <size> [pct]"
 * adds <size> of anonymous pages (with a percentage: first filling each
 * CMA area that far), "memhog verify" checks every page's pattern,
 * "memhog free" drops it. The shell owns at most one memhog; "meminfo"
 * shows its size and shell_reset() drops it (its shell_state). The shell
 * runs on one CPU and is not reentrant: no locking.
 */
#define pr_fmt(fmt) fmt

#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/workload.h>

static struct workload *hog;

static void memhog_report(void)
{
	unsigned long total = workload_nr_pages(hog), in_cma = 0, n;
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		unsigned long s = PHYS_PFN(cma_get_base(cma));

		in_cma += workload_pages_in_range(hog, s, s + PHYS_PFN(cma_get_size(cma)));
	}
	printk("memhog: %lu pages (%lu MiB) in %u chunks, %lu of them in CMA areas:", total,
	       total >> (20 - PAGE_SHIFT), workload_nr_chunks(hog), in_cma);
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		unsigned long s = PHYS_PFN(cma_get_base(cma));

		n = workload_pages_in_range(hog, s, s + PHYS_PFN(cma_get_size(cma)));
		printk(" %s %lu", cma_get_name(cma), n);
	}
	printk("\n");
}

static int memhog_free(void)
{
	if (!hog)
		return shell_error("no memhog workload to free");
	printk("memhog: freeing %lu pages\n", workload_nr_pages(hog));
	workload_destroy(hog);
	hog = NULL;
	return 0;
}

static int cmd_memhog(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long pct = 0, added = 0, corrupt;
	u64 bytes, left;
	unsigned int i;

	if (argc < 2 || argc > 3)
		return shell_usage(cmd);
	if (argc == 2 && (!strcmp(argv[1], "free") || !strcmp(argv[1], "0")))
		return memhog_free();
	if (argc == 2 && !strcmp(argv[1], "verify")) {
		if (!hog)
			return shell_error("no memhog workload to verify");
		corrupt = workload_verify(hog);
		if (corrupt)
			return shell_error("memhog: %lu of %lu pages corrupt", corrupt,
					   workload_nr_pages(hog));
		printk("memhog: %lu pages verified, 0 corrupt\n", workload_nr_pages(hog));
		return 0;
	}
	if (parse_size(argv[1], &bytes))
		return -EINVAL;
	if (argc == 3 && parse_uint(argv[2], "percentage", 0, 100, &pct))
		return -EINVAL;
	if (!hog) {
		hog = workload_create("memhog", WORKLOAD_ANON, 0, 0);
		if (!hog)
			return shell_error("no memory for the memhog workload");
	}
	/* With a percentage: first fill each CMA area that far, then the rest. */
	for (i = 0; pct && i < cma_area_count(); i++) {
		left = bytes - min_t(u64, bytes, (u64)added * PAGE_SIZE);
		if (!left)
			break;
		added += workload_fill_cma(hog, cma_area(i), (unsigned int)pct, left);
	}
	left = bytes - min_t(u64, bytes, (u64)added * PAGE_SIZE);
	if (left)
		added += workload_fill_bytes(hog, left);
	printk("memhog: added %lu pages (%lu MiB)\n", added, added >> (20 - PAGE_SHIFT));
	if ((u64)added * PAGE_SIZE < bytes)
		printk("memhog: asked for %llu KiB: memory or the vm window ran out\n",
		       (unsigned long long)(bytes / SZ_1K));
	memhog_report();
	return 0;
}

shell_command("memhog <size> [pct]", "add movable memory (pct: fill CMA areas first)", cmd_memhog);
shell_command("memhog verify|free", "check the memhog's data / drop it", cmd_memhog);

static bool memhog_busy(void)
{
	return hog != NULL;
}

static void memhog_reset(void)
{
	if (hog)
		workload_destroy(hog);
	hog = NULL;
}

static void memhog_show(bool summary)
{
	if (summary)
		printk("Memhog:    %8lu kB\n",
		       hog ? workload_nr_pages(hog) * (PAGE_SIZE / 1024) : 0UL);
}

static const struct shell_state memhog_state = {
	.name = "memhog",
	.busy = memhog_busy,
	.reset = memhog_reset,
	.show = memhog_show,
};
shell_state_register(memhog_state);
