/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The camera-to-display pipeline (drivers/media/pipeline.c): frames
 * captured by vcam into CMA buffers, checked against the frames file's CRCs
 * and shown on the display, while a movable workload takes the camera's
 * region back whenever capture stops. The boot parameter
 * "pipeline[=CYCLES]" runs it (make run does), the shell's "pipeline" and
 * "capture" commands drive it by hand.
 */
#ifndef _CONTIG_PIPELINE_H
#define _CONTIG_PIPELINE_H

#define PIPELINE_DEFAULT_CYCLES 3
#define PIPELINE_DEFAULT_FRAMES 32
#define PIPELINE_DEFAULT_BUFFERS 4
#define PIPELINE_FILL_PCT 90

/**
 * pipeline_run - @cycles rounds of: workload fills the camera's regions to
 * PIPELINE_FILL_PCT%, capture starts (the ring is carved, migrating the
 * workload out), @frames frames are captured, CRC-checked and shown,
 * capture stops (the ring goes back); then every workload page is verified
 * and the mm checked. One report line per cycle.
 * Return: 0 when every frame arrived intact and nothing was corrupted;
 * -ENODEV without a camera (a message says what to add to QEMU's command
 * line) ; -EIO when a frame failed or did not match.
 */
int pipeline_run(unsigned int cycles, unsigned int frames);

/* The shell's "capture" and "pipeline" commands. Return: 0 or -errno. */
int capture_shell(int argc, char **argv);
int pipeline_shell(int argc, char **argv);
/* Playback of the frames file through the block read cache (drivers/media/playback.c). */
int playback_run(unsigned int cycles, unsigned int frames);
int playback_shell(int argc, char **argv);

#endif /* _CONTIG_PIPELINE_H */
