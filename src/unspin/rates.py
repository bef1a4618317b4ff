"""How often clean text would hold a word: the frequency half of learning
from spun text alone (:mod:`unspin.unpaired`).

A spinner shows itself in a corpus by what it adds and what it takes away.
A form it writes occurs more often than clean text would have it (a
*suspect*); a word it rewrites everywhere occurs less often (*depleted*);
and the original of a form must be common enough to account for the form's
extra occurrences (the noisy *channel*). Each needs the rate at which clean
text holds a word or phrase (:func:`reference_rate`: wordfreq for English at
large, the shipped news counts, and any clean text of the same kind the user
gives). The statistics passed in are :class:`unspin.unpaired.UnpairedStats`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from . import lm
from .context import _news_bigrams, zipf
from .extract import ALL_NUMBER_WORDS
from .lexicon import FUNCTION_WORDS

if TYPE_CHECKING:
    from .unpaired import UnpairedStats

__all__ = [
    "channel",
    "depleted_words",
    "depletion",
    "left_in_place",
    "left_share",
    "missing",
    "reference_rate",
    "spread_out",
]

# Never a suspect form nor a candidate original: function words and numbers.
NEVER = FUNCTION_WORDS | ALL_NUMBER_WORDS


# How far below clean text a word's count must fall to be proposed as the
# source of a form (nats of Poisson deviance; e^-3 is about 1 in 20). The
# source of a form the spinner made 5-19 times is a word clean text holds
# about as rarely, and its whole absence is a shortfall of only 5-19 nats:
# at 10, most of them were never candidates, and another word between the
# form's neighbours took their place. Measured on 1,000 BBC articles spun by
# a random mapping, two samples (docs/benchmarks.md, session 19), the open
# learner's one-word forms seen 5+ times go from precision / recall 0.907 /
# 0.272 and 0.916 / 0.264 at 10 to 0.930 / 0.296 and 0.934 / 0.297 at 3
# (downstream 0.505 at helpful P 0.960 -> 0.507 at 0.971, 0.497 at 0.947 ->
# 0.502 at 0.957); for ``mythes`` 0.971 / 0.407 and 0.970 / 0.421 -> 0.967 /
# 0.389 and 0.973 / 0.405 (downstream 0.428 at 0.906 -> 0.425 at 0.927, 0.426
# at 0.912 -> 0.423 at 0.927). 5 is less precise (0.911 / 0.294); 2 finds
# what 3 finds, for more time. On the real spun pages over each fold's
# default: +0.0020 at 0.958 -> +0.0010 at 0.960; with the folds' own pages
# (a crawl) +0.0025 at 0.950 -> +0.0032 at 0.949.
MIN_DEPLETION = 3.0


def depleted_words(stats: UnpairedStats, *, min_depletion: float = MIN_DEPLETION) -> frozenset[str]:
    """Words of clean English the corpus has less often than clean text
    would (:func:`depletion` of ``min_depletion`` nats or more): what a
    spinner that is deterministic per word has rewritten everywhere. Its
    choices need not be in any thesaurus; its originals are missing all the
    same. On 1,000 BBC articles spun with a random mapping, 90% of the
    originals of forms seen 20 times or more are among them; the context's
    own proposals (the likeliest words between the neighbours) held 46%.
    See :data:`MIN_DEPLETION` for the bar."""
    from wordfreq import top_n_list  # here: importing wordfreq takes 0.1 s

    vocabulary = set(_news_unigrams()[0]).union(top_n_list("en", _VOCABULARY))
    return frozenset(
        w
        for w in vocabulary
        if w.isalpha() and w not in NEVER and depletion(stats, w) >= min_depletion
    )


# Words of general English that can be found missing (wordfreq's most frequent).
_VOCABULARY = 50_000


def reference_rate(word: str, clean: UnpairedStats | None = None) -> float:
    """How often clean text has ``word``, per word: the largest of its
    wordfreq frequency (general English), its rate in the shipped clean news
    counts (news says "said" ten times as often as English at large) and its
    rate in the ``clean`` text given to :func:`unspin.learn_unpaired`.

    >>> reference_rate("said") > 10 * reference_rate("mentioned")
    True
    >>> reference_rate("economic system") < reference_rate("economy")
    True
    """
    if " " in word:
        rate = _phrase_rate(word)
    else:
        news, total = _news_unigrams()
        general = 10 ** (zipf(word) - 9) if zipf(word) else 0.0
        rate = max(general, news.get(word, 0) / total if total else 0.0)
    if clean is not None and clean.words:
        rate = max(rate, clean.counts.get(word, 0.0) / clean.words)
    return rate


@cache
def _phrase_rate(phrase: str) -> float:
    """How often clean text has a phrase, per word: the trigram model's
    probability of its words in a row, or its rate in the shipped clean news
    bigram counts (its first two words, each next word given the one before),
    whichever is larger. News writes "chief financial officer" far more often
    than English at large: it is no spinner's."""
    words = phrase.split(" ")
    rate = math.exp(lm.phrase_logprob(words))
    unigrams, total = _news_unigrams()
    pairs = _news_pairs()
    news = pairs.get(f"{words[0]} {words[1]}", 0) / total if total else 0.0
    for first, second in pairwise(words[1:]):
        news *= pairs.get(f"{first} {second}", 0) / unigrams[first] if unigrams.get(first) else 0.0
    return max(rate, news)


# The shipped news bigram counts, kept while phrases are weighed.
_news_pairs = cache(_news_bigrams)


@cache
def _news_unigrams() -> tuple[dict[str, int], int]:
    counts: Counter[str] = Counter()
    for key, count in _news_pairs().items():
        counts[key.partition(" ")[0]] += count
    return dict(counts), sum(counts.values())


def depletion(stats: UnpairedStats, original: str) -> float:
    """Evidence (nats) that the spinner rewrites ``original``: the corpus has
    it ``k`` times where clean text would have it ``lam`` times
    (:func:`reference_rate`); the Poisson deviance, positive when ``k <
    lam`` and negative when ``k > lam``, at most ``_MAX_DEPLETION`` either
    way.

    >>> from collections import Counter
    >>> from unspin.unpaired import UnpairedStats
    >>> stats = UnpairedStats(Counter({"said": 0.0, "mentioned": 40.0}), 20_000.0, 10)
    >>> depletion(stats, "said") > 10, depletion(stats, "mentioned") < 0
    (True, True)
    >>> round(channel(stats, "said", 40.0), 1)  # "said" is commoner than 40 swaps need
    -1.3
    """
    lam = _expected(stats, original)
    k = _held(stats, original)
    if lam <= 0:
        return 0.0
    dev = lam - k + (k * math.log(k / lam) if k > 0 else 0.0)
    return min(dev, _MAX_DEPLETION) if k < lam else -min(dev, _MAX_DEPLETION)


_MAX_DEPLETION = 30.0


def left_share(stats: UnpairedStats, original: str) -> float:
    """How many of the occurrences clean text would have of ``original``
    the corpus still holds, as a share (1 when clean text would not have it
    at all: no evidence that it is missing).

    >>> from collections import Counter
    >>> from unspin.unpaired import UnpairedStats
    >>> stats = UnpairedStats(Counter({"said": 5.0}), 20_000.0, 10)
    >>> left_share(stats, "said") < 0.1
    True
    """
    expected = _expected(stats, original)
    if expected <= 0:
        return 1.0
    return _held(stats, original) / expected


def left_in_place(stats: UnpairedStats, rewritten: Iterable[str]) -> float:
    """The share of a rewritten word's occurrences the spinner leaves as
    they were: the median, over the ``rewritten`` words clean text would
    have ``_SURE_EXPECTED`` times or more, of the share the corpus still
    holds as the spinner wrote it (1 with fewer than ``_SURE_WORDS`` such
    words: no evidence). A spinner's form is itself a word and may be
    rewritten as well ("want" spun "poverty" while "need" is spun "want"),
    so only this share of its own occurrences stays."""
    shares = sorted(
        stats.counts.get(w, 0.0) / expected
        for w in rewritten
        if w not in NEVER and (expected := _expected(stats, w)) >= _SURE_EXPECTED
    )
    if len(shares) < _SURE_WORDS:
        return 1.0
    return max(_LEAST_LEFT, min(1.0, shares[len(shares) // 2]))


_SURE_EXPECTED = 5.0
_SURE_WORDS = 20
_LEAST_LEFT = 0.01


def missing(stats: UnpairedStats, word: str) -> float:
    """How many occurrences of ``word`` the corpus lacks against clean text
    of its length (0 when it holds as many or more): what a deterministic
    spinner rewrote, all of it into the forms it writes for ``word``.

    >>> from collections import Counter
    >>> from unspin.unpaired import UnpairedStats
    >>> stats = UnpairedStats(Counter({"said": 5.0, "mentioned": 40.0}), 20_000.0, 10)
    >>> missing(stats, "said") > 100, missing(stats, "mentioned")
    (True, 0.0)
    """
    return max(0.0, _expected(stats, word) - _held(stats, word))


def _expected(stats: UnpairedStats, word: str) -> float:
    """How often clean text of the corpus's length would hold ``word``."""
    return stats.words * reference_rate(word, stats.reference)


def _held(stats: UnpairedStats, word: str) -> float:
    """How often the corpus holds ``word``, counting the occurrences the
    base table wrote back when restoring it (``UnpairedStats.restored``: a
    word a known swap rewrites, "people" spun "individuals", is not missing
    for another form)."""
    return stats.counts.get(word, 0.0) + stats.restored.get(word, 0.0)


def spread_out(stats: UnpairedStats, form: str) -> bool:
    """Whether ``form`` occurs in at least ``_MIN_SPREAD`` times as many
    documents as as many occurrences would reach if scattered at random
    (Poisson). A spinner writes its form wherever the original stood, and
    the commonest originals stand everywhere; a page's own topic word comes in
    bursts ("resistance" 36 times on 5 crypto pages: the "resistance zone" of
    a price chart), and no frequency can tell it from a spinner's choice.
    The open learner asks this (a careful one's thesaurus check is the
    stronger test: the real pages' "gross" for "total" comes in bursts and
    is a swap). Measured (docs/benchmarks.md, session 13): on the 70 real
    spun pages, the open learner's entries "resistance" -> "people", "cap"
    -> "system", "bearish" -> "character", "zone" -> "dollars" fall below
    0.4 and go (harmful edits 29 -> 23); on 1,000 spun BBC articles recall
    for forms seen 20 times or more drops by 0.008 at the same precision."""
    if not stats.weight:
        return True
    scattered = stats.weight * -math.expm1(-stats.counts[form] / stats.weight)
    return stats.spread[form] >= _MIN_SPREAD * scattered


_MIN_SPREAD = 0.4


def channel(stats: UnpairedStats, original: str, excess: float) -> float:
    """log P(form | original) per *swapped* occurrence of the form (the
    rest are the writer's own word), the noisy channel's other half: the
    share of the original's occurrences (as many as clean text would have,
    :func:`reference_rate`) that the form's ``excess`` occurrences can
    account for, at most 1. The model's log-ratio alone prefers common
    words ("good", "new", "said" fit nearly anywhere); a spinner that made
    20 extra "constricted" cannot have made them out of "good", which the
    corpus would hold 500 times, but out of "limited" (40). Measured on 1,000 spun BBC articles (docs/benchmarks.md):
    the true original ranks first among a form's candidates 609 times in 731
    (forms seen 20 times or more; ``mythes``) with it, 340 with the
    depletion score it replaced; 270 in 298 for a random mapping (153).
    Charged to every occurrence, it also turned away the originals of forms
    the writer uses often anyway ("company" for "service", "experience" for
    "life"); charged to the swapped share only (session 15), ``mythes``
    learns 59% of its forms seen 20 times or more instead of 56%, at
    precision 0.98."""
    expected = _expected(stats, original)
    if expected <= excess:
        return 0.0  # a word clean text hardly has: no evidence either way
    return math.log(excess / expected)
