# SPDX-License-Identifier: GPL-2.0-only
"""fuzz: every libFuzzer target build/host/fuzz/NAME_fuzz (tests/fuzz/): its
corpus, regression inputs and seeds replayed, then FUZZ_RUNS mutations
from FUZZ_SEED (deterministic: the same work on every machine).
Needs: make fuzz-build (clang)."""

import os
import re
import shutil

from ..common import FAIL, FAILED_BUILDS, LOGDIR, PASS, ROOT, Suite, binary
from ..proc import describe_status, run, save_log


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
