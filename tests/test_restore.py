import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unspin
from conftest import golden
from unspin import Edit, Options, Table, apply_edits, restore, restore_and_explain


@pytest.mark.parametrize("case", golden("positive.json"), ids=lambda c: c["spun"][:30])
def test_positive(case):
    assert restore(case["spun"]) == case["restored"]


@pytest.mark.parametrize("text", golden("negative.json"), ids=lambda t: t[:30])
def test_negative_clean_text_is_unchanged(text):
    assert restore(text) == text


@pytest.mark.parametrize("case", golden("known_failures.json"), ids=lambda c: c["spun"][:30])
@pytest.mark.xfail(strict=True, reason="known failure, see 'why' in the golden file")
def test_known_failures(case):
    assert restore(case["spun"]) == case["restored"]


def test_the_design_sentence_loses_its_two_artifacts():
    # DESIGN.md's example, with no table or reference: "struggle" and the
    # footer "Supply hyperlink" are the spinner's, and so is "mentioned".
    # (The exact original is a known failure: see known_failures.json.)
    restored = restore(
        "The Ukraine struggle may finish inside weeks, he mentioned. Supply hyperlink"
    )
    assert restored.startswith("The Ukraine war ")
    assert restored.endswith(", he said. Source link")


def test_edits_explain_themselves(small_table):
    text = "The struggle ended, Putin mentioned. His imaginative and prescient was clear, they mentioned."
    result = restore_and_explain(text, table=small_table)
    assert result.text == "The war ended, Putin said. His vision was clear, they said."
    for edit in result.edits:
        assert text[edit.start : edit.end] == edit.spun
        assert 0 < edit.confidence <= 1
        assert edit.entry and edit.evidence
    assert apply_edits(text, result.edits) == result.text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list('ab "\u201c\u201d.\n')), max_size=60))
def test_quotations_are_ascending_token_ranges(text):
    from unspin.hits import Doc, quotations

    doc = Doc(text)
    spans = quotations(doc)
    assert all(0 <= a < b <= len(doc.texts) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))


def _quotes_table() -> Table:
    t = Table()
    t.add("mentioned", "said", 50)
    t.add("struggle", "war", 9)
    t.add("financial institution", "bank", 20)
    t.add("imaginative and prescient", "vision", 10)
    t.add("due to", "because of", 3)
    t.add_kept("due to")
    return t


_SPUN_LEAD = (
    "The struggle ended, the financial institution mentioned. "
    "Officials mentioned the struggle was over. "
)


def test_unspun_quotation_in_a_spun_page_is_left_alone():
    # Some sites do not spin quotations: one hit the model likes inside them
    # is not evidence enough that they were spun.
    text = (
        _SPUN_LEAD + "\u201cDue to high inflation, the real value of pay fell,\u201d she mentioned."
    )
    t = _quotes_table()
    restored = restore(text, table=t)
    assert restored.startswith("The war ended, the bank said.")
    assert "\u201cDue to high inflation" in restored
    assert "she said." in restored
    off = restore(text, table=t, options=Options(quotes=False))
    assert "\u201cBecause of high inflation" in off


def test_spun_quotation_is_restored():
    text = _SPUN_LEAD + (
        "\u201cThe imaginative and prescient of the financial institution is clear,\u201d she mentioned."
    )
    assert restore(text, table=_quotes_table()).endswith(
        "\u201cThe vision of the bank is clear,\u201d she said."
    )


# The artifacts restored only in a document judged spun: (rule, edits of it,
# the spun text after a spun lead, as restored, clean text that stays).
_SPUN_ONLY_ARTIFACTS = [
    (
        "brace",
        3,
        "The euro fell to 1.0999 U.S. {dollars} "
        "from 1.1023 {dollars}, they mentioned {{that a}} rescue was unlikely, "
        "and { spaced } and {a|b} and {one two three four five} stay.",
        "The euro fell to 1.0999 U.S. dollars "
        "from 1.1023 dollars, they said that a rescue was unlikely, "
        "and { spaced } and {a|b} and {one two three four five} stay.",
        "Write {name} where the template should put the reader's name.",
    ),
    (
        "percent",
        2,
        "Prices were up 0.22 p.c, and then 2 p.c. Later.",
        "Prices were up 0.22 percent, and then 2 percent. Later.",
        "Shares rose 20 p.c. in the year, and the p.c. of the district was tidy.",
    ),
    # The real spinner writes "the 2 parliamentary homes" for "the two
    # parliamentary houses"; units, dates, labels and ranges keep their digits.
    (
        "digit",
        2,
        "It is unclear if the 2 parliamentary groups will agree for 3 years. "
        "Shares were up 8 pence, on 8 might 2025, in phase 2 of the plan, "
        "for 2 or 3 weeks, at 5 p.m. and after 4.5 hours.",
        "It is unclear if the two parliamentary groups will agree for three years. "
        "Shares were up 8 pence, on 8 might 2025, in phase 2 of the plan, "
        "for 2 or 3 weeks, at 5 p.m. and after 4.5 hours.",
        "The company said it would hire 2 new staff for 3 years.",
    ),
]


@pytest.mark.parametrize(
    ("rule", "count", "spun", "restored", "clean"),
    _SPUN_ONLY_ARTIFACTS,
    ids=[case[0] for case in _SPUN_ONLY_ARTIFACTS],
)
def test_an_artifact_is_restored_in_a_spun_document_only(
    small_table, rule, count, spun, restored, clean
):
    lead = "The struggle ended, Putin mentioned, and his imaginative and prescient with it. "
    result = restore_and_explain(lead + spun, table=small_table)
    assert result.text == "The war ended, Putin said, and his vision with it. " + restored
    assert [e.rule for e in result.edits].count(rule) == count
    assert restore(clean, table=small_table) == clean


def test_a_number_word_before_a_per_cent_sign_is_a_digit():
    # The spinner spells out a digit after some words: "rose to three%".
    assert restore("Inflation rose to three% in January.", table=Table()) == (
        "Inflation rose to 3% in January."
    )
    assert restore("It rose three % and overthree% of it.", table=Table()) == (
        "It rose three % and overthree% of it."
    )


def test_case_is_kept(small_table):
    text = "Imaginative and prescient matters, Putin mentioned. They MENTIONED it."
    assert restore(text, table=small_table) == "Vision matters, Putin said. They SAID it."


def test_inflection_of_known_entry(small_table):
    # An inflected form is a guess (1.5 nats less sure than its entry): it
    # takes an entry seen swapped many times.
    small_table.add("finish", "end", 40)
    text = "The talks finished, Putin mentioned, and the war will finish soon, he mentioned."
    result = restore_and_explain(text, table=small_table)
    assert "The talks ended" in result.text
    assert "inflection" in {e.rule for e in result.edits}


def test_table_may_be_a_path(small_table, tmp_path):
    path = tmp_path / "t.json"
    small_table.save(path)
    assert restore("His imaginative and prescient.", table=str(path)) == "His vision."


def test_reference_learns_on_the_fly_and_restores_the_rest():
    spun = "Peskov mentioned the struggle was over. Later, Lavrov mentioned it again in Riyadh."
    clean = "Peskov said the war was over."
    # The reference's swaps add to the default table's counts.
    result = restore_and_explain(spun, reference=clean)
    assert result.text.startswith("Peskov said the war was over.")
    assert "Lavrov said it" in result.text
    assert {e.rule for e in result.edits} >= {"reference"}


def test_never_edits_urls_or_code(small_table):
    text = "See https://x.org/imaginative and prescient `mentioned` <a title='struggle'>"
    result = restore_and_explain(text, table=small_table)
    for e in result.edits:
        assert (
            e.start > text.index("https://x.org/imaginative") + len("https://x.org/imaginative") - 1
        )


def test_number_artifacts():
    assert (
        restore("It rose to three.3% and the two,5 figure.")
        == "It rose to 3.3% and the 2,5 figure."
    )
    # Only a number word glued to a decimal point and a digit is an artifact;
    # none inside a URL either.
    kept = "Not two . 5, nor two.\u00b2, nor https://x.org/two.5 here."
    assert restore(kept) == kept


@pytest.mark.parametrize("bad", [b"bytes", None, 3, ["list"]])
def test_bad_input_types(bad):
    with pytest.raises(TypeError, match=r"must be a str|is bytes"):
        restore(bad)


def test_bytes_error_says_what_to_do():
    with pytest.raises(TypeError, match="decode"):
        restore(b"text")


def test_bad_table_argument():
    with pytest.raises(TypeError, match="table must be"):
        restore("text", table=42)


def test_apply_edits_rejects_wrong_edits():
    with pytest.raises(ValueError, match="expects"):
        apply_edits("abc", [Edit(0, 1, "x", "y", 1.0, "table", "", "")])
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits(
            "abc", [Edit(0, 2, "ab", "", 1, "t", "", ""), Edit(1, 2, "b", "", 1, "t", "", "")]
        )


def test_huge_input_is_linear_and_bounded(small_table):
    text = "Putin mentioned the struggle. " * 20000
    # One repeated sentence is no evidence of a spinner: take it as spun.
    result = restore(text, table=small_table, options=Options(prior=50.0))
    assert result.count("said the war") == 20000


def test_threshold_knob(small_table):
    text = "Putin mentioned the struggle. They mentioned it, the struggle."
    strict = restore(text, table=small_table, options=Options(threshold=0.999999, prior=-100))
    assert strict == text


vocab = st.sampled_from(
    [
        "the",
        "struggle",
        "mentioned",
        "said",
        "war",
        "on",
        "bottom",
        "imaginative",
        "and",
        "prescient",
        "Putin",
        "Mentioned",
        ",",
        ".",
        "\n",
        "was",
        "once",
        "two.2",
        "three%",
        "0.2 p.c",
        "{dollars}",
        "{{that",
        "a}}",
        "https://a.b/c",
    ]
)
texts = st.lists(vocab, max_size=40).map(" ".join)
relaxed = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(texts)
def test_idempotent(text):
    once = restore(text)
    assert restore(once) == once


@relaxed
@given(texts)
def test_idempotent_with_small_table(text):
    table = unspin.Table()
    table.add("mentioned", "said", 12)
    table.add("struggle", "war", 6)
    table.add("on the bottom", "on the ground", 5)
    table.add("said", "stated", 1)
    once = restore(text, table=table)
    assert restore(once, table=table) == once


@relaxed
@given(texts)
def test_explain_replays_to_restore(text):
    result = restore_and_explain(text)
    assert apply_edits(text, result.edits) == result.text == restore(text)


@relaxed
@given(texts)
def test_text_outside_edits_unchanged(text):
    result = restore_and_explain(text)
    pos = 0
    out = []
    for e in result.edits:
        out.append(text[pos : e.start])
        pos = e.end
    out.append(text[pos:])
    kept = "".join(out)
    # every untouched character appears, in order, in the result
    it = iter(result.text)
    assert all(ch in it for ch in kept)


@relaxed
@given(st.sampled_from(golden("negative.json")))
def test_clean_text_is_a_fixed_point(text):
    assert restore(text) == text


def test_second_pass_edits_inside_one_first_pass_edit_compose() -> None:
    """Two later-pass edits inside one earlier replacement ("florp" -> "alpha
    beta" -> "one two") compose into one edit on the input."""
    table = Table()
    for spun, original in (
        ("florp", "alpha beta"),
        ("alpha", "one"),
        ("beta", "two"),
        ("qux", "quux"),
    ):
        table.add(spun, original, 20)
    text = "The florp and the qux went home."
    # Made-up words: the document is taken as spun, the table decides.
    result = restore_and_explain(text, table=table, options=Options(prior=50.0, threshold=0.01))
    assert result.text.startswith("The one two and the ")
    assert apply_edits(text, result.edits) == result.text
    spans = sorted((e.start, e.end) for e in result.edits)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "bad",
    [
        {"threshold": float("nan")},
        {"threshold": 1.0},
        {"threshold": 0.0},
        {"min_density": 1.5},
        {"prior": float("inf")},
        {"per_word": float("nan")},
        {"cap": -1.0},
        {"max_passes": 0},
    ],
)
def test_options_reject_values_that_mean_nothing(bad):
    with pytest.raises(ValueError, match="Options"):
        Options(**bad)


def test_ordinary_word_pairs_keep_a_document_with_many_table_words_clean():
    """A long clean text that uses many table words ("damage", "amount") is
    not treated as spun: there the trigram model prefers the words as
    written, and each phrase counts once however often it recurs."""
    table = Table()
    for spun, original in (
        ("damage", "price"),
        ("amount", "number"),
        ("worst", "bottom"),
        ("governments", "states"),
        ("events", "results"),
    ):
        table.add(spun, original, 20)
    text = (
        "The damage from the storm was worse than expected, and the amount of aid that the region "
        "needs is still growing. Officials said the worst of the flooding was over, but the damage "
        "to roads and homes will take years to repair. Several governments have promised help, and "
        "the amount pledged so far is more than a billion dollars. Many people lost everything in "
        "the events of the weekend, and the damage to the local economy is expected to last for a "
        "long time."
    )
    assert restore(text, table=table) == text
    # With the document taken as spun, the table words alone would be edited.
    assert restore(text, table=table, options=Options(prior=50.0, threshold=0.01)) != text


def test_one_strong_artifact_opens_a_one_line_input():
    """The document test does not block an edit whose evidence is
    overwhelming on its own, and a weak one stays blocked."""
    table = Table()
    table.add("financial institution", "bank", 40)
    table.add("mentioned", "said", 40)
    assert restore("the Financial institution of England", table=table) == "the Bank of England"
    text = "She mentioned the idea at a meeting last week."
    assert restore(text, table=table) == text


def test_neighbouring_spun_words_are_decided_jointly():
    table = Table()
    table.add("struggle", "war", 5)
    table.add("finish", "end", 5)
    text = "They hope to finish the struggle soon."
    result = restore_and_explain(text, table=table, options=Options(prior=50.0))
    assert result.text == "They hope to end the war soon."
    assert all("jointly" in e.evidence for e in result.edits)


def test_long_documents_are_restored_chunk_by_chunk_and_stay_a_fixed_point(small_table):
    import importlib

    restore_module = importlib.import_module("unspin.restore")
    paragraph = (
        "The struggle ended on Monday, Putin mentioned. His imaginative and prescient was clear. "
        "Nothing else happened that day. The weather was fine and the roads were quiet.\n"
    )
    text = paragraph * 60  # 300 ends (four sentences and a line each): cuts every 40
    chunks = restore_module._chunks(text)
    assert chunks is not None and len(chunks) == 8
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    result = restore_and_explain(text, table=small_table)
    assert result.text.count("The war ended on Monday, Putin said.") == 60
    assert apply_edits(text, result.edits) == result.text
    assert restore(result.text, table=small_table) == result.text
    assert restore_module._chunks(paragraph * 16) is None  # 80 ends: restored whole


def test_a_large_table_computes_its_originals_on_demand_with_the_same_result(monkeypatch):
    """Above ``EAGER_ENTRIES`` the hot path's index of originals and priors is
    computed per key when first looked up (memory for million-entry tables):
    the same originals, priors and restorations as the eager index."""
    from unspin import hits

    default = Table.default()
    eager = dict(hits.best_originals(default))
    copy = default.merge(Table())  # a new table: its own derived indexes
    monkeypatch.setattr(hits, "EAGER_ENTRIES", 100)
    lazy = hits.best_originals(copy)
    assert isinstance(lazy, hits._LazyBest)
    assert dict(lazy.items()) == eager
    assert set(lazy) == set(eager) and len(lazy) == len(eager)
    assert "mentioned" in lazy and "qzxv" not in lazy and lazy.get("qzxv") is None
    assert lazy["mentioned"] == eager["mentioned"]
    text = "The Ukraine struggle may finish inside weeks, he mentioned. Supply hyperlink"
    assert restore_and_explain(text, table=copy) == restore_and_explain(text, table=default)


def _texts_for_large_tables() -> list[str]:
    texts = [case["spun"] for case in golden("positive.json")] + golden("negative.json")
    texts += [case["spun"] for case in golden("known_failures.json")]
    spun = (Path(__file__).parent.parent / "examples" / "spun_example.txt").read_text("utf-8")
    return [*texts, spun, spun.replace("\n", " "), "She said it was 2.2% and two.2% and three,5."]


def test_a_large_table_keeps_compact_indexes_with_the_same_result(monkeypatch):
    """Above ``EAGER_ENTRIES`` the key prefixes and the pairs that start keys
    are hash filters and the screen's pair weights are computed on demand (a
    million-entry table's indexes took 360 MB as sets and dictionaries): the
    same screen scores, hits and restorations as the eager indexes."""
    from unspin import hits, screen

    default = Table.default()
    texts = _texts_for_large_tables()
    eager = [
        (screen.screen_scores(t, default), restore_and_explain(t, table=default)) for t in texts
    ]
    eager_baseline = default.derived("screen", screen.screen_weights).baseline
    copy = default.merge(Table())
    monkeypatch.setattr(hits, "EAGER_ENTRIES", 100)
    assert isinstance(copy.derived("prefixes", hits.key_prefixes), hits.HashFilter)
    assert isinstance(copy.derived("starts", hits._starts)[1], hits.HashFilter)
    weights = copy.derived("screen", screen.screen_weights)
    assert isinstance(weights.pairs, screen.LazyPairs)
    assert weights.baseline == eager_baseline
    lazy = [(screen.screen_scores(t, copy), restore_and_explain(t, table=copy)) for t in texts]
    assert lazy == eager
    for t in texts:
        doc_eager, doc_lazy = hits.Doc(t), hits.Doc(t)
        assert hits.find_hits(doc_lazy, copy) == hits.find_hits(doc_eager, default)
        assert doc_lazy.numbers == doc_eager.numbers


def test_hash_filter_has_no_false_negatives():
    items = [(f"w{i}", f"v{i % 97}") for i in range(5000)]
    from unspin.hits import HashFilter

    f = HashFilter(items, len(items))
    assert all(item in f for item in items)
    assert list(f.flags(items)) == [1] * len(items)
    misses = sum((f"x{i}", "y") in f for i in range(5000))
    assert misses < 5000 * 0.25  # 8 slots an item: about one in eight


def test_no_table_entry_turns_one_number_into_another():
    t = Table()
    t.add("hundreds", "millions", 20)
    t.add("hundreds of thousands", "millions", 20)
    t.add("struggle", "war", 20)
    text = "Hundreds of thousands of people joined, and the struggle left hundreds homeless."
    # prior=5: the document counts as spun, so that only the rule holds the numbers back;
    # the spinner writes "hundreds of thousands" for "millions", but so do writers
    assert restore(text, table=t, options=Options(threshold=0.5, prior=5.0)) == (
        "Hundreds of thousands of people joined, and the war left hundreds homeless."
    )


_QUIET_NEWS = [
    "The council met on Monday to discuss the new budget for the town.",
    "Members agreed that the roads needed repair before the winter came.",
    "The library will open for longer hours from the start of next month.",
    "Parents welcomed the plan for a new playground near the primary school.",
    "A local bakery won a regional prize for its sourdough bread.",
    "The football club announced a friendly match against a team from Wales.",
    "Volunteers planted two hundred trees along the river on Saturday.",
    "The museum is showing paintings by artists who lived in the valley.",
    "Bus services will run on a reduced timetable over the holiday.",
    "The market hall reopened after a year of work on its roof.",
    "Residents asked for more lights on the path by the canal.",
    "A new cycle lane will link the station with the town centre.",
]
_SPUN_NEWS = [
    "The Financial institution of England mentioned charges would keep excessive this 12 months.",
    "Officers mentioned the struggle may finish earlier than the winter.",
    "The corporate additionally mentioned its earnings rose sharply final 12 months.",
    "Analysts mentioned the financial system may shrink subsequent 12 months.",
    "The authorities advised folks to keep away from the Metropolis centre.",
    "Buying and selling in the shares was halted on Tuesday, Sky Information understands.",
    "A brand new invoice would make electrical energy payments cheaper for households.",
    "Sufferers nonetheless face lengthy waits, the well being physique mentioned.",
    "The enterprise secretary mentioned the plan was a significant step.",
    "Shoppers are spending much less whereas costs stay excessive.",
    "The regulator mentioned it could examine the agency's conduct.",
    "Ministers have been advised to chop prices by subsequent month.",
]


def test_a_spun_page_between_clean_articles_is_restored_piece_by_piece():
    """A document of more than 40 sentences that passes the screen is cut
    into pieces of 20, each screened on its own: the clean articles around a
    spun page are not asked about (with the whole document sent to the
    model, "two hundred trees" became "two million trees")."""
    import importlib

    restore_module = importlib.import_module("unspin.restore")
    clean = " ".join(_QUIET_NEWS * 2) + "\n"
    text = clean + " ".join(_SPUN_NEWS * 2) + "\n" + clean  # 72 sentences
    assert restore_module._screened(text, Table.default(), Options())
    assert len(restore_module._chunks(text, 20)) == 4
    result = restore_and_explain(text)
    assert result.text.startswith(clean) and result.text.endswith(clean)
    assert result.text.count("The Bank of England said") == 2
    assert apply_edits(text, result.edits) == result.text
    assert restore(result.text) == result.text


def test_threads_restore_as_one_thread_does(tmp_path):
    # Dask workers with several threads, web servers: restore's caches (the
    # model's scores, the last document streamed) are shared between threads,
    # and so is a table whose indexes the first restores build.
    from concurrent.futures import ThreadPoolExecutor
    from functools import partial

    from unspin.restore import clear_caches

    example = Path(__file__).resolve().parent.parent / "examples" / "spun_example.txt"
    texts = [example.read_text(encoding="utf-8")]
    texts += [case["spun"] for case in golden("positive.json")]
    texts += golden("negative.json")
    alone = [restore(t) for t in texts]
    assert alone != texts
    Table.default().save(tmp_path / "t.json")
    for _ in range(2):
        clear_caches()
        fresh = partial(restore, table=Table.load(tmp_path / "t.json"))
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(restore, texts * 3)) == alone * 3
            assert list(pool.map(fresh, texts * 3)) == alone * 3
