// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's formatter (lib/vsprintf.c) against the host C library's:
 * every conversion, flag, width, precision and length the tree's format
 * strings use (and the rest of what the formatter takes), each printed by
 * both into a large buffer and then into every smaller size down to 0,
 * where the bytes written and the return value must agree. This binary's
 * own vsnprintf() is the kernel's (linked from lib/vsprintf.c, it takes
 * the C library's place, as in the hosted kernel); the C library's is
 * reached with dlsym(RTLD_NEXT).
 */
/* unit-sources: lib/vsprintf.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dlfcn.h>
#include <limits.h>
#include <string.h>
#include <cmocka.h>

#include <contig/printk.h>

typedef int (*vsnprintf_fn)(char *, size_t, const char *, va_list);
static vsnprintf_fn libc_vsnprintf;

#define BIG 512

/*
 * Format with both, at size BIG and at every size from the output's
 * length + 1 down to 0 (size 0 with a NULL buffer), and compare.
 */
static void vcheck(const char *file, int line, const char *fmt, va_list ap)
{
	char want[BIG + 8], got[BIG + 8];
	int nwant, ngot;
	size_t size;
	va_list aq;

	va_copy(aq, ap);
	nwant = libc_vsnprintf(want, BIG, fmt, aq);
	va_end(aq);
	assert_true(nwant >= 0 && nwant < BIG);
	for (size = BIG;; size = size == BIG ? (size_t)nwant + 1 : size - 1) {
		memset(want, 'W', sizeof(want));
		memset(got, 'W', sizeof(got));
		va_copy(aq, ap);
		nwant = libc_vsnprintf(size ? want : NULL, size, fmt, aq);
		va_end(aq);
		va_copy(aq, ap);
		ngot = vsnprintf(size ? got : NULL, size, fmt, aq);
		va_end(aq);
		if (ngot != nwant || memcmp(want, got, sizeof(want)))
			fail_msg(
				"%s:%d: format \"%s\" at size %zu: libc returned %d \"%.*s\", "
				"the kernel %d \"%.*s\"",
				file, line, fmt, size, nwant,
				size ? (int)size : 0, want, ngot,
				size ? (int)size : 0, got);
		if (!size)
			break;
	}
}

static void __printf(3, 4)
	check_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcheck(file, line, fmt, ap);
	va_end(ap);
}

/* The same without the compiler's format check, for what it warns about. */
static void check_unchecked(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcheck(file, line, fmt, ap);
	va_end(ap);
}

#define CHECK(...) check_at(__FILE__, __LINE__, __VA_ARGS__)
#define CHECK_UNCHECKED(...) check_unchecked(__FILE__, __LINE__, __VA_ARGS__)

static int setup(void **state)
{
	libc_vsnprintf = (vsnprintf_fn)dlsym(RTLD_NEXT, "vsnprintf");
	return libc_vsnprintf ? 0 : -1;
}

/* The test is only worth something if the two are different functions. */
static void the_kernel_formatter_is_linked(void **state)
{
	char buf[32];
	int n;

	assert_non_null(libc_vsnprintf);
	assert_ptr_not_equal((void *)libc_vsnprintf, (void *)vsnprintf);
	n = snprintf(buf, sizeof(buf), "%zu|%s", (size_t)42, "ok");
	assert_int_equal(n, 5);
	assert_string_equal(buf, "42|ok");
}

/* Hidden from the compiler, which would warn at a literal NULL. */
static const char *volatile null_str;

static void strings_and_chars(void **state)
{
	static const char *const s[] = { "", "a", "cma", "camera-region",
					 "0123456789abcdef" };
	unsigned int i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		CHECK("%s", s[i]);
		CHECK("[%5s][%-5s][%10s][%-10s][%11s]", s[i], s[i], s[i], s[i],
		      s[i]);
		CHECK("[%6s][%7s][%8s][%-12s][%-14s][%-16s]", s[i], s[i], s[i],
		      s[i], s[i], s[i]);
		CHECK("[%-22s][%-24s][%-30s][%-34s][%-5s]", s[i], s[i], s[i],
		      s[i], s[i]);
		CHECK("[%.0s][%.3s][%.40s][%.300s][%5.2s][%-5.2s]", s[i], s[i],
		      s[i], s[i], s[i], s[i]);
		CHECK("[%.*s][%.*s][%.*s]", 2, s[i], 0, s[i], -1, s[i]);
		CHECK("[%*s][%*s][%-*s]", 6, s[i], -6, s[i], 3, s[i]);
	}
	/* NULL as %s: glibc's "(null)", or nothing when the precision cuts it. */
	CHECK_UNCHECKED("[%s][%10s][%-8s][%.3s][%.6s]", null_str, null_str,
			null_str, null_str, null_str);
	CHECK("[%c][%3c][%-3c][%c]", 'x', 'y', 'z', 0x7f);
	CHECK("100%% [%%] %d%%", 5);
	CHECK("no conversion at all");
	CHECK("%s", "");
	CHECK_UNCHECKED("");
}

static void signed_ints(void **state)
{
	static const long long v[] = {
		0,	 1,	    -1,	       7,
		-42,	 12345,	    -99999,    INT_MAX,
		INT_MIN, LLONG_MAX, LLONG_MIN, (long long)UINT_MAX + 1
	};
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int d = (int)v[i];
		long l = (long)v[i];

		CHECK("[%d][%i][%ld][%lld][%li][%lli]", d, d, l, v[i], l, v[i]);
		CHECK("[%-2d][%5d][%-6d][%05d][%+d][% d][%+5d][% 05d][%-+6d]",
		      d, d, d, d, d, d, d, d, d);
		CHECK("[%.0d][%.3d][%8.3d][%-8.3d][%.*d]", d, d, d, d, 4, d);
		/* A precision turns the '0' flag off. */
		CHECK_UNCHECKED("[%08.3d][%08.0d]", d, d);
		CHECK("[%*d][%*d][%0*d]", 7, d, -7, d, 7, d);
		CHECK("[%hd][%hhd][%hi][%hhi]", (short)d, (signed char)d,
		      (short)d, (signed char)d);
		CHECK("[%jd][%td][%zd]", (intmax_t)v[i], (ptrdiff_t)l,
		      (ptrdiff_t)l);
		CHECK("[%+lld][%20lld][%-20lld][%020lld]", v[i], v[i], v[i],
		      v[i]);
	}
}

static void unsigned_ints(void **state)
{
	static const unsigned long long v[] = {
		0,	   1,	       9,	 10,
		0x7f,	   0xff,       0x100,	 0xdead,
		0xfffff,   0x60000000, UINT_MAX, 0x123456789aULL,
		ULLONG_MAX
	};
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unsigned int u = (unsigned int)v[i];
		unsigned long ul = (unsigned long)v[i];
		size_t z = (size_t)v[i];

		CHECK("[%u][%lu][%llu][%zu]", u, ul, v[i], z);
		CHECK("[%2u][%5u][%03u][%4lu][%5lu][%6lu][%7lu][%8lu][%10lu][%17lu]",
		      u, u, u, ul, ul, ul, ul, ul, ul, ul);
		CHECK("[%-6lu][%02lu][%02llu][%03llu][%06llu][%5llu][%6llu][%8llu]",
		      ul, ul, v[i], v[i], v[i], v[i], v[i], v[i]);
		CHECK("[%x][%X][%lx][%llx][%lX][%llX]", u, u, ul, v[i], ul,
		      v[i]);
		CHECK("[%#x][%#X][%#lx][%#llx][%#zx][%zx]", u, u, ul, v[i], z,
		      z);
		CHECK("[%08x][%#08x][%#04x][%#010llx][%08llx][%010llx]", u, u,
		      u, v[i], v[i], v[i]);
		CHECK("[%-8x][%-#8x][%8.4x][%#.6x][%.0x][%#.0x]", u, u, u, u, u,
		      u);
		CHECK("[%o][%#o][%5o][%#5o][%.4o][%#.4o][%#.0o][%llo][%#llo]",
		      u, u, u, u, u, u, u, v[i], v[i]);
		CHECK("[%hu][%hhu][%hx][%hhx][%hX]", (unsigned short)u,
		      (unsigned char)u, (unsigned short)u, (unsigned char)u,
		      (unsigned short)u);
		/* The sign flags mean nothing to unsigned conversions. */
		CHECK_UNCHECKED("[%+u][% u][%+x]", u, u, u);
		CHECK("[%*lu][%-*lu][%.*lu]", 9, ul, 9, ul, 3, ul);
		CHECK("[%ju][%jx]", (uintmax_t)v[i], (uintmax_t)v[i]);
	}
}

static void pointers(void **state)
{
	static int x;
	void *p[] = { &x, (void *)(uintptr_t)0x1000,
		      (void *)(uintptr_t)0xffffffff, (void *)&pointers, NULL };
	unsigned int i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		CHECK("%p", p[i]);
		CHECK("[%20p][%-20p][%5p]", p[i], p[i], p[i]);
	}
}

static int kernel_lines_marker;

/* Lines as the tree prints them, mixing conversions. */
static void kernel_lines(void **state)
{
	CHECK("%6llu %8llu.%06llu cpu%u %-16s %-14s %-22s", 12ULL, 3ULL,
	      4567ULL, 1u, "camera", "cma_alloc", "dma_alloc_coherent");
	CHECK(" window=%#lx blocked=%#lx reason=%s", 0x60000UL, 0x60123UL,
	      "pinned");
	CHECK("region %s: %#llx-%#llx (%lu pages, %zu bytes) at %p", "video",
	      0x68000000ULL, 0x68ffffffULL, 4096UL, (size_t)16 << 20,
	      (void *)&kernel_lines_marker);
	CHECK("%.*s|%-10s|%3u%%", 4, "abcdefgh", "x", 99u);
	CHECK("CPU: %u\n", 3u);
	CHECK("%td %lld %jd %ld", (ptrdiff_t)-5, -6LL, (intmax_t)-7, -8L);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_kernel_formatter_is_linked),
		cmocka_unit_test(strings_and_chars),
		cmocka_unit_test(signed_ints),
		cmocka_unit_test(unsigned_ints),
		cmocka_unit_test(pointers),
		cmocka_unit_test(kernel_lines),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
