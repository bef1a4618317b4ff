"""Throughput of learning from spun text alone, one process against worker
processes (issue 11: throughput and peak memory of ``learn_unpaired``).

Spins ``--n`` training-pool BBC articles with the ``mythes`` spinner into a
JSON Lines file, then runs pass 1 of ``unspin clean --learn``
(``unspin.crawl.learn_corpus``, over an empty base table so that every
document counts) with 1 and with ``--jobs`` worker processes, side by side
in one run. Reports MB/s of each, their ratio, whether the two tables are
identical (SHA-256), and peak memory of this process and of the workers.

    python benchmarks/learn_unpaired_speed.py [--n 1000] [--jobs 2] [--open]

Writes benchmarks/results/learn_unpaired_speed.json (``..._open.json`` for
the open learner, ``require_synonym=False``).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from _common import bbc_split, require_shared, save

from unspin import Table
from unspin.crawl import learn_corpus
from unspin.spinner import make_spinner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--open", action="store_true", help="the open learner (require_synonym=False)"
    )
    args = parser.parse_args()
    require_shared()
    train, _ = bbc_split()
    spinner = make_spinner("mythes")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "spun.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for text in train[: args.n]:
                fh.write(json.dumps({"text": spinner.spin(text).text}) + "\n")
        megabytes = corpus.stat().st_size / 1e6
        rows = {}
        tables = {}
        for jobs in (1, args.jobs):
            started = time.perf_counter()
            tables[jobs] = learn_corpus(
                [corpus],
                Path(tmp) / f"t{jobs}.json",
                base=Table(),
                progress=False,
                jobs=jobs,
                require_synonym=not args.open,
            )
            seconds = time.perf_counter() - started
            rows[f"jobs_{jobs}"] = {
                "seconds": round(seconds, 1),
                "mb_per_s": round(megabytes / seconds, 4),
                "entries": len(tables[jobs]),
            }
            print(jobs, rows[f"jobs_{jobs}"], flush=True)
    result = {
        "articles": args.n,
        "require_synonym": not args.open,
        "megabytes": round(megabytes, 2),
        **rows,
        "speedup": round(rows["jobs_1"]["seconds"] / rows[f"jobs_{args.jobs}"]["seconds"], 2),
        "same_table": tables[1].sha256 == tables[args.jobs].sha256,
        "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_largest_worker": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }
    print(result)
    save("learn_unpaired_speed" + ("_open" if args.open else ""), result)


if __name__ == "__main__":
    main()
