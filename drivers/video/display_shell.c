// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's "display" command: the display's mode, buffers and flips,
 * test patterns drawn into the back buffer (drivers/video/display.c), and
 * the live CMA region view (drivers/video/cma_view.c).
 */
#define pr_fmt(fmt) fmt

#include <contig/cma_view.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/string.h>

static void print_patterns(void)
{
	const char *const *n;

	printk("patterns:");
	for (n = display_pattern_names(); *n; n++)
		printk(" %s", *n);
	printk("\n");
}

/*
 * "display [info]", "display pattern <name>" (draw into the back buffer
 * and flip), "display draw <name>" (back buffer only), "display flip".
 * The lines saying "... up" are what scripts/check.py waits for before it
 * takes a screendump.
 */
static int cmd_display(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct display *d = display_find(NULL);
	struct display_canvas c;
	const char *sub = argc > 1 ? argv[1] : "info";
	unsigned int i;
	int ret;

	if (!d) {
		printk("error: no display: is the PL111 node enabled and CONFIG_VIDEO_PL111=y?\n");
		return -ENODEV;
	}
	if (!strcmp(sub, "info") && argc <= 2) {
		char fourcc[5];

		printk("%s: %ux%u %s, pitch %u, %u.%03u Hz, buffer %u in front, %lu flips, "
		       "%lu timeouts\n", dev_name(d->dev), d->info.width, d->info.height,
		       fourcc_str(d->info.format, fourcc), d->info.pitch,
		       d->info.refresh_mhz / 1000, d->info.refresh_mhz % 1000, d->front, d->flips,
		       d->flip_timeouts);
		for (i = 0; i < d->info.nr_buffers; i++)
			printk("  buffer %u: %#llx-%#llx\n", i, (unsigned long long)d->buf[i].dma,
			       (unsigned long long)(d->buf[i].dma + d->buf[i].size - 1));
		print_patterns();
		return 0;
	}
	if ((!strcmp(sub, "pattern") || !strcmp(sub, "draw")) && argc == 3) {
		unsigned int back = (d->front + 1) % d->info.nr_buffers;

		display_back_canvas(d, &c);
		if (display_draw_pattern(&c, argv[2])) {
			printk("error: no pattern \"%s\"\n", argv[2]);
			print_patterns();
			return -ENOENT;
		}
		if (sub[0] == 'd') {
			printk("display: drew %s into buffer %u (%#llx); buffer %u is up\n",
			       argv[2], back, (unsigned long long)d->buf[back].dma, d->front);
			return 0;
		}
		ret = display_flip(d);
		if (ret)
			return ret;
		printk("display: pattern %s up: buffer %u (%#llx), flip %lu\n", argv[2],
		       d->front, (unsigned long long)d->buf[d->front].dma, d->flips);
		return 0;
	}
	if (!strcmp(sub, "flip") && argc == 2) {
		ret = display_flip(d);
		if (ret)
			return ret;
		printk("display: flipped: buffer %u (%#llx) up, flip %lu\n", d->front,
		       (unsigned long long)d->buf[d->front].dma, d->flips);
		return 0;
	}
	return shell_usage(cmd);
}
shell_command("display [info]", "the display: mode, frame buffers, flips", cmd_display);
shell_command("display pattern <name>", "draw a test pattern and flip to it", cmd_display);
shell_command("display draw <name>", "draw a test pattern into the back buffer", cmd_display);
shell_command("display flip", "show the back buffer", cmd_display);

/* "display cma [off]": every CMA region, live (drivers/video/cma_view.c). */
static int cmd_display_cma(const struct shell_cmd *cmd, int argc, char **argv)
{
	return cma_view_shell(argc, argv);
}
shell_command("display cma [off]", "every CMA region live on the display", cmd_display_cma);
