/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hosted port's operating system: the only interface of arch/host to
 * the C library. Everything under arch/host that is not in arch/host/os/
 * includes contig headers, <libfdt.h> and this header, never a system
 * header (scripts/check-includes.sh enforces it); the files of
 * arch/host/os/ are thin wrappers over glibc and POSIX that know nothing
 * of the kernel.
 *
 * Conventions: a call that can fail returns 0 or a count, or a negative
 * errno value (contig/errno.h has the same numbers as Linux);
 * os_strerror() names one. Locks and threads are the host's (POSIX
 * threads), so ThreadSanitizer sees every synchronisation.
 */
#ifndef _ARCH_HOST_OS_H
#define _ARCH_HOST_OS_H

#include <contig/compiler.h>
#include <contig/types.h>

/* ---- errors, process, standard streams (os/process.c) ------------------ */

/* The message of an errno value (either sign). */
const char *os_strerror(int err);

/* Flush stdio and end the process with @status (exit()). */
__noreturn void os_exit(int status);
/* End the process at once, from any state (_exit()): crash paths. */
__noreturn void os_exit_now(int status);
/* Block the calling thread for good (another one is ending the process). */
__noreturn void os_wait_forever(void);

/* Messages to the host's stderr (host argument and setup errors). */
__printf(1, 2) void os_eprintf(const char *fmt, ...);
void os_veprintf(const char *fmt, va_list ap);
/* stdout through stdio (only before the kernel's console runs: --help). */
__printf(1, 2) void os_printf(const char *fmt, ...);

/* Raw console I/O: write(2) to stdout, poll(2)/read(2) of stdin. */
long os_stdout_write(const void *buf, size_t len);
/* Return: 1 a byte can be read, 0 nothing pending, -EBADF closed, or -errno. */
int os_stdin_poll(void);
long os_stdin_read(void *buf, size_t len);

/* Host command-line options (getopt_long(3) with long options only). */
struct os_option {
	const char *name;
	bool has_arg;
	int val;
};
/*
 * Next option of @argv: its val, with *@arg its argument; '?' for an
 * unknown option or a missing argument (getopt printed why); -1 at the end,
 * with *@next the index of the first argument that is not an option.
 * @opts ends with an entry whose name is NULL (at most 16 entries).
 */
int os_getopt(int argc, char **argv, const struct os_option *opts, const char **arg,
	      int *next);

/* ---- memory (os/memory.c) ----------------------------------------------- */

void *os_alloc(size_t size);
void *os_zalloc(size_t size);
void os_free(void *p);
char *os_strdup(const char *s);

/* The host's page size. */
unsigned long os_page_size(void);

enum os_map_flags {
	OS_MAP_NONE = 0,       /* inaccessible (PROT_NONE); else read-write */
	OS_MAP_RW = 1,
	OS_MAP_AT = 2,         /* exactly at @addr, never over a mapping */
};
/*
 * Anonymous private memory, not reserved in swap (MAP_NORESERVE), zeroed.
 * Return: the address, or NULL with *@err (if not NULL) a negative errno.
 */
void *os_map(void *addr, size_t len, unsigned int flags, int *err);
int os_unmap(void *addr, size_t len);
/* Make [@addr, @addr + @len) read-write (@rw) or inaccessible. */
int os_protect(void *addr, size_t len, bool rw);
/* Fault in every page now (MADV_POPULATE_WRITE, else a write per page). */
void os_populate(void *addr, size_t len);
/*
 * Whether the host lets the process read and write @addr, from
 * /proc/self/maps. Return: 1 yes, 0 no, -1 unknown (no /proc).
 */
int os_addr_accessible(uintptr_t addr);

/* ---- files (os/file.c) ---------------------------------------------------- */

/* Open @path read-only. Return: a descriptor, or -errno. */
int os_open_read(const char *path);
/* The size of an open file (fstat()), and whether it is a regular file. */
int os_file_size(int fd, u64 *size, bool *regular);
/* Read at the file position / at @off, retrying EINTR. Return: bytes or -errno. */
long os_read(int fd, void *buf, size_t len);
long os_pread(int fd, void *buf, size_t len, u64 off);
void os_close(int fd);

/* ---- time and threads (os/thread.c) --------------------------------------- */

/* CLOCK_MONOTONIC in nanoseconds. */
u64 os_monotonic_ns(void);
/* Give the host CPU away (sched_yield()). */
void os_yield(void);

/*
 * Opaque storage for a POSIX thread, mutex and condition variable (each
 * checked to be large enough in os/thread.c). A mutex or condition needs
 * os_mutex_init()/os_cond_init() before use; OS_MUTEX_INIT is a static
 * initializer (glibc's PTHREAD_MUTEX_INITIALIZER is all zero, which
 * os/thread.c checks).
 */
struct os_thread {
	unsigned long handle;
};
struct os_mutex {
	long long opaque[8];
};
struct os_cond {
	long long opaque[8];
};
#define OS_MUTEX_INIT { { 0 } }

/* Start @fn(@arg) on a new thread; joinable, or detached when @t is NULL. */
int os_thread_start(struct os_thread *t, void *(*fn)(void *), void *arg);
int os_thread_join(struct os_thread *t);

void os_mutex_init(struct os_mutex *m);
void os_mutex_lock(struct os_mutex *m);
void os_mutex_unlock(struct os_mutex *m);

/* Timed waits are against os_monotonic_ns(). */
void os_cond_init(struct os_cond *c);
void os_cond_wait(struct os_cond *c, struct os_mutex *m);
/* Return: false once os_monotonic_ns() has reached @deadline_ns. */
bool os_cond_wait_until(struct os_cond *c, struct os_mutex *m, u64 deadline_ns);
void os_cond_signal(struct os_cond *c);
void os_cond_broadcast(struct os_cond *c);

/* ---- faults and backtraces (os/signal.c) ----------------------------------- */

enum os_fault { OS_FAULT_SEGV, OS_FAULT_BUS };
/*
 * Call @handler(kind, address) on SIGSEGV/SIGBUS, on the thread's alternate
 * stack, once (the handler is reset, so a fault inside it ends the process);
 * ignore SIGPIPE (a closed stdout drops output instead of killing us).
 */
void os_fault_handler_install(void (*handler)(enum os_fault kind, uintptr_t addr));
/* The calling thread's alternate signal stack (@stack NULL: none). */
void os_fault_stack(void *stack, size_t size);
/* Load what a backtrace needs now, not first in a signal handler. */
void os_backtrace_init(void);
/* The calling thread's backtrace on stdout, without allocating. */
void os_backtrace(void);

/* ---- pictures (os/png.c) ------------------------------------------------- */

/* Write @w x @h 8-bit RGB pixels to @path as a PNG. Return: 0 or -errno. */
int os_write_png_rgb(const char *path, const u8 *rgb, unsigned int w, unsigned int h);

#endif /* _ARCH_HOST_OS_H */
