"""Restore speed before and after a change, side by side in one process.

    python benchmarks/before_after.py REV [--n 300] [--rounds 5]

The package as it was at git revision ``REV`` (``git archive``, its own data
files included) is imported as ``unspin_before`` beside the working tree's
``unspin``; each set of documents is restored by both and by
``ftfy.fix_text``, alternately, ``--rounds`` times, every round from cold
model caches. On a shared machine whose speed moves ±20% between runs, this
is how "before and after, on the same machine state" is measured. The sets
are those of ``restore_speed.py``: ``--n`` held-out clean BBC articles, the
clean sides and the spun sides of the real development pairs (with the real
spun pages without originals). Outputs are compared too (a speed change
should not change them).

``--unpaired N`` also times ``learn_unpaired`` (the careful default, no base)
on N training-pool BBC articles spun by the ``mythes`` spinner, both
versions alternately, and compares the learned tables' SHA-256.

Writes benchmarks/results/before_after.json.
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import ftfy
from _common import ROOT, bbc_split, mb_per_s, require_shared, save, speed_sets

import unspin

_OLD = "unspin_before"


def import_revision(rev: str) -> object:
    """The package at ``rev``, imported under another name."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src/unspin"],
        capture_output=True,
        check=True,
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="unspin-before-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = folder / "src" / "unspin"
    for path in package.glob("*.py"):  # absolute imports and data look-ups
        code = path.read_text(encoding="utf-8")
        code = code.replace("from unspin.", f"from {_OLD}.")
        code = code.replace('resources.files("unspin")', f'resources.files("{_OLD}")')
        path.write_text(code, encoding="utf-8")
    package.rename(folder / _OLD)
    sys.path.insert(0, str(folder))
    return importlib.import_module(_OLD)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev", help="the git revision to compare with (e.g. a commit)")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--unpaired",
        type=int,
        default=0,
        metavar="N",
        help="also time learn_unpaired on N articles",
    )
    args = parser.parse_args()
    require_shared()
    before = import_revision(args.rev)
    sets = speed_sets(args.n)
    new_table = unspin.Table.default()
    old_table = before.Table.default()  # type: ignore[attr-defined]
    new_clear = importlib.import_module("unspin.restore").clear_caches
    old_clear = importlib.import_module(f"{_OLD}.restore").clear_caches
    systems = {
        "after": (lambda d: unspin.restore(d, table=new_table), new_clear),
        "before": (lambda d: before.restore(d, table=old_table), old_clear),  # type: ignore[attr-defined]
        "ftfy": (ftfy.fix_text, lambda: None),
    }
    for docs in sets.values():  # every resource loaded outside the timing
        for fn, _ in systems.values():
            fn(docs[0])
    result: dict[str, object] = {"rev": args.rev, "rounds": args.rounds}
    for name, docs in sets.items():
        speeds: dict[str, list[float]] = {k: [] for k in systems}
        order = list(systems.items())
        for _ in range(args.rounds):
            # Whichever runs second in a round runs a little faster (measured
            # in session 31: the same code 0.90x and 1.00x by its place), so
            # the order turns round every round.
            for system, (fn, clear) in order:
                clear()
                speeds[system].append(mb_per_s(fn, docs))
            order.reverse()
        med = {k: statistics.median(v) for k, v in speeds.items()}
        same = sum(systems["after"][0](d) == systems["before"][0](d) for d in docs)
        result[name] = {
            "documents": len(docs),
            **{f"{k}_mb_s": round(v, 3) for k, v in med.items()},
            "after_over_before": round(med["after"] / med["before"], 3),
            "after_over_ftfy": round(med["after"] / med["ftfy"], 3),
            "before_over_ftfy": round(med["before"] / med["ftfy"], 3),
            "same_output": same,
        }
        print(
            f"{name}: after {med['after']:.2f} MB/s, before {med['before']:.2f}, "
            f"ftfy {med['ftfy']:.2f}: after/before {med['after'] / med['before']:.2f}, "
            f"after/ftfy {med['after'] / med['ftfy']:.2f} (before/ftfy "
            f"{med['before'] / med['ftfy']:.2f}); same output {same}/{len(docs)}",
            flush=True,
        )
    if args.unpaired:
        result["learn_unpaired"] = _unpaired(before, args.unpaired, args.rounds)
    save("before_after", result)


def _unpaired(before: object, n: int, rounds: int) -> dict[str, object]:
    """``learn_unpaired`` of both versions on ``n`` spun articles, alternately."""
    from unspin.spinner import make_spinner

    spinner = make_spinner("mythes")
    spun = [spinner.spin(text).text for text in bbc_split()[0][:n]]
    size = sum(len(d.encode("utf-8")) for d in spun) / 1e6
    systems = {
        "after": (unspin.learn_unpaired, "unspin"),
        "before": (before.learn_unpaired, _OLD),  # type: ignore[attr-defined]
    }
    seconds: dict[str, list[float]] = {k: [] for k in systems}
    shas: dict[str, str] = {}
    for _ in range(rounds):
        for name, (learn, package) in systems.items():
            importlib.import_module(f"{package}.restore").clear_caches()
            start = time.perf_counter()
            shas[name] = learn(spun).sha256
            seconds[name].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in seconds.items()}
    out = {
        "articles": n,
        "megabytes": round(size, 3),
        **{f"{k}_seconds": round(v, 2) for k, v in med.items()},
        **{f"{k}_mb_s": round(size / v, 4) for k, v in med.items()},
        "after_over_before": round(med["before"] / med["after"], 3),
        "same_table": shas["after"] == shas["before"],
    }
    print(f"learn_unpaired: {out}", flush=True)
    return out


if __name__ == "__main__":
    main()
