#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Make corrupt copies of a DTB, one defect each, for the boot cases.

    scripts/mkcorrupt-dtb.py IN.dtb OUTDIR

writes OUTDIR/<name>.dtb for every entry of CORRUPTIONS: the same blob
with one field of its structure block damaged (a property length, a tag,
a property's name offset). tests/boot/cases.txt boots each one on the
host and on QEMU and expects one message naming the offset and what is
wrong, never a hang. The offsets are found by walking IN.dtb, so the
cases keep working when the board's DTS changes.
"""
import os
import struct
import sys

FDT_MAGIC = 0xd00dfeed
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9


def walk(blob):
    """Yield (path, kind, abs_offset, name) for every node and property."""
    (magic, _total, off_struct, off_strings, _rsv, _ver, _comp, _cpu,
     _size_strings, size_struct) = struct.unpack_from(">10I", blob, 0)
    if magic != FDT_MAGIC:
        sys.exit("mkcorrupt-dtb: input is not a DTB (magic %#x)" % magic)
    off, end, stack = off_struct, off_struct + size_struct, []
    while off < end:
        (tag,) = struct.unpack_from(">I", blob, off)
        if tag == BEGIN_NODE:
            nul = blob.index(b"\0", off + 4)
            stack.append(blob[off + 4:nul].decode())
            yield "/" + "/".join(stack[1:]), "node", off, stack[-1]
            off = (nul + 1 + 3) & ~3
        elif tag == END_NODE:
            stack.pop()
            off += 4
        elif tag == PROP:
            length, nameoff = struct.unpack_from(">II", blob, off + 4)
            nul = blob.index(b"\0", off_strings + nameoff)
            name = blob[off_strings + nameoff:nul].decode()
            yield "/" + "/".join(stack[1:]), "prop", off, name
            off = (off + 12 + length + 3) & ~3
        elif tag == NOP:
            off += 4
        elif tag == END:
            return
        else:
            sys.exit("mkcorrupt-dtb: input is corrupt already (tag %#x at %#x)"
                     % (tag, off))


def find(blob, path, kind, name=None):
    for p, k, off, n in walk(blob):
        if p == path and k == kind and (name is None or n == name):
            return off
    sys.exit("mkcorrupt-dtb: no %s %s %s in the input" % (kind, path, name or ""))


def put32(blob, off, value):
    struct.pack_into(">I", blob, off, value)


# name -> (node path, "prop" or "node", property name, what to do)
CORRUPTIONS = {
    # The example: a length that wraps the offset back onto the
    # tag itself (libfdt 1.6.1's fdt_next_tag() loops forever on it).
    "memory-reg-len-wrap": ("/memory@60000000", "prop", "reg",
                            lambda b, o: put32(b, o + 4, 0xfffffff4)),
    # A length running past the end of the structure block.
    "rmem-size-len-too-big": ("/reserved-memory/linux,cma", "prop", "size",
                              lambda b, o: put32(b, o + 4, 0x00100000)),
    # A tag that is none of BEGIN_NODE, END_NODE, PROP, NOP, END.
    "cpus-bad-tag": ("/cpus", "node", None, lambda b, o: put32(b, o, 7)),
    # A property name outside the strings block.
    "chosen-bad-nameoff": ("/chosen", "prop", "bootargs",
                           lambda b, o: put32(b, o + 8, 0x7ffffff0)),
    # The same on stdout-path: the ARM port finds no console in the part it
    # can read, and reports through semihosting.
    "stdout-path-bad-nameoff": ("/chosen", "prop", "stdout-path",
                                lambda b, o: put32(b, o + 8, 0x7ffffff0)),
}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    src, outdir = sys.argv[1], sys.argv[2]
    with open(src, "rb") as f:
        orig = f.read()
    os.makedirs(outdir, exist_ok=True)
    for name, (path, kind, prop, damage) in sorted(CORRUPTIONS.items()):
        blob = bytearray(orig)
        damage(blob, find(orig, path, kind, prop))
        out = os.path.join(outdir, name + ".dtb")
        with open(out + ".tmp", "wb") as f:
            f.write(blob)
        os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
