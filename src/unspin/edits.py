"""Edit records: what restoration changes, with offsets into its input
(errant's idea: every change is a record that can be shown, counted and
applied again)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["Edit", "apply_edits"]


class Edit(NamedTuple):
    """One replacement: ``text[start:end]`` (``spun``) becomes ``replacement``.

    ``rule`` says what made it (``table``, ``inflection``, ``reference``, or
    an artifact of :mod:`unspin.artifacts`: ``number``, ``brace``,
    ``percent``, ``digit``); ``entry`` the table entry (key, original, counts);
    ``evidence`` the context that decided; ``confidence`` is in (0, 1).
    """

    start: int
    end: int
    spun: str
    replacement: str
    confidence: float
    rule: str
    entry: str
    evidence: str


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
