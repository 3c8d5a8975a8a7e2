# SPDX-License-Identifier: GPL-2.0-only
"""QEMU: the command lines (always through scripts/qemu-arm.sh, the one
place that knows QEMU's options), the U-Boot boots and the kernel status
they print, a minimal QMP client, and QemuShell, the ARM image's console
shell on the serial line with a QMP socket beside it. Debian 12 packages no
QMP library (no python3-qemu.qmp), so the client is ours."""

import json
import os
import re
import shutil
import socket
import time

from .common import FAIL, LOGDIR, ROOT, binary
from .proc import Console, describe_status, progress, run, save_log


QEMU_TIMEOUT = int(os.environ.get("CONTIG_QEMU_TIMEOUT", "600"))
QEMU_JOBS = max(1, int(os.environ.get("CONTIG_QEMU_JOBS", "2")))
QEMU_IMAGE = "build/arm/Image"
QEMU_DTB = "build/dtb/vexpress-a9.dtb"
# Every QEMU boot goes through this script (see qemu_cmd(), uboot_cmd()).
QEMU_SH = ["bash", os.path.join(ROOT, "scripts", "qemu-arm.sh")]


# Option combinations qemu-arm.sh refuses (status 2, the message matching)
# before it looks for QEMU or any file: the lint suite runs them.
QEMU_SH_REFUSED = [
    (["--uboot", "x.img", "--machine", "vexpress-a9"],
     r"--uboot boots the virt board .*, not vexpress-a9"),
    (["--machine", "vexpress-a9", "--uboot", "x.img"],
     r"--uboot boots the virt board .*, not vexpress-a9"),
    (["--uboot", "x.img", "--kernel", "x"],
     r"not with --append/--dtb/--kernel"),
    (["--uboot", "x.img", "--append", "x"],
     r"not with --append/--dtb/--kernel"),
    (["--el2"], r"--el2 needs --machine virt"),
    (["--machine", "sabre"], r"unknown machine 'sabre'"),
]


def qemu_cmd(image, append, dtb=None, mem="512M", machine=None, smp=None):
    """Boot @image through scripts/qemu-arm.sh, the one place that knows
    QEMU's command line for the board: vexpress-a9 (or @machine), no
    network, no display, the serial console on stdio, semihosting so that
    the kernel's exit status becomes QEMU's. @smp: cores (qemu-arm.sh's
    default, the board's four, when None)."""
    cmd = QEMU_SH + ["--kernel", image, "--mem", mem]
    if machine:
        cmd += ["--machine", machine]
    if smp:
        cmd += ["--smp", str(smp)]
    if dtb:
        cmd += ["--dtb", dtb]
    if append:
        cmd += ["--append", append]
    return cmd


def qemu_missing(s, name):
    if shutil.which("qemu-system-arm"):
        return False
    s.add(name + ".<qemu>", FAIL, "qemu-system-arm is not installed: run "
          "scripts/install-deps.sh arm (make check does, unless "
          "CONTIG_NO_INSTALL=1)")
    return True


def qemu_image(s, name):
    """The ARM image, or None after a failure in @s naming why it is missing."""
    image = binary(QEMU_IMAGE, executable=False)
    if not image:
        s.add(name + ".<boot>", FAIL, "%s is missing: make ARCH=arm failed "
              "(see build/check/build-arm.log)" % QEMU_IMAGE)
    return image


UBOOT_CASES_DIR = os.path.join("tests", "boot", "uboot")
POWEROFF_RE = re.compile(r"^contig: power off, status (\d+)\s*$", re.MULTILINE)
NO_POWEROFF = 255


def uboot_cmd(disk, qemu_args=()):
    """scripts/qemu-arm.sh boots virt through U-Boot from @disk; the boot
    script and contig.env on the disk give the command line. @qemu_args
    are more qemu-arm.sh options (a case's "# qemu:" line)."""
    return QEMU_SH + ["--uboot", disk] + list(qemu_args)


def console_status(status, out, timed_out):
    """The kernel's exit status for a boot through U-Boot.

    On virt the kernel powers off through PSCI SYSTEM_OFF, so QEMU exits
    with 0 whatever the status (semihosting would need "semihosting" in
    the bootargs the disk's boot script sets, and the SVC it uses is a
    crash anywhere semihosting is off). The status is the one the kernel
    prints just before, "contig: power off, status N" (the last such
    line). A QEMU that exited 0 without that line (U-Boot gave up, say)
    gives NO_POWEROFF with a note added to the output; a QEMU that failed
    or timed out keeps its own status. Returns (status, out, timed_out).
    """
    out = out.replace("\r\n", "\n")
    if timed_out or status != 0:
        return status, out, timed_out
    m = POWEROFF_RE.findall(out)
    if not m:
        out += ("\ncheck.py: QEMU exited with 0 but the kernel printed no "
                "'contig: power off, status N' line; status %d\n" %
                NO_POWEROFF)
        return NO_POWEROFF, out, False
    return int(m[-1]), out, False


def run_uboot(cmd, timeout, env=None, label=None, stdin=None):
    """run() for a boot through U-Boot: the status is console_status()'s."""
    return console_status(*run(cmd, timeout, env=env, label=label,
                               stdin=stdin))


DISPLAY_WAIT = int(os.environ.get("CONTIG_DISPLAY_WAIT", "300"))


class Qmp:
    """A minimal QMP client on a unix socket."""

    def __init__(self, path, timeout):
        deadline = time.time() + timeout
        while True:
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(path)
                break
            except OSError:
                s.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        self.f = s.makefile("rw")
        self.f.readline()  # greeting
        self.command("qmp_capabilities")

    def command(self, name, **args):
        self.f.write(json.dumps({"execute": name, "arguments": args}) +
                     "\n")
        self.f.flush()
        while True:
            line = self.f.readline()
            if not line:
                raise OSError("QMP connection closed")
            reply = json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise OSError("QMP %s: %s" % (name, reply["error"]))


class QemuShell(Console):
    """The ARM image on QEMU with the console shell on the serial line and
    a QMP socket, build/check/@stem-qmp.sock, for screendumps; QEMU's
    --timeout (QEMU_TIMEOUT) bounds the session."""

    def __init__(self, stem, image, dtb=None, extra=()):
        os.makedirs(LOGDIR, exist_ok=True)
        self.sock = os.path.join(LOGDIR, stem + "-qmp.sock")
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        self.cmd = qemu_cmd(image, "shell", dtb=dtb) + list(extra) + [
            "--qmp", self.sock, "--timeout", str(QEMU_TIMEOUT)]
        self.stem = stem
        self.t0 = time.time()
        progress("%s: booting the shell session" % stem)
        super().__init__(self.cmd)

    def finish(self, timeout):
        status = super().finish(timeout)
        progress("%s: shell session: exit %d (%.0f s)" %
                 (self.stem, status, time.time() - self.t0))
        return status

    def prompt(self):
        """Wait for the first prompt, then connect to QMP. Returns (the
        prompt's match, the Qmp), or (None, None) when no prompt came;
        raises OSError when QMP does not answer."""
        m = self.wait_for(r"contig> ", 0, DISPLAY_WAIT)
        return m, m and Qmp(self.sock, DISPLAY_WAIT)

    def judge(self, status, log_name, forbidden):
        """After finish() returned @status: save the transcript as
        build/check/@log_name.log and return (log, problems): a non-zero
        exit, and each regex of @forbidden (multi-line) the output has."""
        log = save_log(log_name, self.cmd, self.out)
        problems = []
        if status != 0:
            problems.append(describe_status(status, False, DISPLAY_WAIT))
        for r in forbidden:
            if re.search(r, self.out, re.MULTILINE):
                problems.append("forbidden /%s/ in the output" % r)
        return log, problems


# What no shell session on QEMU may print (SHELL_ERROR: a command refused).
SHELL_ERROR = r"^error: "
SHELL_FORBIDDEN = [r"assertion failed", r"panic"]


def selftest(expect):
    """Boots through U-Boot take the kernel's status from the console."""
    expect("console status", console_status(
        0, "U-Boot\r\ncontig: power off, status 3\r\n", False)[0], 3)
    expect("console status, last line", console_status(
        0, "contig: power off, status 1\ncontig: power off, status 0\n",
        False)[0], 0)
    expect("console status, no line", console_status(0, "=> ", False)[0],
           NO_POWEROFF)
    expect("console status, QEMU failed", console_status(
        124, "contig: power off, status 0\n", True)[:3:2], (124, True))
