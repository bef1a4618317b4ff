"""Where learning from spun text alone loses a spinner's forms (issue 11).

Spins ``--n`` training-pool BBC articles with ``--spinner`` (as
``unpaired_synthetic.py`` does), learns unpaired from the spun texts
(``--open``: ``require_synonym=False``; with the news counts rebuilt without
the sample, as there), and follows every one-word form the spinner made
``--least`` times or more to the stage that lost its true original
(:func:`unspin.verdict.stage`, which ``unspin learn --unpaired --why FORM``
uses too): in the round that learned the form, else in the last round in
which it was a suspect, else in the first. The stages, in the order the
learner meets them: ``learned`` / ``wrong`` (an entry with the original
first / another word); ``never``, ``rare``, ``name``, ``no_suspect`` (no
suspect: a function word, seen too few times, a name, or no more often than
clean text would hold it); ``number_or_function`` (the original is a word no
guess from context may write: a function word, or a number word the corpus has
not lost); ``never_proposed``, ``proposed_once``,
``too_common``, ``below_budget`` (no candidate: not proposed, proposed at
one occurrence only, clean text holds it far more often than the form's
excess, or ranked below the candidates' budget); ``not_weighed`` (the sample
of documents ruled it out); ``bursty`` (open learner only); ``outscored`` /
``within_margin`` (another original has more evidence / the original leads
by less than the margin); ``unsupported``, ``implausible``, ``taken``,
``too_few_swaps``.

Each stage is counted in forms and in swaps (the sum of its forms' sightings:
what downstream repair feels). Each form count is split by whether the original is itself one of the spinner's
forms (a random mapping's word is often both: its own occurrences are then
the swaps of another word, and it is not missing from the corpus) and
whether it is depleted (``rates.depleted_words``). Run from ``benchmarks/``:

    python unpaired_losses.py [--spinner random] [--open] [--n 1000] [--offset 0] [--least 5]

Writes benchmarks/results/unpaired_losses_<spinner>_<careful|open>[_offset<k>].json.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from _common import bbc_split, news_counts_without, require_shared, save
from unpaired_synthetic import spun_sample

import unspin
from unspin import unpaired
from unspin.rates import MIN_DEPLETION, depletion
from unspin.verdict import stage

_BANDS = ((5, 19, "seen_5_19"), (20, 10**9, "seen_20_up"))


def losses(
    truth: dict[str, Counter[str]], rounds: list[unpaired.Round], least: int
) -> dict[str, Any]:
    """Every one-word form of ``truth`` seen ``least`` times or more, by
    band, counted by the stage that lost its original
    (:func:`unspin.verdict.stage`: in the round that learned the form, else in
    the last round in which it was a suspect, else in the first) and by what
    its original is."""
    first = rounds[0].stats
    out: dict[str, Any] = {}
    examples: dict[str, list[str]] = {}
    for lo, hi, band in _BANDS:
        counts: Counter[str] = Counter()
        swaps: Counter[str] = Counter()
        split: Counter[str] = Counter()
        for form, originals in sorted(truth.items()):
            seen = sum(originals.values())
            if " " in form or not max(lo, least) <= seen <= hi:
                continue
            # A spinner may write one form for several words: the entry's
            # original is right if it is any of them.
            entries = (r.table.lookup(form) for r in rounds)
            learned_as = next((e.best()[0] for e in entries if e is not None), None)
            original = learned_as if learned_as in originals else originals.most_common(1)[0][0]
            verdicts = [stage(r, form, original) for r in rounds]
            decided = next((v for v in verdicts if v.stage in ("learned", "wrong")), None)
            if decided is None:
                suspect = [v for r, v in zip(rounds, verdicts, strict=True) if form in r.suspects]
                decided = suspect[-1] if suspect else verdicts[0]
            kind = "form" if original in truth else "not_form"
            missing = "depleted" if depletion(first, original) >= MIN_DEPLETION else "not_depleted"
            counts[decided.stage] += 1
            swaps[decided.stage] += seen
            split[f"{decided.stage}/{kind}/{missing}"] += 1
            if len(examples.setdefault(decided.stage, [])) < 8:
                examples[decided.stage].append(f"{form} <- {original} ({seen})")
        out[band] = {
            "stages": dict(counts.most_common()),
            "swaps": dict(swaps.most_common()),
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
    rounds: list[unpaired.Round] = []
    with news_counts_without(sample):
        unspin.learn_unpaired(spun, require_synonym=careful, observe=rounds.append)
        result = losses(truth, rounds, args.least)
    for _, _, band in _BANDS:
        print(band, sum(result[band]["stages"].values()), "forms:", result[band]["stages"])
        print(band, sum(result[band]["swaps"].values()), "swaps:", result[band]["swaps"])
    suffix = f"_offset{args.offset}" if args.offset else ""
    label = "careful" if careful else "open"
    save(f"unpaired_losses_{args.spinner}_{label}{suffix}", {**vars(args), **result})


if __name__ == "__main__":
    main()
