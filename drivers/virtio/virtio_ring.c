// SPDX-License-Identifier: GPL-2.0-only
/*
 * Split virtqueues, driver side (contig/virtio_ring.h has the layout and
 * the contract).
 *
 * Memory: the descriptor table, the available ring and the used ring share
 * one dma_alloc_coherent() buffer of the transport's device, laid out at
 * their required alignments (16, 2, 4). A queue of up to 128 entries fits
 * in one page, which the DMA layer takes from the page allocator, so the
 * rings never sit in a CMA region they would pin for the device's life.
 *
 * Descriptors: free ones form a list through a private copy of the "next"
 * links (next[]), never read back from the table the device can see, so a
 * device that scribbles on the table cannot corrupt the free list. Each
 * chain head remembers its token and length (state[]).
 *
 * Ordering with the device (a hypervisor device, as virtio-mmio on QEMU,
 * lives in the CPUs' inner-shareable domain, so SMP barriers suffice, as
 * Linux's weak_barriers):
 *   add:  fill descriptors and the ring slot, then store-release avail->idx
 *   kick: full barrier, then read used->flags (NO_NOTIFY) and notify
 *   get:  load-acquire used->idx, then read the used element
 * Coherent buffers are uncached on ARM, so no cache maintenance is needed.
 */
#define pr_fmt(fmt) "virtio_ring: " fmt

#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/virtio_ring.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "virtio rings are little-endian: add byte swapping for this port");

struct vring_state {
	void *token;   /* NULL: not the head of a chain in flight */
	u16 ndescs;    /* descriptors in the chain */
};

struct vring_virtqueue {
	struct virtqueue vq;
	unsigned int num;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;

	void *mem;         /* vring_size(num) bytes */
	dma_addr_t mem_dma;
	struct device *dma_dev;
	vq_notify_t notify;

	unsigned int num_free;
	u16 free_head;
	u16 avail_idx;     /* what the driver last published in avail->idx */
	u16 last_used_idx; /* next used entry to take */
	u16 avail_flags;   /* shadow of avail->flags */
	bool broken;

	u16 *next;                 /* private "next" links, num entries */
	struct vring_state state[]; /* per descriptor, num entries */
};

#define to_vvq(_vq) container_of(_vq, struct vring_virtqueue, vq)

static size_t vring_avail_offset(unsigned int num)
{
	return (size_t)num * sizeof(struct vring_desc);
}

static size_t vring_used_offset(unsigned int num)
{
	return ALIGN(vring_avail_offset(num) + sizeof(struct vring_avail) +
			     (num + 1) * sizeof(u16),
		     (size_t)VRING_USED_ALIGN);
}

/**
 * vring_size - bytes the three areas of a @num-entry split queue take
 * @num: queue size
 *
 * Return: the size of the one buffer vring_create_virtqueue() allocates.
 */
size_t vring_size(unsigned int num)
{
	return vring_used_offset(num) + sizeof(struct vring_used) +
	       num * sizeof(struct vring_used_elem) + sizeof(u16);
}

static __printf(2, 3) void vring_bad(struct vring_virtqueue *vvq, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!vvq->broken)
		pr_err("%s: %s; the queue is now broken (the device must be reset)\n",
		       vvq->vq.name, msg);
	vvq->broken = true;
}

/**
 * vring_create_virtqueue - allocate and lay out a split virtqueue
 * @index: queue number at the transport
 * @num: queue size, a power of two, at most VRING_MAX_NUM
 * @dma_dev: device whose coherent memory holds the rings
 * @vdev: the virtio device, or NULL
 * @notify: kicks the device
 * @callback: called by vring_interrupt() (may be NULL)
 * @name: for messages; must outlive the queue
 *
 * Return: the queue, or NULL with a message.
 */
struct virtqueue *vring_create_virtqueue(unsigned int index, unsigned int num,
					 struct device *dma_dev,
					 struct virtio_device *vdev, vq_notify_t notify,
					 vq_callback_t callback, const char *name)
{
	struct vring_virtqueue *vvq;
	unsigned int i;

	if (!num || !is_power_of_2(num) || num > VRING_MAX_NUM || !notify) {
		pr_err("%s: cannot create a queue of %u entries (a power of two up to %u)\n",
		       name, num, VRING_MAX_NUM);
		return NULL;
	}
	vvq = kzalloc(sizeof(*vvq) + num * sizeof(vvq->state[0]), GFP_KERNEL);
	if (!vvq)
		goto nomem;
	vvq->next = kcalloc(num, sizeof(vvq->next[0]), GFP_KERNEL);
	if (!vvq->next)
		goto nomem_vvq;
	vvq->mem = dma_alloc_coherent(dma_dev, vring_size(num), &vvq->mem_dma, GFP_KERNEL);
	if (!vvq->mem)
		goto nomem_next;
	/* dma_alloc_coherent() zeroes: both rings start empty, flags 0. */
	vvq->num = num;
	vvq->desc = vvq->mem;
	vvq->avail = (void *)((char *)vvq->mem + vring_avail_offset(num));
	vvq->used = (void *)((char *)vvq->mem + vring_used_offset(num));
	vvq->dma_dev = dma_dev;
	vvq->notify = notify;
	vvq->num_free = num;
	vvq->free_head = 0;
	for (i = 0; i < num; i++)
		vvq->next[i] = (u16)(i + 1); /* the last one is never followed */
	INIT_LIST_HEAD(&vvq->vq.list);
	vvq->vq.vdev = vdev;
	vvq->vq.index = index;
	vvq->vq.name = name;
	vvq->vq.callback = callback;
	return &vvq->vq;

nomem_next:
	kfree(vvq->next);
nomem_vvq:
	kfree(vvq);
nomem:
	pr_err("%s: no memory for a queue of %u entries (%zu bytes of rings)\n", name, num,
	       vring_size(num));
	return NULL;
}

/**
 * vring_del_virtqueue - free a queue's rings
 * @vq: a queue the device no longer uses (reset the device first)
 */
void vring_del_virtqueue(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);

	dma_free_coherent(vvq->dma_dev, vring_size(vvq->num), vvq->mem, vvq->mem_dma);
	kfree(vvq->next);
	kfree(vvq);
}

/**
 * virtqueue_add - expose a chain of @n buffers to the device
 * @vq: the queue (caller holds the driver's queue lock)
 * @bufs: device-readable buffers first, then device-writable ones
 * @n: how many
 * @token: what virtqueue_get_buf() returns for this request (not NULL)
 *
 * Return: 0, -ENOSPC, -EINVAL or -EIO (see contig/virtio_ring.h).
 */
int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned int n,
		  void *token)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	unsigned int i;
	u16 head, cur;
	bool writable = false;

	if (vvq->broken)
		return -EIO;
	if (!n || !token)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!bufs[i].len || (writable && !bufs[i].device_writes))
			return -EINVAL;
		writable = bufs[i].device_writes;
	}
	if (n > vvq->num_free)
		return -ENOSPC;

	head = cur = vvq->free_head;
	for (i = 0; i < n; i++) {
		struct vring_desc *d = &vvq->desc[cur];

		d->addr = bufs[i].addr;
		d->len = bufs[i].len;
		d->flags = bufs[i].device_writes ? VRING_DESC_F_WRITE : 0;
		if (i + 1 < n)
			d->flags |= VRING_DESC_F_NEXT;
		d->next = vvq->next[cur];
		cur = vvq->next[cur];
	}
	vvq->free_head = cur;
	vvq->num_free -= n;
	vvq->state[head].token = token;
	vvq->state[head].ndescs = (u16)n;

	vvq->avail->ring[vvq->avail_idx & (vvq->num - 1)] = head;
	vvq->avail_idx++;
	/* The device must see the descriptors and the slot before the index. */
	__atomic_store_n(&vvq->avail->idx, vvq->avail_idx, __ATOMIC_RELEASE);
	return 0;
}

/**
 * virtqueue_kick - notify the device of the requests added so far
 * @vq: the queue (caller holds the driver's queue lock)
 *
 * Return: false when the queue is broken or the notification failed.
 */
bool virtqueue_kick(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	u16 flags;

	if (vvq->broken)
		return false;
	/* The index store must be visible before we read the device's flags. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	flags = __atomic_load_n(&vvq->used->flags, __ATOMIC_RELAXED);
	if (flags & VRING_USED_F_NO_NOTIFY)
		return true;
	if (!vvq->notify(vq)) {
		vring_bad(vvq, "the device could not be notified");
		return false;
	}
	return true;
}

static void detach_buf(struct vring_virtqueue *vvq, u16 head)
{
	unsigned int i, n = vvq->state[head].ndescs;
	u16 last = head;

	for (i = 1; i < n; i++)
		last = vvq->next[last];
	vvq->next[last] = vvq->free_head;
	vvq->free_head = head;
	vvq->num_free += n;
	vvq->state[head].token = NULL;
	vvq->state[head].ndescs = 0;
}

/**
 * virtqueue_more_used - does the device have used buffers for us?
 * @vq: the queue
 *
 * Return: true when the used index moved past what the driver took.
 */
bool virtqueue_more_used(const struct virtqueue *vq)
{
	const struct vring_virtqueue *vvq = container_of(vq, struct vring_virtqueue, vq);

	return __atomic_load_n(&vvq->used->idx, __ATOMIC_ACQUIRE) != vvq->last_used_idx;
}

/**
 * virtqueue_get_buf - take the next request the device completed
 * @vq: the queue (caller holds the driver's queue lock)
 * @len: set to the bytes the device wrote (may be NULL)
 *
 * Return: the request's token, or NULL (nothing used, or broken).
 */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	struct vring_used_elem elem;
	u16 used_idx;
	void *token;

	if (vvq->broken)
		return NULL;
	used_idx = __atomic_load_n(&vvq->used->idx, __ATOMIC_ACQUIRE);
	if (used_idx == vvq->last_used_idx)
		return NULL;
	if ((u16)(used_idx - vvq->last_used_idx) > vvq->num - vvq->num_free) {
		vring_bad(vvq, "the device moved the used index from %u to %u, but only %u requests are in flight",
			  vvq->last_used_idx, used_idx, vvq->num - vvq->num_free);
		return NULL;
	}
	elem = vvq->used->ring[vvq->last_used_idx & (vvq->num - 1)];
	if (elem.id >= vvq->num || !vvq->state[elem.id].token) {
		vring_bad(vvq, "the device returned descriptor %u, which is not a request in flight",
			  elem.id);
		return NULL;
	}
	token = vvq->state[elem.id].token;
	detach_buf(vvq, (u16)elem.id);
	vvq->last_used_idx++;
	if (len)
		*len = elem.len;
	return token;
}

/**
 * virtqueue_detach_unused_buf - reclaim a request the device never used
 * @vq: the queue of a device that was reset
 *
 * Return: the token of one request still in flight, or NULL when none is.
 */
void *virtqueue_detach_unused_buf(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);
	unsigned int i;

	for (i = 0; i < vvq->num; i++) {
		void *token = vvq->state[i].token;

		if (token) {
			detach_buf(vvq, (u16)i);
			return token;
		}
	}
	return NULL;
}

/**
 * virtqueue_disable_cb - ask the device not to interrupt for used buffers
 * @vq: the queue (a hint: interrupts may still come)
 */
void virtqueue_disable_cb(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);

	vvq->avail_flags |= VRING_AVAIL_F_NO_INTERRUPT;
	__atomic_store_n(&vvq->avail->flags, vvq->avail_flags, __ATOMIC_RELAXED);
}

/**
 * virtqueue_enable_cb - let the device interrupt for used buffers again
 * @vq: the queue; check virtqueue_more_used() after, for buffers used
 *      while interrupts were off
 */
void virtqueue_enable_cb(struct virtqueue *vq)
{
	struct vring_virtqueue *vvq = to_vvq(vq);

	vvq->avail_flags &= (u16)~VRING_AVAIL_F_NO_INTERRUPT;
	__atomic_store_n(&vvq->avail->flags, vvq->avail_flags, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/**
 * vring_interrupt - handle a used-buffer interrupt for @vq
 * @vq: the queue
 *
 * Return: true when the queue had used buffers and its callback ran.
 */
bool vring_interrupt(struct virtqueue *vq)
{
	if (!virtqueue_more_used(vq))
		return false;
	if (vq->callback)
		vq->callback(vq);
	return true;
}

/** virtqueue_get_vring_size - the queue size @vq was created with */
unsigned int virtqueue_get_vring_size(const struct virtqueue *vq)
{
	return container_of(vq, struct vring_virtqueue, vq)->num;
}

/** virtqueue_num_free - descriptors free for virtqueue_add() */
unsigned int virtqueue_num_free(const struct virtqueue *vq)
{
	return container_of(vq, struct vring_virtqueue, vq)->num_free;
}

/** virtqueue_is_broken - did the device misbehave (or was it lost)? */
bool virtqueue_is_broken(const struct virtqueue *vq)
{
	return container_of(vq, struct vring_virtqueue, vq)->broken;
}

/** virtqueue_get_desc_addr - bus address of @vq's descriptor table */
dma_addr_t virtqueue_get_desc_addr(const struct virtqueue *vq)
{
	return container_of(vq, struct vring_virtqueue, vq)->mem_dma;
}

/** virtqueue_get_avail_addr - bus address of @vq's available ring */
dma_addr_t virtqueue_get_avail_addr(const struct virtqueue *vq)
{
	const struct vring_virtqueue *vvq = container_of(vq, struct vring_virtqueue, vq);

	return vvq->mem_dma + vring_avail_offset(vvq->num);
}

/** virtqueue_get_used_addr - bus address of @vq's used ring */
dma_addr_t virtqueue_get_used_addr(const struct virtqueue *vq)
{
	const struct vring_virtqueue *vvq = container_of(vq, struct vring_virtqueue, vq);

	return vvq->mem_dma + vring_used_offset(vvq->num);
}
