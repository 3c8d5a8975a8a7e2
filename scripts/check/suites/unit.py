# SPDX-License-Identifier: GPL-2.0-only
"""unit: every build/host/unit/*_test (cmocka, TAP output), one per
tests/unit/*_test.c; every TAP result is a case.
Needs: make unit (the build suite's "unit" step)."""

import os

from ..common import FAIL, ROOT, Suite, binary
from ..ktap import parse_tap_flat
from ..proc import describe_status, run, save_log

UNIT_TIMEOUT = int(os.environ.get("CONTIG_UNIT_TIMEOUT", "120"))


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
