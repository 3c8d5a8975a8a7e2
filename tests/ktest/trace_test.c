// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "trace": the trace ring buffer (lib/trace.c), which knows no
 * event (the ring cases record an event class of their own), and the
 * events the CMA (mm/cma_trace.c) and DMA (kernel/dma/trace.c) paths record,
 * each with its own fields. (The busy-retry event is checked where a busy
 * window is made: cma's case
 * cma_alloc_moves_on_to_the_next_window_when_the_first_is_busy.)
 */
#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/trace.h>
#include <contig/trace/cma.h>
#include <contig/trace/dma.h>

#include "dma_test_util.h"

#define MAX_EVENTS 32

static struct trace_event ev[MAX_EVENTS];

/* The owner a CMA or DMA event names, or NULL for any other event. */
static const char *event_owner(const struct trace_event *e)
{
	const struct trace_dma_buffer *d;

	if (e->class == &trace_cma_alloc_start_class || e->class == &trace_cma_alloc_busy_class ||
	    e->class == &trace_cma_alloc_finish_class || e->class == &trace_cma_release_class)
		return ((const struct trace_cma_who *)(const void *)e->fields)->owner;
	d = trace_event_as(e, trace_dma_alloc_class, struct trace_dma_buffer);
	if (!d)
		d = trace_event_as(e, trace_dma_free_class, struct trace_dma_buffer);
	return d ? d->owner : NULL;
}

/* The events recorded since @from that name @owner, into ev[]. */
static unsigned int events_of(u64 from, const char *owner)
{
	struct trace_event all[MAX_EVENTS];
	unsigned int n = trace_read(from, all, MAX_EVENTS), i, k = 0;

	for (i = 0; i < n; i++) {
		const char *o = event_owner(&all[i]);

		if (o && !strcmp(o, owner))
			ev[k++] = all[i];
	}
	return k;
}

#define CMA_START(e) trace_event_as(e, trace_cma_alloc_start_class, struct trace_cma_alloc_start)
#define CMA_FINISH(e) trace_event_as(e, trace_cma_alloc_finish_class, struct trace_cma_alloc_finish)
#define CMA_RELEASE(e) trace_event_as(e, trace_cma_release_class, struct trace_cma_release)
#define DMA_ALLOC(e) trace_event_as(e, trace_dma_alloc_class, struct trace_dma_buffer)
#define DMA_FREE(e) trace_event_as(e, trace_dma_free_class, struct trace_dma_buffer)

static void a_device_carve_records_start_finish_and_release(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	struct cma *video = dmatest_region(t, "video");
	const struct trace_cma_alloc_start *start;
	const struct trace_cma_alloc_finish *finish;
	const struct trace_cma_release *release;
	struct page *page;
	u64 from;
	unsigned int n;

	if (!dev || !video)
		return;
	from = trace_next_seq();
	page = cma_dev_alloc(dev, NULL, 32, 5, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, 32));
	n = events_of(from, "dmatest-single");
	KTEST_ASSERT_EQ(t, n, 3);
	start = CMA_START(&ev[0]);
	finish = CMA_FINISH(&ev[1]);
	release = CMA_RELEASE(&ev[2]);
	KTEST_ASSERT_TRUE(t, start && finish && release);
	KTEST_EXPECT_TRUE(t, start->who.cma == video);
	KTEST_EXPECT_EQ(t, start->count, 32);
	KTEST_EXPECT_EQ(t, start->align, 5);
	KTEST_EXPECT_TRUE(t, finish->who.cma == video);
	KTEST_EXPECT_EQ(t, finish->result, 0);
	KTEST_EXPECT_EQ(t, finish->pfn, page_to_pfn(page));
	KTEST_EXPECT_GE(t, ev[1].ts_ns, ev[0].ts_ns);
	KTEST_EXPECT_LE(t, finish->latency_ns, ev[1].ts_ns - ev[0].ts_ns);
	KTEST_EXPECT_EQ(t, release->pfn, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, release->count, 32);
	KTEST_EXPECT_TRUE(t, ev[0].seq < ev[1].seq && ev[1].seq < ev[2].seq);
}

static void a_failed_carve_records_its_error(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	struct cma *video = dmatest_region(t, "video");
	unsigned long too_many;
	u64 from;

	if (!dev || !video)
		return;
	too_many = PHYS_PFN(cma_get_size(video)) + 1;
	from = trace_next_seq();
	KTEST_EXPECT_NULL(t, cma_dev_alloc(dev, NULL, too_many, 0, CMA_ALLOC_NOWARN, NULL));
	KTEST_ASSERT_EQ(t, events_of(from, "dmatest-single"), 2);
	KTEST_ASSERT_NOT_NULL(t, CMA_FINISH(&ev[1]));
	KTEST_EXPECT_EQ(t, CMA_FINISH(&ev[1])->result, -EINVAL);
	KTEST_EXPECT_EQ(t, CMA_FINISH(&ev[1])->count, too_many);
}

static void page_allocator_and_pool_buffers_are_traced(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-pool");
	struct device *single = dmatest_device(t, "dmatest-single");
	char line[200];
	dma_addr_t h, h2;
	void *p, *p2;
	u64 from;

	if (!dev || !single)
		return;
	from = trace_next_seq();
	p = dma_alloc_coherent(dev, 3 * PAGE_SIZE, &h, GFP_KERNEL);
	p2 = dma_alloc_coherent(single, 64, &h2, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p && p2);
	dma_free_coherent(dev, 3 * PAGE_SIZE, p, h);
	dma_free_coherent(single, 64, p2, h2);
	KTEST_ASSERT_EQ(t, events_of(from, "dmatest-pool"), 2);
	KTEST_ASSERT_NOT_NULL(t, DMA_ALLOC(&ev[0]));
	KTEST_EXPECT_EQ(t, DMA_ALLOC(&ev[0])->kind, DMA_BUF_POOL);
	KTEST_EXPECT_EQ(t, DMA_ALLOC(&ev[0])->pfn, PHYS_PFN(h));
	KTEST_EXPECT_EQ(t, DMA_ALLOC(&ev[0])->count, 3);
	KTEST_EXPECT_NOT_NULL(t, DMA_FREE(&ev[1]));
	trace_format(&ev[0], line, sizeof(line));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, "dma_alloc"));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, "dmatest-pool"));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, "from=pool"));
	KTEST_ASSERT_EQ(t, events_of(from, "dmatest-single"), 2);
	KTEST_ASSERT_NOT_NULL(t, DMA_ALLOC(&ev[0]));
	KTEST_EXPECT_EQ(t, DMA_ALLOC(&ev[0])->kind, DMA_BUF_PAGES);
	KTEST_EXPECT_NOT_NULL(t, DMA_FREE(&ev[1]));
}

/* An event of the tests' own: the ring takes any class. */
struct ring_test_fields {
	unsigned long cpu, count;
};

static void format_ring_test(const void *fields, char *buf, size_t size)
{
	const struct ring_test_fields *f = fields;

	snprintf(buf, size, " cpu=%lu count=%lu", f->cpu, f->count);
}

static const struct trace_class ring_test_class = {
	.name = "ring_test",
	.size = sizeof(struct ring_test_fields),
	.format = format_ring_test,
};

#define RING_TEST(e) trace_event_as(e, ring_test_class, struct ring_test_fields)

static void an_event_is_its_class_name_and_its_own_fields(struct ktest *t)
{
	struct ring_test_fields f = { .cpu = 7, .count = 42 };
	struct trace_event e;
	char line[200];
	u64 from = trace_next_seq();

	trace_record(&ring_test_class, &f);
	KTEST_ASSERT_EQ(t, trace_read(from, &e, 1), 1);
	KTEST_EXPECT_EQ(t, e.seq, from);
	KTEST_EXPECT_TRUE(t, e.class == &ring_test_class);
	KTEST_ASSERT_NOT_NULL(t, RING_TEST(&e));
	KTEST_EXPECT_EQ(t, RING_TEST(&e)->count, 42);
	/* Asked as another class, the fields are not handed out. */
	KTEST_EXPECT_NULL(t, CMA_START(&e));
	trace_format(&e, line, sizeof(line));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " ring_test "));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " cpu=7 count=42"));
	/* A short buffer is cut, never overrun. */
	trace_format(&e, line, 12);
	KTEST_EXPECT_EQ(t, strlen(line), 11);
}

static void the_ring_keeps_the_last_events_and_skips_the_overwritten(struct ktest *t)
{
	struct ring_test_fields f = { 0 };
	struct trace_event *out;
	u64 from = trace_next_seq();
	unsigned int i, n;

	for (i = 0; i < TRACE_RING_SIZE + 10; i++) {
		f.count = i;
		trace_record(&ring_test_class, &f);
	}
	out = kmalloc(sizeof(*out) * TRACE_RING_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, out);
	/* The first 10 were overwritten: reading from the start gets the rest. */
	n = trace_read(from, out, TRACE_RING_SIZE);
	KTEST_EXPECT_EQ(t, n, TRACE_RING_SIZE);
	KTEST_EXPECT_EQ(t, out[0].seq, from + 10);
	KTEST_EXPECT_EQ(t, RING_TEST(&out[0])->count, 10);
	KTEST_EXPECT_EQ(t, RING_TEST(&out[n - 1])->count, TRACE_RING_SIZE + 9);
	KTEST_EXPECT_EQ(t, trace_next_seq(), from + TRACE_RING_SIZE + 10);
	/* Cleared: nothing to read, and the sequence goes on. */
	trace_clear();
	KTEST_EXPECT_EQ(t, trace_read(0, out, TRACE_RING_SIZE), 0);
	trace_record(&ring_test_class, &f);
	n = trace_read(0, out, TRACE_RING_SIZE);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_EQ(t, out[0].seq, from + TRACE_RING_SIZE + 10);
	kfree(out);
}

struct rec_ctx {
	unsigned int per_cpu;
};

static void record_fn(unsigned int cpu, void *arg)
{
	struct rec_ctx *c = arg;
	struct ring_test_fields f = { .cpu = cpu };
	unsigned int i;

	for (i = 0; i < c->per_cpu; i++) {
		f.count = i;
		trace_record(&ring_test_class, &f);
	}
}

static void several_cpus_record_without_losing_or_reusing_a_number(struct ktest *t)
{
	struct rec_ctx c = { .per_cpu = TRACE_RING_SIZE / 8 };
	struct trace_event *out = kmalloc(sizeof(*out) * TRACE_RING_SIZE, GFP_KERNEL);
	unsigned int cpus, n, i, per[8] = { 0 };
	u64 from = trace_next_seq();

	KTEST_ASSERT_NOT_NULL(t, out);
	cpus = arch_smp_run(4, record_fn, &c);
	n = trace_read(from, out, TRACE_RING_SIZE);
	KTEST_EXPECT_EQ(t, n, cpus * c.per_cpu);
	for (i = 0; i < n; i++) {
		const struct ring_test_fields *r = RING_TEST(&out[i]);

		if (!KTEST_EXPECT_EQ(t, out[i].seq, from + i) || !KTEST_EXPECT_NOT_NULL(t, r))
			break;
		if (r->cpu < 8 && r->count == per[r->cpu])
			per[r->cpu]++; /* each CPU's events in its order */
	}
	for (i = 0; i < cpus; i++)
		KTEST_EXPECT_EQ(t, per[i], c.per_cpu);
	kfree(out);
}

static struct ktest_case trace_cases[] = {
	KTEST_CASE(a_device_carve_records_start_finish_and_release),
	KTEST_CASE(a_failed_carve_records_its_error),
	KTEST_CASE(page_allocator_and_pool_buffers_are_traced),
	KTEST_CASE(an_event_is_its_class_name_and_its_own_fields),
	KTEST_CASE(the_ring_keeps_the_last_events_and_skips_the_overwritten),
	KTEST_CASE(several_cpus_record_without_losing_or_reusing_a_number),
	{}
};

static struct ktest_suite trace_suite = {
	.name = "trace",
	.cases = trace_cases,
};
ktest_register(trace_suite);
