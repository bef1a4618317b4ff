"""Source-free detection: ROC AUC of ``detect(text).score`` (default table).

* the 200 held-out BBC test articles, clean vs. spun by each spinner;
* the real spun pages of ``../shared/data/spun_only_dev.jsonl`` (and the
  spun sides of the real pairs) vs. the clean test articles.

    python benchmarks/detect_roc.py

Writes benchmarks/results/detect_roc.json.
"""

from __future__ import annotations

from _common import DATA, bbc_split, read_jsonl, require_shared, save, synthetic_pairs

import unspin


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
    real = [p["spun"] for p in read_jsonl(DATA / "spun_only_dev.jsonl")]
    real += [p["spun"] for p in read_jsonl(DATA / "real_pairs_dev.jsonl")]
    real_scores = [unspin.detect(t).score for t in real]
    result["real_spun_pages"] = {
        "auc": auc(real_scores, clean),
        "mean_spun": sum(real_scores) / len(real_scores),
        "pages": len(real),
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
