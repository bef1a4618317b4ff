import pytest

from unspin import Table, learn, observe


def test_learn_counts_swaps_and_kept():
    pairs = [
        ("Trump mentioned the struggle would finish soon.", "Trump said the war would end soon."),
        (
            "Putin mentioned the deal was close, and he mentioned it twice.",
            "Putin said the deal was close, and he mentioned it twice.",
        ),
    ]
    table = learn(pairs)
    assert table.candidates("mentioned") == [("said", 2)]
    assert table.entry("mentioned").kept == 1


def test_learn_extends_base_without_changing_it(small_table):
    before = small_table.sha256
    table = learn(
        [("He mentioned the plan was once fine.", "He said the plan was fine.")], base=small_table
    )
    assert table.candidates("mentioned")[0] == ("said", 13)
    assert table.candidates("was once") == [("was", 1)]
    assert small_table.sha256 == before


def test_learn_ignores_editorial_differences():
    table = learn([("I’ve said Sergei had 5 cats.", "I have said Sergey had 6 cats.")])
    assert len(table) == 0


def test_learn_rejects_bad_pairs():
    with pytest.raises(TypeError, match="pair 1"):
        learn([("a b c", "a b c"), "not a pair"])
    with pytest.raises(TypeError, match="bytes"):
        learn([(b"spun", "clean")])


def test_observe_reports_coverage():
    obs = observe("The war is over now, he said.", "The war is over now, he said.")
    assert obs.coverage == 1.0
    assert obs.swaps == []


def test_empty_table_learns_nothing_from_empty_pairs():
    assert len(learn([])) == 0
    assert isinstance(learn([("", "")]), Table)


def test_parts_of_swaps_with_contractions_and_particles():
    from unspin.learn import infer_entries

    t = Table()
    t.add("he'll settle for", "he will accept")  # four words against three
    t.add("hyperlink couldn't", "link could not")  # equal once written out
    inferred = infer_entries(t)
    assert "settle" not in inferred  # no "settle -> will" from misaligned lengths
    assert "for" not in inferred  # the last word is a particle, not the head
    assert inferred.candidates("hyperlink") == [("link", 1)]


def test_learns_unanchored_swaps_and_the_parts_of_rewritten_runs():
    from unspin.extract import Substitution
    from unspin.learn import Observation, add_observation

    # A swap among many others ("unanchored") is learned, as an inferred part.
    table = Table()
    sub = Substitution(("Authorities",), ("Government",), 0, 11, 0, 10, "unanchored")
    add_observation(table, Observation([], [], [], [sub]), "Government", source="pairs")
    assert table.candidates("authorities") == [("government", 1)]
    assert table.entry("authorities").sources == {"part": 1}
    # A run of rewritten words of equal length teaches each position, as parts.
    spun = (
        "The mayor said the plan would sluggish development, however Authorities officers "
        "mentioned modifications would observe quickly after the vote in March."
    )
    clean = (
        "The mayor said the plan would slow growth, but Government officials said changes "
        "would follow soon after the vote in March."
    )
    learned = learn([(spun, clean)])
    assert learned.candidates("officers") == [("officials", 1)]
    assert learned.entry("officers").sources == {"part": 1}
    assert learned.candidates("modifications") == [("changes", 1)]


def test_a_long_rewritten_run_teaches_what_is_left_of_a_known_swap():
    from unspin.learn import _add_remainder

    known = Table()
    known.add("greater", "higher", 3)
    table = Table()
    _add_remainder(table, known, ("greater", "as", "a", "result", "of"), ("higher", "because"))
    assert table.candidates("as a result of") == [("because", 1)]
    assert table.entry("as a result of").sources == {"part": 1}
    nothing = Table()
    _add_remainder(nothing, Table(), ("greater", "as", "a", "result", "of"), ("higher", "because"))
    assert len(nothing) == 0  # no piece of the run is known


def test_a_swap_takes_the_preposition_its_original_is_bound_to():
    learned = learn(
        [
            (
                "Costs rose sharply, in response to official figures, the ministry mentioned.",
                "Costs rose sharply, according to official figures, the ministry said.",
            )
        ]
    )
    assert learned.candidates("in response to") == [("according to", 1)]
    assert "in response" not in learned  # a fragment: "in response" alone is often clean
    assert learned.candidates("mentioned") == [("said", 1)]  # a single word takes nothing


def test_a_phrase_cut_from_a_neighbouring_swap_is_not_learned():
    # "interest rates" -> "rates of interest" beside "next" -> "subsequent":
    # the alignment cuts "of interest subsequent" -> "next".
    base = Table()
    base.add("subsequent", "next", 5, source="pairs")
    base.add("rates of interest", "interest rates", 2, source="pairs")
    learned = learn(
        [
            (
                "The Financial institution is anticipated to chop rates of interest subsequent month.",
                "The Bank is expected to cut interest rates next month.",
            )
        ],
        base=base,
    )
    assert "of interest subsequent" not in learned
    assert learned.candidates("subsequent") == [("next", 5)]


def test_a_swap_seen_in_the_same_context_is_restored_with_its_memory():
    """Content farms publish several spins of one article: a swap a learned
    pair showed between the same words is all but sure, while the document
    test still weighs the table's counts alone."""
    from unspin import Table, restore_and_explain
    from unspin.hits import HALF_MEMORY, MEMORY, WORD_MEMORY, Doc, find_hits
    from unspin.hits import memory as remembered

    spun = "Officials said the bridge would open in the autumn after a long delay."
    clean = "Officials said the bridge would open in the fall after a long delay."
    table = learn([(spun, clean)], base=Table())
    assert table.candidates("autumn") == [("fall", 1)]
    # both sides, each side's two tokens alone, each neighbouring token alone
    assert len(table.contexts()["autumn"]) == 5

    def memory(text):
        doc, seen = Doc(text), table.contexts()["autumn"]
        hits = [h for c in find_hits(doc, table).values() for h in c]
        return [remembered(seen, doc.norms, h.start, h.end, h.original) for h in hits]

    assert memory("They say it will open in the autumn after a while.") == [MEMORY]
    assert memory("They say it will open in the autumn of 2027.") == [HALF_MEMORY]
    assert memory("It opens in autumn after all.") == [WORD_MEMORY]
    assert memory("Leaves fall in autumn.") == [0.0]
    # One remembered word does not make a clean sentence look spun.
    text = "They say it will open in the autumn after a while."
    assert restore_and_explain(text, table=table).text == text
    # In a document judged spun, the memory is named in the explanation.
    page = (
        "The bridge would open in the autumn after a long delay, officers mentioned. "
        "The Ukraine struggle may finish inside weeks, he mentioned. Supply hyperlink"
    )
    restored = restore_and_explain(page, table=Table.default().merge(table))
    edit = next(e for e in restored.edits if e.spun == "autumn")
    assert edit.replacement == "fall" and "this swap seen in this very context" in edit.evidence


def test_how_much_context_a_learned_table_remembers():
    from unspin import Table

    pair = (
        "Officials said the bridge would open in the autumn after a long delay.",
        "Officials said the bridge would open in the fall after a long delay.",
    )
    sizes = [
        len(learn([pair], base=Table(), contexts=n).contexts().get("autumn", ())) for n in (0, 1, 2)
    ]
    assert sizes == [0, 5, 3]
    with pytest.raises(ValueError, match="contexts is 0, 1 or 2"):
        learn([pair], contexts=3)


def test_a_table_learned_over_another_is_named_for_what_was_learned():
    out = learn([("Trump mentioned it.", "Trump said it.")], base=Table.default())
    assert out.name == "learned"
    assert out.description == "unspin-default extended with swaps learned from spun/clean pairs"
    assert "pps" in out.sources  # the base's provenance stays


PAIR = ("He mentioned the struggle was over.", "He said the war was over.")
OTHER = ("She mentioned the struggle had begun.", "She said the war had begun.")


def test_each_pair_counts_once(tmp_path):
    """A pair the base already learned from, or given twice, is not counted
    again: re-learning a growing file of pairs over its first table adds only
    the new pairs (and a table survives a round trip with its record)."""
    from unspin.learn import new_pairs

    first = learn([PAIR, PAIR])
    assert first.candidates("struggle") == [("war", 1)] and len(first.pairs) == 1
    path = tmp_path / "t.json"
    first.save(path)
    loaded = Table.load(path)
    assert loaded.pairs == first.pairs and loaded.sha256 == first.sha256
    assert new_pairs([PAIR, OTHER, OTHER], loaded) == [False, True, False]
    again = learn([PAIR, OTHER], base=loaded)
    assert again.candidates("struggle") == [("war", 2)] and len(again.pairs) == 2
    assert learn([PAIR, OTHER], base=again).sha256 == again.sha256
    # merging keeps both records; the entries' checksum does not include them
    assert Table().merge(again).pairs == again.pairs
    assert learn([PAIR]).sha256 == Table.loads(learn([PAIR]).dumps()).sha256


def test_a_table_without_a_pair_record_loads():
    from unspin.table import TableFormatError

    table = learn([PAIR])
    table.pairs.clear()
    assert '"pairs"' not in table.dumps().split("\n")[0]  # the header
    assert not Table.loads(table.dumps()).pairs
    bad = table.dumps().replace('"format"', '"pairs": "x", "format"', 1)
    with pytest.raises(TableFormatError, match="pairs"):
        Table.loads(bad)
