// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "capture": the virtio-mmio transport, the virtio block
 * driver and vcam, end to end, on whatever capture device the boot has
 * (QEMU: scripts/qemu-arm.sh --frames; host: --drive, both with
 * cma_map=virtio_mmio*=camera). Every case skips, saying what to add,
 * when there is none.
 *
 * Frames are checked two independent ways: byte for byte against the
 * kernel's own copy of the pattern (lib/tpg.c) and by CRC-32 against the
 * frames file's header, which the host tool wrote from its own copy of
 * the pattern. Both must agree for every frame, through both buffer kinds
 * (coherent, and cacheable with the streaming DMA API).
 */
#define pr_fmt(fmt) "capture_test: " fmt

#include <contig/blkdev.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/crc32.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/movable.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/tpg.h>
#include <contig/vcam.h>
#include <contig/virtio.h>
#include <contig/workload.h>

#define NO_CAMERA "no capture device: boot with qemu-arm.sh --frames F, or contig --drive F"

static struct vcam *get_cam(struct ktest *t)
{
	struct vcam *cam = IS_ENABLED(CONFIG_VIDEO_VCAM) ? vcam_find(NULL) : NULL;

	if (!cam)
		ktest_skip(t, NO_CAMERA);
	return cam;
}

static struct blk_device *cam_disk(struct vcam *cam)
{
	return blk_find(vcam_name(cam));
}

/* The camera's region: "camera" when cma_map= bound it there. */
static struct cma *cam_region(struct ktest *t, struct vcam *cam)
{
	struct cma *regs[CMA_DEV_MAX_REGIONS];

	if (!cma_dev_regions(vcam_dma_dev(cam), NULL, regs, CMA_DEV_MAX_REGIONS, NULL)) {
		ktest_skip(t, "%s is bound to no CMA region: boot with cma_map=virtio_mmio*=camera",
			   dev_name(vcam_dma_dev(cam)));
		return NULL;
	}
	return regs[0];
}

static bool in_region(struct cma *cma, phys_addr_t pa, size_t len)
{
	return pa >= cma_get_base(cma) && pa + len <= cma_get_base(cma) + cma_get_size(cma);
}

/* Check @b against the pattern and the file; report the first bad byte. */
static bool frame_ok(struct ktest *t, struct vcam *cam, const struct vcam_buffer *b)
{
	struct vcam_format fmt;
	void *line;
	long bad;
	u32 crc;
	bool ok;

	vcam_get_format(cam, &fmt);
	line = kmalloc(fmt.bytes_per_line, GFP_KERNEL);
	if (!KTEST_EXPECT_NOT_NULL(t, line))
		return false;
	bad = tpg_check_frame(b->vaddr, fmt.fourcc, fmt.width, fmt.height, fmt.bytes_per_line,
			      b->frame, line);
	kfree(line);
	crc = crc32_ieee(0, b->vaddr, fmt.frame_size);
	ok = KTEST_EXPECT_EQ(t, bad, -1) & KTEST_EXPECT_EQ(t, crc, vcam_frame_crc(cam, b->frame));
	if (!ok)
		ktest_info(t, "frame %u in buffer %u: first wrong byte at %ld, CRC %#x, file says %#x",
			   b->frame, b->index, bad, crc, vcam_frame_crc(cam, b->frame));
	return ok;
}

static void the_capture_device_is_a_modern_virtio_disk_with_a_frames_header(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct blk_device *bdev;
	struct virtio_device *vdev;
	struct vcam_format fmt;

	if (!cam)
		return;
	bdev = cam_disk(cam);
	KTEST_ASSERT_NOT_NULL(t, bdev);
	KTEST_ASSERT_NOT_NULL(t, bdev->dev.parent);
	KTEST_ASSERT_TRUE(t, bdev->dev.parent->bus == &virtio_bus_type);
	vdev = dev_to_virtio(bdev->dev.parent);
	KTEST_EXPECT_EQ(t, vdev->id, VIRTIO_ID_BLOCK);
	KTEST_EXPECT_TRUE(t, virtio_has_feature(vdev, VIRTIO_F_VERSION_1));
	KTEST_EXPECT_TRUE(t, vdev->config->get_status(vdev) & VIRTIO_CONFIG_S_DRIVER_OK);
	KTEST_EXPECT_TRUE(t, vdev->config->get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK);
	/* The DMA device is the transport, named as its DT node. */
	KTEST_EXPECT_TRUE(t, !strncmp(dev_name(vcam_dma_dev(cam)), "virtio_mmio@", 12));
	KTEST_EXPECT_TRUE(t, vcam_dma_dev(cam) == vdev->dev.parent);

	vcam_get_format(cam, &fmt);
	KTEST_EXPECT_NE(t, tpg_bytes_per_pixel(fmt.fourcc), 0);
	KTEST_EXPECT_EQ(t, fmt.frame_size, (size_t)fmt.bytes_per_line * fmt.height);
	KTEST_EXPECT_GE(t, fmt.nr_frames, 2);
	KTEST_EXPECT_GE(t, (u64)bdev->nr_sectors << SECTOR_SHIFT,
			(u64)fmt.frame_size * fmt.nr_frames);
}

/*
 * Stream @n frames through @bufs buffers of kind @mem: every frame in
 * order (sequence from 0, source frames consecutive modulo the file),
 * buffers in the camera's region, each frame bit-exact. Between captures
 * the CPU scribbles over the buffer (through the cache, for cached
 * buffers): the next capture must still be what the CPU reads.
 */
static void stream_and_check(struct ktest *t, unsigned int mem, unsigned int bufs,
			     unsigned int extra)
{
	struct vcam *cam = get_cam(t);
	struct blk_device *bdev;
	struct vcam_format fmt;
	struct vcam_stats st;
	struct cma *region;
	unsigned int i, n, first = 0;
	long reads;

	if (!cam || !(region = cam_region(t, cam)))
		return;
	bdev = cam_disk(cam);
	vcam_get_format(cam, &fmt);
	n = fmt.nr_frames + extra;
	reads = atomic_long_read(&bdev->reads);
	KTEST_ASSERT_EQ(t, vcam_streamon(cam, bufs, mem), 0);
	vcam_get_stats(cam, &st);
	KTEST_EXPECT_TRUE(t, st.streaming);
	KTEST_EXPECT_EQ(t, st.nr_buffers, bufs);
	KTEST_EXPECT_EQ(t, st.mem, mem);
	KTEST_EXPECT_STREQ(t, st.region, cma_get_name(region));
	for (i = 0; i < n; i++) {
		struct vcam_buffer *b;

		if (!KTEST_EXPECT_EQ(t, vcam_dqbuf(cam, &b), 0))
			break;
		if (!i)
			first = b->frame;
		KTEST_EXPECT_EQ(t, b->error, 0);
		KTEST_EXPECT_EQ(t, b->sequence, i);
		KTEST_EXPECT_EQ(t, b->frame, (first + i) % fmt.nr_frames);
		KTEST_EXPECT_EQ(t, b->index, i % bufs);
		KTEST_EXPECT_TRUE(t, in_region(region, __pa(b->vaddr), b->size));
		if (!frame_ok(t, cam, b))
			break;
		memset(b->vaddr, 0x5a, fmt.frame_size);
		KTEST_EXPECT_EQ(t, vcam_qbuf(cam, b), 0);
	}
	KTEST_EXPECT_GE(t, atomic_long_read(&bdev->reads) - reads, n);
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
}

/* Past the end of the file and around to frame 0 again. */
static void frames_captured_into_coherent_buffers_are_bit_exact(struct ktest *t)
{
	stream_and_check(t, VCAM_MEM_COHERENT, 3, 2);
}

/* Cacheable pages of the camera's region, mapped DMA_FROM_DEVICE each time. */
static void frames_captured_into_cached_buffers_are_bit_exact(struct ktest *t)
{
	stream_and_check(t, VCAM_MEM_CACHED, 2, 0);
}

static void a_read_into_a_kmalloc_buffer_equals_the_captured_frame(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct vcam_format fmt;
	struct blk_device *bdev;
	struct vcam_buffer *b;
	u8 *buf;
	size_t len;

	if (!cam)
		return;
	bdev = cam_disk(cam);
	vcam_get_format(cam, &fmt);
	KTEST_ASSERT_EQ(t, vcam_streamon(cam, 1, VCAM_MEM_COHERENT), 0);
	KTEST_ASSERT_EQ(t, vcam_dqbuf(cam, &b), 0);
	len = ALIGN(fmt.frame_size, (size_t)bdev->block_size);
	buf = kmalloc(len, GFP_KERNEL);
	if (KTEST_EXPECT_NOT_NULL(t, buf)) {
		/* Stale data in the buffer must not survive the read. */
		memset(buf, 0xa5, len);
		KTEST_EXPECT_EQ(t, blk_read(bdev, vcam_frame_sector(cam, b->frame), buf, len), 0);
		KTEST_EXPECT_EQ(t, memcmp(buf, b->vaddr, fmt.frame_size), 0);
		KTEST_EXPECT_EQ(t, crc32_ieee(0, buf, fmt.frame_size),
				vcam_frame_crc(cam, b->frame));
		kfree(buf);
	}
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
}

static void stopping_returns_the_whole_ring_to_the_region(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct cma_dev_info before, during, after;
	struct cma_stats s0, s1;
	struct cma *region;
	struct vcam_stats st;
	struct device *dev;

	if (!cam || !(region = cam_region(t, cam)))
		return;
	dev = vcam_dma_dev(cam);
	KTEST_ASSERT_EQ(t, cma_dev_info(dev, NULL, &before), 0);
	cma_get_stats(region, &s0);
	KTEST_ASSERT_EQ(t, vcam_streamon(cam, 4, VCAM_MEM_COHERENT), 0);
	vcam_get_stats(cam, &st);
	KTEST_EXPECT_EQ(t, cma_dev_info(dev, NULL, &during), 0);
	KTEST_EXPECT_EQ(t, (during.held_pages - before.held_pages) << PAGE_SHIFT, st.ring_bytes);
	KTEST_EXPECT_EQ(t, before.free_pages - during.free_pages, st.ring_bytes >> PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
	KTEST_EXPECT_EQ(t, cma_dev_info(dev, NULL, &after), 0);
	cma_get_stats(region, &s1);
	KTEST_EXPECT_EQ(t, after.held_pages, before.held_pages);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
	KTEST_EXPECT_EQ(t, s1.used, s0.used);
	KTEST_EXPECT_EQ(t, s1.released - s0.released, st.ring_bytes >> PAGE_SHIFT);
	/* A second stop is refused; a stopped camera holds nothing. */
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), -EINVAL);
	vcam_get_stats(cam, &st);
	KTEST_EXPECT_FALSE(t, st.streaming);
	KTEST_EXPECT_EQ(t, st.ring_bytes, 0);
}

static void capture_migrates_a_movable_workload_out_and_loses_none_of_it(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct workload *wl;
	struct cma *region;
	struct vcam_stats st;
	struct vcam_format fmt;
	unsigned int round, i;

	if (!cam || !(region = cam_region(t, cam)))
		return;
	vcam_get_format(cam, &fmt);
	wl = workload_create("capture_test", WORKLOAD_ANON, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	for (round = 0; round < 2; round++) {
		unsigned long pfn = PHYS_PFN(cma_get_base(region));
		unsigned long end = pfn + PHYS_PFN(cma_get_size(region));
		unsigned long movable, ring_pages;
		struct cma_stats cs;

		workload_fill_cma(wl, region, 90, 0);
		KTEST_EXPECT_GE(t, workload_cma_fill_pct(region, PGOWNER_ANON), 80);
		movable = movable_pages_in_range(pfn, end, PGOWNER_ANON);
		cma_get_stats(region, &cs);
		if (!KTEST_EXPECT_EQ(t, vcam_streamon(cam, 4, VCAM_MEM_COHERENT), 0))
			break;
		vcam_get_stats(cam, &st);
		ring_pages = st.ring_bytes >> PAGE_SHIFT;
		/* Fewer pages than the ring were neither movable nor carved: the
		 * ring must have displaced movable ones. */
		if (cs.total - cs.used - movable < ring_pages)
			KTEST_EXPECT_GE(t, st.alloc_migrated + st.alloc_discarded,
					ring_pages - (cs.total - cs.used - movable));
		ktest_info(t, "round %u: ring of %zu KiB in %llu us, %lu pages migrated", round,
			   st.ring_bytes >> 10, (unsigned long long)st.alloc_ns / 1000,
			   st.alloc_migrated);
		for (i = 0; i < 6; i++) {
			struct vcam_buffer *b;

			if (!KTEST_EXPECT_EQ(t, vcam_dqbuf(cam, &b), 0))
				break;
			KTEST_EXPECT_EQ(t, b->error, 0);
			if (!frame_ok(t, cam, b))
				break;
			workload_touch(wl); /* the workload keeps running */
			KTEST_EXPECT_EQ(t, vcam_qbuf(cam, b), 0);
		}
		KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
		KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	}
	workload_destroy(wl);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

/*
 * Carve all of the (idle) camera region but a tail with room for exactly
 * one frame buffer: buffers are aligned to their size rounded up to a
 * power of two, at most a pageblock (contig/dma-mapping.h), so the tail is
 * the buffer rounded up to that alignment and a second one cannot fit.
 */
static void an_exhausted_region_fails_the_start_cleanly_with_a_message(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct cma_dev_info before, after;
	struct vcam_format fmt;
	struct cma_stats s0, s1;
	struct cma *region;
	struct page *hold;
	unsigned long buf_pages, align, tail, count;
	char out[1024];
	int err;

	if (!cam || !(region = cam_region(t, cam)))
		return;
	KTEST_ASSERT_EQ(t, cma_dev_info(vcam_dma_dev(cam), NULL, &before), 0);
	cma_get_stats(region, &s0);
	if (s0.used) {
		ktest_skip(t, "region %s is in use", cma_get_name(region));
		return;
	}
	vcam_get_format(cam, &fmt);
	buf_pages = ALIGN(fmt.frame_size, (size_t)PAGE_SIZE) >> PAGE_SHIFT;
	align = min(1UL << (ilog2_u64(buf_pages - 1) + 1), pageblock_nr_pages);
	tail = ALIGN(buf_pages, align);
	count = s0.total - tail;
	KTEST_ASSERT_TRUE(t, tail < s0.total && IS_ALIGNED(count, align));
	hold = cma_alloc(region, count, ilog2_u64(align), CMA_ALLOC_NOWARN);
	if (!KTEST_EXPECT_TRUE(t, hold == pfn_to_page(PHYS_PFN(cma_get_base(region)))))
		goto release;

	cma_get_stats(region, &s0);
	printk_capture_begin(out, sizeof(out));
	err = vcam_streamon(cam, 4, VCAM_MEM_COHERENT);
	printk_capture_end();
	KTEST_EXPECT_EQ(t, err, -ENOMEM);
	KTEST_EXPECT_TRUE(t, strstr(out, "no memory for frame buffer 2 of 4") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(out, cma_get_name(region)) && strstr(out, "KiB free"));
	KTEST_EXPECT_TRUE(t, strstr(out, "fewer buffers") != NULL);
	if (t->failed)
		ktest_info(t, "message: %s", out);
	/* Nothing leaked: the first buffer went back. */
	cma_get_stats(region, &s1);
	KTEST_EXPECT_EQ(t, s1.used, s0.used);
	KTEST_EXPECT_EQ(t, cma_dev_info(vcam_dma_dev(cam), NULL, &after), 0);
	KTEST_EXPECT_EQ(t, after.held_pages, before.held_pages);
	/* One buffer fits, and capture works in it. */
	if (KTEST_EXPECT_EQ(t, vcam_streamon(cam, 1, VCAM_MEM_COHERENT), 0)) {
		struct vcam_buffer *b;

		if (KTEST_EXPECT_EQ(t, vcam_dqbuf(cam, &b), 0))
			frame_ok(t, cam, b);
		vcam_streamoff(cam);
	}
release:
	if (hold)
		KTEST_EXPECT_TRUE(t, cma_release(region, hold, count));
}

static void requests_that_do_not_fit_the_disk_are_refused(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct blk_device *bdev;
	char out[512];
	u8 *buf;

	if (!cam)
		return;
	bdev = cam_disk(cam);
	buf = kmalloc(2 * SECTOR_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, buf);
	printk_capture_begin(out, sizeof(out));
	KTEST_EXPECT_EQ(t, blk_read(bdev, bdev->nr_sectors - 1, buf, 2 * SECTOR_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, blk_read(bdev, 0, buf, 100), -EINVAL);
	printk_capture_end();
	KTEST_EXPECT_TRUE(t, strstr(out, "beyond the end of the disk") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(out, "multiples of the 512-byte block") != NULL);
	/* The last sector itself is fine. */
	KTEST_EXPECT_EQ(t, blk_read(bdev, bdev->nr_sectors - 1, buf, SECTOR_SIZE), 0);
	kfree(buf);
}

static void bad_streaming_calls_are_refused(struct ktest *t)
{
	struct vcam *cam = get_cam(t);
	struct vcam_buffer *b;
	char out[512];

	if (!cam)
		return;
	printk_capture_begin(out, sizeof(out));
	KTEST_EXPECT_EQ(t, vcam_streamon(cam, 0, VCAM_MEM_COHERENT), -EINVAL);
	KTEST_EXPECT_EQ(t, vcam_streamon(cam, VCAM_MAX_BUFFERS + 1, VCAM_MEM_COHERENT), -EINVAL);
	KTEST_EXPECT_EQ(t, vcam_streamon(cam, 1, 7), -EINVAL);
	printk_capture_end();
	KTEST_EXPECT_EQ(t, vcam_dqbuf(cam, &b), -EINVAL);
	KTEST_ASSERT_EQ(t, vcam_streamon(cam, 2, VCAM_MEM_COHERENT), 0);
	KTEST_EXPECT_EQ(t, vcam_streamon(cam, 2, VCAM_MEM_COHERENT), -EBUSY);
	KTEST_ASSERT_EQ(t, vcam_dqbuf(cam, &b), 0);
	KTEST_EXPECT_EQ(t, vcam_qbuf(cam, b), 0);
	/* Queued twice: refused. */
	KTEST_EXPECT_EQ(t, vcam_qbuf(cam, b), -EINVAL);
	KTEST_EXPECT_EQ(t, vcam_streamoff(cam), 0);
}

static struct ktest_case capture_cases[] = {
	KTEST_CASE(the_capture_device_is_a_modern_virtio_disk_with_a_frames_header),
	KTEST_CASE(frames_captured_into_coherent_buffers_are_bit_exact),
	KTEST_CASE(frames_captured_into_cached_buffers_are_bit_exact),
	KTEST_CASE(a_read_into_a_kmalloc_buffer_equals_the_captured_frame),
	KTEST_CASE(stopping_returns_the_whole_ring_to_the_region),
	KTEST_CASE(capture_migrates_a_movable_workload_out_and_loses_none_of_it),
	KTEST_CASE(an_exhausted_region_fails_the_start_cleanly_with_a_message),
	KTEST_CASE(requests_that_do_not_fit_the_disk_are_refused),
	KTEST_CASE(bad_streaming_calls_are_refused),
	{}
};

static struct ktest_suite capture_suite = {
	.name = "capture",
	.cases = capture_cases,
};
ktest_register(capture_suite);
