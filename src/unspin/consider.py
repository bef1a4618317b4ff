"""Stage 7c: why restoration left a phrase as written.

:func:`unspin.restore_and_explain` says why each edit was made;
:func:`considered` says it for every table phrase restoration weighed, made
or not: the screen turned the document away, the document (or the text
around the phrase) looks clean, the phrase sits in quotations that look
clean, its neighbours' likeliest reading leaves it, or its probability of
being a swap stays below the bar; each with the trigram model's and the
table's evidence. It follows restoration's own path (chunks, pieces, the
screen and the fluency test, then the first pass's decision), and marks
restored what the restored text changed, whichever pass changed it.

    unspin restore page.txt --why bottom --why "Financial institution"
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .decide import _holds, weigh_all
from .edits import Edit
from .hits import Doc, find_hits, inflected_forms, quotations, written
from .options import DEFAULT_OPTIONS, Options
from .restore import restore_and_explain, route
from .table import Table, read_table
from .tokenize import Split, check_text

__all__ = ["Considered", "considered", "why_lines"]


class Considered(NamedTuple):
    """A table phrase of the input that restoration weighed, with one
    original: ``text[start:end]`` (``spun``) would become ``original``.
    ``probability`` is P(swap) given that its part of the document is spun;
    ``why`` gives the evidence and, where ``restored`` is false, first what
    stopped it."""

    start: int
    end: int
    spun: str
    original: str
    probability: float
    restored: bool
    why: str


def considered(
    text: str,
    *,
    table: Table | str | None = None,
    options: Options | None = None,
    edits: Sequence[Edit] | None = None,
) -> list[Considered]:
    """Every table phrase of ``text`` that restoration weighed, with each of
    its originals, restored or not, and why (without a ``reference``).
    ``edits``: what :func:`unspin.restore_and_explain` made of ``text`` with
    the same table and options, where the caller has it already.

    >>> t = Table(); t.add("struggle", "war", 9)
    >>> [(c.spun, c.original, c.restored) for c in considered("The struggle went on.", table=t)]
    [('struggle', 'war', False)]
    >>> considered("The struggle went on.", table=t)[0].why.split(";")[0]
    'the document looks clean: P(spun) 0.07 < 0.5'
    """
    check_text(text)
    opts = options or DEFAULT_OPTIONS
    tbl = read_table(table)
    if edits is None:
        edits = restore_and_explain(text, table=tbl, options=opts).edits
    out = []
    for c in _weighed(text, tbl, opts):
        made = [e for e in edits if e.start < c.end and c.start < e.end]
        if any((e.start, e.end) == (c.start, c.end) and e.replacement == c.original for e in made):
            # Made by the first pass, or by a later one once its neighbours
            # were restored.
            why = c.why if c.restored else f"restored by a later pass; in the first: {c.why}"
            c = c._replace(restored=True, why=why)
        elif made:
            other = ", ".join(f"{e.spun!r} -> {e.replacement!r}" for e in made)
            c = c._replace(restored=False, why=f"restored otherwise: {other}; {c.why}")
        elif c.restored:
            c = c._replace(restored=False, why=f"not in the restored text; {c.why}")
        out.append(c)
    return out


def _weighed(text: str, table: Table, opts: Options) -> list[Considered]:
    """:func:`considered` before the restored text is consulted: restoration's
    route through ``text`` (:func:`unspin.restore.route`) and its first
    pass's decision in each part."""
    out = []
    for offset, end, stop in route(text, table, opts):
        part = text[offset:end]
        doc = Doc(part)
        if not doc.norms:
            continue
        weighed = weigh_all(
            doc.norms,
            find_hits(doc, table),
            opts,
            quoted=quotations(doc),
            contexts=table.contexts(),
        )
        for w in weighed:
            first, last, original = written(doc, w.hit)
            out.append(
                Considered(
                    first + offset,
                    last + offset,
                    part[first:last],
                    original,
                    round(w.probability, 3),
                    w.made and not stop,
                    f"{stop}; had it not: {w.why}" if stop else w.why,
                )
            )
    return out


def why_lines(
    text: str,
    phrases: Sequence[str],
    *,
    table: Table | str | None = None,
    options: Options | None = None,
    edits: Sequence[Edit] | None = None,
) -> list[str]:
    """One line per occurrence of each of ``phrases`` in ``text`` that
    restoration weighed (and per original), restored or not, and why; or one
    line saying why it was never weighed (``unspin restore --why``);
    ``edits`` as for :func:`considered`.

    >>> t = Table(); t.add("struggle", "war", 9)
    >>> why_lines("The struggle went on.", ["Struggle", "went", "zebra"], table=t)[1:]
    ["'went': the table has no entry for it", "'zebra': not in the text"]
    """
    wanted = [tuple(Split(phrase).norms) for phrase in phrases]
    for phrase, want in zip(phrases, wanted, strict=True):
        if not want:
            raise ValueError(f"a word or phrase is needed to say why, not {phrase!r}")
    tbl = read_table(table)
    found = considered(text, table=tbl, options=options, edits=edits)
    words = tuple(Split(text).norms)
    lines = []
    for phrase, want in zip(phrases, wanted, strict=True):
        said = False
        for c in found:
            if _holds(tuple(Split(c.spun).norms), want):
                line, column = _line_column(text, c.start)
                verdict = "restored" if c.restored else "left as written"
                lines.append(f"{c.spun!r} at {line}:{column} -> {c.original!r}: {verdict}: {c.why}")
                said = True
        if said:
            continue
        key = " ".join(want)
        if not _holds(words, want):
            lines.append(f"{phrase!r}: not in the text")
        elif key in tbl or key in inflected_forms(tbl):
            lines.append(
                f"{phrase!r}: the table knows it, but restoration never weighs it here "
                "(inside a URL, an e-mail address, code or markup, or a swap the trigram "
                "model cannot tell from the text as written)"
            )
        else:
            lines.append(f"{phrase!r}: the table has no entry for it")
    return lines


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
