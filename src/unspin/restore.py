"""Stage 7: restore spun text, with an explanation of every edit.

Precision before recall: most spinner outputs are ordinary words
("mentioned", "bottom", "struggle"), so a table hit alone never justifies an
edit. Each hit is scored as

    score = prior + context

* ``prior`` = ln((swaps to the best original + 0.1) / (times seen unchanged + 1)),
  from the table's counts;
* ``context`` = log-ratio of symspellpy bigram counts of the original vs the
  spun phrase with the left and right neighbours, plus a penalty for spun
  phrases whose own inner bigrams are unattested ("and prescient"), plus a
  weak unigram term (wordfreq) when no bigram speaks.

An edit is made when the score clears ``strong`` (the phrase is implausible
wherever it stands), or clears ``threshold`` in a document that looks spun as
a whole: at least two such hits and at least ``min_density`` of its words.
The document gate is what keeps clean text a fixed point: an isolated
"mentioned" in clean prose is left alone, a "mentioned" among twenty other
spinner artifacts is not.

Decisions use the neighbours as they will be *after* restoration (decoding is
repeated until no decision changes), and ``restore_and_explain`` runs passes
until the text is a fixed point, so ``restore`` is idempotent.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .context import context_llr, zipf
from .learn import add_observation, count_kept, observe
from .table import Entry, Table, apply_case, original_form, read_table
from .tokenize import Token, is_word, normalize, protected_spans, tokenize

__all__ = ["Edit", "Options", "Restored", "apply_edits", "restore", "restore_and_explain"]


@dataclass(frozen=True)
class Options:
    """Knobs of restoration, with documented defaults.

    Attributes:
        threshold: minimum score of an edit in a document that looks spun.
            Raise it for precision, lower it for recall.
        strong: score at which an edit is made in any document.
        min_density: share of words with a hit above ``threshold`` for a
            document to count as spun (with at least two such hits).
        max_passes: restoration passes until a fixed point.
    """

    threshold: float = 1.0
    strong: float = 5.0
    min_density: float = 0.015
    max_passes: int = 3


DEFAULT_OPTIONS = Options()


class Edit(NamedTuple):
    """One replacement: ``text[start:end]`` (``spun``) becomes ``replacement``.

    ``rule`` says what made it (``table``, ``inflection``, ``reference``,
    ``number``); ``entry`` the table entry (key, original, counts); ``evidence``
    the context that decided; ``confidence`` is in (0, 1).
    """

    start: int
    end: int
    spun: str
    replacement: str
    confidence: float
    rule: str
    entry: str
    evidence: str


class Restored(NamedTuple):
    """The restored text and the edits (offsets into the *input*) that make it."""

    text: str
    edits: tuple[Edit, ...]


def restore(
    text: str,
    *,
    table: Table | str | None = None,
    reference: str | None = None,
    options: Options | None = None,
) -> str:
    """Restore spun ``text``: the text with the spinner's substitutions undone.

    ``table`` is a :class:`~unspin.table.Table`, a path to one, or ``None``
    for the embedded default. ``reference`` is a clean parallel source (exact
    or loose): what it shows is learned on the fly and applied to the whole
    text.

    >>> t = Table(); t.add("imaginative and prescient", "vision", 20)
    >>> restore("His imaginative and prescient of Ukraine.", table=t)
    'His vision of Ukraine.'
    >>> restore("Clean text stays as it is.", table=t)
    'Clean text stays as it is.'
    """
    return restore_and_explain(text, table=table, reference=reference, options=options).text


def restore_and_explain(
    text: str,
    *,
    table: Table | str | None = None,
    reference: str | None = None,
    options: Options | None = None,
) -> Restored:
    """Like :func:`restore`, also returning every edit with its reason.

    >>> t = Table(); t.add("imaginative and prescient", "vision", 20)
    >>> r = restore_and_explain("His imaginative and prescient.", table=t)
    >>> r.text, [(e.start, e.end, e.replacement, e.rule) for e in r.edits]
    ('His vision.', [(4, 29, 'vision', 'table')])
    """
    _check_text(text)
    opts = options or DEFAULT_OPTIONS
    tbl = read_table(table)
    if reference is not None:
        _check_text(reference, "reference")
    edits: list[Edit] = []
    current = text
    for _ in range(max(1, opts.max_passes)):
        new = _restore_pass(current, tbl, reference, opts)
        if not new:
            break
        edits = _compose(edits, text, current, new) if edits else list(new)
        current = apply_edits(current, new)
    return Restored(current, tuple(edits))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits (offsets into ``text``) and return the new text.

    Raises:
        ValueError: edits overlap, fall outside the text, or do not match the
            text they claim to replace.

    >>> e = Edit(4, 13, "mentioned", "said", 0.9, "table", "", "")
    >>> apply_edits("Putin mentioned it", [e])
    'Putin said it'
    """
    parts = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            raise ValueError(f"edit {edit.start}:{edit.end} overlaps another or lies outside the text")
        if text[edit.start : edit.end] != edit.spun:
            raise ValueError(
                f"edit {edit.start}:{edit.end} expects {edit.spun!r} but the text has "
                f"{text[edit.start : edit.end]!r}; were the edits made for another text?"
            )
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------- internals
_NUMBER_ARTIFACT = re.compile(
    r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=[.,]\d)",
    re.IGNORECASE,
)
_DIGITS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
# (suffix of the text word, what replaces it in the table word): a hit on
# "struggles" via the entry "struggle" -> "war" gives "wars".
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""),
                ("ing", "e"), ("ing", ""), ("d", ""))


class _Hit(NamedTuple):
    start: int  # token index
    end: int
    key: str
    original: str
    prior: float
    rule: str


def _restore_pass(text: str, table: Table, reference: str | None, opts: Options) -> list[Edit]:
    tokens = tokenize(text)
    if not tokens:
        return []
    norm = [normalize(t.text) for t in tokens]
    locked = _protected_mask(text, tokens)
    forced: list[Edit] = []
    if reference is not None:
        table, forced = _learn_reference(text, reference, table, tokens, locked)
    hits = _find_hits(norm, locked, table)
    decided = _decode(tokens, norm, hits, opts)
    edits = forced + [_edit(text, tokens, norm, hit, table, score, why, opts) for hit, score, why in decided]
    edits.extend(_number_artifacts(text, edits, locked, tokens))
    return sorted(edits, key=lambda e: e.start)


def _protected_mask(text: str, tokens: Sequence[Token]) -> list[bool]:
    spans = protected_spans(text)
    if not spans:
        return [False] * len(tokens)
    starts = [s for s, _ in spans]
    mask = []
    for tok in tokens:
        k = bisect_right(starts, tok.start) - 1
        inside = k >= 0 and spans[k][1] > tok.start
        if not inside and k + 1 < len(spans):
            inside = spans[k + 1][0] < tok.end
        mask.append(inside)
    return mask


def _learn_reference(
    text: str, reference: str, table: Table, tokens: Sequence[Token], locked: list[bool]
) -> tuple[Table, list[Edit]]:
    """Learn from the reference; lock what it shows unchanged; force its swaps."""
    obs = observe(text, reference)
    learned = Table(name="reference")
    runs = add_observation(learned, obs, reference, source="reference")
    merged = table.merge(learned)
    count_kept(merged, runs)
    for passage in obs.passages:
        for op in passage.opcodes:
            if op.tag == "equal":
                for i in range(op.a_start, op.a_end):
                    locked[i] = True
    forced = []
    index = {t.start: i for i, t in enumerate(tokens)}
    for sub in obs.swaps:
        first = index[sub.spun_start]
        span = range(first, first + len(sub.spun))
        if any(locked[i] for i in span):
            continue
        original = original_form(sub.spun, reference[sub.clean_start : sub.clean_end])
        replacement = apply_case(list(sub.spun), original)
        for i in span:
            locked[i] = True
        forced.append(
            Edit(
                sub.spun_start,
                sub.spun_end,
                text[sub.spun_start : sub.spun_end],
                replacement,
                0.95,
                "reference",
                f"{' '.join(sub.spun)} -> {original} (aligned with the reference)",
                f"reference chars {sub.clean_start}:{sub.clean_end}",
            )
        )
    return merged, forced


def _find_hits(norm: Sequence[str], locked: Sequence[bool], table: Table) -> list[list[_Hit]]:
    """For each token position, the table hits starting there, longest first."""
    first, longest = table.index()
    n = len(norm)
    out: list[list[_Hit]] = [[] for _ in range(n)]
    for i, word in enumerate(norm):
        if locked[i]:
            continue
        span = first.get(word)
        if span is not None:
            for length in range(min(span, n - i), 0, -1):
                if any(locked[i : i + length]):
                    continue
                key = word if length == 1 else " ".join(norm[i : i + length])
                entry = table.entry(key)
                if entry is not None:
                    original, count = entry.best()
                    out[i].append(_Hit(i, i + length, key, original, _prior(entry, count), "table"))
        if not out[i] and is_word(word) and word.isalpha() and len(word) > 4:
            hit = _inflected_hit(i, word, table)
            if hit is not None:
                out[i].append(hit)
    return out


def _prior(entry: Entry, count: int) -> float:
    return math.log((count + 0.1) / (entry.kept + 1))


def _inflected_hit(i: int, word: str, table: Table) -> _Hit | None:
    for suffix, base_end in _INFLECTIONS:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)] + base_end
        entry = table.entry(stem) if stem in table else None
        if entry is None:
            continue
        original, count = entry.best()
        if " " in original or not original.isalpha():
            continue
        if base_end:
            if not original.endswith(base_end):
                continue
            inflected = original[: -len(base_end)] + suffix
        else:
            inflected = original + suffix
        if zipf(inflected) >= 2.5 and zipf(word) > 0:
            return _Hit(i, i + 1, stem, inflected, _prior(entry, count) - 0.5, "inflection")
    return None


class Suspect(NamedTuple):
    """A table hit that scored above the threshold, before the document gate."""

    start: int
    end: int
    spun: str
    suggestion: str
    score: float


def score_suspects(
    text: str, *, table: Table | str | None = None, options: Options | None = None
) -> tuple[list[Suspect], int]:
    """Every phrase of ``text`` that restoration would consider spun, and the
    number of words in ``text`` (used by source-free detection).

    >>> t = Table(); t.add("imaginative and prescient", "vision", 20)
    >>> suspects, words = score_suspects("His imaginative and prescient.", table=t)
    >>> [(s.spun, s.suggestion) for s in suspects], words
    ([('imaginative and prescient', 'vision')], 4)
    """
    _check_text(text)
    opts = options or DEFAULT_OPTIONS
    tbl = read_table(table)
    tokens = tokenize(text)
    norm = [normalize(t.text) for t in tokens]
    hits = _find_hits(norm, _protected_mask(text, tokens), tbl)
    out = []
    for hit, score, _ in _decode(tokens, norm, hits, opts, gate=False):
        start, end = tokens[hit.start].start, tokens[hit.end - 1].end
        surface = [t.text for t in tokens[hit.start : hit.end]]
        out.append(Suspect(start, end, text[start:end], apply_case(surface, hit.original), score))
    return out, sum(1 for w in norm if is_word(w))


def _neighbour(norm: Sequence[str], i: int) -> str | None:
    if 0 <= i < len(norm) and is_word(norm[i]):
        return norm[i]
    return None


def _score(hit: _Hit, norm: Sequence[str], left: str | None, right: str | None) -> tuple[float, str]:
    spun = norm[hit.start : hit.end]
    original = [normalize(t.text) for t in tokenize(hit.original)]
    llr, why = context_llr(left, original, spun, right)
    if why == "no bigram evidence" or len(why.split(";")) < 2:
        uni = 0.3 * math.log(10) * (_mean_zipf(original) - _mean_zipf(spun))
        uni = max(-1.0, min(1.0, uni))
        llr += uni
        why += f"; unigram {uni:+.1f}"
    return hit.prior + llr, why


def _mean_zipf(words: Sequence[str]) -> float:
    content = [w for w in words if is_word(w)]
    return sum(zipf(w) for w in content) / len(content) if content else 0.0


def _decode(
    tokens: Sequence[Token],
    norm: Sequence[str],
    hits: Sequence[Sequence[_Hit]],
    opts: Options,
    *,
    gate: bool = True,
) -> list[tuple[_Hit, float, str]]:
    """Choose the edits: left to right, longest acceptable hit first, with the
    neighbours' restored forms as context (repeated until stable). Without
    ``gate``, every hit above ``threshold`` is returned, spun document or not."""
    words = sum(1 for w in norm if is_word(w))
    restored_left: dict[int, str] = {}  # token index -> restored first word there
    restored_right: dict[int, str] = {}  # token index -> restored last word ending there
    chosen: list[tuple[_Hit, float, str]] = []
    for _ in range(3):
        scored = []
        i, n = 0, len(norm)
        while i < n:
            pick = None
            for hit in hits[i]:
                left = restored_right.get(hit.start - 1, _neighbour(norm, hit.start - 1))
                right = restored_left.get(hit.end, _neighbour(norm, hit.end))
                score, why = _score(hit, norm, left, right)
                if score > opts.threshold:
                    pick = (hit, score, why)
                    break
            if pick:
                scored.append(pick)
                i = pick[0].end
            else:
                i += 1
        above = len(scored)
        spun_doc = above >= 2 and above >= opts.min_density * words
        new = [s for s in scored if spun_doc or s[1] > opts.strong or not gate]
        if new == chosen:
            break
        chosen = new
        restored_left, restored_right = {}, {}
        for hit, _, _ in chosen:
            words_o = [normalize(t.text) for t in tokenize(hit.original)]
            if words_o:
                restored_left[hit.start] = words_o[0]
                restored_right[hit.end - 1] = words_o[-1]
    return chosen


def _edit(
    text: str,
    tokens: Sequence[Token],
    norm: Sequence[str],
    hit: _Hit,
    table: Table,
    score: float,
    why: str,
    opts: Options,
) -> Edit:
    start, end = tokens[hit.start].start, tokens[hit.end - 1].end
    entry = table.entry(hit.key)
    counts = f"{entry.swaps} swaps, {entry.kept} kept" if entry else ""
    surface = [t.text for t in tokens[hit.start : hit.end]]
    return Edit(
        start,
        end,
        text[start:end],
        apply_case(surface, hit.original),
        round(1 / (1 + math.exp(-(score - opts.threshold))), 3),
        hit.rule,
        f"{hit.key} -> {hit.original} ({counts})",
        f"score {score:.2f}: {why}",
    )


def _number_artifacts(
    text: str, edits: Sequence[Edit], locked: Sequence[bool], tokens: Sequence[Token]
) -> list[Edit]:
    """'the two.2% forecast' -> 'the 2.2% forecast': a digit the spinner spelt out."""
    taken = [(e.start, e.end) for e in edits]
    locked_starts = {t.start for t, lock in zip(tokens, locked, strict=True) if lock}
    out = []
    for m in _NUMBER_ARTIFACT.finditer(text):
        if m.start() in locked_starts or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out.append(
            Edit(
                m.start(),
                m.end(),
                m.group(),
                _DIGITS[m.group().lower()],
                0.99,
                "number",
                "number word before a decimal part",
                f"followed by {text[m.end() : m.end() + 2]!r}",
            )
        )
    return out


def _compose(
    first: Sequence[Edit], text0: str, text1: str, second: Sequence[Edit]
) -> list[Edit]:
    """Edits on ``text0`` equivalent to ``first`` then ``second`` (``second``
    has offsets into ``text1``, the result of applying ``first`` to ``text0``)."""
    # Where each first-pass edit landed in text1.
    landed = []
    shift = 0
    for e in sorted(first, key=lambda e: e.start):
        s1 = e.start + shift
        landed.append((s1, s1 + len(e.replacement), e))
        shift += len(e.replacement) - (e.end - e.start)

    def to_original(pos: int) -> int:
        delta = 0
        for s1, e1, e in landed:
            if e1 <= pos:
                delta = e.end - e1
            elif s1 < pos:
                return e.end
            else:
                break
        return pos + delta

    result = list(first)
    for e2 in second:
        overlapping = [(s1, e1, e) for s1, e1, e in landed if s1 < e2.end and e2.start < e1]
        if not overlapping:
            start, end = to_original(e2.start), to_original(e2.end)
            result.append(e2._replace(start=start, end=end, spun=text0[start:end]))
            continue
        lo1 = min([e2.start] + [s1 for s1, _, _ in overlapping])
        hi1 = max([e2.end] + [e1 for _, e1, _ in overlapping])
        start = min([to_original(e2.start)] + [e.start for _, _, e in overlapping])
        end = max([to_original(e2.end)] + [e.end for _, _, e in overlapping])
        replacement = text1[lo1 : e2.start] + e2.replacement + text1[e2.end : hi1]
        for item in overlapping:
            result.remove(item[2])
        result.append(
            e2._replace(start=start, end=end, spun=text0[start:end], replacement=replacement)
        )
    return sorted(result, key=lambda e: e.start)


def _check_text(text: object, name: str = "text") -> None:
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            f"{name} is bytes; unspin works on str: decode it first, e.g. data.decode('utf-8')"
        )
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, not {type(text).__name__}")
