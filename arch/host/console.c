// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host console: stdout for output, stdin for input. Output goes straight
 * to write(2), never through stdio buffers, so a crash loses nothing and
 * output from several CPU threads interleaves only at printk's granularity.
 */
#include <contig/arch.h>
#include <contig/errno.h>

#include "os/host_os.h"

static bool console_eof;

/**
 * arch_console_write - write @len bytes of @buf to the console (stdout)
 * @buf: bytes to write
 * @len: how many
 *
 * Writes the whole buffer, retrying short writes and EINTR. Output that
 * cannot be written (stdout closed) is dropped.
 */
void arch_console_write(const char *buf, size_t len)
{
	while (len) {
		long n = os_stdout_write(buf, len);

		if (n < 0) {
			if (n == -EINTR || n == -EAGAIN)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

/**
 * arch_console_getc - read one console input byte without blocking
 *
 * Return: the byte (0..255), ARCH_CONSOLE_NONE when nothing is pending, or
 * ARCH_CONSOLE_EOF once stdin has ended (and from then on).
 */
int arch_console_getc(void)
{
	unsigned char c;
	long n;
	int r;

	if (__atomic_load_n(&console_eof, __ATOMIC_RELAXED))
		return ARCH_CONSOLE_EOF;
	do {
		r = os_stdin_poll();
	} while (r == -EINTR);
	if (r == 0)
		return ARCH_CONSOLE_NONE;
	if (r < 0)
		goto eof;

	n = os_stdin_read(&c, 1);
	if (n == 1)
		return c;
	if (n == -EAGAIN || n == -EINTR)
		return ARCH_CONSOLE_NONE;
eof:
	__atomic_store_n(&console_eof, true, __ATOMIC_RELAXED);
	return ARCH_CONSOLE_EOF;
}
