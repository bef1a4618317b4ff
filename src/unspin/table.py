"""Stage 5: the reverse substitution table.

For every spun phrase (a key of normalized tokens: lower case, straight
quotes) the table counts each original it was seen to come from *and* how often
it was seen left unchanged. The second count is what makes ordinary words
tractable: "mentioned" is usually spun "said", but real writers say
"mentioned" too.

An entry may also remember the *contexts* its swaps were seen in (``ctx``:
:func:`context_signatures` of the two tokens either side and the original,
of each side's two tokens alone and of each neighbouring token). Content
farms publish several spins of one article, so a table learned from pairs
knows many swaps in the very words around them; where a hit stands in such a
context, restoration is surer of it (:data:`unspin.hits.MEMORY`).

The file format is JSON with a format/version header and a SHA-256 of the
entries, one entry per line, keys sorted: readable, diff-friendly, verifiable::

    {"format": "unspin-table", "version": 1, "name": "...", "sources": {...},
     "size": 2, "sha256": "...",
     "entries": {
    "imaginative and prescient": {"kept": 0, "src": {"pps": 11}, "to": {"vision": 11}},
    "mentioned": {"kept": 1, "src": {"pairs": 12}, "to": {"said": 12}}
    }}

A table learned from pairs also records which pairs (``pairs`` in the
header: :func:`pair_digest` of each, 16 hex digits), so that learning the same
pairs again over it adds nothing (:func:`unspin.learn.learn`): a user who
re-learns a growing file of pairs over the table learned from its first part
counts each pair once, and a table learned over the default table from pairs
the default already holds is that table. The record is not part of the
SHA-256 of the entries, and older unspin ignores it.

A table with contexts is written as version 2 (an unspin that reads only
version 1 then says so, instead of failing on the SHA-256); one without is
written as version 1, as before. A path ending in ``.gz`` is read and written
gzip-compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from .tokenize import normalize, tokenize

__all__ = [
    "FORMAT",
    "MAX_CONTEXTS",
    "VERSION",
    "Entry",
    "Table",
    "TableFormatError",
    "apply_case",
    "context_signatures",
    "original_form",
    "pair_digest",
    "phrase_key",
    "read_table",
]

FORMAT = "unspin-table"
VERSION = 2
# Versions this unspin reads; a table without contexts is still written as 1.
_READS = (1, 2)
_DEFAULT_RESOURCE = "default_table.json.gz"


class TableFormatError(ValueError):
    """A table file that is not a readable unspin table of a supported version."""


class Entry(NamedTuple):
    """What the table knows about one spun phrase."""

    spun: str
    originals: dict[str, int]
    kept: int
    sources: dict[str, int]

    @property
    def swaps(self) -> int:
        """How often the phrase was seen as a spinner's substitution."""
        return sum(self.originals.values())

    def best(self) -> tuple[str, int]:
        """The most frequent original and its count (ties: alphabetical)."""
        return min(self.originals.items(), key=lambda kv: (-kv[1], kv[0]))


def phrase_key(phrase: str | Iterable[str]) -> str:
    """The table key of a phrase: normalized tokens joined by single spaces.

    >>> phrase_key("Imaginative  and Prescient"), phrase_key(["I’ve", "nothing"])
    ('imaginative and prescient', "i've nothing")
    """
    tokens = [t.text for t in tokenize(phrase)] if isinstance(phrase, str) else list(phrase)
    return " ".join(normalize(t) for t in tokens)


def original_form(spun: Iterable[str], clean: str) -> str:
    """How an original is stored: lower case when its case only mirrors the
    spun phrase's (sentence start, title case), as written otherwise.
    ``clean`` is the original's surface text (its spacing is kept).

    >>> original_form(["Mentioned"], "Said"), original_form(["america"], "the United States")
    ('said', 'the United States')
    >>> original_form(["Workplace"], "Office"), original_form(["touch", "upon", ","], "comment on.")
    ('office', 'comment on.')
    """
    text = " ".join(clean.split())
    words = [t.text for t in tokenize(text) if t.text[:1].isalpha()]
    s_words = [t for t in spun if t[:1].isalpha()]
    if all(t[1:] == t[1:].lower() for t in words):
        title = bool(words) and all(t[0].isupper() for t in words)
        s_title = bool(s_words) and all(t[0].isupper() for t in s_words)
        first_only = all(t[0].islower() for t in words[1:])
        s_first = bool(s_words) and s_words[0][0].isupper()
        if (title and s_title) or (first_only and (not words or words[0][0].islower() or s_first)):
            return text.lower()
    return text


# An entry remembers at most this many context signatures: the smallest
# (a bottom-k sample, the same whatever the order of learning or merging), so
# that a table learned from a crawl's thousands of pairs stays small; the
# development pairs' commonest key ("within") has 170.
MAX_CONTEXTS = 256


def _bounded(signatures: frozenset[int]) -> frozenset[int]:
    if len(signatures) <= MAX_CONTEXTS:
        return signatures
    return frozenset(sorted(signatures)[:MAX_CONTEXTS])


def context_signatures(
    norms: Sequence[str], start: int, end: int, original: str
) -> tuple[int, ...]:
    """32-bit signatures of the context of tokens ``[start, end)`` of ``norms``
    (normalized tokens, punctuation included) with the original the phrase
    was spun from: the two tokens before *and* the two after, the two before
    alone, the two after alone, the token before alone, the token after
    alone.

    >>> a = context_signatures("the struggle may finish".split(), 1, 2, "war")
    >>> a == context_signatures("the struggle may finish soon".split(), 1, 2, "War")
    True
    >>> b = context_signatures("the struggle will end".split(), 1, 2, "war")
    >>> [x == y for x, y in zip(a, b)]
    [False, True, False, True, False]
    """
    left = " ".join(norms[max(0, start - 2) : start])
    right = " ".join(norms[end : end + 2])
    original = original.lower()
    word_before = norms[start - 1] if start > 0 else ""
    word_after = norms[end] if end < len(norms) else ""
    return (
        zlib.crc32(f"{left}\x1f{original}\x1f{right}".encode()),
        zlib.crc32(f"{left}\x1f{original}\x1e".encode()),
        zlib.crc32(f"\x1e{original}\x1f{right}".encode()),
        zlib.crc32(f"{word_before}\x1d{original}\x1e".encode()),
        zlib.crc32(f"\x1e{original}\x1d{word_after}".encode()),
    )


def apply_case(spun: Sequence[str], original: str) -> str:
    """Give a stored original the case pattern of the spun tokens it replaces.

    >>> apply_case(["Imaginative", "and", "prescient"], "vision")
    'Vision'
    >>> apply_case(["Workplace"], "office"), apply_case(["SUPPLY"], "source")
    ('Office', 'SOURCE')
    >>> apply_case(["White", "Home"], "white house"), apply_case(["America"], "the United States")
    ('White House', 'the United States')
    """
    words = [t for t in spun if t[:1].isalpha()]
    if not words or original != original.lower():
        # A proper-noun original keeps its own case: "America" is "the United
        # States" mid-sentence, and the spun word's capital says nothing.
        return original
    if all(w.isupper() for w in words) and sum(len(w) for w in words) > 1:
        return original.upper()
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in original.split(" "))
    if words[0][0].isupper():
        return original[:1].upper() + original[1:]
    return original


class Table:
    """A reverse substitution table: spun phrase -> originals, with counts.

    >>> t = Table()
    >>> t.add("mentioned", "said", 3)
    >>> t.add_kept("mentioned")
    >>> round(t.probability("mentioned", "said"), 2)
    0.75
    >>> t.candidates("Mentioned")
    [('said', 3)]
    """

    def __init__(
        self,
        *,
        name: str = "",
        description: str = "",
        sources: Mapping[str, Mapping[str, str]] | None = None,
        pairs: Iterable[str] = (),
    ) -> None:
        self.name = name
        self.description = description
        self.sources: dict[str, dict[str, str]] = {k: dict(v) for k, v in (sources or {}).items()}
        # pair_digest() of every (spun, clean) pair the counts include
        self.pairs: set[str] = set(pairs)
        # Each entry as one flat tuple: its sources (a shared tuple such as
        # ("real-pairs", 3)), then its originals with counts ("said", 64,
        # ...), equal strings one object: a table of a million entries must
        # fit in a few hundred MB (a Counter per entry took over a kilobyte; a
        # second dictionary for the sources, 31 MB).
        self._to: dict[str, _Flat] = {}
        self._kept: dict[str, int] = {}
        # key -> context signatures of its observed swaps (most tables: none)
        self._ctx: dict[str, frozenset[int]] = {}
        self._index_cache: tuple[dict[str, int], int] | None = None
        self._derived: dict[str, Any] = {}

    # ----------------------------------------------------------------- building
    def add(self, spun: str, original: str, count: int = 1, *, source: str = "") -> None:
        """Record that ``spun`` replaced ``original`` ``count`` times."""
        key = phrase_key(spun)
        if not key or not original.strip():
            raise ValueError(f"empty phrase in table entry {spun!r} -> {original!r}")
        sources, originals = _split(self._to.get(key, ((),)))
        if source:
            sources = _shared(_combined(sources, _flat({source: count})))
        self._to[key] = (sources, *_combined(originals, _flat({original: count})))
        self._index_cache = None
        self._derived.clear()

    def add_kept(self, spun: str, count: int = 1) -> None:
        """Record that ``spun`` was seen ``count`` times left unchanged."""
        key = phrase_key(spun)
        if key in self._to:
            self._kept[key] = self._kept.get(key, 0) + count
            self._derived.clear()

    def add_context(self, spun: str, signatures: Iterable[int]) -> None:
        """Record that a swap of ``spun`` was seen in a context
        (:func:`context_signatures`). A phrase the table does not hold yet
        may get its entry later (a word inferred from a phrase's parts); only
        the contexts of entries are saved, selected or pruned. At most
        :data:`MAX_CONTEXTS` are kept per phrase."""
        key = phrase_key(spun)
        found = self._ctx.get(key, frozenset()).union(s & 0xFFFFFFFF for s in signatures)
        self._ctx[key] = _bounded(found)
        self._derived.clear()

    def contexts(self) -> Mapping[str, frozenset[int]]:
        """``{key: context signatures}`` (read-only): those of the entries that
        have them, and, in a table being learned, of phrases that may still
        become entries (only the entries' are saved)."""
        return self._ctx

    def merge(self, other: Table) -> Table:
        """A new table with the counts of both (``other``'s metadata added).

        >>> a, b = Table(), Table()
        >>> a.add("struggle", "war"); b.add("struggle", "war", 2)
        >>> a.merge(b).candidates("struggle")
        [('war', 3)]
        """
        out = Table(
            name=self.name or other.name,
            description=self.description or other.description,
            sources={**other.sources, **self.sources},
            pairs=self.pairs | other.pairs,
        )
        for table in (self, other):
            for key, value in table._to.items():
                old = out._to.get(key)
                if old is None:
                    out._to[key] = value
                    continue
                (sources, originals), (more, added) = _split(old), _split(value)
                out._to[key] = (_shared(_combined(sources, more)), *_combined(originals, added))
            for key, kept in table._kept.items():
                out._kept[key] = out._kept.get(key, 0) + kept
            for key, ctx in table._ctx.items():
                out._ctx[key] = _bounded(out._ctx.get(key, frozenset()) | ctx)
        return out

    def prune(self, *, min_count: int = 1, min_probability: float = 0.0) -> Table:
        """A new table keeping originals seen at least ``min_count`` times whose
        probability is at least ``min_probability``; empty entries are dropped.

        >>> t = Table(); t.add("party", "birthday party"); t.add("party", "occasion", 5)
        >>> t.prune(min_count=2).candidates("party")
        [('occasion', 5)]
        """
        out = Table(
            name=self.name, description=self.description, sources=self.sources, pairs=self.pairs
        )
        for key in self._to:
            entry = self.entry(key)
            assert entry is not None
            total = entry.swaps + entry.kept
            keep = {
                o: c
                for o, c in entry.originals.items()
                if c >= min_count and c / total >= min_probability
            }
            if keep:
                out._to[key] = (self._to[key][0], *_flat(keep))
                if entry.kept:
                    out._kept[key] = entry.kept
                if key in self._ctx:
                    out._ctx[key] = self._ctx[key]
        return out

    def select(self, keep: Callable[[str], bool]) -> Table:
        """A new table with the entries whose spun phrase ``keep`` accepts,
        counts and provenance unchanged.

        >>> t = Table(); t.add("struggle", "war"); t.add("mentioned", "said")
        >>> list(t.select(lambda key: key != "mentioned"))
        ['struggle']
        """
        out = Table(
            name=self.name, description=self.description, sources=self.sources, pairs=self.pairs
        )
        for key, value in self._to.items():
            if keep(key):
                out._to[key] = value
                if key in self._kept:
                    out._kept[key] = self._kept[key]
                if key in self._ctx:
                    out._ctx[key] = self._ctx[key]
        return out

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self._to)

    def __contains__(self, spun: object) -> bool:
        return isinstance(spun, str) and (spun in self._to or phrase_key(spun) in self._to)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._to))

    def phrases(self) -> Iterator[str]:
        """The spun phrases in no particular order (iterating the table sorts
        them: a million-entry table's indexes walk them unsorted)."""
        return iter(self._to)

    def __repr__(self) -> str:
        return f"<Table {self.name or 'unnamed'}: {len(self)} entries, sha256 {self.sha256[:8]}>"

    def entry(self, spun: str) -> Entry | None:
        """The entry of a spun phrase (any casing), or ``None``."""
        return self.lookup(spun if spun in self._to else phrase_key(spun))

    def lookup(self, key: str) -> Entry | None:
        """The entry of an already normalized key (see :func:`phrase_key`);
        the hot path of restoration, so no normalization is done here."""
        value = self._to.get(key)
        if value is None:
            return None
        sources, originals = _split(value)
        return Entry(key, _as_dict(originals), self._kept.get(key, 0), _as_dict(sources))

    def candidates(self, spun: str) -> list[tuple[str, int]]:
        """Originals of ``spun`` with counts, most frequent first."""
        entry = self.entry(spun)
        if entry is None:
            return []
        return sorted(entry.originals.items(), key=lambda kv: (-kv[1], kv[0]))

    def probability(self, spun: str, original: str) -> float:
        """P(original | spun), counting unchanged sightings as "keep"."""
        entry = self.entry(spun)
        if entry is None:
            return 0.0
        return entry.originals.get(original, 0) / (entry.swaps + entry.kept)

    def index(self) -> tuple[dict[str, int], int]:
        """``{first word of a key: longest key length starting with it}`` and
        the longest key length: lets lookup try keys only where one can start."""
        if self._index_cache is None:
            first: dict[str, int] = {}
            for key in self._to:
                words = key.split(" ")
                if len(words) > first.get(words[0], 0):
                    first[words[0]] = len(words)
            self._index_cache = (first, max(first.values(), default=0))
        return self._index_cache

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (for worker processes) without the derived indexes: a
        worker rebuilds what it uses, and a large table's indexes are several
        times its entries."""
        state = self.__dict__.copy()
        state["_derived"] = {}
        state["_index_cache"] = None
        return state

    def derived(self, name: str, build: Callable[[Table], Any]) -> Any:
        """A structure derived from the entries (built once by ``build``,
        dropped when the table changes): lookup indexes of later stages."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    @property
    def sha256(self) -> str:
        """SHA-256 of the canonical entries: what a result's signature names.

        The canonical text is ``json.dumps(entries, sort_keys=True,
        separators=(",", ":"))``, hashed a piece at a time (a table of a
        million entries never builds it whole)."""
        found: str = self.derived("sha256", _entries_sha256)
        return found

    def _entry_json(self, key: str) -> dict[str, Any]:
        sources, originals = _split(self._to[key])
        out: dict[str, Any] = {
            "kept": self._kept.get(key, 0),
            "src": dict(sorted(_as_dict(sources).items())),
            "to": dict(sorted(_as_dict(originals).items())),
        }
        if key in self._ctx:
            out["ctx"] = sorted(self._ctx[key])
        return out

    def _entries_json(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for key in sorted(self._to):
            yield key, self._entry_json(key)

    # ------------------------------------------------------------ persistence
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the table as versioned JSON (gzip when the name ends in .gz,
        with no file name or time in its header: the same table gives the same
        bytes, so a rebuilt default table changes only where its entries do)."""
        text = self.dumps()
        p = Path(path)
        if p.suffix == ".gz":
            p.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            p.write_text(text, encoding="utf-8")

    def dumps(self) -> str:
        """The table file's text."""
        header = {
            "format": FORMAT,
            "version": VERSION if self._ctx else 1,
            "name": self.name,
            "description": self.description,
            "sources": self.sources,
            "size": len(self),
            "sha256": self.sha256,
        }
        if self.pairs:
            header["pairs"] = sorted(self.pairs)
        head = json.dumps(header, ensure_ascii=False, sort_keys=True)[:-1]
        lines = [
            json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v, ensure_ascii=False)
            for k, v in self._entries_json()
        ]
        return head + ', "entries": {\n' + ",\n".join(lines) + "\n}}\n"

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, verify: bool = True) -> Table:
        """Read a table file written by :meth:`save`.

        Raises:
            FileNotFoundError: no such file.
            TableFormatError: not an unspin table, an unsupported version, or
                entries that do not match the recorded SHA-256 (pass
                ``verify=False`` to accept a hand-edited file).
        """
        p = Path(path)
        try:
            raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
            text = raw.decode("utf-8")
            del raw  # a large table is not held twice while it is parsed
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise TableFormatError(f"cannot read table file {str(p)!r}: {exc}") from exc
        return cls.loads(text, verify=verify, origin=str(p))

    @classmethod
    def loads(cls, text: str, *, verify: bool = True, origin: str = "<string>") -> Table:
        """Parse the text of a table file (see :meth:`load`).

        A file as :meth:`dumps` writes it (one entry per line) is read a line
        at a time, so that a large table is never held twice as parsed JSON;
        any other valid layout is parsed whole."""
        return cls._parsed(text, verify=verify, origin=origin)

    @classmethod
    def _parsed(
        cls, text: str, *, verify: bool, origin: str, recorded_sha256: bool = False
    ) -> Table:
        """:meth:`loads`; with ``recorded_sha256``, the header's SHA-256 is
        taken as the table's without computing it (the embedded table, whose
        gzip checksum already guards it and whose recorded SHA-256 a test
        checks: 0.1 s less on every cold start)."""
        data, entries = _parse(text, origin)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TableFormatError(
                f'{origin} is not an unspin table (no "format": "{FORMAT}" header); '
                "plain phrase lists load with Table.from_tsv or Table.from_pps"
            )
        if data.get("version") not in _READS:
            raise TableFormatError(
                f"{origin} has table format version {data.get('version')!r}; this unspin "
                f"reads versions {', '.join(map(str, _READS))}: upgrade unspin or re-create "
                "the table"
            )
        if entries is None:
            raise TableFormatError(f'{origin} has no "entries" object')
        pairs = data.get("pairs") or []
        if not isinstance(pairs, list) or not all(isinstance(d, str) for d in pairs):
            raise TableFormatError(f'{origin}: "pairs" must be a list of pair digests')
        table = cls(
            name=str(data.get("name", "")),
            description=str(data.get("description", "")),
            sources=data.get("sources") or {},
            pairs=pairs,
        )
        for key, value in entries:
            try:
                originals = _flat({str(o): int(c) for o, c in value["to"].items()})
                sources: _Flat = ()
                if value.get("src"):
                    sources = _shared(_flat({str(s): int(c) for s, c in value["src"].items()}))
                table._to[key] = (sources, *originals)
                if value.get("kept"):
                    table._kept[key] = int(value["kept"])
                if value.get("ctx"):
                    ctx = frozenset(int(c) & 0xFFFFFFFF for c in value["ctx"])
                    table._ctx[key] = _bounded(ctx)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise TableFormatError(f"{origin}: malformed entry {key!r}: {exc!r}") from exc
        if recorded_sha256 and isinstance(data.get("sha256"), str):
            table._derived["sha256"] = data["sha256"]
        elif verify and data.get("sha256") != table.sha256:
            raise TableFormatError(
                f"{origin}: entries do not match the recorded sha256 (file corrupt or "
                "edited by hand); re-save it, or load with verify=False to accept it"
            )
        return table

    # ------------------------------------------------------------ importers
    @classmethod
    def from_tsv(
        cls, path: str | os.PathLike[str], *, source: str = "", delimiter: str | None = None
    ) -> Table:
        """Import a plain phrase list: ``spun<TAB>original[<TAB>count]`` per line
        (:func:`unspin.importers.read_tsv`)."""
        from .importers import read_tsv

        return read_tsv(path, source=source, delimiter=delimiter)

    @classmethod
    def from_pps(cls, path: str | os.PathLike[str], *, source: str = "pps") -> Table:
        """Import the Problematic Paper Screener's tortured-phrase export
        (:func:`unspin.importers.read_pps`)."""
        from .importers import read_pps

        return read_pps(path, source=source)

    @classmethod
    @cache
    def default(cls) -> Table:
        """The embedded default table that ships in the package.

        Loaded once and shared: treat it as read-only (``merge`` and ``prune``
        return new tables).
        """
        data = resources.files("unspin").joinpath("data", _DEFAULT_RESOURCE).read_bytes()
        text = gzip.decompress(data).decode("utf-8")
        return cls._parsed(text, verify=True, origin=_DEFAULT_RESOURCE, recorded_sha256=True)


def pair_digest(spun: str, clean: str) -> str:
    """What a table records of a ``(spun, clean)`` pair it learned from: 16
    hex digits of its BLAKE2b hash (the texts exactly as given).

    >>> pair_digest("He mentioned it.", "He said it.") == pair_digest("He mentioned it.", "He said it.")
    True
    >>> len(pair_digest("a", "b")), pair_digest("a", "b") == pair_digest("b", "a")
    (16, False)
    """
    data = spun.encode("utf-8", "surrogatepass") + b"\0" + clean.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def extended(base: Table, learned: Table, name: str, what: str) -> Table:
    """``base`` with ``learned``'s counts added, named for what was learned
    (a user's table that extends the default one is not the default table)."""
    out = base.merge(learned)
    out.name = name
    out.description = f"{base.name or 'a table'} extended with {what}"
    return out


def read_table(table: Table | str | os.PathLike[str] | None) -> Table:
    """Resolve the ``table=`` argument of the public functions."""
    if table is None:
        return Table.default()
    if isinstance(table, Table):
        return table
    if isinstance(table, (str, os.PathLike)):
        return Table.load(table)
    raise TypeError(
        f"table must be None (the default table), a Table or a path, not {type(table).__name__}"
    )


# ------------------------------------------------------------ compact entries

# An entry's originals (or sources) with counts, flat: ("said", 64, "stated", 2).
_Flat = tuple[Any, ...]
_SHARED: dict[_Flat, _Flat] = {}
_SHARED_LIMIT = 100_000


def _flat(counts: Mapping[str, int]) -> _Flat:
    return tuple(x for name, count in counts.items() for x in (_name(name), count))


_NAMES: dict[str, str] = {}


def _name(name: str) -> str:
    """One object for equal originals and source names ("said" in thousands
    of entries), from a bounded pool: ``sys.intern`` kept a million-entry
    table's unique originals in its own dictionary for good (some 40 MB)."""
    found: str = _pooled(_NAMES, name)
    return found


def _split(value: _Flat) -> tuple[_Flat, _Flat]:
    """An entry's sources and its originals (see ``Table._to``)."""
    return value[0], value[1:]


def _as_dict(flat: _Flat) -> dict[str, int]:
    return dict(zip(flat[::2], flat[1::2], strict=True))


def _combined(flat: _Flat, other: _Flat) -> _Flat:
    if not flat:
        return other
    counts = _as_dict(flat)
    for name, count in zip(other[::2], other[1::2], strict=True):
        counts[name] = counts.get(name, 0) + count
    return _flat(counts)


def _shared(flat: _Flat) -> _Flat:
    """One object for equal source tuples: a table's sources repeat
    ("real-pairs", 1) across thousands of entries."""
    found: _Flat = _pooled(_SHARED, flat)
    return found


def _pooled(pool: dict[Any, Any], item: Any) -> Any:
    """The pool's object equal to ``item`` (``item`` itself when new); the
    pool is emptied when it outgrows ``_SHARED_LIMIT``."""
    found = pool.get(item)
    if found is None:
        if len(pool) > _SHARED_LIMIT:
            pool.clear()
        found = pool[item] = item
    return found


def _entries_sha256(table: Table) -> str:
    """SHA-256 of ``json.dumps(entries, sort_keys=True, separators=(",", ":"))``,
    fed a piece at a time."""
    digest = hashlib.sha256(b"{")
    for i, (key, value) in enumerate(table._entries_json()):
        piece = json.dumps(key) + ":" + json.dumps(value, sort_keys=True, separators=(",", ":"))
        digest.update(piece.encode() if not i else b"," + piece.encode())
    digest.update(b"}")
    return digest.hexdigest()


_ENTRIES_OPEN = ', "entries": {'


def _parse(text: str, origin: str) -> tuple[Any, Iterable[tuple[str, Any]] | None]:
    """The header and an iterator of ``(key, entry)``: line by line for the
    layout :meth:`Table.dumps` writes, else from the whole JSON document."""
    newline = text.find("\n")
    first = text[:newline]
    if newline > 0 and first.endswith(_ENTRIES_OPEN) and text.rstrip().endswith("}}"):
        try:
            header = json.loads(first[: -len(_ENTRIES_OPEN)] + "}")
        except json.JSONDecodeError:
            header = None
        if isinstance(header, dict) and "entries" not in header:
            lines = _entry_lines(text, newline + 1, origin)
            try:
                head = next(lines)
            except StopIteration:
                return header, iter(())
            except TableFormatError:
                pass  # not the layout after all: parse the whole document
            else:
                return header, itertools.chain([head], lines)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableFormatError(f"{origin} is not valid JSON ({exc}); is it a table file?") from exc
    entries = data.get("entries") if isinstance(data, dict) else None
    return data, (entries.items() if isinstance(entries, dict) else None)


def _entry_lines(text: str, start: int, origin: str) -> Iterator[tuple[str, Any]]:
    """``(key, entry)`` of each line ``"key": {...},`` from ``start`` up to the
    closing ``}}`` (found in place: the text is not copied)."""
    lineno = 1
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end]
        start = end + 1
        lineno += 1
        if line == "}}" or not line:
            continue
        try:
            ((key, value),) = json.loads("{" + line.removesuffix(",") + "}").items()
        except (json.JSONDecodeError, ValueError) as exc:
            raise TableFormatError(f"{origin}:{lineno}: not an entry line ({exc})") from exc
        yield key, value
