# SPDX-License-Identifier: GPL-2.0-only
"""build (with --build): make dtbs, host, host-asan, host-tsan, unit,
fuzz-build, make ARCH=arm (build/arm/Image), make uboot-disks and make
frames, each a case. A build that fails goes into FAILED_BUILDS: the
suites then do not use its (possibly stale) outputs.
Needs: the host and arm package sets of scripts/install-deps.sh."""

import os
import sys
import time

from ..common import FAIL, FAILED_BUILDS, PASS, ROOT, SKIP, Suite
from ..proc import describe_status, progress, run, save_log, sub_make_env

BUILD_TIMEOUT = int(os.environ.get("CONTIG_BUILD_TIMEOUT", "1800"))


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
