/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared pieces of the libFuzzer targets in tests/fuzz/: the input as a
 * NUL-terminated string in a buffer of exactly its size (so ASan sees any
 * read past the end), a printk_level() that formats every message (so a
 * bad format argument is found) and discards it, and fuzz_fail(), which
 * prints what property of the code under test broke and aborts: libFuzzer
 * then saves the input as a crash.
 */
#ifndef _TESTS_FUZZ_FUZZ_H
#define _TESTS_FUZZ_FUZZ_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_fail(fmt, ...)                                                    \
	do {                                                                   \
		fprintf(stderr, "fuzz: %s:%d: " fmt "\n", __FILE__, __LINE__,  \
			##__VA_ARGS__);                                        \
		abort();                                                       \
	} while (0)

/* A malloc()ed copy of @data with a NUL appended; free() it. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The number of non-empty ';'-separated entries of a cma= or cma_map= value. */
static inline unsigned int fuzz_nr_entries(const char *s)
{
	unsigned int n = 0;
	size_t run = 0;

	for (;; s++) {
		if (*s == ';' || !*s) {
			n += run != 0;
			run = 0;
			if (!*s)
				return n;
		} else {
			run++;
		}
	}
}

#ifndef FUZZ_OWN_PRINTK
int console_loglevel = LOGLEVEL_DEBUG;
unsigned int fuzz_nr_printk;

static void fuzz_vprintk(const char *fmt, va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fuzz_nr_printk++;
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fuzz_vprintk(fmt, ap);
	va_end(ap);
	return 0;
}

int printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fuzz_vprintk(fmt, ap);
	va_end(ap);
	return 0;
}
#endif

#endif /* _TESTS_FUZZ_FUZZ_H */
