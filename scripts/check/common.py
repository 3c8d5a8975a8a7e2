# SPDX-License-Identifier: GPL-2.0-only
"""What every part of the runner shares: the tree's paths, the result of a
case and of a suite, and the builds that failed in this run (whose stale
outputs are not used)."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
LOGDIR = os.path.join(ROOT, "build", "check")


PASS, FAIL, SKIP = "pass", "fail", "skip"


class Case:
    def __init__(self, name, status, detail=""):
        self.name = name
        self.status = status
        self.detail = detail


class Suite:
    def __init__(self, name):
        self.name = name
        self.cases = []
        self.seconds = 0.0

    def add(self, name, status, detail=""):
        self.cases.append(Case(name, status, detail))

    def count(self, status):
        return sum(1 for c in self.cases if c.status == status)


# Builds that failed (or were skipped) in this run: their possibly stale
# binaries and files are not used.
FAILED_BUILDS = set()
BUILD_OF = {"build/host/contig": "host", "build/host-asan/contig": "host-asan",
            "build/host-tsan/contig": "host-tsan", "build/arm/Image": "arm"}
UBOOT_DIR = "build/arm/uboot"


def binary(rel, executable=True):
    """The path of the build output @rel (relative to the tree), or None
    when it is missing, or when the build that makes it failed in this run
    (a stale file would be tested instead of the code)."""
    if BUILD_OF.get(rel) in FAILED_BUILDS:
        return None
    if rel.startswith(UBOOT_DIR + "/") and FAILED_BUILDS & {"arm", "uboot"}:
        return None
    path = os.path.join(ROOT, rel)
    if executable:
        return path if os.access(path, os.X_OK) else None
    return path if os.path.isfile(path) else None
