/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live CMA region view (drivers/video/cma_view.c): every CMA region
 * drawn on a display as a labelled grid of cells, one cell per
 * power-of-two group of pages, coloured by what the pages hold. The shell
 * command "display cma" and the boot parameter display=cma start it.
 *
 * Geometry (scripts/cmaview_check.py computes the same from the same
 * rules, to check a screendump without a stored picture):
 *   - cells are CMA_VIEW_COLS a row, CMA_VIEW_PITCH pixels apart (at most;
 *     less on a screen narrower than 2 * CMA_VIEW_MARGIN + COLS * PITCH),
 *     each a square of pitch - 1 pixels; the one-pixel gap is background;
 *   - the title line is at y CMA_VIEW_TITLE_Y; the regions follow from
 *     y CMA_VIEW_TOP in region order, each a label line (CMA_VIEW_LINE
 *     pixels) then its rows of cells, then CMA_VIEW_GAP pixels;
 *   - pages a cell: the smallest power of two with which every region,
 *     and CMA_VIEW_LEGEND_LINES legend lines below them, fit the screen;
 *   - cell i of a region is at column i % COLS, row i / COLS and covers
 *     pages [start + i * pages, start + (i + 1) * pages) of the region.
 *
 * A cell's state is the highest of its pages' states, in this order:
 * isolated (its pageblock is MIGRATE_ISOLATE: a carve in progress),
 * carved (PG_contig: by a device, from the DMA layer's buffer records, or
 * by no device), other allocated, movable (an anonymous or dirty cache
 * page, which a carve must migrate), clean cache (a pcache page a carve
 * may drop), free.
 */
#ifndef _CONTIG_CMA_VIEW_H
#define _CONTIG_CMA_VIEW_H

#include <contig/cma.h>
#include <contig/types.h>

#define CMA_VIEW_MARGIN 8
#define CMA_VIEW_TITLE_Y 4
#define CMA_VIEW_TOP 18
#define CMA_VIEW_LINE 10
#define CMA_VIEW_GAP 4
#define CMA_VIEW_COLS 64
#define CMA_VIEW_PITCH 9
#define CMA_VIEW_LEGEND_LINES 3
#define CMA_VIEW_MAX_CELLS 8192
#define CMA_VIEW_MAX_DEVICES 8

/* Colours, 0x00RRGGBB (scripts/cmaview_check.py reads these lines). */
#define CMA_VIEW_RGB_BACKGROUND 0x101418
#define CMA_VIEW_RGB_TEXT 0xe8e8e8
#define CMA_VIEW_RGB_FREE 0x3a4048
#define CMA_VIEW_RGB_CACHE 0x2aa198
#define CMA_VIEW_RGB_MOVABLE 0x2f6fd0
#define CMA_VIEW_RGB_OTHER 0x8a7a20
#define CMA_VIEW_RGB_ISOLATED 0xff7f00
#define CMA_VIEW_RGB_CARVED 0xf0f0f0
#define CMA_VIEW_RGB_DEVICE0 0xdc322f
#define CMA_VIEW_RGB_DEVICE1 0x85c81a
#define CMA_VIEW_RGB_DEVICE2 0xd33682
#define CMA_VIEW_RGB_DEVICE3 0xf5d000
#define CMA_VIEW_RGB_DEVICE4 0x8f6cff
#define CMA_VIEW_RGB_DEVICE5 0xff9eb5
#define CMA_VIEW_RGB_DEVICE6 0x9b5e2c
#define CMA_VIEW_RGB_DEVICE7 0x7fd4ff

/* Cell states; CMA_VIEW_DEVICE + i: carved for device i of the legend. */
enum cma_view_state {
	CMA_VIEW_FREE,
	CMA_VIEW_CACHE,
	CMA_VIEW_MOVABLE,
	CMA_VIEW_OTHER,
	CMA_VIEW_CARVED,   /* by no device (shell, benchmarks, tests) */
	CMA_VIEW_DEVICE,   /* ... + CMA_VIEW_MAX_DEVICES - 1 */
	CMA_VIEW_ISOLATED = CMA_VIEW_DEVICE + CMA_VIEW_MAX_DEVICES,
	CMA_VIEW_NR_STATES
};

struct cma_view_region {
	struct cma *cma;
	unsigned long start_pfn, nr_pages;
	unsigned long cells, first_cell; /* its cells in cma_view_snapshot.cell[] */
	unsigned int label_y, grid_y, rows;
	unsigned long carved, largest_free; /* pages (cma_get_stats()) */
	unsigned long movable, cache;      /* borrowed pages found */
};

struct cma_view_snapshot {
	unsigned int width, height;
	unsigned int cols, pitch;
	unsigned long cell_pages;
	unsigned int nr_regions;
	unsigned int legend_y;
	struct cma_view_region region[MAX_CMA_AREAS];
	unsigned int nr_devices; /* holders in the legend (at most MAX_DEVICES) */
	char device[CMA_VIEW_MAX_DEVICES][24];
	u8 cell[CMA_VIEW_MAX_CELLS];
};

/**
 * cma_view_layout - the geometry of the view on a @width x @height screen
 * @s: its geometry fields and the regions' placement are filled in
 * Return: 0, or -ENOSPC when the regions cannot fit (with a message).
 */
int cma_view_layout(unsigned int width, unsigned int height, struct cma_view_snapshot *s);

/*
 * cma_view_take - cma_view_layout() plus the state of every cell and the
 * regions' counters, read now (lock-free: a snapshot that may mix moments).
 */
int cma_view_take(unsigned int width, unsigned int height, struct cma_view_snapshot *s);

/* 0x00RRGGBB of a cell state. */
u32 cma_view_rgb(unsigned int state);

struct display_canvas;
/* Draw @s (title, labelled grids, legend) on @c, which is @s's size. */
void cma_view_draw(struct display_canvas *c, const struct cma_view_snapshot *s);

/* Print @s's geometry, one machine-readable line each (the checks read them). */
void cma_view_print_geometry(const struct cma_view_snapshot *s);

/* Every cell's state: "cma_view: cells REGION ROW 0123...", a hex digit a cell. */
void cma_view_print_cells(const struct cma_view_snapshot *s);

struct display;
/* Draw @s on @d's back buffer and flip (once; the live view stays as it is). */
int cma_view_show(struct display *d, const struct cma_view_snapshot *s);

/*
 * cma_view_poll - redraw the live view if it is on and something changed
 * The shell calls it while it waits for input; it looks at most every
 * CMA_VIEW_POLL_MS, and draws and flips only when a cell, a count or the
 * legend differs from the picture shown (or someone else flipped).
 */
#define CMA_VIEW_POLL_MS 250
void cma_view_poll(void);

/* Stop the live view (the picture stays). */
void cma_view_stop(void);

/* Start the live view on @d: draw it now. Return: 0 or -errno. */
int cma_view_start(struct display *d);

/* The shell's "display cma [off]" (display_shell() hands it over). */
int cma_view_shell(int argc, char **argv);

#endif /* _CONTIG_CMA_VIEW_H */
