# SPDX-License-Identifier: GPL-2.0-only
"""Running things: a command with a timeout and its output captured, the
progress lines, the logs in build/check/, how an exit is described, the
sanitizers' environment, and Console, a process driven over stdin/stdout."""

import codecs
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time

from .common import LOGDIR, ROOT

BOOT_TIMEOUT = int(os.environ.get("CONTIG_BOOT_TIMEOUT", "600"))
CASE_TIMEOUT = int(os.environ.get("CONTIG_CASE_TIMEOUT", "300"))


SANITIZER_RE = re.compile(
    r"(ERROR: AddressSanitizer|ERROR: LeakSanitizer|WARNING: ThreadSanitizer"
    r"|ThreadSanitizer: |runtime error: |SUMMARY: \w+Sanitizer"
    r"|UndefinedBehaviorSanitizer)")


PROGRESS_LOCK = threading.Lock()


def progress(line):
    """One line on what a long suite is doing now (boots run in parallel,
    so whole lines only)."""
    with PROGRESS_LOCK:
        print("  .. " + line)
        sys.stdout.flush()


def run(cmd, timeout, env=None, cwd=ROOT, label=None, stdin=None):
    """Run @cmd, stdin from /dev/null (or the bytes @stdin, through a
    pipe), stderr into stdout. With @label (a boot's case name), print a
    line when it starts and one when it ends.

    Returns (status, output, timed_out); status is negative for a signal.
    """
    if label:
        progress("%s: booting" % label)
        t0 = time.time()
        status, out, timed_out = run(cmd, timeout, env=env, cwd=cwd,
                                     stdin=stdin)
        progress("%s: %s (%.0f s)" % (label, "timed out" if timed_out else
                                      "exit %d" % status, time.time() - t0))
        return status, out, timed_out
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    try:
        p = subprocess.Popen(cmd, cwd=cwd, env=full_env,
                             stdin=subprocess.DEVNULL if stdin is None
                             else subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as e:
        return 127, "cannot run %s: %s\n" % (cmd[0], e), False
    try:
        out, _ = p.communicate(input=stdin, timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = p.communicate()
        timed_out = True
    return p.returncode, out.decode("utf-8", "replace"), timed_out


def save_log(name, cmd, output):
    os.makedirs(LOGDIR, exist_ok=True)
    path = os.path.join(LOGDIR, re.sub(r"[^\w.+-]", "_", name) + ".log")
    with open(path, "w") as f:
        f.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n")
        f.write(output)
    return os.path.relpath(path, ROOT)


def describe_status(status, timed_out, timeout):
    if timed_out:
        return "did not finish within %d s (killed)" % timeout
    if status < 0:
        try:
            sig = signal.Signals(-status).name
        except ValueError:
            sig = str(-status)
        return "crashed: killed by signal %s" % sig
    return "exited with status %d" % status


# The environment of every sanitizer boot (ktest-asan, ktest-tsan and
# capture's): stop at the first report; LeakSanitizer on (at exit, ASan's
# builds report host memory the kernel never freed).
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:halt_on_error=1",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
           "TSAN_OPTIONS": "halt_on_error=1 exitcode=66"}


def tsan_wrapper():
    """What a TSan binary runs under: TSan's shadow layout wants a fixed
    address space on kernels with many mmap randomisation bits; setarch -R
    turns randomisation off."""
    setarch = shutil.which("setarch")
    return [setarch, os.uname().machine, "-R"] if setarch else []


def sub_make_env():
    env = {"CONTIG_NO_INSTALL": "1"}
    return env


def clean_make_env():
    # Do not hand our own make's jobserver or goals to the sub-makes.
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        os.environ.pop(k, None)


class Console:
    """A process driven over stdin/stdout: type lines, wait for output."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT,
                                  start_new_session=True)
        self.out = ""
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        # A serial console ends lines with CR LF, and a read may end between
        # the two (or inside a UTF-8 sequence), the more often the busier
        # the host: a CR that ends a read waits for the next one, so every
        # CR LF becomes LF whatever the cut and the patterns waited for
        # never meet a stray CR.
        decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        held = ""
        while True:
            b = self.p.stdout.read1(4096)
            text = held + decode(b, final=not b)
            held = "\r" if b and text.endswith("\r") else ""
            if held:
                text = text[:-1]
            with self.cond:
                self.out += text.replace("\r\n", "\n")
                self.cond.notify_all()
                if not b:
                    return

    def wait_for(self, regex, start, timeout):
        """The match of @regex in the output after @start, or None when the
        output ended (or @timeout passed: a hang guard, not a test)."""
        r = re.compile(regex)
        deadline = time.time() + timeout
        with self.cond:
            while True:
                m = r.search(self.out, start)
                if m:
                    return m
                if not self.reader.is_alive() or time.time() > deadline:
                    return None
                self.cond.wait(1)

    def send(self, line):
        try:
            self.p.stdin.write((line + "\n").encode())
            self.p.stdin.flush()
        except OSError:
            pass

    def finish(self, timeout):
        try:
            status = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.p.pid, signal.SIGKILL)
            status = self.p.wait()
        self.reader.join(5)
        return status
