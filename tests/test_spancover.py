"""SpanCover answers what a scan of every span answers (offsets and overlaps)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dateline.spancover import SpanCover

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@given(spans, st.integers(-2, 90))
def test_an_offset_is_covered_exactly_when_a_scan_says_so(given_spans, offset) -> None:
    assert (offset in SpanCover(given_spans)) == any(s <= offset < e for s, e in given_spans)


@given(spans, st.integers(-2, 90), st.integers(0, 15))
def test_a_span_overlaps_exactly_when_a_scan_says_so(given_spans, start, length) -> None:
    span = (start, start + length)
    expected = any(span[0] < e and s < span[1] for s, e in given_spans)
    assert SpanCover(given_spans).overlaps(span) == expected
