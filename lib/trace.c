// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace ring buffer (include/contig/trace.h). It knows no event: each
 * subsystem defines its own (a class and typed fields, beside the code it
 * traces), and the ring copies the fields and formats them through the
 * class.
 *
 * A static array of TRACE_RING_SIZE events; event number seq lives in slot
 * seq % TRACE_RING_SIZE, so the ring always holds the last events recorded
 * and a reader asking for older ones learns how many were overwritten.
 * trace_lock guards the array and the counters; recording is a copy under
 * it, so any CPU may record at any time (never from an interrupt handler:
 * the lock does not mask interrupts). Readers copy events out under the
 * lock and format them outside it.
 */
#define pr_fmt(fmt) "trace: " fmt

#include <contig/arch.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/trace.h>

static DEFINE_SPINLOCK(trace_lock);
static struct trace_event ring[TRACE_RING_SIZE];
static u64 next_seq = 1;  /* guarded by trace_lock */
static u64 first_kept = 1; /* oldest seq not cleared, guarded by trace_lock */

/**
 * trace_record - append an event to the ring
 * @class: what happened (its name, the size of its fields, its formatter)
 * @fields: @class->size bytes, copied
 */
void trace_record(const struct trace_class *class, const void *fields)
{
	u64 ts = arch_clock_ns();
	unsigned int cpu = arch_cpu_id();
	struct trace_event *ev;

	ASSERT_MSG(class->size <= TRACE_FIELDS_MAX, "event %s has %zu bytes of fields",
		   class->name, class->size);
	spin_lock(&trace_lock);
	ev = &ring[next_seq % TRACE_RING_SIZE];
	ev->seq = next_seq++;
	ev->ts_ns = ts;
	ev->cpu = cpu;
	ev->class = class;
	memcpy(ev->fields, fields, class->size);
	spin_unlock(&trace_lock);
}

/** trace_next_seq - the sequence number the next event will get */
u64 trace_next_seq(void)
{
	u64 seq;

	spin_lock(&trace_lock);
	seq = next_seq;
	spin_unlock(&trace_lock);
	return seq;
}

/** trace_clear - forget every event recorded so far */
void trace_clear(void)
{
	spin_lock(&trace_lock);
	first_kept = next_seq;
	spin_unlock(&trace_lock);
}

/* Oldest seq the ring still holds. Caller holds trace_lock. */
static u64 oldest_locked(void)
{
	assert_spin_locked(&trace_lock);
	return max(first_kept, next_seq > TRACE_RING_SIZE ? next_seq - TRACE_RING_SIZE : 1);
}

/**
 * trace_read - copy events out of the ring, oldest first
 * @from: the first sequence number wanted (older ones that were
 *        overwritten or cleared are skipped)
 * @out: where to copy
 * @max: capacity of @out
 *
 * Return: how many events were copied.
 */
unsigned int trace_read(u64 from, struct trace_event *out, unsigned int max)
{
	unsigned int n = 0;
	u64 seq;

	spin_lock(&trace_lock);
	for (seq = max(from, oldest_locked()); seq < next_seq && n < max; seq++)
		out[n++] = ring[seq % TRACE_RING_SIZE];
	spin_unlock(&trace_lock);
	return n;
}

/**
 * trace_format - one event as text
 * @ev: the event
 * @buf: where to write (no newline)
 * @size: its size
 */
void trace_format(const struct trace_event *ev, char *buf, size_t size)
{
	size_t len;

	len = (size_t)snprintf(buf, size, "%6llu %8llu.%06llu cpu%u %-16s",
			       (unsigned long long)ev->seq,
			       (unsigned long long)(ev->ts_ns / 1000000000ULL),
			       (unsigned long long)(ev->ts_ns / 1000 % 1000000), ev->cpu,
			       ev->class->name);
	if (len < size && ev->class->format)
		ev->class->format(ev->fields, buf + len, size - len);
}

/**
 * trace_print - print the last @n events, oldest first
 * @n: how many (0: every event the ring holds)
 */
void trace_print(unsigned int n)
{
	struct trace_event chunk[8];
	char line[200];
	u64 from, next, oldest;
	unsigned int got, i;

	spin_lock(&trace_lock);
	next = next_seq;
	oldest = oldest_locked();
	spin_unlock(&trace_lock);
	from = oldest;
	if (n && next - oldest > n)
		from = next - n;
	printk("%llu event(s) recorded, %llu kept, showing %llu (seq time cpu event ...)\n",
	       (unsigned long long)(next - 1), (unsigned long long)(next - oldest),
	       (unsigned long long)(next - from));
	while (from < next) {
		got = trace_read(from, chunk, ARRAY_SIZE(chunk));
		if (!got)
			break;
		for (i = 0; i < got; i++) {
			if (chunk[i].seq >= next)
				return; /* recorded while printing */
			trace_format(&chunk[i], line, sizeof(line));
			printk("%s\n", line);
		}
		from = chunk[got - 1].seq + 1;
	}
}
