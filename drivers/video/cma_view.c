// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live CMA region view (include/contig/cma_view.h): every CMA region
 * on the display as a labelled grid, one cell per power-of-two group of
 * pages, coloured by what its pages hold; a legend names the states and
 * the devices holding carved buffers.
 *
 * Design. cma_view_take() reads the state into a snapshot: the regions'
 * counters (cma_get_stats()), the CMA buffers each device holds (the DMA
 * layer's records, dma_for_each_cma_buffer()) and, page by page, the
 * flags, owner and pageblock migratetype. Nothing is locked: page flags
 * are read atomically and a snapshot may mix moments, which a picture
 * redrawn a moment later corrects. cma_view_draw() draws a snapshot on a
 * canvas; the live view draws into the display's back buffer and flips
 * (display_flip() returns once the controller latched it at the start of
 * a frame), so the screen never shows a half-drawn picture.
 *
 * When it redraws. The live view is polled from the shell while it waits
 * for a key (cma_view_poll(), registered with shell_poll_register()): at
 * most every CMA_VIEW_POLL_MS it takes a
 * snapshot and draws only when it differs from the one on screen, or when
 * someone else (the pipeline, "display pattern") flipped the display. A
 * carve, a release, a migration or a memhog therefore shows as soon as
 * the command that did it returns; a page walk four times a second is
 * the whole cost while nothing changes. It is not a hook in the carve
 * path: that runs under region and zone locks, where neither the DMA
 * records (device locks) nor drawing a frame belong.
 *
 * Lock contract: the view belongs to the shell's thread (one user of the
 * display at a time, as display.h requires); live state is not shared.
 */
#define pr_fmt(fmt) "cma_view: " fmt

#include <contig/arch.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/cma_view.h>
#include <contig/device.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/font.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/movable.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/string.h>

#define CV_MAX_BUFFERS 64

static const u32 state_rgb[CMA_VIEW_NR_STATES] = {
	[CMA_VIEW_FREE] = CMA_VIEW_RGB_FREE,
	[CMA_VIEW_CACHE] = CMA_VIEW_RGB_CACHE,
	[CMA_VIEW_MOVABLE] = CMA_VIEW_RGB_MOVABLE,
	[CMA_VIEW_OTHER] = CMA_VIEW_RGB_OTHER,
	[CMA_VIEW_CARVED] = CMA_VIEW_RGB_CARVED,
	[CMA_VIEW_DEVICE + 0] = CMA_VIEW_RGB_DEVICE0,
	[CMA_VIEW_DEVICE + 1] = CMA_VIEW_RGB_DEVICE1,
	[CMA_VIEW_DEVICE + 2] = CMA_VIEW_RGB_DEVICE2,
	[CMA_VIEW_DEVICE + 3] = CMA_VIEW_RGB_DEVICE3,
	[CMA_VIEW_DEVICE + 4] = CMA_VIEW_RGB_DEVICE4,
	[CMA_VIEW_DEVICE + 5] = CMA_VIEW_RGB_DEVICE5,
	[CMA_VIEW_DEVICE + 6] = CMA_VIEW_RGB_DEVICE6,
	[CMA_VIEW_DEVICE + 7] = CMA_VIEW_RGB_DEVICE7,
	[CMA_VIEW_ISOLATED] = CMA_VIEW_RGB_ISOLATED,
};

static const char *const state_names[CMA_VIEW_DEVICE] = {
	[CMA_VIEW_FREE] = "free",
	[CMA_VIEW_CACHE] = "clean cache",
	[CMA_VIEW_MOVABLE] = "movable",
	[CMA_VIEW_OTHER] = "other",
	[CMA_VIEW_CARVED] = "carved, no device",
};

/** cma_view_rgb - the colour of cell state @state (0x00RRGGBB) */
u32 cma_view_rgb(unsigned int state)
{
	return state < CMA_VIEW_NR_STATES ? state_rgb[state] : CMA_VIEW_RGB_BACKGROUND;
}

/* Precedence of the states in a cell: the highest wins. */
static unsigned int state_rank(unsigned int state)
{
	if (state == CMA_VIEW_ISOLATED)
		return 6;
	if (state >= CMA_VIEW_DEVICE || state == CMA_VIEW_CARVED)
		return 5;
	return state + 1; /* free 1, cache 2, movable 3, other 4 */
}

/* ---- geometry --------------------------------------------------------- */

static unsigned int rows_for(unsigned long pages, unsigned long cell_pages)
{
	return DIV_ROUND_UP(DIV_ROUND_UP(pages, cell_pages), CMA_VIEW_COLS);
}

/**
 * cma_view_layout - place the regions on a @width x @height screen
 * @width, @height: the screen
 * @s: receives the geometry and each region's place (no cell states)
 * Return: 0, or -ENOSPC (with a message) when even a cell per largest
 * block leaves no room, -ENODEV when there is no CMA region.
 */
int cma_view_layout(unsigned int width, unsigned int height, struct cma_view_snapshot *s)
{
	unsigned int i, y, need, avail, legend = CMA_VIEW_LEGEND_LINES * CMA_VIEW_LINE;
	unsigned long cells;

	memset(s, 0, sizeof(*s));
	s->width = width;
	s->height = height;
	s->cols = CMA_VIEW_COLS;
	s->pitch = min_t(unsigned int, CMA_VIEW_PITCH,
			 width > 2 * CMA_VIEW_MARGIN ? (width - 2 * CMA_VIEW_MARGIN) / CMA_VIEW_COLS : 0);
	s->nr_regions = min_t(unsigned int, cma_area_count(), MAX_CMA_AREAS);
	if (!s->nr_regions)
		return -ENODEV;
	avail = height > CMA_VIEW_TOP + legend ? height - CMA_VIEW_TOP - legend : 0;
	for (i = 0; i < s->nr_regions; i++) {
		struct cma_view_region *r = &s->region[i];

		r->cma = cma_area(i);
		r->start_pfn = PHYS_PFN(cma_get_base(r->cma));
		r->nr_pages = PHYS_PFN(cma_get_size(r->cma));
	}
	for (s->cell_pages = 1; s->cell_pages < (1UL << 30); s->cell_pages <<= 1) {
		need = 0;
		cells = 0;
		for (i = 0; i < s->nr_regions; i++) {
			need += CMA_VIEW_LINE + rows_for(s->region[i].nr_pages, s->cell_pages) * s->pitch +
				CMA_VIEW_GAP;
			cells += DIV_ROUND_UP(s->region[i].nr_pages, s->cell_pages);
		}
		if (need <= avail && cells <= CMA_VIEW_MAX_CELLS)
			break;
	}
	if (s->pitch < 3 || need > avail) {
		pr_err("%u regions do not fit a %ux%u screen; the view needs %u pixels a row of cells and a line a region\n",
		       s->nr_regions, width, height, 2 * CMA_VIEW_MARGIN + 3 * CMA_VIEW_COLS);
		return -ENOSPC;
	}
	y = CMA_VIEW_TOP;
	cells = 0;
	for (i = 0; i < s->nr_regions; i++) {
		struct cma_view_region *r = &s->region[i];

		r->label_y = y;
		r->grid_y = y + CMA_VIEW_LINE;
		r->rows = rows_for(r->nr_pages, s->cell_pages);
		r->cells = DIV_ROUND_UP(r->nr_pages, s->cell_pages);
		r->first_cell = cells;
		cells += r->cells;
		y = r->grid_y + r->rows * s->pitch + CMA_VIEW_GAP;
	}
	s->legend_y = y;
	return 0;
}

/* ---- the state ------------------------------------------------------- */

struct cv_buffer {
	unsigned long start, end; /* pfns */
	unsigned int device;      /* index in the snapshot's legend */
};

struct cv_walk {
	struct cma_view_snapshot *s;
	struct cv_buffer buf[CV_MAX_BUFFERS];
	unsigned int nr;
};

static int collect_buffer(struct device *dev, const struct dma_buffer *buf, void *arg)
{
	struct cv_walk *w = arg;
	struct cma_view_snapshot *s = w->s;
	unsigned int i;

	if (w->nr == CV_MAX_BUFFERS)
		return 1;
	for (i = 0; i < s->nr_devices; i++)
		if (!strcmp(s->device[i], dev_name(dev)))
			break;
	if (i == s->nr_devices) {
		if (s->nr_devices < CMA_VIEW_MAX_DEVICES)
			strscpy_trunc(s->device[s->nr_devices++], dev_name(dev), sizeof(s->device[0]));
		else
			i = CMA_VIEW_MAX_DEVICES - 1; /* shares the last colour */
	}
	w->buf[w->nr].start = PHYS_PFN(buf->phys);
	w->buf[w->nr].end = PHYS_PFN(buf->phys) + buf->pages;
	w->buf[w->nr++].device = i;
	return 0;
}

static unsigned int page_state(struct cv_walk *w, unsigned long pfn, unsigned int *hint)
{
	const struct page *page = pfn_to_page(pfn);
	u32 flags = page_flags(page);
	unsigned int i;

	if (flags & (1u << PG_contig)) {
		if (*hint < w->nr && pfn >= w->buf[*hint].start && pfn < w->buf[*hint].end)
			return CMA_VIEW_DEVICE + w->buf[*hint].device;
		for (i = 0; i < w->nr; i++)
			if (pfn >= w->buf[i].start && pfn < w->buf[i].end) {
				*hint = i;
				return CMA_VIEW_DEVICE + w->buf[i].device;
			}
		return CMA_VIEW_CARVED;
	}
	if (flags & (1u << PG_movable)) {
		if (((flags & PAGE_OWNER_MASK) >> PAGE_OWNER_SHIFT) == PGOWNER_PCACHE &&
		    !(flags & (1u << PG_dirty)))
			return CMA_VIEW_CACHE;
		return CMA_VIEW_MOVABLE;
	}
	if (!page_ref_count(page))
		return CMA_VIEW_FREE;
	return CMA_VIEW_OTHER;
}

/**
 * cma_view_take - lay out the view and read every cell's state now
 * @width, @height: the screen
 * @s: the snapshot
 * Return: 0, or cma_view_layout()'s error.
 */
int cma_view_take(unsigned int width, unsigned int height, struct cma_view_snapshot *s)
{
	static struct cv_walk w; /* the shell's thread only */
	unsigned int i, hint = 0;
	int ret = cma_view_layout(width, height, s);

	if (ret)
		return ret;
	w.s = s;
	w.nr = 0;
	dma_for_each_cma_buffer(collect_buffer, &w);
	for (i = 0; i < s->nr_regions; i++) {
		struct cma_view_region *r = &s->region[i];
		unsigned long c, pfn, end = r->start_pfn + r->nr_pages;
		struct cma_stats st;

		cma_get_stats(r->cma, &st);
		r->carved = st.used;
		r->largest_free = st.largest_free;
		for (c = 0; c < r->cells; c++) {
			unsigned long cs = r->start_pfn + c * s->cell_pages;
			unsigned long ce = min(cs + s->cell_pages, end);
			unsigned int cell = CMA_VIEW_FREE;

			for (pfn = cs; pfn < ce; pfn++) {
				unsigned int st_page;

				if ((pfn == cs || pfn == pageblock_start_pfn(pfn)) &&
				    get_pageblock_migratetype(pfn) == MIGRATE_ISOLATE)
					cell = CMA_VIEW_ISOLATED;
				st_page = page_state(&w, pfn, &hint);
				if (st_page == CMA_VIEW_MOVABLE)
					r->movable++;
				else if (st_page == CMA_VIEW_CACHE)
					r->cache++;
				if (state_rank(st_page) > state_rank(cell))
					cell = st_page;
			}
			s->cell[r->first_cell + c] = (u8)cell;
		}
	}
	return 0;
}

/* ---- drawing --------------------------------------------------------- */

/* "64 MiB", "1.5 MiB", "512 KiB" for @pages. */
static const char *fmt_pages(char *buf, size_t size, unsigned long pages)
{
	unsigned long kib = pages * (PAGE_SIZE / 1024);

	if (kib >= 1024 && kib % 1024 == 0)
		snprintf(buf, size, "%lu MiB", kib / 1024);
	else if (kib >= 1024)
		snprintf(buf, size, "%lu.%lu MiB", kib / 1024, (kib % 1024) * 10 / 1024);
	else
		snprintf(buf, size, "%lu KiB", kib);
	return buf;
}

static void draw_legend_entry(struct display_canvas *c, const struct cma_view_snapshot *s,
			      int *x, int *y, unsigned int state, const char *name)
{
	int w = 10 + (int)display_text_width(&font_6x8, name) + 12;

	if (*x + w > (int)s->width - CMA_VIEW_MARGIN && *x > CMA_VIEW_MARGIN) {
		*x = CMA_VIEW_MARGIN;
		*y += CMA_VIEW_LINE;
	}
	if (*y + CMA_VIEW_LINE > (int)s->height)
		return;
	display_fill_rect(c, *x, *y, 8, 8, cma_view_rgb(state));
	display_draw_text(c, &font_6x8, *x + 10, *y, name, CMA_VIEW_RGB_TEXT, DISPLAY_TEXT_CLEAR);
	*x += w;
}

/**
 * cma_view_draw - draw a snapshot
 * @c: a canvas of the snapshot's size
 * @s: what cma_view_take() read
 */
void cma_view_draw(struct display_canvas *c, const struct cma_view_snapshot *s)
{
	char line[128], a[24], b[24], d[24], e[24];
	unsigned int i, n;
	unsigned long k;
	int x, y;

	display_fill(c, CMA_VIEW_RGB_BACKGROUND);
	snprintf(line, sizeof(line), "contig CMA: %u region%s, a cell is %lu page%s (%s)",
		 s->nr_regions, s->nr_regions == 1 ? "" : "s", s->cell_pages,
		 s->cell_pages == 1 ? "" : "s", fmt_pages(a, sizeof(a), s->cell_pages));
	display_draw_text(c, &font_6x8, CMA_VIEW_MARGIN, CMA_VIEW_TITLE_Y, line, CMA_VIEW_RGB_TEXT,
			  DISPLAY_TEXT_CLEAR);
	for (i = 0; i < s->nr_regions; i++) {
		const struct cma_view_region *r = &s->region[i];

		snprintf(line, sizeof(line), "%s %s at %#llx: %s free, largest run %s, %s borrowed",
			 cma_get_name(r->cma), fmt_pages(a, sizeof(a), r->nr_pages),
			 (unsigned long long)PFN_PHYS(r->start_pfn),
			 fmt_pages(b, sizeof(b), r->nr_pages - min(r->carved, r->nr_pages)),
			 fmt_pages(d, sizeof(d), r->largest_free),
			 fmt_pages(e, sizeof(e), r->movable + r->cache));
		display_draw_text(c, &font_6x8, CMA_VIEW_MARGIN, (int)r->label_y, line,
				  CMA_VIEW_RGB_TEXT, DISPLAY_TEXT_CLEAR);
		for (k = 0; k < r->cells; k++)
			display_fill_rect(c, CMA_VIEW_MARGIN + (int)((k % s->cols) * s->pitch),
					  (int)(r->grid_y + (k / s->cols) * s->pitch), (int)s->pitch - 1,
					  (int)s->pitch - 1, cma_view_rgb(s->cell[r->first_cell + k]));
	}
	x = CMA_VIEW_MARGIN;
	y = (int)s->legend_y;
	for (n = 0; n < CMA_VIEW_DEVICE; n++)
		draw_legend_entry(c, s, &x, &y, n, state_names[n]);
	draw_legend_entry(c, s, &x, &y, CMA_VIEW_ISOLATED, "isolated (carving)");
	for (n = 0; n < s->nr_devices; n++)
		draw_legend_entry(c, s, &x, &y, CMA_VIEW_DEVICE + n, s->device[n]);
}

/**
 * cma_view_print_geometry - the layout of @s as lines a checker parses
 * @s: a snapshot
 */
void cma_view_print_geometry(const struct cma_view_snapshot *s)
{
	unsigned int i;

	printk("cma_view: geometry %ux%u cols %u pitch %u cell_pages %lu legend_y %u\n", s->width,
	       s->height, s->cols, s->pitch, s->cell_pages, s->legend_y);
	for (i = 0; i < s->nr_regions; i++) {
		const struct cma_view_region *r = &s->region[i];

		printk("cma_view: region %s start_pfn %#lx pages %lu label_y %u grid_y %u rows %u cells %lu\n",
		       cma_get_name(r->cma), r->start_pfn, r->nr_pages, r->label_y, r->grid_y,
		       r->rows, r->cells);
	}
	for (i = 0; i < s->nr_devices; i++)
		printk("cma_view: device %u %s\n", i, s->device[i]);
}

/**
 * cma_view_print_cells - every cell's state, a line per row of cells
 * @s: a snapshot
 * Lines "cma_view: cells REGION ROW STATES", one hexadecimal digit a cell
 * (enum cma_view_state), for checks that compare the screen with them.
 */
void cma_view_print_cells(const struct cma_view_snapshot *s)
{
	static const char digits[] = "0123456789abcdef";
	char line[CMA_VIEW_COLS + 1];
	unsigned int i, row, n;

	_Static_assert(CMA_VIEW_NR_STATES <= 16, "a state must fit one hex digit");
	for (i = 0; i < s->nr_regions; i++) {
		const struct cma_view_region *r = &s->region[i];

		for (row = 0; row < r->rows; row++) {
			for (n = 0; n < s->cols && row * s->cols + n < r->cells; n++)
				line[n] = digits[s->cell[r->first_cell + row * s->cols + n]];
			line[n] = '\0';
			printk("cma_view: cells %s %u %s\n", cma_get_name(r->cma), row, line);
		}
	}
}

/* ---- the live view ---------------------------------------------------- */

/**
 * cma_view_show - draw @s on @d's back buffer and flip, without going live
 * Return: what display_flip() returns.
 */
int cma_view_show(struct display *d, const struct cma_view_snapshot *s)
{
	struct display_canvas c;

	display_back_canvas(d, &c);
	cma_view_draw(&c, s);
	return display_flip(d);
}

static struct {
	struct display *d;
	bool on;
	u64 next_ns;
	unsigned long flips; /* the display's count after our last flip */
	struct cma_view_snapshot shown, now;
} live;

/* Draw @s into @d's back buffer and flip. */
static int show(struct display *d, const struct cma_view_snapshot *s)
{
	int ret = cma_view_show(d, s);

	live.flips = d->flips;
	return ret;
}

/**
 * cma_view_start - draw the view on @d now and keep it live
 * @d: the display
 * Return: 0, or -errno from the layout or the flip.
 */
int cma_view_start(struct display *d)
{
	int ret;

	if (!d)
		return -ENODEV;
	ret = cma_view_take(d->info.width, d->info.height, &live.shown);
	if (ret)
		return ret;
	live.d = d;
	ret = show(d, &live.shown);
	if (ret && ret != -ETIMEDOUT)
		return ret;
	live.on = true;
	live.next_ns = arch_clock_ns() + CMA_VIEW_POLL_MS * 1000000ULL;
	/* Redrawn while the shell waits for a key (cma_view_poll()). */
	return shell_poll_register(cma_view_poll);
}

/** cma_view_stop - stop redrawing; what is on screen stays */
void cma_view_stop(void)
{
	live.on = false;
}

/** cma_view_poll - redraw the live view when the state changed */
void cma_view_poll(void)
{
	u64 now;

	if (!live.on)
		return;
	now = arch_clock_ns();
	if (now < live.next_ns)
		return;
	live.next_ns = now + CMA_VIEW_POLL_MS * 1000000ULL;
	if (cma_view_take(live.d->info.width, live.d->info.height, &live.now))
		return;
	if (live.d->flips == live.flips && !memcmp(&live.now, &live.shown, sizeof(live.now)))
		return;
	live.shown = live.now;
	show(live.d, &live.shown);
}

/**
 * cma_view_shell - "display cma" (draw the view and keep it live) and
 * "display cma off"
 * @argc, @argv: the words from "display" on
 * Return: 0 or -errno.
 */
int cma_view_shell(int argc, char **argv)
{
	struct display *d = display_find(NULL);
	unsigned int i;
	int ret;

	if (argc == 3 && !strcmp(argv[2], "off")) {
		cma_view_stop();
		printk("cma_view: off (the picture stays until something else draws)\n");
		return 0;
	}
	if (argc != 2) {
		printk("error: usage: display cma [off]\n");
		return -EINVAL;
	}
	if (!d) {
		printk("error: no display: is the PL111 node enabled and CONFIG_VIDEO_PL111=y?\n");
		return -ENODEV;
	}
	ret = cma_view_start(d);
	if (ret) {
		printk("error: display cma: %d\n", ret);
		return ret;
	}
	cma_view_print_geometry(&live.shown);
	for (i = 0; i < live.shown.nr_regions; i++) {
		const struct cma_view_region *r = &live.shown.region[i];

		printk("cma_view: %s: %lu pages, %lu carved, largest free run %lu, %lu movable, %lu clean cache\n",
		       cma_get_name(r->cma), r->nr_pages, r->carved, r->largest_free, r->movable,
		       r->cache);
	}
	printk("cma_view: live on %s: buffer %u up, flip %lu; redrawn when it changes (checked every %u ms while the shell waits)\n",
	       dev_name(d->dev), d->front, d->flips, CMA_VIEW_POLL_MS);
	return 0;
}
