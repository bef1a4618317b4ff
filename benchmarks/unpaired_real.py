"""Learning from spun text alone, on real pages (issue 11's real measurement).

For each grouped fold of ``real_pairs_dev.jsonl`` (as in ``grouped_folds.py``):
the default table built *without* the fold, and that table extended by
``learn_unpaired`` from the spun pages of ``spun_only_dev.jsonl`` (no
originals; ``--family target`` by default); both restore the fold's spun
texts. Reported pooled: repair and helpful-edit precision of each, the gain,
and the entries learned (with how many agree with what the real pairs teach,
where the pairs know the form at all).

    python benchmarks/unpaired_real.py [--folds 5] [--family target|all] [--clean] [--open] [--rounds N]
    python benchmarks/unpaired_real.py --oracle N [--crawl]

With ``--clean``, the clean sides of the other folds' pairs are given as clean
text of the same kind (``learn_unpaired(..., clean=...)``; no alignment is
used). With ``--open``, ``require_synonym=False``: originals no thesaurus
lists are accepted too.

With ``--oracle N``, no learning: the fold's default table is extended by
what *all* the real pairs teach (the held-out fold's too) for every phrase
the corpus shows N times or more that the fold's default does not know.
That is the most any learner from the same pages could add, had it found
every such form and its original exactly: a ceiling for the real
measurement (``learn_unpaired`` makes no entry for a form seen fewer than
``min_count``, 3, times).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _common import DATA, SHARED, fold_defaults, read_jsonl, require_shared, save
from build_default_table import build

import unspin
from unspin import learn_unpaired
from unspin.evaluate import score_pairs
from unspin.tokenize import token_arrays

_ORACLE_LONGEST = 4  # words in the longest phrase counted for --oracle


def phrase_counts(texts: list[str]) -> Counter[str]:
    """Occurrences of every phrase of up to four normalized tokens."""
    counts: Counter[str] = Counter()
    for text in texts:
        norms = token_arrays(text).norms
        for n in range(1, _ORACLE_LONGEST + 1):
            counts.update(" ".join(norms[i : i + n]) for i in range(len(norms) - n + 1))
    return counts


def oracle_table(
    full: unspin.Table, default: unspin.Table, counts: Counter[str], least: int
) -> tuple[unspin.Table, int]:
    """``default`` with ``full``'s entries for the phrases seen ``least``
    times or more in the corpus that ``default`` does not know, and how many
    were added. They are marked ``unpaired``, so restoration discounts them as
    it would a learner's entries."""
    found = unspin.Table()
    for key in full:
        entry = full.entry(key)
        if key in default or counts[key] < least or entry is None:
            continue
        for original, count in entry.originals.items():
            found.add(key, original, count, source="unpaired")
        if entry.kept:
            found.add_kept(key, entry.kept)
    return default.merge(found), len(found)


def _row(triples: list[tuple[str, str, str]]) -> dict[str, float]:
    m = score_pairs(triples, bootstrap=0).metrics
    keys = ("repair", "precision", "helpful_precision", "helpful_edits", "harmful_edits")
    return {k: round(m[k], 4) for k in (*keys, "neutral_edits")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--family", default="target", choices=("target", "all"))
    parser.add_argument(
        "--clean",
        action="store_true",
        help="give the clean sides of the other folds' pairs as clean text of the same kind",
    )
    parser.add_argument(
        "--open", action="store_true", help="require_synonym=False (context proposals too)"
    )
    parser.add_argument(
        "--crawl",
        action="store_true",
        help="the fold's own spun pages join the corpus (unspin clean --learn on a crawl)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="learning rounds (default: the learner's own, unspin.unpaired.ROUNDS)",
    )
    parser.add_argument(
        "--oracle",
        type=int,
        metavar="N",
        help="no learning: add what all the real pairs teach for phrases the corpus shows N+ times",
    )
    args = parser.parse_args()
    require_shared()
    started = time.perf_counter()
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    pages = [
        p["spun"]
        for p in read_jsonl(DATA / "spun_only_dev.jsonl")
        if args.family == "all" or p["family"] == "target"
    ]
    full = build(SHARED)  # what all real pairs teach: to check learned entries
    pooled: dict[str, list[tuple[str, str, str]]] = {"default": [], "default+unpaired": []}
    learned_entries: dict[str, str] = {}
    oracle_entries = 0
    for fold, default in fold_defaults(real, args.folds):
        clean = [p["clean"] for p in real if p not in fold] if args.clean else None
        corpus = pages + [p["spun"] for p in fold] if args.crawl else pages
        if args.oracle is not None:
            merged, added = oracle_table(full, default, phrase_counts(corpus), args.oracle)
            oracle_entries += added
        else:
            merged = learn_unpaired(
                corpus,
                base=default,
                clean=clean,
                require_synonym=not args.open,
                rounds=args.rounds,
            )
        for key in merged:
            entry = merged.lookup(key)
            if entry is not None and entry.sources.get("unpaired"):
                learned_entries[key] = entry.best()[0]
        for name, table in (("default", default), ("default+unpaired", merged)):
            pooled[name] += [
                (p["spun"], p["clean"], unspin.restore(p["spun"], table=table)) for p in fold
            ]
    rows = {name: _row(triples) for name, triples in pooled.items()}
    for name, row in rows.items():
        print(name, row)
    known = {k: o for k, o in learned_entries.items() if full.lookup(k) is not None}
    agree = sum(
        1 for k, o in known.items() if o.lower() in {x.lower() for x in full.lookup(k).originals}
    )
    gain = rows["default+unpaired"]["repair"] - rows["default"]["repair"]
    print(
        f"repair gain {gain:+.4f}; {len(learned_entries)} forms learned over the folds, "
        f"{len(known)} known to the real pairs, {agree} of them with an original the pairs saw"
    )
    if args.oracle is not None:
        print(f"oracle: {oracle_entries} entries added over the folds")
    save(
        "unpaired_real"
        + (f"_oracle{args.oracle}" if args.oracle is not None else "")
        + ("_clean" if args.clean else "")
        + ("_open" if args.open else "")
        + ("_crawl" if args.crawl else "")
        + (f"_rounds{args.rounds}" if args.rounds is not None else ""),
        {
            "rounds": args.rounds,
            "oracle_min_count": args.oracle,
            "oracle_entries": oracle_entries,
            "folds": args.folds,
            "require_synonym": not args.open,
            "family": args.family,
            "clean_reference": args.clean,
            "crawl": args.crawl,
            "pages": len(pages),
            **rows,
            "repair_gain": round(gain, 4),
            "learned_forms": len(learned_entries),
            "forms_known_to_pairs": len(known),
            "agreeing_with_pairs": agree,
            "examples": dict(sorted(learned_entries.items())[:200]),
            "seconds": round(time.perf_counter() - started, 1),
        },
    )


if __name__ == "__main__":
    main()
