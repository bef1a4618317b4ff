"""How sure a remembered context makes a swap: the measurement behind
``unspin.hits.MEMORY``, ``HALF_MEMORY`` and ``WORD_MEMORY``.

For every table hit on the development pairs' held-out spun pages, the memory
it would get (the table saw this swap between the same two tokens either
side, beside the same two on one side, beside the same one token, or none of
them) against what the page's gold alignment shows there: restoring the hit
brings the tokens over the gold edits it touches closer to the clean text's
("right": a helpful edit), it touches gold edits but does not ("other"), or
it touches none ("kept"). Two protocols:

* **across articles**: the grouped 5 folds, each fold's pages against the
  default table built without the fold, remembering one-token contexts too
  (spins of one article never on both sides);
* **learned**: ``learned_loo.py``'s protocol, each pair against a table
  learned from the other "unseen" pairs over a default built without them
  (other spins of the same article among them, as in the hidden check).

Printed per memory level: hits, the share right, and the log-odds of right
against the rest, beside those of the hits whose key has contexts but none
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
from unspin.evaluate import edit_set, metric_tokens
from unspin.hits import Doc, find_hits
from unspin.table import Table, context_signatures

LEVELS = ("no context", "no match", "one token", "two tokens", "both sides")


def _level(table: Table, doc: Doc, hit: Any) -> str:
    seen = table.contexts().get(hit.key)
    if not seen:
        return "no context"
    both, left, right, word_left, word_right = context_signatures(
        doc.norms, hit.start, hit.end, hit.original
    )
    if both in seen:
        return "both sides"
    if left in seen or right in seen:
        return "two tokens"
    if word_left in seen or word_right in seen:
        return "one token"
    return "no match"


def _count(counts: Counter[tuple[str, str]], spun: str, clean: str, table: Table) -> None:
    doc = Doc(spun)  # the same tokens as metric_tokens(spun), quotes unfolded
    tokens = [t.lower() for t in metric_tokens(spun)]
    gold = sorted(edit_set(metric_tokens(spun), metric_tokens(clean)))
    for hits in find_hits(doc, table).values():
        for hit in hits:
            near = [
                (a, b, w)
                for a, b, w in gold
                if (a < hit.end and hit.start < b) or a == b == hit.start
            ]
            if not near:
                outcome = "kept"
            else:
                # The window the hit and its gold edits cover, restored both ways.
                lo, hi = min(hit.start, near[0][0]), max(hit.end, max(b for _, b, _ in near))
                by_gold, pos = [], lo
                for a, b, words in near:
                    by_gold += tokens[pos:a] + [w.lower() for w in words]
                    pos = b
                by_gold += tokens[pos:hi]
                by_hit = (
                    tokens[lo : hit.start] + hit.original.lower().split() + tokens[hit.end : hi]
                )
                closer = _distance(by_hit, by_gold) < _distance(tokens[lo:hi], by_gold)
                outcome = "right" if closer else "other"
            counts[_level(table, doc, hit), outcome] += 1


def _distance(a: list[str], b: list[str]) -> int:
    """Token edit distance (Levenshtein) of two short token lists."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _report(name: str, counts: Counter[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    print(name)
    for level in LEVELS:
        right, other, kept = (counts[level, x] for x in ("right", "other", "kept"))
        total = right + other + kept
        if not total:
            continue
        logodds = math.log((right + 0.5) / (other + kept + 0.5))
        out[level] = {
            "hits": total,
            "right": right,
            "other": other,
            "kept": kept,
            "log_odds": round(logodds, 3),
        }
        print(
            f"  {level:11s} {total:5d} hits  right {right / total:.3f}  other {other / total:.3f}"
            f"  kept {kept / total:.3f}  log-odds {logodds:+.2f}"
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
