"""Runs of titles between a body and a name (书记, 副省长、代省长, 驻华大使), read in linear time.

The relation engines ask whether the gap between two mentions holds titles only; this is
the one reader of that language, shared by every engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: What may open a run of titles, and what may follow each title (副省长、代省长, 书记兼主任).
_OPENING_MARKS = frozenset("、，,")
_TITLE_MARKS = frozenset("、，,和兼及暨")
#: A sub-unit between a body and a title (山西省发改委项目推进中心主任): the post is held in
#: the named parent body (GUIDELINES: sub-units are not entities). Its name is one to 14
#: characters of these before one of the unit words.
_SUB_UNIT_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+＋ ]*")
SUB_UNIT_WORDS = ("中心", "办公室", "处", "科", "室", "所", "站", "队", "分公司", "研究院", "事业部", "工作部")
_SUB_UNIT_WORD = re.compile("|".join(SUB_UNIT_WORDS))


class TitleRun:
    """Tells whether a gap between two mentions holds titles only (``书记``, ``副省长、代省长``,
    ``驻华大使``; not ``书记说``); with ``sub_unit``, a sub-unit may open the gap
    (``项目推进中心主任``).

    The gap is: marks (``、，,`` or spaces), then one or more titles, each after any number
    of ``prefixes`` (``副``, ``国家``: ``data/lexicon/title_prefixes.txt``; and ``驻`` + a
    place) and before any number of marks (``、，,和兼及暨`` or spaces). A regular expression with nested repetitions said this
    before and tried every way of cutting a gap into words, which took exponential time on
    ``副总经理副总经理…`` ending in anything else. This reads the gap once, left to right,
    keeping the offsets it can have reached: time linear in the gap's length.

    Example:
        >>> run = TitleRun(["书记", "省长", "大使"], ["副", "代"])
        >>> run.match("副书记、代省长"), run.match("驻华大使"), run.match("书记说")
        (True, True, False)
    """

    def __init__(self, titles: Sequence[str], prefixes: Sequence[str] = (), sub_unit: bool = False):
        self._titles = frozenset(t for t in titles if t)
        # the prefixes by their first character: at most offsets none begins, and one dict
        # lookup says so (a dozen ``startswith`` per offset were most of the time spent here)
        self._prefixes_at: dict[str, tuple[str, ...]] = {}
        for w in sorted(set(p for p in prefixes if p)):
            self._prefixes_at[w[0]] = (*self._prefixes_at.get(w[0], ()), w)
        # the lengths of the titles that begin (end) with each character
        self._sizes_from = _sizes_by(self._titles, 0)
        self._sizes_to = _sizes_by(self._titles, -1)
        self._sub_unit = sub_unit

    def match(self, gap: str) -> bool:
        n = len(gap)
        if not self.ends_with_title(gap):
            return False  # most gaps: no title before the marks that end them
        # can_open[i]: a prefix or a title may start at i; closed[i]: a title ended at i
        # (marks may follow, then another title)
        can_open = bytearray(n + 1)
        closed = bytearray(n + 1)
        lead = 0
        while lead < n and (gap[lead] in _OPENING_MARKS or gap[lead].isspace()):
            lead += 1
        furthest = lead  # no state is set beyond this offset yet
        for k in range(lead + 1):
            can_open[k] = 1
            if self._sub_unit:
                furthest = max(furthest, self._after_sub_unit(gap, k, can_open))
        titles, sizes_from, prefixes_at = self._titles, self._sizes_from, self._prefixes_at
        for pos in range(n + 1):
            if pos > furthest:
                return False
            if closed[pos]:
                can_open[pos] = 1
                if pos < n and (gap[pos] in _TITLE_MARKS or gap[pos].isspace()):
                    closed[pos + 1] = 1
                    furthest = max(furthest, pos + 1)
            if not can_open[pos] or pos == n:
                continue
            c = gap[pos]
            for w in prefixes_at.get(c, ()):
                if gap.startswith(w, pos):
                    can_open[pos + len(w)] = 1
                    furthest = max(furthest, pos + len(w))
            if c == "驻":
                for k in range(pos + 1, min(pos + 7, n)):
                    if gap[k].isspace():
                        break
                    can_open[k + 1] = 1
                    furthest = max(furthest, k + 1)
            for size in sizes_from.get(c, ()):
                if pos + size <= n and gap[pos : pos + size] in titles:
                    closed[pos + size] = 1
                    furthest = max(furthest, pos + size)
        return bool(closed[n])

    def ends_with_title(self, gap: str) -> bool:
        """Whether a title ends ``gap``, or is followed only by marks (``、，,和兼及暨`` or
        spaces): what a match needs, told by looking at the end of the gap alone."""
        titles, sizes_to = self._titles, self._sizes_to
        end = len(gap)
        while end:
            c = gap[end - 1]
            for size in sizes_to.get(c, ()):
                if size <= end and gap[end - size : end] in titles:
                    return True
            if not (c in _TITLE_MARKS or c.isspace()):
                return False
            end -= 1
        return False

    @staticmethod
    def _after_sub_unit(gap: str, start: int, can_open: bytearray) -> int:
        """Mark where a sub-unit's name opening at ``start`` may end; return the furthest.

        The name is a run of one to 14 name characters from ``start``; a unit word may
        begin after any of them (so at ``start + 1`` up to the end of the run)."""
        furthest = start
        run_end = _SUB_UNIT_RUN.match(gap, start, min(start + 14, len(gap))).end()
        at = start + 1
        while at <= run_end and (found := _SUB_UNIT_WORD.search(gap, at)) is not None:
            at = found.start()
            if at > run_end:
                break
            for word in SUB_UNIT_WORDS:
                if gap.startswith(word, at):
                    can_open[at + len(word)] = 1
                    furthest = max(furthest, at + len(word))
            at += 1
        return furthest


def _sizes_by(titles: frozenset[str], index: int) -> dict[str, tuple[int, ...]]:
    """The lengths of ``titles`` by their character at ``index`` (0: first, -1: last)."""
    out: dict[str, set[int]] = {}
    for t in titles:
        out.setdefault(t[index], set()).add(len(t))
    return {c: tuple(sorted(sizes)) for c, sizes in out.items()}
