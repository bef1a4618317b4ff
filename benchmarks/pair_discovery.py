"""Pair discovery on synthetic crawls: recall, precision and time against size.

A crawl of N documents is synthesized from the BBC corpus: N/1.4 clean
documents (below 2,225 the articles themselves, above it new documents of 6-30
sentences drawn at random from all articles, so that no two share a skeleton
by construction), 20% of them spun (alternately by both spinners) into the
spun corpus, plus as many spun decoys whose originals are *not* in the clean
corpus (they must match nothing). Everything is shuffled.

A found pair is correct when the clean document is the original or a
near-duplicate of it (the BBC corpus holds ~100 duplicated stories: passage
coverage between the two clean texts at least 0.5).

    python benchmarks/pair_discovery.py [--sizes 2000,20000,200000]

Writes benchmarks/results/pair_discovery.json.
"""

from __future__ import annotations

import argparse
import random
import re
import time

from _common import DATA, read_jsonl, require_shared, save

import unspin
from unspin.pairs import PairIndex, coverage
from unspin.spinner import SPINNERS


def corpus(n_clean: int, rng: random.Random) -> list[str]:
    articles = [a["text"] for a in read_jsonl(DATA / "bbc_2225.jsonl")]
    if n_clean <= len(articles):
        return rng.sample(articles, n_clean)
    sentences = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a) if len(s) > 30]
    return [" ".join(rng.sample(sentences, rng.randint(6, 30))) for _ in range(n_clean)]


def run(size: int) -> dict[str, float]:
    rng = random.Random(size)
    n_clean = round(size / 1.4)  # clean + 20% spun + as many decoys = size
    texts = corpus(n_clean + n_clean // 5, rng)
    clean, decoy_texts = texts[:n_clean], texts[n_clean:]
    chosen = rng.sample(range(n_clean), n_clean // 5)
    spinners = [SPINNERS["mythes"], SPINNERS["wordnet"]]
    spun = [(f"s{i}", spinners[k % 2].spin(clean[i], seed=k).text) for k, i in enumerate(chosen)]
    spun += [(f"d{j}", spinners[j % 2].spin(t, seed=j).text) for j, t in enumerate(decoy_texts)]
    rng.shuffle(spun)
    clean_docs = [(f"c{i}", t) for i, t in enumerate(clean)]
    rng.shuffle(clean_docs)
    start = time.perf_counter()
    index = PairIndex()
    index.add(clean_docs)
    indexed = time.perf_counter()
    found = list(index.query(spun))
    done = time.perf_counter()
    correct = recalled = 0
    for pair in found:
        if pair.spun_id[0] == "s":
            original = int(pair.spun_id[1:])
            hit = int(pair.clean_id[1:])
            if hit == original or coverage(clean[original], clean[hit]) >= 0.5:
                correct += 1
                recalled += 1
            continue
        # a decoy can only be right if a near-duplicate of its original was kept
        if (
            pair.spun_id[0] == "d"
            and coverage(decoy_texts[int(pair.spun_id[1:])], clean[int(pair.clean_id[1:])]) >= 0.5
        ):
            correct += 1
    positives = len(chosen)
    return {
        "documents": n_clean + len(spun),
        "clean": n_clean,
        "spun": len(spun),
        "spun_with_original": positives,
        "found": len(found),
        "correct": correct,
        "precision": correct / len(found) if found else 1.0,
        "recall": recalled / positives if positives else 1.0,
        "index_seconds": indexed - start,
        "query_seconds": done - indexed,
        "seconds": done - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,20000,200000")
    args = parser.parse_args()
    require_shared()
    rows = []
    for size in (int(x) for x in args.sizes.split(",")):
        rows.append(row := run(size))
        print({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}, flush=True)
    save("pair_discovery", {"rows": rows, "version": unspin.__version__})


if __name__ == "__main__":
    main()
