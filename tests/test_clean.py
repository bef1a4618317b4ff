"""The batch cleaner: formats, rejects, resume, jobs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from unspin import Table
from unspin import clean as clean_mod
from unspin.clean import CleanError, clean_corpus
from unspin.cli import main

SPUN = "Officials mentioned the struggle ended. He mentioned the struggle was lengthy."


def table() -> Table:
    t = Table()
    t.add("mentioned", "said", 20)
    t.add("struggle", "war", 20)
    t.add("lengthy", "long", 20)
    return t


def write_corpus(folder: Path, n: int = 12) -> Path:
    path = folder / "corpus.jsonl"
    lines = [
        json.dumps({"id": i, "url": f"u{i}", "text": f"{SPUN} Item {i}."}).encode()
        for i in range(n)
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_good_record_kept_every_bad_one_rejected_with_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_bytes(
        b'{"id": 1, "text": "He mentioned the struggle was lengthy."}\n'
        b"{not json\n"
        b'{"id": 3, "text": "caf\xe9 latin-1 bytes"}\n'
        b'{"id": 4, "body": "no text field"}\n'
        b'{"id": 5, "text": 42}\n'
        b"[1, 2]\n"
        b"\n"
        b'{"id": 8, "text": "' + b"x" * 500 + b'"}\n'
        b'{"id": 9, "text": "Nothing to fix here."}\n'
    )
    zipped = tmp_path / "more.jsonl.gz"
    with gzip.open(zipped, "wb") as fh:
        fh.write(b'{"id": 10, "text": "Officials mentioned the struggle ended."}\n')
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("They mentioned the struggle was lengthy.", encoding="utf-8")
    (docs / "b.txt").write_bytes(b"\xff\xfe broken")
    out = tmp_path / "out.jsonl"
    summary = clean_corpus(
        [corpus, zipped, docs], out, table=table(), max_bytes=300, progress=False
    )
    good = read_jsonl(out)
    bad = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert [r["id"] for r in good] == [1, 9, 10, str(docs / "a.txt")]
    assert good[0]["text"] == "He said the war was long."
    assert good[0]["unspin"]["edits"] == 3 and good[0]["unspin"]["score"] > 0.5
    assert good[1]["unspin"] == {"edits": 0, "score": 0.0, "source": f"{corpus}:9"}
    reasons = [r["reason"] for r in bad]
    assert len(reasons) == 7
    for expected in (
        "invalid JSON",
        "not valid UTF-8",
        "missing field 'text'",
        "is not text (int)",
        "not a JSON object",
        "too large",
    ):
        assert any(expected in r for r in reasons), expected
    assert all(r["source"] for r in bad) and bad[0]["raw"] == "{not json"
    assert summary.read == 11 and summary.written == 4 and summary.rejected == 7
    # The summary says where the rejected records went.
    assert f"7 rejected -> {tmp_path / 'out.jsonl.rejects.jsonl'}" in summary.format()
    # The summary groups reasons; the first of each says what the record held.
    assert "    the first: missing field 'text' (its fields: 'id', 'body')" in summary.format()


def test_zstd_input(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    path = tmp_path / "c.jsonl.zst"
    path.write_bytes(
        zstandard.ZstdCompressor().compress(b'{"text": "He mentioned the lengthy struggle."}\n' * 3)
    )
    clean_corpus([path], tmp_path / "o.jsonl", table=table(), progress=False)
    assert [r["text"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["He said the long war."] * 3


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, 40)
    clean_corpus([corpus], tmp_path / "one.jsonl", table=table(), jobs=1, progress=False)
    clean_corpus([corpus], tmp_path / "two.jsonl", table=table(), jobs=2, progress=False)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert [r["id"] for r in read_jsonl(tmp_path / "two.jsonl")] == list(range(40))


def test_interrupted_run_resumes_to_the_same_output(tmp_path: Path, monkeypatch) -> None:
    corpus = write_corpus(tmp_path, 30)
    corpus.write_bytes(corpus.read_bytes() + b"{bad line\n" + b'{"id": 99, "text": "ok."}\n')
    clean_corpus([corpus], tmp_path / "full.jsonl", table=table(), progress=False)
    monkeypatch.setattr(clean_mod, "BATCH_PER_JOB", 4)
    real = clean_mod._clean_batch
    calls = {"n": 0}

    def dying(raws):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(raws)

    monkeypatch.setattr(clean_mod, "_clean_batch", dying)
    out = tmp_path / "part.jsonl"
    with pytest.raises(KeyboardInterrupt):
        clean_corpus([corpus], out, table=table(), progress=False)
    assert (tmp_path / "part.jsonl.progress").exists()
    # A half-written batch after the last checkpoint must not be duplicated.
    with out.open("ab") as fh:
        fh.write(b'{"partial": tru')
    monkeypatch.setattr(clean_mod, "_clean_batch", real)
    summary = clean_corpus([corpus], out, table=table(), progress=False)
    assert 0 < summary.resumed_from < 32  # resumed after the last checkpointed batch
    assert out.read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    assert (tmp_path / "part.jsonl.rejects.jsonl").read_bytes() == (
        tmp_path / "full.jsonl.rejects.jsonl"
    ).read_bytes()
    assert not (tmp_path / "part.jsonl.progress").exists()


def test_job_errors(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    clean_corpus([corpus], out, table=table(), progress=False)
    with pytest.raises(CleanError, match="--overwrite"):
        clean_corpus([corpus], out, table=table(), progress=False)
    clean_corpus([corpus], out, table=table(), progress=False, overwrite=True)
    with pytest.raises(CleanError, match="does not exist"):
        clean_corpus([tmp_path / "missing.jsonl"], tmp_path / "x.jsonl", progress=False)
    (tmp_path / "data.csv").write_text("a,b\n")
    with pytest.raises(CleanError, match="unknown file type"):
        clean_corpus([tmp_path / "data.csv"], tmp_path / "x.jsonl", progress=False)
    (tmp_path / "x.jsonl.progress").write_text(json.dumps({"job": "other"}))
    with pytest.raises(CleanError, match="different job"):
        clean_corpus([corpus], tmp_path / "x.jsonl", progress=False)


def test_cli_clean(tmp_path: Path, capsys) -> None:
    corpus = write_corpus(tmp_path, 3)
    corpus.write_bytes(corpus.read_bytes() + b'{"id": 7}\n')
    table().save(tmp_path / "t.json")
    status = main(
        [
            "clean",
            str(corpus),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--table",
            str(tmp_path / "t.json"),
            "--jobs",
            "1",
            "-q",
            "--explain",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1 and "3 written, 1 rejected" in err
    first = read_jsonl(tmp_path / "o.jsonl")[0]
    assert first["url"] == "u0" and first["unspin"]["explain"][0]["replacement"] == "said"
    assert main(["clean", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "p.jsonl")]) == 2


def test_learning_pass_in_worker_processes_gives_the_one_process_table(tmp_path, monkeypatch):
    import unspin.crawl
    from conftest import CARS
    from unspin import Table
    from unspin.crawl import learn_corpus

    monkeypatch.setattr(unspin.crawl, "LEARN_BATCH", 4)  # five batches, merged in order

    cars = list(CARS) * 3
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in cars))
    one = learn_corpus([corpus], tmp_path / "one.json", base=Table(), progress=False)
    two = learn_corpus([corpus], tmp_path / "two.json", base=Table(), progress=False, jobs=2)
    assert one.sha256 == two.sha256 and one.candidates("automobile") == [("car", 18)]


def test_a_learned_table_is_reused_only_for_the_same_rounds(tmp_path):
    # An open job once took one round by default and takes two now: a table
    # learned either way is reused only by a job that asks the same rounds.
    from conftest import CARS
    from unspin import Table
    from unspin.crawl import learn_corpus

    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in list(CARS) * 3))

    def job(name, **kwargs):
        table = learn_corpus([corpus], tmp_path / name, base=Table(), progress=False, **kwargs)
        return table.sources["unpaired"]["job"]

    for name, careful in (("careful.json", True), ("open.json", False)):
        assert job(name, require_synonym=careful) == job(name, require_synonym=careful, rounds=2)
        with pytest.raises(CleanError, match="was not learned from these inputs"):
            job(name, require_synonym=careful, rounds=1)


def test_a_table_another_revision_of_the_learner_learned_is_not_reused(tmp_path, monkeypatch):
    import unspin.crawl
    from conftest import CARS
    from unspin import Table
    from unspin.crawl import learn_corpus

    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in list(CARS) * 3))
    path = tmp_path / "t.json"
    first = learn_corpus([corpus], path, base=Table(), progress=False)
    assert learn_corpus([corpus], path, base=Table(), progress=False).sha256 == first.sha256
    monkeypatch.setattr(unspin.crawl, "REVISION", unspin.crawl.REVISION + 1)
    with pytest.raises(CleanError, match="or by this version of the learner"):
        learn_corpus([corpus], path, base=Table(), progress=False)
    again = learn_corpus([corpus], path, base=Table(), progress=False, overwrite=True)
    assert again.sources["unpaired"]["job"] != first.sources["unpaired"]["job"]


def test_a_record_that_breaks_restore_goes_to_rejects_and_the_job_goes_on(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path, 6)
    real = clean_mod.restore_one

    def breaks_on_item_3(text, *args, **kwargs):
        if "Item 3." in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(clean_mod, "restore_one", breaks_on_item_3)
    out = tmp_path / "out.jsonl"
    summary = clean_corpus([corpus], out, table=table(), progress=False)
    assert (summary.read, summary.written, summary.rejected) == (6, 5, 1)
    assert summary.reasons == {"restore failed": 1}
    assert [r["id"] for r in read_jsonl(out)] == [0, 1, 2, 4, 5]
    (rejected,) = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert rejected["source"].endswith(":4")
    assert rejected["reason"].startswith("restore failed (RecursionError: maximum recursion")
    assert json.loads(rejected["raw"])["id"] == 3
