"""Shipped word lists: function words and the two compact thesauri.

The thesauri are derived at build time (``scripts/build_thesauri.py``) from
Debian's ``mythes-en-us`` and ``wordnet-base`` packages and ship as gzipped,
sorted TSV files with a one-line JSON header (format, version, source,
licence). They are keyed by surface form, inflections expanded, and loaded
lazily on first use, once per process:

>>> Thesaurus.load("mythes").synonyms("said")[:4]
('aforesaid', 'aforementioned', 'same', 'stated')
>>> Thesaurus.load("wordnet").header["format"]
'unspin-thesaurus'
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["FUNCTION_WORDS", "THESAURI", "Thesaurus", "ThesaurusFormatError"]

THESAURI = ("mythes", "wordnet")

# Closed-class words a spinner leaves alone (its "immutables", as DSpin calls
# them), apart from the few expansions it is known for ("was" -> "was once").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "per",
        "via",
        "yet",
        "since",
        "upon",
        "may",
        "might",
        "must",
        "shall",
    ]
)


class ThesaurusFormatError(ValueError):
    """A thesaurus file is not an ``unspin-thesaurus`` version 1 file."""


class Thesaurus:
    """Surface form -> the words a sense-blind spinner could put in its place."""

    def __init__(self, entries: dict[str, tuple[str, ...]], header: dict[str, Any]) -> None:
        self.entries = entries
        self.header = header
        self._inverse: dict[str, tuple[str, ...]] | None = None

    @classmethod
    @cache
    def load(cls, name: str) -> Thesaurus:
        """One of the shipped thesauri (``"mythes"`` or ``"wordnet"``), cached."""
        if name not in THESAURI:
            raise ValueError(f"unknown thesaurus {name!r}; choose one of {', '.join(THESAURI)}")
        path = resources.files("unspin") / "data" / f"thesaurus_{name}.tsv.gz"
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        header = json.loads(lines[0])
        if header.get("format") != "unspin-thesaurus" or header.get("version") != 1:
            raise ThesaurusFormatError(f"{path}: not an unspin-thesaurus version 1 file")
        entries = {}
        for line in lines[1:]:
            form, _, synonyms = line.partition("\t")
            entries[form] = tuple(synonyms.split("|"))
        return cls(entries, header)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, form: object) -> bool:
        return form in self.entries

    def synonyms(self, form: str) -> tuple[str, ...]:
        """What a spinner may write for ``form`` (lower case), most usual sense first."""
        return self.entries.get(form, ())

    def sources(self, phrase: str) -> tuple[str, ...]:
        """The inverse: words a spinner could have replaced by ``phrase``.

        >>> "war" in Thesaurus.load("mythes").sources("struggle")
        True
        """
        if self._inverse is None:
            inverse: dict[str, list[str]] = defaultdict(list)
            for form, synonyms in self.entries.items():
                for synonym in synonyms:
                    inverse[synonym].append(form)
            self._inverse = {k: tuple(v) for k, v in inverse.items()}
        return self._inverse.get(phrase, ())
