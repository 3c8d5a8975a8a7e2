// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the safe DTB walk (lib/fdt_check.c, of_fdt_validate()):
 * a sound blob passes; each kind of damage is reported once with its
 * offset; and, over every 32-bit word of a small blob set to values that
 * break lengths, tags and offsets, whatever the walk accepts is also
 * accepted by libfdt's fdt_check_full() without looping (the property
 * the ports rely on: they call it before libfdt reads the tree).
 */
/* unit-sources: lib/fdt_check.c lib/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libfdt.h>

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/string.h>

static char blob[4096];
static char work[4096];
static char msg[256];

/* A small tree with what boards have: /memreserve/, nodes, properties. */
static size_t make_blob(void)
{
	fdt32_t reg[2] = { cpu_to_fdt32(0x60000000), cpu_to_fdt32(0x20000000) };

	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_add_reservemap_entry(blob, 0x61000000, 0x1000), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	assert_int_equal(fdt_property_u32(blob, "#address-cells", 1), 0);
	assert_int_equal(fdt_begin_node(blob, "chosen"), 0);
	assert_int_equal(fdt_property_string(blob, "bootargs", "console=ttyAMA0 shell"), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_begin_node(blob, "memory@60000000"), 0);
	assert_int_equal(fdt_property_string(blob, "device_type", "memory"), 0);
	assert_int_equal(fdt_property(blob, "reg", reg, sizeof(reg)), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_begin_node(blob, "soc"), 0);
	assert_int_equal(fdt_begin_node(blob, "uart@9000"), 0);
	assert_int_equal(fdt_property(blob, "empty", NULL, 0), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
	assert_int_equal(fdt_check_full(blob, fdt_totalsize(blob)), 0);
	return fdt_totalsize(blob);
}

/* Structure-block offset (in the blob) of property @name of node @path. */
static int prop_offset(const char *path, const char *name)
{
	int node = fdt_path_offset(blob, path), len;
	const struct fdt_property *p = fdt_get_property(blob, node, name, &len);

	assert_non_null(p);
	return (int)((const char *)p - blob);
}

static void put32(char *b, int off, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy(b + off, &be, 4);
}

static void a_sound_blob_passes(void **state)
{
	size_t size = make_blob();
	struct of_fdt_defect d;

	assert_int_equal(of_fdt_validate(blob, size, msg, sizeof(msg), &d), 0);
	assert_int_equal(d.tag, (long)fdt_size_dt_struct(blob));
	assert_int_equal(of_fdt_validate(blob, 0, NULL, 0, NULL), 0);
}

static void a_property_length_that_wraps_is_named_with_its_offset(void **state)
{
	size_t size = make_blob();
	int off = prop_offset("/memory@60000000", "reg");
	char want[128];
	struct of_fdt_defect d;

	memcpy(work, blob, size);
	put32(work, off + 4, 0xfffffff4);
	assert_int_equal(of_fdt_validate(work, size, msg, sizeof(msg), &d), -EINVAL);
	snprintf(want, sizeof(want), "offset 0x%x: property in node \"memory@60000000\" has length 0xfffffff4", off);
	assert_non_null(strstr(msg, want));
	assert_int_equal(d.tag, off - (int)fdt_off_dt_struct(blob));
	assert_int_equal(d.len, 0);
}

static void an_unknown_tag_and_a_bad_name_offset_are_named(void **state)
{
	size_t size = make_blob();
	int chosen = (int)fdt_off_dt_struct(blob) + fdt_path_offset(blob, "/chosen");
	int args = prop_offset("/chosen", "bootargs");
	struct of_fdt_defect d;
	char want[128];

	memcpy(work, blob, size);
	put32(work, chosen, 7);
	assert_int_equal(of_fdt_validate(work, size, msg, sizeof(msg), NULL), -EINVAL);
	snprintf(want, sizeof(want), "offset 0x%x: unknown tag 0x00000007 in node \"/\"", chosen);
	assert_string_equal(msg, want);

	memcpy(work, blob, size);
	put32(work, args + 8, 0x7ffffff0);
	assert_int_equal(of_fdt_validate(work, size, msg, sizeof(msg), &d), -EINVAL);
	/* Its extent is sound: tag, length, name offset, value, padding. */
	assert_int_equal(d.tag, args - (int)fdt_off_dt_struct(blob));
	assert_int_equal(d.len, 12 + ALIGN(sizeof("console=ttyAMA0 shell"), 4));
	snprintf(want, sizeof(want), "offset 0x%x: property in node \"chosen\" has name offset 0x7ffffff0", args);
	assert_non_null(strstr(msg, want));
}

static void header_damage_is_named(void **state)
{
	size_t size = make_blob();

	memcpy(work, blob, size);
	put32(work, 0, 0x12345678);
	assert_int_equal(of_fdt_validate(work, size, msg, sizeof(msg), NULL), -EINVAL);
	assert_non_null(strstr(msg, "offset 0x0: magic is 0x12345678"));

	memcpy(work, blob, size);
	assert_int_equal(of_fdt_validate(work, size - 8, msg, sizeof(msg), NULL), -EINVAL);
	assert_non_null(strstr(msg, "truncated"));

	memcpy(work, blob, size);
	put32(work, 36, fdt_size_dt_struct(blob) - 4); /* loses FDT_END */
	assert_int_equal(of_fdt_validate(work, size, msg, sizeof(msg), NULL), -EINVAL);
	assert_non_null(strstr(msg, "ends without FDT_END"));
}

/*
 * Every word of the blob set to values that break things: the walk always
 * ends, and what it accepts libfdt accepts too (fdt_check_full() visits
 * every tag with the same fdt_next_tag() that loops on bad lengths).
 */
static void whatever_passes_is_safe_for_libfdt(void **state)
{
	static const uint32_t bad[] = { 0, 1, 2, 3, 4, 9, 0xfffffff4, 0xfffffffc,
					0xfffffff8, 0xffffffff, 0x7fffffff, 0x80000000,
					0x00100000, 0x10 };
	size_t size = make_blob(), off;
	unsigned int i, rejected = 0, accepted = 0;

	for (off = 0; off + 4 <= size; off += 4) {
		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			memcpy(work, blob, size);
			put32(work, (int)off, bad[i]);
			msg[0] = '\0';
			if (of_fdt_validate(work, size, msg, sizeof(msg), NULL)) {
				assert_true(msg[0] != '\0');
				rejected++;
				continue;
			}
			accepted++;
			if (fdt_check_full(work, size))
				fail_msg("word %#zx = %#x: of_fdt_validate() passes, fdt_check_full() says %s",
					 off, bad[i], fdt_strerror(fdt_check_full(work, size)));
		}
	}
	/* And every byte set to 0 and to 0xff (names, strings, padding). */
	for (off = 0; off < size; off++) {
		for (i = 0; i < 2; i++) {
			memcpy(work, blob, size);
			work[off] = i ? (char)0xff : 0;
			if (of_fdt_validate(work, size, msg, sizeof(msg), NULL))
				continue;
			if (fdt_check_full(work, size))
				fail_msg("byte %#zx = %#x: of_fdt_validate() passes, fdt_check_full() says %s",
					 off, i ? 0xff : 0, fdt_strerror(fdt_check_full(work, size)));
		}
	}
	assert_true(rejected > 0 && accepted > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_sound_blob_passes),
		cmocka_unit_test(a_property_length_that_wraps_is_named_with_its_offset),
		cmocka_unit_test(an_unknown_tag_and_a_bad_name_offset_are_named),
		cmocka_unit_test(header_damage_is_named),
		cmocka_unit_test(whatever_passes_is_safe_for_libfdt),
	};

	return cmocka_run_group_tests_name("fdt_check", tests, NULL, NULL);
}
