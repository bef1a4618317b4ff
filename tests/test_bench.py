"""Baselines and the benchmark harness (small self-written pairs)."""

from __future__ import annotations

import json

import pytest

from unspin import Table
from unspin.baselines import (
    longest_match,
    make_fgws,
    make_identity,
    make_naive,
    make_tortured,
    naive_mapping,
)
from unspin.bench import SYSTEMS, run_bench
from unspin.cli import main

PAIRS = [
    ("He mentioned the struggle ended on the bottom.", "He said the war ended on the ground."),
    ("She mentioned the struggle was lengthy.", "She said the war was long."),
    (
        "They mentioned the struggle may finish inside weeks.",
        "They said the war may end within weeks.",
    ),
    ("We mentioned the struggle was lengthy and onerous.", "We said the war was long and hard."),
]


def test_longest_match_prefers_longer_keys_and_keeps_case() -> None:
    mapping = {"supply": "offer", "supply hyperlink": "source link"}
    assert longest_match("Supply hyperlink and supply.", mapping) == "Source link and offer."
    assert longest_match("see https://x.com/supply now", mapping) == "see https://x.com/supply now"


def test_naive_learns_every_difference_without_gating() -> None:
    mapping = naive_mapping(PAIRS)
    assert mapping["mentioned"] == "said"
    assert mapping["struggle"] == "war"
    restore = make_naive(PAIRS)
    # No gating: clean text with a key is "restored" too (that is the point of the baseline).
    assert restore("The struggle of the poor.") == "The war of the poor."


def test_identity_tortured_fgws() -> None:
    assert make_identity()("anything") == "anything"
    table = Table()
    table.add("counterfeit consciousness", "artificial intelligence", 3, source="pps")
    table.add("mentioned", "said", 3, source="pairs")
    tortured = make_tortured(table)
    assert (
        tortured("Counterfeit consciousness, he mentioned.")
        == "Artificial intelligence, he mentioned."
    )
    assert make_fgws()("He was a conspicuous figure.") == "He was a big figure."


def test_run_bench_side_by_side() -> None:
    report = run_bench(PAIRS * 3, table=Table(), learn_split=0.5, bootstrap=50, progress=False)
    names = [r.name for r in report.results]
    assert names == list(SYSTEMS)
    by_name = {r.name: r for r in report.results}
    assert by_name["unspin"].score.metrics["repair"] > 0.5
    assert by_name["identity"].score.metrics["repair"] == 0.0
    assert by_name["unspin"].false_edits == 0
    assert report.train_pairs == 6 and report.test_pairs == 6
    text = report.format()
    assert "signature unspin: table:" in text and "false/10k" in text
    data = json.loads(report.format("json"))
    assert set(data["systems"]) == set(SYSTEMS)


def test_run_bench_without_split_skips_naive_and_checks_arguments() -> None:
    report = run_bench(PAIRS, bootstrap=0, progress=False)
    assert "naive" not in [r.name for r in report.results]
    assert report.skipped
    with pytest.raises(ValueError, match="learn_split"):
        run_bench(PAIRS, learn_split=1.5, progress=False)
    with pytest.raises(ValueError, match="no training pairs"):
        run_bench(PAIRS[:1], learn_split=0.5, progress=False)
    with pytest.raises(ValueError, match="no test pairs"):
        run_bench([], progress=False)
    with pytest.raises(ValueError, match="unknown systems"):
        run_bench(PAIRS, systems=["spinbot"], progress=False)


def test_cli_bench(tmp_path, capsys) -> None:
    path = tmp_path / "pairs.jsonl"
    lines = [json.dumps({"spun": s, "clean": c}) for s, c in PAIRS * 2]
    path.write_text("\n".join([*lines, "{broken", '{"spun": 1}']) + "\n", encoding="utf-8")
    status = main(
        [
            "bench",
            str(path),
            "--table",
            "none",
            "--learn-split",
            "0.5",
            "-q",
            "--bootstrap",
            "20",
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert status == 1  # bad lines reported, good ones benchmarked
    assert "invalid JSON" in err and "must both be strings" in err
    assert json.loads(out)["systems"]["unspin"]["signature"].startswith("table:")
    assert main(["bench", str(path), "--learn-split", "2"]) == 2


def test_run_bench_with_separate_training_pairs() -> None:
    """``learn_pairs`` trains unspin and the naive table; every pair is a test pair."""
    report = run_bench(PAIRS[2:], table=Table(), learn_pairs=PAIRS[:2], bootstrap=0, progress=False)
    assert report.train_pairs == 2 and report.test_pairs == 2
    by_name = {r.name: r for r in report.results}
    assert "naive" in by_name and by_name["unspin"].score.metrics["repair"] > 0
    with pytest.raises(ValueError, match="not both"):
        run_bench(PAIRS, learn_split=0.5, learn_pairs=PAIRS, progress=False)
    with pytest.raises(ValueError, match="learn_pairs is empty"):
        run_bench(PAIRS, learn_pairs=[], progress=False)


def test_cli_bench_learn_file(tmp_path, capsys) -> None:
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    train.write_text("".join(json.dumps({"spun": s, "clean": c}) + "\n" for s, c in PAIRS[:2]))
    test.write_text("".join(json.dumps({"spun": s, "clean": c}) + "\n" for s, c in PAIRS[2:]))
    args = ["bench", str(test), "--table", "none", "--learn", str(train), "-q", "--bootstrap", "0"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("pairs: 2 train, 2 test") and "already in the table" not in err
    train.write_text(train.read_text() * 2)  # each pair twice: counted once, and said so
    assert main(args) == 0
    assert "2 of the --learn pairs are already in the table or repeated" in capsys.readouterr().err
    assert main([*args, "--learn-split", "0.5"]) == 2
    assert "not both" in capsys.readouterr().err
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert main(["bench", str(test), "--learn", str(empty), "-q"]) == 2
