#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""rmem_compare.py - contig's /reserved-memory reader against Linux's rules,
on every DTB of Debian's armhf Linux kernel package.

For each DTB, the hosted kernel boots with --append rmem_dump: it reads
/memory, /memreserve/ and /reserved-memory with the real boot code
(mm/reserved_mem.c, mm/cma.c, mm/memblock.c), prints its region table
("rmem-dump: region ...") and powers off. Independently, this script reads
the same DTB with python3-libfdt and applies the rules of Linux 6.1
(drivers/of/fdt.c, of_reserved_mem.c, kernel/dma/contiguous.c and
coherent.c on ARM):

  - /reserved-memory needs #address-cells and #size-cells equal to the
    root's and a ranges property, else every child is ignored;
  - a child with status other than "okay"/"ok" is skipped;
  - reg: every <base size> is reserved (no-map: only when the range is not
    already reserved), the first is the region; a bad length skips the node;
  - size (+ alignment, alloc-ranges): allocated top-down in the first
    window with room (anywhere in RAM without alloc-ranges); a reusable
    shared-dma-pool is aligned to the 4 MiB CMA minimum;
  - compatible = "shared-dma-pool": reusable and not no-map -> a CMA area,
    base and size 4 MiB aligned, the last linux,cma-default one is the
    default; not reusable -> a coherent pool, which needs no-map on ARM;
    when neither setup accepts the node its memory is given back.

Regions are compared by name (the node name before '@'), flags (reusable,
no-map, default) and, for static regions, base and size. A dynamic
region's base is chosen by each allocator and may legitimately differ: it
is checked to lie inside a window of RAM and to keep its alignment, and
its size to equal the requested one (or that rounded up to whole
pageblocks, a documented contig rule). Every difference is printed with a
kind; tests/linux-dtbs/expected.txt lists the ones that are explained
(each with its reason); an unexplained difference, an expectation that
no longer occurs, a crash, a sanitizer report or a hang fails.

RAM: each DTB's /memory (device_type = "memory", Linux's rule). Many
boards leave it to the bootloader (no node, or reg = <0 0>); for those
this script adds one as a bootloader would, spanning the alloc-ranges
windows and mapped static regions rounded out to 256 MiB (at least
256 MiB; 0x40000000 + 256 MiB when they give no hint), and says so.

Output: one line per DTB with a /reserved-memory node, "ok NAME" or
"not ok NAME - why", then "ok <no-reserved-memory> - ..." for the others,
the stale expectations, and a summary "# N DTBs, N regions compared, N
differences (N explained)".
"""
import argparse
import concurrent.futures
import fnmatch
import glob
import os
import re
import subprocess
import sys
import tempfile

import libfdt

Q = libfdt.QUIET_NOTFOUND
CMA_MIN_ALIGN = 4 << 20     # Linux/ARM: pageblock_order 10, 4 KiB pages
SYNTH_STEP = 256 << 20
SANITIZER_RE = re.compile(r"(ERROR: AddressSanitizer|ERROR: LeakSanitizer"
                          r"|runtime error: |SUMMARY: \w+Sanitizer)")


# ---- an independent reading, with Linux's rules ---------------------------

def props(fdt, node):
    """All properties of @node as {name: bytes} (python3-libfdt 1.6.1's
    getprop() of a missing property corrupts the interpreter)."""
    d = {}
    p = fdt.first_property_offset(node, Q)
    while p >= 0:
        pr = fdt.get_property_by_offset(p)
        d[pr.name] = bytes(pr)
        p = fdt.next_property_offset(p, Q)
    return d


def subnodes(fdt, node):
    n = fdt.first_subnode(node, Q)
    while n >= 0:
        yield n
        n = fdt.next_subnode(n, Q)


def cells(b, n):
    v = 0
    for i in range(n):
        v = (v << 32) | int.from_bytes(b[4 * i:4 * i + 4], "big")
    return v


def u32(b, dflt):
    return int.from_bytes(b, "big") if b is not None and len(b) == 4 else dflt


def pairs(b, ac, sc):
    e = 4 * (ac + sc)
    return [(cells(b[i:], ac), cells(b[i + 4 * ac:], sc))
            for i in range(0, len(b) - e + 1, e)]


def available(p):
    st = p.get("status")
    return st is None or st.rstrip(b"\0") in (b"okay", b"ok")


def compatible(p, what):
    return what.encode() in p.get("compatible", b"").split(b"\0")


def ram_banks(fdt, ac, sc):
    banks = []
    for n in subnodes(fdt, 0):
        p = props(fdt, n)
        if p.get("device_type", b"").rstrip(b"\0") != b"memory" or not available(p):
            continue
        reg = p.get("linux,usable-memory") or p.get("reg", b"")
        banks += [(b, s) for b, s in pairs(reg, ac, sc) if s]
    return banks


class Memblock:
    """Just enough of memblock for the placement rules: RAM banks and
    reserved ranges, top-down allocation."""

    def __init__(self, banks):
        self.ram = sorted(banks)
        self.rsv = []

    def is_ram(self, b, s):
        return any(rb <= b and b + s <= rb + rs for rb, rs in self.ram)

    def overlaps_ram(self, b, s):
        return any(b < rb + rs and rb < b + s for rb, rs in self.ram)

    def is_reserved(self, b, s):
        return any(b < rb + rs and rb < b + s for rb, rs in self.rsv)

    def alloc(self, size, align, start, end):
        """Highest free @align-aligned range of @size in [start, end)."""
        best = None
        for rb, rs in self.ram:
            lo, hi = max(rb, start), min(rb + rs, end)
            # Free gaps of [lo, hi), highest first.
            cuts = sorted((max(b, lo), min(b + s, hi)) for b, s in self.rsv
                          if b < hi and b + s > lo)
            gaps, cur = [], lo
            for cb, ce in cuts:
                if cb > cur:
                    gaps.append((cur, cb))
                cur = max(cur, ce)
            if cur < hi:
                gaps.append((cur, hi))
            for gb, ge in reversed(gaps):
                if ge - gb < size:
                    continue
                cand = (ge - size) & ~(align - 1)
                if cand >= gb and (best is None or cand > best):
                    best = cand
                    break
        if best is not None:
            self.rsv.append((best, size))
        return best


def mem_rsv(data):
    """The /memreserve/ entries, read from the header's block
    (python3-libfdt 1.6.1's get_mem_rsv() returns one number)."""
    off = int.from_bytes(data[16:20], "big")
    out = []
    while off + 16 <= len(data):
        b, s = cells(data[off:], 2), cells(data[off + 8:], 2)
        if not b and not s:
            break
        out.append((b, s))
        off += 16
    return out


def linux_reading(fdt, data, banks):
    """The regions Linux 6.1 ends up with, {full node name: dict}, and the
    nodes it drops, {full node name: why}."""
    root = props(fdt, 0)
    ac = u32(root.get("#address-cells"), 1)
    sc = u32(root.get("#size-cells"), 1)
    rm = fdt.path_offset("/reserved-memory", Q)
    kept, dropped = {}, {}
    if rm < 0:
        return kept, dropped
    rp = props(fdt, rm)
    if (u32(rp.get("#address-cells"), None) != ac or
            u32(rp.get("#size-cells"), None) != sc or "ranges" not in rp):
        for n in subnodes(fdt, rm):
            dropped[fdt.get_name(n)] = "unsupported /reserved-memory format"
        return kept, dropped
    mb = Memblock(banks)
    mb.rsv += [(b, s) for b, s in mem_rsv(data) if s]
    t_len = 4 * (ac + sc)
    nodes = [(fdt.get_name(n), props(fdt, n)) for n in subnodes(fdt, rm)]
    nodes = [(name, p) for name, p in nodes if available(p)]
    saved = []          # (name, props, base, size, dynamic)
    # Static regions, in DT order.
    for name, p in nodes:
        if "reg" not in p:
            continue
        reg = p["reg"]
        if len(reg) % t_len:
            dropped[name] = "invalid reg length"
            continue
        nomap = "no-map" in p
        ok = True
        for i, (b, s) in enumerate(pairs(reg, ac, sc)):
            if not s or (nomap and mb.overlaps_ram(b, s) and mb.is_reserved(b, s)):
                if i == 0:
                    ok = False
                continue
            if not nomap:
                mb.rsv.append((b, s))
            elif mb.overlaps_ram(b, s):
                mb.rsv.append((b, s))   # not free for allocations either
        if not reg:
            continue
        b, s = pairs(reg, ac, sc)[0]
        if not ok:
            dropped[name] = "reg cannot be reserved (size 0, or no-map over a reservation)"
            continue
        saved.append((name, p, b, s, False))
    # Dynamic regions, in DT order, after every static one.
    for name, p in nodes:
        if "reg" in p or "size" not in p:
            continue
        if len(p["size"]) != 4 * sc:
            dropped[name] = "invalid size property"
            continue
        size = cells(p["size"], sc)
        align = 0
        if "alignment" in p:
            if len(p["alignment"]) != 4 * sc:
                dropped[name] = "invalid alignment property"
                continue
            align = cells(p["alignment"], sc)
        nomap = "no-map" in p
        if compatible(p, "shared-dma-pool") and "reusable" in p and not nomap:
            align = max(align, CMA_MIN_ALIGN)
        align = align or 64
        windows = None
        if "alloc-ranges" in p:
            ar = p["alloc-ranges"]
            if len(ar) % t_len:
                dropped[name] = "invalid alloc-ranges property"
                continue
            windows = [(s0, s0 + sz) for s0, sz in pairs(ar, ac, sc)]
        base = None
        if align & (align - 1):
            dropped[name] = "alignment is not a power of two"
            continue
        for ws, we in (windows if windows is not None else [(0, 1 << 64)]):
            base = mb.alloc(size, align, ws, we)
            if base is not None:
                break
        if base is None or not size:
            dropped[name] = "failed to allocate memory"
            continue
        saved.append((name, p, base, size, True))
    # Initialisation of the saved regions (RESERVEDMEM_OF_DECLARE hooks).
    default = None
    for name, p, b, s, dyn in saved:
        r = dict(name=name.split("@")[0], full=name, base=b, size=s, dynamic=dyn,
                 reusable="reusable" in p, nomap="no-map" in p,
                 default=False, pool=compatible(p, "shared-dma-pool"))
        if dyn:
            # What the DT asks for; Linux's 4 MiB CMA minimum is its own
            # pageblock, contig's is its own (rmem-dump: pageblock=).
            r["align"] = max(cells(p["alignment"], sc) if "alignment" in p else 0, 4096)
            r["windows"] = ([(s0, s0 + sz) for s0, sz in pairs(p["alloc-ranges"], ac, sc)]
                            if "alloc-ranges" in p else None)
        if r["pool"]:
            if r["reusable"] and not r["nomap"]:
                if (b | s) % CMA_MIN_ALIGN:
                    dropped[name] = "CMA region not aligned to 4 MiB"
                    continue
                if not mb.is_ram(b, s):
                    dropped[name] = "CMA region outside RAM"
                    continue
                if "linux,cma-default" in p:
                    default = name
            elif r["reusable"]:
                dropped[name] = "reusable together with no-map"
                continue
            elif not r["nomap"]:
                dropped[name] = "coherent pool without no-map (not supported on ARM)"
                continue
        kept[name] = r
    if default:
        kept[default]["default"] = True
    return kept, dropped


# ---- contig's reading --------------------------------------------------------

DUMP_RE = re.compile(r"^rmem-dump: region name=(\S+) base=(0x[0-9a-f]+) "
                     r"size=(0x[0-9a-f]+) flags=(\S+) node=(.*)$")


def contig_reading(out):
    """{full node name: region dict} and {full node name: message} from a
    rmem_dump boot's output, or None when the dump did not complete."""
    if not re.search(r"^rmem-dump: end regions=\d+$", out, re.M):
        return None
    kept, dropped = {}, {}
    for line in out.splitlines():
        m = DUMP_RE.match(line)
        if m:
            flags = m.group(4).split(",")
            node = m.group(5)
            full = node.split("/reserved-memory/", 1)[-1]
            kept[full] = dict(name=m.group(1), base=int(m.group(2), 16),
                              size=int(m.group(3), 16),
                              reusable="reusable" in flags,
                              nomap="no-map" in flags,
                              default="default" in flags)
            continue
        m = re.search(r"/reserved-memory/([^\s:;]+):.*region dropped", line)
        if m:
            dropped[m.group(1)] = line.strip()
            continue
        m = re.search(r"^reserved-memory: /reserved-memory(: .*ignored)$", line)
        if m:
            dropped["*"] = line.strip()
    return kept, dropped


# ---- one DTB --------------------------------------------------------------------

def synthesize_ram(fdt, ac, sc):
    """Where a bootloader would put RAM for a DTB that leaves it to it."""
    lo, hi = None, None
    rm = fdt.path_offset("/reserved-memory", Q)
    if rm >= 0:
        for n in subnodes(fdt, rm):
            p = props(fdt, n)
            spans = []
            if "reg" in p and "no-map" not in p:
                spans += pairs(p["reg"], ac, sc)
            if "alloc-ranges" in p:
                spans += pairs(p["alloc-ranges"], ac, sc)
            for b, s in spans:
                if s:
                    lo = b if lo is None else min(lo, b)
                    hi = b + s if hi is None else max(hi, b + s)
    if lo is None:
        lo, hi = 0x40000000, 0x40000000 + SYNTH_STEP
    lo -= lo % SYNTH_STEP
    hi = -(-hi // SYNTH_STEP) * SYNTH_STEP
    hi = max(hi, lo + SYNTH_STEP)
    return lo, hi - lo


def with_ram(data, base, size, ac, sc):
    """@data with every memory node replaced by one bank @base, @size."""
    fdt = libfdt.Fdt(bytearray(data) + bytearray(4096))
    fdt.resize(len(data) + 4096)
    while True:
        victims = [n for n in subnodes(fdt, 0)
                   if props(fdt, n).get("device_type", b"").rstrip(b"\0") == b"memory"]
        if not victims:
            break
        fdt.del_node(victims[0])
    n = fdt.add_subnode(0, "memory@%x" % base)
    fdt.setprop(n, "device_type", b"memory\0")
    reg = b"".join(((v >> (32 * (k - 1 - i))) & 0xffffffff).to_bytes(4, "big")
                   for v, k in ((base, ac), (size, sc)) for i in range(k))
    fdt.setprop(n, "reg", reg)
    fdt.pack()
    return bytes(fdt.as_bytearray())


def fmt(r):
    return "%s 0x%x+0x%x%s%s%s" % (r["name"], r["base"], r["size"],
                                   " reusable" if r["reusable"] else "",
                                   " no-map" if r["nomap"] else "",
                                   " default" if r["default"] else "")


def compare(lx, lx_drop, ct, ct_drop, pageblock):
    """Differences between the two readings: [(node, kind, text)]."""
    diffs = []
    for node in sorted(set(lx) | set(ct) | set(lx_drop) | set(ct_drop)):
        if node == "*":
            continue
        l, c = lx.get(node), ct.get(node)
        if l and not c:
            why = ct_drop.get(node) or ct_drop.get("*") or "no message"
            diffs.append((node, "contig-dropped", "Linux keeps %s; contig: %s" % (fmt(l), why)))
            continue
        if c and not l:
            diffs.append((node, "contig-kept", "contig keeps %s; Linux: %s" %
                          (fmt(c), lx_drop.get(node, "no such region"))))
            continue
        if not l:
            continue
        if c["name"] not in (l["name"], l["full"]):
            diffs.append((node, "flag-name", "name: Linux %s, contig %s" % (l["full"], c["name"])))
        for k in ("reusable", "nomap", "default"):
            if l[k] != c[k]:
                diffs.append((node, "flag-" + k, "%s: Linux %s, contig %s" % (k, l[k], c[k])))
        if not l["dynamic"]:
            if (l["base"], l["size"]) != (c["base"], c["size"]):
                diffs.append((node, "static-range", "Linux 0x%x+0x%x, contig 0x%x+0x%x" %
                              (l["base"], l["size"], c["base"], c["size"])))
            continue
        want = l["size"]
        rounded = -(-want // pageblock) * pageblock
        if c["size"] != want:
            kind = "size-rounded" if c["size"] == rounded else "dynamic-size"
            diffs.append((node, kind, "size 0x%x asked, contig 0x%x" % (want, c["size"])))
        align = max(l["align"], pageblock if l["reusable"] and l["pool"] else 0)
        if c["base"] % align:
            diffs.append((node, "dynamic-align", "contig base 0x%x is not aligned to 0x%x" %
                          (c["base"], align)))
        wins = l["windows"]
        if wins and not any(ws <= c["base"] and c["base"] + c["size"] <= we
                            for ws, we in wins):
            diffs.append((node, "dynamic-window", "contig 0x%x+0x%x is outside alloc-ranges %s" %
                          (c["base"], c["size"],
                           ", ".join("0x%x-0x%x" % w for w in wins))))
    return diffs


def run_one(path, kernel, env, timeout, logdir):
    name = os.path.basename(path)
    data = open(path, "rb").read()
    fdt = libfdt.Fdt(data)
    root = props(fdt, 0)
    ac = u32(root.get("#address-cells"), 1)
    sc = u32(root.get("#size-cells"), 1)
    has_rm = fdt.path_offset("/reserved-memory", Q) >= 0
    banks = ram_banks(fdt, ac, sc)
    note = ""
    tmp = None
    dtb = path
    if not banks:
        base, size = synthesize_ram(fdt, ac, sc)
        banks = [(base, size)]
        note = "RAM 0x%x+0x%x added (the DTB leaves /memory to the bootloader)" % (base, size)
        tmp = tempfile.NamedTemporaryFile(suffix=".dtb", delete=False)
        tmp.write(with_ram(data, base, size, ac, sc))
        tmp.close()
        dtb = tmp.name
    cmd = [kernel, "--dtb", dtb, "--append", "rmem_dump"]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout,
                           env=dict(os.environ, **env))
        out, status, hung = p.stdout.decode("utf-8", "replace"), p.returncode, False
    except subprocess.TimeoutExpired as e:
        out, status, hung = (e.output or b"").decode("utf-8", "replace"), None, True
    finally:
        if tmp:
            os.unlink(tmp.name)
    with open(os.path.join(logdir, name + ".log"), "w") as f:
        f.write("$ %s\n%s%s" % (" ".join(cmd), note + "\n" if note else "", out))
    res = dict(name=name, has_rm=has_rm, note=note, problems=[], diffs=[], regions=0,
               dynamic=0, linux_dropped=0)
    m = SANITIZER_RE.search(out)
    if m:
        res["problems"].append(out[m.start():].splitlines()[0])
    if hung:
        res["problems"].append("did not finish within %d s" % timeout)
        return res
    if status != 0:
        res["problems"].append("exited with status %s" % status)
        return res
    ct = contig_reading(out)
    if ct is None:
        res["problems"].append("no complete rmem-dump in the output")
        return res
    lx, lx_drop = linux_reading(fdt, data, banks)
    pb = re.search(r"rmem-dump: pageblock=(0x[0-9a-f]+)", out)
    res["regions"] = len(lx)
    res["dynamic"] = sum(1 for r in lx.values() if r["dynamic"])
    res["linux_dropped"] = len(lx_drop)
    res["diffs"] = compare(lx, lx_drop, ct[0], ct[1], int(pb.group(1), 16) if pb else CMA_MIN_ALIGN)
    return res


# ---- expectations -------------------------------------------------------------

def read_expected(path):
    """reason ID: TEXT lines, and DTB-GLOB NODE KIND REASON-ID lines."""
    reasons, entries, errors = {}, [], []
    with open(path) as f:
        for no, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.match(r"^reason\s+([\w-]+):\s*(\S.*)$", line)
            if m:
                reasons[m.group(1)] = m.group(2)
                continue
            f4 = line.split()
            if len(f4) != 4:
                errors.append("%s:%d: expected 'DTB NODE KIND REASON'" % (path, no))
                continue
            entries.append(dict(dtb=f4[0], node=f4[1], kind=f4[2], reason=f4[3],
                                where="%s:%d" % (os.path.basename(path), no), used=0))
    for e in entries:
        if e["reason"] not in reasons:
            errors.append("%s: reason %s is not defined" % (e["where"], e["reason"]))
    return reasons, entries, errors


def explained(entries, dtb, node, kind):
    for e in entries:
        if (fnmatch.fnmatchcase(dtb, e["dtb"]) and fnmatch.fnmatchcase(node, e["node"])
                and e["kind"] == kind):
            e["used"] += 1
            return e
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--dtb-dir", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--log-dir", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--asan", action="store_true",
                    help="the kernel is an ASan build: stop at the first report")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    dtbs = sorted(glob.glob(os.path.join(args.dtb_dir, "*.dtb")))
    if not dtbs:
        print("not ok <dtbs> - no DTB in %s" % args.dtb_dir)
        return 1
    reasons, entries, errors = read_expected(args.expected)
    env = {}
    if args.asan:
        env = {"ASAN_OPTIONS": "detect_leaks=0:halt_on_error=1",
               "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}
    os.makedirs(args.log_dir, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda d: run_one(d, args.kernel, env, args.timeout,
                                                 args.log_dir), dtbs))
    failed = 0
    plain_ok = 0
    ndiff = nexpl = nreg = 0
    for r in results:
        bad = list(r["problems"])
        nreg += r["regions"]
        for node, kind, text in r["diffs"]:
            ndiff += 1
            e = explained(entries, r["name"], node, kind)
            if e:
                nexpl += 1
                if args.verbose:
                    print("# %s %s %s (%s): %s" % (r["name"], node, kind, e["reason"], text))
            else:
                bad.append("%s %s: %s" % (node, kind, text))
        if bad:
            failed += 1
            print("not ok %s - %s" % (r["name"], "; ".join(bad)))
        elif r["has_rm"]:
            print("ok %s%s" % (r["name"], " - " + r["note"] if r["note"] and args.verbose else ""))
        else:
            plain_ok += 1
    print("ok <no-reserved-memory> - %d DTBs without /reserved-memory: no region, "
          "no crash" % plain_ok)
    for e in entries:
        if not e["used"]:
            errors.append("%s: %s %s %s did not occur; remove the entry" %
                          (e["where"], e["dtb"], e["node"], e["kind"]))
    for err in errors:
        print("not ok <expected.txt> - %s" % err)
    print("# %d DTBs (%d with /reserved-memory, %d given RAM), %d regions compared "
          "(%d dynamic), %d nodes Linux drops, %d differences (%d explained)" %
          (len(results), sum(r["has_rm"] for r in results),
           sum(bool(r["note"]) for r in results), nreg,
           sum(r["dynamic"] for r in results), sum(r["linux_dropped"] for r in results),
           ndiff, nexpl))
    return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
