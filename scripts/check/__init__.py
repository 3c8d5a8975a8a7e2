# SPDX-License-Identifier: GPL-2.0-only
"""contig's test runner (make check), run as scripts/check.py.

  main.py     options, the suites in order, the summary and the final line
  suites/     one module per suite, and the list of them (suites/__init__.py)
  common.py   paths, Case and Suite, the builds that failed in this run
  proc.py     running a command (timeout, output, logs), Console
  ktap.py     the KTAP and TAP parsers and their self-test
  cases.py    the two case grammars (tests/boot/cases.txt, tests/boot/uboot/*.env)
  judge.py    a boot's output into cases (KTAP, health, expect/forbid/exit)
  qemu.py     QEMU via scripts/qemu-arm.sh, U-Boot's console status, QMP, QemuShell
  screen.py   screendumps against the expected picture, the frames file
  selftest.py every part's self-test (check.py --selftest)
"""
