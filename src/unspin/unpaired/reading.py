"""How each pass of learning from spun text alone reads a corpus: every
document with its weight (how spun it looks to the base table), as the base
table restores it (the restoration remembered for the round's next passes),
the sample of documents that weighs every candidate first, and the
occurrences of words and thesaurus phrases in it."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Sequence, Sized
from functools import cache
from itertools import islice
from typing import NamedTuple

from .. import lm
from ..lexicon import Thesaurus
from ..options import DEFAULT_OPTIONS
from ..rates import NEVER
from ..restore import restore_and_explain
from ..screen import screen_scores
from ..table import Table
from ..tokenize import TokenArrays, check_text, token_arrays

__all__ = ["document_weight", "known_length", "pass_label"]


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


# Each pass as its progress bar names it, in one process and on the crawl
# runner's workers alike (unspin.crawl).
_LABELS = {
    "count_pass": "counting",
    "candidate_pass": "proposing",
    "evidence_pass": "weighing",
    "share_pass": "counting swaps",
}


def pass_label(name: str, part: bool | None = None) -> str:
    """What a learning pass (by its function's name) says on its progress
    bar; ``part`` as the pass was given it (the evidence pass weighs a
    sample first).

    >>> pass_label("evidence_pass", part=True), pass_label("count_pass")
    ('weighing a sample', 'counting')
    """
    label = _LABELS.get(name, name)
    return f"{label} a sample" if part and name == "evidence_pass" else label


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


# A sample of a corpus, one document in this many (by a digest of its text,
# so that every partition of the corpus draws the same sample), weighs every
# candidate before the rest is weighed.
_SAMPLE = 4


def _in_sample(digest: bytes) -> bool:
    """Whether the document of this :func:`_digest` is in the sample."""
    return int.from_bytes(digest[:8], "little") % _SAMPLE == 0


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
