# SPDX-License-Identifier: GPL-2.0-only
"""qemu-ktest, qemu-smp: build/arm/Image on qemu-system-arm -M vexpress-a9
with ktest=all (KTAP; QEMU's exit status must be 0), on one core
(qemu-ktest: -smp 1, the uniprocessor path of the 4-CPU DT) and on all
four (qemu-smp: every suite with four CPUs online, the SMP suites for real).
Needs: make ARCH=arm, qemu-system-arm."""

from ..common import Suite
from ..judge import ktest_boot
from ..qemu import QEMU_IMAGE, QEMU_TIMEOUT, qemu_cmd, qemu_missing


def qemu_ktest_suite(name, smp):
    """The suite @name: ktest=all on QEMU with @smp cores. qemu-ktest has
    one, the uniprocessor path (the DT lists four CPUs; the SCU says one)
    and the cheapest full run; qemu-smp has the board's four, so the SMP
    suites run for real and everything else with IPIs and ticks on every
    CPU."""
    def suite(args):
        s = Suite(name)
        if qemu_missing(s, name):
            return s
        ktest_boot(s, name, QEMU_IMAGE, "ktest=all", timeout=QEMU_TIMEOUT,
                   make_cmd=lambda image, append: qemu_cmd(image, append,
                                                           smp=smp))
        return s
    return suite
