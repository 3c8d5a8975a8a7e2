# SPDX-License-Identifier: GPL-2.0-only
"""linux-dtbs: every DTB of Debian's armhf Linux kernel package
(build/deps/linux-armmp, unpacked by scripts/install-deps.sh check) booted
with rmem_dump on build/host-asan/contig (build/host/contig when the ASan
build failed); tests/linux-dtbs/rmem_compare.py compares the regions with
Linux's rules, differences must be in tests/linux-dtbs/expected.txt.
"skipped: mirror unreachable" when install-deps.sh could not fetch them.
Needs: make ARCH=host [SAN=asan], python3-libfdt (/usr/bin/python3)."""

import glob
import os
import re

from ..common import FAIL, LOGDIR, PASS, ROOT, SKIP, Suite, binary
from ..proc import CASE_TIMEOUT, describe_status, run, save_log


LINUX_DTBS = os.path.join("build", "deps", "linux-armmp")


def suite_linux_dtbs(args):
    s = Suite("linux-dtbs")
    dirs = sorted(d for d in glob.glob(os.path.join(
        ROOT, LINUX_DTBS, "usr", "lib", "linux-image-*-armmp"))
        if glob.glob(os.path.join(d, "*.dtb")))
    if not dirs:
        marker = os.path.join(ROOT, LINUX_DTBS + ".unreachable")
        if os.path.exists(marker):
            with open(marker) as f:
                why = f.read().strip()
            s.add("linux-dtbs", SKIP, "skipped: mirror unreachable (%s)" % why)
        else:
            s.add("linux-dtbs", FAIL, "no DTB in %s/usr/lib/linux-image-*-armmp: "
                  "run scripts/install-deps.sh check" % LINUX_DTBS)
        return s
    exe, asan = binary("build/host-asan/contig"), True
    if not exe:
        exe, asan = binary("build/host/contig"), False
    if not exe:
        s.add("linux-dtbs", FAIL, "build/host-asan/contig and build/host/contig "
              "are missing: the builds failed")
        return s
    # Debian's python3-libfdt is for Debian's python3.
    cmd = ["/usr/bin/python3", os.path.join(ROOT, "tests", "linux-dtbs", "rmem_compare.py"),
           "--kernel", exe, "--dtb-dir", dirs[-1],
           "--expected", os.path.join(ROOT, "tests", "linux-dtbs", "expected.txt"),
           "--log-dir", os.path.join(LOGDIR, "linux-dtbs"),
           "--jobs", str(args.jobs), "--timeout", str(CASE_TIMEOUT)]
    if asan:
        cmd.append("--asan")
    status, out, timed_out = run(cmd, None)
    log = save_log("linux-dtbs", cmd, out)
    cases = 0
    for line in out.splitlines():
        m = re.match(r"^(ok|not ok) (\S+)(?: - (.*))?$", line)
        if m:
            cases += 1
            ok = m.group(1) == "ok"
            s.add("linux-dtbs." + m.group(2), PASS if ok else FAIL,
                  "" if ok else "%s (see build/check/linux-dtbs/%s.log)" %
                  (m.group(3) or "", m.group(2)))
        elif line.startswith("# "):
            print("  " + line[2:])
    if status != 0 and not s.count(FAIL):
        s.add("linux-dtbs.<compare>", FAIL, "rmem_compare.py %s (see %s)" %
              (describe_status(status, timed_out, 0), log))
    elif not cases:
        s.add("linux-dtbs.<compare>", FAIL, "rmem_compare.py reported nothing (see %s)" % log)
    return s
