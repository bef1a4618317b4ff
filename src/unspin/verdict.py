"""Why learning from spun text alone made an entry for a form, or did not:
the stage of :mod:`unspin.unpaired` that decided, in words.

:func:`unspin.learn_unpaired` hands each :class:`unspin.unpaired.Round` to
its ``observe`` callback as the round ends; :func:`verdict` reads one form's
fate off it (``unspin learn --unpaired --why FORM`` prints it):

>>> from unspin import learn_unpaired
>>> rounds = []
>>> table = learn_unpaired(["The struggle was over."] * 3, observe=rounds.append)
>>> print(verdict(rounds[0], "struggle"))  # doctest: +ELLIPSIS
'struggle': a suspect (...); candidates (nats): war 19.6, ...: none leads by the margin, 5.0 nats
>>> stage(rounds[0], "zebra")
Verdict(stage='rare', text="'zebra': not in the corpus")

:func:`stage` gives the stage's name beside the words, and, given the form's
true original (a synthetic spinner's), follows that original instead of the
form's best (``benchmarks/unpaired_losses.py``).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

from .extract import ALL_NUMBER_WORDS
from .rates import NEVER, left_share, missing, reference_rate, spread_out
from .unpaired import Round, form_scores, lost_numbers, synonym_bar, unsupported, usual_misfit
from .unpaired.candidates import _can_account
from .unpaired.entries import (
    _FAR_LEAD,
    _FIELD,
    _NOT_IN_EXCESS,
    _plausible,
    _spelling,
    _unaccounted_number,
)
from .unpaired.suspects import _CHANCE, _MISFIT_EXCESS, _binomial_tail

__all__ = ["Verdict", "stage", "verdict"]


class Verdict(NamedTuple):
    """``stage``: where the form's fate was decided (``learned``,
    ``wrong``, ``known``, ``never``, ``rare``, ``name``, ``no_suspect``,
    ``no_candidate``, ``number_or_function``, ``never_proposed``,
    ``proposed_once``, ``too_common``, ``below_budget``, ``not_weighed``,
    ``bursty``, ``outscored``, ``within_margin``, ``unsupported``,
    ``implausible``, ``taken``, ``too_few_swaps``); ``text``: the same in
    words, with the numbers that decided."""

    stage: str
    text: str


def verdict(r: Round, form: str) -> str:
    """Why round ``r`` made an entry for ``form``, or did not, in words."""
    return stage(r, form).text


def stage(r: Round, form: str, original: str | None = None) -> Verdict:
    """Where round ``r`` decided ``form``'s fate; with ``original`` (the
    truth, where it is known), where it lost that original."""
    form = form.lower()
    stats, settings = r.stats, r.settings
    careful = settings.require_synonym
    say = f"{form!r}: "
    entry = r.table.lookup(form)
    if entry is not None:
        best = entry.best()[0]
        if original is not None and _spelling(best) != _spelling(original):
            return Verdict("wrong", f"{say}learned as {best!r}, not {original!r}")
        swaps = sum(entry.originals.values())
        return Verdict("learned", f"{say}learned as {best!r} ({swaps} swaps, {entry.kept} kept)")
    if r.base.lookup(form) is not None:
        return Verdict(
            "known",
            f"{say}the table the corpus was read with (the base, and what earlier rounds "
            "learned) has an entry for it: it is left to that entry",
        )
    seen = stats.counts.get(form, 0.0)
    if form not in r.suspects:
        return _no_suspect(r, form, say, seen)
    if form in r.by_context:
        head = f"{say}a suspect by its contexts ({_misfit_share(r, form)}); "
    else:
        head = f"{say}a suspect ({r.suspects[form]:.1f} times as often as clean text); "
    candidates = r.candidates.get(form, ())
    if original is not None and original not in candidates:
        return _no_candidate(r, form, original, head)
    if not candidates:
        return Verdict(
            "no_candidate",
            head + "no thesaurus lists a source for it, and no word was proposed at two of "
            "its occurrences",
        )
    by_original = stats.evidence.get(form, {})
    if not by_original or (original is not None and original not in by_original):
        return Verdict("not_weighed", head + "the model preferred no candidate to it anywhere")
    if not careful and not spread_out(stats, form):
        return Verdict(
            "bursty",
            head + f"it comes in bursts ({stats.spread[form]:.1f} documents for "
            f"{seen:.1f} occurrences): a topic's word, not a spinner's, unless one "
            "original leads far ahead and is missing as often as the form is in excess",
        )
    scores, _, margin, leaders = form_scores(stats, form, r.suspects[form], careful)
    ranked = sorted(scores, key=lambda o: (-scores[o], o))
    best = ranked[0]
    listing = "candidates (nats): " + ", ".join(f"{o} {scores[o]:.1f}" for o in ranked[:3])
    if original is not None and _spelling(best) != _spelling(original):
        return Verdict("outscored", f"{head}{listing}: {best!r} ahead of {original!r}")
    # The open learner's forms with no entry from their leaders fall back on
    # the best original that is missing for them (unpaired._fallbacks).
    nor = "" if careful else _NO_FALLBACK
    if not leaders:
        return Verdict(
            "within_margin", f"{head}{listing}: none leads by the margin, {margin:.1f} nats{nor}"
        )
    lacking = unsupported(
        stats,
        form,
        best,
        scores[best],
        settings.min_docs,
        settings.min_share,
        settings.min_evidence,
    )
    if lacking:
        return Verdict("unsupported", f"{head}{listing}: {best!r} leads, but {lacking}")
    excess = stats.counts[form] * (1.0 - 1.0 / r.suspects[form])
    by_context = form in r.by_context
    bar = synonym_bar(r.leaves)
    if not _plausible(stats, form, best, careful, by_context, bar) or _unaccounted_number(
        stats, best, excess
    ):
        if by_context and left_share(stats, best) > _NOT_IN_EXCESS:
            why = (
                f"the corpus holds it {left_share(stats, best):.1f} times as often as clean "
                "text would, and a suspect by its contexts needs an original that is not in "
                "excess"
            )
        elif _plausible(stats, form, best, careful, by_context) and not _plausible(
            stats, form, best, careful, by_context, bar
        ):
            why = (
                f"the spinner leaves little of a word it rewrites ({r.leaves:.2f} of it, "
                f"the median), and the corpus holds this synonym {left_share(stats, best):.1f} "
                f"times as often as clean text would (at most {bar:g}): it was not rewritten"
            )
        elif careful:
            why = (
                "no shipped thesaurus lists it as a synonym of the form (the careful learner "
                "asks that)"
            )
        elif _plausible(stats, form, best, careful):
            why = (
                "it is a number word, and the corpus does not lack it about as often as the form "
                "is in excess"
            )
        else:
            why = "the corpus holds it as often as clean text would: it was not rewritten"
        if not careful and best not in ALL_NUMBER_WORDS:
            # unpaired._far_leaders: such a leader stands when far enough ahead
            lead = scores[best] - (scores[ranked[1]] if len(ranked) > 1 else -math.inf)
            nor += (
                f"; nor is {best!r} {_FAR_LEAD:g} margins ahead of the next of {_FIELD} "
                f"candidates or more ({lead:.1f} nats, margin {margin:.1f}, {len(ranked)} "
                "candidates)"
            )
        return Verdict("implausible", f"{head}{listing}: {best!r} leads, but {why}{nor}")
    taker = next(
        (
            key
            for key in r.table
            if _spelling(best) in {_spelling(o) for o in r.table.lookup(key).originals}  # type: ignore[union-attr]
        ),
        None,
    )
    if taker is not None:
        return Verdict(
            "taken",
            f"{head}{listing}: {best!r} leads, but it went to {taker!r}, where its evidence is "
            f"stronger (the spinner turns a word into one form){nor}",
        )
    return Verdict("too_few_swaps", f"{head}{listing}: fewer than one occurrence is a swap")


_NO_FALLBACK = (
    "; and no other original that no form took, missing from the corpus about as often as "
    "the form is in excess, leads the rest by the margin"
)


def _no_suspect(r: Round, form: str, say: str, seen: float) -> Verdict:
    stats, settings = r.stats, r.settings
    if form in NEVER or len(form) < 3:
        return Verdict("never", f"{say}a function word, a number word or a short word: no form")
    if not seen:
        return Verdict("rare", f"{say}not in the corpus")
    if seen < settings.min_count:
        return Verdict(
            "rare",
            f"{say}seen {seen:.1f} times (each document weighed by how spun it looks), "
            f"fewer than {settings.min_count}",
        )
    if stats.capitalized[form] > seen / 2:
        return Verdict("name", f"{say}written with a capital inside sentences: a name")
    expected = stats.words * reference_rate(form, stats.reference)
    return Verdict(
        "no_suspect",
        f"{say}seen {seen:.1f} times, {seen / max(expected, 1e-9):.2f} times as often as clean "
        f"text would hold it ({expected:.1f}); a suspect needs {settings.min_ratio:g} times; "
        f"nor do its contexts make it one ({_misfit_share(r, form, chance=True)}, and one "
        f"needs {_CHANCE:g} or less and {_MISFIT_EXCESS:g} swaps or more)",
    )


def _misfit_share(r: Round, form: str, chance: bool = False) -> str:
    """How often ``form`` misfits its places, beside the corpus's usual
    share; with ``chance``, also how likely chance alone makes it so."""
    stats = r.stats
    share = stats.misfits[form] / max(stats.counts[form], 1e-9)
    usual = usual_misfit(stats, r.settings.min_count)
    out = f"{share:.0%} of its occurrences misfit their places, the corpus's words {usual:.0%}"
    if chance:
        tail = _binomial_tail(round(stats.misfits[form]), round(stats.counts[form]), usual)
        out += f"; by chance alone {tail:.2g}"
    return out


def _no_candidate(r: Round, form: str, original: str, head: str) -> Verdict:
    """Why ``original`` was no candidate for ``form``."""
    stats = r.stats
    lost = frozenset() if r.settings.require_synonym else lost_numbers(stats)
    if original in NEVER - lost:
        if original not in ALL_NUMBER_WORDS or original == "one":
            why = "a function word"  # "one" is as often no number ("one other")
        elif r.settings.require_synonym:
            why = "a number word (the careful learner takes none)"
        else:
            why = (
                f"a number word the corpus has not lost ({left_share(stats, original):.0%} of it "
                f"left, {missing(stats, original):.0f} missing)"
            )
        return Verdict("number_or_function", f"{head}{original!r} is never a candidate: {why}")
    proposed = stats.proposals.get(form, Counter())
    if original not in proposed:
        return Verdict("never_proposed", f"{head}{original!r} was never proposed")
    if proposed[original] < 2:
        return Verdict("proposed_once", f"{head}{original!r} was proposed at one occurrence")
    excess = stats.counts[form] * (1.0 - 1.0 / r.suspects[form])
    if not _can_account(stats, original, excess):
        return Verdict("too_common", f"{head}clean text holds {original!r} far more often")
    return Verdict("below_budget", f"{head}{original!r} ranked below the candidates taken")
