"""Throughput and memory of the batch cleaner: ``unspin clean`` with 1 and 2
jobs, and the same job on a Dask LocalCluster.

The corpus is BBC articles (20% spun by the ``mythes`` spinner) repeated as
JSON Lines up to ``--megabytes`` (default 100), written to a temporary folder
outside the repository. Each run is a separate ``unspin clean`` process;
peak RSS is the largest resident set of the main process and of its workers.

    python benchmarks/clean_scaling.py [--megabytes 100] [--rounds 3] [--dask-megabytes 20]
        [--unique-spun]

1 and 2 jobs run alternately, ``--rounds`` times; beside each round the
machine's own ceiling is measured (a CPU-bound loop in one process against
two): on a shared 2-vCPU VM two processes rarely get two full cores.

Writes benchmarks/results/clean_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


def _clean_command(path: Path, output: Path, jobs: int) -> list[str]:
    command = [sys.executable, "-m", "unspin", "clean", str(path), "-o", str(output)]
    return [*command, "--jobs", str(jobs), "-q", "--overwrite"]


def _spin_loop(n: int) -> int:
    total, seen = 0, {}
    for i in range(n):
        seen[i % 1000] = i
        total += seen.get(i % 777, 0)
    return total


def _ceiling(n: int = 5_000_000) -> float:
    """How much faster two processes run two CPU-bound loops than one runs both."""
    start = time.perf_counter()
    _spin_loop(n)
    _spin_loop(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin_loop, [1000, 1000]))  # workers started
        start = time.perf_counter()
        list(pool.map(_spin_loop, [n, n]))
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--dask-megabytes", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="alternating 1- and 2-job runs")
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
    rows: dict[str, object] = {}
    # The machine's own ceiling, measured in the same rounds: a CPU-bound pure
    # Python loop, twice in one process against once in each of two processes
    # (a shared 2-vCPU VM does not give two full cores to two processes).
    ratios, ceilings = [], []
    for round_ in range(args.rounds):
        timed = {}
        for name, jobs in (("clean_jobs1", 1), ("clean_jobs2", 2)):
            timed[name] = m = measure(_clean_command(corpus, tmp / f"{name}.jsonl", jobs))
            m.update(records_per_s=records / m["seconds"], mb_per_s=size / 1e6 / m["seconds"])
            rows.setdefault(name, []).append(m)  # type: ignore[union-attr]
        ratios.append(timed["clean_jobs1"]["seconds"] / timed["clean_jobs2"]["seconds"])
        ceilings.append(_ceiling())
        print(
            f"round {round_ + 1}: 1 job {timed['clean_jobs1']['seconds']:.1f} s, "
            f"2 jobs {timed['clean_jobs2']['seconds']:.1f} s: {ratios[-1]:.2f}x "
            f"(a CPU-bound loop in 2 processes: {ceilings[-1]:.2f}x)",
            flush=True,
        )
    rows["jobs2_speedup_median"] = statistics.median(ratios)
    rows["jobs2_speedup_rounds"] = ratios
    rows["machine_ceiling_median"] = statistics.median(ceilings)
    rows["machine_ceiling_rounds"] = ceilings
    print(
        f"2 jobs: {statistics.median(ratios):.2f}x one job (median of {args.rounds} rounds); "
        f"the machine's ceiling: {statistics.median(ceilings):.2f}x",
        flush=True,
    )
    same = (tmp / "clean_jobs1.jsonl").read_bytes() == (tmp / "clean_jobs2.jsonl").read_bytes()
    if small_records:  # --dask-megabytes 0 skips the Dask comparison
        _dask_runs(rows, small, small_records, small_size, tmp)
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


def _dask_runs(
    rows: dict[str, object], small: Path, small_records: int, small_size: int, tmp: Path
) -> None:
    """The small corpus with 2 jobs, and on a Dask LocalCluster of 2 workers."""
    m = measure(_clean_command(small, tmp / "small_clean_jobs2.jsonl", 2))
    m.update(records_per_s=small_records / m["seconds"], mb_per_s=small_size / 1e6 / m["seconds"])
    rows["small_clean_jobs2"] = m
    print("small_clean_jobs2", m, flush=True)
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


if __name__ == "__main__":
    main()
