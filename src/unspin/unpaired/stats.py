"""The statistics of a spun corpus that learning from it alone gathers,
pass by pass: per-document sums that add across partitions of a corpus
(:meth:`UnpairedStats.merge`), so that one process and a Dask cluster learn
the same table."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["UnpairedStats"]


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
    # Set by propose on the merged statistics (never merged): per proposed
    # word, the sum over forms of the share of their occurrences that
    # proposed it.
    background: dict[str, float] = field(default_factory=dict)

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
        out = UnpairedStats()
        out.absorb(self)
        out.absorb(other)
        return out

    def absorb(self, other: UnpairedStats) -> None:
        """Add ``other``'s statistics to these, in place (``other`` is not
        modified): :meth:`merge` without copying what is here already, so
        that a crawl's batches add up in time linear in their number.

        >>> a = UnpairedStats(Counter({"mentioned": 2}), 10.0, 1)
        >>> a.absorb(UnpairedStats(Counter({"mentioned": 1}), 5.0, 1))
        >>> a.counts["mentioned"], a.words, a.documents
        (3, 15.0, 2)
        """
        # Counter += keeps positive counts only, as Counter + does.
        self.counts += other.counts
        self.words += other.words
        self.documents += other.documents
        self.capitalized += other.capitalized
        self.scored += other.scored
        self.reference = self.reference or other.reference
        self.spread += other.spread
        self.weight += other.weight
        self.restored += other.restored
        self.misfits += other.misfits
        for form, counter in other.proposals.items():
            self.proposals.setdefault(form, Counter()).update(counter)
        for form, pairs in other.around.items():
            self.around.setdefault(form, Counter()).update(pairs)
        for form, counter in other.docs.items():
            self.docs.setdefault(form, Counter()).update(counter)
        for form, hashes_by_original in other.contexts.items():
            for original, hashes in hashes_by_original.items():
                _add_contexts(self.contexts, form, original, hashes)
        for form, values in other.swapped.items():
            total = self.swapped.setdefault(form, [0.0] * len(values))
            for i, v in enumerate(values):
                total[i] += v
        for form, by_original in other.evidence.items():
            mine = self.evidence.setdefault(form, {})
            for original, values in by_original.items():
                acc = mine.setdefault(original, [0.0] * len(values))
                for i, v in enumerate(values):
                    acc[i] += v


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
