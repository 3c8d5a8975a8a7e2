// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the console line parser (init/shell.c): shell_run() reads the
 * input byte by byte through arch_console_getc() (line editing, escape
 * sequences, CR/LF handling) and hands each line to shell_exec_line(),
 * which splits it into words and runs a command.
 *
 * The rest of the kernel is replaced by fakes that find nothing (no
 * region, no device, no memory to carve), so every command runs its
 * argument checks and fails cleanly. Each fake is a "command effect":
 * when one runs, the line being executed is the one whose newline was just
 * read, and when that line was typed as more than SHELL_LINE_MAX - 1
 * plain characters, a cut line is being executed: the target fails.
 */
/* fuzz-sources: init/shell.c init/params.c lib/parse.c lib/string.c */
#define FUZZ_OWN_PRINTK
#include "fuzz.h"

#include <contig/bench.h>
#include <contig/blk_cache.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/device.h>
#include <contig/display.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/idle.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/params.h>
#include <contig/pipeline.h>
#include <contig/reserved_mem.h>
#include <contig/shell.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/trace.h>
#include <contig/vcam.h>
#include <contig/workload.h>

static const uint8_t *in;
static size_t in_size, in_pos;

/* The line just read: plain characters only (no editing), and how many. */
static void effect(void)
{
	size_t end, start, n = 0;

	if (!in_pos)
		return;
	end = in_pos - 1; /* the '\r' or '\n' that ended the line, or EOF */
	if (in_pos <= in_size && end < in_size && (in[end] == '\r' || in[end] == '\n'))
		start = end;
	else
		start = end = in_size;
	while (start > 0 && in[start - 1] != '\r' && in[start - 1] != '\n') {
		uint8_t c = in[start - 1];

		if (c != '\t' && (c < 0x20 || c > 0x7e))
			return; /* edited or with escapes: no simple oracle */
		start--;
		n++;
	}
	if (n >= SHELL_LINE_MAX)
		fuzz_fail("a command ran for a line of %zu characters (at most %d fit): the line was cut",
			  n, SHELL_LINE_MAX - 1);
}

/* ---- the console and the CPU ------------------------------------------------ */

int console_loglevel = LOGLEVEL_DEBUG;

int vprintk_level(int level, const char *fmt, va_list ap)
{
	char buf[512];

	return vsnprintf(buf, sizeof(buf), fmt, ap);
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

int arch_console_getc(void)
{
	if (in_pos >= in_size) {
		in_pos = in_size + 1;
		return ARCH_CONSOLE_EOF;
	}
	return in[in_pos++];
}

void arch_cpu_relax(void) {}
unsigned int arch_cpu_id(void) { return 0; }
unsigned long arch_irq_save(void) { return 0; }
void arch_irq_restore(unsigned long flags) {}
u64 arch_clock_ns(void) { return 0; }
unsigned int spin_held[CONFIG_NR_CPUS];
void spin_debug_irq_usage_slow(spinlock_t *lock, bool in_irq, bool irqs_off) {}
unsigned int irq_nesting[CONFIG_NR_CPUS];
bool arch_irqs_disabled(void) { return true; }

/* ---- an mm with no region, no device and no memory --------------------------- */

struct page *mem_map;
unsigned long min_low_pfn;
struct zone zones[MAX_NR_ZONES];
unsigned int nr_zones;
const char *const migratetype_names[MIGRATE_TYPES];
const char *const cma_dev_source_names[] = { "", "", "", "", "", "" };

unsigned long totalram_pages(void) { effect(); return 1UL << 16; }
void meminfo_print(void) { effect(); }
unsigned long mm_check_consistency(bool verbose) { effect(); return 0; }
void kmalloc_stats(unsigned long *objects, unsigned long *pages) { effect(); *objects = *pages = 0; }
int get_pageblock_migratetype(unsigned long pfn) { effect(); return 0; }
int ktest_run(const char *filter) { effect(); return 0; }
int bench_run(const char *name, const char *region, u64 take_bytes) { effect(); return -EINVAL; }
int capture_shell(int argc, char **argv) { effect(); return -ENODEV; }
int display_shell(int argc, char **argv) { effect(); return -ENODEV; }
int pipeline_shell(int argc, char **argv) { effect(); return -ENODEV; }
int playback_shell(int argc, char **argv) { effect(); return -ENODEV; }
int blk_cache_shell(int argc, char **argv) { effect(); return -EINVAL; }
void cma_print_borrow(void) { effect(); }
bool idle_work(void) { return false; }
void trace_clear(void) { effect(); }
void trace_print(unsigned int n) { effect(); }

struct cma *cma_find(const char *name) { effect(); return NULL; }
struct cma *cma_area(unsigned int i) { effect(); return NULL; }
unsigned int cma_area_count(void) { effect(); return 0; }
struct cma *cma_default_area(void) { effect(); return NULL; }
const char *cma_get_name(const struct cma *cma) { effect(); return "?"; }
phys_addr_t cma_get_base(const struct cma *cma) { effect(); return 0; }
phys_addr_t cma_get_size(const struct cma *cma) { effect(); return 0; }
bool cma_is_default(const struct cma *cma) { effect(); return false; }
void cma_get_stats(struct cma *cma, struct cma_stats *st) { effect(); memset(st, 0, sizeof(*st)); }
struct page *cma_alloc(struct cma *cma, unsigned long count, unsigned int align,
		       unsigned int flags) { effect(); return NULL; }
bool cma_release(struct cma *cma, const struct page *pages, unsigned long count)
{ effect(); return false; }
unsigned int cma_map_lookup(const char *dev_name, const char *type, struct cma **out,
			    unsigned int max) { effect(); return 0; }

struct device *device_find(const char *name) { effect(); return NULL; }
int device_for_each(int (*fn)(struct device *dev, void *arg), void *arg) { effect(); return 0; }
const char *device_state_name(enum device_state state) { effect(); return "?"; }
bool cma_dev_bound(struct device *dev, struct dma_coherent_pool **pool) { effect(); return false; }
bool cma_dev_holds(struct device *dev, struct page *pages, unsigned long count)
{ effect(); return false; }
bool cma_dev_release(struct device *dev, struct page *pages, unsigned long count)
{ effect(); return false; }
struct page *cma_dev_alloc(struct device *dev, const char *type, unsigned long count,
			   unsigned int align, unsigned int flags, struct cma **from)
{ effect(); return NULL; }
unsigned int cma_dev_regions(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source) { effect(); return 0; }
unsigned int cma_dev_resolve(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source) { effect(); return 0; }
void cma_dev_moved_pages(struct device *dev, const char *type, unsigned long *migrated,
			 unsigned long *discarded) { effect(); *migrated = *discarded = 0; }
bool cma_dev_region_usable(const struct device *dev, const struct cma *cma)
{ effect(); return false; }
void cma_dev_info_regions(struct cma *const *regions, unsigned int n, struct cma_dev_info *info)
{ effect(); memset(info, 0, sizeof(*info)); }
void cma_dev_print_holders(struct cma *cma) { effect(); }
void dma_buffer_count(struct device *dev, unsigned long *buffers, unsigned long *pages)
{ effect(); *buffers = *pages = 0; }
void dma_buffer_print(struct device *dev) { effect(); }
void dma_pool_get_info(struct dma_coherent_pool *pool, struct dma_pool_info *info)
{ effect(); memset(info, 0, sizeof(*info)); }

struct workload *workload_create(const char *name, enum workload_kind kind,
				 unsigned long chunk_pages, gfp_t gfp) { effect(); return NULL; }
void workload_destroy(struct workload *wl) { effect(); }
unsigned long workload_fill_bytes(struct workload *wl, u64 bytes) { effect(); return 0; }
unsigned long workload_fill_cma(struct workload *wl, struct cma *cma, unsigned int pct,
				u64 max_bytes) { effect(); return 0; }
unsigned int workload_nr_chunks(const struct workload *wl) { effect(); return 0; }
unsigned long workload_nr_pages(const struct workload *wl) { effect(); return 0; }
unsigned long workload_pages_in_range(const struct workload *wl, unsigned long start_pfn,
				      unsigned long end_pfn) { effect(); return 0; }
unsigned long workload_verify(struct workload *wl) { effect(); return 0; }

/* ---- the target ------------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = data;
	in_size = size;
	in_pos = 0;
	parse_early_params("shell_echo=1");
	shell_run(0);
	shell_reset();
	return 0;
}
