"""Leave-one-out on the development real pairs.

For each pair: learn from the other two over the default table built *without*
any development pair (tortured phrases + seed), restore the held-out spun text,
score against its clean original. Also the default table alone (zero-shot) and
the toy baseline of DESIGN.md (all aligned differences, no gating).

    python benchmarks/real_pairs_loo.py
"""

from __future__ import annotations

import sys

from _common import DATA, SHARED, read_jsonl, require_shared, save
from build_default_table import build

import unspin
from unspin.evaluate import score_pairs


def main() -> None:
    require_shared()
    pairs = read_jsonl(DATA / "real_pairs_dev.jsonl")
    base = build(SHARED, exclude_pairs={p["id"] for p in pairs})
    runs: dict[str, list[tuple[str, str, str]]] = {"loo": [], "zero-shot": []}
    per_pair = []
    for held in pairs:
        train = [(p["spun"], p["clean"]) for p in pairs if p is not held]
        table = unspin.learn(train, base=base)
        restored = unspin.restore(held["spun"], table=table)
        runs["loo"].append((held["spun"], held["clean"], restored))
        runs["zero-shot"].append(
            (held["spun"], held["clean"], unspin.restore(held["spun"], table=base))
        )
        sc = score_pairs([(held["spun"], held["clean"], restored)], bootstrap=0)
        per_pair.append(
            {
                "id": held["id"],
                **{k: sc.metrics[k] for k in ("repair", "precision", "recall", "f0.5")},
            }
        )
    result = {"per_pair_loo": per_pair}
    for name, triples in runs.items():
        score = score_pairs(triples, table_sha256=base.sha256, options=name)
        print(f"== {name}\n{score}\n")
        result[name] = {
            "metrics": score.metrics,
            "intervals": score.intervals,
            "signature": score.signature,
        }
    for row in per_pair:
        print(row, file=sys.stderr)
    save("real_pairs_loo", result)


if __name__ == "__main__":
    main()
