// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "cma_view": the CMA region view (drivers/video/cma_view.c).
 *
 * The layout fits every region and the legend on the screen with the
 * fewest pages a cell. Then a known state is made in the "camera" region
 * (which must be empty): a buffer carved for the device dmatest-named, a
 * carve by no device, the region's last pageblock isolated, anonymous
 * pages, clean cache pages and one dirty cache page borrowed into it
 * (policy prefer, the other regions' free runs carved away meanwhile).
 * Every cell of the region must have the state the test computes from
 * what it made, with the view's precedence; the view is then drawn and
 * flipped, and the test prints what it made as page ranges,
 *   cma_view_test: state REGION KIND[:DEVICE] FIRST_PFN-END_PFN
 * beside the view's geometry and cells, and undoes it all. The picture
 * stays on the screen: scripts/cmaview_check.py (suite cmaview) takes the
 * screendump and checks every pixel against the state it read.
 */
#define pr_fmt(fmt) "cma_view_test: " fmt

#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/cma_view.h>
#include <contig/device.h>
#include <contig/display.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/movable.h>
#include <contig/page-isolation.h>
#include <contig/printk.h>
#include <contig/string.h>

#include "cma_block.h"

#define VIEW_REGION "camera"
#define VIEW_DEVICE "dmatest-named"
#define VIEW_TYPE "capture"
#define DEV_PAGES 256
#define NODEV_PAGES 128
#define ANON_PAGES 512
#define CACHE_PAGES 192
#define MAX_REGION_PAGES 16384

static struct cma_view_snapshot snap;
static u8 want_page[MAX_REGION_PAGES];
static u8 page[PAGE_SIZE];

static void the_layout_fits_every_region_with_the_fewest_pages_a_cell(struct ktest *t)
{
	unsigned int i, bottom;

	if (cma_view_layout(640, 480, &snap) == -ENODEV) {
		ktest_skip(t, "no CMA region");
		return;
	}
	KTEST_ASSERT_EQ(t, cma_view_layout(640, 480, &snap), 0);
	KTEST_EXPECT_EQ(t, snap.cell_pages & (snap.cell_pages - 1), 0);
	KTEST_EXPECT_EQ(t, snap.pitch, CMA_VIEW_PITCH);
	bottom = CMA_VIEW_TOP;
	for (i = 0; i < snap.nr_regions; i++) {
		const struct cma_view_region *r = &snap.region[i];

		KTEST_EXPECT_EQ(t, r->label_y, bottom);
		KTEST_EXPECT_EQ(t, r->cells, DIV_ROUND_UP(r->nr_pages, snap.cell_pages));
		KTEST_EXPECT_GE(t, r->rows * snap.cols, r->cells);
		KTEST_EXPECT_LT(t, (r->rows - 1) * snap.cols, r->cells);
		bottom = r->grid_y + r->rows * snap.pitch + CMA_VIEW_GAP;
	}
	KTEST_EXPECT_EQ(t, snap.legend_y, bottom);
	KTEST_EXPECT_LE(t, snap.legend_y + CMA_VIEW_LEGEND_LINES * CMA_VIEW_LINE, 480);
	/* Half the pages a cell would not fit. */
	if (snap.cell_pages > 1) {
		unsigned long cells = 0;

		bottom = CMA_VIEW_TOP;
		for (i = 0; i < snap.nr_regions; i++) {
			unsigned long c = DIV_ROUND_UP(snap.region[i].nr_pages, snap.cell_pages / 2);

			cells += c;
			bottom += CMA_VIEW_LINE + DIV_ROUND_UP(c, snap.cols) * snap.pitch + CMA_VIEW_GAP;
		}
		KTEST_EXPECT_TRUE(t, bottom + CMA_VIEW_LEGEND_LINES * CMA_VIEW_LINE > 480 ||
					     cells > CMA_VIEW_MAX_CELLS);
	}
	/* Too small a screen is refused. */
	KTEST_EXPECT_EQ(t, cma_view_layout(100, 480, &snap), -ENOSPC);
}

static unsigned int rank(unsigned int state)
{
	if (state == CMA_VIEW_ISOLATED)
		return 6;
	if (state >= CMA_VIEW_CARVED)
		return 5;
	return state + 1;
}

static void mark(unsigned long base, unsigned long pfn, unsigned long n, unsigned int state)
{
	while (n--)
		want_page[pfn++ - base] = (u8)state;
}

static const char *kind_name(unsigned int state, char *buf, size_t size, const char *dev)
{
	static const char *const names[] = { "free", "cache", "movable", "other", "carved" };

	if (state == CMA_VIEW_ISOLATED)
		return "isolated";
	if (state >= CMA_VIEW_DEVICE) {
		snprintf(buf, size, "carved:%s", dev);
		return buf;
	}
	return names[state];
}

static int cache_fill(void *buf, unsigned long index, void *priv)
{
	memset(buf, (int)(index & 0xff), PAGE_SIZE);
	return 0;
}

static void a_known_state_shows_in_every_cell_and_on_the_screen(struct ktest *t)
{
	struct cma *cma = cma_find(VIEW_REGION);
	struct device *dev = device_find(VIEW_DEVICE);
	struct display *d = display_find(NULL);
	struct cma_policy_save saved;
	unsigned long base, end, pfn, busy, iso, i, devidx = ~0UL;
	struct page *dev_page = NULL, *nodev_page = NULL;
	struct anon_area *anon = NULL;
	struct pcache *pc = NULL;
	struct cma_blockers blk;
	struct cma_stats st;
	const struct cma_view_region *r = NULL;
	struct cma *from = NULL;
	bool isolated = false;
	char dbuf[40];
	int ret;

	if (!cma || !dev || !d) {
		ktest_skip(t, "needs region %s, device %s and a display", VIEW_REGION, VIEW_DEVICE);
		return;
	}
	base = PHYS_PFN(cma_get_base(cma));
	end = base + PHYS_PFN(cma_get_size(cma));
	cma_get_stats(cma, &st);
	if (end - base > MAX_REGION_PAGES || end - base < 4 * pageblock_nr_pages) {
		ktest_skip(t, "region %s has %lu pages", VIEW_REGION, end - base);
		return;
	}
	for (pfn = base; pfn < end; pfn++)
		if (page_ref_count(pfn_to_page(pfn)) || PageContig(pfn_to_page(pfn)))
			break;
	if (st.used || pfn < end) {
		ktest_skip(t, "region %s is in use (pfn %#lx)", VIEW_REGION, pfn);
		return;
	}
	memset(want_page, CMA_VIEW_FREE, sizeof(want_page));
	cma_view_stop();

	cma_block_others(&blk, &cma, 1);
	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	dev_page = cma_dev_alloc(dev, VIEW_TYPE, DEV_PAGES, pageblock_order, 0, &from);
	if (!KTEST_EXPECT_TRUE(t, dev_page && from == cma))
		goto out;
	nodev_page = cma_alloc(cma, NODEV_PAGES, 0, 0);
	if (!KTEST_EXPECT_TRUE(t, nodev_page))
		goto out;
	iso = end - pageblock_nr_pages;
	if (!KTEST_EXPECT_EQ(t, start_isolate_page_range(iso, end, MIGRATE_CMA, &busy), 0))
		goto out;
	isolated = true;
	anon = anon_area_create(ANON_PAGES, 0);
	pc = pcache_create("cma_view_test", CACHE_PAGES, cache_fill, NULL);
	if (!KTEST_EXPECT_TRUE(t, anon && pc))
		goto out;
	for (i = 0; i < CACHE_PAGES; i++)
		KTEST_EXPECT_EQ(t, pcache_read(pc, i, page), 0);
	memset(page, 0x5a, sizeof(page));
	KTEST_EXPECT_EQ(t, pcache_write(pc, 0, page), 0); /* dirty: movable */

	/* What the test made, page by page. */
	mark(base, page_to_pfn(dev_page), DEV_PAGES, CMA_VIEW_DEVICE);
	mark(base, page_to_pfn(nodev_page), NODEV_PAGES, CMA_VIEW_CARVED);
	mark(base, iso, end - iso, CMA_VIEW_ISOLATED);
	for (i = 0; i < ANON_PAGES; i++) {
		pfn = anon_page_pfn(anon, i);
		if (pfn >= base && pfn < end)
			mark(base, pfn, 1, CMA_VIEW_MOVABLE);
	}
	for (i = 0; i < CACHE_PAGES; i++) {
		pfn = pcache_page_pfn(pc, i);
		if (pfn >= base && pfn < end)
			mark(base, pfn, 1, i ? CMA_VIEW_CACHE : CMA_VIEW_MOVABLE);
	}
	/* Borrowed pages did land in the region (policy prefer). */
	KTEST_EXPECT_TRUE(t, memchr(want_page, CMA_VIEW_MOVABLE, end - base) != NULL);
	KTEST_EXPECT_TRUE(t, memchr(want_page, CMA_VIEW_CACHE, end - base) != NULL);

	if (!KTEST_EXPECT_EQ(t, cma_view_take(d->info.width, d->info.height, &snap), 0))
		goto out;
	for (i = 0; i < snap.nr_regions; i++)
		if (snap.region[i].cma == cma)
			r = &snap.region[i];
	for (i = 0; i < snap.nr_devices; i++)
		if (!strcmp(snap.device[i], VIEW_DEVICE))
			devidx = i;
	if (!KTEST_EXPECT_TRUE(t, r && devidx != ~0UL))
		goto out;
	for (i = 0; i < r->cells; i++) {
		unsigned long s = i * snap.cell_pages, e = min(s + snap.cell_pages, end - base);
		unsigned int cell = CMA_VIEW_FREE;

		for (; s < e; s++) {
			unsigned int st_page = want_page[s] == CMA_VIEW_DEVICE ?
						       CMA_VIEW_DEVICE + (unsigned int)devidx :
						       want_page[s];

			if (rank(st_page) > rank(cell))
				cell = st_page;
		}
		if (!KTEST_EXPECT_EQ(t, snap.cell[r->first_cell + i], cell)) {
			ktest_info(t, "cell %lu (pfn %#lx) is state %u, the test made %u", i,
				   base + i * snap.cell_pages, snap.cell[r->first_cell + i], cell);
			break;
		}
	}
	KTEST_EXPECT_EQ(t, r->carved, DEV_PAGES + NODEV_PAGES);

	/*
	 * Draw it, and say what is on the screen. A flip the controller did
	 * not confirm in time (a loaded host) is programmed anyway: the
	 * screendump, taken later, still shows it.
	 */
	ret = cma_view_show(d, &snap);
	if (ret == -ETIMEDOUT)
		ktest_info(t, "the flip was not confirmed in time; programmed anyway");
	else
		KTEST_EXPECT_EQ(t, ret, 0);
	cma_view_print_geometry(&snap);
	cma_view_print_cells(&snap);
	for (pfn = base; pfn < end;) {
		unsigned long run = pfn;
		unsigned int state = want_page[pfn - base];

		while (run < end && want_page[run - base] == state)
			run++;
		if (state != CMA_VIEW_FREE)
			printk("cma_view_test: state %s %s %#lx-%#lx\n", VIEW_REGION,
			       kind_name(state, dbuf, sizeof(dbuf), VIEW_DEVICE), pfn, run);
		pfn = run;
	}
	printk("cma_view_test: state done\n");
out:
	if (pc)
		pcache_destroy(pc);
	if (anon)
		anon_area_destroy(anon);
	if (isolated)
		undo_isolate_page_range(end - pageblock_nr_pages, end, MIGRATE_CMA);
	if (nodev_page)
		cma_release(cma, nodev_page, NODEV_PAGES);
	if (dev_page)
		cma_dev_release(dev, dev_page, DEV_PAGES);
	zones_restore_cma_policy(&saved);
	cma_unblock(&blk);
}

static struct ktest_case cma_view_cases[] = {
	KTEST_CASE(the_layout_fits_every_region_with_the_fewest_pages_a_cell),
	KTEST_CASE(a_known_state_shows_in_every_cell_and_on_the_screen),
	{}
};

static struct ktest_suite cma_view_suite = {
	.name = "cma_view",
	.cases = cma_view_cases,
};
ktest_register(cma_view_suite);
