# SPDX-License-Identifier: GPL-2.0-only
"""boot: the cases of tests/boot/cases.txt (the grammar is at the top of
that file; not the qemu-only and virt ones) on the hosted kernel, each
judged by its expected and forbidden regexes and exit status, and its KTAP
when it runs ktest=.
Needs: make ARCH=host and make dtbs (build/dtb/)."""

import os
import re

from ..cases import parse_boot_cases
from ..common import FAIL, ROOT, Suite, binary
from ..judge import judge_boot_case
from ..proc import CASE_TIMEOUT, run, save_log


def suite_boot(args):
    s = Suite("boot")
    path = os.path.join(ROOT, "tests", "boot", "cases.txt")
    if not os.path.exists(path):
        s.add("boot.<cases>", FAIL, "tests/boot/cases.txt is missing")
        return s
    cases, errors = parse_boot_cases(path)
    for e in errors:
        s.add("boot.<cases.txt>", FAIL, e)
    exe = binary("build/host/contig")
    for c in [c for c in cases if c["host"]]:
        name = "boot." + c["name"]
        if not exe:
            s.add(name, FAIL, "build/host/contig is missing: the build failed")
            continue
        cmd = [exe]
        if c["dtb"] != "-":
            dtb = os.path.join(ROOT, "build", "dtb", c["dtb"])
            if not os.path.exists(dtb):
                s.add(name, FAIL, "%s: %s does not exist (is dts/%s in the "
                      "tree and did make dtbs succeed?)" %
                      (c["where"], os.path.relpath(dtb, ROOT),
                       re.sub(r"\.dtb$", ".dts", c["dtb"])))
                continue
            cmd += ["--dtb", dtb]
        if c["append"]:
            cmd += ["--append", c["append"]]
        status, out, timed_out = run(cmd, CASE_TIMEOUT)
        log = save_log(name, cmd, out)
        judge_boot_case(s, name, c, status, out, timed_out, CASE_TIMEOUT, log)
    return s
