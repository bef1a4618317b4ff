"""Pass 4 of learning from spun text alone: how many of the occurrences of
each form a round learned are swaps, fitted to their contexts, and the kept
counts refitted from it."""

from __future__ import annotations

from collections.abc import Iterable

from ..table import Table
from .entries import SOURCE
from .evidence import _mixture, _weighed
from .reading import _documents, _occurrences, _phrase_index, pass_label
from .stats import UnpairedStats

__all__ = ["refit_kept", "share_pass"]


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
    for weight, arrays, restored in _documents(texts, base, progress, pass_label("share_pass")):
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
