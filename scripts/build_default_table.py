"""Build the embedded default table, ``src/unspin/data/default_table.json.gz``.

Sources (everything we may ship as derived counts, never the texts):
  * the Problematic Paper Screener's tortured-phrase export (CC BY 4.0,
    attribution in the table header);
  * the seed pair in ``../shared/seeds`` (a spun article and a loosely parallel
    clean source), learned with our own pipeline;
  * the development real pairs in ``../shared/data/real_pairs_dev.jsonl``;
  * the autoblogs' spun footer (``FOOTER`` below): the line "Source link"
    that ends a copied page, spun to "Supply hyperlink". The pairs' curators
    trimmed it from the aligned texts and recorded it in their notes, so no
    alignment can learn it; it is counted once for the seed, whose last line
    it is, and once for each development page whose note records it.

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


# The spun footer and the pages whose curators' notes record it (the seed's
# last line is the same footer).
FOOTER = ("supply hyperlink", "Source link")
FOOTER_PAGES = (
    "marketwatch_southwest_revenue_2022",  # "page ends 'Supply hyperlink' and ..."
    "worldsoccer_magazine_contents_2024",  # "page ends with Supply hyperlink"
    "wallstreetpublication_sky_metrofine_2024_A",  # "... and 'Supply hyperlink' dropped"
)


def footer_table(pages: Collection[str]) -> Table:
    """The spun footer, counted once for the seed and once per page."""
    table = Table()
    table.add(FOOTER[0], FOOTER[1], 1 + len(pages), source="footer")
    return table


def build(shared: Path, *, exclude_pairs: Collection[str] = (), contexts: int = 2) -> Table:
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
        contexts=contexts,
    )
    pairs = [
        (p["spun"], p["clean"])
        for p in read_pairs(data / "real_pairs_dev.jsonl")
        if p["id"] not in exclude_pairs
    ]
    footer = footer_table([p for p in FOOTER_PAGES if p not in exclude_pairs])
    # Contexts of two tokens only: one neighbouring token is weaker evidence
    # (on the grouped folds it adds repair 0.427 -> 0.439 but costs helpful
    # precision 0.962 -> 0.956), and this table is what every user gets
    # without choosing. Tables users learn from their own pairs keep it.
    real = learn(pairs, base=pps.merge(seed).merge(footer), source="real-pairs", contexts=contexts)
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
            "footer": {
                "description": "the autoblogs' footer 'Source link' spun to 'Supply hyperlink': "
                "the seed's last line and 3 development pages whose notes record it"
            },
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
