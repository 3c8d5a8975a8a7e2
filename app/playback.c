// SPDX-License-Identifier: GPL-2.0-only
/*
 * Playback: the frames file as a file, read through the block read cache
 * (drivers/block/blk_cache.c) and shown, as a video player would - the
 * pipeline's (app/pipeline.c) second frame source, beside vcam's capture.
 *
 * Why not vcam: vcam plays a camera. A camera's frames are new each time
 * and arrive by DMA straight into the ring; putting a page cache in that
 * path would copy every frame once more and cache data nobody reads again.
 * A player reads the same file again and again: that is what a read cache
 * is for. So playback reads each frame with blk_cache_read() (a miss reads
 * the disk into a clean __GFP_CLEAN page, which borrows a "borrow=clean"
 * region first; a hit is a copy) into a ring of coherent buffers carved
 * from the camera's regions, checks it against the CRC the file's header
 * gives and shows it. The ring is carved at the start of every cycle and
 * released at its end, so a carve meets the cached pages that borrowed the
 * camera's regions and discards them; the next cycle reads those again
 * from the disk.
 *
 * Shell: "play [cycles] [frames]". Everything runs on the calling CPU.
 */
#define pr_fmt(fmt) "playback: " fmt

#include <contig/arch.h>
#include <contig/blk_cache.h>
#include <contig/blkdev.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/crc32.h>
#include <contig/display.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/parse.h>
#include <contig/pipeline.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/vcam.h>

#define PLAY_BUFFERS 2
#define PLAY_MAX_CYCLES 100
#define PLAY_MAX_FRAMES 100000

struct play_cycle {
	unsigned int shown, bad;
	u64 read_ns;     /* reading the frames through the cache */
	u64 carve_ns;    /* carving the ring */
	unsigned long misses, discarded; /* the cache's, during the cycle */
};

/* Read frame @frame through @bc into @buf, check it; show it on @d. */
static int play_frame(struct vcam *cam, struct blk_cache *bc, struct display *d,
		      const struct vcam_format *fmt, unsigned int frame, void *buf,
		      struct play_cycle *pc)
{
	u64 off = (u64)vcam_frame_sector(cam, frame) << SECTOR_SHIFT;
	u64 t0 = arch_clock_ns();
	int err = blk_cache_read(bc, off, buf, fmt->frame_size);

	pc->read_ns += arch_clock_ns() - t0;
	if (err)
		return err;
	if (crc32_ieee(0, buf, fmt->frame_size) != vcam_frame_crc(cam, frame)) {
		pr_err("frame %u: CRC %#x, the file says %#x: not shown\n", frame,
		       crc32_ieee(0, buf, fmt->frame_size), vcam_frame_crc(cam, frame));
		pc->bad++;
		return 0;
	}
	if (d && display_show_frame(d, buf, fmt->width, fmt->height, fmt->bytes_per_line,
				    fmt->fourcc))
		pc->bad++;
	else
		pc->shown++;
	return 0;
}

/* One cycle: carve the ring, play @frames frames from the first, release. */
static int play_cycle(struct vcam *cam, struct blk_cache *bc, struct display *d,
		      unsigned int frames, struct play_cycle *pc)
{
	struct device *dev = vcam_dma_dev(cam);
	struct pcache_stats s0, s1;
	void *buf[PLAY_BUFFERS] = { NULL };
	dma_addr_t dma[PLAY_BUFFERS];
	struct vcam_format fmt;
	unsigned int i;
	int err = 0;
	u64 t0;

	vcam_get_format(cam, &fmt);
	blk_cache_stats(bc, &s0);
	t0 = arch_clock_ns();
	for (i = 0; i < PLAY_BUFFERS && !err; i++) {
		buf[i] = dma_alloc_coherent(dev, fmt.frame_size, &dma[i], GFP_KERNEL);
		if (!buf[i])
			err = -ENOMEM;
	}
	pc->carve_ns = arch_clock_ns() - t0;
	for (i = 0; i < frames && !err; i++)
		err = play_frame(cam, bc, d, &fmt, i % fmt.nr_frames, buf[i % PLAY_BUFFERS], pc);
	for (i = 0; i < PLAY_BUFFERS; i++)
		if (buf[i])
			dma_free_coherent(dev, fmt.frame_size, buf[i], dma[i]);
	blk_cache_stats(bc, &s1);
	pc->misses = s1.misses - s0.misses;
	pc->discarded = s1.discarded - s0.discarded;
	return err;
}

/**
 * playback_run - play the frames file through the block read cache
 * @cycles: rounds of carve, play, release
 * @frames: frames played a round (from the first, wrapping)
 *
 * Return: 0; -ENODEV without a capture device (the frames disk) or a read
 * cache; -EIO when a frame did not match the file; -ENOMEM when the ring
 * could not be carved; the disk's error.
 */
int playback_run(unsigned int cycles, unsigned int frames)
{
	struct vcam *cam = vcam_find(NULL);
	struct blk_device *bdev = cam ? blk_find(vcam_name(cam)) : NULL;
	struct blk_cache *bc = bdev ? blk_cache_get(bdev) : NULL;
	struct display *d = display_find(NULL);
	unsigned int c, bad = 0;
	int err = 0;

	if (!bc) {
		if (!cam)
			vcam_missing_hint();
		pr_err("no frames disk with a read cache: nothing to play\n");
		return -ENODEV;
	}
	printk("playback: %s through its read cache -> %s, ring of %u coherent buffers for %s\n",
	       vcam_name(cam), d ? dev_name(d->dev) : "no display", PLAY_BUFFERS,
	       dev_name(vcam_dma_dev(cam)));
	for (c = 1; c <= cycles && !err; c++) {
		struct play_cycle pc = { 0 };
		char rd[24], cv[24];
		unsigned int n;

		err = play_cycle(cam, bc, d, frames, &pc);
		n = pc.shown + pc.bad;
		printk("playback: cycle %u: ring carved in %s ms; %u frames read in %s ms (%llu us a frame), %lu pages missed, %lu discarded; %u shown, %u not matching\n",
		       c, fmt_ms(cv, sizeof(cv), pc.carve_ns), n, fmt_ms(rd, sizeof(rd), pc.read_ns),
		       (unsigned long long)(n ? pc.read_ns / n / 1000 : 0), pc.misses, pc.discarded,
		       pc.shown, pc.bad);
		bad += pc.bad;
	}
	if (err)
		pr_err("stopped: %s\n", errname(err));
	printk("playback: %s\n", err || bad ? "FAILED" : "done");
	return err ? err : bad ? -EIO : 0;
}

/*
 * "play [cycles] [frames]": @cycles rounds of reading @frames frames
 * through the read cache, checking and showing them.
 * Return: 0 or a negative errno (after an "error:" line).
 */
static int cmd_play(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long cycles = 2, frames = 8;

	if (!IS_ENABLED(CONFIG_VIDEO_VCAM))
		return shell_error("this kernel has no capture driver (CONFIG_VIDEO_VCAM=n)");
	if (argc > 3)
		return shell_usage(cmd);
	if (argc > 1 && parse_uint(argv[1], "cycle count", 1, PLAY_MAX_CYCLES, &cycles))
		return -EINVAL;
	if (argc > 2 && parse_uint(argv[2], "frame count", 1, PLAY_MAX_FRAMES, &frames))
		return -EINVAL;
	return playback_run((unsigned int)cycles, (unsigned int)frames) ? -EIO : 0;
}
shell_command("play [cycles] [frames]", "play the frames file through the read cache", cmd_play);
