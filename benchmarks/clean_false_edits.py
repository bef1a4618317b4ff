"""Do no harm: false edits per 10,000 tokens when restoring clean text.

    python benchmarks/clean_false_edits.py [--n 300] [--offset 0] [--sentences]
        [--option NAME=VALUE ...]

Restores, with the shipped default table, ``--n`` clean BBC articles of
``../shared/data/bbc_2225.jsonl`` from ``--offset`` (the first 300 are held
out of the shipped news bigram counts, ``scripts/build_ngrams.py``) and the
clean sides of all development pairs (``real_pairs_dev.jsonl`` and
``other_spinners_dev.jsonl``). Every edit is false: the text is clean. Prints
the edits made, for inspection.

With ``--sentences``, each sentence of those texts (of three words or more)
is restored **on its own**, as a user pasting one sentence would: a single
sentence gathers far less evidence than an article, so this measures the
one-line gate of :mod:`unspin.decide`. Writes
``clean_false_edits_sentences.json``.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from _common import DATA, option_args, options_from, read_jsonl, require_shared, save

import unspin
from unspin.evaluate import false_edits


def _run(
    name: str, texts: list[str], table: unspin.Table, options: unspin.Options
) -> dict[str, object]:
    restored = []
    made: Counter[str] = Counter()
    for text in texts:
        result = unspin.restore_and_explain(text, table=table, options=options)
        restored.append(result.text)
        made.update(f"{e.spun} -> {e.replacement}" for e in result.edits)
    edits, tokens, per10k = false_edits(texts, restored)
    changed = sum(a != b for a, b in zip(texts, restored, strict=True))
    print(
        f"{name}: {len(texts)} texts, {tokens} tokens, {edits} false edits, {per10k:.2f} per 10k"
        f" ({changed} texts changed)"
    )
    for edit, count in made.most_common(15):
        print(f"  {count:4d}  {edit}")
    return {
        "texts": len(texts),
        "tokens": tokens,
        "false_edits": edits,
        "per_10k_tokens": per10k,
        "changed_texts": changed,
        "edits": dict(made),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--sentences", action="store_true", help="restore each sentence alone")
    option_args(parser)
    args = parser.parse_args()
    options, suffix = options_from(args)
    require_shared()
    table = unspin.Table.default()
    bbc = [d["text"] for d in read_jsonl(DATA / "bbc_2225.jsonl", args.offset + args.n)]
    bbc = bbc[args.offset :]
    pairs = read_jsonl(DATA / "real_pairs_dev.jsonl") + read_jsonl(
        DATA / "other_spinners_dev.jsonl"
    )
    sides = [p["clean"] for p in pairs]
    if args.sentences:
        bbc, sides = _sentences(bbc), _sentences(sides)
        suffix = "_sentences" + suffix
    result = {
        "table_sha256": table.sha256,
        "options": repr(options),
        "bbc": {"offset": args.offset, **_run("bbc", bbc, table, options)},
        "clean_sides": _run("clean sides of the dev pairs", sides, table, options),
    }
    save("clean_false_edits" + suffix, result)


# A sentence ends at . ! or ? before a space and a capital letter or an
# opening quote (good enough for news; abbreviations such as "Mr." are rare
# in BBC style).
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _sentences(texts: list[str]) -> list[str]:
    """Every sentence of three words or more of ``texts``, line by line."""
    return [
        sentence
        for text in texts
        for line in text.splitlines()
        for sentence in _SENTENCE.split(line.strip())
        if len(sentence.split()) >= 3
    ]


if __name__ == "__main__":
    main()
