// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: frame capture from a virtio block device (contig/vcam.h has the
 * API and the streaming model; Documentation/driver-api/camera.rst the
 * whole story).
 *
 * Binding: vcam is a consumer on the block bus. Its probe reads the disk's
 * first block (blk_read(): a kmalloc buffer through the streaming DMA API).
 * A disk without the frames header stays bound to vcam but unused (one
 * line says so; there is no other consumer of disks); a disk that has one
 * but is inconsistent (bad CRC, unknown pixel format, frames beyond the
 * end of the disk...) fails the probe with a message naming the field.
 * Then the whole header is read for the per-frame CRCs.
 *
 * Capture: a queued buffer is one block request for the frame's sectors,
 * DMA'd by the device into the buffer (bus address: coherent, or mapped
 * DMA_FROM_DEVICE for cacheable buffers). Completions mark the buffer done
 * in interrupt context; vcam_dqbuf() waits for the oldest queued buffer,
 * so frames come out in order even when the device completes out of order.
 * A capture that does not complete within BLK_TIMEOUT_MS is aborted
 * through the block layer (device reset, disk offline).
 *
 * The ring lives only between streamon and streamoff: streamon allocates
 * every buffer (measuring how long the carve took and how many movable
 * pages the regions had to migrate), streamoff waits for the device and
 * frees them, so the region is idle again for movable memory.
 *
 * Locking: cam->lock (interrupts masked) guards the buffer states and the
 * queue against the completion handler. vcam_list_lock guards the list of
 * cameras. The streaming calls are the one user's (not reentrant).
 */
#define pr_fmt(fmt) "vcam: " fmt

#include <contig/arch.h>
#include <contig/blkdev.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/crc32.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/tpg.h>
#include <contig/vcam.h>

enum vcam_buf_state {
	VCAM_BUF_FREE,      /* not allocated */
	VCAM_BUF_DEQUEUED,  /* the user's */
	VCAM_BUF_QUEUED,    /* the device's: a read is in flight */
	VCAM_BUF_DONE,      /* filled (or failed), waiting for vcam_dqbuf() */
};

#define VCAM_HEADER_FIXED 64 /* bytes before frame_crc[] */
#define VCAM_MAX_FRAMES 100000
#define VCAM_MAX_DIM 4096

struct vcam {
	struct blk_device *bdev;
	struct vcam_format fmt;
	sector_t first_sector;     /* frame 0 */
	sector_t stride_sectors;   /* frame to frame */
	size_t read_len;           /* bytes read a frame: frame_size to a block */
	size_t buf_size;           /* bytes allocated a buffer: read_len to a page */
	u32 *crcs;                 /* per source frame */

	spinlock_t lock;
	bool streaming;
	unsigned int mem;
	unsigned int nr_buffers;
	struct vcam_buffer bufs[VCAM_MAX_BUFFERS];
	struct list_head queued;   /* oldest first */
	u32 next_frame;
	u32 sequence;
	struct vcam_stats stats;
	struct list_head node;     /* on vcam_list */
};

static LIST_HEAD(vcam_list);
static DEFINE_SPINLOCK(vcam_list_lock);

static int buf_state(const struct vcam_buffer *b)
{
	return __atomic_load_n(&b->state, __ATOMIC_ACQUIRE);
}

static void set_buf_state(struct vcam_buffer *b, int state)
{
	__atomic_store_n(&b->state, state, __ATOMIC_RELEASE);
}

/* ---- the frames file header ------------------------------------------------ */

static u32 get_le32(const void *p)
{
	const u8 *b = p;

	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

/*
 * Check the fixed part of a frames header (@hdr, at least
 * VCAM_HEADER_FIXED bytes) against a disk of @disk_bytes with @block_size
 * blocks. Return: 0 and *@fmt, -ENODEV (not a frames file) or -EINVAL
 * with the reason in @why.
 */
static int vcam_parse_header(const void *hdr, u64 disk_bytes, unsigned int block_size,
			     struct vcam_format *fmt, u32 *header_size, u32 *stride,
			     char *why, size_t why_len)
{
	const u8 *h = hdr;
	u32 version = get_le32(h + 8), hsize = get_le32(h + 12), w = get_le32(h + 16),
	    ht = get_le32(h + 20), fourcc = get_le32(h + 24), bpl = get_le32(h + 28),
	    fsize = get_le32(h + 32), fstride = get_le32(h + 36), n = get_le32(h + 40),
	    crc = get_le32(h + 48);
	unsigned int bpp = tpg_bytes_per_pixel(fourcc);

	if (memcmp(h, VCAM_FILE_MAGIC, 8))
		return -ENODEV;
#define BAD(...) (snprintf(why, why_len, __VA_ARGS__), -EINVAL)
	if (version != VCAM_FILE_VERSION)
		return BAD("version %u, this kernel reads version %u", version,
			   VCAM_FILE_VERSION);
	if (crc != crc32_ieee(0, h, 48))
		return BAD("header CRC %#x, computed %#x: the file is damaged", crc,
			   crc32_ieee(0, h, 48));
	if (!bpp)
		return BAD("pixel format %#x is not RG16 or XR24", fourcc);
	if (!w || !ht || w > VCAM_MAX_DIM || ht > VCAM_MAX_DIM)
		return BAD("%ux%u frames: each side must be 1..%u", w, ht, VCAM_MAX_DIM);
	if (bpl < w * bpp || fsize != (u64)bpl * ht)
		return BAD("%u bytes a line and %u a frame do not fit %ux%u pixels of %u bytes",
			   bpl, fsize, w, ht, bpp);
	if (!n || n > VCAM_MAX_FRAMES)
		return BAD("%u frames: must be 1..%u", n, VCAM_MAX_FRAMES);
	if (fstride < fsize || fstride % block_size || hsize % block_size ||
	    hsize < VCAM_HEADER_FIXED + 4 * n)
		return BAD("header of %u bytes, frame stride %u: must hold the CRCs and be multiples of the %u-byte block",
			   hsize, fstride, block_size);
	if (hsize + (u64)fstride * n > disk_bytes)
		return BAD("%u frames need %llu bytes, the disk has %llu: truncated file?", n,
			   (unsigned long long)(hsize + (u64)fstride * n),
			   (unsigned long long)disk_bytes);
#undef BAD
	fmt->width = w;
	fmt->height = ht;
	fmt->bytes_per_line = bpl;
	fmt->fourcc = fourcc;
	fmt->frame_size = fsize;
	fmt->nr_frames = n;
	*header_size = hsize;
	*stride = fstride;
	return 0;
}

static int vcam_read_header(struct vcam *cam)
{
	struct blk_device *bdev = cam->bdev;
	u64 disk_bytes = bdev->nr_sectors << SECTOR_SHIFT;
	u32 hsize, stride, i;
	char why[160];
	u8 *buf;
	int err;

	if (disk_bytes < bdev->block_size)
		return -ENODEV;
	buf = kmalloc(bdev->block_size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = blk_read(bdev, 0, buf, bdev->block_size);
	if (err) {
		dev_err(&bdev->dev, "cannot read the first block: %s\n", errname(err));
		goto out;
	}
	err = vcam_parse_header(buf, disk_bytes, bdev->block_size, &cam->fmt, &hsize, &stride,
				why, sizeof(why));
	if (err == -EINVAL)
		dev_err(&bdev->dev, "frames file not used: %s; regenerate it with scripts/mkframes.py\n",
			why);
	if (err)
		goto out;
	kfree(buf);
	buf = kmalloc(hsize, GFP_KERNEL);
	cam->crcs = kcalloc(cam->fmt.nr_frames, sizeof(u32), GFP_KERNEL);
	err = -ENOMEM;
	if (!buf || !cam->crcs)
		goto out;
	err = blk_read(bdev, 0, buf, hsize);
	if (err) {
		dev_err(&bdev->dev, "cannot read the %u-byte header: %s\n", hsize, errname(err));
		goto out;
	}
	for (i = 0; i < cam->fmt.nr_frames; i++)
		cam->crcs[i] = get_le32(buf + VCAM_HEADER_FIXED + 4 * i);
	cam->first_sector = hsize >> SECTOR_SHIFT;
	cam->stride_sectors = stride >> SECTOR_SHIFT;
	cam->read_len = ALIGN(cam->fmt.frame_size, (size_t)bdev->block_size);
	cam->buf_size = ALIGN(cam->read_len, (size_t)PAGE_SIZE);
	if (cam->read_len > bdev->max_request) {
		dev_err(&bdev->dev, "a frame is %zu bytes, the disk reads at most %u a request\n",
			cam->read_len, bdev->max_request);
		err = -EINVAL;
		goto out;
	}
	err = 0;
out:
	kfree(buf);
	if (err) {
		kfree(cam->crcs);
		cam->crcs = NULL;
	}
	return err;
}

/* ---- the ring ------------------------------------------------------------------ */

static const char *region_of(struct device *dev, phys_addr_t pa)
{
	struct cma *regs[CMA_DEV_MAX_REGIONS];
	unsigned int i, n = cma_dev_regions(dev, NULL, regs, CMA_DEV_MAX_REGIONS, NULL);

	for (i = 0; i < n; i++)
		if (pa >= cma_get_base(regs[i]) &&
		    pa < cma_get_base(regs[i]) + cma_get_size(regs[i]))
			return cma_get_name(regs[i]);
	return "the page allocator";
}

static void vcam_no_memory(struct vcam *cam, unsigned int i, unsigned int n)
{
	struct device *dev = blk_dma_dev(cam->bdev);
	struct cma *regs[CMA_DEV_MAX_REGIONS];
	struct cma_dev_info info;
	unsigned int nr = cma_dev_regions(dev, NULL, regs, CMA_DEV_MAX_REGIONS, NULL);

	if (!nr || cma_dev_info(dev, NULL, &info)) {
		dev_err(&cam->bdev->dev, "no memory for frame buffer %u of %u (%zu KiB): %s is bound to no CMA region; add cma_map=%s=camera (or a memory-region) and boot again\n",
			i + 1, n, cam->buf_size >> 10, dev_name(dev), dev_name(dev));
		return;
	}
	dev_err(&cam->bdev->dev, "no memory for frame buffer %u of %u (%zu KiB) of %s: region %s%s has %lu KiB free, the largest free run is %lu KiB; capture with fewer buffers or release what holds the region (cma list)\n",
		i + 1, n, cam->buf_size >> 10, dev_name(dev), cma_get_name(regs[0]),
		nr > 1 ? " and the others bound" : "", info.free_pages * (PAGE_SIZE >> 10),
		info.largest_free * (PAGE_SIZE >> 10));
}

static int vcam_alloc_buffer(struct vcam *cam, struct vcam_buffer *b)
{
	struct device *dev = blk_dma_dev(cam->bdev);

	if (cam->mem == VCAM_MEM_COHERENT) {
		b->vaddr = dma_alloc_coherent(dev, cam->buf_size, &b->dma,
					      GFP_KERNEL | __GFP_NOWARN);
		return b->vaddr ? 0 : -ENOMEM;
	}
	b->cookie = cma_dev_alloc(dev, NULL, cam->buf_size >> PAGE_SHIFT, 0,
				  CMA_ALLOC_NOWARN, NULL);
	if (!b->cookie)
		return -ENOMEM;
	b->vaddr = page_address(b->cookie);
	b->dma = DMA_MAPPING_ERROR; /* mapped at each vcam_qbuf() */
	return 0;
}

static void vcam_free_buffer(struct vcam *cam, struct vcam_buffer *b)
{
	struct device *dev = blk_dma_dev(cam->bdev);

	if (cam->mem == VCAM_MEM_COHERENT)
		dma_free_coherent(dev, cam->buf_size, b->vaddr, b->dma);
	else if (!cma_dev_release(dev, b->cookie, cam->buf_size >> PAGE_SHIFT))
		dev_err(&cam->bdev->dev, "frame buffer %u was not released\n", b->index);
	b->vaddr = NULL;
	b->cookie = NULL;
	b->dma = 0;
	set_buf_state(b, VCAM_BUF_FREE);
}

static void vcam_end_io(struct blk_request *rq)
{
	struct vcam_buffer *b = container_of(rq, struct vcam_buffer, rq);
	struct vcam *cam = b->cam;
	unsigned long flags;

	spin_lock_irqsave(&cam->lock, flags);
	b->error = rq->error;
	b->timestamp_ns = arch_clock_ns();
	set_buf_state(b, VCAM_BUF_DONE);
	spin_unlock_irqrestore(&cam->lock, flags);
}

/* Wait until the device is done with @b (aborting a stuck device). */
static void vcam_wait_done(struct vcam *cam, struct vcam_buffer *b)
{
	blk_wait(cam->bdev, &b->state, VCAM_BUF_DONE);
}

/**
 * vcam_qbuf - capture the next source frame into @b
 * @cam: a streaming camera
 * @b: a buffer vcam_dqbuf() returned
 *
 * Return: 0, -EINVAL, -ENOMEM (cannot map it) or the block layer's error.
 */
int vcam_qbuf(struct vcam *cam, struct vcam_buffer *b)
{
	struct device *dev = blk_dma_dev(cam->bdev);
	unsigned long flags;
	int err;

	if (!cam->streaming || b->cam != cam || buf_state(b) != VCAM_BUF_DEQUEUED)
		return -EINVAL;
	if (cam->mem == VCAM_MEM_CACHED) {
		b->dma = dma_map_single(dev, b->vaddr, cam->read_len, DMA_FROM_DEVICE);
		if (dma_mapping_error(dev, b->dma)) {
			dev_err(&cam->bdev->dev, "cannot map frame buffer %u for DMA\n", b->index);
			return -ENOMEM;
		}
	}
	spin_lock_irqsave(&cam->lock, flags);
	b->frame = cam->next_frame;
	cam->next_frame = (cam->next_frame + 1) % cam->fmt.nr_frames;
	b->error = 0;
	set_buf_state(b, VCAM_BUF_QUEUED);
	list_add_tail(&b->node, &cam->queued);
	spin_unlock_irqrestore(&cam->lock, flags);

	memset(&b->rq, 0, sizeof(b->rq));
	b->rq.sector = vcam_frame_sector(cam, b->frame);
	b->rq.len = (u32)cam->read_len;
	b->rq.dma = b->dma;
	b->rq.end_io = vcam_end_io;
	b->rq.private = cam;
	err = blk_submit(cam->bdev, &b->rq);
	if (err) {
		spin_lock_irqsave(&cam->lock, flags);
		list_del(&b->node);
		set_buf_state(b, VCAM_BUF_DEQUEUED);
		spin_unlock_irqrestore(&cam->lock, flags);
		if (cam->mem == VCAM_MEM_CACHED)
			dma_unmap_single(dev, b->dma, cam->read_len, DMA_FROM_DEVICE);
		dev_err(&cam->bdev->dev, "cannot capture frame %u: %s\n", b->frame, errname(err));
	}
	return err;
}

/**
 * vcam_dqbuf - the oldest queued buffer, once the device is done with it
 * @cam: a streaming camera
 * @out: set to the buffer
 *
 * Return: 0, or -EINVAL when nothing is queued.
 */
int vcam_dqbuf(struct vcam *cam, struct vcam_buffer **out)
{
	struct vcam_buffer *b;
	unsigned long flags;

	if (!cam->streaming || list_empty(&cam->queued))
		return -EINVAL;
	b = container_of(cam->queued.next, struct vcam_buffer, node);
	vcam_wait_done(cam, b);
	if (cam->mem == VCAM_MEM_CACHED)
		dma_unmap_single(blk_dma_dev(cam->bdev), b->dma, cam->read_len,
				 DMA_FROM_DEVICE);
	spin_lock_irqsave(&cam->lock, flags);
	list_del(&b->node);
	set_buf_state(b, VCAM_BUF_DEQUEUED);
	spin_unlock_irqrestore(&cam->lock, flags);
	b->sequence = cam->sequence++;
	if (b->error) {
		cam->stats.errors++;
		dev_err(&cam->bdev->dev, "frame %u (buffer %u) not captured: %s; not shown\n",
			b->frame, b->index, errname(b->error));
	} else {
		cam->stats.frames++;
	}
	*out = b;
	return 0;
}

/**
 * vcam_streamon - allocate the ring and start capturing into every buffer
 * @cam: the camera
 * @nr_buffers: 1..VCAM_MAX_BUFFERS
 * @flags: VCAM_MEM_COHERENT or VCAM_MEM_CACHED
 *
 * Return: 0 or a negative errno (see contig/vcam.h); on failure nothing
 * stays allocated.
 */
int vcam_streamon(struct vcam *cam, unsigned int nr_buffers, unsigned int flags)
{
	struct device *dev = blk_dma_dev(cam->bdev);
	unsigned long mig0, dis0, mig1, dis1;
	unsigned int i;
	u64 t0, t1;
	int err;

	if (cam->streaming)
		return -EBUSY;
	if (!nr_buffers || nr_buffers > VCAM_MAX_BUFFERS ||
	    nr_buffers > cam->bdev->max_inflight || flags > VCAM_MEM_CACHED) {
		dev_err(&cam->bdev->dev, "cannot stream with %u buffers (1..%u)%s\n", nr_buffers,
			min(VCAM_MAX_BUFFERS, cam->bdev->max_inflight),
			flags > VCAM_MEM_CACHED ? " and flags 0 or 1" : "");
		return -EINVAL;
	}
	cam->mem = flags;
	cma_dev_moved_pages(dev, NULL, &mig0, &dis0);
	t0 = arch_clock_ns();
	for (i = 0; i < nr_buffers; i++) {
		struct vcam_buffer *b = &cam->bufs[i];

		b->index = i;
		b->cam = cam;
		b->size = cam->buf_size;
		if (vcam_alloc_buffer(cam, b))
			break;
		set_buf_state(b, VCAM_BUF_DEQUEUED);
	}
	t1 = arch_clock_ns();
	if (i < nr_buffers) {
		vcam_no_memory(cam, i, nr_buffers);
		while (i--)
			vcam_free_buffer(cam, &cam->bufs[i]);
		return -ENOMEM;
	}
	cma_dev_moved_pages(dev, NULL, &mig1, &dis1);

	INIT_LIST_HEAD(&cam->queued);
	cam->nr_buffers = nr_buffers;
	cam->sequence = 0; /* the source goes on where the last stream left it */
	cam->streaming = true;
	cam->stats.alloc_ns = t1 - t0;
	cam->stats.alloc_migrated = mig1 - mig0;
	cam->stats.alloc_discarded = dis1 - dis0;
	cam->stats.region = region_of(dev, cam->mem == VCAM_MEM_COHERENT ?
					   cam->bufs[0].dma :
					   page_to_phys(cam->bufs[0].cookie));
	for (i = 0; i < nr_buffers; i++) {
		err = vcam_qbuf(cam, &cam->bufs[i]);
		if (err) {
			vcam_streamoff(cam);
			return err;
		}
	}
	cam->stats.streams++;
	return 0;
}

/**
 * vcam_streamoff - wait for the captures in flight and free the ring
 * @cam: a streaming camera
 *
 * Return: 0, or -EINVAL when it is not streaming.
 */
int vcam_streamoff(struct vcam *cam)
{
	unsigned int i;

	if (!cam->streaming)
		return -EINVAL;
	for (i = 0; i < cam->nr_buffers; i++) {
		struct vcam_buffer *b = &cam->bufs[i];

		if (buf_state(b) == VCAM_BUF_QUEUED || buf_state(b) == VCAM_BUF_DONE) {
			vcam_wait_done(cam, b);
			if (cam->mem == VCAM_MEM_CACHED)
				dma_unmap_single(blk_dma_dev(cam->bdev), b->dma, cam->read_len,
						 DMA_FROM_DEVICE);
		}
		vcam_free_buffer(cam, b);
	}
	INIT_LIST_HEAD(&cam->queued);
	cam->streaming = false;
	cam->nr_buffers = 0;
	return 0;
}

/* ---- lookup and information ---------------------------------------------------- */

/**
 * vcam_find - a capture device
 * @name: its disk's name ("vda"), or NULL for the first one
 *
 * Return: the camera, or NULL.
 */
struct vcam *vcam_find(const char *name)
{
	struct vcam *cam, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&vcam_list_lock, flags);
	list_for_each_entry(cam, &vcam_list, node) {
		if (!name || !strcmp(dev_name(&cam->bdev->dev), name)) {
			found = cam;
			break;
		}
	}
	spin_unlock_irqrestore(&vcam_list_lock, flags);
	return found;
}

/** vcam_name - the camera's name (its disk's) */
const char *vcam_name(const struct vcam *cam)
{
	return dev_name(&cam->bdev->dev);
}

/** vcam_dma_dev - the device that DMAs the frames (its CMA binding applies) */
struct device *vcam_dma_dev(const struct vcam *cam)
{
	return blk_dma_dev(cam->bdev);
}

/** vcam_get_format - geometry and format of the source's frames */
void vcam_get_format(const struct vcam *cam, struct vcam_format *fmt)
{
	*fmt = cam->fmt;
}

/** vcam_get_stats - the camera's counters and the last stream's carve */
void vcam_get_stats(const struct vcam *cam, struct vcam_stats *st)
{
	*st = cam->stats;
	st->streaming = cam->streaming;
	st->nr_buffers = cam->nr_buffers;
	st->mem = cam->mem;
	st->ring_bytes = cam->streaming ? cam->nr_buffers * cam->buf_size : 0;
}

/** vcam_frame_crc - the CRC-32 the file's header gives for source frame @frame */
u32 vcam_frame_crc(const struct vcam *cam, unsigned int frame)
{
	return frame < cam->fmt.nr_frames ? cam->crcs[frame] : 0;
}

/** vcam_frame_sector - the first sector of source frame @frame */
sector_t vcam_frame_sector(const struct vcam *cam, unsigned int frame)
{
	return cam->first_sector + (sector_t)frame * cam->stride_sectors;
}

/**
 * vcam_missing_hint - say what gives the kernel a capture device
 */
void vcam_missing_hint(void)
{
	pr_err("no capture device: start QEMU with -drive if=none,file=build/frames/frames.raw,format=raw,id=cam -device virtio-blk-device,drive=cam -global virtio-mmio.force-legacy=false (scripts/qemu-arm.sh --frames FILE does; the hosted kernel takes --drive FILE)\n");
}

/* ---- the block-bus driver ------------------------------------------------------ */

static int vcam_probe(struct blk_device *bdev)
{
	char fourcc[5];
	struct vcam *cam;
	unsigned long flags;
	int err;

	cam = kzalloc(sizeof(*cam), GFP_KERNEL);
	if (!cam)
		return -ENOMEM;
	cam->bdev = bdev;
	spin_lock_init(&cam->lock, "vcam");
	INIT_LIST_HEAD(&cam->queued);
	err = vcam_read_header(cam);
	if (err == -ENODEV) {
		/* Not a frames file: the disk stays vcam's, unused. */
		dev_info(&bdev->dev, "no frames header: not a capture source\n");
		kfree(cam);
		return 0;
	}
	if (err) {
		kfree(cam);
		return err;
	}
	dev_set_drvdata(&bdev->dev, cam);
	spin_lock_irqsave(&vcam_list_lock, flags);
	list_add_tail(&cam->node, &vcam_list);
	spin_unlock_irqrestore(&vcam_list_lock, flags);
	dev_info(&bdev->dev, "capture source: %u frames of %ux%u %s, %zu KiB each, DMA by %s\n",
		 cam->fmt.nr_frames, cam->fmt.width, cam->fmt.height,
		 fourcc_str(cam->fmt.fourcc, fourcc), cam->fmt.frame_size >> 10,
		 dev_name(blk_dma_dev(bdev)));
	return 0;
}

static void vcam_remove(struct blk_device *bdev)
{
	struct vcam *cam = dev_get_drvdata(&bdev->dev);
	unsigned long flags;

	if (!cam)
		return; /* not a capture source */
	if (cam->streaming)
		vcam_streamoff(cam);
	spin_lock_irqsave(&vcam_list_lock, flags);
	list_del(&cam->node);
	spin_unlock_irqrestore(&vcam_list_lock, flags);
	dev_set_drvdata(&bdev->dev, NULL);
	kfree(cam->crcs);
	kfree(cam);
}

static struct blk_driver vcam_driver = {
	.driver = { .name = "vcam" },
	.probe = vcam_probe,
	.remove = vcam_remove,
};
module_blk_driver(vcam_driver);
