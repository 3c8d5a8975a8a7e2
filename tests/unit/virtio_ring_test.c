// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the split virtqueue (drivers/virtio/virtio_ring.c) against
 * a fake device written from the virtio 1.x layout: it reads the available
 * ring and the descriptor table and writes the used ring, as a device does,
 * and can misbehave on purpose (bad ids, a runaway used index, writes into
 * the descriptor table). The DMA layer is stubbed with calloc(); a bus
 * address is the host pointer.
 */
/* unit-sources: drivers/virtio/virtio_ring.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <contig/dma-mapping.h>
#include <contig/kernel.h>
#include <contig/slab.h>
#include <contig/virtio_ring.h>

/* ---- stubs for what the ring code calls --------------------------------- */

int console_loglevel = LOGLEVEL_INFO;
static char last_msg[256];
static int nr_msgs;

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	nr_msgs++;
	return 0;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return calloc(n, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

static int coherent_allocs;

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp,
		      unsigned long attrs)
{
	void *p = aligned_alloc(4096, ALIGN(size, (size_t)4096));

	/* Poison first: the ring code must not rely on more than the DMA
	 * API's promise, which is zeroed memory. */
	memset(p, 0xa5, ALIGN(size, (size_t)4096));
	memset(p, 0, size);
	*handle = (dma_addr_t)(uintptr_t)p;
	coherent_allocs++;
	return p;
}

void dma_free_attrs(struct device *dev, size_t size, void *cpu, dma_addr_t handle,
		    unsigned long attrs)
{
	assert_ptr_equal((void *)(uintptr_t)handle, cpu);
	coherent_allocs--;
	free(cpu);
}

/* ---- the fake device ------------------------------------------------------ */

struct fake_dev {
	struct virtqueue *vq;
	unsigned int num;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 last_avail;
	u16 used_idx;
	int notifies;
	int callbacks;
};

static struct fake_dev fd;

static bool fake_notify(struct virtqueue *vq)
{
	fd.notifies++;
	return true;
}

static void fake_callback(struct virtqueue *vq)
{
	fd.callbacks++;
}

static void fake_attach(struct virtqueue *vq)
{
	fd.vq = vq;
	fd.num = virtqueue_get_vring_size(vq);
	fd.desc = (void *)(uintptr_t)virtqueue_get_desc_addr(vq);
	fd.avail = (void *)(uintptr_t)virtqueue_get_avail_addr(vq);
	fd.used = (void *)(uintptr_t)virtqueue_get_used_addr(vq);
	fd.last_avail = 0;
	fd.used_idx = 0;
}

/* The next chain the driver offered: its head, and its descriptors. */
struct chain {
	u16 head;
	unsigned int n;
	struct vring_desc d[16];
};

static bool fake_pop(struct chain *c)
{
	u16 idx = __atomic_load_n(&fd.avail->idx, __ATOMIC_ACQUIRE);
	u16 i;

	if (idx == fd.last_avail)
		return false;
	c->head = i = fd.avail->ring[fd.last_avail % fd.num];
	fd.last_avail++;
	for (c->n = 0;; c->n++) {
		assert_true(c->n < 16);
		assert_true(i < fd.num);
		c->d[c->n] = fd.desc[i];
		if (!(fd.desc[i].flags & VRING_DESC_F_NEXT))
			break;
		i = fd.desc[i].next;
	}
	c->n++;
	return true;
}

static void fake_push(u32 id, u32 len)
{
	fd.used->ring[fd.used_idx % fd.num].id = id;
	fd.used->ring[fd.used_idx % fd.num].len = len;
	fd.used_idx++;
	__atomic_store_n(&fd.used->idx, fd.used_idx, __ATOMIC_RELEASE);
}

static struct virtqueue *make_vq(unsigned int num)
{
	struct virtqueue *vq = vring_create_virtqueue(0, num, NULL, NULL, fake_notify,
						      fake_callback, "test-vq");

	assert_non_null(vq);
	fake_attach(vq);
	fd.notifies = fd.callbacks = 0;
	return vq;
}

static void setup_msgs(void)
{
	nr_msgs = 0;
	last_msg[0] = 0;
}

/* ---- the cases ------------------------------------------------------------- */

static void layout_is_aligned_and_a_128_entry_queue_fits_in_one_page(void **state)
{
	struct virtqueue *vq = make_vq(128);
	dma_addr_t d = virtqueue_get_desc_addr(vq), a = virtqueue_get_avail_addr(vq),
		   u = virtqueue_get_used_addr(vq);

	assert_int_equal(d % VRING_DESC_ALIGN, 0);
	assert_int_equal(a % VRING_AVAIL_ALIGN, 0);
	assert_int_equal(u % VRING_USED_ALIGN, 0);
	assert_int_equal(a - d, 128 * sizeof(struct vring_desc));
	/* avail: flags, idx, 128 slots, used_event */
	assert_true(u >= a + 4 + 128 * 2 + 2);
	assert_true(vring_size(128) <= 4096);
	assert_true(vring_size(256) > 4096);
	assert_int_equal(virtqueue_num_free(vq), 128);
	vring_del_virtqueue(vq);
	assert_int_equal(coherent_allocs, 0);
}

static void sizes_that_are_not_a_power_of_two_are_refused(void **state)
{
	setup_msgs();
	assert_null(vring_create_virtqueue(0, 100, NULL, NULL, fake_notify, NULL, "q"));
	assert_null(vring_create_virtqueue(0, 0, NULL, NULL, fake_notify, NULL, "q"));
	assert_null(vring_create_virtqueue(0, 65536, NULL, NULL, fake_notify, NULL, "q"));
	assert_int_equal(nr_msgs, 3);
	assert_non_null(strstr(last_msg, "power of two"));
	assert_int_equal(coherent_allocs, 0);
}

static void a_request_reaches_the_device_as_one_chain_readable_first(void **state)
{
	struct virtqueue *vq = make_vq(8);
	struct vq_buf bufs[3] = {
		{ 0x1000, 16, false },
		{ 0x20000, 4096, true },
		{ 0x3000, 1, true },
	};
	struct chain c;
	int token;
	u32 len = 0;

	assert_int_equal(virtqueue_add(vq, bufs, 3, &token), 0);
	assert_int_equal(virtqueue_num_free(vq), 5);
	assert_true(virtqueue_kick(vq));
	assert_int_equal(fd.notifies, 1);

	assert_true(fake_pop(&c));
	assert_int_equal(c.n, 3);
	assert_int_equal(c.d[0].addr, 0x1000);
	assert_int_equal(c.d[0].len, 16);
	assert_int_equal(c.d[0].flags, VRING_DESC_F_NEXT);
	assert_int_equal(c.d[1].addr, 0x20000);
	assert_int_equal(c.d[1].flags, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE);
	assert_int_equal(c.d[2].len, 1);
	assert_int_equal(c.d[2].flags, VRING_DESC_F_WRITE);
	assert_false(fake_pop(&c));

	assert_null(virtqueue_get_buf(vq, &len));
	assert_false(vring_interrupt(vq));
	fake_push(c.head, 4097);
	assert_true(vring_interrupt(vq));
	assert_int_equal(fd.callbacks, 1);
	assert_ptr_equal(virtqueue_get_buf(vq, &len), &token);
	assert_int_equal(len, 4097);
	assert_null(virtqueue_get_buf(vq, NULL));
	assert_int_equal(virtqueue_num_free(vq), 8);
	vring_del_virtqueue(vq);
}

static void bad_requests_are_refused_and_change_nothing(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf wr_then_rd[2] = { { 0x1000, 8, true }, { 0x2000, 8, false } };
	struct vq_buf zero[1] = { { 0x1000, 0, false } };
	struct vq_buf five[5] = {
		{ 1, 1, false }, { 2, 1, false }, { 3, 1, false }, { 4, 1, false }, { 5, 1, true },
	};
	int token;

	assert_int_equal(virtqueue_add(vq, wr_then_rd, 2, &token), -EINVAL);
	assert_int_equal(virtqueue_add(vq, zero, 1, &token), -EINVAL);
	assert_int_equal(virtqueue_add(vq, wr_then_rd, 0, &token), -EINVAL);
	assert_int_equal(virtqueue_add(vq, five, 1, NULL), -EINVAL);
	assert_int_equal(virtqueue_add(vq, five, 5, &token), -ENOSPC);
	assert_int_equal(virtqueue_num_free(vq), 4);
	assert_int_equal(__atomic_load_n(&fd.avail->idx, __ATOMIC_RELAXED), 0);
	assert_true(virtqueue_kick(vq));
	assert_false(fake_pop(&(struct chain){ 0 }));
	vring_del_virtqueue(vq);
}

static void a_full_queue_says_enospc_until_the_device_returns_buffers(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf two[2] = { { 0x1000, 16, false }, { 0x2000, 1, true } };
	struct chain c[2];
	int t[3];

	assert_int_equal(virtqueue_add(vq, two, 2, &t[0]), 0);
	assert_int_equal(virtqueue_add(vq, two, 2, &t[1]), 0);
	assert_int_equal(virtqueue_num_free(vq), 0);
	assert_int_equal(virtqueue_add(vq, two, 1, &t[2]), -ENOSPC);
	assert_true(fake_pop(&c[0]));
	assert_true(fake_pop(&c[1]));
	fake_push(c[1].head, 1);
	assert_ptr_equal(virtqueue_get_buf(vq, NULL), &t[1]);
	assert_int_equal(virtqueue_num_free(vq), 2);
	assert_int_equal(virtqueue_add(vq, two, 2, &t[2]), 0);
	fake_push(c[0].head, 1);
	assert_ptr_equal(virtqueue_get_buf(vq, NULL), &t[0]);
	vring_del_virtqueue(vq);
}

/*
 * Many rounds of random-sized requests completed in random order, past the
 * 16-bit wrap of both indexes: every token comes back exactly once, with
 * the length the device reported, and the descriptors the device sees
 * always belong to exactly one request.
 */
static void out_of_order_completions_survive_index_wraparound(void **state)
{
	enum { NUM = 16, ROUNDS = 200000 };
	struct virtqueue *vq = make_vq(NUM);
	struct chain inflight[NUM];
	unsigned int ninflight = 0, completed = 0, round;
	int tokens[NUM * 4];
	unsigned int seed = 12345;

	for (round = 0; round < ROUNDS; round++) {
		unsigned int n = 1 + (seed = seed * 1103515245 + 12345) % 3;
		struct vq_buf b[3];
		unsigned int i;
		struct chain c;
		u16 seen[NUM] = { 0 };

		for (i = 0; i < n; i++) {
			b[i].addr = 0x10000 * (round % 7) + i;
			b[i].len = i + 1;
			b[i].device_writes = i == n - 1;
		}
		if (virtqueue_add(vq, b, n, &tokens[round % (NUM * 4)]) == 0) {
			assert_true(virtqueue_kick(vq));
			assert_true(fake_pop(&c));
			assert_int_equal(c.n, n);
			inflight[ninflight++] = c;
		} else {
			assert_true(virtqueue_num_free(vq) < n);
		}
		/* No descriptor is in two chains at once. */
		for (i = 0; i < ninflight; i++) {
			u16 d = inflight[i].head;
			unsigned int k;

			for (k = 0; k < inflight[i].n; k++) {
				assert_int_equal(seen[d], 0);
				seen[d] = 1;
				d = fd.desc[d].next;
			}
		}
		/* Complete a random in-flight request now and then. */
		while (ninflight && (seed = seed * 1103515245 + 12345) % 3 == 0) {
			unsigned int k = seed % ninflight;
			u32 len;
			void *tok;

			fake_push(inflight[k].head, 1000 + inflight[k].head);
			tok = virtqueue_get_buf(vq, &len);
			assert_non_null(tok);
			assert_int_equal(len, 1000 + inflight[k].head);
			inflight[k] = inflight[--ninflight];
			completed++;
		}
	}
	assert_true(completed > 65536);
	assert_false(virtqueue_is_broken(vq));
	vring_del_virtqueue(vq);
}

static void kick_skips_the_notification_when_the_device_says_no_notify(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf b = { 0x1000, 8, true };
	int t;

	assert_int_equal(virtqueue_add(vq, &b, 1, &t), 0);
	fd.used->flags = VRING_USED_F_NO_NOTIFY;
	assert_true(virtqueue_kick(vq));
	assert_int_equal(fd.notifies, 0);
	fd.used->flags = 0;
	assert_true(virtqueue_kick(vq));
	assert_int_equal(fd.notifies, 1);
	vring_del_virtqueue(vq);
}

static void disable_cb_sets_no_interrupt_and_enable_cb_clears_it(void **state)
{
	struct virtqueue *vq = make_vq(4);

	virtqueue_disable_cb(vq);
	assert_int_equal(fd.avail->flags, VRING_AVAIL_F_NO_INTERRUPT);
	virtqueue_enable_cb(vq);
	assert_int_equal(fd.avail->flags, 0);
	vring_del_virtqueue(vq);
}

static void a_used_id_that_is_not_in_flight_breaks_the_queue(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf b[2] = { { 0x1000, 16, false }, { 0x2000, 1, true } };
	struct chain c;
	int t;

	setup_msgs();
	assert_int_equal(virtqueue_add(vq, b, 2, &t), 0);
	assert_true(fake_pop(&c));
	/* The second descriptor of the chain is not a head. */
	fake_push(c.d[0].next, 1);
	assert_null(virtqueue_get_buf(vq, NULL));
	assert_true(virtqueue_is_broken(vq));
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(last_msg, "not a request in flight"));
	assert_int_equal(virtqueue_add(vq, b, 2, &t), -EIO);
	assert_false(virtqueue_kick(vq));
	/* Reported once. */
	assert_null(virtqueue_get_buf(vq, NULL));
	assert_int_equal(nr_msgs, 1);
	/* After a reset the driver still gets its token back. */
	assert_ptr_equal(virtqueue_detach_unused_buf(vq), &t);
	assert_null(virtqueue_detach_unused_buf(vq));
	vring_del_virtqueue(vq);
}

static void an_id_beyond_the_queue_breaks_it(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf b = { 0x1000, 16, true };
	int t;

	setup_msgs();
	assert_int_equal(virtqueue_add(vq, &b, 1, &t), 0);
	fake_push(4, 1);
	assert_null(virtqueue_get_buf(vq, NULL));
	assert_true(virtqueue_is_broken(vq));
	assert_non_null(strstr(last_msg, "descriptor 4"));
	vring_del_virtqueue(vq);
}

static void a_used_index_running_ahead_of_the_requests_breaks_the_queue(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf b = { 0x1000, 16, true };
	struct chain c;
	int t;

	setup_msgs();
	assert_int_equal(virtqueue_add(vq, &b, 1, &t), 0);
	assert_true(fake_pop(&c));
	fake_push(c.head, 1);
	fake_push(c.head, 1); /* a second completion for one request */
	__atomic_store_n(&fd.used->idx, 3, __ATOMIC_RELEASE);
	assert_null(virtqueue_get_buf(vq, NULL));
	assert_true(virtqueue_is_broken(vq));
	assert_non_null(strstr(last_msg, "only 1 requests are in flight"));
	vring_del_virtqueue(vq);
}

static void a_device_scribbling_on_the_table_cannot_corrupt_the_free_list(void **state)
{
	struct virtqueue *vq = make_vq(4);
	struct vq_buf b[2] = { { 0x1000, 16, false }, { 0x2000, 1, true } };
	struct chain c;
	int t, t2, t3;
	unsigned int i;

	assert_int_equal(virtqueue_add(vq, b, 2, &t), 0);
	assert_true(fake_pop(&c));
	for (i = 0; i < 4; i++)
		fd.desc[i].next = 0; /* every link points at descriptor 0 */
	fake_push(c.head, 1);
	assert_ptr_equal(virtqueue_get_buf(vq, NULL), &t);
	assert_int_equal(virtqueue_num_free(vq), 4);
	/* Two chains of two use four distinct descriptors. */
	assert_int_equal(virtqueue_add(vq, b, 2, &t2), 0);
	assert_int_equal(virtqueue_add(vq, b, 2, &t3), 0);
	assert_int_equal(virtqueue_num_free(vq), 0);
	{
		struct chain c2, c3;

		assert_true(fake_pop(&c2));
		assert_true(fake_pop(&c3));
		assert_true(c2.head != c3.head);
		assert_true(c2.d[0].next != c3.d[0].next);
		assert_true(c2.d[0].next != c3.head && c3.d[0].next != c2.head);
	}
	vring_del_virtqueue(vq);
}

static void detach_unused_returns_every_request_in_flight_once(void **state)
{
	struct virtqueue *vq = make_vq(8);
	struct vq_buf b[2] = { { 0x1000, 16, false }, { 0x2000, 1, true } };
	int t[4];
	int seen[4] = { 0 };
	void *tok;
	unsigned int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(virtqueue_add(vq, b, 2, &t[i]), 0);
	while ((tok = virtqueue_detach_unused_buf(vq)) != NULL) {
		i = (unsigned int)((int *)tok - t);
		assert_true(i < 4);
		seen[i]++;
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(virtqueue_num_free(vq), 8);
	vring_del_virtqueue(vq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_is_aligned_and_a_128_entry_queue_fits_in_one_page),
		cmocka_unit_test(sizes_that_are_not_a_power_of_two_are_refused),
		cmocka_unit_test(a_request_reaches_the_device_as_one_chain_readable_first),
		cmocka_unit_test(bad_requests_are_refused_and_change_nothing),
		cmocka_unit_test(a_full_queue_says_enospc_until_the_device_returns_buffers),
		cmocka_unit_test(out_of_order_completions_survive_index_wraparound),
		cmocka_unit_test(kick_skips_the_notification_when_the_device_says_no_notify),
		cmocka_unit_test(disable_cb_sets_no_interrupt_and_enable_cb_clears_it),
		cmocka_unit_test(a_used_id_that_is_not_in_flight_breaks_the_queue),
		cmocka_unit_test(an_id_beyond_the_queue_breaks_it),
		cmocka_unit_test(a_used_index_running_ahead_of_the_requests_breaks_the_queue),
		cmocka_unit_test(a_device_scribbling_on_the_table_cannot_corrupt_the_free_list),
		cmocka_unit_test(detach_unused_returns_every_request_in_flight_once),
	};

	return cmocka_run_group_tests_name("virtio_ring", tests, NULL, NULL);
}
