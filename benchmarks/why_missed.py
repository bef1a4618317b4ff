"""What stops restoration where the table knows the swap (grouped folds).

For each grouped fold of ``real_pairs_dev.jsonl`` (as in ``grouped_folds.py``,
the default table built without the fold), every gold one-word swap of the
fold's spun texts (the gold alignment's equal-length replacements, split into
words) is put in one class:

* **restored**: restoration changed that word (to anything);
* **unknown**: no table phrase was weighed there;
* **other original**: the table's phrases there offer other originals only;
* otherwise the first reason :func:`unspin.consider.considered` gives for
  leaving the gold original's candidate as written (the screen, a clean
  document or neighbourhood, quotations, the neighbours' likeliest reading,
  P(swap) below the bar).

Reported pooled, with the commonest swaps of each class.

    python benchmarks/why_missed.py [--folds 5] [--option NAME=VALUE ...]
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict

from _common import (
    DATA,
    fold_args,
    fold_defaults,
    read_jsonl,
    save,
)
from rapidfuzz.distance import Levenshtein

from unspin.consider import considered
from unspin.evaluate import metric_tokens
from unspin.tokenize import tokenize

# A reason without its numbers: "P(swap) 0.82 < 0.85" -> "P(swap) < bar".
_NUMBERS = re.compile(r"\s*[\d.]+\s*<\s*[\d.]+|\s*\(its table evidence[^)]*\)|: P\(spun\)")


def reason(why: str) -> str:
    """The class of a :class:`unspin.consider.Considered` reason.

    >>> reason("P(swap) 0.82 < 0.85; trigram +1.5")
    'P(swap) below the bar'
    """
    first = why.split(";")[0]
    if first.startswith("P(swap)"):
        return "P(swap) below the bar"
    return _NUMBERS.sub("", first).strip()


def gold_swaps(spun: str, clean: str) -> list[tuple[int, str, str]]:
    """``(character offset, spun word, clean word)`` of each one-word swap
    of the gold alignment (case aside)."""
    tokens = tokenize(spun)
    a = [t.lower() for t in metric_tokens(spun)]
    b = [t.lower() for t in metric_tokens(clean)]
    out = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag != "replace" or op.src_end - op.src_start != op.dest_end - op.dest_start:
            continue
        rows = zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True)
        for i, j in rows:
            if a[i].isalpha() and a[i] != b[j]:
                out.append((tokens[i].start, a[i], b[j]))
    return out


def main() -> None:
    n_folds, options, suffix = fold_args(__doc__.split("\n")[0])
    started = time.perf_counter()
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    classes: Counter[str] = Counter()
    examples: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for fold, table in fold_defaults(real, n_folds):
        for pair in fold:
            weighed = considered(pair["spun"], table=table, options=options)
            for start, spun, clean in gold_swaps(pair["spun"], pair["clean"]):
                here = [c for c in weighed if c.start <= start < c.end]
                if any(c.restored for c in here):
                    name = "restored"
                elif not here:
                    name = "unknown"
                else:
                    right = [c for c in here if c.original.lower().split()[0] == clean]
                    if not right:
                        name = "other original"
                    else:
                        name = reason(max(right, key=lambda c: c.probability).why)
                classes[name] += 1
                examples[name][f"{spun} -> {clean}"] += 1
    total = sum(classes.values())
    print(f"gold one-word swaps: {total}")
    for name, n in classes.most_common():
        shown = ", ".join(f"{k} {v}" for k, v in examples[name].most_common(8))
        print(f"  {name}: {n} ({n / total:.1%}): {shown}")
    result = {
        "folds": n_folds,
        "options": repr(options),
        "gold_swaps": total,
        "classes": dict(classes.most_common()),
        "examples": {k: dict(v.most_common(20)) for k, v in examples.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    save("why_missed" + suffix, result)


if __name__ == "__main__":
    main()
