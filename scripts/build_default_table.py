"""Build the embedded default table, ``src/unspin/data/default_table.json.gz``.

Sources (everything we may ship as derived counts, never the texts):
  * the Problematic Paper Screener's tortured-phrase export (CC BY 4.0,
    attribution in the table header);
  * the seed pair in ``../shared/seeds`` (a spun article and a loosely parallel
    clean source), learned with our own pipeline;
  * the development real pairs in ``../shared/data/real_pairs_dev.jsonl``.

Usage:
    python scripts/build_default_table.py [--shared ../shared] [-o PATH]

``build(shared, exclude_pairs=...)`` is also used by the benchmarks to make
the same table without the held-out pairs.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection
from pathlib import Path

from unspin import Table, learn

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "unspin" / "data" / "default_table.json.gz"


def read_pairs(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def build(shared: Path, *, exclude_pairs: Collection[str] = ()) -> Table:
    data = shared / "data"
    pps = Table.from_pps(data / "tortured_phrases" / "pps_tortured_with_counts.csv")
    seeds = shared / "seeds"
    seed = learn(
        [
            (
                (seeds / "spun_article.txt").read_text(encoding="utf-8"),
                (seeds / "clean_parallel_source.txt").read_text(encoding="utf-8"),
            )
        ],
        source="seed",
    )
    pairs = [
        (p["spun"], p["clean"])
        for p in read_pairs(data / "real_pairs_dev.jsonl")
        if p["id"] not in exclude_pairs
    ]
    real = learn(pairs, base=pps.merge(seed), source="real-pairs")
    table = real
    table.name = "unspin-default"
    table.description = (
        "Reverse substitution table of the article-spinner family: tortured phrases "
        "from the Problematic Paper Screener plus swaps learned from real spun news pairs."
    )
    table.sources.update(
        {
            "seed": {"description": "one spun news article and a loosely parallel clean source"},
            "real-pairs": {"description": "real spun news pages aligned with their originals"},
        }
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    table = build(args.shared)
    table.save(args.output)
    print(f"{args.output}: {len(table)} entries, sha256 {table.sha256[:12]}")


if __name__ == "__main__":
    main()
