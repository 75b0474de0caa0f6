"""kg.extract.spans: every answer of a SpanIndex equals the pairwise test it replaces."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.spans import SpanIndex

SPAN = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(SPAN, max_size=30), st.lists(SPAN, min_size=1, max_size=20))
def test_answers_equal_the_pairwise_tests(spans, queries):
    idx = SpanIndex(spans)
    assert len(idx) == len(spans)
    for start, end in queries:
        assert idx.overlaps(start, end) == any(s < end and start < e for s, e in spans)
        assert idx.reaches(start, end) == any(s <= start and end <= e for s, e in spans)
        assert idx.holds(start) == any(s <= start < e for s, e in spans)


def test_empty_index_answers_no():
    idx = SpanIndex([])
    assert not idx.overlaps(0, 5) and not idx.reaches(0, 0) and not idx.holds(0)
    assert not idx


def test_touching_spans_do_not_overlap_but_nested_ones_are_covered():
    idx = SpanIndex([(0, 4), (4, 9)])
    assert not idx.overlaps(9, 12)
    assert idx.overlaps(3, 5)
    assert idx.reaches(5, 9) and not idx.reaches(3, 5)
