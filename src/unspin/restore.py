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

An edit is made when the score clears ``strong`` and the spun phrase is
unattested where it stands (implausible in any document), or clears ``threshold`` in a document that looks spun as
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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, islice, pairwise
from operator import itemgetter
from typing import NamedTuple

from .context import bigram_count, context_llr, unattested_pairs, zipf
from .extract import NUMBER_WORDS
from .learn import add_observation, count_kept, observe
from .table import Entry, Table, apply_case, original_form, read_table
from .tokenize import Split, check_text, count_words, is_word, protected_spans, token_arrays

__all__ = [
    "Edit",
    "Options",
    "Restored",
    "apply_edits",
    "clear_caches",
    "restore",
    "restore_and_explain",
]


@dataclass(frozen=True)
class Options:
    """Knobs of restoration, with documented defaults.

    Attributes:
        threshold: minimum score of an edit in a document that looks spun.
            Raise it for precision, lower it for recall.
        strong: score at which an edit is made in any document, if the spun
            phrase is also implausible where it stands (unattested bigrams).
        min_density: share of words with a supported hit above ``threshold``
            for a document to count as spun (with at least two such hits).
        min_support: bigram evidence for the original over the spun phrase
            (the context alone: neither the table prior nor word frequency)
            a hit needs to count as supported.
        context_rate: a document whose share of unattested common-word
            bigrams (:func:`unspin.context.unattested_rate`, from 20 such
            bigrams on) reaches this needs only ``context_density``. 0.38 is
            the 98th percentile of clean BBC news; real spun pages measure
            0.30-0.46. 1.0 turns it off.
        context_density: the density of supported hits that suffices in a
            document with spun-looking word pairs (``context_rate``): half of
            ``min_density`` by default; 0 means two hits suffice, however
            sparse (restores a little more, at more false edits and time).
        min_rate: a document with ``min_density`` of supported hits counts
            as spun only if at least this share of its common-word bigrams is
            unattested (from 20 such bigrams on). 0.26 is the median of clean
            news (300 held-out BBC articles): a document whose word pairs are
            as ordinary as a typical clean article is not spun, however many
            table words it uses (a large learned table hits many). 0 turns
            the test off.
        max_passes: restoration passes until a fixed point.
    """

    threshold: float = 1.0
    strong: float = 5.0
    min_density: float = 0.03
    min_support: float = 0.5
    context_rate: float = 0.38
    context_density: float = 0.015
    min_rate: float = 0.26
    max_passes: int = 3

    def __post_init__(self) -> None:
        for name in ("threshold", "strong", "min_support"):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(
                    f"Options.{name} must be a finite number, not {getattr(self, name)!r}"
                )
        if not 0.0 <= self.context_density <= 1.0:
            raise ValueError(
                f"Options.context_density is a share of words: 0 to 1, not {self.context_density!r}"
            )
        if not 0.0 <= self.min_rate <= 1.0:
            raise ValueError(
                f"Options.min_rate is a share of word pairs: 0 to 1, not {self.min_rate!r}"
            )
        if not 0.0 <= self.min_density <= 1.0:
            raise ValueError(
                f"Options.min_density is a share of words: 0 to 1, not {self.min_density!r}"
            )
        if not 0.0 < self.context_rate <= 1.0:
            raise ValueError(
                f"Options.context_rate is a share of word pairs: above 0 and at most 1 "
                f"(1 turns it off), not {self.context_rate!r}"
            )
        if self.max_passes < 1:
            raise ValueError(f"Options.max_passes must be at least 1, not {self.max_passes!r}")


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
    check_text(text)
    opts = options or DEFAULT_OPTIONS
    tbl = read_table(table)
    if reference is not None:
        check_text(reference, "reference")
    edits: list[Edit] = []
    current = text
    near: list[tuple[int, int]] | None = None
    spun_doc = False
    for _ in range(max(1, opts.max_passes)):
        new = _restore_pass(current, tbl, reference, opts, near, spun_doc)
        if not new:
            break
        if near is None:
            words = count_words(current)
            spun_doc = len(new) >= 2 and len(new) >= opts.min_density * words
        edits = _compose(edits, text, current, new) if edits else list(new)
        current = apply_edits(current, new)
        if reference is None:
            near = _new_spans(new)
    return Restored(current, tuple(edits))


def _new_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where the replacements of ``edits`` stand in the edited text."""
    shift = 0
    spans = []
    for e in sorted(edits, key=lambda e: e.start):
        start = e.start + shift
        spans.append((start, start + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
    return spans


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits (offsets into ``text``) and return the new text.

    Raises:
        ValueError: edits overlap, fall outside the text, or do not match the
            text they claim to replace.

    >>> e = Edit(6, 15, "mentioned", "said", 0.9, "table", "", "")
    >>> apply_edits("Putin mentioned it", [e])
    'Putin said it'
    """
    parts = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            raise ValueError(
                f"edit {edit.start}:{edit.end} overlaps another or lies outside the text"
            )
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
_DIGITS = {w: str(i) for i, w in enumerate(NUMBER_WORDS)}
# Options.min_rate needs this many common-word pairs: a rate over a few
# sentences says little.
_MIN_RATE_PAIRS = 20
# (suffix of the text word, what replaces it in the table word): a hit on
# "struggles" via the entry "struggle" -> "war" gives "wars".
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("d", ""),
)
# An inflected original must be a word at least this common (Zipf) to be used.
_MIN_INFLECTED_ZIPF = 2.5


class _Hit(NamedTuple):
    start: int  # token index
    end: int
    key: str
    original: str
    prior: float
    rule: str


class _Doc(Split):
    """A split document, the token indexes no edit may touch, and where a
    number word stands right before a decimal point (found with the hits)."""

    __slots__ = ("locked", "numbers")

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.numbers: list[int] = []
        self.locked: set[int] = set()
        spans = protected_spans(text)
        if spans:
            for i, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
                k = bisect_right(spans, (start, len(text) + 1)) - 1
                if (k >= 0 and spans[k][1] > start) or (
                    k + 1 < len(spans) and spans[k + 1][0] < end
                ):
                    self.locked.add(i)


def _restore_pass(
    text: str,
    table: Table,
    reference: str | None,
    opts: Options,
    near: Sequence[tuple[int, int]] | None = None,
    spun_doc: bool = False,
) -> list[Edit]:
    """One pass over ``text``. Later passes (``near``: the spans replaced by
    the pass before) look only around those spans, for keys that the
    replacements completed or chained; the document test of the first pass
    (``spun_doc``) stands."""
    doc = _Doc(text)
    if not doc.norms:
        return []
    forced: list[Edit] = []
    if reference is not None:
        table, forced = _learn_reference(doc, reference, table)
    hits = _find_hits(doc, table)
    if near is not None:
        hits = _hits_near(doc, hits, near)
    decided = _decode(doc, hits, opts, known_spun=bool(forced) or spun_doc)
    edits = forced + [_edit(doc, hit, table, score, why, opts) for hit, score, why in decided]
    edits.extend(_number_artifacts(doc, edits))
    return sorted(edits, key=lambda e: e.start)


def _hits_near(
    doc: _Doc, hits: dict[int, list[_Hit]], near: Sequence[tuple[int, int]]
) -> dict[int, list[_Hit]]:
    """The hits touching, or next to, a replaced span."""
    if not hits or not near:
        return {}
    tokens: set[int] = set()
    for start, end in near:
        first = bisect_right(doc.ends, start)  # first token ending after start
        last = (
            bisect_right(doc.starts, end - 1) if end > start else first
        )  # tokens starting before end
        tokens.update(range(first - 1, last + 1))
    out = {}
    for i, candidates in hits.items():
        kept = [h for h in candidates if any(j in tokens for j in range(h.start, h.end))]
        if kept:
            out[i] = kept
    return out


def _learn_reference(doc: _Doc, reference: str, table: Table) -> tuple[Table, list[Edit]]:
    """Learn from the reference; lock what it shows unchanged; force its swaps."""
    obs = observe(doc.text, reference)
    learned = Table(name="reference")
    runs = add_observation(learned, obs, reference, source="reference")
    merged = table.merge(learned)
    count_kept(merged, runs)
    forced = []
    taken = set(doc.locked)  # protected spans, then each forced edit's tokens
    index = {start: i for i, start in enumerate(doc.starts)}
    for sub in obs.swaps:
        first = index[sub.spun_start]
        span = range(first, first + len(sub.spun))
        if any(i in taken for i in span):
            continue
        original = original_form(sub.spun, reference[sub.clean_start : sub.clean_end])
        taken.update(span)
        forced.append(
            Edit(
                sub.spun_start,
                sub.spun_end,
                doc.text[sub.spun_start : sub.spun_end],
                apply_case(list(sub.spun), original),
                0.95,
                "reference",
                f"{' '.join(sub.spun)} -> {original} (aligned with the reference)",
                f"reference chars {sub.clean_start}:{sub.clean_end}",
            )
        )
    # What the reference shows unchanged is right as it is.
    for passage in obs.passages:
        for op in passage.opcodes:
            if op.tag == "equal":
                doc.locked.update(range(op.a_start, op.a_end))
    doc.locked.update(taken)
    return merged, forced


def _inflection_index(table: Table) -> dict[str, tuple[str, str]]:
    """``{inflected spun word: (table key, inflected original)}`` for the
    single-word entries whose best original is a single word."""
    out: dict[str, tuple[str, str]] = {}
    first, _ = table.index()
    for key, length in first.items():
        if length != 1 or not key.isalpha():
            continue
        entry = table.lookup(key)
        if entry is None:
            continue
        original, _count = entry.best()
        if not original.isalpha():
            continue
        for suffix, base_end in _INFLECTIONS:
            if not (key.endswith(base_end) and original.endswith(base_end)):
                continue
            spun_form = key[: len(key) - len(base_end)] + suffix
            orig_form = original[: len(original) - len(base_end)] + suffix
            if spun_form in first or spun_form in out:
                continue
            if zipf(spun_form) > 0 and zipf(orig_form) >= _MIN_INFLECTED_ZIPF:
                out[spun_form] = (key, orig_form)
    return out


def _prefixes(table: Table) -> frozenset[str]:
    """Every proper word prefix of a key ("imaginative", "imaginative and")."""
    out = set()
    for key in table:
        words = key.split(" ")
        for n in range(1, len(words)):
            out.add(" ".join(words[:n]))
    return frozenset(out)


def _starts(table: Table) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Single-word keys and their inflected forms (see :func:`_inflection_index`),
    and the first two words ("imaginative and") of every longer key: a position
    can start a hit only if its word is in the first set or its word pair in
    the second, tests that run in C over a document. The pairs also hold a
    number word before "." or "," ("two.2%"), for :func:`_number_artifacts`."""
    singles: set[str] = set(table.derived("inflections", _inflection_index))
    pairs: set[tuple[str, str]] = {(w, mark) for w in _DIGITS for mark in ".,"}
    for key in table:
        words = key.split(" ")
        if len(words) == 1:
            singles.add(key)
        else:
            pairs.add((words[0], words[1]))
    return frozenset(singles), frozenset(pairs)


def _best_index(table: Table) -> dict[str, tuple[str, float]]:
    """``{key: (best original, prior)}``: the hot path's view of the table."""
    out = {}
    for key in table:
        entry = table.lookup(key)
        assert entry is not None
        original, count = entry.best()
        out[key] = (original, _prior(entry, count))
    return out


def _find_hits(doc: _Doc, table: Table) -> dict[int, list[_Hit]]:
    """Table hits by starting token index, longest first."""
    prefixes: frozenset[str] = table.derived("prefixes", _prefixes)
    best: dict[str, tuple[str, float]] = table.derived("best", _best_index)
    inflections: dict[str, tuple[str, str]] = table.derived("inflections", _inflection_index)
    singles, pairs = table.derived("starts", _starts)
    norms, locked = doc.norms, doc.locked
    n = len(norms)
    out: dict[int, list[_Hit]] = {}
    doc.numbers.clear()
    # Single-word keys and their inflected forms start hits; so do the first
    # two words of longer keys.
    starts = set(compress(range(n), map(singles.__contains__, norms)))
    if pairs:
        adjacent = zip(norms, islice(norms, 1, None), strict=False)
        starts.update(compress(range(n - 1), map(pairs.__contains__, adjacent)))
    for i in sorted(starts):
        if i in locked:
            continue
        key = norms[i]
        if (
            key in _DIGITS
            and i + 2 < n
            and norms[i + 1] in (".", ",")
            and norms[i + 2][0].isdecimal()
        ):
            doc.numbers.append(i)
        found = []
        for length in range(1, n - i + 1):
            if length > 1:
                key = f"{key} {norms[i + length - 1]}"
            if locked and i + length - 1 in locked:
                break
            found_here = best.get(key)
            if found_here is not None:
                found.append(_Hit(i, i + length, key, found_here[0], found_here[1], "table"))
            if key not in prefixes:
                break
        if found:
            out[i] = found[::-1]
        elif norms[i] in inflections:
            infl = inflections[norms[i]]
            prior = best[infl[0]][1] - 0.5
            out[i] = [_Hit(i, i + 1, infl[0], infl[1], prior, "inflection")]
    return out


def _prior(entry: Entry, count: int) -> float:
    return math.log((count + 0.1) / (entry.kept + 1))


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
    check_text(text)
    opts = options or DEFAULT_OPTIONS
    doc = _Doc(text)
    out = []
    for hit, score, _ in _decode(doc, _find_hits(doc, read_table(table)), opts, gate=False):
        start, end = doc.starts[hit.start], doc.ends[hit.end - 1]
        surface = doc.texts[hit.start : hit.end]
        out.append(Suspect(start, end, text[start:end], apply_case(surface, hit.original), score))
    return out, count_words(text)


def _neighbour(norms: Sequence[str], i: int) -> str | None:
    if 0 <= i < len(norms) and is_word(norms[i]):
        return norms[i]
    return None


# The words left and right of a hit as scored (restored forms where a
# neighbouring hit was restored).
_Neighbours = tuple[str | None, str | None]


class _Scored(NamedTuple):
    score: float  # table prior + context evidence (+ unigram evidence)
    implausible: bool  # see :class:`~unspin.context.Evidence`
    support: float  # the context evidence alone (bigrams), without the unigram term
    why: str  # the evidence in words, when asked for


def _score(
    hit: _Hit, norms: Sequence[str], left: str | None, right: str | None, explain: bool = False
) -> _Scored:
    """Score of a hit in its context (see :class:`_Scored`); with
    ``explain``, the evidence in words (only chosen edits need it)."""
    key = (hit.key, hit.original, left, right)
    found = None if explain else _EVIDENCE_CACHE.get(key)
    if found is None:
        spun = norms[hit.start : hit.end]
        original = _words(hit.original)
        ev = context_llr(left, original, spun, right, explain=explain)
        llr, why = ev.llr, ev.why
        if ev.sides < 2:
            uni = 0.3 * math.log(10) * (_mean_zipf(original) - _mean_zipf(spun))
            uni = max(-1.0, min(1.0, uni))
            llr += uni
            if explain:
                why += f"; unigram {uni:+.1f}"
        if explain:
            return _Scored(hit.prior + llr, ev.implausible, ev.llr, why)
        if len(_EVIDENCE_CACHE) > 200_000:
            _EVIDENCE_CACHE.clear()
        found = _EVIDENCE_CACHE[key] = (llr, ev.implausible, ev.llr)
    llr, implausible, support = found
    return _Scored(hit.prior + llr, implausible, support, "")


# Context evidence depends only on the phrase, its candidate original and the
# two neighbours, and the same combinations recur across documents ("the
# price", "said the"): computed once per process (bounded).
_EVIDENCE_CACHE: dict[tuple[str, str, str | None, str | None], tuple[float, bool, float]] = {}


def clear_caches() -> None:
    """Forget the per-process caches of context evidence and phrase tokens
    (benchmarks call this so that repeated rounds measure a cold start)."""
    _EVIDENCE_CACHE.clear()
    _WORDS_CACHE.clear()


_WORDS_CACHE: dict[str, list[str]] = {}


def _words(phrase: str) -> list[str]:
    """Normalized tokens of a table original (a plain dict cache: originals
    repeat, and this sits on the decoding hot path)."""
    words = _WORDS_CACHE.get(phrase)
    if words is None:
        if len(_WORDS_CACHE) > 100_000:
            _WORDS_CACHE.clear()
        words = _WORDS_CACHE[phrase] = token_arrays(phrase).norms
    return words


def _mean_zipf(words: Sequence[str]) -> float:
    content = [w for w in words if is_word(w)]
    return sum(zipf(w) for w in content) / len(content) if content else 0.0


def _count_words(norms: Sequence[str]) -> int:
    """Word tokens (not punctuation) among ``norms``, counted in C."""
    return sum(map(str.isalnum, map(itemgetter(-1), norms)))


def _may_be_implausible(hit: _Hit, norms: Sequence[str]) -> bool:
    """A cheap necessary condition for :attr:`~unspin.context.Evidence.implausible`:
    an unattested inner bigram, or word neighbours on both sides with which
    the spun phrase forms no attested bigram."""
    spun = norms[hit.start : hit.end]
    if any(not bigram_count(a, b) for a, b in pairwise(spun)):
        return True
    left, right = _neighbour(norms, hit.start - 1), _neighbour(norms, hit.end)
    if left is None or right is None:
        return False
    return not bigram_count(left, spun[0]) and not bigram_count(spun[-1], right)


def _pair_rate(norms: Sequence[str]) -> float | None:
    """:func:`~unspin.context.unattested_rate`, or ``None`` when the document
    has too few common-word pairs for the rate to say anything."""
    unattested, seen = unattested_pairs(norms)
    return unattested / seen if seen >= _MIN_RATE_PAIRS else None


def _decode(
    doc: _Doc,
    hits: dict[int, list[_Hit]],
    opts: Options,
    *,
    gate: bool = True,
    known_spun: bool = False,
) -> list[tuple[_Hit, float, str]]:
    """Choose the edits: left to right, longest acceptable hit first, with the
    neighbours' restored forms as context (repeated until stable). Without
    ``gate``, every hit above ``threshold`` is returned, spun document or not;
    ``known_spun`` (a reference showed spinner swaps) skips the document test."""
    if not hits:
        return []
    norms = doc.norms
    words = -1  # counted only when a document test needs it
    rate: float | None = None  # see _pair_rate; computed only when a test needs it
    rate_unknown = True
    # The density of supported hits a document needs to count as spun: from
    # min_density down to context_density if its word pairs are unattested
    # enough (context_rate).
    lowest = opts.min_density
    if opts.context_rate < 1.0:
        lowest = min(lowest, opts.context_density)
    if gate and not known_spun:
        # Words are at most the tokens: count them only when that bound
        # leaves the test open.
        sparse = len(hits) < 2
        if not sparse and len(hits) < lowest * len(norms):
            words = _count_words(norms)
            sparse = len(hits) < lowest * words
        if sparse:
            # Too few hits for the document test to pass: only a phrase that
            # is implausible where it stands can be edited. Score only those.
            hits = {i: c for i, c in hits.items() if any(_may_be_implausible(h, norms) for h in c)}
            if not hits:
                return []
    restored_left: dict[int, str] = {}  # token index -> restored first word there
    restored_right: dict[int, str] = {}  # token index -> restored last word ending there
    chosen: list[tuple[_Hit, float, _Neighbours]] = []
    # Iterations only change the neighbours of restored hits: score each
    # (hit, left, right) once.
    memo: dict[tuple[int, int, str, str | None, str | None], _Scored] = {}
    for _ in range(3):
        scored = []
        next_free = 0
        for i, candidates in hits.items():
            if i < next_free:
                continue
            for hit in candidates:
                left = restored_right.get(hit.start - 1, _neighbour(norms, hit.start - 1))
                right = restored_left.get(hit.end, _neighbour(norms, hit.end))
                key = (hit.start, hit.end, hit.original, left, right)
                found = memo.get(key)
                if found is None:
                    found = memo[key] = _score(hit, norms, left, right)
                if found.score > opts.threshold:
                    scored.append((hit, found, (left, right)))
                    next_free = hit.end
                    break
        # The document test counts only hits the context supports (bigram
        # evidence, not word frequency): a clean text holds many table keys
        # ("authorities", the name "Fiat"), but there the neighbours prefer
        # the word as written or say nothing.
        above = sum(1 for _, found, _ in scored if found.support >= opts.min_support)
        if above >= 2 and words < 0:
            words = _count_words(norms)
        spun_doc = known_spun
        if not spun_doc and above >= 2 and above >= lowest * words:
            dense = above >= opts.min_density * words
            if rate_unknown and (opts.min_rate > 0.0 or not dense):
                rate, rate_unknown = _pair_rate(norms), False
            if dense:
                # Word pairs as ordinary as clean text's: not spun (min_rate).
                spun_doc = rate is None or rate >= opts.min_rate
            else:
                spun_doc = rate is not None and rate >= opts.context_rate
        new = [
            (hit, found.score, context)
            for hit, found, context in scored
            if spun_doc or not gate or (found.implausible and found.score > opts.strong)
        ]
        if new == chosen:
            break
        chosen = new
        restored_left, restored_right = {}, {}
        for hit, _, _ in chosen:
            restored = _words(hit.original)
            if restored:
                restored_left[hit.start] = restored[0]
                restored_right[hit.end - 1] = restored[-1]
    # Only the chosen hits are explained.
    return [
        (hit, score, _score(hit, norms, *context, explain=True).why)
        for hit, score, context in chosen
    ]


def _edit(doc: _Doc, hit: _Hit, table: Table, score: float, why: str, opts: Options) -> Edit:
    start, end = doc.starts[hit.start], doc.ends[hit.end - 1]
    entry = table.lookup(hit.key)
    counts = f"{entry.swaps} swaps, {entry.kept} kept" if entry else ""
    return Edit(
        start,
        end,
        doc.text[start:end],
        apply_case(doc.texts[hit.start : hit.end], hit.original),
        round(1 / (1 + math.exp(-(score - opts.threshold))), 3),
        hit.rule,
        f"{hit.key} -> {hit.original} ({counts})",
        f"score {score:.2f}: {why}",
    )


def _number_artifacts(doc: _Doc, edits: Sequence[Edit]) -> list[Edit]:
    """'the two.2% forecast' -> 'the 2.2% forecast': a digit the spinner spelt
    out. :func:`_find_hits` found the candidates ("two" "." "2")."""
    out = []
    taken = [(e.start, e.end) for e in edits]
    for i in doc.numbers:
        starts, ends = doc.starts, doc.ends
        if ends[i] != starts[i + 1] or ends[i + 1] != starts[i + 2]:
            continue  # "two . 2" is not one number
        start, end = starts[i], ends[i]
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(
            Edit(
                start,
                end,
                doc.text[start:end],
                _DIGITS[doc.norms[i]],
                0.99,
                "number",
                "number word before a decimal part",
                f"followed by {doc.text[end : end + 2]!r}",
            )
        )
    return out


def _compose(first: Sequence[Edit], text0: str, text1: str, second: Sequence[Edit]) -> list[Edit]:
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

    # Clusters of overlapping edits in text1 coordinates: a second-pass edit
    # may touch several first-pass edits, and several second-pass edits the
    # same first-pass one.
    events = sorted(
        [(s1, e1, 0, e) for s1, e1, e in landed] + [(e.start, e.end, 1, e) for e in second],
        key=lambda x: (x[0], x[1], x[2]),
    )
    clusters: list[tuple[list[int], list[Edit], list[Edit]]] = []
    for lo, hi, kind, edit in events:
        if clusters and lo < clusters[-1][0][1]:
            bounds, firsts, seconds = clusters[-1]
            bounds[1] = max(bounds[1], hi)
        else:
            bounds, firsts, seconds = [lo, hi], [], []
            clusters.append((bounds, firsts, seconds))
        (seconds if kind else firsts).append(edit)
    result: list[Edit] = []
    for (lo1, hi1), firsts, seconds in clusters:
        if not seconds:
            result.extend(firsts)
            continue
        if not firsts:
            for e2 in seconds:
                start, end = to_original(e2.start), to_original(e2.end)
                result.append(e2._replace(start=start, end=end, spun=text0[start:end]))
            continue
        start = min([to_original(lo1)] + [e.start for e in firsts])
        end = max([to_original(hi1)] + [e.end for e in firsts])
        pieces, pos = [], lo1
        for e2 in seconds:
            pieces += [text1[pos : e2.start], e2.replacement]
            pos = e2.end
        pieces.append(text1[pos:hi1])
        result.append(
            seconds[-1]._replace(
                start=start, end=end, spun=text0[start:end], replacement="".join(pieces)
            )
        )
    return sorted(result, key=lambda e: e.start)
