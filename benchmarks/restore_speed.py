"""Throughput of ``restore`` (default table) beside ``ftfy.fix_text``, one core.

    python benchmarks/restore_speed.py [--n 500] [--repeat 5]

Both run on the same documents (``--n`` clean BBC articles plus the real spun
pages), alternately, in one process; the best of ``--repeat`` rounds is kept
for each, and the ratio is what to compare across machines.
"""

from __future__ import annotations

import argparse
import time

import ftfy
from _common import DATA, read_jsonl, require_shared, save

import unspin
from unspin.restore import clear_caches


def _mbps(fn, docs: list[str]) -> float:
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return size / (time.perf_counter() - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    options = unspin.Options()
    require_shared()
    docs = [d["text"] for d in read_jsonl(DATA / "bbc_2225.jsonl", args.n)]
    docs += [d["spun"] for d in read_jsonl(DATA / "spun_only_dev.jsonl")]
    table = unspin.Table.default()
    unspin.restore(docs[0], table=table)  # load resources outside the timing
    ours, theirs = [], []
    for _ in range(args.repeat):
        clear_caches()  # each round starts cold: no evidence from the round before
        ours.append(_mbps(lambda d: unspin.restore(d, table=table, options=options), docs))
        theirs.append(_mbps(ftfy.fix_text, docs))
    size = sum(len(d.encode("utf-8")) for d in docs)
    result = {
        "documents": len(docs),
        "megabytes": size / 1e6,
        "restore_mb_s": max(ours),
        "ftfy_fix_text_mb_s": max(theirs),
        "ratio": max(ours) / max(theirs),
        "table_entries": len(table),
        "table_sha256": table.sha256,
    }
    print(
        f"{len(docs)} documents, {size / 1e6:.2f} MB: restore {max(ours):.2f} MB/s, "
        f"ftfy.fix_text {max(theirs):.2f} MB/s, ratio {result['ratio']:.2f}"
    )
    save(
        "restore_speed",
        result,
    )


if __name__ == "__main__":
    main()
