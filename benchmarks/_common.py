"""Shared helpers of the benchmark scripts: data paths and result files."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "scripts"))


def require_shared() -> None:
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: the benchmarks need ../shared beside the repository")


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def option_args(parser: argparse.ArgumentParser) -> None:
    """``--option NAME=VALUE`` (repeatable): restoration options other than
    the defaults, for sweeps; the result file then names them."""
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an unspin.Options field to set (repeatable)",
    )


def fold_args(description: str) -> tuple[int, Any, str]:
    """The command line of a grouped-folds benchmark (``--folds``,
    ``--option``): the number of folds, the :class:`unspin.Options` and the
    result file's suffix. Exits when ``../shared`` is absent."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--folds", type=int, default=5)
    option_args(parser)
    args = parser.parse_args()
    options, suffix = options_from(args)
    require_shared()
    return args.folds, options, suffix


def options_from(args: argparse.Namespace) -> tuple[Any, str]:
    """The :class:`unspin.Options` that ``--option`` asks for, and a suffix
    for the result file ("" for the defaults)."""
    import unspin

    values: dict[str, Any] = {}
    for item in args.option:
        name, _, value = item.partition("=")
        kind = type(getattr(unspin.Options(), name))
        if kind is bool:  # bool("False") is True
            if value.lower() not in ("true", "false", "1", "0"):
                raise SystemExit(f"--option {name}: true or false, not {value!r}")
            values[name] = value.lower() in ("true", "1")
        else:
            values[name] = kind(value)
    suffix = "".join(f"_{k}{v}" for k, v in sorted(values.items()))
    return unspin.Options(**values), suffix


def save(name: str, result: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"saved {path.relative_to(ROOT)}", file=sys.stderr)


def bbc_split(test: int = 200, seed: int = 7) -> tuple[list[str], list[str]]:
    """BBC article texts, shuffled once with a fixed seed: (train pool, test).

    The test articles are never used for training by any benchmark."""
    import random

    texts = [a["text"] for a in read_jsonl(DATA / "bbc_2225.jsonl")]
    random.Random(seed).shuffle(texts)
    return texts[:-test], texts[-test:]


def count_caches() -> tuple[Any, ...]:
    """The caches that hold what the clean news counts gave: cleared
    whenever :func:`news_counts_without` swaps the counts."""
    import unspin.context as context
    import unspin.rates as rates
    import unspin.unpaired.candidates as candidates
    import unspin.unpaired.evidence as evidence

    return (
        context._bigram_table,
        context._bigram_pairs,
        rates._news_unigrams,
        rates._phrase_rate,
        candidates._top_neighbours,
        candidates._neighbours_among,
        candidates._expected_between,
        candidates._with_missing,
        evidence._domain,
    )


def fold_defaults(
    pairs: list[dict[str, Any]], k: int = 5
) -> Iterator[tuple[list[dict[str, Any]], Any]]:
    """Each of the ``k`` grouped folds of ``pairs`` (:func:`grouped_folds`)
    with the default table built without it
    (``scripts/build_default_table.build``): what restores that fold in
    every grouped-fold measurement."""
    from build_default_table import build

    for fold in grouped_folds(pairs, k):
        yield fold, build(SHARED, exclude_pairs={p["id"] for p in fold})


@contextmanager
def news_counts_without(sample: list[str]) -> Iterator[int]:
    """Learning with the shipped clean news counts rebuilt without ``sample``.

    The shipped bigram counts (``scripts/build_ngrams.py``) were counted
    from the BBC training pool, which the synthetic benchmarks spin their
    samples from: a learner from spun text alone would read, in how often
    clean news holds a word or a pair, the very articles it is shown spun
    (a user's crawl is in no shipped count). Inside this context they are
    counted the same way (pairs seen twice or more) from every BBC article
    but ``sample`` and the 200 test articles of :func:`bbc_split`; on exit
    the shipped counts are back. Yields how many articles were counted."""
    import build_ngrams

    import unspin.context as context
    import unspin.decide as decide
    import unspin.rates as rates

    _, test = bbc_split()
    left_out = set(sample) | set(test)
    texts = [a["text"] for a in read_jsonl(DATA / "bbc_2225.jsonl")]
    counted = [t for t in texts if t not in left_out]
    counts = {
        k: c for k, c in build_ngrams.count_bigrams(counted).items() if c >= build_ngrams.MIN_COUNT
    }
    shipped = context._news_bigrams

    def use(news: Callable[[], dict[str, int]]) -> None:
        context._news_bigrams = rates._news_bigrams = news  # type: ignore[assignment]
        rates._news_pairs = functools.cache(news)
        for cached in count_caches():
            cached.cache_clear()
        decide.clear_cache()

    use(lambda: counts)
    try:
        yield len(counted)
    finally:
        use(shipped)


def synthetic_pairs(texts: list[str], n: int, spinner: str) -> list[tuple[str, str]]:
    """``n`` (spun, clean) pairs: the texts spun in turn by one fixed spinner
    (its dictionary fixed by seed 0); past the end of ``texts`` the same
    articles are spun again with other words hit (round r uses seed r)."""
    from unspin.spinner import SPINNERS

    machine = SPINNERS[spinner]
    return [
        (machine.spin(texts[i % len(texts)], seed=i // len(texts)).text, texts[i % len(texts)])
        for i in range(n)
    ]


def plot_path(name: str) -> Path:
    path = ROOT / "docs" / "img" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def grouped_folds(pairs: list[dict[str, Any]], k: int = 5) -> list[list[dict[str, Any]]]:
    """``k`` folds of pairs in which spins of one original stay together.

    Pairs are grouped when their clean texts share any 8-word shingle (ids
    alone miss originals that recur across files: DATA/README.md), then the
    groups are dealt largest first to the fold with the fewest clean words.
    """
    shingles: dict[tuple[str, ...], int] = {}
    parent = list(range(len(pairs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, pair in enumerate(pairs):
        words = pair["clean"].lower().split()
        for j in range(len(words) - 7):
            other = shingles.setdefault(tuple(words[j : j + 8]), i)
            if other != i:
                parent[find(i)] = find(other)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, pair in enumerate(pairs):
        groups.setdefault(find(i), []).append(pair)
    folds: list[list[dict[str, Any]]] = [[] for _ in range(k)]
    sizes = [0] * k
    ordered = sorted(
        groups.values(), key=lambda g: (-sum(len(p["clean"].split()) for p in g), g[0]["id"])
    )
    for group in ordered:
        f = sizes.index(min(sizes))
        folds[f].extend(group)
        sizes[f] += sum(len(p["clean"].split()) for p in group)
    return folds


def speed_sets(n: int) -> dict[str, list[str]]:
    """The documents speed is measured on: ``n`` held-out clean BBC articles,
    the clean sides and the spun sides of the real development pairs (with
    the real spun pages without originals)."""
    pairs = read_jsonl(DATA / "real_pairs_dev.jsonl")
    return {
        "bbc": [d["text"] for d in read_jsonl(DATA / "bbc_2225.jsonl", n)],
        "clean_sides": [p["clean"] for p in pairs],
        "spun_pages": [p["spun"] for p in pairs]
        + [d["spun"] for d in read_jsonl(DATA / "spun_only_dev.jsonl")],
    }


def mb_per_s(fn: Callable[[str], object], docs: list[str]) -> float:
    """MB/s of ``fn`` over ``docs`` (UTF-8 bytes), one pass."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return size / (time.perf_counter() - start) / 1e6
