// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "pl111_emu": what the PL111 driver puts on the screen of the
 * host's emulated PL111 (arch/host/emu/pl111.c), the host's screendump.
 * After display commands, host_pl111_capture() returns the next frame the
 * model scanned out of RAM; every pixel must be what display_pattern_pixel()
 * says, from the buffer the driver flipped to, and a picture drawn into
 * the back buffer must not show before the flip. Host-only; skips when the
 * kernel has no display.
 */
#define pr_fmt(fmt) "pl111_emu_test: " fmt

#include <contig/display.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <asm/host_emu.h>

#define CLCD_BASE 0x10020000

static struct display *disp;

static int pl111_emu_init(struct ktest *t)
{
	disp = display_find("clcd@10020000");
	if (!disp)
		ktest_skip(t, "no display (CONFIG_VIDEO_PL111=n or the probe failed)");
	return 0;
}

/* Capture the screen; count the pixels that are not @pattern. */
static long screen_mismatches(struct ktest *t, const char *pattern, phys_addr_t *base)
{
	struct host_pl111_frame f;
	unsigned int x, y;
	long bad = 0;
	size_t size = (size_t)disp->info.width * disp->info.height * 3;
	u8 *rgb = os_alloc(size);
	int ret;

	if (!rgb)
		return -ENOMEM;
	ret = host_pl111_capture(CLCD_BASE, &f, rgb, size);
	if (ret) {
		ktest_info(t, "capture: %d (%s)", ret, f.error ? f.error : "");
		os_free(rgb);
		return ret;
	}
	*base = f.base;
	if (f.width != disp->info.width || f.height != disp->info.height) {
		ktest_info(t, "the screen is %ux%u", f.width, f.height);
		os_free(rgb);
		return -EINVAL;
	}
	for (y = 0; y < f.height; y++)
		for (x = 0; x < f.width; x++) {
			const u8 *p = rgb + ((size_t)y * f.width + x) * 3;
			u32 want, got = ((u32)p[0] << 16) | (p[1] << 8) | p[2];

			display_pattern_pixel(pattern, x, y, f.width, f.height, &want);
			if (got != want && !bad++)
				ktest_info(t, "(%u,%u) is %#08x, %s has %#08x", x, y, got, pattern,
					   want);
		}
	os_free(rgb);
	return bad;
}

static void the_screen_shows_the_pattern_from_the_front_buffer(struct ktest *t)
{
	struct display_canvas c;
	phys_addr_t base = 0;

	if (!disp)
		return;
	KTEST_ASSERT_EQ(t, display_back_canvas(disp, &c), 0);
	KTEST_ASSERT_EQ(t, display_draw_pattern(&c, "bars"), 0);
	KTEST_ASSERT_EQ(t, display_flip(disp), 0);
	KTEST_EXPECT_EQ(t, screen_mismatches(t, "bars", &base), 0);
	KTEST_EXPECT_EQ(t, base, disp->buf[disp->front].dma);
}

static void a_picture_in_the_back_buffer_shows_only_after_the_flip(struct ktest *t)
{
	struct display_canvas c;
	phys_addr_t base = 0;

	if (!disp)
		return;
	KTEST_ASSERT_EQ(t, display_back_canvas(disp, &c), 0);
	KTEST_ASSERT_EQ(t, display_draw_pattern(&c, "flip-a"), 0);
	KTEST_ASSERT_EQ(t, display_flip(disp), 0);
	KTEST_ASSERT_EQ(t, display_back_canvas(disp, &c), 0);
	KTEST_ASSERT_EQ(t, display_draw_pattern(&c, "flip-b"), 0);
	KTEST_EXPECT_EQ(t, screen_mismatches(t, "flip-a", &base), 0);
	KTEST_EXPECT_EQ(t, base, disp->buf[disp->front].dma);
	KTEST_ASSERT_EQ(t, display_flip(disp), 0);
	KTEST_EXPECT_EQ(t, screen_mismatches(t, "flip-b", &base), 0);
	KTEST_EXPECT_EQ(t, base, disp->buf[disp->front].dma);
}

static struct ktest_case pl111_emu_cases[] = {
	KTEST_CASE(the_screen_shows_the_pattern_from_the_front_buffer),
	KTEST_CASE(a_picture_in_the_back_buffer_shows_only_after_the_flip),
	{}
};

static struct ktest_suite pl111_emu_suite = {
	.name = "pl111_emu",
	.init = pl111_emu_init,
	.cases = pl111_emu_cases,
};
ktest_register(pl111_emu_suite);
