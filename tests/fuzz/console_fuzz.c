// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the console line parser (lib/shell.c): shell_run() reads the
 * input byte by byte through arch_console_getc() (line editing, escape
 * sequences, CR/LF handling) and hands each line to shell_exec_line(),
 * which splits it into words and finds the registered command.
 *
 * The commands are this file's: the same words as the kernel's (a command
 * with sub-words, one taking every word, one with both), each a "command
 * effect": when one runs, the line being executed is the one whose
 * newline was just read, and when that line was typed as more than
 * SHELL_LINE_MAX - 1 plain characters, a cut line is being executed: the
 * target fails.
 */
/* fuzz-sources: lib/shell.c lib/cmdline.c lib/parse.c lib/string.c */
#define FUZZ_OWN_PRINTK
#include "fuzz.h"

#include <contig/errno.h>
#include <contig/idle.h>
#include <contig/params.h>
#include <contig/shell.h>
#include <contig/spinlock.h>

static const uint8_t *in;
static size_t in_size, in_pos;

/* The line just read: plain characters only (no editing), and how many. */
static void effect(void)
{
	size_t end, start, n = 0;

	if (!in_pos)
		return;
	end = in_pos - 1; /* the '\r' or '\n' that ended the line, or EOF */
	if (in_pos <= in_size && end < in_size && (in[end] == '\r' || in[end] == '\n'))
		start = end;
	else
		start = end = in_size;
	while (start > 0 && in[start - 1] != '\r' && in[start - 1] != '\n') {
		uint8_t c = in[start - 1];

		if (c != '\t' && (c < 0x20 || c > 0x7e))
			return; /* edited or with escapes: no simple oracle */
		start--;
		n++;
	}
	if (n >= SHELL_LINE_MAX)
		fuzz_fail("a command ran for a line of %zu characters (at most %d fit): the line was cut",
			  n, SHELL_LINE_MAX - 1);
}

/* ---- the console and the CPU ------------------------------------------------ */

int console_loglevel = LOGLEVEL_DEBUG;

int vprintk_level(int level, const char *fmt, va_list ap)
{
	char buf[512];

	return vsnprintf(buf, sizeof(buf), fmt, ap);
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(level, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(LOGLEVEL_INFO, fmt, ap);
	va_end(ap);
	return n;
}

int arch_console_getc(void)
{
	if (in_pos >= in_size) {
		in_pos = in_size + 1;
		return ARCH_CONSOLE_EOF;
	}
	return in[in_pos++];
}

void arch_cpu_relax(void) {}
unsigned int arch_cpu_id(void) { return 0; }
unsigned long arch_irq_save(void) { return 0; }
void arch_irq_restore(unsigned long flags) {}
u64 arch_clock_ns(void) { return 0; }
unsigned int spin_held[CONFIG_NR_CPUS];
void spin_debug_irq_usage_slow(spinlock_t *lock, bool in_irq, bool irqs_off) {}
unsigned int irq_nesting[CONFIG_NR_CPUS];
bool arch_irqs_disabled(void) { return true; }
/* The shell runs idle work while it waits for a key: there is none here. */
bool idle_work(void) { return false; }

/* ---- commands that only record that they ran ------------------------------------ */

static int fake_cmd(const struct shell_cmd *cmd, int argc, char **argv)
{
	u64 bytes;

	effect();
	if (argc > 3)
		return shell_usage(cmd);
	if (argc == 3 && parse_size(argv[2], &bytes))
		return -EINVAL;
	return 0;
}
shell_command("cma list", "", fake_cmd);
shell_command("cma alloc <region|device> <size> [type]", "", fake_cmd);
shell_command("cma free <id>", "", fake_cmd);
shell_command("memhog <size> [pct]", "", fake_cmd);
shell_command("memhog verify|free", "", fake_cmd);
shell_command("display [info]", "", fake_cmd);
shell_command("display flip", "", fake_cmd);
shell_command("meminfo", "", fake_cmd);

static bool fake_busy(void)
{
	effect();
	return false;
}

static void fake_reset(void) {}

static void fake_show(bool summary)
{
	effect();
}

static const struct shell_state fake_state = {
	.name = "fake",
	.busy = fake_busy,
	.reset = fake_reset,
	.show = fake_show,
};
shell_state_register(fake_state);

/* ---- the target ------------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = data;
	in_size = size;
	in_pos = 0;
	parse_early_params("shell_echo=1");
	shell_run(0);
	shell_reset();
	return 0;
}
