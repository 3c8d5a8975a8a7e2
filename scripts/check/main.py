# SPDX-License-Identifier: GPL-2.0-only
"""check.py - contig's test runner (make check).

Runs the suites of suites.SUITES in order (with --build, the build suite
first), counting every individual test case. It prints a summary line per
suite, every failing case by its full name, and finally exactly
"N passed, N failed" (", N skipped" when any). Each boot's console output
is kept in build/check/<name>.log. Exit status: 0 when nothing failed.
"""

import argparse
import os
import sys
import time

from .common import FAIL, PASS, SKIP, Suite
from .proc import clean_make_env
from .selftest import selftest
from .suites import BUILD, SUITES


def run_suite(name, fn, args):
    """Run one suite; a runner bug becomes a failing case, not a crash that
    hides the other suites. Prints its failing (or, verbose, every) case
    and its summary line."""
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
    return s


def main():
    ap = argparse.ArgumentParser(prog="check.py",
                                 description=__doc__.split("\n")[0])
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
    known = {n for n, _ in SUITES} | {BUILD[0]}
    if only - known:
        print("check.py: unknown suite(s) %s; known: %s" %
              (", ".join(sorted(only - known)), ", ".join(sorted(known))))
        return 2

    plan = ([BUILD] if args.build else []) + SUITES
    suites = [run_suite(name, fn, args) for name, fn in plan
              if not only or name in only]

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
