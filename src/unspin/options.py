"""The knobs of restoration (:class:`Options`), each with its documented
default and the measurement behind it (``docs/benchmarks.md``); checked on
construction, so that a bad value fails where it is given.

>>> Options(threshold=0.9).threshold
0.9
>>> Options(threshold=1.5)
Traceback (most recent call last):
...
ValueError: Options.threshold is a probability: above 0 and below 1, not 1.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["DEFAULT_OPTIONS", "Options"]


@dataclass(frozen=True)
class Options:
    """Knobs of restoration, with documented defaults (measured in
    ``docs/benchmarks.md``).

    Attributes:
        threshold: minimum probability that an edit restores the original
            in a document that is more likely spun than not, in (0, 1).
            Raise it for precision, lower it for recall.
        phrase_bonus: how much lower (in log-odds) the bar is for a table
            phrase of two words or more ("monetary establishment", "buying
            and selling"): a phrase the table knows as a swap is far less
            often a writer's own choice than a single word is. 1.5 puts the
            bar at 0.56 for the default threshold (0.81 for a threshold of
            0.95). On the grouped folds, edits of phrases between P 0.5 and
            0.85 were helpful 112 times in 117, of single words 363 in 595;
            1.5 adds repair in every fold at the same pooled precision.
        prior: log-odds that a document is spun before any evidence. Clean
            text is the norm: -6.0 needs about e^6 (400 times) more likelihood
            for "spun" than for "clean" from the document's own hits. The
            model over-rates an ordinary word's common synonym ("That trend
            will continue" for "That pattern will continue": 5.0 nats), so
            one or two such words must not open a sentence given alone: on
            39,487 BBC sentences restored one by one, -4.0 changed 98 (156
            false edits), -6.0 changes 20 (37); articles and the grouped
            folds are the same, spun lines given alone lose 3% of their
            helpful edits (``docs/benchmarks.md``, session 11).
        per_word: evidence for "spun" that a clean document gathers by
            chance per word (its many table words each fit their context a
            little better with some original now and then), subtracted from
            the document's evidence. 0.03 puts the most spun-looking of 300
            clean BBC articles below zero; real spun pages gather 0.3-0.5
            per word.
        cap: most evidence for "spun" one cluster of neighbouring hits can
            give (nats): one artifact can open a one-line input only if its
            evidence is overwhelming (above ``-prior``).
        odd_phrase: evidence for "spun" that a cluster adds when it holds a
            spun phrase of two words or more that clean English hardly
            writes (under e^-6 per word on its own: "supply hyperlink",
            "synthetic intelligence", "financial institution", not "as much
            as" or "could be"). A writer does not choose such a phrase; the
            model's view of its context alone undersells it ("Supply
            hyperlink" 4.5 nats). 3.0 lets each of DESIGN.md's one-line
            artifacts open its line under a prior of -6.0.
        floor: most evidence for "clean" one cluster can give (nats).
        context_weight: weight of the trigram model's log-ratio (beyond the
            phrases' own frequencies) against the table's prior. The model is
            generic and over-sure on news: 0.7 measured best on the grouped
            folds (1.0 restores more at lower precision).
        bigram_weight: weight of the bigram evidence (symspellpy and shipped
            news counts, :func:`unspin.context.context_llr`) added to the
            trigram model's; 0 uses the model alone. 0.4 adds repair at the
            same precision on the grouped folds.
        screen: the cheap first document test (:mod:`unspin.screen`): how
            many times the table evidence per word of clean English text some
            window of the document must reach before the model is asked at
            all; 0 asks the model about every document. 1.7 keeps the repair
            of asking about every document on the grouped folds.
        fluent: a document whose best screen window stays below
            :data:`unspin.screen.FLUENT_SCREEN` (2.0) is turned away too when
            every section of it is this fluent (:func:`unspin.screen.fluent`:
            the trigram model's mean log P(word | context) - log P(word)); 0
            asks no such question. The real spun pages that the screen lets
            through below 2.0 read 1.27 at most; 1.45 turns away 20 of the
            42 texts or pieces of the 2,225 BBC articles that pass the
            screen, and no spun page (docs/benchmarks.md, session 31).
        tie: weight of the context evidence of the *other* occurrences of
            the same phrase and original in the document (the spinner is
            nearly deterministic per word: "excessive" is a swap everywhere
            in a page or nowhere); 0 decides each occurrence on its own. 0.5
            measured best on the grouped folds (precision and repair both up).
        min_density: share of words restored at which the spin score of
            :func:`unspin.clean.clean_corpus` and source-free detection reach
            0.5.
        max_passes: restoration passes until a fixed point.
        quotes: judge a spun document's quotations apart: their hits are
            restored only where the quotations, taken together, pass the
            document test on their own evidence (some sites spin inside
            quotations, some do not). On the grouped folds: harmful edits
            26 -> 20, helpful 2164 -> 2162.
    """

    threshold: float = 0.85
    phrase_bonus: float = 1.5
    prior: float = -6.0
    per_word: float = 0.03
    cap: float = 9.0
    odd_phrase: float = 3.0
    floor: float = 3.0
    context_weight: float = 0.7
    bigram_weight: float = 0.4
    screen: float = 1.7
    fluent: float = 1.45
    tie: float = 0.5
    min_density: float = 0.03
    max_passes: int = 3
    quotes: bool = True

    def __post_init__(self) -> None:
        for name in (
            "prior",
            "per_word",
            "cap",
            "floor",
            "context_weight",
            "bigram_weight",
            "screen",
            "fluent",
            "tie",
            "phrase_bonus",
            "odd_phrase",
        ):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(
                    f"Options.{name} must be a finite number, not {getattr(self, name)!r}"
                )
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(
                f"Options.threshold is a probability: above 0 and below 1, not {self.threshold!r}"
            )
        if self.phrase_bonus < 0:
            raise ValueError(
                f"Options.phrase_bonus is an amount of evidence (>= 0), not {self.phrase_bonus!r}"
            )
        if self.odd_phrase < 0:
            raise ValueError(
                f"Options.odd_phrase is an amount of evidence (>= 0), not {self.odd_phrase!r}"
            )
        if self.tie < 0:
            raise ValueError(f"Options.tie is a weight (>= 0), not {self.tie!r}")
        if self.fluent < 0:
            raise ValueError(f"Options.fluent is a mean log-ratio (>= 0), not {self.fluent!r}")
        if self.screen < 0:
            raise ValueError(f"Options.screen is a ratio (>= 0), not {self.screen!r}")
        if self.cap < 0 or self.floor < 0:
            raise ValueError(
                f"Options.cap and Options.floor are amounts of evidence (>= 0), "
                f"not {self.cap!r} and {self.floor!r}"
            )
        if not 0.0 <= self.min_density <= 1.0:
            raise ValueError(
                f"Options.min_density is a share of words: 0 to 1, not {self.min_density!r}"
            )
        if self.max_passes < 1:
            raise ValueError(f"Options.max_passes must be at least 1, not {self.max_passes!r}")


DEFAULT_OPTIONS = Options()
