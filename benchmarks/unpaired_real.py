"""Learning from spun text alone, on real pages (issue 11's real measurement).

For each grouped fold of ``real_pairs_dev.jsonl`` (as in ``grouped_folds.py``):
the default table built *without* the fold, and that table extended by
``learn_unpaired`` from the spun pages of ``spun_only_dev.jsonl`` (no
originals; ``--family target`` by default); both restore the fold's spun
texts. Reported pooled: repair and helpful-edit precision of each, the gain,
and the entries learned (with how many agree with what the real pairs teach,
where the pairs know the form at all).

    python benchmarks/unpaired_real.py [--folds 5] [--family target|all] [--clean] [--open]

With ``--clean``, the clean sides of the other folds' pairs are given as clean
text of the same kind (``learn_unpaired(..., clean=...)``; no alignment is
used). With ``--open``, ``require_synonym=False``: originals no thesaurus
lists are accepted too.
"""

from __future__ import annotations

import argparse
import time

from _common import DATA, SHARED, grouped_folds, read_jsonl, require_shared, save
from build_default_table import build

import unspin
from unspin import learn_unpaired
from unspin.evaluate import score_pairs


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
    for fold in grouped_folds(real, args.folds):
        default = build(SHARED, exclude_pairs={p["id"] for p in fold})
        clean = [p["clean"] for p in real if p not in fold] if args.clean else None
        corpus = pages + [p["spun"] for p in fold] if args.crawl else pages
        merged = learn_unpaired(corpus, base=default, clean=clean, require_synonym=not args.open)
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
    save(
        "unpaired_real"
        + ("_clean" if args.clean else "")
        + ("_open" if args.open else "")
        + ("_crawl" if args.crawl else ""),
        {
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
