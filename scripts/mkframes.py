#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""mkframes.py - write the raw frames file the vcam capture driver reads.

vexpress-a9 has no camera: the capture device is a virtio block device
whose backing file holds a header and then the frames, one after the other
(Documentation/driver-api/camera.rst). This script writes that file with a
deterministic test pattern, the one lib/tpg.c computes in the kernel, so a
captured frame can be checked byte for byte, and with the CRC-32 of every
frame in the header, so it can also be checked against the file itself.

Usage: scripts/mkframes.py -o FILE [--width W] [--height H]
                           [--format rgb565|xrgb8888] [--frames N]

The pattern of frame n, pixel (x, y), W x H:
  - the counter box: at (S, S), S = max(2, H // 60), a white box 21*S wide
    and 7*S high holding n % 100000 as five digits of a 3x5 font, each font
    cell S x S pixels, black, starting at (2S, 2S), one empty cell between
    digits;
  - else the top three quarters (y < 3H/4): eight vertical colour bars
    (white, yellow, cyan, green, magenta, red, blue, black), each W/8 wide,
    moving right by 4 pixels a frame: bar = ((x - 4n) mod W) * 8 // W;
  - else a grey ramp that changes along both axes and with the frame:
    g = (x + 2y + 3n) & 255.
Colours are 8-bit R, G, B; RGB565 keeps the top 5/6/5 bits, little-endian;
XRGB8888 is 0x00RRGGBB, little-endian.

File layout (all little-endian):
  0   char magic[8] = "CFRAMES\\0"
  8   u32 version = 1
  12  u32 header_size   (bytes; frame 0 starts here; a multiple of 4096)
  16  u32 width, 20 u32 height
  24  u32 fourcc        (DRM: "RG16" RGB565, "XR24" XRGB8888)
  28  u32 bytes_per_line
  32  u32 frame_size    (bytes_per_line * height)
  36  u32 frame_stride  (frame_size rounded up to 4096)
  40  u32 nr_frames
  44  u32 pattern = 1   (the pattern above)
  48  u32 header_crc    (CRC-32 of bytes 0..47)
  52  u32 reserved[3] = 0
  64  u32 frame_crc[nr_frames]  (CRC-32, IEEE, as zlib.crc32)
"""

import argparse
import os
import struct
import sys
import zlib

MAGIC = b"CFRAMES\0"
VERSION = 1
PATTERN_BARS = 1
FOURCC = {"rgb565": b"RG16", "xrgb8888": b"XR24"}
BPP = {"rgb565": 2, "xrgb8888": 4}

BARS = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0),
        (255, 0, 255), (255, 0, 0), (0, 0, 255), (0, 0, 0)]

# 3x5 digits, one row per 3 bits (MSB = left), top row first.
FONT = [0x7B6F, 0x2C97, 0x73E7, 0x73CF, 0x5BC9,
        0x79CF, 0x79EF, 0x7249, 0x7BEF, 0x7BCF]

BAR_STEP = 4


def pixel_bytes(fmt, rgb):
    r, g, b = rgb
    if fmt == "rgb565":
        return struct.pack("<H", ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3))
    return struct.pack("<I", (r << 16) | (g << 8) | b)


def counter_cell(n, cx, cy):
    """Is font cell (cx, cy) of the counter box ink (True), or paper?"""
    # Box: cells 0..20 wide, 0..6 high; digits from cell (1, 1), 4 cells
    # apart (3 wide + 1 gap).
    if cy < 1 or cy > 5 or cx < 1:
        return False
    d, col = divmod(cx - 1, 4)
    if d > 4 or col == 3:
        return False
    digit = (n // 10 ** (4 - d)) % 10
    row = cy - 1
    return bool((FONT[digit] >> (14 - (row * 3 + col))) & 1)


def frame(fmt, w, h, n):
    s = max(2, h // 60)
    bpp = BPP[fmt]
    black, white = pixel_bytes(fmt, (0, 0, 0)), pixel_bytes(fmt, (255, 255, 255))
    grey = [pixel_bytes(fmt, (g, g, g)) for g in range(256)]
    bars = [pixel_bytes(fmt, c) for c in BARS]
    bar_row = b"".join(bars[((x - BAR_STEP * n) % w) * 8 // w] for x in range(w))
    box_x0, box_y0, box_w, box_h = s, s, 21 * s, 7 * s
    rows = []
    for y in range(h):
        if y < h * 3 // 4:
            row = bar_row
        else:
            c = 2 * y + 3 * n
            row = b"".join(grey[(x + c) & 255] for x in range(w))
        if box_y0 <= y < box_y0 + box_h and box_x0 < w:
            cy = (y - box_y0) // s
            x1 = min(w, box_x0 + box_w)
            box = b"".join(black if counter_cell(n, (x - box_x0) // s, cy) else white
                           for x in range(box_x0, x1))
            row = row[:box_x0 * bpp] + box + row[x1 * bpp:]
        rows.append(row)
    return b"".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=480)
    ap.add_argument("--format", choices=sorted(FOURCC), default="rgb565")
    ap.add_argument("--frames", type=int, default=32)
    args = ap.parse_args()
    if not (16 <= args.width <= 4096 and 16 <= args.height <= 4096):
        ap.error("width and height must be 16..4096")
    if not 1 <= args.frames <= 100000:
        ap.error("--frames must be 1..100000")

    bpl = args.width * BPP[args.format]
    frame_size = bpl * args.height
    stride = (frame_size + 4095) // 4096 * 4096
    header_size = (64 + 4 * args.frames + 4095) // 4096 * 4096
    fixed = MAGIC + struct.pack("<10I", VERSION, header_size, args.width, args.height,
                                struct.unpack("<I", FOURCC[args.format])[0], bpl,
                                frame_size, stride, args.frames, PATTERN_BARS)
    assert len(fixed) == 48
    frames = [frame(args.format, args.width, args.height, n)
              for n in range(args.frames)]
    crcs = [zlib.crc32(f) & 0xffffffff for f in frames]
    header = fixed + struct.pack("<I3I", zlib.crc32(fixed) & 0xffffffff, 0, 0, 0)
    header += struct.pack("<%dI" % args.frames, *crcs)
    header += bytes(header_size - len(header))

    tmp = args.output + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(tmp, "wb") as f:
        f.write(header)
        for fr in frames:
            f.write(fr + bytes(stride - frame_size))
    os.replace(tmp, args.output)
    print("mkframes: %s: %d frames of %dx%d %s, %d KiB" %
          (args.output, args.frames, args.width, args.height, args.format,
           (header_size + stride * args.frames) // 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
