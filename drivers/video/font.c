// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text on a display canvas (include/contig/font.h): each character is its
 * font's cell, ink pixels in the foreground colour and, unless the caller
 * keeps the background, the others in the background colour. The glyphs
 * themselves are data (font_6x8.c); this file only looks them up and
 * fills pixels through display_fill_rect(), so clipping and pixel formats
 * are the drawing core's.
 */
#include <contig/display.h>
#include <contig/font.h>

/**
 * font_glyph - the rows of one character
 * @font: the font
 * @ch: the character; one the font lacks gives '?'
 * Return: @font->height bytes.
 */
const u8 *font_glyph(const struct font *font, char ch)
{
	unsigned char u = (unsigned char)ch;

	if (u < font->first || u > font->last)
		u = '?';
	return font->data + (size_t)(u - font->first) * font->height;
}

/** font_pixel - whether pixel (@x, @y) of @ch's cell is ink */
bool font_pixel(const struct font *font, char ch, unsigned int x, unsigned int y)
{
	if (x >= font->width || y >= font->height)
		return false;
	return font_glyph(font, ch)[y] & (0x80u >> x);
}

/** display_text_width - pixels @s takes on one line with @font */
unsigned int display_text_width(const struct font *font, const char *s)
{
	unsigned int n = 0;

	while (s[n] && s[n] != '\n')
		n++;
	return n * font->width;
}

/**
 * display_draw_text - draw @s with its top left corner at (@x, @y)
 * @c: the canvas
 * @font: the font
 * @x, @y: where the first cell starts
 * @s: the text, up to its end or a newline
 * @fg: the ink's 0x00RRGGBB
 * @bg: the cell's 0x00RRGGBB, or DISPLAY_TEXT_CLEAR to draw the ink only
 * Return: the x right of the last cell.
 */
int display_draw_text(struct display_canvas *c, const struct font *font, int x, int y,
		      const char *s, u32 fg, u32 bg)
{
	unsigned int row, col;

	for (; *s && *s != '\n'; s++, x += (int)font->width) {
		const u8 *g = font_glyph(font, *s);

		if (bg != DISPLAY_TEXT_CLEAR)
			display_fill_rect(c, x, y, (int)font->width, (int)font->height, bg);
		for (row = 0; row < font->height; row++) {
			/* Runs of ink in a row: one fill each. */
			for (col = 0; col < font->width;) {
				unsigned int end;

				if (!(g[row] & (0x80u >> col))) {
					col++;
					continue;
				}
				for (end = col; end < font->width && (g[row] & (0x80u >> end)); end++)
					;
				display_fill_rect(c, x + (int)col, y + (int)row, (int)(end - col), 1, fg);
				col = end;
			}
		}
	}
	return x;
}
