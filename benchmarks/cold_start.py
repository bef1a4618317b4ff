"""Cold start: a fresh process importing unspin and restoring one text.

Measures (best of 5 fresh processes) the time of ``import unspin``, of the
first ``restore`` of the design card's sentence (loads the default table,
wordfreq, the bigram counts and the trigram model) and the peak resident
memory afterwards.

    python benchmarks/cold_start.py

Writes benchmarks/results/cold_start.json.
"""

from __future__ import annotations

import json
import subprocess
import sys

from _common import save

CHILD = """
import json, resource, time
t0 = time.perf_counter()
import unspin
t1 = time.perf_counter()
unspin.restore("The Ukraine struggle may finish inside weeks, he mentioned. Supply hyperlink")
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "first_restore_s": t2 - t1, "total_s": t2 - t0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout))
    best = min(runs, key=lambda r: r["total_s"])
    print({k: round(v, 3) for k, v in best.items()})
    save("cold_start", {"best_of_5": best, "runs": runs})


if __name__ == "__main__":
    main()
