// SPDX-License-Identifier: GPL-2.0-only
/*
 * What newlib and Debian's armhf libfdt.a need from a bare-metal kernel.
 *
 * The kernel uses newlib for the string and memory functions (mem*,
 * str*, strtoul, strtoull and the ctype table they read), never for
 * formatting: the snprintf family is the kernel's own (lib/vsprintf.c), so
 * newlib's vfprintf is not linked (build/arm/contig.map lists the archive
 * members the link pulled and why). errno lives in newlib's reentrancy
 * structure, whose module refers to free(), which brings newlib's malloc
 * and _sbrk into the link though nothing calls them; should something
 * ever do, _sbrk hands out a small static heap and then fails with
 * ENOMEM. The file system calls below are for newlib's stdio, which is
 * not linked either: link stubs that panic, so that a newlib member
 * pulled in later cannot quietly do I/O. libfdt is built with
 * -fstack-protector: the guard is a fixed value and a smashed stack
 * panics.
 */
#include <contig/kernel.h>
#include <contig/printk.h>

#define HEAP_SIZE (64 * 1024)

extern int errno;
#define NEWLIB_ENOMEM 12
#define NEWLIB_ENOSYS 88

static char heap[HEAP_SIZE] __aligned(8);
static size_t heap_used;

unsigned long __stack_chk_guard = 0xc0ff1e42;

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack protector: the stack of a libfdt function was overwritten");
}

void *_sbrk(long incr);
void *_sbrk(long incr)
{
	size_t old = heap_used;

	if (incr < 0 || (size_t)incr > HEAP_SIZE - heap_used) {
		errno = NEWLIB_ENOMEM;
		return (void *)-1;
	}
	heap_used += (size_t)incr;
	return heap + old;
}

#define LIBC_STUB(ret, name, ...)                                                     \
	ret name(__VA_ARGS__);                                                        \
	ret name(__VA_ARGS__)                                                         \
	{                                                                             \
		panic("newlib called " #name "(); the kernel has no files or processes"); \
	}

LIBC_STUB(int, _write, int fd, const void *buf, int len)
LIBC_STUB(int, _read, int fd, void *buf, int len)
LIBC_STUB(int, _close, int fd)
LIBC_STUB(int, _lseek, int fd, int off, int whence)
LIBC_STUB(int, _fstat, int fd, void *st)
LIBC_STUB(int, _isatty, int fd)
LIBC_STUB(int, _open, const char *path, int flags, int mode)
LIBC_STUB(int, _kill, int pid, int sig)
LIBC_STUB(int, _getpid, void)
LIBC_STUB(void, _exit, int status)
