/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Split virtqueues (virtio 1.x, section 2.7; drivers/virtio/virtio_ring.c).
 *
 * A virtqueue is three areas of DMA memory the driver and the device share:
 *
 *   descriptor table  num x { addr, len, flags, next }: the buffers; a
 *                     request is a chain linked by NEXT, device-readable
 *                     descriptors first, then device-writable (WRITE) ones
 *   available ring    { flags, idx, ring[num] }: heads of chains the driver
 *                     offers; the driver writes it, the device reads it
 *   used ring         { flags, idx, ring[num] of { id, len } }: chains the
 *                     device is done with and how many bytes it wrote
 *
 * Both indexes run freely modulo 2^16; ring slot = idx % num, so num is a
 * power of two. Everything is little-endian (both ports are).
 *
 * The driver side here allocates the three areas in one coherent buffer of
 * its transport's DMA device (vring_create_virtqueue()), keeps a free list
 * of descriptors, and checks what the device writes into the used ring: an
 * id that is not the head of a chain in flight, or an index that runs more
 * than num entries ahead, marks the queue broken (reported once, every
 * later call fails) instead of corrupting the driver's state.
 *
 * Locking: a virtqueue does no locking of its own. The driver serialises
 * every call on one queue (virtqueue_add(), virtqueue_kick(),
 * virtqueue_get_buf(), ...) with its own lock; since completions are taken
 * in the interrupt handler, that lock is taken with interrupts masked.
 * vring_interrupt() itself only reads the used index and calls the
 * driver's callback, which takes the driver's lock.
 */
#ifndef _CONTIG_VIRTIO_RING_H
#define _CONTIG_VIRTIO_RING_H

#include <contig/dma-mapping.h>
#include <contig/list.h>
#include <contig/types.h>

/* ---- The layout the device sees (virtio 1.x, 2.7) -------------------- */

#define VRING_DESC_F_NEXT 1     /* the chain continues at .next */
#define VRING_DESC_F_WRITE 2    /* device-writable (else device-readable) */
#define VRING_DESC_F_INDIRECT 4 /* not used by this driver */

#define VRING_AVAIL_F_NO_INTERRUPT 1 /* driver: no used-buffer interrupt wanted */
#define VRING_USED_F_NO_NOTIFY 1     /* device: no kick needed */

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[]; /* num entries, then u16 used_event (EVENT_IDX, unused) */
};

struct vring_used_elem {
	u32 id;  /* head of the chain */
	u32 len; /* bytes the device wrote into the chain's writable part */
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[]; /* num entries, then u16 avail_event */
};

/* Alignment the spec requires of each area (2.7, "Virtqueue Alignment"). */
#define VRING_DESC_ALIGN 16
#define VRING_AVAIL_ALIGN 2
#define VRING_USED_ALIGN 4

/* Largest queue this driver sets up (a split queue may have 32768). */
#define VRING_MAX_NUM 32768

/* ---- The driver's view --------------------------------------------------- */

struct virtio_device;
struct virtqueue;

typedef void (*vq_callback_t)(struct virtqueue *vq);
/* Tell the device about new buffers (the transport's notify register).
 * Return: false when the device cannot be reached (the queue is then broken). */
typedef bool (*vq_notify_t)(struct virtqueue *vq);

struct virtqueue {
	struct list_head list;      /* on the virtio device's queue list */
	struct virtio_device *vdev; /* NULL for a queue without a device (tests) */
	unsigned int index;         /* queue number at the transport */
	const char *name;
	vq_callback_t callback;     /* used buffers arrived (interrupt context) */
	void *priv;                 /* the driver's, e.g. its device */
};

/* One buffer of a request: bus address, length, who writes it. */
struct vq_buf {
	dma_addr_t addr;
	u32 len;
	bool device_writes;
};

/**
 * vring_create_virtqueue - allocate and lay out a split virtqueue
 * @index: queue number at the transport
 * @num: queue size, a power of two (at most VRING_MAX_NUM)
 * @dma_dev: the device whose coherent memory holds the rings (the
 *           transport's device: its DMA mask and CMA binding apply)
 * @vdev: the virtio device (may be NULL in tests)
 * @notify: kicks the device
 * @callback: runs from vring_interrupt() when used buffers arrived
 * @name: for messages
 *
 * Return: the queue, or NULL with a message (bad @num, no memory).
 */
struct virtqueue *vring_create_virtqueue(unsigned int index, unsigned int num,
					 struct device *dma_dev,
					 struct virtio_device *vdev, vq_notify_t notify,
					 vq_callback_t callback, const char *name);

/* Free a queue's rings. The device must no longer use it (reset first). */
void vring_del_virtqueue(struct virtqueue *vq);

/**
 * virtqueue_add - expose a request (a chain of @n buffers) to the device
 * @bufs: the buffers, every device-readable one before every writable one
 * @token: returned by virtqueue_get_buf() when the device is done (not NULL)
 *
 * The request is visible to the device after the next virtqueue_kick().
 * Return: 0; -ENOSPC when fewer than @n descriptors are free; -EINVAL for
 * @n == 0, a NULL token, a zero length or a readable buffer after a
 * writable one; -EIO when the queue is broken.
 */
int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned int n,
		  void *token);

/**
 * virtqueue_kick - publish the added requests and notify the device
 * Skips the notification when the device said it needs none
 * (VRING_USED_F_NO_NOTIFY). Return: false when the queue is broken.
 */
bool virtqueue_kick(struct virtqueue *vq);

/**
 * virtqueue_get_buf - the next request the device is done with
 * @len: set to the bytes the device wrote into the request (may be NULL)
 *
 * Return: its token, or NULL when none is pending (or the queue is broken:
 * see virtqueue_is_broken()).
 */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

/**
 * virtqueue_detach_unused_buf - take back a request the device never
 * completed, after a reset. Return: its token, or NULL when none is left.
 */
void *virtqueue_detach_unused_buf(struct virtqueue *vq);

/* Ask the device not to interrupt for used buffers (a hint), or to again. */
void virtqueue_disable_cb(struct virtqueue *vq);
void virtqueue_enable_cb(struct virtqueue *vq);

/* True when the device has used buffers the driver has not taken yet. */
bool virtqueue_more_used(const struct virtqueue *vq);

/**
 * vring_interrupt - the transport saw a used-buffer interrupt
 * Calls the queue's callback when it has used buffers.
 * Return: true when it did.
 */
bool vring_interrupt(struct virtqueue *vq);

unsigned int virtqueue_get_vring_size(const struct virtqueue *vq);
unsigned int virtqueue_num_free(const struct virtqueue *vq);
bool virtqueue_is_broken(const struct virtqueue *vq);

/* Bus addresses of the three areas, for the transport to program. */
dma_addr_t virtqueue_get_desc_addr(const struct virtqueue *vq);
dma_addr_t virtqueue_get_avail_addr(const struct virtqueue *vq);
dma_addr_t virtqueue_get_used_addr(const struct virtqueue *vq);

/* Bytes the rings of a queue of @num entries take (one buffer). */
size_t vring_size(unsigned int num);

#endif /* _CONTIG_VIRTIO_RING_H */
