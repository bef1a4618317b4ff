"""Pass 1 of learning from spun text alone, and the suspects it finds: the
forms a corpus holds more often than clean English would (:func:`find_suspects`),
and those whose occurrences misfit their places more often than its words
usually do (:func:`context_suspects`)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Container, Iterable, Iterator

from .. import lm
from ..rates import NEVER, reference_rate
from ..table import Table
from .reading import _documents, _phrase_forms, _phrases_in, pass_label
from .stats import UnpairedStats

__all__ = ["MIN_RATIO", "context_suspects", "count_pass", "find_suspects", "usual_misfit"]


# How many times as often as in clean English a form must occur to be a
# suspect. Measured on 1,000 articles spun by ``mythes`` (forms seen 20+
# times; docs/benchmarks.md): 3.0 finds 591 of the 903 swaps as suspects and
# learns 43% of them at precision 0.91; 1.2 learns 51% at 0.92 (a form the
# spinner writes only now and then beside its ordinary use weighs little in
# the mixture evidence, so a lower bar costs no precision). On the real pages
# 1.2 and 3.0 learn the same entries.
MIN_RATIO = 1.2


def count_pass(texts: Iterable[str], base: Table, *, progress: bool = False) -> UnpairedStats:
    """Pass 1: weighted word counts, and how often each word misfits its place."""
    stats = UnpairedStats()
    for weight, arrays, restored in _documents(texts, base, progress, pass_label("count_pass")):
        norms = arrays.norms
        stats.documents += 1
        stats.weight += weight
        found: Counter[str] = Counter()
        words = 0
        for i, t in enumerate(norms):
            if t.isalpha():
                words += 1
                if i in restored:
                    stats.restored[t] += weight  # type: ignore[assignment]
                else:
                    found[t] += 1
        stats.words += weight * words
        found.update(
            form
            for start, end, form in _phrases_in(norms, _phrase_forms())
            if not restored or restored.isdisjoint(range(start, end))
        )
        for form, n in found.items():
            stats.counts[form] += weight * n  # type: ignore[assignment]
            stats.spread[form] += weight  # type: ignore[assignment]
        for i, surface in enumerate(arrays.texts):
            if i and surface[:1].isupper() and norms[i - 1] not in _SENTENCE_MARKS:
                stats.capitalized[norms[i]] += weight  # type: ignore[assignment]
        for form in _misfits(norms, restored):
            stats.misfits[form] += weight  # type: ignore[assignment]
    return stats


def _misfits(norms: list[str], restored: frozenset[int]) -> Iterator[str]:
    """The words of ``norms`` that fit their place worse than their own
    frequency would: the trigram model's probability of the word and the
    two after it, beside that of the two after it alone, is lower than the
    word's unigram probability (a pointwise mutual information below 0)."""
    words, pos = lm.stream(norms)
    end = len(words)
    for i, t in enumerate(norms):
        if len(t) < 3 or t in NEVER or i in restored or not t.isalpha():
            continue
        k = pos[i]
        if k >= end or words[k] != t:
            continue
        l1 = words[k - 1] if k >= 1 else "<s>"
        l2 = words[k - 2] if k >= 2 else "<s>"
        fit = lm.logprob(t, l1, l2) - lm.phrase_logprob([t])
        if k + 1 < end:
            r1 = words[k + 1]
            fit += lm.logprob(r1, t, l1) - lm.logprob(r1, l1, l2)
            if k + 2 < end:
                r2 = words[k + 2]
                fit += lm.logprob(r2, r1, t) - lm.logprob(r2, r1, l1)
        if fit < 0:
            yield t


def context_suspects(stats: UnpairedStats, *, min_count: int, min_ratio: float) -> dict[str, float]:
    """``{form: ratio}``: the forms whose occurrences misfit their places
    (:func:`_misfits`) more often than the corpus's words usually do (the
    median share, ``usual``), beyond chance (a binomial tail of at most
    ``_CHANCE``), with the ratio their swapped share gives: a swapped
    occurrence misfits with chance ``_SWAPPED_MISFIT``, a writer's with
    chance ``usual``. The ratio must reach ``min_ratio`` and the swaps
    ``_MISFIT_EXCESS``. A form the spinner writes for one word and the
    writer for others ("small" for "international", while "small" itself is
    written "handbook") is held as often as clean text would hold it, and
    only its contexts tell.

    >>> from collections import Counter
    >>> words = {f"word{i}": 20.0 for i in range(30)}
    >>> stats = UnpairedStats(Counter({**words, "small": 20.0}), 1_000_000.0, 10)
    >>> stats.misfits = Counter({**{w: 5.0 for w in words}, "small": 16.0})
    >>> sorted(context_suspects(stats, min_count=3, min_ratio=1.2))
    ['small']
    """
    seen = _context_forms(stats, min_count)
    if not seen:
        return {}
    usual = usual_misfit(stats, min_count, seen)
    out = {}
    for form, n in seen.items():
        share = stats.misfits[form] / n
        if share <= usual or stats.capitalized[form] > n / 2:
            continue
        swapped = min(_MOST_SWAPPED, (share - usual) / (_SWAPPED_MISFIT - usual))
        if (
            swapped * n >= _MISFIT_EXCESS
            and swapped >= 1.0 - 1.0 / min_ratio
            and _binomial_tail(round(stats.misfits[form]), round(n), usual) <= _CHANCE
        ):
            out[form] = 1.0 / (1.0 - swapped)
    return out


def _context_forms(stats: UnpairedStats, min_count: int) -> dict[str, float]:
    """The words the context test weighs: seen ``min_count`` times or more."""
    return {
        form: n
        for form, n in stats.counts.items()
        if n >= min_count and " " not in form and form not in NEVER and len(form) >= 3
    }


def usual_misfit(
    stats: UnpairedStats, min_count: int, seen: dict[str, float] | None = None
) -> float:
    """The share of its occurrences that misfit (:func:`_misfits`) for the
    median word seen ``min_count`` times or more (0 when there is none);
    ``seen``: those words, if already found (:func:`_context_forms`)."""
    if seen is None:
        seen = _context_forms(stats, min_count)
    return statistics.median(stats.misfits[f] / n for f, n in seen.items()) if seen else 0.0


def _binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p).

    >>> round(_binomial_tail(2, 2, 0.5), 2), _binomial_tail(1500, 3000, 0.3) < 1e-100
    (0.25, True)
    """
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    # In logs: a form seen thousands of times has binomial coefficients no
    # float holds.
    head = math.lgamma(n + 1)
    lp, lq = math.log(p), math.log1p(-p)
    return min(
        1.0,
        sum(
            math.exp(head - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq)
            for i in range(k, n + 1)
        ),
    )


# Measured on 1,000 BBC articles spun by a random mapping (docs/benchmarks.md,
# session 28): 70% of the swapped occurrences misfit, 22% of the writer's.
_SWAPPED_MISFIT = 0.7

_MOST_SWAPPED = 0.95

_MISFIT_EXCESS = 3.0

_CHANCE = 0.01

_SENTENCE_MARKS = frozenset('.!?:"“”')


def find_suspects(
    stats: UnpairedStats,
    *,
    min_count: int,
    min_ratio: float,
    rewritten: Container[str] = (),
    left: float = 1.0,
) -> dict[str, float]:
    """``{form: ratio}``: forms seen at least ``min_count`` times (weighted)
    and ``min_ratio`` times as often as in clean English would have them; of
    a word the spinner is known to rewrite (``rewritten``), only the share
    ``left`` of its own occurrences (:func:`unspin.rates.left_in_place`)."""
    out: dict[str, float] = {}
    if not stats.words:
        return out
    for form, n in stats.counts.items():
        if n < min_count or form in NEVER or len(form) < 3:
            continue
        if stats.capitalized[form] > n / 2:
            continue  # a name: spun names are another matter
        expected = reference_rate(form, stats.reference) * (left if form in rewritten else 1.0)
        ratio = (n / stats.words) / max(expected, 1e-8)
        if ratio >= min_ratio:
            out[form] = ratio
    return out
