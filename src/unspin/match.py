"""Stage 2: find the passages a spun text shares with a clean source.

The clean side may be exactly parallel, an earlier revision, or only loosely
parallel (another article quoting the same sentences). Each spun sentence is
placed by voting: bigrams of *normalized* tokens shared with the source (the
tokens spinners leave alone -- function words, numbers, names -- make most of
them) vote for a clean position; the densest cluster of votes gives a clean
window, which is then aligned token by token. The alignment is trimmed to its
outermost anchors and cut at long differences, and only pieces with enough
agreeing tokens are kept, so unrelated passages produce nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from .align import Opcode, align
from .tokenize import Token, is_word, iter_sentences, normalize

__all__ = ["Passage", "match_passages"]

# A bigram occurring more often than this in the source ("of the", ", and")
# says nothing about where a sentence came from.
_MAX_BIGRAM_HITS = 40
# Longest sentence (tokens) aligned in one piece, and the longest clean window
# as a multiple of the sentence length: bounded work per sentence.
_MAX_SENTENCE = 200
_MAX_WINDOW_RATIO = 3
# A word occurring at most this often in the source votes on its own.
_MAX_UNIGRAM_HITS = 2
# Votes further apart than this (in clean tokens) belong to different places.
_CLUSTER_GAP = 12
# Margin (tokens) added around the voted window before aligning.
_MARGIN = 4
# A run of differences longer than this on either side is not spinning but
# different content: the passage is cut there.
_MAX_GAP = 8
# A kept passage needs this many equal tokens and this share of equal tokens.
_MIN_EQUAL = 4
_MIN_EQUAL_SHARE = 0.4


class Passage(NamedTuple):
    """A matched passage: spun tokens ``[spun_start, spun_end)`` correspond to
    clean tokens ``[clean_start, clean_end)``; ``opcodes`` use absolute token
    indexes into both token lists; ``score`` is the share of equal tokens."""

    spun_start: int
    spun_end: int
    clean_start: int
    clean_end: int
    score: float
    opcodes: tuple[Opcode, ...]


def match_passages(
    spun_tokens: Sequence[Token],
    clean_tokens: Sequence[Token],
    *,
    spun_text: str | None = None,
) -> list[Passage]:
    """Passages of ``spun_tokens`` that correspond to passages of ``clean_tokens``.

    ``spun_text`` (the string the spun tokens come from) lets sentence
    boundaries use line breaks; without it sentences end at ``.!?`` only.

    >>> from unspin.tokenize import tokenize
    >>> spun = tokenize("Trump mentioned the struggle may finish inside weeks.")
    >>> clean = tokenize("Unrelated intro. Trump said the war may end within weeks.")
    >>> [(p.spun_start, p.spun_end, p.clean_start, p.clean_end) for p in match_passages(spun, clean)]
    [(0, 9, 3, 12)]
    """
    spun_norm = [normalize(t.text) for t in spun_tokens]
    clean_norm = [normalize(t.text) for t in clean_tokens]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(clean_norm) - 1):
        index[clean_norm[j], clean_norm[j + 1]].append(j)
    # Rare single words vote too (names, numbers): a heavily spun short
    # sentence may share no bigram with its source at all.
    unigrams: dict[str, list[int]] = defaultdict(list)
    for j, word in enumerate(clean_norm):
        if is_word(word):
            unigrams[word].append(j)
    for word, positions in unigrams.items():
        if len(positions) <= _MAX_UNIGRAM_HITS:
            index[(word,)] = positions

    if spun_text is None:
        spun_text = " ".join(t.text for t in spun_tokens)
        spun_tokens = _retokenized(spun_tokens)
    passages: list[Passage] = []
    for s_start, s_end in _bounded(iter_sentences(spun_text, spun_tokens)):
        window = _vote(spun_norm, s_start, s_end, index, len(clean_norm))
        if window is None:
            continue
        c_start, c_end = window
        ops = align(spun_norm[s_start:s_end], clean_norm[c_start:c_end])
        shifted = [
            Opcode(
                o.tag,
                o.a_start + s_start,
                o.a_end + s_start,
                o.b_start + c_start,
                o.b_end + c_start,
            )
            for o in ops
        ]
        passages.extend(_split(shifted))
    return passages


def _bounded(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences longer than _MAX_SENTENCE tokens cut into pieces: alignment is
    quadratic, and a text without punctuation must not become one sentence."""
    out = []
    for start, end in spans:
        for piece in range(start, end, _MAX_SENTENCE):
            out.append((piece, min(end, piece + _MAX_SENTENCE)))
    return out


def _retokenized(tokens: Sequence[Token]) -> list[Token]:
    """Offsets into ``" ".join(tokens)``, for sentence splitting without the text."""
    out, pos = [], 0
    for t in tokens:
        out.append(Token(t.text, pos, pos + len(t.text)))
        pos += len(t.text) + 1
    return out


def _vote(
    norm: Sequence[str],
    start: int,
    end: int,
    index: dict[tuple[str, ...], list[int]],
    clean_len: int,
) -> tuple[int, int] | None:
    """The clean token window a spun sentence most likely came from."""
    hits: list[tuple[int, int]] = []  # (clean position, spun position)
    for i in range(start, end):
        keys = [(norm[i],), (norm[i], norm[i + 1])] if i + 1 < end else [(norm[i],)]
        for key in keys:
            positions = index.get(key)
            if positions and len(positions) <= _MAX_BIGRAM_HITS:
                hits.extend((j, i) for j in positions)
    if len(hits) < 2:
        return None
    hits.sort()
    best: list[tuple[int, int]] = []
    group = [hits[0]]
    for hit in hits[1:]:
        if hit[0] - group[-1][0] <= _CLUSTER_GAP:
            group.append(hit)
        else:
            best = _better(best, group)
            group = [hit]
    best = _better(best, group)
    if len({i for _, i in best}) < 2:
        return None
    first_j, _first_i = best[0]
    last_j, _last_i = best[-1]
    lo = max(0, first_j - (min(i for _, i in best) - start) - _MARGIN)
    hi = min(clean_len, last_j + (end - max(i for _, i in best)) + _MARGIN + 1)
    hi = min(hi, lo + _MAX_WINDOW_RATIO * (end - start) + 2 * _MARGIN)
    return lo, hi


def _better(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cluster with more distinct spun positions voting for it."""
    return b if len({i for _, i in b}) > len({i for _, i in a}) else a


def _split(ops: Sequence[Opcode]) -> list[Passage]:
    """Trim to the outermost equal anchors, cut at long gaps, keep good pieces."""
    pieces: list[list[Opcode]] = [[]]
    for op in ops:
        if op.tag != "equal" and max(op.a_end - op.a_start, op.b_end - op.b_start) > _MAX_GAP:
            pieces.append([])
        else:
            pieces[-1].append(op)
    out = []
    for piece in pieces:
        while piece and piece[0].tag != "equal":
            piece.pop(0)
        while piece and piece[-1].tag != "equal":
            piece.pop()
        if not piece:
            continue
        equal = sum(o.a_end - o.a_start for o in piece if o.tag == "equal")
        a_len = piece[-1].a_end - piece[0].a_start
        b_len = piece[-1].b_end - piece[0].b_start
        share = equal / max(a_len, b_len)
        if equal >= _MIN_EQUAL and share >= _MIN_EQUAL_SHARE:
            out.append(
                Passage(
                    piece[0].a_start,
                    piece[-1].a_end,
                    piece[0].b_start,
                    piece[-1].b_end,
                    round(share, 4),
                    tuple(piece),
                )
            )
    return out
