"""Learning from spun text alone where the truth is known (issue 11, synthetic).

Spins ``--n`` training-pool BBC articles with the ``mythes`` spinner, learns
with ``unspin.unpaired.learn_unpaired`` from the spun texts only, and scores
the learned entries against the spinner's own swaps: precision (an entry is
right when its original is one the spinner turned into that form) and recall
of the spinner's one-word swaps seen at least 5 times, by frequency band.

    python benchmarks/unpaired_synthetic.py [--n 1000]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from _common import bbc_split, require_shared, save

from unspin.spinner import make_spinner
from unspin.unpaired import learn_unpaired

_BANDS = ((5, 19), (20, 10**9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    require_shared()
    train, _ = bbc_split()
    spinner = make_spinner("mythes")
    spun: list[str] = []
    truth: dict[str, Counter[str]] = defaultdict(Counter)
    for text in train[: args.n]:
        result = spinner.spin(text)
        spun.append(result.text)
        for edit in result.edits:
            if edit.kind == "swap":
                truth[edit.spun.lower()][edit.clean.lower()] += 1
    started = time.perf_counter()
    table = learn_unpaired(spun)
    seconds = time.perf_counter() - started
    megabytes = sum(len(t.encode("utf-8")) for t in spun) / 1e6
    right = [k for k in table if table.lookup(k).best()[0] in truth.get(k, ())]  # type: ignore[union-attr]
    result: dict[str, object] = {
        "articles": args.n,
        "entries": len(table),
        "precision": round(len(right) / len(table), 4) if len(table) else None,
        "seconds": round(seconds, 1),
        "mb_per_s": round(megabytes / seconds, 4),
    }
    for lo, hi in _BANDS:
        band = [k for k, c in truth.items() if lo <= sum(c.values()) <= hi and " " not in k]
        learned = [k for k in band if k in table]
        correct = [k for k in learned if table.lookup(k).best()[0] in truth[k]]  # type: ignore[union-attr]
        result[f"seen_{lo}_{hi if hi < 10**9 else 'up'}"] = {
            "true_swaps": len(band),
            "learned": len(learned),
            "precision": round(len(correct) / len(learned), 4) if learned else None,
            "recall": round(len(correct) / len(band), 4) if band else None,
        }
    for key, value in result.items():
        print(key, value)
    save("unpaired_synthetic", result)


if __name__ == "__main__":
    main()
