"""How sure a remembered context makes a swap: the measurement behind
``unspin.hits.MEMORY``, ``HALF_MEMORY`` and ``WORD_MEMORY``.

For every table hit on the development pairs' held-out spun pages, the memory
it would get (the table saw this swap between the same two tokens either
side, beside the same two on one side, beside the same one token, or none of
them, as ``unspin.hits.memory`` finds it) against what restoring that hit
alone would do, judged as the helpful-edit metric judges an edit
(``unspin.evaluate.edit_effects``: it brings the page's tokens closer to the
clean side, further, or neither). Two protocols:

* **across articles**: the grouped 5 folds, each fold's pages against the
  default table built without the fold, remembering one-token contexts too
  (spins of one article never on both sides);
* **learned**: ``learned_loo.py``'s protocol, each pair against a table
  learned from the other "unseen" pairs over a default built without them
  (other spins of the same article among them, as in the hidden check).

Printed per memory level: hits, the shares helpful, harmful and neutral, and
the log-odds of helpful against the rest, beside those of the hits whose key has contexts but none
matches (the difference is what the memory is worth as prior).

    python benchmarks/context_memory.py

Writes benchmarks/results/context_memory.json.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Any

from _common import DATA, SHARED, grouped_folds, read_jsonl, require_shared, save
from build_default_table import build

import unspin
from unspin.evaluate import edit_effects, metric_tokens
from unspin.hits import HALF_MEMORY, MEMORY, WORD_MEMORY, Doc, Hit, find_hits, memory
from unspin.table import Table

LEVELS = ("no context", "no match", "one token", "two tokens", "both sides")


def _level(table: Table, doc: Doc, hit: Hit) -> str:
    seen = table.contexts().get(hit.key)
    if not seen:
        return "no context"
    found = memory(seen, doc.norms, hit.start, hit.end, hit.original)
    return _LEVEL_OF[found]


_LEVEL_OF = {
    0.0: "no match",
    WORD_MEMORY: "one token",
    HALF_MEMORY: "two tokens",
    MEMORY: "both sides",
}


def _count(counts: Counter[tuple[str, str]], spun: str, clean: str, table: Table) -> None:
    """Each hit restored alone, judged as the helpful-edit metric judges an
    edit (:func:`unspin.evaluate.edit_effects`)."""
    doc = Doc(spun)  # the same tokens as metric_tokens(spun)
    source = [t.lower() for t in metric_tokens(spun)]
    target = [t.lower() for t in metric_tokens(clean)]
    for hits in find_hits(doc, table).values():
        for hit in hits:
            edit = (hit.start, hit.end, tuple(metric_tokens(hit.original.lower())))
            helpful, harmful, _ = edit_effects(source, target, [edit])
            outcome = "helpful" if helpful else "harmful" if harmful else "neutral"
            counts[_level(table, doc, hit), outcome] += 1


def _report(name: str, counts: Counter[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    print(name)
    for level in LEVELS:
        helpful, harmful, neutral = (counts[level, x] for x in ("helpful", "harmful", "neutral"))
        total = helpful + harmful + neutral
        if not total:
            continue
        logodds = math.log((helpful + 0.5) / (harmful + neutral + 0.5))
        out[level] = {
            "hits": total,
            "helpful": helpful,
            "harmful": harmful,
            "neutral": neutral,
            "log_odds": round(logodds, 3),
        }
        print(
            f"  {level:11s} {total:5d} hits  helpful {helpful / total:.3f}"
            f"  harmful {harmful / total:.3f}  neutral {neutral / total:.3f}"
            f"  log-odds {logodds:+.2f}"
        )
    return out


def main() -> None:
    require_shared()
    started = time.perf_counter()
    pairs = read_jsonl(DATA / "real_pairs_dev.jsonl")
    folds = grouped_folds(pairs, 5)
    across: Counter[tuple[str, str]] = Counter()
    for fold in folds:
        # One-token contexts too (the shipped table keeps two-token ones only).
        table = build(SHARED, exclude_pairs={p["id"] for p in fold}, contexts=1)
        for pair in fold:
            _count(across, pair["spun"], pair["clean"], table)
    learned: Counter[tuple[str, str]] = Counter()
    for k, fold in enumerate(folds):
        unseen = fold + folds[(k + 1) % len(folds)]
        default = build(SHARED, exclude_pairs={p["id"] for p in unseen})
        for pair in fold:
            others = [(q["spun"], q["clean"]) for q in unseen if q["id"] != pair["id"]]
            _count(learned, pair["spun"], pair["clean"], unspin.learn(others, base=default))
    result = {
        "across_articles": _report("across articles (grouped folds, default tables)", across),
        "learned": _report("learned (learned_loo's protocol)", learned),
        "seconds": round(time.perf_counter() - started, 1),
    }
    save("context_memory", result)


if __name__ == "__main__":
    main()
