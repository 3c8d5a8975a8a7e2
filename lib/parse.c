// SPDX-License-Identifier: GPL-2.0-only
/*
 * Number parsers for boot parameters and shell arguments.
 *
 * memparse() is the size parser every boot parameter uses: a decimal, octal
 * (leading 0) or hex (0x) number with an optional K, M or G suffix.
 * param_parse_ulong() takes a whole decimal value with an upper bound. Both
 * are pure (text in, number out) and sit in lib/ so that every layer above,
 * the mm parameter handlers among them, can use them.
 */
#include <contig/kernel.h>
#include <contig/parse.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/**
 * memparse - parse a size with an optional K, M or G suffix
 * @s: the text; a decimal, 0-prefixed octal or 0x-prefixed hex number
 * @end: set to the first character not consumed (@s when no digits)
 * @overflow: set to true when the value does not fit in 64 bits
 *
 * Suffixes are case-insensitive powers of 1024. @end and @overflow may be
 * NULL.
 *
 * Return: the value (0 when there are no digits).
 */
u64 memparse(const char *s, const char **end, bool *overflow)
{
	const char *p = s;
	unsigned int base = 10, shift = 0;
	bool ovf = false, any = false;
	u64 v = 0;
	int d;

	if (!s) {
		if (end)
			*end = s;
		return 0;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	while ((d = digit_value(*p)) < (int)base) {
		if (v > (UINT64_MAX - (u64)d) / base)
			ovf = true;
		v = v * base + (u64)d;
		any = true;
		p++;
	}
	if (!any) {
		if (end)
			*end = s;
		return 0;
	}
	switch (*p) {
	case 'G': case 'g':
		shift = 30;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	}
	if (shift) {
		if (v > (UINT64_MAX >> shift))
			ovf = true;
		v <<= shift;
		p++;
	}
	if (end)
		*end = p;
	if (overflow && ovf)
		*overflow = true;
	return v;
}

/**
 * param_parse_ulong - parse a whole boot parameter value as a decimal number
 * @val: the value (NULL for a bare parameter)
 * @max: the largest value accepted
 * @out: set to the number on success
 *
 * Digits only: no sign, no suffix, no other base, nothing after them.
 *
 * Return: true when @val is a number from 0 to @max.
 */
bool param_parse_ulong(const char *val, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	const char *p = val;

	if (!p || !*p)
		return false;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > max)
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}
