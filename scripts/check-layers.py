#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""check-layers.py [OBJDIR]: no call runs upward between the parts of the tree.

The parts, top to bottom: app/ and init/, drivers/, kernel/ (the DMA layer),
mm/, lib/. A part may call its own functions and those of the parts below
it; app/ and init/ never call each other (init/main.c runs the applications
through the init_action() linker section). Reads the objects the build made
(default build/host: every part, ktest off) with nm: each symbol an object
of one part needs (U) and an object of a higher part defines (T, D, B, R...)
is a call or a reference that runs upward. Objects whose source is gone (a
moved file) are left out. Run from the top of the tree. Prints each with both files and
exits 1; exits 0 printing nothing when there is none, 2 when OBJDIR has no
objects (build first: make ARCH=host).
"""
import collections
import os
import subprocess
import sys

RANK = {"lib": 0, "mm": 1, "kernel": 2, "drivers": 3, "init": 4, "app": 4}
ORDER = "app, init > drivers > kernel > mm > lib"


def objects(objdir):
    for part in RANK:
        top = os.path.join(objdir, part)
        for d, _, files in os.walk(top):
            for f in sorted(files):
                obj = os.path.join(d, f)
                # Only objects of sources that exist (a moved file leaves one).
                src = os.path.relpath(obj, objdir)[:-2] + ".c"
                if f.endswith(".o") and os.path.exists(src):
                    yield part, obj


def main():
    objdir = sys.argv[1] if len(sys.argv) > 1 else "build/host"
    objs = list(objects(objdir))
    if not objs:
        print("check-layers: no objects under %s/{%s}: build first (make ARCH=host)"
              % (objdir, ",".join(RANK)))
        return 2
    out = subprocess.run(["nm", "-A", "--defined-only"] + [o for _, o in objs],
                         capture_output=True, text=True, check=True).stdout
    part_of = dict((o, p) for p, o in objs)
    where = {}
    for line in out.splitlines():
        path, _, rest = line.partition(":")
        fields = rest.split()
        if len(fields) == 3 and fields[1] not in "wWvVUu":
            where.setdefault(fields[2], (part_of[path], path))
    out = subprocess.run(["nm", "-A", "--undefined-only"] + [o for _, o in objs],
                         capture_output=True, text=True, check=True).stdout
    bad = collections.defaultdict(list)
    for line in out.splitlines():
        path, _, rest = line.partition(":")
        sym = rest.split()[-1]
        if sym not in where:
            continue
        caller, (callee, defpath) = part_of[path], where[sym]
        if caller == callee:
            continue
        if RANK[callee] > RANK[caller] or RANK[callee] == RANK[caller]:
            bad[(caller, callee)].append("%s needs %s from %s" % (
                os.path.relpath(path, objdir), sym, os.path.relpath(defpath, objdir)))
    for (caller, callee), lines in sorted(bad.items()):
        print("%s/ calls up into %s/ (the order is %s):" % (caller, callee, ORDER))
        for l in lines:
            print("  " + l)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
