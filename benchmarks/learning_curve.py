"""Learning curves: edit F0.5 and repair against the number of training pairs.

Tables are learned (from an empty table) on 10 ... 3000 synthetic pairs made
by the ``mythes`` spinner from the BBC training pool; each is tested on the
200 held-out BBC articles spun by the same spinner and by the other one
(``wordnet``, cross-spinner), and on those articles' clean text (false edits).
The naive baseline learns from the same pairs. The default table alone is the
zero-shot point.

    python benchmarks/learning_curve.py [--sizes 10,30,100,300,1000,3000]

Writes benchmarks/results/learning_curve.json and docs/img/learning_curve.png.
"""

from __future__ import annotations

import argparse
import time

from _common import bbc_split, plot_path, require_shared, save, synthetic_pairs

import unspin
from unspin.baselines import make_naive
from unspin.evaluate import false_edits, score_pairs


def evaluate(
    restorer, tests: dict[str, list[tuple[str, str]]], clean: list[str]
) -> dict[str, float]:
    row: dict[str, float] = {}
    for name, pairs in tests.items():
        m = score_pairs([(s, c, restorer(s)) for s, c in pairs], bootstrap=0).metrics
        row.update({f"{name}_{k}": m[k] for k in ("repair", "precision", "recall", "f0.5")})
    row["false_per_10k"] = false_edits(clean, [restorer(c) for c in clean])[2]
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,30,100,300,1000,3000")
    args = parser.parse_args()
    require_shared()
    sizes = [int(x) for x in args.sizes.split(",")]
    pool, test = bbc_split()
    tests = {
        "same": synthetic_pairs(test, len(test), "mythes"),
        "cross": synthetic_pairs(test, len(test), "wordnet"),
    }
    train_all = synthetic_pairs(pool, max(sizes), "mythes")
    rows = []
    default = unspin.Table.default()
    zero = evaluate(lambda t: unspin.restore(t, table=default), tests, test)
    rows.append({"system": "unspin-default", "pairs": 0, **zero})
    print("zero-shot", {k: round(v, 3) for k, v in zero.items()}, flush=True)
    for n in sizes:
        start = time.perf_counter()
        table = unspin.learn(train_all[:n])
        seconds = time.perf_counter() - start
        row = evaluate(lambda t, table=table: unspin.restore(t, table=table), tests, test)
        rows.append(
            {"system": "unspin", "pairs": n, "entries": len(table), "learn_seconds": seconds, **row}
        )
        print(n, "unspin", {k: round(v, 3) for k, v in row.items()}, flush=True)
        naive = evaluate(make_naive(train_all[:n]), tests, test)
        rows.append({"system": "naive", "pairs": n, **naive})
        print(n, "naive", {k: round(v, 3) for k, v in naive.items()}, flush=True)
    save(
        "learning_curve", {"rows": rows, "test_articles": len(test), "version": unspin.__version__}
    )
    plot(rows, sizes)


def plot(rows: list[dict], sizes: list[int]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharex=True)
    for ax, metric in zip(axes, ("f0.5", "repair"), strict=True):
        for system, style in (("unspin", "-"), ("naive", ":")):
            for test, color in (("same", "tab:blue"), ("cross", "tab:orange")):
                pts = [(r["pairs"], r[f"{test}_{metric}"]) for r in rows if r["system"] == system]
                ax.plot(
                    *zip(*pts, strict=True),
                    style,
                    marker="o",
                    color=color,
                    label=f"{system}, {test}-spinner",
                )
        for test, color in (("same", "tab:blue"), ("cross", "tab:orange")):
            zero = next(r for r in rows if r["system"] == "unspin-default")[f"{test}_{metric}"]
            ax.axhline(zero, color=color, alpha=0.4, linestyle="--")
        ax.set_xscale("log")
        ax.set_xlabel("training pairs (mythes spinner)")
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle("Learning curve (dashed: default table, zero-shot)")
    fig.tight_layout()
    fig.savefig(plot_path("learning_curve"), dpi=110)


if __name__ == "__main__":
    main()
