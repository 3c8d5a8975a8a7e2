# SPDX-License-Identifier: GPL-2.0-only
"""Pictures: the display steps, QEMU's screendump compared pixel by pixel
with the expected picture (scripts/display_pattern.py draws it and
compares PPMs), the panel's geometry from the DTB, and the frames file of
scripts/mkframes.py read back as RGB."""

import os
import struct
import subprocess
import sys

from .common import LOGDIR, ROOT


# (what is typed on the serial line, the line the kernel prints once the
# picture is up, the pattern the screen must show then). "draw" puts flip-b
# in the back buffer only: the screen must still show flip-a until "flip".
DISPLAY_STEPS = [
    ("bars", "display pattern bars", r"display: pattern bars up", "bars"),
    ("flip-a", "display pattern flip-a", r"display: pattern flip-a up",
     "flip-a"),
    ("draw-b-stays-behind", "display draw flip-b",
     r"display: drew flip-b into buffer \d", "flip-a"),
    ("flip-b", "display flip", r"display: flipped: buffer \d", "flip-b"),
]


def display_pattern_lib():
    """scripts/display_pattern.py: the test pictures and the PPM compare."""
    scripts = os.path.join(ROOT, "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import display_pattern
    return display_pattern


def display_geometry(dtb):
    """hactive, vactive of the board's panel, read from the DTB."""
    geo = []
    for prop in ("hactive", "vactive"):
        out = subprocess.run(["fdtget", dtb, "/panel/panel-timing", prop],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        geo.append(int(out.stdout.split()[0]))
    return tuple(geo)


def screendump_problem(qmp, stem, rgb, width, height):
    """Take QEMU's screendump into build/check/@stem.ppm and compare it
    pixel by pixel with @rgb (@width x @height, RGB bytes), written to
    @stem-expected.ppm. Returns None when they are equal, else what
    differs and the files to look at (@stem-diff.ppm shows where; it is
    kept only then)."""
    dp = display_pattern_lib()
    got, want, diff = (os.path.join(LOGDIR, stem + x)
                       for x in (".ppm", "-expected.ppm", "-diff.ppm"))
    dp.write_ppm(want, width, height, rgb)
    qmp.command("screendump", filename=got)
    res = dp.compare(got, want, diff)
    if not res:
        if os.path.exists(diff):
            os.unlink(diff)
        return None
    return "%s (see %s)" % (res, ", ".join(
        os.path.relpath(f, ROOT) for f in (got, want, diff)))


def frames_header(path):
    """The geometry scripts/mkframes.py wrote into @path's header."""
    with open(path, "rb") as f:
        h = f.read(48)
    (magic, version, header_size, width, height, fourcc, bpl, frame_size,
     stride, nr_frames, pattern) = struct.unpack("<8s10I", h)
    if magic != b"CFRAMES\0":
        raise ValueError("%s is not a frames file" % path)
    return dict(header_size=header_size, width=width, height=height,
                fourcc=fourcc, bpl=bpl, frame_size=frame_size, stride=stride,
                nr_frames=nr_frames)


def frame_rgb(path, hdr, n):
    """Frame @n of the frames file as RGB bytes (what the screen must show)."""
    with open(path, "rb") as f:
        f.seek(hdr["header_size"] + n * hdr["stride"])
        raw = f.read(hdr["frame_size"])
    rgb = bytearray()
    for y in range(hdr["height"]):
        row = raw[y * hdr["bpl"]:y * hdr["bpl"] + hdr["width"] * 4]
        if hdr["fourcc"] == 0x34325258:  # XR24: bytes B, G, R, X
            rgb += bytes(b for i in range(0, len(row), 4)
                         for b in (row[i + 2], row[i + 1], row[i]))
        else:
            raise ValueError("only XR24 frames are compared on screen")
    return bytes(rgb)
