"""Questions about many spans of one text, answered in n log n rather than pairwise.

The extraction often asks, for each of many spans, whether some span of another set
touches it: does a reference word overlap a mention, does page furniture cover a
sentence, is a candidate inside a book's title. Asking every pair makes a document's
time grow with the square of its length (a 50 MB document has millions of candidates).
A ``SpanIndex`` sorts the spans once; each question is then one binary search.

Spans are ``(start, end)`` pairs of character offsets; the answers are exactly those of
the pairwise tests written beside each method, empty and nested spans included.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["SpanIndex"]


class SpanIndex:
    """A fixed set of spans, sorted by start, with the furthest end reached so far.

    Every question is about the spans that start before some offset (a prefix of the
    sorted list); the largest end among them tells whether any of them reaches far
    enough.

    >>> idx = SpanIndex([(0, 4), (10, 12)])
    >>> idx.overlaps(3, 5), idx.overlaps(4, 10), idx.reaches(10, 12), idx.reaches(1, 5)
    (True, False, True, False)
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        items = sorted(spans)
        self._starts = [s for s, _e in items]
        self._reach = list(accumulate((e for _s, e in items), max))

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """``any(s < end and start < e for s, e in spans)``."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def reaches(self, start: int, end: int) -> bool:
        """``any(s <= start and end <= e for s, e in spans)``: some span covers [start, end)."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end

    def holds(self, pos: int) -> bool:
        """``any(s <= pos < e for s, e in spans)``: some span holds the character at ``pos``."""
        return self.reaches(pos, pos + 1)
