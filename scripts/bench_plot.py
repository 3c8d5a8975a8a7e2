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
  bench-latency.log   SAMPLE bench=latency policy=P kib=K ms=M
                      (app/bench_latency.c): every carve of the latency
                      benchmark, by borrowing policy and ready reserve
and writes PNG plots (matplotlib, Debian's python3-matplotlib):
  build/ARCH/bench-migrated.png  per-carve latency against pages migrated
  build/ARCH/bench-latency.png   the latency distribution per phase (box
                                 plot with every sample over it)
  build/ARCH/bench-policy.png    the latency distribution per borrowing
                                 policy, one panel per carve size
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


POLICIES = ["idle", "movable", "clean", "none", "movable+ready", "clean+ready"]


def policy_samples(logdir):
    """{carve KiB: {policy: [ms]}} from bench-latency.log in @logdir."""
    out = {}
    try:
        with open(os.path.join(logdir, "bench-latency.log"), errors="replace") as f:
            text = f.read()
    except OSError:
        return out
    for m in re.finditer(r"^SAMPLE bench=latency policy=(\S+) kib=(\d+) ms=([\d.]+)", text, re.M):
        out.setdefault(int(m.group(2)), {}).setdefault(m.group(1), []).append(float(m.group(3)))
    return out


def plot_policies(plt, data, path, where):
    """One panel per carve size: each policy's samples, box and points."""
    sizes = sorted(data)
    fig, axes = plt.subplots(1, len(sizes), figsize=(4 * len(sizes), 4.5), dpi=100,
                             squeeze=False)
    for ax, kib in zip(axes[0], sizes):
        used = [p for p in POLICIES if data[kib].get(p)]
        vals = [data[kib][p] for p in used]
        ax.boxplot(vals, vert=True, showfliers=False, widths=0.5)
        for i, v in enumerate(vals):
            xs = [i + 1 + 0.3 * ((j % 5) / 4.0 - 0.5) for j in range(len(v))]
            ax.scatter(xs, v, s=10, alpha=0.7)
        ax.set_xticks(range(1, len(used) + 1))
        ax.set_xticklabels([p.replace("+", "\n+") for p in used], fontsize=7)
        ax.set_title("%s carve" % ("1 page" if kib == 4 else "%d MiB" % (kib // 1024)),
                     fontsize=9)
        ax.set_ylim(bottom=0)
        ax.grid(True, axis="y", alpha=0.3)
    axes[0][0].set_ylabel("latency (ms)")
    fig.suptitle("contig: carve latency per borrowing policy (region 95%% borrowed), %s"
                 % where, fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


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
    pol = policy_samples(logdir)
    if not n and not pol:
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
    plots = []
    if pol:
        out3 = os.path.join(logdir, "bench-policy.png")
        plot_policies(plt, pol, out3, "QEMU vexpress-a9 -icount" if arch == "arm"
                      else "hosted kernel")
        plots.append((out3, "latency distribution per borrowing policy",
                      sum(len(v) for d in pol.values() for v in d.values())))
    if not n:
        for path, what, k in plots:
            print("PLOT %s: %s, %d samples" % (os.path.relpath(path, ROOT), what, k))
        return 0
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
    plots = [(out1, "latency against pages migrated", n),
             (out2, "latency distribution per phase", n)] + plots
    for path, what, k in plots:
        print("PLOT %s: %s, %d samples" % (os.path.relpath(path, ROOT), what, k))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
