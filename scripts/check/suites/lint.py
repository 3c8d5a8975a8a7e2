# SPDX-License-Identifier: GPL-2.0-only
"""lint: scripts/check-includes.sh (which folder may include what, layers
included), scripts/check-layers.py (no call runs upward between app/init,
drivers, kernel, mm and lib, read from the host build's objects), an SPDX
line in every source file, the runner's own self-test (KTAP/TAP/cases.txt
parsers, U-Boot console status), and the option combinations
scripts/qemu-arm.sh refuses.
Needs: bash, nm; the layers case needs make ARCH=host (else it skips)."""

import os
import re

from ..common import FAIL, PASS, ROOT, SKIP, Suite
from ..proc import describe_status, run
from ..qemu import QEMU_SH, QEMU_SH_REFUSED
from ..selftest import selftest


def spdx_files():
    names = {"Makefile", "Kconfig"}
    exts = (".c", ".h", ".S", ".dts", ".dtsi", ".py", ".sh")
    skip_dirs = {".git", "build"}
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if d not in skip_dirs)
        for fn in sorted(filenames):
            if fn in names or fn.endswith(exts):
                yield os.path.join(dirpath, fn)


def suite_lint(args):
    s = Suite("lint")
    script = os.path.join(ROOT, "scripts", "check-includes.sh")
    cmd = ["bash", script]
    status, out, timed_out = run(cmd, 120)
    if status == 0 and not timed_out:
        s.add("lint.includes_are_contig_asm_or_libfdt_only", PASS)
    else:
        s.add("lint.includes_are_contig_asm_or_libfdt_only", FAIL,
              out.strip() or describe_status(status, timed_out, 120))

    script = os.path.join(ROOT, "scripts", "check-layers.py")
    status, out, timed_out = run(["/usr/bin/python3", script, "build/host"], 120)
    name = "lint.no_call_runs_upward_between_parts"
    if status == 0 and not timed_out:
        s.add(name, PASS)
    elif status == 2:
        s.add(name, SKIP, out.strip())
    else:
        s.add(name, FAIL, out.strip() or describe_status(status, timed_out, 120))

    bad = []
    for path in spdx_files():
        try:
            with open(path, "r", errors="replace") as f:
                head = [f.readline(), f.readline()]
        except OSError as e:
            bad.append("%s: %s" % (os.path.relpath(path, ROOT), e))
            continue
        if not any("SPDX-License-Identifier:" in l for l in head):
            bad.append(os.path.relpath(path, ROOT))
    if bad:
        s.add("lint.every_file_has_an_spdx_line", FAIL,
              "no SPDX-License-Identifier in the first 2 lines of:\n  " +
              "\n  ".join(bad))
    else:
        s.add("lint.every_file_has_an_spdx_line", PASS)

    errors = selftest(quiet=True)
    if errors:
        s.add("lint.ktap_parser_selftest", FAIL, "\n".join(errors))
    else:
        s.add("lint.ktap_parser_selftest", PASS)

    bad = []
    for opts, want in QEMU_SH_REFUSED:
        status, out, timed_out = run(QEMU_SH + opts, 30)
        if status != 2 or not re.search(want, out):
            bad.append("qemu-arm.sh %s: %s, expected status 2 and /%s/: %s" %
                       (" ".join(opts), describe_status(status, timed_out, 30),
                        want, out.strip()))
    s.add("lint.qemu_arm_sh_refuses_bad_options", FAIL if bad else PASS,
          "\n".join(bad))
    return s
