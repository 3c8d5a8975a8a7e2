// SPDX-License-Identifier: GPL-2.0-only
/*
 * Consoles: the device a port writes its console output to when the port
 * has no console of its own (ARM: the PL011 /chosen/stdout-path names).
 *
 * One console at a time; the first to register wins (later ones are
 * refused with a message). Output written before any console registers
 * is kept in a small static buffer and written out, in order, when the
 * first console registers; whatever does not fit is dropped and counted,
 * and the count is printed when the buffer is flushed.
 *
 * Locking: printk serialises ordinary callers under its console lock, and
 * the crash paths (panic, fault reports) write without any lock, because
 * the CPU that crashes may hold it. So nothing here takes a lock; the
 * console pointer is published with a release store after the early buffer
 * is flushed, and read with an acquire load.
 */
#include <contig/arch.h>
#include <contig/console.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/string.h>

#define EARLY_BUF_SIZE 8192

static const struct console *cur_console;
static char early_buf[EARLY_BUF_SIZE];
static size_t early_len;
static size_t early_dropped;

/**
 * register_console - make @con the console and flush early output to it
 * @con: the console; ->write is required, ->getc optional
 *
 * Only the first registration takes effect; a second console is refused
 * with a message on the first one.
 */
void register_console(const struct console *con)
{
	const struct console *old = __atomic_load_n(&cur_console, __ATOMIC_ACQUIRE);
	char msg[96];
	int n;

	if (old) {
		n = snprintf(msg, sizeof(msg), "console: %s not registered: %s is the console\n",
			     con->name, old->name);
		old->write(msg, (size_t)n);
		return;
	}
	if (early_len)
		con->write(early_buf, early_len);
	if (early_dropped) {
		n = snprintf(msg, sizeof(msg), "console: %zu bytes of early output were dropped\n",
			     early_dropped);
		con->write(msg, (size_t)n);
	}
	early_len = 0;
	early_dropped = 0;
	__atomic_store_n(&cur_console, con, __ATOMIC_RELEASE);
}

/**
 * console_write - write @len bytes to the console
 * @buf: the bytes
 * @len: how many
 *
 * Before a console registers the bytes are buffered (up to 8 KiB; the
 * rest is dropped and counted).
 */
void console_write(const char *buf, size_t len)
{
	const struct console *con = __atomic_load_n(&cur_console, __ATOMIC_ACQUIRE);
	size_t room;

	if (con) {
		con->write(buf, len);
		return;
	}
	room = EARLY_BUF_SIZE - early_len;
	if (len > room) {
		early_dropped += len - room;
		len = room;
	}
	memcpy(early_buf + early_len, buf, len);
	early_len += len;
}

/**
 * console_getc - next input byte from the console, never blocking
 *
 * Return: the byte, ARCH_CONSOLE_NONE when nothing is pending (or no
 * console with input exists yet), or ARCH_CONSOLE_EOF.
 */
int console_getc(void)
{
	const struct console *con = __atomic_load_n(&cur_console, __ATOMIC_ACQUIRE);

	if (!con || !con->getc)
		return ARCH_CONSOLE_NONE;
	return con->getc();
}
