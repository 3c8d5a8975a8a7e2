// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CMA trace events (include/contig/trace/cma.h): their classes, how
 * each prints, and the calls mm/cma.c makes to record them. A printed
 * event reads "<region> <owner>" and then its own fields, e.g.
 *
 *   cma_alloc_finish camera         dmatest-named          pages=512 pfn=0x76200 latency=812us ...
 */
#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/trace/cma.h>

/* The region and owner columns; returns how much it wrote (or would have). */
static size_t format_who(const struct trace_cma_who *who, char *buf,
			 size_t size)
{
	return (size_t)snprintf(buf, size, " %-14s %-22s",
				who->cma ? cma_get_name(who->cma) : "-",
				who->owner);
}

static void format_start(const void *fields, char *buf, size_t size)
{
	const struct trace_cma_alloc_start *e = fields;
	size_t len = format_who(&e->who, buf, size);

	if (len < size)
		snprintf(buf + len, size - len, " pages=%lu align=%u", e->count,
			 e->align);
}

static void format_busy(const void *fields, char *buf, size_t size)
{
	const struct trace_cma_alloc_busy *e = fields;
	size_t len = format_who(&e->who, buf, size);

	if (len < size)
		snprintf(buf + len, size - len,
			 " window=%#lx blocked=%#lx reason=%s", e->window_pfn,
			 e->blocked_pfn,
			 (unsigned int)e->reason < NR_MIGRATE_REASONS ?
				 migrate_reason_names[e->reason] :
				 "?");
}

static void format_finish(const void *fields, char *buf, size_t size)
{
	const struct trace_cma_alloc_finish *e = fields;
	size_t len = format_who(&e->who, buf, size);

	if (len >= size)
		return;
	buf += len;
	size -= len;
	if (e->result)
		snprintf(
			buf, size,
			" pages=%lu FAILED %s (%d) latency=%lluus migrated=%lu discarded=%lu busy=%lu",
			e->count, errname(e->result), e->result,
			(unsigned long long)(e->latency_ns / 1000), e->migrated,
			e->discarded, e->busy);
	else
		snprintf(
			buf, size,
			" pages=%lu pfn=%#lx latency=%lluus migrated=%lu discarded=%lu busy=%lu",
			e->count, e->pfn,
			(unsigned long long)(e->latency_ns / 1000), e->migrated,
			e->discarded, e->busy);
}

static void format_release(const void *fields, char *buf, size_t size)
{
	const struct trace_cma_release *e = fields;
	size_t len = format_who(&e->who, buf, size);

	if (len < size)
		snprintf(buf + len, size - len, " pfn=%#lx pages=%lu", e->pfn,
			 e->count);
}

const struct trace_class trace_cma_alloc_start_class = {
	.name = "cma_alloc_start",
	.size = sizeof(struct trace_cma_alloc_start),
	.format = format_start,
};
const struct trace_class trace_cma_alloc_busy_class = {
	.name = "cma_alloc_busy",
	.size = sizeof(struct trace_cma_alloc_busy),
	.format = format_busy,
};
const struct trace_class trace_cma_alloc_finish_class = {
	.name = "cma_alloc_finish",
	.size = sizeof(struct trace_cma_alloc_finish),
	.format = format_finish,
};
const struct trace_class trace_cma_release_class = {
	.name = "cma_release",
	.size = sizeof(struct trace_cma_release),
	.format = format_release,
};

static void set_who(struct trace_cma_who *who, const struct cma *cma,
		    const char *owner)
{
	who->cma = cma;
	trace_copy_name(who->owner, owner);
}

/** trace_cma_alloc_start - a carve of @count pages aligned to 2^@align begins */
void trace_cma_alloc_start(const struct cma *cma, const char *owner,
			   unsigned long count, unsigned int align)
{
	struct trace_cma_alloc_start e = { .count = count, .align = align };

	BUILD_BUG_ON(sizeof(e) > TRACE_FIELDS_MAX);
	set_who(&e.who, cma, owner);
	trace_record(&trace_cma_alloc_start_class, &e);
}

/** trace_cma_alloc_busy - the window at @window_pfn was given up: @blocked_pfn, @reason */
void trace_cma_alloc_busy(const struct cma *cma, const char *owner,
			  unsigned long window_pfn, unsigned long blocked_pfn,
			  enum migrate_reason reason)
{
	struct trace_cma_alloc_busy e = { .window_pfn = window_pfn,
					  .blocked_pfn = blocked_pfn,
					  .reason = reason };

	BUILD_BUG_ON(sizeof(e) > TRACE_FIELDS_MAX);
	set_who(&e.who, cma, owner);
	trace_record(&trace_cma_alloc_busy_class, &e);
}

/** trace_cma_alloc_finish - a carve ended: @f has its outcome (who is set here) */
void trace_cma_alloc_finish(const struct cma *cma, const char *owner,
			    struct trace_cma_alloc_finish *f)
{
	BUILD_BUG_ON(sizeof(*f) > TRACE_FIELDS_MAX);
	set_who(&f->who, cma, owner);
	trace_record(&trace_cma_alloc_finish_class, f);
}

/** trace_cma_release - @count pages at @pfn went back to @cma */
void trace_cma_release(const struct cma *cma, const char *owner,
		       unsigned long pfn, unsigned long count)
{
	struct trace_cma_release e = { .pfn = pfn, .count = count };

	BUILD_BUG_ON(sizeof(e) > TRACE_FIELDS_MAX);
	set_who(&e.who, cma, owner);
	trace_record(&trace_cma_release_class, &e);
}
