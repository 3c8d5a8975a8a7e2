/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output and assertions.
 *
 * Each file may define pr_fmt() before including any header to prefix its
 * messages, e.g. "#define pr_fmt(fmt) "cma: " fmt".
 *
 * ASSERT() is for internal invariants only, never for caller input (return
 * -EINVAL for that). ASSERT_MSG() prints the values that broke the invariant.
 */
#ifndef _CONTIG_PRINTK_H
#define _CONTIG_PRINTK_H

#include <contig/types.h>
#include <contig/compiler.h>

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

enum {
	LOGLEVEL_ERR = 3,
	LOGLEVEL_WARNING = 4,
	LOGLEVEL_NOTICE = 5,
	LOGLEVEL_INFO = 6,
	LOGLEVEL_DEBUG = 7,
};

/* Messages above this level are not printed (boot parameter "loglevel="). */
extern int console_loglevel;

__printf(2, 3) int printk_level(int level, const char *fmt, ...);
int vprintk_level(int level, const char *fmt, va_list ap);
/* Raw output, no level filter (used by KTAP output and the shell). */
__printf(1, 2) int printk(const char *fmt, ...);

#define pr_err(fmt, ...) printk_level(LOGLEVEL_ERR, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk_level(LOGLEVEL_WARNING, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk_level(LOGLEVEL_NOTICE, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk_level(LOGLEVEL_INFO, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk_level(LOGLEVEL_DEBUG, pr_fmt(fmt), ##__VA_ARGS__)

/*
 * Formatting into a buffer: lib/vsprintf.c on every port (the host's C
 * library's are not used). Formats as C99's, without floating point or %n.
 */
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/*
 * Tests: copy everything printed into @buf (NUL-terminated, truncated at
 * @size) until printk_capture_end(), which returns the length captured.
 * One capture at a time; output still reaches the console.
 */
void printk_capture_begin(char *buf, size_t size);
size_t printk_capture_end(void);

/* Exit statuses of the kernel (host process / QEMU semihosting). */
#define EXIT_TESTS_FAILED 1
#define EXIT_PANIC 4

/* Print a message with the CPU, a backtrace where the arch has one, and stop. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define ASSERT(cond)                                                      \
	do {                                                              \
		if (unlikely(!(cond)))                                    \
			panic("assertion failed: %s at %s:%d (%s)", #cond, \
			      __FILE__, __LINE__, __func__);              \
	} while (0)

/* ASSERT_MSG(pfn < end, "pfn %lx end %lx", pfn, end) */
#define ASSERT_MSG(cond, fmt, ...)                                          \
	do {                                                                \
		if (unlikely(!(cond)))                                      \
			panic("assertion failed: %s at %s:%d (%s): " fmt,    \
			      #cond, __FILE__, __LINE__, __func__,          \
			      ##__VA_ARGS__);                               \
	} while (0)

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)

/* WARN_ON(cond): print once per call site and continue; evaluates to cond. */
#define WARN_ON(cond)                                                     \
	({                                                                \
		static bool __warned;                                     \
		bool __c = !!(cond);                                      \
		if (unlikely(__c) && !__warned) {                         \
			__warned = true;                                  \
			pr_warn("WARNING: %s at %s:%d (%s)\n", #cond,     \
				__FILE__, __LINE__, __func__);            \
		}                                                         \
		__c;                                                      \
	})

#endif /* _CONTIG_PRINTK_H */
