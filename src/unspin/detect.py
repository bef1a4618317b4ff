"""Stage 6: detect spun text, with or without a clean source.

With a ``reference``, the score is the share of the aligned spun words that
were rewritten by spinner-like swaps: a spun copy of the source scores high,
an independent article on the same story (which shares quotes verbatim, or
nothing at all) scores near zero. Without a source, three kinds of evidence
are combined:

* ``table``: the density of table phrases that restoration would change in a
  spun document, each decided by the trigram model in its context
  (:func:`unspin.restore.score_suspects`);
* ``context``: the share of word pairs no writer uses
  (:func:`unspin.context.unattested_rate`, squashed around the 90th
  percentile of clean news: 0.39 on BBC articles of the training pool);
* ``screen``: the table's evidence per word against clean English
  (:mod:`unspin.screen`), as log-odds ``(screen - Options.screen) / 0.3``
  where positive: it only ever adds evidence for "spun" (a text by another
  spinner looks clean to the table, and must not be pushed lower).

The first two as independent detectors, ``p = 1 - (1 - table) * (1 - context)``,
then ``logit(p)`` plus the screen's log-odds. Measured on real spun pages
against BBC news and the clean sides of the development pairs
(``benchmarks/detect_roc.py``): ROC AUC 0.989 without the screen, 0.986 for
the screen alone, 0.996 together; on BBC articles spun by the synthetic
spinners the screen changes nothing (0.87 and 0.72 with or without it; the
plain sum of log-odds would drop them to 0.79 and 0.66). The trigram model's
fluency (:func:`unspin.lm.fluency`) reaches 0.961 alone but adds nothing to
these, so it is not part of the score.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .context import unattested_rate
from .learn import observe
from .options import DEFAULT_OPTIONS
from .restore import Options, score_suspects
from .screen import screen_scores
from .table import Table, read_table
from .tokenize import check_text, is_word, token_arrays

__all__ = ["Detection", "Span", "detect"]

# Source-free score = density / (density + _HALF_DENSITY): 0.5 at the hit
# density where restoration starts treating a document as spun.
_HALF_DENSITY = Options().min_density
# Context evidence: logistic around the 90th percentile of unattested_rate on
# 300 clean BBC articles of the benchmarks' training pool (never the test set).
_CONTEXT_CENTER = 0.39
_CONTEXT_SCALE = 0.03
# The screen's ratio to clean English, in log-odds per unit above the
# threshold at which restoration asks the model.
_SCREEN_SCALE = 0.3


class Span(NamedTuple):
    """A spun span of the input, with the original it most likely replaced."""

    start: int
    end: int
    spun: str
    suggestion: str


class Detection(NamedTuple):
    """``score`` in [0, 1] (higher = more spun), the spun ``spans`` and how
    the score was computed (``method`` is ``reference`` or
    ``table+context+screen``)."""

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
    tbl = read_table(table)
    suspects, words = score_suspects(text, table=tbl, options=options)
    density = len(suspects) / words if words else 0.0
    by_table = density / (density + _HALF_DENSITY) if density else 0.0
    rate = unattested_rate(token_arrays(text).norms)
    by_context = 1 / (1 + math.exp(-(rate - _CONTEXT_CENTER) / _CONTEXT_SCALE)) if words else 0.0
    score = 1 - (1 - by_table) * (1 - by_context)
    screen = max(screen_scores(text, tbl), default=0.0)
    if words and math.isfinite(screen):
        opts = options or DEFAULT_OPTIONS
        odds = _logit(score) + max(0.0, (screen - opts.screen) / _SCREEN_SCALE)
        score = 1 / (1 + math.exp(-max(-700.0, min(700.0, odds))))
    spans = tuple(Span(s.start, s.end, s.spun, s.suggestion) for s in suspects)
    return Detection(round(score, 4), spans, "table+context+screen", words)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
