"""Stage 7c: the spinner's artifacts that need no table.

Beside its word swaps, the spinner leaves marks no writer makes, each undone
by a rule with its own ``Edit.rule``:

* ``number``: a digit spelt out against a decimal part or a per cent sign
  ("the two.2% forecast", "rose to three%"); no writer glues a word to a
  number, so this rule applies in any document;
* ``brace``: template braces around words it had nothing to choose from
  ("U.S. {dollars}", "said {{that a}} rescue");
* ``percent``: "p.c" after a number ("up 0.22 p.c");
* ``digit``: a number word from two to nine written as a digit between two
  lower-case words ("the 2 parliamentary homes", "for 3 years").

The last three apply only in a document judged spun: a template in clean text
may hold "{name}", old British prose wrote "20 p.c.", and some outlets write
"for 3 years".
"""

from __future__ import annotations

from collections.abc import Sequence

from .edits import Edit
from .extract import NUMBER_WORDS
from .hits import DIGITS, Doc

__all__ = ["artifact_edits"]


def artifact_edits(doc: Doc, edits: Sequence[Edit], *, spun: bool) -> list[Edit]:
    """The artifacts of ``doc`` that none of ``edits`` overlaps; those of a
    spun document only when ``spun``. The spelt-out digits are the ones
    :func:`unspin.hits.find_hits` found (``doc.numbers``).

    >>> from unspin.hits import find_hits
    >>> from unspin.table import Table
    >>> doc = Doc("It rose to three% and 0.2 p.c, in U.S. {dollars} for 2 years.")
    >>> _ = find_hits(doc, Table())
    >>> [(e.spun, e.replacement) for e in artifact_edits(doc, [], spun=True)]
    [('three', '3'), ('{dollars}', 'dollars'), ('p.c', 'percent'), ('2', 'two')]
    >>> [e.rule for e in artifact_edits(doc, [], spun=False)]
    ['number']
    """
    out = _number_artifacts(doc, edits)
    if spun:
        if "{" in doc.text:
            out.extend(_brace_artifacts(doc, [*edits, *out]))
        if "p.c" in doc.text:
            out.extend(_percent_artifacts(doc, [*edits, *out]))
        out.extend(_digit_artifacts(doc, [*edits, *out]))
    return out


def _free(edits: Sequence[Edit], start: int, end: int) -> bool:
    return not any(e.start < end and start < e.end for e in edits)


def _edit(doc: Doc, start: int, end: int, replacement: str, rule: str, why: str) -> Edit:
    return Edit(start, end, doc.text[start:end], replacement, 0.99, rule, _ENTRIES[rule], why)


_ENTRIES = {
    "number": "number word before a decimal part or a per cent sign",
    "brace": "template braces around words",
    "percent": "p.c after a number",
    "digit": "a number word written as a digit",
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


def _digit_artifacts(doc: Doc, edits: Sequence[Edit]) -> list[Edit]:
    """'unclear if the 2 parliamentary homes will' -> 'unclear if the two
    parliamentary homes will', 'for 3 years' -> 'for three years': the
    spinner writes a number word from two to nine as a digit. Taken only
    between two lower-case words, one space either side, and not where a
    unit, a month or another number is near ("8 might 2025" is a date, "up
    8 pence", "2.5 and 4 points", "2 or 3"), nor after a label ("phase 2",
    "plus 3"). Measured
    (docs/benchmarks.md, session 22): 22 such digits in the spun sides of the
    real development pairs, all 22 the clean side's number word; none in
    the clean sides of all 98 development pairs; 26 in 2,225 clean BBC
    articles of 2004-05 ("over the last 8 months", the mobile network "3"),
    none of them in a document judged spun. Only in a document judged spun."""
    out = []
    norms, texts, starts, ends = doc.norms, doc.texts, doc.starts, doc.ends
    text = doc.text
    for i in range(2, len(norms) - 1):
        word = _SMALL.get(norms[i])
        if word is None or i in doc.locked:
            continue
        before, after = texts[i - 1], texts[i + 1]
        if not (before.isalpha() and before.islower()) or before in _LABELS:
            continue
        if not (after.isalpha() and after.islower() and len(after) > 1):
            continue
        if after in _UNITS or after in _MONTHS:
            continue
        if text[ends[i - 1] : starts[i]] != " " or text[ends[i] : starts[i + 1]] != " ":
            continue
        if norms[i - 2][:1].isdigit() or (i + 2 < len(norms) and norms[i + 2][:1].isdigit()):
            continue
        if _free(edits, starts[i], ends[i]):
            why = f"between {before!r} and {after!r} in a document judged spun"
            out.append(_edit(doc, starts[i], ends[i], word, "digit", why))
    return out


_SMALL = {str(n): NUMBER_WORDS[n] for n in range(2, 10)}
# Words after a digit that make it a unit's, a magnitude's or a range's.
_UNITS = frozenset(
    "per percent percentage pc cent cents million millions billion billions trillion "  # noqa: SIM905
    "thousand hundred bn m k am pm mph kg km cm mm ft lb lbs oz mg ml gb mb tb ghz mhz kw "
    "mw gw kwh mwh gwh p x st nd rd th s bps pts points pence pounds euros dollars yen "
    "megabits figure and or to".split()
)
_MONTHS = frozenset(
    # the months, and "might": the spinner's "May"
    "january february march april may june july august september october november "  # noqa: SIM905
    "december might".split()
)
# Words before a digit that make it a label or a score ("phase 2", "plus 3").
_LABELS = frozenset(
    "max formula system version level tier phase stage round chapter section article "  # noqa: SIM905
    "number no category class type grade series generation gen model covid channel year "
    "key line page figure table step part clause rule item option unit band pillar zone "
    "gate terminal platform route flight room floor act week day game match test set "
    "under top plus minus".split()
)
