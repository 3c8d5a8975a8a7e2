#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""check.py - contig's test runner (make check).

The runner is the package scripts/check/ (its __init__.py lists the
parts); the suites, each with a docstring saying what it checks and what
it needs, are scripts/check/suites/, listed in order in
scripts/check/suites/__init__.py. Documentation/dev-tools/testing.rst
describes them and how to add one.

It prints a summary line per suite, every failing case by its full name,
and finally exactly "N passed, N failed" (", N skipped" when any). Each
boot's console output is kept in build/check/<name>.log. Exit status: 0
when nothing failed.

Usage: /usr/bin/python3 scripts/check.py [--build] [--jobs N]
           [--only SUITE[,SUITE...]] [--verbose]
       /usr/bin/python3 scripts/check.py --selftest
       (cd scripts && /usr/bin/python3 -m check ...) is the same.
"""

import sys

# sys.path[0] is scripts/: "check" is the package scripts/check/ (a
# package comes before a module of the same name).
from check.main import main

if __name__ == "__main__":
    sys.exit(main())
