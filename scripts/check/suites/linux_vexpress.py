# SPDX-License-Identifier: GPL-2.0-only
"""linux-vexpress: Debian's own vexpress-v2p-ca9.dtb (build/deps/linux-armmp/,
from linux-image-*-armmp; "skipped: mirror unreachable" when
install-deps.sh could not fetch it) with a 128 MiB default CMA node added
by tests/linux-vexpress/cma-default.dtso (dtc + fdtoverlay): ktest=all on
the hosted kernel, then on QEMU with four cores and console=ttyAMA0:
ktest=all and the demo, the console, clock, ticks, devices and regions in
the log, then the display's screendumps as in "display".
Needs: scripts/install-deps.sh check, make ARCH=host, make ARCH=arm,
qemu-system-arm, dtc, fdtoverlay, fdtget."""

import glob
import os
import re
import shutil

from ..common import FAIL, PASS, ROOT, SKIP, Suite
from ..judge import check_boot_health, judge_ktap, ktest_boot
from ..proc import CASE_TIMEOUT, run, save_log
from ..qemu import (DISPLAY_WAIT, QEMU_TIMEOUT, SHELL_ERROR, SHELL_FORBIDDEN,
                    QemuShell, qemu_cmd, qemu_image, qemu_missing)
from ..screen import DISPLAY_STEPS, display_pattern_lib, screendump_problem


# Debian's armhf Linux kernel package, unpacked by scripts/install-deps.sh
# (its ABI number changes with security updates: found by glob).
LINUX_VEXPRESS_GLOB = "build/deps/linux-armmp/usr/lib/linux-image-*-armmp/" \
    "vexpress-v2p-ca9.dtb"
LINUX_VEXPRESS_OVERLAY = "tests/linux-vexpress/cma-default.dtso"
LINUX_VEXPRESS_OUT = "build/linux-vexpress"
# What the boot with ktest=all and the demo must print, and must not.
LINUX_VEXPRESS_EXPECT = [
    ("console", r"console: \S*uart@9000 from console= on the command line"),
    ("clock", r"clocksource: sp804 at 1000000 Hz is the system clock"),
    ("tick", r"twd: per-CPU tick at 100 Hz on interrupt 29"),
    ("boot-time", r"contig: boot took [1-9]\d* us"),
    ("ticks", r"contig: up [1-9]\d* ms; ticks per CPU:( [1-9]\d*){4}\n"),
    ("cma-region", r"created CMA memory pool \"linux,cma\" at 0x[0-9a-f]+, "
     r"size 128 MiB \(default\)"),
    ("display", r"clcd@10020000: 640x480 XRGB8888, [0-9.]+ Hz"),
    # The motherboard CLCD cannot carry 32-bit pixels: refused, said so.
    ("mb-clcd-bandwidth", r"clcd@1f000: 640x480 XRGB8888 at a \d+ Hz pixel "
     r"clock reads \d+ bytes/s, more than max-memory-bandwidth = <54000000>"),
    ("devices", r"platform: \d+ devices .*: [1-9]\d* bound, 0 deferred"),
    ("demo", r"demo: done: 0 failures, 0 corrupt pages"),
]
LINUX_VEXPRESS_FORBID = [r"is not a GIC SPI or PPI", r"does not reach a GIC",
                    r"cannot be resolved", r"no clock source", r"no tick",
                    r"boot took 0 us", r"assertion failed", r"BUG at",
                    r"panic"]


def linux_vexpress_prepare(s):
    """Debian's vexpress-v2p-ca9.dtb with the CMA overlay applied, as
    build/linux-vexpress/vexpress-v2p-ca9-cma.dtb; None (and a skip or a
    failure in @s) when it cannot be made."""
    found = sorted(glob.glob(os.path.join(ROOT, LINUX_VEXPRESS_GLOB)))
    deps = LINUX_VEXPRESS_GLOB.split("/usr/")[0]
    if not found:
        marker = os.path.join(ROOT, deps + ".unreachable")
        if os.path.exists(marker):
            with open(marker) as f:
                why = "skipped: mirror unreachable (%s)" % f.read().strip()
        else:
            # The install step did not say the mirror was down: the DTB
            # should be there, so its absence is a failure, not a skip.
            s.add("linux-vexpress.<dtb>", FAIL, "%s has no vexpress-v2p-ca9.dtb: "
                  "scripts/install-deps.sh check unpacks Debian's "
                  "linux-image-*-armmp there" % deps)
            return None
        print("  " + why)  # the summary lists no skip reasons
        s.add("linux-vexpress.<dtb>", SKIP, why)
        return None
    for tool in ("dtc", "fdtoverlay", "fdtget"):
        if not shutil.which(tool):
            s.add("linux-vexpress.<tools>", FAIL, "%s is missing: install "
                  "device-tree-compiler (scripts/install-deps.sh)" % tool)
            return None
    out = os.path.join(ROOT, LINUX_VEXPRESS_OUT)
    os.makedirs(out, exist_ok=True)
    dtbo = os.path.join(out, "cma-default.dtbo")
    dtb = os.path.join(out, "vexpress-v2p-ca9-cma.dtb")
    steps = [["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtbo,
              os.path.join(ROOT, LINUX_VEXPRESS_OVERLAY)],
             ["fdtoverlay", "-i", found[-1], "-o", dtb, dtbo]]
    for cmd in steps:
        status, text, timed_out = run(cmd, CASE_TIMEOUT)
        if status or timed_out:
            s.add("linux-vexpress.overlay", FAIL, "%s failed: %s" %
                  (" ".join(cmd), text.strip()[:300]))
            return None
    status, text, _ = run(["fdtget", "-t", "x", dtb, "/reserved-memory/linux,cma",
                           "size"], CASE_TIMEOUT)
    if status or text.split() != ["8000000"]:
        s.add("linux-vexpress.overlay", FAIL, "fdtget /reserved-memory/linux,cma "
              "size in %s: %s" % (os.path.relpath(dtb, ROOT), text.strip()))
        return None
    s.add("linux-vexpress.overlay", PASS)
    return dtb


def suite_linux_vexpress(args):
    """Boot the vexpress-v2p-ca9.dtb of Debian's Linux kernel package, with
    a 128 MiB default CMA node added by an overlay, on QEMU vexpress-a9
    with four cores and console=ttyAMA0: ktest=all and the demo, the
    console, clock, tick, devices and regions they print; then the shell
    and the display's screendump."""
    s = Suite("linux-vexpress")
    dtb = linux_vexpress_prepare(s)
    if not dtb:
        return s
    # The hosted kernel reads the same DTB (its emulated devices included).
    ktest_boot(s, "linux-vexpress.host", "build/host/contig", "ktest=all",
               make_cmd=lambda exe, append: [exe, "--dtb", dtb, "--append",
                                             append])
    if qemu_missing(s, "linux-vexpress"):
        return s
    image = qemu_image(s, "linux-vexpress")
    if not image:
        return s

    name = "linux-vexpress.boot"
    cmd = qemu_cmd(image, "console=ttyAMA0 ktest=all demo", dtb, smp=4)
    status, out, timed_out = run(cmd, QEMU_TIMEOUT)
    out = out.replace("\r\n", "\n")
    log = save_log(name, cmd, out)
    had_failures = judge_ktap(s, name, status, out, timed_out, QEMU_TIMEOUT,
                              log)
    check_boot_health(s, name, status, out, timed_out, QEMU_TIMEOUT,
                      had_failures, log)
    for what, r in LINUX_VEXPRESS_EXPECT:
        s.add("%s.%s" % (name, what), PASS if re.search(r, out) else FAIL,
              "expected /%s/ in the output (see %s)" % (r, log))
    for r in LINUX_VEXPRESS_FORBID:
        m = re.search(r, out)
        if m:
            line = out[out.rfind("\n", 0, m.start()) + 1:].splitlines()[0]
            s.add("%s.forbidden" % name, FAIL, "/%s/ matched: %s (see %s)" %
                  (r, line[:160], log))

    # The shell and the display: the daughterboard CLCD is QEMU's console 0.
    dp = display_pattern_lib()
    pats = dp.load_patterns()
    con = QemuShell("linux-vexpress", image, dtb=dtb,
                    extra=["--append", "console=ttyAMA0 shell"])
    name = "linux-vexpress.display"
    try:
        m, qmp = con.prompt()
        if not m:
            s.add(name + ".<boot>", FAIL, "no shell prompt (see %s)" %
                  save_log("linux-vexpress-display", con.cmd, con.out))
        else:
            mode = re.search(r"clcd@10020000: (\d+)x(\d+) XRGB8888", con.out)
            width, height = (int(mode.group(1)), int(mode.group(2))) \
                if mode else (640, 480)
            pos = m.end()
            for step, line, marker, pattern in DISPLAY_STEPS:
                con.send(line)
                m = con.wait_for(r"(?P<ok>%s)|\nerror: (?P<err>[^\n]*)\n" %
                                 marker, pos, DISPLAY_WAIT)
                if not m or not m.group("ok"):
                    s.add("%s.%s" % (name, step), FAIL,
                          "typed '%s' but no /%s/ came%s" %
                          (line, marker, ": error: " + m.group("err")
                           if m else ""))
                    break
                pos = m.end()
                res = screendump_problem(qmp, "linux-vexpress-" + step, dp.render(
                    pats[pattern], width, height), width, height)
                s.add("%s.%s" % (name, step), FAIL if res else PASS,
                      "the screen is not pattern %s: %s" % (pattern, res)
                      if res else "")
        con.send("poweroff")
    except OSError as e:
        s.add(name + ".<qmp>", FAIL, "QMP: %s" % e)
    finally:
        status = con.finish(DISPLAY_WAIT)
    log, problems = con.judge(status, "linux-vexpress-display",
                              [SHELL_ERROR] + SHELL_FORBIDDEN)
    s.add(name + ".session", FAIL if problems else PASS,
          "; ".join(problems) + " (see %s)" % log if problems else "")
    return s
