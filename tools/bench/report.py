#!/usr/bin/python3
"""Usage: report.py OUTDIR LOG...

Reads the "dma_fence_bench: <case> <value>" lines of the console logs of
tools/bench.sh (logs named base-N.log and patched-N.log) and writes, in
OUTDIR, bench.txt (the table, also printed), bench.csv and bench.png (bar
chart of the ratios). Values are picoseconds per operation; the table is
in ns/op, or in the unit $BENCH_UNIT names (insn/op: qemu -icount shift=0,
where a guest nanosecond is an instruction). Spread: (max - min) / median over the rounds, the larger of the
two kernels'.
"""
import csv
import os
import re
import statistics
import sys

MEMORY = ("sizeof_dma_fence", "slab_sw_sync_fence")


def read(logs):
    runs = {"base": {}, "patched": {}}
    for path in logs:
        kernel = os.path.basename(path).split("-")[0]
        with open(path, errors="replace") as f:
            for m in re.finditer(r"dma_fence_bench: (\w+) (\d+)", f.read()):
                runs[kernel].setdefault(m.group(1), []).append(int(m.group(2)))
    return runs


def main():
    out, logs = sys.argv[1], sys.argv[2:]
    runs = read(logs)
    names = list(runs["patched"]) + [n for n in runs["base"]
                                     if n not in runs["patched"]]
    rows = []
    for name in names:
        b, p = runs["base"].get(name), runs["patched"].get(name)
        if name in MEMORY:
            rows.append((name, "bytes", b and b[0], p and p[0],
                         b and p and p[0] / b[0], 0.0))
            continue
        bm = b and statistics.median(b) / 1000
        pm = p and statistics.median(p) / 1000
        spread = max([(max(v) - min(v)) / statistics.median(v)
                      for v in (b, p) if v] or [0])
        rows.append((name, os.environ.get("BENCH_UNIT", "ns/op"), bm, pm,
                     bm and pm and pm / bm, spread))

    fmt = lambda v, f: "-" if v is None else f % v
    lines = ["%-34s %7s %10s %10s %7s %7s" %
             ("operation", "unit", "base", "patched", "ratio", "spread")]
    for n, unit, b, p, r, s in rows:
        lines.append("%-34s %7s %10s %10s %7s %6.1f%%" %
                     (n, unit, fmt(b, "%.1f"), fmt(p, "%.1f"),
                      fmt(r, "%.3f"), 100 * s))
    rounds = len([l for l in logs if "patched-" in os.path.basename(l)])
    lines.append("rounds: %d per kernel, alternating" % rounds)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(out, "bench.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "bench.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["operation", "unit", "base", "patched", "ratio",
                    "spread"])
        w.writerows(rows)

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    shared = [(n, r) for n, u, b, p, r, s in rows if r is not None]
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(shared) + 1.5))
    ax.barh([n for n, r in shared], [r for n, r in shared],
            color=["tab:red" if r > 1.05 else "tab:blue" for n, r in shared])
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("patched / base (lower is better)")
    ax.set_title("dma-fence benchmark: %s" % os.path.basename(out.rstrip("/")))
    fig.tight_layout()
    fig.savefig(os.path.join(out, "bench.png"), dpi=100)

    failed = [n for n, u, b, p, r, s in rows
              if u == "ns/op" and p is None and n in runs["base"]]
    if failed:
        sys.exit("cases missing from the patched kernel: " + " ".join(failed))


if __name__ == "__main__":
    main()
