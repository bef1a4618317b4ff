import gzip
import json

import pytest

from unspin import Table, TableFormatError
from unspin.importers import clean_expected
from unspin.table import apply_case, original_form


def test_counts_probabilities_and_kept(small_table):
    assert small_table.candidates("Struggle") == [("war", 6), ("battle", 1)]
    assert small_table.probability("struggle", "war") == pytest.approx(6 / 9)
    assert small_table.entry("struggle").kept == 2


def test_merge_adds_counts_and_leaves_inputs_alone(small_table):
    other = Table()
    other.add("struggle", "war", 4)
    merged = small_table.merge(other)
    assert merged.candidates("struggle")[0] == ("war", 10)
    assert small_table.candidates("struggle")[0] == ("war", 6)


def test_prune(small_table):
    pruned = small_table.prune(min_count=2)
    assert pruned.candidates("struggle") == [("war", 6)]
    assert pruned.entry("struggle").kept == 2


@pytest.mark.parametrize("name", ["t.json", "t.json.gz"])
def test_save_load_roundtrip(small_table, tmp_path, name):
    path = tmp_path / name
    small_table.save(path)
    loaded = Table.load(path)
    assert loaded.sha256 == small_table.sha256
    assert list(loaded) == list(small_table)


def test_same_table_same_gzip_bytes(small_table, tmp_path):
    """No file name or time in the gzip header: a rebuilt table file changes
    only where its entries do."""
    small_table.save(tmp_path / "a.json.gz")
    small_table.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


def test_file_is_sorted_one_entry_per_line(small_table, tmp_path):
    path = tmp_path / "t.json"
    small_table.save(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith('{"description"')
    entry_lines = [line for line in lines[1:] if line.startswith('"')]
    assert entry_lines == sorted(entry_lines)
    assert json.loads(path.read_text())["format"] == "unspin-table"


def test_any_json_layout_loads_and_a_broken_line_is_named(small_table, tmp_path):
    text = small_table.dumps()
    pretty = json.dumps(json.loads(text), indent=2)  # re-saved by another tool
    assert Table.loads(pretty).sha256 == Table.loads(text).sha256 == small_table.sha256
    lines = text.splitlines()
    lines[2] = lines[2][:-3]  # one entry line cut short
    with pytest.raises(TableFormatError, match=r"<string>:3: not an entry line"):
        Table.loads("\n".join(lines) + "\n")
    empty = Table(name="empty")
    assert len(Table.loads(empty.dumps())) == 0


def test_hand_edit_is_detected(small_table, tmp_path):
    path = tmp_path / "t.json"
    small_table.save(path)
    path.write_text(path.read_text().replace('"war": 6', '"war": 60'))
    with pytest.raises(TableFormatError, match="sha256"):
        Table.load(path)
    assert Table.load(path, verify=False).candidates("struggle")[0] == ("war", 60)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not an unspin table"),
        ('{"format": "unspin-table", "version": 99, "entries": {}}', "version 99"),
        ('{"format": "unspin-table", "version": 1}', 'no \\"entries\\"'),
        (
            '{"format": "unspin-table", "version": 1, "entries": {"a": {"to": 3}}}',
            "malformed entry",
        ),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(TableFormatError, match=message):
        Table.load(path)


def test_truncated_gzip(tmp_path, small_table):
    path = tmp_path / "t.json.gz"
    small_table.save(path)
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(TableFormatError, match="cannot read"):
        Table.load(path)


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        Table.load("/nonexistent/table.json")


def test_from_tsv_and_csv(tmp_path):
    tsv = tmp_path / "list.tsv"
    tsv.write_text("tortured\tcorrect\nsurface region\tsurface area\nbosom\tbreast\t3\n")
    table = Table.from_tsv(tsv)
    assert table.candidates("surface region") == [("surface area", 1)]
    assert table.candidates("bosom") == [("breast", 3)]
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(
        'spun,original,count\n"counterfeit consciousness",artificial intelligence,"1,200"\n'
    )
    assert Table.from_tsv(csv_path).candidates("counterfeit consciousness") == [
        ("artificial intelligence", 1200)
    ]


def test_from_tsv_bad_line_names_line(tmp_path):
    tsv = tmp_path / "list.tsv"
    tsv.write_text("a\tb\nonly-one-column\n")
    with pytest.raises(ValueError, match=":2:"):
        Table.from_tsv(tsv)


def test_from_pps_export(tmp_path):
    path = tmp_path / "pps.csv"
    path.write_text(
        "tortured_phrase,expected_phrase,num_papers\n"
        '"""surface region"" AND ""surface area""",surface area,"42,682"\n'
        '"""gatherings clustering""~10",clustering,"6,109"\n'
        '"""domestic output (GDP)""",gross domestic product (GDP),12\n'
        '"""cadence design""",rythm pattern (?),"11,384"\n'
        '"""magnetic cell separation"" NOT ""with MACS""",Magnetic-activated cell sorting (MACS),3\n'
    )
    table = Table.from_pps(path)
    assert table.candidates("surface region") == [("surface area", 16)]
    assert "gatherings clustering" not in table  # proximity query, not a phrase
    assert table.candidates("domestic output") == [("gross domestic product", 5)]
    assert table.candidates("cadence design") == [("rythm pattern", 14)]
    assert "magnetic cell separation" in table
    assert "CC BY 4.0" in table.sources["pps"]["license"]


def test_from_pps_boolean_expected_phrases(tmp_path):
    path = tmp_path / "pps.csv"
    path.write_text(
        "tortured_phrase,expected_phrase,num_papers\n"
        '"""differential condition"" AND ""first request""",differential equation AND 1st order,27\n'
        '"""human-PC association""",Human Machine Interface (HMI) OR Human-computer interaction (HCI),44\n'
    )
    table = Table.from_pps(path)
    # Only the first quoted phrase is tortured on its own, with the first part.
    assert table.candidates("differential condition") == [("differential equation", 6)]
    assert "first request" not in table
    assert "human - pc association" not in table  # two possible originals: no guess
    assert all(
        " AND " not in o and " OR " not in o for k in table for o in table.lookup(k).originals
    )


def test_default_table_has_no_query_syntax():
    table = Table.default()
    for key in table:
        for original in table.lookup(key).originals:
            assert " AND " not in original and " OR " not in original, (key, original)


def test_clean_expected():
    assert clean_expected("[neural network] layer outputs") == "layer outputs"
    assert clean_expected("back propagation (BP)") == "back propagation"


def test_case_helpers():
    assert original_form(["america"], "the United States") == "the United States"
    assert original_form(["Mentioned"], "Said") == "said"
    assert apply_case(["Imaginative", "and", "prescient"], "vision") == "Vision"
    assert apply_case(["SUPPLY", "HYPERLINK"], "source link") == "SOURCE LINK"


def test_default_table_ships_and_names_its_sources():
    table = Table.default()
    assert len(table) > 1000
    assert "pps" in table.sources
    assert table.candidates("imaginative and prescient")[0][0] == "vision"


def test_default_table_file_is_gzip_json():
    from importlib import resources

    raw = resources.files("unspin").joinpath("data", "default_table.json.gz").read_bytes()
    header = json.loads(gzip.decompress(raw))
    # It remembers the contexts of its learned swaps (version 2).
    assert header["version"] == 2 and Table.default().contexts()
    # Table.default() takes the recorded SHA-256 as is: it must be the entries'.
    copy = Table.loads(gzip.decompress(raw).decode("utf-8"), verify=False)
    assert header["sha256"] == copy.sha256 == Table.default().sha256


def test_pickled_table_leaves_its_derived_indexes_behind():
    import pickle

    from unspin import restore

    table = Table.default().merge(Table())
    restore("The struggle may finish, he mentioned.", table=table)  # builds its indexes
    assert table._derived
    copy = pickle.loads(pickle.dumps(table))
    assert not copy._derived and copy.sha256 == table.sha256
    text = "The Ukraine struggle may finish inside weeks, he mentioned."
    assert restore(text, table=copy) == restore(text, table=table)
    assert len(pickle.dumps(table)) < 2 * len(table.dumps())


def test_contexts_are_saved_merged_and_selected_with_their_entries(tmp_path):
    from unspin.table import context_signatures

    table = Table()
    table.add("struggle", "war", 2)
    seen = context_signatures(["the", "struggle", "may", "finish"], 1, 2, "war")
    table.add_context("Struggle", seen)
    table.add_context("battle", seen)  # no entry (yet): kept in memory, never saved
    assert table.contexts()["struggle"] == frozenset(seen)
    path = tmp_path / "t.json"
    table.save(path)
    header = json.loads(path.read_text())
    assert header["version"] == 2 and set(header["entries"]) == {"struggle"}
    assert header["entries"]["struggle"]["ctx"] == sorted(seen)
    loaded = Table.load(path)
    assert loaded.sha256 == table.sha256 and loaded.contexts() == {"struggle": frozenset(seen)}
    other = Table()
    other.add("struggle", "war")
    other.add_context("struggle", [7])
    assert table.merge(other).contexts()["struggle"] == frozenset(seen) | {7}
    assert table.select(lambda key: True).contexts() == {"struggle": frozenset(seen)}
    assert table.prune(min_count=2).contexts() == {"struggle": frozenset(seen)}
    assert not table.prune(min_count=3).contexts()


def test_a_table_without_contexts_is_still_written_as_version_1(small_table):
    assert json.loads(small_table.dumps())["version"] == 1
    text = small_table.dumps().replace('"version": 1', '"version": 3', 1)
    with pytest.raises(TableFormatError, match="reads versions 1, 2"):
        Table.loads(text)


def test_an_entry_remembers_a_bounded_sample_of_contexts_whatever_the_order():
    from unspin.table import MAX_CONTEXTS

    a, b = Table(), Table()
    for t in (a, b):
        t.add("within", "in")
    for i in range(600):
        (a if i % 2 else b).add_context("within", [i * 7919 % 100_003])
    merged, other = a.merge(b), b.merge(a)
    assert len(merged.contexts()["within"]) == MAX_CONTEXTS
    assert merged.contexts() == other.contexts()
    one = Table()
    one.add("within", "in")
    one.add_context("within", [i * 7919 % 100_003 for i in range(600)])
    assert one.contexts() == merged.contexts()
