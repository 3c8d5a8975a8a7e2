// SPDX-License-Identifier: GPL-2.0-only
/*
 * The camera-to-display pipeline (contig/pipeline.h): vcam captures frames
 * into a ring of CMA buffers, each frame is checked against the CRC the
 * frames file's header gives for it and shown with display_show_frame();
 * a frame the device failed to fill, or that does not match, is counted
 * and not shown.
 *
 * The CMA story, one cycle:
 *   1. the movable workload tops the camera's regions up to
 *      PIPELINE_FILL_PCT% (the region is idle, so movable pages may use it)
 *   2. capture starts: vcam_streamon() carves the ring, migrating the
 *      workload's pages out of the way (latency and pages migrated come
 *      from vcam's statistics)
 *   3. frames are captured, checked and displayed
 *   4. capture stops: the ring goes back to the region
 * and after the last cycle every workload page is verified and the mm
 * checked for consistency.
 *
 * Also the shell's "capture" (start/grab/stop/status by hand) and
 * "pipeline" commands. Everything runs on the calling CPU; the camera has
 * one user at a time (vcam refuses a second streamon).
 */
#define pr_fmt(fmt) "pipeline: " fmt

#include <contig/arch.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/crc32.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/pipeline.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/vcam.h>
#include <contig/workload.h>

struct frame_result {
	unsigned int captured, shown, failed, mismatched;
	u32 first;
};

/* Dequeue one frame, check it, show it when it is good, queue it again. */
static int pipeline_frame(struct vcam *cam, struct display *d, struct frame_result *r,
			  bool verbose)
{
	const char *why = NULL;
	struct vcam_format fmt;
	struct vcam_buffer *b;
	int err;

	err = vcam_dqbuf(cam, &b);
	if (err)
		return err;
	vcam_get_format(cam, &fmt);
	if (!r->captured && !r->failed)
		r->first = b->frame;
	if (b->error) {
		r->failed++;
		why = "not captured";
	} else {
		u32 crc = crc32_ieee(0, b->vaddr, fmt.frame_size);

		r->captured++;
		if (crc != vcam_frame_crc(cam, b->frame)) {
			r->mismatched++;
			why = "does not match the file";
			pr_err("frame %u (buffer %u): CRC %#x, the file says %#x: not shown\n",
			       b->frame, b->index, crc, vcam_frame_crc(cam, b->frame));
		} else if (d) {
			err = display_show_frame(d, b->vaddr, fmt.width, fmt.height,
						 fmt.bytes_per_line, fmt.fourcc);
			if (!err)
				r->shown++;
			else
				why = "display failed";
		}
	}
	if (verbose)
		printk("capture: frame %u (buffer %u, sequence %u): %s\n", b->frame, b->index,
		       b->sequence, why ? why : d ? "CRC ok, shown" : "CRC ok");
	return vcam_qbuf(cam, b);
}

static struct cma *camera_region(struct vcam *cam)
{
	struct cma *regs[CMA_DEV_MAX_REGIONS];

	return cma_dev_regions(vcam_dma_dev(cam), NULL, regs, CMA_DEV_MAX_REGIONS, NULL) ?
		       regs[0] :
		       NULL;
}

static void print_source(struct vcam *cam, struct display *d)
{
	struct vcam_format fmt;
	struct cma *region = camera_region(cam);
	char f[5];

	vcam_get_format(cam, &fmt);
	printk("pipeline: %s (%ux%u %s, %u frames, DMA by %s, region %s) -> %s\n",
	       vcam_name(cam), fmt.width, fmt.height, fourcc_str(fmt.fourcc, f), fmt.nr_frames,
	       dev_name(vcam_dma_dev(cam)), region ? cma_get_name(region) : "none",
	       d ? dev_name(d->dev) : "no display");
}

/**
 * pipeline_run - capture and display in cycles, the workload filling the
 * camera's region whenever capture is stopped
 * @cycles: rounds of start, capture, stop
 * @frames: frames captured a round
 *
 * Return: 0, -ENODEV (no camera), -EIO (a frame was lost or corrupted, or
 * the workload was), or the streaming error.
 */
int pipeline_run(unsigned int cycles, unsigned int frames)
{
	struct vcam *cam = vcam_find(NULL);
	struct display *d = display_find(NULL);
	struct workload *wl;
	struct cma *region;
	unsigned long corrupt;
	unsigned int c, i, bad = 0;
	int err = 0;

	if (!cam) {
		vcam_missing_hint();
		return -ENODEV;
	}
	print_source(cam, d);
	region = camera_region(cam);
	wl = workload_create("pipeline", WORKLOAD_ANON, 0, 0);
	if (!wl)
		return -ENOMEM;
	for (c = 1; c <= cycles && !err; c++) {
		struct frame_result r = { 0 };
		struct vcam_stats st;
		unsigned int pct = 0;
		char ms[24];

		if (region) {
			workload_fill_cma(wl, region, PIPELINE_FILL_PCT, 0);
			pct = workload_cma_fill_pct(region, PGOWNER_ANON);
		}
		err = vcam_streamon(cam, PIPELINE_DEFAULT_BUFFERS, VCAM_MEM_COHERENT);
		if (err)
			break;
		vcam_get_stats(cam, &st);
		printk("pipeline: cycle %u: %s %u%% movable; start: ring of %u x %zu KiB carved from %s in %s ms, %lu pages migrated, %lu discarded\n",
		       c, region ? cma_get_name(region) : "-", pct,
		       st.nr_buffers, st.ring_bytes / st.nr_buffers >> 10, st.region,
		       fmt_ms(ms, sizeof(ms), st.alloc_ns), st.alloc_migrated, st.alloc_discarded);
		for (i = 0; i < frames && !err; i++)
			err = pipeline_frame(cam, d, &r, false);
		vcam_streamoff(cam);
		printk("pipeline: cycle %u: %u frames from frame %u on: %u captured, %u shown, %u failed, %u not matching the file; stop: ring released\n",
		       c, r.captured + r.failed, r.first, r.captured, r.shown, r.failed,
		       r.mismatched);
		bad += r.failed + r.mismatched;
	}
	corrupt = workload_verify(wl);
	printk("pipeline: workload of %lu MiB verified: %lu corrupt pages\n",
	       workload_nr_pages(wl) >> (20 - PAGE_SHIFT), corrupt);
	workload_destroy(wl);
	if (mm_check_consistency(true))
		bad++;
	if (err)
		pr_err("stopped: %s\n", errname(err));
	printk("pipeline: %s\n", err || bad || corrupt ? "FAILED" : "done");
	return err ? err : bad || corrupt ? -EIO : 0;
}

/* ---- the shell ------------------------------------------------------------------ */

static void capture_status(struct vcam *cam)
{
	struct vcam_format fmt;
	struct vcam_stats st;
	struct cma *region = camera_region(cam);
	char fc[5], ms[24];

	vcam_get_format(cam, &fmt);
	vcam_get_stats(cam, &st);
	printk("%s: %ux%u %s, %zu KiB a frame, %u frames in the file; DMA by %s, region %s\n",
	       vcam_name(cam), fmt.width, fmt.height, fourcc_str(fmt.fourcc, fc),
	       fmt.frame_size >> 10, fmt.nr_frames,
	       dev_name(vcam_dma_dev(cam)), region ? cma_get_name(region) : "none");
	if (st.streaming)
		printk("  streaming: %u %s buffers, %zu KiB of %s\n", st.nr_buffers,
		       st.mem == VCAM_MEM_CACHED ? "cached" : "coherent", st.ring_bytes >> 10,
		       st.region);
	else
		printk("  stopped: no buffers held\n");
	printk("  %lu streams, %lu frames, %lu errors", st.streams, st.frames, st.errors);
	if (st.streams)
		printk("; last start: %s ms, %lu pages migrated, %lu discarded",
		       fmt_ms(ms, sizeof(ms), st.alloc_ns), st.alloc_migrated, st.alloc_discarded);
	printk("\n");
}

/**
 * capture_shell - the shell's "capture" command
 * @argc: words
 * @argv: "capture" [status | start [buffers] [cached] | grab [n] | stop]
 *
 * Return: 0 or a negative errno (after an "error:" line).
 */
int capture_shell(int argc, char **argv)
{
	struct vcam *cam = vcam_find(NULL);
	const char *cmd = argc > 1 ? argv[1] : "status";
	unsigned long n = PIPELINE_DEFAULT_BUFFERS;
	int err;

	if (!cam) {
		vcam_missing_hint();
		printk("error: no capture device\n");
		return -ENODEV;
	}
	if (!strcmp(cmd, "status") && argc <= 2) {
		capture_status(cam);
		return 0;
	}
	if (!strcmp(cmd, "start") && argc <= 4) {
		unsigned int mem = VCAM_MEM_COHERENT;
		struct vcam_stats st;
		char ms[24];
		int i;

		for (i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "cached"))
				mem = VCAM_MEM_CACHED;
			else if (parse_uint(argv[i], "buffer count", 1, VCAM_MAX_BUFFERS, &n))
				return -EINVAL;
		}
		err = vcam_streamon(cam, (unsigned int)n, mem);
		if (err) {
			printk("error: capture start: %s%s\n", errname(err),
			       err == -EBUSY ? " (already streaming: capture stop first)" : "");
			return err;
		}
		vcam_get_stats(cam, &st);
		printk("capture: started, %u %s buffers (%zu KiB) from %s in %s ms, %lu pages migrated, %lu discarded\n",
		       st.nr_buffers, mem == VCAM_MEM_CACHED ? "cached" : "coherent",
		       st.ring_bytes >> 10, st.region, fmt_ms(ms, sizeof(ms), st.alloc_ns),
		       st.alloc_migrated, st.alloc_discarded);
		return 0;
	}
	if (!strcmp(cmd, "grab") && argc <= 3) {
		struct frame_result r = { 0 };
		unsigned long i;

		n = 1;
		if (argc == 3 && parse_uint(argv[2], "frame count", 1, 100000, &n))
			return -EINVAL;
		struct vcam_stats st;

		vcam_get_stats(cam, &st);
		if (!st.streaming) {
			printk("error: not streaming: capture start first\n");
			return -EINVAL;
		}
		for (i = 0; i < n; i++) {
			err = pipeline_frame(cam, display_find(NULL), &r, true);
			if (err) {
				printk("error: capture: %s\n", errname(err));
				return err;
			}
		}
		return r.failed || r.mismatched ? -EIO : 0;
	}
	if (!strcmp(cmd, "stop") && argc == 2) {
		struct vcam_stats st;

		vcam_get_stats(cam, &st);
		if (vcam_streamoff(cam)) {
			printk("error: not streaming\n");
			return -EINVAL;
		}
		printk("capture: stopped, %zu KiB back to %s\n", st.ring_bytes >> 10, st.region);
		return 0;
	}
	printk("error: usage: capture [status] | capture start [buffers] [cached] | capture grab [n] | capture stop\n");
	return -EINVAL;
}

/**
 * pipeline_shell - the shell's "pipeline [cycles] [frames]" command
 * @argc: words
 * @argv: the command and its arguments
 *
 * Return: what pipeline_run() returns, or -EINVAL for bad arguments.
 */
int pipeline_shell(int argc, char **argv)
{
	unsigned long cycles = PIPELINE_DEFAULT_CYCLES, frames = PIPELINE_DEFAULT_FRAMES;
	int err;

	if (argc > 3) {
		printk("error: usage: pipeline [cycles] [frames]\n");
		return -EINVAL;
	}
	if (argc >= 2 && parse_uint(argv[1], "cycle count", 1, 1000, &cycles))
		return -EINVAL;
	if (argc == 3 && parse_uint(argv[2], "frame count", 1, 100000, &frames))
		return -EINVAL;
	err = pipeline_run((unsigned int)cycles, (unsigned int)frames);
	if (err)
		printk("error: pipeline: %s\n", err == -EIO ? "frames lost or corrupted (see above)" :
							   errname(err));
	return err;
}
