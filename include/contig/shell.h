/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console shell (lib/shell.c): a line-oriented command interpreter on
 * the console, run for the "shell" boot parameter after the other actions.
 * It is portable: the hosted kernel reads it from stdin, the ARM kernel
 * from the PL011 serial line.
 *
 * The core knows no command but "help" and "poweroff". Every other command
 * is registered beside the subsystem it shows, with shell_command(), in a
 * file named <thing>_shell.c (mm/cma_shell.c, kernel/dma/dma_shell.c,
 * drivers/base/dev_shell.c, app/memhog.c, ...):
 *
 *   static int cma_list(const struct shell_cmd *cmd, int argc, char **argv)
 *   {
 *           if (argc != 2)
 *                   return shell_usage(cmd);
 *           ...
 *   }
 *   shell_command("cma list", "the CMA regions and their counters", cma_list);
 *
 * The usage string is also what dispatches: its first word is the command,
 * and a second word made only of lower-case letters, digits, '-' and '_'
 * is a sub-word, so "cma list" (mm/) and "cma alloc <region|device> <size>"
 * (kernel/dma/) are separate entries that different files register. A line
 * runs the entry whose sub-word is its second word, else the command's
 * entry without a sub-word ("memhog <size> [pct]", "display [info]"),
 * else prints every form of the command. A handler gets the whole line
 * (argv[0] is the command) and checks the number of words itself. "help"
 * lists every entry, sorted by usage.
 *
 * Output goes through printk() only, so tests feed lines to
 * shell_exec_line() and capture what it prints with
 * printk_capture_begin()/printk_capture_end().
 *
 * A subsystem whose commands keep something between lines (the buffers of
 * "cma alloc", the memhog workload) registers a struct shell_state with
 * shell_state_register(): tests ask shell_has_state() and shell_reset(),
 * "meminfo" and "cma list" show it. Everything runs on the calling CPU;
 * the shell is not reentrant.
 */
#ifndef _CONTIG_SHELL_H
#define _CONTIG_SHELL_H

#include <contig/compiler.h>
#include <contig/types.h>

/* Longest command line, including the terminating NUL. */
#define SHELL_LINE_MAX 160
/* Most words a line may have. */
#define SHELL_MAX_ARGS 8

/* shell_exec_line() results besides 0 (done) and -errno (command failed). */
#define SHELL_POWEROFF 1 /* "poweroff" was asked for: see shell_poweroff_status() */

struct shell_cmd {
	const char *usage; /* "cma alloc <region|device> <size> [type]" */
	const char *help;  /* one line for "help" */
	int (*fn)(const struct shell_cmd *cmd, int argc, char **argv);
};

#define __shell_cmd(id, _usage, _help, _fn)                                      \
	static const struct shell_cmd __shell_cmd_##id = { _usage, _help, _fn }; \
	static const struct shell_cmd *const __shell_cmd_ptr_##id __used         \
		__section("contig_shell_cmds") __aligned(sizeof(void *)) =        \
			&__shell_cmd_##id
#define __shell_cmd_id(id, usage, help, fn) __shell_cmd(id, usage, help, fn)

/**
 * shell_command - register one form of a shell command
 * @usage: the command, its sub-word if any, and its arguments
 * @help: what it does, for "help"
 * @fn: the handler; returns 0, SHELL_POWEROFF or a negative errno after
 *      printing "error: ..." (shell_error(), shell_usage())
 *
 * Several forms may share one handler (each is a line of "help").
 */
#define shell_command(usage, help, fn) __shell_cmd_id(__COUNTER__, usage, help, fn)

/**
 * struct shell_state - what a subsystem's commands hold between lines
 * @name: for messages
 * @busy: true while it holds something
 * @reset: release everything (tests; ids may keep counting up)
 * @show: print what it holds: one summary line for "meminfo"
 *        (@summary true), or one line per object for "cma list"
 *        (nothing when there is nothing to list)
 */
struct shell_state {
	const char *name;
	bool (*busy)(void);
	void (*reset)(void);
	void (*show)(bool summary);
};

#define shell_state_register(state)                                        \
	static const struct shell_state *const __shell_state_ptr_##state __used \
		__section("contig_shell_state") __aligned(sizeof(void *)) = &state

/**
 * shell_exec_line - run one command line
 * @line: the command and its arguments, separated by blanks (no newline
 *        needed; an empty or blank line, or one starting with '#', does
 *        nothing)
 *
 * Prints the command's output, or "error: ..." (with the usage for bad
 * arguments).
 * Return: 0 on success, SHELL_POWEROFF for "poweroff", or a negative errno
 * when the command failed.
 */
int shell_exec_line(const char *line);

/* The status "poweroff [status]" asked for (valid after SHELL_POWEROFF; -1: none). */
int shell_poweroff_status(void);

/**
 * shell_run - the interactive loop: prompt, read a line, run it
 * @default_status: what "poweroff" without a status and the end of input
 *                  return (start_kernel() passes the status of the actions
 *                  that ran before)
 *
 * Reads the console with arch_console_getc(), spinning while no input is
 * pending; echoes input unless the boot parameter shell_echo=0 was given;
 * handles backspace, Ctrl-U (erase line) and Ctrl-C (drop line).
 * Return: the power-off status, when "poweroff" was typed or the console
 * input ended (end of a piped script on the host).
 */
int shell_run(int default_status);

/* Some registered shell_state holds something (tests that share the
 * shell's state skip when a user session already has some). */
bool shell_has_state(void);

/*
 * shell_poll_register - call @fn each time the shell waits for a key and
 * none is there (lib/shell.c). Return: 0 or -ENOSPC.
 */
int shell_poll_register(void (*fn)(void));

/* Tests: reset every registered shell_state. */
void shell_reset(void);

/* Every registered shell_state's show(@summary). */
void shell_show_state(bool summary);

/* ---- for command handlers -------------------------------------------------- */

/* Print "error: <message>"; return -EINVAL. */
__printf(1, 2) int shell_error(const char *fmt, ...);

/*
 * Print "error: usage: <@cmd's usage>" and the other forms registered
 * with the same handler; return -EINVAL.
 */
int shell_usage(const struct shell_cmd *cmd);

/*
 * parse_size() parses a byte count above zero with an optional K/M/G
 * suffix (the whole of @s); parse_uint() the whole of @s as a decimal
 * number from @min to @max. Both print "error: bad <what> ..." saying what
 * is accepted and return -EINVAL when @s is not. fmt_ms() writes
 * nanoseconds as milliseconds ("12.345") into @buf and returns it.
 */
int parse_size(const char *s, u64 *bytes);
int parse_uint(const char *s, const char *what, unsigned long min, unsigned long max,
	       unsigned long *val);
const char *fmt_ms(char *buf, size_t size, u64 ns);

#endif /* _CONTIG_SHELL_H */
