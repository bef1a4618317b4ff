from hypothesis import given
from hypothesis import strategies as st

from unspin.tokenize import (
    count_words,
    iter_sentences,
    normalize,
    protected_spans,
    token_arrays,
    tokenize,
)


def test_offsets_point_into_text():
    text = "“I’ve nothing so as to add,” Peskov mentioned.\nSupply hyperlink"
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_possessive_is_its_own_token_but_contractions_stay():
    assert [t.text for t in tokenize("Putin’s I’ve don't")] == ["Putin", "’s", "I’ve", "don't"]


def test_normalize_folds_quotes_and_case():
    assert normalize("I’ve") == "i've"
    assert normalize("“") == '"'


def test_protected_spans_cover_urls_emails_code_markup():
    text = "a https://x.com/a-b c `code here` <b class='x'> d@e.org example.co.uk/path"
    found = [text[s:e] for s, e in protected_spans(text)]
    assert found == [
        "https://x.com/a-b",
        "`code here`",
        "<b class='x'>",
        "d@e.org",
        "example.co.uk/path",
    ]


def test_no_protected_spans_in_plain_prose():
    assert protected_spans("Just words, no links.") == []


def test_sentences_split_on_enders_and_line_breaks():
    text = "He said “no.” Then left.\nNew line"
    toks = tokenize(text)
    spans = iter_sentences(text, toks)
    assert [" ".join(t.text for t in toks[a:b]) for a, b in spans] == [
        "He said “ no . ”",
        "Then left .",
        "New line",
    ]


def test_count_words():
    assert count_words("") == 0
    assert count_words("The war, it’s over!") == 5


@given(st.text())
def test_token_arrays_match_tokenize(text):
    arrays = token_arrays(text)
    toks = tokenize(text)
    assert arrays.texts == [t.text for t in toks]
    assert arrays.starts == [t.start for t in toks]
    assert len(arrays.norms) == len(toks)
    for t in toks:
        assert text[t.start : t.end] == t.text


_ALPHABET = st.sampled_from(
    [*"ab Zé_1 ’'‘`\u00a0\n\t.,;:!?\"“”()-–İß²", "it’s", "don't", "I’ve", "\u2028", "\x1c"]
)


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_split_fast_path_matches_the_token_pattern(text: str) -> None:
    """The whitespace-chunk fast path finds exactly the pattern's tokens, and
    the lazy offsets point at them."""
    from unspin.tokenize import _SPLIT, Split, normalize

    split = Split(text)
    expected = _SPLIT.split(text)[1::2]
    assert split.norms == [normalize(t) for t in expected]
    assert list(split.texts) == expected
    assert [text[a:b] for a, b in zip(split.starts, split.ends, strict=True)] == expected
