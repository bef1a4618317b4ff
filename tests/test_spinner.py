"""The synthetic spinners: determinism, gold alignment, knobs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin import Spinner, spin
from unspin.lexicon import Thesaurus, ThesaurusFormatError
from unspin.spinner import SPINNERS, spin_pairs

TEXT = (
    "The war was over, officials said on Monday. Where the party met, the "
    "White House said they've seen the 2.2% forecast. \u201cWe expect a long war,\u201d "
    "the minister said, actually."
)


def replay(clean: str, edits) -> str:
    out, last = [], 0
    for e in edits:
        out.append(clean[last : e.clean_start])
        out.append(e.spun)
        last = e.clean_end
    out.append(clean[last:])
    return "".join(out)


@pytest.mark.parametrize("name", sorted(SPINNERS))
def test_gold_alignment_replays_to_the_spun_text(name: str) -> None:
    spun = spin(TEXT, spinner=name, intensity=1.0)
    assert spun.clean == TEXT
    assert spun.edits, "intensity 1 must rewrite something"
    assert replay(TEXT, spun.edits) == spun.text
    for e in spun.edits:
        assert TEXT[e.clean_start : e.clean_end] == e.clean
        assert spun.text[e.spun_start : e.spun_end] == e.spun


@pytest.mark.parametrize("name", sorted(SPINNERS))
def test_deterministic_per_seed(name: str) -> None:
    assert spin(TEXT, spinner=name, seed=3) == spin(TEXT, spinner=name, seed=3)
    outputs = {spin(TEXT, spinner=name, seed=s).text for s in range(5)}
    assert len(outputs) > 1


def test_family_habits_of_the_mythes_spinner() -> None:
    spun = spin(TEXT, intensity=1.0, seed=0)
    kinds = {e.kind for e in spun.edits}
    pairs = {(e.clean, e.spun) for e in spun.edits}
    assert ("was", "was once") in pairs
    assert ("Where", "The place") in pairs
    assert ("actually", "if truth be told") in pairs
    machine = Spinner(names=1.0, numbers=1.0, contractions=1.0, intensity=1.0)
    forced = {(e.clean, e.spun, e.kind) for e in machine.spin(TEXT).edits}
    assert ("they've", "they usually've", "contraction") in forced
    assert ("2", "two", "number") in forced
    assert any(kind == "name" for *_, kind in forced)
    assert "swap" in kinds


def test_wordnet_spinner_differs_and_keeps_names_numbers_contractions() -> None:
    spun = spin(TEXT, spinner="wordnet", intensity=1.0)
    kinds = {e.kind for e in spun.edits}
    assert kinds <= {"swap", "expansion"}
    assert "they've" in spun.text and "2.2%" in spun.text and "White House" in spun.text
    assert spun.text != spin(TEXT, intensity=1.0).text


def test_quotes_knob_leaves_quotations_alone() -> None:
    spun = spin(TEXT, intensity=1.0, quotes=False)
    assert "\u201cWe expect a long war,\u201d" in spun.text
    assert "\u201cWe expect a long war,\u201d" not in spin(TEXT, intensity=1.0, quotes=True).text


def test_zero_rates_are_the_identity_and_urls_are_never_spun() -> None:
    still = Spinner(intensity=0.0, names=0.0, numbers=0.0, contractions=0.0)
    assert still.spin(TEXT).text == TEXT
    url = "See https://example.com/war-said-party for the war report."
    assert "https://example.com/war-said-party" in spin(url, intensity=1.0).text


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="intensity"):
        Spinner(intensity=2.0)
    with pytest.raises(ValueError, match="unknown spinner"):
        spin("x", spinner="spinbot")
    with pytest.raises(TypeError):
        spin(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown thesaurus"):
        Thesaurus.load("moby")
    assert issubclass(ThesaurusFormatError, ValueError)


def test_spin_pairs_yields_spun_clean_tuples() -> None:
    pairs = list(spin_pairs(["The war was long.", "He said no."], intensity=1.0))
    assert [clean for _, clean in pairs] == ["The war was long.", "He said no."]
    assert all(spun != clean for spun, clean in pairs)


def test_thesaurus_inverse() -> None:
    mythes = Thesaurus.load("mythes")
    assert "struggle" in mythes.synonyms("war")
    assert "war" in mythes.sources("struggle")
    assert len(mythes) > 10_000 and "war" in mythes


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abc wr.,'\u201c\u201d2Aeoist")), max_size=80),
    st.integers(0, 9),
)
def test_replay_property(text: str, seed: int) -> None:
    spun = spin(text, seed=seed, intensity=1.0)
    assert replay(text, spun.edits) == spun.text
