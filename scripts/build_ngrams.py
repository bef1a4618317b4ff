"""Build ``src/unspin/data/bigrams_news.tsv.gz``: word-bigram counts of clean news.

symspellpy's bigram dictionary comes from general web/book text and misses
many pairs news writers use every day ("inflation figures", "the chancellor").
This file adds counts from the clean BBC News corpus (Greene & Cunningham,
ICML 2006) in ``../shared/data/bbc_2225.jsonl``, so that context evidence does
not mistake ordinary news phrasing for a spinner's.

Only counts ship, never text: lower-case word pairs seen at least
``--min-count`` times. Held out (never counted), so that every false-edit and
zero-shot measurement on BBC text stays on unseen articles:

* the first 300 articles of the file (the core issue's false-edit benchmark);
* the 200 test articles of ``benchmarks/_common.bbc_split`` (seed 7).

The file starts with a one-line JSON header (format, version, source, licence,
counts) and holds ``first second<TAB>count`` lines, sorted.

Usage:
    python scripts/build_ngrams.py [--shared ../shared] [-o PATH] [--min-count 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter
from itertools import pairwise
from pathlib import Path

from unspin.tokenize import Split, is_word

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "unspin" / "data" / "bigrams_news.tsv.gz"
FORMAT = "unspin-bigrams"
VERSION = 1
HELD_OUT_FIRST = 300  # benchmarks/clean_false_edits.py --n 300 --offset 0
SPLIT_TEST, SPLIT_SEED = 200, 7  # benchmarks/_common.bbc_split
MIN_COUNT = 2  # pairs seen fewer times are not kept


def training_texts(path: Path) -> tuple[list[str], int]:
    """Texts to count, and how many articles were held out."""
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = [a["text"] for a in articles]
    shuffled = list(texts)
    random.Random(SPLIT_SEED).shuffle(shuffled)
    held = set(texts[:HELD_OUT_FIRST]) | set(shuffled[-SPLIT_TEST:])
    train = [t for t in texts if t not in held]
    return train, len(texts) - len(train)


def count_bigrams(texts: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        norms = Split(text).norms
        counts.update(f"{a} {b}" for a, b in pairwise(norms) if is_word(a) and is_word(b))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = parser.parse_args()
    texts, held = training_texts(args.shared / "data" / "bbc_2225.jsonl")
    counts = count_bigrams(texts)
    kept = sorted((k, c) for k, c in counts.items() if c >= args.min_count)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "source": "BBC News corpus 2004-05 (Greene & Cunningham, ICML 2006), "
        f"{len(texts)} articles; {held} held out for evaluation",
        "licence": "counts derived from BBC copyright text for research use; no text included",
        "min_count": args.min_count,
        "bigrams": len(kept),
        "tokens": sum(counts.values()),
    }
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(json.dumps(header, sort_keys=True) + "\n")
        fh.writelines(f"{k}\t{c}\n" for k, c in kept)
    print(f"{args.output}: {len(kept)} bigrams from {len(texts)} articles ({held} held out)")


if __name__ == "__main__":
    main()
