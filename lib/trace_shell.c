// SPDX-License-Identifier: GPL-2.0-only
/* The shell's "trace" command: print or clear the CMA/DMA trace ring (lib/trace.c). */
#define pr_fmt(fmt) fmt

#include <contig/errno.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/trace.h>

static int cmd_trace(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long n = 0;

	if (argc > 2)
		return shell_usage(cmd);
	if (argc == 2 && !strcmp(argv[1], "clear")) {
		trace_clear();
		printk("trace: cleared\n");
		return 0;
	}
	if (argc == 2 && parse_uint(argv[1], "event count", 0, TRACE_RING_SIZE, &n))
		return -EINVAL;
	trace_print((unsigned int)n);
	return 0;
}
shell_command("trace [count|clear]", "the last CMA/DMA trace events (all kept: no count)",
	      cmd_trace);
