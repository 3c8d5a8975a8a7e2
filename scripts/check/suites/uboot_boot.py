# SPDX-License-Identifier: GPL-2.0-only
"""uboot-boot: one U-Boot boot per tests/boot/uboot/NAME.env (disk
build/arm/uboot/NAME.img), judged by the "# expect:", "# forbid:" and
"# exit:" lines of that file ("# qemu:" adds scripts/qemu-arm.sh options),
CONTIG_QEMU_JOBS at a time; and a shell session piped through U-Boot's
autoboot (uboot-boot.scripted-shell).
Needs: make uboot-disks, qemu-system-arm, u-boot-qemu."""

import os

from ..cases import parse_uboot_case
from ..common import FAIL, PASS, ROOT, UBOOT_DIR, Suite, binary
from ..judge import boot_cases_in_parallel
from ..proc import describe_status, save_log
from ..qemu import (QEMU_TIMEOUT, UBOOT_CASES_DIR, qemu_missing, run_uboot,
                    uboot_cmd)


def suite_uboot_boot(args):
    """One U-Boot boot per tests/boot/uboot/*.env, QEMU_JOBS at a time."""
    s = Suite("uboot-boot")
    cdir = os.path.join(ROOT, UBOOT_CASES_DIR)
    files = sorted(f for f in os.listdir(cdir) if f.endswith(".env")) \
        if os.path.isdir(cdir) else []
    cases = []
    for f in files:
        try:
            cases.append(parse_uboot_case(os.path.join(cdir, f)))
        except ValueError as e:
            s.add("uboot-boot.%s" % f[:-4], FAIL, str(e))
    if not files:
        s.add("uboot-boot.<cases>", FAIL, "no case in %s" % UBOOT_CASES_DIR)
        return s
    if qemu_missing(s, "uboot-boot"):
        return s

    def boot(c):
        disk = binary("%s/%s.img" % (UBOOT_DIR, c["name"]), executable=False)
        if not disk:
            return c, None, ("%s/%s.img is missing: make uboot-disks failed "
                             "(see build/check/build-uboot.log)" %
                             (UBOOT_DIR, c["name"]))
        cmd = uboot_cmd(disk, c["qemu_args"])
        return c, (cmd,) + run_uboot(cmd, QEMU_TIMEOUT,
                                     label="uboot-boot." + c["name"]), None

    boot_cases_in_parallel(s, "uboot-boot.", cases, boot)
    uboot_scripted_session(s)
    return s


def uboot_scripted_session(s):
    """uboot-boot.scripted-shell: make run-uboot's disk with a session piped
    in, as a user scripts one. The lines must pass U-Boot's autoboot (which
    stops for any key) and reach contig's shell: the region table, then
    the power-off status the session asked for."""
    name = "uboot-boot.scripted-shell"
    disk = binary(UBOOT_DIR + "/run.img", executable=False)
    if not disk:
        s.add(name, FAIL, "%s/run.img is missing: make uboot-disks failed "
              "(see build/check/build-uboot.log)" % UBOOT_DIR)
        return
    cmd = uboot_cmd(disk)
    status, out, timed_out = run_uboot(cmd, QEMU_TIMEOUT, label=name,
                                       stdin=b"cma list\npoweroff 3\n")
    log = save_log(name, cmd, out)
    problems = []
    if timed_out:
        problems.append(describe_status(status, timed_out, QEMU_TIMEOUT))
    if "(counts in pages; largest = largest free run)" not in out:
        problems.append("no region table: the piped 'cma list' did not "
                        "reach contig's shell")
    if status != 3:
        problems.append("power-off status %d, not the 3 of the piped "
                        "'poweroff 3'" % status)
    s.add(name, FAIL if problems else PASS,
          "%s (see %s)" % ("; ".join(problems), log) if problems else "")
