from unspin.extract import classify, extract_substitutions
from unspin.match import match_passages
from unspin.tokenize import tokenize


def _subs(spun, clean):
    s, c = tokenize(spun), tokenize(clean)
    return [x for p in match_passages(s, c, spun_text=spun) for x in extract_substitutions(p, s, c)]


def test_exact_parallel():
    subs = _subs(
        "The Kremlin mentioned the struggle may finish soon.",
        "The Kremlin said the war may end soon.",
    )
    assert [(x.spun, x.clean, x.kind) for x in subs] == [
        (("mentioned",), ("said",), "swap"),
        (("struggle",), ("war",), "swap"),
        (("finish",), ("end",), "swap"),
    ]


def test_loose_parallel_finds_shared_quote_only():
    spun = "Macron arrived late. “I’ve nothing so as to add to this and nothing to touch upon,” Peskov mentioned."
    clean = (
        "Other news came first today. Weather was fine. “Russia media site reported. "
        "I have nothing to add to this and nothing to comment on.” Later, more."
    )
    subs = _subs(spun, clean)
    swaps = {(" ".join(x.spun), " ".join(x.clean)) for x in subs if x.is_swap}
    assert ("so as to", "to") in swaps
    assert all("Macron" not in x.spun for x in subs)


def test_unrelated_texts_give_nothing():
    assert _subs("The cat sat on the mat all day.", "Stocks fell sharply in Tokyo trading.") == []


def test_classify_editorial_kinds():
    assert classify(["I’ve"], ["I", "have"]) == "contraction"
    assert classify(["’s"], ["is"]) == "contraction"
    assert classify(["Sergei"], ["Sergey"]) == "variant"
    assert classify(["5"], ["6"]) == "number"
    assert classify(["two"], ["2"]) == "number-word"
    assert classify([","], ["."]) == "punctuation"
    assert classify([], ["added"]) == "deletion"
    assert classify(["extra"], []) == "insertion"
    assert classify(list("abcdef"), ["x"]) == "long"
    # The family writes one word as four.
    assert classify(["as", "a", "result", "of"], ["because"]) == "swap"
    assert classify(["if", "truth", "be", "told"], ["actually"]) == "swap"
    assert classify(["mentioned"], ["said"]) == "swap"
    # Alike but other words: the spinner's swaps, not spellings of one word.
    assert classify(["round"], ["around"]) == "swap"
    assert classify(["could"], ["would"]) == "swap"
    assert classify(["those"], ["these"]) == "swap"
    assert classify(["programme"], ["program"]) == classify(["towards"], ["toward"]) == "variant"


DAYS = ("Monday", "Tuesday", "Friday")


def test_a_reordering_is_one_swap_and_keeps_its_negation():
    from unspin import learn, observe

    spun = "Labour pledged on Monday to not hike earnings tax, the officials said in London."
    clean = "Labour pledged on Monday not to hike income tax, the officials said in London."
    swaps = [(s.spun, s.clean) for s in observe(spun, clean).substitutions]
    assert (("to", "not"), ("not", "to")) in swaps
    spun2 = "The bank raised rates of interest on Monday, the officials said in London."
    clean2 = "The bank raised interest rates on Monday, the officials said in London."
    assert [(s.spun, s.clean) for s in observe(spun2, clean2).substitutions] == [
        (("rates", "of", "interest"), ("interest", "rates"))
    ]
    # Three pages (a pair given twice counts once: see test_learn.py).
    pages = [(spun.replace("Monday", day), clean.replace("Monday", day)) for day in DAYS]
    table = learn(pages)
    assert table.candidates("to not") == [("not to", 3)]


def test_no_table_entry_deletes_a_negation():
    from unspin import Table, restore

    table = Table()
    table.add("to not", "to", 9)  # an old alignment's fragment of "not to" -> "to not"
    table.add("mentioned", "said", 9)
    table.add("struggle", "war", 9)
    text = (
        "The minister mentioned she had decided to not raise taxes, officials mentioned. "
        "The struggle over the budget is over."
    )
    restored = restore(text, table=table)
    assert "said she had decided to not raise" in restored  # judged spun; "not" kept


def test_a_swap_for_an_article_keeps_its_phrase():
    from unspin import learn, observe

    spun = "It is one of many largest shareholders in the bank, the officials said in London on Monday."
    clean = (
        "It is one of the largest shareholders in the bank, the officials said in London on Monday."
    )
    assert [(s.spun, s.clean) for s in observe(spun, clean).substitutions] == [
        (("one", "of", "many"), ("one", "of", "the"))
    ]
    pages = [(spun.replace("Monday", day), clean.replace("Monday", day)) for day in DAYS[:2]]
    table = learn(pages)
    assert "many" not in table  # "Many executives" is no "The executives"
    assert table.candidates("one of many") == [("one of the", 2)]


def test_an_inserted_word_goes_with_the_word_it_modifies():
    from unspin import observe

    spun = "which the federal government says amounted to 22bn, the officials said in London."
    clean = "which the government says amounted to 22bn, the officials said in London."
    assert [(s.spun, s.clean) for s in observe(spun, clean).substitutions] == [
        (("federal", "government"), ("government",))
    ]
    spun = "It means your mortgage and financial savings, the officials said in London on Monday."
    clean = "It means your mortgage and savings, the officials said in London on Monday."
    assert [(s.spun, s.clean) for s in observe(spun, clean).substitutions] == [
        (("financial", "savings"), ("savings",))
    ]
    spun = "The war was once over by then, he said to the officials in London on Monday."
    clean = "The war was over by then, he said to the officials in London on Monday."
    assert [(s.spun, s.clean) for s in observe(spun, clean).substitutions] == [
        (("was", "once"), ("was",))
    ]


def test_a_number_phrase_is_learned_whole_and_never_restored():
    from unspin import Table, learn, observe, restore

    spun = (
        "The ruling could have meant hundreds of thousands of motorists got money, officials said."
    )
    clean = "The ruling could have meant millions of motorists got money, officials said."
    subs = [(s.spun, s.clean) for s in observe(spun, clean).substitutions]
    assert all("thousands" not in s or "millions" in c for s, c in subs)  # never a fragment
    table = learn([(spun, clean)] * 3).merge(Table())
    table.add("of thousands of", "of", 9)  # an old alignment's fragment
    table.add("hundreds", "millions", 9)
    for spun_word, original in (("mentioned", "said"), ("struggle", "war"), ("finish", "end")):
        table.add(spun_word, original, 9)
    text = (
        "The minister mentioned on Tuesday the struggle would finish soon. She mentioned "
        "tens of thousands of people and hundreds of thousands of motorists were affected."
    )
    restored = restore(text, table=table)
    assert "the war would end" in restored  # judged spun
    assert "tens of thousands of people and hundreds of thousands of motorists" in restored
