"""A realistic article spinner, for aligned pairs at any scale and for tests.

Two differently built spinners ship, so that results are never measured only
on the spinner a table was learned from:

``"mythes"``
    Imitates the real spinner family of the seeds (see ``../shared/data/README.md``):
    a sense-blind thesaurus (LibreOffice's, synonyms *and* broader terms:
    war -> struggle), one fixed choice per word, the family's multi-word
    expansions (was -> was once, where -> the place, actually -> if truth be
    told), names and titles spun (White House -> White Home), numbers after some
    words turned into words ("the 2.2%" -> "the two.2%"), broken contractions
    ("they've" -> "they usually've").
``"wordnet"``
    Another thesaurus (WordNet 3.0 synsets, no broader terms), picks the most
    frequent synonym rather than an arbitrary one, its own expansions
    (because -> as a result of), leaves names, numbers and contractions alone.

Both are deterministic for a given seed and text, and record the gold
alignment they made:

>>> spun = spin("The war was over, they said.", seed=1, intensity=1.0)
>>> spun.text
'The state of war was once over, they same.'
>>> [(e.clean, e.spun, e.kind) for e in spun.edits]
[('war', 'state of war', 'expansion'), ('was', 'was once', 'expansion'), ('said', 'same', 'swap')]
>>> spun.clean[spun.edits[0].clean_start:spun.edits[0].clean_end]
'war'
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from unspin.context import zipf
from unspin.extract import NUMBER_WORDS
from unspin.lexicon import FUNCTION_WORDS, Thesaurus
from unspin.table import apply_case
from unspin.tokenize import check_text, protected_spans, token_arrays

__all__ = ["SPINNERS", "SpinEdit", "Spinner", "Spun", "make_spinner", "spin", "spin_pairs"]

# Expansions of the real family, as documented in ../shared/data/README.md.
_FAMILY_HABITS = {
    "was": "was once",
    "where": "the place",
    "actually": "if truth be told",
    "party": "birthday party",
    "vision": "imaginative and prescient",
    "may": "would possibly",
}
# The second spinner's own habits: wordy connectives, no family quirks.
_WORDY_HABITS = {
    "because": "as a result of",
    "but": "however",
    "also": "as well",
    "many": "quite a lot of",
    "very": "extremely",
    "about": "roughly",
    "before": "prior to",
    "after": "following",
    "now": "at the moment",
}
_NUMBER_TRIGGERS = frozenset(
    {"the", "by", "of", "to", "at", "from", "than", "and", "around", "about"}
)
_CONTRACTION = re.compile(r"^(\w+)(['’](?:ve|re|ll|d))$", re.IGNORECASE)
_QUOTE_OPEN = frozenset('“"')
_QUOTE_CLOSE = frozenset('”"')


class SpinEdit(NamedTuple):
    """One rewrite the spinner made: ``clean[clean_start:clean_end]`` became
    ``text[spun_start:spun_end]``. ``kind`` is ``swap``, ``expansion``,
    ``name``, ``number`` or ``contraction``."""

    clean_start: int
    clean_end: int
    spun_start: int
    spun_end: int
    clean: str
    spun: str
    kind: str


class Spun(NamedTuple):
    """A spun text, the clean text it came from, and the gold alignment."""

    text: str
    clean: str
    edits: list[SpinEdit]


@dataclass(frozen=True)
class Spinner:
    """A thesaurus spinner. ``intensity`` is the chance that an eligible word is
    rewritten; ``quotes=False`` leaves quotations alone (as some sites do);
    ``names``, ``numbers`` and ``contractions`` are the chances of the family's
    artifacts (0 turns them off)."""

    thesaurus: str = "mythes"
    intensity: float = 0.6
    quotes: bool = True
    names: float = 0.5
    numbers: float = 0.5
    contractions: float = 0.5
    choice: str = "arbitrary"  # or "frequent": the most frequent synonym
    habits: dict[str, str] = field(default_factory=lambda: dict(_FAMILY_HABITS))
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("intensity", "names", "numbers", "contractions"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if self.choice not in ("arbitrary", "frequent"):
            raise ValueError(f"choice must be 'arbitrary' or 'frequent', got {self.choice!r}")

    def replacement(self, form: str) -> str | None:
        """The spinner's fixed choice for a lower-case word, or None."""
        if form in self.habits:
            return self.habits[form]
        if form in FUNCTION_WORDS or len(form) < 3:
            return None
        options = [s for s in Thesaurus.load(self.thesaurus).synonyms(form) if s != form]
        if not options:
            return None
        if self.choice == "frequent":
            short = [s for s in options if " " not in s] or options
            return max(short, key=lambda s: (zipf(s), s))
        # One arbitrary but fixed choice per word and seed, favouring the
        # first-listed (most usual) senses, as a spinner's dictionary would.
        pick = zlib.crc32(f"{self.seed}:{form}".encode())
        return options[pick % min(len(options), 6)]

    def spin(self, text: str, *, seed: int | None = None) -> Spun:
        """Spin one text; ``seed`` (default: the spinner's) varies which words are hit."""
        check_text(text)
        rng = random.Random(f"{self.seed if seed is None else seed}:{zlib.crc32(text.encode())}")
        arrays = token_arrays(text)
        texts, norms, starts, ends = arrays
        protected = protected_spans(text)
        quoted = _quoted_tokens(texts) if not self.quotes else None
        edits: list[SpinEdit] = []
        pieces: list[str] = []
        last = 0
        out_len = 0
        for i, token in enumerate(texts):
            if quoted is not None and quoted[i]:
                continue
            if protected and any(a < ends[i] and starts[i] < b for a, b in protected):
                continue
            new, kind = self._rewrite(i, texts, norms, rng)
            if new is None or new == token:
                continue
            pieces.append(text[last : starts[i]])
            out_len += starts[i] - last
            pieces.append(new)
            edits.append(
                SpinEdit(starts[i], ends[i], out_len, out_len + len(new), token, new, kind)
            )
            out_len += len(new)
            last = ends[i]
        pieces.append(text[last:])
        return Spun("".join(pieces), text, edits)

    def _rewrite(
        self, i: int, texts: Sequence[str], norms: list[str], rng: random.Random
    ) -> tuple[str | None, str]:
        token, norm = texts[i], norms[i]
        prev = norms[i - 1] if i else ""
        if token.isdigit():
            if (
                self.numbers
                and prev in _NUMBER_TRIGGERS
                and int(token) < len(NUMBER_WORDS)
                and rng.random() < self.numbers
            ):
                return NUMBER_WORDS[int(token)], "number"
            return None, ""
        if not token[:1].isalpha():
            return None, ""
        match = _CONTRACTION.match(token)
        if match:
            if self.contractions and rng.random() < self.contractions:
                return f"{match.group(1)} usually{match.group(2)}", "contraction"
            return None, ""
        if token.isupper() and len(token) > 1:
            return None, ""  # acronyms
        name = token[0].isupper() and i > 0 and texts[i - 1] not in (".", "!", "?", '"', "“", ":")
        if name and not (self.names and rng.random() < self.names):
            return None, ""
        if not name and rng.random() >= self.intensity:
            return None, ""
        replacement = self.replacement(norm)
        if replacement is None:
            return None, ""
        kind = "name" if name else ("expansion" if " " in replacement else "swap")
        return apply_case([token], replacement), kind


def _quoted_tokens(texts: Sequence[str]) -> list[bool]:
    inside = False
    out = []
    for token in texts:
        if token in _QUOTE_OPEN and not inside:
            inside = True
            out.append(True)
        elif token in _QUOTE_CLOSE and inside:
            inside = False
            out.append(True)
        else:
            out.append(inside)
    return out


SPINNERS: dict[str, Spinner] = {
    "mythes": Spinner(),
    "wordnet": Spinner(
        thesaurus="wordnet",
        intensity=0.5,
        names=0.0,
        numbers=0.0,
        contractions=0.0,
        choice="frequent",
        habits=dict(_WORDY_HABITS),
    ),
}


def make_spinner(spinner: str | Spinner, **overrides: object) -> Spinner:
    """A shipped spinner by name (or a given one) with some settings changed.

    >>> make_spinner("wordnet", intensity=1.0).thesaurus
    'wordnet'
    """
    if isinstance(spinner, str):
        if spinner not in SPINNERS:
            raise ValueError(f"unknown spinner {spinner!r}; choose one of {', '.join(SPINNERS)}")
        spinner = SPINNERS[spinner]
    if overrides:
        spinner = Spinner(**{**spinner.__dict__, **overrides})
    return spinner


def spin(
    text: str,
    *,
    spinner: str | Spinner = "mythes",
    seed: int = 0,
    intensity: float | None = None,
    quotes: bool | None = None,
) -> Spun:
    """Spin ``text`` with one of the shipped spinners (``"mythes"``, ``"wordnet"``).

    ``seed`` fixes the spinner's dictionary and which words it hits;
    ``intensity`` and ``quotes`` override the spinner's own settings.
    """
    overrides: dict[str, object] = {"seed": seed}
    if intensity is not None:
        overrides["intensity"] = intensity
    if quotes is not None:
        overrides["quotes"] = quotes
    return make_spinner(spinner, **overrides).spin(text)


def spin_pairs(
    texts: Iterable[str], *, spinner: str | Spinner = "mythes", seed: int = 0, **options: object
) -> Iterator[tuple[str, str]]:
    """``(spun, clean)`` pairs for :func:`unspin.learn` and :func:`unspin.evaluate.score_pairs`."""
    machine = make_spinner(spinner, seed=seed, **options)
    for text in texts:
        yield machine.spin(text).text, text
