// SPDX-License-Identifier: GPL-2.0-only
/*
 * snprintf()/vsnprintf(): the kernel's one formatter, on every port.
 *
 * A port provides no formatter: this file is linked into the ARM image
 * (Debian's newlib is built without C99 formats such as %zu, and its
 * vfprintf allocates) and into the hosted kernel, whose definitions
 * take the place of the C library's for the whole process, so the code
 * that formats the board's messages is the code that runs under ASan,
 * UBSan, ThreadSanitizer and cmocka (tests/unit/vsprintf_test.c checks
 * it against the host C library's snprintf()).
 *
 * It covers what the kernel prints, with C99's meaning: flags "-0+ #",
 * width and precision (also "*", a negative width meaning "-", a
 * negative precision none), lengths hh h l ll z t j, and conversions
 * d i u x X o c s p %. %p prints like glibc's: 0x and the hexadecimal
 * address, "(nil)" for NULL; %s prints "(null)" for NULL. There is no
 * floating point and no %n. An unknown conversion is copied out as "%"
 * and its character. Output is truncated to @size bytes, always
 * NUL-terminated when @size > 0 (@buf may be NULL when @size is 0), and
 * the return value is the length the whole output would have had.
 *
 * No locks and no state: callable from any context, including panic().
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

/* @n bytes of @s, padded with spaces to @width on the side the flags say. */
static void put_field(struct out *o, const char *s, int n, int width, bool left)
{
	int i;

	if (!left)
		put_repeat(o, ' ', width - n);
	for (i = 0; i < n; i++)
		put(o, s[i]);
	if (left)
		put_repeat(o, ' ', width - n);
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

/*
 * One integer conversion. @neg and the sign flags apply to d and i only
 * (the caller clears them for the unsigned conversions). A precision
 * sets the minimum number of digits and turns the '0' flag off; "%.0d"
 * of 0 prints no digits, except that '#' with o always prints a leading 0.
 */
static void put_number(struct out *o, unsigned long long v, bool neg,
		       unsigned int base, bool upper, int flags, int width,
		       int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pad, zeros, plen = 0;
	char sign = 0;
	const char *prefix = "";

	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && v && base == 16)
		prefix = upper ? "0X" : "0x";
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (!n && prec != 0)
		tmp[n++] = '0';
	zeros = prec > n ? prec - n : 0;
	/* '#' with o: the precision grows until the first digit is a 0. */
	if ((flags & F_ALT) && base == 8 && !zeros && (!n || tmp[n - 1] != '0'))
		zeros = 1;
	plen = (int)strlen(prefix);
	pad = width - n - zeros - (sign ? 1 : 0) - plen;
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

/* Length modifiers: hh h (none) l ll, and z t (size_t, ptrdiff_t). */
enum { L_HH = -2, L_H = -1, L_INT = 0, L_LONG = 1, L_LLONG = 2, L_SIZE = 3 };

static long long arg_signed(va_list *ap, int lng)
{
	switch (lng) {
	case L_HH:
		return (signed char)va_arg(*ap, int);
	case L_H:
		return (short)va_arg(*ap, int);
	case L_INT:
		return va_arg(*ap, int);
	case L_LONG:
		return va_arg(*ap, long);
	case L_SIZE:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, long long);
	}
}

static unsigned long long arg_unsigned(va_list *ap, int lng)
{
	switch (lng) {
	case L_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case L_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case L_INT:
		return va_arg(*ap, unsigned int);
	case L_LONG:
		return va_arg(*ap, unsigned long);
	case L_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned long long);
	}
}

/**
 * vsnprintf - format into a buffer
 * @buf: destination (may be NULL when @size is 0)
 * @size: its size; at most @size - 1 characters and a NUL are written
 * @fmt: printf-style format (see the top of this file for what it takes)
 * @ap: arguments
 *
 * Return: the length of the complete output (excluding the NUL), which is
 * @size or more when the output was truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;

	/* A copy, so that helpers can take it by pointer on every ABI. */
	va_copy(args, ap);
	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = L_INT;
		unsigned long long v;
		unsigned int base;
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
			width = va_arg(args, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = width == -__INT_MAX__ - 1 ?
						__INT_MAX__ :
						-width;
			}
			fmt++;
		} else {
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				if (width < __INT_MAX__ / 10)
					width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(args, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9';
				     fmt++)
					if (prec < __INT_MAX__ / 10)
						prec = prec * 10 + (*fmt - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'h')
				lng = lng == L_H ? L_HH : L_H;
			else if (*fmt == 'l')
				lng = lng == L_LONG ? L_LLONG : L_LONG;
			else if (*fmt == 'z' || *fmt == 't')
				lng = L_SIZE;
			else if (*fmt == 'j')
				lng = L_LLONG;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long sv = arg_signed(&args, lng);

			v = sv < 0 ? 0ULL - (unsigned long long)sv :
				     (unsigned long long)sv;
			put_number(&o, v, sv < 0, 10, false, flags, width,
				   prec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = arg_unsigned(&args, lng);
			base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
			flags &= ~(F_PLUS | F_SPACE);
			put_number(&o, v, false, base, *fmt == 'X', flags,
				   width, prec);
			break;
		case 'p':
			v = (uintptr_t)va_arg(args, void *);
			flags = (flags & ~(F_PLUS | F_SPACE)) | F_ALT;
			if (v)
				put_number(&o, v, false, 16, false, flags,
					   width, prec);
			else
				put_field(&o, "(nil)", 5, width,
					  flags & F_LEFT);
			break;
		case 'c':
			c = (char)va_arg(args, int);
			put_field(&o, &c, 1, width, flags & F_LEFT);
			break;
		case 's':
			s = va_arg(args, const char *);
			if (!s)
				s = prec < 0 || prec >= 6 ? "(null)" : "";
			put_field(&o, s,
				  (int)(prec >= 0 ? strnlen(s, (size_t)prec) :
						    strlen(s)),
				  width, flags & F_LEFT);
			break;
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
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

/**
 * snprintf - format into a buffer
 * @buf: destination (may be NULL when @size is 0)
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
