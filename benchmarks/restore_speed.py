"""Throughput of ``restore`` (default table) beside ``ftfy.fix_text``, one core.

    python benchmarks/restore_speed.py [--n 300] [--rounds 5] [--option NAME=VALUE ...]

Three sets of documents, each timed on its own: ``--n`` held-out clean BBC
articles, the clean sides and the spun sides of the real development pairs
(and the real spun pages without originals). On each set ``restore`` and
``ftfy.fix_text`` run alternately in one process (which goes first turns
round every round), ``--rounds`` times; the
median MB/s of each is kept, and their ratio is what to compare across
machines. Every resource (table indexes, the trigram model, the bigram
counts) is loaded before the timing; model scores are forgotten before each
round, so that every round pays for its own.
"""

from __future__ import annotations

import argparse
import statistics

import ftfy
from _common import mb_per_s, option_args, options_from, require_shared, save, speed_sets

import unspin
from unspin.restore import clear_caches


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    option_args(parser)
    args = parser.parse_args()
    options, suffix = options_from(args)
    require_shared()
    sets = speed_sets(args.n)
    table = unspin.Table.default()
    for docs in sets.values():  # load every resource outside the timing
        unspin.restore(docs[0], table=table, options=options)
    result: dict[str, object] = {
        "options": repr(options),
        "table_entries": len(table),
        "table_sha256": table.sha256,
        "rounds": args.rounds,
    }
    for name, docs in sets.items():
        ours, theirs = [], []
        for k in range(args.rounds):
            # The order turns round every round (whichever runs second in a
            # round runs a little faster: docs/benchmarks.md, session 31).
            if k % 2:
                theirs.append(mb_per_s(ftfy.fix_text, docs))
            clear_caches()
            ours.append(mb_per_s(lambda d: unspin.restore(d, table=table, options=options), docs))
            if not k % 2:
                theirs.append(mb_per_s(ftfy.fix_text, docs))
        size = sum(len(d.encode("utf-8")) for d in docs)
        mine, ftfys = statistics.median(ours), statistics.median(theirs)
        result[name] = {
            "documents": len(docs),
            "megabytes": round(size / 1e6, 3),
            "restore_mb_s": round(mine, 3),
            "ftfy_fix_text_mb_s": round(ftfys, 3),
            "ratio": round(mine / ftfys, 3),
        }
        print(
            f"{name}: {len(docs)} documents, {size / 1e6:.2f} MB: restore {mine:.2f} MB/s, "
            f"ftfy.fix_text {ftfys:.2f} MB/s, ratio {mine / ftfys:.2f}"
        )
    save("restore_speed" + suffix, result)


if __name__ == "__main__":
    main()
