"""Stage 7a: find table hits in a document.

A *hit* is a run of tokens that is a key of the table (longest first at each
position), or an inflected form of a single-word key ("struggles" via
"struggle" -> "war"). Finding them is the hot path of restoration: only
positions whose word can start a key are tried, tested in C over the whole
document, and everything derived from the table is built once per table.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, islice
from typing import Any, NamedTuple

from .context import zipf
from .extract import ALL_NUMBER_WORDS, NUMBER_WORDS
from .table import Entry, Table, apply_case, context_signatures
from .tokenize import Split, protected_spans

__all__ = [
    "DIGITS",
    "HALF_MEMORY",
    "MEMORY",
    "WORD_MEMORY",
    "Doc",
    "Hit",
    "best_originals",
    "find_hits",
    "inflected_forms",
    "key_prefixes",
    "memory",
    "prior",
    "quotations",
    "written",
]

DIGITS = {w: str(i) for i, w in enumerate(NUMBER_WORDS)}
# (suffix of the text word, what replaces it in the table word): a hit on
# "struggles" via the entry "struggle" -> "war" gives "wars".
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("d", ""),
)
# An inflected original must be a word at least this common (Zipf) to be used.
_MIN_INFLECTED_ZIPF = 2.5


class Hit(NamedTuple):
    """Tokens ``[start, end)`` match the table key ``key``, whose best
    original is ``original``; ``prior`` is the table's log-odds that the
    phrase was swapped rather than kept (:func:`prior`), plus ``memory``:
    what the table's memory of this swap's contexts adds (:func:`memory`,
    set by :func:`unspin.decide.decide` where a section was judged spun);
    ``rule`` is ``table`` or ``inflection``."""

    start: int  # token index
    end: int
    key: str
    original: str
    prior: float
    rule: str
    memory: float = 0.0


class Doc(Split):
    """A split document, the token indexes no edit may touch, and where a
    number word stands right before a decimal point (found with the hits)."""

    __slots__ = ("locked", "numbers")

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.numbers: list[int] = []
        self.locked: set[int] = set()
        spans = protected_spans(text)
        if spans:
            for i, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
                k = bisect_right(spans, (start, len(text) + 1)) - 1
                if (k >= 0 and spans[k][1] > start) or (
                    k + 1 < len(spans) and spans[k + 1][0] < end
                ):
                    self.locked.add(i)


def written(doc: Doc, hit: Hit) -> tuple[int, int, str]:
    """Where restoring ``hit`` changes ``doc.text`` (character offsets
    ``[start, end)``) and what it writes there, in the case of the words it
    replaces.

    >>> written(Doc("He Mentioned it."), Hit(1, 2, "mentioned", "said", 1.0, "table"))
    (3, 12, 'Said')
    """
    start, end = doc.starts[hit.start], doc.ends[hit.end - 1]
    return start, end, apply_case(doc.texts[hit.start : hit.end], hit.original)


# A quotation: straight or curly double quotes around at least three
# characters, within a line (an unclosed quotation is no quotation).
_QUOTATION = re.compile(r'[“"][^”"\n]{3,}?[”"]')


def quotations(doc: Split) -> list[tuple[int, int]]:
    """``[start, end)`` token ranges of the quotations in a document.

    >>> doc = Doc('He mentioned: “We want more.” Then he left.')
    >>> [doc.texts[a:b] for a, b in quotations(doc)]
    [['“', 'We', 'want', 'more', '.', '”']]
    """
    out = []
    for m in _QUOTATION.finditer(doc.text):
        start = bisect_left(doc.starts, m.start())
        end = bisect_left(doc.starts, m.end())
        if end > start:
            out.append((start, end))
    return out


def _inflection_index(table: Table) -> dict[str, tuple[str, str]]:
    """``{inflected spun word: (table key, inflected original)}`` for the
    single-word entries whose best original is a single word."""
    out: dict[str, tuple[str, str]] = {}
    first, _ = table.index()
    for key, length in first.items():
        if length != 1 or not key.isalpha():
            continue
        entry = table.lookup(key)
        if entry is None:
            continue
        original, _count = entry.best()
        if not original.isalpha():
            continue
        for suffix, base_end in _INFLECTIONS:
            if not (key.endswith(base_end) and original.endswith(base_end)):
                continue
            spun_form = key[: len(key) - len(base_end)] + suffix
            orig_form = original[: len(original) - len(base_end)] + suffix
            if spun_form in first or spun_form in out:
                continue
            if zipf(spun_form) > 0 and zipf(orig_form) >= _MIN_INFLECTED_ZIPF:
                out[spun_form] = (key, orig_form)
    return out


def inflected_forms(table: Table) -> dict[str, tuple[str, str]]:
    """``{inflected spun word: (table key, inflected original)}`` (built once
    per table)."""
    found: dict[str, tuple[str, str]] = table.derived("inflections", _inflection_index)
    return found


def best_originals(table: Table) -> Mapping[str, tuple[tuple[str, float], ...]]:
    """``{key: ((original, prior), ...)}``: the originals that compete in
    context, with their priors (built once per table; for a table of more
    than ``EAGER_ENTRIES`` entries, computed when a key is first looked up)."""
    found: Mapping[str, tuple[tuple[str, float], ...]] = table.derived("best", _best_index)
    return found


class HashFilter:
    """Membership without false negatives for the many items of a large
    table's index, in about 8 bytes an item: a table of one byte per slot, 8
    slots an item, set where some item's hash falls. A false positive (about
    one test in eight) only costs the caller an exact look-up that finds
    nothing; :meth:`flags` tests a sequence in C.

    >>> f = HashFilter([("financial", "institution"), ("white", "home")], 2)
    >>> ("white", "home") in f, list(f.flags([("white", "home")]))
    (True, [1])
    """

    __slots__ = ("_mask", "_slots")

    def __init__(self, items: Iterable[Hashable], count: int) -> None:
        size = 1 << max(10, (8 * max(count, 1) - 1).bit_length())
        self._mask = size - 1
        self._slots = bytearray(size)
        for item in items:
            self.add(item)

    def add(self, item: Hashable) -> None:
        """Note an item (the filter never forgets one)."""
        self._slots[hash(item) & self._mask] = 1

    def __contains__(self, item: object) -> bool:
        return bool(self._slots[hash(item) & self._mask])

    def __bool__(self) -> bool:
        return True

    def flags(self, items: Iterable[Hashable]) -> Iterator[int]:
        """1 (maybe in the set) or 0 (surely not) for each item."""
        return map(self._slots.__getitem__, map(self._mask.__and__, map(hash, items)))


def key_prefixes(table: Table) -> frozenset[str] | HashFilter:
    """Every proper word prefix of a key ("imaginative", "imaginative and");
    for a table of more than ``EAGER_ENTRIES`` entries, a :class:`HashFilter`
    of them (a million keys' prefixes took 31 MB as a set)."""
    if len(table) > EAGER_ENTRIES:
        return HashFilter(_all_prefixes(table), len(table))
    out: set[str] = set()
    for prefix in _all_prefixes(table):
        if prefix not in out:
            out.add(sys.intern(prefix))
    return frozenset(out)


def _all_prefixes(table: Table) -> Iterator[str]:
    for key in table.phrases():
        words = key.split(" ")
        for n in range(1, len(words)):
            yield " ".join(words[:n])


def _starts(table: Table) -> tuple[frozenset[str], frozenset[tuple[str, str]] | HashFilter]:
    """Single-word keys and their inflected forms (see :func:`_inflection_index`),
    and the first two words ("imaginative and") of every longer key: a position
    can start a hit only if its word is in the first set or its word pair in
    the second, tests that run in C over a document. The pairs also hold a
    number word before ".", "," or "%" ("two.2%", "three%"), for
    :mod:`unspin.artifacts`."""
    singles: set[str] = set(inflected_forms(table))
    numbers = [(w, mark) for w in DIGITS for mark in ".,%"]
    if len(table) > EAGER_ENTRIES:
        # A million keys' pairs took 100 MB as a set of tuples; a large
        # table's best originals are computed on demand, so its keys are
        # walked without them (a key without originals starts no hit).
        pairs = HashFilter(numbers, len(table))
        for key in table.phrases():
            words = key.split(" ", 2)
            if len(words) == 1:
                singles.add(key)
            else:
                pairs.add((words[0], words[1]))
        return frozenset(singles), pairs
    eager: set[tuple[str, str]] = set(numbers)
    for key in best_originals(table):
        words = key.split(" ")
        if len(words) == 1:
            singles.add(key)
        else:
            # Interned: a large table's pairs share their word objects.
            eager.add((sys.intern(words[0]), sys.intern(words[1])))
    return frozenset(singles), frozenset(eager)


def _best_index(table: Table) -> Mapping[str, tuple[tuple[str, float], ...]]:
    """``{key: ((original, prior), ...)}``, most frequent original first: the
    hot path's view of the table (:func:`_best_of`); computed on demand for a
    large table (:class:`_LazyBest`)."""
    if len(table) > EAGER_ENTRIES:
        return _LazyBest(table)
    out = {}
    for key in table:
        found = _best_of(table, key)
        if found:
            out[key] = found
    return out


def _best_of(table: Table, key: str) -> tuple[tuple[str, float], ...]:
    """The originals of ``key`` that compete in context, with their priors.
    Originals seen at least a tenth as often as the best compete (the spinner
    writes "greater" for both "more" and "higher"; the context tells which),
    at most ``_ALTERNATIVES``; none (an empty tuple) when the key is not in
    the table or only its alignment's noise."""
    entry = table.lookup(key)
    if entry is None:
        return ()
    ranked = sorted(entry.originals.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    found = []
    for original, count in ranked[:_ALTERNATIVES]:
        p = prior(entry, count)
        if (
            _ALTERNATIVE_SHARE * count >= top
            and p >= MIN_PRIOR
            and (count >= _MIN_SIGHTINGS or not _changes_length(key, original))
            and not _changes_number(key, original)
            and not _drops_negation(key, original)
        ):
            found.append((original, p))
    return tuple(found)


def _changes_number(key: str, original: str) -> bool:
    """Whether restoring ``original`` for ``key`` changes the spelt-out
    numbers it holds ("hundreds" -> "millions", "hundreds of thousands of"
    -> "millions of", "tens of millions" -> "millions"): a fact, which no
    table entry may change from context. The spinner writes "hundreds of
    thousands" for "millions", but writers write it too; a part of that swap
    learned on its own made "planted two hundred trees" into "two million
    trees" in a document judged spun.

    >>> _changes_number("hundreds", "millions"), _changes_number("hundreds of thousands", "millions")
    (True, True)
    >>> _changes_number("one other", "another"), _changes_number("tens of millions", "millions")
    (False, True)
    """
    # "One" is as often no number at all ("one other" -> "another").
    numbers = sorted(w for w in key.split(" ") if w in ALL_NUMBER_WORDS and w != "one")
    if not numbers:
        return False
    return numbers != sorted(
        w for w in original.lower().split() if w in ALL_NUMBER_WORDS and w != "one"
    )


def _drops_negation(key: str, original: str) -> bool:
    """Whether restoring ``original`` for ``key`` only deletes words of it and
    a negation among them ("to not" -> "to": the spinner writes "to not" for
    "not to", and an alignment that splits the reordering learns a swap that
    turns "pledged to not hike taxes" into "pledged to hike taxes"). "Or
    not" is no negation of what follows ("whether or not" -> "whether").

    >>> _drops_negation("to not", "to"), _drops_negation("whether or not", "whether")
    (True, False)
    >>> _drops_negation("to not", "not to"), _drops_negation("say no", "decline")
    (False, False)
    """
    if not _deletes(key, original):
        return False
    kept = set(original.lower().split(" "))
    words = key.split(" ")
    return any(
        _is_negation(w) and w not in kept and not (i and words[i - 1] == "or")
        for i, w in enumerate(words)
    )


def _is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith(("n't", "n’t"))


_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "none", "nothing", "cannot"})


# Tables up to this size keep every key's originals and priors in a dict
# (about 160 bytes a key); a larger one computes them when a key is first
# looked up: a million-entry table's index took 160 MB, and a document looks
# up a few hundred keys.
EAGER_ENTRIES = 200_000


class _LazyBest(Mapping[str, tuple[tuple[str, float], ...]]):
    """:func:`_best_index` of a large table, computed per key when first
    looked up (a bounded cache); walking it computes without caching."""

    _LIMIT = 100_000

    def __init__(self, table: Table) -> None:
        self._table = table
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def get(self, key: str, default: Any = None) -> Any:  # the hot path
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > self._LIMIT:
                self._cache.clear()
            found = self._cache[key] = _best_of(self._table, key)
        return found or default

    def __getitem__(self, key: str) -> tuple[tuple[str, float], ...]:
        found: tuple[tuple[str, float], ...] | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get(key))

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._table if _best_of(self._table, key))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def items(self) -> Iterator[tuple[str, tuple[tuple[str, float], ...]]]:  # type: ignore[override]
        for key in self._table:
            found = _best_of(self._table, key)
            if found:
                yield key, found


def _changes_length(key: str, original: str) -> bool:
    """Whether restoring ``original`` for ``key`` only deletes words of it
    (:func:`_deletes`) or writes more words than it replaces ("lots" -> "a
    lot", "rivals" -> "competitors around the": the alignment's fragments
    more often than the spinner's).

    >>> _changes_length("lots", "a lot"), _changes_length("mentioned", "said")
    (True, False)
    """
    return _deletes(key, original) or len(original.split()) > len(key.split(" "))


def _deletes(key: str, original: str) -> bool:
    """Whether restoring ``original`` for ``key`` only deletes words of it
    ("not come" -> "come", "the house" -> "the").

    >>> _deletes("not come", "come"), _deletes("pores and skin", "skin"), _deletes("was", "is")
    (True, True, False)
    """
    words, kept = key.split(" "), original.lower().split(" ")
    n = len(kept)
    return n < len(words) and any(words[i : i + n] == kept for i in range(len(words) - n + 1))


# A swap that only deletes words ("pores and skin" -> "skin" is the spinner's;
# "not come" -> "come" and "the house" -> "the" are revision drift, and delete
# meaning) or that writes more words than it replaces ("lots" -> "a lot") must
# have been seen this often to be restored. On the grouped folds the second
# rule removed one harmful and two neutral edits and no helpful one.
_MIN_SIGHTINGS = 2

# A phrase seen kept some 7 times as often as swapped ("the", "on", "have":
# mostly the alignment's noise) is not worth the model's time: it fills every
# sentence, and on the grouped folds dropping it (-2 instead of -3) changes
# neither repair nor precision.
MIN_PRIOR = -2.0


# Measured on the grouped folds: a third original changes neither repair nor
# precision, and costs a third more combinations.
_ALTERNATIVES = 2
# An original competes in context when seen at least a tenth as often as the
# best: "greater" is "more" 23 times and "higher" 4; with a fifth, "higher"
# never competed and "inflation wasn't greater" became "wasn't more".
# Measured on the grouped folds: helpful precision 0.952 -> 0.956 (neutral
# edits 76 -> 69) for 0.002 repair.
_ALTERNATIVE_SHARE = 10


def find_hits(doc: Doc, table: Table) -> dict[int, list[Hit]]:
    """Table hits by starting token index, longest first.

    >>> t = Table(); t.add("financial institution", "bank", 5); t.add("struggle", "war")
    >>> hits = find_hits(Doc("The Financial institution and the struggles."), t)
    >>> [(h.start, h.end, h.original, h.rule) for c in hits.values() for h in c]
    [(1, 3, 'bank', 'table'), (5, 6, 'wars', 'inflection')]
    """
    prefixes: frozenset[str] | HashFilter = table.derived("prefixes", key_prefixes)
    best = best_originals(table)
    inflections = inflected_forms(table)
    singles, pairs = table.derived("starts", _starts)
    norms, locked = doc.norms, doc.locked
    n = len(norms)
    out: dict[int, list[Hit]] = {}
    doc.numbers.clear()
    # Single-word keys and their inflected forms start hits; so do the first
    # two words of longer keys.
    starts = set(compress(range(n), map(singles.__contains__, norms)))
    if pairs:
        adjacent = zip(norms, islice(norms, 1, None), strict=False)
        flags = (
            pairs.flags(adjacent)
            if isinstance(pairs, HashFilter)
            else map(pairs.__contains__, adjacent)
        )
        starts.update(compress(range(n - 1), flags))
    for i in sorted(starts):
        if i in locked:
            continue
        key = norms[i]
        if (
            key in DIGITS
            and i + 1 < n
            and (
                norms[i + 1] == "%"
                or (i + 2 < n and norms[i + 1] in (".", ",") and norms[i + 2][0].isdecimal())
            )
        ):
            doc.numbers.append(i)
        found: list[Hit] = []
        for length in range(1, n - i + 1):
            if length > 1:
                key = f"{key} {norms[i + length - 1]}"
            if locked and i + length - 1 in locked:
                break
            found_here = best.get(key)
            if found_here is not None:
                found.extend(
                    Hit(i, i + length, key, original, p, "table") for original, p in found_here
                )
            if key not in prefixes:
                break
        if found:
            found.sort(key=lambda h: -h.end)  # longest first, best original first
            out[i] = found
        elif norms[i] in inflections and inflections[norms[i]][0] in best:
            infl = inflections[norms[i]]
            # An inflected form is a guess (INFLECTION_DISCOUNT).
            out[i] = [
                Hit(
                    i,
                    i + 1,
                    infl[0],
                    infl[1],
                    best[infl[0]][0][1] - INFLECTION_DISCOUNT,
                    "inflection",
                )
            ]
    return out


def memory(
    seen: frozenset[int], norms: Sequence[str], start: int, end: int, original: str
) -> float:
    """What the table's memory of a swap's contexts (``seen``, the key's
    :meth:`Table.contexts`) adds to the prior of a hit of tokens ``[start,
    end)`` of ``norms`` restoring ``original``: :data:`MEMORY`,
    :data:`HALF_MEMORY`, :data:`WORD_MEMORY` or 0."""
    both, left, right, left_word, right_word = context_signatures(norms, start, end, original)
    if both in seen:
        return MEMORY
    if left in seen or right in seen:
        return HALF_MEMORY
    return WORD_MEMORY if left_word in seen or right_word in seen else 0.0


def prior(entry: Entry, count: int) -> float:
    """Log-odds that a sighting of the entry's phrase is a swap from an
    original seen ``count`` times rather than the phrase kept as written:
    ``ln((count + 0.1) / (kept + 1))``, smoothed so that one sighting with
    none kept is close to even odds, less ``INFERRED_PENALTY`` times the
    share of the entry's counts that were inferred rather than observed
    (:func:`unspin.learn.infer_entries`).

    >>> round(prior(Entry("mentioned", {"said": 9}, 2, {}), 9), 2)
    1.11
    """
    odds = math.log((count + 0.1) / (entry.kept + 1))
    if entry.sources:
        inferred = sum(entry.sources.get(s, 0) for s in INFERRED_SOURCES)
        odds -= INFERRED_PENALTY * inferred / sum(entry.sources.values())
    return odds


INFERRED_SOURCES = ("part", "inflection", "unpaired")
# An inflected form found in text ("struggles" via "struggle" -> "war") is a
# guess: this many nats less sure than its entry. On the grouped folds, 0.5
# let through 9 edits at P(swap) 0.85 or more, 4 of them neutral; 1.5 drops
# three neutral ones and no helpful one.
INFLECTION_DISCOUNT = 1.5
INFERRED_PENALTY = 1.0
# Log-odds added to a hit's prior where the table remembers this swap's
# context (``Table.add_context``): between the same two tokens either side
# (MEMORY), beside the same two on one side (HALF_MEMORY), beside the same one
# token (WORD_MEMORY). Content farms publish several spins of one article, so
# a table learned from pairs knows many swaps between the very words around
# them. Measured by ``benchmarks/context_memory.py`` (docs/benchmarks.md,
# session 12): a table hit on a held-out spun page, restored alone, is helpful
# 45-48% of the time where its key has contexts but none matches, 79% beside
# a remembered token, 95% beside two, and in all 646 hits between the same
# two either side: about +1.4, +3.0 and over +4 nats of log-odds. The weights
# stay a little under those. (The shipped default table remembers two-token
# contexts only: unspin.learn, ``contexts=``.) None of them counts towards the
# document test (unspin.decide): memory makes a swap surer in a document
# judged spun, never a document spun.
MEMORY = 4.0
HALF_MEMORY = 2.5
WORD_MEMORY = 1.0
