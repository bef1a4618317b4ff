"""Pass 2 of learning from spun text alone: each suspect's candidate
originals, from the words the bigram counts expect between its neighbours
(and, for the open learner, the words the corpus is missing that fit there)
and from the shipped thesauri, inverted."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable
from functools import cache, lru_cache

from .. import lm
from ..context import _bigram_table
from ..lexicon import Thesaurus
from ..rates import NEVER, reference_rate
from ..table import Table
from .reading import _documents, _occurrences, _phrase_index, pass_label
from .stats import UnpairedStats

__all__ = ["candidate_pass", "choose_candidates", "forget_round", "model_proposals", "propose"]


# Candidates per occurrence from the bigram counts, and per suspect overall.
_CONTEXT_CANDIDATES = 12

_MAX_CANDIDATES = 40

# The bigram index keeps this many successors / predecessors per word.
_NEIGHBOURS = 300


def candidate_pass(
    texts: Iterable[str],
    base: Table,
    suspects: dict[str, float],
    *,
    progress: bool = False,
) -> UnpairedStats:
    """Pass 2: the neighbours of each occurrence of a suspect (the words
    either side, ``UnpairedStats.around``), from which :func:`propose` takes
    the candidates."""
    stats = UnpairedStats()
    phrases = _phrase_index(suspects)
    around = stats.around
    for weight, arrays, restored in _documents(texts, base, progress, pass_label("candidate_pass")):
        for words, k, end, form in _occurrences(arrays.norms, suspects, phrases, restored):
            left = words[k - 1] if k >= 1 else "<s>"
            right = words[end] if end < len(words) else "</s>"
            found = around.get(form)
            if found is None:
                found = around[form] = Counter()
            found[left, right] += weight  # type: ignore[assignment]
    return stats


def propose(
    stats: UnpairedStats,
    depleted: frozenset[str] = frozenset(),
    *,
    only_for: dict[str, float] | None = None,
) -> None:
    """Set ``stats.proposals`` from the merged pass-2 neighbours: at each
    occurrence of a suspect, the words the bigram counts expect between its
    two neighbours, and the ``depleted`` words
    (:func:`unspin.rates.depleted_words`) that fit there. Each distinct pair
    of neighbours is expanded once, with the weight of its occurrences
    (a corpus says "the ___ of" again and again; proposing per occurrence in
    the pass took the open learner's workers most of their time and sent
    millions of counts per batch back to be merged). Pairs are expanded in
    the order they were first seen, so that proposals count and tie as they
    did per occurrence. Also sets ``stats.background``, what
    :func:`_specificity` weighs each form's proposals against.

    Given the suspects (``only_for``, ``{form: ratio}``), a form keeps only
    the proposals :func:`choose_candidates` takes for it, and its thesaurus
    sources' (which order them): the open learner proposes every missing
    word that fits a pair of neighbours, and kept them all (on 1,000
    articles, some 600 MB, growing with the corpus). Each form's proposals
    are then counted twice, once for the background and once to choose
    from, one form at a time. Verdicts (:mod:`unspin.verdict`) need them all.

    >>> stats = UnpairedStats(around={"mentioned": Counter({("he", "that"): 3.0})})
    >>> propose(stats)
    >>> stats.proposals["mentioned"]["said"]
    3.0
    """
    stats.proposals = {}
    background: dict[str, float] = {}
    stats.background = background
    _with_missing.cache_clear()  # another round's missing words
    for form, pairs in stats.around.items():
        found = _proposed(form, pairs, depleted)
        _add_shares(background, found, sum(pairs.values()) or 1.0)
        stats.proposals[form] = found if only_for is None else Counter()
    if only_for is None:
        return
    specific = _specificity(stats, stats.around)
    for form, pairs in stats.around.items():
        ratio = only_for.get(form)
        if ratio is None:
            continue  # no suspect: never asked
        found = stats.proposals[form] = _proposed(form, pairs, depleted)
        excess = stats.counts[form] * (1.0 - 1.0 / ratio)
        sources = _likeliest_sources(form, found)
        keep = {*_thesaurus_sources(form), *_taken(stats, specific(form, excess), sources, excess)}
        stats.proposals[form] = Counter({w: n for w, n in found.items() if w in keep})


def _proposed(form: str, pairs: Counter[tuple[str, str]], depleted: frozenset[str]) -> Counter[str]:
    """How often each word is proposed for ``form`` between its ``pairs`` of
    neighbours (see :func:`propose`)."""
    found: dict[str, float] = {}
    get = found.get
    for (left, right), weight in pairs.items():
        for word in _words_between(left, right, depleted):
            found[word] = get(word, 0) + weight
    found.pop(form, None)
    return Counter(found)


def _words_between(left: str, right: str, depleted: frozenset[str]) -> tuple[str, ...]:
    """The words proposed between ``left`` and ``right``, in a fixed order
    (the expected words, then the missing ones): ties among proposals keep
    it."""
    expected = _expected_between(left, right)
    if not depleted:
        return expected
    return _with_missing(left, right, depleted)


# A few hundred words per pair of neighbours: a smaller cache (peak memory
# learning from 1,000 articles 758 MB with 65,536 pairs, 696 MB with 4,096).
@lru_cache(maxsize=1 << 12)
def _with_missing(left: str, right: str, depleted: frozenset[str]) -> tuple[str, ...]:
    expected = _expected_between(left, right)
    seen = set(expected)
    return expected + tuple(w for w in _missing_between(left, right, depleted) if w not in seen)


def _taken(
    stats: UnpairedStats, ranked: Iterable[str], sources: Container[str], excess: float
) -> list[str]:
    """The context's proposals a form takes as candidates besides its
    thesaurus ``sources``: in ``ranked`` order, those clean text does not
    hold far more often than the form's ``excess`` occurrences
    (:func:`_can_account`), at most ``_MAX_CANDIDATES``."""
    taken: list[str] = []
    for word in ranked:
        if len(taken) >= _MAX_CANDIDATES:
            break
        if word not in sources and _can_account(stats, word, excess):
            taken.append(word)
    return taken


def _add_shares(background: dict[str, float], proposals: Counter[str], total: float) -> None:
    """Add to each proposed word's background the share of the form's
    occurrences (``total``) that proposed it."""
    for word, n in proposals.items():
        background[word] = background.get(word, 0.0) + n / total


def choose_candidates(
    stats: UnpairedStats,
    suspects: dict[str, float],
    numbers: frozenset[str] = frozenset(),
    depleted: frozenset[str] = frozenset(),
) -> dict[str, tuple[str, ...]]:
    """Each suspect's candidates: the thesauri's inverse (at most
    ``_MAX_CANDIDATES``, :func:`_likeliest_sources`), and as many again of the
    context's proposals seen at two occurrences or more, the most
    *specific* first (:func:`_specificity`), that clean text does not hold
    far more often than the form's excess occurrences (the noisy channel,
    :func:`unspin.rates.channel`: a spinner's source must account for them).
    Measured on 1,000 BBC articles spun by a random mapping: the true
    original is among the candidates of 404 of 540 forms seen 20 times or
    more, against 298 when proposals competed with the thesauri for one
    budget by how often they were proposed. ``numbers``: the number words
    the corpus has lost (:func:`lost_numbers`), which may be candidates.
    ``depleted``: the words the corpus is missing, among which the trigram
    model proposes more (:func:`model_proposals`; the open learner)."""
    out = {}
    never = NEVER - numbers
    specific = _specificity(stats)
    fitting = model_proposals(stats, suspects, depleted)
    for form, ratio in suspects.items():
        proposals = stats.proposals.get(form, Counter())
        found = dict.fromkeys(_likeliest_sources(form, proposals))
        excess = stats.counts[form] * (1.0 - 1.0 / ratio)
        found.update(dict.fromkeys(_taken(stats, specific(form, excess), found, excess)))
        found.update(dict.fromkeys(fitting.get(form, ())))
        found.pop(form, None)
        for word in never & found.keys():
            # Spinners leave function words be (and they fit anywhere); a
            # number word changes a fact ("billion" -> "million"), which no
            # guess from context may do, unless the corpus lost it.
            del found[word]
        if found:
            out[form] = tuple(found)
    return out


def model_proposals(
    stats: UnpairedStats, suspects: dict[str, float], depleted: frozenset[str]
) -> dict[str, tuple[str, ...]]:
    """Per suspect seen ``_MODEL_MIN_COUNT`` times or more: the
    ``_MODEL_CANDIDATES`` words of ``depleted`` that fit its neighbours best
    by the trigram model's bigrams, among those clean text holds about as
    often as the form's excess occurrences (``_MODEL_WINDOW``, the noisy
    channel). A word fits a pair of neighbours by log P(word | left) - log
    P(word) + log P(right | word), summed over the form's ``_MODEL_PAIRS``
    heaviest pairs with their weights. The shipped news bigrams hold too few
    of a rarer original's neighbours to propose it (see
    :func:`_missing_between`); the model's two million bigrams, with
    back-off, score every word."""
    if not depleted:
        return {}
    ranked = sorted(
        (math.log(max(stats.words * reference_rate(w, stats.reference), 1e-9)), w) for w in depleted
    )
    logs = [x for x, _ in ranked]
    words = [w for _, w in ranked]
    alone = lm.bigram_scores(words)

    @lru_cache(maxsize=_MODEL_VECTORS)
    def before(left: str) -> array[float]:
        found = lm.bigram_scores(words, before=left)
        return array("d", [x - u for x, u in zip(found, alone, strict=True)])

    @lru_cache(maxsize=_MODEL_VECTORS)
    def after(right: str) -> array[float]:
        return array("d", lm.bigram_scores(words, after=right))

    out = {}
    low, high = _MODEL_WINDOW
    for form, ratio in suspects.items():
        count = stats.counts[form]
        if count < _MODEL_MIN_COUNT:
            continue
        excess = math.log(max(count * (1.0 - 1.0 / ratio), 1e-9))
        lo, hi = bisect_left(logs, excess + low), bisect_right(logs, excess + high)
        pairs = sorted(stats.around.get(form, {}).items(), key=lambda x: -x[1])
        total = [0.0] * (hi - lo)
        for (left, right), weight in pairs[:_MODEL_PAIRS]:
            ahead, behind = before(left), after(right)
            total = [
                t + weight * (a + b)
                for t, a, b in zip(total, ahead[lo:hi], behind[lo:hi], strict=True)
            ]
        best = sorted(range(hi - lo), key=lambda i: -total[i])
        found = tuple(words[lo + i] for i in best[: _MODEL_CANDIDATES + 1] if words[lo + i] != form)
        if found:
            out[form] = found[:_MODEL_CANDIDATES]
    return out


# model_proposals: how many per suspect, from how many pairs of neighbours,
# for suspects seen how often, and how far (in nats) clean text's count of a
# proposal may be from the form's excess occurrences, below and above.
_MODEL_CANDIDATES = 10
_MODEL_PAIRS = 4
_MODEL_MIN_COUNT = 5
_MODEL_WINDOW = (-2.5, 2.0)
# Neighbours whose scores over the depleted words are kept (a few tens of
# kilobytes each).
_MODEL_VECTORS = 1024


def _specificity(
    stats: UnpairedStats, forms: Iterable[str] | None = None
) -> Callable[[str, float], list[str]]:
    """``ranked(form, excess)``: the proposals for ``form`` made at two
    occurrences or more, the most specific first: those the contexts
    propose for this form in particular. A word's score is how often it was
    proposed (``n``), times the square root of how much more often at this
    form's occurrences than at the other suspects' (a word that fits every
    context, "the ___ of", is proposed everywhere), times
    ``exp(-|log(expected / excess)| / 4)``: a deterministic spinner's
    original occurs in clean text (``expected``,
    :func:`unspin.rates.reference_rate`) about as often as the form's excess
    occurrences.

    Measured on 1,000 BBC articles spun by a random mapping, two samples
    (``docs/benchmarks.md``, session 23): of the one-word forms seen 5
    times or more that are suspects, the original is a candidate for 592
    and 598 ranked by how often proposed, 678 and 683 by specificity
    without the frequency term, 702 and 698 with it (``/ 2``: 700; ``/ 1``:
    639)."""
    # Per word, the sum over forms of the share of their occurrences that
    # propose it.
    # ``forms``: the forms proposed for (by default those with proposals).
    forms = stats.proposals if forms is None else forms
    totals = {form: sum(stats.around.get(form, {}).values()) or 1.0 for form in forms}
    background = stats.background
    if not background:  # proposals not made by propose
        background = {}
        for form, proposals in stats.proposals.items():
            _add_shares(background, proposals, totals[form])
    others = max(1, len(totals) - 1)
    # log of how often clean text would hold each proposed word (as asked)
    logs: dict[str, float] = {}

    def ranked(form: str, excess: float) -> list[str]:
        proposals: Counter[str] = stats.proposals.get(form, Counter())
        total = totals.get(form, 1.0)
        log_excess = math.log(max(excess, 1e-9))
        sqrt, exp = math.sqrt, math.exp
        scored = []
        for word, n in proposals.items():
            if n < 2:
                continue
            share = n / total
            elsewhere = max(0.0, background[word] - share) / others
            log = logs.get(word)
            if log is None:
                rate = reference_rate(word, stats.reference)
                log = logs[word] = math.log(max(stats.words * rate, 1e-9))
            apart = abs(log - log_excess)
            scored.append((-n * sqrt(share / (elsewhere + _SPECIFIC)) * exp(-apart / 4), word))
        # The sort is stable: ties keep the order the words were proposed in.
        scored.sort(key=lambda x: x[0])
        return [word for _, word in scored]

    return ranked


# Smooths the share of the other suspects' contexts that propose a word
# (a word proposed for no other suspect is not infinitely specific).
_SPECIFIC = 1e-4


def _likeliest_sources(form: str, proposals: Counter[str]) -> list[str]:
    """At most ``_MAX_CANDIDATES`` of the thesauri's sources of ``form``:
    those the context proposed at the form's occurrences first (most often
    proposed first), then the rest in the thesauri's order. The thesauri list
    sources alphabetically, and "motion" has 117: cut in that order, it lost
    "move", which the context proposes wherever the spinner wrote "motion".
    Measured (docs/benchmarks.md, session 19): on 1,000 BBC articles spun by
    ``mythes``, 140 of the 2,581 one-word forms seen 5 times or more have
    their original beyond the first 40; the careful learner's forms seen 5+
    go from 0.948 / 0.529 to 0.949 / 0.532 (downstream 0.487 -> 0.488 at
    helpful P 0.928); on the real pages with the folds' own (a crawl),
    +0.0086 -> +0.0089 at 0.953. The commonest first instead (a source
    must account for its form's occurrences) brings in the words the model
    likes anywhere: the crawl's "falling" -> "coming", harmful edits 29 ->
    32."""
    sources = _thesaurus_sources(form)
    if len(sources) <= _MAX_CANDIDATES:
        return list(sources)
    # sorted() is stable: the rest keep the thesauri's order.
    return sorted(sources, key=lambda s: -proposals.get(s, 0))[:_MAX_CANDIDATES]


def _can_account(stats: UnpairedStats, word: str, excess: float) -> bool:
    """Whether clean text would hold ``word`` at most e^2 times as often as a
    form's ``excess`` occurrences (95% of a random mapping's originals are
    below that, on 1,000 articles; a rarer word is not ruled out: counts in a
    small corpus are noisy)."""
    return stats.words * reference_rate(word, stats.reference) <= excess * _COMMONER


_COMMONER = math.exp(2.0)


@cache
def _thesaurus_sources(form: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for name in ("mythes", "wordnet"):
        for source in Thesaurus.load(name).sources(form):
            if " " not in source:
                found[source] = None
    return tuple(found)


# Remembered per pair of neighbours: "the ___ of" recurs all through a corpus
# (proposing spent a fifth of its time here).
@lru_cache(maxsize=1 << 16)
def _expected_between(left: str, right: str) -> tuple[str, ...]:
    """Words the bigram counts expect between ``left`` and ``right``: the
    likeliest successors of ``left`` that are also predecessors of ``right``
    (either side alone at a sentence mark)."""
    return tuple(w for _, w in _between(left, right, *_top_neighbours())[:_CONTEXT_CANDIDATES])


def _missing_between(left: str, right: str, missing: frozenset[str]) -> tuple[str, ...]:
    """Every word of ``missing`` (:func:`unspin.rates.depleted_words`) the
    bigram counts have between ``left`` and ``right``, the likeliest first.
    Not only the likeliest few: the original of a spinner's rarer form is
    itself a rarer word, seldom among the words any context expects most,
    and the words missing from a corpus are few. Measured on 1,000 BBC
    articles spun by a random mapping (docs/benchmarks.md, session 17): of
    the originals of forms seen 5-19 times that were missing from the corpus
    but no candidate (192), the top 12 of each context's top 300 words
    proposed none; all of them propose 183, 126 of them among the 40 most
    often proposed."""
    return tuple(w for _, w in _between(left, right, *_neighbours_among(missing)))


_Neighbours = dict[str, dict[str, float]]


def _between(
    left: str, right: str, successors: _Neighbours, predecessors: _Neighbours
) -> list[tuple[float, str]]:
    """``(score, word)`` for the successors of ``left`` that are also
    predecessors of ``right`` (either side alone at a sentence mark), the
    score the product of the word's share of ``left``'s successors and of
    ``right``'s predecessors; highest first."""
    after = successors.get(left, {}) if left not in ("<s>", "</s>") else {}
    before = predecessors.get(right, {}) if right not in ("<s>", "</s>") else {}
    if after and before:
        both = [(after[w] * before[w], w) for w in after.keys() & before.keys()]
    else:
        both = [(c, w) for w, c in (after or before).items()]
    both.sort(reverse=True)
    return both


def forget_round() -> None:
    """Forget what a round's missing words indexed (:func:`_with_missing`):
    another round, or another corpus, is missing other words. Learning from
    1,000 articles, the index and its look-ups held some hundreds of MB."""
    _with_missing.cache_clear()
    _neighbours_among.cache_clear()


@cache
def _top_neighbours() -> tuple[_Neighbours, _Neighbours]:
    return _neighbours()


# One round's missing words at a time: the next round's replace them.
@lru_cache(maxsize=1)
def _neighbours_among(among: frozenset[str]) -> tuple[_Neighbours, _Neighbours]:
    return _neighbours(among)


def _neighbours(among: frozenset[str] | None = None) -> tuple[_Neighbours, _Neighbours]:
    """The bigram counts as ``{word: {successor: P(successor | word)}}`` and
    ``{word: {predecessor: P(predecessor | word)}}``: the top
    ``_NEIGHBOURS`` of each word, or, given ``among``, every one in it."""
    succ: dict[str, list[tuple[int, str]]] = defaultdict(list)
    pred: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, count in _bigram_table().items():
        first, _, second = key.partition(" ")
        if first.isalpha() and second.isalpha():
            succ[first].append((count, second))
            pred[second].append((count, first))

    def top(index: dict[str, list[tuple[int, str]]]) -> _Neighbours:
        out = {}
        for word, found in index.items():
            total = sum(c for c, _ in found)
            if among is None:
                found.sort(reverse=True)
                kept = found[:_NEIGHBOURS]
            else:
                kept = [(c, w) for c, w in found if w in among]
            if kept:
                out[word] = {w: c / total for c, w in kept}
        return out

    return top(succ), top(pred)
