"""Context evidence: how well a word or phrase fits where it stands.

Two resources that ship with the required packages, loaded once and lazily:

* ``wordfreq`` English unigram frequencies, as a plain ``{word: zipf}`` dict
  (``wordfreq.zipf_frequency`` per call is ~20x slower on the hot path);
* the bigram dictionary shipped with ``symspellpy`` (242k lower-case bigrams,
  counts >= 6.4e6): "he said" 1.76e9 vs "he mentioned" 1.49e7;

and one that ships with unspin: word-bigram counts of clean news
(``data/bigrams_news.tsv.gz``, 75k pairs seen at least twice in BBC News
articles; built by ``scripts/build_ngrams.py``), added to symspellpy's counts
so that ordinary news phrasing ("inflation figures") is attested.
"""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import json
import math
import zlib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import compress, islice
from operator import and_
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Evidence",
    "bigram_count",
    "context_llr",
    "phrase_zipf",
    "unattested_pairs",
    "unattested_rate",
    "zipf",
]

_BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"
_NEWS_FILE = "bigrams_news.tsv.gz"
_NEWS_FORMAT, _NEWS_VERSION = "unspin-bigrams", 1
# One news bigram occurrence counts as half the rarest bigram of symspellpy's
# file: a pair seen twice in the news corpus is as attested as that one.
_NEWS_WEIGHT = 3.2e6
# Bigrams rarer than the file's floor (6.4e6) are missing; a missing bigram is
# counted at half the floor so that "present" always beats "absent".
_BIGRAM_FLOOR = 3.2e6
# A log-ratio from one side of the context is capped: one strong bigram must
# not override everything else.
_SIDE_CAP = 4.0


@cache
def _zipf_table() -> dict[str, float]:
    # wordfreq keeps its words in buckets of one centibel: bucket i holds the
    # words of frequency 10^(-i/100), Zipf 9 - i/100 (what its
    # zipf_frequency rounds to two decimals), a later bucket winning as in
    # its get_frequency_dict. No logarithm per word: a third of the time.
    table: dict[str, float] = {}
    for index, bucket in enumerate(_english_buckets()):
        table.update(dict.fromkeys(bucket, round(9 - index / 100, 2)))
    return table


def _english_buckets() -> list[list[str]]:
    """wordfreq's English word list, as ``wordfreq.get_frequency_list("en")``
    gives it: read from wordfreq's own data file ("cBpack": a gzipped msgpack
    list, a header first) without importing wordfreq, whose import (langcodes,
    ftfy) took a quarter of a second of a cold start; through wordfreq itself
    if the file is not where wordfreq 3 keeps it."""
    path = _package_file("wordfreq", "data", "large_en.msgpack.gz")
    if path is not None:
        try:
            import msgpack  # a dependency of wordfreq

            with gzip.open(path, "rb") as fh:
                data = msgpack.load(fh, raw=False)
        except (ImportError, OSError, EOFError, ValueError, zlib.error):
            data = None  # wordfreq itself, below, reads or reports it
        if (
            isinstance(data, list)
            and data
            and isinstance(data[0], dict)
            and data[0].get("format") == "cB"
            and data[0].get("version") == 1
        ):
            return data[1:]
    import wordfreq

    buckets: list[list[str]] = wordfreq.get_frequency_list("en")
    return buckets


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent.joinpath(*parts)
    return path if path.is_file() else None


@cache
def _bigram_table() -> dict[str, int]:
    table: dict[str, int] = {}
    # Found without importing symspellpy (60 ms of a cold start).
    path = _package_file("symspellpy", _BIGRAM_FILE) or resources.files("symspellpy").joinpath(
        _BIGRAM_FILE
    )
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                table[f"{parts[0]} {parts[1]}"] = int(parts[2])
    for key, count in _news_bigrams().items():
        table[key] = table.get(key, 0) + int(_NEWS_WEIGHT * count)
    return table


def _news_bigrams() -> dict[str, int]:
    """The shipped news bigram counts (see ``scripts/build_ngrams.py``)."""
    path = resources.files("unspin").joinpath("data", _NEWS_FILE)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        if header.get("format") != _NEWS_FORMAT or header.get("version") != _NEWS_VERSION:
            raise RuntimeError(
                f"{_NEWS_FILE} is not an {_NEWS_FORMAT} v{_NEWS_VERSION} file "
                f"(header {header!r}); reinstall unspin"
            )
        out = {}
        for line in fh:
            key, _, count = line.rstrip("\n").partition("\t")
            out[key] = int(count)
    return out


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word (0 when unknown).

    >>> zipf("said") > zipf("mentioned") > 0 == zipf("qzxv")
    True
    """
    return _zipf_table().get(word, 0.0)


def phrase_zipf(words: Sequence[str]) -> float:
    """Zipf frequency of a phrase, estimated by its rarest word.

    >>> phrase_zipf(["imaginative", "and", "prescient"]) == zipf("prescient")
    True
    """
    return min((zipf(w) for w in words), default=0.0)


def bigram_count(first: str, second: str) -> int:
    """Count of the lower-case bigram in symspellpy's dictionary (0 if absent).

    >>> bigram_count("he", "said") > bigram_count("he", "mentioned") > 0
    True
    """
    return _bigram_table().get(f"{first} {second}", 0)


class Evidence(NamedTuple):
    """Context evidence for an original over a spun phrase.

    ``llr`` is the log-likelihood ratio, ``why`` says where it came from, and
    ``implausible`` is true when the spun phrase is unattested where it stands
    (no bigram with any neighbour that the original has, or unattested inner
    bigrams): such a phrase is wrong in any document, not only in spun ones.
    """

    llr: float
    why: str
    implausible: bool
    sides: int


def context_llr(
    left: str | None,
    original: Sequence[str],
    spun: Sequence[str],
    right: str | None,
    *,
    explain: bool = True,
) -> Evidence:
    """Log-likelihood ratio that ``original`` rather than ``spun`` stood between
    ``left`` and ``right`` (lower-case words, ``None`` at a boundary or
    punctuation), with a short description of the evidence (left empty
    without ``explain``: the hot path scores many hits and explains few).

    Bigram counts on each side are compared directly (both are conditioned on
    the same neighbour); a side with neither bigram gives no evidence.

    >>> ev = context_llr("on", ["the", "ground"], ["the", "bottom"], "in")
    >>> ev.llr != 0.0, "right 'ground in'" in ev.why, ev.implausible
    (True, True, False)
    """
    total = 0.0
    notes = []
    sides = attested = 0
    if left is not None and original and spun:
        c_o, c_s = bigram_count(left, original[0]), bigram_count(left, spun[0])
        if c_o or c_s:
            sides += 1
            attested += c_s > 0
            side = _capped(math.log(max(c_o, _BIGRAM_FLOOR) / max(c_s, _BIGRAM_FLOOR)))
            total += side
            if explain:
                notes.append(
                    f"left '{left} {original[0]}' {c_o:.2g} vs '{left} {spun[0]}' {c_s:.2g}"
                )
    if right is not None and original and spun:
        c_o, c_s = bigram_count(original[-1], right), bigram_count(spun[-1], right)
        if c_o or c_s:
            sides += 1
            attested += c_s > 0
            side = _capped(math.log(max(c_o, _BIGRAM_FLOOR) / max(c_s, _BIGRAM_FLOOR)))
            total += side
            if explain:
                notes.append(
                    f"right '{original[-1]} {right}' {c_o:.2g} vs '{spun[-1]} {right}' {c_s:.2g}"
                )
    inner = _inner_llr(original, spun)
    if inner:
        total += inner
        if explain:
            notes.append(f"inner {inner:+.1f}")
    implausible = inner > 0 or (sides == 2 and attested == 0)
    why = ("; ".join(notes) or "no bigram evidence") if explain else ""
    return Evidence(total, why, implausible, sides)


def _inner_llr(original: Sequence[str], spun: Sequence[str]) -> float:
    """How much more natural the phrase's own bigrams are for the original.

    "imaginative and prescient" has no attested inner bigram "and prescient";
    the phrase is then implausible in itself, whatever surrounds it.
    """
    if len(spun) < 2:
        return 0.0
    s_missing = sum(1 for a, b in itertools.pairwise(spun) if not bigram_count(a, b))
    o_missing = sum(1 for a, b in itertools.pairwise(original) if not bigram_count(a, b))
    return _capped(1.5 * (s_missing - o_missing))


def _capped(value: float) -> float:
    return max(-_SIDE_CAP, min(_SIDE_CAP, value))


def unattested_rate(norms: Sequence[str]) -> float:
    """Share of adjacent pairs of common words (zipf >= 3) that the bigram
    counts have never seen: spinners make word pairs no writer uses
    ("struggle may finish inside"), so spun text has more of them.

    >>> unattested_rate(["the", "war", "may", "end", "within", "weeks"]) < unattested_rate(
    ...     ["the", "struggle", "may", "finish", "inside", "weeks"])
    True
    """
    unattested, seen = unattested_pairs(norms)
    return unattested / seen if seen else 0.0


def unattested_pairs(norms: Sequence[str]) -> tuple[int, int]:
    """``(unattested, seen)``: the counts behind :func:`unattested_rate`
    (a rate over few pairs says little). Set tests that run in C over the
    whole document.

    >>> unattested_pairs(["the", "struggle", "may", "finish", "inside", "weeks"])
    (4, 5)
    """
    common = list(map(_common_words().__contains__, norms))
    both: list[bool] = list(map(and_, common, islice(common, 1, None)))
    seen: int = sum(both)
    if not seen:
        return 0, 0
    pairs = compress(zip(norms, islice(norms, 1, None), strict=False), both)
    attested: int = sum(map(_bigram_pairs().__contains__, pairs))
    return seen - attested, seen


@cache
def _common_words() -> frozenset[str]:
    return frozenset(w for w, z in _zipf_table().items() if z >= 3.0 and w.isalpha())


@cache
def _bigram_pairs() -> frozenset[tuple[str, str]]:
    """The attested bigrams as word pairs (tuples hash faster than joined strings)."""
    return frozenset((a, b) for a, _, b in (key.partition(" ") for key in _bigram_table()))
