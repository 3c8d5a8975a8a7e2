# SPDX-License-Identifier: GPL-2.0-only
"""ktest, ktest-asan, ktest-tsan: the hosted kernel with ktest=all (KTAP),
plain (build/host/contig), under ASan+UBSan (build/host-asan/contig) and
under TSan (build/host-tsan/contig, in setarch -R). Every KTAP result is
a case; a crash, hang, sanitizer report or tally mismatch fails.
Needs: make ARCH=host [SAN=asan|tsan]."""

from ..common import Suite
from ..judge import ktest_boot
from ..proc import SAN_ENV, tsan_wrapper


def suite_ktest(args):
    s = Suite("ktest")
    ktest_boot(s, "ktest", "build/host/contig", "ktest=all")
    return s


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
