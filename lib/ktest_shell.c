// SPDX-License-Identifier: GPL-2.0-only
/* The shell's "ktest" command: run in-kernel test suites (lib/ktest.c). */
#define pr_fmt(fmt) fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/ktest.h>
#include <contig/shell.h>

static int cmd_ktest(const struct shell_cmd *cmd, int argc, char **argv)
{
	int failed;

	if (argc > 2)
		return shell_usage(cmd);
	if (!IS_ENABLED(CONFIG_KTEST))
		return shell_error("this kernel was built without the test suites (CONFIG_KTEST)");
	failed = ktest_run(argc == 2 ? argv[1] : "all");
	if (failed)
		return shell_error("ktest: %d cases failed", failed);
	return 0;
}
shell_command("ktest [filter]", "run in-kernel test suites (ktest list: list them)", cmd_ktest);
