import itertools

from hypothesis import given
from hypothesis import strategies as st

from unspin.align import align, format_alignment

words = st.lists(
    st.sampled_from(["the", "war", "struggle", "said", "mentioned", ",", "."]), max_size=30
)


@given(words, words)
def test_opcodes_rebuild_target(a, b):
    ops = align(a, b)
    rebuilt = []
    for op in ops:
        rebuilt.extend(b[op.b_start : op.b_end])
        if op.tag == "equal":
            assert a[op.a_start : op.a_end] == b[op.b_start : op.b_end]
    assert rebuilt == b
    assert sum(op.a_end - op.a_start for op in ops) == len(a)


@given(words, words)
def test_no_two_adjacent_differences(a, b):
    ops = align(a, b)
    for x, y in itertools.pairwise(ops):
        assert not (x.tag != "equal" and y.tag != "equal")


def test_lcs_keeps_anchor_that_levenshtein_loses():
    a = ["i've", "nothing", "so", "as", "to", "add"]
    b = [".", "i", "have", "nothing", "to", "add"]
    assert "nothing [so as -> ] to add" in format_alignment(a, b, align(a, b))
