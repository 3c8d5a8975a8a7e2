# SPDX-License-Identifier: GPL-2.0-only
"""The runner's self-test: each parser's own selftest(expect) on fixed
texts (check.py --selftest, make ktap-selftest, and the lint suite's
lint.ktap_parser_selftest case)."""

from . import cases, ktap, qemu


def selftest(quiet=False):
    """Run every part's self-test; returns the list of mismatches, printed
    (with a verdict line) unless @quiet."""
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append("%s: got %r, want %r" % (what, got, want))

    for part in (ktap, cases, qemu):
        part.selftest(expect)

    if not quiet:
        for e in errors:
            print("selftest: " + e)
        print("selftest: %s" % ("FAILED" if errors else "ok"))
    return errors
