"""Learning a table from spun/clean pairs: match, align, extract, count.

``observe`` runs the stages on one pair and returns everything it found (for
explanations and debugging); ``learn`` counts the spinner's swaps of many
pairs into a :class:`~unspin.table.Table`, plus how often each learned spun
phrase was seen unchanged in the matched passages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .extract import MAX_PHRASE, Substitution, extract_substitutions, iter_kept_runs
from .match import Passage, match_passages
from .table import Table, original_form
from .tokenize import Token, check_text, tokenize

__all__ = ["Observation", "add_observation", "count_kept", "learn", "observe"]


class Observation(NamedTuple):
    """What one spun/clean pair shows: the matched passages, every difference
    inside them (classified) and the token lists they index into."""

    spun_tokens: list[Token]
    clean_tokens: list[Token]
    passages: list[Passage]
    substitutions: list[Substitution]

    @property
    def swaps(self) -> list[Substitution]:
        """The differences classified as the spinner's substitutions."""
        return [s for s in self.substitutions if s.is_swap]

    @property
    def coverage(self) -> float:
        """Share of spun tokens inside matched passages."""
        covered = sum(p.spun_end - p.spun_start for p in self.passages)
        return covered / len(self.spun_tokens) if self.spun_tokens else 0.0


def observe(spun: str, clean: str) -> Observation:
    """Match passages, align and extract the substitutions of one pair.

    >>> obs = observe("Trump mentioned the struggle may finish inside weeks.",
    ...               "Trump said the war may end within weeks.")
    >>> [(s.spun, s.clean) for s in obs.swaps]
    [(('mentioned',), ('said',)), (('struggle',), ('war',)), (('finish', 'inside'), ('end', 'within'))]
    """
    check_text(spun, "spun")
    check_text(clean, "clean")
    s_tokens, c_tokens = tokenize(spun), tokenize(clean)
    passages = match_passages(s_tokens, c_tokens, spun_text=spun)
    subs = [x for p in passages for x in extract_substitutions(p, s_tokens, c_tokens)]
    return Observation(s_tokens, c_tokens, passages, subs)


def learn(
    pairs: Iterable[tuple[str, str]],
    *,
    base: Table | None = None,
    source: str = "pairs",
) -> Table:
    """Learn a reverse substitution table from ``(spun, clean)`` pairs.

    Starts from an empty table, or extends ``base`` (which is not modified).

    Raises:
        TypeError: a pair is not a tuple of two strings (its index is named).

    >>> t = learn([("Trump mentioned the struggle would finish.", "Trump said the war would end.")])
    >>> t.candidates("struggle"), t.candidates("mentioned")
    ([('war', 1)], [('said', 1)])
    """
    table = Table(name="learned")
    kept_runs: list[list[str]] = []
    for i, pair in enumerate(pairs):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise TypeError(f"pair {i} must be a (spun, clean) tuple of two strings, got {pair!r}")
        obs = observe(pair[0], pair[1])
        kept_runs.extend(add_observation(table, obs, pair[1], source=source))
    if base is not None:
        table = base.merge(table)
    count_kept(table, kept_runs)
    return table


def add_observation(
    table: Table, obs: Observation, clean: str, *, source: str = "pairs"
) -> list[list[str]]:
    """Add the swaps of one observed pair to ``table``; return the runs of
    tokens the spinner left unchanged, for :func:`count_kept` once all swaps
    (and so all keys) are known."""
    for sub in obs.swaps:
        original = original_form(sub.spun, clean[sub.clean_start : sub.clean_end])
        table.add(" ".join(sub.spun), original, source=source)
    return [run for p in obs.passages for run in iter_kept_runs(p, obs.spun_tokens)]


def count_kept(table: Table, runs: Iterable[list[str]]) -> None:
    """Count table keys that occur inside runs the spinner left unchanged."""
    first, longest = table.index()
    longest = min(longest, MAX_PHRASE)
    for run in runs:
        for i, word in enumerate(run):
            span = first.get(word)
            if span is None:
                continue
            for n in range(min(span, longest, len(run) - i), 0, -1):
                key = " ".join(run[i : i + n])
                if key in table:
                    table.add_kept(key)
