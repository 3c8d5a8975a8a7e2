// SPDX-License-Identifier: GPL-2.0-only
/*
 * snprintf()/vsnprintf() for the ARM image.
 *
 * Debian's newlib is built without C99 formats (no %zu, %td, %jd) and its
 * vfprintf allocates, so the ARM port formats with this small
 * implementation instead; the linker then never pulls newlib's. It covers
 * what the kernel prints: flags "-0+ #", width and precision (also "*"),
 * lengths hh h l ll z t j, and conversions d i u x X o c s p %. Output
 * is truncated to @size bytes, always NUL-terminated when @size > 0, and
 * the return value is the length the whole output would have had.
 */
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

static void put_number(struct out *o, unsigned long long v, bool neg, unsigned int base,
		       bool upper, int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pad, zeros;
	char sign = 0;
	const char *prefix = "";

	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && v) {
		if (base == 16)
			prefix = upper ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (!n && prec != 0)
		tmp[n++] = '0';
	zeros = prec > n ? prec - n : 0;
	pad = width - n - zeros - (sign ? 1 : 0) - (int)strlen(prefix);
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!(flags & F_LEFT))
		put_repeat(o, ' ', pad);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	put_repeat(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/**
 * vsnprintf - format into a buffer
 * @buf: destination
 * @size: its size; at most @size - 1 characters and a NUL are written
 * @fmt: printf-style format
 * @ap: arguments
 *
 * Return: the length of the complete output (excluding the NUL).
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0;
		unsigned long long v;
		bool neg = false;
		const char *s;
		char c;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			c = *++fmt;
			if (c == '-')
				flags |= F_LEFT;
			else if (c == '0')
				flags |= F_ZERO;
			else if (c == '+')
				flags |= F_PLUS;
			else if (c == ' ')
				flags |= F_SPACE;
			else if (c == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		/* lng: -2 hh, -1 h, 0 int, 1 long, 2 long long, 3 size_t/ptrdiff_t */
		for (;; fmt++) {
			if (*fmt == 'h')
				lng--;
			else if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 't')
				lng = 3;
			else if (*fmt == 'j')
				lng = 2;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long sv;

			if (lng >= 2 && lng != 3)
				sv = va_arg(ap, long long);
			else if (lng == 1 || lng == 3)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (lng == -1)
				sv = (short)sv;
			else if (lng <= -2)
				sv = (signed char)sv;
			neg = sv < 0;
			v = neg ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
			put_number(&o, v, neg, 10, false, flags, width, prec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng >= 2 && lng != 3)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1 || lng == 3)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (lng == -1)
				v = (unsigned short)v;
			else if (lng <= -2)
				v = (unsigned char)v;
			put_number(&o, v, false, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				   *fmt == 'X', flags, width, prec);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put_number(&o, v, false, 16, false, flags | F_ALT, width, prec);
			break;
		case 'c':
			if (!(flags & F_LEFT))
				put_repeat(&o, ' ', width - 1);
			put(&o, (char)va_arg(ap, int));
			if (flags & F_LEFT)
				put_repeat(&o, ' ', width - 1);
			break;
		case 's': {
			int n, i;

			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n = (int)(prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
			if (!(flags & F_LEFT))
				put_repeat(&o, ' ', width - n);
			for (i = 0; i < n; i++)
				put(&o, s[i]);
			if (flags & F_LEFT)
				put_repeat(&o, ' ', width - n);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

/**
 * snprintf - format into a buffer
 * @buf: destination
 * @size: its size
 * @fmt: printf-style format
 *
 * Return: the length of the complete output (excluding the NUL).
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
