// SPDX-License-Identifier: GPL-2.0-only
/*
 * The display core (include/contig/display.h): the list of displays that
 * controller drivers register, double-buffered flips, drawing helpers,
 * frame conversion for display_show_frame(), the test patterns of
 * display_patterns.h (the shell's "display" command is in display_shell.c).
 *
 * Design. A driver owns the hardware and its frame buffers and implements
 * one operation, flip(index). The core keeps which buffer is in front,
 * serialises flips with an atomic flag (a second flip at the same time is
 * refused with -EBUSY, never interleaved: there is no sleeping lock to wait
 * on) and counts flips and timeouts. Drawing works on a canvas (pixels,
 * size, pitch, format) so the same code draws into a frame buffer, into
 * any buffer a test holds, and converts camera frames.
 *
 * Patterns are an operation table built from display_patterns.h. The
 * drawing path fills rectangles; display_pattern_pixel() evaluates the same
 * table for one pixel (last operation that covers it wins), a different
 * algorithm the tests compare the screen with.
 *
 * Boot parameter display_pattern=NAME: the first display that registers
 * shows that pattern (make run-gui uses it); display=cma shows the live
 * CMA region view instead (drivers/video/cma_view.c).
 *
 * Lock contract: display_lock guards the list; a display's buffers and
 * counters belong to its single user (see display.h), except flipping,
 * which is atomic.
 */
#define pr_fmt(fmt) "display: " fmt

#include <contig/cma_view.h>
#include <contig/display.h>
#include <contig/errno.h>
#include <contig/fourcc.h>
#include <contig/kernel.h>
#include <contig/params.h>
#include <contig/printk.h>
#include <contig/spinlock.h>
#include <contig/string.h>

static DEFINE_SPINLOCK(display_lock);
static LIST_HEAD(displays);

/* ---- patterns --------------------------------------------------------- */

enum dp_type { DP_T_PATTERN, DP_T_FILL, DP_T_RECT, DP_T_RAMP, DP_T_FRAME, DP_T_END };

struct dp_op {
	enum dp_type type;
	const char *name;
	u8 x0, y0, x1, y1; /* 32nds of the screen */
	u32 rgb;
};

#define DP_PATTERN(n) { .type = DP_T_PATTERN, .name = #n },
#define DP_FILL(c) { .type = DP_T_FILL, .rgb = (c) },
#define DP_RECT(a, b, c, d, col) { .type = DP_T_RECT, .x0 = a, .y0 = b, .x1 = c, .y1 = d, .rgb = (col) },
#define DP_RAMP(a, b, c, d, col) { .type = DP_T_RAMP, .x0 = a, .y0 = b, .x1 = c, .y1 = d, .rgb = (col) },
#define DP_FRAME(c) { .type = DP_T_FRAME, .rgb = (c) },
#define DP_END() { .type = DP_T_END },
static const struct dp_op dp_table[] = {
#include "display_patterns.h"
};
#undef DP_PATTERN
#undef DP_FILL
#undef DP_RECT
#undef DP_RAMP
#undef DP_FRAME
#undef DP_END

#define DP_UNITS 32
#define MAX_PATTERNS 16

static const struct dp_op *pattern_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dp_table); i++)
		if (dp_table[i].type == DP_T_PATTERN && !strcmp(dp_table[i].name, name))
			return &dp_table[i + 1];
	return NULL;
}

/**
 * display_pattern_names - the names of the test patterns
 * Return: a NULL-terminated array.
 */
const char *const *display_pattern_names(void)
{
	static const char *names[MAX_PATTERNS + 1];
	unsigned int i, n = 0;

	if (!names[0])
		for (i = 0; i < ARRAY_SIZE(dp_table) && n < MAX_PATTERNS; i++)
			if (dp_table[i].type == DP_T_PATTERN)
				names[n++] = dp_table[i].name;
	return names;
}

static unsigned int dp_scale(unsigned int units, unsigned int size)
{
	return units * size / DP_UNITS;
}

/* One ramp component: c * pos / (n - 1), rounded down. */
static u32 dp_ramp(u32 rgb, unsigned int pos, unsigned int n)
{
	u32 out = 0;
	int shift;

	for (shift = 0; shift <= 16; shift += 8) {
		u32 c = (rgb >> shift) & 0xff;

		out |= (n > 1 ? c * pos / (n - 1) : c) << shift;
	}
	return out;
}

/**
 * display_pattern_pixel - one pixel of a test pattern, computed on its own
 * @name: the pattern
 * @x, @y: the pixel
 * @width, @height: the screen
 * @rgb: set to 0x00RRGGBB
 * Return: 0, or -ENOENT.
 */
int display_pattern_pixel(const char *name, unsigned int x, unsigned int y,
			  unsigned int width, unsigned int height, u32 *rgb)
{
	const struct dp_op *op = pattern_find(name);

	if (!op)
		return -ENOENT;
	*rgb = 0;
	for (; op->type != DP_T_END; op++) {
		unsigned int x0 = dp_scale(op->x0, width), x1 = dp_scale(op->x1, width);
		unsigned int y0 = dp_scale(op->y0, height), y1 = dp_scale(op->y1, height);

		switch (op->type) {
		case DP_T_FILL:
			*rgb = op->rgb;
			break;
		case DP_T_RECT:
		case DP_T_RAMP:
			if (x < x0 || x >= x1 || y < y0 || y >= y1)
				break;
			*rgb = op->type == DP_T_RECT ? op->rgb : dp_ramp(op->rgb, x - x0, x1 - x0);
			break;
		case DP_T_FRAME:
			if (!x || !y || x == width - 1 || y == height - 1)
				*rgb = op->rgb;
			break;
		default:
			break;
		}
	}
	return 0;
}

/**
 * display_draw_pattern - draw a test pattern on a canvas
 * @c: the canvas
 * @name: the pattern
 * Return: 0, or -ENOENT for an unknown name.
 */
int display_draw_pattern(struct display_canvas *c, const char *name)
{
	const struct dp_op *op = pattern_find(name);
	unsigned int x;

	if (!op)
		return -ENOENT;
	for (; op->type != DP_T_END; op++) {
		int x0 = (int)dp_scale(op->x0, c->width), x1 = (int)dp_scale(op->x1, c->width);
		int y0 = (int)dp_scale(op->y0, c->height), y1 = (int)dp_scale(op->y1, c->height);

		switch (op->type) {
		case DP_T_FILL:
			display_fill(c, op->rgb);
			break;
		case DP_T_RECT:
			display_fill_rect(c, x0, y0, x1 - x0, y1 - y0, op->rgb);
			break;
		case DP_T_RAMP:
			for (x = 0; x < (unsigned int)(x1 - x0); x++)
				display_fill_rect(c, x0 + (int)x, y0, 1, y1 - y0,
						  dp_ramp(op->rgb, x, (unsigned int)(x1 - x0)));
			break;
		case DP_T_FRAME:
			display_fill_rect(c, 0, 0, (int)c->width, 1, op->rgb);
			display_fill_rect(c, 0, (int)c->height - 1, (int)c->width, 1, op->rgb);
			display_fill_rect(c, 0, 0, 1, (int)c->height, op->rgb);
			display_fill_rect(c, (int)c->width - 1, 0, 1, (int)c->height, op->rgb);
			break;
		default:
			break;
		}
	}
	return 0;
}

/* ---- drawing ------------------------------------------------------------ */

static unsigned int format_cpp(u32 format)
{
	switch (format) {
	case DRM_FORMAT_XRGB8888:
		return 4;
	case DRM_FORMAT_RGB565:
		return 2;
	case DRM_FORMAT_BGR888:
		return 3;
	case DRM_FORMAT_R8:
		return 1;
	}
	return 0;
}

/* Formats a frame buffer (or canvas) may have: the drawing code writes 16-
 * and 32-bit pixels. The others are show_frame() sources only. */
static bool drawable_format(u32 format)
{
	return format == DRM_FORMAT_XRGB8888 || format == DRM_FORMAT_RGB565;
}

/**
 * display_rgb_to_pixel - 0x00RRGGBB as a pixel value of @format
 * Return: the pixel (RGB565 keeps the top 5/6/5 bits of each component).
 */
u32 display_rgb_to_pixel(u32 format, u32 rgb)
{
	if (format == DRM_FORMAT_RGB565)
		return rgb_to_rgb565(rgb);
	return rgb & 0xffffff;
}

/**
 * display_get_pixel - read a pixel of a canvas
 * Return: 0x00RRGGBB (0 outside the canvas).
 */
u32 display_get_pixel(const struct display_canvas *c, unsigned int x, unsigned int y)
{
	if (x >= c->width || y >= c->height)
		return 0;
	return fourcc_pixel_to_rgb(c->format, (const u8 *)c->pixels + (size_t)y * c->pitch +
						      x * format_cpp(c->format));
}

/**
 * display_fill_rect - fill a rectangle, clipped to the canvas
 * @c: the canvas (XRGB8888 or RGB565)
 * @x, @y, @w, @h: the rectangle; parts outside the canvas are skipped
 * @rgb: 0x00RRGGBB
 */
void display_fill_rect(struct display_canvas *c, int x, int y, int w, int h, u32 rgb)
{
	u32 px = display_rgb_to_pixel(c->format, rgb);
	int i, j;

	if (x < 0) {
		w += x;
		x = 0;
	}
	if (y < 0) {
		h += y;
		y = 0;
	}
	if (w <= 0 || h <= 0 || x >= (int)c->width || y >= (int)c->height)
		return;
	if (x + w > (int)c->width)
		w = (int)c->width - x;
	if (y + h > (int)c->height)
		h = (int)c->height - y;
	for (j = y; j < y + h; j++) {
		u8 *line = (u8 *)c->pixels + (size_t)j * c->pitch;

		if (c->format == DRM_FORMAT_RGB565) {
			u16 *p = (u16 *)line + x;

			for (i = 0; i < w; i++)
				p[i] = (u16)px;
		} else {
			u32 *p = (u32 *)line + x;

			for (i = 0; i < w; i++)
				p[i] = px;
		}
	}
}

/** display_fill - fill the whole canvas with 0x00RRGGBB */
void display_fill(struct display_canvas *c, u32 rgb)
{
	display_fill_rect(c, 0, 0, (int)c->width, (int)c->height, rgb);
}

/* ---- displays --------------------------------------------------------- */

static void display_boot_pattern(struct display *d);

/**
 * display_register - make a display known
 * @d: a display whose driver filled dev, ops, info and buf[]
 * Return: 0, -EINVAL when info does not describe the buffers or their
 * format is not XRGB8888 or RGB565, -EEXIST when it is registered already.
 */
int display_register(struct display *d)
{
	struct display *o;
	unsigned int i;
	bool first;
	char fourcc[5];

	if (!d || !d->dev || !d->ops || !d->ops->flip || !d->info.nr_buffers ||
	    d->info.nr_buffers > DISPLAY_MAX_BUFFERS || d->front >= d->info.nr_buffers ||
	    format_cpp(d->info.format) != d->info.cpp ||
	    d->info.pitch < d->info.width * d->info.cpp) {
		pr_err("display_register: %s: inconsistent display description\n",
		       d && d->dev ? dev_name(d->dev) : "(no device)");
		return -EINVAL;
	}
	if (!drawable_format(d->info.format)) {
		pr_err("display_register: %s: frame buffers in %s: a display scans out XR24 or RG16 (the drawing code writes 16- and 32-bit pixels)\n",
		       dev_name(d->dev), fourcc_str(d->info.format, fourcc));
		return -EINVAL;
	}
	for (i = 0; i < d->info.nr_buffers; i++)
		if (!d->buf[i].vaddr || d->buf[i].size < (size_t)d->info.pitch * d->info.height) {
			pr_err("display_register: %s: buffer %u is missing or too small\n",
			       dev_name(d->dev), i);
			return -EINVAL;
		}
	d->info.name = dev_name(d->dev);
	spin_lock(&display_lock);
	list_for_each_entry(o, &displays, node)
		if (o == d || !strcmp(dev_name(o->dev), dev_name(d->dev))) {
			spin_unlock(&display_lock);
			return -EEXIST;
		}
	first = list_empty(&displays);
	list_add_tail(&d->node, &displays);
	spin_unlock(&display_lock);
	if (first)
		display_boot_pattern(d);
	return 0;
}

/** display_unregister - forget a display (its driver is being removed) */
void display_unregister(struct display *d)
{
	spin_lock(&display_lock);
	if (d->node.next)
		list_del(&d->node);
	spin_unlock(&display_lock);
}

/**
 * display_find - a display by name
 * @name: its device's name, or NULL for the first one
 * Return: the display, or NULL.
 */
struct display *display_find(const char *name)
{
	struct display *d, *found = NULL;

	spin_lock(&display_lock);
	list_for_each_entry(d, &displays, node)
		if (!name || !strcmp(dev_name(d->dev), name)) {
			found = d;
			break;
		}
	spin_unlock(&display_lock);
	return found;
}

/** display_get_info - the display's geometry and format. Return: 0 or -EINVAL. */
int display_get_info(struct display *d, struct display_info *info)
{
	if (!d || !info)
		return -EINVAL;
	*info = d->info;
	return 0;
}

static unsigned int back_index(const struct display *d)
{
	return (d->front + 1) % d->info.nr_buffers;
}

/** display_get_back_buffer - the buffer not on screen. Return: 0 or -EINVAL. */
int display_get_back_buffer(struct display *d, struct display_buffer *buf)
{
	if (!d || !buf)
		return -EINVAL;
	*buf = d->buf[back_index(d)];
	return 0;
}

/** display_back_canvas - a canvas over the back buffer. Return: 0 or -EINVAL. */
int display_back_canvas(struct display *d, struct display_canvas *c)
{
	if (!d || !c)
		return -EINVAL;
	c->pixels = d->buf[back_index(d)].vaddr;
	c->width = d->info.width;
	c->height = d->info.height;
	c->pitch = d->info.pitch;
	c->format = d->info.format;
	return 0;
}

/**
 * display_flip - show the back buffer
 * @d: the display
 * Return: 0, -EBUSY (another flip in progress), -ETIMEDOUT (not confirmed;
 * swapped anyway), -EINVAL.
 */
int display_flip(struct display *d)
{
	unsigned int next;
	int busy = 0, ret;

	if (!d)
		return -EINVAL;
	if (!__atomic_compare_exchange_n(&d->flipping, &busy, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return -EBUSY;
	next = back_index(d);
	ret = d->ops->flip(d, next);
	d->front = next;
	if (ret == -ETIMEDOUT) {
		d->flip_timeouts++;
		pr_warn("%s: the controller did not confirm the flip to buffer %u "
			"(%#llx); it is programmed anyway\n", dev_name(d->dev), next,
			(unsigned long long)d->buf[next].dma);
	} else if (!ret) {
		d->flips++;
	}
	__atomic_store_n(&d->flipping, 0, __ATOMIC_RELEASE);
	return ret;
}

/**
 * display_show_frame - convert a frame into the back buffer and flip
 * @d: the display
 * @src: the frame
 * @width, @height: its size (cropped when larger, centred when smaller)
 * @pitch: bytes a line of it
 * @format: XRGB8888, RGB565, BGR888 or R8
 * Return: 0, -EINVAL with a message, or display_flip()'s error.
 */
int display_show_frame(struct display *d, const void *src, unsigned int width,
		       unsigned int height, unsigned int pitch, u32 format)
{
	struct display_canvas c;
	unsigned int cpp = format_cpp(format), w, h, x, y, dx, dy, sx, sy;

	if (!d || !src || !cpp || !width || !height || pitch < width * cpp) {
		pr_err("show_frame: %s: bad frame (%ux%u, pitch %u, format %#x): give a "
		       "supported format (XR24, RG16, BG24, R8) and pitch >= width * bytes "
		       "a pixel\n", d ? dev_name(d->dev) : "(no display)", width, height,
		       pitch, format);
		return -EINVAL;
	}
	display_back_canvas(d, &c);
	w = width < c.width ? width : c.width;
	h = height < c.height ? height : c.height;
	dx = (c.width - w) / 2;
	dy = (c.height - h) / 2;
	sx = (width - w) / 2;
	sy = (height - h) / 2;
	if (w < c.width || h < c.height)
		display_fill(&c, 0);
	for (y = 0; y < h; y++) {
		const u8 *s = (const u8 *)src + (size_t)(sy + y) * pitch + (size_t)sx * cpp;
		u8 *line = (u8 *)c.pixels + (size_t)(dy + y) * c.pitch;

		if (format == c.format) {
			memcpy(line + (size_t)dx * cpp, s, (size_t)w * cpp);
			continue;
		}
		for (x = 0; x < w; x++) {
			u32 px = display_rgb_to_pixel(c.format,
						      fourcc_pixel_to_rgb(format, s + x * cpp));

			if (c.format == DRM_FORMAT_RGB565)
				((u16 *)line)[dx + x] = (u16)px;
			else
				((u32 *)line)[dx + x] = px;
		}
	}
	return display_flip(d);
}

/* ---- boot pattern --------------------------------------- */

static void display_boot_pattern(struct display *d)
{
	char name[32];
	struct display_canvas c;

	if (cmdline_get("display", name, sizeof(name))) {
		if (strcmp(name, "cma"))
			pr_err("display=%s: unknown view; display=cma shows the CMA regions\n", name);
		else if (!cma_view_start(d))
			pr_info("%s: showing the CMA regions (display=cma)\n", dev_name(d->dev));
		return;
	}
	if (!cmdline_get("display_pattern", name, sizeof(name)))
		return;
	display_back_canvas(d, &c);
	if (display_draw_pattern(&c, name)) {
		pr_err("display_pattern=%s: no such pattern; see the display command's "
		       "help for the names\n", name);
		return;
	}
	if (!display_flip(d))
		pr_info("%s: showing pattern %s\n", dev_name(d->dev), name);
}
