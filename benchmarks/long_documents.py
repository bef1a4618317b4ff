"""Long documents: spun pages joined, and a spun page between clean articles.

The development pairs are short (no spun page has more than 40 sentences), so
how restoration treats long documents is measured on documents made from
them, with the grouped folds of ``grouped_folds.py``: for each fold, the
default table built *without* it restores

* **long spun**: four of the fold's spun pages joined (their clean sides
  joined are the reference), ``--per-fold`` documents;
* **mixed**: one of the fold's spun pages between two held-out clean BBC
  articles (a scraped page that quotes a spun article, or a corpus file that
  joins pages), ``--per-fold`` documents.

Each is restored as it is now and with pieces switched off
(``_PIECE_SENTENCES`` so large that no document is cut: the whole document
goes to the model once the screen lets it through). Reported pooled: repair,
helpful-edit precision (helpful, harmful, neutral).

    python benchmarks/long_documents.py [--per-fold 10]

Writes benchmarks/results/long_documents.json.
"""

from __future__ import annotations

import argparse
import importlib
import random

from _common import DATA, fold_defaults, read_jsonl, require_shared, save

import unspin
from unspin.evaluate import score_pairs

_KEYS = ("repair", "helpful_precision", "helpful_edits", "harmful_edits", "neutral_edits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-fold", type=int, default=10)
    args = parser.parse_args()
    require_shared()
    restore_module = importlib.import_module("unspin.restore")
    pieces = restore_module._PIECE_SENTENCES
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    bbc = [d["text"] for d in read_jsonl(DATA / "bbc_2225.jsonl", 300)]
    rng = random.Random(3)
    runs: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for fold, table in fold_defaults(real):
        docs = {"long spun": [], "mixed": []}
        for _ in range(args.per_fold):
            group = rng.sample(fold, min(4, len(fold)))
            docs["long spun"].append(
                ("\n\n".join(p["spun"] for p in group), "\n\n".join(p["clean"] for p in group))
            )
            page = rng.choice(fold)
            before, after = rng.sample(bbc, 2)
            docs["mixed"].append(
                (
                    f"{before}\n\n{page['spun']}\n\n{after}",
                    f"{before}\n\n{page['clean']}\n\n{after}",
                )
            )
        for setting, value in (("pieces", pieces), ("whole", 10**9)):
            restore_module._PIECE_SENTENCES = value
            for kind, pairs in docs.items():
                triples = [(s, c, unspin.restore(s, table=table)) for s, c in pairs]
                runs.setdefault(kind, {}).setdefault(setting, []).extend(triples)
        restore_module._PIECE_SENTENCES = pieces
    result: dict[str, object] = {"per_fold": args.per_fold, "piece_sentences": pieces}
    for kind, settings in runs.items():
        for setting, triples in settings.items():
            m = score_pairs(triples, bootstrap=0).metrics
            row = {k: round(m[k], 4) for k in _KEYS}
            result[f"{kind} ({setting})"] = row
            print(
                f"{kind:<10} {setting:<7} repair {row['repair']:.3f}  helpful P "
                f"{row['helpful_precision']:.3f} ({row['helpful_edits']:.0f}/"
                f"{row['harmful_edits']:.0f}/{row['neutral_edits']:.0f})"
            )
    save("long_documents", result)


if __name__ == "__main__":
    main()
