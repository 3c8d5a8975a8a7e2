# SPDX-License-Identifier: GPL-2.0-only
"""The suites, in the order make check runs them. Each module's docstring
says what its suite checks and what it needs; each suite is a function
suite(args) -> common.Suite whose cases are named "<suite>.<case>".

To add a suite: write suites/NAME.py (a docstring, one function returning
a Suite), import it here and add ("NAME", NAME.suite_NAME) to SUITES.
"""

from . import (boot, build, capture, cmaview, display, fuzz, ktest, linux_dtbs,
               linux_vexpress, lint, qemu_boot, qemu_ktest, shell, uboot_boot,
               uboot_ktest, unit)

# Runs first, and only with --build.
BUILD = ("build", build.suite_build)

SUITES = [
    ("lint", lint.suite_lint),
    ("unit", unit.suite_unit),
    ("ktest", ktest.suite_ktest),
    ("ktest-asan", ktest.suite_ktest_asan),
    ("ktest-tsan", ktest.suite_ktest_tsan),
    ("boot", boot.suite_boot),
    ("shell", shell.suite_shell),
    ("linux-dtbs", linux_dtbs.suite_linux_dtbs),
    ("fuzz", fuzz.suite_fuzz),
    ("qemu-ktest", qemu_ktest.qemu_ktest_suite("qemu-ktest", 1)),
    ("qemu-smp", qemu_ktest.qemu_ktest_suite("qemu-smp", 4)),
    ("qemu-boot", qemu_boot.suite_qemu_boot),
    ("display", display.suite_display),
    ("cmaview", cmaview.suite_cmaview),
    ("linux-vexpress", linux_vexpress.suite_linux_vexpress),
    ("uboot-ktest", uboot_ktest.suite_uboot_ktest),
    ("uboot-boot", uboot_boot.suite_uboot_boot),
    ("capture", capture.suite_capture),
]
