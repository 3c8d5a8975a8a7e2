# SPDX-License-Identifier: GPL-2.0-only
"""Turning a boot's output into cases: its KTAP (judge_ktap), its health
(hang, crash, sanitizer, exit status), a boot case's expect/forbid/exit
(judge_boot_case), scripted shell sessions, and boots run in parallel."""

import concurrent.futures
import re
import subprocess

from .common import FAIL, PASS, SKIP, ROOT, binary
from .ktap import parse_ktap
from .proc import (BOOT_TIMEOUT, CASE_TIMEOUT, SANITIZER_RE, describe_status,
                   run, save_log)
from .qemu import QEMU_JOBS, QEMU_TIMEOUT


def add_verdict(s, name, problems, out, log):
    """Add case @name: FAIL with @problems and a sanitizer report in @out, else PASS."""
    m = SANITIZER_RE.search(out)
    if m:
        problems.append(out[m.start():].splitlines()[0])
    if problems:
        s.add(name, FAIL, "; ".join(problems) + " (see %s)" % log)
    else:
        s.add(name, PASS)


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
    add_verdict(s, name, problems, out, log)
    if "ktest=" in c["append"]:
        judge_ktap(s, name, status, out, timed_out, timeout, log)


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
    add_verdict(s, name, problems, out, log)


def boot_cases_in_parallel(s, prefix, cases, boot):
    """Run boot(case) for every case, QEMU_JOBS at a time, and judge each
    into @s as prefix + name. boot() returns (case, (cmd, status, output,
    timed_out), None), or (case, None, error) when it could not boot."""
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
