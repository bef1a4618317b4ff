"""Tables from other formats: plain phrase lists (``spun<TAB>original``)
and the Problematic Paper Screener's tortured-phrase export, the source of
the default table's scientific entries (:meth:`unspin.Table.from_tsv`,
:meth:`unspin.Table.from_pps`)."""

from __future__ import annotations

import csv
import math
import os
import re
from pathlib import Path

from .table import Table, phrase_key

__all__ = ["clean_expected", "read_pps", "read_tsv"]

_HEADERS = {("tortured", "correct"), ("spun", "original"), ("spun", "clean")}
_PPS_QUERY = re.compile(r'^"(?P<phrase>[^"]+)"(?P<prox>~\d+)?')
_PPS_SOURCE = {
    "description": "tortured phrases from the Problematic Paper Screener",
    "attribution": "Cabanac, Labbé & Magazinov, Problematic Paper Screener",
    "license": "CC BY 4.0",
}


def read_tsv(
    path: str | os.PathLike[str], *, source: str = "", delimiter: str | None = None
) -> Table:
    """Import a plain phrase list: ``spun<TAB>original[<TAB>count]`` per line
    (comma-separated when the name ends in ``.csv``). A first line whose
    count column is not a number is taken as a header.

    Raises:
        ValueError: a line without two columns (its number is named).
    """
    p = Path(path)
    delim = delimiter or ("," if p.suffix == ".csv" else "\t")
    table = Table(name=p.stem)
    src = source or p.stem
    with p.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter=delim), 1):
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise ValueError(f"{p}:{lineno}: expected spun{delim!r}original, got {row!r}")
            count_text = row[2].strip().replace(",", "") if len(row) > 2 else "1"
            if not count_text.isdigit():
                if lineno == 1:
                    continue
                raise ValueError(f"{p}:{lineno}: count {row[2]!r} is not a whole number")
            spun, original = row[0].strip(), row[1].strip()
            if lineno == 1 and (spun.lower(), original.lower()) in _HEADERS:
                continue
            table.add(spun, original, int(count_text), source=src)
    return table


def read_pps(path: str | os.PathLike[str], *, source: str = "pps") -> Table:
    """Import the Problematic Paper Screener's tortured-phrase export.

    The first column is the screener's query: the tortured phrase in
    quotes, optionally with ``AND "..."`` (only tortured next to that
    phrase), ``NOT "..."`` (excluded contexts) or ``~N`` (words within N
    of each other, not a phrase: skipped). The expected phrase is cleaned
    of notes (``(?)``, ``?``, bracketed context words, parenthesised
    acronyms); of ``A AND B`` only ``A`` (the original of the first
    quoted phrase: "differential condition" AND "first request" ->
    "differential equation", not "differential equation AND 1st order"),
    and a row whose expected phrase offers two (``A OR B``) is skipped.
    Paper counts become ``1 + round(log2(1 + papers))``: a table count is
    a number of sightings, and 42,682 papers with one phrase would
    otherwise outweigh every other kind of evidence.
    """
    p = Path(path)
    table = Table(
        name="pps",
        sources={source: dict(_PPS_SOURCE)},
    )
    with p.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        for lineno, row in enumerate(reader, 1):
            if lineno == 1 and row and row[0] == "tortured_phrase":
                continue
            if len(row) < 2:
                raise ValueError(f"{p}:{lineno}: expected query,expected_phrase[,papers]")
            query, expected = row[0], clean_expected(row[1])
            if " OR " in expected:
                continue  # two possible originals ("... interface OR ... interaction")
            # With AND, the expected phrase has a part per quoted phrase of
            # the query; only the first is a tortured phrase on its own.
            expected = expected.split(" AND ")[0].strip()
            match = _PPS_QUERY.match(query.strip())
            if not match or match.group("prox") or not expected:
                continue
            papers = int(row[2].replace(",", "")) if len(row) > 2 and row[2] else 1
            count = 1 + round(math.log2(1 + papers))
            spun = " ".join(re.sub(r"\([^)]*\)", " ", match.group("phrase")).split())
            if not spun or phrase_key(spun) == phrase_key(expected):
                continue
            table.add(spun, expected, count, source=source)
    return table


def clean_expected(text: str) -> str:
    """Clean an expected phrase from the screener's list.

    >>> clean_expected("back propagation (BP)"), clean_expected("[neural network] layer outputs")
    ('back propagation', 'layer outputs')
    >>> clean_expected("rythm pattern (?)"), clean_expected("Crow search algorithm ?")
    ('rythm pattern', 'crow search algorithm')
    """
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)|\?", " ", text)
    if re.search(r"[\[\]()/]", text):
        return ""
    words = [w if (w.isupper() and len(w) > 1) else w.lower() for w in text.split()]
    return " ".join(words)
