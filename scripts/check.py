#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""check.py - contig's test runner (make check).

Runs these suites in order, counting every individual test case:

  build       (with --build) make dtbs, host, host-asan, host-tsan, unit,
              fuzz-build, make ARCH=arm (build/arm/Image), make uboot-disks
              and make frames
  lint        scripts/check-includes.sh, the SPDX check, the KTAP parser
              self-test, the option combinations qemu-arm.sh refuses
  unit        every build/host/unit/*_test (cmocka, TAP output)
  ktest       build/host/contig --append "ktest=all" (KTAP)
  ktest-asan  the same under ASan+UBSan (build/host-asan/contig)
  ktest-tsan  build/host-tsan/contig --append "ktest=all" under TSan
  boot        the cases in tests/boot/cases.txt
  shell       scripted console-shell sessions piped into build/host/contig
  linux-dtbs  every DTB of Debian's armhf Linux kernel package
              (build/deps/linux-armmp, scripts/install-deps.sh check) booted
              with rmem_dump on build/host-asan/contig (build/host/contig
              when the ASan build failed); tests/linux-dtbs/rmem_compare.py
              compares the regions with Linux's rules, differences must be
              in tests/linux-dtbs/expected.txt. "skipped: mirror
              unreachable" when install-deps.sh could not fetch them
  fuzz        every libFuzzer target build/host/fuzz/NAME_fuzz (tests/fuzz/):
              its corpus, regression inputs and seeds replayed, then
              FUZZ_RUNS mutations from seed FUZZ_SEED (deterministic)
  qemu-ktest  build/arm/Image on qemu-system-arm -M vexpress-a9 with
              ktest=all on one core (-smp 1: the uniprocessor path of the
              4-CPU DT; KTAP; QEMU's exit status must be 0)
  qemu-smp    the same with all four cores (-smp 4): every suite with four
              CPUs online, and the SMP suites (smp, arm_smp, stress, the
              concurrent anon and pcache cases) for real
  qemu-boot   the cases of tests/boot/cases.txt tagged "qemu", on QEMU
              (four cores unless a case says smp=N), CONTIG_QEMU_JOBS (2)
              at a time; CONTIG_QEMU_TIMEOUT (600 s) bounds each boot
  display     QEMU's screendump (QMP) of the PL111 after each "display"
              shell command, compared pixel by pixel with the picture
              scripts/display_pattern.py draws; PPMs in build/check/
  linux-vexpress  Debian's own vexpress-v2p-ca9.dtb (build/deps/
              linux-armmp/, from linux-image-*-armmp; skipped when absent,
              "skipped: mirror unreachable" when install-deps.sh could not
              fetch it) with a 128 MiB default CMA node added by
              tests/linux-vexpress/cma-default.dtso (dtc + fdtoverlay):
              ktest=all on the
              hosted kernel, then on QEMU with four cores and
              console=ttyAMA0: ktest=all and the demo, the
              console, clock, ticks, devices and regions in the log, then
              the display's screendumps as in "display"
  uboot-ktest the same image on qemu-system-arm -M virt (Cortex-A15) through
              Debian's U-Boot, from build/arm/uboot/ktest.img: the boot
              script adds the regions, ktest=all (KTAP)
  uboot-boot  one U-Boot boot per tests/boot/uboot/NAME.env (disk
              build/arm/uboot/NAME.img), judged by the "# expect:",
              "# forbid:" and "# exit:" lines of that file ("# qemu:"
              adds scripts/qemu-arm.sh options)
  capture     the camera on both ports with build/frames/frames.raw
              attached: ktest=capture* (host, ASan, TSan, QEMU), the
              pipeline, a device I/O error, legacy virtio-mmio refused, a
              captured frame in QEMU's screendump

It prints a summary line per suite, every failing case by its full name,
and finally exactly "N passed, N failed" (", N skipped" when any). Each
boot's console output is kept in build/check/<name>.log. Exit status: 0
when nothing failed.

Usage: /usr/bin/python3 scripts/check.py [--build] [--jobs N]
           [--only SUITE[,SUITE...]] [--verbose]
       /usr/bin/python3 scripts/check.py --selftest
"""

import argparse
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGDIR = os.path.join(ROOT, "build", "check")

BOOT_TIMEOUT = int(os.environ.get("CONTIG_BOOT_TIMEOUT", "600"))
CASE_TIMEOUT = int(os.environ.get("CONTIG_CASE_TIMEOUT", "300"))
UNIT_TIMEOUT = int(os.environ.get("CONTIG_UNIT_TIMEOUT", "120"))
BUILD_TIMEOUT = int(os.environ.get("CONTIG_BUILD_TIMEOUT", "1800"))

SANITIZER_RE = re.compile(
    r"(ERROR: AddressSanitizer|ERROR: LeakSanitizer|WARNING: ThreadSanitizer"
    r"|ThreadSanitizer: |runtime error: |SUMMARY: \w+Sanitizer"
    r"|UndefinedBehaviorSanitizer)")

PASS, FAIL, SKIP = "pass", "fail", "skip"


class Case:
    def __init__(self, name, status, detail=""):
        self.name = name
        self.status = status
        self.detail = detail


class Suite:
    def __init__(self, name):
        self.name = name
        self.cases = []
        self.seconds = 0.0

    def add(self, name, status, detail=""):
        self.cases.append(Case(name, status, detail))

    def count(self, status):
        return sum(1 for c in self.cases if c.status == status)


# ---- KTAP / TAP parsing -----------------------------------------------------

KTAP_VERSION_RE = re.compile(r"^K?TAP version \d+\s*$")
SUBTEST_RE = re.compile(r"^# Subtest: (.*?)\s*$")
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*$")
RESULT_RE = re.compile(r"^(not ok|ok)\s+(\d+)\b(?:\s*-)?\s*(.*?)\s*$")
DIRECTIVE_RE = re.compile(r"^(.*?)\s*#\s*(SKIP|TODO|XFAIL)\b\s*(.*)$",
                          re.IGNORECASE)


class _Frame:
    def __init__(self, indent, name=None):
        self.indent = indent
        self.name = name
        self.plan = None
        self.count = 0
        self.failed_leaves = 0
        self.diag = []


def _split_directive(rest):
    m = DIRECTIVE_RE.match(rest)
    if not m:
        return rest.strip(), None, ""
    return m.group(1).strip(), m.group(2).upper(), m.group(3).strip()


def parse_ktap(text, prefix=""):
    """Parse (nested) KTAP version 1 output.

    Returns a list of Case for the leaf test cases, named
    prefix + "suite.case", plus a failing Case for each structural problem:
    a block that ended before its plan was complete (a crash), or a suite
    that reported "not ok" although none of its cases failed. Lines that are
    not KTAP (console messages) are ignored.
    """
    cases = []
    stack = []

    def path(frames):
        return ".".join(f.name for f in frames if f.name)

    def close(frame, parents, result_ok=None):
        base = path(parents + [frame])
        name = prefix + base
        if frame.plan is not None and frame.count < frame.plan:
            cases.append(Case(prefix + (base + "." if base else "") +
                              "<incomplete>", FAIL,
                              "plan was 1..%d but only %d result(s) came; "
                              "the output ended early (crash or hang?)" %
                              (frame.plan, frame.count)))
        elif result_ok is False and frame.failed_leaves == 0:
            cases.append(Case(name, FAIL,
                              "the suite reported 'not ok' although none of "
                              "its cases failed"))

    for raw in text.splitlines():
        line = raw.rstrip().expandtabs(8)
        body = line.lstrip()
        if not body:
            continue
        indent = len(line) - len(body)

        if KTAP_VERSION_RE.match(body):
            while stack and stack[-1].indent > indent:
                f = stack.pop()
                close(f, stack)
            if stack and stack[-1].indent == indent:
                # A new document at the same level: a second run.
                f = stack.pop()
                close(f, stack)
            stack.append(_Frame(indent))
            continue
        if not stack:
            # Outside any KTAP document; plain TAP starts with a plan.
            if PLAN_RE.match(body) or RESULT_RE.match(body):
                stack.append(_Frame(indent))
            else:
                continue

        m = SUBTEST_RE.match(body)
        if m:
            if indent > stack[-1].indent:
                stack.append(_Frame(indent))
            if stack[-1].indent == indent:
                stack[-1].name = m.group(1)
            continue
        m = PLAN_RE.match(body)
        if m:
            if indent > stack[-1].indent:
                stack.append(_Frame(indent))
            if stack[-1].indent == indent:
                stack[-1].plan = int(m.group(1))
            continue
        m = RESULT_RE.match(body)
        if m:
            child = None
            while stack and stack[-1].indent > indent:
                if child is not None:
                    close(child, stack)
                child = stack.pop()
            if child is not None:
                close(child, stack, result_ok=(m.group(1) == "ok"))
            if not stack or stack[-1].indent < indent:
                stack.append(_Frame(indent))
            parent = stack[-1]
            parent.count += 1
            name, directive, reason = _split_directive(m.group(3))
            if child is not None:
                # The result line of a subtest block; its leaves are counted.
                parent.diag = []
                continue
            full = prefix + ".".join(
                x for x in (path(stack), name or "#" + m.group(2)) if x)
            if directive in ("SKIP",):
                cases.append(Case(full, SKIP, reason))
            elif m.group(1) == "ok" or directive in ("TODO", "XFAIL"):
                cases.append(Case(full, PASS))
            else:
                cases.append(Case(full, FAIL, "\n".join(parent.diag[-8:])))
                for f in stack:
                    f.failed_leaves += 1
            parent.diag = []
            continue
        if body.startswith("#"):
            for f in reversed(stack):
                if f.indent <= indent:
                    f.diag.append(body)
                    break
    while stack:
        f = stack.pop()
        close(f, stack)
    return cases


def parse_tap_flat(text, prefix=""):
    """Parse cmocka's TAP (one or more flat "1..N" groups)."""
    cases = []
    planned = 0
    diag = []
    last = None
    for raw in text.splitlines():
        body = raw.strip()
        m = PLAN_RE.match(body)
        if m:
            planned += int(m.group(1))
            continue
        m = RESULT_RE.match(body)
        if m:
            name, directive, reason = _split_directive(m.group(3))
            full = prefix + (name or "#" + m.group(2))
            if directive == "SKIP":
                cases.append(Case(full, SKIP, reason))
            elif m.group(1) == "ok":
                cases.append(Case(full, PASS))
            else:
                cases.append(Case(full, FAIL, "\n".join(diag[-8:])))
            last = cases[-1]
            diag = []
            continue
        if body.startswith("#"):
            # cmocka prints a failure's messages after its "not ok" line.
            if last is not None and last.status == FAIL and \
                    len(last.detail.splitlines()) < 8:
                last.detail += ("\n" if last.detail else "") + body
            else:
                diag.append(body)
    if planned > len(cases):
        cases.append(Case(prefix + "<incomplete>", FAIL,
                          "planned %d cases but saw %d results" %
                          (planned, len(cases))))
    return cases


# ---- running things ---------------------------------------------------------

PROGRESS_LOCK = __import__("threading").Lock()


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


def check_boot_health(suite, name, status, output, timed_out, timeout,
                      had_failures, log, expect_exit=0):
    """Failing cases for a boot that hung, crashed or ran into a sanitizer.

    A non-zero exit that the KTAP failures already explain is not counted a
    second time.
    """
    ok = True
    m = SANITIZER_RE.search(output)
    if m:
        line = output[m.start():].splitlines()[0]
        suite.add(name + ".<sanitizer>", FAIL, "%s (see %s)" % (line, log))
        ok = False
    if timed_out or status < 0:
        suite.add(name + ".<boot>", FAIL,
                  "%s (see %s)" % (describe_status(status, timed_out, timeout),
                                   log))
        return False
    if expect_exit == "nonzero":
        if status == 0:
            suite.add(name + ".<boot>", FAIL,
                      "exited with status 0, expected non-zero (see %s)" % log)
            return False
    elif status != expect_exit and not (had_failures and expect_exit == 0):
        suite.add(name + ".<boot>", FAIL, "%s, expected %s (see %s)" %
                  (describe_status(status, False, timeout), expect_exit, log))
        return False
    return ok


# Builds that failed (or were skipped) in this run: their possibly stale
# binaries and files are not used.
FAILED_BUILDS = set()
BUILD_OF = {"build/host/contig": "host", "build/host-asan/contig": "host-asan",
            "build/host-tsan/contig": "host-tsan", "build/arm/Image": "arm"}
UBOOT_DIR = "build/arm/uboot"


def binary(rel, executable=True):
    if BUILD_OF.get(rel) in FAILED_BUILDS:
        return None
    if rel.startswith(UBOOT_DIR + "/") and FAILED_BUILDS & {"arm", "uboot"}:
        return None
    path = os.path.join(ROOT, rel)
    if executable:
        return path if os.access(path, os.X_OK) else None
    return path if os.path.isfile(path) else None


def sub_make_env():
    env = {"CONTIG_NO_INSTALL": "1"}
    return env


def clean_make_env():
    # Do not hand our own make's jobserver or goals to the sub-makes.
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        os.environ.pop(k, None)


# ---- suites -----------------------------------------------------------------

def suite_build(args):
    s = Suite("build")
    j = "-j%d" % args.jobs
    steps = [
        ("dtbs", ["make", j, "ARCH=host", "dtbs"]),
        ("host", ["make", j, "ARCH=host"]),
        ("host-asan", ["make", j, "ARCH=host", "SAN=asan"]),
        ("host-tsan", ["make", j, "ARCH=host", "SAN=tsan"]),
        ("unit", ["make", j, "-k", "ARCH=host", "unit"]),
        ("fuzz", ["make", j, "-k", "ARCH=host", "fuzz-build"]),
        ("arm", ["make", j, "ARCH=arm"]),
        ("uboot", ["make", j, "uboot-disks"]),
        ("frames", ["make", "frames"]),
    ]
    # uboot-disks builds the ARM image first: after a failed "arm" it would
    # only fail again with the same errors.
    needs = {"uboot": "arm"}
    # A unit test whose build fails must not leave an old binary to run.
    udir = os.path.join(ROOT, "build", "host", "unit")
    for d, _, files in os.walk(udir):
        for f in files:
            if f.endswith("_test"):
                os.unlink(os.path.join(d, f))
    for name, cmd in steps:
        if needs.get(name) in FAILED_BUILDS:
            s.add("build." + name, SKIP, "needs build.%s, which failed" %
                  needs[name])
            print("  build %-10s skipped (needs build.%s)" % (name, needs[name]))
            FAILED_BUILDS.add(name)
            continue
        t0 = time.time()
        progress("build.%s: %s" % (name, " ".join(cmd)))
        status, out, timed_out = run(cmd, BUILD_TIMEOUT, env=sub_make_env())
        log = save_log("build-" + name, cmd, out)
        warnings = [l for l in out.splitlines() if "warning:" in l]
        if status == 0 and not timed_out:
            detail = ""
            if warnings:
                detail = "%d warning(s), see %s" % (len(warnings), log)
            s.add("build." + name, PASS, detail)
            note = " (%d warnings)" % len(warnings) if warnings else ""
            print("  build %-10s ok%s  %.0fs" % (name, note, time.time() - t0))
        else:
            errs = [l for l in out.splitlines()
                    if "error" in l.lower() or "undefined reference" in l]
            tail = "\n".join((errs or out.splitlines())[-12:])
            s.add("build." + name, FAIL, "%s: %s (see %s)\n%s" %
                  (" ".join(cmd), describe_status(status, timed_out,
                                                  BUILD_TIMEOUT), log, tail))
            print("  build %-10s FAILED  (%s)" % (name, log))
            FAILED_BUILDS.add(name)
        sys.stdout.flush()
    return s


def spdx_files():
    names = {"Makefile", "Kconfig"}
    exts = (".c", ".h", ".S", ".dts", ".dtsi", ".py", ".sh")
    skip_dirs = {".git", "build"}
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if d not in skip_dirs)
        for fn in sorted(filenames):
            if fn in names or fn.endswith(exts):
                yield os.path.join(dirpath, fn)


def suite_lint(args):
    s = Suite("lint")
    script = os.path.join(ROOT, "scripts", "check-includes.sh")
    cmd = ["bash", script]
    status, out, timed_out = run(cmd, 120)
    if status == 0 and not timed_out:
        s.add("lint.includes_are_contig_asm_or_libfdt_only", PASS)
    else:
        s.add("lint.includes_are_contig_asm_or_libfdt_only", FAIL,
              out.strip() or describe_status(status, timed_out, 120))

    bad = []
    for path in spdx_files():
        try:
            with open(path, "r", errors="replace") as f:
                head = [f.readline(), f.readline()]
        except OSError as e:
            bad.append("%s: %s" % (os.path.relpath(path, ROOT), e))
            continue
        if not any("SPDX-License-Identifier:" in l for l in head):
            bad.append(os.path.relpath(path, ROOT))
    if bad:
        s.add("lint.every_file_has_an_spdx_line", FAIL,
              "no SPDX-License-Identifier in the first 2 lines of:\n  " +
              "\n  ".join(bad))
    else:
        s.add("lint.every_file_has_an_spdx_line", PASS)

    errors = selftest(quiet=True)
    if errors:
        s.add("lint.ktap_parser_selftest", FAIL, "\n".join(errors))
    else:
        s.add("lint.ktap_parser_selftest", PASS)

    bad = []
    for opts, want in QEMU_SH_REFUSED:
        status, out, timed_out = run(QEMU_SH + opts, 30)
        if status != 2 or not re.search(want, out):
            bad.append("qemu-arm.sh %s: %s, expected status 2 and /%s/: %s" %
                       (" ".join(opts), describe_status(status, timed_out, 30),
                        want, out.strip()))
    s.add("lint.qemu_arm_sh_refuses_bad_options", FAIL if bad else PASS,
          "\n".join(bad))
    return s


def suite_unit(args):
    s = Suite("unit")
    tdir = os.path.join(ROOT, "tests", "unit")
    # tests/unit/NAME_test.c and tests/unit/DIR/NAME_test.c (DIR/NAME_test).
    tests = sorted(os.path.relpath(os.path.join(d, f), tdir)[:-2]
                   for d, _, files in os.walk(tdir) for f in files
                   if f.endswith("_test.c")) if os.path.isdir(tdir) else []
    for path in tests:
        rel = "build/host/unit/" + path
        t = path.replace(os.sep, ".")  # mm/cma_test -> case names unit.mm.cma_test.*
        exe = binary(rel)
        if not exe:
            s.add("unit.%s.<build>" % t, FAIL,
                  "%s was not built (see build/check/build-unit.log, or run "
                  "make unit)" % rel)
            continue
        cmd = [exe]
        status, out, timed_out = run(cmd, UNIT_TIMEOUT,
                                     env={"CMOCKA_MESSAGE_OUTPUT": "TAP"})
        log = save_log("unit-" + t, cmd, out)
        cases = parse_tap_flat(out, prefix="unit.%s." % t)
        for c in cases:
            if c.status == FAIL:
                c.detail += ("\n" if c.detail else "") + "(log: %s)" % log
        s.cases.extend(cases)
        failed = any(c.status == FAIL for c in cases)
        if not cases:
            s.add("unit.%s.<output>" % t, FAIL,
                  "no TAP results (%s; see %s)" %
                  (describe_status(status, timed_out, UNIT_TIMEOUT), log))
        elif timed_out or status < 0 or (status != 0 and not failed):
            s.add("unit.%s.<exit>" % t, FAIL, "%s (see %s)" %
                  (describe_status(status, timed_out, UNIT_TIMEOUT), log))
    return s


def ktest_boot(s, name, rel, append, env=None, wrapper=(), timeout=None,
               make_cmd=None, runner=None):
    """Boot @rel with @append and judge its KTAP; make_cmd(path, append)
    builds the command line when @rel is not run directly (QEMU);
    runner(cmd, timeout) replaces run() (U-Boot: status from the console)."""
    timeout = timeout or BOOT_TIMEOUT
    exe = binary(rel, executable=make_cmd is None)
    if not exe:
        s.add(name + ".<boot>", FAIL,
              "%s is missing: the build failed (see build/check/build-*.log)"
              % rel)
        return
    if make_cmd:
        cmd = make_cmd(exe, append)
    else:
        cmd = list(wrapper) + [exe, "--append", append]
    status, out, timed_out = (runner or run)(
        cmd, timeout, env=env, label=name)
    log = save_log(name, cmd, out)
    had_failures = judge_ktap(s, name, status, out, timed_out, timeout, log)
    check_boot_health(s, name, status, out, timed_out, timeout, had_failures,
                      log)


def judge_ktap(s, name, status, out, timed_out, timeout, log):
    """Add the KTAP results in a boot's output to @s as name.SUITE.CASE
    (a failure's detail names @log); name.<ktap> fails when there are
    none, name.<tally> when the kernel's own tally ("# ktest: N passed,
    N failed, N skipped", the last one printed) disagrees with them.
    Return: whether a KTAP case failed."""
    cases = parse_ktap(out, prefix=name + ".")
    for c in cases:
        if c.status == FAIL:
            c.detail = (c.detail + "\n" if c.detail else "") + "(log: %s)" % log
    s.cases.extend(cases)
    if not cases:
        s.add(name + ".<ktap>", FAIL,
              "no KTAP results in the output (%s; see %s)" %
              (describe_status(status, timed_out, timeout), log))
    tally = re.findall(r"^# ktest: (\d+) passed, (\d+) failed, (\d+) skipped",
                       out, re.MULTILINE)
    if tally:
        leaves = [c for c in cases if ".<" not in c.name]
        got = (sum(c.status == PASS for c in leaves),
               sum(c.status == FAIL for c in leaves),
               sum(c.status == SKIP for c in leaves))
        want = tuple(int(x) for x in tally[-1])
        if got != want:
            s.add(name + ".<tally>", FAIL,
                  "the kernel counted %d passed, %d failed, %d skipped but "
                  "the KTAP has %d, %d, %d (see %s)" % (want + got + (log,)))
    return any(c.status == FAIL for c in cases)


def suite_ktest(args):
    s = Suite("ktest")
    ktest_boot(s, "ktest", "build/host/contig", "ktest=all")
    return s


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


def suite_ktest_asan(args):
    s = Suite("ktest-asan")
    ktest_boot(s, "ktest-asan", "build/host-asan/contig", "ktest=all",
               env=SAN_ENV)
    return s


def suite_ktest_tsan(args):
    s = Suite("ktest-tsan")
    # Every suite: the concurrent ones (stress, anon, cma) matter most,
    # and the whole run takes seconds.
    ktest_boot(s, "ktest-tsan", "build/host-tsan/contig", "ktest=all",
               env=SAN_ENV, wrapper=tsan_wrapper())
    return s


# The fuzz suite: a fixed number of executions from a fixed seed, so that
# make check does the same work on every machine and every run.
FUZZ_RUNS = int(os.environ.get("CONTIG_FUZZ_RUNS", "50000"))
FUZZ_SEED = int(os.environ.get("CONTIG_FUZZ_SEED", "1"))
FUZZ_TIMEOUT = int(os.environ.get("CONTIG_FUZZ_TIMEOUT", "900"))


def suite_fuzz(args):
    """Each tests/fuzz/NAME_fuzz.c: NAME_fuzz.replay runs every input of
    tests/fuzz/corpus/NAME_fuzz/, tests/fuzz/regress/NAME_fuzz/ and the
    seeds make fuzz-build gathers (build/host/fuzz/seed/NAME_fuzz/: the
    DTBs), NAME_fuzz.runs then FUZZ_RUNS mutations of them from FUZZ_SEED.
    New inputs go to build/check/fuzz/NAME_fuzz/, crashes to
    build/check/fuzz/NAME_fuzz-crash-*; tests/fuzz/pending/ is not run."""
    s = Suite("fuzz")
    tdir = os.path.join(ROOT, "tests", "fuzz")
    targets = sorted(f[:-2] for f in os.listdir(tdir)
                     if f.endswith("_fuzz.c")) if os.path.isdir(tdir) else []
    for t in targets:
        exe = binary("build/host/fuzz/" + t)
        if not exe or "fuzz" in FAILED_BUILDS:
            s.add("fuzz.%s.<build>" % t, FAIL,
                  "build/host/fuzz/%s was not built (see build/check/build-fuzz.log, "
                  "or run make fuzz-build)" % t)
            continue
        work = os.path.join(LOGDIR, "fuzz", t)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        dirs = [os.path.join(ROOT, d, t) for d in
                ("tests/fuzz/corpus", "tests/fuzz/regress", "build/host/fuzz/seed")]
        dirs = [d for d in dirs if os.path.isdir(d)]
        cmd = [exe, "-runs=%d" % FUZZ_RUNS, "-seed=%d" % FUZZ_SEED,
               "-print_final_stats=1",
               "-artifact_prefix=%s-crash-" % work, work] + dirs
        status, out, timed_out = run(cmd, FUZZ_TIMEOUT, env={
            "ASAN_OPTIONS": "detect_leaks=1", "UBSAN_OPTIONS": "print_stacktrace=1"})
        log = save_log("fuzz-" + t, cmd, out)
        inited = re.search(r"^#\d+\s+INITED", out, re.MULTILINE)
        runs = re.search(r"^stat::number_of_executed_units:\s*(\d+)", out,
                         re.MULTILINE)
        what = describe_status(status, timed_out, FUZZ_TIMEOUT)
        first = next((l for l in out.splitlines()
                      if l.startswith(("fuzz: ", "==")) or "runtime error" in l), "")
        if not inited:
            s.add("fuzz.%s.replay" % t, FAIL, "%s while replaying the inputs: %s "
                  "(see %s)" % (what, first, log))
            continue
        s.add("fuzz.%s.replay" % t, PASS)
        if status != 0 or timed_out or not runs:
            s.add("fuzz.%s.runs" % t, FAIL, "%s after the replay: %s (see %s; "
                  "the input is in build/check/fuzz/%s-crash-*)" %
                  (what, first, log, t))
        else:
            s.add("fuzz.%s.runs" % t, PASS, "%s executions" % runs.group(1))
    if not targets:
        s.add("fuzz.<targets>", FAIL, "no tests/fuzz/*_fuzz.c")
    return s


def parse_boot_cases(path):
    """Parse tests/boot/cases.txt; see the comment at the top of that file."""
    cases, errors = [], []
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split(" | ")]
            where = "%s:%d" % (os.path.relpath(path, ROOT), lineno)
            if len(fields) not in (5, 6):
                errors.append("%s: expected 5 or 6 fields separated by ' | ', "
                              "got %d" % (where, len(fields)))
                continue
            name, dtb, append, expect, forbid = fields[:5]
            exit_code = 0
            qemu = False
            host = True
            machine = None
            smp = None
            opt_error = None
            for opt in (fields[5].split() if len(fields) == 6 else []):
                m = re.match(r"^exit=(\d+|nonzero)$", opt)
                if m:
                    exit_code = (m.group(1) if m.group(1) == "nonzero"
                                 else int(m.group(1)))
                elif re.match(r"^smp=[1-9]\d*$", opt):
                    smp = int(opt[4:])
                elif opt == "qemu":
                    qemu = True
                elif opt == "qemu-only":
                    qemu = True
                    host = False
                elif opt == "virt":
                    qemu = True
                    host = False
                    machine = "virt"
                else:
                    opt_error = ("%s: 6th field takes exit=N, exit=nonzero, "
                                 "qemu, qemu-only, virt and smp=N, got '%s'" %
                                 (where, opt))
            if opt_error:
                errors.append(opt_error)
                continue
            try:
                exp = [re.compile(r) for r in expect.split(" && ")
                       if r and expect != "-"]
                forb = [re.compile(r) for r in forbid.split(" && ")
                        if r and forbid != "-"]
            except re.error as e:
                errors.append("%s: bad regex: %s" % (where, e))
                continue
            if not re.match(r"^[\w.+-]+$", name):
                errors.append("%s: case name '%s' must be one word" %
                              (where, name))
                continue
            cases.append(dict(name=name, dtb=dtb,
                              append="" if append == "-" else append,
                              expect=exp, forbid=forb, exit=exit_code,
                              qemu=qemu, host=host, machine=machine, smp=smp,
                              where=where))
    return cases, errors


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


def judge_boot_case(s, name, c, status, out, timed_out, timeout, log):
    """Add the result of one tests/boot/cases.txt boot to @s."""
    problems = []
    if timed_out or status < 0:
        problems.append(describe_status(status, timed_out, timeout))
    elif c["exit"] == "nonzero":
        if status == 0:
            problems.append("exited with status 0, expected non-zero")
    elif status != c["exit"]:
        problems.append("exited with status %d, expected %d" %
                        (status, c["exit"]))
    for r in c["expect"]:
        if not r.search(out):
            problems.append("expected /%s/ in the output" % r.pattern)
    for r in c["forbid"]:
        m = r.search(out)
        if m:
            text = out[out.rfind("\n", 0, m.start()) + 1:]
            problems.append("forbidden /%s/ matched: %s" %
                            (r.pattern, text.splitlines()[0][:160]))
    m = SANITIZER_RE.search(out)
    if m:
        problems.append(out[m.start():].splitlines()[0])
    if problems:
        s.add(name, FAIL, "; ".join(problems) + " (see %s)" % log)
    else:
        s.add(name, PASS)
    if "ktest=" in c["append"]:
        judge_ktap(s, name, status, out, timed_out, timeout, log)


# ---- shell: scripted console sessions on the host (A4) -----------------------

# (name, script on stdin, regexes expected, exit status)
SHELL_SESSIONS = [
    ("scripted-session",
     "help\ncma list\ncma alloc video 4M\ncma list\ncma free 1\n"
     "cma free 1\nmeminfo\npoweroff\n",
     # The display's two frame buffers (300 pages each, 2 MiB aligned) are
     # in video from boot on: 600 pages, 2 allocations.
     [r"contig> help\n(.*\n)*  cma alloc <region\|device> <size>",
      r"  poweroff \[status\]",
      r"\nvideo +0x78000000 +64 +16384 +600 +2 ",
      r"buffer 1: video 0x78400000-0x787fffff, 1024 pages \(4096 KiB\), "
      r"[0-9.]+ ms, \d+ pages migrated, \d+ discarded",
      r"\nvideo +0x78000000 +64 +16384 +1624 +3 ",
      r"buffer 1: released 1024 pages to video",
      r"contig> cma free 1\nerror: no buffer with id 1",
      r"MemTotal: +\d+ kB(.*\n)*CmaFree: +177824 kB",
      r"Kmalloc: ",
      r"contig> poweroff\ncontig: power(ing)? off,? \(?status 0\)?"], 0),
    # Backspace (DEL), CR LF line ends, Ctrl-U and Ctrl-C (else "foo" and
    # "bad" would be unknown commands), an arrow key, poweroff's status.
    ("line-editing",
     "cma lisz\x7ft\r\nfoo\x15mmcheck\r\nbad\x03\x1b[Acma map camera\n"
     "poweroff 5\n",
     [r"\ncamera +0x76000000 +32 +8192 ",
      r"mmcheck: consistent",
      r"bad\^C\ncontig> cma map camera\nmap of camera",
      r"contig: power(ing)? off,? \(?status 5\)?"], 5),
    # Devices and their DMA memory: the test devices of contig-dma-test.dtsi.
    ("devices",
     "dev list\ndma info dmatest-named capture\ncma alloc dmatest-named 2M capture\n"
     "cma holders camera\ndma info dmatest-named\ntrace 2\ncma free 1\n"
     "cma holders camera\npoweroff\n",
     [r"\ndmatest-single +bound +dma-test +0/0 +video \(memory-region\)",
      r"\ndmatest-pool +bound +dma-test +0/0 +dmapool \(coherent pool\)",
      r"regions for type capture, from memory-region, tried in this order:\n"
      r"  1\. camera +0x[0-9a-f]+-0x[0-9a-f]+ +8192 pages,.*\n  2\. video ",
      r"buffer 1: camera (0x[0-9a-f]+)-0x[0-9a-f]+, 512 pages \(2048 KiB\) "
      r"for dmatest-named",
      r"camera: \d+ of 8192 pages carved out \(peak \d+\)\n(.*\n)*"
      r"  dmatest-named +1 buffer\(s\) +512 pages",
      r"buffers it holds:\n  cma +camera +0x[0-9a-f]+ +512 pages cma_dev_alloc\(\)",
      r"cma_alloc_finish camera +dmatest-named +pages=512 pfn=0x[0-9a-f]+ "
      r"latency=\d+us",
      r"buffer 1: released 512 pages to camera",
      r"contig: power(ing)? off,? \(?status 0\)?"], 0),
    # A line longer than the shell's buffer (159 characters) is refused
    # whole, never run cut ("cma alloc video 1" here, a 1-byte buffer);
    # Ctrl-U starts a fresh line after an overlong start.
    ("line-too-long",
     "cma alloc video 1" + " " * 300 + "4096M\ncma list\n"
     + "x" * 200 + "\x15meminfo\npoweroff\n",
     [r"error: line longer than 159 characters: nothing run",
      r"\nvideo +0x78000000 +64 +16384 +600 +2 ",
      r"MemTotal: +\d+ kB",
      r"contig: power(ing)? off,? \(?status 0\)?"], 0),
]


def suite_shell(args):
    """Pipe scripts into the hosted kernel's console shell and check them.

    tests/boot/cases.txt cannot feed stdin, so this suite runs
    `build/host/contig --append shell` itself with each script on stdin.
    """
    s = Suite("shell")
    exe = binary("build/host/contig")
    # The same scripts over the ARM image's serial line, typed ahead of the
    # boot as a pipe delivers them: no byte may be lost on the way.
    arm = os.path.exists(os.path.join(ROOT, QEMU_IMAGE))
    runs = [("shell.", exe and [exe, "--append", "shell"], "build/host/contig")]
    if arm:
        runs.append(("shell.qemu-", qemu_cmd(QEMU_IMAGE, "shell", dtb=QEMU_DTB),
                     QEMU_IMAGE))
    for prefix, base_cmd, what in runs:
        for sname, script, expect, want_status in SHELL_SESSIONS:
            shell_session(s, prefix + sname, base_cmd, what, script, expect,
                          want_status)
    return s


def shell_session(s, name, cmd, what, script, expect, want_status):
    """Run one scripted shell session and judge its transcript."""
    if not cmd:
        s.add(name, FAIL, "%s is missing: the build failed" % what)
        return
    try:
        p = subprocess.run(cmd, cwd=ROOT, input=script.encode(),
                           stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=CASE_TIMEOUT)
        status, timed_out = p.returncode, False
        out = p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        status, timed_out = -9, True
        out = (e.stdout or b"").decode("utf-8", "replace")
    out = out.replace("\r\n", "\n")  # a serial console sends CR LF
    log = save_log(name, ["printf", repr(script), "|"] + cmd, out)
    problems = []
    if timed_out or status != want_status:
        problems.append("%s, expected status %d" %
                        (describe_status(status, timed_out, CASE_TIMEOUT),
                         want_status))
    for r in expect:
        if not re.search(r, out):
            problems.append("expected /%s/ in the output" % r)
    for r in (r"assertion failed", r"BUG at", r"panic",
              r"unknown command"):
        if re.search(r, out):
            problems.append("forbidden /%s/ in the output" % r)
    m = SANITIZER_RE.search(out)
    if m:
        problems.append(out[m.start():].splitlines()[0])
    if problems:
        s.add(name, FAIL, "; ".join(problems) + " (see %s)" % log)
    else:
        s.add(name, PASS)

# ---- QEMU: the ARM image on vexpress-a9 ---------------------------------------

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


LINUX_DTBS = os.path.join("build", "deps", "linux-armmp")


def suite_linux_dtbs(args):
    s = Suite("linux-dtbs")
    dirs = sorted(d for d in glob.glob(os.path.join(
        ROOT, LINUX_DTBS, "usr", "lib", "linux-image-*-armmp"))
        if glob.glob(os.path.join(d, "*.dtb")))
    if not dirs:
        marker = os.path.join(ROOT, LINUX_DTBS + ".unreachable")
        if os.path.exists(marker):
            with open(marker) as f:
                why = f.read().strip()
            s.add("linux-dtbs", SKIP, "skipped: mirror unreachable (%s)" % why)
        else:
            s.add("linux-dtbs", FAIL, "no DTB in %s/usr/lib/linux-image-*-armmp: "
                  "run scripts/install-deps.sh check" % LINUX_DTBS)
        return s
    exe, asan = binary("build/host-asan/contig"), True
    if not exe:
        exe, asan = binary("build/host/contig"), False
    if not exe:
        s.add("linux-dtbs", FAIL, "build/host-asan/contig and build/host/contig "
              "are missing: the builds failed")
        return s
    # Debian's python3-libfdt is for Debian's python3.
    cmd = ["/usr/bin/python3", os.path.join(ROOT, "tests", "linux-dtbs", "rmem_compare.py"),
           "--kernel", exe, "--dtb-dir", dirs[-1],
           "--expected", os.path.join(ROOT, "tests", "linux-dtbs", "expected.txt"),
           "--log-dir", os.path.join(LOGDIR, "linux-dtbs"),
           "--jobs", str(args.jobs), "--timeout", str(CASE_TIMEOUT)]
    if asan:
        cmd.append("--asan")
    status, out, timed_out = run(cmd, None)
    log = save_log("linux-dtbs", cmd, out)
    cases = 0
    for line in out.splitlines():
        m = re.match(r"^(ok|not ok) (\S+)(?: - (.*))?$", line)
        if m:
            cases += 1
            ok = m.group(1) == "ok"
            s.add("linux-dtbs." + m.group(2), PASS if ok else FAIL,
                  "" if ok else "%s (see build/check/linux-dtbs/%s.log)" %
                  (m.group(3) or "", m.group(2)))
        elif line.startswith("# "):
            print("  " + line[2:])
    if status != 0 and not s.count(FAIL):
        s.add("linux-dtbs.<compare>", FAIL, "rmem_compare.py %s (see %s)" %
              (describe_status(status, timed_out, 0), log))
    elif not cases:
        s.add("linux-dtbs.<compare>", FAIL, "rmem_compare.py reported nothing (see %s)" % log)
    return s


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


def boot_cases_in_parallel(s, prefix, cases, boot):
    """Run boot(case) for every case, QEMU_JOBS at a time, and judge each
    into @s as prefix + name. boot() returns (case, (cmd, status, output,
    timed_out), None), or (case, None, error) when it could not boot."""
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(QEMU_JOBS) as pool:
        results = list(pool.map(boot, cases))
    for c, res, err in results:
        name = prefix + c["name"]
        if err:
            s.add(name, FAIL, "%s: %s" % (c["where"], err))
            continue
        cmd, status, out, timed_out = res
        log = save_log(name, cmd, out)
        judge_boot_case(s, name, c, status, out, timed_out, QEMU_TIMEOUT, log)


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


# ---- U-Boot: the same image on QEMU virt through Debian's U-Boot -------------

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


def suite_uboot_ktest(args):
    s = Suite("uboot-ktest")
    if qemu_missing(s, "uboot-ktest"):
        return s
    ktest_boot(s, "uboot-ktest", UBOOT_DIR + "/ktest.img", None,
               timeout=QEMU_TIMEOUT, make_cmd=lambda disk, _: uboot_cmd(disk),
               runner=run_uboot)
    return s


def parse_uboot_case(path):
    """A tests/boot/uboot/NAME.env case: its settings are U-Boot's (the boot
    script imports them), its "# expect: REGEX", "# forbid: REGEX",
    "# exit: N" and "# qemu: OPTIONS" (for scripts/qemu-arm.sh) comment
    lines are ours. Returns a judge_boot_case() dict."""
    name = os.path.basename(path)[:-len(".env")]
    where = os.path.relpath(path, ROOT)
    c = dict(name=name, dtb="-", append="", expect=[], forbid=[], exit=0,
             where=where, qemu_args=[])
    for r in (r"assertion failed", r"BUG at", r"panic"):
        c["forbid"].append(re.compile(r))
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = re.match(r"^# (expect|forbid|exit|qemu): (.*)$", line)
            if m:
                key, val = m.groups()
                if key == "exit":
                    c["exit"] = int(val)
                    continue
                if key == "qemu":
                    c["qemu_args"] += shlex.split(val)
                    continue
                try:
                    c[key].append(re.compile(val))
                except re.error as e:
                    raise ValueError("%s:%d: bad regex: %s" %
                                     (where, lineno, e))
            elif line.startswith("contig_args="):
                # judge_boot_case() parses the KTAP when ktest= is given.
                c["append"] = line[len("contig_args="):]
    if not c["expect"]:
        raise ValueError("%s: no '# expect: REGEX' line: a case must assert "
                         "something" % where)
    return c


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


# ---- display: QEMU's screendump of the PL111 ----------------------------------

# (what is typed on the serial line, the line the kernel prints once the
# picture is up, the pattern the screen must show then). "draw" puts flip-b
# in the back buffer only: the screen must still show flip-a until "flip".
DISPLAY_STEPS = [
    ("bars", "display pattern bars", r"display: pattern bars up", "bars"),
    ("flip-a", "display pattern flip-a", r"display: pattern flip-a up",
     "flip-a"),
    ("draw-b-stays-behind", "display draw flip-b",
     r"display: drew flip-b into buffer \d", "flip-a"),
    ("flip-b", "display flip", r"display: flipped: buffer \d", "flip-b"),
]
DISPLAY_WAIT = int(os.environ.get("CONTIG_DISPLAY_WAIT", "300"))


class Console:
    """A process driven over stdin/stdout: type lines, wait for output."""

    def __init__(self, cmd):
        import threading
        self.p = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT,
                                  start_new_session=True)
        self.out = ""
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            b = self.p.stdout.read1(4096)
            with self.cond:
                if not b:
                    self.cond.notify_all()
                    return
                self.out += b.decode("utf-8", "replace").replace("\r\n", "\n")
                self.cond.notify_all()

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


class Qmp:
    """A minimal QMP client on a unix socket."""

    def __init__(self, path, timeout):
        import json
        import socket
        self.json = json
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
        self.f.write(self.json.dumps({"execute": name, "arguments": args}) +
                     "\n")
        self.f.flush()
        while True:
            line = self.f.readline()
            if not line:
                raise OSError("QMP connection closed")
            reply = self.json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise OSError("QMP %s: %s" % (name, reply["error"]))


def display_geometry(dtb):
    """hactive, vactive of the board's panel, read from the DTB."""
    geo = []
    for prop in ("hactive", "vactive"):
        out = subprocess.run(["fdtget", dtb, "/panel/panel-timing", prop],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        geo.append(int(out.stdout.split()[0]))
    return tuple(geo)


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


def display_pattern_lib():
    """scripts/display_pattern.py: the test pictures and the PPM compare."""
    scripts = os.path.join(ROOT, "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import display_pattern
    return display_pattern


def screendump_problem(qmp, stem, rgb, width, height):
    """Take QEMU's screendump into build/check/@stem.ppm and compare it
    pixel by pixel with @rgb (@width x @height, RGB bytes), written to
    @stem-expected.ppm. Returns None when they are equal, else what
    differs and the files to look at (@stem-diff.ppm shows where; it is
    kept only then)."""
    dp = display_pattern_lib()
    got, want, diff = (os.path.join(LOGDIR, stem + x)
                       for x in (".ppm", "-expected.ppm", "-diff.ppm"))
    dp.write_ppm(want, width, height, rgb)
    qmp.command("screendump", filename=got)
    res = dp.compare(got, want, diff)
    if not res:
        if os.path.exists(diff):
            os.unlink(diff)
        return None
    return "%s (see %s)" % (res, ", ".join(
        os.path.relpath(f, ROOT) for f in (got, want, diff)))


def suite_display(args):
    """Boot the ARM image with the shell, draw the patterns, take QEMU's
    screendump (QMP, -display none) after each and compare it pixel by
    pixel with the picture scripts/display_pattern.py draws from the same
    table (drivers/video/display_patterns.h)."""
    dp = display_pattern_lib()
    s = Suite("display")
    name = "display.qemu"
    if qemu_missing(s, name):
        return s
    image = qemu_image(s, name)
    if not image:
        return s
    dtb = os.path.join(ROOT, QEMU_DTB)
    width, height = display_geometry(dtb)
    pats = dp.load_patterns()
    con = QemuShell("display", image, dtb=dtb)
    try:
        m, qmp = con.prompt()
        if not m:
            s.add(name + ".<boot>", FAIL, "no shell prompt (see %s)" %
                  save_log("display-qemu", con.cmd, con.out))
            return s
        pos = m.end()
        for step, line, marker, pattern in DISPLAY_STEPS:
            case = "%s.%s" % (name, step)
            con.send(line)
            m = con.wait_for(r"(?P<ok>%s)|\nerror: (?P<err>[^\n]*)\n" % marker,
                             pos, DISPLAY_WAIT)
            if m and m.group("err") and "no display" in m.group("err"):
                # A kernel built without the driver: nothing to look at.
                s.add(case, SKIP, "the kernel has no display: %s" %
                      m.group("err"))
                break
            if not m or not m.group("ok"):
                s.add(case, FAIL, "typed '%s' but no /%s/ came%s (see %s)" %
                      (line, marker, ": error: " + m.group("err") if m else "",
                       save_log("display-qemu", con.cmd, con.out)))
                break
            pos = m.end()
            res = screendump_problem(qmp, "display-qemu-" + step, dp.render(
                pats[pattern], width, height), width, height)
            if res:
                s.add(case, FAIL, "the screen is not pattern %s: %s" %
                      (pattern, res))
            else:
                s.add(case, PASS)
        con.send("poweroff")
    except OSError as e:
        s.add(name + ".<qmp>", FAIL, "QMP: %s" % e)
    finally:
        status = con.finish(DISPLAY_WAIT)
    forbidden = [r"did not confirm the flip"] + SHELL_FORBIDDEN
    if not any(c.status == SKIP for c in s.cases):
        forbidden.append(SHELL_ERROR)
    log, problems = con.judge(status, "display-qemu", forbidden)
    s.add(name + ".session", FAIL if problems else PASS,
          "; ".join(problems) + " (see %s)" % log if problems else "")
    return s


# ---- linux-vexpress: Debian's own vexpress DTB, as an integrator brings it ----

# Debian's armhf Linux kernel package, unpacked by scripts/install-deps.sh
# (its ABI number changes with security updates: found by glob).
LINUX_VEXPRESS_GLOB = "build/deps/linux-armmp/usr/lib/linux-image-*-armmp/" \
    "vexpress-v2p-ca9.dtb"
LINUX_VEXPRESS_OVERLAY = "tests/linux-vexpress/cma-default.dtso"
LINUX_VEXPRESS_OUT = "build/linux-vexpress"
LINUX_IOFPGA = "/bus@40000000/motherboard-bus@40000000/iofpga@7,00000000"
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
    import glob
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


# ---- capture: the camera-to-display pipeline on both ports ----------------------

FRAMES = "build/frames/frames.raw"
CAMERA_MAP = "cma_map=virtio_mmio*=camera"
# The frame whose sectors the fault-injection boots make fail.
IOERR_FRAME = 2


def frames_header(path):
    """The geometry scripts/mkframes.py wrote into @path's header."""
    import struct
    with open(path, "rb") as f:
        h = f.read(48)
    (magic, version, header_size, width, height, fourcc, bpl, frame_size,
     stride, nr_frames, pattern) = struct.unpack("<8s10I", h)
    if magic != b"CFRAMES\0":
        raise ValueError("%s is not a frames file" % path)
    return dict(header_size=header_size, width=width, height=height,
                fourcc=fourcc, bpl=bpl, frame_size=frame_size, stride=stride,
                nr_frames=nr_frames)


def frame_rgb(path, hdr, n):
    """Frame @n of the frames file as RGB bytes (what the screen must show)."""
    with open(path, "rb") as f:
        f.seek(hdr["header_size"] + n * hdr["stride"])
        raw = f.read(hdr["frame_size"])
    rgb = bytearray()
    for y in range(hdr["height"]):
        row = raw[y * hdr["bpl"]:y * hdr["bpl"] + hdr["width"] * 4]
        if hdr["fourcc"] == 0x34325258:  # XR24: bytes B, G, R, X
            rgb += bytes(b for i in range(0, len(row), 4)
                         for b in (row[i + 2], row[i + 1], row[i]))
        else:
            raise ValueError("only XR24 frames are compared on screen")
    return bytes(rgb)


# The capture commands by hand: start with cached buffers, grab, status,
# stop, a second stop refused, a grab while stopped refused.
CAPTURE_SHELL = ("capture start 2 cached\ncapture grab 3\ncapture status\n"
                 "capture stop\ncapture stop\ncapture grab\nplay 2 4\npoweroff\n")
CAPTURE_SHELL_EXPECT = [
    r"capture: started, 2 cached buffers \(2400 KiB\) from camera in [0-9.]+ ms",
    r"capture: frame 0 \(buffer 0, sequence 0\): CRC ok, shown",
    r"capture: frame 2 \(buffer 0, sequence 2\): CRC ok, shown",
    r"streaming: 2 cached buffers, 2400 KiB of camera\n  1 streams, 3 frames, "
    r"0 errors",
    r"capture: stopped, 2400 KiB back to camera",
    r"contig> capture stop\nerror: not streaming",
    r"contig> capture grab\nerror: not streaming: capture start first",
    # Playback through the block read cache: the second cycle hits it.
    r"playback: cycle 1: .* 4 frames read .*; 4 shown, 0 not matching",
    r"playback: cycle 2: .* 4 frames read .*, 0 pages missed, .*; 4 shown, 0 not "
    r"matching\nplayback: done"]


def capture_boots(frames, hdr):
    """The boots of the capture suite as boot_cases_in_parallel() cases:
    what judge_boot_case() takes, plus name, where (the binary it boots),
    cmd (None when that binary is missing), env (run()'s) and qemu (True
    for a boot on QEMU)."""
    bad_sector = (hdr["header_size"] + IOERR_FRAME * hdr["stride"]) // 512 + 7
    arm = binary(QEMU_IMAGE, executable=False)

    def case(append, expect=(), forbid=(), exit=0):
        return dict(append=append, expect=[re.compile(r) for r in expect],
                    forbid=[re.compile(r) for r in forbid], exit=exit)

    def on_host(rel, append, drive=frames, wrap=(), env=None):
        exe = binary(rel)
        cmd = exe and list(wrap) + [exe] + \
            (["--drive", drive] if drive else []) + ["--append", append]
        return dict(where=rel, cmd=cmd, env=env, qemu=False)

    def on_qemu(append, *extra):
        cmd = arm and qemu_cmd(arm, append) + ["--frames", frames] + \
            list(extra)
        return dict(where=QEMU_IMAGE, cmd=cmd, env=None, qemu=True)

    ktest = "%s ktest=capture*" % CAMERA_MAP
    pipeline = case("pipeline=2", expect=[
        r"pipeline: cycle 2: camera \d+% movable; start: ring of 4 x \d+ KiB "
        r"carved from camera in [0-9.]+ ms, \d+ pages migrated",
        # "shown" depends on the display's flips, which the display suite
        # and the screendump check; capture must be complete and exact.
        r"pipeline: cycle 2: 32 frames from frame \d+ on: 32 captured, \d+ "
        r"shown, 0 failed, 0 not matching",
        r"pipeline: workload of \d+ MiB verified: 0 corrupt pages",
        r"pipeline: done"], forbid=[r"FAILED", r"error"])
    ioerr = case("pipeline=1", expect=[
        r"vda: I/O error reading sectors \d+-\d+ \(device status 1",
        r"vda: frame %d \(buffer %d\) not captured: EIO; not shown" %
        (IOERR_FRAME, IOERR_FRAME),
        r"pipeline: cycle 1: 32 frames from frame 0 on: 31 captured, \d+ "
        r"shown, 1 failed, 0 not matching", r"pipeline: FAILED"], exit=1)
    legacy = case("pipeline=1", expect=[
        r"virtio_mmio@10013600: legacy virtio-mmio \(version 1\) is not "
        r"supported: start QEMU with -global virtio-mmio.force-legacy=false",
        r"vcam: no capture device: start QEMU with -drive"], exit=1)
    ktest_case = case(ktest)
    host, asan, tsan = ("build/host/contig", "build/host-asan/contig",
                        "build/host-tsan/contig")
    boots = [
        ("host", on_host(host, ktest), ktest_case),
        ("host-asan", on_host(asan, ktest, env=SAN_ENV), ktest_case),
        ("host-tsan", on_host(tsan, ktest, wrap=tsan_wrapper(),
                              env=SAN_ENV), ktest_case),
        ("qemu", on_qemu("ktest=capture*"), case("ktest=capture*")),
        ("pipeline-host", on_host(host, CAMERA_MAP + " pipeline=2"),
         pipeline),
        ("pipeline-qemu", on_qemu("pipeline=2"), pipeline),
        ("ioerr-host", on_host(host, CAMERA_MAP + " pipeline=1",
                               drive="%s,ioerr=%d" % (frames, bad_sector)),
         ioerr),
        ("ioerr-qemu", on_qemu("pipeline=1", "--frames-ioerr",
                               str(bad_sector)), ioerr),
        ("legacy-qemu", on_qemu("pipeline=1", "--virtio-legacy"), legacy),
    ]
    return [dict(name=name, **how, **judge) for name, how, judge in boots]


def capture_screendump(s, frames, hdr):
    """On QEMU: capture one frame from the shell, take QEMU's screendump
    and compare it pixel by pixel with that frame of the file."""
    name = "capture.screendump-qemu"
    image = binary(QEMU_IMAGE, executable=False)
    if not image:
        s.add(name, FAIL, "%s is missing: make ARCH=arm failed" % QEMU_IMAGE)
        return
    con = QemuShell("capture", image, extra=["--frames", frames])
    problems = []
    try:
        m, qmp = con.prompt()
        if not m:
            problems.append("no shell prompt")
        for line in ("capture start 1", "capture grab 2") if m else ():
            con.send(line)
            m = con.wait_for(r"\ncontig> ", m.end(), DISPLAY_WAIT)
            if not m:
                problems.append("'%s' did not finish" % line)
                break
        shown = re.findall(r"capture: frame (\d+) \(buffer \d+, sequence 1\): "
                           r"CRC ok, shown", con.out)
        if m and not shown:
            problems.append("no second frame was shown")
        if m and shown:
            res = screendump_problem(
                qmp, "capture-qemu-screen",
                frame_rgb(frames, hdr, int(shown[0])), hdr["width"],
                hdr["height"])
            if res:
                problems.append("the screen is not frame %s: %s" %
                                (shown[0], res))
        con.send("capture stop")
        con.send("poweroff")
    except OSError as e:
        problems.append("QMP: %s" % e)
    finally:
        status = con.finish(DISPLAY_WAIT)
    log, more = con.judge(status, name, [SHELL_ERROR] + SHELL_FORBIDDEN)
    problems += more
    s.add(name, FAIL if problems else PASS,
          "; ".join(problems) + " (see %s)" % log if problems else "")


def suite_capture(args):
    """The capture device on both ports (ktest=capture* with a frames file
    attached, on the host also under ASan and TSan), the pipeline boot,
    a device I/O error (QEMU's blkdebug, the host's ioerr=), QEMU's legacy
    virtio-mmio refused, and a captured frame in QEMU's screendump."""
    s = Suite("capture")
    frames = os.path.join(ROOT, FRAMES)
    if "frames" in FAILED_BUILDS:
        s.add("capture.<frames>", FAIL, "make frames failed, %s may be stale "
              "(see build/check/build-frames.log)" % FRAMES)
        return s
    try:
        hdr = frames_header(frames)
    except (OSError, ValueError) as e:
        s.add("capture.<frames>", FAIL, "%s: %s (make frames, or the build "
              "suite, writes it)" % (FRAMES, e))
        return s
    # Without QEMU the host's boots and shell session still run.
    qemu = not qemu_missing(s, "capture")

    def boot(c):
        if not c["cmd"]:
            return c, None, "missing: the build failed (see " \
                "build/check/build-*.log)"
        return c, (c["cmd"],) + run(c["cmd"], QEMU_TIMEOUT, env=c["env"],
                                     label="capture." + c["name"]), None

    boot_cases_in_parallel(s, "capture.", [
        c for c in capture_boots(frames, hdr) if qemu or not c["qemu"]], boot)
    exe = binary("build/host/contig")
    shell_session(s, "capture.shell-host", exe and [
        exe, "--drive", frames, "--append", CAMERA_MAP + " shell"],
        "build/host/contig", CAPTURE_SHELL, CAPTURE_SHELL_EXPECT, 0)
    if qemu:
        capture_screendump(s, frames, hdr)
    return s


SUITES = [
    ("lint", suite_lint),
    ("unit", suite_unit),
    ("ktest", suite_ktest),
    ("ktest-asan", suite_ktest_asan),
    ("ktest-tsan", suite_ktest_tsan),
    ("boot", suite_boot),
    ("shell", suite_shell),
    ("linux-dtbs", suite_linux_dtbs),
    ("fuzz", suite_fuzz),
    ("qemu-ktest", qemu_ktest_suite("qemu-ktest", 1)),
    ("qemu-smp", qemu_ktest_suite("qemu-smp", 4)),
    ("qemu-boot", suite_qemu_boot),
    ("display", suite_display),
    ("linux-vexpress", suite_linux_vexpress),
    ("uboot-ktest", suite_uboot_ktest),
    ("uboot-boot", suite_uboot_boot),
    ("capture", suite_capture),
]


# ---- self-test of the parsers ---------------------------------------------------

SELFTEST_KTAP = """\
contig: booting
KTAP version 1
1..3
    KTAP version 1
    # Subtest: cma
    1..3
    ok 1 cma_alloc_returns_aligned_pages
    # cma_test.c:42: expected ret == 0, got -16 vs 0
    not ok 2 cma_release_refuses_pages_it_does_not_own
    ok 3 cma_needs_a_second_area # SKIP only one area
not ok 1 cma
    KTAP version 1
    # Subtest: buddy
    1..2
    ok 1 buddy_merges_freed_buddies
cma: some console message
    ok 2 buddy_splits_blocks
ok 2 buddy
    KTAP version 1
    # Subtest: stress_alloc
    1..4
    ok 1 stress_alloc_survives_four_cpus
"""

SELFTEST_TAP = """\
[==========] tests: Running 2 test(s).
1..2
ok 1 - map_rule_parses
not ok 2 - map_rule_rejects_garbage
# 0x1 != 0x0
# tests/unit/cma_map_test.c:10: error: Failure!
"""


def selftest(quiet=False):
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append("%s: got %r, want %r" % (what, got, want))

    cases = parse_ktap(SELFTEST_KTAP, prefix="ktest.")
    got = [(c.name, c.status) for c in cases]
    expect("ktap cases", got, [
        ("ktest.cma.cma_alloc_returns_aligned_pages", PASS),
        ("ktest.cma.cma_release_refuses_pages_it_does_not_own", FAIL),
        ("ktest.cma.cma_needs_a_second_area", SKIP),
        ("ktest.buddy.buddy_merges_freed_buddies", PASS),
        ("ktest.buddy.buddy_splits_blocks", PASS),
        ("ktest.stress_alloc.stress_alloc_survives_four_cpus", PASS),
        ("ktest.stress_alloc.<incomplete>", FAIL),
        ("ktest.<incomplete>", FAIL),
    ])
    if len(cases) > 1:
        expect("ktap diagnostic", "got -16" in cases[1].detail, True)
        expect("ktap skip reason", cases[2].detail, "only one area")

    # A suite that says not ok with no failing case, and an unknown suite.
    odd = "KTAP version 1\n1..2\n    # Subtest: a\n    1..1\n    ok 1 x\n" \
          "not ok 1 a\nnot ok 2 nosuch\n"
    expect("ktap odd", [(c.name, c.status) for c in parse_ktap(odd)],
           [("a.x", PASS), ("a", FAIL), ("nosuch", FAIL)])

    tap = parse_tap_flat(SELFTEST_TAP, prefix="unit.t.")
    expect("tap cases", [(c.name, c.status) for c in tap],
           [("unit.t.map_rule_parses", PASS),
            ("unit.t.map_rule_rejects_garbage", FAIL)])
    if len(tap) == 2:
        expect("tap diagnostic", "0x1 != 0x0" in tap[1].detail, True)

    boot_line = "x | - | ktest=cma | a && b(c|d) | - | exit=3\n"
    tmp = os.path.join(LOGDIR, "selftest-cases.txt")
    os.makedirs(LOGDIR, exist_ok=True)
    with open(tmp, "w") as f:
        f.write("# comment\n\n" + boot_line)
    bc, berr = parse_boot_cases(tmp)
    expect("boot case errors", berr, [])
    if bc:
        expect("boot case", (bc[0]["name"], bc[0]["dtb"], bc[0]["append"],
                             [r.pattern for r in bc[0]["expect"]],
                             bc[0]["forbid"], bc[0]["exit"]),
               ("x", "-", "ktest=cma", ["a", "b(c|d)"], [], 3))
    os.unlink(tmp)

    # Boots through U-Boot take the kernel's status from the console.
    expect("console status", console_status(
        0, "U-Boot\r\ncontig: power off, status 3\r\n", False)[0], 3)
    expect("console status, last line", console_status(
        0, "contig: power off, status 1\ncontig: power off, status 0\n",
        False)[0], 0)
    expect("console status, no line", console_status(0, "=> ", False)[0],
           NO_POWEROFF)
    expect("console status, QEMU failed", console_status(
        124, "contig: power off, status 0\n", True)[:3:2], (124, True))

    if not quiet:
        for e in errors:
            print("selftest: " + e)
        print("selftest: %s" % ("FAILED" if errors else "ok"))
    return errors


# ---- main -------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", action="store_true",
                    help="build every variant first (each is a test case)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", default="",
                    help="comma-separated suites to run (default: all)")
    ap.add_argument("--selftest", action="store_true",
                    help="test the KTAP/TAP/cases.txt parsers and exit")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="print every case, not only the failing ones")
    args = ap.parse_args()

    if args.selftest:
        return 1 if selftest() else 0

    clean_make_env()
    only = set(x for x in args.only.split(",") if x)
    known = {n for n, _ in SUITES} | {"build"}
    if only - known:
        print("check.py: unknown suite(s) %s; known: %s" %
              (", ".join(sorted(only - known)), ", ".join(sorted(known))))
        return 2

    suites = []
    plan = list(SUITES)
    if args.build:
        plan.insert(0, ("build", suite_build))
    for name, fn in plan:
        if only and name not in only:
            continue
        print("== %s" % name)
        sys.stdout.flush()
        t0 = time.time()
        try:
            s = fn(args)
        except Exception as e:  # a runner bug must not hide the other suites
            s = Suite(name)
            s.add(name + ".<runner>", FAIL,
                  "check.py raised %s: %s" % (type(e).__name__, e))
        s.seconds = time.time() - t0
        suites.append(s)
        for c in s.cases:
            if c.status == FAIL or args.verbose:
                print("  %s %s" % ("FAIL" if c.status == FAIL else
                                   c.status, c.name))
                if c.status == FAIL and c.detail:
                    for l in c.detail.splitlines():
                        print("       " + l)
        line = "%s: %d passed, %d failed" % (s.name, s.count(PASS),
                                             s.count(FAIL))
        if s.count(SKIP):
            line += ", %d skipped" % s.count(SKIP)
        print("%s  (%.0fs)" % (line, s.seconds))
        sys.stdout.flush()

    passed = sum(s.count(PASS) for s in suites)
    failed = sum(s.count(FAIL) for s in suites)
    skipped = sum(s.count(SKIP) for s in suites)
    print()
    failing = [c.name for s in suites for c in s.cases if c.status == FAIL]
    if failing:
        print("failing cases:")
        for n in failing:
            print("  " + n)
    final = "%d passed, %d failed" % (passed, failed)
    if skipped:
        final += ", %d skipped" % skipped
    print(final)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
