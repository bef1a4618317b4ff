"""End to end on the motivating example (skips without ../shared)."""

from unspin import detect, observe, restore_and_explain


def test_seed_end_to_end(shared):
    spun = (shared / "seeds" / "spun_article.txt").read_text(encoding="utf-8")
    clean = (shared / "seeds" / "clean_parallel_source.txt").read_text(encoding="utf-8")
    obs = observe(spun, clean)
    assert len(obs.passages) >= 3
    learned = {(" ".join(s.spun), " ".join(s.clean)) for s in obs.swaps}
    assert ("so as to", "to") in learned
    result = restore_and_explain(spun, reference=clean)
    assert "I’ve nothing to add to this" in result.text
    assert "Peskov said" in result.text
    assert result.text.count("\n") == spun.count("\n")
    assert detect(spun, reference=clean).score > detect(clean, reference=clean).score


def test_independent_article_is_not_a_spun_copy(shared):
    spun = (shared / "seeds" / "spun_article.txt").read_text(encoding="utf-8")
    clean = (shared / "seeds" / "clean_parallel_source.txt").read_text(encoding="utf-8")
    # the clean NY Post piece, checked against the spun Guardian copy, is not spun
    assert detect(clean, reference=clean).score == 0.0
    assert detect(spun).score > detect(clean).score
