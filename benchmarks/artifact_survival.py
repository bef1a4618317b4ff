"""Artifact survival on real spun pages without originals.

Known spinner artifacts are the spun phrases of the swaps learned from the
development real pairs (``../shared/data/real_pairs_dev.jsonl``) plus the
family's documented habits (``../shared/data/README.md``). On the real spun
pages of ``spun_only_dev.jsonl`` we count how many of their occurrences
survive ``restore`` with the default table, and whether the two independent
spins of the same BBC article restore to texts closer to each other (token
Levenshtein distance) than the spins were.

    python benchmarks/artifact_survival.py

Writes benchmarks/results/artifact_survival.json.
"""

from __future__ import annotations

import re

from _common import DATA, read_jsonl, require_shared, save
from rapidfuzz.distance import Levenshtein

import unspin
from unspin.evaluate import metric_tokens
from unspin.tokenize import normalize

HABITS = [
    "was once",
    "the place",
    "if truth be told",
    "birthday party",
    "imaginative and prescient",
    "capable of",
    "would possibly",
    "usually've",
    "supply hyperlink",
]


def count(phrases: set[str], text: str) -> int:
    norm = " ".join(normalize(t) for t in metric_tokens(text))
    return sum(len(re.findall(rf"(?<![\w']){re.escape(p)}(?![\w'])", norm)) for p in phrases)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.parse_args()
    options = unspin.Options()
    require_shared()
    pairs = [(p["spun"], p["clean"]) for p in read_jsonl(DATA / "real_pairs_dev.jsonl")]
    learned = unspin.learn(pairs)
    artifacts = {key for key in learned if (e := learned.entry(key)) and e.swaps and not e.kept}
    artifacts |= set(HABITS)
    pages = read_jsonl(DATA / "spun_only_dev.jsonl")
    rows, before_total, after_total = [], 0, 0
    restored = {}
    for page in pages:
        text = unspin.restore(page["spun"], options=options)
        restored[page["id"]] = text
        before, after = count(artifacts, page["spun"]), count(artifacts, text)
        before_total += before
        after_total += after
        rows.append({"id": page["id"], "artifacts_before": before, "artifacts_after": after})
        print(rows[-1])
    a, b = (p for p in pages if p["id"].startswith("bbc_starmer_six_takeaways_2024_"))
    spun_distance = Levenshtein.distance(metric_tokens(a["spun"]), metric_tokens(b["spun"]))
    restored_distance = Levenshtein.distance(
        metric_tokens(restored[a["id"]]), metric_tokens(restored[b["id"]])
    )
    result = {
        "known_artifacts": len(artifacts),
        "pages": rows,
        "before": before_total,
        "after": after_total,
        "survival": after_total / before_total if before_total else 0.0,
        "twin_spins_distance_before": spun_distance,
        "twin_spins_distance_after": restored_distance,
        "table_sha256": unspin.Table.default().sha256,
    }
    print({k: v for k, v in result.items() if k != "pages"})
    save(
        "artifact_survival",
        result,
    )


if __name__ == "__main__":
    main()
