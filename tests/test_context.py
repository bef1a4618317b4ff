"""Context evidence: the shipped news bigram counts and how they combine."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from unspin.context import _NEWS_WEIGHT, _news_bigrams, bigram_count, context_llr


def test_news_bigrams_file_has_a_versioned_header_and_only_counts() -> None:
    path = resources.files("unspin").joinpath("data", "bigrams_news.tsv.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        first = fh.readline()
    assert header["format"] == "unspin-bigrams" and header["version"] == 1
    assert "BBC" in header["source"] and header["min_count"] >= 2
    key, count = first.rstrip("\n").split("\t")
    assert len(key.split(" ")) == 2 and int(count) >= header["min_count"]
    assert len(_news_bigrams()) == header["bigrams"]


def test_news_counts_are_added_to_symspell_counts() -> None:
    news = _news_bigrams()
    # A pair news writers use that the general bigram file lacks is attested.
    only_news = [
        k
        for k, c in news.items()
        if c >= 5 and bigram_count(*k.split(" ")) == int(_NEWS_WEIGHT * c)
    ]
    assert only_news, "some news pairs should be missing from symspellpy's file"
    first, second = only_news[0].split(" ")
    assert bigram_count(first, second) >= 5 * _NEWS_WEIGHT


def test_context_still_prefers_the_original_of_a_classic_swap() -> None:
    ev = context_llr("he", ["said"], ["mentioned"], "that")
    assert ev.llr > 0 and not ev.implausible


def test_zipf_table_matches_wordfreq() -> None:
    import random

    import wordfreq

    from unspin.context import _zipf_table

    table = _zipf_table()
    assert len(table) == len(wordfreq.get_frequency_dict("en"))
    words = [*random.Random(3).sample(sorted(table), 2000), "the", "said", "mentioned"]
    for word in words:
        assert table[word] == wordfreq.zipf_frequency(word, "en", minimum=0.0), word


def test_word_frequencies_are_wordfreqs_own_without_importing_it() -> None:
    import wordfreq

    from unspin.context import _english_buckets

    assert _english_buckets() == wordfreq.get_frequency_list("en")


def test_a_cold_restore_imports_neither_wordfreq_nor_symspellpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, unspin; "
        "unspin.restore('The Ukraine struggle may finish inside weeks, he mentioned.'); "
        "print(sorted(m for m in ('wordfreq', 'symspellpy', 'langcodes') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
