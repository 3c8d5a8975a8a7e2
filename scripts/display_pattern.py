#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""display_pattern.py - the expected pictures of the display tests.

Reads the test patterns from drivers/video/display_patterns.h (the table the
kernel draws them from) and renders one at a given size into a binary PPM
(P6), the format of QEMU's screendump; compares two PPMs pixel by pixel.

  scripts/display_pattern.py NAME WIDTH HEIGHT OUT.ppm
  scripts/display_pattern.py --compare GOT.ppm WANT.ppm [--diff DIFF.ppm]
  scripts/display_pattern.py --list

The rules are the ones display_patterns.h states: coordinates in 32nds of
the screen (X -> X * width // 32), operations painted in order, a ramp's
component is c * (column - first) // (columns - 1). check.py imports this
file for its "display" suite.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "drivers", "video", "display_patterns.h")
UNITS = 32

OP_RE = re.compile(r"^\s*DP_(PATTERN|FILL|RECT|RAMP|FRAME|END)\((.*)\)\s*$")


def load_patterns(path=TABLE):
    """{name: [(op, args...)]} from the table, in file order."""
    patterns, cur = {}, None
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            m = OP_RE.match(line)
            if not m:
                continue
            op, args = m.group(1), [a.strip() for a in m.group(2).split(",")
                                    if a.strip()]
            if op == "PATTERN":
                cur = patterns.setdefault(args[0], [])
            elif op == "END":
                cur = None
            elif cur is None:
                raise ValueError("%s:%d: DP_%s outside a pattern" %
                                 (path, lineno, op))
            else:
                cur.append((op,) + tuple(int(a, 0) for a in args))
    return patterns


def _ramp(rgb, pos, n):
    out = 0
    for shift in (0, 8, 16):
        c = (rgb >> shift) & 0xff
        out |= (c * pos // (n - 1) if n > 1 else c) << shift
    return out


def render(ops, width, height):
    """The pattern as a bytearray of RGB, row after row."""
    img = bytearray(width * height * 3)

    def put(x0, y0, x1, y1, colour_of_x):
        for x in range(max(x0, 0), min(x1, width)):
            px = colour_of_x(x).to_bytes(3, "big")
            for y in range(max(y0, 0), min(y1, height)):
                i = (y * width + x) * 3
                img[i:i + 3] = px

    for op in ops:
        kind, args = op[0], op[1:]
        if kind == "FILL":
            img[:] = args[0].to_bytes(3, "big") * (width * height)
        elif kind in ("RECT", "RAMP"):
            x0, y0 = args[0] * width // UNITS, args[1] * height // UNITS
            x1, y1 = args[2] * width // UNITS, args[3] * height // UNITS
            rgb = args[4]
            if kind == "RECT":
                put(x0, y0, x1, y1, lambda x, c=rgb: c)
            else:
                put(x0, y0, x1, y1,
                    lambda x, c=rgb, a=x0, n=x1 - x0: _ramp(c, x - a, n))
        elif kind == "FRAME":
            c = args[0]
            put(0, 0, width, 1, lambda x: c)
            put(0, height - 1, width, height, lambda x: c)
            put(0, 0, 1, height, lambda x: c)
            put(width - 1, 0, width, height, lambda x: c)
    return img


def write_ppm(path, width, height, rgb):
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (width, height))
        f.write(bytes(rgb))


def read_ppm(path):
    """(width, height, rgb bytes) of a binary PPM with maxval 255."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError("%s: not a binary PPM with maxval 255" % path)
    w, h = int(fields[1]), int(fields[2])
    rgb = data[pos:pos + w * h * 3]
    if len(rgb) != w * h * 3:
        raise ValueError("%s: %d bytes of pixels, %dx%d needs %d" %
                         (path, len(rgb), w, h, w * h * 3))
    return w, h, rgb


def compare(got_path, want_path, diff_path=None, show=5):
    """None when the pictures are identical, else a description of how they
    differ (and, with @diff_path, a picture of where: white = differs)."""
    gw, gh, got = read_ppm(got_path)
    ww, wh, want = read_ppm(want_path)
    if (gw, gh) != (ww, wh):
        return "the screen is %dx%d, expected %dx%d" % (gw, gh, ww, wh)
    if got == want:
        return None
    bad = []
    diff = bytearray(len(got))
    for i in range(0, len(got), 3):
        if got[i:i + 3] != want[i:i + 3]:
            diff[i:i + 3] = b"\xff\xff\xff"
            if len(bad) < show:
                p = i // 3
                bad.append("(%d,%d) #%s, expected #%s" %
                           (p % gw, p // gw, got[i:i + 3].hex(),
                            want[i:i + 3].hex()))
    n = sum(1 for i in range(0, len(got), 3) if diff[i])
    if diff_path:
        write_ppm(diff_path, gw, gh, diff)
    return "%d of %d pixels differ, e.g. %s" % (n, gw * gh, "; ".join(bad))


def main(argv):
    if argv[1:2] == ["--list"]:
        print(" ".join(load_patterns()))
        return 0
    if argv[1:2] == ["--compare"] and len(argv) in (4, 6):
        diff = argv[5] if len(argv) == 6 and argv[4] == "--diff" else None
        res = compare(argv[2], argv[3], diff)
        print(res or "identical")
        return 1 if res else 0
    if len(argv) == 5:
        pats = load_patterns()
        if argv[1] not in pats:
            print("no pattern %s; known: %s" % (argv[1], " ".join(pats)),
                  file=sys.stderr)
            return 2
        w, h = int(argv[2]), int(argv[3])
        write_ppm(argv[4], w, h, render(pats[argv[1]], w, h))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
