// SPDX-License-Identifier: GPL-2.0-only
/*
 * The private world of the mm unit tests (world.h): the port underneath
 * the real mm code, the world's construction from a layout, and the
 * "tpage" movable owner.
 *
 * The port is the hosted port's memory model (simulated RAM in an arena,
 * asm/memory.h's linear map, arch/host/vm.c's window for anon) with one
 * CPU and a simulated clock: arch_cpu_relax() advances it by
 * WORLD_RELAX_NS, so a carve that waits for a pin waits the same number of
 * passes on any machine, however loaded, and a test can assert how long.
 * Everything printed goes into W->log; a panic fails the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

#include <contig/alloc_contig.h>
#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include <contig/irq.h>
#include <contig/memblock.h>
#include <contig/mm_debug.h>
#include <contig/printk.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/trace.h>
#include "../../../mm/internal.h"

/* tpage n holds TPAGE_ID_BASE + n in its first word. */
#define TPAGE_ID_BASE 0x7e570000UL
/* How far one arch_cpu_relax() moves the simulated clock. */
#define WORLD_RELAX_NS 10000ULL
/* RAM: the layout's pageblocks and the kernel's pageblock above them. */
#define ARENA_PAGES ((WORLD_MAX_PB + 1) * pageblock_nr_pages)

struct world *W;
static struct world the_world;
static unsigned char arena[ARENA_PAGES * PAGE_SIZE] __attribute__((aligned(4096)));

/* ---- the port ------------------------------------------------------- */

uintptr_t host_linear_offset;
phys_addr_t host_ram_start, host_ram_end;
void *host_arena = arena;
size_t host_arena_size = sizeof(arena);
unsigned int irq_nesting[CONFIG_NR_CPUS];
int console_loglevel = LOGLEVEL_DEBUG;
static unsigned long irqs_masked;

void host_vm_init(void);

u64 arch_clock_ns(void)
{
	return W ? W->clock_ns : 0;
}

void arch_cpu_relax(void)
{
	if (W)
		W->clock_ns += WORLD_RELAX_NS;
}

unsigned int arch_cpu_id(void)
{
	return 0;
}

unsigned int arch_nr_cpus(void)
{
	return 1;
}

bool arch_send_call_ipi(unsigned int cpu)
{
	return false;
}

unsigned long arch_irq_save(void)
{
	unsigned long old = irqs_masked;

	irqs_masked = 1;
	return old;
}

void arch_irq_restore(unsigned long flags)
{
	irqs_masked = flags;
}

bool arch_irqs_disabled(void)
{
	return irqs_masked;
}

void arch_copy_pages(void *dst, const void *src, size_t size)
{
	memcpy(dst, src, size);
}

void arch_zero_pages(void *va, size_t size)
{
	memset(va, 0, size);
}

void arch_copy_clear_pages(void *dst, void *src, size_t size)
{
	memcpy(dst, src, size);
	memset(src, 0, size);
}

void arch_dump_stack(void)
{
}

void host_bad_phys(phys_addr_t pa)
{
	fail_msg("bad physical address %#llx", (unsigned long long)pa);
	abort();
}

void host_bad_virt(const void *va)
{
	fail_msg("bad virtual address %p", va);
	abort();
}

/* arch/host/vm.c's arch_paging_init() and error exits (unused here). */
void host_linear_init(void)
{
}

void host_emergency(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void host_die(void)
{
	abort();
}

int vprintk_level(int level, const char *fmt, va_list ap)
{
	struct world *w = W ? W : &the_world;
	int n = vsnprintf(w->log + w->log_len, sizeof(w->log) - w->log_len, fmt, ap);

	if (n > 0)
		w->log_len = min(w->log_len + (size_t)n, sizeof(w->log) - 1);
	return n;
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(level, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(LOGLEVEL_INFO, fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fail_msg("panic: %s", buf);
	abort();
}

/* kmalloc: the C library's, so the world's pages are the tests' alone. */
void kmalloc_init(void)
{
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size ? size : 1);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return calloc(n ? n : 1, size ? size : 1);
}

void kfree(const void *ptr)
{
	free((void *)ptr);
}

/* ---- tpage: the world's own movable owner ------------------------------ */

static bool tpage_isolate(struct page *page)
{
	struct tpage *tp = page_movable_record(page);

	tp->isolations++;
	if (tp->kind == TP_PINNED) {
		if (tp->release_after && --tp->release_after == 0)
			tp->kind = TP_MOVABLE;
		return false;
	}
	SetPageIsolated(page);
	return true;
}

static int tpage_migrate(struct page *dst, struct page *src)
{
	struct tpage *tp = page_movable_record(src);

	if (tp->kind == TP_BUSY)
		return -EAGAIN;
	arch_copy_page(page_address(dst), page_address(src));
	if (PageDirty(src))
		SetPageDirty(dst);
	ClearPageDirty(src);
	page_move_movable(dst, src);
	tp->page = dst;
	tp->moves++;
	return 0;
}

static void tpage_putback(struct page *page)
{
	ClearPageIsolated(page);
}

static int tpage_discard(struct page *page)
{
	struct tpage *tp = page_movable_record(page);

	if (tp->kind != TP_CLEAN)
		return -EBUSY;
	page_clear_movable(page);
	ClearPageIsolated(page);
	tp->page = NULL;
	tp->discarded = true;
	return 0;
}

static void tpage_describe(struct page *page, char *buf, size_t size)
{
	struct tpage *tp = page_movable_record(page);

	snprintf(buf, size, "tpage %lu (%c)", tp->id - TPAGE_ID_BASE, tp->kind);
}

static const struct movable_operations tpage_ops = {
	.name = "tpage",
	.isolate_page = tpage_isolate,
	.migrate_page = tpage_migrate,
	.putback_page = tpage_putback,
	.discard_page = tpage_discard,
	.describe_page = tpage_describe,
};

/*
 * Take free frame @pfn out of the buddy: the block holding it is split,
 * the other parts go back to the same list. The frame ends as a page
 * alloc_page() would return (refcount 1, no flags).
 */
static struct page *claim(unsigned long pfn)
{
	struct zone *zone = pfn_zone(pfn);
	unsigned long flags, head;
	struct page *page;
	unsigned int order;
	int mt;

	assert_non_null(zone);
	drain_all_pages();
	spin_lock_irqsave(&zone->lock, flags);
	head = find_free_block_locked(zone, pfn);
	if (head == ~0UL) {
		spin_unlock_irqrestore(&zone->lock, flags);
		fail_msg("pfn %#lx is not free: cannot place a page there", pfn);
	}
	page = pfn_to_page(head);
	order = page_order(page);
	mt = (int)page->private;
	del_free_block_locked(zone, page);
	while (order) {
		unsigned long half;

		order--;
		half = head + (1UL << order);
		if (pfn >= half) {
			add_free_block_locked(zone, head, order, mt);
			head = half;
		} else {
			add_free_block_locked(zone, half, order, mt);
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	page = pfn_to_page(pfn);
	set_page_count(page, 1);
	return page;
}

struct tpage *place(unsigned long pfn, enum tpage_kind kind)
{
	struct page *page = claim(pfn);
	struct tpage *tp;

	if (kind == TP_KERNEL)
		return NULL;
	tp = calloc(1, sizeof(*tp));
	assert_non_null(tp);
	assert_true(W->nr_tp < ARRAY_SIZE(W->tp));
	tp->page = page;
	tp->kind = kind;
	tp->id = TPAGE_ID_BASE + W->nr_tp;
	*(unsigned long *)page_address(page) = tp->id;
	W->tp[W->nr_tp++] = tp;
	if (kind == TP_LONGTERM)
		SetPagePinned(page);
	/* Only a clean page may be dropped (count_target_needs() relies on it). */
	if (kind != TP_CLEAN)
		SetPageDirty(page);
	page_set_movable(page, PGOWNER_TEST, tp);
	return tp;
}

void place_run(unsigned long pfn, unsigned long nr, enum tpage_kind kind)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		place(pfn + i, kind);
}

void tpage_unpin(struct tpage *tp)
{
	if (tp->kind == TP_LONGTERM)
		ClearPagePinned(tp->page);
	tp->kind = TP_MOVABLE;
}

void tpage_free(struct tpage *tp)
{
	if (!tp->page)
		return;
	ClearPagePinned(tp->page);
	ClearPageDirty(tp->page);
	page_clear_movable(tp->page);
	put_page(tp->page);
	tp->page = NULL;
}

bool tpages_intact(void)
{
	unsigned int i;

	for (i = 0; i < W->nr_tp; i++) {
		struct tpage *tp = W->tp[i];

		if (tp->page && *(unsigned long *)page_address(tp->page) != tp->id)
			return false;
	}
	return true;
}

/* ---- the world -------------------------------------------------------- */

static void declare_area(const char *layout_pbs, unsigned int nr, char letter,
			 const char *name, unsigned int order_per_bit, struct cma **out)
{
	unsigned int i, first = nr, count = 0;
	struct cma_decl decl = { .name = name, .fixed = true, .origin = "the world's layout",
				 .order_per_bit = order_per_bit };

	for (i = 0; i < nr; i++) {
		if (layout_pbs[i] != letter)
			continue;
		if (first == nr)
			first = i;
		assert_int_equal(i, first + count); /* adjacent */
		count++;
	}
	*out = NULL;
	if (!count)
		return;
	decl.base = PFN_PHYS(W->base_pfn + (unsigned long)first * pageblock_nr_pages);
	decl.size = PFN_PHYS((unsigned long)count * pageblock_nr_pages);
	assert_int_equal(cma_declare(&decl, out), 0);
}

void world_create(const char *layout)
{
	world_create_bits(layout, 0);
}

void world_create_bits(const char *layout, unsigned int order_per_bit)
{
	static bool window_ready;
	char pbs[WORLD_MAX_PB + 1];
	unsigned long kpfn, pfn, flags;
	unsigned int nr = 0, i;
	struct zone *zone;

	for (i = 0; layout[i]; i++)
		if (layout[i] != ' ') {
			assert_true(nr < WORLD_MAX_PB);
			assert_non_null(strchr("MUCD", layout[i]));
			pbs[nr++] = layout[i];
		}
	pbs[nr] = 0;
	W = &the_world;
	memset(W, 0, sizeof(*W));
	W->nr_pb = nr;
	W->base_pfn = PHYS_PFN(WORLD_RAM_BASE);
	/* A second after boot: 0 is no time a running kernel ever reads. */
	W->clock_ns = WORLD_CLOCK_START_NS;

	host_ram_start = WORLD_RAM_BASE;
	host_ram_end = WORLD_RAM_BASE + sizeof(arena);
	host_linear_offset = (uintptr_t)arena - (uintptr_t)WORLD_RAM_BASE;
	memblock_reset();
	cma_reset_areas();
	fail_inject_clear();
	trace_clear();
	contig_pin_wait_ms = CONFIG_CMA_PIN_WAIT_MS;

	/* The layout and, above it, the kernel's pageblock. */
	assert_int_equal(memblock_add(WORLD_RAM_BASE,
				      PFN_PHYS((unsigned long)(nr + 1) * pageblock_nr_pages)), 0);
	declare_area(pbs, nr, 'C', "cma0", order_per_bit, &W->cma[0]);
	declare_area(pbs, nr, 'D', "cma1", order_per_bit, &W->cma[1]);
	mm_core_init();
	assert_int_equal(nr_zones, 1);
	zone = W->zone = &zones[0];
	if (!window_ready) {
		/* The anon window spans the whole arena: once per process. */
		host_vm_init();
		movable_owners_init();
		window_ready = true;
	}
	register_movable_ops(PGOWNER_TEST, &tpage_ops);
	cma_activate_areas();

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < nr; i++) {
		if (pbs[i] == 'U') {
			set_pageblock_migratetype_locked(pb_pfn(i), MIGRATE_UNMOVABLE);
			move_freepages_block_locked(zone, pb_pfn(i), MIGRATE_UNMOVABLE);
		}
	}
	kpfn = pb_pfn(nr);
	set_pageblock_migratetype_locked(kpfn, MIGRATE_UNMOVABLE);
	move_freepages_block_locked(zone, kpfn, MIGRATE_UNMOVABLE);
	spin_unlock_irqrestore(&zone->lock, flags);
	/* Whatever the memmap left free there is the kernel's. */
	for (pfn = kpfn; pfn < kpfn + pageblock_nr_pages; pfn++)
		if (!PageReserved(pfn_to_page(pfn)))
			claim(pfn);
	zone->min_pages = 0;
	assert_int_equal(zone->free_pages, (unsigned long)nr * pageblock_nr_pages);
}

void world_destroy(void)
{
	unsigned long vpn;
	unsigned int i;

	if (!W)
		return;
	drain_all_pages();
	/* Whatever a test did, the allocator and the areas must be consistent, */
	assert_int_equal(page_alloc_check(true), 0);
	assert_int_equal(cma_check(true), 0);
	/* no pageblock may stay isolated, and no anon area may outlive it. */
	for (i = 0; i < W->nr_pb; i++)
		assert_int_not_equal(get_pageblock_migratetype(pb_pfn(i)), MIGRATE_ISOLATE);
	for (vpn = 0; vpn < arch_vm_window_pages(); vpn++)
		assert_int_equal(arch_vm_lookup(vpn), ARCH_VM_NO_PFN);
	for (i = 0; i < W->nr_tp; i++)
		free(W->tp[i]);
	cma_reset_areas();
	memblock_reset();
	W = NULL;
}

int world_setup(void **state)
{
	world_create(*state);
	return 0;
}

int world_teardown(void **state)
{
	world_destroy();
	return 0;
}

/* The letter of allocated page @page (see world.h). */
static char page_letter(struct page *page)
{
	u32 f = page_flags(page);
	struct tpage *tp;

	if (f & (1u << PG_contig))
		return 'A';
	if (!(f & (1u << PG_movable)))
		return 'k';
	if (page_owner_type(page) != PGOWNER_TEST)
		return 'o';
	tp = page_movable_record(page);
	return (char)tp->kind;
}

/* Letters of the pages of pageblock @pb: '.' free, else page_letter(). */
static void pageblock_letters(unsigned int pb, char *out)
{
	unsigned long pfn = pb_pfn(pb), end = pfn + pageblock_nr_pages;

	memset(out, '.', pageblock_nr_pages);
	while (pfn < end) {
		struct page *page = pfn_to_page(pfn);
		u32 f = page_flags(page);
		unsigned long nr = 1;

		if (f & (1u << PG_buddy)) {
			nr = 1UL << page_order(page);
		} else if (!(f & (1u << PG_pcp)) && page_ref_count(page)) {
			/* The tails of an allocated block carry nothing of their own. */
			if (f & (1u << PG_head))
				nr = 1UL << page_order(page);
			memset(out + (pfn - pb_pfn(pb)), page_letter(page),
			       min(nr, end - pfn));
		}
		pfn += nr;
	}
}

const char *world_map(void)
{
	static const char mt_letter[MIGRATE_TYPES] = { 'U', 'M', 'C', 'I' };
	char letters[pageblock_nr_pages];
	unsigned int pb;
	size_t n = 0;

	for (pb = 0; pb < W->nr_pb; pb++) {
		unsigned long c;

		if (pb)
			W->map[n++] = ' ';
		W->map[n++] = mt_letter[get_pageblock_migratetype(pb_pfn(pb))];
		W->map[n++] = '[';
		pageblock_letters(pb, letters);
		for (c = 0; c < pageblock_nr_pages; c += WORLD_CELL) {
			unsigned long i = 0;

			while (i < WORLD_CELL - 1 && letters[c + i] == '.')
				i++;
			W->map[n++] = letters[c + i];
		}
		W->map[n++] = ']';
	}
	W->map[n] = 0;
	return W->map;
}

unsigned long free_of(int mt)
{
	unsigned long n = 0;
	unsigned int o;

	drain_all_pages();
	for (o = 0; o < MAX_ORDER; o++)
		n += W->zone->free_area[o].nr_free[mt] << o;
	return n;
}

unsigned long blocks_of(unsigned int order, int mt)
{
	drain_all_pages();
	return W->zone->free_area[order].nr_free[mt];
}

unsigned long count_contig(unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (; start < end; start++)
		n += PageContig(pfn_to_page(start));
	return n;
}

bool log_has(const char *needle)
{
	return strstr(W->log, needle) != NULL;
}
