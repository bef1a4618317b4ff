"""Stage 8: evaluate restorations on aligned pairs (the metrics of DESIGN.md).

Tokens are words and single punctuation marks (:func:`unspin.tokenize.tokenize`)
with typographic quotes folded to straight ones; case is kept.

* **repair** = 1 - dist(restored, clean) / dist(spun, clean), token-level
  Levenshtein, summed over the corpus: the share of the damage undone.
* **edit precision / recall / F0.5**: gold edits are the non-equal opcodes
  spun -> clean, system edits those of spun -> restored (token-level
  ``rapidfuzz.distance.Levenshtein.opcodes``); an edit is
  ``(start, end, replacement tokens)`` and only exact matches count.
* **token accuracy**: share of clean tokens the restoration gets right (LCS).
* **chrF** (Popović 2015, as in sacrebleu: character 1..6-grams, spaces
  removed, beta 2, statistics summed over the corpus, 0..100; equal to
  sacrebleu 2.x ``CHRF()`` to the last digit) of the
  restoration against the clean text; ``chrf_spun`` is the same for the spun
  text, so the gain is ``chrf - chrf_spun``.
* **helpful-edit precision**: each system edit applied *alone* to the spun
  tokens is helpful if it lowers the distance to the clean text, harmful if
  it raises it, neutral otherwise; helpful precision = helpful / all edits.
  Exact-match precision undercounts correct partial fixes inside longer gold
  edits (``worth`` -> ``price`` inside ``worth will increase`` -> ``price
  increases``); this one does not, and a user feels the harmful ones.
* **false edits per 10,000 tokens**: system edits made on clean text.

Results are :class:`Score` objects with a *signature* naming everything that
affects the numbers, as in sacrebleu.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from .align import align
from .tokenize import tokenize

__all__ = [
    "PairStats",
    "Score",
    "chrf",
    "chrf_stats",
    "edit_effects",
    "edit_set",
    "false_edits",
    "pair_stats",
    "score_pairs",
]

TOKENIZATION = "unspin-words+punct/quotes-folded"
DEFAULT_SEED = 12345
CHRF_ORDER = 6
CHRF_BETA = 2.0
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def metric_tokens(text: str) -> list[str]:
    """Tokens as the metrics see them.

    >>> metric_tokens("He’s “here”.")
    ['He', "'s", '"', 'here', '"', '.']
    """
    return [t.text.translate(_FOLD) for t in tokenize(text)]


def edit_set(source: Sequence[str], target: Sequence[str]) -> set[tuple[int, int, tuple[str, ...]]]:
    """The edits turning ``source`` into ``target``: (start, end, replacement).

    >>> sorted(edit_set(["a", "b", "c"], ["a", "x", "c"]))
    [(1, 2, ('x',))]
    """
    ids: dict[str, int] = {}
    a = [ids.setdefault(t, len(ids)) for t in source]
    b = [ids.setdefault(t, len(ids)) for t in target]
    return {
        (op.src_start, op.src_end, tuple(target[op.dest_start : op.dest_end]))
        for op in Levenshtein.opcodes(a, b)
        if op.tag != "equal"
    }


def chrf_stats(hypothesis: str, reference: str) -> tuple[int, ...]:
    """Per order n = 1..6: matched, hypothesis and reference character n-grams.

    >>> chrf_stats("ab", "ab")[:6]
    (2, 2, 2, 1, 1, 1)
    """
    hyp = "".join(hypothesis.translate(_FOLD).split())
    ref = "".join(reference.translate(_FOLD).split())
    out: list[int] = []
    for n in range(1, CHRF_ORDER + 1):
        h = Counter(hyp[i : i + n] for i in range(len(hyp) - n + 1))
        r = Counter(ref[i : i + n] for i in range(len(ref) - n + 1))
        out += [sum((h & r).values()), max(len(hyp) - n + 1, 0), max(len(ref) - n + 1, 0)]
    return tuple(out)


def chrf(stats: Sequence[int]) -> float:
    """chrF (0..100) from summed :func:`chrf_stats`; orders with no reference
    n-grams are left out, as in sacrebleu.

    >>> chrf(chrf_stats("the war ended", "the war ended"))
    100.0
    >>> chrf(chrf_stats("", ""))
    100.0
    >>> round(chrf(chrf_stats("the struggle ended", "the war ended")), 1)
    34.1
    """
    precisions, recalls = [], []
    for n in range(CHRF_ORDER):
        match, hyp, ref = stats[3 * n : 3 * n + 3]
        if ref == 0 and hyp == 0:
            continue
        precisions.append(match / hyp if hyp else 0.0)
        recalls.append(match / ref if ref else 0.0)
    if not precisions:
        return 100.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return 100 * _f(p, r, CHRF_BETA)


def _sum_stats(rows: Iterable[Sequence[int]]) -> list[int]:
    total = [0] * (3 * CHRF_ORDER)
    for row in rows:
        for i, value in enumerate(row):
            total[i] += value
    return total


@dataclass(frozen=True)
class PairStats:
    """Sufficient statistics of one pair (they add up over a corpus)."""

    dist_spun: int
    dist_restored: int
    gold: int
    system: int
    correct: int
    tokens: int
    correct_tokens: int
    by_shape: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    chrf: tuple[int, ...] = ()
    chrf_spun: tuple[int, ...] = ()
    helpful: int = 0
    harmful: int = 0


def _shape(edit: tuple[int, int, tuple[str, ...]]) -> str:
    n, m = edit[1] - edit[0], len(edit[2])
    return "1:1" if n == m == 1 else "1:n" if n == 1 else "n:1" if m == 1 else "n:m"


def edit_effects(
    source: Sequence[str], target: Sequence[str], edits: Iterable[tuple[int, int, tuple[str, ...]]]
) -> tuple[int, int, int]:
    """``(helpful, harmful, neutral)``: each edit applied alone to ``source``
    lowers, raises or keeps its token distance to ``target``.

    >>> s, c = "the struggle may finish".split(), "the war may end".split()
    >>> edit_effects(s, c, [(1, 2, ("war",)), (3, 4, ("stop",)), (0, 1, ("a",))])
    (1, 1, 1)
    """
    ids: dict[str, int] = {}
    a = [ids.setdefault(t, len(ids)) for t in source]
    b = [ids.setdefault(t, len(ids)) for t in target]
    base = Levenshtein.distance(a, b)
    counts = [0, 0, 0]
    for start, end, replacement in edits:
        alone = a[:start] + [ids.setdefault(t, len(ids)) for t in replacement] + a[end:]
        dist = Levenshtein.distance(alone, b)
        counts[0 if dist < base else 1 if dist > base else 2] += 1
    return counts[0], counts[1], counts[2]


def pair_stats(spun: str, clean: str, restored: str) -> PairStats:
    """Statistics of one aligned pair and its restoration.

    >>> s = pair_stats("the struggle ended", "the war ended", "the war ended")
    >>> s.dist_spun, s.dist_restored, s.gold, s.system, s.correct, s.helpful, s.harmful
    (1, 0, 1, 1, 1, 1, 0)
    """
    s, c, r = metric_tokens(spun), metric_tokens(clean), metric_tokens(restored)
    gold, system = edit_set(s, c), edit_set(s, r)
    helpful, harmful, _ = edit_effects(s, c, system)
    shapes: dict[str, list[int]] = {}
    for edit in gold | system:
        counts = shapes.setdefault(_shape(edit), [0, 0, 0])
        counts[0] += edit in gold
        counts[1] += edit in system
        counts[2] += edit in gold and edit in system
    correct_tokens = sum(op.a_end - op.a_start for op in align(r, c) if op.tag == "equal")
    return PairStats(
        Levenshtein.distance(s, c),
        Levenshtein.distance(r, c),
        len(gold),
        len(system),
        len(gold & system),
        len(c),
        correct_tokens,
        {k: (v[0], v[1], v[2]) for k, v in sorted(shapes.items())},
        chrf_stats(restored, clean),
        chrf_stats(spun, clean),
        helpful,
        harmful,
    )


def _f(p: float, r: float, beta: float = 0.5) -> float:
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def _metrics(stats: Sequence[PairStats]) -> dict[str, float]:
    dist_s = sum(x.dist_spun for x in stats)
    dist_r = sum(x.dist_restored for x in stats)
    gold = sum(x.gold for x in stats)
    system = sum(x.system for x in stats)
    correct = sum(x.correct for x in stats)
    tokens = sum(x.tokens for x in stats)
    p = correct / system if system else 1.0
    r = correct / gold if gold else 1.0
    helpful = sum(x.helpful for x in stats)
    harmful = sum(x.harmful for x in stats)
    return {
        "repair": 1 - dist_r / dist_s if dist_s else (0.0 if dist_r == 0 else -float(dist_r)),
        "precision": p,
        "recall": r,
        "f0.5": _f(p, r),
        "helpful_precision": helpful / system if system else 1.0,
        "token_accuracy": sum(x.correct_tokens for x in stats) / tokens if tokens else 1.0,
        "chrf": chrf(_sum_stats(x.chrf for x in stats)),
        "chrf_spun": chrf(_sum_stats(x.chrf_spun for x in stats)),
        "gold_edits": gold,
        "system_edits": system,
        "correct_edits": correct,
        "helpful_edits": helpful,
        "harmful_edits": harmful,
        "neutral_edits": system - helpful - harmful,
    }


@dataclass(frozen=True)
class Score:
    """Corpus-level metrics with bootstrap confidence intervals and a signature."""

    metrics: dict[str, float]
    intervals: dict[str, tuple[float, float]]
    by_shape: dict[str, dict[str, float]]
    pairs: int
    signature: str

    def format(self, fmt: str = "text") -> str:
        """``text`` (one line per metric) or ``json``."""
        if fmt == "json":
            return json.dumps(asdict(self), indent=2, sort_keys=True)
        lines = [f"pairs: {self.pairs}"]
        for name, value in self.metrics.items():
            ci = self.intervals.get(name)
            interval = f"  [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            lines.append(f"{name}: {shown}{interval}")
        for shape, m in self.by_shape.items():
            lines.append(
                f"  {shape}: P {m['precision']:.3f} R {m['recall']:.3f} "
                f"F0.5 {m['f0.5']:.3f} (gold {m['gold']:.0f})"
            )
        lines.append(f"signature: {self.signature}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def score_pairs(
    triples: Iterable[tuple[str, str, str]],
    *,
    table_sha256: str = "none",
    options: str = "default",
    bootstrap: int = 1000,
    seed: int = DEFAULT_SEED,
) -> Score:
    """Score ``(spun, clean, restored)`` triples.

    >>> sc = score_pairs([("the struggle ended", "the war ended", "the war ended")], bootstrap=0)
    >>> sc.metrics["repair"], sc.metrics["f0.5"]
    (1.0, 1.0)
    """
    stats = [pair_stats(s, c, r) for s, c, r in triples]
    metrics = _metrics(stats)
    intervals: dict[str, tuple[float, float]] = {}
    if bootstrap and stats:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {
            k: [] for k in ("repair", "precision", "recall", "f0.5", "helpful_precision")
        }
        for _ in range(bootstrap):
            resample = [stats[rng.randrange(len(stats))] for _ in stats]
            m = _metrics(resample)
            for k in samples:
                samples[k].append(m[k])
        for k, values in samples.items():
            values.sort()
            intervals[k] = (values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1])
    by_shape: dict[str, dict[str, float]] = {}
    for shape in ("1:1", "1:n", "n:1", "n:m"):
        g = sum(x.by_shape.get(shape, (0, 0, 0))[0] for x in stats)
        s = sum(x.by_shape.get(shape, (0, 0, 0))[1] for x in stats)
        c = sum(x.by_shape.get(shape, (0, 0, 0))[2] for x in stats)
        if g or s:
            p, r = (c / s if s else 1.0), (c / g if g else 1.0)
            by_shape[shape] = {"precision": p, "recall": r, "f0.5": _f(p, r), "gold": g}
    from . import __version__

    signature = (
        f"table:{table_sha256[:8]}|tok:{TOKENIZATION}|chrf:c{CHRF_ORDER}+b{CHRF_BETA:g}|opts:{options}|"
        f"bootstrap:{bootstrap}|seed:{seed}|version:unspin-{__version__}"
    )
    return Score(metrics, intervals, by_shape, len(stats), signature)


def false_edits(
    clean_texts: Iterable[str], restored_texts: Iterable[str]
) -> tuple[int, int, float]:
    """System edits on clean text: (edits, tokens, edits per 10,000 tokens).

    >>> false_edits(["The war ended."], ["The war ended."])
    (0, 4, 0.0)
    """
    edits = tokens = 0
    for clean, restored in zip(clean_texts, restored_texts, strict=True):
        c, r = metric_tokens(clean), metric_tokens(restored)
        edits += len(edit_set(c, r))
        tokens += len(c)
    return edits, tokens, (1e4 * edits / tokens if tokens else 0.0)


def to_dict(score: Score) -> dict[str, Any]:
    """The score as plain data (for JSON output)."""
    return asdict(score)
