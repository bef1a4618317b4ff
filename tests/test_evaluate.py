import json

import pytest

from unspin.evaluate import edit_set, false_edits, pair_stats, score_pairs


def test_hand_computed_pair():
    spun = "the struggle may finish inside weeks"
    clean = "the war may end within weeks"
    restored = "the war may end inside weeks"
    # gold: struggle->war (1:1) and finish inside->end within (2:2 replace block)
    s = pair_stats(spun, clean, restored)
    assert (s.dist_spun, s.dist_restored) == (3, 1)
    assert (s.gold, s.system, s.correct) == (2, 2, 1)
    sc = score_pairs([(spun, clean, restored)], bootstrap=0)
    assert sc.metrics["repair"] == pytest.approx(1 - 1 / 3)
    assert sc.metrics["precision"] == pytest.approx(0.5)
    assert sc.metrics["recall"] == pytest.approx(0.5)
    assert sc.metrics["f0.5"] == pytest.approx(0.5)


def test_identical_texts():
    sc = score_pairs([("same text", "same text", "same text")], bootstrap=0)
    assert sc.metrics["repair"] == 0.0
    assert sc.metrics["precision"] == sc.metrics["recall"] == 1.0


def test_empty_texts():
    sc = score_pairs([("", "", "")], bootstrap=0)
    assert sc.metrics["repair"] == 0.0
    assert sc.metrics["gold_edits"] == 0
    assert score_pairs([], bootstrap=0).pairs == 0


def test_making_it_worse_is_negative():
    sc = score_pairs([("a b c", "a x c", "q r c")], bootstrap=0)
    assert sc.metrics["repair"] < 0


def test_quotes_are_folded():
    assert edit_set(["“"], ['"']) == set() or pair_stats("“a”", '"a"', "“a”").gold == 0


def test_score_formats_and_signature():
    sc = score_pairs(
        [("the struggle", "the war", "the war")] * 3, table_sha256="abcdef1234", seed=7
    )
    text = sc.format()
    assert "signature: table:abcdef12|" in text and "seed:7" in text
    data = json.loads(sc.format("json"))
    assert data["metrics"]["repair"] == 1.0
    assert sc.intervals["repair"] == (1.0, 1.0)


def test_bootstrap_is_reproducible():
    triples = [("a b", "a c", "a c"), ("a b", "a c", "a b"), ("x y", "x z", "x q")]
    assert score_pairs(triples).intervals == score_pairs(triples).intervals


def test_false_edits():
    assert false_edits(["The war ended ."], ["The struggle ended ."]) == (1, 4, 2500.0)
    assert false_edits([], []) == (0, 0, 0.0)


def test_chrf_pinned_to_hand_and_sacrebleu_values() -> None:
    from unspin.evaluate import _sum_stats, chrf, chrf_stats

    # "ab" vs "ab": every n-gram of orders 1-2 matches; orders 3-6 are empty
    # on both sides and left out.
    assert chrf_stats("ab", "ab") == (2, 2, 2, 1, 1, 1) + (0, 0, 0) * 4
    assert chrf(chrf_stats("ab", "ab")) == 100.0
    # "ab" vs "ac": order 1: 1 of 2 matches (P = R = 0.5); order 2: 0 of 1.
    # mean P = mean R = 0.25, so F2 = 0.25.
    assert chrf(chrf_stats("ab", "ac")) == 25.0
    assert chrf(chrf_stats("", "")) == 100.0
    assert chrf(chrf_stats("", "abc")) == 0.0
    # Values computed with sacrebleu 2.x CHRF() (sentence and corpus level).
    assert round(chrf(chrf_stats("the struggle ended", "the war ended")), 6) == 34.059789
    corpus = _sum_stats(
        [chrf_stats("the struggle ended", "the war ended"), chrf_stats("a b c", "a b d")]
    )
    assert round(chrf(corpus), 6) == 33.077784


def test_chrf_in_score() -> None:
    sc = score_pairs([("the struggle ended", "the war ended", "the war ended")], bootstrap=0)
    assert sc.metrics["chrf"] == 100.0
    assert round(sc.metrics["chrf_spun"], 1) == 34.1
    assert "chrf:c6+b2" in sc.signature
