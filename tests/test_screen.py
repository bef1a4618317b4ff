"""The screen (a cheap first document test) and the fast path it opens.

The fast path returns a document untouched, untokenized, when the screen
turns it away and it holds no number artifact; these tests check that the
full path gives byte-identical output on such documents, on generated text
(Unicode, URLs, markup) and on the real development data.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import unspin
from unspin.screen import (
    _LONGEST_NUMBER_WORD,
    _NUMBER_WORD_END,
    FLUENT_SCREEN,
    fluent,
    may_have_numbers,
    screen_scores,
)

# The module, not the function that ``unspin.restore`` names.
restore_module = importlib.import_module("unspin.restore")

_WORDS = [
    "the",
    "war",
    "struggle",
    "mentioned",
    "said",
    "on",
    "the",
    "bottom",
    "Financial",
    "institution",
    "Bank",
    "of",
    "England",
    "two",
    "three",
    ".",
    ",",
    "2",
    "2%",
    "’s",
    "Straße",
    "İstanbul",
    "ﬁnance",
    "https://example.com/supply-hyperlink",
    "<b>",
    "</b>",
    "`code`",
    "a@b.org",
    "—",
    "“",
    "”",
    "\n",
    "12",
    "months",
    "final",
    "Supply",
    "hyperlink",
    "%",
    "{",
    "}",
    "p.c",
]


def _both(text: str, table: unspin.Table | None = None) -> tuple[unspin.Restored, unspin.Restored]:
    fast = unspin.restore_and_explain(text, table=table)
    restore_module._FAST_PATH = False
    try:
        full = unspin.restore_and_explain(text, table=table)
    finally:
        restore_module._FAST_PATH = True
    return fast, full


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.sampled_from([" ", "", "  "]))
@example(
    ["Inflation", " rose", " to", " three", ".", "2%", "."], ""
)  # screened out, a number to fix
@example(["https://example.com/supply-hyperlink"], "")
@example(["Inflation", " rose", " to", " three", "%", "."], "")  # screened out, a number
def test_fast_path_agrees_with_the_full_path(words, sep):
    text = sep.join(words)
    fast, full = _both(text)
    assert fast == full


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_fast_path_agrees_on_any_text(text):
    fast, full = _both(text)
    assert fast == full


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "nine", "Eleven", "TWELVE", "x"]), max_size=12))
@example(["%", "two", "%"])  # a per cent sign first: the later one still counts
def test_number_check_is_a_superset(words):
    for sep in ("", " "):
        text = sep.join(words)
        restore_module._FAST_PATH = False
        try:
            edits = unspin.restore_and_explain(text, table=unspin.Table()).edits
        finally:
            restore_module._FAST_PATH = True
        if any(e.rule == "number" for e in edits):
            assert may_have_numbers(text), text


def _numbers_by_regex(text: str) -> bool:
    """may_have_numbers as a regular expression over the text (until session
    33): the reference for the shapes that replace it."""
    for m in re.finditer(r"[.,]\d", text):
        start = m.start()
        if text[start - 1 : start].isalpha() and _NUMBER_WORD_END.search(
            text, max(0, start - _LONGEST_NUMBER_WORD), start
        ):
            return True
    return any(
        text[i - 1].isalpha() and _NUMBER_WORD_END.search(text, max(0, i - _LONGEST_NUMBER_WORD), i)
        for i in range(1, len(text))
        if text[i] == "%"
    )


_NUMBER_PIECES = [
    "two",
    "Three",
    "ſix",
    "ten",
    "x",
    "é",
    "\u0662",
    "5",
    ".",
    ",",
    "%",
    " ",
    "?",
    "\u201d",
    "\ud800",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=14))
@example(["two", ".", "\u0662"])  # a decimal digit outside ASCII
@example(["two", "?", ".", "5", "two", "%"])
def test_number_shapes_give_the_regular_expressions_answer(pieces):
    text = "".join(pieces)
    assert may_have_numbers(text) == _numbers_by_regex(text), text


def test_screen_turns_clean_prose_away_and_lets_spun_text_through():
    table = unspin.Table.default()
    clean = "The minister said the report would be published next week. " * 5
    spun = (
        "The Ukraine struggle may finish inside weeks, he mentioned. European troops on the "
        "bottom, the Financial institution of England mentioned. Supply hyperlink"
    )
    assert max(screen_scores(clean, table)) < unspin.Options().screen
    assert max(screen_scores(spun, table)) >= unspin.Options().screen


def test_the_screen_is_a_knob():
    text = "The Ukraine struggle may finish inside weeks, he mentioned."
    assert unspin.restore(text, options=unspin.Options(screen=1e9)) == text
    assert unspin.restore(text, options=unspin.Options(screen=0)) != text


def test_options_screen_must_be_a_ratio():
    with pytest.raises(ValueError, match="screen"):
        unspin.Options(screen=-1)


def test_fast_path_agrees_on_the_development_data(shared):
    table = unspin.Table.default()
    texts = []
    for name, fields in (
        ("real_pairs_dev.jsonl", ("spun", "clean")),
        ("other_spinners_dev.jsonl", ("spun", "clean")),
        ("spun_only_dev.jsonl", ("spun",)),
    ):
        with (shared / "data" / name).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts.extend(record[f] for f in fields)
    with (shared / "data" / "bbc_2225.jsonl").open(encoding="utf-8") as fh:
        texts.extend(json.loads(line)["text"] for _, line in zip(range(100), fh, strict=False))
    for text in texts:
        fast, full = _both(text, table)
        assert fast == full


# Clean prose that uses many table words: it passes the screen, but narrowly.
_FLUENT_NEWS = (
    "The finance minister said on Tuesday that the government would publish its budget next "
    "week. However, officials also warned that growth could slow within months, as prices and "
    "energy bills keep rising. The central bank has already raised interest rates several times "
    "this year, and traders expect another rise in March. Shops and businesses say customers are "
    "spending less on clothes and cars, while many families are cutting back on food. The "
    "opposition said the plan would do little to help people on low incomes, and called for a "
    "new tax on company profits. Economists said the figures showed that the country was close "
    "to a recession, but that jobs remained strong. She mentioned that the struggle to pay the "
    "rent was a major concern for young people in the city. The minister is expected to answer "
    "questions from members of parliament later this month, the office said."
)


def test_fluent_text_that_passes_the_screen_narrowly_is_not_decided(monkeypatch):
    table = unspin.Table.default()
    top = max(screen_scores(_FLUENT_NEWS, table))
    assert unspin.Options().screen <= top < FLUENT_SCREEN
    assert fluent(_FLUENT_NEWS, unspin.Options().fluent)
    calls = []
    real_decide = restore_module.decide

    def counting(*args, **kwargs):
        calls.append(1)
        return real_decide(*args, **kwargs)

    monkeypatch.setattr(restore_module, "decide", counting)
    assert unspin.restore(_FLUENT_NEWS, table=table) == _FLUENT_NEWS
    assert not calls  # turned away before any hit was weighed
    assert unspin.restore(_FLUENT_NEWS, table=table, options=unspin.Options(fluent=0)) == (
        _FLUENT_NEWS
    )
    assert calls  # with the question switched off, the model decides (and keeps it)


def test_spun_and_short_texts_are_not_fluent():
    # _FLUENT_NEWS as the target family spins it (about a fifth of its words).
    spun = (
        "The finance minister mentioned on Tuesday that the authorities would publish its price "
        "range subsequent week. Nonetheless, officers additionally warned that progress might "
        "gradual inside months, as costs and vitality payments preserve rising. The central "
        "financial institution has already raised curiosity charges a number of occasions this yr, "
        "and merchants count on one other rise in March. Outlets and companies say prospects are "
        "spending much less on garments and automobiles, whereas many households are reducing "
        "again on meals. The opposition mentioned the plan would do little to assist folks on low "
        "incomes, and referred to as for a new tax on firm income. Economists mentioned the "
        "figures confirmed that the nation was shut to a recession, however that jobs remained "
        "robust. She talked about that the wrestle to pay the lease was a significant concern for "
        "younger folks within the metropolis. The minister is anticipated to reply questions from "
        "members of parliament later this month, the workplace mentioned."
    )
    assert not fluent(spun, unspin.Options().fluent)
    assert fluent(spun, 0.5)
    assert not fluent("The minister said the report would be published next week.", 0.0)


def test_options_fluent_must_not_be_negative():
    with pytest.raises(ValueError, match="fluent"):
        unspin.Options(fluent=-1)


def test_no_spun_development_page_is_turned_away_as_fluent(shared):
    table = unspin.Table.default()
    opts = unspin.Options()
    pages = []
    for name in ("real_pairs_dev.jsonl", "spun_only_dev.jsonl"):
        with (shared / "data" / name).open(encoding="utf-8") as fh:
            pages.extend(json.loads(line)["spun"] for line in fh)
    assert len(pages) > 100
    assert not any(
        restore_module._fluent(page, max(screen_scores(page, table)), opts) for page in pages
    )


def test_the_stream_of_the_last_document_is_reused_unchanged():
    from unspin import lm

    norms = ["the", "war", "may", "end", ",", "he", "said", "."]
    first, pos = lm.stream(norms)
    first.append("changed by a caller")
    pos.clear()
    again = lm.stream(list(norms))
    assert (
        again
        == lm.stream(norms)
        == (
            ["<s>", "the", "war", "may", "end", "he", "said", "</s>"],
            [1, 2, 3, 4, 5, 5, 6, 7, 8],
        )
    )
