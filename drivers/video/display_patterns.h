/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test patterns: one definition for the kernel, which draws them
 * (drivers/video/display.c includes this with the DP_* macros defined), and
 * for scripts/display_pattern.py, which reads these lines to draw the
 * picture a screendump must show. Keep one operation per line.
 *
 * Coordinates are in 32nds of the screen: X becomes the pixel column
 * X * width / 32 and Y the line Y * height / 32 (integer division), and an
 * area [X0, X1) x [Y0, Y1) covers those columns and lines. Operations are
 * applied in order; a later one paints over an earlier one.
 *
 *   DP_PATTERN(name)              start a pattern
 *   DP_FILL(rgb)                  the whole screen
 *   DP_RECT(x0, y0, x1, y1, rgb)  a rectangle
 *   DP_RAMP(x0, y0, x1, y1, rgb)  a horizontal ramp from black to rgb: in
 *                                 column c of a ramp n pixels wide, each
 *                                 component is component(rgb) * (c - c0) /
 *                                 (n - 1), rounded down
 *   DP_FRAME(rgb)                 a one-pixel border round the screen
 *   DP_END()                      end of the pattern
 */
DP_PATTERN(bars)
DP_FILL(0x000000)
DP_RECT(0, 0, 4, 20, 0xffffff)
DP_RECT(4, 0, 8, 20, 0xffff00)
DP_RECT(8, 0, 12, 20, 0x00ffff)
DP_RECT(12, 0, 16, 20, 0x00ff00)
DP_RECT(16, 0, 20, 20, 0xff00ff)
DP_RECT(20, 0, 24, 20, 0xff0000)
DP_RECT(24, 0, 28, 20, 0x0000ff)
DP_RECT(28, 0, 32, 20, 0x101010)
DP_RAMP(0, 20, 32, 22, 0xff0000)
DP_RAMP(0, 22, 32, 24, 0x00ff00)
DP_RAMP(0, 24, 32, 26, 0x0000ff)
DP_RAMP(0, 26, 32, 28, 0xffffff)
DP_RECT(0, 28, 4, 32, 0x808080)
DP_RECT(8, 28, 12, 32, 0x808080)
DP_RECT(16, 28, 20, 32, 0x808080)
DP_RECT(24, 28, 28, 32, 0x808080)
DP_RECT(4, 28, 8, 32, 0x3f7fbf)
DP_RECT(12, 28, 16, 32, 0xc08040)
DP_RECT(20, 28, 24, 32, 0x01fe7f)
DP_RECT(28, 28, 32, 32, 0xfe0180)
DP_FRAME(0xffffff)
DP_END()

DP_PATTERN(flip-a)
DP_FILL(0x202080)
DP_RECT(4, 4, 12, 28, 0xffcc00)
DP_RECT(14, 20, 30, 24, 0xffffff)
DP_FRAME(0xff0000)
DP_END()

DP_PATTERN(flip-b)
DP_FILL(0x208020)
DP_RECT(20, 4, 28, 28, 0x00ccff)
DP_RECT(2, 8, 18, 12, 0x000000)
DP_FRAME(0x00ff00)
DP_END()

DP_PATTERN(black)
DP_FILL(0x000000)
DP_END()
