"""Why learning from spun text alone made an entry for a form, or did not."""

from __future__ import annotations

from conftest import CARS, MENTIONED
from unspin import learn_unpaired
from unspin.verdict import stage, verdict


def _rounds(texts, **kwargs):
    rounds = []
    table = learn_unpaired(list(texts), observe=rounds.append, **kwargs)
    return table, rounds


def test_each_round_is_handed_over_with_the_entries_it_learned():
    table, rounds = _rounds(CARS * 2)
    assert table.lookup("automobile").best()[0] == "car"
    assert rounds[0].table.lookup("automobile") is not None
    assert stage(rounds[0], "automobile").stage == "learned"
    assert verdict(rounds[0], "Automobile") == "'automobile': learned as 'car' (12 swaps, 0 kept)"
    # Given the truth, a learned entry with another original is wrong.
    assert stage(rounds[0], "automobile", original="vehicle").stage == "wrong"


def test_what_never_became_a_suspect_says_why():
    _, rounds = _rounds(CARS * 2)
    first = rounds[0]
    assert stage(first, "the").stage == "never"
    assert stage(first, "zebra") == ("rare", "'zebra': not in the corpus")
    assert stage(first, "house").stage == "rare"  # twice: fewer than min_count
    # A word the corpus holds no more often than clean text would, and a name.
    from collections import Counter

    from unspin import Table
    from unspin.unpaired import Round, UnpairedStats
    from unspin.unpaired.learner import _Settings

    stats = UnpairedStats(Counter({"said": 5.0, "Smith": 9.0}), 20_000.0, 10)
    stats.capitalized["smith"] = 9.0
    stats.counts["smith"] = 9.0
    settings = _Settings(3, 2, 1.2, 0.5, 6.0, True)
    plain = Round(stats, {}, {}, Table(), settings, Table())
    found = stage(plain, "said")
    assert found.stage == "no_suspect" and found.text.startswith("'said': seen 5.0 times, 0.0")
    assert "a suspect needs 1.2 times; nor do its contexts make it one (0% of its" in found.text
    assert stage(plain, "smith").stage == "name"


def test_a_suspect_the_careful_learner_turns_down_names_its_candidates():
    # "said" -> "mentioned" is in no shipped thesaurus: the careful learner
    # weighs the context's proposals but wants a synonym.
    _, careful = _rounds(MENTIONED * 2)
    found = stage(careful[0], "mentioned")
    assert found.stage == "implausible" and "'said' leads" in found.text
    assert "candidates (nats): said " in found.text
    table, open_ = _rounds(MENTIONED * 2, require_synonym=False)
    assert table.lookup("mentioned").best()[0] == "said"
    assert stage(open_[0], "mentioned").stage == "learned"


def test_an_observer_gets_each_rounds_statistics():
    from unspin.unpaired import learn_from_passes

    kept = []
    learn_from_passes(lambda one_pass: one_pass(list(CARS)), rounds=1, observe=kept.append)
    assert kept[0].stats.words > 0 and kept[0].suspects


def test_a_number_word_the_corpus_has_not_lost_is_named_as_no_candidate():
    from collections import Counter

    from unspin import Table
    from unspin.rates import missing
    from unspin.unpaired import Round, UnpairedStats
    from unspin.unpaired.learner import _Settings

    # "monica" is in excess, but "five" is left at a fifth of what clean
    # text would hold: the open learner takes no number word still there.
    stats = UnpairedStats(Counter({"monica": 200.0}), 1_000_000.0, 100)
    expected = missing(stats, "five")  # none held: all of clean text's count
    stats.counts["five"] = 0.2 * expected
    open_ = Round(
        stats,
        {"monica": 50.0},
        {"monica": ("week",)},
        Table(),
        _Settings(3, 2, 1.2, 0.5, 6.0, False),
        Table(),
    )
    found = stage(open_, "monica", original="five")
    assert found.stage == "number_or_function"
    assert "a number word the corpus has not lost (20% of it left" in found.text
    careful = open_._replace(settings=open_.settings._replace(require_synonym=True))
    assert "the careful learner takes none" in stage(careful, "monica", original="five").text
    assert stage(open_, "monica", original="the").text.endswith("a function word")
    # Lost (a tenth left or less), it may be a candidate: the verdict looks further.
    stats.counts["five"] = 0.05 * expected
    assert stage(open_, "monica", original="five").stage != "number_or_function"


def test_a_suspect_by_its_contexts_is_named_so_and_its_original_in_excess_turned_down():
    from collections import Counter

    from unspin import Table
    from unspin.rates import missing
    from unspin.unpaired import Round, UnpairedStats
    from unspin.unpaired.learner import _Settings

    # "additional" misfits 62 of its 100 places, where the corpus's words
    # misfit at a fifth; the contexts prefer "extra", held 1.7 times as
    # often as clean text would.
    words = {f"word{i}": 20.0 for i in range(30)}
    stats = UnpairedStats(Counter({**words, "additional": 100.0}), 1_000_000.0, 100)
    stats.misfits = Counter({**{w: 4.0 for w in words}, "additional": 62.0})
    stats.counts["extra"] = 1.7 * missing(stats, "extra")
    stats.scored["additional"] = 100.0
    stats.evidence["additional"] = {"extra": [400.0, 90.0], "further": [100.0, 60.0]}
    stats.docs["additional"] = Counter({"extra": 10, "further": 10})
    stats.contexts["additional"] = {o: list(range(10)) for o in ("extra", "further")}
    r = Round(
        stats,
        {"additional": 2.0},
        {"additional": ("extra", "further")},
        Table(),
        _Settings(3, 2, 1.2, 0.5, 6.0, True),
        Table(),
        frozenset({"additional"}),
    )
    found = stage(r, "additional")
    assert found.stage == "implausible", found
    assert found.text.startswith(
        "'additional': a suspect by its contexts (62% of its occurrences misfit their places, "
        "the corpus's words 20%)"
    )
    assert "holds it 1.7 times as often as clean text would" in found.text


def test_a_synonym_held_as_ever_is_turned_down_where_the_spinner_leaves_nothing():
    from collections import Counter

    from unspin import Table
    from unspin.unpaired import Round, UnpairedStats
    from unspin.unpaired.learner import _Settings

    # "almost" for "nearly": the contexts prefer the synonym far ahead, but
    # the corpus holds "nearly" 1.2 times as often as clean text would, and
    # this corpus's spinner leaves 1% of the words it rewrites.
    stats = UnpairedStats(Counter({"almost": 60.0, "nearly": 120.0}), 1_000_000.0, 100)
    stats.scored["almost"] = 60.0
    stats.evidence["almost"] = {"nearly": [400.0, 55.0], "about": [10.0, 10.0]}
    stats.docs["almost"] = Counter({"nearly": 10, "about": 10})
    stats.contexts["almost"] = {o: list(range(10)) for o in ("nearly", "about")}
    settings = _Settings(3, 2, 1.2, 0.5, 6.0, False)
    suspects, candidates = {"almost": 2.0}, {"almost": ("nearly", "about")}
    r = Round(stats, suspects, candidates, Table(), settings, Table(), leaves=0.01)
    found = stage(r, "almost")
    assert found.stage == "implausible", found
    assert "the spinner leaves little of a word it rewrites (0.01 of it" in found.text
    assert "holds this synonym 1.2 times as often as clean text would (at most 0.5)" in found.text
    # A spinner that leaves half of them (a thesaurus spinner's): no bar.
    assert stage(r._replace(leaves=0.5), "almost").stage != "implausible"
