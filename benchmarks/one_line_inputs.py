"""One-line inputs (issue 10, item 3), measured on real lines rather than
hand-picked sentences.

The development pairs are aligned line by line (line *i* of ``spun`` is the
spin of line *i* of ``clean``). With the grouped folds of
``grouped_folds.py``, each line of a fold's pairs is restored **on its own**
with the default table built without the fold: repair and helpful-edit
precision of the spun lines, and false edits on the clean lines, each also
given alone (per 10,000 tokens, and how many lines change).

    python benchmarks/one_line_inputs.py [--option NAME=VALUE ...]

Writes benchmarks/results/one_line_inputs.json.
"""

from __future__ import annotations

import argparse

from _common import (
    DATA,
    fold_defaults,
    option_args,
    options_from,
    read_jsonl,
    require_shared,
    save,
)

import unspin
from unspin.evaluate import false_edits, score_pairs

_KEYS = ("repair", "helpful_precision", "helpful_edits", "harmful_edits", "neutral_edits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    option_args(parser)
    args = parser.parse_args()
    options, suffix = options_from(args)
    require_shared()
    real = read_jsonl(DATA / "real_pairs_dev.jsonl")
    spun_rows: list[tuple[str, str, str]] = []
    clean_rows: list[tuple[str, str]] = []
    for fold, table in fold_defaults(real):
        for pair in fold:
            spun, clean = pair["spun"].splitlines(), pair["clean"].splitlines()
            if len(spun) != len(clean):
                continue
            for s, c in zip(spun, clean, strict=True):
                if s.strip() and c.strip():
                    spun_rows.append((s, c, unspin.restore(s, table=table, options=options)))
                    clean_rows.append((c, unspin.restore(c, table=table, options=options)))
    m = score_pairs(spun_rows, bootstrap=0).metrics
    spun = {k: round(m[k], 4) for k in _KEYS}
    edits, tokens, per_10k = false_edits([c for c, _ in clean_rows], [r for _, r in clean_rows])
    changed = [(c, r) for c, r in clean_rows if c != r]
    result = {
        "options": repr(options),
        "lines": len(spun_rows),
        "spun_lines": spun,
        "clean_lines_false_edits": edits,
        "clean_lines_tokens": tokens,
        "clean_lines_false_edits_per_10k": round(per_10k, 2),
        "clean_lines_changed": len(changed),
        "changed_examples": [{"clean": c, "restored": r} for c, r in changed[:10]],
    }
    print(
        f"{len(spun_rows)} lines: spun lines repair {spun['repair']:.3f} at helpful P "
        f"{spun['helpful_precision']:.3f} ({spun['helpful_edits']:.0f}/"
        f"{spun['harmful_edits']:.0f}/{spun['neutral_edits']:.0f}); clean lines: {len(changed)} "
        f"changed, {edits} false edits in {tokens} tokens ({per_10k:.2f} per 10k)"
    )
    save("one_line_inputs" + suffix, result)


if __name__ == "__main__":
    main()
