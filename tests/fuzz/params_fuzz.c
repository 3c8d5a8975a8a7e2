// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the boot command-line tokenizer and the size parser
 * (lib/cmdline.c). The input, up to its first NUL, is a command line for
 * parse_early_params() and cmdline_get(); every parameter named "fz" or
 * "fz2" reaches a handler here, which checks that the value is
 * terminated, shorter than the command line and free of double quotes.
 * cmdline_get("fz") must agree with the last value the handler saw.
 *
 * The same input is then given to memparse() and compared with the C
 * library's strtoull(s, 0) (same bases) followed by the K/M/G shift: same
 * value, same end, and overflow reported exactly when the digits or the
 * shift do not fit in 64 bits.
 */
/* fuzz-sources: lib/cmdline.c lib/parse.c lib/string.c */
#include "fuzz.h"

#include <errno.h>

#include <contig/params.h>

static char last_val[2048];
static bool seen, last_null;
static size_t line_len;

static void check_val(const char *val)
{
	size_t len;

	if (!val)
		return;
	len = strnlen(val, 4096);
	if (len == 4096 || len > line_len)
		fuzz_fail("value of %zu characters from a line of %zu", len, line_len);
	if (strchr(val, '"'))
		fuzz_fail("value \"%s\" still has a double quote", val);
}

static int fz_setup(const char *val)
{
	check_val(val);
	seen = true;
	last_null = !val;
	snprintf(last_val, sizeof(last_val), "%s", val ? val : "");
	return 0;
}
early_param("fz", fz_setup);

static int fz2_setup(const char *val)
{
	check_val(val);
	return 0;
}
early_param("fz2", fz2_setup);

static void check_memparse(const char *s)
{
	const char *end = NULL;
	char *lend;
	bool ovf = false, lovf;
	unsigned long long want;
	unsigned int shift = 0;
	u64 v;

	v = memparse(s, &end, &ovf);
	if (!end || end < s || end > s + strlen(s))
		fuzz_fail("memparse(\"%s\"): end outside the string", s);
	if (!(s[0] >= '0' && s[0] <= '9')) {
		if (end != s || v || ovf)
			fuzz_fail("memparse(\"%s\") without a leading digit gave %llu", s,
				  (unsigned long long)v);
		return;
	}
	errno = 0;
	want = strtoull(s, &lend, 0);
	lovf = errno == ERANGE;
	switch (*lend) {
	case 'K': case 'k': shift = 10; break;
	case 'M': case 'm': shift = 20; break;
	case 'G': case 'g': shift = 30; break;
	}
	if (shift) {
		if (want > (~0ULL >> shift))
			lovf = true;
		want <<= shift;
		lend++;
	}
	if (end != lend)
		fuzz_fail("memparse(\"%s\") ended at %td, strtoull at %td", s, end - s, lend - s);
	if (ovf != lovf)
		fuzz_fail("memparse(\"%s\"): overflow %d, expected %d", s, ovf, lovf);
	if (!ovf && v != want)
		fuzz_fail("memparse(\"%s\") = %llu, expected %llu", s, (unsigned long long)v, want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_string(data, size);
	static char got[2048];
	bool found;

	line_len = strlen(line);
	seen = last_null = false;
	parse_early_params(line);
	if (strnlen(boot_command_line(), 1024) == 1024)
		fuzz_fail("saved command line not terminated");
	found = cmdline_get("fz", got, sizeof(got));
	if (found != seen)
		fuzz_fail("cmdline_get(fz) %d, handler called %d", found, seen);
	if (found && strcmp(got, last_val) != 0 &&
	    !(strlen(last_val) >= sizeof(got) - 1))
		fuzz_fail("cmdline_get(fz) = \"%s\", the handler last saw \"%s\"", got, last_val);
	check_memparse(line);
	free(line);
	return 0;
}
