"""Decisions: occurrences of one phrase in a document share their evidence."""

from __future__ import annotations

import pytest

from unspin import decide as decide_module
from unspin.decide import decide
from unspin.hits import Doc, find_hits
from unspin.options import Options
from unspin.table import Table

TEXT = (
    "Prices stayed excessive all year. The excessive fines were paid. "
    "Inflation is excessive and rising."
)


def _probabilities(tie: float) -> dict[int, float]:
    table = Table()
    table.add("excessive", "high", 3)
    table.add_kept("excessive", 1)
    doc = Doc(TEXT)
    chosen, _ = decide(doc.norms, find_hits(doc, table), Options(tie=tie, threshold=0.01), spun=1.0)
    return {d.hit.start: d.probability for d in chosen}


def test_occurrences_of_one_phrase_share_their_evidence():
    alone, tied = _probabilities(0.0), _probabilities(0.5)
    assert len(set(alone.values())) > 1  # each context on its own
    assert len(set(tied.values())) == 1  # one decision for the page
    low, high = min(alone.values()), max(alone.values())
    assert low < next(iter(tied.values())) < high


def test_a_swap_of_another_original_does_not_outvote_this_one(monkeypatch):
    # One form, two originals: "White Home" is "House", "its home politics"
    # is "domestic". Each occurrence is the other original's swap, not
    # evidence that this original was kept (the seed article lost both).
    table = Table()
    table.add("home", "house", 12)
    table.add("home", "domestic", 7)
    doc = Doc("Graham, a former White Home adviser, met them. That is its home politics, he said.")

    def made() -> list[tuple[str, str]]:
        chosen, _ = decide(doc.norms, find_hits(doc, table), spun=1.0)
        return [(d.hit.key, d.hit.original) for d in chosen]

    assert made() == [("home", "house"), ("home", "domestic")]
    monkeypatch.setattr(decide_module, "_ANOTHER_ORIGINAL", 2.0)  # every occurrence counts
    assert made() == []


def test_a_longer_phrase_that_writes_the_same_original_does_not_outvote_it(monkeypatch):
    # "metal business" is "steel industry" there; the word "metal" inside it,
    # with its tiny marginal, must not count against "British Metal" -> "Steel".
    table = Table()
    table.add("metal", "steel", 9)
    table.add("metal business", "steel industry", 30)
    doc = Doc(
        "The metal business bill cleared the Commons. "
        "He wants to nationalise British Metal this weekend."
    )

    def made() -> list[tuple[str, str]]:
        chosen, _ = decide(doc.norms, find_hits(doc, table), spun=1.0)
        return [(d.hit.key, d.hit.original) for d in chosen]

    assert made() == [("metal business", "steel industry"), ("metal", "steel")]
    monkeypatch.setattr(  # another original in the same place only, as before
        decide_module,
        "_explains",
        lambda other, cand: (
            other is not cand
            and (other.lo, other.hi, other.hit.key) == (cand.lo, cand.hi, cand.hit.key)
        ),
    )
    assert made() == [("metal business", "steel industry")]


def test_tie_must_not_be_negative():
    with pytest.raises(ValueError, match="tie"):
        Options(tie=-0.5)


def test_a_phrase_needs_less_evidence_than_a_single_word():
    import math

    table = Table()
    table.add("monetary establishment", "bank", 1)
    table.add_kept("monetary establishment", 1)
    doc = Doc("The monetary establishment raised its rates again.")
    hits = find_hits(doc, table)
    (chosen,), _ = decide(doc.norms, hits, Options(threshold=0.01), spun=1.0)
    p = chosen.probability
    # A bar half a nat above the phrase's log-odds: within the default bonus (0.9).
    bar = 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + 0.5)))
    assert decide(doc.norms, hits, Options(threshold=bar), spun=1.0)[0]
    assert not decide(doc.norms, hits, Options(threshold=bar, phrase_bonus=0.0), spun=1.0)[0]
    with pytest.raises(ValueError, match="phrase_bonus"):
        Options(phrase_bonus=-1.0)


def test_an_odd_phrase_can_open_a_line_that_ordinary_words_cannot():
    # "Supply hyperlink" is a phrase clean English hardly writes; "cash" is an
    # ordinary word whose synonym the model merely likes better.
    table = Table()
    table.add("supply hyperlink", "Source link", 4)
    table.add("cash", "money", 13)
    table.add_kept("cash", 2)
    for text, opened in (
        ("Supply hyperlink", True),
        ("Winning gives you cash for upgrades.", False),
    ):
        doc = Doc(text)
        _, p = decide(doc.norms, find_hits(doc, table))
        assert (p >= 0.5) is opened, text
    doc = Doc("Supply hyperlink")
    assert decide(doc.norms, find_hits(doc, table), Options(odd_phrase=0.0))[1] < 0.5
    with pytest.raises(ValueError, match="odd_phrase"):
        Options(odd_phrase=-1.0)


def test_a_clean_article_joined_to_a_spun_page_keeps_its_words(small_table):
    # The spun page opens the section; the clean article's "mentioned", more
    # than _REACH model words from any spun hit, shares the section but not
    # the page's evidence.
    from unspin import restore

    table = small_table
    table.add("lengthy", "long", 9)
    table.add("financial institution", "bank", 20)
    spun = (
        "Putin mentioned the struggle was over. His imaginative and prescient was lengthy, "
        "officials mentioned. The financial institution mentioned the struggle would be lengthy."
    )
    clean = (
        "The museum reopened on Monday after a year of building work. Visitors queued outside "
        "from early morning, and the first hundred were given free tickets to the new gallery. "
        "The gallery holds paintings lent by collectors from across the country, many of them "
        "never shown in public before. Staff said the response had been better than they had "
        "hoped. The building will stay open late on Fridays through the summer, and a cafe on "
        "the roof is due to open next month. Local schools have been offered free visits for the "
        "rest of the year. The work cost more than planned, and the roof took twice as long to "
        "mend as the builders had said it would. In a short speech at the door, the director "
        "mentioned her grandmother, who had taken her to the museum as a child."
    )
    restored = restore(f"{spun}\n\n{clean}", table=table)
    assert restored.startswith("Putin said the war was over. His vision was long, officials said.")
    assert restored.endswith(clean)


def test_a_remembered_context_is_not_outvoted_and_does_not_spread():
    """The occurrence the table remembers is restored; the same phrase
    elsewhere in the page is decided on its own evidence."""
    from unspin import Table, learn
    from unspin.hits import Doc, find_hits

    table = learn(
        [("Officials fear the struggle may end soon.", "Officials fear the war may end soon.")],
        base=Table(),
    )
    table.add_kept("struggle", 3)
    doc = Doc("Officials fear the struggle may end soon. The struggle for civil rights continues.")
    hits = find_hits(doc, table)
    assert decide(doc.norms, hits, spun=1.0)[0] == []
    chosen, _ = decide(doc.norms, hits, spun=1.0, contexts=table.contexts())
    assert [d.hit.start for d in chosen] == [3]
    assert "this swap seen in this very context" in chosen[0].why
    assert "shared by" not in chosen[0].why


def test_a_swap_the_page_shares_is_made_where_its_neighbours_outvoted_it():
    # "the nation's largest automotive finance supplier": the likeliest
    # combination of the five neighbouring hits changes "nearly" alone, but
    # "automotive" -> "car" is a swap at its other occurrences in the page
    # (tied P 0.99): it is made here too. A candidate that overlaps a chosen
    # one, or whose shared probability is below the bar, is not.
    from unspin.decide import _Cand, _Cluster, _Scored, _with_tied
    from unspin.hits import Hit

    def cand(start: int, key: str, original: str) -> _Cand:
        end = start + len(key.split())
        hit = Hit(start, end, key, original, 0.0, "table")
        return _Cand(hit, start, end, tuple(original.split()), 0.0, False)

    cands = [
        cand(1, "largest", "biggest"),
        cand(2, "automotive", "car"),
        cand(3, "finance supplier", "lender"),
        cand(4, "supplier", "provider"),
        cand(6, "nearly", "almost"),
    ]
    cluster = _Cluster(cands, 0.0, [0.3, 0.5, 0.2, 0.4, 0.9], (2, 4), _Scored([], [], []))
    tied = {
        ("automotive", "car"): (0.99, 5),
        ("supplier", "provider"): (0.99, 3),  # overlaps the chosen "finance supplier"
        ("largest", "biggest"): (0.6, 2),  # below the bar
    }
    assert _with_tied(cluster, tied, 0.85, 0.56) == [1, 2, 4]
    assert _with_tied(cluster, {}, 0.85, 0.56) == [2, 4]
