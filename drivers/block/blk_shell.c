// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's "blk" command: read a disk through its read cache (so that
 * clean, discardable pages borrow the CMA regions) and show the caches
 * (drivers/block/blk_cache.c).
 */
#include <contig/blk_cache.h>
#include <contig/errno.h>
#include <contig/shell.h>

static int cmd_blk(const struct shell_cmd *cmd, int argc, char **argv)
{
	int ret = blk_cache_shell(argc, argv);

	return ret == -EINVAL ? shell_usage(cmd) : ret;
}
shell_command("blk read <disk> [size]", "read a disk through its read cache", cmd_blk);
shell_command("blk cache", "the read caches: cached, misses, discarded pages", cmd_blk);
