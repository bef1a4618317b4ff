"""Stage 7.0: the screen, a cheap first document test before any model look-up.

Clean text is the norm, and a clean news article holds some fifty table
phrases ("on", "but", "company", "mentioned"): deciding each with the trigram
model costs far more than the text is worth. Spun text shows itself in the
*table* alone, long before the model is asked: it holds many *different*
phrases the spinner writes, most of them ones the table has seen swapped more
often than kept.

The screen reads the words of a window of about 400 words (no offsets, no
tokens beyond ``str.split``) and sums, over its *distinct* words, the
strongest evidence the table has for a spun phrase starting with that word:
``softplus(prior)`` of the entry (:func:`unspin.hits.prior`; inflected forms
half a nat less, as in :func:`unspin.hits.find_hits`). Only a document with a
window whose sum reaches ``Options.screen`` per word goes on to the model's
document test (:mod:`unspin.decide`); any other gets no table edit, and when
it also holds no spelt-out number before a decimal part ("two.2%") it is
returned as it is, without being tokenized.

Measured on the development data (``docs/benchmarks.md``): 300 clean BBC
articles score 0.04-0.15 per word (median 0.07), the spun sides of the real
pairs 0.06-0.41 (median 0.26).
"""

from __future__ import annotations

import math
import re
from itertools import islice
from typing import NamedTuple

from .context import zipf
from .extract import NUMBER_WORDS
from .hits import best_originals, inflected_forms
from .table import Table

__all__ = ["Weights", "may_have_numbers", "screen_scores", "screen_weights"]

# Words per window: the document test's section length (unspin.decide).
_WINDOW_WORDS = 400
# The screen's words: bytes of the lower-cased UTF-8 text split at white
# space and ASCII punctuation (all in C, several times faster than the
# tokenizer), a possessive or "it's" clitic split off as the tokenizer does.
_PUNCTUATION = bytes(range(256)).translate(
    bytes.maketrans(b'!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~', b" " * 31)
)


def _screen_words(text: str) -> list[bytes]:
    data = text.encode("utf-8", "surrogatepass").lower()
    if b"\xe2\x80" in data:  # curly quotes and dashes
        data = data.replace("’".encode(), b"'").replace("‘".encode(), b"'")
        data = data.replace("“".encode(), b" ").replace("”".encode(), b" ")
        data = data.replace("—".encode(), b" ").replace("–".encode(), b" ")
    if b"'s" in data:
        data = data.replace(b"'s", b" 's")
    return data.translate(_PUNCTUATION).split()


# A decimal part, and a number word right before it (searched only there).
_DECIMAL = re.compile(r"[.,]\d")
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
    pairs: dict[tuple[bytes, bytes], float]
    baseline: float


def _seen(word: str) -> float:
    """P(word occurs in a window), from its wordfreq frequency."""
    return 1.0 - (1.0 - 10 ** (zipf(word) - 9)) ** _WINDOW_WORDS if zipf(word) else 0.0


def screen_weights(table: Table) -> Weights:
    """The screen's view of ``table`` (built once per table)."""
    singles: dict[str, float] = {}
    pairs: dict[tuple[str, str], float] = {}
    best = best_originals(table)
    for key, found in best.items():
        weight = _softplus(max(p for _, p in found))
        words = key.split(" ")
        if len(words) == 1:
            singles[key] = max(weight, singles.get(key, 0.0))
        else:
            pair = (words[0], words[1])
            pairs[pair] = max(weight, pairs.get(pair, 0.0))
    for form, (key, _) in inflected_forms(table).items():
        if key in best and form not in singles:
            singles[form] = _softplus(max(p for _, p in best[key]) - _INFLECTION_DISCOUNT)
    expected = sum(m * _seen(w) for w, m in singles.items())
    for (a, b), m in pairs.items():
        both = 10 ** (zipf(a) + zipf(b) - 18) if zipf(a) and zipf(b) else 0.0
        expected += m * (1.0 - (1.0 - both) ** _WINDOW_WORDS)
    return Weights(
        {w.encode(): m for w, m in singles.items()},
        {(a.encode(), b.encode()): m for (a, b), m in pairs.items()},
        expected / _WINDOW_WORDS,
    )


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
        evidence = sum(map(singles.__getitem__, singles.keys() & set(window)))
        adjacent = set(zip(window, islice(window, 1, None), strict=False))
        evidence += sum(map(pairs.__getitem__, adjacent & pairs.keys()))
        out.append(evidence / len(window) / baseline if baseline else math.inf)
        if hi == n:
            break
    return out


def may_have_numbers(text: str) -> bool:
    """Whether ``text`` may hold a number word spelt out before a decimal part
    ("two.2%"): a superset of what restoration turns back into digits."""
    for m in _DECIMAL.finditer(text):
        start = m.start()
        if _NUMBER_WORD_END.search(text, max(0, start - _LONGEST_NUMBER_WORD), start):
            return True
    return False
