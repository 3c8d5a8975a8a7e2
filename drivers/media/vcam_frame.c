// SPDX-License-Identifier: GPL-2.0-only
/*
 * Taking frames out of the capture ring and checking them: each frame is
 * checked against the CRC the frames file's header gives for it and shown
 * with display_show_frame(); a frame the device failed to fill, or that
 * does not match, is counted and not shown. The shell's "capture grab"
 * and the capture-to-display pipeline (app/pipeline.c) use it.
 */
/* The messages keep the prefix they had when this was the pipeline's. */
#define pr_fmt(fmt) "pipeline: " fmt

#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/crc32.h>
#include <contig/display.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/vcam.h>

/**
 * vcam_check_frame - dequeue one frame, check it, show it, queue it again
 * @cam: the streaming capture device
 * @d: the display to show a good frame on, or NULL
 * @r: the counts, updated
 * @verbose: print a line for the frame
 *
 * A frame is good when the device filled it and its CRC is the one the
 * frames file's header gives for it; a bad one is counted and not shown.
 * Return: 0, or the error of vcam_dqbuf()/vcam_qbuf().
 */
int vcam_check_frame(struct vcam *cam, struct display *d, struct vcam_frame_check *r,
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

/**
 * vcam_region - the first CMA region of the capture device's DMA device
 * @cam: the capture device
 * Return: the region, or NULL when it has none.
 */
struct cma *vcam_region(struct vcam *cam)
{
	struct cma *regs[CMA_DEV_MAX_REGIONS];

	return cma_dev_regions(vcam_dma_dev(cam), NULL, regs, CMA_DEV_MAX_REGIONS, NULL) ?
		       regs[0] :
		       NULL;
}

