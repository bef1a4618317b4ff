"""Restore on clean news against table size (issue 12, item 3).

Tables: the default table, and the default table grown to 100,000 and
1,000,000 entries with synthetic entries from the shipped thesauri (a
synonym as the spun phrase, its headword as the original, 1-5 swaps; past the
thesauri's ~500k pairs, two-word phrases of two such pairs). Each size runs
in its own process: build time, ``restore`` MB/s on ``--n`` held-out clean BBC
articles beside ``ftfy.fix_text`` on the same text (median of 3 alternating
rounds; the ratio is what compares across sizes), the share of articles the
screen sends to the model, and peak memory. A second process then loads the
saved table from its file (as a user would) and reports what the table and
its lookup indexes take: resident memory after the load and one restore,
less before, and the peak during the load.

    python benchmarks/table_size.py [--n 300]

Writes benchmarks/results/table_size.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from _common import DATA, read_jsonl, require_shared, save

SIZES = (0, 100_000, 1_000_000)  # 0: the default table as it ships


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def grown_table(size: int):  # type: ignore[no-untyped-def]
    import unspin
    from unspin.lexicon import Thesaurus

    table = unspin.Table.default()
    if not size:
        return table
    rng = random.Random(size)
    pairs = [
        (synonym, head)
        for name in ("mythes", "wordnet")
        for head, synonyms in sorted(Thesaurus.load(name).entries.items())
        for synonym in synonyms
        if synonym != head
    ]
    rng.shuffle(pairs)
    entries = {}
    for key, original in pairs:
        if len(table) + len(entries) >= size:
            break
        if table.lookup(key) is None:
            entries.setdefault(key, original)
    while len(table) + len(entries) < size:
        (a, x), (b, y) = rng.choice(pairs), rng.choice(pairs)
        entries.setdefault(f"{a} {b}", f"{x} {y}")
    grown = unspin.Table(name=f"default+{len(entries)}")
    for key, original in entries.items():
        grown.add(key, original, rng.randint(1, 5), source="synthetic")
    return table.merge(grown)


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1e6


def load_child(path: str) -> dict[str, float]:
    """Resident memory of a table loaded from ``path`` and indexed."""
    import gc

    import unspin

    unspin.restore("The Ukraine struggle may finish inside weeks, he mentioned.")
    gc.collect()
    before = _rss_now_mb()
    start = time.perf_counter()
    table = unspin.Table.load(path)
    seconds = time.perf_counter() - start
    loaded = _rss_now_mb()
    unspin.restore("The Ukraine struggle may finish inside weeks, he mentioned.", table=table)
    gc.collect()
    return {
        "load_seconds": round(seconds, 1),
        "table_mb": round(loaded - before, 1),
        "table_and_indexes_mb": round(_rss_now_mb() - before, 1),
        "load_peak_rss_mb": round(_rss_mb(), 1),
    }


def child(size: int, n: int, save_to: str | None = None) -> dict[str, float]:
    import ftfy

    import unspin
    from unspin.restore import clear_caches
    from unspin.screen import screen_scores

    docs = [d["text"] for d in read_jsonl(DATA / "bbc_2225.jsonl", n)]
    rss_before = _rss_mb()
    start = time.perf_counter()
    table = grown_table(size)
    if save_to:
        table.save(save_to)
    unspin.restore(docs[0], table=table)  # indexes, outside the timing
    unspin.restore("The Ukraine struggle may finish inside weeks, he mentioned.", table=table)
    build = time.perf_counter() - start
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    ours, theirs = [], []
    for _ in range(3):
        clear_caches()
        t0 = time.perf_counter()
        for d in docs:
            unspin.restore(d, table=table)
        t1 = time.perf_counter()
        for d in docs:
            ftfy.fix_text(d)
        t2 = time.perf_counter()
        ours.append(megabytes / (t1 - t0))
        theirs.append(megabytes / (t2 - t1))
    screen = unspin.Options().screen
    passed = sum(max(screen_scores(d, table), default=0.0) >= screen for d in docs)
    return {
        "entries": len(table),
        "build_and_index_seconds": round(build, 2),
        "restore_mb_s": round(statistics.median(ours), 3),
        "ftfy_mb_s": round(statistics.median(theirs), 3),
        "ratio_to_ftfy": round(statistics.median(ours) / statistics.median(theirs), 3),
        "screened_in": passed / len(docs),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_before_table_mb": round(rss_before, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--child", type=int)
    parser.add_argument("--save-to")
    parser.add_argument("--load")
    args = parser.parse_args()
    require_shared()
    if args.load is not None:
        print(json.dumps(load_child(args.load)))
        return
    if args.child is not None:
        print(json.dumps(child(args.child, args.n, args.save_to)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = os.path.join(tmp, f"table{size}.json.gz")
            row = {}
            for extra in (["--child", str(size), "--save-to", path], ["--load", path]):
                out = subprocess.run(
                    [sys.executable, __file__, "--n", str(args.n), *extra],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                row.update(json.loads(out.stdout.strip().splitlines()[-1]))
            rows.append(row)
            print(rows[-1], flush=True)
    base = rows[0]["ratio_to_ftfy"]
    for row in rows:
        row["cost_vs_default"] = round(base / row["ratio_to_ftfy"], 3)
    save("table_size", {"articles": args.n, "rows": rows})


if __name__ == "__main__":
    main()
