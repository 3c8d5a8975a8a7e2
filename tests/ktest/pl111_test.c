// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "pl111": the PL111 display driver and the display core, on
 * whatever runs the board's clcd node (QEMU's PL111 on ARM, the emulated
 * one on the host). The display must have been probed from the DT with the
 * panel's mode (VGA when the DT's port leads to a bridge), hold two frame
 * buffers inside the region of its memory-region (else the default CMA
 * area), flip
 * between them (the front buffer is never drawn into), refuse a concurrent
 * flip, and convert frames in display_show_frame(). The patterns' drawing
 * code is compared with display_pattern_pixel(), a separate evaluator.
 * Skips when the kernel has no display (CONFIG_VIDEO_PL111=n).
 */
#define pr_fmt(fmt) "pl111_test: " fmt

#include <contig/arch.h>
#include <contig/cma.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/of.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

#define CLCD_NAME "clcd@10020000"

static struct display *disp;

static int pl111_test_init(struct ktest *t)
{
	disp = display_find(CLCD_NAME);
	if (!disp)
		ktest_skip(t, "no display %s (CONFIG_VIDEO_PL111=n or the probe failed)",
			   CLCD_NAME);
	return 0;
}

/*
 * A value of the DT panel's timing; without a /panel/panel-timing (Linux's
 * vexpress DTB: the CLCD drives a DVI bridge) the driver's VGA fallback.
 */
static u32 panel_prop(struct ktest *t, const char *prop)
{
	int node = fdt_path_offset(initial_boot_params, "/panel/panel-timing");

	if (node < 0) {
		ktest_info(t, "no /panel/panel-timing: expecting the VGA mode of a bridge");
		return !strcmp(prop, "hactive") ? 640 : 480;
	}
	return of_read_u32(initial_boot_params, node, prop, 0);
}

/*
 * The region the clcd's frame buffers must lie in: the one its first
 * memory-region names, else the default CMA area.
 */
static struct cma *clcd_region(void)
{
	const void *fdt = initial_boot_params;
	const fdt32_t *ph = fdt_getprop(fdt, disp->dev->of_node, "memory-region", NULL);
	unsigned int i;
	int node;

	if (!ph)
		return cma_default_area();
	node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
	for (i = 0; i < reserved_mem_count(); i++)
		if (reserved_mem_get(i)->fdt_node == node)
			return reserved_mem_get(i)->cma;
	return NULL;
}

static void the_display_has_the_mode_of_the_dt_panel(struct ktest *t)
{
	struct display_info info;

	if (!disp)
		return;
	KTEST_ASSERT_EQ(t, display_get_info(disp, &info), 0);
	KTEST_EXPECT_EQ(t, info.width, panel_prop(t, "hactive"));
	KTEST_EXPECT_EQ(t, info.height, panel_prop(t, "vactive"));
	KTEST_EXPECT_EQ(t, info.format, DRM_FORMAT_XRGB8888);
	KTEST_EXPECT_EQ(t, info.cpp, 4);
	KTEST_EXPECT_GE(t, info.pitch, info.width * 4);
	KTEST_EXPECT_EQ(t, info.nr_buffers, 2);
	KTEST_EXPECT_STREQ(t, info.name, CLCD_NAME);
	KTEST_EXPECT_GT(t, info.refresh_mhz, 1000);
}

static void frame_buffers_lie_in_the_region_of_the_clcd(struct ktest *t)
{
	struct cma *video;
	phys_addr_t lo, hi;
	unsigned int i;

	if (!disp)
		return;
	video = clcd_region();
	KTEST_ASSERT_NOT_NULL(t, video);
	lo = cma_get_base(video);
	hi = lo + cma_get_size(video);
	for (i = 0; i < disp->info.nr_buffers; i++) {
		struct display_buffer *b = &disp->buf[i];

		KTEST_EXPECT_GE(t, b->dma, lo);
		KTEST_EXPECT_LE(t, b->dma + b->size, hi);
		KTEST_EXPECT_GE(t, b->size, (size_t)disp->info.pitch * disp->info.height);
		KTEST_EXPECT_EQ(t, b->dma % 8, 0);
	}
	KTEST_EXPECT_TRUE(t, disp->buf[0].dma + disp->buf[0].size <= disp->buf[1].dma ||
				     disp->buf[1].dma + disp->buf[1].size <= disp->buf[0].dma);
}

static void frame_buffers_are_mapped_non_cacheable(struct ktest *t)
{
	unsigned int i;

	if (!disp)
		return;
	for (i = 0; i < disp->info.nr_buffers; i++) {
		struct display_buffer *b = &disp->buf[i];

		/* The CPU writes through the linear alias, made non-cacheable. */
		KTEST_EXPECT_TRUE(t, b->vaddr == __va(b->dma));
		KTEST_EXPECT_EQ(t, arch_linear_get_attr(b->dma), ARCH_LINEAR_NONCACHED);
		KTEST_EXPECT_EQ(t, arch_linear_get_attr(b->dma + b->size - PAGE_SIZE),
				ARCH_LINEAR_NONCACHED);
	}
}

static u32 checksum(const struct display_buffer *b)
{
	const u32 *p = b->vaddr;
	u32 sum = 0;
	size_t i;

	for (i = 0; i < b->size / 4; i++)
		sum = sum * 31 + p[i];
	return sum;
}

static void a_flip_shows_the_back_buffer_and_never_draws_into_the_front(struct ktest *t)
{
	struct display_buffer back, back2;
	struct display_canvas c;
	unsigned int front;
	unsigned long flips;
	u32 front_sum;

	if (!disp)
		return;
	front = disp->front;
	flips = disp->flips;
	front_sum = checksum(&disp->buf[front]);
	KTEST_ASSERT_EQ(t, display_get_back_buffer(disp, &back), 0);
	KTEST_EXPECT_NE(t, back.dma, disp->buf[front].dma);
	KTEST_ASSERT_EQ(t, display_back_canvas(disp, &c), 0);
	KTEST_EXPECT_TRUE(t, c.pixels == back.vaddr);
	KTEST_ASSERT_EQ(t, display_draw_pattern(&c, "flip-b"), 0);
	KTEST_EXPECT_EQ(t, checksum(&disp->buf[front]), front_sum);
	KTEST_ASSERT_EQ(t, display_flip(disp), 0);
	KTEST_EXPECT_NE(t, disp->front, front);
	KTEST_EXPECT_EQ(t, disp->flips, flips + 1);
	KTEST_ASSERT_EQ(t, display_get_back_buffer(disp, &back2), 0);
	KTEST_EXPECT_EQ(t, back2.dma, disp->buf[front].dma);
	KTEST_ASSERT_EQ(t, display_flip(disp), 0);
	KTEST_EXPECT_EQ(t, disp->front, front);
	KTEST_EXPECT_EQ(t, disp->flip_timeouts, 0);
}

static void a_flip_during_a_flip_is_refused(struct ktest *t)
{
	unsigned int front;

	if (!disp)
		return;
	front = disp->front;
	__atomic_store_n(&disp->flipping, 1, __ATOMIC_RELAXED);
	KTEST_EXPECT_EQ(t, display_flip(disp), -EBUSY);
	__atomic_store_n(&disp->flipping, 0, __ATOMIC_RELAXED);
	KTEST_EXPECT_EQ(t, disp->front, front);
}

static void show_frame_converts_and_centres_a_small_frame(struct ktest *t)
{
	const unsigned int w = 32, h = 16;
	struct display_canvas c;
	u16 *frame;
	unsigned int x, y, dx, dy;

	if (!disp)
		return;
	frame = kmalloc(w * h * 2, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, frame);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			frame[y * w + x] = (u16)((x << 11) | (y << 5) | (x ^ y));
	KTEST_EXPECT_EQ(t, display_show_frame(disp, frame, w, h, w * 2, DRM_FORMAT_RGB565), 0);
	KTEST_EXPECT_EQ(t, display_show_frame(disp, frame, w, h, w, DRM_FORMAT_RGB565),
			-EINVAL);
	KTEST_EXPECT_EQ(t, display_show_frame(disp, frame, w, h, w * 2, 0x12345678), -EINVAL);
	/* The front buffer now holds it, centred on black. */
	c.pixels = disp->buf[disp->front].vaddr;
	c.width = disp->info.width;
	c.height = disp->info.height;
	c.pitch = disp->info.pitch;
	c.format = disp->info.format;
	dx = (c.width - w) / 2;
	dy = (c.height - h) / 2;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			u32 want = ((x << 3) << 16) | ((y << 2) << 8) | ((x ^ y) << 3);

			if (display_get_pixel(&c, dx + x, dy + y) != want) {
				KTEST_EXPECT_EQ(t, display_get_pixel(&c, dx + x, dy + y), want);
				goto out;
			}
		}
	KTEST_EXPECT_EQ(t, display_get_pixel(&c, 0, 0), 0);
	KTEST_EXPECT_EQ(t, display_get_pixel(&c, dx - 1, dy), 0);
out:
	kfree(frame);
}

static void patterns_draw_what_the_pixel_evaluator_says(struct ktest *t)
{
	const unsigned int w = 96, h = 64;
	const char *const *name;
	struct display_canvas c = { .width = w, .height = h, .pitch = w * 4,
				    .format = DRM_FORMAT_XRGB8888 };
	unsigned int x, y, bad = 0;
	u32 want;

	c.pixels = kmalloc(w * h * 4, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, c.pixels);
	for (name = display_pattern_names(); *name; name++) {
		KTEST_EXPECT_EQ(t, display_draw_pattern(&c, *name), 0);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				display_pattern_pixel(*name, x, y, w, h, &want);
				if (display_get_pixel(&c, x, y) != want && !bad++)
					ktest_info(t, "%s (%u,%u): %#x, expected %#x", *name, x, y,
						   display_get_pixel(&c, x, y), want);
			}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, display_draw_pattern(&c, "nosuch"), -ENOENT);
	kfree(c.pixels);
}

static int test_flip(struct display *d, unsigned int index)
{
	return 0;
}

static const struct display_ops test_display_ops = { .flip = test_flip };

/*
 * A display the drawing code could not draw into (BGR888, R8: 24- and
 * 8-bit pixels) is refused with a message; XRGB8888 and RGB565 register.
 */
static void display_register_takes_only_formats_it_can_draw(struct ktest *t)
{
	static const struct {
		u32 format;
		unsigned int cpp;
		int ret;
	} cases[] = {
		{ DRM_FORMAT_BGR888, 3, -EINVAL },
		{ DRM_FORMAT_R8, 1, -EINVAL },
		{ DRM_FORMAT_XRGB8888, 4, 0 },
		{ DRM_FORMAT_RGB565, 2, 0 },
	};
	const unsigned int w = 16, h = 8;
	static struct device dev;
	struct display d;
	char out[512];
	unsigned int i;
	void *mem;
	int ret;

	mem = kzalloc(2 * w * h * 4, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, mem);
	device_initialize(&dev, "display-test");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&d, 0, sizeof(d));
		d.dev = &dev;
		d.ops = &test_display_ops;
		d.info.width = w;
		d.info.height = h;
		d.info.format = cases[i].format;
		d.info.cpp = cases[i].cpp;
		d.info.pitch = w * cases[i].cpp;
		d.info.nr_buffers = 2;
		d.buf[0] = (struct display_buffer){ mem, 0, w * h * 4 };
		d.buf[1] = (struct display_buffer){ (u8 *)mem + w * h * 4, 0, w * h * 4 };
		printk_capture_begin(out, sizeof(out));
		ret = display_register(&d);
		printk_capture_end();
		KTEST_EXPECT_EQ(t, ret, cases[i].ret);
		if (ret) {
			KTEST_EXPECT_TRUE(t, strstr(out, "display-test: frame buffers in ") != NULL);
			KTEST_EXPECT_TRUE(t, strstr(out, "a display scans out XR24 or RG16") != NULL);
			KTEST_EXPECT_NULL(t, display_find("display-test"));
		} else {
			KTEST_EXPECT_TRUE(t, display_find("display-test") == &d);
			display_unregister(&d);
			KTEST_EXPECT_NULL(t, display_find("display-test"));
		}
	}
	kfree(mem);
}

static struct ktest_case pl111_cases[] = {
	KTEST_CASE(the_display_has_the_mode_of_the_dt_panel),
	KTEST_CASE(frame_buffers_lie_in_the_region_of_the_clcd),
	KTEST_CASE(frame_buffers_are_mapped_non_cacheable),
	KTEST_CASE(a_flip_shows_the_back_buffer_and_never_draws_into_the_front),
	KTEST_CASE(a_flip_during_a_flip_is_refused),
	KTEST_CASE(show_frame_converts_and_centres_a_small_frame),
	KTEST_CASE(patterns_draw_what_the_pixel_evaluator_says),
	KTEST_CASE(display_register_takes_only_formats_it_can_draw),
	{}
};

static struct ktest_suite pl111_suite = {
	.name = "pl111",
	.init = pl111_test_init,
	.cases = pl111_cases,
};
ktest_register(pl111_suite);
