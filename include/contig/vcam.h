/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam, the capture driver (drivers/media/vcam.c). vexpress-a9 has no
 * camera: the "sensor" is a virtio block device whose backing file holds
 * frames (scripts/mkframes.py writes it; the layout is struct
 * vcam_file_header and Documentation/driver-api/camera.rst). vcam binds
 * to a disk that starts with that header; each frame is captured by
 * having the device DMA it from the file straight into a frame buffer.
 *
 * Streaming follows V4L2's model, minus the ioctls:
 *
 *   struct vcam *cam = vcam_find(NULL);
 *   vcam_streamon(cam, 4, 0);              // ring of 4 buffers, all queued
 *   for (;;) {
 *           struct vcam_buffer *b;
 *           vcam_dqbuf(cam, &b);           // the oldest, once filled
 *           if (!b->error)
 *                   show(b->vaddr);        // frame b->frame of the file
 *           vcam_qbuf(cam, b);             // capture into it again
 *   }
 *   vcam_streamoff(cam);                   // ring freed
 *
 * The ring is allocated at streamon and freed at streamoff, so while the
 * camera is idle its CMA region holds movable pages of other users; the
 * next streamon migrates them out (the per-stream statistics say how long
 * that took and how many pages moved). Buffers come from the capture
 * device's DMA device (the virtio-mmio transport, bound to the "camera"
 * region by cma_map=): VCAM_MEM_COHERENT (default) with
 * dma_alloc_coherent(); VCAM_MEM_CACHED carves cacheable pages from the
 * same regions (cma_dev_alloc()) and maps each capture with
 * dma_map_single(DMA_FROM_DEVICE), unmapped at dqbuf, so the CPU reads the
 * frame through the cache after the invalidation.
 *
 * Frames are captured in order: the file's frames 0, 1, ... N-1, 0, ...,
 * like a scene that goes on while nobody watches: a new stream starts at
 * the frame after the last one captured; its sequence numbers start at 0.
 * vcam_dqbuf() returns buffers in the order they were queued. A buffer
 * the device failed to fill comes back with ->error set (and a message
 * naming the frame): do not show it; queue it again.
 *
 * Serialisation: one user streams a camera at a time (streamon refuses a
 * second with -EBUSY); that user's calls are not concurrent. Completions
 * arrive in interrupt context, under cam->lock.
 */
#ifndef _CONTIG_VCAM_H
#define _CONTIG_VCAM_H

#include <contig/blkdev.h>
#include <contig/dma-mapping.h>
#include <contig/list.h>
#include <contig/types.h>

/* ---- The frames file (scripts/mkframes.py), little-endian ------------- */

#define VCAM_FILE_MAGIC "CFRAMES" /* 8 bytes with the NUL */
#define VCAM_FILE_VERSION 1

struct vcam_file_header {
	char magic[8];
	u32 version;
	u32 header_size;    /* frame 0 starts here; a multiple of 512 */
	u32 width, height;
	u32 fourcc;         /* DRM_FORMAT_RGB565 or DRM_FORMAT_XRGB8888 */
	u32 bytes_per_line;
	u32 frame_size;     /* bytes_per_line * height */
	u32 frame_stride;   /* from one frame to the next; a multiple of 512 */
	u32 nr_frames;
	u32 pattern;        /* TPG_PATTERN_BARS (contig/tpg.h) */
	u32 header_crc;     /* CRC-32 of the 48 bytes above */
	u32 reserved[3];
	u32 frame_crc[];    /* nr_frames CRC-32s of the frames */
};

/* ---- The driver ------------------------------------------------------- */

#define VCAM_MAX_BUFFERS 8

/* vcam_streamon() flags */
#define VCAM_MEM_COHERENT 0
#define VCAM_MEM_CACHED 1

struct vcam_format {
	unsigned int width, height;
	unsigned int bytes_per_line;
	u32 fourcc;
	size_t frame_size;      /* bytes of one frame */
	unsigned int nr_frames; /* frames in the source, captured in a loop */
};

struct vcam_buffer {
	unsigned int index;
	void *vaddr;          /* the frame, for the CPU */
	dma_addr_t dma;       /* bus address (while mapped, for CACHED) */
	size_t size;          /* bytes allocated */
	/* Valid after vcam_dqbuf(): */
	u32 sequence;         /* buffers dequeued since streamon, from 0 */
	u32 frame;            /* the source frame it holds */
	int error;            /* 0, or why it holds no frame (do not show) */
	u64 timestamp_ns;     /* when the device finished */

	/* The driver's. */
	int state;
	struct list_head node;
	void *cookie;         /* CACHED: the pages */
	struct vcam *cam;
	struct blk_request rq;
};

struct vcam_stats {
	bool streaming;
	unsigned int nr_buffers;
	unsigned int mem;              /* VCAM_MEM_* of the stream */
	size_t ring_bytes;
	unsigned long streams;         /* streamons that succeeded */
	unsigned long frames;          /* buffers filled, all streams */
	unsigned long errors;          /* buffers the device failed to fill */
	/* The last streamon's allocation of the ring: */
	u64 alloc_ns;
	unsigned long alloc_migrated;  /* pages migrated out of the regions */
	unsigned long alloc_discarded; /* clean pages dropped instead */
	const char *region;            /* where the first buffer came from */
};

struct vcam;

/* The capture device on disk @name ("vda"), or the first one for NULL. */
struct vcam *vcam_find(const char *name);
/* Its name (the disk's) and the device that does its DMA. */
const char *vcam_name(const struct vcam *cam);
struct device *vcam_dma_dev(const struct vcam *cam);
void vcam_get_format(const struct vcam *cam, struct vcam_format *fmt);
void vcam_get_stats(const struct vcam *cam, struct vcam_stats *st);
/* The CRC-32 the file's header gives for source frame @frame. */
u32 vcam_frame_crc(const struct vcam *cam, unsigned int frame);
/* The first sector of source frame @frame on the disk. */
sector_t vcam_frame_sector(const struct vcam *cam, unsigned int frame);

/**
 * vcam_streamon - allocate a ring of @nr_buffers frame buffers, queue them
 * @flags: VCAM_MEM_COHERENT or VCAM_MEM_CACHED
 *
 * Return: 0; -EBUSY when the camera is streaming; -EINVAL for 0 or more
 * than VCAM_MAX_BUFFERS buffers (or more than the disk takes at once);
 * -ENOMEM when the regions cannot hold the ring (a message says how much
 * is free and what to change; nothing stays allocated); -ENODEV when the
 * disk went offline.
 */
int vcam_streamon(struct vcam *cam, unsigned int nr_buffers, unsigned int flags);

/**
 * vcam_dqbuf - take the oldest queued buffer once the device filled it
 * Waits (process context). Return: 0 and *@buf; -EINVAL when not
 * streaming or no buffer is queued.
 */
int vcam_dqbuf(struct vcam *cam, struct vcam_buffer **buf);

/**
 * vcam_qbuf - give a dequeued buffer back: the device captures the next
 * source frame into it. Return: 0; -EINVAL when it is not dequeued;
 * -ENODEV when the disk went offline (the buffer stays dequeued).
 */
int vcam_qbuf(struct vcam *cam, struct vcam_buffer *buf);

/**
 * vcam_streamoff - stop: wait for the captures in flight, free the ring
 * Buffers the caller still holds are freed too. Return: 0, or -EINVAL
 * when not streaming.
 */
int vcam_streamoff(struct vcam *cam);

/*
 * vcam_missing_hint - print what to add to QEMU's command line for a
 * capture device (used when there is none).
 */
void vcam_missing_hint(void);

/* The ring the shell's "capture start" carves when no count is given. */
#define VCAM_DEFAULT_BUFFERS 4

struct cma;
struct display;

/* What vcam_check_frame() counted (drivers/media/vcam_frame.c). */
struct vcam_frame_check {
	unsigned int captured, shown, failed, mismatched;
	u32 first; /* the source frame of the first one taken */
};

int vcam_check_frame(struct vcam *cam, struct display *d, struct vcam_frame_check *r,
		     bool verbose);
struct cma *vcam_region(struct vcam *cam);

#endif /* _CONTIG_VCAM_H */
