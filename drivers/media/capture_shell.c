// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's "capture" command: the capture device (drivers/media/vcam.c)
 * by hand - its ring and counters, start, grab frames (checked and shown
 * like the pipeline's), stop.
 */
#define pr_fmt(fmt) fmt

#include <contig/cma.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/string.h>
#include <contig/vcam.h>

static void capture_status(struct vcam *cam)
{
	struct vcam_format fmt;
	struct vcam_stats st;
	struct cma *region = vcam_region(cam);
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

/*
 * "capture" [status | start [buffers] [cached] | grab [n] | stop].
 * Return: 0 or a negative errno (after an "error:" line).
 */
static int cmd_capture(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct vcam *cam = vcam_find(NULL);
	const char *sub = argc > 1 ? argv[1] : "status";
	unsigned long n = VCAM_DEFAULT_BUFFERS;
	int err;

	if (!cam) {
		vcam_missing_hint();
		printk("error: no capture device\n");
		return -ENODEV;
	}
	if (!strcmp(sub, "status") && argc <= 2) {
		capture_status(cam);
		return 0;
	}
	if (!strcmp(sub, "start") && argc <= 4) {
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
	if (!strcmp(sub, "grab") && argc <= 3) {
		struct vcam_frame_check r = { 0 };
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
			err = vcam_check_frame(cam, display_find(NULL), &r, true);
			if (err) {
				printk("error: capture: %s\n", errname(err));
				return err;
			}
		}
		return r.failed || r.mismatched ? -EIO : 0;
	}
	if (!strcmp(sub, "stop") && argc == 2) {
		struct vcam_stats st;

		vcam_get_stats(cam, &st);
		if (vcam_streamoff(cam)) {
			printk("error: not streaming\n");
			return -EINVAL;
		}
		printk("capture: stopped, %zu KiB back to %s\n", st.ring_bytes >> 10, st.region);
		return 0;
	}
	return shell_usage(cmd);
}
shell_command("capture [status]", "the capture device, its ring and counters", cmd_capture);
shell_command("capture start [buffers] [cached]", "allocate the ring, start capturing", cmd_capture);
shell_command("capture grab [n]", "take n frames, check them, show them", cmd_capture);
shell_command("capture stop", "stop capturing, release the ring", cmd_capture);
