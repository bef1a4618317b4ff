"""Learning from spun text alone (experimental: see docs/benchmarks.md)."""

from __future__ import annotations

import math

import pytest

from conftest import CARS, MENTIONED
from unspin import Table
from unspin.unpaired import (
    UnpairedStats,
    candidate_pass,
    channel,
    choose_candidates,
    count_pass,
    evidence_pass,
    find_suspects,
    learn_unpaired,
    propose,
    refit_kept,
    share_pass,
    spread_out,
)

SPUN = list(MENTIONED)


def test_spun_text_alone_teaches_a_consistent_swap():
    table = learn_unpaired(SPUN, require_synonym=False)
    assert table.candidates("mentioned")[0][0] == "said"
    entry = table.lookup("mentioned")
    assert entry is not None and entry.sources == {"unpaired": entry.swaps}


def test_by_default_only_a_thesaurus_synonym_makes_an_entry():
    # No shipped thesaurus lists "said" for "mentioned" or "remarked" (the
    # real spinner's choices are mostly its own): the careful default makes
    # no entry, and does not fall back to a synonym the model likes less.
    assert learn_unpaired(SPUN).lookup("mentioned") is None
    remarked = [s.replace("mentioned", "remarked") for s in SPUN]
    assert learn_unpaired(remarked).lookup("remarked") is None
    assert learn_unpaired(remarked, require_synonym=False).candidates("remarked") == [("said", 12)]
    assert learn_unpaired(list(CARS) * 2).candidates("automobile") == [("car", 12)]


def test_texts_may_be_a_collection_read_again_on_each_pass():
    class Reader:
        passes = 0

        def __iter__(self):
            Reader.passes += 1
            return iter(SPUN)

    table = learn_unpaired(Reader(), require_synonym=False, rounds=1)
    # four passes a round, and a fifth when it learned something
    assert Reader.passes == 5 and table.lookup("mentioned") is not None
    assert len(learn_unpaired(iter(SPUN), require_synonym=False, rounds=1)) == len(table)


def test_statistics_add_across_partitions():
    base = Table()
    whole = count_pass(SPUN, base)
    parts = count_pass(SPUN[:5], base).merge(count_pass(SPUN[5:], base))
    assert parts.counts == whole.counts and parts.words == whole.words
    suspects = find_suspects(whole, min_count=3, min_ratio=3.0)
    proposals = candidate_pass(SPUN[:7], base, suspects).merge(
        candidate_pass(SPUN[7:], base, suspects)
    )
    single = candidate_pass(SPUN, base, suspects)
    assert proposals.around == single.around and list(proposals.around) == list(single.around)
    propose(proposals)
    propose(single)
    assert proposals.proposals == single.proposals
    candidates = choose_candidates(whole.merge(proposals), suspects)
    one = evidence_pass(SPUN, base, candidates, suspects)
    two = evidence_pass(SPUN[:4], base, candidates, suspects).merge(
        evidence_pass(SPUN[4:], base, candidates, suspects)
    )
    assert two.scored == one.scored and two.docs == one.docs
    # Added in place, batch by batch (unspin.crawl), they are the same.
    added = UnpairedStats()
    for part in (whole, proposals, one, two):
        added.absorb(part)
    assert added == whole.merge(proposals).merge(one).merge(two)
    assert two.contexts == one.contexts and one.contexts
    for form, by_original in one.evidence.items():
        for original, values in by_original.items():
            assert two.evidence[form][original] == pytest.approx(values)


def test_the_share_of_swaps_is_fitted_to_every_occurrence_and_adds_across_partitions():
    base = Table()
    table = learn_unpaired(SPUN, require_synonym=False, rounds=1)
    whole = share_pass(SPUN, base, table)
    parts = share_pass(SPUN[:5], base, table).merge(share_pass(SPUN[5:], base, table))
    assert parts.swapped.keys() == whole.swapped.keys() == {"mentioned"}
    assert parts.swapped["mentioned"] == pytest.approx(whole.swapped["mentioned"])
    # "said" fits every context of "mentioned" better: the likeliest share
    # of swaps is the largest, and an entry that counted half of them kept
    # keeps none.
    fitted = whole.swapped["mentioned"]
    assert max(range(len(fitted)), key=fitted.__getitem__) == len(fitted) - 1
    half = Table()
    half.add("mentioned", "said", 6, source="unpaired")
    half.add_kept("mentioned", 6)
    refitted = refit_kept(half, whole).lookup("mentioned")
    assert refitted is not None and refitted.kept == 0 and refitted.originals == {"said": 6}


def test_a_text_that_is_not_a_string_is_named():
    with pytest.raises(TypeError, match="text 1"):
        learn_unpaired(["fine", b"bytes"])  # type: ignore[list-item]


def test_clean_text_of_the_same_kind_keeps_its_own_words_out():
    # Where the crawl's clean pages use "mentioned" as often (here: the same
    # pages given as clean text), it is the crawl's own word, not the spinner's.
    assert learn_unpaired(SPUN, clean=list(SPUN), require_synonym=False).lookup("mentioned") is None
    assert learn_unpaired(SPUN, require_synonym=False).lookup("mentioned") is not None


def test_numbers_are_never_learned_from_context():
    # "billion" is far commoner here than in English at large, and the model
    # prefers "million" in every context: a fact would change, so no entry.
    texts = [
        "The company lost two billion dollars in the first half.",
        "Investors poured a billion pounds into the fund last year.",
        "The deal is worth five billion euros, officials said.",
        "Sales rose to one billion units for the first time.",
        "The bank set aside three billion to cover bad loans.",
        "The city spent a billion on the new railway line.",
    ] * 2
    assert learn_unpaired(texts, require_synonym=False).lookup("billion") is None


def test_words_missing_from_the_corpus_are_depleted_and_proposed_where_they_fit():
    # "said" is among the commonest words of news; twelve sentences that all
    # report speech and never use it are missing it. "mentioned" is not.
    from unspin.rates import depleted_words

    stats = count_pass(SPUN, Table())
    missing = depleted_words(stats, min_depletion=0.5)  # 128 words: little evidence
    assert "said" in missing and "mentioned" not in missing
    assert not missing & {"the", "would", "two", "million"}  # never function or number words
    suspects = find_suspects(stats, min_count=3, min_ratio=1.2)
    plain = candidate_pass(SPUN, Table(), suspects)
    proposed = UnpairedStats(around=plain.around)
    propose(plain)
    propose(proposed, missing)
    assert set(plain.proposals["mentioned"]) <= set(proposed.proposals["mentioned"])
    assert proposed.proposals["mentioned"]["said"] >= plain.proposals["mentioned"]["said"]


def test_pruned_proposals_choose_the_same_candidates():
    # Given the suspects, a form keeps only the proposals it takes as
    # candidates (and its thesaurus sources'): the open learner's proposals
    # of every missing word took hundreds of MB, growing with the corpus.
    from unspin.rates import depleted_words

    stats = count_pass(list(CARS) * 2 + SPUN, Table())
    missing = depleted_words(stats, min_depletion=0.5)
    suspects = find_suspects(stats, min_count=3, min_ratio=1.2)
    around = candidate_pass(list(CARS) * 2 + SPUN, Table(), suspects).around
    full, pruned = (stats.merge(UnpairedStats(around=around)) for _ in range(2))
    propose(full, missing)
    propose(pruned, missing, only_for=suspects)
    assert sum(map(len, pruned.proposals.values())) < sum(map(len, full.proposals.values()))
    assert pruned.background == full.background
    chosen = choose_candidates(full, suspects, depleted=missing)
    assert chosen == choose_candidates(pruned, suspects, depleted=missing)
    assert "said" in chosen["mentioned"] and "car" in chosen["automobile"]


def test_a_missing_word_is_proposed_wherever_the_bigram_counts_have_it():
    from unspin.unpaired.candidates import _expected_between, _missing_between

    # A rarer original is seldom among the words a context expects most;
    # missing from the corpus, it is proposed wherever the counts allow it.
    assert "pinnacle" not in _expected_between("the", "of")
    assert _missing_between("the", "of", frozenset({"pinnacle", "zebra"})) == ("pinnacle",)
    assert _missing_between("the", "</s>", frozenset({"pinnacle"})) == ("pinnacle",)


def test_the_channel_rules_out_sources_far_more_common_than_the_excess():
    # 100,000 words of spun text hold "constricted" 20 times too often. Clean
    # text would hold "said" some thousand times: the spinner cannot have
    # made those 20 out of it without leaving most of it, so each occurrence
    # costs log(20 / expected); a word no commoner than the excess costs
    # nothing.
    stats = UnpairedStats(words=100_000.0)
    assert channel(stats, "said", 20.0) < math.log(20 / 500)
    assert channel(stats, "limited", 20.0) > channel(stats, "said", 20.0)
    assert channel(stats, "constrictedly", 20.0) == 0.0


def test_a_form_with_many_thesaurus_sources_keeps_those_the_context_proposed():
    # The thesauri give "motion" over a hundred sources, listed alphabetically;
    # the first forty stop at "j". The ones the context proposed at the
    # form's occurrences come first: "move" is among the candidates.
    from collections import Counter

    from unspin.unpaired.candidates import _MAX_CANDIDATES, _thesaurus_sources

    suspects = {"motion": 5.0}
    stats = UnpairedStats(Counter({"motion": 50.0}), 100_000.0, 10)
    assert len(_thesaurus_sources("motion")) > _MAX_CANDIDATES
    assert "move" not in _thesaurus_sources("motion")[:_MAX_CANDIDATES]
    assert "move" not in choose_candidates(stats, suspects)["motion"]
    stats.proposals["motion"] = Counter({"move": 3.0, "wiggle": 2.0})
    chosen = choose_candidates(stats, suspects)["motion"]
    assert chosen[:2] == ("move", "wiggle")
    assert len([w for w in chosen if w in _thesaurus_sources("motion")]) == _MAX_CANDIDATES


def test_the_sample_drops_only_candidates_far_behind_the_third():
    # 40 sampled occurrences of "mentioned": "said" leads, "stated" and
    # "told" follow, "spoke" is near the third, "hyena" far behind it. The
    # rest of the corpus weighs only what is still in the running; a form
    # the sample saw too seldom keeps all its candidates.
    from collections import Counter

    from unspin.unpaired.evidence import _narrowed
    from unspin.unpaired.reading import _digest, _in_sample

    stats = UnpairedStats(Counter({"mentioned": 200.0, "uttered": 30.0}), 100_000.0, 10)
    suspects = {"mentioned": 10.0, "uttered": 10.0}
    candidates = {
        "mentioned": ("said", "stated", "told", "spoke", "hyena"),
        "uttered": ("said", "stated", "told", "spoke", "hyena"),
    }
    sample = UnpairedStats(scored=Counter({"mentioned": 40.0, "uttered": 5.0}))
    sample.evidence["mentioned"] = {
        "said": [80.0, 40.0],
        "stated": [30.0, 20.0],
        "told": [20.0, 15.0],
        "spoke": [5.0, 5.0],
        "hyena": [-60.0, 0.0],
    }
    narrowed = _narrowed(stats, sample, candidates, suspects)
    assert narrowed["mentioned"] == ("said", "stated", "told", "spoke")
    assert narrowed["uttered"] == candidates["uttered"]
    assert _in_sample(_digest("a text")) == _in_sample(_digest("a text"))
    assert 150 < sum(_in_sample(_digest(f"text {i}")) for i in range(1000)) < 350  # one in four


def test_a_bursty_topic_word_is_not_spread_out_like_a_spinners_form():
    # 10 documents: "resistance" 12 times in 2 of them (a page's topic), the
    # spinner's "mentioned" once in each of 8 (where "said" stood).
    texts = ["The resistance zone held, and resistance broke. " * 6] * 2
    texts += [f"Officials mentioned the plan on day {i}." for i in range(8)]
    stats = count_pass(texts, Table())
    assert spread_out(stats, "mentioned") and not spread_out(stats, "resistance")


# Self-written spun news: the spinner wrote "economy" as "economic system",
# a phrase both shipped thesauri list for it.
ECONOMY = (
    "The economy grew faster than expected in the spring.",
    "Ministers said the economy would recover next year.",
    "The economy shrank by a small amount in March.",
    "Investors fear the economy is heading for a slowdown.",
    "The central bank said the economy was weak.",
    "A strong economy helps families pay their bills.",
)


def test_a_spinners_phrase_for_one_word_is_learned_too():
    spun = [s.replace("economy", "economic system") for s in ECONOMY] * 2
    table = learn_unpaired(spun)
    assert table.candidates("economic system") == [("economy", 12)]
    entry = table.lookup("economic system")
    assert entry is not None and entry.sources == {"unpaired": 12}
    # Its occurrences are counted like a word's, and add across partitions.
    whole = count_pass(spun, Table())
    assert whole.counts["economic system"] == 12 and whole.spread["economic system"] == 12
    parts = count_pass(spun[:5], Table()).merge(count_pass(spun[5:], Table()))
    assert parts.counts == whole.counts
    # Clean text that writes the phrase as often makes it its own.
    assert learn_unpaired(spun, clean=spun).lookup("economic system") is None


PRIME_MINISTER = (
    "The prime minister said the plan would cut costs.",
    "The prime minister visited the flooded town on Friday.",
    "Critics said the prime minister had broken his promise.",
    "The prime minister will meet union leaders next week.",
    "A spokesman for the prime minister declined to comment.",
    "The prime minister faces a vote in parliament tonight.",
)


def test_a_writers_own_phrase_is_not_taken_for_an_expansion():
    from unspin.rates import reference_rate

    # Both thesauri list "prime minister" for "premier", and these pages use
    # it far more often than clean text does, but the model prefers it to
    # "premier" or "chancellor" in its contexts: no entry.
    assert reference_rate("prime minister") > 10 * reference_rate("economic system") > 0
    texts = list(PRIME_MINISTER) * 2
    assert "prime minister" in find_suspects(count_pass(texts, Table()), min_count=3, min_ratio=1.2)
    assert len(learn_unpaired(texts)) == 0
    assert len(learn_unpaired(texts, require_synonym=False)) == 0


def test_a_british_spelling_is_not_a_swap_for_its_american_one():
    from collections import Counter

    from unspin.unpaired.entries import _plausible

    # The US trigram model prefers "aluminum" and "behavior" in any context;
    # a page that writes "aluminium" was not spun there. The other way round
    # ("behavior" on a British page) a US thesaurus spinner did write.
    stats = UnpairedStats(Counter({"aluminium": 40.0, "behaviour": 30.0}), 100_000.0, 50)
    for careful in (True, False):
        assert not _plausible(stats, "aluminium", "aluminum", careful)
        assert not _plausible(stats, "behaviour", "behavior", careful)
    assert _plausible(stats, "behavior", "behaviour", True)


def test_two_spellings_of_one_original_are_one_candidate_written_as_the_corpus_writes_it():
    from collections import Counter

    from unspin.unpaired.entries import _one_spelling

    # A US thesaurus proposes "theater" beside "theatre": one original, whose
    # lead over "stage" is not split, written as this British corpus writes it.
    stats = UnpairedStats(Counter({"theatre": 5.0, "stage": 9.0}), 1000.0, 10)
    kept, written = _one_spelling({"theater": 10.0, "theatre": 8.0, "stage": 3.0}, stats)
    assert kept == {"theater": 10.0, "stage": 3.0}
    assert written == {"theater": "theatre", "stage": "stage"}


def test_two_originals_that_fit_alike_share_one_entry():
    from collections import Counter

    from unspin.unpaired import table_from_stats
    from unspin.unpaired.entries import _leaders

    # The best alone when it is clearly ahead; the best two when together
    # clearly ahead of the third (a spinner writes one form for several
    # words); nothing when the three are close.
    assert _leaders({"a": 20.0, "b": 9.0, "c": 1.0}, 10.0, 2) == ["a"]
    assert _leaders({"a": 20.0, "b": 18.0, "c": 1.0}, 10.0, 2) == ["a", "b"]
    assert _leaders({"a": 20.0, "b": 18.0, "c": 1.0}, 10.0, 1) == []
    assert _leaders({"a": 20.0, "b": 18.0, "c": 15.0}, 10.0, 2) == []

    stats = UnpairedStats(Counter({"authorized": 10.0}), 10_000.0, 10)  # channel 0
    stats.scored["authorized"] = 10.0
    stats.evidence["authorized"] = {
        "licensed": [30.0, 8.0],
        "legitimate": [28.0, 6.0],
        "official": [2.0, 3.0],
    }
    for original in ("licensed", "legitimate", "official"):
        stats.docs.setdefault("authorized", Counter())[original] = 3
        stats.contexts.setdefault("authorized", {})[original] = [1, 2, 3]
    table = table_from_stats(
        stats, {"authorized": 10.0}, min_docs=2, min_share=0.5, min_evidence=6.0
    )
    # The nine swaps are shared by how often the model preferred each.
    assert table.candidates("authorized") == [("licensed", 5), ("legitimate", 4)]
    open_table = table_from_stats(
        stats,
        {"authorized": 10.0},
        min_docs=2,
        min_share=0.5,
        min_evidence=6.0,
        require_synonym=False,
    )
    assert open_table.lookup("authorized") is None  # the open learner wants one leader


def test_the_open_learner_wants_an_original_only_the_context_proposes_half_missing():
    from collections import Counter

    from unspin.rates import left_share
    from unspin.unpaired.entries import _plausible

    # "said" is no thesaurus synonym of "mentioned": the careful learner never
    # takes it; the open one only where the corpus holds "said" at most half
    # as often as clean text would. A synonym ("car" for "automobile") needs
    # no shortfall: a spinner that rewrites a word only now and then leaves
    # it in place elsewhere.
    held = UnpairedStats(Counter({"said": 4000.0, "car": 400.0}), 1_000_000.0, 100)
    missing = UnpairedStats(Counter({"said": 5.0}), 1_000_000.0, 100)
    assert left_share(held, "said") > 0.5 > left_share(missing, "said")
    assert not _plausible(missing, "mentioned", "said", True)
    assert not _plausible(held, "mentioned", "said", False)
    assert _plausible(missing, "mentioned", "said", False)
    assert _plausible(held, "automobile", "car", True) and _plausible(
        held, "automobile", "car", False
    )


def test_a_word_a_known_swap_rewrites_is_not_missing_for_another_form():
    from collections import Counter

    from unspin.rates import left_share
    from unspin.unpaired.entries import _plausible

    # The corpus lacks "people" because the base table's "individuals" stands
    # for it: restored, the open learner gives it to no other form ("swing").
    stats = UnpairedStats(Counter({"swing": 30.0}), 200_000.0, 100)
    assert left_share(stats, "people") < 0.5 and _plausible(stats, "swing", "people", False)
    stats.restored = Counter({"people": 500.0})  # clean text would have some 620
    assert left_share(stats, "people") > 0.5 and not _plausible(stats, "swing", "people", False)


def test_the_count_pass_reads_the_corpus_as_the_base_restores_it():
    from unspin.unpaired import count_pass

    text = "The struggle ended, he mentioned. Supply hyperlink"
    base = Table.default()
    stats = count_pass([text] * 2, base)
    # What the base restores is counted apart from what the spinner wrote.
    assert stats.restored["war"] == stats.restored["said"] == 2 * stats.weight / 2
    assert "struggle" not in stats.counts and "mentioned" not in stats.counts
    assert stats.counts["ended"] == stats.weight
    # Without a base, the words are counted as written.
    plain = count_pass([text] * 2, Table())
    assert plain.counts["struggle"] == 2 and not plain.restored


def test_a_second_round_reads_the_corpus_as_the_first_round_restores_it(monkeypatch):
    import unspin.unpaired.learner as up

    seen: list[Table] = []
    real = up._one_round

    def recording(run, base, *args, **kwargs):
        seen.append(base)
        return real(run, base, *args, **kwargs)

    monkeypatch.setattr(up, "_one_round", recording)
    table = learn_unpaired(list(CARS) * 3)
    assert table.candidates("automobile") == [("car", 18)]
    # Round 1 over nothing; round 2 over what round 1 learned, which learns
    # nothing new: the rounds stop there.
    assert len(seen) == 2 and len(seen[0]) == 0 and seen[1].candidates("automobile")
    assert learn_unpaired(list(CARS) * 3, rounds=1).sha256 == table.sha256
    with pytest.raises(ValueError, match="at least 1"):
        learn_unpaired(list(CARS), rounds=0)


def test_a_form_the_spinner_also_rewrites_keeps_only_what_it_leaves():
    from collections import Counter

    from unspin.rates import left_in_place, reference_rate

    words = 1_000_000.0
    # Twenty words the spinner rewrites, each left at a third of its rate.
    rewritten = [
        "people", "company", "government", "country", "market", "police", "school", "money",
        "business", "family", "health", "system", "service", "group", "report", "party",
        "record", "plan", "season", "price",
    ]  # fmt: skip
    counts = Counter({w: words * reference_rate(w) / 3 for w in rewritten})
    stats = UnpairedStats(counts, words, 100)
    assert left_in_place(stats, rewritten) == pytest.approx(1 / 3)
    assert left_in_place(stats, rewritten[:5]) == 1.0  # too few words to tell
    # "record" occurs as often as clean text has it: no suspect of its own,
    # but a word the spinner rewrites keeps a third of its own occurrences,
    # so the rest were written there for other words.
    stats.counts["record"] = words * reference_rate("record")
    assert "record" not in find_suspects(stats, min_count=3, min_ratio=1.2)
    ratio = find_suspects(stats, min_count=3, min_ratio=1.2, rewritten=rewritten, left=1 / 3)
    assert ratio["record"] == pytest.approx(3.0)


def test_a_proposal_made_for_every_suspect_ranks_below_one_made_for_this_form(monkeypatch):
    # "session" is proposed at every suspect's occurrences (it fits "the ___
    # of"), "scrutiny" only at those of "brooks", as often: with room for one
    # candidate, the specific one is taken.
    from collections import Counter

    import unspin.unpaired.candidates as candidates

    monkeypatch.setattr(candidates, "_MAX_CANDIDATES", 1)
    monkeypatch.setattr(candidates, "_thesaurus_sources", lambda form: ())
    suspects = {"brooks": 5.0, **{f"form{i}": 5.0 for i in range(20)}}
    stats = UnpairedStats(Counter(dict.fromkeys(suspects, 30.0)), 100_000.0, 10)
    stats.around = {form: Counter({("the", "of"): 30.0}) for form in suspects}
    stats.proposals = {form: Counter({"session": 6.0}) for form in suspects}
    stats.proposals["brooks"] = Counter({"session": 6.0, "scrutiny": 6.0})
    assert choose_candidates(stats, suspects)["brooks"] == ("scrutiny",)
    # Proposed as often and as specifically, the word clean text holds about
    # as often as the form's excess (24 of 30) is taken.
    stats.proposals = {form: Counter() for form in suspects}
    stats.proposals["brooks"] = Counter({"scrutiny": 6.0, "government": 6.0})
    assert choose_candidates(stats, suspects)["brooks"] == ("government",)


def test_progress_bars_know_how_many_documents_a_pass_reads(tmp_path, capsys):
    # A list is counted up front; a reader of files once it has been read
    # through: every later pass shows how far it is.
    from unspin.clean import CorpusTexts
    from unspin.unpaired import known_length

    corpus = tmp_path / "spun.jsonl"
    corpus.write_text("".join(f'{{"text": "{t}"}}\n' for t in CARS) + "{broken\n")
    texts = CorpusTexts([corpus])
    assert known_length(texts) is None
    assert list(texts) == list(CARS) and known_length(texts) == len(CARS)
    assert known_length(list(CARS)) == len(CARS)
    learn_unpaired(list(CARS), progress=True, rounds=1)
    err = capsys.readouterr().err
    assert "counting: 100%" in err and f"{len(CARS)}/{len(CARS)}" in err


def _random_mapping_stats(
    held: dict[str, float], llrs: dict[str, float], excess_of: str
) -> tuple[UnpairedStats, dict[str, float]]:
    """Statistics of a spun corpus of a million words whose form "jasper" is
    a suspect with candidates ``llrs`` (evidence in nats, every candidate
    preferred at 90 of 100 occurrences, in 10 documents and contexts), its
    excess as many occurrences as ``excess_of`` lacks; ``held``: how often
    the corpus holds each candidate."""
    from collections import Counter

    from unspin.rates import missing

    stats = UnpairedStats(Counter(held), 1_000_000.0, 100)
    excess = missing(stats, excess_of)
    stats.counts["jasper"] = excess * 100 / 99  # seen 100 times as often as clean text
    stats.scored["jasper"] = 100.0
    stats.evidence["jasper"] = {o: [llr, 90.0] for o, llr in llrs.items()}
    stats.docs["jasper"] = Counter({o: 10 for o in llrs})
    stats.contexts["jasper"] = {o: list(range(10)) for o in llrs}
    return stats, {"jasper": 100.0}


def _learned(stats, suspects, require_synonym=False, form="jasper", by_context=()):
    """The original the statistics give ``form`` (None: no entry)."""
    from unspin.unpaired import table_from_stats

    table = table_from_stats(
        stats,
        suspects,
        min_docs=2,
        min_share=0.5,
        min_evidence=6.0,
        require_synonym=require_synonym,
        by_context=by_context,
    )
    entry = table.lookup(form)
    return None if entry is None else entry.best()[0]


def test_a_form_whose_best_original_is_not_missing_falls_back_to_the_one_that_is():
    from unspin.rates import missing

    # A random mapping writes "firm" as "jasper" everywhere. "company" fits
    # the contexts a little better, but the corpus holds it as often as clean
    # text would (another form did not take it); "firm" is missing, about as
    # often as "jasper" is in excess, and leads the rest clearly.
    llrs = {"company": 1400.0, "firm": 1350.0, "market": 1200.0}
    stats, suspects = _random_mapping_stats({"company": 600.0, "market": 0.0}, llrs, "firm")
    assert missing(stats, "company") == 0 < missing(stats, "firm")
    assert _learned(stats, suspects) == "firm"
    assert _learned(stats, suspects, require_synonym=True) is None  # the careful learner: none
    # Where the company's missing occurrences account for the form, it stands.
    stats, suspects = _random_mapping_stats({"market": 0.0}, llrs, "company")
    assert _learned(stats, suspects) == "company"
    # A fallback must account for the form's excess: "firm", missing four
    # times as often as "jasper" is in excess, is another form's original.
    stats, suspects = _random_mapping_stats({"company": 600.0, "market": 0.0}, llrs, "firm")
    stats.counts["jasper"] /= 4
    assert _learned(stats, suspects) is None
    # ... and lead the other plausible originals by the margin.
    close = {"company": 1400.0, "firm": 1350.0, "market": 1345.0}
    stats, suspects = _random_mapping_stats({"company": 600.0, "market": 0.0}, close, "firm")
    assert _learned(stats, suspects) is None


def test_a_bursty_form_is_a_swap_where_its_original_is_far_ahead_and_missing():
    from unspin.unpaired import table_from_stats

    # "priorities" for "tax": the form inherits the bursts of its original's
    # topic (100 occurrences in 5 documents of 100), but "tax" is missing as
    # often as the form is in excess and leads by far more than the margin.
    far = {"tax": 1100.0, "taxes": 600.0}
    near = {"tax": 1100.0, "taxes": 1050.0}
    for llrs, learned in ((far, True), (near, False)):
        stats, suspects = _random_mapping_stats({"taxes": 0.0}, llrs, "tax")
        stats.spread["jasper"], stats.weight = 5.0, 100.0
        assert not spread_out(stats, "jasper")
        table = table_from_stats(
            stats, suspects, min_docs=2, min_share=0.5, min_evidence=6.0, require_synonym=False
        )
        assert (table.lookup("jasper") is not None) == learned


def test_a_number_word_is_an_original_only_where_the_corpus_lost_it_for_the_form():
    from unspin.unpaired import lost_numbers

    # A random mapping writes "million" as "jasper" everywhere: the corpus
    # has lost "million", as often as "jasper" is in excess.
    llrs = {"million": 1400.0, "pounds": 1000.0}
    stats, suspects = _random_mapping_stats({"pounds": 5000.0, "two": 3000.0}, llrs, "million")
    assert "million" in lost_numbers(stats) and "two" not in lost_numbers(stats)
    assert _learned(stats, suspects) == "million"
    assert _learned(stats, suspects, require_synonym=True) is None
    # Missing four times as often as the form is in excess, it is no
    # original, however well the contexts fit it: a number is a fact.
    stats.counts["jasper"] /= 4
    assert _learned(stats, suspects) is None
    # A number is a fact: a shortfall of 13 that would do for another word
    # ("mythes" rewrites "thousand"; "zillion" was taken for it) is too small.
    from collections import Counter

    from unspin.rates import missing

    small = UnpairedStats(Counter({"two": 40.0}), 20_000.0, 10)
    assert 10 < missing(small, "million") < 20 and "million" not in lost_numbers(small)


def test_only_a_number_word_the_corpus_lost_may_be_a_candidate():
    from collections import Counter

    suspects = {"jasper": 5.0}
    stats = UnpairedStats(Counter({"jasper": 30.0}), 100_000.0, 10)
    stats.around = {"jasper": Counter({("3", "pounds"): 30.0})}
    stats.proposals = {"jasper": Counter({"million": 20.0, "billion": 10.0})}
    assert "jasper" not in choose_candidates(stats, suspects)
    found = choose_candidates(stats, suspects, frozenset({"million"}))
    assert found["jasper"] == ("million",)


def test_a_form_whose_best_original_is_no_longer_missing_takes_it_when_far_ahead():

    # A random mapping writes "jasper" for every "small", and "small" for
    # every "international": the corpus holds "small" as often as ever. Its
    # evidence is 16 margins ahead of a field of ten; nothing missing
    # accounts for "jasper".
    field = ("big", "great", "huge", "little", "major", "minor", "new", "old")
    far = {"small": 1400.0, "large": 1000.0, **dict.fromkeys(field, 900.0)}
    near = {**far, "large": 1330.0}
    alone = {"small": 1400.0, "large": 1000.0}  # a lead over one rival says little
    for llrs, expected in ((far, "small"), (near, None), (alone, None)):
        held = dict.fromkeys(llrs, 1e5)
        stats, suspects = _random_mapping_stats(held, llrs, "enormous")
        assert _learned(stats, suspects) == expected
        assert _learned(stats, suspects, require_synonym=True) is None


def test_a_form_whose_contexts_misfit_is_a_suspect_though_its_count_is_ordinary():
    from collections import Counter

    from unspin.unpaired import context_suspects, find_suspects

    # "small" is held as often as clean text holds it (the spinner writes it
    # for "international", and writes the writer's own "small" as another
    # word), but 16 of its 20 occurrences misfit their places, where the
    # corpus's words usually misfit at 5 of 20.
    words = {f"word{i}": 20.0 for i in range(30)}
    stats = UnpairedStats(Counter({**words, "small": 20.0}), 1_000_000.0, 10)
    stats.misfits = Counter({**{w: 5.0 for w in words}, "small": 16.0})
    assert "small" not in find_suspects(stats, min_count=3, min_ratio=1.2)
    found = context_suspects(stats, min_count=3, min_ratio=1.2)
    assert list(found) == ["small"] and found["small"] > 5  # nearly all swaps
    # Misfits a little above the usual share, or at few occurrences, are chance.
    stats.misfits["small"] = 8.0
    assert context_suspects(stats, min_count=3, min_ratio=1.2) == {}
    stats.counts["small"], stats.misfits["small"] = 4.0, 3.0
    assert context_suspects(stats, min_count=3, min_ratio=1.2) == {}


def test_the_original_of_a_suspect_by_context_must_not_be_in_excess():
    from collections import Counter

    from unspin.rates import missing

    # "additional" misfits its places, and the contexts prefer "extra", a
    # synonym: as a suspect by its count, the careful learner takes it; as
    # a suspect by its contexts only, not while the corpus holds "extra"
    # more often than clean text would (a writer's "additional" among spun
    # neighbours), but once it holds less.
    stats = UnpairedStats(Counter(), 1_000_000.0, 100)
    expected = missing(stats, "extra")
    stats.counts["additional"] = 100.0
    stats.scored["additional"] = 100.0
    stats.evidence["additional"] = {"extra": [400.0, 90.0], "further": [100.0, 60.0]}
    stats.docs["additional"] = Counter({"extra": 10, "further": 10})
    stats.contexts["additional"] = {o: list(range(10)) for o in ("extra", "further")}
    suspects = {"additional": 2.0}
    for held, by_context, learned in (
        (1.7, (), "extra"),
        (1.7, ("additional",), None),
        (0.6, ("additional",), "extra"),
    ):
        stats.counts["extra"] = held * expected
        found = _learned(stats, suspects, True, "additional", by_context)
        assert found == learned, (held, by_context)


def test_the_model_proposes_a_missing_word_that_fits_where_the_bigram_counts_are_silent():
    from collections import Counter

    from unspin.unpaired.candidates import model_proposals

    # "mentioned" stands where the spinner's original stood, between "he"
    # and "that" and between "she" and "the". Of the words the corpus is
    # missing, the model's bigrams fit "said" there best; "banana" is far
    # rarer in clean text than the form's excess occurrences (the noisy
    # channel), so it is no proposal however it fits.
    stats = UnpairedStats(
        counts=Counter({"mentioned": 10}),
        around={"mentioned": Counter({("he", "that"): 6.0, ("she", "the"): 4.0})},
        words=5_000.0,
    )
    missing = frozenset({"house", "economy", "said", "banana"})
    proposed = model_proposals(stats, {"mentioned": 5.0}, missing)
    assert proposed["mentioned"][0] == "said"
    assert "banana" not in proposed["mentioned"]
    # Fewer occurrences than model_proposals asks for: no proposal.
    stats.counts["mentioned"] = 4
    assert model_proposals(stats, {"mentioned": 5.0}, missing) == {}
    # and choose_candidates takes them in, for the open learner only.
    stats.counts["mentioned"] = 10
    assert "said" in choose_candidates(stats, {"mentioned": 5.0}, depleted=missing)["mentioned"]
    assert "said" not in choose_candidates(stats, {"mentioned": 5.0}).get("mentioned", ())


def _deterministic_stats(held_as_ever: bool) -> tuple[UnpairedStats, dict[str, float]]:
    """Twenty suspects of a million-word corpus, each with one original far
    ahead of the next: originals the corpus holds as often as clean text
    would (``held_as_ever``) or has lost."""
    from collections import Counter

    from unspin.rates import reference_rate

    originals = [
        "company",
        "market",
        "people",
        "government",
        "house",
        "money",
        "school",
        "water",
        "police",
        "music",
        "car",
        "city",
        "family",
        "country",
        "world",
        "week",
        "night",
        "road",
        "game",
        "team",
    ]
    held = {o: reference_rate(o) * 1_000_000 if held_as_ever else 0.0 for o in originals}
    stats = UnpairedStats(Counter(held), 1_000_000.0, 100)
    suspects = {}
    for i, original in enumerate(originals):
        form = f"jasper{i}"
        stats.counts[form] = 40.0
        stats.scored[form] = 40.0
        stats.evidence[form] = {original: [300.0, 36.0], "quokka": [1.0, 4.0]}
        suspects[form] = 100.0
    return stats, suspects


def test_how_much_of_a_rewritten_word_the_spinner_leaves():
    from unspin.unpaired import spinner_leaves, synonym_bar

    # A random mapping rewrites a word wherever it meets it: the originals
    # its forms clearly stand for are gone from the corpus.
    stats, suspects = _deterministic_stats(held_as_ever=False)
    assert spinner_leaves(stats, suspects, False) < 0.05
    assert synonym_bar(spinner_leaves(stats, suspects, False)) == 0.5
    # A thesaurus spinner writes the words it rewrites for their synonyms
    # and rewrites a word now and then: its originals stay.
    stats, suspects = _deterministic_stats(held_as_ever=True)
    assert spinner_leaves(stats, suspects, False) > 0.5
    assert synonym_bar(spinner_leaves(stats, suspects, False)) == float("inf")
    # Too few forms with a clear original: no evidence either way.
    few = dict(list(suspects.items())[:5])
    assert spinner_leaves(stats, few, False) == 1.0


def test_a_synonym_the_corpus_holds_as_ever_is_no_original_of_a_spinner_that_leaves_none():
    from collections import Counter

    from unspin.unpaired import synonym_bar
    from unspin.unpaired.entries import _plausible

    # "almost" was taken for "nearly" in 1,000 articles spun by a random
    # mapping that never wrote "almost": "nearly" is a thesaurus synonym, but
    # the corpus holds it as often as clean text would. A spinner that
    # rewrites a word wherever it meets it would have left none.
    held = UnpairedStats(Counter({"nearly": 120.0}), 1_000_000.0, 100)
    lost = UnpairedStats(Counter({"nearly": 2.0}), 1_000_000.0, 100)
    for careful in (True, False):
        assert _plausible(held, "almost", "nearly", careful)  # no bar: a thesaurus spinner
        assert _plausible(held, "almost", "nearly", careful, False, synonym_bar(0.5))
        assert not _plausible(held, "almost", "nearly", careful, False, synonym_bar(0.01))
        assert _plausible(lost, "almost", "nearly", careful, False, synonym_bar(0.01))


def test_progress_says_when_the_spinner_leaves_nothing_of_its_words(monkeypatch, capsys):
    from unspin.unpaired import learner

    # Where the estimate says the spinner rewrites a word everywhere, the
    # learner says so, and what it means for the thesaurus's synonyms.
    monkeypatch.setattr(learner, "spinner_leaves", lambda *args: 0.01)
    learner.learn_unpaired(list(CARS) * 3, progress=True, rounds=1)
    assert "the spinner leaves 1% of the words it rewrites" in capsys.readouterr().err
    monkeypatch.setattr(learner, "spinner_leaves", lambda *args: 0.5)
    learner.learn_unpaired(list(CARS) * 3, progress=True, rounds=1)
    assert "the spinner leaves" not in capsys.readouterr().err


def test_every_learning_pass_has_its_name_on_the_crawl_progress_bar():
    # unspin clean --learn shows the passes as one process names them
    # ("counting", "weighing"), not as functions ("evidence_pass").
    from unspin.unpaired.reading import pass_label

    labels = [
        pass_label(p.__name__) for p in (count_pass, candidate_pass, evidence_pass, share_pass)
    ]
    assert labels == ["counting", "proposing", "weighing", "counting swaps"]
    assert pass_label("evidence_pass", part=True) == "weighing a sample"


def test_the_crawl_runner_names_its_passes_on_its_progress_bars(capsys):
    from unspin.crawl import learn_in_workers

    learn_in_workers(list(CARS) * 3, Table(), jobs=2, progress=True, rounds=1)
    err = capsys.readouterr().err
    for label in ("counting", "proposing", "weighing"):
        assert f"learn: {label}" in err
    assert "evidence_pass" not in err
