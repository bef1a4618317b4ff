import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CARS as SPUN_CARS
from conftest import MENTIONED
from unspin import Table
from unspin.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "spun_example.txt"


def test_restore_file(capsys):
    assert main(["restore", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "vision" in out and "https://example.org/council-bus-plan" in out


def test_restore_explain_json(capsys, tmp_path):
    out_path = tmp_path / "out.json"
    assert main(["restore", str(EXAMPLE), "--explain", "-o", str(out_path)]) == 0
    data = json.loads(out_path.read_text())
    assert data["edits"] and {"start", "end", "replacement", "confidence"} <= set(data["edits"][0])


def test_restore_with_reference(tmp_path, capsys):
    spun, ref = tmp_path / "s.txt", tmp_path / "r.txt"
    spun.write_text("Peskov mentioned the struggle was over, the spokesman added.")
    ref.write_text("Peskov said the war was over, the spokesman added.")
    assert main(["restore", str(spun), "--reference", str(ref), "--table", "default"]) == 0
    assert capsys.readouterr().out == "Peskov said the war was over, the spokesman added."


def test_missing_file_and_bad_utf8(tmp_path, capsys):
    assert main(["restore", str(tmp_path / "nope.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 mentioned")
    assert main(["restore", str(bad)]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


def test_corrupt_table(tmp_path, capsys):
    table = tmp_path / "t.json"
    table.write_text("{broken")
    assert main(["restore", str(EXAMPLE), "--table", str(table)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_learn_reports_bad_lines_and_keeps_good_ones(tmp_path, capsys):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps(
            {"spun": "He mentioned the struggle was over.", "clean": "He said the war was over."}
        )
        + "\n"
        + "{not json\n"
        + json.dumps({"spun": 3, "clean": "x"})
        + "\n"
        + json.dumps(["list"])
        + "\n"
    )
    out = tmp_path / "t.json"
    assert main(["learn", str(pairs), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("unspin: skipped") == 3 and "pairs.jsonl:2" in err
    from unspin import Table

    assert Table.load(out).candidates("struggle") == [("war", 1)]
    assert len(Table.load(out).contexts()["struggle"]) == 5
    assert "remembering the contexts of their swaps" in err
    assert main(["learn", str(pairs), "--contexts", "0", "-o", str(out)]) == 1
    assert not Table.load(out).contexts()


def test_detect(capsys, tmp_path):
    assert main(["detect", str(EXAMPLE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 0 <= data["score"] <= 1 and data["method"] == "table+context+screen"


def test_real_process_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "unspin", "restore", "-"],
        input=b"His imaginative and prescient was clear.",
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.decode() == "His vision was clear."
    version = subprocess.run(
        [sys.executable, "-m", "unspin", "--version"], capture_output=True, check=True
    )
    assert version.stdout.decode().startswith("unspin ")


def test_learn_says_why_nothing_was_learned(tmp_path, capsys):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"spun": "The struggle may finish.", "clean": "The war may end."}))
    assert main(["learn", str(pairs), "-o", str(tmp_path / "t.json")]) == 0
    assert "no swap was found" in capsys.readouterr().err
    pairs.write_text(
        json.dumps(
            {"spun": "He mentioned the struggle was over.", "clean": "He said the war was over."}
        )
    )
    assert main(["learn", str(pairs), "-o", str(tmp_path / "t.json")]) == 0
    assert "no swap was found" not in capsys.readouterr().err


def test_spin_makes_pairs_for_learn(tmp_path, capsys):
    corpus = tmp_path / "clean.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "The war was over, officials said on Monday."}\n{"text": 5}\n',
        encoding="utf-8",
    )
    out = tmp_path / "pairs.jsonl"
    status = main(["spin", str(corpus), "-o", str(out), "--intensity", "1", "--gold"])
    assert status == 1 and "spun 1 texts" in capsys.readouterr().err
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["id"] == "a" and row["clean"].startswith("The war") and row["spun"] != row["clean"]
    assert row["gold"] and {"clean", "spun", "kind"} <= set(row["gold"][0])
    assert main(["learn", str(out), "-o", str(tmp_path / "t.json")]) == 0
    assert main(["spin", str(corpus), "--intensity", "3"]) == 2


def test_precision_knobs_on_the_command_line(capsys, tmp_path):
    """--threshold trades recall for precision; bad knob values are errors."""
    assert main(["restore", str(EXAMPLE), "--explain"]) == 0
    default_edits = len(json.loads(capsys.readouterr().out)["edits"])
    assert main(["restore", str(EXAMPLE), "--explain", "--threshold", "0.999999"]) == 0
    strict_edits = len(json.loads(capsys.readouterr().out)["edits"])
    assert strict_edits < default_edits
    assert main(["restore", str(EXAMPLE), "--explain", "--prior", "-1000"]) == 0
    # Only the number artifact ("£two.5m") needs no document test.
    assert {e["rule"] for e in json.loads(capsys.readouterr().out)["edits"]} == {"number"}
    assert main(["restore", str(EXAMPLE), "--prior", "-3"]) == 0
    capsys.readouterr()
    assert main(["restore", str(EXAMPLE), "--threshold", "1.5"]) == 2
    assert "threshold" in capsys.readouterr().err
    assert main(["detect", str(EXAMPLE), "--threshold", "nan"]) == 2
    assert "threshold" in capsys.readouterr().err


def test_missing_optional_package_is_a_clear_error(tmp_path, capsys, monkeypatch):
    """`unspin pairs` without the `pairs` extra says what to install."""
    import sys

    monkeypatch.setitem(sys.modules, "datasketch", None)  # import fails
    spun, clean = tmp_path / "spun.txt", tmp_path / "clean.txt"
    spun.write_text("The struggle may finish inside weeks.\n", encoding="utf-8")
    clean.write_text("The war may end within weeks.\n", encoding="utf-8")
    status = main(["pairs", str(spun), str(clean), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert status == 2
    assert "pip install 'unspin[pairs]'" in err
    assert "Traceback" not in err


CARS = list(SPUN_CARS) * 2


def test_learn_from_spun_text_alone(tmp_path, capsys):
    corpus = tmp_path / "spun.jsonl"
    lines = [json.dumps({"id": i, "body": text}) for i, text in enumerate(CARS[1:])]
    corpus.write_text("\n".join([*lines, "{not json"]) + "\n")
    (tmp_path / "page.txt").write_text(CARS[0])
    out = tmp_path / "t.json.gz"
    page = str(tmp_path / "page.txt")
    # No base table: every document counts fully (the default table would
    # weigh these clean-looking sentences as barely spun).
    args = ["learn", "--unpaired", str(corpus), page, "--field", "body", "--base", "none", "-q"]
    code = main([*args, "-o", str(out)])
    assert code == 1  # one bad record, reported; the rest learned
    err = capsys.readouterr().err
    assert "spun.jsonl:12" in err
    assert "learned 1 entries from spun text alone, 0 of them phrases (1 bad records" in err
    from unspin import Table

    entry = Table.load(out).lookup("automobile")
    assert entry is not None and entry.best() == ("car", 12) and "unpaired" in entry.sources
    out2 = tmp_path / "t2.json.gz"
    code = main([*args, "--jobs", "2", "-o", str(out2)])
    assert code == 1 and Table.load(out2).sha256 == Table.load(out).sha256
    capsys.readouterr()
    assert main(["learn", str(corpus), str(corpus), "-o", str(out)]) == 2
    assert "one JSON Lines file" in capsys.readouterr().err
    assert main(["learn", "--unpaired", str(tmp_path / "nope"), "-o", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_learn_says_why_a_form_was_learned_or_not(tmp_path, capsys):
    corpus = tmp_path / "spun.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in CARS))
    out = tmp_path / "t.json"
    args = ["learn", "--unpaired", str(corpus), "--base", "none", "-q", "-o", str(out)]
    assert main([*args, "--why", "automobile", "--why", "zebra"]) == 0
    err = capsys.readouterr().err.splitlines()
    # Said once per form where its stage changes; nothing after it is learned.
    assert "unspin: why round 1: 'automobile': learned as 'car' (12 swaps, 0 kept)" in err
    assert "unspin: why round 1: 'zebra': not in the corpus" in err
    assert sum("'zebra'" in line for line in err) == 1
    # One text file is one document: one page never makes an entry.
    page = tmp_path / "page.txt"
    page.write_text("\n".join(CARS))
    assert main([*args[:2], str(page), *args[3:], "--why", "automobile"]) == 0
    (line,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("unspin: why")]
    assert "'car' leads, but the model prefers it in 1 document; an entry needs 2" in line
    assert main(["learn", str(corpus), "--why", "car", "-o", str(out)]) == 2
    assert "--why is for learning from spun text alone: add --unpaired" in capsys.readouterr().err


def test_many_bad_lines_are_counted_and_only_the_first_named(tmp_path, capsys):
    pairs = tmp_path / "pairs.jsonl"
    good = json.dumps({"spun": "He mentioned it.", "clean": "He said it."})
    pairs.write_text("\n".join([good, *["{broken"] * 25]) + "\n")
    assert main(["learn", str(pairs), "-o", str(tmp_path / "t.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("unspin: skipped ") == 20 and f"{pairs}:21: invalid JSON" in err
    assert "unspin: ... and 5 more skipped" in err and "(25 bad lines skipped" in err


def test_learning_from_records_without_the_text_field_is_an_error(tmp_path, capsys):
    # Every record lacks the field: writing the base table back would look
    # like success. The error names the fields the records do have.
    corpus = tmp_path / "spun.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "spun": t}) + "\n" for i, t in enumerate(CARS)))
    out = tmp_path / "t.json.gz"
    assert main(["learn", "--unpaired", str(corpus), "-q", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{len(CARS)} records skipped, the first ({corpus}:1)" in err
    assert "missing field 'text' (its fields: 'id', 'spun')" in err
    assert not out.exists()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert main(["learn", "--unpaired", str(empty), "-q", "-o", str(out)]) == 2
    assert "the input holds no text" in capsys.readouterr().err


def _clean_learn(tmp_path, texts):
    """A JSONL crawl of ``texts`` and the ``clean --learn`` command over an
    empty table: ``(corpus, args, output, learned table)``."""
    from unspin import Table

    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    empty = tmp_path / "empty.json"
    Table().save(empty)
    out = tmp_path / "out.jsonl"
    args = ["clean", str(corpus), "-o", str(out), "--learn", "--table", str(empty), "--jobs", "1"]
    return corpus, args, out, tmp_path / "out.jsonl.table.json.gz"


def test_clean_learn_runs_two_passes_and_resumes(tmp_path, capsys):
    from unspin import Table

    corpus, args, out, learned = _clean_learn(tmp_path, CARS)
    assert main([*args, "-q"]) == 0
    assert Table.load(learned).candidates("automobile") == [("car", 12)]
    assert len(out.read_text().splitlines()) == len(CARS)
    # Pass 2 interrupted: the same command reuses pass 1's table and resumes.
    out.unlink()
    stamp = learned.stat().st_mtime_ns
    capsys.readouterr()
    assert main(args) == 0
    assert learned.stat().st_mtime_ns == stamp and len(out.read_text().splitlines()) == len(CARS)
    err = capsys.readouterr().err
    assert "reused" in err and "learned 1 entries from spun text alone, 0 of them phrases" in err
    # Other inputs, same learned table: refused without --overwrite.
    corpus.write_text(corpus.read_text() + json.dumps({"text": CARS[0]}) + "\n")
    out.unlink()
    assert main([*args, "-q"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main([*args, "-q", "--overwrite"]) == 0
    assert learned.stat().st_mtime_ns != stamp


def test_clean_learn_says_why_a_form_was_learned_or_not(tmp_path, capsys):
    _, args, out, learned = _clean_learn(tmp_path, CARS)
    assert main([*args, "-q", "--why", "automobile", "--jobs", "2"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "unspin: why round 1: 'automobile': learned as 'car' (12 swaps, 0 kept)" in err
    # Resumed: the table is reused, so there is no round to say why from.
    out.unlink()
    assert main([*args, "-q", "--why", "automobile"]) == 0
    err = capsys.readouterr().err
    assert f"why: {learned} was learned by an earlier run and reused; delete it" in err
    assert "why round" not in err
    assert main(["clean", str(tmp_path / "x.jsonl"), "-o", str(out), "--why", "car"]) == 2
    assert "--why says how --learn learns: add --learn" in capsys.readouterr().err


def test_open_learning_from_spun_text_alone(tmp_path, capsys):
    from unspin import Table

    corpus, _, _, _ = _clean_learn(tmp_path, MENTIONED)
    careful, open_ = tmp_path / "careful.json", tmp_path / "open.json"
    base = ["learn", "--unpaired", str(corpus), "--base", "none", "-q"]
    assert main([*base, "-o", str(careful)]) == 0
    assert Table.load(careful).lookup("mentioned") is None  # no thesaurus lists "said"
    assert main([*base, "--open", "-o", str(open_)]) == 0
    assert Table.load(open_).candidates("mentioned")[0][0] == "said"
    capsys.readouterr()
    assert main(["learn", str(corpus), "--open", "-o", str(open_)]) == 2
    assert "add --unpaired" in capsys.readouterr().err
    assert main(["clean", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--open"]) == 2
    assert "add --learn" in capsys.readouterr().err
    # Rounds of learning: only when learning from spun text alone, and at least one.
    assert main([*base, "--open", "--rounds", "2", "-o", str(open_)]) == 0
    assert Table.load(open_).candidates("mentioned")[0][0] == "said"
    assert main(["clean", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--rounds", "1"]) == 2
    assert "--rounds says how --learn learns: add --learn" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:  # argparse rejects it
        main([*base, "--rounds", "0", "-o", str(open_)])
    assert exit_.value.code == 2
    assert "at least 1, not '0'" in capsys.readouterr().err


def test_clean_learn_open_is_another_job(tmp_path, capsys):
    from unspin import Table

    _, args, out, learned = _clean_learn(tmp_path, MENTIONED)
    args.append("-q")
    assert main(args) == 0
    assert Table.load(learned).lookup("mentioned") is None
    out.unlink()
    # The careful table is not reused for an open job: refused, then replaced.
    assert main([*args, "--open"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main([*args, "--open", "--overwrite"]) == 0
    assert Table.load(learned).candidates("mentioned")[0][0] == "said"
    # Pass 2 restores with it where a record, a sentence alone, is evidence enough.
    assert " said " in out.read_text()


def test_clean_pages_keep_topic_words_out(tmp_path, capsys):
    from unspin import Table

    corpus, args, out, learned = _clean_learn(tmp_path, CARS)
    # Clean pages of the same kind that say "automobile" as often: a topic
    # word, not a spinner's.
    clean = tmp_path / "clean.jsonl"
    page = "The automobile show opened and every automobile on the floor was new."
    clean.write_text("".join(json.dumps({"text": page}) + "\n" for _ in range(40)))
    table = tmp_path / "t.json"
    base = ["learn", "--unpaired", str(corpus), "--base", "none", "-q", "-o", str(table)]
    assert main(base) == 0 and Table.load(table).lookup("automobile") is not None
    assert main([*base, "--clean-pages", str(clean)]) == 0
    assert Table.load(table).lookup("automobile") is None
    # In clean --learn, the clean pages are part of the job.
    assert main([*args, "-q"]) == 0
    out.unlink()
    assert main([*args, "-q", "--clean-pages", str(clean)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main([*args, "-q", "--clean-pages", str(clean), "--overwrite"]) == 0
    assert Table.load(learned).lookup("automobile") is None
    assert main(["learn", str(corpus), "--clean-pages", str(clean), "-o", str(table)]) == 2
    assert "add --unpaired" in capsys.readouterr().err


def test_table_lists_entries(tmp_path, capsys):
    assert main(["table", "--find", "war"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# unspin-default: ") and "learned from 74 pairs;" in out
    assert any(line.startswith("struggle\twar ") for line in out.splitlines())
    assert main(["table", "--source", "footer"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["supply hyperlink\tSource link 4\tkept 0\tfooter 4"]
    mine = tmp_path / "t.json"
    table = Table()
    table.add("vitality", "energy", 3, source="unpaired")
    table.add("mentioned", "said", 9, source="real-pairs")
    table.save(mine)
    assert main(["table", str(mine), "--source", "unpaired", "--limit", "5"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["vitality\tenergy 3\tkept 0\tunpaired 3"]
    assert main(["table", "--find", "Financial Institution", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("financial institution\tbank ")
    assert main(["table", "--limit", "-1"]) == 2
    assert "--limit must be 0 or more" in capsys.readouterr().err
    assert main(["table", str(tmp_path / "missing.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_learn_counts_a_pair_once(tmp_path, capsys):
    pairs = tmp_path / "pairs.jsonl"
    row = {"spun": "He mentioned the struggle was over.", "clean": "He said the war was over."}
    pairs.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n")
    out = tmp_path / "t.json"
    assert main(["learn", str(pairs), "-o", str(out)]) == 0
    assert "learned from 1 pairs (0 bad lines skipped, 1 already" in capsys.readouterr().err
    assert main(["learn", str(pairs), "--base", str(out), "-o", str(tmp_path / "u.json")]) == 0
    assert "every pair was learned before" in capsys.readouterr().err
    assert main(["learn", str(pairs), "--explain", "-o", str(tmp_path / "v.json")]) == 0
    explained = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line[:1] == "{"
    ]
    assert [e["learned"] for e in explained] == [True, False]
    from unspin import Table

    assert Table.load(tmp_path / "u.json").candidates("struggle") == [("war", 1)]
