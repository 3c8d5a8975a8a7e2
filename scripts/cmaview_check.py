#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""cmaview_check.py - check a screendump of the CMA region view pixel by
pixel, and take one (make screenshot, suite cmaview of scripts/check.py).

The kernel (ktest suite cma_view, tests/ktest/cma_view_test.c) makes a
known state in one region, draws the view and prints
  - the view's geometry and each region's place ("cma_view: geometry ...",
    "cma_view: region ..."), the legend's devices ("cma_view: device ...")
    and every cell's state ("cma_view: cells REGION ROW DIGITS");
  - what it made, as page ranges ("cma_view_test: state REGION KIND
    FIRST-END", KIND free, cache, movable, other, carved, carved:DEVICE or
    isolated).
This module recomputes the geometry from the screen size and the regions'
sizes with the rules of include/contig/cma_view.h, computes the state of
every cell of the test's region from the page ranges with the view's
precedence, and then checks the picture: every cell square has its
state's colour (read from cma_view.h), every gap between cells is
background, the legend's swatches sit where the legend rules put them
with the right colours, and the title line and the test region's label
are, pixel for pixel, the text the font (scripts/mkfont.py's glyphs) draws.
No stored picture is involved. The cells of the other regions are checked
against the states the kernel printed for them.

  cmaview_check.py check SCREEN.png|SCREEN.ppm LOG   check one screendump
  cmaview_check.py screenshot --arch arm|host --out FILE.png [--image F]
                                                   make screenshot
"""
import os
import re
import struct
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from check.proc import Console  # noqa: E402 (after the path it needs)
HEADER = os.path.join(ROOT, "include", "contig", "cma_view.h")

# enum cma_view_state (include/contig/cma_view.h).
FREE, CACHE, MOVABLE, OTHER, CARVED, DEVICE = range(6)


def constants():
    """The CMA_VIEW_* numbers and colours of include/contig/cma_view.h."""
    k = {}
    with open(HEADER) as f:
        for m in re.finditer(r"#define CMA_VIEW_(\w+) (0x[0-9a-fA-F]+|\d+)\b", f.read()):
            k[m.group(1)] = int(m.group(2), 0)
    k["ISOLATED"] = DEVICE + k["MAX_DEVICES"]
    return k


K = constants()
ISOLATED = K["ISOLATED"]


def state_rgb(state):
    named = {FREE: "FREE", CACHE: "CACHE", MOVABLE: "MOVABLE", OTHER: "OTHER",
             CARVED: "CARVED", ISOLATED: "ISOLATED"}
    if state in named:
        return K["RGB_" + named[state]]
    return K["RGB_DEVICE%d" % (state - DEVICE)]


def rank(state):
    if state == ISOLATED:
        return 6
    if state >= CARVED:
        return 5
    return state + 1


# ---- images ---------------------------------------------------------------

def read_png(path):
    """(width, height, RGB bytes) of an 8-bit RGB or RGBA PNG, no interlace
    (what QEMU's screendump and libpng write)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s is not a PNG" % path)
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("%s: only 8-bit RGB/RGBA, not interlaced" % path)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 0xff
            elif ft == 2:
                line[i] = (line[i] + b) & 0xff
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xff
        prev = line
        if bpp == 3:
            out += line
        else:
            for x in range(w):
                out += line[x * 4:x * 4 + 3]
    return w, h, bytes(out)


def read_image(path):
    if path.endswith(".ppm"):
        with open(path, "rb") as f:
            data = f.read()
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
        w, h = int(m.group(1)), int(m.group(2))
        return w, h, data[m.end():m.end() + w * h * 3]
    return read_png(path)


# ---- what the kernel printed ----------------------------------------------

def parse_log(text):
    """The view's geometry, regions, devices, cells and the test's state."""
    g = re.search(r"cma_view: geometry (\d+)x(\d+) cols (\d+) pitch (\d+) "
                  r"cell_pages (\d+) legend_y (\d+)", text)
    if not g:
        raise ValueError("no 'cma_view: geometry' line in the log")
    v = {"width": int(g.group(1)), "height": int(g.group(2)), "cols": int(g.group(3)),
         "pitch": int(g.group(4)), "cell_pages": int(g.group(5)),
         "legend_y": int(g.group(6)), "regions": [], "devices": [], "cells": {},
         "state": {}}
    start = g.start()
    for m in re.finditer(r"cma_view: region (\S+) start_pfn (0x[0-9a-f]+) pages (\d+) "
                         r"label_y (\d+) grid_y (\d+) rows (\d+) cells (\d+)", text[start:]):
        v["regions"].append({"name": m.group(1), "start": int(m.group(2), 16),
                             "pages": int(m.group(3)), "label_y": int(m.group(4)),
                             "grid_y": int(m.group(5)), "rows": int(m.group(6)),
                             "cells": int(m.group(7))})
    for m in re.finditer(r"cma_view: device (\d+) (\S+)", text[start:]):
        v["devices"].append(m.group(2))
    for m in re.finditer(r"cma_view: cells (\S+) (\d+) ([0-9a-f]+)", text[start:]):
        v["cells"].setdefault(m.group(1), {})[int(m.group(2))] = [int(c, 16) for c in m.group(3)]
    for m in re.finditer(r"cma_view_test: state (\S+) (\S+) (0x[0-9a-f]+)-(0x[0-9a-f]+)",
                         text[start:]):
        v["state"].setdefault(m.group(1), []).append(
            (m.group(2), int(m.group(3), 16), int(m.group(4), 16)))
    return v


# ---- the rules of include/contig/cma_view.h --------------------------------

def layout(width, height, pages):
    """(pitch, cell_pages, [(label_y, grid_y, rows, cells)], legend_y) for
    regions of @pages pages each on a @width x @height screen."""
    cols = K["COLS"]
    pitch = min(K["PITCH"], (width - 2 * K["MARGIN"]) // cols if width > 2 * K["MARGIN"] else 0)
    avail = height - K["TOP"] - K["LEGEND_LINES"] * K["LINE"]

    def rows(n, cp):
        return -(-(-(-n // cp)) // cols)

    cp = 1
    while True:
        need = sum(K["LINE"] + rows(n, cp) * pitch + K["GAP"] for n in pages)
        cells = sum(-(-n // cp) for n in pages)
        if need <= avail and cells <= K["MAX_CELLS"]:
            break
        cp *= 2
    y, out = K["TOP"], []
    for n in pages:
        out.append((y, y + K["LINE"], rows(n, cp), -(-n // cp)))
        y += K["LINE"] + rows(n, cp) * pitch + K["GAP"]
    return pitch, cp, out, y


def fmt_pages(pages):
    kib = pages * 4
    if kib >= 1024 and kib % 1024 == 0:
        return "%d MiB" % (kib // 1024)
    if kib >= 1024:
        return "%d.%d MiB" % (kib // 1024, (kib % 1024) * 10 // 1024)
    return "%d KiB" % kib


def glyphs():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import mkfont
    return mkfont.glyphs()


def text_pixels(s, x0, y0):
    """{(x, y): True for ink, False for the rest of each 6x8 cell}."""
    g, px = glyphs(), {}
    for i, ch in enumerate(s):
        rows = g.get(ch, g["?"])
        for y in range(8):
            for x in range(6):
                px[(x0 + i * 6 + x, y0 + y)] = bool(rows[y] & (0x80 >> x))
    return px


def region_cells_from_state(region, ranges, cell_pages, devices):
    """The state of every cell of @region from the test's page ranges."""
    page = [FREE] * region["pages"]
    for kind, first, end in ranges:
        if kind.startswith("carved:"):
            st = DEVICE + devices.index(kind.split(":", 1)[1])
        else:
            st = {"free": FREE, "cache": CACHE, "movable": MOVABLE, "other": OTHER,
                  "carved": CARVED, "isolated": ISOLATED}[kind]
        for p in range(first, end):
            page[p - region["start"]] = st
    cells = []
    for c in range(-(-region["pages"] // cell_pages)):
        best = FREE
        for st in page[c * cell_pages:(c + 1) * cell_pages]:
            if rank(st) > rank(best):
                best = st
        cells.append(best)
    return cells, page


def label_text(region, page):
    """The label the view draws for a region whose every page state is known."""
    carved = sum(1 for st in page if CARVED <= st < ISOLATED)
    run = best = 0
    for st in page:
        run = 0 if CARVED <= st < ISOLATED else run + 1
        best = max(best, run)
    borrowed = sum(1 for st in page if st in (MOVABLE, CACHE))
    return "%s %s at %#x: %s free, largest run %s, %s borrowed" % (
        region["name"], fmt_pages(region["pages"]), region["start"] << 12,
        fmt_pages(region["pages"] - carved), fmt_pages(best), fmt_pages(borrowed))


def check(image, log_text, only=None):
    """Problems (a list of strings; empty when the screen is right) of the
    screendump @image against the view and the state @log_text prints
    (@only: the names of the regions whose cells to check; None: all)."""
    w, h, rgb = read_image(image)
    v = parse_log(log_text)
    problems = []

    def px(x, y):
        i = (y * w + x) * 3
        return (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]

    def expect(x, y, want, what):
        got = px(x, y)
        if got != want:
            problems.append("%s: pixel (%d,%d) is #%06x, want #%06x" % (what, x, y, got, want))
            return False
        return True

    if (w, h) != (v["width"], v["height"]):
        return ["the screen is %dx%d, the view says %dx%d" % (w, h, v["width"], v["height"])]
    pitch, cp, places, legend_y = layout(w, h, [r["pages"] for r in v["regions"]])
    if (pitch, cp, legend_y) != (v["pitch"], v["cell_pages"], v["legend_y"]):
        problems.append("geometry: the rules give pitch %d, %d pages a cell, legend at %d; "
                        "the kernel drew pitch %d, %d, %d" % (pitch, cp, legend_y, v["pitch"],
                                                               v["cell_pages"], v["legend_y"]))
        return problems
    bg, cols, margin = K["RGB_BACKGROUND"], K["COLS"], K["MARGIN"]
    checked_state = 0
    for r, (label_y, grid_y, rows, ncells) in zip(v["regions"], places):
        if only is not None and r["name"] not in only:
            continue
        if (label_y, grid_y, rows, ncells) != (r["label_y"], r["grid_y"], r["rows"], r["cells"]):
            problems.append("region %s: placed at %s by the rules, %s by the kernel" % (
                r["name"], (label_y, grid_y, rows, ncells),
                (r["label_y"], r["grid_y"], r["rows"], r["cells"])))
            continue
        printed = [c for row in range(rows) for c in v["cells"].get(r["name"], {}).get(row, [])]
        if r["name"] in v["state"]:
            cells, page = region_cells_from_state(r, v["state"][r["name"]], cp, v["devices"])
            checked_state += 1
            if printed and printed != cells:
                problems.append("region %s: the kernel's cell states differ from the test's "
                                "state" % r["name"])
            for (x, y), ink in text_pixels(label_text(r, page), margin, label_y).items():
                if not expect(x, y, K["RGB_TEXT"] if ink else bg, "label of %s" % r["name"]):
                    break
        else:
            cells = printed
        if len(cells) != ncells:
            problems.append("region %s: %d cell states for %d cells" % (r["name"], len(cells),
                                                                         ncells))
            continue
        for i, st in enumerate(cells):
            x0, y0 = margin + (i % cols) * pitch, grid_y + (i // cols) * pitch
            want = state_rgb(st)
            bad = [(x, y) for y in range(y0, y0 + pitch - 1) for x in range(x0, x0 + pitch - 1)
                   if px(x, y) != want]
            bad += [(x, y) for x, y in [(x0 + pitch - 1, yy) for yy in range(y0, y0 + pitch)] +
                    [(xx, y0 + pitch - 1) for xx in range(x0, x0 + pitch)] if px(x, y) != bg]
            if bad:
                x, y = bad[0]
                problems.append("region %s cell %d (state %d): %d wrong pixels, first (%d,%d) "
                                "#%06x, want #%06x (gap: #%06x)" % (r["name"], i, st, len(bad),
                                                                    x, y, px(x, y), want, bg))
                if len(problems) > 20:
                    return problems
    if not checked_state:
        problems.append("no 'cma_view_test: state' lines: the test made no state to check")
    # The legend: swatches laid out as cma_view_draw() does.
    names = [(FREE, "free"), (CACHE, "clean cache"), (MOVABLE, "movable"), (OTHER, "other"),
             (CARVED, "carved, no device"), (ISOLATED, "isolated (carving)")]
    names += [(DEVICE + i, d) for i, d in enumerate(v["devices"])]
    x, y = margin, legend_y
    for st, name in names:
        adv = 10 + 6 * len(name) + 12
        if x + adv > w - margin and x > margin:
            x, y = margin, y + K["LINE"]
        if y + K["LINE"] > h:
            break
        for yy in range(y, y + 8):
            for xx in range(x, x + 8):
                if not expect(xx, yy, state_rgb(st), "legend swatch of %s" % name):
                    break
        for (tx, ty), ink in text_pixels(name, x + 10, y).items():
            if ink and not expect(tx, ty, K["RGB_TEXT"], "legend text %s" % name):
                break
        x += adv
    title = "contig CMA: %d region%s, a cell is %d page%s (%s)" % (
        len(v["regions"]), "" if len(v["regions"]) == 1 else "s", cp, "" if cp == 1 else "s",
        fmt_pages(cp))
    for (x, y), ink in text_pixels(title, margin, K["TITLE_Y"]).items():
        if not expect(x, y, K["RGB_TEXT"] if ink else bg, "title"):
            break
    return problems


# ---- sessions ---------------------------------------------------------------

class Session(Console):
    """A kernel with the shell on stdin/stdout: type lines, wait for output
    (scripts/check/proc.py's Console, which reads the output)."""

    def __init__(self, cmd):
        self.cmd = cmd
        super().__init__(cmd)

    def wait_for(self, regex, start=0, timeout=600):
        return super().wait_for(regex, start, timeout)

    def finish(self, timeout=600):
        return super().finish(timeout)

    def run(self, lines, timeout=600):
        """Type each of @lines after a prompt (a callable instead is called
        with the session, the output position and @timeout, and returns
        the new position or None); False when a prompt never came."""
        pos = 0
        for line in lines:
            m = self.wait_for(r"contig> ", pos, timeout)
            if not m:
                return False
            pos = m.end()
            if callable(line):
                pos = line(self, pos, timeout)
                if pos is None:
                    return False
                continue
            self.send(line)
        m = self.wait_for(r"contig> ", pos, timeout)
        return m is not None


def wait_redraw(sess, pos, timeout):
    """A step of Session.run(): wait until the live view flipped again after
    the last "display info" (a flip the controller did not confirm in time
    counts too: it is programmed anyway), asking "display info" again; the
    shell polls the view between commands. Bounded by @timeout only as a
    hang guard. Return: the output position, or None."""
    done = re.compile(r", (\d+) flips, (\d+) timeouts\n(?:.*\n)*?contig> ")
    seen = [int(a) + int(b) for a, b in done.findall(sess.out[:pos])]
    deadline = time.time() + timeout
    while seen and time.time() < deadline:
        sess.send("display info")
        m = sess.wait_for(done.pattern, pos, timeout)
        if not m:
            return None
        pos = m.end()
        if int(m.group(1)) + int(m.group(2)) > seen[-1]:
            return m.start()
        time.sleep(K["POLL_MS"] / 1000.0)
    return None


def qmp_screendump(sock, path, fmt="png", timeout=60):
    """QEMU's screendump of its console 0 to @path through QMP at @sock."""
    import json
    import socket
    deadline = time.time() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(sock)
            break
        except OSError:
            s.close()
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    f = s.makefile("rw")
    f.readline()

    def command(name, **args):
        f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise OSError("QMP %s: %s" % (name, reply["error"]))

    command("qmp_capabilities")
    args = {"filename": os.path.abspath(path)}
    if fmt != "ppm":
        args["format"] = fmt
    command("screendump", **args)
    s.close()


def shoot(arch, lines, out, image=None, append="", log=None, timeout=600):
    """Boot @arch (arm: QEMU vexpress-a9 through scripts/qemu-arm.sh; host:
    build/host/contig), type @lines at the shell, write the screen to @out
    (a PNG) and power off. Return: (the console output, a problem or None)."""
    out = os.path.abspath(out)
    if os.path.exists(out):
        os.unlink(out)
    cmdline = "shell" + (" " + append if append else "")
    if arch == "host":
        cmd = [image or os.path.join(ROOT, "build", "host", "contig"), "--append",
               cmdline + " shell_echo=0", "--screendump", out]
        sess = Session(cmd)
        ok = sess.run(lines, timeout)
        sess.send("poweroff")
    else:
        import tempfile
        sockdir = tempfile.mkdtemp(prefix="contig-screenshot-")
        sock = os.path.join(sockdir, "qmp.sock")  # short: sun_path is 108 bytes
        cmd = ["bash", os.path.join(ROOT, "scripts", "qemu-arm.sh"), "--append", cmdline,
               "--qmp", sock, "--timeout", str(timeout)]
        if image:
            cmd += ["--kernel", image]
        sess = Session(cmd)
        ok = sess.run(lines, timeout)
        if ok:
            try:
                qmp_screendump(sock, out)
            except OSError as e:
                ok = False
                sess.out += "\nscreendump: %s\n" % e
        sess.send("poweroff")
    status = sess.finish(timeout)
    if arch != "host":
        if os.path.exists(sock):
            os.unlink(sock)
        os.rmdir(sockdir)
    if log:
        with open(log, "w") as f:
            f.write("$ %s\n%s" % (" ".join(cmd), sess.out))
    if not ok:
        return sess.out, "no shell prompt after a command (see the output)"
    if status != 0:
        return sess.out, "exit status %d" % status
    if not os.path.exists(out):
        return sess.out, "no screendump was written"
    return sess.out, None


CASE = "a_known_state_shows_in_every_cell_and_on_the_screen"


def run_case(arch, image, logdir):
    """The check suite's case: boot @arch with @image, run "ktest cma_view",
    take the screendump into @logdir and check it. Return: ("pass" | "fail"
    | "skip", what went wrong or why it was skipped)."""
    os.makedirs(logdir, exist_ok=True)
    stem = os.path.join(logdir, "cmaview-" + arch)
    out, problem = shoot(arch, ["ktest cma_view"], stem + ".png", image=image,
                         log=stem + ".log")
    where = " (see %s.log, %s.png)" % (os.path.relpath(stem, ROOT), os.path.relpath(stem, ROOT))
    if problem:
        return "fail", problem + where
    m = re.search(r"^\s*(not ok|ok) \d+ %s(?:\s*# SKIP (.*))?$" % CASE, out, re.M)
    if not m:
        return "fail", "ktest cma_view printed no result for %s%s" % (CASE, where)
    if m.group(2):
        return "skip", "ktest cma_view skipped: %s" % m.group(2)
    if m.group(1) != "ok" or re.search(r"^\s*not ok ", out, re.M):
        return "fail", "ktest cma_view failed%s" % where
    problems = check(stem + ".png", out)
    if problems:
        return "fail", "; ".join(problems[:3]) + (" (%d more)" % (len(problems) - 3)
                                                   if len(problems) > 3 else "") + where
    return "pass", ""


def run_screendump_error(image):
    """The hosted kernel's --screendump to a file it cannot write: one
    message naming the file and why, and exit status 4 (the boot itself
    succeeded). Return: as run_case()."""
    bad = "/nonexistent-dir/screen.png"
    p = subprocess.run([image, "--append", "mmcheck", "--screendump", bad],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=600)
    text = p.stdout.decode("utf-8", "replace")
    want = "contig: --screendump %s: No such file or directory" % bad
    if p.returncode != 4 or want not in text:
        return "fail", "exit %d, want 4 and '%s'; output ends: %s" % (
            p.returncode, want, text[-300:])
    return "pass", ""


LIVE_REGION, LIVE_SIZE = "linux,cma", "4M"


def run_live(arch, image, logdir):
    """The live view redraws after a carve: "display cma", "display info"
    (the flip count), then "cma alloc" of LIVE_SIZE in LIVE_REGION (empty
    after boot) and, once the display has flipped again, the screendump
    must show exactly that carve in the region's cells and label.
    Return: as run_case()."""
    os.makedirs(logdir, exist_ok=True)
    stem = os.path.join(logdir, "cmaview-live-" + arch)
    out, problem = shoot(arch, ["display cma", "display info",
                                "cma alloc %s %s" % (LIVE_REGION, LIVE_SIZE), wait_redraw],
                         stem + ".png", image=image, log=stem + ".log")
    where = " (see %s.log, %s.png)" % (os.path.relpath(stem, ROOT), os.path.relpath(stem, ROOT))
    if problem:
        return "fail", problem + where
    m = re.search(r"buffer \d+: %s (0x[0-9a-f]+)-(0x[0-9a-f]+), " % re.escape(LIVE_REGION), out)
    if not m:
        return "fail", "cma alloc printed no buffer" + where
    state = "cma_view_test: state %s carved %#x-%#x\n" % (
        LIVE_REGION, int(m.group(1), 16) >> 12, (int(m.group(2), 16) + 1) >> 12)
    problems = check(stem + ".png", out + state, only={LIVE_REGION})
    if problems:
        return "fail", "; ".join(problems[:3]) + where
    return "pass", ""


# The workload make screenshot shows: movable pages borrowed into the
# regions, buffers carved for two devices and one for none.
SCREENSHOT_LINES = ["memhog 48M 100", "cma alloc dmatest-named 6M capture",
                    "cma alloc dmatest-single 4M", "cma alloc linux,cma 3M",
                    "memhog 8M 100", "display cma"]


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check")
    c.add_argument("image")
    c.add_argument("log")
    s = sub.add_parser("screenshot")
    s.add_argument("--arch", default="arm", choices=["arm", "host"])
    s.add_argument("--out", default=os.path.join(ROOT, "build", "screenshot.png"))
    s.add_argument("--image")
    a = ap.parse_args(argv)
    if a.what == "check":
        with open(a.log, errors="replace") as f:
            problems = check(a.image, f.read())
        for p in problems:
            print(p)
        print("cmaview: %s" % ("ok" if not problems else "%d problems" % len(problems)))
        return 1 if problems else 0
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    log = os.path.splitext(a.out)[0] + ".log"
    print("  SCREENSHOT %s (%s; console in %s)" % (os.path.relpath(a.out), a.arch,
                                                  os.path.relpath(log)))
    _, problem = shoot(a.arch, SCREENSHOT_LINES, a.out, image=a.image, log=log)
    if problem:
        print("screenshot: %s: see %s" % (problem, log), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
