"""Source-free detection: ROC AUC of ``detect(text).score``.

* the 200 held-out BBC test articles, clean vs. spun by each spinner;
* real spun text against clean text (issue 10): the spun sides of the real
  pairs (each fold scored with the default table built *without* it, as in
  ``grouped_folds.py``) and the target-family pages of ``spun_only_dev.jsonl``
  (final default table), against the BBC test articles and the clean sides of
  both development files. Beside ``detect``: the screen's score alone
  (:mod:`unspin.screen`) and the trigram model's fluency alone
  (:func:`unspin.lm.fluency`, lower = more spun).

    python benchmarks/detect_roc.py

Writes benchmarks/results/detect_roc.json.
"""

from __future__ import annotations

from _common import (
    DATA,
    bbc_split,
    fold_defaults,
    read_jsonl,
    require_shared,
    save,
    synthetic_pairs,
)

import unspin
from unspin import lm
from unspin.screen import screen_scores
from unspin.tokenize import token_arrays


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties: half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def main() -> None:
    require_shared()
    _, test = bbc_split()
    clean = [unspin.detect(t).score for t in test]
    result: dict[str, dict[str, float]] = {}
    for spinner in ("mythes", "wordnet"):
        spun = [unspin.detect(s).score for s, _ in synthetic_pairs(test, len(test), spinner)]
        result[f"bbc_{spinner}"] = {"auc": auc(spun, clean), "mean_spun": sum(spun) / len(spun)}
    default = unspin.Table.default()
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    other = read_jsonl(DATA / "other_spinners_dev.jsonl")
    spun: list[tuple[str, unspin.Table]] = []
    for fold, table in fold_defaults(real):
        spun += [(p["spun"], table) for p in fold]
    n_sides = len(spun)
    spun += [
        (p["spun"], default)
        for p in read_jsonl(DATA / "spun_only_dev.jsonl")
        if p["family"] == "target"
    ]
    negatives = {
        "bbc_test": [(t, default) for t in test],
        "clean_sides": [(p["clean"], default) for p in real + other],
    }
    scorers = {
        "detect": lambda text, table: unspin.detect(text, table=table).score,
        "screen": lambda text, table: max(screen_scores(text, table)),
        "fluency": lambda text, table: -lm.fluency(token_arrays(text).norms)[0],
    }
    for name, scorer in scorers.items():
        pos = [scorer(text, table) for text, table in spun]
        neg = {k: [scorer(text, table) for text, table in v] for k, v in negatives.items()}
        every = neg["bbc_test"] + neg["clean_sides"]
        result[f"real_{name}"] = {
            "auc": auc(pos, every),
            "auc_spun_sides": auc(pos[:n_sides], every),
            "auc_spun_only": auc(pos[n_sides:], every),
            "auc_vs_bbc": auc(pos, neg["bbc_test"]),
            "auc_vs_clean_sides": auc(pos, neg["clean_sides"]),
            "spun_texts": len(pos),
            "clean_texts": len(every),
        }
    result["clean"] = {
        "mean": sum(clean) / len(clean),
        "share_zero": sum(c == 0 for c in clean) / len(clean),
    }
    for name, row in result.items():
        print(name, {k: round(v, 3) for k, v in row.items()})
    save("detect_roc", {"results": result, "table_sha256": unspin.Table.default().sha256})


if __name__ == "__main__":
    main()
