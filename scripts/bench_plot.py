#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench_plot.py ARCH - plot the benchmarks' per-carve samples (make bench,
make bench-qemu; scripts/bench.sh runs it after the boots).

Reads the console logs scripts/bench.sh keeps in build/ARCH/:
  bench.log           SAMPLE bench=carve lines (app/bench.c): one per
                      carve of the carve benchmark, latency and pages
                      migrated and discarded
  bench-smp.log       SAMPLE bench=alone|writers: the SMP benchmark's
                      carves with the other CPUs idle, and writing
  bench-coherent.log  "bench: coherent round R attempt N: ... ms, P pages
                      migrated" and "... exhausted attempt N: ...": every
                      dma_alloc_coherent() of the coherent benchmark
and writes two PNG plots (matplotlib, Debian's python3-matplotlib):
  build/ARCH/bench-migrated.png  per-carve latency against pages migrated
  build/ARCH/bench-latency.png   the latency distribution per phase (box
                                 plot with every sample over it)
with one line for each, beside the benchmarks' RESULT lines. A missing
log is left out; no samples at all, or no matplotlib, is said in one line
and exits 1 (bench.sh goes on: the RESULT lines are the benchmark).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Phase: (label, short label for the box plot, colour), in plot order.
PHASES = [
    ("carve", "carve bench (4 MiB, region 90% full)", "carve bench", "tab:blue"),
    ("alone", "smp: carves, other CPUs idle", "smp: alone", "tab:green"),
    ("writers", "smp: carves while CPUs write", "smp: writers", "tab:olive"),
    ("coherent", "coherent: dma_alloc_coherent()", "coherent:\nmigrating", "tab:purple"),
    ("coherent-nomig", "coherent: nothing to migrate", "coherent:\nnothing to move",
     "tab:pink"),
    ("exhausted", "coherent: no targets (fails)", "coherent:\nexhausted", "tab:red"),
]


def samples(logdir):
    """{phase: [(ms, migrated)]} from the logs in @logdir."""
    out = {p[0]: [] for p in PHASES}
    for name in ("bench.log", "bench-smp.log"):
        try:
            with open(os.path.join(logdir, name), errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        for m in re.finditer(r"^SAMPLE bench=(\w+) n=\d+ ms=([\d.]+) migrated=(\d+)", text, re.M):
            out.setdefault(m.group(1), []).append((float(m.group(2)), int(m.group(3))))
    try:
        with open(os.path.join(logdir, "bench-coherent.log"), errors="replace") as f:
            text = f.read()
    except OSError:
        text = ""
    for m in re.finditer(r"^bench: coherent round \d+ attempt +\d+: ok +([\d.]+) ms, (\d+) pages "
                         r"migrated", text, re.M):
        mig = int(m.group(2))
        out["coherent" if mig else "coherent-nomig"].append((float(m.group(1)), mig))
    for m in re.finditer(r"^bench: coherent exhausted attempt +\d+: failed ([\d.]+) ms, (\d+) "
                         r"pages migrated", text, re.M):
        out["exhausted"].append((float(m.group(1)), int(m.group(2))))
    return out


def results(logdir):
    """The RESULT lines of the logs, for the plots' subtitles."""
    lines = []
    for name in ("bench.log", "bench-smp.log", "bench-coherent.log"):
        try:
            with open(os.path.join(logdir, name), errors="replace") as f:
                lines += [l.strip() for l in f if l.startswith("RESULT")]
        except OSError:
            pass
    return lines


def main(argv):
    arch = argv[1] if len(argv) > 1 else "host"
    logdir = os.path.join(ROOT, "build", arch)
    data = samples(logdir)
    n = sum(len(v) for v in data.values())
    if not n:
        print("plot: no per-carve samples in %s/bench*.log: run the benchmarks first"
              % os.path.relpath(logdir, ROOT))
        return 1
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot: skipped: no matplotlib for /usr/bin/python3 (Debian's python3-matplotlib;"
              " scripts/install-deps.sh host installs it)")
        return 1
    where = "QEMU vexpress-a9 (TCG; coherent under -icount)" if arch == "arm" else \
        "hosted kernel"
    used = [p for p in PHASES if data.get(p[0])]
    if arch == "arm":
        # The coherent boot counts instructions (1 ns each), the others run
        # on TCG's wall clock: say which clock each series is on.
        used = [(k, l + clock, sh + clock, c) for k, l, sh, c in used
                for clock in [" [icount]" if k in ("coherent", "coherent-nomig", "exhausted")
                              else " [TCG]"]]

    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    for key, label, _, colour in used:
        xs = [m for _, m in data[key]]
        ys = [ms for ms, _ in data[key]]
        ax.scatter(xs, ys, s=14, alpha=0.7, color=colour, label="%s (%d)" % (label, len(xs)))
    ax.set_xlabel("pages migrated by the carve")
    ax.set_ylabel("carve latency (ms, log scale)")
    ax.set_yscale("log")
    ax.set_title("contig: per-carve latency against pages migrated, %s" % where, fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    out1 = os.path.join(logdir, "bench-migrated.png")
    fig.tight_layout()
    fig.savefig(out1)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    vals = [[ms for ms, _ in data[p[0]]] for p in used]
    ax.boxplot(vals, vert=True, showfliers=False, widths=0.5)
    for i, (p, v) in enumerate(zip(used, vals)):
        # Every sample, spread sideways by its rank so equal values show.
        xs = [i + 1 + 0.3 * ((j % 7) / 6.0 - 0.5) for j in range(len(v))]
        ax.scatter(xs, v, s=8, alpha=0.6, color=p[3])
    ax.set_xticks(range(1, len(used) + 1))
    ax.set_xticklabels(["%s\n(%d)" % (p[2].replace(" [", "\n[", 1), len(v))
                        for p, v in zip(used, vals)], fontsize=7)
    ax.set_ylabel("latency (ms)")
    if max(max(v) for v in vals) > 20 * max(min(v) for v in vals if v) > 0:
        ax.set_yscale("log")
    ax.set_title("contig: carve latency per phase, %s" % where, fontsize=10)
    ax.grid(True, axis="y", alpha=0.3)
    out2 = os.path.join(logdir, "bench-latency.png")
    fig.tight_layout()
    fig.savefig(out2)
    plt.close(fig)
    for path, what in ((out1, "latency against pages migrated"),
                       (out2, "latency distribution per phase")):
        print("PLOT %s: %s, %d samples" % (os.path.relpath(path, ROOT), what, n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
