// SPDX-License-Identifier: GPL-2.0-only
/*
 * The camera-to-display pipeline (contig/pipeline.h), an application of
 * the capture and display drivers: vcam captures frames into a ring of CMA
 * buffers, each frame is checked against the CRC the frames file's header
 * gives for it and shown with display_show_frame() (vcam_check_frame());
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
 * then the frames file is played back through the block read cache
 * (app/playback.c, PIPELINE_PLAYBACK_CYCLES passes of
 * PIPELINE_PLAYBACK_FRAMES frames: the first reads the disk into clean
 * cache pages, which borrow the board's borrow=clean region first; the
 * second hits the cache), and every workload page is verified and the mm
 * checked for consistency.
 *
 * The boot action "pipeline[=CYCLES]" and the shell's "pipeline" command
 * are registered here (the shell's "capture", the device by hand, is the
 * driver's: drivers/media/capture_shell.c). Without the capture driver
 * (CONFIG_VIDEO_VCAM=n) both say so and fail. Everything runs on the
 * calling CPU; the camera has one user at a time (vcam refuses a second
 * streamon).
 */
#define pr_fmt(fmt) "pipeline: " fmt

#include <contig/arch.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/init.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/pipeline.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/vcam.h>
#include <contig/workload.h>

static void print_source(struct vcam *cam, struct display *d)
{
	struct vcam_format fmt;
	struct cma *region = vcam_region(cam);
	char f[5];

	vcam_get_format(cam, &fmt);
	printk("pipeline: %s (%ux%u %s, %u frames, DMA by %s, region %s) -> %s\n",
	       vcam_name(cam), fmt.width, fmt.height, fourcc_str(fmt.fourcc, f), fmt.nr_frames,
	       dev_name(vcam_dma_dev(cam)), region ? cma_get_name(region) : "none",
	       d ? dev_name(d->dev) : "no display");
}

/*
 * pipeline_run - capture and display in cycles, the workload filling the
 * camera's region whenever capture is stopped
 * @cycles: rounds of start, capture, stop
 * @frames: frames captured a round
 *
 * Return: 0, -ENODEV (no camera), -EIO (a frame was lost or corrupted, or
 * the workload was), or the streaming error.
 */
static int pipeline_run(unsigned int cycles, unsigned int frames)
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
	region = vcam_region(cam);
	wl = workload_create("pipeline", WORKLOAD_ANON, 0, 0);
	if (!wl)
		return -ENOMEM;
	for (c = 1; c <= cycles && !err; c++) {
		struct vcam_frame_check r = { 0 };
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
			err = vcam_check_frame(cam, d, &r, false);
		vcam_streamoff(cam);
		printk("pipeline: cycle %u: %u frames from frame %u on: %u captured, %u shown, %u failed, %u not matching the file; stop: ring released\n",
		       c, r.captured + r.failed, r.first, r.captured, r.shown, r.failed,
		       r.mismatched);
		bad += r.failed + r.mismatched;
	}
	if (!err) {
		int ret = playback_run(PIPELINE_PLAYBACK_CYCLES, PIPELINE_PLAYBACK_FRAMES);

		if (ret == -EIO)
			bad++;
		else
			err = ret;
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

/*
 * The shell's "pipeline [cycles] [frames]".
 * Return: what pipeline_run() returns, or -EINVAL for bad arguments.
 */
static int cmd_pipeline(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long cycles = PIPELINE_DEFAULT_CYCLES, frames = PIPELINE_DEFAULT_FRAMES;
	int err;

	if (!IS_ENABLED(CONFIG_VIDEO_VCAM))
		return shell_error("this kernel has no capture driver (CONFIG_VIDEO_VCAM=n)");
	if (argc > 3)
		return shell_usage(cmd);
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
shell_command("pipeline [cycles] [frames]", "capture and display with the workload", cmd_pipeline);

/* The boot action "pipeline[=CYCLES]" (make run gives it). */
static int pipeline_action(const char *arg, int status)
{
	unsigned long cycles = arg[0] ? strtoul(arg, NULL, 10) : PIPELINE_DEFAULT_CYCLES;

	if (!IS_ENABLED(CONFIG_VIDEO_VCAM)) {
		pr_err("this kernel has no capture driver (CONFIG_VIDEO_VCAM=n)\n");
		return EXIT_TESTS_FAILED;
	}
	return pipeline_run(cycles ? cycles : 1, PIPELINE_DEFAULT_FRAMES) ? EXIT_TESTS_FAILED :
									   status;
}
init_action("pipeline", INIT_ORDER_PIPELINE, 0, pipeline_action);
