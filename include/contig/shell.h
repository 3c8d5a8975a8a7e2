/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console shell (init/shell.c): a line-oriented command interpreter on
 * the console, run by start_kernel() for the "shell" boot parameter after
 * the other actions. It is portable: the hosted kernel reads it from stdin,
 * the ARM kernel from the PL011 serial line.
 *
 * Commands (see "help"): meminfo, cma list|alloc|free|map|holders, dev,
 * dma, trace, memhog, bench, mmcheck, display, capture, pipeline, ktest,
 * poweroff. All output goes through printk(), so tests feed lines to
 * shell_exec_line() and capture what it prints with
 * printk_capture_begin()/printk_capture_end().
 *
 * The shell keeps a little state between commands: the buffers carved with
 * "cma alloc" (by id; ids are never reused) and the "memhog" workload.
 * Everything runs on the calling CPU; the shell is not reentrant.
 */
#ifndef _CONTIG_SHELL_H
#define _CONTIG_SHELL_H

#include <contig/types.h>

/* Longest command line, including the terminating NUL. */
#define SHELL_LINE_MAX 160

/* shell_exec_line() results besides 0 (done) and -errno (command failed). */
#define SHELL_POWEROFF 1 /* "poweroff" was asked for: see shell_poweroff_status() */

/**
 * shell_exec_line - run one command line
 * @line: the command and its arguments, separated by blanks (no newline
 *        needed; an empty or blank line does nothing)
 *
 * Prints the command's output, or "error: ..." (with the usage for bad
 * arguments).
 * Return: 0 on success, SHELL_POWEROFF for "poweroff", or a negative errno
 * when the command failed.
 */
int shell_exec_line(const char *line);

/* The status "poweroff [status]" asked for (valid after SHELL_POWEROFF). */
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

/* The shell holds buffers or a memhog workload (tests that share the
 * shell's state skip when a user session already has some). */
bool shell_has_state(void);

/* Tests: release every buffer and the memhog (ids keep counting up). */
void shell_reset(void);

/*
 * Helpers for commands defined outside init/shell.c (capture, pipeline):
 * fmt_ms() writes nanoseconds as milliseconds ("12.345") into @buf and
 * returns it; parse_uint() parses the whole of @s as a decimal number from
 * @min to @max, or prints "error: bad <what> ..." with the range and
 * returns -EINVAL.
 */
const char *fmt_ms(char *buf, size_t size, u64 ns);
int parse_uint(const char *s, const char *what, unsigned long min, unsigned long max,
	       unsigned long *val);

#endif /* _CONTIG_SHELL_H */
