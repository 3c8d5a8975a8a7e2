// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "capture_screen": a captured frame on the screen of the
 * host's emulated PL111 (the host's screendump, host_pl111_capture()).
 * vcam captures a frame from the emulated virtio disk (--drive), the
 * pipeline's path shows it (display_show_frame()), and every pixel the
 * emulated controller scanned out must be the pattern lib/tpg.c computes
 * for that frame number. Host-only; skips without a camera or a display.
 * QEMU's screendump of the same is check.py's capture suite.
 */
#define pr_fmt(fmt) "capture_screen_test: " fmt

#include <contig/crc32.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/ktest.h>
#include <contig/tpg.h>
#include <contig/vcam.h>
#include <asm/host_emu.h>

#define CLCD_BASE 0x10020000

/* RGB of pixel @x of a tpg line (XRGB8888 exactly; RGB565 shifted up, as QEMU). */
static u32 line_rgb(const u8 *line, u32 fourcc, unsigned int x)
{
	return fourcc_pixel_to_rgb(fourcc, line + x * tpg_bytes_per_pixel(fourcc));
}

/* Pixels of the screen that are not frame @frame of the pattern. */
static long screen_mismatches(struct ktest *t, const struct vcam_format *fmt, u32 frame,
			      phys_addr_t *base)
{
	struct host_pl111_frame f;
	unsigned int x, y;
	size_t size = (size_t)fmt->width * fmt->height * 3;
	u8 *rgb = os_alloc(size), *line = os_alloc(fmt->bytes_per_line);
	long bad = 0;
	int ret;

	if (!rgb || !line) {
		os_free(rgb);
		os_free(line);
		return -ENOMEM;
	}
	ret = host_pl111_capture(CLCD_BASE, &f, rgb, size);
	if (ret || f.width != fmt->width || f.height != fmt->height) {
		ktest_info(t, "screendump: %d (%s), %ux%u", ret, f.error ? f.error : "no error",
			   f.width, f.height);
		bad = ret ? ret : -EINVAL;
		goto out;
	}
	*base = f.base;
	for (y = 0; y < f.height; y++) {
		tpg_fill_line(line, fmt->fourcc, fmt->width, fmt->height, y, frame);
		for (x = 0; x < f.width; x++) {
			const u8 *p = rgb + ((size_t)y * f.width + x) * 3;
			u32 got = ((u32)p[0] << 16) | (p[1] << 8) | p[2];
			u32 want = line_rgb(line, fmt->fourcc, x);

			if (got != want && !bad++)
				ktest_info(t, "(%u,%u) is %#08x, frame %u has %#08x", x, y, got, frame,
					   want);
		}
	}
out:
	os_free(rgb);
	os_free(line);
	return bad;
}

static void a_captured_frame_shows_on_the_screen_pixel_for_pixel(struct ktest *t)
{
	struct vcam *cam = IS_ENABLED(CONFIG_VIDEO_VCAM) ? vcam_find(NULL) : NULL;
	struct display *d = display_find("clcd@10020000");
	struct display_info info;
	struct vcam_format fmt;
	struct vcam_buffer *b;
	phys_addr_t base = 0;
	unsigned int i;

	if (!cam || !d) {
		ktest_skip(t, "needs a capture device (--drive FILE) and the PL111 display");
		return;
	}
	vcam_get_format(cam, &fmt);
	display_get_info(d, &info);
	if (fmt.width != info.width || fmt.height != info.height) {
		ktest_skip(t, "frames are %ux%u, the display %ux%u", fmt.width, fmt.height,
			   info.width, info.height);
		return;
	}
	KTEST_ASSERT_EQ(t, vcam_streamon(cam, 2, VCAM_MEM_COHERENT), 0);
	/* Two frames in a row: the second replaces the first on screen. */
	for (i = 0; i < 2; i++) {
		if (!KTEST_EXPECT_EQ(t, vcam_dqbuf(cam, &b), 0))
			break;
		KTEST_EXPECT_EQ(t, b->error, 0);
		KTEST_EXPECT_EQ(t, crc32_ieee(0, b->vaddr, fmt.frame_size),
				vcam_frame_crc(cam, b->frame));
		KTEST_EXPECT_EQ(t, display_show_frame(d, b->vaddr, fmt.width, fmt.height,
						      fmt.bytes_per_line, fmt.fourcc), 0);
		KTEST_EXPECT_EQ(t, screen_mismatches(t, &fmt, b->frame, &base), 0);
		/* Shown from the display's own buffer, not the camera's. */
		KTEST_EXPECT_EQ(t, base, d->buf[d->front].dma);
		KTEST_EXPECT_NE(t, base, b->dma);
		KTEST_EXPECT_EQ(t, vcam_qbuf(cam, b), 0);
	}
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
}

static struct ktest_case capture_screen_cases[] = {
	KTEST_CASE(a_captured_frame_shows_on_the_screen_pixel_for_pixel),
	{}
};

static struct ktest_suite capture_screen_suite = {
	.name = "capture_screen",
	.cases = capture_screen_cases,
};
ktest_register(capture_screen_suite);
