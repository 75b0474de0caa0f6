"""Run a compiled regular expression only near the words every match of it holds.

Python's ``re`` tries a pattern at every position of the text, and a pattern that opens
with a class of all Chinese characters (…队, a session's number) is tried, and fails, at
almost every one of them. Many patterns name a word that every match must hold (队, 摄,
届): the match can only start a little before one of that word's occurrences, and a
plain ``str.find`` finds those in a C loop many times faster than the pattern is tried.

``Anchored.of(regex)`` reads the pattern (its parse tree) for such words and for how far
a match may reach; ``search`` and ``finditer`` then give exactly the matches of
``regex.search`` and ``regex.finditer``, with the same spans and groups:

- every match holds one of the ``words`` and is at most ``width`` characters long, so one
  starting at or after ``pos`` starts at or after the first occurrence of a word there,
  less ``width``: no match is missed by starting the search there;
- a match starting at ``q`` reads no character at or beyond ``q + reach`` (its own text,
  lookaheads and the character after it that ``$`` or a word bound looks at), so a search
  cut off at ``endpos = last + reach`` decides every start up to ``last`` as the whole
  text would (characters before the search's start are read as in the whole text: a
  lookbehind sees them). A match found beyond ``last`` is not trusted: the search goes on
  from the next occurrence.

A pattern with no such word, with a repeat without bound, that may match the empty
string, or that reads case-insensitively, gets no ``Anchored`` (``of`` gives None) and
runs as it is; so does one that opens with a few known characters (“…, 《…, a list of
titles), which ``re`` skips to by itself faster than a search for words could.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import product
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

__all__ = ["Anchored", "words_and_widths"]

#: Classes of at most this many characters count as that many one-character words.
_SMALL_CLASS = 8
#: Runs of literals and small classes spelling at most this many words are kept whole.
_MAX_SPELLINGS = 16


class _Unbounded(Exception):
    """A pattern this reader does not bound (a repeat without bound, a back reference)."""


def _class_chars(items) -> set[str] | None:
    """The characters of a class ``[...]`` when it is a few literals or a short range."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _SMALL_CLASS:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a negation, a category (\d, \s), a wide range
    return out if len(out) <= _SMALL_CLASS else None


def _best(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two sets of words each match holds one of, the one that rules out more text:
    longer shortest word, then fewer words."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(map(len, a)), -len(a))
    kb = (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _minimal(words: set[str]) -> frozenset[str]:
    """``words`` without those holding a shorter member (a text holding 快讯 holds 讯)."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


def _node(op, av) -> tuple[int, int, int, frozenset[str] | None]:
    """(least width, greatest width, reach, words) of one element of a parse tree: the
    characters a match of it consumes, how far past its start it may read, and a set of
    words one of which every match of it holds (None: no such set is known)."""
    if op is C.LITERAL:
        return 1, 1, 1, frozenset(chr(av))
    if op in (C.NOT_LITERAL, C.ANY):
        return 1, 1, 1, None
    if op is C.IN:
        chars = _class_chars(av)
        return 1, 1, 1, frozenset(chars) if chars else None
    if op is C.AT:
        return 0, 0, 1, None  # ^, $, \b read at most the character at their position
    if op is C.SUBPATTERN:
        _group, add_flags, _del, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unbounded
        return _sequence(sub)
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        parts = [_sequence(sub) for sub in av[1]]
        words = None
        if all(p[3] is not None for p in parts):
            words = _minimal({w for p in parts for w in p[3]})
        return min(p[0] for p in parts), max(p[1] for p in parts), max(p[2] for p in parts), words
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high is C.MAXREPEAT:
            raise _Unbounded
        lo, hi, reach, words = _sequence(sub)
        return low * lo, high * hi, (high - 1) * hi + reach if high else 0, words if low >= 1 else None
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, sub = av
        _lo, _hi, reach, _words = _sequence(sub)
        return 0, 0, reach if direction == 1 else 0, None  # a lookbehind reads before its position
    raise _Unbounded  # back references, conditionals, anything not read here


def _sequence(sub) -> tuple[int, int, int, frozenset[str] | None]:
    """``_node`` of a sequence of elements; runs of literals and small classes are spelt
    out as words of several characters (第 + [届屆] gives 第届 and 第屆)."""
    low = high = reach = 0
    words = None
    run: set[str] | None = None  # the spellings of the current run of one-character elements
    for op, av in sub:
        lo, hi, r, w = _node(op, av)
        reach = max(reach, high + r)
        low += lo
        high += hi
        if op in (C.LITERAL, C.IN) and w is not None:
            spelt = {a + b for a, b in product(run, w)} if run else set(w)
            run = spelt if len(spelt) <= _MAX_SPELLINGS else set(w)
            words = _best(words, frozenset(run))
        else:
            run = None
            words = _best(words, w)
    return low, high, reach, words


def _opens_wide(sub) -> bool:
    """Whether a match of the sequence ``sub`` may open with any of many characters (a
    class of all Chinese characters, any character): ``re`` then tries it at almost every
    position. One that opens with a few known characters (a literal, a list of words) is
    skipped to by ``re`` itself, faster than a search for words in Python."""
    for op, av in sub:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the next element opens the match
        if op is C.LITERAL:
            return False
        if op is C.IN:
            return _class_chars(av) is None
        if op is C.SUBPATTERN:
            return _opens_wide(av[3])
        if op is C.ATOMIC_GROUP:
            return _opens_wide(av)
        if op is C.BRANCH:
            return any(_opens_wide(alt) for alt in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if av[0] == 0:
                return True  # (an optional opening: counted wide rather than followed on)
            return _opens_wide(av[2])
        return True
    return True


def words_and_widths(pattern: str, flags: int = 0) -> tuple[frozenset[str], int, int] | None:
    """(words, greatest width, reach) of ``pattern`` (see the module), or None when it has
    no word every match holds, no bound, may match the empty string or opens with a few
    known characters (``_opens_wide``)."""
    if flags & re.IGNORECASE:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        if not _opens_wide(tree):
            return None
        low, high, reach, words = _sequence(tree)
    except _Unbounded:
        return None
    if not words or low == 0 or "" in words:
        return None
    return words, high, max(reach, high + 1)


class Anchored:
    """``regex`` run near the occurrences of ``words`` only (see the module)."""

    __slots__ = ("_find", "_word", "reach", "regex", "width", "words")

    def __init__(self, regex: re.Pattern, words: frozenset[str], width: int, reach: int):
        self.regex = regex
        self.words = words
        self.width = width
        self.reach = reach
        if len(words) == 1:
            self._word = next(iter(words))
            self._find = None
        else:
            self._word = ""
            self._find = re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))).search

    @classmethod
    def of(cls, regex: re.Pattern) -> Anchored | None:
        found = words_and_widths(regex.pattern, regex.flags)
        return None if found is None else cls(regex, *found)

    def _next(self, text: str, pos: int) -> int:
        """Where the first occurrence of a word at or after ``pos`` starts, or -1."""
        if self._find is None:
            return text.find(self._word, pos)
        m = self._find(text, pos)
        return -1 if m is None else m.start()

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        """``regex.search(text, pos)``: the same span and groups."""
        n, width, reach = len(text), self.width, self.reach
        while True:
            first = self._next(text, pos)
            if first < 0:
                return None
            last = first
            # the occurrences whose stretches of text join are searched in one call
            while (nxt := self._next(text, last + 1)) >= 0 and nxt - width <= last + reach:
                last = nxt
            m = self.regex.search(text, max(pos, first - width), min(n, last + reach))
            if m is not None and m.start() <= last:
                return m
            pos = last + 1

    def finditer(self, text: str) -> Iterator[re.Match]:
        """``regex.finditer(text)``: the same matches (none of which is empty)."""
        pos = 0
        while (m := self.search(text, pos)) is not None:
            yield m
            pos = m.end()
