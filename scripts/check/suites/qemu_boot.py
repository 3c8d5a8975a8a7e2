# SPDX-License-Identifier: GPL-2.0-only
"""qemu-boot: the cases of tests/boot/cases.txt tagged "qemu" (also
qemu-only and virt), on QEMU (four cores unless a case says smp=N),
CONTIG_QEMU_JOBS (2) at a time; CONTIG_QEMU_TIMEOUT (600 s) bounds each.
Needs: make ARCH=arm, make dtbs, qemu-system-arm."""

import os

from ..cases import parse_boot_cases
from ..common import FAIL, ROOT, Suite
from ..judge import boot_cases_in_parallel
from ..proc import run
from ..qemu import QEMU_TIMEOUT, qemu_cmd, qemu_image, qemu_missing


def suite_qemu_boot(args):
    """The cases of tests/boot/cases.txt tagged "qemu", booted on QEMU,
    QEMU_JOBS at a time."""
    s = Suite("qemu-boot")
    cases, errors = parse_boot_cases(os.path.join(ROOT, "tests", "boot",
                                                  "cases.txt"))
    for e in errors:
        s.add("qemu-boot.<cases.txt>", FAIL, e)
    cases = [c for c in cases if c["qemu"]]
    if not cases:
        s.add("qemu-boot.<cases>", FAIL,
              "no case in tests/boot/cases.txt is tagged qemu")
        return s
    if qemu_missing(s, "qemu-boot"):
        return s
    image = qemu_image(s, "qemu-boot")
    if not image:
        return s

    def boot(c):
        dtb = None
        if c["dtb"] != "-":
            dtb = os.path.join(ROOT, "build", "dtb", c["dtb"])
            if not os.path.exists(dtb):
                return c, None, "%s does not exist" % os.path.relpath(dtb, ROOT)
        cmd = qemu_cmd(image, c["append"], dtb, machine=c["machine"], smp=c["smp"])
        return c, (cmd,) + run(cmd, QEMU_TIMEOUT,
                                label="qemu-boot." + c["name"]), None

    boot_cases_in_parallel(s, "qemu-boot.", cases, boot)
    return s
