"""Baselines that unspin is measured against, in the same harness.

Each ``make_*`` returns a restorer, a function from spun text to restored
text:

``identity``
    Changes nothing (repair 0 by definition).
``tortured``
    Looks up the Problematic Paper Screener's tortured-phrase list (the ``pps``
    entries of the default table) and replaces every hit, longest match first.
``naive``
    A toy learned table: every aligned difference of the training pairs
    (whole texts aligned, no passage matching, no classification), the most
    frequent replacement per spun phrase, longest match, no gating.
``fgws``
    Frequency-guided word substitution (Mozes et al., EACL 2021): every word
    rarer than a threshold is replaced by its most frequent synonym, when that
    synonym is more frequent. Synonyms from both shipped thesauri.

>>> make_fgws()("He was a conspicuous figure.")
'He was a big figure.'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from .align import align
from .context import zipf
from .extract import MAX_PHRASE
from .lexicon import FUNCTION_WORDS, THESAURI, Thesaurus
from .table import Table, apply_case
from .tokenize import protected_spans, token_arrays

__all__ = [
    "BASELINES",
    "Restorer",
    "longest_match",
    "make_fgws",
    "make_identity",
    "make_naive",
    "make_tortured",
]

Restorer = Callable[[str], str]

FGWS_THRESHOLD = 3.5  # zipf; words rarer than this are candidates


def longest_match(text: str, mapping: Mapping[str, str], longest: int = MAX_PHRASE) -> str:
    """Replace every key of ``mapping`` (normalized, space-joined tokens) found
    in ``text``, longest first, left to right, keeping case and everything
    outside the hits; never inside URLs or code.

    >>> longest_match("Supply hyperlink: the struggle.", {"supply hyperlink": "source link", "struggle": "war"})
    'Source link: the war.'
    """
    texts, norms, starts, ends = token_arrays(text)
    protected = protected_spans(text)
    pieces: list[str] = []
    last = i = 0
    while i < len(norms):
        for n in range(min(longest, len(norms) - i), 0, -1):
            key = " ".join(norms[i : i + n])
            original = mapping.get(key)
            if original is None:
                continue
            a, b = starts[i], ends[i + n - 1]
            if protected and any(x < b and a < y for x, y in protected):
                continue
            pieces += [text[last:a], apply_case(texts[i : i + n], original)]
            last = b
            i += n - 1
            break
        i += 1
    pieces.append(text[last:])
    return "".join(pieces)


def make_identity() -> Restorer:
    return lambda text: text


def make_tortured(table: Table | None = None) -> Restorer:
    """Lookup of the tortured-phrase entries (source ``pps``) of ``table``."""
    table = table or Table.default()
    mapping: dict[str, str] = {}
    for key in table:
        entry = table.entry(key)
        if entry is not None and entry.sources.get("pps") and entry.originals:
            mapping[key] = entry.best()[0]
    return lambda text: longest_match(text, mapping)


def naive_mapping(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every aligned difference of whole texts, most frequent replacement."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for spun, clean in pairs:
        s, c = token_arrays(spun), token_arrays(clean)
        for op in align(s.norms, c.norms):
            n, m = op.a_end - op.a_start, op.b_end - op.b_start
            if op.tag == "equal" or n == 0 or n > MAX_PHRASE or m > MAX_PHRASE:
                continue
            key = " ".join(s.norms[op.a_start : op.a_end])
            seen[key][" ".join(c.texts[op.b_start : op.b_end])] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in seen.items()}


def make_naive(pairs: Iterable[tuple[str, str]]) -> Restorer:
    mapping = naive_mapping(pairs)
    return lambda text: longest_match(text, mapping)


def make_fgws(threshold: float = FGWS_THRESHOLD) -> Restorer:
    """FGWS with the union of the shipped thesauri as synonym sets."""
    thesauri = [Thesaurus.load(name) for name in THESAURI]
    cache: dict[str, str | None] = {}

    def best(word: str) -> str | None:
        if word not in cache:
            cache[word] = None
            here = zipf(word)
            if here < threshold and word not in FUNCTION_WORDS:
                options = {s for t in thesauri for s in t.synonyms(word) if " " not in s}
                top = max(options, key=lambda s: (zipf(s), s), default=None)
                if top is not None and zipf(top) > here:
                    cache[word] = top
        return cache[word]

    def restore(text: str) -> str:
        _texts, norms, _, _ = token_arrays(text)
        mapping = {norm: b for norm in set(norms) if norm.isalpha() and (b := best(norm))}
        return longest_match(text, mapping, longest=1) if mapping else text

    return restore


BASELINES = ("identity", "tortured", "naive", "fgws")
