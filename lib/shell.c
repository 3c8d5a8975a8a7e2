// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console shell's core: line editing, splitting a line into words,
 * finding the command, and the parsers every command uses. The commands
 * themselves live beside the subsystems they show (contig/shell.h says how
 * to register one); the core has only "help" and "poweroff".
 *
 * Design. shell_run() is the only part that touches the console input: it
 * reads bytes with arch_console_getc() (which never blocks, so it spins
 * with arch_cpu_relax() while nothing is pending), edits one line (echo,
 * backspace, Ctrl-U, Ctrl-C; escape sequences such as arrow keys are
 * dropped) and hands it to shell_exec_line(). shell_exec_line() splits the
 * line into words and looks the first two up in the registered commands
 * (the linker section contig_shell_cmds, bounded by
 * __start_contig_shell_cmds/__stop_contig_shell_cmds like the ktest
 * suites): the entry whose sub-word is the line's second word, else the
 * command's entry without a sub-word. Every command prints through
 * printk() only, so the ktest suite "shell" drives the commands without a
 * console and asserts their output with printk_capture_begin()/_end().
 *
 * State lives with the commands that keep it (struct shell_state, in the
 * section contig_shell_state); the core only walks those entries for
 * shell_has_state(), shell_reset() and shell_show_state(). The shell runs
 * on one CPU and is not reentrant: no locking.
 *
 * While no key is waiting, the line reader calls what registered with
 * shell_poll_register() (a live view that redraws, e.g. "display cma"),
 * then the idle work (lib/idle.c), and only then relaxes the CPU: a poll
 * runs on the shell's CPU, between commands, never while one runs.
 */
#define pr_fmt(fmt) fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/params.h>
#include <contig/parse.h>
#include <contig/printk.h>
#include <contig/idle.h>
#include <contig/shell.h>
#include <contig/string.h>

extern const struct shell_cmd *const __start_contig_shell_cmds[] __attribute__((weak));
extern const struct shell_cmd *const __stop_contig_shell_cmds[] __attribute__((weak));
extern const struct shell_state *const __start_contig_shell_state[] __attribute__((weak));
extern const struct shell_state *const __stop_contig_shell_state[] __attribute__((weak));

static int poweroff_status;

static unsigned int nr_cmds(void)
{
	if (!__start_contig_shell_cmds || !__stop_contig_shell_cmds)
		return 0;
	return (unsigned int)(__stop_contig_shell_cmds - __start_contig_shell_cmds);
}

static unsigned int nr_states(void)
{
	if (!__start_contig_shell_state || !__stop_contig_shell_state)
		return 0;
	return (unsigned int)(__stop_contig_shell_state - __start_contig_shell_state);
}

/* Length of the first word of @usage. */
static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != ' ')
		n++;
	return n;
}

/* Does @cmd's usage start with the command @name? */
static bool is_command(const struct shell_cmd *cmd, const char *name)
{
	size_t n = word_len(cmd->usage);

	return n == strlen(name) && !strncmp(cmd->usage, name, n);
}

/*
 * @cmd's sub-word: the usage's second word when it is made only of
 * lower-case letters, digits, '-' and '_' ("list" in "cma list"); NULL
 * when it is an argument ("<size>", "[info]", "verify|free"). *@len is
 * its length.
 */
static const char *sub_word(const struct shell_cmd *cmd, size_t *len)
{
	const char *s = cmd->usage + word_len(cmd->usage), *p;

	if (*s != ' ')
		return NULL;
	s++;
	for (p = s; *p && *p != ' '; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return NULL;
	*len = (size_t)(p - s);
	return *len ? s : NULL;
}

/* The entry after @prev in usage order (NULL: the first); NULL at the end. */
static const struct shell_cmd *next_sorted(const struct shell_cmd *prev)
{
	const struct shell_cmd *best = NULL;
	unsigned int i, n = nr_cmds();

	for (i = 0; i < n; i++) {
		const struct shell_cmd *c = __start_contig_shell_cmds[i];
		int to_prev = prev ? strcmp(c->usage, prev->usage) : 1;
		int to_best = best ? strcmp(c->usage, best->usage) : -1;

		/* Equal usages are ordered by address, so each is listed once. */
		if ((to_prev > 0 || (!to_prev && c > prev)) &&
		    (to_best < 0 || (!to_best && c < best)))
			best = c;
	}
	return best;
}

/**
 * shell_error - print "error: <message>"
 * @fmt: the message, printf-style (no newline)
 *
 * Return: -EINVAL, for "return shell_error(...)".
 */
int shell_error(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("error: %s\n", msg);
	return -EINVAL;
}

/**
 * shell_usage - print every form of @cmd: its usage, then the other
 * entries of the same command that share its handler
 * @cmd: the entry the handler was called for
 *
 * Return: -EINVAL.
 */
int shell_usage(const struct shell_cmd *cmd)
{
	const struct shell_cmd *c;
	char name[32];

	strscpy_trunc(name, cmd->usage, min(sizeof(name), word_len(cmd->usage) + 1));
	printk("error: usage: %s\n", cmd->usage);
	for (c = next_sorted(NULL); c; c = next_sorted(c))
		if (c != cmd && c->fn == cmd->fn && is_command(c, name))
			printk("       %s\n", c->usage);
	return -EINVAL;
}

/**
 * fmt_ms - nanoseconds as milliseconds with three decimals ("12.345")
 * @buf: where to write
 * @size: its size
 * @ns: the duration
 *
 * Return: @buf.
 */
const char *fmt_ms(char *buf, size_t size, u64 ns)
{
	u64 us = ns / 1000;

	snprintf(buf, size, "%llu.%03llu", (unsigned long long)(us / 1000),
		 (unsigned long long)(us % 1000));
	return buf;
}

/**
 * parse_size - a byte count with an optional K/M/G suffix, above zero
 * @s: the argument (the whole string must be the number)
 * @bytes: set to the count
 *
 * Return: 0, or -EINVAL after "error: bad size ..." saying what is accepted.
 */
int parse_size(const char *s, u64 *bytes)
{
	bool overflow = false;
	const char *end;
	u64 v = memparse(s, &end, &overflow);

	if (end == s || *end || overflow)
		return shell_error("bad size \"%s\": give a number with an optional K, M or G suffix, e.g. 4M",
				   s);
	if (!v)
		return shell_error("bad size \"%s\": it must be above zero", s);
	*bytes = v;
	return 0;
}

/**
 * parse_uint - an unsigned decimal number from @min to @max, the whole string
 * @s: the argument
 * @what: what it is, for the message ("percentage")
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: set to the number
 *
 * Return: 0, or -EINVAL after "error: bad <what> "<s>": give a number from
 * <min> to <max>".
 */
int parse_uint(const char *s, const char *what, unsigned long min, unsigned long max,
	       unsigned long *val)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		goto bad;
	v = strtoul(s, &end, 10);
	if (*end || v < min || v > max)
		goto bad;
	*val = v;
	return 0;
bad:
	return shell_error("bad %s \"%s\": give a number from %lu to %lu", what, s, min, max);
}

/* ---- help, poweroff ---------------------------------------------------------- */

/* No entry of @name takes the line: print every form of the command. */
static int usage_of(const char *name)
{
	const struct shell_cmd *c;
	bool first = true;

	for (c = next_sorted(NULL); c; c = next_sorted(c)) {
		if (!is_command(c, name))
			continue;
		printk("%s%s\n", first ? "error: usage: " : "       ", c->usage);
		first = false;
	}
	return -EINVAL;
}

static int cmd_help(const struct shell_cmd *cmd, int argc, char **argv)
{
	const struct shell_cmd *c;

	printk("commands:\n");
	for (c = next_sorted(NULL); c; c = next_sorted(c))
		printk("  %-34s %s\n", c->usage, c->help);
	printk("sizes take a K, M or G suffix; lines starting with # are ignored.\n");
	printk("in QEMU, Ctrl-A X leaves the emulator at any time.\n");
	return 0;
}
shell_command("help", "this list", cmd_help);

static int cmd_poweroff(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long status = 0;

	if (argc > 2)
		return shell_usage(cmd);
	if (argc == 2) {
		if (parse_uint(argv[1], "status", 0, 255, &status))
			return -EINVAL;
		poweroff_status = (int)status;
	} else {
		poweroff_status = -1; /* shell_run()'s default */
	}
	return SHELL_POWEROFF;
}
shell_command("poweroff [status]", "stop the machine", cmd_poweroff);

/* ---- running a line ---------------------------------------------------------- */

/* The entry of the registry that runs @argv. */
static const struct shell_cmd *find_command(int argc, char **argv)
{
	const struct shell_cmd *whole = NULL;
	unsigned int i, n = nr_cmds();

	for (i = 0; i < n; i++) {
		const struct shell_cmd *c = __start_contig_shell_cmds[i];
		const char *sub;
		size_t len;

		if (!is_command(c, argv[0]))
			continue;
		sub = sub_word(c, &len);
		if (!sub) {
			/* Of several, the first in usage order (link order is not fixed). */
			if (!whole || strcmp(c->usage, whole->usage) < 0)
				whole = c;
		} else if (argc > 1 && strlen(argv[1]) == len && !strncmp(argv[1], sub, len)) {
			return c;
		}
	}
	return whole;
}

/**
 * shell_exec_line - run one command line (see contig/shell.h)
 * @line: the command line
 *
 * Return: 0, SHELL_POWEROFF, or a negative errno when the command failed.
 */
int shell_exec_line(const char *line)
{
	const struct shell_cmd *c;
	char buf[SHELL_LINE_MAX], *argv[SHELL_MAX_ARGS + 1], *p;
	unsigned int i, n = nr_cmds();
	int argc = 0;

	if (strlen(line) >= sizeof(buf))
		return shell_error("line longer than %d characters", SHELL_LINE_MAX - 1);
	strscpy_trunc(buf, line, sizeof(buf));
	for (p = buf; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == SHELL_MAX_ARGS)
			return shell_error("too many words: at most %d", SHELL_MAX_ARGS);
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
	}
	argv[argc] = NULL;
	if (!argc || argv[0][0] == '#')
		return 0;
	c = find_command(argc, argv);
	if (c)
		return c->fn(c, argc, argv);
	for (i = 0; i < n; i++)
		if (is_command(__start_contig_shell_cmds[i], argv[0]))
			return usage_of(argv[0]);
	return shell_error("unknown command \"%s\": type help for the list", argv[0]);
}

#define SHELL_MAX_POLLS 4
static void (*polls[SHELL_MAX_POLLS])(void);
static unsigned int nr_polls;

/**
 * shell_poll_register - call @fn each time the shell finds no key waiting
 * @fn: cheap, returns at once when it has nothing to do; runs on the
 *      shell's CPU between commands
 *
 * Registering the same @fn again does nothing. Call it from the shell's
 * CPU (a command, or a boot-time probe before the shell runs).
 * Return: 0, or -ENOSPC when SHELL_MAX_POLLS are registered.
 */
int shell_poll_register(void (*fn)(void))
{
	unsigned int i;

	for (i = 0; i < nr_polls; i++)
		if (polls[i] == fn)
			return 0;
	if (nr_polls == SHELL_MAX_POLLS)
		return -ENOSPC;
	polls[nr_polls++] = fn;
	return 0;
}

/** shell_poweroff_status - the status "poweroff [status]" gave, -1: none */
int shell_poweroff_status(void)
{
	return poweroff_status;
}

/** shell_has_state - true while a command holds something (buffers, memhog) */
bool shell_has_state(void)
{
	unsigned int i, n = nr_states();

	for (i = 0; i < n; i++)
		if (__start_contig_shell_state[i]->busy())
			return true;
	return false;
}

/** shell_reset - release what every command holds (for tests) */
void shell_reset(void)
{
	unsigned int i, n = nr_states();

	for (i = 0; i < n; i++)
		__start_contig_shell_state[i]->reset();
}

/**
 * shell_show_state - print what the commands hold
 * @summary: one line each ("meminfo"), else one line per object ("cma list")
 */
void shell_show_state(bool summary)
{
	unsigned int i, n = nr_states();

	for (i = 0; i < n; i++)
		__start_contig_shell_state[i]->show(summary);
}

/* ---- the console loop ----------------------------------------------------- */

static bool shell_echo = true;

static void echo(const char *s)
{
	if (shell_echo)
		printk("%s", s);
}

/*
 * A line that did not fit in the buffer: refuse it whole (running what
 * fit would run another command than the one typed) and give an empty one.
 */
static int line_too_long(char *buf)
{
	shell_error("line longer than %d characters: nothing run; type a shorter line",
		    SHELL_LINE_MAX - 1);
	buf[0] = '\0';
	return 0;
}

/*
 * Read one line into @buf. Return: the length, or -1 when the console
 * input ended before a newline (@buf then holds what came before). A line
 * longer than @size - 1 characters is refused whole (@buf is emptied with
 * a message); characters past the end are not kept, and only Ctrl-U or
 * Ctrl-C starts the line afresh.
 */
static int read_line(char *buf, size_t size)
{
	static bool last_cr;
	unsigned int len = 0;
	int esc = 0; /* 1: after ESC, 2: inside "ESC [" ... */
	bool cut = false;
	char ch[2] = { 0, 0 };

	for (;;) {
		int c = arch_console_getc();

		if (c == ARCH_CONSOLE_NONE) {
			unsigned int i;

			for (i = 0; i < nr_polls; i++)
				polls[i]();
			/* Waiting for a key is an idle CPU: run idle work first. */
			if (!idle_work())
				arch_cpu_relax();
			continue;
		}
		if (c == ARCH_CONSOLE_EOF) {
			buf[len] = '\0';
			if (cut)
				line_too_long(buf);
			return -1;
		}
		if (esc == 1) {
			esc = c == '[' ? 2 : 0;
			continue;
		}
		if (esc == 2) {
			if (c >= 0x40 && c <= 0x7e)
				esc = 0;
			continue;
		}
		if (c == '\n' && last_cr) {
			last_cr = false;
			continue;
		}
		last_cr = c == '\r';
		switch (c) {
		case '\r':
		case '\n':
			echo("\n");
			buf[len] = '\0';
			return cut ? line_too_long(buf) : (int)len;
		case 0x7f: /* DEL, what most terminals send for backspace */
		case '\b':
			if (len) {
				len--;
				echo("\b \b");
			}
			break;
		case 0x15: /* Ctrl-U: erase the line */
			while (len) {
				len--;
				echo("\b \b");
			}
			cut = false;
			break;
		case 0x03: /* Ctrl-C: drop the line */
			echo("^C\n");
			buf[0] = '\0';
			return 0;
		case 0x1b:
			esc = 1;
			break;
		default:
			if (c == '\t')
				c = ' ';
			if (c < 0x20 || c > 0x7e)
				break;
			if (len + 1 >= size) {
				echo("\a");
				cut = true;
				break;
			}
			buf[len++] = (char)c;
			ch[0] = (char)c;
			echo(ch);
		}
	}
}

/**
 * shell_run - prompt, read and run lines until poweroff or end of input
 * @default_status: the status for "poweroff" without one and for the end
 *                  of input
 * Return: the status to power off with.
 */
int shell_run(int default_status)
{
	char line[SHELL_LINE_MAX], val[8];
	int len, ret;

	if (cmdline_get("shell_echo", val, sizeof(val)))
		shell_echo = strcmp(val, "0") != 0;
	printk("contig shell: type help for the commands, poweroff to stop%s\n",
	       IS_ENABLED(CONFIG_ARCH_ARM) ? " (or Ctrl-A X to leave QEMU)" : "");
	for (;;) {
		printk("contig> ");
		len = read_line(line, sizeof(line));
		if (len < 0) {
			if (line[0]) {
				echo("\n");
				shell_exec_line(line);
			}
			printk("\nshell: end of console input\n");
			return default_status;
		}
		ret = shell_exec_line(line);
		if (ret == SHELL_POWEROFF)
			return poweroff_status >= 0 ? poweroff_status : default_status;
	}
}
