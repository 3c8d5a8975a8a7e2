// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the safe DTB walk (lib/fdt_check.c, of_fdt_validate()):
 * a sound blob passes; each kind of damage is reported once with its
 * offset; and, over every 32-bit word of a small blob set to values that
 * break lengths, tags and offsets, whatever the walk accepts is also
 * accepted by libfdt's fdt_check_full() without looping (the property
 * the ports rely on: they call it before libfdt reads the tree), and
 * after of_fdt_salvage() libfdt's walks over what it refused end.
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

static void salvage_keeps_what_comes_before_the_defect(void **state)
{
	size_t size = make_blob();
	int reg = prop_offset("/memory@60000000", "reg");
	int args = prop_offset("/chosen", "bootargs");
	int len;

	/* A length that wraps: cut there; /chosen (before it) is still read. */
	memcpy(work, blob, size);
	put32(work, reg + 4, 0xfffffff4);
	assert_int_equal(of_fdt_salvage(work), 1);
	assert_int_equal(fdt_size_dt_struct(work), reg - (int)fdt_off_dt_struct(blob));
	assert_string_equal(fdt_getprop(work, fdt_path_offset(work, "/chosen"), "bootargs", &len),
			    "console=ttyAMA0 shell");
	assert_true(fdt_path_offset(work, "/soc/uart@9000") < 0);

	/* A bad name: that property is gone, the rest of the tree stays. */
	memcpy(work, blob, size);
	put32(work, args + 8, 0x7ffffff0);
	assert_int_equal(of_fdt_salvage(work), 0);
	assert_int_equal(of_fdt_validate(work, size, NULL, 0, NULL), 0);
	assert_null(fdt_getprop(work, fdt_path_offset(work, "/chosen"), "bootargs", &len));
	assert_true(fdt_path_offset(work, "/soc/uart@9000") >= 0);
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
 * After of_fdt_salvage(), libfdt's node walk (the one every lookup uses)
 * ends within the nodes the blob can hold, and what was sound before the
 * defect is still found.
 */
static void check_salvage(char *b, size_t size, const char *what, size_t off, uint32_t v)
{
	int node = 0, depth = 0, steps = 0, ret;

	ret = of_fdt_salvage(b);
	/* Header damage libfdt's own header check refuses: it reads nothing. */
	if (ret < 0 && (fdt_check_header(b) || fdt_totalsize(b) > size))
		return;
	/* Sound as far as the header tells (salvage knows no blob size). */
	if (ret == 0 && (of_fdt_validate(b, 0, NULL, 0, NULL) ||
			 (fdt_totalsize(b) <= size && fdt_check_full(b, size))))
		fail_msg("%s %#zx = %#x: salvage says sound, it is not", what, off, v);
	while (node >= 0 && steps++ < 64)
		node = fdt_next_node(b, node, &depth);
	if (steps >= 64)
		fail_msg("%s %#zx = %#x: libfdt still walks in circles after salvage", what, off, v);
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
				check_salvage(work, size, "word", off, bad[i]);
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
			if (of_fdt_validate(work, size, msg, sizeof(msg), NULL)) {
				check_salvage(work, size, "byte", off, i ? 0xff : 0);
				continue;
			}
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
		cmocka_unit_test(salvage_keeps_what_comes_before_the_defect),
		cmocka_unit_test(whatever_passes_is_safe_for_libfdt),
	};

	return cmocka_run_group_tests_name("fdt_check", tests, NULL, NULL);
}
