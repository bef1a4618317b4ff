"""The entries the statistics of a spun corpus support: each suspect's
leading originals, if clearly ahead and plausible, and, for the open
learner, the last resorts for forms that got none (:func:`_fallbacks`,
:func:`_far_leaders`); and, in words, what an original lacks
(:func:`unsupported`, which :mod:`unspin.verdict` reports)."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterator
from functools import lru_cache, partial

from ..extract import ALL_NUMBER_WORDS
from ..rates import left_share, missing, spread_out
from ..table import Table
from .candidates import _thesaurus_sources
from .evidence import _LEADERS, _channel_scores
from .stats import _MAX_CONTEXTS, UnpairedStats

__all__ = [
    "MIN_EVIDENCE",
    "SOURCE",
    "form_scores",
    "lost_numbers",
    "spinner_leaves",
    "synonym_bar",
    "table_from_stats",
    "unsupported",
]


SOURCE = "unpaired"

# Evidence (nats) an entry's original needs in all: what restoration asks
# before it opens a document (``Options.prior``). Measured (docs/benchmarks.md,
# session 14): on the real spun pages the entries below it are mostly wrong
# ("code of conduct" -> "protocol", "prospect" -> "possibility",
# "nationalisation" -> "nationalization"); 3.0 and 6.0 learn the same from
# 1,000 articles spun by ``mythes`` but for 7 phrases, and the random
# mapping's two wrong phrase entries go.
MIN_EVIDENCE = 6.0


def table_from_stats(
    stats: UnpairedStats,
    suspects: dict[str, float],
    *,
    min_docs: int,
    min_share: float,
    min_evidence: float,
    require_synonym: bool = True,
    by_context: Container[str] = (),
    leaves: float | None = None,
) -> Table:
    """The entries the statistics support (see the module docstring);
    ``by_context``: the suspects only their contexts made
    (:func:`context_suspects`), whose originals must be no commoner in the
    corpus than in clean text (:func:`_plausible`); ``leaves``: how much
    the spinner leaves of a word it rewrites (:func:`spinner_leaves`,
    computed when ``None``)."""
    if leaves is None:
        leaves = spinner_leaves(stats, suspects, require_synonym)
    synonym_left = synonym_bar(leaves)
    table = Table(name="unpaired")
    # Each form's best original, if clearly ahead of the next, or its best
    # two, if together clearly ahead of the third (see _leaders); a spinner
    # that is deterministic per word turns an original into one form, so
    # each original goes to the form where its evidence is strongest.
    options = []
    fallbacks = []
    for form, by_original in stats.evidence.items():
        scored = stats.scored[form]
        if not scored or form not in suspects:
            continue
        swapped = 1.0 - 1.0 / suspects[form]  # the share of its occurrences that are swaps
        excess = stats.counts[form] * swapped
        if excess <= 0:
            continue
        scores, written, margin, leaders = form_scores(stats, form, suspects[form], require_synonym)
        if (
            not require_synonym
            and not spread_out(stats, form)
            and not _far_ahead(stats, scores, leaders, margin, excess)
        ):
            continue  # (a thesaurus synonym needs no spread: "gross" for "total")
        if not leaders:
            if not require_synonym:
                fallbacks.append((form, scores, written, margin, excess))
            continue
        if any(
            unsupported(stats, form, o, scores[o], min_docs, min_share, min_evidence)
            for o in leaders
        ):
            continue
        shares = [by_original[o][1] for o in leaders]
        options.append((scores[leaders[0]], form, leaders, excess, written, shares, scores, margin))
    used: set[str] = set()
    for _, form, leaders, swapped, written, shares, scores, margin in sorted(
        options, key=lambda x: (-x[0], x[1], x[2])
    ):
        if round(swapped) < 1:
            continue
        # An implausible claim, or one whose best original another form took,
        # takes no original from another form.
        if (
            _spelling(leaders[0]) in used
            or not _plausible(
                stats, form, leaders[0], require_synonym, form in by_context, synonym_left
            )
            or _unaccounted_number(stats, leaders[0], swapped)
        ):
            if not require_synonym:
                fallbacks.append((form, scores, written, margin, swapped))
            continue
        kept_leaders = [
            (o, share)
            for o, share in zip(leaders, shares, strict=True)
            if o == leaders[0]
            or (
                _spelling(o) not in used
                and _plausible(stats, form, o, require_synonym, form in by_context, synonym_left)
            )
        ]
        total = sum(share for _, share in kept_leaders)
        for original, share in kept_leaders:
            used.add(_spelling(original))
            # The swaps are shared by how often the model preferred each.
            swaps = max(1, round(swapped * share / total))
            table.add(form, written[original], swaps, source=SOURCE)
        _add_kept(table, form, stats.counts[form] - swapped)

    def supported(form: str, original: str, score: float) -> bool:
        return not unsupported(stats, form, original, score, min_docs, min_share, min_evidence)

    # Last resorts, in turn: an original missing for the form, then one far ahead.
    # (A far leader is taken however often the corpus holds it: _far_leaders.)
    for last_resort in (partial(_fallbacks, synonym_left=synonym_left), _far_leaders):
        rest = [f for f in fallbacks if table.lookup(f[0]) is None]
        for form, original, swapped in last_resort(stats, rest, used, supported):
            table.add(form, original, max(1, round(swapped)), source=SOURCE)
            _add_kept(table, form, stats.counts[form] - swapped)
    return table


def _add_kept(table: Table, form: str, kept: float) -> None:
    """The form's occurrences that are not swaps, kept as written."""
    if round(kept) > 0:
        table.add_kept(form, round(kept))


def _far_ahead(
    stats: UnpairedStats, scores: dict[str, float], leaders: list[str], margin: float, excess: float
) -> bool:
    """Whether a form that comes in bursts (:func:`unspin.rates.spread_out`)
    is a swap all the same: its one leader is ``_BURSTY_LEAD`` margins ahead
    of the next original and accounts for the form's excess
    (:func:`_accounts_for`). A random mapping's form inherits the bursts of
    its original's topic ("priorities", 183 times for "tax"; the original
    500 nats ahead of the next, and missing from the corpus); a page's own
    topic word leaves no word missing for it."""
    if len(leaders) != 1:
        return False
    best = scores[leaders[0]]
    rest = max((v for o, v in scores.items() if o != leaders[0]), default=-math.inf)
    return best - rest >= _BURSTY_LEAD * margin and _accounts_for(stats, leaders[0], excess)


_BURSTY_LEAD = 2.5


def _accounts_for(stats: UnpairedStats, original: str, excess: float) -> bool:
    """Whether ``original`` is all but gone from the corpus (at most
    ``_GONE`` of it left, :func:`unspin.rates.left_share`; ``_LEAST_MISSING``
    occurrences missing or more) and its missing occurrences are about as
    many as the form's ``excess`` (within a factor ``_MASS``,
    :func:`unspin.rates.missing`): the signature of a spinner that always
    writes one form for the word. A smaller shortfall matches some form's
    excess by chance: on the 70 real spun pages, "report" (6 missing) for
    "decline" and "users" (10) for "suppliers"; on 1,000 BBC articles spun
    by a random mapping (replayed on the recorded statistics of both rounds)
    it drops 4 of 15 wrong fallbacks and no right one in the first sample,
    6 of 11 wrong and 3 of 42 right in the second (docs/benchmarks.md,
    session 26)."""
    lacking = missing(stats, original)
    return (
        lacking >= _LEAST_MISSING
        and left_share(stats, original) <= _GONE
        and abs(math.log(excess / lacking)) <= math.log(_MASS)
    )


_GONE = 0.1

_MASS = 2.0

_LEAST_MISSING = 10.0


def _unaccounted_number(stats: UnpairedStats, original: str, excess: float) -> bool:
    """Whether ``original`` is a number word the corpus has not lost
    (:func:`lost_numbers`) or that does not account for a form's ``excess``
    (:func:`_accounts_for`): no original, however well the contexts fit it."""
    return original in ALL_NUMBER_WORDS and (
        missing(stats, original) < _NUMBER_MISSING or not _accounts_for(stats, original, excess)
    )


def lost_numbers(stats: UnpairedStats) -> frozenset[str]:
    """The number words (but "one", which is as often no number) the
    corpus has all but lost: at most ``_GONE`` of them left and
    ``_NUMBER_MISSING`` occurrences missing or more. No guess from one
    context may change a number, but a spinner that rewrites a number word
    everywhere leaves it missing from a whole corpus, and the open learner
    may then take it for the original of a form whose excess it accounts
    for (:func:`_accounts_for`; a random mapping writes "suggestion" for
    "million" 231 times in 1,000 BBC articles, and "million" is missing 220
    times). Clean news loses no number word: a page's numbers are its own.
    A number is a fact, so it takes twice the shortfall of other words
    (``_LEAST_MISSING``): on 1,000 BBC articles spun by ``mythes``, which
    rewrites "thousand" (16 missing), the open learner took it for
    "zillion" (10 times, for "trillion").

    >>> from collections import Counter
    >>> stats = UnpairedStats(Counter({"suggestion": 30.0, "two": 100.0}), 50_000.0, 10)
    >>> sorted(lost_numbers(stats) & {"million", "two", "one"})
    ['million']
    """
    return frozenset(
        w
        for w in ALL_NUMBER_WORDS
        if w != "one" and missing(stats, w) >= _NUMBER_MISSING and left_share(stats, w) <= _GONE
    )


_NUMBER_MISSING = 2 * _LEAST_MISSING

# A form left to the last resorts: (form, scores, written, margin, excess).
_LastResort = tuple[str, dict[str, float], dict[str, str], float, float]


def _fallbacks(
    stats: UnpairedStats,
    fallbacks: list[_LastResort],
    used: set[str],
    supported: Callable[[str, str, float], bool],
    synonym_left: float = math.inf,
) -> Iterator[tuple[str, str, float]]:
    """``(form, original, swaps)`` for the open learner's forms that got no
    entry from their leaders (none clearly ahead, or the best implausible
    or taken by another form): the best plausible original no form took,
    when it is the margin ahead of the next such original, accounts for the
    form's excess (:func:`_accounts_for`) and has the support an entry
    needs (``supported``). Weighed after every clear claim, strongest first, so that a
    fallback never takes an original from a form that leads clearly.

    ``jasper``, a random mapping's form for "firm" 248 times, has "company"
    ahead by 55 nats; but "company" is not missing (its own form took it),
    and "firm" is missing 158 times (for an excess of 247) and leads the
    rest by 176 nats."""

    def eligible(form: str, scores: dict[str, float]) -> list[str]:
        return [
            o
            for o in sorted(scores, key=lambda o: (-scores[o], o))
            if _spelling(o) not in used and _plausible(stats, form, o, False, False, synonym_left)
        ]

    ranked = sorted(
        (
            (scores[found[0]], form, scores, written, margin, excess)
            for form, scores, written, margin, excess in fallbacks
            if (found := eligible(form, scores))
        ),
        key=lambda x: (-x[0], x[1]),
    )
    for _, form, scores, written, margin, excess in ranked:
        found = eligible(form, scores)  # again: a stronger fallback may have taken one
        if round(excess) < 1 or not found:
            continue
        best = found[0]
        rest = scores[found[1]] if len(found) > 1 else -math.inf
        if (
            scores[best] - rest < margin
            or not _accounts_for(stats, best, excess)
            or not supported(form, best, scores[best])
        ):
            continue
        used.add(_spelling(best))
        yield form, written[best], excess


def _far_leaders(
    stats: UnpairedStats,
    fallbacks: list[_LastResort],
    used: set[str],
    supported: Callable[[str, str, float], bool],
) -> Iterator[tuple[str, str, float]]:
    """``(form, original, swaps)`` for the open learner's forms that neither
    their leaders nor a fallback gave an entry: the best original, though
    the corpus holds it as often as clean text would, when it is
    ``_FAR_LEAD`` margins ahead of the next of ``_FIELD`` candidates or
    more, no form took it, and it has the support an entry needs
    (``supported``). A random mapping's word is often a form too: "small",
    written for "international" 112 times, is held as often as clean text
    would hold it, though the spinner wrote "handbook" for every "small" of
    the writer's. Weighed last, strongest first: an
    original that is missing for the form (:func:`_fallbacks`) is the
    likelier."""
    ranked = sorted(
        (
            (max(scores.values()), form, scores, written, margin, excess)
            for form, scores, written, margin, excess in fallbacks
            if scores
        ),
        key=lambda x: (-x[0], x[1]),
    )
    for _, form, scores, written, margin, excess in ranked:
        order = sorted(scores, key=lambda o: (-scores[o], o))
        best = order[0]
        rest = scores[order[1]] if len(order) > 1 else -math.inf
        if (
            round(excess) < 1
            or len(order) < _FIELD
            or _spelling(best) in used
            or _spelling(form) == best
            or best in ALL_NUMBER_WORDS
            or scores[best] - rest < _FAR_LEAD * margin
            or not supported(form, best, scores[best])
        ):
            continue
        used.add(_spelling(best))
        yield form, written[best], excess


_FAR_LEAD = 4.0

# A lead over a few candidates says little (a form with one candidate leads
# by any margin): the far leader must beat a field of at least this many.
_FIELD = 10


def _leaders(scores: dict[str, float], margin: float, most: int) -> list[str]:
    """The best-scored originals, if clearly ahead of the rest: the best
    alone when it is ``margin`` ahead of the next; else the best two when
    the second is ``margin`` ahead of the third (up to ``most``
    originals); else none. A spinner turns several words into one form
    (``mythes`` writes "authorized" for "licensed" and "legitimate", the
    real spinner "bottom" for "ground" and "base"), and two originals that
    fit its contexts alike split the lead the best one alone would need.
    The entry keeps both; restoration chooses between them in context.
    Measured (docs/benchmarks.md, session 17): on 1,000 BBC articles spun
    by ``mythes``, two samples, the careful learner's entries for one-word
    forms seen 5 times or more go from precision 0.976 / 0.982 and recall
    0.446 / 0.466 to 0.958 / 0.959 and 0.473 / 0.490, and downstream repair
    from 0.448 / 0.443 to 0.459 / 0.459 (helpful-edit precision 0.934 /
    0.938 -> 0.929 / 0.932); on the real spun pages the same gain (+0.0032)
    and harmful edits (22). The open learner keeps one leader: for the
    random mapping, two would take precision for forms seen 5 times or more
    from 0.80 to 0.77."""
    ranked = sorted(scores, key=lambda o: (-scores[o], o))
    for n in range(1, min(most, len(ranked)) + 1):
        next_score = scores[ranked[n]] if len(ranked) > n else -math.inf
        if scores[ranked[n - 1]] - next_score >= margin:
            return ranked[:n]
    return []


def form_scores(
    stats: UnpairedStats, form: str, ratio: float, require_synonym: bool
) -> tuple[dict[str, float], dict[str, str], float, list[str]]:
    """What :func:`table_from_stats` weighs for the suspect ``form`` (seen
    ``ratio`` times as often as in clean text): each candidate original's
    score (its evidence plus the channel, :func:`_channel_scores`), one per
    spelling (:func:`_one_spelling`), how to write each, the margin the best
    needs over the next, and the leaders (:func:`_leaders`; none when no
    candidate is clearly ahead). Also what :mod:`unspin.verdict` explains."""
    scored = stats.scored[form]
    llrs = ((o, v[0]) for o, v in stats.evidence[form].items())
    scores, written = _one_spelling(_channel_scores(stats, form, ratio, scored, llrs), stats)
    margin = max(_MARGIN, _MARGIN_PER_ROOT * math.sqrt(scored))
    return scores, written, margin, _leaders(scores, margin, _LEADERS if require_synonym else 1)


def unsupported(
    stats: UnpairedStats,
    form: str,
    original: str,
    score: float,
    min_docs: int,
    min_share: float,
    min_evidence: float,
) -> str:
    """What ``original`` lacks of the support an entry for ``form`` needs
    (the evidence, the share of the form's occurrences, the documents and
    the distinct contexts), in words; empty when it lacks nothing."""
    scored = stats.scored[form]
    share = stats.evidence[form][original][1] / scored
    if score < min_evidence:
        return f"its evidence, {score:.1f} nats, is below {min_evidence:g}"
    if share < min_share:
        return f"the model prefers it at {share:.0%} of the occurrences, fewer than {min_share:.0%}"
    docs = stats.docs.get(form, Counter())[original]
    if docs < min_docs:
        plural = "" if docs == 1 else "s"
        return f"the model prefers it in {docs:g} document{plural}; an entry needs {min_docs}"
    contexts = len(stats.contexts.get(form, {}).get(original, ()))
    if contexts < min(min_docs, _MAX_CONTEXTS):
        plural = "" if contexts == 1 else "s"
        return (
            f"the model prefers it in {contexts} distinct context{plural}; an entry needs "
            f"{min(min_docs, _MAX_CONTEXTS)}"
        )
    return ""


def _one_spelling(
    scores: dict[str, float], stats: UnpairedStats
) -> tuple[dict[str, float], dict[str, str]]:
    """``scores`` with each word in two spellings counted once, and how to
    write each: a US thesaurus proposes "theater", "behavior", "license"
    where a British corpus writes "theatre", "behaviour", "licence", and the
    two spellings of one original split its lead over the next candidate.
    The spelling with the better evidence stands for both and the entry is
    written as the corpus writes the word more often."""
    groups: dict[str, list[str]] = defaultdict(list)
    for original in scores:
        groups[_spelling(original)].append(original)
    kept: dict[str, float] = {}
    written: dict[str, str] = {}
    for members in groups.values():
        best = max(members, key=lambda o: (scores[o], o))
        kept[best] = scores[best]
        written[best] = max(members, key=lambda o: (stats.counts.get(o, 0.0), o == best, o))
    return kept, written


# British endings and their American forms (the word as a whole must match).
_SPELLINGS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"our(s|ed|ing|ite|ites|able|ful|less|er|ers)?$", r"or\1"),
        (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),
        (r"ys(e|ed|es|ing)$", r"yz\1"),
        (r"tre(s|d)?$", r"ter\1"),
        (r"ogue(s)?$", r"og\1"),
        (r"ence(s)?$", r"ense\1"),
        (r"mme(s)?$", r"m\1"),
        (r"ell(ed|ing|er|ers)$", r"el\1"),
        (r"^scep", "skep"),
        (r"^aluminium$", "aluminum"),
    )
)


@lru_cache(maxsize=1 << 16)
def _spelling(word: str) -> str:
    """``word`` with a British ending written the American way ("theatre"
    -> "theater", "organisation" -> "organization"), else as it is; only
    ever compared between two candidates for one form.

    >>> _spelling("behaviour"), _spelling("licences"), _spelling("programme")
    ('behavior', 'licenses', 'program')
    """
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


# How far (nats) a form's best original must be ahead of the next: at least
# _MARGIN, and _MARGIN_PER_ROOT times the square root of the form's
# occurrences (a sum of per-occurrence evidence strays by about that much).
# Measured on 1,000 BBC articles spun by ``mythes`` / by a random mapping,
# open candidates (precision / recall of entries for forms seen 20 times or
# more; docs/benchmarks.md): a flat 10 nats 0.93 / 0.60 and 0.87 / 0.55; a
# flat 5, 0.92 / 0.62 and 0.83 / 0.57; max(5, 3 sqrt(n)) 0.95 / 0.55 and 0.91
# / 0.52; max(5, 4 sqrt(n)) 0.96 / 0.51 and 0.94 / 0.47. With the channel
# charged to the swapped occurrences only (session 15, two samples each,
# careful / open learner): 2.5 sqrt(n) gives 0.97-0.98 / 0.60-0.61 and
# 0.93-0.95 / 0.50 (3 sqrt(n): 0.98 / 0.59 and 0.95 / 0.49).
_MARGIN = 5.0

_MARGIN_PER_ROOT = 2.5


def _plausible(
    stats: UnpairedStats,
    form: str,
    original: str,
    require_synonym: bool,
    by_context: bool = False,
    synonym_left: float = math.inf,
) -> bool:
    """Whether an original the evidence chose may stand: never the form's
    own American spelling (the US trigram model prefers "aluminum" and
    "behavior" anywhere; on the real pages' crawl, "aluminium" ->
    "aluminum" made two harmful edits); a synonym a thesaurus could have
    turned into ``form`` (:func:`_clear_synonym`); or,
    without the thesaurus check, a word the corpus holds at most
    ``_MAX_LEFT`` times as often as clean text would
    (:func:`unspin.rates.left_share`). An original only the context proposes
    is a guess at a spinner with a thesaurus of its own, and such a spinner
    leaves its originals out; a word the corpus has as often as ever was not
    rewritten there. Measured on 1,000 BBC articles spun by a random
    mapping, two samples (docs/benchmarks.md): asking for any shortfall
    (session 15), precision for forms seen 20 times or more 0.907 -> 0.933
    and 0.925 -> 0.943 (recall 0.508 -> 0.503, 0.504 -> 0.497), downstream
    helpful-edit precision 0.922 -> 0.959 and 0.932 -> 0.949; asking for
    half (session 17), precision for forms seen 5 times or more 0.797 ->
    0.816 and 0.829 -> 0.856 (recall 0.226 -> 0.223, 0.232 -> 0.228). Asking
    it of a thesaurus synonym too would take 0.879 and 0.916, but halve what
    the open learner finds for ``mythes`` (recall 0.43 -> 0.21): a spinner
    that rewrites a word only now and then leaves it in place elsewhere.

    A suspect only by its contexts (``by_context``) shows no excess, so its
    original must show the other side, even a synonym's: no more of it in
    the corpus than clean text would hold (``_NOT_IN_EXCESS``). A writer's
    "additional" that misfits among spun neighbours is no swap for "extra",
    which the corpus holds 1.7 times as often as clean text would.

    A synonym, too, must be held at most ``synonym_left`` times as often
    as clean text would hold it (:func:`synonym_bar`: for a spinner that
    leaves none of a word it rewrites)."""
    if _spelling(form) == original != form:
        return False  # the form as written, spelt the American way: no swap
    if by_context and left_share(stats, original) > _NOT_IN_EXCESS:
        return False
    if _clear_synonym(stats, form, original):
        return synonym_left == math.inf or left_share(stats, original) <= synonym_left
    return not require_synonym and left_share(stats, original) <= _MAX_LEFT


def spinner_leaves(
    stats: UnpairedStats, suspects: dict[str, float], require_synonym: bool
) -> float:
    """How much of a word it rewrites the corpus's spinner leaves in place:
    the median, over the suspects seen ``_SURE_SEEN`` times or more whose
    best original leads the next by ``_SURE_LEAD`` margins or more, of the
    share of that original the corpus still holds against clean text
    (:func:`unspin.rates.left_share`); 1 with fewer than ``_SURE_FORMS``
    such forms (no evidence). Measured on the recorded first rounds of
    1,000 BBC articles (docs/benchmarks.md, session 32): 0.005-0.010 for a
    random mapping, which rewrites a word every time, and 0.52 for
    ``mythes``, which rewrites 60% of the words it can and writes the
    words it rewrites for their synonyms.

    >>> from collections import Counter
    >>> spinner_leaves(UnpairedStats(Counter({"said": 5.0}), 1_000.0, 1), {}, True)
    1.0
    """
    shares: list[float] = []
    for form, ratio in suspects.items():
        if stats.counts.get(form, 0.0) < _SURE_SEEN or not stats.scored.get(form):
            continue
        scores, _, margin, _ = form_scores(stats, form, ratio, require_synonym)
        shares.extend(left_share(stats, o) for o in _leaders(scores, _SURE_LEAD * margin, 1))
    if len(shares) < _SURE_FORMS:
        return 1.0
    return statistics.median(shares)


_SURE_SEEN = 5.0

_SURE_LEAD = 2.0

_SURE_FORMS = 20


def synonym_bar(leaves: float) -> float:
    """How often (against clean text) the corpus may hold a thesaurus
    synonym taken for an original (:func:`_plausible`), given how much the
    spinner leaves of the words it rewrites (:func:`spinner_leaves`). A
    spinner that leaves little (``_LEAVES_LITTLE`` or less) rewrites a word
    wherever it meets it, so a synonym the corpus holds as often as ever was
    not rewritten: it is held to the bar of any original (``_MAX_LEFT``).
    On 1,000 BBC articles spun by a random mapping, the open learner took
    "almost" for "nearly" (116 times), "award" for "oscar" (150) and
    "profits" for "earnings" (91): words the spinner never wrote, whose
    synonyms the corpus holds 1.2, 0.9 and 2.0 times as often as clean text.
    A thesaurus spinner that rewrites a word now and then, and writes it for
    its synonyms, leaves its originals in place: no bar.

    >>> synonym_bar(0.01), synonym_bar(0.5)
    (0.5, inf)
    """
    return _MAX_LEFT if leaves <= _LEAVES_LITTLE else math.inf


_LEAVES_LITTLE = 0.25


_MAX_LEFT = 0.5

_NOT_IN_EXCESS = 1.0


def _clear_synonym(stats: UnpairedStats, form: str, original: str) -> bool:
    """Whether the evidence's choice for ``form`` is a synonym a thesaurus
    could have turned into it (the choice is already ``_MARGIN`` ahead of
    every other candidate: when the evidence prefers a word no thesaurus
    lists, the form is left alone)."""
    return original in _thesaurus_sources(form)
