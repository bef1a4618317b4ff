"""One unpaired learner on one synthetic sample, quickly (issue 11).

What ``unpaired_synthetic.py`` does for one learner only (the open one,
or with ``--careful`` the careful one): spins
training-pool BBC articles ``[offset, offset + 1000)`` with ``--spinner``,
learns unpaired from the spun texts (news counts rebuilt without the
sample), restores the 200 test articles with the table
and prints downstream repair, its share of the paired table's repair (read
from ``benchmarks/results/unpaired_synthetic[_offset<k>].json``, which
``unpaired_synthetic.py`` wrote) and the entries' precision / recall by
band (and the precision of every entry whose form the spun texts hold 5
times or more). About 5 minutes per sample instead of 25 for the full run; two samples
side by side fit the two cores. ``--pickle PATH`` keeps every round's
statistics and the truth, to replay ``unpaired.table_from_stats`` on.
Run from ``benchmarks/``:

    python unpaired_lean.py [--offset 1000] [--spinner random] [--careful] [--pickle PATH]

Prints; saves nothing.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from _common import bbc_split, news_counts_without, require_shared
from unpaired_synthetic import _downstream, _entries, _spinner, held_words, spun_sample

import unspin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--spinner", default="random")
    parser.add_argument("--pickle", type=Path, default=None)
    parser.add_argument(
        "--careful", action="store_true", help="the careful learner (require_synonym=True)"
    )
    args = parser.parse_args()
    require_shared()
    train, test = bbc_split()
    sample = train[args.offset : args.offset + 1000]
    spun, truth, phrases = spun_sample(args.spinner, sample)
    spinner = _spinner(args.spinner)
    test_pairs = [(spinner.spin(t).text, t) for t in test[:200]]
    rounds: list[unspin.unpaired.Round] = []
    started = time.perf_counter()
    with news_counts_without(sample):
        table = unspin.learn_unpaired(spun, require_synonym=args.careful, observe=rounds.append)
    seconds = time.perf_counter() - started
    if args.pickle is not None:
        with args.pickle.open("wb") as f:
            pickle.dump((rounds, dict(truth)), f)
    downstream = _downstream(table, test_pairs)
    suffix = f"_offset{args.offset}" if args.offset else ""
    results = Path(__file__).parent / "results" / f"unpaired_synthetic{suffix}.json"
    paired = json.loads(results.read_text())[args.spinner]["paired"]["downstream"]["repair"]
    entries = _entries(table, truth, phrases, held_words(spun))
    bands = {
        k: (entries[k]["precision"], entries[k]["recall"]) for k in ("seen_5_up", "seen_20_up")
    }
    bands["entries_held_5_up"] = (entries["entries_held_5_up"]["precision"], None)
    print(
        args.spinner,
        "careful" if args.careful else "open",
        args.offset,
        f"share={downstream['repair'] / paired:.4f}",
        downstream,
        bands,
        f"entries={len(table)}",
        f"{seconds:.0f}s",
        flush=True,
    )


if __name__ == "__main__":
    main()
