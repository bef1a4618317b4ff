"""Stage 7: restore spun text, with an explanation of every edit.

Precision before recall: most spinner outputs are ordinary words
("mentioned", "bottom", "struggle"), so a table hit alone never justifies an
edit. The stages: :mod:`unspin.screen` turns away, untokenized, documents
whose table evidence is that of clean text (the fast path);
:mod:`unspin.hits` finds the table's phrases in the rest; :mod:`unspin.decide`
weighs each against the trigram model's view of its context and decides,
jointly for neighbouring hits and for the document as a whole, which to
restore; this module applies the decisions, learns from a ``reference`` on
the fly, and explains every edit. Long documents go through in chunks of 40
sentences, and one of more than 40 that the screen lets through in pieces of
20, each screened on its own.

Decisions use the neighbours as they will be after restoration (neighbouring
hits are decided jointly), and ``restore_and_explain`` runs passes until the
text is a fixed point (at most ``Options.max_passes``), so ``restore`` is
idempotent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from . import decide as _decide_module
from . import lm
from .artifacts import artifact_edits
from .decide import decide
from .edits import Edit, apply_edits
from .hits import Doc, Hit, find_hits, quotations, written
from .learn import add_observation, count_kept, observe
from .options import DEFAULT_OPTIONS, Options
from .screen import FLUENT_SCREEN, fluent, may_have_numbers, screen_scores, screens
from .table import Table, apply_case, original_form, read_table
from .tokenize import check_text, count_words

__all__ = [
    "Edit",
    "Options",
    "Restored",
    "Suspect",
    "apply_edits",
    "clear_caches",
    "restore",
    "restore_and_explain",
    "route",
    "score_suspects",
]


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
    return _restore(text, table, reference, options, explain=False).text


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
    return _restore(text, table, reference, options, explain=True)


def _restore(
    text: str,
    table: Table | str | None,
    reference: str | None,
    options: Options | None,
    *,
    explain: bool,
) -> Restored:
    check_text(text)
    opts = options or DEFAULT_OPTIONS
    tbl = read_table(table)
    if reference is not None:
        check_text(reference, "reference")
        # With a reference, the pass decides whether the text is spun.
        return _restore_part(text, tbl, reference, opts, None, explain)
    pieces: list[str] = []
    edits: list[Edit] = []
    for start, end, stop in route(text, tbl, opts):
        part = _restore_part(text[start:end], tbl, None, opts, not stop, explain)
        pieces.append(part.text)
        edits.extend(e._replace(start=e.start + start, end=e.end + start) for e in part.edits)
    return Restored("".join(pieces), tuple(edits))


def route(text: str, table: Table, opts: Options) -> list[tuple[int, int, str]]:
    """The parts ``[start, end)`` of ``text`` that restoration decides on
    their own, each with what keeps the trigram model from its table hits
    ("" where nothing does): a document of more than 80 sentences in chunks
    of 40, each screened on its own, and one of more than 40 that the screen
    lets through in pieces of 20 (:data:`_CHUNK_SENTENCES`,
    :data:`_PIECE_SENTENCES`); a part the screen lets through only narrowly
    and that reads fluently is turned away too (:func:`_fluent`).

    >>> t = Table(); t.add("imaginative and prescient", "vision", 20)
    >>> route("His imaginative and prescient.", t, DEFAULT_OPTIONS)
    [(0, 30, '')]
    """
    if (chunks := _chunks(text)) is not None:
        return _in_parts(text, chunks, table, opts)
    top = _screen_top(text, table, opts)
    if top < opts.screen:
        evidence = f"its table evidence {top:.2f} < Options.screen {opts.screen}"
        return [(0, len(text), f"the screen turned the document away ({evidence})")]
    if (pieces := _chunks(text, _PIECE_SENTENCES)) is not None:
        # The model is asked only where a piece can be spun.
        return _in_parts(text, pieces, table, opts)
    if _fluent(text, top, opts):
        return [(0, len(text), "the document reads as fluently as clean text (Options.fluent)")]
    return [(0, len(text), "")]


def _in_parts(
    text: str, parts: list[tuple[int, int]], table: Table, opts: Options
) -> list[tuple[int, int, str]]:
    return [
        (start + a, start + b, stop)
        for start, end in parts
        for a, b, stop in route(text[start:end], table, opts)
    ]


def _restore_part(
    text: str,
    table: Table,
    reference: str | None,
    opts: Options,
    screened: bool | None,
    explain: bool,
) -> Restored:
    """One part of the input (:func:`route`), restored; ``screened``: whether
    its hits may go to the model (``None``: the first pass decides)."""
    if _FAST_PATH and screened is False and not may_have_numbers(text):
        return Restored(text, ())  # the fast path: nothing here to decide
    edits: list[Edit] = []
    current = text
    # Each pass decides afresh on the text so far (the document looks less
    # spun once restored, so a later pass edits only what the restored
    # context still calls for): a fixed point, so restore is idempotent.
    for _ in range(max(1, opts.max_passes)):
        new = _restore_pass(current, table, reference, opts, explain, screened)
        if not new:
            break
        edits = _compose(edits, text, current, new) if edits else list(new)
        current = apply_edits(current, new)
        screened = None  # the next pass screens the text as restored so far
    return Restored(current, tuple(edits))


# Documents of more than twice this many sentences (books, joined corpora)
# are restored chunk by chunk, this many sentences each (about 1,000 words of
# news): each chunk is screened on its own, so the model is asked only where
# a chunk can be spun, and the cost stays linear in the length. Chunks are
# counted in sentences, which restoration never adds or removes, so a restored
# text is cut where its input was and restoring it again changes nothing.
_CHUNK_SENTENCES = 40
# A document of more than twice this many sentences (and up to twice
# _CHUNK_SENTENCES) that passes the screen is restored in pieces of this many
# (about 400 words of news), each screened on its own: a news article of 900
# words, one of whose halves looks spun, is asked about that half only.
# Measured (benchmarks/long_documents.py, docs/benchmarks.md): the grouped
# folds unchanged (no spun page of the development data is that long); four
# spun pages joined, repair and precision up a little; a spun page between two
# clean articles, helpful precision 0.88 -> 0.92 (the clean articles are no
# longer asked about).
_PIECE_SENTENCES = 20
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")


def _chunks(text: str, sentences: int = _CHUNK_SENTENCES) -> list[tuple[int, int]] | None:
    """``[start, end)`` spans that cover ``text``, cut after every
    ``sentences`` sentence ends (or line breaks); ``None`` when the text is
    not longer than two chunks."""
    marks = sum(map(text.count, ".!?…\n"))  # at least as many as sentence ends, in C
    if marks <= 2 * sentences:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if len(ends) <= 2 * sentences:
        return None
    cuts = ends[sentences - 1 :: sentences]
    spans = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    return [(start, end) for start, end in spans if end > start]


# --------------------------------------------------------------------- internals


def _restore_pass(
    text: str,
    table: Table,
    reference: str | None,
    opts: Options,
    explain: bool,
    screened: bool | None = None,
) -> list[Edit]:
    """One pass over ``text``: its edits. ``screened`` is whether ``text``
    passes the screen, if already known."""
    doc = Doc(text)
    if not doc.norms:
        return []
    spun: float | None = None
    forced: list[Edit] = []
    if reference is not None:
        table, forced = _learn_reference(doc, reference, table)
        if forced:
            spun = 1.0
    hits = find_hits(doc, table)  # also finds number words before decimals
    if screened is None:
        screened = _screened(text, table, opts)
    if spun is None and not screened:
        hits = {}
    decided, p_spun = decide(
        doc.norms,
        hits,
        opts,
        spun=spun,
        explain=explain,
        quoted=quotations(doc) if hits else (),
        contexts=table.contexts(),
    )
    edits = forced + [_edit(doc, d.hit, table, d.probability, d.why, explain) for d in decided]
    edits.extend(artifact_edits(doc, edits, spun=p_spun >= 0.5))
    return sorted(edits, key=lambda e: e.start)


# Documents the screen turns away with no number artifact to fix are returned
# untouched, untokenized. Tests switch this off to check that the full path
# gives the same output on such documents.
_FAST_PATH = True


def _screened(text: str, table: Table, opts: Options) -> bool:
    """Whether ``text`` passes the screen (:mod:`unspin.screen`), the cheap
    first document test: only then is the model asked about its hits."""
    return _screen_top(text, table, opts) >= opts.screen


def _screen_top(text: str, table: Table, opts: Options) -> float:
    """The screen's score of the best window of ``text``; infinite where
    nothing is screened (``Options.screen`` 0, or a table whose phrases are
    rare in clean text: :func:`unspin.screen.screens`)."""
    if not opts.screen or not screens(table):
        return math.inf
    return max(screen_scores(text, table), default=0.0)


def _fluent(text: str, top: float, opts: Options) -> bool:
    """Whether ``text``, whose best screen window scored ``top``, passed the
    screen only narrowly (below :data:`unspin.screen.FLUENT_SCREEN`) and is
    fluent in every part (``Options.fluent``, :func:`unspin.screen.fluent`):
    clean text that happens to use many table words. Asked of the input (or
    of each chunk or piece of a long one) before any pass, never of a text
    half restored: a page half restored is more fluent than the page was."""
    return bool(opts.fluent) and top < FLUENT_SCREEN and fluent(text, opts.fluent)


def _learn_reference(doc: Doc, reference: str, table: Table) -> tuple[Table, list[Edit]]:
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


class Suspect(NamedTuple):
    """A table hit that restoration would make in a document known to be
    spun: its span, the suggested original and that edit's probability."""

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
    doc = Doc(text)
    out = []
    decided, _ = decide(
        doc.norms, find_hits(doc, read_table(table)), opts, gate=False, explain=False
    )
    for hit, score, _ in decided:
        start, end, suggestion = written(doc, hit)
        out.append(Suspect(start, end, text[start:end], suggestion, score))
    return out, count_words(text)


def clear_caches() -> None:
    """Forget the per-process caches of model scores and phrase tokens
    (benchmarks call this so that repeated rounds measure a cold start)."""
    lm.clear_cache()
    _decide_module.clear_cache()


def _edit(
    doc: Doc, hit: Hit, table: Table, probability: float, why: str, explain: bool = True
) -> Edit:
    start, end, replacement = written(doc, hit)
    described = ""
    if explain:  # restore() only applies the edits: it needs no description
        entry = table.lookup(hit.key)
        counts = f"{entry.swaps} swaps, {entry.kept} kept" if entry else ""
        described = f"{hit.key} -> {hit.original} ({counts})"
    return Edit(
        start,
        end,
        doc.text[start:end],
        replacement,
        round(probability, 3),
        hit.rule,
        described,
        why,
    )


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
