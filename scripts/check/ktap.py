# SPDX-License-Identifier: GPL-2.0-only
"""KTAP (nested, the kernel's ktest output) and cmocka's flat TAP, parsed
into Cases; selftest() checks both parsers on fixed texts."""

import re

from .common import FAIL, PASS, SKIP, Case


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


def selftest(expect):
    """Check the parsers on SELFTEST_KTAP, SELFTEST_TAP and an odd KTAP;
    expect(what, got, want) records a mismatch."""
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
