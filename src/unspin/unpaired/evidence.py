"""Pass 3 of learning from spun text alone: at each occurrence of a
suspect, the trigram model's evidence for each of its candidates, summed
over the corpus as a mixture of swapped and ordinary occurrences; a sample
of the documents weighs every candidate first (:func:`_narrowed`)."""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .. import lm
from ..decide import _MAX_FREQUENCY
from ..rates import channel, reference_rate
from ..table import Table
from .candidates import _thesaurus_sources
from .reading import _documents, _occurrences, _phrase_index, pass_label
from .stats import _MAX_CONTEXTS, UnpairedStats, _add_contexts

__all__ = ["evidence_pass"]


def evidence_pass(
    texts: Iterable[str],
    base: Table,
    candidates: dict[str, tuple[str, ...]],
    suspects: dict[str, float],
    *,
    part: bool | None = None,
    progress: bool = False,
) -> UnpairedStats:
    """Pass 3: at each occurrence of a suspect, the model's evidence for each
    candidate, as a mixture: a share ``1 - 1 / ratio`` of the form's
    occurrences is swapped (the rest is ordinary usage), so an occurrence
    adds ``log(1 - s + s * exp(LLR))`` to the candidate's log-likelihood
    ratio (``LLR`` = ``_LM_WEIGHT`` times the model's log-ratio)."""
    stats = UnpairedStats()
    phrases = _phrase_index(candidates)
    what = pass_label("evidence_pass", part)
    for weight, arrays, restored in _documents(texts, base, progress, what, part):
        preferred_in_doc: dict[str, set[str]] = defaultdict(set)
        for words, k, end, form in _occurrences(arrays.norms, candidates, phrases, restored):
            share = 1.0 - 1.0 / suspects[form]
            synonyms = _thesaurus_sources(form)
            llrs = _weighed(words, k, end, form, candidates[form])
            scores = {
                o: llr + (_SYNONYM_BONUS if o in synonyms else 0.0)
                for o, llr in zip(candidates[form], llrs, strict=True)
            }
            stats.scored[form] += weight  # type: ignore[assignment]
            by_original = stats.evidence.setdefault(form, {})
            context = zlib.crc32(
                " ".join([*words[max(0, k - 2) : k], *words[end : end + 2]]).encode()
            )
            kept = stats.contexts.get(form, {})
            for original, llr in scores.items():
                acc = by_original.setdefault(original, [0.0, 0.0])
                acc[0] += weight * _mixture(share, llr)
                if llr > 0:
                    acc[1] += weight
                    preferred_in_doc[form].add(original)
                    mine = kept.get(original)
                    if mine is None or len(mine) < _MAX_CONTEXTS or context < mine[-1]:
                        _add_contexts(stats.contexts, form, original, [context])
                        kept = stats.contexts[form]
        for form, originals in preferred_in_doc.items():
            stats.docs.setdefault(form, Counter()).update(originals)
    return stats


# A form's candidates are narrowed only once the sample has this many of its
# occurrences (weighted), and a candidate is dropped only this far behind
# the third best there (nats, or more for a form seen more often).
# Measured (docs/benchmarks.md, session 19): the same tables on 1,000 BBC
# articles spun by ``mythes`` or a random mapping and on the real pages, and
# careful learning 75.8 s -> 58.8-62.7 s; 10 nats and 2 per root, or one
# document in eight, give the same tables and are no faster.
_SAMPLED_ENOUGH = 20.0

_BEHIND = 20.0

_BEHIND_PER_ROOT = 3.0


def _narrowed(
    stats: UnpairedStats,
    sample: UnpairedStats,
    candidates: dict[str, tuple[str, ...]],
    suspects: dict[str, float],
) -> dict[str, tuple[str, ...]]:
    """The candidates still in the running after the sample: the model's
    evidence over a few dozen occurrences of a form already puts most of its
    candidates far behind the leaders, and weighing them at every other
    occurrence (three words each) is most of the cost of learning. Scored as
    :func:`table_from_stats` scores them, on the sample's occurrences."""
    out = {}
    for form, originals in candidates.items():
        scored = sample.scored.get(form, 0.0)
        by_original = sample.evidence.get(form, {})
        if scored < _SAMPLED_ENOUGH or len(originals) <= _LEADERS + 1:
            out[form] = originals
            continue
        scores = _channel_scores(
            stats,
            form,
            suspects[form],
            scored,
            ((o, by_original.get(o, [0.0])[0]) for o in originals),
        )
        third = sorted(scores.values(), reverse=True)[_LEADERS]
        bar = third - max(_BEHIND, _BEHIND_PER_ROOT * math.sqrt(scored))
        out[form] = tuple(o for o in originals if scores[o] >= bar)
    return out


def _channel_scores(
    stats: UnpairedStats,
    form: str,
    ratio: float,
    scored: float,
    llrs: Iterable[tuple[str, float]],
) -> dict[str, float]:
    """Each original's evidence at ``scored`` occurrences of ``form`` (the
    ``(original, llr)`` pairs), plus, per swapped occurrence, the noisy
    channel's ``log P(form | original)`` (:func:`unspin.rates.channel`). The
    channel made the swapped occurrences only (the share ``1 - 1 / ratio``);
    the rest are the writer's own word and owe the original nothing."""
    swapped = 1.0 - 1.0 / ratio
    excess = stats.counts[form] * swapped
    return {o: llr + scored * swapped * channel(stats, o, excess) for o, llr in llrs}


# At most this many leading originals per form (_leaders) for the careful learner.
_LEADERS = 2


@lru_cache(maxsize=1 << 16)
def _domain(word: str) -> float:
    """How much likelier clean news is to hold ``word`` than the trigram
    model thinks (nats, at most ``_DOMAIN_CAP`` either way): the log of its
    rate in clean text (:func:`unspin.rates.reference_rate`: wordfreq and
    the shipped news counts) less the model's own unigram log-probability.

    The model's log-ratio at an occurrence holds each candidate's frequency
    as the model's training text had it, once per occurrence: summed over
    the hundreds of occurrences of a common form, a generic model's taste
    for generic words ("the man said" over "the firm said", "money" over
    "plans") outweighs the contexts. Adding this to each candidate's
    log-ratio (and taking the form's off) scores every occurrence as if the
    model had learned its word frequencies from news. Measured
    (docs/benchmarks.md, session 21), two samples of 1,000 BBC articles each,
    learning with news counts that never saw them: ``mythes`` careful, forms
    seen 5+ 0.943 / 0.543 -> 0.958 / 0.579 and 0.941 / 0.555 -> 0.955 /
    0.590, downstream repair 67% -> 70% of paired learning's (helpful
    precision 0.924 -> 0.931, 0.929 -> 0.931); the random mapping, open,
    0.897 / 0.249 -> 0.925 / 0.283 and 0.908 / 0.260 -> 0.936 / 0.294,
    downstream 55% -> 61% (0.967 -> 0.978, 0.958 -> 0.974); half of it gains
    about half as much; one and a half times it, less than it. The real spun
    pages the same within a few edits (+0.0049 -> +0.0039 careful, +0.0089 ->
    +0.0082 as a crawl). Uncapped, the same tables within a few entries.

    >>> _domain("firm") > _domain("man") + 2  # news says "firm" far more often than the model
    True
    """
    rate = reference_rate(word)
    if rate <= 0:
        return 0.0
    gap = math.log(rate) - lm.phrase_logprob(word.split(" "))
    return max(-_DOMAIN_CAP, min(_DOMAIN_CAP, gap))


# Where wordfreq, the news counts and the model disagree by more than this
# (e^3, 20 times), one of them does not know the word: a name, a rare form.
_DOMAIN_CAP = 3.0


def _mixture(share: float, llr: float) -> float:
    if llr > 30:
        return llr + math.log(share)
    return math.log1p(share * math.expm1(llr))


# A candidate a thesaurus lists as a synonym of the form is likelier the
# spinner's source than one the context alone proposes (nats per occurrence).
_SYNONYM_BONUS = 1.0

# The model is generic and over-sure on news (unspin.decide uses 0.7 too).
_LM_WEIGHT = 0.7


def _evidence(words: list[str], k: int, end: int, originals: Sequence[str]) -> list[float]:
    """For each of ``originals``: log P(context with it for the words
    ``[k, end)``) - log P(context as written): the word (or phrase) and the
    two after it, each given the two before (the noisy channel's language
    model, frequency included). The context as written is scored once for
    all."""
    before = ["<s>", "<s>", *words[max(0, k - 2) : k]][-2:]
    after = words[end : end + 2]
    if end == k + 1:
        (written,) = lm.fill_scores(before, [words[k]], after)
        return [score - written for score in lm.fill_scores(before, originals, after)]
    # A phrase: every word of it costs probability, so the model would
    # prefer any one word to a writer's own phrase ("track and field" ->
    # "jumping", "chief operating officer" -> "ceo"). As in unspin.decide,
    # what the word gets on its own beyond the phrase is taken out (at most
    # _MAX_FREQUENCY nats): what is left is how much better the context
    # fits the word. A word rarer than the phrase gets nothing back (a
    # thesaurus's odd plural, "cdcs" for "government agencies", would).
    written = lm.score_words([*before, *words[k:end], *after], 2, 2 + end - k + len(after))
    alone = lm.phrase_logprob(words[k:end])
    return [
        score - written - max(0.0, min(_MAX_FREQUENCY, lm.phrase_logprob([original]) - alone))
        for original, score in zip(originals, lm.fill_scores(before, originals, after), strict=True)
    ]


def _weighed(
    words: list[str], k: int, end: int, form: str, originals: Sequence[str]
) -> list[float]:
    """:func:`_evidence` for each of ``originals`` in place of ``form`` at
    words ``[k, end)``, with each word's frequency as clean news has it
    (:func:`_domain`), times ``_LM_WEIGHT``: what passes 3 and 4 weigh."""
    own = _domain(form)
    return [
        _LM_WEIGHT * (llr + _domain(o) - own)
        for o, llr in zip(originals, _evidence(words, k, end, originals), strict=True)
    ]
