"""Grouped k-fold on the development pairs (issue 10's measurement).

Spins of one original stay in one fold (``_common.grouped_folds``). For each
fold of ``real_pairs_dev.jsonl``:

* **default**: the default table built *without* that fold
  (``scripts/build_default_table.py``), restoring the fold's spun texts;
* **learned**: a table learned from the other folds' pairs over that default.
  That default already holds those pairs, and ``learn`` counts a pair its
  base holds once (``Table.pairs``), so this is the default table itself
  (until session 16 the pairs counted twice: 0.462 at helpful P 0.940, the
  default's counts doubled). A second view asks what a user's *own* pairs
  add, as the hidden check does with pairs the project never saw:
* **without-next**: the default table built without that fold *and* the next
  one (``(k + 1) mod folds``), and **learned-next**: a table learned from the
  next fold's pairs alone over it (pairs the default has never seen).

For ``other_spinners_dev.jsonl`` (grouped folds of its own): a table learned
from the other folds' pairs alone (**other-learned**) and the final default
table (**other-default**), restoring the fold's spun texts.

Reported per fold and pooled: repair, exact P/R/F0.5, helpful-edit precision
(helpful, harmful, neutral edits).

    python benchmarks/grouped_folds.py [--folds 5] [--option NAME=VALUE ...]
"""

from __future__ import annotations

import time

from _common import (
    DATA,
    SHARED,
    fold_args,
    grouped_folds,
    read_jsonl,
    save,
)
from build_default_table import build

import unspin
from unspin.evaluate import score_pairs

_SHOWN = ("repair", "precision", "recall", "f0.5", "helpful_precision")
_COUNTS = ("helpful_edits", "harmful_edits", "neutral_edits", "system_edits", "gold_edits")


def _row(triples: list[tuple[str, str, str]]) -> dict[str, float]:
    m = score_pairs(triples, bootstrap=0).metrics
    return {k: m[k] for k in _SHOWN + _COUNTS}


def report(
    pooled: dict[str, list[tuple[str, str, str]]],
    result: dict[str, object],
    started: float,
    name: str,
) -> None:
    """Score each pooled system into ``result``, print it, and save the
    result as ``benchmarks/results/NAME.json`` with the seconds taken."""
    for system, triples in pooled.items():
        result[system] = _row(triples)
        print(_line(f"pooled {system}", result[system]))  # type: ignore[arg-type]
    result["seconds"] = round(time.perf_counter() - started, 1)
    save(name, result)


def _line(name: str, row: dict[str, float]) -> str:
    return (
        f"{name:<16} repair {row['repair']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}  "
        f"F0.5 {row['f0.5']:.3f}  helpful P {row['helpful_precision']:.3f} "
        f"({row['helpful_edits']:.0f}/{row['harmful_edits']:.0f}/{row['neutral_edits']:.0f})"
    )


def main() -> None:
    n_folds, options, suffix = fold_args(__doc__.split("\n")[0])
    started = time.perf_counter()
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    names = ("default", "learned", "without-next", "learned-next")
    pooled: dict[str, list[tuple[str, str, str]]] = {name: [] for name in names}
    per_fold = []
    folds = grouped_folds(real, n_folds)
    for k, fold in enumerate(folds):
        held = {p["id"] for p in fold}
        default = build(SHARED, exclude_pairs=held)
        train = [(p["spun"], p["clean"]) for p in real if p["id"] not in held]
        learned = unspin.learn(train, base=default)
        following = folds[(k + 1) % len(folds)]
        without = build(SHARED, exclude_pairs=held | {p["id"] for p in following})
        learned_next = unspin.learn([(p["spun"], p["clean"]) for p in following], base=without)
        row: dict[str, object] = {"fold": k, "pairs": len(fold), "default_entries": len(default)}
        tables = (default, learned, without, learned_next)
        for name, table in zip(names, tables, strict=True):
            triples = [
                (p["spun"], p["clean"], unspin.restore(p["spun"], table=table, options=options))
                for p in fold
            ]
            pooled[name].extend(triples)
            row[name] = _row(triples)
            print(_line(f"fold {k} {name}", row[name]))  # type: ignore[arg-type]
        per_fold.append(row)
    other = read_jsonl(DATA / "other_spinners_dev.jsonl")
    final = unspin.Table.default()
    pooled["other-learned"], pooled["other-default"] = [], []
    for fold in grouped_folds(other, n_folds):
        held = {p["id"] for p in fold}
        table = unspin.learn([(p["spun"], p["clean"]) for p in other if p["id"] not in held])
        for p in fold:
            pooled["other-learned"].append(
                (p["spun"], p["clean"], unspin.restore(p["spun"], table=table, options=options))
            )
            pooled["other-default"].append(
                (p["spun"], p["clean"], unspin.restore(p["spun"], table=final, options=options))
            )
    result: dict[str, object] = {
        "folds": n_folds,
        "options": repr(options),
        "per_fold": per_fold,
    }
    print()
    report(pooled, result, started, "grouped_folds" + suffix)


if __name__ == "__main__":
    main()
