"""Where learning from spun text alone loses a spinner's forms (issue 11).

Spins ``--n`` training-pool BBC articles with ``--spinner`` (as
``unpaired_synthetic.py`` does), learns unpaired from the spun texts
(``--open``: ``require_synonym=False``; with the news counts rebuilt without
the sample, as there), and follows every one-word form the spinner made
``--least`` times or more through the learner's stages, in the last round
where it was a suspect. Each form lands in the first of these that applies:

``right`` / ``wrong``
    the table's entry for the form has its original first / another word;
``no_suspect``
    never a suspect (the corpus holds it too little more often than clean
    text would);
``number_or_function``
    the original is a word no guess from context may write (``rates.NEVER``);
``never_proposed``
    no context proposed the original (it is not a depleted word between the
    form's neighbours in the bigram counts, nor a thesaurus source);
``proposed_once`` / ``too_common`` / ``below_budget``
    proposed, but at one occurrence only, or clean text holds it far more
    often than the form's excess (``_can_account``), or ranked below the
    candidates' budget (``_specificity``);
``not_weighed``
    a candidate the sample of documents ruled out (``_narrowed``);
``bursty``
    the form comes in bursts (``rates.spread_out``; open learner only);
``outscored`` / ``within_margin``
    another original has more evidence / the original leads by less than the
    margin;
``unsupported`` / ``implausible`` / ``taken``
    too few documents, contexts or occurrences; the corpus holds the
    original as often as ever (``_plausible``); another form took it.

Each count is split by whether the original is itself one of the spinner's
forms (a random mapping's word is often both: its own occurrences are then
the swaps of another word, and it is not missing from the corpus) and
whether it is depleted (``rates.depleted_words``). Run from ``benchmarks/``:

    python unpaired_losses.py [--spinner random] [--open] [--n 1000] [--offset 0] [--least 5]

Writes benchmarks/results/unpaired_losses_<spinner>_<careful|open>[_offset<k>].json.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from _common import bbc_split, news_counts_without, require_shared, save
from unpaired_synthetic import spun_sample

import unspin
from unspin import unpaired
from unspin.rates import MIN_DEPLETION, NEVER, depletion, spread_out

_BANDS = ((5, 19, "seen_5_19"), (20, 10**9, "seen_20_up"))


@contextmanager
def _rounds() -> Iterator[list[dict[str, Any]]]:
    """Records, per round of :func:`unspin.learn_unpaired`, the suspects, the
    candidates, the final statistics and the bars ``table_from_stats`` got."""
    rounds: list[dict[str, Any]] = []
    choose, table = unpaired.choose_candidates, unpaired.table_from_stats

    def choose_and_keep(stats: Any, suspects: dict[str, float]) -> Any:
        candidates = choose(stats, suspects)
        rounds.append({"suspects": dict(suspects), "candidates": candidates})
        return candidates

    def table_and_keep(stats: Any, suspects: dict[str, float], **bars: Any) -> Any:
        rounds[-1].update(stats=stats, bars=bars)
        return table(stats, suspects, **bars)

    unpaired.choose_candidates = choose_and_keep
    unpaired.table_from_stats = table_and_keep
    try:
        yield rounds
    finally:
        unpaired.choose_candidates, unpaired.table_from_stats = choose, table


def _stage(form: str, original: str, r: dict[str, Any], careful: bool) -> str:
    """Where ``form`` (with its true ``original``) was lost in round ``r``."""
    stats, suspects = r["stats"], r["suspects"]
    if original in NEVER:
        return "number_or_function"
    if original not in r["candidates"].get(form, ()):
        proposed = stats.proposals.get(form, Counter())
        if original not in proposed:
            return "never_proposed"
        excess = stats.counts[form] * (1.0 - 1.0 / suspects[form])
        if proposed[original] < 2:
            return "proposed_once"
        if not unpaired._can_account(stats, original, excess):
            return "too_common"
        return "below_budget"
    by_original = stats.evidence.get(form, {})
    if original not in by_original:
        return "not_weighed"
    if not careful and not spread_out(stats, form):
        return "bursty"
    scored = stats.scored[form]
    scores = unpaired._channel_scores(
        stats, form, suspects[form], scored, ((o, v[0]) for o, v in by_original.items())
    )
    scores, _ = unpaired._one_spelling(scores, stats)
    best = max(scores, key=lambda o: (scores[o], o))
    if unpaired._spelling(best) != unpaired._spelling(original):
        return "outscored"
    margin = max(unpaired._MARGIN, unpaired._MARGIN_PER_ROOT * math.sqrt(scored))
    if not unpaired._leaders(scores, margin, 1 if not careful else unpaired._LEADERS):
        return "within_margin"
    bars = r["bars"]
    if not unpaired._supported(
        stats, form, best, scores[best], bars["min_docs"], bars["min_share"], bars["min_evidence"]
    ):
        return "unsupported"
    if not unpaired._plausible(stats, form, best, careful):
        return "implausible"
    return "taken"


def losses(
    table: unspin.Table, truth: dict[str, Counter[str]], rounds: list[dict[str, Any]], **how: Any
) -> dict[str, Any]:
    """Every one-word form of ``truth`` seen ``how["least"]`` times or more,
    by band, counted by where it was lost and by what its original is."""
    careful, least = how["careful"], how["least"]
    first = rounds[0]["stats"]
    out: dict[str, Any] = {}
    examples: dict[str, list[str]] = {}
    for lo, hi, band in _BANDS:
        counts: Counter[str] = Counter()
        split: Counter[str] = Counter()
        for form, originals in sorted(truth.items()):
            seen = sum(originals.values())
            if " " in form or not max(lo, least) <= seen <= hi:
                continue
            original = originals.most_common(1)[0][0]
            entry = table.lookup(form)
            last = next((r for r in reversed(rounds) if form in r["suspects"]), None)
            if entry is not None:
                stage = "right" if entry.best()[0] in originals else "wrong"
            elif last is None:
                stage = "no_suspect"
            else:
                stage = _stage(form, original, last, careful)
            kind = "form" if original in truth else "not_form"
            missing = "depleted" if depletion(first, original) >= MIN_DEPLETION else "not_depleted"
            counts[stage] += 1
            split[f"{stage}/{kind}/{missing}"] += 1
            if len(examples.setdefault(stage, [])) < 8:
                examples[stage].append(f"{form} <- {original} ({seen})")
        out[band] = {
            "stages": dict(counts.most_common()),
            "by_original": dict(sorted(split.items())),
        }
    out["examples"] = examples
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spinner", default="random", choices=("random", "mythes", "wordnet"))
    parser.add_argument("--open", action="store_true", help="require_synonym=False")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--least", type=int, default=5)
    args = parser.parse_args()
    require_shared()
    train, _ = bbc_split()
    sample = train[args.offset : args.offset + args.n]
    spun, truth, _ = spun_sample(args.spinner, sample)
    careful = not args.open
    with news_counts_without(sample), _rounds() as rounds:
        table = unspin.learn_unpaired(spun, require_synonym=careful)
        result = losses(table, truth, rounds, careful=careful, least=args.least)
    for _, _, band in _BANDS:
        print(band, sum(result[band]["stages"].values()), "forms:", result[band]["stages"])
    suffix = f"_offset{args.offset}" if args.offset else ""
    label = "careful" if careful else "open"
    save(f"unpaired_losses_{args.spinner}_{label}{suffix}", {**vars(args), **result})


if __name__ == "__main__":
    main()
