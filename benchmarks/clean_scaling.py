"""Throughput and memory of the batch cleaner: ``unspin clean`` with 1 and 2
jobs, and the same job on a Dask LocalCluster.

The corpus is BBC articles (20% spun by the ``mythes`` spinner) repeated as
JSON Lines up to ``--megabytes`` (default 100), written to a temporary folder
outside the repository. Each run is a separate ``unspin clean`` process;
peak RSS is the largest resident set of the main process and of its workers.

    python benchmarks/clean_scaling.py [--megabytes 100] [--dask-megabytes 20] [--unique-spun]

Writes benchmarks/results/clean_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DATA, read_jsonl, require_shared, save

import unspin
from unspin.spinner import SPINNERS

MEASURE = """
import resource, subprocess, sys, time, json
start = time.perf_counter()
status = subprocess.run(sys.argv[1:]).returncode
elapsed = time.perf_counter() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"status": status, "seconds": elapsed, "peak_rss_mb": children}))
"""

DASK_JOB = """
import json, sys, time, resource
import dask.bag as db
from distributed import Client, LocalCluster
import unspin.dask
src, dst = sys.argv[1], sys.argv[2]
with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
    start = time.perf_counter()
    bag = db.read_text(src, blocksize="8MiB").map(json.loads)
    unspin.dask.restore_records(bag).map(json.dumps).to_textfiles(dst + "/part-*.jsonl")
    elapsed = time.perf_counter() - start
    worker_rss = max(m["memory"] for m in client.run(lambda: {"memory": __import__("psutil").Process().memory_info().rss}).values())
print(json.dumps({"seconds": elapsed, "worker_rss_mb": worker_rss / 2**20}))
"""


def make_corpus(path: Path, megabytes: float, unique_spun: bool = False) -> tuple[int, int]:
    articles = [a["text"] for a in read_jsonl(DATA / "bbc_2225.jsonl")]
    spinner = SPINNERS["mythes"]
    rng = random.Random(5)
    records = size = 0
    spun_already: set[int] = set()
    with path.open("w", encoding="utf-8") as fh:
        while size < megabytes * 1e6:
            k = rng.randrange(len(articles))
            text = articles[k]
            if rng.random() < 0.2 and not (unique_spun and k in spun_already):
                spun_already.add(k)
                text = spinner.spin(text, seed=records).text
            line = (
                json.dumps({"id": records, "source": "bbc", "text": text}, ensure_ascii=False)
                + "\n"
            )
            fh.write(line)
            size += len(line.encode("utf-8"))
            records += 1
    return records, size


def measure(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--dask-megabytes", type=float, default=20)
    parser.add_argument(
        "--unique-spun",
        action="store_true",
        help="spin each article at most once: the clean pages repeat (the fast path does not "
        "care), the spun ones do not, so per-process caches cannot favour one job",
    )
    args = parser.parse_args()
    require_shared()
    tmp = Path(tempfile.mkdtemp(prefix="unspin-clean-"))
    corpus = tmp / "corpus.jsonl"
    records, size = make_corpus(corpus, args.megabytes, args.unique_spun)
    small = tmp / "small.jsonl"
    small_records, small_size = make_corpus(small, args.dask_megabytes)
    print(
        f"corpus: {records} records, {size / 1e6:.1f} MB; small: {small_records} records",
        flush=True,
    )
    rows = {}
    runs = [("clean_jobs1", corpus, records, size, 1), ("clean_jobs2", corpus, records, size, 2)]
    runs.append(("small_clean_jobs2", small, small_records, small_size, 2))
    for name, path, n_records, n_bytes, jobs in runs:
        output = tmp / f"{name}.jsonl"
        m = measure(
            [
                sys.executable,
                "-m",
                "unspin",
                "clean",
                str(path),
                "-o",
                str(output),
                "--jobs",
                str(jobs),
                "-q",
            ]
        )
        m.update(records_per_s=n_records / m["seconds"], mb_per_s=n_bytes / 1e6 / m["seconds"])
        rows[name] = m
        print(name, m, flush=True)
    same = (tmp / "clean_jobs1.jsonl").read_bytes() == (tmp / "clean_jobs2.jsonl").read_bytes()
    (tmp / "dask").mkdir()
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", DASK_JOB, str(small), str(tmp / "dask")],
        capture_output=True,
        text=True,
        check=True,
    )
    dask = json.loads(out.stdout.strip().splitlines()[-1])
    dask.update(
        total_seconds=time.perf_counter() - start,
        records_per_s=small_records / dask["seconds"],
        mb_per_s=small_size / 1e6 / dask["seconds"],
    )
    rows["small_dask_localcluster_2workers"] = dask
    print("dask", dask, flush=True)
    save(
        "clean_scaling" + ("_unique_spun" if args.unique_spun else ""),
        {
            "unique_spun": args.unique_spun,
            "records": records,
            "megabytes": size / 1e6,
            "small_records": small_records,
            "small_megabytes": small_size / 1e6,
            "jobs_outputs_identical": same,
            "runs": rows,
            "version": unspin.__version__,
        },
    )


if __name__ == "__main__":
    main()
