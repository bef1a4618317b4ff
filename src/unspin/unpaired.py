"""Learn a spinner's reverse table from spun text alone (no clean sources).

**Experimental** (issue 11, open), and careful by default: an entry is made
only where the evidence's choice is a synonym a shipped thesaurus (MyThes,
WordNet) lists for the spun form (``require_synonym=True``), clearly ahead
of every other candidate (:data:`_MARGIN`), or, with a second original
that fits as well, of every other but those two (:func:`_leaders`).
Measured (``docs/benchmarks.md``, session 28, two samples, learning with
news counts that never saw the samples): on 1,000 BBC articles spun by the
``mythes`` spinner, 96% of the careful entries (two rounds) for forms
seen 5 times or more are right and 60-61% of those swaps are found (20
times or more: 97%, 79-80%), and 88% of its phrase entries (the spinner's
expansions, "state of war" for "war") are right, finding 75% of those seen
5 times or more; restoring with that table alone repairs 74-75% of what a
table learned from the same articles as pairs repairs (helpful-edit
precision 0.92, the pairs' 0.95; session 28). For a spinner whose
choices are in no thesaurus (a fixed random mapping) the open learner
(``require_synonym=False``, two rounds) gets 92% of its entries for forms
seen 5 times or more right (97-98% of those seen 20 times or more) and
finds 39% (72%), and its table repairs 72.4-72.5% of what the pairs'
would (helpful-edit precision 0.96-0.97; session 28); the
careful one finds next to none (its 355-365 entries make no edit on the
test articles). On the real spun pages of the development data, over each
grouped fold's default table, either leaves repair and helpful-edit
precision nearly where they were (careful +0.005 repair at helpful
precision 0.96; open +0.002; 70 pages are too few to learn much from).
Used by ``unspin learn --unpaired`` and ``unspin clean --learn``.

The idea (DESIGN.md): the spinner is nearly deterministic per word, so a spun
form ("mentioned") recurs in many contexts where the trigram model prefers
one and the same original ("said"), while a writer's own word has no such
consistent rival. Three passes over the corpus (the third in two halves),
and a fourth over the forms learned, each a sum of per-document statistics
(partitions of a corpus can be counted apart and added with
:meth:`UnpairedStats.merge`). Each pass reads a document as ``base``
restores it: what is known is undone first, so that the rest is weighed in
the writer's own context, and the words the restoration wrote are counted
apart (``UnpairedStats.restored``), as no form of the spinner's. The passes
run in **rounds** (``rounds``): the second reads the corpus restored with
what the first learned too, and learns the forms still unknown (the
careful learner's default; ``docs/benchmarks.md``, sessions 18 and 20).

1. **Counts.** Weighted occurrences of each word and of each phrase a
   shipped thesaurus lists as a synonym of one word (a spinner's expansions:
   "economic system" for "economy", :func:`_phrase_forms`), and the total
   weight of words. A document's weight is how spun it looks (the screen of
   ``base``, :mod:`unspin.screen`, as a probability; 1 when ``base`` is
   empty). A form ``base`` does not know
   is a *suspect* when it occurs ``min_count`` times or more and ``min_ratio``
   times as often as in clean English (wordfreq; for a phrase, the trigram
   model's probability of its words in a row or the shipped news bigram
   counts), or, for a word the earlier rounds learned as an original (one
   the spinner rewrites too), as often as the share of its own occurrences
   the spinner leaves in place would give (:func:`unspin.rates.left_in_place`).
   The pass also counts, per word, the occurrences that misfit their
   places (the trigram model's pointwise mutual information of the word
   with the words around it below 0, :func:`_misfits`): a form held as
   often as clean text holds it (a common word that the spinner writes for
   another, while the writer's own uses are rewritten or many) is a suspect
   *by its contexts* when it misfits more often than the corpus's words
   usually do, beyond chance (:func:`context_suspects`), and its original
   must then be no commoner in the corpus than in clean text.
2. **Candidates.** At each occurrence of a suspect, the words the bigram
   counts expect between its two neighbours (what the model itself prefers
   there; the pass counts the pairs of neighbours, and each distinct pair is
   looked up once after the merge, :func:`propose`); those proposed at two
   occurrences or more join the words a
   sense-blind thesaurus could have turned into the form (the shipped
   MyThes and WordNet, inverted). Without the thesaurus check
   (``require_synonym=False``), every word the corpus is missing
   (:func:`unspin.rates.depleted_words`) that the bigram counts have
   between the neighbours is proposed too, not only the likeliest few: a
   deterministic spinner leaves its originals out, and the original of a
   rarer form is a rarer word. Up to 40 proposals are taken, those proposed
   for this form rather than for every suspect first, and those clean text
   holds about as often as the form's excess (:func:`_specificity`).
   Function words are never candidates, nor are number words, but for the
   open learner those the corpus has lost (:func:`lost_numbers`), which it
   takes only where one accounts for the form's excess.
3. **Evidence.** At each occurrence, each candidate's log-ratio under the
   trigram model (``log P(context with it) - log P(context as written)``,
   with each word's frequency as clean news has it rather than as the
   model's training text did, :func:`_domain`; times 0.7 as in
   :mod:`unspin.decide`), mixed with the share of the form's
   occurrences that ordinary usage does not explain (``1 - 1 / ratio``):
   ``log(1 - s + s * exp(LLR))`` summed over occurrences. A sample of the
   documents (one in four, chosen by a digest of the text, so that every
   partition draws the same) weighs every candidate first; the other
   documents weigh only those the sample left in the running
   (:func:`_narrowed`): the same tables, in about four fifths of the time.

An entry is made for a suspect the base does not know, from its candidate
with the largest evidence plus, per swapped occurrence, the noisy channel's
``log P(form | original)`` (:func:`unspin.rates.channel`: the share of the
candidate's expected occurrences that the form's excess can account for; the
model alone prefers common words), when that is ``_MARGIN`` nats ahead of
the next candidate and reaches ``min_evidence`` nats, the model prefers the
candidate to the form as written at ``min_share`` of the occurrences or more,
in ``min_docs`` documents or more and as many different contexts (the two
words either side: copies of one page are one context), and the candidate
is plausible (:func:`_plausible`: a thesaurus synonym of the form, or, for
the open learner, a word the corpus holds at most half as often as clean
text would, beyond what the base table's forms stand for). The open learner
falls back, for a form that gets no entry so (its best original is
implausible or another form's, or none is clearly ahead), on the best
plausible original no form took, when that leads the rest by the margin and
is missing from the corpus about as often as the form is in excess
(:func:`_fallbacks`: a random mapping's "jasper" gets "firm", not
"company"); and it keeps a form that comes in bursts when its one original
is far ahead and missing so (:func:`_far_ahead`). Its counts, from
how much more often the form occurs than in clean text: its excess
occurrences are swaps, the rest kept (session 15: the excess times the share
where the model prefers the original undercounted swaps, 0.86 of the
occurrences against the pairs' 0.90 for the same ``mythes`` entries;
counting the excess alone restores 0.008 more at helpful precision 0.003
lower on both synthetic spinners and both samples, the real pages
unchanged). The excess is only a floor on the swaps (a spinner rewrites its
own forms too), so a fourth pass fits the share of swaps to the contexts of
all the form's occurrences, and the kept count drops to what that share
leaves (:func:`share_pass`, :func:`refit_kept`). Provenance ``unpaired``
(which :func:`unspin.hits.prior` discounts like inferred entries).

How often clean text would hold a word (for the suspects, the missing words
and the channel) is :mod:`unspin.rates`. Memory is bounded by the vocabulary
(counts per word type, per suspect and candidate); time is linear in the
corpus.
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
import sys
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial
from itertools import islice
from typing import Any, NamedTuple

from . import lm
from .context import _bigram_table
from .decide import _MAX_FREQUENCY, DEFAULT_OPTIONS
from .extract import ALL_NUMBER_WORDS
from .lexicon import Thesaurus
from .rates import (
    NEVER,
    channel,
    depleted_words,
    left_in_place,
    left_share,
    missing,
    reference_rate,
    spread_out,
)
from .restore import restore_and_explain
from .screen import screen_scores
from .table import Table, extended
from .tokenize import TokenArrays, check_text, token_arrays

__all__ = ["Round", "UnpairedStats", "channel", "learn_from_passes", "learn_unpaired", "spread_out"]

SOURCE = "unpaired"
# How many times as often as in clean English a form must occur to be a
# suspect. Measured on 1,000 articles spun by ``mythes`` (forms seen 20+
# times; docs/benchmarks.md): 3.0 finds 591 of the 903 swaps as suspects and
# learns 43% of them at precision 0.91; 1.2 learns 51% at 0.92 (a form the
# spinner writes only now and then beside its ordinary use weighs little in
# the mixture evidence, so a lower bar costs no precision). On the real pages
# 1.2 and 3.0 learn the same entries.
MIN_RATIO = 1.2
# Evidence (nats) an entry's original needs in all: what restoration asks
# before it opens a document (``Options.prior``). Measured (docs/benchmarks.md,
# session 14): on the real spun pages the entries below it are mostly wrong
# ("code of conduct" -> "protocol", "prospect" -> "possibility",
# "nationalisation" -> "nationalization"); 3.0 and 6.0 learn the same from
# 1,000 articles spun by ``mythes`` but for 7 phrases, and the random
# mapping's two wrong phrase entries go.
MIN_EVIDENCE = 6.0
# Candidates per occurrence from the bigram counts, and per suspect overall.
_CONTEXT_CANDIDATES = 12
_MAX_CANDIDATES = 40
# The bigram index keeps this many successors / predecessors per word.
_NEIGHBOURS = 300
# Rounds of learning by default: the second, over the corpus restored with
# what the first learned, finds more (docs/benchmarks.md, session 18). The
# open learner kept one round until its second cost precision on the real
# crawl (session 20: 12 more helpful edits and 8 more harmful ones); with
# word frequencies as news has them (session 21) the second round adds 7
# helpful edits and no harmful one there, and on 1,000 BBC articles
# (two samples, news counts that never saw them) the random mapping's
# forms seen 5+ 0.925 / 0.283 and 0.936 / 0.294 -> 0.916 / 0.327 and
# 0.918 / 0.339, downstream repair 61% -> 64% of paired learning's
# (helpful-edit precision 0.978 -> 0.973, 0.974 -> 0.967), ``mythes``
# 0.979 / 0.441 and 0.982 / 0.453 -> 0.976 / 0.522 and 0.978 / 0.539,
# downstream 0.460 -> 0.500 and 0.454 -> 0.494 (0.924 -> 0.921, 0.925 ->
# 0.926). Both learners take two rounds, for about 1.5 times the time.
ROUNDS = 2
# The learner's revision, part of what identifies a ``clean --learn`` job
# (:func:`unspin.crawl.learn_corpus`): raised when a change to the learner
# changes the tables it learns, so that a crawl's table learned before is
# learned again rather than reused. 25: the kept counts fitted (refit_kept).
# 26: the open learner's fallbacks (_fallbacks) and bursty forms far ahead
# (_far_ahead); the careful learner's tables are unchanged. 27: number words
# the corpus lost may be the open learner's originals (lost_numbers). 28: so
# may an original the corpus still holds, far ahead of a field (_far_leaders).
# 29: forms whose contexts misfit are suspects too (context_suspects).
REVISION = 29


@dataclass
class UnpairedStats:
    """Statistics of spun documents that add across partitions of a corpus.

    Pass 1: ``counts`` (weighted occurrences of each word), ``words``,
    ``documents``, ``capitalized`` (occurrences written with a capital
    letter inside a sentence: names), ``spread`` (the weighted number of
    documents each word occurs in), ``misfits`` (weighted occurrences of
    each word that misfit their places, :func:`_misfits`) and ``weight``
    (of all documents). Pass
    2: ``around[form]``, the weighted count of each pair of neighbours (the
    words either side) at the form's occurrences; from them (after the
    merge, :func:`propose`), ``proposals[form]``, how often each candidate
    original was proposed at the form's occurrences. Pass 3:
    ``evidence[form][original]`` = ``[log-likelihood ratio, weighted
    occurrences where the model prefers it to the form]``, ``scored[form]``
    and ``docs[form][original]`` (documents where it was preferred);
    ``contexts[form][original]``, the smallest few hashes of the distinct
    contexts where it was preferred (enough to tell whether there are
    ``min_docs`` of them; merging keeps the smallest, so partitions add).
    Pass 4: ``swapped[form]``, the log-likelihood of the occurrences of a
    form the round learned at each share of :data:`_SHARES` (how many of
    them are swaps, :func:`share_pass`).
    ``restored``: the words the base table wrote back when pass 1 restored
    the corpus (counted apart from ``counts``, which holds what the spinner
    wrote; both are what the corpus holds of a word). ``reference`` is set
    on the merged counts.
    """

    counts: Counter[str] = field(default_factory=Counter)
    words: float = 0.0
    documents: int = 0
    capitalized: Counter[str] = field(default_factory=Counter)
    proposals: dict[str, Counter[str]] = field(default_factory=dict)
    around: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    evidence: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    scored: Counter[str] = field(default_factory=Counter)
    docs: dict[str, Counter[str]] = field(default_factory=dict)
    contexts: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    reference: UnpairedStats | None = None  # counts of clean text, if given
    spread: Counter[str] = field(default_factory=Counter)
    weight: float = 0.0
    restored: Counter[str] = field(default_factory=Counter)
    swapped: dict[str, list[float]] = field(default_factory=dict)
    misfits: Counter[str] = field(default_factory=Counter)

    def counts_only(self) -> UnpairedStats:
        """Just the word counts (pass 1), as a reference of clean text."""
        return UnpairedStats(self.counts, self.words, self.documents)

    def only(self, candidates: dict[str, tuple[str, ...]]) -> UnpairedStats:
        """These statistics with the pass-3 evidence of ``candidates`` only
        (a candidate dropped after the sample, :func:`_narrowed`, keeps none)."""

        def kept(by_form: dict[str, Any]) -> dict[str, Any]:
            return {
                form: type(by_original)(
                    {o: v for o, v in by_original.items() if o in candidates.get(form, ())}
                )
                for form, by_original in by_form.items()
            }

        out = replace(self)
        out.evidence, out.docs, out.contexts = (
            kept(self.evidence),
            kept(self.docs),
            kept(self.contexts),
        )
        return out

    def merge(self, other: UnpairedStats) -> UnpairedStats:
        """The statistics of both partitions (neither is modified).

        >>> a = UnpairedStats(Counter({"mentioned": 2}), 10.0, 1)
        >>> b = UnpairedStats(Counter({"mentioned": 1}), 5.0, 1)
        >>> m = a.merge(b)
        >>> m.counts["mentioned"], m.words, m.documents
        (3, 15.0, 2)
        """
        out = UnpairedStats(
            self.counts + other.counts,
            self.words + other.words,
            self.documents + other.documents,
            self.capitalized + other.capitalized,
            scored=self.scored + other.scored,
            reference=self.reference or other.reference,
            spread=self.spread + other.spread,
            weight=self.weight + other.weight,
            restored=self.restored + other.restored,
            misfits=self.misfits + other.misfits,
        )
        for part in (self, other):
            for form, counter in part.proposals.items():
                out.proposals.setdefault(form, Counter()).update(counter)
            for form, pairs in part.around.items():
                out.around.setdefault(form, Counter()).update(pairs)
            for form, counter in part.docs.items():
                out.docs.setdefault(form, Counter()).update(counter)
            for form, hashes_by_original in part.contexts.items():
                for original, hashes in hashes_by_original.items():
                    _add_contexts(out.contexts, form, original, hashes)
            for form, values in part.swapped.items():
                total = out.swapped.setdefault(form, [0.0] * len(values))
                for i, v in enumerate(values):
                    total[i] += v
            for form, by_original in part.evidence.items():
                mine = out.evidence.setdefault(form, {})
                for original, values in by_original.items():
                    acc = mine.setdefault(original, [0.0] * len(values))
                    for i, v in enumerate(values):
                        acc[i] += v
        return out


def learn_unpaired(
    texts: Iterable[str],
    *,
    base: Table | None = None,
    min_count: int = 3,
    min_docs: int = 2,
    min_ratio: float = MIN_RATIO,
    min_share: float = 0.5,
    min_evidence: float = MIN_EVIDENCE,
    clean: Iterable[str] | None = None,
    require_synonym: bool = True,
    rounds: int | None = None,
    progress: bool = False,
    observe: Callable[[Round], None] | None = None,
) -> Table:
    """Learn a reverse table from spun ``texts`` alone (see the module
    docstring); with ``base``, the result extends it (not modified), and
    ``base`` weighs the documents and restores them before they are read
    (its own forms are left to it). ``clean`` is
    clean text of the same kind (a crawl's clean pages; no pairs needed): how
    often its words occur tells a topic's own words from the spinner's.
    ``require_synonym=False`` also accepts originals that only the context
    proposes (a spinner with a thesaurus of its own; less precise).
    ``rounds``: each round reads the corpus as what is known so far restores
    it (``base``, then also the earlier rounds' entries) and learns the forms
    still unknown; ``None`` is :data:`ROUNDS` (2). One round is quicker and
    finds less. ``observe`` is called with each :class:`Round` as it ends:
    :func:`unspin.verdict.verdict` says from it why a form did or did not
    become an entry.

    ``texts`` is read five times per round (four when the round learns
    nothing): a list, or any collection that can be iterated again (such as
    a reader that opens its files on each pass); a one-shot iterator is read
    into memory first.

    Raises:
        TypeError: a text is not a ``str`` (its index is named).

    >>> t = learn_unpaired(["The struggle was over."] * 3)
    >>> len(t)  # three copies of one sentence: too little to learn from
    0
    """
    if isinstance(texts, Iterator):
        texts = list(texts)
    corpus = texts
    reference = None
    if clean is not None:
        reference = count_pass(clean, Table(), progress=progress).counts_only()

    def run(one_pass: Callable[[Iterable[str]], UnpairedStats]) -> UnpairedStats:
        return one_pass(corpus)

    return learn_from_passes(
        run,
        base=base,
        reference=reference,
        min_count=min_count,
        min_docs=min_docs,
        min_ratio=min_ratio,
        min_share=min_share,
        min_evidence=min_evidence,
        require_synonym=require_synonym,
        rounds=rounds,
        progress=progress,
        observe=observe,
    )


def learn_from_passes(
    run: Callable[[Callable[[Iterable[str]], UnpairedStats]], UnpairedStats],
    *,
    base: Table | None = None,
    reference: UnpairedStats | None = None,
    min_count: int = 3,
    min_docs: int = 2,
    min_ratio: float = MIN_RATIO,
    min_share: float = 0.5,
    min_evidence: float = MIN_EVIDENCE,
    require_synonym: bool = True,
    rounds: int | None = None,
    progress: bool = False,
    observe: Callable[[Round], None] | None = None,
) -> Table:
    """:func:`learn_unpaired` with the corpus behind ``run``: ``run(one_pass)``
    applies ``one_pass`` (a function of some texts that returns
    :class:`UnpairedStats`) to every partition of the corpus and returns the
    partitions' statistics merged. One process passes the whole corpus as
    one partition; :func:`unspin.dask.learn_unpaired_bag` maps the passes
    over a bag's partitions on a cluster. ``reference`` is the pass-1 counts
    of clean text of the same kind, if any.

    Each of ``rounds`` rounds restores the corpus with what is known so far
    (``base`` and the earlier rounds' entries) before it counts and weighs:
    the forms learned in one round no longer blur the contexts of the next
    (see :data:`ROUNDS`)."""
    base = base if base is not None else Table()
    if rounds is None:
        rounds = ROUNDS
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds!r}")
    settings = _Settings(min_count, min_docs, min_ratio, min_share, min_evidence, require_synonym)
    known, learned = base, Table()
    try:
        for number in range(1, rounds + 1):
            if progress and rounds > 1:
                print(f"learn_unpaired: round {number} of {rounds}", file=sys.stderr)
            seen = _one_round(run, known, learned, reference, settings, progress, observe)
            if observe is not None:
                observe(seen)
            found = seen.table
            if not len(found):
                break
            learned = learned.merge(found)
            known = base.merge(learned)
    finally:
        _RESTORED.clear()
    if not len(base):
        return learned
    return extended(base, learned, "unpaired", "swaps learned from spun text alone")


class _Settings(NamedTuple):
    """:func:`learn_from_passes`'s bars, the same in every round."""

    min_count: int
    min_docs: int
    min_ratio: float
    min_share: float
    min_evidence: float
    require_synonym: bool


class Round(NamedTuple):
    """What one round of :func:`learn_unpaired` saw and decided: the
    corpus's merged statistics, the ``suspects`` (``{form: ratio}``), each
    suspect's ``candidates``, the ``base`` it read the corpus with (the
    given base, then also what the earlier rounds learned), its bars, and
    the ``table`` of entries it learned (over ``base``, not extended)."""

    stats: UnpairedStats
    suspects: dict[str, float]
    candidates: dict[str, tuple[str, ...]]
    base: Table
    settings: _Settings
    table: Table
    by_context: frozenset[str] = frozenset()


def _one_round(
    run: Callable[[Callable[[Iterable[str]], UnpairedStats]], UnpairedStats],
    base: Table,
    learned: Table,
    reference: UnpairedStats | None,
    settings: _Settings,
    progress: bool,
    observe: Callable[[Round], None] | None = None,
) -> Round:
    """The entries one round learns over ``base`` (not extended with it),
    with what led to them (kept only when ``observe`` asks: the statistics
    are large); ``learned``: what the earlier rounds learned (in ``base``
    too)."""
    stats = run(partial(count_pass, base=base, progress=progress))
    stats.reference = reference
    # A word this corpus's spinner rewrites (an original the earlier rounds
    # learned) keeps only a share of its own occurrences, so that what it
    # holds beyond that share was written for other words. Measured
    # (docs/benchmarks.md, session 20): on 1,000 BBC articles spun by
    # ``mythes``, two samples, the careful learner's forms seen 5+ 0.949 /
    # 0.532 and 0.944 / 0.542 -> 0.945 / 0.549 and 0.942 / 0.562, downstream
    # repair 0.488 -> 0.494 and 0.489 -> 0.497 (helpful-edit precision 0.928
    # -> 0.927, 0.929 -> 0.929); the real pages unchanged. The base table's
    # originals are no such evidence: another corpus taught them (over the
    # real pages' default, "clear" -> "make" and harmful edits 21 -> 26).
    rewritten = _originals(learned)
    # A form the base knows is the base's to restore: no entry is made for it.
    suspects = {
        form: ratio
        for form, ratio in find_suspects(
            stats,
            min_count=settings.min_count,
            min_ratio=settings.min_ratio,
            rewritten=rewritten,
            left=left_in_place(stats, rewritten),
        ).items()
        if base.lookup(form) is None
    }
    # Forms held as often as clean text would hold them, but whose contexts
    # say they are often swapped (context_suspects).
    by_context = {
        form: ratio
        for form, ratio in context_suspects(
            stats, min_count=settings.min_count, min_ratio=settings.min_ratio
        ).items()
        if form not in suspects and base.lookup(form) is None
    }
    suspects.update(by_context)
    # Without the thesaurus check, the words missing from the corpus are
    # candidates too (a spinner with a thesaurus of its own).
    numbers = frozenset() if settings.require_synonym else lost_numbers(stats)
    depleted = frozenset() if settings.require_synonym else depleted_words(stats) | numbers
    stats = stats.merge(
        run(partial(candidate_pass, base=base, suspects=suspects, progress=progress))
    )
    propose(stats, depleted)
    candidates = choose_candidates(stats, suspects, numbers)
    # A sample of the documents weighs every candidate; the rest, only those
    # the sample left in the running (see _narrowed).
    weigh = partial(evidence_pass, base=base, suspects=suspects, progress=progress)
    sample = run(partial(weigh, candidates=candidates, part=True))
    narrowed = _narrowed(stats, sample, candidates, suspects)
    rest = run(partial(weigh, candidates=narrowed, part=False))
    stats = stats.merge(sample.only(narrowed)).merge(rest)
    table = table_from_stats(
        stats,
        suspects,
        min_docs=settings.min_docs,
        min_share=settings.min_share,
        min_evidence=settings.min_evidence,
        require_synonym=settings.require_synonym,
        by_context=by_context.keys(),
    )
    if len(table):
        shares = run(partial(share_pass, base=base, table=table, progress=progress))
        table = refit_kept(table, shares)
        stats.swapped = shares.swapped
    if observe is None:
        return Round(UnpairedStats(), {}, {}, base, settings, table)
    return Round(stats, suspects, candidates, base, settings, table, frozenset(by_context))


def _originals(table: Table) -> frozenset[str]:
    """The one-word originals of ``table``'s entries: words the spinner
    rewrites."""
    found: set[str] = set()
    for key in table:
        entry = table.lookup(key)
        if entry is not None:
            found.update(o for o in entry.originals if " " not in o)
    return frozenset(found)


# ------------------------------------------------------------------ the passes


def document_weight(text: str, base: Table) -> float:
    """How spun a document looks to ``base``'s screen, as a probability (1
    when ``base`` is empty: every document counts fully)."""
    if not len(base):
        return 1.0
    score = max(screen_scores(text, base), default=0.0)
    if not math.isfinite(score):
        return 1.0
    odds = (score - DEFAULT_OPTIONS.screen) / _SCREEN_SCALE
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, odds))))


_SCREEN_SCALE = 0.3


def _digest(text: str) -> bytes:
    """A digest of ``text``: the key of its remembered restoration, and what
    puts it in the sample (:func:`_in_sample`)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _restorations(text: str, base: Table, digest: bytes) -> tuple[tuple[int, int, str], ...]:
    """The edits (offsets into ``text``, ascending) that restore ``text``
    with ``base``, remembered for the round's next passes (each reads the
    document as the base restores it: restoring once instead of on every
    pass is some 40% of a second round's time on 300 spun articles).
    ``digest``: :func:`_digest` of ``text``."""
    key = (base.sha256, digest)
    found = _RESTORED.get(key)
    if found is None:
        if len(_RESTORED) >= _RESTORED_LIMIT:
            _RESTORED.clear()
        edits = sorted(restore_and_explain(text, table=base).edits)
        found = _RESTORED[key] = tuple((e.start, e.end, e.replacement) for e in edits)
    return found


# Documents whose restorations are remembered (a few kB each); a larger
# corpus restores each document on each pass. Learning forgets them when it
# ends (a Dask worker keeps its own until the limit).
_RESTORED_LIMIT = 20_000
_RESTORED: dict[tuple[str, bytes], tuple[tuple[int, int, str], ...]] = {}


class _Document(NamedTuple):
    weight: float  # how spun it looks (document_weight)
    tokens: TokenArrays  # of the text as ``base`` restores it
    restored: frozenset[int]  # the tokens ``base`` wrote back


def _documents(
    texts: Iterable[str], base: Table, progress: bool, what: str, part: bool | None = None
) -> Iterator[_Document]:
    """Each document with some weight, as ``base`` restores it: what the
    base knows is undone before the rest is counted and weighed, so that a
    form's context reads as the writer wrote it ("wholesale vitality
    prices" as "wholesale energy prices"), and a word inside a phrase the
    base restores ("gross" of "gross sales" for "sales") is no form of its
    own. With ``part``, only the documents of the sample
    (:func:`_in_sample`) or only the others."""
    for i, text in _progress(enumerate(texts), progress, what, known_length(texts)):
        if not isinstance(text, str):
            raise TypeError(f"text {i} must be a str, not {type(text).__name__}")
        check_text(text)
        digest = _digest(text)
        if part is not None and _in_sample(digest) != part:
            continue
        weight = document_weight(text, base)
        if weight > 0:
            yield _Document(weight, *_restored(text, base, digest))


def _restored(
    text: str, base: Table, digest: bytes | None = None
) -> tuple[TokenArrays, frozenset[int]]:
    """The tokens of ``text`` as ``base`` restores it, and which of them the
    restoration wrote.

    >>> tokens, wrote = _restored("The struggle ended, he mentioned.", Table.default())
    >>> tokens.norms, sorted(wrote)
    (['the', 'war', 'ended', ',', 'he', 'said', '.'], [1, 5])
    """
    if not len(base):
        return token_arrays(text), frozenset()
    parts, spans, pos, size = [], [], 0, 0
    for start, end, replacement in _restorations(text, base, digest or _digest(text)):
        parts.append(text[pos:start])
        size += start - pos
        spans.append((size, size + len(replacement)))
        parts.append(replacement)
        size += len(replacement)
        pos = end
    parts.append(text[pos:])
    tokens = token_arrays("".join(parts))
    wrote = set()
    j = 0
    for t, (start, end) in enumerate(zip(tokens.starts, tokens.ends, strict=True)):
        while j < len(spans) and spans[j][1] <= start:
            j += 1
        if j < len(spans) and spans[j][0] < end:
            wrote.add(t)
    return tokens, frozenset(wrote)


def count_pass(texts: Iterable[str], base: Table, *, progress: bool = False) -> UnpairedStats:
    """Pass 1: weighted word counts, and how often each word misfits its place."""
    stats = UnpairedStats()
    for weight, arrays, restored in _documents(texts, base, progress, "counting"):
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


def _occurrences(
    norms: list[str],
    forms: Container[str],
    phrases: _PhraseIndex,
    restored: frozenset[int] = frozenset(),
) -> Iterator[tuple[list[str], int, int, str]]:
    """``(model words, start, end, form)`` of each occurrence of ``forms``:
    words, and the ``phrases`` among them (:func:`_phrase_index`), but
    none the base table wrote (tokens ``restored``)."""
    words, pos = lm.stream(norms)
    written = {k for i in restored for k in range(pos[i], pos[i + 1])}
    for k, word in enumerate(words):
        if word in forms and k not in written:
            yield words, k, k + 1, word
    if phrases:
        for k, end, form in _phrases_in(words, phrases):
            if not written or written.isdisjoint(range(k, end)):
                yield words, k, end, form


# A phrase index: the first two words of each phrase -> the phrases, as words
# and as the form they are counted under.
_PhraseIndex = dict[tuple[str, str], tuple[tuple[tuple[str, ...], str], ...]]


def _phrases_in(words: Sequence[str], phrases: _PhraseIndex) -> Iterator[tuple[int, int, str]]:
    """``(start, end, form)`` of each occurrence of ``phrases`` in ``words``."""
    for k, pair in enumerate(zip(words, islice(words, 1, None), strict=False)):
        found = phrases.get(pair)
        if found is not None:
            for phrase, form in found:
                end = k + len(phrase)
                if len(phrase) == 2 or tuple(words[k:end]) == phrase:
                    yield k, end, form


def _phrase_index(forms: Iterable[str]) -> _PhraseIndex:
    """The index of the phrases (forms with a space) among ``forms``."""
    index: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for form in forms:
        if " " in form:
            phrase = tuple(form.split(" "))
            index[phrase[0], phrase[1]].append((phrase, form))
    return {pair: tuple(found) for pair, found in index.items()}


@cache
def _phrase_forms() -> _PhraseIndex:
    """The phrases a sense-blind spinner could write for one word (the
    shipped thesauri's multi-word synonyms of words that may be spun: "state
    of war" for "war"). A spinner's expansions cost a reader more than its
    one-word swaps: of what a table learned from 1,000 BBC articles spun by
    ``mythes`` *as pairs* repairs, its one-word swaps seen five times or more
    repair 56%, and with its phrases 88% (``benchmarks/unpaired_synthetic.py``,
    ``oracle_5`` and ``oracle_phrases_5``)."""
    found: dict[str, None] = {}
    for name in ("mythes", "wordnet"):
        for form, synonyms in Thesaurus.load(name).entries.items():
            if form in NEVER or len(form) < 3 or not form.isalpha():
                continue
            for synonym in synonyms:
                words = synonym.split(" ")
                if (
                    len(words) > 1
                    and all(w.isalpha() for w in words)
                    and not all(w in NEVER for w in words)
                ):
                    found[synonym] = None
    return _phrase_index(found)


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
    for weight, arrays, restored in _documents(texts, base, progress, "proposing"):
        for words, k, end, form in _occurrences(arrays.norms, suspects, phrases, restored):
            left = words[k - 1] if k >= 1 else "<s>"
            right = words[end] if end < len(words) else "</s>"
            found = around.get(form)
            if found is None:
                found = around[form] = Counter()
            found[left, right] += weight  # type: ignore[assignment]
    return stats


def propose(stats: UnpairedStats, depleted: frozenset[str] = frozenset()) -> None:
    """Set ``stats.proposals`` from the merged pass-2 neighbours: at each
    occurrence of a suspect, the words the bigram counts expect between its
    two neighbours, and the ``depleted`` words
    (:func:`unspin.rates.depleted_words`) that fit there. Each distinct pair
    of neighbours is expanded once, with the weight of its occurrences
    (a corpus says "the ___ of" again and again; proposing per occurrence in
    the pass took the open learner's workers most of their time and sent
    millions of counts per batch back to be merged). Pairs are expanded in
    the order they were first seen, so that proposals count and tie as they
    did per occurrence.

    >>> stats = UnpairedStats(around={"mentioned": Counter({("he", "that"): 3.0})})
    >>> propose(stats)
    >>> stats.proposals["mentioned"]["said"]
    3.0
    """
    stats.proposals = {}
    for form, pairs in stats.around.items():
        found = stats.proposals[form] = Counter()
        for (left, right), weight in pairs.items():
            # In a fixed order (the expected words, then the missing ones):
            # ties among proposals keep it.
            expected = _expected_between(left, right)
            for word in expected:
                if word != form:
                    found[word] += weight
            if depleted:
                for word in _missing_between(left, right, depleted):
                    if word != form and word not in expected:
                        found[word] += weight


def choose_candidates(
    stats: UnpairedStats, suspects: dict[str, float], numbers: frozenset[str] = frozenset()
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
    the corpus has lost (:func:`lost_numbers`), which may be candidates."""
    out = {}
    never = NEVER - numbers
    specific = _specificity(stats)
    for form, ratio in suspects.items():
        proposals = stats.proposals.get(form, Counter())
        found = dict.fromkeys(_likeliest_sources(form, proposals))
        excess = stats.counts[form] * (1.0 - 1.0 / ratio)
        proposed = 0
        for word in specific(form, excess):
            if proposed >= _MAX_CANDIDATES:
                break
            if word not in found and _can_account(stats, word, excess):
                found[word] = None
                proposed += 1
        found.pop(form, None)
        for word in never & found.keys():
            # Spinners leave function words be (and they fit anywhere); a
            # number word changes a fact ("billion" -> "million"), which no
            # guess from context may do, unless the corpus lost it.
            del found[word]
        if found:
            out[form] = tuple(found)
    return out


def _specificity(stats: UnpairedStats) -> Callable[[str, float], list[str]]:
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
    totals = {form: sum(stats.around.get(form, {}).values()) or 1.0 for form in stats.proposals}
    background: defaultdict[str, float] = defaultdict(float)
    for form, proposals in stats.proposals.items():
        for word, n in proposals.items():
            background[word] += n / totals[form]
    others = max(1, len(stats.proposals) - 1)
    # log of how often clean text would hold each proposed word
    logs = {
        word: math.log(max(stats.words * reference_rate(word, stats.reference), 1e-9))
        for word in background
    }

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
            apart = abs(logs[word] - log_excess)
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
    what = "weighing a sample" if part else "weighing"
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


# A sample of a corpus, one document in this many (by a digest of its text,
# so that every partition of the corpus draws the same sample), weighs every
# candidate before the rest is weighed.
_SAMPLE = 4
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


def _in_sample(digest: bytes) -> bool:
    """Whether the document of this :func:`_digest` is in the sample."""
    return int.from_bytes(digest[:8], "little") % _SAMPLE == 0


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


# Distinct contexts kept per (form, original): at least any ``min_docs``.
_MAX_CONTEXTS = 8


def _add_contexts(
    into: dict[str, dict[str, list[int]]], form: str, original: str, hashes: Iterable[int]
) -> None:
    """Add context hashes, keeping the ``_MAX_CONTEXTS`` smallest distinct
    ones (sorted)."""
    mine = into.setdefault(form, {}).setdefault(original, [])
    for h in hashes:
        if len(mine) >= _MAX_CONTEXTS and h >= mine[-1]:
            continue
        i = bisect_left(mine, h)
        if i < len(mine) and mine[i] == h:
            continue
        mine.insert(i, h)
        if len(mine) > _MAX_CONTEXTS:
            mine.pop()


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


# The shares of a form's occurrences that may be swaps at which pass 4 weighs
# them (:func:`share_pass`).
_SHARES = (*(i / 20 for i in range(1, 20)), 0.99)


def share_pass(
    texts: Iterable[str], base: Table, table: Table, *, progress: bool = False
) -> UnpairedStats:
    """Pass 4: for each form the round learned (``table``), the
    log-likelihood of its occurrences if a share ``s`` of them are swaps,
    for each ``s`` of :data:`_SHARES`: ``log(1 - s + s * exp(LLR))`` summed,
    ``LLR`` the model's log-ratio there for the entry's original (the
    larger, for an entry with two), scored as in :func:`evidence_pass`
    without the synonym bonus. :func:`refit_kept` takes the likeliest
    share."""
    stats = UnpairedStats()
    originals: dict[str, tuple[str, ...]] = {}
    for key in table:
        entry = table.lookup(key)
        if entry is not None:
            originals[key] = tuple(o.lower() for o in entry.originals)
    phrases = _phrase_index(originals)
    for weight, arrays, restored in _documents(texts, base, progress, "counting swaps"):
        for words, k, end, form in _occurrences(arrays.norms, originals, phrases, restored):
            llr = max(_weighed(words, k, end, form, originals[form]))
            acc = stats.swapped.setdefault(form, [0.0] * len(_SHARES))
            for i, share in enumerate(_SHARES):
                acc[i] += weight * _mixture(share, llr)
    return stats


def refit_kept(table: Table, stats: UnpairedStats) -> Table:
    """``table`` with each entry's kept count refitted from pass 4
    (:func:`share_pass`): the occurrences beyond the likeliest share of
    swaps, where that is fewer than the count from the form's excess alone.

    The excess over clean text's rate is a floor on the swaps, not an
    estimate: a spinner's form is itself a word the spinner rewrites ("want"
    for "need" while "want" becomes "poverty"), so less of its own use is
    left than clean text would have. Fitting the share to the contexts of
    all its occurrences (the mixture of :func:`evidence_pass`, its share
    free) gives the kept counts of the same entries learned as pairs more
    nearly: on 1,000 BBC articles spun by ``mythes`` (the second sample),
    mean error of the kept share 0.115 -> 0.048 (docs/benchmarks.md, session
    25). Downstream, two samples each: ``mythes`` careful 70.1% / 69.7% ->
    74.3% / 73.6% of paired learning's repair (helpful-edit precision 0.931
    / 0.931 -> 0.922 / 0.916; harmful edits 49 / 64 -> 120 / 140, the
    pairs' table 232 / 217), the random mapping, open, 64.7% / 64.5% ->
    66.9% / 66.9% (0.981 / 0.983 -> 0.967 / 0.973); the real pages +0.0039
    -> +0.0049 at 0.960, with no more harmful edits.

    >>> t = Table(); t.add("mentioned", "said", 6, source=SOURCE); t.add_kept("mentioned", 4)
    >>> shares = UnpairedStats(swapped={"mentioned": [-9.0] * (len(_SHARES) - 1) + [-1.0]})
    >>> refit_kept(t, shares).lookup("mentioned").kept
    0
    """
    out = Table(name=table.name)
    for key in table:
        entry = table.lookup(key)
        assert entry is not None
        for original, n in entry.originals.items():
            out.add(key, original, n, source=SOURCE)
        kept = entry.kept
        found = stats.swapped.get(key)
        if found:
            share = _SHARES[max(range(len(_SHARES)), key=found.__getitem__)]
            kept = min(kept, round((entry.swaps + entry.kept) * (1.0 - share)))
        if kept > 0:
            out.add_kept(key, kept)
    return out


# A candidate a thesaurus lists as a synonym of the form is likelier the
# spinner's source than one the context alone proposes (nats per occurrence).
_SYNONYM_BONUS = 1.0
# The model is generic and over-sure on news (unspin.decide uses 0.7 too).
_LM_WEIGHT = 0.7


def table_from_stats(
    stats: UnpairedStats,
    suspects: dict[str, float],
    *,
    min_docs: int,
    min_share: float,
    min_evidence: float,
    require_synonym: bool = True,
    by_context: Container[str] = (),
) -> Table:
    """The entries the statistics support (see the module docstring);
    ``by_context``: the suspects only their contexts made
    (:func:`context_suspects`), whose originals must be no commoner in the
    corpus than in clean text (:func:`_plausible`)."""
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
            or not _plausible(stats, form, leaders[0], require_synonym, form in by_context)
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
                and _plausible(stats, form, o, require_synonym, form in by_context)
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
    for last_resort in (_fallbacks, _far_leaders):
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
            if _spelling(o) not in used and _plausible(stats, form, o, False)
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
# At most this many leading originals per form (_leaders) for the careful learner.
_LEADERS = 2


def _plausible(
    stats: UnpairedStats,
    form: str,
    original: str,
    require_synonym: bool,
    by_context: bool = False,
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
    which the corpus holds 1.7 times as often as clean text would."""
    if _spelling(form) == original != form:
        return False  # the form as written, spelt the American way: no swap
    if by_context and left_share(stats, original) > _NOT_IN_EXCESS:
        return False
    if _clear_synonym(stats, form, original):
        return True
    return not require_synonym and left_share(stats, original) <= _MAX_LEFT


_MAX_LEFT = 0.5
_NOT_IN_EXCESS = 1.0


def _clear_synonym(stats: UnpairedStats, form: str, original: str) -> bool:
    """Whether the evidence's choice for ``form`` is a synonym a thesaurus
    could have turned into it (the choice is already ``_MARGIN`` ahead of
    every other candidate: when the evidence prefers a word no thesaurus
    lists, the form is left alone)."""
    return original in _thesaurus_sources(form)


# ------------------------------------------------------------------- evidence


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
    return tuple(w for _, w in _between(left, right, *_neighbours())[:_CONTEXT_CANDIDATES])


# A few hundred words per pair of neighbours: a smaller cache (peak memory
# learning from 1,000 articles 758 MB with 65,536 pairs, 696 MB with 4,096).
@lru_cache(maxsize=1 << 12)
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
    return tuple(w for _, w in _between(left, right, *_neighbours(missing)))


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


@lru_cache(maxsize=4)
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


def _progress(
    items: Iterable[tuple[int, str]], show: bool, what: str, total: int | None = None
) -> Iterable[tuple[int, str]]:
    if not show:
        return items
    from tqdm import tqdm

    shown: Iterable[tuple[int, str]] = tqdm(
        items, desc=f"learn_unpaired: {what}", unit=" docs", total=total
    )
    return shown


def known_length(texts: Iterable[str]) -> int | None:
    """How many texts a pass over ``texts`` reads, where that is known
    before it starts (a list; a reader such as
    :class:`unspin.clean.CorpusTexts` once read through): the progress bars
    of the later passes then show how far they are and how long is left."""
    if isinstance(texts, Sized):
        return len(texts)
    return getattr(texts, "read", None) or None
