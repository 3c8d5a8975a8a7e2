/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String and memory routines. The implementations come from the port's C
 * library (glibc for arch/host, newlib for arch/arm); portable code sees only
 * these declarations and never includes a libc header. Formatting is not
 * the C library's on any port: see lib/vsprintf.c.
 */
#ifndef _CONTIG_STRING_H
#define _CONTIG_STRING_H

#include <contig/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);

/* Copy at most size-1 bytes and always terminate; returns strlen(src). */
size_t strscpy_trunc(char *dst, const char *src, size_t size);

#endif /* _CONTIG_STRING_H */
