"""Write synthetic aligned pairs (JSON Lines with ``spun`` and ``clean``) from
the BBC corpus, for ``unspin bench`` and ``unspin learn``.

    python benchmarks/make_pairs.py --spinner mythes --n 1000 -o /tmp/mythes_1000.jsonl
    python benchmarks/make_pairs.py --spinner wordnet --n 500 --test -o /tmp/wordnet_test.jsonl

The first ``--n`` articles of the fixed training pool are used (``--test``:
the 200 held-out test articles instead). The BBC texts are third-party: keep
the output outside the repository.
"""

from __future__ import annotations

import argparse
import json

from _common import bbc_split, require_shared, synthetic_pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spinner", default="mythes", choices=("mythes", "wordnet"))
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--test", action="store_true", help="spin the held-out test articles")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    require_shared()
    train, test = bbc_split()
    pairs = synthetic_pairs(test if args.test else train, args.n, args.spinner)
    with open(args.output, "w", encoding="utf-8") as fh:
        for spun, clean in pairs:
            fh.write(json.dumps({"spun": spun, "clean": clean}, ensure_ascii=False) + "\n")
    print(f"wrote {len(pairs)} pairs to {args.output}")


if __name__ == "__main__":
    main()
