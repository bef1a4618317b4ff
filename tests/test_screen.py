"""The screen (a cheap first document test) and the fast path it opens.

The fast path returns a document untouched, untokenized, when the screen
turns it away and it holds no number artifact; these tests check that the
full path gives byte-identical output on such documents, on generated text
(Unicode, URLs, markup) and on the real development data.
"""

from __future__ import annotations

import importlib
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import unspin
from unspin.screen import may_have_numbers, screen_scores

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
