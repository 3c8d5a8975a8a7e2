# SPDX-License-Identifier: GPL-2.0-only
"""cmaview: the CMA region view ("display cma") pixel by pixel, on the host
and on QEMU. ktest cma_view makes a known state (a carve for a device, a
carve for none, an isolated pageblock, anonymous, clean and dirty cache
pages) and draws it; scripts/cmaview_check.py recomputes every cell's
colour from the state the kernel prints and checks the screendump (the
host's --screendump PNG, QEMU's QMP screendump). The live case checks that
a carve made after "display cma" shows once the view flips again.
Needs: make ARCH=host, make ARCH=arm, make dtbs, qemu-system-arm, libpng."""

import os
import sys

from ..common import FAIL, LOGDIR, PASS, ROOT, SKIP, Suite, binary
from ..qemu import qemu_image, qemu_missing


def suite_cmaview(args):
    """Draw a known state and check the screendump cell by cell."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import cmaview_check
    s = Suite("cmaview")
    host = binary("build/host/contig")
    if not host:
        s.add("cmaview.host", FAIL, "build/host/contig is missing: make ARCH=host failed")
    qemu = not qemu_missing(s, "cmaview.qemu") and qemu_image(s, "cmaview.qemu")
    for arch, image in (("host", host), ("qemu", qemu)):
        for case, run_case in (("", cmaview_check.run_case), (".live", cmaview_check.run_live)):
            if image:
                status, detail = run_case("host" if arch == "host" else "arm", image, LOGDIR)
                s.add("cmaview." + arch + case,
                      {"pass": PASS, "fail": FAIL, "skip": SKIP}[status], detail)
    if host:
        status, detail = cmaview_check.run_screendump_error(host)
        s.add("cmaview.host.screendump-error", PASS if status == "pass" else FAIL, detail)
    return s
