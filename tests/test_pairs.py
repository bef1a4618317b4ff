"""Pair discovery (MinHash LSH over immutables, verified by passage matching)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datasketch")

from unspin import spin
from unspin.cli import main
from unspin.pairs import PairIndex, find_pairs, immutables, shingles

CLEAN = {
    "war": "The war in the east ended on Monday after 40 days, and the army said that most of its men had left by then. "
    "Officials said they would not comment on the talks, which are to resume in May.",
    "bank": "Shares rose in New York after the bank said it would cut rates again in May. "
    "It was the third cut this year, and analysts said there could be more to come before the end of the year.",
    "match": "The team won the final by two goals to one, with both of their goals coming in the second half. "
    "Their manager said he was proud of what they had done over the season.",
}


def test_skeleton_survives_spinning() -> None:
    text = CLEAN["war"]
    spun = spin(text, intensity=1.0).text
    assert spun != text
    a, b = shingles(spun), shingles(text)
    assert len(a & b) / len(a | b) > 0.4
    assert "40" in immutables(text)


def test_find_pairs_finds_sources_and_ignores_unrelated() -> None:
    spun = [(f"s-{k}", spin(v, seed=3).text) for k, v in CLEAN.items()]
    spun.append(
        ("orphan", "A completely different story about gardening, with roses and tulips in spring.")
    )
    found = {p.spun_id: p.clean_id for p in find_pairs(spun, CLEAN.items())}
    assert found == {"s-war": "war", "s-bank": "bank", "s-match": "match"}


def test_duplicate_clean_ids_are_an_error() -> None:
    index = PairIndex()
    index.add([("a", CLEAN["war"])])
    with pytest.raises(ValueError, match="duplicate"):
        index.add([("a", CLEAN["bank"])])


def test_cli_pairs_then_learn(tmp_path: Path, capsys) -> None:
    clean_path = tmp_path / "clean.jsonl"
    spun_path = tmp_path / "spun.jsonl"
    clean_path.write_text(
        "\n".join(json.dumps({"id": k, "text": v}) for k, v in CLEAN.items()) + "\n"
    )
    spun_path.write_text(
        "\n".join(
            json.dumps({"id": f"s-{k}", "text": spin(v, seed=1).text}) for k, v in CLEAN.items()
        )
        + "\n{broken\n"
    )
    out = tmp_path / "pairs.jsonl"
    status = main(["pairs", str(spun_path), str(clean_path), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and "3 pairs found" in err and "invalid JSON" in err
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(r["spun_id"], r["clean_id"]) for r in rows} == {(f"s-{k}", k) for k in CLEAN}
    assert main(["learn", str(out), "-o", str(tmp_path / "t.json")]) == 0


def test_anchor_pass_finds_a_page_whose_skeleton_was_rewritten() -> None:
    # Function words rewritten too ("was" -> "was once", "where" -> "the
    # place", "and" -> "as well as"): too few immutable shingles survive for
    # the LSH pass, but names and numbers do.
    clean = (
        "Rachel Reeves said on Tuesday that the Treasury would raise £40bn in taxes, where most of it "
        "was to come from employers. The Office for Budget Responsibility said growth was 1.1% in 2024 "
        "and would be 2% in 2025, and that borrowing was £127.5bn. Reeves said it was the right choice."
    )
    spun = (
        "Rachel Reeves mentioned on Tuesday the Treasury would possibly elevate £40bn in taxation, the place "
        "a lot of it was once to return from employers. Workplace for Funds Duty mentioned enlargement was once "
        "1.1% in 2024 as well as may well be 2% in 2025, as well as borrowing was once £127.5bn. "
        "Reeves mentioned it was once the proper selection."
    )
    decoys = {f"d{i}": text for i, text in enumerate(CLEAN.values())}
    decoys["other-reeves"] = (
        "Rachel Reeves visited a factory in Leeds, where she met apprentices and talked about skills "
        "and training for young people in the north of England."
    )
    index = PairIndex()
    index.add([("source", clean), *decoys.items()])
    a, b = shingles(spun), shingles(clean)
    assert len(a & b) / len(a | b) < 0.3  # below the LSH threshold
    found = list(index.query([("spun", spun), ("orphan", "Tulips and roses bloom in May, 2025.")]))
    assert [(p.spun_id, p.clean_id) for p in found] == [("spun", "source")]
