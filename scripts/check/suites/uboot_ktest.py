# SPDX-License-Identifier: GPL-2.0-only
"""uboot-ktest: build/arm/Image on qemu-system-arm -M virt (Cortex-A15)
through Debian's U-Boot, from build/arm/uboot/ktest.img: the boot script
adds the regions, ktest=all (KTAP); the status is the kernel's last
"contig: power off, status N" line.
Needs: make uboot-disks, qemu-system-arm, u-boot-qemu."""

from ..common import UBOOT_DIR, Suite
from ..judge import ktest_boot
from ..qemu import QEMU_TIMEOUT, qemu_missing, run_uboot, uboot_cmd


def suite_uboot_ktest(args):
    s = Suite("uboot-ktest")
    if qemu_missing(s, "uboot-ktest"):
        return s
    ktest_boot(s, "uboot-ktest", UBOOT_DIR + "/ktest.img", None,
               timeout=QEMU_TIMEOUT, make_cmd=lambda disk, _: uboot_cmd(disk),
               runner=run_uboot)
    return s
