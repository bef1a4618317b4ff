"""Stage 6: detect spun text, with or without a clean source.

With a ``reference``, the score is the share of the aligned spun words that
were rewritten by spinner-like swaps: a spun copy of the source scores high,
an independent article on the same story (which shares quotes verbatim, or
nothing at all) scores near zero. Without a source, two kinds of evidence
are combined as independent detectors, ``1 - (1 - table) * (1 - context)``:
the density of table phrases that restoration would change (``table``) and
the share of word pairs no writer uses (``context``,
:func:`unspin.context.unattested_rate`, squashed around the 90th percentile
of clean news: 0.39 on BBC articles of the training pool).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .context import unattested_rate
from .learn import observe
from .restore import Options, score_suspects
from .table import Table
from .tokenize import check_text, is_word, token_arrays

__all__ = ["Detection", "Span", "detect"]

# Source-free score = density / (density + _HALF_DENSITY): 0.5 at the hit
# density where restoration starts treating a document as spun.
_HALF_DENSITY = Options().min_density
# Context evidence: logistic around the 90th percentile of unattested_rate on
# 300 clean BBC articles of the benchmarks' training pool (never the test set).
_CONTEXT_CENTER = 0.39
_CONTEXT_SCALE = 0.03


class Span(NamedTuple):
    """A spun span of the input, with the original it most likely replaced."""

    start: int
    end: int
    spun: str
    suggestion: str


class Detection(NamedTuple):
    """``score`` in [0, 1] (higher = more spun), the spun ``spans`` and how
    the score was computed (``method`` is ``reference`` or ``table+context``)."""

    score: float
    spans: tuple[Span, ...]
    method: str
    aligned_words: int

    @property
    def is_spun(self) -> bool:
        """The score's verdict at 0.5."""
        return self.score >= 0.5


def detect(
    text: str,
    *,
    reference: str | None = None,
    table: Table | str | None = None,
    options: Options | None = None,
) -> Detection:
    """Score how spun ``text`` is and find the spun spans.

    >>> d = detect("Trump mentioned the struggle may finish inside weeks.",
    ...            reference="Trump said the war may end within weeks.")
    >>> round(d.score, 2), [s.spun for s in d.spans]
    (0.5, ['mentioned', 'struggle', 'finish inside'])
    >>> detect("Trump said the war may end within weeks.",
    ...        reference="Trump said the war may end within weeks.").score
    0.0
    """
    check_text(text)
    if reference is not None:
        check_text(reference, "reference")
        obs = observe(text, reference)
        aligned = sum(
            1
            for p in obs.passages
            for t in obs.spun_tokens[p.spun_start : p.spun_end]
            if is_word(t.text)
        )
        spans = tuple(
            Span(
                s.spun_start,
                s.spun_end,
                text[s.spun_start : s.spun_end],
                reference[s.clean_start : s.clean_end],
            )
            for s in obs.swaps
        )
        rewritten = sum(sum(1 for w in s.spun.split() if is_word(w)) for s in spans)
        score = rewritten / aligned if aligned else 0.0
        return Detection(round(min(1.0, score), 4), spans, "reference", aligned)
    suspects, words = score_suspects(text, table=table, options=options)
    density = len(suspects) / words if words else 0.0
    by_table = density / (density + _HALF_DENSITY) if density else 0.0
    rate = unattested_rate(token_arrays(text).norms)
    by_context = 1 / (1 + math.exp(-(rate - _CONTEXT_CENTER) / _CONTEXT_SCALE)) if words else 0.0
    score = 1 - (1 - by_table) * (1 - by_context)
    spans = tuple(Span(s.start, s.end, s.spun, s.suggestion) for s in suspects)
    return Detection(round(score, 4), spans, "table+context", words)
