"""Do no harm: false edits per 10,000 tokens when restoring clean BBC articles.

    python benchmarks/clean_false_edits.py [--n 300] [--offset 0]

Restores ``--n`` articles of ``../shared/data/bbc_2225.jsonl`` (from
``--offset``) with the default table and counts every edit (each is false:
the text is clean). Prints the edits made, for inspection.
"""

from __future__ import annotations

import argparse
from collections import Counter

from _common import DATA, add_context_rate, read_jsonl, require_shared, result_name, save

import unspin
from unspin.evaluate import false_edits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--offset", type=int, default=0)
    add_context_rate(parser)
    args = parser.parse_args()
    options = unspin.Options(context_rate=args.context_rate)
    require_shared()
    docs = read_jsonl(DATA / "bbc_2225.jsonl", args.offset + args.n)[args.offset :]
    texts = [d["text"] for d in docs]
    table = unspin.Table.default()
    restored = []
    made: Counter[str] = Counter()
    for text in texts:
        result = unspin.restore_and_explain(text, table=table, options=options)
        restored.append(result.text)
        made.update(f"{e.spun} -> {e.replacement}" for e in result.edits)
    edits, tokens, per10k = false_edits(texts, restored)
    print(
        f"articles: {len(texts)}  tokens: {tokens}  false edits: {edits}  per 10k tokens: {per10k:.2f}"
    )
    for edit, count in made.most_common(30):
        print(f"  {count:4d}  {edit}")
    save(
        result_name("clean_false_edits", args.context_rate),
        {
            "articles": len(texts),
            "offset": args.offset,
            "tokens": tokens,
            "false_edits": edits,
            "per_10k_tokens": per10k,
            "table_sha256": table.sha256,
            "edits": dict(made),
        },
    )


if __name__ == "__main__":
    main()
