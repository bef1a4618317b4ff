"""Speed and memory against table size and training-set size.

* ``restore`` MB/s and peak memory (RSS) with tables of 1k, 10k, 100k and 1M
  entries, each size in its own process. Up to the size of the learned table
  the entries are real (learned from synthetic ``mythes`` pairs, the most
  frequently seen first); beyond it, filler entries with keys of two or three
  random dictionary words (zipf 2-4) and a random original, so the dict, the
  prefix index and the memory grow while the hit rate stays that of real
  spun text. Documents: 200 held-out BBC articles spun by ``mythes``.
* ``learn`` pairs/s and peak memory for 100, 300 and 1000 pairs.

    python benchmarks/scaling.py

Writes benchmarks/results/scaling.json and docs/img/scaling.png.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import bbc_split, plot_path, require_shared, save, synthetic_pairs

import unspin

SIZES = (1_000, 10_000, 100_000, 1_000_000)
LEARN_SIZES = (100, 300, 1000)
LEARNED_PAIRS = 1000


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_table(size: int, learned: unspin.Table) -> unspin.Table:
    keys = sorted(learned, key=lambda k: (-(learned.entry(k).swaps), k))  # type: ignore[union-attr]
    table = unspin.Table()
    for key in keys[:size]:
        entry = learned.entry(key)
        assert entry is not None
        for original, count in entry.originals.items():
            table.add(key, original, count)
        if entry.kept:
            table.add_kept(key, entry.kept)
    if len(table) < size:
        from wordfreq import get_frequency_dict

        words = [w for w, f in get_frequency_dict("en").items() if 1e-8 < f < 1e-6 and w.isalpha()]
        rng = random.Random(size)
        while len(table) < size:
            key = " ".join(rng.choice(words) for _ in range(rng.choice((2, 3))))
            table.add(key, rng.choice(words), rng.randint(1, 5))
    return table


def child_restore(size: int) -> dict[str, float]:
    pool, test = bbc_split()
    learned = unspin.learn(synthetic_pairs(pool, LEARNED_PAIRS, "mythes"))
    docs = [s for s, _ in synthetic_pairs(test, len(test), "mythes")]
    rss_before = _rss_mb()
    start = time.perf_counter()
    table = make_table(size, learned)
    build = time.perf_counter() - start
    unspin.restore(docs[0], table=table)  # indexes and context data, outside the timing
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        for d in docs:
            unspin.restore(d, table=table)
        best = min(best, time.perf_counter() - start)
    return {
        "entries": len(table),
        "real_entries": min(size, len(learned)),
        "build_seconds": build,
        "restore_mb_s": megabytes / best,
        "peak_rss_mb": _rss_mb(),
        "rss_before_table_mb": rss_before,
    }


def child_learn(n: int) -> dict[str, float]:
    pool, _ = bbc_split()
    pairs = synthetic_pairs(pool, n, "mythes")
    rss_before = _rss_mb()
    start = time.perf_counter()
    table = unspin.learn(pairs)
    seconds = time.perf_counter() - start
    return {
        "pairs": n,
        "entries": len(table),
        "seconds": seconds,
        "pairs_per_s": n / seconds,
        "megabytes_per_s": sum(len(s.encode()) + len(c.encode()) for s, c in pairs) / 1e6 / seconds,
        "peak_rss_mb": _rss_mb(),
        "rss_before_learn_mb": rss_before,
    }


def run_child(kind: str, n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    require_shared()
    if args.child:
        kind, n = args.child
        result = child_restore(int(n)) if kind == "restore" else child_learn(int(n))
        print(json.dumps(result))
        return
    restore_rows = []
    for size in SIZES:
        restore_rows.append(row := run_child("restore", size))
        print("restore", row, flush=True)
    learn_rows = []
    for n in LEARN_SIZES:
        learn_rows.append(row := run_child("learn", n))
        print("learn", row, flush=True)
    save("scaling", {"restore": restore_rows, "learn": learn_rows, "version": unspin.__version__})
    plot(restore_rows, learn_rows)


def plot(restore_rows: list[dict], learn_rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    x = [r["entries"] for r in restore_rows]
    axes[0].plot(x, [r["restore_mb_s"] for r in restore_rows], marker="o")
    axes[0].set(xscale="log", xlabel="table entries", ylabel="restore MB/s", ylim=(0, None))
    axes[1].plot(x, [r["peak_rss_mb"] for r in restore_rows], marker="o")
    axes[1].set(xscale="log", xlabel="table entries", ylabel="peak RSS (MB)", ylim=(0, None))
    axes[2].plot([r["pairs"] for r in learn_rows], [r["seconds"] for r in learn_rows], marker="o")
    axes[2].set(xlabel="training pairs", ylabel="learn seconds", ylim=(0, None), xlim=(0, None))
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(plot_path("scaling"), dpi=110)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
