"""Why restoration left a phrase as written (unspin.consider), and that the
decision told for every hit (unspin.decide.weigh_all) is the one restore
makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin import Options, Table, restore_and_explain
from unspin.cli import main
from unspin.consider import considered, why_lines
from unspin.decide import decide, weigh_all
from unspin.hits import Doc, find_hits, quotations

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "spun_example.txt"
SEED = "The Ukraine struggle may finish inside weeks, he mentioned. Supply hyperlink"


def _restored(text: str, table: Table | None = None) -> set[tuple[int, int, str]]:
    return {(c.start, c.end, c.original) for c in considered(text, table=table) if c.restored}


def _table_edits(text: str, table: Table | None = None) -> set[tuple[int, int, str]]:
    edits = restore_and_explain(text, table=table).edits
    return {(e.start, e.end, e.replacement) for e in edits if e.rule in ("table", "inflection")}


@pytest.mark.parametrize(
    "text",
    [
        SEED,
        EXAMPLE.read_text(encoding="utf-8"),
        "The struggle for civil rights shaped his life.",
        "European troops on the bottom",
        # Long enough to be restored in chunks of 40 sentences.
        " ".join(["The minister mentioned the plan on Monday."] * 90),
    ],
)
def test_considered_marks_restored_exactly_what_restore_changed(text):
    assert _restored(text) == _table_edits(text)


def test_considered_says_what_stopped_each_hit(small_table):
    found = considered("The struggle for civil rights shaped his life.", table=small_table)
    assert [c.original for c in found] == ["war", "battle"] and not any(c.restored for c in found)
    clean = found[0]
    assert clean.why.startswith("the document looks clean: P(spun) 0.0")
    table = Table.default()
    screened = [c for c in considered("The struggle for civil rights shaped his life.")]
    assert screened and all(c.why.startswith("the screen turned") for c in screened)
    assert "had it not: " in screened[0].why and not any(c.restored for c in screened)
    by_original = {(c.spun, c.original): c for c in considered(SEED, table=table)}
    link = by_original[("Supply hyperlink", "Source link")]
    assert link.restored and "trigram +" in link.why and "P(document spun) 1.00" in link.why
    # A word of the restored phrase was weighed too, and was restored otherwise.
    supply = by_original[("Supply", "Provision")]
    assert supply.why.startswith("restored otherwise: 'Supply hyperlink' -> 'Source link'")
    below = [c for c in by_original.values() if not c.restored and "P(swap) 0." in c.why]
    assert any(c.why.startswith("P(swap) ") and " < 0.85" in c.why for c in below)


def test_weigh_all_makes_what_decide_makes(shared):
    """Over real spun pages: the candidates weigh_all makes are decide's
    decisions, with the same probabilities."""
    table = Table.default()
    path = shared / "data" / "real_pairs_dev.jsonl"
    pages = [json.loads(line)["spun"] for line in path.read_text(encoding="utf-8").splitlines()]
    made = 0
    for text in pages[:20]:
        doc = Doc(text)
        hits = find_hits(doc, table)
        quoted = quotations(doc)
        chosen, _ = decide(doc.norms, hits, quoted=quoted, contexts=table.contexts())
        weighed = weigh_all(doc.norms, hits, quoted=quoted, contexts=table.contexts())
        assert [(w.hit, w.probability) for w in weighed if w.made] == [
            (d.hit, d.probability) for d in chosen
        ]
        assert all(w.why.split(";")[0] for w in weighed if not w.made)
        made += len(chosen)
    assert made > 100


def test_why_lines(small_table):
    lines = why_lines(
        "He mentioned it. See http://x.org/mentioned here.",
        ["Mentioned", "said", "imaginative and prescient"],
        table=small_table,
    )
    assert lines[0].startswith("'mentioned' at 1:4 -> 'said': left as written: ")
    assert lines[1:] == [
        "'said': not in the text",
        "'imaginative and prescient': not in the text",
    ]
    (url,) = why_lines("See http://x.org/mentioned here.", ["mentioned"], table=small_table)
    assert "the table knows it, but restoration never weighs it here" in url
    two_lines = "Fine.\nHis imaginative and prescient of the city."
    (line,) = why_lines(two_lines, ["prescient"], table=small_table)
    assert line.startswith("'imaginative and prescient' at 2:5 -> 'vision': ")
    with pytest.raises(ValueError, match="a word or phrase is needed"):
        why_lines("Text.", ["  "], table=small_table)


def test_restore_why_on_the_command_line(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(SEED, encoding="utf-8")
    assert main(["restore", str(page), "--why", "hyperlink", "--why", "zebra"]) == 0
    captured = capsys.readouterr()
    assert "Source link" in captured.out
    err = captured.err.splitlines()
    assert (
        "unspin: why 'Supply hyperlink' at 1:61 -> 'Source link': restored: trigram"
        in "\n".join(err)
    )
    assert "unspin: why 'zebra': not in the text" in err
    # Stricter knobs are the knobs the explanation uses.
    assert main(["restore", str(page), "--why", "hyperlink", "--threshold", "0.999"]) == 0
    assert "P(swap) 0.99 < 1.00" in capsys.readouterr().err
    assert main(["restore", str(page), "--why", "x", "--reference", str(page)]) == 2
    assert "--why explains restoration without --reference" in capsys.readouterr().err
    assert main(["restore", str(page), "--why", " "]) == 2
    captured = capsys.readouterr()
    assert "--why needs a word or phrase" in captured.err and not captured.out  # before any output


def test_considered_uses_the_options():
    def link(options: Options | None) -> list[bool]:
        return [
            c.restored for c in considered(SEED, options=options) if c.original == "Source link"
        ]

    assert link(None) == [True]
    assert link(Options(threshold=0.999)) == [False]


def test_weigh_all_names_the_section_of_a_long_document(small_table):
    text = "The struggle for civil rights shaped his life. " * 60  # 540 words: two sections
    doc = Doc(text)
    weighed = weigh_all(doc.norms, find_hits(doc, small_table))
    assert weighed and all(w.why.startswith("its section (400 words) looks clean") for w in weighed)
