"""The trigram language model: how likely a word is after the two before it.

The model is the generic US-English trigram model that ships with
``pocketsphinx`` (BSD-2, a required dependency; 72,547 lower-case words,
2.05M bigrams, 1.67M trigrams, no punctuation), memory-mapped on first use
(~0.03 s). ``NGramModel.prob([w, h1, h2])`` answers log P(w | h2 h1) in
log-base-1.0001 units, the history *reversed*; this module hides that and
returns natural logs.

Text reaches the model as a *stream*: lower-case words, ``<s>`` and ``</s>``
around sentences, other punctuation dropped (the model was trained on text
without it), numbers read as words (digits are not in the vocabulary: whole
numbers up to twenty as themselves, one written with a thousands separator
as "thousand", other larger ones as "ten", a decimal as its whole part, a
per cent sign as "percent"), and a clitic ``'s`` joined to its word where
the model knows the contraction ("it's"). Words outside the vocabulary get
a unigram estimate from ``wordfreq`` (less a penalty), so that "hyperlink"
is rare but not impossible and two texts sharing an unknown name compare
fairly.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from .context import zipf

__all__ = [
    "NUMBER",
    "bigram_scores",
    "clear_cache",
    "fill_scores",
    "fluency",
    "fluency_sum",
    "logprob",
    "number_word",
    "phrase_logprob",
    "phrase_words",
    "score_words",
    "stream",
]

_log = logging.getLogger(__name__)

# pocketsphinx's log base is 1.0001.
_UNIT = math.log(1.0001)
# What prob() answers for a word outside the vocabulary (log zero).
_LOG_ZERO = -536870912
# An unknown word: its wordfreq unigram probability, a further factor e^-1
# for being unknown to the model, and e^-18 (about 1 in 66 million) when
# wordfreq does not know it either.
_OOV_PENALTY = 1.0
_OOV_FLOOR = -18.0
# Numbers above twenty are read as this word: "the 2024 forecast" is scored
# as "the ten forecast".
NUMBER = "ten"
# Whole numbers up to twenty are read as themselves ("12 months" as "twelve
# months": the model knows "twelve months" far better than "ten months").
_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
# A number written with a thousands separator ("28,500", "1,200,000") is read
# as this word, as it is said ("twenty-eight thousand ..."): read as "ten",
# "the $28,500 level" looked like "the ten point" to the model (a false edit
# "level" -> "point" in a clean crypto sentence).
THOUSANDS = "thousand"
# A per cent sign is read as the word ("rose to 3.2% in May": "rose to three
# percent in may"), not dropped with the other punctuation.
PERCENT = "percent"
_NUMBER_WORDS = frozenset([*_SMALL, THOUSANDS])


def number_word(token: str) -> str:
    """The word the model reads for a number token.

    >>> number_word("12"), number_word("2024"), number_word("3.2")
    ('twelve', 'ten', 'ten')
    """
    return _SMALL[int(token)] if token.isdigit() and int(token) < len(_SMALL) else NUMBER


_SENTENCE_END = frozenset(".!?…")
_CACHE_LIMIT = 500_000


@cache
def _model() -> Any:
    """The pocketsphinx trigram model, loaded once (its INFO lines silenced)."""
    import pocketsphinx

    try:
        pocketsphinx.set_loglevel("FATAL")
    except (AttributeError, RuntimeError, ValueError):  # older bindings
        _log.debug("pocketsphinx.set_loglevel is not available")
    path = os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")
    if not os.path.exists(path):
        raise RuntimeError(
            f"the pocketsphinx trigram model is missing ({path}); reinstall pocketsphinx"
        )
    return pocketsphinx.NGramModel.readfile(path)


_CACHE: dict[tuple[str, str, str], float] = {}


def logprob(word: str, prev: str, prev2: str) -> float:
    """Natural log P(word | prev2 prev), ``prev`` being the word right before.

    >>> logprob("said", "he", "<s>") > logprob("mentioned", "he", "<s>")
    True
    """
    key = (word, prev, prev2)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.clear()
        lm = _model()
        raw = lm.prob([word, prev, prev2])
        found = _unknown(word) if raw <= _LOG_ZERO // 2 else raw * _UNIT
        _CACHE[key] = found
    return found


def clear_cache() -> None:
    """Forget the cached model scores."""
    global _last_stream
    _last_stream = None
    _CACHE.clear()
    _PHRASES.clear()


@cache
def _unknown(word: str) -> float:
    z = zipf(word)
    if z <= 0:
        return _OOV_FLOOR
    return max(_OOV_FLOOR, (z - 9.0) * math.log(10) - _OOV_PENALTY)


def score_words(words: Sequence[str], start: int, end: int) -> float:
    """Sum of natural log probabilities of ``words[start:end]``, each given
    the two words before it (``<s>`` before the first).

    >>> a = score_words(["<s>", "the", "war", "may", "end"], 1, 5)
    >>> b = score_words(["<s>", "the", "struggle", "may", "finish"], 1, 5)
    >>> a > b
    True
    """
    total = 0.0
    get = _CACHE.get
    if start < 2:
        words = ["<s>"] * (2 - start) + list(words[:end])
        start, end = 2, end + 2 - start
    # Each (word, prev, prev2) triple straight from the list: the cache's key.
    triples = zip(
        words[start:end], words[start - 1 : end - 1], words[start - 2 : end - 2], strict=True
    )
    for key in triples:
        found = get(key)
        total += logprob(*key) if found is None else found
    return total


def fill_scores(before: Sequence[str], fills: Sequence[str], after: Sequence[str]) -> list[float]:
    """For each word of ``fills`` put between ``before`` (the two words
    before it) and ``after`` (up to two words after it): the sum of natural
    log probabilities of it and the words after it, each given the two
    before. Equal to :func:`score_words` of each filled window from the fill
    on, without building the windows (learning from spun text alone asks this
    of millions of candidates).

    >>> fill_scores(["<s>", "the"], ["war"], ["may", "end"]) == [
    ...     score_words(["<s>", "the", "war", "may", "end"], 2, 5)]
    True
    """
    prev2, prev = before
    right = list(after[:2])
    get = _CACHE.get
    out = []
    for word in fills:
        found = get((word, prev, prev2))
        total = 0.0 + (logprob(word, prev, prev2) if found is None else found)
        if right:
            r1 = right[0]
            found = get((r1, word, prev))
            total += logprob(r1, word, prev) if found is None else found
            if len(right) > 1:
                r2 = right[1]
                found = get((r2, r1, word))
                total += logprob(r2, r1, word) if found is None else found
        out.append(total)
    return out


def phrase_logprob(words: Sequence[str]) -> float:
    """Natural log probability of a phrase on its own (no sentence marks):
    the first word's unigram, the next given the first, and so on.

    A phrase's frequency is not evidence about its context: comparing how
    much better the context fits an original than the spun phrase *beyond*
    how common each is needs this (:mod:`unspin.decide`).

    >>> phrase_logprob(["the", "war"]) > phrase_logprob(["the", "struggle"])
    True
    """
    key = tuple(words)
    found = _PHRASES.get(key)
    if found is None:
        if len(_PHRASES) > _CACHE_LIMIT:
            _PHRASES.clear()
        lm = _model()
        found = 0.0
        for i, word in enumerate(words):
            raw = lm.prob([word, *reversed(words[max(0, i - 2) : i])])
            found += _unknown(word) if raw <= _LOG_ZERO // 2 else raw * _UNIT
        _PHRASES[key] = found
    return found


_PHRASES: dict[tuple[str, ...], float] = {}


def bigram_scores(words: Sequence[str], *, before: str = "", after: str = "") -> list[float]:
    """For each of ``words``: natural log P(word | ``before``) with one word
    of history, or, given ``after`` instead, log P(``after`` | word); with
    neither, log P(word) alone. Not cached: learning from spun text alone
    asks this of thousands of words at once, each pair once.

    >>> said, mentioned = bigram_scores(["said", "mentioned"], before="he")
    >>> said > mentioned
    True
    """
    prob = _model().prob
    zero = _LOG_ZERO // 2
    if after:
        raws = [prob([after, w]) for w in words]
        return [_unknown(after) if r <= zero else r * _UNIT for r in raws]
    raws = [prob([w, before]) if before else prob([w]) for w in words]
    return [_unknown(w) if r <= zero else r * _UNIT for w, r in zip(words, raws, strict=True)]


def _is_number(norm: str) -> bool:
    return not norm.isalpha() and _DIGIT(norm) is not None


_DIGIT = re.compile(r"\d").search


@cache
def _known(word: str) -> bool:
    return bool(_model().prob([word]) > _LOG_ZERO // 2)


def stream(norms: Sequence[str]) -> tuple[list[str], list[int]]:
    """The model's view of normalized tokens: ``(words, position)`` where
    ``position[i]`` is the index in ``words`` of the first model word at or
    after token ``i`` (so a token range ``[i, j)`` covers model words
    ``[position[i], position[j])``; ``position`` has ``len(norms) + 1``
    entries).

    >>> words, pos = stream(["he", "said", ",", "it", "'s", "3", ".", "2", "%", "."])
    >>> words
    ['<s>', 'he', 'said', "it's", 'three', 'percent', '</s>']
    >>> pos[3], pos[5]
    (3, 4)
    >>> stream(["the", "$", "28", ",", "500", "level"])[0]
    ['<s>', 'the', 'thousand', 'level', '</s>']
    """
    global _last_stream
    last = _last_stream  # one read: another thread may replace it
    if last is not None and last[0] == norms:
        # The screen's fluency question (unspin.screen.fluent) streamed this
        # very document a moment ago.
        return list(last[1]), list(last[2])
    words = ["<s>"]
    position = []
    n = len(norms)
    for i, tok in enumerate(norms):
        position.append(len(words))
        if tok[-1:].isalnum() or tok[-1:] == "_":
            if tok == "'s":
                if len(words) > 1 and _known(words[-1] + "'s"):
                    words[-1] += "'s"
                continue
            if _is_number(tok):
                if words[-1] not in _NUMBER_WORDS or i == 0 or norms[i - 1] not in ".,":
                    if (
                        i + 2 < n
                        and norms[i + 1] == ","
                        and len(norms[i + 2]) == 3
                        and norms[i + 2].isdigit()
                    ):
                        words.append(THOUSANDS)
                    else:
                        words.append(number_word(tok))
                continue
            words.append(tok)
        elif tok == "%":
            words.append(PERCENT)
        elif tok in _SENTENCE_END:
            # "3.2" is one number; "U.S." ends no sentence before a lower-case word.
            if 0 < i < n - 1 and _is_number(norms[i - 1]) and _is_number(norms[i + 1]):
                continue
            if words[-1] not in ("<s>",):
                words.append("</s>")
                words.append("<s>")
    if words[-1] == "<s>":
        words.pop()
        position.append(len(words))
    else:
        position.append(len(words))
        words.append("</s>")
    # A sentence start popped at the very end may leave positions past the list.
    position = [min(p, len(words)) for p in position]
    _last_stream = (list(norms), words, position)
    return list(words), list(position)


# The last document streamed: its tokens, model words and positions.
_last_stream: tuple[list[str], list[str], list[int]] | None = None


def phrase_words(norms: Sequence[str]) -> list[str]:
    """The model words of a phrase (a table original or key), no sentence marks.

    >>> phrase_words(["the", "u", ".", "s", "."]), phrase_words(["12", "months"])
    (['the', 'u', 's'], ['twelve', 'months'])
    """
    out = []
    for tok in norms:
        if tok[-1:].isalnum() or tok[-1:] == "_":
            if tok == "'s":
                continue
            out.append(number_word(tok) if _is_number(tok) else tok)
        elif tok == "%":
            out.append(PERCENT)
    return out


def fluency(norms: Sequence[str]) -> tuple[float, int]:
    """How much the model's context explains the words of a text: the mean
    over its known words of log P(word | two before) - log P(word), and the
    number of words averaged. Spinners choose words that fit their context
    worse than a writer's would, so spun text scores lower (DESIGN.md: this
    feature alone separates real spun from clean news at ROC AUC 0.95).

    >>> fluency("the war may end within weeks , he said .".split())[0] > fluency(
    ...     "the struggle may finish inside weeks , he mentioned .".split())[0]
    True
    """
    total, n = fluency_sum(stream(norms)[0], 1)
    return (total / n if n else 0.0), n


def fluency_sum(words: Sequence[str], lo: int, hi: int | None = None) -> tuple[float, int]:
    """The sum behind :func:`fluency` over model words ``words[lo:hi]`` (as
    :func:`stream` gives them), and the number of words summed: sentence
    marks, number words and words the model does not know are left out.

    >>> words = stream("the war may end , he said .".split())[0]
    >>> fluency_sum(words, 1)[1]
    6
    """
    total, n = 0.0, 0
    for i in range(max(1, lo), len(words) if hi is None else hi):
        word = words[i]
        if word in ("<s>", "</s>") or word in _NUMBER_WORDS or not _known(word):
            continue
        prev = words[i - 1]
        prev2 = words[i - 2] if i >= 2 else "<s>"
        total += logprob(word, prev, prev2) - _unigram(word)
        n += 1
    return total, n


@cache
def _unigram(word: str) -> float:
    return float(_model().prob([word])) * _UNIT
