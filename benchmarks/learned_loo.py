"""The learned-table measurement as the hidden check makes it, on the development pairs.

Issue 10 measures "a table learned from the 42 other real pairs, over the
default" by leave-one-out on pairs the default table never saw (spins of one
original may then teach each other, as they will there). Here each rotation
``k`` of the grouped 5 folds plays that role: folds ``k`` and ``k + 1`` are
the "unseen" pairs (about 30), the default table is built from the other
three folds, and each pair of fold ``k`` is restored

* with that default table alone (**default**), and
* with a table learned from every other unseen pair over it (**learned-loo**).

Every development pair is restored once. Reported pooled: repair, exact
P/R/F0.5, helpful-edit precision (helpful, harmful, neutral edits).

    python benchmarks/learned_loo.py [--option NAME=VALUE ...]

Writes benchmarks/results/learned_loo.json.
"""

from __future__ import annotations

import argparse
import time

from _common import (
    DATA,
    SHARED,
    grouped_folds,
    option_args,
    options_from,
    read_jsonl,
    require_shared,
)
from build_default_table import build
from grouped_folds import report

import unspin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    option_args(parser)
    args = parser.parse_args()
    options, suffix = options_from(args)
    require_shared()
    started = time.perf_counter()
    folds = grouped_folds(read_jsonl(DATA / "real_pairs_dev.jsonl"), 5)
    pooled: dict[str, list[tuple[str, str, str]]] = {"default": [], "learned-loo": []}
    for k, fold in enumerate(folds):
        unseen = fold + folds[(k + 1) % len(folds)]
        default = build(SHARED, exclude_pairs={p["id"] for p in unseen})
        for pair in fold:
            others = [(q["spun"], q["clean"]) for q in unseen if q["id"] != pair["id"]]
            learned = unspin.learn(others, base=default)
            for name, table in (("default", default), ("learned-loo", learned)):
                restored = unspin.restore(pair["spun"], table=table, options=options)
                pooled[name].append((pair["spun"], pair["clean"], restored))
        print(
            f"rotation {k}: {len(fold)} pairs restored, {len(unseen) - 1} learned from", flush=True
        )
    result: dict[str, object] = {"options": repr(options), "folds": len(folds)}
    report(pooled, result, started, "learned_loo" + suffix)


if __name__ == "__main__":
    main()
