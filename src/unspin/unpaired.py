"""Learn a spinner's reverse table from spun text alone (no clean sources).

**Experimental** (issue 11, open): not exported from :mod:`unspin`, not used
by the default table or the command line. Measured (``docs/benchmarks.md``,
"Learning from spun text alone"): on 1,000 BBC articles spun by the
``mythes`` spinner, about half the learned entries are right and a few per
cent of the spinner's frequent swaps are found; on the real spun pages it
*lowers* repair on the grouped folds. What is here is the pipeline and its
statistics, to be improved, not a result to use.

The idea (DESIGN.md): the spinner is nearly deterministic per word, so a spun
form ("mentioned") recurs in many contexts where the trigram model prefers
one and the same original ("said"), while a writer's own word has no such
consistent rival. Three passes over the corpus, each a sum of per-document
statistics (partitions of a corpus can be counted apart and added with
:meth:`UnpairedStats.merge`):

1. **Counts.** Weighted occurrences of each word, and the total weight of
   words. A document's weight is how spun it looks (the screen of ``base``,
   :mod:`unspin.screen`, as a probability; 1 when ``base`` is empty). A form
   is a *suspect* when it occurs ``min_count`` times or more and ``min_ratio``
   times as often as in clean English (wordfreq).
2. **Candidates.** At each occurrence of a suspect, the words the bigram
   counts expect between its two neighbours (what the model itself prefers
   there); those proposed at two occurrences or more join what ``base``
   knows for the form and the forms a sense-blind thesaurus could have turned
   into it (the shipped MyThes and WordNet, inverted). Function words are
   never candidates.
3. **Evidence.** At each occurrence, each candidate's log-ratio under the
   trigram model (``log P(context with it) - log P(context as written)``,
   times 0.7 as in :mod:`unspin.decide`), mixed with the share of the form's
   occurrences that ordinary usage does not explain (``1 - 1 / ratio``):
   ``log(1 - s + s * exp(LLR))`` summed over occurrences.

An entry is made for a suspect the base does not know, from the candidate
with the largest summed evidence whose expected count in clean English of
the corpus's size is within a factor 10 of the form's excess (frequency
matching; skipped when the corpus is too small to expect the original once),
when that evidence reaches ``min_evidence`` nats, the candidate is the best
one (with positive evidence) at ``min_share`` of the occurrences, in
``min_docs`` documents or more. Its counts: the form's excess occurrences
times that share are swaps, the rest kept, provenance ``unpaired`` (which
:func:`unspin.hits.prior` discounts like inferred entries).

Memory is bounded by the vocabulary (counts per word type, per suspect and
candidate); time is linear in the corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from . import lm
from .context import _bigram_table, zipf
from .decide import DEFAULT_OPTIONS
from .lexicon import FUNCTION_WORDS, Thesaurus
from .screen import screen_scores
from .table import Table
from .tokenize import check_text, token_arrays

__all__ = ["UnpairedStats", "learn_unpaired"]

SOURCE = "unpaired"
# Candidates per occurrence from the bigram counts, and per suspect overall.
_CONTEXT_CANDIDATES = 12
_MAX_CANDIDATES = 40
# The bigram index keeps this many successors / predecessors per word.
_NEIGHBOURS = 300


@dataclass
class UnpairedStats:
    """Statistics of spun documents that add across partitions of a corpus.

    Pass 1: ``counts`` (weighted occurrences of each word), ``words`` and
    ``documents``. Pass 2: ``proposals[form]``, how often each candidate
    original was proposed at the form's occurrences. Pass 3:
    ``evidence[form][original]`` = ``[log-likelihood ratio, weighted
    occurrences where it was the best candidate with positive evidence]``,
    ``scored[form]`` and ``docs[form][original]`` (documents where it was
    best).
    """

    counts: Counter[str] = field(default_factory=Counter)
    words: float = 0.0
    documents: int = 0
    proposals: dict[str, Counter[str]] = field(default_factory=dict)
    evidence: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    scored: Counter[str] = field(default_factory=Counter)
    docs: dict[str, Counter[str]] = field(default_factory=dict)

    def merge(self, other: UnpairedStats) -> UnpairedStats:
        """The statistics of both partitions (neither is modified).

        >>> a = UnpairedStats(Counter({"mentioned": 2}), 10.0, 1)
        >>> b = UnpairedStats(Counter({"mentioned": 1}), 5.0, 1)
        >>> m = a.merge(b)
        >>> m.counts["mentioned"], m.words, m.documents
        (3, 15.0, 2)
        """
        out = UnpairedStats(
            self.counts + other.counts,
            self.words + other.words,
            self.documents + other.documents,
            scored=self.scored + other.scored,
        )
        for part in (self, other):
            for form, counter in part.proposals.items():
                out.proposals.setdefault(form, Counter()).update(counter)
            for form, counter in part.docs.items():
                out.docs.setdefault(form, Counter()).update(counter)
            for form, by_original in part.evidence.items():
                mine = out.evidence.setdefault(form, {})
                for original, values in by_original.items():
                    acc = mine.setdefault(original, [0.0] * len(values))
                    for i, v in enumerate(values):
                        acc[i] += v
        return out


def learn_unpaired(
    texts: Iterable[str],
    *,
    base: Table | None = None,
    min_count: int = 3,
    min_docs: int = 2,
    min_ratio: float = 3.0,
    min_share: float = 0.5,
    min_evidence: float = 3.0,
    progress: bool = False,
) -> Table:
    """Learn a reverse table from spun ``texts`` alone (see the module
    docstring); with ``base``, the result extends it (not modified) and
    ``base`` weighs the documents and proposes candidates.

    ``texts`` is read three times (a list, or any re-iterable collection).

    Raises:
        TypeError: a text is not a ``str`` (its index is named).
    """
    texts = texts if isinstance(texts, (list, tuple)) else list(texts)
    base = base if base is not None else Table()
    stats = count_pass(texts, base, progress=progress)
    suspects = find_suspects(stats, min_count=min_count, min_ratio=min_ratio)
    stats = stats.merge(candidate_pass(texts, base, suspects, progress=progress))
    candidates = choose_candidates(stats, suspects, base)
    stats = stats.merge(evidence_pass(texts, base, candidates, suspects, progress=progress))
    learned = table_from_stats(
        stats,
        {form: ratio for form, ratio in suspects.items() if base.lookup(form) is None},
        min_docs=min_docs,
        min_share=min_share,
        min_evidence=min_evidence,
    )
    return base.merge(learned) if len(base) else learned


# ------------------------------------------------------------------ the passes


def document_weight(text: str, base: Table) -> float:
    """How spun a document looks to ``base``'s screen, as a probability (1
    when ``base`` is empty: every document counts fully)."""
    if not len(base):
        return 1.0
    score = max(screen_scores(text, base), default=0.0)
    if not math.isfinite(score):
        return 1.0
    odds = (score - DEFAULT_OPTIONS.screen) / _SCREEN_SCALE
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, odds))))


_SCREEN_SCALE = 0.3


def _documents(
    texts: Iterable[str], base: Table, progress: bool, what: str
) -> Iterator[tuple[float, list[str]]]:
    """``(weight, normalized tokens)`` of each document with some weight."""
    for i, text in _progress(enumerate(texts), progress, what):
        if not isinstance(text, str):
            raise TypeError(f"text {i} must be a str, not {type(text).__name__}")
        check_text(text)
        weight = document_weight(text, base)
        if weight > 0:
            yield weight, token_arrays(text).norms


def count_pass(texts: Iterable[str], base: Table, *, progress: bool = False) -> UnpairedStats:
    """Pass 1: weighted word counts."""
    stats = UnpairedStats()
    for weight, norms in _documents(texts, base, progress, "counting"):
        forms = [t for t in norms if t.isalpha()]
        stats.documents += 1
        stats.words += weight * len(forms)
        for form, n in Counter(forms).items():
            stats.counts[form] += weight * n  # type: ignore[assignment]
    return stats


def find_suspects(stats: UnpairedStats, *, min_count: int, min_ratio: float) -> dict[str, float]:
    """``{form: ratio}``: forms seen at least ``min_count`` times (weighted)
    and ``min_ratio`` times as often as in clean English."""
    out: dict[str, float] = {}
    if not stats.words:
        return out
    for form, n in stats.counts.items():
        if n < min_count or form in FUNCTION_WORDS or len(form) < 3:
            continue
        clean = 10 ** (zipf(form) - 9) if zipf(form) else 1e-8
        ratio = (n / stats.words) / clean
        if ratio >= min_ratio:
            out[form] = ratio
    return out


def _occurrences(norms: list[str], forms: Container[str]) -> Iterator[tuple[list[str], int, str]]:
    """``(model words, index, form)`` of each occurrence of ``forms``."""
    words, pos = lm.stream(norms)
    for i, form in enumerate(norms):
        if form in forms:
            k = pos[i]
            if k < len(words) and words[k] == form:
                yield words, k, form


def candidate_pass(
    texts: Iterable[str], base: Table, suspects: dict[str, float], *, progress: bool = False
) -> UnpairedStats:
    """Pass 2: the words the bigram counts expect at each occurrence of a
    suspect (between its two neighbours)."""
    stats = UnpairedStats()
    for weight, norms in _documents(texts, base, progress, "proposing"):
        for words, k, form in _occurrences(norms, suspects):
            left = words[k - 1] if k >= 1 else "<s>"
            right = words[k + 1] if k + 1 < len(words) else "</s>"
            found = stats.proposals.setdefault(form, Counter())
            for word in _context_words(left, right):
                if word != form:
                    found[word] += weight  # type: ignore[assignment]
    return stats


def choose_candidates(
    stats: UnpairedStats, suspects: dict[str, float], base: Table
) -> dict[str, tuple[str, ...]]:
    """Each suspect's candidates: what ``base`` knows for it, the thesauri's
    inverse, and the context's proposals seen at two occurrences or more,
    most often proposed first (at most ``_MAX_CANDIDATES``)."""
    out = {}
    for form in suspects:
        found: dict[str, None] = {}
        entry = base.lookup(form)
        if entry is not None:
            for original in entry.originals:
                if original.isalpha():
                    found[original.lower()] = None
        for source in _thesaurus_sources(form):
            found[source] = None
        for word, n in stats.proposals.get(form, Counter()).most_common():
            if n < 2 or len(found) >= _MAX_CANDIDATES:
                break
            found[word] = None
        found.pop(form, None)
        for word in FUNCTION_WORDS & found.keys():
            del found[word]  # spinners leave function words be (and they fit anywhere)
        if found:
            out[form] = tuple(found)[:_MAX_CANDIDATES]
    return out


def evidence_pass(
    texts: Iterable[str],
    base: Table,
    candidates: dict[str, tuple[str, ...]],
    suspects: dict[str, float],
    *,
    progress: bool = False,
) -> UnpairedStats:
    """Pass 3: at each occurrence of a suspect, the model's evidence for each
    candidate, as a mixture: a share ``1 - 1 / ratio`` of the form's
    occurrences is swapped (the rest is ordinary usage), so an occurrence
    adds ``log(1 - s + s * exp(LLR))`` to the candidate's log-likelihood
    ratio (``LLR`` = ``_LM_WEIGHT`` times the model's log-ratio)."""
    stats = UnpairedStats()
    for weight, norms in _documents(texts, base, progress, "weighing"):
        best_in_doc: dict[str, set[str]] = defaultdict(set)
        for words, k, form in _occurrences(norms, candidates):
            share = 1.0 - 1.0 / suspects[form]
            scores = {o: _LM_WEIGHT * _evidence(words, k, o) for o in candidates[form]}
            stats.scored[form] += weight  # type: ignore[assignment]
            by_original = stats.evidence.setdefault(form, {})
            for original, llr in scores.items():
                acc = by_original.setdefault(original, [0.0, 0.0])
                acc[0] += weight * _mixture(share, llr)
            best = max(scores, key=lambda o: (scores[o], o))
            if scores[best] > 0:
                by_original[best][1] += weight
                best_in_doc[form].add(best)
        for form, originals in best_in_doc.items():
            stats.docs.setdefault(form, Counter()).update(originals)
    return stats


def _mixture(share: float, llr: float) -> float:
    if llr > 30:
        return llr + math.log(share)
    return math.log1p(share * math.expm1(llr))


def _frequency_match(stats: UnpairedStats, original: str, excess: float) -> bool:
    """Whether ``excess`` swapped occurrences are within a factor
    ``_FREQUENCY_TOLERANCE`` of the original's expected count in clean
    English text of the corpus's size (topics shift frequencies by that
    much; "the" for a form seen 30 times too many does not fit)."""
    z = zipf(original)
    expected = stats.words * 10 ** (z - 9) if z else 0.0
    if excess <= 0:
        return False
    if expected < 1.0:
        return True  # a corpus too small to say
    return abs(math.log(excess / expected)) <= math.log(_FREQUENCY_TOLERANCE)


_FREQUENCY_TOLERANCE = 10.0
# The model is generic and over-sure on news (unspin.decide uses 0.7 too).
_LM_WEIGHT = 0.7


def table_from_stats(
    stats: UnpairedStats,
    suspects: dict[str, float],
    *,
    min_docs: int,
    min_share: float,
    min_evidence: float,
) -> Table:
    """The entries the statistics support (see the module docstring)."""
    table = Table(name="unpaired")
    for form, by_original in sorted(stats.evidence.items()):
        scored = stats.scored[form]
        if not scored or form not in suspects:
            continue
        n = stats.counts[form]
        excess = n * (1.0 - 1.0 / suspects[form])
        # Frequency matching: a spinner that is deterministic per word turns
        # (most of) an original's occurrences into the form, so the form's
        # excess must be about as large as the original's expected count.
        plausible = {o: v for o, v in by_original.items() if _frequency_match(stats, o, excess)}
        if not plausible:
            continue
        original, (llr, wins) = max(plausible.items(), key=lambda kv: (kv[1][0], kv[0]))
        share = wins / scored
        if llr < min_evidence or share < min_share:
            continue
        if stats.docs.get(form, Counter())[original] < min_docs:
            continue
        swapped = excess * share
        swaps = round(swapped)
        if swaps < 1:
            continue
        table.add(form, original, swaps, source=SOURCE)
        kept = round(n - swapped)
        if kept > 0:
            table.add_kept(form, kept)
    return table


# ------------------------------------------------------------------- evidence


def _evidence(words: list[str], k: int, original: str) -> float:
    """log P(context with ``original`` for the word at ``k``) - log P(context
    as written): the phrase and the two words after it, each given the two
    before (the noisy channel's language model, frequency included)."""
    window = words[max(0, k - 2) : k + 3]
    padded = ["<s>"] * (2 - min(k, 2)) + window
    mine = list(padded)
    mine[2] = original
    return lm.score_words(mine, 2, len(mine)) - lm.score_words(padded, 2, len(padded))


@cache
def _thesaurus_sources(form: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for name in ("mythes", "wordnet"):
        for source in Thesaurus.load(name).sources(form):
            if " " not in source:
                found[source] = None
    return tuple(found)


def _context_words(left: str, right: str) -> list[str]:
    """Words the bigram counts expect between ``left`` and ``right``: the
    likeliest successors of ``left`` that are also predecessors of ``right``
    (either side alone at a sentence mark)."""
    successors, predecessors = _neighbours()
    after = successors.get(left, {}) if left not in ("<s>", "</s>") else {}
    before = predecessors.get(right, {}) if right not in ("<s>", "</s>") else {}
    if after and before:
        both = [(after[w] * before[w], w) for w in after.keys() & before.keys()]
    else:
        both = [(c, w) for w, c in (after or before).items()]
    both.sort(reverse=True)
    return [w for _, w in both[:_CONTEXT_CANDIDATES]]


@cache
def _neighbours() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """The bigram counts as ``{word: {successor: P(successor | word)}}`` and
    ``{word: {predecessor: P(predecessor | word)}}``, top ``_NEIGHBOURS``
    each."""
    succ: dict[str, list[tuple[int, str]]] = defaultdict(list)
    pred: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, count in _bigram_table().items():
        first, _, second = key.partition(" ")
        if first.isalpha() and second.isalpha():
            succ[first].append((count, second))
            pred[second].append((count, first))

    def top(index: dict[str, list[tuple[int, str]]]) -> dict[str, dict[str, float]]:
        out = {}
        for word, found in index.items():
            found.sort(reverse=True)
            total = sum(c for c, _ in found)
            out[word] = {w: c / total for c, w in found[:_NEIGHBOURS]}
        return out

    return top(succ), top(pred)


def _progress(items: Iterable[tuple[int, str]], show: bool, what: str) -> Iterable[tuple[int, str]]:
    if not show:
        return items
    from tqdm import tqdm

    shown: Iterable[tuple[int, str]] = tqdm(items, desc=f"learn_unpaired: {what}", unit=" docs")
    return shown
