"""Stage 1: tokenize with character offsets.

Every later stage points back into the input through the offsets kept here, so
restoration can splice replacements into the original string and return
everything outside an edit byte for byte.

Tokens are words (letters/digits, with inner apostrophes kept: ``I’ve``,
``don't``) and single punctuation marks. A possessive or ``it's`` clitic is a
token of its own (``Putin``, ``’s``) so that ``White Home’s`` still contains the
phrase ``White Home``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple, overload

__all__ = [
    "Split",
    "Surface",
    "Token",
    "TokenArrays",
    "check_text",
    "count_words",
    "is_word",
    "iter_sentences",
    "normalize",
    "protected_spans",
    "token_arrays",
    "tokenize",
]


class Token(NamedTuple):
    """A token and its character offsets ``text[start:end]`` in the input."""

    text: str
    start: int
    end: int


# One precompiled pattern per document (see DESIGN.md, "Speed facts"). The
# split form (a capturing group keeps separators and tokens alternating) lets
# offsets come from itertools.accumulate, in C, instead of a Match per token.
_TOKEN_RE = r"\w+(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]"
_TOKEN = re.compile(_TOKEN_RE)
_SPLIT = re.compile(f"({_TOKEN_RE})")
_WORD = re.compile(r"\w+(?:['’](?![sS]\b)\w+)*|['’][sS]\b")

# Spans no edit may touch: fenced and inline code, markup tags, URLs, e-mail
# addresses, bare domains. Matching the text of a URL as prose would "restore"
# slugs like ``power-payments-rise``.
_PROTECTED = re.compile(
    r"```.*?```"
    r"|`[^`\n]+`"
    r"|<[^<>\n]{1,500}>"
    r"|\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>\"'’”)\]]+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|uk|de|fr|info|biz)\b(?:/[^\s<>\"]*)?",
    re.DOTALL,
)

# Cheap tests for whether _PROTECTED can match at all (most prose has none):
# substring checks run in C; the domain pattern starts with a literal ".".
_PROTECTED_MARKS = ("://", "www.", "@", "`", "<")
_DOMAIN_HINT = re.compile(r"\.(?:com|org|net|edu|gov|io|co|uk|de|fr|info|biz)\b")

_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})
_SENTENCE_END = frozenset(".!?…")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with offsets.

    >>> [t.text for t in tokenize("Trump’s “struggle” ended.")]
    ['Trump', '’s', '“', 'struggle', '”', 'ended', '.']
    >>> tokenize("I’ve")[0]
    Token(text='I’ve', start=0, end=4)
    """
    arrays = token_arrays(text)
    return list(map(Token, arrays.texts, arrays.starts, arrays.ends))


class Surface(Sequence[str]):
    """Surface texts of tokens, sliced from the input only when asked for:
    restoration needs the surface form of a few hits, not of every token."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self._text, self._starts, self._ends = text, starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            text = self._text
            return [text[a:b] for a, b in zip(self._starts[index], self._ends[index], strict=True)]
        return self._text[self._starts[index] : self._ends[index]]

    def __iter__(self) -> Iterator[str]:
        text = self._text
        return (text[a:b] for a, b in zip(self._starts, self._ends, strict=True))

    def __eq__(self, other: object) -> bool:
        return list(self) == (list(other) if isinstance(other, Sequence) else other)

    def __repr__(self) -> str:
        return repr(list(self))


class TokenArrays(NamedTuple):
    """Tokens as parallel sequences (the fast path): surface texts, normalized
    forms, start and end offsets."""

    texts: Sequence[str]
    norms: list[str]
    starts: list[int]
    ends: list[int]


def _fast_tokens(text: str) -> list[str]:
    """The tokens of ``text`` as :data:`_TOKEN` finds them, faster: no token
    spans whitespace, and a whitespace-separated chunk that is all letters and
    digits (``str.isalnum``, the same characters as ``\\w`` without ``_``) is
    one token; only the other chunks ("said," "(ons)") need the pattern."""
    out: list[str] = []
    append, extend, find = out.append, out.extend, _TOKEN.findall
    for chunk in text.split():
        if chunk.isalnum():
            append(chunk)
        else:
            extend(find(chunk))
    return out


class Split:
    """A text split into tokens: the normalized forms at once, the offsets and
    surface texts on first use.

    Restoration reads the normalized forms of every token but needs offsets
    only where it edits, and most documents get no edit; the offsets of every
    token cost about as much as the split itself.

    >>> s = Split("He’s OK.")
    >>> s.norms, s.starts, s.ends, list(s.texts)
    (['he', "'s", 'ok', '.'], [0, 2, 5, 7], [2, 4, 7, 8], ['He', '’s', 'OK', '.'])
    """

    __slots__ = ("_ends", "_folded", "_parts", "_starts", "_texts", "norms", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._texts: Sequence[str] | None = None
        self._parts: list[str] | None = None
        folded = text.lower()
        # Fast path: the tokens of the folded text are the normalized forms
        # and its offsets those of the input, as long as folding changes no
        # length and no token boundary ("‘" and "`" fold to an apostrophe,
        # which can join words; lower() can change lengths: "İ").
        if len(folded) == len(text) and "‘" not in text and "`" not in text:
            if "’" in folded or "“" in folded or "”" in folded:
                folded = folded.replace("’", "'").replace("“", '"').replace("”", '"')
            self._folded = folded
            self.norms: list[str] = _fast_tokens(folded)
        else:
            self._folded = ""
            self._parts = _SPLIT.split(text)
            self._texts = self._parts[1::2]
            self.norms = [normalize(t) for t in self._texts]

    def _offsets(self) -> list[int]:
        parts = self._parts if self._parts is not None else _SPLIT.split(self._folded)
        offsets = list(accumulate(map(len, parts)))
        self._starts, self._ends = offsets[0::2][: len(self.norms)], offsets[1::2]
        return self._starts

    @property
    def starts(self) -> list[int]:
        """Start offset of each token."""
        return self._starts if self._starts is not None else self._offsets()

    @property
    def ends(self) -> list[int]:
        """End offset of each token."""
        if self._starts is None:
            self._offsets()
        return self._ends

    @property
    def texts(self) -> Sequence[str]:
        """Surface text of each token, as in the input."""
        if self._texts is None:
            self._texts = Surface(self.text, self.starts, self.ends)
        return self._texts


def token_arrays(text: str) -> TokenArrays:
    """:func:`tokenize` as parallel sequences, with normalized forms.

    >>> token_arrays("He’s OK.")
    TokenArrays(texts=['He', '’s', 'OK', '.'], norms=['he', "'s", 'ok', '.'], starts=[0, 2, 5, 7], ends=[2, 4, 7, 8])
    """
    split = Split(text)
    return TokenArrays(split.texts, split.norms, split.starts, split.ends)


def count_words(text: str) -> int:
    """Number of word tokens in ``text``.

    >>> count_words("The war, it’s over.")
    5
    """
    return len(_WORD.findall(text))


def normalize(token: str) -> str:
    """The form used for table keys and matching: lower case, straight quotes.

    >>> normalize("I’ve")
    "i've"
    """
    return token.translate(_QUOTE_FOLD).lower()


def is_word(token: str) -> bool:
    """True for tokens made of word characters (not punctuation).

    >>> is_word("Ukraine"), is_word("22"), is_word(","), is_word("’s")
    (True, True, False, True)
    """
    return bool(token) and (token[-1].isalnum() or token[-1] == "_")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) that restoration must never edit.

    >>> text = "See https://example.com/supply-hyperlink or mail a@b.org"
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['https://example.com/supply-hyperlink', 'a@b.org']
    """
    if not any(mark in text for mark in _PROTECTED_MARKS) and not _DOMAIN_HINT.search(text):
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def iter_sentences(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token index ranges ``[start, end)`` of sentences and lines.

    A sentence ends after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes),
    or where the gap between two tokens holds a line break.

    >>> text = "One. Two!\\nThree"
    >>> iter_sentences(text, tokenize(text))
    [(0, 2), (2, 4), (4, 5)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if i + 1 < n:
            nxt = tokens[i + 1]
            gap = text[tok.end : nxt.start]
            ends = "\n" in gap
            if not ends and tok.text in _SENTENCE_END and gap:
                ends = True
            if not ends and tok.text in _SENTENCE_END and nxt.text in "\"'”’":
                continue
            if not ends and tok.text in '"”’' and i > 0 and tokens[i - 1].text in _SENTENCE_END:
                ends = bool(gap)
            if ends:
                spans.append((start, i + 1))
                start = i + 1
        else:
            spans.append((start, n))
    return spans


def check_text(text: object, name: str = "text") -> None:
    """Raise a ``TypeError`` that says what to do unless ``text`` is a ``str``.

    >>> check_text(b"x")
    Traceback (most recent call last):
    TypeError: text is bytes; unspin works on str: decode it first, e.g. data.decode('utf-8')
    """
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            f"{name} is bytes; unspin works on str: decode it first, e.g. data.decode('utf-8')"
        )
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, not {type(text).__name__}")
