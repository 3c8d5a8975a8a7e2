/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The camera-to-display pipeline (app/pipeline.c): frames
 * captured by vcam into CMA buffers, checked against the frames file's CRCs
 * and shown on the display, while a movable workload takes the camera's
 * region back whenever capture stops. The boot parameter
 * "pipeline[=CYCLES]" runs it (make run does), the shell's "pipeline"
 * command too, and "capture" drives the capture device by hand.
 */
#ifndef _CONTIG_PIPELINE_H
#define _CONTIG_PIPELINE_H

#define PIPELINE_DEFAULT_CYCLES 3
#define PIPELINE_DEFAULT_FRAMES 32
#define PIPELINE_DEFAULT_BUFFERS 4
#define PIPELINE_FILL_PCT 90
/* After the capture cycles: the frames file played through the read cache. */
#define PIPELINE_PLAYBACK_CYCLES 2
#define PIPELINE_PLAYBACK_FRAMES 8

/* Playback of the frames file through the block read cache (app/playback.c). */
int playback_run(unsigned int cycles, unsigned int frames);

#endif /* _CONTIG_PIPELINE_H */
