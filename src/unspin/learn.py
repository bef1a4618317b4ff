"""Learning a table from spun/clean pairs: match, align, extract, count.

``observe`` runs the stages on one pair and returns everything it found (for
explanations and debugging); ``learn`` counts the spinner's swaps of many
pairs into a :class:`~unspin.table.Table` (also those among heavy rewriting,
``unanchored``, and the word-by-word positions of rewritten runs of equal
length, as inferred parts), plus how often each learned spun phrase was seen
unchanged in the matched passages.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from . import lm
from .extract import (
    ARTICLES,
    MAX_PHRASE,
    Substitution,
    classify,
    expand_contractions,
    extract_substitutions,
    iter_kept_runs,
)
from .hits import EAGER_ENTRIES, INFERRED_SOURCES, HashFilter, key_prefixes
from .lexicon import FUNCTION_WORDS
from .match import Passage, match_passages
from .table import Table, context_signatures, extended, original_form, pair_digest
from .tokenize import Token, check_text, normalize, tokenize

__all__ = [
    "Observation",
    "add_observation",
    "count_kept",
    "infer_entries",
    "is_table_swap",
    "learn",
    "new_pairs",
    "observe",
    "phrase_verdict",
]


class Observation(NamedTuple):
    """What one spun/clean pair shows: the matched passages, every difference
    inside them (classified) and the token lists they index into."""

    spun_tokens: list[Token]
    clean_tokens: list[Token]
    passages: list[Passage]
    substitutions: list[Substitution]

    @property
    def swaps(self) -> list[Substitution]:
        """The differences classified as the spinner's substitutions."""
        return [s for s in self.substitutions if s.is_swap]

    @property
    def coverage(self) -> float:
        """Share of spun tokens inside matched passages."""
        covered = sum(p.spun_end - p.spun_start for p in self.passages)
        return covered / len(self.spun_tokens) if self.spun_tokens else 0.0


def observe(spun: str, clean: str) -> Observation:
    """Match passages, align and extract the substitutions of one pair.

    >>> obs = observe("Trump mentioned the struggle may finish inside weeks.",
    ...               "Trump said the war may end within weeks.")
    >>> [(s.spun, s.clean) for s in obs.swaps]
    [(('mentioned',), ('said',)), (('struggle',), ('war',)), (('finish', 'inside'), ('end', 'within'))]
    """
    check_text(spun, "spun")
    check_text(clean, "clean")
    s_tokens, c_tokens = tokenize(spun), tokenize(clean)
    passages = match_passages(s_tokens, c_tokens, spun_text=spun)
    subs = [x for p in passages for x in extract_substitutions(p, s_tokens, c_tokens)]
    return Observation(s_tokens, c_tokens, passages, subs)


def learn(
    pairs: Iterable[tuple[str, str]],
    *,
    base: Table | None = None,
    source: str = "pairs",
    contexts: int = 1,
) -> Table:
    """Learn a reverse substitution table from ``(spun, clean)`` pairs.

    Starts from an empty table, or extends ``base`` (which is not modified).
    Every swap remembers the context it was seen in (:meth:`Table.add_context`),
    down to ``contexts`` tokens on one side: 1 (the default) also remembers
    each neighbouring token alone, 2 only the two tokens either side and each
    side's two, 0 nothing. One token is weaker evidence, used across articles
    (``docs/benchmarks.md``, session 12): the shipped default table keeps 2.

    Each pair counts once: a pair ``base`` already learned from (its
    :attr:`Table.pairs`) or one given twice is skipped, so that learning a
    growing file of pairs again over the table learned from its first part
    adds only the new pairs (:func:`new_pairs` tells which would be skipped).

    Raises:
        TypeError: a pair is not a tuple of two strings (its index is named).

    >>> pair = ("Trump mentioned the struggle would finish.", "Trump said the war would end.")
    >>> t = learn([pair])
    >>> t.candidates("struggle"), t.candidates("mentioned")
    ([('war', 1)], [('said', 1)])
    >>> learn([pair], base=t).candidates("struggle")  # the same pair: counted once
    [('war', 1)]
    """
    table = Table(name="learned")
    kept_runs: list[list[str]] = []
    rewritten: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    pairs = list(pairs)
    for i, pair in enumerate(pairs):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise TypeError(f"pair {i} must be a (spun, clean) tuple of two strings, got {pair!r}")
        check_text(pair[0], f"pair {i}: spun")
        check_text(pair[1], f"pair {i}: clean")
    for pair, new in zip(pairs, new_pairs(pairs, base), strict=True):
        if not new:
            continue
        table.pairs.add(pair_digest(*pair))
        obs = observe(pair[0], pair[1])
        kept_runs.extend(add_observation(table, obs, pair[1], source=source, contexts=contexts))
        rewritten.extend((s.spun, s.clean) for s in obs.substitutions if s.kind == "long")
    if rewritten:
        # What the swaps of all pairs (and the base) show, before any remainder.
        known = (base if base is not None else Table()).merge(table)
        for spun, clean in rewritten:
            _add_remainder(table, known, spun, clean)
    # Known word swaps are those observed, not inferred from these phrases.
    tables = [table] if base is None else [base, table]
    verdicts = {key: phrase_verdict(key, table, *tables) for key in table.phrases() if " " in key}
    # A composed phrase's parts are swaps seen (its entry is not needed);
    # a cut phrase's are not.
    table = table.merge(infer_entries(table.select(lambda key: verdicts.get(key) != "cut")))
    table = table.select(lambda key: not verdicts.get(key))
    if base is not None:
        table = extended(base, table, "learned", "swaps learned from spun/clean pairs")
    count_kept(table, kept_runs)
    return table


def new_pairs(pairs: Iterable[tuple[str, str]], base: Table | None = None) -> list[bool]:
    """For each pair, whether :func:`learn` over ``base`` would learn from
    it: not a pair ``base`` already holds, nor one given earlier.

    >>> t = learn([("He mentioned it.", "He said it.")])
    >>> new_pairs([("He mentioned it.", "He said it."), ("A b.", "A c."), ("A b.", "A c.")], t)
    [False, True, False]
    """
    seen = set(base.pairs) if base is not None else set()
    out = []
    for spun, clean in pairs:
        digest = pair_digest(spun, clean)
        out.append(digest not in seen)
        seen.add(digest)
    return out


def add_observation(
    table: Table, obs: Observation, clean: str, *, source: str = "pairs", contexts: int = 1
) -> list[list[str]]:
    """Add the swaps of one observed pair to ``table``, each with the context
    it was seen in (:meth:`Table.add_context`, ``contexts`` as for
    :func:`learn`); return the runs of tokens the spinner left unchanged, for
    :func:`count_kept` once all swaps (and so all keys) are known."""
    if contexts not in _SIGNATURES:
        raise ValueError(f"contexts is 0, 1 or 2 tokens, not {contexts!r}")
    kept = _SIGNATURES[contexts]  # how many of context_signatures' to keep
    norms = [normalize(t.text) for t in obs.spun_tokens]
    starts = [t.start for t in obs.spun_tokens]
    for sub in obs.substitutions:
        whole: tuple[str, str] | None = None  # (spun phrase, original) of a learned swap
        if sub.kind == "long":
            _add_run_parts(table, sub)
        elif sub.kind in _LEARNED_KINDS:
            sub = _with_bound_word(sub, obs)
            original = original_form(sub.spun, clean[sub.clean_start : sub.clean_end])
            if not is_table_swap(sub.spun, original):
                continue
            whole = (" ".join(sub.spun), original)
            table.add(whole[0], original, source=source if sub.kind == "swap" else "part")
        else:
            continue
        if kept:
            _add_contexts(table, sub, whole, norms, bisect_left(starts, sub.spun_start), kept)
    return [run for p in obs.passages for run in iter_kept_runs(p, obs.spun_tokens)]


def _add_contexts(
    table: Table,
    sub: Substitution,
    whole: tuple[str, str] | None,
    norms: Sequence[str],
    first: int,
    kept: int,
) -> None:
    """The first ``kept`` context signatures of a swap (``whole``: its spun
    phrase and original) that starts at token ``first``, and of each word of
    an equal-length one, for the entries its parts become."""
    end = first + len(sub.spun)
    if whole is not None:
        table.add_context(whole[0], context_signatures(norms, first, end, whole[1])[:kept])
    if len(sub.spun) == len(sub.clean) > 1:
        for k, (s_word, c_word) in enumerate(zip(sub.spun, sub.clean, strict=True)):
            if normalize(s_word) != normalize(c_word):
                seen = context_signatures(norms, first + k, first + k + 1, c_word)
                table.add_context(s_word, seen[:kept])


# Swaps a table learns from: the spinner's ("swap") and, as inferred
# ``part`` entries (the alignment is less sure there, and some are a
# writer's rephrasing: "discover -> explore"), those inside a sentence it
# rewrote heavily ("unanchored": "Authorities -> Government", "till ->
# until", "final -> last" between other swaps). Measured on the grouped folds
# (docs/benchmarks.md, session 8), with the parts of rewritten runs below:
# 2094/29/76 helpful/harmful/neutral edits -> 2102/29/75 (counted as
# observed swaps: 2106/29/78).
_LEARNED_KINDS = frozenset({"swap", "unanchored"})
# contexts= of learn(): how many of unspin.table.context_signatures' kept
# (both sides, each side's two tokens, each neighbouring token).
_SIGNATURES = {0: 0, 1: 5, 2: 3}


def _add_remainder(
    table: Table, known: Table, spun: tuple[str, ...], clean: tuple[str, ...]
) -> None:
    """A rewritten run too long for a swap, made of a swap ``known`` holds and
    another ("greater as a result of" -> "higher because": "greater" ->
    "higher" is known), teaches the other ("as a result of" -> "because"), as
    an inferred part. The first split (shortest known piece first, at the
    front before the back) is taken."""
    for i in range(1, len(spun)):
        for j in range(1, len(clean)):
            for known_part, rest in (
                ((spun[:i], clean[:j]), (spun[i:], clean[j:])),
                ((spun[i:], clean[j:]), (spun[:i], clean[:j])),
            ):
                entry = known.entry(" ".join(known_part[0]))
                if entry is None:
                    continue
                wanted = " ".join(normalize(t) for t in known_part[1])
                if wanted not in {o.lower() for o in entry.originals}:
                    continue
                if classify(*rest) != "swap":
                    continue
                original = original_form(rest[0], " ".join(rest[1]))
                if is_table_swap(rest[0], original):
                    table.add(" ".join(rest[0]), original, source="part")
                return


def _add_run_parts(table: Table, sub: Substitution) -> None:
    """A run of rewritten words whose sides have equal length once
    contractions are written out ("maintain financial coverage regular till"
    -> "keep monetary policy steady until") teaches each position's swap,
    as inferred ``part`` entries; function words, which pair by accident in
    such runs ("return as much as" -> "go back up to"), are left out."""
    spun = expand_contractions([normalize(t) for t in sub.spun])
    clean = expand_contractions([normalize(t) for t in sub.clean])
    if len(spun) != len(clean):
        return
    for s_word, c_word in zip(spun, clean, strict=True):
        if (
            s_word != c_word
            and s_word.isalpha()
            and c_word.isalpha()
            and s_word not in FUNCTION_WORDS
            and c_word not in FUNCTION_WORDS
        ):
            table.add(s_word, c_word, source="part")


def phrase_verdict(key: str, table: Table, *known: Table) -> str:
    """Why a learned phrase of two words or more is no swap of its own, or
    ``""`` when it is one.

    * ``"cut"``: every original is known swaps of some of its words plus
      words the alignment took from a neighbouring swap: "of interest
      subsequent" -> "next" ("interest rates" -> "rates of interest" beside
      "next" -> "subsequent"), "worth product" -> "price" ("price sales" ->
      "worth product sales"). A fragment of the alignment; what it holds is
      taught by the known parts, not by it.
    * ``"composed"``: its words are each a known swap or written unchanged,
      two of them or more swaps ("subsequent brief variety" -> "next short
      number", "additionally mentioned" -> "also said"): its words' entries
      restore it, and it teaches them as parts.

    A word's swap is known when one of the ``known`` tables holds it as an
    entry of its own that was observed (not only inferred). Measured on the grouped folds
    (docs/benchmarks.md, session 10).

    >>> known = Table(); known.add("subsequent", "next", 9, source="pairs")
    >>> known.add("rates of interest", "interest rates", 3, source="pairs")
    >>> t = Table(); t.add("of interest subsequent", "next"); t.add("subsequent month", "next month")
    >>> phrase_verdict("of interest subsequent", t, known), phrase_verdict("subsequent month", t, known)
    ('cut', '')
    >>> t.add("subsequent brief", "next short"); known.add("brief", "short", source="pairs")
    >>> phrase_verdict("subsequent brief", t, known)
    'composed'
    >>> t.add("staff", "team"); t.add("group of workers", "staff"); known.add("workers", "staff")
    >>> phrase_verdict("group of workers", t, known)  # the spinner's own expansion
    ''
    """
    entry = table.lookup(key)
    if " " not in key or entry is None:
        return ""
    spun = key.split(" ")
    verdicts = {
        _made_of_known(spun, [normalize(t.text) for t in tokenize(o)], known)
        for o in entry.originals
    }
    return verdicts.pop() if len(verdicts) == 1 else ""


def _made_of_known(spun: list[str], clean: list[str], known: Sequence[Table]) -> str:
    """The verdict of :func:`phrase_verdict` on one original: ``clean`` is
    matched, in order, by words of ``spun`` that are the same or known swaps
    of it, and either every spun word is matched, two or more by swaps
    (``"composed"``), or at least one is a swap and the spun words left
    over stand at one end, hold a word that is not a function word, and are
    the end of another phrase there ("of interest", "rates of interest") or
    the start of one after ("product", "product sales") (``"cut"``)."""
    i = swaps = 0
    matched = []
    for word in clean:
        while i < len(spun) and spun[i] != word and not _known_swap(spun[i], word, known):
            i += 1
        if i == len(spun):
            return ""
        swaps += spun[i] != word
        matched.append(i)
        i += 1
    if len(matched) == len(spun):
        return "composed" if swaps >= 2 else ""
    if not swaps or matched[-1] - matched[0] + 1 != len(matched):
        return ""  # words left over inside: the spinner's own expansion
    left, right = spun[: matched[0]], spun[matched[-1] + 1 :]
    if (left and right) or all(w in FUNCTION_WORDS for w in left + right):
        return ""  # function words are the spinner's own ("was once", "go to")
    if left:
        return "cut" if _ends_phrase(" ".join(left), known) else ""
    return "cut" if _starts_phrase(" ".join(right), known) else ""


def _ends_phrase(words: str, known: Sequence[Table]) -> bool:
    return any(words in t.derived("learn.suffixes", _suffixes) for t in known)


def _starts_phrase(words: str, known: Sequence[Table]) -> bool:
    # The proper word prefixes of the keys: the index restoration walks.
    return any(words in t.derived("prefixes", key_prefixes) for t in known)


def _suffixes(table: Table) -> frozenset[str] | HashFilter:
    """Every proper word suffix of a key ("of interest", "interest"), as
    :func:`unspin.hits` keeps the prefixes (a :class:`HashFilter` above
    ``EAGER_ENTRIES`` entries: a rare false positive there costs one
    learned phrase)."""
    suffixes = (
        " ".join(words[n:])
        for words in (key.split(" ") for key in table.phrases())
        for n in range(1, len(words))
    )
    if len(table) > EAGER_ENTRIES:
        return HashFilter(suffixes, len(table))
    return frozenset(suffixes)


def _known_swap(spun: str, original: str, known: Sequence[Table]) -> bool:
    for table in known:
        entry = table.lookup(spun)
        if (
            entry is not None
            and any(s not in INFERRED_SOURCES for s in entry.sources)
            and any(o.lower() == original for o in entry.originals)
        ):
            return True
    return False


def _with_bound_word(sub: Substitution, obs: Observation) -> Substitution:
    """``sub`` with the word after it when both sides share it and the
    original's last word nearly always takes it ("in response" -> "according"
    before "to" is "in response to" -> "according to": "according" alone is
    a fragment, and "in response" alone is often clean)."""
    if len(sub.spun) == len(sub.clean) == 1:
        return sub
    s_next = _token_from(obs.spun_tokens, sub.spun_end)
    c_next = _token_from(obs.clean_tokens, sub.clean_end)
    if s_next is None or c_next is None or normalize(s_next.text) != normalize(c_next.text):
        return sub
    word = normalize(c_next.text)
    if word not in _BOUND_WORDS:
        return sub
    last = [normalize(t) for t in sub.clean[-2:]]
    if lm.logprob(word, last[-1], last[0] if len(last) == 2 else "<s>") < _BOUND_LOGPROB:
        return sub
    return sub._replace(
        spun=(*sub.spun, s_next.text),
        clean=(*sub.clean, c_next.text),
        spun_end=s_next.end,
        clean_end=c_next.end,
    )


def _token_from(tokens: Sequence[Token], start: int) -> Token | None:
    """The first token at or after character offset ``start``."""
    k = bisect_left(tokens, start, key=lambda t: t.start)
    return tokens[k] if k < len(tokens) else None


# Prepositions a word can be bound to, and how surely (the trigram model's
# P(preposition | original), here 0.8: "according to" 0.99, "due to" 0.92,
# "regardless of" 0.73, "along with" 0.62, "because of" 0.10).
_BOUND_WORDS = frozenset({"to", "of", "with", "from", "for", "on", "at", "by", "about", "than"})
_BOUND_LOGPROB = math.log(0.8)


def count_kept(table: Table, runs: Iterable[list[str]]) -> None:
    """Count table keys that occur inside runs the spinner left unchanged."""
    first, longest = table.index()
    longest = min(longest, MAX_PHRASE)
    for run in runs:
        for i, word in enumerate(run):
            span = first.get(word)
            if span is None:
                continue
            for n in range(min(span, longest, len(run) - i), 0, -1):
                key = " ".join(run[i : i + n])
                if key in table:
                    table.add_kept(key)


def is_table_swap(spun: Sequence[str], original: str) -> bool:
    """Whether an observed swap may enter a table: words only on both sides
    (hyphens inside a spun compound aside: "non-public" -> "private"; a
    phrase cut at punctuation, "touch upon ," -> "comment on.", is a
    fragment of the alignment, not a swap), more than a difference of case or
    typography, and no digits in the original (changed numbers are
    revisions). The spinner writes digits of its own ("year" -> "12 months"):
    a spun phrase may hold a number beside at least one word.

    >>> is_table_swap(["mentioned"], "said"), is_table_swap(["touch", "upon", ","], "comment on.")
    (True, False)
    >>> is_table_swap(["Home"], "home"), is_table_swap(["12", "months"], "year")
    (False, True)
    >>> is_table_swap(["3"], "three"), is_table_swap(["5", "months"], "6 months")
    (False, False)
    >>> is_table_swap(["non", "-", "public"], "private"), is_table_swap(["-", "public"], "private")
    (True, False)
    """
    words = [t.text for t in tokenize(original)]
    if not spun or not words:
        return False
    for tok in words:
        if not (tok[-1:].isalpha() or tok in ("'s", "’s")) or any(ch.isdigit() for ch in tok):
            return False
    if not any(tok.isalpha() for tok in spun):
        return False
    for i, tok in enumerate(spun):
        # A hyphen inside is the spinner's compound ("private" -> "non-public").
        inner_hyphen = tok == "-" and 0 < i < len(spun) - 1
        if not (tok[-1:].isalnum() or tok in ("'s", "’s") or inner_hyphen):
            return False
    return [normalize(t) for t in spun] != [normalize(t) for t in words]


# (suffix of both the spun word and its original, what replaces it) for
# inflections generalised to the base form: "costs -> prices" teaches
# "cost -> price", "raised -> elevated" teaches "raise -> elevate".
_BASE_FORMS = (
    ("ies", "y"),
    ("es", "e"),
    ("s", ""),
    ("ied", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
)
# A generalised form must be a common word (wordfreq Zipf) on both sides.
_MIN_BASE_ZIPF = 3.0


def infer_entries(table: Table) -> Table:
    """Entries that observed swaps imply, with their own provenance:

    * ``part``: the parts of an n:m swap whose inner alignment pairs them
      ("power prices -> energy costs" also teaches "prices -> costs"; a
      longer side pairs its last word, the head of an English phrase,
      unless either last word is a function word: "settle for -> accept");
    * ``inflection``: a single-word swap's base forms ("costs -> prices"
      teaches "cost -> price"), where both are common words.

    >>> t = Table(); t.add("power payments", "energy bills", 2); t.add("costs", "prices")
    >>> inferred = infer_entries(t)
    >>> sorted((k, inferred.candidates(k)[0][0]) for k in inferred)
    [('cost', 'price'), ('payment', 'bill'), ('payments', 'bills'), ('power', 'energy')]
    >>> inferred.entry("payments").sources
    {'part': 2}
    """
    from .context import zipf

    out = Table(name="inferred")
    singles: list[tuple[str, str, int]] = []
    for key in table:
        entry = table.lookup(key)
        assert entry is not None
        spun = key.split(" ")
        for original, count in entry.originals.items():
            orig = [normalize(t.text) for t in tokenize(original)]
            if len(spun) == 1 and len(orig) == 1:
                singles.append((spun[0], orig[0], count))
                continue
            if len(spun) < 2 or len(orig) < 2:
                continue
            # Lengths compare with contractions written out on both sides:
            # "hyperlink couldn't -> link could not" teaches "hyperlink ->
            # link", and "he'll settle for -> he will accept" (four words
            # against three) pairs no "settle -> will".
            spun_words, orig_words = expand_contractions(spun), expand_contractions(orig)
            if len(spun_words) == len(orig_words):
                pairs = list(zip(spun_words, orig_words, strict=True))
            elif spun[-1] in FUNCTION_WORDS or orig[-1] in FUNCTION_WORDS:
                pairs = []  # "settle for -> accept": the head is not last
            else:
                pairs = [(spun[-1], orig[-1])]
            for s_word, o_word in dict(pairs).items():
                # A word of the original found elsewhere in the spun phrase
                # moved there ("to not kind" -> "not to form" teaches "kind ->
                # form", never "not -> to"); a swap for an article belongs to
                # its phrase ("one of many" -> "one of the", not "many" ->
                # "the").
                if o_word in spun_words or o_word in ARTICLES:
                    continue
                if s_word != o_word and s_word.isalpha() and o_word.isalpha():
                    out.add(s_word, o_word, count, source="part")
                    singles.append((s_word, o_word, count))
    for s_word, o_word, count in singles:
        for suffix, base in _BASE_FORMS:
            if not (s_word.endswith(suffix) and o_word.endswith(suffix)):
                continue
            s_base = s_word[: len(s_word) - len(suffix)] + base
            o_base = o_word[: len(o_word) - len(suffix)] + base
            if (
                s_base != o_base
                and s_base not in table
                and zipf(s_base) >= _MIN_BASE_ZIPF
                and zipf(o_base) >= _MIN_BASE_ZIPF
            ):
                out.add(s_base, o_base, count, source="inflection")
                break
    return out
