"""The benchmark harness: unspin and the baselines side by side on the same pairs.

``run_bench(pairs)`` restores the spun side of every test pair with each
system, scores it against the clean side (:func:`unspin.evaluate.score_pairs`)
and restores the clean side too, to count false edits on clean text. With
``learn_split`` the first share of the pairs trains unspin's table (learned
over the base table) and the naive baseline; the rest is the test set. With
``learn_pairs`` a separate set trains them and every pair of ``pairs`` is a
test pair: the way to keep test texts apart from anything a model has seen.

>>> pairs = [("He mentioned the struggle ended.", "He said the war ended.")] * 4
>>> report = run_bench(pairs, learn_split=0.5, bootstrap=0, progress=False)
>>> report.results[0].name, report.results[0].score.metrics["repair"]
('unspin', 1.0)
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .baselines import BASELINES, Restorer, make_fgws, make_identity, make_naive, make_tortured
from .evaluate import DEFAULT_SEED, Score, false_edits, score_pairs
from .learn import learn
from .restore import Options, restore
from .table import Table

__all__ = ["SYSTEMS", "BenchReport", "SystemResult", "run_bench"]

SYSTEMS = ("unspin", *BASELINES)


@dataclass(frozen=True)
class SystemResult:
    """One system's score on the test pairs and its false edits on the clean sides."""

    name: str
    score: Score
    false_edits: int
    clean_tokens: int
    seconds: float

    @property
    def false_per_10k(self) -> float:
        return 1e4 * self.false_edits / self.clean_tokens if self.clean_tokens else 0.0


@dataclass(frozen=True)
class BenchReport:
    train_pairs: int
    test_pairs: int
    table_sha256: str
    table_entries: int
    results: list[SystemResult]
    skipped: list[str]

    def format(self, fmt: str = "text") -> str:
        """``text`` (a table, then one signature per system) or ``json``."""
        if fmt == "json":
            return json.dumps(
                {
                    "train_pairs": self.train_pairs,
                    "test_pairs": self.test_pairs,
                    "table_sha256": self.table_sha256,
                    "table_entries": self.table_entries,
                    "skipped": self.skipped,
                    "systems": {
                        r.name: {
                            "metrics": r.score.metrics,
                            "intervals": r.score.intervals,
                            "by_shape": r.score.by_shape,
                            "false_edits": r.false_edits,
                            "clean_tokens": r.clean_tokens,
                            "false_per_10k": r.false_per_10k,
                            "seconds": r.seconds,
                            "signature": r.score.signature,
                        }
                        for r in self.results
                    },
                },
                indent=2,
                sort_keys=True,
            )
        lines = [
            f"pairs: {self.train_pairs} train, {self.test_pairs} test; "
            f"table {self.table_sha256[:8]} ({self.table_entries} entries)",
            f"{'system':<10} {'repair':>7} {'P':>6} {'R':>6} {'F0.5':>6} {'F0.5 95% CI':>15} "
            f"{'chrF':>6} {'false/10k':>9} {'sec':>6}",
        ]
        for r in self.results:
            m, ci = r.score.metrics, r.score.intervals.get("f0.5")
            interval = f"[{ci[0]:.3f},{ci[1]:.3f}]" if ci else ""
            lines.append(
                f"{r.name:<10} {m['repair']:>7.3f} {m['precision']:>6.3f} {m['recall']:>6.3f} "
                f"{m['f0.5']:>6.3f} {interval:>15} {m['chrf']:>6.1f} {r.false_per_10k:>9.2f} "
                f"{r.seconds:>6.1f}"
            )
        lines += [f"skipped {s}" for s in self.skipped]
        lines += [f"signature {r.name}: {r.score.signature}" for r in self.results]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def _progress(total: int, desc: str, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(
        total=total, desc=desc, unit="text", file=sys.stderr, disable=not enabled, leave=False
    )


def run_bench(
    pairs: Sequence[tuple[str, str]],
    *,
    table: Table | None = None,
    learn_split: float | None = None,
    learn_pairs: Sequence[tuple[str, str]] | None = None,
    systems: Sequence[str] = SYSTEMS,
    options: Options | None = None,
    bootstrap: int = 1000,
    seed: int = DEFAULT_SEED,
    progress: bool = True,
) -> BenchReport:
    """Score ``systems`` on ``(spun, clean)`` pairs; see the module docstring."""
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown systems {unknown}; choose from {', '.join(SYSTEMS)}")
    if learn_split is not None and not 0.0 < learn_split < 1.0:
        raise ValueError(f"learn_split must be between 0 and 1 (exclusive), got {learn_split!r}")
    if learn_split is not None and learn_pairs is not None:
        raise ValueError("give learn_split or learn_pairs, not both")
    base = Table.default() if table is None else table
    n_train = math.floor(len(pairs) * learn_split) if learn_split else 0
    train, test = list(pairs[:n_train]), list(pairs[n_train:])
    if learn_pairs is not None:
        train = list(learn_pairs)
        if not train:
            raise ValueError("learn_pairs is empty; give training pairs or leave it out")
    if learn_split and not train:
        raise ValueError(
            f"learn_split {learn_split} of {len(pairs)} pairs leaves no training pairs; give more pairs"
        )
    if not test:
        raise ValueError("no test pairs left; lower learn_split or give more pairs")
    learned = learn(train, base=base) if train else base
    opts = options or Options()
    makers: dict[str, Callable[[], Restorer]] = {
        "unspin": lambda: lambda text: restore(text, table=learned, options=opts),
        "identity": make_identity,
        "tortured": lambda: make_tortured(base),
        "naive": lambda: make_naive(train),
        "fgws": make_fgws,
    }
    results, skipped = [], []
    for name in systems:
        if name == "naive" and not train:
            skipped.append("naive: it learns from training pairs; give learn_split or learn_pairs")
            continue
        start = time.perf_counter()
        restorer = makers[name]()
        restored, restored_clean = [], []
        with _progress(2 * len(test), name, progress) as bar:
            for spun, clean in test:
                restored.append(restorer(spun))
                restored_clean.append(restorer(clean))
                bar.update(2)
        seconds = time.perf_counter() - start
        score = score_pairs(
            ((s, c, r) for (s, c), r in zip(test, restored, strict=True)),
            table_sha256=learned.sha256 if name == "unspin" else base.sha256,
            options=f"{name}:{_options_label(name, opts)}",
            bootstrap=bootstrap,
            seed=seed,
        )
        edits, tokens, _ = false_edits([c for _, c in test], restored_clean)
        results.append(SystemResult(name, score, edits, tokens, seconds))
    return BenchReport(len(train), len(test), learned.sha256, len(learned), results, skipped)


def _options_label(name: str, opts: Options) -> str:
    if name != "unspin":
        return "default"
    return ",".join(f"{k}={v}" for k, v in sorted(vars(opts).items()))
