import pytest

from unspin import detect


def test_with_reference_spun_copy_scores_high():
    clean = "The Kremlin said the war may end within weeks, and the troops on the ground agreed."
    spun = "The Kremlin mentioned the struggle may finish inside weeks, and the troops on the bottom agreed."
    d = detect(spun, reference=clean)
    assert d.method == "reference"
    assert d.score > 0.2
    assert {s.spun for s in d.spans} >= {"mentioned", "struggle"}


def test_with_reference_independent_article_scores_low():
    clean = "The Kremlin said the war may end within weeks, and the troops on the ground agreed."
    other = "Moscow gave no timetable on Tuesday. Officials declined to comment on troop numbers."
    assert detect(other, reference=clean).score == 0.0


def test_without_reference(small_table):
    spun = "Putin mentioned the struggle. His imaginative and prescient, they mentioned, was clear."
    clean = "Putin said the war was over. His vision, they said, was clear."
    assert detect(spun, table=small_table).score > detect(clean, table=small_table).score
    assert detect(clean, table=small_table).score < 0.01


def test_empty_text():
    assert detect("").score == 0.0


def test_bad_input():
    with pytest.raises(TypeError):
        detect(None)
