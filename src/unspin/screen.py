"""Stage 7.0: the screen, a cheap first document test before any model look-up.

Clean text is the norm, and a clean news article holds some fifty table
phrases ("on", "but", "company", "mentioned"): deciding each with the trigram
model costs far more than the text is worth. Spun text shows itself in the
*table* alone, long before the model is asked: it holds many *different*
phrases the spinner writes, most of them ones the table has seen swapped more
often than kept.

The screen cuts a document into windows of 400 words (UTF-8 bytes split at
white space and ASCII punctuation, in C: no tokens, no offsets)
and sums, over each window's *distinct* words, the strongest evidence the table
has for a phrase starting there: ``softplus`` of the entry's prior
(:func:`unspin.hits.prior`; the first two words of longer keys; inflected forms
half a nat less). It divides that by the evidence per word a window of clean
English gets on average with the same table (wordfreq frequencies), so that
the score means the same for any table: 1 is ordinary clean text. A window of
50 to 400 words strays further from 1 by chance, and its ratio is shrunk
towards 1 by ``sqrt(words / 400)``.

Only a document with a window at ``Options.screen`` (1.7) or more goes on to
the model's document test (:mod:`unspin.decide`); any other gets no table
edit, and when it also holds no spelt-out number before a decimal part
("two.2%") it is returned as it is, without being tokenized.

Measured on the development data (``docs/benchmarks.md``): 300 clean BBC
articles score 0.73-1.93 (95th percentile 1.62), the clean sides of the pairs
0.56-2.01, the target family's spun pages without originals 0.88-3.81 (5th
percentile 1.83).

**Fluent text.** A document the table screen lets through only narrowly
(below :data:`FLUENT_SCREEN`) is asked one more cheap question before its
hits are decided: how well the trigram model's context explains its words
(:func:`fluent`, ``Options.fluent``). A spinner's words fit their context
worse than a writer's, so a narrowly screened document that is fluent in
every section is clean text that happens to use many table words, and is
turned away like any other.
"""

from __future__ import annotations

import itertools
import math
import re
import string
from array import array
from bisect import bisect_left
from itertools import compress, islice
from typing import Any, NamedTuple

from . import hits, lm
from .context import zipf
from .decide import sections
from .extract import NUMBER_WORDS
from .hits import HashFilter, best_originals, inflected_forms
from .table import Table
from .tokenize import Split

__all__ = [
    "FLUENT_SCREEN",
    "MIN_BASELINE",
    "Weights",
    "fluent",
    "may_have_numbers",
    "screen_scores",
    "screen_weights",
    "screens",
]

# Words per window: the document test's section length (unspin.decide).
_WINDOW_WORDS = 400
# Windows shorter than this are not shrunk: a one-line input is cheap to send
# to the model, and one strong artifact must be able to open it.
_SHORT = 50
# The screen's words: the UTF-8 bytes of the text, ASCII letters lower-cased,
# split at white space and ASCII punctuation (all in C, several times faster
# than the tokenizer), a possessive or "it's" clitic split off as the
# tokenizer does. A word with a non-ASCII capital ("Élysée") then matches no
# (lower-case) key: the screen counts a little less evidence, never more.
_PUNCTUATION = (
    bytes(range(256))
    .lower()
    .translate(bytes.maketrans(b'!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~', b" " * 31))
)


def _screen_words(text: str) -> list[bytes]:
    # Curly quotes and dashes are replaced before the one pass (in C) that
    # lower-cases ASCII letters and blanks ASCII punctuation.
    data = text.encode("utf-8", "surrogatepass")
    if b"\xe2\x80" in data:  # curly quotes and dashes
        data = data.replace("’".encode(), b"'").replace("‘".encode(), b"'")
        data = data.replace("“".encode(), b" ").replace("”".encode(), b" ")
        data = data.replace("—".encode(), b" ").replace("–".encode(), b" ")
    data = data.translate(_PUNCTUATION)  # lower-cased: "'S" is "'s" now
    if b"'s" in data:
        data = data.replace(b"'s", b" 's")
    return data.split()


# A number word that ends right before a decimal mark or per cent sign
# (searched only there: may_have_numbers).
_NUMBER_WORD_END = re.compile(r"(?<!\w)(?:" + "|".join(NUMBER_WORDS) + r")$", re.IGNORECASE)
_LONGEST_NUMBER_WORD = max(map(len, NUMBER_WORDS)) + 1
_INFLECTION_DISCOUNT = 0.5


def _softplus(x: float) -> float:
    return math.log1p(math.exp(x)) if x < 30 else x


class Weights(NamedTuple):
    """What the screen reads off a table: for each one-word key (or inflected
    form of one), and for the first two words of each longer key,
    ``softplus`` of the best prior among the phrases they start; and
    ``baseline``, the evidence per word a window of clean English text gets on
    average (from wordfreq frequencies, pairs as independent words)."""

    singles: dict[bytes, float]
    pairs: dict[tuple[bytes, bytes], float] | LazyPairs
    baseline: float


class LazyPairs:
    """The pair weights of a table of more than ``unspin.hits.EAGER_ENTRIES``
    entries (a million keys' weights took 227 MB as a dictionary): a
    :class:`~unspin.hits.HashFilter` of the pairs that start keys, and each
    pair's weight computed when a window first holds it (a bounded cache),
    from the keys it starts, found by bisection in the sorted keys. The same
    weights as the dictionary, so the same scores."""

    _LIMIT = 100_000

    def __init__(self, table: Table) -> None:
        self._best = best_originals(table)
        self._keys = sorted(table.phrases())
        self._filter = HashFilter((), len(self._keys))
        self._cache: dict[tuple[bytes, bytes], float] = {}

    def add(self, first: bytes, second: bytes) -> None:
        """Note a pair that starts a key."""
        self._filter.add((first, second))

    def weights(self, window: list[bytes]) -> list[float]:
        """The weight of each distinct pair of adjacent words of ``window``
        that starts a key."""
        adjacent = list(zip(window, islice(window, 1, None), strict=False))
        found = set(compress(adjacent, self._filter.flags(adjacent)))
        return [w for w in map(self._weight, found) if w]

    def _weight(self, pair: tuple[bytes, bytes]) -> float:
        weight = self._cache.get(pair)
        if weight is None:
            if len(self._cache) > self._LIMIT:
                self._cache.clear()
            prefix = (pair[0] + b" " + pair[1]).decode("utf-8", "surrogatepass")
            weight = self._own(prefix)
            longer = prefix + " "
            for key in islice(self._keys, bisect_left(self._keys, longer), None):
                if not key.startswith(longer):
                    break
                weight = max(weight, self._own(key))
            self._cache[pair] = weight
        return weight

    def _own(self, key: str) -> float:
        found = self._best.get(key)
        return _softplus(max(p for _, p in found)) if found else 0.0


def _seen(*words: str) -> float:
    """P(the words occur together in a window of clean English), from their
    wordfreq frequencies taken as independent."""
    if not all(map(zipf, words)):
        return 0.0
    # Plain floats throughout (math.pow): the same numbers as ``**``, and a
    # type mypyc can compile (benchmarks/compiled_core.py).
    rate = math.pow(10.0, sum((zipf(w) - 9.0 for w in words), 0.0))
    return 1.0 - math.pow(1.0 - rate, _WINDOW_WORDS)


def screen_weights(table: Table) -> Weights:
    """The screen's view of ``table`` (built once per table; for a table of
    more than ``unspin.hits.EAGER_ENTRIES`` entries the pair weights are
    :class:`LazyPairs`)."""
    singles: dict[str, float] = {}
    pairs: dict[tuple[str, str], float] = {}
    best = best_originals(table)
    lazy = LazyPairs(table) if len(table) > hits.EAGER_ENTRIES else None
    # A lazy table keeps only the terms of the baseline, one per pair: its
    # keys come sorted, those that start with one pair together.
    terms = array("d")
    group: tuple[str, str] | None = None
    group_weight = 0.0
    for key, found in best.items():
        weight = _softplus(max(p for _, p in found))
        words = key.split(" ")
        if len(words) == 1:
            singles[key] = max(weight, singles.get(key, 0.0))
            continue
        pair = (words[0], words[1])
        if lazy is None:
            pairs[pair] = max(weight, pairs.get(pair, 0.0))
            continue
        lazy.add(pair[0].encode(), pair[1].encode())
        if pair != group:
            if group is not None:
                terms.append(group_weight * _seen(*group))
            group, group_weight = pair, 0.0
        group_weight = max(group_weight, weight)
    if group is not None:
        terms.append(group_weight * _seen(*group))
    for form, (key, _) in inflected_forms(table).items():
        if key in best and form not in singles:
            singles[form] = _softplus(max(p for _, p in best[key]) - _INFLECTION_DISCOUNT)
    # fsum: exact, so the baseline does not depend on the order of its terms.
    expected = math.fsum(
        itertools.chain(
            (m * _seen(w) for w, m in singles.items()),
            (m * _seen(a, b) for (a, b), m in pairs.items()),
            terms,
        )
    )
    # Equal weights and words are one object each (a large table repeats them).
    pool: dict[Any, Any] = {}

    def shared(x: Any) -> Any:
        return pool.setdefault(x, x)

    return Weights(
        {shared(w.encode()): shared(m) for w, m in singles.items()},
        lazy
        if lazy is not None
        else {(shared(a.encode()), shared(b.encode())): shared(m) for (a, b), m in pairs.items()},
        expected / _WINDOW_WORDS,
    )


def screens(table: Table) -> bool:
    """Whether restoration screens documents with ``table``: only when its
    phrases fill ordinary text (clean English gets at least ``MIN_BASELINE``
    evidence per word from them, as from the default table's 0.08). A small
    table, such as one learned from a few pairs of another rewriter (0.02),
    finds few hits in any text: the model may look at all of them, and the
    screen, made for tables that know the everyday words a spinner writes,
    would turn that rewriter's pages away.

    >>> screens(Table.default()), screens(Table())
    (True, False)
    """
    weights: Weights = table.derived("screen", screen_weights)
    return weights.baseline >= MIN_BASELINE


MIN_BASELINE = 0.05


def screen_scores(text: str, table: Table) -> list[float]:
    """The screen's evidence per word of each window of ``text``, relative
    to what clean English text gets on average with the same table.

    >>> t = Table(); t.add("struggle", "war", 9)
    >>> screen_scores("The war goes on.", t)
    [0.0]
    >>> screen_scores("The struggle goes on.", t)[0] > 1
    True
    """
    singles, pairs, baseline = table.derived("screen", screen_weights)
    words = _screen_words(text)
    n = len(words)
    out = []
    for lo in range(0, n, _WINDOW_WORDS):
        hi = lo + _WINDOW_WORDS
        if n - hi < _WINDOW_WORDS // 2:  # a short tail joins the window before it
            hi = n
        window = words[lo:hi]
        # Each distinct word and adjacent pair once (a dictionary view's
        # intersection walks the window, in C); fsum is exact, so the score
        # does not depend on the order in which the set holds them.
        evidence = math.fsum(map(singles.__getitem__, singles.keys() & window))
        if isinstance(pairs, LazyPairs):
            evidence += math.fsum(pairs.weights(window))
        else:
            adjacent = zip(window, islice(window, 1, None), strict=False)
            evidence += math.fsum(map(pairs.__getitem__, pairs.keys() & adjacent))
        ratio = evidence / len(window) / baseline if baseline else math.inf
        if _SHORT <= len(window) < _WINDOW_WORDS and math.isfinite(ratio):
            # A shorter window's ratio strays further from 1 by chance (about
            # as 1/sqrt(words)): shrink it to the scale of a full window.
            ratio = 1.0 + (ratio - 1.0) * math.sqrt(len(window) / _WINDOW_WORDS)
        out.append(ratio)
        if hi == n:
            break
    return out


def may_have_numbers(text: str) -> bool:
    """Whether ``text`` may hold a number word spelt out before a decimal part
    or a per cent sign ("two.2%", "three%"): a superset of what restoration
    turns back into digits.

    The places where one may stand are found in C: the text as one byte per
    character (any other character "?"), each byte mapped to its shape
    (letter, digit, decimal mark, per cent sign, possibly any of them), the
    shapes "mark, digit" and "per cent" searched for, and only those after a
    letter looked at closely. Several times faster than a
    regular expression over the text, and the same answer
    (``tests/test_screen.py``).

    >>> may_have_numbers("up two.2% on the year"), may_have_numbers("up 2.2% on the year")
    (True, False)
    """
    data = text.encode("ascii", "replace")  # one byte per character
    shape = data.translate(_SHAPES)
    for pattern in _CANDIDATES:
        mark = shape.find(pattern, 1)
        while mark > 0:
            if shape[mark - 1] in _LETTERS and _number_before(text, mark):
                return True
            mark = shape.find(pattern, mark + 1)
    return False


def _number_before(text: str, mark: int) -> bool:
    """Whether the decimal mark or per cent sign at ``mark`` follows a number
    word (and, for a decimal mark, comes before a digit)."""
    if text[mark] in ".," and not text[mark + 1 : mark + 2].isdecimal():
        return False
    # A number word ends in a letter: "2,000" and "3.5" need no look back.
    return text[mark - 1].isalpha() and bool(
        _NUMBER_WORD_END.search(text, max(0, mark - _LONGEST_NUMBER_WORD), mark)
    )


# Each byte's shape for may_have_numbers: "a" an ASCII letter, "0" a digit,
# "." a decimal mark, "%" a per cent sign, "?" a character outside ASCII (a
# letter or a digit, perhaps; a literal "?" too), " " anything else.
_SHAPE_OF = (
    (string.ascii_letters, "a"),
    (string.digits, "0"),
    (".,", "."),
    ("%", "%"),
    ("?", "?"),
)
_SHAPES = bytes(
    next((ord(shape) for chars, shape in _SHAPE_OF if chr(b) in chars), ord(" "))
    for b in range(256)
)
# A decimal mark before a digit, a per cent sign: each after a letter.
_CANDIDATES = (b".0", b".?", b"%")
_LETTERS = frozenset(b"a?")


# Only a document whose best screen window stays below this is asked whether
# it is fluent (:func:`fluent`): a page that the table screen calls spun
# outright is decided by the model, whatever its fluency. Measured on the
# development data (docs/benchmarks.md, session 31): of the 40 BBC articles
# (of 2,225) that pass the screen, 37 score below 2.0, and so do 9 of the
# 144 real spun pages that pass it (1.75-1.97).
FLUENT_SCREEN = 2.0
# Fluency is asked of parts of about this many model words (cut after a
# sentence): a spun page between two clean articles leaves a part that is
# mostly its own. Measured (docs/benchmarks.md, session 31): with parts of
# 400 words, one piece of such a text, a clean article's end and a short spun
# page, read as fluent and lost its edits (benchmarks/long_documents.py: 15 of
# 1,280 helpful edits); with 200, none.
_FLUENT_PART = 200
# A text of fewer model words than this is never called fluent: a mean over
# a line says little.
_FLUENT_WORDS = 100
# A part of fewer counted words than this is judged with the one before it.
_FLUENT_TAIL = 50


def fluent(text: str, bar: float) -> bool:
    """Whether every part of ``text`` (about 200 model words, cut after a
    sentence: :func:`unspin.decide.sections`) reaches ``bar`` in the trigram
    model's mean log P(word | two before) - log P(word)
    (:func:`unspin.lm.fluency_sum`), over at least 100 words in all.

    Measured on the development data (docs/benchmarks.md, session 31), at
    the default bar of 1.45 (``Options.fluent``): of the 42 texts or pieces
    of the 2,225 BBC articles that pass the screen, 20 are fluent; none of
    the 144 real spun pages that pass it is (those below
    :data:`FLUENT_SCREEN` read 1.27 at most).

    >>> fluent("The struggle may finish inside weeks, he mentioned.", 1.0)
    False
    """
    words = lm.stream(Split(text).norms)[0]
    means: list[tuple[float, int]] = []
    for lo, hi in sections(words, _FLUENT_PART):
        total, n = lm.fluency_sum(words, lo, hi)
        if means and n < _FLUENT_TAIL:
            before, m = means.pop()
            total, n = total + before * m, n + m
        means.append((total / n if n else 0.0, n))
    return sum(n for _, n in means) >= _FLUENT_WORDS and all(mean >= bar for mean, _ in means)
