"""Restore against document length, clean and spun (issue 12).

Documents of about 100, 1,000, 10,000 and 100,000 words are made by joining
held-out BBC articles (clean) and the same joined texts spun by the
``mythes`` spinner; each length is restored (default table) beside
``ftfy.fix_text`` on the same text in this process, median of 3 alternating
rounds, about 0.5 MB of text per length. Also plots this and
``table_size.py``'s result to ``docs/img/speed.png``.

    python benchmarks/doc_length.py

Writes benchmarks/results/doc_length.json.
"""

from __future__ import annotations

import json
import statistics
import time

import ftfy
from _common import RESULTS, bbc_split, plot_path, require_shared, save

import unspin
from unspin.restore import clear_caches
from unspin.spinner import SPINNERS

LENGTHS = (100, 1_000, 10_000, 100_000)
_MEGABYTES = 0.5


def _documents(words: int, pool: list[str]) -> list[str]:
    """Consecutive slices of ``words`` words of the joined pool, ~0.5 MB."""
    tokens = " ".join(pool).split(" ")
    docs, pos, size = [], 0, 0
    while size < _MEGABYTES * 1e6 and pos < len(tokens):
        doc = " ".join(tokens[pos : pos + words])
        docs.append(doc)
        size += len(doc.encode("utf-8"))
        pos += words
    return docs


def _rate(fn, docs: list[str]) -> float:
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return sum(len(d.encode("utf-8")) for d in docs) / (time.perf_counter() - start) / 1e6


def main() -> None:
    require_shared()
    _, test = bbc_split()
    pool = test * 3  # 200 articles (~90k words), three times over for the longest documents
    spinner = SPINNERS["mythes"]
    table = unspin.Table.default()
    unspin.restore(spinner.spin(test[0]).text, table=table)  # load everything first
    rows = []
    for kind in ("clean", "spun"):
        for words in LENGTHS:
            docs = _documents(words, pool)
            if kind == "spun":
                docs = [spinner.spin(d).text for d in docs]
            ours, theirs = [], []
            for _ in range(3):
                clear_caches()
                ours.append(_rate(lambda d: unspin.restore(d, table=table), docs))
                theirs.append(_rate(ftfy.fix_text, docs))
            row = {
                "kind": kind,
                "words": words,
                "documents": len(docs),
                "restore_mb_s": round(statistics.median(ours), 3),
                "ftfy_mb_s": round(statistics.median(theirs), 3),
            }
            row["ratio"] = round(row["restore_mb_s"] / row["ftfy_mb_s"], 3)
            rows.append(row)
            print(row, flush=True)
    save("doc_length", {"rows": rows})
    plot(rows)


def plot(rows: list[dict[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for kind, marker in (("clean", "o"), ("spun", "s")):
        mine = [r for r in rows if r["kind"] == kind]
        left.plot([r["words"] for r in mine], [r["ratio"] for r in mine], marker=marker, label=kind)
    left.axhline(1.0, color="grey", linewidth=0.8)
    left.set(xscale="log", xlabel="words per document", ylabel="restore / ftfy.fix_text (MB/s)")
    left.set_title("document length")
    left.legend()
    sizes_file = RESULTS / "table_size.json"
    if sizes_file.exists():
        sizes = json.loads(sizes_file.read_text(encoding="utf-8"))["rows"]
        right.plot([r["entries"] for r in sizes], [r["ratio_to_ftfy"] for r in sizes], marker="o")
        right.set(xscale="log", xlabel="table entries", ylabel="restore / ftfy.fix_text (MB/s)")
        right.set_title("table size (clean BBC news)")
        right.axhline(1.0, color="grey", linewidth=0.8)
    fig.tight_layout()
    fig.savefig(plot_path("speed"), dpi=100)


if __name__ == "__main__":
    main()
