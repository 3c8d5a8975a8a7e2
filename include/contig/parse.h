/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Number parsers (lib/parse.c): sizes and bounded decimals, for boot
 * parameters and shell arguments.
 */
#ifndef _CONTIG_PARSE_H
#define _CONTIG_PARSE_H

#include <contig/types.h>

/*
 * memparse - parse a size with an optional K, M or G suffix (powers of 1024)
 * Return: the value; *@end points after it. *@end == @s when no digits.
 * Values that overflow 64 bits set *@overflow.
 */
u64 memparse(const char *s, const char **end, bool *overflow);

/* A whole value of decimal digits from 0 to @max into *@out; false if not. */
bool param_parse_ulong(const char *val, unsigned long max, unsigned long *out);

#endif /* _CONTIG_PARSE_H */
