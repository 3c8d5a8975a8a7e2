// SPDX-License-Identifier: GPL-2.0-only
/*
 * printk: format into a per-call buffer and write whole lines to the
 * port's console under one lock, so lines from different CPUs never
 * interleave. panic() prints, dumps the stack and powers off.
 *
 * Lock contract: console_lock is taken with interrupts masked
 * (spin_lock_irqsave): drivers print from their interrupt handlers, and a
 * handler that interrupted a printk on its own CPU would otherwise spin on
 * the lock forever.
 */
#include <contig/kernel.h>
#include <contig/spinlock.h>
#include <contig/string.h>

int console_loglevel = LOGLEVEL_INFO;

static DEFINE_SPINLOCK(console_lock);
static char *capture_buf;
static size_t capture_size, capture_len;

static void console_emit(const char *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	arch_console_write(buf, len);
	if (capture_buf && capture_len + 1 < capture_size) {
		size_t n = min(len, capture_size - 1 - capture_len);

		memcpy(capture_buf + capture_len, buf, n);
		capture_len += n;
		capture_buf[capture_len] = '\0';
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

static int vprintk_emit(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf)) {
		/* Mark the cut instead of silently losing the end of a line. */
		n = sizeof(buf) - 1;
		memcpy(buf + n - 4, "...\n", 4);
	}
	console_emit(buf, (size_t)n);
	return n;
}

/**
 * vprintk_level - print a message if @level passes console_loglevel
 * Return: the number of characters printed (0 when filtered).
 */
int vprintk_level(int level, const char *fmt, va_list ap)
{
	if (level > console_loglevel)
		return 0;
	return vprintk_emit(fmt, ap);
}

/**
 * printk_level - print a message at @level (see pr_err() and friends)
 * Return: the number of characters printed (0 when filtered).
 */
int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(level, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * printk - print unconditionally (KTAP output, the shell, tables)
 * Return: the number of characters printed.
 */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_emit(fmt, ap);
	va_end(ap);
	return n;
}

/**
 * printk_capture_begin - start copying console output into @buf
 * Used by tests that assert a message. Only one capture may be active.
 */
void printk_capture_begin(char *buf, size_t size)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	ASSERT_MSG(!capture_buf, "capture already active (%p)", capture_buf);
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (size)
		buf[0] = '\0';
	spin_unlock_irqrestore(&console_lock, flags);
}

/**
 * printk_capture_end - stop the capture started by printk_capture_begin()
 * Return: the number of bytes captured.
 */
size_t printk_capture_end(void)
{
	unsigned long flags;
	size_t len;

	spin_lock_irqsave(&console_lock, flags);
	len = capture_len;
	capture_buf = NULL;
	capture_size = capture_len = 0;
	spin_unlock_irqrestore(&console_lock, flags);
	return len;
}

/**
 * panic - report a fatal kernel error and stop the machine
 * Prints the message with the CPU number and a backtrace, then powers off
 * with EXIT_PANIC. A panic while panicking stops at once.
 */
void panic(const char *fmt, ...)
{
	static int panicking;
	char buf[512];
	va_list ap;
	int n;

	if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST))
		arch_poweroff(EXIT_PANIC);

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	(void)n;
	/* Do not take console_lock: the CPU that panics may hold it. */
	arch_console_write("Kernel panic: ", 14);
	arch_console_write(buf, strnlen(buf, sizeof(buf)));
	snprintf(buf, sizeof(buf), "\nCPU: %u\n", arch_cpu_id());
	arch_console_write(buf, strlen(buf));
	arch_dump_stack();
	arch_poweroff(EXIT_PANIC);
}
