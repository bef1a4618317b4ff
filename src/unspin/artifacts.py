"""Stage 7c: the spinner's artifacts that need no table.

Beside its word swaps, the spinner leaves marks no writer makes, each undone
by a rule with its own ``Edit.rule``:

* ``number``: a digit spelt out against a decimal part or a per cent sign
  ("the two.2% forecast", "rose to three%"); no writer glues a word to a
  number, so this rule applies in any document;
* ``brace``: template braces around words it had nothing to choose from
  ("U.S. {dollars}", "said {{that a}} rescue");
* ``percent``: "p.c" after a number ("up 0.22 p.c").

The last two apply only in a document judged spun: a template in clean text
may hold "{name}", and old British prose wrote "20 p.c.".
"""

from __future__ import annotations

from collections.abc import Sequence

from .edits import Edit
from .hits import DIGITS, Doc

__all__ = ["artifact_edits"]


def artifact_edits(doc: Doc, edits: Sequence[Edit], *, spun: bool) -> list[Edit]:
    """The artifacts of ``doc`` that none of ``edits`` overlaps; those of a
    spun document only when ``spun``. The spelt-out digits are the ones
    :func:`unspin.hits.find_hits` found (``doc.numbers``).

    >>> from unspin.hits import find_hits
    >>> from unspin.table import Table
    >>> doc = Doc("It rose to three% and 0.2 p.c, in U.S. {dollars}.")
    >>> _ = find_hits(doc, Table())
    >>> [(e.spun, e.replacement) for e in artifact_edits(doc, [], spun=True)]
    [('three', '3'), ('{dollars}', 'dollars'), ('p.c', 'percent')]
    >>> [e.rule for e in artifact_edits(doc, [], spun=False)]
    ['number']
    """
    out = _number_artifacts(doc, edits)
    if spun:
        if "{" in doc.text:
            out.extend(_brace_artifacts(doc, [*edits, *out]))
        if "p.c" in doc.text:
            out.extend(_percent_artifacts(doc, [*edits, *out]))
    return out


def _free(edits: Sequence[Edit], start: int, end: int) -> bool:
    return not any(e.start < end and start < e.end for e in edits)


def _edit(doc: Doc, start: int, end: int, replacement: str, rule: str, why: str) -> Edit:
    return Edit(start, end, doc.text[start:end], replacement, 0.99, rule, _ENTRIES[rule], why)


_ENTRIES = {
    "number": "number word before a decimal part or a per cent sign",
    "brace": "template braces around words",
    "percent": "p.c after a number",
}


def _number_artifacts(doc: Doc, edits: Sequence[Edit]) -> list[Edit]:
    """'the two.2% forecast' -> 'the 2.2% forecast', 'rose to three%' -> 'rose
    to 3%': a digit the spinner spelt out. :func:`find_hits` found the
    candidates ("two" "." "2", "three" "%")."""
    out = []
    starts, ends = doc.starts, doc.ends
    for i in doc.numbers:
        if ends[i] != starts[i + 1]:
            continue  # "two . 2" and "three %" are not one number
        if doc.norms[i + 1] != "%" and ends[i + 1] != starts[i + 2]:
            continue
        start, end = starts[i], ends[i]
        if _free(edits, start, end):
            why = f"followed by {doc.text[end : end + 2]!r}"
            out.append(_edit(doc, start, end, DIGITS[doc.norms[i]], "number", why))
    return out


def _brace_artifacts(doc: Doc, edits: Sequence[Edit]) -> list[Edit]:
    """'1.2837 U.S. {dollars}' -> '1.2837 U.S. dollars', 'said {{that a}}
    rescue' -> 'said that a rescue': template braces the spinner left around
    words it had nothing to choose from (the data README: it "leaves literal
    {dollars} in places"). Braces written against one to four words, one or
    two deep, nothing to choose between ("{a|b}" stays). Only in a document
    judged spun: a template or formula in clean text may hold "{name}"."""
    out = []
    texts, starts, ends = doc.texts, doc.starts, doc.ends
    n = len(texts)
    i = 0
    while i < n:
        found = _braced(texts, starts, ends, i)
        if found is None or doc.locked.intersection(range(i, found[1])):
            i += 1
            continue
        depth, stop = found
        start, end = starts[i], ends[stop - 1]
        if _free(edits, start, end):
            inner = doc.text[starts[i + depth] : ends[stop - depth - 1]]
            out.append(_edit(doc, start, end, inner, "brace", "in a document judged spun"))
        i = stop
    return out


def _braced(
    texts: Sequence[str], starts: Sequence[int], ends: Sequence[int], i: int
) -> tuple[int, int] | None:
    """``(depth, end)`` when tokens ``i:end`` are 1-2 "{", 1-4 words and as
    many "}", the braces written against the words."""
    depth = 0
    while depth < 2 and i + depth < len(texts) and texts[i + depth] == "{":
        depth += 1
    if not depth or (depth > 1 and ends[i] != starts[i + 1]):
        return None
    first = last = i + depth
    while last < len(texts) and last - first < 4 and texts[last][:1].isalnum():
        last += 1
    close = last + depth
    if last == first or close > len(texts) or any(t != "}" for t in texts[last:close]):
        return None
    if ends[first - 1] != starts[first] or ends[last - 1] != starts[last]:
        return None  # "{ dollars }" is no template left over
    if depth > 1 and ends[last] != starts[last + 1]:
        return None
    return depth, close


def _percent_artifacts(doc: Doc, edits: Sequence[Edit]) -> list[Edit]:
    """'was up 0.22 p.c to 101.85' -> 'was up 0.22 percent to 101.85': the
    spinner's abbreviation of "percent" after a number (14 times in the
    development data, never in 2,225 clean BBC articles). Only in a document
    judged spun: old British prose wrote "20 p.c." too."""
    out = []
    texts, starts, ends = doc.texts, doc.starts, doc.ends
    n = len(texts)
    for i in range(1, n - 2):
        if texts[i] != "p" or texts[i + 1] != "." or texts[i + 2] != "c":
            continue
        if not texts[i - 1][-1:].isdigit() or ends[i - 1] == starts[i]:
            continue  # after a number and a space: "0.22 p.c", not "ap.c"
        if ends[i] != starts[i + 1] or ends[i + 1] != starts[i + 2]:
            continue
        if i + 3 < n and ends[i + 2] == starts[i + 3] and texts[i + 3][:1].isalnum():
            continue  # "p.cx" is some other word
        if doc.locked.intersection((i, i + 1, i + 2)):
            continue
        start, end = starts[i], ends[i + 2]
        if _free(edits, start, end):
            out.append(_edit(doc, start, end, "percent", "percent", "in a document judged spun"))
    return out
