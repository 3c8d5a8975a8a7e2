/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Displays (drivers/video/display.c): the in-kernel API another driver
 * uses to show frames, the drawing helpers, and what a display controller
 * driver (drivers/video/pl111.c) registers.
 *
 * A display scans out one of its frame buffers (the front buffer) while the
 * CPU draws into another (the back buffer); display_flip() makes the back
 * buffer the front one and returns once the controller has latched it, so
 * the previous front buffer is then free to draw into. Frame buffers are
 * coherent DMA buffers (dma_alloc_coherent(): uncached, from the display's
 * memory-region), so CPU writes reach the controller without cache
 * maintenance.
 *
 *   struct display *d = display_find(NULL);      // the first display
 *   struct display_info info;
 *   struct display_buffer back;
 *
 *   display_get_info(d, &info);                  // 640x480 XRGB8888 ...
 *   display_get_back_buffer(d, &back);           // CPU and bus address
 *   ... write pixels to back.vaddr (info.pitch bytes a line) ...
 *   display_flip(d);
 *
 * or, for a frame that is in memory already, in any of the source formats:
 *
 *   display_show_frame(d, frame, width, height, pitch, DRM_FORMAT_RGB565);
 *
 * Formats are DRM fourcc codes (DRM_FORMAT_* of contig/fourcc.h, as in
 * Linux's include/uapi/drm/drm_fourcc.h); pixels are little-endian words,
 * so XRGB8888 is the u32 0x00RRGGBB.
 *
 * Serialisation: a display has one user at a time (the caller serialises
 * drawing, flips and show_frame). A flip while another is in progress is
 * refused with -EBUSY, never interleaved. display_find() and registration
 * take the display list lock.
 */
#ifndef _CONTIG_DISPLAY_H
#define _CONTIG_DISPLAY_H

#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/fourcc.h>
#include <contig/list.h>
#include <contig/types.h>

#define DISPLAY_MAX_BUFFERS 2

struct display_info {
	const char *name;        /* the device's name: "clcd@10020000" */
	unsigned int width, height; /* pixels */
	unsigned int pitch;      /* bytes from one line to the next */
	u32 format;              /* DRM_FORMAT_* of the frame buffers */
	unsigned int cpp;        /* bytes a pixel */
	unsigned int nr_buffers;
	unsigned int refresh_mhz; /* frame rate in mHz (59940: 59.94 Hz) */
};

struct display_buffer {
	void *vaddr;     /* CPU address (uncached) */
	dma_addr_t dma;  /* bus (= physical) address the controller scans */
	size_t size;     /* bytes: pitch * height, page aligned */
};

struct display;

struct display_ops {
	/*
	 * Scan out buffer @index from the next frame on and return once the
	 * controller has latched it. Return: 0, or -ETIMEDOUT when the
	 * controller did not confirm (the base is programmed anyway).
	 */
	int (*flip)(struct display *d, unsigned int index);
};

/* What a display controller driver fills in and registers. */
struct display {
	struct device *dev;
	const struct display_ops *ops;
	struct display_info info;
	struct display_buffer buf[DISPLAY_MAX_BUFFERS];
	unsigned int front;   /* index of the buffer on screen */
	unsigned long flips;  /* completed flips */
	unsigned long flip_timeouts;
	int flipping;         /* a flip is in progress (atomic) */
	struct list_head node;
};

/* A drawing surface: a frame buffer or any memory laid out like one. */
struct display_canvas {
	void *pixels;
	unsigned int width, height, pitch;
	u32 format; /* DRM_FORMAT_XRGB8888 or DRM_FORMAT_RGB565 */
};

/**
 * display_register - make a display known (display_find() finds it)
 * @d: dev, ops, info and buf[] filled in; front is the buffer on screen;
 *     info.format DRM_FORMAT_XRGB8888 or DRM_FORMAT_RGB565
 * Return: 0, or -EINVAL (inconsistent info, another format) / -EEXIST.
 */
int display_register(struct display *d);
void display_unregister(struct display *d);

/**
 * display_find - a display by its device's name
 * @name: "clcd@10020000", or NULL for the first display registered
 * Return: the display, or NULL.
 */
struct display *display_find(const char *name);

/* Return: 0, or -EINVAL for a NULL display. */
int display_get_info(struct display *d, struct display_info *info);

/**
 * display_get_back_buffer - the buffer that is not on screen
 * @buf: set to its CPU address, bus address and size
 * Return: 0, or -EINVAL.
 */
int display_get_back_buffer(struct display *d, struct display_buffer *buf);

/* A canvas over the back buffer (for the drawing helpers). */
int display_back_canvas(struct display *d, struct display_canvas *c);

/**
 * display_flip - show the back buffer
 * Return: 0 once the controller has latched it; -EBUSY while another flip
 * is in progress; -ETIMEDOUT when the controller did not confirm (the
 * buffers are swapped anyway, and a message names the display).
 */
int display_flip(struct display *d);

/**
 * display_show_frame - copy (converting) a frame into the back buffer, flip
 * @src: the frame's first pixel
 * @width, @height: its size; a larger frame is cropped, a smaller one is
 *                  centred on black
 * @pitch: bytes from one of its lines to the next
 * @format: DRM_FORMAT_XRGB8888, _RGB565, _BGR888 or _R8
 * Return: 0, -EINVAL (bad arguments or format, with a message), or what
 * display_flip() returns.
 */
int display_show_frame(struct display *d, const void *src, unsigned int width,
		       unsigned int height, unsigned int pitch, u32 format);

/* ---- drawing -------------------------------------------------------- */

/* 0x00RRGGBB as a pixel of @format (RGB565 keeps the top bits). */
u32 display_rgb_to_pixel(u32 format, u32 rgb);
/* A pixel of @c as 0x00RRGGBB (RGB565 widened by shifting, as QEMU does). */
u32 display_get_pixel(const struct display_canvas *c, unsigned int x, unsigned int y);
void display_fill(struct display_canvas *c, u32 rgb);
/* Clipped to the canvas. */
void display_fill_rect(struct display_canvas *c, int x, int y, int w, int h, u32 rgb);

/*
 * Test patterns (drivers/video/display_patterns.h, which
 * scripts/display_pattern.py reads too, to draw the expected picture).
 * display_draw_pattern() draws one; display_pattern_pixel() evaluates one
 * pixel independently of the drawing code (for tests).
 * Return: 0, or -ENOENT for an unknown name.
 */
int display_draw_pattern(struct display_canvas *c, const char *name);
int display_pattern_pixel(const char *name, unsigned int x, unsigned int y,
			  unsigned int width, unsigned int height, u32 *rgb);
/* The pattern names, NULL-terminated. */
const char *const *display_pattern_names(void);

#endif /* _CONTIG_DISPLAY_H */
