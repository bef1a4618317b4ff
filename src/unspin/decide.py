"""Stage 7b: decide which table hits to restore (a noisy channel with a
trigram model).

Every hit proposes that an original (the table's best) was spun into the
phrase as written. Two things decide:

* the **table** (the channel): ``prior`` = log-odds that a sighting of the
  phrase is a swap rather than the phrase kept as written
  (:func:`unspin.hits.prior`, from the table's swap and keep counts);
* the **trigram model** (the context): ``delta`` = log P(text with the
  original) - log P(text as written), over the phrase and the two words
  after it, each word given the two before (:mod:`unspin.lm`).

Neighbouring hits (fewer than two words apart) change each other's context, so
they are decided *jointly*: every consistent combination of them is scored
("finish the struggle" -> "end the war" needs both). For a cluster of hits,

    weight(combination) = exp(delta(combination) + sum of the priors of its hits)

with the empty combination (everything as written) at weight 1. Given that the
document is spun, a hit's probability of being a swap is the share of the
weight of the combinations that contain it.

**The document test.** Clean text holds table phrases too ("mentioned",
"supply"), so whether the document is spun at all is decided first, from all
its clusters: a cluster's evidence is the likelihood ratio of "spun document"
(a mixture of swaps and kept phrases) over "clean document" (everything as
written), ``log(sum of weights) + sum of log P(kept)``, clipped to
``[-floor, cap]`` so that no single phrase decides alone unless its evidence is
overwhelming. The document's log-odds of being spun are
``Options.prior - Options.per_word * words + sum of cluster evidence``
(clusters of the same phrases counted once); when the document is more
likely spun than not, an edit is made where ``P(swap | spun)`` reaches
``Options.threshold`` (for a table phrase of two words or more, a bar
``Options.phrase_bonus`` lower in log-odds: such a phrase is rarely a
writer's own choice).

**Near the hit, too.** A section judged spun is restored only where the text
within ``_REACH`` model words of a hit looks spun on its own evidence (no
prior against it): a clean article joined to a spun page (a scraped page that
quotes one, a corpus file that joins pages) keeps its words.

**Quotations.** Some sites spin inside quotations and some do not, so the
hits inside a spun document's quotations are restored only where the
quotations, taken together, pass the document test on their own evidence
(``Options.quotes``).

**One page, one spinner.** The spinner is nearly deterministic per word, so
the occurrences of one phrase in a document share a decision: each adds its
context evidence (``Options.tie`` of it) to the prior, counted once.

One strong artifact ("Supply hyperlink", "the Financial institution of
England": the model gives the original hundreds of times the probability, and
clean English hardly writes the spun phrase, ``Options.odd_phrase``) can thus
carry a one-line input, while an isolated "mentioned" or "cash" in clean prose
cannot; and many weak hits in a clean article, each preferring the word as
written, push the document towards clean.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import NamedTuple

from . import lm
from .context import context_llr
from .hits import HALF_MEMORY, MEMORY, Hit, memory
from .options import DEFAULT_OPTIONS, Options
from .tokenize import is_word, token_arrays

__all__ = [
    "Decision",
    "Weighed",
    "clear_cache",
    "decide",
    "document_odds",
    "sections",
    "weigh_all",
]


# A cluster grows to at most this many hits (2^5 combinations), then is cut
# where its hits do not overlap; real text rarely has more than four hits
# within two words of each other (measured on the grouped folds: 8 gives the
# same repair and precision, at about 1.5 times the cost on spun pages).
_MAX_JOINT = 5
# The frequency correction is capped: a phrase far rarer than its original
# ("imaginative and prescient" for "vision", e^20 rarer) is rare because
# spinners made it, and that rarity is evidence, not frequency to discount.
_MAX_FREQUENCY = 4.0
# A spun phrase is odd (Options.odd_phrase) below this log-probability per
# model word on its own: "supply hyperlink" -13.1, "synthetic intelligence"
# -11.8, "financial institution" -7.1, but "as much as" -3.1, "could be" -4.2,
# "in response to" -3.9, "12 months" -5.9.
_ODD_PHRASE = -6.0


class Decision(NamedTuple):
    """A hit chosen for restoration: its probability and the evidence."""

    hit: Hit
    probability: float
    why: str


class _Cand(NamedTuple):
    hit: Hit
    lo: int  # model words [lo, hi) of the spun phrase
    hi: int
    words: tuple[str, ...]  # model words of the original
    # log P(original) - log P(spun phrase), each on its own: the table's
    # prior already holds how common each is, the context must not count it
    # again (and a shorter phrase is not better merely for being short).
    frequency: float
    # A spun phrase of two model words or more that clean English hardly
    # writes ("supply hyperlink", "synthetic intelligence"): see
    # Options.odd_phrase.
    odd: bool


class _Cluster(NamedTuple):
    cands: list[_Cand]
    evidence: float  # log-likelihood ratio spun/clean, unclipped
    marginals: list[float]  # P(swap | spun) per candidate
    best: tuple[int, ...]  # indexes of the most likely combination
    scored: _Scored  # what the priors are weighed against (see _weigh)


class _Scored(NamedTuple):
    """A cluster's combinations as the model scored them: everything but the
    candidates' priors, which memory may change (see :func:`_remember`)."""

    combos: list[tuple[int, ...]]
    owner: list[int]  # the first combination that writes the same text
    # Per combination: Options.context_weight times the model's log-ratio,
    # plus its candidates' bigram evidence less their frequency corrections.
    deltas: list[float]


def _candidates(norms: list[str], hits: dict[int, list[Hit]]) -> tuple[list[str], list[_Cand]]:
    words, pos = lm.stream(norms)
    out = []
    for candidates in hits.values():
        for hit in candidates:
            lo, hi = pos[hit.start], pos[hit.end]
            spun = tuple(words[lo:hi])
            found = _PHRASES.get((hit.original, spun))
            if found is None:
                if len(_PHRASES) > _CLUSTER_LIMIT:
                    _PHRASES.clear()
                original = tuple(lm.phrase_words(_norms(hit.original)))
                written = lm.phrase_logprob(spun)
                frequency = min(_MAX_FREQUENCY, lm.phrase_logprob(original) - written)
                odd = len(spun) > 1 and written < _ODD_PHRASE * len(spun)
                found = _PHRASES[hit.original, spun] = (original, frequency, odd)
            original, frequency, odd = found
            if hi <= lo or original == spun or "</s>" in spun:
                continue  # nothing the model can tell apart
            out.append(_Cand(hit, lo, hi, original, frequency, odd))
    out.sort(key=lambda c: (c.lo, -c.hi))
    return words, out


_NORMS: dict[str, list[str]] = {}
# (original, spun model words) -> (original model words, frequency correction,
# whether the spun phrase is odd)
_PHRASES: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], float, bool]] = {}


def _norms(phrase: str) -> list[str]:
    found = _NORMS.get(phrase)
    if found is None:
        if len(_NORMS) > 100_000:
            _NORMS.clear()
        found = _NORMS[phrase] = token_arrays(phrase).norms
    return found


def clear_cache() -> None:
    """Forget the cached tokens of table originals and decided clusters."""
    _NORMS.clear()
    _CLUSTERS.clear()
    _BIGRAMS.clear()
    _PHRASES.clear()


def _clusters(cands: list[_Cand]) -> list[list[_Cand]]:
    """Candidates grouped where one's context reaches the other (fewer than
    two model words apart)."""
    groups: list[list[_Cand]] = []
    reach = -10
    for cand in cands:
        # A full cluster is cut where its candidates do not overlap.
        if groups and (cand.lo < reach or (cand.lo < reach + 2 and len(groups[-1]) < _MAX_JOINT)):
            groups[-1].append(cand)
            reach = max(reach, cand.hi)
        else:
            groups.append([cand])
            reach = cand.hi
    return groups


def _combinations(cands: Sequence[_Cand]) -> list[tuple[int, ...]]:
    """Index sets of non-overlapping candidates (the empty set first), by size
    and then in index order."""
    n = len(cands)
    # after[a]: the candidates that may follow candidate a in a combination.
    after = [
        [
            b
            for b in range(a + 1, n)
            if cands[a].hi <= cands[b].lo and cands[a].hit.end <= cands[b].hit.start
        ]
        for a in range(n)
    ]
    out: list[tuple[int, ...]] = [()]
    level: list[tuple[int, ...]] = [(a,) for a in range(n)]
    while level:
        out.extend(level)
        level = [(*combo, b) for combo in level for b in after[combo[-1]]]
    return out


def _rewrite(
    words: list[str], cands: Sequence[_Cand], combo: tuple[int, ...], lo: int, hi: int
) -> list[str]:
    """Model words ``[lo - 2, hi + 2)`` with the combination's originals in."""
    out = words[max(0, lo - 2) : lo]
    while len(out) < 2:
        out.insert(0, "<s>")
    pos = lo
    for k in combo:
        c = cands[k]
        out.extend(words[pos : c.lo])
        out.extend(c.words)
        pos = c.hi
    out.extend(words[pos:hi])
    # The two words after the cluster, not past the end of the sentence.
    for w in words[hi : hi + 2]:
        out.append(w)
        if w == "</s>":
            break
    return out


def _decide_cluster(
    words: list[str], cands: list[_Cand], bigram: Sequence[float], weight: float
) -> _Cluster:
    lo = min(c.lo for c in cands)
    hi = max(c.hi for c in cands)
    combos = _combinations(cands)
    # Combinations that write the same text (the phrase "synthetic
    # intelligence" or its word "synthetic" -> "artificial intelligence") are
    # one outcome: the first (longest phrases) stands for all.
    first_of: dict[tuple[str, ...], int] = {}
    owner: list[int] = []
    scores: list[float] = []
    for i, combo in enumerate(combos):
        seq = _rewrite(words, cands, combo, lo, hi)
        owner.append(first_of.setdefault(tuple(seq), i))
        scores.append(lm.score_words(seq, 2, len(seq)) if owner[-1] == i else scores[owner[-1]])
    # Per candidate: what it adds to a combination's log-weight besides the
    # model's log-ratio (bigram evidence less the frequency correction).
    extra = [bigram[k] - weight * c.frequency for k, c in enumerate(cands)]
    base = scores[0]
    deltas = []
    for combo, score in zip(combos, scores, strict=True):
        delta = weight * (score - base)
        for k in combo:
            delta += extra[k]
        deltas.append(delta)
    return _weigh(cands, _Scored(combos, owner, deltas))


def _weigh(cands: list[_Cand], scored: _Scored) -> _Cluster:
    """A cluster's evidence and marginals from its combinations' model scores
    and the candidates' priors."""
    combos, owner, deltas = scored
    priors = [c.hit.prior for c in cands]
    logw = []
    for combo, delta in zip(combos, deltas, strict=True):
        logp = 0.0
        for k in combo:
            logp += priors[k]
        logw.append(delta + logp)
    top = max(logw)
    weights = [0.0] * len(combos)
    for i, w in enumerate(logw):
        weights[owner[i]] += math.exp(w - top)
    total = sum(weights)
    mass = [0.0] * len(cands)
    for combo, w in zip(combos, weights, strict=True):
        if w:
            for k in combo:
                mass[k] += w
    marginals = [m / total for m in mass]
    # P(kept) of each position's longest phrase: a spun document keeps it as
    # written with this probability.
    kept = 0.0
    seen: set[int] = set()
    for c, prior in zip(cands, priors, strict=True):
        if c.lo not in seen:
            seen.add(c.lo)
            kept -= math.log1p(math.exp(prior))
    evidence = top + math.log(total) + kept
    best = combos[max(range(len(combos)), key=weights.__getitem__)]
    return _Cluster(cands, evidence, marginals, best, scored)


def _bigram_evidence(norms: Sequence[str], cands: Sequence[_Cand], weight: float) -> list[float]:
    if not weight:
        return [0.0] * len(cands)
    out = []
    for c in cands:
        h = c.hit
        left = norms[h.start - 1] if h.start > 0 and is_word(norms[h.start - 1]) else None
        right = norms[h.end] if h.end < len(norms) and is_word(norms[h.end]) else None
        # A phrase between the same neighbours gets the same evidence (a later
        # pass asks again about every hit the first did not change).
        spun = tuple(norms[h.start : h.end])
        key = (left, h.original, spun, right)
        llr = _BIGRAMS.get(key)
        if llr is None:
            if len(_BIGRAMS) > _CLUSTER_LIMIT:
                _BIGRAMS.clear()
            ev = context_llr(left, _norms(h.original), spun, right, explain=False)
            llr = _BIGRAMS[key] = ev.llr
        out.append(weight * llr)
    return out


_BIGRAMS: dict[tuple[str | None, str, tuple[str, ...], str | None], float] = {}


def _analyse(
    norms: list[str], hits: dict[int, list[Hit]], opts: Options
) -> tuple[list[str], list[_Cluster]]:
    words, cands = _candidates(norms, hits)
    return words, [_cluster_of(words, norms, group, opts) for group in _clusters(cands)]


def _cluster_of(words: list[str], norms: list[str], group: list[_Cand], opts: Options) -> _Cluster:
    bigram = _bigram_evidence(norms, group, opts.bigram_weight)
    # A cluster is decided by its words and candidates alone: a later
    # pass (only a few words changed) and repeated boilerplate reuse it.
    lo = group[0].lo
    hi = max(c.hi for c in group)
    key = (
        tuple(words[max(0, lo - 2) : hi + 2]),
        min(lo, 2),  # how many of those words come before the cluster
        tuple((c.lo - lo, c.hi - lo, c.words, c.frequency, c.hit.prior) for c in group),
        tuple(bigram),
        opts.context_weight,
    )
    found = _CLUSTERS.get(key)
    if found is None:
        if len(_CLUSTERS) > _CLUSTER_LIMIT:
            _CLUSTERS.clear()
        found = _CLUSTERS[key] = _decide_cluster(words, group, bigram, opts.context_weight)
    return _Cluster(group, *found[1:])


def _remember(
    cluster: _Cluster, contexts: Mapping[str, frozenset[int]], norms: list[str]
) -> _Cluster:
    """``cluster`` decided again with what the table remembers of its hits'
    contexts (:func:`unspin.hits.memory`), its evidence for the document
    test unchanged."""
    group = []
    changed = False
    for c in cluster.cands:
        seen = contexts.get(c.hit.key)
        extra = memory(seen, norms, c.hit.start, c.hit.end, c.hit.original) if seen else 0.0
        if extra:
            c = c._replace(hit=c.hit._replace(prior=c.hit.prior + extra, memory=extra))
            changed = True
        group.append(c)
    if not changed:
        return cluster
    # The same words and combinations: only the priors change.
    return _weigh(group, cluster.scored)._replace(evidence=cluster.evidence)


_CLUSTERS: dict[tuple[object, ...], _Cluster] = {}
_CLUSTER_LIMIT = 50_000


def document_odds(clusters: Sequence[_Cluster], words: int, opts: Options) -> float:
    """Log-odds that the document is spun (see the module docstring).

    Clusters of the same table phrases count once, with their mean
    evidence: a spinner shows itself in many *different* swaps, while a
    clean article may use one table word ("level") twenty times.
    """
    by_keys: dict[frozenset[str], list[float]] = {}
    for c in clusters:
        by_keys.setdefault(_keys(c), []).append(_evidence(c, opts))
    evidence = sum(sum(v) / len(v) for v in by_keys.values())
    return opts.prior - opts.per_word * words + evidence


def _keys(cluster: _Cluster) -> frozenset[str]:
    """The table phrases of a cluster: clusters of the same ones count once."""
    return frozenset(cand.hit.key for cand in cluster.cands)


def _evidence(cluster: _Cluster, opts: Options) -> float:
    """A cluster's evidence for "spun", with the odd-phrase bonus, clipped."""
    ev = cluster.evidence + (opts.odd_phrase if any(c.odd for c in cluster.cands) else 0.0)
    return max(-opts.floor, min(opts.cap, ev))


def decide(
    norms: list[str],
    hits: dict[int, list[Hit]],
    opts: Options = DEFAULT_OPTIONS,
    *,
    spun: float | None = None,
    gate: bool = True,
    explain: bool = True,
    quoted: Sequence[tuple[int, int]] = (),
    contexts: Mapping[str, frozenset[int]] | None = None,
) -> tuple[list[Decision], float]:
    """The hits to restore and the document's probability of being spun.

    ``spun`` overrides that probability (1.0 when a reference showed spinner
    swaps; later passes reuse the first pass's). ``quoted`` holds the
    ``[start, end)`` token ranges of quotations, ascending (see
    ``Options.quotes``). ``contexts`` is the table's memory of the contexts
    its swaps were seen in (:meth:`unspin.table.Table.contexts`): in a
    section judged spun, a hit in a remembered context gets its memory
    (:data:`unspin.hits.MEMORY`; never counted in the document test).
    Without ``gate`` every hit whose own probability given a spun document
    reaches the threshold is returned (source-free detection).

    >>> from unspin.table import Table
    >>> from unspin.hits import Doc, find_hits
    >>> t = Table(); t.add("struggle", "war", 9); t.add("finish", "end", 9)
    >>> doc = Doc("They hope to finish the struggle soon.")
    >>> chosen, p = decide(doc.norms, find_hits(doc, t), spun=1.0)
    >>> [(d.hit.key, d.hit.original) for d in chosen]
    [('finish', 'end'), ('struggle', 'war')]
    >>> decide(doc.norms, find_hits(doc, t))[1] < 0.5  # one sentence: not evidence enough
    True
    """
    if not hits:
        return [], 0.0 if spun is None else spun
    judged, p_spun = _judge(
        norms, hits, opts, spun=spun, gate=gate, quoted=quoted, contexts=contexts, every=False
    )
    out = [
        Decision(
            cluster.cands[k].hit,
            p,
            _explain(words, cluster, k, section_p, p, shared) if explain else "",
        )
        for words, cluster, k, p, shared, section_p, _ in judged
    ]
    return out, p_spun


class Weighed(NamedTuple):
    """A table hit as the decision weighed it, restored or not
    (:func:`weigh_all`)."""

    hit: Hit
    probability: float  # P(swap | spun), shared by its occurrences where tied
    spun: float  # P(spun) of its section of the document
    made: bool
    why: str  # the evidence; for a hit not made, first what stopped it


def weigh_all(
    norms: list[str],
    hits: dict[int, list[Hit]],
    opts: Options = DEFAULT_OPTIONS,
    *,
    quoted: Sequence[tuple[int, int]] = (),
    contexts: Mapping[str, frozenset[int]] | None = None,
) -> list[Weighed]:
    """Every candidate of :func:`decide` (each hit with each of its
    originals), with whether it is made and why: the same decision, told for
    the hits it leaves as written too (:func:`unspin.consider.considered`).

    >>> from unspin.table import Table
    >>> from unspin.hits import Doc, find_hits
    >>> t = Table(); t.add("struggle", "war", 9)
    >>> doc = Doc("The struggle for civil rights shaped his life.")
    >>> [(w.hit.key, w.made, w.why.split(";")[0]) for w in weigh_all(doc.norms, find_hits(doc, t))]
    [('struggle', False, 'the document looks clean: P(spun) 0.00 < 0.5')]
    """
    if not hits:
        return []
    judged, _ = _judge(
        norms, hits, opts, spun=None, gate=True, quoted=quoted, contexts=contexts, every=True
    )
    out = []
    for words, cluster, k, p, shared, section_p, stop in judged:
        why = _explain(words, cluster, k, section_p, p, shared, made=not stop)
        out.append(
            Weighed(cluster.cands[k].hit, p, section_p, not stop, f"{stop}; {why}" if stop else why)
        )
    return out


# What _judge gives per candidate: the model words, its cluster, its index
# there, P(swap), the occurrences sharing it, P(spun) of its section, and
# what stopped it ("" where it is made).
_Judged = tuple[list[str], _Cluster, int, float, int, float, str]


def _judge(
    norms: list[str],
    hits: dict[int, list[Hit]],
    opts: Options,
    *,
    spun: float | None,
    gate: bool,
    quoted: Sequence[tuple[int, int]],
    contexts: Mapping[str, frozenset[int]] | None,
    every: bool,
) -> tuple[list[_Judged], float]:
    """The candidates :func:`decide` makes (with ``every``, all of them,
    each with what stopped it), and the document's P(spun)."""
    words, clusters = _analyse(norms, hits, opts)
    parts = sections(words)
    ends = [hi for _, hi in parts]
    in_section: list[list[_Cluster]] = [[] for _ in parts]
    for cluster in clusters:
        in_section[_section_of(ends, cluster.cands[0].lo)].append(cluster)
    # P(spun) of each section; the document's is the highest.
    spun_by_section: list[float] = []
    for (lo, hi), inside in zip(parts, in_section, strict=True):
        if spun is not None:
            spun_by_section.append(spun)
            continue
        size = hi - lo - 2 * words[lo:hi].count("<s>")
        odds = document_odds(inside, size, opts)
        spun_by_section.append(1.0 / (1.0 + math.exp(-odds)) if odds > -700 else 0.0)
    if contexts:
        # Memory acts only where a section was judged spun.
        clusters = [
            _remember(c, contexts, norms)
            if not gate or spun_by_section[_section_of(ends, c.cands[0].lo)] >= 0.5
            else c
            for c in clusters
        ]
    tied = _tied(clusters, opts.tie) if opts.tie else {}
    quoted_out: set[int] = set()  # ids of clusters inside quotations judged clean
    if quoted and opts.quotes and spun is None and gate:
        quoted_out = {id(c) for c in _quoted_clean(clusters, quoted, len(norms), opts)}
    # A phrase of two words or more needs opts.phrase_bonus less log-odds.
    bar = math.log(opts.threshold / (1.0 - opts.threshold)) - opts.phrase_bonus
    phrase_bar = 1.0 / (1.0 + math.exp(-bar))
    out: list[_Judged] = []
    kept = [c for c in clusters if id(c) not in quoted_out] if quoted_out else clusters
    local: set[int] | None = None  # ids of the clusters whose surroundings look spun
    if gate and spun is None and max(spun_by_section) >= 0.5:
        found = _locally_spun(kept, words, opts)
        local = {id(c) for c, near in zip(kept, found, strict=True) if near}
    for cluster in clusters if every else kept:
        section_p = spun_by_section[_section_of(ends, cluster.cands[0].lo)]
        stop = ""
        if gate and section_p < 0.5:
            where = "the document" if len(parts) == 1 else f"its section ({_SECTION} words)"
            stop = f"{where} looks clean: P(spun) {section_p:.2f} < 0.5"
        elif id(cluster) in quoted_out:
            stop = "inside quotations that look clean taken together"
        elif local is not None and id(cluster) not in local:
            stop = f"the text within {_REACH} words of it looks clean"
        if stop and not every:
            continue
        chosen = _with_tied(cluster, tied, opts.threshold, phrase_bar)
        for k in range(len(cluster.cands)) if every else chosen:
            cand = cluster.cands[k]
            p, shared = tied.get((cand.hit.key, cand.hit.original), (cluster.marginals[k], 1))
            if cand.hit.memory and cluster.marginals[k] > p:
                # Its own context was seen as this swap: not outvoted.
                p, shared = cluster.marginals[k], 1
            bar_k = phrase_bar if " " in cand.hit.key else opts.threshold
            why = stop
            if not why and k not in chosen:
                why = "its neighbours' likeliest reading leaves it as written"
            elif not why and p < bar_k:
                digits = 2 if round(p, 2) < round(bar_k, 2) else 4  # not "0.85 < 0.85"
                why = f"P(swap) {p:.{digits}f} < {bar_k:.{digits}f}"
            if why and not every:
                continue
            out.append((words, cluster, k, p, shared, section_p, why))
    return out, max(spun_by_section)


def _with_tied(
    cluster: _Cluster,
    tied: Mapping[tuple[str, str], tuple[float, int]],
    threshold: float,
    phrase_bar: float,
) -> list[int]:
    """The candidates of ``cluster`` to weigh for restoration: its most
    likely combination, and any other candidate whose occurrences in the
    document together (:func:`_tied`) reach the bar, where it overlaps none
    of those. The spinner is nearly deterministic per word: where the page
    says "automotive" is its "car" five times over, the one "largest
    automotive finance supplier" whose neighbours' likeliest reading leaves
    it is no writer's word either. Measured (docs/benchmarks.md, session
    29): on the grouped folds, repair 0.431 -> 0.438 (helpful, harmful,
    neutral edits 2259/20/68 -> 2299/22/72); a learned table under the
    hidden check's protocol 0.510 -> 0.514 (2618/25/82 -> 2638/27/85); spun
    lines given alone 1894/19/71 -> 1898/19/71; no false edit on clean
    news."""
    chosen = list(cluster.best)
    for k, cand in enumerate(cluster.cands):
        if k in cluster.best:
            continue
        found = tied.get((cand.hit.key, cand.hit.original))
        if found is None or found[0] < (phrase_bar if " " in cand.hit.key else threshold):
            continue
        if any(cand.lo < cluster.cands[j].hi and cluster.cands[j].lo < cand.hi for j in chosen):
            continue
        chosen.append(k)
    return sorted(chosen)


# A hit of a spun section is restored only where the text within this many
# model words of it (about two paragraphs of news) looks spun on its own
# evidence: a clean article joined to a spun page shares its section with the
# page's end. Measured (docs/benchmarks.md, session 11): on a spun page between
# two clean articles, edits in the clean articles 44 -> 23, in the page 1214
# -> 1214; the grouped folds and one-line inputs unchanged (50 words: 14 in
# the clean articles, but 5 fewer helpful edits on the grouped folds).
_REACH = 100


def _locally_spun(clusters: Sequence[_Cluster], words: list[str], opts: Options) -> list[bool]:
    """Per cluster: whether the text within ``_REACH`` model words of it
    looks spun as a document of its own with no prior against it (the
    section around it was judged spun already): its clusters' evidence, as
    :func:`document_odds` counts it, beats what clean text gathers by chance
    over as many words (``Options.per_word``). A prior *for* spun
    (``Options.prior`` above 0) holds here too. One sweep: the window moves
    on with the clusters, its sum of means kept up to date."""
    sentences = list(accumulate((w == "<s>" for w in words), initial=0))
    keys = [_keys(c) for c in clusters]
    values = [_evidence(c, opts) for c in clusters]
    starts = [c.cands[0].lo for c in clusters]
    by_keys: dict[frozenset[str], list[float]] = {}  # key -> [sum, count]
    total = 0.0  # sum over keys of the mean evidence in the window

    def move(k: int, sign: int) -> None:
        nonlocal total
        acc = by_keys.setdefault(keys[k], [0.0, 0])
        if acc[1]:
            total -= acc[0] / acc[1]
        acc[0] += sign * values[k]
        acc[1] += sign
        if acc[1]:
            total += acc[0] / acc[1]
        else:
            del by_keys[keys[k]]

    out = []
    first = last = 0  # clusters [first, last) are in the window
    bonus = max(0.0, opts.prior)
    for start in starts:
        lo = max(0, start - _REACH)
        hi = min(len(words), start + _REACH)
        while last < len(starts) and starts[last] <= hi:
            move(last, 1)
            last += 1
        while starts[first] < lo:
            move(first, -1)
            first += 1
        size = hi - lo - 2 * (sentences[hi] - sentences[lo])
        out.append(bonus - opts.per_word * size + total >= 0)
    return out


def _quoted_clean(
    clusters: list[_Cluster], quoted: Sequence[tuple[int, int]], tokens: int, opts: Options
) -> list[_Cluster]:
    """The clusters inside quotations, where the quotations, taken together
    as a document of their own, are more likely clean (the document test of
    :func:`document_odds`, without the per-word term: their words were
    counted in the document's): they are left as written. Some sites spin
    inside quotations and some do not; one hit the model likes ("Due to" ->
    "Because of") is not evidence enough that a page's quotations were
    spun. Quotations that fill half the document or more were judged by the
    document test itself. Measured: on the grouped folds, harmful edits 26
    -> 20 and helpful 2164 -> 2162; on lines given alone, helpful 1898 ->
    1889 (1882 without the half-document rule), harmful 21 -> 21."""
    if 2 * sum(end - start for start, end in quoted) >= tokens:
        return []
    starts = [a for a, _ in quoted]
    inside: list[_Cluster] = []
    for cluster in clusters:
        first = cluster.cands[0].hit.start
        k = bisect_right(starts, first) - 1
        if k >= 0 and first < quoted[k][1]:
            inside.append(cluster)
    if inside and document_odds(inside, 0, opts) < 0:
        return inside
    return []


def _tied(clusters: Sequence[_Cluster], tie: float) -> dict[tuple[str, str], tuple[float, int]]:
    """``{(key, original): (P(swap), occurrences)}`` for phrases seen more than once in the
    document: the spinner is nearly deterministic per word, so the
    occurrences of one phrase share whether it was swapped. Each occurrence's
    context evidence (its marginal's log-odds less the prior) is added to the
    prior, counted once, each with weight ``tie``. An occurrence whose
    evidence is against the swap is left out where it is near-surely
    (``_ANOTHER_ORIGINAL``) another original's swap, or a longer phrase's
    whose original holds this one (:func:`_explains`): the spinner writes one
    form for several words ("home" for "house" and for "domestic"), and a
    phrase's swap ("metal business" -> "steel industry") leaves its word
    little mass of its own; neither says anything against this swap
    elsewhere. Measured (docs/benchmarks.md, session 33): on the grouped
    folds, helpful edits 2299 -> 2303 with harmful and neutral unchanged (22,
    72); the seed's "White Home adviser" and "home politics" are restored,
    and so is "British Metal" -> "Steel" on a real spun page."""
    sums: dict[tuple[str, str], list[float]] = {}
    for cluster in clusters:
        sure = [
            c
            for c, q in zip(cluster.cands, cluster.marginals, strict=True)
            if q >= _ANOTHER_ORIGINAL
        ]
        for cand, p in zip(cluster.cands, cluster.marginals, strict=True):
            p = min(max(p, 1e-6), 1 - 1e-6)
            evidence = math.log(p / (1 - p)) - cand.hit.prior
            if evidence < 0 and sure and any(_explains(other, cand) for other in sure):
                # A swap of another original here ("White Home adviser" is
                # "House", "its home politics" is "domestic"), or of a longer
                # phrase that writes this original too: it says nothing
                # against this swap elsewhere.
                continue
            # The table's prior, without what one occurrence's seen context adds.
            prior = cand.hit.prior - cand.hit.memory
            acc = sums.setdefault((cand.hit.key, cand.hit.original), [prior, 0.0, 0.0])
            acc[1] += evidence
            acc[2] += 1
    out = {}
    for key, (prior, evidence, n) in sums.items():
        if n > 1:
            z = prior + tie * evidence
            out[key] = (1 / (1 + math.exp(-max(-700.0, min(700.0, z)))), int(n))
    return out


def _explains(other: _Cand, cand: _Cand) -> bool:
    """Whether ``other``, if made, accounts for the words of ``cand`` without
    saying that ``cand``'s swap was not made: another original of the same
    phrase in the same place, or a longer phrase over it whose original
    holds ``cand``'s ("metal business" -> "steel industry" over "metal" ->
    "steel")."""
    if other is cand:
        return False
    if (other.lo, other.hi, other.hit.key) == (cand.lo, cand.hi, cand.hit.key):
        return True
    return (
        other.lo <= cand.lo
        and cand.hi <= other.hi
        and other.hi - other.lo > cand.hi - cand.lo
        and _holds(other.words, cand.words)
    )


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


# An occurrence against a swap is left out of the phrase's shared decision
# for that original where a reading that explains it (:func:`_explains`) is
# at least this likely (:func:`_tied`).
_ANOTHER_ORIGINAL = 0.95


# The document test runs on sections of about this many model words (cut at
# sentence ends): the per-word baseline was measured on news articles of this
# length, and evidence from repeated phrases does not grow with length (a
# long spun book is spun section by section; a clean page with a spun
# section is restored there only).
_SECTION = 400


def sections(words: Sequence[str], size: int = _SECTION) -> list[tuple[int, int]]:
    """``[lo, hi)`` ranges of model words, cut after a sentence once a
    section holds ``size`` words (the last one may be shorter).

    >>> sections(["<s>", "a", "b", "</s>", "<s>", "c", "</s>"], 2)
    [(0, 4), (4, 7)]
    """
    out = []
    lo = 0
    n = len(words)
    while lo < n:
        hi = min(n, lo + size)
        while hi < n and words[hi - 1] != "</s>":
            hi += 1
        out.append((lo, hi))
        lo = hi
    return out or [(0, 0)]


def _section_of(ends: list[int], pos: int) -> int:
    """Index of the section (by their ends, ascending) that holds ``pos``."""
    return min(bisect_right(ends, pos), len(ends) - 1)


def _explain(
    words: list[str],
    cluster: _Cluster,
    k: int,
    spun: float,
    p: float,
    shared: int,
    made: bool = True,
) -> str:
    cand = cluster.cands[k]
    before = " ".join(w for w in words[max(0, cand.lo - 2) : cand.lo] if w != "<s>")
    after = " ".join(words[cand.hi : cand.hi + 2]).partition("</s>")[0].strip()
    new = " ".join(x for x in (before, " ".join(cand.words), after) if x)
    old = " ".join(x for x in (before, " ".join(words[cand.lo : cand.hi]), after) if x)
    delta = cluster.scored.deltas[cluster.scored.combos.index((k,))]
    joint = ""
    if k not in cluster.best:
        if made:
            joint = (
                "; outside its neighbours' likeliest reading, made for its occurrences elsewhere"
            )
    elif len(cluster.best) > 1:
        joint = "; decided jointly with its neighbours"
    tied = f"; {p:.2f} shared by its {shared} occurrences in the document" if shared > 1 else ""
    odd = "; a phrase clean English hardly writes" if cand.odd else ""
    memory = cand.hit.memory
    prior = cand.hit.prior - memory
    seen = ""
    if memory:
        where = (
            "in this very context"
            if memory >= MEMORY
            else "beside the same words"
            if memory >= HALF_MEMORY
            else "beside the same word"
        )
        seen = f" {memory:+.1f} (this swap seen {where})"
    return (
        f"trigram {delta:+.1f} ('{new}' vs '{old}'); table {prior:+.1f}{seen}{odd}; "
        f"P(swap) {cluster.marginals[k]:.2f}{tied}; P(document spun) {spun:.2f}{joint}"
    )
